""""Did you mean": the nearest names to a mistyped one, for every message
that suggests a fix (unknown key, id, kind, status, indicator)."""

from __future__ import annotations

import difflib
from typing import Iterable


def mirip(wanted: str, pilihan: Iterable[str], *, n: int = 1, cutoff: float = 0.6, awalan: bool = False) -> list[str]:
    """Up to ``n`` of ``pilihan`` closest to ``wanted``, best first. With
    ``awalan``, names that start with ``wanted`` come first (a name typed short)."""
    options = list(pilihan)
    if awalan:
        starts = [p for p in options if p.startswith(wanted)]
        if starts:
            return starts[:n]
    return difflib.get_close_matches(wanted, options, n=n, cutoff=cutoff)


def mungkin(nama: list[str]) -> str:
    """" Mungkin maksudnya `a`, `b`?" or nothing."""
    return f" Mungkin maksudnya {', '.join(f'`{c}`' for c in nama)}?" if nama else ""
