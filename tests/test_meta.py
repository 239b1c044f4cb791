"""Metadata in every form the head of a report takes (synthetic heads, written for the tests)."""

import pytest

from govreport import ReportError, load_report

BODY = (
    "各位代表：\n现在，我代表政府向大会报告工作，请予审议。\n"
    "一、2029年工作回顾\n（一）经济运行稳中向好。去年经济增长5%，今年预期增长5%左右。\n"
    "二、2030年工作安排\n（一）稳定经济增长。全年经济增长5%左右。\n"
)
KEYS = ["title", "place", "date", "speaker", "office", "occasion", "level", "year"]


def meta_of(write_report, head: str, **kwargs) -> dict:
    r = load_report(write_report(head + "\n" + BODY), **kwargs)
    return {k: r.meta[k] for k in KEYS}


@pytest.mark.parametrize(
    "head, expected",
    [
        (  # everything on the title line (the national form)
            "政府工作报告——2030年3月5日在第十九届全国人民代表大会第一次会议上国务院总理　王小明",
            ("政府工作报告", "中华人民共和国", "2030-03-05", "王小明", "总理", "第十九届全国人民代表大会第一次会议", "national", 2030),
        ),
        (  # the name right after the office
            "政 府 工 作 报 告——2030年3月5日在第十九届全国人民代表大会第一次会议上国务院总理李小明",
            ("政府工作报告", "中华人民共和国", "2030-03-05", "李小明", "总理", "第十九届全国人民代表大会第一次会议", "national", 2030),
        ),
        (  # title, dateline and speaker on lines of their own
            "政府工作报告\n——2030年1月12日在北岭省第十五届人民代表大会第三次会议上\n北岭省人民政府省长  李明远",
            ("政府工作报告", "北岭省", "2030-01-12", "李明远", "省长", "北岭省第十五届人民代表大会第三次会议", "province", 2030),
        ),
        (  # dateline in parentheses, after the speaker
            "青山市人民政府市长　张一凡\n（2029年12月28日在青山市第九届人民代表大会第二次会议上）",
            (None, "青山市", "2029-12-28", "张一凡", "市长", "青山市第九届人民代表大会第二次会议", "prefecture", 2029),
        ),
        (  # a district of a city: the full name, and a county-level government
            "青山市绿水区人民政府代区长　赵　强\n——二〇三〇年一月八日在青山市绿水区第三届人民代表大会第五次会议上",
            (None, "青山市绿水区", "2030-01-08", "赵强", "代区长", "青山市绿水区第三届人民代表大会第五次会议", "county", 2030),
        ),
        (  # Chinese numerals with ○ and 零, an autonomous region and its 主席
            "——二○三○年一月十五日在内蒙古自治区第十四届人民代表大会第三次会议上\n内蒙古自治区人民政府主席　巴特尔",
            (None, "内蒙古自治区", "2030-01-15", "巴特尔", "主席", "内蒙古自治区第十四届人民代表大会第三次会议", "province", 2030),
        ),
        (  # full-width digits; a province-level municipality
            "——２０３０年１月２０日在北京市第十六届人民代表大会第三次会议上\n北京市人民政府市长　王五",
            (None, "北京市", "2030-01-20", "王五", "市长", "北京市第十六届人民代表大会第三次会议", "province", 2030),
        ),
        (  # the name alone on its line: no office
            "政 府 工 作 报 告\n——二零二九年二月一日在河北省第十四届人民代表大会第二次会议上\n刘　洋",
            ("政府工作报告", "河北省", "2029-02-01", "刘洋", None, "河北省第十四届人民代表大会第二次会议", "province", 2029),
        ),
        (  # the office on one line, the name on the next
            "南溪县人民政府县长\n陈小东\n——2030年1月6日在南溪县第十八届人民代表大会第四次会议上",
            (None, "南溪县", "2030-01-06", "陈小东", "县长", "南溪县第十八届人民代表大会第四次会议", "county", 2030),
        ),
        (  # a county-level city under a prefecture-level city
            "青山市东岭市人民政府市长　钱多多\n——2030年1月9日在东岭市第八届人民代表大会第一次会议上",
            (None, "青山市东岭市", "2030-01-09", "钱多多", "市长", "东岭市第八届人民代表大会第一次会议", "county", 2030),
        ),
        (  # an autonomous prefecture; the place from the occasion when the speaker line has none
            "州长　孙一\n——2030年1月9日在山南藏族自治州第八届人民代表大会第一次会议上",
            (None, "山南藏族自治州", "2030-01-09", "孙一", "州长", "山南藏族自治州第八届人民代表大会第一次会议", "prefecture", 2030),
        ),
    ],
)
def test_head_forms(write_report, head, expected):
    assert tuple(meta_of(write_report, head).values()) == expected


