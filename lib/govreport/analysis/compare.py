"""Did they do what they said? The targets of one report against the results of the next.

``compare(previous, current)`` returns one row per key that ``previous`` targets for the year
``current`` reviews (``current``'s year minus one), in the order the targets are written:
the target (mention, value, unit, qualifier, horizon, sentence), the result (mention, value,
unit, sentence), the ``margin`` (result minus target, in the target's unit) and a ``verdict``.

Which target (``report.targets``, see ``govreport.facts.targets``): only the place's own
(``scope`` empty) and keyed ones, for the year reviewed; of a key's rows, a main annual one
first (``main`` and ``horizon`` ``year``), then any annual one, then a plan one. Which result:
the first of the key's rows in ``current.results`` (the place's own, anywhere in the review;
持平 is a change of 0) in a unit the target's converts to.

The verdicts, each with its rule stated in a sentence in ``rule``:

- ``no figure to compare``: the target is written without a figure (居民收入增长与经济增长同步);
- ``not comparable``: the target is a plan's (``horizon`` ``plan``: 年均, "十四五") and the
  result a year's; or the result is in another unit (元 against 美元; 斤, 公斤, 吨 are
  converted) or of a kind the key does not equate with the target's;
- ``no result given``: ``current`` gives no figure for the key (worth showing, not an error);
- ``met`` or ``missed``, by the target's qualifier. A target written as a decline (a negative
  value: 下降3%以上) is read on the size of the decline, so "at least" means "at least that
  much lower":
  - ``range`` (5%—5.5%): met when the result is inside it, or above it for a key where
    higher is better (below it for the others); the margin is from the bound that decides
    (the lower for higher-is-better keys, the upper for the others);
  - ``at_least`` (以上, 不低于): met when result ≥ target; ``more_than`` (超过): result > target;
  - ``at_most`` (以内, 以下, 不超过, 控制在): met when result ≤ target; ``less_than``: result < target;
  - ``about`` (左右, 约): met when the result is at most the tolerance short of the target on
    the side the key counts as worse (0.5 percentage point for %, else 5% of the target);
    beating the target is met too;
  - no qualifier: a floor for keys where higher is better (growth: met when result ≥ target),
    a ceiling for the others (``cpi``, ``unemployment_rate``, ``energy_intensity``,
    ``deficit_ratio``, ``pm25``, ``poverty_reduction``: met when result ≤ target;
    ``higher_is_better`` in the key table).

The margin lets a reader judge for themselves.

``language_changes(previous, current)`` lists the numbered slogans and the frequent terms
that appear in one report and not in the other. ``coverage(report)`` is what one report gives
for its review year (and plans for its own) against the common keys.

The columns of ``compare`` (``COLUMNS``): ``key``, ``label`` (the indicator, from
``data/indicator_keys.csv``: ``govreport.facts.targets``); ``indicator`` (the target's, in
the earlier report's words); ``target_year``, ``horizon``; ``target_mention``,
``target_value`` (signed: a decline is negative), ``target_low``, ``target_high`` (the
bounds, as in ``targets``), ``target_unit``, ``qualifier``, ``target_sentence``;
``result_mention``, ``result_value``, ``result_unit``, ``result_sentence`` (empty/NaN when
none); ``margin`` (result minus target in the target's unit, percentage points for %; NaN
when not compared); ``verdict``; ``rule`` (the rule applied, in words). Targets without a
key cannot be paired and are left out (they are in ``previous.targets``), and so are the
targets for another year (到2025年).

Known limits: the key table holds the common indicators only: a target of any other keeps
an empty key and is not compared, and aliases are matched as written (a report that writes
GDP增速 in a form not in the table gets no key until the alias is added). Results are taken
from the later report's text only, the first figure per key (a report that gives the year's
figure twice with different scopes, 全市 and 市区, is read at its first); a result without a
year of its own in a sentence about several years (…年均增长7%，其中去年增长6%) is left out.
``about`` uses one tolerance for every key (``tolerance_points=``, ``tolerance_share=``); the
margin is shown so a reader can apply another.
"""

from __future__ import annotations

import csv
import math
from functools import lru_cache

import numpy as np
import pandas as pd

from ..facts.targets import key_info, keys, report_year, review_year
from ..paths import DATA_DIR
from . import frames, memo
from .prose import QUALIFIERS, number

COLUMNS = ["key", "label", "indicator", "target_year", "horizon", "target_mention", "target_value", "target_low",
           "target_high", "target_unit", "qualifier", "target_sentence", "result_mention", "result_value", "result_unit", "result_sentence", "margin",
           "verdict", "rule"]
