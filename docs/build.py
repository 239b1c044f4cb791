"""``make docs``: the reference, rendered by pdoc from the package's docstrings into build/docs/.

The module docstrings are the reference: the data dictionaries, the rules and the limits are
written there once. Run ``python docs/build.py [OUT]`` (default ``build/docs``); open
``OUT/index.html``. ``tests/test_docs.py`` renders it too, and runs the docstrings' examples.
"""

from __future__ import annotations

import pkgutil
import sys
import warnings
from pathlib import Path

import pdoc
import pdoc.render

import govreport

OUT = Path(__file__).resolve().parents[1] / "build" / "docs"


def module_names() -> list[str]:
    """Every module of the package: named one by one, since pdoc leaves out of a package
    the submodules its ``__all__`` does not list (``govreport.facts``)."""
    found = pkgutil.walk_packages(govreport.__path__, "govreport.")
    return ["govreport", *sorted(m.name for m in found if not m.name.endswith(".__main__"))]


def build(out: Path = OUT) -> Path:
    """Render every module into ``out``; a pdoc warning (an unresolved name, a module that
    does not import) is an error. Returns the index page."""
    pdoc.render.configure(docformat="markdown", footer_text=f"govreport {govreport.__version__}", search=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # A package named here also adds its submodules, which are named here too: harmless.
        warnings.filterwarnings("ignore", message=r".*has already been added")
        pdoc.pdoc(*module_names(), output_directory=Path(out))
    return Path(out) / "index.html"


if __name__ == "__main__":
    index = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"reference: {index}")
