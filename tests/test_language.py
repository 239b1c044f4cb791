"""govreport.analysis.language: tokens, numbered slogans, quotes, keywords, and the data files behind them.

Counts on the bundled report were made by reading it (seeds/jiaozuo-2021.txt, 3496
characters); the synthetic reports test the rules on formulas the glossary does not know.
"""

from __future__ import annotations

import csv
import logging
import subprocess
import sys

import types

import pandas as pd
import pytest

from govreport import load_report
from govreport.analysis import language, segment

# Terms named in issue 5 that the user dictionary must keep whole.
ISSUE_TERMS = ["六稳", "六保", "三大攻坚战", "散乱污", "双替代", "专精特新", "复工复产", "常态化防控", "首席服务官", "百企退城"]

# Every numbered formula of the bundled report, counted by hand (term: occurrences, sections).
# 六稳 and 六保: “六稳”工作 / “六保”任务 in part 一's opening, and the heading of section (二).
# 三大攻坚战: unquoted, in the heading of section (三) and in its first sentence.
# 十三五: in the heading of part 一. 两区 (服务业“两区”) and 133护航模式 are numbered
# formulas too by the rule (quoted, a number then a word); the issue did not list them.
SEED_SLOGANS = {
    "十三五": (1, ["1"]),
    "两场硬仗": (1, ["1"]),
    "六稳": (2, ["1", "1.2"]),
    "六保": (2, ["1", "1.2"]),
    "四早": (1, ["1.1"]),
    "一室五组": (1, ["1.1"]),
    "六包五查": (1, ["1.1"]),
    "四集中": (1, ["1.1"]),
    "三清零": (1, ["1.1"]),
    "三高行动": (1, ["1.2"]),
    "十四五": (1, ["1.2"]),
    "五大倍增": (1, ["1.2"]),
    "一联三帮": (1, ["1.2"]),
    "133护航模式": (1, ["1.2"]),
    "三大攻坚战": (2, ["1.3"]),
    "三大改造": (1, ["1.4"]),
    "两区": (1, ["1.4"]),
}
ISSUE_SLOGANS = ["四早", "一室五组", "六包五查", "四集中", "三清零", "两场硬仗", "六稳", "六保", "三高行动",
                 "五大倍增", "一联三帮", "三大攻坚战", "三大改造", "十三五", "十四五"]

# In the bundled report, and deliberately not numbered formulas (see the module docstring).
NOT_SLOGANS = ["一人一策", "第一时间", "一批", "一线", "一期", "一等奖", "十大重点工程", "4大规划", "一个不落",
               "百企退城", "双替代", "零感染", "第十三届"]

DATELINE = "——2022年1月10日在某市第一届人民代表大会第一次会议上\n"


@pytest.fixture(scope="module")
def seed():
    return load_report()


@pytest.fixture
def synthetic(tmp_path):
    def _load(body: str):
        path = tmp_path / "synthetic.txt"
        path.write_text(DATELINE + body, encoding="utf-8")
        return load_report(path)

    return _load


# --- quiet, and no side effects at import -----------------------------------------------------------------
def test_first_use_prints_nothing(capfd):
    # First in the file, so that it is usually the real first use; if the tokenizer was
    # set up already (tests run in another order), undo it and set it up again.
    if segment._STATE:
        import jieba

        jieba.setLogLevel(logging.DEBUG)
        segment._STATE.clear()
    report = load_report()
    language.tokens(report)
    language.section_keywords(report, top=1)
    language.slogans(report)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_import_has_no_side_effects():
    code = "import sys, govreport.analysis.language; print(sorted(m for m in ('jieba', 'pypinyin') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (result.stdout, result.stderr) == ("[]\n", "")


# --- the user dictionary ----------------------------------------------------------------
def test_issue_terms_and_seed_slogans_are_in_the_user_dictionary():
    terms = language.user_terms()
    assert len(terms) == len(set(terms)), "duplicate terms in userdict.txt"
    assert set(ISSUE_TERMS + list(SEED_SLOGANS)) <= set(terms)