VERDICTS = ("met", "missed", "no result given", "not comparable", "no figure to compare")
TOLERANCE_POINTS = 0.5  # "about" targets in %: half a percentage point
TOLERANCE_SHARE = 0.05  # "about" targets in other units: 5% of the target
_EPS = 1e-9


@lru_cache(maxsize=1)
def _unit_factors() -> dict[str, tuple[str, float]]:
    with open(DATA_DIR / "unit_factors.csv", encoding="utf-8", newline="") as f:
        return {r["unit"]: (r["base"], float(r["factor"])) for r in csv.DictReader(f)}


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to``; None when the units cannot be converted."""
    if unit == to:
        return value
    factors = _unit_factors()
    if unit in factors and to in factors and factors[unit][0] == factors[to][0]:
        return value * factors[unit][1] / factors[to][1]
    return None


def verdict(key: str, qualifier: str, target: float, result: float, unit: str,
            tolerance_points: float = TOLERANCE_POINTS, tolerance_share: float = TOLERANCE_SHARE,
            low: float = math.nan, high: float = math.nan) -> tuple[str, str]:
    """``(verdict, rule)`` for a result against a target of ``key`` in the same ``unit``; ``low``
    and ``high`` are a ``range`` target's bounds. ``rule`` states the rule in a sentence."""
    higher = key_info(key).higher_is_better
    if qualifier == "range":
        if higher:
            ok = result >= low - _EPS
            rule = "A range is met when the result is inside it or above it (higher is better for this key)."
        else:
            ok = result <= high + _EPS
            rule = "A range is met when the result is inside it or below it (lower is better for this key)."
        return ("met" if ok else "missed"), rule
    s = -1.0 if target < 0 else 1.0  # a decline: compare the size of the decline
    t, r = s * target, s * result
    size = " (on the size of the decline)" if target < 0 else ""
    if qualifier in ("at_least", "more_than"):
        ok = r > t + _EPS if qualifier == "more_than" else r >= t - _EPS
        rule = (f"An 'at least' target is met when the result is at or above it{size}." if qualifier == "at_least"
                else f"A 'more than' target is met when the result is above it{size}.")
    elif qualifier in ("at_most", "less_than"):
        ok = r < t - _EPS if qualifier == "less_than" else r <= t + _EPS
        rule = (f"An 'at most' target is met when the result is at or below it{size}." if qualifier == "at_most"
                else f"A 'less than' target is met when the result is below it{size}.")
    elif qualifier == "about":
        tol = tolerance_points if unit == "%" else tolerance_share * abs(target)
        tol_text = f"{tolerance_points:g} percentage point" if unit == "%" else f"{tolerance_share:.0%} of the target"
        if higher:
            ok = result >= target - tol - _EPS
            rule = f"An 'about' target is met when the result falls short of it by at most {tol_text}."
        else:
            ok = result <= target + tol + _EPS
            rule = f"An 'about' target of a ceiling is met when the result exceeds it by at most {tol_text}."
    else:
        if higher:
            ok = result >= target - _EPS
            rule = "A target without a qualifier is read as a floor for this key: met when the result is at or above it."
        else:
            ok = result <= target + _EPS
            rule = "A target without a qualifier is a ceiling for this key: met when the result is at or below it."
    return ("met" if ok else "missed"), rule


def _pick_target(positions: list[int], main, horizon) -> int:
    """The target row of a key, of its rows at ``positions``: a main annual one first, then an
    annual one, then the first."""
    for i in positions:
        if main[i] and horizon[i] == "year":
            return i
    for i in positions:
        if horizon[i] == "year":
            return i
    return positions[0]


class _Columns:
    """``table``'s columns as arrays indexed by position, each made when first asked for:
    ``columns[c][i]`` is the value ``table.iloc[i][c]`` gives (the same scalar, of the same
    type) without making a row; ``columns.row(i)`` is row ``i`` as a mapping of them."""

    def __init__(self, table: pd.DataFrame):
        self._table, self._arrays = table, {}

    def __getitem__(self, name: str):
        if name not in self._arrays:
            column = self._table[name]
            # numpy scalars from numpy columns, str and NA from text (a list: faster to index), else the array's own
            self._arrays[name] = (column.to_numpy() if isinstance(column.dtype, np.dtype)
                                  else column.tolist() if isinstance(column.dtype, pd.StringDtype) else column.array)
        return self._arrays[name]

    def row(self, i: int) -> "_Row":
        return _Row(self, i)


