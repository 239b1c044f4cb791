"""The fact engine: every quantitative claim of a report as a row, and every date.

``extract_facts(report)`` -> DataFrame with the columns of ``FACT_COLUMNS``;
``extract_dates(report)`` -> DataFrame with ``DATE_COLUMNS``. ``Report.facts`` and
``Report.dates`` call them. ``facts_from_text`` and ``dates_from_text`` do the same on a
plain string (no outline: every section is "0"), for tests and other callers. All four
read the text in line-aligned pieces (see "reading a long text piece by piece" below);
the result does not depend on the piece size.

How a fact is found (each rule has a test in tests/test_facts.py or, for the phrasing of
other reports, tests/test_fact_phrasing.py; targets in tests/test_fact_targets.py):

1. **Masking.** Dates (govreport.facts.dates), quoted names (“133护航模式”, 《…》, up to 40
   characters on one line), the slogans of ``data/facts_not_facts.txt`` and the patterns
   of ``data/facts_not_fact_patterns.tsv`` (anniversaries 75周年, session numbers
   十六届人大三次会议, versions 3.0方案, distances and times in names 50米内换乘,
   15分钟生活圈) are masked: no number inside them is a fact.
2. **Numbers.** An amount is a number (digits, full-width digits, thousands separators,
   or Chinese numerals read by cn2an), an optional 多/余, an optional multiplier and a
   unit from ``data/units.tsv``, or two units joined by / (35微克/立方米, kept whole).
   A number with no unit is no fact (河南企业100强, 十三五), except a count with a
   multiplier after 减少/增加/新增 … whose noun says what it counts (贫困人口减少200万 ->
   unit 人; the nouns and units are ``count_noun`` lines of ``data/facts_words.tsv``).
   Not facts either: a number after 第 (第十三届, 第四次会议), next to a Latin letter (5G,
   PM2.5, P2实验室), a lone 一 (一批, 一期), a Chinese numeral before a unit that takes
   only digits (三大攻坚战, 两场硬仗), inside an idiom (三番五次), or a Chinese numeral up
   to 十 with 个/项/条 … right before a noun (八项规定, 四个意识, 八个字: a set phrase).
   A money amount before 以上/以下 and a noun is a size class, not an amount
   (10亿元以上项目). A range (5%—6%, 20—30万元) is two rows: the lower bound with
   qualifier at_least, the upper bound with at_most; a unit or multiplier written once
   after the upper bound applies to both.
   A rank is 第N位/名/家/个 (第5位, 第二家), or 第N / 首位 right after 居, 稳居, 位居 ….
3. **Context** (words in ``data/facts_words.tsv``). The text of the clause before the
   number is read backwards: qualifier words (超过, 突破, 超, 约, 接近, 不足 …), change
   verbs (增长, 上涨 → +, 下降, 下跌 → −), links (居, 达到, 同比, 分别, 占…的 …). What
   remains is the subject; an action verb (购置, 争取 …) is cut off and its object kept.
   A count followed by a noun (16名医护人员) takes that noun. ``indicator`` is that phrase,
   trimmed of scope words (全市, 在…中), of a year (到2030年), of what comes before 的 or
   等, of enclosing quotes, and of the 以上/左右 of the fact before (以上、蔬菜产量). A
   phrase that is no subject gives an empty indicator rather than a wrong one: one that
   ends in a verb (培训两万人) or a predicate (…发表重要讲话), or begins with a word no
   noun phrase begins with (至, 均, 意 …: ``not_start`` in ``data/facts_words.tsv``).
4. **Sentences.** An aspect alone (增速, 数量) is completed from the previous fact of the
   sentence (…总量居全省第5位、增速… → …增速). A fact with no subject of its own
   (、同比增长183.1%; …完成2650亿元，增长3.5%) takes the previous fact's indicator, or
   the next one's
   (全国第二家、全省第一家京东电器城市旗舰店). A list of values after a list of subjects
   (省、市…分别占…161%、164%; PM2.5、PM10浓度…11.1%、11%) is distributed in order. A
   pair prefix (城乡) names two subjects: 城乡居民…分别达到3万元、1.5万元 gives 城镇居民…
   and 农村居民…; with one value (分别增长6%) the fact is two rows with the same value.
5. **Targets** (``govreport.facts.plan``): ``is_target``, ``target_year`` and
   ``statement``, from the part a statement is in (plan, mixed, review), its cues (力争,
   拟, 主要预期目标是： …), its past markers and the years it names.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import numbers as nb
from . import plan as targets_plan
from .dates import DateContext, find_dates
from .lexicon import QUALIFIERS, alt, lexicon
from ..reading.outline import line_spans, split_sentences

FACT_COLUMNS = ["id", "section", "sentence", "start", "end", "mention", "kind", "value",
                "unit", "qualifier", "indicator", "is_target", "target_year", "statement"]
DATE_COLUMNS = ["start", "end", "mention", "date"]
KINDS = ("measure", "share", "change", "rank")

# -- the lexicon: govreport.facts.lexicon (data/facts_words.tsv and the not-fact lists) --

_lexicon = lexicon
_alt = alt


# -- masking ------------------------------------------------------------------

_QUOTE_RE = re.compile(r"“[^“”\n]{0,40}”|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』|《[^《》\n]{0,40}》|〈[^〈〉\n]{0,40}〉|\"[^\"\n]{0,40}\"")
_MASK = "\x00"
_HARD = set(",;:。；：！？!?\n\r")
_HARD_RE = re.compile(r"[,;:。；：！？!?\n\r]")
_CN_DIGITS = set("〇零一二两三四五六七八九十")
_LATIN = re.compile(r"[A-Za-z]")
_MONEY = {"元", "美元", "欧元", "港元"}
_NOUN_START = re.compile(r"[\u4e00-\u9fffA-Za-z“\"(（]")


def _mask(norm: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return norm
    pieces, pos = [], 0
    for s, e in sorted(spans):
        if e <= pos:
            continue
        s = max(s, pos)
        pieces.append(norm[pos:s])
        pieces.append(_MASK * (e - s))
        pos = e
    pieces.append(norm[pos:])
    return "".join(pieces)


# -- candidates -----------------------------------------------------------------


@dataclass(slots=True)
class _Fact:
    start: int
    end: int
    kind: str  # "amount" or "rank" until context decides
    value: float
    unit: str
    qualifier: str = ""
    sign: int = 0  # +1/-1 when a change verb was read; 0 when none
    indicator: str = ""
    is_target: bool = False
    target_year: int | None = None  # the year a target is for (govreport.facts.plan)
    statement: int | None = None  # the first sentence of its target statement
    sentence: int = -1
    range_part: str = ""  # "lo" / "hi" for the bounds of a range
    blank: bool = False  # no words of its own between the previous fact and this one
    subject: str = ""  # the subject phrase, for "respectively" lists
    respectively: bool = False  # 分别 stood before it


_RANK_LINK_RE = re.compile(r"(?:居|位居|位列|名列|排名|排在|排|列)(?:全国|全省|全市|全区|全县|同类城市|中部六省)?$")
_FIRST_PLACE_RE = re.compile(r"(?:居|位居|位列|名列|排名|排在)(?:全国|全省|全市|全区|全县)?(首位)")


def _candidates(text: str, masked: str) -> list[_Fact]:
    """Amounts and ranks in masked text, validated, in text order, without overlaps."""
    found: list[_Fact] = []
    for m in nb.AMOUNT_RE.finditer(masked):
        found.extend(_amounts(masked, m))
    for m in nb.BARE_COUNT_RE.finditer(masked):
        # 200万 with no unit: kept only if the words before it name what it counts (see read()).
        if masked[m.start() - 1 : m.start()] in ("第", "-") or _LATIN.match(masked[m.end() : m.end() + 1] or " "):
            continue
        v = nb.amount_value(m["num"], m["mult"])
        if v is not None:
            found.append(_Fact(m.start(), m.end(), "bare", v, "", "more_than" if (m["a1"] or m["a2"]) else ""))
    for m in nb.PERCENT_WORDS_RE.finditer(masked):
        v = nb.number_value(m["num"])
        if v is not None:
            found.append(_Fact(m.start(), m.end(), "amount", float(v), "%"))
    for m in nb.ORDINAL_RE.finditer(masked):
        if m["unit"] is None:
            if not _RANK_LINK_RE.search(masked, max(0, m.start() - 8), m.start()):
                continue
            # 第一时间, 第一线: a bare ordinal is a rank only after 居/位居 …
        v = nb.number_value(m["num"])
        if v is None or v < 1:
            continue
        found.append(_Fact(m.start(), m.end(), "rank", float(v), ""))
    for m in _FIRST_PLACE_RE.finditer(masked):
        found.append(_Fact(m.start(1), m.end(1), "rank", 1.0, ""))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[_Fact] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _amounts(masked: str, m: re.Match) -> list[_Fact]:
    """Facts from one AMOUNT_RE match: one, or two for a range; none when it is no fact."""
    unit = m["unit"]
    hi = _one_amount(masked, m, "", unit)
    if hi is None:
        return []
    if m["lo_num"] is None:
        return [hi]
    lo_unit = m["lo_unit"] or unit
    lo = _one_amount(masked, m, "lo_", lo_unit, default_mult=m["mult"] if not m["lo_mult"] else None)
    if lo is None:
        # Not a range after all (the first number is no amount): keep the second alone.
        return [hi]
    if lo_unit == unit and lo.value <= hi.value:
        lo.range_part, hi.range_part = "lo", "hi"
        lo.qualifier = lo.qualifier or "at_least"
        hi.qualifier = hi.qualifier or "at_most"
    return [lo, hi]


def _one_amount(masked: str, m: re.Match, p: str, unit: str, default_mult: str | None = None) -> _Fact | None:
    num = m[p + "num"]
    start = m.start(p + "num")
    # The mention ends after the last part written: unit, 多/余, multiplier or the number
    # (the lower bound of 5—6% is "5": its unit is written once, after the upper bound).
    end = max(m.end(p + g) for g in ("num", "a1", "mult", "a2", "unit") if m[p + g])
    before = masked[start - 1] if start > 0 else ""
    if before == "第":
        return None  # an ordinal: 第四次会议, 第十三届
    digits = nb.is_digits(num)
    if digits:
        if before and _LATIN.match(before):
            return None  # an identifier: PM10, P2
        after_num = m.end(p + "num")
        if after_num < len(masked) and _LATIN.match(masked[after_num]) and not (unit and unit[0].isascii()):
            return None
    else:
        if num == "一" or (unit or "").split("/")[0] not in nb.CHINESE_OK_UNITS:
            return None  # 一批, 一期; 三大攻坚战, 两场硬仗
        if not m[p + "mult"] and m[p + "unit"] and unit in lexicon().set_phrase_units:
            nxt = masked[m.end(p + "unit") : m.end(p + "unit") + 1]
            v = nb.number_value(num)
            if nxt and "\u4e00" <= nxt <= "\u9fff" and v is not None and v <= 10:
                return None  # a set phrase: 八项规定, 四个意识, 八个字
        if start >= 2 and masked[start - 2] in _CN_DIGITS and masked[start - 1] not in "至到~—-–":
            return None  # an idiom: 三番五次
    if unit == "年" and digits and len(num) == 4:
        return None  # a year, not a duration (dates outside 1800–2200 are not read as dates)
    if unit and unit[0].isascii() and unit.isalpha():
        nxt = masked[m.end(p + "unit")] if m.end(p + "unit") < len(masked) else ""
        if nxt and nxt.isascii() and nxt.isalnum():
            return None  # 5GWh is no 5 GW
    mult = m[p + "mult"] or default_mult
    value = nb.amount_value(num, mult)
    if value is None:
        return None
    qualifier = "more_than" if (m[p + "a1"] or m[p + "a2"]) else ""
    sign_start = start
    if p == "" and m["lo_num"] is None and start >= 1 and masked[start - 1] == "-":
        prev = masked[start - 2] if start >= 2 else ""
        if not (prev.isascii() and prev.isalnum()) and prev not in "%‰":
            value, sign_start = -value, start - 1
    return _Fact(sign_start, end, "amount", value, unit or "", qualifier)


# -- context --------------------------------------------------------------------


class _Reader:
    """Reads the words around each candidate and fills kind, sign, qualifier, indicator."""

    def __init__(self, text: str, norm: str, facts: list[_Fact], sent_starts: list[int], sent_ends: list[int]):
        self.text, self.norm, self.facts = text, norm, facts
        self.sent_starts, self.sent_ends = sent_starts, sent_ends
        self.lex = _lexicon()
        self.hard = [m.start() for m in _HARD_RE.finditer(norm)]

    def sentence_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return max(i, 0)

    def run(self) -> None:
        facts = self.facts
        last = None  # the previous fact kept
        for i, f in enumerate(facts):
            f.sentence = self.sentence_of(f.start) if self.sent_starts else 0
            prev = last if last is not None and last.sentence == f.sentence else None
            self.next_start = facts[i + 1].start if i + 1 < len(facts) else len(self.norm)
            self.read(f, prev)
            if f.kind != "none":
                last = f
        self.facts[:] = facts = [f for f in facts if f.kind != "none"]
        self.fill_backwards()
        self.respectively()
        for f in self.facts:
            f.indicator = f.indicator.strip(" \u3000、,;:，")

    # one fact --------------------------------------------------------------------
    def clause_start(self, f: _Fact, prev: _Fact | None) -> tuple[int, bool]:
        """Where the clause of a fact begins: after the last 。,;: … (at most 80 characters
        back), or at the end of the previous fact of the clause (then True)."""
        lo = self.sent_starts[f.sentence] if self.sent_starts else 0
        lo = max(lo, f.start - 80)
        k = bisect.bisect_left(self.hard, f.start) - 1
        pos = self.hard[k] + 1 if k >= 0 and self.hard[k] >= lo else lo
        if prev is not None and prev.end >= pos:
            return prev.end, True
        return pos, False

    def read(self, f: _Fact, prev: _Fact | None) -> None:
        lex, norm, text = self.lex, self.norm, self.text
        cstart, after_fact = self.clause_start(f, prev)
        seg = norm[cstart : f.start]
        if after_fact:
            # The 以上 of 50万吨以上、蔬菜产量30万吨 belongs to the fact before.
            seg = seg[lex.lead_re.match(seg).end() if lex.lead_re.match(seg) else 0 :]
            seg = seg.lstrip("、和及与 ")
        seg_start = f.start - len(seg)
        # Strip words from the end: qualifiers, change verbs, links.
        linked = False
        first = True
        while seg:
            m = lex.tail_re.search(seg)
            if not m:
                break
            w = m.group()
            if first and w in lex.qualifier_before and not f.qualifier:
                f.qualifier = lex.qualifier_before[w]
            if w in lex.direction and f.sign == 0:
                f.sign = lex.direction[w]
            if w == "分别":
                f.respectively = True
            first = False
            linked = True
            seg = seg[: m.start()]
        f.blank = after_fact and not seg.strip() and not linked
        subject = self.trim(text[seg_start : seg_start + len(seg)])
        if f.kind == "bare":
            # 贫困人口减少200万, 新增就业1000万以上: a count of the noun before it, after a
            # change verb or 新增; any other number with a multiplier and no unit is no fact.
            unit = self.count_unit(subject) if (f.sign or subject.startswith(tuple(lex.keeps))) else ""
            if not unit:
                f.kind = "none"
                return
            f.kind, f.unit = "amount", unit
        # After the number: a qualifier (以上, 左右 …), then maybe the counted noun.
        after = f.end
        qm = lex.qual_after_re.match(norm, after)
        if qm and qm.group() in ("以上", "以下") and f.unit in _MONEY and _NOUN_START.match(norm, qm.end()):
            # 亿元以上项目, 5000万元以下企业: a size class in a name, not an amount.
            f.kind = "none"
            return
        if qm:
            if not f.qualifier or f.range_part:
                f.qualifier = lex.qualifier_after[qm.group()]
            after = qm.end()
        noun = "" if f.range_part == "lo" else self.noun_after(f, after)
        # Kind.
        if f.kind == "rank":
            f.indicator = subject or noun
        else:
            if f.sign:
                f.kind = "change"
            elif f.unit in ("个百分点", "百分点"):
                f.kind, f.sign = "change", 1
            elif f.blank and prev is not None and prev.kind in ("change", "share") and prev.unit == f.unit:
                f.kind, f.sign = prev.kind, prev.sign
            elif f.unit in ("%", "‰", "倍"):
                f.kind = "share"
            else:
                f.kind = "measure"
            f.indicator = (noun or subject) if f.kind == "measure" else (subject or noun)
            if f.kind in ("share",) and any(f.indicator.endswith(w) for w in ("增速", "增幅", "涨幅", "增长率", "降幅")):
                f.kind, f.sign = "change", (-1 if f.indicator.endswith("降幅") else 1)
            if f.kind == "change" and f.sign < 0:
                f.value = -abs(f.value)
        f.subject = subject
        # An aspect alone (增速, 数量) is completed from the previous fact of the sentence.
        if f.indicator in lex.aspects and prev is not None and prev.indicator:
            base = prev.indicator
            for a in sorted(lex.aspects, key=len, reverse=True):
                if base.endswith(a) and len(base) > len(a):
                    base = base[: -len(a)]
                    break
            f.indicator = base + f.indicator
        # No indicator of its own: the previous fact's, when nothing but links lie between
        # (184.7亿元、同比增长183.1%), or when the clause is only links and follows the
        # previous fact's clause after a comma (地区生产总值完成2650亿元，增长3.5%).
        if not f.indicator and prev is not None:
            between = norm[prev.end : f.start]
            hard = [c for c in between if c in _HARD]
            if not hard or (linked and not subject and not noun and hard == [","] and f.kind != "rank"):
                f.indicator = prev.indicator
        if f.range_part == "hi" and prev is not None and prev.range_part == "lo":
            # The upper bound of a range reads its context from the lower one (增长5%—6%),
            # and lends it the noun that follows (20—30万元资金).
            f.kind, f.sign, f.subject = prev.kind, prev.sign, prev.subject
            f.value = -abs(f.value) if f.sign < 0 else abs(f.value)
            ind = (noun or prev.indicator) if f.kind == "measure" else (prev.indicator or noun)
            f.indicator = prev.indicator = ind

    def count_unit(self, subject: str) -> str:
        """The unit of a count of ``subject`` from its last noun (人口 -> 人), or ""."""
        for noun, unit in self.lex.count_nouns:
            if subject.endswith(noun):
                return unit
        return ""

    def noun_after(self, f: _Fact, pos: int) -> str:
        """The noun a count is followed by (16名医护人员驰援 -> 医护人员), or, after a rank
        and a verb, the head of the verb's object (第二家实现…“三清零” -> 三清零)."""
        lex, norm, text = self.lex, self.norm, self.text
        limit = min(len(norm), pos + 40)
        if f.sentence < len(self.sent_ends):
            limit = min(limit, self.sent_ends[f.sentence])
        if pos >= limit:
            return ""
        if norm[pos] == "的":
            pos += 1
        vm = lex.verb_start_re.match(norm, pos, limit)
        if vm:
            if f.kind != "rank":
                return ""
            end = vm.end()
            while end < limit and norm[end] not in _HARD:
                end += 1
            obj = text[vm.end() : end]
            q = re.search(r"[“\"]([^“”\"]{1,20})[”\"]$", obj)
            if q:
                return q.group(1)
            return self.trim(obj.rsplit("、", 1)[-1], cut_verbs=False)
        if not _NOUN_START.match(norm, pos) or lex.b_bad_start_re.match(norm, pos, limit):
            return ""
        limit = min(limit, self.next_start)
        stop = lex.b_stop_re.search(norm, pos, limit)
        end = stop.start() if stop else limit
        return self.trim(text[pos:end], cut_verbs=False)

    def trim(self, s: str, cut_verbs: bool = True) -> str:
        """The indicator in a phrase: after the last action verb, 等 and 的; scope words off."""
        lex = self.lex
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
            else:
                s = s[last.end() :]
        s = s.rstrip("等")
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
        if lex.not_start_re.match(s) or lex.predicate_end_re.search(s):
            return ""  # a fragment of the clause before, or a predicate: no subject
        return s

    # across facts ------------------------------------------------------------------
    def fill_backwards(self) -> None:
        facts = self.facts
        for i in range(len(facts) - 2, -1, -1):
            f, nxt = facts[i], facts[i + 1]
            if not f.indicator and nxt.sentence == f.sentence and nxt.kind == f.kind:
                if not any(c in _HARD for c in self.norm[f.end : nxt.start]):
                    f.indicator = nxt.indicator

    def respectively(self) -> None:
        """省、市…分别占…161%、164% -> 省…161%, 市…164%."""
        facts, i = self.facts, 0
        out: list[_Fact] = []  # facts, with a copy for each 城乡-style pair written with one value
        while i < len(facts):
            j = i + 1
            while (
                j < len(facts)
                and facts[j].sentence == facts[i].sentence
                and facts[j].blank
                and self.norm[facts[j - 1].end : facts[j].start].strip() in ("、", "和", "及", "与")
            ):
                j += 1
            group = facts[i:j]
            k = len(group)
            pair = self.pair(group[0].subject)
            if pair and k == len(pair):
                # 城乡居民人均可支配收入分别达到3万元、1.5万元 -> 城镇居民…, 农村居民….
                for g, name in zip(group, pair):
                    g.indicator = name
            elif pair and k == 1 and group[0].respectively:
                # 城乡居民人均可支配收入分别增长6%: one value for both, two rows.
                f = group[0]
                f.indicator = pair[0]
                twin = _Fact(**{a: getattr(f, a) for a in _Fact.__slots__})
                twin.indicator = pair[1]
                group = [f, twin]
            elif k >= 2 and "、" in group[0].subject:
                names = _distribute(group[0].subject, k)
                if names:
                    for g, name in zip(group, names):
                        g.indicator = name
            elif k >= 2 and not group[0].subject and group[0].respectively and i >= k:
                # 接待游客1200万人次、旅游收入100亿元,分别增长10%、12%: the values take the
                # indicators of the k facts just before them, in order.
                before = facts[i - k : i]
                if all(b.sentence == group[0].sentence and b.indicator for b in before):
                    for g, b in zip(group, before):
                        g.indicator = b.indicator
            out.extend(group)
            i = j
        facts[:] = out

    def pair(self, subject: str) -> tuple[str, ...] | None:
        """城乡居民人均可支配收入 -> (城镇居民人均可支配收入, 农村居民人均可支配收入); None
        when the subject does not begin with a pair prefix of the lexicon."""
        for prefix, names in self.lex.pairs.items():
            if subject.startswith(prefix):
                rest = subject[len(prefix) :]
                return tuple(n + rest for n in names)
        return None


