"""Hard-wrapped text (a line break every N characters, as text copied out of a PDF) reads as
the text without those breaks: same outline, sentences, points, facts and dates; offsets
still index the file's text."""

from pathlib import Path

import pytest
from synthetic_reports import synthetic_report, wrap

from govreport import load_report, paths

SEED = paths.DEFAULT_REPORT.read_text(encoding="utf-8")
FACT_COLUMNS = ["section", "sentence", "mention", "kind", "value", "unit", "qualifier", "indicator", "is_target"]


@pytest.fixture(scope="module")
def seed():
    return load_report()


def same_reading(r, seed):
    assert r.meta["wrapped"] is True
    assert {k: v for k, v in r.meta.items() if k not in ("wrapped", "file")} == {
        k: v for k, v in seed.meta.items() if k not in ("wrapped", "file")
    }
    assert list(r.outline["id"]) == list(seed.outline["id"])
    assert list(r.outline["title"]) == list(seed.outline["title"])
    assert [t.replace("\n", "").replace("\r", "") for t in r.sentences["text"]] == list(seed.sentences["text"])
    assert list(r.sentences["section"]) == list(seed.sentences["section"])
    facts, expected = r.facts, seed.facts
    assert facts[FACT_COLUMNS].equals(expected[FACT_COLUMNS])
    assert list(r.dates["date"]) == list(seed.dates["date"])
    assert list(r.dates["mention"]) == list(seed.dates["mention"])


def offsets_index_the_text(r):
    text = r.text
    for row in r.outline.itertuples():
        span = text[row.start : row.end]
        assert span == span.strip(), row.id
    for row in r.sentences.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text == row.text.strip()
    for row in r.facts.itertuples():
        # A fact split by a wrap reads as one: its mention is the text without the break.
        assert text[row.start : row.end].replace("\n", "").replace("\r", "") == row.mention
    for row in r.dates.itertuples():
        assert text[row.start : row.end].replace("\n", "").replace("\r", "") == row.mention


@pytest.mark.parametrize("width", [16, 20, 24, 30, 37, 41, 50, 64, 80])
def test_wrapped_seed_reads_as_the_seed(write_report, seed, width):
    r = load_report(write_report(wrap(SEED, width), name=f"wrapped-{width}.txt"))
    same_reading(r, seed)
    offsets_index_the_text(r)
    assert r.unwrapped != r.text and r.unwrapped.replace("\n", "") == SEED.replace("\n", "")


@pytest.mark.parametrize("width, indent, newline", [(30, "\u3000\u3000", "\n"), (44, "", "\r\n"), (28, "  ", "\r\n")])
def test_wrapped_seed_indented_or_crlf(write_report, seed, width, indent, newline):
    r = load_report(write_report(wrap(SEED, width, indent, newline)))
    same_reading(r, seed)
    offsets_index_the_text(r)


def test_facts_split_across_a_break_are_kept(write_report, seed):
    # At 20 characters a line break falls inside amounts of the seed (for example in
    # 183.1%): they are read whole.
    text = wrap(SEED, 20)
    r = load_report(write_report(text))
    split = [m.mention for m in r.facts.itertuples() if "\n" in text[m.start : m.end]]
    assert {"8341个", "164%", "183.1%"} <= set(split)
    assert len(r.facts) == len(seed.facts)
    # Read as it stands (every line a sentence), the wrapped text loses facts.
    from govreport.facts import facts_from_text

    assert len(facts_from_text(text, "2021-02-23")) < len(seed.facts)


def test_unwrapped_text_is_not_taken_for_wrapped(seed, write_report):
    assert seed.meta["wrapped"] is False and seed.unwrapped is seed.text
    for kwargs in [{}, {"headings_on_own_line": True}, {"headings_on_own_line": True, "indent": "\u3000\u3000"}]:
        r = load_report(write_report(synthetic_report(**kwargs)))
        assert r.meta["wrapped"] is False, kwargs


def test_wrapped_synthetic_report(write_report):
    text = synthetic_report(headings_on_own_line=True)
    plain = load_report(write_report(text, name="plain.txt"))
    r = load_report(write_report(wrap(text, 26), name="wrapped.txt"))
    assert r.meta["wrapped"] is True
    assert list(r.outline["title"]) == list(plain.outline["title"])
    assert r.outline["level"].value_counts().to_dict() == {"preamble": 1, "part": 3, "section": 6, "point": 12}
    offsets_index_the_text(r)


def test_a_few_short_lines_are_not_a_wrap(write_report):
    # Lines of equal length that end sentences are ordinary lines, not a wrap.
    text = "一、工作回顾\n" + "".join(f"（{n}）第{n}项工作进展顺利，效果很好。\n" for n in "一二三四五")
    r = load_report(write_report(text))
    assert r.meta["wrapped"] is False
    assert r.outline["level"].value_counts().to_dict() == {"preamble": 1, "part": 1, "section": 5}


