"""Embedded Type 1 fonts without the converter's run counter.

LibreOffice embeds TeX Gyre Bonum as Type 1 and writes a ``/UniqueID`` taken
from a counter that lives as long as the soffice process (4100000 + n), in
the clear part and in the eexec-encrypted part of the font program. The same
document therefore gets different bytes depending on how many fonts the
process embedded before it: second in a batch, or on a warm converter.
``normalise_type1`` rewrites the ID to a value derived from the font program
itself (same 7 digits, so /Length1 and /Length2 stay true).
"""

from __future__ import annotations

import hashlib
import re

from zidocs.office.lazy import lazy_import

pikepdf = lazy_import("pikepdf")
eexec = lazy_import("fontTools.misc.eexec")

_UID = re.compile(rb"/UniqueID (\d{7}) def")
_EEXEC_KEY = 55665  # Type 1 eexec encryption key (Adobe Type 1 Font Format, 7.2)


def _stable_uid(clear: bytes, plain: bytes) -> bytes:
    zeroed = _UID.sub(b"/UniqueID 0000000 def", clear) + _UID.sub(b"/UniqueID 0000000 def", plain)
    return b"%07d" % (4000000 + int.from_bytes(hashlib.sha256(zeroed).digest()[:8], "big") % 1000000)


def normalise_type1(pdf) -> int:
    """Give every embedded Type 1 font of ``pdf`` (a pikepdf.Pdf) a /UniqueID
    derived from its own program; returns how many fonts were rewritten."""
    n = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/FontDescriptor":
            continue
        ff = obj.get("/FontFile")
        if not isinstance(ff, pikepdf.Stream):
            continue
        data = ff.read_bytes()
        l1, l2 = int(ff.get("/Length1", 0)), int(ff.get("/Length2", 0))
        if not l1 or not l2:
            continue
        clear, enc, rest = data[:l1], data[l1:l1 + l2], data[l1 + l2:]
        plain, _ = eexec.decrypt(enc, _EEXEC_KEY)
        if not (_UID.search(clear) or _UID.search(plain)):
            continue
        uid = b"/UniqueID " + _stable_uid(clear, plain) + b" def"
        clear2, plain2 = _UID.sub(uid, clear), _UID.sub(uid, plain)
        enc2, _ = eexec.encrypt(plain2, _EEXEC_KEY)
        if len(clear2) != l1 or len(enc2) != l2:  # cannot happen with 7 digits; never corrupt a font
            continue
        ff.write(clear2 + enc2 + rest)
        n += 1
    return n
