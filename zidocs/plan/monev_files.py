"""Where monev input files live: plan/<tahun>/monev-<PERIODE>.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zidocs.plan.periode import KODE_PERIODE, normalisasi_kode
from zidocs.plan.workspace import Workspace

PREFIX = "monev-"
SUFFIX = ".yaml"
# A meeting or report may come up to this long after its period ends
# (the TW4 meeting is often held in January).
TENGGANG = dt.timedelta(days=92)


def monev_path(ws: Workspace, tahun: int, kode: str) -> Path:
    return ws.year_dir(tahun) / f"{PREFIX}{normalisasi_kode(kode)}{SUFFIX}"


def monev_files(ws: Workspace, tahun: int) -> list[Path]:
    """Every monev-*.yaml of the year, sorted by name."""
    d = ws.year_dir(tahun)
    return sorted(d.glob(f"{PREFIX}*{SUFFIX}")) if d.is_dir() else []


def kode_berkas(path: Path) -> str:
    """The period code a file name promises: monev-tw1.yaml → TW1."""
    return normalisasi_kode(path.name[len(PREFIX) : -len(SUFFIX)])


def periode_tersedia(ws: Workspace, tahun: int) -> list[str]:
    """Valid period codes that have an input file."""
    return sorted({k for p in monev_files(ws, tahun) if (k := kode_berkas(p)) in KODE_PERIODE})


def rel_path(ws: Workspace, path: Path) -> str:
    try:
        return str(path.relative_to(ws.root))
    except ValueError:
        return str(path)