@pytest.mark.parametrize("name", ["national", "province", "district", "flat"])
@pytest.mark.parametrize("width", [18, 24, 30])
def test_wrapped_layouts_read_as_unwrapped(write_report, name, width):
    # Each layout's test text (tests/data/layouts) wrapped at a fixed width: the same outline,
    # metadata and facts; the closing, the appendix and the head survive the wrap.
    source = Path(__file__).parent / "data" / "layouts" / f"{name}.txt"
    plain = load_report(source)
    r = load_report(write_report(wrap(source.read_text(encoding="utf-8"), width), name=f"{name}-{width}.txt"))
    assert r.meta["wrapped"] is True and plain.meta["wrapped"] is False
    assert {k: v for k, v in r.meta.items() if k not in ("wrapped", "file")} == {
        k: v for k, v in plain.meta.items() if k not in ("wrapped", "file")
    }
    assert list(zip(r.outline["id"], r.outline["title"], r.outline["group"])) == list(
        zip(plain.outline["id"], plain.outline["title"], plain.outline["group"])
    )
    # Sentence numbers may shift in the head (a line as full as the wrap before the speaker
    # line cannot be told from a wrapped one); the facts and their sentences' texts do not.
    columns = [c for c in FACT_COLUMNS if c != "sentence"]
    assert r.facts[columns].equals(plain.facts[columns])
    texts = lambda rep: [rep.sentences["text"][i].replace("\n", "") for i in rep.facts["sentence"]]  # noqa: E731
    assert texts(r) == texts(plain)
    offsets_index_the_text(r)


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_report_is_freed_without_the_cycle_collector(write_report, wrapped):
    # The loader makes no reference cycle (the collector is paused while it builds its
    # tables): a report, wrapped or not, goes as soon as its last reference does.
    import gc
    import weakref

    path = write_report(wrap(SEED, 30) if wrapped else SEED)
    was = gc.isenabled()
    gc.disable()
    try:
        r = load_report(path)
        assert r.meta["wrapped"] is wrapped
        r.facts, r.dates, r.sentences
        ref = weakref.ref(r)
        del r
        assert ref() is None
    finally:
        if was:
            gc.enable()


@pytest.mark.parametrize("width", [17, 23, 31])
def test_read_span_reads_a_mention_cut_by_a_wrap_whole(write_report, seed, width):
    """A fact or token cut by a hard wrap keeps its offsets in the file's text; read_span gives
    it back as read, so the section pages' checks hold on text copied out of a PDF."""
    from govreport.analysis import sections

    r = load_report(write_report(wrap(seed.text, width)))
    cut = [f for f in r.facts.itertuples() if "\n" in r.text[f.start : f.end]]
    assert cut, "the wrap cuts no mention at this width"
    assert all(r.read_span(f.start, f.end) == f.mention for f in r.facts.itertuples())
    assert seed.read_span(0, len(seed.text)) == seed.text  # an unwrapped text reads as it is
    for section in r.outline.loc[r.outline["level"] == "section", "id"]:
        assert sections.check_figures(r, sections.section_facts(r, section), section) == []
        lists = sections.enumerations(r, sections.node_facts(r, section))
        assert len(lists) == len(sections.enumerations(seed, sections.node_facts(seed, section)))


@pytest.mark.parametrize("width", [19, 23, 29])
def test_targets_results_and_coverage_of_a_wrapped_report(write_report, width):
    """Targets, results and the compare page's sentences of a hard-wrapped report are those of
    the report as written, each sentence read whole (its mention inside it)."""
    from govreport.analysis import compare

    path = Path(__file__).parent / "data" / "reports" / "meixi-county-2023.txt"
    plain = load_report(path)
    wrapped = load_report(write_report(wrap(path.read_text(encoding="utf-8"), width)))
    assert wrapped.meta["wrapped"]
    columns = ["key", "indicator", "mention", "value", "unit", "qualifier"]
    for table in ("targets", "results"):
        assert getattr(wrapped, table)[columns].equals(getattr(plain, table)[columns]), table
    shown = compare.coverage(wrapped)
    assert all(m in s for m, s in zip(shown["result"], shown["result_sentence"]))
    assert all(m in s for m, s in zip(shown["target"], shown["target_sentence"]))
    assert all("\n" not in wrapped.sentence_text(i) for i in range(len(wrapped.sentences)))


def test_tables_shown_on_the_pages_quote_sentences_as_read(write_report, seed):
    """The facts tables of the section pages, the explorer and the fact checks quote each
    sentence without the line breaks a hard wrap left in it: as the unwrapped report's."""
    from govreport.analysis import checks, explore, sections

    r = load_report(write_report(wrap(seed.text, 23)))
    assert list(sections.facts_table(r, r.facts)["sentence_text"]) == list(sections.facts_table(seed, seed.facts)["sentence_text"])
    assert list(explore.facts_table(r)["sentence"]) == list(explore.facts_table(seed)["sentence"])
    assert list(checks.implied_bases(r)["text"]) == list(checks.implied_bases(seed)["text"])
