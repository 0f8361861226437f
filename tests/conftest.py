import csv
import shutil
from pathlib import Path

import pytest

from dashboard import DEFAULT_DATA_DIR


def table(name: str) -> list[dict]:
    """A bundled table read with the csv module alone: expectations that follow the data without
    going through the code under test."""
    with (DEFAULT_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def plans_in(province: str) -> list[dict]:
    return [p for p in table("plans") if p["province_code"] == province]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled dataset."""
    target = tmp_path / "policy_data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def set_cell(data_dir: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row whose id (first column) is ``row_id``; return its line number."""
    path = data_dir / f"{table}.csv"
    header, rows = read_rows(path)
    for index, row in enumerate(rows):
        if row[0] == row_id:
            row[header.index(column)] = value
            write_rows(path, header, rows)
            return index + 2
    raise KeyError(row_id)
