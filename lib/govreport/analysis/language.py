"""The report's vocabulary: tokens, numbered slogans (提法), quoted expressions, keywords.

    >>> from govreport import load_report
    >>> from govreport.analysis import language
    >>> report = load_report()
    >>> tokens = language.tokens(report)      # one row per token (jieba, with a policy user dictionary)
    >>> slogans = language.slogans(report)    # numbered formulas found by rule, glossed where known
    >>> first = slogans.iloc[0]
    >>> first["term"], int(first["count"]), first["rule"]
    ('十三五', 1, 'quoted')
    >>> quotes = language.quotes(report)      # every “…” (or 「…」, "…") with its class
    >>> keywords = language.section_keywords(report)  # TF-IDF keywords per section (jieba.analyse)

Nothing happens at import. Tokens come from ``govreport.analysis.segment``: jieba, set up
on first use, once per process, quietly, with the user dictionary ``data/userdict.txt``
(jieba's global tokenizer is left untouched); its part-of-speech reading is jieba.posseg's,
token for token, done faster. Data files, next to this module:

- ``data/userdict.txt``: policy terms kept as one token (六稳, 三大攻坚战, 散乱污 …).
- ``data/stopwords.txt``: function words and the boilerplate of the genre (推进, 加强 …).
- ``data/glossary.csv``: ``term, pinyin, gloss, items, region``: English glosses of slogans and
  quoted expressions. The glossary only *explains*; it never decides what a slogan is.
  A gloss with a ``region`` (河南, 焦作市) is that region's usage and is given only for
  reports of the region (``report_regions``, with ``data/regions.csv``); elsewhere the
  term is "not in the glossary".

Numbered slogans (``slogans``), by rule and never from a list
-------------------------------------------------------------
A numbered formula is a short expression that starts with a number and counts things:
六稳, 四早, 三清零, 一室五组, 六包五查, 两场硬仗, 三大攻坚战, 133护航模式, 十四五.

1. **Shape.** One or more groups of *numeral + word*: a run of Chinese numerals
   (一 … 十, 两, with 百/千/万 only after another numeral) or of digits, then one or more
   other Chinese characters; 2 to 8 characters in all, nothing else (no punctuation,
   no latin letters). 零 and 双 are not numerals here (零感染 is a target, 双替代 a name),
   and 百/千/万 alone mean "many" (百企退城, 千方百计), not a count.
2. **It counts.** At least one of its numbers is 2 or more. "One" counts nothing: 一批,
   一线, 一期, 一等奖, 第一时间, 一个不落 ("not a single one"), 一人一策 ("one plan per
   person") and 一带一路 are not numbered formulas.
3. **Where.** The whole inner text of a “…” that has this shape is a formula (六稳,
   两区, 133护航模式). Outside quotes, where counts are usually just counts, only three
   shapes qualify: a Five-Year-Plan shorthand 十X五 (十三五, 十四五); *numeral + 大 + word*
   (三大攻坚战) and *numeral word numeral word* (四不两直), written in Chinese numerals,
   and only when the report repeats the phrase or puts it in a heading. A one-off count
   such as 十大重点工程 (ten key projects of a list) or 4大规划 describes; a formula recurs.
   Ordinals are excluded: nothing preceded by 第 or by another numeral.
   A session or congress number counts nothing either (``SESSION_RE``): 十九大, 二十大
   (a Party congress, numbered eleven and up), 九届六次 (a plenary of a sitting body),
   十二次全会, 三次会议.
4. **Counting.** Once a term is found, every occurrence in the text is counted, quoted
   or not (六稳 appears in a quote and in a section heading).

Quote classes (``quotes``)
--------------------------
A quoted expression is written in “…”, in 「…」 or in ASCII "…" (``QUOTE_RE``); each gets
one ``kind``, decided by cue words, first match wins:

1. the quoted text ends with a cue word (固链行动 → campaign, 133护航模式 → platform,
   绽放杯 → honour);
2. otherwise the first cue word in the *head* that follows the quote, up to the end of
   the clause (“企业纾困360”平台 → platform; “一联三帮”等活动 → campaign; “小巨人”企业名单
   → honour). Adjacent quotes (joined directly or by 、) share the head that follows
   the last of them and the context before the first;
3. otherwise the cue verb nearest before the quote in its clause (开展“三大改造” →
   campaign; 入选…“小巨人” → honour);
4. otherwise ``slogan``: a formula, target or catch-phrase (六稳, 散乱污, 零感染, 一个不落).

Cue words: **honour** 奖 杯 称号 荣誉 名单 桂冠 奖章 (before: 荣获 获评 评为 授予 入选 荣膺);
**platform** (platform, system, mechanism or brand) 平台 模式 品牌 制度 机制 系统 热线
APP 小程序 公众号 网站 码 卡 中心 基地 商标; **campaign** (campaign or activity) 行动 活动
工程 竞赛 大赛 节 (before: 开展 举办 启动). Quotes that span lines or are unbalanced
are skipped.

Known limits: a slogan written once, unquoted and outside a heading (做好六稳工作) is not
found; a quote with no cue word is classed as a slogan. The glossary explains the slogans
it holds and says "not in the glossary" for the others.
"""

from __future__ import annotations

import collections
import csv
import re
from functools import lru_cache
from operator import itemgetter
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .. import paths
from ..reading.gcpause import paused_gc
from . import frames, memo, prose, segment
from .segment import USERDICT_FILE, _userdict
from .notes import note
from .summary import short_title

