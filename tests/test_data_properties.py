"""Property tests: broken datasets always end in the precise error list, never a traceback and never a
partial, silently wrong dataset; what a careful analyst would write is accepted and normalised.

Each example copies the bundled dataset, breaks it one way, and loads it. ``load_dataset`` must either
return a dataset equal to the original (for harmless variations) or raise ``DatasetError`` naming the
file, row, column and value. No table references its own kind (targets and subsidies point at plans,
plans and all three at sources), so a reference can dangle but cannot form a cycle.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import DEFAULT_DATA_DIR
from dashboard.data.dataset import TABLES, DatasetError, load_dataset, schema

ORIGINAL = load_dataset()
FILES = {r["name"]: r["path"] for r in schema()["resources"]}
NUMERIC = {
    r["name"]: [f["name"] for f in r["schema"]["fields"] if f["type"] in ("integer", "number")]
    for r in schema()["resources"]
}
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

tables = st.sampled_from(TABLES)
numeric_tables = st.sampled_from([t for t in TABLES if NUMERIC[t]])


@contextmanager
def dataset_copy():
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "policy_data"
        shutil.copytree(DEFAULT_DATA_DIR, target)
        yield target


def rows_of(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return rows[0], rows[1:]


@contextmanager
def editing(data_dir: Path, table: str):
    """A table's header and rows to change in place; written back (UTF-8) when the block ends."""
    path = data_dir / FILES[table]
    header, rows = rows_of(path)
    yield header, rows
    path.write_text(csv_text(header, rows), encoding="utf-8", errors="surrogatepass")


def csv_text(header: list[str], rows: list[list[str]], ends: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    lines = []
    for row in [header, *rows]:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        lines.append(out.getvalue()[:-1])
    ends = ends or ["\n"] * len(lines)
    return "".join(line + end for line, end in zip(lines, ends, strict=True))


def same_as_original(dataset) -> bool:
    return all(
        getattr(dataset, name).reset_index(drop=True).equals(getattr(ORIGINAL, name).reset_index(drop=True))
        for name in TABLES
    )


def problems_of(data_dir: Path) -> list:
    try:
        load_dataset(data_dir)
    except DatasetError as error:
        assert error.problems, "a DatasetError always lists its problems"
        for problem in error.problems:
            assert problem.file and problem.message  # every line names a file and says what is wrong
        return error.problems
    return []


# ------------------------------------------------------------------ accepted, and read the same


@FAST
@given(table=tables, bom=st.booleans(), ends=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1))
def test_bom_and_mixed_line_endings_read_the_same(table, bom, ends):
    with dataset_copy() as data:
        path = data / FILES[table]
        header, rows = rows_of(path)
        line_ends = [ends[i % len(ends)] for i in range(len(rows) + 1)]
        path.write_bytes(("\ufeff" if bom else "").encode() + csv_text(header, rows, line_ends).encode())
        assert same_as_original(load_dataset(data))


@FAST
@given(table=numeric_tables, data=st.data())
def test_full_width_digits_and_stray_spaces_in_numbers_are_normalised(table, data):
    with dataset_copy() as dataset_dir:
        with editing(dataset_dir, table) as (header, rows):
            column = data.draw(st.sampled_from(NUMERIC[table]))
            col = header.index(column)
            for row in rows:
                if row[col]:
                    row[col] = data.draw(st.sampled_from(["", " ", "\u3000"])) + row[col].translate(FULL_WIDTH) + " "
        assert same_as_original(load_dataset(dataset_dir))


@FAST
@given(index=st.integers(min_value=0, max_value=len(ORIGINAL.targets) - 1))
def test_full_width_digits_in_a_quote_are_accepted(index):
    with dataset_copy() as data:
        with editing(data, "targets") as (header, rows):
            col = header.index("quote")
            rows[index][col] = rows[index][col].translate(FULL_WIDTH).replace(",", "，")
        dataset = load_dataset(data)
        assert dataset.targets["value"].equals(ORIGINAL.targets["value"])  # the numbers still match the quotes


# ------------------------------------------------------------------ refused, precisely


@FAST
@given(table=tables)
def test_gbk_files_are_refused_with_the_line_of_the_first_bad_byte(table):
    with dataset_copy() as data:
        path = data / FILES[table]
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.encode("gbk", errors="replace"))
        problems = problems_of(data)
        assert [p.file for p in problems] == [FILES[table]]
        assert "not UTF-8" in problems[0].message and problems[0].row >= 1 and problems[0].value.startswith("0x")


