"""Word ``.docx`` files.

One line per paragraph, in the order of the document body; a table gives one line per
cell, row by row (a cell of several paragraphs gives one line per paragraph; a cell merged
over several rows or columns is read once; empty cells give no line). A line break typed
inside a paragraph (Shift+Enter) stays a line break; a tab stays a tab; page and column
breaks give nothing. Inserted tracked changes are read, deleted ones are not. Headers,
footers, footnotes, comments and text boxes are not the report and are not read.

A paragraph's text is python-docx's ``Paragraph.text``: the same run elements, the same
character for each (a test checks the two agree on the 31 provincial files). It is read
straight from ``word/document.xml`` rather than through python-docx's ``Document()``,
which opens every part of the package (styles, numbering, images …) and costs several
times the load of the report's text. Most files hold nothing but paragraphs, runs and
tables; their body is read by a scan of its tags (``_scan``), a quarter of the cost of an
XML tree. A file with anything the scan does not follow (deletions, text boxes, drawing
fallbacks, comments, another namespace prefix) is parsed with lxml (``_tree``); both give
the same text where both apply.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from . import SAVE_AS, Unreadable

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {"w": _W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_P, _TBL, _TR, _TC, _R, _T, _BR = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "t", "br"))
_WRAPPERS = {f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}
# The characters of a run's elements other than w:t (python-docx's CT_R.text); a w:br is a
# line break unless its type is page or column.
_CHAR = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}
_CHARS = {f"{_W}{k}": v for k, v in _CHAR.items()}
_TYPE = f"{_W}type"
_runs = None  # the compiled XPath of the text elements of a paragraph (built on first use)

# What the scan cannot follow: then the tree reads the file.
_NOT_PLAIN = re.compile(rb"<(?:w:del\b|w:moveFrom\b|w:txbxContent\b|mc:Fallback\b|!--|!\[CDATA\[)")
_PLAIN_ROOT = re.compile(rb'^\s*(?:<\?xml[^>]*\?>\s*)?<w:document\b[^>]*xmlns:w="http://schemas\.openxmlformats\.org/wordprocessingml/2006/main"')
_TAG = re.compile(
    r"<(?:w:t(?:\s[^>]*)?>([^<]*)</w:t>"  # 1: the text of a w:t
    r"|(/?)w:(p|tc|r)\b[^>]*?(/?)>"  # 2: closing slash, 3: p, tc or r, 4: self-closing slash
    r"|w:(tab|ptab|br|cr|noBreakHyphen)\b([^>]*)>)"  # 5: a run character, 6: its attributes
)
_BR_TYPE = re.compile(r'w:type="([^"]*)"')


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a zip holding ``word/document.xml`` (a Word .docx or .docm, or a WPS file saved as one)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def read_docx(data: bytes) -> str:
    """The text of a .docx file's body. ``Unreadable`` when the package is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except Exception as err:  # zip and decompression errors alike
        raise Unreadable(f"is a damaged Word .docx file ({type(err).__name__}: {err}); open it in Word or WPS and {SAVE_AS}") from None
    if _PLAIN_ROOT.match(xml) and not _NOT_PLAIN.search(xml):
        try:
            return "\n".join(_scan(xml.decode("utf-8")))
        except (UnicodeDecodeError, IndexError):
            pass  # not what the scan expects: the tree reads it
    return "\n".join(_tree(xml))


def _scan(xml: str) -> list[str]:
    """The lines of a plain body, from its tags in order (see the module docstring)."""
    lines: list[str] = []
    cells: list[int] = []  # where the lines of each open table cell begin
    cur: list[str] | None = None  # the open paragraph's pieces
    in_run = False
    for m in _TAG.finditer(xml):
        text, close, name, empty, char, attrs = m.groups()
        if text is not None:
            if cur is not None and in_run:
                cur.append(html.unescape(text) if "&" in text else text)
        elif name == "p":
            if empty:
                lines.append("")
            elif close:
                lines.append("".join(cur or ()))
                cur = None
            else:
                cur = []
        elif name == "r":
            in_run = not close and not empty
        elif name == "tc":
            if empty:
                continue
            if close:
                # Correction: empty cells (and the continuation of a merged cell) give no line.
                start = cells.pop()
                lines[start:] = [s for s in lines[start:] if s.strip()]
            else:
                cells.append(len(lines))
        elif char is not None and in_run and cur is not None:
            if char == "br":
                kind = _BR_TYPE.search(attrs)
                cur.append("\n" if kind is None or kind.group(1) == "textWrapping" else "")
            else:
                cur.append(_CHAR[char])
    return lines


def _tree(xml: bytes) -> list[str]:
    """The lines of any body, from its XML tree."""
    global _runs
    from lxml import etree

    if _runs is None:
        # The runs of the paragraph (directly, or inside a hyperlink, an insertion, a field,
        # a content control …), not those of a text box, a deletion or a drawing's fallback.
        _runs = etree.XPath(
            ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent or ancestor::mc:Fallback)]"
            "/*[self::w:t or self::w:tab or self::w:ptab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
            namespaces=_NS,
        )
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except Exception as err:
        raise Unreadable(f"is a damaged Word .docx file ({type(err).__name__}: {err}); open it in Word or WPS and {SAVE_AS}") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise Unreadable(f"is a Word .docx file without a document body; {SAVE_AS}")

    def paragraph(p) -> str:
        out = []
        for e in _runs(p):
            if e.tag == _T:
                out.append(e.text or "")
            elif e.tag == _BR:
                out.append("\n" if e.get(_TYPE, "textWrapping") == "textWrapping" else "")
            else:
                out.append(_CHARS[e.tag])
        return "".join(out)

    lines: list[str] = []

    def blocks(element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _P:
                lines.append(paragraph(child))
            elif tag == _TBL:
                for row in child.iterchildren(_TR):
                    for cell in row.iterchildren(_TC):
                        start = len(lines)
                        blocks(cell)
                        # Correction: empty cells (and the continuation of a merged cell) give no line.
                        lines[start:] = [s for s in lines[start:] if s.strip()]
            elif tag in _WRAPPERS:
                blocks(child)

    blocks(body)
    return lines
