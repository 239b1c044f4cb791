"""Fact checks: do a report's numbers hold together?

Each check reads ``report.facts``, ``report.dates``, ``report.sentences`` and
``report.meta`` (never the numbers again from the text) and returns a DataFrame, one row
per thing checked, with the source sentence (``sentence`` id and ``text``) so a reader can
check the claim against the report. The page's sentences (one ``describe_*`` per check,
computed from its table, with a branch for "the report gives too little to check this",
and the page's answer) are in ``fact_check_story``; this module only computes.

- ``implied_bases``: a level with its change in one clause implies the level before the
  change (184.7亿元、同比增长183.1% -> about 65.2亿元); an amount with its share of a plan
  implies the plan (300亿元，占年度计划的120% -> 250亿元).
- ``date_spans``: a count of days since a date (自去年2月16日以来连续372天) against the
  report's date, saying which way of counting the days gives the claim.
- ``repeated_values``: one indicator given twice, in different sentences, with values that
  cannot both hold.
- ``parts_over_whole``: parts after 其中 larger than the whole before it.
- ``shares_over_100``: shares above 100% that are not shares of a plan or an earlier level.
- ``unnamed_facts`` and ``respectively_lists``: extraction quality, i.e. facts the engine
  could not attach to an indicator, and "respectively" lists whose names and values do not
  pair up.

The only words read from sentences are the cue words of ``data/checks_words.tsv`` (其中,
分别, 以来, 计划 …) and clause punctuation. Nothing here special-cases a report.

Known limits: a level and a rate in different clauses are never paired (达到2650亿元，增长3.5%
gives no base), though the fact engine gives both the same indicator; spans are checked in
days only (not years or months); a part of a whole is matched by unit only.
"""

from __future__ import annotations

import bisect
import math
from functools import lru_cache

import pandas as pd

from ..paths import DATA_DIR
from . import frames, memo
from .prose import count

