"""Layer 2: what the data says, computed once: per-region aggregates, the calculator, subsidy rules in
words, the region and row helpers every screen shares, the dataset as one JSON/CSV export.

May import: ``dashboard.data``, ``dashboard.geo``, ``dashboard.i18n``. Never a figure, a component or a
request: the model knows no screen.

- ``aggregates``: ``Aggregates``, per-province and per-place summaries (missing, never 0, where no plan)
- ``regions``: the plans of a region, its title, a plan's place label, subsidy rows with their region
- ``calculator``: what a firm could receive under each plan's own rules
- ``subsidy_text``: a subsidy's conditions in words (zh/en)
- ``dataset_export``: the five tables as JSON or CSV files; the GIS layers as a GeoPackage or GeoJSON
- ``gis``: the plans joined to the boundaries as GeoDataFrames (provinces, cities, plan points)
"""
