"""Rendering decrees with docxtpl: the shared skeleton, the kind's Lampiran
body as a subdocument, strict undefined variables and autoescaping."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate, RichText

from ..docxnorm import normalize_docx_bytes
from ..errors import TemplateError
from ..models import Plan
from ..workspace import Workspace
from .context import Rich, decree_context, lampiran_body_context

SKELETON = "keputusan.docx"


def template_path(ws: Workspace, name: str) -> Path:
    return ws.templates_dir / "keputusan" / name


def lampiran_template_name(jenis: str) -> str:
    return f"lampiran-{jenis}.docx"


def render_keputusan(
    plan: Plan, ws: Workspace, jenis: str, *, salinan: bool, build_date: dt.date, lampiran: bytes | None = None
) -> bytes:
    """The decree of kind ``jenis`` as deterministic DOCX bytes.

    ``lampiran`` is the rendered Lampiran body (``render_lampiran``); pass it to
    render the asli and the salinan from one body."""
    ctx = decree_context(plan, jenis, salinan=salinan)
    skeleton = _load(template_path(ws, SKELETON))
    if ctx["lampiran"]:
        body = lampiran if lampiran is not None else render_lampiran(plan, ws, jenis)
        ctx["lampiran"] = skeleton.new_subdoc(io.BytesIO(body))
    data = _render(skeleton, SKELETON, ctx)
    return normalize_docx_bytes(data, build_date)


def render_lampiran(plan: Plan, ws: Workspace, jenis: str) -> bytes | None:
    """The kind's Lampiran body (templates/keputusan/lampiran-<jenis>.docx) rendered."""
    if plan.keputusan[jenis].lampiran is None:
        return None
    name = lampiran_template_name(jenis)
    return _render(_load(template_path(ws, name)), name, lampiran_body_context(plan, jenis))


def _load(path: Path) -> DocxTemplate:
    if not path.is_file():
        raise TemplateError(
            f"{path}: templat tidak ditemukan. Salin templat bawaan dari folder templates/ zidocs "
            "(atau jalankan `zidocs init` di folder baru)."
        )
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a broken file
        raise TemplateError(f"{path}: templat tidak dapat dibuka sebagai DOCX ({exc}). Simpan ulang sebagai .docx.") from None
    return tpl


def _env() -> jinja2.Environment:
    # Strict: a variable the plan does not supply is an error, never a blank.
    # Autoescape: plan text with & < > " ' comes out literally, never as markup.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def _render(tpl: DocxTemplate, name: str, ctx: dict[str, Any]) -> bytes:
    try:
        tpl.render(_richify(ctx), jinja_env=_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"templat {name}: variabel {_undefined_name(exc)} tidak tersedia dari rencana. "
            "Perbaiki ejaan variabel di templat, atau lengkapi datanya di rencana."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"templat {name}: tanda templat tidak sah ({exc.message}). Periksa pasangan {{% … %}} dan {{{{ … }}}} di templat."
        ) from None
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    msg = str(exc.message or exc)
    # jinja2: "'x' is undefined" or "'dict object' has no attribute 'x'"
    if "has no attribute" in msg:
        return msg.split("has no attribute", 1)[1].strip()
    return msg.replace(" is undefined", "")


def _richify(value: Any) -> Any:
    if isinstance(value, Rich):
        return to_richtext(value)
    if isinstance(value, dict):
        return {k: _richify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_richify(v) for v in value]
    return value


def to_richtext(rich: Rich) -> RichText:
    rt = RichText()
    for run in rich.runs:
        rt.add(run.text, italic=run.italic or None)
    return rt
