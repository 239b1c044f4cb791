"""The ``govreport`` command: one entrance for sites, tables and comparisons.

    govreport site [PATH...] [--jobs N] [--date D] [--place P] [--previous OLD]  # sites in build/
    govreport facts PATH... -o OUT/ [--jobs N] [--meta FILE.csv]       # tables of many reports
    govreport compare PREVIOUS CURRENT [-o FILE.csv]                   # targets against results
    govreport panel PATH... -o OUT/ [--jobs N] [--meta FILE.csv]       # a folder of reports as a panel
    govreport notebooks [--only NAME...]                               # refresh committed outputs

``python -m govreport`` is the same command. Each subcommand is a function below whose
docstring is its ``--help`` (``govreport facts --help``): the help is generated from the
code, never pasted into a document.

Exit status
-----------
- **0**: everything asked for was done.
- **1**: some inputs failed. A file that cannot be read, whose reading process died
  (killed, a segfault, out of memory) or that took longer than ``--timeout`` is an error
  row of ``reports.csv`` (``status`` error, the reason in ``error``); the other files are
  read and the tables written. For ``site``: a page failed (it is replaced by a page that
  says why, the rest of the site is built), or a report could not be read (the others are built).
- **2**: nothing to do, or bad usage: a wrong option, a folder holding no report, an output
  path that is not a folder, a report that cannot be read where one report is asked for.
- **130, 143, 129**: interrupted by SIGINT (Ctrl-C), SIGTERM (``timeout``, a job
  scheduler) or SIGHUP (the terminal closed): 128 + the signal's number.

Interruption
------------
Interrupted, a command stops its worker processes and their children (a site's Jupyter
kernels too): no process is left behind. It writes nothing: tables and sites are written
to a hidden temporary folder and moved into place only when whole, and that folder is
removed (the panel keeps the reports it finished in its cache, so that a rerun resumes).
It says so in one line on standard error::

    govreport facts: interrupted after 112 of 280 reports; nothing written

When worker processes die three times in a row (say the machine is out of memory), a
batch stops, prints why, and writes the tables of what it read: the files it did not reach
have ``status`` ``not read`` in ``reports.csv``, and the exit status is 1.
See ``govreport.batch`` for how workers are run and stopped.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import sys
import time
from pathlib import Path

from .reading.files import REPORT_SUFFIXES

PROG = "govreport"


def _fail(command: str, message: str) -> int:
    print(f"{PROG} {command}: {message}", file=sys.stderr)
    return 2


# --- govreport site -------------------------------------------------------------------------

def site(args) -> int:
    """Build the site of a report, or of every report found: HTML pages, data and notebooks in OUT/<slug>/.

    With no PATH, the bundled report's site (build/jiaozuo-2021/). A PATH that is a folder
    gives every report file under it. The slug comes from a report's place and year, or else
    its file name. A page that fails is replaced by a page that says why and the rest of the
    site is built (exit status 1); a file that cannot be read is skipped (status 1; 2 when
    none could be). Several reports: one line each and a last line counting them. OUT/index.html
    lists every site in OUT. See govreport.site.build.

    With --panel, the PATHs together make one panel and its site, OUT/panel-<name>/ (default:
    the 31 provincial reports of 2025 and the bundled report). Its pages fail, and are marked
    and counted, as a report's do; a file that cannot be read is a row of its reports table
    (exit status 1; 2 when none could be). See govreport.panel.pages.
    """
    from .site.build import build_sites, quiet_logging

    quiet_logging()
    if args.jobs < 1:
        return _fail("site", "--jobs must be 1 or more")
    if args.panel:
        return _panel_site(args)
    return build_sites(args.paths, jobs=args.jobs, date=args.date, place=args.place, previous=args.previous,
                       out=args.out, notebooks=args.notebooks)


def _site_arguments(p: argparse.ArgumentParser) -> None:
    from . import paths
    from .site.build import JOBS

    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="report files, or folders holding them (default: the bundled report)")
    p.add_argument("--date", help="the report's date (YYYY-MM-DD) when its file has no dateline")
    p.add_argument("--place", help="the place the report governs, when its file does not say")
    p.add_argument("--previous", type=Path, metavar="OLD", help="the report of the year before, for the compare page")
    p.add_argument("-o", "--out", type=Path, default=paths.BUILD_DIR, help="output folder (default: build/)")
    p.add_argument("-j", "--jobs", type=int, default=JOBS, metavar="N",
                   help=f"notebooks run at a time (default {JOBS}); two per report, so 4 builds two reports at once")
    p.add_argument("--panel", action="store_true", help="build one panel's site from all the PATHs (see above)")
    p.add_argument("--name", help="with --panel: the panel's name (default: the first folder's name)")
    p.add_argument("--notebooks", type=Path, metavar="DIR", help=argparse.SUPPRESS)  # another notebooks folder (tests)


def _panel_site(args) -> int:
    """``site --panel``: exit status 1 when a page failed or a file could not be read, 2 when
    no report was found or none could be read."""
    from . import ReportError
    from .collect import find_reports
    from .panel.pages import build_panel_site
    from .site.assemble import print_built, shown

    inputs = [str(p) for p in args.paths]
    if inputs and not find_reports(inputs):
        return _fail("site", f"no report found under {' '.join(inputs)}")
    t0 = time.perf_counter()
    try:
        built = build_panel_site(inputs or None, args.out, args.name, args.jobs, notebooks=args.notebooks)
    except ReportError as err:
        return _fail("site", str(err))
    if built.not_read:
        print(f"{PROG} site: {built.not_read} of the panel's report files could not be read "
              f"(status error in {shown(built.site / 'data' / 'reports.csv')})", file=sys.stderr)
    print_built(built, time.perf_counter() - t0, args.out, what="panel site")
    return 1 if built.failures or built.not_read else 0


# --- govreport facts ------------------------------------------------------------------------

def facts(args) -> int:
    """Facts, targets, results and outlines of many reports, as CSV and Parquet.

    Reads every report file given, or found under the folders given (sorted by path), in
    parallel, and writes OUT/reports.csv, facts.csv, targets.csv, results.csv and
    outline.csv (UTF-8 with BOM) and the same tables as .parquet. A file that cannot be
    read, whose process dies or that takes longer than --timeout is an error row of
    reports.csv and the others are unaffected (exit status 1). --meta gives what files
    lack (date, place, level); a manifest that cannot be used stops the command (exit
    status 2). The tables are the same bytes whatever --jobs is, and are written whole or
    not at all. See govreport.collect.
    """
    from . import batch, collect

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        return _fail("facts", f"{out} exists and is not a folder")
    paths = collect.find_reports(args.paths)
    if not paths:
        return _fail("facts", f"no report files ({', '.join(REPORT_SUFFIXES)}) found under {' '.join(args.paths)}")
    given = {}
    if args.meta:
        try:
            manifest = collect.read_manifest(args.meta)
        except collect.ManifestError as err:
            return _fail("facts", str(err))
        given = collect.given_by_file(manifest, paths)
        if len(given) < len(manifest):
            print(f"{PROG} facts: note: {len(manifest) - len(given)} of the {len(manifest)} files {args.meta} names "
                  f"are not among the files read", file=sys.stderr)
    if (args.jobs or 2) > 1:
        collect.warm_up()  # once here: the forked workers inherit it
    stopped = None
    try:
        results = batch.run(functools.partial(collect.read_one, given=given), paths, jobs=args.jobs, timeout=args.timeout,
                            on_error=lambda path, message: (collect.error_row(path, f"{path}: {message}"), None),
                            failed=lambda result: result[0]["status"] != "ok")
    except batch.WorkersDied as err:
        stopped = err
        results = [r if r is not None else (collect.error_row(p, f"{p}: {collect.NOT_READ}", status="not read"), None)
                   for p, r in zip(paths, err.results)]
    try:
        collect.write_tables(collect.assemble(results), out)
    except batch.Interrupted as err:
        err.done = err.total = len(paths)
        raise
    failed = sum(r[0]["status"] == "error" for r in results)
    read = sum(r[0]["status"] == "ok" for r in results)
    if stopped is not None:
        print(f"{PROG} facts: stopped: {stopped}; {read} reports read, {failed} failed, {len(paths) - read - failed} "
              f"not read (status 'not read' in {out / 'reports.csv'})", file=sys.stderr)
        return 1
    print(f"{read} reports read, {failed} failed (see {out / 'reports.csv'})")
    return 1 if failed else 0


def _facts_arguments(p: argparse.ArgumentParser) -> None:
    from . import batch

    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders holding them")
    p.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder (created; our files in it replaced)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="processes to use (default: all cores)")
    p.add_argument("--meta", metavar="FILE.csv",
                   help="what files lack: a CSV with columns file (relative to its folder), date, place, level")
    p.add_argument("--timeout", type=float, default=batch.TIMEOUT, metavar="SECONDS",
                   help=f"time one file may take before it is an error row (default {batch.TIMEOUT:g})")


# --- govreport panel ------------------------------------------------------------------------

def panel(args) -> int:
    """A folder of reports as one panel: targets across places, levels and years.

    Reads every report file given, or found under the folders given, once, and writes
    OUT/reports, targets, results, verdicts (every pair of consecutive years of a place),
    escalation (each main target beside its parent's), levels and slogans, as .csv (UTF-8
    with BOM) and .parquet. adcode and parent come from cpca's administrative-division
    table. A rerun reads only the files that changed (cache in OUT/.cache/). Two reports of
    one place and year: the first is used, the other flagged. A file that cannot be read is
    an error row (exit status 1); no report found: exit status 2. See govreport.panel.
    """
    from .panel.command import run

    return run(args)


def _panel_arguments(p: argparse.ArgumentParser) -> None:
    from . import batch
    from .panel.command import add_arguments

    add_arguments(p)
    p.add_argument("--timeout", type=float, default=batch.TIMEOUT, metavar="SECONDS",
                   help=f"time one file may take before it is an error row (default {batch.TIMEOUT:g})")


# --- govreport compare ----------------------------------------------------------------------

def compare(args) -> int:
    """Targets of one report against the results of the next.

    Prints the targets PREVIOUS set for the year CURRENT reviews against CURRENT's results,
    with the margin and a verdict (met, missed, no result given, not comparable). See
    govreport.analysis.compare.
    """
    import pandas as pd

    from . import ReportError, load_report
    from .analysis.compare import compare as compare_reports
    from .analysis.compare import margin_text
    from .facts.targets import report_year, review_year

    try:
        previous, current = load_report(args.previous), load_report(args.current)
    except ReportError as err:
        return _fail("compare", str(err))
    table = compare_reports(previous, current)
    year = review_year(current) or report_year(previous)
    print(f"targets of {args.previous} for {year or 'its year'} against the results in {args.current}")
    if table.empty:
        print("no keyed target of the earlier report for the year the later one reviews")
    else:
        shown = table[["key", "target_mention", "qualifier", "result_mention", "margin", "verdict"]].copy()
        shown["margin"] = [margin_text(m, u) for m, u in zip(table["margin"], table["target_unit"])]
        with pd.option_context("display.unicode.east_asian_width", True, "display.width", 200):
            print(shown.to_string(index=False))
        counts = table["verdict"].value_counts()
        print(", ".join(f"{counts[v]} {v}" for v in ("met", "missed", "no result given", "not comparable") if v in counts))
    if args.out:
        table.to_csv(args.out, index=False, encoding="utf-8-sig", lineterminator="\n")
        print(f"written to {args.out}")
    return 0


def _compare_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("previous", metavar="PREVIOUS", help="the earlier report (the one that sets the targets)")
    p.add_argument("current", metavar="CURRENT", help="the later report (the one that gives the results)")
    p.add_argument("-o", "--out", metavar="FILE.csv", help="also write the full table as CSV (UTF-8 with BOM)")


# --- govreport notebooks --------------------------------------------------------------------

def notebooks(args) -> int:
    """Re-execute the committed notebooks in place, and refresh README.md's notebook table.

    For maintainers (make notebooks): the notebooks in notebooks/ run top to bottom on the
    bundled report, and those of notebooks/panel/ on the default panel; their outputs are
    saved into the same files, which nbval then compares in make test. --only runs the
    notebooks named (stems, e.g. 00_overview or 01_targets_across_places).
    """
    from .panel.pages import panel_notebooks
    from .site.build import committed_notebooks, execute_in_place, quiet_logging, update_readme_table

    if not args.readme_only:
        panel = panel_notebooks()
        wanted = set(args.only or ())
        others = sorted(wanted - {nb.stem for nb in panel})  # named, and not a panel notebook
        try:
            chosen = committed_notebooks(others) if others or not wanted else []
        except ValueError as err:
            return _fail("notebooks", str(err))
        chosen += [nb for nb in panel if not wanted or nb.stem in wanted]
        quiet_logging()
        for nb in chosen:
            t0 = time.perf_counter()
            execute_in_place(nb)
            print(f"executed {nb.name} in place ({time.perf_counter() - t0:.1f} s)", flush=True)
    readme = update_readme_table()
    print(f"updated the notebook table in {readme.name}")
    return 0


def _notebooks_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--only", nargs="+", metavar="NAME", help="the notebooks to run (stems), not all")
    p.add_argument("--readme-only", action="store_true", help="only refresh README.md's table; run no notebook")


# --- the parser -----------------------------------------------------------------------------

#: The subcommands in the order --help lists them: (name, function, its arguments).
COMMANDS = [
    ("site", site, _site_arguments),
    ("facts", facts, _facts_arguments),
    ("compare", compare, _compare_arguments),
    ("panel", panel, _panel_arguments),
    ("notebooks", notebooks, _notebooks_arguments),
]


def parser() -> argparse.ArgumentParser:
    """The command's parser: one subparser per entry of ``COMMANDS``, its help the function's docstring."""
    p = argparse.ArgumentParser(
        prog=PROG, description="Chinese government work reports (政府工作报告) as structured, checked, charted data.",
        epilog="Run 'govreport COMMAND --help' for a command's options. Exit status: 0 done, "
               "1 some inputs failed, 2 nothing to do or bad usage, 130/143/129 interrupted "
               "(SIGINT/SIGTERM/SIGHUP; nothing written).",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, func, arguments in COMMANDS:
        doc = inspect.getdoc(func)
        c = sub.add_parser(name, help=doc.split("\n")[0].rstrip("."), description=doc,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        arguments(c)
        c.set_defaults(func=func)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns its exit status (see the module's docstring)."""
    from . import batch

    args = parser().parse_args(argv)
    try:
        with batch.interruptible():
            return args.func(args)
    except batch.Interrupted as err:
        done = f" after {err.done} of {err.total} reports" if err.total is not None else ""
        print(f"{PROG} {args.command}: interrupted{done}; nothing written", file=sys.stderr)
        return err.exit_status


if __name__ == "__main__":
    sys.exit(main())
