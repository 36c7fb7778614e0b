"""Build the shipped monev report template (templates/laporan/monev.docx).

Like tools/buat_templat.py (whose table helpers it reuses): the template is
the product, a secretary edits it in Word/LibreOffice (wording, kop, fonts,
margins); this script only makes its first version reproducibly:

    .venv/bin/python tools/buat_templat_laporan.py

Paper F4 (215 × 330 mm) like the decrees, Bookman Old Style, page numbers at
the foot from page 2, every table's header row repeated on each page.
Rows, totals and wording of figures come flat from zidocs.monev.report.
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
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buat_templat as bt  # noqa: E402  (shared table helpers of the decree templates)

from zidocs.office.docxnorm import save_docx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "laporan"
TEXT_WIDTH_CM = 16.5  # F4 215 mm − left 3 cm − right 2 cm
STYLES: set[str] = set()


# --- document and styles --------------------------------------------------------


def new_document() -> Document:
    doc = bt.base_document(header_size=10)
    normal = doc.styles["Normal"]

    def pstyle(name, *, size=12, bold=False, align=None, left=0.0, first=0.0, after=0, before=0, keep=False,
               tabs=(), line=None, hyphenate=True):
        STYLES.add(name)
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.quick_style = True
        bt._font(st, size, bold=bold)
        f = st.paragraph_format
        if align is not None:
            f.alignment = align
        f.left_indent, f.first_line_indent = Cm(left), Cm(first)
        f.space_after, f.space_before = Pt(after), Pt(before)
        f.keep_with_next = keep
        if line is not None:
            f.line_spacing = line
        for t in tabs:
            f.tab_stops.add_tab_stop(Cm(t))
        if not hyphenate:
            bt.no_hyphenation(st)
        return st

    STYLES.clear()
    J, C, L, R = (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                  WD_ALIGN_PARAGRAPH.RIGHT)
    # As in the decree templates: hyphenate=False for titles, names, column heads;
    # keep=True keeps a paragraph (a heading, an area row) with the next one.
    pstyle("Sampul Judul", size=16, bold=True, align=C, after=4, line=1.15, hyphenate=False)
    pstyle("Sampul Periode", size=14, bold=True, align=C, after=4, hyphenate=False)
    pstyle("Sampul Teks", size=12, align=C, after=4, hyphenate=False)
    pstyle("Sampul Kantor", size=14, bold=True, align=C, line=1.15, hyphenate=False)
    pstyle("Sampul Contoh", size=11, bold=True, align=C, before=12, after=12, hyphenate=False)
    pstyle("Judul Bab", bold=True, align=C, keep=True, hyphenate=False)
    pstyle("Judul Bagian", bold=True, align=L, left=0.75, first=-0.75, before=12, after=6, keep=True, tabs=(0.75,),
           hyphenate=False)
    pstyle("Paragraf", align=J, left=0.75, first=1.25, after=6, line=1.15)
    pstyle("Pengantar Tabel", align=J, left=0.75, first=1.25, after=6, line=1.15, keep=True)  # stays with its table
    pstyle("Butir 1", align=J, left=1.5, first=-0.75, after=3, tabs=(1.5,), line=1.15)
    pstyle("Catatan", size=9, align=J, left=0.75, before=3, after=6)
    pstyle("Keterangan Gambar", size=10, align=C, before=3, after=9, hyphenate=False)
    pstyle("Gambar", align=C, before=6, keep=True)
    pstyle("Sel Judul", size=8, bold=True, align=C, hyphenate=False)
    pstyle("Sel Tabel", size=9, align=L)
    pstyle("Sel Tengah", size=9, align=C)
    pstyle("Sel Kanan", size=9, align=R)
    pstyle("Sel Area", size=9, bold=True, align=L, keep=True, hyphenate=False)  # an area row stays with its first row
    pstyle("Sel Jumlah", size=9, bold=True, align=C, hyphenate=False)
    pstyle("Tanda Tangan", align=L, hyphenate=False)
    pstyle("Tanda Tangan Nama", bold=True, align=L, hyphenate=False)
    return doc


def page_number_footer(doc) -> None:
    """The page number centred at the foot from page 2; the cover has none."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    p = sec.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def cant_split(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:cantSplit"))


