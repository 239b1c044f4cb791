"""Smoke test (helpers): every computation a generic page makes, on the 31 real provincial reports.

For each report of ``seeds/provinces-2025`` (Word files) this runs the library calls behind
the pages built for any report: ``section.ipynb`` for every section (and every part without
sections: ``site.plan.section_units``), ``00_overview``, ``05_language_and_slogans``, ``06_fact_check``, ``07_explore`` and
``08_compare`` (one report: the coverage of the key table). Nothing may raise: a check about
the data is a note on the page (``govreport.analysis.notes``), never an exception.

Left out, and why (``NOT_RUN``): drawing the charts (matplotlib, about a second per report
page; the notebooks draw them on the bundled report under nbval) and the calls that only
display what the calls here compute (``tables.show``, ``notes.show``, ``explore.show`` …).
``test_every_page_call_is_run_or_named`` keeps this list in step with the notebooks.

Each report is loaded by its own test and the pages' tables are made once per report
(``govreport.analysis.memo``), so the test stays fast; no report is kept after its test (a
process holding fifteen reports' tables spends its garbage collections walking them). The reports are split over
two test files (``test_provinces_smoke_1.py`` and ``_2.py``) so that ``-n 2 --dist loadfile``
runs the halves side by side.
"""

from __future__ import annotations

import json
import re

from govreport import load_report, paths
from govreport.site.plan import section_units
from govreport.analysis import (
    charts, checks, compare, compare_story, explore, explore_story, fact_check_story, language, language_story, notes,
    overview_story, section_story, sections, summary,
)

PROVINCES = sorted((paths.SEEDS_DIR / "provinces-2025").glob("*.docx"))
GENERIC = ("section", "00_overview", "05_language_and_slogans", "06_fact_check", "07_explore", "08_compare")

#: Calls of the generic pages that this test does not make, with the reason.
NOT_RUN = {
    "charts.*": "drawing (slow: matplotlib); the data a chart draws is computed here",
    "section_story.opening": "sets the house style and shows the heading: its computations run here",
    "tables.show": "display only",
    "checks.show": "display only",
    "notes.show": "display only",
    "sections.show_walk": "display of sections.walk, which runs here",
    "explore.show": "display (an itables widget) of explore.facts_table",
    "explore.init": "embeds the DataTables library: no data",
    "explore.filters": "widgets over explore.facts_table",
    "compare.open_reports": "load_report, run here",
    "compare.compare": "needs two reports of one place; the provincial reports are of one year",
    "compare.readable": "formats compare.compare's table",
    "compare.chart": "drawing",
    "compare.coverage_chart": "drawing",
    "compare.language_changes": "needs two reports",
}


def _report(path):
    return load_report(path)


def _run_section_page(report, sid):
    sid = sections.section_id(report, sid)
    facts = sections.section_facts(report, sid)
    section_story.section_heading(report, sid)
    section_story.section_claim(report, sid)
    section_story.largest_amounts(report, sid)
    sections.measures_by_unit(facts)
    section_story.nothing_to_draw(report, sid, "nothing")
    section_story.changes(report, sid)
    sections.changes_by_unit(facts)
    section_story.durations(report, sid)
    sections.durations(report, sid)
    section_story.figures_per_point(report, sid)
    sections.figures_per_point(report, sid)
    section_story.targets(report, sid)
    sections.targets(facts)
    section_story.slogans(report, sid)
    language.with_gloss_notes(sections.slogans(report, sid))
    for point in sections.walk(report, sid):
        point.facts["value"].map(charts.number_format)
    lists = sections.enumerations(report, sections.node_facts(report, sid))
    failed = sections.check_figures(report, facts, sid)
    section_story.checks(len(facts), lists, failed)
    return failed


def _run_overview(report):
    overview_story.answer(report)
    overview_story.missing_meta(report)
    summary.level_counts(report)
    overview_story.size(report)
    ranks = summary.headline_ranks(report)
    overview_story.headline(ranks)
    overview_story.totals_and_growth(ranks)
    table = summary.section_summary(report)
    failed = summary.outline_checks(report, table)
    overview_story.outline_checks(report, table, failed)
    summary.body_shares(table)
    overview_story.lengths(table)
    summary.points_by_section(report)
    overview_story.points(report)
    by_section = summary.facts_by_section(report)
    overview_story.facts(report, by_section)
    return failed + summary.facts_checks(report, by_section)


