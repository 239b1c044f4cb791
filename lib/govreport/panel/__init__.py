"""A folder of reports as one panel: targets across places, levels and years.

    govreport panel PATH... -o OUT [--jobs N] [--meta FILE.csv]
    python -m govreport panel PATH... -o OUT          (the same)

reads every report given or found under the folders given (``command``), each once, and
writes these tables to OUT, as CSV (UTF-8 with BOM) and Parquet:

- ``reports``: one row per file: ``path``, ``sha256``, ``status``/``error``, ``place``,
  ``level``, ``year``, ``date``, ``speaker``, ``office``, ``format``, ``adcode`` and ``parent``
  (``places``: from cpca's administrative-division table), ``note`` (why adcode and parent are
  empty), ``duplicate_of`` (a second report of the same place and year names the one used
  instead), and the number of ``targets`` and ``results``.
- ``targets`` and ``results``: one row per target or result (``govreport.facts.targets``),
  with ``path``, ``place``, ``level``, ``parent``, ``adcode`` and ``year`` in front and the
  sentence as read (``sentence_text``) at the end.
- ``verdicts``, ``escalation``, ``levels`` and ``slogans``: see ``tables``.

The tables are the same bytes whatever ``--jobs`` is. A rerun reads only the files that
changed (``entry``: the cache in ``OUT/.cache/``); rows are written report by report
(``write``) while the workers read, and each pair of years is compared as soon as both its
reports are read (``stream``). ``make panel [DIR=folder]`` builds the panel's pages (``pages``).
"""
