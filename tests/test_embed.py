"""Routes beside the app: embed pages, file exports, and security headers (Flask test client)."""

import base64
import hashlib
import json
import re

import pytest

from dashboard.web.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


@pytest.mark.parametrize(
    "url",
    [
        "/embed/map",
        "/embed/timeline?province=310000",
        "/embed/subsidies?scale=log",
        "/embed/compare?regions=310000,330000",
    ],
)
def test_embed_pages_are_framable_bare_charts(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    # No frame-ancestors at all: "*" would not match a local HTML file or a slide tool's web view (file:).
    assert "frame-ancestors" not in policy and "X-Frame-Options" not in response.headers
    page = response.get_data(as_text=True)
    # The policy allows exactly the page's two inline scripts, by their hashes (the page may come from a cache).
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert len(scripts) == 2 and set(re.findall(r"'sha256-([^']+)'", policy)) == hashes
    assert "'unsafe-inline'" not in policy.split("script-src")[1] and "nonce" not in policy
    assert 'id="chart"' in page and "/vendor/plotly-" in page and "Plotly.newPlot" in page
    # The source line travels with the chart (raw UTF-8 with orjson, \u-escaped with the json engine).
    assert "数据来源" in page or json.dumps("数据来源")[1:-1] in page
    assert '<nav class="embed-bar">' not in page  # no controls unless asked


def test_embed_controls_and_language(client):
    page = client.get("/embed/map?lang=en&controls=1").get_data(as_text=True)
    assert "China by province: Number of plans" in page
    assert 'href="/embed/map?lang=en&amp;metric=industry_scale_cny&amp;controls=1"' in page


def test_embed_invalid_parameters_fall_back_with_an_escaped_note(client):
    response = client.get("/embed/map?metric=%3Cscript%3Ealert(1)%3C/script%3E&evil=%3Cimg%3E")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)" not in page and "<img>" not in page
    assert "已改用默认值：metric, evil" in page


def test_embed_errors_are_plain_messages(client):
    assert client.get("/embed/nope").status_code == 404
    response = client.get("/embed/compare?regions=310000")
    assert response.status_code == 400 and "Traceback" not in response.get_data(as_text=True)


def test_app_pages_are_not_framable_elsewhere(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    policy = dict(part.split(" ", 1) for part in response.headers["Content-Security-Policy"].split("; "))
    assert policy["frame-ancestors"] == "'self'" and policy["default-src"] == "'self'"
    assert policy["script-src"].startswith("'self' 'sha256-") and "unsafe" not in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "gunicorn/" not in response.headers.get("Server", "") and "Werkzeug" not in response.headers.get(
        "Server", ""
    )


def test_export_route_serves_files(client):
    response = client.get("/export/subsidies.csv?kind=rent")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="metaverse-subsidies-rent-zh.csv"'
    assert "最高将给予100万元租房补贴" in response.get_data(as_text=True)
    svg = client.get("/export/map.svg?metric=latest_target_year&lang=en")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert b"China by province: Latest target year" in svg.get_data()
    assert client.get("/export/map.exe").status_code == 404


def test_plotlyjs_is_served_with_a_long_cache(client):
    page = client.get("/embed/map").get_data(as_text=True)
    src = page.split('<script src="')[1].split('"')[0]
    response = client.get(src)
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]


def test_versioned_assets_are_cached_long(client):
    page = client.get("/").get_data(as_text=True)
    css = page.split('href="/assets/style.css')[1].split('"')[0]
    assert css.startswith("?m=")
    assert "immutable" in client.get("/assets/style.css" + css).headers["Cache-Control"]


def test_pages_load_the_committed_partial_plotly_bundle(client):
    from dashboard.charts import plotlyjs

    # Committed in assets/vendor/ and built for the plotly.js the pinned plotly ships: a fresh install has it.
    assert plotlyjs.partial_available(), "assets/vendor/plotly-partial.min.js is missing or for another plotly.js"
    page = client.get("/").get_data(as_text=True)
    assert f'<script src="{plotlyjs.url_path()}"></script>' in page and "-partial.min.js" in plotlyjs.url_path()
    assert "/assets/vendor/plotly-partial.min.js" not in page  # loaded once, ahead of Dash's scripts
    embed = client.get("/embed/subsidies").get_data(as_text=True)
    src = embed.split('<script src="')[1].split('"')[0]
    assert src.endswith("-partial.min.js")
    body = client.get(src).get_data(as_text=True)
    assert "partial bundle (scatter, bar, scattergeo, choropleth)" in body[:200]


