"""Per-report memos: a page asks for the same table in many cells (a section's facts, the
checks behind the answer and behind each check's own cell), so it is computed once per
report and arguments.

``@per_report`` caches ``fn(report, *args)`` in a dictionary that lives as long as the
report (a weak reference: nothing outlives it) and returns a copy of a DataFrame or Series
(``copy``), so a caller that changes its table changes nothing for the next one. Under pandas 3's
copy-on-write that copy is shallow (a change to it copies the data it changes, never the
memo's); with pandas 2 it is a deep copy. A report that cannot be weakly referenced is not
cached.
"""

from __future__ import annotations

import functools
import weakref

import pandas as pd

#: pandas 3 always copies on write, so a shallow copy is already a safe one.
_DEEP = int(pd.__version__.split(".")[0]) < 3

_MEMO: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def cache(report) -> dict:
    """The memo dictionary of ``report`` ({} that is thrown away when it cannot be kept)."""
    try:
        return _MEMO.setdefault(report, {})
    except TypeError:
        return {}


def outline_nodes(report) -> dict:
    """Node id -> the node's row of ``report.outline`` as a dict (the first row of an id, as
    ``report.node`` finds it; a missing parent is None or NaN), made once per report: the one
    lookup of outline nodes the pages use. Shared, not copied: read it, never change it (the
    pages walk up the outline from many nodes)."""
    memo = cache(report)
    if "outline_nodes" not in memo:
        outline = report.outline
        nodes: dict = {}
        for values in zip(*(outline[c].tolist() for c in outline.columns)):
            row = dict(zip(outline.columns, values))
            nodes.setdefault(row["id"], row)
        memo["outline_nodes"] = nodes
    return memo["outline_nodes"]


def per_report(fn):
    """Memoize ``fn(report, *args)`` per report (see the module docstring)."""

    @functools.wraps(fn)
    def wrapper(report, *args):
        memo = cache(report)
        key = (fn.__module__, fn.__qualname__, args)
        if key not in memo:
            memo[key] = fn(report, *args)
        return copy(memo[key])

    return wrapper


def copy(value):
    """The copy a memo hands out: a DataFrame or Series copied as the module docstring says
    (shallow under pandas 3), anything else with its own ``copy()`` (a list, a dict) copied
    that way, the rest (a string, a number) as it is."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=_DEEP)
    return value.copy() if hasattr(value, "copy") else value


_ONCE: dict = {}


def once(key: str, make):
    """``make()``, made once per process and kept under ``key``; each call returns a ``copy``
    (for a table that does not depend on the report, such as an empty table of given columns)."""
    if key not in _ONCE:
        _ONCE[key] = make()
    return copy(_ONCE[key])
