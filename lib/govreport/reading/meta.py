"""Metadata from a report's head: title, dateline, speaker, place, level and year.

A report opens with an optional title line (政府工作报告, often spaced out as
政 府 工 作 报 告), a dateline (——二○二一年二月二十三日在焦作市第十三届人民代表大会第四次会议上,
or in parentheses) and a speaker line (焦作市人民政府市长 徐衣显). They may stand on lines
of their own in any order, or share one line (政府工作报告——2024年3月5日在第十四届全国人民代表大会
第二次会议上国务院总理 李强); the speaker line may hold only the name (then ``office`` is None),
or the office on one line and the name on the next. Anything not found is ``None``:
nothing is guessed from the file name.
"""

from __future__ import annotations

import datetime as _dt
import re

from .numerals import digit_string, small_int
from .outline import SPACE

_YEAR = r"[0-9０-９〇○零OＯ一二三四五六七八九]{4}"
_MD = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
OCCASION_RE = re.compile(r"[\s\u3000]*在(?P<occasion>[^\r\n]*?会议?)[\s\u3000]*上")
OCCASION_LINE_RE = re.compile(r"^[—―─\-－–（(\s\u3000]*在(?P<occasion>[^\r\n]*?会议?)[\s\u3000]*上[）)]?$")
_TITLE_WORD = re.compile(r"政[\s\u3000]*府[\s\u3000]*工[\s\u3000]*作[\s\u3000]*报[\s\u3000]*告")
OFFICES = ("总理", "省长", "市长", "县长", "区长", "州长", "盟长", "旗长", "主席")
_NAME = r"[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff·]){1,7}"
SPEAKER_RE = re.compile(
    r"^(?P<body>[^\s\u3000，,。：:；;！!？?（）()]{0,30}?)"
    rf"(?P<office>(?:代理|代)?(?:{'|'.join(OFFICES)}))"
    rf"(?:[\s\u3000]+(?P<speaker>{_NAME}))?[\s\u3000]*$"
)
# The name written right after the office (国务院总理李小明): read only after 人民政府 or 国务院.
SPEAKER_TIGHT_RE = re.compile(
    r"^(?P<body>[^\s\u3000，,。：:；;！!？?（）()]{0,30}?(?:人民政府|国务院))"
    rf"(?P<office>(?:代理|代)?(?:{'|'.join(OFFICES)}))(?P<speaker>[\u4e00-\u9fff·]{{2,6}})$"
)
NAME_RE = re.compile(rf"^(?P<speaker>{_NAME})$")
_NOT_NAMES = {"各位代表", "同志们", "目录", "摘要", "全文", "报告", "附件", "政府工作报告"}
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "州", "盟", "旗")
_SUFFIX = "|".join(_SUFFIXES)
_UNITS_RE = [re.compile(rf"(?:[\u4e00-\u9fff]{{{k},}}?(?:{_SUFFIX}))+") for k in (2, 1)]
_UNIT_RE = [re.compile(rf"[\u4e00-\u9fff]{{{k},}}?(?:{_SUFFIX})") for k in (2, 1)]
_OCCASION_PLACE = re.compile(r"^(?P<place>.*?)(?:第[一二三四五六七八九十百0-9０-９]+届|人民代表大会|人大)")
PLACE_MAX = 24
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
NATION = "中华人民共和国"
LEVELS = ("national", "province", "prefecture", "county")
_YEAR_IN = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])")
_CN_YEAR = re.compile(r"[〇○零OＯ一二三四五六七八九]{4}(?=年)")


