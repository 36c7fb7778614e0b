"""What the plan and monev workbooks share: deterministic saving, the marker
sheet that says what a workbook is, styles, and reading a cell as text.

Deterministic: openpyxl stamps docProps/core.xml with "now" on every save and
zipfile dates every entry with the current time; the saved package goes
through :func:`zidocs.office.docxnorm.normalize_docx_bytes` (any OOXML
package: fixed entry order and dates, created/modified = the build day,
author = the office), then is written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from zidocs.errors import ExitCode, InputError
from zidocs.office.atomic import write_bytes
from zidocs.office.convert import convert_file, source_problem
from zidocs.office.docxnorm import normalize_docx_bytes

META_SHEET = "zidocs"  # hidden sheet: what the workbook is (format, year, period)
F4_PAPER = 14  # Excel's "Folio 8½ × 13 in" (216 × 330 mm): the office's F4

TERKUNCI = Protection(locked=True)
TERBUKA = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TEXT_FORMAT = "@"  # typed entries stay text ("Maret 2026" never becomes a date)


class BukuError(InputError):
    """A workbook cannot be read or holds cells that cannot be imported;
    ``masalah`` lists every bad cell (sheet, row, column, what, fix).
    Exit code 1, as for errors in the plan: the file was read, its content is wrong."""

    exit_code = ExitCode.GALAT_RENCANA

    def __init__(self, masalah: list[str], ringkas: str | None = None):
        self.masalah = list(masalah)
        head = ringkas or f"{len(self.masalah)} sel tidak dapat diimpor; tidak ada yang ditulis."
        super().__init__(head + "".join(f"\n  {m}" for m in self.masalah))


def simpan(wb: Workbook, target: Path, *, build_date: dt.date | None, author: str | None) -> None:
    """Save ``wb`` to ``target``: same workbook, same bytes; atomically."""
    wb.properties.creator = author or ""
    wb.properties.lastModifiedBy = author or ""
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes(Path(target), normalize_docx_bytes(buf.getvalue(), build_date, name=str(target), author=author))


def tulis_meta(wb: Workbook, values: dict[str, str | int]) -> None:
    ws = wb.create_sheet(META_SHEET)
    for r, (k, v) in enumerate(values.items(), start=1):
        ws.cell(r, 1, k)
        ws.cell(r, 2, v)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def lindungi(ws: Worksheet) -> None:
    """Sheet protection without a password: locked cells cannot be typed in,
    unlocked ones can; filtering, resizing and inserting rows stay allowed.
    (In openpyxl a False permission flag means "allowed".)"""
    p = ws.protection
    p.sheet = True
    p.autoFilter = False
    p.sort = False
    p.insertRows = False
    p.formatColumns = False
    p.formatRows = False
    p.formatCells = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False


def atur_cetak(ws: Worksheet, *, judul_baris: str) -> None:
    """F4 landscape, one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = F4_PAPER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = judul_baris
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def teks(ws: Worksheet, row: int, col: int, value: str, *, locked: bool) -> None:
    """A text cell: never a formula (a text starting with "=" stays text)."""
    cell = ws.cell(row, col)
    cell.value = value
    if isinstance(value, str) and value:
        cell.data_type = "s"
    cell.number_format = TEXT_FORMAT
    cell.alignment = WRAP
    cell.border = BORDER
    cell.protection = TERKUNCI if locked else TERBUKA
    if locked:
        cell.fill = LOCKED_FILL


# Neither openpyxl nor LibreOffice's XLSX import fits row heights to wrapped
# text (LibreOffice prints and shows one line per row), so each row gets a
# height from an estimate of its wrapped lines: characters per line ≈ column
# width × 1.1 for the default 11 pt font, 15 pt a line, Excel's 409 pt cap.
_PT_PER_LINE = 15.0
_MAX_ROW_PT = 409.0


def tinggi_baris(ws: Worksheet, first: int, last: int, widths: list[float]) -> None:
    """Set the height of rows ``first``…``last`` to show all their wrapped text."""
    for r in range(first, last + 1):
        lines = 1
        for c, w in enumerate(widths, start=1):
            value = ws.cell(r, c).value
            if not isinstance(value, str) or not value:
                continue
            per_line = max(1, int(w * 1.1))
            n = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
            lines = max(lines, n)
        ws.row_dimensions[r].height = min(_MAX_ROW_PT, lines * _PT_PER_LINE)


