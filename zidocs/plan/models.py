"""The plan as typed, immutable data.

One snake_case name runs from YAML key to model field to template variable.
Unknown keys are errors (``extra="forbid"``) so a misspelt key never vanishes.
Text fields carry inline italics in a simple markup: ``*website*``
(see ``zidocs.text.markup``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field



class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- office ---------------------------------------------------------------


class Pejabat(Model):
    """An official who signs or authenticates: the name as printed, jabatan lines."""

    nama: str
    nip: str | None = None
    jabatan: list[str] = Field(min_length=1)
    # The jabatan in one line as listed in a Lampiran table (SK Tim Kerja);
    # by default the jabatan lines joined.
    jabatan_lengkap: str | None = None

    @property
    def jabatan_satu_baris(self) -> str:
        return self.jabatan_lengkap or " ".join(self.jabatan)


class Orang(Model):
    """A person as printed in a decree's Lampiran: the name with titles as it
    must be printed, NIP where there is one, jabatan in one line. Written out
    in plan/<tahun>/tim.yaml only when the office keeps no staff list."""

    nama: str
    nip: str | None = None
    jabatan: str
    contoh: bool = False  # invented sample data, not a real person


class Pegawai(Orang):
    """A member of the office (plan/kantor.yaml `pegawai:` — the secretariat's
    staff — or `anggota_kpu:` — the commissioners other than the Ketua),
    referred to by ``id`` from the year's team file."""

    id: str


# The office-level officials, referred to by these ids from the team file; their
# records stay in plan/kantor.yaml (`ketua:`, `pengesah_salinan:`), never copied.
ID_KETUA = "ketua"
ID_PENGESAH = "pengesah_salinan"
ID_PEJABAT = (ID_KETUA, ID_PENGESAH)


class Kantor(Model):
    nama: str  # "Komisi Pemilihan Umum Kabupaten Merangin"
    nama_singkat: str  # "KPU Kabupaten Merangin"
    kop: list[str] = Field(min_length=1)  # name lines, capitals, as printed in kop and signature
    sekretariat: list[str] = Field(min_length=1)  # lines of the secretariat's name (salinan block)
    tempat: str  # place of signing, "Bangko"
    # The office's emblem (PNG or JPEG), relative to the workspace, e.g.
    # plan/logo.png; drawn above the kop, on the monev and dossier covers.
    logo: str | None = None
    # The paper of zidocs' own dossier pages (cover, index, placeholders).
    kertas: Literal["F4", "A4"] = "F4"


class KantorFile(Model):
    """plan/kantor.yaml — office data that does not change every year."""

    kantor: Kantor
    ketua: Pejabat
    pengesah_salinan: Pejabat
    anggota_kpu: list[Pegawai] = []  # commissioners other than the Ketua
    pegawai: list[Pegawai] = []  # the secretariat's staff list
    istilah_asing: list[str] = []  # extends the curated list of foreign terms
    # Foreign terms the office prints without italics on purpose: not reported.
    istilah_diterima: list[str] = []


# --- decree ---------------------------------------------------------------


class Rujukan(Model):
    """A decree referred to (e.g. the one this decree revokes)."""

    nomor: int
    tahun: int
    judul: str


class Butir(Model):
    """A list item with its own nested list."""

    teks: str
    daftar: "Daftar"


class Daftar(Model):
    """A numbered (1. 2.) or lettered (a. b.) list."""

    gaya: Literal["angka", "huruf"] = "angka"
    butir: list[Union[str, Butir]] = Field(min_length=1)


Butir.model_rebuild()

Blok = Union[str, "DaftarBlok"]


class DaftarBlok(Model):
    """A list standing as a block between paragraphs."""

    daftar: Daftar


class Bagian(Model):
    """A lettered section of a chapter (A. Latar Belakang …)."""

    judul: str
    isi: list[Union[str, DaftarBlok]] = Field(min_length=1)


class Bab(Model):
    judul: str
    bagian: list[Bagian] = Field(min_length=1)


class Lampiran(Model):
    # The heading on the Lampiran's first page: one string, wrapped by the
    # layout; older plans write it as lines (still accepted, printed line by line).
    judul: str | list[str] = Field(min_length=1)
    bab: list[Bab] = []  # prose chapters; the rencana aksi table follows as the next BAB
    # Free data for a Lampiran template of a new decree kind (rows of a table,
    # …): a new kind is a template plus data, no Python.
    data: dict[str, Any] = {}