def test_a_map_page_carries_its_first_figure_and_may_run_only_its_own_inline_call(client):
    from dashboard.charts import plotlyjs
    from dashboard.web.headers import FIRST_PAINT_CALL, FIRST_PAINT_SCRIPT, FIRST_PICTURE_CALL

    page = client.get("/?metric=industry_scale_cny&lang=en")
    text = page.get_data(as_text=True)
    payload = json.loads(text.split('<script id="first-figure" type="application/json">')[1].split("</script>")[0])
    figure = payload["figure"]
    assert figure["data"][0]["type"] == "choropleth" and len(figure["data"][0]["locations"]) == 34
    assert figure["data"][0]["geojson"] == payload["outlines"]  # outlines by URL, fetched while plotly.js loads
    assert client.get(payload["outlines"]).status_code == 200 and payload["world"]["type"] == "Topology"
    # Dash's scripts wait in a template (first-paint.js starts them after the drawing); then first-paint.js,
    # the outlines as a script, the call that draws the picture, plotly.js and the call that draws the map
    waiting = text.split('<template id="dash-scripts">')[1].split("</template>")[0]
    assert "dash_renderer" in waiting and "new DashRenderer" in waiting
    assert "dash_renderer" not in text.replace(waiting, "")
    outlines_script = payload["outlines"].removesuffix(".json") + ".js"
    order = [
        text.index(s)
        for s in (
            waiting,
            FIRST_PAINT_SCRIPT,
            outlines_script,
            FIRST_PICTURE_CALL,
            plotlyjs.url_path(),
            FIRST_PAINT_CALL,
        )
    ]
    assert order == sorted(order)
    assert "Industry-scale" in json.dumps(figure) or "industry" in json.dumps(figure).lower()
    for script in (FIRST_PAINT_SCRIPT, FIRST_PICTURE_CALL, FIRST_PAINT_CALL):  # its only inline scripts, by hash
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in page.headers["Content-Security-Policy"]
    assert f"<script>{FIRST_PAINT_CALL}</script>" in text
    assert "first-figure" not in client.get("/?view=ranking").get_data(as_text=True)


def test_the_outlines_script_files_the_same_geometry_where_plotly_looks(client):
    page = client.get("/").get_data(as_text=True)
    url = json.loads(page.split('<script id="first-figure" type="application/json">')[1].split("</script>")[0])[
        "outlines"
    ]
    geojson = client.get(url).get_json()
    script = client.get(url.removesuffix(".json") + ".js")
    assert script.status_code == 200 and script.mimetype == "application/javascript"
    head, _, rest = script.get_data(as_text=True).partition(" = JSON.parse(")
    assert head == f"(window.PlotlyGeoAssets = window.PlotlyGeoAssets || {{topojson: {{}}}})[{json.dumps(url)}]"
    assert json.loads(json.loads(rest.rstrip().removesuffix(");"))) == geojson
    stale = url.rsplit(".", 2)[0] + ".000000000000.js"
    assert client.get(stale).status_code == 404
    assert client.get("/geo/nowhere.000000000000.js").status_code == 404


def test_versioned_files_are_compressed_once_and_the_same_for_every_encoding(client):
    import gzip

    import brotli

    from dashboard.charts import plotlyjs

    plain = client.get(plotlyjs.url_path(), headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("Content-Encoding") is None
    body = plain.get_data()
    for encoding, decode in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        first = client.get(plotlyjs.url_path(), headers={"Accept-Encoding": encoding})
        again = client.get(plotlyjs.url_path(), headers={"Accept-Encoding": encoding})
        assert first.headers["Content-Encoding"] == encoding and first.headers["Vary"] == "Accept-Encoding"
        assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert first.get_data() == again.get_data()  # identical bytes: a cache may keep either
        assert decode(first.get_data()) == body
