"""Load and validate the curated dataset (policy_data/) into typed tables.

The tables are checked against the Table Schema in the bundled ``datapackage.json`` (the app's
contract, :mod:`dashboard.data.reading`) and against the facts around them (:mod:`dashboard.data.checks`):
adcodes in our geodata, years, and each number against the quote that states it. All problems are
collected, then raised together as one :class:`DatasetError` whose lines read
``file:row: column: value: what is wrong``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import DEFAULT_DATA_DIR, GEODATA_DIR
from dashboard.data import checks, reading
from dashboard.data.problems import DatasetError, Problem
from dashboard.geo.boundaries import GeodataError

SCHEMA_PATH = DEFAULT_DATA_DIR / "datapackage.json"
TABLES = ("sources", "plans", "targets", "subsidies", "coverage")
MAX_FILE_BYTES = reading.MAX_FILE_BYTES
# Text columns whose values are in one language although their names say none: the sources' own Chinese
# words (quotes, publishers, focus areas, search terms), and our English bookkeeping.
_LANGUAGE_OF = {
    "quote": "zh",
    "publisher": "zh",
    "doc_number": "zh",
    "focus_areas": "zh",
    "searched_for": "zh",
    "used_for": "en",
}


@dataclass(frozen=True)
class Dataset:
    sources: pd.DataFrame
    plans: pd.DataFrame
    targets: pd.DataFrame
    subsidies: pd.DataFrame
    coverage: pd.DataFrame
    data_dir: Path

    @property
    def data_date(self) -> str:
        """The latest date any source was published: what the data is current to."""
        return str(self.sources["published"].dropna().max())


def column_language() -> dict[str, str]:
    """The language of each text column's values: ``*_zh`` and ``*_en`` by name, the rest by
    ``_LANGUAGE_OF`` (the data view shows them as they are; screen readers and the language checks need to know)."""
    names = {f["name"] for r in schema()["resources"] for f in r["schema"]["fields"]}
    by_suffix = {n: n.rsplit("_", 1)[1] for n in names if n.endswith(("_zh", "_en"))}
    return {**by_suffix, **{n: lang for n, lang in _LANGUAGE_OF.items() if n in names}}


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- entry point


def _frame(resource: dict, records: list[dict]) -> pd.DataFrame:
    columns = [f["name"] for f in resource["schema"]["fields"]]
    frame = pd.DataFrame.from_records(records, columns=columns) if records else pd.DataFrame(columns=columns)
    for field in resource["schema"]["fields"]:
        if field["type"] == "integer":
            frame[field["name"]] = frame[field["name"]].astype("Int64")
        elif field["type"] == "number":
            frame[field["name"]] = frame[field["name"]].astype("Float64")
        else:
            frame[field["name"]] = frame[field["name"]].astype("object").where(frame[field["name"]].notna(), None)
    return frame


def load_dataset(data_dir: Path = DEFAULT_DATA_DIR, geodata_dir: Path = GEODATA_DIR, spatial: bool = False) -> Dataset:
    """Read, check and type every table; raise :class:`DatasetError` listing every problem. ``spatial``
    adds the checks against the polygons (:mod:`dashboard.data.spatial_checks`): ``validate`` runs them;
    the app, which starts from a validated dataset, does not load geopandas for them."""
    data_dir = Path(data_dir)
    package = schema()
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DatasetError([Problem(str(data_dir), None, "", "", "no such data directory")])

    tables: dict[str, list[dict]] = {}
    unreadable: set[str] = set()
    resources = {r["name"]: r for r in package["resources"]}
    for name in TABLES:
        parsed = reading.read_csv(data_dir / resources[name]["path"], problems)
        tables[name] = reading.typed_rows(name, resources[name], parsed, problems) if parsed else []
        if not tables[name]:
            unreadable.add(name)
    reading.check_foreign_keys(package, tables, problems, unreadable)
    try:
        checks.check_places(tables["plans"], problems, geodata_dir)
    except GeodataError as exc:
        problems.append(Problem("places.csv", None, "", "", str(exc)))
    if spatial:
        from dashboard.data.spatial_checks import spatial_problems

        try:
            problems += spatial_problems(tables["plans"], geodata_dir)
        except GeodataError as exc:
            problems.append(Problem("geodata", None, "", "", str(exc)))
    checks.check_plans(tables["plans"], problems)
    checks.check_targets(tables["targets"], problems)
    checks.check_subsidies(tables["subsidies"], problems)
    checks.check_sources(tables["sources"], problems)
    if not tables["plans"] and not any(p.file == "plans.csv" for p in problems):  # read, but header-only
        problems.append(Problem("plans.csv", None, "", "", "the table has no rows: a map needs at least one plan"))
    if tables["sources"] and not any(s.get("published") for s in tables["sources"]):
        problems.append(
            Problem("sources.csv", None, "published", "", "no source has a date: the data date is the latest of them")
        )
    try:
        if "plans" not in unreadable:  # an unreadable plans table is reported already; nothing to agree with
            checks.check_coverage(tables["coverage"], tables["plans"], problems, geodata_dir)
    except GeodataError as exc:
        problems.append(Problem("provinces.geojson", None, "", "", str(exc)))
    if problems:
        raise DatasetError(problems)
    frames = {name: _frame(resources[name], tables[name]) for name in TABLES}
    return Dataset(**frames, data_dir=data_dir)
