"""Reading a report file into text, with a clear error for every way it can fail.

``read_file`` is the entry. It tells the format from the file's content; the
extension is only a hint, so a file whose extension lies is read as what it is. It then
hands the bytes to the reader of that format in ``govreport.reading.formats``:

- plain text: UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark (``decode_text``);
- a Word ``.docx``, a zip holding ``word/document.xml`` (``formats.docx``);
- a PDF with a text layer, ``%PDF`` (``formats.pdf``): a scan needs OCR first;
- a web page, text with HTML markup in its first 4 KB (``formats.html``).

Anything else gets a ``ReportError`` that names the file, says what it is and what to do:
an old Word ``.doc``, a WPS or RTF document, an encrypted Office file or another zip
(Excel, PowerPoint, OpenDocument) must be saved as .docx or .txt first; a saved web
archive (``.mht``) as a web page (.html) or a .txt.
``REPORT_SUFFIXES`` are the extensions a folder is searched for.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

from .formats import SAVE_AS, Unreadable


class ReportError(ValueError):
    """A report file that cannot be read or parsed. The message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


REPORT_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
"""The extensions of the files a folder is searched for (lower case: compare ``suffix.lower()``)."""


def find_reports(paths: list[str]) -> list[str]:
    """The report files of the paths given: each path that is a folder gives its files with a
    report's extension (``REPORT_SUFFIXES``), recursively, sorted by their path inside it,
    but hidden ones and Office lock files (``~$report.docx``, left while Word has the file
    open); any other path is taken as given (a missing one is the caller's to report). Paths
    are written as given; a file named twice is read once."""
    import os

    out: list[str] = []
    for p in map(str, paths):
        folder = Path(p)
        if folder.is_dir():
            found = sorted(rel for rel in (f.relative_to(folder).as_posix() for f in folder.rglob("*")
                                           if f.suffix.lower() in REPORT_SUFFIXES and f.is_file())
                           if not any(part.startswith((".", "~$")) for part in rel.split("/")))
            base = p if p.endswith(("/", os.sep)) else p + "/"
            out.extend(base + rel for rel in found)
        else:
            out.append(p)
    return list(dict.fromkeys(out))

# Control characters other than tab, newline, carriage return and form feed:
# their presence means the bytes are not a text document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters a text of the genre hardly ever holds (private use, replacement, scripts
# other than Latin, Greek, Cyrillic and CJK): many of them mean the bytes were decoded as
# text but are not one (for example binary data after a UTF-16 byte-order mark).
_UNUSUAL = re.compile(
    "[^\t\n\r\x0c\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u27bf\u2e80-\u2fdf"
    "\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_HTML = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|div[\s>]|p[\s>])", re.IGNORECASE)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of old Office, WPS and encrypted Office files
_RTF = b"{\\rtf"
_PDF = b"%PDF"
_MHT = re.compile(rb"(?im)^content-type:\s*multipart/related")  # a web archive: the page and its images in one MIME file


class FileText(NamedTuple):
    """What ``read_file`` returns: the report's text, its format (``txt``, ``docx`` …)
    and, for a text file, the encoding it was decoded from (None for the other formats)."""

    text: str
    format: str
    encoding: str | None


def read_file(path: Path | str) -> FileText:
    """The text of the report at ``path``, whatever its format (see the module docstring).

    Raises ``ReportError`` naming the file and the problem for anything it cannot read.
    """
    path = Path(path)
    data = _read_bytes(path)
    lead = data[:1024].lstrip()
    try:
        if lead.startswith(_ZIP):
            from .formats.docx import is_docx, read_docx

            if is_docx(data):
                return FileText(_has_text(path, read_docx(data), "Word .docx file"), "docx", None)
            raise Unreadable(f"is {_zip_kind(data, path)}, not a report; {SAVE_AS}")
        if lead.startswith(_OLE):
            raise Unreadable(_ole_problem(data, path))
        if lead.startswith(_RTF):
            raise Unreadable(f"is an RTF document, which is not read; open it in Word or WPS and {SAVE_AS}")
        if lead.startswith(_PDF):
            from .formats.pdf import read_pdf

            return FileText(_has_text(path, read_pdf(data), "PDF file"), "pdf", None)
    except Unreadable as err:
        raise ReportError(path, str(err)) from None
    if _MHT.search(data[:2048]):
        raise ReportError(
            path, "is a saved web archive (.mht/.mhtml); save the page as a web page, HTML only (.html), or copy its text into a .txt file"
        )
    text, encoding = decode_text(path, data)
    if _HTML.search(text, 0, 4096):
        from .formats.html import page_encoding, read_html

        declared = page_encoding(data)
        if declared and declared != encoding:
            try:
                text, encoding = data.decode(declared), declared  # the page's own encoding
            except (LookupError, UnicodeDecodeError):
                pass
        try:
            return FileText(_has_text(path, read_html(text), "web page"), "html", encoding)
        except Unreadable as err:
            raise ReportError(path, str(err)) from None
    return FileText(text, "txt", encoding)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ReportError(path, "file not found")
    if path.is_dir():
        raise ReportError(path, "is a directory, not a report file")
    data = path.read_bytes()
    # isspace() stops at the first other character; strip() would copy the whole file.
    if not data or data.isspace():
        raise ReportError(path, "file is empty" if not data else "file contains only whitespace")
    return data


