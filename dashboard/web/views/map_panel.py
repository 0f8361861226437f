"""The map view's side panel (the plans of a region with their targets, subsidies, quotes, sources, and
how far the dataset searched it) and the map as a table. Text from the dataset is passed as component
children, so it is always rendered as text."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
from dash import html

from dashboard.i18n import METRICS, basis_tag, format_target, format_value, label, t, text_lang
from dashboard.model.aggregates import Aggregates, scale_origin
from dashboard.model.regions import own_plans_first, plan_status, plan_title, plans_of_region, present
from dashboard.model.subsidy_text import conditions
from dashboard.web.components import in_chinese, region_heading, two_names


def _source(agg: Aggregates, source_id: str, lang: str) -> html.Span:
    sources = agg.sources_by_id  # indexed once, not per quote
    if source_id not in sources.index:
        return html.Span(source_id)
    row = sources.loc[source_id]
    text = row["title_zh"] if present(row["title_zh"]) else row["publisher"] if present(row["publisher"]) else ""
    if source_id == "S00":
        text = "「20省市公布元宇宙路线图 迎来创业新机遇」(2022)"
    title = html.Span(text, lang=text_lang(text)) if text else ""
    if present(row["url"]):
        title = html.A(title or row["url"], href=row["url"], target="_blank", rel="noopener noreferrer")
    return html.Span([f"{t('source', lang)} {source_id}: ", title])


def _target_item(agg: Aggregates, row, lang: str) -> html.Li:
    subject = row.subject_zh if lang == "zh" else row.description_en
    value = format_target(row.value, row.value_max if present(row.value_max) else None, row.unit, row.qualifier, lang)
    year = (
        f"（{int(row.year)}年）"
        if lang == "zh" and present(row.year)
        else f" ({int(row.year)})"
        if present(row.year)
        else ""
    )
    return html.Li(
        [
            html.Span(f"{subject}: ", className="item-subject"),
            html.Strong(f"{value}{year}{basis_tag(getattr(row, 'basis', None), lang)}"),
            in_chinese(row.quote, html.Blockquote, className="quote", title=t("quote_note", lang)),
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
            in_chinese(row["quote"], html.Blockquote, className="quote", title=t("quote_note", lang)),
            html.Div(_source(agg, row["source_id"], lang), className="source"),
        ]
    )


def _joined(parts: list, separator: str) -> list:
    """Text and components in a row, with a separator between them."""
    out: list = []
    for part in parts:
        out += ([separator] if out else []) + (part if isinstance(part, list) else [part])
    return out


def plan_card(agg: Aggregates, plan: pd.Series, lang: str) -> html.Article:
    facts: list = [
        f"{label('level', plan['level'], lang)} · {plan['area_en'] if lang == 'en' else plan['area_zh']}",
        label("doc_type", plan["doc_type"], lang),
        f"{t('announced', lang)}: {plan['announced'] if present(plan['announced']) else t('date_unknown', lang)}",
    ]
    if present(plan["issuer_zh"]):
        facts.append([f"{t('issuer', lang)}: ", in_chinese(plan["issuer_zh"])])
    if present(plan["period_start"]) or present(plan["period_end"]):
        start = int(plan["period_start"]) if present(plan["period_start"]) else ""
        end = int(plan["period_end"]) if present(plan["period_end"]) else ""
        facts.append(f"{t('period', lang)}: {start}–{end}")
    if present(plan["target_year"]):
        facts.append(f"{t('target_year', lang)}: {int(plan['target_year'])}")
    targets = agg.targets[agg.targets["plan_id"] == plan["plan_id"]]
    subsidies = agg.subsidies[agg.subsidies["plan_id"] == plan["plan_id"]]
    status, end = plan_status(plan)
    children = [
        in_chinese(f"《{plan['title_zh']}》" if plan["title_kind"] == "document" else plan["title_zh"], html.H3),
        *([html.P(plan_title(plan, lang), className="plan-title-en", lang="en")] if lang == "en" else []),
        html.P(t(f"status_{status}", lang).format(end=end), className=f"plan-status status-{status}"),
        html.P(_joined(facts, " · "), className="plan-facts"),
        html.P(plan["summary_zh"] if lang == "zh" else plan["summary_en"], className="plan-summary"),
    ]
    if len(targets):
        children += [html.H4(t("targets", lang)), html.Ul([_target_item(agg, r, lang) for r in targets.itertuples()])]
    if len(subsidies):
        children += [
            html.H4(t("subsidies", lang)),
            html.Ul([_subsidy_item(agg, r, lang) for _, r in subsidies.iterrows()]),
        ]
    if present(plan[f"note_{lang}"]):
        children.append(html.P(plan[f"note_{lang}"], className="plan-note"))
    children.append(html.P(_source(agg, plan["source_id"], lang), className="source"))
    children += _official_and_checked(agg, plan, lang)
    return html.Article(children, className="plan-card", id=f"plan-{plan['plan_id']}")


def is_government_page(url) -> bool:
    """A source page on a government site (….gov.cn): it publishes the document itself."""
    return present(url) and (urlsplit(str(url)).hostname or "").endswith(".gov.cn")


def _official_and_checked(agg: Aggregates, plan: pd.Series, lang: str) -> list:
    """A link to the official text where a source gives one, and when the entry was last checked."""
    sources = agg.sources_by_id
    ids = [i for i in (plan["source_id"], plan["announced_source_id"]) if present(i) and i in sources.index]
    out = []
    official = next((sources.loc[i, "official_url"] for i in ids if present(sources.loc[i, "official_url"])), None)
    government = next((sources.loc[i, "url"] for i in ids if is_government_page(sources.loc[i, "url"])), None)
    if official or government:
        text = t("official_text" if official else "government_page", lang)
        link = html.A(f"{text} ↗", href=official or government, target="_blank", rel="noopener noreferrer")
        out.append(html.P(link, className="official-link"))
    checked = [sources.loc[i, "checked_on"] for i in ids if present(sources.loc[i, "checked_on"])]
    if checked:
        out.append(html.P(f"{t('checked_on', lang)} {max(checked)}", className="checked-on"))
    return out


def coverage_lines(agg: Aggregates, code: str, lang: str, has_plans: bool) -> list:
    """How far the dataset searched this province: "searched, none found (as of …)" is an answer,
    "not searched" is not, and a reader must be able to tell them apart."""
    summary = agg.province_summary
    if code not in summary.index or "coverage_result" not in summary.columns:
        return []
    row = summary.loc[code]
    result, date = row["coverage_result"], row["coverage_searched_on"]
    if result == "not_searched" or not present(result):
        return [html.P(t("not_searched", lang), className="coverage-note")]
    lines = []
    if has_plans:
        lines.append(f"{t('searched_on', lang)}: {date}")
    else:
        lines.append(t("none_found_on", lang).format(date=date))
    note = row[f"coverage_note_{lang}"]
    if present(note) and note:
        lines.append(note)
    out: list = [html.P(line, className="coverage-note") for line in lines]
    if present(row["coverage_searched_for"]) and row["coverage_searched_for"]:
        out.append(
            html.Details(
                [html.Summary(t("searched_for", lang)), in_chinese(row["coverage_searched_for"], html.P)],
                className="coverage-note",
            )
        )
    return out


def region_panel(agg: Aggregates, code: str, lang: str, can_drill: bool) -> list:
    """The side panel for ``code`` (a province, city or district adcode); empty prompt when none."""
    if not code:
        return [html.P(t("panel_empty", lang), className="panel-empty")]
    plans = own_plans_first(agg, code, plans_of_region(agg, code))
    header = [html.H2(region_heading(agg, code), id="panel-title")]
    if can_drill:
        header.append(html.Button(t("drill", lang), id="drill-button", n_clicks=0, className="button"))
    count = f"{len(plans)} {t('plans_at', lang)}" if len(plans) else t("no_plans_here", lang)
    header.append(html.P(count, className="panel-count"))
    header += coverage_lines(agg, code, lang, bool(len(plans)))
    return header + [plan_card(agg, plan, lang) for _, plan in plans.iterrows()]


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
        cells = [html.Td(two_names(row["name_zh"], row["name_en"])), html.Td(shown)]
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
