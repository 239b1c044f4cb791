"""Indicators: the short noun phrase that says what a fact measures.

``trim(lex, phrase)`` turns the words before a number (or the noun after a count) into an
indicator: after the last action verb, 等 and 的, without scope words, a leading year, the
以上 of the fact before or enclosing quotes; ``""`` when the phrase is no subject (it ends in
a verb or predicate, or begins with a word no noun phrase begins with). Then the general
clean-ups (``_tidy``): no 和 / 及 / 与 at the end (50个地铁站和40个…), no adverbial 新
before a verb (2个品牌新入选: 品牌; 更新, 换新, 创新 stay), no rest of a unit at the start
(元/月和), and no indicator of one character other than a kind of place (90%的县) nor of
punctuation alone. ``count_unit``
gives the unit of a count without a measure word from the noun it counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A year before the subject is its time, not its name: 2035年达到1.2万亿元, 到2030年全市….
_YEAR_LEAD = re.compile(r"(?:到|至|在|于)?(?:(?:1[89]|20)\d\d年|今年|明年|去年|上年|当年)(?:底|末|前|内|以来)?")


@lru_cache(maxsize=16384)
def trim(lex, s: str, cut_verbs: bool = True) -> str:
    """The indicator in a phrase: after the last action verb, 等 and 的; scope words off
    (kept per phrase: a report writes the same ones again and again)."""
    s = s.strip(" \u3000、,;:，")
    if not s:
        return ""
    last = None
    for m in lex.verb_re.finditer(s) if cut_verbs else ():
        last = m
    if last is not None:
        # 购置负压救护车 -> 负压救护车; 新增市场主体 stays; 培训 (nothing after the verb:
        # a predicate, no subject) gives no indicator.
        if last.end() == len(s):
            return ""
        if last.group() in lex.keeps:
            s = s[last.start() :]
        elif last.end() < len(s) - 1:
            s = s[last.end() :]
        # else one character after the verb: a noun made of the verb (拥有量), kept whole
    s = s.rstrip("等")
    s = s[:-1] if s.endswith("的") else s  # 完成年度计划的105%: the 的 links to the number
    if "等" in s:
        tail = s.rsplit("等", 1)[1]
        if tail:
            s = tail
    if "的" in s:
        tail = s.rsplit("的", 1)[1]
        if tail:
            s = tail
    framed = False
    while True:
        m = lex.scope_re.match(s) or _YEAR_LEAD.match(s)
        if not m or not m.group():
            break
        framed = framed or m.group() == "在"
        s = s[m.end() :]
    if framed and len(s) > 1 and s[-1] in "中上里内":
        s = s[:-1]
    s = s.strip(" \u3000、,;:，")
    if len(s) > 2 and s[0] in "“\"" and s[-1] in "”\"" and not any(c in "“”\"" for c in s[1:-1]):
        s = s[1:-1]
    m = lex.lead_re.match(s)
    if m and m.end() < len(s):
        s = s[m.end() :]  # 以上、蔬菜产量 -> 蔬菜产量
    s = _tidy(s)
    if lex.not_start_re.match(s) or lex.predicate_end_re.search(s):
        return ""  # a fragment of the clause before, or a predicate: no subject
    return s


# The rest of a unit before the phrase (740元/月和485元/月: /月和), up to the next item.
_UNIT_REST = re.compile(r"^/[^、，,]*[、，,]?")
# A conjunction at the end: the noun of a count ends before it (50个地铁站和40个…).
_CONJ_END = re.compile(r"(?:以及|和|及|与)$")
# 新 at the end is an adverb of the verb after it (2个品牌新入选, 工业新增长点), unless it
# ends a word (更新, 以旧换新, 创新, 革新, 翻新).
_NEW_END = re.compile(r"(?<=[^更换创革翻])新$")
_WORD = re.compile(r"\w")
# A kind of place is a noun of one character (90%的县): any other single character is no
# indicator (率 of a split list, 过, 来 of 60年来, 内 of 3年内).
PLACE_KINDS = frozenset("省市县区乡镇村")


def _tidy(s: str) -> str:
    """The general clean-ups of an indicator: the rest of a unit before it, a conjunction or
    an adverbial 新 after it; a single character that is no kind of place, or punctuation
    alone, is no indicator."""
    s = _UNIT_REST.sub("", s)
    s = _NEW_END.sub("", _CONJ_END.sub("", s))
    if not _WORD.search(s) or (len(s) == 1 and s not in PLACE_KINDS):
        return ""
    return s


def count_unit(lex, subject: str) -> str:
    """The unit of a count of ``subject`` from its last noun (人口 -> 人), or ""."""
    for noun, unit in lex.count_nouns:
        if subject.endswith(noun):
            return unit
    return ""
