"""CLI for spreadsheets: `zidocs rencana ekspor|impor` (the Rencana Aksi
table as XLSX) and `zidocs monev ekspor|impor` (a period's isian as XLSX).

Thin: parse, call one ``zidocs.api`` function, print. zidocs/cli/__init__.py
registers ``rencana_app`` as `zidocs rencana` and the two monev commands in
the monev group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zidocs import api
from zidocs.cli.common import err, out, parse_date, workspace
from zidocs.errors import ExitCode
from zidocs.plan.check import CheckReport
from zidocs.plan.periode import KODE_PERIODE, normalisasi_kode

rencana_app = typer.Typer(
    name="rencana",
    help=(
        "Tabel Rencana Aksi sebagai lembar kerja (XLSX) untuk disunting di Excel atau LibreOffice.\n\n"
        "[bold]zidocs rencana ekspor [TAHUN][/]: tulis out/TAHUN/rencana-aksi.xlsx.\n\n"
        "[bold]zidocs rencana impor BERKAS [TAHUN][/]: gabungkan lembar yang disunting ke rencana-aksi.yaml."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

TahunArg = Annotated[
    Optional[int],
    typer.Argument(metavar="TAHUN", help="Tahun rencana, misalnya 2026. Bawaan: rencana terbaru di folder kerja.",
                   show_default=False),
]
KeluaranOpt = Annotated[
    Optional[Path],
    typer.Option("--keluaran", "-o", metavar="BERKAS", show_default=False,
                 help="Berkas XLSX yang ditulis. Bawaan: di out/TAHUN/."),
]
TanggalBuatOpt = Annotated[
    Optional[str],
    typer.Option("--tanggal-buat", metavar="TTTT-BB-HH", show_default=False,
                 help="Tanggal yang dicap pada metadata berkas, agar hasilnya selalu sama."),
]
BerkasArg = Annotated[Path, typer.Argument(metavar="BERKAS", help="Lembar kerja .xlsx yang telah disunting.",
                                           show_default=False)]


def _check(report: CheckReport) -> None:
    """The check after an import: its findings, its totals, exit 1 on errors."""
    for f in report.findings:
        out(f.format())
    out(f"Pemeriksaan rencana {report.loaded.tahun}: {len(report.errors)} galat, {len(report.warnings)} peringatan.")
    if report.errors:
        raise typer.Exit(ExitCode.GALAT_RENCANA)


@rencana_app.command("ekspor")
def rencana_ekspor_cmd(ctx: typer.Context, tahun: TahunArg = None, keluaran: KeluaranOpt = None,
                       tanggal_buat: TanggalBuatOpt = None) -> None:
    """Tulis tabel Rencana Aksi ke lembar kerja XLSX: satu baris per indikator, kolom Kunci terkunci."""
    r = api.rencana_ekspor(workspace(ctx), tahun, tujuan=keluaran,
                           build_date=parse_date(tanggal_buat, "--tanggal-buat"))
    for iid, k in r.kunci_baru:
        out(f"kunci baru ditulis di rencana-aksi.yaml: {iid} → {k}")
    out(f"{r.path}: {r.baris} indikator. Sunting di Excel atau LibreOffice, simpan sebagai .xlsx, lalu "
        f"`zidocs rencana impor {r.path}`.")


@rencana_app.command("impor")
def rencana_impor_cmd(
    ctx: typer.Context,
    berkas: BerkasArg,
    tahun: TahunArg = None,
    hapus: Annotated[bool, typer.Option(
        "--hapus", help="Hapus dari rencana indikator yang barisnya dihapus dari lembar (tanpa ini: ditolak).")] = False,
) -> None:
    """Gabungkan lembar Rencana Aksi yang disunting ke plan/TAHUN/rencana-aksi.yaml (komentar dan kunci tetap), lalu periksa rencana."""
    r = api.rencana_impor(workspace(ctx), berkas, tahun, hapus=hapus)
    h = r.impor.ringkasan
    if not r.impor.ditulis:
        out(f"{r.impor.rel}: tidak ada yang berubah.")
    else:
        out(f"{r.impor.rel} diperbarui" + (" (indentasi berkas dirapikan)" if h.dirapikan else "") + ":")
        if h.judul_diubah:
            out("  judul tabel diubah")
        for line in h.area + h.komponen:
            out(f"  {line}")
        for iid, k, teks in h.ditambah:
            out(f"  ditambah  {iid} (kunci {k}): {teks}")
        for iid, fields in h.diubah:
            out(f"  diubah    {iid}: {', '.join(fields)}")
        for iid, k, teks in h.dihapus:
            err(f"  DIHAPUS   {iid} (kunci {k}): {teks}")
        if h.nomor_berubah:
            out("  nomor berubah: " + ", ".join(f"{a} → {b}" for a, b in h.nomor_berubah))
        if h.dihapus:
            err(f"Perhatian: {len(h.dihapus)} indikator dihapus dari rencana. Bukti dukung dan isian monev yang "
                "merujuknya tidak ikut terhapus; `zidocs check` melaporkannya (BUKTI-INDIKATOR, MONEV-INDIKATOR).")
    _check(r.check)


def monev_ekspor_command(
    ctx: typer.Context,
    tahun: TahunArg = None,
    periode: Annotated[str, typer.Option("--periode", "-p", metavar="PERIODE", show_default=False,
                                         help="Periode: TW1–TW4 (triwulan) atau S1, S2 (semester).")] = ...,  # type: ignore[assignment]
    keluaran: KeluaranOpt = None,
    tanggal_buat: TanggalBuatOpt = None,
    bukti: Annotated[Optional[Path], typer.Option("--bukti", envvar="ZIDOCS_BUKTI", show_default=False,
                                                  help="Folder penyimpanan bukti. Bawaan: bukti/ di folder kerja.")] = None,
) -> None:
    """Tulis isian monev periode itu ke lembar kerja XLSX (berkas isian disiapkan dulu seperti `monev init`, tanpa menimpa)."""
    from_periode = _periode(periode)
    r = api.monev_ekspor(workspace(ctx, bukti), tahun, from_periode, tujuan=keluaran,
                         build_date=parse_date(tanggal_buat, "--tanggal-buat"))
    if r.init.ditulis:
        out(f"{r.init.rel}: " + ("dibuat" if r.init.dibuat else
                                 f"ditambahkan {len(r.init.indikator_baru)} indikator") + " (seperti monev init).")
    out(f"{r.path}: {r.baris} indikator. Isi kolom Realisasi sampai Catatan, simpan sebagai .xlsx, lalu "
        f"`zidocs monev impor {r.path}`.")


def monev_impor_command(
    ctx: typer.Context,
    berkas: BerkasArg,
    timpa: Annotated[bool, typer.Option(
        "--timpa", help="Isi lembar menggantikan isian yang diubah di berkas sesudah lembar diekspor "
                        "(tanpa ini: ditolak).")] = False,
) -> None:
    """Tulis isian dari lembar kerja XLSX ke plan/TAHUN/monev-PERIODE.yaml: hanya sel yang diubah, tanpa menimpa diam-diam."""
    r = api.monev_impor(workspace(ctx), berkas, timpa=timpa)
    m = r.impor
    if not m.ditulis:
        out(f"{m.rel}: tidak ada yang berubah.")
    else:
        out(f"{m.rel} diperbarui:")
        for k, cols in m.diubah:
            out(f"  {r.ids.get(k, k)}: {', '.join(cols)}")
    for k, col in m.ditimpa:
        err(f"  ditimpa (--timpa): {r.ids.get(k, k)} kolom {col}")
    for k in m.tidak_di_lembar:
        err(f"  baris {r.ids.get(k, k)} (kunci {k}) tidak ada di lembar; isiannya di {m.rel} tidak diubah.")
    _check(r.check)


def _periode(value: str) -> str:
    kode = normalisasi_kode(value)
    if kode not in KODE_PERIODE:
        raise typer.BadParameter(f"“{value}” bukan periode; pakai {', '.join(KODE_PERIODE)}.", param_hint="--periode")
    return kode
