"""Dates (govreport.facts.dates via Report.dates): ISO at the precision written, 去年/今年 resolved
from the report's date, nothing invented when a part cannot be resolved."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from govreport import load_report
from govreport.facts import DATE_COLUMNS, dates_from_text, extract_dates, facts_from_text

HEAD = "——2022年1月10日在某市第一届人民代表大会第一次会议上\n"


def dates(text: str, report_date: str | None = "2022-01-10") -> list[tuple[str, str]]:
    df = dates_from_text(text, report_date)
    for r in df.itertuples(index=False):
        assert text[r.start : r.end] == r.mention
    return [(r.mention, r.date) for r in df.itertuples(index=False)]


def test_seed_dates():
    r = load_report()
    d = r.dates
    assert list(d.columns) == DATE_COLUMNS
    assert [(x.mention, x.date) for x in d.itertuples(index=False)] == [
        ("二○二一年二月二十三日", "2021-02-23"),  # the dateline
        ("2020年", "2020"),  # 一、2020年工作回顾…
        ("去年", "2020"),  # 去年,面对严峻复杂的…
        ("去年2月16日", "2020-02-16"),  # 自去年2月16日以来
        ("3月底", "2020-03"),  # in the review of 2020: the year of the dates before it
    ]
    for x in d.itertuples(index=False):
        assert r.text[x.start : x.end] == x.mention
    assert str(d["start"].dtype) == "int64" and str(d["end"].dtype) == "int64"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020年经济平稳。", [("2020年", "2020")]),
        ("２０２０年经济平稳。", [("２０２０年", "2020")]),
        ("二○二一年二月二十三日召开。", [("二○二一年二月二十三日", "2021-02-23")]),
        ("2021年3月启动,2021年3月5日开工。", [("2021年3月", "2021-03"), ("2021年3月5日", "2021-03-05")]),
        ("2019年底完成。", [("2019年底", "2019")]),
        ("2016—2020年累计完成。", [("2016—2020年", "2016/2020")]),
        ("去年经济平稳。", [("去年", "2021")]),
        ("今年3月底前完成。", [("今年3月底", "2022-03")]),
        ("去年2月16日以来。", [("去年2月16日", "2021-02-16")]),
        ("明年开工,前年立项。", [("明年", "2023"), ("前年", "2020")]),
        ("比上年增长5%。", [("上年", "2021")]),
        # a month without a year takes the year of the dated mention before it
        ("2020年疫情发生,3月底复工,5月8日复产。", [("2020年", "2020"), ("3月底", "2020-03"), ("5月8日", "2020-05-08")]),
        ("2020年1—11月,税收增长。", [("2020年", "2020"), ("1—11月", "2020-01/2020-11")]),
        # without one, it keeps the precision written (ISO 8601 --MM, --MM-DD)
        ("3月底复工,5月8日复产。", [("3月底", "--03"), ("5月8日", "--05-08")]),
        # not dates
        ("13月,2月30日,3个月,5年,十三五。", []),
    ],
)
def test_dates(text, expected):
    assert dates(text) == expected


def test_relative_years_without_a_report_date_are_not_invented():
    assert dates("去年2月16日以来,去年全年,今年。", report_date=None) == [
        ("去年2月16日", "--02-16"),
        ("去年", ""),
        ("今年", ""),
    ]


# A report dated 2022-01-10 with a 2020 review part (3月底) and a plan part (今年, 6月底):
# the month takes its year from its own part only.
PART_DATES = [
    ("2022年1月10日", "2022-01-10"),
    ("2020年", "2020"),
    ("3月底", "2020-03"),
    ("今年", "2022"),
    ("6月底", "2022-06"),
]


def test_month_context_resets_at_each_part(tmp_path: Path):
    body = "一、2020年工作回顾\n(一)复工复产。3月底复工。\n二、今年工作安排\n(一)扩大投资。6月底开工。\n"
    path = tmp_path / "r.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    d = load_report(path).dates
    assert [(x.mention, x.date) for x in d.itertuples(index=False)] == PART_DATES


def test_report_without_a_date(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text("一、工作回顾\n(一)稳中向好。去年3月底复工,新增就业5万人。\n", encoding="utf-8")
    r = load_report(path)
    assert r.meta["date"] is None
    assert [(x.mention, x.date) for x in r.dates.itertuples(index=False)] == [("去年3月底", "--03")]
    assert list(r.facts["mention"]) == ["5万人"]


def test_dates_are_not_facts():
    assert facts_from_text("2020年,3月底,2月16日,2016—2020年,去年12月。").empty
    # a number right after a date is still read
    f = facts_from_text("2020年新增就业5万人。")
    assert list(f["mention"]) == ["5万人"]


# -- reading a long text in pieces (see tests/test_facts.py) -----------------------------------

DATE_LINES = [
    "2020年疫情发生。\n",
    "3月底复工,5月8日复产。\n",  # the year of a mention lines (and pieces) before
    "1—11月,税收增长。\n",
    "2016年—\n2020年累计完成。\n",  # a range across a line break: never cut there
    "2016\n—2020年。\n",
    "去年2月16日以来。\n今年3月底前完成。\n",
    "二○二一年二月二十三日召开。\n",
    "13月,2月30日,3个月,5年,十三五。\r\n",
    "6月底开工。 \n\n",
]


def test_chunked_and_whole_text_dates_agree():
    seed = load_report().text
    text = seed + "\n" + "".join(DATE_LINES) * 3 + seed + "".join(reversed(DATE_LINES))
    for report_date in ("2022-01-10", None):
        whole = dates_from_text(text, report_date, chunk=len(text) + 1)
        assert len(whole) > 40
        assert "2016年—\n2020年" in set(whole["mention"])
        for chunk in (1, 2, 100, 5000):
            pd.testing.assert_frame_equal(dates_from_text(text, report_date, chunk=chunk), whole, check_exact=True)


def test_month_context_crosses_pieces_but_not_parts(tmp_path: Path):
    filler = "".join(f"(一)推进工作{i}。坚持问题导向。\n" if i == 0 else f"推进工作{i}。\n" for i in range(40))
    body = "一、2020年工作回顾\n" + filler + "3月底复工。\n二、今年工作安排\n" + filler + "6月底开工。\n"
    path = tmp_path / "r.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    r = load_report(path)
    for chunk in (1, 50, len(r.text) + 1):
        d = extract_dates(r, chunk=chunk)
        assert [(x.mention, x.date) for x in d.itertuples(index=False)] == PART_DATES
