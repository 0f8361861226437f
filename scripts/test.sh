#!/usr/bin/env bash
# Install everything the tests need (Debian's chromium + chromedriver + a CJK font + npm + nginx + gdal-bin, the package with
# its test extra), check the committed partial plotly.js bundle against its build, and run the whole suite: lint, unit, geodata and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)  # checks the partial plotly.js bundle against its build
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)  # the edge-cache test
command -v ogrinfo >/dev/null 2>&1 || need_apt+=(gdal-bin)  # opens the GeoPackage as QGIS would (tests/test_gis.py)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q "${need_apt[@]}" || { $SUDO apt-get update -q && $SUDO apt-get install -y -q "${need_apt[@]}"; }
fi

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
bash scripts/build-plotly-bundle.sh --check  # the committed partial plotly.js is what its pinned build makes

.venv/bin/ruff check dashboard tests scripts bench
.venv/bin/ruff format --check dashboard tests scripts bench
.venv/bin/python -m pytest "$@"
