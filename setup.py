"""Packaging: everything is in pyproject.toml except one step, done here because
setuptools cannot take package data from outside the package's folder.

The wheel carries copies of the repository's ``seeds/`` (the bundled reports) and
``notebooks/`` (the pages of a site) in ``govreport/bundled/``, where
``govreport.paths`` finds them when the package is installed (``pip install .``).
An editable install (``pip install -e .``, what ``make`` does) reads them in place.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("seeds", "notebooks")


class BuildWithBundle(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for folder in BUNDLED:
            target = Path(self.build_lib) / "govreport" / "bundled" / folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / folder, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithBundle})
