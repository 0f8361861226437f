"""The README, the codebook and CONTRIBUTING.md state facts about the data and the code: they must follow them."""

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


CODEBOOK_COUNTS = {
    "README.md": (
        ("plans", "provinces", "national", "targets", "subsidies", "sources", "date"),
        r"\*\*(\d+) plans\*\* in \*\*(\d+) provinces\*\* \(and (\d+) national\s+documents\), \*\*(\d+) quantitative "
        r"targets\*\*, \*\*(\d+) subsidies\*\* and \*\*(\d+) sources\*\*; data as of \*\*([\d-]+)\*\*",
    ),
    "README.zh.md": (
        ("provinces", "plans", "national", "targets", "subsidies", "sources", "date"),
        r"\*\*(\d+) 个省份\*\*的 \*\*(\d+) 项计划\*\*（另有 (\d+) 份国家级文件）、\s*\*\*(\d+) 项量化目标\*\*、"
        r"\*\*(\d+) 项补贴\*\*和 \*\*(\d+) 个来源\*\*；数据截至 \*\*([\d-]+)\*\*",
    ),
}


@pytest.mark.parametrize("codebook", list(CODEBOOK_COUNTS))
def test_codebook_counts(facts, codebook):
    keys, pattern = CODEBOOK_COUNTS[codebook]
    text = (DEFAULT_DATA_DIR / codebook).read_text(encoding="utf-8")
    assert stated(text, pattern, keys) == {k: facts[k] for k in keys}


def test_contributing_names_only_files_and_names_that_exist():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"(?:dashboard|tests|policy_data|scripts|bench)/[\w/.<>-]*[\w>]", text))
    assert len(paths) > 10
    missing = [p for p in sorted(paths) if "<" not in p and not (ROOT / p).exists()]
    assert not missing
    from dashboard import i18n, state
    from dashboard.model import aggregates
    from dashboard.web import components, shell

    for module, name in [
        (state, "VIEWS"),
        (state, "MAP_METRICS"),
        (state, "VALIDATORS"),
        (i18n, "METRICS"),
        (i18n, "TEXT"),
        (i18n, "ENUMS"),
        (aggregates, "summarise"),
        (shell, "VIEW_MODULES"),
        (components, "View"),
    ]:
        assert f"`{name}`" in text and hasattr(module, name), name


def test_readme_layout_names_every_module():
    layout = (ROOT / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    modules = [p for p in (ROOT / "dashboard").rglob("*.py") if p.name != "__init__.py"]
    unnamed = [str(p.relative_to(ROOT)) for p in modules if p.name not in layout]
    assert not unnamed
    for package in (ROOT / "dashboard").iterdir():
        if (package / "__init__.py").exists():
            assert f"{package.name}/" in layout
