"""Rendering decrees with docxtpl: the shared skeleton, the kind's Lampiran
body as a subdocument, strict undefined variables and autoescaping."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from zidocs.errors import aksi
from zidocs.office.docxnorm import normalize_docx_bytes
from zidocs.office.docxrender import docxtpl, load_template, render_template as _render
from zidocs.office.logo import logo_file
from zidocs.plan.kinds import jenis_keputusan
from zidocs.plan.models import Plan
from zidocs.plan.workspace import Workspace
from zidocs.keputusan.context import decree_context, lampiran_body_context

SKELETON = "keputusan.docx"
LOGO_TINGGI_MM = 25  # the emblem above the kop
_MISSING = f"Salin templat bawaan dari folder templates/ zidocs (atau jalankan {aksi('init')} di folder baru)."


def template_path(ws: Workspace, name: str) -> Path:
    return ws.templates_dir / "keputusan" / name


def render_keputusan(
    plan: Plan, ws: Workspace, jenis: str, *, salinan: bool, build_date: dt.date, lampiran: bytes | None = None
) -> bytes:
    """The decree of kind ``jenis`` as deterministic DOCX bytes.

    ``lampiran`` is the rendered Lampiran body (``render_lampiran``); pass it to
    render the asli and the salinan from one body."""
    ctx = decree_context(plan, jenis, salinan=salinan)
    skeleton = _load(template_path(ws, SKELETON))
    logo = logo_file(ws.root, plan.kantor.logo)
    if logo is not None:
        ctx["logo"] = docxtpl.InlineImage(skeleton, str(logo), height=_mm(LOGO_TINGGI_MM))
    if ctx["lampiran"]:
        body = lampiran if lampiran is not None else render_lampiran(plan, ws, jenis)
        ctx["lampiran"] = skeleton.new_subdoc(io.BytesIO(body))
    data = _render(skeleton, SKELETON, ctx)
    return normalize_docx_bytes(data, build_date, author=plan.kantor.nama)


def render_lampiran(plan: Plan, ws: Workspace, jenis: str) -> bytes | None:
    """The kind's Lampiran body (templates/keputusan/lampiran-<jenis>.docx) rendered."""
    if plan.keputusan[jenis].lampiran is None:
        return None
    name = jenis_keputusan(jenis).lampiran_template
    return _render(_load(template_path(ws, name)), name, lampiran_body_context(plan, jenis))


def _load(path: Path) -> "docxtpl.DocxTemplate":
    return load_template(path, missing_hint=_MISSING)


def _mm(value: float):
    from docx.shared import Mm  # python-docx loads only when a document is made

    return Mm(value)