def grid_table(doc, heads: tuple[str, ...], widths: tuple[float, ...], rows: int):
    """A bordered table: one header row (repeated on every page), then
    ``rows`` rows for loops and cells."""
    assert abs(sum(widths) - TEXT_WIDTH_CM) < 0.01, sum(widths)
    t = doc.add_table(rows=1 + rows, cols=len(heads))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    bt.cell_margins(t, 0.1, 0.1)
    for i, h in enumerate(heads):
        bt.cell_text(t.cell(0, i), h, "Sel Judul")
        bt.shade(t.cell(0, i))
    bt.repeat_header(t.rows[0])
    cant_split(t.rows[0])
    return t


def loop_rows(t, first: int, var: str, cells: list[tuple[str, str, str]]) -> None:
    """Rows first..first+2: {%tr for %}, the row (cells: style, text, rich var), {%tr endfor %}."""
    t.cell(first, 0).paragraphs[0].add_run(f"{{%tr for {var} %}}")
    row = t.rows[first + 1]
    cant_split(row)
    for c, (style, text, rich) in zip(row.cells, cells):
        bt.cell_text(c, text, style, *([f"{{{{r {rich} }}}}"] if rich else []))
    t.cell(first + 2, 0).paragraphs[0].add_run("{%tr endfor %}")


def heading(doc, bab: str, judul: str, *, new_page: bool = False) -> None:
    p = bt.para(doc, bab, "Judul Bab")
    p.paragraph_format.page_break_before = new_page
    if not new_page:
        p.paragraph_format.space_before = Pt(18)
    bt.para(doc, judul, "Judul Bab")
    bt.para(doc, "", "Normal")


def bagian(doc, huruf: str, judul: str) -> None:
    bt.para(doc, f"{huruf}.\t{judul}", "Judul Bagian")


def numbered(doc, var: str) -> None:
    bt.para(doc, "{%p for x in " + var + " %}", "Butir 1")
    bt.para(doc, "{{ x.penanda }}\t", "Butir 1", "{{r x.teks }}")
    bt.para(doc, "{%p endfor %}", "Butir 1")


# --- the report -------------------------------------------------------------------------

RINCI_HEAD = ("ID", "INDIKATOR", "TARGET WAKTU", "REALI\u00adSASI (%)", "STATUS", "BUKTI", "KENDALA",
              "TINDAK LANJUT")
RINCI_W = (1.3, 4.0, 2.0, 1.4, 1.5, 1.2, 2.55, 2.55)


def rinci_cells(v: str) -> list[tuple[str, str, str]]:
    return [
        ("Sel Tengah", f"{{{{ {v}.id }}}}", ""),
        ("Sel Tabel", "", f"{v}.indikator"),
        ("Sel Tabel", f"{{{{ {v}.target_waktu }}}}", ""),
        ("Sel Tengah", f"{{{{ {v}.realisasi }}}}", ""),
        ("Sel Tengah", f"{{{{ {v}.status }}}}", ""),
        ("Sel Tengah", f"{{{{ {v}.bukti }}}}", ""),
        ("Sel Tabel", "", f"{v}.kendala"),
        ("Sel Tabel", "", f"{v}.tindak_lanjut"),
    ]


def catatan_para(cell, v: str) -> None:
    """The secretary's ``catatan`` under the indicator, when there is one."""
    bt.cell_para(cell, "{%p if " + v + ".catatan %}", "Sel Tabel")
    bt.cell_para(cell, "Catatan: ", "Sel Tabel", "{{r " + v + ".catatan }}")
    bt.cell_para(cell, "{%p endif %}", "Sel Tabel")


