"""One small reader per document format; ``govreport.reading.files`` picks the reader by content.

Each reader takes the file's bytes and returns the report's text, one line per paragraph
(``"\\n"`` between lines). A reader that cannot read the bytes raises ``Unreadable`` with a
sentence saying why and what to do; ``files.read_file`` turns it into a ``ReportError``
naming the file. The readers import their third-party packages when called, so loading a
plain-text report never pays for them.
"""

from __future__ import annotations

SAVE_AS = "save it as .docx or .txt and load that file"


class Unreadable(Exception):
    """The bytes are of a known format but cannot be read; the message says why and what to do."""
