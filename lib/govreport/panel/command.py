"""``govreport panel PATH... -o OUT [--jobs N] [--meta FILE.csv]`` (``cli.panel`` calls ``run``).

Steps, each a function here:

1. ``collect.find_reports``: the report files given, and those found under the folders given
   (as ``govreport facts`` finds them).
2. ``read_all``: each file's entry (``entry.read_entry``) from the cache ``OUT/.cache/`` when
   its content, its given metadata and the library are unchanged, else read in a worker
   process and stored at once (a stopped run keeps what it finished). As the entries come
   in, a ``stream.Stream`` handles them in file order: two reports of one place and year
   (the first by path is used, the other's ``duplicate_of`` names it, and its rows are left
   out of every other table); the targets and results rows, written at once; the
   comparison of each pair of consecutive years of a place (verdicts and slogan changes),
   given to a worker as soon as both its reports are in, cached under the names of both.
3. ``compare_all``: the pairs the reading left (when every entry came from the cache, or a
   run stopped).
4. ``write_panel``: reports, escalation, levels, verdicts and slogans, as CSV and Parquet,
   beside the targets and results, into a temporary folder moved into OUT when all is written.

Exit status: 0, 1 when a file could not be read (its row says why), 2 when no report was
found or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa

from .. import batch, collect
from ..reading.files import REPORT_SUFFIXES
from . import entry as entries
from .stream import Stream, place_key
from .tables import (ESCALATION_COLUMNS, LEVEL_COLUMNS, MAIN_COLUMNS, escalation, levels, slogan_frame, slogan_rows,
                     slogan_values, verdict_columns, verdict_values)
from .write import TableWriter, write_frame

TABLES = ("reports", "targets", "results", "verdicts", "escalation", "levels", "slogans")
CACHE = ".cache"


def read_manifest(path: str | None, files: list[str]) -> dict[str, dict]:
    """``--meta FILE.csv`` (``collect.read_manifest``: columns file, date, place, level; file
    relative to the manifest's folder or absolute): the metadata given for each file, by the
    path as the panel names it. Raises ``collect.ManifestError`` for a manifest that cannot be used."""
    if not path:
        return {}
    return collect.given_by_file(collect.read_manifest(path), files)


def _read_and_store(plan: dict[str, tuple[dict, str]], path: str) -> dict:
    """A worker's task: read one file, store its entry, return its summary. ``plan`` gives
    each path its metadata and its cache file (the item is the path itself, so that
    ``batch``'s messages and test settings name the file)."""
    given, where = plan[path]
    e = entries.read_entry(path, given)
    entries.store(e, Path(where))
    return e["summary"]


def _task(plan: dict[str, tuple[dict, str]], item: str | tuple[str, str, str]) -> dict | None:
    """A worker's task: a file to read (a path) or a pair to compare (a tuple, ``compare_task``)."""
    return _compare_and_store(item) if isinstance(item, tuple) else _read_and_store(plan, item)


def _warm_up() -> None:
    """Load once, before forking, what every worker needs (fact engine, key table, places)."""
    from ..facts import facts_from_text
    from .places import locate

    collect.warm_up()
    facts_from_text("新建学校三所，两成企业。")  # Chinese numerals: cn2an, imported on first use
    locate("北京市")
    entries.fingerprint()


def _error_summary(path: str, message: str, status: str = "error") -> dict:
    """The summary of a file whose reading failed outside ``read_entry`` (its process died, it
    took too long) or that a stopped run never read; never cached, so a rerun reads it again."""
    row = dict.fromkeys(entries.REPORT_COLUMNS)
    row.update(path=path, sha256=entries.sha256_of(path), status=status, error=f"{path}: {message}")
    return {"row": row, "parent_adcode": "", "main": []}


def read_all(files: list[str], cache: Path, stream_for, jobs: int = 1, given: dict | None = None,
             timeout: float | None = None) -> tuple[list[dict], int, Exception | None]:
    """The summary of every file, in order, how many were read (not taken from the cache),
    and ``batch.WorkersDied`` when the run stopped because workers kept dying (the files
    not read then have status ``not read``). Each summary gets ``key``, its entry's name in
    the cache. Entries are stored as they are read: an interrupted run keeps them.
    ``stream_for(keys)`` gives the ``stream.Stream`` that takes the summaries as they come
    in; the pairs it starts are compared by the same workers, before the files left to read."""
    given = given or {}
    keys = [entries.cache_key(f, entries.sha256_of(f), given.get(f, {})) for f in files]
    stream = stream_for(keys)
    tasks, slots, pair_tasks = [], [], []
    for i, (f, key) in enumerate(zip(files, keys)):
        where = entries.cache_file(cache, key)
        cached = entries.load_cached(where, "summary") if where.exists() else None
        if cached is not None:
            pair_tasks.extend(stream.add(i, cached["summary"]))
        else:
            tasks.append((f, given.get(f, {}), str(where)))
            slots.append(i)
    stopped = None
    if tasks:
        if jobs > 1 and len(tasks) > 1:
            _warm_up()
        plan = {t[0]: (t[1], t[2]) for t in tasks}
        n = len(pair_tasks)

        def on_error(item, message):
            return None if isinstance(item, tuple) else _error_summary(item, message)

        read = [0]

        def more(i, result):  # a file read (or failed): the pairs it completes
            if not n <= i < n + len(tasks):
                return []
            read[0] += 1
            return stream.add(slots[i - n], result)

        try:
            batch.run(functools.partial(_task, plan), pair_tasks + [t[0] for t in tasks], jobs=jobs, timeout=timeout,
                      on_error=on_error, more=more, unit="task", failed=lambda s: s is not None and s["row"]["status"] != "ok")
        except batch.Interrupted as err:
            err.done = read[0]  # files read, not pairs compared
            raise
        except batch.WorkersDied as err:
            stopped = err
            for i, (t, r) in enumerate(zip(tasks, err.results[n:n + len(tasks)])):
                if r is None:
                    stream.add(slots[i], _error_summary(t[0], collect.NOT_READ, "not read"))
    return stream.summaries, len(tasks), stopped


def used(summaries: list[dict]) -> list[dict]:
    return [s for s in summaries if s["row"]["status"] == "ok" and not s["row"]["duplicate_of"]]


def reports_table(summaries: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame([s["row"] for s in summaries], columns=entries.REPORT_COLUMNS)
    for c in table.columns:
        if c in ("year", "targets", "results"):
            table[c] = pd.to_numeric(table[c], errors="coerce").astype("Int64")
        else:
            table[c] = table[c].astype("string")
    return table


def pairs(summaries: list[dict]) -> list[tuple[dict, dict]]:
    """(previous, current) for every place with used reports of consecutive years, by place then year."""
    by_place: dict = {}
    for s in used(summaries):
        row = s["row"]
        if row["year"] is not None and place_key(row) is not None:
            by_place.setdefault(place_key(row), {})[int(row["year"])] = s
    out = []
    for place in sorted(by_place):
        years = by_place[place]
        out.extend((years[y], years[y + 1]) for y in sorted(years) if y + 1 in years)
    return out


def _pair_file(cache: Path, previous: dict, current: dict) -> Path:
    return entries.cache_file(cache / "pairs", hashlib.sha256(f"{previous['key']} {current['key']}".encode()).hexdigest())


def compare_task(cache: Path, started: set, previous: dict, current: dict) -> tuple[str, str, str] | None:
    """The task comparing two entries (their cache files and the pair's), or None when the
    pair's file exists or its task was given already (``started``: their pair files)."""
    where = _pair_file(cache, previous, current)
    if where in started or where.exists():
        return None
    started.add(where)
    return str(entries.cache_file(cache, previous["key"])), str(entries.cache_file(cache, current["key"])), str(where)


def _compare_and_store(task: tuple[str, str, str]) -> None:
    """A worker's task: the verdicts and slogan changes of one pair, rendered, stored."""
    rendered = entries.rendered_columns
    previous, current, where = (entries.load_cached(Path(task[0]), rendered=False),
                                entries.load_cached(Path(task[1]), rendered=False), task[2])
    pair = {"verdicts": rendered(verdict_values(previous, current)),
            "slogans": rendered(slogan_values(slogan_rows(previous, current)))}
    entries.store({"summary": {}, "rendered": pair}, Path(where))


def compare_all(summaries: list[dict], cache: Path, jobs: int = 1, started: set | None = None) -> list[Path]:
    """The cache file of every pair's verdicts and slogans, computing the missing ones that
    were not tried already (``started``: a pair whose comparison failed adds no rows)."""
    started = set() if started is None else started
    files, tasks = [], []
    for previous, current in pairs(summaries):
        files.append(_pair_file(cache, previous, current))
        task = compare_task(cache, started, previous, current)
        if task is not None:
            tasks.append(task)
    if tasks:
        # A pair whose comparison fails (its worker died, or a bug) adds no rows; nothing stops the panel.
        batch.run(_compare_and_store, tasks, jobs=jobs, on_error=lambda task, message: None)
    return [f for f in files if f.exists()]


def write_panel(summaries: list[dict], cache: Path, pair_files: list[Path], folder: Path) -> None:
    """Write the tables but targets and results (``stream.Stream`` writes those) into
    ``folder`` (see the module docstring): the small ones made from the summaries first,
    then the rows of each pair, read from the cache one file at a time (``write.TableWriter``)."""
    write_frame(folder, "reports", reports_table(summaries))
    good = used(summaries)
    main = pd.DataFrame([m for s in good for m in s["main"]], columns=MAIN_COLUMNS)
    esc = escalation(main, good)
    write_frame(folder, "escalation", esc[ESCALATION_COLUMNS])
    write_frame(folder, "levels", levels(main, esc)[LEVEL_COLUMNS])
    del main, esc
    pa.default_memory_pool().release_unused()
    empty = {"verdicts": pd.DataFrame(columns=list(verdict_columns())).astype(verdict_columns()),
             "slogans": slogan_frame([])}
    writers = {name: TableWriter(folder, name, table) for name, table in empty.items()}
    for f in pair_files:
        e = entries.load_cached(f, "rendered")
        for name, w in writers.items():
            w.add(*e["rendered"][name])
    for w in writers.values():
        w.close()


def prune(cache: Path, keep: set[Path]) -> None:
    """Remove the cache entries this run does not use (files changed or gone)."""
    for f in list(cache.glob("*/*.pkl")) + list(cache.glob("pairs/*/*.pkl")):
        if f not in keep:
            f.unlink(missing_ok=True)


def build(paths: list[str], out: Path, jobs: int = 1, meta: str | None = None,
          timeout: float | None = None, files: list[str] | None = None) -> tuple[list[dict], int, Exception | None]:
    """The whole panel: read (or take from the cache), write the tables into ``out``.
    Returns the summaries, how many files were read afresh, and ``batch.WorkersDied`` when
    the run stopped early (the tables then hold what was read). ``files``: the report files
    of ``paths`` when the caller has found them already (``collect.find_reports``)."""
    from ..site.staging import staging

    files = collect.find_reports(paths) if files is None else files
    cache = out / CACHE
    given = read_manifest(meta, files)
    started: set = set()
    with staging(out.parent, f".{out.name}.tmp-") as tmp:
        streams = []

        def stream_for(keys):
            streams.append(Stream(tmp, cache, keys, functools.partial(compare_task, cache, started)))
            return streams[-1]

        try:
            summaries, fresh, stopped = read_all(files, cache, stream_for, jobs, given, timeout)
        finally:
            for s in streams:
                s.close()
        pair_files = compare_all(summaries, cache, jobs, started)
        write_panel(summaries, cache, pair_files, tmp)
        out.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            for ext in ("csv", "parquet"):
                os.replace(tmp / f"{name}.{ext}", out / f"{name}.{ext}")
    if stopped is None:
        prune(cache, {entries.cache_file(cache, s["key"]) for s in summaries} | set(pair_files))
    return summaries, fresh, stopped


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders holding them")
    p.add_argument("-o", "--out", required=True, metavar="OUT", help="output folder (created; our tables in it replaced)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="processes to use (default: all cores)")
    p.add_argument("--meta", metavar="FILE.csv", help="metadata a file lacks: columns file,date,place,level")


def run(args) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"govreport panel: {out} exists and is not a folder", file=sys.stderr)
        return 2
    files = collect.find_reports(args.paths)
    if not files:
        shown = ", ".join(REPORT_SUFFIXES)
        print(f"govreport panel: no report ({shown}) found under {' '.join(args.paths)}", file=sys.stderr)
        return 2
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    try:
        summaries, fresh, stopped = build(args.paths, out, jobs, args.meta, getattr(args, "timeout", None), files)
    except batch.Interrupted as err:
        err.total = len(files)
        raise
    except collect.ManifestError as err:
        print(f"govreport panel: {err}", file=sys.stderr)
        return 2
    failed = sum(s["row"]["status"] == "error" for s in summaries)
    read = sum(s["row"]["status"] == "ok" for s in summaries)
    duplicates = sum(bool(s["row"]["duplicate_of"]) for s in summaries)
    if stopped is not None:
        print(f"govreport panel: stopped: {stopped}; {read} reports read, {failed} failed, "
              f"{len(summaries) - read - failed} not read (status 'not read' in {out / 'reports.csv'})", file=sys.stderr)
        return 1
    print(f"{read} reports read ({fresh} afresh, {len(summaries) - fresh} from the cache), "
          f"{failed} failed, {duplicates} duplicates set aside (see {out / 'reports.csv'})")
    return 1 if failed else 0
