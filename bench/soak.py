"""Load and soak test: simulated users clicking through every view against gunicorn, on loopback.

    .venv/bin/python bench/soak.py                      # 50 users, 10 minutes (the figures in bench/README.md)
    .venv/bin/python bench/soak.py --minutes 2 --kill-at 60   # and SIGKILL one worker after a minute

gunicorn runs with the repository's gunicorn.conf.py (the set-up the README recommends). Each user
opens the page as a browser does (page, layout, dependencies), then clicks: every click is the routing
callback for a new URL followed by the callbacks of the view it shows, built from the app's declared
callbacks and the state the server answered with. Think time 0.2-1.0 s between clicks. Reports
throughput, latency percentiles, errors and each worker's memory (RSS) at the start (after a warm-up)
and the end. A request whose connection fails is retried once, as a browser's user would; retries are
counted. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import free_port, wait_for  # noqa: E402
from tests.callback_requests import build, dependencies, find  # noqa: E402

URLS = [
    "",
    "?metric=industry_scale_cny",
    "?metric=max_subsidy_cny&kind=rent",
    "?metric=announced_by&date=2022-03",
    "?metric=latest_target_year&lang=en",
    "?region=310000",
    "?region=330000&drill=330000",
    "?drill=320000&units=county",
    "?drill=440000&metric=max_subsidy_cny",
    "?markers=0&lang=en",
    "?view=timeline",
    "?view=timeline&province=310000&lang=en",
    "?view=subsidies",
    "?view=subsidies&scale=log&kind=operating",
    "?view=subsidies&area=1000&rent=5&years=3&profiles=tenant,operator",
    "?view=compare&regions=310000,330000",
    "?view=compare&regions=110000,510000,440000&lang=en",
    "?view=data&table=subsidies",
    "?view=data&table=plans&q=上海",
]
# The callbacks each view runs after the routing callback (by a fragment of their output ids).
VIEW_CALLBACKS = {
    "map": ['"vid":"map"}.figure', '"vid":"panel"}.children', '"vid":"kind-field"}.style', '"vid":"embed-code"}.value'],
    "timeline": ['"vid":"timeline"}.figure', '"vid":"embed-code"}.value'],
    "subsidies": ['"vid":"subsidy-chart"}.figure', '"vid":"calc-results"}.children', '"vid":"embed-code"}.value'],
    "compare": ['"vid":"compare-content"}.children', '"vid":"embed-code"}.value'],
    "data": ['"vid":"data-table"}.columns'],
}


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.retries = 0
        self.busy = 0  # image exports told to come back (503 + Retry-After): the bound working, not an error
        self.images = 0

    def add(self, ms: float) -> None:
        with self.lock:
            self.latencies.append(ms)


def fetch(url: str, stats: Stats, body: bytes | None = None) -> bytes | None:
    headers = {"Accept-Encoding": "identity"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    for attempt in (1, 2):
        started = time.perf_counter()
        try:
            request = urllib.request.Request(url, data=body, headers=headers)
            with urllib.request.urlopen(request, timeout=30) as response:
                data = response.read()
            stats.add((time.perf_counter() - started) * 1000)
            return data
        except urllib.error.HTTPError as error:
            with stats.lock:
                if error.code == 503 and error.headers.get("Retry-After") and "/export/" in url:
                    stats.busy += 1
                else:
                    stats.errors.append(f"{error.code} {url[-60:]}")
            return None
        except (OSError, http.client.HTTPException) as error:  # reset, refused, or cut off mid-answer
            if attempt == 2:
                with stats.lock:
                    stats.errors.append(f"{type(error).__name__} {url[-60:]}")
                return None
            with stats.lock:
                stats.retries += 1
    return None


def user(base: str, callbacks: list[dict], stop: float, stats: Stats, seed: int) -> None:
    try:
        visit(base, callbacks, stop, stats, random.Random(seed))
    except Exception as error:  # noqa: BLE001 - a broken answer ends this user; count it, never hide it
        with stats.lock:
            stats.errors.append(f"user {seed} stopped: {type(error).__name__}: {error}")


def visit(base: str, callbacks: list[dict], stop: float, stats: Stats, rng: random.Random) -> None:
    route = find(callbacks, "..state.data...shell.children")
    view_calls = {view: [find(callbacks, part) for part in parts] for view, parts in VIEW_CALLBACKS.items()}
    while time.monotonic() < stop:
        # Open the page as a browser does (static bundles are cached by the browser after the first visit).
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            fetch(base + path, stats)
        rendered, meta = None, None
        for _ in range(rng.randrange(5, 15)):  # clicks in this visit
            if time.monotonic() >= stop:
                return
            search = rng.choice(URLS)
            # As the page's own controls do: the new URL is the one just pushed (a pasted link or
            # back/forward would not be, and would rebuild the page's controls).
            pasted = rng.random() < 0.1
            known = {"rendered": rendered, "last-pushed": None if pasted else search}
            answer = fetch(base + "/_dash-update-component", stats, build(route, {"url": search}, known))
            if not answer:
                continue
            state = json.loads(answer)["response"]["state"]["data"]
            rendered = {"view": state["view"], "lang": state["lang"]}
            for callback in view_calls[state["view"]]:
                values = {"state": state}
                body = build(callback, values, {"map-meta": meta, "state": state, "panel-meta": None})
                fetch(base + "/_dash-update-component", stats, body)
            meta = {"drill": state["drill"], "units": state["units"] if state["drill"] else "city"}
            if rng.random() < 0.05:
                query = urllib.parse.quote(search, safe="?=&,")
                fetch(base + "/embed/" + rng.choice(["map", "timeline", "subsidies"]) + query, stats)
            if rng.random() < 0.05:
                chart = rng.choice(["map", "timeline", "subsidies"])
                fetch(base + f"/export/{chart}.csv" + urllib.parse.quote(search, safe="?=&,"), stats)
            if rng.random() < 0.02:  # a presenter's image: each distinct one starts a render
                metric = rng.choice(["plan_count", "latest_target_year", "industry_scale_cny", "max_subsidy_cny"])
                month = f"2022-{rng.randrange(1, 13):02d}"
                image = fetch(base + f"/export/map.{rng.choice(['png', 'svg'])}?metric={metric}&date={month}", stats)
                if image:
                    with stats.lock:
                        stats.images += 1
            time.sleep(rng.uniform(0.2, 1.0))


def worker_pids(master: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory(master: int) -> dict[int, float]:
    sizes = {}
    for pid in worker_pids(master):
        try:
            sizes[pid] = round(rss_mb(pid), 1)
        except OSError:  # a worker that just died (--kill-at) has no status any more
            pass
    return sizes


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=60, help="seconds of load before the start figures")
    parser.add_argument("--kill-at", type=float, help="SIGKILL one worker this many seconds into the run")
    args = parser.parse_args()

    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="soak-")) / "gunicorn.log"
    master = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "-b", f"127.0.0.1:{port}",
         "dashboard.web.app:server"],
        cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", master, timeout=120, log=log)
        callbacks = dependencies(base)
        boot = memory(master.pid)
        stats = Stats()
        began = time.monotonic()
        stop = began + args.warmup + args.minutes * 60
        threads = [
            threading.Thread(target=user, args=(base, callbacks, stop, stats, i), daemon=True)
            for i in range(args.users)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.warmup)
        with stats.lock:  # the measured window starts after the warm-up
            stats.latencies.clear()
            warmup_errors = list(stats.errors)
            stats.errors.clear()
        start_memory = memory(master.pid)
        measured_from = time.monotonic()
        samples: list[tuple[int, list[float]]] = []

        def sample() -> None:  # the workers' RSS every 30 s: a leak climbs, a warm cache levels off
            while time.monotonic() < stop:
                time.sleep(30)
                try:
                    samples.append((round(time.monotonic() - measured_from), list(memory(master.pid).values())))
                except OSError:
                    pass

        threading.Thread(target=sample, daemon=True).start()
        killed = None
        if args.kill_at is not None:
            time.sleep(max(0.0, args.kill_at))
            killed = worker_pids(master.pid)[0]
            os.kill(killed, signal.SIGKILL)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - measured_from
        end_memory = memory(master.pid)
    finally:
        master.terminate()
        master.wait(timeout=30)

    survivors = [pid for pid in start_memory if pid in end_memory]
    growth = {pid: round(100 * (end_memory[pid] - start_memory[pid]) / start_memory[pid], 1) for pid in survivors}
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "users": args.users,
        "minutes": args.minutes,
        "requests": len(stats.latencies),
        "throughput_rps": round(len(stats.latencies) / elapsed, 1),
        "p50_ms": round(pct(stats.latencies, 0.50), 1),
        "p95_ms": round(pct(stats.latencies, 0.95), 1),
        "p99_ms": round(pct(stats.latencies, 0.99), 1),
        "max_ms": round(max(stats.latencies), 1) if stats.latencies else None,
        "errors": len(stats.errors),
        "error_examples": stats.errors[:5],
        "warmup_errors": len(warmup_errors),
        "retried": stats.retries,
        "images": stats.images,
        "export_busy": stats.busy,
        "worker_rss_mb_boot": list(boot.values()),
        "worker_rss_mb_start": list(start_memory.values()),
        "worker_rss_mb_end": list(end_memory.values()),
        "worker_rss_growth_pct": list(growth.values()),
        "killed_worker": killed,
        "rss_samples": samples,
    }
    print(
        f"{args.users} users, {args.minutes:g} min after {args.warmup:g} s warm-up: {result['requests']:,} requests, "
        f"{result['throughput_rps']} req/s; p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms; errors {result['errors']}, retried {result['retried']}"
    )
    print(f"worker RSS MB: boot {result['worker_rss_mb_boot']}, start {result['worker_rss_mb_start']}, "
          f"end {result['worker_rss_mb_end']}, growth % {result['worker_rss_growth_pct']}")  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
