"""The two kinds of index page: one per site, a report's or a panel's (its pages, with
thumbnails), and ``build/index.html`` (every site built so far, from the ``site.json`` each
build leaves in its folder).

``build/index.html`` lists every ``build/*/site.json``:

- a report's site (written by ``build``; ``kind`` absent or ``"report"``): a row with its
  place, level, date, speaker, counts, pages (and how many failed) and notes;
- a panel (``{"kind": "panel", "title": "...", "link": "html/index.html", "summary": "..."}``,
  written by whoever builds it): an item under "Panels", linking to ``<folder>/<link>``
  (``link`` relative to the panel's folder, default ``index.html``; ``summary`` optional),
  marked when its ``failed`` lists pages that failed.

A site's own index (``pages_index``) is the same for a report and a panel: a card per page,
the pages that failed marked and the notes counted; ``report_index`` adds the report's facts.

Every value that comes from a report or a site.json (place, speaker, titles) is escaped.
"""

from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path

from . import pages, render

SITE_FILE = "site.json"
FAILED_CLASS = ' class="failed"'


def report_heading(info: dict) -> str:
    """Plain-text heading of a report: place, title and year (what the metadata gives), the place
    and the year left out when the title already names them (2025年北京市政府工作报告)."""
    title = str(info.get("title") or "政府工作报告")
    place, year = info.get("place"), (info.get("date") or "")[:4] or None
    bits = [place if place and str(place) not in title else None, title,
            year if year and str(year) not in title else None]
    return " ".join(str(b) for b in bits if b)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def reference_note(docs: str | None) -> str:
    """The footer's sentence on the library's reference: a link to ``docs`` when it has been
    built (``make docs``, into ``build/docs/``), else the command that builds it."""
    if docs:
        return f'The library\'s reference: <a href="{escape(docs)}">docs</a>.'
    return "The library's reference: <code>make docs</code>."


def docs_link(out: Path) -> str | None:
    """The link from a site in ``out/<slug>/html/`` to the reference, when ``out/docs/`` holds it."""
    return "../../docs/index.html" if (Path(out) / "docs" / "index.html").is_file() else None


def _card(e: dict) -> str:
    if e.get("thumbnail"):
        data = base64.b64encode(e["thumbnail"]).decode("ascii")
        thumb = f'<img src="data:image/png;base64,{data}" alt="first chart of {escape(e["title"])}">'
    else:
        thumb = f'<span class="none">{"(page failed)" if e.get("failed") else "(no chart)"}</span>'
    marks = ""
    if e.get("failed"):
        marks += f'<p class="failed"><strong>This page failed</strong>: {escape(e["failed"])}</p>'
    if e.get("notes"):
        marks += f'<p class="notes">{_count(e["notes"], "note")}: data checks that did not hold, shown on the page</p>'
    question = e.get("question") or e.get("summary") or ""
    return (f'<li{FAILED_CLASS if e.get("failed") else ""}><a class="thumb" href="{escape(e["href"])}">{thumb}</a><div>'
            f'<a class="title" href="{escape(e["href"])}">{escape(e["title"])}</a>'
            f'<p>{escape(question)}</p>{marks}</div></li>')


def pages_index(heading: str, entries: list[dict], data: str, made_by: str, sub: str = "",
                docs: str | None = None) -> str:
    """A site's index, a report's or a panel's: its heading, ``sub`` (HTML, under it), how many
    pages failed and how many notes they show, then a card per page: its title, its own
    question, a thumbnail of its first chart, its notes and, for a page that failed, why.

    ``entries``: dicts with ``href``, ``title``, ``question`` (else ``summary``), ``thumbnail``
    (PNG bytes or None) and optionally ``notes`` (count) and ``failed`` (why, or None).
    ``data``: what the footer says of the data tables, before their links (HTML); ``made_by``:
    the command that builds the site; ``docs``: the link to the library's reference
    (``docs_link``), when it has been built.
    """
    failed = [e for e in entries if e.get("failed")]
    notes = sum(e.get("notes") or 0 for e in entries)
    status = ""
    if failed:
        status += (f'<p class="failed">{_count(len(failed), "page")} of {len(entries)} could not be built and '
                   "say why; the rest of the site is complete.</p>\n")
    if notes:
        status += f'<p class="notes">{_count(notes, "note")} on the pages: data checks that did not hold, shown where they apply.</p>\n'
    body = (
        '<nav class="site top"><a class="index" href="../../index.html">↑ all reports</a></nav>\n'
        f"<h1>{escape(heading)}</h1>\n"
        + (f'<p class="sub">{sub}</p>\n' if sub else "") + status
        + '<ol class="pages">\n' + "\n".join(map(_card, entries)) + "\n</ol>\n"
        f"<footer>{data}. Executed notebooks in <code>notebooks/</code> beside this folder, and what each page "
        f"wrote on stderr in <code>build.log</code>. Built by <code>{escape(made_by)}</code>. "
        + reference_note(docs) + "</footer>"
    )
    return pages.embed_cjk_font(render.document(heading, body))