def cover(doc) -> None:
    first = doc.paragraphs[0] if doc.paragraphs else bt.para(doc)
    first.style = doc.styles["Sampul Judul"]
    # The office's emblem above the title, when kantor.logo names one, in
    # the room the blank lines take without it (the cover stays one page).
    bt.para(doc, "{%p if logo %}", "Sampul Judul")
    bt.para(doc, "{{ logo }}", "Sampul Judul")
    bt.para(doc, "{%p else %}", "Sampul Judul")
    for _ in range(5):
        bt.para(doc, "", "Sampul Judul")
    bt.para(doc, "{%p endif %}", "Sampul Judul")
    bt.para(doc, "LAPORAN", "Sampul Judul")
    bt.para(doc, "PEMANTAUAN DAN EVALUASI", "Sampul Judul")
    bt.para(doc, "PEMBANGUNAN ZONA INTEGRITAS", "Sampul Judul")
    bt.para(doc, "", "Sampul Judul")
    bt.para(doc, "{{ periode_judul_kapital }}", "Sampul Periode")
    bt.para(doc, "(Periode {{ periode_rentang }})", "Sampul Teks")
    bt.para(doc, "{%p if contoh %}", "Sampul Contoh")
    bt.para(doc, "CONTOH — DATA REKAAN, BUKAN LAPORAN RESMI", "Sampul Contoh")
    bt.para(doc, "{%p endif %}", "Sampul Contoh")
    for _ in range(14):
        bt.para(doc, "", "Sampul Teks")
    bt.para(doc, "{%p for baris in kop %}", "Sampul Kantor")
    bt.para(doc, "{{ baris }}", "Sampul Kantor")
    bt.para(doc, "{%p endfor %}", "Sampul Kantor")
    bt.para(doc, "{{ tahun_laporan }}", "Sampul Kantor")
    bt.para(doc, "", "Sampul Teks").add_run().add_break(WD_BREAK.PAGE)


def pendahuluan(doc) -> None:
    heading(doc, "BAB I", "PENDAHULUAN")
    bagian(doc, "A", "Dasar")
    numbered(doc, "dasar")
    bagian(doc, "B", "Maksud dan Tujuan")
    bt.para(doc, "Laporan ini disusun untuk menyajikan kemajuan pelaksanaan rencana aksi pembangunan Zona "
                 "Integritas {{ kantor }} pada {{ periode_judul }}, mencatat kendala dan tindak lanjutnya, serta "
                 "memantau tindak lanjut rekomendasi rapat pemantauan dan evaluasi sebelumnya, sebagai bahan "
                 "pengambilan keputusan pimpinan.", "Paragraf")
    bagian(doc, "C", "Periode dan Pelaksanaan Rapat")
    bt.para(doc, "Pemantauan dan evaluasi ini meliputi {{ periode_judul }} ({{ periode_rentang }}). Rapat "
                 "pemantauan dan evaluasi dilaksanakan pada hari {{ rapat.hari }}, tanggal {{ rapat.tanggal }}"
                 "{{ rapat.tempat_frasa }}, dipimpin oleh {{ rapat.pimpinan }}{{ rapat.jabatan_frasa }}, dan "
                 "dihadiri oleh {{ rapat.peserta }} orang peserta.", "Paragraf")
    bt.para(doc, "Status setiap aksi diisi oleh Tim Kerja dalam rapat tersebut; jumlah berkas bukti dukung "
                 "dihitung dari berkas bukti dukung yang tercatat sampai dengan {{ batas_bukti }}.", "Paragraf")


