"""Small Chinese numerals used by the outline and the dateline.

Only what headings and dates need: ordinals up to 99 (一 … 十 … 九十九) and years
written digit by digit (二○二一). Amounts in the body are the fact engine's job.
"""

from __future__ import annotations

DIGITS = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "0": 0, "０": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
for _i, _c in enumerate("0123456789"):
    DIGITS[_c] = _i
for _i, _c in enumerate("０１２３４５６７８９"):
    DIGITS[_c] = _i

#: Characters that may make up a small Chinese ordinal.
ORDINAL_CHARS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1..99 as a report writes its outline numbers (the inverse of ``small_int``):
    1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 23 -> 二十三."""
    n = int(n)
    if n < 10:
        return "零一二三四五六七八九"[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else chinese_number(tens)) + "十" + (chinese_number(ones) if ones else "")


def small_int(s: str) -> int | None:
    """Parse 1..99 written in Chinese (十, 十二, 二十, 二十三) or in digits. None if not a number."""
    s = s.strip()
    if not s:
        return None
    if all(c in "0123456789０１２３４５６７８９" for c in s):
        value = int("".join(str(DIGITS[c]) for c in s))
        return value if 0 < value < 100 else None
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail or len(head) > 1 or len(tail) > 1:
            return None
        tens = DIGITS.get(head, None) if head else 1
        ones = DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None or tens == 0:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in DIGITS and DIGITS[s] > 0:
        return DIGITS[s]
    return None


def digit_string(s: str) -> int | None:
    """Parse a number written digit by digit, as years are: 二○二一 -> 2021, 2021 -> 2021."""
    if not s or any(c not in DIGITS for c in s):
        return None
    return int("".join(str(DIGITS[c]) for c in s))
