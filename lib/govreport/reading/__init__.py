"""Stage 1, reading: a report file becomes a ``Report``.

``files`` decodes the file (or says clearly why it cannot), ``outline`` finds parts,
sections, points and sentences, ``meta`` reads the title, dateline and speaker, and
``report`` ties them together in ``load_report``. Nothing here knows about facts,
notebooks or HTML; the later stages import from this one, never the other way.
"""
