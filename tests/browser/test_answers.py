"""The users' questions answered on one screen, in headless Chromium: the ranking view (a policymaker's
"who targeted what for 2025, and where does 江西 stand") and the calculator's groups (an investor's "where
do we get most, on what conditions")."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.charts.ranking import value_text
from dashboard.data.dataset import load_dataset
from dashboard.geo.boundaries import places, province_codes
from dashboard.model.aggregates import Aggregates
from dashboard.model.calculator import Firm, calculate
from dashboard.model.ranking import RankingFilter, ranking_rows
from tests.browser.conftest import severe_console_errors
from tests.browser.helpers import LIVE_PLOT, query, text_of

POLICYMAKER = "/?view=ranking&year=2025&level=province&highlight=360000,330000,510000"
INVESTOR = "/?view=subsidies&area=800&rent=4.5&years=3&profiles=tenant,talent&lang=en"


def aggregates() -> Aggregates:
    return Aggregates(load_dataset(), province_codes(), places())


def bar_labels(driver) -> list[str]:
    """The ranking's rows top to bottom, as the drawn figure holds them (markup removed)."""
    labels = driver.execute_script(
        "var g = document.querySelector('" + LIVE_PLOT + "'); return g && g.data ? g.data[0].y : [];"
    )
    return [label.split("<br>")[0].replace("<b>", "").replace("</b>", "") for label in labels or []]


def test_ranking_answers_the_policymaker_from_one_link(app_url, browser):
    expected = ranking_rows(
        aggregates(), RankingFilter(year="2025", level="province", highlight=("360000", "330000", "510000"))
    )
    browser.get(app_url + POLICYMAKER)
    WebDriverWait(browser, 20).until(lambda d: len(bar_labels(d)) == len(expected))
    assert bar_labels(browser)[0] == "上海市"  # the largest 2025 target first
    page = text_of(browser, ".view")
    assert "2025年产业规模目标（省级）排名" in page
    for row in expected.itertuples():
        if row.stated:
            assert value_text(row, "zh") in page  # qualifier and year as the source states them
    # 江西 has no provincial 2025 target: its own row, "no target stated", never a bar of 0
    assert "江西省" in bar_labels(browser)
    assert not expected.loc[expected["region_code"] == "360000", "stated"].any()
    assert "未设定符合条件的目标" in page
    assert severe_console_errors(browser) == []


def test_ranking_controls_change_the_url_and_the_bars(app_url, browser):
    browser.get(app_url + "/?view=ranking&lang=en")
    WebDriverWait(browser, 20).until(lambda d: bar_labels(d))
    all_years = len(bar_labels(browser))
    dropdown = browser.find_element(By.CSS_SELECTOR, "[id*='\"target\"']")
    dropdown.click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.XPATH, "//*[text()='Leading firms']"))
    browser.find_element(By.XPATH, "//*[text()='Leading firms']").click()
    WebDriverWait(browser, 20).until(lambda d: "target=leading_firms" in query(d))
    expected = ranking_rows(aggregates(), RankingFilter(target="leading_firms"))
    WebDriverWait(browser, 20).until(lambda d: len(bar_labels(d)) == len(expected))
    assert "Leading firms" in text_of(browser, ".view")
    assert all_years > 0


def test_ranking_embed_and_export_carry_the_state(app_url, browser):
    browser.get(app_url + "/embed/ranking?year=2025&level=province&highlight=360000&lang=en")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE_PLOT + " .ytick"))
    assert "Jiangxi" in " ".join(bar_labels(browser))
    assert "no target stated" in browser.page_source


