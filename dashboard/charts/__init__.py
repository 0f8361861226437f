"""Layer 3: pure figure builders and the charts as they leave the app (title, subtitle, source line,
data date), the same for the app, the embed pages and the export command.

May import: ``dashboard.model``, ``dashboard.data``, ``dashboard.geo``, ``dashboard.state``,
``dashboard.i18n``, plotly. Never Dash components, Flask or a request.

- ``style``: the font and the escaping every builder uses
- ``map``, ``timeline``, ``subsidies``: figure builders (tables and options in, a plotly Figure out)
- ``presets``: each chart for a view state, and its presented form (title, source line)
- ``files``: a chart as PNG/SVG/PDF (kaleido), offline HTML or CSV
- ``plotlyjs``: which plotly.js bundle pages and files load
"""
