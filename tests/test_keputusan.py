"""`zidocs keputusan`: the Rencana Aksi decree, asli and salinan, DOCX and PDF,
read back from the real files (python-docx, LibreOffice, pypdf, pdftotext, qpdf)."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from zidocs.cli import run

from decree_text import docx_words, reference_words
from helpers import REFERENCE, copy_workspace, edit_yaml, embedded_fonts

F4_PT = (215 / 25.4 * 72, 330 / 25.4 * 72)
NAMES = ("keputusan-rencana-aksi.docx", "keputusan-rencana-aksi-salinan.docx",
         "keputusan-rencana-aksi.pdf", "keputusan-rencana-aksi-salinan.pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The shipped plan's decree, built once with --pdf; returns out/2026."""
    ws = copy_workspace(tmp_path_factory.mktemp("keputusan") / "ws")
    assert run(["-w", str(ws), "keputusan", "2026", "--pdf"]) == 0
    out = ws / "out" / "2026"
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    return out


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path, *args: str) -> list[str]:
    return pdftotext(path, *args).split("\f")[:-1]


# --- the words -----------------------------------------------------------------


def test_salinan_reproduces_the_signed_reference_word_for_word(built):
    ref = reference_words(REFERENCE)
    got = docx_words(built / "keputusan-rencana-aksi-salinan.docx")
    if got != ref:
        diff = [op for op in difflib.SequenceMatcher(a=ref, b=got, autojunk=False).get_opcodes() if op[0] != "equal"]
        shown = [(tag, " ".join(ref[i1 - 2:i2 + 2]), " ".join(got[j1 - 2:j2 + 2])) for tag, i1, i2, j1, j2 in diff[:5]]
        pytest.fail(f"{len(diff)} perbedaan dengan rujukan, misalnya: {shown}")
    assert len(got) > 4500


def test_asli_is_the_salinan_without_the_salinan_parts(built):
    asli = docx_words(built / "keputusan-rencana-aksi.docx")
    salinan = docx_words(built / "keputusan-rencana-aksi-salinan.docx")
    removed = Counter(salinan) - Counter(asli)
    block = "SALINAN ttd. Salinan sesuai dengan aslinya, SEKRETARIAT KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN " \
            "Kepala Subbagian Teknis Penyelenggaraan Pemilu dan Hukum Inayati"
    assert removed == Counter(["SALINAN"]) + Counter(block.split()[1:]) + Counter(block.split()[1:])
    assert not Counter(asli) - Counter(salinan)
    assert "ttd." not in asli and "SALINAN" not in asli and "aslinya," not in asli
    assert asli.count("ALBER") == 2  # signature under the decree and under the Lampiran


def test_pdf_text_matches_the_docx(built):
    """Same characters in the PDF as in the DOCX, apart from the page numbers,
    the table header the PDF repeats on each page, and the hyphens of words
    hyphenated at a line end. (pypdf, not pdftotext: pdftotext drops the
    hyphen of a word broken at a line end.)"""
    header = "NOKOMPONENINDIKATORLANGKAHAKSIBUKTIFISIKTARGETWAKTU123456"
    for stem in ("keputusan-rencana-aksi", "keputusan-rencana-aksi-salinan"):
        pages = [p.extract_text() for p in PdfReader(built / f"{stem}.pdf").pages]
        pdf_chars = Counter("".join(pages).replace(" ", "").replace("\u00a0", "").replace("\n", ""))
        for n in range(2, len(pages) + 1):  # the page numbers "- n -" in the header
            pdf_chars -= Counter(f"--{n}")
        table_pages = [p for p in pages if "KOMPONEN" in p and "INDIKATOR" in p]
        assert len(table_pages) >= 6
        for _ in table_pages[1:]:
            pdf_chars -= Counter(header)
        docx_chars = Counter("".join(docx_words(built / f"{stem}.docx", no_dots=False)))
        line_end_hyphens = sum(p.count("-\n") for p in pages)
        extra = pdf_chars - docx_chars
        assert not docx_chars - pdf_chars, docx_chars - pdf_chars
        assert set(extra) <= {"-"} and extra["-"] <= line_end_hyphens, extra


def test_salinan_marks_only_in_the_salinan_pdf(built):
    salinan = pdftotext(built / "keputusan-rencana-aksi-salinan.pdf")
    asli = pdftotext(built / "keputusan-rencana-aksi.pdf")
    for mark in ("SALINAN", "ttd.", "Salinan sesuai dengan aslinya"):
        assert mark in salinan
        assert mark not in asli
    assert salinan.lstrip().startswith("SALINAN")


# --- the PDF --------------------------------------------------------------------




