"""Which pages a report's site has, in which order, and the parameters each notebook gets.

- Notebooks whose metadata says ``"govreport": {"bundled_only": true}`` (the themed
  section notebooks, whose commentary is about the bundled report) run for the bundled
  report only.
- For any other report, ``notebooks/section.ipynb`` runs once per section (``SECTION="1.2"``),
  or once per part that has no sections, in the order of the text; these pages come after
  the ``00`` notebooks.
- Every other numbered notebook runs for every report.
- ``REPORT`` and ``PREVIOUS`` are given relative to the folder the kernel runs in
  (``run_folder``: the report's folder), so ``REPORT`` is the file's name.
- ``DATE``, ``PLACE`` and ``PREVIOUS`` go only to notebooks whose parameters cell defines
  them. A notebook whose metadata says ``"govreport": {"requires": ["PREVIOUS"]}`` runs only
  when ``PREVIOUS`` is given; one that just defines ``PREVIOUS`` runs with its default
  (``None``) otherwise.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..reading.numerals import chinese_number
from . import pages

SECTION_NOTEBOOK = "section.ipynb"


@dataclass
class Page:
    stem: str                 # file stem of the page: 00_overview, section_1.2
    notebook: Path            # the notebook it is executed from
    title: str                # plain text (escaped when written into HTML)
    summary: str              # the one-line question
    parameters: dict = field(default_factory=dict)
    drop_tags: tuple[str, ...] = ()   # cells with these tags are removed before execution

    @property
    def href(self) -> str:
        return f"{self.stem}.html"


def notebook_settings(path: Path) -> dict:
    """The ``govreport`` entry of a notebook's metadata ({} if none)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return nb.get("metadata", {}).get("govreport", {}) or {}


def parameter_names(path: Path) -> set[str]:
    """Names assigned in the notebook's ``parameters`` cell."""
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def section_units(outline) -> list[tuple[str, str]]:
    """(id, heading) of every section, and of every part without sections, in text order."""
    rows = outline.to_dict("records")
    section_ids = [r["id"] for r in rows if r["level"] == "section"]
    parts = {r["id"]: int(r["number"]) for r in rows if r["level"] == "part"}
    # When sections of several parts are listed, （一） alone is ambiguous: name the part.
    several = len({s.split(".")[0] for s in section_ids}) > 1
    units = []
    for r in rows:
        if r["level"] == "section":
            part = parts.get(r["id"].split(".")[0])
            prefix = f"part {chinese_number(part)} · " if several and part else ""
            # A section without a number of its own (a list after the last section) shows none.
            label = f"（{chinese_number(int(r['number']))}）" if int(r["number"]) else ""
            units.append((r["id"], f"{prefix}{label}{str(r['title']).strip()}"))
        elif r["level"] == "part" and not any(s.startswith(f"{r['id']}.") for s in section_ids):
            units.append((r["id"], f"{chinese_number(int(r['number']))}、{str(r['title']).strip()}"))
    return units


def run_folder(report: Path | None, folder: Path | None = None) -> Path:
    """The folder a page's kernel runs in: the report's own (so that ``REPORT`` is its file name
    and a page never shows where the file lies on this machine), else the notebooks folder."""
    return Path(report).parent if report is not None else (folder or paths.NOTEBOOKS_DIR)


def plan(outline, *, bundled: bool, report: Path | None = None, date: str | None = None,
         place: str | None = None, previous: Path | None = None,
         folder: Path | None = None, log=print) -> list[Page]:
    """The pages of one report's site, in order."""
    folder = folder or paths.NOTEBOOKS_DIR
    # Paths as seen from the folder the kernel runs in (run_folder): no machine path on a page.
    here = run_folder(report, folder)
    given = {"DATE": date, "PLACE": place, "PREVIOUS": os.path.relpath(previous, here) if previous else None}
    drop = () if bundled else ("bundled-only",)

    def parameters(names: set[str], **extra) -> dict:
        params = {"REPORT": os.path.relpath(report, here)} if report is not None else {}
        params.update({k: v for k, v in given.items() if v is not None and k in names})
        params.update(extra)
        return params

    numbered, sections = [], []
    for nb in pages.notebooks(folder):
        settings = notebook_settings(nb)
        if settings.get("bundled_only") and not bundled:
            continue
        names = parameter_names(nb)
        missing = [k for k in settings.get("requires", []) if given.get(k) is None]
        if missing:
            log(f"{nb.name}: not run (needs {', '.join(missing)}=…)")
            continue
        e = pages.entry(nb)
        numbered.append(Page(nb.stem, nb, e.title, e.summary, parameters(names), drop))

    if not bundled:
        generic = folder / SECTION_NOTEBOOK
        if generic.exists():
            names = parameter_names(generic)
            summary = pages.entry(generic).summary
            for unit_id, heading in section_units(outline):
                sections.append(Page(f"section_{unit_id}", generic, heading, summary,
                                     parameters(names, SECTION=unit_id), drop))
        else:
            log(f"{SECTION_NOTEBOOK} not found in {folder.name}/: no section pages")

    # Section pages follow the opening notebooks (numbered 00).
    head = [p for p in numbered if p.stem.startswith("00")]
    tail = [p for p in numbered if not p.stem.startswith("00")]
    return head + sections + tail
