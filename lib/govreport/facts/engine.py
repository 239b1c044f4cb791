"""The fact engine: every quantitative claim of a report as a row, and every date.

``extract_facts(report)`` -> DataFrame with the columns of ``FACT_COLUMNS``;
``extract_dates(report)`` -> DataFrame with ``DATE_COLUMNS``. ``Report.facts`` and
``Report.dates`` call them. ``facts_from_text`` and ``dates_from_text`` do the same on a
plain string (no outline: every section is "0"), for tests and other callers. All four
read the text in line-aligned pieces (see "reading a long text piece by piece" below);
the result does not depend on the piece size.

    >>> from govreport.facts import facts_from_text
    >>> facts = facts_from_text("全年粮食总产量达到50万吨，比上年增长3.5%。", "2021-02-01")
    >>> facts[["mention", "kind", "value", "unit", "indicator"]].values.tolist()
    [['50万吨', 'measure', 500000.0, '吨', '粮食总产量'], ['3.5%', 'change', 3.5, '%', '粮食总产量']]

``facts``, one row per quantitative claim, in text order:

| column | type | meaning |
|---|---|---|
| ``id`` | int | 0 … n−1 in text order |
| ``section`` | str | the deepest outline node holding the fact (``"0"`` for the preamble) |
| ``sentence`` | int | the id of its sentence in ``sentences`` |
| ``start``, ``end`` | int | offsets into the report's ``text``: ``text[start:end] == mention`` |
| ``mention`` | str | the number as written, with its 多/余, multiplier and unit (``184.7亿元``, ``20多万名``, ``第5位``, ``１２．５％``) |
| ``kind`` | str | ``measure`` (an amount or count), ``share`` (a % of a whole or of a plan, a rate, a multiple), ``change`` (against an earlier period: 增长/下降, 上涨/下跌, 个百分点, an indicator ending in 增速/增幅), ``rank`` (a position) |
| ``value`` | float | the multiplier applied (万 1e4, 亿 1e8 …); a ``change`` is signed (下降/减少 → negative); a ``rank`` is the position |
| ``unit`` | str | what is left after the multiplier (``元``, ``%``, ``个百分点``, ``微克/立方米`` …; ``data/units.tsv``); for a count without a measure word, the unit of the noun it counts; ``""`` for ranks |
| ``qualifier`` | str | ``""``, ``more_than`` (超过, 突破, 逾, 多/余), ``at_least`` (以上, 不低于), ``about`` (约, 近, 左右), ``at_most`` (以内, 不超过), ``less_than`` (不足, 低于) |
| ``indicator`` | str | what is measured, a short phrase in the report's words (``负压救护车``, ``全社会用电量增速``); ``""`` when the text names nothing |
| ``is_target`` | bool | a planned or expected figure (``govreport.facts.plan``) |
| ``target_year`` | Int64 | the year a target is for; NA for results |
| ``statement`` | Int64 | the first sentence of the target statement the figure belongs to; NA for results |

``dates`` (the rules: ``govreport.facts.dates``): ``start``, ``end`` (offsets into ``text``),
``mention`` (as written: ``去年2月16日``, ``2016—2020年``) and ``date`` (ISO at the precision
written: ``2020``, ``2020-02-16``, intervals ``2016/2020``).

How a fact is found (each rule has a test in tests/test_facts.py or, for the phrasing of
other reports, tests/test_fact_phrasing.py; targets in tests/test_fact_targets.py):

1. **Masking.** Dates (govreport.facts.dates), quoted names (“133护航模式”, 《…》, up to 40
   characters on one line), the slogans of ``data/facts_not_facts.txt`` and the patterns
   of ``data/facts_not_fact_patterns.tsv`` (anniversaries 75周年, session numbers
   十六届人大三次会议, versions 3.0方案, distances and times in names 50米内换乘,
   15分钟生活圈) are masked: no number inside them is a fact.
2. **Numbers.** An amount is a number (digits, full-width digits, thousands separators,
   or Chinese numerals read by cn2an), an optional 多/余, an optional multiplier and a
   unit from ``data/units.tsv``, or two units joined by / (35微克/立方米, kept whole).
   A number with no unit is no fact (河南企业100强, 十三五), except a count with a
   multiplier after 减少/增加/新增 … whose noun says what it counts (贫困人口减少200万 ->
   unit 人; the nouns and units are ``count_noun`` lines of ``data/facts_words.tsv``).
   Not facts either: a number after 第 (第十三届, 第四次会议), next to a Latin letter (5G,
   PM2.5, P2实验室), a lone 一 (一批, 一期), a Chinese numeral before a unit that takes
   only digits (三大攻坚战, 两场硬仗), inside an idiom (三番五次), or a Chinese numeral up
   to 十 with 个/项/条 … right before a noun (八项规定, 四个意识, 八个字: a set phrase).
   A money amount before 以上/以下 and a noun is a size class, not an amount
   (10亿元以上项目); an age that names a group of people is no figure either (60岁以上
   老年人, 0-6岁儿童, 65岁老人: ``candidates._age_group``), while 人均预期寿命达到79岁 is. A range (5%—6%, 20—30万元) is two rows: the lower bound with
   qualifier at_least, the upper bound with at_most; a unit or multiplier written once
   after the upper bound applies to both.
   A rank is 第N位/名/家/个 (第5位, 第二家), or 第N / 首位 right after 居, 稳居, 位居 ….
3. **Context** (words in ``data/facts_words.tsv``). The text of the clause before the
   number is read backwards: qualifier words (超过, 突破, 超, 约, 接近, 不足 …), change
   verbs (增长, 上涨 → +, 下降, 下跌 → −), links (居, 达到, 同比, 分别, 占…的 …). What
   remains is the subject; an action verb (购置, 争取 …) is cut off and its object kept. A
   verb of the list that ends in a change verb (改造提升 "upgrade") right before the number
   changes nothing: 改造提升3000个村道 counts roads.
   A count followed by a noun (16名医护人员) takes that noun. ``indicator`` is that phrase,
   trimmed of scope words (全市, 在…中), of a year (到2030年), of what comes before 的 or
   等, of enclosing quotes, and of the 以上/左右 of the fact before (以上、蔬菜产量). A
   phrase that is no subject gives an empty indicator rather than a wrong one: one that
   ends in a verb (培训两万人) or a predicate (…发表重要讲话), or begins with a word no
   noun phrase begins with (至, 均, 意 …: ``not_start`` in ``data/facts_words.tsv``).
4. **Sentences.** An aspect alone (增速, 数量) is completed from the previous fact of the
   sentence (…总量居全省第5位、增速… → …增速). A fact with no subject of its own
   (、同比增长183.1%; …完成2650亿元，增长3.5%) takes the previous fact's indicator, or
   the next one's
   (全国第二家、全省第一家京东电器城市旗舰店). A list of values after a list of subjects
   (省、市…分别占…161%、164%; PM2.5、PM10浓度…11.1%、11%) is distributed in order. A
   pair prefix (城乡) names two subjects: 城乡居民…分别达到3万元、1.5万元 gives 城镇居民…
   and 农村居民…; with one value (分别增长6%) the fact is two rows with the same value.
5. **Targets** (``govreport.facts.plan``): ``is_target``, ``target_year`` and
   ``statement``, from the part a statement is in (plan, mixed, review), its cues (力争,
   拟, 主要预期目标是： …), its past markers and the years it names.

Known limits:

- Phrase boundaries come from word lists (``data/facts_words.tsv``), not a segmenter: a
  verb missing from the list stays inside the indicator. A count's indicator is the noun it
  counts (8家企业入围… → ``企业``). A keep word cuts what stands before it (城镇新增就业 →
  ``新增就业``); a verb inside a name (办理时限) cuts the name.
- Not read: approximate numerals (数千, 上万, 近百), 前三位; ``5，100家`` with a full-width
  comma is read as 5100.
- Set phrases are found by form, not from a list: a count in Chinese numerals up to 十 with
  个/项/条 right before a noun (引进三个项目) is read as a set phrase and missed; written with
  digits (3个项目) or at the end of its clause (项目三个) it is read.
"""

