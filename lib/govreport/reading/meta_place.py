"""Place and level: what the government governs, in full, and how high it stands.

The rules (``govreport.reading.meta`` applies them in this order; the first that gives a
place wins):

1. A report that says 我代表国务院 is the State Council's: place 中华人民共和国, level
   ``national``, whatever its head holds or lacks.
2. The place written before the office on the speaker line (呼伦贝尔市海拉尔区人民政府区长 →
   呼伦贝尔市海拉尔区), or 中华人民共和国 for 国务院.
3. The place of the occasion (在广西壮族自治区第十四届人民代表大会…; 全国人民代表大会 is
   中华人民共和国).
4. The place of the title (2030年北岭省政府工作报告), when the title writes it in full.

A place is a chain of administrative units, each a proper name and a level word (省, 市,
自治区, 自治州, 县, 区, 旗, 盟, 地区 …). A level word alone (自治区主席, 省长, 市人民政府) is
no place: it refers to the place and the place is taken from the occasion or the title.
A short name in a title (2030年北岭政府工作报告, without 省 or 自治区) is never the place;
when the dateline names the place in full that is the place, otherwise the place is None.

The level (``level_of``), from the first rule that says:

1. ``national`` for the State Council (中华人民共和国, 总理, 全国人民代表大会).
2. The office, when it names a level: ``province`` for a 省长 or a 主席 (of an autonomous
   region); ``prefecture`` for a 州长 or 盟长; ``county`` for a 县长, 区长 or 旗长. A 市长
   names none: a municipality, a prefecture-level and a county-level city all have one.
3. **The division table** (``govreport.reading.divisions``, cpca's), when it knows the place
   (``place_codes``: the name as a whole, else its chain of units, 呼伦贝尔市海拉尔区 → the
   海拉尔区 under 呼伦贝尔市) and all the places of that name have one level: that level, read
   off the code's shape. So a county-level city is ``county`` (义乌市, 济源市), a
   prefecture-level city ``prefecture`` (保定市), a district ``county`` whether of a city or
   of a municipality (海拉尔区, 朝阳区), 北京市 and a special administrative region ``province``.
4. Otherwise (a name the table does not know, or places of one name at different levels),
   the place's last unit: a province, an autonomous region and the four municipalities
   北京市, 天津市, 上海市, 重庆市 are ``province``; an autonomous prefecture, a 州, a 盟 and a
   地区 ``prefecture``; a city ``prefecture`` alone or under a province, ``county`` under
   another city, prefecture or league (青山市东岭市); a county, a district or a banner
   ``county``; a special administrative region, or a name without a level word (北岭, as a
   caller may give it), None.

Acting offices (代省长, 代理主席) count as the office. None when nothing says. A level the
caller gives (``load_report(..., level=)``, ``--meta``) wins over all of these.

    >>> is_place("广西壮族自治区"), is_place("自治区"), is_place("广西")
    (True, False, False)
    >>> level_of("重庆市", None, None), level_of("青山市东岭市", "市长", None), level_of(None, "代理主席", None)
    ('province', 'county', 'province')
    >>> level_of("义乌市", "市长", None), level_of("保定市", "市长", None), level_of("北京市朝阳区", None, None)
    ('county', 'prefecture', 'county')
"""

from __future__ import annotations

import re

from . import divisions

SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "州", "盟", "旗")
_SUFFIX = "|".join(SUFFIXES)
_UNITS_RE = [re.compile(rf"(?:[\u4e00-\u9fff]{{{k},}}?(?:{_SUFFIX}))+") for k in (2, 1)]
_UNIT_RE = [re.compile(rf"[\u4e00-\u9fff]{{{k},}}?(?:{_SUFFIX})") for k in (2, 1)]
# What is no proper name before a level word: 自治 (自治区 is a level word, not 自治 + 区),
# 本/全/我/该/各 (本市, 全省 refer to a place).
_NOT_PROPER = re.compile(r"^(?:自治|特别行政|地|本|全|我|该|各)$")
_OCCASION_PLACE = re.compile(r"^(?P<place>.*?)(?:第?[一二三四五六七八九十百0-9０-９]+届|人民代表大会|人大)")
_TITLE_PLACE = re.compile(r"^(?:[0-9０-９〇○零OＯ一二三四五六七八九]{4}年度?)?(?P<place>[\u4e00-\u9fff]+?)(?:人民)?政府工作报告")
PLACE_MAX = 24
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
NATION = "中华人民共和国"
STATE_COUNCIL = "国务院"
LEVELS = ("national", "province", "prefecture", "county")
#: The level an office names (a 市长's city may be a municipality, a prefecture or a county).
OFFICE_LEVELS = {"省长": "province", "主席": "province", "州长": "prefecture", "盟长": "prefecture",
                 "县长": "county", "区长": "county", "旗长": "county"}
