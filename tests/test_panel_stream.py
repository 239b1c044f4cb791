"""The panel handles its reports as they come in (``panel.stream.Stream``): whatever the order
the workers finish in, duplicates, rows and pairs come out as reading all first gives them,
and a pair is started as soon as both its reports are known to be used."""

from __future__ import annotations

import functools
import shutil

import pytest

from govreport.panel import command
from govreport.panel import entry as entries
from govreport.panel.stream import Stream

from test_panel import PANEL, write_panel


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    """Two places over two years and a copy of one report, read into a cache: (files, summaries, cache)."""
    root = tmp_path_factory.mktemp("stream")
    folder = root / "reports"
    write_panel(folder, {"保定市": PANEL["保定市"], "高阳县": PANEL["高阳县"]})
    shutil.copy(folder / "2023" / "gaoyang-2023.txt", folder / "2023" / "zz-gaoyang-again.txt")
    files = sorted(str(p) for p in folder.rglob("*.txt"))
    cache = root / "cache"
    summaries = []
    for f in files:
        where = entries.cache_file(cache, entries.cache_key(f, entries.sha256_of(f), {}))
        summaries.append(command._read_and_store({f: ({}, str(where))}, f))
    return files, summaries, cache


def stream_in(order, read, folder):
    """Feed a fresh Stream the summaries in ``order``; (stream, pair tasks returned after each add)."""
    files, summaries, cache = read
    keys = [entries.cache_key(f, entries.sha256_of(f), {}) for f in files]
    folder.mkdir()
    stream = Stream(folder, cache, keys, functools.partial(command.compare_task, cache, set()))
    returned = []
    for i in order:
        returned.append(stream.add(i, {**summaries[i], "row": dict(summaries[i]["row"])}))
    stream.close()
    return stream, returned


def test_any_order_gives_the_rows_duplicates_and_pairs_of_file_order(read, tmp_path):
    files = read[0]
    n = len(files)
    forward, tasks_forward = stream_in(range(n), read, tmp_path / "forward")
    backward, tasks_backward = stream_in(reversed(range(n)), read, tmp_path / "backward")
    for name in ("targets", "results"):
        for ext in ("csv", "parquet"):
            assert (tmp_path / "forward" / f"{name}.{ext}").read_bytes() == \
                   (tmp_path / "backward" / f"{name}.{ext}").read_bytes()
    copy = files.index(next(f for f in files if "zz-gaoyang-again" in f))
    for s in (forward, backward):
        assert s.summaries[copy]["row"]["duplicate_of"].endswith("gaoyang-2023.txt")
        assert [r["row"]["duplicate_of"] for i, r in enumerate(s.summaries) if i != copy] == [None] * (n - 1)
    assert b"zz-gaoyang-again" not in (tmp_path / "forward" / "targets.csv").read_bytes()
    # the pairs of file order, each started once: in file order when its later report is in,
    # backwards only when the first file (whose place's 2023 report waits for it) comes in
    expected = {(p["key"], c["key"]) for p, c in command.pairs(forward.summaries)}
    key_of_file = {str(entries.cache_file(read[2], s["key"])): s["key"] for s in forward.summaries}
    started = [(key_of_file[t[0]], key_of_file[t[1]]) for ts in tasks_forward for t in ts]
    assert len(expected) == 2 and sorted(started) == sorted(expected)
    assert [len(ts) for ts in tasks_backward] == [0] * (n - 1) + [2]


def test_a_pair_already_compared_is_not_started_again(read, tmp_path):
    files, summaries, cache = read
    _, first = stream_in(range(len(files)), read, tmp_path / "first")
    for task in (t for ts in first for t in ts):
        command._compare_and_store(task)
    _, again = stream_in(range(len(files)), read, tmp_path / "again")
    assert [t for ts in again for t in ts] == []
