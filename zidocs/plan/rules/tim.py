"""Rules on the people: the staff lists of plan/kantor.yaml and the year's
team file plan/<tahun>/tim.yaml (Tim Kerja, Agen Perubahan), and on the
decrees that print them (SK Tim Kerja, SK Agen Perubahan).

People are referred to by id; an unknown id, an area without a coordinator,
a person in two places, an empty team and an agent who is not on the staff
list are errors: the decree would be wrong, so nothing is printed.
"""

from __future__ import annotations

import re

from zidocs.errors import aksi
from zidocs.plan.findings import Finding
from zidocs.plan.kinds import AGEN_PERUBAHAN, TIM_KERJA, jenis_keputusan
from zidocs.plan.loader import TIM_FILE, PlanSource
from zidocs.plan.yamldoc import YamlDoc
from zidocs.text.saran import mirip, mungkin
from zidocs.plan.models import ID_KETUA, ID_PENGESAH, Orang, Plan, Ref, kedudukan_list
from zidocs.text.romawi import ROMAN

# Decree kinds whose Lampiran prints the team file, and the section they need.
JENIS_TIM_KERJA = TIM_KERJA.jenis
JENIS_AGEN = AGEN_PERUBAHAN.jenis
BAGIAN = {JENIS_TIM_KERJA: "tim_kerja", JENIS_AGEN: "agen_perubahan"}

_NIP_DIGITS = 18


def check(src: PlanSource) -> list[Finding]:
    plan = src.plan
    out = _kantor(src, plan)
    out += _decrees(src, plan)
    if "tim" in src.docs and plan.tim is not None:
        out += _tim(src.doc("tim"), plan)
    return out


# --- plan/kantor.yaml ----------------------------------------------------------------


def _kantor(src: PlanSource, plan: Plan) -> list[Finding]:
    doc = src.doc("kantor")
    out: list[Finding] = []
    seen: dict[str, tuple[str, int]] = {}
    for key in ("anggota_kpu", "pegawai"):
        for i, p in enumerate(getattr(plan, key)):
            line = doc.line(key, i, "id")
            if p.id in (ID_KETUA, ID_PENGESAH):
                out.append(Finding(doc.rel, line, "galat", "PEGAWAI-ID-GANDA",
                                   f"{key}[{i + 1}]: id `{p.id}` dicadangkan untuk `{p.id}:` di berkas ini; "
                                   f"beri {p.nama} id lain yang unik."))
            elif p.id in seen:
                nama, first = seen[p.id]
                out.append(Finding(doc.rel, line, "galat", "PEGAWAI-ID-GANDA",
                                   f"{key}[{i + 1}]: id `{p.id}` sudah dipakai {nama} (baris {first}); "
                                   f"beri {p.nama} id lain yang unik."))
            else:
                seen[p.id] = (p.nama, line)
            out += _nip(doc, (key, i, "nip"), p.nip, p.nama)
    for key in (ID_KETUA, ID_PENGESAH):
        out += _nip(doc, (key, "nip"), getattr(plan, key).nip, getattr(plan, key).nama)
    return out


def _nip(doc: YamlDoc, path: tuple, nip: str | None, nama: str) -> list[Finding]:
    if nip is None:
        return []
    digits = re.sub(r"\s", "", nip)
    if digits.isdigit() and len(digits) == _NIP_DIGITS:
        return []
    return [Finding(doc.rel, doc.line(*path), "peringatan", "NIP-FORMAT",
                    f"NIP {nama} “{nip}” bukan 18 angka; periksa NIP-nya (spasi boleh), "
                    "atau hapus `nip:` bila orang ini tidak ber-NIP.")]


# --- decrees that need the team file -------------------------------------------------


