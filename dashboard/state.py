"""Every view setting lives in the URL query. Parse it leniently (unknown or invalid values fall back to
the default with a note the page shows) and write it back with defaults left out.

The same names serve the app, the embed pages and the export command.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

VIEWS = ("map", "ranking", "timeline", "subsidies", "compare", "data")
MAP_METRICS = ("plan_count", "latest_target_year", "industry_scale_cny", "max_subsidy_cny", "announced_by")
KINDS = (
    "all",
    "rent",
    "operating",
    "office_purchase",
    "talent",
    "startup_rnd",
    "loan_interest",
    "project_grant",
    "fund",
)
# Industry-scale targets by what they cover (see the codebook): all, or one basis.
BASES = ("all", "core", "metaverse", "related", "xr", "driven")
LEVELS = ("all", "province", "city", "district")
DOC_TYPES = (
    "all",
    "action_plan",
    "policy_measures",
    "development_plan",
    "five_year_plan",
    "guidance",
    "government_work_report",
    "party_plenum",
    "investment_scheme",
    "agreement",
    "alliance",
    "press_conference",
)
SCALES = ("linear", "log")
TABLES = ("plans", "targets", "subsidies", "sources", "coverage")
LANGS = ("zh", "en")
UNITS = ("city", "county")
# The ranking view's target metrics (targets.csv `metric`): what a region can be ranked by.
TARGET_METRICS = (
    "industry_scale_cny",
    "firms",
    "leading_firms",
    "specialized_firms",
    "listed_firms",
    "scenarios",
    "products",
    "platforms",
    "parks",
    "projects",
    "clusters",
    "alliances",
    "gdp_share_pct",
    "growth_rate_pct",
)
STATUSES = ("all", "issued", "draft")
# Export sizes a presenter picks by name: a 16:9 and a 4:3 slide, a square, an A4 page (portrait, 150 dpi).
SIZES = {"slide": (1600, 900), "slide43": (1200, 900), "square": (1000, 1000), "a4": (1240, 1754)}
_YEAR = re.compile(r"^20[2-4]\d$")
PROFILES = ("tenant", "operator", "talent", "specialized", "buyer", "project")
_ADCODE = re.compile(r"^[1-8]\d{5}$")
_MONTH = re.compile(r"^20\d{2}-(0[1-9]|1[0-2])$")
MAX_VALUE_LENGTH = 64


@dataclass(frozen=True)
class State:
    view: str = "map"
    lang: str = "zh"
    metric: str = "plan_count"
    kind: str = "all"
    basis: str = "all"  # for metric industry_scale_cny: one basis, or all but driven industries
    date: str = ""  # YYYY-MM, for metric announced_by; empty = latest
    region: str = ""  # selected adcode (side panel)
    drill: str = ""  # province adcode whose cities are shown
    units: str = "city"  # drill-down units: city | county
    markers: str = "1"
    scale: str = "linear"
    level: str = "all"
    doctype: str = "all"
    province: str = ""  # timeline filter
    regions: str = ""  # compare: comma-separated adcodes
    table: str = "plans"
    q: str = ""  # data view text filter
    area: str = ""  # calculator: office area, m²
    rent: str = ""  # calculator: 元/m²/day
    years: str = ""  # calculator: 1–5
    profiles: str = ""  # calculator: comma-separated profiles
    price: str = ""  # calculator: office price, 元
    target: str = "industry_scale_cny"  # ranking: the target metric regions are ranked by
    year: str = ""  # ranking: the year a target refers to; empty = any
    status: str = "all"  # ranking: issued documents, drafts, or both
    announced: str = ""  # a year: only plans announced in it (map, ranking, timeline, data)
    highlight: str = ""  # ranking: comma-separated adcodes kept in view and coloured
    title: str = ""  # presenter: a title of one's own for exports and embeds
    note: str = ""  # presenter: a note under the chart
    size: str = ""  # presenter: slide | slide43 | square | a4 (exports)
    filter: str = ""  # data view: the table's column filters (DataTable filter_query)
    sort: str = ""  # data view: column:asc|desc, comma-separated

    def to_query(self) -> str:
        default = State()
        changed = {k: v for k, v in asdict(self).items() if v != getattr(default, k)}
        return "?" + urlencode(changed) if changed else ""

    def with_(self, **changes) -> State:
        return replace(self, **changes)

    @property
    def profile_list(self) -> list[str]:
        return [p for p in self.profiles.split(",") if p]

    @property
    def compare_regions(self) -> list[str]:
        return [code for code in self.regions.split(",") if code]

    @property
    def sort_by(self) -> list[dict]:
        """The data view's sort as DataTable's ``sort_by``."""
        pairs = [item.split(":") for item in self.sort.split(",") if item]
        return [{"column_id": column, "direction": direction} for column, direction in pairs]

    @property
    def highlighted(self) -> list[str]:
        return [code for code in self.highlight.split(",") if code]


def _choice(options: tuple[str, ...]):
    return lambda value, ctx: value if value in options else None


def _adcode(value: str, ctx) -> str | None:
    return value if _ADCODE.match(value) and value in ctx["places"] else None


def _province(value: str, ctx) -> str | None:
    return value if value in ctx["provinces"] else None


def _month(value: str, ctx) -> str | None:
    return value if _MONTH.match(value) and ctx["months"][0] <= value <= ctx["months"][-1] else None


def _regions(value: str, ctx) -> str | None:
    codes = [c for c in value.split(",") if c]
    if len(codes) > 4 or len(set(codes)) != len(codes) or not all(c in ctx["places"] for c in codes):
        return None
    return ",".join(codes)


_SORT = re.compile(r"^[a-z_]{1,40}:(asc|desc)(,[a-z_]{1,40}:(asc|desc)){0,3}$")
MAX_FILTER_LENGTH = 200


def _sort(value: str, ctx) -> str | None:
    return value if _SORT.match(value) else None


def _filter(value: str, ctx) -> str | None:
    return value if len(value) <= MAX_FILTER_LENGTH and value.isprintable() else None


def _words(limit: int):
    def check(value: str, ctx) -> str | None:
        return value if len(value) <= limit and value.isprintable() else None

    return check


def _year(value: str, ctx) -> str | None:
    return value if _YEAR.match(value) else None


def _text(value: str, ctx) -> str | None:
    return value if len(value) <= MAX_VALUE_LENGTH and value.isprintable() else None


def format_number(number: float) -> str:
    """A number as the URL shows it: 8000000, not 8e+06; 2.5 stays 2.5."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _number(low: float, high: float, whole: bool = False):
    def check(value: str, ctx) -> str | None:
        try:
            number = float(value)
        except ValueError:
            return None
        if not low <= number <= high or (whole and not number.is_integer()):
            return None
        return format_number(number)

    return check


