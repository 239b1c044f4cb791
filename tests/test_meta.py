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


# -- every form of title block, with the clutter of web copies (issue 17) -------------------

CLUTTER = "下载\n打印\n【字号：加大 还原 减小】\n分享：\n首页 > 政府信息公开 > 政府工作报告\n来源：北岭日报\n时间：2030-02-02 09:20\n"
SESSION = "在北岭省第十四届人民代表大会第三次会议上"
REGION = "在南溪壮族自治区第十四届人民代表大会第三次会议上"
CITY = "在青山市第九届人民代表大会第二次会议上"
META = ["place", "date", "speaker", "office", "level"]


@pytest.mark.parametrize(
    "head, expected",
    [
        (  # 某某市市长 某某, under a title and a source line
            f"2030年青山市政府工作报告\n来源：青山日报\n——2030年1月9日{CITY}\n青山市市长 柳成荫",
            ("青山市", "2030-01-09", "柳成荫", "市长", "prefecture"),
        ),
        (  # 省人民政府省长 某某: the place from the occasion
            f"——2030年1月14日{SESSION}\n省人民政府省长 白云飞",
            ("北岭省", "2030-01-14", "白云飞", "省长", "province"),
        ),
        (  # 省长　某某 (an ideographic space), the dateline after a title with the year
            f"2030年北岭省政府工作报告\n——2030年1月14日{SESSION}\n省长　白云飞",
            ("北岭省", "2030-01-14", "白云飞", "省长", "province"),
        ),
        (  # 自治区主席 某 某: a space inside a two-character name is layout; the region in full
            f"2030年南溪政府工作报告\n2030年1月13日{REGION}\n自治区主席 岑 远",
            ("南溪壮族自治区", "2030-01-13", "岑远", "主席", "province"),
        ),
        (  # a name joined by a middle dot
            f"——2030年1月13日{REGION}\n自治区主席 阿合买提·库尔班",
            ("南溪壮族自治区", "2030-01-13", "阿合买提·库尔班", "主席", "province"),
        ),
        (  # the speaker inside the dateline, before 在
            f"2030年北岭省政府工作报告\n——2030年1月14日北岭省省长 白云飞{SESSION.removesuffix('上')}上的讲话\n来源：北岭日报",
            ("北岭省", "2030-01-14", "白云飞", "省长", "province"),
        ),
        (  # the office alone before the name, inside the dateline
            f"——2030年1月16日省长 白云飞{SESSION}的讲话",
            ("北岭省", "2030-01-16", "白云飞", "省长", "province"),
        ),
        (  # the name right after the office, before 在
            f"——2030年1月14日自治区人民政府主席岑远{REGION}的讲话",
            ("南溪壮族自治区", "2030-01-14", "岑远", "主席", "province"),
        ),
        (  # the speaker after the occasion: …会议上某某省人民政府省长某某作政府工作报告
            f"2030年1月20日{SESSION}北岭省人民政府省长 白云飞作政府工作报告",
            ("北岭省", "2030-01-20", "白云飞", "省长", "province"),
        ),
        (  # …the same without a space, and with 同志 and a full stop
            f"2030年1月20日{SESSION}北岭省省长白云飞同志作政府工作报告。",
            ("北岭省", "2030-01-20", "白云飞", "省长", "province"),
        ),
        (  # 省长某某 with nothing before the office
            f"政府工作报告\n2030年1月14日{SESSION}省长白云飞作政府工作报告。",
            ("北岭省", "2030-01-14", "白云飞", "省长", "province"),
        ),
        (  # 某某市长在…: the name before the office
            f"----2030年1月15日柳成荫市长{CITY.removesuffix('上')}的政府工作报告",
            ("青山市", "2030-01-15", "柳成荫", "市长", "prefecture"),
        ),
        (  # Chinese numerals with 〇 and 二十七
            f"——二〇三〇年一月二十七日{SESSION}\n北岭省人民政府省长 白云飞",
            ("北岭省", "2030-01-27", "白云飞", "省长", "province"),
        ),
        (  # a dateline wrapped over two lines
            "——2030年1月26日在北岭省第十四届\n人民代表大会第五次会议上\n北岭省人民政府省长 白云飞",
            ("北岭省", "2030-01-26", "白云飞", "省长", "province"),
        ),
        (  # ... and over three, with a space inside the occasion
            "——2030年1月26日在北岭省\n第十四届 人民代表大会\n第五次会议上\n省长 白云飞",
            ("北岭省", "2030-01-26", "白云飞", "省长", "province"),
        ),
        (  # a date alone on its line, the occasion on the next
            "2030年1月26日\n在北岭省第十四届人民代表大会第五次会议上\n北岭省省长 白云飞",
            ("北岭省", "2030-01-26", "白云飞", "省长", "province"),
        ),
        (  # the occasion in short (十四届人大三次会议), a district of a city
            "——2030年1月14日在青山市绿水区十届人大五次会议上\n区长 赵强",
            ("青山市绿水区", "2030-01-14", "赵强", "区长", "county"),
        ),
        (  # the occasion first, the speaker, then the date alone
            f"{SESSION}\n北岭省人民政府省长 白云飞\n2030年1月14日",
            ("北岭省", "2030-01-14", "白云飞", "省长", "province"),
        ),
        (  # a web copy: buttons, labels, a posting date; the session date is the dateline's
            f"{CLUTTER}2030年北岭省政府工作报告\n——2030年1月14日{SESSION}\n北岭省人民政府省长 白云飞\n北岭日报",
            ("北岭省", "2030-01-14", "白云飞", "省长", "province"),
        ),
        (  # a web copy that names no one: no speaker, not a button or the newspaper
            f"{CLUTTER}2030年北岭省政府工作报告\n北岭日报\n——2030年1月14日{SESSION}\n下载",
            ("北岭省", "2030-01-14", None, None, "province"),
        ),
        (  # a posting date in Chinese and no dateline: no date
            "2030年北岭省政府工作报告\n发布时间：2030年2月2日 09:20\n2030年2月2日 09:20\n首页",
            ("北岭省", None, None, None, "province"),
        ),
        (  # a broken dateline piece is never a speaker
            "——2030年1月26日\n在北岭省第十四届\n北岭日报",
            (None, "2030-01-26", None, None, None),
        ),
        (  # a short title and no dateline: no place rather than a wrong one
            "2030年南溪政府工作报告\n来源：南溪日报",
            (None, None, None, None, None),
        ),
        (  # the place of the report is never the speaker (青山市长 is the mayor of 青山市)
            f"——2030年1月15日青山市长{CITY.removesuffix('上')}上的讲话",
            ("青山市", "2030-01-15", None, "市长", "prefecture"),
        ),
        (  # a municipality under the State Council is a province
            "2030年重庆市政府工作报告\n来源：山城日报",
            ("重庆市", None, None, None, "province"),
        ),
    ],
)
def test_title_block_forms(write_report, head, expected):
    assert tuple(meta_of(write_report, head)[k] for k in META) == expected


