"""Stage 1, reading: a report file becomes a ``Document``.

``files`` reads the file into text, telling its format from its content: plain text
(UTF-8, GB18030/GBK, UTF-16), a Word ``.docx``, a PDF with a text layer or a web page
(``formats``, one reader per format; ``ideographs`` maps the radicals PDFs carry to
ideographs); for anything else it says clearly why it cannot (missing, empty, binary, an
old Word .doc, WPS, RTF, an encrypted or damaged file: save it as .docx or .txt; a scanned
PDF: run OCR first). ``clutter`` knows the lines a web page adds (buttons, labels,
breadcrumbs), which stay in the text but head nothing. ``wrapping`` recognises hard-wrapped text and makes the working copy
without its breaks, ``layouts`` finds the parts, sections, themed groups, closing and
appendix, ``outline`` the points and sentences, ``meta`` the title, dateline, speaker,
place, level and year, and ``document`` ties them together in ``read_document``. Nothing
here knows about facts, notebooks or HTML: ``govreport.report.Report`` adds the facts to a
``Document``. The later stages import from this one, never the other way (the layers
contract in ``pyproject.toml`` checks it).
"""
