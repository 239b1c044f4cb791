"""The house chart style: CJK glyphs render, rank 1 is on top, no side effects at import."""

import logging
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from govreport.analysis import charts  # noqa: E402


def test_import_has_no_side_effects():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); "
        "import govreport, govreport.analysis.charts, govreport.analysis.summary; "
        "assert dict(matplotlib.rcParams) == before; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
    assert out.stderr == ""


def test_font_file_is_shipped():
    assert charts.font_path().name == "NotoSansCJKsc-Regular.otf"


@pytest.fixture
def styled():
    with matplotlib.rc_context():
        family = charts.use_house_style()
        yield family
    plt.close("all")


def test_chinese_renders_without_missing_glyphs(styled, caplog, tmp_path):
    assert styled == "Noto Sans CJK SC"
    caplog.set_level(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = charts.bar(pd.Series({"负压救护车": 14, "负压病房": 27, "医养中心": -3}), title="能力建设 Capacity “三清零”", unit="台/间")
        ax.figure.savefig(tmp_path / "bar.png")
        ax = charts.rank_chart(pd.Series({"工业用电量总量": 3, "增速": 6}), title="位次", scope="全省")
        ax.figure.savefig(tmp_path / "rank.png")
    assert "missing" not in caplog.text
    assert matplotlib.rcParams["figure.dpi"] == charts.DPI


def test_bar_labels_values_and_units(styled):
    ax = charts.bar(pd.Series({"甲": 200000, "乙": 16}), title="人员", unit="人", log=True)
    texts = [t.get_text().strip() for t in ax.texts]
    assert "200,000" in texts and "16" in texts
    assert ax.get_xlabel().startswith("人")
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙", "甲"]  # largest at the top


def test_rank_chart_puts_rank_one_on_top(styled):
    ax = charts.rank_chart(pd.Series({"A": 5, "B": 1, "C": 5}), title="t", scope="全省", out_of=6)
    bottom, top = ax.get_ylim()
    assert top < bottom  # inverted axis: 1 at the top
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "第1位"
    assert {t.get_text() for t in ax.texts} == {"B", "A、C"}
    with pytest.raises(ValueError):
        charts.rank_chart(pd.Series({"A": 0}), title="t")


def test_bar_puts_the_largest_on_top_and_equal_values_in_the_order_given(styled):
    counts = pd.Series({"增长": 4, "全县": 3, "达到": 3, "一般": 3, "发展": 2})
    ax = charts.bar(counts, title="t", unit="次")
    top_down = [t.get_text() for t in ax.get_yticklabels()][::-1]  # bars are drawn from the bottom
    assert top_down == ["增长", "全县", "达到", "一般", "发展"]


def test_number_format():
    assert charts.number_format(200000) == "200,000"
    assert charts.number_format(184.7) == "184.7"
    assert charts.number_format(11.0) == "11"
    assert charts.number_format(2.97) == "2.97"
    assert charts.number_format(float("nan")) == ""


@pytest.mark.parametrize("draw", [
    lambda: charts.bar(pd.Series(dtype=float), title="空", unit="人"),
    lambda: charts.rank_chart(pd.Series(dtype=float), title="空"),
    lambda: charts.column(pd.Series(dtype=float), title="空", unit="个"),
    lambda: charts.heatmap(pd.DataFrame(), title="空", unit="次"),
    lambda: charts.paired_bar(pd.DataFrame(columns=["a", "b"]), title="空", unit="亿元"),
])
def test_empty_data_gives_a_titled_placeholder(styled, draw):
    # A rerun on another report may have no figures of a kind: the chart says so instead of failing.
    ax = draw()
    assert ax.get_title(loc="left") == "空"  # house style: titles on the left
    assert charts.NO_DATA in [t.get_text() for t in ax.texts]


def test_highlighted_labels_are_marked_even_for_zero_bars(styled):
    ax = charts.bar(pd.Series({"有数字": 3, "无数字": 0}), title="t", unit="个", sort=False, highlight=["无数字"])
    colors = {t.get_text(): t.get_color() for t in ax.get_yticklabels()}
    assert colors["无数字"] == charts.ACCENT
    assert colors["有数字"] != charts.ACCENT
    assert all(float(x).is_integer() for x in ax.get_xticks())  # counts get whole-number ticks


def test_font_registered_once(styled):
    # addfont appends the font again on every call (and opens the file each time).
    from matplotlib import font_manager

    path = str(charts.font_path())
    before = sum(entry.fname == path for entry in font_manager.fontManager.ttflist)
    charts.use_house_style()
    charts.use_house_style()
    assert before >= 1
    assert sum(entry.fname == path for entry in font_manager.fontManager.ttflist) == before


def _facts(rows):
    return pd.DataFrame(rows, columns=["indicator", "mention", "value", "unit"])


def test_one_unit_per_axis(styled):
    mixed = _facts([("PM2.5浓度", "11.1%", -11.1, "%"), ("优良天数", "46天", 46, "天")])
    with pytest.raises(ValueError, match="one unit per chart axis"):
        charts.changes(mixed, title="t")
    with pytest.raises(ValueError, match="one unit per chart axis"):
        charts.amounts(mixed, title="t")
    ax = charts.changes(mixed[mixed["unit"] == "%"], title="变化")
    assert ax.get_xlabel() == "变化 change (%)"
    assert [t.get_text().strip() for t in ax.texts] == ["−11.1%"]


def test_amounts_scale_money_and_go_log_over_three_orders(styled):
    money = _facts([("资金", "184.7亿元", 1.847e10, "元"), ("消费券", "1.58亿元", 1.58e8, "元")])
    ax = charts.amounts(money, title="资金")
    assert ax.get_xlabel() == "亿元 (100 million yuan)" and ax.get_xscale() == "linear"
    assert sorted(t.get_text().strip() for t in ax.texts) == ["1.58亿元", "184.7亿元"]  # labels as written
    people = _facts([("医护人员", "16名", 16, "名"), ("志愿者", "12万名", 1.2e5, "名")])
    assert charts.amounts(people, title="人员").get_xscale() == "log"


def test_unique_labels_for_repeated_or_empty_indicators():
    assert charts.unique_labels(["企业", "企业", "", "项目"], ["8家", "5家", "3个", "540个"]) == ["企业", "企业 (2)", "3个", "项目"]


def test_report_text_with_dollars_is_drawn_as_written(styled):
    """A $ in report text would start matplotlib's math mode; labels are escaped and still draw."""
    ax = charts.bar(pd.Series([3, 1], index=["收入$1$万元", "项目"]), title="标题$x$", unit="个", value_labels=["3$", "1"])
    ax.figure.canvas.draw()  # mathtext would raise or swallow the dollars
    assert [t.get_text() for t in ax.get_yticklabels()] == ["项目", r"收入\$1\$万元"]
    assert ax.get_title(loc="left") == r"标题\$x\$"
