"""Output written whole, then moved into place: a failed or interrupted run leaves nothing half-written."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


@contextlib.contextmanager
def staging(parent: Path, prefix: str):
    """A hidden temporary folder in ``parent`` (created if needed), with the usual permissions
    (mkdtemp makes it private). Whatever the caller has not moved out of it when the block
    ends, normally or by an error, is removed."""
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
