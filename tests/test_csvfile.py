"""CSV injection: cells that spreadsheets would run as formulas are neutralised in every CSV we write."""

import csv
import subprocess
import sys

import pandas as pd

from dashboard.data.csvfile import csv_text, neutralise
from tests.conftest import set_cell

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_formula_cells_get_an_apostrophe_and_others_stay():
    for value in HOSTILE:
        assert neutralise(value) == "'" + value
    assert neutralise("上海市") == "上海市" and neutralise(3500) == 3500 and neutralise(None) is None
    frame = pd.DataFrame({"title": HOSTILE[:2], "value": [-5, 1]})
    rows = list(csv.reader(csv_text(frame).splitlines()))
    assert rows[1:] == [["'" + HOSTILE[0], "-5"], ["'+1+1", "1"]]  # numbers are numbers, not text


def test_every_csv_writer_neutralises(data_copy, tmp_path):
    set_cell(data_copy, "plans", "P16", "title_zh", HOSTILE[0])
    set_cell(data_copy, "plans", "P16", "summary_zh", "@cmd")
    base = [sys.executable, "-m", "dashboard"]
    out = tmp_path / "timeline.csv"
    args = [*base, "export", "timeline", "--data-dir", str(data_copy), "--format", "csv", "-o", str(out)]
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    text = out.read_text(encoding="utf-8-sig")
    assert "'" + HOSTILE[0] in [cell for row in csv.reader(text.splitlines()) for cell in row]
    folder = tmp_path / "tables"
    args = [*base, "export-data", "--data-dir", str(data_copy), "--format", "csv", "-o", str(folder)]
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    with (folder / "plans.csv").open(encoding="utf-8") as f:
        p16 = next(r for r in csv.DictReader(f) if r["plan_id"] == "P16")
    assert p16["title_zh"] == "'" + HOSTILE[0] and p16["summary_zh"] == "'@cmd"


def test_whole_numbers_are_written_as_integers():
    import pandas as pd

    from dashboard.data.csvfile import csv_text

    frame = pd.DataFrame({"year": [2023.0, None, 2025.0], "rate": [2.5, 3.0, None], "value": [3.5e11, 1e9, None]})
    lines = csv_text(frame).splitlines()
    assert lines[1:] == ["2023,2.5,350000000000", ",3.0,1000000000", "2025,,"]