@pytest.mark.parametrize("term", ISSUE_TERMS + list(SEED_SLOGANS))
def test_user_dictionary_keeps_term_whole(term):
    assert language.cut(term) == [term]
    assert term in language.cut(f"我们要扎实做好{term}工作。")


def test_every_seed_occurrence_of_a_listed_term_is_one_token(seed):
    spans = set(zip(language.tokens(seed)["start"], language.tokens(seed)["end"]))
    checked = 0
    for term in ISSUE_TERMS + list(SEED_SLOGANS):
        start = seed.text.find(term)
        while start >= 0:
            assert (start, start + len(term)) in spans, f"{term} at {start} is split"
            checked += 1
            start = seed.text.find(term, start + 1)
    # 20 slogan occurrences + 15 of the issue's terms (复工复产 ×3; 六稳, 六保, 三大攻坚战 ×2 each, again)
    assert checked == 35


# --- tokens -------------------------------------------------------------------------------
def test_tokens_round_trip_and_cover_every_sentence(seed):
    toks = language.tokens(seed)
    assert list(toks.columns) == language.TOKEN_COLUMNS
    assert all(seed.text[s:e] == t for s, e, t in zip(toks["start"], toks["end"], toks["token"]))
    assert toks["is_term"].dtype == bool and toks["is_term"].any()
    for sentence in seed.sentences.itertuples():
        own = toks[toks["sentence"] == sentence.id]
        assert "".join(own["token"]) == "".join(sentence.text.split())
        assert set(own["section"]) == {sentence.section}


def test_stopwords_and_numbers_are_not_terms(seed):
    toks = language.tokens(seed)
    terms = set(toks[toks["is_term"]]["token"])
    assert not terms & language.stopwords()
    assert not {"的", "和", "1.3%", "16", "亿元"} & terms
    assert {"全省", "企业", "疫情防控", "六稳"} <= terms
    # The report naming itself is not a topic: 焦作 is never a term. It is in the text 11
    # times; 焦作市 (dateline, speaker line) and 焦作力量 are tokens of their own, so 8 tokens.
    assert language.own_names(seed) == {"焦作市", "焦作", "全市"}
    assert seed.text.count("焦作") == 11 and (toks["token"] == "焦作").sum() == 8 and "焦作" not in terms
    assert "焦作" not in set(language.section_keywords(seed, top=10)["keyword"])


@pytest.mark.parametrize("place, names", [
    ("梅溪县", {"梅溪县", "梅溪", "全县"}),
    ("江澜省", {"江澜省", "江澜", "全省"}),
    ("南溪壮族自治区", {"南溪壮族自治区", "南溪壮族", "全区"}),
    ("中华人民共和国", {"中华人民共和国", "全国"}),
    ("", set()),
])
def test_a_report_naming_itself_or_its_whole_place_names_no_topic(place, names):
    """全县 in a county's report is the report naming itself, as 全市 in a city's."""
    report = types.SimpleNamespace(meta={"place": place})
    assert language.own_names(report) == names
    assert all(not language.is_term(n, "n", language.own_names(report)) for n in names)


def test_term_counts(seed):
    counts = language.term_counts(seed, top=10)
    assert isinstance(counts, pd.Series) and len(counts) == 10
    assert counts.is_monotonic_decreasing
    assert counts["全省"] == 20  # 居全省第…位 and 全省率先…: counted by reading
    assert "各位" not in language.term_counts(seed, top=None)  # the preamble is left out


# --- slogans: the bundled report -------------------------------------------------------------
def test_seed_slogans_found_with_hand_counts(seed):
    table = language.slogans(seed)
    assert list(table.columns) == language.SLOGAN_COLUMNS
    assert set(ISSUE_SLOGANS) <= set(table["term"])
    found = {row.term: (row.count, row.sections) for row in table.itertuples()}
    assert found == SEED_SLOGANS


