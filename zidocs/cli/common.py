"""What every command module of the CLI shares: the workspace from the root
command's --workspace (and a command's --bukti), date options, and output
that renders the library's action markers as commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from zidocs.errors import render_aksi
from zidocs.plan.workspace import Workspace

# How the CLI names each action a library message refers to (zidocs.errors.aksi).
AKSI_CLI = {
    "check": "`zidocs check`",
    "init": "`zidocs init`",
    "sk": "`zidocs sk {0}`",
    "nomor": "`zidocs nomor {0}`",
    "monev-init": "`zidocs monev init {0} --periode {1}`",
    "bukti-add": "`zidocs bukti add`",
    "bukti-list": "`zidocs bukti list`",
    "bukti-remove": "`zidocs bukti remove {0}`",
    "migrasi": "`zidocs migrasi`",
    "migrasi-terima": "`zidocs migrasi --terima-teks`",
    "pilih-folder-kerja": "Jalankan zidocs di folder kerja yang berisi plan/, pakai --workspace DIR, atau buat "
                          "folder kerja baru dengan `zidocs init DIR`.",
    "pilih-gudang-bukti": "tunjuk penyimpanan lain dengan --bukti / ZIDOCS_BUKTI",
    "rencana-ekspor": "`zidocs rencana ekspor`",
    "monev-ekspor": "`zidocs monev ekspor TAHUN --periode PERIODE`",
    "opsi": "--{0}",  # an option of the command at hand, e.g. ⟦opsi|terima-rusak⟧
}


def _render(nama: str, args: list[str]) -> str:
    form = AKSI_CLI.get(nama)
    if form:
        return form.format(*args)
    # "bukti-move" with args 12, --indikator, ID → `zidocs bukti move 12 --indikator ID`
    return "`" + " ".join(["zidocs", *nama.split("-", 1), *args]) + "`"


def tampil(text: str) -> str:
    """A library message as the CLI shows it: actions named as commands."""
    return render_aksi(text, _render)


def out(text: str = "") -> None:
    typer.echo(tampil(text))


def err(text: str) -> None:
    typer.echo(tampil(text), err=True)


def workspace(ctx: typer.Context | None, bukti: Path | None = None) -> Workspace:
    """The workspace the root command resolved (--workspace, ZIDOCS_WORKSPACE,
    cwd), with the evidence store a command's --bukti / ZIDOCS_BUKTI names."""
    obj = ctx.find_object(Workspace) if ctx is not None else None
    ws = obj if obj is not None else Workspace.resolve(None)
    return ws.with_bukti(bukti)


def parse_date(text: str | None, option: str) -> dt.date | None:
    """A TTTT-BB-HH option value; a usage error (exit 2) naming the option otherwise."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"“{text}” bukan tanggal TTTT-BB-HH, misalnya 2026-03-06.", param_hint=option) from None


def usage_error(message: str) -> typer.BadParameter:
    """A usage mistake that no single option causes (exit 2)."""
    return typer.BadParameter(message)


# Every document command writes the PDF too unless told not to: the secretary
# prints the PDF. `--pdf`, the older opt-in, is still accepted (hidden).
TanpaPdfOpt = Annotated[
    bool, typer.Option("--tanpa-pdf", help="Hanya DOCX, tanpa PDF (PDF perlu LibreOffice).")
]
PdfOpt = Annotated[bool, typer.Option("--pdf", hidden=True, help="Tulis juga PDF (bawaan).")]