def hasil(doc) -> None:
    heading(doc, "BAB II", "HASIL PEMANTAUAN DAN EVALUASI", new_page=True)
    bagian(doc, "A", "Ringkasan Capaian per Area")
    bt.para(doc, "Dari {{ jumlah_indikator }} indikator rencana aksi tahun {{ tahun }}, {{ total.jatuh_tempo }} "
                 "aksi jatuh tempo pada {{ periode_judul }}: {{ total.selesai }} selesai, {{ total.proses }} "
                 "dalam proses, dan {{ total.belum }} belum dilaksanakan, dengan capaian rata-rata "
                 "{{ total.capaian }}%.", "Pengantar Tabel")
    heads = ("NO", "AREA PERUBAHAN", "AKSI JATUH TEMPO", "SELESAI", "PROSES", "BELUM", "CAPAIAN (%)")
    widths = (1.0, 6.5, 1.9, 1.8, 1.7, 1.7, 1.9)
    t = grid_table(doc, heads, widths, 4)
    loop_rows(t, 1, "a in ringkasan", [
        ("Sel Tengah", "{{ a.kode }}", ""), ("Sel Tabel", "", "a.nama"), ("Sel Tengah", "{{ a.jatuh_tempo }}", ""),
        ("Sel Tengah", "{{ a.selesai }}", ""), ("Sel Tengah", "{{ a.proses }}", ""),
        ("Sel Tengah", "{{ a.belum }}", ""), ("Sel Tengah", "{{ a.capaian }}", ""),
    ])
    r = t.rows[4]
    cant_split(r)
    merged = r.cells[0].merge(r.cells[1])
    bt.cell_text(merged, "JUMLAH", "Sel Jumlah")
    for c, key in zip(r.cells[2:], ("jatuh_tempo", "selesai", "proses", "belum", "capaian")):
        bt.cell_text(c, f"{{{{ total.{key} }}}}", "Sel Jumlah")
        bt.shade(c, "F2F2F2")
    bt.shade(merged, "F2F2F2")
    bt.fixed_widths(t, widths)
    bt.para(doc, "Aksi jatuh tempo: indikator yang target waktunya mencakup bulan pada periode ini. Capaian: "
                 "rata-rata realisasi (%) aksi yang jatuh tempo; tanda “–” bila tidak ada aksi jatuh tempo.",
            "Catatan")

    bagian(doc, "B", "Grafik Kemajuan per Area")
    bt.para(doc, "{{ grafik }}", "Gambar")
    bt.para(doc, "Gambar 1. Status aksi yang jatuh tempo pada {{ periode_judul }} per area", "Keterangan Gambar")

    bagian(doc, "C", "Rincian per Indikator")
    bt.para(doc, "Aksi yang jatuh tempo pada {{ periode_judul }}, dikelompokkan per area:", "Pengantar Tabel")
    t = grid_table(doc, RINCI_HEAD, RINCI_W, 6)
    t.cell(1, 0).paragraphs[0].add_run("{%tr for area in rinci_area %}")
    area_row = t.rows[2]
    cant_split(area_row)
    merged = area_row.cells[0].merge(area_row.cells[-1])
    bt.cell_text(merged, "{{ area.kode }}. ", "Sel Area", "{{r area.nama }}")
    bt.shade(merged, "F2F2F2")
    loop_rows(t, 3, "b in area.baris", rinci_cells("b"))
    catatan_para(t.rows[4].cells[1], "b")
    t.cell(6, 0).paragraphs[0].add_run("{%tr endfor %}")
    bt.fixed_widths(t, RINCI_W)
    bt.para(doc, "Target waktu: bulan pelaksanaan menurut target waktu rencana aksi. Bukti: jumlah "
                 "berkas bukti dukung yang ditambahkan sampai dengan {{ batas_bukti }}.", "Catatan")
    bt.para(doc, "{%p if tidak_diisi %}", "Catatan")
    bt.para(doc, "* Tidak diisi pada berkas monev periode ini, sehingga dihitung “Belum” dengan realisasi 0%: "
                 "{{ tidak_diisi }}.", "Catatan")
    bt.para(doc, "{%p endif %}", "Catatan")
    bt.para(doc, "{%p if tidak_terbaca %}", "Catatan")
    bt.para(doc, "Tidak terjadwal karena target waktunya tidak terbaca atau di luar tahun rencana (perlu "
                 "diperbaiki di rencana aksi): {{ tidak_terbaca }}.", "Catatan")
    bt.para(doc, "{%p endif %}", "Catatan")
    bt.para(doc, "{%p if tanpa_jadwal %}", "Catatan")
    bt.para(doc, "Tanpa bulan tetap (dilaksanakan sesuai kebutuhan atau terus-menerus), sehingga tidak dihitung "
                 "jatuh tempo: {{ tanpa_jadwal }}.", "Catatan")
    bt.para(doc, "{%p endif %}", "Catatan")
    bt.para(doc, "{%p if belum_jatuh_tempo %}", "Catatan")
    bt.para(doc, "Isian untuk aksi yang belum jatuh tempo (tidak dihitung): {{ belum_jatuh_tempo }}.", "Catatan")
    bt.para(doc, "{%p endif %}", "Catatan")

    bagian(doc, "D", "Aksi Periode Sebelumnya yang Belum Selesai")
    bt.para(doc, "{%p if sisa %}", "Paragraf")
    bt.para(doc, "Aksi yang jatuh tempo sebelum {{ periode_judul }} dan belum selesai (tidak dihitung dalam "
                 "ringkasan di atas):", "Pengantar Tabel")
    t = grid_table(doc, RINCI_HEAD, RINCI_W, 3)
    loop_rows(t, 1, "b in sisa", rinci_cells("b"))
    catatan_para(t.rows[2].cells[1], "b")
    bt.fixed_widths(t, RINCI_W)
    bt.para(doc, "{%p else %}", "Paragraf")
    bt.para(doc, "Tidak ada: semua aksi yang jatuh tempo sebelum periode ini telah selesai, atau periode ini "
                 "dimulai pada awal tahun.", "Paragraf")
    bt.para(doc, "{%p endif %}", "Paragraf")

    bagian(doc, "E", "Aksi Terlambat")
    bt.para(doc, "{%p if terlambat %}", "Paragraf")
    bt.para(doc, "Aksi yang belum selesai pada akhir {{ periode_judul }} padahal bulan target terakhirnya sudah "
                 "lewat, atau yang realisasinya di bawah lajunya sendiri (bagian bulan targetnya yang sudah "
                 "lewat; {{ contoh_laju }}). Ada atau tidaknya "
                 "bukti dukung tidak menentukan keterlambatan (lihat bagian F):", "Pengantar Tabel")
    heads = ("NO", "ID", "INDIKATOR", "TARGET WAKTU", "STATUS", "ALASAN")
    widths = (1.0, 1.4, 6.1, 3.0, 1.8, 3.2)
    t = grid_table(doc, heads, widths, 3)
    loop_rows(t, 1, "b in terlambat", [
        ("Sel Tengah", "{{ b.no }}", ""), ("Sel Tengah", "{{ b.id }}", ""), ("Sel Tabel", "", "b.indikator"),
        ("Sel Tabel", "{{ b.target_waktu }}", ""), ("Sel Tengah", "{{ b.status }}", ""),
        ("Sel Tabel", "{{ b.alasan }}", ""),
    ])
    bt.fixed_widths(t, widths)
    bt.para(doc, "{%p else %}", "Paragraf")
    bt.para(doc, "Tidak ada aksi yang terlambat.", "Paragraf")
    bt.para(doc, "{%p endif %}", "Paragraf")

    bagian(doc, "F", "Aksi Jatuh Tempo tanpa Bukti Dukung")
    bt.para(doc, "{%p if tanpa_bukti %}", "Paragraf")
    bt.para(doc, "Aksi yang jatuh tempo sampai dengan akhir {{ periode_judul }} dan belum memiliki berkas bukti "
                 "dukung sampai dengan {{ batas_bukti }}, apa pun statusnya:", "Pengantar Tabel")
    heads = ("NO", "ID", "INDIKATOR", "TARGET WAKTU", "STATUS")
    widths = (1.0, 1.4, 8.6, 3.5, 2.0)
    t = grid_table(doc, heads, widths, 3)
    loop_rows(t, 1, "b in tanpa_bukti", [
        ("Sel Tengah", "{{ b.no }}", ""), ("Sel Tengah", "{{ b.id }}", ""), ("Sel Tabel", "", "b.indikator"),
        ("Sel Tabel", "{{ b.target_waktu }}", ""), ("Sel Tengah", "{{ b.status }}", ""),
    ])
    bt.fixed_widths(t, widths)
    bt.para(doc, "{%p else %}", "Paragraf")
    bt.para(doc, "Semua aksi yang jatuh tempo telah memiliki bukti dukung.", "Paragraf")
    bt.para(doc, "{%p endif %}", "Paragraf")


