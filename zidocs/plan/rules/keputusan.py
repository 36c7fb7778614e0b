"""Rules on the decrees: year and date, the register of numbers, the decree
revoked, and legal citations."""

from __future__ import annotations

import re

from zidocs.errors import aksi
from zidocs.plan.findings import Finding
from zidocs.plan.kinds import jenis_keputusan
from zidocs.plan.loader import PlanSource
from zidocs.plan.yamldoc import format_path
from zidocs.plan.rules.teks import iter_texts

_REG_YEAR = re.compile(r"\bNomor\s*:?\s*[\w./-]+\s+Tahun\s+(\d{4})\b", re.IGNORECASE)
_GAZETTE_YEAR = re.compile(r"\b(Lembaran|Berita)\s+Negara\s+Republik\s+Indonesia\s+Tahun\s+(\d{4})\b", re.IGNORECASE)
# A citation names a regulation, then the regulations that amended it, each
# introduced by "sebagaimana … diubah dengan …"; a gazette reference belongs to
# the regulation that opens its clause.
_CLAUSE = re.compile(r"\bsebagaimana\b|;", re.IGNORECASE)


def check(src: PlanSource) -> list[Finding]:
    plan = src.plan
    out: list[Finding] = []
    by_nomor: dict[int, list[str]] = {}
    for jenis, kf in sorted(plan.keputusan.items()):
        doc = src.doc(jenis_keputusan(jenis).doc_key)
        kep = kf.keputusan

        def f(path, level, kode, pesan, doc=doc):
            out.append(Finding(doc.rel, doc.line(*path), level, kode, pesan))

        if kf.lampiran is not None:
            tpl = src.workspace.templates_dir / "keputusan" / jenis_keputusan(jenis).lampiran_template
            if not tpl.is_file():
                f(("lampiran",), "peringatan", "TEMPLAT-TIDAK-ADA",
                  f"keputusan {jenis} berlampiran, tetapi templat templates/keputusan/lampiran-{jenis}.docx "
                  "tidak ada; buat dari salinan templat lampiran yang mirip (mis. lampiran-tim-kerja.docx) "
                  f"sebelum {aksi('sk', jenis)}.")
        if kep.tahun != plan.tahun:
            f(("keputusan", "tahun"), "galat", "KEPUTUSAN-TAHUN",
              f"keputusan {jenis} bertahun {kep.tahun} tetapi berada di rencana tahun {plan.tahun}; "
              f"pindahkan berkasnya ke plan/{kep.tahun}/ atau perbaiki `tahun`.")
        if kep.tanggal.year != kep.tahun:
            f(("keputusan", "tanggal"), "galat", "TANGGAL-TAHUN",
              f"keputusan Nomor {kep.nomor} Tahun {kep.tahun} bertanggal {kep.tanggal.isoformat()}, di luar tahunnya; "
              f"perbaiki `tanggal` atau `tahun`.")
        by_nomor.setdefault(kep.nomor, []).append(jenis)
        if kep.mencabut is not None:
            ref = f"Nomor {kep.mencabut.nomor} Tahun {kep.mencabut.tahun}"
            if not any(ref.lower() in " ".join(d.split()).lower() for d in kep.diktum_teks()):
                f(("keputusan", "mencabut"), "peringatan", "CABUT-TIDAK-DISEBUT",
                  f"keputusan yang dicabut ({ref}) tidak disebut di diktum; sebutkan di diktum atau perbaiki `mencabut`.")
        for path, text in iter_texts(doc):
            for pesan in citation_problems(text):
                f(path, "peringatan", "SITASI-TAHUN", f"{format_path(path)}: {pesan}")

    for nomor, kinds in sorted(by_nomor.items()):
        if len(kinds) > 1:
            for jenis in kinds[1:]:
                doc = src.doc(jenis_keputusan(jenis).doc_key)
                out.append(Finding(doc.rel, doc.line("keputusan", "nomor"), "galat", "NOMOR-KEPUTUSAN-GANDA",
                                   f"Nomor {nomor} Tahun {plan.tahun} sudah dipakai keputusan {kinds[0]}; "
                                   f"beri nomor lain (lihat {aksi('nomor', plan.tahun)} untuk nomor berikutnya)."))
    out += _order(src)
    return out


def _order(src: PlanSource) -> list[Finding]:
    """Numbers are given in order of signing: a higher number dated before a
    lower one is usually a slip in one of the two."""
    plan = src.plan
    assert plan is not None
    kinds = sorted(plan.keputusan.items(), key=lambda kv: (kv[1].keputusan.nomor, kv[0]))
    out: list[Finding] = []
    for (j1, k1), (j2, k2) in zip(kinds, kinds[1:]):
        a, b = k1.keputusan, k2.keputusan
        if a.nomor < b.nomor and b.tanggal < a.tanggal and a.tanggal.year == b.tanggal.year == plan.tahun:
            doc = src.doc(jenis_keputusan(j2).doc_key)
            out.append(Finding(doc.rel, doc.line("keputusan", "tanggal"), "peringatan", "NOMOR-URUT-TANGGAL",
                               f"keputusan Nomor {b.nomor} bertanggal {b.tanggal.isoformat()}, lebih awal dari "
                               f"keputusan {j1} Nomor {a.nomor} ({a.tanggal.isoformat()}); nomor diberikan menurut "
                               "urutan penetapan: periksa `nomor` dan `tanggal` kedua keputusan."))
    return out


def citation_problems(text: str) -> list[str]:
    """Gazette (Lembaran/Berita Negara) years earlier than their regulation's year."""
    out = []
    bounds = [0] + [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
    for start, end in zip(bounds, bounds[1:]):
        clause = text[start:end]
        reg = _REG_YEAR.search(clause)
        if not reg:
            continue
        for g in _GAZETTE_YEAR.finditer(clause, reg.end()):
            if int(g.group(2)) < int(reg.group(1)):
                out.append(
                    f"{g.group(1)} Negara Tahun {g.group(2)} lebih awal dari tahun peraturannya "
                    f"(“{reg.group(0)}”); periksa tahun pengundangannya."
                )
    return out