def test_investor_ranking_is_led_by_computable_amounts_and_shows_every_group(app_url, browser):
    result = calculate(aggregates(), Firm(800, 4.5, 3, ("tenant", "talent")), "en")
    leader = result["regions"][0]
    assert leader["rules"]  # the data has a computable amount for this firm
    browser.get(app_url + INVESTOR)
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".calc-region"))
    first = browser.execute_script("return document.querySelector('.calc-region').dataset.region")
    assert first == leader["region_code"]
    text = text_of(browser, ".calculator")
    assert "Amounts you can compute" in text and "Discretionary caps" in text
    assert "Applies to you, no amount stated" in text
    # a measure for the firm's profile sits in its group, open, not under the collapsed "Not applicable"
    unstated = [r for region in result["regions"] for r in region["unstated"]]
    assert unstated
    item = unstated[0]
    card = browser.find_element(By.CSS_SELECTOR, f".calc-region[data-region='{_region_of(result, item)}']")
    visible = card.text
    assert f"({item['subsidy_id']})" in visible and item["terms"] in visible and item["validity"] in visible
    assert "validity not stated" in text or "plan period" in text
    assert severe_console_errors(browser) == []


def _region_of(result: dict, item: dict) -> str:
    return next(r["region_code"] for r in result["regions"] if item in r["unstated"])


def _busiest_year() -> str:
    from collections import Counter

    from tests.conftest import table

    return Counter(p["announced"][:4] for p in table("plans") if p["announced"]).most_common(1)[0][0]


def test_announced_in_a_year_on_the_timeline_the_data_view_and_the_map(app_url, browser):
    from tests.conftest import table

    year = _busiest_year()
    plans = [p for p in table("plans") if p["announced"].startswith(year)]
    browser.get(app_url + f"/?view=timeline&announced={year}")
    ticks = "return document.querySelectorAll('" + LIVE_PLOT + " .ytick').length"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(ticks) == len(plans))
    browser.get(app_url + f"/?view=data&table=plans&announced={year}")
    WebDriverWait(browser, 20).until(lambda d: plans[0]["plan_id"] in text_of(d, ".view"))
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('.dash-spreadsheet td[data-dash-column=plan_id]')).map(c => c.innerText)"
    )
    assert shown and set(shown) <= {p["plan_id"] for p in plans}
    browser.get(app_url + f"/?announced={year}")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE_PLOT + " .choroplethlocation"))
    expected = {p["province_code"] for p in plans if p["province_code"]}
    hover = browser.execute_script("return document.querySelector('" + LIVE_PLOT + "').data[0].hovertext")
    codes = browser.execute_script("return document.querySelector('" + LIVE_PLOT + "').data[0].locations")
    with_count = {c for c, h in zip(codes, hover, strict=True) if "项规划" in h or "plans" in h}
    assert with_count == expected
    assert f"{year}年未发布规划" in " ".join(hover) or len(expected) == len(codes)


def test_the_compare_picker_shows_the_chosen_regions_and_no_select_all(app_url, browser):
    browser.get(app_url + "/?view=compare&regions=310000,330000,510000")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".chosen-regions li"))
    names = browser.execute_script(
        "return Array.from(document.querySelectorAll('.chosen-regions li')).map(li => li.textContent)"
    )
    assert names == ["上海市 Shanghai", "浙江省 Zhejiang", "四川省 Sichuan"]
    browser.find_element(By.CSS_SELECTOR, "[id*='\"regions\"']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-action-button"))
    visible = [
        b.text for b in browser.find_elements(By.CSS_SELECTOR, ".dash-dropdown-action-button") if b.is_displayed()
    ]
    assert "全选" not in visible and "Select All" not in visible
    assert "全部清除" in visible  # Dash's own strings in the page language
    page = text_of(browser, ".view")
    assert "（杭州市上城区）" in page or "（钱塘区）" in page  # 浙江's column names the district behind a figure
    assert severe_console_errors(browser) == []


def test_the_selected_region_is_outlined_and_markers_have_a_key(app_url, browser):
    browser.get(app_url + "/?region=330000")
    script = (
        """var g = document.querySelector('"""
        + LIVE_PLOT
        + """'); if (!g || !g.data) return null;
      var m = g.data[0]; return [m.locations, m.marker.line.width, g.data[1].name, g.data[1].showlegend];"""
    )
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(script) and d.execute_script(script)[1])
    codes, widths, marker_name, legend = browser.execute_script(script)
    assert widths[codes.index("330000")] > max(w for c, w in zip(codes, widths, strict=True) if c != "330000")
    assert legend and "市、区级规划" in marker_name