def test_seed_slogans_that_are_not(seed):
    terms = set(language.slogans(seed)["term"])
    for term in NOT_SLOGANS:
        assert term in seed.text
        assert term not in terms


def test_slogan_positions_round_trip(seed):
    for row in language.slogans(seed).itertuples():
        assert len(row.starts) == row.count
        assert all(seed.text[s : s + len(row.term)] == row.term for s in row.starts)
        assert 0 <= row.quoted <= row.count
    table = language.slogans(seed).set_index("term")
    assert table.loc["三大攻坚战", "quoted"] == 0 and table.loc["三大攻坚战", "rule"] == "recurs"
    assert table.loc["六稳", "quoted"] == 2 and table.loc["十三五", "rule"] == "quoted"


def test_seed_slogans_are_glossed(seed):
    table = language.slogans(seed).set_index("term")
    assert table["glossed"].all()
    assert (table["gloss"].str.len() > 0).all() and (table["pinyin"].str.len() > 0).all()
    assert table.loc["六稳", "pinyin"] == "liù wěn"
    assert "foreign trade" in table.loc["六稳", "items"]


# --- slogans: synthetic reports (formulas the glossary does not know) ----------------------------
def test_slogans_found_by_rule_not_from_the_glossary(synthetic):
    report = synthetic(
        "一、工作回顾\n"
        "(一)经济运行稳中向好。全市落实“五个到位”要求,开展“三比三看”活动,推进“双百行动”。"
        "实施八大工程,八大工程进展顺利。入选十大重点工程名单。\n"
        "(二)实施五大行动。坚持“一村一品”,“4321”机制运转良好,“十五五”规划编制启动,十五五时期目标明确。"
        "做好六稳工作,第一时间处置,一批项目开工。\n"
    )
    table = language.slogans(report).set_index("term")
    assert table["count"].to_dict() == {"五个到位": 1, "三比三看": 1, "八大工程": 2, "五大行动": 1, "十五五": 2}
    assert table["rule"].to_dict() == {
        "五个到位": "quoted", "三比三看": "quoted", "八大工程": "recurs", "五大行动": "heading", "十五五": "quoted",
    }
    # Unglossed formulas are rows like any other, flagged and with pinyin from pypinyin.
    assert not table.loc["五个到位", "glossed"] and table.loc["五个到位", "gloss"] == ""
    assert table.loc["五个到位", "pinyin"] == "wǔ gè dào wèi"
    assert table.loc["十五五", "glossed"] and table.loc["十五五", "quoted"] == 1
    # 六稳 is in the glossary, but written once without quotes it is not found: the rule decides.
    assert "六稳" not in table.index
    for s, term in ((s, t) for t, row in table.iterrows() for s in row["starts"]):
        assert report.text[s : s + len(term)] == term


@pytest.mark.parametrize(
    "term, numbered",
    [
        ("六稳", True), ("一室五组", True), ("两场硬仗", True), ("133护航模式", True), ("十四五", True),
        ("四不两直", True), ("三去一降一补", True),
        ("一个不落", False), ("一人一策", False), ("一带一路", False), ("百企退城", False), ("双替代", False),
        ("零感染", False), ("4321", False), ("5G", False), ("质量、效率", False), ("九个方面的重点工作任务", False),
    ],
)
def test_numbered_formula_rule(term, numbered):
    assert language.is_numbered_formula(term) is numbered


def test_report_without_formulas_gives_an_empty_table(synthetic):
    report = synthetic("一、工作回顾\n(一)经济运行稳中向好。全年经济平稳运行,各项事业取得新进展。\n")
    table = language.slogans(report)
    assert table.empty and list(table.columns) == language.SLOGAN_COLUMNS


