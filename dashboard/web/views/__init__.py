"""One module per view: its controls, its content and the callbacks that fill them (``VIEW``).

A view module may import ``dashboard.web.components`` and ``dashboard.web.context`` and the layers below
the web; never another view, the shell or the routing.
"""
