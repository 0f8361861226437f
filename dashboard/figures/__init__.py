"""Pure figure builders: tables and options in, a plotly Figure out (no file access)."""

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
