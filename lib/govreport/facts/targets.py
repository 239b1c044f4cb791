"""Targets and results, keyed: the planned figures of a report and the results it gives.

``targets(report)`` has one row per target (an ``is_target`` fact; a range is one row) and one
per qualitative target of the main list; ``results(report)`` one row per figure of the year the
report reviews. Both have the columns of ``COLUMNS``:

- ``fact`` the id in ``report.facts`` (NA for a qualitative target and for 持平); ``key`` the
  canonical indicator (``gdp_growth``, ``cpi`` …) from ``data/indicator_keys.csv``, ``""`` when
  the indicator is none of the table's; ``label`` its English label; ``indicator``,
  ``mention``, ``unit``, ``kind`` as in ``facts`` (a range's mention is the range as written);
- ``value``, ``low``, ``high``, ``qualifier`` (rule 6): ``about`` (5%左右) and a bare figure
  have low = high = value; ``at_least``/``more_than`` (5%以上) a low and no high;
  ``at_most``/``less_than`` (5%以内) a high and no low; ``range`` (5%—5.5%) both bounds, the
  value their midpoint. A decline is negative: 下降3%以上 is high −3 with no low;
- ``target_year`` the year a target is for (NA for results); ``horizon`` ``year`` or ``plan``
  (rule 7); ``main`` True for the rows of the main list (rule 8); ``scope`` the sub-area a
  figure is for, None for the whole place (rule 1b); ``statement`` the target statement's
  first sentence (NA for results); ``sentence`` the id in ``report.sentences``; ``phrase`` the
  wording of a qualitative main target, ``""`` otherwise.

How a fact gets its key (each rule has a test in tests/test_targets.py):

1. (a) An alias of the table (the Chinese ways of writing an indicator) in the clause before
   the number (from the last ，；。：、 or the previous fact of the sentence) that holds the
   indicator where the clause writes it completes it (城镇新增就业 for 新增就业, 经济增长 for
   经济) and wins. (b) Otherwise the indicator must be an alias, or end with one after a
   sub-area (城市副中心和平原新城地区生产总值: ``scope`` 城市副中心和平原新城; 县域经济增速:
   县域) or a whole-place word (全疆 …: no scope). An alias is never taken from inside a longer
   indicator: 单位国内生产总值用水量 and 人均地区生产总值 get no key. Scope words (全市,
   我省 …) are already off the indicator (``indicators.trim``). A verb of reporting before it
   (完成地区生产总值, 全年实现) and 平均值 / 均值 after a rate (城镇调查失业率平均值) do not
   change what it measures: they are set aside when matching.
2. An alias can name several keys (地区生产总值 is ``gdp`` as an amount in 元 and
   ``gdp_growth`` as a change in %): the key is the one whose ``kinds`` and ``units`` fit
   the fact. If none fits (地区生产总值居全省第5位), the key stays empty.
3. 城乡: for every pair of aliases 城镇X / 农村X of two keys, 城乡X names both. Two facts of
   one sentence under 城乡X (分别增长7%和8%) are the urban and the rural value, in that
   order; one fact (分别增长7.5%) gives both rows with that value. A fact engine that
   already splits them (indicators 城镇X and 农村X) gives the same rows.
4. ``target_year`` comes from ``facts.target_year`` when the fact engine provides it, else
   from the report's year (``meta["year"]``).
5. Results are the figures that are not targets and are of the year under review (the
   report's year minus one), wherever they stand: a figure whose sentence names no time is
   of that year (城镇新增就业5.6万人 in the review). The last time a sentence names before
   the figure decides: the year under review gives a result ("十四五"以来…，2024年…增长5.8%);
   another year (other than as a base: 比2020年), a span of years (2016—2020年) or of
   months (1—11月), or a longer or shorter period (``data/result_period_words.txt``: 年均,
   五年来, 累计, "十三五", 前三季度, 上半年 …) gives none. With no time before it, a time in
   the figure's own clause (up to the next ，；。) gives none, one in a later clause does not
   count (粮食产量达到130万吨，累计建成…). 年均浓度 (a year's average of PM2.5) is no period.
   A result keeps its qualifier: 控制在5.3%以内 is ``at_most``, high 5.3 and no low.
6. A range is the ``at_least`` fact and the ``at_most`` fact right after it in one sentence,
   of one kind and unit, with only a dash (or 至, 到) between: one row. Bounds as above.
7. ``horizon`` is ``plan`` when the target's year is after the report's (到2030年, "十五五"
   in a 2026 report), when its statement names a period of years before it ("十四五",
   2021—2025年) or when its clause says 年均; else ``year``. An annual target never takes a
   plan figure's place: ``compare`` and the main list use ``year`` rows.
8. ``main`` rows are the figures of ``plan.main_targets`` (the first list cue statement of the
   report's own year, running to the end of its paragraph), and each item of that list
   between ，；。 that holds no figure (居民收入增长与经济增长同步, 进出口保持正增长), keyed
   by the alias it begins with: value NaN, its wording in ``phrase``. An item that only
   qualifies the list (争取更好结果) is none.
9. 持平 in a review sentence (居民消费价格与上年持平) is a result: a change of 0 % of the key
   named before it in its clause, ``mention`` 持平.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from itertools import compress
from functools import lru_cache

import numpy as np
import pandas as pd

from ..paths import DATA_DIR, data_lines
from .numbers import normalize
from .plan import list_end, main_targets, plan_regions, rules, years_named

COLUMNS = ["fact", "key", "label", "indicator", "mention", "value", "low", "high", "unit", "qualifier", "kind",
           "target_year", "horizon", "main", "scope", "statement", "sentence", "phrase"]
URBAN, RURAL, BOTH = "城镇", "农村", "城乡"
_DELIMS = set("，,；;。：:、！？!?")


@dataclass(frozen=True)
class Key:
    key: str
    label: str
    aliases: tuple[str, ...]
    higher_is_better: bool
    kinds: frozenset[str]
    units: frozenset[str]
    main: bool

    def fits(self, kind: str, unit: str) -> bool:
        return kind in self.kinds and unit in self.units


@lru_cache(maxsize=1)
def keys() -> tuple[Key, ...]:
    """The rows of ``data/indicator_keys.csv``, in file order."""
    out = []
    with open(DATA_DIR / "indicator_keys.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.append(Key(
                row["key"], row["label"], tuple(a for a in row["aliases"].split("|") if a),
                row["higher_is_better"].strip() == "yes", frozenset(row["kinds"].split("|")),
                frozenset(row["units"].split("|")), row["main"].strip() == "yes",
            ))
    return tuple(out)


def key_table() -> pd.DataFrame:
    """The key table as a DataFrame: key, label, aliases (、-joined), higher_is_better, kinds, units, main."""
    return pd.DataFrame(
        [(k.key, k.label, "、".join(k.aliases), k.higher_is_better, "|".join(sorted(k.kinds)),
          "|".join(sorted(k.units)), k.main) for k in keys()],
        columns=["key", "label", "aliases", "higher_is_better", "kinds", "units", "main"],
    )


def key_info(key: str) -> Key:
    for k in keys():
        if k.key == key:
            return k
    raise KeyError(f"no key {key!r} in indicator_keys.csv")


@lru_cache(maxsize=1)
def _aliases() -> tuple[dict[str, list[Key]], dict[str, tuple[list[Key], list[Key]]], re.Pattern]:
    """alias -> keys it names; 城乡 alias -> (urban keys, rural keys); a regex of all aliases."""
    single: dict[str, list[Key]] = {}
    for k in keys():
        for a in k.aliases:
            single.setdefault(a, []).append(k)
    pairs: dict[str, tuple[list[Key], list[Key]]] = {}
    for a, ks in single.items():
        if a.startswith(URBAN) and RURAL + a[len(URBAN):] in single:
            pairs[BOTH + a[len(URBAN):]] = (ks, single[RURAL + a[len(URBAN):]])
    words = sorted(set(single) | set(pairs), key=len, reverse=True)
    return single, pairs, re.compile("|".join(re.escape(w) for w in words))


@lru_cache(maxsize=1)
def _by_first() -> tuple[dict[str, list[tuple[int, str]]], frozenset[str]]:
    """(first character -> [(rank, alias)], every alias): the aliases of ``_aliases`` (rank:
    their order there), looked up by the character they begin with."""
    single, pairs, _ = _aliases()
    out: dict[str, list[tuple[int, str]]] = {}
    for rank, alias in enumerate(list(single) + list(pairs)):
        out.setdefault(alias[0], []).append((rank, alias))
    return out, frozenset(single) | frozenset(pairs)


def _matches(text: str) -> list[tuple[int, int, str]]:
    """Every alias occurrence in ``text`` (overlapping ones too) as (start, end, alias), alias
    by alias in the table's order."""
    by_first = _by_first()[0]
    found = []
    for i, ch in enumerate(text):
        for rank, alias in by_first.get(ch, ()):
            if text.startswith(alias, i):
                found.append((rank, i, alias))
    found.sort()
    return [(i, i + len(alias), alias) for _, i, alias in found]


