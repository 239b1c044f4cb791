"""Where a place sits: its administrative-division code and its parent, from cpca's table.

``locate(place, level)`` returns a ``Place`` (adcode, parent, note). The table, its codes'
levels and parents are ``govreport.reading.divisions`` (the reading stage reads the same
table for a report's ``level``: ``govreport.reading.meta_place``). The rules:

- A place is matched as written in full (河北省, 呼伦贝尔市海拉尔区: the 海拉尔区 under
  呼伦贝尔市; ``meta_place.place_codes``); failing that, a short name of two or more
  characters (广西, 焦作) matches the places whose names begin with it.
- A report's ``level`` (``province``, ``prefecture``, ``county``) picks among places of one
  name (朝阳区 of Beijing and of Changchun are both counties, so the level does not help
  there; 北京市朝阳区 written in full is one place).
- The parent is the one ``divisions.parent_of`` gives: 中华人民共和国 (adcode ``000000``)
  above a province, its province above a prefecture, its prefecture above a county (金华市
  above the county-level city 义乌市), or its province when the table has no prefecture
  above it (the districts of 北京市, the counties a province governs directly such as 仙桃市).
- A place the table does not know, or a name that several places of the level share, gets an
  empty adcode and parent, and the note says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..reading import divisions
from ..reading.meta_place import place_codes

COUNTRY = divisions.COUNTRY
COUNTRY_CODE = divisions.COUNTRY_CODE
LEVELS = ("national", "province", "prefecture", "county")


@dataclass(frozen=True)
class Place:
    name: str
    level: str | None
    adcode: str
    parent: str
    parent_adcode: str
    note: str


def _shown(code: str) -> str:
    """A place as a note names it: a province alone, anything else after its parent."""
    up = divisions.parent_of(code)
    return divisions.name_of(code) if up == COUNTRY_CODE else divisions.name_of(up) + divisions.name_of(code)


@lru_cache(maxsize=4096)
def locate(place: str | None, level: str | None = None) -> Place:
    """The place named ``place`` at ``level`` (if given), with its adcode and parent."""
    if not place:
        return Place("", level, "", "", "", "the report names no place")
    if place == COUNTRY or level == "national":
        return Place(place, level, COUNTRY_CODE, "", "", "")
    codes = place_codes(place) or divisions.codes_starting(place)
    if level in ("province", "prefecture", "county"):
        codes = [c for c in codes if divisions.code_level(c) == level]
    if not codes:
        return Place(place, level, "", "", "", f"{place} is not in the administrative-division table")
    if len(codes) > 1:
        shown = "、".join(_shown(c) for c in codes[:4])
        return Place(place, level, "", "", "", f"{len(codes)} places are called {place} ({shown}); adcode and parent left empty")
    code = codes[0]
    up = divisions.parent_of(code)
    return Place(divisions.name_of(code), level or divisions.code_level(code), code, divisions.name_of(up), up, "")