def _profiles(value: str, ctx) -> str | None:
    items = [p for p in value.split(",") if p]
    return ",".join(items) if items and all(p in PROFILES for p in items) and len(set(items)) == len(items) else None


VALIDATORS = {
    "view": _choice(VIEWS),
    "lang": _choice(LANGS),
    "metric": _choice(MAP_METRICS),
    "kind": _choice(KINDS),
    "basis": _choice(BASES),
    "date": _month,
    "region": _adcode,
    "drill": _province,
    "units": _choice(UNITS),
    "markers": _choice(("0", "1")),
    "scale": _choice(SCALES),
    "level": _choice(LEVELS),
    "doctype": _choice(DOC_TYPES),
    "province": _province,
    "regions": _regions,
    "table": _choice(TABLES),
    "q": _text,
    "area": _number(1, 1_000_000),
    "rent": _number(0, 1_000),
    "years": _number(1, 5, whole=True),
    "profiles": _profiles,
    "price": _number(0, 100_000_000_000),
    "target": _choice(TARGET_METRICS),
    "year": _year,
    "status": _choice(STATUSES),
    "announced": _year,
    "highlight": _regions,
    "title": _words(120),
    "note": _words(200),
    "size": _choice(tuple(SIZES)),
    "filter": _filter,
    "sort": _sort,
}
assert set(VALIDATORS) == {f.name for f in fields(State)}


def parse_query(
    search: str | None, places: set[str], provinces: set[str], months: list[str]
) -> tuple[State, list[str]]:
    """The state a URL query asks for, and the names of parameters that were ignored.

    ``places`` are the adcodes a region may take, ``provinces`` those with a drill-down, ``months`` the
    date slider's range.
    """
    ctx = {"places": places, "provinces": provinces, "months": months}
    values: dict[str, str] = {}
    ignored: list[str] = []
    query = (search or "").lstrip("?")
    if len(query) > 2000:
        return State(), ["query"]
    for name, items in parse_qs(query, keep_blank_values=True).items():
        validator = VALIDATORS.get(name)
        value = items[-1].strip()
        if validator is None:
            ignored.append(name[:MAX_VALUE_LENGTH])
            continue
        if value == "":
            continue
        checked = validator(value[: MAX_VALUE_LENGTH * 4], ctx)
        if checked is None:
            ignored.append(name)
        else:
            values[name] = checked
    return State(**values), ignored
