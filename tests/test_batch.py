"""Batch runs that survive interruption, dying workers and files that hang (govreport.batch).

The signal tests run ``govreport facts`` in a subprocess over a folder of synthetic reports,
made slow by a test-only setting, signal it while its workers read, then check that no
process is left, no table written and the exit status is right.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from govreport import batch, cli, collect

from test_cli import report_text

LIB = str(Path(__file__).resolve().parents[1] / "lib")


def make_corpus(root: Path, n: int) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"r{i:03d}.txt").write_text(report_text(2020 + i % 5, f"{5 + i % 3}.1%", "6%"), encoding="utf-8")
    return [f"{root.name}/r{i:03d}.txt" for i in range(n)]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_corpus(tmp_path / "corpus", 6)


def reports_table(out: str = "out") -> pd.DataFrame:
    return pd.read_csv(f"{out}/reports.csv", encoding="utf-8-sig", keep_default_na=False)


# --- the runner itself ------------------------------------------------------------------------

def square_or_fail(x):
    if x == 3:
        raise ValueError("three is not welcome")
    return x * x


def test_results_in_input_order_and_errors_as_results():
    got = batch.run(square_or_fail, [5, 3, 1, 4, 2], jobs=2, progress=False)
    assert got[0] == 25 and got[2:] == [1, 16, 4]
    assert got[1] == batch.Failure(3, "unexpected ValueError: three is not welcome")
    seen = []
    batch.run(abs, [-1, -2, -3], jobs=2, on_result=lambda i, r: seen.append((i, r)), progress=False)
    assert sorted(seen) == [(0, 1), (1, 2), (2, 3)]


def test_items_added_during_the_run_go_before_the_rest_and_their_results_follow():
    # a result below 10 asks for its tenfold; one worker: the item given out already runs first
    order = []
    got = batch.run(abs, [-1, -2, -3], jobs=1, on_result=lambda i, r: order.append(i),
                    more=lambda i, r: [-10 * r] if r < 10 else [], progress=False)
    assert got == [1, 2, 3, 10, 20, 30]
    assert order == [0, 1, 3, 4, 2, 5]
    assert sorted(batch.run(abs, [-1, -2, -3, -4], jobs=2, more=lambda i, r: [-10 * r] if r < 10 else [],
                            progress=False)) == [1, 2, 3, 4, 10, 20, 30, 40]


def spawn_then_die(pid_file):
    """Start a process in a session of its own (as Jupyter starts a kernel), then die."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    Path(pid_file).write_text(str(child.pid))
    os.kill(os.getpid(), signal.SIGKILL)


