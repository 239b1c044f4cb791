"""Stage 4, the site: executing the notebooks and building the HTML pages.

``build`` builds a report's site (``govreport site``) and refreshes the committed
notebooks: ``plan`` decides which pages a report gets, ``run`` executes one notebook
(papermill), ``assemble`` runs a site's pages into its folder (a report's or a panel's),
``render`` turns a notebook into a lean HTML page, ``index`` writes a site's index
and ``build/index.html``, ``pages`` reads the notebooks' titles and embeds the CJK font,
``slug`` names the site's folder, ``staging`` writes it whole or not at all. This stage
uses the ones below it (``govreport.analysis`` and down) and none of them uses it.
"""
