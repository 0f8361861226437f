"""Malformed callback requests are refused before Dash reads them; a failing callback is told in words."""

import json

import pytest

from dashboard.charts import presets as charts
from dashboard.state import State
from dashboard.web.app import create_app
from dashboard.web.guard import ERROR_NOTE, callback_problem

TIMELINE = '..{"i":["ALL"],"vid":"timeline"}.figure...{"i":["ALL"],"vid":"timeline"}.style...{"i":["ALL"],"vid":"timeline-note"}.children...{"i":["ALL"],"vid":"timeline-title"}.children..'


@pytest.fixture(scope="module")
def app():
    return create_app()


def timeline_request(state: dict) -> dict:
    """The request the page makes when the timeline view's state changes."""
    outputs = [[{"id": {"i": 0, "vid": name}, "property": prop}] for name, prop in
               (("timeline", "figure"), ("timeline", "style"), ("timeline-note", "children"),
                ("timeline-title", "children"))]  # fmt: skip
    return {
        "output": TIMELINE,
        "outputs": outputs,
        "inputs": [{"id": "state", "property": "data", "value": state}],
        "changedPropIds": ["state.data"],
        "state": [],
    }


def test_well_formed_requests_pass_and_malformed_ones_say_why(app):
    good = timeline_request(State(view="timeline").__dict__)
    assert callback_problem(good, app.callback_map) is None
    assert callback_problem([], app.callback_map) == "the body is not a JSON object"
    assert callback_problem({**good, "output": "<script>"}, app.callback_map) == "unknown callback"
    assert callback_problem({**good, "inputs": []}, app.callback_map) == "inputs do not match the callback"
    wrong_prop = [{"id": "state", "property": "children", "value": None}]
    assert callback_problem({**good, "inputs": wrong_prop}, app.callback_map) == "inputs do not match the callback"
    assert callback_problem({**good, "state": [1]}, app.callback_map) == "state does not match the callback"
    assert callback_problem({**good, "outputs": "x"}, app.callback_map) == "outputs do not match the callback"
    # Outputs as the review sent them: nested, reordered, short, of the wrong count or the wrong id.
    outs = good["outputs"]
    for bad in ([outs], outs[::-1], outs[:2], [*outs, outs[0]], [outs[0], outs[1], [[outs[2][0]]]],
                [[{"id": {"i": 0, "vid": "map"}, "property": "figure"}], outs[1], outs[2]],
                [[{"id": {"i": True, "vid": "timeline"}, "property": "figure"}], outs[1], outs[2]]):  # fmt: skip
        assert callback_problem({**good, "outputs": bad}, app.callback_map) == "outputs do not match the callback"
    forged = [{"id": {"i": 0, "vid": "timeline"}, "property": "data", "value": {}}]
    assert callback_problem({**good, "inputs": forged}, app.callback_map) == "inputs do not match the callback"
    assert callback_problem({**good, "changedPropIds": [3]}, app.callback_map) == "changedPropIds is malformed"


def test_malformed_callback_requests_get_400_without_a_trace(app):
    client = app.server.test_client()
    for body in (b"{", b"[]", json.dumps({"output": "nope"}).encode(), json.dumps({"inputs": 5}).encode()):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code == 400 and b"Traceback" not in response.data
    big = b'{"output": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    assert client.post("/_dash-update-component", data=big, content_type="application/json").status_code == 413


def test_deep_json_and_unknown_component_files_are_refused_without_a_trace(app):
    client = app.server.test_client()
    for body in (
        b"[" * 1000 + b"]" * 1000,
        json.dumps({"output": TIMELINE, "inputs": [[[[[[[[[[[[]] * 40]]]]]]]]]]}).encode(),
    ):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code == 400 and b"Traceback" not in response.data
    for path in ("/_dash-component-suites/dash/nope.js", "/_dash-component-suites/nopkg/x.js"):
        response = client.get(path)
        assert response.status_code == 404 and b"registered" not in response.data


def test_junk_state_values_fall_back_to_defaults(app):
    client = app.server.test_client()
    junk = {"view": "timeline", "lang": ["zh"], "province": "<script>", "level": 5, "nonsense": "x"}
    response = client.post("/_dash-update-component", json=timeline_request(junk))
    assert response.status_code == 200
    assert "元宇宙" in response.get_data(as_text=True)  # the default timeline, in Chinese


def test_a_failing_callback_leaves_the_view_and_shows_a_note(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(charts, "chart_figure", broken)
    client = app.server.test_client()
    # A state no earlier test drew: a figure already built would come from the cache, not the broken code.
    fresh = State(view="timeline", level="district", doctype="guidance")
    response = client.post("/_dash-update-component", json=timeline_request(fresh.__dict__))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "disk on fire" not in text and "Traceback" not in text
    assert json.loads(text)["sideUpdate"]["error-note"]["children"] == ERROR_NOTE


def test_requests_shaped_like_the_pages_pass_for_every_callback(app):
    # The harness (soak, fuzz, faults) builds requests as the page does; all of them must pass the guard,
    # or a load test measures refusals instead of answers.
    from tests.callback_requests import build

    client = app.server.test_client()
    for callback in json.loads(client.get("/_dash-dependencies").data):
        body = json.loads(build(callback, {"state": State().__dict__}))
        assert callback_problem(body, app.callback_map) is None, callback["output"]
