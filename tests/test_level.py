"""A report's level from the administrative-division table (govreport.reading.divisions),
the words' rule when the table cannot say, and the panel's parents and levels that follow.

Place names are real where the table must know them (义乌市, 保定市, 高阳县, 海拉尔区, 朝阳区);
the title blocks and reports around them are invented for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from govreport import cli, load_report
from govreport.reading import divisions, meta_place

BODY = (
    "各位代表：\n现在，我代表市政府向大会报告工作，请予审议。\n"
    "一、2029年工作回顾\n过去一年，全市地区生产总值增长{result}。\n"
    "二、2030年工作安排\n今年的主要预期目标是：地区生产总值增长{target}。\n"
)


def head(place: str, office: str, body: str = "") -> str:
    """A made-up title block: the dateline names the place, the speaker line the office."""
    return (f"——2030年1月9日在{place}第十八届人民代表大会第四次会议上\n{body}{office}　柯远山\n"
            + BODY.format(result="5.1%", target="5.5%左右"))


@pytest.mark.parametrize(
    "place, office, level",
    [
        ("义乌市", "市长", "county"),  # a county-level city: 330782, under 金华市
        ("保定市", "市长", "prefecture"),  # a prefecture-level city: 130600
        ("高阳县", "县长", "county"),
        ("海拉尔区", "区长", "county"),  # a district of a prefecture-level city
        ("济源市", "代市长", "county"),  # a county-level city a province governs directly (419001)
        ("北京市", "市长", "province"),  # a municipality (110000)
    ],
)
def test_level_from_the_division_table(write_report, place, office, level):
    meta = load_report(write_report(head(place, office))).meta
    assert (meta["place"], meta["level"]) == (place, level)


def test_a_county_level_city_named_with_its_prefecture_or_without_an_office(write_report):
    # The speaker line names the chain 金华市义乌市; a dateline alone names no office.
    meta = load_report(write_report(head("义乌市", "人民政府市长", body="金华市义乌市"))).meta
    assert (meta["place"], meta["level"]) == ("金华市义乌市", "county")
    text = "——2030年1月9日在义乌市第十八届人民代表大会第四次会议上\n" + BODY.format(result="5%", target="5.5%")
    meta = load_report(write_report(text, name="bare.txt")).meta
    assert (meta["place"], meta["office"], meta["level"]) == ("义乌市", None, "county")


def test_the_words_rule_where_the_table_does_not_know_the_place(write_report):
    # Invented names: a city alone is a prefecture, a city under a city a county-level city.
    assert meta_place.place_codes("云岫市") == []
    assert load_report(write_report(head("云岫市", "市长"))).meta["level"] == "prefecture"
    assert load_report(write_report(head("云岫市", "市长", body="云岫市石桥市"), name="b.txt")).meta["level"] == "county"
    # A real district under an invented city is not vouched for by the table: the words say county.
    assert meta_place.place_codes("云岫市海拉尔区") == []
    assert meta_place.level_of("云岫市海拉尔区", None, None) == "county"
    # A real county-level city under an invented province: the words say prefecture, as before.
    assert meta_place.level_of("云岫省义乌市", None, None) == "prefecture"


def test_a_name_several_places_share(write_report):
    # 朝阳区 is a district of 北京市 and of 长春市: both counties, so the level is county;
    # written with its city it is one place.
    assert len(meta_place.place_codes("朝阳区")) == 2
    assert meta_place.place_codes("北京市朝阳区") == ["110105"]
    meta = load_report(write_report(head("朝阳区", "区长"))).meta
    assert (meta["place"], meta["level"]) == ("朝阳区", "county")


def test_places_of_one_name_at_different_levels_fall_back_to_the_words(monkeypatch):
    # An invented table where 云岫市 is both a prefecture-level city and a county-level city
    # (under 石桥市): the table cannot say, so the words' rule does.
    names = {"990000": "云岭省", "990100": "云岫市", "990200": "石桥市", "990281": "云岫市", "990282": "松溪县"}
    by_name: dict = {}
    for code, name in sorted(names.items()):
        by_name.setdefault(name, []).append(code)
    monkeypatch.setattr(divisions, "table", lambda: divisions.Table(names, {n: tuple(c) for n, c in by_name.items()}))
    assert meta_place.table_level("云岫市") is None
    assert meta_place.level_of("云岫市", "市长", None) == "prefecture"  # a city alone
    assert meta_place.level_of("石桥市云岫市", "市长", None) == "county"  # the chain names one place
    assert meta_place.table_level("石桥市云岫市") == "county"
    assert meta_place.level_of("松溪县", None, None) == "county"


def test_the_office_and_a_given_level_come_first(write_report):
    path = write_report(head("义乌市", "市长"))
    assert load_report(path, level="prefecture").meta["level"] == "prefecture"
    assert load_report(path).meta["level"] == "county"
    # A place given without a level: the level follows the table.
    assert load_report(path, place="保定市").meta["level"] == "prefecture"
    # An office that names a level is read before the table.
    assert meta_place.level_of("保定市", "县长", None) == "county"


def test_the_table_is_read_once_and_not_at_import():
    import subprocess
    import sys

    code = ("import govreport, govreport.reading.divisions as d, govreport.panel.places; "
            "print(d.table.cache_info().currsize, 'cpca' in __import__('sys').modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "False"]
    divisions.table()
    hits = divisions.table.cache_info().hits
    meta_place.level_of("义乌市", "市长", None)
    meta_place.level_of("保定市", "市长", None)
    assert divisions.table.cache_info().hits > hits and divisions.table.cache_info().misses <= 1


PANEL = {"浙江省": ("省长", "5.5%左右"), "金华市": ("市长", "6%左右"), "义乌市": ("市长", "6.5%以上")}


def test_a_county_level_city_in_the_panel(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, (place, (office, target)) in enumerate(PANEL.items()):
        text = (f"政府工作报告\n——2030年1月{10 + i}日在{place}第十五届人民代表大会第三次会议上\n{place}人民政府{office}　柯远山\n"
                + BODY.format(result="5.2%", target=target))
        (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["panel", "reports", "-o", "out", "--jobs", "1"]) == 0
    capsys.readouterr()
    reports = pd.read_csv(tmp_path / "out" / "reports.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    got = reports.set_index("place")[["level", "adcode", "parent", "note"]].to_dict("index")
    assert got["义乌市"] == {"level": "county", "adcode": "330782", "parent": "金华市", "note": ""}
    assert got["金华市"] == {"level": "prefecture", "adcode": "330700", "parent": "浙江省", "note": ""}
    levels = pd.read_csv(tmp_path / "out" / "levels.csv", encoding="utf-8-sig")
    gdp = levels[levels["key"] == "gdp_growth"].set_index("level")
    assert gdp["reports"].to_dict() == {"county": 1, "prefecture": 1, "province": 1}
    # 义乌市 is compared with 金华市, its parent: 6.5%以上 above 6%左右.
    assert (gdp.loc["county", "compared"], gdp.loc["county", "above_parent"]) == (1, 1.0)
    escalation = pd.read_csv(tmp_path / "out" / "escalation.csv", encoding="utf-8-sig")
    row = escalation[(escalation["key"] == "gdp_growth") & (escalation["place"] == "义乌市")].iloc[0]
    assert (row["level"], row["parent"], row["gap"]) == ("county", "金华市", 0.5)


def test_a_name_without_a_level_word_has_no_level():
    # A short name a caller may give (place="云岫"): neither the table nor the words say.
    assert meta_place.level_of("云岫", None, None) is None
    assert meta_place.level_of("云岫", "市长", None) is None
    assert meta_place.level_of("云岫", "县长", None) == "county"


def test_the_panel_locates_a_place_written_with_its_city():
    from govreport.panel.places import locate

    chained = locate("北京市朝阳区", "county")
    assert (chained.adcode, chained.parent, chained.note) == ("110105", "北京市", "")
    assert (locate("义乌市", "county").adcode, locate("义乌市", "county").parent) == ("330782", "金华市")
    assert (locate("济源市", "county").parent, locate("济源市", "county").parent_adcode) == ("河南省", "410000")
    # The level picks: no prefecture-level city is called 义乌市.
    assert "not in the administrative-division table" in locate("义乌市", "prefecture").note
