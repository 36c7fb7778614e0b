"""Real evidence files for the bukti/dossier tests, generated on the fly.

| file | made with | what it exercises |
|---|---|---|
| laporan.pdf | reportlab | a plain 3-page portrait PDF |
| rotasi.pdf | reportlab + pikepdf | pages with /Rotate 90 and 270 (one inherited from /Pages) |
| lanskap.pdf | reportlab | landscape A4 pages |
| kuitansi.pdf | reportlab + pikepdf | odd size with a CropBox smaller than the MediaBox |
| foto.jpg | Pillow | stored sideways with EXIF orientation 6 ("ATAS" must end on top) |
| layar.png | Pillow | RGBA screenshot |
| notulen.docx | python-docx | converted with LibreOffice at intake |
| terenkripsi.pdf | pypdf | RC4 encryption, empty user password: accepted |
| terkunci.pdf | pypdf | needs a password: refused |
| terpotong.pdf | bytes cut | xref and trailer lost: repaired by qpdf |
| hancur.pdf | bytes cut | only the header left: refused |
| kosong.pdf | — | zero bytes: refused |
| foto-palsu.pdf | Pillow | JPEG content named .pdf: refused |
| skrip.pdf | pikepdf | OpenAction, page /AA and a link running JavaScript, a Launch action |
"""

from __future__ import annotations

import io
from pathlib import Path

from zidocs.plan.models import (
    Area,
    Indikator,
    Kantor,
    Komponen,
    Pejabat,
    Plan,
    RencanaAksi,
)


from zidocs.plan.kunci import buat_kunci  # noqa: E402


def make_plan(tahun: int = 2026, bukti_fisik: dict | None = None) -> Plan:
    """``bukti_fisik``: indicator text → the bukti fisik it asks for (default "Dokumen")."""
    used: set[str] = set()

    def ind(text: str) -> Indikator:
        kunci = buat_kunci(text, used)  # as `zidocs migrasi` writes it
        used.add(kunci)
        return Indikator(kunci=kunci, indikator=text, langkah_aksi="Menyusun",
                         bukti_fisik=(bukti_fisik or {}).get(text, "Dokumen"), target_waktu="Maret")

    areas = [
        Area(kode="I", nama="Manajemen Perubahan", komponen=[
            Komponen(no=1, nama="Tim Kerja", indikator=[ind("Unit kerja telah membentuk tim"),
                                                       ind("Penentuan anggota tim dengan prosedur")]),
            Komponen(no=2, nama="Dokumen Rencana Pembangunan ZI",
                     indikator=[ind("Dokumen rencana kerja pembangunan Zona Integritas")]),
        ]),
        Area(kode="V", nama="Penguatan Pengawasan", komponen=[
            Komponen(no=1, nama="Pengendalian Gratifikasi", indikator=[
                ind("Telah dilakukan public campaign tentang pengendalian gratifikasi"),
                ind("Pengendalian gratifikasi telah diimplementasikan"),
            ]),
            Komponen(no=2, nama="Penerapan SPIP", indikator=[
                ind("Telah dibangun lingkungan pengendalian"),
                ind("Telah dilakukan penilaian risiko atas pelaksanaan kebijakan"),
                ind("Telah dilakukan kegiatan pengendalian untuk meminimalisir risiko yang telah "
                    "diidentifikasi, dengan uraian yang sengaja dibuat panjang agar baris daftar isi "
                    "terbungkus menjadi beberapa baris"),
            ]),
            Komponen(no=3, nama="Pengaduan Masyarakat", indikator=[ind("Kebijakan pengaduan masyarakat")]),
        ]),
    ]
    pejabat = Pejabat(nama="Contoh Ketua", jabatan=["Ketua"])
    return Plan(
        tahun=tahun,
        kantor=Kantor(nama="Komisi Pemilihan Umum Kabupaten Contoh", nama_singkat="KPU Kabupaten Contoh",
                      kop=["KOMISI PEMILIHAN UMUM", "KABUPATEN CONTOH"], sekretariat=["Sekretariat"],
                      tempat="Contoh"),
        ketua=pejabat,
        pengesah_salinan=pejabat,
        keputusan={},
        rencana_aksi=RencanaAksi(judul=["RENCANA AKSI"], area=areas),
    )


# --- PDFs ---------------------------------------------------------------------------


