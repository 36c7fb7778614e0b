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
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from zidocs.bukti.integritas import EksporResult, ImporResult, LaporanPeriksa, ekspor, impor, periksa
from zidocs.bukti.listing import BelumRow, Listing, belum, listing
from zidocs.bukti.pratinjau import pratinjau
from zidocs.bukti.store import (
    REGISTRY,
    TETAP,
    AddResult,
    BuktiEntry,
    BuktiStore,
    BuktiTidakDitemukan,
    EmptyResult,
    Perubahan,
    RemoveResult,
    SampahEntry,
    add_bukti,
    edit_bukti,
    move_bukti,
)
from zidocs.bukti.migrasi import MigrasiResult, periksa_bukti
from zidocs.bukti.migrasi import migrasi as migrasi_kunci
from zidocs.dossier.build import DossierResult, Progress, build_all, build_dossier
from zidocs.office.convert import start_warm, stop_warm, warm_status
from zidocs.office.logo import logo_file
from zidocs.office.warm import WarmStatus
from zidocs.errors import InputError, ZidocsError
from zidocs.keputusan.build import BuildResult, build_decrees
from zidocs.monev.data import muat_periode, muat_posisi
from zidocs.monev.edit import Isian, IsianRapat, baca_isian, baca_rapat, simpan_isian, simpan_rapat
from zidocs.monev.figures import Figures
from zidocs.monev.init import InitResult, init_monev
from zidocs.monev.report import LaporanResult, build_laporan
from zidocs.plan.check import CheckReport, check_plan
from zidocs.plan.check import load_plan as _load_plan
from zidocs.plan.init import init_workspace
from zidocs.plan.kunci import RENCANA_AKSI_FILE, lengkapi_kunci, perlu_kunci, teks_indikator
from zidocs.plan.kinds import RENCANA_AKSI
from zidocs.plan.models import Plan
from zidocs.plan.monev_files import periode_tersedia
from zidocs.plan.loader import plan_files, read_plan
from zidocs.plan.register import Register, jenis_di_rencana, read_register
from zidocs.plan.tahun_baru import TahunBaruResult
from zidocs.plan.tahun_baru import tahun_baru as salin_tahun_baru
from zidocs.plan.rules.tim import orang_contoh
from zidocs.plan.workspace import Workspace

__all__ = [
    "ZidocsError",
    "BuktiTidakDitemukan", "DecreeResult", "StatusResult", "Workspace",
    "TETAP", "bukti_add", "bukti_belum", "bukti_berkas", "bukti_edit", "bukti_ekspor", "bukti_impor",
    "bukti_kosongkan_sampah", "bukti_list", "bukti_move", "bukti_periksa", "bukti_pratinjau", "bukti_remove",
    "bukti_restore", "bukti_riwayat", "bukti_sampah", "buat_folder_kerja", "check", "dossier", "indikator_ids",
    "keputusan", "load", "migrasi", "monev_init", "monev_isian", "monev_isian_simpan", "monev_laporan", "monev_rapat", "monev_rapat_simpan",
    "monev_periode", "register", "status", "tahun_baru", "lo_hangat_mulai", "lo_hangat_henti", "lo_hangat_status",
]


# --- plan -------------------------------------------------------------------------

# The validated plan by workspace and year, kept while none of the files it was
# read from changed: a web request would otherwise read and check the plan
# (~0.15 s) once per api call. Plans are immutable, so sharing one is safe.
_PLAN_CACHE: dict[tuple[str, int], tuple[tuple, Plan]] = {}
_PLAN_CACHE_LOCK = threading.Lock()


def _stamps(ws: Workspace, tahun: int) -> tuple:
    """(path, inode, mtime_ns, ctime_ns, size) of every file the plan is read from; None for a missing one.
    An atomic rewrite changes the inode, an edit in place the times or the size."""
    out = []
    for path in plan_files(ws, tahun):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            out.append((str(path), None))
        else:
            out.append((str(path), st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size))
    return tuple(out)


def load_plan(ws: Workspace, tahun: int | None = None, *, strict: bool = False) -> Plan:
    """The year's plan, from the cache while its files are unchanged on disk (``strict``:
    warnings stop it too, and they may come from other files: not cached)."""
    if strict:
        return _load_plan(ws, tahun, strict=True)
    year = ws.tahun(tahun)
    key = (str(ws.root.resolve()), year)
    stamps = _stamps(ws, year)
    with _PLAN_CACHE_LOCK:
        hit = _PLAN_CACHE.get(key)
    if hit is not None and hit[0] == stamps:
        return hit[1]
    plan = _load_plan(ws, year)
    if _stamps(ws, year) == stamps:  # not changed while it was read
        with _PLAN_CACHE_LOCK:
            _PLAN_CACHE[key] = (stamps, plan)
    return plan



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


