"""Targets: which figures are planned or expected, for which year, in which statement.

The fact engine (``engine``) finds the facts; this module fills three of their columns:

- ``is_target``: the figure is planned or expected. A clause of a statement sets the state:

  1. A **list cue** (``今年的主要预期目标是：``) makes every figure from the cue to the end
     of its statement a target, however many ``；`` the list runs over. The statement of a
     list runs on to the end of its paragraph (items may end in 。), up to a sentence that
     comments on the list (``list_end``: 上述目标…), sets a target of its own (a cue) or
     reports the past.
  2. A **past** clause (去年, 过去, 已, 完成了, an earlier year …) reports results: not targets.
     Comparisons are taken out first: ``比去年减少0.2个百分点`` is neither past nor a year.
  3. A **cue** (力争, 计划, 拟, 目标是 …; 确保 and 控制在 outside review parts, where they
     report results; 安排 with the report's year or a later one in its statement) sets a
     target, anywhere in the report.
  4. A clause naming the report's year or a later one (``到2030年``, ``"十五五"时期``, 今年)
     sets a target in a plan part or a mixed part.

  5. A figure right after 现行 (``in_force``: 行业现行16%的税率) is a rate in force, and one
     right after 可在 / 可按 (``allowance``: 各县可在2%以内调整) a room allowed: never a
     target, whatever the state. So is a share or rate in % with no indicator whose clause
     holds only cue words, links and directions before it (``names_nothing``: 保持6%的增长,
     继续保持在5%以上): a verb without a subject. These stay facts.

  A statement starts in the state of its part: a target in a **plan part** (a part whose
  title names the report's year or a later one, or says 安排, 任务, 目标, 要求, 政策取向 …,
  and not 回顾, 过去, 成就, 成效 …, or a part that says neither after a plan or a review
  part), not a target elsewhere. In a **mixed part** (a title that
  names both a review and a plan: ``"十四五"成就和"十五五"目标``) a statement continues the
  state of the statement before it in the same paragraph, so the sentences about the plan
  years are targets and those about the past are not. Each clause's state holds for the
  clauses after it, up to the end of the statement. Sections of a part that is not a
  review may be plan parts by their own titles.
- ``target_year``: the year a target is for: the last year of the report's year or later
  named in the statement before the figure (the end of a period: ``2021—2025年`` and
  ``"十四五"`` give 2025), else the end of the period the part or section title names when
  it ends after the report's year (``plan_title_years``: every paragraph under
  ``"十五五"时期主要目标`` in a 2026 report is for 2030, so its horizon is ``plan``), else
  the report's year. NA for results (and for targets when
  neither the text nor the report gives a year).
- ``statement``: the id of the first sentence of the target statement the figure belongs
  to. A statement runs from a sentence to the first one that does not end in ``；`` or
  ``：`` (a salutation, 各位代表：, ends its own), so a list of targets is one statement.
  NA for results.

The words are in ``data/facts_targets.tsv``. The year's headline targets in one call:
``Report.main_targets()`` (the ``main`` rows of ``targets``; ``main_targets`` here finds
the statement: the first target statement that is a list, 主要预期目标是：…).

Known limits: ``is_target`` depends on part titles and cue words. A plan part whose title
has none of the plan words and comes before any plan part is not recognised (its figures
are targets only where a cue sets one). Within a review, 控制在 and 确保 are read as results,
while 力争, 计划, 拟 still set targets (a review that quotes last year's plan, 年初提出力争增长6%,
gives a target). 预计 (an estimate, often of the past year) and 将 set none. Outside mixed
parts, neither a statement's state nor a target year named in it carries to the next one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..paths import data_lines
from ..reading.numerals import small_int
from .dates import find_dates
from .lexicon import lexicon
from .numbers import normalize

# "十四五" and the like: the n-th five-year plan (n ≥ 3) runs from 1966 + 5 (n − 3).
_FIVE_YEAR_RE = re.compile(
    r"(?=[三四五六七八九十])(?<![一二三四五六七八九十])(?P<n>十[一二三四五六七八九]|[三四五六七八九])五"
    r"(?=[”\"」』]|时期|期间|规划|末|以来|开局|发展|目标)"
)
_CLAUSE_END = re.compile(r"[,;:。；：！？!?\n]")
_CONTINUES = frozenset(";:；：")
_SPACE_RE = re.compile(r"\s+")


def five_year_plan(name: str) -> tuple[int, int]:
    """The years of the n-th five-year plan: 十四 -> (2021, 2025)."""
    n = small_int(name)
    first = 1966 + 5 * (n - 3)
    return first, first + 4


@dataclass(frozen=True)
class _Rules:
    plan_title: re.Pattern
    weak_plan_title: re.Pattern
    review_title: re.Pattern
    list_cue: re.Pattern
    cue: re.Pattern
    cue_later_year: re.Pattern
    cue_not_in_review: re.Pattern
    any_cue: re.Pattern  # any of the four cues: a statement outside a plan part without one has no target
    past: re.Pattern
    comparison: re.Pattern
    salutation: re.Pattern
    list_end: re.Pattern
    in_force: re.Pattern
    allowance: re.Pattern


@lru_cache(maxsize=1)
def rules() -> _Rules:
    found: dict[str, list[str]] = {}
    for line in data_lines("facts_targets.tsv"):
        role, pattern = line.split("\t", 1)
        found.setdefault(role.strip(), []).append(pattern.strip())
    compiled = {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in found.items()}
    cues = ("list_cue", "cue", "cue_later_year", "cue_not_in_review")
    compiled["any_cue"] = re.compile("|".join(f"(?:{p})" for k in cues for p in found[k]))
    return _Rules(**compiled)


def years_named(text: str, report_year: int | None, offset: int = 0, dates=None) -> list[tuple[int, int, int, int]]:
    """(start, end, first year, last year) of every year or period ``text`` names with a year
    written (2025年, 去年, 2021—2025年, "十五五"); months without a year are left out.
    ``dates``: the dates of ``text`` when the caller has them (offsets from ``offset``)."""
    if dates is None:
        dates = find_dates(text, report_year)
        offset = 0
    out = []
    for d in dates:
        if "年" not in d.mention:
            continue
        if d.year is not None:
            out.append((d.start - offset, d.end - offset, d.year, d.year))
        elif "/" in d.date and d.date[:4].isdigit():
            a, b = d.date.split("/")[:2]
            if b[:4].isdigit():
                out.append((d.start - offset, d.end - offset, int(a[:4]), int(b[:4])))
    for m in _FIVE_YEAR_RE.finditer(text):
        first, last = five_year_plan(m["n"])
        out.append((m.start(), m.end(), first, last))
    out.sort()
    return out


# -- plan parts ------------------------------------------------------------------


def title_mode(title: str, report_year: int | None) -> str:
    """``plan``, ``mixed``, ``review`` or ``""`` (says neither) for a part title."""
    r = rules()
    title = normalize(title or "")
    years = years_named(title, report_year)
    past_years = report_year is not None and any(last < report_year for _, _, _, last in years)
    plan_years = report_year is not None and any(last >= report_year for _, _, _, last in years)
    review = bool(r.review_title.search(title)) or past_years
    plan = bool(r.plan_title.search(title)) or plan_years
    if review and plan:
        return "mixed"
    if review:
        return "review"
    if plan or r.weak_plan_title.search(title):
        return "plan"
    return ""


def _parts_and_sections(outline: pd.DataFrame) -> list[tuple]:
    """(id, level, title, start, end, parent) of the outline's parts and sections, in order."""
    columns = [outline[c].tolist() for c in ("id", "level", "title", "start", "end", "parent")]
    return [r for r in zip(*columns) if r[1] in ("part", "section")]