def rekomendasi(doc) -> None:
    heading(doc, "BAB III", "TINDAK LANJUT DAN REKOMENDASI", new_page=True)
    bagian(doc, "A", "Tindak Lanjut Rekomendasi Periode Sebelumnya")
    bt.para(doc, "{%p if tindak_lanjut %}", "Paragraf")
    bt.para(doc, "Rekomendasi rapat {{ sebelumnya_judul }} dan rekomendasi sebelumnya yang masih terbuka, "
                 "beserta tindak lanjutnya:", "Pengantar Tabel")
    heads = ("NO", "REKOMENDASI", "ASAL", "STATUS", "KETERANGAN")
    widths = (1.0, 7.0, 1.6, 2.0, 4.9)
    t = grid_table(doc, heads, widths, 3)
    loop_rows(t, 1, "x in tindak_lanjut", [
        ("Sel Tengah", "{{ x.no }}", ""), ("Sel Tabel", "", "x.rekomendasi"), ("Sel Tengah", "{{ x.asal }}", ""),
        ("Sel Tengah", "{{ x.status }}", ""), ("Sel Tabel", "{{ x.keterangan }}", ""),
    ])
    bt.fixed_widths(t, widths)
    bt.para(doc, "{%p else %}", "Paragraf")
    bt.para(doc, "Tidak ada rekomendasi dari periode sebelumnya yang perlu ditindaklanjuti.", "Paragraf")
    bt.para(doc, "{%p endif %}", "Paragraf")

    bagian(doc, "B", "Rekomendasi Rapat {{ periode_judul }}")
    bt.para(doc, "{%p if rekomendasi %}", "Paragraf")
    bt.para(doc, "Rekomendasi rapat {{ periode_judul }} yang akan dipantau tindak lanjutnya pada periode "
                 "berikutnya:", "Pengantar Tabel")
    heads = ("NO", "REKOMENDASI", "PENANGGUNG JAWAB", "BATAS WAKTU")
    widths = (1.0, 9.0, 3.5, 3.0)
    t = grid_table(doc, heads, widths, 3)
    loop_rows(t, 1, "x in rekomendasi", [
        ("Sel Tengah", "{{ x.no }}", ""), ("Sel Tabel", "", "x.teks"), ("Sel Tabel", "{{ x.penanggung_jawab }}", ""),
        ("Sel Tabel", "{{ x.batas_waktu }}", ""),
    ])
    bt.fixed_widths(t, widths)
    bt.para(doc, "{%p else %}", "Paragraf")
    bt.para(doc, "Rapat tidak menghasilkan rekomendasi baru.", "Paragraf")
    bt.para(doc, "{%p endif %}", "Paragraf")


