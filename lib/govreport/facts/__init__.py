"""Stage 2, facts: every quantitative claim, date and target of a report.

``engine`` finds the facts in a ``Document``'s text (``Report.facts`` and ``Report.dates``
of ``govreport.report`` call it; its docstring has the rules) in four steps, one module
each: ``candidates`` (numbers that may be facts, in the masked text), ``reader`` (the words around each: kind, sign,
qualifier), ``indicators`` and ``lists`` (what each measures, shared across a sentence), and
``plan`` (targets: ``is_target``, ``target_year``, ``statement``; ``main_targets``).
``numbers`` reads numbers, multipliers and units, ``dates`` reads dates, ``lexicon`` loads
the word lists of ``data/``. Imports flow one way: this stage uses ``govreport.reading``,
never the stages after it (not ``govreport.report`` either).
"""

from .engine import DATE_COLUMNS, FACT_COLUMNS, dates_from_text, extract_dates, extract_facts, facts_from_text
from .plan import main_targets

__all__ = ["DATE_COLUMNS", "FACT_COLUMNS", "dates_from_text", "extract_dates", "extract_facts", "facts_from_text",
           "main_targets"]
