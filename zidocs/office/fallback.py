"""Text in any script on the pages zidocs draws (dossier cover, index,
captions, placeholders): per-character font fallback, Arabic shaping and
right-to-left order, and never a missing-glyph box.

reportlab draws one font per string and prints a box (.notdef) for every
character the font lacks. File names and keterangan arrive in any script, so
each string is cut into *runs*, each drawn with the first font of a chain that
has every character of it:

    DejaVu Serif (Latin, Greek, Cyrillic)  → Noto Naskh Arabic → Noto Sans Javanese
    → DejaVu Sans (more symbols, some emoji) → Droid Sans Fallback (CJK)
    → Nanum Myeongjo (Hangul) → Symbola (monochrome emoji)

(Debian fonts-dejavu-core/-extra, fonts-noto-core, fonts-droid-fallback,
fonts-nanum, fonts-symbola; a font that is not installed is skipped.) A character no font
has is printed as its code, ``[U+1F4C4]``: legible and searchable, never a box.
Colour emoji fonts (fonts-noto-color-emoji) are bitmaps reportlab cannot embed.

Right-to-left text (Arabic, Hebrew) is put in visual order with python-bidi
(the Unicode bidi algorithm, base direction left-to-right as in an index);
Arabic letters are first given their joined forms with arabic-reshaper (the
presentation forms Noto Naskh Arabic and DejaVu Sans carry). Scripts that need
mark positioning beyond that (Javanese pasangan, Indic conjuncts) print their
characters in order, each legible, without OpenType shaping: reportlab has none.

Invisible format characters (zero-width joiners, variation selectors, bidi
controls), emoji skin-tone modifiers and control characters are dropped before drawing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from zidocs.office.drawn import Fonts, fonts
from zidocs.office.lazy import lazy_import
from zidocs.text import markup

pdfmetrics = lazy_import("reportlab.pdfbase.pdfmetrics")

TRUETYPE = Path("/usr/share/fonts/truetype")
# (reportlab name, file) in the order tried after the style's own font
FALLBACKS = (
    ("ZiArab", TRUETYPE / "noto/NotoNaskhArabic-Regular.ttf"),
    ("ZiJawa", TRUETYPE / "noto/NotoSansJavanese-Regular.ttf"),
    ("ZiSans", TRUETYPE / "dejavu/DejaVuSans.ttf"),
    ("ZiCJK", TRUETYPE / "droid/DroidSansFallbackFull.ttf"),
    ("ZiKorea", TRUETYPE / "nanum/NanumMyeongjo.ttf"),
    ("ZiSimbol", TRUETYPE / "ancient-scripts/Symbola_hint.ttf"),
)

# variation selectors, BOM, emoji skin-tone modifiers (in a monochrome font they print as swatches)
_DROP = (frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0)) | {0xFEFF}
         | frozenset(range(0x1F3FB, 0x1F400)))


@dataclass(frozen=True)
class Run:
    font: str
    text: str


_FILES = dict(FALLBACKS)


@functools.cache
def _registered() -> tuple[str, ...]:
    """The fallback fonts installed here (registered with reportlab on first use:
    parsing them all costs ≈ 2 s, and most dossiers need none)."""
    return tuple(name for name, path in FALLBACKS if path.is_file())


@functools.cache
def _use(font: str) -> str:
    if font in _FILES and font not in pdfmetrics.getRegisteredFontNames():
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(font, str(_FILES[font])))
    return font


@functools.cache
def _coverage(font: str) -> frozenset[int]:
    if font in _FILES:  # read only the cmap (fontTools, lazily), without registering
        from fontTools.ttLib import TTFont

        try:
            with TTFont(str(_FILES[font]), lazy=True) as tt:
                return frozenset(tt.getBestCmap() or ())
        except Exception:  # noqa: BLE001 - an unreadable font is simply not used
            return frozenset()
    face = getattr(pdfmetrics.getFont(font), "face", None)
    if face is None:  # a base-14 font: what WinAnsi encodes
        return frozenset(ord(c) for c in map(chr, range(32, 0x2200)) if _winansi(c))
    return frozenset(cp for cp, glyph in face.charToGlyph.items() if glyph)


def _winansi(c: str) -> bool:
    try:
        c.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def chain(style: str = "regular") -> tuple[str, ...]:
    """Fonts tried for ``style`` (regular, bold, italic, bold_italic), in order."""
    f: Fonts = fonts()
    own = getattr(f, style)
    return (own,) + (_registered() if own.startswith("Zi") else ())


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def clean(text: str) -> str:
    """Without control and invisible format characters (tabs and newlines become spaces)."""
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if c in "\t\n\r":
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cs", "Co", "Cn") or ord(c) in _DROP:
            continue
        else:
            out.append(c)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """``text`` as drawn left to right: cleaned; Arabic joined; RTL runs reversed."""
    text = clean(text)
    if not _rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="L")


@functools.lru_cache(maxsize=4096)
def runs(text: str, style: str = "regular") -> tuple[Run, ...]:
    """``text`` (already visual) cut into runs, each with a font that has its characters."""
    fonts_ = chain(style)
    out: list[Run] = []
    for c in text:
        cp = ord(c)
        font = None
        if unicodedata.category(c).startswith("M") and out and cp in _coverage(out[-1].font):
            font = out[-1].font  # a mark stays with its base letter's font
        else:
            font = next((f for f in fonts_ if cp in _coverage(f)), None)
        piece = c
        if font is None:
            font, piece = fonts_[0], f"[U+{cp:04X}]"
        _use(font)
        if out and out[-1].font == font:
            out[-1] = Run(font, out[-1].text + piece)
        else:
            out.append(Run(font, piece))
    return tuple(out)


def width(text: str, style: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(r.text, r.font, size) for r in runs(visual(text), style))


def missing(text: str, style: str = "regular") -> list[str]:
    """Characters of ``text`` no installed font can draw (printed as codes)."""
    fonts_ = chain(style)
    return [c for c in visual(text) if not any(ord(c) in _coverage(f) for f in fonts_)]


# --- styled text: (text, style) pieces --------------------------------------------

Piece = tuple[str, str]  # (text, style): style is regular, bold, italic or bold_italic
_ITALIC_OF = {"regular": "italic", "bold": "bold_italic", "italic": "regular", "bold_italic": "bold"}
# breaks a line; no-break spaces (U+00A0, U+2007, U+202F) do not
_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def pieces(marked: str, style: str = "regular") -> tuple[Piece, ...]:
    """Plan text with ``*italic*`` markup as pieces in ``style``: an italic span
    takes the italic of the style, and inside an italic style it stands upright,
    as typesetters emphasise. Text that does not parse is printed as written."""
    spans = markup.runs(markup.lenient(marked))
    return tuple((r.text, _ITALIC_OF[style] if r.italic else style) for r in spans if r.text)


def plain(line: Sequence[Piece]) -> str:
    return "".join(t for t, _ in line)


def width_of(line: Sequence[Piece], size: float) -> float:
    return sum(width(t, s, size) for t, s in line)


def _merged(chars: Sequence[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for t, s in chars:
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0] + t, s)
        else:
            out.append((t, s))
    return tuple(out)


def _words(line: Sequence[Piece]) -> list[list[Piece]]:
    """The words of ``line``, each a list of one-character pieces."""
    words: list[list[Piece]] = [[]]
    for text, style in line:
        for k, part in enumerate(_SPACE.split(clean(text))):
            if k:
                words.append([])
            words[-1] += [(c, style) for c in part]
    return [w for w in words if w]


def wrap_pieces(line: Sequence[Piece], size: float, limit: float) -> list[tuple[Piece, ...]]:
    """Greedy wrap at spaces; a word longer than a line breaks after ``_ - . /``
    where it can, else between characters. Lines are in logical order.
    (Widths add up: reportlab does not kern, and Arabic joins only within a word.)"""
    lines: list[tuple[Piece, ...]] = []
    cur: list[Piece] = []
    used = 0.0
    for word in _words(line):
        w = width_of(_merged(word), size)
        if cur:
            space = width(" ", cur[-1][1], size)
            if used + space + w <= limit:
                cur += [(" ", cur[-1][1]), *word]
                used += space + w
                continue
            lines.append(_merged(cur))
        while len(word) > 1 and w > limit:
            cut = _cut(word, size, limit)
            lines.append(_merged(word[:cut]))
            word = word[cut:]
            w = width_of(_merged(word), size)
        cur, used = word, w
    if cur:
        lines.append(_merged(cur))
    return lines


def _cut(word: list[Piece], size: float, limit: float) -> int:
    n = 1
    while n < len(word) and width_of(_merged(word[: n + 1]), size) <= limit:
        n += 1
    for k in range(n, max(n // 2, 1), -1):  # prefer a break after a separator
        if word[k - 1][0] in "_-./":
            return k
    return n


def wrap(text: str, style: str, size: float, limit: float) -> list[str]:
    """``text`` (no markup) wrapped into lines of at most ``limit`` points."""
    return [plain(line) for line in wrap_pieces(((text, style),), size, limit)]


def draw_pieces(c, x: float, y: float, line: Sequence[Piece], size: float, align: str = "left") -> float:
    """Draw ``line`` on reportlab canvas ``c``; returns its width."""
    drawn = [r for text, style in line for r in runs(visual(text), style)]
    total = sum(pdfmetrics.stringWidth(r.text, r.font, size) for r in drawn)
    if align == "center":
        x -= total / 2
    elif align == "right":
        x -= total
    for r in drawn:
        c.setFont(r.font, size)
        c.drawString(x, y, r.text)
        x += pdfmetrics.stringWidth(r.text, r.font, size)
    return total


def draw(c, x: float, y: float, text: str, style: str, size: float, align: str = "left") -> float:
    """Draw ``text`` (no markup) in ``style``; returns its width."""
    return draw_pieces(c, x, y, ((text, style),), size, align)


# --- after reportlab has written the PDF -------------------------------------------

_ASTRAL = re.compile(rb"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match) -> bytes:
    return b"<%s> <%s>" % (match.group(1), chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper().encode())


def fix_tounicode(path: Path) -> None:
    """reportlab writes a character beyond U+FFFF (emoji) in a ToUnicode CMap as
    five hex digits, which readers take as U+1F4C and a stray digit: copying or
    searching "📄" found "Ὄ". Written as the UTF-16 surrogate pair the CMap format wants."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        changed = False
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/ToUnicode" in obj:
                data = obj.ToUnicode.read_bytes()
                fixed = _ASTRAL.sub(_utf16, data)
                if fixed != data:
                    obj.ToUnicode.write(fixed)
                    changed = True
        if changed:
            pdf.save(path, deterministic_id=True, fix_metadata_version=False)
