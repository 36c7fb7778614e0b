"""A period's monev isian (plan/<tahun>/monev-<PERIODE>.yaml) as a workbook,
and the filled workbook written back into the file.

The sheet "Isian": one row per indicator of the file (the ones due, as
`monev init` writes them), with what the secretary reads (Kunci, Nomor,
Indikator, Target waktu, Bukti: evidence files dated up to the period's end)
locked, and the five input columns open: Realisasi (%) (whole number 0–100),
Status (belum / proses / selesai, a drop-down list), Kendala, Tindak lanjut,
Catatan. The values exported are also kept in the hidden sheet "zidocs-asal".

No-overwrite, field by field: the import writes only the cells the secretary
changed (sheet value ≠ exported value). If the file's value of such a cell
was changed meanwhile (in the web form, by hand, by a colleague's workbook)
the import is refused, listing every conflict, unless ``timpa`` is given;
a cell left as exported never touches the file, so two people filling
different rows of the same export never overwrite each other. A row deleted
from the sheet changes nothing in the file (it is reported); a row that is
not an indicator of the isian is an error. Every cell is checked before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from zidocs.errors import InputError, aksi
from zidocs.office import atomic
from zidocs.plan.monev_file import STATUS
from zidocs.tabel import buku

FORMAT = "zidocs-monev"
LEMBAR = "Isian"
ASAL = "zidocs-asal"  # hidden: the input values as exported, by kunci
KOLOM = ("Kunci", "Nomor", "Indikator", "Target waktu", "Bukti", "Realisasi (%)", "Status", "Kendala",
         "Tindak lanjut", "Catatan")
LEBAR = (12, 9, 48, 22, 8, 11, 11, 36, 36, 30)
ISIAN = ("realisasi", "status", "kendala", "tindak_lanjut", "catatan")
_KOLOM_ISIAN = dict(zip(ISIAN, KOLOM[5:]))
BARIS_KEPALA = 3
_STATUS_TEKS = "belum, proses atau selesai"


@dataclass(frozen=True)
class BarisMonev:
    kunci: str
    nomor: str  # printed ID
    indikator: str
    target_waktu: str
    bukti: int  # evidence files dated up to the period's end
    realisasi: float | None
    status: str | None
    kendala: str
    tindak_lanjut: str
    catatan: str


def angka(value: float | None) -> str:
    """A realisasi as the sheet and the comparison show it ("" when empty)."""
    if value is None:
        return ""
    d = Decimal(str(value))
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def _asal_values(b: BarisMonev) -> tuple[str, ...]:
    return (angka(b.realisasi), b.status or "", b.kendala, b.tindak_lanjut, b.catatan)


def ekspor_monev(rows: list[BarisMonev], target: Path, *, tahun: int, periode: str, judul: str,
                 build_date: dt.date | None, author: str | None) -> int:
    """Write the isian workbook (deterministic, atomic); returns the row count."""
    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    n = len(KOLOM)
    ws.cell(1, 1, judul).font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(2, 1, "Isi kolom Realisasi (%) sampai Catatan. Status: belum, proses atau selesai. Kolom lain "
                  "hanya untuk dibaca. Jangan menambah baris: isian hanya untuk indikator yang tercantum. "
                  "Data rapat, rekomendasi dan tindak lanjut rekomendasi diisi di berkas YAML-nya."
            ).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(2, 1).font = Font(italic=True, size=9)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    ws.row_dimensions[2].height = 28
    buku.kepala(ws, BARIS_KEPALA, list(KOLOM))
    asal = wb.create_sheet(ASAL)
    asal.append(["kunci", *ISIAN])
    r = BARIS_KEPALA
    for b in rows:
        r += 1
        for c, v in enumerate((b.kunci, b.nomor, b.indikator, b.target_waktu), start=1):
            buku.teks(ws, r, c, v, locked=True)
        for c, v in ((5, b.bukti), (6, b.realisasi)):
            cell = ws.cell(r, c, int(v) if isinstance(v, float) and v.is_integer() else v)
            cell.alignment = Alignment(vertical="top", horizontal="center")
            cell.border = buku.BORDER
            cell.protection = buku.TERKUNCI if c == 5 else buku.TERBUKA
            if c == 5:
                cell.fill = buku.LOCKED_FILL
        for c, v in ((7, b.status or ""), (8, b.kendala), (9, b.tindak_lanjut), (10, b.catatan)):
            buku.teks(ws, r, c, v, locked=False)
        asal.append([b.kunci, *_asal_values(b)])
    for row in asal.iter_rows():
        for cell in row:
            cell.data_type = "s" if cell.value not in (None, "") else cell.data_type
            cell.number_format = buku.TEXT_FORMAT
    last = max(r, BARIS_KEPALA + 1)
    dv_real = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, errorTitle="Realisasi",
                             error="Realisasi adalah bilangan bulat 0 sampai 100 (persen).")
    dv_real.add(f"F{BARIS_KEPALA + 1}:F{last}")
    dv_status = DataValidation(type="list", formula1='"' + ",".join(STATUS) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Status",
                               error=f"Status adalah {_STATUS_TEKS}.")
    dv_status.add(f"G{BARIS_KEPALA + 1}:G{last}")
    ws.add_data_validation(dv_real)
    ws.add_data_validation(dv_status)
    for c, w in enumerate(LEBAR, start=1):
        ws.column_dimensions[chr(64 + c)].width = w
    buku.tinggi_baris(ws, BARIS_KEPALA, r, list(LEBAR))
    ws.freeze_panes = ws.cell(BARIS_KEPALA + 1, 3)
    ws.auto_filter.ref = f"A{BARIS_KEPALA}:{chr(64 + n)}{last}"
    buku.lindungi(ws)
    ws.protection.insertRows = True  # a row added would be no indicator of the isian
    buku.atur_cetak(ws, judul_baris=f"{BARIS_KEPALA}:{BARIS_KEPALA}")
    asal.sheet_state = "hidden"
    asal.protection.sheet = True
    buku.tulis_meta(wb, {"format": FORMAT, "versi": 1, "tahun": tahun, "periode": periode})
    buku.simpan(wb, target, build_date=build_date, author=author)
    return len(rows)


# --- reading -----------------------------------------------------------------------------


@dataclass
class IsianLembar:
    nama_berkas: str
    tahun: int
    periode: str
    baris: dict[str, tuple[int, dict[str, Any]]]  # kunci → (row, values: realisasi number|None, texts)
    asal: dict[str, dict[str, Any]]  # kunci → values as exported


def _realisasi(value: Any, number_format: str, tempat: str, masalah: list[str]) -> float | None:
    """A realisasi cell: a number 0–100. "100%" typed as text, and a cell Excel
    formatted as a percentage (where 100% is stored as 1), both mean 100."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        masalah.append(f'{tempat}: "{value}" bukan angka; tulis bilangan 0 sampai 100')
        return None
    if isinstance(value, (int, float)):
        d = Decimal(str(value))
        if "%" in (number_format or ""):
            d *= 100
    else:
        text = str(value).strip()
        try:
            d = Decimal(text.replace(",", ".").rstrip("%").strip())
        except InvalidOperation:
            masalah.append(f'{tempat}: "{text}" bukan angka; tulis bilangan 0 sampai 100')
            return None
    if not d.is_finite() or not 0 <= d <= 100:
        masalah.append(f'{tempat}: {value} di luar 0 sampai 100; tulis bilangan 0 sampai 100')
        return None
    return float(d)