# A sub-area before an alias (城市副中心和平原新城地区生产总值, 县域经济增速): its last
# characters say it names a part of the place.
_SUB_AREA = re.compile(r"(?:区|县|市|州|盟|旗|镇|乡|城|中心|新城|片区|县域|市域|城区|园区|开发区|新区)$")
# The whole place, written with its one-character short name (全疆, 全川): no scope.
_WHOLE = re.compile(r"全.$")
_WHOLE_AT = re.compile(r"^全[省市区县州盟旗]")


# A verb of reporting before an indicator (完成地区生产总值) and an average after a rate
# (城镇调查失业率平均值): neither changes what the figure measures.
_REPORTING = re.compile(r"^(?:全年)?(?:完成|实现|达到)|(?<=率)(?:平均值|均值)$")


@lru_cache(maxsize=8192)
def _head(indicator: str) -> tuple[str, str | None]:
    """The alias an indicator is, and the sub-area it names (rule 1b): the indicator itself
    when it is an alias; else the longest alias it ends with, after a sub-area (``_SUB_AREA``)
    or a whole-place word (全疆); else none. An alias inside a longer indicator
    (单位国内生产总值用水量) is none."""
    single, pairs, _ = _aliases()
    indicator = _REPORTING.sub("", indicator)
    if indicator in single or indicator in pairs:
        return indicator, None
    every = _by_first()[1]
    best = next((indicator[-n:] for n in range(len(indicator) - 1, 0, -1) if indicator[-n:] in every), None)
    if best is None:
        return "", None
    place = indicator[: -len(best)].rstrip("的")
    if _WHOLE.fullmatch(place):
        return best, None
    if _SUB_AREA.search(place) and not _aliases()[2].search(place):
        return best, place
    return "", None


