"""The register of decree numbers: which numbers the year's decrees use, and
the next free one (`zidocs nomor`).

``register`` is pure (plan → rows); ``read_register`` reads the plan for it.
The plan only knows the decrees zidocs prints: numbers the office gave to
other decrees are not in it, so the "gaps" are numbers not recorded in the
plan, not necessarily free ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zidocs.errors import InputError, PlanInvalid
from zidocs.plan.check import check_plan
from zidocs.plan.kinds import JenisKeputusan, jenis_keputusan, nama_sah
from zidocs.plan.models import Plan
from zidocs.text.saran import mirip, mungkin
from zidocs.text.tanggal import format_tanggal


@dataclass(frozen=True)
class Baris:
    """One decree of the year."""

    nomor: int
    tanggal: dt.date
    jenis: str  # the kind: keputusan-<jenis>.yaml
    judul: str
    ganda: bool = False  # another decree of the year has the same number
    di_luar_tahun: bool = False  # dated outside its year

    @property
    def tanggal_teks(self) -> str:
        return format_tanggal(self.tanggal)


@dataclass(frozen=True)
class Register:
    tahun: int
    baris: list[Baris] = field(default_factory=list)
    nomor_berikutnya: int = 1  # highest number used + 1
    celah: list[tuple[int, int]] = field(default_factory=list)  # ranges (from, to) below the highest, unused

    @property
    def ganda(self) -> list[int]:
        return sorted({b.nomor for b in self.baris if b.ganda})


def register(plan: Plan) -> Register:
    """The year's decrees sorted by number (then date and kind), the next free
    number (highest + 1) and the unused numbers below it, as ranges."""
    counts: dict[int, int] = {}
    for kf in plan.keputusan.values():
        counts[kf.keputusan.nomor] = counts.get(kf.keputusan.nomor, 0) + 1
    rows = sorted(
        (
            Baris(
                nomor=k.nomor,
                tanggal=k.tanggal,
                jenis=jenis,
                judul=k.judul,
                ganda=counts[k.nomor] > 1,
                di_luar_tahun=k.tanggal.year != plan.tahun,
            )
            for jenis, kf in plan.keputusan.items()
            for k in [kf.keputusan]
        ),
        key=lambda b: (b.nomor, b.tanggal, b.jenis),
    )
    used = sorted(counts)
    top = used[-1] if used else 0
    return Register(tahun=plan.tahun, baris=rows, nomor_berikutnya=top + 1, celah=ranges(set(range(1, top)) - set(used)))


def ranges(numbers: set[int]) -> list[tuple[int, int]]:
    """{1, 2, 3, 7} → [(1, 3), (7, 7)]."""
    out: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def format_ranges(rs: list[tuple[int, int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in rs)


def read_register(ws, tahun: int | None = None) -> Register:
    """The register of the workspace's plan for ``tahun``. Works on a plan
    whose rules found errors (duplicate numbers are what it helps to fix);
    raises PlanInvalid only when the plan cannot be read at all."""
    report = check_plan(ws, tahun, monev=False)
    if report.plan is None:
        raise PlanInvalid(report.findings)
    return register(report.plan)


# --- decree kinds -----------------------------------------------------------------


def jenis_di_rencana(plan: Plan, jenis: str) -> JenisKeputusan:
    """The kind ``jenis`` when the year's plan has it, or InputError naming
    the kinds it has."""
    if jenis not in plan.keputusan:
        kinds = sorted(plan.keputusan)
        hint = mungkin(mirip(jenis.lower(), kinds, awalan=True))
        if not nama_sah(jenis):
            raise InputError(
                f"“{jenis}” bukan nama jenis keputusan: pakai huruf kecil, angka dan tanda hubung, "
                f"mis. tim-kerja.{hint} Jenis yang ada: {', '.join(kinds)}."
            )
        raise InputError(
            f"plan/{plan.tahun}/keputusan-{jenis}.yaml tidak ada: rencana {plan.tahun} tidak mempunyai keputusan "
            f"jenis “{jenis}”.{hint} Jenis yang ada: {', '.join(kinds)}. Jenis baru: buat berkas "
            f"plan/{plan.tahun}/keputusan-{jenis}.yaml dan templat templates/keputusan/lampiran-{jenis}.docx."
        )
    return jenis_keputusan(jenis)