#: The State Council's own words: a report that holds them is the national one.
NATIONAL_VOICE = "我代表国务院"


def units(place: str) -> list[str]:
    """The administrative units of a place name, largest first (河南省焦作市 -> 河南省, 焦作市)."""
    for whole, unit in zip(_UNITS_RE, _UNIT_RE):
        if whole.fullmatch(place):
            return unit.findall(place)
    return [place]


def is_place(name: str | None) -> bool:
    """``name`` is a place written in full: a chain of units, each a proper name and a
    level word (广西壮族自治区, 青山市绿水区); 自治区, 本市 or 广西 are not."""
    if not name or len(name) > PLACE_MAX or not _UNITS_RE[1].fullmatch(name):
        return False
    for unit in units(name):
        proper = next((unit[: -len(s)] for s in SUFFIXES if unit.endswith(s)), unit)
        if not proper or _NOT_PROPER.match(proper):
            return False
    return True


def is_level_word(body: str) -> bool:
    """A level word standing for the place (自治区, 省, 市 …, optionally with 人民政府)."""
    return body.removesuffix("人民政府") in SUFFIXES


def place_of_body(body: str | None) -> str | None:
    """The place written before the office on a speaker line: 中华人民共和国 for 国务院, a
    place in full (人民政府 dropped), else None (nothing, or a level word alone)."""
    if not body:
        return None
    body = body.removesuffix("人民政府")
    if body == STATE_COUNCIL:
        return NATION
    return body if is_place(body) else None


def is_body(body: str) -> bool:
    """What may stand before an office on a speaker line: nothing, a place in full, a level
    word alone (自治区主席), 国务院, each optionally followed by 人民政府."""
    return not body or is_level_word(body) or place_of_body(body) is not None


def place_of_occasion(occasion: str | None) -> str | None:
    """The place of an occasion (在某某市第九届人民代表大会…会议上): written before 第…届 or
    人民代表大会; 中华人民共和国 for 全国人民代表大会."""
    if not occasion:
        return None
    if "全国人民代表大会" in occasion:
        return NATION
    m = _OCCASION_PLACE.match(occasion)
    return m["place"] if m and is_place(m["place"]) else None


def place_of_title(title: str | None) -> str | None:
    """The place a title names in full (2030年北岭省政府工作报告 -> 北岭省); None for a short
    name (2030年北岭政府工作报告) or none."""
    m = _TITLE_PLACE.match(title or "")
    return m["place"] if m and is_place(m["place"]) else None


def short_title_place(title: str | None) -> str | None:
    """The name a title gives without its level word (北岭 in 2030年北岭政府工作报告), else None."""
    m = _TITLE_PLACE.match(title or "")
    return m["place"] if m and not is_place(m["place"]) else None


def place_codes(place: str | None) -> list[str]:
    """The division-table codes of a place written in full: the name as a whole (市中区), else
    its chain of units (河南省焦作市); [] when the table does not know it."""
    if not place:
        return []
    return divisions.codes_of([place]) or divisions.codes_of(units(place))


def table_level(place: str | None) -> str | None:
    """The level the division table gives the place: None when it does not know the place
    or the places of its name differ in level."""
    found = {divisions.code_level(c) for c in place_codes(place)}
    return found.pop() if len(found) == 1 else None


def level_of(place: str | None, office: str | None, occasion: str | None) -> str | None:
    """national, province, prefecture or county, as the office, the place and the occasion
    give it (rules in the module docstring); None when they do not say."""
    office = (office or "").removeprefix("代理").removeprefix("代")
    if place == NATION or office == "总理" or (occasion and "全国人民代表大会" in occasion):
        return "national"
    if office in OFFICE_LEVELS:
        return OFFICE_LEVELS[office]
    if level := table_level(place):
        return level
    if not place:
        return None
    chain = units(place)
    last = chain[-1]
    if last in MUNICIPALITIES or last.endswith(("省", "自治区")):
        return "province"
    if last.endswith("特别行政区"):
        return None
    if last.endswith(("自治州", "州", "盟", "地区")):
        return "prefecture"
    if last.endswith("市"):
        # A city under another city, prefecture or league is a county-level city.
        if len(chain) > 1 and chain[-2].endswith(("市", "州", "盟", "地区")) and chain[-2] not in MUNICIPALITIES:
            return "county"
        return "prefecture"
    if last.endswith(("县", "区", "旗")):
        return "county"  # and their autonomous forms (自治县, 自治旗)
    return None  # no level word (a short name given by the caller: 北岭)
