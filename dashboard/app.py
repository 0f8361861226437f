"""The Dash app factory. ``dashboard.app:server`` is the WSGI object for gunicorn."""

from __future__ import annotations

import sys
from pathlib import Path

from dash import Dash

from dashboard import ASSETS_DIR, DEFAULT_DATA_DIR, geo
from dashboard.data import DatasetError, load_dataset
from dashboard.figures.map import province_map
from dashboard.i18n import t
from dashboard.layout import page
from dashboard.metrics import province_summary


def create_app(data_dir: Path | str = DEFAULT_DATA_DIR) -> Dash:
    """Validate the dataset, compute the aggregates once, and build the app.

    Raises :class:`DatasetError` (every problem listed) when the data is invalid.
    """
    dataset = load_dataset(Path(data_dir))
    summary = province_summary(dataset, geo.province_codes())
    figure = province_map(summary, geo.provinces_geojson(), geo.south_china_sea_geojson(), "plan_count", "zh")

    app = Dash(
        __name__,
        title=f"{t('title', 'zh')} / {t('title', 'en')}",
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        update_title=None,
    )
    app.layout = page(figure, summary, dataset.data_date, "zh")
    return app


def _server():
    try:
        return create_app().server
    except DatasetError as exc:
        sys.stderr.write(f"refusing to start: {exc}\n")
        raise SystemExit(1) from None


def __getattr__(name: str):
    # `gunicorn dashboard.app:server` builds the app on first access, not at import.
    if name == "server":
        server = _server()
        globals()["server"] = server
        return server
    raise AttributeError(name)
