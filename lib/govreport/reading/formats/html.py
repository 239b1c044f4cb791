"""Web pages (``.html``, ``.htm``): the report's text out of a government site's page.

The page is parsed with lxml. What is not the report is dropped first: scripts, styles,
forms, the ``nav``, ``header``, ``footer`` and ``aside`` elements, elements whose ``class``
or ``id`` names navigation, menus, breadcrumbs, share bars, sidebars, banners, toolbars,
footers or the copyright, and the page's action links (``href="javascript:…"``: 打印,
关闭窗口). The report is then the deepest element that holds at least 80 % of the page's
remaining text outside links and ASCII (its Chinese text); it grows to its parent while
that adds little (at most 5 %: the article's heading and its line of 来源/时间 labels), and
a ``<h1>`` before it is its title line. What it grew by that is mostly the text of links
(previous/next, related articles) is dropped. Each paragraph (``p``, ``div``,
headings, list items, table rows and cells) is a line; ``<br>`` breaks a line. Clutter
that remains (``【字号：大 中 小】``, ``来源：…``) stays in the text, and the outline and
the title block skip it (``govreport.reading.clutter``).

The encoding is the page's own (``<meta charset>``) when the bytes decode with it, else
UTF-8 or GB18030 as for a text file.

Why no extraction library (measured 2026-12-05 with trafilatura 2.3.1 + lxml_html_clean 0.4.6
and readability-lxml 0.9, against this reader). Pages: the test pages of ``tests/documents.py``
and ``tests/test_formats.py``, and five provincial reports (北京, 广西, 四川, 河北, 新疆) set
in a site template with a top bar, menu, breadcrumb, 来源/时间/字号 labels, a share box,
print and close links, previous/next links, a sidebar of related articles, a photo caption,
a footer and scripts, as ``<p>``, ``<br>`` and TRS-editor ``<font>`` paragraphs.

- Text: all three keep every paragraph in order, the dateline and the speaker line of the
  five reports, drop the site's menus, share box, links and footer, and give the same
  outline, facts, place, date, speaker and level as the ``.txt``; what stays is the photo
  caption (all three) and, here only, the 来源/时间 line that gives ``meta["source"]`` and
  ``meta["published"]`` (trafilatura and readability-lxml drop it, and those keys with it).
  On the county page (the report in a layout table, ``<br>`` lines, a table in it)
  trafilatura keeps the menu (首页, 机构设置) and the copyright line and changes the
  outline; readability-lxml drops the table inside the report. (This reader got there by
  three fixes made in this comparison: ``share`` inside a class name (``bdsharebuttonbox``),
  the ``javascript:`` links, and the link lists the report grew by. Before them, four of
  the five pages had their share and print line in the outline as an appendix.)
- Speed, the 31 provincial reports as test pages (``write_html``), best of three: their
  ``.txt`` load 281 ms; extraction alone, this reader 105 ms (text load + extraction =
  1.4× the text's), trafilatura 800 ms (3.8×; 553 ms, 3.0×, with ``favor_recall``),
  readability-lxml 1092 ms (4.9×). The rule is at most 2× (``tests/test_formats.py``).

So this reader stays; it needs lxml only.
"""

from __future__ import annotations

import re

