"""Rows for the views' tables (subsidies, compare, data), built from the aggregates; pure functions."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.i18n import METRICS, basis_tag, format_target, format_value, label, t
from dashboard.metrics import Aggregates, scale_origin
from dashboard.panels import plans_of_region, region_title
from dashboard.subsidy_text import conditions


def place_label(agg: Aggregates, plan: pd.Series, lang: str) -> str:
    """Province (in the page language), then the place as the source names it."""
    if not isinstance(plan["province_code"], str):
        return t("national", lang)
    province = agg.name(plan["province_code"], lang)
    same = plan["area_zh"] == agg.name(plan["province_code"], "zh")
    return province if same else f"{province} · {plan['area_zh']}"


def subsidy_rows(agg: Aggregates, kind: str = "all", lang: str = "zh") -> pd.DataFrame:
    """Subsidies with a display ``region``; all kinds or one."""
    plans = agg.plans.set_index("plan_id")
    rows = agg.subsidies if kind == "all" else agg.subsidies[agg.subsidies["kind"] == kind]
    return rows.assign(region=[place_label(agg, plans.loc[p], lang) for p in rows["plan_id"]])


def subsidy_table(rows: pd.DataFrame, lang: str) -> tuple[list[dict], list[dict]]:
    """DataTable columns and records: region, kind, whom for, amount (元, sortable), conditions, quote."""
    columns = [
        {"id": "region", "name": t("region", lang)},
        {"id": "kind", "name": t("kind", lang)},
        {"id": "applies_to", "name": t("applies_to", lang)},
        {"id": "amount_cny", "name": f"{t('amount', lang)} ({'元' if lang == 'zh' else 'CNY'})", "type": "numeric",
         "format": {"specifier": ",.0f"}},
        {"id": "conditions", "name": t("conditions", lang)},
        {"id": "quote", "name": t("quote_note", lang)},
        {"id": "source_id", "name": t("source", lang)},
    ]  # fmt: skip
    records = [
        {
            "region": r["region"],
            "kind": label("kind", r["kind"], lang),
            "applies_to": label("applies_to", r["applies_to"], lang),
            "amount_cny": None if pd.isna(r["amount_cny"]) else float(r["amount_cny"]),
            "conditions": conditions(r, lang),
            "quote": r["quote"],
            "source_id": r["source_id"],
        }
        for _, r in rows.sort_values("amount_cny", ascending=False, na_position="last").iterrows()
    ]
    return columns, records


def compare_table(agg: Aggregates, codes: list[str], lang: str) -> html.Table:
    """Two to four regions side by side: plans, target years, targets and subsidies."""
    header = html.Tr([html.Th("")] + [html.Th(region_title(agg, code, lang), scope="col") for code in codes])

    def cell_list(items: list[str]) -> html.Td:
        return html.Td(html.Ul([html.Li(i) for i in items]) if items else "—")

    rows = []
    plans_by_code = {code: plans_of_region(agg, code) for code in codes}
    rows.append(
        html.Tr(
            [html.Th(METRICS["plan_count"][lang], scope="row")] + [html.Td(str(len(plans_by_code[c]))) for c in codes]
        )
    )
    rows.append(
        html.Tr(
            [html.Th(METRICS["latest_target_year"][lang], scope="row")]
            + [html.Td(format_value(p["target_year"].max(), "year", lang) if p["target_year"].notna().any() else "—") for p in plans_by_code.values()]
        )
    )  # fmt: skip
    rows.append(
        html.Tr(
            [html.Th(t("announced", lang), scope="row")]
            + [cell_list([f"{a or t('date_unknown', lang)} 《{ti}》" for a, ti in zip(p["announced"], p["title_zh"], strict=True)]) for p in plans_by_code.values()]
        )
    )  # fmt: skip
    target_cells, subsidy_cells = [], []
    for plans in plans_by_code.values():
        targets = agg.targets[agg.targets["plan_id"].isin(plans["plan_id"])]
        target_cells.append(
            cell_list(
                [
                    f"{r.subject_zh if lang == 'zh' else r.description_en}: "
                    f"{format_target(r.value, None if pd.isna(r.value_max) else r.value_max, r.unit, r.qualifier, lang)}"
                    + (f" ({int(r.year)})" if pd.notna(r.year) else "")
                    + basis_tag(r.basis, lang)
                    for r in targets.itertuples()
                ]
            )
        )
        subsidies = agg.subsidies[agg.subsidies["plan_id"].isin(plans["plan_id"])]
        subsidy_cells.append(
            cell_list([f"{label('kind', r['kind'], lang)}: {conditions(r, lang)}" for _, r in subsidies.iterrows()])
        )
    rows.append(html.Tr([html.Th(t("targets", lang), scope="row"), *target_cells]))
    rows.append(html.Tr([html.Th(t("subsidies", lang), scope="row"), *subsidy_cells]))
    return html.Table([html.Thead(header), html.Tbody(rows)], className="compare-table")


def map_table(summary: pd.DataFrame, values: pd.Series, metric: str, lang: str, basis: str = "all") -> html.Table:
    """The map's current metric as a table: the map's text alternative (with each industry-scale
    figure's basis, and for a province without plans whether it was searched)."""
    spec = METRICS[metric]
    scale = metric == "industry_scale_cny"
    frame = summary.assign(value=values)
    if scale:
        frame = frame.join(scale_origin(summary, basis).add_prefix("origin_"))
    frame = frame.sort_values(["value", "name_zh"], ascending=[False, True], na_position="last")
    body = []
    for code, row in frame.iterrows():
        if pd.notna(row["value"]):
            shown = format_value(float(row["value"]), spec["unit"], lang)
        elif pd.notna(row["plan_count"]):
            shown = t("not_stated", lang)
        elif row.get("coverage_result") == "none_found":
            shown = t("none_found_on", lang).format(date=row["coverage_searched_on"])
        elif row.get("coverage_result") == "not_searched":
            shown = t("not_searched", lang)
        else:
            shown = t("no_plan", lang)
        name = f"{row['name_zh']} {row['name_en']}" if row["name_en"] != row["name_zh"] else row["name_zh"]
        cells = [html.Td(name), html.Td(shown)]
        if scale:
            of, area = row["origin_basis"], row["origin_area"]
            shown_basis = label("basis", of, lang) if isinstance(of, str) else ""
            if shown_basis and isinstance(area, str) and area != row["name_zh"]:
                shown_basis += f"（{area}）" if lang == "zh" else f" ({area})"
            cells.append(html.Td(shown_basis))
        body.append(html.Tr(cells, **{"data-code": code}))
    heads = [html.Th(t("region", lang)), html.Th(spec[lang])] + ([html.Th(t("basis", lang))] if scale else [])
    return html.Table(
        [html.Thead(html.Tr(heads)), html.Tbody(body)],
        className="data-table",
    )


def data_records(agg: Aggregates, table: str, query: str) -> tuple[list[dict], list[dict]]:
    """One of the five tables as DataTable columns and records, rows containing ``query`` if given."""
    frame = getattr(agg.dataset, table)
    if query:
        mask = frame.astype(str).apply(lambda col: col.str.contains(query, case=False, regex=False)).any(axis=1)
        frame = frame[mask]
    frame = frame.astype(object).where(frame.notna(), None)
    columns = [{"id": c, "name": c} for c in frame.columns]
    return columns, frame.to_dict(orient="records")


def sources_list(agg: Aggregates, lang: str) -> html.Ol:
    items = []
    for row in agg.dataset.sources.itertuples():
        title = row.title_zh or row.publisher or ""
        if row.source_id == "S00":
            title = "「20省市公布元宇宙路线图 迎来创业新机遇」"
        parts: list = [html.Strong(row.source_id), f" {title} ({row.published or '—'}) "]
        if row.url:
            parts.append(html.A(row.url, href=row.url, target="_blank", rel="noopener noreferrer"))
        parts.append(html.Div(row.note, className="source-note"))
        items.append(html.Li(parts))
    return html.Ol(items, className="sources")
