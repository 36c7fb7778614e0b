"""Monev periods: triwulan TW1–TW4 and semester S1–S2 of a plan year.

Pure: months, first and last day, names; which indicator months are due in a
period or by its end; which period came before. The build date or "today" is
always an argument, never read from the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from zidocs.text.tanggal import format_tanggal
from zidocs.text.target_waktu import NAMA_BULAN

# code → (first month, last month, name); in the order a year unfolds
_PERIODE: dict[str, tuple[int, int, str]] = {
    "TW1": (1, 3, "Triwulan I"),
    "TW2": (4, 6, "Triwulan II"),
    "S1": (1, 6, "Semester I"),
    "TW3": (7, 9, "Triwulan III"),
    "TW4": (10, 12, "Triwulan IV"),
    "S2": (7, 12, "Semester II"),
}
KODE_PERIODE: tuple[str, ...] = ("TW1", "TW2", "TW3", "TW4", "S1", "S2")
KODE_POSISI = "POSISI"  # a snapshot "as of a date" (zidocs status)


@dataclass(frozen=True)
class Periode:
    """A stretch of months of one plan year, and the date up to which
    evidence counts (the period's last day; for a snapshot, the date itself)."""

    kode: str  # TW1 … S2, or POSISI
    tahun: int
    bulan_awal: int  # 1..12
    bulan_akhir: int  # bulan_awal-1 .. 12 (a snapshot before February has no month yet)
    nama: str  # "Triwulan I"
    batas_bukti: dt.date

    @property
    def bulan(self) -> frozenset[int]:
        return frozenset(range(self.bulan_awal, self.bulan_akhir + 1))

    @property
    def awal(self) -> dt.date:
        return dt.date(self.tahun, self.bulan_awal, 1)

    @property
    def akhir(self) -> dt.date:
        """Last day of the period's last month (for a snapshot: its date)."""
        if self.kode == KODE_POSISI:
            return self.batas_bukti
        return _akhir_bulan(self.tahun, self.bulan_akhir)

    @property
    def judul(self) -> str:
        """"Triwulan I Tahun 2026"."""
        return self.nama if self.kode == KODE_POSISI else f"{self.nama} Tahun {self.tahun}"

    @property
    def rentang(self) -> str:
        """"Januari–Maret 2026"."""
        if self.bulan_akhir < self.bulan_awal:
            return f"belum ada bulan yang berakhir pada {self.tahun}"
        a, b = NAMA_BULAN[self.bulan_awal - 1], NAMA_BULAN[self.bulan_akhir - 1]
        return f"{a} {self.tahun}" if a == b else f"{a}\u2013{b} {self.tahun}"

    @property
    def semester(self) -> bool:
        return self.kode.startswith("S")

    # --- what is due ------------------------------------------------------

    def jatuh_tempo(self, bulan: frozenset[int]) -> bool:
        """Due in the period: a target month falls inside it."""
        return bool(bulan & self.bulan)

    def jatuh_tempo_sampai_akhir(self, bulan: frozenset[int]) -> bool:
        """Due by the period's end: a target month is at or before its last month."""
        return any(b <= self.bulan_akhir for b in bulan)

    def jatuh_tempo_sebelumnya(self, bulan: frozenset[int]) -> bool:
        """Due before the period began (in an earlier month of the year)."""
        return any(b < self.bulan_awal for b in bulan)


def _akhir_bulan(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def normalisasi_kode(kode: str) -> str:
    return kode.strip().upper().replace(" ", "")


def periode(kode: str, tahun: int) -> Periode:
    """The period ``kode`` (TW1 … TW4, S1, S2; any case) of ``tahun``.
    Raises ValueError naming the valid codes."""
    k = normalisasi_kode(kode)
    if k not in _PERIODE:
        raise ValueError(
            f"periode “{kode}” tidak dikenal; pakai salah satu dari {', '.join(KODE_PERIODE)} "
            "(TW = triwulan, S = semester)."
        )
    awal, akhir, nama = _PERIODE[k]
    return Periode(k, tahun, awal, akhir, nama, _akhir_bulan(tahun, akhir))


def periode_posisi(tahun: int, tanggal: dt.date) -> Periode:
    """A snapshot of ``tahun`` as of ``tanggal`` (zidocs status): every month
    of the year that has fully ended by then; evidence counts up to ``tanggal``.
    A month is due only once it is over, as at a period's end."""
    if tanggal.year < tahun:
        akhir = 0
    elif tanggal.year > tahun:
        akhir = 12
    else:
        akhir = tanggal.month if tanggal == _akhir_bulan(tahun, tanggal.month) else tanggal.month - 1
    return Periode(KODE_POSISI, tahun, 1, akhir, f"Posisi per {format_tanggal(tanggal)}", tanggal)


def urutan(kode: str) -> tuple[int, int]:
    """Sort key: by last month, a triwulan before the semester ending with it."""
    awal, akhir, _ = _PERIODE[kode]
    return (akhir, akhir - awal)


def periode_sebelumnya(kode: str, tersedia: Iterable[str]) -> str | None:
    """The monev meeting before ``kode``: among the periods ``tersedia`` (those
    with an input file), the one that ended last before ``kode`` ends; on a tie
    (TW2 and S1 both end in June) the one of the same kind as ``kode``."""
    k = normalisasi_kode(kode)
    akhir = _PERIODE[k][1]
    calon = [p for p in tersedia if p in _PERIODE and _PERIODE[p][1] < akhir]
    if not calon:
        return None
    return max(calon, key=lambda p: (_PERIODE[p][1], p.startswith("S") == k.startswith("S")))


def terakhir(tersedia: Iterable[str], sampai: dt.date | None = None, tahun: int | None = None) -> str | None:
    """The latest period among ``tersedia`` (a semester wins a tie with its
    triwulan); with ``sampai`` and ``tahun``, only periods that began by then."""
    calon = [p for p in tersedia if p in _PERIODE]
    if sampai is not None and tahun is not None:
        calon = [p for p in calon if periode(p, tahun).awal <= sampai]
    return max(calon, key=urutan) if calon else None
