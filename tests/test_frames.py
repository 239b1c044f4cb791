"""govreport.analysis.frames.rows gives what DataFrame.itertuples gives."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from govreport.analysis.frames import rows

TABLES = [
    pd.DataFrame({"id": ["a", "b", None], "value": [1.5, float("nan"), 3.0], "n": [1, 2, 3],
                  "starts": [[1], [], [2, 3]], "flag": [True, False, True]}),
    pd.DataFrame({"class": ["x"], "1st": [1], "two words": [2], "id": [3]}, index=["k"]),  # names that get renamed
    pd.DataFrame({"a": pd.Series([], dtype=float)}),
    pd.DataFrame(index=range(2)),
    pd.DataFrame(  # text with a gap, a nullable integer, dates, and a repeated column name
        [["大桥", 3, "2025-01-02", 1.5], [None, None, "2025-03-04", 2.0]], columns=["name", "year", "day", "name"]
    ).astype({"year": "Int64", "day": "datetime64[ns]"}),
    pd.DataFrame({"text": pd.array(["港口", "机场"], dtype="str"), "n": pd.array([1, 2], dtype="int32")}, index=["甲", "乙"]),
]


def _same(x, y):
    if x is y:  # pd.NA, or the same object
        return True
    return (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y)) or bool(x == y)


@pytest.mark.parametrize("index", [True, False])
@pytest.mark.parametrize("table", TABLES, ids=range(len(TABLES)))
def test_rows_are_itertuples(table, index):
    ours, theirs = list(rows(table, index=index)), list(table.itertuples(index=index))
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert getattr(a, "_fields", ()) == getattr(b, "_fields", ())
        assert all(_same(x, y) and type(x) is type(y) for x, y in zip(a, b))