def test_no_untitled_screenshot_or_cloud_link_in_any_toolbar(app_url, browser):
    for path in ("/", "/?view=ranking", "/?view=timeline", "/embed/map"):
        browser.get(app_url + path)
        WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE_PLOT + " .main-svg"))
        buttons = browser.execute_script(
            "return Array.from(document.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title'))"
        )
        assert buttons, path  # the toolbar is there (zoom, pan)
        assert not [b for b in buttons if b and ("png" in b.lower() or "cloud" in b.lower() or "edit" in b.lower())]


def test_keyboard_and_screen_reader_paths(app_url, browser):
    from selenium.webdriver.common.keys import Keys

    browser.get(app_url + "/?metric=industry_scale_cny&lang=en")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".map-figure figcaption"))
    WebDriverWait(browser, 20).until(
        lambda d: (
            "Industry-scale target"
            in d.find_element(By.CSS_SELECTOR, ".map-figure figcaption").get_attribute("textContent")
        )
    )
    skip = browser.find_element(By.CSS_SELECTOR, "a.skip-link")
    assert skip.get_attribute("href").endswith("#main-content")
    # The keyboard's path: the first Tab lands on the skip link, which then shows on screen.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element == skip
    assert skip.rect["x"] >= 0 and skip.is_displayed()
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.activeElement.id") == "main-content")
    share = browser.find_elements(By.CSS_SELECTOR, "details.share summary")[0]
    share.click()
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "details.share[open]"))
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "details.share[open]"))


def test_the_data_view_keeps_its_column_filters_and_sort_in_the_url(app_url, browser, browser_factory):
    from urllib.parse import quote

    from tests.conftest import table

    rent = sorted(q["subsidy_id"] for q in table("subsidies") if q["kind"] == "rent")
    link = f"{app_url}/?view=data&table=subsidies&filter={quote('{kind} contains rent')}&sort=subsidy_id:desc"
    browser.get(link)
    cells = "return Array.from(document.querySelectorAll('td[data-dash-column=subsidy_id]')).map(c => c.innerText)"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(cells))
    assert browser.execute_script(cells) == sorted(rent, reverse=True)[:15]
    # another sort goes into the URL, and a fresh browser opens the same rows
    browser.execute_script("document.querySelector('th.dash-header.column-0 .column-header--sort').click()")
    WebDriverWait(browser, 10).until(lambda d: "sort=subsidy_id%3Aasc" in query(d) or "sort=" not in query(d))
    fresh = browser_factory()
    fresh.get(browser.current_url)
    WebDriverWait(fresh, 20).until(lambda d: d.execute_script(cells))
    assert fresh.execute_script(cells) == browser.execute_script(cells)


def test_a_filter_for_a_column_the_table_lacks_is_dropped_not_a_crash(app_url, browser):
    from urllib.parse import quote

    browser.get(f"{app_url}/?view=data&table=sources&filter={quote('{rate_pct} > 5')}&sort=nope:asc")
    cells = "return document.querySelectorAll('td[data-dash-column=source_id]').length"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(cells) > 0)
    assert severe_console_errors(browser) == []


def test_a_presenter_sets_title_note_and_size_before_downloading(app_url, browser):
    from urllib.parse import parse_qs, urlsplit

    from selenium.webdriver.common.keys import Keys

    browser.get(app_url + "/?view=timeline&province=310000&lang=en")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE_PLOT + " .main-svg"))
    browser.find_elements(By.CSS_SELECTOR, "details.share summary")[1].click()
    title = browser.find_element(By.CSS_SELECTOR, "input[id*='\"title\"']")
    title.send_keys("Shanghai's metaverse plans", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: "title=" in query(d))

    def png_link(d):  # read in one go: the links are re-rendered as the state changes
        links = d.execute_script(
            "return Array.from(document.querySelectorAll(\"details.share a[href*='/export/']\")).map(a => a.href)"
        )
        return next((h for h in links if ".png" in h and "title=" in h), None)

    WebDriverWait(browser, 10).until(png_link)
    params = parse_qs(urlsplit(png_link(browser)).query)
    assert params["title"] == ["Shanghai's metaverse plans"] and params["province"] == ["310000"]
    code = "return document.querySelector(\"textarea[id*='embed-code']\").value"
    WebDriverWait(browser, 10).until(lambda d: "title=Shanghai" in d.execute_script(code))


