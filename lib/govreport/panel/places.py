"""Where a place sits: its administrative-division code and its parent, from cpca's table.

``locate(place, level)`` returns a ``Place`` (adcode, parent, note). The table is the one the
``cpca`` package ships (``cpca/resources/adcodes.csv``, MIT, 12-digit codes of every province,
prefecture and county with its name); nothing is typed by hand. The rules:

- The code's shape gives the level: ``PP0000`` a province, ``PPCC00`` a prefecture, any
  other a county or district. A report's ``level`` (``province``, ``prefecture``, ``county``)
  picks among places of one name (朝阳区 of Beijing and of Changchun are both counties, so
  the level does not help there).
- A name is matched as written (河北省); failing that, a short name of two or more characters
  (广西, 焦作) matches the places whose names begin with it.
- The parent of a province is 中华人民共和国 (adcode ``000000``); of a prefecture, its
  province; of a county or district, its prefecture, or its province when the table has no
  prefecture above it (the districts of 北京市, whose ``110100`` is 市辖区, and the counties
  a province governs directly, such as 仙桃市).
- A place the table does not know, or a name that several places of the level share, gets an
  empty adcode and parent, and the note says which.

Codes are written with six digits (the county-level code, ``130628``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COUNTRY = "中华人民共和国"
COUNTRY_CODE = "000000"
LEVELS = ("national", "province", "prefecture", "county")
# Names the table gives to groupings that are not places (a city's districts, a province's
# directly governed counties): never a parent.
_GROUPINGS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


@dataclass(frozen=True)
class Place:
    name: str
    level: str | None
    adcode: str
    parent: str
    parent_adcode: str
    note: str


def table_path() -> Path:
    """cpca's administrative-division table (adcode, name, longitude, latitude)."""
    import cpca

    return Path(cpca.__file__).resolve().parent / "resources" / "adcodes.csv"


def level_of(code: str) -> str:
    """``province``, ``prefecture`` or ``county`` from a six-digit code's shape."""
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(code → name, name → codes) of the table's places, codes as six digits."""
    names: dict[str, str] = {}
    with open(table_path(), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names[row["adcode"][:6]] = row["name"].strip()
    by_name: dict[str, list[str]] = {}
    for code, name in sorted(names.items()):
        if name not in _GROUPINGS:
            by_name.setdefault(name, []).append(code)
    return names, by_name


def parent_of(code: str) -> str:
    """The code of the place above ``code`` (``COUNTRY_CODE`` above a province)."""
    names, _ = _table()
    level = level_of(code)
    if level == "province":
        return COUNTRY_CODE
    province = code[:2] + "0000"
    if level == "prefecture":
        return province
    prefecture = code[:4] + "00"
    if prefecture in names and names[prefecture] not in _GROUPINGS:
        return prefecture
    return province


def _candidates(place: str) -> list[str]:
    _, by_name = _table()
    if place in by_name:
        return by_name[place]
    if len(place) < 2:
        return []
    return sorted(c for name, codes in by_name.items() if name.startswith(place) for c in codes)


@lru_cache(maxsize=4096)
def locate(place: str | None, level: str | None = None) -> Place:
    """The place named ``place`` at ``level`` (if given), with its adcode and parent."""
    names, _ = _table()
    if not place:
        return Place("", level, "", "", "", "the report names no place")
    if place == COUNTRY or level == "national":
        return Place(place, level, COUNTRY_CODE, "", "", "")
    codes = _candidates(place)
    if level in ("province", "prefecture", "county"):
        codes = [c for c in codes if level_of(c) == level]
    if not codes:
        return Place(place, level, "", "", "", f"{place} is not in the administrative-division table")
    if len(codes) > 1:
        shown = "、".join(names[c] if level_of(c) == "province" else names[parent_of(c)] + names[c] for c in codes[:4])
        return Place(place, level, "", "", "", f"{len(codes)} places are called {place} ({shown}); adcode and parent left empty")
    code = codes[0]
    up = parent_of(code)
    return Place(names[code], level or level_of(code), code, COUNTRY if up == COUNTRY_CODE else names[up], up, "")
