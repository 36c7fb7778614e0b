"""Stable indicator keys (`kunci:`) in plan/<tahun>/rencana-aksi.yaml.

The printed ID of an indicator (``V.2.3``) is its position: area, komponen,
place within the komponen. It changes when an indicator is inserted, deleted
or moved, so nothing that must stay attached to an indicator (evidence rows,
monev entries) may store it. They store the indicator's ``kunci`` instead: a
short name written once into the plan next to the indicator and never
changed by zidocs afterwards.

Format (``KUNCI_POLA``): a lowercase letter, then 2–31 lowercase letters,
digits, ``-`` or ``_``. It is safe unquoted in YAML and can never be taken
for a printed ID (those begin with an uppercase Roman numeral). zidocs
writes ``i`` + 8 hexadecimal digits of the SHA-256 of the indicator's text
(e.g. ``kunci: i3f9c2b1e``; on a collision, of the text plus a counter), so
the same plan always gets the same keys; a person may write a readable key of
the same format instead (``kunci: sk-tim-kerja``).

Keys are written with ruamel.yaml's round-trip mode (comments, quotes and
order kept, the new key first in its indicator) and atomically; when the
file's indentation cannot be reproduced exactly the keys are still written
and the result says the file was re-indented.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from zidocs.errors import InputError
from zidocs.office import atomic
from zidocs.plan.models import Plan
from zidocs.plan.workspace import Workspace
from zidocs.text.markup import plain

KUNCI_POLA = re.compile(r"^[a-z][a-z0-9_-]{2,31}$")
ID_POLA = re.compile(r"^[IVX]+\.\d+\.\d+$")  # a printed ID: I.1.1 … VI.9.9
RENCANA_AKSI_FILE = "rencana-aksi.yaml"

# (mapping, sequence, offset) styles tried, first the one zidocs writes.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 4, 0), (4, 4, 0))


def sah(kunci: object) -> bool:
    """``kunci`` is a valid key (format above)."""
    return isinstance(kunci, str) and bool(KUNCI_POLA.match(kunci))


def adalah_id(text: object) -> bool:
    """``text`` is a printed indicator ID (the reference format before keys)."""
    return isinstance(text, str) and bool(ID_POLA.match(text))


def buat_kunci(teks: str, dipakai: set[str]) -> str:
    """The key zidocs writes for an indicator with text ``teks``: deterministic,
    never one in ``dipakai``."""
    base = " ".join(plain(teks).split()).casefold()
    n = 0
    while True:
        seed = base if n == 0 else f"{base}\x00{n}"
        kunci = "i" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8]
        if kunci not in dipakai:
            return kunci
        n += 1


def teks_indikator(teks: str) -> str:
    """The indicator text as compared for "changed since attached": the
    printed text, whitespace collapsed (a re-wrapped line is no change)."""
    return " ".join(plain(teks).split())


@dataclass
class KunciResult:
    path: Path
    ditulis: list[tuple[str, str]] = field(default_factory=list)  # (printed ID, new kunci)
    dirapikan: bool = False  # the file's indentation could not be kept exactly

    @property
    def berubah(self) -> bool:
        return bool(self.ditulis)


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    y.width = 1 << 16  # never fold a long text
    y.allow_unicode = True
    y.preserve_quotes = True
    return y


def _dump(y: YAML, data: Any) -> str:
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue()


def _indikator_maps(root: Any) -> Iterable[tuple[str, CommentedMap]]:
    """(printed ID, indicator mapping) in plan order, as the model numbers them."""
    for area in root.get("area") or [] if isinstance(root, dict) else []:
        if not isinstance(area, dict):
            continue
        for komp in area.get("komponen") or []:
            if not isinstance(komp, dict):
                continue
            for i, ind in enumerate(komp.get("indikator") or [], start=1):
                if isinstance(ind, CommentedMap):
                    yield f"{area.get('kode')}.{komp.get('no')}.{i}", ind


def muat_rt(text: str, rel: str = RENCANA_AKSI_FILE) -> tuple[YAML, Any, bool]:
    """``text`` loaded round trip with the indentation style that dumps it back
    byte for byte: (yaml, root, rapi). ``rapi`` False: no style reproduces the
    file exactly, and a dump re-indents it (for edits such as the
    spreadsheet import, which must change nothing it was not asked to)."""
    for indent in _INDENTS:
        y = _yaml(indent)
        try:
            root = y.load(text)
        except Exception as exc:  # noqa: BLE001 - the loader's own messages come from `check`
            raise InputError(f"{rel}: berkas tidak dapat dibaca sebagai YAML ({exc}); perbaiki dulu "
                             "galat yang dilaporkan pemeriksaan rencana.") from None
        if _dump(y, root) == text:
            return y, root, True
    y = _yaml(_INDENTS[0])
    return y, y.load(text), False


def dump_rt(y: YAML, data: Any) -> str:
    """``data`` dumped by ``y`` (from :func:`muat_rt`) as text."""
    return _dump(y, data)


def lengkapi_teks(text: str, rel: str = RENCANA_AKSI_FILE) -> tuple[str, KunciResult]:
    """``text`` of a rencana-aksi.yaml with a ``kunci:`` for every indicator
    that has none (pure). The result lists the keys written."""
    result = KunciResult(Path(rel))
    y, root, rapi = muat_rt(text, rel)
    result.dirapikan = not rapi
    maps = list(_indikator_maps(root))
    dipakai = {str(m["kunci"]) for _, m in maps if "kunci" in m}
    for iid, m in maps:
        if "kunci" in m and m["kunci"] not in (None, ""):
            continue
        kunci = buat_kunci(str(m.get("indikator", "")), dipakai)
        dipakai.add(kunci)
        if "kunci" in m:
            m["kunci"] = kunci
        else:
            m.insert(0, "kunci", kunci)
        result.ditulis.append((iid, kunci))
    if not result.ditulis:
        result.dirapikan = False
        return text, result
    return _dump(y, root), result


def lengkapi_kunci(ws: Workspace, tahun: int) -> KunciResult:
    """Write a ``kunci:`` for every indicator of plan/<tahun>/rencana-aksi.yaml
    that has none (atomic; the file is untouched when every indicator has one)."""
    path = ws.year_dir(tahun) / RENCANA_AKSI_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: berkas tidak dapat dibaca ({exc}).") from None
    new, result = lengkapi_teks(text, str(path.relative_to(ws.root)) if path.is_relative_to(ws.root) else str(path))
    result.path = path
    if new != text:
        atomic.write_text(path, new)
    return result


def perlu_kunci(plan: Plan) -> bool:
    """Some indicator of the plan has no key yet."""
    return any(r.kunci is None for r in plan.indikator_list())
