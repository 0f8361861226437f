"""The served page draws the national map: 34 provinces, grey where no plan is recorded, the inset."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import severe_console_errors
from tests.browser.helpers import province_fills

GREY = "rgb(217, 217, 217)"


def test_page_draws_34_provinces_grey_where_no_plan(app_url, browser):
    browser.get(app_url + "/")
    WebDriverWait(browser, 30).until(lambda d: len(province_fills(d, 0)) == 34)
    fills = province_fills(browser, 0)
    assert fills.count(GREY) == 17  # 17 provinces have a recorded plan
    assert len(set(fills) - {GREY}) >= 3  # the others are shaded by their plan count
    assert "元宇宙政策地图" in browser.find_element(By.TAG_NAME, "h1").text
    assert severe_console_errors(browser) == []
    # The map is drawn by the partial plotly.js bundle; the 4.8 MB full one is never fetched.
    scripts = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('plotly'))"
    )
    assert any("plotly-partial.min.js" in s for s in scripts) and not any("plotly.min.js" in s for s in scripts)


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
    browser.find_element(By.CSS_SELECTOR, ".map-table summary").click()
    rows = browser.find_elements(By.CSS_SELECTOR, ".map-table tbody tr")
    assert len(rows) == 34
    assert rows[0].text.startswith("浙江省 Zhejiang")
    assert rows[-1].text.endswith("暂无收录")
