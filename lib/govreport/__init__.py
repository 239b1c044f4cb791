"""govreport: a Chinese government work report (政府工作报告) as structured, checked data.

    >>> from govreport import load_report
    >>> report = load_report()          # the bundled report
    >>> report.outline, report.sentences, report.meta

Importing the package has no side effects: the chart style is set by
``govreport.analysis.charts.use_house_style()``.
"""

from .reading.files import ReportError
from .report import Report, load_report

__all__ = ["Report", "ReportError", "compare", "load_report"]
__version__ = "0.1.0"


def __getattr__(name):
    # ``govreport.compare`` is imported on first use: ``import govreport`` stays as light as
    # the loader (the fact engine and the key table load only when needed).
    if name == "compare":
        from .analysis.compare import compare

        return compare
    raise AttributeError(f"module 'govreport' has no attribute {name!r}")
