"""The server time of the first map answer: the map callback for a page's first render (no geometry on
the page yet), through Flask's test client, median of repeated calls after one warm-up.

    .venv/bin/python -m bench.first_answer
"""

from __future__ import annotations

import json
import statistics
import time

from dashboard.state import State
from dashboard.web.app import create_app
from tests.callback_requests import build, find


def first_answer_ms(runs: int = 30) -> tuple[float, int]:
    app = create_app()
    client = app.server.test_client()
    callbacks = client.get("/_dash-dependencies").get_json()
    body = build(find(callbacks, '"vid":"map"}.figure'), {"state": State().__dict__}, {"map-meta": None})
    headers = {"Content-Type": "application/json"}
    client.post("/_dash-update-component", data=body, headers=headers)  # warm-up (caches, imports)
    times, size = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        answer = client.post("/_dash-update-component", data=body, headers=headers)
        times.append((time.perf_counter() - began) * 1000)
        size = len(answer.get_data())
    return statistics.median(times), size


if __name__ == "__main__":
    ms, size = first_answer_ms()
    print(json.dumps({"first_answer_server_ms": round(ms, 2), "first_answer_bytes": size}))
