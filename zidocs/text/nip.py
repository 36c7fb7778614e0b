"""NIP (Nomor Induk Pegawai) as official documents print it.

One style across decrees, SK Lampiran and monev reports: the label ``NIP``
without a full stop, then the 18 digits in BKN's groups — date of birth
(8), TMT CPNS (6), sex (1), serial (3): ``NIP 19730512 199803 1 004``.
Tata Naskah Dinas examples (Permen PANRB 80/2012 and the instansi pedoman
that follow it) write the label without a stop; offices that write
``NIP.`` can change the label in the templates. The groups are joined by
no-break spaces so a NIP never wraps inside a narrow cell.
"""

from __future__ import annotations

NBSP = "\u00a0"
LABEL = "NIP"
_GROUPS = (8, 6, 1, 3)


def format_nip(nip: str | None) -> str:
    """``"197305121998031004"`` → ``"19730512 199803 1 004"`` (no-break
    spaces); anything that is not 18 digits (spaces ignored) as written —
    `zidocs check` warns about those (NIP-FORMAT)."""
    if not nip:
        return ""
    digits = "".join(nip.split())
    if not (digits.isdigit() and len(digits) == sum(_GROUPS)):
        return nip.strip()
    out, pos = [], 0
    for n in _GROUPS:
        out.append(digits[pos:pos + n])
        pos += n
    return NBSP.join(out)


def nip_line(nip: str | None) -> str:
    """``"NIP 19730512 199803 1 004"``, or "" without a NIP."""
    text = format_nip(nip)
    return f"{LABEL}{NBSP}{text}" if text else ""
