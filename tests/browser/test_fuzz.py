"""Fuzz the running app with hostile URL queries and callback payloads.

Real callback requests are captured from a browser clicking through every view, then replayed with
their values replaced by junk (wrong types, absurd lengths, markup, control characters) and their
structure broken. URL queries go to the page, the embed pages and the CSV/HTML exports. Nothing may
answer 5xx, show a stack trace, or put a fuzzed string into HTML unescaped.
"""

from __future__ import annotations

import json
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import new_browser
from tests.browser.helpers import province_fills

SEED = int(os.environ.get("FUZZ_SEED", "20261124"))
MARK = "fz9q"  # every hostile string carries it, so an unescaped echo is easy to find
HOSTILE = [
    f"<script>alert('{MARK}')</script>",
    f'"><img src=x onerror=alert("{MARK}")>',
    f"'><svg onload=alert('{MARK}')>",
    f"javascript:alert('{MARK}')",
    f"{MARK}</textarea><b>",
    f"{MARK}\x00\x01\x1b[31m",
    f"../../../../etc/passwd{MARK}",
    f"{MARK}' OR '1'='1",
    f"{{{{7*7}}}}{MARK}",
    f"%3Cscript%3E{MARK}",
    f"{MARK}\u202e\ufeff\u200b",
    f"２０万元{MARK}，",
    MARK * 2000,
]
NAMES = [
    "view", "lang", "metric", "kind", "date", "region", "drill", "units", "markers", "scale", "level",
    "doctype", "province", "regions", "table", "q", "area", "rent", "years", "profiles", "price", "controls",
]  # fmt: skip
VALID = {
    "view": ["map", "timeline", "subsidies", "compare", "data"],
    "metric": ["plan_count", "max_subsidy_cny", "announced_by"],
    "region": ["310000", "320115", "110000"],
    "drill": ["330000", "320000"],
    "units": ["county", "city"],
    "regions": ["310000,330000", "310000,310000"],
    "date": ["2022-01", "1999-13"],
    "area": ["1000", "-1", "1e309", "nan", "0x10"],
}
PATHS = ["/", "/embed/map", "/embed/timeline", "/embed/subsidies", "/embed/compare"]
EXPORTS = ["/export/map.csv", "/export/timeline.csv", "/export/subsidies.csv", "/export/compare.csv"]


def random_text(rng: random.Random, longest: int) -> str:
    codes = (rng.randrange(1, 0x2FFFF) for _ in range(rng.randrange(1, longest)))
    return "".join(chr(c) for c in codes if not 0xD800 <= c <= 0xDFFF)  # no lone surrogates: not UTF-8


def junk(rng: random.Random, depth: int = 0):
    choices = [
        lambda: rng.choice(HOSTILE),
        lambda: None,
        lambda: rng.choice([True, False]),
        lambda: rng.choice([0, -1, 2**63, -(2**70), 1e308, 3.5, float("nan"), float("inf")]),
        lambda: random_text(rng, 40),
        lambda: [junk(rng, depth + 1) for _ in range(rng.randrange(0, 4))] if depth < 2 else [],
        lambda: (
            {rng.choice(NAMES + [MARK]): junk(rng, depth + 1) for _ in range(rng.randrange(0, 4))} if depth < 2 else {}
        ),
    ]
    return rng.choice(choices)()


def hostile_query(rng: random.Random) -> str:
    params = []
    for _ in range(rng.randrange(1, 6)):
        name = rng.choice(NAMES + [MARK, f"<b>{MARK}</b>"])
        value = rng.choice(VALID.get(name, [])) if name in VALID and rng.random() < 0.4 else rng.choice(HOSTILE)
        if rng.random() < 0.1:
            value = random_text(rng, 30)
        params.append((name, value))
    query = urllib.parse.urlencode(params)
    return query if rng.random() < 0.9 else query.replace("%", "%%").replace("=", "=%G")  # broken escapes


def request(url: str, body: bytes | None = None) -> tuple[int, str, str]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


def check(url: str, status: int, content_type: str, body: str) -> list[str]:
    problems = []
    if status >= 500:
        problems.append(f"{status} for {url[:300]}")
    if "Traceback" in body or 'File "/' in body:
        problems.append(f"stack trace in the answer to {url[:300]}")
    if "html" in content_type and f"<script>alert('{MARK}" in body or f'<img src=x onerror=alert("{MARK}' in body:
        problems.append(f"unescaped echo in the HTML of {url[:300]}")
    if "html" in content_type and f"<b>{MARK}" in body:
        problems.append(f"unescaped parameter name in the HTML of {url[:300]}")
    return problems