def gone(pid: int, within: float = 5.0) -> bool:
    """The process has ended (or is a zombie waiting for its parent), within a few seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def test_a_dead_workers_own_children_are_stopped_too(tmp_path):
    pid_file = tmp_path / "child.pid"
    got = batch.run(spawn_then_die, [str(pid_file)], jobs=1, progress=False)
    assert got == [batch.Failure(str(pid_file), "the process reading this file died (signal 9)")]
    assert gone(int(pid_file.read_text()))


def always_die(x):
    os.kill(os.getpid(), signal.SIGKILL)


def test_three_deaths_in_a_row_stop_the_run_with_what_it_has():
    with pytest.raises(batch.WorkersDied) as stopped:
        batch.run(always_die, list(range(10)), jobs=1, progress=False)
    results = stopped.value.results
    assert [r.message for r in results[:3]] == ["the process reading this file died (signal 9)"] * 3
    assert results[3:] == [None] * 7
    assert "3 worker processes died in a row, the last one on 2 (signal 9)" == str(stopped.value)


# --- govreport facts: a worker dies, a file hangs ----------------------------------------------

def test_a_worker_that_dies_makes_an_error_row_and_the_run_goes_on(corpus, capsys, monkeypatch):
    monkeypatch.setenv("GOVREPORT_TEST_DIE_ON", "r002.txt")
    assert cli.main(["facts", "corpus", "-o", "out", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "5 reports read, 1 failed (see out/reports.csv)" and "Traceback" not in err
    reports = reports_table()
    assert reports["path"].tolist() == corpus
    assert reports["status"].tolist() == ["ok", "ok", "error", "ok", "ok", "ok"]
    assert reports["error"][2] == "corpus/r002.txt: the process reading this file died (signal 9)"
    assert reports["sha256"][2] == hashlib.sha256(Path("corpus/r002.txt").read_bytes()).hexdigest()


def test_workers_that_keep_dying_stop_the_run_and_mark_the_tables_incomplete(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = report_text(2024, "5.5%", "5%")
    for name in ("0/ok.txt", "a/x.txt", "b/x.txt", "c/x.txt", "d/x.txt", "e/ok.txt"):
        (tmp_path / "in" / name).parent.mkdir(parents=True)
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("GOVREPORT_TEST_DIE_ON", "x.txt")
    assert cli.main(["facts", "in", "-o", "out", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err == ("govreport facts: stopped: 3 worker processes died in a row, the last one on in/c/x.txt "
                   "(signal 9); 1 reports read, 3 failed, 2 not read (status 'not read' in out/reports.csv)\n")
    reports = reports_table()
    assert reports["status"].tolist() == ["ok", "error", "error", "error", "not read", "not read"]
    assert reports["error"].tolist()[4:] == [f"in/{n}: {collect.NOT_READ}" for n in ("d/x.txt", "e/ok.txt")]
    assert len(pd.read_csv("out/facts.csv", encoding="utf-8-sig")) > 0  # what was read is written


def children() -> set[int]:
    """This process's children (the test process may have others, such as multiprocessing's resource tracker)."""
    return {c.pid for c in psutil.Process().children(recursive=True)}


def test_an_item_past_the_time_limit_is_stopped_and_the_others_run():
    before = children()
    t0 = time.monotonic()
    got = batch.run(time.sleep, [0, 60, 0, 0], jobs=2, timeout=1, progress=False)
    assert got == [None, batch.Failure(60, "took longer than 1 s (--timeout); stopped"), None, None]
    assert time.monotonic() - t0 < 30
    assert children() <= before


def test_a_file_that_hangs_times_out(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_corpus(tmp_path / "corpus", 2)
    monkeypatch.setenv("GOVREPORT_TEST_HANG_ON", "r001.txt")
    assert cli.main(["facts", "corpus", "-o", "out", "--jobs", "2", "--timeout", "3"]) == 1
    reports = reports_table()
    assert reports["status"].tolist() == ["ok", "error"]
    assert reports["error"][1] == "corpus/r001.txt: took longer than 3 s (--timeout); stopped"


# --- govreport facts interrupted ---------------------------------------------------------------

@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_run_leaves_no_process_and_no_table(tmp_path, signum, status):
    paths = make_corpus(tmp_path / "corpus", 40)
    env = {**os.environ, "PYTHONPATH": LIB, "GOVREPORT_TEST_SLEEP": "0.3"}
    run = subprocess.Popen([sys.executable, "-m", "govreport", "facts", "corpus", "-o", "out", "--jobs", "2"],
                           cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    main = psutil.Process(run.pid)
    deadline = time.monotonic() + 20
    while len(main.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the workers are reading
    workers = main.children(recursive=True)
    assert len(workers) == 2
    run.send_signal(signum)
    out, err = run.communicate(timeout=20)
    assert run.returncode == status, err
    done = err.strip().splitlines()[-1]
    assert done.startswith("govreport facts: interrupted after ") and done.endswith(f" of {len(paths)} reports; nothing written")
    assert 0 <= int(done.split("after ")[1].split(" ")[0]) < len(paths)  # how many: see the test below
    assert "Traceback" not in err
    assert all(gone(w.pid) for w in workers)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # no table, no temporary folder


def test_interrupted_counts_the_items_done(tmp_path):
    def interrupt_after_three(i, result):
        if len(done) == 2:
            os.kill(os.getpid(), signal.SIGINT)
        done.append(i)

    done: list[int] = []
    before = children()
    with pytest.raises(batch.Interrupted) as stopped:
        batch.run(time.sleep, [0.01] * 8 + [30] * 2, jobs=2, on_result=interrupt_after_three, progress=False)
    assert (stopped.value.done, stopped.value.total, stopped.value.exit_status) == (3, 10, 130)
    assert children() <= before


SCRIPT = """
import subprocess, sys, time
from pathlib import Path
from govreport import batch

def page(name):
    # a process in a session of its own, as Jupyter starts a page's kernel
    kernel = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    Path(name + ".pid").write_text(str(kernel.pid))
    time.sleep(60)

try:
    batch.run(page, ["a", "b"], jobs=2)
except batch.Interrupted as err:
    print(f"interrupted after {err.done} of {err.total}")
    sys.exit(err.exit_status)
"""


def test_an_interrupted_run_stops_the_workers_children_in_their_own_sessions(tmp_path):
    env = {**os.environ, "PYTHONPATH": LIB}
    run = subprocess.Popen([sys.executable, "-c", SCRIPT], cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while len(list(tmp_path.glob("*.pid"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    kernels = [int(p.read_text()) for p in tmp_path.glob("*.pid")]
    assert len(kernels) == 2 and not any(gone(k, within=0) for k in kernels)
    run.send_signal(signal.SIGHUP)
    out, _ = run.communicate(timeout=20)
    assert (run.returncode, out) == (129, "interrupted after 0 of 2\n")
    assert all(gone(k) for k in kernels)