# A year before the subject is its time, not its name: 2035年达到1.2万亿元, 到2030年全市….
_YEAR_LEAD = re.compile(r"(?:到|至|在|于)?(?:(?:1[89]|20)\d\d年|今年|明年|去年|上年|当年)(?:底|末|前|内|以来)?")

_ASCII_HEAD = re.compile(r"[A-Za-z0-9.\-]+")


def _distribute(subject: str, k: int) -> list[str] | None:
    """Split a listed subject over k values: 省、市重点项目 -> 省重点项目, 市重点项目;
    PM2.5、PM10浓度 -> PM2.5浓度, PM10浓度; 地区生产总值、税收 -> each as written."""
    items = [x.strip() for x in subject.split("、")]
    if len(items) != k or not all(items):
        return None
    first, last = items[:-1], items[-1]
    if all(_ASCII_HEAD.fullmatch(x) for x in first):
        m = _ASCII_HEAD.match(last)
        if m and m.end() < len(last):
            head = last[m.end() :]
            return [x + head for x in first] + [last]
        return items
    lengths = {len(x) for x in first}
    if len(lengths) == 1 and (n := lengths.pop()) <= 2 and len(last) > n + 1:
        head = last[n:]
        return [x + head for x in first] + [last]
    return items


# -- public API -------------------------------------------------------------------


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


