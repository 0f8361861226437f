"""Layer 1 (bottom, above ``geo``): the curated dataset in ``policy_data/``: read, type and validate it.

May import: ``dashboard.geo`` (to check adcodes and places against the shipped boundaries), the standard
library, pandas. Knows nothing of aggregates, figures or screens.

- ``dataset``: ``load_dataset`` and the typed ``Dataset``; every problem raised together in a ``DatasetError``
- ``reading``: CSV files read safely and typed by the Table Schema in ``datapackage.json``
- ``checks``: the facts around the schema (places, years, numbers against quotes, coverage)
- ``spatial_checks``: the places against the polygons (``validate`` only: it loads geopandas)
- ``problems``: one problem = file, line, column, value, what is wrong
- ``quotes``: the numbers a Chinese quote states (万/亿, 一亿, 百亿级…)
- ``csvfile``: CSV text for spreadsheets (formula-neutralised), used by every CSV the project writes
"""
