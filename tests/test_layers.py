"""The stages' import order: the layers contract of pyproject.toml ([tool.importlinter]).

``lint-imports`` must keep the contract on the package as it is, and break it on a copy
of the package with one import that runs back up a stage, placed inside a function (so the
check sees imports that run only when a function is called).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(lib: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(lib)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache"],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=120,
    )


def test_the_package_keeps_the_layers_contract():
    result = lint_imports(ROOT / "lib", ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, back_import",
    [
        ("reading/files.py", "from ..report import load_report"),  # reading -> report
        ("facts/numbers.py", "from .. import load_report"),  # facts -> the package root -> report
        ("analysis/prose.py", "from ..site import pages"),  # analysis -> site
    ],
)
def test_a_back_import_inside_a_function_breaks_the_contract(tmp_path, module, back_import):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "lib" / "govreport", lib / "govreport", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = lib / "govreport" / module
    target.write_text(
        target.read_text(encoding="utf-8") + f"\n\ndef _injected():\n    {back_import}\n", encoding="utf-8"
    )
    result = lint_imports(lib, tmp_path / "pyproject.toml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    importer = "govreport." + module.removesuffix(".py").replace("/", ".")
    assert importer in result.stdout