def parse_date(match: re.Match) -> str | None:
    """ISO date from a DATE_RE match, or None when the parts do not make a real date."""
    year = digit_string(match["y"])
    month, day = small_int(match["m"]), small_int(match["d"])
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _squeeze(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def _speaker(s: str) -> re.Match | None:
    s = s.strip(SPACE + "—―─-－–（）()")
    m = SPEAKER_RE.match(s) or SPEAKER_TIGHT_RE.match(s)
    if m is None:
        return None
    body = m["body"].removesuffix("人民政府")
    if body and body != "国务院" and not (len(body) <= PLACE_MAX and _UNITS_RE[1].fullmatch(body)):
        return None  # an office word at the end of an ordinary phrase, not after a place
    return m


def _dateline(line: str) -> tuple[re.Match, int] | None:
    """The date of a dateline in ``line``, and where the dateline ends; None if the line has none.

    The date must begin the line (after dashes, a parenthesis or spaces) or follow a
    title or a speaker on the same line."""
    m = DATE_RE.search(line)
    if m is None:
        return None
    before = line[: m.start()].rstrip(SPACE + "—―─-－–（(")
    if before and not _TITLE_WORD.search(before) and _speaker(before) is None:
        return None
    return m, m.end()


def parse_meta(head_lines: list[str]) -> dict:
    """title, place, date, speaker, office, occasion from the lines before the first part."""
    meta = dict.fromkeys(["title", "place", "date", "speaker", "office", "occasion"])
    body = None  # what stands before 人民政府 / the office on the speaker line

    def take_speaker(m: re.Match) -> None:
        nonlocal body
        if meta["office"] is None and meta["speaker"] is None:
            meta["office"] = m["office"]
            body = m["body"]
            if m["speaker"]:
                meta["speaker"] = _squeeze(m["speaker"])

    for raw in head_lines:
        line = raw.strip(SPACE + "\r\n")
        if not line:
            continue
        if line.startswith("各位代表"):
            break  # the salutation: what follows is the opening, not the head
        rest = line
        if (d := _dateline(line)) is not None and meta["date"] is None:
            m, end = d
            before, rest = line[: m.start()], line[end:]
            meta["date"] = parse_date(m)
            if o := OCCASION_RE.match(rest):
                meta["occasion"] = o["occasion"].strip(SPACE)
                rest = rest[o.end() :]
            rest = rest.strip(SPACE + "）)")
            before = before.rstrip(SPACE + "—―─-－–（(")
            if before and _TITLE_WORD.search(before):
                if meta["title"] is None:
                    meta["title"] = _squeeze(before)
            elif before and (s := _speaker(before)):
                take_speaker(s)
            if not rest:
                continue
        elif meta["occasion"] is None and (o := OCCASION_LINE_RE.match(line)):
            meta["occasion"] = o["occasion"].strip(SPACE)  # a dateline without its date
            continue
        elif meta["title"] is None and _TITLE_WORD.search(line) and len(_squeeze(line)) <= 40:
            # Correction: titles are often typeset with spaces between characters.
            meta["title"] = _squeeze(line)
            continue
        if (s := _speaker(rest)) is not None:
            take_speaker(s)
        elif meta["speaker"] is None and (n := NAME_RE.match(rest)) and _squeeze(rest) not in _NOT_NAMES:
            meta["speaker"] = _squeeze(n["speaker"])  # the name alone on its line

    meta["place"] = _place(body, meta["occasion"])
    return meta


def is_head_line(line: str) -> bool:
    """A line of a report's head: title, dateline, speaker line, or a name alone."""
    line = line.strip(SPACE + "\r\n")
    if not line:
        return True
    if _TITLE_WORD.search(line) and len(_squeeze(line)) <= 40 or _dateline(line) is not None:
        return True
    return _speaker(line) is not None or (NAME_RE.match(line) is not None and _squeeze(line) not in _NOT_NAMES)


def _place(body: str | None, occasion: str | None) -> str | None:
    """The full name of what the government governs: as written before 人民政府 on the speaker
    line (呼伦贝尔市海拉尔区), else in the occasion; 中华人民共和国 for the State Council."""
    if body:
        body = body.removesuffix("人民政府")
        if body == "国务院":
            return NATION
        if len(body) <= PLACE_MAX and _UNITS_RE[1].fullmatch(body):
            return body
    if occasion:
        if "全国人民代表大会" in occasion:
            return NATION
        m = _OCCASION_PLACE.match(occasion)
        if m and m["place"] and len(m["place"]) <= PLACE_MAX and _UNITS_RE[1].fullmatch(m["place"]):
            return m["place"]
    return None


def _units(place: str) -> list[str]:
    """The administrative units of a place name, largest first (河南省焦作市 -> 河南省, 焦作市)."""
    for whole, unit in zip(_UNITS_RE, _UNIT_RE):
        if whole.fullmatch(place):
            return unit.findall(place)
    return [place]


def level_of(place: str | None, office: str | None, occasion: str | None) -> str | None:
    """national, province, prefecture or county, as the office, the place and the occasion
    give it; None when they do not say."""
    office = (office or "").removeprefix("代理").removeprefix("代")
    if place == NATION or office == "总理" or (occasion and "全国人民代表大会" in occasion):
        return "national"
    if office in ("县长", "区长", "旗长"):
        return "county"
    if office in ("省长", "主席"):
        return "province"
    if office in ("州长", "盟长"):
        return "prefecture"
    if not place:
        return None
    units = _units(place)
    last = units[-1]
    if last in MUNICIPALITIES or last.endswith(("省", "自治区")):
        return "province"
    if last.endswith("特别行政区"):
        return None
    if last.endswith(("自治州", "州", "盟", "地区")):
        return "prefecture"
    if last.endswith("市"):
        # A city under another city, prefecture or league is a county-level city.
        if len(units) > 1 and units[-2].endswith(("市", "州", "盟", "地区")) and units[-2] not in MUNICIPALITIES:
            return "county"
        return "prefecture"
    return "county"  # 县, 区, 旗 and their autonomous forms


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
