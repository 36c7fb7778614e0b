"""Rules on the indicators' stable keys (`kunci:`, see zidocs.plan.kunci):
a key must have the documented format and be unique in the year's plan. An
indicator without a key is no finding: zidocs writes one when something is
first attached to it."""

from __future__ import annotations

from zidocs.plan.findings import Finding
from zidocs.plan.kunci import sah
from zidocs.plan.loader import PlanSource


def check(src: PlanSource) -> list[Finding]:
    doc = src.doc("rencana-aksi")
    out: list[Finding] = []
    first: dict[str, tuple[str, int]] = {}
    for ai, area in enumerate(src.plan.rencana_aksi.area):
        for ki, komp in enumerate(area.komponen):
            for ii, ind in enumerate(komp.indikator):
                if ind.kunci is None:
                    continue
                iid = f"{area.kode}.{komp.no}.{ii + 1}"
                line = doc.line("area", ai, "komponen", ki, "indikator", ii, "kunci")
                if not sah(ind.kunci):
                    out.append(Finding(doc.rel, line, "galat", "KUNCI",
                                       f"indikator {iid}: `kunci` “{ind.kunci}” tidak sah; kunci diawali huruf "
                                       "kecil, lalu 2–31 huruf kecil, angka, '-' atau '_' (mis. i3f9c2b1e). "
                                       "Tulis kunci yang sah, atau hapus baris ini agar zidocs menuliskan kunci baru."))
                elif ind.kunci in first:
                    other, other_line = first[ind.kunci]
                    out.append(Finding(doc.rel, line, "galat", "KUNCI-GANDA",
                                       f"indikator {iid}: `kunci` “{ind.kunci}” sudah dipakai indikator {other} "
                                       f"(baris {other_line}); setiap indikator berkunci sendiri. Bila indikator "
                                       "ini salinan, hapus baris `kunci:`-nya (zidocs menuliskan kunci baru); bukti "
                                       "dan isian monev tetap pada indikator yang semula memegang kunci itu."))
                else:
                    first[ind.kunci] = (iid, line)
    return out
