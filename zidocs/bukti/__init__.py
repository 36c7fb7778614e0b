"""Evidence store (bukti dukung): intake checks, content-addressed blobs, SQLite registry."""

from zidocs.bukti.intake import MEDIA, Intake, inspect_file, sniff
from zidocs.bukti.store import (
    AddResult,
    BuktiEntry,
    BuktiStore,
    EmptyResult,
    RemoveResult,
    SampahEntry,
    add_bukti,
    check_indikator,
    edit_bukti,
    move_bukti,
    resolve_store_root,
    tanggal_bukti,
)

__all__ = [
    "MEDIA",
    "AddResult",
    "BuktiEntry",
    "BuktiStore",
    "Intake",
    "EmptyResult",
    "RemoveResult",
    "SampahEntry",
    "add_bukti",
    "check_indikator",
    "edit_bukti",
    "move_bukti",
    "tanggal_bukti",
    "inspect_file",
    "resolve_store_root",
    "sniff",
]
