"""Faults under gunicorn: a worker killed mid-load is replaced, and files that disappear or go bad after
start-up do not take the app down."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dashboard import DEFAULT_DATA_DIR, GEODATA_DIR
from dashboard.state import State
from tests.browser.conftest import free_port, wait_for
from tests.callback_requests import build, dependencies, find

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def server(tmp_path):
    """gunicorn, 2 workers, over copies of the dataset and the geodata that the test may break."""
    data, geodata = tmp_path / "policy_data", tmp_path / "geodata"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    shutil.copytree(GEODATA_DIR, geodata)
    port, log = free_port(), tmp_path / "gunicorn.log"
    env = {**os.environ, "METAVERSE_MAP_DATA_DIR": str(data), "METAVERSE_MAP_GEODATA_DIR": str(geodata)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "dashboard.web.app:server"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process, timeout=90, log=log)
        yield url, process, data, geodata, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def post(url: str, body: bytes) -> tuple[int, dict | str]:
    request = urllib.request.Request(
        url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else ""
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def map_request(callbacks: list[dict], state: State, meta=None) -> bytes:
    callback = find(callbacks, '"vid":"map"}.figure')
    return build(callback, {"state": state.__dict__}, {"map-meta": meta})


def map_locations(answer: dict) -> list[str]:
    figure = answer["response"]['{"i":0,"vid":"map"}']["figure"]
    return figure["data"][0]["locations"]


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def test_a_killed_worker_is_replaced_and_users_see_at_most_a_retry(server):
    url, process, *_ = server
    callbacks = dependencies(url)
    body = map_request(callbacks, State(metric="industry_scale_cny"), {"drill": "", "units": "city"})
    stop, failures, retried, done = time.monotonic() + 8, [], [0], [0]

    def user() -> None:
        while time.monotonic() < stop:
            for attempt in (1, 2):  # a browser's retry of a request whose connection was reset
                try:
                    status, _ = post(url, body)
                    if status == 200:
                        done[0] += 1
                        break
                    failures.append(status)
                    break
                except (OSError, http.client.HTTPException):  # reset, refused, or cut off mid-answer
                    if attempt == 2:
                        failures.append("connection failed twice")
                    else:
                        retried[0] += 1
                except Exception as error:  # noqa: BLE001 - anything else fails the test, not just the thread
                    failures.append(repr(error))
                    return

    threads = [threading.Thread(target=user) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    before = workers(process.pid)
    os.kill(before[0], signal.SIGKILL)  # mid-load
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + 30
    while len(workers(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    after = workers(process.pid)
    assert len(after) == 2 and before[0] not in after  # gunicorn started a new worker
    assert failures == [] and done[0] > 50
    assert retried[0] <= 6  # at most the requests in flight on the killed worker


def test_files_that_vanish_or_go_bad_after_start_do_not_take_the_app_down(server):
    url, process, data, geodata, log = server
    callbacks = dependencies(url)
    # Dataset files are read at start-up: removing them changes nothing for the running app.
    for path in data.iterdir():
        path.unlink()
    status, answer = post(url, map_request(callbacks, State()))
    assert status == 200 and "figure" in json.dumps(answer)
    # A county file removed: the drill-down falls back to the cities.
    (geodata / "counties" / "320000.geojson").unlink()
    status, answer = post(url, map_request(callbacks, State(drill="320000", units="county")))
    assert status == 200 and "320100" in map_locations(answer) and "320115" not in map_locations(answer)
    # A city file corrupted: the map stays as it was and the page says why, in words.
    (geodata / "subdivisions" / "330000.geojson").write_text('{"type": "FeatureCollection", "feat', encoding="utf-8")
    status, answer = post(url, map_request(callbacks, State(drill="330000")))
    assert status == 200 and "figure" not in json.dumps(answer.get("response", {}))
    assert "边界数据暂时无法读取" in answer["sideUpdate"]["error-note"]["children"]
    (geodata / "subdivisions" / "440000.geojson").write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as embed_error:
        urllib.request.urlopen(url + "/embed/map?drill=440000", timeout=30)
    assert embed_error.value.code == 503 and b"cannot be read" in embed_error.value.read()
    # Everything else still works, in both workers.
    for _ in range(4):
        with urllib.request.urlopen(url + "/", timeout=30) as response:
            assert response.status == 200
        status, answer = post(url, map_request(callbacks, State(drill="320000")))
        assert status == 200 and "320100" in map_locations(answer)
    assert process.poll() is None  # still serving: the master and its workers
