"""CLI for the evidence store (`zidocs bukti …`) and the dossier (`zidocs dossier`).

Commands are thin: parse, call one ``zidocs.api`` function, print. Errors are
ZidocsError subclasses; the main CLI (zidocs.cli) registers these commands and
maps the errors to exit codes (refused evidence: ExitCode.BUKTI_DITOLAK = 6).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from zidocs import api
from zidocs.bukti.integritas import format_perubahan
from zidocs.cli.common import parse_date, tampil, usage_error, workspace
from zidocs.errors import ExitCode, ZidocsError


bukti_app = typer.Typer(
    name="bukti",
    help="Simpan, lihat dan hapus bukti dukung (berkas bukti fisik) per indikator.",
    no_args_is_help=True,
    add_completion=False,
)

BuktiOpt = Annotated[
    Optional[Path],
    typer.Option("--bukti", envvar="ZIDOCS_BUKTI",
                 help="Folder penyimpanan bukti. Bawaan: bukti/ di folder kerja.", show_default=False),
]
TahunOpt = Annotated[
    Optional[int],
    typer.Option("--tahun", "-t", help="Tahun rencana aksi. Bawaan: tahun rencana terbaru.", show_default=False),
]


class _Console(Console):
    """A rich console that shows library messages in CLI terms."""

    def print(self, *objects, **kwargs):  # type: ignore[override]
        super().print(*(tampil(o) if isinstance(o, str) else o for o in objects), **kwargs)


def _out() -> Console:
    return _Console(highlight=False, soft_wrap=True)


def _err() -> Console:
    return _Console(stderr=True, highlight=False, soft_wrap=True)


@bukti_app.command("add")
def add_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="BERKAS", help="Berkas bukti: PDF, JPG/PNG, DOCX/XLSX/ODT.",
                                                 show_default=False)],
    indikator: Annotated[str, typer.Option("--indikator", "-i", help="ID indikator, mis. V.2.3.",
                                           show_default=False)],
    keterangan: Annotated[str, typer.Option("--keterangan", "-k", help="Catatan singkat tentang bukti.")] = "",
    tahun: TahunOpt = None,
    bukti: BuktiOpt = None,
    tanggal: TanggalKegiatanOpt = None,
    terima_rusak: TerimaRusakOpt = False,
    oleh: OlehOpt = None,
) -> None:
    """Tambahkan berkas bukti untuk satu indikator (disimpan utuh, dicatat dengan sidik SHA-256)."""
    ws = workspace(ctx, bukti)
    result = api.bukti_add(ws, files, indikator, keterangan=keterangan, tahun=tahun,
                           tanggal=parse_date(tanggal, "--tanggal"), terima_rusak=terima_rusak, oleh=oleh,
                           now=_now())
    ids = api.indikator_ids(ws, tahun)  # the store names indicators by kunci; show the ID
    out = _out()
    for item in result.items:
        e = item.entry
        if item.duplikat:
            lama = "" if not keterangan or keterangan == e.keterangan else (
                f" Keterangan “{keterangan}” tidak dicatat; catatan lama tetap: “{e.keterangan or '-'}”.")
            out.print(f"Duplikat: {item.nama} sudah tercatat untuk {ids.get(e.indikator, e.indikator)} (ID {e.id}); "
                      f"tidak disimpan lagi.{lama}")
            continue
        extra = f"; {e.catatan}" if e.catatan else ""
        out.print(f"Ditambahkan: {item.nama} → {ids.get(e.indikator, e.indikator)} (ID {e.id}, {e.halaman} halaman, "
                  f"sha256 {e.sha256[:12]}…{extra})")
        for other in item.sama_dengan:
            out.print(f"  isi sama dengan bukti ID {other.id} ({ids.get(other.indikator, other.indikator)}, {other.nama_asli}); "
                      "berkasnya disimpan sekali dan di dossier dirujuk silang.")


@bukti_app.command("list")
def list_command(
    ctx: typer.Context,
    tahun: TahunOpt = None,
    area: Annotated[Optional[str], typer.Option("--area", "-a", help="Hanya area ini, mis. V.",
                                                show_default=False)] = None,
    bukti: BuktiOpt = None,
    belum: Annotated[bool, typer.Option("--belum", help="Hanya indikator yang belum ada buktinya, "
                                        "dengan bukti fisik yang diminta rencana.")] = False,
) -> None:
    """Tampilkan bukti per indikator, termasuk indikator yang belum ada buktinya."""
    if belum:
        plan, data, rows = api.bukti_belum(workspace(ctx, bukti), tahun, area=area)
        return _print_belum(plan, data, rows, area)
    plan, data = api.bukti_list(workspace(ctx, bukti), tahun, area=area)
    table = Table(title=f"Bukti dukung {plan.kantor.nama_singkat} tahun {plan.tahun}"
                        + (f" — area {area.upper()}" if area else ""))
    for col in ("Indikator", "ID", "Berkas", "Hal.", "Tanggal", "Catatan"):
        table.add_column(col, no_wrap=col in ("Indikator", "ID", "Hal."))
    for row in data.rows:
        if not row.entries:
            table.add_row(row.indikator, "", "[red]belum ada bukti[/red]", "", "", "")
        for k, e in enumerate(row.entries):
            catatan = "; ".join(filter(None, [e.keterangan, e.catatan]))
            table.add_row(row.indikator if k == 0 else "", str(e.id), e.nama_asli, str(e.halaman),
                          _tanggal_cell(e), catatan)
    out = _out()
    out.print(table)
    out.print(f"{data.with_evidence} dari {data.total} indikator sudah ada buktinya; "
              f"{data.files} berkas.")
    if data.stray:
        _err().print(f"Peringatan: {len(data.stray)} bukti tercatat untuk indikator yang tidak ada "
                     f"dalam rencana ({', '.join(sorted({e.indikator for e in data.stray}))}); "
                     "pindahkan ke indikator yang benar dengan `zidocs bukti move ID --indikator ID`.")


@bukti_app.command("remove")
def remove_command(
    ctx: typer.Context,
    id: Annotated[int, typer.Argument(metavar="ID", help="ID bukti (lihat `zidocs bukti list`).", show_default=False)],
    bukti: BuktiOpt = None,
    oleh: OlehOpt = None,
) -> None:
    """Pindahkan satu bukti ke sampah (dapat dipulihkan dengan `zidocs bukti restore`)."""
    ws = workspace(ctx, bukti)
    e = api.bukti_remove(ws, id, now=_now(), oleh=oleh).entry
    _out().print(f"Dipindahkan ke sampah: bukti ID {e.id} ({e.nama_asli}, {_indikator(ws, e)}). Pulihkan dengan "
                 f"`zidocs bukti restore {e.id}`; hapus untuk selamanya dengan `zidocs bukti kosongkan-sampah`.")


def dossier_command(
    ctx: typer.Context,
    area: Annotated[Optional[str], typer.Option("--area", "-a", help="Area yang disusun, mis. V.",
                                                show_default=False)] = None,
    semua: Annotated[bool, typer.Option("--all", help="Satu dossier per area ditambah satu gabungan.")] = False,
    tahun: TahunOpt = None,
    tanggal: Annotated[Optional[str], typer.Option("--tanggal", help="Tanggal penyusunan TTTT-BB-HH. "
                                                   "Bawaan: hari ini.", show_default=False)] = None,
    bukti: BuktiOpt = None,
) -> None:
    """Susun dossier bukti berindeks (PDF + manifest JSON) di out/TAHUN/dossier/."""
    if (area is None) == (not semua):
        raise usage_error("pilih salah satu: --area KODE (mis. --area V) atau --all.")
    when = parse_date(tanggal, "--tanggal") or dt.date.today()
    with _progress() as progress:
        results = api.dossier(workspace(ctx, bukti), tahun, area=area, tanggal=when, progress=progress)
    out, err = _out(), _err()
    for r in results:
        for line in r.placeholders:
            err.print(f"Peringatan: diganti halaman pengganti di {r.pdf.name}: {line}")
        out.print(f"Ditulis {r.pdf} dan {r.manifest.name}")
        out.print(r.summary())
        if r.pdfa_2b:
            out.print("PDF/A-2b: ya (diperiksa).")
        else:
            out.print(f"PDF/A-2b: tidak diklaim; alasannya di {r.manifest.name} (pdf.pdfa):")
            for line in r.pdfa_alasan[:5]:
                out.print(f"  - {line}", markup=False)


class _progress:
    """A rich progress bar on stderr, shown only on a terminal."""

    def __enter__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = _err()
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console, transient=True,
                            disable=not console.is_terminal)
        self.bar.__enter__()
        self.tasks: dict[str, int] = {}
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(stage, total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc):
        self.bar.__exit__(*exc)
        return False


# --- correcting evidence, the trash, integrity and backup (issue 12) -------------------------

TanggalKegiatanOpt = Annotated[
    Optional[str],
    typer.Option("--tanggal", metavar="TTTT-BB-HH", show_default=False,
                 help="Tanggal kegiatan yang dibuktikan; monev memakainya sebagai pengganti tanggal unggah."),
]
TerimaRusakOpt = Annotated[
    bool,
    typer.Option("--terima-rusak", help="Terima PDF rusak yang kehilangan halaman; setiap halaman yang "
                 "hilang diganti halaman pengganti."),
]
OlehOpt = Annotated[
    Optional[str],
    typer.Option("--oleh", envvar="ZIDOCS_PENGGUNA", show_default=False,
                 help="Nama pembuat perubahan untuk riwayat. Bawaan: nama pengguna komputer."),
]
IdArg = Annotated[int, typer.Argument(metavar="ID", help="ID bukti (lihat `zidocs bukti list`).", show_default=False)]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _indikator(ws, e) -> str:
    """The printed ID of the indicator an entry is filed under (the store holds its kunci)."""
    try:
        return api.indikator_ids(ws, e.tahun).get(e.indikator, f"indikator berkunci {e.indikator}")
    except ZidocsError:  # the year's plan no longer loads: the key is all there is
        return f"indikator berkunci {e.indikator}"


def _tanggal_cell(e) -> str:
    """Activity date when given (marked), else the date added."""
    return f"{e.tanggal} (kegiatan)" if e.tanggal else e.ditambahkan[:10]


def _print_belum(plan, data, rows, area: str | None) -> None:
    table = Table(title=f"Indikator tanpa bukti, {plan.kantor.nama_singkat} tahun {plan.tahun}"
                        + (f" — area {area.upper()}" if area else ""))
    for col in ("Indikator", "Uraian", "Bukti fisik yang diminta", "Target waktu"):
        table.add_column(col, no_wrap=col == "Indikator")
    for r in rows:
        table.add_row(r.indikator, r.teks, r.bukti_fisik, r.target_waktu)
    out = _out()
    out.print(table)
    out.print(f"{len(rows)} dari {data.total} indikator belum ada buktinya.")


@bukti_app.command("restore")
def restore_command(ctx: typer.Context, id: IdArg, bukti: BuktiOpt = None, oleh: OlehOpt = None) -> None:
    """Pulihkan bukti dari sampah dengan ID lamanya."""
    ws = workspace(ctx, bukti)
    e = api.bukti_restore(ws, id, now=_now(), oleh=oleh)
    _out().print(f"Dipulihkan: bukti ID {e.id} ({e.nama_asli}, {_indikator(ws, e)}).")


@bukti_app.command("sampah")
def sampah_command(ctx: typer.Context, bukti: BuktiOpt = None) -> None:
    """Tampilkan bukti yang ada di sampah (dapat dipulihkan sampai sampah dikosongkan)."""
    ws = workspace(ctx, bukti)
    rows = api.bukti_sampah(ws)
    out = _out()
    for r in rows:
        out.print(f"ID {r.entry.id}: {r.entry.nama_asli} ({_indikator(ws, r.entry)}), dihapus {r.dihapus[:10]} "
                  f"oleh {r.dihapus_oleh}")
    out.print(f"{len(rows)} bukti di sampah." if rows else "Sampah kosong.")


@bukti_app.command("kosongkan-sampah")
def kosongkan_command(
    ctx: typer.Context,
    ids: Annotated[Optional[list[int]], typer.Argument(metavar="[ID]...", help="Hanya bukti ini. Bawaan: semua.",
                                                       show_default=False)] = None,
    ya: Annotated[bool, typer.Option("--ya", help="Benar-benar hapus (tanpa ini hanya ditampilkan).")] = False,
    bukti: BuktiOpt = None,
    oleh: OlehOpt = None,
) -> None:
    """Hapus untuk selamanya bukti di sampah beserta berkasnya yang tidak dipakai bukti lain."""
    ws = workspace(ctx, bukti)
    out = _out()
    if not ya:
        rows = [r for r in api.bukti_sampah(ws) if not ids or r.entry.id in ids]
        for r in rows:
            out.print(f"Akan dihapus: ID {r.entry.id} ({r.entry.nama_asli}, {_indikator(ws, r.entry)})")
        out.print(f"{len(rows)} bukti akan dihapus untuk selamanya; jalankan lagi dengan --ya untuk menghapus."
                  if rows else "Sampah kosong.")
        return
    result = api.bukti_kosongkan_sampah(ws, ids, now=_now(), oleh=oleh)
    out.print(f"Dihapus untuk selamanya: {len(result.entries)} bukti, {len(result.blob_dihapus)} berkas.")


@bukti_app.command("move")
def move_command(
    ctx: typer.Context,
    id: IdArg,
    indikator: Annotated[str, typer.Option("--indikator", "-i", help="ID indikator tujuan, mis. V.2.3.",
                                           show_default=False)],
    tahun: TahunOpt = None,
    bukti: BuktiOpt = None,
    oleh: OlehOpt = None,
) -> None:
    """Pindahkan bukti ke indikator lain."""
    ws = workspace(ctx, bukti)
    before, after = api.bukti_move(ws, id, indikator, tahun=tahun, now=_now(), oleh=oleh)
    _out().print(f"Dipindahkan: bukti ID {id} ({after.nama_asli}) dari {_indikator(ws, before)} ke {_indikator(ws, after)}.")


@bukti_app.command("edit")
def edit_command(
    ctx: typer.Context,
    id: IdArg,
    keterangan: Annotated[Optional[str], typer.Option("--keterangan", "-k", help="Keterangan baru.",
                                                      show_default=False)] = None,
    tanggal: TanggalKegiatanOpt = None,
    tanpa_tanggal: Annotated[bool, typer.Option("--tanpa-tanggal", help="Hapus tanggal kegiatan (monev "
                                                "kembali memakai tanggal unggah).")] = False,
    bukti: BuktiOpt = None,
    oleh: OlehOpt = None,
) -> None:
    """Perbaiki keterangan atau tanggal kegiatan satu bukti."""
    if tanggal is not None and tanpa_tanggal:
        raise usage_error("pilih salah satu: --tanggal TTTT-BB-HH atau --tanpa-tanggal.")
    when = None if tanpa_tanggal else (parse_date(tanggal, "--tanggal") if tanggal is not None else api.TETAP)
    before, after = api.bukti_edit(workspace(ctx, bukti), id, keterangan=keterangan, tanggal=when, now=_now(),
                                   oleh=oleh)
    out = _out()
    if before.keterangan != after.keterangan:
        out.print(f"Bukti ID {id}: keterangan “{before.keterangan or '-'}” → “{after.keterangan or '-'}”.")
    if before.tanggal != after.tanggal:
        out.print(f"Bukti ID {id}: tanggal kegiatan {before.tanggal or '-'} → {after.tanggal or '-'} "
                  f"(monev memakai {after.tanggal or 'tanggal unggah ' + after.ditambahkan[:10]}).")
    if before == after:
        out.print(f"Bukti ID {id}: tidak ada yang berubah.")


@bukti_app.command("riwayat")
def riwayat_command(
    ctx: typer.Context,
    id: Annotated[Optional[int], typer.Argument(metavar="[ID]", help="Hanya bukti ini.", show_default=False)] = None,
    bukti: BuktiOpt = None,
) -> None:
    """Tampilkan riwayat perubahan penyimpanan bukti: siapa, kapan, apa."""
    ws = workspace(ctx, bukti)
    try:  # the history names indicators by kunci; show the printed IDs of the current plan
        ids = api.indikator_ids(ws)
    except ZidocsError:
        ids = {}
    out = _out()
    for p in api.bukti_riwayat(ws, id):
        line = format_perubahan(p)
        for kunci, kode in ids.items():
            line = line.replace(kunci, kode)
        out.print(line)


@bukti_app.command("periksa")
def periksa_command(ctx: typer.Context, tahun: TahunOpt = None, bukti: BuktiOpt = None) -> None:
    """Periksa setiap berkas terhadap sidik SHA-256 dan registri; laporkan berkas yatim dan yang hilang."""
    report = api.bukti_periksa(workspace(ctx, bukti), tahun)
    out = _out()
    for t in report.temuan:
        out.print(t.format())
    out.print(report.summary())
    if not report.ok:
        raise typer.Exit(ExitCode.BUKTI_DITOLAK)


@bukti_app.command("ekspor")
def ekspor_command(
    ctx: typer.Context,
    arsip: Annotated[Path, typer.Argument(metavar="BERKAS.zip", help="Arsip cadangan yang ditulis.",
                                          show_default=False)],
    bukti: BuktiOpt = None,
) -> None:
    """Ekspor seluruh penyimpanan bukti (registri dan berkas) ke satu arsip ZIP yang dapat diperiksa."""
    r = api.bukti_ekspor(workspace(ctx, bukti), arsip, now=_now())
    _out().print(f"Ditulis {r.arsip}: {r.bukti} bukti, {r.sampah} di sampah, {r.blob} berkas, "
                 f"{r.ukuran / 1e6:.1f} MB.")


@bukti_app.command("impor")
def impor_command(
    ctx: typer.Context,
    arsip: Annotated[Path, typer.Argument(metavar="BERKAS.zip", help="Arsip dari `zidocs bukti ekspor`.",
                                          show_default=False)],
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti penyimpanan yang sudah berisi (isi lamanya "
                                        "diekspor dulu ke arsip cadangan).")] = False,
    bukti: BuktiOpt = None,
    oleh: OlehOpt = None,
) -> None:
    """Impor arsip `zidocs bukti ekspor`: diperiksa seluruhnya dulu, lalu dipasang sekaligus."""
    r = api.bukti_impor(workspace(ctx, bukti), arsip, timpa=timpa, now=_now(), oleh=oleh)
    out = _out()
    if r.cadangan is not None:
        out.print(f"Isi lama penyimpanan diekspor dulu ke {r.cadangan}.")
    out.print(f"Diimpor ke {r.root}: {r.bukti} bukti, {r.sampah} di sampah, {r.blob} berkas; semua sidik cocok.")
