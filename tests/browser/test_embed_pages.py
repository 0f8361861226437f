"""Embeds inside another site's iframes, the standalone HTML export offline, and the app's Embed button."""

import functools
import http.server
import subprocess
import sys
import threading

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import free_port, severe_console_errors
from tests.browser.helpers import open_map, text_of

EMBEDS = {
    "map": ("/embed/map?metric=industry_scale_cny", "path.choroplethlocation"),
    "timeline": ("/embed/timeline?province=310000", ".scatterlayer .trace"),
    "subsidies": ("/embed/subsidies?scale=log&lang=en", ".barlayer .point"),
    "compare": ("/embed/compare?regions=310000,330000", ".scatterlayer .trace"),
}


@pytest.fixture
def host_site(tmp_path, app_url):
    """A page on another origin (another port) that frames every embed."""
    frames = "".join(
        f'<iframe id="{name}" src="{app_url}{path}" width="800" height="600" style="border:0"></iframe>'
        for name, (path, _) in EMBEDS.items()
    )
    (tmp_path / "index.html").write_text(
        f'<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>{frames}</body></html>',
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()


def test_every_embed_draws_inside_an_iframe_on_another_site(browser, host_site):
    browser.get(host_site)
    for name, (_, selector) in EMBEDS.items():
        browser.switch_to.default_content()
        browser.switch_to.frame(browser.find_element(By.ID, name))
        WebDriverWait(browser, 30).until(lambda d, s=selector: len(d.find_elements(By.CSS_SELECTOR, s)) > 0)
        title = browser.execute_script("return document.querySelector('.gtitle').textContent")
        assert title, name
        size = browser.execute_script(
            "const r = document.querySelector('.main-svg').getBoundingClientRect(); return [r.width, r.height]"
        )
        assert size[0] >= 780 and size[1] >= 580, (name, size)  # sized to its frame
    browser.switch_to.default_content()
    assert severe_console_errors(browser) == []


def test_exported_html_draws_with_the_network_off(browser, tmp_path):
    out = tmp_path / "map.html"
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "map", "--format", "html", "-o", str(out)],
        check=True,
        timeout=120,
    )
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    browser.get(out.as_uri())
    WebDriverWait(browser, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "g.geo path.choroplethlocation")) == 41
    )
    assert "中国各省：规划数量" in browser.execute_script("return document.querySelector('.gtitle').textContent")


def test_embed_button_gives_iframe_code_for_the_current_view(app_url, browser):
    open_map(browser, app_url + "/?metric=latest_target_year&lang=en")
    browser.find_element(By.CSS_SELECTOR, ".share summary").click()
    WebDriverWait(browser, 10).until(
        lambda d: "<iframe" in (d.execute_script("return document.querySelector('.embed-code').value") or "")
    )
    code = browser.execute_script("return document.querySelector('.embed-code').value")
    assert f'src="{app_url}/embed/map?lang=en&metric=latest_target_year"' in code
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.share a')).map(a => a.getAttribute('href'))"
    )
    assert "/export/map.png?lang=en&metric=latest_target_year" in links
    assert "Copy this code" in text_of(browser, ".share .popover")


def test_an_embed_draws_in_a_local_html_file(browser, tmp_path, app_url):
    """A presenter's draft or a slide tool's web view opens the frame from disk (file:)."""
    page = tmp_path / "slide.html"
    page.write_text(
        f'<!DOCTYPE html><html><body><iframe id="frame" src="{app_url}/embed/compare?regions=310000,330000&lang=en"'
        ' width="800" height="600" style="border:0"></iframe></body></html>',
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    browser.switch_to.frame(browser.find_element(By.ID, "frame"))
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".scatterlayer .trace"))
    assert "Shanghai" in browser.find_element(By.CSS_SELECTOR, ".embed-table").text
    browser.switch_to.default_content()
