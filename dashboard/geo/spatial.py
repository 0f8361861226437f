"""The shipped boundaries as GeoDataFrames, and where points lie in them (geopandas).

Used by the spatial checks of ``validate`` and by the GIS layers (:mod:`dashboard.model.gis`), never on
the app's start-up path: importing this module does not import geopandas; its functions do, on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import GEODATA_DIR
from dashboard.geo import boundaries

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

WGS84 = "EPSG:4326"
# Equal-area Albers conic for China (metres): distances and areas; build-geodata simplifies in it too.
ALBERS_CHINA = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +datum=WGS84 +units=m +no_defs"
# The shipped outlines stray from the source by at most this much (geodata/build_report.json): a point
# closer than this to a polygon may lie in it on the ground.
TOLERANCE_M = 2000.0


def polygons(collection: dict) -> gpd.GeoDataFrame:
    """A FeatureCollection whose feature ids are adcodes, as a GeoDataFrame (adcode, name_zh, geometry)
    in EPSG:4326, in the file's order."""
    import geopandas as gpd
    from shapely.geometry import shape

    features = collection["features"]
    return gpd.GeoDataFrame(
        {
            "adcode": [f["id"] for f in features],
            "name_zh": [(f.get("properties") or {}).get("name_zh") for f in features],
        },
        geometry=[shape(f["geometry"]) for f in features],
        crs=WGS84,
    )


def province_polygons(geodata_dir: Path = GEODATA_DIR) -> gpd.GeoDataFrame:
    return polygons(boundaries.provinces_geojson(geodata_dir))


def unit_polygons(province_code: str, counties: bool = False, geodata_dir: Path = GEODATA_DIR) -> gpd.GeoDataFrame:
    """A province's cities (its districts in a 直辖市), or its counties where they are built."""
    if counties and boundaries.has_counties(province_code, geodata_dir):
        return polygons(boundaries.county_geojson(province_code, geodata_dir))
    return polygons(boundaries.subdivision_geojson(province_code, geodata_dir))


def points(lon, lat, index=None) -> gpd.GeoSeries:
    import geopandas as gpd

    return gpd.GeoSeries(gpd.points_from_xy(lon, lat), index=index, crs=WGS84)


def lies_in(where: gpd.GeoSeries, shapes: gpd.GeoDataFrame) -> pd.Series:
    """The adcode of the polygon each point lies in (the first, on a shared border); None where none."""
    import geopandas as gpd

    found = gpd.sjoin(gpd.GeoDataFrame(geometry=where), shapes[["adcode", "geometry"]], predicate="within")
    first = found[~found.index.duplicated()]["adcode"]
    return first.reindex(where.index).astype(object).where(lambda s: s.notna(), None)


def distance_m(where: gpd.GeoSeries, shapes: gpd.GeoDataFrame, codes: pd.Series) -> pd.Series:
    """Metres from each point to the polygon its code names (0 inside it); NaN where no polygon has
    that code."""
    by_code = shapes.set_index("adcode").geometry
    expected = by_code.reindex(codes.to_numpy())
    expected.index = where.index
    distances = where.to_crs(ALBERS_CHINA).distance(expected.to_crs(ALBERS_CHINA), align=True)
    return distances.where(expected.notna().to_numpy())
