"""XLSX (and ODS, through LibreOffice) → ``Tabel`` grids, one per sheet.

openpyxl reads merged ranges (``ws.merged_cells``) and rich text (italic runs
inside a cell, ``rich_text=True``); python-calamine, though faster, reports
neither for ODS (measured: ``merged_cell_ranges`` is None for an .ods whose
XLSX twin reports three ranges, and rich text is flattened), so an ODS is
first converted to XLSX by LibreOffice (``zidocs.office.convert``), which
keeps both. Formulas are read as their last computed values.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from zidocs.errors import InputError
from zidocs.impor.grid import Tabel, dari_sel, rapikan, teks_runs
from zidocs.office.convert import convert_file
from zidocs.text.target_waktu import NAMA_BULAN as BULAN


def _nilai(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    italic = bool(cell.font is not None and cell.font.i)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        # A typed "Maret 2026" that the spreadsheet turned into a date (1 March 2026).
        bulan = BULAN[value.month - 1]
        return f"{bulan} {value.year}" if value.day == 1 else f"{value.day} {bulan} {value.year}"
    if isinstance(value, (dt.datetime, dt.time)):
        return str(value)
    if isinstance(value, str):
        return teks_runs([(value, italic)])
    # CellRichText: plain strings take the cell's font, TextBlocks their own.
    runs = []
    for part in value:
        if isinstance(part, str):
            runs.append((part, italic))
        else:
            runs.append((part.text, bool(part.font is not None and part.font.i)))
    return teks_runs(runs)


def baca_xlsx(path: Path, nama_berkas: str | None = None) -> list[Tabel]:
    """Every worksheet as a grid (rows numbered as the spreadsheet numbers them)."""
    berkas = nama_berkas or Path(path).name
    # Loaded on first use (0.7 s), by a plain import: a LazyLoader module would lose
    # the submodule attributes other code reaches (openpyxl.styles.Font, …).
    import openpyxl  # noqa: PLC0415

    try:
        wb = openpyxl.load_workbook(str(path), rich_text=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad package
        raise InputError(f"{berkas}: bukan lembar kerja XLSX yang dapat dibaca ({type(exc).__name__}). Buka di "
                         "Excel atau LibreOffice lalu simpan ulang sebagai .xlsx.") from None
    tables = []
    for ws in wb.worksheets:
        if not ws.max_row or ws.max_row < 1:
            continue
        nrow, ncol = ws.max_row, ws.max_column
        layout: list[list] = [[None] * ncol for _ in range(nrow)]
        spans = {}
        covered = set()
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (rng.max_col - rng.min_col + 1, rng.max_row - rng.min_row + 1)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        for row in ws.iter_rows(min_row=1, max_row=nrow, max_col=ncol):
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                w, h = spans.get((cell.row, cell.column), (1, 1))
                layout[cell.row - 1][cell.column - 1] = (rapikan(_nilai(cell)), w, h)
        grid = dari_sel(layout, nomor=list(range(1, nrow + 1)))
        tables.append(Tabel(berkas, f"lembar “{ws.title}”", grid, huruf_kolom=True))
    return tables


def baca_ods(path: Path, nama_berkas: str | None = None) -> list[Tabel]:
    """An ODS workbook: converted to XLSX by LibreOffice, then read as one."""
    berkas = nama_berkas or Path(path).name
    with tempfile.TemporaryDirectory(prefix="zidocs-impor-") as tmp:
        xlsx = convert_file(Path(path), Path(tmp) / (Path(path).stem + ".xlsx"), "xlsx:Calc MS Excel 2007 XML")
        return baca_xlsx(xlsx, berkas)