class _Row:
    def __init__(self, columns: _Columns, i: int):
        self._columns, self._i = columns, i

    def __getitem__(self, name: str):
        return self._columns[name][self._i]


def _mask(condition: pd.Series) -> np.ndarray:
    """A boolean Series as a numpy mask, NA as False (as a filter ``table[condition]`` reads it)."""
    return condition.to_numpy(dtype=bool, na_value=False)


def _sentence_text(report, sentence: int) -> str:
    return report.sentence_text(sentence).strip()


def compare(previous, current, *, tolerance_points: float = TOLERANCE_POINTS,
            tolerance_share: float = TOLERANCE_SHARE) -> pd.DataFrame:
    """The targets of ``previous`` for the year ``current`` reviews against ``current``'s results.

    One row per key, in the order the targets are written (columns ``COLUMNS``); see the module
    docstring for the verdict rules. Targets without a key are left out (they cannot be paired).
    When neither report's year is known, every keyed target of ``previous`` is compared.
    """
    rows = compare_rows(previous, current, tolerance_points=tolerance_points, tolerance_share=tolerance_share)
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["target_year"] = pd.array(table["target_year"].tolist(), dtype="Int64")
    for c in ("target_value", "target_low", "target_high", "result_value", "margin"):
        if table[c].dtype != "float64":  # (a column already float64 is left as it is: astype costs a copy)
            table[c] = table[c].astype("float64")
    return table


def compare_rows(previous, current, *, tolerance_points: float = TOLERANCE_POINTS,
                 tolerance_share: float = TOLERANCE_SHARE) -> list[dict]:
    """``compare``'s rows as dicts of ``COLUMNS`` (Python and numpy values, missing ones NaN or
    NA), before they are made a table: for a caller that builds its own (``panel.tables.verdicts``)."""
    year = review_year(current)
    if year is None:
        year = report_year(previous)
    # Positions and column arrays, not filtered frames and rows: a pair has a handful of keys.
    targets = previous.targets
    keep = _mask(targets["key"] != "") & targets["scope"].isna().to_numpy()
    if year is not None:
        keep &= targets["target_year"].isna().to_numpy() | _mask(targets["target_year"] == year)
    tcol = _Columns(targets)
    by_key: dict = {}  # key -> its rows' positions, keys in order of first appearance
    key_of = targets["key"].tolist()
    for i in np.flatnonzero(keep).tolist():
        if not pd.isna(key_of[i]):
            by_key.setdefault(key_of[i], []).append(i)
    results = current.results
    rcol = _Columns(results)
    values, units = results["value"].tolist(), results["unit"].tolist()
    result_rows: dict = {}
    key_of = results["key"].tolist()
    for i in np.flatnonzero(_mask(results["key"] != "") & results["scope"].isna().to_numpy()).tolist():
        result_rows.setdefault(key_of[i], []).append(i)
    rows = []
    for key, positions in by_key.items():
        t = tcol.row(_pick_target(positions, tcol["main"], tcol["horizon"]))
        info = key_info(key)
        row = {
            "key": key, "label": info.label, "indicator": t["indicator"] or t["phrase"],
            "target_year": t["target_year"], "horizon": t["horizon"], "target_mention": t["mention"] or t["phrase"],
            "target_value": t["value"], "target_low": t["low"], "target_high": t["high"],
            "target_unit": t["unit"], "qualifier": t["qualifier"],
            "target_sentence": _sentence_text(previous, t["sentence"]),
            "result_mention": "", "result_value": math.nan, "result_unit": "", "result_sentence": "",
            "margin": math.nan, "verdict": "no result given",
            "rule": "The later report gives no figure for this key for the year reviewed.",
        }
        found = result_rows.get(key)
        if found:
            converted = [convert(values[i], units[i], t["unit"]) for i in found]
            usable = [i for i, c in enumerate(converted) if c is not None]
            r = rcol.row(found[usable[0] if usable else 0])
            row.update(result_mention=r["mention"], result_value=r["value"], result_unit=r["unit"],
                       result_sentence=_sentence_text(current, r["sentence"]))
            same_kind = r["kind"] == t["kind"] or (r["kind"] in info.kinds and t["kind"] in info.kinds)
            if pd.isna(t["value"]):
                row.update(verdict="no figure to compare",
                           rule="The target is written without a figure, so there is no figure to compare.")
            elif t["horizon"] == "plan":
                row.update(verdict="not comparable",
                           rule="The target is a plan's (over several years), the result a single year's.")
            elif not usable or not same_kind:
                row.update(verdict="not comparable",
                           rule=f"The result is in {r['unit'] or r['kind']} and the target in "
                                f"{t['unit'] or t['kind']}: they cannot be set against each other.")
            else:
                value = converted[usable[0]]
                low, high = t["low"], t["high"]
                if t["qualifier"] == "range":
                    bound = low if info.higher_is_better else high
                else:
                    bound = t["value"]
                row["margin"] = round(value - bound, 9)
                row["verdict"], row["rule"] = verdict(key, t["qualifier"], t["value"], value, t["unit"],
                                                      tolerance_points, tolerance_share, low, high)
        elif pd.isna(t["value"]):
            row.update(verdict="no figure to compare",
                       rule="The target is written without a figure, so there is no figure to compare.")
        rows.append(row)
    return rows


