"""Stage 2, facts: every quantitative claim, date and target of a report.

``numbers`` reads numbers, multipliers and units, ``dates`` reads dates, ``lexicon`` loads the
word lists, ``engine`` finds the facts in a ``Report``'s text (``report.facts``,
``report.dates`` call it) and ``plan`` tells targets from results (``is_target``,
``target_year``, ``statement``; ``main_targets``). Imports flow one way: this stage uses
``govreport.reading``, never the stages after it.
"""

from .engine import DATE_COLUMNS, FACT_COLUMNS, dates_from_text, extract_dates, extract_facts, facts_from_text
from .plan import main_targets

__all__ = ["DATE_COLUMNS", "FACT_COLUMNS", "dates_from_text", "extract_dates", "extract_facts", "facts_from_text",
           "main_targets"]
