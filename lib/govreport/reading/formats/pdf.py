"""PDF files, read with pdfplumber, page by page.

Each page's text lines, in reading order, become lines of the report; the lines a PDF
repeats on every page are dropped, so the text reads on across page breaks:

- a running header (footer): among the first (last) two lines of each page, a line that
  stands there, digits aside, on at least half of the pages, and on two at least;
- a page number: such a line that is only a number (``3``, ``- 3 -``, ``— 3 —``,
  ``第3页``, ``第 3 页 共 12 页``, ``3/12``, ``Page 3``).

A PDF's lines are broken where the page's width ends, so the text is hard-wrapped: the
reader's unwrapping (``govreport.reading.wrapping``) reads it as it reads any wrapped text
(``meta["wrapped"]`` is True). Radicals and compatibility ideographs in the text layer
become ordinary ideographs (``govreport.reading.ideographs``).

A PDF whose pages hold no text (a scan: pictures of pages) cannot be read: the error
says so and suggests OCR. An encrypted or damaged PDF gets an error too.

Why pdfplumber and not pypdf: on a PDF printed by Chromium (the way a web page becomes a
PDF), pypdf puts spaces around punctuation and numbers (``现在 , 我代表``,
``2020 年``), which breaks headings, numbers and sentences; pdfplumber (pdfminer.six)
reads the same page as it is written, and both read fpdf2's PDFs alike. pypdf is faster
(about 0.75× the time), but the text decides.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from contextlib import contextmanager

from ..ideographs import unify
from . import SAVE_AS, Unreadable

_EDGE = 2  # lines at the top and at the bottom of a page that may be a running header or footer
_DASH = "-–—－―~～"
_PAGE_NUMBER = re.compile(
    rf"^[{_DASH}\s]*(?:\d{{1,4}}|[一二三四五六七八九十百]{{1,4}})[{_DASH}\s]*$"
    r"|^第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$"
    r"|^\d{1,4}\s*[/／]\s*\d{1,4}$"
    r"|^(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$"
)
_HAN = re.compile(r"[\u4e00-\u9fff\u2e80-\u2fdf\uf900-\ufaff]")


@contextmanager
def _quiet():
    """pdfminer logs a warning for every quirk of a font; the reader's caller sees none."""
    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def read_pdf(data: bytes) -> str:
    """The text of a PDF, its running headers, footers and page numbers dropped."""
    import pdfplumber

    pages: list[list[str]] = []
    with _quiet():
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    text = page.extract_text() or ""
                    pages.append([line for line in text.split("\n") if line.strip()])
        except Exception as err:  # pdfminer raises many kinds for a damaged or locked file
            if _encrypted(data):
                raise Unreadable(
                    f"is a password-protected (encrypted) PDF; open it with its password, save or print an unprotected copy, or {SAVE_AS}"
                ) from None
            raise Unreadable(f"is a damaged PDF file ({type(err).__name__}: {err}); {SAVE_AS}") from None
    if not pages or sum(len(_HAN.findall(line)) for lines in pages for line in lines) < 2:
        raise Unreadable(
            "is a PDF without a text layer (a scan: pictures of its pages, no text to read); "
            "run OCR on it first (for example ocrmypdf -l chi_sim, or a PDF editor's text recognition) and load the result"
        )
    return unify("\n".join(_drop_running_lines(pages)))


def _encrypted(data: bytes) -> bool:
    return b"/Encrypt" in data


def _shape(line: str) -> str:
    """A line with its digits as #, so a header that holds its page number repeats."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """The lines of all pages, without running headers, footers and page numbers."""
    tops = [range(min(_EDGE, len(p))) for p in pages]
    bottoms = [range(max(0, len(p) - _EDGE), len(p)) for p in pages]
    repeated = set()
    for edges in (tops, bottoms):  # a header repeats at the top of pages, a footer at the bottom
        counts = Counter(shape for p, edge in zip(pages, edges) for shape in {_shape(p[i]) for i in edge})
        repeated |= {shape for shape, n in counts.items() if n >= 2 and n * 2 >= len(pages)}
    out = []
    for p, top, bottom in zip(pages, tops, bottoms):
        for i, line in enumerate(p):
            if (i in top or i in bottom) and (_PAGE_NUMBER.match(line.strip()) or _shape(line) in repeated):
                continue
            out.append(line)
    return out
