"""`zidocs init`: a new workspace from the shipped templates and example plan."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from zidocs.errors import InputError, aksi

# The starter workspace ships as package data (zidocs/data/starter/), so an
# installed wheel can start a new office; in the repository it links to the
# repository's own templates/.
SHIPPED_ROOT = Path(__file__).resolve().parent.parent / "data" / "starter"
PARTS = ("plan", "templates")
# Lock files and temp files of an editor or of zidocs itself are not part of the example.
_IGNORE = shutil.ignore_patterns(".tmp-*", "~$*", ".~lock*")


def shipped_root() -> Path:
    root = SHIPPED_ROOT
    if not (root / "plan").is_dir() or not (root / "templates").is_dir():
        raise InputError(
            f"{root}: contoh rencana dan templat bawaan tidak ditemukan; pemasangan zidocs tidak lengkap. "
            "Pasang ulang zidocs (pip install --force-reinstall zidocs)."
        )
    return root


def init_workspace(folder: Path) -> list[Path]:
    """Copy templates/ and plan/ into ``folder``; refuse to overwrite anything.

    Both are copied into a temporary folder beside ``folder`` first and moved
    into place at the end, so a failure leaves no half-made workspace."""
    src = shipped_root()
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: sudah ada dan bukan folder; pilih nama folder lain.")
    for part in PARTS:
        if (folder / part).exists():
            raise InputError(
                f"{folder / part}: sudah ada; {aksi('init')} tidak menimpa folder kerja yang ada. "
                "Pilih folder lain atau hapus folder itu lebih dulu."
            )
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-init-", dir=folder))
    try:
        for part in PARTS:
            shutil.copytree(src / part, staging / part, ignore=_IGNORE)
        for part in PARTS:
            os.replace(staging / part, folder / part)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / part for part in PARTS]
