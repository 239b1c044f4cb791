"""Helpers shared by the section notebooks: a section's facts, point by point, and its checks.

Everything works from ``report.facts`` and ``report.outline``, so the same calls run on
any report: ``section_facts(report, "1.2")`` is section (二) of part 一 wherever it is.
The questions about one section are answered from the report's ``fact_index`` (plain lists
made once per report); the tables returned are built from it at the end.
"""

from __future__ import annotations

import math
from collections import namedtuple
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..report import Report
from . import checks, fact_index, language, memo, prose
from .notes import Note, note
from .prose import count, kinds_text, number

#: Columns of the facts tables shown in the notebooks (the source sentence last, to trace every number).
TABLE_COLUMNS = ["id", "mention", "value", "unit", "qualifier", "indicator", "kind", "is_target", "point", "sentence_text"]
YI = prose.YI  # 亿


def positions(report: Report, node_id: str) -> list[int]:
    """Row positions in ``report.facts`` of the facts of ``node_facts(report, node_id)``
    (``fact_index``: shared, never change it); KeyError naming the ids for an unknown node."""
    index = fact_index.of(report)
    if node_id not in index.nodes:
        report.node(node_id)  # raises, naming the ids there are
    return index.positions(node_id)


@memo.per_report
def node_facts(report: Report, node_id: str) -> pd.DataFrame:
    """The facts whose mention lies inside the span of outline node ``node_id``."""
    return fact_index.rows_at(report.facts, positions(report, node_id))


def point_of(report: Report, section_ids: pd.Series) -> pd.Series:
    """For each deepest-node id, the point it belongs to, or "" between points."""
    nodes = memo.outline_nodes(report)
    return section_ids.map(lambda i: i if i in nodes and nodes[i]["level"] == "point" else "")


def facts_table(report: Report, facts: pd.DataFrame) -> pd.DataFrame:
    """Facts with their point and source sentence, for display: every number traced to its sentence."""
    table = facts.assign(
        point=point_of(report, facts["section"]),
        sentence_text=facts["sentence"].map(report.sentence_text),
    )
    extra = [c for c in ("target_year",) if c in table.columns]  # the year a target is for, when the engine gives it
    return table[TABLE_COLUMNS[:-1] + extra + TABLE_COLUMNS[-1:]].reset_index(drop=True)


@memo.per_report
def section_facts(report: Report, section_id: str) -> pd.DataFrame:
    """All facts of a section (its points and the text between them), as a display table
    (made once per report and section: ``memo.per_report``): the rows of the section from
    the display table of all the report's facts (made once per report)."""
    rows = positions(report, section_id)
    cache = memo.cache(report)
    if not rows:  # the same empty table for every node without a fact
        if "sections.no_facts" not in cache:
            cache["sections.no_facts"] = facts_table(report, node_facts(report, section_id))
        return cache["sections.no_facts"]
    if "sections.all_facts" not in cache:
        cache["sections.all_facts"] = facts_table(report, report.facts)
    return fact_index.rows_at(cache["sections.all_facts"], rows).reset_index(drop=True)


@memo.per_report
def points(report: Report, section_id: str) -> pd.DataFrame:
    """The point nodes of a section, in order."""
    return fact_index.rows_at(report.outline, fact_index.of(report).point_rows(section_id)).reset_index(drop=True)


def amount(value: float, unit: str) -> str:
    """A value written for reading: 1.847e10 元 -> '184.7亿元' (``prose.reading``), 200000 名 -> '200,000名'."""
    if unit == "元":
        return prose.reading(value, unit)
    return number(value) + unit


def figure_text(row) -> str:
    """A fact as read: the mention as written, with the sign spelled out for changes (PM2.5浓度 −11.1%)."""
    if row.kind == "change":
        sign = "+" if row.value > 0 else "−" if row.value < 0 else "±"
        return f"{row.indicator} {sign}{amount(abs(row.value), row.unit)}"
    return f"{row.indicator} {row.mention}"


