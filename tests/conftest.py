"""Shared fixtures: synthetic report texts for layouts the bundled report does not have.

These texts are written for the tests (no real report is copied); they imitate the
genre: an optional title line, a dateline, a speaker line, a salutation, parts 一、…,
sections （一）… and bold-lead points followed by their elaboration.
"""

from __future__ import annotations

import gc

import pytest

from synthetic_reports import CN, ELABORATION, synthetic_report  # noqa: F401  (re-exported)


@pytest.fixture
def write_report(tmp_path):
    """write_report(text, name="report.txt", encoding="utf-8") -> Path of a file holding the text."""

    def _write(text: str | bytes, name: str = "report.txt", encoding: str = "utf-8"):
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode(encoding))
        return path

    return _write


def pytest_unconfigure(config):
    """The test process ends next. Its last garbage collections (IPython's exit hook, the
    interpreter's own) would walk every object the tests left, a second or more per pytest
    worker after the last test; frozen objects are not walked, and the process exits at once."""
    gc.freeze()