class Keputusan(Model):
    """One Keputusan (decree). Its kind is the file name: keputusan-<jenis>.yaml."""

    nomor: int = Field(ge=1)
    tahun: int
    tanggal: dt.date
    judul: str  # capitals, as printed after TENTANG
    menimbang: list[str] = Field(min_length=1)
    mengingat: list[str] = Field(min_length=1)
    memperhatikan: list[str] = []
    # A diktum is a text, or a text with its lettered/numbered items
    # (`teks:` + `daftar:`), e.g. the team's tasks.
    diktum: list[Union[str, Butir]] = Field(min_length=1)
    mencabut: Rujukan | None = None

    def diktum_teks(self) -> list[str]:
        """Every diktum as one plain string (its items included)."""
        return [d if isinstance(d, str) else " ".join([d.teks, *_daftar_teks(d.daftar)]) for d in self.diktum]


def _daftar_teks(daftar: Daftar) -> list[str]:
    out: list[str] = []
    for b in daftar.butir:
        out += [b] if isinstance(b, str) else [b.teks, *_daftar_teks(b.daftar)]
    return out


class KeputusanFile(Model):
    """plan/<tahun>/keputusan-<jenis>.yaml."""

    keputusan: Keputusan
    lampiran: Lampiran | None = None


# --- rencana aksi (BAB II) --------------------------------------------------


class Indikator(Model):
    # The indicator's stable key (zidocs.plan.kunci): what evidence rows and
    # monev entries refer to. Written by zidocs when absent; never printed.
    kunci: str | None = None
    indikator: str
    langkah_aksi: Union[str, list[str]]
    bukti_fisik: Union[str, list[str]]
    target_waktu: str


class Komponen(Model):
    no: int
    nama: str
    indikator: list[Indikator] = Field(min_length=1)


class Area(Model):
    kode: str  # Roman numeral I … VI
    nama: str
    komponen: list[Komponen] = Field(min_length=1)


class RencanaAksi(Model):
    """plan/<tahun>/rencana-aksi.yaml — the action-plan table."""

    judul: list[str] = Field(min_length=1)  # heading lines under "BAB II"
    area: list[Area] = Field(min_length=1)


# --- the team: SK Tim Kerja and SK Agen Perubahan ---------------------------

# A person in the team file: the id of a person of plan/kantor.yaml (`ketua`,
# `pengesah_salinan`, or an `id` of `anggota_kpu:`/`pegawai:`), or a person
# written out (only for an office without a staff list).
Ref = Union[str, Orang]
Refs = Union[Ref, list[Ref]]


def as_refs(value: Refs | None) -> list[Ref]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class AreaTim(Model):
    """One area's part of the team: its coordinator(s) and members."""

    kode: str  # Roman numeral of the area in the rencana aksi (I … VI)
    nama: str | None = None  # as printed in the Lampiran; default: the rencana aksi's name
    koordinator: Refs | None = None
    anggota: Refs = []


class TimKerja(Model):
    """Tim Kerja Pembangunan Zona Integritas (SK Tim Kerja, LKE I.1)."""

    penanggung_jawab: Refs = []
    pengarah: Refs = []
    ketua: Refs = []
    sekretaris: Refs = []
    area: list[AreaTim] = []


class Agen(Model):
    """A change agent (SK Agen Perubahan, LKE I.4) and the area or unit they drive."""

    pegawai: Ref
    area: str | None = None  # Roman numeral of an area of the rencana aksi
    unit: str | None = None  # a work unit, e.g. "Subbagian Keuangan, Umum dan Logistik"


class TimFile(Model):
    """plan/<tahun>/tim.yaml — the year's Tim Kerja and change agents."""

    tim_kerja: TimKerja | None = None
    agen_perubahan: list[Agen] | None = None


class Kedudukan(Model):
    """One place in the Tim Kerja, in the order the Lampiran lists them."""

    ref: Ref
    kedudukan: str  # "Penanggung Jawab", "Ketua", "Koordinator", …
    area: str | None = None  # area kode for the per-area places
    path: tuple[str | int, ...]  # key path in tim.yaml (for findings)


KEDUDUKAN_PIMPINAN = (
    ("penanggung_jawab", "Penanggung Jawab"),
    ("pengarah", "Pengarah"),
    ("ketua", "Ketua"),
    ("sekretaris", "Sekretaris"),
)


