"""Notes: a check about the data, shown on the page beside the table it concerns.

A page checks what it shows (figures inside their spans, 、-lists pairing up, sums, round
trips of positions). When a check fails on a report, the page does not stop: it shows a
note that says which check failed, what is wrong and the sentence concerned, and goes on.
``note(check, message, sentence)`` makes one; ``show(notes)`` displays them (nothing when
there is none). In a page a note is an element of class ``govreport-note`` (the site counts
them per page for the build summary and styles the class).

Only checks about the code, which no report can trigger, stay assertions.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable

CLASS = "govreport-note"


@dataclass(frozen=True)
class Note:
    """One failed check: its name, what is wrong, and the sentence concerned ("" for none)."""

    check: str
    message: str
    sentence: str = ""

    def text(self) -> str:
        """The note as plain text: ``Check <check>: <message> — “<sentence>”``."""
        tail = f" — “{self.sentence}”" if self.sentence else ""
        return f"Check {self.check}: {self.message}{tail}"

    def _repr_html_(self) -> str:
        quote = f'<br><q lang="zh">{html.escape(self.sentence)}</q>' if self.sentence else ""
        return (
            f'<div class="{CLASS}" role="note"><strong>Check {html.escape(self.check)}</strong>: '
            f"{html.escape(self.message)}{quote}</div>"
        )

    def __repr__(self) -> str:
        return self.text()


def note(check: str, message: str, sentence: str = "") -> Note:
    """A note for a failed check: ``note("、-lists", "3 values share one indicator", "…分别增长…")``."""
    return Note(check, message, " ".join(str(sentence).split()))


def below(n: int, what: str) -> str:
    """The pointer a page's sentence gives to the notes shown under it.

    >>> below(1, "which")
    'the note below says which'
    >>> below(3, "what failed")
    'the notes below say what failed'
    """
    return f"the note below says {what}" if n == 1 else f"the notes below say {what}"


def show(notes: Iterable[Note]) -> None:
    """Display each note of ``notes`` in a notebook (nothing when there is none)."""
    from IPython.display import display

    for n in notes:
        display(n)

