"""The workspace: a folder holding plan/, templates/, out/ and bukti/.

The current directory unless ``--workspace`` or ``ZIDOCS_WORKSPACE`` names another.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from zidocs.errors import WorkspaceError, aksi

ENV_WORKSPACE = "ZIDOCS_WORKSPACE"
_YEAR_DIR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Workspace:
    """One office's folder. Every front end passes one explicitly, so serving
    several offices is several Workspace values, not global state."""

    root: Path
    bukti: Path | None = None  # the evidence store, when not <root>/bukti

    @classmethod
    def resolve(cls, option: Path | None = None) -> "Workspace":
        root = option or (Path(os.environ[ENV_WORKSPACE]) if os.environ.get(ENV_WORKSPACE) else Path.cwd())
        return cls(Path(root).resolve())

    @property
    def plan_dir(self) -> Path:
        return self.root / "plan"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    @property
    def bukti_dir(self) -> Path:
        return self.bukti if self.bukti is not None else self.root / "bukti"

    def with_bukti(self, bukti: Path | None) -> "Workspace":
        """This workspace with its evidence store elsewhere (None: unchanged)."""
        return self if bukti is None else Workspace(self.root, Path(bukti).resolve())

    def kantor_file(self) -> Path:
        return self.plan_dir / "kantor.yaml"

    def year_dir(self, tahun: int) -> Path:
        return self.plan_dir / str(tahun)

    def out_year(self, tahun: int) -> Path:
        return self.out_dir / str(tahun)

    def dossier_dir(self, tahun: int) -> Path:
        return self.out_year(tahun) / "dossier"

    def monev_dir(self, tahun: int) -> Path:
        return self.out_year(tahun) / "monev"

    def years(self) -> list[int]:
        if not self.plan_dir.is_dir():
            return []
        return sorted(int(p.name) for p in self.plan_dir.iterdir() if p.is_dir() and _YEAR_DIR.match(p.name))

    def tahun(self, tahun: int | None) -> int:
        """The requested year, or the newest plan in the workspace."""
        if not self.plan_dir.is_dir():
            raise WorkspaceError(
                f"{self.root}: folder plan/ tidak ditemukan. {aksi('pilih-folder-kerja')}"
            )
        years = self.years()
        if tahun is None:
            # A folder just made for next year (still empty) is not yet "the newest plan".
            started = [y for y in years if (self.year_dir(y) / "rencana-aksi.yaml").exists()]
            years = started or years
            if not years:
                raise WorkspaceError(
                    f"{self.plan_dir}: belum ada rencana tahunan (folder plan/<tahun>/, misalnya plan/2026/). "
                    f"Salin rencana tahun sebelumnya atau mulai dari contoh {aksi('init')}."
                )
            return years[-1]
        if tahun not in years:
            ada = ", ".join(map(str, years)) or "tidak ada"
            raise WorkspaceError(
                f"{self.year_dir(tahun)}: rencana tahun {tahun} tidak ditemukan (tahun yang ada: {ada}). "
                f"Buat folder plan/{tahun}/ dengan rencana-aksi.yaml dan keputusan-rencana-aksi.yaml."
            )
        return tahun
