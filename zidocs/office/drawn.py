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
    bold_italic: str


@functools.cache
def fonts() -> Fonts:
    """DejaVu Serif (Debian fonts-dejavu: every script a file name may use), else Times."""
    from reportlab.pdfbase.ttfonts import TTFont

    files = {"ZiSerif": "DejaVuSerif.ttf", "ZiSerif-Bold": "DejaVuSerif-Bold.ttf",
             "ZiSerif-Italic": "DejaVuSerif-Italic.ttf", "ZiSerif-BoldItalic": "DejaVuSerif-BoldItalic.ttf"}
    if all((DEJAVU / f).is_file() for f in files.values()):
        for name, f in files.items():
            pdfmetrics.registerFont(TTFont(name, str(DEJAVU / f)))
        return Fonts("ZiSerif", "ZiSerif-Bold", "ZiSerif-Italic", "ZiSerif-BoldItalic")
    return Fonts("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic")


@dataclass(frozen=True)
class SimpleTrueType:
    """A TrueType font cut down to the WinAnsi characters, ready to embed as a
    simple font (for text written straight into content streams: page stamps)."""

    base_font: str  # PostScript name with a subset tag
    program: bytes  # the FontFile2 stream
    first_char: int
    widths: tuple[int, ...]  # FirstChar … 255, in 1/1000 em
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int


WINANSI_CODES = tuple(c for c in range(32, 256) if c not in (0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D))


@functools.cache
def winansi_truetype(path: Path = DEJAVU / "DejaVuSans.ttf") -> SimpleTrueType | None:
    """``path`` subset to the WinAnsi characters (deterministic bytes); None if not installed."""
    if not path.is_file():
        return None
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = [bytes([c]).decode("cp1252") for c in WINANSI_CODES]
    font = TTFont(str(path), recalcTimestamp=False, lazy=True)  # same bytes, 6× faster: tables read as needed
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern", "MATH"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = []
    for code in range(32, 256):
        glyph = cmap.get(ord(bytes([code]).decode("cp1252", "replace")))
        widths.append(round(hmtx[glyph][0] * scale) if glyph and code in WINANSI_CODES else 0)
    head, os2 = font["head"], font["OS/2"]
    name = font["name"].getDebugName(6) or "DejaVuSans"
    return SimpleTrueType(
        base_font="ZIDOCS+" + name,
        program=buf.getvalue(),
        first_char=32,
        widths=tuple(widths),
        bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
        ascent=round(font["hhea"].ascent * scale),
        descent=round(font["hhea"].descent * scale),
        cap_height=round(getattr(os2, "sCapHeight", 0) * scale) or 700,
    )
