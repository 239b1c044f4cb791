"""Helpers shared by the section notebooks: a section's facts, point by point, and its checks.

Everything works from ``report.facts`` and ``report.outline``, so the same calls run on
any report: ``section_facts(report, "1.2")`` is section (二) of part 一 wherever it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..report import Report
from . import checks, frames, language, memo, prose
from .notes import Note, note
from .prose import count, kinds_text, number

#: Columns of the facts tables shown in the notebooks (the source sentence last, to trace every number).
TABLE_COLUMNS = ["id", "mention", "value", "unit", "qualifier", "indicator", "kind", "is_target", "point", "sentence_text"]
YI = prose.YI  # 亿


def node(report: Report, node_id: str) -> pd.Series:
    """``report.node(node_id)`` (the outline row of ``node_id``), looked up once per report."""
    cache = memo.cache(report)
    if "nodes" not in cache:
        cache["nodes"] = {r["id"]: r for _, r in report.outline.iterrows()}
    found = cache["nodes"].get(node_id)
    return found if found is not None else report.node(node_id)  # report.node names the ids there are


@memo.per_report
def node_facts(report: Report, node_id: str) -> pd.DataFrame:
    """The facts whose mention lies inside the span of outline node ``node_id``."""
    node_row = node(report, node_id)
    f = report.facts
    return f[(f["start"] >= node_row["start"]) & (f["end"] <= node_row["end"])]


def point_of(report: Report, section_ids: pd.Series) -> pd.Series:
    """For each deepest-node id, the point it belongs to, or "" between points."""
    levels = memo.outline_by_id(report)["level"]
    return section_ids.map(lambda i: i if levels.get(i) == "point" else "")


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
    (made once per report and section: ``memo.per_report``)."""
    return facts_table(report, node_facts(report, section_id))


@memo.per_report
def points(report: Report, section_id: str) -> pd.DataFrame:
    """The point nodes of a section, in order."""
    o = report.outline
    return o[(o["level"] == "point") & (o["parent"] == section_id)].reset_index(drop=True)


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


def reading(facts: pd.DataFrame) -> str:
    """One sentence that reads a point's facts: how many, of which kinds, and the figures themselves."""
    if facts.empty:
        return "No figure: this point is a claim without a number."
    figures = [figure_text(row) for row in frames.rows(facts)]
    shown = "; ".join(figures[:6]) + ("; …" if len(figures) > 6 else "")
    targets = int(facts["is_target"].sum())
    tail = f"; {targets} of them {'a target' if targets == 1 else 'targets'}" if targets else ""
    return f"{count(len(facts), 'figure')} ({kinds_text(facts['kind'].value_counts())}{tail}): {shown}."


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
    rows = table.groupby("point", sort=False).indices  # point id -> positions of its facts, in order
    empty = table.iloc[:0]

    def of(point_id: str) -> pd.DataFrame:
        return table.iloc[rows[point_id]].reset_index(drop=True) if point_id in rows else empty

    out = []
    p = points(report, section_id)
    for point_id, title in zip(p["id"], p["title"]):
        f = of(point_id)
        out.append(PointFacts(point_id, title, f, reading(f)))
    rest = of("")
    if not rest.empty or not out:
        title = "(outside the points)" if out else "(the whole text: no point is found in it)"
        out.append(PointFacts(section_id, title, rest, reading(rest)))
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
    f = node_facts(report, section_id)
    changes = f[(f["kind"] == "change") & (f["unit"] == "%")]
    rows = []
    for c in frames.rows(changes):
        same = f[(f["sentence"] == c.sentence) & (f["kind"] == "measure") & (f["indicator"] == c.indicator)]
        level = same.iloc[0] if len(same) else None
        if level is not None and checks.at_constant_prices(c.indicator, c.unit, level["unit"]):
            level = None  # real growth on a nominal level: no base (checks.at_constant_prices)
        base = level["value"] / (1 + c.value / 100) if level is not None else float("nan")
        rows.append(
            {
                "indicator": c.indicator,
                "change": c.mention,
                "change_pct": c.value,
                "level": level["mention"] if level is not None else "",
                "level_value": level["value"] if level is not None else float("nan"),
                "unit": level["unit"] if level is not None else "",
                "implied_base": base,
                "fact": c.id,
            }
        )
    columns = ["indicator", "change", "change_pct", "level", "level_value", "unit", "implied_base", "fact"]
    return pd.DataFrame(rows, columns=columns)


def _runs(report: Report, facts: pd.DataFrame) -> list[list]:
    """The runs of ``enumerations``, each a list of fact rows (itertuples) in text order."""
    f = facts.sort_values("start")
    runs, current = [], []
    for row in frames.rows(f):
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


def enumerations(report: Report, facts: pd.DataFrame) -> pd.DataFrame:
    """Runs of figures of one unit written one after another with 、 (161%、164%): one row per run.

    Figures of different units (改造小区120个、3万户) are two measures of one thing, no list.
    In a "respectively" list each figure must have its own indicator, so ``values`` should
    equal ``indicators``; ``check_figures`` notes a list where they differ.
    """
    return pd.DataFrame(
        [
            {
                "mentions": "、".join(r.mention for r in run),
                "values": len(run),
                "indicators": len({r.indicator for r in run}),
                "names": " / ".join(r.indicator for r in run),
            }
            for run in _runs(report, facts)
        ],
        columns=["mentions", "values", "indicators", "names"],
    )


