"""One report of a panel: read once, kept in the cache, given back as rows.

``read_entry(path, given)`` reads a report (in a worker process) and returns its entry: the
row of ``reports``, its ``targets`` and ``results`` with the place columns joined in (ready
to write), its slogans and its text (for the slogans gained and dropped between two
years). The entry is
written to the cache (``OUT/.cache/``) under a key made of the file's SHA-256, the given
metadata and the library's fingerprint (its version and the hash of its code and data), so a
rerun reads only files that changed, and a run that is stopped keeps what it finished.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..collect import sha256_of  # noqa: F401 (entries.sha256_of)
from ..facts.targets import COLUMNS as TARGETS_COLUMNS
from .places import locate

# The columns of a target or result row (the targets stage's contract), then the sentence.
TARGET_COLUMNS = TARGETS_COLUMNS
PLACE_COLUMNS = ["path", "place", "level", "parent", "adcode", "year"]
ROW_COLUMNS = PLACE_COLUMNS + TARGET_COLUMNS + ["sentence_text"]
# What a comparison reads of a report's keyed rows (``tables.Stored``, ``analysis.compare.compare_rows``).
KEYED_COLUMNS = [c for c in ROW_COLUMNS if c not in PLACE_COLUMNS + ["fact", "label", "statement"]]
REPORT_COLUMNS = ["path", "sha256", "status", "error", "place", "level", "year", "date", "speaker", "office", "format",
                  "adcode", "parent", "note", "duplicate_of", "targets", "results"]
META_KEYS = ["place", "level", "year", "date", "speaker", "office"]
_FLOATS = ("value", "low", "high")
_INTS = ("sentence",)
_NULLABLE_INTS = ("fact", "year", "target_year", "statement")  # fact: NA for a qualitative target and 持平


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The library's version and a hash of its code and data files: a cache entry made by
    another version of the reading (a changed rule, a new alias) is never used."""
    import govreport

    root = Path(govreport.__file__).resolve().parent
    digest = hashlib.sha256(govreport.__version__.encode())
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".csv", ".tsv", ".txt") and "__pycache__" not in f.parts:
            digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return f"{govreport.__version__}-{digest.hexdigest()[:16]}"


def cache_key(path: str, sha256: str, given: dict) -> str:
    """The entry's name: the file's content hash, its path (the rows name it), the metadata
    given for it and the library's fingerprint."""
    text = "\0".join([sha256, path, fingerprint(), *(f"{k}={given[k]}" for k in sorted(given) if given[k])])
    return hashlib.sha256(text.encode()).hexdigest()


def cache_file(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.pkl"


PARTS = ("summary", "rendered", "rest")


def load_cached(path: Path, upto: str = "rest", rendered: bool = True) -> dict | None:
    """The entry at ``path``, read up to the part ``upto`` (``summary``; ``rendered``, what
    the tables need; ``rest``, what a comparison needs), or None when it is missing or
    unreadable (then it is read again). ``rendered=False`` passes over the rendered tables
    (a comparison does not need them): they are stored pickled twice, so they are skipped
    as one string of bytes."""
    try:
        with open(path, "rb") as f:
            entry = {"summary": pickle.load(f)}
            for part in PARTS[1:PARTS.index(upto) + 1]:
                data = pickle.load(f)
                if part == "rendered":
                    if not rendered:
                        continue
                    data = pickle.loads(data)
                entry.update(data)
        return entry
    except Exception:
        return None


def _table_from_ipc(data: bytes):
    """An Arrow table stored by ``_Pickler``."""
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all()


class _Pickler(pickle.Pickler):
    """A pickler that stores Arrow tables in Arrow's own stream format (several times faster
    to write and to read than a table pickled column by column), as ``_table_from_ipc(bytes)``."""

    def reducer_override(self, obj):
        if type(obj).__name__ != "Table" or type(obj).__module__ != "pyarrow.lib":
            return NotImplemented
        import pyarrow as pa

        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, obj.schema) as writer:
            writer.write_table(obj)
        return _table_from_ipc, (sink.getvalue().to_pybytes(),)


def _dump(data, f) -> None:
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(data)


