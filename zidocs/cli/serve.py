"""CLI for the web service: `zidocs serve` and `zidocs pengguna tambah|daftar|nonaktif`."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from zidocs.cli.common import out, workspace
from zidocs.web import launch

pengguna_app = typer.Typer(help="Akun untuk masuk ke layanan web (`zidocs serve`): tambah, daftar, atau nonaktifkan.", no_args_is_help=True)


def serve_command(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Alamat yang dilayani; 0.0.0.0 untuk seluruh LAN.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Nomor port.")] = 8080,
    batas_mb: Annotated[int, typer.Option("--batas-mb", help="Batas ukuran satu unggahan (MB).")] = 20,
    nama_host: Annotated[Optional[List[str]], typer.Option(
        "--nama-host", help="Nama host lain yang dipakai peramban (mis. pc-sekretariat.local).")] = None,
    tanpa_lo_hangat: Annotated[bool, typer.Option(
        "--tanpa-lo-hangat", help="Jangan jaga LibreOffice hangat (unoserver); PDF dibuat dingin.")] = False,
) -> None:
    """Jalankan layanan web sekretariat pada folder kerja ini (Ctrl-C untuk berhenti)."""
    ws = workspace(ctx)
    shown = "alamat-IP-PC-ini" if host in ("0.0.0.0", "::") else host
    out(f"Layanan web zidocs untuk {ws.root}: buka http://{shown}:{port}/ (Ctrl-C untuk berhenti).")
    launch.serve(ws.root, host=host, port=port, max_upload=batas_mb * 1024 * 1024, hosts=nama_host or [],
                 lo_hangat=not tanpa_lo_hangat, say=out)


@pengguna_app.command("tambah")
def tambah_cmd(
    ctx: typer.Context,
    nama: Annotated[str, typer.Argument(help="Nama pengguna untuk masuk.")],
    peran: Annotated[str, typer.Option("--peran", help="admin, koordinator, pimpinan atau evaluator.")],
    area: Annotated[str, typer.Option("--area", help="Area koordinator, mis. I atau I,III.")] = "",
    sandi: Annotated[str, typer.Option("--sandi", prompt="Kata sandi", hide_input=True, confirmation_prompt=True,
                                       help="Bawaan: ditanyakan (tidak tampil di layar).")] = ...,  # type: ignore[assignment]
) -> None:
    """Tambah akun (kata sandi minimal 10 karakter, disimpan sebagai hash argon2)."""
    a = launch.pengguna_tambah(workspace(ctx).root, nama, sandi, peran, area)
    out(f"Pengguna {a.username} ({a.peran}{' ' + a.area if a.area else ''}) ditambahkan.")


@pengguna_app.command("daftar")
def daftar_cmd(ctx: typer.Context) -> None:
    """Daftar akun layanan web: nama, peran, area dan apakah masih aktif."""
    for a in launch.pengguna_daftar(workspace(ctx).root):
        out(f"{a.username}\t{a.peran}\t{a.area or '-'}\t{'aktif' if a.aktif else 'nonaktif'}")


@pengguna_app.command("nonaktif")
def nonaktif_cmd(ctx: typer.Context, nama: Annotated[str, typer.Argument(help="Nama pengguna.")]) -> None:
    """Nonaktifkan akun: tidak bisa masuk lagi, dan riwayatnya tetap tersimpan."""
    a = launch.pengguna_nonaktif(workspace(ctx).root, nama)
    out(f"Pengguna {a.username} dinonaktifkan.")
