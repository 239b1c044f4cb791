"""Tables shown in the notebooks, in the house style.

``show(table, empty=...)`` is the one call the notebooks use to display a table:

- an empty table is replaced by a sentence that says there is nothing (``empty``), never
  shown as a header with no rows;
- long text (a source sentence) is shown whole and wraps in the page: pandas' column
  width limit, which cuts text with "…", is lifted for the display;
- a cell that holds a list (a slogan's sections, ``["1", "1.2"]``) is shown as text
  (``1, 1.2``), never as a Python repr.

Nothing happens at import; pandas options are changed only inside ``show``.
"""

from __future__ import annotations

import pandas as pd


def _as_text(value):
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return value


def readable(table: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """The table with list cells written as text (``1, 1.2``)."""
    def fix(col: pd.Series) -> pd.Series:
        if col.dtype != object or not any(isinstance(v, (list, tuple, set)) for v in col):
            return col  # untouched: None stays None
        return pd.Series([_as_text(v) for v in col], index=col.index, dtype=object, name=col.name)

    if isinstance(table, pd.Series):
        return fix(table)
    out = table.copy()
    for col in out.columns:
        out[col] = fix(out[col])
    return out


def show(table: pd.DataFrame | pd.Series, empty: str | None) -> None:
    """Display ``table`` whole (text wraps, lists as text), or the sentence ``empty`` if it has no rows.

    ``empty=None`` shows nothing for an empty table (when a sentence above already says so).
    """
    from IPython.display import Markdown, display

    if table is None or len(table) == 0:
        if empty:
            display(Markdown(empty))
        return
    if isinstance(table, pd.Series):
        table = table.to_frame()
    with pd.option_context("display.max_colwidth", None, "display.max_rows", 500, "display.width", 200):
        display(readable(table))
