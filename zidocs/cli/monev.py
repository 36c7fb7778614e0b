"""CLI for monev: `zidocs monev TAHUN --periode TW1 [--tanpa-pdf]`, `zidocs monev init
TAHUN --periode TW2`, and `zidocs status [TAHUN]`.

Thin: parse, call one ``zidocs.api`` function, print. Errors are ZidocsError
subclasses that the main CLI (``zidocs.cli.run``) turns into exit codes.

zidocs/cli/__init__.py registers ``monev_app`` as `zidocs monev` and
``status_command`` as `zidocs status`.

``monev_app`` is a group whose default command is the report, so both
``zidocs monev 2026 --periode TW1`` and ``zidocs monev init 2026 --periode TW2``
work (``zidocs monev laporan 2026 --periode TW1`` is the same as the first).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from typer.core import TyperGroup

from zidocs import api
from zidocs.cli.common import PdfOpt, TanpaPdfOpt, out, parse_date, usage_error, workspace
from zidocs.cli.status import status_renderable
from zidocs.plan.periode import KODE_PERIODE, normalisasi_kode

DEFAULT_COMMAND = "laporan"


class _MonevGroup(TyperGroup):
    """A group with a default command: anything that is not a subcommand
    name (a year, an option) goes to ``laporan``."""

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):  # type: ignore[no-untyped-def]
        formatter.write_usage(ctx.command_path, "[init|ekspor|impor] [TAHUN] --periode PERIODE [OPSI]")


monev_app = typer.Typer(
    cls=_MonevGroup,
    name="monev",
    help=(
        "Laporan pemantauan dan evaluasi (monev) per triwulan/semester.\n\n"
        "[bold]zidocs monev TAHUN --periode TW1 [--tanpa-pdf][/]: tulis laporan ke out/TAHUN/monev/.\n\n"
        "[bold]zidocs monev init TAHUN --periode TW2[/]: siapkan berkas isian plan/TAHUN/monev-TW2.yaml."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _periode(value: str | None) -> str | None:
    """TW1 … S2 in any case → upper case; anything else is a usage error."""
    if value is None:
        return None
    kode = normalisasi_kode(value)
    if kode not in KODE_PERIODE:
        raise typer.BadParameter(
            f"“{value}” bukan periode; pakai {', '.join(KODE_PERIODE)} (TW = triwulan, S = semester)."
        )
    return kode


TahunArg = Annotated[
    Optional[int],
    typer.Argument(metavar="TAHUN", help="Tahun rencana, misalnya 2026. Bawaan: rencana terbaru di folder kerja.", show_default=False),
]
PeriodeOpt = Annotated[
    str,
    typer.Option("--periode", "-p", metavar="PERIODE", callback=_periode, show_default=False,
                 help="Periode: TW1–TW4 (triwulan) atau S1, S2 (semester)."),
]
BuktiOpt = Annotated[
    Optional[Path],
    typer.Option("--bukti", envvar="ZIDOCS_BUKTI", show_default=False,
                 help="Folder penyimpanan bukti. Bawaan: bukti/ di folder kerja."),
]
TanggalBuatOpt = Annotated[
    Optional[str],
    typer.Option("--tanggal-buat", metavar="TTTT-BB-HH", show_default=False,
                 help="Tanggal yang dicap pada metadata berkas. Bawaan: tanggal laporan, agar hasilnya selalu sama."),
]


@monev_app.command(DEFAULT_COMMAND)
def monev_command(
    ctx: typer.Context,
    tahun: TahunArg = None,
    periode: PeriodeOpt = ...,  # type: ignore[assignment]
    tanpa_pdf: TanpaPdfOpt = False,
    pdf: PdfOpt = True,
    tanggal_buat: TanggalBuatOpt = None,
    bukti: BuktiOpt = None,
) -> None:
    """Tulis laporan monev periode itu: out/TAHUN/monev/monev-PERIODE.docx (dan .pdf)."""
    result = api.monev_laporan(workspace(ctx, bukti), tahun, periode, pdf=not tanpa_pdf,
                               build_date=parse_date(tanggal_buat, "--tanggal-buat"))
    for path in result.paths:
        out(str(path))
    t = result.figures.total
    out(f"{result.figures.periode.judul}: {t.jatuh_tempo} aksi jatuh tempo, {t.selesai} selesai, "
               f"{t.proses} proses, {t.belum} belum; {len(result.figures.terlambat)} terlambat.")


@monev_app.command("init")
def monev_init_command(
    ctx: typer.Context,
    tahun: TahunArg = None,
    periode: PeriodeOpt = ...,  # type: ignore[assignment]
    bukti: BuktiOpt = None,
) -> None:
    """Siapkan (atau lengkapi) berkas isian plan/TAHUN/monev-PERIODE.yaml; isian yang sudah ditulis tidak ditimpa."""
    r = api.monev_init(workspace(ctx, bukti), tahun, periode)
    if r.dibuat:
        out(f"{r.rel}: dibuat dengan {len(r.indikator_baru)} indikator yang jatuh tempo "
                   f"dan {r.tindak_lanjut_baru} rekomendasi untuk ditindaklanjuti"
                   + (f" (dibawa dari {r.sebelumnya})." if r.sebelumnya else "."))
    elif r.ditulis:
        added = []
        if r.indikator_baru:
            added.append(f"{len(r.indikator_baru)} indikator ({', '.join(r.indikator_baru)})")
        if r.tindak_lanjut_baru:
            added.append(f"{r.tindak_lanjut_baru} tindak lanjut rekomendasi")
        if r.kunci_baru:
            added.append("kunci " + ", ".join(r.kunci_baru))
        out(f"{r.rel}: ditambahkan {'; '.join(added)}. Isian yang ada tidak diubah.")
    else:
        out(f"{r.rel}: sudah lengkap; tidak ada yang diubah.")
    for note in r.catatan:
        out(f"Catatan: {note}")
    out(f"Isi realisasi, status, kendala, tindak lanjut dan data rapatnya, lalu periksa dengan "
               f"`zidocs check` dan buat laporan dengan `zidocs monev {tahun or ''} --periode {periode}`."
               .replace("  ", " "))


def status_command(
    ctx: typer.Context,
    tahun: TahunArg = None,
    periode: Annotated[
        Optional[str],
        typer.Option("--periode", "-p", metavar="PERIODE", callback=_periode, show_default=False,
                     help="Tampilkan keadaan pada akhir periode ini (sama dengan laporannya)."),
    ] = None,
    tanggal: Annotated[
        Optional[str],
        typer.Option("--tanggal", metavar="TTTT-BB-HH", show_default=False,
                     help="Keadaan per tanggal ini. Bawaan: hari ini."),
    ] = None,
    bukti: BuktiOpt = None,
) -> None:
    """Keadaan tahun ini sekilas: per area aksi yang jatuh tempo, selesai, proses, terlambat dan cakupan bukti."""
    if periode is not None and tanggal is not None:
        raise usage_error("pakai --periode atau --tanggal, tidak keduanya.")
    day = None if periode is not None else (parse_date(tanggal, "--tanggal") or dt.date.today())
    r = api.status(workspace(ctx, bukti), tahun, periode=periode, tanggal=day)
    Console(highlight=False).print(status_renderable(r.figures, sumber=r.sumber, contoh=r.contoh))
