"""Reading many reports into one set of tables: the rows of ``govreport facts`` (and of the panel).

    >>> from govreport import collect, paths
    >>> files = collect.find_reports([str(paths.SEEDS_DIR)])   # the files a folder holds
    >>> row, tables = collect.read_report(files[0])       # one report's row and tables
    >>> row["status"], sorted(tables)
    ('ok', ['facts', 'outline', 'targets'])

Per report, ``read_report`` gives its row of ``reports`` (``REPORT_COLUMNS``: ``path``,
``sha256``, ``status`` ``ok`` or ``error``, ``error``, the metadata and counts) and its
``facts``, ``targets`` and ``outline`` as DataFrames with ``path`` in front; a file that
cannot be read gives its error row and no tables, never an exception. ``read_one`` is the
same, rendered for writing (CSV bytes and Arrow) so the worker processes do that work;
``assemble`` joins rendered results in input order and ``write_tables`` writes them as
CSV (UTF-8 with BOM) and Parquet, whole or not at all.

Tables are the same bytes whatever the number of processes: rows in file order then
table order, paths as given, no timings. Running many files at once, with workers that
may die or hang, is ``govreport.batch``'s job.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from .reading.files import REPORT_SUFFIXES
from .site.staging import staging

META_KEYS = ["title", "place", "level", "date", "year", "speaker", "office", "occasion", "encoding", "format"]
COUNTS = ["parts", "sections", "points", "sentences", "facts", "targets"]
REPORT_COLUMNS = ["path", "sha256", "status", "error"] + META_KEYS + COUNTS
TABLES = ("reports", "facts", "targets", "outline")
SUFFIXES = REPORT_SUFFIXES  # what a folder is searched for (the formats reading reads)


def find_reports(paths: list[str]) -> list[str]:
    """The files to read: each PATH that is a folder gives its report files (``SUFFIXES``,
    recursively, sorted by their path inside it); any other PATH is taken as given (a missing
    one becomes an error row). Paths are written as given; a file named twice is read once."""
    out: list[str] = []
    for p in paths:
        folder = Path(p)
        if folder.is_dir():
            found = sorted(f.relative_to(folder).as_posix() for f in folder.rglob("*")
                           if f.suffix.lower() in SUFFIXES and f.is_file())
            base = p if p.endswith(("/", os.sep)) else p + "/"
            out.extend(base + rel for rel in found)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


NOT_READ = "not read: the run stopped before this file (worker processes kept dying)"


def error_row(path: str, error: str, status: str = "error") -> dict:
    """The row of a file that could not be read: ``status`` error (or ``not read`` when a
    run stopped before it), the message in ``error``."""
    return {"path": path, "sha256": "", "status": status, "error": error}


def read_report(path: str) -> tuple[dict, dict[str, pd.DataFrame] | None]:
    """One report's row of ``reports`` and its ``facts``, ``targets`` (each with the sentence
    quoted as ``sentence_text``) and ``outline``, ``path`` in front of each; the row and None
    when the file cannot be read (the message in the row's ``error``)."""
    from . import ReportError, load_report

    row = error_row(path, "")
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
    row.update(status="ok", parts=int(levels.get("part", 0)), sections=int(levels.get("section", 0)),
               points=int(levels.get("point", 0)), sentences=len(report.sentence_starts), facts=len(facts), targets=len(targets))
    tables = {"facts": facts, "targets": targets, "outline": outline}
    return row, {name: _with_path(path, t) for name, t in tables.items()}


def read_one(path: str) -> tuple[dict, dict | None]:
    """``read_report`` with the tables rendered for writing (``render``): what ``assemble``
    joins. Runs in the worker processes, so that they do the work of writing."""
    row, tables = read_report(path)
    return row, None if tables is None else {name: render(t) for name, t in tables.items()}


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
    from .facts import FACT_COLUMNS
    from .facts.targets import COLUMNS as TARGET_COLUMNS
    from .reading.document import OUTLINE_COLUMNS

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


def warm_up() -> None:
    """Import and set up, once, what every worker needs (the fact engine's lexicon and regexes,
    the key table, pyarrow): forked workers inherit it instead of each doing it again."""
    import pyarrow  # noqa: F401

    from .facts import facts_from_text
    from .facts.targets import match_alias

    facts_from_text("地区生产总值增长6%。")
    match_alias("", "")
