"""The two kinds of index page: one per report (its pages, with thumbnails) and ``build/index.html``
(every report built so far, from the ``site.json`` each build leaves in its folder).

Every value that comes from a report (place, speaker, titles) is escaped.
"""

from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path

from . import pages, render

SITE_FILE = "site.json"


def report_heading(info: dict) -> str:
    """Plain-text heading of a report: place, title and year (what the metadata gives)."""
    bits = [info.get("place"), info.get("title") or "政府工作报告", (info.get("date") or "")[:4] or None]
    return " ".join(str(b) for b in bits if b)


def report_index(info: dict, entries: list[dict], data_files: list[str], docs: str | None = None) -> str:
    """A report's index: for each page its title, one-line question and a thumbnail of its first chart.

    ``entries``: dicts with ``href``, ``title``, ``summary`` and ``thumbnail`` (PNG bytes or None).
    ``docs``: the link to the library's reference (``make docs``), when it has been built.
    """
    items = []
    for e in entries:
        if e.get("thumbnail"):
            data = base64.b64encode(e["thumbnail"]).decode("ascii")
            thumb = f'<img src="data:image/png;base64,{data}" alt="first chart of {escape(e["title"])}">'
        else:
            thumb = '<span class="none">(no chart)</span>'
        items.append(
            f'<li><a class="thumb" href="{escape(e["href"])}">{thumb}</a><div>'
            f'<a class="title" href="{escape(e["href"])}">{escape(e["title"])}</a>'
            f'<p>{escape(e["summary"])}</p></div></li>'
        )
    facts = ", ".join(
        f"{escape(k)} {info.get(k, 0)}" for k in ("parts", "sections", "points", "facts")
    )
    meta = " · ".join(
        escape(str(x)) for x in (info.get("level"), info.get("date"), info.get("speaker"), info.get("file")) if x
    )
    data = " · ".join(f'<a href="../data/{escape(f)}">{escape(f)}</a>' for f in data_files)
    body = (
        '<nav class="site top"><a class="index" href="../../index.html">↑ all reports</a></nav>\n'
        f"<h1>{escape(report_heading(info))}</h1>\n"
        f'<p class="sub">{meta}<br>{facts}</p>\n'
        f'<ol class="pages">\n' + "\n".join(items) + "\n</ol>\n"
        f"<footer>Data tables (CSV, UTF-8 with BOM): {data}. Executed notebooks in "
        f"<code>notebooks/</code> beside this folder. Built by <code>make report</code>. "
        + (f'The library\'s reference: <a href="{escape(docs)}">docs</a>.' if docs
           else "The library's reference: <code>make docs</code>.") + "</footer>"
    )
    return pages.embed_cjk_font(render.document(report_heading(info), body))


def write_site_info(site_dir: Path, info: dict) -> Path:
    target = site_dir / SITE_FILE
    target.write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


def read_sites(build_dir: Path) -> list[dict]:
    """The ``site.json`` of every report site under ``build_dir`` (folders that hold one)."""
    sites = []
    for path in sorted(Path(build_dir).glob(f"*/{SITE_FILE}")):
        if path.parent.name.startswith("."):
            continue  # a build in progress or being replaced
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        info["slug"] = path.parent.name
        sites.append(info)
    return sorted(sites, key=lambda s: (s.get("date") or "", s["slug"]), reverse=True)


def root_index(sites: list[dict]) -> str:
    """``build/index.html``: one row per report built so far."""
    head = "".join(f"<th>{h}</th>" for h in ("report", "level", "date", "speaker", "parts", "sections", "facts"))
    rows = []
    for s in sites:
        href = f"{s['slug']}/html/index.html"
        rows.append(
            "<tr>"
            f'<td><a href="{escape(href)}">{escape(s.get("place") or s.get("file") or s["slug"])}</a>'
            f'<br><small>{escape(s.get("file") or "")}</small></td>'
            f'<td>{escape(s.get("level") or "—")}</td><td>{escape(s.get("date") or "—")}</td>'
            f'<td>{escape(s.get("speaker") or "—")}</td>'
            f'<td>{s.get("parts", 0)}</td><td>{s.get("sections", 0)}</td><td>{s.get("facts", 0)}</td>'
            "</tr>"
        )
    table = (
        f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
        if rows else "<p>No report has been built yet.</p>"
    )
    body = (
        "<h1>govreport: government work reports, as data</h1>\n"
        f'<p class="sub">{len(sites)} report{"s" if len(sites) != 1 else ""} built. '
        "Each links to its own site. Add one with <code>make report REPORT=path/to/report.txt</code>.</p>\n"
        + table
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
