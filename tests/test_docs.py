"""The reference generated from the code: the docstrings' examples run, and pdoc renders
every module (``make docs``) without a warning.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import govreport

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ["govreport"] + [m.name for m in pkgutil.walk_packages(govreport.__path__, "govreport.")
                     if not m.name.endswith(".__main__")]
)


def _docs_builder():
    spec = importlib.util.spec_from_file_location("docs_build", ROOT / "docs" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _examples(name: str) -> list[doctest.DocTest]:
    return [t for t in doctest.DocTestFinder().find(importlib.import_module(name)) if t.examples]


@pytest.mark.parametrize("name", [n for n in MODULES if _examples(n)])
def test_docstring_examples_run(name):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in _examples(name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed (output above)"


def test_the_package_docstring_has_examples():
    assert _examples("govreport"), "the package's docstring shows how to load a report"


def test_every_module_has_a_docstring():
    missing = [n for n in MODULES if not (importlib.import_module(n).__doc__ or "").strip()]
    assert missing == []


def test_the_reference_renders_every_module(tmp_path):
    docs = _docs_builder()
    assert docs.module_names() == MODULES
    index = docs.build(tmp_path / "docs")
    assert index.is_file()
    pages = {p.relative_to(tmp_path / "docs").with_suffix("").as_posix().replace("/", ".")
             for p in (tmp_path / "docs").rglob("*.html")} - {"index"}
    assert pages == set(MODULES)
    root = (tmp_path / "docs" / "govreport.html").read_text(encoding="utf-8")
    assert 'href="govreport/reading.html"' in root  # the package page links its stages


def test_a_site_footer_links_the_reference_when_it_is_built():
    from govreport.site import index

    info = {"place": "某某市", "date": "2030-01-15", "parts": 1, "sections": 2, "points": 0, "facts": 3}
    built = index.report_index(info, [], ["facts.csv"], docs="../../docs/index.html")
    assert '<a href="../../docs/index.html">docs</a>' in built
    not_built = index.report_index(info, [], ["facts.csv"])
    assert "docs/index.html" not in not_built and "<code>make docs</code>" in not_built


def test_the_link_to_the_reference_is_given_only_when_it_is_built(tmp_path):
    from govreport.panel import pages as panel_pages
    from govreport.site import index

    assert index.docs_link(tmp_path) is None
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("<html></html>", encoding="utf-8")
    assert index.docs_link(tmp_path) == "../../docs/index.html"
    panel = panel_pages.panel_index("Panel x", [], ["reports.csv"], docs=index.docs_link(tmp_path))
    assert '<a href="../../docs/index.html">docs</a>' in panel


# -- the README: the front door ------------------------------------------------------------

README = ROOT / "README.md"


def _readme_module():
    spec = importlib.util.spec_from_file_location("docs_readme", ROOT / "docs" / "readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_is_at_most_12_kb():
    assert len(README.read_bytes()) <= 12 * 1024


def test_the_readme_commands_table_is_generated_from_the_parser():
    readme = README.read_text(encoding="utf-8")
    assert _readme_module().update(readme) == readme, "run: python docs/readme.py (or make docs)"
    from govreport import cli

    for command in ("site", "facts", "compare", "panel"):
        assert f"| `govreport {command} " in readme and command in cli.parser().format_help()


def test_the_readme_pastes_no_help_output():
    readme = README.read_text(encoding="utf-8")
    for pasted in ("usage:", "positional arguments:", "options:", "show this help message"):
        assert pasted not in readme


def test_every_local_link_of_the_readme_exists():
    import re

    readme = README.read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)\s]+)\)", readme) if "://" not in t]
    assert targets, "the README links the modules, the notebooks and the seeds"
    missing = [t for t in targets if not (ROOT / t.split("#")[0]).exists()]
    assert missing == []


# -- the data dictionaries name every column ---------------------------------------------------


def _dictionaries():
    from govreport import load_report
    from govreport.analysis import compare
    from govreport.facts import engine, targets
    from govreport.reading import document, meta

    report = load_report()
    return [
        ("reading.document.Document", document.Document.__doc__, document.OUTLINE_COLUMNS + document.SENTENCE_COLUMNS),
        ("reading.meta", meta.__doc__, list(report.meta)),
        ("facts.engine", engine.__doc__, engine.FACT_COLUMNS + engine.DATE_COLUMNS),
        ("facts.targets", targets.__doc__, list(report.targets.columns)),
        ("analysis.compare", compare.__doc__, compare.COLUMNS),
    ]


def test_each_data_dictionary_names_every_column():
    missing = {where: [c for c in columns if f"``{c}``" not in doc]
               for where, doc, columns in _dictionaries()}
    assert {k: v for k, v in missing.items() if v} == {}, "a column the docstring does not describe"
