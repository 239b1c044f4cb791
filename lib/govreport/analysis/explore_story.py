"""The sentences of the explorer page (``notebooks/07_explore.ipynb``), computed from
``explore.facts_table``: ``describe`` says what the explorer holds. The table, its
filters and the interactive display are ``govreport.analysis.explore``.
"""

from __future__ import annotations

import pandas as pd

from .prose import count, kinds_text, md_escape, plural


def describe(table: pd.DataFrame) -> str:
    """What the explorer holds, in one Markdown sentence computed from the table."""
    n = len(table)
    if n == 0:
        return "The report states no figure the library can read, so the explorer below is empty."
    sections = table["section"].nunique()
    top = table["section"].value_counts().index[0]
    units = table.loc[table["unit"] != "", "unit"].value_counts()
    unit_text = (f"; the commonest unit is {md_escape(units.index[0])} ({count(int(units.iloc[0]), 'fact')})" if len(units) else "")
    return (f"The report states {count(n, 'fact')} ({kinds_text(table['kind'].value_counts())}) in {sections} {plural('part', sections)} "
            f"or {plural('section', sections)} of the outline; the most are in {md_escape(top)} "
            f"({count(int(table['section'].eq(top).sum()), 'fact')}){unit_text}.")
