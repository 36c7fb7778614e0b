"""Build the shipped docxtpl templates (templates/keputusan/*.docx).

The templates are the product: a secretary edits them in Word/LibreOffice
(kop, logo, fonts, margins) and zidocs fills them. This script only makes the
first version reproducibly; run it again only to start over:

    .venv/bin/python tools/buat_templat.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from zidocs.office.docxnorm import save_docx  # noqa: E402
OUT = ROOT / "templates" / "keputusan"
FONT = "Bookman Old Style"  # fontconfig maps it to TeX Gyre Bonum (metric-compatible) for PDF
TEXT_WIDTH_CM = 16.5  # F4 215 mm − left 3 cm − right 2 cm
CUSTOM_STYLES: set[str] = set()
LANG = "id-ID"  # every run inherits it: LibreOffice hyphenates with Debian's hyphen-id patterns
# Hyphenation zone (twips): a line ends between words rather than in one when it would
# leave less than this much space. 0.5": LibreOffice's default of none hyphenated 462
# words in the 2026 Rencana Aksi decree ("ta-hun", "de-ngan"), 0.5" keeps 192.
HYPHENATION_ZONE = 720
TEMPLATE_DATE = dt.date(2026, 1, 1)  # zip dates of the shipped templates: same script, same bytes


# --- document and styles ------------------------------------------------------


def base_document(header_size: int = 12) -> Document:
    """F4 page, official margins, Bookman 12 pt Normal: what every template starts from."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(215), Mm(330)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.5)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    sec.header_distance, sec.footer_distance = Cm(1.25), Cm(1.25)
    core = doc.core_properties
    # Neither the software nor python-docx: zidocs writes the office's name when it fills the template.
    core.author = core.last_modified_by = ""
    core.title = core.subject = core.keywords = core.comments = ""

    normal = doc.styles["Normal"]
    _font(normal, 12)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.0
    pf.widow_control = True
    for name in ("Header", "Footer"):
        _font(doc.styles[name], header_size)
    indonesian(doc)
    return doc


def indonesian(doc) -> None:
    """Text is Indonesian and hyphenated automatically.

    - ``w:lang`` id-ID in the document defaults and in Normal, so every run
      inherits it (runs zidocs adds carry no language of their own);
    - ``w:autoHyphenation`` in settings.xml: LibreOffice turns hyphenation on
      in its default paragraph style, which every style here is based on;
      titles, names and table heads switch it off (``hyphenate=False``);
    - ``w:hyphenationZone`` (:data:`HYPHENATION_ZONE`) so that short words
      are not hyphenated where a line can simply end before them.
    LibreOffice needs Debian's hyphen-id patterns for it (scripts/_setup.sh);
    words the patterns break wrongly are listed in zidocs/data/pemenggalan.dic.
    """
    styles = doc.styles.element
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for rpr in (rpr_default, doc.styles["Normal"].element.get_or_add_rPr()):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANG)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)
    if settings.find(qn("w:autoHyphenation")) is None:
        auto = OxmlElement("w:autoHyphenation")
        zone = OxmlElement("w:hyphenationZone")
        zone.set(qn("w:val"), str(HYPHENATION_ZONE))
        # schema order: … defaultTabStop, autoHyphenation, consecutiveHyphenLimit, hyphenationZone, …
        settings.find(qn("w:defaultTabStop")).addnext(auto)
        auto.addnext(zone)


# w:pPr children that come after w:suppressAutoHyphens in the schema's order
_AFTER_SUPPRESS = ("w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
                   "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                   "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                   "w:sectPr", "w:pPrChange")


def no_hyphenation(style) -> None:
    """Titles, names and column heads are never hyphenated."""
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is None:
        ppr.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS)