# --- warm LibreOffice (for a long-running front end) ---------------------------------


def lo_hangat_mulai() -> WarmStatus:
    """Keep one LibreOffice running (unoserver, 127.0.0.1 only, restarted if it dies) for this
    process's PDF conversions: same PDFs, without the cold start each time. Not up: conversions
    stay cold, and ``reason`` says why."""
    return start_warm()


def lo_hangat_henti() -> None:
    stop_warm()


def lo_hangat_status() -> WarmStatus | None:
    return warm_status()


# --- evidence ---------------------------------------------------------------------


def _store(ws: Workspace, *, create: bool) -> BuktiStore:
    return BuktiStore.open(ws.bukti_dir, create=create)


def bukti_add(
    ws: Workspace,
    files: Sequence[Path],
    indikator: str,
    *,
    keterangan: str = "",
    tanggal: dt.date | None = None,
    terima_rusak: bool = False,
    oleh: str | None = None,
    tahun: int | None = None,
    now: dt.datetime,
) -> AddResult:
    """Store evidence files for one indicator. ``now``: the time recorded;
    ``tanggal``: the activity date monev counts (default: the day added);
    ``terima_rusak``: include a damaged PDF with a placeholder per lost page."""
    plan = _plan_berkunci(ws, tahun)
    return add_bukti(_store(ws, create=True), plan, files, indikator=indikator, keterangan=keterangan, now=now,
                     tanggal=tanggal, terima_rusak=terima_rusak, oleh=oleh)


def bukti_list(ws: Workspace, tahun: int | None = None, *, area: str | None = None) -> tuple[Plan, Listing]:
    """Evidence per indicator, with the indicators that have none. Creates no store."""
    plan = load_plan(ws, tahun)
    store = _store(ws, create=False) if (ws.bukti_dir / REGISTRY).exists() else None
    return plan, listing(store, plan, area=area.upper() if area else None)


def bukti_belum(ws: Workspace, tahun: int | None = None, *, area: str | None = None) -> tuple[Plan, Listing, list[BelumRow]]:
    """The indicators without evidence, with the bukti fisik the plan asks for."""
    plan, data = bukti_list(ws, tahun, area=area)
    return plan, data, belum(plan, data)


def bukti_remove(ws: Workspace, entry_id: int, *, now: dt.datetime, oleh: str | None = None) -> RemoveResult:
    """Move one evidence entry to the trash (recoverable until emptied)."""
    return _store(ws, create=False).remove(entry_id, now=now, oleh=oleh)


def bukti_restore(ws: Workspace, entry_id: int, *, now: dt.datetime, oleh: str | None = None) -> BuktiEntry:
    return _store(ws, create=False).restore(entry_id, now=now, oleh=oleh)


def bukti_sampah(ws: Workspace) -> list[SampahEntry]:
    return _store(ws, create=False).sampah()


def bukti_kosongkan_sampah(ws: Workspace, ids: Sequence[int] | None = None, *, now: dt.datetime,
                           oleh: str | None = None) -> EmptyResult:
    """Delete for good the trash entries ``ids`` (None: all) and their unused files."""
    return _store(ws, create=False).empty_trash(list(ids) if ids else None, now=now, oleh=oleh)


def bukti_move(ws: Workspace, entry_id: int, indikator: str, *, tahun: int | None = None, now: dt.datetime,
               oleh: str | None = None) -> tuple[BuktiEntry, BuktiEntry]:
    """Move one evidence entry to another indicator of the plan: (before, after)."""
    return move_bukti(_store(ws, create=False), load_plan(ws, tahun), entry_id, indikator, now=now, oleh=oleh)


def bukti_edit(ws: Workspace, entry_id: int, *, keterangan: str | None = None, tanggal=TETAP, now: dt.datetime,
               oleh: str | None = None) -> tuple[BuktiEntry, BuktiEntry]:
    """Correct the keterangan and/or the activity date (None clears it; TETAP leaves it): (before, after)."""
    return edit_bukti(_store(ws, create=False), None, entry_id, keterangan=keterangan, tanggal=tanggal,
                      now=now, oleh=oleh)


def bukti_riwayat(ws: Workspace, entry_id: int | None = None) -> list[Perubahan]:
    """Every recorded change to the store (who, when, what), or one entry's."""
    return _store(ws, create=False).riwayat(entry_id)