def kepala(ws: Worksheet, row: int, names: list[str]) -> None:
    for c, name in enumerate(names, start=1):
        cell = ws.cell(row, c, name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
        cell.protection = TERKUNCI


# --- reading ---------------------------------------------------------------------------


@dataclass
class Lembar:
    """A workbook opened for import: its main sheet, the marker values, the file name for messages."""

    nama_berkas: str
    sheet: Worksheet
    meta: dict[str, str]

    def tempat(self, row: int, kolom: str) -> str:
        return f'{self.nama_berkas}, lembar "{self.sheet.title}", baris {row}, kolom {kolom}'


def _muat(path: Path, name: str) -> Workbook:
    try:
        return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{name}: bukan lembar kerja .xlsx yang dapat dibaca ({type(exc).__name__}); buka "
                         "dan simpan ulang sebagai .xlsx di Excel atau LibreOffice.") from None


def buka(path: Path, *, format_: str, lembar: str, contoh: str) -> Lembar:
    """Open ``path`` (XLSX as written by zidocs, Excel or LibreOffice; or ODS) and its
    sheet ``lembar``; InputError naming the file and the fix otherwise."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError(f"{path}: berkas tidak ditemukan.")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".csv"):
        raise InputError(f"{name}: hanya lembar kerja .xlsx atau .ods yang dapat diimpor; simpan berkas ini "
                         "sebagai Excel 2007-365 (.xlsx) di LibreOffice atau Excel, lalu impor berkas .xlsx-nya.")
    if suffix == ".ods":
        # LibreOffice Calc saves as ODS unless told otherwise: read it as the XLSX
        # LibreOffice itself makes of it (text, hidden sheets and cells as they are).
        if (why := source_problem(path)) is not None:
            raise InputError(f"{name}: {why}")
        with tempfile.TemporaryDirectory(prefix="zidocs-lembar-") as tmp:
            wb = _muat(convert_file(path, Path(tmp) / f"{path.stem}.xlsx", "xlsx:Calc MS Excel 2007 XML"), name)
    else:
        wb = _muat(path, name)
    meta: dict[str, str] = {}
    if META_SHEET in wb.sheetnames:
        for row in wb[META_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
            if row[0] is not None:
                meta[str(row[0])] = "" if row[1] is None else str(row[1])
    if meta.get("format") != format_:
        what = {"zidocs-rencana-aksi": "tabel Rencana Aksi", "zidocs-monev": "isian monev"}.get(
            meta.get("format", ""), None)
        sebab = f"berkas ini {what}" if what else "berkas ini tidak dibuat oleh zidocs (lembar tersembunyi \"zidocs\" tidak ada)"
        raise InputError(f"{name}: {sebab}, bukan lembar yang diharapkan. Buat lembarnya dengan {contoh}, "
                         "sunting, lalu impor berkas itu.")
    if lembar not in wb.sheetnames:
        raise InputError(f'{name}: lembar "{lembar}" tidak ada (lembar yang ada: {", ".join(wb.sheetnames)}). '
                         "Jangan mengganti nama lembar itu.")
    return Lembar(name, wb[lembar], meta)


class SelTanggal(ValueError):
    """A cell holds a date or time where text was expected."""


def sel_teks(value: Any) -> str:
    """A cell's value as text: None → "", whole numbers without ".0", line
    breaks as "\\n". A date is refused (SelTanggal): text typed into a cell
    that Excel turned into a date is not what the secretary wrote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise SelTanggal(str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def sama(cell: str, value: str) -> bool:
    """The cell shows ``value`` (the exported text): equal, or equal but for
    spaces at the ends of lines (a spreadsheet may drop them)."""
    if cell == value:
        return True
    return [ln.rstrip() for ln in cell.strip().split("\n")] == [ln.rstrip() for ln in value.strip().split("\n")]


def cari_kepala(lembar: Lembar, wajib: tuple[str, ...], *, batas: int = 12) -> tuple[int, dict[str, int]]:
    """(row, column of each header) of the header row: the first row, among the
    first ``batas``, that has every name of ``wajib``. Columns may be moved."""
    sheet = lembar.sheet
    for r in range(1, batas + 1):
        found: dict[str, int] = {}
        for c in range(1, (sheet.max_column or 1) + 1):
            v = sheet.cell(r, c).value
            if isinstance(v, str) and v.strip():
                found.setdefault(" ".join(v.split()).casefold(), c)
        cols = {name: found[name.casefold()] for name in wajib if name.casefold() in found}
        if len(cols) == len(wajib):
            return r, cols
        if len(cols) >= 2:
            hilang = [n for n in wajib if n not in cols]
            raise InputError(f'{lembar.nama_berkas}, lembar "{sheet.title}", baris {r}: kolom {", ".join(hilang)} tidak ada. Jangan '
                             "menghapus atau mengganti nama kolom; ekspor ulang bila perlu.")
    raise InputError(f'{lembar.nama_berkas}, lembar "{sheet.title}": baris kepala kolom ({", ".join(wajib)}) tidak ditemukan. '
                     "Jangan menghapus baris kepala kolom; ekspor ulang bila perlu.")