@pytest.mark.parametrize("name", ["keputusan-rencana-aksi.pdf", "keputusan-rencana-aksi-salinan.pdf"])
def test_pdf_is_f4_with_embedded_bookman_and_passes_qpdf(built, name):
    path = built / name
    reader = PdfReader(path)
    assert len(reader.pages) >= 15
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - F4_PT[0]) < 1.0 and abs(h - F4_PT[1]) < 1.0, (w, h)
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert {re.sub(r"^[A-Z]{6}\+", "", f.lstrip("/")) for f in fonts} == {
        "TeXGyreBonum-Regular", "TeXGyreBonum-Bold", "TeXGyreBonum-Italic"}
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert reader.metadata.get("/Producer").startswith("LibreOffice")  # the software is not named as author


def test_table_header_repeats_on_every_page_of_the_table(built):
    pages = pdf_pages(built / "keputusan-rencana-aksi-salinan.pdf", "-layout")
    first = next(i for i, p in enumerate(pages) if re.search(r"^\s*BAB II\s*$", p, re.M))
    last = max(i for i, p in enumerate(pages) if re.search(r"Analisis\s+survei", p))
    assert last - first >= 5
    header = re.compile(r"NO\s+KOMPONEN\s+INDIKATOR\s+LANGKAH AKSI\s+BUKTI FISIK\s+TARGET")
    numbers = re.compile(r"^\s*1\s+2\s+3\s+4\s+5\s+6\s*$", re.M)
    for i in range(first, last + 1):
        assert header.search(pages[i]) and numbers.search(pages[i]), f"halaman {i + 1} tanpa kepala tabel"


def test_page_numbers_from_page_two(built):
    pages = pdf_pages(built / "keputusan-rencana-aksi.pdf", "-layout")
    assert not re.search(r"-\s*1\s*-", pages[0].splitlines()[0] if pages[0].strip() else "")
    for n, page in enumerate(pages[1:], start=2):
        first_line = next(l for l in page.splitlines() if l.strip())
        assert re.fullmatch(rf"-\s*{n}\s*-", first_line.strip()), first_line


def test_lampiran_header_sits_top_right_of_its_first_page(built):
    pages = pdf_pages(built / "keputusan-rencana-aksi.pdf", "-layout")
    page = next(p for p in pages if re.search(r"^\s+LAMPIRAN\s*$", p, re.M))
    lines = [l for l in page.splitlines() if l.strip()]
    assert lines[1].strip() == "LAMPIRAN"  # right under the page number
    indent = len(lines[1]) - len(lines[1].lstrip())
    width = max(len(l) for l in lines)
    assert indent > width * 0.35
    assert "NOMOR 9 TAHUN 2026" in page


# --- the DOCX layout ----------------------------------------------------------------


@pytest.fixture(scope="module")
def salinan_doc(built):
    return Document(str(built / "keputusan-rencana-aksi-salinan.docx"))


def test_page_setup_and_font(salinan_doc):
    sec = salinan_doc.sections[0]
    assert abs(sec.page_width.mm - 215) < 0.05 and abs(sec.page_height.mm - 330) < 0.05
    # DESIGN §3 minimums (Word stores twips, so allow the rounding)
    assert sec.top_margin.mm > 19.95 and sec.bottom_margin.mm > 24.95
    assert sec.left_margin.mm > 29.95 and sec.right_margin.mm > 19.95
    assert sec.different_first_page_header_footer
    normal = salinan_doc.styles["Normal"]
    assert normal.font.name == "Bookman Old Style" and normal.font.size == Pt(12)


def _table_with_header(doc, first_cell: str):
    for t in doc.tables:
        if t.rows and t.rows[0].cells[0].text.strip() == first_cell:
            return t
    raise AssertionError(first_cell)


