"""The served page draws the national map: 34 provinces, grey where no plan is recorded, the inset."""

from collections import Counter

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import severe_console_errors
from tests.browser.helpers import GREY, province_fills
from tests.conftest import table


def test_page_draws_34_provinces_grey_where_no_plan(app_url, browser):
    browser.get(app_url + "/")
    WebDriverWait(browser, 30).until(lambda d: len(province_fills(d, 0)) == 34)
    fills = province_fills(browser, 0)
    none_found = [row for row in table("coverage") if row["result"] == "none_found"]
    assert fills.count(GREY) == len(none_found)  # searched, no plan found
    assert len(set(fills) - {GREY}) >= 3  # the others are shaded by their plan count
    assert "元宇宙政策地图" in browser.find_element(By.TAG_NAME, "h1").text
    assert severe_console_errors(browser) == []
    # The map is drawn by the partial plotly.js bundle; the 4.8 MB full one is never fetched.
    scripts = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('plotly'))"
    )
    assert any(s.endswith("-partial.min.js") for s in scripts) and not any("full" in s for s in scripts)


def test_south_china_sea_inset_is_drawn(app_url, browser):
    browser.get(app_url + "/")
    WebDriverWait(browser, 30).until(lambda d: len(province_fills(d, 1)) > 0)
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.annotation-text')).map(t => t.textContent)"
    )
    assert "南海诸岛" in labels
    dashes = browser.execute_script(
        "return document.querySelectorAll('g.geo')[1].querySelectorAll('path.js-line').length"
    )
    assert dashes >= 1


def test_map_has_a_table_alternative(app_url, browser):
    browser.get(app_url + "/")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".map-table summary"))
    browser.find_element(By.CSS_SELECTOR, ".map-table summary").click()  # the table is sent once it is opened
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".map-table tbody tr"))
    rows = browser.find_elements(By.CSS_SELECTOR, ".map-table tbody tr")
    assert len(rows) == 34
    counts = Counter(p["province_code"] for p in table("plans") if p["province_code"])
    most = max(counts.values())
    first = rows[0].get_attribute("data-code")
    assert counts[first] == most and rows[0].text.endswith(f"{most} 项")
    none_found = {row["province_code"]: row for row in table("coverage") if row["result"] == "none_found"}
    last = rows[-1].get_attribute("data-code")
    assert last in none_found and rows[-1].text.endswith(f"（检索日期 {none_found[last]['searched_on']}）")


MARKS = """
window.__marks = {};
new MutationObserver(function () {
  var now = performance.now();
  var all = document.querySelectorAll('g.geo path.choroplethlocation').length;
  var live = document.querySelectorAll('#react-entry-point g.geo path.choroplethlocation').length;
  var first = document.querySelectorAll('#first-paint g.geo path.choroplethlocation').length;
  var picture = document.querySelectorAll('#first-paint svg.first-picture path.province').length;
  if (picture >= 34 && !__marks.picture) { __marks.picture = now; __marks.plotlyAtPicture = typeof window.Plotly; }
  if (__marks.picture && !picture && !__marks.pictureGone) { __marks.pictureGone = now; __marks.firstAtPictureGone = first; }
  if (first >= 34 && !__marks.first) { __marks.first = now; __marks.dashAtFirst = typeof window.DashRenderer; }
  if (live >= 34 && !__marks.live) { __marks.live = now; __marks.overlayAtLive = !!document.getElementById('first-paint'); }
  if (__marks.first && !document.getElementById('first-paint') && !__marks.gone) __marks.gone = now;
  if (all + picture < 34 && __marks.picture && !__marks.blank) __marks.blank = now;
}).observe(document, {childList: true, subtree: true});
"""


def test_the_first_map_is_drawn_before_dash_and_handed_over_without_a_gap(app_url, browser_factory):
    driver = browser_factory()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": MARKS})
    driver.get(app_url + "/?metric=industry_scale_cny&region=330000")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__marks && window.__marks.gone"))
    marks = driver.execute_script("return window.__marks")
    # The picture first (before plotly.js has run), then plotly.js's drawing over it, then the live map;
    # each goes only once the next is there.
    assert marks["picture"] < marks["first"] < marks["live"] <= marks["gone"]
    assert marks["plotlyAtPicture"] == "undefined"
    assert marks["first"] <= marks["pictureGone"] and marks["firstAtPictureGone"] >= 34
    assert marks["dashAtFirst"] == "undefined"  # Dash's scripts had not run yet: they wait for the drawing
    assert "blank" not in marks  # never a moment without 34 provinces on screen once the picture was drawn
    # The live map shows what the first drawing showed (the same figure for the same URL).
    colours = driver.execute_script(
        "return Array.from(document.querySelectorAll('#react-entry-point g.geo path.choroplethlocation'))"
        ".slice(0, 34).map(p => getComputedStyle(p).fill)"
    )
    assert len(set(colours)) > 3
    assert severe_console_errors(driver) == []
    # Other views have no first map.
    driver.get(app_url + "/?view=ranking")
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#react-entry-point .main-svg"))
    assert not driver.find_elements(By.ID, "first-paint")


# Spoils the page's first figure as the parser adds it, before first-paint.js reads it.
SPOIL_FIGURE = """new MutationObserver(function (records, observer) {
  var figure = document.getElementById('first-figure');
  if (figure) { figure.textContent = '{'; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});"""


@pytest.mark.parametrize("fault", ["no plotly.js", "unreadable figure"])
def test_dash_starts_even_when_the_first_drawing_cannot_be_made(app_url, browser_factory, fault):
    # No first drawing (plotly.js blocked, or a figure first-paint.js cannot read): Dash's scripts, which
    # wait for the drawing, must start all the same and the live map be drawn (with plotly.js blocked the
    # live graph loads the one Dash ships).
    from dashboard.charts import plotlyjs

    driver = browser_factory()
    if fault == "no plotly.js":
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": [f"*{plotlyjs.url_path()}"]})
    else:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SPOIL_FIGURE})
    driver.get(app_url + "/?metric=industry_scale_cny")
    live = "return document.querySelectorAll('#react-entry-point g.geo path.choroplethlocation').length"
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(live) >= 34)
    assert not driver.find_elements(By.ID, "first-paint") and not driver.find_elements(By.ID, "dash-scripts")
