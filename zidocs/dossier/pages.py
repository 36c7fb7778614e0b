"""The pages zidocs draws itself — cover, index (daftar isi), placeholders —
with reportlab. Row heights come from the same wrapping code that draws, so
the layout's pagination and the drawn pages agree.

Font: DejaVu Serif (TrueType, embedded as a subset) when installed, else the
base-14 Times. TeX Gyre Bonum ships only as OpenType/CFF, which reportlab
cannot embed; the dossier's own pages are not Tata Naskah Dinas documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

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
    font: str
    size: float
    indent: float
    text: str


_STYLE = {  # kind → (font attr, size, indent)
    "area": ("bold", 10.5, 0.0),
    "komponen": ("bold", 10.0, 10.0),
    "indikator": ("regular", 9.5, 20.0),
    "file": ("regular", 9.0, 34.0),
}
Kertas = tuple[float, float]  # (width, height) in points: the office's paper, F4 by default


def text_width(kertas: Kertas) -> float:
    return kertas[0] - MARGIN_LEFT - MARGIN_RIGHT - NUMBER_COL


def row_lines(row: IndexRow, kertas: Kertas = F4) -> list[Line]:
    f = fonts()
    attr, size, indent = _STYLE[row.kind]
    font = getattr(f, attr)
    text = ("– " + row.text) if row.kind == "file" else row.text
    width = text_width(kertas)
    lines = [Line(font, size, indent, t) for t in simpleSplit(text, font, size, width - indent)]
    if row.note:
        nindent = indent + (10.0 if row.kind == "file" else 12.0)
        note = row.note if row.note != BELUM_ADA_BUKTI else f"— {BELUM_ADA_BUKTI}"
        lines += [Line(f.italic, size - 0.5, nindent, t)
                  for t in simpleSplit(note, f.italic, size - 0.5, width - nindent)]
    if len(lines) > MAX_ROW_LINES:
        lines = lines[:MAX_ROW_LINES]
        last = lines[-1]
        lines[-1] = Line(last.font, last.size, last.indent, last.text.rstrip()[:-1] + "…")
    return lines or [Line(font, size, indent, "")]


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
           placeholders: Sequence[tuple[Placement, str]], kertas: Kertas = F4) -> list[list[LinkBox]]:
    """Draw cover, index pages, then one page per placeholder into ``path``.

    Returns the link boxes of each index page.
    """
    f = fonts()
    c = canvas.Canvas(str(path), pagesize=kertas, invariant=1, pageCompression=1)
    c.setTitle("zidocs")
    _cover(c, f, cover, kertas)
    c.showPage()
    links = []
    for n, rows in enumerate(layout.index_pages):
        links.append(_index_page(c, f, rows, first=(n == 0), judul=cover.judul_area, kertas=kertas))
        c.showPage()
    for placement, pesan in placeholders:
        _placeholder(c, f, placement, pesan, kertas)
        c.showPage()
    c.save()
    return links


def _centered(c, font, size, y, text, width: float) -> float:
    for line in simpleSplit(text, font, size, width - MARGIN_LEFT - MARGIN_RIGHT):
        c.setFont(font, size)
        c.drawCentredString((MARGIN_LEFT + width - MARGIN_RIGHT) / 2, y, line)
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
    y = _centered(c, f.bold, 15, y, info.kantor.upper(), W)
    y -= 40
    y = _centered(c, f.bold, 20, y, "DOSSIER BUKTI DUKUNG", W)
    y = _centered(c, f.regular, 13, y - 4, "Pembangunan Zona Integritas", W)
    y -= 40
    for i, line in enumerate(info.judul_area):
        y = _centered(c, f.bold if i == 0 else f.regular, 14, y, line, W)
    y -= 10
    y = _centered(c, f.bold, 14, y, f"Tahun {info.tahun}", W)
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
        c.setFont(f.regular, 11)
        c.drawString(x_label, y, label)
        c.drawString(x_value - 12, y, ":")
        c.drawString(x_value, y, value)
        y -= 18
    y = 110
    note = ("Nomor di kaki setiap halaman sama dengan nomor halaman PDF. Daftar isi dan penanda "
            "(bookmark) dapat diklik untuk menuju berkas bukti.")
    _centered(c, f.italic, 9, y, note, W)


def _index_page(c, f: Fonts, rows: Sequence[IndexRow], *, first: bool, judul: list[str],
                kertas: Kertas = F4) -> list[LinkBox]:
    W, H = kertas
    y = H - MARGIN_TOP - 10
    if first:
        c.setFont(f.bold, 14)
        c.drawCentredString(W / 2, y, "DAFTAR ISI")
        y -= LINE * 1.5
        c.setFont(f.regular, 10)
        c.drawCentredString(W / 2, y, " — ".join(judul))
        y -= LINE * 1.3
        c.setFont(f.italic, 8.5)
        c.drawRightString(W - MARGIN_RIGHT, y, "halaman")
        y -= LINE * (FIRST_PAGE_HEADING_LINES - 2.8)
    links = []
    right = W - MARGIN_RIGHT
    for row in rows:
        lines = row_lines(row, kertas)
        top = y + LINE - 3
        for line in lines:
            c.setFont(line.font, line.size)
            if row.kind == "indikator" and row.note and line.font == f.italic:
                c.setFillGray(0.35)
            c.drawString(MARGIN_LEFT + line.indent, y, line.text)
            c.setFillGray(0)
            y -= LINE
        if row.target is not None:
            _, size, _ = _STYLE[row.kind]
            c.setFont(f.bold if row.kind in ("area", "komponen") else f.regular, size)
            c.drawRightString(right, y + LINE * len(lines), str(row.target))
            links.append(LinkBox((MARGIN_LEFT + lines[0].indent, y + LINE - 3, right, top), row.target))
    return links


def _placeholder(c, f: Fonts, p: Placement, pesan: str, kertas: Kertas = F4) -> None:
    W, H = kertas
    ev = p.evidence
    y = H - 180
    y = _centered(c, f.bold, 16, y, "BERKAS BUKTI TIDAK DAPAT DIMUAT", W)
    y -= 30
    facts = [("Indikator", ev.indikator), ("Nama berkas", ev.nama), ("ID bukti", str(ev.id)),
             ("SHA-256", ev.sha256[:32]), ("", ev.sha256[32:]), ("Alasan", ev.alasan or "")]
    for label, value in facts:
        c.setFont(f.regular, 10.5)
        c.drawString(MARGIN_LEFT, y, label)
        if label:
            c.drawString(MARGIN_LEFT + 90, y, ":")
        lines = simpleSplit(value, f.regular, 10.5, W - MARGIN_LEFT - 100 - MARGIN_RIGHT) or [""]
        for line in lines:
            c.drawString(MARGIN_LEFT + 100, y, line)
            y -= 16
    y -= 20
    for line in simpleSplit(pesan, f.italic, 10, W - MARGIN_LEFT - MARGIN_RIGHT):
        c.setFont(f.italic, 10)
        c.drawString(MARGIN_LEFT, y, line)
        y -= 14
