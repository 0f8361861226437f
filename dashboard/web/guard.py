"""What stands between a request and our code: malformed callback requests are refused with 400 before
Dash reads them, and a callback that fails anyway is logged for us and told to the user in words.

Dash trusts the shape of ``/_dash-update-component`` bodies (a missing key is a ``KeyError``, i.e. a 500
and a stack trace in the log for every junk request). Values inside a well-formed body are the
callbacks' business: they validate them (``AppContext.state`` reads the state a request carries like a URL).
"""

from __future__ import annotations

import json
import logging
from functools import cache

from dash import set_props
from dash.exceptions import DependencyException, InvalidCallbackReturnValue
from flask import Response, request

log = logging.getLogger("dashboard")
MAX_BODY_BYTES = 2 * 1024 * 1024  # the largest real callback body (filtered table rows) is ~100 KB
ERROR_NOTE = "这一步没有完成（服务器出错），请重试；您的设置都还在。 / This step failed on the server; please try again — your settings are kept."


MAX_DEPTH = 32  # real bodies nest ~8 deep; a deeper one is an attack on the parser or on Dash


def _is_ref(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str | dict) and isinstance(item.get("property"), str)


@cache  # the declared ids are a fixed set: parse each once, not on every request
def _dict_id(declared_id: str) -> dict | None:
    """A dict id (Dash keeps them as JSON text: '{"name":"drill","type":"ctl"}'), parsed; else None."""
    return json.loads(declared_id) if declared_id.startswith("{") else None


def _wildcard(declared_id: str) -> dict | None:
    """A pattern-matching dict id ('{"i":["ALL"],"vid":"map"}'); else None."""
    parsed = _dict_id(declared_id)
    return parsed if parsed is not None and any(isinstance(v, list) for v in parsed.values()) else None


def _is_wildcard(declared_id: str) -> bool:
    return _wildcard(declared_id) is not None


def _same_id(sent, declared_id: str) -> bool:
    """The id a request names is the declared one: the same string, or a concrete instance of a pattern."""
    pattern = _dict_id(declared_id)
    if pattern is None:
        return sent == declared_id
    return (
        isinstance(sent, dict)
        and sent.keys() == pattern.keys()
        and all(isinstance(v, list) or sent[k] == v for k, v in pattern.items())
        and all(isinstance(v, str | int) and not isinstance(v, bool) for v in sent.values())
    )


def _matches(item, declared_id: str, prop: str) -> bool:
    """One entry of inputs/state/outputs against its declaration (a list of refs for a wildcard id)."""
    wildcard = _is_wildcard(declared_id)
    if wildcard != isinstance(item, list):
        return False
    group = item if wildcard else [item]
    return all(_is_ref(ref) and ref["property"] == prop and _same_id(ref["id"], declared_id) for ref in group)


def _refs_match(items, spec: list[dict]) -> bool:
    """Inputs or states: one entry per declared dependency, a list of them for a wildcard (ALL) id."""
    if not isinstance(items, list) or len(items) != len(spec):
        return False
    return all(_matches(item, s["id"], s["property"]) for item, s in zip(items, spec, strict=True))


@cache
def declared_outputs(output: str) -> tuple[tuple[str, str], ...]:
    """(id, property) of each output, from the callback's key ('a.p' or '..a.p...b.q..'); a property keeps
    Dash's '@hash' of a duplicate output, as the page sends it."""
    parts = output[2:-2].split("...") if output.startswith("..") and output.endswith("..") else [output]
    return tuple(tuple(part.rsplit(".", 1)) for part in parts)


def _outputs_match(outputs, output: str) -> bool:
    declared = declared_outputs(output)
    if len(declared) == 1 and not (output.startswith("..") and output.endswith("..")):
        return _matches(outputs, *declared[0])
    if not isinstance(outputs, list) or len(outputs) != len(declared):
        return False
    return all(_matches(item, raw_id, prop) for item, (raw_id, prop) in zip(outputs, declared, strict=True))


def _too_deep(body) -> bool:
    """Nesting deeper than MAX_DEPTH, found without recursion."""
    stack = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def parse_body(raw: bytes):
    """The request's JSON, or None when it is not JSON or nests absurdly deep (the parser's own recursion
    limit would otherwise end in a RecursionError, i.e. a 500)."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return None if _too_deep(body) else body


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
    if not _outputs_match(body.get("outputs"), output):
        return "outputs do not match the callback"
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
        problem = callback_problem(parse_body(request.get_data(cache=True)), app.callback_map)
        if problem:
            return Response(f"bad callback request: {problem}\n", status=400, mimetype="text/plain")
        return None

    @server.errorhandler(InvalidCallbackReturnValue)
    def outputs_the_request_misdescribed(exc):  # e.g. a wildcard output list the page would not send
        log.info("refused a callback request whose outputs do not fit its answer: %s", str(exc).splitlines()[0])
        return Response("bad callback request: outputs do not fit the answer\n", status=400, mimetype="text/plain")

    @server.errorhandler(DependencyException)
    def unknown_component_file(exc):  # Dash's answer lists every registered path: not for the public
        return Response("not found\n", status=404, mimetype="text/plain")
