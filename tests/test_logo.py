"""The office's logo (kantor.logo): drawn above the decree kop, on the monev
cover and on the dossier cover when the plan names a PNG/JPEG; nothing drawn
without it; `zidocs check` warns (LOGO-TIDAK-ADA) when the file named is
missing or not an image. The test logo is made here with Pillow: zidocs
ships no emblem (the office supplies its own)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from zidocs.cli import run
from zidocs.dossier import pages as pages_mod
from zidocs.office.drawn import fonts
from zidocs.plan.check import check_plan
from zidocs.plan.workspace import Workspace

from helpers import copy_workspace, edit_yaml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_logo(path: Path) -> bytes:
    img = Image.new("RGB", (300, 360), "white")
    for x in range(40, 260):
        for y in range(40, 320, 7):
            img.putpixel((x, y), (180, 20, 20))
    img.save(path, format="PNG")
    return path.read_bytes()


def set_logo(ws: Path, value: str) -> None:
    def change(data):
        data["kantor"]["logo"] = value
    edit_yaml(ws / "plan/kantor.yaml", change)


def body_before(docx: Path, text: str) -> str:
    """document.xml up to the first paragraph that contains ``text``."""
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return xml[: xml.index(text)]


def media(docx: Path) -> list[bytes]:
    with zipfile.ZipFile(docx) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("word/media/")]


def pdf_first_page_images(pdf: Path) -> list:
    return list(PdfReader(str(pdf)).pages[0].images)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = copy_workspace(tmp_path_factory.mktemp("logo") / "ws")
    png = make_logo(ws / "plan" / "logo.png")
    set_logo(ws, "plan/logo.png")
    assert run(["-w", str(ws), "keputusan", "2026", "--pdf"]) == 0
    assert run(["-w", str(ws), "monev", "2026", "--periode", "TW1", "--pdf"]) == 0
    return ws, png


def test_decree_kop_carries_the_logo(built):
    ws, png = built
    for stem in ("keputusan-rencana-aksi", "keputusan-rencana-aksi-salinan"):
        docx = ws / "out/2026" / f"{stem}.docx"
        head = body_before(docx, "KOMISI PEMILIHAN UMUM")
        assert "<w:drawing>" in head, stem  # above the kop lines
        assert png in media(docx)  # the office's file, bytes unchanged
        images = pdf_first_page_images(ws / "out/2026" / f"{stem}.pdf")
        assert len(images) == 1
        w, h = images[0].image.size  # LibreOffice may resample it; the shape stays
        assert abs(w / h - 300 / 360) < 0.01


def test_monev_cover_carries_the_logo(built):
    ws, png = built
    docx = ws / "out/2026/monev/monev-TW1.docx"
    assert "<w:drawing>" in body_before(docx, "LAPORAN")
    assert png in media(docx)
    # (LibreOffice shares one resource dictionary between pages: the chart is listed too)
    sizes = [i.image.size for i in pdf_first_page_images(ws / "out/2026/monev/monev-TW1.pdf")]
    assert any(abs(w / h - 300 / 360) < 0.01 for w, h in sizes), sizes
    # the logo takes the room of the cover's blank lines: the cover stays one page
    import subprocess
    pages = subprocess.run(["pdftotext", "-layout", str(ws / "out/2026/monev/monev-TW1.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    assert "LAPORAN" in pages[0] and "KABUPATEN MERANGIN" in pages[0] and "PENDAHULUAN" not in pages[0]
    assert "PENDAHULUAN" in pages[1]


def test_dossier_cover_carries_the_logo(tmp_path):
    png = tmp_path / "logo.png"
    make_logo(png)
    info = dict(kantor="Komisi Pemilihan Umum Kabupaten Merangin", judul_area=["Area V"], tahun=2026,
                tanggal=dt.date(2026, 5, 1), files=0, pages=2, placeholders=0, duplicates=0)
    for logo, n in ((png, 1), (None, 0)):
        out = tmp_path / f"cover-{n}.pdf"
        c = pages_mod.canvas.Canvas(str(out), pagesize=pages_mod.F4, invariant=1)
        pages_mod._cover(c, fonts(), pages_mod.CoverInfo(**info, logo=logo))
        c.showPage()
        c.save()
        assert len(pdf_first_page_images(out)) == n


def test_without_logo_nothing_is_drawn(tmp_path):
    ws = copy_workspace(tmp_path / "ws")  # the shipped plan names no logo
    assert run(["-w", str(ws), "keputusan", "2026", "--tanpa-pdf"]) == 0
    docx = ws / "out/2026/keputusan-rencana-aksi.docx"
    assert "<w:drawing>" not in body_before(docx, "KOMISI PEMILIHAN UMUM") and not media(docx)


@pytest.mark.parametrize(("content", "why"), [
    (None, "tidak ditemukan"),
    (b"bukan gambar", "bukan gambar PNG atau JPEG"),
])
def test_check_warns_when_the_logo_is_missing_or_not_an_image(tmp_path, content, why):
    ws = copy_workspace(tmp_path / "ws")
    if content is not None:
        (ws / "plan/logo.png").write_bytes(content)
    set_logo(ws, "plan/logo.png")
    found = [f for f in check_plan(Workspace(ws), 2026).findings if f.kode == "LOGO-TIDAK-ADA"]
    assert len(found) == 1
    f = found[0]
    assert (f.file, f.level) == ("plan/kantor.yaml", "peringatan")
    text = (ws / "plan/kantor.yaml").read_text(encoding="utf-8").splitlines()
    assert text[f.line - 1].strip().startswith("logo:")
    assert f.pesan.startswith(f"logo “plan/logo.png” {why}; dokumen dicetak tanpa logo.")
    # the documents are still made, without the logo
    assert run(["-w", str(ws), "keputusan", "2026", "--tanpa-pdf"]) == 0
    assert not media(ws / "out/2026/keputusan-rencana-aksi.docx")


def test_a_good_logo_draws_no_finding(tmp_path):
    ws = copy_workspace(tmp_path / "ws")
    make_logo(ws / "plan/logo.png")
    set_logo(ws, "plan/logo.png")
    assert not [f for f in check_plan(Workspace(ws), 2026).findings if f.kode == "LOGO-TIDAK-ADA"]
