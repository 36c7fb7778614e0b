"""`zidocs init`: a new workspace from the shipped templates and example plan."""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import InputError

# The repository is itself a workspace; its plan/ and templates/ are the
# example that a new office starts from.
SHIPPED_ROOT = Path(__file__).resolve().parent.parent


def shipped_root() -> Path:
    root = SHIPPED_ROOT
    if not (root / "plan").is_dir() or not (root / "templates").is_dir():
        raise InputError(
            f"{root}: contoh rencana dan templat bawaan tidak ditemukan. Pasang zidocs dari salinan "
            "repositorinya (pip install -e .) agar folder plan/ dan templates/ ikut tersedia."
        )
    return root


def init_workspace(folder: Path) -> list[Path]:
    """Copy templates/ and plan/ into ``folder``; refuse to overwrite anything."""
    src = shipped_root()
    folder = Path(folder)
    for part in ("plan", "templates"):
        if (folder / part).exists():
            raise InputError(
                f"{folder / part}: sudah ada; `zidocs init` tidak menimpa folder kerja yang ada. "
                "Pilih folder lain atau hapus folder itu lebih dulu."
            )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for part in ("plan", "templates"):
        shutil.copytree(src / part, folder / part, ignore=shutil.ignore_patterns(".tmp-*", "~$*", ".~lock*"))
        written.append(folder / part)
    return written
