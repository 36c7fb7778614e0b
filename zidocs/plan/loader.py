"""Reading a year's plan: every plan file through ``yamldoc`` into the typed
``Plan``, with the schema findings of all of them at once.

A file that is missing or is not YAML raises ``InputError`` (nothing can be
checked); schema mistakes become findings with their file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zidocs.plan.findings import Finding
from zidocs.plan.kinds import PLAN_PREFIX as KEPUTUSAN_PREFIX
from zidocs.plan.kinds import RENCANA_AKSI
from zidocs.plan.models import KantorFile, KeputusanFile, Plan, RencanaAksi, TimFile
from zidocs.plan.workspace import Workspace
from zidocs.plan.yamldoc import YamlDoc, read_yaml, validate

TIM_FILE = "tim.yaml"  # plan/<tahun>/tim.yaml: Tim Kerja and Agen Perubahan (optional)


@dataclass
class LoadedPlan:
    """The result of reading a year's plan: the model (when the schema holds),
    the documents it came from, and the schema findings."""

    workspace: Workspace
    tahun: int
    docs: dict[str, YamlDoc]  # "kantor", "rencana-aksi", "keputusan-<jenis>", "tim" (when present)
    plan: Plan | None
    findings: list[Finding]

    def doc(self, key: str) -> YamlDoc:
        return self.docs[key]

    def source(self) -> "PlanSource | None":
        """What the rules read, once the schema holds."""
        return None if self.plan is None else PlanSource(self.workspace, self.tahun, self.docs, self.plan)


@dataclass(frozen=True)
class PlanSource:
    """A plan whose schema holds, with the documents it came from (for the
    line of every value): the input of every check rule."""

    workspace: Workspace
    tahun: int
    docs: dict[str, YamlDoc]
    plan: Plan

    def doc(self, key: str) -> YamlDoc:
        return self.docs[key]


def read_plan(workspace: Workspace, tahun: int | None = None) -> LoadedPlan:
    """Read and schema-check every plan file of the year. Raises InputError
    when a file is missing or not YAML; schema mistakes are findings."""
    tahun = workspace.tahun(tahun)
    docs: dict[str, YamlDoc] = {}
    docs["kantor"] = _read(workspace, workspace.kantor_file())
    year_dir = workspace.year_dir(tahun)
    docs["rencana-aksi"] = _read(workspace, year_dir / "rencana-aksi.yaml")
    for path in sorted(year_dir.glob(f"{KEPUTUSAN_PREFIX}*.yaml")):
        docs[path.stem] = _read(workspace, path)
    if RENCANA_AKSI.doc_key not in docs:
        _read(workspace, year_dir / RENCANA_AKSI.plan_file)  # raises: missing
    if (year_dir / TIM_FILE).exists():  # optional: a year without SK Tim Kerja needs none
        docs["tim"] = _read(workspace, year_dir / TIM_FILE)

    findings: list[Finding] = []
    kantor, f = validate(docs["kantor"], KantorFile)
    findings += f
    rencana, f = validate(docs["rencana-aksi"], RencanaAksi)
    findings += f
    tim = None
    if "tim" in docs:
        tim, f = validate(docs["tim"], TimFile)
        findings += f
    keputusan: dict[str, KeputusanFile] = {}
    for key, doc in docs.items():
        if key.startswith(KEPUTUSAN_PREFIX):
            kep, f = validate(doc, KeputusanFile)
            findings += f
            if kep is not None:
                keputusan[key.removeprefix(KEPUTUSAN_PREFIX)] = kep

    plan = None
    if not findings:
        assert isinstance(kantor, KantorFile) and isinstance(rencana, RencanaAksi)
        plan = Plan(
            tahun=tahun,
            kantor=kantor.kantor,
            ketua=kantor.ketua,
            pengesah_salinan=kantor.pengesah_salinan,
            anggota_kpu=kantor.anggota_kpu,
            pegawai=kantor.pegawai,
            istilah_asing=kantor.istilah_asing,
            istilah_diterima=kantor.istilah_diterima,
            keputusan=keputusan,
            rencana_aksi=rencana,
            tim=tim,
        )
    return LoadedPlan(workspace, tahun, docs, plan, findings)


def plan_files(workspace: Workspace, tahun: int) -> list[Path]:
    """The files :func:`read_plan` reads for year ``tahun`` (present or not): what a
    cache of the plan must watch."""
    year_dir = workspace.year_dir(tahun)
    files = [workspace.kantor_file(), year_dir / "rencana-aksi.yaml", year_dir / RENCANA_AKSI.plan_file,
             *sorted(year_dir.glob(f"{KEPUTUSAN_PREFIX}*.yaml")), year_dir / TIM_FILE]
    return list(dict.fromkeys(files))


def _read(workspace: Workspace, path: Path) -> YamlDoc:
    try:
        rel = str(path.relative_to(workspace.root))
    except ValueError:
        rel = str(path)
    return read_yaml(path, rel)
