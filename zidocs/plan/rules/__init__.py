"""Check rules: pure functions from a read plan to findings.

Each rule module exposes ``check(loaded) -> list[Finding]``.
"""

from __future__ import annotations

from zidocs.plan.findings import Finding
from zidocs.plan.loader import LoadedPlan
from zidocs.plan.rules import keputusan, struktur, teks, tim

RULES = (teks.check, struktur.check, keputusan.check, tim.check)


def run_all(loaded: LoadedPlan) -> list[Finding]:
    out: list[Finding] = []
    for rule in RULES:
        out += rule(loaded)
    return out