# --- quotes ---------------------------------------------------------------------------------------------
def test_seed_quotes(seed):
    table = language.quotes(seed)
    assert list(table.columns) == language.QUOTE_COLUMNS
    assert len(table) == seed.text.count("“") == 38
    assert all(seed.text[s:e] == q for s, e, q in zip(table["start"], table["end"], table["quote"]))
    assert all(seed.text[s - 1] == "“" and seed.text[e] == "”" for s, e in zip(table["start"], table["end"]))
    kinds = dict(zip(table["quote"], table["kind"]))
    assert set(table["kind"]) <= set(language.KINDS)
    expected = {
        "六稳": "slogan", "散乱污": "slogan", "一个不落": "slogan", "大数据+网格化": "slogan", "零感染": "slogan",
        "固链行动": "campaign", "三高行动": "campaign", "一联三帮": "campaign", "走访企业家、服务第一线": "campaign",
        "质量、效率、法治、出彩": "campaign", "火爆一夏、乐购万家": "campaign", "三大改造": "campaign",
        "企业纾困360": "platform", "133护航模式": "platform", "企业宁静日": "platform",
        "绽放杯": "honour", "小巨人": "honour",
    }
    assert {k: kinds[k] for k in expected} == expected
    numbered = set(table[table["numbered"]]["quote"])
    assert numbered == set(SEED_SLOGANS) - {"三大攻坚战"}
    glossed = table.set_index("quote")["gloss"]
    assert "coal" in glossed["双替代"] and set(glossed["六稳"]) == {"the six stabilities"}


def test_quote_classes_on_synthetic_text(synthetic):
    report = synthetic(
        "一、工作回顾\n"
        "(一)城市品质提升。荣获“全国文明城市”称号,上线“城市大脑”平台,获“金鼎杯”一等奖,"
        "启动“百日攻坚”行动,举办“文化惠民”系列,坚持“一村一品”。\n"
    )
    kinds = dict(zip(*[language.quotes(report)[c] for c in ("quote", "kind")]))
    assert kinds == {"全国文明城市": "honour", "城市大脑": "platform", "金鼎杯": "honour",
                     "百日攻坚": "campaign", "文化惠民": "campaign", "一村一品": "slogan"}


# --- keywords -----------------------------------------------------------------------------------------
def test_section_keywords(seed):
    table = language.section_keywords(seed, top=5)
    assert list(table.columns) == language.KEYWORD_COLUMNS
    assert list(table["unit"].unique()) == ["1.1", "1.2", "1.3", "1.4"]
    for _, group in table.groupby("unit"):
        assert list(group["rank"]) == [1, 2, 3, 4, 5]
        assert group["weight"].is_monotonic_decreasing
    assert not set(table["keyword"]) & language.stopwords()
    top = table[table["rank"] == 1].set_index("unit")["keyword"].to_dict()
    assert top == {"1.1": "疫情防控", "1.2": "复工复产", "1.3": "扶贫", "1.4": "产业园"}


def test_keyword_matrix_counts_tokens(seed):
    matrix = language.keyword_matrix(seed, top=3)
    assert list(matrix.columns) == list(language.units(seed, "section")["label"])
    toks = language.tokens(seed)
    assert matrix.loc["扶贫"].sum() == (toks["token"] == "扶贫").sum() == 5
    assert language.comparison_level(seed) == "section"


