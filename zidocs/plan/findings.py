"""Findings: what `zidocs check` reports, one per line as FILE:LINE: level KODE: pesan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["galat", "peringatan"]


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # relative to the workspace, e.g. plan/2026/rencana-aksi.yaml
    line: int  # 1-based; 0 when the whole file is meant
    level: Level
    kode: str
    pesan: str

    @property
    def is_error(self) -> bool:
        return self.level == "galat"

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.level} {self.kode}: {self.pesan}"


def has_errors(findings, *, strict: bool = False) -> bool:
    return any(f.is_error or strict for f in findings)