def new_document() -> Document:
    doc = base_document()
    normal = doc.styles["Normal"]

    def pstyle(name, *, size=12, bold=False, align=None, left=0.0, first=0.0, after=0, before=0, keep=False, tabs=(),
               hyphenate=True):
        CUSTOM_STYLES.add(name)
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        _font(st, size, bold=bold)
        f = st.paragraph_format
        if align is not None:
            f.alignment = align
        f.left_indent, f.first_line_indent = Cm(left), Cm(first)
        f.space_after, f.space_before = Pt(after), Pt(before)
        f.keep_with_next = keep
        for t in tabs:
            f.tab_stops.add_tab_stop(Cm(t))
        if not hyphenate:
            no_hyphenation(st)
        return st

    CUSTOM_STYLES.clear()
    J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    # hyphenate=False: titles, names, numbers and column heads are never hyphenated.
    # keep=True: the paragraph stays on the page of the next one (signature blocks,
    # headings, a table's group/area row with the row under it).
    pstyle("Salinan", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=6, hyphenate=False)
    pstyle("Kop", size=14, bold=True, align=C, hyphenate=False)
    pstyle("Judul Keputusan", align=C, hyphenate=False)
    pstyle("Judul Keputusan Tebal", bold=True, align=C, hyphenate=False)
    pstyle("Teks Label", align=J, after=3)
    pstyle("Blok Tanda Tangan", align=L, left=8.5, keep=True, hyphenate=False)
    pstyle("Blok Salinan", align=L, keep=True, hyphenate=False)
    pstyle("Lampiran Kepala", align=L, left=8.5, hyphenate=False)
    pstyle("Judul Lampiran", bold=True, align=C, hyphenate=False)
    pstyle("Judul Bab", bold=True, align=C, keep=True, hyphenate=False)
    pstyle("Judul Bagian", bold=True, align=L, left=0.75, first=-0.75, before=6, after=6, keep=True, tabs=(0.75,),
           hyphenate=False)
    pstyle("Paragraf", align=J, left=0.75, first=1.25, after=6)
    pstyle("Butir 1", align=J, left=1.5, first=-0.75, after=3, tabs=(1.5,))
    pstyle("Butir 2", align=J, left=2.25, first=-0.75, after=3, tabs=(2.25,))
    pstyle("Sel Judul", size=10, bold=True, align=C, hyphenate=False)
    pstyle("Sel Tabel", size=10, align=L)
    pstyle("Sel Tengah", size=10, align=C)
    pstyle("Sel Butir", size=10, align=L, left=0.45, first=-0.45, tabs=(0.45,))
    pstyle("Sel Area", size=10, bold=True, align=L, keep=True, hyphenate=False)  # an area row stays with its first row
    pstyle("Butir Diktum 1", align=J, left=0.75, first=-0.75, after=3, tabs=(0.75,))
    pstyle("Butir Diktum 2", align=J, left=1.5, first=-0.75, after=3, tabs=(1.5,))
    pstyle("Sel NIP", size=10, align=L, hyphenate=False)
    pstyle("Sel Kelompok", size=10, bold=True, align=L, keep=True, hyphenate=False)  # a group's heading row stays with its first row
    return doc


