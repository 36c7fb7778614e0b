"""Typer/click's own help words, in Bahasa Indonesia.

Typer has no locale switch for these strings; they are module constants and
one help-option text, so we set them once before the app is built.
"""

from __future__ import annotations

import typer.rich_utils as ru
from typer._click import core as _core
from typer._click import formatting as _fmt

ru.ARGUMENTS_PANEL_TITLE = "Argumen"
ru.OPTIONS_PANEL_TITLE = "Opsi"
ru.COMMANDS_PANEL_TITLE = "Perintah"
ru.ERRORS_PANEL_TITLE = "Galat"
ru.ABORTED_TEXT = "Dibatalkan."
ru.DEFAULT_STRING = "[bawaan: {}]"
ru.ENVVAR_STRING = "[variabel lingkungan: {}]"
ru.REQUIRED_LONG_STRING = "[wajib]"
ru.RICH_HELP = "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."

_orig_get_help_option = _core.Command.get_help_option


def _get_help_option(self, ctx):
    opt = _orig_get_help_option(self, ctx)
    if opt is not None:
        opt.help = "Tampilkan bantuan ini lalu keluar."
    return opt


_core.Command.get_help_option = _get_help_option

_orig_write_usage = _fmt.HelpFormatter.write_usage


def _write_usage(self, prog, args="", prefix=None):
    return _orig_write_usage(self, prog, args, prefix if prefix is not None else "Pemakaian: ")


_fmt.HelpFormatter.write_usage = _write_usage

_orig_usage_pieces = _core.Command.collect_usage_pieces
_USAGE_WORDS = {"[OPTIONS]": "[OPSI]", "COMMAND": "PERINTAH", "[ARGS]...": "[ARG]..."}


def _usage_pieces(self, ctx):
    return [" ".join(_USAGE_WORDS.get(w, w) for w in piece.split(" ")) for piece in _orig_usage_pieces(self, ctx)]


_core.Command.collect_usage_pieces = _usage_pieces

import typer.core as _tcore  # noqa: E402

_orig_group_pieces = _tcore.TyperGroup.collect_usage_pieces


def _group_usage_pieces(self, ctx):
    return [" ".join(_USAGE_WORDS.get(w, w) for w in piece.split(" ")) for piece in _orig_group_pieces(self, ctx)]


_tcore.TyperGroup.collect_usage_pieces = _group_usage_pieces


# --- usage errors -----------------------------------------------------------------
# Typer raises these with English text; the CLI prints them through
# usage_error_text() so a secretary reads what is wrong, in Indonesian.

import re as _re  # noqa: E402

from typer._click import exceptions as _exc  # noqa: E402

_VALUE_MESSAGES = (
    (_re.compile(r"valid integer"), "harus bilangan bulat, misalnya 2026"),
    (_re.compile(r"valid number|valid float"), "harus angka"),
    (_re.compile(r"valid boolean"), "harus true atau false"),
    (_re.compile(r"is not one of|Input should be (.+)"), None),
)


def _hint(exc) -> str:
    param_hint = getattr(exc, "param_hint", None)
    if param_hint is None and getattr(exc, "param", None) is not None:
        param_hint = exc.param.get_error_hint()
    if isinstance(param_hint, (list, tuple)):
        param_hint = " / ".join(str(p) for p in param_hint)
    return str(param_hint or "").replace("'", "")


def _message(exc) -> str:
    msg = exc.message or ""
    if isinstance(exc, _exc.MissingParameter):
        kind = "argumen" if getattr(getattr(exc, "param", None), "param_type_name", "") == "argument" else "opsi"
        return f"{kind} {_hint(exc)} wajib diisi."
    if isinstance(exc, _exc.NoSuchOption):
        close = sorted(exc.possibilities or [])
        extra = f" Mungkin maksudnya: {', '.join(close)}." if close else ""
        return f"opsi {exc.option_name} tidak dikenal.{extra}"
    if isinstance(exc, _exc.BadParameter):
        for pattern, idn in _VALUE_MESSAGES:
            if idn and pattern.search(msg):
                msg = idn
                break
        where = _hint(exc)
        return f"nilai {where} tidak sah: {msg}" if where else f"nilai tidak sah: {msg}"
    m = _re.match(r"No such command '(.+)'\.", msg)
    if m:
        return f"perintah “{m.group(1)}” tidak dikenal."
    m = _re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.+)\)", msg)
    if m:
        return f"argumen berlebih: {m.group(1)}."
    m = _re.match(r"Option '(.+)' does not take a value\.", msg)
    if m:
        return f"opsi {m.group(1)} tidak menerima nilai."
    m = _re.match(r"Option '(.+)' requires (.+)", msg)
    if m:
        return f"opsi {m.group(1)} memerlukan nilai."
    if msg == "Missing command.":
        return "perintah belum disebut."
    return msg


def usage_error_text(exc) -> str:
    """Usage line, a pointer to --help, and what went wrong — in Indonesian."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"Coba '{ctx.command_path} --help' untuk bantuan.")
    else:
        lines.append("Coba 'zidocs --help' untuk bantuan.")
    lines.append("")
    lines.append(f"zidocs: {_message(exc)}")
    return "\n".join(lines)