def margin_text(margin: float, unit: str) -> str:
    """A margin as a reader says it: ``+0.3 pt`` (percentage points) for %, else the amount
    with 万/亿 and its unit (``−5,000万美元``); ``""`` when there is no margin."""
    if pd.isna(margin):
        return ""
    sign = "+" if margin > 0 else "−" if margin < 0 else "±"
    m = abs(margin)
    if unit == "%":
        return f"{sign}{number(m)} pt"
    for size, name in ((1e8, "亿"), (1e4, "万")):
        if m >= size:
            return f"{sign}{number(m / size)}{name}{unit}"
    return f"{sign}{number(m)}{unit}"


@memo.per_report
def coverage(report) -> pd.DataFrame:
    """One row per key of the key table: what ``report`` gives for its review year (``result``,
    first mention) and plans for its own year (``target``), ``""`` when it says nothing.

    Columns: key, label, main, result, result_sentence, target, target_sentence.
    """
    results, targets = report.results, report.targets
    results = results[results["scope"].isna()]
    targets = targets[targets["scope"].isna() & (targets["horizon"] == "year") & targets["value"].notna()]
    year = report_year(report)
    if year is not None:
        targets = targets[targets["target_year"].isna() | (targets["target_year"] == year)]
    targets = pd.concat([targets[targets["main"]], targets[~targets["main"]]])

    def first(table) -> dict:  # key -> (mention, sentence) of its first row
        table = table.drop_duplicates("key")
        return dict(zip(table["key"], zip(table["mention"], table["sentence"])))

    found_results, found_targets = first(results), first(targets)
    rows = []
    for k in keys():
        r, t = found_results.get(k.key), found_targets.get(k.key)
        rows.append((
            k.key, k.label, k.main,
            r[0] if r else "", _sentence_text(report, r[1]) if r else "",
            t[0] if t else "", _sentence_text(report, t[1]) if t else "",
        ))
    return pd.DataFrame(rows, columns=["key", "label", "main", "result", "result_sentence", "target", "target_sentence"])


def language_changes(previous, current, top: int = 30) -> pd.DataFrame:
    """Numbered slogans (``language.slogans``) and frequent terms found in one report and not the other.

    Columns: ``term``, ``what`` (slogan or term), ``change`` (``gained``: only in ``current``;
    ``dropped``: only in ``previous``), ``count`` (occurrences in the report that has it),
    ``gloss`` (for slogans, from the glossary). A frequent term is one of a report's ``top``
    content terms (``language.term_counts``). A term counts as absent from the other report
    only when its text nowhere holds it (a slogan the other report writes once, unquoted, is
    not "dropped"). Rows: slogans first, gained before dropped, each in order of first
    appearance or of count.
    """
    from . import language

    rows = []
    before, after = language.slogans(previous), language.slogans(current)
    for change, have, other in (("gained", after, previous), ("dropped", before, current)):
        for r in frames.rows(have, index=False):
            if r.term not in other.text:
                rows.append((r.term, "slogan", change, int(r.count), r.gloss))
    slogans = [r[0] for r in rows]
    counts_before = language.term_counts(previous, top=None)
    counts_after = language.term_counts(current, top=None)
    for change, have, other in (("gained", counts_after, previous), ("dropped", counts_before, current)):
        for term, count in have.head(top).items():
            if term not in other.text and not any(term in s or s in term for s in slogans):
                rows.append((term, "term", change, int(count), ""))
    return pd.DataFrame(rows, columns=["term", "what", "change", "count", "gloss"])