def data_links(files: list[str]) -> str:
    """Links to a site's data tables (in ``data/`` beside ``html/``), by file name."""
    return " · ".join(f'<a href="../data/{escape(f)}">{escape(f)}</a>' for f in files)


def report_index(info: dict, entries: list[dict], data_files: list[str], docs: str | None = None) -> str:
    """A report's index (``pages_index``): under its heading, the report's level, date, speaker
    and file, and how many parts, sections, points and facts it has."""
    facts = ", ".join(f"{escape(k)} {info.get(k, 0)}" for k in ("parts", "sections", "points", "facts"))
    meta = " · ".join(
        escape(str(x)) for x in (info.get("level"), info.get("date"), info.get("speaker"), info.get("file")) if x
    )
    return pages_index(report_heading(info), entries, f"Data tables (CSV, UTF-8 with BOM): {data_links(data_files)}",
                       "make report", sub=f"{meta}<br>{facts}", docs=docs)


def write_site_info(site_dir: Path, info: dict) -> Path:
    target = site_dir / SITE_FILE
    target.write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_sites(build_dir: Path) -> list[dict]:
    """The ``site.json`` of every site under ``build_dir`` (folders that hold one), reports and
    panels alike; each gets its folder name as ``slug``. Reports come newest first."""
    sites = []
    for path in sorted(Path(build_dir).glob(f"*/{SITE_FILE}")):
        if path.parent.name.startswith("."):
            continue  # a build in progress or being replaced
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(info, dict):
            continue
        info["slug"] = path.parent.name
        sites.append(info)
    return sorted(sites, key=lambda s: (s.get("date") or "", s["slug"]), reverse=True)


def _report_row(s: dict) -> str:
    href = f"{s['slug']}/html/index.html"
    pages_built = s.get("pages") or []
    failed = s.get("failed") or []
    pages_text = str(len(pages_built)) + (f', <strong class="failed">{len(failed)} failed</strong>' if failed else "")
    return (
        "<tr" + (' class="failed"' if failed else "") + ">"
        f'<td><a href="{escape(href)}">{escape(s.get("place") or s.get("file") or s["slug"])}</a>'
        f'<br><small>{escape(s.get("file") or "")}</small></td>'
        f'<td>{escape(s.get("level") or "—")}</td><td>{escape(s.get("date") or "—")}</td>'
        f'<td>{escape(s.get("speaker") or "—")}</td>'
        f'<td>{s.get("parts", 0)}</td><td>{s.get("sections", 0)}</td><td>{s.get("facts", 0)}</td>'
        f"<td>{pages_text}</td><td>{s.get('notes', 0)}</td>"
        "</tr>"
    )


def _panel_item(s: dict) -> str:
    link = s.get("link") or "index.html"
    href = f"{s['slug']}/{link.lstrip('/')}"
    about = f' <span class="sub">{escape(str(s["summary"]))}</span>' if s.get("summary") else ""
    failed = s.get("failed") or []
    if failed:
        about += f' <strong class="failed">{_count(len(failed), "page")} failed</strong>'
    return (f'<li{FAILED_CLASS if failed else ""}><a href="{escape(href)}">{escape(str(s.get("title") or s["slug"]))}</a>'
            f'{about}</li>')


def root_index(sites: list[dict]) -> str:
    """``build/index.html``: one row per report built so far, then the panels (``kind: "panel"``)."""
    reports = [s for s in sites if s.get("kind", "report") == "report"]
    panels = sorted((s for s in sites if s.get("kind") == "panel"), key=lambda s: s["slug"])
    heads = ("report", "level", "date", "speaker", "parts", "sections", "facts", "pages", "notes")
    head = "".join(f"<th>{h}</th>" for h in heads)
    rows = [_report_row(s) for s in reports]
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
        if rows else "<p>No report has been built yet.</p>"
    )
    failed = sum(1 for s in reports if s.get("failed"))
    status = (f' {_count(failed, "site")} with a failed page (marked), the rest of each site complete.'
              if failed else "")
    panel_list = ("<h2>Panels</h2>\n<ul class=\"panels\">\n" + "\n".join(map(_panel_item, panels)) + "\n</ul>\n"
                  if panels else "")
    body = (
        "<h1>govreport: government work reports, as data</h1>\n"
        f'<p class="sub">{_count(len(reports), "report")} built.{status} '
        "Each links to its own site; <em>notes</em> counts the data checks that did not hold, shown on the pages. "
        "Add one with <code>make report REPORT=path/to/report.txt</code>, or a folder of them.</p>\n"
        + table + "\n" + panel_list
    )
    return pages.embed_cjk_font(render.document("govreport: reports built", body))


def write_root_index(build_dir: Path) -> Path:
    """Regenerate ``build/index.html`` from the sites present (written whole, then moved into place)."""
    import os
    import tempfile

    build_dir = Path(build_dir)
    target = build_dir / "index.html"
    # A name of its own, so that two builds finishing together never write into one file.
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".html", dir=build_dir)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(root_index(read_sites(build_dir)))
    os.chmod(tmp, 0o644)
    Path(tmp).replace(target)
    return target
