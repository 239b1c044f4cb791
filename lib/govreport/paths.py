"""Where things live. Paths come from the package, never from the working directory.

The package is installed in editable mode (``pip install -e .``), so ``__file__``
stays inside the repository: ``lib/govreport/paths.py`` -> repository root is
``parents[2]``. A notebook therefore finds the seeds the same way whether it runs
from JupyterLab, nbval, papermill or a script in another folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
ROOT = PACKAGE_DIR.parents[1]
SEEDS_DIR = ROOT / "seeds"
NOTEBOOKS_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"

#: The report bundled with the project (see seeds/README.md for its provenance).
DEFAULT_REPORT = SEEDS_DIR / "jiaozuo-2021.txt"
