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


def move_into_place(tmp: Path, final: Path) -> None:
    """Put the finished folder ``tmp`` at ``final``: the old ``final`` (if any) is moved aside,
    ``tmp`` renamed in, the old one removed, so ``final`` is never half-written or missing
    for longer than two renames."""
    tmp, final = Path(tmp), Path(final)
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=f".old-{final.name}-", dir=final.parent))
        final.rename(old / final.name)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
