"""Reading many reports into one set of tables: the rows of ``govreport facts`` (and of the panel).

    >>> from govreport import collect, paths
    >>> files = collect.find_reports([str(paths.SEEDS_DIR)])   # the files a folder holds
    >>> row, tables = collect.read_report(files[0])       # one report's row and tables
    >>> row["status"], sorted(tables)
    ('ok', ['facts', 'outline', 'results', 'targets'])

Per report, ``read_report`` gives its row of ``reports`` (``REPORT_COLUMNS``: ``path``,
``sha256``, ``status`` ``ok`` or ``error``, ``error``, the metadata, ``given`` and counts)
and its ``facts``, ``targets``, ``results`` and ``outline`` as DataFrames with ``path`` in
front (targets and results also carry the report's ``place``, ``level``, ``year``, the keys
to join on); a file that cannot be read gives its error row and no tables, never an
exception. ``read_one`` is the same, rendered for writing (CSV bytes and Arrow) so the
worker processes do that work; ``assemble`` joins rendered results in input order and
``write_tables`` writes them as CSV (UTF-8 with BOM) and Parquet, whole or not at all.

What files lack (a date, a place, a level) comes from a manifest, ``--meta FILE.csv``
(``read_manifest``): the same keys as ``load_report``'s overrides, listed in the row's
``given`` (and ``meta["given"]``).

Tables are the same bytes whatever the number of processes: rows in file order then
table order, paths as given, no timings. Running many files at once, with workers that
may die or hang, is ``govreport.batch``'s job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from pathlib import Path

import pandas as pd

from .reading.files import REPORT_SUFFIXES, find_reports  # noqa: F401 (collect.find_reports)
from .site.staging import staging

META_KEYS = ["title", "place", "level", "date", "year", "speaker", "office", "occasion", "encoding", "format"]
COUNTS = ["parts", "sections", "points", "sentences", "facts", "targets", "results"]
REPORT_COLUMNS = ["path", "sha256", "status", "error"] + META_KEYS + ["given"] + COUNTS
TABLES = ("reports", "facts", "targets", "results", "outline")
#: The report's keys written beside ``path`` in the targets and results tables.
CONTEXT = ["place", "level", "year"]


NOT_READ = "not read: the run stopped before this file (worker processes kept dying)"


MANIFEST_COLUMNS = ["file", "date", "place", "level"]


class ManifestError(ValueError):
    """A ``--meta`` manifest that cannot be used; the message names the file, row and problem."""


def read_manifest(path: str | Path) -> dict[Path, dict]:
    """A manifest of what files lack (``--meta FILE.csv``): the ``load_report`` overrides
    (``date``, ``place``, ``level``) of each file it names, by the file's resolved path.

    A CSV file (UTF-8, with or without BOM) with a header: ``file`` and any of ``date``,
    ``place``, ``level``. ``file`` is the report's path relative to the manifest's folder
    (or absolute); an empty cell gives nothing. ``date`` is ``YYYY-MM-DD``; ``level`` one of
    the loader's levels. Raises ``ManifestError`` for a missing or unreadable file, another
    column, an empty or repeated ``file``, or a bad date or level, naming the row."""
    from .reading.meta import LEVELS, given_date

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(f"{path}: manifest not found") from None
    except UnicodeDecodeError:
        raise ManifestError(f"{path}: not UTF-8 text; save the manifest as CSV UTF-8") from None
    except OSError as err:
        raise ManifestError(f"{path}: cannot read the manifest ({err.strerror})") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ManifestError(f"{path}: the manifest is empty; its header is {','.join(MANIFEST_COLUMNS)}")
    header = [h.strip() for h in rows[0]]
    other = [h for h in header if h not in MANIFEST_COLUMNS]
    if "file" not in header or other or len(set(header)) < len(header):
        raise ManifestError(f"{path}: the header must be file and any of date, place, level; got {','.join(header)}")
    base = path.resolve().parent
    out: dict[Path, dict] = {}
    first_row: dict[Path, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ManifestError(f"{path}, row {number}: {len(cells)} cells for {len(header)} columns")
        row = {h: c.strip() for h, c in zip(header, cells)}
        if not row["file"]:
            raise ManifestError(f"{path}, row {number}: no file named")
        given = {k: row[k] for k in ("date", "place", "level") if row.get(k)}
        try:
            if "date" in given:
                given["date"] = given_date(given["date"])
        except ValueError as err:
            raise ManifestError(f"{path}, row {number}: {err}") from None
        if "level" in given and given["level"] not in LEVELS:
            raise ManifestError(f"{path}, row {number}: level must be one of {', '.join(LEVELS)}, got {given['level']!r}")
        file = (base / row["file"]).resolve()
        if file in out:
            raise ManifestError(f"{path}, row {number}: {row['file']} is named twice (rows {first_row[file]} and {number})")
        out[file], first_row[file] = given, number
    return out


def given_by_file(manifest: dict[Path, dict], files: list[str]) -> dict[str, dict]:
    """The overrides of each of ``files`` (paths as named) that the manifest names."""
    resolved = {f: Path(f).resolve() for f in files}
    return {f: manifest[r] for f, r in resolved.items() if r in manifest}


def sha256_of(path: str) -> str:
    """The file's SHA-256 (hex), or "" when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def error_row(path: str, error: str, status: str = "error") -> dict:
    """The row of a file that could not be read: its ``sha256``, ``status`` error (or ``not
    read`` when a run stopped before it), the message in ``error``."""
    return {"path": path, "sha256": sha256_of(path), "status": status, "error": error}


