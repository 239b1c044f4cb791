"""Fixtures of the site tests (`make test-site`; not part of `make test`).

Sites are built once per session with the command `make report` runs
(`python -m govreport site [PATH…] --out <temporary build folder>`; called directly so
that the tests never set up an environment), into one temporary build folder, so they share
its `index.html`. Session fixtures (use these names; other test files rely on them):

- ``build_root``: Path of that temporary build folder (the ``--out`` of every build).
- ``bundled_site``: Path of the bundled report's site, ``build_root / "jiaozuo-2021"``
  (``html/``, ``data/``, ``notebooks/``, ``site.json``). Built first.
- ``synthetic_site``: Path of the site of ``tests/data/reports/jianglan-province-2022.txt``
  (a province; part 二 has ten sections; HTML in a section heading, a point and a sentence).
- ``plain_site``: Path of the site of ``tests/data/reports/meixi-county-2023.txt`` (a county
  report whose parts have no （一） sections: one page per part).
- ``province_a_site``, ``province_b_site``: Paths of the sites of two real provincial reports
  of ``seeds/provinces-2025/`` (``PROVINCES``), built together by one command given both files.
- ``failing_site``: Path of the site of the plain county report built with a test-only folder
  of notebooks (the overview and section notebooks of ``notebooks/``, and ``BROKEN_PAGE``, a
  page that raises ``BROKEN_ERROR`` in its third cell); the build must exit with status 1.
- ``builds``: dict site name ("bundled", "synthetic", "plain", "provinces", "failing") ->
  ``Built`` (site path, the terminal output of its build, its exit status, and for the bundled
  site the hash of every file right after it was built).
- ``browser``: a headless chromium driven by Playwright (Debian's binary, not Playwright's
  download; ``GOVREPORT_CHROMIUM`` or /usr/bin/chromium). Missing chromium fails, never skips.
- ``page`` (per test): a fresh page; ``page.console_errors`` collects console errors, page
  errors and dialogs (an ``alert`` from injected HTML would land there).

Helpers: ``site_pages(site)`` lists a site's HTML pages (its index first); ``file_url(path)``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "data" / "reports"
SYNTHETIC = REPORTS / "jianglan-province-2022.txt"
PLAIN = REPORTS / "meixi-county-2023.txt"
#: Two real provincial reports (Word files): one in two parts without sections, one with nine sections.
PROVINCES = [ROOT / "seeds" / "provinces-2025" / f"{name}.docx" for name in ("shanghai-2025", "qinghai-2025")]
#: The page of the failing site that raises, on purpose, and what it raises.
BROKEN_PAGE = "09_broken"
BROKEN_ERROR = ("LookupError", "no figure for 上游县 in /tmp/someone/tables/upstream.csv")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@dataclass
class Built:
    site: Path
    output: str
    snapshot: dict[str, str] | None = None
    status: int = 0
    sites: list[Path] | None = None


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path (and each file's mtime)."""
    return {
        str(p.relative_to(folder)): f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def make_report(reports: list[Path], out: Path, *extra: str, status: int = 0) -> str:
    """What ``make report REPORT=… OUT=…`` runs; its terminal output (stdout and stderr together).
    Fails the test unless it exits with ``status``."""
    cmd = [sys.executable, "-m", "govreport", "site", *map(str, reports), "--out", str(out), *extra]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "lib"), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800, env=env)
    output = done.stdout + done.stderr
    if done.returncode != status:
        pytest.fail(f"{' '.join(cmd)} exited with {done.returncode}, not {status}:\n{output[-4000:]}", pytrace=False)
    return output


def site_pages(site: Path) -> list[Path]:
    """The HTML pages of a site, its index first."""
    html = site / "html"
    return [html / "index.html"] + sorted(p for p in html.glob("*.html") if p.name != "index.html")


def walk_next(page, site: Path, first: str) -> list[str]:
    """The pages met by clicking "next" from ``first`` until there is none (file names)."""
    page.goto(file_url(site / "html" / first))
    walked = [first]
    while page.locator("nav.site.top a.next").count():
        page.locator("nav.site.top a.next").click()
        page.wait_for_load_state("load")
        walked.append(page.url.rsplit("/", 1)[1])
    return walked


def file_url(path: Path) -> str:
    return Path(path).resolve().as_uri()


@pytest.fixture(scope="session")
def build_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session")
def builds(build_root) -> dict[str, Built]:
    return {}


@pytest.fixture(scope="session")
def bundled_site(build_root, builds) -> Path:
    output = make_report([], build_root)
    site = build_root / "jiaozuo-2021"
    builds["bundled"] = Built(site, output, tree_hashes(site))
    return site


@pytest.fixture(scope="session")
def synthetic_site(build_root, builds, bundled_site) -> Path:
    output = make_report([SYNTHETIC], build_root)
    builds["synthetic"] = Built(build_root / "jianglan-2022", output)
    return builds["synthetic"].site


@pytest.fixture(scope="session")
def plain_site(build_root, builds, bundled_site) -> Path:
    output = make_report([PLAIN], build_root)
    builds["plain"] = Built(build_root / "meixi-2023", output)
    return builds["plain"].site


def site_of(build_root: Path, report: Path) -> Path:
    """The site built from ``report`` (the one whose site.json names its file)."""
    for info in build_root.glob("*/site.json"):
        if json.loads(info.read_text(encoding="utf-8")).get("file") == report.name:
            return info.parent
    pytest.fail(f"no site of {report.name} in {build_root}", pytrace=False)


@pytest.fixture(scope="session")
def provincial_sites(build_root, builds, bundled_site) -> list[Path]:
    output = make_report(PROVINCES, build_root)
    sites = [site_of(build_root, p) for p in PROVINCES]
    builds["provinces"] = Built(sites[0], output, sites=sites)
    return sites


@pytest.fixture(scope="session")
def province_a_site(provincial_sites) -> Path:
    return provincial_sites[0]


@pytest.fixture(scope="session")
def province_b_site(provincial_sites) -> Path:
    return provincial_sites[1]


def failing_notebooks(folder: Path) -> Path:
    """A folder of notebooks: the real overview and section notebooks, and a page that raises."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("00_overview.ipynb", "section.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    error, message = BROKEN_ERROR
    nb = new_notebook(cells=[
        new_markdown_cell("# A page that breaks\n\nDoes a page that raises leave the rest of the site whole?"),
        new_code_cell("REPORT = None", metadata={"tags": ["parameters"]}),
        new_code_cell(f"raise {error}({message!r})"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, folder / f"{BROKEN_PAGE}.ipynb")
    return folder


@pytest.fixture(scope="session")
def failing_site(tmp_path_factory, builds) -> Path:
    """Built in a build folder of its own, so the other sites' checks never meet its failure."""
    out = tmp_path_factory.mktemp("build-failing")
    notebooks = failing_notebooks(tmp_path_factory.mktemp("notebooks-failing"))
    output = make_report([PLAIN], out, "--notebooks", str(notebooks), status=1)
    builds["failing"] = Built(out / "meixi-2023", output, status=1)
    return builds["failing"].site


def chromium_path() -> str:
    candidates = [os.environ.get("GOVREPORT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                  shutil.which("chromium"), shutil.which("chromium-browser")]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    pytest.fail("chromium not found (GOVREPORT_CHROMIUM, /usr/bin/chromium, chromium on PATH): "
                "install it (apt-get install chromium); the browser tests cannot run without it", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(f"console: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(f"pageerror: {e}"))

    def on_dialog(dialog):
        pg.console_errors.append(f"dialog: {dialog.type} {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()
