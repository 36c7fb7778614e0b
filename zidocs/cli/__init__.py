"""The `zidocs` command line: parse arguments, call one ``zidocs.api``
function, print its result. The only place where exceptions become exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer._click.exceptions import ClickException, UsageError

from zidocs import api
from zidocs.cli import i18n as cli_i18n  # Indonesian help words; must precede the app
from zidocs.cli.common import PdfOpt, TanpaPdfOpt, err, out, parse_date, workspace
from zidocs.errors import ExitCode, PlanInvalid, ZidocsError, os_reason
from zidocs.plan.register import Register, format_ranges
from zidocs.plan.workspace import ENV_WORKSPACE, Workspace

app = typer.Typer(
    name="zidocs",
    help="Dokumen Zona Integritas (Keputusan, Lampiran, SK, monev, dossier bukti) dari satu rencana terstruktur.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

TahunArg = Annotated[
    Optional[int],
    typer.Argument(metavar="TAHUN", help="Tahun rencana, misalnya 2026. Bawaan: rencana terbaru di folder kerja.",
                   show_default=False),
]


@app.callback()
def _root(
    ctx: typer.Context,
    workspace: Annotated[
        Optional[Path],
        typer.Option(
            "--workspace", "-w", envvar=ENV_WORKSPACE,
            help="Folder kerja (berisi plan/, templates/, out/, bukti/). Bawaan: folder saat ini.",
            show_default=False,
        ),
    ] = None,
) -> None:
    ctx.obj = Workspace.resolve(workspace)


@app.command("check")
def check_cmd(
    ctx: typer.Context,
    tahun: TahunArg = None,
    strict: Annotated[bool, typer.Option("--strict", help="Peringatan juga dianggap gagal (kode keluar 1).")] = False,
) -> None:
    """Periksa rencana: cetak semua temuan (BERKAS:BARIS: galat|peringatan KODE: pesan)."""
    report = api.check(workspace(ctx), tahun)
    for f in report.findings:
        out(f.format())
    n_err, n_warn = len(report.errors), len(report.warnings)
    out(f"Rencana {report.loaded.tahun}: {n_err} galat, {n_warn} peringatan.")
    if not report.ok(strict=strict):
        raise typer.Exit(ExitCode.GALAT_RENCANA)


TanggalOpt = Annotated[
    Optional[str],
    typer.Option(
        "--tanggal-buat", metavar="TTTT-BB-HH",
        help="Tanggal yang dicap pada metadata berkas. Bawaan: tanggal keputusan, agar hasilnya selalu sama.",
        show_default=False,
    ),
]


@app.command("keputusan")
def keputusan_cmd(
    ctx: typer.Context,
    tahun: TahunArg = None,
    tanpa_pdf: TanpaPdfOpt = False,
    pdf: PdfOpt = True,
    tanggal_buat: TanggalOpt = None,
) -> None:
    """Tulis Keputusan Rencana Aksi beserta Lampirannya: asli (untuk ditandatangani) dan salinan, DOCX dan PDF."""
    result = api.keputusan(workspace(ctx), tahun, pdf=not tanpa_pdf, build_date=parse_date(tanggal_buat, "--tanggal-buat"))
    for path in result.paths:
        out(str(path))


@app.command("sk")
def sk_cmd(
    ctx: typer.Context,
    jenis: Annotated[
        str,
        typer.Argument(
            help="Jenis keputusan: nama berkas plan/<tahun>/keputusan-<jenis>.yaml, "
            "misalnya tim-kerja atau agen-perubahan.",
            show_default=False,
        ),
    ],
    tahun: TahunArg = None,
    tanpa_pdf: TanpaPdfOpt = False,
    pdf: PdfOpt = True,
    tanggal_buat: TanggalOpt = None,
) -> None:
    """Tulis SK jenis lain (Tim Kerja, Agen Perubahan, …) beserta Lampirannya: asli dan salinan,
    DOCX dan PDF, ke out/<tahun>/sk-<jenis>.docx."""
    result = api.keputusan(workspace(ctx), tahun, jenis, pdf=not tanpa_pdf, build_date=parse_date(tanggal_buat, "--tanggal-buat"))
    for path in result.paths:
        out(str(path))
    contoh = result.contoh
    if contoh:
        err(f"Perhatian: Lampiran memuat {len(contoh)} nama CONTOH (contoh: true di plan/kantor.yaml), "
            f"mis. “{contoh[0]}”. Ganti dengan data pegawai yang sebenarnya sebelum SK ditandatangani.")


@app.command("nomor")
def nomor_cmd(ctx: typer.Context, tahun: TahunArg = None) -> None:
    """Daftar nomor keputusan tahun ini (nomor, tanggal, judul) dan nomor berikutnya yang bebas."""
    reg = api.register(workspace(ctx), tahun)
    for line in format_register(reg):
        out(line)
    if reg.ganda or any(b.di_luar_tahun for b in reg.baris):
        raise typer.Exit(ExitCode.GALAT_RENCANA)


def format_register(reg: Register) -> list[str]:
    """The register as aligned plain text (titles shortened to one line)."""
    lines = [f"Register keputusan tahun {reg.tahun}:"]
    if not reg.baris:
        lines.append("  (belum ada keputusan)")
    else:
        rows = [("NOMOR", "TANGGAL", "JENIS", "JUDUL")]
        for b in reg.baris:
            judul = b.judul if len(b.judul) <= 60 else b.judul[:59].rstrip() + "…"
            tanda = " [NOMOR GANDA]" if b.ganda else ""
            tanda += " [DI LUAR TAHUN]" if b.di_luar_tahun else ""
            rows.append((str(b.nomor), b.tanggal_teks, b.jenis, judul + tanda))
        w = [max(len(r[i]) for r in rows) for i in range(3)]
        for r in rows:
            lines.append(f"  {r[0]:>{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}".rstrip())
    lines.append(f"Nomor berikutnya: {reg.nomor_berikutnya}")
    if reg.celah:
        lines.append(f"Nomor yang tidak tercatat di rencana: {format_ranges(reg.celah)} "
                     "(bisa jadi sudah dipakai keputusan lain kantor; periksa buku register).")
    for n in reg.ganda:
        kinds = ", ".join(b.jenis for b in reg.baris if b.nomor == n)
        lines.append(f"Galat: Nomor {n} dipakai lebih dari satu keputusan ({kinds}); beri salah satunya "
                     f"Nomor {reg.nomor_berikutnya}.")
    for b in reg.baris:
        if b.di_luar_tahun:
            lines.append(f"Galat: keputusan {b.jenis} Nomor {b.nomor} bertanggal {b.tanggal.isoformat()}, "
                         f"di luar tahun {reg.tahun}; perbaiki `tanggal`.")
    return lines


from zidocs.cli.bukti import bukti_app, dossier_command  # noqa: E402  (registered after the root commands)
from zidocs.cli.monev import monev_app, status_command  # noqa: E402
from zidocs.cli.serve import pengguna_app, serve_command  # noqa: E402
from zidocs.cli.impor import impor_command  # noqa: E402

app.add_typer(bukti_app, name="bukti")
app.command("dossier")(dossier_command)
app.add_typer(monev_app, name="monev")
app.command("status")(status_command)
app.command("serve")(serve_command)
app.add_typer(pengguna_app, name="pengguna")
app.command("impor")(impor_command)

# Spreadsheets (issue 14): the Rencana Aksi table and a period's monev isian as XLSX.
from zidocs.cli.tabel import monev_ekspor_command, monev_impor_command, rencana_app  # noqa: E402

app.add_typer(rencana_app, name="rencana")
monev_app.command("ekspor")(monev_ekspor_command)
monev_app.command("impor")(monev_impor_command)


@app.command("migrasi")
def migrasi_cmd(
    ctx: typer.Context,
    tahun: Annotated[Optional[int], typer.Argument(metavar="TAHUN", show_default=False,
                                                   help="Tahun rencana. Bawaan: setiap tahun di folder kerja.")] = None,
    terima_teks: Annotated[bool, typer.Option(
        "--terima-teks", help="Catat teks indikator sekarang sebagai teks saat bukti dilampirkan "
                              "(setelah temuan BUKTI-TEKS-BERUBAH diperiksa).")] = False,
) -> None:
    """Beri setiap indikator kunci tetap (`kunci:`) dan pindahkan rujukan bukti dan isian monev dari nomor (V.2.3) ke kunci."""
    for r in api.migrasi(workspace(ctx), tahun, terima_teks=terima_teks):
        out(f"Rencana {r.tahun}:")
        if r.kunci.ditulis:
            out(f"  {len(r.kunci.ditulis)} kunci baru ditulis di {r.kunci.path.name}"
                + (" (indentasi berkas dirapikan)" if r.kunci.dirapikan else "") + ":")
            for iid, k in r.kunci.ditulis:
                out(f"    {iid} → kunci: {k}")
        for m in r.monev:
            if m.dipindah:
                out(f"  {m.rel}: {len(m.dipindah)} isian dipindah ke kunci: "
                    + ", ".join(f"{i} → {k}" for i, k in m.dipindah))
            elif m.id_disegarkan:
                out(f"  {m.rel}: komentar nomor indikator diperbarui.")
            for i in m.tertinggal:
                err(f"  {m.rel}: isian “{i}” tidak dipindah: indikator {i} tidak ada dalam rencana {r.tahun}.")
        for b in r.bukti:
            out(f"  bukti ID {b.id} ({b.nama}): {b.dari} → kunci {b.ke}")
        for rid, nama, ind in r.bukti_tertinggal:
            err(f"  bukti ID {rid} ({nama}) tidak dipindah: indikator “{ind}” tidak ada dalam rencana {r.tahun}.")
        if r.teks_dicatat:
            out(f"  teks indikator dicatat untuk {r.teks_dicatat} bukti.")
        if not r.berubah:
            out("  sudah berkunci; tidak ada yang diubah.")


@app.command("tahun-baru")
def tahun_baru_cmd(
    ctx: typer.Context,
    tahun: Annotated[int, typer.Argument(metavar="TAHUN", help="Tahun rencana baru, misalnya 2027.",
                                         show_default=False)],
    dari: Annotated[Optional[int], typer.Option("--dari", help="Tahun yang disalin. Bawaan: tahun sebelumnya.",
                                                show_default=False)] = None,
) -> None:
    """Mulai rencana tahun baru dari rencana tahun sebelumnya (tahun diganti, isian monev tidak disalin, nomor dan tanggal keputusan dikosongkan)."""
    r = api.tahun_baru(workspace(ctx), tahun, dari=dari)
    out(f"Rencana {r.tahun} dibuat dari rencana {r.dari} di {r.folder}:")
    for b in r.berkas:
        out(f"  {b}")
    for b in r.tidak_disalin:
        out(f"  tidak disalin: {b} (isian monev tahun {r.dari})")
    if r.perlu_diisi:
        out("Perlu diisi (galat sampai diisi):")
        for c in r.perlu_diisi:
            out(f"  {c.berkas}:{c.baris}: {c.catatan}")
    if r.tinjau:
        out(f"Perlu ditinjau (rujukan ke dokumen tahun {r.dari}):")
        for c in r.tinjau:
            out(f"  {c.berkas}:{c.baris}: {c.teks} — {c.catatan}")
    out(f"Lalu jalankan `zidocs nomor {r.tahun}` dan `zidocs check {r.tahun}`.")


@app.command("init")
def init_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder kerja baru (dibuat bila belum ada; tidak boleh sudah berisi plan/).")],
) -> None:
    """Mulai folder kerja baru untuk kantor lain: templat bawaan dan contoh rencana untuk disunting."""
    written = api.buat_folder_kerja(folder)
    for path in written:
        out(str(path))
    out(f"Folder kerja dibuat di {folder}. Sunting plan/kantor.yaml dan plan/<tahun>/, lalu jalankan `zidocs check`.")


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this)."""
    try:
        result = app(args=argv, prog_name="zidocs", standalone_mode=False)
    except PlanInvalid as exc:
        for f in exc.findings:
            err(f.format())
        err(exc.message)
        return int(exc.exit_code)
    except ZidocsError as exc:
        err(f"zidocs: {exc.message}")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        err("zidocs: dibatalkan.")
        return int(ExitCode.DIBATALKAN)
    except OSError as exc:  # the file system refused: permissions, a folder in the way, a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        err(f"zidocs: {where}{os_reason(exc)}. Periksa izin dan ruang disk folder itu, lalu jalankan ulang; "
            "berkas lama tidak diubah.")
        return int(ExitCode.INPUT_TIDAK_TERBACA)
    except typer.Exit as exc:  # pragma: no cover - standalone_mode=False returns it instead
        return int(exc.exit_code)
    except UsageError as exc:
        err(cli_i18n.usage_error_text(exc))
        return int(ExitCode.PENGGUNAAN)
    except ClickException as exc:
        err(f"zidocs: {exc.format_message()}")
        return int(exc.exit_code)
    return int(result or 0)


def main() -> None:
    sys.exit(run())
