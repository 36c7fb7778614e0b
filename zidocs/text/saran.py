""""Did you mean": the nearest names to a mistyped one, for every message
that suggests a fix (unknown key, id, kind, status, indicator)."""

from __future__ import annotations

import difflib
from typing import Iterable


def mirip(wanted: str, pilihan: Iterable[str], *, n: int = 1, cutoff: float = 0.6, awalan: bool = False,
          unik: bool = False) -> list[str]:
    """Up to ``n`` of ``pilihan`` closest to ``wanted``, best first. With
    ``awalan``, names that start with ``wanted`` come first (a name typed short).
    With ``unik``, one name or none: the nearest, only when no other is about
    as near (a typo between two people's ids must not name either)."""
    options = list(pilihan)
    if awalan:
        starts = [p for p in options if p.startswith(wanted)]
        if starts:
            return starts[:1] if unik and len(starts) == 1 else ([] if unik else starts[:n])
    if not unik:
        return difflib.get_close_matches(wanted, options, n=n, cutoff=cutoff)
    scored = sorted(((difflib.SequenceMatcher(None, wanted, o).ratio(), o) for o in options), reverse=True)
    scored = [(r, o) for r, o in scored if r >= cutoff]
    if not scored or (len(scored) > 1 and scored[0][0] - scored[1][0] < UNIK_SELISIH):
        return []
    return [scored[0][1]]


UNIK_SELISIH = 0.05  # the nearest must beat the next by this much of difflib's ratio


def mungkin(nama: list[str]) -> str:
    """" Mungkin maksudnya `a`, `b`?" or nothing."""
    return f" Mungkin maksudnya {', '.join(f'`{c}`' for c in nama)}?" if nama else ""
