"""Save screenshots of the app's views under docs/ (needs the test extra and Debian's chromium).

.venv/bin/python scripts/screenshots.py                 # every view
.venv/bin/python scripts/screenshots.py ranking calculator   # only these
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import free_port, wait_for  # noqa: E402

VIEWS = {
    "map": "/?region=310000",
    "map-en-industry": "/?metric=industry_scale_cny&lang=en&region=330000",
    "map-basis": "/?metric=industry_scale_cny&basis=related&region=510000",
    "map-none-found": "/?region=430000",
    "map-drill": "/?region=330000&drill=330000",
    "map-counties": "/?region=320115&drill=320000&units=county",
    "ranking": "/?view=ranking&year=2025&level=province&highlight=360000,330000,510000",
    "ranking-en-firms": "/?view=ranking&target=firms&lang=en&highlight=330000",
    "timeline": "/?view=timeline",
    "subsidies": "/?view=subsidies&scale=log",
    "calculator": "/?view=subsidies&area=1000&rent=5&years=3&profiles=tenant,operator,talent",
    "calculator-en-investor": "/?view=subsidies&area=800&rent=4.5&years=3&profiles=tenant,talent&lang=en",
    "compare": "/?view=compare&regions=310000,330000,440000",
    "data": "/?view=data&table=subsidies",
    "phone": "/?region=310000",
    "phone-en-ranking": "/?view=ranking&year=2025&highlight=360000&lang=en",
    "phone-calculator": "/?view=subsidies&area=800&rent=4.5&years=3&profiles=tenant,talent",
    "timeline-en": "/?view=timeline&province=330000&lang=en",
    "compare-en": "/?view=compare&regions=310000,330000&lang=en",
    "phone-en-map": "/?region=330000&lang=en",
}
PHONE = {"phone", "phone-en-ranking", "phone-calculator", "phone-en-map"}


def main() -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        wait_for(f"http://127.0.0.1:{port}/", server)
        wanted = sys.argv[1:] or list(VIEWS)
        for name, path in ((n, VIEWS[n]) for n in wanted):
            driver.get(f"http://127.0.0.1:{port}{path}")
            driver.set_window_size(390, 1600) if name in PHONE else driver.set_window_size(1366, 900)
            WebDriverWait(driver, 30).until(
                lambda d: (
                    d.execute_script("return document.querySelectorAll('.main-svg, .dash-spreadsheet').length") > 0
                )
            )
            time.sleep(2)
            out = ROOT / "docs" / f"screenshot-{name}.png"
            driver.save_screenshot(str(out))
            print(out)
    finally:
        driver.quit()
        server.terminate()


if __name__ == "__main__":
    main()