# -- reading a long text piece by piece ----------------------------------------------
#
# A long report is read in pieces of about _CHUNK characters, so that the strings and
# objects in work (the piece, its normalized and masked copies, its facts) stay in the
# processor's caches; a 7-million-character text read at once does not fit and is read
# more slowly per character. 16,384 characters make strings of about 32 KB, and a piece
# holds a few hundred facts of a report, which are freed before the garbage collector's
# youngest generation fills (700 objects): the collector then hardly runs, and never walks
# the whole heap of a long report. The result is the same as reading the text at once,
# because a piece ends only where no rule looks across:
#
# - right after a line break (\n): sentences, clauses, quotes, amounts and ranks never
#   cross a line; facts only read words of their own sentence;
# - after a line whose last non-blank character ends a statement (。！？!?; not ；, after
#   which a list of targets goes on: govreport.facts.plan): a date range
#   may span a line break (2016年—\n2020年), a Chinese numeral at a line start is read as
#   part of an idiom when the line before ends with a numeral (…三\n五…), and a bare
#   ordinal at a line start is a rank when the line before ends with 居/位居 … (the
#   rank-link regex's ``$`` also matches before a final line break);
# - not before a line that begins with a minus sign (-5%): its sign depends on the
#   character before it.
#
# Dates carry their context (the year of the latest dated mention in the part) from one
# piece to the next; sentence numbers and offsets are shifted back to the whole text.