def kind_counts(kinds: list) -> dict:
    """``{kind: n}`` as ``Series.value_counts`` gives it: most frequent first, ties in order of
    first appearance, missing kinds left out (``prose.kinds_text`` reads it)."""
    counts: dict = {}
    for k in kinds:
        if k == k and k is not None:  # value_counts drops NaN and None
            counts[k] = counts.get(k, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


#: A fact as ``figure_text`` reads it.
Figure = namedtuple("Figure", "kind value unit indicator mention")
NO_FIGURE = "No figure: this point is a claim without a number."


def read_figures(figures: list, targets: int) -> str:
    """``reading`` of facts given as ``Figure`` tuples, ``targets`` of them targets."""
    if not figures:
        return NO_FIGURE
    texts = [figure_text(f) for f in figures]
    shown = "; ".join(texts[:6]) + ("; …" if len(texts) > 6 else "")
    tail = f"; {targets} of them {'a target' if targets == 1 else 'targets'}" if targets else ""
    return f"{count(len(figures), 'figure')} ({kinds_text(kind_counts([f.kind for f in figures]))}{tail}): {shown}."


def reading(facts: pd.DataFrame) -> str:
    """One sentence that reads a point's facts: how many, of which kinds, and the figures themselves."""
    if facts.empty:
        return NO_FIGURE
    columns = [facts[c].tolist() for c in Figure._fields]
    return read_figures(list(map(Figure._make, zip(*columns))), int(facts["is_target"].sum()))


@dataclass
class PointFacts:
    id: str
    title: str
    facts: pd.DataFrame
    reading: str


def walk(report: Report, section_id: str) -> list[PointFacts]:
    """The section point by point: each point's facts table and a one-sentence reading.

    Facts of the section that lie outside every point (its introduction, or a closing
    paragraph) come last, under the section's own id, so that no fact is left out.
    """
    table = section_facts(report, section_id)
    index = fact_index.of(report)
    rows: dict[str, list[int]] = {}  # point id -> positions of its facts in ``table``, in order
    where = positions(report, section_id)
    for k, p in enumerate(where):
        rows.setdefault(index.point(p), []).append(k)
    empty = table.iloc[:0]
    cols = [index.col(c) for c in Figure._fields]
    target = index.col("is_target")

    def of(point_id: str) -> tuple[pd.DataFrame, str]:
        if point_id not in rows:
            return empty, NO_FIGURE
        at = [where[k] for k in rows[point_id]]
        figures = [Figure(*(c[p] for c in cols)) for p in at]
        text = read_figures(figures, int(sum(target[p] for p in at)))
        return fact_index.rows_at(table, rows[point_id]).reset_index(drop=True), text

    out = []
    for point_id, title in index.points(section_id):
        out.append(PointFacts(point_id, title, *of(point_id)))
    rest, text = of("")
    if not rest.empty or not out:
        title = "(outside the points)" if out else "(the whole text: no point is found in it)"
        out.append(PointFacts(section_id, title, rest, text))
    return out


def show_walk(report: Report, section_id: str, columns: list[str] | None = None) -> None:
    """Display ``walk()`` in a notebook: a heading, the reading and the facts table per point.

    Titles and readings come from the report, so they are escaped (report text is data,
    never markup); a point without a figure gets its reading and no empty table.
    """
    from IPython.display import Markdown, display

    from . import tables
    from .prose import md_escape

    columns = columns or ["mention", "value", "unit", "qualifier", "indicator", "sentence_text"]
    for p in walk(report, section_id):
        display(Markdown(f"**{md_escape(p.id)} {md_escape(p.title)}**: {md_escape(p.reading)}"))
        if not p.facts.empty:
            from .charts import number_format

            tables.show(p.facts.assign(value=p.facts["value"].map(number_format))[columns], empty=None)


def by_unit(facts: pd.DataFrame, units: list[str], kind: str = "measure") -> pd.DataFrame:
    """Facts of one kind whose unit is one of ``units``."""
    return facts[(facts["kind"] == kind) & facts["unit"].isin(units)]


def money(facts: pd.DataFrame) -> pd.Series:
    """Amounts of money (measures in 元) in 亿元, indexed by indicator."""
    m = by_unit(facts, ["元"])
    return pd.Series((m["value"] / YI).round(4).values, index=m["indicator"].values, name="亿元")


@memo.per_report
def points_without_figures(report: Report, section_id: str) -> pd.DataFrame:
    """Points of a section that state their claim with no figure at all."""
    table = section_facts(report, section_id)
    p = points(report, section_id)
    return p[~p["id"].isin(table["point"])][["id", "title"]].reset_index(drop=True)


@memo.per_report
def changes_with_base(report: Report, section_id: str) -> pd.DataFrame:
    """Each percentage change of the section, with the level it applies to when the report gives one.

    When a measure of the same indicator stands in the same sentence (184.7亿元, 同比增长183.1%),
    the earlier level follows: base = level / (1 + change/100). Changes given without any level
    (PM2.5浓度下降11.1%) get no base: the report does not say from what; nor does growth of
    GDP or value added, which is at constant prices while its level is at current prices
    (``checks.at_constant_prices``). ``fact`` is the
    change's id in ``report.facts``.
    """
    columns = ["indicator", "change", "change_pct", "level", "level_value", "unit", "implied_base", "fact"]
    return pd.DataFrame(_changes_with_base(report, section_id), columns=columns)


def _changes_with_base(report: Report, section_id: str) -> list[dict]:
    """The rows of ``changes_with_base``, made once per report and section (shared: read them only)."""
    cache = memo.cache(report).setdefault("sections.changes_with_base", {})
    if section_id in cache:
        return cache[section_id]
    index = fact_index.of(report)
    kind, unit, sentence, indicator = (index.col(c) for c in ("kind", "unit", "sentence", "indicator"))
    value, mention, ids = index.col("value"), index.col("mention"), index.col("id")
    where = positions(report, section_id)
    rows = []
    for c in where:
        if kind[c] != "change" or unit[c] != "%":
            continue
        level = next((p for p in where if sentence[p] == sentence[c] and kind[p] == "measure" and indicator[p] == indicator[c]), None)
        if level is not None and checks.at_constant_prices(indicator[c], unit[c], unit[level]):
            level = None  # real growth on a nominal level: no base (checks.at_constant_prices)
        base = value[level] / (1 + value[c] / 100) if level is not None else float("nan")
        rows.append(
            {
                "indicator": indicator[c],
                "change": mention[c],
                "change_pct": value[c],
                "level": mention[level] if level is not None else "",
                "level_value": value[level] if level is not None else float("nan"),
                "unit": unit[level] if level is not None else "",
                "implied_base": base,
                "fact": ids[c],
            }
        )
    cache[section_id] = rows
    return rows


#: The columns ``_runs`` reads.
RUN_COLUMNS = ("start", "end", "sentence", "unit", "mention", "indicator")
Run = namedtuple("Run", RUN_COLUMNS)


def _runs(report: Report, facts) -> list[list]:
    """The runs of ``enumerations``, each a list of ``Run`` rows in text order. ``facts`` is a
    facts table, or a list of ``Run`` rows (in table order)."""
    if isinstance(facts, pd.DataFrame):
        facts = list(map(Run._make, zip(*(facts[c].tolist() for c in RUN_COLUMNS))))
    if not facts:
        return []
    order = np.asarray([r.start for r in facts]).argsort(kind="quicksort")  # as sort_values("start")
    runs, current = [], []
    for k in order.tolist():
        row = facts[k]
        prev = current[-1] if current else None
        if prev and report.read_span(prev.end, row.start) == "、" and row.sentence == prev.sentence and row.unit == prev.unit:
            current.append(row)
        else:
            if len(current) > 1:
                runs.append(current)
            current = [row]
    if len(current) > 1:
        runs.append(current)
    return runs


def _node_runs(report: Report, node_id: str) -> list[list]:
    """``_runs`` of the facts of ``node_id`` (``node_facts``), from the report's index."""
    index = fact_index.of(report)
    cols = [index.col(c) for c in RUN_COLUMNS]
    return _runs(report, [Run(*(c[p] for c in cols)) for p in positions(report, node_id)])


def enumerations(report: Report, facts: pd.DataFrame) -> pd.DataFrame:
    """Runs of figures of one unit written one after another with 、 (161%、164%): one row per run.

    Figures of different units (改造小区120个、3万户) are two measures of one thing, no list.
    In a "respectively" list each figure must have its own indicator, so ``values`` should
    equal ``indicators``; ``check_figures`` notes a list where they differ.
    """
    runs = _runs(report, facts)
    columns = ["mentions", "values", "indicators", "names"]
    if not runs:
        return memo.once("sections.no_enumerations", lambda: pd.DataFrame([], columns=columns))
    return pd.DataFrame(
        [
            {
                "mentions": "、".join(r.mention for r in run),
                "values": len(run),
                "indicators": len({r.indicator for r in run}),
                "names": " / ".join(r.indicator for r in run),
            }
            for run in runs
        ],
        columns=columns,
    )


def check_figures(report: Report, facts: pd.DataFrame, section_id: str) -> list[Note]:
    """The checks a section page makes in the open, as notes (``govreport.analysis.notes``).

    Every figure of ``facts`` (``section_facts`` rows) lies inside its point (or, outside
    every point, inside the section ``section_id``) and ``read_span(start, end)`` is its
    mention; every value of a 、-list (``enumerations``) has its own indicator. One note per
    failure, with the sentence; an empty list when every check holds.
    """
    out = []
    index = fact_index.of(report)
    nodes, spans = index.nodes, index.spans()
    columns = (facts[c].tolist() for c in ("id", "point", "mention", "sentence_text"))
    for fact_id, point, mention, sentence_text in zip(*columns):
        where = point or section_id
        lo, hi = nodes[where]["start"], nodes[where]["end"]
        start, end = spans[fact_id]
        if not lo <= start < end <= hi:
            out.append(note("figure inside its span", f"{mention} lies outside {where}", sentence_text))
        read = report.read_span(start, end)
        if read != mention:
            out.append(note("figure at its offsets", f"{mention} is not the text at its offsets ({read})", sentence_text))
    for run in _node_runs(report, section_id):
        names = [r.indicator for r in run]
        if len(set(names)) < len(run):
            shared = prose.join(dict.fromkeys(f"“{n}”" if n else "no indicator" for n in names))
            message = f"the {len(run)} values {'、'.join(r.mention for r in run)} are read with {shared}, not one indicator each"
            out.append(note("、-list", message, report.sentence_text(run[0].sentence)))
    return out


def pick(facts: pd.DataFrame, indicators: list[str], kind: str | None = None) -> pd.DataFrame:
    """The facts of the given indicators, in the order asked; indicators the section lacks are skipped."""
    f = facts if kind is None else facts[facts["kind"] == kind]
    rows = [f[f["indicator"] == name] for name in indicators]
    rows = [r for r in rows if not r.empty]
    if not rows:
        return f.iloc[0:0]
    return pd.concat(rows)


@memo.per_report
def figures_per_point(report: Report, section_id: str) -> pd.Series:
    """Number of facts in each point of the section (0 for a claim made without a figure)."""
    counts = point_counts(report, section_id)
    p = fact_index.of(report).points(section_id)
    return pd.Series([counts.get(i, 0) for i, _ in p], index=[f"{i} {t}" for i, t in p], name="figures")


def point_counts(report: Report, section_id: str) -> dict[str, int]:
    """How many facts of the section lie in each point (``""``: outside every point)."""
    index = fact_index.of(report)
    counts: dict[str, int] = {}
    for p in positions(report, section_id):
        counts[index.point(p)] = counts.get(index.point(p), 0) + 1
    return counts


@memo.per_report
def durations(report: Report, section_id: str) -> pd.DataFrame:
    """Counts of days that run from a date given in the same sentence (自去年2月16日以来连续372天).

    Columns: ``indicator, days, since, until`` (since + days), ``report_date`` and
    ``days_before_report`` (how many days before the report's date the count ends; negative if after).
    """
    index = fact_index.of(report)
    kind, unit, sentence, start, value, indicator = (
        index.col(c) for c in ("kind", "unit", "sentence", "start", "value", "indicator")
    )
    days = [p for p in positions(report, section_id) if kind[p] in ("measure", "change") and unit[p] == "天"]
    rows = []
    for d in days:
        dates = report.dates
        inside = dates[(dates["start"] >= int(report.sentence_starts[sentence[d]])) & (dates["end"] <= start[d])]
        full = inside[inside["date"].str.len() == 10]
        if full.empty:
            continue
        since = pd.Timestamp(full.iloc[-1]["date"])
        until = since + pd.Timedelta(days=int(value[d]))
        rdate = report.meta.get("date")
        rows.append(
            {
                "indicator": indicator[d],
                "days": int(value[d]),
                "since": since.date().isoformat(),
                "until": until.date().isoformat(),
                "report_date": rdate,
                "days_before_report": (pd.Timestamp(rdate) - until).days if rdate else None,
            }
        )
    columns = ["indicator", "days", "since", "until", "report_date", "days_before_report"]
    if not rows:
        return memo.once("sections.no_durations", lambda: pd.DataFrame([], columns=columns))
    return pd.DataFrame(rows, columns=columns)


LEVEL_PREFIXES = (("国家", "national 国家级"), ("全国", "national 国家级"), ("中国", "national 国家级"),
                  ("省", "provincial 省级"), ("全省", "provincial 省级"))


def level_of(indicator: str) -> str:
    """The administrative level an indicator names by its first characters: 国家… national, 省… provincial."""
    for prefix, level in LEVEL_PREFIXES:
        if indicator.startswith(prefix):
            return level
    return ""


def by_level(facts: pd.DataFrame) -> pd.DataFrame:
    """Counted measures (家, 个, 项) whose indicator names a national or provincial level."""
    f = by_unit(facts, ["家", "个", "项"])
    f = f.assign(level=f["indicator"].map(level_of))
    return f[f["level"] != ""][["indicator", "value", "unit", "mention", "level"]].reset_index(drop=True)


@memo.per_report
def slogans(report: Report, section_id: str) -> pd.DataFrame:
    """The numbered slogans (see ``language.slogans``) that occur in a section or its points,
    counted within the section.

    Columns as ``language.slogans``, with ``count`` and ``quoted`` counting the occurrences
    inside the section's span only (``starts`` likewise), and ``report_count`` the whole report's.
    """
    s = _report_slogans(report)[0]
    inside, starts = _slogans_inside(report, section_id)
    cache = memo.cache(report)
    if not inside and "sections.no_slogans" in cache:  # the same empty table for every section without one
        return cache["sections.no_slogans"]
    out = s.iloc[inside].reset_index(drop=True)
    out = out.assign(report_count=out["count"], starts=pd.Series(starts, index=out.index, dtype=object),
                     count=[len(xs) for xs in starts])
    text = report.text
    out["quoted"] = [
        sum(1 for x in xs if language.is_quoted(text, x, x + len(t)))
        for t, xs in zip(out["term"], out["starts"])
    ]
    if not inside:
        cache["sections.no_slogans"] = out = out.astype({"count": int, "quoted": int})
    return out  # count and quoted: Python ints, so int64 already when there are rows


def _report_slogans(report: Report) -> tuple:
    """``language.slogans(report)`` and its ``term``, ``gloss``, ``starts`` and ``count`` as lists,
    once per report (shared: read them only)."""
    cache = memo.cache(report)
    if "sections.slogans" not in cache:
        s = language.slogans(report)
        columns = (s["term"].tolist(), s["gloss"].tolist(), [list(xs) for xs in s["starts"]], s["count"].tolist())
        cache["sections.slogans"] = (s, *columns)
    return cache["sections.slogans"]


def _slogans_inside(report: Report, section_id: str) -> tuple[list[int], list[list[int]]]:
    """The rows of ``language.slogans`` that occur in the section, and their starts there."""
    index = fact_index.of(report)
    if section_id not in index.nodes:
        report.node(section_id)  # raises, naming the ids there are
    lo, hi = index.nodes[section_id]["start"], index.nodes[section_id]["end"]
    inside, starts = [], []
    for i, xs in enumerate(_report_slogans(report)[3]):
        here = [x for x in xs if lo <= x < hi]
        if here:
            inside.append(i)
            starts.append(here)
    return inside, starts


def slogans_in(report: Report, section_id: str) -> list[tuple[str, str, int, int]]:
    """``(term, gloss, count here, count in the report)`` of each numbered slogan of the
    section, in the order of ``slogans`` (plain values, for the page's sentence)."""
    _, terms, glosses, _, counts = _report_slogans(report)
    inside, starts = _slogans_inside(report, section_id)
    return [(terms[i], glosses[i], len(xs), counts[i]) for i, xs in zip(inside, starts)]


def section_id(report: Report, value) -> str:
    """The outline id meant by a ``SECTION`` parameter: a string as given ("1.2", "3"), an int
    as a part (3 -> "3"), a float as papermill passes ``-p SECTION 3.2`` (3.2 -> "3.2").

    A float loses trailing zeros: 1.10 arrives as 1.1. When the report has both "1.1" and
    "1.10" (or "1.100") the float is ambiguous and is rejected with a message that says to
    pass the id as a string. Anything that names no node of the outline (other than the
    preamble) is rejected with the list of ids there are.
    """
    ids = [i for i in fact_index.of(report).ids if i != "0"]
    how = "pass it as a string: papermill -p SECTION '\"1.10\"' or -r SECTION 1.10"
    if isinstance(value, bool) or value is None:
        raise ValueError(f"SECTION must be an outline id such as \"1.2\", not {value!r}; {how}")
    if isinstance(value, int):
        sid = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"SECTION {value!r} is not an outline id; {how}")
        sid = repr(value)
        if sid.endswith(".0"):
            sid = sid[:-2]
        longer = [i for i in ids if i != sid and i.startswith(sid) and set(i[len(sid):]) == {"0"}]
        if longer:
            raise ValueError(
                f"SECTION {value!r} is ambiguous: a number loses its trailing zeros, and "
                f"{report.meta['file']} has {', '.join([sid] + longer) if sid in ids else ', '.join(longer)}; {how}"
            )
    elif isinstance(value, str):
        sid = value.strip()
    else:
        raise ValueError(f"SECTION must be an outline id such as \"1.2\", not {type(value).__name__} {value!r}")
    if sid not in ids:
        raise ValueError(f"{report.meta['file']} has no outline node {sid!r}; its ids are {', '.join(ids)}")
    return sid


