"""Issue 12, items 2 and 10: exports keyed and bounded, no versions on the page, no Host-header origins,
image sizes checked, one charset, no-store on everything that carries state."""

import json
import subprocess
import sys

import pytest

from dashboard.charts import files as export
from dashboard.charts import presets as charts
from dashboard.state import State
from dashboard.web import embed
from dashboard.web.app import create_app

SHARE = (
    '..{"i":["ALL"],"vid":"embed-code"}.value...{"i":["ALL"],"vid":"download-links"}.children'
    '...{"i":["ALL"],"vid":"embed-preview"}.href..'
)


@pytest.fixture(scope="module")
def app():
    return create_app()


def share_request(state: State) -> dict:
    return {
        "output": SHARE,
        "outputs": [
            [{"id": {"i": 0, "vid": "embed-code"}, "property": "value"}],
            [{"id": {"i": 0, "vid": "download-links"}, "property": "children"}],
            [{"id": {"i": 0, "vid": "embed-preview"}, "property": "href"}],
        ],  # fmt: skip
        "inputs": [
            {"id": "state", "property": "data", "value": state.__dict__},
            [{"id": {"i": 0, "vid": "embed-toggle"}, "property": "n_clicks", "value": 1}],  # the pop-up is open
            [{"id": {"i": 0, "vid": "download-toggle"}, "property": "n_clicks", "value": 0}],
        ],
        "changedPropIds": ["state.data"],
        "state": [],
    }


def test_exports_are_cached_on_what_draws_the_chart(monkeypatch):
    calls = []
    real = embed.render

    def counting(*args, **kwargs):
        calls.append(args[1:4])
        return real(*args, **kwargs)

    monkeypatch.setattr(embed, "render", counting)
    client = create_app().server.test_client()
    for query in ("", "?q=a", "?q=b&area=5&price=9", "?region=310000&profiles=tenant", "?view=data&table=sources"):
        assert client.get("/export/map.csv" + query).status_code == 200
    assert len(calls) == 1  # none of those settings changes the map
    assert client.get("/export/map.csv?metric=industry_scale_cny").status_code == 200
    assert len(calls) == 2
    assert charts.chart_state("timeline", State(q="x", province="310000")) == State(province="310000")


def test_image_renders_are_bounded_per_process():
    renderer = export.ImageRenderer(slots=1)
    assert renderer._slots.acquire(blocking=False)  # a render in progress
    with pytest.raises(export.ExportBusy):
        renderer.render(None, "png", 800, 600)
    renderer._slots.release()


def test_the_page_shows_no_versions_and_nothing_is_cached_that_carries_state(app):
    client = app.server.test_client()
    page = client.get("/")
    text = page.get_data(as_text=True)
    assert "python_version" not in text and "dash_version" not in text and "plotly_version" not in text
    assert page.headers["Cache-Control"] == "no-store"
    answer = client.post("/_dash-update-component", json=share_request(State()))
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    csv = client.get("/export/map.csv")  # the same file for everyone who asks: a shared cache may keep it
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8" and csv.headers["Cache-Control"].startswith(
        "public"
    )
    assert client.get("/export/nothing.csv").headers["Cache-Control"] == "no-store"  # errors are not kept
    static = client.get("/assets/style.css?m=1")
    assert static.headers["Cache-Control"].startswith("public, max-age=31536000")


def embed_code(client, host: str) -> str:
    answer = client.post("/_dash-update-component", json=share_request(State()), headers={"Host": host})
    value = json.loads(answer.get_data(as_text=True))["response"]['{"i":0,"vid":"embed-code"}']["value"]
    return value[0] if isinstance(value, list) else value


def test_embed_code_never_takes_its_origin_from_a_forged_host(app, monkeypatch):
    client = app.server.test_client()
    forged = embed_code(client, "evil.example")
    assert "evil.example" not in forged and 'src="/embed/map' in forged  # a relative link, not the attacker's
    assert 'src="http://127.0.0.1:8050/embed/map' in embed_code(client, "127.0.0.1:8050")
    monkeypatch.setenv("METAVERSE_MAP_PUBLIC_URL", "https://map.example.org")
    assert 'src="https://map.example.org/embed/map' in embed_code(client, "evil.example")


@pytest.mark.parametrize("size", [["--width", "12000", "--height", "9000"], ["--width", "10"]])
def test_absurd_image_sizes_are_refused(tmp_path, size):
    out = tmp_path / "map.png"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "map", *size, "--format", "png", "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0 and "between 200 and 4000 pixels" in result.stderr and not out.exists()


def test_a_fresh_worker_serves_dash_scripts_to_concurrent_first_requests():
    # Dash sets itself up on a worker's first request and marks it done first: concurrent first requests
    # (gunicorn's threaded workers, a page's scripts) found no script registered and got 404, and that
    # visitor's page never started. create_app does the set-up before serving.
    import re
    import threading

    from dashboard.web.app import create_app

    page = create_app().server.test_client().get("/?view=ranking").get_data(as_text=True)
    urls = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert len(urls) >= 5
    fresh = create_app()  # nothing requested from it yet
    statuses: list[int] = []

    def fetch(url: str) -> None:
        statuses.append(fresh.server.test_client().get(url).status_code)

    threads = [threading.Thread(target=fetch, args=(url,)) for url in urls * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(threads)