_CHUNK = 1 << 14
_CUT_AFTER = frozenset("。！？!?")
_MINUS = frozenset("-－−")


def _cut_ok(text: str, c: int) -> bool:
    """True when a piece may end right before ``text[c]`` (see the comment above)."""
    if text[c - 1] != "\n" or text[c] in _MINUS:
        return False
    j = c - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and text[j] in _CUT_AFTER


def _line_chunks(text: str, size: int = _CHUNK):
    """(start, end) of consecutive pieces of ``text`` of at least ``size`` characters
    (the last may be shorter), each ending where ``_cut_ok`` allows; together they cover
    the text."""
    n, a = len(text), 0
    size = max(1, size)
    while a < n:
        i = a + size - 1
        while True:
            i = text.find("\n", i)
            if i < 0 or i + 1 >= n:
                yield a, n
                return
            if _cut_ok(text, i + 1):
                break
            i += 1
        yield a, i + 1
        a = i + 1


def _run(text, sent_starts, sent_ends, part_starts, report_year, outline, sections_of, chunk: int = _CHUNK) -> pd.DataFrame:
    """The facts table of ``text``, read piece by piece (see above): offsets and sentence
    numbers are those of the whole text. ``sections_of`` maps ascending offsets to outline
    ids (one sweep, not a search per fact). ``chunk`` is the piece size (tests set it)."""
    regions = targets_plan.plan_regions(outline, report_year)
    parts = sorted(part_starts)
    # Sentence bounds as arrays: each piece makes Python ints for its own sentences only.
    sent_starts = np.asarray(sent_starts, dtype=np.int64)
    sent_ends = np.asarray(sent_ends, dtype=np.int64)
    context = DateContext()
    table = _Table()
    for a, b in _line_chunks(text, chunk):
        k0, k1 = (int(k) for k in np.searchsorted(sent_starts, (a, b)))
        starts = (sent_starts[k0:k1] - a).tolist()
        ends = (sent_ends[k0:k1] - a).tolist()
        piece = text[a:b]
        facts = _run_piece(piece, a, starts, ends, parts, report_year, regions, context, k0)
        table.add(piece, a, k0, facts)
    return table.frame(sections_of)