@pytest.mark.parametrize(
    "line, office, level",
    [
        ("北岭省代省长 白云飞", "代省长", "province"),
        ("青山市人民政府代市长 柳成荫", "代市长", "prefecture"),
        ("南溪壮族自治区代理主席 岑远", "代理主席", "province"),
        ("青山市绿水区代区长 赵强", "代区长", "county"),
        ("南溪县人民政府代县长 陈小东", "代县长", "county"),
    ],
)
def test_acting_offices(write_report, line, office, level):
    meta = meta_of(write_report, "政府工作报告\n" + line)
    assert (meta["office"], meta["level"]) == (office, level)
    assert meta["speaker"] in ("白云飞", "柳成荫", "岑远", "赵强", "陈小东")


def test_scraper_title_prefix(write_report):
    meta = meta_of(write_report, f"标题：2030年北岭省政府工作报告\n——2030年1月14日{SESSION}\n省长 白云飞")
    assert (meta["title"], meta["place"]) == ("2030年北岭省政府工作报告", "北岭省")


def test_the_state_council_speaks_for_the_nation(write_report):
    # No head at all: 我代表国务院 in the opening is enough for place and level.
    r = load_report(write_report(BODY.replace("我代表政府", "我代表国务院")))
    assert (r.meta["place"], r.meta["level"], r.meta["speaker"]) == ("中华人民共和国", "national", None)
    # ... and it wins over a head that names no place.
    r = load_report(write_report("政府工作报告\n" + BODY.replace("我代表政府", "我代表国务院")))
    assert (r.meta["place"], r.meta["level"]) == ("中华人民共和国", "national")