def measures_by_unit(facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The section's amounts and counts (``kind == "measure"``) grouped by unit, each group
    largest first; units with the most figures first (ties in order of first appearance)."""
    m, order, groups = _ranked_measures(*(facts[c].tolist() for c in ("kind", "value", "unit")))
    # The index each group keeps: the rows' labels as the selection, the sort and the
    # grouping leave them (``_split``).
    ranked_index = facts.index.take(m).take(order)
    return _split(facts, [(u, [m[order[r]] for r in rows], ranked_index.take(rows)) for u, rows in groups])


def measure_groups(report: Report, node_id: str) -> list[tuple[str, list[int]]]:
    """``measures_by_unit`` of ``node_facts(report, node_id)`` as plain values: ``(unit, row
    positions in report.facts)`` per group, in the same order."""
    where = positions(report, node_id)
    index = fact_index.of(report)
    m, order, groups = _ranked_measures(*([index.col(c)[p] for p in where] for c in ("kind", "value", "unit")))
    return [(u, [where[m[order[r]]] for r in rows]) for u, rows in groups]


def _ranked_measures(kind: list, value: list, unit: list) -> tuple[list[int], list[int], list]:
    """The rule of ``measures_by_unit`` on plain columns: ``m``, the positions of the measures;
    ``order``, positions in ``m`` largest value first (ties in table order, NaN last: a stable
    sort); ``groups``, ``(unit, positions in order)`` with the units that have the most figures
    first, ties in order of first appearance (a missing unit forms no group)."""
    m = [i for i, k in enumerate(kind) if k == "measure"]
    values = [value[i] for i in m]
    order = sorted((j for j, v in enumerate(values) if v == v), key=lambda j: -values[j])
    order += [j for j, v in enumerate(values) if v != v]
    rows: dict = {}
    for r, j in enumerate(order):
        u = unit[m[j]]
        if u == u and u is not None:
            rows.setdefault(u, []).append(r)
    units = [u for u in dict.fromkeys(unit[i] for i in m) if u in rows]
    units.sort(key=lambda u: -len(rows[u]))
    return m, order, [(u, rows[u]) for u in units]


def _split(facts: pd.DataFrame, groups: list) -> dict[str, pd.DataFrame]:
    """``{key: rows of facts}`` from ``(key, row positions, index)`` per group: one take of all
    the rows, then a slice per group, with the index given."""
    if not groups:
        return {}
    out, a = {}, 0
    table = fact_index.rows_at(facts, [p for _, rows, _ in groups for p in rows])
    for key, rows, index in groups:
        part = table.iloc[a : a + len(rows)]
        part.index = index
        out[key] = part
        a += len(rows)
    return out


def changes_by_unit(facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The section's changes against an earlier period, grouped by unit (one chart axis each):
    units in order of first appearance, rows in table order (as ``groupby(sort=False)``)."""
    kind, unit = facts["kind"].tolist(), facts["unit"].tolist()
    c = [i for i, k in enumerate(kind) if k == "change"]
    groups: dict = {}  # unit -> positions in c
    for j, i in enumerate(c):
        if unit[i] == unit[i] and unit[i] is not None:
            groups.setdefault(unit[i], []).append(j)
    index = facts.index.take(c).take([j for rows in groups.values() for j in rows])
    out, a = [], 0
    for u, rows in groups.items():
        out.append((u, [c[j] for j in rows], index[a : a + len(rows)]))
        a += len(rows)
    return _split(facts, out)


def targets(facts: pd.DataFrame) -> pd.DataFrame:
    """The figures of ``facts`` that are targets (``is_target``): planned or expected, not results."""
    keep = np.flatnonzero(facts["is_target"].astype(bool).to_numpy()).tolist()
    return fact_index.rows_at(facts, keep).reset_index(drop=True)


def node_row(report: Report, node_id: str) -> dict:
    """The outline row of ``node_id`` as a dict (``fact_index``: shared, read it only);
    KeyError naming the ids for an unknown node."""
    index = fact_index.of(report)
    if node_id not in index.nodes:
        report.node(node_id)  # raises, naming the ids there are
    return index.nodes[node_id]


#: The columns of a fact that ``prose.figure`` reads.
FIGURE_COLUMNS = ("mention", "value", "unit", "kind", "qualifier", "indicator")


def fact_record(report: Report, position: int) -> dict:
    """The fact at row ``position`` of ``report.facts``, as ``prose.figure`` reads it."""
    index = fact_index.of(report)
    return {c: index.col(c)[position] for c in FIGURE_COLUMNS}
