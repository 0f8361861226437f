"""URL ⇄ state ⇄ controls, for every view, and the share popovers (embed code, downloads).

The URL query is the single source of truth. Controls write it (``controls_to_url``); ``route`` reads it,
rebuilding the page shell only when the view or language changes or when the URL came from outside
(a pasted link, back/forward). Each view's own callbacks then fill it from the state (``views/``).
"""

from __future__ import annotations

import math
import os
import re
from urllib.parse import urlsplit

import flask
from dash import ALL, Dash, Input, Output, ctx, html, no_update
from dash import State as Current
from dash.exceptions import PreventUpdate

from dashboard.i18n import t
from dashboard.state import State, format_number
from dashboard.web.components import VALL, any_open
from dashboard.web.context import STATE_FIELDS, AppContext
from dashboard.web.shell import shell


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def control_values(refs: list, values: list) -> dict:
    """Control name → value, for the state fields among the controls a request names."""
    named = {}
    for ref, value in zip(refs, values, strict=False):
        control_id = ref.get("id") if isinstance(ref, dict) else None
        name = control_id.get("name") if isinstance(control_id, dict) else None
        if isinstance(name, str) and name in STATE_FIELDS:
            named[name] = value
    return named


def _control_change(name: str, value, months: list[str]) -> str:
    """One control's value as its URL parameter's text."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is not None and not math.isfinite(number):
        number = None
    if name == "date":
        index = int(number) if number is not None else len(months) - 1
        return "" if index >= len(months) - 1 else months[max(0, index)]
    if name == "markers":
        return "1" if "1" in _strings(value) else "0"
    if name in ("regions", "highlight"):
        return ",".join(_strings(value)[:4])
    if name == "profiles":
        return ",".join(_strings(value))
    if number is not None:
        return format_number(number)
    return value if isinstance(value, str) else ""


def state_from_controls(state: State, controls: dict, months: list[str]) -> State:
    """Fold the current control values into the state (controls not on the page keep their state).

    Values arrive from the browser: anything of the wrong type counts as empty. The URL this makes is
    validated again when it is read (``route``)."""
    changes = {name: _control_change(name, value, months) for name, value in controls.items()}
    if changes.get("view") and changes["view"] != state.view:
        # Controls of the view being left are still on the page: keep only the switch itself.
        return state.with_(view=changes["view"])
    if "lang" in changes and changes["lang"] != state.lang:
        return state.with_(lang=changes["lang"])
    new = state.with_(**changes)
    if new.table != state.table:  # another table has other columns: its filters and sort start empty
        new = new.with_(filter="", sort="")
    if new.region and new.drill and new.region[:2] != new.drill[:2]:
        new = new.with_(drill="")
    defaults = State()
    for name in ("kind", "basis", "level", "doctype", "scale", "table", "metric", "target", "status"):
        if getattr(new, name) == "":
            new = new.with_(**{name: getattr(defaults, name)})
    return new


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
PUBLIC_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(:\d+)?(/[A-Za-z0-9._~/\-]*)?")


def public_origin() -> str:
    """The address embed code points to: METAVERSE_MAP_PUBLIC_URL when the server is public (a request's
    Host header is the client's to choose), else this request's own origin on a loopback address, else
    none (relative links)."""
    configured = os.environ.get("METAVERSE_MAP_PUBLIC_URL", "").strip().rstrip("/")
    if PUBLIC_URL.fullmatch(configured):
        return configured
    try:
        host = urlsplit("//" + flask.request.host)
        loopback = host.hostname in LOOPBACK_HOSTS
    except ValueError:  # a malformed Host header
        return ""
    return flask.request.host_url.rstrip("/") if loopback else ""


def share_parts(state: State) -> tuple[str, html.Ul]:
    """The ``<iframe>`` code and the download links for the chart of ``state``'s view."""
    origin = public_origin()
    query = state.with_(view=State().view).to_query()
    code = (
        f'<iframe src="{origin}/embed/{state.view}{query}" title="{t("title", state.lang)}" '
        'width="100%" height="600" style="border:0" loading="lazy"></iframe>'
    )
    names = {"png": "PNG (2×)", "svg": "SVG", "html": "HTML", "csv": t("chart_data_csv", state.lang)}
    links = html.Ul(
        [html.Li(html.A(text, href=f"/export/{state.view}.{fmt}{query}", download="")) for fmt, text in names.items()]
    )
    return code, links


def register(app: Dash, app_ctx: AppContext) -> None:
    @app.callback(
        Output("state", "data"),
        Output("shell", "children"),
        Output("rendered", "data"),
        Output("url-note", "children"),
        Output("map-meta", "data"),
        Output("player", "disabled"),
        Output("panel-meta", "data"),
        Output("error-note", "children"),  # a new URL clears the note of a failed step
        Input("url", "search"),
        Current("last-pushed", "data"),
        Current("rendered", "data"),
    )
    def route(search, last_pushed, rendered):
        search = search if isinstance(search, str) else ""
        state, ignored = app_ctx.parse(search)
        note = f"{t('url_note', state.lang)}{', '.join(ignored)}" if ignored else ""
        key = {"view": state.view, "lang": state.lang}
        if rendered == key and (search or "") == (last_pushed or ""):
            return state.__dict__, no_update, no_update, note, no_update, no_update, no_update, ""
        return state.__dict__, shell(state, app_ctx.agg, app_ctx.data_date), key, note, None, True, None, ""

    @app.callback(
        Output("url", "search"),
        Output("last-pushed", "data"),
        Input({"type": "ctl", "name": ALL}, "value"),
        Current("state", "data"),
        Current("url", "search"),
        prevent_initial_call=True,
    )
    def controls_to_url(values, state_data, search):
        if state_data is None:
            raise PreventUpdate
        controls = control_values(ctx.inputs_list[0], values)
        new = state_from_controls(app_ctx.state(state_data), controls, app_ctx.agg.months)
        query = new.to_query()
        if query == (search or ""):
            raise PreventUpdate
        return query, query

    @app.callback(
        Output(VALL("embed-code"), "value"),
        Output(VALL("download-links"), "children"),
        Output(VALL("embed-preview"), "href"),
        Input("state", "data"),
        Input(VALL("embed-toggle"), "n_clicks"),
        Input(VALL("download-toggle"), "n_clicks"),
    )
    def share(state_data, embed_toggles, download_toggles):
        """The Embed and Download pop-ups' contents, sent only while one of them is open: a metric switch
        with both closed carries nothing for them."""
        state = app_ctx.state(state_data)
        if state.view == "data" or not any_open(embed_toggles, download_toggles):
            raise PreventUpdate
        code, links = share_parts(state)
        return [code], [links], [f"/embed/{state.view}{state.with_(view=State().view).to_query()}"]
