"""The monev input of one period: plan/<tahun>/monev-<PERIODE>.yaml.

What a machine cannot know, written by the secretariat: per indicator the
realisasi (%), status, kendala, tindak lanjut and notes; the period's meeting;
the recommendations made there; the follow-up of earlier recommendations; who
signs the report. Unknown keys are errors, as in the plan.

``realisasi`` and ``status`` are typed strictly here; their own checks (with
Indonesian messages naming the indicator) run before the schema check, see
``zidocs.monev.input``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from zidocs.plan.models import Model, Pejabat

Status = Literal["belum", "proses", "selesai"]
STATUS: tuple[str, ...] = ("belum", "proses", "selesai")


class IsianIndikator(Model):
    """One indicator's row. A missing ``status`` counts as "belum" and is
    marked as not filled in the report; a missing ``realisasi`` is 100 when
    the status is "selesai", else 0."""

    # The indicator's text when this entry was written (`zidocs monev init`
    # writes it): readable in the file, and `check` warns when the plan's text
    # has changed since.
    teks: str = ""
    realisasi: float | None = None  # percent, 0..100
    status: Status | None = None
    kendala: str = ""
    tindak_lanjut: str = ""
    catatan: str = ""


class Rapat(Model):
    """The period's monev meeting. Each field may stay empty while the file
    is being prepared (a warning in `zidocs check`); the report needs
    ``tanggal``, ``pimpinan`` and ``peserta``."""

    tanggal: dt.date | None = None
    tempat: str | None = None
    pimpinan: str | None = None  # who chaired, as printed
    jabatan_pimpinan: str | None = None
    peserta: int | None = Field(default=None, ge=1)  # attendees count


class Rekomendasi(Model):
    """A recommendation made in this period's meeting."""

    teks: str
    penanggung_jawab: str = ""
    batas_waktu: str = ""  # free text: "April 2026", "Triwulan II 2026"


class TindakLanjutRekomendasi(Model):
    """The follow-up of an earlier period's recommendation (carried over by
    `zidocs monev init`)."""

    asal: str  # the period it was made in: TW1 … S2
    rekomendasi: str  # its text, as written in that period
    status: Status = "belum"
    keterangan: str = ""


class Penandatangan(Model):
    """Who signs the report: the Ketua Tim Kerja, acknowledged ("Mengetahui")
    by the Penanggung Jawab."""

    ketua_tim: Pejabat
    penanggung_jawab: Pejabat


class MonevFile(Model):
    periode: str  # must match the file name: monev-TW1.yaml → TW1
    contoh: bool = False  # invented sample data: the report says so on its cover
    tanggal_laporan: dt.date | None = None  # default: the meeting's date
    dasar: list[str] = []  # legal basis lines of the introduction
    rapat: Rapat = Rapat()
    penandatangan: Penandatangan | None = None
    # By the indicator's stable key (`kunci:` in rencana-aksi.yaml), e.g.
    # "i3f9c2b1e"; the printed ID stands in an end-of-line comment.
    indikator: dict[str, IsianIndikator] = {}
    rekomendasi: list[Rekomendasi] = []
    tindak_lanjut_rekomendasi: list[TindakLanjutRekomendasi] = []
