"""The report: ``Report``, a read ``Document`` with its facts, and ``load_report``.

This module sits above the reading and facts stages and ties them together: neither
imports it. ``govreport.load_report`` and ``govreport.Report`` are these.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from . import paths
from .facts import extract_dates, extract_facts
from .facts import targets as _targets
from .reading.document import Document, read_document
from .reading.gcpause import paused_gc

__all__ = ["Report", "load_report"]


class Report(Document):
    """A parsed report: a ``govreport.reading.document.Document`` (``text``, ``meta``,
    ``outline``, ``sentences`` …) with its facts, dates and targets, each computed on first
    use. Every ``start``/``end`` in every table indexes into ``text``.

    facts : every quantitative claim (``govreport.facts.engine`` has the columns and rules).
    dates : every date (``govreport.facts.engine.extract_dates``).
    targets, results : the planned figures and those of the year under review, keyed
        (``govreport.facts.targets``).
    """

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Every fact, one row each, in text order (``govreport.facts.engine``)."""
        with paused_gc():
            return self.offsets_to_text(extract_facts(self.working))

    @cached_property
    def dates(self) -> pd.DataFrame:
        """Every date: ``start, end, mention, date`` (``govreport.facts.engine.extract_dates``)."""
        with paused_gc():
            return self.offsets_to_text(extract_dates(self.working))

    def main_targets(self) -> pd.DataFrame:
        """The rows of ``targets`` with ``main`` true: the year's headline targets, the figures of
        its main-targets statement (``主要预期目标是：`` …, ``govreport.facts.plan.main_targets``)
        and the targets of that list written without a figure (``phrase``); same columns as
        ``targets``, empty when the report has no such list."""
        return self.targets[self.targets["main"]].reset_index(drop=True)

    @cached_property
    def targets(self) -> pd.DataFrame:
        """The planned figures, keyed (``govreport.facts.targets.targets``)."""
        return _targets.targets(self)

    @cached_property
    def results(self) -> pd.DataFrame:
        """The figures of the year under review, keyed (``govreport.facts.targets.results``)."""
        return _targets.results(self)


def load_report(
    path: str | Path | None = None,
    date: str | None = None,
    place: str | None = None,
    level: str | None = None,
) -> Report:
    """Load and parse a report into a ``Report``. ``path=None`` loads the bundled report
    (``govreport.paths.DEFAULT_REPORT``). ``date``, ``place``, ``level`` and the
    ``ReportError`` raised are those of ``govreport.reading.document.read_document``."""
    path = paths.DEFAULT_REPORT if path is None else path
    return read_document(path, date, place, level, cls=Report)
