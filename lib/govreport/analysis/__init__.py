"""Stage 3, analysis: the tables, prose helpers and charts the notebooks share.

``summary`` and ``sections`` build the overview and section tables, ``language`` the
tokens, slogans and quotes, ``charts`` owns the house chart style. Notebooks import from
here (``from govreport.analysis import charts, sections``) and do no parsing themselves.
"""
