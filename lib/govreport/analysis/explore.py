"""The facts explorer: every fact of a report in one table that sorts, searches and pages.

Two ways to use it, both built here so the notebook only calls them:

- **In the exported HTML page** (and in JupyterLab): ``init()`` embeds the DataTables library
  that itables ships (its JavaScript and CSS, base64 in the notebook's output: no request to
  the internet), then ``show(table)`` draws the table as an interactive DataTable. The table's
  id is fixed (``TABLE_ID``), so the output is the same on every run and nbval can compare it.
- **Its weight.** That library is about 950 KB. A site ships it once, as the file
  ``LIBRARY_FILE`` beside its pages (``library_apart``, called when a page is rendered), and
  the page loads it with a plain ``<script src>``, which works from ``file://``: the explorer
  page keeps only its own rows, and the ``html/`` folder still works when copied elsewhere.
  The committed ``notebooks/07_explore.ipynb`` leaves the library's output out (its cell is
  tagged ``nbval-ignore-output``, whose outputs ``make notebooks`` does not save; see
  ``govreport.site.build``), so the repository does not carry it either.
- **The heatmap** labels its rows with the section's id and the start of its title
  (``short_label``): a real report's whole titles would squeeze the drawing to nothing.
- **In JupyterLab**: ``Filters(table)`` is an ipywidgets panel (kind, section, unit, and a
  keyword searched in the indicator and the sentence) above a filtered copy of the table.
  Its table is written into an ``Output`` widget's state (``Output.outputs``), never printed
  through ``with output:``, so executing the cell emits no display message besides the
  widget itself: nbval, which records every display message of a cell, sees the same
  output as the saved notebook. The widget's plain-text form (shown wherever widgets are not
  live, e.g. the exported page) is a fixed sentence.

Report text is data: itables escapes every cell (``allow_html`` is left off).
"""

from __future__ import annotations

import json
import re

import pandas as pd

from ..report import Report
from . import memo

#: The explorer's columns, in order: what is measured, the figure as written and as a number,
#: its unit and kind, the section it stands in, and the sentence it comes from.
COLUMNS = ["indicator", "mention", "value", "unit", "kind", "section", "sentence"]
TABLE_ID = "govreport-facts"
#: DataTables layout: the search box first (a layout different from itables' default, so that
#: itables keeps the search box and the pager even when the table fits on one page).
LAYOUT = {"topStart": "search", "topEnd": "pageLength", "bottomStart": "info", "bottomEnd": "paging"}
ALL = "(all)"
NO_UNIT = "(no unit)"


def section_label(report: Report, node_id: str) -> str:
    """``"1.2 精准发力…"``: the section (else the part) that holds an outline node, with its id and
    title; a node outside every part (preamble, closing) gives its id and its level."""
    nodes = memo.outline_nodes(report)
    node = node_id
    while node in nodes and nodes[node]["level"] not in ("section", "part"):
        parent = nodes[node]["parent"]
        if parent is None or pd.isna(parent):
            break
        node = parent
    if node not in nodes:
        return str(node_id)
    return f"{node} {nodes[node]['title'] or nodes[node]['level']}"


def facts_table(report: Report) -> pd.DataFrame:
    """One row per fact: ``indicator, mention, value, unit, kind, section, sentence``
    (``section`` is the section's id and title; ``sentence`` is the source sentence's text)."""
    f = report.facts
    labels = {s: section_label(report, s) for s in f["section"].unique()}
    table = pd.DataFrame(
        {
            "indicator": f["indicator"],
            "mention": f["mention"],
            "value": f["value"].astype(float),
            "unit": f["unit"],
            "kind": f["kind"],
            "section": f["section"].map(labels),
            "sentence": f["sentence"].map(report.sentence_text),
        },
        columns=COLUMNS,
    )
    return table.reset_index(drop=True)


#: Characters of a section's title kept in a chart's row label.
LABEL_CHARS = 12


def short_label(label: str, chars: int = LABEL_CHARS) -> str:
    """``"1.2 精准发力…"``: a section label (id and title) with the title cut to ``chars`` characters."""
    node, _, title = str(label).partition(" ")
    return f"{node} {title[:chars]}…" if len(title) > chars else str(label)


