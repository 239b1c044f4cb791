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
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import pages

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSS = Path(__file__).resolve().parent / "site.css"
THUMB_WIDTH = 320


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
    return body


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


def page(nb, title: str, index: Link, previous: Link | None, following: Link | None) -> str:
    """The finished page of an executed notebook, with navigation and the CJK font embedded."""
    body = (
        nav(index, previous, following, "top")
        + '\n<main class="notebook">\n' + body_html(nb) + "\n</main>\n"
        + nav(index, previous, following, "bottom")
    )
    return pages.embed_cjk_font(document(title, body))


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