#: Punctuation that ends a clause; 、 joins items inside one clause (184.7亿元、同比增长183.1%).
CLAUSE_MARKS = "，,；;：:。！？!?"
#: Multipliers a mention may carry before its unit, largest first.
MULTIPLIERS = (("万亿", 1e12), ("千万", 1e7), ("百万", 1e6), ("亿", 1e8), ("万", 1e4), ("千", 1e3))
POINTS = ("个百分点", "百分点")


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """The cue words of ``data/checks_words.tsv``, by cue: ``{"plan": ("计划", …), …}``."""
    out: dict[str, list[str]] = {}
    for line in (DATA_DIR / "checks_words.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, word = line.split("\t")[:2]
        out.setdefault(cue, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


def _has(text: str, cue: str) -> bool:
    return any(w in text for w in cues()[cue])


# -- reading helpers -------------------------------------------------------------------


@memo.per_report
def _facts(report) -> pd.DataFrame:
    """``report.facts`` with each fact's clause (start, end in the text) and sentence text."""
    f = report.facts
    s = report.sentences.set_index("id")
    text = report.text
    if f.empty:
        return f.assign(clause_start=pd.Series(dtype="int64"), clause_end=pd.Series(dtype="int64"), text="")
    lo_s = f["sentence"].map(s["start"]).astype("int64")
    hi_s = f["sentence"].map(s["end"]).astype("int64")
    c_lo, c_hi = [], []
    for pos, end, lo, hi in zip(f["start"], f["end"], lo_s, hi_s):
        c_lo.append(max([lo] + [text.rfind(c, lo, pos) + 1 for c in CLAUSE_MARKS]))
        ends = [i for i in (text.find(c, end, hi) for c in CLAUSE_MARKS) if i >= 0]
        c_hi.append(min(ends) if ends else hi)
    return f.assign(clause_start=c_lo, clause_end=c_hi, text=f["sentence"].map(report.sentence_text))


def _scaled(value: float, unit: str, like: str) -> tuple[float, str]:
    """``value`` in the multiplier the mention ``like`` uses (184.7亿元 -> 亿): (65.24, "亿元")."""
    head = like[: -len(unit)] if unit and like.endswith(unit) else like
    for name, mult in MULTIPLIERS:
        if head.endswith(name):
            return value / mult, name + unit
    return value, unit


def _sig(x: float, digits: int = 3) -> str:
    """``x`` to ``digits`` significant figures, written as reports write numbers (no exponent, no thousands separator): 65.2424 -> '65.2', 1000 -> '1000'."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(x)))))
    s = f"{x:.{decimals}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def amount_like(value: float, unit: str, like: str) -> str:
    """A computed value written as the report writes the figure ``like``: '65.2亿元'."""
    v, u = _scaled(value, unit, like)
    return f"{_sig(v)}{u}"


def _signed(mention: str, value: float, kind: str) -> str:
    """A change as read, with its direction (PM2.5浓度下降11.1% -> '−11.1%'); other figures as written."""
    if kind != "change":
        return mention
    return ("+" if value > 0 else "−" if value < 0 else "±") + mention.lstrip("+-−")


# -- implied bases -----------------------------------------------------------------------

BASE_COLUMNS = ["basis", "indicator", "figure", "level", "implied", "implied_value", "unit", "note", "sentence", "text"]


def _level_for(facts: list, c, eligible) -> tuple | None:
    """The level a change or share ``c`` applies to, among the facts of its sentence (rows, in
    text order) for which ``eligible(row)`` holds: the nearest one in the same clause naming the
    same indicator (or any, if ``c`` names none); of two as near, the first."""
    same = [r for r in facts if r.clause_start == c.clause_start and r.id != c.id and eligible(r)
            and (not c.indicator or r.indicator == c.indicator)]
    return min(same, key=lambda r: abs(r.start - c.start)) if same else None


def _change_level(facts: list, c, text: str) -> tuple | None:
    """The level a change applies to: a measure (for %, or in the change's own unit) or a share in
    % (for percentage points) in the change's clause; or, when the change follows 分别, the measure
    of its indicator earlier in the sentence (…旅游收入100亿元，分别增长10%、12%)."""
    if c.unit == "%":
        def eligible(r): return r.kind == "measure"
    elif c.unit in POINTS:
        def eligible(r): return r.kind == "share" and r.unit == "%"
    else:
        def eligible(r): return r.kind == "measure" and r.unit == c.unit
    level = _level_for(facts, c, eligible)
    if level is None and c.indicator and _has(text[c.clause_start : c.start], "respectively"):
        earlier = [r for r in facts if eligible(r) and r.start < c.clause_start and r.indicator == c.indicator]
        level = earlier[-1] if earlier else None
    return level


def _plan_level(facts: list, c, text: str) -> tuple | None:
    """The amount achieved that a share of a plan applies to: a measure in its clause, or the last
    measure of the clause just before when the share's clause opens with 占 (…300亿元，占年度计划的120%)."""
    def measure(r): return r.kind == "measure"
    level = _level_for(facts, c, measure)
    if level is None and text[c.clause_start : c.start].lstrip().startswith(cues()["refers_back"]):
        before = [r for r in facts if measure(r) and r.clause_end <= c.clause_start]
        if before and not text[before[-1].clause_end + 1 : c.clause_start].strip():
            level = before[-1]
    return level


#: The note of a change at constant prices paired with a level at current prices.
CONSTANT_PRICES = "growth at constant prices, level at current prices"


def at_constant_prices(indicator: str, change_unit: str, level_unit: str) -> bool:
    """True when a % change of ``indicator`` is real growth (GDP, value added: cue ``real``)
    and its level is money: the level is nominal, and level / (1 + growth) is no base."""
    return change_unit == "%" and level_unit in ("元", "美元") and _has(indicator or "", "real")


@memo.per_report
def implied_bases(report) -> pd.DataFrame:
    """Every change and every share of a plan, with the base it implies when the report gives
    the level it applies to in the same clause.

    - a change of c% on a level L (184.7亿元、同比增长183.1%): base = L / (1 + c/100);
    - a change in the level's own unit (达到300天、增加46天): base = L − c;
    - a change in percentage points on a share (达到60%、提高2个百分点): base = L − c;
    - a share s% of a plan with the amount achieved A (完成投资300亿元，占年度计划的120%):
      plan = A / (s/100). The amount may stand in the clause before when the share's clause
      opens with 占 (it refers back to that amount).

    Growth of GDP and value added (生产总值, GDP, 增加值: cue ``real``) is given at constant
    prices while its level is at current prices: dividing one by the other implies no real
    base, so such a pair gets none (``note`` says so, ``level`` shows the level).
    A change whose clause holds no level gets no base (``note`` says so); a level and a rate in
    different clauses are not paired (达到120亿元，增长8%: the clauses may speak of different
    things), except in a "respectively" list (…100亿元，分别增长10%、12%), which pairs them.
    Columns: ``basis`` ("earlier level" or "plan"), ``indicator``, ``figure`` (the change or
    share as written), ``level`` (as written, or ""), ``implied`` (as the report would write it),
    ``implied_value``, ``unit``, ``note``, ``sentence``, ``text``.
    """
    f = _facts(report)
    text = report.text
    facts = list(frames.rows(f))
    by_sentence: dict = {}  # a level is looked for in its sentence only
    for r in facts:
        by_sentence.setdefault(r.sentence, []).append(r)

    rows = []
    for c in facts:
        if c.kind == "change":
            basis, level = "earlier level", _change_level(by_sentence[c.sentence], c, text)
        elif c.kind == "share" and c.unit == "%" and _has(text[c.clause_start : c.start], "plan"):
            basis, level = "plan", _plan_level(by_sentence[c.sentence], c, text)
        else:
            continue
        row = {"basis": basis, "indicator": c.indicator, "figure": _signed(c.mention, c.value, c.kind), "level": "", "implied": "",
               "implied_value": float("nan"), "unit": "", "note": "", "sentence": c.sentence, "text": c.text}
        if level is None:
            row["note"] = "no amount achieved in its clause" if basis == "plan" else "no level in its clause"
        elif basis != "plan" and at_constant_prices(c.indicator, c.unit, level.unit):
            row.update(level=level.mention, unit=level.unit, note=CONSTANT_PRICES)
        else:
            L = float(level.value)
            if basis == "plan":
                value = L / (c.value / 100) if c.value else float("nan")
            elif c.unit == "%":
                value = L / (1 + c.value / 100) if c.value > -100 else float("nan")
            else:
                value = L - c.value
            row.update(level=level.mention, unit=level.unit, implied_value=value)
            if math.isfinite(value):
                row["implied"] = amount_like(value, level.unit, level.mention)
                when = " a year earlier" if basis != "plan" and _has(text[c.clause_start : c.clause_end], "year") else " before"
                row["note"] = "the plan" if basis == "plan" else f"the level{when}"
            else:
                row["note"] = "a fall of 100% or more leaves no base" if basis != "plan" else "a share of 0% implies no plan"
        rows.append(row)
    return pd.DataFrame(rows, columns=BASE_COLUMNS)


# -- date arithmetic -----------------------------------------------------------------------

SPAN_COLUMNS = ["indicator", "claim", "since", "report_date", "days_elapsed", "status", "reading", "sentence", "text"]

#: The ways of counting the days from a start day to the report's day, by days elapsed d
#: (report date minus start date): offset added to d, and the words for it.
COUNTS = (
    (-1, "the days strictly between the two dates (neither the start day nor the report's day counted)"),
    (0, "the days elapsed from the start to the report's date (one of the two end days counted)"),
    (1, "both the start day and the report's day counted"),
)


@memo.per_report
def date_spans(report) -> pd.DataFrame:
    """Counts of days since a date (自去年2月16日以来，连续372天…), against the report's date.

    A span is a fact in 天 that follows, in the same sentence, a date marked by 以来, 至今 or 起.
    With the start day S and the report's date R (``meta["date"]``), d = R − S days have
    elapsed: the claim N matches one of d − 1 (days strictly between), d (one end counted) or
    d + 1 (both ends counted), or none. Columns: ``indicator``, ``claim`` (as written),
    ``since``, ``report_date``, ``days_elapsed``, ``status`` ("matches", "does not match",
    "cannot check"), ``reading`` (in words), ``sentence``, ``text``.
    """
    f = _facts(report)
    dates = report.dates
    text = report.text
    rdate = report.meta.get("date") or ""
    since_words = cues()["since"]
    rows = []
    for c in frames.rows(f[(f["unit"] == "天") & (f["kind"] == "measure")]):
        sent_start = report.sentences.loc[report.sentences["id"] == c.sentence, "start"].iloc[0]
        inside = dates[(dates["start"] >= sent_start) & (dates["end"] <= c.start)]
        marked = [d for d in frames.rows(inside) if text[d.end : d.end + 3].lstrip().startswith(since_words)]
        if not marked:
            continue
        d = marked[-1]
        row = {"indicator": c.indicator, "claim": c.mention, "since": d.date, "report_date": rdate,
               "days_elapsed": pd.NA, "status": "cannot check", "reading": "", "sentence": c.sentence, "text": c.text}
        if len(d.date) != 10:
            row["reading"] = f"the start ({d.mention}) is not given to the day"
        elif len(rdate) != 10:
            row["reading"] = "the report has no date to count to"
        else:
            elapsed = (pd.Timestamp(rdate) - pd.Timestamp(d.date)).days
            row["days_elapsed"] = elapsed
            n = int(round(c.value))
            match = [words for off, words in COUNTS if elapsed + off == n]
            if match:
                row["status"], row["reading"] = "matches", match[0]
            else:
                end = (pd.Timestamp(d.date) + pd.Timedelta(days=n)).date().isoformat()
                gap = elapsed - n
                when = f"{gap} days before" if gap > 0 else f"{-gap} days after"
                row["status"] = "does not match"
                row["reading"] = f"{n} days from {d.date} end on {end}, {when} the report's date"
        rows.append(row)
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype({"days_elapsed": "Int64"})


# -- internal consistency ---------------------------------------------------------------

REPEAT_COLUMNS = ["indicator", "kind", "first", "second", "sentence_first", "sentence_second", "text_first", "text_second"]

#: What a qualifier allows the true value to be, relative to the figure v.
_BOUNDS = {"": (1, 1), "more_than": (1, math.inf), "at_least": (1, math.inf), "about": (0.9, 1.1),
           "at_most": (0, 1), "less_than": (0, 1)}


def _compatible(a, b) -> bool:
    """Two figures of one indicator can both hold: their qualifiers' ranges overlap (超过50万 and 52万)."""
    lo_a, hi_a = (a.value * x for x in _BOUNDS.get(a.qualifier, (1, 1)))
    lo_b, hi_b = (b.value * x for x in _BOUNDS.get(b.qualifier, (1, 1)))
    lo_a, hi_a = min(lo_a, hi_a), max(lo_a, hi_a)
    lo_b, hi_b = min(lo_b, hi_b), max(lo_b, hi_b)
    return lo_a <= hi_b and lo_b <= hi_a


def _counted_noun(text: str, fact) -> bool:
    """A count followed by the noun it counts (8家企业): the indicator says what, not which."""
    if not fact.indicator:
        return False
    for skip in (0, 1, 2):  # a qualifier may stand between: 100家以上企业
        gap = text[fact.end : fact.end + skip]
        if text.startswith(fact.indicator, fact.end + skip) and not any(c in CLAUSE_MARKS + "、" for c in gap):
            return True
    return False


@memo.per_report
def _comparable(report) -> pd.DataFrame:
    """The facts ``repeated_values`` compares: with an indicator, and not a count of a noun; each
    with its ``period``, the period cues (年均, 累计, "十三五" …) and the dates of its clause, since
    figures of different periods (年均增长7% and 2020年增长3.5%) need not agree."""
    f = _facts(report)
    text = report.text
    keep = [bool(r.indicator) and not _counted_noun(text, r) for r in frames.rows(f)]
    f = f[pd.Series(keep, index=f.index, dtype=bool)]
    dates = report.dates.sort_values("start")
    d_start, d_end, d_date = dates["start"].tolist(), dates["end"].tolist(), dates["date"].tolist()
    periods = []
    for r in frames.rows(f):
        clause = text[r.clause_start : r.clause_end]
        words = [w for w in cues()["period"] if w in clause]
        lo, hi = bisect.bisect_left(d_start, r.clause_start), bisect.bisect_left(d_start, r.clause_end)
        inside = [d for d, e in zip(d_date[lo:hi], d_end[lo:hi]) if e <= r.clause_end]
        periods.append(" ".join(words + sorted(inside)))
    return f.assign(period=pd.Series(periods, index=f.index, dtype=object))


def repeated_indicators(report) -> int:
    """How many indicators (of one kind, unit, target status and period) are given in more
    than one sentence: the pairs ``repeated_values`` has to compare."""
    named = _comparable(report).groupby(["indicator", "kind", "unit", "is_target", "period"])["sentence"].nunique()
    return int((named > 1).sum())


@memo.per_report
def repeated_values(report) -> pd.DataFrame:
    """Indicators given twice, in different sentences, with values that cannot both hold.

    Compared: facts of the same indicator, kind, unit, target status and period (the period cues
    and dates of their clause: 年均增长7% is not compared with 2020年增长3.5%). Not compared: facts in
    one sentence (a range, or two scopes: 全国第二家、全省第一家), and counts of a noun
    (8家企业 … 5家企业), whose indicator names what is counted, not which group.
    One row per disagreeing pair: the first figure and each later one that disagrees with it.
    """
    groups: dict = {}  # facts by indicator, kind, unit, target status and period, in text order
    for r in frames.rows(_comparable(report)):
        key = (r.indicator, r.kind, r.unit, r.is_target, r.period)
        if not any(pd.isna(k) for k in key):  # as groupby: a fact with a missing key is in no group
            groups.setdefault(key, []).append(r)
    rows = []
    for (ind, kind, _, _, _), g in groups.items():
        if len({r.sentence for r in g}) < 2:
            continue
        first = g[0]
        for other in g[1:]:
            if other.sentence == first.sentence or _compatible(first, other):
                continue
            rows.append({"indicator": ind, "kind": kind, "first": first.mention, "second": other.mention,
                         "sentence_first": first.sentence, "sentence_second": other.sentence,
                         "text_first": first.text, "text_second": other.text})
    return pd.DataFrame(rows, columns=REPEAT_COLUMNS)


WHOLE_COLUMNS = ["whole_indicator", "whole", "part_indicator", "part", "status", "sentence", "text"]


@memo.per_report
def parts_over_whole(report) -> pd.DataFrame:
    """Parts given after 其中 against the whole before it (…50万吨，其中小麦60万吨).

    The whole is the last measure before 其中 in its sentence (or in the sentence before, when
    the sentence opens with 其中); the parts are the measures after it, up to the next 其中 or
    the sentence's end, in the whole's unit. ``status``: "larger than the whole" or "within".
    """
    f = _facts(report)
    text = report.text
    s = report.sentences
    measures = f[f["kind"] == "measure"]
    rows = []
    for sent in frames.rows(s):
        positions = []
        for word in cues()["whole"]:
            i = sent.text.find(word)
            while i >= 0:
                positions.append(sent.start + i)
                i = sent.text.find(word, i + 1)
        positions.sort()
        for k, pos in enumerate(positions):
            upto = positions[k + 1] if k + 1 < len(positions) else sent.end
            before = measures[(measures["sentence"] == sent.id) & (measures["end"] <= pos)]
            if before.empty and not text[sent.start : pos].strip(" \u3000，,：:"):
                before = measures[measures["sentence"] == sent.id - 1]
            if before.empty:
                continue
            whole = before.iloc[-1]
            parts = measures[(measures["sentence"] == sent.id) & (measures["start"] > pos) & (measures["start"] < upto)
                             & (measures["unit"] == whole["unit"])]
            for p in frames.rows(parts):
                status = "larger than the whole" if p.value > whole["value"] else "within"
                ctx = sent.text if whole["sentence"] == sent.id else f"{whole['text']} {sent.text}"
                rows.append({"whole_indicator": whole["indicator"], "whole": whole["mention"], "part_indicator": p.indicator,
                             "part": p.mention, "status": status, "sentence": sent.id, "text": ctx})
    return pd.DataFrame(rows, columns=WHOLE_COLUMNS)


SHARE_COLUMNS = ["indicator", "figure", "of", "status", "sentence", "text"]


@memo.per_report
def shares_over_100(report) -> pd.DataFrame:
    """Shares above 100%. A share of a plan (占年度计划的161%), of an earlier level (为上年的105%)
    or of a reference level (为全国平均水平的120%) may exceed 100%; any other (城镇化率105%)
    cannot. ``of``: "a plan", "an earlier level", "a reference level" or ""; ``status``:
    "may exceed 100%" or "cannot exceed 100%"."""
    f = _facts(report)
    text = report.text
    rows = []
    for c in frames.rows(f[(f["kind"] == "share") & (f["unit"] == "%") & (f["value"] > 100)]):
        clause = text[c.clause_start : c.start]
        of = ("a plan" if _has(clause, "plan") else "an earlier level" if _has(clause, "earlier")
              else "a reference level" if _has(clause, "reference") else "")
        rows.append({"indicator": c.indicator, "figure": c.mention, "of": of,
                     "status": "may exceed 100%" if of else "cannot exceed 100%", "sentence": c.sentence, "text": c.text})
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


# -- extraction quality ----------------------------------------------------------------

UNNAMED_COLUMNS = ["mention", "kind", "sentence", "text"]


@memo.per_report
def unnamed_facts(report) -> pd.DataFrame:
    """Facts the engine attached to no indicator: a reader must read the sentence to know what they measure."""
    f = _facts(report)
    return f[f["indicator"] == ""][UNNAMED_COLUMNS].reset_index(drop=True)


def _names_for(n_names: int, n_values: int) -> str:
    return f"{count(n_names, 'name')} for {count(n_values, 'value')}"


LIST_COLUMNS = ["values", "names", "n_values", "n_names", "status", "sentence", "text"]


@memo.per_report
def respectively_lists(report) -> pd.DataFrame:
    """Lists of values after 分别 (省、市…分别占…161%、164%), and lists whose shared indicator
    still holds a 、 list of names, with whether names and values pair up.

    A list is a run of facts of one sentence joined by 、 和 及 与. It pairs up when each value
    has its own non-empty indicator and none is a 、 list; otherwise ``status`` says what is
    wrong: a count of names (the items of a shared 、 list) that differs from the count of
    values, no names, or one name for every value.
    """
    f = _facts(report)
    text = report.text
    runs, current = [], []
    for r in frames.rows(f):
        if current and r.sentence == current[-1].sentence and text[current[-1].end : r.start].strip() in ("、", "和", "及", "与"):
            current.append(r)
        else:
            if current:
                runs.append(current)
            current = [r]
    if current:
        runs.append(current)
    rows = []
    for run in runs:
        names = [r.indicator for r in run]
        first = run[0]
        after_cue = _has(text[first.clause_start : first.start], "respectively")
        listed = [n for n in names if "、" in n]
        if not after_cue and not (listed and len(run) > 1):
            continue  # 省级以上绿色工厂、产品等18个: one count of several kinds, not a list of values
        n_values = len(run)
        distinct = list(dict.fromkeys(names))
        if listed:
            n_names = len(listed[0].split("、"))
            status = "pair up" if n_names == n_values and len(distinct) == n_values else _names_for(n_names, n_values)
        elif not any(names):
            n_names, status = 0, "no names"
        elif n_values > 1 and len(distinct) == 1:
            n_names, status = 1, f"one name for {count(n_values, 'value')}"
        else:
            n_names = len([n for n in distinct if n])
            status = "pair up" if n_names == n_values and all(names) else _names_for(n_names, n_values)
        if listed and status == "pair up":
            status = _names_for(n_names, n_values)  # a 、 list left in an indicator was not shared out
        rows.append({"values": "、".join(r.mention for r in run), "names": " / ".join(n or "(none)" for n in names),
                     "n_values": n_values, "n_names": n_names, "status": status, "sentence": first.sentence, "text": first.text})
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


# -- all checks ---------------------------------------------------------------------------

#: name -> (title, check); each check's sentence is ``fact_check_story.DESCRIBE[name]``.
CHECKS = {
    "implied_bases": ("Implied bases", implied_bases),
    "date_spans": ("Date arithmetic", date_spans),
    "repeated_values": ("One indicator, two values", repeated_values),
    "parts_over_whole": ("Parts larger than their whole", parts_over_whole),
    "shares_over_100": ("Shares above 100%", shares_over_100),
    "unnamed_facts": ("Facts with no indicator", unnamed_facts),
    "respectively_lists": ("Respectively lists", respectively_lists),
}


def _flagged(name: str, t: pd.DataFrame) -> int:
    if t.empty:
        return 0
    if name == "implied_bases":
        return 0  # a base is a reading, not a fault
    if name == "date_spans":
        return int((t["status"] == "does not match").sum())
    if name == "parts_over_whole":
        return int((t["status"] != "within").sum())
    if name == "shares_over_100":
        return int((t["of"] == "").sum())
    if name == "respectively_lists":
        return int((t["status"] != "pair up").sum())
    return len(t)


def _unchecked(name: str, t: pd.DataFrame) -> int:
    if t.empty:
        return 0
    if name == "implied_bases":  # a real growth rate on a nominal level is skipped, not unchecked
        return int(((t["implied"] == "") & (t["note"] != CONSTANT_PRICES)).sum())
    if name == "date_spans":
        return int((t["status"] == "cannot check").sum())
    return 0


def overview(report) -> pd.DataFrame:
    """One row per check: how many items it looked at, how many it flags, how many it could not check."""
    rows = []
    for name, (title, check) in CHECKS.items():
        t = check(report)
        rows.append({"check": title, "items": len(t), "flagged": _flagged(name, t), "too little to check": _unchecked(name, t)})
    return pd.DataFrame(rows, columns=["check", "items", "flagged", "too little to check"])


#: The columns each check's table shows in the notebook (the source sentence last).
SHOWN = {
    "implied_bases": ["basis", "indicator", "figure", "level", "implied", "note", "sentence", "text"],
    "date_spans": ["indicator", "claim", "since", "report_date", "days_elapsed", "status", "reading", "sentence", "text"],
    "repeated_values": REPEAT_COLUMNS,
    "parts_over_whole": WHOLE_COLUMNS,
    "shares_over_100": SHARE_COLUMNS,
    "unnamed_facts": UNNAMED_COLUMNS,
    "respectively_lists": ["values", "names", "status", "sentence", "text"],
}


#: What a row shows in place of its sentence's text when the row above quotes the same sentence.
SAME_SENTENCE = "(the sentence above)"


def shown(table: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A check's table as ``show`` displays it: its ``columns``, and a sentence's text once (the
    rows right under it that quote the same sentence say ``SAME_SENTENCE``)."""
    out = table if columns is None else table[columns]
    if {"sentence", "text"} <= set(out.columns):
        repeated = out["sentence"].eq(out["sentence"].shift()).to_numpy()
        out = out.assign(text=out["text"].where(~repeated, SAME_SENTENCE))
    return out


def show(table: pd.DataFrame, columns: list[str] | None = None) -> None:
    """Display a check's table (``shown``), whole and wrapping; nothing when it has no row
    (the check's sentence, shown before it, already says there is nothing)."""
    if table.empty:
        return
    from .tables import show as show_table

    shown_table = shown(table, columns)
    show_table(shown_table.set_index(shown_table.columns[0]), empty="")  # the first column names the row
