"""Filling DOCX templates with docxtpl, the same way for every document:
strict undefined variables, autoescaping, italics as rich text.

Decrees (zidocs.keputusan) and reports (zidocs.monev) both render here.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import jinja2

from zidocs.errors import TemplateError
from zidocs.office.lazy import lazy_import
from zidocs.text.markup import Rich


docxtpl = lazy_import("docxtpl")  # python-docx + lxml: loaded when a document is made


def load_template(path: Path, *, missing_hint: str) -> "docxtpl.DocxTemplate":
    """Open a template; TemplateError (with ``missing_hint`` on how to get it back)
    when it is missing or not a DOCX."""
    if not path.is_file():
        raise TemplateError(f"{path}: templat tidak ditemukan. {missing_hint}")
    try:
        tpl = docxtpl.DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a broken file
        raise TemplateError(f"{path}: templat tidak dapat dibuka sebagai DOCX ({exc}). Simpan ulang sebagai .docx.") from None
    return tpl


def _env() -> jinja2.Environment:
    # Strict: a variable the plan does not supply is an error, never a blank.
    # Autoescape: plan text with & < > " ' comes out literally, never as markup.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_template(tpl: "docxtpl.DocxTemplate", name: str, ctx: dict[str, Any]) -> bytes:
    """Render ``ctx`` (``Rich`` values become italics-aware RichText) into
    ``tpl``; the DOCX bytes, not yet normalised."""
    try:
        tpl.render(richify(ctx), jinja_env=_env(), autoescape=True)
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


def richify(value: Any) -> Any:
    if isinstance(value, Rich):
        return to_richtext(value)
    if isinstance(value, dict):
        return {k: richify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [richify(v) for v in value]
    return value


def to_richtext(rich: Rich) -> "docxtpl.RichText":
    rt = docxtpl.RichText()
    for run in rich.runs:
        rt.add(run.text, italic=run.italic or None)
    return rt
