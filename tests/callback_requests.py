"""Build the requests the page sends to ``/_dash-update-component``, from the app's declared callbacks."""

from __future__ import annotations

import json
import urllib.request


def dependencies(base_url: str) -> list[dict]:
    with urllib.request.urlopen(base_url + "/_dash-dependencies", timeout=30) as response:
        return json.loads(response.read())


def _concrete(raw_id: str):
    """A declared id as the page sends it: wildcard ids (JSON text with ["ALL"]) for the one instance."""
    if not raw_id.startswith("{"):
        return raw_id, False
    parsed = json.loads(raw_id)
    wildcard = any(isinstance(v, list) for v in parsed.values())
    return {k: (0 if isinstance(v, list) else v) for k, v in parsed.items()}, wildcard


def _ref(spec: dict, value=None) -> dict | list:
    ref_id, wildcard = _concrete(spec["id"]) if isinstance(spec["id"], str) else (spec["id"], False)
    ref = {"id": ref_id, "property": spec["property"], "value": value}
    return [ref] if wildcard else ref


def build(callback: dict, inputs: dict, state: dict | None = None) -> bytes:
    """``inputs``/``state``: values by declared id (e.g. ``{"state": {...}}``); others are None."""
    outputs = []
    for part in callback["output"].strip(".").split("..."):
        raw_id, prop = part.rsplit(".", 1)
        ref = _ref({"id": raw_id, "property": prop})  # as the page sends it, with a duplicate output's @hash
        outputs.append([{k: v for k, v in r.items() if k != "value"} for r in ref] if isinstance(ref, list) else
                       {k: v for k, v in ref.items() if k != "value"})  # fmt: skip
    body = {
        "output": callback["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [_ref(s, inputs.get(s["id"])) for s in callback["inputs"]],
        "state": [_ref(s, (state or {}).get(s["id"])) for s in callback["state"]],
        "changedPropIds": [f"{s['id']}.{s['property']}" for s in callback["inputs"]],
    }
    return json.dumps(body).encode()


def find(callbacks: list[dict], output_fragment: str) -> dict:
    return next(c for c in callbacks if output_fragment in c["output"])
