"""Reading a report file into text, with a clear error for every way it can fail."""

from __future__ import annotations

import re
from pathlib import Path


class ReportError(ValueError):
    """A report file that cannot be read or parsed. The message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


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
# Files that are documents but not plain text: (leading bytes, what the file is).
_FORMATS = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip-based file (a Word .docx, WPS, Excel or other Office document, or a zip archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (Word .doc, Excel .xls or WPS)"),
    (b"{\\rtf", "an RTF document"),
)
_HTML = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|div[\s>]|p[\s>])", re.IGNORECASE)
EXTRACT_FIRST = "extract its text first (save or export it as plain text, .txt) and load that file"


def read_text(path: Path) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the report at ``path``.

    The text is the file's content exactly: no newline conversion, no stripping.
    Corrections made here (each one deliberate):
    - a byte-order mark is dropped (it is an encoding marker, not content);
    - UTF-8 is tried first, then GB18030 (a superset of GBK and GB2312, in which
      many official Chinese texts are published); UTF-16 is read when it has a BOM.
    """
    path = Path(path)
    if not path.exists():
        raise ReportError(path, "file not found")
    if path.is_dir():
        raise ReportError(path, "is a directory, not a report file")
    data = path.read_bytes()
    # isspace() stops at the first other character; strip() would copy the whole file.
    if not data or data.isspace():
        raise ReportError(path, "file is empty" if not data else "file contains only whitespace")

    lead = data[:1024].lstrip()
    for magic, what in _FORMATS:
        if lead.startswith(magic):
            raise ReportError(path, f"is {what}, not a plain-text report: {EXTRACT_FIRST}")

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
    if _HTML.search(text, 0, 4096):
        raise ReportError(path, f"is an HTML page (decoded as {encoding}), not a plain-text report: {EXTRACT_FIRST}")
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
