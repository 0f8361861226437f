"""数据 / Data: the five tables, filterable and sortable; CSV/JSON downloads of all or of the filtered rows;
the sources, the codebook and the licences."""

from __future__ import annotations

import json
import re
from functools import cache

import pandas as pd
from dash import Dash, Input, Output, ctx, dash_table, dcc, html
from dash import State as Current
from dash.exceptions import PreventUpdate

from dashboard import DEFAULT_DATA_DIR
from dashboard.data.csvfile import csv_text
from dashboard.i18n import column_label, label, t, text_lang
from dashboard.model.aggregates import Aggregates, in_year
from dashboard.model.dataset_export import GIS_FILES, dataset_json
from dashboard.state import State
from dashboard.web.components import TABLE_HEADER_STYLE, VALL, View, announced_field, ctl, field, vid
from dashboard.web.context import AppContext

TABLE_NAMES = {
    "plans": ("规划", "Plans"),
    "targets": ("目标", "Targets"),
    "subsidies": ("补贴", "Subsidies"),
    "sources": ("来源", "Sources"),
    "coverage": ("检索范围", "Coverage"),
}
DOWNLOADS = ("download-csv-filtered", "download-json-filtered", "download-csv-all", "download-json-all")


# --------------------------------------------------------------------------- layout


def controls(state: State, agg: Aggregates) -> list:
    lang = state.lang
    tables = dcc.RadioItems(
        id=ctl("table"),
        options=[{"label": v[0 if lang == "zh" else 1], "value": k} for k, v in TABLE_NAMES.items()],
        value=state.table,
        className="radio-list",
    )
    search = dcc.Input(id=ctl("q"), type="search", value=state.q, debounce=True, maxLength=64)
    return [field(t("table", lang), tables), announced_field(state, agg), field(t("search", lang), search)]


CODEBOOKS = {"zh": "README.zh.md", "en": "README.md"}


@cache
def codebook_text(lang: str) -> str:
    """The codebook in the page's language (read once: a file removed later does not break the view)."""
    try:
        return (DEFAULT_DATA_DIR / CODEBOOKS[lang]).read_text(encoding="utf-8")
    except OSError:
        return t("codebook_missing", lang).format(file=f"policy_data/{CODEBOOKS[lang]}")


def _download_buttons(lang: str) -> html.Div:
    labels = {
        "download-csv-filtered": f"{t('download_csv', lang)} {t('filtered_rows', lang)}",
        "download-json-filtered": f"{t('download_json', lang)} {t('filtered_rows', lang)}",
        "download-csv-all": f"{t('download_csv', lang)} {t('all_rows', lang)}",
        "download-json-all": f"{t('download_json', lang)} {t('all_rows', lang)}",
    }
    buttons = [html.Button(labels[name], id=name, className="button") for name in DOWNLOADS]
    return html.Div([*buttons, dcc.Download(id="download")], className="button-row")


GIS_LABELS = {"gpkg": "download_gpkg", "provinces": "download_geojson_provinces",
              "cities": "download_geojson_cities", "plans": "download_geojson_plans"}  # fmt: skip


def _gis_links(lang: str) -> html.Div:
    """Plain links to the GIS files (/download/<name>): a browser saves them, a script can fetch them."""
    links = [
        html.A(t(GIS_LABELS[layer or fmt], lang), href=f"/download/{name}", download=name, className="button")
        for name, (fmt, layer) in GIS_FILES.items()
    ]
    return html.Div([html.Span(t("gis_layers", lang)), *links], className="button-row gis-downloads")


def table_settings(state: State, agg: Aggregates) -> dict:
    """The table's columns, and the URL's column filters and sort where they name its columns: DataTable
    fails on a filter for a column it does not have (a hand-edited link, another table's filter)."""
    names = list(getattr(agg.dataset, state.table).columns)
    filtered = set(re.findall(r"\{([^}]*)\}", state.filter))
    sort_by = [s for s in state.sort_by if s["column_id"] in names]
    return {
        "columns": [{"id": c, "name": column_label(c, state.lang)} for c in names],
        "filter_query": state.filter if filtered <= set(names) else "",
        "sort_by": sort_by,
        "filter_options": {"placeholder_text": t("filter_placeholder", state.lang)},
    }


