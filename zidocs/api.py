"""The library surface: one function per user action, for every front end.

Each function takes a ``Workspace`` and plain values and returns a result
object (paths, figures, warnings). None of them prints, reads environment
variables or knows which front end called it; errors are the
``zidocs.errors`` tree. The command line (``zidocs.cli``) and the web service
are parse → api → show.

Messages raised from here may name an action with ``zidocs.errors.aksi``
markers; each front end renders those in its own terms (a command for the
CLI, a page for the web).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from zidocs.bukti.listing import Listing, listing
from zidocs.bukti.migrasi import MigrasiResult, periksa_bukti
from zidocs.bukti.migrasi import migrasi as migrasi_kunci
from zidocs.bukti.store import REGISTRY, AddResult, BuktiStore, RemoveResult, add_bukti
from zidocs.dossier.build import DossierResult, Progress, build_all, build_dossier
from zidocs.errors import InputError
from zidocs.keputusan.build import BuildResult, build_decrees
from zidocs.monev.data import muat_periode, muat_posisi
from zidocs.monev.figures import Figures
from zidocs.monev.init import InitResult, init_monev
from zidocs.monev.report import LaporanResult, build_laporan
from zidocs.plan.check import CheckReport, check_plan, load_plan
from zidocs.plan.init import init_workspace
from zidocs.plan.kunci import RENCANA_AKSI_FILE, lengkapi_kunci, perlu_kunci
from zidocs.plan.kinds import RENCANA_AKSI
from zidocs.plan.models import Plan
from zidocs.plan.loader import read_plan
from zidocs.plan.register import Register, jenis_di_rencana, read_register
from zidocs.plan.tahun_baru import TahunBaruResult
from zidocs.plan.tahun_baru import tahun_baru as salin_tahun_baru
from zidocs.plan.rules.tim import orang_contoh
from zidocs.plan.workspace import Workspace

__all__ = [
    "DecreeResult", "StatusResult", "Workspace",
    "bukti_add", "bukti_list", "bukti_remove", "buat_folder_kerja", "check", "dossier", "keputusan",
    "indikator_ids", "load", "migrasi", "tahun_baru", "monev_init", "monev_laporan", "register", "status",
]


# --- plan -------------------------------------------------------------------------


def check(ws: Workspace, tahun: int | None = None) -> CheckReport:
    """Every finding of the year's plan, its monev input files and the
    evidence registry's links to its indicators (which, like the monev
    files, never stop a decree)."""
    report = check_plan(ws, tahun)
    if report.plan is None:
        return report
    bukti = periksa_bukti(ws, report.plan)
    files = {f.file for f in bukti}
    return CheckReport(report.loaded, sorted(set(report.findings) | set(bukti)), report.monev_files | files)


def migrasi(ws: Workspace, tahun: int | None = None, *, terima_teks: bool = False) -> list[MigrasiResult]:
    """Stable keys for every indicator, and every evidence row and monev entry
    referring to its indicator by key (``tahun`` None: every year's plan).
    ``terima_teks``: record the indicators' current texts as the ones the
    evidence was attached to (after the user checked a BUKTI-TEKS-BERUBAH)."""
    years = [ws.tahun(tahun)] if tahun is not None else [
        y for y in ws.years() if (ws.year_dir(y) / RENCANA_AKSI_FILE).is_file()]
    if not years:
        ws.tahun(None)  # raises: no plan
    return [migrasi_kunci(ws, y, terima_teks=terima_teks) for y in years]


def tahun_baru(ws: Workspace, tahun: int, *, dari: int | None = None) -> TahunBaruResult:
    """plan/<tahun>/ from the previous year's plan: years rolled, monev files
    left behind, decree numbers and dates emptied, references to review."""
    sumber = dari if dari is not None else tahun - 1
    kantor = read_plan(ws, sumber).docs["kantor"].data or {}
    nama = (kantor.get("kantor") or {}).get("nama", "") if isinstance(kantor, dict) else ""
    return salin_tahun_baru(ws, tahun, dari=sumber, kantor=nama)


def indikator_ids(ws: Workspace, tahun: int | None = None) -> dict[str, str]:
    """The printed ID of every indicator by its stable key, for showing what
    the store and the monev files refer to."""
    return {k: r.id for k, r in load_plan(ws, tahun).indikator_by_kunci().items()}


def _plan_berkunci(ws: Workspace, tahun: int | None) -> Plan:
    """The plan, with a `kunci:` written for any indicator that has none
    (writing a key moves no link; attaching anything needs one)."""
    plan = load_plan(ws, tahun)
    if perlu_kunci(plan):
        lengkapi_kunci(ws, plan.tahun)
        plan = load_plan(ws, plan.tahun)
    return plan


def load(ws: Workspace, tahun: int | None = None) -> Plan:
    """The year's plan, or PlanInvalid listing every error."""
    return load_plan(ws, tahun)


def register(ws: Workspace, tahun: int | None = None) -> Register:
    """The year's decree numbers and the next one (works on a plan with rule errors)."""
    return read_register(ws, tahun)


def buat_folder_kerja(folder: Path) -> list[Path]:
    """A new workspace from the shipped starter plan and templates."""
    return init_workspace(folder)


# --- decrees ----------------------------------------------------------------------


@dataclass
class DecreeResult:
    jenis: str
    build: BuildResult
    contoh: list[str] = field(default_factory=list)  # invented sample names the Lampiran prints

    @property
    def paths(self) -> list[Path]:
        return self.build.paths


def keputusan(
    ws: Workspace,
    tahun: int | None = None,
    jenis: str = RENCANA_AKSI.jenis,
    *,
    pdf: bool = False,
    build_date: dt.date | None = None,
) -> DecreeResult:
    """Write the decree of kind ``jenis`` (asli and salinan, DOCX and with
    ``pdf`` PDF) to out/<tahun>/."""
    plan = load_plan(ws, tahun)
    kind = jenis_di_rencana(plan, jenis)
    build = build_decrees(ws, plan, [kind], pdf=pdf, build_date=build_date)
    return DecreeResult(kind.jenis, build, orang_contoh(plan, kind.jenis))


# --- evidence ---------------------------------------------------------------------


def _store(ws: Workspace, *, create: bool) -> BuktiStore:
    return BuktiStore.open(ws.bukti_dir, create=create)


def bukti_add(
    ws: Workspace,
    files: Sequence[Path],
    indikator: str,
    *,
    keterangan: str = "",
    tahun: int | None = None,
    now: dt.datetime,
) -> AddResult:
    """Store evidence files for one indicator (``now``: the time recorded)."""
    plan = _plan_berkunci(ws, tahun)
    return add_bukti(_store(ws, create=True), plan, files, indikator=indikator, keterangan=keterangan, now=now)


def bukti_list(ws: Workspace, tahun: int | None = None, *, area: str | None = None) -> tuple[Plan, Listing]:
    """Evidence per indicator, with the indicators that have none. Creates no store."""
    plan = load_plan(ws, tahun)
    store = _store(ws, create=False) if (ws.bukti_dir / REGISTRY).exists() else None
    return plan, listing(store, plan, area=area.upper() if area else None)


def bukti_remove(ws: Workspace, entry_id: int) -> RemoveResult:
    return _store(ws, create=False).remove(entry_id)


def dossier(
    ws: Workspace,
    tahun: int | None = None,
    *,
    area: str | None = None,
    tanggal: dt.date,
    progress: Progress | None = None,
) -> list[DossierResult]:
    """The dossier of ``area`` (e.g. "V"), or with ``area=None`` one per area
    plus one of all areas, in out/<tahun>/dossier/."""
    plan = load_plan(ws, tahun)
    store = _store(ws, create=False)
    outdir = ws.dossier_dir(plan.tahun)
    if area is None:
        return build_all(store, plan, outdir, tanggal=tanggal, progress=progress)
    return [build_dossier(store, plan, outdir, areas=[area.upper()], tanggal=tanggal, progress=progress)]


# --- monev ------------------------------------------------------------------------


def monev_init(ws: Workspace, tahun: int | None, periode: str) -> InitResult:
    """Create or complete plan/<tahun>/monev-<PERIODE>.yaml without overwriting anything."""
    plan = _plan_berkunci(ws, tahun)
    return init_monev(ws, plan.tahun, periode, bukti=ws.bukti_dir, plan=plan)


def monev_laporan(
    ws: Workspace, tahun: int | None, periode: str, *, pdf: bool = False, build_date: dt.date | None = None
) -> LaporanResult:
    """Write out/<tahun>/monev/monev-<PERIODE>.docx (and .pdf)."""
    return build_laporan(ws, tahun, periode, pdf=pdf, build_date=build_date, bukti=ws.bukti_dir)


@dataclass(frozen=True)
class StatusResult:
    figures: Figures
    sumber: str | None  # the monev input file the statuses come from
    contoh: bool  # that file is invented sample data


def status(
    ws: Workspace,
    tahun: int | None = None,
    *,
    periode: str | None = None,
    tanggal: dt.date | None = None,
) -> StatusResult:
    """The year at a glance: as at the end of ``periode``, or as of ``tanggal``."""
    if periode is not None and tanggal is not None:
        raise InputError("Pilih periode atau tanggal, tidak keduanya.")
    if periode is not None:
        data = muat_periode(ws, tahun, periode, bukti=ws.bukti_dir, wajib_ada=False)
    else:
        if tanggal is None:
            raise InputError("Sebutkan periode atau tanggal keadaan yang ditampilkan.")
        data = muat_posisi(ws, tahun, tanggal, bukti=ws.bukti_dir)
    isian = data.isian
    return StatusResult(data.figures(), isian.rel if isian else None, bool(isian and isian.model and isian.model.contoh))
