"""govreport: a Chinese government work report (政府工作报告) as structured, checked data.

    >>> from govreport import load_report
    >>> report = load_report()          # the bundled report; or load_report("path/to/report.docx")
    >>> report.meta["place"], report.meta["date"], report.meta["level"]
    ('焦作市', '2021-02-23', 'prefecture')
    >>> list(report.outline.columns)
    ['id', 'level', 'number', 'title', 'start', 'end', 'parent', 'group']
    >>> report.facts[["mention", "kind", "indicator"]].iloc[0].tolist()
    ['第5位', 'rank', '全社会用电量总量']

``load_report`` returns a ``govreport.report.Report``: its ``text``, ``meta``, ``outline``
and ``sentences`` (the data dictionaries are in ``govreport.reading.document``), and its
``facts``, ``dates``, ``targets`` and ``results`` (in ``govreport.facts``). Every
``start``/``end`` of every table indexes into ``report.text``. ``govreport.compare(previous,
current)`` is ``govreport.analysis.compare.compare``; a file that cannot be read raises
``govreport.ReportError`` naming the file and the problem.

The package, in stages; imports flow one way, up this list (the layers contract of
``pyproject.toml``, checked by the tests, fails on any import back down):

- ``govreport.paths``: where the seeds, notebooks and outputs are;
- ``govreport.reading``: a file becomes a ``Document`` (format, layout, outline, sentences, meta);
- ``govreport.facts``: every quantitative claim, date and target of a text;
- ``govreport.report``: ``Report`` and ``load_report``, the two above together;
- ``govreport.analysis``: the tables, checks, comparisons, charts and prose of the pages;
- ``govreport.site``: a report's site: the notebooks executed and rendered as HTML;
- ``govreport.collect`` and ``govreport.batch``: many reports at once;
  ``govreport.panel``: a folder of reports as one panel;
- ``govreport.cli``: the ``govreport`` command.

Importing the package has no side effects: the chart style is set by
``govreport.analysis.charts.use_house_style()``.
"""

from .reading.files import ReportError
from .report import Report, load_report

__all__ = ["Report", "ReportError", "load_report"]  # and ``compare``, imported on first use
__version__ = "0.1.0"


def __getattr__(name):
    # ``govreport.compare`` is imported on first use: ``import govreport`` stays as light as
    # the loader (the fact engine and the key table load only when needed).
    if name == "compare":
        from .analysis.compare import compare

        return compare
    raise AttributeError(f"module 'govreport' has no attribute {name!r}")
