"""Installable anywhere: ``pip install .`` (not editable) into a fresh virtual environment
gives a working ``govreport`` command and a ``load_report()`` that finds the bundled report.

Slow (a minute or two: pip resolves and installs every dependency, from its cache when it
can), so it is not part of ``make test``: ``make test-install`` runs it, and so does CI
(``.ci/run``). It installs a copy of the working tree, as a user with a clone would, and
runs everything outside the repository with no PYTHONPATH, so nothing can come from ``lib/``.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".git", ".venv", "build", "__pycache__", "*.egg-info", ".ipynb_checkpoints",
                              ".hypothesis", ".pytest_cache", ".import_linter_cache")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv with the package installed, a clean environment, a work folder)."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=SKIP)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["MPLCONFIGDIR"] = str(tmp / "mplconfig")
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True, env=env, timeout=300)
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(source)],
                          env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shutil.rmtree(source)  # the installed package must not need the copy it was built from
    work = tmp / "work"
    work.mkdir()
    return bin_dir, env, work


def run(installed, *args):
    bin_dir, env, work = installed
    return subprocess.run([str(a) for a in args], cwd=work, env=env, capture_output=True, text=True, timeout=600)


def test_the_command_runs(installed):
    bin_dir = installed[0]
    done = run(installed, bin_dir / "govreport", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: govreport") and "facts" in done.stdout


def test_load_report_finds_the_bundled_report(installed):
    bin_dir = installed[0]
    code = ("import govreport, govreport.paths as p\n"
            "r = govreport.load_report()\n"
            "print(p.IN_REPOSITORY, 'site-packages' in govreport.__file__, r.meta['file'], len(r.facts))")
    done = run(installed, bin_dir / "python", "-c", code)
    assert done.returncode == 0, done.stderr
    in_repository, in_site_packages, name, facts = done.stdout.split()
    assert (in_repository, in_site_packages, name) == ("False", "True", "jiaozuo-2021.txt")
    assert int(facts) > 0


def test_facts_of_the_bundled_report(installed):
    bin_dir, _, work = installed
    where = run(installed, bin_dir / "python", "-c", "from govreport import paths; print(paths.DEFAULT_REPORT)")
    report = where.stdout.strip()
    assert "site-packages" in report and Path(report).is_file()
    done = run(installed, bin_dir / "govreport", "facts", report, "-o", work / "out")
    assert done.returncode == 0, done.stderr
    with open(work / "out" / "reports.csv", encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["status"] == "ok" and row["place"] == "焦作市"
    with open(work / "out" / "facts.csv", encoding="utf-8-sig", newline="") as f:
        facts = list(csv.DictReader(f))
    assert len(facts) == int(row["facts"]) > 0