STOPWORDS_FILE = paths.DATA_DIR / "stopwords.txt"
GLOSSARY_FILE = paths.DATA_DIR / "glossary.csv"
REGIONS_FILE = paths.DATA_DIR / "regions.csv"
GLOSSARY_COLUMNS = ["term", "pinyin", "gloss", "items", "region"]

TOKEN_COLUMNS = ["sentence", "section", "start", "end", "token", "pos", "is_term"]
SLOGAN_COLUMNS = ["term", "count", "quoted", "sections", "starts", "rule", "pinyin", "gloss", "items", "glossed"]
QUOTE_COLUMNS = ["id", "start", "end", "quote", "section", "sentence", "kind", "cue", "numbered", "gloss"]
KEYWORD_COLUMNS = ["unit", "label", "rank", "keyword", "weight", "count"]
LEVELS = ("part", "section", "point")
KINDS = ("slogan", "campaign", "platform", "honour")

#: Parts of speech (jieba's ICTCLAS tags) that can be a content term: nouns, verbs,
#: adjectives, distinguishing words, abbreviations, idioms, set phrases, latin words.
#: Numerals (m), measure words, pronouns, adverbs, prepositions, conjunctions,
#: particles, time and direction words and punctuation (x) cannot.
TERM_POS = (
    "n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "s",
    "v", "vn", "vd", "vg", "vi", "a", "an", "ag", "b", "j", "l", "i", "eng",
)


# --- numbered formulas ------------------------------------------------------
_LEAD = "一二三四五六七八九十两"
_CJK = "\u4e00-\u9fff"
_NUM_CN = f"[{_LEAD}][{_LEAD}百千万]*"
_NUM = f"(?:{_NUM_CN}|[0-9０-９]+)"
_NONNUM = f"(?:(?![{_LEAD}])[{_CJK}])"  # a Chinese character that is not a lead numeral
#: The inner text of a quote that is a numbered formula (rule 1): numeral + word, repeated.
FORMULA_RE = re.compile(rf"(?:{_NUM}{_NONNUM}+)+(?:{_NUM_CN})?")
#: Five-Year-Plan shorthands: 十一五 … 十九五.
FIVE_YEAR_RE = re.compile("十[一二三四五六七八九]五")
_NOT_AFTER = f"(?<![{_LEAD}百千万0-9０-９第])"  # no ordinal 第, not inside a longer number
_UNQUOTED_FYP_RE = re.compile(rf"{_NOT_AFTER}十[一二三四五六七八九]五(?![{_LEAD}百千万0-9０-９个年届次岁位名人亿元%％])")
_UNQUOTED_BIG_RE = re.compile(rf"{_NOT_AFTER}(?P<num>[二三四五六七八九两]|十[一二三四五六七八九]?)大(?P<word>{_NONNUM}{{2,3}})")
_UNQUOTED_PAIR_RE = re.compile(rf"{_NOT_AFTER}[{_LEAD}]{_NONNUM}[{_LEAD}]{_NONNUM}")
FORMULA_MIN, FORMULA_MAX = 2, 8
#: Session and congress numbers, which are ordinals, not counts (rule 3): a congress
#: numbered eleven and up (十九大, 二十大, 十八大以来), a term 届 with or without its
#: session 次, a session with 全会/会议.
SESSION_RE = re.compile(
    rf"(?:十[一二三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)大.*"
    rf"|{_NUM_CN}届(?:{_NUM_CN}次)?.*"
    rf"|{_NUM_CN}次(?:全会|全体会议|会议|党代会).*"
)

#: A quoted expression: in “…”, in 「…」, or in ASCII "…" (at most 40 characters, on one
#: line; ASCII quotes pair up from the left). The inner text is group 1 (see ``quote_span``).
QUOTE_RE = re.compile('“([^“”\r\n]+)”|「([^「」\r\n]+)」|"([^"“”\r\n]{1,40})"')
#: Each opening quote mark with its closing one.
QUOTE_MARKS = {"“": "”", "「": "」", '"': '"'}


