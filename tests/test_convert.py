"""LibreOffice conversion, deterministic PDFs and DOCX — with the real soffice.

No mocks: the tests that need LibreOffice run it (CI installs it) and are
skipped only when no soffice is installed at all.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.shared import Mm, Pt
from pypdf import PdfReader

from zidocs.office import convert
from zidocs.office.convert import check_pdf, check_sources, find_soffice, stderr_tail, to_pdf
from zidocs.office.docxnorm import normalize_docx_bytes, save_docx
from zidocs.errors import ConversionError, ExitCode
from zidocs.office.pdfnorm import fix_icc_date, normalize_pdf, pdf_date

BUILD = dt.date(2026, 3, 9)
MM = 72 / 25.4
F4 = (215 * MM, 330 * MM)
TEXT_BOOKMAN = "Keputusan Komisi Pemilihan Umum Kabupaten Merangin Nomor 9 Tahun 2026"
TEXT_BONUM = "Rencana Aksi Pembangunan Zona Integritas Menuju WBK"
BOOKMAN_FACES = {"TeXGyreBonum-Regular", "URWBookman-Light", "BookmanOldStyle"}

HAVE_SOFFICE = bool(
    os.environ.get("ZIDOCS_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
)
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice (soffice) tidak terpasang")


# --------------------------------------------------------------------------
# helpers


def make_docx(path: Path, text: str, font: str) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    run = doc.add_paragraph().add_run(text)
    run.font.name = font
    run.font.size = Pt(12)
    doc.save(path)
    return path


def font_problems(pdf_path: Path) -> list[str]:
    """Fonts whose program is not embedded (descriptor without FontFile*)."""
    problems = []
    with pikepdf.open(pdf_path) as pdf:
        fonts = [
            o for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.Font
        ]
        assert fonts, "PDF has no fonts at all"
        for font in fonts:
            subtype = font.get("/Subtype")
            if subtype in (pikepdf.Name.Type0, pikepdf.Name.Type3):
                continue  # Type0: checked via its descendant; Type3: glyphs are in the PDF
            desc = font.get("/FontDescriptor")
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(str(font.get("/BaseFont")))
    return problems


def base_fonts(pdf_path: Path) -> set[str]:
    with pikepdf.open(pdf_path) as pdf:
        return {
            str(o.BaseFont).split("+", 1)[-1].lstrip("/")
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary)
            and o.get("/Type") == pikepdf.Name.Font
            and "/BaseFont" in o
        }


def pdf_text(pdf_path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def soffice_processes_under(folder: Path) -> list[int]:
    """PIDs whose command line mentions ``folder`` (our private profile)."""
    pids = []
    needle = str(folder).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Route zidocs' temp work dirs and lock file into this test's folder."""
    t = tmp_path / "systmp"
    t.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(t))
    return t


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("src")
    # Deliberately not in alphabetical order: outputs must follow input order.
    return [
        make_docx(d / "sk-rencana-aksi.docx", TEXT_BOOKMAN, "Bookman Old Style"),
        make_docx(d / "lampiran.docx", TEXT_BONUM, "TeX Gyre Bonum"),
    ]


@pytest.fixture(scope="module")
def converted(sources, tmp_path_factory) -> list[Path]:
    if not HAVE_SOFFICE:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    out = tmp_path_factory.mktemp("out")
    return to_pdf(sources, out, build_date=BUILD)


# --------------------------------------------------------------------------
# real conversions


@needs_soffice
def test_batch_outputs_in_input_order(converted, sources):
    assert [p.name for p in converted] == ["sk-rencana-aksi.pdf", "lampiran.pdf"]
    for pdf in converted:
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")
    # nothing else (temp files) left in the output folder
    assert sorted(p.name for p in converted[0].parent.iterdir()) == sorted(p.name for p in converted)


@needs_soffice
def test_pdfs_pass_qpdf_check(converted):
    for pdf in converted:
        if shutil.which("qpdf"):
            res = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
            assert res.returncode == 0, res.stdout + res.stderr
        else:  # same library, without the CLI
            with pikepdf.open(pdf) as p:
                assert p.check() == []


@needs_soffice
def test_page_size_is_f4(converted):
    for pdf in converted:
        page = PdfReader(pdf).pages[0]
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - F4[0]) <= 1 and abs(h - F4[1]) <= 1, (pdf.name, w, h, F4)


