"""The 31 provincial reports of 2025 (seeds/provinces-2025): each has exactly one main,
annual GDP growth target of its own. Five were checked by reading the report; their figures
are kept in tests/data/provinces-2025-gdp.csv (a known-total test on real reports)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from govreport import load_report, paths

FOLDER = paths.SEEDS_DIR / "provinces-2025"
CHECKED = Path(__file__).parent / "data" / "provinces-2025-gdp.csv"
FILES = sorted(FOLDER.glob("*.docx"))


@pytest.fixture(scope="module")
def main_gdp() -> dict[str, pd.DataFrame]:
    out = {}
    for path in FILES:
        t = load_report(path).targets
        out[path.stem.removesuffix("-2025")] = t[(t["key"] == "gdp_growth") & t["main"] & (t["horizon"] == "year")
                                                 & t["scope"].isna()]
    return out


def test_all_31_reports_are_there():
    assert len(FILES) == 31


def test_each_has_exactly_one_main_annual_gdp_growth_target(main_gdp):
    counts = {place: len(rows) for place, rows in main_gdp.items()}
    assert counts == {place: 1 for place in counts}
    years = {int(rows["target_year"].iat[0]) for rows in main_gdp.values()}
    assert years == {2025}


def test_five_read_by_hand(main_gdp):
    checked = pd.read_csv(CHECKED, keep_default_na=False)
    assert len(checked) == 5
    for r in checked.itertuples(index=False):
        row = main_gdp[r.place].iloc[0]
        assert (row["mention"], row["qualifier"]) == (r.mention, r.qualifier), r.place
        assert row["value"] == pytest.approx(float(r.value))
        for got, want in ((row["low"], r.low), (row["high"], r.high)):
            assert (math.isnan(got) and want == "") or got == pytest.approx(float(want)), r.place