@lru_cache(maxsize=8192)
def match(indicator: str, clause: str) -> tuple[str | None, str | None]:
    """(alias, scope) of a fact with this ``indicator`` written after this ``clause`` (rule 1)."""
    if indicator:
        at = clause.rfind(indicator)
        if at >= 0:
            refinements = [m for m in _matches(clause) if m[0] <= at and at + len(indicator) <= m[1]
                           and indicator in m[2]]
            if refinements:
                return max(refinements, key=lambda m: (m[1], m[1] - m[0]))[2], None
        alias, scope = _head(indicator)
        if alias:
            return alias, scope
    return None, None


def match_alias(indicator: str, clause: str) -> str | None:
    """The alias that names a fact with this ``indicator`` written after this ``clause`` (rule 1)."""
    return match(indicator, clause)[0]


def assign_key(alias: str | None, kind: str, unit: str) -> tuple[str, ...]:
    """Keys for a fact named by ``alias``: one key, two (urban, rural) for a 城乡 alias, or none."""
    if alias is None:
        return ()
    single, pairs, _ = _aliases()
    if alias in pairs:
        urban = next((k.key for k in pairs[alias][0] if k.fits(kind, unit)), None)
        rural = next((k.key for k in pairs[alias][1] if k.fits(kind, unit)), None)
        return (urban, rural) if urban and rural else ()
    key = next((k.key for k in single[alias] if k.fits(kind, unit)), None)
    return (key,) if key else ()


