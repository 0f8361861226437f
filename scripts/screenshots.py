"""Save screenshots of the app's views under docs/ (needs the test extra and Debian's chromium).

.venv/bin/python scripts/screenshots.py
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

VIEWS = {"map": "/"}


def main() -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        wait_for(f"http://127.0.0.1:{port}/", server)
        for name, path in VIEWS.items():
            driver.get(f"http://127.0.0.1:{port}{path}")
            WebDriverWait(driver, 30).until(
                lambda d: d.execute_script("return document.querySelectorAll('path.choroplethlocation').length") > 0
            )
            time.sleep(1)
            out = ROOT / "docs" / f"screenshot-{name}.png"
            driver.save_screenshot(str(out))
            print(out)
    finally:
        driver.quit()
        server.terminate()


if __name__ == "__main__":
    main()