from __future__ import annotations

import sys
from array import array

import numpy as np
import pandas as pd

from . import numbers as nb
from . import plan as targets_plan
from .candidates import QUOTE_RE, Fact, find_candidates, mask
from .dates import DateContext, find_dates
from .lexicon import QUALIFIERS, lexicon  # noqa: F401  (QUALIFIERS: the values of the qualifier column)
from .reader import Reader
from ..reading.outline import line_spans, split_sentences

FACT_COLUMNS = ["id", "section", "sentence", "start", "end", "mention", "kind", "value",
                "unit", "qualifier", "indicator", "is_target", "target_year", "statement"]
DATE_COLUMNS = ["start", "end", "mention", "date"]
KINDS = ("measure", "share", "change", "rank")

# -- public API -------------------------------------------------------------------


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


# -- reading a long text piece by piece ----------------------------------------------
#
# A long report is read in pieces of about _CHUNK characters, so that the strings and
# objects in work (the piece, its normalized and masked copies, its facts) stay in the
# processor's caches; a 7-million-character text read at once does not fit and is read
# more slowly per character. 16,384 characters make strings of about 32 KB, and a piece
# holds a few hundred facts of a report, which are freed before the garbage collector's
# youngest generation fills (700 objects): the collector then hardly runs, and never walks
# the whole heap of a long report. The result is the same as reading the text at once,
# because a piece ends only where no rule looks across:
#
# - right after a line break (\n): sentences, clauses, quotes, amounts and ranks never
#   cross a line; facts only read words of their own sentence;
# - after a line whose last non-blank character ends a statement (。！？!?; not ；, after
#   which a list of targets goes on: govreport.facts.plan): a date range
#   may span a line break (2016年—\n2020年), a Chinese numeral at a line start is read as
#   part of an idiom when the line before ends with a numeral (…三\n五…), and a bare
#   ordinal at a line start is a rank when the line before ends with 居/位居 … (the
#   rank-link regex's ``$`` also matches before a final line break);
# - not before a line that begins with a minus sign (-5%): its sign depends on the
#   character before it.
#
# Dates carry their context (the year of the latest dated mention in the part) from one
# piece to the next; sentence numbers and offsets are shifted back to the whole text.

