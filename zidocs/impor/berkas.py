"""Which reader reads a file: by its extension, each reader checking the
content itself (a file that is not what its name says is refused with a
message naming it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from zidocs.errors import InputError
from zidocs.impor.dari_csv import baca_csv
from zidocs.impor.dari_docx import baca_docx
from zidocs.impor.dari_xlsx import baca_ods, baca_xlsx
from zidocs.impor.grid import Tabel
from zidocs.office.convert import convert_file, source_problem

DIDUKUNG = (".docx", ".odt", ".html", ".htm", ".xlsx", ".xlsm", ".ods", ".csv", ".tsv")


def baca_berkas(path: Path) -> tuple[list[Tabel], list[str]]:
    """The tables of ``path`` as grids, and notes on how it was read."""
    path = Path(path)
    nama = path.name
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(f"{path}: berkas tidak ditemukan. Periksa nama dan foldernya.")
    if not path.is_file():
        raise InputError(f"{path}: bukan berkas biasa (mungkin folder).")
    if suffix in (".odt", ".ods") and (why := source_problem(path)) is not None:
        raise InputError(f"{nama}: {why}")
    if suffix == ".docx":
        return baca_docx(path, nama), []
    if suffix in (".odt", ".html", ".htm"):
        with tempfile.TemporaryDirectory(prefix="zidocs-impor-") as tmp:
            docx = convert_file(path, Path(tmp) / (path.stem + ".docx"), "docx:MS Word 2007 XML")
            return baca_docx(docx, nama), [f"{nama}: diubah ke DOCX dengan LibreOffice untuk dibaca (sel gabungan dan huruf miring tetap)."]
    if suffix in (".xlsx", ".xlsm"):
        return baca_xlsx(path, nama), []
    if suffix == ".ods":
        return baca_ods(path, nama), [f"{nama}: diubah ke XLSX dengan LibreOffice untuk dibaca (sel gabungan "
                                      "dan huruf miring tetap)."]
    if suffix in (".csv", ".tsv"):
        return baca_csv(path, nama)
    lama = {".doc": ".docx", ".xls": ".xlsx", ".rtf": ".docx"}
    if suffix in lama:
        raise InputError(f"{nama}: format lama {suffix} tidak dibaca. Buka di Word/Excel atau LibreOffice lalu "
                         f"simpan sebagai {lama[suffix]}, kemudian impor berkas itu.")
    raise InputError(f"{nama}: jenis berkas '{path.suffix or '(tanpa ekstensi)'}' tidak didukung; yang didukung: "
                     f"{', '.join(DIDUKUNG)}.")
