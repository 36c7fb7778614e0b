"""Dossier pages a reader reads: index with bukti fisik and keterangan, captioned
photo pages, file names in any script, and PDF/A-2b — read back from the real
PDF (pdftotext, pdffonts, pypdf, pikepdf, pikepdf's PDF/A validator, qpdf)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pikepdf.pdfa
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from fixtures_bukti import make_files, make_plan
from glyphs import notdef_uses
from zidocs.bukti.store import BuktiStore, add_bukti
from zidocs.dossier import build_dossier
from zidocs.office.drawn import F4

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
TANGGAL = dt.date(2026, 11, 28)
DIMINTA = ["Notulen rapat", "Daftar hadir", "Foto kegiatan"]
KET_FOTO = ("Foto kegiatan sosialisasi pengendalian gratifikasi di aula kantor bersama seluruh pegawai "
            "Sekretariat dan anggota KPU")
NAMES = {  # script → uploaded file name
    "arab": "تقرير_الاجتماع.jpg",
    "jawa": "ꦗꦮ_aksara_Jawa.jpg",
    "cjk": "会议记录.jpg",
    "emoji": "📄 notulen 👍🏽 rapat.jpg",
    "hangul": "회의록.jpg",
    "runa": "ᚠᚢ_runa.jpg",  # Runic: no font here has it
}


def _embedded_pdf(path: Path) -> Path:
    """A PDF whose only font is embedded (DejaVu Sans), like a well-made upload."""
    if "UjiSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UjiSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    c = canvas.Canvas(str(path), pagesize=(595.2756, 841.8898), invariant=1, initialFontName="UjiSans")
    c.setFont("UjiSans", 14)
    c.drawString(60, 760, "Notulen rapat evaluasi pengendalian gratifikasi")
    c.showPage()
    c.save()
    return path


def _with_italics(plan):
    """The test plan with italics in a komponen name (a bold heading in the
    index), an indicator (index row) and the photo's indicator (its caption);
    the printed words stay the same."""
    area = plan.rencana_aksi.area[1]
    k1, k2, *rest = area.komponen
    i11, *i1 = k1.indikator
    i21, *i2 = k2.indikator
    k1 = k1.model_copy(update={"nama": "Pengendalian *Gratifikasi*", "indikator": [
        i11.model_copy(update={"indikator": "Telah dilakukan *public campaign* tentang pengendalian gratifikasi"}),
        *i1]})
    k2 = k2.model_copy(update={"indikator": [
        i21.model_copy(update={"indikator": "Telah dibangun *lingkungan pengendalian*"}), *i2]})
    areas = [plan.rencana_aksi.area[0], area.model_copy(update={"komponen": [k1, k2, *rest]})]
    return plan.model_copy(update={"rencana_aksi": plan.rencana_aksi.model_copy(update={"area": areas})})


def _build(base: Path, *, with_unembedded: bool, lose: str | None = None):
    files = make_files(base / "berkas")
    plan = _with_italics(make_plan(bukti_fisik={"Kebijakan pengaduan masyarakat": DIMINTA}))
    store = BuktiStore.open(base / "bukti")
    adds = [(files["foto"], "V.2.1", KET_FOTO, dt.date(2026, 3, 12)),
            (files["layar"], "V.2.2", "", None),
            (_embedded_pdf(base / "notulen-tertanam.pdf"), "V.1.1", "Notulen rapat evaluasi", dt.date(2026, 2, 3))]
    for k, (script, name) in enumerate(NAMES.items()):
        p = base / name
        Image.new("RGB", (320 + 20 * k, 200), (30 * k, 120, 200 - 30 * k)).save(p, "JPEG", quality=80)
        adds.append((p, "V.3.1", f"Keterangan {name}", None))
    if with_unembedded:
        adds.append((files["laporan"], "V.1.2", "Laporan dengan huruf tak tersemat", None))
    entries = {}
    for n, (path, ind, ket, tgl) in enumerate(adds):
        entries[path.name] = add_bukti(store, plan, [path], indikator=ind, keterangan=ket, tanggal=tgl,
                                       now=NOW + dt.timedelta(minutes=n)).items[0].entry
    if lose:
        store.blob_path(entries[lose].sha256).unlink()
    out = base / "out"
    result = build_dossier(store, plan, out, areas=["V"], tanggal=TANGGAL)
    return {"result": result, "manifest": json.loads(result.manifest.read_text()), "files": files,
            "store": store, "plan": plan, "base": base, "names": {p.name: p for p, *_ in adds}}


@pytest.fixture(scope="module")
def arsip(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("arsip"), with_unembedded=False, lose=NAMES["emoji"])


@pytest.fixture(scope="module")
def campuran(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("campuran"), with_unembedded=True)


def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    return out.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def entry(manifest, name):
    return next(b for b in manifest["berkas"] if b["nama_asli"] == name)


# --- index --------------------------------------------------------------------------------


def test_index_lists_the_bukti_fisik_asked_for_numbered_as_the_decree(arsip):
    m = arsip["manifest"]
    index = [pages_text(arsip["result"].pdf)[n - 1] for n in m["halaman_depan"]["daftar_isi"]]
    lines = [ln.strip() for page in index for ln in page.splitlines() if ln.strip()]
    at = lines.index("Bukti fisik yang diminta:")
    assert lines[at - 1].startswith("V.3.1 Kebijakan pengaduan masyarakat")
    assert lines[at + 1:at + 4] == ["1) Notulen rapat", "2) Daftar hadir", "3) Foto kegiatan"]
    # one bukti fisik: on one line
    assert "Bukti fisik yang diminta: Dokumen" in flat(" ".join(index))


def test_index_shows_keterangan_date_and_file_name(arsip):
    m = arsip["manifest"]
    index = flat(" ".join(pages_text(arsip["result"].pdf)[n - 1] for n in m["halaman_depan"]["daftar_isi"]))
    foto = entry(m, "foto.jpg")
    assert f"– {KET_FOTO}" in re.sub(r" \d+ ", " ", index)  # wrapped over two lines, page number at the first
    assert "kegiatan 12 Maret 2026 · berkas foto.jpg" in index
    assert "kegiatan 3 Februari 2026 · berkas notulen-tertanam.pdf" in index
    assert "– layar.png" in index  # no keterangan: the file name
    assert foto["keterangan"] == KET_FOTO


def test_index_rows_wrap_without_loss_and_the_index_stays_short(arsip):
    from zidocs.dossier.pages import row_lines

    m = arsip["manifest"]
    assert m["halaman_depan"]["daftar_isi"] == [2]  # 8 files, 7 indicators: one F4 page
    from zidocs.dossier.layout import IndexRow

    row = IndexRow("file", "1", KET_FOTO, detail="kegiatan 12 Maret 2026 · berkas foto.jpg")
    lines = row_lines(row, F4)
    assert len(lines) == 3 and " ".join(ln.text for ln in lines[:2]) == "– " + KET_FOTO
    assert lines[1].indent > lines[0].indent  # the continuation hangs under the text, not the dash


def drawn_fonts(pdf: Path, page: int) -> list[tuple[str, str]]:
    """(text, font name without subset tag) of each string drawn on ``page`` (1-based)."""
    from pypdf import PdfReader

    out: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            out.append((text, str(font.get("/BaseFont", "")).split("+")[-1]))

    PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    return out


def font_of(drawn: list[tuple[str, str]], words: str) -> set[str]:
    """The fonts ``words`` are drawn in (each word looked up on its own)."""
    found = {font for word in words.split() for text, font in drawn if word in text.split()}
    assert found, (words, drawn)
    return found


def test_italics_in_plan_text_print_in_italic(arsip):
    """*…* in a komponen name prints bold italic, in an indicator italic, and
    the words around them stay upright (index and photo caption)."""
    m, pdf = arsip["manifest"], arsip["result"].pdf
    index = drawn_fonts(pdf, m["halaman_depan"]["daftar_isi"][0])
    assert font_of(index, "Gratifikasi") == {"DejaVuSerif-BoldItalic"}
    assert font_of(index, "Pengendalian") >= {"DejaVuSerif-Bold"}
    assert font_of(index, "public campaign") == {"DejaVuSerif-Italic"}
    assert font_of(index, "dilakukan") == {"DejaVuSerif"}
    text = flat(pages_text(pdf)[m["halaman_depan"]["daftar_isi"][0] - 1])
    assert "1. Pengendalian Gratifikasi" in text and "*" not in text
    caption = drawn_fonts(pdf, entry(m, "foto.jpg")["halaman_awal"])
    assert font_of(caption, "lingkungan") == {"DejaVuSerif-BoldItalic"}
    assert font_of(caption, "dibangun") == {"DejaVuSerif-Bold"}
    # the outline has no italics: plain words, no stars
    titles = []
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack += list(item.children)
    assert "1. Pengendalian Gratifikasi" in titles and not any("*" in t for t in titles)


def test_a_star_in_a_file_name_prints_as_written(tmp_path):
    from zidocs.dossier.layout import IndexRow
    from zidocs.dossier.pages import row_lines
    from zidocs.text.markup import escape

    row = IndexRow("file", "1", escape("foto *rapat* 2*3.jpg"))
    assert [(ln.text, {s for _, s in ln.pieces}) for ln in row_lines(row, F4)] == [
        ("– foto *rapat* 2*3.jpg", {"regular"})]


# --- photo pages --------------------------------------------------------------------------


def _images(obj, depth=0):
    res = obj.get("/Resources")
    for _, x in (res.get("/XObject", {}) if res is not None else {}).items():
        if x.get("/Subtype") == "/Image":
            yield x
        elif x.get("/Subtype") == "/Form" and depth < 4:
            yield from _images(x, depth + 1)


def test_photo_page_carries_a_caption_and_the_unchanged_jpeg(arsip):
    m, pdf = arsip["manifest"], arsip["result"].pdf
    foto = entry(m, "foto.jpg")
    page_text = flat(pages_text(pdf)[foto["halaman_awal"] - 1])
    assert "V.2.1 Telah dibangun lingkungan pengendalian" in page_text
    assert KET_FOTO in page_text
    assert "Tanggal kegiatan: 12 Maret 2026 · berkas foto.jpg" in page_text
    layar = flat(pages_text(pdf)[entry(m, "layar.png")["halaman_awal"] - 1])
    assert "Tanggal kegiatan: tidak dicatat · berkas layar.png" in layar
    with pikepdf.open(pdf) as p:
        page = p.pages[foto["halaman_awal"] - 1]
        w, h = float(page.mediabox[2]), float(page.mediabox[3])
        assert abs(w - F4[0]) < 0.5 and abs(h - F4[1]) < 0.5  # the office's paper, not A4
        (image,) = list(_images(page.obj))
        assert image.Filter == "/DCTDecode"
        assert image.read_raw_bytes() == arsip["files"]["foto"].read_bytes()  # not re-encoded
        landscape = p.pages[entry(m, "layar.png")["halaman_awal"] - 1]
        assert float(landscape.mediabox[2]) > float(landscape.mediabox[3])  # F4 turned for a wide image
    # the caption sits below the photo: the photo's bottom band (blue) is above the caption text
    png = arsip["base"] / "foto-hal"
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", str(foto["halaman_awal"]), "-l",
                    str(foto["halaman_awal"]), str(pdf), str(png)], check=True)
    (render,) = arsip["base"].glob("foto-hal-*.png")
    im = Image.open(render).convert("RGB")
    column = [im.getpixel((im.width // 2, y)) for y in range(im.height)]
    blue = [y for y, c in enumerate(column) if c[2] > 150 and c[0] < 100]
    words = subprocess.run(["pdftotext", "-bbox", "-f", str(foto["halaman_awal"]), "-l",
                            str(foto["halaman_awal"]), str(pdf), "-"], capture_output=True, text=True).stdout
    cap_top = min(float(y) for y in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">V\.2\.1<', words))
    assert max(blue) * 72 / 30 < cap_top - 5


# --- any script -------------------------------------------------------------------------------


def test_file_names_in_any_script_print_without_a_missing_glyph(arsip):
    pdf = arsip["result"].pdf
    assert notdef_uses(pdf) == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for face in ("NotoNaskhArabic", "NotoSansJavanese", "DroidSansFallback", "NanumMyeongjo", "Symbola"):
        assert face in fonts, face
    m = arsip["manifest"]
    index = " ".join(pages_text(pdf)[n - 1] for n in m["halaman_depan"]["daftar_isi"])
    for script in ("jawa", "cjk"):
        assert NAMES[script] in index, script
    assert "📄 notulen 👍 rapat.jpg" in index  # the skin-tone modifier (a swatch in monochrome) is dropped
    assert NAMES["hangul"] in index  # Nanum Myeongjo
    assert "[U+16A0][U+16A2]_runa.jpg" in index  # no font has Runic: its codes, never a box
    # Arabic: joined forms (presentation forms) of the same letters, right to left
    arab = unicodedata.normalize("NFKC", index)
    word = "تقرير"
    assert word in arab or word[::-1] in arab
    forms = [c for c in index if 0xFE70 <= ord(c) <= 0xFEFF]
    assert len(forms) >= 10  # shaped: contextual forms, not isolated letters in logical order


def test_placeholder_page_names_a_non_latin_file(arsip):
    m, pdf = arsip["manifest"], arsip["result"].pdf
    lost = entry(m, NAMES["emoji"])
    assert lost["pengganti"]
    text = flat(pages_text(pdf)[lost["halaman_awal"] - 1])
    assert "BERKAS BUKTI TIDAK DAPAT DIMUAT" in text
    assert "📄 notulen 👍 rapat.jpg" in text and f"Keterangan {'📄 notulen 👍 rapat.jpg'}" in text


# --- PDF/A-2b ---------------------------------------------------------------------------------


def _xmp(pdf: Path) -> str:
    with pikepdf.open(pdf) as p:
        return p.Root.Metadata.read_bytes().decode("utf-8")


def test_dossier_of_embedded_parts_is_pdfa_2b(arsip):
    r, m = arsip["result"], arsip["manifest"]
    pdf = r.pdf
    assert r.pdfa_2b and r.pdfa_alasan == ()
    assert m["pdf"]["pdfa"] == {"pdfa_2b": True, "alasan": []}
    xmp = _xmp(pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    with pikepdf.open(pdf) as p:
        meta = p.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == str(p.docinfo["/Title"])
        assert meta["xmp:CreateDate"] == "2026-11-28T00:00:00Z" and str(p.docinfo["/CreationDate"]) == "D:20261128000000Z"
        assert meta["pdf:Keywords"] == str(p.docinfo["/Keywords"]) == f"zidocs-manifest:{m['id']}"
        (intent,) = p.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"
        assert "/Filter" not in p.Root.Metadata  # XMP readable without decoding
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # emb column
    report = pikepdf.pdfa.validate_written(str(pdf), "2b")  # the written bytes, incremental update included
    assert report.passed, [str(f) for f in report.findings]
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr


def test_uploaded_pdf_with_unembedded_fonts_withdraws_the_claim_and_says_why(campuran):
    r, m = campuran["result"], campuran["manifest"]
    assert not r.pdfa_2b
    assert m["pdf"]["pdfa"]["pdfa_2b"] is False
    alasan = m["pdf"]["pdfa"]["alasan"]
    ident = entry(m, "laporan.pdf")["id"]
    assert alasan[0] == f"laporan.pdf (ID {ident}, V.1.2): huruf tidak disematkan (Helvetica, Helvetica-Bold)", alasan
    assert alasan[-1].startswith("pemeriksaan PDF/A lengkap tidak dijalankan")
    assert "pdfaid" not in _xmp(r.pdf)  # no false claim
    with pikepdf.open(r.pdf) as p:
        assert "/OutputIntents" in p.Root  # the rest of the archival work stays
    # zidocs' own pages still embed every font: only the upload's Helvetica is not
    fonts = subprocess.run(["pdffonts", str(r.pdf)], capture_output=True, text=True, check=True).stdout
    unembedded = sorted({row.split()[0] for row in fonts.splitlines()[2:] if row.split()[-5] == "no"})
    assert unembedded == ["Helvetica", "Helvetica-Bold"], fonts
    assert not pikepdf.pdfa.validate_written(str(r.pdf), "2b").passed  # the verdict was right


def test_same_inputs_same_bytes_with_pdfa(arsip, tmp_path):
    r = arsip["result"]
    again = build_dossier(arsip["store"], arsip["plan"], tmp_path / "lagi", areas=["V"], tanggal=TANGGAL)
    assert again.pdf.read_bytes() == r.pdf.read_bytes()
    assert again.manifest.read_text() == r.manifest.read_text()
