"""Radicals and compatibility ideographs back to the ordinary (unified) ideographs.

Chinese text taken out of a PDF often carries look-alike code points instead of the
ideographs a reader types: Kangxi radicals (``⼀`` U+2F00 for ``一``, ``⼯`` for ``工``),
CJK Radicals Supplement forms (``⺠`` for ``民``, ``⻓`` for ``长``) and CJK compatibility
ideographs (U+F900–U+FAFF). They look the same but match no word, number or heading
pattern. ``unify`` maps them: NFKC on the Kangxi and compatibility code points only (never
on the whole text: NFKC would also turn the full-width punctuation the outline reads,
``（一）`` and ``：``, into ASCII), and for the supplement, which NFKC leaves alone, the
table ``data/cjk_radicals.tsv`` (the ideograph a CJK font draws with the same glyph; it
also holds ``⼾``, which NFKC makes 戶 but Chinese fonts draw, and Chromium writes, for 户).
Each character maps to one character, so offsets do not move.

    >>> unify("⼀、⼯作回顾：⼈⺠⽣活⽔平，新增4万⼾")
    '一、工作回顾：人民生活水平，新增4万户'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..paths import data_lines

LOOKALIKES = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {}
    for c in [*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00), 0x2E9F, 0x2EF3]:
        n = unicodedata.normalize("NFKC", chr(c))
        if len(n) == 1 and n != chr(c):
            table[c] = n
    for line in data_lines("cjk_radicals.tsv"):
        radical, ideograph = line.split("\t")
        table[ord(radical)] = ideograph
    return table


def unify(text: str) -> str:
    """``text`` with its radicals and compatibility ideographs as unified ideographs
    (one character for one: offsets hold)."""
    if LOOKALIKES.search(text) is None:
        return text
    return text.translate(_table())
