"""Layer 4 (top, below the CLI): the Dash app and the routes beside it.

May import every layer below (charts, model, data, geo, state, i18n); nothing imports it but
``dashboard.__main__``. Inside, imports go one way too: ``app`` → ``routing`` / ``embed`` → ``shell`` →
``views.*`` → ``components``.

- ``app``: the app factory; ``dashboard.web.app:server`` is the WSGI object for gunicorn
- ``context``: what every callback shares (the aggregates, the state a request carries, cached figures)
- ``components``: ids, fields and graph settings the views share
- ``shell``: the page: header, view switch, the active view's controls and content, footer
- ``routing``: URL ⇄ state ⇄ controls, and the share (embed / download) popovers
- ``views/``: one module per view (``map``, ``timeline``, ``subsidies``, ``compare``, ``data``): its
  controls, its content and its callbacks; new views go beside them
- ``embed``: ``/embed/<chart>`` pages and ``/export/<chart>.<fmt>`` files
- ``guard``, ``headers``: malformed callback requests refused, failures told in words; CSP and cache headers
- ``caching``: ETags, 304s and shared-cache lifetimes for embeds and exports
"""