def chart(table: pd.DataFrame, *, title: str = "目标与结果 Targets and results", ax=None):
    """Target and result per key as paired dots on one scale per unit, met or missed marked.

    ``table`` is a ``compare`` table. Keys with no result are drawn with the target alone and
    marked 未报告 "no result"; keys in %, and keys in other units, each get a panel, since
    growth rates and amounts share no scale. Returns the matplotlib Axes (the first panel).
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from . import charts

    if table.empty:
        return charts._empty(ax, title, "无可比目标 no target of the earlier report for this year")
    groups = [(unit, rows) for unit, rows in table.groupby("target_unit", sort=False)]
    groups.sort(key=lambda g: g[0] != "%")
    heights = [max(1.6, 0.42 * len(rows) + 1.0) for _, rows in groups]
    fig, axes = plt.subplots(len(groups), 1, figsize=(8, sum(heights)), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    colours = {"met": charts.PALETTE[2], "missed": charts.ACCENT, "no result given": charts.MUTED,
               "not comparable": charts.MUTED}
    marks = {"met": "达成 met", "missed": "未达成 missed", "no result given": "未报告 no result",
             "not comparable": "不可比 not comparable"}
    for (unit, rows), a in zip(groups, axes[:, 0]):
        rows = rows.iloc[::-1]
        scale = 1.0
        shown_unit = unit
        if unit != "%":  # amounts: in 万 or 亿 of the unit, as reports write them
            big = max(abs(rows["target_value"]).max(), abs(rows["result_value"].fillna(0)).max())
            scale, prefix = (1e8, "亿") if big >= 1e8 else (1e4, "万") if big >= 1e4 else (1.0, "")
            shown_unit = prefix + unit
        for y, r in enumerate(frames.rows(rows, index=False)):
            t = r.target_value / scale
            a.scatter([t], [y], marker="|", s=260, color=charts.INK, zorder=3, linewidths=2)
            label = f"{r.target_mention} → {r.result_mention or '—'}  {marks[r.verdict]}"
            if not math.isnan(r.result_value):
                v = convert(r.result_value, r.result_unit, unit)
                if v is not None:
                    v /= scale
                    a.plot([t, v], [y, y], color=colours[r.verdict], linewidth=2, zorder=2)
                    a.scatter([v], [y], s=70, color=colours[r.verdict], zorder=4)
            a.annotate(label, (1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0),
                       textcoords="offset points", va="center", fontsize=8.5, color=colours[r.verdict])
        a.set_yticks(range(len(rows)), list(rows["indicator"].where(rows["indicator"] != "", rows["key"])))
        a.tick_params(axis="y", length=0)
        a.axvline(0, color=charts.MUTED, linewidth=0.6)
        a.set_ylim(-0.7, len(rows) - 0.3)
        a.margins(x=0.15)
        a.xaxis.set_major_formatter(FuncFormatter(lambda x, _: charts.number_format(x)))
        a.set_xlabel(f"{shown_unit}（| 目标 target, ● 结果 result）")
    axes[0, 0].set_title(title)
    return axes[0, 0]


# -- the compare page (notebooks/08_compare.ipynb): tables and computed prose ---------------

def open_reports(report=None, previous=None, date=None, place=None):
    """``(current, previous)`` for the page's parameters: ``report`` (None: the bundled report)
    read with the ``date``/``place`` given, ``previous`` read when given, else None."""
    from ..report import load_report

    extra = {k: v for k, v in (("date", date), ("place", place)) if v is not None}
    current = load_report(report, **extra)
    return current, (load_report(previous) if previous is not None else None)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A ``compare`` table for reading: target and result as written, margin in words, verdict,
    and the two source sentences; indexed by key."""
    out = pd.DataFrame({
        "indicator": table["indicator"],
        "target": [f"{QUALIFIERS.get(q, '')} {m}".strip() for q, m in zip(table["qualifier"], table["target_mention"])],
        "result": table["result_mention"],
        "margin": [margin_text(m, u) for m, u in zip(table["margin"], table["target_unit"])],
        "verdict": table["verdict"],
        "target sentence": table["target_sentence"],
        "result sentence": table["result_sentence"],
    })
    out.index = pd.Index(table["key"], name="key")
    return out


def coverage_chart(report, *, ax=None):
    """The review-year figures in % that ``report`` gives for the common keys, as bars."""
    from . import charts

    res = report.results
    res = res[(res["key"] != "") & (res["unit"] == "%")].drop_duplicates("key")
    year = review_year(report)
    title = (f"{year}年主要指标 Main indicators the report gives for {year}" if year
             else "主要指标 Main indicators the report gives for its review year")
    values = pd.Series(res["value"].to_numpy(), index=[i or k for i, k in zip(res["indicator"], res["key"])])
    return charts.bar(values, title=title, unit="% (增长 growth, 或比率 or rate)", sort=False,
                      value_labels=list(res["mention"]) if len(res) else None)
