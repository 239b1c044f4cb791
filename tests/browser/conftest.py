"""Fixtures of the site tests (`make test-site`; not part of `make test`).

Sites are built once per session with `make report REPORT=… OUT=<temporary build folder>`,
the way a user builds them, into one temporary build folder, so they share its
`index.html`. Session fixtures (use these names; other test files rely on them):

- ``build_root``: Path of that temporary build folder (the ``--out`` of every build).
- ``bundled_site``: Path of the bundled report's site, ``build_root / "jiaozuo-2021"``
  (``html/``, ``data/``, ``notebooks/``, ``site.json``). Built first.
- ``synthetic_site``: Path of the site of ``tests/data/reports/jianglan-province-2022.txt``
  (a province; part 二 has ten sections; HTML in a section heading, a point and a sentence).
- ``plain_site``: Path of the site of ``tests/data/reports/meixi-county-2023.txt`` (a county
  report whose parts have no （一） sections: one page per part).
- ``builds``: dict site name ("bundled", "synthetic", "plain") -> ``Built`` (site path, the
  terminal output of its ``make report``, and for the bundled site the hash of every file
  right after it was built).
- ``browser``: a headless chromium driven by Playwright (Debian's binary, not Playwright's
  download; ``GOVREPORT_CHROMIUM`` or /usr/bin/chromium). Missing chromium fails, never skips.
- ``page`` (per test): a fresh page; ``page.console_errors`` collects console errors, page
  errors and dialogs (an ``alert`` from injected HTML would land there).

Helpers: ``site_pages(site)`` lists a site's HTML pages (its index first); ``file_url(path)``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "data" / "reports"
SYNTHETIC = REPORTS / "jianglan-province-2022.txt"
PLAIN = REPORTS / "meixi-county-2023.txt"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@dataclass
class Built:
    site: Path
    output: str
    snapshot: dict[str, str] | None = None


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``, by relative path (and each file's mtime)."""
    return {
        str(p.relative_to(folder)): f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def make_report(report: Path | None, out: Path) -> str:
    """``make report [REPORT=…] OUT=…``; the terminal output (stdout and stderr together)."""
    cmd = ["make", "--no-print-directory", "report", f"OUT={out}"] + ([f"REPORT={report}"] if report else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{output[-4000:]}", pytrace=False)
    return output


def site_pages(site: Path) -> list[Path]:
    """The HTML pages of a site, its index first."""
    html = site / "html"
    return [html / "index.html"] + sorted(p for p in html.glob("*.html") if p.name != "index.html")


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
    output = make_report(None, build_root)
    site = build_root / "jiaozuo-2021"
    builds["bundled"] = Built(site, output, tree_hashes(site))
    return site


@pytest.fixture(scope="session")
def synthetic_site(build_root, builds, bundled_site) -> Path:
    output = make_report(SYNTHETIC, build_root)
    builds["synthetic"] = Built(build_root / "jianglan-2022", output)
    return builds["synthetic"].site


@pytest.fixture(scope="session")
def plain_site(build_root, builds, bundled_site) -> Path:
    output = make_report(PLAIN, build_root)
    builds["plain"] = Built(build_root / "meixi-2023", output)
    return builds["plain"].site


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