def bukti_periksa(ws: Workspace, tahun: int | None = None) -> LaporanPeriksa:
    """Verify every stored file against its hash and the registry; changes nothing.
    With a readable plan, evidence of indicators the plan lacks is reported too."""
    try:
        plan = load_plan(ws, tahun)
    except ZidocsError:  # the store is checked without the plan
        plan = None
    return periksa(_store(ws, create=False), plan)


def bukti_ekspor(ws: Workspace, arsip: Path, *, now: dt.datetime) -> EksporResult:
    """The whole store (registry and files) as one verifiable ZIP archive."""
    return ekspor(_store(ws, create=False), arsip, now=now)


def bukti_impor(ws: Workspace, arsip: Path, *, timpa: bool = False, now: dt.datetime,
                oleh: str | None = None) -> ImporResult:
    """Install an export archive as the workspace's store, verified first."""
    return impor(ws.bukti_dir, arsip, timpa=timpa, now=now, oleh=oleh)


def bukti_berkas(ws: Workspace, entry_id: int) -> tuple[BuktiEntry, Path]:
    """One evidence row and the stored original it names (for showing or downloading)."""
    store = _store(ws, create=False)
    entry = store.get(entry_id)
    return entry, store.blob_path(entry.sha256)


PRATINJAU_DIR = Path(".zidocs") / "pratinjau"  # inside the workspace; a cache, safe to delete


def bukti_pratinjau(ws: Workspace, entry_id: int) -> Path:
    """A small PNG of the evidence (photo, or a PDF's first page), made once and cached."""
    store = _store(ws, create=False)
    return pratinjau(store, store.get(entry_id), ws.root / PRATINJAU_DIR)


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
    logo = logo_file(ws.root, plan.kantor.logo)
    if area is None:
        return build_all(store, plan, outdir, tanggal=tanggal, progress=progress, logo=logo)
    return [build_dossier(store, plan, outdir, areas=[area.upper()], tanggal=tanggal, progress=progress, logo=logo)]


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


def monev_periode(ws: Workspace, tahun: int | None = None) -> list[str]:
    """The periods (TW1, S1, …) of the year that have a monev input file."""
    return periode_tersedia(ws, ws.tahun(tahun))


def _ref_berkunci(ws: Workspace, tahun: int | None, indikator: str):
    """The plan's indicator with printed ID ``indikator``, keyed (monev files name indicators by kunci)."""
    plan = _plan_berkunci(ws, tahun)
    for ref in plan.indikator_list():
        if ref.id == indikator:
            return plan, ref
    raise InputError(f"Indikator '{indikator}' tidak ada dalam rencana aksi tahun {plan.tahun}.")


def monev_isian(ws: Workspace, tahun: int | None, periode: str, indikator: str) -> Isian:
    """One indicator's entry (by printed ID) in plan/<tahun>/monev-<PERIODE>.yaml, with the token for saving it."""
    plan, ref = _ref_berkunci(ws, tahun, indikator)
    return baca_isian(ws, plan.tahun, periode, ref.kunci)


def monev_isian_simpan(
    ws: Workspace, tahun: int | None, periode: str, indikator: str, nilai: dict[str, str], token: str
) -> Isian:
    """Write one indicator's entry (comments kept, atomically); refused if the file changed since ``token``."""
    plan, ref = _ref_berkunci(ws, tahun, indikator)
    return simpan_isian(ws, plan.tahun, periode, ref.kunci, nilai, token,
                        teks=teks_indikator(ref.indikator.indikator))


def monev_rapat(ws: Workspace, tahun: int | None, periode: str) -> IsianRapat:
    """The meeting data (``rapat:``) of plan/<tahun>/monev-<PERIODE>.yaml, with the token for saving it."""
    return baca_rapat(ws, ws.tahun(tahun), periode)


def monev_rapat_simpan(ws: Workspace, tahun: int | None, periode: str, nilai: dict[str, str],
                       token: str) -> IsianRapat:
    """Write the meeting data (tanggal, tempat, pimpinan, jabatan_pimpinan, peserta; comments kept,
    atomically); refused if the file changed since ``token``."""
    return simpan_rapat(ws, ws.tahun(tahun), periode, nilai, token)


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
    if periode is None and tanggal is None:
        raise InputError("Sebutkan periode atau tanggal keadaan yang ditampilkan.")
    plan = load_plan(ws, tahun)
    if periode is not None:
        data = muat_periode(ws, tahun, periode, bukti=ws.bukti_dir, wajib_ada=False, plan=plan)
    else:
        data = muat_posisi(ws, tahun, tanggal, bukti=ws.bukti_dir, plan=plan)
    isian = data.isian
    return StatusResult(data.figures(), isian.rel if isian else None, bool(isian and isian.model and isian.model.contoh))
