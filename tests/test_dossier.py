"""The dossier, read back with pypdf, pikepdf, pdftotext, pdftoppm and qpdf."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from fixtures_bukti import make_files, make_plan, write_workspace
from zidocs.bukti.store import BuktiStore, add_bukti
from zidocs.dossier import build_all, build_dossier

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
TANGGAL = dt.date(2026, 11, 28)

PLACEMENT = [  # (file key, indicator) in the order added
    ("laporan", "V.1.1"), ("rotasi", "V.1.1"), ("lanskap", "V.1.2"), ("kuitansi", "V.2.1"),
    ("foto", "V.2.1"), ("layar", "V.2.2"), ("skrip", "V.2.2"), ("notulen", "V.2.3"), ("rusak", "V.2.3"),
    ("laporan", "V.3.1"), ("hilang", "V.3.1"), ("terenkripsi", "I.1.1"), ("terpotong", "I.1.1"),
]


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("dossier")
    files = make_files(base / "berkas")
    for name in ("rusak", "hilang"):  # distinct content, broken after intake
        p = base / "berkas" / f"{name}.pdf"
        p.write_bytes(files["laporan"].read_bytes() + f"\n% {name}\n".encode())
        files[name] = p
    plan = make_plan()
    store = BuktiStore.open(base / "bukti")
    ids = {}
    for n, (key, ind) in enumerate(PLACEMENT):
        item = add_bukti(store, plan, [files[key]], indikator=ind,
                         now=NOW + dt.timedelta(minutes=n)).items[0]
        ids[(key, ind)] = item.entry
    store.blob_path(ids[("rusak", "V.2.3")].sha256).write_bytes(b"%PDF-1.4\ngarbage")
    store.blob_path(ids[("hilang", "V.3.1")].sha256).unlink()
    stages = []
    out = base / "out"
    result = build_dossier(store, plan, out, areas=["V"], tanggal=TANGGAL,
                           progress=lambda s, d, t: stages.append(s))
    return {"base": base, "files": files, "plan": plan, "store": store, "ids": ids,
            "result": result, "out": out, "stages": stages}


@pytest.fixture(scope="session")
def dossier(world):
    r = world["result"]
    manifest = json.loads(r.manifest.read_text())
    return r.pdf, manifest


def texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-cropbox", "-layout", str(pdf), "-"], capture_output=True,
                         check=True, text=True).stdout
    return out.split("\f")[:-1]


def bbox_pages(pdf: Path) -> list[dict]:
    """pdftotext -bbox: per page, display size and words with boxes (y from top)."""
    out = subprocess.run(["pdftotext", "-cropbox", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True, text=True).stdout
    with pikepdf.open(pdf) as p:
        rotations = [int(page.obj.get("/Rotate", 0)) % 360 for page in p.pages]
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', m.group(3))]
        w, h = float(m.group(1)), float(m.group(2))  # unrotated; words are in display space
        if rotations[len(pages)] in (90, 270):
            w, h = h, w
        pages.append({"w": w, "h": h, "words": words})
    return pages


def entry_by_name(manifest, name, indikator=None):
    return next(b for b in manifest["berkas"] if b["nama_asli"] == name
                and (indikator is None or b["indikator"] == indikator))


# --- the file as a whole ----------------------------------------------------------------------


def test_qpdf_check_passes(dossier):
    pdf, _ = dossier
    r = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No syntax or stream encoding errors" in r.stdout and "WARNING" not in r.stdout + r.stderr


def test_summary_counts_and_report(world, dossier):
    pdf, manifest = dossier
    r = world["result"]
    n = len(PdfReader(pdf).pages)
    assert r.pages == n == manifest["pdf"]["jumlah_halaman"]
    assert r.files == 11 == manifest["jumlah_berkas"] and r.duplicates == 1
    assert r.placeholders == (
        "rusak.pdf (ID 9, V.2.3): isi berkas di penyimpanan tidak cocok dengan sidik SHA-256-nya (rusak)",
        "hilang.pdf (ID 11, V.3.1): berkas tidak ada lagi di penyimpanan bukti",
    )
    assert r.summary() == f"dossier-area-V.pdf: 11 berkas, {n} halaman, 2 halaman pengganti, {r.seconds:.1f} detik"
    assert {"memeriksa berkas", "menggabungkan halaman", "mencap halaman", "menyimpan"} <= set(world["stages"])
    assert not [p for p in world["out"].iterdir() if p.name.startswith(".tmp-")]


def test_every_page_is_stamped_with_its_number_and_label(dossier):
    pdf, manifest = dossier
    reader = PdfReader(pdf)
    total = len(reader.pages)
    assert reader.page_labels == [str(n) for n in range(1, total + 1)]
    owner = {}
    for b in manifest["berkas"]:
        if b["duplikat_dari"] is None:
            for n in range(b["halaman_awal"], b["halaman_akhir"] + 1):
                owner[n] = b["indikator"]
    for n, text in enumerate(texts(pdf), start=1):
        label = owner.get(n, "Area V")
        assert f"{label} · hal. {n} / {total}" in text, f"page {n}"
    assert len(texts(pdf)) == total


def test_stamps_sit_upright_in_the_bottom_band(dossier):
    pdf, manifest = dossier
    pages = bbox_pages(pdf)
    for name, landscape in [("rotasi.pdf", True), ("rotasi.pdf", True), ("lanskap.pdf", True),
                            ("kuitansi.pdf", False), ("layar.png", True), ("foto.jpg", False),
                            ("laporan.pdf", False)]:
        b = entry_by_name(manifest, name, None if name != "laporan.pdf" else "V.1.1")
        for n in range(b["halaman_awal"], b["halaman_akhir"] + 1):
            page = pages[n - 1]
            assert (page["w"] > page["h"]) == landscape, f"{name} p{n} orientation"
            stamp = [w for w in page["words"] if w[4] == "hal."]
            assert len(stamp) == 1, f"{name} p{n}"
            x0, y0, x1, y1, _ = stamp[0]
            assert x1 - x0 > y1 - y0, f"{name} p{n}: stamp not upright"
            scale = min(max(min(page["w"], page["h"]) / 595, 0.5), 4)
            assert y0 >= page["h"] - 18 * scale - 0.5, f"{name} p{n}: stamp outside the added band"
            # nothing of the page's own content lies in the band
            others = [w for w in page["words"] if w[1] >= page["h"] - 18 * scale and w[4] not in stamp[0][4:]]
            assert all(w[4] in {"·", "/", "V.1.1", "V.1.2", "V.2.1", "V.2.2"} or w[4].isdigit()
                       for w in others), others


def test_rotated_pages_keep_their_rotation(dossier):
    pdf, manifest = dossier
    b = entry_by_name(manifest, "rotasi.pdf")
    with pikepdf.open(pdf) as p:
        rots = [int(p.pages[n - 1].obj.get("/Rotate", 0)) for n in range(b["halaman_awal"], b["halaman_akhir"] + 1)]
    assert rots == [90, 270]  # the second one was inherited from /Pages in the source


def test_photo_is_upright_and_not_reencoded(world, dossier):
    pdf, manifest = dossier
    b = entry_by_name(manifest, "foto.jpg")
    with pikepdf.open(pdf) as p:
        page = p.pages[b["halaman_awal"] - 1]
        (image,) = page.get_images().values()
        assert image.read_raw_bytes() == world["files"]["foto"].read_bytes()
    png = world["base"] / "foto"
    subprocess.run(["pdftoppm", "-cropbox", "-r", "30", "-png", "-f", str(b["halaman_awal"]), "-l",
                    str(b["halaman_awal"]), str(pdf), str(png)], check=True)
    from PIL import Image

    (render,) = world["base"].glob("foto-*.png")
    im = Image.open(render).convert("RGB")
    w, h = im.size
    column = [im.getpixel((w // 2, y)) for y in range(h)]
    red = [y for y, c in enumerate(column) if c[0] > 150 and c[2] < 100]
    blue = [y for y, c in enumerate(column) if c[2] > 150 and c[0] < 100]
    assert red and blue and max(red) < min(blue), "red band (ATAS) not above the blue one: photo not upright"
    # the photo fills the width of the page between the margins (scaled up, not shrunk by its rotation)
    row = [im.getpixel((x, red[len(red) // 2])) for x in range(w)]
    reds = [x for x, c in enumerate(row) if c[0] > 150 and c[2] < 100]
    assert (max(reds) - min(reds)) / w > 0.75, (min(reds), max(reds), w)


# --- navigation ------------------------------------------------------------------------------


def test_index_links_land_on_each_files_first_page(dossier):
    pdf, manifest = dossier
    reader = PdfReader(pdf)
    pages = bbox_pages(pdf)
    front = manifest["halaman_depan"]["daftar_isi"]
    seen_files = set()
    for n in front:
        page = reader.pages[n - 1]
        height = float(page.mediabox.height)
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            dest = reader.get_page_number(annot["/Dest"][0].get_object()) + 1
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            words = [w for w in pages[n - 1]["words"]
                     if w[0] >= x0 - 1 and w[2] <= x1 + 1 and height - w[3] >= y0 - 1 and height - w[1] <= y1 + 1]
            top = min(w[1] for w in words)
            first_line = sorted((w for w in words if abs(w[1] - top) < 3), key=lambda w: w[0])
            assert first_line[-1][4] == str(dest), (first_line, dest)  # the number shown = the target
            if first_line[0][4] == "–":
                name = " ".join(w[4] for w in first_line[1:-1])
                starts = {b["halaman_awal"] for b in manifest["berkas"] if b["nama_asli"] == name}
                assert starts == {dest}, (name, dest)
                seen_files.add(name)
    assert seen_files == {b["nama_asli"] for b in manifest["berkas"]}


def _outline(reader, items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline(reader, item, depth + 1)
        else:
            yield depth, item.title, reader.get_destination_page_number(item) + 1


def test_bookmarks_match_the_index(dossier):
    pdf, manifest = dossier
    reader = PdfReader(pdf)
    marks = list(_outline(reader, reader.outline))
    assert marks[0][:2] == (0, "Area V. Penguatan Pengawasan")
    assert [t for d, t, _ in marks if d == 1] == ["1. Pengendalian Gratifikasi", "2. Penerapan SPIP",
                                                  "3. Pengaduan Masyarakat"]
    files = [(t, p) for d, t, p in marks if d == 3]
    assert len(files) == len(manifest["berkas"])
    for (title, page), b in zip(files, manifest["berkas"]):
        assert title.startswith(b["nama_asli"]) and page == b["halaman_awal"], (title, page, b)
    # indicators land on their first file, or on the index page that lists them
    inds = {t.split(" ", 1)[0]: p for d, t, p in marks if d == 2}
    assert inds["V.1.1"] == entry_by_name(manifest, "laporan.pdf", "V.1.1")["halaman_awal"]
    assert inds["V.1.2"] == entry_by_name(manifest, "lanskap.pdf")["halaman_awal"]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_index_text(dossier):
    pdf, manifest = dossier
    index = " ".join(texts(pdf)[n - 1] for n in manifest["halaman_depan"]["daftar_isi"])
    flat = " ".join(index.split())
    assert "DAFTAR ISI" in flat
    assert "duplikat: isi sama dengan laporan.pdf (V.1.1)" in flat
    assert "tidak dapat dimuat: berkas tidak ada lagi di penyimpanan bukti" in flat
    assert manifest["indikator_tanpa_bukti"] == []
    cover = " ".join(texts(pdf)[0].split())
    for part in ("KOMISI PEMILIHAN UMUM KABUPATEN CONTOH", "Area V. Penguatan Pengawasan", "Tahun 2026",
                 "28 November 2026", f"Jumlah halaman : {manifest['pdf']['jumlah_halaman']}",
                 "Jumlah berkas bukti : 11", "Halaman pengganti : 2"):
        assert part in cover, part


def test_placeholder_pages_name_the_file_and_reason(dossier):
    pdf, manifest = dossier
    t = texts(pdf)
    for name, reason in [("rusak.pdf", "tidak cocok dengan sidik SHA-256"), ("hilang.pdf", "tidak ada lagi di penyimpanan")]:
        b = entry_by_name(manifest, name)
        assert b["jumlah_halaman"] == 1 and b["pengganti"]
        page = " ".join(t[b["halaman_awal"] - 1].split())
        assert "BERKAS BUKTI TIDAK DAPAT DIMUAT" in page and name in page and reason in page
        assert f"bukti ID {b['id']}" in page and "zidocs" not in page.lower()  # a page evaluators read


# --- manifest, active content, reproducibility --------------------------------------------------


def test_manifest_lists_every_file_with_hash_pages_and_fixes(world, dossier):
    pdf, manifest = dossier
    store = world["store"]
    by_kunci = world["plan"].indikator_by_kunci()
    expected = [e for e in store.entries(tahun=2026) if by_kunci[e.indikator].area.kode == "V"]
    assert sorted(b["id"] for b in manifest["berkas"]) == sorted(e.id for e in expected)
    by_id = {e.id: e for e in expected}
    covered = set()
    for b in manifest["berkas"]:
        e = by_id[b["id"]]
        assert (b["sha256"], b["nama_asli"], b["kunci_indikator"]) == (e.sha256, e.nama_asli, e.indikator)
        if b["duplikat_dari"] is None:
            pages = set(range(b["halaman_awal"], b["halaman_akhir"] + 1))
            assert not pages & covered
            covered |= pages
    front = {1, *manifest["halaman_depan"]["daftar_isi"]}
    assert covered | front == set(range(1, manifest["pdf"]["jumlah_halaman"] + 1))
    dup = entry_by_name(manifest, "laporan.pdf", "V.3.1")
    orig = entry_by_name(manifest, "laporan.pdf", "V.1.1")
    assert dup["duplikat_dari"] == orig["id"] and dup["halaman_awal"] == orig["halaman_awal"]
    assert dup["jumlah_halaman"] == 0
    assert entry_by_name(manifest, "notulen.docx")["konversi_perbaikan"] == [
        "dikonversi dari DOCX ke PDF dengan LibreOffice"]
    assert "img2pdf" in entry_by_name(manifest, "foto.jpg")["konversi_perbaikan"][0]
    assert manifest["pdf"]["sha256"] == __import__("hashlib").sha256(pdf.read_bytes()).hexdigest()


def test_no_active_content_remains(world, dossier):
    pdf, _ = dossier
    qdf = world["base"] / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(qdf)], check=True)
    data = qdf.read_bytes()
    for token in (rb"/JavaScript", rb"/JS[\s(<]", rb"/Launch", rb"/OpenAction", rb"/AA[\s<]", rb"app\.alert"):
        assert not re.search(token, data), token
    raw = pdf.read_bytes()  # not even unreferenced leftovers in the file's bytes
    assert b"/JavaScript" not in raw and b"app.alert" not in raw and b"/Launch" not in raw
    assert world["result"].active_removed >= 3
    skrip = entry_by_name(json.loads(world["result"].manifest.read_text()), "skrip.pdf")
    assert skrip["konversi_perbaikan"][0].startswith("konten aktif (JavaScript/aksi otomatis) dihapus")
    # the source itself did have it
    assert b"/JavaScript" in world["files"]["skrip"].read_bytes()


def test_same_inputs_same_bytes(world, dossier, tmp_path):
    pdf, _ = dossier
    again = build_dossier(world["store"], world["plan"], tmp_path, areas=["V"], tanggal=TANGGAL)
    assert again.pdf.read_bytes() == pdf.read_bytes()
    assert again.manifest.read_bytes() == world["result"].manifest.read_bytes()
    other_day = build_dossier(world["store"], world["plan"], tmp_path / "lain", areas=["V"],
                              tanggal=dt.date(2026, 11, 29))
    assert other_day.pdf.read_bytes() != pdf.read_bytes()
    with pikepdf.open(pdf) as p:
        # dates are the build date (and agree with the XMP, as PDF/A wants), never the wall clock
        assert str(p.docinfo["/CreationDate"]) == str(p.docinfo["/ModDate"]) == "D:20261128000000Z"


def test_build_all_writes_one_per_area_and_one_combined(world, tmp_path):
    results = build_all(world["store"], world["plan"], tmp_path, tanggal=TANGGAL)
    assert [r.pdf.name for r in results] == ["dossier-area-I.pdf", "dossier-area-V.pdf", "dossier-semua-area.pdf"]
    combined = json.loads(results[-1].manifest.read_text())
    assert combined["gabungan"] and combined["area"] == ["I", "V"]
    assert combined["jumlah_berkas"] == 13
    assert combined["indikator_tanpa_bukti"] == ["I.1.2", "I.2.1"]
    area_i = texts(results[0].pdf)
    assert "belum ada bukti" in " ".join(area_i[1].split())
    for r in results:
        assert subprocess.run(["qpdf", "--check", str(r.pdf)], capture_output=True).returncode == 0


def test_cli_dossier(world, monkeypatch, capsys, tmp_path):
    from zidocs.cli import run as zidocs_run

    write_workspace(tmp_path, world["plan"])
    monkeypatch.setenv("ZIDOCS_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("ZIDOCS_BUKTI", str(world["store"].root))
    code = zidocs_run(["dossier", "--area", "v", "--tanggal", "2026-11-28"])
    out = capsys.readouterr()
    assert code == 0
    pdf = tmp_path / "out" / "2026" / "dossier" / "dossier-area-V.pdf"
    assert pdf.read_bytes() == world["result"].pdf.read_bytes()
    assert re.search(r"^dossier-area-V.pdf: 11 berkas, \d+ halaman, 2 halaman pengganti, [\d.]+ detik$",
                     out.out, re.M)
    assert "Peringatan: diganti halaman pengganti di dossier-area-V.pdf: rusak.pdf (ID 9, V.2.3)" in out.err
    assert zidocs_run(["dossier"]) == 2  # a usage mistake
    assert "pilih salah satu: --area KODE" in capsys.readouterr().err
    assert zidocs_run(["dossier", "--area", "IX", "--tanggal", "2026-11-28"]) == 3
    assert zidocs_run(["dossier", "--all", "--tanggal", "28-11-2026"]) == 2


def test_zidocs_pages_use_the_office_paper(world, dossier, tmp_path):
    """Cover, index and placeholder pages are F4 (215 × 330 mm) unless
    kantor.kertas says A4; evidence pages keep their own size."""
    from zidocs.office.drawn import A4, F4

    def size(page):
        return float(page.mediabox.width), float(page.mediabox.height)

    def near(a, b):
        return abs(a[0] - b[0]) < 1 and abs(a[1] - b[1]) < 1

    pdf, manifest = dossier
    pages = PdfReader(str(pdf)).pages
    ours = [1, *manifest["halaman_depan"]["daftar_isi"]]
    ours += [b["halaman_awal"] for b in manifest["berkas"] if b.get("pengganti")]
    assert len(ours) >= 4
    for n in ours:
        assert near(size(pages[n - 1]), F4), n
    plan = world["plan"]
    a4 = plan.model_copy(update={"kantor": plan.kantor.model_copy(update={"kertas": "A4"})})
    r = build_dossier(world["store"], a4, tmp_path / "out", areas=["V"], tanggal=TANGGAL)
    pages = PdfReader(str(r.pdf)).pages
    assert near(size(pages[0]), A4) and near(size(pages[1]), A4)
