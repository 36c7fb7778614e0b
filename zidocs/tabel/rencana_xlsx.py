"""The Rencana Aksi table (plan/<tahun>/rencana-aksi.yaml) as a workbook a
secretary edits in Excel or LibreOffice, and the edited workbook merged back.

The sheet "Rencana Aksi": the table's title (judul) in row 1, a short guide
in row 2, the header in row 3, then one row per indicator:

    Kunci | Nomor | Area kode | Area nama | Komponen no | Komponen nama |
    Indikator | Langkah aksi | Bukti fisik | Target waktu

- Area and komponen are repeated in every row, never merged: a merged cell
  is seen by a filter only in its first row and breaks sorting, copying and
  pasting rows; a repeated value filters and copies like any other.
- Kunci is locked (sheet protection without a password); every other cell,
  and every cell of the rows below the table, is open. Nomor is the printed
  ID, for reading only: the import ignores it.
- Several langkah aksi / bukti fisik are numbered lines in one cell
  (``zidocs.text.butir``); italics stay as their markup, ``*website*``: the
  same text the YAML holds, which survives every program
  and every copy and paste exactly (rich-text runs do not: LibreOffice and
  Excel split, merge and restyle them, and a typed word has no italics).

Import is a merge into the YAML by round trip (ruamel; comments, quotes and
key order kept): rows are matched to indicators by kunci; a text whose cell
still shows what was exported is left byte for byte, so exporting and
importing without edits changes nothing. A row without kunci is a new
indicator and gets one (``buat_kunci``). An indicator whose row is gone is
deleted only when asked (``izinkan_hapus``): evidence and monev entries hang
on it. Areas and komponen follow the sheet: first appearance gives the
order, the rows' names give the names.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from zidocs.errors import InputError, PlanInvalid, aksi
from zidocs.office import atomic
from zidocs.plan.kunci import buat_kunci, dump_rt, muat_rt
from zidocs.plan.models import RencanaAksi
from zidocs.plan.yamldoc import YamlDoc, read_yaml, validate
from zidocs.tabel import buku
from zidocs.text.butir import gabung_butir, pisah_butir

FORMAT = "zidocs-rencana-aksi"
LEMBAR = "Rencana Aksi"
KOLOM = ("Kunci", "Nomor", "Area kode", "Area nama", "Komponen no", "Komponen nama", "Indikator",
         "Langkah aksi", "Bukti fisik", "Target waktu")
LEBAR = (12, 9, 7, 26, 7, 28, 42, 55, 45, 20)
JUDUL_LABEL = "Judul tabel"
BARIS_KEPALA = 3
BARIS_CADANGAN = 200  # open, text-formatted rows below the table for new indicators
PETUNJUK = (
    "Satu baris satu indikator. Kolom Kunci terkunci: jangan diubah; baris baru dibiarkan tanpa kunci. "
    "Beberapa langkah aksi atau bukti fisik: satu butir per baris di sel yang sama, bernomor 1), 2), … "
    "(Alt+Enter di Excel, Ctrl+Enter di LibreOffice). Huruf miring ditulis *kata*. Urutan baris adalah urutan "
    "indikator: saring (filter) boleh, mengurutkan (sort) memindah indikator. Menghapus indikator: buka "
    "proteksi lembar (tanpa kata sandi), hapus barisnya, lalu impor dengan pilihan hapus."
)
_BIDANG = {"indikator": "indikator", "langkah_aksi": "langkah aksi", "bukti_fisik": "bukti fisik",
           "target_waktu": "target waktu"}


# --- export ----------------------------------------------------------------------------


def baca_yaml_rencana(path: Path, rel: str) -> tuple[YamlDoc, RencanaAksi]:
    """rencana-aksi.yaml read and schema-checked (rule findings such as an
    unreadable target do not stop an export: the sheet is where to fix them)."""
    doc = read_yaml(path, rel)
    model, findings = validate(doc, RencanaAksi)
    if model is None:
        raise PlanInvalid(findings)
    assert isinstance(model, RencanaAksi)
    return doc, model


def ekspor_rencana(ra: RencanaAksi, target: Path, *, tahun: int, build_date: dt.date | None,
                   author: str | None) -> int:
    """Write the workbook of ``ra`` to ``target`` (deterministic, atomic);
    returns the number of indicator rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    n = len(KOLOM)
    ws.cell(1, 1, JUDUL_LABEL).font = Font(bold=True)
    buku.teks(ws, 1, 2, "\n".join(ra.judul), locked=False)
    ws.cell(1, 2).font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=n)
    ws.row_dimensions[1].height = 16 * max(1, len(ra.judul))
    ws.cell(2, 1, "Petunjuk").font = Font(italic=True)
    ws.cell(2, 2, PETUNJUK).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(2, 2).font = Font(italic=True, size=9)
    ws.merge_cells(start_row=2, start_column=2, end_row=2, end_column=n)
    ws.row_dimensions[2].height = 40
    buku.kepala(ws, BARIS_KEPALA, list(KOLOM))

    r = BARIS_KEPALA
    for area in ra.area:
        for komp in area.komponen:
            for i, ind in enumerate(komp.indikator, start=1):
                r += 1
                values = (ind.kunci or "", f"{area.kode}.{komp.no}.{i}", area.kode, area.nama, None, komp.nama,
                          ind.indikator, gabung_butir(ind.langkah_aksi), gabung_butir(ind.bukti_fisik),
                          ind.target_waktu)
                for c, v in enumerate(values, start=1):
                    if c == 5:
                        cell = ws.cell(r, c, komp.no)
                        cell.alignment = buku.WRAP
                        cell.border = buku.BORDER
                        cell.protection = buku.TERBUKA
                    else:
                        buku.teks(ws, r, c, v, locked=c in (1, 2))
    rows = r - BARIS_KEPALA
    for rr in range(r + 1, r + 1 + BARIS_CADANGAN):  # room for new rows: open, text cells
        for c in range(2, n + 1):
            cell = ws.cell(rr, c)
            cell.protection = buku.TERBUKA
            if c != 5:
                cell.number_format = buku.TEXT_FORMAT
            cell.alignment = buku.WRAP
    for c, w in enumerate(LEBAR, start=1):
        ws.column_dimensions[chr(64 + c)].width = w
    buku.tinggi_baris(ws, BARIS_KEPALA, r, list(LEBAR))
    ws.freeze_panes = ws.cell(BARIS_KEPALA + 1, 3)
    ws.auto_filter.ref = f"A{BARIS_KEPALA}:{chr(64 + n)}{max(r, BARIS_KEPALA + 1)}"
    buku.lindungi(ws)
    buku.atur_cetak(ws, judul_baris=f"{BARIS_KEPALA}:{BARIS_KEPALA}")
    buku.tulis_meta(wb, {"format": FORMAT, "versi": 1, "tahun": tahun})
    buku.simpan(wb, target, build_date=build_date, author=author)
    return rows


