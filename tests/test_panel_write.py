"""The panel's table writer: a report's rows at a time, row groups by rows or bytes, a buffer
that stays small whatever the number of reports, the same values however the rows are grouped."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq

from govreport.panel import write
from govreport.panel.write import TableWriter, rendered


def report_rows(i: int, n: int) -> pd.DataFrame:
    """``n`` invented rows of report ``i``: text, a figure, a count that may be missing."""
    return pd.DataFrame({
        "place": pd.Series([f"青山{i % 7}县"] * n, dtype="string"),
        "sentence_text": pd.Series([f"第{i}号报告第{j}句：新建乡村道路{j * 3 + i}公里。" for j in range(n)], dtype="string"),
        "value": pd.Series([i + j / 10 for j in range(n)], dtype="float64"),
        "year": pd.Series([None if j % 5 == 4 else 2020 + i % 3 for j in range(n)], dtype="Int64"),
    })


def write_reports(folder, name, reports):
    w = TableWriter(folder, name, reports[0].iloc[0:0])
    for t in reports:
        w.add(*rendered(t))
    w.close()
    return w


REPORTS = [report_rows(i, 1 + i % 4) for i in range(300)]


def test_many_small_reports_leave_a_small_buffer(tmp_path):
    w = TableWriter(tmp_path, "rows", REPORTS[0].iloc[0:0])
    for t in REPORTS:
        w.add(*rendered(t))
    assert w.buffered == sum(map(len, REPORTS)) < write.ROW_GROUP  # nothing written yet: all buffered
    assert len(w.buffer) < len(REPORTS) / write.COMPACT + write.COMPACT  # but gathered into a few tables
    w.close()
    table = pq.read_table(tmp_path / "rows.parquet")
    assert table.equals(write.arrow(pd.concat(REPORTS, ignore_index=True)))


def test_a_byte_budget_gives_row_groups_of_the_same_values(tmp_path, monkeypatch):
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    write_reports(tmp_path / "one", "rows", REPORTS)
    monkeypatch.setattr(write, "ROW_GROUP_BYTES", 4096)
    write_reports(tmp_path / "many", "rows", REPORTS)
    one, many = pq.ParquetFile(tmp_path / "one" / "rows.parquet"), pq.ParquetFile(tmp_path / "many" / "rows.parquet")
    assert one.metadata.num_row_groups == 1 and many.metadata.num_row_groups > 5
    assert pq.read_table(tmp_path / "many" / "rows.parquet").equals(pq.read_table(tmp_path / "one" / "rows.parquet"))
    assert (tmp_path / "many" / "rows.csv").read_bytes() == (tmp_path / "one" / "rows.csv").read_bytes()


def test_a_row_group_ends_with_the_report_that_fills_it(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "ROW_GROUP", 10)
    write_reports(tmp_path, "rows", [report_rows(i, 4) for i in range(6)])  # 24 rows: 12, 12
    meta = pq.ParquetFile(tmp_path / "rows.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [12, 12]


def test_an_empty_table_keeps_its_columns(tmp_path):
    w = TableWriter(tmp_path, "rows", REPORTS[0].iloc[0:0])
    w.add(*rendered(REPORTS[0].iloc[0:0]))
    w.close()
    assert pq.read_table(tmp_path / "rows.parquet").column_names == list(REPORTS[0].columns)
    assert (tmp_path / "rows.csv").read_bytes() == b"\xef\xbb\xbfplace,sentence_text,value,year\n"
