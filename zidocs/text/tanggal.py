"""Indonesian dates as printed in official documents: "6 Maret 2026"."""

from __future__ import annotations

import datetime as dt

from zidocs.text.target_waktu import NAMA_BULAN


def format_tanggal(d: dt.date) -> str:
    return f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}"