def check_figures(report: Report, facts: pd.DataFrame, section_id: str) -> list[Note]:
    """The checks a section page makes in the open, as notes (``govreport.analysis.notes``).

    Every figure of ``facts`` (``section_facts`` rows) lies inside its point (or, outside
    every point, inside the section ``section_id``) and ``read_span(start, end)`` is its
    mention; every value of a 、-list (``enumerations``) has its own indicator. One note per
    failure, with the sentence; an empty list when every check holds.
    """
    out = []
    o, f = report.outline, report.facts
    nodes = dict(zip(o["id"], zip(o["start"].tolist(), o["end"].tolist())))
    spans = dict(zip(f["id"].tolist(), zip(f["start"].tolist(), f["end"].tolist())))
    for fact in frames.rows(facts):
        where = fact.point or section_id
        lo, hi = nodes[where]
        start, end = spans[fact.id]
        if not lo <= start < end <= hi:
            out.append(note("figure inside its span", f"{fact.mention} lies outside {where}", fact.sentence_text))
        read = report.read_span(start, end)
        if read != fact.mention:
            out.append(note("figure at its offsets", f"{fact.mention} is not the text at its offsets ({read})", fact.sentence_text))
    for run in _runs(report, node_facts(report, section_id)):
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
    table = section_facts(report, section_id)
    counts = table["point"].value_counts()
    p = points(report, section_id)
    return pd.Series(
        [int(counts.get(i, 0)) for i in p["id"]],
        index=[f"{i} {t}" for i, t in zip(p["id"], p["title"])],
        name="figures",
    )


@memo.per_report
def durations(report: Report, section_id: str) -> pd.DataFrame:
    """Counts of days that run from a date given in the same sentence (自去年2月16日以来连续372天).

    Columns: ``indicator, days, since, until`` (since + days), ``report_date`` and
    ``days_before_report`` (how many days before the report's date the count ends; negative if after).
    """
    f = node_facts(report, section_id)
    days = f[(f["kind"].isin(["measure", "change"])) & (f["unit"] == "天")]
    dates = report.dates
    rows = []
    for d in frames.rows(days):
        sentence = report.sentences.iloc[d.sentence]
        inside = dates[(dates["start"] >= sentence["start"]) & (dates["end"] <= d.start)]
        full = inside[inside["date"].str.len() == 10]
        if full.empty:
            continue
        since = pd.Timestamp(full.iloc[-1]["date"])
        until = since + pd.Timedelta(days=int(d.value))
        rdate = report.meta.get("date")
        rows.append(
            {
                "indicator": d.indicator,
                "days": int(d.value),
                "since": since.date().isoformat(),
                "until": until.date().isoformat(),
                "report_date": rdate,
                "days_before_report": (pd.Timestamp(rdate) - until).days if rdate else None,
            }
        )
    return pd.DataFrame(rows, columns=["indicator", "days", "since", "until", "report_date", "days_before_report"])


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
    lo, hi = node(report, section_id)[["start", "end"]]
    s = language.slogans(report)
    starts = [[x for x in xs if lo <= x < hi] for xs in s["starts"]]
    inside = [i for i, xs in enumerate(starts) if xs]
    starts = [starts[i] for i in inside]
    out = s.iloc[inside].reset_index(drop=True)
    out = out.assign(report_count=out["count"], starts=pd.Series(starts, index=out.index, dtype=object),
                     count=[len(xs) for xs in starts])
    text = report.text
    out["quoted"] = [
        sum(1 for x in xs if language.is_quoted(text, x, x + len(t)))
        for t, xs in zip(out["term"], out["starts"])
    ]
    return out.astype({"count": int, "quoted": int})


def section_id(report: Report, value) -> str:
    """The outline id meant by a ``SECTION`` parameter: a string as given ("1.2", "3"), an int
    as a part (3 -> "3"), a float as papermill passes ``-p SECTION 3.2`` (3.2 -> "3.2").

    A float loses trailing zeros: 1.10 arrives as 1.1. When the report has both "1.1" and
    "1.10" (or "1.100") the float is ambiguous and is rejected with a message that says to
    pass the id as a string. Anything that names no node of the outline (other than the
    preamble) is rejected with the list of ids there are.
    """
    ids = [i for i in report.outline["id"] if i != "0"]
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
    m = facts[facts["kind"] == "measure"]
    ranked = m.sort_values("value", ascending=False, kind="stable")  # one sort: each group keeps this order
    rows = ranked.groupby("unit", sort=False).indices
    units = [u for u in dict.fromkeys(m["unit"]) if u in rows]  # in order of first appearance
    return {u: ranked.iloc[rows[u]] for u in sorted(units, key=lambda u: -len(rows[u]))}


def changes_by_unit(facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The section's changes against an earlier period, grouped by unit (one chart axis each)."""
    c = facts[facts["kind"] == "change"]
    return {unit: g for unit, g in c.groupby("unit", sort=False)}


def targets(facts: pd.DataFrame) -> pd.DataFrame:
    """The figures of ``facts`` that are targets (``is_target``): planned or expected, not results."""
    return facts[facts["is_target"].astype(bool)].reset_index(drop=True)