# --- data files -----------------------------------------------------------------------------------------
def test_glossary_file():
    with open(language.GLOSSARY_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["term", "pinyin", "gloss", "items", "region"]
    keys = [(r["term"], r["region"]) for r in rows]
    assert len(keys) == len(set(keys)), "a term glossed twice for the same region in glossary.csv"
    with open(language.REGIONS_FILE, encoding="utf-8", newline="") as f:
        regions = {r["region"] for r in csv.DictReader(f)}
    for row in rows:  # a region is a place name itself (焦作市) or listed in regions.csv (河南)
        assert not row["region"] or row["region"] in regions or row["region"].endswith(("省", "市", "县", "区", "州")), row
    for row in rows:
        assert row["term"].strip() == row["term"] and row["term"]
        assert row["gloss"].strip(), f"{row['term']} has no gloss"
        assert row["pinyin"].strip(), f"{row['term']} has no pinyin"


def test_tokens_of_a_hard_wrapped_report_are_the_tokens_of_the_report(write_report):
    """A report copied out of a PDF (a line break every 23 characters) segments as the report
    does: the breaks are cut out before segmenting, so no word is split by them."""
    from synthetic_reports import wrap

    seed = load_report()
    wrapped = load_report(write_report(wrap(seed.text, 23)))
    assert wrapped.meta["wrapped"]
    assert list(language.tokens(wrapped)["token"]) == list(language.tokens(seed)["token"])
    toks = language.tokens(wrapped)
    spans = [wrapped.text[s:e].replace("\n", "") for s, e in zip(toks["start"], toks["end"])]
    assert spans == list(toks["token"])


# --- quotes in other marks, session numbers, the page's checks as notes -------------------------------------
def test_quotes_in_ascii_marks_and_corner_brackets(synthetic):
    report = synthetic(
        '一、工作回顾\n(一)环境持续改善。整治"小散乱"企业120家,推进「四水同治」,打造“一廊两带”。\n'
    )
    table = language.quotes(report)
    assert list(table["quote"]) == ["小散乱", "四水同治", "一廊两带"]
    assert all(language.is_quoted(report.text, s, e) for s, e in zip(table["start"], table["end"]))
    slogans = language.slogans(report).set_index("term")
    assert slogans.loc["四水同治", "quoted"] == 1 and slogans.loc["一廊两带", "rule"] == "quoted"
    assert language.quote_checks(report, table) == []


@pytest.mark.parametrize("term", ["十九大", "二十大", "十八大以来", "九届六次", "十二次全会", "七届三次会议", "三次全体会议"])
def test_a_session_or_congress_number_is_no_formula(term):
    assert not language.is_numbered_formula(term)


def test_session_numbers_written_twice_are_still_no_formula(synthetic):
    # Repeated and unquoted, 九届六次 has the numeral-word-numeral-word shape, and 十九大 the
    # numeral + 大 shape: both are ordinals of a meeting, not counts.
    report = synthetic(
        "一、工作回顾\n(一)认真学习。贯彻十九大精神和省委九届六次全会部署,落实十九大精神,"
        "按照九届六次全会要求推进“三个转变”。\n"
    )
    assert list(language.slogans(report)["term"]) == ["三个转变"]


def test_the_language_checks_hold_and_a_broken_position_is_a_note(synthetic):
    report = synthetic("一、工作回顾\n(一)经济运行稳中向好。落实“五个到位”要求,开展“三比三看”活动。\n")
    tokens, slogans, quotes = language.tokens(report), language.slogans(report), language.quotes(report)
    assert language.token_checks(report, tokens) == []
    assert language.slogan_checks(report, slogans) == []
    moved = quotes.assign(start=quotes["start"] + 1)  # offsets one character off
    got = language.quote_checks(report, moved)
    assert len(got) == len(quotes) and got[0].check == "quote at its offsets" and "五个到位" in got[0].sentence


# --- the per-report memos: counted from plain rows, kept once, handed out as copies ----------------------
def test_ranking_is_by_count_then_first_appearance_whatever_the_row_order():
    # Rows as _token_rows has them: (sentence, section, start, end, token, pos, is_term).
    rows = [
        (0, "1", 30, 32, "河道", "n", True), (0, "1", 0, 2, "果园", "n", True), (0, "1", 10, 12, "河道", "n", True),
        (0, "1", 5, 7, "果园", "n", True), (0, "1", 20, 22, "茶山", "n", True), (0, "1", 3, 4, "的", "uj", False),
        (0, "1", 40, 42, "茶山", "n", True), (0, "1", 50, 52, "渔港", "n", True),
    ]
    expected = [("果园", 2), ("河道", 2), ("茶山", 2), ("渔港", 1)]  # ties: 果园 at 0, 河道 at 10, 茶山 at 20
    assert language._ranked(rows) == expected
    assert language._ranked(reversed(rows)) == expected


def _pandas_term_counts(toks: pd.DataFrame) -> pd.Series:
    """Term counts computed another way: a groupby over the tokens table."""
    toks = toks[toks["is_term"] & (toks["section"] != "0")]
    grouped = toks.groupby("token", sort=False)["start"].agg(["size", "min"])
    grouped = grouped.sort_values(["size", "min"], ascending=[False, True], kind="stable")
    return grouped["size"].astype(int).rename("count").rename_axis("term")


def test_term_counts_and_unit_terms_agree_with_a_count_over_the_tokens_table(seed, synthetic):
    made_up = synthetic(
        "一、工作回顾\n(一)果园增收。果园扩种，河道清淤，河道治理。\n(二)茶山兴旺。茶山绿化，茶山旅游，果园管护。\n"
    )
    for report in (seed, made_up):
        toks = language.tokens(report)
        pd.testing.assert_series_equal(language.term_counts(report, top=None), _pandas_term_counts(toks))
        level = language.comparison_level(report)
        table = language.unit_terms(report, level, top=None)
        toks = toks.assign(unit=language.units_of(report, toks["section"], level))
        for unit, got in table.groupby("unit", sort=False):
            expected = _pandas_term_counts(toks[toks["unit"] == unit])
            assert got["term"].tolist() == expected.index.tolist() and got["count"].tolist() == expected.tolist()
    # 果园 and 茶山 tie at 3: 果园 is written first, so it comes first
    assert list(language.term_counts(made_up, top=3).items()) == [("果园", 3), ("茶山", 3), ("河道", 2)]


def test_memoized_tables_are_copies(seed):
    """Changing a table handed out changes nothing for the next caller."""
    for get in (language.tokens, language.quotes, language.slogans, language.units):
        first = get(seed)
        kept = first.copy(deep=True)
        first.iloc[0, 0] = first.iloc[1, 0]
        pd.testing.assert_frame_equal(get(seed), kept)
    counts = language.term_counts(seed, top=None)
    counts.iloc[0] = -1
    assert language.term_counts(seed, top=None).iloc[0] > 0


def test_keyword_counts_are_the_tokens_of_the_unit(seed):
    keywords = language.section_keywords(seed, "section", top=3)
    toks = language.tokens(seed)
    toks = toks.assign(unit=language.units_of(seed, toks["section"], "section"))
    for row in keywords.itertuples():
        assert row.count == ((toks["unit"] == row.unit) & (toks["token"] == row.keyword)).sum()


def test_segmenting_a_report_leaves_the_garbage_collector_as_it_was(synthetic):
    """Tokens are made with the cyclic collector paused (many small objects, no cycles);
    afterwards it is on again if it was on."""
    import gc

    report = synthetic("一、工作回顾\n(一)果园增收。果园扩种，河道清淤。\n")
    assert gc.isenabled()
    assert len(language.tokens(report)) > 0
    assert gc.isenabled()


def test_pinyin_is_worked_out_once_per_term():
    language.pinyin.cache_clear()
    assert language.pinyin("三江两岸") == "sān jiāng liǎng àn"
    assert language.pinyin("双12行动") == "shuāng 12 xíng dòng"  # digits kept as they are
    assert language.pinyin("三江两岸") == "sān jiāng liǎng àn"  # from the memo this time
    info = language.pinyin.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_a_section_without_content_terms_gives_no_rows_and_the_others_are_counted(synthetic):
    report = synthetic("一、工作回顾\n(一)果园增收。果园扩种，河道清淤。\n(二)2021年\n(三)茶山兴旺。茶山绿化。\n")
    table = language.unit_terms(report, "section", top=None)
    assert list(table.columns) == ["unit", "label", "rank", "term", "count"]
    assert table["unit"].unique().tolist() == ["1.1", "1.3"]  # 1.2 holds a year only
    assert table[table["unit"] == "1.3"][["rank", "term", "count"]].values.tolist() == [
        [1, "茶山", 2], [2, "兴旺", 1], [3, "绿化", 1]
    ]
    assert language.unit_terms(report, "section", top=1)["term"].tolist() == ["果园", "茶山"]
