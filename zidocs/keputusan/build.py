"""Writing decrees to out/<tahun>/: DOCX (asli and salinan), then PDF.

Everything is rendered in memory before the first file is written, so a plan
or template error leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from zidocs.office import atomic
from zidocs.errors import ConversionError
from zidocs.plan.loader import load_plan
from zidocs.plan.models import Plan
from zidocs.plan.workspace import Workspace
from zidocs.keputusan.render import render_keputusan, render_lampiran


@dataclass
class BuildResult:
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [*self.docx, *self.pdf]


def build_decrees(
    ws: Workspace,
    tahun: int | None,
    items: list[tuple[str, str]],
    *,
    pdf: bool = False,
    build_date: dt.date | None = None,
    plan: Plan | None = None,
) -> BuildResult:
    """Render each (jenis, file stem) as asli and salinan into out/<tahun>/.

    ``build_date`` stamps the files' metadata; by default each decree's own
    date, so the same plan always gives the same bytes.
    """
    plan = plan or load_plan(ws, tahun)
    outdir = ws.out_year(plan.tahun)
    rendered: list[tuple[Path, bytes]] = []
    for jenis, stem in items:
        day = build_date or plan.keputusan[jenis].keputusan.tanggal
        body = render_lampiran(plan, ws, jenis)
        for salinan, suffix in ((False, ""), (True, "-salinan")):
            data = render_keputusan(plan, ws, jenis, salinan=salinan, build_date=day, lampiran=body)
            rendered.append((outdir / f"{stem}{suffix}.docx", data))
    atomic.write_many(rendered)  # asli and salinan land together or not at all
    result = BuildResult(docx=[path for path, _ in rendered])
    if pdf:
        from zidocs.office.convert import to_pdf  # pikepdf/pypdf load only when a PDF is wanted

        day = build_date or max(plan.keputusan[j].keputusan.tanggal for j, _ in items)
        try:
            result.pdf = to_pdf(result.docx, outdir, build_date=day)
        except ConversionError as exc:
            exc.message += " Berkas DOCX tetap ditulis: " + ", ".join(str(p) for p in result.docx) + "."
            raise
    return result
