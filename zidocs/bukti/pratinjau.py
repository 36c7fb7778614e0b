"""Previews of stored evidence: a small PNG of a photo or of a PDF's first page.

Made on demand from the blob (never from a user's file name) and cached by
content hash, so a preview is computed once per distinct file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from zidocs.bukti.store import BuktiEntry, BuktiStore
from zidocs.errors import BuktiError

LEBAR = 320  # pixels, the longer side
_TIMEOUT = 30


def _dari_gambar(src: Path, dest: Path) -> None:
    with Image.open(src) as im:
        im = ImageOps.exif_transpose(im)
        im.thumbnail((LEBAR, LEBAR))
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        im.save(dest, "PNG", optimize=True)


def _dari_pdf(src: Path, dest: Path, work: Path) -> None:
    if shutil.which("pdftoppm") is None:
        raise BuktiError("Pratinjau PDF memerlukan pdftoppm (paket poppler-utils); pasang paket itu di server.")
    stem = work / "hal"
    proc = subprocess.run(
        ["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", str(LEBAR), str(src), str(stem)],
        capture_output=True, timeout=_TIMEOUT,
    )
    out = stem.with_suffix(".png")
    if proc.returncode != 0 or not out.exists():
        raise BuktiError("Halaman pertama PDF bukti ini tidak dapat dibuat pratinjaunya.")
    os.replace(out, dest)


def pratinjau(store: BuktiStore, entry: BuktiEntry, cache: Path) -> Path:
    """The PNG preview of ``entry`` (made once, kept in ``cache`` under its content hash)."""
    digest = entry.pdf_sha256 or entry.sha256
    cache.mkdir(parents=True, exist_ok=True)
    dest = cache / f"{digest}-{LEBAR}.png"
    if dest.exists():
        return dest
    src = store.blob_path(digest)
    with tempfile.TemporaryDirectory(prefix=".pratinjau-", dir=cache) as tmp:
        work = Path(tmp)
        part = work / "hasil.png"
        if entry.pdf_sha256 is None and entry.media_type.startswith("image/"):
            _dari_gambar(src, part)
        else:
            _dari_pdf(src, part, work)
        os.replace(part, dest)  # complete file under its final name, atomically
    return dest
