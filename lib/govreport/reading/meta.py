"""Metadata from a report's head: title, dateline, speaker.

A report opens with an optional title line (政府工作报告, often spaced out as
政 府 工 作 报 告), a dateline (——二○二一年二月二十三日在焦作市第十三届人民代表大会第四次会议上)
and a speaker line (焦作市人民政府市长 徐衣显). Anything not found is ``None``:
nothing is guessed from the file name.
"""

from __future__ import annotations

import datetime as _dt
import re

from .numerals import digit_string, small_int

_YEAR = r"[0-9０-９〇○零OＯ一二三四五六七八九]{4}"
_MD = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
# The dateline: one or two dashes (or a parenthesis) then a date then 在…会议上.
DATELINE_RE = re.compile(
    rf"^[\s\u3000]*(?:[—―─\-－–]{{1,2}}|[（(])?[\s\u3000]*{DATE_RE.pattern}\s*"
    r"(?:在(?P<occasion>[^\r\n]*?会议?)\s*上)?"
)
TITLE_RE = re.compile(r"^[\s\u3000]*(?P<title>[^\r\n]*?政[\s\u3000]*府[\s\u3000]*工[\s\u3000]*作[\s\u3000]*报[\s\u3000]*告[^\r\n]*?)[\s\u3000]*$")
SPEAKER_RE = re.compile(
    r"^[\s\u3000]*(?P<body>[^\s\u3000，,。]{0,20}?)"
    r"(?P<office>代?理?(?:省|市|县|区|州|盟|旗)长|代?主席)"
    r"[\s\u3000]+(?P<speaker>[\u4e00-\u9fff·]{2,6})[\s\u3000]*$"
)
PLACE_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|州|盟|旗))")


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


def parse_meta(head_lines: list[str]) -> dict:
    """Metadata from the lines before the first part heading."""
    meta = {"title": None, "place": None, "date": None, "speaker": None, "office": None, "occasion": None}
    for line in head_lines:
        if meta["title"] is None and (m := TITLE_RE.match(line)):
            # Correction: titles are often typeset with spaces between characters.
            meta["title"] = re.sub(r"[\s\u3000]+", "", m["title"])
            continue
        if meta["date"] is None and (m := DATELINE_RE.match(line)):
            meta["date"] = parse_date(m)
            if m["occasion"]:
                meta["occasion"] = m["occasion"].strip()
            continue
        if meta["speaker"] is None and (m := SPEAKER_RE.match(line)):
            meta["speaker"], meta["office"] = m["speaker"], m["office"]
            body = m["body"]
            if body.endswith("人民政府"):
                body = body[: -len("人民政府")]
            if body and (p := PLACE_RE.match(body)):
                meta["place"] = p["place"]
    if meta["place"] is None and meta["occasion"] and (p := PLACE_RE.match(meta["occasion"])):
        meta["place"] = p["place"]
    return meta
