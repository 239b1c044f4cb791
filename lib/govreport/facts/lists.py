"""Across the facts of a sentence: indicators shared back and distributed over lists.

``fill_backwards``: a fact with no indicator of its own takes the next one's.
``respectively``: values listed after listed subjects are distributed in order
(省、市…分别…161%、164%), 城乡 names two subjects (``pair_names``), and values listed after
分别 take the indicators of the facts just before them.

When the subject the reader kept is only the shared head of a list (甲、乙、丙等产业增加值分别
增长… keeps 产业增加值; 甲业、乙业增加值占…的比重分别达到… keeps 比重), the list is read
again from the clause as written up to 分别 (``listed_items``): each value takes its item,
with the head the items share.
"""

from __future__ import annotations

import re

from .candidates import HARD, Fact
from .indicators import trim


def fill_backwards(facts: list[Fact], norm: str) -> None:
    """A fact without an indicator takes the next one's when nothing but a list mark lies
    between (全国第二家、全省第一家…旗舰店)."""
    for i in range(len(facts) - 2, -1, -1):
        f, nxt = facts[i], facts[i + 1]
        if not f.indicator and nxt.sentence == f.sentence and nxt.kind == f.kind:
            if not any(c in HARD for c in norm[f.end : nxt.start]):
                f.indicator = nxt.indicator


def _list_mark(between: str, lex) -> bool:
    """True when only a list mark (、和及与) lies between two values, after the first value's
    own qualifier (6.5%左右、7.5%左右: each value written with its 左右)."""
    between = between.strip()
    m = lex.qual_after_re.match(between)
    if m:
        between = between[m.end():].strip()
    return between in ("、", "和", "及", "与")


def respectively(facts: list[Fact], norm: str, lex, text: str | None = None) -> None:
    """省、市…分别占…161%、164% -> 省…161%, 市…164%; 城乡 pairs (see ``pair_names``).

    ``text`` is the text as written (``norm`` normalized, same length): items read again
    from the clause (``listed_items``) are named as written."""
    text = norm if text is None else text
    i = 0
    out: list[Fact] = []  # facts, with a copy for each 城乡-style pair written with one value
    while i < len(facts):
        j = i + 1
        while (
            j < len(facts)
            and facts[j].sentence == facts[i].sentence
            and facts[j].blank
            and _list_mark(norm[facts[j - 1].end : facts[j].start], lex)
        ):
            j += 1
        group = facts[i:j]
        k = len(group)
        pair = pair_names(lex, group[0].subject)
        if pair and k == len(pair):
            # 城乡居民人均可支配收入分别达到3万元、1.5万元 -> 城镇居民…, 农村居民….
            for g, name in zip(group, pair):
                g.indicator = name
        elif pair and k == 1 and group[0].respectively:
            # 城乡居民人均可支配收入分别增长6%: one value for both, two rows.
            f = group[0]
            f.indicator = pair[0]
            twin = Fact(**{a: getattr(f, a) for a in Fact.__slots__})
            twin.indicator = pair[1]
            group = [f, twin]
        elif k >= 2 and "、" in group[0].subject:
            names = distribute(group[0].subject, k)
            if names:
                for g, name in zip(group, names):
                    g.indicator = name
        elif k >= 2 and group[0].respectively and (names := listed_items(lex, text, norm, group[0].start, k)):
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


def pair_names(lex, subject: str) -> tuple[str, ...] | None:
    """城乡居民人均可支配收入 -> (城镇居民人均可支配收入, 农村居民人均可支配收入); None
    when the subject does not begin with a pair prefix of the lexicon."""
    for prefix, names in lex.pairs.items():
        if subject.startswith(prefix):
            rest = subject[len(prefix) :]
            return tuple(n + rest for n in names)
    return None


ASCII_HEAD = re.compile(r"[A-Za-z0-9.\-]+")


def distribute(subject: str, k: int) -> list[str] | None:
    """Split a listed subject over k values: 省、市重点项目 -> 省重点项目, 市重点项目;
    PM2.5、PM10浓度 -> PM2.5浓度, PM10浓度; 地区生产总值、税收 -> each as written."""
    items = [x.strip() for x in subject.split("、")]
    if len(items) != k or not all(items):
        return None
    first, last = items[:-1], items[-1]
    if all(ASCII_HEAD.fullmatch(x) for x in first):
        m = ASCII_HEAD.match(last)
        if m and m.end() < len(last):
            head = last[m.end() :]
            return [x + head for x in first] + [last]
        return items
    lengths = {len(x) for x in first}
    if len(lengths) == 1 and (n := lengths.pop()) <= 2 and len(last) > n + 1:
        head = last[n:]
        return [x + head for x in first] + [last]
    return items


def listed_items(lex, text: str, norm: str, start: int, k: int) -> list[str] | None:
    """The k items listed before 分别 in the clause that ends at ``start``, each with the head
    the list shares, or None when the clause lists no k items.

    甲、乙、丙等产业增加值分别… -> 甲产业增加值, 乙产业增加值, 丙产业增加值 (the head after 等);
    甲业、乙业增加值占…的比重分别… -> 甲业增加值占…的比重, 乙业增加值占…的比重 (the earlier
    items end in the same character, and the last item's own part ends at its first one);
    otherwise the items as written. Items are split on 、, and on 和 too when that alone
    gives k of them (丁数和戊额分别…).
    """
    lo = start
    while lo > 0 and norm[lo - 1] not in HARD:
        lo -= 1
    cut = norm.rfind("分别", lo, start)
    if cut < 0:
        return None
    phrase = text[lo:cut]
    items = phrase.split("、")
    if len(items) != k:
        items = re.split("[、和]", phrase)
    if len(items) != k:
        return None
    first = trim(lex, items[0], cut_verbs=True)
    items = [first] + [x.strip() for x in items[1:]]
    if not all(items):
        return None
    *earlier, last = items
    own, head = last, ""
    if "等" in last:
        own, head = last.split("等", 1)
    elif len({x[-1] for x in earlier}) == 1 and (end := earlier[0][-1]) in last[:-1]:
        i = last.index(end) + 1
        own, head = last[:i], last[i:]
    if not own:
        return None
    return [x + head for x in earlier] + [own + head]
