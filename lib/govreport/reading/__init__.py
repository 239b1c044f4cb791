"""Stage 1, reading: a report file becomes a ``Report``.

``files`` decodes the file (or says clearly why it cannot: missing, empty, binary, PDF,
Office, HTML …), ``wrapping`` recognises hard-wrapped text and makes the working copy
without its breaks, ``layouts`` finds the parts, sections, themed groups, closing and
appendix, ``outline`` the points and sentences, ``meta`` the title, dateline, speaker,
place, level and year, and ``report`` ties them together in ``load_report``. Nothing here
knows about facts, notebooks or HTML; the later stages import from this one, never the
other way.
"""
