from dashboard.state import State, parse_query

PLACES = {"310000", "330000", "110112", "330100"}
PROVINCES = {"310000", "330000"}
MONTHS = ["2021-12", "2022-01", "2022-02"]


def parse(query):
    return parse_query(query, PLACES, PROVINCES, MONTHS)


def test_defaults_and_round_trip():
    state, ignored = parse("")
    assert state == State() and ignored == []
    assert State().to_query() == ""
    custom = State(view="map", metric="industry_scale_cny", region="310000", lang="en", regions="310000,330000")
    assert parse(custom.to_query()) == (custom, [])


def test_invalid_values_fall_back_and_are_named():
    state, ignored = parse("?metric=bogus&region=999999&date=2030-01&lang=fr&view=map&kind=rent")
    assert state.metric == "plan_count" and state.region == "" and state.date == "" and state.lang == "zh"
    assert state.kind == "rent"
    assert ignored == ["metric", "region", "date", "lang"]


def test_unknown_and_hostile_parameters_are_ignored():
    state, ignored = parse("?x=%3Cscript%3Ealert(1)%3C/script%3E&q=" + "a" * 500)
    assert state == State() and set(ignored) == {"x", "q"}
    state, ignored = parse("?" + "a=1&" * 600)
    assert state == State() and ignored == ["query"]


def test_compare_regions_need_known_unique_codes_at_most_four():
    assert parse("?regions=310000,330000")[0].compare_regions == ["310000", "330000"]
    assert parse("?regions=310000,310000")[1] == ["regions"]
    assert parse("?regions=310000,330000,110112,330100,310000")[1] == ["regions"]


def test_drill_only_into_provinces_with_subdivisions():
    assert parse("?drill=330000")[0].drill == "330000"
    assert parse("?drill=330100")[1] == ["drill"]


def test_calculator_parameters():
    state, ignored = parse("?area=1000&rent=5&years=3&profiles=tenant,operator&price=8000000")
    assert ignored == [] and (state.area, state.rent, state.years, state.price) == ("1000", "5", "3", "8000000")
    assert state.profile_list == ["tenant", "operator"]
    _, ignored = parse("?area=-5&years=0&profiles=landlord&rent=abc&years=2.5")
    assert set(ignored) == {"area", "years", "profiles", "rent"}


def test_every_map_metric_has_its_names_in_the_same_order():
    """A metric is declared twice, for the URL (state) and for its names and unit (i18n): both in step."""
    from dashboard.i18n import METRICS
    from dashboard.state import MAP_METRICS

    assert tuple(METRICS) == MAP_METRICS
    for spec in METRICS.values():
        assert spec["zh"] and spec["en"] and spec["unit"] in ("count", "year", "CNY")


def test_every_string_is_in_both_languages():
    from dashboard.i18n import LANGS, TEXT

    missing = [key for key, text in TEXT.items() if any(not text.get(lang) for lang in LANGS)]
    assert not missing


def test_every_data_column_has_a_heading_in_both_languages():
    from dashboard.data.dataset import schema
    from dashboard.i18n import COLUMNS, column_label

    fields = {f["name"] for r in schema()["resources"] for f in r["schema"]["fields"]}
    assert fields <= set(COLUMNS)
    assert (
        column_label("plan_id", "zh") == "规划编号 (plan_id)" and column_label("plan_id", "en") == "Plan ID (plan_id)"
    )


def test_every_codebook_value_is_shown_in_words_in_the_data_view():
    from dashboard.data.dataset import schema
    from dashboard.i18n import ENUMS
    from dashboard.web.views.data import ENUM_COLUMNS

    for resource in schema()["resources"]:
        for field in resource["schema"]["fields"]:
            values = field.get("constraints", {}).get("enum")
            if values:
                enum = ENUM_COLUMNS.get(resource["name"], {}).get(field["name"])
                assert enum, (resource["name"], field["name"])
                assert all(all(ENUMS[enum].get(v, ())) and len(ENUMS[enum][v]) == 2 for v in values), enum


def test_dash_s_own_dropdown_strings_speak_chinese_in_chinese_mode():
    from dashboard.web.components import dropdown

    assert dropdown("zh", id="x", options=[]).labels["no_options_found"] == "没有匹配的选项"
    assert (
        not hasattr(dropdown("en", id="y", options=[]), "labels") or dropdown("en", id="y", options=[]).labels is None
    )


def test_the_data_view_shows_codebook_values_in_words_and_downloads_keep_codes():
    from dashboard.data.dataset import load_dataset
    from dashboard.geo import boundaries
    from dashboard.model.aggregates import Aggregates
    from dashboard.state import KINDS
    from dashboard.web.views.data import data_records

    agg = Aggregates(load_dataset(), boundaries.province_codes(), boundaries.places())
    _, shown = data_records(agg, "subsidies", "", lang="en", display=True)
    _, raw = data_records(agg, "subsidies", "", lang="en")
    assert {r["kind"] for r in raw} <= set(KINDS) - {"all"}
    assert all(s["kind"].endswith(f"({r['kind']})") for s, r in zip(shown, raw, strict=True))
    assert any(s["kind"] == "Rent (rent)" for s in shown)


def test_english_strings_are_english():
    """Every English string of the interface and the calculator's words, in English: no Chinese characters
    (the switch to 中文 excepted, which is written in the language it switches to)."""
    import re

    from dashboard import i18n
    from dashboard.model import calculator

    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    english = [(k, v["en"]) for k, v in i18n.TEXT.items() if k != "lang_switch"]
    english += [(f"{e}.{k}", en) for e, values in i18n.ENUMS.items() for k, (_, en) in values.items()]
    english += [(k, spec["en"]) for k, spec in i18n.METRICS.items()]
    english += [(k, en) for k, (_, en) in i18n.COLUMNS.items()]
    english += [(k, en) for k, (_, en) in calculator.MESSAGES.items()]
    english += [(k, en) for k, (_, en) in calculator.WORDS.items()]
    assert [k for k, text in english if cjk.search(text)] == []


def test_the_language_of_the_sources_own_text():
    from dashboard.i18n import text_lang

    assert text_lang("上海:到2025年“元宇宙”相关产业规模达到3500亿元") == "zh-CN"
    assert text_lang("Hefei's layout of future industries will target cutting-edge fields") == "en"
    assert text_lang("元宇宙界 yuanyuzhoujie.com") == "zh-CN"  # a web address is no language
    assert text_lang("PANews (据中国江苏网)") == "und"