def content(state: State, agg: Aggregates) -> list:
    lang = state.lang
    table = dash_table.DataTable(
        id=vid("data-table"),
        page_size=15,
        filter_action="native",
        sort_action="native",
        style_table={"overflowX": "auto"},
        style_cell={"fontFamily": "inherit", "fontSize": "0.85rem", "textAlign": "left", "maxWidth": "260px",
                    "whiteSpace": "nowrap", "overflow": "hidden", "textOverflow": "ellipsis"},
        tooltip_duration=None,
        style_header=TABLE_HEADER_STYLE,
        **table_settings(state, agg),  # the column filters and sort come from the URL and go back to it
    )  # fmt: skip
    return [
        _download_buttons(lang),
        _gis_links(lang),
        table,
        html.H2(t("sources_list", lang)),
        html.Div(id=vid("sources-list")),
        html.Details([html.Summary(t("codebook", lang)), dcc.Markdown(codebook_text(lang), className="codebook")]),
        html.H2(t("licences", lang)),
        html.P(t("licence_text", lang)),
    ]


# --------------------------------------------------------------------------- rows


def announced_rows(agg: Aggregates, table: str, year: str) -> pd.DataFrame:
    """A table's rows that belong to the plans announced in ``year`` (sources: published in it);
    the coverage table, which is about searches, whole."""
    frame = getattr(agg.dataset, table)
    if not year or table == "coverage":
        return frame
    if table == "sources":
        return frame[in_year(frame["published"], year)]
    plans = agg.dataset.plans
    announced = plans[in_year(plans["announced"], year)]
    return announced if table == "plans" else frame[frame["plan_id"].isin(announced["plan_id"])]


# Codebook values shown in words (the code beside them) in the data view: which enum each column holds.
ENUM_COLUMNS = {
    "sources": {"kind": "source_kind"},
    "plans": {
        "level": "level",
        "title_kind": "title_kind",
        "doc_type": "doc_type",
        "scope": "scope",
        "status": "status",
    },
    "targets": {"basis": "basis", "metric": "target_metric", "unit": "unit", "qualifier": "qualifier"},
    "subsidies": {
        "kind": "kind",
        "applies_to": "applies_to",
        "rule": "rule",
        "max_qualifier": "qualifier",
        "per": "per",
        "duration_qualifier": "qualifier",
        "fund_size_qualifier": "qualifier",
    },
    "coverage": {"result": "result"},
}


def data_records(
    agg: Aggregates, table: str, query: str, year: str = "", lang: str = "zh", display: bool = False
) -> tuple[list[dict], list[dict]]:
    """One of the five tables as DataTable columns and records: rows of plans announced in ``year`` if
    given, containing ``query`` if given. ``display``: codebook values in words with the code beside them
    ("Rent (rent)"); downloads keep the codes."""
    frame = announced_rows(agg, table, year)
    if query:
        mask = frame.astype(str).apply(lambda col: col.str.contains(query, case=False, regex=False)).any(axis=1)
        if "plan_id" in frame.columns and table != "plans":  # a target or subsidy is found by its plan's place too
            plans = agg.dataset.plans
            places = plans[["area_zh", "area_en", "title_en"]].astype(str)
            hits = plans.loc[places.apply(lambda col: col.str.contains(query, case=False, regex=False)).any(axis=1)]
            mask |= frame["plan_id"].isin(hits["plan_id"])
        frame = frame[mask]
    frame = frame.astype(object).where(frame.notna(), None)
    if display:
        frame = frame.copy()
        for column, enum in ENUM_COLUMNS.get(table, {}).items():
            frame[column] = frame[column].map(lambda v, e=enum: _in_words(e, v, lang))
    columns = [{"id": c, "name": column_label(c, lang)} for c in frame.columns]
    return columns, frame.to_dict(orient="records")


def _in_words(enum: str, value, lang: str):
    if not isinstance(value, str) or not value:
        return value
    words = label(enum, value, lang)
    return value if words == value else f"{words} ({value})"


def sources_list(agg: Aggregates, lang: str) -> html.Ol:
    items = []
    for row in agg.dataset.sources.itertuples():
        title = row.title_zh or row.publisher or ""
        if row.source_id == "S00":
            title = "「20省市公布元宇宙路线图 迎来创业新机遇」"
        parts: list = [
            html.Strong(row.source_id),
            " ",
            html.Span(title, lang=text_lang(title)),
            f" ({row.published or '—'}) ",
        ]
        if row.url:
            parts.append(html.A(row.url, href=row.url, target="_blank", rel="noopener noreferrer"))
        if getattr(row, f"note_{lang}"):
            parts.append(html.Div(getattr(row, f"note_{lang}"), className="source-note"))
        items.append(html.Li(parts))
    return html.Ol(items, className="sources")