def _font(style, size: int, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def para(container, text: str = "", style: str = "Normal", *runs: str):
    p = container.add_paragraph(style=style)
    if text:
        p.add_run(text)
    for r in runs:
        p.add_run(r)
    return p


def cell_text(cell, text: str, style: str, *more_runs: str):
    p = cell.paragraphs[0]
    p.style = cell.part.document.styles[style] if hasattr(cell.part, "document") else style
    if text:
        p.add_run(text)
    for r in more_runs:
        p.add_run(r)
    return p


def cell_para(cell, text: str, style: str, *more_runs: str):
    p = cell.add_paragraph(style=style)
    if text:
        p.add_run(text)
    for r in more_runs:
        p.add_run(r)
    return p


def no_borders(table) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def fixed_widths(table, widths_cm) -> None:
    table.autofit = False
    tblPr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        tblPr.append(tblW)
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        gc.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for c, w in zip(row.cells, widths_cm):
            c.width = Cm(w)


def cell_margins(table, left_cm=0.1, right_cm=0.1) -> None:
    tblPr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, v in (("left", left_cm), ("right", right_cm)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(v * 567)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblPr.append(mar)


def repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trPr.append(el)


def shade(cell, fill="D9D9D9") -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def page_number_header(doc) -> None:
    """"- 2 -" centred at the top from page 2 on; the first page has none."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    p = sec.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    p.add_run(" -")


# --- the decree skeleton -------------------------------------------------------

LABEL_W = (3.6, 0.5, 0.8, TEXT_WIDTH_CM - 4.9)  # the label column holds "Memperhatikan"


def label_table(doc, label: str, items_var: str):
    """Label | : | marker | hanging text — one row per item."""
    t = doc.add_table(rows=3, cols=4)
    no_borders(t)
    cell_margins(t, 0.0, 0.1)
    t.cell(0, 0).paragraphs[0].add_run(f"{{%tr for m in {items_var} %}}")
    c = t.rows[1].cells
    cell_text(c[0], "{% if loop.first %}" + label + "{% endif %}", "Teks Label")
    cell_text(c[1], "{% if loop.first %}:{% endif %}", "Teks Label")
    cell_text(c[2], "{{ m.penanda }}", "Teks Label")
    cell_text(c[3], "", "Teks Label", "{{r m.teks }}")
    t.cell(2, 0).paragraphs[0].add_run("{%tr endfor %}")
    fixed_widths(t, LABEL_W)
    return t


def last_of_block(p) -> None:
    """The last paragraph of a kept-together block does not keep with what follows."""
    p.paragraph_format.keep_with_next = False


def signature_block(doc) -> None:
    """The Ketua's signature and, in the salinan, the authentication block.

    Each is one chain of keep-with-next paragraphs (style "Blok Tanda Tangan" /
    "Blok Salinan") ending at the name, so neither is ever split across pages;
    "Ditetapkan di …" before it uses the same style and joins the chain."""
    para(doc, "{%p for baris in ttd_jabatan %}", "Blok Tanda Tangan")
    para(doc, "{{ baris }}", "Blok Tanda Tangan")
    para(doc, "{%p endfor %}", "Blok Tanda Tangan")
    para(doc, "{%p if salinan %}", "Blok Tanda Tangan")
    para(doc, "", "Blok Tanda Tangan")
    para(doc, "ttd.", "Blok Tanda Tangan")
    para(doc, "", "Blok Tanda Tangan")
    para(doc, "{%p else %}", "Blok Tanda Tangan")
    for _ in range(4):  # room for the signature and the stamp
        para(doc, "", "Blok Tanda Tangan")
    para(doc, "{%p endif %}", "Blok Tanda Tangan")
    last_of_block(para(doc, "{{ ttd_nama }}", "Blok Tanda Tangan"))
    para(doc, "{%p if salinan %}", "Blok Salinan")
    para(doc, "", "Blok Salinan")
    para(doc, "Salinan sesuai dengan aslinya,", "Blok Salinan")
    para(doc, "{%p for baris in pengesah_baris %}", "Blok Salinan")
    para(doc, "{{ baris }}", "Blok Salinan")
    para(doc, "{%p endfor %}", "Blok Salinan")
    for _ in range(3):
        para(doc, "", "Blok Salinan")
    last_of_block(para(doc, "{{ pengesah_nama }}", "Blok Salinan"))
    para(doc, "{%p endif %}", "Blok Salinan")


def build_skeleton() -> Document:
    doc = new_document()
    page_number_header(doc)
    body = doc
    # python-docx starts with one empty paragraph: use it for the SALINAN mark.
    first = doc.paragraphs[0] if doc.paragraphs else para(doc)
    first.style = doc.styles["Salinan"]
    first.add_run("{%p if salinan %}")
    para(body, "SALINAN", "Salinan")
    para(body, "{%p endif %}", "Salinan")
    # The office's emblem above the kop lines, when kantor.logo names one.
    para(body, "{%p if logo %}", "Kop")
    para(body, "{{ logo }}", "Kop")
    para(body, "{%p endif %}", "Kop")
    para(body, "{%p for baris in kop %}", "Kop")
    para(body, "{{ baris }}", "Kop")
    para(body, "{%p endfor %}", "Kop")
    para(body, "", "Judul Keputusan")
    para(body, "KEPUTUSAN {{ kantor_kapital }}", "Judul Keputusan")
    para(body, "NOMOR {{ nomor }} TAHUN {{ tahun }}", "Judul Keputusan")
    para(body, "", "Judul Keputusan")
    para(body, "TENTANG", "Judul Keputusan")
    para(body, "", "Judul Keputusan")
    para(body, "", "Judul Keputusan", "{{r judul }}")
    para(body, "", "Judul Keputusan")
    para(body, "{{ penetap }}", "Judul Keputusan")
    para(body, "", "Judul Keputusan")
    label_table(doc, "Menimbang", "menimbang")
    para(body, "")
    label_table(doc, "Mengingat", "mengingat")
    para(body, "{%p if memperhatikan %}")
    label_table(doc, "Memperhatikan", "memperhatikan")
    para(body, "{%p endif %}")
    para(body, "")
    para(body, "MEMUTUSKAN:", "Judul Keputusan")
    para(body, "")
    # Menetapkan and the diktum: label | : | text (marker column merged away).
    t = doc.add_table(rows=4, cols=3)
    no_borders(t)
    cell_margins(t, 0.0, 0.1)
    c = t.rows[0].cells
    cell_text(c[0], "MENETAPKAN", "Teks Label")
    cell_text(c[1], ":", "Teks Label")
    cell_text(c[2], "", "Teks Label", "{{r menetapkan }}")
    t.cell(1, 0).paragraphs[0].add_run("{%tr for d in diktum %}")
    c = t.rows[2].cells
    cell_text(c[0], "{{ d.label }}", "Teks Label")
    cell_text(c[1], ":", "Teks Label")
    cell_text(c[2], "", "Teks Label", "{{r d.teks }}")
    # A diktum's own items (the team's tasks, the agents' roles): a., b. …
    # hanging on their marker; a nested list one step further in.
    cell_para(c[2], "{%p for b in d.butir %}", "Butir Diktum 1")
    cell_para(c[2], "{%p if b.tingkat == 0 %}", "Butir Diktum 1")
    cell_para(c[2], "{{ b.penanda }}\t", "Butir Diktum 1", "{{r b.teks }}")
    cell_para(c[2], "{%p else %}", "Butir Diktum 2")
    cell_para(c[2], "{{ b.penanda }}\t", "Butir Diktum 2", "{{r b.teks }}")
    cell_para(c[2], "{%p endif %}", "Butir Diktum 1")
    cell_para(c[2], "{%p endfor %}", "Butir Diktum 1")
    t.cell(3, 0).paragraphs[0].add_run("{%tr endfor %}")
    fixed_widths(t, (LABEL_W[0], 0.5, TEXT_WIDTH_CM - LABEL_W[0] - 0.5))
    para(body, "")
    para(body, "Ditetapkan di {{ tempat }}", "Blok Tanda Tangan")
    para(body, "Pada tanggal {{ tanggal }}", "Blok Tanda Tangan")
    para(body, "", "Blok Tanda Tangan")
    signature_block(doc)
    # The Lampiran: header block on a new page, the kind's own body, signature again.
    para(body, "{%p if lampiran %}", "Lampiran Kepala")
    p = para(body, "", "Lampiran Kepala")
    p.add_run().add_break(WD_BREAK.PAGE)
    para(body, "LAMPIRAN", "Lampiran Kepala")
    para(body, "KEPUTUSAN {{ kantor_kapital }}", "Lampiran Kepala")
    para(body, "NOMOR {{ nomor }} TAHUN {{ tahun }}", "Lampiran Kepala")
    para(body, "TENTANG ", "Lampiran Kepala", "{{r judul }}", ".")
    para(body, "", "Normal")
    para(body, "{{p lampiran }}", "Normal")
    para(body, "", "Normal")
    signature_block(doc)
    para(body, "{%p endif %}", "Normal")
    return doc


# --- the Lampiran bodies -----------------------------------------------------------


def lampiran_heading(doc) -> None:
    para(doc, "{%p for baris in lampiran_judul %}", "Judul Lampiran")
    para(doc, "", "Judul Lampiran", "{{r baris }}")
    para(doc, "{%p endfor %}", "Judul Lampiran")
    para(doc, "", "Normal")


def bab_prose(doc) -> None:
    para(doc, "{%p for bab in bab_list %}", "Judul Bab")
    para(doc, "BAB {{ bab.nomor }}", "Judul Bab")
    para(doc, "", "Judul Bab", "{{r bab.judul }}")
    para(doc, "{%p for b in bab.baris %}", "Paragraf")
    para(doc, "{%p if b.jenis == 'bagian' %}", "Judul Bagian")
    para(doc, "{{ b.penanda }}\t", "Judul Bagian", "{{r b.teks }}")
    para(doc, "{%p elif b.jenis == 'paragraf' %}", "Paragraf")
    para(doc, "", "Paragraf", "{{r b.teks }}")
    para(doc, "{%p elif b.tingkat == 0 %}", "Butir 1")
    para(doc, "{{ b.penanda }}\t", "Butir 1", "{{r b.teks }}")
    para(doc, "{%p else %}", "Butir 2")
    para(doc, "{{ b.penanda }}\t", "Butir 2", "{{r b.teks }}")
    para(doc, "{%p endif %}", "Paragraf")
    para(doc, "{%p endfor %}", "Paragraf")
    para(doc, "", "Normal")
    para(doc, "{%p endfor %}", "Normal")


def list_cell(cell, var: str) -> None:
    """One text as is; several as a numbered list hanging on "1)"."""
    cell_text(cell, "{%p if " + var + " | length > 1 %}", "Sel Tabel")
    cell_para(cell, "{%p for x in " + var + " %}", "Sel Butir")
    cell_para(cell, "{{ x.penanda }}\t", "Sel Butir", "{{r x.teks }}")
    cell_para(cell, "{%p endfor %}", "Sel Butir")
    cell_para(cell, "{%p else %}", "Sel Tabel")
    cell_para(cell, "", "Sel Tabel", "{{r " + var + "[0].teks }}")
    cell_para(cell, "{%p endif %}", "Sel Tabel")


RA_W = (1.0, 2.7, 3.3, 3.5, 3.7, 2.3)
RA_HEAD = ("NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU")


def build_lampiran_rencana_aksi() -> Document:
    doc = new_document()
    lampiran_heading(doc)
    bab_prose(doc)
    # The table chapter starts on a new page so its heading never sits alone.
    para(doc, "BAB {{ bab_tabel_nomor }}", "Judul Bab").paragraph_format.page_break_before = True
    para(doc, "{%p for baris in tabel_judul %}", "Judul Bab")
    para(doc, "", "Judul Bab", "{{r baris }}")
    para(doc, "{%p endfor %}", "Judul Bab")
    para(doc, "", "Normal")
    t = doc.add_table(rows=10, cols=6)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell_margins(t, 0.1, 0.1)
    table_head(t, RA_HEAD)
    t.cell(2, 0).paragraphs[0].add_run("{%tr for area in areas %}")
    # Area row: the Roman numeral, then the area's name across the other five columns.
    cell_text(t.cell(3, 0), "{{ area.kode }}", "Sel Area")
    merged = t.cell(3, 1).merge(t.cell(3, 5))
    cell_text(merged, "", "Sel Area", "{{r area.nama }}")
    shade(t.cell(3, 0), "F2F2F2")
    shade(merged, "F2F2F2")
    keep_row_whole(t.rows[3])
    t.cell(4, 0).paragraphs[0].add_run("{%tr for k in area.komponen %}")
    t.cell(5, 0).paragraphs[0].add_run("{%tr for ind in k.indikator %}")
    r = t.rows[6].cells
    cell_text(r[0], "{% vm %}{{ k.penanda }}", "Sel Tengah")
    # docxtpl's vm keeps only its own run to the first row: the rich name
    # gets the same condition.
    cell_text(r[1], "{% vm %}", "Sel Tabel", "{%r if loop.first %}", "{{r k.nama }}", "{%r endif %}")
    cell_text(r[2], "", "Sel Tabel", "{{r ind.indikator }}")
    list_cell(r[3], "ind.langkah_aksi")
    list_cell(r[4], "ind.bukti_fisik")
    cell_text(r[5], "{{ ind.target_waktu }}", "Sel Tabel")
    keep_row_whole(t.rows[6])
    t.cell(7, 0).paragraphs[0].add_run("{%tr endfor %}")
    t.cell(8, 0).paragraphs[0].add_run("{%tr endfor %}")
    t.cell(9, 0).paragraphs[0].add_run("{%tr endfor %}")
    fixed_widths(t, RA_W)
    return doc


def keep_row_whole(row) -> None:
    """A row is never split across two pages (w:cantSplit).

    The rule for every table: header, group and data rows are all kept whole.
    The tallest row of the shipped plans is a fraction of a page, so a row
    moved whole leaves at most that much white at a page foot; a row taller
    than a whole page is still split (LibreOffice and Word must)."""
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))


def table_head(t, heads) -> None:
    """Column titles and a row of column numbers, both repeated on every page."""
    for i, h in enumerate(heads):
        cell_text(t.cell(0, i), h, "Sel Judul")
        shade(t.cell(0, i))
        cell_text(t.cell(1, i), str(i + 1), "Sel Judul")
        shade(t.cell(1, i), "F2F2F2")
    repeat_header(t.rows[0])
    repeat_header(t.rows[1])
    keep_row_whole(t.rows[0])
    keep_row_whole(t.rows[1])


def person_cells(r) -> None:
    """NO | NAMA (and NIP below it, when there is one) | JABATAN."""
    cell_text(r[0], "{{ b.no }}", "Sel Tengah")
    cell_text(r[1], "", "Sel Tabel", "{{r b.nama }}")
    cell_para(r[1], "{%p if b.nip %}", "Sel NIP")
    cell_para(r[1], "{{ b.nip_baris }}", "Sel NIP")
    cell_para(r[1], "{%p endif %}", "Sel NIP")
    cell_text(r[2], "", "Sel Tabel", "{{r b.jabatan }}")


TIM_W = (1.0, 5.6, 6.0, 3.9)  # NAMA holds "NIP 19730512 199803 1 004" (5.0 cm at 10 pt) on one line
TIM_HEAD = ("NO", "NAMA", "JABATAN", "KEDUDUKAN DALAM TIM")


def build_lampiran_tim_kerja() -> Document:
    """SK Tim Kerja: heading lines, then NO | NAMA | JABATAN | KEDUDUKAN DALAM TIM,
    the leading places first, then one group per area under a full-width row."""
    doc = new_document()
    lampiran_heading(doc)
    bab_prose(doc)
    t = doc.add_table(rows=10, cols=4)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell_margins(t, 0.1, 0.1)
    table_head(t, TIM_HEAD)
    t.cell(2, 0).paragraphs[0].add_run("{%tr for g in kelompok %}")
    t.cell(3, 0).paragraphs[0].add_run("{%tr if g.judul %}")
    merged = t.cell(4, 0).merge(t.cell(4, 3))
    cell_text(merged, "", "Sel Kelompok", "{{r g.judul }}")
    shade(merged, "F2F2F2")
    keep_row_whole(t.rows[4])
    t.cell(5, 0).paragraphs[0].add_run("{%tr endif %}")
    t.cell(6, 0).paragraphs[0].add_run("{%tr for b in g.baris %}")
    r = t.rows[7].cells
    person_cells(r)
    cell_text(r[3], "{{ b.kedudukan }}", "Sel Tabel")
    keep_row_whole(t.rows[7])
    t.cell(8, 0).paragraphs[0].add_run("{%tr endfor %}")
    t.cell(9, 0).paragraphs[0].add_run("{%tr endfor %}")
    fixed_widths(t, TIM_W)
    return doc


AGEN_W = (1.0, 5.6, 5.1, 4.8)
AGEN_HEAD = ("NO", "NAMA", "JABATAN", "AREA/UNIT")


def build_lampiran_agen_perubahan() -> Document:
    """SK Agen Perubahan: heading lines, then NO | NAMA | JABATAN | AREA/UNIT."""
    doc = new_document()
    lampiran_heading(doc)
    bab_prose(doc)
    t = doc.add_table(rows=5, cols=4)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell_margins(t, 0.1, 0.1)
    table_head(t, AGEN_HEAD)
    t.cell(2, 0).paragraphs[0].add_run("{%tr for b in agen %}")
    r = t.rows[3].cells
    person_cells(r)
    cell_text(r[3], "{%p for x in b.area_unit %}", "Sel Tabel")
    cell_para(r[3], "", "Sel Tabel", "{{r x }}")
    cell_para(r[3], "{%p endfor %}", "Sel Tabel")
    keep_row_whole(t.rows[3])
    t.cell(4, 0).paragraphs[0].add_run("{%tr endfor %}")
    fixed_widths(t, AGEN_W)
    return doc


def prune_styles(doc) -> Document:
    """Drop the ~150 styles python-docx's default template carries but these
    templates never use: a shorter style list is easier to edit in Word, and
    merging the Lampiran into the skeleton (docxcompose) scans every style per
    element, so it is also faster."""
    keep = {"Normal", "Header", "Footer", "Table Grid", "Normal Table", "Default Paragraph Font", "No List",
            "Header Char", "Footer Char"}
    styles_el = doc.styles.element
    for st in list(doc.styles):
        if st.name in keep or st.name in CUSTOM_STYLES:
            continue
        styles_el.remove(st.element)
    # latent style definitions are only hints for Word's gallery
    latent = styles_el.find(qn("w:latentStyles"))
    if latent is not None:
        styles_el.remove(latent)
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("keputusan.docx", build_skeleton), ("lampiran-rencana-aksi.docx", build_lampiran_rencana_aksi),
                        ("lampiran-tim-kerja.docx", build_lampiran_tim_kerja),
                        ("lampiran-agen-perubahan.docx", build_lampiran_agen_perubahan)):
        # Same script, same bytes: fixed zip dates and core properties.
        save_docx(prune_styles(build()), OUT / name, build_date=TEMPLATE_DATE)
    print("templat ditulis di", OUT)


if __name__ == "__main__":
    main()