def test_rencana_aksi_table_structure(salinan_doc):
    t = _table_with_header(salinan_doc, "NO")
    rows = t._tbl.tr_lst
    assert [r.trPr is not None and r.trPr.find(qn("w:tblHeader")) is not None for r in rows[:3]] == [True, True, False]
    assert [c.text for c in t.rows[1].cells] == ["1", "2", "3", "4", "5", "6"]
    # area rows: the numeral, then the name across five columns
    area_rows = [r for r in rows if len(r.tc_lst) == 2]
    assert len(area_rows) == 6
    assert all(r.tc_lst[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "5" for r in area_rows)
    # NO and KOMPONEN merged down across a component's indicators: III.3 has six
    vm = [(tr.tc_lst[0].tcPr.find(qn("w:vMerge")), tr) for tr in rows if len(tr.tc_lst) == 6]
    starts = [tr for m, tr in vm if m is not None and m.get(qn("w:val")) == "restart"]
    continues = [tr for m, tr in vm if m is not None and m.get(qn("w:val")) in (None, "continue")]
    assert len(starts) == 23 and len(starts) + len(continues) == 70
    # several langkah aksi in one cell: a numbered list
    texts = [c.text for c in t.rows[5 + 7].cells] if len(t.rows) > 12 else []
    all_text = "\n".join(c.text for r in t.rows for c in r.cells)
    assert "1)\tSeluruh pegawai telah mengetahui SOP yang telah ditetapkan;" in all_text
    assert "3)\tMelaksanakan evaluasi dokumen SOP" in all_text
    del texts


def test_italics_are_kept(salinan_doc):
    body = salinan_doc.element.body
    italic = [r for r in body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:i')}") is not None]
    words = " ".join("".join(t.text for t in r.iter(qn("w:t"))) for r in italic)
    for term in ("website", "role model", "Whistle Blowing System", "pilot project", "training need analysis",
                 "Public Campaign", "reward", "Grand Design"):
        assert term in words, term
    # and nothing else: every italic run is a marked term of the plan
    assert "Menimbang" not in words and "KOMISI" not in words


def test_docx_is_a_valid_package(built):
    with zipfile.ZipFile(built / "keputusan-rencana-aksi.docx") as z:
        assert z.testzip() is None
        assert {i.date_time for i in z.infolist()} == {(2026, 3, 6, 0, 0, 0)}


# --- reproducible, safe, atomic ------------------------------------------------------


def test_same_plan_same_bytes(built, tmp_path):
    ws = copy_workspace(tmp_path / "ws2")
    assert run(["-w", str(ws), "keputusan", "2026", "--pdf"]) == 0
    for name in NAMES:
        assert (ws / "out/2026" / name).read_bytes() == (built / name).read_bytes(), name


def test_special_characters_and_template_tags_come_out_literally(ws_dir):
    weird = "Rapat & evaluasi <segera> \"A\" 'B' {{ tempat }} {% if salinan %}X{% endif %} {#c#}"

    def change(data):
        data["area"][0]["komponen"][0]["indikator"][0]["langkah_aksi"] = weird

    edit_yaml(ws_dir / "plan/2026/rencana-aksi.yaml", change)
    assert run(["-w", str(ws_dir), "keputusan", "--tanpa-pdf"]) == 0
    words = " ".join(docx_words(ws_dir / "out/2026/keputusan-rencana-aksi-salinan.docx"))
    assert weird in words


def test_plan_errors_write_nothing(ws_dir, capsys):
    def change(data):
        data["area"][0]["komponen"][0]["indikator"][0]["target_waktu"] = ""

    edit_yaml(ws_dir / "plan/2026/rencana-aksi.yaml", change)
    assert run(["-w", str(ws_dir), "keputusan", "2026", "--tanpa-pdf"]) == 1
    err = capsys.readouterr().err
    assert "plan/2026/rencana-aksi.yaml:21: galat TW-KOSONG: indikator I.1.1:" in err
    assert "tidak ada berkas yang ditulis" in err
    assert not (ws_dir / "out").exists()


def test_template_variable_missing_is_an_error_naming_it(ws_dir, capsys):
    tpl = ws_dir / "templates/keputusan/keputusan.docx"
    with zipfile.ZipFile(tpl) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"{{ tempat }}", b"{{ tempat_penetapan }}")
    with zipfile.ZipFile(tpl, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert run(["-w", str(ws_dir), "keputusan", "--tanpa-pdf"]) == 4
    assert capsys.readouterr().err == (
        "zidocs: templat keputusan.docx: variabel 'tempat_penetapan' tidak tersedia dari rencana. "
        "Perbaiki ejaan variabel di templat, atau lengkapi datanya di rencana.\n"
    )
    assert not (ws_dir / "out").exists()


def test_missing_template(ws_dir, capsys):
    (ws_dir / "templates/keputusan/lampiran-rencana-aksi.docx").unlink()
    assert run(["-w", str(ws_dir), "keputusan", "--tanpa-pdf"]) == 4
    assert "lampiran-rencana-aksi.docx: templat tidak ditemukan" in capsys.readouterr().err


def test_without_libreoffice_the_docx_is_still_written(ws_dir, capsys, monkeypatch):
    monkeypatch.setenv("ZIDOCS_SOFFICE", str(ws_dir / "tidak-ada" / "soffice"))
    assert run(["-w", str(ws_dir), "keputusan", "--pdf"]) == 5
    err = capsys.readouterr().err
    assert "apt-get install libreoffice" in err and "Berkas DOCX tetap ditulis" in err
    assert sorted(p.name for p in (ws_dir / "out/2026").iterdir()) == sorted(NAMES[:2])


def test_real_subprocess_run_writes_docx_and_pdf_by_default(ws_dir):
    env = dict(os.environ, ZIDOCS_WORKSPACE=str(ws_dir))
    proc = subprocess.run([sys.executable, "-m", "zidocs", "keputusan"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert sorted(proc.stdout.splitlines()) == sorted(str(ws_dir / "out/2026" / n) for n in NAMES)
    assert sorted(p.name for p in (ws_dir / "out/2026").iterdir()) == sorted(NAMES)
