"""Detail panels built from the tables: the plans of a region with their targets, subsidies, quotes and
sources. Text from the dataset is passed as component children, so it is always rendered as text."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.i18n import basis_tag, format_target, label, t
from dashboard.metrics import Aggregates
from dashboard.subsidy_text import conditions


def _present(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def plans_of_region(agg: Aggregates, code: str) -> pd.DataFrame:
    """Plans in a province (all levels), or drawn at a city (with its districts) or a district."""
    plans = agg.plans
    if code in agg.province_codes:
        selected = plans[plans["province_code"] == code]
    else:
        place = agg.places.get(code)
        if place is None:
            return plans.iloc[0:0]
        in_city = plans["place_code"].map(lambda c: _present(c) and agg.places[c].city_code == code)
        selected = plans[(plans["place_code"] == code) | (in_city if place.level == "city" else False)]
    return selected.sort_values("announced", na_position="last", key=lambda s: s.fillna("9999"))


def region_title(agg: Aggregates, code: str, lang: str) -> str:
    """Chinese name first (with its city for a district), the English name beside it where we have one."""
    zh, en = agg.name(code, "zh"), agg.name(code, "en")
    place = agg.places.get(code)
    prefix = ""
    if place and place.level == "district":
        parent = place.city_code or place.province_code
        prefix = agg.name(parent, "zh")
    return f"{prefix}{zh} {en}" if en != zh else f"{prefix}{zh}"


def _source(agg: Aggregates, source_id: str, lang: str) -> html.Span:
    sources = agg.sources_by_id  # indexed once, not per quote
    if source_id not in sources.index:
        return html.Span(source_id)
    row = sources.loc[source_id]
    text = row["title_zh"] if _present(row["title_zh"]) else row["publisher"] if _present(row["publisher"]) else ""
    if source_id == "S00":
        text = "「20省市公布元宇宙路线图 迎来创业新机遇」(2022)"
    shown = f"{t('source', lang)} {source_id}: {text}".strip()
    if _present(row["url"]):
        return html.Span(
            [
                f"{t('source', lang)} {source_id}: ",
                html.A(text or row["url"], href=row["url"], target="_blank", rel="noopener noreferrer"),
            ]
        )
    return html.Span(shown)


def _target_item(agg: Aggregates, row, lang: str) -> html.Li:
    subject = row.subject_zh if lang == "zh" else row.description_en
    value = format_target(row.value, row.value_max if _present(row.value_max) else None, row.unit, row.qualifier, lang)
    year = (
        f"（{int(row.year)}年）"
        if lang == "zh" and _present(row.year)
        else f" ({int(row.year)})"
        if _present(row.year)
        else ""
    )
    return html.Li(
        [
            html.Span(f"{subject}: ", className="item-subject"),
            html.Strong(f"{value}{year}{basis_tag(getattr(row, 'basis', None), lang)}"),
            html.Blockquote(row.quote, className="quote", title=t("quote_note", lang)),
            html.Div(_source(agg, row.source_id, lang), className="source"),
        ]
    )


def _subsidy_item(agg: Aggregates, row: pd.Series, lang: str) -> html.Li:
    description = row["description_zh"] if lang == "zh" else row["description_en"]
    return html.Li(
        [
            html.Span(
                f"{label('kind', row['kind'], lang)} · {label('applies_to', row['applies_to'], lang)}: ",
                className="item-subject",
            ),
            html.Span(description),
            html.Div(html.Strong(conditions(row, lang))),
            html.Blockquote(row["quote"], className="quote", title=t("quote_note", lang)),
            html.Div(_source(agg, row["source_id"], lang), className="source"),
        ]
    )


def plan_card(agg: Aggregates, plan: pd.Series, lang: str) -> html.Article:
    facts = [
        f"{label('level', plan['level'], lang)} · {plan['area_zh']}",
        label("doc_type", plan["doc_type"], lang),
        f"{t('announced', lang)}: {plan['announced'] if _present(plan['announced']) else t('date_unknown', lang)}",
    ]
    if _present(plan["issuer_zh"]):
        facts.append(f"{t('issuer', lang)}: {plan['issuer_zh']}")
    if _present(plan["period_start"]) or _present(plan["period_end"]):
        start = int(plan["period_start"]) if _present(plan["period_start"]) else ""
        end = int(plan["period_end"]) if _present(plan["period_end"]) else ""
        facts.append(f"{t('period', lang)}: {start}–{end}")
    if _present(plan["target_year"]):
        facts.append(f"{t('target_year', lang)}: {int(plan['target_year'])}")
    if plan["status"] == "draft":
        facts.append(label("status", "draft", lang))
    targets = agg.targets[agg.targets["plan_id"] == plan["plan_id"]]
    subsidies = agg.subsidies[agg.subsidies["plan_id"] == plan["plan_id"]]
    children = [
        html.H3(f"《{plan['title_zh']}》" if plan["title_kind"] == "document" else plan["title_zh"]),
        html.P(" · ".join(facts), className="plan-facts"),
        html.P(plan["summary_zh"] if lang == "zh" else plan["summary_en"], className="plan-summary"),
    ]
    if len(targets):
        children += [html.H4(t("targets", lang)), html.Ul([_target_item(agg, r, lang) for r in targets.itertuples()])]
    if len(subsidies):
        children += [
            html.H4(t("subsidies", lang)),
            html.Ul([_subsidy_item(agg, r, lang) for _, r in subsidies.iterrows()]),
        ]
    if _present(plan["note"]):
        children.append(html.P(plan["note"], className="plan-note"))
    children.append(html.P(_source(agg, plan["source_id"], lang), className="source"))
    return html.Article(children, className="plan-card", id=f"plan-{plan['plan_id']}")


def coverage_lines(agg: Aggregates, code: str, lang: str, has_plans: bool) -> list:
    """How far the dataset searched this province: "searched, none found (as of …)" is an answer,
    "not searched" is not, and a reader must be able to tell them apart."""
    summary = agg.province_summary
    if code not in summary.index or "coverage_result" not in summary.columns:
        return []
    row = summary.loc[code]
    result, date = row["coverage_result"], row["coverage_searched_on"]
    if result == "not_searched" or not _present(result):
        return [html.P(t("not_searched", lang), className="coverage-note")]
    lines = []
    if has_plans:
        lines.append(f"{t('searched_on', lang)}: {date}")
    else:
        lines.append(t("none_found_on", lang).format(date=date))
    note = row[f"coverage_note_{lang}"]
    if _present(note) and note:
        lines.append(note)
    out: list = [html.P(line, className="coverage-note") for line in lines]
    if _present(row["coverage_searched_for"]) and row["coverage_searched_for"]:
        out.append(
            html.Details(
                [html.Summary(t("searched_for", lang)), html.P(row["coverage_searched_for"])],
                className="coverage-note",
            )
        )
    return out


def region_panel(agg: Aggregates, code: str, lang: str, can_drill: bool) -> list:
    """The side panel for ``code`` (a province, city or district adcode); empty prompt when none."""
    if not code:
        return [html.P(t("panel_empty", lang), className="panel-empty")]
    plans = plans_of_region(agg, code)
    header = [html.H2(region_title(agg, code, lang), id="panel-title")]
    if can_drill:
        header.append(html.Button(t("drill", lang), id="drill-button", n_clicks=0, className="button"))
    count = f"{len(plans)} {t('plans_at', lang)}" if len(plans) else t("no_plans_here", lang)
    header.append(html.P(count, className="panel-count"))
    header += coverage_lines(agg, code, lang, bool(len(plans)))
    return header + [plan_card(agg, plan, lang) for _, plan in plans.iterrows()]


def calculator_panel(agg: Aggregates, state) -> list:
    """The calculator's result for the firm described in ``state``: min–max chart and region cards."""
    from dash import dcc

    from dashboard.calculator import Firm, InputError, calculate
    from dashboard.figures.subsidies import calculator_chart
    from dashboard.i18n import format_cny

    lang = state.lang
    if not (state.area and state.years and state.profiles):
        return [html.P(t("calc_prompt", lang), className="note")]
    try:
        firm = Firm(
            float(state.area),
            float(state.rent or 0),
            int(state.years),
            tuple(state.profile_list),
            float(state.price) if state.price else None,
        )
    except InputError as exc:
        return [html.P(str(exc), className="banner", role="alert")]
    result = calculate(agg, firm, lang)
    cards = []
    for region in result["regions"]:
        rules = [
            html.Li(
                [
                    html.Strong(
                        f"{r['kind_label']} ({r['subsidy_id']}): {format_cny(r['min_cny'], lang)} – {format_cny(r['max_cny'], lang)}"
                    ),
                    html.Div(r["formula"], className="calc-formula"),
                    *(html.Div(c, className="calc-na") for c in r["conditions"]),
                    html.Blockquote(r["quote"], className="quote"),
                ]
            )
            for r in region["rules"]
        ]
        missing = [html.Li(f"{r['kind_label']} ({r['subsidy_id']}): {r['reason']}") for r in region["not_applicable"]]
        total = (
            f"{format_cny(region['min_cny'], lang)} – {format_cny(region['max_cny'], lang)}" if region["rules"] else "—"
        )
        cards.append(
            html.Div(
                [
                    html.H4(f"{region['region_name']}: {total}"),
                    html.Ul(rules) if rules else None,
                    html.Details([html.Summary(t("calc_not_applicable", lang)), html.Ul(missing)], className="calc-na")
                    if missing
                    else None,
                ],
                className="calc-region",
                **{"data-region": region["region_code"]},
            )
        )
    figure = calculator_chart(result["regions"], lang)
    return [
        html.H3(t("calc_chart_title", lang)),
        dcc.Graph(
            figure=figure,
            config={"displaylogo": False, "responsive": True},
            style={"height": f"{figure.layout.height}px"},
        ),
        html.Div(cards, className="calc-regions"),
    ]