def report_year(report) -> int | None:
    """The report's year, ``meta["year"]`` (the loader reads it from the date first: see
    ``reading.meta.year_of``); None when the report does not give one."""
    year = report.meta.get("year")
    return None if year is None else int(year)


def _clause(text: str, start: int, floor: int) -> str:
    """The clause before offset ``start``: back to the last delimiter, not before ``floor`` (the
    sentence's start, so a clause never crosses a line; the line breaks a hard wrap leaves inside
    a sentence are left out, so an alias cut by one is still read)."""
    i = start
    while i > floor and text[i - 1] not in _DELIMS:
        i -= 1
    return text[i:start].replace("\r", "").replace("\n", "")


def _keyed(report, facts: dict[str, list]) -> list[tuple[int, list[tuple[str, str]], str | None]]:
    """(fact index, [(key, role)], scope) for each fact of ``facts`` (rows of ``report.facts``, as
    ``_columns``), in order. ``role`` is "" or, for a fact named by a 城乡 alias, 城镇 / 农村."""
    text = report.text
    sentence_starts = report.sentence_starts
    named = []
    prev_sentence, prev_end = -1, 0
    for i, (sentence, start, end, indicator, kind, unit) in enumerate(
            _rows(facts, ["sentence", "start", "end", "indicator", "kind", "unit"])):
        floor = int(sentence_starts[sentence])
        if sentence == prev_sentence:
            floor = max(floor, prev_end)
        alias, scope = match(indicator, _clause(text, start, floor))
        named.append((i, sentence, alias, assign_key(alias, kind, unit), scope))
        prev_sentence, prev_end = sentence, end
    _, pairs, _ = _aliases()
    rows = []
    j = 0
    while j < len(named):
        i, sentence, alias, ks, scope = named[j]
        if len(ks) == 2 and alias in pairs:
            # Rule 3: a run of facts of one sentence under one 城乡 alias.
            k = 1
            while j + k < len(named) and named[j + k][1:3] == (sentence, alias) and len(named[j + k][3]) == 2:
                k += 1
            if k == 2:  # two values: urban, then rural
                rows.append((i, [(ks[0], URBAN)], scope))
                rows.append((named[j + 1][0], [(ks[1], RURAL)], scope))
            else:  # one value (or a longer list): each value for both
                rows.extend((n[0], [(n[3][0], URBAN), (n[3][1], RURAL)], scope) for n in named[j:j + k])
            j += k
            continue
        rows.append((i, [(ks[0], "")] if ks else [("", "")], scope))
        j += 1
    return rows


_FACT_FIELDS = ("id", "indicator", "mention", "value", "unit", "qualifier", "kind", "sentence", "start", "end",
                "statement", "target_year")


def _columns(facts: pd.DataFrame, keep: list[bool] | None = None) -> dict[str, list]:
    """The columns of ``facts`` that keying reads, as lists of Python values, of the rows where
    ``keep`` is true (all rows when None): no DataFrame is filtered or iterated row by row."""
    out = {c: facts[c].tolist() for c in _FACT_FIELDS if c in facts.columns}
    if keep is not None:
        out = {c: list(compress(values, keep)) for c, values in out.items()}
    return out


def _rows(facts: dict[str, list], columns: list[str]) -> list[tuple]:
    """The rows of ``facts`` (as ``_columns``) in ``columns``, as tuples."""
    return list(zip(*(facts[c] for c in columns)))


_RANGE_MARK = re.compile(r"\s*[—–\-~～至到－]+\s*")


def _ranges(report, facts: dict[str, list]) -> dict[int, int]:
    """{index of a range's lower bound: index of its upper bound} (rule 6): an ``at_least`` fact
    and the ``at_most`` fact right after it in one sentence, of one kind and unit, with only a
    dash (or 至, 到) between them."""
    out = {}
    rows = _rows(facts, ["sentence", "start", "end", "kind", "unit", "qualifier"])
    for i in range(len(rows) - 1):
        a, b = rows[i], rows[i + 1]
        if (a[0] == b[0] and a[3] == b[3] and a[4] == b[4] and a[5] == "at_least" and b[5] == "at_most"
                and _RANGE_MARK.fullmatch(report.text[a[2]:b[1]])):
            out[i] = i + 1
    return out


