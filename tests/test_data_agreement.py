"""`validate` and start-up agree (issue 12, items 7-9): a dataset that validates serves, one that does not is
refused by both with the same problems, never a traceback; hostile files are not followed or read whole."""

import os
import subprocess
import sys

import pytest

from dashboard.data.dataset import DatasetError, load_dataset
from dashboard.web.app import create_app
from tests.conftest import read_rows, write_rows


def header_only(data_dir, name):
    header, _ = read_rows(data_dir / f"{name}.csv")
    write_rows(data_dir / f"{name}.csv", header, [])


def blank_column(data_dir, name, column, keep=lambda v: ""):
    header, rows = read_rows(data_dir / f"{name}.csv")
    i = header.index(column)
    for row in rows:
        row[i] = keep(row[i])
    write_rows(data_dir / f"{name}.csv", header, rows)


BREAKS = {
    "targets and subsidies header-only": lambda d: (header_only(d, "targets"), header_only(d, "subsidies")),
    "plans, targets and subsidies header-only": lambda d: [
        header_only(d, n) for n in ("targets", "subsidies", "plans")
    ],
    "announcements all bare years": lambda d: blank_column(d, "plans", "announced", lambda v: v[:4]),
    "no announcement dates": lambda d: (
        blank_column(d, "plans", "announced"),
        blank_column(d, "plans", "announced_source_id"),
    ),
    "sources without publication dates": lambda d: blank_column(d, "sources", "published"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_validate_and_start_up_agree(data_copy, name):
    BREAKS[name](data_copy)
    try:
        load_dataset(data_copy)
    except DatasetError as exc:
        with pytest.raises(DatasetError) as at_start:
            create_app(data_copy)
        assert [str(p) for p in at_start.value.problems] == [str(p) for p in exc.problems]
        return
    app = create_app(data_copy)  # valid: it must serve every view
    client = app.server.test_client()
    for path in ("/", "/embed/map", "/embed/timeline", "/embed/subsidies", "/export/map.csv", "/export/timeline.csv"):
        assert client.get(path).status_code == 200, path


def test_a_long_run_of_yi_is_a_problem_not_a_crash(data_copy):
    from tests.conftest import set_cell

    set_cell(data_copy, "targets", "T02", "quote", "1" + "亿" * 400 + "元")
    with pytest.raises(DatasetError) as info:
        load_dataset(data_copy)
    assert any("the quote does not state this value" in str(p) for p in info.value.problems)
    result = subprocess.run([sys.executable, "-m", "dashboard", "validate", "--data-dir", str(data_copy)],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_only_regular_files_inside_the_folder_are_read(data_copy, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to(secret)
    with pytest.raises(DatasetError) as info:
        load_dataset(data_copy)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "TOP-SECRET" not in text and "sources.csv" in text and "not a regular file" in text
    (data_copy / "sources.csv").unlink()
    os.mkfifo(data_copy / "sources.csv")  # a FIFO would block a reader forever
    with pytest.raises(DatasetError) as info:
        load_dataset(data_copy)
    assert any("not a regular file" in str(p) for p in info.value.problems)


def test_oversized_files_are_refused_before_reading(data_copy):
    from dashboard.data import dataset as data

    path = data_copy / "plans.csv"
    with path.open("ab") as f:
        f.truncate(data.MAX_FILE_BYTES + 1)
    with pytest.raises(DatasetError) as info:
        load_dataset(data_copy)
    assert any(p.file == "plans.csv" and "larger than" in p.message for p in info.value.problems)
