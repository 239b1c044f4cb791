"""The folder name of a report's site: ``jiaozuo-2021`` from the place and year, else the file name."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

from .. import paths
from ..reading import meta_place

# Administrative suffixes dropped before transliteration, longest first (焦作市 -> 焦作 -> jiaozuo):
# the level words places are read with, and 新区 (雄安新区 -> 雄安 -> xiongan).
SUFFIXES = tuple(sorted(dict.fromkeys((*meta_place.SUFFIXES, "新区")), key=len, reverse=True))


def ascii_words(text: str) -> str:
    """``text`` in lower-case ASCII words joined by ``-``: Chinese through pypinyin, accents dropped."""
    from pypinyin import lazy_pinyin

    words = []
    for piece in lazy_pinyin(text, errors=lambda chars: [chars]):
        piece = unicodedata.normalize("NFKD", piece).encode("ascii", "ignore").decode("ascii")
        words.append(piece.lower())
    # Chinese syllables of one name run together (jiao zuo -> jiaozuo); other text keeps its breaks.
    joined = "".join(w if re.fullmatch(r"[a-z]+", w) else f"-{w}-" for w in words)
    return re.sub(r"[^a-z0-9]+", "-", joined).strip("-")


def place_stem(place: str) -> str:
    """The place without its administrative suffix (焦作市 -> 焦作); unchanged if that would leave nothing.

    An autonomous area also loses the peoples its name carries before 自治区/州/县/旗
    (``data/ethnic_groups.txt``), as its short name does, while at least two characters
    remain (内蒙古 stays whole):

    >>> [place_stem(p) for p in ("焦作市", "广西壮族自治区", "新疆维吾尔自治区", "内蒙古自治区", "恩施土家族苗族自治州")]
    ['焦作', '广西', '新疆', '内蒙古', '恩施']
    """
    for suffix in SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix):
            stem = place[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = _without_peoples(stem)
            return stem
    return place


def _without_peoples(stem: str) -> str:
    words = [w for name in _peoples() for w in (name + "族", name)]
    while cut := next((w for w in words if stem.endswith(w) and len(stem) - len(w) >= 2), None):
        stem = stem[: -len(cut)]
    return stem


@functools.cache
def _peoples() -> tuple[str, ...]:
    # Longest first, so 土家 is tried before 土.
    return tuple(sorted(paths.data_lines("ethnic_groups.txt"), key=len, reverse=True))


def report_year(meta: dict) -> str | None:
    year = meta.get("year")
    if year:
        return str(year)
    date = meta.get("date") or ""
    return date[:4] if re.match(r"\d{4}", date) else None


def site_slug(meta: dict, path: Path | str) -> str:
    """``<place>-<year>`` when the metadata gives both, else the file name's stem in ASCII."""
    place, year = meta.get("place"), report_year(meta)
    if place and year:
        stem = ascii_words(place_stem(place))
        if stem:
            return f"{stem}-{year}"
    return ascii_words(Path(path).stem) or "report"


def free_slug(slug: str, path: Path | str, out: Path) -> str:
    """``slug``, unless ``out/<slug>/`` already holds the site of another file (two reports of one
    place and year, say a draft and the final text): then ``<slug>-<file name>``, so that building
    one never replaces the other. Rebuilding the same file keeps its slug."""
    info = Path(out) / slug / "site.json"
    try:
        owner = json.loads(info.read_text(encoding="utf-8")).get("file")
    except (OSError, ValueError):
        return slug
    name = Path(path).name
    if owner in (None, name):
        return slug
    stem = ascii_words(Path(path).stem) or "report"
    return slug if stem == slug else f"{slug}-{stem}"
