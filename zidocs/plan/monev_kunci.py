"""How monev input files refer to indicators, and moving old files to it.

A monev file's ``indikator:`` mapping is keyed by the indicator's stable key
(``kunci``), so an entry stays with its indicator whatever is inserted,
deleted or moved in the plan. For the person editing the file, each key
line carries the printed ID (and target) in an end-of-line comment, and the
entry's first field ``teks:`` is the indicator's text when the entry was
written (``zidocs check`` warns when the plan's text has changed since)::

    indikator:
      i3f9c2b1e:  # I.1.1 · target: Maret Tahun 2026
        teks: Menerbitkan SK Tim Kerja/Kelompok Kerja
        realisasi: 100
        status: selesai

The ID comment is refreshed by ``zidocs monev init`` and ``zidocs migrasi``
(``segarkan_id``); it is never read. Files written before keys (keyed by ID)
are rewritten by ``migrasi_teks``: a text edit of the key lines only (every
other byte, comment and quote stays), so the file stays as the secretary
wrote it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from ruamel.yaml import YAML

from zidocs.plan.kunci import KUNCI_POLA, adalah_id
from zidocs.plan.models import Plan
from zidocs.plan.yamldoc import YamlDoc

_KEY_LINE = re.compile(r"^(?P<lead>\s*)(?P<key>[a-z][a-z0-9_-]{2,31}):(?P<mid>[^#\n]*#\s*)"
                       r"(?P<id>[IVX]+\.\d+\.\d+)(?![\w.])", re.MULTILINE)


def komentar_id(iid: str, target_waktu: str) -> str:
    """The end-of-line comment of an entry's key line."""
    return f"{iid} · target: {' '.join(target_waktu.split())}"


def segarkan_id(text: str, plan: Plan) -> str:
    """``text`` with the printed ID in each key line's comment made current."""
    by_kunci = plan.indikator_by_kunci()

    def fix(m: re.Match) -> str:
        ref = by_kunci.get(m.group("key"))
        if ref is None or ref.id == m.group("id"):
            return m.group(0)
        return f"{m.group('lead')}{m.group('key')}:{m.group('mid')}{ref.id}"

    return _KEY_LINE.sub(fix, text)


@dataclass
class MonevMigrasi:
    dipindah: list[tuple[str, str]] = field(default_factory=list)  # (ID, kunci)
    tertinggal: list[str] = field(default_factory=list)  # IDs not in the plan: left as they are


def _teks_line(indent: str, text: str) -> str:
    y = YAML(typ="rt")
    y.width = 1 << 16
    y.allow_unicode = True
    buf = io.StringIO()
    y.dump({"teks": " ".join(text.split())}, buf)
    return indent + buf.getvalue()


def migrasi_teks(text: str, doc: YamlDoc, plan: Plan) -> tuple[str, MonevMigrasi]:
    """An ID-keyed monev file's text with every entry keyed by its
    indicator's kunci (pure). An ID not in the plan is left as it is (check
    reports it); ``plan`` must have a key on every indicator."""
    result = MonevMigrasi()
    rows = doc.data.get("indikator") if isinstance(doc.data, dict) else None
    if not isinstance(rows, dict):
        return text, result
    by_id = {r.id: r for r in plan.indikator_list()}
    lines = text.splitlines(keepends=True)
    inserts: dict[int, str] = {}  # after line index → text
    for key, row in rows.items():
        if not adalah_id(key):
            continue
        ref = by_id.get(key)
        if ref is None or ref.kunci is None:
            result.tertinggal.append(key)
            continue
        n = doc.lines[("indikator", key)] - 1
        line = lines[n]
        m = re.match(rf"^(\s*)(['\"]?){re.escape(key)}\2:", line)
        if m is None:  # pragma: no cover - a key the composer placed elsewhere
            result.tertinggal.append(key)
            continue
        rest = line[m.end():]
        body = rest.rstrip("\n")
        if "#" not in body:
            body = body.rstrip() + "  # " + komentar_id(ref.id, ref.indikator.target_waktu)
        lines[n] = f"{m.group(1)}{ref.kunci}:{body}\n"
        if isinstance(row, dict) and "teks" not in row and row:
            first = min(doc.lines[("indikator", key, k)] for k in row) - 1
            if first > n:  # a block mapping: the text goes first, at its children's indent
                indent = re.match(r"^\s*", lines[first]).group(0)
                inserts[n] = _teks_line(indent, ref.indikator.indikator)
        elif row is None:
            inserts[n] = _teks_line(m.group(1) + "  ", ref.indikator.indikator)
        result.dipindah.append((key, ref.kunci))
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i in inserts:
            out.append(inserts[i])
    return "".join(out), result


def perlu_migrasi(doc: YamlDoc) -> bool:
    """The file keys some entry by printed ID (written before keys)."""
    rows = doc.data.get("indikator") if isinstance(doc.data, dict) else None
    return isinstance(rows, dict) and any(adalah_id(k) for k in rows)


__all__ = ["KUNCI_POLA", "MonevMigrasi", "komentar_id", "migrasi_teks", "perlu_migrasi", "segarkan_id"]