def _run_piece(text, offset, sent_starts, sent_ends, parts, report_year, regions, context, first_sentence) -> list[_Fact]:
    """The facts of one piece, in offsets into the piece; ``offset`` is where it begins and
    ``first_sentence`` the number of its first sentence in the whole text."""
    norm = nb.normalize(text)
    dates = find_dates(text, report_year, parts, norm=norm, offset=offset, context=context)
    spans = [(d.start - offset, d.end - offset) for d in dates]
    spans += [(m.start(), m.end()) for m in _QUOTE_RE.finditer(norm)]
    lex = _lexicon()
    if lex.not_facts_re is not None:
        spans += [(m.start(), m.end()) for m in lex.not_facts_re.finditer(norm)]
    if lex.not_fact_patterns_re is not None:
        spans += [(m.start(), m.end()) for m in lex.not_fact_patterns_re.finditer(norm)]
    masked = _mask(norm, spans)
    facts = _candidates(text, masked)
    _Reader(text, norm, facts, sent_starts, sent_ends).run()
    targets_plan.mark_targets(facts, norm, sent_starts, sent_ends, dates, report_year, regions, offset, first_sentence)
    return facts


def _find_dates(text: str, report_year: int | None, part_starts: list[int], chunk: int = _CHUNK):
    """find_dates on the whole text, read piece by piece like the facts."""
    context, out = DateContext(), []
    for a, b in _line_chunks(text, chunk):
        out += find_dates(text[a:b], report_year, part_starts, offset=a, context=context)
    return out


