"""Atomic writes: a temp file in the target folder, fsync, then rename.

A reader (or a crash) never sees a half-written output: either the old file or
the complete new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success it replaces ``target``.

    The temp name starts with ``.tmp-`` so stores and listings can ignore it.
    An OSError names ``target`` (what the user asked for), not the temp file.
    """
    target = Path(target)
    tmp_path: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
        os.close(fd)
        tmp_path = Path(tmp)
        os.chmod(tmp_path, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        yield tmp_path
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
        fsync_dir(target.parent, strict=False)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    finally:
        if tmp_path is not None and tmp_path.exists():
            tmp_path.unlink()


def write_many(items: list[tuple[Path, bytes]]) -> None:
    """Write a set of files that belong together (an asli and its salinan):
    every temp file first, then the renames, so a failure while writing
    leaves the old set whole."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in items:
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o666 & ~_UMASK)
        for tmp_path, target in staged:
            os.replace(tmp_path, target)
        for folder in {t.parent for _, t in staged}:
            fsync_dir(folder, strict=False)
    except OSError as exc:
        name = exc.filename if exc.filename and not Path(exc.filename).name.startswith(".tmp-") else None
        raise OSError(exc.errno, exc.strerror, name or str(staged[-1][1] if staged else items[0][0])) from exc
    finally:
        for tmp_path, _ in staged:
            if tmp_path.exists():
                tmp_path.unlink()


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which would
# race with other threads if done per write.
_UMASK = _read_umask()


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def fsync_dir(folder: Path, *, strict: bool = True) -> None:
    """Make a rename or new entry in ``folder`` durable. ``strict=False``
    tolerates platforms that cannot open a folder for fsync."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        if strict:
            raise
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
