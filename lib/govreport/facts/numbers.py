"""Numbers as a report writes them: digits, Chinese numerals, multipliers and units.

- ``normalize(text)`` maps full-width digits, letters and number punctuation to ASCII
  one character for one, so offsets into the normalized text are offsets into the
  original (１２．５％ -> 12.5%).
- ``AMOUNT_RE`` finds an amount with its multiplier and unit: 184.7亿元, 20多万名,
  1,100万元, 三千万元, 两万人, 0.8个百分点, and ranges 5%—6%, 20—30万元.
- ``amount_value`` turns the parts of a match into a float with the multiplier applied.
  Decimal arithmetic keeps 184.7亿 at exactly 18470000000.0.
- Chinese numerals are read by cn2an (normal mode), imported on first use.

``BARE_COUNT_RE`` finds a count written with a multiplier and no unit (200万).
The units and whether a Chinese numeral may stand before them are in ``data/units.tsv``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..paths import data_lines

# One character for one: offsets survive normalization.
_FULL = "０１２３４５６７８９％．，～－＋：／"
_HALF = "0123456789%.,~-+:/"
_TRANS = {ord(f): h for f, h in zip(_FULL, _HALF)}
_TRANS.update({c: c - 0xFEE0 for c in range(ord("Ａ"), ord("Ｚ") + 1)})
_TRANS.update({c: c - 0xFEE0 for c in range(ord("ａ"), ord("ｚ") + 1)})
_TRANS[ord("−")] = "-"  # minus sign


_BY_CHAR = {chr(k): v for k, v in _TRANS.items()}
_BY_CHAR = {k: v if isinstance(v, str) else chr(v) for k, v in _BY_CHAR.items()}


def normalize(text: str) -> str:
    """Full-width digits, Latin letters and ％．，～－＋：／ as ASCII; same length as ``text``."""
    if len(text) > 1000:
        # A long text: replacing only the characters it holds is about twice as fast as
        # translate (every replacement is ASCII, never itself replaced).
        out = text
        for ch in _BY_CHAR.keys() & set(text):
            out = out.replace(ch, _BY_CHAR[ch])
    else:
        out = text.translate(_TRANS)
    assert len(out) == len(text)
    return out


MULTIPLIERS = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
               "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "万": Decimal(10) ** 4,
               "亿": Decimal(10) ** 8, "千": Decimal(10) ** 3, "百": Decimal(10) ** 2}


def _read_units() -> tuple[list[str], set[str]]:
    units, chinese_ok = [], set()
    for line in data_lines("units.tsv"):
        unit, after_chinese, *_ = line.split("\t") + [""]
        units.append(unit)
        if after_chinese.strip() == "y":
            chinese_ok.add(unit)
    return units, chinese_ok


UNITS, CHINESE_OK_UNITS = _read_units()
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_MULT_ALT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))

#: Digits: 1,100 / 184.7 / 12 (thousands separators: ASCII or full-width comma, groups of 3).
DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?"
#: Chinese numerals: begin with a digit word, may hold 十百千万亿 and 点 (一点五).
CHINESE = r"[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿点]*"
#: A number never starts inside another one (the 100 of 2,100 or the 三五 of 十三五).
_NUM = rf"(?:(?<![\d.])(?<!\d,)(?:{DIGITS})|(?<![〇零一二两三四五六七八九十百千万亿点])(?:{CHINESE}))"
_ONE = rf"(?P<@num>{_NUM})(?P<@a1>多|余)?(?P<@mult>{_MULT_ALT})?(?P<@a2>多|余)?"
_ONE_LO = _ONE.replace("@", "lo_")
_ONE_HI = _ONE.replace("@", "")
#: A unit, or a unit per unit written with / (微克/立方米, 吨标准煤/万元, 万元/亩): the whole
#: is the unit; the multiplier of the second part (万 of 万元) stays inside it.
_UNIT = rf"(?:{_UNIT_ALT})(?:/(?:{_MULT_ALT})?(?:{_UNIT_ALT}))?"
#: A range separator between two amounts: 5%—6%, 5~6%, 5至6%, 20-30万元.
RANGE_SEP = r"(?:—{1,2}|–|-|~|～|至|到)"
AMOUNT_RE = re.compile(
    # The lookahead lets the regex engine skip most positions at once (5x faster).
    rf"(?=[\d一二两三四五六七八九十])"
    rf"(?:{_ONE_LO}(?P<lo_unit>{_UNIT})?(?P<sep>{RANGE_SEP}))?"
    rf"{_ONE_HI}(?P<unit>{_UNIT})"
)
#: A count with a multiplier and no unit (贫困人口减少200万, 新增就业1000万以上): a fact only
#: when the words before it say what is counted (the fact engine checks).
BARE_COUNT_RE = re.compile(
    rf"(?=\d)(?<![\d.])(?<!\d,)(?P<num>{DIGITS})(?P<a1>多|余)?(?P<mult>{_MULT_ALT})(?P<a2>多|余)?(?![\d{_MULT_ALT.replace('|', '')}])"
)
#: 百分之五, 百分之十二点五, 百分之5: a percentage written in words.
PERCENT_WORDS_RE = re.compile(rf"百分之(?P<num>{DIGITS}|[〇零一二两三四五六七八九十百点]+)")
#: An ordinal: 第5位, 第二家, 第一 (the unit is checked by the caller).
ORDINAL_RE = re.compile(r"第(?P<num>\d+|[一二三四五六七八九十百]+)(?P<unit>位|名|家|个)?")


def is_digits(s: str) -> bool:
    return bool(s) and s[0].isdigit()


@lru_cache(maxsize=4096)
def chinese_value(s: str) -> Decimal | None:
    """Value of a Chinese numeral (两万 -> 20000, 一点五 -> 1.5) via cn2an; None if it is not one."""
    import cn2an  # imported on first use: it takes a fifth of a second

    if s.endswith("点") or s.count("点") > 1:
        return None
    try:
        v = cn2an.cn2an(s, "normal")
    except Exception:  # cn2an raises ValueError and others on non-numerals
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def number_value(num: str) -> Decimal | None:
    """Value of the number part of a match: digits (with thousands separators) or Chinese."""
    if is_digits(num):
        try:
            return Decimal(num.replace(",", ""))
        except InvalidOperation:
            return None
    return chinese_value(num)


def amount_value(num: str, mult: str | None) -> float | None:
    """The value with its multiplier applied, as a float: ("184.7", "亿") -> 18470000000.0."""
    v = number_value(num)
    if v is None:
        return None
    if mult:
        v *= MULTIPLIERS[mult]
    return float(v)
