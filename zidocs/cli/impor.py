"""`zidocs impor`: read another office's Rencana Aksi table into a new plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zidocs import api
from zidocs.cli.common import err, out, workspace
from zidocs.errors import ExitCode


def impor_command(
    ctx: typer.Context,
    berkas: Annotated[Path, typer.Argument(
        metavar="BERKAS", show_default=False,
        help="Keputusan (.docx, .odt) atau lembar kerja (.xlsx, .ods, .csv) yang memuat tabel Rencana Aksi.")],
    tahun: Annotated[Optional[int], typer.Option(
        "--tahun", metavar="TAHUN", show_default=False,
        help="Tahun rencana yang ditulis (plan/TAHUN/rencana-aksi.yaml). Bawaan: tahun yang paling sering "
             "disebut target waktu tabelnya.")] = None,
    timpa: Annotated[bool, typer.Option(
        "--timpa", help="Ganti plan/TAHUN/rencana-aksi.yaml yang sudah ada (isinya yang lama hilang).")] = False,
) -> None:
    """Impor tabel Rencana Aksi kantor lain (BAB II keputusan DOCX, atau XLSX/ODS/CSV) menjadi
    plan/TAHUN/rencana-aksi.yaml yang baru, laporkan setiap baris yang tidak dapat ditempatkan, lalu periksa rencananya."""
    r = api.impor_rencana(workspace(ctx), berkas, tahun=tahun, timpa=timpa)
    b = r.bacaan
    for c in r.catatan_berkas:
        out(c)
    out(f"Dibaca dari {berkas.name} ({'; '.join(t.split(', ', 1)[1] for t in b.tabel_dibaca)}): {len(b.area)} area, "
        f"{b.jumlah_komponen} komponen, {b.jumlah_indikator} indikator.")
    tahun_teks = f"tahun {r.tahun}" + (" menurut target waktunya; bila salah, impor lagi dengan --tahun TAHUN --timpa"
                                       if r.tahun_ditebak else "")
    out(f"Ditulis: {r.path} ({tahun_teks}).")
    if b.kolom_diabaikan:
        out(f"Kolom yang tidak diimpor ({len(b.kolom_diabaikan)}):")
        for c in b.kolom_diabaikan:
            out(f"  {c.format()}")
    if b.catatan:
        out(f"Catatan ({len(b.catatan)}):")
        for c in b.catatan:
            out(f"  {c.format()}")
    if b.tidak_ditempatkan:
        err(f"Baris yang tidak dapat ditempatkan ({len(b.tidak_ditempatkan)}); isinya BELUM ada di rencana — "
            f"tambahkan dengan tangan di {r.path.name}, atau perbaiki tabelnya lalu impor lagi dengan --timpa:")
        for c in b.tidak_ditempatkan:
            err(f"  {c.format()}")
    if r.report is not None:
        out("Pemeriksaan rencana:")
        for f in r.report.findings:
            out(f"  {f.format()}")
        out(f"Rencana {r.tahun}: {len(r.report.errors)} galat, {len(r.report.warnings)} peringatan.")
    else:
        err(f"Rencana belum dapat diperiksa: {r.check_galat}")
    if not r.lengkap:
        raise typer.Exit(ExitCode.GALAT_RENCANA)
