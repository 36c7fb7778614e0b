"""Evidence store (bukti dukung): intake checks, content-addressed blobs, SQLite registry."""

from zidocs.bukti.intake import MEDIA, Intake, inspect_file, sniff
from zidocs.bukti.store import (
    AddResult,
    BuktiEntry,
    BuktiStore,
    RemoveResult,
    add_bukti,
    check_indikator,
    resolve_store_root,
)

__all__ = [
    "MEDIA",
    "AddResult",
    "BuktiEntry",
    "BuktiStore",
    "Intake",
    "RemoveResult",
    "add_bukti",
    "check_indikator",
    "inspect_file",
    "resolve_store_root",
    "sniff",
]
