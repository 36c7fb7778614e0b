"""The pages zidocs draws itself — cover, index (daftar isi), placeholders,
and the captioned page each photo is laid on — with reportlab. Row heights
come from the same wrapping code that draws, so the layout's pagination and
the drawn pages agree.

Font: DejaVu Serif (TrueType, embedded as a subset) when installed, else the
base-14 Times (then the dossier is not PDF/A); characters it lacks fall back
per character to other installed fonts (:mod:`zidocs.office.fallback`). TeX
Gyre Bonum ships only as OpenType/CFF, which reportlab cannot embed; the
dossier's own pages are not Tata Naskah Dinas documents.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from zidocs.office import fallback
from zidocs.office.drawn import F4, Fonts, fonts
from zidocs.text.tanggal import format_tanggal
from zidocs.dossier.layout import BELUM_ADA_BUKTI, DossierLayout, IndexRow, Placement

MARGIN_LEFT = 70.87  # 2.5 cm
MARGIN_RIGHT = 56.69  # 2 cm
MARGIN_TOP = 56.69
MARGIN_BOTTOM = 56.69  # the stamp band (18 pt) sits well inside
LINE = 13.0
NUMBER_COL = 42.0
MAX_ROW_LINES = 6
FIRST_PAGE_HEADING_LINES = 5

# --- index rows -------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    size: float
    indent: float
    pieces: tuple[fallback.Piece, ...]  # (text, style); characters a font lacks fall back per character
    grey: bool = False

    @property
    def text(self) -> str:
        return fallback.plain(self.pieces)


_STYLE = {  # kind → (style, size, indent)
    "area": ("bold", 10.5, 0.0),
    "komponen": ("bold", 10.0, 10.0),
    "indikator": ("regular", 9.5, 20.0),
    "file": ("regular", 9.0, 34.0),
}
Kertas = tuple[float, float]  # (width, height) in points: the office's paper, F4 by default


def text_width(kertas: Kertas) -> float:
    return kertas[0] - MARGIN_LEFT - MARGIN_RIGHT - NUMBER_COL


def _lines(text: Sequence[fallback.Piece], size: float, indent: float, limit: float, *,
           grey: bool = False, hang: float = 0.0) -> list[Line]:
    """``text`` wrapped to ``limit`` points from ``indent``; lines after the
    first hang ``hang`` points further in."""
    wrapped = fallback.wrap_pieces(text, size, limit - indent - hang)
    return [Line(size, indent + (hang if k else 0.0), line, grey) for k, line in enumerate(wrapped)]


def _clip(lines: list[Line], limit: int) -> list[Line]:
    if len(lines) <= limit:
        return lines
    lines = lines[:limit]
    last = lines[-1]
    *head, (text, style) = last.pieces
    lines[-1] = Line(last.size, last.indent, (*head, (text.rstrip()[:-1] + "…", style)), last.grey)
    return lines


def row_lines(row: IndexRow, kertas: Kertas = F4) -> tuple[Line, ...]:
    """The lines a row prints: its text (at most MAX_ROW_LINES), then its detail
    (bukti fisik asked for; activity date and file name) and its note, smaller.
    Italics in plan text (``*Whistle Blowing System*``) print in italic."""
    return _row_lines(row.kind, row.text, row.note, row.detail, kertas)


@functools.lru_cache(maxsize=8192)  # each row is measured for pagination, then drawn
def _row_lines(kind: str, text: str, note: str, detail: str, kertas: Kertas) -> tuple[Line, ...]:
    style, size, indent = _STYLE[kind]
    width = text_width(kertas)
    if kind == "file":  # a dash, and the continuation lines under the text
        text, hang = "– " + text, fallback.width("– ", style, size)
    else:
        hang = 0.0
    lines = _clip(_lines(fallback.pieces(text, style), size, indent, width, hang=hang), MAX_ROW_LINES)
    sub = indent + (10.0 if kind == "file" else 12.0)
    if detail:
        below: list[Line] = []
        for k, part in enumerate(detail.split("\n")):
            start = sub + (8.0 if k and kind == "indikator" else 0.0)  # numbered items hang
            below += _lines(fallback.pieces(part, "regular"), size - 1.0, start, width, grey=True)
        lines += _clip(below, MAX_ROW_LINES)
    if note:
        note = note if note != BELUM_ADA_BUKTI else f"— {BELUM_ADA_BUKTI}"
        lines += _clip(_lines(fallback.pieces(note, "italic"), size - 0.5, sub, width, grey=kind == "indikator"), 3)
    return tuple(lines) or (Line(size, indent, (("", style),)),)


def row_height(row: IndexRow, kertas: Kertas = F4) -> int:
    return len(row_lines(row, kertas))


def lines_per_page(kertas: Kertas = F4) -> tuple[int, int]:
    per_page = int((kertas[1] - MARGIN_TOP - MARGIN_BOTTOM) // LINE)
    return per_page - FIRST_PAGE_HEADING_LINES, per_page


# --- drawing ------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverInfo:
    kantor: str
    judul_area: list[str]  # e.g. ["Area V", "Penguatan Pengawasan"]
    tahun: int
    tanggal: dt.date
    files: int
    pages: int
    placeholders: int
    duplicates: int
    logo: Path | None = None  # the office's emblem (PNG/JPEG), drawn above the office's name


@dataclass(frozen=True)
class LinkBox:
    rect: tuple[float, float, float, float]
    target: int  # 1-based page number in the dossier


def render(path: Path, cover: CoverInfo, layout: DossierLayout,
           placeholders: Sequence[tuple[Placement, str]], kertas: Kertas = F4,
           captions: Sequence[Caption] = ()) -> list[list[LinkBox]]:
    """Draw cover, index pages, one page per placeholder, then one captioned
    (still empty) page per photo into ``path``; the photo is laid on it later.

    Returns the link boxes of each index page.
    """
    f = fonts()
    # initialFontName: else reportlab names base-14 Helvetica on every page (not embedded: no PDF/A)
    c = canvas.Canvas(str(path), pagesize=kertas, invariant=1, pageCompression=1, initialFontName=f.regular)
    _cover(c, f, cover, kertas)
    c.showPage()
    links = []
    for n, rows in enumerate(layout.index_pages):
        links.append(_index_page(c, f, rows, first=(n == 0), judul=cover.judul_area, kertas=kertas))
        c.showPage()
    for placement, pesan in placeholders:
        _placeholder(c, f, placement, pesan, kertas)
        c.showPage()
    for cap in captions:
        _caption_page(c, cap, kertas)
        c.showPage()
        c.setPageSize(kertas)
    c.save()
    fallback.fix_tounicode(path)
    return links


def _centered(c, style, size, y, text, width: float, *, markup: bool = False) -> float:
    """``text`` centred between the margins, wrapped; ``markup``: plan text (``*italic*``)."""
    pieces = fallback.pieces(text, style) if markup else ((text, style),)
    for line in fallback.wrap_pieces(pieces, size, width - MARGIN_LEFT - MARGIN_RIGHT):
        fallback.draw_pieces(c, (MARGIN_LEFT + width - MARGIN_RIGHT) / 2, y, line, size, align="center")
        y -= size * 1.35
    return y


LOGO_TINGGI = 85.0  # pt, 3 cm


def _cover(c, f: Fonts, info: CoverInfo, kertas: Kertas = F4) -> None:
    W, H = kertas
    y = H - 150
    if info.logo is not None:
        img = ImageReader(str(info.logo))
        w, h = img.getSize()
        width = LOGO_TINGGI * w / h
        top = H - 70
        c.drawImage(img, (W - width) / 2, top - LOGO_TINGGI, width, LOGO_TINGGI, mask="auto")
        y = top - LOGO_TINGGI - 40
    y = _centered(c, "bold", 15, y, info.kantor.upper(), W)
    y -= 40
    y = _centered(c, "bold", 20, y, "DOSSIER BUKTI DUKUNG", W)
    y = _centered(c, "regular", 13, y - 4, "Pembangunan Zona Integritas", W)
    y -= 40
    for i, line in enumerate(info.judul_area):
        y = _centered(c, "bold" if i == 0 else "regular", 14, y, line, W, markup=True)
    y -= 10
    y = _centered(c, "bold", 14, y, f"Tahun {info.tahun}", W)
    y -= 60
    facts = [
        ("Tanggal penyusunan", format_tanggal(info.tanggal)),
        ("Jumlah berkas bukti", str(info.files)),
        ("Jumlah halaman", f"{info.pages} (termasuk sampul dan daftar isi)"),
    ]
    if info.duplicates:
        facts.append(("Berkas duplikat", f"{info.duplicates} (dimuat sekali, dirujuk silang)"))
    if info.placeholders:
        facts.append(("Halaman pengganti", f"{info.placeholders} (berkas tidak dapat dimuat)"))
    x_label, x_value = MARGIN_LEFT + 60, MARGIN_LEFT + 210
    for label, value in facts:
        fallback.draw(c, x_label, y, label, "regular", 11)
        fallback.draw(c, x_value - 12, y, ":", "regular", 11)
        fallback.draw(c, x_value, y, value, "regular", 11)
        y -= 18
    y = 110
    note = ("Nomor di kaki setiap halaman sama dengan nomor halaman PDF. Daftar isi dan penanda "
            "(bookmark) dapat diklik untuk menuju berkas bukti.")
    _centered(c, "italic", 9, y, note, W)


def _index_page(c, f: Fonts, rows: Sequence[IndexRow], *, first: bool, judul: list[str],
                kertas: Kertas = F4) -> list[LinkBox]:
    W, H = kertas
    y = H - MARGIN_TOP - 10
    if first:
        fallback.draw(c, W / 2, y, "DAFTAR ISI", "bold", 14, align="center")
        y -= LINE * 1.5
        fallback.draw_pieces(c, W / 2, y, fallback.pieces(" — ".join(judul), "regular"), 10, align="center")
        y -= LINE * 1.3
        fallback.draw(c, W - MARGIN_RIGHT, y, "halaman", "italic", 8.5, align="right")
        y -= LINE * (FIRST_PAGE_HEADING_LINES - 2.8)
    links = []
    right = W - MARGIN_RIGHT
    for row in rows:
        lines = row_lines(row, kertas)
        top = y + LINE - 3
        first_y = y
        for line in lines:
            _draw_line(c, line, MARGIN_LEFT, y)
            y -= LINE
        if row.target is not None:
            _, size, _ = _STYLE[row.kind]
            fallback.draw(c, right, first_y, str(row.target), "bold" if row.kind in ("area", "komponen")
                          else "regular", size, align="right")
            links.append(LinkBox((MARGIN_LEFT + lines[0].indent, y + LINE - 3, right, top), row.target))
    return links


def _draw_line(c, line: Line, x: float, y: float) -> None:
    if line.grey:
        c.setFillGray(0.3)
    fallback.draw_pieces(c, x + line.indent, y, line.pieces, line.size)
    c.setFillGray(0)


def _facts(c, facts: Sequence[tuple[str, str]], y: float, W: float, size: float = 10.5,
           label_w: float = 100.0) -> float:
    for label, value in facts:
        fallback.draw(c, MARGIN_LEFT, y, label, "regular", size)
        if label:
            fallback.draw(c, MARGIN_LEFT + label_w - 10, y, ":", "regular", size)
        for line in fallback.wrap(value, "regular", size, W - MARGIN_LEFT - label_w - MARGIN_RIGHT) or [""]:
            fallback.draw(c, MARGIN_LEFT + label_w, y, line, "regular", size)
            y -= size * 1.5
    return y


def _placeholder(c, f: Fonts, p: Placement, pesan: str, kertas: Kertas = F4) -> None:
    W, H = kertas
    ev = p.evidence
    y = H - 180
    y = _centered(c, "bold", 16, y, "BERKAS BUKTI TIDAK DAPAT DIMUAT", W)
    y -= 30
    facts = [("Indikator", ev.indikator), ("Nama berkas", ev.nama)]
    if ev.keterangan.strip():
        facts.append(("Keterangan", " ".join(ev.keterangan.split())))
    facts += [("ID bukti", str(ev.id)), ("SHA-256", ev.sha256[:32]), ("", ev.sha256[32:]),
              ("Alasan", ev.alasan or "")]
    y = _facts(c, facts, y, W)
    y -= 20
    for line in fallback.wrap(pesan, "italic", 10, W - MARGIN_LEFT - MARGIN_RIGHT):
        fallback.draw(c, MARGIN_LEFT, y, line, "italic", 10)
        y -= 14


# --- photo pages ----------------------------------------------------------------------

CAPTION_GAP = 16.0  # between the photo and the rule above its caption
CAPTION_MAX_LINES = 3  # per part: indicator, keterangan


@dataclass(frozen=True)
class Caption:
    """What a photo page says under the photo."""

    indikator: str  # printed ID
    indikator_teks: str
    keterangan: str
    nama: str
    tanggal: dt.date | None  # activity date
    kertas: Kertas | None = None  # this page's size: the office's paper, turned to match the photo


@functools.lru_cache(maxsize=1024)  # asked for by the photo's box, its caption page and the layout
def caption_lines(cap: Caption, kertas: Kertas = F4) -> tuple[Line, ...]:
    return tuple(_caption_lines(cap, cap.kertas or kertas))


def _caption_lines(cap: Caption, kertas: Kertas) -> list[Line]:
    width = kertas[0] - MARGIN_LEFT - MARGIN_RIGHT
    lines = _clip(_lines(((cap.indikator + " ", "bold"), *fallback.pieces(cap.indikator_teks, "bold")), 9.5, 0.0, width),
                  CAPTION_MAX_LINES)
    ket = " ".join(cap.keterangan.split())
    if ket:
        lines += _clip(_lines(((ket, "regular"),), 9.5, 0.0, width), CAPTION_MAX_LINES)
    when = (f"Tanggal kegiatan: {format_tanggal(cap.tanggal)}" if cap.tanggal else
            "Tanggal kegiatan: tidak dicatat")
    lines += _lines(((f"{when} · berkas {cap.nama}", "regular"),), 8.5, 0.0, width, grey=True)[:2]
    return lines


def caption_height(cap: Caption, kertas: Kertas = F4) -> float:
    return len(caption_lines(cap, kertas)) * LINE + 6.0


def photo_box(cap: Caption, kertas: Kertas = F4) -> tuple[float, float, float, float]:
    """Where the photo goes on its page (x0, y0, x1, y1): above its caption, inside the margins."""
    kertas = cap.kertas or kertas
    W, H = kertas
    return (MARGIN_LEFT, MARGIN_BOTTOM + caption_height(cap, kertas) + CAPTION_GAP, W - MARGIN_RIGHT, H - MARGIN_TOP)


def _caption_page(c, cap: Caption, kertas: Kertas = F4) -> None:
    kertas = cap.kertas or kertas
    W, _ = kertas
    c.setPageSize(kertas)
    lines = caption_lines(cap, kertas)
    top = MARGIN_BOTTOM + caption_height(cap, kertas)
    c.setLineWidth(0.5)
    c.setStrokeGray(0.6)
    c.line(MARGIN_LEFT, top, W - MARGIN_RIGHT, top)
    y = top - LINE + 2
    for line in lines:
        _draw_line(c, line, MARGIN_LEFT, y)
        y -= LINE
