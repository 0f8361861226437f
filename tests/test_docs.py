"""The README and the codebook state the dataset's size and date: they must follow the data."""

import re
from pathlib import Path

import pytest

from dashboard import DEFAULT_DATA_DIR
from dashboard.data.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    data = load_dataset()
    return {
        "plans": str(len(data.plans)),
        "provinces": str(data.plans["province_code"].dropna().nunique()),
        "national": str((data.plans["level"] == "national").sum()),
        "targets": str(len(data.targets)),
        "subsidies": str(len(data.subsidies)),
        "sources": str(len(data.sources)),
        "date": data.data_date,
    }


def stated(text: str, pattern: str, keys: tuple[str, ...]) -> dict[str, str]:
    found = re.search(pattern, text)
    assert found, "the dataset line has changed shape"
    return dict(zip(keys, found.groups(), strict=True))


def test_readme_counts(facts):
    keys = ("plans", "provinces", "national", "date", "targets", "subsidies", "sources")
    pattern = (
        r"(\d+) plans in (\d+) provinces plus (\d+) national documents\s+\(2021–\d{4}, data as of ([\d-]+)\), "
        r"(\d+) targets, (\d+) subsidies, (\d+) sources"
    )
    assert stated((ROOT / "README.md").read_text(encoding="utf-8"), pattern, keys) == {k: facts[k] for k in keys}


def test_codebook_counts(facts):
    keys = ("plans", "provinces", "national", "targets", "subsidies", "sources", "date")
    pattern = (
        r"\*\*(\d+) plans\*\* in \*\*(\d+) provinces\*\* \(and (\d+) national\s+documents\), \*\*(\d+) quantitative "
        r"targets\*\*, \*\*(\d+) subsidies\*\* and \*\*(\d+) sources\*\*; data as of \*\*([\d-]+)\*\*"
    )
    text = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert stated(text, pattern, keys) == {k: facts[k] for k in keys}