def plan_regions(outline: pd.DataFrame | None, report_year: int | None) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, mode) spans of the text, sorted, with mode ``plan``,
    ``mixed`` or ``review``. Parts by their titles; a part whose title says neither, after a
    plan part, is a plan part too (加强政府自身建设 after 今年工作安排). A section of a part
    that is not a review by its own title, when that title says plan, mixed or review."""
    if outline is None or outline.empty:
        return []
    parts: dict[str, str] = {}
    spans: list[tuple[int, int, str]] = []
    planned = False
    for sid, level, title, start, end, parent in _parts_and_sections(outline):
        mode = title_mode(title, report_year)
        if level == "part":
            if mode == "" and planned:
                mode = "plan"
            planned = planned or mode in ("plan", "review")
            parts[sid] = mode
            if mode:
                spans.append((start, end, mode))
        elif parts.get(parent) != "review" and mode:
            spans.append((start, end, mode))
    # Paint in order: a section's own mode replaces its part's over its span.
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    flat: list[tuple[int, int, str]] = []
    for s, e, mode in spans:
        kept = []
        for fs, fe, fm in flat:
            if fe <= s or fs >= e:
                kept.append((fs, fe, fm))
                continue
            if fs < s:
                kept.append((fs, s, fm))
            if fe > e:
                kept.append((e, fe, fm))
        kept.append((s, e, mode))
        flat = sorted(kept)
    return [(s, e, m) for s, e, m in flat if e > s]


def plan_title_years(outline: pd.DataFrame | None, report_year: int | None) -> list[tuple[int, int, int]]:
    """(start, end, last year) of each part or section whose title names a period of years
    ending after the report's year ("十五五"时期主要目标 in a 2026 report): the default
    target year of the figures under it, paragraph after paragraph."""
    if outline is None or outline.empty or report_year is None:
        return []
    out = []
    for _, _, title, start, end, _ in _parts_and_sections(outline):
        spans = [last for _, _, first, last in years_named(normalize(title or ""), report_year)
                 if first < last and last > report_year]
        if spans:
            out.append((start, end, spans[-1]))
    return sorted(out, key=lambda t: (t[0], -(t[1] - t[0])))


# -- statements -----------------------------------------------------------------------


class _Clause:
    """The signal of one clause: list, past, target, plan year, or nothing."""

    __slots__ = ("list", "past", "target", "plan_year", "years")

    def __init__(self, text: str, c0: int, years, report_year: int | None, later_in_statement: bool,
                 review: bool):
        r = rules()
        self.list = bool(r.list_cue.search(text))
        compared = [(m.start() + c0, m.end() + c0) for m in r.comparison.finditer(text)]
        plain = r.comparison.sub("", text) if compared else text
        own = [y for y in years if not any(a <= y[0] < b for a, b in compared)]
        self.years = [(s, last) for s, _, _, last in own if report_year is None or last >= report_year]
        earlier = report_year is not None and any(last < report_year for _, _, _, last in own)
        self.past = bool(r.past.search(plain)) or earlier
        self.target = (bool(r.cue.search(plain)) or (later_in_statement and bool(r.cue_later_year.search(plain)))
                       or (not review and bool(r.cue_not_in_review.search(plain))))
        self.plan_year = bool(self.years) and report_year is not None


def mark_targets(facts, norm: str, sent_starts, sent_ends, dates, report_year: int | None,
                 regions: list[tuple[int, int, str]], offset: int, first_sentence: int,
                 title_years: list[tuple[int, int, int]] = ()) -> None:
    """Fill ``is_target``, ``target_year`` and ``statement`` of ``facts`` (in text order, with
    offsets into ``norm`` and sentence numbers into ``sent_starts``) in place. ``dates`` and
    ``regions`` are in offsets of the whole text, where ``norm`` begins at ``offset``;
    ``first_sentence`` is the whole-text number of the piece's first sentence."""
    n = len(sent_starts)
    if not facts or n == 0:
        return
    any_cue = rules().any_cue
    years_all = years_named(norm, report_year, offset, dates)
    year_starts = [y[0] for y in years_all]
    region_starts = [s for s, _, _ in regions]
    # Does sentence k run on into the next one (it ends in ；or ：, and is no salutation)?
    salutation = rules().salutation
    cont = [norm[sent_ends[k] - 1] in _CONTINUES
            and not (norm[sent_ends[k] - 1] in ":：" and salutation.match(norm, sent_starts[k], sent_ends[k]))
            for k in range(n)]
    list_cue, list_end = rules().list_cue, rules().list_end
    j, k = 0, 0
    carry, carry_year, last_end = None, None, 0
    while k < n and j < len(facts):
        k1 = k
        while k1 < n - 1 and cont[k1]:
            k1 += 1
        if list_cue.search(_SPACE_RE.sub("", norm[sent_starts[k]:sent_ends[k1]])):
            # A list of main targets runs on to the end of its paragraph (its items may end
            # in 。), up to a sentence that comments on it (上述目标…), sets a target of its
            # own (a cue: 力争…) or reports the past (去年…).
            while (k1 < n - 1 and "\n" not in norm[sent_ends[k1]:sent_starts[k1 + 1]]
                   and not list_end.match(norm, sent_starts[k1 + 1])
                   and not _own_statement(norm[sent_starts[k1 + 1]:sent_ends[k1 + 1]])):
                k1 += 1
                while k1 < n - 1 and cont[k1]:
                    k1 += 1
        s0, s1 = sent_starts[k], sent_ends[k1]
        j1 = j
        while j1 < len(facts) and facts[j1].sentence <= k1:
            j1 += 1
        i = bisect.bisect_right(region_starts, s0 + offset) - 1
        mode = regions[i][2] if i >= 0 and s0 + offset < regions[i][1] else ""
        # A statement outside plan and mixed parts can only be set a target by a cue.
        if (j1 > j and (mode in ("plan", "mixed") or any_cue.search(norm, s0, s1))) or mode == "mixed":
            if mode == "plan":
                state = "target"
            elif mode == "mixed" and carry is not None and "\n" not in norm[last_end:s0]:
                state = carry
            else:
                state, carry_year = "none", None
            default = next((y for a, b, y in reversed(title_years) if a <= s0 + offset < b), None)
            state, year = _statement(facts[j:j1], norm, s0, s1, state, mode, years_all, year_starts, report_year,
                                     first_sentence + k, carry_year if mode == "mixed" else default)
            if mode == "mixed":
                carry, carry_year, last_end = state, year, s1
        j, k = j1, k1 + 1


