"""Every view on a phone (390 × 844, portrait): no sideways scrolling, the chart before the controls."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import severe_console_errors
from tests.browser.helpers import LIVE_PLOT

VIEWS = {
    "map": "/?region=310000",
    "ranking": "/?view=ranking&year=2025&highlight=360000",
    "timeline": "/?view=timeline&province=310000",
    "subsidies": "/?view=subsidies&area=800&rent=4.5&years=3&profiles=tenant,talent",
    "compare": "/?view=compare&regions=310000,330000",
    "data": "/?view=data&table=subsidies",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_a_phone_gets_every_view_without_sideways_scrolling(app_url, browser, view, lang):
    browser.set_window_size(390, 844)
    try:
        browser.get(f"{app_url}{VIEWS[view]}&lang={lang}")
        ready = LIVE_PLOT + " .main-svg" if view != "data" else ".dash-spreadsheet"
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ready))
        width = browser.execute_script("return window.innerWidth")
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= width, f"{view}: the page is {scroll} px wide on a {width} px screen"
        tops = browser.execute_script(
            "return [document.querySelector('main.view').getBoundingClientRect().top,"
            " document.querySelector('aside.controls').getBoundingClientRect().top]"
        )
        assert tops[0] < tops[1], f"{view}: the controls come before the chart"
        assert severe_console_errors(browser) == []
    finally:
        browser.set_window_size(1366, 900)
