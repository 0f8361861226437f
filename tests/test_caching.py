"""Embeds and exports carry an ETag from the content version and the chart's state, answer If-None-Match
with 304 without drawing, and allow shared caches; pages and callbacks stay no-store."""

import pytest

from dashboard.web import caching
from dashboard.web.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


CACHEABLE = ["/embed/map", "/embed/timeline?province=310000", "/export/map.csv", "/export/ranking.csv?lang=en"]


@pytest.mark.parametrize("url", CACHEABLE)
def test_a_repeat_request_is_answered_304_from_its_etag(client, url):
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    cache_control = first.headers["Cache-Control"]
    assert cache_control.startswith("public") and "max-age=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == first.headers["ETag"]
    assert "Content-Security-Policy" not in again.headers  # a 304 must not replace the stored page's policy
    assert client.get(url, headers={"If-None-Match": '"another"'}).status_code == 200


def test_the_etag_follows_the_state_and_the_content_version(client, tmp_path):
    tags = {client.get(url).headers["ETag"] for url in ("/embed/map", "/embed/map?lang=en", "/embed/timeline")}
    assert len(tags) == 3
    assert client.get("/embed/map").headers["ETag"] == client.get("/embed/map?").headers["ETag"]
    # The same state written differently (an ignored parameter aside) is the same chart.
    assert client.get("/embed/map?metric=plan_count").headers["ETag"] == client.get("/embed/map").headers["ETag"]
    (tmp_path / "data").mkdir()
    (tmp_path / "geo").mkdir()
    (tmp_path / "data" / "plans.csv").write_text("a\n")
    before = caching.content_version(tmp_path / "data", tmp_path / "geo")
    (tmp_path / "data" / "plans.csv").write_text("b\n")
    assert caching.content_version(tmp_path / "data", tmp_path / "geo") != before


def test_errors_and_pages_are_never_kept(client):
    assert client.get("/embed/nothing").headers["Cache-Control"] == "no-store"
    assert client.get("/embed/map?province=999999").status_code == 200  # an ignored value: a note, still a chart
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_the_map_outlines_are_one_versioned_file_kept_a_year(client):
    from dashboard.geo import boundaries

    path = boundaries.geometry_path("provinces")
    answer = client.get(path)
    assert answer.status_code == 200 and "immutable" in answer.headers["Cache-Control"]
    assert len(answer.get_json()["features"]) == 34
    assert client.get("/geo/provinces.000000000000.json").status_code == 404  # another version
    assert client.get("/geo/etc.000000000000.json").status_code == 404  # no such geometry
    assert boundaries.geometry_name("330000", counties=True).startswith(("counties-", "cities-"))
    assert client.get(boundaries.geometry_path(boundaries.geometry_name("330000"))).status_code == 200
