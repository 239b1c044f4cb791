"""One page of a report's site: an executed notebook as a lean, self-contained HTML file.

The body comes from nbconvert with our template (``templates/govreport``: the 'basic'
template, code folded in ``<details>``); the page around it carries a small stylesheet,
navigation to the report's index and to the previous and next page, and the subset of the
CJK font its Chinese text uses. Every piece of text taken from a report (titles, place
names) is escaped here; outputs' own HTML and JavaScript (tables, itables) are kept as they are.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import pages

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = Path(__file__).resolve().parent / "site.css"
THUMB_WIDTH = 320
#: A sentence ending in "?": from the start of a line or of a sentence, through no other sentence's end.
_QUESTION = re.compile(r"(?:^|(?<=[.!?])\s+)((?:(?![.!?]\s).)+?\?)(?=\s|$)")


@dataclass(frozen=True)
class Link:
    href: str
    title: str


def body_html(nb) -> str:
    """The notebook's cells as HTML (no head, no stylesheet), code inputs folded."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="govreport")
    # Widget state (the explorer's JupyterLab filters) is inert in a page without a kernel,
    # and would carry a second copy of the facts table: not shipped.
    nb.metadata.pop("widgets", None)
    body, _ = exporter.from_notebook_node(nb)
    return _THEAD.sub(one_header_row, body)


_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.S)
_TH = re.compile(r"<th[^>]*>(.*?)</th>", re.S)


def one_header_row(m: re.Match) -> str:
    """A table head of one row. pandas writes the index's name in a second header row, empty
    but for it; that row is dropped and the name put in the first row's corner cell (beside
    the columns' own name, if there is one)."""
    rows = _ROW.findall(m.group(1))
    if len(rows) != 2:
        return m.group(0)
    first, second = rows
    names, corner = _TH.findall(second), _TH.findall(first)
    if not names or not corner or any(n.strip() for n in names[1:]) or len(names) != len(corner):
        return m.group(0)
    label = " / ".join(t.strip() for t in (names[0], corner[0]) if t.strip())
    first = _TH.sub(lambda c: f"<th>{label}</th>", first, count=1)
    return f"<thead>\n{first}\n</thead>"


def nav(index: Link, previous: Link | None, following: Link | None, where: str = "top") -> str:
    items = [f'<a class="index" href="{escape(index.href)}">↑ {escape(index.title)}</a>']
    if previous:
        items.append(f'<a class="prev" rel="prev" href="{escape(previous.href)}">← {escape(previous.title)}</a>')
    if following:
        items.append(f'<a class="next" rel="next" href="{escape(following.href)}">{escape(following.title)} →</a>')
    return f'<nav class="site {where}">' + "".join(items) + "</nav>"


def document(title: str, body: str, *, lang: str = "en", head: str = "") -> str:
    """A complete HTML page: ``title`` is plain text (escaped here), ``body`` is HTML."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS.read_text(encoding='utf-8')}</style>\n{head}</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def page(nb, title: str, index: Link, previous: Link | None, following: Link | None) -> tuple[str, dict[str, str]]:
    """The finished page of an executed notebook, with navigation and the CJK font embedded,
    and the files it needs beside it (name -> text: the explorer's table library, shipped once
    per site rather than inside the page; see ``govreport.analysis.explore``)."""
    from ..analysis import explore

    main, assets = explore.library_apart(body_html(nb))
    body = (
        nav(index, previous, following, "top")
        + '\n<main class="notebook">\n' + main + "\n</main>\n"
        + nav(index, previous, following, "bottom")
    )
    return pages.embed_cjk_font(document(title, body)), assets


def _texts(cell) -> list[str]:
    """The text of a cell as a reader sees it: a markdown cell's source, or a code cell's
    Markdown and plain-text outputs (not its code)."""
    if cell.cell_type == "markdown":
        return [cell.source]
    texts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            texts.append(out.get("text", ""))
        data = out.get("data", {})
        if "text/markdown" in data:
            texts.append(data["text/markdown"])
    return [t if isinstance(t, str) else "".join(t) for t in texts]


def question(nb) -> str | None:
    """The question a page asks: the first sentence ending in a question mark (``?``: the pages are
    written in English; a ``？`` belongs to the report's text) in its opening,
    that is the cells before its first ``##`` heading. A question the page computed (an output,
    which can name this report or this section) wins over one written in the notebook."""
    opening = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"^##\s", cell.source, re.M) and opening:
            break
        opening.append(cell)
    written = [t for c in opening if c.cell_type == "markdown" for t in _texts(c)]
    computed = [t for c in opening if c.cell_type == "code" for t in _texts(c)]
    for text in computed + written:
        for line in text.splitlines():
            if line.lstrip().startswith("#"):
                continue
            m = _QUESTION.search(pages._plain(line))
            if m:
                return m.group(1).strip()
    return None


def first_chart(nb) -> bytes | None:
    """The first PNG output of an executed notebook (its first chart), or None."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get("image/png")
            if data:
                return base64.b64decode(data if isinstance(data, str) else "".join(data))
    return None


def thumbnail(png: bytes, width: int = THUMB_WIDTH) -> bytes:
    """``png`` scaled down to ``width`` pixels wide (kept as it is when narrower)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        im = im.convert("RGB")
        if im.width > width:
            im = im.resize((width, max(1, round(im.height * width / im.width))), Image.LANCZOS)
        im = im.quantize(colors=64)  # a chart has few colours: a palette PNG is a fraction of the size
        out = io.BytesIO()
        im.save(out, format="PNG", optimize=True)
    return out.getvalue()