def kedudukan_list(tim: TimKerja) -> list[Kedudukan]:
    """Every place in the team in Lampiran order: the leading places, then per
    area its coordinator(s) and members."""
    out: list[Kedudukan] = []
    for key, label in KEDUDUKAN_PIMPINAN:
        value = getattr(tim, key)
        many = isinstance(value, list)
        for i, ref in enumerate(as_refs(value)):
            out.append(Kedudukan(ref=ref, kedudukan=label, path=("tim_kerja", key, *((i,) if many else ()))))
    for ai, area in enumerate(tim.area):
        for key, label in (("koordinator", "Koordinator"), ("anggota", "Anggota")):
            value = getattr(area, key)
            many = isinstance(value, list)
            for i, ref in enumerate(as_refs(value)):
                path = ("tim_kerja", "area", ai, key, *((i,) if many else ()))
                out.append(Kedudukan(ref=ref, kedudukan=label, area=area.kode, path=path))
    return out


# --- the assembled plan ---------------------------------------------------


class IndikatorRef(Model):
    """An indicator with its stable ID (``V.2.3``) and its place in the plan."""

    id: str
    area: Area
    komponen: Komponen
    nomor: int  # position within its komponen, from 1
    indikator: Indikator

    @property
    def kunci(self) -> str | None:
        return self.indikator.kunci


class Plan(Model):
    tahun: int
    kantor: Kantor
    ketua: Pejabat
    pengesah_salinan: Pejabat
    anggota_kpu: list[Pegawai] = []
    pegawai: list[Pegawai] = []
    istilah_asing: list[str] = []
    istilah_diterima: list[str] = []
    keputusan: dict[str, KeputusanFile]  # by jenis, e.g. "rencana-aksi"
    rencana_aksi: RencanaAksi
    tim: TimFile | None = None  # plan/<tahun>/tim.yaml, when there is one

    def orang_by_id(self) -> dict[str, Orang]:
        """Every person of plan/kantor.yaml by id, as printed in a Lampiran."""
        out: dict[str, Orang] = {
            ID_KETUA: _pejabat_orang(self.ketua),
            ID_PENGESAH: _pejabat_orang(self.pengesah_salinan),
        }
        for p in [*self.anggota_kpu, *self.pegawai]:
            out.setdefault(p.id, Orang(nama=p.nama, nip=p.nip, jabatan=p.jabatan, contoh=p.contoh))
        return out

    def orang(self, ref: Ref) -> Orang:
        """The person a team-file reference names (KeyError: unknown id; the
        check rules report those before anything is rendered)."""
        return ref if isinstance(ref, Orang) else self.orang_by_id()[ref]

    def indikator_list(self) -> list[IndikatorRef]:
        """Every indicator in plan order with its stable ID."""
        out = []
        for area in self.rencana_aksi.area:
            for komp in area.komponen:
                for i, ind in enumerate(komp.indikator, start=1):
                    out.append(
                        IndikatorRef(
                            id=indikator_id(area.kode, komp.no, i),
                            area=area,
                            komponen=komp,
                            nomor=i,
                            indikator=ind,
                        )
                    )
        return out

    def indikator_by_kunci(self) -> dict[str, IndikatorRef]:
        """Indicators by stable key (indicators without one are left out; the
        first of a duplicated key wins, `check` reports the duplicate)."""
        out: dict[str, IndikatorRef] = {}
        for r in self.indikator_list():
            if r.kunci is not None:
                out.setdefault(r.kunci, r)
        return out

    def id_of(self, kunci: str) -> str | None:
        """The printed ID (V.2.3) of the indicator with key ``kunci`` now; None: gone."""
        ref = self.indikator_by_kunci().get(kunci)
        return ref.id if ref is not None else None

    def area(self, kode: str) -> Area | None:
        return next((a for a in self.rencana_aksi.area if a.kode == kode), None)


def _pejabat_orang(p: Pejabat) -> Orang:
    return Orang(nama=p.nama, nip=p.nip, jabatan=p.jabatan_satu_baris)


def indikator_id(area_kode: str, komponen_no: int, nomor: int) -> str:
    return f"{area_kode}.{komponen_no}.{nomor}"


def as_list(value: str | list[str]) -> list[str]:
    """A cell that holds one text or several (numbered when several)."""
    return [value] if isinstance(value, str) else list(value)
