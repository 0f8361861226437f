"""Security and cache headers on every response.

- Content-Security-Policy: scripts only from this site, plus the hash of Dash's one inline script
  (``app.csp_hashes()``) or, on embed pages, the hashes of the page's own inline scripts.
  Styles may be inline: plotly.js and React set style attributes and inject <style> elements.
- Frames: embed pages may be framed anywhere (no frame-ancestors at all: ``*`` would not match a local
  file or a slide tool's web view); every other page only by this one.
- nosniff, a referrer policy, a year of cache for versioned static files, and no-store for everything
  else (pages, callback answers): they carry state and must not sit in a shared cache. Embeds and exports
  set their own (:mod:`dashboard.web.caching`).
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Response, g, request

from dashboard import ASSETS_DIR

LONG_CACHE = "public, max-age=31536000, immutable"
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/vendor/")
# The inline calls of the app's map page (dashboard/web/app.py first_paint), allowed by their hashes: the
# picture of the map once its outlines have loaded, before plotly.js; the first map (assets/first-paint.js)
# after plotly.js has loaded and before Dash's renderer starts.
FIRST_PICTURE_CALL = "window.firstPicture && window.firstPicture();"
FIRST_PAINT_CALL = "window.firstPaint && window.firstPaint();"
# assets/first-paint.js itself is written into the page too (one request less before the first map).
FIRST_PAINT_SCRIPT = (ASSETS_DIR / "first-paint.js").read_text(encoding="utf-8")
BASE_POLICY = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def allow_inline_scripts(page: str) -> None:
    """Allow exactly this embed page's inline scripts, by their hashes (not a nonce: the page may be
    served again from a shared cache, and a nonce must never repeat)."""
    g.csp_scripts = [_hash(s) for s in INLINE_SCRIPT.findall(page)]


def register(app) -> None:
    server = app.server
    first_paint = [_hash(FIRST_PAINT_SCRIPT), _hash(FIRST_PICTURE_CALL), _hash(FIRST_PAINT_CALL)]
    app_scripts = " ".join(["'self'", *app.csp_hashes(), *first_paint])  # Dash's renderer start-up, the first map
    app_policy = "; ".join([*BASE_POLICY, f"script-src {app_scripts}", "frame-ancestors 'self'"])

    @server.after_request
    def security_headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if request.path.startswith("/assets/") and request.args.get("m") and response.status_code == 200:
            response.headers["Cache-Control"] = LONG_CACHE  # Dash versions asset URLs with ?m=<mtime>
        elif not request.path.startswith(STATIC_PREFIXES) and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        if response.status_code == 304:
            return response  # a 304's headers replace the stored ones: keep the page's own policy
        if request.path.startswith("/embed/"):
            scripts = " ".join(["script-src 'self'", *g.get("csp_scripts", [])])
            response.headers["Content-Security-Policy"] = "; ".join([*BASE_POLICY, scripts])
        else:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
            response.headers["Content-Security-Policy"] = app_policy
        return response
