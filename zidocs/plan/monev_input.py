"""Reading monev input files (plan/<tahun>/monev-<PERIODE>.yaml) for the
report: the file, its YAML with lines, the model when it has no error, and
its findings (the checks are ``zidocs.plan.rules.monev``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zidocs.errors import InputError, PlanInvalid
from zidocs.plan.findings import Finding
from zidocs.plan.models import Plan
from zidocs.plan.monev_file import MonevFile
from zidocs.plan.monev_files import kode_berkas, rel_path
from zidocs.plan.rules.monev import input_error_finding, validate_monev
from zidocs.plan.workspace import Workspace
from zidocs.plan.yamldoc import YamlDoc, read_yaml


@dataclass
class MonevDoc:
    """One monev file: where it is, its YAML with lines, the model when it
    has no error, and its findings."""

    kode: str  # from the file name
    path: Path
    doc: YamlDoc | None
    model: MonevFile | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return self.doc.rel if self.doc is not None else str(self.path)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


def read_monev(ws: Workspace, plan: Plan, path: Path) -> MonevDoc:
    """Read and check one file. A YAML syntax error becomes a finding too
    (so `zidocs check` lists it with the others)."""
    rel = rel_path(ws, path)
    kode = kode_berkas(path)
    try:
        doc = read_yaml(path, rel)
    except InputError as exc:
        return MonevDoc(kode, path, None, None, [input_error_finding(rel, exc)])
    model, findings = validate_monev(doc, plan, kode)
    return MonevDoc(kode, path, doc, model, findings)


def require_lengkap(md: MonevDoc) -> MonevFile:
    """The model, complete enough for a report; else PlanInvalid listing
    every finding (incomplete-meeting warnings become errors here)."""
    if md.model is None:
        raise PlanInvalid(md.findings)
    belum = [
        Finding(x.file, x.line, "galat", x.kode, x.pesan) for x in md.findings if x.kode == "MONEV-BELUM-LENGKAP"
    ]
    if belum:
        raise PlanInvalid(belum)
    return md.model
