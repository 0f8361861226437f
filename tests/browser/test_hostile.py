"""Regression tests for an outside review's findings (issue 12): hostile requests against the served app.

Each test sends what the review sent; before the fix each one hung a worker, used gigabytes, answered 500
or put markup where text belongs.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard.state import State
from tests.browser.test_fuzz import request
from tests.callback_requests import build, dependencies, find
from tests.conftest import table

TABLE_ID = '{"i":["ALL"],"vid":"data-table"}'


@pytest.fixture(scope="module")
def callbacks(app_url):
    return dependencies(app_url)


def download(
    app_url, callbacks, button: str, indices, table_name: str = "plans", prop: str = "derived_virtual_indices"
):
    callback = find(callbacks, "download.data")
    body = json.loads(build(callback, {button: 1}, {"state": State(view="data", table=table_name).__dict__}))
    body["changedPropIds"] = [f"{button}.n_clicks"]
    body["state"][0] = [{"id": {"i": 0, "vid": "data-table"}, "property": prop, "value": indices}]
    return request(app_url + "/_dash-update-component", json.dumps(body).encode())


def csv_rows(answer: str) -> list[dict]:
    content = json.loads(answer)["response"]["download"]["data"]["content"]
    return list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))


def test_filtered_download_is_built_from_the_dataset_not_from_client_rows(app_url, callbacks):
    # The review's attack: 10,000 rows, each with its own key, as the table's derived data.
    attack = [{f"k{i}": 0} for i in range(10_000)]
    status, _, _ = download(app_url, callbacks, "download-csv-filtered", attack, prop="derived_virtual_data")
    assert status == 400  # that property is no longer an input of the download at all
    plans = table("plans")
    ids = [p["plan_id"] for p in plans]
    for hostile in ([10**12] * 10_000, list(range(10_000)), ["0", 1], [0, 0, 1], [-1], None, {"k": 1}, [True]):
        status, _, answer = download(app_url, callbacks, "download-csv-filtered", hostile)
        assert status == 200, hostile
        assert [r["plan_id"] for r in csv_rows(answer)] == ids  # anything odd: every row, in table order
    status, _, answer = download(app_url, callbacks, "download-csv-filtered", [3, 0, 5])
    rows = csv_rows(answer)
    assert [r["plan_id"] for r in rows] == [ids[3], ids[0], ids[5]]  # the table's own filter and sort order
    assert list(rows[0]) == list(plans[0])  # the dataset's columns, whatever the browser sent
    status, _, answer = download(app_url, callbacks, "download-json-filtered", [2])
    assert [
        r["plan_id"] for r in json.loads(json.loads(answer)["response"]["download"]["data"]["content"])["plans"]
    ] == [ids[2]]


def test_every_callback_refuses_misshapen_outputs_ids_and_deep_json(app_url, callbacks):
    answers = []
    for callback in callbacks:
        good = json.loads(build(callback, {"state": State().__dict__}))
        outputs = good["outputs"] if isinstance(good["outputs"], list) else [good["outputs"]]
        variants = [[outputs], outputs[::-1], outputs[:-1], [*outputs, outputs[0]], [], [[]]]
        for bad in variants:
            if bad == good["outputs"] or (len(outputs) == 1 and bad == outputs):
                continue
            answers.append(request(app_url + "/_dash-update-component", json.dumps({**good, "outputs": bad}).encode()))
        forged_ids = {**good, "changedPropIds": [5]}
        answers.append(request(app_url + "/_dash-update-component", json.dumps(forged_ids).encode()))
    for depth in (40, 1000, 20_000):
        answers.append(request(app_url + "/_dash-update-component", b"[" * depth + b"]" * depth))
    for path in ("/_dash-component-suites/dash/nope.js", "/_dash-component-suites/nopkg/x.js"):
        status, _, body = request(app_url + path)
        assert status == 404 and "registered" not in body
    assert len(answers) > 3 * len(callbacks)
    assert all(status in (200, 204, 400) for status, _, _ in answers), sorted({s for s, _, _ in answers})
    assert not any("Traceback" in body for _, _, body in answers)


def test_image_exports_are_bounded_and_say_when_to_retry(app_url):
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.charts.files import RENDER_SLOTS

    urls = [f"{app_url}/export/map.png?metric=announced_by&date=2022-{m:02d}" for m in range(1, 9)]

    def fetch(url):
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                return response.status, dict(response.headers), response.read()[:8]
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()[:200]

    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        answers = list(pool.map(fetch, urls))
    statuses = [status for status, _, _ in answers]
    assert set(statuses) <= {200, 503}, statuses
    assert statuses.count(503) >= len(urls) - RENDER_SLOTS  # the rest are told to come back, not queued up
    assert all(headers.get("Retry-After") for status, headers, _ in answers if status == 503)
    assert all(body.startswith(b"\x89PNG") for status, _, body in answers if status == 200)
    status, _, body = fetch(urls[-1])  # once the renders are done, the same request succeeds
    assert status == 200 and body.startswith(b"\x89PNG")
