"""What stands between a request and our code: malformed callback requests are refused with 400 before
Dash reads them, and a callback that fails anyway is logged for us and told to the user in words.

Dash trusts the shape of ``/_dash-update-component`` bodies (a missing key is a ``KeyError``, i.e. a 500
and a stack trace in the log for every junk request). Values inside a well-formed body are the
callbacks' business: they validate them (``callbacks.read_state`` and friends).
"""

from __future__ import annotations

import json
import logging
from functools import cache

from dash import set_props
from flask import Response, request

log = logging.getLogger("dashboard")
MAX_BODY_BYTES = 2 * 1024 * 1024  # the largest real callback body (filtered table rows) is ~100 KB
ERROR_NOTE = "这一步没有完成（服务器出错），请重试；您的设置都还在。 / This step failed on the server; please try again — your settings are kept."


def _is_ref(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str | dict) and isinstance(item.get("property"), str)


@cache  # the declared ids are a fixed set: parse each once, not on every request
def _is_wildcard(declared_id: str) -> bool:
    """A pattern-matching id (Dash keeps them as JSON text: '{"i":["ALL"],"vid":"map"}')."""
    if not declared_id.startswith("{"):
        return False
    parsed = json.loads(declared_id)
    return any(isinstance(v, list) for v in parsed.values())


def _refs_match(items, spec: list[dict]) -> bool:
    """Inputs or states: one entry per declared dependency, a list of them for a wildcard (ALL) id."""
    if not isinstance(items, list) or len(items) != len(spec):
        return False
    for item, expected in zip(items, spec, strict=True):
        wildcard = _is_wildcard(expected["id"])
        if wildcard != isinstance(item, list):
            return False
        group = item if wildcard else [item]
        if not all(_is_ref(ref) and ref["property"] == expected["property"] for ref in group):
            return False
    return True


def _outputs_ok(outputs) -> bool:
    if _is_ref(outputs):
        return True
    return isinstance(outputs, list) and all(
        _is_ref(o) or (isinstance(o, list) and all(_is_ref(p) for p in o)) for o in outputs
    )


def callback_problem(body, callback_map: dict) -> str | None:
    """Why a callback request body is malformed, or None."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "unknown callback"
    spec = callback_map[output]
    if not _refs_match(body.get("inputs"), spec["inputs"]):
        return "inputs do not match the callback"
    if not _refs_match(body.get("state", []), spec["state"]):
        return "state does not match the callback"
    if not _outputs_ok(body.get("outputs")):
        return "outputs are malformed"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds is malformed"
    return None


def callback_failed(exc: Exception) -> None:
    """Dash's ``on_error``: the outputs stay as they were (no_update) and the page says so."""
    log.error("callback failed", exc_info=exc)
    set_props("error-note", {"children": ERROR_NOTE})


def register(app) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @server.before_request
    def refuse_malformed_callbacks():
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        problem = callback_problem(request.get_json(silent=True), app.callback_map)
        if problem:
            return Response(f"bad callback request: {problem}\n", status=400, mimetype="text/plain")
        return None
