"""Which plotly.js the pages load.

A partial bundle with just the traces we draw (1.4 MB instead of 4.8 MB; the browser evaluates it in
~0.3 s instead of ~1 s) is committed in ``assets/vendor/`` (made by ``scripts/build-plotly-bundle.sh``), where
Dash includes it in the app's pages ahead of its renderer: ``dcc.Graph`` then uses ``window.Plotly``
and never fetches the full bundle. Embeds and offline HTML files use the same file. Without it,
everything falls back to the full bundle that the plotly package ships.
"""

from __future__ import annotations

from functools import cache

import plotly
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from dashboard import ASSETS_DIR

PARTIAL_BUNDLE = ASSETS_DIR / "vendor" / "plotly-partial.min.js"
# The trace types in the partial bundle (scripts/plotly-bundle/entry.js); figures may use no others.
TRACE_TYPES = frozenset({"scatter", "bar", "scattergeo", "choropleth"})


@cache  # asked on every embed page; the file changes only with a rebuild (and a restart)
def partial_available() -> bool:
    try:
        head = PARTIAL_BUNDLE.read_bytes()[:200].decode("utf-8", "replace")
    except OSError:
        return False
    return f"plotly.js {get_plotlyjs_version()} partial" in head  # built for the installed plotly


@cache
def script() -> str:
    """The plotly.js source: the partial bundle when built, else the full one."""
    return PARTIAL_BUNDLE.read_text(encoding="utf-8") if partial_available() else get_plotlyjs()


def url_path() -> str:
    """A versioned URL for :func:`script` (served with a long cache lifetime)."""
    kind = "partial" if partial_available() else "full"
    return f"/vendor/plotly-{plotly.__version__}-{kind}.min.js"
