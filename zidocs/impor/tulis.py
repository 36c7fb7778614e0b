"""The imported table as plan/<tahun>/rencana-aksi.yaml: text (pure), then an
atomic write that never replaces an existing plan unless asked."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from zidocs.errors import InputError, aksi
from zidocs.impor.tabel import Bacaan
from zidocs.office import atomic
from zidocs.plan.kunci import RENCANA_AKSI_FILE, buat_kunci, sah
from zidocs.plan.workspace import Workspace

FIELDS = ("kunci", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu")


def judul_bawaan(tahun: int) -> list[str]:
    return [f"RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS TAHUN {tahun}"]


def data_rencana(bacaan: Bacaan, tahun: int) -> dict:
    """The rencana-aksi.yaml data: every indicator with a ``kunci`` (a valid
    one from a KUNCI column kept, the others made from the indicator text as
    zidocs always makes them, in plan order)."""
    inds = [i for a in bacaan.area for k in a["komponen"] for i in k["indikator"]]
    dipakai: set[str] = set()
    for ind in inds:
        if sah(ind.get("kunci")) and ind["kunci"] not in dipakai:
            dipakai.add(ind["kunci"])
        else:
            ind.pop("kunci", None)
    for ind in inds:
        if "kunci" not in ind:
            ind["kunci"] = buat_kunci(ind["indikator"], dipakai)
            dipakai.add(ind["kunci"])
    area = []
    for a in bacaan.area:
        komponen = []
        for k in a["komponen"]:
            komponen.append({"no": k["no"], "nama": k["nama"],
                             "indikator": [{f: i[f] for f in FIELDS} for i in k["indikator"]]})
        area.append({"kode": a["kode"], "nama": a["nama"], "komponen": komponen})
    return {"judul": list(bacaan.judul) or judul_bawaan(tahun), "area": area}


def _rt(value):
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _rt(v)
        return m
    if isinstance(value, list):
        return CommentedSeq(_rt(v) for v in value)
    return value


def yaml_teks(data: dict, sumber: str) -> str:
    """The YAML text of ``data``, read back to make sure YAML's quoting kept
    every text exactly (a ``#`` or a leading ``*`` would otherwise change it)."""
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 1 << 16
    y.allow_unicode = True
    buf = io.StringIO()
    y.dump(_rt(data), buf)
    head = (f"# Rencana Aksi diimpor dari {sumber}.\n"
            "# Periksa isinya dengan tabel aslinya, terutama baris yang dilaporkan saat impor.\n")
    text = head + buf.getvalue()
    back = YAML(typ="safe").load(text)
    if back != data:  # pragma: no cover - a ruamel.yaml quoting bug would show here
        raise InputError(f"{sumber}: hasil impor tidak dapat ditulis sebagai YAML tanpa mengubah teksnya.")
    return text


def tujuan(ws: Workspace, tahun: int) -> Path:
    return ws.year_dir(tahun) / RENCANA_AKSI_FILE


def tulis(ws: Workspace, tahun: int, text: str, *, timpa: bool) -> Path:
    """Write plan/<tahun>/rencana-aksi.yaml atomically; refuse to replace one
    that exists unless ``timpa``."""
    path = tujuan(ws, tahun)
    rel = path.relative_to(ws.root) if path.is_relative_to(ws.root) else path
    if path.exists() and not timpa:
        raise InputError(
            f"{rel}: sudah ada; tidak ditimpa. Impor ke tahun lain dengan {aksi('opsi', 'tahun')} TAHUN, atau "
            f"ganti rencana itu dengan {aksi('opsi', 'timpa')} (isinya yang lama hilang; bukti dan isian monev "
            "yang merujuk kuncinya akan dilaporkan pemeriksaan rencana).")
    atomic.write_text(path, text)
    return path