def store(entry: dict, path: Path) -> None:
    """Write ``entry`` to ``path`` atomically (a stopped run leaves no half-written entry), in
    three pickles: the summary, the rendered tables (pickled bytes of their pickle), the
    rest; a rerun reads what it needs. Arrow tables are stored in Arrow's stream format."""
    import io

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(entry["summary"], f, protocol=pickle.HIGHEST_PROTOCOL)
            rendered = io.BytesIO()
            _dump({k: v for k, v in entry.items() if k == "rendered"}, rendered)
            pickle.dump(rendered.getvalue(), f, protocol=pickle.HIGHEST_PROTOCOL)
            _dump({k: v for k, v in entry.items() if k not in ("summary", "rendered")}, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """One dtype per column whatever the report: text as string (None stays missing), figures
    as float64, sentence ids as int64, fact ids and years as Int64, ``main`` as bool."""
    t = table.copy()
    for c in t.columns:
        if c in _FLOATS:
            t[c] = pd.to_numeric(t[c], errors="coerce").astype("float64")
        elif c in _INTS:
            t[c] = t[c].astype("int64")
        elif c in _NULLABLE_INTS:
            t[c] = pd.to_numeric(t[c], errors="coerce").astype("Int64")
        elif c == "main":
            t[c] = t[c].fillna(False).astype("bool")
        else:
            t[c] = t[c].astype("string")
    return t


@lru_cache(maxsize=1)
def row_schema():
    """The Arrow schema of a targets or results table (``typed`` rows of ``ROW_COLUMNS``)."""
    import pyarrow as pa

    return pa.Table.from_pandas(typed(pd.DataFrame(columns=ROW_COLUMNS)), preserve_index=False).schema \
        .remove_metadata()


def _column(column: pd.Series, kind) -> tuple[object, list[str]]:
    """One column as Arrow (of type ``kind``) and as the CSV fields ``pandas.DataFrame.to_csv``
    writes for it: figures in their shortest repr (numpy's, which pandas writes, and Python's
    are the same), True/False, missing values empty."""
    import pyarrow as pa

    dtype = column.dtype
    if dtype == "float64":
        values = column.to_numpy(dtype="float64")
        return pa.array(values, type=kind, from_pandas=True), ["" if v != v else repr(v) for v in values.tolist()]
    if dtype == "int64":
        values = column.to_numpy(dtype="int64")
        return pa.array(values, type=kind), values.astype(str).tolist()
    if dtype == "bool":
        values = column.to_numpy(dtype="bool")
        return pa.array(values, type=kind), ["True" if v else "False" for v in values.tolist()]
    if isinstance(dtype, pd.Int64Dtype):
        values = column.array
        shown = values.to_numpy(dtype="int64", na_value=0).astype(str).astype(object)
        shown[values.isna()] = ""
        return pa.array(values, type=kind), shown.tolist()
    values = column.tolist()
    fields = [v if isinstance(v, str) else "" for v in values]
    arrow = pa.array(column.array) if isinstance(dtype, pd.StringDtype) else pa.array(values, type=kind, from_pandas=True)
    return (arrow if arrow.type == kind else arrow.cast(kind)), fields


def _csv_lines(fields: list[list[str]]) -> bytes:
    """Rows given as columns of CSV fields, as ``pandas.DataFrame.to_csv`` writes them (its
    writer is Python's csv module: quoted where needed, lines ending in \\n)."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(zip(*fields))
    return out.getvalue().encode("utf-8")


@lru_cache(maxsize=16)
def _schema(columns: tuple) -> object:
    """The Arrow schema ``write.arrow`` gives a table with these (name, dtype) columns."""
    import pyarrow as pa

    empty = pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in columns})
    return pa.Table.from_pandas(empty, preserve_index=False).schema.remove_metadata()


def _values_column(dtype: str, values, kind) -> tuple[object, list[str]]:
    """What ``_column`` gives for a column of ``dtype`` made of ``values`` (Python or numpy
    values; missing ones None, NaN or NA), made from the values: float64, int64 and bool as
    numpy makes them, ``object`` as ``facts.targets`` makes ``scope`` (missing values None),
    Int64 and text (``str``, ``string``) as ``pandas.array`` does. A value of another type
    than the column's (a figure in a text column) is converted by ``pandas.array`` itself."""
    import numpy as np
    import pyarrow as pa

    if dtype == "float64":
        array = np.array(values, dtype="float64")
        return pa.array(array, type=kind, from_pandas=True), ["" if v != v else repr(v) for v in array.tolist()]
    if dtype == "int64":
        array = np.array(values, dtype="int64")
        return pa.array(array, type=kind), array.astype(str).tolist()
    if dtype == "bool":
        array = np.array(values, dtype="bool")
        return pa.array(array, type=kind), ["True" if v else "False" for v in array.tolist()]
    if dtype == "object":
        plain = [None if pd.isna(v) else v for v in values]
        return pa.array(plain, type=kind, from_pandas=True), [v if isinstance(v, str) else "" for v in plain]
    if dtype == "Int64":
        if all(v is None or v is pd.NA or type(v) is int or isinstance(v, np.integer) for v in values):
            plain = [None if v is None or v is pd.NA else int(v) for v in values]
            return pa.array(plain, type=kind), ["" if v is None else str(v) for v in plain]
    elif all(type(v) is str for v in values):
        return pa.array(values, type=kind), list(values)
    return _column(pd.Series(pd.array(list(values), dtype=dtype)), kind)


def rendered_columns(columns: dict[str, tuple[str, list]]) -> tuple[bytes, object]:
    """What ``write.rendered`` gives (CSV lines and Arrow table) for the table of these columns
    (name: (dtype, values), as ``_values_column`` takes them: text, float64, int64, Int64 or
    bool), made column by column without the table (several times faster than ``to_csv`` and
    ``pyarrow.Table.from_pandas``; ``tests/test_panel_entry.py`` checks they agree)."""
    import pyarrow as pa

    schema = _schema(tuple((name, dtype) for name, (dtype, _) in columns.items()))
    arrays, fields = [], []
    for name, (dtype, values) in columns.items():
        arrow, shown = _values_column(dtype, values, schema.field(name).type)
        arrays.append(arrow)
        fields.append(shown)
    n = len(next(iter(columns.values()))[1]) if columns else 0
    return (_csv_lines(fields) if n else b""), pa.Table.from_arrays(arrays, schema=schema)


# The dtype ``facts.targets`` gives each column of its table.
_ROW_DTYPES = {**dict.fromkeys(_FLOATS, "float64"), **dict.fromkeys(_INTS, "int64"),
               **dict.fromkeys(_NULLABLE_INTS, "Int64"), "main": "bool", "scope": "object"}


def _rendered(report, rows: list[tuple], joined: dict) -> tuple[bytes, object]:
    """``rows`` (of the targets stage, tuples of ``TARGET_COLUMNS``) with ``joined`` (the place
    columns, the same on every row) and each row's sentence, as ``write.rendered`` gives the
    ``typed`` table of ``ROW_COLUMNS``: its CSV lines and its Arrow table, built straight from
    the values (a typed DataFrame costs several times more, and so does the stage's table)."""
    import pyarrow as pa

    n = len(rows)
    schema = row_schema()
    columns = dict(zip(TARGET_COLUMNS, zip(*rows))) if n else dict.fromkeys(TARGET_COLUMNS, ())
    sentences = [int(k) for k in columns["sentence"]]
    text_of = {k: report.sentence_text(k) for k in set(sentences)}
    texts = [text_of[k] for k in sentences]
    arrays, fields = [], []
    for column in ROW_COLUMNS:
        kind = schema.field(column).type
        if column in joined:
            value = joined[column]
            arrow, shown = pa.array([value] * n, type=kind), [("" if value is None else str(value))] * n
        elif column == "sentence_text":
            arrow, shown = pa.array(texts, type=kind), texts
        else:
            arrow, shown = _values_column(_ROW_DTYPES.get(column, "str"), columns[column], kind)
        arrays.append(arrow)
        fields.append(shown)
    return (_csv_lines(fields) if n else b""), pa.Table.from_arrays(arrays, schema=schema)


def _keyed(rows):
    """The rows of an Arrow table of ``_rendered`` with a key, in ``KEYED_COLUMNS`` (an Arrow
    table: ``keyed_frame`` makes it a DataFrame when a comparison reads it)."""
    import pyarrow.compute as pc

    return rows.filter(pc.not_equal(rows.column("key"), "")).select(KEYED_COLUMNS)


def keyed_frame(kept) -> pd.DataFrame:
    """Keyed rows (``_keyed``) as a ``typed`` DataFrame."""
    import pyarrow as pa

    mapping = {pa.large_string(): pd.StringDtype("pyarrow"), pa.int64(): pd.Int64Dtype()}
    table = kept.to_pandas(types_mapper=mapping.get, split_blocks=True)
    table["sentence"] = table["sentence"].astype("int64")
    return table


def _main(rows) -> list[tuple]:
    """``tables.main_rows`` of the keyed targets, as tuples (what ``itertuples`` gives), read
    from the Arrow table of ``_rendered``."""
    from .tables import MAIN_COLUMNS, wording

    import numpy as np

    columns = {c: rows.column(c).to_pylist() for c in ("key", "main", "horizon", "scope", "value")}
    seen, picked = set(), []
    for i, (key, main, horizon, scope, value) in enumerate(zip(*columns.values())):
        if main and horizon == "year" and scope is None and key and value is not None and key not in seen:
            seen.add(key)
            picked.append(i)
    if not picked:
        return []
    chosen = rows.take(picked)
    values = {c: chosen.column(c).to_pylist() for c in MAIN_COLUMNS if c != "wording"}
    out = []
    for i in range(len(picked)):
        row = []
        for c in MAIN_COLUMNS[:-1]:
            v = values[c][i]
            if c == "year":
                v = pd.NA if v is None else np.int64(v)
            elif c in _FLOATS:
                v = float("nan") if v is None else v
            elif v is None:
                v = pd.NA
            row.append(v)
        phrase = values["phrase"][i]
        out.append((*row, wording(values["qualifier"][i], "" if phrase is None else phrase)))
    return out


def _failed(row: dict) -> dict:
    return {"summary": {"row": row, "parent_adcode": "", "main": []}}


def read_entry(path: str, given: dict | None = None) -> dict:
    """The entry of one report file (see the module docstring): ``summary`` (the row of
    ``reports``, the parent's code, the main targets as tuples of ``tables.MAIN_COLUMNS``),
    ``rendered`` (targets and results as CSV lines and an Arrow table, ready to write),
    ``keyed`` (their keyed rows in ``KEYED_COLUMNS``, what compare reads, as Arrow tables), ``slogans`` and ``text``. Never raises
    for a bad file: its row has status ``error`` and the error, and the entry no tables."""
    from .. import ReportError, load_report
    from ..analysis.language import slogans
    from ..facts.targets import result_rows, target_rows

    given = {k: v for k, v in (given or {}).items() if v}
    row = dict.fromkeys(REPORT_COLUMNS)
    row.update(path=path, sha256=sha256_of(path), status="error", error="")
    try:
        report = load_report(path, **given)
        tables = {"targets": target_rows(report), "results": result_rows(report)}
        found = slogans(report)[["term", "count"]].reset_index(drop=True)
    except ReportError as err:
        row["error"] = str(err)
        return _failed(row)
    except Exception as err:  # a bug on one file must not stop the panel: report it on its row
        row["error"] = f"{path}: unexpected {type(err).__name__}: {err}"
        return _failed(row)
    meta = report.meta
    row.update({k: meta.get(k) for k in META_KEYS})
    row["year"] = None if meta.get("year") is None else int(meta["year"])
    row["format"] = meta.get("format") or Path(path).suffix.lstrip(".").lower()
    where = locate(meta.get("place"), meta.get("level"))
    row.update(status="ok", adcode=where.adcode, parent=where.parent, note=where.note,
               targets=len(tables["targets"]), results=len(tables["results"]))
    joined = {"path": path, "place": row["place"], "level": row["level"], "parent": where.parent,
              "adcode": where.adcode, "year": row["year"]}
    rendered, keyed = {}, {}
    for name, t in tables.items():
        rendered[name] = _rendered(report, t, joined)
        keyed[name] = _keyed(rendered[name][1])
    main = _main(rendered["targets"][1])
    return {"summary": {"row": row, "parent_adcode": where.parent_adcode, "main": main},
            "rendered": rendered, "keyed": keyed, "slogans": found, "text": report.text}
