"""CSV → one ``Tabel`` grid. A CSV has no merged cells: a merged range
exported from a spreadsheet arrives as its text in the first cell and empty
cells after it, which the table reader handles like a merge. Italics can be
written in the text as ``*…*``. The separator (comma, semicolon, tab) is
detected; the text must be UTF-8 (with or without BOM), else Windows-1252 is
assumed and said so."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from zidocs.errors import InputError, os_reason
from zidocs.impor.grid import Tabel, dari_sel, rapikan


def baca_csv(path: Path, nama_berkas: str | None = None) -> tuple[list[Tabel], list[str]]:
    """The grid, and notes about how the file was read (encoding assumed)."""
    berkas = nama_berkas or Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{berkas}: berkas tidak dapat dibaca ({os_reason(exc)}).") from None
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
        notes.append(f"{berkas}: bukan UTF-8; dibaca sebagai Windows-1252. Periksa huruf selain A–Z di hasilnya, "
                     "atau simpan ulang CSV sebagai “CSV UTF-8”.")
    if "\x00" in text:
        raise InputError(f"{berkas}: bukan berkas teks CSV (berisi byte nol). Simpan tabelnya sebagai CSV UTF-8, "
                         "atau impor berkas .xlsx/.ods/.docx-nya langsung.")
    if Path(path).suffix.lower() == ".tsv":
        dialect = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    layout = [[(rapikan(v), 1, 1) if v.strip() else None for v in row] for row in rows]
    return [Tabel(berkas, "tabel", dari_sel(layout), huruf_kolom=True)], notes

