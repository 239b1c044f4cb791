"""govreport.analysis.segment: our part-of-speech reading gives jieba.posseg's tokens, token for token.

The reference is jieba's own POSTokenizer over the same tokenizer (our user dictionary
loaded), without any of our memos; texts are the bundled report and made-up sentences that
reach the corner cases (names the dictionary lacks, latin letters and digits, blanks,
characters jieba's HMM has never seen).
"""

from __future__ import annotations

import random

import pytest

from govreport import load_report
from govreport.analysis import segment

# Made-up text: invented names and places (runs the dictionary does not cover), latin,
# digits and decimals, blanks and a CRLF, symbols, and characters outside jieba's tables.
MADE_UP = [
    "滹沱河畔的郄家庄新建了一座栾城区图书馆，由蔺某某主持。",
    "召开了X3平台发布会，GDP增长5.2%，PM2.5浓度下降到28微克/立方米。",
    "覃氏兄弟在岜沙寨办起了“鲃鱼”合作社 \r\n 年产值1.2亿元 ，带动  300户。",
    "叒叕㐀𠀀丼 ABC-12 a.b_c #1 & 2",
    "一二三四五六七八九十百千万亿",
    "",
    "。",
    "甪直",
]


def _reference():
    """jieba's own part-of-speech tokenizer over our tokenizer: no memo, jieba's code."""
    import jieba.posseg

    state = segment.setup()
    plain = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    plain.tokenizer, plain.word_tag_tab = state["tokenizer"], state["posseg"].word_tag_tab
    return lambda text: [(w.word, w.flag) for w in plain.cut(text)]


@pytest.fixture(scope="module")
def reference():
    return _reference()


@pytest.fixture(scope="module")
def seed():
    return load_report()


def test_the_bundled_report_is_cut_as_jieba_cuts_it(seed, reference):
    for text in seed.sentences["text"]:
        text = text.replace("\n", "")
        assert segment.pos_cut(text) == reference(text)


@pytest.mark.parametrize("text", MADE_UP)
def test_made_up_text_is_cut_as_jieba_cuts_it(text, reference):
    expected = reference(text)
    assert "".join(w for w, _ in expected) == text
    assert segment.pos_cut(text) == expected
    assert segment.pos_cut(text) == expected  # again: the runs and weights now come from the memos


def test_the_memos_change_nothing_when_they_start_afresh(seed, reference, monkeypatch):
    """With memos of one entry (cleared on nearly every use) the tokens are the same."""
    monkeypatch.setattr(segment, "RUN_MEMO", 1)
    monkeypatch.setattr(segment, "MARK_MEMO", 1)
    monkeypatch.setattr(segment, "BLOCK_MEMO", 1)
    reader = segment._Reader(segment.setup()["tokenizer"], segment.setup()["posseg"].word_tag_tab)
    text = seed.text.replace("\n", "") + MADE_UP[0] + MADE_UP[2]
    assert reader.cut(text) == reference(text)
    assert reader.cut(text) == reference(text)  # (the blocks' memo holds the last block: it is read from it)
    assert len(reader.runs) <= 1 and len(reader.marks) <= 1 and len(reader.blocks) <= 1


def test_the_route_is_jiebas_route(seed):
    """The best route through the dictionary: the same word ends as jieba's get_DAG and calc."""
    state = segment.setup()
    tokenizer, reader = state["tokenizer"], state["reader"]
    for text in list(seed.sentences["text"])[:40] + ["滹沱河畔的郄家庄", "一二三四五"]:
        for block in reader.re_han_internal.split(text.replace("\n", "")):
            if block and reader.re_han_internal.match(block):
                route: dict = {}
                tokenizer.calc(block, tokenizer.get_DAG(block), route)
                assert reader._route(block)[: len(block)] == [route[i][1] for i in range(len(block))]


def test_the_viterbi_pass_is_jiebas(reference):
    """Random strings of characters the HMM knows (and some it does not): the same states."""
    import jieba.posseg as P

    reader = segment.setup()["reader"]
    known = sorted(P.char_state_tab_P)
    rng = random.Random(7)
    for _ in range(300):
        obs = "".join(rng.choice(known) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.2:
            obs += "㐀"  # not in the HMM's character table: every state allowed
        expected = P.viterbi(obs, P.char_state_tab_P, P.start_P, P.trans_P, P.emit_P)[1]
        assert reader._viterbi(obs) == expected, obs


def test_a_character_no_state_can_reach_takes_jiebas_fallback():
    """When none of a character's states can follow the previous character's, jieba scores
    every state the previous ones can move to; so do we (``_viterbi_step``)."""
    import jieba.posseg as P

    reader = segment.setup()["reader"]
    table = P.char_state_tab_P
    singles = [c for c, states in table.items() if all(s[0] == "S" for s in states)]
    middles = [c for c, states in table.items() if all(s[0] in "ME" for s in states)]
    pairs = [
        a + b for a in singles[:200] for b in middles[:200]
        if not any(y in P.trans_P[x] for x in table[a] for y in table[b])
    ]
    assert pairs, "no such pair in jieba's tables"
    for obs in pairs[:20]:
        expected = P.viterbi(obs, P.char_state_tab_P, P.start_P, P.trans_P, P.emit_P)[1]
        assert reader._viterbi(obs) == expected
