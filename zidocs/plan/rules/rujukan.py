"""Rule: decrees cited by number in the decrees' texts (Menimbang, Mengingat,
Memperhatikan, diktum, Lampiran) must match the register (zidocs.plan.rujukan);
the monev files' `dasar` is checked by the monev rules with the same function."""

from __future__ import annotations

from zidocs.plan.findings import Finding
from zidocs.plan.kinds import PLAN_PREFIX
from zidocs.plan.loader import PlanSource
from zidocs.plan.rujukan import periksa, terdaftar
from zidocs.plan.rules.teks import iter_texts
from zidocs.plan.yamldoc import format_path


def check(src: PlanSource) -> list[Finding]:
    daftar = terdaftar(src.plan)
    out: list[Finding] = []
    for key, doc in src.docs.items():
        if not key.startswith(PLAN_PREFIX):
            continue
        for path, text in iter_texts(doc):
            for pesan in periksa(text, src.plan, daftar):
                out.append(Finding(doc.rel, doc.line(*path), "galat", "RUJUKAN-KEPUTUSAN",
                                   f"{format_path(path)}: {pesan}"))
    return out
