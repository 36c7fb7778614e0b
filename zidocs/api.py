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
from zidocs.impor.berkas import baca_berkas
from zidocs.impor.tabel import Bacaan, baca_rencana, tahun_dari
from zidocs.impor.tulis import data_rencana, judul_bawaan, tulis, yaml_teks
from zidocs.office.convert import start_warm, stop_warm, warm_status
from zidocs.office.logo import logo_file
from zidocs.office.warm import WarmStatus
from zidocs.errors import InputError, PlanInvalid, WorkspaceError, ZidocsError, aksi
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
from zidocs.plan.monev_files import monev_path, rel_path
from zidocs.plan.monev_input import read_monev
from zidocs.plan.periode import periode as periode_of
from zidocs.bukti.store import tanggal_bukti
from zidocs.tabel.monev_xlsx import BarisMonev, ImporMonev, ekspor_monev, impor_monev
from zidocs.tabel.monev_xlsx import baca_isian as baca_lembar_isian
from zidocs.tabel.rencana_xlsx import ImporRencana, baca_yaml_rencana, ekspor_rencana, gabung_lembar_rencana

__all__ = [
    "ZidocsError",
    "BuktiTidakDitemukan", "DecreeResult", "StatusResult", "Workspace",
    "TETAP", "bukti_add", "bukti_belum", "bukti_berkas", "bukti_edit", "bukti_ekspor", "bukti_impor",
    "bukti_kosongkan_sampah", "bukti_list", "bukti_move", "bukti_periksa", "bukti_pratinjau", "bukti_remove",
    "bukti_restore", "bukti_riwayat", "bukti_sampah", "buat_folder_kerja", "check", "dossier", "impor_rencana", "indikator_ids",
    "keputusan", "load", "migrasi", "monev_init", "monev_isian", "monev_isian_simpan", "monev_laporan", "monev_rapat", "monev_rapat_simpan",
    "monev_periode", "register", "status", "tahun_baru", "lo_hangat_mulai", "lo_hangat_henti", "lo_hangat_status",
    "monev_ekspor", "monev_impor", "rencana_ekspor", "rencana_impor",
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


# --- importing another office's Rencana Aksi ----------------------------------------


@dataclass
class ImporRencanaResult:
    path: Path  # the plan/<tahun>/rencana-aksi.yaml written
    tahun: int
    tahun_ditebak: bool  # the year came from the target dates, not from the caller
    bacaan: Bacaan  # what was read: rows not placed, columns not imported, notes
    catatan_berkas: list[str]  # how the file was read (conversion, encoding)
    report: CheckReport | None  # the check of the new plan (None when it could not run)
    check_galat: str | None  # why the check could not run (e.g. no keputusan-rencana-aksi.yaml yet)

    @property
    def lengkap(self) -> bool:
        """Every row was placed and the check found no error."""
        return not self.bacaan.tidak_ditempatkan and self.report is not None and not self.report.errors


def impor_rencana(ws: Workspace, berkas: Path, *, tahun: int | None = None, timpa: bool = False) -> ImporRencanaResult:
    """Read the Rencana Aksi table of another office's decree (DOCX/ODT) or
    spreadsheet (XLSX/ODS/CSV) into a new plan/<tahun>/rencana-aksi.yaml
    (atomic; an existing one is replaced only with ``timpa``), then check the
    plan. ``tahun`` None: the year the target dates name most often."""
    if not ws.plan_dir.is_dir():
        raise WorkspaceError(f"{ws.root}: folder plan/ tidak ditemukan. {aksi('pilih-folder-kerja')}")
    tables, catatan = baca_berkas(berkas)
    bacaan = baca_rencana(tables)
    nama = Path(berkas).name
    if bacaan.jumlah_indikator == 0:
        rows = [c.format() for c in bacaan.tidak_ditempatkan[:10]]
        more = len(bacaan.tidak_ditempatkan) - len(rows)
        why = ("tidak ada tabel dengan baris kepala kolom Rencana Aksi (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, "
               "BUKTI FISIK, TARGET WAKTU)" if not bacaan.tabel_dibaca else "tidak ada indikator yang dapat ditempatkan")
        raise InputError(f"{nama}: {why}; tidak ada yang ditulis." + "".join(f"\n  {r}" for r in rows)
                         + (f"\n  … dan {more} baris lagi." if more > 0 else ""))
    ditebak = tahun is None
    if tahun is None:
        tahun = tahun_dari(bacaan)
        if tahun is None:
            raise InputError(f"{nama}: tahun rencana tidak terbaca dari target waktunya; sebutkan dengan "
                             f"{aksi('opsi', 'tahun')} TAHUN.")
    if not bacaan.judul:
        catatan.append(f"{nama}: judul tabel (baris di bawah “BAB II”, atau di atas kepala kolom) tidak ditemukan; "
                       f"ditulis “{judul_bawaan(tahun)[0]}”. Sunting `judul:` bila perlu.")
    text = yaml_teks(data_rencana(bacaan, tahun), nama)
    path = tulis(ws, tahun, text, timpa=timpa)
    report, galat = None, None
    try:
        report = check(ws, tahun)
    except InputError as exc:
        galat = exc.message
    return ImporRencanaResult(path, tahun, ditebak, bacaan, catatan, report, galat)


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


# --- spreadsheets (zidocs.tabel) ----------------------------------------------------------


@dataclass(frozen=True)
class RencanaEksporResult:
    path: Path
    baris: int  # indicator rows
    kunci_baru: list[tuple[str, str]]  # (printed ID, kunci) written into the plan first


def _kantor_nama(ws: Workspace, tahun: int) -> str | None:
    kantor = read_plan(ws, tahun).docs["kantor"].data
    nama = (kantor.get("kantor") or {}).get("nama") if isinstance(kantor, dict) else None
    return nama if isinstance(nama, str) else None


def _tanggal_rencana(ws: Workspace, tahun: int) -> dt.date | None:
    doc = read_plan(ws, tahun).docs.get(RENCANA_AKSI.doc_key)
    data = doc.data if doc is not None else None
    tanggal = (data.get("keputusan") or {}).get("tanggal") if isinstance(data, dict) else None
    return tanggal if isinstance(tanggal, dt.date) else None


def rencana_ekspor(ws: Workspace, tahun: int | None = None, *, tujuan: Path | None = None,
                   build_date: dt.date | None = None) -> RencanaEksporResult:
    """The Rencana Aksi table as a workbook (default out/<tahun>/rencana-aksi.xlsx).
    Indicators without a `kunci:` get one first (the sheet matches rows by it).
    Rule findings do not stop it (the sheet is a place to fix them); schema errors do.
    ``build_date``: the date in the workbook's properties (default: the decree's date)."""
    tahun = ws.tahun(tahun)
    path = ws.year_dir(tahun) / RENCANA_AKSI_FILE
    baca_yaml_rencana(path, rel_path(ws, path))  # schema first: keys are written only into a readable plan
    kunci = lengkapi_kunci(ws, tahun)
    _, model = baca_yaml_rencana(path, rel_path(ws, path))
    target = tujuan or ws.out_year(tahun) / "rencana-aksi.xlsx"
    n = ekspor_rencana(model, target, tahun=tahun, build_date=build_date or _tanggal_rencana(ws, tahun),
                       author=_kantor_nama(ws, tahun))
    return RencanaEksporResult(target, n, kunci.ditulis)


@dataclass(frozen=True)
class RencanaImporResult:
    impor: ImporRencana
    check: CheckReport  # the plan checked after the merge


def rencana_impor(ws: Workspace, berkas: Path, tahun: int | None = None, *, hapus: bool = False) -> RencanaImporResult:
    """Merge an edited Rencana Aksi workbook into plan/<tahun>/rencana-aksi.yaml,
    then check the plan. ``hapus``: indicators whose rows were deleted are
    deleted (refused otherwise: evidence and monev entries refer to them)."""
    tahun = ws.tahun(tahun)
    path = ws.year_dir(tahun) / RENCANA_AKSI_FILE
    lengkapi_kunci(ws, tahun)  # rows are matched by kunci: an indicator without one gets it first
    result = gabung_lembar_rencana(Path(berkas), path, rel_path(ws, path), tahun=tahun, izinkan_hapus=hapus)
    return RencanaImporResult(result, check(ws, tahun))


@dataclass(frozen=True)
class MonevEksporResult:
    path: Path
    baris: int
    init: InitResult  # what preparing the isian file (as `monev init`) added first


def monev_ekspor(ws: Workspace, tahun: int | None, periode: str, *, tujuan: Path | None = None,
                 build_date: dt.date | None = None) -> MonevEksporResult:
    """A period's isian as a workbook (default out/<tahun>/monev/monev-<PERIODE>.xlsx).
    The isian file is prepared or completed first exactly as `monev init` does
    (nothing in it overwritten), so the sheet shows its current values and
    zidocs' suggestions. ``build_date``: default the period's last day."""
    init = monev_init(ws, tahun, periode)
    plan = load_plan(ws, tahun)
    per = periode_of(periode, plan.tahun)
    md = read_monev(ws, plan, init.path)
    if md.model is None:
        raise PlanInvalid(md.findings)
    dates = tanggal_bukti(ws.bukti_dir, plan.tahun)
    rows = []
    for ref in plan.indikator_list():
        entry = md.model.indikator.get(ref.kunci or "")
        if entry is None:
            continue
        rows.append(BarisMonev(
            ref.kunci, ref.id, ref.indikator.indikator, ref.indikator.target_waktu,
            sum(1 for d in dates.get(ref.kunci, ()) if d <= per.batas_bukti),
            entry.realisasi, entry.status, entry.kendala, entry.tindak_lanjut, entry.catatan))
    target = tujuan or ws.monev_dir(plan.tahun) / f"monev-{per.kode}.xlsx"
    judul = f"Isian monev {per.judul} ({per.rentang}) — {plan.kantor.nama_singkat}"
    n = ekspor_monev(rows, target, tahun=plan.tahun, periode=per.kode, judul=judul,
                     build_date=build_date or per.akhir, author=plan.kantor.nama)
    return MonevEksporResult(target, n, init)


@dataclass(frozen=True)
class MonevImporResult:
    impor: ImporMonev
    ids: dict[str, str]  # printed ID by kunci
    check: CheckReport


def monev_impor(ws: Workspace, berkas: Path, *, timpa: bool = False) -> MonevImporResult:
    """Write a filled isian workbook into plan/<tahun>/monev-<PERIODE>.yaml (year
    and period from the workbook). Only cells changed in the sheet are written;
    a cell also changed in the file since the export is refused unless ``timpa``."""
    isian = baca_lembar_isian(Path(berkas))
    plan = load_plan(ws, isian.tahun)
    ids = {k: r.id for k, r in plan.indikator_by_kunci().items()}
    path = monev_path(ws, plan.tahun, isian.periode)
    result = impor_monev(isian, path, rel_path(ws, path), ids=ids, timpa=timpa)
    return MonevImporResult(result, ids, check(ws, plan.tahun))
