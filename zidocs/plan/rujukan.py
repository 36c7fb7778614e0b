"""Decrees cited by number in a text ("Keputusan Komisi Pemilihan Umum
Kabupaten Merangin Nomor 9 Tahun 2026 tentang …") checked against the year's
decrees (the register: every plan/<tahun>/keputusan-*.yaml).

A citation of this office's decree of the plan's year must name a number the
register has, with that decree's title; a citation whose title is a decree of
this year under another number or year is stale. A decree of another year whose
title is not this year's is someone else's business (the previous year's plan
is not read): not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zidocs.plan.models import Plan


@dataclass(frozen=True)
class Terdaftar:
    nomor: int
    tahun: int
    jenis: str
    judul: str


def terdaftar(plan: Plan) -> list[Terdaftar]:
    return sorted((Terdaftar(kf.keputusan.nomor, kf.keputusan.tahun, jenis, kf.keputusan.judul)
                   for jenis, kf in plan.keputusan.items()), key=lambda t: (t.nomor, t.jenis))


def _norm(text: str) -> str:
    return " ".join(text.replace("*", "").split()).casefold().rstrip(" .,;:")


def _pola(plan: Plan) -> re.Pattern:
    nama = r"\s+".join(re.escape(w) for w in plan.kantor.nama.split())
    return re.compile(rf"Keputusan\s+{nama}\s+Nomor\s+(\d+)\s+Tahun\s+(\d{{4}})(?:\s+tentang\s+([^;(]+))?",
                      re.IGNORECASE)


def _milik(judul: str | None, daftar: list[Terdaftar]) -> Terdaftar | None:
    if not judul:
        return None
    cited = _norm(judul)
    return next((t for t in daftar if cited.startswith(_norm(t.judul))), None)


def periksa(text: str, plan: Plan, daftar: list[Terdaftar] | None = None) -> list[str]:
    """Problems with the decrees ``text`` cites (messages without a place)."""
    daftar = terdaftar(plan) if daftar is None else daftar
    out: list[str] = []
    for m in _pola(plan).finditer(text):
        nomor, tahun, judul = int(m.group(1)), int(m.group(2)), m.group(3)
        disebut = f"Keputusan Nomor {nomor} Tahun {tahun}"
        milik = _milik(judul, daftar)
        if tahun != plan.tahun:
            if milik is not None:
                out.append(f"menyebut {disebut} tentang “{_pendek(judul)}”, padahal keputusan berjudul itu di "
                           f"register adalah Nomor {milik.nomor} Tahun {milik.tahun} (keputusan-{milik.jenis}.yaml); "
                           "perbaiki nomor dan tahunnya.")
            continue
        same = [t for t in daftar if t.nomor == nomor]
        if not same:
            where = (f"; judul itu milik Keputusan Nomor {milik.nomor} Tahun {milik.tahun} "
                     f"(keputusan-{milik.jenis}.yaml)") if milik else ""
            ada = ", ".join(f"{t.nomor} ({t.jenis})" for t in daftar) or "tidak ada"
            out.append(f"menyebut {disebut}, yang tidak ada di register tahun {plan.tahun} (nomor yang ada: {ada})"
                       f"{where}; perbaiki nomornya.")
        elif judul and not any(_norm(judul).startswith(_norm(t.judul)) for t in same):
            t = same[0]
            lain = (f"; judul itu milik Keputusan Nomor {milik.nomor} Tahun {milik.tahun} "
                    f"(keputusan-{milik.jenis}.yaml), jadi nomornya yang keliru") if milik else ""
            out.append(f"menyebut {disebut} tentang “{_pendek(judul)}”, padahal di register {disebut} adalah "
                       f"“{_pendek(t.judul)}” (keputusan-{t.jenis}.yaml){lain}; samakan nomor dan judulnya.")
    return out


def _pendek(text: str, n: int = 70) -> str:
    text = " ".join(text.split()).rstrip(" .,;")
    return text if len(text) <= n else text[: n - 1] + "…"