def penutup(doc) -> None:
    heading(doc, "BAB IV", "PENUTUP")
    bt.para(doc, "Demikian laporan pemantauan dan evaluasi pembangunan Zona Integritas {{ periode_judul }} ini "
                 "disusun. Rekomendasi di atas akan dipantau tindak lanjutnya pada rapat pemantauan dan evaluasi "
                 "berikutnya.", "Paragraf")
    bt.para(doc, "", "Normal")
    # Signature block: acknowledged (left), the Ketua Tim Kerja (right); kept on one page.
    t = doc.add_table(rows=1, cols=2)
    bt.no_borders(t)
    bt.cell_margins(t, 0.0, 0.1)
    cant_split(t.rows[0])
    left, right = t.rows[0].cells
    signer(left, "Mengetahui,", "penanggung_jawab")
    signer(right, "{{ tempat }}, {{ tanggal_laporan }}", "ketua_tim")
    bt.fixed_widths(t, (8.25, 8.25))


def signer(cell, first_line: str, var: str) -> None:
    bt.cell_text(cell, first_line, "Tanda Tangan")
    bt.cell_para(cell, "{%p for baris in " + var + ".jabatan %}", "Tanda Tangan")
    bt.cell_para(cell, "{{ baris }}", "Tanda Tangan")
    bt.cell_para(cell, "{%p endfor %}", "Tanda Tangan")
    for _ in range(4):  # room for the signature and the stamp
        bt.cell_para(cell, "", "Tanda Tangan")
    bt.cell_para(cell, "{{ " + var + ".nama }}", "Tanda Tangan Nama")
    bt.cell_para(cell, "{%p if " + var + ".nip %}", "Tanda Tangan")
    bt.cell_para(cell, "{{ " + var + ".nip_baris }}", "Tanda Tangan")
    bt.cell_para(cell, "{%p endif %}", "Tanda Tangan")


def build_monev() -> Document:
    doc = new_document()
    page_number_footer(doc)
    cover(doc)
    pendahuluan(doc)
    hasil(doc)
    rekomendasi(doc)
    penutup(doc)
    return doc


def prune_styles(doc) -> Document:
    keep = {"Normal", "Header", "Footer", "Table Grid", "Normal Table", "Default Paragraph Font", "No List",
            "Header Char", "Footer Char"} | STYLES
    styles_el = doc.styles.element
    for st in list(doc.styles):
        if st.name not in keep:
            styles_el.remove(st.element)
    latent = styles_el.find(qn("w:latentStyles"))
    if latent is not None:
        styles_el.remove(latent)
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # Same script, same bytes: fixed zip dates and core properties.
    save_docx(prune_styles(build_monev()), OUT / "monev.docx", build_date=dt.date(2026, 1, 1))
    print("templat ditulis di", OUT)


if __name__ == "__main__":
    main()
