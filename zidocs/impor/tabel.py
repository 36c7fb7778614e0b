"""Read Rencana Aksi grids into areas, components and indicators (pure).

The input is what the readers make of a file (``zidocs.impor.grid``): tables
of cells with spans resolved. This module knows nothing of formats; it finds
the table header by its column names, then reads row by row:

- a row whose only text is a Roman numeral and a name ("I. PEMBANGUNAN …",
  or "I" in NO and the name across the other columns) starts an **area**; a
  lettered heading ("A. …") is an area too when the table has no Roman ones
  (A → I, B → II, …), otherwise a group heading above the areas, which the plan
  has no place for (reported); a text spanning the table without a numeral is
  an area numbered in turn;
- a NO and/or KOMPONEN text starts a **component** (the same number and name
  repeated on every row, as a flat sheet writes them, stays one component);
  a merged NO/KOMPONEN cell arrives once, with covered cells below it;
- an INDIKATOR text starts an **indicator**; LANGKAH AKSI and BUKTI FISIK cells
  of numbered lines become lists through ``zidocs.text.butir.pisah_butir``;
- the header repeated on every page, and the column-number row (1 2 3 …)
  under it, are skipped wherever they appear;
- a row **split across pages** (just after a repeated header, or at the top
  of a table that continues the previous one) with NO, KOMPONEN and TARGET
  WAKTU empty continues the indicator above: its texts are appended to the
  same cells;
- any other row without an indicator text of its own (an indicator cell
  merged over several rows, one langkah aksi per row), or repeating the
  indicator text of the row above in the same component (a flat sheet's row
  per step), adds items to the indicator above.

Every row that cannot be placed is reported with its file, table, row number
and the reason; every continuation and every assumption is noted. No text is
dropped silently: columns the plan has no field for (PJ, KETERANGAN, unknown
headers) are reported with how many cells they held.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from zidocs.impor.grid import Baris, Tabel
from zidocs.text.butir import pisah_butir
from zidocs.text.markup import plain
from zidocs.text.romawi import ROMAN

# Column roles and the header names (normalised: capitals, letters and digits
# only, single spaces) that mean them. Checked exactly first, then by the
# key words in _KATA (in that order).
_NAMA_KOLOM: dict[str, tuple[str, ...]] = {
    "no": ("NO", "NOMOR", "NO URUT", "NOMER", "NOMOR URUT"),
    "area": ("AREA", "AREA PERUBAHAN", "AREA PEMBANGUNAN", "AREA ZI"),
    "komponen": ("KOMPONEN", "SUB KOMPONEN", "KOMPONEN SUB KOMPONEN", "KOMPONEN PENGUNGKIT"),
    "indikator": ("INDIKATOR", "INDIKATOR KINERJA", "INDIKATOR PENILAIAN", "SUB INDIKATOR", "INDIKATOR LKE"),
    "langkah_aksi": ("LANGKAH AKSI", "LANGKAH LANGKAH AKSI", "RENCANA AKSI", "RENCANA KEGIATAN", "KEGIATAN",
                     "AKSI", "LANGKAH KEGIATAN", "URAIAN KEGIATAN", "LANGKAH LANGKAH", "TINDAKAN"),
    "bukti_fisik": ("BUKTI FISIK", "BUKTI FISIK OUTPUT", "OUTPUT", "OUTPUT BUKTI FISIK", "BUKTI DUKUNG",
                    "DATA DUKUNG", "BUKTI", "KELUARAN", "HASIL OUTPUT", "BUKTI FISIK DATA DUKUNG"),
    "target_waktu": ("TARGET WAKTU", "WAKTU", "TARGET", "JADWAL", "WAKTU PELAKSANAAN", "TARGET PENYELESAIAN",
                     "JADWAL PELAKSANAAN", "TENGGAT WAKTU", "TIMELINE", "TIME LINE", "TARGET WAKTU PENYELESAIAN"),
    "kunci": ("KUNCI",),
    # Known, but the plan has no field for them: reported, not imported.
    "pj": ("PJ", "PENANGGUNG JAWAB", "PENANGGUNGJAWAB", "PIC", "PELAKSANA", "UNIT PELAKSANA", "KOORDINATOR",
           "UNIT KERJA", "PJ KEGIATAN"),
    "keterangan": ("KETERANGAN", "KET", "CATATAN"),
    "anggaran": ("ANGGARAN", "BIAYA", "SUMBER DANA"),
}
_KATA = (("INDIKATOR", "indikator"), ("BUKTI", "bukti_fisik"), ("OUTPUT", "bukti_fisik"),
         ("WAKTU", "target_waktu"), ("JADWAL", "target_waktu"), ("LANGKAH", "langkah_aksi"),
         ("KEGIATAN", "langkah_aksi"), ("AKSI", "langkah_aksi"), ("KOMPONEN", "komponen"),
         ("PENANGGUNG", "pj"), ("KETERANGAN", "keterangan"))
_EXACT = {name: role for role, names in _NAMA_KOLOM.items() for name in names}
LABEL = {
    "no": "NO", "area": "AREA", "komponen": "KOMPONEN", "indikator": "INDIKATOR", "langkah_aksi": "LANGKAH AKSI",
    "bukti_fisik": "BUKTI FISIK", "target_waktu": "TARGET WAKTU", "kunci": "KUNCI", "pj": "PENANGGUNG JAWAB",
    "keterangan": "KETERANGAN", "anggaran": "ANGGARAN",
}
DIIMPOR = ("no", "area", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu", "kunci")
_DATA = ("indikator", "langkah_aksi", "bukti_fisik", "target_waktu")

_ROMAWI_NAMA = re.compile(r"^(?P<n>[IVX]{1,5})(?:\s*[.)]\s*|\s+|$)(?P<nama>.*)$")
_HURUF_NAMA = re.compile(r"^(?P<n>[A-H])[.)]\s*(?P<nama>\S.*)$")
_NOMOR = re.compile(r"^\(?(\d{1,3})\s*[.)]?$")
_NOMOR_NAMA = re.compile(r"^\(?(\d{1,3})[.)]\s+(?P<nama>\S.*)$")
_ROMAN_VALUE = {r: i + 1 for i, r in enumerate(ROMAN)} | {
    r: 11 + i for i, r in enumerate(("XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"))}


def normal_kepala(text: str) -> str:
    """A header cell as compared: capitals, letters and digits, single spaces."""
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", plain(text).upper()).split())


def peran_kolom(text: str) -> str | None:
    """The role of a header cell ("indikator", "bukti_fisik", …), or None."""
    norm = normal_kepala(text)
    if not norm:
        return None
    if norm in _EXACT:
        return _EXACT[norm]
    for word, role in _KATA:
        if word in norm.split() or (len(word) > 5 and word in norm):
            return role
    return None


def romawi(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


# --- result -------------------------------------------------------------------------


@dataclass(frozen=True)
class Catatan:
    """One thing to tell the user about a place in the input."""

    berkas: str
    tabel: str
    baris: int | None  # None: about the whole table or a column
    pesan: str

    def format(self) -> str:
        where = f"{self.berkas}, {self.tabel}" + (f", baris {self.baris}" if self.baris is not None else "")
        return f"{where}: {self.pesan}"


@dataclass
class Bacaan:
    """What was read: the plan data (plain dicts and lists, in the
    rencana-aksi.yaml shape, without ``kunci`` unless the table had a KUNCI
    column), the rows that could not be placed, and notes."""

    area: list[dict] = field(default_factory=list)
    judul: list[str] = field(default_factory=list)
    tidak_ditempatkan: list[Catatan] = field(default_factory=list)
    kolom_diabaikan: list[Catatan] = field(default_factory=list)
    catatan: list[Catatan] = field(default_factory=list)
    tabel_dibaca: list[str] = field(default_factory=list)

    @property
    def jumlah_komponen(self) -> int:
        return sum(len(a["komponen"]) for a in self.area)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(k["indikator"]) for a in self.area for k in a["komponen"])


# --- the reader ---------------------------------------------------------------------


@dataclass
class _Ind:
    baris: int
    indikator: list[str]
    langkah_aksi: list[str] = field(default_factory=list)
    bukti_fisik: list[str] = field(default_factory=list)
    target_waktu: list[str] = field(default_factory=list)
    kunci: str | None = None

    def tambah(self, role: str, text: str, *, sambung: bool) -> None:
        """Add a cell text: ``sambung`` continues the last item (a split row),
        otherwise it is a new item (another row of the same indicator)."""
        items = getattr(self, role)
        if not text:
            return
        if sambung and items:
            items[-1] = items[-1] + ("\n" if role in ("langkah_aksi", "bukti_fisik") else " ") + text
        elif role in ("indikator", "target_waktu") and text in items:
            return
        else:
            items.append(text)

    def data(self) -> dict:
        out: dict = {}
        if self.kunci:
            out["kunci"] = self.kunci
        out["indikator"] = _satu_baris(" ".join(self.indikator))
        out["langkah_aksi"] = _butir(self.langkah_aksi)
        out["bukti_fisik"] = _butir(self.bukti_fisik)
        out["target_waktu"] = ", ".join(_satu_baris(t) for t in self.target_waktu)
        return out


def _satu_baris(text: str) -> str:
    return " ".join(text.split())


_PENANDA_SEBARIS = re.compile(r"(?<=\S)\s+(\(?)(\d{1,2})([).])\s+(?=\S)")


def _pecah_sebaris(text: str) -> str:
    """Numbered items typed in one line ("1) a; 2) b") put on lines of their
    own, so pisah_butir reads them as items: only when the cell starts with
    item 1 and the numbers that follow go 2, 3, … in the same style (a split
    row's second half may carry the next number in mid-line)."""
    m = re.match(r"^\s*(\(?)1([).])\s+", text)
    if not m:
        return text
    expect, style = 2, (m.group(1), m.group(2))
    pieces, pos = [], 0
    for n in _PENANDA_SEBARIS.finditer(text):
        if int(n.group(2)) == expect and (n.group(1), n.group(3)) == style:
            pieces.append(text[pos:n.start()])
            pos = n.start() + len(n.group(0)) - len(n.group(0).lstrip())
            expect += 1
    pieces.append(text[pos:])
    return "\n".join(p.strip() for p in pieces)


def _butir(items: list[str]) -> str | list[str]:
    values: list[str] = []
    for item in items:
        v = pisah_butir(_pecah_sebaris(item))
        values.extend(v if isinstance(v, list) else [v])
    values = [v for v in values if v]
    if not values:
        return ""
    return values[0] if len(values) == 1 else values


def _ringkas(baris: Baris) -> str:
    text = " | ".join(_satu_baris(plain(s.teks)) for s in baris.sel if not s.kosong)
    return f"“{text[:80]}…”" if len(text) > 80 else f"“{text}”"


class _Pembaca:
    def __init__(self, huruf_area: bool):
        self.huruf_area = huruf_area  # lettered headings are areas (no Roman ones in the input)
        self.hasil = Bacaan()
        self.area: dict | None = None
        self.komp: dict | None = None
        self.ind: _Ind | None = None
        self.inds: list[tuple[dict, _Ind]] = []
        self.ada_romawi = False
        self.judul_kandidat: list[str] = []
        self._kepala_teks: dict[int, str] = {}  # the current table's header, column by column

    # -- tables

    def baca(self, tables: Sequence[Tabel]) -> Bacaan:
        prev: tuple[dict[int, str], int] | None = None  # (column roles, width) of the last Rencana Aksi table
        for t in tables:
            start, roles = self._kepala(t)
            lanjutan = False
            if roles is None:
                if prev is not None and t.lebar == prev[1] and not t.sebelum and self._berisi(t):
                    roles, start, lanjutan = prev[0], 0, True
                    self.hasil.catatan.append(Catatan(t.berkas, t.nama, None,
                                                      "tanpa kepala kolom, langsung sesudah tabel Rencana Aksi "
                                                      "yang selebar: dibaca sebagai lanjutannya."))
                else:
                    if self._berisi(t):
                        self.hasil.catatan.append(Catatan(t.berkas, t.nama, None,
                                                          "bukan tabel Rencana Aksi (tidak ada baris kepala kolom "
                                                          "NO, KOMPONEN, INDIKATOR, …): dilewati."))
                    prev = None
                    continue
            else:
                self._kepala_teks = {j: normal_kepala(s.teks) for j, s in enumerate(t.baris[start - 1].sel)
                                     if not s.kosong}
                self._kolom(t, start, roles)
                self._judul(t, start)
            self.hasil.tabel_dibaca.append(f"{t.berkas}, {t.nama}")
            self._baris(t, t.baris[start:], roles, lanjutan)
            prev = (roles, t.lebar)
        for komp, ind in self.inds:
            komp["indikator"].append(ind.data())
        for area in self.hasil.area:
            kosong = [k for k in area["komponen"] if not k["indikator"]]
            for k in kosong:
                self.hasil.tidak_ditempatkan.append(Catatan(k["_berkas"], k["_tabel"], k["_baris"],
                    f"komponen {area['kode']}.{k['no']} “{k['nama']}” tanpa satu pun indikator: tidak ditulis. "
                    "Isi kolom INDIKATOR di baris komponen itu atau di baris bawahnya."))
            area["komponen"] = [k for k in area["komponen"] if k["indikator"]]
        for area in [a for a in self.hasil.area if not a["komponen"]]:
            self.hasil.tidak_ditempatkan.append(Catatan(area["_berkas"], area["_tabel"], area["_baris"],
                f"area {area['kode']} “{area['nama']}” tanpa komponen berindikator: tidak ditulis."))
        self.hasil.area = [a for a in self.hasil.area if a["komponen"]]
        for area in self.hasil.area:
            for k in ("_berkas", "_tabel", "_baris"):
                area.pop(k, None)
            for komp in area["komponen"]:
                for k in ("_berkas", "_tabel", "_baris"):
                    komp.pop(k, None)
        if not self.hasil.judul and self.judul_kandidat:
            self.hasil.judul = self.judul_kandidat
        return self.hasil

    @staticmethod
    def _berisi(t: Tabel) -> bool:
        return any(not b.kosong for b in t.baris)

    @staticmethod
    def _roles(baris: Baris) -> dict[int, str]:
        return {j: r for j, s in enumerate(baris.sel) if not s.kosong and (r := peran_kolom(s.teks)) is not None}

    def _kepala(self, t: Tabel) -> tuple[int, dict[int, str] | None]:
        """(index of the first row after the header, column roles) — the
        header being the first row naming INDIKATOR and at least two other
        known columns, most of its cells known."""
        for i, b in enumerate(t.baris):
            roles = self._roles(b)
            filled = sum(1 for s in b.sel if not s.kosong)
            if "indikator" in roles.values() and len(set(roles.values())) >= 3 and len(roles) * 2 >= filled:
                return i + 1, roles
        return 0, None

    def _kolom(self, t: Tabel, start: int, roles: dict[int, str]) -> None:
        kepala = t.baris[start - 1]
        seen: dict[str, int] = {}
        for j, s in enumerate(kepala.sel):
            if s.kosong:
                continue
            role = roles.get(j)
            isi = sum(1 for b in t.baris[start:] if j < len(b.sel) and not b.sel[j].kosong
                      and not self._adalah_kepala(b, roles))
            nama = f"{t.nama_kolom(j)} “{_satu_baris(plain(s.teks))}”"
            if role is not None and role in seen:
                self.hasil.kolom_diabaikan.append(Catatan(t.berkas, t.nama, None,
                    f"{nama}: kolom {LABEL[role]} kedua (yang pertama {t.nama_kolom(seen[role])}); isinya "
                    f"({isi} sel berisi) tidak diimpor. Gabungkan isinya ke kolom pertama atau beri judul lain."))
                roles.pop(j)
            elif role is None:
                self.hasil.kolom_diabaikan.append(Catatan(t.berkas, t.nama, None,
                    f"{nama}: kolom tidak dikenal; isinya ({isi} sel berisi) tidak diimpor. Kolom yang dikenal: "
                    "NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK, TARGET WAKTU (dan AREA, KUNCI)."))
            elif role not in DIIMPOR:
                self.hasil.kolom_diabaikan.append(Catatan(t.berkas, t.nama, None,
                    f"{nama}: rencana zidocs tidak menyimpan {LABEL[role]}; isinya ({isi} sel berisi) tidak "
                    "diimpor." + (" Penanggung jawab per area dicatat di plan/<tahun>/tim.yaml."
                                  if role == "pj" else "")))
                seen[role] = j
            else:
                seen[role] = j
        for j in range(t.lebar):
            if j < len(kepala.sel) and not kepala.sel[j].kosong:
                continue
            isi = sum(1 for b in t.baris[start:] if j < len(b.sel) and not b.sel[j].kosong
                      and not self._adalah_kepala(b, roles))
            if isi:  # a column under a merged header cell, or with no header at all
                self.hasil.kolom_diabaikan.append(Catatan(t.berkas, t.nama, None,
                    f"{t.nama_kolom(j)} tanpa judul kolom sendiri: isinya ({isi} sel berisi) tidak diimpor."))
        for role in ("komponen", "langkah_aksi", "bukti_fisik", "target_waktu"):
            if role not in roles.values():
                self.hasil.catatan.append(Catatan(t.berkas, t.nama, kepala.nomor,
                    f"tidak ada kolom {LABEL[role]}; isiannya akan kosong."))

    def _judul(self, t: Tabel, start: int) -> None:
        if self.hasil.judul:
            return
        lines = list(t.sebelum)
        bab = [i for i, line in enumerate(lines) if re.match(r"^BAB\s+[IVX\d]+\b", plain(line).strip().upper())]
        if bab:
            judul = lines[bab[-1] + 1:]
        else:
            judul = [line for line in lines if "RENCANA AKSI" in plain(line).upper()]
        if not judul:  # a sheet: the title rows above the header
            judul = [_satu_baris(s.teks) for b in t.baris[: start - 1] for s in b.sel if not s.kosong]
        judul = [_satu_baris(j) for j in judul if j.strip()][:4]
        if judul:
            self.hasil.judul = judul

    # -- rows

    def _adalah_kepala(self, b: Baris, roles: dict[int, str]) -> bool:
        """The header repeated (on a new page): marked as such, or every text
        of the row the header's own name of a known column (so a data row
        with "Indikator …" in it is never taken for one), or the column-number
        row 1 2 3 … under it."""
        if b.kepala:
            return True
        names = {j: normal_kepala(s.teks) for j, s in enumerate(b.sel) if not s.kosong}
        if len(names) >= 3 and all(self._kepala_teks.get(j) == n for j, n in names.items()):
            return True
        nums = [s.teks.strip() for s in b.sel if not s.kosong]
        return len(nums) >= 3 and all(n.isdigit() for n in nums) and [int(n) for n in nums] == list(
            range(int(nums[0]), int(nums[0]) + len(nums)))

    def _baris(self, t: Tabel, rows: Sequence[Baris], roles: dict[int, str], lanjutan: bool) -> None:
        col = {r: j for j, r in roles.items()}
        setelah_kepala = lanjutan
        for b in rows:
            if b.kosong:
                continue
            if self._adalah_kepala(b, roles):
                setelah_kepala = True
                continue
            if self._area_baris(t, b, roles):
                setelah_kepala = False
                continue
            self._data(t, b, col, roles, setelah_kepala)
            setelah_kepala = False

    def _tidak(self, t: Tabel, b: Baris, why: str) -> None:
        self.hasil.tidak_ditempatkan.append(Catatan(t.berkas, t.nama, b.nomor, f"{_ringkas(b)}: {why}"))

    def _area_baris(self, t: Tabel, b: Baris, roles: dict[int, str]) -> bool:
        filled = [(j, s) for j, s in enumerate(b.sel) if not s.kosong]
        if not filled or len(filled) > 2:
            return False
        if any(roles.get(j) in _DATA and s.lebar == 1 for j, s in filled):
            return False  # an indicator's own text: not a heading
        first_j, first = filled[0]
        if roles.get(first_j) not in ("no", "komponen", "area", None) and first.lebar < 3:
            return False
        joined = _satu_baris(" ".join(s.teks for _, s in filled))
        spanning = len(filled) == 1 and first.lebar >= 3
        m = _ROMAWI_NAMA.match(plain(joined))
        if m and m.group("n") in _ROMAN_VALUE and (len(filled) == 2 or m.group("nama") or spanning
                                                   or roles.get(first_j) == "no"):
            kode = m.group("n")
            nama = _nama_sesudah(joined, m.group("n"))
            self.ada_romawi = True
            self._area_baru(t, b, kode, nama)
            return True
        m = _HURUF_NAMA.match(plain(joined))
        if m and (spanning or roles.get(first_j) == "no" or len(filled) == 2):
            nama = _nama_sesudah(joined, m.group("n"))
            if self.huruf_area:
                kode = romawi(ord(m.group("n")) - ord("A") + 1)
                self.hasil.catatan.append(Catatan(t.berkas, t.nama, b.nomor,
                    f"area berhuruf “{m.group('n')}.” dibaca sebagai area {kode}."))
                self._area_baru(t, b, kode, nama)
            else:
                self._tidak(t, b, "judul kelompok di atas area (rencana zidocs hanya mengenal area I, II, …): "
                                  "tidak disimpan. Bila ini sebuah area, beri nomor Romawi (mis. “I. …”).")
            return True
        if spanning or (len(filled) == 1 and roles.get(first_j) == "no" and not _NOMOR.match(first.teks.strip())
                        and not _NOMOR_NAMA.match(plain(first.teks).strip())):
            kode = romawi(len(self.hasil.area) + 1)
            self.hasil.catatan.append(Catatan(t.berkas, t.nama, b.nomor,
                f"baris judul tanpa nomor Romawi dibaca sebagai area {kode}."))
            self._area_baru(t, b, kode, _satu_baris(joined))
            return True
        return False

    def _area_baru(self, t: Tabel, b: Baris, kode: str, nama: str) -> None:
        same = next((a for a in self.hasil.area if a["kode"] == kode), None)
        if same is not None and same is self.area and (not nama or nama == same["nama"]):
            return  # the area heading repeated (e.g. at the top of each page)
        self.area = {"kode": kode, "nama": nama, "komponen": [], "_berkas": t.berkas, "_tabel": t.nama,
                     "_baris": b.nomor}
        self.hasil.area.append(self.area)
        self.komp = None
        self.ind = None

    def _data(self, t: Tabel, b: Baris, col: dict[str, int], roles: dict[int, str], setelah_kepala: bool) -> None:
        def cell(role: str) -> str:
            return b.teks(col[role]) if role in col else ""

        no_t, komp_t, ind_t = cell("no"), _satu_baris(cell("komponen")), _satu_baris(cell("indikator"))
        la, bf, tw, area_t, kunci_t = (cell("langkah_aksi"), cell("bukti_fisik"), cell("target_waktu"),
                                       _satu_baris(cell("area")), cell("kunci"))
        if area_t:
            m = _ROMAWI_NAMA.match(plain(area_t))
            if m and m.group("n") in _ROMAN_VALUE:
                kode, nama = m.group("n"), _nama_sesudah(area_t, m.group("n"))
            else:
                known = next((a for a in self.hasil.area if a["nama"] == area_t), None)
                kode, nama = (known["kode"], area_t) if known else (romawi(len(self.hasil.area) + 1), area_t)
            if self.area is None or self.area["kode"] != kode:
                self._area_baru(t, b, kode, nama)
            elif nama and not self.area["nama"]:
                self.area["nama"] = nama
        if not komp_t and not no_t and not ind_t and not (la or bf or tw):
            self._tidak(t, b, "teksnya hanya di kolom yang tidak diimpor.")
            return
        komp_baru = False
        if no_t or komp_t:
            no = None
            if no_t:
                m = _NOMOR.match(no_t)
                if m is None:
                    m2 = _NOMOR_NAMA.match(plain(no_t))
                    if m2 and not komp_t:  # "1. Tim Kerja" in the NO column
                        no, komp_t = int(m2.group(1)), _nama_sesudah(no_t, m2.group(1))
                    else:
                        self._tidak(t, b, f"NO “{no_t}” bukan nomor komponen (1, 2, 3 …); perbaiki NO di "
                                          f"{t.nama_kolom(col['no'])} lalu impor lagi.")
                        return
                else:
                    no = int(m.group(1))
            elif komp_t and (m2 := _NOMOR_NAMA.match(plain(komp_t))):  # "1. Tim Kerja" in KOMPONEN
                no, komp_t = int(m2.group(1)), _nama_sesudah(komp_t, m2.group(1))
            same = (self.komp is not None and (no is None or no == self.komp["no"])
                    and (not komp_t or komp_t == self.komp["nama"]))
            if not same:
                if self.area is None:
                    self._tidak(t, b, "komponen sebelum baris area pertama; tambahkan baris area "
                                      "(mis. “I. MANAJEMEN PERUBAHAN”) di atasnya.")
                    return
                if no is None:
                    no = (self.area["komponen"][-1]["no"] + 1) if self.area["komponen"] else 1
                self.komp = {"no": no, "nama": komp_t, "indikator": [], "_berkas": t.berkas, "_tabel": t.nama,
                             "_baris": b.nomor}
                self.area["komponen"].append(self.komp)
                self.ind = None
                komp_baru = True
        if ind_t:
            if (setelah_kepala and not no_t and not komp_t and not tw and self.ind is not None
                    and self.ind.target_waktu):
                self._sambung(t, b, ind_t, la, bf, tw)
                return
            if not komp_baru and self.ind is not None and ind_t == _satu_baris(" ".join(self.ind.indikator)):
                self._tambah_baris(t, b, la, bf, tw, ulang=True)
                return
            if self.komp is None:
                self._tidak(t, b, "indikator tanpa komponen: isi NO/KOMPONEN di baris ini atau di atasnya."
                            if self.area is not None else
                            "indikator sebelum baris area pertama; tambahkan baris area (mis. “I. MANAJEMEN "
                            "PERUBAHAN”) dan komponennya di atasnya.")
                return
            self.ind = _Ind(b.nomor, [ind_t], kunci=kunci_t or None)
            for role, text in (("langkah_aksi", la), ("bukti_fisik", bf), ("target_waktu", tw)):
                self.ind.tambah(role, text, sambung=False)
            self.inds.append((self.komp, self.ind))
            return
        if not (la or bf or tw):
            return  # a component heading row; its indicators follow
        if self.ind is None:
            self._tidak(t, b, "tidak ada teks INDIKATOR untuk isian baris ini, dan tidak ada indikator di atasnya "
                              "untuk dilanjutkan; isi kolom INDIKATOR.")
            return
        if setelah_kepala and not tw:
            self._sambung(t, b, "", la, bf, tw)
        else:
            self._tambah_baris(t, b, la, bf, tw, ulang=False)

    def _sambung(self, t: Tabel, b: Baris, ind_t: str, la: str, bf: str, tw: str) -> None:
        ind = self.ind
        assert ind is not None
        for role, text in (("indikator", ind_t), ("langkah_aksi", la), ("bukti_fisik", bf), ("target_waktu", tw)):
            ind.tambah(role, text, sambung=True)
        self.hasil.catatan.append(Catatan(t.berkas, t.nama, b.nomor,
            f"baris terbelah di pergantian halaman: disambung ke baris {ind.baris} (indikator "
            f"“{_awal(ind.indikator[0])}”)."))

    def _tambah_baris(self, t: Tabel, b: Baris, la: str, bf: str, tw: str, *, ulang: bool) -> None:
        ind = self.ind
        assert ind is not None
        for role, text in (("langkah_aksi", la), ("bukti_fisik", bf), ("target_waktu", tw)):
            ind.tambah(role, text, sambung=False)
        why = "INDIKATOR-nya sama dengan baris di atasnya" if ulang else "tanpa teks INDIKATOR sendiri"
        self.hasil.catatan.append(Catatan(t.berkas, t.nama, b.nomor,
            f"{why}: isiannya ditambahkan sebagai butir baru indikator baris {ind.baris} "
            f"(“{_awal(ind.indikator[0])}”)."))


def _awal(text: str, n: int = 50) -> str:
    text = _satu_baris(plain(text))
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _nama_sesudah(marked: str, penanda: str) -> str:
    """The name after a leading numeral in a marked-up text ("*I.* Nama" or "I. Nama")."""
    text = _satu_baris(marked)
    m = re.match(r"^\**\(?" + re.escape(penanda) + r"\s*[.)]?\s*\**\s*", text)
    return text[m.end():].strip() if m else text


def baca_rencana(tables: Sequence[Tabel]) -> Bacaan:
    """Areas, components and indicators from the tables of one file, with
    every row that could not be placed (pure)."""
    first = _Pembaca(huruf_area=False)
    first.baca(tables)
    if first.ada_romawi:
        return first.hasil
    return _Pembaca(huruf_area=True).baca(tables)


def tahun_dari(bacaan: Bacaan) -> int | None:
    """The plan's year as its target dates say it most often (20xx)."""
    years = Counter(int(y) for a in bacaan.area for k in a["komponen"] for i in k["indikator"]
                    for y in re.findall(r"\b(20\d\d)\b", i["target_waktu"]))
    return years.most_common(1)[0][0] if years else None