@needs_soffice
def test_fonts_embedded_and_bookman_becomes_bonum(converted):
    for pdf in converted:
        assert font_problems(pdf) == [], f"{pdf.name}: fonts not embedded"
    # "Bookman Old Style" has no free copy. Debian's stock fontconfig aliases
    # (30-metric-aliases.conf) map it to URW Bookman when fonts-urw-base35 is
    # installed, else to TeX Gyre Bonum (fonts-texgyre); all three share the
    # metrics. Anything else (e.g. DejaVu) means lines and pages will break
    # differently from Word: install fonts-texgyre.
    assert base_fonts(converted[0]) <= BOOKMAN_FACES, base_fonts(converted[0])
    assert base_fonts(converted[1]) == {"TeXGyreBonum-Regular"}, base_fonts(converted[1])


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_text_extractable(converted):
    assert TEXT_BOOKMAN in pdf_text(converted[0])
    assert TEXT_BONUM in pdf_text(converted[1])


@needs_soffice
def test_metadata_fixed(converted):
    with pikepdf.open(converted[0]) as pdf:
        assert str(pdf.docinfo["/Producer"]).startswith("LibreOffice")
        assert str(pdf.docinfo["/CreationDate"]) == "D:20260309000000Z"
        assert str(pdf.docinfo["/ModDate"]) == "D:20260309000000Z"
        assert "/DocChecksum" not in pdf.trailer
        id0, id1 = (bytes(x) for x in pdf.trailer.ID)
        assert id0 == id1  # both halves are the content hash


@needs_soffice
def test_converting_twice_gives_identical_bytes(converted, sources, tmp_path):
    again = to_pdf(sources, tmp_path / "again", build_date=BUILD)
    for first, second in zip(converted, again):
        assert first.read_bytes() == second.read_bytes(), first.name


@needs_soffice
def test_build_date_changes_only_dates(converted, sources, tmp_path):
    other = to_pdf(sources[:1], tmp_path, build_date=dt.date(2027, 1, 2))[0]
    with pikepdf.open(other) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20270102000000Z"
    assert len(PdfReader(other).pages) == len(PdfReader(converted[0]).pages)


@needs_soffice
def test_undecodable_docx_fails_in_libreoffice_and_writes_nothing(sources, tmp_path, private_tmp):
    # A real zip that claims to be a DOCX but whose document.xml is garbage:
    # passes the pre-check, so LibreOffice runs, exits 0, and writes no PDF.
    broken = tmp_path / "rusak.docx"
    with zipfile.ZipFile(sources[0]) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = b"<<<bukan xml" if info.filename == "word/document.xml" else zin.read(info)
            zout.writestr(info, data)
    outdir = tmp_path / "out"
    with pytest.raises(ConversionError) as exc:
        to_pdf([sources[1], broken], outdir)
    msg = exc.value.message
    assert str(broken) in msg
    assert str(sources[1]) not in msg  # the good file is not blamed
    assert "Sebab menurut LibreOffice: " in msg  # in Indonesian, not its English stderr
    assert exc.value.exit_code == ExitCode.KONVERSI
    assert not outdir.exists()  # the good file was not written either
    assert list(private_tmp.glob("zidocs-lo-*")) == []  # work dir cleaned up


@needs_soffice
def test_timeout_kills_libreoffice(sources, tmp_path, private_tmp):
    with pytest.raises(ConversionError, match="tidak selesai dalam") as exc:
        to_pdf(sources, tmp_path / "out", timeout=0.2)
    assert sources[0].name in exc.value.message
    deadline = time.monotonic() + 5
    while soffice_processes_under(private_tmp) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert soffice_processes_under(private_tmp) == []
    assert list(private_tmp.glob("zidocs-lo-*")) == []
    assert not (tmp_path / "out").exists()


