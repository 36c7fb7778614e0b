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
from zidocs.office.convert import to_pdf
from zidocs.plan.kinds import JenisKeputusan
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
    plan: Plan,
    kinds: list[JenisKeputusan],
    *,
    pdf: bool = False,
    build_date: dt.date | None = None,
) -> BuildResult:
    """Render each kind as asli and salinan into out/<tahun>/.

    ``build_date`` stamps the files' metadata; by default each decree's own
    date, so the same plan always gives the same bytes.
    """
    outdir = ws.out_year(plan.tahun)
    rendered: list[tuple[Path, bytes]] = []
    for kind in kinds:
        jenis = kind.jenis
        day = build_date or plan.keputusan[jenis].keputusan.tanggal
        body = render_lampiran(plan, ws, jenis)
        for salinan, suffix in ((False, ""), (True, "-salinan")):
            data = render_keputusan(plan, ws, jenis, salinan=salinan, build_date=day, lampiran=body)
            rendered.append((outdir / f"{kind.stem}{suffix}.docx", data))
    atomic.write_many(rendered)  # asli and salinan land together or not at all
    result = BuildResult(docx=[path for path, _ in rendered])
    if pdf:
        day = build_date or max(plan.keputusan[k.jenis].keputusan.tanggal for k in kinds)
        try:
            result.pdf = to_pdf(result.docx, outdir, build_date=day, pdfa=True, author=plan.kantor.nama)
        except ConversionError as exc:
            exc.message += " Berkas DOCX tetap ditulis: " + ", ".join(str(p) for p in result.docx) + "."
            raise
    return result
