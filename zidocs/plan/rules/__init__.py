"""Check rules: pure functions from a read plan to findings.

Each rule module exposes ``check(src: PlanSource) -> list[Finding]``; a rule
only ever sees a plan whose schema holds.
"""

from __future__ import annotations

from zidocs.plan.findings import Finding
from zidocs.plan.loader import PlanSource
from zidocs.plan.rules import kantor, keputusan, kunci, rujukan, struktur, teks, tim

RULES = (teks.check, struktur.check, kunci.check, keputusan.check, rujukan.check, tim.check, kantor.check)


def run_all(src: PlanSource) -> list[Finding]:
    out: list[Finding] = []
    for rule in RULES:
        out += rule(src)
    return out
