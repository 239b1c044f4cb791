"""Smoke test, first half of the 31 provincial reports: every generic page computes (see
``provinces_smoke``: what runs, what is left out and why)."""

from __future__ import annotations

import pytest

from provinces_smoke import PROVINCES, page_calls_not_run, run_every_page

HALF = PROVINCES[: len(PROVINCES) // 2]


def test_the_provincial_reports_are_there():
    assert len(PROVINCES) == 31


def test_every_page_call_is_run_or_named():
    """Each library call in a generic page's code is made by the smoke test, or is named in
    ``provinces_smoke.NOT_RUN`` with the reason."""
    assert page_calls_not_run() == []


@pytest.mark.parametrize("path", HALF, ids=[p.stem for p in HALF])
def test_every_generic_page_computes_on_a_provincial_report(path):
    run_every_page(path)
