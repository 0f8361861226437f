#!/usr/bin/env bash
# Build a partial plotly.js (scatter, bar, scattergeo, choropleth) from the npm registry into
# assets/vendor/plotly-partial.min.js: 1.4 MB instead of the full 4.8 MB bundle, so the browser spends
# ~0.3 s instead of ~1 s evaluating it before the map appears. The version is the plotly.js that the
# installed plotly (Python) package ships, so figures mean the same thing. Without this file the app
# loads plotly's full bundle and works the same, only slower.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
esbuild_version="0.28.2"
out="$root/assets/vendor/plotly-partial.min.js"

if ! command -v npm >/dev/null; then
  echo "build-plotly-bundle: npm not found (Debian: apt-get install nodejs npm); the app will use the full plotly.js" >&2
  exit 1
fi
version="$("$python" -c 'from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())')"
if [ -f "$out" ] && head -c 200 "$out" | grep -q "plotly.js $version partial"; then
  echo "build-plotly-bundle: $out is up to date (plotly.js $version)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/scripts/plotly-partial.js" "$work/entry.js"
(
  cd "$work"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --loglevel=error "plotly.js@$version" "esbuild@$esbuild_version" >/dev/null
  # The options plotly.js's own esbuild config uses for its dist bundles; maplibre's CSS is for map
  # traces we do not load.
  npx --no-install esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
    --define:global=window --define:define.amd=false --target=es2016 --alias:stream=stream-browserify \
    --loader:.css=empty --legal-comments=eof --log-level=warning \
    --banner:js="/* plotly.js $version partial bundle (scatter, bar, scattergeo, choropleth), MIT licence, built by scripts/build-plotly-bundle.sh */" \
    --outfile=bundle.js
)
mkdir -p "$(dirname "$out")"
mv "$work/bundle.js" "$out"
echo "build-plotly-bundle: wrote $out ($(wc -c <"$out") bytes, plotly.js $version)"
