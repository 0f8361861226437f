#!/usr/bin/env bash
# Build the partial plotly.js (scatter, bar, scattergeo, choropleth) shipped in
# assets/vendor/plotly-partial.min.js: 1.4 MB instead of the full 4.8 MB bundle, so the browser spends
# ~0.3 s instead of ~1 s evaluating it before the map appears. The file is committed, so installing the
# app needs no npm; this script is how it was made, and `--check` proves it (CI runs it from
# scripts/test.sh): it rebuilds from scripts/plotly-bundle/ (package-lock.json pins plotly.js, esbuild and
# every dependency) and compares byte for byte. The plotly.js version must be the one the pinned plotly
# (Python) package ships, so figures mean the same thing.
#
#   bash scripts/build-plotly-bundle.sh           # rebuild the committed file (after bumping the pins)
#   bash scripts/build-plotly-bundle.sh --check   # fail if the committed file is not what the build makes
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
spec="$root/scripts/plotly-bundle"
out="$root/assets/vendor/plotly-partial.min.js"
check=false
[ "${1:-}" = "--check" ] && check=true

if ! command -v npm >/dev/null; then
  echo "build-plotly-bundle: npm not found (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
version="$("$python" -c 'from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())')"
pinned="$(sed -n 's/.*"plotly.js": "\(.*\)".*/\1/p' "$spec/package.json")"
if [ "$version" != "$pinned" ]; then
  echo "build-plotly-bundle: the installed plotly ships plotly.js $version, scripts/plotly-bundle pins $pinned;" \
    "pin the same version in both (pyproject.toml, scripts/plotly-bundle/package.json + npm install --package-lock-only)" >&2
  exit 1
fi
esbuild_version="$(sed -n 's/.*"esbuild": "\(.*\)".*/\1/p' "$spec/package.json")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$spec/package.json" "$spec/package-lock.json" "$spec/entry.js" "$work/"
(
  cd "$work"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  # The options plotly.js's own esbuild config uses for its dist bundles; maplibre's CSS is for map
  # traces we do not load.
  npx --no-install esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
    --define:global=window --define:define.amd=false --target=es2016 --alias:stream=stream-browserify \
    --loader:.css=empty --legal-comments=eof --log-level=warning \
    --banner:js="/* plotly.js $version partial bundle (scatter, bar, scattergeo, choropleth), MIT licence, built by scripts/build-plotly-bundle.sh with esbuild $esbuild_version */" \
    --outfile=bundle.js
)
if $check; then
  if cmp -s "$work/bundle.js" "$out"; then
    echo "build-plotly-bundle: $out is what scripts/plotly-bundle builds (plotly.js $version)"
    exit 0
  fi
  echo "build-plotly-bundle: $out differs from what scripts/plotly-bundle builds (plotly.js $version):" \
    "run bash scripts/build-plotly-bundle.sh and commit the file" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
mv "$work/bundle.js" "$out"
echo "build-plotly-bundle: wrote $out ($(wc -c <"$out") bytes, plotly.js $version)"
