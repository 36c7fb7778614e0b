"""Pages zidocs draws itself (dossier cover and index, placeholder pages):
paper sizes and the fonts reportlab draws them with."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from zidocs.office.lazy import lazy_import

pdfmetrics = lazy_import("reportlab.pdfbase.pdfmetrics")

MM = 72 / 25.4
A4 = (595.2756, 841.8898)
F4 = (215 * MM, 330 * MM)  # the paper Indonesian offices print on
KERTAS = {"F4": F4, "A4": A4}  # kantor.kertas in plan/kantor.yaml → page size

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str


@functools.cache
def fonts() -> Fonts:
    """DejaVu Serif (Debian fonts-dejavu: every script a file name may use), else Times."""
    from reportlab.pdfbase.ttfonts import TTFont

    files = {"ZiSerif": "DejaVuSerif.ttf", "ZiSerif-Bold": "DejaVuSerif-Bold.ttf",
             "ZiSerif-Italic": "DejaVuSerif-Italic.ttf"}
    if all((DEJAVU / f).is_file() for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, str(DEJAVU / f)))
        return Fonts("ZiSerif", "ZiSerif-Bold", "ZiSerif-Italic")
    return Fonts("Times-Roman", "Times-Bold", "Times-Italic")
