"""The dashboard in headless Chromium: map, panel, metric, date, URL state, language, fallbacks, views."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.data.dataset import load_dataset
from dashboard.geo.boundaries import places, province_codes
from dashboard.model.aggregates import Aggregates
from dashboard.model.calculator import Firm, calculate
from tests.browser.conftest import DOWNLOADS, severe_console_errors
from tests.browser.helpers import (
    GREY,
    LIVE_PLOT,
    NOT_STATED,
    checked_value,
    click_location,
    click_option,
    open_map,
    panel_text,
    province_fills,
    query,
    tab_to,
    text_of,
    texts,
    update_bytes,
    wait_fills_change,
)
from tests.conftest import plans_in, table

SHANGHAI = province_codes().index("310000")
NONE_FOUND = sum(row["result"] == "none_found" for row in table("coverage"))


def test_clicking_shanghai_shows_its_plans_target_and_quote(app_url, browser):
    open_map(browser, app_url + "/?markers=0")  # 无锡滨湖区's marker sits next to Shanghai
    click_location(browser, SHANGHAI)
    WebDriverWait(browser, 15).until(lambda d: "上海市 Shanghai" in panel_text(d))
    text = panel_text(browser)
    assert "元宇宙新赛道方案" in text
    assert "超过3500亿元（2025年）" in text
    assert "元宇宙产业规模突破3500亿元" in text  # the quote
    assert "20省市公布元宇宙路线图" in text  # its source
    assert "region=310000" in query(browser) and "markers=0" in query(browser)
    assert severe_console_errors(browser) == []


def test_metric_switch_recolours_with_a_small_patch(app_url, browser):
    before = open_map(browser, app_url + "/")
    full = max(update_bytes(browser))
    seen = len(update_bytes(browser))
    click_option(browser, "metric", "industry_scale_cny")
    after = wait_fills_change(browser, before)
    assert after.count(GREY) == before.count(GREY)  # the same provinces have no plan
    assert "metric=industry_scale_cny" in query(browser)
    switch = update_bytes(browser)[seen:]
    # The outlines come once, as a file both geo subplots share; the answers carry values, not geometry.
    outlines = browser.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/geo/provinces.'))"
        ".map(e => e.encodedBodySize)"
    )
    assert len(outlines) == 1 and outlines[0] > 60_000 and full < outlines[0] / 4
    assert sum(switch) < 10_000  # a switch only patches values
    print(
        f"\noutlines {outlines[0]} B; first map answer {full} B; metric switch {sum(switch)} B in {len(switch)} responses"
    )


def test_date_slider_changes_which_provinces_are_coloured(app_url, browser):
    latest = open_map(browser, app_url + "/?metric=announced_by")
    handle = browser.find_element(By.CSS_SELECTOR, "#date-field [role=slider], [id*='date'] [role=slider]")
    handle.send_keys(Keys.HOME)
    earliest = wait_fills_change(browser, latest)
    assert earliest.count(GREY) > latest.count(GREY)
    assert "date=2021-12" in query(browser)


def test_url_reproduces_the_view_in_a_fresh_browser(app_url, browser, browser_factory):
    open_map(browser, app_url + "/?metric=latest_target_year&region=330000&lang=en")
    WebDriverWait(browser, 15).until(lambda d: "Zhejiang" in panel_text(d))
    link = browser.current_url
    fills = province_fills(browser)
    fresh = browser_factory()
    open_map(fresh, link)
    WebDriverWait(fresh, 15).until(lambda d: "Zhejiang" in panel_text(d))
    assert province_fills(fresh) == fills
    assert checked_value(fresh, "metric") == "latest_target_year"
    assert "Latest target year" in text_of(fresh, ".controls")


def test_back_and_forward_restore_the_view(app_url, browser):
    before = open_map(browser, app_url + "/")
    click_option(browser, "metric", "max_subsidy_cny")
    changed = wait_fills_change(browser, before)
    browser.back()
    WebDriverWait(browser, 15).until(lambda d: "metric=" not in query(d))
    WebDriverWait(browser, 15).until(lambda d: province_fills(d) == before)
    WebDriverWait(browser, 15).until(lambda d: checked_value(d, "metric") == "plan_count")
    browser.forward()
    WebDriverWait(browser, 15).until(lambda d: province_fills(d) == changed)


def test_language_switch(app_url, browser):
    open_map(browser, app_url + "/?region=310000")
    WebDriverWait(browser, 15).until(lambda d: "3500亿元" in panel_text(d))
    click_option(browser, "lang", "en")
    WebDriverWait(browser, 15).until(lambda d: text_of(d, "h1").startswith("China Metaverse Plans Map"))
    WebDriverWait(browser, 15).until(lambda d: "more than CNY 350 billion (2025)" in panel_text(d))
    assert "Number of plans" in text_of(browser, ".controls")
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.annotation-text')).map(t => t.textContent)"
    )
    assert "South China Sea Islands" in labels
    assert "lang=en" in query(browser)


def test_invalid_parameters_fall_back_with_a_note(app_url, browser):
    fills = open_map(browser, app_url + "/?metric=bogus&region=999999&view=map&x=<script>alert(1)</script>")
    WebDriverWait(browser, 15).until(lambda d: text_of(d, ".url-note"))
    note = text_of(browser, ".url-note")
    assert "metric" in note and "region" in note and "x" in note
    assert "<script>" not in browser.page_source.split("url-note")[1][:300]
    assert fills.count(GREY) == NONE_FOUND  # the default map
    assert checked_value(browser, "metric") == "plan_count"


def test_drill_down_to_cities_and_back(app_url, browser):
    open_map(browser, app_url + "/?region=330000")
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.ID, "drill-button"))
    browser.find_element(By.ID, "drill-button").click()
    WebDriverWait(browser, 20).until(lambda d: len(province_fills(d)) == 11)  # 浙江's 11 cities
    assert "drill=330000" in query(browser)
    browser.find_element(By.CSS_SELECTOR, "[id*='back-button']").click()
    WebDriverWait(browser, 20).until(lambda d: len(province_fills(d)) == 34)
    assert "drill=" not in query(browser)


def test_county_level_drill_down(app_url, browser):
    open_map(browser, app_url + "/?drill=320000", count=13)  # 江苏's 13 cities
    browser.find_element(By.CSS_SELECTOR, "[id*='units-field'] input[value='county']").click()
    WebDriverWait(browser, 20).until(lambda d: len(province_fills(d)) == 95)  # and its 95 counties
    assert "units=county" in query(browser)
    coloured = [fill for fill in province_fills(browser) if fill != GREY]
    assert 1 <= len(coloured) < 95  # counties with their own plans (江宁区, 滨湖区) are shaded
    browser.back()
    WebDriverWait(browser, 20).until(lambda d: len(province_fills(d)) == 13)
    browser.get(app_url + "/?drill=110000")  # a 直辖市 is shown by district already: no county switch
    WebDriverWait(browser, 20).until(lambda d: len(province_fills(d)) == 16)
    assert not browser.find_element(By.CSS_SELECTOR, "[id*='units-field']").is_displayed()
    assert severe_console_errors(browser) == []


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("?view=timeline", "元宇宙新赛道方案"),
        ("?view=subsidies", "最高1亿元"),
        ("?view=compare&regions=310000,330000", "超过3500亿元"),
        ("?view=data&table=subsidies", "Q01"),
    ],
)
def test_every_view_renders_without_errors(app_url, browser, query_string, expected):
    browser.get(app_url + "/" + query_string)
    WebDriverWait(browser, 20).until(lambda d: expected in text_of(d, ".view") or expected in d.page_source)
    assert severe_console_errors(browser) == []


def test_timeline_filters_and_reference_years(app_url, browser):
    browser.get(app_url + "/?view=timeline&province=310000")
    shanghai = len(plans_in("310000"))
    WebDriverWait(browser, 20).until(lambda d: len(texts(d, LIVE_PLOT + " .ytick")) == shanghai)
    assert all(tick.startswith("上海市") for tick in texts(browser, LIVE_PLOT + " .ytick"))
    assert {"2024", "2025", "2027"} <= set(texts(browser, LIVE_PLOT + " .annotation-text"))


def test_keyboard_path_to_a_region(app_url, browser):
    open_map(browser, app_url + "/")
    tab_to(browser, '"region"')
    ActionChains(browser).send_keys(Keys.ENTER).pause(0.5).send_keys("上海").pause(0.5).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 15).until(lambda d: "3500亿元" in panel_text(d))
    assert "region=310000" in query(browser)


def test_data_view_downloads_filtered_rows(app_url, browser):
    for old in DOWNLOADS.glob("*"):
        old.unlink()
    browser.get(app_url + "/?view=data&table=subsidies&q=P09")
    WebDriverWait(browser, 20).until(lambda d: "Q06" in text_of(d, ".view"))
    assert "Q01" not in text_of(browser, ".view")
    matching = {row["subsidy_id"] for row in table("subsidies") if any("p09" in v.lower() for v in row.values())}
    browser.find_element(By.ID, "download-csv-filtered").click()
    WebDriverWait(browser, 20).until(lambda d: list(DOWNLOADS.glob("subsidies-filtered.csv")))
    text = (DOWNLOADS / "subsidies-filtered.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("subsidy_id,plan_id,kind")
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == matching >= {"Q06", "Q07", "Q08", "Q09", "Q10"}


def test_calculator_reorders_regions_and_shows_formulas(app_url, browser, browser_factory):
    browser.get(app_url + "/?view=subsidies&years=3&rent=5")
    WebDriverWait(browser, 20).until(lambda d: "填写面积" in text_of(d, ".calculator"))
    area = browser.find_element(By.CSS_SELECTOR, "[id*='\"area\"'] input, input[id*='\"area\"']")
    area.send_keys("1000", Keys.ENTER)
    browser.find_element(By.CSS_SELECTOR, "[id*='profiles'] input[value='operator']").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".calc-region"))
    first = lambda d: d.execute_script("return document.querySelector('.calc-region').dataset.region")  # noqa: E731
    # The page orders regions as the calculator does (its rules are unit-tested in test_calculator).
    agg = Aggregates(load_dataset(), province_codes(), places())
    top = lambda *profiles: calculate(agg, Firm(1000, 5, 3, profiles))["regions"][0]["region_code"]  # noqa: E731
    WebDriverWait(browser, 20).until(lambda d: first(d) == top("operator"))
    assert "200,000 + 6 × 50,000 = 500,000 元/年" in text_of(browser, ".calculator")  # 南京江宁's formula
    browser.find_element(By.CSS_SELECTOR, "[id*='profiles'] input[value='tenant']").click()
    both = top("operator", "tenant")
    WebDriverWait(browser, 20).until(
        lambda d: first(d) == both and "2,737,500–5,475,000 元" in text_of(d, ".calculator")
    )
    assert "并非承诺或要约" in text_of(browser, ".banner")
    link = browser.current_url
    assert "area=1000" in link and "profiles=operator%2Ctenant" in link
    fresh = browser_factory()
    fresh.get(link)
    WebDriverWait(fresh, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".calc-region") and first(d) == both)


def test_a_province_without_plans_says_it_was_searched(app_url, browser):
    coverage = {row["province_code"]: row for row in table("coverage")}
    code = next(c for c, row in sorted(coverage.items()) if row["result"] == "none_found")
    open_map(browser, app_url + "/?markers=0")
    click_location(browser, province_codes().index(code))
    WebDriverWait(browser, 15).until(lambda d: f"region={code}" in query(d))
    WebDriverWait(browser, 15).until(lambda d: "已检索，未发现元宇宙规划" in panel_text(d))
    text = panel_text(browser)
    assert f"检索日期 {coverage[code]['searched_on']}" in text and coverage[code]["note_zh"] in text
    click_option(browser, "lang", "en")
    WebDriverWait(browser, 15).until(lambda d: "Searched, no metaverse plan found" in panel_text(d))
    assert coverage[code]["note_en"] in panel_text(browser)


def test_industry_scale_by_basis(app_url, browser):
    all_bases = open_map(browser, app_url + "/?metric=industry_scale_cny")
    field = browser.find_element(By.CSS_SELECTOR, "[id*='basis-field']")
    assert field.is_displayed() and "全部（不含带动产业）" in field.text
    open_map(browser, app_url + "/?metric=industry_scale_cny&basis=core")
    core = province_fills(browser)
    assert core != all_bases  # fewer provinces state a core-industry figure
    province = {p["plan_id"]: p["province_code"] for p in table("plans")}
    with_core = {province[t["plan_id"]] for t in table("targets") if t["basis"] == "core"}
    shaded = {code for code, fill in zip(province_codes(), core, strict=True) if fill not in (GREY, NOT_STATED)}
    assert shaded == with_core
    browser.find_element(By.CSS_SELECTOR, ".map-table summary").click()
    WebDriverWait(browser, 20).until(lambda d: "核心产业" in text_of(d, ".map-table"))
    assert "industry_scale_cny" in query(browser) and "basis=core" in query(browser)
    assert severe_console_errors(browser) == []


FOCUSABLE_INSIDE_HIDDEN = """
const focusable = 'a[href], button, input, select, textarea, [tabindex]';
const found = [];
document.querySelectorAll('[aria-hidden="true"]').forEach(hidden => {
  [hidden, ...hidden.querySelectorAll(focusable)].forEach(el => {
    if (el.matches(focusable) && !el.disabled && el.tabIndex >= 0) found.push(el.outerHTML.slice(0, 120));
  });
});
return found;
"""


@pytest.mark.parametrize(
    "path",
    ["/?region=310000", "/?view=ranking", "/?view=timeline", "/?view=subsidies", "/?view=compare", "/?view=data"],
)
def test_nothing_focusable_hides_from_screen_readers_and_tab_still_reaches_the_dropdowns(app_url, browser, path):
    browser.get(app_url + path)
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".controls .dash-dropdown"))
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(FOCUSABLE_INSIDE_HIDDEN) == [])
    active = "return document.activeElement.closest('.controls') && document.activeElement.className"
    reached = []
    for _ in range(80):  # a keyboard-only path from the top of the page into the view's dropdowns
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.append(browser.execute_script(active))
        if "dash-dropdown" in (reached[-1] or ""):
            break
    assert reached[-1].split() == ["dash-dropdown"], reached  # the button itself, not the hidden relay
    ActionChains(browser).send_keys(Keys.ENTER).perform()  # and the keyboard opens and closes its menu
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content"))
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 10).until_not(lambda d: d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content"))
    assert browser.execute_script(FOCUSABLE_INSIDE_HIDDEN) == []


def test_a_gis_user_downloads_the_geopackage_from_the_data_view(app_url, browser):
    import geopandas as gpd

    from dashboard.model.dataset_export import GIS_FILES
    from dashboard.model.gis import province_layer

    for old in DOWNLOADS.glob("*.gpkg"):
        old.unlink()
    browser.get(app_url + "/?view=data&lang=en")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".gis-downloads a"))
    links = {a.get_attribute("download"): a for a in browser.find_elements(By.CSS_SELECTOR, ".gis-downloads a")}
    assert set(links) == set(GIS_FILES)
    assert (
        "GIS layers" in text_of(browser, ".gis-downloads") and "GeoPackage" in links["china-metaverse-plans.gpkg"].text
    )
    links["china-metaverse-plans.gpkg"].click()
    WebDriverWait(browser, 30).until(lambda d: list(DOWNLOADS.glob("china-metaverse-plans.gpkg")))
    path = DOWNLOADS / "china-metaverse-plans.gpkg"
    WebDriverWait(browser, 30).until(lambda d: path.stat().st_size > 0 and not list(DOWNLOADS.glob("*.crdownload")))
    downloaded = gpd.read_file(path, layer="provinces").set_index("adcode")
    expected = province_layer(Aggregates(load_dataset(), province_codes(), places())).set_index("adcode")
    assert list(downloaded.index) == list(expected.index)
    assert downloaded["plans"].fillna(0).tolist() == expected["plans"].fillna(0).astype(int).tolist()
    assert downloaded["name_zh"].tolist() == expected["name_zh"].tolist()
