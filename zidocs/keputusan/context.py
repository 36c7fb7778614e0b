"""Template contexts for decrees: pure functions of the plan.

Grouping, numbering and labels are computed here and handed to the templates
flat; the templates only lay them out. Rich text (italics) travels as
``Rich`` values, turned into docxtpl RichText by the renderer.
"""

from __future__ import annotations

import string
from typing import Any

from zidocs.text.markup import Rich
from zidocs.plan.kinds import AGEN_PERUBAHAN, RENCANA_AKSI, TIM_KERJA
from zidocs.plan.models import Bab, Butir, Daftar, DaftarBlok, KeputusanFile, Orang, Plan, as_list, kedudukan_list
from zidocs.text.nip import format_nip, nip_line
from zidocs.text.romawi import ROMAN
from zidocs.text.tanggal import format_tanggal

_URUTAN = (
    "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN",
    "KESEPULUH", "KESEBELAS", "KEDUA BELAS", "KETIGA BELAS", "KEEMPAT BELAS", "KELIMA BELAS",
)


def diktum_label(i: int) -> str:
    """KESATU, KEDUA, … for the i-th diktum (from 0)."""
    if i >= len(_URUTAN):
        raise ValueError(f"diktum ke-{i + 1} melebihi {len(_URUTAN)}")
    return _URUTAN[i]


