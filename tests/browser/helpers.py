"""Small helpers over Selenium for the dashboard's pages."""

from __future__ import annotations

from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# The live (Dash) plot: the map a page draws before Dash starts (#first-paint) is a static picture.
LIVE_PLOT = ".js-plotly-plot:not(#first-paint > *)"
GREY = "rgb(217, 217, 217)"
NOT_STATED = "rgb(240, 240, 240)"


def province_fills(driver, geo_index: int = 0) -> list[str]:
    return driver.execute_script(
        """
        const geos = document.querySelectorAll('"""
        + LIVE_PLOT
        + """ g.geo');
        if (geos.length <= arguments[0]) return [];
        return Array.from(geos[arguments[0]].querySelectorAll('path.choroplethlocation'))
            .map(p => getComputedStyle(p).fill);
        """,
        geo_index,
    )


def open_map(driver, url: str, count: int = 34) -> list[str]:
    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: len(province_fills(d)) == count)
    return province_fills(driver)


def wait_fills_change(driver, before: list[str], timeout: float = 15) -> list[str]:
    WebDriverWait(driver, timeout).until(lambda d: province_fills(d) not in ([], before))
    return province_fills(driver)


def click_location(driver, index: int) -> None:
    """A real mouse click on a point inside the index-th location path of the main map."""
    point = driver.execute_script(
        """
        const path = document.querySelectorAll('"""
        + LIVE_PLOT
        + """ g.geo')[0]
            .querySelectorAll('path.choroplethlocation')[arguments[0]];
        const box = path.getBoundingClientRect();
        const toLocal = path.getScreenCTM().inverse();
        const inside = [];  // whole pixels inside the shape (a click lands on whole pixels)
        for (let x = Math.ceil(box.left); x <= box.right; x++) for (let y = Math.ceil(box.top); y <= box.bottom; y++) {
            if (path.isPointInFill(new DOMPoint(x, y).matrixTransform(toLocal))) inside.push([x, y]);
        }
        if (inside.length) return inside[Math.floor(inside.length / 2)];
        return null;
        """,
        index,
    )
    assert point, f"no visible point inside location {index}"
    # Plotly finds the clicked location from the mouse position, whatever element is on top there.
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(point[0]), int(point[1])).pause(0.3).click()
    actions.perform()


def click_option(driver, control: str, value: str) -> None:
    """Click the radio option ``value`` of the control named ``control``."""
    driver.find_element(By.CSS_SELECTOR, f'[id*=\\"{control}\\"] input[value="{value}"]').click()


def query(driver) -> str:
    return driver.execute_script("return window.location.search")


def text_of(driver, css: str) -> str:
    """The visible text of the first element matching ``css`` ("" when none); read in one script call,
    so a re-render between finding and reading cannot leave a stale element."""
    return driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css)


def panel_text(driver) -> str:
    return text_of(driver, ".panel")


def checked_value(driver, control: str) -> str | None:
    return driver.execute_script(
        "const e = document.querySelector(`[id*='\"${arguments[0]}\"'] input:checked`); return e ? e.value : null;",
        control,
    )


def update_bytes(driver) -> list[int]:
    """Encoded body sizes of every Dash callback response so far."""
    return driver.execute_script(
        """return performance.getEntriesByType('resource')
            .filter(e => e.name.includes('_dash-update-component'))
            .map(e => e.encodedBodySize);"""
    )


def texts(driver, css: str) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", css
    )


def tab_to(driver, fragment: str, limit: int = 40) -> None:
    """Press Tab until the focused element's id contains ``fragment``: a keyboard-only path."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if fragment in (driver.execute_script("return document.activeElement.id") or ""):
            return
    raise AssertionError(f"no focusable element with id containing {fragment!r} within {limit} tabs")
