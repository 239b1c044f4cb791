"""``make report`` and ``make notebooks``: execute the notebooks, export HTML and data.

    python -m govreport.site.build                  # build/html/*.html, build/html/index.html, build/data/*.csv
    python -m govreport.site.build --report FILE    # the same notebooks, run on another report
    python -m govreport.site.build --in-place       # refresh the committed outputs of notebooks/

The report mode writes only under build/ and never modifies notebooks/.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from .. import paths
from . import pages as site
from ..reading.files import ReportError

KERNEL = "python3"
CELL_TIMEOUT = 600


def _log(msg: str) -> None:
    print(msg, flush=True)


def execute_in_place(notebook: Path) -> None:
    """Run a notebook top to bottom in a fresh kernel and save its outputs into the same file."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name=KERNEL, record_timing=False,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, notebook)


def execute_to(notebook: Path, target: Path, report: Path | None) -> None:
    """Run a notebook with papermill into ``target``, pointing its parameters cell at ``report``."""
    import papermill

    parameters = {"REPORT": str(report)} if report is not None else {}
    papermill.execute_notebook(
        str(notebook), str(target), parameters=parameters, kernel_name=KERNEL,
        progress_bar=False, cwd=str(notebook.parent), execution_timeout=CELL_TIMEOUT,
    )


def section_parameter(notebook: Path) -> str | None:
    """The default of a notebook's ``SECTION`` parameter (section notebooks read one section), if any."""
    import ast

    import papermill

    params = papermill.inspect_notebook(str(notebook))
    if "SECTION" not in params:
        return None
    try:
        return str(ast.literal_eval(params["SECTION"]["default"]))
    except (ValueError, SyntaxError):
        return None


def export_html(notebook: Path, target: Path) -> None:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_filename(str(notebook))
    target.write_text(site.embed_cjk_font(body), encoding="utf-8")


def export_data(report_path: Path | None, out_dir: Path) -> list[Path]:
    """The report's tables as CSV in UTF-8 with BOM, so that Excel opens them with Chinese intact."""
    from .. import load_report

    report = load_report(report_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("outline", "sentences", "facts", "dates"):
        table = getattr(report, name)
        target = out_dir / f"{name}.csv"
        table.to_csv(target, index=False, encoding="utf-8-sig")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m govreport.site.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, help="another report file to run the notebooks on")
    parser.add_argument("--in-place", action="store_true", help="re-execute notebooks/ in place (refresh outputs)")
    parser.add_argument("--only", nargs="*", default=None, help="notebook names (stems) to run; default all")
    parser.add_argument("--readme", action="store_true", help="regenerate the notebook table in README.md")
    parser.add_argument("--out", type=Path, default=paths.BUILD_DIR, help="output folder (default build/)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    # nbconvert's accessibility note about charts without alt text, once per page: not actionable here.
    logging.getLogger("traitlets").setLevel(logging.ERROR)

    notebooks = site.notebooks()
    if args.only:
        notebooks = [nb for nb in notebooks if nb.stem in set(args.only)]
        missing = set(args.only) - {nb.stem for nb in notebooks}
        if missing:
            parser.error(f"no such notebook(s) in {paths.NOTEBOOKS_DIR.name}/: {', '.join(sorted(missing))}")

    if args.readme:
        readme = paths.ROOT / "README.md"
        readme.write_text(site.update_readme(readme.read_text(encoding="utf-8"), site.index_entries()), encoding="utf-8")
        _log(f"updated the notebook table in {readme.name}")
        return 0

    if args.in_place:
        if args.report:
            parser.error("--in-place refreshes the committed outputs, which are made on the bundled report; drop --report")
        for nb in notebooks:
            t0 = time.perf_counter()
            execute_in_place(nb)
            _log(f"executed {nb.name} in place ({time.perf_counter() - t0:.1f} s)")
        return 0

    report = args.report.resolve() if args.report else None
    from .. import load_report

    try:
        loaded = load_report(report)  # fail early, with the library's clear message, on a bad report
    except ReportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    executed_dir, html_dir, data_dir = args.out / "notebooks", args.out / "html", args.out / "data"
    executed_dir.mkdir(parents=True, exist_ok=True)
    html_dir.mkdir(parents=True, exist_ok=True)
    skipped: dict[str, str] = {}
    ids = set(loaded.outline["id"])
    for nb in notebooks:
        section = section_parameter(nb)
        if section is not None and section not in ids:
            # A section notebook whose section this report does not have: say so, do not fail.
            skipped[nb.stem] = f"not run: {loaded.meta['file']} has no section {section}"
            _log(f"{nb.name}: {skipped[nb.stem]}")
            continue
        t0 = time.perf_counter()
        executed = executed_dir / nb.name
        execute_to(nb, executed, report)
        export_html(executed, html_dir / f"{nb.stem}.html")
        _log(f"{nb.name} -> {html_dir / (nb.stem + '.html')} ({time.perf_counter() - t0:.1f} s)")

    meta = loaded.meta
    subtitle = " · ".join(
        str(x) for x in (meta.get("place"), meta.get("title") or "政府工作报告", meta.get("date"), meta.get("file")) if x
    )
    index = site.write_index([site.entry(nb) for nb in site.notebooks()], html_dir, subtitle, skipped)
    _log(f"index -> {index}")
    for target in export_data(report, data_dir):
        _log(f"data -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
