"""The app's start-up in a fresh process: ``create_app()`` on the bundled data, median of a few runs.

    .venv/bin/python bench/startup.py

Measured twice in the same run: as the app starts, and with geopandas imported first (what an eager
import of the GIS layers would add). The app must not load geopandas: ``loads_geopandas`` says whether it did.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """import sys, time
started = time.perf_counter()
{preload}
from dashboard.web.app import create_app
create_app()
print(time.perf_counter() - started, "geopandas" in sys.modules)
"""


def startup(runs: int = 5, preload: str = "") -> tuple[float, bool]:
    """(median seconds from the first import to a built app, whether geopandas was loaded)."""
    times, loaded = [], False
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT.format(preload=preload)],
            cwd=ROOT, capture_output=True, text=True, check=True, timeout=300,
        ).stdout.split()  # fmt: skip
        times.append(float(out[0]))
        loaded = out[1] == "True"
    return statistics.median(times), loaded


def measure(runs: int = 5) -> dict:
    plain, loaded = startup(runs)
    eager, _ = startup(runs, "import geopandas")
    return {"startup_s": round(plain, 2), "startup_with_geopandas_s": round(eager, 2), "loads_geopandas": loaded}


if __name__ == "__main__":
    print(json.dumps(measure()))
