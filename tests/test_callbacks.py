"""How control values fold into the URL state (the rest of each callback is tested in the browser)."""

from dashboard.state import State
from dashboard.web.routing import state_from_controls

MONTHS = ["2021-12", "2022-01", "2022-02"]


def test_controls_set_their_parameters():
    state = state_from_controls(State(), {"metric": "announced_by", "date": 1, "markers": [], "region": None}, MONTHS)
    assert (state.metric, state.date, state.markers, state.region) == ("announced_by", "2022-01", "0", "")


def test_latest_month_is_the_default_date():
    assert state_from_controls(State(date="2022-01"), {"date": 2}, MONTHS).date == ""


def test_view_switch_keeps_only_the_switch():
    state = State(view="map", metric="industry_scale_cny")
    new = state_from_controls(state, {"view": "timeline", "metric": "plan_count"}, MONTHS)
    assert new.view == "timeline" and new.metric == "industry_scale_cny"


def test_language_switch_keeps_the_rest():
    state = State(region="310000")
    new = state_from_controls(state, {"lang": "en", "region": None}, MONTHS)
    assert new.lang == "en" and new.region == "310000"


def test_selecting_a_region_elsewhere_leaves_the_drill_down():
    state = State(drill="330000", region="330100")
    assert state_from_controls(state, {"region": "310000"}, MONTHS).drill == ""
    assert state_from_controls(state, {"region": "330200"}, MONTHS).drill == "330000"


def test_compare_keeps_at_most_four_regions():
    new = state_from_controls(State(view="compare"), {"regions": ["1", "2", "3", "4", "5"]}, MONTHS)
    assert new.regions == "1,2,3,4"