def quote_span(m: re.Match) -> tuple[str, int, int]:
    """The quoted text of a ``QUOTE_RE`` match, with its start and end (marks excluded)."""
    g = next(i for i in (1, 2, 3) if m.group(i) is not None)
    return m.group(g), m.start(g), m.end(g)


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands alone between a pair of quote marks (“…”, 「…」, "…")."""
    return start > 0 and end < len(text) and QUOTE_MARKS.get(text[start - 1]) == text[end]
_CLAUSE_END = "，,。；;：:！？!?\r\n（("
_CONTEXT = 30  # at most this many characters of head / context are looked at

# Cue words for quote classes (see the module docstring). Regexes, tried as written.
_CUES = {
    "honour": ["奖章", "称号", "荣誉", "名单", "桂冠", "杯", "奖(?![补励金惩])"],
    "platform": ["平台", "模式", "品牌", "制度", "机制", "系统", "热线", "APP", "App", "小程序",
                 "公众号", "网站", "码", "卡", "中心", "商标"],
    "campaign": ["行动", "活动", "工程", "竞赛", "大赛", "节(?![约能水点省俭])"],
}
_CUES_BEFORE = {
    "honour": ["荣获", "获评", "评为", "授予", "入选", "荣膺"],
    "campaign": ["开展", "举办", "启动"],
}


#: The cue words compiled, in the order they are tried: (kind, cue, cue at the end of a text).
_CUE_RES = [(kind, re.compile(cue), re.compile(f"(?:{cue})$")) for kind in ("honour", "platform", "campaign") for cue in _CUES[kind]]
_CUE_BEFORE_RES = [(kind, re.compile(cue)) for kind, cues in _CUES_BEFORE.items() for cue in cues]


def _numbers_count(term: str) -> bool:
    """Rule 2: at least one number in the term is 2 or more ("one" counts nothing)."""
    for run in re.findall(_NUM, term):
        if run.isdigit() or all(c in "０１２３４５６７８９" for c in run):
            value = int(run.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        else:
            value = 1 if run == "一" else 2  # any other Chinese numeral run is at least 2
        if value >= 2:
            return True
    return False


def is_numbered_formula(term: str) -> bool:
    """True if ``term`` (the inner text of a quote) is a numbered formula by rules 1 and 2."""
    term = term.strip()
    if not FORMULA_MIN <= len(term) <= FORMULA_MAX or SESSION_RE.fullmatch(term):
        return False
    if FIVE_YEAR_RE.fullmatch(term):
        return True
    return bool(FORMULA_RE.fullmatch(term)) and _numbers_count(term)


# --- data files ---------------------------------------------------------------
def user_terms() -> list[str]:
    """The terms of the user dictionary, in file order."""
    return [w for w, _, _ in _userdict()]


@lru_cache(maxsize=None)
def _stopwords() -> frozenset[str]:
    return frozenset(paths.data_lines(STOPWORDS_FILE))


def stopwords() -> set[str]:
    """The stopword list (function words and boilerplate of the genre)."""
    return set(_stopwords())


@lru_cache(maxsize=None)
def _glossary() -> pd.DataFrame:
    with open(GLOSSARY_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    table = pd.DataFrame(rows, columns=GLOSSARY_COLUMNS).fillna("")
    for col in table.columns:
        table[col] = table[col].astype(str).str.strip()
    return table


def glossary() -> pd.DataFrame:
    """The glossary: ``term, pinyin, gloss, items, region`` (strings; items and region may be empty).

    ``region`` is empty for a gloss that holds everywhere (六稳, 十四五); otherwise the gloss
    belongs to that region's usage (两区 is Henan's "two zones"), and is given only for
    reports of that region (see ``report_regions``).
    """
    return _glossary().copy()


@lru_cache(maxsize=None)
def _region_places() -> dict[str, tuple[str, ...]]:
    """region -> the places (province, prefecture-level cities) that belong to it, from regions.csv."""
    with open(REGIONS_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["region"].strip(), []).append(row["place"].strip())
    return {k: tuple(v) for k, v in out.items()}


def report_regions(report) -> set[str]:
    """The glossary regions a report belongs to, from its metadata (``place``, and ``province``
    when the metadata has one).

    A region matches when a place of the report starts with the region's name (焦作市 for
    焦作市 or 焦作市解放区) or with one of the places ``data/regions.csv`` lists for it
    (河南: 河南省, 郑州市, …, 焦作市). A report whose place is unknown belongs to no region,
    so it gets only the glosses that hold everywhere.
    """
    meta = getattr(report, "meta", None) or {}
    places = [str(meta[k]) for k in ("place", "province") if meta.get(k)]
    regions = set(_glossary()["region"]) - {""}
    found = set()
    for region in regions:
        prefixes = (region,) + _region_places().get(region, ())
        if any(p.startswith(prefixes) for p in places):
            found.add(region)
    return found


@lru_cache(maxsize=None)
def _glossary_rows() -> tuple[dict, ...]:
    """The glossary's rows as dicts (read, never changed, by ``_gloss_map``'s callers)."""
    return tuple(_glossary().to_dict("records"))


def _gloss_map(report=None) -> dict[str, dict]:
    """term -> glossary row that applies to ``report``: a gloss of the report's region first,
    else one that holds everywhere; regional glosses of other regions are left out."""
    regions = report_regions(report) if report is not None else set()
    out: dict[str, dict] = {}
    for row in _glossary_rows():
        region = row["region"]
        if region and region not in regions:
            continue
        if row["term"] not in out or region:
            out[row["term"]] = row
    return out


NOT_GLOSSED = "(not in the glossary)"


def with_gloss_notes(table: pd.DataFrame, column: str = "gloss") -> pd.DataFrame:
    """For display: an empty gloss reads "(not in the glossary)" (for this report's region)."""
    return table.assign(**{column: table[column].where(table[column] != "", NOT_GLOSSED)})


@lru_cache(maxsize=4096)  # the same formulas (十四五, 两新) recur from report to report
def pinyin(term: str) -> str:
    """Pinyin with tone marks, syllables separated by spaces (pypinyin); digits kept as they are."""
    with paused_gc():  # (the first import builds pypinyin's tables: many objects, no cycles)
        from pypinyin import Style, lazy_pinyin

    return " ".join(s.strip() for s in lazy_pinyin(term, style=Style.TONE) if s.strip())


# --- jieba (set up in ``segment``) ------------------------------------------------

def _tfidf():
    state = segment.setup()
    if "tfidf" not in state:
        with segment._LOCK, segment._quiet_setup():
            if "tfidf" not in state:
                import copy

                import jieba.analyse

                # jieba's default TF-IDF extractor (its bundled IDF table, loaded at import),
                # copied so that our tokenizer and stopwords do not touch the global one.
                extractor = copy.copy(jieba.analyse.default_tfidf)
                extractor.tokenizer = state["tokenizer"]
                extractor.postokenizer = state["posseg"]
                extractor.stop_words = set(extractor.stop_words) | set(_stopwords())
                state["tfidf"] = extractor
    return state["tfidf"]


def cut(text: str) -> list[str]:
    """Segment a string with the project's tokenizer (user dictionary loaded)."""
    return list(segment.setup()["tokenizer"].cut(text))


# --- per-report caches and outline helpers --------------------------------------------
def _cache(report) -> dict:
    """This module's part of the report's memo (``govreport.analysis.memo``)."""
    return memo.cache(report).setdefault(__name__, {})


def units_of(report, node_ids, level: str) -> list[str | None]:
    """``unit_of`` for each of ``node_ids`` (a token's section, say), each distinct id looked up once."""
    found: dict = {}
    return [found[i] if i in found else found.setdefault(i, unit_of(report, i, level)) for i in node_ids]


def unit_of(report, node_id: str, level: str) -> str | None:
    """The ancestor (or self) of outline node ``node_id`` at ``level``, or None."""
    nodes = memo.outline_nodes(report)
    current: str | None = node_id
    while current is not None:
        node = nodes[current]
        if node["level"] == level:
            return current
        current = None if pd.isna(node["parent"]) else str(node["parent"])
    return None


def place(report, pos: int) -> str:
    """Where offset ``pos`` lies: its section id, else its part id, else "0" (the preamble)."""
    node = report.section_at(pos)
    return unit_of(report, node, "section") or unit_of(report, node, "part") or "0"


def units(report, level: str = "section") -> pd.DataFrame:
    """The outline nodes at ``level``: ``id, title, label, start, end`` (label = id + short title)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    return _units(report, level)


@memo.per_report
def _units(report, level: str) -> pd.DataFrame:
    nodes = report.outline[report.outline["level"] == level]
    return pd.DataFrame(
        {
            "id": nodes["id"].astype(str).to_numpy(),
            "title": nodes["title"].to_numpy(),
            "label": [f"{i} {short_title(t, width=12)}" for i, t in zip(nodes["id"], nodes["title"])],
            "start": nodes["start"].to_numpy(),
            "end": nodes["end"].to_numpy(),
        }
    )


def comparison_level(report, max_units: int = 8) -> str:
    """The outline level to compare units at: sections when there are 2…max_units, else parts."""
    counts = collections.Counter(report.outline["level"].tolist())
    sections, parts = counts["section"], counts["part"]
    if 2 <= sections <= max_units or parts < 2:
        return "section"
    return "part"


def _heading_spans(report) -> list[tuple[int, int]]:
    """Spans of the heading sentences: the first sentence of every part, section and point."""
    outline, sentences = report.outline, report.sentences
    starts, ends = sentences["start"].tolist(), sentences["end"].tolist()  # by position: the sentence id
    spans = []
    for start in outline["start"][outline["level"] != "preamble"].tolist():
        sid = report.sentence_at(start)
        if sid is not None:
            spans.append((int(starts[sid]), int(ends[sid])))
    return spans


# --- tokens and terms ---------------------------------------------------------------------
_HAS_WORD = re.compile(f"[{_CJK}A-Za-z]")


_PLACE_SUFFIX = re.compile("(?:自治区|自治州|自治县|特别行政区|省|市|县|区|州|盟|旗)$")


#: The last character of a place that names its level, for "the whole …" (全县 of 梅溪县).
_WHOLE_OF = "省市县区州旗盟国"


def own_names(report) -> set[str]:
    """The report's own place name, with and without its suffix (焦作市, 焦作), and "the whole"
    of it (全市 of a city, 全省 of a province, 全县 of a county, 全区 of 广西壮族自治区, 全国 of
    中华人民共和国): a report naming itself says nothing about its topics, so these are not
    content terms."""
    place = (report.meta or {}).get("place") or ""
    names = {place, _PLACE_SUFFIX.sub("", place)} - {""}
    if place[-1:] and place[-1] in _WHOLE_OF:
        names.add("全" + place[-1])
    return {n for n in names if len(n) >= 2}


def is_term(token: str, pos: str, exclude: Iterable[str] = ()) -> bool:
    """A content term: at least two characters, a content part of speech, not a stopword
    (nor one of ``exclude``)."""
    token = token.strip()
    return (
        len(token) >= 2
        and pos in TERM_POS
        and bool(_HAS_WORD.search(token))
        and token not in _stopwords()
        and token not in exclude
    )


def _without_breaks(text: str, offset: int) -> tuple[str, Sequence[int]]:
    """``text`` without line breaks, and the offset (``offset`` + index) of each kept character."""
    if "\n" not in text and "\r" not in text:
        return text, range(offset, offset + len(text))
    kept = [i for i, c in enumerate(text) if c not in "\r\n"]
    return "".join(text[i] for i in kept), [offset + i for i in kept]


@memo.per_report
def tokens(report) -> pd.DataFrame:
    """One row per token (jieba.posseg with the user dictionary), whitespace dropped.

    Columns: ``sentence`` (id in ``report.sentences``), ``section`` (deepest outline node,
    as in ``report.sentences``), ``start``, ``end`` (``report.text[start:end] == token``),
    ``token``, ``pos`` (jieba's part-of-speech tag; user-dictionary terms are ``nz``),
    (in a hard-wrapped text a token cut by a line break spans it: ``text[start:end]`` then
    holds the break too),
    ``is_term`` (counted as a content term: see ``is_term``; the report's own place name,
    ``own_names``, never is).
    """
    rows = _token_rows(report)
    if rows:  # column by column, each of its dtype: far faster than rows of mixed types
        dtypes = {"sentence": "int64", "start": "int64", "end": "int64", "is_term": "bool"}
        return pd.DataFrame(
            {name: _column(list(map(itemgetter(i), rows)), dtypes.get(name)) for i, name in enumerate(TOKEN_COLUMNS)}
        )
    table = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    return table.astype({"sentence": int, "start": int, "end": int, "is_term": bool})


def _column(values: list, dtype: str | None = None):
    """A table column made from a list of Python values: numbers and booleans as a NumPy array
    of ``dtype``, strings (``dtype`` None) in the string dtype pandas gives a list of strings."""
    if dtype is not None:
        return np.array(values, dtype=dtype)
    return pd.array(values, dtype=_string_dtype())


@lru_cache(maxsize=None)
def _string_dtype():
    """The dtype pandas infers for a column of strings (``str`` under pandas 3)."""
    return pd.Series(["x"]).dtype


def _token_rows(report) -> list[tuple]:
    """The rows of ``tokens`` as plain tuples, in its column order, made once per report
    (shared: read them, never change them; walking them is many times faster than a table)."""
    cache = _cache(report)
    if "token_rows" not in cache:
        with paused_gc():  # many small objects, no cycles: see govreport.reading.gcpause
            cache["token_rows"] = _segment_sentences(report)
    return cache["token_rows"]


def _segment_sentences(report) -> list[tuple]:
    """The token rows of every sentence (``_token_rows``), segmented."""
    exclude = own_names(report)
    terms: dict[tuple[str, str], bool] = {}  # is_term of each (token, pos), decided once
    rows = []
    for sentence in frames.rows(report.sentences):
        # Correction: in a hard-wrapped text (meta["wrapped"]) a sentence holds line
        # breaks that split its words; they are cut out before segmenting, and each
        # token is mapped back to its offsets in report.text (a token cut by a break
        # then spans it).
        text, where, base = sentence.text, None, sentence.start
        if "\n" in text or "\r" in text:
            text, where = _without_breaks(text, base)
        sid, section = sentence.id, sentence.section
        pos = 0
        for word, flag in segment.pos_cut(text):
            n = len(word)
            if word.strip():
                if where is None:
                    start, end = base + pos, base + pos + n
                else:
                    start, end = where[pos], where[pos + n - 1] + 1
                term = terms.get((word, flag))
                if term is None:
                    term = terms[word, flag] = is_term(word, flag, exclude)
                rows.append((sid, section, start, end, word, flag, term))
            pos += n
        if pos != len(text):  # posseg returns every character; anything else is a bug
            raise RuntimeError(f"token offsets drifted in sentence {sentence.id}")
    return rows


def _ranked(rows: Iterable[tuple]) -> list[tuple[str, int]]:
    """(term, count) of the content terms among token ``rows``, most frequent first; ties in
    order of first appearance (the smallest start: no two tokens start at one offset)."""
    in_order = sorted((r for r in rows if r[6]), key=itemgetter(2))  # (already in order: one pass)
    counts = collections.Counter(r[4] for r in in_order)  # keys in order of first appearance
    return sorted(counts.items(), key=itemgetter(1), reverse=True)  # stable: ties keep that order


def _counts_series(ranked: list[tuple[str, int]], report) -> pd.Series:
    """``ranked`` as a Series term -> count (the term index has the tokens' string dtype)."""
    if not ranked:
        return pd.Series(dtype=int, name="count")
    index = pd.Index([t for t, _ in ranked], dtype=tokens(report)["token"].dtype, name="term")
    return pd.Series([n for _, n in ranked], index=index, dtype=int, name="count")


def _report_ranked(report, preamble: bool) -> list[tuple[str, int]]:
    """``_ranked`` over the report's tokens (the preamble's too when ``preamble``), made once."""
    cache = _cache(report)
    key = ("ranked", preamble)
    if key not in cache:
        rows = _token_rows(report)
        cache[key] = _ranked(rows if preamble else (r for r in rows if r[1] != "0"))
    return cache[key]


def term_counts(report, top: int | None = 20, preamble: bool = False) -> pd.Series:
    """The most frequent content terms of the report: a Series term -> count.

    The preamble (dateline, speaker, salutation) is left out unless ``preamble=True``.
    Ties are ordered by first appearance, so the result is deterministic.
    """
    ranked = _report_ranked(report, preamble)
    return _counts_series(ranked if top is None else ranked[:top], report)


def unit_terms(report, level: str = "section", top: int | None = 8) -> pd.DataFrame:
    """The most frequent content terms of every unit at ``level``: ``unit, label, rank, term, count``."""
    tokens(report)
    by_unit = _rows_by_unit(report, level)
    table = units(report, level)
    ranked = [_ranked(r for r in by_unit.get(unit, ()) if r[1] != "0") for unit in table["id"].tolist()]
    if top is not None:
        ranked = [r[:top] for r in ranked]
    columns = ["unit", "label", "rank", "term", "count"]
    if ranked and all(ranked):  # one table, column by column
        n = [len(r) for r in ranked]
        return pd.DataFrame({
            "unit": _column([u for u, k in zip(table["id"].tolist(), n) for _ in range(k)]),
            "label": _column([l for l, k in zip(table["label"].tolist(), n) for _ in range(k)]),
            "rank": _column([i for k in n for i in range(1, k + 1)], "int64"),
            "term": _column([t for r in ranked for t, _ in r]),
            "count": _column([c for r in ranked for _, c in r], "int64"),
        })
    # A unit without terms: a table per unit, put together (pandas then decides the dtypes).
    parts = []
    for unit, label, r in zip(table["id"].tolist(), table["label"].tolist(), ranked):
        counts = _counts_series(r, report)
        parts.append(
            pd.DataFrame({"unit": unit, "label": label, "rank": range(1, len(counts) + 1),
                          "term": counts.index, "count": counts.to_numpy()})
        )
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def section_keywords(report, level: str = "section", top: int = 10) -> pd.DataFrame:
    """TF-IDF keywords of every unit at ``level`` (jieba.analyse, jieba's bundled IDF table).

    Why TF-IDF and not TextRank: sections are short (a few hundred characters), too
    short for TextRank's co-occurrence graph, which then ranks the words frequent
    everywhere (发展, 企业, 国家) first; TF-IDF against jieba's IDF table (from a large
    general corpus) rewards words frequent in the section and rare in ordinary Chinese,
    which is what "what this section stresses" means. It is deterministic and needs no
    training.

    Columns: ``unit`` (outline id), ``label``, ``rank`` (1 = strongest), ``keyword``,
    ``weight`` (jieba's TF-IDF score), ``count`` (occurrences of the keyword as a token in the unit).
    Candidates are the content parts of speech (``TERM_POS``) minus the stopwords.
    """
    cache = _cache(report)
    key = ("keywords", level)
    if key not in cache:
        cache[key] = _keywords(report, level)
    ranked = cache[key]
    return ranked[ranked["rank"] <= top].reset_index(drop=True)


def _rows_by_unit(report, level: str) -> dict[str | None, list[tuple]]:
    """The report's token rows (``_token_rows``), in order, under the unit at ``level`` that
    holds each; made once per report and level (shared: read, never change)."""
    cache = _cache(report)
    key = ("rows by unit", level)
    if key not in cache:
        rows = _token_rows(report)
        out: dict[str | None, list[tuple]] = {}
        for unit, row in zip(units_of(report, [r[1] for r in rows], level), rows):
            out.setdefault(unit, []).append(row)
        cache[key] = out
    return cache[key]


def _unit_counts(report, level: str) -> dict[str | None, collections.Counter]:
    """Occurrences of each token (any part of speech) in each unit at ``level``, made once."""
    cache = _cache(report)
    key = ("unit counts", level)
    if key not in cache:
        cache[key] = {unit: collections.Counter(r[4] for r in rows) for unit, rows in _rows_by_unit(report, level).items()}
    return cache[key]


def _keywords(report, level: str) -> pd.DataFrame:
    """Every unit's candidates ranked by TF-IDF (``section_keywords`` without the cut).

    The weights are those of jieba.analyse's ``extract_tags`` (count × IDF / the unit's
    number of candidates, jieba's median IDF for a word its table lacks), computed from the
    report's tokens (``tokens``: segmented once, wraps mended) instead of segmenting each
    unit's text again; ties keep the order of first occurrence.
    """
    extractor = _tfidf()
    exclude = own_names(report)
    stop = extractor.stop_words
    allowed = frozenset(TERM_POS)
    by_unit = _rows_by_unit(report, level)
    unit_counts = _unit_counts(report, level)
    idf, median = extractor.idf_freq, extractor.median_idf
    candidate: dict[tuple[str, str], bool] = {}  # (token, pos) -> a candidate, decided once
    columns: list[list] = [[] for _ in KEYWORD_COLUMNS]
    for unit in frames.rows(units(report, level)):
        counts = unit_counts.get(unit.id, {})
        freq: dict[str, float] = {}  # candidate -> occurrences, in order of first occurrence
        for (word, pos), n in collections.Counter(map(itemgetter(4, 5), by_unit.get(unit.id, ()))).items():
            ok = candidate.get((word, pos))
            if ok is None:
                ok = candidate[word, pos] = pos in allowed and len(word.strip()) >= 2 and word.lower() not in stop
            if ok:
                freq[word] = freq.get(word, 0.0) + float(n)
        total = sum(freq.values())
        weights = {w: n * idf.get(w, median) / total for w, n in freq.items()}
        tags = [(w, x) for w, x in sorted(weights.items(), key=itemgetter(1), reverse=True) if w not in exclude]
        n = len(tags)
        columns[0] += [unit.id] * n
        columns[1] += [unit.label] * n
        columns[2] += range(1, n + 1)
        columns[3] += [w for w, _ in tags]
        columns[4] += [float(x) for _, x in tags]
        columns[5] += [int(counts.get(w, 0)) for w, _ in tags]
    if not columns[0]:
        return pd.DataFrame([], columns=KEYWORD_COLUMNS)
    dtypes = (None, None, "int64", None, "float64", "int64")  # column by column: far faster than rows
    return pd.DataFrame({name: _column(values, dtype) for name, values, dtype in zip(KEYWORD_COLUMNS, columns, dtypes)})


def keyword_matrix(report, level: str = "section", top: int = 4, max_keywords: int = 16) -> pd.DataFrame:
    """Keyword × unit counts: the union of every unit's ``top`` TF-IDF keywords (rows, in
    order of the unit that ranks them first) against the units (columns, labelled)."""
    keywords = section_keywords(report, level, top=top)
    chosen = list(dict.fromkeys(keywords.sort_values(["unit", "rank"], kind="stable")["keyword"]))[:max_keywords]
    unit_counts = _unit_counts(report, level)
    table = units(report, level)
    matrix = pd.DataFrame(0, index=pd.Index(chosen, name="keyword"), columns=table["label"].tolist())
    for unit in frames.rows(table):
        counts = unit_counts.get(unit.id, {})
        matrix[unit.label] = [int(counts.get(k, 0)) for k in chosen]
    return matrix


# --- quotes ----------------------------------------------------------------------------------
def _mask_quotes(text: str) -> str:
    """The text with the inside of every quote (“…”, 「…」, "…") replaced by spaces (same length)."""
    return QUOTE_RE.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], text)


def _first_cue(head: str) -> tuple[str, str] | None:
    best = None
    for kind, cue, _ in _CUE_RES:
        m = cue.search(head)
        if m and (best is None or (m.start(), -len(m.group())) < (best[0], -len(best[2]))):
            best = (m.start(), kind, m.group())
    return None if best is None else (best[1], best[2])


def _last_cue_before(before: str) -> tuple[str, str] | None:
    best = None
    for kind, cue in _CUE_BEFORE_RES:
        for m in cue.finditer(before):
            if best is None or m.end() > best[0]:
                best = (m.end(), kind, m.group())
    return None if best is None else (best[1], best[2])


def _clause_after(masked: str, pos: int) -> str:
    end = pos
    while end < len(masked) and end - pos < _CONTEXT and masked[end] not in _CLAUSE_END:
        end += 1
    return masked[pos:end]


def _clause_before(masked: str, pos: int) -> str:
    start = pos
    while start > 0 and pos - start < _CONTEXT and masked[start - 1] not in _CLAUSE_END:
        start -= 1
    return masked[start:pos]


def classify_quote(inner: str, before: str, after: str) -> tuple[str, str]:
    """(kind, cue) of a quoted expression given the clause text before and after it."""
    for kind, _, at_end in _CUE_RES:
        if m := at_end.search(inner):
            return kind, f"quote ends in {m.group()}"
    if (after_cue := _first_cue(after)) is not None:
        return after_cue[0], f"followed by {after_cue[1]}"
    if (before_cue := _last_cue_before(before)) is not None:
        return before_cue[0], f"after {before_cue[1]}"
    return "slogan", ""


@memo.per_report
def quotes(report) -> pd.DataFrame:
    """Every “…” expression of the report, classified (see the module docstring for the rule).

    Columns: ``id``; ``start``, ``end`` (of the quoted text, marks excluded: ``text[start:end]
    == quote``); ``quote``; ``section`` (section id, else part id, else "0"); ``sentence``;
    ``kind`` (slogan, campaign, platform, honour); ``cue`` (what decided the kind; empty for
    the default); ``numbered`` (a numbered formula by the slogan rule); ``gloss`` (English,
    from the glossary, or empty). Made once per report; each call returns a copy.
    """
    return _quotes(report)


def _quotes(report) -> pd.DataFrame:
    text = report.text
    masked = _mask_quotes(text)
    found = list(QUOTE_RE.finditer(text))
    # Runs of adjacent quotes (joined directly or by 、) share their context.
    runs: list[list[re.Match]] = []
    for m in found:
        if runs and text[runs[-1][-1].end() : m.start()] in ("", "、"):
            runs[-1].append(m)
        else:
            runs.append([m])
    glosses = _gloss_map(report)
    rows = []
    for run in runs:
        before = _clause_before(masked, run[0].start())
        after = _clause_after(masked, run[-1].end())
        for m in run:
            quote, start, end = quote_span(m)
            kind, cue = classify_quote(quote, before, after)
            rows.append(
                (len(rows), start, end, quote, place(report, start), report.sentence_at(start),
                 kind, cue, is_numbered_formula(quote), glosses.get(quote, {}).get("gloss", ""))
            )
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype({"id": int, "start": int, "end": int, "numbered": bool, "sentence": "Int64"})


# --- slogans ----------------------------------------------------------------------------------
def _unquoted_candidates(report) -> dict[str, str]:
    """Numbered formulas written without quotes (rule 3): term -> the reason it qualifies."""
    masked = _mask_quotes(report.text)
    headings = _heading_spans(report)

    def in_heading(pos: int) -> bool:
        return any(s <= pos < e for s, e in headings)

    found: dict[str, str] = {}
    for m in _UNQUOTED_FYP_RE.finditer(masked):
        found.setdefault(m.group(), "five-year plan")
    # numeral + 大 + word: group by the numeral and the word's first two characters;
    # the term is the longest continuation shared by all occurrences (at most 3 characters).
    groups: dict[str, list[re.Match]] = {}
    for m in _UNQUOTED_BIG_RE.finditer(masked):
        groups.setdefault(f"{m['num']}大{m['word'][:2]}", []).append(m)
    pairs: dict[str, list[re.Match]] = {}
    for m in _UNQUOTED_PAIR_RE.finditer(masked):
        if _numbers_count(m.group()):
            pairs.setdefault(m.group(), []).append(m)
    for key, ms in list(groups.items()) + list(pairs.items()):
        if key in pairs:
            term = key
        else:
            words = [m["word"] for m in ms]
            common = words[0]
            for w in words[1:]:
                while not w.startswith(common):
                    common = common[:-1]
            term = f"{ms[0]['num']}大{common}"
        if len(ms) >= 2:
            found.setdefault(term, "recurs")
        elif any(in_heading(m.start()) for m in ms):
            found.setdefault(term, "heading")
    return {t: r for t, r in found.items() if not SESSION_RE.fullmatch(t)}


def _occurrences(text: str, terms: Iterable[str]) -> dict[str, list[int]]:
    """Start offsets of every term; longer terms claim their span first; ordinals are skipped."""
    taken = [False] * len(text)
    out: dict[str, list[int]] = {}
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        starts = []
        for m in re.finditer(re.escape(term), text):
            s, e = m.start(), m.end()
            if s > 0 and (text[s - 1] in _LEAD + "百千万第" or text[s - 1].isdigit()):
                continue
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            starts.append(s)
        out[term] = sorted(starts)
    return out


@memo.per_report
def slogans(report) -> pd.DataFrame:
    """One row per distinct numbered formula (提法) found by rule (see the module docstring).

    Columns: ``term``; ``count`` (occurrences in the text); ``quoted`` (of which inside “…”);
    ``sections`` (list of section ids, else part ids, else "0", in order of appearance);
    ``starts`` (list of offsets: ``text[s:s+len(term)] == term``); ``rule`` (why it is a
    formula: quoted, five-year plan, recurs, heading); ``pinyin`` (glossary, else pypinyin);
    ``gloss`` and ``items`` (glossary, else empty); ``glossed`` (in the glossary, with a gloss
    that applies to this report's region).
    Rows are in order of first appearance. Computed once per report (every section page
    counts its own occurrences from it); each call returns a copy.
    """
    return _slogans(report)


def _slogans(report) -> pd.DataFrame:
    text = report.text
    found: dict[str, str] = {}
    for m in QUOTE_RE.finditer(text):
        quote = quote_span(m)[0].strip()
        if is_numbered_formula(quote):
            found.setdefault(quote, "quoted")
    for term, reason in _unquoted_candidates(report).items():
        found.setdefault(term, reason)
    occurrences = _occurrences(text, found)
    glosses = _gloss_map(report)
    rows = []
    for term, reason in found.items():
        starts = occurrences[term]
        if not starts:
            continue
        quoted = sum(1 for s in starts if is_quoted(text, s, s + len(term)))
        entry = glosses.get(term)
        rows.append(
            (term, len(starts), quoted, list(dict.fromkeys(place(report, s) for s in starts)), starts, reason,
             entry["pinyin"] if entry and entry["pinyin"] else pinyin(term),
             entry["gloss"] if entry else "", entry["items"] if entry else "", entry is not None)
        )
    rows.sort(key=lambda r: r[4][0])
    table = pd.DataFrame(rows, columns=SLOGAN_COLUMNS)
    for column, kind in (("count", int), ("quoted", int), ("glossed", bool)):
        if table[column].dtype != kind:  # (made so already when there are rows: astype would copy)
            table[column] = table[column].astype(kind)
    return table


# --- the language page's checks, as notes ---------------------------------------------------
def token_checks(report, tokens: pd.DataFrame) -> list:
    """Every token is the text at its offsets (``read_span``), and the tokens joined give the
    sentences' text without blanks: one note per failed check (``govreport.analysis.notes``)."""
    out = []
    words = tokens["token"].tolist()  # plain lists: far faster to walk than a table's columns
    spans = list(map(report.read_span, tokens["start"].tolist(), tokens["end"].tolist()))
    if spans != words:  # one note is enough to show the offsets are off: the first token that differs
        i = next(i for i, (span, word) in enumerate(zip(spans, words)) if span != word)
        sid = int(tokens["sentence"].iloc[i])
        out.append(note("token at its offsets", f"the token {words[i]} is not the text at its offsets", report.sentence_text(sid)))
    if "".join(words) != "".join("".join(report.sentences["text"].tolist()).split()):
        out.append(note("tokens cover the text", "the tokens joined differ from the sentences' text without blanks"))
    return out


def slogan_checks(report, slogans: pd.DataFrame) -> list:
    """Each formula's positions are as many as its count and each is the term itself."""
    out = []
    text = report.text
    for row in frames.rows(slogans):
        if len(row.starts) != row.count:
            out.append(note("formula counted", f"{row.term} is counted {row.count} times at {len(row.starts)} positions"))
        bad = [s for s in row.starts if text[s : s + len(row.term)] != row.term]
        if bad:
            out.append(note("formula at its positions", f"{row.term} is not the text at {prose.count(len(bad), 'position')}",
                            _sentence(report, bad[0])))
    return out


def quote_checks(report, quotes: pd.DataFrame) -> list:
    """Each quoted expression is the text at its offsets, between a pair of quote marks."""
    out = []
    text = report.text
    for s, e, q in zip(quotes["start"], quotes["end"], quotes["quote"]):
        if text[s:e] != q or not is_quoted(text, s, e):
            out.append(note("quote at its offsets", f"{q} is not a quoted text at its offsets", _sentence(report, s)))
    return out



def _sentence(report, pos: int) -> str:
    """The sentence holding offset ``pos`` as read, or "" between sentences."""
    sid = report.sentence_at(pos)
    return report.sentence_text(sid) if sid is not None else ""