def by_section_and_kind(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of facts per section (rows, in text order, labelled by ``short_label``) and kind
    (columns), for a heatmap."""
    if table.empty:
        return pd.DataFrame()
    order = list(pd.unique(table["section"]))
    counts = pd.crosstab(table["section"], table["kind"]).reindex(order)
    counts.index = [short_label(s) for s in counts.index]
    counts.columns.name = None
    return counts


def filter_facts(table: pd.DataFrame, kind: str | None = None, section: str | None = None,
                 unit: str | None = None, keyword: str = "") -> pd.DataFrame:
    """The rows of ``table`` that match every filter given: ``kind``, ``section`` and ``unit``
    exactly (``""`` is the unit of ranks), ``keyword`` inside the indicator or the sentence."""
    keep = pd.Series(True, index=table.index)
    for column, value in (("kind", kind), ("section", section), ("unit", unit)):
        if value is not None:
            keep &= table[column] == value
    keyword = (keyword or "").strip()
    if keyword:
        keep &= table["indicator"].str.contains(keyword, regex=False) | table["sentence"].str.contains(keyword, regex=False)
    return table[keep]


def init() -> None:
    """Embed the DataTables library in the notebook's output (offline: no network at view time).
    Call once, in a cell of its own, before ``show``. A page keeps it in a file beside it
    (``library_apart``); the committed notebook is saved without it (tag ``nbval-ignore-output``)."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)


#: itables' links to its own web site (in the "loading…" note and the static preview's marker):
#: replaced by their text, so that the page links nowhere outside the site.
_ITABLES_LINK = re.compile(r"<a href=[\"']?https://itables\.org[^>]*>(.*?)</a>", re.S)


#: The row data line of itables' DataTables arguments: a JSON string holding JSON text.
_DATA_LINE = re.compile(r'^(\s*"data_json": )(".*")(,?)$', re.M)
#: Short columns (mention, value, unit, kind) stay on one line; the sentence gets the room left.
CSS = (
    ".govreport-facts th:nth-child(n+2):nth-child(-n+5), .govreport-facts td:nth-child(n+2):nth-child(-n+5)"
    " { white-space: nowrap; }\n"
    ".govreport-facts td:last-child { min-width: 18em; }"
)


def _readable_data(html: str) -> str:
    """The table's rows with their Chinese written as characters, not ``\\uXXXX`` escapes.

    itables writes the rows as JSON with every non-ASCII character escaped. The page's embedded
    font is cut to the characters its text holds, so escaped characters would be missing from it
    (drawn as boxes on a machine without a Chinese font); written out, they are also 2-3 times
    shorter. The rows are parsed and written again, so nothing but the escapes changes.
    """

    def rewrite(m: re.Match) -> str:
        rows = json.loads(json.loads(m.group(2)))
        return m.group(1) + json.dumps(json.dumps(rows, ensure_ascii=False), ensure_ascii=False) + m.group(3)

    return _DATA_LINE.sub(rewrite, html, count=1)


#: The file, beside a site's pages, that holds the table library once for all of them.
LIBRARY_FILE = "itables.js"
#: The output of ``init()`` in a rendered page: the script that installs the library
#: (injectCSS/injectModule of base64 text), then itables' <noscript> note.
_LIBRARY = re.compile(
    r"<script>\s*(function injectCSS\(.*?window\._itables_[\w]+.*?)</script>"
    r"(?:\s*<div[^>]*>\s*<noscript>.*?</noscript>\s*</div>)?", re.S)


def library_apart(page: str) -> tuple[str, dict[str, str]]:
    """``page`` (HTML) with the embedded table library replaced by ``<script src=LIBRARY_FILE>``,
    and that file's text (``{LIBRARY_FILE: script}``; ``{}`` when the page holds no library).

    A classic script, loaded in the same place, runs at the same moment as the inline one did."""
    found = _LIBRARY.search(page)
    if not found:
        return page, {}
    tag = f'<script src="{LIBRARY_FILE}"></script>'
    return page[: found.start()] + tag + page[found.end():], {LIBRARY_FILE: found.group(1).strip() + "\n"}


def to_html(table: pd.DataFrame, table_id: str = TABLE_ID, page_length: int = 10) -> str:
    """The table as an interactive DataTable (HTML and a module script); deterministic for a given id."""
    from itables import to_html_datatable

    from .charts import number_format

    # Values as people read them (18,470,000,000 and 1.3, not 1.847000e+10); they still sort as numbers.
    with pd.option_context("display.float_format", number_format):
        html = to_html_datatable(
            table,
            table_id=table_id,
            connected=False,
            maxBytes=0,  # never drop rows: a reader searches all the facts
            classes="display compact govreport-facts",  # no "nowrap": long sentences wrap
            css=CSS,
            layout=LAYOUT,
            pageLength=page_length,
            lengthMenu=[10, 25, 50, 100],
            display_logo_when_loading=False,
            showIndex=False,
        )
    return _readable_data(_ITABLES_LINK.sub(r"\1", html))


def show(table: pd.DataFrame, table_id: str = TABLE_ID) -> None:
    """Display the interactive table, or a sentence when there is no fact."""
    from IPython.display import HTML, Markdown, display

    if table.empty:
        display(Markdown("The report states no figure, so the explorer has no row."))
        return
    display(HTML(to_html(table, table_id)))


class Filters:
    """Filters for the facts table in JupyterLab: ``Filters(table).widget`` is the panel.

    ``kind``, ``section``, ``unit`` (dropdowns) and ``keyword`` (text) update ``shown`` (the
    filtered table), ``status`` ("12 of 70 facts") and the table drawn in ``output``.
    """

    TEXT = ("Filters by kind, section, unit and keyword: run this notebook in JupyterLab to use them; "
            "in a page, the search box of the table above searches every column.")

    def __init__(self, table: pd.DataFrame, table_id: str = TABLE_ID + "-filtered"):
        import ipywidgets as w

        self.table = table
        self.table_id = table_id
        self._draws = 0

        def options(column, label=lambda v: v, text_order=False):
            values = list(pd.unique(table[column])) if text_order else sorted(table[column].unique(), key=str)
            return [(ALL, None)] + [(label(v), v) for v in values]

        self.kind = w.Dropdown(options=options("kind"), description="kind")
        self.section = w.Dropdown(options=options("section", text_order=True), description="section")
        self.unit = w.Dropdown(options=options("unit", lambda u: u or NO_UNIT), description="unit")
        self.keyword = w.Text(description="keyword", placeholder="in indicator or sentence")
        self.status = w.HTML()
        self.output = w.Output()
        for control in (self.kind, self.section, self.unit, self.keyword):
            control.observe(self.update, names="value")
        self.widget = w.VBox([w.HBox([self.kind, self.section]), w.HBox([self.unit, self.keyword]), self.status, self.output])
        self.update()

    def _repr_mimebundle_(self, include=None, exclude=None):
        """Shown as the widget panel; its plain-text form is ``TEXT`` (no object repr, no model id)."""
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = self.TEXT
        return bundle

    def update(self, change=None) -> None:
        """Apply the filters: recompute ``shown``, the status line and the drawn table."""
        from IPython.display import HTML, Markdown

        from .prose import count

        self.shown = filter_facts(self.table, self.kind.value, self.section.value, self.unit.value, self.keyword.value)
        n, total = len(self.shown), len(self.table)
        self.status.value = f"{n} of {count(total, 'fact')}"
        self._draws += 1
        # Each draw gets its own id: DataTables keeps state per table element.
        shown = (Markdown("No fact matches these filters.") if self.shown.empty
                 else HTML(to_html(self.shown, f"{self.table_id}-{self._draws}")))
        self.output.outputs = ()
        self.output.append_display_data(shown)


def filters(report_or_table) -> Filters:
    """The JupyterLab filters for a report's facts (or for a facts table); a cell ending with it shows them."""
    table = facts_table(report_or_table) if isinstance(report_or_table, Report) else report_or_table
    return Filters(table)