def _run_language(report):
    language_story.answer(report)
    tokens = language.tokens(report)
    failed = language.token_checks(report, tokens)
    language_story.checked("token", len(tokens), failed)
    language_story.top_terms(language.term_counts(report, top=20))
    language_story.cloud(language.term_counts(report, top=None))
    level = language.comparison_level(report)
    language_story.shared_terms(language.unit_terms(report, level, top=6), level)
    language_story.first_keywords(language.section_keywords(report, level, top=5), level)
    language.keyword_matrix(report, level, top=4)
    slogans = language.slogans(report)
    language.with_gloss_notes(slogans)
    language_story.slogans_summary(slogans)
    failed += language.slogan_checks(report, slogans)
    language_story.items(slogans)
    language_story.where(language_story.per_unit_occurrences(report, slogans, level), level)
    quotes = language.quotes(report)
    language_story.quotes_summary(quotes)
    failed += language.quote_checks(report, quotes)
    plain = language.with_gloss_notes(quotes[~quotes["numbered"]]).groupby("quote", sort=False).agg(
        count=("id", "size"), section=("section", "first"), kind=("kind", "first"), cue=("cue", "first"), gloss=("gloss", "first")
    )
    language_story.plain_quotes(plain)
    return failed


def _run_fact_check(report):
    fact_check_story.answer(report)
    checks.overview(report)
    fact_check_story.describe_implied_bases(report, checks.implied_bases(report))
    fact_check_story.describe_date_spans(report, checks.date_spans(report))
    fact_check_story.describe_repeated_values(report, checks.repeated_values(report))
    fact_check_story.describe_parts_over_whole(report, checks.parts_over_whole(report))
    fact_check_story.describe_shares_over_100(report, checks.shares_over_100(report))
    fact_check_story.describe_unnamed_facts(report, checks.unnamed_facts(report))
    fact_check_story.describe_respectively_lists(report, checks.respectively_lists(report))


def _run_explore(report):
    table = explore.facts_table(report)
    explore_story.describe(table)
    explore.by_section_and_kind(table)


def _run_compare(report):
    cover = compare.coverage(report)
    compare_story.intro(report, None, None)
    compare_story.silent(report, None, None)
    compare_story.language_text(None)
    failed = compare_story.row_checks(None, cover)
    compare_story.checked(None, cover, failed)
    return failed




def run_every_page(path) -> list:
    """Every computation of the generic pages on the report at ``path``; the notes found."""
    report = _report(path)
    units = [sid for sid, _ in section_units(report.outline)]  # the section pages the site builds
    assert units, "no part or section to build a section page for"
    found = []
    for sid in units:
        found += _run_section_page(report, sid)
    found += _run_overview(report)
    found += _run_language(report)
    _run_fact_check(report)
    _run_explore(report)
    found += _run_compare(report)
    assert all(isinstance(n, notes.Note) and n.message for n in found)
    return found


def page_calls_not_run() -> list[str]:
    """Each library call in a generic page's code that ``run_every_page`` does not make and
    ``NOT_RUN`` does not name (an empty list when this module is in step with the pages)."""
    source = open(__file__, encoding="utf-8").read()
    run = set(re.findall(r"\b([a-z_]+)\.([a-z_0-9]+)\(", source))
    missing = []
    for stem in GENERIC:
        nb = json.loads((paths.NOTEBOOKS_DIR / f"{stem}.ipynb").read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        story = re.search(r"(\w+_story) as story", code)  # a page's ``story`` is its own story module
        calls = re.findall(r"\b(story|sections|summary|language|checks|explore|compare|charts|tables|notes)\.([a-z_0-9]+)\(", code)
        for module, name in set(calls):
            module = story.group(1) if module == "story" and story else module
            if (module, name) in run or f"{module}.{name}" in NOT_RUN or f"{module}.*" in NOT_RUN:
                continue
            missing.append(f"{stem}: {module}.{name}")
    return sorted(missing)
