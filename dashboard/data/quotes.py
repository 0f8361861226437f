"""Read the numbers a Chinese source fragment states, so each normalised value can be checked
against its quote ("20万元" ↔ 200000, "3500亿元" ↔ 350000000000, "一亿元" ↔ 100000000).

万 = 10⁴, 亿 = 10⁸; Chinese numerals (一 … 九, 十, 百, 千, 两) are read too, so "百亿级" is 10¹⁰,
"十余" is 10 and "上亿元" is 10⁸.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(_DIGITS) + "".join(_UNITS)

# An Arabic number (1,000 / 12.8 / 1263.5) or a run of Chinese numerals, then an optional 万/亿
# (possibly preceded by a Chinese unit: 百亿, 千亿), then an optional 元 or %.
_TOKEN = re.compile(rf"(?P<arabic>\d[\d,]*(?:\.\d+)?)?(?P<cn>[{_CN_CHARS}]+)?(?P<big>[万亿]+)?(?P<suffix>元|%|％)?")


@dataclass(frozen=True)
class Mention:
    value: float
    money: bool  # carries 万/亿 or 元: an amount, not a count
    percent: bool
    yuan: bool = False  # says 元: money for certain (2500万台 is a count)


def chinese_numeral(text: str) -> int:
    """Value of a run of Chinese numerals: 三 → 3, 十 → 10, 一千 → 1000, 三千五百 → 3500."""
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
    return total + current


def _multiplier(big: str) -> int:
    value = 1
    for char in big:
        value *= _BIG[char]
    return value


# Pages quoted as they are may use traditional characters (萬, 億, 兩) and put spaces around digits
# ("1000 亿元"): read them as the same number.
_TRADITIONAL = str.maketrans({"萬": "万", "億": "亿", "兩": "两"})
_SPACE_BEFORE_UNIT = re.compile(r"(?<=\d)\s+(?=[万亿元%％])")
# Some mirrors of Chinese pages gloss characters with pinyin in brackets (萬(wàn)億元): not part of the number.
_PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def mentions(text: str) -> list[Mention]:
    """Every number stated in ``text``, normalised to a plain value."""
    found: list[Mention] = []
    text = _SPACE_BEFORE_UNIT.sub("", _PINYIN_GLOSS.sub("", text).translate(_TRADITIONAL))
    for match in _TOKEN.finditer(text):
        arabic, cn, big, suffix = match.group("arabic", "cn", "big", "suffix")
        if not (arabic or cn or big):
            continue
        if arabic:
            base = float(arabic.replace(",", ""))
            if cn:  # "1千亿" style: Arabic digits followed by a Chinese unit
                base *= _UNITS.get(cn[0], 1)
        elif cn:
            base = float(chinese_numeral(cn))
        else:
            base = 1.0  # a bare 亿 as in 上亿元
        try:
            value = base * (_multiplier(big) if big else 1)
        except OverflowError:  # "1亿亿亿…元": no amount any plan states
            continue
        found.append(
            Mention(value, money=bool(big) or suffix == "元", percent=suffix in ("%", "％"), yuan=suffix == "元")
        )
    return found


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def states(text: str, value: float, unit: str) -> bool:
    """Whether ``text`` states ``value`` in ``unit`` (CNY, count, percent, m2 or years)."""
    for mention in mentions(text):
        if not _same(mention.value, value):
            continue
        if unit == "CNY" and mention.money:
            return True
        if unit == "percent" and mention.percent:
            return True
        if unit in ("count", "m2", "years") and not mention.yuan and not mention.percent:
            return True
    return False
