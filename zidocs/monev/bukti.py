"""Evidence dates per indicator, read from the evidence registry, read-only.

Monev only needs to know *when* each indicator's evidence was added. Where
the store is comes from the evidence store itself
(``zidocs.bukti.store.resolve_store_root``: ``--bukti``, ``$ZIDOCS_BUKTI``,
``<workspace>/bukti``); the dates are read here with one query on the
registry's table ``bukti(tahun, indikator, ditambahkan)`` (``ditambahkan``:
ISO 8601, UTC), opened read-only (``mode=ro``): monev never writes, locks or
creates the store, not even an empty registry (``BuktiStore.open`` and
``BuktiStore.entries`` would create one). :func:`baca_tanggal_bukti` is the
one function to swap if the registry changes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Mapping

from zidocs.bukti.store import REGISTRY, resolve_store_root
from zidocs.errors import BuktiError

TanggalBukti = Mapping[str, tuple[dt.date, ...]]  # indicator kunci → dates added, sorted


def store_root(workspace_root: Path, option: Path | None = None) -> Path:
    """Where the evidence store is, as `zidocs bukti` finds it."""
    return Path(resolve_store_root(Path(workspace_root), option))


def baca_tanggal_bukti(root: Path, tahun: int, *, tz: dt.tzinfo | None = None) -> dict[str, tuple[dt.date, ...]]:
    """Per indicator key (kunci), the local dates (``tz``; default: this computer's
    time zone) on which each evidence file of ``tahun`` was added. No store
    yet means no evidence: an empty mapping."""
    db = Path(root) / REGISTRY
    if not db.is_file():
        return {}
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise BuktiError(f"Registri bukti {db} tidak dapat dibuka untuk dibaca: {exc}.") from None
    try:
        rows = con.execute(
            "SELECT indikator, ditambahkan FROM bukti WHERE tahun = ? ORDER BY indikator, ditambahkan", (tahun,)
        ).fetchall()
    except sqlite3.Error as exc:
        raise BuktiError(
            f"Registri bukti {db} tidak terbaca ({exc}). Periksa penyimpanan bukti dengan `zidocs bukti list`."
        ) from None
    finally:
        con.close()
    out: dict[str, list[dt.date]] = {}
    for indikator, ditambahkan in rows:
        out.setdefault(str(indikator), []).append(tanggal_lokal(str(ditambahkan), tz))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def tanggal_lokal(iso: str, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar date of an ISO 8601 timestamp in ``tz`` (default: local).
    A timestamp without offset is taken as UTC, as the registry writes."""
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        raise BuktiError(
            f"Registri bukti memuat waktu penambahan yang tidak sah: “{iso}”. Periksa penyimpanan bukti."
        ) from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.astimezone(tz).date()