@pytest.mark.parametrize(
    "head",
    [
        # the speaker line after a dateline, closed by the words of the speech
        f"2030年1月20日{SESSION}\n北岭省人民政府省长 白云飞作政府工作报告",
        # a wrap after the office: the name and the speech on the next line
        f"2030年1月20日{SESSION}北岭省人民政府代省长\n白云飞作政府工作报告。",
        # a wrap inside the words of the speech (白云飞作政 is no name)
        f"2030年1月20日{SESSION}北岭省代省长白云飞作政\n府工作报告",
        # a wrap inside the occasion and another inside the speech
        "2030年1月20日在北岭省第十四届人民代表大会\n第三次会议上北岭省人民政府代省长 白云飞作政府工作\n报告",
    ],
)
def test_hard_wrapped_title_blocks(write_report, head):
    meta = meta_of(write_report, "2030年北岭省政府工作报告\n" + head)
    assert (meta["title"], meta["date"], meta["place"], meta["speaker"]) == (
        "2030年北岭省政府工作报告", "2030-01-20", "北岭省", "白云飞"
    )
    assert meta["office"] in ("省长", "代省长")


@pytest.mark.parametrize(
    "text, name",
    [
        ("白云飞", "白云飞"), ("岑 远", "岑远"), ("赵　强", "赵强"), ("欧阳小燕", "欧阳小燕"),
        ("柳成荫同志", "柳成荫"), ("阿合买提•库尔班", "阿合买提·库尔班"),
        # buttons and labels of web pages, newspapers and agencies, places, dateline pieces
        ("下载", None), ("首页", None), ("打印", None), ("全屏", None), ("收藏", None),
        ("北岭日报", None), ("青山晚报", None), ("新华社", None), ("北岭新闻网", None),
        ("北岭省", None), ("青山市", None), ("在北岭省第十四届", None), ("第五次会议上", None),
        ("二〇三〇年", None), ("各位代表", None), ("省长", None), ("白", None), ("白云飞鹏程万", None),
    ],
)
def test_what_a_name_is(text, name):
    from govreport.reading.meta_speaker import name_of

    assert name_of(text) == name


def test_source_and_posting_date_kept_apart(write_report):
    head = f"{CLUTTER}2030年北岭省政府工作报告\n——2030年1月14日{SESSION}\n北岭省人民政府省长 白云飞"
    r = load_report(write_report(head + "\n" + BODY))
    assert (r.meta["source"], r.meta["published"], r.meta["date"]) == ("北岭日报", "2030-02-02", "2030-01-14")
    # A web copy without a dateline: the posting date is kept, and is not the session's.
    r = load_report(write_report("2030年北岭省政府工作报告\n来源：北岭日报　发布时间：2030年2月3日 08:00\n" + BODY))
    assert (r.meta["source"], r.meta["published"], r.meta["date"]) == ("北岭日报", "2030-02-03", None)


def test_given_values_win_over_the_state_councils_voice(write_report):
    path = write_report("政府工作报告\n" + BODY.replace("我代表政府", "我代表国务院"))
    r = load_report(path, place="青山市", level="prefecture", date="2030-01-05")
    assert (r.meta["place"], r.meta["level"], r.meta["date"]) == ("青山市", "prefecture", "2030-01-05")
    assert r.meta["given"] == ["date", "place", "level"]
