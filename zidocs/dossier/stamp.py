"""Page stamps: geometry (pure) and the content stream that draws them.

The stamp sits in a band along the page's *visual* bottom edge, i.e. after
/Rotate is applied. For evidence pages the band is added outside the visible
area (the CropBox grows by the band, the MediaBox grows to contain it), so the
stamp can never cover content; the band is painted white first, which also
hides anything that lay outside the old CropBox. Text is drawn through a
matrix that undoes /Rotate, so it reads upright in every viewer.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from zidocs.office.drawn import winansi_truetype

FONT_RESOURCE = "/ZiStamp"
FONT_BASE = "Helvetica"  # base-14, used only when DejaVu Sans is not installed (then not PDF/A)
BAND = 18.0  # points, for an A4-sized page
FONT_SIZE = 8.0
BASELINE = 6.0

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class StampGeometry:
    mediabox: Rect
    cropbox: Rect
    rotate: int
    content: bytes  # to append after the page's own content (wrapped in q … Q)


def normalize(rect) -> Rect:
    x1, y1, x2, y2 = (float(v) for v in rect)
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def normalize_rotate(value) -> int:
    try:
        rot = int(value)
    except (TypeError, ValueError):
        return 0
    return rot % 360 if rot % 90 == 0 else 0


def _intersect(a: Rect, b: Rect) -> Rect:
    r = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return r if r[0] < r[2] and r[1] < r[3] else a


def display_matrix(crop: Rect, rotate: int) -> tuple[float, ...]:
    """Matrix mapping display coordinates (origin at the visual bottom-left,
    upright) to user space, for a page showing ``crop`` turned by ``rotate``."""
    llx, lly, urx, ury = crop
    return {
        0: (1, 0, 0, 1, llx, lly),
        90: (0, 1, -1, 0, urx, lly),
        180: (-1, 0, 0, -1, urx, ury),
        270: (0, -1, 1, 0, llx, ury),
    }[rotate]


def display_size(crop: Rect, rotate: int) -> tuple[float, float]:
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    return (h, w) if rotate in (90, 270) else (w, h)


def scale_for(crop: Rect, rotate: int) -> float:
    """Stamp scale: 1 on A4/F4/Letter, larger on posters, smaller on slips."""
    w, h = display_size(crop, rotate)
    return min(max(min(w, h) / 595.0, 0.5), 4.0)


def extend_for_band(crop: Rect, rotate: int, band: float) -> Rect:
    """``crop`` grown by ``band`` on the side that is the visual bottom."""
    llx, lly, urx, ury = crop
    if rotate == 0:
        return (llx, lly - band, urx, ury)
    if rotate == 90:
        return (llx, lly, urx + band, ury)
    if rotate == 180:
        return (llx, lly, urx, ury + band)
    return (llx - band, lly, urx, ury)


def stamp_geometry(mediabox, cropbox, rotate, text: str, *, extend: bool) -> StampGeometry:
    """Where and how to stamp ``text`` on a page; ``extend`` adds the band outside."""
    media = normalize(mediabox)
    crop = _intersect(normalize(cropbox) if cropbox is not None else media, media)
    rot = normalize_rotate(rotate)
    s = scale_for(crop, rot)
    band = BAND * s
    if extend:
        crop = extend_for_band(crop, rot, band)
        media = (min(media[0], crop[0]), min(media[1], crop[1]), max(media[2], crop[2]), max(media[3], crop[3]))
    width, _ = display_size(crop, rot)
    size = FONT_SIZE * s
    tw = text_width(text, size)
    if tw > 0.9 * width:  # slips narrower than the text
        size *= 0.9 * width / tw
        tw = text_width(text, size)
    x = (width - tw) / 2
    y = BASELINE * s
    m = " ".join(_num(v) for v in display_matrix(crop, rot))
    content = (
        f"Q\nq {m} cm\n"
        + (f"1 g 0 0 {_num(width)} {_num(band)} re f\n" if extend else "")
        + f"0 g BT {FONT_RESOURCE} {_num(size)} Tf {_num(x)} {_num(y)} Td ({_escape(text)}) Tj ET\nQ\n"
    ).encode("cp1252", "replace")
    return StampGeometry(media, crop, rot, content)


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in the stamp font (the embedded DejaVu Sans subset, else Helvetica)."""
    font = winansi_truetype()
    if font is None:
        return stringWidth(text, FONT_BASE, size)
    data = text.encode("cp1252", "replace")
    return sum(font.widths[b - font.first_char] if b >= font.first_char else 0 for b in data) * size / 1000


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