def _decrees(src: PlanSource, plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    tim_rel = f"plan/{plan.tahun}/{TIM_FILE}"
    for jenis, bagian in BAGIAN.items():
        kf = plan.keputusan.get(jenis)
        if kf is None:
            continue
        doc = src.doc(jenis_keputusan(jenis).doc_key)
        what = "susunan Tim Kerja" if jenis == JENIS_TIM_KERJA else "daftar agen perubahan"
        if "tim" not in src.docs:
            out.append(Finding(doc.rel, 1, "galat", "TIM-TIDAK-ADA",
                               f"keputusan {jenis} mencetak {what} di Lampirannya, tetapi {tim_rel} tidak ada; "
                               f"buat berkas itu dengan bagian `{bagian}:` (contoh: rencana bawaan {aksi('init')})."))
        elif plan.tim is None or getattr(plan.tim, bagian) is None:
            tdoc = src.doc("tim")
            out.append(Finding(tdoc.rel, tdoc.line(bagian), "galat", "TIM-TIDAK-ADA",
                               f"keputusan {jenis} mencetak {what} di Lampirannya, tetapi `{bagian}:` "
                               f"tidak diisi di berkas ini; isi `{bagian}:`."))
        if kf.lampiran is None:
            out.append(Finding(doc.rel, doc.line("keputusan"), "galat", "SK-TANPA-LAMPIRAN",
                               f"keputusan {jenis} mencetak {what} di Lampirannya, tetapi berkas ini tidak "
                               "mempunyai `lampiran:`; tambahkan `lampiran:` dengan `judul:` (baris judul Lampiran)."))
    return out


# --- plan/<tahun>/tim.yaml ------------------------------------------------------------


def _tim(doc: YamlDoc, plan: Plan) -> list[Finding]:
    assert plan.tim is not None
    out: list[Finding] = []
    people = plan.orang_by_id()
    # Areas by their place in the rencana aksi (I, II, … by position): a slip in
    # the rencana aksi's own numbering is reported once, by the structure rules,
    # not again here for every team member of that area.
    ra_areas = {ROMAN[i]: a for i, a in enumerate(plan.rencana_aksi.area) if i < len(ROMAN)}

    def f(path, level, kode, pesan):
        out.append(Finding(doc.rel, doc.line(*path), level, kode, pesan))

    def resolve(ref: Ref, path: tuple) -> str | None:
        """The person's identity (an id, or their name when written out), or
        None when the id is unknown (reported here)."""
        if isinstance(ref, Orang):
            out.extend(_nip(doc, (*path, "nip"), ref.nip, ref.nama))
            same = _listed(plan, ref)
            if same is not None:
                f(path, "peringatan", "TIM-SALIN-DATA",
                  f"{ref.nama} sudah tercatat di plan/kantor.yaml dengan id `{same}`; tulis `{same}` saja "
                  "agar nama, NIP, dan jabatannya tidak disalin.")
                return same
            return "nama:" + _norm(ref.nama)
        if ref in people:
            return ref
        hint = mungkin(mirip(ref, people, unik=True))  # never another person's id
        f(path, "galat", "TIM-ID-TIDAK-DIKENAL",
          f"id `{ref}` tidak dikenal.{hint} Pakai `{ID_KETUA}`, `{ID_PENGESAH}`, atau `id` dari `anggota_kpu:`/"
          "`pegawai:` di plan/kantor.yaml (tambahkan orangnya ke sana bila belum ada).")
        return None

    def nama(key: str, ref: Ref) -> str:
        return ref.nama if isinstance(ref, Orang) else people[key].nama

    tim = plan.tim.tim_kerja
    if tim is not None:
        places = kedudukan_list(tim)
        if not places:
            f(("tim_kerja",), "galat", "TIM-KOSONG",
              "Tim Kerja tidak beranggota; isi `penanggung_jawab`, `ketua`, `sekretaris`, dan `area:` "
              "(koordinator dan anggota setiap area) dengan id orang dari plan/kantor.yaml.")
        else:
            if not tim.ketua:
                f(("tim_kerja",), "galat", "TIM-TANPA-KETUA",
                  "Tim Kerja tidak mempunyai ketua; tambahkan `ketua: <id>` di `tim_kerja`.")
            seen: dict[str, tuple[str, int]] = {}
            for k in places:
                key = resolve(k.ref, k.path)
                if key is None:
                    continue
                where = k.kedudukan + (f" Area {k.area}" if k.area else "")
                if key in seen:
                    first, line = seen[key]
                    f(k.path, "galat", "TIM-KEDUDUKAN-GANDA",
                      f"{nama(key, k.ref)} tercantum sebagai {where} padahal sudah sebagai {first} (baris {line}); "
                      "satu orang hanya satu kedudukan dalam Tim Kerja: hapus salah satunya.")
                else:
                    seen[key] = (where, doc.line(*k.path))
            _areas(doc, tim.area, ra_areas, f)

    agen = plan.tim.agen_perubahan
    if agen is not None:
        if not agen:
            f(("agen_perubahan",), "galat", "AGEN-KOSONG",
              "daftar agen perubahan kosong; isi `agen_perubahan:` dengan `- pegawai: <id>` dan `area:` atau `unit:`.")
        staff = {p.id for p in plan.pegawai} | {ID_PENGESAH}
        seen_agen: dict[str, int] = {}
        for i, a in enumerate(agen):
            path = ("agen_perubahan", i, "pegawai")
            key = resolve(a.pegawai, path)
            if key is not None:
                if plan.pegawai and key not in staff:
                    f(path, "galat", "AGEN-BUKAN-PEGAWAI", _not_staff(plan, key, a.pegawai))
                if key in seen_agen:
                    f(path, "galat", "AGEN-GANDA",
                      f"{nama(key, a.pegawai)} sudah tercantum sebagai agen perubahan (baris {seen_agen[key]}); "
                      "hapus salah satunya.")
                else:
                    seen_agen[key] = doc.line(*path)
            if a.area is None and not (a.unit or "").strip():
                f(("agen_perubahan", i), "galat", "AGEN-TANPA-AREA",
                  f"agen perubahan ke-{i + 1} tidak menyebut area atau unit yang digerakkannya; "
                  f"tambahkan `area: <{'/'.join(ra_areas)}>` atau `unit: <nama unit kerja>`.")
            elif a.area is not None and a.area not in ra_areas:
                f(("agen_perubahan", i, "area"), "galat", "TIM-AREA-TIDAK-DIKENAL", _unknown_area(a.area, ra_areas))
    return out


def _areas(doc: YamlDoc, areas, ra_areas, f) -> None:
    by_kode: dict[str, int] = {}
    for ai, area in enumerate(areas):
        path = ("tim_kerja", "area", ai, "kode")
        if area.kode not in ra_areas:
            f(path, "galat", "TIM-AREA-TIDAK-DIKENAL", _unknown_area(area.kode, ra_areas))
        elif area.kode in by_kode:
            f(path, "galat", "TIM-AREA-GANDA",
              f"area {area.kode} sudah ditulis di `tim_kerja.area` (baris {doc.line('tim_kerja', 'area', by_kode[area.kode])}); "
              "gabungkan koordinator dan anggotanya dalam satu butir.")
        else:
            by_kode[area.kode] = ai
    for kode, ra in ra_areas.items():
        ai = by_kode.get(kode)
        if ai is None:
            f(("tim_kerja", "area"), "galat", "TIM-TANPA-KOORDINATOR",
              f"area {kode} ({ra.nama}) tidak mempunyai koordinator: areanya tidak ada di `tim_kerja.area`; "
              f"tambahkan `- kode: {kode}` dengan `koordinator: <id>`.")
        elif not areas[ai].koordinator:
            f(("tim_kerja", "area", ai), "galat", "TIM-TANPA-KOORDINATOR",
              f"area {kode} ({ra.nama}) tidak mempunyai koordinator; tambahkan `koordinator: <id>` pada area {kode}.")


def _unknown_area(kode: str, ra_areas) -> str:
    return f"area “{kode}” tidak ada di rencana aksi; pakai salah satu dari {', '.join(ra_areas)}."


def _not_staff(plan: Plan, key: str, ref: Ref) -> str:
    if key == ID_KETUA:
        return (f"`{ID_KETUA}` ({plan.ketua.nama}) adalah pimpinan, bukan pegawai Sekretariat; agen perubahan "
                "dipilih dari daftar `pegawai:` di plan/kantor.yaml (pimpinan menjadi teladan sebagai pimpinan).")
    if any(p.id == key for p in plan.anggota_kpu):
        return (f"`{key}` adalah anggota KPU, bukan pegawai Sekretariat; agen perubahan dipilih dari daftar "
                "`pegawai:` di plan/kantor.yaml.")
    nama = ref.nama if isinstance(ref, Orang) else key
    return (f"{nama} tidak ada di daftar `pegawai:` plan/kantor.yaml; tambahkan ke daftar itu lalu tulis id-nya, "
            "atau perbaiki nama/NIP-nya.")


def _norm(nama: str) -> str:
    return " ".join(nama.casefold().replace(",", " ").split())


def _listed(plan: Plan, orang: Orang) -> str | None:
    """The id under which plan/kantor.yaml already lists this person (same NIP,
    or the same name when either has no NIP)."""
    for key, p in plan.orang_by_id().items():
        if orang.nip and p.nip:
            if re.sub(r"\s", "", orang.nip) == re.sub(r"\s", "", p.nip):
                return key
        elif _norm(orang.nama) == _norm(p.nama):
            return key
    return None


def orang_contoh(plan: Plan, jenis: str) -> list[str]:
    """Names of invented sample people (``contoh: true``) the decree of kind
    ``jenis`` would print: the CLI warns before they reach a signed decree."""
    if plan.tim is None:
        return []
    refs: list[Ref] = []
    if jenis == JENIS_TIM_KERJA and plan.tim.tim_kerja is not None:
        refs = [k.ref for k in kedudukan_list(plan.tim.tim_kerja)]
    elif jenis == JENIS_AGEN and plan.tim.agen_perubahan is not None:
        refs = [a.pegawai for a in plan.tim.agen_perubahan]
    people = plan.orang_by_id()
    out = []
    for ref in refs:
        o = ref if isinstance(ref, Orang) else people.get(ref)
        if o is not None and o.contoh and o.nama not in out:
            out.append(o.nama)
    return out