def _has_text(path: Path, text: str, what: str) -> str:
    """The text a reader returned; a ``ReportError`` when it holds nothing to read."""
    if not text or text.isspace():
        raise ReportError(path, f"is a {what} without any text")
    return text


def _zip_kind(data: bytes, path: Path) -> str:
    """What a zip that is not a .docx is, for the error message."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            mimetype = z.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, ValueError, OSError, KeyError, RuntimeError):
        if path.suffix.lower() in (".docx", ".docm", ".wps"):
            return f"a damaged Word {path.suffix.lower()} file (its zip cannot be opened)"
        return "a damaged zip file"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation"
    if "opendocument" in mimetype:
        return "an OpenDocument file (.odt or the like)"
    if path.suffix.lower() in (".docx", ".docm", ".wps"):
        return f"a zip without a Word document inside (a damaged {path.suffix.lower()} file?)"
    return "a zip archive"


def _ole_problem(data: bytes, path: Path) -> str:
    """The error for a compound file: an old Office or WPS document, or an encrypted .docx."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return f"is a password-protected (encrypted) Office file; open it in Word or WPS, remove the password and {SAVE_AS}"
    if path.suffix.lower() in (".wps", ".et", ".dps"):
        return f"is a WPS document, which is not read; open it in WPS and {SAVE_AS}"
    if "WordDocument".encode("utf-16-le") in data:
        return f"is an old Word .doc file (Word 97-2003), which is not read; open it in Word or WPS and {SAVE_AS}"
    return f"is an old Office file (Word .doc, Excel .xls or WPS), which is not read; {SAVE_AS}"


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a plain-text file's bytes (``path`` names the file in errors).

    The text is the file's content exactly: no newline conversion, no stripping.
    Corrections made here (each one deliberate):
    - a byte-order mark is dropped (it is an encoding marker, not content);
    - UTF-8 is tried first, then GB18030 (a superset of GBK and GB2312, in which
      many official Chinese texts are published); UTF-16 is read when it has a BOM.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _decode(path, data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _decode(path, data, "utf-16"), "utf-16"
    else:
        if b"\x00" in data:
            raise ReportError(path, "looks like a binary file (it contains NUL bytes), not a text report")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise ReportError(
                    path, "cannot be decoded as UTF-8 or GB18030 (GBK); is it a binary file or another encoding?"
                ) from None

    if text.startswith("\ufeff"):  # a BOM that survived decoding (e.g. UTF-16)
        text = text[1:]
    if not text or text.isspace():
        raise ReportError(path, "file contains only whitespace")
    if len(_CONTROL.findall(text)) > max(8, len(text) // 1000):
        raise ReportError(path, f"looks like a binary file (many control characters after decoding as {encoding})")
    unusual = len(_UNUSUAL.findall(text))
    if unusual >= 3 and unusual > len(text) // 10:
        raise ReportError(
            path, f"looks like a binary file ({unusual} of its {len(text)} characters are not text after decoding as {encoding})"
        )
    if not _CJK.search(text):
        raise ReportError(path, f"contains no Chinese characters (decoded as {encoding}); is it a Chinese report?")
    return text, encoding


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(path, f"has a {encoding} byte-order mark but is not valid {encoding} ({err.reason} at byte {err.start})") from None
