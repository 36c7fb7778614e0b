"""Write one indicator's monev entry, or the period's meeting data (``rapat:``),
into plan/<tahun>/monev-<PERIODE>.yaml.

For the web forms: the page shows the values with a *token* (the sha256 of the
file as read); saving compares the token with the file on disk under a lock,
so an edit made meanwhile from another browser or on disk is refused, never
overwritten. The file is edited round trip (comments, order and quoting
kept) and replaced atomically.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import io
from dataclasses import dataclass
from typing import Callable
from decimal import Decimal, InvalidOperation

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from zidocs.errors import InputError, aksi
from zidocs.office import atomic
from zidocs.monev.init import URUTAN_KUNCI, _insert_key
from zidocs.plan.monev_files import TENGGANG, monev_path, rel_path
from zidocs.plan.periode import normalisasi_kode
from zidocs.plan.periode import periode as periode_tahun
from zidocs.text.tanggal import format_tanggal
from zidocs.plan.workspace import Workspace

STATUS = ("belum", "proses", "selesai")
FIELDS = ("realisasi", "status", "kendala", "tindak_lanjut", "catatan")


class IsianBerubah(InputError):
    """The monev file changed since the form was opened; nothing was written."""


@dataclass(frozen=True)
class Isian:
    periode: str
    indikator: str
    realisasi: str  # as text for the form ("" when not filled)
    status: str
    kendala: str
    tindak_lanjut: str
    catatan: str
    token: str  # sha256 of the file as read
    berkas: str  # relative to the workspace


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.allow_unicode = True
    y.preserve_quotes = True
    return y


def _path(ws: Workspace, tahun: int, periode: str):
    path = monev_path(ws, tahun, periode)
    if not path.is_file():
        raise InputError(f"{rel_path(ws, path)}: isian monev {normalisasi_kode(periode)} belum ada; "
                         f"siapkan dulu ({aksi('monev-init', tahun, normalisasi_kode(periode))}).")
    return path


def _load(raw: bytes, rel: str):
    try:
        data = _yaml().load(raw.decode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - ruamel raises many kinds
        raise InputError(f"{rel}: bukan YAML yang sah ({exc}); perbaiki berkasnya dulu.") from None
    if not isinstance(data, CommentedMap):
        raise InputError(f"{rel}: isinya bukan pemetaan YAML; perbaiki berkasnya dulu.")
    return data


def baca_isian(ws: Workspace, tahun: int, periode: str, indikator: str) -> Isian:
    path = _path(ws, tahun, periode)
    raw = path.read_bytes()
    data = _load(raw, rel_path(ws, path))
    entry = (data.get("indikator") or {}).get(indikator) or {}
    real = entry.get("realisasi")
    return Isian(normalisasi_kode(periode), indikator, "" if real is None else str(real),
                 str(entry.get("status") or ""), str(entry.get("kendala") or ""),
                 str(entry.get("tindak_lanjut") or ""), str(entry.get("catatan") or ""),
                 hashlib.sha256(raw).hexdigest(), rel_path(ws, path))


def _realisasi(text: str, rel: str):
    text = text.strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(f"{rel}: realisasi “{text}” bukan angka; tulis 0 sampai 100.") from None
    if not 0 <= value <= 100:
        raise InputError(f"{rel}: realisasi {text} di luar 0–100.")
    return int(value) if value == value.to_integral_value() else float(value)


def simpan_isian(ws: Workspace, tahun: int, periode: str, indikator: str, nilai: dict[str, str],
                 token: str, *, teks: str | None = None) -> Isian:
    """Write ``nilai`` (the form's fields) for ``indikator`` (its kunci) if the file is still as read
    (``token``). A new entry records ``teks``, the indicator's text, as `monev init` does."""
    path = _path(ws, tahun, periode)
    rel = rel_path(ws, path)
    realisasi = _realisasi(nilai.get("realisasi", ""), rel)
    status = nilai.get("status", "").strip()
    if status and status not in STATUS:
        raise InputError(f"{rel}: status “{status}” tidak dikenal; pilih {', '.join(STATUS)}.")

    def ubah(data: CommentedMap) -> None:
        semua = data.get("indikator")
        if semua is None:
            semua = data["indikator"] = CommentedMap()
        entry = semua.get(indikator)
        if entry is None:
            entry = semua[indikator] = CommentedMap()
            if teks:
                entry["teks"] = teks
        for key in FIELDS:
            value = realisasi if key == "realisasi" else status if key == "status" else nilai.get(key, "").strip()
            if value is None or value == "":
                if key in ("realisasi", "status"):
                    entry.pop(key, None)
                    continue
                value = ""
            entry[key] = value

    _tulis(path, rel, token, ubah)
    return baca_isian(ws, tahun, periode, indikator)


def _tulis(path, rel: str, token: str, ubah: Callable[[CommentedMap], None]) -> None:
    """Apply ``ubah`` to the file's YAML and replace it atomically, if the file is still
    the one the form was made from (``token``); else IsianBerubah and nothing written."""
    with open(path, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # one writer at a time; the lock dies with the process
        raw = fh.read()
        if hashlib.sha256(raw).hexdigest() != token:
            raise IsianBerubah(
                f"{rel} telah diubah (dari peramban lain atau langsung di disk) sejak formulir ini dibuka; "
                "isian Anda tidak disimpan dan tidak ada yang ditimpa. Muat ulang halaman, periksa "
                "perubahannya, lalu isi lagi.")
        data = _load(raw, rel)
        ubah(data)
        buf = io.StringIO()
        _yaml().dump(data, buf)
        atomic.write_text(path, buf.getvalue())


# --- the period's meeting (rapat:) ------------------------------------------------------------

RAPAT = ("tanggal", "tempat", "pimpinan", "jabatan_pimpinan", "peserta")


@dataclass(frozen=True)
class IsianRapat:
    periode: str
    tanggal: str  # TTTT-BB-HH, "" when empty
    tempat: str
    pimpinan: str
    jabatan_pimpinan: str
    peserta: str
    token: str  # sha256 of the file as read
    berkas: str  # relative to the workspace


def _teks(value) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


def baca_rapat(ws: Workspace, tahun: int, periode: str) -> IsianRapat:
    path = _path(ws, tahun, periode)
    raw = path.read_bytes()
    data = _load(raw, rel_path(ws, path))
    rapat = data.get("rapat")
    rapat = rapat if isinstance(rapat, dict) else {}
    return IsianRapat(normalisasi_kode(periode), *(_teks(rapat.get(k)) for k in RAPAT),
                      hashlib.sha256(raw).hexdigest(), rel_path(ws, path))


def nilai_rapat(nilai: dict[str, str], tahun: int, periode: str, rel: str) -> dict:
    """The form's text fields as the values the file holds (None: empty), checked as
    `check` would: a date inside the period, a whole number of attendees."""
    out: dict = {}
    for key in RAPAT:
        out[key] = " ".join(str(nilai.get(key, "")).split()) or None
    if out["tanggal"] is not None:
        try:
            tanggal = dt.date.fromisoformat(out["tanggal"])
        except ValueError:
            raise InputError(f"{rel}: tanggal rapat “{out['tanggal']}” bukan tanggal; tulis TTTT-BB-HH, "
                             "mis. 2026-03-30.") from None
        per = periode_tahun(normalisasi_kode(periode), tahun)
        batas = per.akhir + TENGGANG
        if not per.awal <= tanggal <= batas:
            raise InputError(f"{rel}: tanggal rapat {format_tanggal(tanggal)} di luar {per.judul} ({per.rentang}); "
                             f"tulis tanggal antara {format_tanggal(per.awal)} dan {format_tanggal(batas)}.")
        out["tanggal"] = tanggal
    if out["peserta"] is not None:
        try:
            peserta = int(out["peserta"])
        except ValueError:
            raise InputError(f"{rel}: jumlah peserta rapat “{out['peserta']}” bukan bilangan bulat.") from None
        if peserta < 1:
            raise InputError(f"{rel}: jumlah peserta rapat paling sedikit 1.")
        out["peserta"] = peserta
    return out


def simpan_rapat(ws: Workspace, tahun: int, periode: str, nilai: dict[str, str], token: str) -> IsianRapat:
    """Write the meeting data ``nilai`` (the form's fields; empty clears one) into ``rapat:``
    if the file is still as read (``token``). Other keys of ``rapat:`` and their comments stay."""
    path = _path(ws, tahun, periode)
    rel = rel_path(ws, path)
    values = nilai_rapat(nilai, tahun, periode, rel)

    def ubah(data: CommentedMap) -> None:
        rapat = data.get("rapat")
        if not isinstance(rapat, CommentedMap):
            rapat = CommentedMap()
            if "rapat" in data:
                data["rapat"] = rapat
            else:
                _insert_key(data, "rapat", rapat, URUTAN_KUNCI)
        for key in RAPAT:
            rapat[key] = values[key]

    _tulis(path, rel, token, ubah)
    return baca_rapat(ws, tahun, periode)
