"""The ``govreport`` command: facts and targets of many reports at once, and comparisons.

    govreport facts PATH... -o OUT/ [--jobs N]
    govreport compare PREVIOUS CURRENT [-o file.csv]

``facts`` reads every ``.txt`` file given, or found under the folders given (sorted by path),
in parallel, and writes ``OUT/reports.csv``, ``facts.csv``, ``targets.csv``, ``outline.csv``
(UTF-8 with BOM) and the same tables as Parquet. A file that cannot be read becomes an
``error`` row of reports.csv and the others are unaffected. The tables are byte-identical
whatever ``--jobs`` is: rows in file order then table order, paths as given on the command
line, no timings. They are written to a temporary folder next to OUT and moved into place.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import pandas as pd

from .staging import staging

META_KEYS = ["title", "place", "level", "date", "year", "speaker", "office", "occasion", "encoding"]
COUNTS = ["parts", "sections", "points", "sentences", "facts", "targets"]
REPORT_COLUMNS = ["path", "sha256", "status", "error"] + META_KEYS + COUNTS
TABLES = ("reports", "facts", "targets", "outline")


def find_reports(paths: list[str]) -> list[str]:
    """The files to read: each PATH that is a folder gives its ``.txt`` files (recursively,
    sorted by their path inside it); any other PATH is taken as given (a missing one becomes
    an error row). Paths are written as given; a file named twice is read once."""
    out: list[str] = []
    for p in paths:
        folder = Path(p)
        if folder.is_dir():
            found = sorted((f.relative_to(folder).as_posix() for f in folder.rglob("*.txt") if f.is_file()))
            base = p if p.endswith(("/", os.sep)) else p + "/"
            out.extend(base + rel for rel in found)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def read_one(path: str) -> tuple[dict, dict | None]:
    """One report's row of reports.csv, and its facts, targets and outline rendered for the
    output (``render``); None when the file cannot be read. Runs in the worker processes."""
    from .. import ReportError, load_report
    from ..facts.targets import report_year

    row: dict = {"path": path, "sha256": "", "status": "error", "error": ""}
    try:
        row["sha256"] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        pass
    try:
        report = load_report(path)
        facts, targets, outline = report.facts, report.targets, report.outline

        def sentence_text(ids):
            return [report.sentence_text(i) for i in ids]

        facts = facts.assign(sentence_text=pd.Series(sentence_text(facts["sentence"]), index=facts.index, dtype="str"))
        targets = targets.assign(
            sentence_text=pd.Series(sentence_text(targets["sentence"]), index=targets.index, dtype="str"))
    except ReportError as err:
        row["error"] = str(err)
        return row, None
    except Exception as err:  # a bug on one file must not stop the batch: report it on its row
        row["error"] = f"{path}: unexpected {type(err).__name__}: {err}"
        return row, None
    levels = outline["level"].value_counts()
    row.update({k: report.meta.get(k) for k in META_KEYS})
    row["year"] = report_year(report)
    row.update(status="ok", parts=int(levels.get("part", 0)), sections=int(levels.get("section", 0)),
               points=int(levels.get("point", 0)), sentences=len(report.sentence_starts), facts=len(facts), targets=len(targets))
    tables = {"facts": facts, "targets": targets, "outline": outline}
    return row, {name: render(_with_path(path, t)) for name, t in tables.items()}


def render(table: pd.DataFrame) -> tuple[list[str], bytes, object]:
    """A table's column names, its rows as CSV (UTF-8, no header) and as an Arrow table: the
    work of writing is done in the workers, the main process only joins the pieces in order."""
    import pyarrow as pa

    body = table.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8") if len(table) else b""
    return list(table.columns), body, pa.Table.from_pandas(table, preserve_index=False)


def _with_path(path: str, table: pd.DataFrame) -> pd.DataFrame:
    """The table with its report's path in front; text columns as ``str`` (a column that is
    all None in one report, such as ``parent`` in an outline without sections, is text too)."""
    table = table.reset_index(drop=True)
    table.insert(0, "path", pd.Series([path] * len(table), dtype="str"))
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].astype("str")
    return table


def _empty_tables() -> dict[str, pd.DataFrame]:
    from ..facts import FACT_COLUMNS
    from ..facts.targets import COLUMNS as TARGET_COLUMNS
    from ..reading.document import OUTLINE_COLUMNS

    return {
        "facts": pd.DataFrame(columns=["path", *FACT_COLUMNS, "sentence_text"], dtype="str"),
        "targets": pd.DataFrame(columns=["path", *TARGET_COLUMNS, "sentence_text"], dtype="str"),
        "outline": pd.DataFrame(columns=["path", *OUTLINE_COLUMNS], dtype="str"),
    }


def assemble(results: list) -> dict[str, tuple[list[str], list[bytes], object]]:
    """The four tables from ``read_one`` results, in the order of ``results``: for each, its
    columns, its CSV pieces and one Arrow table."""
    import pyarrow as pa

    reports = pd.DataFrame([r[0] for r in results], columns=REPORT_COLUMNS)
    reports["year"] = pd.array([None if pd.isna(y) else int(y) for y in reports["year"]], dtype="Int64")
    for c in COUNTS:
        reports[c] = pd.array([None if pd.isna(v) else int(v) for v in reports[c]], dtype="Int64")
    for c in ["sha256", "error"] + [k for k in META_KEYS if k != "year"]:
        reports[c] = reports[c].astype("string")
    columns, body, arrow = render(reports)
    out = {"reports": (columns, [body], arrow)}
    empty = _empty_tables()
    for name in ("facts", "targets", "outline"):
        # A report with no rows in this table adds none (and its empty columns have no types).
        pieces = [r[1][name] for r in results if r[1] is not None and r[1][name][1]]
        if not pieces:
            columns, body, arrow = render(empty[name])
            out[name] = (columns, [body], arrow)
            continue
        columns = pieces[0][0]
        for cols, _, _ in pieces:
            if cols != columns:
                raise RuntimeError(f"{name}: reports gave different columns ({cols} and {columns})")
        out[name] = (columns, [p[1] for p in pieces], pa.concat_tables([p[2] for p in pieces]))
    return out


def _header(columns: list[str]) -> bytes:
    return pd.DataFrame(columns=columns).to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_tables(tables: dict, out: Path) -> list[Path]:
    """Write each table as CSV (UTF-8 with BOM) and Parquet into a temporary folder next to
    ``out``, then move the files into ``out``: an interrupted run leaves no partial table."""
    import pyarrow.parquet as pq

    with staging(out.parent, f".{out.name}.tmp-") as tmp:
        names = []
        for name, (columns, bodies, arrow) in tables.items():
            with open(tmp / f"{name}.csv", "wb") as f:
                f.write(b"\xef\xbb\xbf" + _header(columns))
                for body in bodies:
                    f.write(body)
            # No index, no timestamps: the same rows give the same bytes.
            pq.write_table(arrow, tmp / f"{name}.parquet")
            names += [f"{name}.csv", f"{name}.parquet"]
        if not out.exists():
            os.rename(tmp, out)  # one atomic step
        else:  # OUT exists (maybe with other files): replace ours, each file atomically
            for n in names:
                os.replace(tmp / n, out / n)
    return [out / n for n in names]


def _warm_up() -> None:
    """Import and set up, once, what every worker needs (the fact engine's lexicon and regexes,
    the key table, pyarrow): forked workers inherit it instead of each doing it again."""
    import pyarrow  # noqa: F401

    from ..facts import facts_from_text
    from ..facts.targets import match_alias

    facts_from_text("地区生产总值增长6%。")
    match_alias("", "")


def run_facts(paths: list[str], jobs: int | None = None, progress: bool | None = None) -> list:
    """``read_one`` over ``paths`` on ``jobs`` processes (all cores by default), results in the
    order of ``paths``. A tqdm bar on standard error shows files done when it is a terminal."""
    from tqdm import tqdm

    jobs = max(1, jobs or os.cpu_count() or 1)
    progress = sys.stderr.isatty() if progress is None else progress
    results: list = [None] * len(paths)
    tqdm.monitor_interval = 0  # no monitor thread (worker processes are forked)
    if jobs == 1 or len(paths) <= 1:
        with tqdm(total=len(paths), unit="file", file=sys.stderr, disable=not progress) as bar:
            for i, p in enumerate(paths):
                results[i] = read_one(p)
                bar.update()
        return results
    _warm_up()
    # Files go to the workers a few at a time (fewer round trips), small enough to keep both
    # busy to the end; results are put back in the order of ``paths``.
    size = max(1, min(8, len(paths) // (jobs * 8)))
    chunks = [list(range(i, min(i + size, len(paths)))) for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        futures = {pool.submit(read_many, [paths[i] for i in chunk]): chunk for chunk in chunks}
        with tqdm(total=len(paths), unit="file", file=sys.stderr, disable=not progress) as bar:
            for fut in as_completed(futures):
                for i, result in zip(futures[fut], fut.result()):
                    results[i] = result
                bar.update(len(futures[fut]))
    return results


def read_many(paths: list[str]) -> list:
    """``read_one`` for each path, in order (one task of a worker)."""
    return [read_one(p) for p in paths]


def cmd_facts(args) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"govreport facts: {out} exists and is not a folder", file=sys.stderr)
        return 2
    paths = find_reports(args.paths)
    if not paths:
        print(f"govreport facts: no .txt files found under {' '.join(args.paths)}", file=sys.stderr)
        return 2
    results = run_facts(paths, args.jobs)
    write_tables(assemble(results), out)
    failed = sum(r[0]["status"] == "error" for r in results)
    print(f"{len(paths) - failed} reports read, {failed} failed (see {out / 'reports.csv'})")
    return 1 if failed else 0


def cmd_compare(args) -> int:
    from .. import ReportError, compare, load_report
    from ..analysis.compare import margin_text
    from ..facts.targets import report_year, review_year

    try:
        previous, current = load_report(args.previous), load_report(args.current)
    except ReportError as err:
        print(f"govreport compare: {err}", file=sys.stderr)
        return 2
    table = compare(previous, current)
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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport",
        description="Chinese government work reports (政府工作报告) as structured data, many at once.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    f = sub.add_parser(
        "facts", help="facts, targets and outlines of many reports, as CSV and Parquet",
        description="Read every .txt file given or found under the folders given, in parallel, and write "
                    "OUT/reports.csv, facts.csv, targets.csv, outline.csv (UTF-8 with BOM) and the same "
                    "tables as .parquet. Unreadable files become error rows; exit status 1 if any failed.",
    )
    f.add_argument("paths", nargs="+", metavar="PATH", help="report files (.txt) or folders holding them")
    f.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder (created; our files in it replaced)")
    f.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="processes to use (default: all cores)")
    f.set_defaults(func=cmd_facts)
    c = sub.add_parser(
        "compare", help="targets of one report against the results of the next",
        description="Print the targets PREVIOUS set for the year CURRENT reviews against CURRENT's results, "
                    "with the margin and a verdict (met, missed, no result given, not comparable).",
    )
    c.add_argument("previous", metavar="PREVIOUS", help="the earlier report (the one that sets the targets)")
    c.add_argument("current", metavar="CURRENT", help="the later report (the one that gives the results)")
    c.add_argument("-o", "--out", metavar="FILE.csv", help="also write the full table as CSV (UTF-8 with BOM)")
    c.set_defaults(func=cmd_compare)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