class _Table:
    """The columns of the facts table, filled piece by piece: numbers in arrays, strings in
    lists (units shared: one string per unit, not one per fact)."""

    def __init__(self):
        self.sentence, self.start, self.end = array("q"), array("q"), array("q")
        self.mention: list[str] = []
        self.kind: list[str] = []
        self.value = array("d")
        self.unit: list[str] = []
        self.qualifier: list[str] = []
        self.indicator: list[str] = []
        self.is_target = bytearray()
        self.target_year, self.statement = array("q"), array("q")  # -1: none

    def add(self, piece: str, offset: int, first_sentence: int, facts: list[_Fact]) -> None:
        for f in facts:
            self.sentence.append(f.sentence + first_sentence)
            self.start.append(f.start + offset)
            self.end.append(f.end + offset)
            self.mention.append(piece[f.start : f.end])
            self.kind.append(f.kind)
            self.value.append(f.value)
            self.unit.append("" if f.kind == "rank" else sys.intern(f.unit))
            self.qualifier.append(f.qualifier)
            self.indicator.append(f.indicator)
            self.is_target.append(bool(f.is_target))
            self.target_year.append(-1 if f.target_year is None else f.target_year)
            self.statement.append(-1 if f.statement is None else f.statement)

    def frame(self, sections_of) -> pd.DataFrame:
        # Facts come in text order, so one sweep over the outline places them all.
        df = pd.DataFrame(
            {
                "id": np.arange(len(self.start), dtype=np.int64),
                "section": sections_of(self.start),
                "sentence": np.array(self.sentence, dtype=np.int64),
                "start": np.array(self.start, dtype=np.int64),
                "end": np.array(self.end, dtype=np.int64),
                "mention": self.mention,
                "kind": self.kind,
                "value": np.array(self.value, dtype=np.float64),
                "unit": self.unit,
                "qualifier": self.qualifier,
                "indicator": self.indicator,
                "is_target": np.array(self.is_target, dtype=bool),
                "target_year": _nullable(self.target_year),
                "statement": _nullable(self.statement),
            },
            columns=FACT_COLUMNS,
        )
        return df.astype({"id": "int64", "sentence": "int64", "start": "int64", "end": "int64",
                          "value": "float64", "is_target": "bool"})


