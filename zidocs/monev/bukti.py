"""Evidence dates per indicator, read from the evidence registry, read-only.

Monev only needs to know *when* each indicator's evidence was added. Where
the store is comes from the evidence store itself
(``zidocs.bukti.store.resolve_store_root``: ``--bukti``, ``$ZIDOCS_BUKTI``,
``<workspace>/bukti``), and so does the query
(``zidocs.bukti.store.tanggal_bukti``: the activity date when given, else the
date added; read-only, ``mode=ro``): monev never writes, locks or creates the
store, not even an empty registry. :func:`baca_tanggal_bukti` is the one
function monev calls.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Mapping

from zidocs.bukti.store import resolve_store_root, tanggal_bukti
from zidocs.errors import BuktiError

TanggalBukti = Mapping[str, tuple[dt.date, ...]]  # indicator kunci → dates added, sorted


def store_root(workspace_root: Path, option: Path | None = None) -> Path:
    """Where the evidence store is, as `zidocs bukti` finds it."""
    return Path(resolve_store_root(Path(workspace_root), option))


def baca_tanggal_bukti(root: Path, tahun: int, *, tz: dt.tzinfo | None = None) -> dict[str, tuple[dt.date, ...]]:
    """Per indicator key (kunci), the effective date of each evidence file of ``tahun`` in
    force: its activity date (``bukti add --tanggal``) if given, else the local
    date (``tz``; default: this computer's zone) on which it was added. Removed
    evidence does not count. No store yet means no evidence: an empty mapping.
    Read-only; the evidence store owns the query (:func:`zidocs.bukti.store.tanggal_bukti`)."""
    return tanggal_bukti(root, tahun, tz=tz)


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