def bounds(value: float, qualifier: str) -> tuple[float, float]:
    """(low, high) of a figure on its value's scale (rule 6). A decline is negative, so
    下降3%以上 (−3, at_least: a fall of at least 3) is high −3 with no low."""
    nan = float("nan")
    if qualifier in ("at_least", "more_than"):
        return (value, nan) if value >= 0 else (nan, value)
    if qualifier in ("at_most", "less_than"):
        return (nan, value) if value >= 0 else (value, nan)
    return value, value


def horizon(report, statement, start: int, target_year) -> str:
    """``plan`` for a multi-year target, else ``year`` (rule 7): its year is after the report's,
    or its statement names a period of years ("十五五", 2021—2025年) before it, or its clause
    says 年均."""
    year = report_year(report)
    if year is None or pd.isna(target_year) or pd.isna(statement):
        return "year"
    if int(target_year) > year:
        return "plan"
    before = report.read_span(int(report.sentence_starts[int(statement)]), start)
    if any(first < last and last >= year for _, _, first, last in years_named(before, year)):
        return "plan"
    clause = re.split(r"[,，;；。:：]", before)[-1]
    return "plan" if "年均" in clause else "year"


def _records(report, facts: dict[str, list], target_years, *, main_ids=frozenset(), is_results: bool = False) -> list:
    """(offset, *row of ``COLUMNS``) of each keyed fact of ``facts``; ``_frame`` makes the table."""
    labels = {k.key: k.label for k in keys()}
    records = []
    cols = ["id", "indicator", "mention", "value", "unit", "qualifier", "kind", "sentence", "start", "end"]
    statements = facts["statement"] if "statement" in facts else [pd.NA] * len(facts["id"])
    rows = _rows(facts, cols)
    ranges = _ranges(report, facts)
    skip = set(ranges.values())
    for i, named, scope in _keyed(report, facts):
        if i in skip:
            continue
        fid, ind, mention, value, unit, qualifier, kind, sentence, start, end = rows[i]
        statement = None if is_results or pd.isna(statements[i]) else int(statements[i])
        if i in ranges:
            hi = rows[ranges[i]]
            mention = report.read_span(start, hi[9])
            low, high = sorted((float(value), float(hi[3])))
            value, qualifier = (low + high) / 2, "range"
        else:
            low, high = bounds(float(value), qualifier)
        year = target_years[i]
        hz = "year" if is_results else horizon(report, statement, start, year)
        for key, role in named:
            indicator = ind.replace(BOTH, role, 1) if role else ind
            records.append((start, int(fid), key, labels.get(key, ""), indicator, mention, float(value), low, high,
                            unit, qualifier, kind, year, hz, int(fid) in main_ids, scope, statement, int(sentence), ""))
    return records


_INT_COLUMNS = ("fact", "target_year", "statement")
_FLOAT_COLUMNS = ("value", "low", "high")