def _nullable(values: array) -> pd.arrays.IntegerArray:
    """Int64 with NA where the value is -1."""
    v = np.array(values, dtype=np.int64)
    return pd.arrays.IntegerArray(v, v < 0)


def _dates_frame(dates) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "start": [d.start for d in dates],
            "end": [d.end for d in dates],
            "mention": [d.mention for d in dates],
            "date": [d.date for d in dates],
        },
        columns=DATE_COLUMNS,
    )
    return df.astype({"start": "int64", "end": "int64"})


def _report_context(report):
    parts = report.outline[report.outline["level"] == "part"]["start"].tolist()
    year = report.meta.get("year")
    return parts, (int(year) if year is not None else _year(report.meta.get("date")))


def extract_facts(report, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """Every fact of ``report`` (see the module docstring), one row each, in text order.
    ``chunk``: the size of the pieces the text is read in (the result does not depend on it)."""
    parts, year = _report_context(report)
    starts, ends = report._sentence_starts, report._sentence_ends
    return _run(report.text, starts, ends, parts, year, report.outline, report._sections_of_sorted, chunk)


def extract_dates(report, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """Every date of ``report``: start, end, mention, date (ISO at the precision written)."""
    parts, year = _report_context(report)
    return _dates_frame(_find_dates(report.text, year, parts, chunk))


def _text_sentences(text: str):
    spans = split_sentences(text, line_spans(text))
    return spans.starts, spans.ends


def facts_from_text(text: str, report_date: str | None = None, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """The facts of a plain text (no outline: section "0", no plan parts, so targets only where a
    sentence sets one); sentences as the loader splits them.
    ``chunk``: the size of the pieces the text is read in (the result does not depend on it)."""
    starts, ends = _text_sentences(text)
    return _run(text, starts, ends, [], _year(report_date), None, lambda positions: ["0"] * len(positions), chunk)


def dates_from_text(text: str, report_date: str | None = None, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """The dates of a plain text; 去年/今年 resolved from ``report_date`` (ISO) when given.
    ``chunk``: as for ``facts_from_text``."""
    return _dates_frame(_find_dates(text, _year(report_date), [], chunk))