@lru_cache(maxsize=1)
def _bare_words() -> re.Pattern:
    lex = lexicon()
    words = lex.links | set(lex.direction) | set(lex.qualifier_before)
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def names_nothing(before: str, indicator: str, unit: str) -> bool:
    """True for a share or rate (a unit of % or 百分点) with no indicator whose clause before it
    holds nothing but cue words, links and directions (保持6%的增长, 力争达到6%): a verb
    without a subject, never a target. A count may name its noun after it (新增100所…)."""
    if indicator or not ("%" in unit or "百分点" in unit):
        return False
    rest = _bare_words().sub("", rules().any_cue.sub("", before))
    return not re.sub(r"[\W\d_]", "", rest)


def _own_statement(sentence: str) -> bool:
    """True when a sentence after a list of main targets is no item of it: it sets a target of
    its own (a cue) or reports the past."""
    r = rules()
    plain = r.comparison.sub("", sentence)
    return bool(r.any_cue.search(plain) or r.past.search(plain))


def _statement(facts, norm, s0, s1, state, mode, years_all, year_starts, report_year, statement_id,
               carry_year: int | None = None) -> tuple[str, int | None]:
    """Read the clauses of one statement in order and mark its facts. Returns the final state
    and the last plan year named (``carry_year``: one named in the statements before, in a
    mixed part)."""
    a, b = bisect.bisect_left(year_starts, s0), bisect.bisect_left(year_starts, s1)
    years = years_all[a:b]
    later = report_year is not None and any(last >= report_year for _, _, _, last in years)
    # (position, year) of the plan years seen so far, in text order; every loop below moves
    # forward only, so a statement is read in time linear in its length
    plan_years: list[tuple[int, int]] = [] if carry_year is None else [(s0 - 1, carry_year)]
    fi, c0, yi, pi, year = 0, s0, 0, 0, None
    in_force, allowance = rules().in_force, rules().allowance
    while c0 < s1 and (fi < len(facts) or (mode == "mixed" and state != "list")):
        m = _CLAUSE_END.search(norm, c0, s1)
        c1 = m.end() if m else s1
        y0 = yi
        while yi < len(years) and years[yi][0] < c1:
            yi += 1
        if state != "list":
            clause = _Clause(norm[c0:c1], c0, years[y0:yi], report_year, later, mode == "review")
            if clause.list:
                state = "list"
            elif clause.past:
                state = "past"
            elif clause.target or (clause.plan_year and mode in ("plan", "mixed")):
                state = "target"
            plan_years += clause.years
        else:
            plan_years += [(s, last) for s, _, _, last in years[y0:yi] if report_year is None or last >= report_year]
        while fi < len(facts) and facts[fi].start < c1:
            f = facts[fi]
            while pi < len(plan_years) and plan_years[pi][0] < f.start:
                year = plan_years[pi][1]
                pi += 1
            if (state in ("target", "list") and not in_force.search(norm, max(c0, f.start - 8), f.start)
                    and not allowance.search(norm, max(c0, f.start - 4), f.start)
                    and not names_nothing(norm[c0:f.start], f.indicator, f.unit)):
                f.is_target = True
                f.statement = statement_id
                f.target_year = year if year is not None else report_year
            fi += 1
        c0 = c1
    for f in facts[fi:]:  # facts after the last clause end (none in practice)
        if state in ("target", "list"):
            f.is_target, f.statement, f.target_year = True, statement_id, report_year
    return state, (plan_years[-1][1] if plan_years else None)