def _in_order(records) -> list[tuple]:
    """The rows of ``records`` ((offset, *row of ``COLUMNS``)) in order of offset (stable)."""
    return [r[1:] for r in sorted(records, key=lambda r: r[0])]


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The table of ``rows`` (tuples of ``COLUMNS``)."""
    columns = list(zip(*rows)) if rows else [()] * len(COLUMNS)
    data = {}
    for name, values in zip(COLUMNS, columns):
        if name in _INT_COLUMNS:
            data[name] = pd.array(list(values), dtype="Int64")
        elif name in _FLOAT_COLUMNS:
            data[name] = np.array(values, dtype="float64")
        elif name == "sentence":
            data[name] = np.array(values, dtype="int64")
        elif name == "main":
            data[name] = np.array(values, dtype="bool")
        elif name == "scope":
            data[name] = pd.Series([None if pd.isna(v) else v for v in values], dtype=object)
        else:
            data[name] = pd.array(list(values), dtype="str")
    return pd.DataFrame(data, columns=COLUMNS)


def targets(report) -> pd.DataFrame:
    """One row per target of ``report`` (``is_target`` facts), keyed, and one per qualitative
    target of the main list; see the module docstring."""
    return _frame(target_rows(report))


def target_rows(report) -> list[tuple]:
    """The rows of ``targets`` as tuples of ``COLUMNS`` (Python values, missing ones None, NaN
    or NA), before they are made a table: for a caller that builds its own (``govreport.panel``)."""
    facts = report.facts
    main = main_targets(report)
    main_ids = frozenset(int(i) for i in main["id"])
    facts = _columns(facts, facts["is_target"].tolist())
    if "target_year" in facts:
        years = [None if pd.isna(y) else int(y) for y in facts["target_year"]]
    else:
        years = [report_year(report)] * len(facts["id"])
    records = _records(report, facts, years, main_ids=main_ids)
    # the qualitative targets first where one begins where a figure's row does (stable order)
    return _in_order([(pos, *r) for pos, r in _phrases(report, main)] + records)


# An item of a main list that only qualifies the list (在实际工作中争取更好结果): no target.
_NOT_A_TARGET = re.compile(r"争取更好|更好(?:的)?结果|更好成绩|^其中$")
_ITEM_SPLIT = re.compile(r"[,，;；。!！]")


def _phrases(report, main: pd.DataFrame) -> list[tuple[int, tuple]]:
    """(offset, row) of each qualitative target of the main list (rule 8): an item between
    ，；。 with no figure (居民收入增长与经济增长同步), keyed by the alias it begins with."""
    if main.empty:
        return []
    sid = int(main["statement"].iat[0])
    start = int(report.sentence_starts[sid])
    # the list runs on to the end of its paragraph (plan.list_end)
    end = int(report.sentence_ends[list_end(report, int(main["sentence"].max()))])
    text = report.text[start:end]
    cue = rules().list_cue.search(normalize(text))
    offset = start + (cue.end() if cue else 0)
    body = report.text[offset:end]
    starts = main["start"].tolist()
    year = report_year(report)
    single, _, rx = _aliases()
    labels = {k.key: k.label for k in keys()}
    out = []
    pos = 0
    for piece in _ITEM_SPLIT.split(body):
        a = offset + pos
        pos += len(piece) + 1
        item = piece.strip(" \u3000\n\r")
        b = a + len(piece)
        if len(item) < 4 or any(a <= s < b for s in starts) or _NOT_A_TARGET.search(item) or not _HAN.search(item):
            continue
        m = rx.match(item) or rx.match(_WHOLE_AT.sub("", item))  # 全省/全市… before the alias, not 市场 or 县域
        alias = m.group() if m else ""
        key = ""
        if alias:
            ks = single.get(alias, [])
            key = next((k.key for k in ks if "change" in k.kinds), ks[0].key if ks else "")
        sentence = int(np.searchsorted(report.sentence_starts, a, side="right")) - 1
        out.append((a, (pd.NA, key, labels.get(key, ""), alias, "", math.nan, math.nan, math.nan, "", "", "", year,
                        "year", True, None, sid, sentence, item)))
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]{2}")


@lru_cache(maxsize=1)
def _period_words() -> re.Pattern:
    words = data_lines("result_period_words.txt")
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*(?:年)?\s*[—–\-~～至到]+\s*(?:19|20)\d\d")
_MONTH_SPAN = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[—–\-~～至到]+\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)\s*年")
_BASE = ("比", "较", "与", "同")


def speaks_of_year(sentence: str, year: int | None) -> bool:
    """True when ``sentence`` can report results of ``year`` (rule 5)."""
    sentence = sentence.replace("年均浓度", "浓度")  # PM2.5年均浓度: a year's average, no period
    if _period_words().search(sentence) or _YEAR_SPAN.search(sentence) or _MONTH_SPAN.search(sentence):
        return False
    if year is None:
        return True
    for m in _YEAR.finditer(sentence):
        if int(m.group(1)) != year and not sentence[max(0, m.start() - 1):m.start()] in _BASE:
            return False
    return True


@lru_cache(maxsize=4096)
def _time_marks(sentence: str, year: int | None) -> tuple[tuple[int, bool], ...]:
    """(offset, is the year under review) of every time a sentence names: the year under review,
    another year (not a base: 比2020年), a span of years or months, a period word."""
    marks = [(m.start(), False) for p in (_period_words(), _YEAR_SPAN, _MONTH_SPAN) for m in p.finditer(sentence)]
    spans = [(m.start(), m.end()) for m in _YEAR_SPAN.finditer(sentence)]
    for m in _YEAR.finditer(sentence if year is not None else ""):
        if sentence[max(0, m.start() - 1):m.start()] in _BASE or any(a <= m.start() < b for a, b in spans):
            continue
        marks.append((m.start(), int(m.group(1)) == year))
    return tuple(sorted(marks))


def result_of_year(sentence: str, at: int, year: int | None) -> bool:
    """True when the figure at offset ``at`` of ``sentence`` is a result of ``year`` (rule 5):
    the last time the sentence names before the figure is that year; or it names none before
    the figure and none in the figure's own clause (up to the next ，；。)."""
    sentence = sentence.replace("年均浓度", "平均浓度")  # same length: offsets hold
    end = _CLAUSE_SPLIT.search(sentence, at)
    end = end.start() if end else len(sentence)
    marks = [(pos, ok) for pos, ok in _time_marks(sentence, year) if pos < end]
    before = [ok for pos, ok in marks if pos < at]
    if before:
        return before[-1]
    return not marks