def _reportlab_pdf(path: Path, pages: list[tuple[float, float]], label: str) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1)
    for n, (w, h) in enumerate(pages, start=1):
        c.setPageSize((w, h))
        c.setFont("Helvetica-Bold", 20)
        c.drawString(40, h - 60, f"{label} halaman {n}")
        c.setFont("Helvetica", 11)
        c.drawString(40, h - 90, "ATAS (tepi atas isi)")
        c.drawString(40, 30, "BAWAH (tepi bawah isi)")
        c.rect(10, 10, w - 20, h - 20)
        c.showPage()
    c.save()
    return path


A4 = (595.2756, 841.8898)


def make_files(folder: Path, *, with_docx: bool = True) -> dict[str, Path]:
    import pikepdf
    from PIL import Image, ImageDraw
    from pypdf import PdfReader, PdfWriter

    folder.mkdir(parents=True, exist_ok=True)
    f: dict[str, Path] = {}
    f["laporan"] = _reportlab_pdf(folder / "laporan.pdf", [A4] * 3, "Laporan")
    f["lanskap"] = _reportlab_pdf(folder / "lanskap.pdf", [(A4[1], A4[0])] * 2, "Lanskap")

    # rotated: page 1 /Rotate 90 on the page, page 2 /Rotate 270 inherited from /Pages
    p = _reportlab_pdf(folder / "_rot.pdf", [A4, A4], "Rotasi")
    with pikepdf.open(p) as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.Root.Pages.Rotate = 270
        del pdf.pages[1].obj["/Rotate"]  # reportlab writes /Rotate 0 on every page
        pdf.save(folder / "rotasi.pdf")
    p.unlink()
    f["rotasi"] = folder / "rotasi.pdf"

    # odd size: a receipt-sized slip whose CropBox hides a margin of the MediaBox
    p = _reportlab_pdf(folder / "_slip.pdf", [(300, 420)], "Kuitansi")
    with pikepdf.open(p) as pdf:
        pdf.pages[0].obj.CropBox = pikepdf.Array([20, 40, 290, 410])
        pdf.save(folder / "kuitansi.pdf")
    p.unlink()
    f["kuitansi"] = folder / "kuitansi.pdf"

    # EXIF-rotated photo: upright portrait with "ATAS" at the top, stored sideways
    upright = Image.new("RGB", (300, 400), "white")
    d = ImageDraw.Draw(upright)
    d.rectangle([0, 0, 299, 60], fill=(200, 30, 30))
    d.text((120, 20), "ATAS", fill="white")
    d.rectangle([0, 340, 299, 399], fill=(30, 30, 200))
    stored = upright.rotate(90, expand=True)  # pixels turned 90° counter-clockwise
    exif = Image.Exif()
    exif[0x0112] = 6  # display: rotate 90° clockwise
    stored.save(folder / "foto.jpg", "JPEG", quality=85, exif=exif.tobytes())
    f["foto"] = folder / "foto.jpg"

    shot = Image.new("RGBA", (640, 360), (240, 240, 240, 255))
    d = ImageDraw.Draw(shot)
    d.rectangle([20, 20, 620, 80], fill=(0, 120, 0, 255))
    d.text((40, 40), "Tangkapan layar situs web", fill="white")
    shot.save(folder / "layar.png")
    f["layar"] = folder / "layar.png"

    if with_docx:
        import docx

        doc = docx.Document()
        doc.add_heading("Notulen Rapat Zona Integritas", level=1)
        doc.add_paragraph("Rapat membahas pengendalian gratifikasi.")
        doc.save(folder / "notulen.docx")
        f["notulen"] = folder / "notulen.docx"

    base = _reportlab_pdf(folder / "_enc.pdf", [A4, A4], "Terenkripsi")
    w = PdfWriter(clone_from=PdfReader(base))
    w.encrypt(user_password="", owner_password="pemilik", algorithm="RC4-128")
    w.write(folder / "terenkripsi.pdf")
    w = PdfWriter(clone_from=PdfReader(base))
    w.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="RC4-128")
    w.write(folder / "terkunci.pdf")
    base.unlink()
    f["terenkripsi"] = folder / "terenkripsi.pdf"
    f["terkunci"] = folder / "terkunci.pdf"

    whole = _reportlab_pdf(folder / "_trunc.pdf", [A4] * 2, "Terpotong").read_bytes()
    cut = whole.rfind(b"xref")
    (folder / "terpotong.pdf").write_bytes(whole[:cut])
    (folder / "hancur.pdf").write_bytes(whole[:60])
    (folder / "_trunc.pdf").unlink()
    f["terpotong"] = folder / "terpotong.pdf"
    f["hancur"] = folder / "hancur.pdf"

    (folder / "kosong.pdf").write_bytes(b"")
    f["kosong"] = folder / "kosong.pdf"

    buf = io.BytesIO()
    Image.new("RGB", (50, 50), "gray").save(buf, "JPEG")
    (folder / "foto-palsu.pdf").write_bytes(buf.getvalue())
    f["foto_palsu"] = folder / "foto-palsu.pdf"

    p = _reportlab_pdf(folder / "_js.pdf", [A4], "Skrip")
    with pikepdf.open(p) as pdf:
        js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hai');")))
        pdf.Root.OpenAction = js
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(
            Names=pikepdf.Array([pikepdf.String("x"), js])))
        page = pdf.pages[0].obj
        page.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                          JS=pikepdf.String("app.alert('buka');")))
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                  Rect=pikepdf.Array([40, 700, 300, 730]), Border=pikepdf.Array([0, 0, 0]),
                                  A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")))
        link2 = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                   Rect=pikepdf.Array([40, 600, 300, 630]), Border=pikepdf.Array([0, 0, 0]),
                                   A=js)
        page.Annots = pikepdf.Array([pdf.make_indirect(link), pdf.make_indirect(link2)])
        pdf.save(folder / "skrip.pdf")
    p.unlink()
    f["skrip"] = folder / "skrip.pdf"
    return f


