"""govreport.analysis.fact_index: a report's facts as plain lists, indexed by outline node.

The reports here are made up: a small outline (a part, two sections, points) and facts placed
on it by offsets, some on a node's edge, one that runs past its node's end.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from govreport.analysis import fact_index


class Report:  # what the index reads of a report: its facts and its outline
    def __init__(self, facts: pd.DataFrame, outline: pd.DataFrame):
        self.facts, self.outline = facts, outline


OUTLINE = pd.DataFrame(
    [
        ["0", "preamble", 0, "", 0, 10, None, ""],
        ["1", "part", 1, "回顾", 10, 200, None, ""],
        ["1.1", "section", 1, "稳住农业", 12, 100, "1", ""],
        ["1.1.1", "point", 1, "粮食丰收", 20, 50, "1.1", ""],
        ["1.1.2", "point", 2, "畜牧提质", 50, 90, "1.1", ""],
        ["1.2", "section", 2, "做强工业", 100, 200, "1", ""],
    ],
    columns=["id", "level", "number", "title", "start", "end", "parent", "group"],
)


def facts(rows) -> pd.DataFrame:
    """Facts at ``(start, end, section)``, with a value, a kind and a year that may be missing."""
    table = pd.DataFrame(rows, columns=["start", "end", "section"])
    n = len(table)
    return table.assign(
        id=range(n),
        mention=[f"{k}吨" if k != 4 else None for k in range(n)],  # one missing
        value=[float(k) if k % 3 else float("nan") for k in range(n)],
        kind=["measure" if k % 2 else "change" for k in range(n)],
        target_year=pd.array([2025 if k % 2 else None for k in range(n)], dtype="Int64"),
    )


ROWS = [
    (15, 18, "1.1"),      # section 1.1, before its points
    (20, 24, "1.1.1"),    # at the start of point 1.1.1
    (45, 50, "1.1.1"),    # at its end
    (60, 95, "1.1.2"),    # starts in point 1.1.2, runs past its end (90) but not past 1.1's (100)
    (98, 100, "1.1"),     # at the end of section 1.1
    (100, 104, "1.2"),    # the next section
]


def by_mask(table: pd.DataFrame, node_id: str) -> list[int]:
    """The rule, as a mask over the table: start >= node start and end <= node end."""
    node = OUTLINE.set_index("id").loc[node_id]
    mask = (table["start"] >= node["start"]) & (table["end"] <= node["end"])
    return np.flatnonzero(mask.to_numpy()).tolist()


@pytest.mark.parametrize("shuffle", [False, True], ids=["text order", "any order"])
def test_positions_follow_the_span_rule(shuffle):
    table = facts(ROWS)
    if shuffle:  # facts out of text order: the index cannot cut the search short, and must not
        table = table.iloc[[3, 0, 5, 1, 4, 2]].reset_index(drop=True)
    index = fact_index.FactIndex(Report(table, OUTLINE))
    for node_id in OUTLINE["id"]:
        assert index.positions(node_id) == by_mask(table, node_id), node_id
    assert len(index.positions("1.1.2")) == 0  # the fact that runs past the point's end is not the point's
    with pytest.raises(KeyError):
        index.positions("9.9")


def test_columns_are_the_values_iteration_gives():
    table = facts(ROWS)
    index = fact_index.FactIndex(Report(table, OUTLINE))
    for name in table.columns:
        ours, theirs = index.col(name), list(table[name])
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert type(a) is type(b) and (a is b or a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))
    assert index.has("target_year") and not index.has("statement")
    assert index.spans()[3] == (60, 95)


def test_nodes_points_and_the_point_of_each_fact():
    index = fact_index.FactIndex(Report(facts(ROWS), OUTLINE))
    assert index.ids == list(OUTLINE["id"])
    assert index.nodes["1.1.2"]["title"] == "畜牧提质" and index.nodes["1.2"]["parent"] == "1"
    assert index.points("1.1") == [("1.1.1", "粮食丰收"), ("1.1.2", "畜牧提质")]
    assert index.point_rows("1.1") == [3, 4]
    assert index.points("1.2") == [] and index.point_rows("1") == []
    assert [index.point(p) for p in range(len(ROWS))] == ["", "1.1.1", "1.1.1", "1.1.2", "", ""]


def test_made_once_per_report():
    report = Report(facts(ROWS), OUTLINE)
    assert fact_index.of(report) is fact_index.of(report)
    assert fact_index.of(Report(facts(ROWS[:2]), OUTLINE)).n == 2


@pytest.mark.parametrize("positions", [[1, 2, 3], [0], [4, 5], [0, 2, 5], [3, 1], []])
def test_rows_at_is_a_take(positions):
    table = facts(ROWS)
    for t in (table, table.iloc[1:]):  # a RangeIndex from 0, and one that starts later
        rows = [p for p in positions if p < len(t)]
        pdt.assert_frame_equal(fact_index.rows_at(t, rows), t.take(rows), check_index_type=True)