def review_year(report) -> int | None:
    """The year a report reviews: its own year minus one (None when its year is unknown)."""
    year = report_year(report)
    return None if year is None else year - 1


def results(report) -> pd.DataFrame:
    """One row per result of the year ``report`` reviews (figures that are not targets), keyed."""
    return _frame(result_rows(report))


def result_rows(report) -> list[tuple]:
    """The rows of ``results`` as tuples of ``COLUMNS`` (as ``target_rows``)."""
    facts = report.facts
    year = review_year(report)
    starts = report.sentence_starts
    text_of: dict[int, str] = {}
    keep = []
    for is_target, s, a in zip(facts["is_target"].tolist(), facts["sentence"].tolist(), facts["start"].tolist()):
        if is_target:
            keep.append(False)
            continue
        if s not in text_of:
            text_of[s] = report.sentence_text(s)
        keep.append(result_of_year(text_of[s], len(report.read_span(int(starts[s]), a)), year))
    facts = _columns(facts, keep)
    records = _records(report, facts, [None] * len(facts["id"]), is_results=True)
    return _in_order([(pos, *r) for pos, r in _level_results(report, year)] + records)


_LEVEL = re.compile(r"持平")
_CLAUSE_SPLIT = re.compile(r"[,，;；。:：!！?？]")


def _level_results(report, year: int | None) -> list[tuple]:
    """(offset, row) of each 持平 of the review (rule 9): the indicator named before it in its
    clause (居民消费价格与上年持平) changed by 0 %, when a key of changes in % has that alias."""
    text = report.text
    regions = plan_regions(report.outline, report_year(report))
    labels = {k.key: k.label for k in keys()}
    out = []
    for m in _LEVEL.finditer(text):
        sid = report.sentence_at(m.start())
        if sid is None:
            continue
        if any(s <= m.start() < e and mode != "review" for s, e, mode in regions):
            continue
        start = int(report.sentence_starts[sid])
        if not result_of_year(report.sentence_text(sid), len(report.read_span(start, m.start())), year):
            continue
        clause = _CLAUSE_SPLIT.split(text[start:m.start()])[-1]
        found = _matches(clause)
        if not found:
            continue
        alias = max(found, key=lambda x: (x[1], x[1] - x[0]))[2]
        ks = assign_key(alias, "change", "%")
        if len(ks) != 1:
            continue
        out.append((m.start(), (pd.NA, ks[0], labels[ks[0]], alias, "持平", 0.0, 0.0, 0.0, "%", "", "change",
                                pd.NA, "year", False, None, pd.NA, int(sid), "")))
    return out