def write_workspace(root: Path, plan: Plan) -> Path:
    """A real workspace at ``root`` whose plan loads back as ``plan``'s office
    and Rencana Aksi (the shipped Keputusan file completes it), so CLI tests
    run the whole path: argv → api → load_plan → store."""
    import shutil

    from ruamel.yaml import YAML

    from helpers import REPO

    def dump(path: Path, data) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        with path.open("w", encoding="utf-8") as fh:
            yaml.dump(data, fh)

    shutil.copytree(REPO / "templates", root / "templates")
    year = root / "plan" / str(plan.tahun)
    dump(root / "plan" / "kantor.yaml", {
        "kantor": plan.kantor.model_dump(exclude_defaults=True),
        "ketua": plan.ketua.model_dump(exclude_defaults=True),
        "pengesah_salinan": plan.pengesah_salinan.model_dump(exclude_defaults=True),
    })
    ra = plan.rencana_aksi.model_dump(exclude_defaults=True)
    # A plan numbers its areas I, II, III …: fill the gaps the fixture leaves
    # with one-indicator areas (they change nothing in the other areas' dossiers).
    romans = ["I", "II", "III", "IV", "V", "VI"]
    have = {a["kode"]: a for a in ra["area"]}
    last = max(romans.index(k) for k in have)
    ra["area"] = [have.get(k) or {"kode": k, "nama": f"Area {k}", "komponen": [{"no": 1, "nama": "Pengisi", "indikator": [
        {"kunci": f"pengisi-{k.lower()}", "indikator": "Pengisi", "langkah_aksi": "Menyusun", "bukti_fisik": "Dokumen", "target_waktu": "Maret"}]}]}
        for k in romans[: last + 1]]
    dump(year / "rencana-aksi.yaml", ra)
    year.mkdir(parents=True, exist_ok=True)
    text = (REPO / "plan" / "2026" / "keputusan-rencana-aksi.yaml").read_text(encoding="utf-8")
    (year / "keputusan-rencana-aksi.yaml").write_text(text.replace("2026", str(plan.tahun)), encoding="utf-8")
    return root


# --- damaged uploads (tests/test_bukti_rusak.py) --------------------------------------------
#
# | file | made with | what it exercises |
# |---|---|---|
# | laporan-19.pdf | reportlab | 19 pages, text on every page ("Laporan halaman N"), streams uncompressed |
# | laporan-19z.pdf | reportlab | the same with compressed streams |
# | …-potong-NN.pdf | bytes cut at NN % | a half-uploaded file: qpdf keeps the page tree, pages lose content |


def make_report_pdf(path: Path, pages: int = 19, *, compress: bool = False) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=int(compress))
    for n in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(50, A4[1] - 70, f"Laporan halaman {n}")
        c.setFont("Helvetica", 11)
        for k in range(25):
            c.drawString(50, A4[1] - 110 - 22 * k, f"Baris {k + 1}: uraian kegiatan pembangunan zona integritas.")
        c.showPage()
    c.save()
    return path


def truncate(src: Path, dest: Path, fraction: float) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest
