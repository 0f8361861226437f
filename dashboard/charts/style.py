"""Pure figure builders: tables and options in, a plotly Figure out (no file access)."""

import html


def plain(value) -> str:
    """Dataset text inside plotly's HTML-like labels (hover, ticks, titles): shown as typed, never as
    markup. plotly.js turns the entities back into the characters."""
    return html.escape(str(value), quote=False)


FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