# -- the main targets of a report ---------------------------------------------------------


def list_end(report, sentence: int) -> int:
    """The last sentence of a list of main targets whose last figure is in ``sentence``: the
    list runs on to the end of its paragraph as ``mark_targets`` reads it."""
    starts, ends, text = report.sentence_starts, report.sentence_ends, report.text
    k, n = int(sentence), len(starts)
    r = rules()
    while k < n - 1 and "\n" not in text[int(ends[k]):int(starts[k + 1])]:
        nxt = normalize(text[int(starts[k + 1]):int(ends[k + 1])])
        if r.list_end.match(nxt) or _own_statement(nxt):
            break
        k += 1
    return k


def main_targets(report) -> pd.DataFrame:
    """The facts of the report's main list of targets for its own year: the first target
    statement opened by a list cue (``主要预期目标是：``) whose first figure is for the report's
    year (a five-year outline's list, ``"十五五"主要目标：``, is passed over). The list runs to
    the end of its paragraph (see ``mark_targets``). An empty table (same columns) when the
    report has none."""
    facts = report.facts
    cue = rules().list_cue
    starts = report.sentence_starts
    year = report.meta.get("year")
    # Each target statement's first offset and first figure's year, by statement.
    groups: dict[int, list] = {}
    for is_target, sid, start, target_year in zip(facts["is_target"].tolist(), facts["statement"].tolist(),
                                                  facts["start"].tolist(), facts["target_year"].tolist()):
        if not is_target or pd.isna(sid):
            continue
        if sid in groups:
            groups[sid][0] = min(groups[sid][0], start)
        else:
            groups[sid] = [start, target_year]
    for sid in sorted(groups):
        first_start, first_year = groups[sid]
        # (whitespace out: a hard-wrapped text may break a line inside the cue)
        head = normalize(report.text[int(starts[int(sid)]) : int(first_start)])
        if not cue.search(_SPACE_RE.sub("", head)):
            continue
        if year is not None and not pd.isna(first_year) and int(first_year) != int(year):
            continue
        if year is not None and any(first < last for _, _, first, last in years_named(head, int(year))):
            continue  # a period of years before the first figure: a plan's list
        return facts[facts["statement"] == sid]
    return facts.iloc[0:0]