_CHUNK = 1 << 14
_CUT_AFTER = frozenset("。！？!?")
_MINUS = frozenset("-－−")


def _cut_ok(text: str, c: int) -> bool:
    """True when a piece may end right before ``text[c]`` (see the comment above)."""
    if text[c - 1] != "\n" or text[c] in _MINUS:
        return False
    j = c - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and text[j] in _CUT_AFTER


def _line_chunks(text: str, size: int = _CHUNK):
    """(start, end) of consecutive pieces of ``text`` of at least ``size`` characters
    (the last may be shorter), each ending where ``_cut_ok`` allows; together they cover
    the text."""
    n, a = len(text), 0
    size = max(1, size)
    while a < n:
        i = a + size - 1
        while True:
            i = text.find("\n", i)
            if i < 0 or i + 1 >= n:
                yield a, n
                return
            if _cut_ok(text, i + 1):
                break
            i += 1
        yield a, i + 1
        a = i + 1


def _run(text, sent_starts, sent_ends, part_starts, report_year, outline, sections_of, chunk: int = _CHUNK) -> pd.DataFrame:
    """The facts table of ``text``, read piece by piece (see above): offsets and sentence
    numbers are those of the whole text. ``sections_of`` maps ascending offsets to outline
    ids (one sweep, not a search per fact). ``chunk`` is the piece size (tests set it)."""
    regions = targets_plan.plan_regions(outline, report_year)
    title_years = targets_plan.plan_title_years(outline, report_year)
    parts = sorted(part_starts)
    # Sentence bounds as arrays: each piece makes Python ints for its own sentences only.
    sent_starts = np.asarray(sent_starts, dtype=np.int64)
    sent_ends = np.asarray(sent_ends, dtype=np.int64)
    context = DateContext()
    table = _Table()
    for a, b in _line_chunks(text, chunk):
        k0, k1 = (int(k) for k in np.searchsorted(sent_starts, (a, b)))
        starts = (sent_starts[k0:k1] - a).tolist()
        ends = (sent_ends[k0:k1] - a).tolist()
        piece = text[a:b]
        facts = _run_piece(piece, a, starts, ends, parts, report_year, regions, context, k0, title_years)
        table.add(piece, a, k0, facts)
    return table.frame(sections_of)


def _run_piece(text, offset, sent_starts, sent_ends, parts, report_year, regions, context, first_sentence,
               title_years=()) -> list[Fact]:
    """The facts of one piece, in offsets into the piece; ``offset`` is where it begins and
    ``first_sentence`` the number of its first sentence in the whole text."""
    norm = nb.normalize(text)
    dates = find_dates(text, report_year, parts, norm=norm, offset=offset, context=context)
    spans = [(d.start - offset, d.end - offset) for d in dates]
    spans += [(m.start(), m.end()) for m in QUOTE_RE.finditer(norm)]
    lex = lexicon()
    if lex.not_facts_re is not None:
        spans += [(m.start(), m.end()) for m in lex.not_facts_re.finditer(norm)]
    if lex.not_fact_patterns_re is not None:
        spans += [(m.start(), m.end()) for m in lex.not_fact_patterns_re.finditer(norm)]
    masked = mask(norm, spans)
    facts = find_candidates(text, masked)
    Reader(text, norm, facts, sent_starts, sent_ends).run()
    targets_plan.mark_targets(facts, norm, sent_starts, sent_ends, dates, report_year, regions, offset, first_sentence,
                              title_years)
    return facts