@needs_soffice
def test_waits_for_lock_then_gives_up(sources, tmp_path, private_tmp):
    fd = os.open(convert.lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # "another zidocs process" holds LibreOffice
        with pytest.raises(ConversionError, match="masih dipakai"):
            to_pdf(sources, tmp_path / "out", timeout=0.3)
    finally:
        os.close(fd)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------
# checks before LibreOffice starts


def test_garbage_docx_is_refused_by_name(tmp_path):
    garbage = tmp_path / "sampah.docx"
    garbage.write_bytes(os.urandom(4096))
    with pytest.raises(ConversionError) as exc:
        to_pdf([garbage], tmp_path / "out")
    assert str(garbage) in exc.value.message
    assert "bukan berkas DOCX yang sah" in exc.value.message
    assert not (tmp_path / "out").exists()


def test_text_renamed_to_docx_is_refused(tmp_path):
    # LibreOffice would happily "convert" this as plain text.
    fake = tmp_path / "catatan.docx"
    fake.write_text("hanya teks biasa\n")
    with pytest.raises(ConversionError, match="catatan.docx"):
        check_sources([fake])


def test_missing_source(tmp_path):
    missing = tmp_path / "tidak-ada.docx"
    with pytest.raises(ConversionError) as exc:
        to_pdf([missing], tmp_path / "out")
    assert str(missing) in exc.value.message
    assert "tidak ditemukan" in exc.value.message


def test_all_problems_reported_together(tmp_path, sources):
    a = tmp_path / "a.docx"
    b = tmp_path / "b.txt"
    b.write_text("x")
    same_stem = tmp_path / "lampiran.docx"
    shutil.copyfile(sources[1], same_stem)
    with pytest.raises(ConversionError) as exc:
        check_sources([a, b, sources[1], same_stem])
    msg = exc.value.message
    assert str(a) in msg and str(b) in msg and "'.txt' tidak didukung" in msg
    assert "lampiran.pdf" in msg  # two sources would overwrite each other


def test_odf_mimetype_checked(tmp_path):
    def odf(name, mime):
        p = tmp_path / name
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("mimetype", mime)
            z.writestr("content.xml", "<x/>")
        return p

    assert convert.source_problem(odf("ok.odt", "application/vnd.oasis.opendocument.text")) is None
    assert convert.source_problem(odf("ok.ods", "application/vnd.oasis.opendocument.spreadsheet")) is None
    assert convert.source_problem(odf("wrong.odt", "application/vnd.oasis.opendocument.spreadsheet"))


def test_empty_batch_needs_no_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setenv("ZIDOCS_SOFFICE", str(tmp_path / "nowhere"))
    assert to_pdf([], tmp_path / "out") == []


# --------------------------------------------------------------------------
# finding LibreOffice


def test_soffice_override_missing_mentions_apt_get(tmp_path, monkeypatch, sources):
    monkeypatch.setenv("ZIDOCS_SOFFICE", str(tmp_path / "tidak" / "soffice"))
    with pytest.raises(ConversionError) as exc:
        to_pdf(sources[:1], tmp_path / "out")
    assert "apt-get install libreoffice-writer-nogui" in exc.value.message
    assert "ZIDOCS_SOFFICE" in exc.value.message
    assert exc.value.exit_code == ExitCode.KONVERSI
    assert not (tmp_path / "out").exists()


def test_soffice_not_on_path(tmp_path, monkeypatch):
    monkeypatch.delenv("ZIDOCS_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConversionError, match="apt-get") as exc:
        find_soffice()
    assert "tidak terpasang" in exc.value.message


def test_soffice_override_is_used(tmp_path, monkeypatch):
    fake = tmp_path / "my-soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ZIDOCS_SOFFICE", str(fake))
    assert find_soffice() == str(fake)


# --------------------------------------------------------------------------
# small pure pieces


def test_check_pdf_reasons(tmp_path):
    assert "tidak menghasilkan" in check_pdf(tmp_path / "none.pdf")
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert "kosong" in check_pdf(tmp_path / "empty.pdf")
    (tmp_path / "html.pdf").write_bytes(b"<html></html>")
    assert "bukan PDF" in check_pdf(tmp_path / "html.pdf")
    (tmp_path / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    assert check_pdf(tmp_path / "cut.pdf") is not None


def test_stderr_tail_drops_noise():
    err = "Warning: failed to launch javaldx - java may not function correctly\n" + "\n".join(
        f"line {i}" for i in range(30)
    )
    tail = stderr_tail(err)
    assert "javaldx" not in tail
    assert tail.splitlines() == [f"line {i}" for i in range(15, 30)]


def test_pdf_date():
    assert pdf_date(BUILD) == "D:20260309000000Z"
    assert pdf_date(dt.datetime(2026, 3, 9, 17, 45)) == "D:20260309000000Z"
    assert pdf_date(None) == "D:20000101000000Z"


def test_fix_icc_date():
    header = bytearray(128)
    header[24:36] = struct.pack(">6H", 2026, 11, 28, 11, 51, 17)
    header[36:40] = b"acsp"
    fixed = fix_icc_date(bytes(header), BUILD)
    assert struct.unpack(">6H", fixed[24:36]) == (2026, 3, 9, 0, 0, 0)
    assert fix_icc_date(b"not a profile", BUILD) == b"not a profile"


def test_normalize_pdf_is_deterministic_and_keeps_content(tmp_path):
    # Two PDFs that differ only in what LibreOffice varies per run.
    def make(path: Path, stamp: str, ident: bytes):
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=F4)
        pdf.docinfo["/CreationDate"] = stamp
        pdf.docinfo["/Producer"] = "LibreOffice 7.4"
        pdf.docinfo["/Title"] = "SK"
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(ident), pikepdf.String(ident)])
        pdf.trailer.DocChecksum = pikepdf.Name("/" + ident.hex().upper())
        pdf.save(path, static_id=True)

    make(tmp_path / "a.pdf", "D:20261128115000Z'", os.urandom(16))
    make(tmp_path / "b.pdf", "D:20261128115917Z'", os.urandom(16))
    normalize_pdf(tmp_path / "a.pdf", tmp_path / "na.pdf", build_date=BUILD)
    normalize_pdf(tmp_path / "b.pdf", tmp_path / "nb.pdf", build_date=BUILD)
    assert (tmp_path / "na.pdf").read_bytes() == (tmp_path / "nb.pdf").read_bytes()
    with pikepdf.open(tmp_path / "na.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "SK"
    normalize_pdf(tmp_path / "a.pdf", tmp_path / "a.pdf", title="Lampiran")  # in place
    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "Lampiran"


def test_normalize_pdf_damaged(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    with pytest.raises(ConversionError, match="bad.pdf"):
        normalize_pdf(tmp_path / "bad.pdf", tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


# --------------------------------------------------------------------------
# deterministic DOCX


def _sample_document():
    doc = Document()
    doc.add_paragraph("KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN")
    return doc


def test_docx_saved_twice_at_different_times_is_identical(tmp_path):
    doc = _sample_document()
    first, second = io.BytesIO(), io.BytesIO()
    doc.save(first)
    time.sleep(2.1)  # zip timestamps have 2-second resolution
    doc.save(second)
    assert first.getvalue() != second.getvalue()  # the trap this module exists for

    save_docx(first.getvalue(), tmp_path / "a.docx", build_date=BUILD)
    save_docx(doc, tmp_path / "b.docx", build_date=BUILD)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert normalize_docx_bytes(second.getvalue(), BUILD) == (tmp_path / "a.docx").read_bytes()


def test_docx_normalisation_is_idempotent_and_fixes_zip_and_core(tmp_path):
    buf = io.BytesIO()
    _sample_document().save(buf)
    once = normalize_docx_bytes(buf.getvalue(), BUILD)
    assert normalize_docx_bytes(once, BUILD) == once

    with zipfile.ZipFile(io.BytesIO(once)) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        assert names[0] == "[Content_Types].xml"
        assert names[1:] == sorted(names[1:])
        for info in infos:
            assert info.date_time == (2026, 3, 9, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert (info.external_attr >> 16) & 0o777 == 0o644
        core = z.read("docProps/core.xml").decode()
    assert re.search(r"<dcterms:created [^>]*>2026-03-09T00:00:00Z<", core)
    assert re.search(r"<dcterms:modified [^>]*>2026-03-09T00:00:00Z<", core)
    assert "zidocs" not in core
    assert "<cp:revision>1</cp:revision>" in core
    # still a document python-docx can open
    assert Document(io.BytesIO(once)).paragraphs[0].text.startswith("KEPUTUSAN")


def test_docx_build_date_changes_bytes():
    buf = io.BytesIO()
    _sample_document().save(buf)
    assert normalize_docx_bytes(buf.getvalue(), BUILD) != normalize_docx_bytes(
        buf.getvalue(), dt.date(2026, 3, 10)
    )


def test_docx_not_a_zip(tmp_path):
    from zidocs.errors import TemplateError

    with pytest.raises(TemplateError, match="keluaran.docx"):
        save_docx(b"garbage", tmp_path / "keluaran.docx", build_date=BUILD)
    assert not (tmp_path / "keluaran.docx").exists()
