"""Stage 3, analysis: the tables, prose helpers and charts the notebooks share.

``summary`` and ``sections`` build the overview and section tables, ``language`` the
tokens, slogans and quotes, ``checks`` the fact checks, ``explore`` the facts explorer,
``compare`` targets against results; ``charts`` owns the house chart style, ``tables`` the
house table, ``prose`` and the ``*_story`` modules the sentences computed for the pages,
``notes`` the notes a page shows beside a table. Notebooks import from here
(``from govreport.analysis import charts, sections``) and do no parsing themselves.
"""
