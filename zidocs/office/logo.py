"""The office's logo (``kantor.logo`` in plan/kantor.yaml): an image file the
office supplies — zidocs ships none. Decrees, the monev cover and the
dossier cover draw it when it is there and is a PNG or JPEG image;
`zidocs check` warns (LOGO-TIDAK-ADA) otherwise."""

from __future__ import annotations

from pathlib import Path

_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))


def image_kind(path: Path) -> str | None:
    """"png" or "jpeg" by the file's first bytes; None when it is missing,
    unreadable or anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def logo_file(root: Path, logo: str | None) -> Path | None:
    """The logo as a path under the workspace ``root``, or None when the plan
    names none or the file is not a usable image."""
    if not logo:
        return None
    path = (Path(root) / logo).resolve()
    return path if path.is_file() and image_kind(path) else None