def huruf(i: int) -> str:
    """a, b, …, z, aa, bb … (legal drafting letters items this way)."""
    letters = string.ascii_lowercase
    return letters[i % 26] * (i // 26 + 1)


def title_lines(value: str | list[str] | tuple[str, ...]) -> list[Rich]:
    """A heading as printed: one string (wrapped by the layout) or, as older
    plans write it, its lines; each with italics and its last two words bound."""
    return [Rich.of(t).bound() for t in as_list(value)]


def _items(texts: list[str], marker) -> list[dict[str, Any]]:
    return [{"penanda": marker(i), "teks": Rich.of(t)} for i, t in enumerate(texts)]


def decree_context(plan: Plan, jenis: str, *, salinan: bool) -> dict[str, Any]:
    """Everything the shared decree skeleton (templates/keputusan/keputusan.docx) uses."""
    kf: KeputusanFile = plan.keputusan[jenis]
    kep = kf.keputusan
    kantor = plan.kantor
    kantor_kapital = kantor.nama.upper()
    ketua_jabatan = " ".join(plan.ketua.jabatan).upper()
    ttd_jabatan = [f"{ketua_jabatan} {kantor.kop[0]}", *kantor.kop[1:]]
    ttd_jabatan[-1] += ","
    return {
        "salinan": salinan,
        "jenis": jenis,
        "logo": "",  # the renderer puts the office's logo here when there is one
        "kop": list(kantor.kop),
        "kantor_kapital": kantor_kapital,
        "nomor": kep.nomor,
        "tahun": kep.tahun,
        "judul": Rich.of(kep.judul).bound(),
        "penetap": f"{ketua_jabatan} {kantor_kapital},",
        "menimbang": _items(kep.menimbang, lambda i: f"{huruf(i)}."),
        "mengingat": _items(kep.mengingat, lambda i: f"{i + 1}."),
        "memperhatikan": _items(kep.memperhatikan, lambda i: f"{i + 1}."),
        "menetapkan": f"KEPUTUSAN {kantor_kapital} TENTANG " + Rich.of(kep.judul) + ".",
        "diktum": [_diktum(i, d) for i, d in enumerate(kep.diktum)],
        "tempat": kantor.tempat,
        "tanggal": format_tanggal(kep.tanggal),
        "ttd_jabatan": ttd_jabatan,
        "ttd_nama": plan.ketua.nama.upper(),
        "pengesah_baris": [*kantor.sekretariat, *plan.pengesah_salinan.jabatan],
        "pengesah_nama": plan.pengesah_salinan.nama,
        "lampiran": kf.lampiran is not None,
    }


def _diktum(i: int, d: str | Butir) -> dict[str, Any]:
    """A diktum: its label, its text, and its items (a., b. …) flat with their depth."""
    if isinstance(d, str):
        return {"label": diktum_label(i), "teks": Rich.of(d), "butir": []}
    return {"label": diktum_label(i), "teks": Rich.of(d.teks), "butir": _list_lines(d.daftar, 0)}


def lampiran_context(plan: Plan, jenis: str) -> dict[str, Any]:
    """What every Lampiran body gets: its heading lines and prose chapters."""
    kf = plan.keputusan[jenis]
    lamp = kf.lampiran
    if lamp is None:
        return {}
    return {
        "lampiran_judul": title_lines(lamp.judul),
        "bab_list": [{"nomor": ROMAN[i], "judul": Rich.of(bab.judul).bound(), "baris": bab_lines(bab)} for i, bab in enumerate(lamp.bab)],
        "bab_tabel_nomor": ROMAN[len(lamp.bab)],
        "data": lamp.data,
    }


def bab_lines(bab: Bab) -> list[dict[str, Any]]:
    """A chapter as flat lines: section headings, paragraphs, list items with
    their marker and depth."""
    out: list[dict[str, Any]] = []
    for i, bagian in enumerate(bab.bagian):
        out.append({"jenis": "bagian", "penanda": f"{string.ascii_uppercase[i]}.", "tingkat": 0, "teks": Rich.of(bagian.judul)})
        for blok in bagian.isi:
            if isinstance(blok, DaftarBlok):
                out += _list_lines(blok.daftar, 0)
            else:
                out.append({"jenis": "paragraf", "penanda": "", "tingkat": 0, "teks": Rich.of(blok)})
    return out


def _list_lines(daftar: Daftar, tingkat: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, butir in enumerate(daftar.butir):
        marker = f"{i + 1}." if daftar.gaya == "angka" else f"{huruf(i)}."
        teks = butir.teks if isinstance(butir, Butir) else butir
        out.append({"jenis": "butir", "penanda": marker, "tingkat": min(tingkat, 1), "teks": Rich.of(teks)})
        if isinstance(butir, Butir):
            out += _list_lines(butir.daftar, tingkat + 1)
    return out


def cell_items(value: str | list[str]) -> list[dict[str, Any]]:
    """A table cell's texts; several are numbered 1), 2), …"""
    items = as_list(value)
    return [{"penanda": f"{i + 1})" if len(items) > 1 else "", "teks": Rich.of(t)} for i, t in enumerate(items)]


def rencana_aksi_context(plan: Plan, jenis: str) -> dict[str, Any]:
    """The Lampiran of the Rencana Aksi decree: prose chapters, then the table."""
    ctx = lampiran_context(plan, jenis)
    ra = plan.rencana_aksi
    ctx["tabel_judul"] = title_lines(ra.judul)
    ctx["areas"] = [
        {
            "kode": area.kode,
            "nama": Rich.of(area.nama),
            "komponen": [
                {
                    "penanda": f"{k.no}.",
                    "nama": Rich.of(k.nama),
                    "indikator": [
                        {
                            "id": f"{area.kode}.{k.no}.{i + 1}",
                            "indikator": Rich.of(ind.indikator),
                            "langkah_aksi": cell_items(ind.langkah_aksi),
                            "bukti_fisik": cell_items(ind.bukti_fisik),
                            "target_waktu": ind.target_waktu,
                        }
                        for i, ind in enumerate(k.indikator)
                    ],
                }
                for k in area.komponen
            ],
        }
        for area in ra.area
    ]
    return ctx


def _orang_row(no: int, orang: Orang, **extra: Any) -> dict[str, Any]:
    return {"no": f"{no}.", "nama": Rich.of(orang.nama), "nip": format_nip(orang.nip), "nip_baris": nip_line(orang.nip),
            "jabatan": Rich.of(orang.jabatan), **extra}


def _area_names(plan: Plan) -> dict[str, str]:
    """Area names as the team's Lampiran prints them: the team file's `nama`,
    else the rencana aksi's."""
    tim = plan.tim.tim_kerja if plan.tim else None
    names = {a.kode: a.nama for a in plan.rencana_aksi.area}
    names.update({a.kode: a.nama for a in (tim.area if tim else []) if a.nama})
    return names


def tim_kerja_context(plan: Plan, jenis: str) -> dict[str, Any]:
    """The Lampiran of the SK Tim Kerja: the team as one table, numbered
    straight through, in groups: the leading places (no heading row), then one
    group per area with its heading row, coordinator(s) first."""
    ctx = lampiran_context(plan, jenis)
    tim = plan.tim.tim_kerja if plan.tim else None
    places = kedudukan_list(tim) if tim else []
    names = _area_names(plan)
    kelompok: list[dict[str, Any]] = [{"judul": None, "area": None, "baris": []}]
    for no, k in enumerate(places, start=1):
        if k.area is not None and kelompok[-1]["area"] != k.area:
            nama = Rich.of(names.get(k.area, "")).upper()
            judul = f"AREA {k.area}. " + nama if nama.plain.strip() else Rich.of(f"AREA {k.area}")
            kelompok.append({"judul": judul, "area": k.area, "baris": []})
        kelompok[-1]["baris"].append(_orang_row(no, plan.orang(k.ref), kedudukan=k.kedudukan))
    ctx["kelompok"] = [g for g in kelompok if g["baris"]]
    return ctx


def agen_perubahan_context(plan: Plan, jenis: str) -> dict[str, Any]:
    """The Lampiran of the SK Agen Perubahan: one row per agent, in plan order,
    with the area (its Roman numeral and name) and/or the unit they drive."""
    ctx = lampiran_context(plan, jenis)
    agen = (plan.tim.agen_perubahan if plan.tim else None) or []
    names = _area_names(plan)
    rows = []
    for no, a in enumerate(agen, start=1):
        lines = []
        if a.area is not None:
            lines.append(Rich.of(f"Area {a.area}. {names.get(a.area, '')}".rstrip(". ")))
        if a.unit:
            lines.append(Rich.of(a.unit))
        rows.append(_orang_row(no, plan.orang(a.pegawai), area_unit=lines))
    ctx["agen"] = rows
    return ctx


# Lampiran bodies computed in Python, by decree kind. A kind not listed here
# gets the generic context (heading, prose chapters and its `data:` as written
# in the plan), so a new kind of decree is a template plus data.
LAMPIRAN_BUILDERS = {
    RENCANA_AKSI.jenis: rencana_aksi_context,
    TIM_KERJA.jenis: tim_kerja_context,
    AGEN_PERUBAHAN.jenis: agen_perubahan_context,
}


def lampiran_body_context(plan: Plan, jenis: str) -> dict[str, Any]:
    builder = LAMPIRAN_BUILDERS.get(jenis, lampiran_context)
    return builder(plan, jenis)