from . import Unreadable

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "svg", "head", "object", "embed",
)
_DROP_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|sidebar|copyright"
    r"|toolbar|topbar|banner|position|location|weizhi|dayin)(?:$|[\s_-])"
    r"|share|fenxiang",  # inside a name too: bdsharebuttonbox, sharebar, fenxiang_box
    re.IGNORECASE,
)
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "dt", "dd", "section",
    "article", "blockquote", "pre", "table", "ul", "ol", "dl", "center", "main", "figure", "figcaption", "caption",
}
_WS = re.compile(r"[ \t\r\n\f]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SHARE = 0.8  # the report holds at least this share of the page's text
_GROW = 0.05  # a parent that adds at most this share is the report's too (its heading, its labels)


def page_encoding(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB (GBK and GB2312 read as GB18030)."""
    m = CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gbk", "gb2312", "gb18030", "x-gbk") else name


def read_html(page: str) -> str:
    """The report's text in a decoded web page, one line per paragraph."""
    from lxml import etree

    try:
        root = etree.fromstring(_XML_DECL.sub("", page), etree.HTMLParser(remove_comments=True, remove_pis=True))
    except (etree.ParserError, ValueError) as err:
        raise Unreadable(f"is an HTML page that cannot be parsed ({err}); save the report's text as .txt") from None
    if root is None:
        raise Unreadable("is an HTML page without Chinese text in it; save the report's text as .txt")
    for element in list(root.iter(etree.Element)):
        if element.getparent() is None:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        action = element.tag == "a" and element.get("href", "").lstrip().lower().startswith("javascript:")
        if action or element.tag in _DROP_TAGS or (element.tag not in ("body", "html") and _DROP_NAMES.search(names)):
            _drop(element)

    body = root.find("body") if root.find("body") is not None else root
    han = _han_counts(body)
    total = han.get(body, 0)
    if total < 2:
        raise Unreadable("is an HTML page without Chinese text in it (a page built by scripts?); save the report's text as .txt")
    # The deepest element holding most of the page's text, grown by its heading and labels.
    report = body
    while True:
        child = next((c for c in report if han.get(c, 0) >= _SHARE * total), None)
        if child is None:
            break
        report = child
    inner, core = report, han[report]
    while report.getparent() is not None and report.tag != "body" and report.getparent().tag not in ("body", "html"):
        if han[report.getparent()] - core > _GROW * core:
            break
        report = report.getparent()
    # What the report grew by: its heading and labels stay; lists of links (previous/next,
    # related articles) go.
    on_path = inner
    while on_path is not report:
        parent = on_path.getparent()
        for sibling in list(parent):
            if sibling is not on_path and isinstance(sibling.tag, str) and _mostly_links(sibling, han):
                _drop(sibling)
        on_path = parent

    lines: list[str] = []
    if report.find(".//h1") is None:
        heading = _heading_before(body, report)
        if heading:
            lines.append(heading)
    lines.extend(_lines(report))
    return "\n".join(lines)


def _drop(element) -> None:
    """Remove ``element`` and what it holds, keeping the text that follows it."""
    parent, tail = element.getparent(), element.tail
    if tail:
        before = element.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _wide(s: str | None) -> int:
    """The characters of ``s`` outside ASCII (Chinese text, for the shares; counted in C)."""
    return len(s) - len(s.encode("ascii", "ignore")) if s else 0


def _han_counts(body) -> dict:
    """Characters outside ASCII and links under each element (an element counts its children's)."""
    counts: dict = {}

    def walk(e, in_link: bool) -> int:
        link = in_link or e.tag == "a"
        n = 0 if link else _wide(e.text)
        for child in e:
            if isinstance(child.tag, str):
                n += walk(child, link)
            if not in_link:
                n += _wide(child.tail)
        counts[e] = n
        return n

    walk(body, False)
    return counts


def _mostly_links(element, han: dict) -> bool:
    """Whether more than half of ``element``'s text outside ASCII is the text of links."""
    total = sum(_wide(t) for t in element.itertext())
    return total > 0 and total - han.get(element, 0) > total / 2


def _heading_before(body, report) -> str | None:
    """The text of the last <h1> before ``report`` in the page, if any."""
    found = None
    for e in body.iter():
        if e is report:
            break
        if e.tag == "h1":
            found = _WS.sub(" ", "".join(e.itertext())).strip()
    return found or None


def _lines(element) -> list[str]:
    """The element's text, a line per block element and per <br>."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _WS.sub(" ", "".join(current)).strip(" ")
        if line:
            lines.append(line)
        current.clear()

    def walk(e) -> None:
        block = e.tag in _BLOCKS
        if block:
            flush()
        if e.tag == "br":
            flush()
        current.append(e.text or "")
        for child in e:
            if isinstance(child.tag, str):
                walk(child)
            current.append(child.tail or "")
        if block:
            flush()

    walk(element)
    flush()
    return lines
