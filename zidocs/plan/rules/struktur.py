"""Rules on the action-plan table: numbering, empty cells, target waktu,
the heading's year."""

from __future__ import annotations

import re

from zidocs.plan.findings import Finding
from zidocs.plan.loader import PlanSource
from zidocs.plan.models import as_list
from zidocs.text.romawi import ROMAN
from zidocs.text.target_waktu import parse_target_waktu

# Problems in a target waktu that still let the decree be printed are warnings;
# an empty or unreadable target is an error: it would silently never fall due in
# monev and status. A target with no fixed month on purpose ("Sesuai kebutuhan",
# TargetWaktu.tanpa_jadwal) is no problem at all.
_TW_LEVEL = {"TW-KOSONG": "galat", "TW-TIDAK-TERBACA": "galat"}


def check(src: PlanSource) -> list[Finding]:
    plan = src.plan
    doc = src.doc("rencana-aksi")
    out: list[Finding] = []

    def f(path, level, kode, pesan):
        out.append(Finding(doc.rel, doc.line(*path), level, kode, pesan))

    for i, line in enumerate(plan.rencana_aksi.judul):
        for y in sorted({int(m) for m in re.findall(r"\b(\d{4})\b", line)} - {plan.tahun}):
            f(("judul", i), "peringatan", "JUDUL-TAHUN",
              f"judul BAB II menyebut tahun {y}, padahal rencana ini untuk tahun {plan.tahun}; ganti menjadi {plan.tahun}.")

    _numbering(f, [a.kode for a in plan.rencana_aksi.area], list(ROMAN), ("area",), "kode", "area")
    for ai, area in enumerate(plan.rencana_aksi.area):
        ap = ("area", ai)
        if not area.nama.strip():
            f(ap + ("nama",), "galat", "KOSONG", f"area {area.kode} tidak bernama; isi `nama`.")
        _numbering(f, [k.no for k in area.komponen], list(range(1, 100)), ap + ("komponen",), "no",
                   f"komponen di area {area.kode}")
        for ki, komp in enumerate(area.komponen):
            kp = ap + ("komponen", ki)
            if not komp.nama.strip():
                f(kp + ("nama",), "peringatan", "KOSONG",
                  f"komponen {area.kode}.{komp.no} tidak bernama; isi `nama` dengan nama komponennya.")
            for ii, ind in enumerate(komp.indikator):
                ip = kp + ("indikator", ii)
                iid = f"{area.kode}.{komp.no}.{ii + 1}"
                for key, label in (("indikator", "indikator"), ("langkah_aksi", "langkah aksi"),
                                   ("bukti_fisik", "bukti fisik")):
                    value = getattr(ind, key)
                    items = as_list(value)
                    if not items or any(not t.strip() for t in items):
                        f(ip + (key,), "galat", "KOSONG", f"indikator {iid}: {label} kosong; isi `{key}`.")
                tw = parse_target_waktu(ind.target_waktu, plan.tahun)
                for m in tw.masalah:
                    f(ip + ("target_waktu",), _TW_LEVEL.get(m.kode, "peringatan"), m.kode,
                      f"indikator {iid}: {m.pesan}")
    return out


def _numbering(f, numbers: list, expected: list, path: tuple, key: str, what: str) -> None:
    """Numbers must run 1, 2, 3 … (or I, II, III …): report duplicates and gaps.
    Each number is judged against the one before it, so one slip is one finding."""
    seen: set = set()
    prev = None
    for i, n in enumerate(numbers):
        p = path + (i, key)
        if n not in expected:
            f(p, "galat", "NOMOR-TIDAK-SAH", f"nomor {n!r} tidak sah untuk {what}; pakai {expected[0]}, {expected[1]}, …")
            prev = expected[0] if prev is None else expected[expected.index(prev) + 1]
            continue
        want = expected[0] if prev is None else expected[expected.index(prev) + 1]
        if n in seen:
            f(p, "galat", "NOMOR-GANDA", f"nomor {n} dipakai lebih dari sekali untuk {what}; "
              f"seharusnya {want} (ID indikator bergantung pada nomor ini).")
            prev = want  # a repeated number takes the slot it should have had
            continue
        if n != want:
            f(p, "galat", "NOMOR-LONCAT", f"nomor {what} seharusnya {want}, tertulis {n}; perbaiki urutannya.")
        seen.add(n)
        prev = n