def _find_dates(text: str, report_year: int | None, part_starts: list[int], chunk: int = _CHUNK):
    """find_dates on the whole text, read piece by piece like the facts."""
    context, out = DateContext(), []
    for a, b in _line_chunks(text, chunk):
        out += find_dates(text[a:b], report_year, part_starts, offset=a, context=context)
    return out


class _Table:
    """The columns of the facts table, filled piece by piece: numbers in arrays, strings in
    lists (units shared: one string per unit, not one per fact)."""

    def __init__(self):
        self.sentence, self.start, self.end = array("q"), array("q"), array("q")
        self.mention: list[str] = []
        self.kind: list[str] = []
        self.value = array("d")
        self.unit: list[str] = []
        self.qualifier: list[str] = []
        self.indicator: list[str] = []
        self.is_target = bytearray()
        self.target_year, self.statement = array("q"), array("q")  # -1: none

    def add(self, piece: str, offset: int, first_sentence: int, facts: list[Fact]) -> None:
        for f in facts:
            self.sentence.append(f.sentence + first_sentence)
            self.start.append(f.start + offset)
            self.end.append(f.end + offset)
            self.mention.append(piece[f.start : f.end])
            self.kind.append(f.kind)
            self.value.append(f.value)
            self.unit.append("" if f.kind == "rank" else sys.intern(f.unit))
            self.qualifier.append(f.qualifier)
            self.indicator.append(f.indicator)
            self.is_target.append(bool(f.is_target))
            self.target_year.append(-1 if f.target_year is None else f.target_year)
            self.statement.append(-1 if f.statement is None else f.statement)

    def frame(self, sections_of) -> pd.DataFrame:
        # Facts come in text order, so one sweep over the outline places them all.
        # Every column is made with its dtype (no astype after: it copies every column).
        return pd.DataFrame(
            {
                "id": np.arange(len(self.start), dtype=np.int64),
                "section": sections_of(self.start),
                "sentence": np.array(self.sentence, dtype=np.int64),
                "start": np.array(self.start, dtype=np.int64),
                "end": np.array(self.end, dtype=np.int64),
                "mention": self.mention,
                "kind": self.kind,
                "value": np.array(self.value, dtype=np.float64),
                "unit": self.unit,
                "qualifier": self.qualifier,
                "indicator": self.indicator,
                "is_target": np.array(self.is_target, dtype=bool),
                "target_year": _nullable(self.target_year),
                "statement": _nullable(self.statement),
            },
            columns=FACT_COLUMNS,
        )


def _nullable(values: array) -> pd.arrays.IntegerArray:
    """Int64 with NA where the value is -1."""
    v = np.array(values, dtype=np.int64)
    return pd.arrays.IntegerArray(v, v < 0)


def _dates_frame(dates) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "start": [d.start for d in dates],
            "end": [d.end for d in dates],
            "mention": [d.mention for d in dates],
            "date": [d.date for d in dates],
        },
        columns=DATE_COLUMNS,
    )
    return df.astype({"start": "int64", "end": "int64"})


def _report_context(report):
    outline = report.outline
    parts = [s for s, level in zip(outline["start"].tolist(), outline["level"].tolist()) if level == "part"]
    year = report.meta.get("year")
    return parts, (int(year) if year is not None else _year(report.meta.get("date")))


def extract_facts(report, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """Every fact of ``report`` (see the module docstring), one row each, in text order.
    ``chunk``: the size of the pieces the text is read in (the result does not depend on it)."""
    parts, year = _report_context(report)
    starts, ends = report.sentence_starts, report.sentence_ends
    return _run(report.text, starts, ends, parts, year, report.outline, report.sections_of, chunk)


def extract_dates(report, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """Every date of ``report``: start, end, mention, date (ISO at the precision written)."""
    parts, year = _report_context(report)
    return _dates_frame(_find_dates(report.text, year, parts, chunk))


def _text_sentences(text: str):
    spans = split_sentences(text, line_spans(text))
    return spans.starts, spans.ends


def facts_from_text(text: str, report_date: str | None = None, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """The facts of a plain text (no outline: section "0", no plan parts, so targets only where a
    sentence sets one); sentences as the loader splits them.
    ``chunk``: the size of the pieces the text is read in (the result does not depend on it)."""
    starts, ends = _text_sentences(text)
    return _run(text, starts, ends, [], _year(report_date), None, lambda positions: ["0"] * len(positions), chunk)


def dates_from_text(text: str, report_date: str | None = None, *, chunk: int = _CHUNK) -> pd.DataFrame:
    """The dates of a plain text; 去年/今年 resolved from ``report_date`` (ISO) when given.
    ``chunk``: as for ``facts_from_text``."""
    return _dates_frame(_find_dates(text, _year(report_date), [], chunk))
