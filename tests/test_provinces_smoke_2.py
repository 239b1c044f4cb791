"""Smoke test, second half of the 31 provincial reports: every generic page computes (see
``provinces_smoke``: what runs, what is left out and why)."""

from __future__ import annotations

import pytest

from provinces_smoke import PROVINCES, run_every_page

HALF = PROVINCES[len(PROVINCES) // 2 :]


@pytest.mark.parametrize("path", HALF, ids=[p.stem for p in HALF])
def test_every_generic_page_computes_on_a_provincial_report(path):
    run_every_page(path)