def visible_rows(indices, count: int) -> list[int]:
    """The row positions a table's filters and sort show, as the browser reports them: whole numbers in
    range, each once, at most ``count`` of them; anything else means every row in table order."""
    if not isinstance(indices, list) or len(indices) > count:
        return list(range(count))
    seen: set[int] = set()
    out = []
    for i in indices:
        if type(i) is not int or not 0 <= i < count or i in seen:
            return list(range(count))
        seen.add(i)
        out.append(i)
    return out


def download_file(agg: Aggregates, state: State, which: str, indices) -> dict:
    """The file a download button asks for: the whole table (or dataset, as JSON), or the rows the
    table's filters and sort show."""
    as_json = which.startswith("download-json")
    if which.endswith("-all"):
        if as_json:
            text = json.dumps(dataset_json(agg.dataset), ensure_ascii=False, indent=2)
            return {"content": text, "filename": "china-metaverse-plans.json", "type": "application/json"}
        frame = getattr(agg.dataset, state.table)
        return {"content": csv_text(frame, bom=True), "filename": f"{state.table}.csv", "type": "text/csv"}
    # The rows are rebuilt here from the dataset and the URL state (table, search); the browser only
    # says which of them its column filters and sort keep, and in what order: never their content.
    columns, records = data_records(agg, state.table, state.q, state.announced)
    rows = [records[i] for i in visible_rows(indices, len(records))]
    if as_json:
        text = json.dumps({state.table: rows}, ensure_ascii=False, indent=2)
        return {"content": text, "filename": f"{state.table}-filtered.json", "type": "application/json"}
    frame = pd.DataFrame(rows, columns=[c["id"] for c in columns])
    return {"content": csv_text(frame, bom=True), "filename": f"{state.table}-filtered.csv", "type": "text/csv"}


def sort_text(sort_by) -> str:
    """DataTable's ``sort_by`` as the URL writes it: ``amount_cny:desc,region:asc``."""
    if not isinstance(sort_by, list):
        return ""
    items = [s for s in sort_by if isinstance(s, dict)]
    return ",".join(f"{s.get('column_id')}:{s.get('direction')}" for s in items)


def _first(values):
    return values[0] if isinstance(values, list) and values else None


def _first_text(values) -> str:
    value = _first(values)
    return value if isinstance(value, str) else ""


# --------------------------------------------------------------------------- callbacks


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output(VALL("data-table"), "columns"),
        Output(VALL("data-table"), "data"),
        Output(VALL("data-table"), "tooltip_data"),
        Output(VALL("sources-list"), "children"),
        Input("state", "data"),
    )
    def update_data(state_data):
        state = app_ctx.state_for("data", state_data)
        columns, records = data_records(app_ctx.agg, state.table, state.q, state.announced, state.lang, display=True)
        # Long cells are cut to one line; the full text shows on hover.
        tooltips = [
            {k: {"value": str(v), "type": "text"} for k, v in r.items() if isinstance(v, str) and len(v) > 20}
            for r in records
        ]
        return [columns], [records], [tooltips], [sources_list(app_ctx.agg, state.lang)]

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Output("last-pushed", "data", allow_duplicate=True),
        Input(VALL("data-table"), "filter_query"),
        Input(VALL("data-table"), "sort_by"),
        Current("state", "data"),
        Current("url", "search"),
        prevent_initial_call=True,
    )
    def table_to_url(filters, sorts, state_data, search):
        """The table's column filters and sort into the URL, like every other setting."""
        state = app_ctx.state(state_data)
        if state_data is None or state.view != "data":
            raise PreventUpdate
        query = state.with_(filter=_first_text(filters), sort=sort_text(_first(sorts))).to_query()
        new = app_ctx.parse(query)[0].to_query()  # validated like a URL: anything invalid is dropped
        if new == (search or ""):
            raise PreventUpdate
        return new, new

    @app.callback(
        Output("download", "data"),
        *(Input(name, "n_clicks") for name in DOWNLOADS),
        Current(VALL("data-table"), "derived_virtual_indices"),
        Current("state", "data"),
        prevent_initial_call=True,
    )
    def download(_a, _b, _c, _d, indices, state_data):
        shown = indices[0] if isinstance(indices, list) and indices else None
        return download_file(app_ctx.agg, app_ctx.state(state_data), ctx.triggered_id or "", shown)


VIEW = View("data", controls, content, register)
