"""The pages work under their Content-Security-Policy: nothing is blocked, everything draws."""

from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import severe_console_errors
from tests.browser.helpers import province_fills

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def watch(browser) -> None:
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})


def test_app_views_run_under_the_policy(app_url, browser):
    watch(browser)
    browser.get(app_url + "/?region=310000")
    WebDriverWait(browser, 30).until(lambda d: len(province_fills(d)) == 34)
    for query in ("?view=timeline", "?view=subsidies&area=1000&years=2&profiles=tenant&rent=5", "?view=data"):
        browser.get(app_url + "/" + query)
        WebDriverWait(browser, 30).until(lambda d: d.execute_script("return !!document.querySelector('.view')"))
        WebDriverWait(browser, 30).until(
            lambda d: (
                d.execute_script(
                    "return document.querySelectorAll('.js-plotly-plot .main-svg, .dash-spreadsheet').length"
                )
                > 0
            )
        )
        assert browser.execute_script("return window.__cspViolations") == [], query
    assert severe_console_errors(browser) == []


def test_embed_page_runs_under_its_policy(app_url, browser):
    watch(browser)
    browser.get(app_url + "/embed/map?controls=1")
    WebDriverWait(browser, 30).until(lambda d: len(province_fills(d)) == 34)
    assert browser.execute_script("return window.__cspViolations") == []
    assert severe_console_errors(browser) == []


def test_served_without_debug_and_without_a_version_banner(app_url):
    import urllib.request

    with urllib.request.urlopen(app_url + "/") as response:
        page = response.read().decode()
        assert response.headers["Server"] == "metaverse-map"  # not Werkzeug/x.y Python/x.y
    config = page.split('id="_dash-config" type="application/json">')[1].split("</script>")[0]
    assert '"ui":false' in config.replace(" ", "") and "hot_reload" not in config  # no dev tools
