"""What a change of the map's settings sends: the whole figure only for another geometry; the markers only
when they changed (a metric switch leaves them as they are)."""

from __future__ import annotations

import pytest
from dash import Patch, no_update

from dashboard.charts import map as map_fig
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries
from dashboard.model.aggregates import Aggregates
from dashboard.state import State
from dashboard.web.views.map import MapFigures
from tests.conftest import table


@pytest.fixture(scope="module")
def figures() -> MapFigures:
    return MapFigures(Aggregates(load_dataset(), boundaries.province_codes(), boundaries.places()))


def changed(patch: Patch) -> set[tuple]:
    return {tuple(op["location"]) for op in patch.to_plotly_json()["operations"]}


def test_a_metric_switch_sends_values_but_not_the_markers_again(figures):
    whole, meta = figures.output(State(), None)
    assert isinstance(whole, dict) and whole["data"][map_fig.MAIN]["type"] == "choropleth"
    patch, new_meta = figures.output(State(metric="industry_scale_cny"), meta)
    assert isinstance(patch, Patch) and new_meta is no_update
    locations = changed(patch)
    assert ("data", map_fig.MAIN, "z") in locations
    assert not any(loc[:2] == ("data", map_fig.MARKERS) and loc[2] in ("lon", "hovertext") for loc in locations)


def test_markers_go_again_when_what_they_show_changes(figures):
    _, meta = figures.output(State(), None)
    years = sorted({p["announced"][:4] for p in table("plans") if p["announced"]})
    patch, new_meta = figures.output(State(announced=years[0]), meta)  # fewer plans, so fewer markers
    assert ("data", map_fig.MARKERS, "lon") in changed(patch)
    assert new_meta["markers"] != meta["markers"]
    # and the page remembers which markers it has: the same year again sends none
    again, _ = figures.output(State(announced=years[0], metric="max_subsidy_cny"), new_meta)
    assert ("data", map_fig.MARKERS, "lon") not in changed(again)


def test_another_geometry_sends_the_whole_figure(figures):
    _, meta = figures.output(State(), None)
    drill = next(c for c in boundaries.province_codes() if boundaries.has_subdivisions(c))
    whole, new_meta = figures.output(State(drill=drill), meta)
    assert isinstance(whole, dict) and new_meta["drill"] == drill