def baca_isian(path: Path) -> IsianLembar:
    """Every row of the isian workbook, checked; BukuError listing every bad cell."""
    lb = buku.buka(path, format_=FORMAT, lembar=LEMBAR, contoh=aksi("monev-ekspor"))
    head, cols = buku.cari_kepala(lb, KOLOM)
    sheet = lb.sheet
    masalah: list[str] = []
    baris: dict[str, tuple[int, dict[str, Any]]] = {}
    for r in range(head + 1, (sheet.max_row or head) + 1):
        cells = {name: sheet.cell(r, cols[name]) for name in KOLOM}
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells.values()):
            continue
        kunci = buku.sel_teks(cells["Kunci"].value).strip()
        if not kunci:
            masalah.append(f'{lb.tempat(r, "Kunci")}: baris tanpa kunci bukan indikator isian ini; isian monev '
                           "hanya untuk indikator rencana aksi yang jatuh tempo. Hapus baris ini (indikator baru "
                           "ditambahkan di rencana aksi, lalu ekspor ulang isiannya)")
            continue
        values: dict[str, Any] = {}
        values["realisasi"] = _realisasi(cells["Realisasi (%)"].value, cells["Realisasi (%)"].number_format,
                                         lb.tempat(r, "Realisasi (%)"), masalah)
        try:
            status = buku.sel_teks(cells["Status"].value).strip()
        except buku.SelTanggal:
            status = str(cells["Status"].value)
        if status and status.casefold() not in STATUS:
            masalah.append(f'{lb.tempat(r, "Status")}: "{status}" bukan status yang dikenal; pilih {_STATUS_TEKS}')
        values["status"] = status.casefold()
        for key in ("kendala", "tindak_lanjut", "catatan"):
            try:
                values[key] = buku.sel_teks(cells[_KOLOM_ISIAN[key]].value).strip()
            except buku.SelTanggal:
                masalah.append(f'{lb.tempat(r, _KOLOM_ISIAN[key])}: berisi tanggal, bukan teks; tulis sebagai teks')
                values[key] = ""
        if kunci in baris:
            masalah.append(f'{lb.tempat(r, "Kunci")}: indikator {kunci} sudah ada di baris {baris[kunci][0]}; '
                           "hapus salah satunya")
            continue
        baris[kunci] = (r, values)
    asal: dict[str, dict[str, Any]] = {}
    wb = sheet.parent
    if ASAL in wb.sheetnames:
        for row in wb[ASAL].iter_rows(min_row=2, values_only=True):
            if row and row[0]:
                vals = ["" if v is None else str(v) for v in row[1:6]] + [""] * 5
                asal[str(row[0])] = {"realisasi": None if not vals[0] else float(Decimal(vals[0])),
                                     "status": vals[1], "kendala": vals[2], "tindak_lanjut": vals[3],
                                     "catatan": vals[4]}
    else:
        masalah.append(f'{lb.nama_berkas}: lembar tersembunyi "{ASAL}" tidak ada; ekspor ulang isiannya')
    for kunci, (r, _) in baris.items():
        if asal and kunci not in asal:
            masalah.append(f'{lb.tempat(r, "Kunci")}: "{kunci}" bukan indikator yang diekspor di lembar ini; hapus '
                           "baris ini (isian hanya untuk indikator yang tercantum saat diekspor)")
    if masalah:
        raise buku.BukuError(masalah)
    try:
        tahun = int(lb.meta.get("tahun", ""))
    except ValueError:
        raise InputError(f"{lb.nama_berkas}: tahun lembar tidak terbaca; ekspor ulang isiannya.") from None
    return IsianLembar(lb.nama_berkas, tahun, lb.meta.get("periode", ""), baris, asal)


