"""Roman numerals as decrees write them: areas I–VI, BAB I, II, …, LAMPIRAN I."""

from __future__ import annotations

ROMAN: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
