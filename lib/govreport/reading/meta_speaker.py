"""The speaker and the office: who delivered the report, and as what.

**What a speaker is.** A name of 2 to 4 Chinese characters (王小明), or names of Chinese
characters joined by a middle dot (艾尔肯·吐尼亚孜; ``•`` and ``・`` are read as ``·``).
Spaces inside a name are layout and are dropped (韦 韬 → 韦韬, 赵　强 → 赵强), and so is a
trailing 同志. Never a speaker: a word of ``data/meta_words.tsv`` (role ``not_name``:
salutations, headings and the buttons of web pages such as 下载, 首页, 打印), a candidate that
contains a word of role ``not_in_name`` (a newspaper 四川日报, an office, a piece of the
dateline 在广东省第十四届), one that ends with a level word (a place: 北岭省, 青山市), or
the place of the report itself or its short form (北京 in 北京市长). Wrong is worse than
empty: when nothing on the title block is a name, ``speaker`` is None.

**Offices.** 总理, 省长, 市长, 县长, 区长, 州长, 盟长, 旗长, 主席, and their acting forms with
代 or 代理 (代省长, 代市长, 代理主席, 代区长, 代县长); the office keeps the acting form.

**Speaker phrases** (``speaker_phrase``), as they stand on a line of their own or inside a
dateline:

- ``[place][人民政府]office name``, the name after spaces (北岭省人民政府省长　李明远,
  省长 李明远, 自治区主席 韦 韬); before the office stands nothing, a place in full, a level
  word alone (自治区, 省人民政府) or 国务院;
- the name right after the office (国务院总理李小明, 北岭省人民政府省长李明远): on a line of its
  own only after 人民政府 or 国务院; inside a dateline (``delimited``) after any of them
  (…会议上省长李明远作政府工作报告), where 在 or the words of the speech close the name;
- the name before the office (李明远省长在…会议上的讲话): inside a dateline only, with
  nothing before the name;
- the office alone (北岭省人民政府省长): the name may stand alone on the next line.

    >>> speaker_phrase("自治区主席 韦 韬")
    Phrase(body='自治区', office='主席', speaker='韦韬')
    >>> speaker_phrase("北岭省代省长白云飞", delimited=True).speaker, speaker_phrase("白云飞市长", delimited=True).office
    ('白云飞', '市长')
    >>> name_of("艾力·买买提"), name_of("下载"), name_of("北岭日报"), name_of("在北岭省第十四届")
    ('艾力·买买提', None, None, None)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..paths import role_words
from .meta_place import SUFFIXES, is_body
from .outline import SPACE

OFFICES = ("总理", "省长", "市长", "县长", "区长", "州长", "盟长", "旗长", "主席")
OFFICE_RE = re.compile(rf"(?:代理|代)?(?:{'|'.join(OFFICES)})")
_HAN = "\u4e00-\u9fff"
_DOTS = re.compile(r"[•・･‧∙⋅]")
_PLAIN_NAME = re.compile(rf"[{_HAN}]{{2,4}}")
_DOTTED_NAME = re.compile(rf"[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}}){{1,3}}")
_SPACES = re.compile(f"[{SPACE}]+")


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    """The word lists of ``data/meta_words.tsv`` by role."""
    return {role: tuple(ws) for role, ws in role_words("meta_words.tsv").items()}


class Phrase(NamedTuple):
    """A speaker phrase read: what stands before the office, the office, the name (or None)."""

    body: str
    office: str
    speaker: str | None


def squeeze(s: str) -> str:
    """``s`` without its spaces (layout inside titles and names)."""
    return _SPACES.sub("", s)


def name_of(s: str) -> str | None:
    """``s`` as a speaker's name (rules in the module docstring), or None when it is none."""
    name = _DOTS.sub("·", squeeze(s.strip(SPACE + "，,。：:")))
    name = name.removesuffix("同志")
    if not (_PLAIN_NAME.fullmatch(name) or _DOTTED_NAME.fullmatch(name)):
        return None
    w = words()
    if name in w["not_name"] or any(part in name for part in w["not_in_name"]):
        return None
    if name.endswith(SUFFIXES):
        return None  # a place (北岭省, 青山市)
    return name


def strip_speech(s: str) -> str:
    """``s`` without the words of the speech after the speaker (作政府工作报告, 的讲话) and
    closing punctuation."""
    s = s.strip(SPACE + "。.；;）)")
    for tail in sorted(words()["speech"], key=len, reverse=True):
        if s.endswith(tail):
            return s[: -len(tail)].rstrip(SPACE)
    return s


def speaker_phrase(s: str, delimited: bool = False) -> Phrase | None:
    """The speaker phrase that ``s`` is as a whole (forms in the module docstring), or None.

    ``delimited``: ``s`` is a piece of a dateline, closed by 在 or by the words of the
    speech, so a name may follow the office without a space, or precede it."""
    s = s.strip(SPACE + "—―─-－–（）()：:")
    if not s or len(s) > 40:
        return None
    for m in OFFICE_RE.finditer(s):
        body, office, rest = s[: m.start()], m.group(), s[m.end() :]
        if not is_body(body):
            # The name before the office: 李明远省长 (a dateline only, nothing else before it).
            if delimited and not rest and (name := name_of(body)):
                return Phrase("", office, name)
            continue
        if not rest:
            return Phrase(body, office, None)
        spaced = rest[0] in SPACE
        if spaced or delimited or body.endswith(("人民政府", "国务院")):
            name = name_of(rest)
            if name is not None:
                return Phrase(body, office, name)
    return None
