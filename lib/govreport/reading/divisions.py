"""China's administrative divisions: codes, names, levels and parents, from cpca's table.

The table is the one the ``cpca`` package ships (``cpca/resources/adcodes.csv``, MIT): a
12-digit code and a name for every province, prefecture and county; nothing is typed by
hand. It is read once per process, on the first lookup (``table``), never at import; cpca
itself is not imported, only its file is found. Codes are written with six digits
(``130628``, the county-level code). The table is as cpca ships it, of about 2016: a
place made or renamed since (彬州市, a county-level city since 2018) is not in it, and a
report's level then falls back to the words (``govreport.reading.meta_place``).

- **Level** (``code_level``): the code's shape. ``PP0000`` is a province (the four
  municipalities 北京市 … 重庆市, the autonomous regions and the special administrative
  regions are coded so too); ``PPCC00`` a prefecture (a prefecture-level city, an autonomous
  prefecture, a 盟, a 地区); any other code a county: a county, a district (of a municipality
  as of a city), a banner, a county-level city (义乌市 ``330782``). A county-level city a
  province governs directly (济源市 ``419001``, 仙桃市 ``429004``) is a county too: its
  code's middle digits are those of a grouping (``4190``, 省直辖县级行政区划), not of a
  prefecture.
- **Parent** (``parent_of``): 中华人民共和国 (``000000``) above a province; its province above
  a prefecture; above a county, its prefecture, or its province when the code above it is a
  grouping rather than a place (``110100`` 市辖区, the districts of 北京市; ``419000``, the
  counties 河南省 governs directly). Groupings (``GROUPINGS``) are never a place.
- **A place by name** (``codes_of``): a chain of units, largest first (``[河南省, 焦作市]``, or
  one name): the codes named as its last unit whose ancestors include a place named as each
  unit before it. A chain with a unit the table does not know has no code: the table cannot
  vouch for it. ``codes_starting`` finds the places whose names begin with a short name (广西).

    >>> codes_of(["义乌市"]), code_level("330782"), name_of(parent_of("330782"))
    (['330782'], 'county', '金华市')
    >>> codes_of(["朝阳区"]), codes_of(["北京市", "朝阳区"]), codes_of(["青云市"])
    (['110105', '220104'], ['110105'], [])
"""

from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

COUNTRY = "中华人民共和国"
COUNTRY_CODE = "000000"
#: Names the table gives to groupings that are not places (a city's districts, a province's
#: directly governed counties): never a parent, never found by name.
GROUPINGS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


class Table(NamedTuple):
    names: dict[str, str]  # code -> name
    by_name: dict[str, tuple[str, ...]]  # name -> codes (sorted), groupings left out


def table_path() -> Path:
    """cpca's administrative-division table (adcode, name, longitude, latitude), found
    without importing cpca."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the cpca package (its administrative-division table) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def table() -> Table:
    """The table, read on first use and kept for the process."""
    names: dict[str, str] = {}
    with open(table_path(), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names[row["adcode"][:6]] = row["name"].strip()
    by_name: dict[str, list[str]] = {}
    for code, name in sorted(names.items()):
        if name not in GROUPINGS:
            by_name.setdefault(name, []).append(code)
    return Table(names, {n: tuple(c) for n, c in by_name.items()})


def code_level(code: str) -> str:
    """``province``, ``prefecture`` or ``county`` from a six-digit code's shape."""
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def name_of(code: str) -> str:
    """The name of a code (中华人民共和国 for ``000000``)."""
    return COUNTRY if code == COUNTRY_CODE else table().names[code]


def parent_of(code: str) -> str:
    """The code of the place above ``code`` (``COUNTRY_CODE`` above a province)."""
    level = code_level(code)
    if level == "province":
        return COUNTRY_CODE
    province = code[:2] + "0000"
    if level == "prefecture":
        return province
    prefecture = code[:4] + "00"
    names = table().names
    return prefecture if names.get(prefecture, GROUPINGS[0]) not in GROUPINGS else province


def ancestors(code: str) -> list[str]:
    """The codes above ``code``, nearest first, up to (not including) the country."""
    out = []
    while (code := parent_of(code)) != COUNTRY_CODE:
        out.append(code)
    return out


def codes_of(chain: Sequence[str]) -> list[str]:
    """The codes of the place a chain of units names (rules in the module docstring)."""
    if not chain:
        return []
    by_name = table().by_name
    codes = list(by_name.get(chain[-1], ()))
    for unit in chain[:-1]:
        above = set(by_name.get(unit, ()))
        codes = [c for c in codes if above.intersection(ancestors(c))]
    return codes


def codes_starting(short: str) -> list[str]:
    """The codes of the places whose names begin with ``short`` (two characters or more)."""
    if len(short) < 2:
        return []
    return sorted(c for name, codes in table().by_name.items() if name.startswith(short) for c in codes)
