"""Rules on the monev input files plan/<tahun>/monev-<PERIODE>.yaml: unknown
indicators, realisasi outside 0–100, unknown statuses, periods not in the
year, meeting dates outside the period, incomplete meeting data.

Run by ``zidocs.plan.check.check_plan`` after the plan's own rules (not part of
``rules.RULES``: the monev files are not part of the plan that decrees are
built from). The checks themselves live in ``zidocs.monev.input`` so the
report refuses exactly what `zidocs check` reports.
"""

from __future__ import annotations

from zidocs.plan.findings import Finding
from zidocs.plan.loader import LoadedPlan
from zidocs.plan.monev_input import check_files, monev_files, rel_path


def check(loaded: LoadedPlan) -> list[Finding]:
    if loaded.plan is None:
        return []
    return check_files(loaded.workspace, loaded.plan)


def files(loaded: LoadedPlan) -> set[str]:
    """The monev files' paths as findings name them."""
    ws = loaded.workspace
    return {rel_path(ws, p) for p in monev_files(ws, loaded.tahun)}
