"""A panel entry's rows, built straight from the columns (``entry.read_entry``), are what the
plain pandas way gives: the ``typed`` table of ``ROW_COLUMNS`` written by ``write.csv_body``
and ``write.arrow``, its keyed rows, and ``tables.main_rows``. Invented text; the places are
real so that the division table places them, or invented so that it does not."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from govreport import load_report
from govreport.panel import entry
from govreport.panel.places import locate
from govreport.panel.tables import main_rows
from govreport.panel.write import arrow, csv_body

TEXT = (
    "政府工作报告\n——2024年1月12日在{place}第九届人民代表大会第二次会议上\n{place}市长　钱某\n各位代表：\n"
    "一、2023年工作回顾\n过去一年，全市地区生产总值增长5.2%，城镇调查失业率控制在5.5%以内，"
    "居民消费价格与上年持平。城区地区生产总值增长6.1%。\n"
    "我们建成\"智慧,便民\"服务平台12个，新增城镇就业1.8万人。\n"
    "二、2024年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长5%—5.5%；"
    "一般公共预算收入增长4%以上；城镇新增就业2万人以上；居民消费价格涨幅3%左右；"
    "居民收入增长与经济增长同步；粮食产量稳定在50万吨。\n"
    "到2027年，全市研发经费投入强度达到2.8%。\n"
)


def by_pandas(report, path: str, joined: dict):
    """The rows of ``report`` the plain pandas way: (rendered, keyed, main)."""
    rendered, keyed = {}, {}
    for name in ("targets", "results"):
        t = getattr(report, name).reset_index(drop=True)[entry.TARGET_COLUMNS]
        t = t.assign(sentence_text=[report.sentence_text(int(s)) for s in t["sentence"]])
        for i, (column, value) in enumerate(joined.items()):
            t.insert(i, column, [value] * len(t))
        t = entry.typed(t[entry.ROW_COLUMNS])
        rendered[name] = (csv_body(t), arrow(t))
        keyed[name] = t[t["key"] != ""].reset_index(drop=True)
    main = list(main_rows(keyed["targets"]).itertuples(index=False, name=None))
    keyed = {name: t[entry.KEYED_COLUMNS] for name, t in keyed.items()}
    return rendered, keyed, main


def same_values(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(
        type(x) is type(y) and (x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))
                                or (x is pd.NA and y is pd.NA)) for x, y in zip(a, b))


@pytest.mark.parametrize("place", ["保定市", "青禾市"])  # known to the division table, and not
def test_entry_rows_are_the_typed_tables(tmp_path, place):
    path = tmp_path / "report.txt"
    path.write_text(TEXT.format(place=place), encoding="utf-8")
    e = entry.read_entry(str(path))
    assert e["summary"]["row"]["status"] == "ok"
    report = load_report(path)
    where = locate(report.meta.get("place"), report.meta.get("level"))
    row = e["summary"]["row"]
    joined = {"path": str(path), "place": row["place"], "level": row["level"], "parent": where.parent,
              "adcode": where.adcode, "year": row["year"]}
    rendered, keyed, main = by_pandas(report, str(path), joined)
    for name in ("targets", "results"):
        assert e["rendered"][name][0] == rendered[name][0]
        assert e["rendered"][name][1].equals(rendered[name][1], check_metadata=True)
        pd.testing.assert_frame_equal(entry.keyed_frame(e["keyed"][name]), keyed[name], check_exact=True)
    assert len(main) >= 4 and len(e["summary"]["main"]) == len(main)
    assert all(same_values(a, b) for a, b in zip(e["summary"]["main"], main))
    # the table has what makes the rows differ: a range, a missing bound, a scope, a quoted comma
    targets = e["rendered"]["targets"][1].to_pandas()
    assert (targets["qualifier"] == "range").any() and targets["high"].isna().any()
    assert '"' in e["rendered"]["results"][0].decode("utf-8")
    assert e["rendered"]["results"][1].column("scope").null_count < e["rendered"]["results"][1].num_rows


def test_rendered_columns_are_what_to_csv_and_arrow_give():
    # every kind of column a panel table has, with missing values, quotes, commas and line breaks
    columns = {
        "place": ("string", ["青禾市", None, '说"好",再说\n换行']),
        "year": ("Int64", [2024, None, np.int64(2025)]),
        "value": ("float64", [5.5, float("nan"), 1.5e16]),
        "low": ("float64", [1e-05, 123456789.125, -0.0]),
        "sentence": ("int64", [3, 4, 5]),
        "main": ("bool", [True, False, True]),
        "scope": ("str", ["城区", "", None]),
        "label": ("string", ["五", 5.0, pd.NA]),  # a figure in a text column: as pandas.array makes it
    }
    for n in (3, 0):
        cut = {name: (dtype, values[:n]) for name, (dtype, values) in columns.items()}
        t = pd.DataFrame({name: np.array(values, dtype=dtype) if dtype in ("float64", "int64", "bool")
                          else pd.array(values, dtype=dtype) for name, (dtype, values) in cut.items()})
        body, arrow_table = entry.rendered_columns(cut)
        assert body == csv_body(t)
        assert arrow_table.equals(arrow(t), check_metadata=True) and arrow_table.schema == arrow(t).schema


def test_columns_made_from_the_stages_rows_are_those_of_its_table():
    # rows as facts.targets gives them, with the odd values a row can hold: NA, None, NaN, a
    # numpy integer, a missing text; each column made from the values is the table's column
    import numpy as np

    from govreport.facts.targets import COLUMNS, _frame

    def row(**values):
        base = dict(zip(COLUMNS, (7, "gdp_growth", "地区生产总值", "地区生产总值", "增长5%", 5.0, 5.0, 5.0, "%",
                                  "about", "change", 2024, "year", True, None, 3, 4, "")))
        return tuple({**base, **values}[c] for c in COLUMNS)

    rows = [row(), row(fact=pd.NA, high=math.nan, scope="城区", statement=np.int64(3), main=False),
            row(label=None, target_year=None, statement=pd.NA, phrase='说"好",再说'),
            row(fact=np.int64(9), low=-0.0, value=1.5e16, mention=pd.NA)]
    schema = entry.row_schema()
    for cut in (rows, rows[:1], []):
        table = _frame(cut)
        for name in COLUMNS:
            kind = schema.field(name).type
            dtype = entry._ROW_DTYPES.get(name, "str")
            got, want = entry._values_column(dtype, tuple(r[COLUMNS.index(name)] for r in cut), kind), \
                entry._column(table[name], kind)
            assert got[1] == want[1], name
            assert pa.chunked_array([got[0]], type=kind).equals(pa.chunked_array([want[0]], type=kind)), name


def test_a_pairs_tables_made_from_their_values_are_those_of_their_frames(tmp_path):
    from test_panel import report_text

    from govreport.panel.tables import slogan_changes, slogan_rows, slogan_values, verdict_values, verdicts

    read = []
    for year, result, target, slogan in ((2023, "4.0%", "6.5%以上", "四个示范"), (2024, "6.1%", "6%左右", "五个示范")):
        path = tmp_path / f"baoding-{year}.txt"
        path.write_text(report_text("保定市", year, result, target, slogan), encoding="utf-8")
        read.append(entry.read_entry(str(path)))
    previous, current = read
    table = verdicts(previous, current)
    assert len(table) >= 2 and table["target_year"].notna().any()
    made = entry.rendered_columns(verdict_values(previous, current))
    assert made[0] == csv_body(table) and made[1].equals(arrow(table), check_metadata=True)
    changes = slogan_changes(previous, current)
    assert set(changes["change"]) == {"gained", "dropped"}
    for rows in (slogan_rows(previous, current), []):
        made = entry.rendered_columns(slogan_values(rows))
        want = slogan_changes(previous, current) if rows else changes.iloc[0:0]
        assert made[0] == csv_body(want) and made[1].equals(arrow(want), check_metadata=True)