def captured_callbacks(app_url: str) -> list[dict]:
    """Every distinct callback request a user's clicks make, captured from the browser's network log."""
    driver = new_browser(network_log=True)
    try:
        for query in (
            "/?region=310000",
            "/?drill=320000&units=county&metric=max_subsidy_cny&kind=rent",
            "/?metric=announced_by&date=2022-01&lang=en",
            "/?view=timeline&province=310000",
            "/?view=subsidies&area=1000&rent=5&years=3&profiles=tenant,operator",
            "/?view=compare&regions=310000,330000",
            "/?view=data&table=subsidies&q=上海",
        ):
            driver.get(app_url + query)
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return !!document.querySelector('.view')"))
            if "view=" not in query:
                WebDriverWait(driver, 30).until(lambda d: len(province_fills(d)) > 0)
            time.sleep(1.0)
        bodies = {}
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                req = message["params"]["request"]
                if "_dash-update-component" in req["url"] and req.get("postData"):
                    payload = json.loads(req["postData"])
                    bodies.setdefault(payload["output"], payload)
        return list(bodies.values())
    finally:
        driver.quit()


def _fuzz_values(node, rng: random.Random):
    if isinstance(node, list):
        return [_fuzz_values(item, rng) for item in node]
    if isinstance(node, dict) and "property" in node:
        return {**node, "value": junk(rng)} if rng.random() < 0.7 else node
    return node


def broken_outputs(outputs, rng: random.Random):
    """Outputs as an outside review sent them: nested, reordered, short, long, or with forged ids."""
    items = outputs if isinstance(outputs, list) else [outputs]
    return rng.choice([
        [items], items[::-1], items[:-1], [*items, items[0]], [[items]], {"id": junk(rng), "property": "x"},
        [{"id": {"i": True, "vid": "map"}, "property": "figure"}], [{"id": MARK, "property": "children"}],
    ])  # fmt: skip


def deep_json(rng: random.Random) -> bytes:
    depth = rng.choice([40, 200, 1000, 5000])
    return rng.choice([b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1" + b"}" * depth])


def mutate(payload: dict, rng: random.Random) -> bytes:
    body = json.loads(json.dumps(payload))
    roll = rng.random()
    if roll < 0.2:
        body["outputs"] = broken_outputs(body.get("outputs"), rng)
    elif roll < 0.25:
        return deep_json(rng)
    elif roll < 0.75:
        for key in ("inputs", "state"):
            if key in body:
                body[key] = _fuzz_values(body[key], rng)
    elif roll < 0.85:
        body.pop(rng.choice(list(body)), None)
    elif roll < 0.9:
        body[rng.choice(list(body))] = junk(rng)
    elif roll < 0.95:
        body["output"] = rng.choice(HOSTILE)
    else:
        return rng.choice([b"{", b"[]", b"null", b'"' + MARK.encode() + b'"', b"\xff\xfe", b"{}" * 5000])
    return json.dumps(body).encode()


def test_fuzz_hostile_queries_and_callback_payloads(app_url):
    rng = random.Random(SEED)
    payloads = captured_callbacks(app_url)
    assert len(payloads) >= 12, [p["output"] for p in payloads]  # every view's callbacks were captured
    for payload in payloads:  # as captured, every request is answered (the guard lets real ones through)
        status, _, body = request(app_url + "/_dash-update-component", json.dumps(payload).encode())
        assert status in (200, 204), (payload["output"], status, body[:300])
    jobs: list[tuple[str, bytes | None]] = []
    for _ in range(1300):
        jobs.append((app_url + rng.choice(PATHS + EXPORTS) + "?" + hostile_query(rng), None))
    for _ in range(30):  # standalone HTML exports are bigger: fewer of them
        jobs.append((app_url + "/export/" + rng.choice(["map", "timeline"]) + ".html?" + hostile_query(rng), None))
    for _ in range(40):
        jobs.append(
            (
                app_url
                + "/"
                + rng.choice(
                    ["embed", "export", "assets", "vendor", "_dash-component-suites/dash", "_dash-component-suites/x"]
                )
                + "/"
                + urllib.parse.quote(rng.choice(HOSTILE), safe="/."),
                None,
            )
        )
    for _ in range(1300):
        jobs.append((app_url + "/_dash-update-component", mutate(rng.choice(payloads), rng)))
    # The URL as the app itself parses it: the routing callback with a hostile search string.
    route = next(p for p in payloads if p["output"].startswith("..state.data"))
    for _ in range(300):
        body = json.loads(json.dumps(route))
        body["inputs"][0]["value"] = "?" + hostile_query(rng)
        jobs.append((app_url + "/_dash-update-component", json.dumps(body).encode()))

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: (job[0], *request(*job)), jobs))
    print(f"fuzz: {len(results)} requests in {time.monotonic() - started:.1f} s, seed {SEED}")
    sent = [body for _, body in jobs]
    problems = [
        problem + (f" (body {sent[i][:200]!r})" if sent[i] else "")
        for i, (url, *answer) in enumerate(results)
        for problem in check(url, *answer)
    ]
    statuses = sorted({status for _, status, _, _ in results})
    assert len(results) >= 2000
    assert problems == [], f"seed {SEED}: {len(problems)} problems, e.g. {problems[:5]}; statuses {statuses}"
    # Fuzzed values are refused or defaulted, not all bounced: most answers are still real answers.
    assert sum(status in (200, 204) for _, status, _, _ in results) > len(results) / 2
