"""Several items in one table cell, written as numbered lines.

A Rencana Aksi cell (langkah aksi, bukti fisik) holds one text or several. In
the decree they print as "1) …", "2) …"; in a spreadsheet cell or another
office's table they arrive as lines numbered "1)", "1.", "a." or bulleted.
These two functions are the one place that turns one form into the other, so
the XLSX round trip and the import of foreign tables read cells alike.
"""

from __future__ import annotations

import re

# "1)", "1.", "(1)", "a)", "a.", "-", "•", "–" at the start of a line. A single
# letter before "." only when followed by a space, so "S.Kom" is not an item.
_PENANDA = re.compile(r"^\s*(?:\(?\d{1,2}[).]|\(?[a-z][).](?=\s)|[-•–·▪●])\s*")


def gabung_butir(value: str | list[str]) -> str:
    """The cell text for a plan value: one text as is, several as numbered lines."""
    if isinstance(value, str):
        return value
    if len(value) == 1:
        return value[0]
    return "\n".join(f"{i}) {t}" for i, t in enumerate(value, 1))


def pisah_butir(text: str) -> str | list[str]:
    """The plan value for a cell text: a list when the cell holds numbered lines.

    A line that does not start with a marker continues the item before it (a
    long step wrapped by hand), so no text is ever dropped. A cell with one
    unnumbered text stays a string; blank lines are ignored.
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    items: list[str] = []
    numbered = False
    for ln in lines:
        m = _PENANDA.match(ln)
        if m and ln[m.end():].strip():
            numbered = True
            items.append(ln[m.end():].strip())
        elif items:
            items[-1] = f"{items[-1]} {ln}"
        else:
            items.append(ln)
    if not numbered or len(items) == 1:
        return " ".join(items) if not numbered else items[0]
    return items
