"""Walking a table row by row, fast: ``rows(table)`` is ``table.itertuples()``.

pandas' ``itertuples`` builds a new namedtuple class on every call (a few hundred
microseconds: more than the walk itself for the small tables of one section), and the
pages walk thousands of small tables. ``rows`` gives the same rows, with the same values,
from a row class made once per set of column names, and reads each column with ``values``:
``tolist()`` where it gives what iterating the column gives (NumPy columns and text), which
is several times faster than iterating a column of text.
"""

from __future__ import annotations

import collections
import itertools
from functools import lru_cache

import pandas as pd


def values(column: pd.Series) -> list | pd.Series:
    """The values of ``column`` as iterating it gives them: Python scalars from a NumPy
    column, ``str`` (``nan`` where missing) from a text column, both read with ``tolist()``;
    any other column (a nullable integer gives NumPy integers and ``pd.NA``) as it is, to be
    iterated."""
    if isinstance(column.array, pd.arrays.NumpyExtensionArray) or column.dtype == "str":
        return column.tolist()
    return column


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
    arrays.extend(values(column) for _, column in table.items())
    if not arrays:
        return iter(itertools.repeat((), len(table)))
    return map(_row_type(tuple(fields))._make, zip(*arrays, strict=True))
