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
]


def _same(x, y):
    return x == y or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y)) or (x is y)


@pytest.mark.parametrize("index", [True, False])
@pytest.mark.parametrize("table", TABLES, ids=range(len(TABLES)))
def test_rows_are_itertuples(table, index):
    ours, theirs = list(rows(table, index=index)), list(table.itertuples(index=index))
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert getattr(a, "_fields", ()) == getattr(b, "_fields", ())
        assert all(_same(x, y) and type(x) is type(y) for x, y in zip(a, b))
