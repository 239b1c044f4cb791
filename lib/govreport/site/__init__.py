"""Stage 4, the site: executing the notebooks and building the HTML pages.

``build`` runs the notebooks (``make report``, ``make notebooks``) and ``pages`` writes
the HTML index and embeds the CJK font. This stage uses all the others and none of them
uses it.
"""