def test_nothing_given_nothing_guessed(write_report):
    meta = meta_of(write_report, "")
    # The year is the plan part's (2030年工作安排); nothing else is in the text.
    assert meta == {**dict.fromkeys(KEYS), "year": 2030}


@pytest.mark.parametrize(
    "head, year",
    [
        ("——在青山市第九届人民代表大会2030年第一次会议上", 2030),
        ("（在青山市第九届人民代表大会二〇三〇年第一次会议上）", 2030),
        ("——在青山市第九届人民代表大会第一次会议上", None),
    ],
)
def test_year_from_the_occasion(write_report, head, year):
    # No date, and a plan part whose title has no year: the year comes from the occasion.
    r = load_report(write_report(head + "\n" + BODY.replace("2030年工作安排", "今后工作安排")))
    assert r.meta["date"] is None
    assert r.meta["occasion"] == head.strip("——（）")[1:-1]
    assert (r.meta["year"], r.meta["place"], r.meta["level"]) == (year, "青山市", "prefecture")


def test_given_values_override_the_text(write_report):
    head = "青山市人民政府市长　张一凡\n——2029年12月28日在青山市第九届人民代表大会第二次会议上"
    path = write_report(head + "\n" + BODY)
    plain = load_report(path)
    assert plain.meta["given"] == [] and plain.meta["year"] == 2029
    r = load_report(path, date="2031-01-05", place="青山市绿水区", level="county")
    assert (r.meta["date"], r.meta["year"], r.meta["place"], r.meta["level"]) == ("2031-01-05", 2031, "青山市绿水区", "county")
    assert r.meta["given"] == ["date", "place", "level"]
    # 去年/今年 are resolved from the given date everywhere.
    dates = dict(zip(r.dates["mention"], r.dates["date"]))
    assert dates["去年"] == "2030" and dates["今年"] == "2031"
    assert dict(zip(plain.dates["mention"], plain.dates["date"]))["去年"] == "2028"
    # A place given without a level: the level follows the given place.
    r = load_report(path, place="北岭省")
    assert (r.meta["place"], r.meta["level"], r.meta["given"]) == ("北岭省", "province", ["place"])


def test_given_date_on_a_file_without_dateline(write_report):
    path = write_report(BODY.replace("2030年工作安排", "今后工作安排"))
    plain = load_report(path)
    assert (plain.meta["date"], plain.meta["year"]) == (None, None)
    assert dict(zip(plain.dates["mention"], plain.dates["date"]))["去年"] == ""  # unresolved
    import datetime

    r = load_report(path, date=datetime.date(2030, 1, 10))
    assert r.meta["date"] == "2030-01-10" and r.meta["given"] == ["date"]
    assert "" not in set(r.dates["date"])


@pytest.mark.parametrize("date", ["2030-1-5", "2030/01/05", "", "tomorrow", "2030-02-30"])
def test_given_date_must_be_iso(write_report, date):
    path = write_report(BODY)
    with pytest.raises(ReportError, match="date must be an ISO date 'YYYY-MM-DD'") as info:
        load_report(path, date=date)
    assert str(path) in str(info.value)
