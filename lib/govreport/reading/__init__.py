"""Stage 1, reading: a report file becomes a ``Document``.

``files`` decodes the file (or says clearly why it cannot: missing, empty, binary, PDF,
Office, HTML …), ``wrapping`` recognises hard-wrapped text and makes the working copy
without its breaks, ``layouts`` finds the parts, sections, themed groups, closing and
appendix, ``outline`` the points and sentences, ``meta`` the title, dateline, speaker,
place, level and year, and ``document`` ties them together in ``read_document``. Nothing
here knows about facts, notebooks or HTML: ``govreport.report.Report`` adds the facts to a
``Document``. The later stages import from this one, never the other way (the layers
contract in ``pyproject.toml`` checks it).
"""
