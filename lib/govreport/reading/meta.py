"""Metadata from a report's head: title, dateline, speaker, office, place, level and year.

A report opens with a head: an optional title line (政府工作报告, often spaced out as
政 府 工 作 报 告, or 2030年北岭省政府工作报告), a dateline (——二○三○年一月十二日在北岭省第十五届
人民代表大会第三次会议上, or in parentheses) and a speaker line (北岭省人民政府省长 李明远). They
stand on lines of their own in any order, or share one line (政府工作报告——2030年3月5日在第十九届
全国人民代表大会第一次会议上国务院总理 王小明). The head ends at the salutation (各位代表).

Rules, in the order the reader applies them (``parse_meta``):

- **Lines.** Blank lines and the lines a web page adds (``govreport.reading.clutter``:
  下载, 【字号：…】, 来源：…, 时间：…) are skipped; a line loses a scraper's label ``标题：`` (or ``题目：``).
  Spaces between the characters of a title are layout (政 府 工 作 报 告).
- **Source and posting date.** The newspaper or site after ``来源：`` on a head line is
  ``source``, the date after ``时间：`` / ``发布时间：`` is ``published`` (ISO): a web copy's
  posting date, never the session's ``date``.
- **Dateline.** A date (Arabic, full-width or Chinese numerals: 2030年1月12日,
  二〇三〇年一月二十七日, 二○三○年…, 二零三零年…) that begins its line (after dashes, a
  parenthesis or spaces) or follows the title or a speaker phrase on it; then the occasion
  ``在…会议上`` (or ``…会议的…``). A speaker phrase may stand between the date and 在
  (——2030年1月14日北岭省省长 李明远在…会议上的讲话, 李明远省长在…) or after the occasion
  (…会议上北岭省人民政府省长李明远作政府工作报告); the words of the speech
  (作政府工作报告, 的讲话) are dropped. A dateline wrapped over two or three lines
  (——2030年1月26日在北岭省第十四届 / 人民代表大会第五次会议上), a date on a line of its
  own followed by the occasion on the next, and a dateline whose speaker phrase the wrap
  cut (…省长 李明远作政 / 府工作报告, …省长 / 李明远) are read as one line. A date followed by a
  clock time (2030年2月2日 09:20), or after anything else (发布时间：…), is not the session's:
  ``date`` is the dateline's only. A date alone on its line is a dateline only when a dash
  or a parenthesis leads it (——2030年1月12日, （2030年1月12日）). An occasion without a date (（在…会议上）) gives the
  occasion alone; a date alone on its line right after it, or after the speaker line that
  follows it, is the session's date.
- **Speaker and office**: rules in ``govreport.reading.meta_speaker``. The first speaker
  phrase of the head that names someone gives ``speaker`` and ``office``; otherwise the
  first one with an office alone gives ``office``, and a name alone on the next line gives
  the speaker. A name alone on its line is read only there or next to the dateline. A
  speaker line of its own that ends with the words of the speech (北岭省省长李明远作政府工作报告)
  is read as a dateline's speaker phrase is, and is no title.
- **Place and level**: rules in ``govreport.reading.meta_place``.
- **Year** (``year_of``): from the date, else a year in the occasion, else a year in the
  title of a plan part (2030年工作安排).

Anything not found is ``None``: nothing is guessed from the file name, and a value that
does not pass these rules is left out rather than shown wrong.

    >>> head = ["下载", "2030年南溪政府工作报告", "来源：南溪日报", "——2030年1月26日在南溪壮族自治区第十四届",
    ...         "人民代表大会第五次会议上", "自治区主席 岑 远"]
    >>> m = parse_meta(head)
    >>> m["date"], m["place"], m["speaker"], m["office"], m["source"]
    ('2030-01-26', '南溪壮族自治区', '岑远', '主席', '南溪日报')

``Document.meta`` (``govreport.reading.document``), key by key:

| key | type | meaning |
|---|---|---|
| ``title`` | str or None | the title line, spaces between characters removed |
| ``place`` | str or None | what the government governs, in full (``焦作市``; ``中华人民共和国`` for a State Council report; rules in ``govreport.reading.meta_place``) |
| ``date`` | str or None | ISO date of the dateline (``二○二一年二月二十三日`` → ``2021-02-23``); None if absent or not a real date |
| ``speaker`` | str or None | who delivered it (``徐衣显``; rules in ``govreport.reading.meta_speaker``) |
| ``office`` | str or None | the speaker's office (``总理``, ``省长``, ``市长``, ``代市长``, ``县长`` …); None when the name stands alone |
| ``occasion`` | str or None | the meeting, from the dateline's ``在…会议上`` |
| ``source`` | str or None | a web copy's newspaper or site, after ``来源：`` in the head (``govreport.reading.clutter``) |
| ``published`` | str or None | a web copy's posting date (ISO), after ``时间：`` / ``发布时间：``; never the session's ``date`` |
| ``level`` | str or None | ``national``, ``province``, ``prefecture`` or ``county`` (a county-level city such as 义乌市 and a district are ``county``; rules in ``govreport.reading.meta_place``, from the division table of ``govreport.reading.divisions``) |
| ``year`` | int or None | the year delivered (``year_of``) |
| ``layout`` | str | how the outline was read: ``numbered``, ``chapters``, ``headings`` or ``flat`` (``govreport.reading.layouts``) |
| ``wrapped`` | bool | the text was hard-wrapped and was read without those breaks (``govreport.reading.wrapping``) |
| ``given`` | list of str | the keys the caller supplied (``date``, ``place``, ``level``: ``govreport.reading.document.read_document``) |
| ``encoding`` | str or None | how a text file was decoded (``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16``); None for other formats |
| ``format`` | str | the file's format (``txt``, ``docx``: ``govreport.reading.files``) |
| ``file`` | str | the file's name (no folder, so outputs do not depend on where the project lives) |

A value given to ``load_report`` (``date``, ``place``, ``level``) overrides the text's
everywhere: in ``meta``, in ``year``, and in 去年/今年 of the dates and facts.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from .clutter import is_clutter, published_of, source_of
from .meta_place import LEVELS, NATIONAL_VOICE, NATION, level_of, place_of_body, place_of_occasion, place_of_title
from .meta_place import short_title_place, units
from .meta_speaker import Phrase, name_of, speaker_phrase, squeeze, strip_speech
from .numerals import digit_string, small_int
from .outline import SPACE

__all__ = ["LEVELS", "DATE_RE", "parse_date", "parse_meta", "is_head_line", "is_complete_head_line",
           "level_of", "year_of", "given_date"]

_SP = re.escape(SPACE)
_LEAD = SPACE + "—―─-－–（(【[「"
_CLOSE = SPACE + "）)】]」"
_YEAR = r"[0-9０-９〇○零OＯ一二三四五六七八九]{4}"
_MD = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(rf"(?P<y>{_YEAR})[{_SP}]*年[{_SP}]*(?P<m>{_MD})[{_SP}]*月[{_SP}]*(?P<d>{_MD})[{_SP}]*日")
# What follows the date: [a speaker phrase] 在 occasion 上|的 [a speaker phrase and the speech].
_OCCASION = rf"在[{_SP}]*(?P<occasion>[^在\r\n]*?会议?)[{_SP}]*(?P<link>上|的|[）)])"
_REST_RE = re.compile(rf"^[{_SP}]*(?P<pre>[^在\r\n]{{0,30}}?)[{_SP}]*{_OCCASION}(?P<post>.*)$")
_OCCASION_LINE_RE = re.compile(rf"^[{re.escape(_LEAD)}]*{_OCCASION}(?P<post>.*)$")
_TIME_RE = re.compile(r"^[\s\u3000]*[0-9０-９]{1,2}[:：][0-9０-９]{2}")
_TITLE_WORD = re.compile(r"政[\s\u3000]*府[\s\u3000]*工[\s\u3000]*作[\s\u3000]*报[\s\u3000]*告")
TITLE_MAX = 40
_TITLE_LABEL = re.compile(rf"^[{_SP}]*(?:标[{_SP}]*题|题[{_SP}]*目|文章标题)[{_SP}]*[：:][{_SP}]*")
_SPEECH_RE = re.compile(r"作(?:的)?政府工作报告|讲话")
_YEAR_IN = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])")
_CN_YEAR = re.compile(r"[〇○零OＯ一二三四五六七八九]{4}(?=年)")


class Dateline(NamedTuple):
    """A dateline read from one line: its date (ISO or None), occasion, the title before it,
    the speaker phrases in it, and whether the whole line was understood."""

    date: str | None
    occasion: str | None
    title: str | None
    phrases: list[Phrase]
    complete: bool


def parse_date(match: re.Match) -> str | None:
    """ISO date from a DATE_RE match, or None when the parts do not make a real date."""
    year = digit_string(squeeze(match["y"]))
    month, day = small_int(match["m"]), small_int(match["d"])
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _title(line: str) -> str | None:
    """The title a line is (squeezed), or None."""
    if _SPEECH_RE.search(squeeze(line)):
        return None  # …作政府工作报告: the end of a speaker line, not a title
    if _TITLE_WORD.search(line) and len(squeeze(line)) <= TITLE_MAX and DATE_RE.search(line) is None:
        return squeeze(line.strip(_LEAD + _CLOSE))
    return None


def _phrases(pre: str, post: str) -> list[Phrase]:
    found = []
    for piece in (pre, post):
        piece = strip_speech(piece)
        if piece and (p := speaker_phrase(piece, delimited=True)):
            found.append(p)
    return found


def read_dateline(line: str) -> Dateline | None:
    """The dateline ``line`` holds (rules in the module docstring), or None."""
    line = line.strip(SPACE + "\r\n")
    m = DATE_RE.search(line)
    if m is None:
        o = _OCCASION_LINE_RE.match(line)
        if o is None:
            return None
        post = o["post"].strip(_CLOSE)
        phrases = _phrases("", post)
        return Dateline(None, squeeze(o["occasion"]), None, phrases, not strip_speech(post) or bool(phrases))
    before, rest = line[: m.start()].rstrip(_LEAD), line[m.end() :]
    if _TIME_RE.match(rest):
        return None  # a posting time (2030年2月2日 09:20), not a session
    title, phrases = None, []
    if before:
        if _TITLE_WORD.search(before):
            title = _title(before) or squeeze(before)
        elif p := speaker_phrase(before):
            phrases.append(p)
        else:
            return None  # the date inside a sentence or after a label (发布时间：)
    date = parse_date(m)
    if o := _REST_RE.match(rest):
        post = o["post"].strip(_CLOSE)
        found = _phrases(o["pre"], post)
        complete = (not o["pre"].strip(SPACE) or bool(speaker_phrase(strip_speech(o["pre"]), True))) and (
            not strip_speech(post) or bool(speaker_phrase(strip_speech(post), True))
        )
        return Dateline(date, squeeze(o["occasion"]), title, phrases + found, complete)
    rest = rest.strip(_CLOSE)
    if not rest:
        # A date alone: a dateline only when led by a dash or a parenthesis, or after a title.
        led = line[: m.start()].strip(SPACE) != ""
        return Dateline(date, None, title, phrases, True) if led else None
    if p := speaker_phrase(strip_speech(rest), delimited=True):
        return Dateline(date, None, title, [*phrases, p], True)
    return None


def _unfinished(line: str) -> bool:
    """A dateline cut by a wrap: a date or 在 opens an occasion the line does not close, a
    date stands alone without a dash, or what follows the occasion is not understood."""
    m = DATE_RE.search(line)
    rest = line[m.end() :] if m else line.lstrip(_LEAD)
    if m and line[: m.start()].strip(_LEAD) and not _TITLE_WORD.search(line[: m.start()]):
        return False
    if m is None and not rest.startswith("在"):
        return False
    if "在" in rest and not _REST_RE.match(rest):
        return len(rest) < 40
    if m is not None and not rest.strip(_CLOSE) and not line[: m.start()].strip(SPACE):
        return True
    d = read_dateline(line)
    return d is not None and not d.complete


def _cut_speech(line: str, following: str) -> bool:
    """The words of the speech begin on ``line`` and end on ``following`` (…省长李明远作政 /
    府工作报告): a wrap inside them, which could leave 李明远作政 for a name."""
    joined = line + following
    kept = strip_speech(joined)
    return kept != joined.strip(SPACE + "。.；;）)") and len(kept) < len(line.rstrip(SPACE))


def _lines(head_lines: list[str]) -> list[str]:
    """The head's lines that may hold metadata: stripped, without a 标题： label, blank lines
    and page clutter dropped, ending at the salutation, a wrapped dateline joined into one line."""
    out: list[str] = []
    for raw in head_lines:
        line = _TITLE_LABEL.sub("", raw.strip(SPACE + "\r\n"))
        if not line or is_clutter(line):
            continue
        if line.startswith("各位代表"):
            break  # the salutation: what follows is the opening, not the head
        out.append(line)
    joined: list[str] = []
    i = 0
    while i < len(out):
        line, i = out[i], i + 1
        if _unfinished(line):
            candidate = line
            for k in range(i, min(i + 2, len(out))):
                candidate += out[k]
                if read_dateline(candidate) is not None and not _unfinished(candidate):
                    line, i = candidate, k + 1
                    break
        elif i < len(out) and read_dateline(line) is not None and _cut_speech(line, out[i]):
            line, i = line + out[i], i + 1
        joined.append(line)
    return joined


def parse_meta(head_lines: list[str], text: str | None = None) -> dict:
    """title, place, date, speaker, office, occasion, source and published from the lines
    before the first part (and place 中华人民共和国 when ``text``, the report, says 我代表国务院)."""
    meta = dict.fromkeys(["title", "place", "date", "speaker", "office", "occasion"])
    meta["source"], meta["published"] = source_of(head_lines), published_of(head_lines)
    lines = _lines(head_lines)
    phrases: list[tuple[int, Phrase]] = []
    dateline_at = None
    for i, line in enumerate(lines):
        if (d := read_dateline(line)) is not None and (meta["date"] is None or d.date is None):
            if d.date is not None:
                meta["date"] = d.date
            if d.occasion and meta["occasion"] is None:
                meta["occasion"] = d.occasion
            if d.title and meta["title"] is None:
                meta["title"] = d.title
            phrases.extend((i, p) for p in d.phrases)
            dateline_at = i if dateline_at is None else dateline_at
        elif meta["date"] is None and dateline_at is not None and i - dateline_at <= 2 and (
            m := DATE_RE.fullmatch(line.strip(_LEAD + _CLOSE))
        ):
            meta["date"] = parse_date(m)  # a date alone after the occasion (and the speaker line)
        elif p := _speaker_line(line):
            phrases.append((i, p))
        elif (t := _title(line)) is not None:
            meta["title"] = meta["title"] or t

    chosen = next((p for _, p in phrases if p.speaker), None)
    if chosen is None and phrases:
        at, chosen = phrases[0]
        # The office on one line, the name alone on the next.
        if at + 1 < len(lines) and (name := name_of(strip_speech(lines[at + 1]))):
            chosen = chosen._replace(speaker=name)
    meta["office"] = chosen.office if chosen else None
    meta["speaker"] = chosen.speaker if chosen else None
    if meta["speaker"] is None and meta["office"] is None and dateline_at is not None:
        # A name alone on the line next to the dateline.
        for j in (dateline_at + 1, dateline_at - 1):
            if 0 <= j < len(lines) and (name := name_of(lines[j])):
                meta["speaker"] = name
                break

    if text is not None and NATIONAL_VOICE in text:
        meta["place"] = NATION
    else:
        body = chosen.body if chosen else None
        meta["place"] = place_of_body(body) or place_of_occasion(meta["occasion"]) or place_of_title(meta["title"])
    if meta["speaker"] and _is_place_word(meta["speaker"], meta["place"], meta["title"]):
        meta["speaker"] = None
    return meta


def _speaker_line(line: str) -> Phrase | None:
    """The speaker phrase of a line of its own; one that ends with the words of the speech
    (北岭省省长李明远作政府工作报告) is closed by them as a dateline's is."""
    kept = strip_speech(line)
    if kept != line.strip(SPACE + "。.；;）)"):
        return speaker_phrase(kept, delimited=True)
    return speaker_phrase(line)


