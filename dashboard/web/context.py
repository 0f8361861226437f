"""What every callback shares: the aggregates computed at start-up, the data date, the state a request
carries (validated again like a URL), and each chart's figure cached by the settings that draw it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import lru_cache
from urllib.parse import urlencode

from dash.exceptions import PreventUpdate

from dashboard.charts import presets
from dashboard.geo import boundaries
from dashboard.model.aggregates import Aggregates
from dashboard.state import State, parse_query

STATE_FIELDS = frozenset(f.name for f in fields(State))


@dataclass
class AppContext:
    agg: Aggregates
    data_date: str
    places: frozenset[str] = field(init=False)
    drillable: frozenset[str] = field(init=False)
    # The map view's first figure for a state (plain data, outlines by URL), for the page to draw before
    # Dash starts; set by the map view when it registers.
    first_map: Callable[[State], dict] | None = field(init=False, default=None)

    def __post_init__(self):
        self.places = frozenset(self.agg.places)
        self.drillable = frozenset(c for c in self.agg.province_codes if boundaries.has_subdivisions(c))
        # Each chart for each distinct drawing state is built once (bounded): a repeated view costs a lookup.
        self._figure = lru_cache(maxsize=64)(self._build_figure)

    def parse(self, query: str) -> tuple[State, list[str]]:
        """A URL query as a view state, and the names of the parameters that were ignored."""
        return parse_query(query, self.places, self.drillable, self.agg.months)

    def state(self, data) -> State:
        """The view state a request carries, validated again like a URL: a request may carry anything."""
        if not isinstance(data, dict):
            return State()
        query = urlencode({k: v for k, v in data.items() if k in STATE_FIELDS and isinstance(v, str)})
        return self.parse(query)[0]

    def state_for(self, view: str, data) -> State:
        """The request's state when ``view`` is on the page; otherwise the callback has nothing to do
        (its components are not there) and stops here."""
        state = self.state(data)
        if state.view != view:
            raise PreventUpdate
        return state

    def _build_figure(self, chart: str, key: State):
        return presets.chart_figure(self.agg, chart, key)

    def title(self, chart: str, state: State) -> str:
        """The chart's title for ``state``, as exports and embeds show it."""
        return presets.chart_title(self.agg, chart, presets.chart_state(chart, state))[0]

    def figure(self, chart: str, state: State):
        """The chart (timeline, subsidies, compare) for ``state``, from the cache when drawn before."""
        return self._figure(chart, presets.chart_state(chart, state))
