"""Checking a plan: read it, run every rule, report every finding at once.

``check_plan`` is what `check` shows; ``load_plan`` is what every builder
starts from: the plan, or ``PlanInvalid`` carrying every error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zidocs.errors import PlanInvalid
from zidocs.plan.findings import Finding, has_errors
from zidocs.plan.loader import LoadedPlan, read_plan
from zidocs.plan.models import Plan
from zidocs.plan.rules import monev as monev_rules
from zidocs.plan.rules import run_all
from zidocs.plan.workspace import Workspace


@dataclass
class CheckReport:
    loaded: LoadedPlan
    findings: list[Finding]  # the plan's and the monev input files'
    monev_files: frozenset[str] = frozenset()  # findings in these do not stop decrees

    @property
    def plan_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.file not in self.monev_files]

    @property
    def plan(self) -> Plan | None:
        return self.loaded.plan

    @property
    def tahun(self) -> int:
        return self.loaded.tahun

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    def ok(self, *, strict: bool = False) -> bool:
        return self.plan is not None and not has_errors(self.findings, strict=strict)

    def require(self, *, strict: bool = False) -> Plan:
        """The plan, or PlanInvalid carrying every finding of the plan
        (a mistake in a monev input file stops only the monev report)."""
        if self.plan is None or has_errors(self.plan_findings, strict=strict):
            raise PlanInvalid(self.plan_findings)
        return self.plan


def check_plan(workspace: Workspace, tahun: int | None = None, *, monev: bool = True) -> CheckReport:
    """Every finding of the year's plan and, with ``monev``, of its monev input
    files (which never stop a decree, so building one skips reading them)."""
    loaded = read_plan(workspace, tahun)
    findings = list(loaded.findings)
    src = loaded.source()
    monev_files: frozenset[str] = frozenset()
    if src is not None:
        findings += run_all(src)
        monev_files = frozenset(monev_rules.files(src))
        # Monev input names indicators by ID; while the plan has errors (a
        # numbering slip shifts every ID) those names mean nothing yet.
        if monev and not has_errors(findings):
            findings += monev_rules.check(src)
    return CheckReport(loaded, sorted(set(findings)), monev_files)


def load_plan(workspace: Path | Workspace, tahun: int | None = None, *, strict: bool = False) -> Plan:
    """The validated plan, or ``PlanInvalid`` listing every error (all rules run)."""
    ws = workspace if isinstance(workspace, Workspace) else Workspace(Path(workspace).resolve())
    return check_plan(ws, tahun, monev=False).require(strict=strict)