def test_english_finds_places_by_their_english_names(app_url, browser):
    from tests.conftest import table

    qiantang = {p["plan_id"] for p in table("plans") if "Qiantang" in p["area_en"]}
    assert qiantang
    browser.get(app_url + "/?view=data&table=plans&q=Qiantang&lang=en")
    cells = "return Array.from(document.querySelectorAll('td[data-dash-column=plan_id]')).map(c => c.innerText)"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(cells))
    assert set(browser.execute_script(cells)) == qiantang
    subsidies = {q["subsidy_id"] for q in table("subsidies") if q["plan_id"] in qiantang}
    browser.get(app_url + "/?view=data&table=subsidies&q=Qiantang&lang=en")
    ids = "return Array.from(document.querySelectorAll('td[data-dash-column=subsidy_id]')).map(c => c.innerText)"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(ids))
    assert set(browser.execute_script(ids)) <= subsidies and browser.execute_script(ids)
    browser.get(app_url + "/?view=timeline&province=330000&lang=en")
    script = (
        "return Array.from(document.querySelectorAll('" + LIVE_PLOT + " .ytick')).map(t => t.textContent).join(' ')"
    )
    WebDriverWait(browser, 20).until(lambda d: "Qiantang District, Hangzhou" in d.execute_script(script))
    ticks = browser.execute_script(script)
    assert "Qiantang District, Hangzhou" in ticks and "action plan" in ticks


def test_the_embed_pop_up_copies_the_code_and_previews_the_frame(app_url, browser):
    browser.get(app_url + "/?view=compare&regions=310000,330000&lang=en")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE_PLOT + " .main-svg"))
    browser.find_elements(By.CSS_SELECTOR, "details.share summary")[0].click()
    preview = browser.find_element(By.CSS_SELECTOR, "a[id*='embed-preview']")
    WebDriverWait(browser, 10).until(lambda d: preview.get_attribute("href"))
    assert "/embed/compare?" in preview.get_attribute("href") and "regions=310000%2C330000" in preview.get_attribute(
        "href"
    )
    button = browser.find_element(By.CSS_SELECTOR, ".copy-embed")
    button.click()
    WebDriverWait(browser, 5).until(lambda d: button.text == "Copied")


def test_the_embed_pop_up_is_filled_when_opened_and_current_after_esc_and_a_switch(app_url, browser):
    from selenium.webdriver.common.keys import Keys

    browser.get(app_url + "/")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE_PLOT + " .main-svg"))
    code = "return document.querySelector(\"textarea[id*='embed-code']\").value"
    assert browser.execute_script(code) == ""  # closed: its contents were not sent
    summary = browser.find_elements(By.CSS_SELECTOR, "details.share summary")[0]
    summary.click()
    WebDriverWait(browser, 10).until(lambda d: "/embed/map" in d.execute_script(code))
    assert "metric=" not in browser.execute_script(code)  # the default map
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "details.share[open]"))
    browser.find_element(By.CSS_SELECTOR, "[id*='metric'] input[value='industry_scale_cny']").click()
    WebDriverWait(browser, 10).until(lambda d: "metric=industry_scale_cny" in query(d))
    assert "metric=industry_scale_cny" not in browser.execute_script(code)  # closed: not resent on the switch
    summary.click()  # reopened after Esc: filled for the map now shown
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "details.share[open]"))
    WebDriverWait(browser, 10).until(lambda d: "metric=industry_scale_cny" in d.execute_script(code))
    assert severe_console_errors(browser) == []
