"""Gathering what monev figures are computed from: the plan, the period's
input and the one before it, the evidence dates. Read and checked before
anything is written; shared by the report and `zidocs status`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from zidocs.errors import InputError, PlanInvalid, aksi
from zidocs.plan.check import load_plan
from zidocs.plan.models import Plan
from zidocs.plan.workspace import Workspace
from zidocs.monev.bukti import baca_tanggal_bukti, store_root
from zidocs.monev.figures import Figures, hitung
from zidocs.plan.monev_files import monev_path, periode_tersedia
from zidocs.plan.monev_input import MonevDoc, read_monev
from zidocs.plan.periode import Periode, periode, periode_posisi, periode_sebelumnya, terakhir


@dataclass
class MonevData:
    plan: Plan
    periode: Periode
    isian: MonevDoc | None  # this period's input (None: no file)
    sebelumnya: MonevDoc | None  # the earlier period's input, if any
    bukti: dict[str, tuple[dt.date, ...]]

    def figures(self) -> Figures:
        return hitung(
            self.plan,
            self.periode,
            self.isian.model if self.isian else None,
            self.bukti,
            self.sebelumnya.model if self.sebelumnya else None,
        )


def _periode(kode: str, tahun: int) -> Periode:
    try:
        return periode(kode, tahun)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _require_valid(*docs: MonevDoc | None) -> None:
    findings = [f for d in docs if d is not None for f in d.findings]
    if any(f.is_error for f in findings):
        raise PlanInvalid(findings)


def muat_periode(
    ws: Workspace,
    tahun: int | None,
    kode: str,
    *,
    bukti: Path | None = None,
    tz: dt.tzinfo | None = None,
    wajib_ada: bool = True,
    plan: Plan | None = None,
) -> MonevData:
    """Everything for period ``kode``. Raises InputError when its input file
    is missing (and ``wajib_ada``), PlanInvalid when the plan or a monev file
    has errors."""
    plan = plan or load_plan(ws, tahun)
    per = _periode(kode, plan.tahun)
    path = monev_path(ws, plan.tahun, per.kode)
    isian = None
    if path.is_file():
        isian = read_monev(ws, plan, path)
    elif wajib_ada:
        raise InputError(
            f"{path.relative_to(ws.root) if path.is_relative_to(ws.root) else path}: isian monev {per.judul} belum "
            f"ada. Buat dengan {aksi('monev-init', plan.tahun, per.kode)}, lalu isi realisasi, status "
            "dan data rapatnya."
        )
    prev_kode = periode_sebelumnya(per.kode, periode_tersedia(ws, plan.tahun))
    prev = read_monev(ws, plan, monev_path(ws, plan.tahun, prev_kode)) if prev_kode else None
    _require_valid(isian, prev)
    return MonevData(plan, per, isian, prev, baca_tanggal_bukti(store_root(ws.root, bukti), plan.tahun, tz=tz))


def muat_posisi(
    ws: Workspace,
    tahun: int | None,
    tanggal: dt.date,
    *,
    bukti: Path | None = None,
    tz: dt.tzinfo | None = None,
    plan: Plan | None = None,
) -> MonevData:
    """A snapshot as of ``tanggal`` (zidocs status): statuses from the latest
    monev input of a period begun by then (none: every action "belum")."""
    plan = plan or load_plan(ws, tahun)
    per = periode_posisi(plan.tahun, tanggal)
    kode = terakhir(periode_tersedia(ws, plan.tahun), tanggal, plan.tahun)
    isian = read_monev(ws, plan, monev_path(ws, plan.tahun, kode)) if kode else None
    _require_valid(isian)
    return MonevData(plan, per, isian, None, baca_tanggal_bukti(store_root(ws.root, bukti), plan.tahun, tz=tz))
