"""govreport.analysis.memo: a memoized table is made once per report, and what a caller does to
its copy never reaches the next caller."""

from __future__ import annotations

import pandas as pd

from govreport.analysis import memo


class Report:  # any object that can be weakly referenced stands for a report
    pass


def test_made_once_and_each_caller_gets_its_own_table():
    made = []

    @memo.per_report
    def table(report, n):
        made.append(n)
        return pd.DataFrame({"x": list(range(n)), "s": ["a"] * n})

    report = Report()
    first = table(report, 3)
    first.loc[0, "x"] = 99            # a change in place
    first["s"] = first["s"] + "!"     # a column replaced
    first["new"] = 1                  # a column added
    first["x"].to_numpy()             # reading the values changes nothing
    second = table(report, 3)
    assert made == [3]
    assert second["x"].tolist() == [0, 1, 2] and second["s"].tolist() == ["a", "a", "a"]
    assert list(second.columns) == ["x", "s"]
    series = table(report, 3)["x"]
    series.iloc[1] = -1
    assert table(report, 3)["x"].tolist() == [0, 1, 2]
    assert table(Report(), 2)["x"].tolist() == [0, 1] and made == [3, 2]


def test_the_outline_nodes_are_made_once_the_first_row_of_an_id_counts():
    report = Report()
    report.outline = pd.DataFrame({"id": ["1", "1.1", "1.1"], "level": ["part", "section", "point"],
                                   "parent": [None, "1", "1"]})
    one = memo.outline_nodes(report)
    assert one is memo.outline_nodes(report)
    assert one["1.1"] == {"id": "1.1", "level": "section", "parent": "1"} and pd.isna(one["1"]["parent"])
    assert list(one) == ["1", "1.1"]


def test_once_is_made_once_per_process_and_handed_out_as_copies():
    made = []

    def empty():
        made.append(1)
        return pd.DataFrame([], columns=["river", "length"])

    first = memo.once("test_memo.rivers", empty)
    first["source"] = []  # a caller's change stays its own
    second = memo.once("test_memo.rivers", empty)
    assert made == [1] and list(second.columns) == ["river", "length"] and second is not first
    assert memo.copy([1, 2]) == [1, 2] and memo.copy("长江") == "长江"
