"""Embeds and exports are the same bytes for everyone who asks for the same chart, so a CDN or nginx's
``proxy_cache`` may keep them: each carries an ETag derived from what it is made of (the dataset, the
boundaries, this code) and the chart's state, answers ``If-None-Match`` with 304 without drawing anything,
and says ``Cache-Control: public`` with a lifetime and ``stale-while-revalidate``. Pages and callback
answers stay ``no-store`` (:mod:`dashboard.web.headers`).

The versioned files the page loads (plotly.js, the outlines) are compressed once per encoding and kept,
not on every request: on a first visit they are on the way to the first map."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import brotli
from flask import Response, request

from dashboard import GEODATA_DIR, PROJECT_ROOT

# An hour fresh, then a day in which a cache may serve the old copy while it asks again.
EDGE_CACHE = "public, max-age=3600, stale-while-revalidate=86400"
CODE_DIRS = (PROJECT_ROOT / "dashboard", PROJECT_ROOT / "assets")


def content_version(data_dir: Path, geodata_dir: Path = GEODATA_DIR) -> str:
    """A fingerprint of everything an embed or export is made of: a new dataset, new boundaries or a
    new release of the code gives every chart a new ETag."""
    digest = hashlib.sha256()
    for root in (Path(data_dir), Path(geodata_dir), *CODE_DIRS):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def etag_for(version: str, *key) -> str:
    """The entity tag of one chart: the content version and the request's state (``repr`` of frozen
    values, so equal states give equal tags)."""
    return hashlib.sha256(repr((version, *key)).encode()).hexdigest()[:32]


def cacheable(etag: str, build: Callable[[], Response]) -> Response:
    """``build()``'s answer with its ETag and a shared-cache lifetime, or 304 when the client (or the
    cache in front) already holds it. Errors are not cached (they keep ``no-store``)."""
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        response = build()
        if response.status_code != 200:
            return response
    response.set_etag(etag)
    response.headers["Cache-Control"] = EDGE_CACHE
    return response


# plotly.js and the outlines files (provinces and each province's cities and counties, as JSON and as a
# script) in two encodings: about 250 entries, a few MB.
@lru_cache(maxsize=512)
def _compressed(name: str, encoding: str, body: bytes) -> bytes:
    # ``name`` names the versioned file; ``body`` (hashed once: bytes keep their hash) guards against reuse.
    if encoding == "br":
        return brotli.compress(body, quality=9)
    return gzip.compress(body, 9, mtime=0)


def versioned_file(name: str, body: bytes, mimetype: str, cache_control: str) -> Response:
    """A file whose URL carries its version (kept as ``cache_control`` says, a year): compressed once per
    encoding (brotli or gzip, as the client accepts), identical bytes for everyone."""
    accepted = request.accept_encodings
    encoding = next((e for e in ("br", "gzip") if accepted[e]), None)
    response = Response(_compressed(name, encoding, body) if encoding else body, mimetype=mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding  # flask-compress leaves an encoded answer as it is
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = cache_control
    return response
