"""What every command module of the CLI shares: the workspace from the root
command's --workspace, and date options."""

from __future__ import annotations

import datetime as dt

import typer

from zidocs.plan.workspace import Workspace


def workspace(ctx: typer.Context | None) -> Workspace:
    """The workspace the root command resolved (--workspace, ZIDOCS_WORKSPACE, cwd)."""
    obj = ctx.find_object(Workspace) if ctx is not None else None
    return obj if obj is not None else Workspace.resolve(None)


def parse_date(text: str | None, option: str) -> dt.date | None:
    """A TTTT-BB-HH option value; a usage error (exit 2) naming the option otherwise."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"“{text}” bukan tanggal TTTT-BB-HH, misalnya 2026-03-06.", param_hint=option) from None


def usage_error(message: str) -> typer.BadParameter:
    """A usage mistake that no single option causes (exit 2)."""
    return typer.BadParameter(message)
