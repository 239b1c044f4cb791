"""What ``pip install .`` needs to know: every third-party module the package imports is a
declared dependency of pyproject.toml, and every file the package reads is package data.
(``tests/install`` installs it for real; this is the fast check run by ``make test``.)
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lib" / "govreport"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def imported_modules() -> set[str]:
    """Top-level names of every absolute import in the package, in functions too."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"govreport", "__future__"}


def test_every_imported_package_is_a_declared_dependency():
    declared = {_name(r) for r in PROJECT["project"]["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    missing = {}
    for module in sorted(imported_modules()):
        names = {_name(d) for d in distributions.get(module, [module])}
        if not names & declared:
            missing[module] = sorted(names)
    assert missing == {}, f"imported but not in [project] dependencies: {missing}"


def test_the_package_data_covers_every_file_the_package_reads():
    patterns = PROJECT["tool"]["setuptools"]["package-data"]["govreport"]
    files = [p.relative_to(PACKAGE) for p in PACKAGE.rglob("*")
             if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert files, "the package has data files (data/, the site's templates)"
    uncovered = [str(f) for f in files if not any(f.match(pattern) for pattern in patterns)]
    assert uncovered == []
