"""Every command is documented in the README, and its help is in Bahasa Indonesia."""

from __future__ import annotations

import re

import pytest
import typer

from zidocs.cli import app, run

from helpers import REPO


def command_paths(group=None, prefix=()):
    group = group or typer.main.get_command(app)
    for name, cmd in sorted(getattr(group, "commands", {}).items()):
        path = (*prefix, name)
        yield path
        yield from command_paths(cmd, path)


PATHS = list(command_paths())


def test_there_are_commands():
    assert ("check",) in PATHS and ("keputusan",) in PATHS and ("init",) in PATHS


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_every_command_is_in_the_readme(path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"zidocs {' '.join(path)}" in readme


ENGLISH = ("Show this message", "Usage:", "[OPTIONS]", "COMMAND", "Options", "Arguments", "Commands", "[default", "[required]")


@pytest.mark.parametrize("path", [(), *PATHS], ids=lambda p: " ".join(p) or "zidocs")
def test_help_is_in_indonesian(path, capsys):
    assert run([*path, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Pemakaian: zidocs" in out
    assert "Tampilkan bantuan ini lalu keluar." in out
    for word in ENGLISH:
        assert word not in out, (path, word)
    # the command's own description is Indonesian too (a few common words)
    assert re.search(r"\b(dan|dari|untuk|yang|di|ke|per|atau|rencana|tahun)\b", out, re.I)