def _is_place_word(name: str, place: str | None, title: str | None) -> bool:
    """The name is the report's place or a piece of it (北京 of 北京市, 北岭 of a short title)."""
    if name == short_title_place(title):
        return True
    return bool(place) and any(name in unit for unit in units(place))


def is_head_line(line: str) -> bool:
    """A line of a report's head: title, dateline, speaker line, or a name alone."""
    line = line.strip(SPACE + "\r\n")
    if not line:
        return True
    return (
        _title(line) is not None
        or read_dateline(line) is not None
        or _speaker_line(line) is not None
        or name_of(line) is not None
    )


def is_complete_head_line(line: str) -> bool:
    """A complete title, dateline or speaker line (not a name alone, which may be the last
    piece of a wrapped line, nor a dateline cut short)."""
    line = line.strip(SPACE + "\r\n")
    if _speaker_line(line) is not None or _title(line) is not None:
        return True
    d = read_dateline(line)
    return d is not None and d.complete and not _unfinished(line)


def year_of(date: str | None, occasion: str | None, plan_titles: list[str]) -> int | None:
    """The year the report was delivered: from the date, else from a year in the occasion,
    else from a year in the title of a plan part (2024年工作安排)."""
    if date:
        return int(date[:4])
    if occasion:
        if m := _YEAR_IN.search(occasion):
            return int(m.group())
        if m := _CN_YEAR.search(occasion):
            return digit_string(m.group())
    for title in plan_titles:
        if m := _YEAR_IN.search(title):
            return int(m.group())
    return None


def given_date(value) -> str:
    """A date supplied by the caller, as ISO 'YYYY-MM-DD'. ValueError for anything else."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(f"date must be an ISO date 'YYYY-MM-DD' (for example '2021-02-23'), got {value!r}")
