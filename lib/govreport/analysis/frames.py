"""Walking a table row by row, fast: ``rows(table)`` is ``table.itertuples()``.

pandas' ``itertuples`` builds a new namedtuple class on every call (a few hundred
microseconds: more than the walk itself for the small tables of one section), and the
pages walk thousands of small tables. ``rows`` gives the same rows, with the same values,
from a row class made once per set of column names.
"""

from __future__ import annotations

import collections
import itertools
from functools import lru_cache

import pandas as pd


@lru_cache(maxsize=512)
def _row_type(fields: tuple) -> type:
    return collections.namedtuple("Pandas", fields, rename=True)


def rows(table: pd.DataFrame, index: bool = True):
    """The rows of ``table`` as ``table.itertuples(index=index)`` gives them (``Index`` first
    when ``index``; column names that are not identifiers renamed ``_1``, ``_2``… as there)."""
    fields = list(table.columns)
    arrays: list = []
    if index:
        arrays.append(table.index)
        fields.insert(0, "Index")
    arrays.extend(table.iloc[:, k] for k in range(len(table.columns)))
    if not arrays:
        return iter(itertools.repeat((), len(table)))
    return map(_row_type(tuple(fields))._make, zip(*arrays, strict=True))
