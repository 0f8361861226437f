import pytest
from dash import html

from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import Aggregates
from dashboard.model.regions import plans_of_region, region_title
from dashboard.web.views.map_panel import region_panel
from tests.conftest import plans_in, table


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


def text(component) -> str:
    """All text in a component tree."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(" ".join(text(c) for c in component).split())
    children = getattr(component, "children", None)
    return text(children) if children is not None else ""


def test_province_panel_lists_all_its_plans_with_quotes(agg):
    panel = text(region_panel(agg, "310000", "zh", can_drill=True))
    assert "上海市 Shanghai" in panel and f"{len(plans_in('310000'))} 项规划" in panel
    assert "超过3500亿元（2025年）（口径：元宇宙产业）" in panel and "元宇宙产业规模突破3500亿元" in panel
    assert "查看下辖城市" in panel
    assert "检索日期: " in panel  # when the province was last searched


def test_city_includes_its_districts_and_english_panel(agg):
    codes = set(plans_of_region(agg, "330100")["plan_id"])
    in_hangzhou = {p["plan_id"] for p in plans_in("330000") if p["city_code"] == "330100" and p["level"] != "province"}
    assert codes == in_hangzhou and {"P07", "P08", "P09"} <= codes
    panel = text(region_panel(agg, "330114", "en", can_drill=False))
    assert "up to CNY 10 million" in panel and "最高1000万元创业发展资助" in panel
    assert region_title(agg, "330114", "zh") == "杭州市钱塘区 Qiantang District"


def test_empty_and_planless_regions(agg):
    assert "点击地图" in text(region_panel(agg, "", "zh", can_drill=False))
    coverage = {row["province_code"]: row for row in table("coverage")}
    planless = sorted(code for code, row in coverage.items() if row["result"] == "none_found")
    for code in planless:
        panel = text(region_panel(agg, code, "en", can_drill=True))
        assert "No plan recorded here." in panel
        assert f"Searched, no metaverse plan found (as of {coverage[code]['searched_on']})" in panel
        assert coverage[code]["note_en"] in panel


def test_dataset_text_is_rendered_as_text(agg):
    # Quotes become Blockquote children (strings), never raw HTML.
    cards = region_panel(agg, "310000", "zh", can_drill=False)
    quotes = [
        c for card in cards if isinstance(card, html.Article) for c in _walk(card) if isinstance(c, html.Blockquote)
    ]
    assert quotes and all(isinstance(q.children, str) for q in quotes)


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            yield from _walk(child)


def test_each_plan_card_says_where_the_plan_stands_and_when_it_was_checked(agg):
    import datetime as dt

    sources = {s["source_id"]: s for s in table("sources")}
    this_year = dt.date.today().year
    for plan in table("plans"):
        if not plan["province_code"]:
            continue
        cards = [
            c
            for c in region_panel(agg, plan["province_code"], "en", False)
            if getattr(c, "id", "") == f"plan-{plan['plan_id']}"
        ]
        card = text(cards)
        if plan["status"] == "draft":
            assert "Consultation draft (not in force)" in card
        elif plan["period_end"] and int(plan["period_end"]) < this_year:
            assert f"Plan period ended in {plan['period_end']}" in card
        elif plan["period_end"]:
            assert f"Within its plan period (to {plan['period_end']})" in card
        elif plan["status"] == "issued":
            assert "No period stated" in card
        checked = max(sources[i]["checked_on"] for i in (plan["source_id"], plan["announced_source_id"]) if i)
        assert f"Checked on {checked}" in card
        gov = [
            sources[i]["url"]
            for i in (plan["source_id"], plan["announced_source_id"])
            if i and ".gov.cn/" in sources[i]["url"]
        ]
        assert ("Text on a government site" in card) == bool(gov) or "Official text" in card


def test_a_province_s_own_plans_come_first_newest_first(agg):
    for code in {p["province_code"] for p in table("plans") if p["province_code"]}:
        cards = [c for c in region_panel(agg, code, "zh", False) if getattr(c, "className", "") == "plan-card"]
        levels = [agg.plans.set_index("plan_id").loc[c.id.removeprefix("plan-"), "place_code"] for c in cards]
        own = [not isinstance(level, str) for level in levels]
        assert own == sorted(own, reverse=True), code  # provincial plans, then cities' and districts'
        dates = [
            agg.plans.set_index("plan_id").loc[c.id.removeprefix("plan-"), "announced"] or ""
            for c, o in zip(cards, own, strict=True)
            if o
        ]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True), code
