"""Where things live, and how the word lists in ``data/`` are read. Paths come from the
package, never from the working directory, except the default output folder of an
installed package.

Two ways to run the package, one set of names:

- **From the repository** (``make`` installs it in editable mode, ``pip install -e .``):
  ``__file__`` stays inside the repository, ``lib/govreport/paths.py``, so the
  repository root is ``parents[2]``; the seeds and notebooks are its ``seeds/`` and
  ``notebooks/``, sites go to its ``build/``. A notebook finds the seeds the same way
  whether it runs from JupyterLab, nbval, papermill or a script in another folder.
- **Installed** (``pip install .``): the wheel carries copies of ``seeds/`` and
  ``notebooks/`` in ``govreport/bundled/`` (``setup.py`` puts them there), and sites go
  to ``build/`` in the working directory.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"

#: True when the package runs from a repository checkout (``lib/govreport``), False when
#: it is installed with its bundled copies.
IN_REPOSITORY = PACKAGE_DIR.parent.name == "lib" and (PACKAGE_DIR.parents[1] / "seeds").is_dir()

if IN_REPOSITORY:
    ROOT = PACKAGE_DIR.parents[1]
    SEEDS_DIR = ROOT / "seeds"
    NOTEBOOKS_DIR = ROOT / "notebooks"
    BUILD_DIR = ROOT / "build"
else:
    ROOT = PACKAGE_DIR / "bundled"
    SEEDS_DIR = ROOT / "seeds"
    NOTEBOOKS_DIR = ROOT / "notebooks"
    BUILD_DIR = Path("build")  # relative: the working directory's build/

#: The report bundled with the project (see seeds/README.md for its provenance).
DEFAULT_REPORT = SEEDS_DIR / "jiaozuo-2021.txt"


def data_lines(name: str | Path) -> list[str]:
    """The lines of a list in ``data/`` (a file name there, or a path): each without the blanks
    at its ends; blank lines and comments (lines starting with ``#``) left out."""
    path = name if isinstance(name, Path) else DATA_DIR / name
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def role_words(name: str | Path) -> dict[str, list[str]]:
    """The words of a ``role<TAB>word`` list in ``data/``, by role, in file order (columns after
    the word are read by the module that owns the list)."""
    roles: dict[str, list[str]] = {}
    for line in data_lines(name):
        role, word = [x.strip() for x in line.split("\t")[:2]]
        roles.setdefault(role, []).append(word)
    return roles