# --- reading the sheet --------------------------------------------------------------------


@dataclass
class Baris:
    row: int
    kunci: str
    area: str
    area_nama: str
    komponen: int
    komponen_nama: str
    indikator: str
    langkah_aksi: str
    bukti_fisik: str
    target_waktu: str


@dataclass
class IsiLembar:
    judul: str | None  # None: the sheet has no title cell (left as it is)
    baris: list[Baris]
    tahun: str
    nama_berkas: str = ""

    def tempat(self, row: int, kolom: str) -> str:
        return f'{self.nama_berkas}, lembar "{LEMBAR}", baris {row}, kolom {kolom}'


def baca_lembar(path: Path) -> IsiLembar:
    """Every indicator row of the workbook; BukuError listing every bad cell."""
    lb = buku.buka(path, format_=FORMAT, lembar=LEMBAR, contoh=aksi("rencana-ekspor"))
    sheet = lb.sheet
    head, cols = buku.cari_kepala(lb, KOLOM)
    judul = None
    for r in range(1, head):
        label = sheet.cell(r, 1).value
        if isinstance(label, str) and label.strip().casefold() == JUDUL_LABEL.casefold():
            judul = buku.sel_teks(sheet.cell(r, 2).value)
            if not judul.strip():
                raise buku.BukuError([f"{lb.tempat(r, 'B')} ({JUDUL_LABEL}): judul tabel kosong; tulis judulnya "
                                      "(satu baris teks per baris judul)."])
    masalah: list[str] = []
    rows: list[Baris] = []
    for r in range(head + 1, (sheet.max_row or head) + 1):
        raw: dict[str, str] = {}
        for name in KOLOM:
            value = sheet.cell(r, cols[name]).value
            try:
                raw[name] = buku.sel_teks(value)
            except buku.SelTanggal:
                masalah.append(f"{lb.tempat(r, name)}: berisi tanggal ({value}), bukan teks; tulis ulang sebagai "
                               "teks, mis. Maret 2026 (format sel Teks).")
                raw[name] = ""
        if not any(raw[k].strip() for k in KOLOM if k != "Nomor"):
            continue  # an empty row (or only the informational Nomor)
        kode = raw["Area kode"].strip().upper()
        if not kode:
            masalah.append(f"{lb.tempat(r, 'Area kode')}: kosong; tulis kode area (I, II, … VI).")
        no_text = raw["Komponen no"].strip()
        try:
            no = int(no_text)
            if no < 1:
                raise ValueError
        except ValueError:
            no = 0
            masalah.append(f"{lb.tempat(r, 'Komponen no')}: “{no_text}” bukan nomor komponen; tulis bilangan "
                           "bulat 1, 2, …" if no_text else f"{lb.tempat(r, 'Komponen no')}: kosong; tulis nomor "
                           "komponen (1, 2, …).")
        if not raw["Indikator"].strip():
            masalah.append(f"{lb.tempat(r, 'Indikator')}: kosong; tulis teks indikatornya, atau hapus seluruh "
                           "baris bila indikator ini memang dihapus.")
        rows.append(Baris(r, raw["Kunci"].strip(), kode, raw["Area nama"], no, raw["Komponen nama"],
                          raw["Indikator"], raw["Langkah aksi"], raw["Bukti fisik"], raw["Target waktu"]))
    seen: dict[str, int] = {}
    for b in rows:
        if b.kunci:
            if b.kunci in seen:
                masalah.append(f"{lb.tempat(b.row, 'Kunci')}: kunci “{b.kunci}” sudah dipakai baris {seen[b.kunci]}; "
                               "kosongkan sel Kunci baris salinan ini agar menjadi indikator baru.")
            else:
                seen[b.kunci] = b.row
    masalah += _nama_tidak_sama(lb, rows)
    if masalah:
        raise buku.BukuError(masalah)
    return IsiLembar(judul, rows, lb.meta.get("tahun", ""), lb.nama_berkas)