# --- writing into the YAML -----------------------------------------------------------------


@dataclass
class ImporMonev:
    path: Path
    rel: str
    ditulis: bool
    diubah: list[tuple[str, list[str]]] = field(default_factory=list)  # (kunci, columns)
    ditimpa: list[tuple[str, str]] = field(default_factory=list)  # (kunci, column): conflict overwritten
    tidak_di_lembar: list[str] = field(default_factory=list)  # kunci exported but missing from the sheet


def _yaml() -> YAML:  # the style `monev init` writes
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.allow_unicode = True
    y.preserve_quotes = True
    return y


def _nilai_berkas(entry: Any, key: str) -> Any:
    v = entry.get(key) if isinstance(entry, dict) else None
    if key == "realisasi":
        if v is None or isinstance(v, bool):
            return None
        try:
            return float(Decimal(str(v)))
        except InvalidOperation:
            return str(v)
    return "" if v is None else str(v)


def _sama(key: str, a: Any, b: Any) -> bool:
    if key == "realisasi":
        return a == b
    return buku.sama(str(a or ""), str(b or ""))


def impor_monev(isian: IsianLembar, path: Path, rel: str, *, ids: dict[str, str], timpa: bool = False) -> ImporMonev:
    """Write the secretary's edits of ``isian`` into ``path`` (see the module
    doc for what is never overwritten). ``ids``: printed ID by kunci, for messages."""
    if not path.is_file():
        raise InputError(f"{rel}: isian monev belum ada (dihapus sesudah lembarnya diekspor?); siapkan dengan "
                         f"{aksi('monev-init', isian.tahun, isian.periode)}, lalu ekspor ulang.")
    text = path.read_text(encoding="utf-8")
    try:
        root = _yaml().load(text)
    except Exception as exc:  # noqa: BLE001 - ruamel raises many kinds
        raise InputError(f"{rel}: bukan YAML yang sah ({exc}); perbaiki berkasnya dulu ({aksi('check')}).") from None
    if not isinstance(root, CommentedMap):
        raise InputError(f"{rel}: isinya bukan pemetaan YAML; perbaiki berkasnya dulu.")
    semua = root.get("indikator")
    if semua is None:
        semua = root["indikator"] = CommentedMap()
    hasil = ImporMonev(path, rel, False)
    hasil.tidak_di_lembar = [k for k in isian.asal if k not in isian.baris]
    konflik: list[str] = []
    rencana: list[tuple[str, str, Any]] = []  # (kunci, key, new value)
    for kunci, (r, values) in isian.baris.items():
        asal = isian.asal[kunci]
        entry = semua.get(kunci)
        for key in ISIAN:
            new = values[key]
            if _sama(key, new, asal[key]):
                continue  # not edited in the sheet: the file keeps whatever it has
            now = _nilai_berkas(entry, key)
            if _sama(key, now, new):
                continue  # already so
            if not _sama(key, now, asal[key]):
                where = f'{isian.nama_berkas}, lembar "{LEMBAR}", baris {r}, kolom {_KOLOM_ISIAN[key]}'
                if not timpa:
                    konflik.append(f'{where} ({ids.get(kunci, kunci)}): di {rel} kini "{_tampil(key, now)}" '
                                   f'(diubah sesudah lembar ini diekspor, semula "{_tampil(key, asal[key])}"), '
                                   f'di lembar "{_tampil(key, new)}"')
                    continue
                hasil.ditimpa.append((kunci, _KOLOM_ISIAN[key]))
            rencana.append((kunci, key, new))
    if konflik:
        raise buku.BukuError(konflik, (
            f"{len(konflik)} isian di {rel} telah diubah sejak lembar ini diekspor dan berbeda dengan lembar; "
            f"tidak ada yang ditulis. Ekspor ulang dan isi lagi, atau impor dengan {aksi('opsi', 'timpa')} "
            "agar isi lembar menggantikannya."))
    for kunci, key, new in rencana:
        entry = semua.get(kunci)
        if entry is None:
            entry = semua[kunci] = CommentedMap()
        if key in ("realisasi", "status") and new in (None, ""):
            entry.pop(key, None)
        elif key == "realisasi":
            entry[key] = int(new) if float(new).is_integer() else new
        else:  # a text of several lines as a block, as a person would write it
            entry[key] = LiteralScalarString(new) if "\n" in new else new
        cols = next((c for k, c in hasil.diubah if k == kunci), None)
        if cols is None:
            hasil.diubah.append((kunci, cols := []))
        cols.append(_KOLOM_ISIAN[key])
    if rencana:
        buf = io.StringIO()
        _yaml().dump(root, buf)
        new_text = buf.getvalue()
        if new_text != text:
            atomic.write_text(path, new_text)
            hasil.ditulis = True
    return hasil


def _tampil(key: str, value: Any) -> str:
    return angka(value) if key == "realisasi" and not isinstance(value, str) else str(value or "")
