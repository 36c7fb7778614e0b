"""Which glyphs a PDF's text draws: finds text drawn with a font's .notdef
(the "box" a missing character prints as), by reading the content streams and
the embedded TrueType programs (fontTools)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont


def _font_map(font) -> tuple[dict[int, str], bool] | None:
    fd = font.get("/FontDescriptor")
    if not isinstance(fd, pikepdf.Dictionary) or "/FontFile2" not in fd:
        return None
    tt = TTFont(io.BytesIO(fd.FontFile2.read_bytes()))
    tables = {(t.platformID, t.platEncID): t.cmap for t in tt["cmap"].tables}
    if (3, 1) in tables and font.get("/Encoding") == "/WinAnsiEncoding":
        return tables[(3, 1)], True  # codes are cp1252 characters
    return next(iter(tables.values())), False  # symbolic: codes are cmap codes


def _strings(operands):
    for op in operands:
        if isinstance(op, pikepdf.String):
            yield bytes(op)
        elif isinstance(op, pikepdf.Array):
            yield from (bytes(x) for x in op if isinstance(x, pikepdf.String))


def notdef_uses(pdf_path: Path) -> list[tuple[int, str, int]]:
    """(page number, font, code) for every character code drawn that maps to no glyph."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            found += _walk(page.obj, page, n, 0)
    return found


def _walk(holder, contents, n, depth):
    found = []
    res = holder.get("/Resources") if isinstance(holder, pikepdf.Dictionary) else None
    fonts = res.get("/Font", {}) if isinstance(res, pikepdf.Dictionary) else {}
    maps = {}
    font = None
    for operands, operator in pikepdf.parse_content_stream(contents):
        op = str(operator)
        if op == "Tf":
            name = str(operands[0])
            font = name
            if name not in maps and name in fonts:
                maps[name] = _font_map(fonts[name])
        elif op in ("Tj", "TJ", "'", '"') and font is not None and maps.get(font):
            cmap, winansi = maps[font]
            for data in _strings(operands):
                for b in data:
                    key = ord(bytes([b]).decode("cp1252", "replace")) if winansi else b
                    glyph = cmap.get(key)
                    if glyph is None or glyph == ".notdef":
                        found.append((n, font, b))
    xobjects = res.get("/XObject", {}) if isinstance(res, pikepdf.Dictionary) else {}
    if depth < 4:
        for _, x in xobjects.items():
            if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form":
                found += _walk(x, x, n, depth + 1)
    return found