def _nama_tidak_sama(lb: buku.Lembar, rows: list[Baris]) -> list[str]:
    """Every row of an area (komponen) must give it the same name."""
    out = []
    for what, key, name_of, kolom in (
        ("area", lambda b: (b.area,), lambda b: b.area_nama, "Area nama"),
        ("komponen", lambda b: (b.area, b.komponen), lambda b: b.komponen_nama, "Komponen nama"),
    ):
        first: dict[tuple, Baris] = {}
        for b in rows:
            k = key(b)
            if k not in first:
                first[k] = b
            elif not buku.sama(name_of(b), name_of(first[k])):
                label = ".".join(str(x) for x in k)
                out.append(f"{lb.tempat(b.row, kolom)}: nama {what} {label} “{_potong(name_of(b))}” berbeda dengan "
                           f"baris {first[k].row} (“{_potong(name_of(first[k]))}”); samakan nama {what} ini di "
                           "semua barisnya.")
    return out


def _potong(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- the merge ------------------------------------------------------------------------------


@dataclass
class Ringkasan:
    """What an import changed (IDs as printed after the import unless said otherwise)."""

    ditambah: list[tuple[str, str, str]] = field(default_factory=list)  # (ID, kunci, indikator)
    diubah: list[tuple[str, list[str]]] = field(default_factory=list)  # (ID, fields)
    dihapus: list[tuple[str, str, str]] = field(default_factory=list)  # (old ID, kunci, indikator)
    nomor_berubah: list[tuple[str, str]] = field(default_factory=list)  # (old ID, new ID)
    area: list[str] = field(default_factory=list)  # "area VII ditambahkan", "nama area II diubah", …
    komponen: list[str] = field(default_factory=list)
    judul_diubah: bool = False
    dirapikan: bool = False  # the YAML's indentation could not be kept exactly

    @property
    def berubah(self) -> bool:
        return bool(self.ditambah or self.diubah or self.dihapus or self.nomor_berubah or self.area
                    or self.komponen or self.judul_diubah)


def _ids(root: Any) -> dict[int, str]:
    """id(indicator map) → printed ID, as the model numbers them."""
    out = {}
    for area in root.get("area") or []:
        for komp in area.get("komponen") or []:
            for i, ind in enumerate(komp.get("indikator") or [], start=1):
                out[id(ind)] = f"{area.get('kode')}.{komp.get('no')}.{i}"
    return out


def _isi_seq(seq: CommentedSeq, items: list) -> bool:
    """Make ``seq`` hold ``items`` (in order); comments stay with the items
    that were already there. False when nothing changes."""
    old = list(seq)
    if len(old) == len(items) and all(a is b for a, b in zip(old, items)):
        return False
    pos = {id(x): i for i, x in enumerate(old)}
    old_ca = dict(seq.ca.items)
    list.clear(seq)
    seq.ca.items.clear()
    for x in items:
        list.append(seq, x)
    for j, x in enumerate(items):
        i = pos.get(id(x))
        if i is not None and i in old_ca:
            seq.ca.items[j] = old_ca[i]
    return True


def _daftar(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _satu_teks(cell: str) -> str:
    return " ".join(ln.strip() for ln in cell.split("\n") if ln.strip())


def _ubah_teks(m: CommentedMap, key: str, cell: str) -> bool:
    old = m.get(key)
    old_text = "" if old is None else str(old)
    if buku.sama(cell, old_text):
        return False
    new = _satu_teks(cell)
    if new == old_text:
        return False
    m[key] = new
    return True


def _ubah_butir(m: CommentedMap, key: str, cell: str) -> bool:
    old = m.get(key)
    old_plain: str | list[str] = [str(v) for v in old] if isinstance(old, list) else ("" if old is None else str(old))
    if buku.sama(cell, gabung_butir(old_plain)):
        return False
    new = pisah_butir(cell)
    if _daftar(new) == _daftar(old_plain):
        return False  # same items: keep the file's form (one text or a list)
    m[key] = CommentedSeq(new) if isinstance(new, list) else new
    return True


def gabung(text: str, rel: str, isi: IsiLembar, *, izinkan_hapus: bool) -> tuple[str, Ringkasan]:
    """The YAML ``text`` with the sheet merged in (pure). BukuError when rows
    name unknown keys or delete indicators without ``izinkan_hapus``."""
    y, root, rapi = muat_rt(text, rel)
    hasil = Ringkasan(dirapikan=not rapi)
    if not isinstance(root, CommentedMap) or not isinstance(root.get("area"), CommentedSeq):
        raise InputError(f"{rel}: tidak berisi `area:`; perbaiki berkasnya dulu ({aksi('check')}).")
    old_ids = _ids(root)
    areas: dict[str, CommentedMap] = {}
    komps: dict[tuple[str, int], CommentedMap] = {}
    inds: dict[str, CommentedMap] = {}
    for a in root["area"]:
        areas.setdefault(str(a.get("kode")), a)
        for k in a.get("komponen") or []:
            komps.setdefault((str(a.get("kode")), int(k.get("no"))), k)
            for ind in k.get("indikator") or []:
                if ind.get("kunci"):
                    inds[str(ind["kunci"])] = ind

    masalah = [f"{isi.tempat(b.row, 'Kunci')}: kunci “{b.kunci}” tidak ada di {rel}; kosongkan sel "
               "Kunci bila baris ini indikator baru (kunci tidak boleh diketik sendiri di lembar)."
               for b in isi.baris if b.kunci and b.kunci not in inds]
    if masalah:
        raise buku.BukuError(masalah)
    dipakai_lembar = {b.kunci for b in isi.baris if b.kunci}
    hilang = [(old_ids[id(m)], k, str(m.get("indikator", ""))) for k, m in inds.items() if k not in dipakai_lembar]
    if hilang and not izinkan_hapus:
        raise buku.BukuError(
            [f"{iid} (kunci {k}): {_potong(t, 70)}" for iid, k, t in hilang],
            f"{len(hilang)} indikator ada di {rel} tetapi barisnya tidak ada di lembar; tidak ada yang ditulis. "
            f"Bila memang dihapus, impor lagi dengan {aksi('opsi', 'hapus')}: bukti dukung dan isian monev "
            f"indikator itu tidak ikut terhapus, dan {aksi('check')} akan melaporkannya. Bila tidak, kembalikan "
            "barisnya (ekspor ulang).")

    # The new structure, in sheet order: areas and komponen by first appearance.
    order: list[str] = []
    k_order: dict[str, list[int]] = {}
    rows_of: dict[tuple[str, int], list[Baris]] = {}
    for b in isi.baris:
        if b.area not in k_order:
            order.append(b.area)
            k_order[b.area] = []
        if b.komponen not in k_order[b.area]:
            k_order[b.area].append(b.komponen)
        rows_of.setdefault((b.area, b.komponen), []).append(b)

    dipakai = set(inds)
    new_areas = []
    used_komps: set[int] = set()
    for kode in order:
        first = next(b for b in isi.baris if b.area == kode)
        am = areas.get(kode)
        if am is None:
            am = CommentedMap([("kode", kode), ("nama", _satu_teks(first.area_nama)), ("komponen", CommentedSeq())])
            hasil.area.append(f"area {kode} ditambahkan")
        elif _ubah_teks(am, "nama", first.area_nama):
            hasil.area.append(f"nama area {kode} diubah")
        new_komps = []
        for no in k_order[kode]:
            rows = rows_of[(kode, no)]
            km = komps.get((kode, no))
            if km is None:
                km = CommentedMap([("no", no), ("nama", _satu_teks(rows[0].komponen_nama)),
                                   ("indikator", CommentedSeq())])
                hasil.komponen.append(f"komponen {kode}.{no} ditambahkan")
            elif _ubah_teks(km, "nama", rows[0].komponen_nama):
                hasil.komponen.append(f"nama komponen {kode}.{no} diubah")
            used_komps.add(id(km))
            new_inds = []
            for b in rows:
                im = inds.get(b.kunci) if b.kunci else None
                if im is None:
                    kunci = buat_kunci(_satu_teks(b.indikator), dipakai)
                    dipakai.add(kunci)
                    im = CommentedMap([("kunci", kunci), ("indikator", _satu_teks(b.indikator))])
                    lk, bf = pisah_butir(b.langkah_aksi), pisah_butir(b.bukti_fisik)
                    im["langkah_aksi"] = CommentedSeq(lk) if isinstance(lk, list) else lk
                    im["bukti_fisik"] = CommentedSeq(bf) if isinstance(bf, list) else bf
                    im["target_waktu"] = _satu_teks(b.target_waktu)
                    hasil.ditambah.append(("", kunci, im["indikator"]))
                else:
                    changed = [key for key, cell, butir in (
                        ("indikator", b.indikator, False), ("langkah_aksi", b.langkah_aksi, True),
                        ("bukti_fisik", b.bukti_fisik, True), ("target_waktu", b.target_waktu, False))
                        if (_ubah_butir(im, key, cell) if butir else _ubah_teks(im, key, cell))]
                    if changed:
                        hasil.diubah.append((str(im["kunci"]), [_BIDANG[c] for c in changed]))
                new_inds.append(im)
            _isi_seq(km.setdefault("indikator", CommentedSeq()), new_inds)
            new_komps.append(km)
        _isi_seq(am.setdefault("komponen", CommentedSeq()), new_komps)
        new_areas.append(am)
    for (kode, no), km in komps.items():
        if id(km) not in used_komps:
            hasil.komponen.append(f"komponen {kode}.{no} dihapus (tidak ada lagi indikatornya)")
    for kode in areas:
        if kode not in order:
            hasil.area.append(f"area {kode} dihapus (tidak ada lagi indikatornya)")
    if _isi_seq(root["area"], new_areas) and not hasil.area:
        hasil.area.append("urutan area diubah")
    hasil.dihapus = hilang

    if isi.judul is not None:
        old = root.get("judul")
        old_lines = _daftar(old)
        if not buku.sama(isi.judul, "\n".join(old_lines)):
            lines = [ln.strip() for ln in isi.judul.split("\n") if ln.strip()]
            if lines != old_lines:
                root["judul"] = CommentedSeq(lines)
                hasil.judul_diubah = True

    new_ids = _ids(root)
    by_kunci = {str(m.get("kunci")): new_ids[id(m)] for m in _semua(root)}
    hasil.ditambah = [(by_kunci[k], k, t) for _, k, t in hasil.ditambah]
    hasil.diubah = [(by_kunci[k], f) for k, f in hasil.diubah]
    added = {k for _, k, _ in hasil.ditambah}
    hasil.nomor_berubah = [(old_ids[id(m)], new_ids[id(m)]) for m in _semua(root)
                           if id(m) in old_ids and old_ids[id(m)] != new_ids[id(m)] and str(m.get("kunci")) not in added]
    if not hasil.berubah:
        return text, hasil
    return dump_rt(y, root), hasil


def _semua(root: Any):
    for a in root.get("area") or []:
        for k in a.get("komponen") or []:
            yield from (k.get("indikator") or [])


# --- import -----------------------------------------------------------------------------------


@dataclass
class ImporRencana:
    path: Path
    rel: str
    ringkasan: Ringkasan
    ditulis: bool


def gabung_lembar_rencana(source: Path, ra_path: Path, rel: str, *, tahun: int, izinkan_hapus: bool = False) -> ImporRencana:
    """Merge the workbook ``source`` into ``ra_path`` (atomic; untouched when
    nothing changed). Every cell is read and the result schema-checked
    before anything is written."""
    isi = baca_lembar(source)
    if isi.tahun and isi.tahun != str(tahun):
        raise InputError(f"{Path(source).name}: lembar ini diekspor dari rencana {isi.tahun}, bukan {tahun}; "
                         f"sebut tahunnya (mis. {aksi('rencana-impor', Path(source).name, isi.tahun)}).")
    text = atomic_read(ra_path, rel)
    new_text, hasil = gabung(text, rel, isi, izinkan_hapus=izinkan_hapus)
    if new_text == text:
        return ImporRencana(ra_path, rel, hasil, False)
    _periksa_skema(new_text, rel)
    atomic.write_text(ra_path, new_text)
    return ImporRencana(ra_path, rel, hasil, True)


def atomic_read(path: Path, rel: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{rel}: berkas tidak dapat dibaca ({exc.strerror}).") from None


def _periksa_skema(text: str, rel: str) -> None:
    """The merged file still fits the schema (else nothing is written)."""
    data = YAML(typ="safe").load(io.StringIO(text))
    doc = YamlDoc(rel=rel, data=data)
    model, findings = validate(doc, RencanaAksi)
    if model is None:
        raise PlanInvalid(findings)
