"""The plan as typed, immutable data.

One snake_case name runs from YAML key to model field to template variable.
Unknown keys are errors (``extra="forbid"``) so a misspelt key never vanishes.
Text fields carry inline italics in a simple markup: ``*website*``
(see ``zidocs.markup``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- office ---------------------------------------------------------------


class Pejabat(Model):
    """An official who signs or authenticates: the name as printed, jabatan lines."""

    nama: str
    nip: str | None = None
    jabatan: list[str] = Field(min_length=1)


class Pegawai(Model):
    """A member of the office's staff (used by SK Tim Kerja / Agen Perubahan)."""

    id: str
    nama: str
    nip: str | None = None
    jabatan: str
    contoh: bool = False  # invented sample data, not a real person


class Kantor(Model):
    nama: str  # "Komisi Pemilihan Umum Kabupaten Merangin"
    nama_singkat: str  # "KPU Kabupaten Merangin"
    kop: list[str] = Field(min_length=1)  # name lines, capitals, as printed in kop and signature
    sekretariat: list[str] = Field(min_length=1)  # lines of the secretariat's name (salinan block)
    tempat: str  # place of signing, "Bangko"


class KantorFile(Model):
    """plan/kantor.yaml — office data that does not change every year."""

    kantor: Kantor
    ketua: Pejabat
    pengesah_salinan: Pejabat
    pegawai: list[Pegawai] = []
    istilah_asing: list[str] = []  # extends the curated list of foreign terms


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
    judul: list[str] = Field(min_length=1)  # heading lines on the Lampiran's first page
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
    diktum: list[str] = Field(min_length=1)
    mencabut: Rujukan | None = None


class KeputusanFile(Model):
    """plan/<tahun>/keputusan-<jenis>.yaml."""

    keputusan: Keputusan
    lampiran: Lampiran | None = None


# --- rencana aksi (BAB II) --------------------------------------------------


class Indikator(Model):
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


# --- the assembled plan ---------------------------------------------------


class IndikatorRef(Model):
    """An indicator with its stable ID (``V.2.3``) and its place in the plan."""

    id: str
    area: Area
    komponen: Komponen
    nomor: int  # position within its komponen, from 1
    indikator: Indikator


class Plan(Model):
    tahun: int
    kantor: Kantor
    ketua: Pejabat
    pengesah_salinan: Pejabat
    pegawai: list[Pegawai] = []
    istilah_asing: list[str] = []
    keputusan: dict[str, KeputusanFile]  # by jenis, e.g. "rencana-aksi"
    rencana_aksi: RencanaAksi

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

    def area(self, kode: str) -> Area | None:
        return next((a for a in self.rencana_aksi.area if a.kode == kode), None)


def indikator_id(area_kode: str, komponen_no: int, nomor: int) -> str:
    return f"{area_kode}.{komponen_no}.{nomor}"


def as_list(value: str | list[str]) -> list[str]:
    """A cell that holds one text or several (numbered when several)."""
    return [value] if isinstance(value, str) else list(value)