def read_report(path: str, given: dict | None = None) -> tuple[dict, dict[str, pd.DataFrame] | None]:
    """One report's row of ``reports`` and its ``facts``, ``targets``, ``results`` (each with
    the sentence quoted as ``sentence_text``) and ``outline``, ``path`` in front of each and
    the report's ``CONTEXT`` (place, level, year) beside it in targets and results; the row
    and None when the file cannot be read (the message in the row's ``error``).

    ``given``: what the file lacks, ``date``, ``place``, ``level`` (``load_report``'s
    overrides, e.g. a row of ``read_manifest``); the row's ``given`` names the keys given."""
    from . import ReportError, load_report

    row = error_row(path, "")
    try:
        report = load_report(path, **(given or {}))
        facts, targets, results, outline = report.facts, report.targets, report.results, report.outline

        def quoted(table):
            text = [report.sentence_text(i) for i in table["sentence"]]
            return table.assign(sentence_text=pd.Series(text, index=table.index, dtype="str"))

        facts, targets, results = quoted(facts), quoted(targets), quoted(results)
    except ReportError as err:
        row["error"] = str(err)
        return row, None
    except Exception as err:  # a bug on one file must not stop the batch: report it on its row
        row["error"] = f"{path}: unexpected {type(err).__name__}: {err}"
        return row, None
    levels = outline["level"].value_counts()
    meta = report.meta
    row.update({k: meta.get(k) for k in META_KEYS})
    row.update(status="ok", given=",".join(meta.get("given") or []) or None,
               parts=int(levels.get("part", 0)), sections=int(levels.get("section", 0)),
               points=int(levels.get("point", 0)), sentences=len(report.sentence_starts), facts=len(facts),
               targets=len(targets), results=len(results))
    context = {"place": meta.get("place"), "level": meta.get("level"),
               "year": None if meta.get("year") is None else int(meta["year"])}
    tables = {"facts": _with_path(path, facts), "targets": _with_path(path, targets, context),
              "results": _with_path(path, results, context), "outline": _with_path(path, outline)}
    return row, tables


def read_one(path: str, given: dict[str, dict] | None = None) -> tuple[dict, dict | None]:
    """``read_report`` with the tables rendered for writing (``render``): what ``assemble``
    joins. Runs in the worker processes, so that they do the work of writing. ``given``: the
    overrides of each file, by path (``read_manifest``)."""
    row, tables = read_report(path, (given or {}).get(path))
    return row, None if tables is None else {name: render(t) for name, t in tables.items()}


def render(table: pd.DataFrame) -> tuple[list[str], bytes, object]:
    """A table's column names, its rows as CSV (UTF-8, no header) and as an Arrow table: the
    work of writing is done in the workers, the main process only joins the pieces in order."""
    import pyarrow as pa

    body = table.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8") if len(table) else b""
    return list(table.columns), body, pa.Table.from_pandas(table, preserve_index=False)


def _with_path(path: str, table: pd.DataFrame, context: dict | None = None) -> pd.DataFrame:
    """The table with its report's path in front, then the ``context`` columns the table
    has not got; text columns as ``str`` (a column that is all None in one report, such as
    ``parent`` in an outline without sections, is text too)."""
    table = table.reset_index(drop=True)
    table.insert(0, "path", pd.Series([path] * len(table), dtype="str"))
    for i, (key, value) in enumerate((k, v) for k, v in (context or {}).items() if k not in table.columns):
        table.insert(1 + i, key, pd.Series([value] * len(table), dtype="Int64" if key == "year" else "str"))
    if "scope" in table.columns:  # targets and results: the whole place is an empty cell, not "None"
        table["scope"] = table["scope"].fillna("")
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
        "targets": pd.DataFrame(columns=["path", *CONTEXT, *TARGET_COLUMNS, "sentence_text"], dtype="str"),
        "results": pd.DataFrame(columns=["path", *CONTEXT, *TARGET_COLUMNS, "sentence_text"], dtype="str"),
        "outline": pd.DataFrame(columns=["path", *OUTLINE_COLUMNS], dtype="str"),
    }


def assemble(results: list) -> dict[str, tuple[list[str], list[bytes], object]]:
    """The tables (``TABLES``) from ``read_one`` results, in the order of ``results``: for each, its
    columns, its CSV pieces and one Arrow table."""
    import pyarrow as pa

    reports = pd.DataFrame([r[0] for r in results], columns=REPORT_COLUMNS)
    reports["year"] = pd.array([None if pd.isna(y) else int(y) for y in reports["year"]], dtype="Int64")
    for c in COUNTS:
        reports[c] = pd.array([None if pd.isna(v) else int(v) for v in reports[c]], dtype="Int64")
    for c in ["sha256", "error", "given"] + [k for k in META_KEYS if k != "year"]:
        reports[c] = reports[c].astype("string")
    columns, body, arrow = render(reports)
    out = {"reports": (columns, [body], arrow)}
    empty = _empty_tables()
    for name in TABLES[1:]:
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
    Chinese numerals, the key table, the administrative-division table, pyarrow, CSV writing):
    forked workers inherit it instead of each doing it again (and a new worker's first file
    costs no more than the others)."""
    from .facts import facts_from_text
    from .facts.targets import match_alias
    from .reading import divisions

    divisions.table()
    facts_from_text("地区生产总值增长6%，新建学校三所。")
    match_alias("", "")
    render(pd.DataFrame({"path": ["x"]}))
