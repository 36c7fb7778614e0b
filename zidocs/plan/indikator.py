"""Indicator identity: the ID format AREA.KOMPONEN.URUTAN (e.g. V.2.3) and
suggestions for an ID that is not in the plan."""

from __future__ import annotations

from zidocs.plan.models import Plan
from zidocs.text.saran import mirip


def saran_indikator(plan: Plan, wanted: str, n: int = 3) -> list[str]:
    """The plan's IDs closest to ``wanted``: its siblings (same area and
    komponen) first, then difflib's nearest."""
    ids = [r.id for r in plan.indikator_list()]
    near: list[str] = []
    if "." in wanted:
        prefix = wanted.rsplit(".", 1)[0] + "."
        near = [i for i in ids if i.startswith(prefix)][:n]
    near += [i for i in mirip(wanted, ids, n=n, cutoff=0.5) if i not in near]
    return near[:n]