@FAST
@given(
    table=numeric_tables,
    data=st.data(),
    number=st.one_of(
        st.integers(min_value=10**12, max_value=10**60).map(str),
        st.integers(min_value=300, max_value=6000).map(lambda n: "9" * n),  # beyond int() and float()
        st.sampled_from(
            ["1e999", "-1e999", "inf", "NaN", "1_000", "0x10", "１２.５.６", "2025年", "1,000", "２０万元"]
        ),
    ),
)
def test_absurd_numbers_are_refused_by_file_row_column_and_value(table, data, number):
    with dataset_copy() as dataset_dir:
        with editing(dataset_dir, table) as (header, rows):
            column = data.draw(st.sampled_from(NUMERIC[table]))
            index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
            rows[index][header.index(column)] = number
        problems = problems_of(dataset_dir)
        here = [p for p in problems if (p.file, p.row, p.column) == (FILES[table], index + 2, column)]
        assert here, problems
        assert here[0].value == unicodedata.normalize("NFKC", number)  # the value as written, full width folded


@FAST
@given(table=tables, content=st.sampled_from([b"", b"\xef\xbb\xbf", b"  \n\r\n", b"\n\n\n"]))
def test_empty_files_are_refused(table, content):
    with dataset_copy() as data:
        (data / FILES[table]).write_bytes(content)
        problems = problems_of(data)
        assert any(p.file == FILES[table] and "empty" in p.message for p in problems)


@FAST
@given(missing=st.sets(tables, min_size=1))
def test_missing_tables_are_each_named(missing):
    with dataset_copy() as data:
        for table in missing:
            (data / FILES[table]).unlink()
        problems = problems_of(data)
        assert {p.file for p in problems if "missing" in p.message} == {FILES[t] for t in missing}


@FAST
@given(table=tables, data=st.data())
def test_duplicated_keys_are_refused_on_the_second_line(table, data):
    with dataset_copy() as dataset_dir:
        with editing(dataset_dir, table) as (header, rows):
            index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
            rows.append(list(rows[index]))
        problems = problems_of(dataset_dir)
        assert any(p.row == len(rows) + 1 and "duplicate id" in p.message for p in problems), problems


@FAST
@given(
    table=st.sampled_from(["targets", "subsidies", "plans"]),
    data=st.data(),
    dangling=st.sampled_from(["P99", "P0999", "S999", "X1", "p01", "P01 P02"]),
)
def test_dangling_references_are_refused(table, data, dangling):
    with dataset_copy() as dataset_dir:
        with editing(dataset_dir, table) as (header, rows):
            column = "source_id" if table == "plans" else data.draw(st.sampled_from(["plan_id", "source_id"]))
            index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
            rows[index][header.index(column)] = dangling
        problems = problems_of(dataset_dir)
        assert any((p.row, p.column, p.value) == (index + 2, column, dangling) for p in problems), problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables, data=st.data(), junk=st.text(max_size=80))
def test_any_cell_any_text_ends_in_a_dataset_or_the_error_list(table, data, junk):
    """Whatever a cell holds: either the load succeeds with that value, or the problems say where."""
    with dataset_copy() as dataset_dir:
        with editing(dataset_dir, table) as (header, rows):
            index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
            column = data.draw(st.sampled_from(header))
            rows[index][header.index(column)] = junk
        try:
            dataset = load_dataset(dataset_dir)
        except DatasetError as error:
            assert all(p.file and p.message for p in error.problems)
            return
        frame = getattr(dataset, table)
        assert len(frame) == len(rows)  # never a silently shorter table
        stored = frame.iloc[index][column]
        assert pd.isna(stored) or str(stored).strip() != "" or junk.strip() == ""


@FAST
@given(garbage=st.binary(min_size=1, max_size=200), table=tables)
def test_binary_garbage_appended_never_crashes(garbage, table):
    with dataset_copy() as data:
        with (data / FILES[table]).open("ab") as f:
            f.write(garbage)
        problems_of(data)  # returns or lists problems; any other exception fails the test


def test_the_command_line_and_the_app_give_the_same_list_without_a_traceback():
    from dashboard.web.app import create_app

    with dataset_copy() as data:
        with editing(data, "subsidies") as (header, rows):
            rows[0][header.index("max_cny")] = "9" * 5000
        result = subprocess.run(
            [sys.executable, "-m", "dashboard", "validate", "--data-dir", str(data)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
        assert "subsidies.csv:2: max_cny:" in result.stdout + result.stderr
        try:
            create_app(data)
        except DatasetError as error:
            assert [str(p) for p in error.problems] == [str(p) for p in problems_of(data)]
        else:
            raise AssertionError("the app started on a broken dataset")
