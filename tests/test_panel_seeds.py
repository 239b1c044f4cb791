"""Known totals of the panel on the bundled collection: the 31 provincial reports of 2025
(seeds/provinces-2025/). Five GDP growth targets checked by reading the reports."""

from __future__ import annotations

import pandas as pd
import pytest

from govreport import cli, paths

PROVINCES = paths.SEEDS_DIR / "provinces-2025"

# Read in the reports' main-targets statements (预期目标是：…).
KNOWN = {
    "河北省": (5.0, None, "at_least"),   # 地区生产总值增长5%以上
    "北京市": (5.0, 5.0, "about"),       # 地区生产总值增长5%左右
    "福建省": (5.0, 5.5, "range"),       # 全省地区生产总值增长5.0%—5.5%
    "西藏自治区": (7.0, None, "at_least"),  # 地区生产总值增长7%以上、力争达到8%
    "河南省": (5.5, 5.5, "about"),       # 经济增长5.5%左右
}


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    out = tmp_path_factory.mktemp("panel") / "out"
    code = cli.main(["panel", str(PROVINCES), "-o", str(out), "--jobs", "2"])
    return out, code


def test_31_reports_each_a_province_of_the_country(panel):
    out, code = panel
    assert code == 0
    reports = pd.read_csv(out / "reports.csv", encoding="utf-8-sig", dtype={"adcode": str})
    assert len(reports) == 31 and (reports["status"] == "ok").all()
    assert (reports["level"] == "province").all() and (reports["year"] == 2025).all()
    assert reports["adcode"].str.fullmatch(r"\d\d0000").all() and reports["adcode"].nunique() == 31
    assert (reports["parent"] == "中华人民共和国").all()
    assert reports["duplicate_of"].isna().all()


def test_31_main_gdp_growth_targets_five_read_by_hand(panel):
    out, _ = panel
    targets = pd.read_csv(out / "targets.csv", encoding="utf-8-sig")
    gdp = targets[(targets["key"] == "gdp_growth") & targets["main"] & (targets["horizon"] == "year")
                  & targets["scope"].isna()]
    assert len(gdp) == 31 and gdp["place"].nunique() == 31
    got = gdp.set_index("place")
    for place, (low, high, qualifier) in KNOWN.items():
        row = got.loc[place]
        assert row["low"] == low, place
        assert (pd.isna(row["high"]) if high is None else row["high"] == high), place
        assert row["qualifier"] == qualifier, place
    # the levels table counts them: 31 provincial reports set a GDP growth target for 2025
    levels = pd.read_csv(out / "levels.csv", encoding="utf-8-sig")
    row = levels[(levels["key"] == "gdp_growth") & (levels["year"] == 2025) & (levels["level"] == "province")]
    assert row["reports"].tolist() == [31]
