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
