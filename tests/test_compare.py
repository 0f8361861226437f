"""Compare: the comparison as text cells, a province's figures tagged with the place that states them."""

import html

import pytest

from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.model.aggregates import Aggregates
from dashboard.model.compare import compare_rows
from dashboard.web.app import create_app
from tests.conftest import table


@pytest.fixture(scope="module")
def agg():
    return Aggregates(load_dataset(), geo.province_codes(), geo.places())


def test_a_province_column_names_the_city_or_district_behind_each_figure(agg):
    plans = {p["plan_id"]: p for p in table("plans")}
    code = "330000"
    headings, rows = compare_rows(agg, [code, "510000"], "zh")
    targets = dict(rows)["目标"][0]
    expected = [t for t in table("targets") if plans[t["plan_id"]]["province_code"] == code]
    assert len(targets) == len(expected)
    for item, target in zip(targets, expected, strict=True):
        plan = plans[target["plan_id"]]
        tagged = f"（{plan['area_zh']}）" in item
        assert tagged == (plan["level"] in ("city", "district")), item


def test_the_compare_embed_carries_targets_and_subsidies(agg):
    client = create_app().server.test_client()
    page = client.get("/embed/compare?regions=330000,510000&lang=en").get_data(as_text=True)
    _, rows = compare_rows(agg, ["330000", "510000"], "en")
    table_html = page[page.index('<table class="embed-table">') :]
    for heading, cells in rows:
        assert html.escape(heading) in table_html
        for items in cells:
            for item in items:
                assert html.escape(item) in table_html
