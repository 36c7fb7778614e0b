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
from zidocs.cli.common import parse_date, tampil, usage_error, workspace
from zidocs.errors import ZidocsError


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
) -> None:
    """Tambahkan berkas bukti untuk satu indikator (disimpan utuh, dicatat dengan sidik SHA-256)."""
    ws = workspace(ctx, bukti)
    result = api.bukti_add(ws, files, indikator, keterangan=keterangan, tahun=tahun,
                           now=dt.datetime.now(dt.timezone.utc))
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
) -> None:
    """Tampilkan bukti per indikator, termasuk indikator yang belum ada buktinya."""
    plan, data = api.bukti_list(workspace(ctx, bukti), tahun, area=area)
    table = Table(title=f"Bukti dukung {plan.kantor.nama_singkat} tahun {plan.tahun}"
                        + (f" — area {area.upper()}" if area else ""))
    for col in ("Indikator", "Kunci", "ID", "Berkas", "Hal.", "Ditambahkan", "Catatan"):
        table.add_column(col, no_wrap=col in ("Indikator", "Kunci", "ID", "Hal."))
    for row in data.rows:
        if not row.entries:
            table.add_row(row.indikator, row.kunci or "-", "", "[red]belum ada bukti[/red]", "", "", "")
        for k, e in enumerate(row.entries):
            catatan = "; ".join(filter(None, [e.keterangan, e.catatan]))
            table.add_row(row.indikator if k == 0 else "", (row.kunci or "-") if k == 0 else "", str(e.id),
                          e.nama_asli, str(e.halaman), e.ditambahkan[:10], catatan)
    out = _out()
    out.print(table)
    out.print(f"{data.with_evidence} dari {data.total} indikator sudah ada buktinya; "
              f"{data.files} berkas.")
    if data.stray:
        _err().print(f"Peringatan: {len(data.stray)} bukti tercatat untuk indikator yang tidak ada "
                     f"dalam rencana ({', '.join(sorted({e.indikator for e in data.stray}))}); "
                     "hapus dengan `zidocs bukti remove ID` lalu tambahkan ke indikator yang benar.")


@bukti_app.command("remove")
def remove_command(
    ctx: typer.Context,
    id: Annotated[int, typer.Argument(metavar="ID", help="ID bukti (lihat `zidocs bukti list`).", show_default=False)],
    bukti: BuktiOpt = None,
) -> None:
    """Hapus satu catatan bukti; berkasnya dihapus bila tidak dipakai bukti lain."""
    ws = workspace(ctx, bukti)
    result = api.bukti_remove(ws, id)
    e = result.entry
    try:
        nama_indikator = api.indikator_ids(ws, e.tahun).get(e.indikator, f"indikator berkunci {e.indikator}")
    except ZidocsError:  # the year's plan no longer loads: the key is all there is
        nama_indikator = f"indikator berkunci {e.indikator}"
    nasib = "berkasnya ikut dihapus" if result.blob_dihapus else "berkasnya tetap disimpan karena masih dipakai bukti lain"
    _out().print(f"Dihapus: bukti ID {e.id} ({e.nama_asli}, {nama_indikator}); {nasib}.")


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
