"""The context of each candidate: kind, sign, qualifier and indicator.

``Reader(text, norm, facts, sent_starts, sent_ends).run()`` reads the clause before each
candidate backwards (qualifiers, change verbs, links; what remains is the subject) and the
noun after a count, decides the kind, drops the candidates that are no facts after all
(a size class, a count with a multiplier whose noun is no count), then shares indicators
across the sentence (``lists``). Rules 3 and 4 of ``govreport.facts.engine``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .candidates import HARD, HARD_RE, MONEY, NOUN_START, Fact
from .indicators import count_unit, trim
from .lexicon import lexicon
from .lists import fill_backwards, respectively

_LIST_MARKS = frozenset(("、", "和", "及", "与"))


def share_qualifier(facts: list[Fact], norm: str) -> None:
    """A qualifier written once after a list of values after 分别 holds for each value
    (分别增长5%和7%左右: both about): the values before the last take its qualifier when
    none has one of its own. Not across a range (5%—6%)."""
    i = 0
    while i < len(facts):
        j = i + 1
        if facts[i].respectively:
            while (j < len(facts) and facts[j].sentence == facts[i].sentence
                   and norm[facts[j - 1].end : facts[j].start].strip() in _LIST_MARKS):
                j += 1
        group = facts[i:j]
        last = group[-1].qualifier
        if len(group) > 1 and last and not any(f.range_part for f in group) and not any(f.qualifier for f in group[:-1]):
            for f in group[:-1]:
                f.qualifier = last
        i = j


def _rate_of_change(f: Fact) -> None:
    """A share whose indicator is a rate of change (…增速, …涨幅) is a change."""
    if f.kind == "share" and any(f.indicator.endswith(w) for w in ("增速", "增幅", "涨幅", "增长率", "降幅")):
        f.kind, f.sign = "change", (-1 if f.indicator.endswith("降幅") else 1)
        if f.sign < 0:
            f.value = -abs(f.value)


@lru_cache(maxsize=16384)
def _tails(tail_re: re.Pattern, seg: str) -> tuple[int, tuple[str, ...]]:
    """The words ``tail_re`` strips from the end of ``seg``, one after another (the last word
    first), and the length of what is left (kept per clause: a report repeats its clauses)."""
    words = []
    while seg:
        m = tail_re.search(seg)
        if not m:
            break
        words.append(m.group())
        seg = seg[: m.start()]
    return len(seg), tuple(words)


class Reader:
    """Reads the words around each candidate and fills kind, sign, qualifier, indicator."""

    def __init__(self, text: str, norm: str, facts: list[Fact], sent_starts: list[int], sent_ends: list[int]):
        self.text, self.norm, self.facts = text, norm, facts
        self.sent_starts, self.sent_ends = sent_starts, sent_ends
        self.lex = lexicon()
        self.hard = [m.start() for m in HARD_RE.finditer(norm)]

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
        fill_backwards(self.facts, self.norm)
        respectively(self.facts, self.norm, self.lex, self.text)
        share_qualifier(self.facts, self.norm)
        for f in self.facts:
            _rate_of_change(f)
        for f in self.facts:
            f.indicator = f.indicator.strip(" \u3000、,;:，")

    # one fact --------------------------------------------------------------------
    def clause_start(self, f: Fact, prev: Fact | None) -> tuple[int, bool]:
        """Where the clause of a fact begins: after the last 。,;: … (at most 80 characters
        back), or at the end of the previous fact of the clause (then True)."""
        lo = self.sent_starts[f.sentence] if self.sent_starts else 0
        lo = max(lo, f.start - 80)
        k = bisect.bisect_left(self.hard, f.start) - 1
        pos = self.hard[k] + 1 if k >= 0 and self.hard[k] >= lo else lo
        if prev is not None and prev.end >= pos:
            return prev.end, True
        return pos, False

    def read(self, f: Fact, prev: Fact | None) -> None:
        lex, norm, text = self.lex, self.norm, self.text
        cstart, after_fact = self.clause_start(f, prev)
        seg = norm[cstart : f.start]
        if after_fact:
            # The 以上 of 50万吨以上、蔬菜产量30万吨 belongs to the fact before.
            seg = seg[lex.lead_re.match(seg).end() if lex.lead_re.match(seg) else 0 :]
            seg = seg.lstrip("、和及与 ")
        seg_start = f.start - len(seg)
        compound = lex.compound_verb_end_re.search(seg) if lex.compound_verb_end_re else None
        if compound:  # 改造提升3000个…: the verb counts what follows, it changes nothing
            seg = seg[: compound.start()]
        # Strip words from the end: qualifiers, change verbs, links.
        left, words = _tails(lex.tail_re, seg)
        for k, w in enumerate(words):
            if k == 0 and w in lex.qualifier_before and not f.qualifier:
                f.qualifier = lex.qualifier_before[w]
            if w in lex.direction and f.sign == 0:
                f.sign = lex.direction[w]
            if w == "分别":
                f.respectively = True
        linked = bool(words)
        seg = seg[:left]
        f.blank = after_fact and not seg.strip() and not linked
        subject = trim(self.lex, text[seg_start : seg_start + len(seg)])
        if f.kind == "bare":
            # 贫困人口减少200万, 新增就业1000万以上: a count of the noun before it, after a
            # change verb or 新增; any other number with a multiplier and no unit is no fact.
            unit = count_unit(self.lex, subject) if (f.sign or subject.startswith(tuple(lex.keeps))) else ""
            if not unit:
                f.kind = "none"
                return
            f.kind, f.unit = "amount", unit
        # After the number: a qualifier (以上, 左右 …), then maybe the counted noun.
        after = f.end
        qm = lex.qual_after_re.match(norm, after)
        if qm and qm.group() in ("以上", "以下") and f.unit in MONEY and NOUN_START.match(norm, qm.end()):
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
            if "、" not in f.indicator:  # a list's values are read after it is shared out (run)
                _rate_of_change(f)
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
            hard = [c for c in between if c in HARD]
            if not hard or (linked and not subject and not noun and hard == [","] and f.kind != "rank"):
                f.indicator = prev.indicator
        if f.range_part == "hi" and prev is not None and prev.range_part == "lo":
            # The upper bound of a range reads its context from the lower one (增长5%—6%),
            # and lends it the noun that follows (20—30万元资金).
            f.kind, f.sign, f.subject = prev.kind, prev.sign, prev.subject
            f.value = -abs(f.value) if f.sign < 0 else abs(f.value)
            ind = (noun or prev.indicator) if f.kind == "measure" else (prev.indicator or noun)
            f.indicator = prev.indicator = ind

    def noun_after(self, f: Fact, pos: int) -> str:
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
            while end < limit and norm[end] not in HARD:
                end += 1
            obj = text[vm.end() : end]
            q = re.search(r"[“\"]([^“”\"]{1,20})[”\"]$", obj)
            if q:
                return q.group(1)
            return trim(self.lex, obj.rsplit("、", 1)[-1], cut_verbs=False)
        if not NOUN_START.match(norm, pos) or lex.b_bad_start_re.match(norm, pos, limit):
            return ""
        limit = min(limit, self.next_start)
        stop = lex.b_stop_re.search(norm, pos, limit)
        end = stop.start() if stop else limit
        return trim(self.lex, text[pos:end], cut_verbs=False)
