"""`zidocs sk`: SK Tim Kerja and SK Agen Perubahan from the team file, through
the shared decree skeleton; a decree kind defined only in data; the team rules.

The decrees are read back from the real files (python-docx, LibreOffice,
pypdf, pdftotext, qpdf), as for the Rencana Aksi decree in test_keputusan.py.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from pypdf import PdfReader

from zidocs.plan.check import check_plan
from zidocs.cli import run
from zidocs.keputusan.context import LAMPIRAN_BUILDERS
from zidocs.plan.check import load_plan
from zidocs.plan.models import kedudukan_list
from zidocs.cli.common import tampil
from zidocs.plan.workspace import Workspace

from helpers import copy_workspace, edit_yaml, embedded_fonts

F4_PT = (215 / 25.4 * 72, 330 / 25.4 * 72)
TIM = "plan/2026/tim.yaml"
KANTOR = "plan/kantor.yaml"
SK_TIM = "plan/2026/keputusan-tim-kerja.yaml"
SK_AGEN = "plan/2026/keputusan-agen-perubahan.yaml"
STEMS = ("sk-tim-kerja", "sk-tim-kerja-salinan", "sk-agen-perubahan", "sk-agen-perubahan-salinan")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Both SKs of the shipped plan, built with --pdf through the CLI; returns the workspace."""
    ws = copy_workspace(tmp_path_factory.mktemp("sk") / "ws")
    assert run(["-w", str(ws), "sk", "tim-kerja", "2026", "--pdf"]) == 0
    assert run(["-w", str(ws), "sk", "agen-perubahan", "2026", "--pdf"]) == 0
    out = ws / "out" / "2026"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{s}.{e}" for s in STEMS for e in ("docx", "pdf"))
    return ws


def out_file(ws: Path, name: str) -> Path:
    return ws / "out" / "2026" / name


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def lampiran_table(path: Path, heads: tuple[str, ...]) -> Table:
    doc = Document(str(path))
    found = [t for t in doc.tables if tuple(c.text.strip() for c in t.rows[0].cells) == heads]
    assert len(found) == 1, [tuple(c.text for c in t.rows[0].cells) for t in doc.tables]
    return found[0]


def table_rows(table: Table) -> list[tuple[str | None, list[str]]]:
    """(group heading or None, [cells]) for each person row after the two
    header rows. A row of one merged cell is a group heading (python-docx
    repeats a merged cell's text in every grid position, so it is read once)."""
    assert [c.text.strip() for c in table.rows[1].cells] == ["1", "2", "3", "4"]
    group, out = None, []
    for row in table.rows[2:]:
        if len(row._tr.tc_lst) == 1:
            group = row.cells[0].text.strip()
            continue
        out.append((group, [c.text.strip() for c in row.cells]))
    return out


def person_cell(orang) -> str:
    """Name, then "NIP 19730512 199803 1 004" (BKN groups, no-break spaces) as every document prints it."""
    if not orang.nip:
        return orang.nama
    d = "".join(orang.nip.split())
    nip = "\xa0".join((d[:8], d[8:14], d[14], d[15:])) if len(d) == 18 and d.isdigit() else orang.nip.strip()
    return orang.nama + f"\nNIP\xa0{nip}"


# --- SK Tim Kerja: every person once, in the right group ----------------------------------


@pytest.mark.parametrize("stem", ["sk-tim-kerja", "sk-tim-kerja-salinan"])
def test_every_team_member_appears_once_in_the_right_group(built, stem):
    plan = load_plan(built, 2026)
    places = kedudukan_list(plan.tim.tim_kerja)
    rows = table_rows(lampiran_table(out_file(built, f"{stem}.docx"), ("NO", "NAMA", "JABATAN", "KEDUDUKAN DALAM TIM")))
    names = {a.kode: a.nama for a in plan.tim.tim_kerja.area}
    expected = []
    for no, k in enumerate(places, start=1):
        orang = plan.orang(k.ref)
        group = None if k.area is None else f"AREA {k.area}. {names[k.area].upper()}"
        expected.append((group, [f"{no}.", person_cell(orang), orang.jabatan, k.kedudukan]))
    assert rows == expected
    # each person exactly once (23 people: Ketua, 4 anggota KPU, 18 pegawai incl. the pengesah)
    counts = Counter(cells[1].split("\n")[0] for _, cells in rows)
    assert len(counts) == len(rows) == 23 and set(counts.values()) == {1}
    # the office-level records are the Rencana Aksi decree's own, not copies
    assert rows[0] == (None, ["1.", "Alber Trisman", "Ketua KPU Kabupaten Merangin", "Penanggung Jawab"])
    assert ("AREA II. PENATAAN TATA LAKSANA",
            ["11.", "Inayati", "Kepala Subbagian Teknis Penyelenggaraan Pemilu dan Hukum", "Koordinator"]) in rows
    # every area of the rencana aksi has its group, coordinator first
    groups = [g for g, _ in rows]
    assert [g.split(".")[0] for g in dict.fromkeys(groups) if g] == [f"AREA {a.kode}" for a in plan.rencana_aksi.area]
    for g in dict.fromkeys(groups):
        if g:
            assert next(cells[3] for gg, cells in rows if gg == g) == "Koordinator"


@pytest.mark.parametrize("stem", ["sk-agen-perubahan", "sk-agen-perubahan-salinan"])
def test_every_agent_appears_once_with_area_or_unit(built, stem):
    plan = load_plan(built, 2026)
    rows = table_rows(lampiran_table(out_file(built, f"{stem}.docx"), ("NO", "NAMA", "JABATAN", "AREA/UNIT")))
    areas = {a.kode: a.nama for a in plan.tim.tim_kerja.area}
    expected = []
    for no, a in enumerate(plan.tim.agen_perubahan, start=1):
        orang = plan.orang(a.pegawai)
        where = ([f"Area {a.area}. {areas[a.area]}"] if a.area else []) + ([a.unit] if a.unit else [])
        expected.append((None, [f"{no}.", person_cell(orang), orang.jabatan, "\n".join(where)]))
    assert rows == expected
    assert len({cells[1] for _, cells in rows}) == len(rows) == 7
    assert rows[0][1][3] == "Area I. Manajemen Perubahan"
    assert rows[-1][1][3] == "Subbagian Keuangan, Umum dan Logistik"


# --- the shared skeleton: same format as the Rencana Aksi decree ------------------------------


@pytest.mark.parametrize(("stem", "nomor", "judul"), [
    ("sk-tim-kerja", 10, "TIM KERJA PEMBANGUNAN ZONA INTEGRITAS"),
    ("sk-agen-perubahan", 11, "AGEN PERUBAHAN DI LINGKUNGAN"),
])
def test_decree_parts_in_order(built, stem, nomor, judul):
    text = " ".join(pdftotext(out_file(built, f"{stem}-salinan.pdf")).split())
    parts = ["SALINAN", "KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN",
             "KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN", f"NOMOR {nomor} TAHUN 2026", "TENTANG", judul,
             "KETUA KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN,", "Menimbang", "a. bahwa", "Mengingat", "1. Undang-Undang",
             "Memperhatikan", "MEMUTUSKAN:", "MENETAPKAN", "KESATU", "KEDUA", "a.", "KETIGA", "KEEMPAT", "KELIMA",
             "KEENAM", "Ditetapkan di Bangko", "ttd.", "ALBER TRISMAN", "Salinan sesuai dengan aslinya,", "Inayati",
             "LAMPIRAN", f"NOMOR {nomor} TAHUN 2026", "NO NAMA JABATAN", "ttd.", "ALBER TRISMAN",
             "Salinan sesuai dengan aslinya,", "Inayati"]
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        assert found >= 0, (part, text[pos:pos + 200])
        pos = found + len(part)


def test_agents_roles_and_team_tasks_are_in_the_diktum(built):
    agen = " ".join(pdftotext(out_file(built, "sk-agen-perubahan.pdf")).split())
    diktum = agen[agen.index("MEMUTUSKAN"):agen.index("Ditetapkan di")]
    for role in ("a. katalis,", "b. pemberi solusi,", "c. penghubung,", "d. teladan (role model),"):
        assert role in diktum
    doc = Document(str(out_file(built, "sk-tim-kerja.docx")))
    diktum = {row.cells[0].text: row.cells[2].text for t in doc.tables for row in t.rows
              if len(row.cells) == 3 and row.cells[1].text == ":"}
    assert list(diktum) == ["MENETAPKAN", "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM"]
    tugas = diktum["KEDUA"].split("\n")
    assert tugas[0] == "Tim Kerja sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:"
    assert [t.split("\t")[0] for t in tugas[1:]] == ["a.", "b.", "c.", "d.", "e.", "f."]
    assert tugas[-1] == "f.\tmelaporkan pelaksanaan tugasnya kepada Ketua Komisi Pemilihan Umum Kabupaten Merangin."


def test_diktum_items_hang_on_their_letter(built):
    doc = Document(str(out_file(built, "sk-agen-perubahan.docx")))
    items = [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
             if re.match(r"^[a-d]\.\t", p.text)]
    assert [p.text.split("\t")[0] for p in items][:4] == ["a.", "b.", "c.", "d."]
    assert {p.style.name for p in items} == {"Butir Diktum 1"}
    role = next(p for p in items if "teladan" in p.text)
    assert [r.text for r in role.runs if r.italic] == ["role model"]


@pytest.mark.parametrize("stem", ["sk-tim-kerja", "sk-agen-perubahan"])
def test_salinan_marks_only_in_the_salinan_pdf(built, stem):
    salinan = pdftotext(out_file(built, f"{stem}-salinan.pdf"))
    asli = pdftotext(out_file(built, f"{stem}.pdf"))
    for mark in ("SALINAN", "ttd.", "Salinan sesuai dengan aslinya"):
        assert mark in salinan
        assert mark not in asli
    assert salinan.lstrip().startswith("SALINAN")
    assert asli.count("ALBER TRISMAN") == 2 == salinan.count("ALBER TRISMAN")




@pytest.mark.parametrize("stem", STEMS)
def test_pdf_is_f4_with_embedded_bookman_and_passes_qpdf(built, stem):
    path = out_file(built, f"{stem}.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) >= 4
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - F4_PT[0]) < 1.0 and abs(h - F4_PT[1]) < 1.0, (w, h)
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert {re.sub(r"^[A-Z]{6}\+", "", f.lstrip("/")) for f in fonts} <= {
        "TeXGyreBonum-Regular", "TeXGyreBonum-Bold", "TeXGyreBonum-Italic"}
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_lampiran_table_header_repeats_and_rows_never_split(built):
    table = lampiran_table(out_file(built, "sk-tim-kerja.docx"), ("NO", "NAMA", "JABATAN", "KEDUDUKAN DALAM TIM"))
    for row in table.rows[:2]:
        assert row._tr.trPr is not None and row._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    # the PDF: the header is on the Lampiran's every page
    pages = pdftotext(out_file(built, "sk-tim-kerja.pdf")).split("\f")[:-1]
    table_pages = [p for p in pages if "KEDUDUKAN" in p]
    assert len(table_pages) >= 2
    assert all("NAMA" in p and "JABATAN" in p for p in table_pages)


def test_same_plan_same_bytes(built, tmp_path):
    ws = copy_workspace(tmp_path / "ws")
    assert run(["-w", str(ws), "sk", "tim-kerja", "2026", "--tanpa-pdf"]) == 0
    for name in ("sk-tim-kerja.docx", "sk-tim-kerja-salinan.docx"):
        assert out_file(ws, name).read_bytes() == out_file(built, name).read_bytes()


def test_sample_names_are_announced(ws_dir, capsys):
    assert run(["-w", str(ws_dir), "sk", "agen-perubahan", "2026", "--tanpa-pdf"]) == 0
    err = capsys.readouterr().err
    assert "Perhatian: Lampiran memuat 7 nama CONTOH" in err


# --- a fourth kind of decree: a template and data, no Python -----------------------------------

CONTOH_YAML = """\
keputusan:
  nomor: 12
  tahun: 2026
  tanggal: 2026-03-20
  judul: TIM PENILAI INTERNAL ZONA INTEGRITAS DI LINGKUNGAN KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN TAHUN 2026
  menimbang:
    - bahwa untuk menilai pembangunan Zona Integritas perlu dibentuk Tim Penilai Internal;
  mengingat:
    - Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 tentang Pembangunan dan Evaluasi Zona Integritas;
  diktum:
    - Membentuk Tim Penilai Internal sebagaimana tercantum dalam Lampiran.
    - teks: "Tim Penilai Internal bertugas:"
      daftar:
        gaya: huruf
        butir: [menilai unit kerja;, melaporkan hasilnya.]
    - Keputusan ini mulai berlaku pada tanggal ditetapkan.
lampiran:
  judul: [SUSUNAN TIM PENILAI INTERNAL]
  data:
    anggota:
      - {nama: "Penilai Satu & Rekan", peran: Ketua}
      - {nama: Penilai Dua, peran: Anggota}
"""


def build_contoh_template(path: Path) -> None:
    """A Lampiran body written by a secretary: docxtpl tags over `data`."""
    doc = Document()
    for line in ("{%p for baris in lampiran_judul %}", "{{r baris }}", "{%p endfor %}"):
        doc.add_paragraph(line)
    t = doc.add_table(rows=4, cols=2)
    t.style = doc.styles["Table Grid"]
    t.cell(0, 0).text, t.cell(0, 1).text = "NAMA", "PERAN"
    t.cell(1, 0).text = "{%tr for a in data.anggota %}"
    t.cell(2, 0).text, t.cell(2, 1).text = "{{ a.nama }}", "{{ a.peran }}"
    t.cell(3, 0).text = "{%tr endfor %}"
    doc.save(str(path))


def test_a_decree_kind_defined_only_in_data_renders_through_the_skeleton(ws_dir, capsys):
    assert "contoh" not in LAMPIRAN_BUILDERS  # no Python for this kind
    (ws_dir / "plan/2026/keputusan-contoh.yaml").write_text(CONTOH_YAML, encoding="utf-8")
    build_contoh_template(ws_dir / "templates/keputusan/lampiran-contoh.docx")
    assert run(["-w", str(ws_dir), "check", "2026"]) == 0
    assert run(["-w", str(ws_dir), "sk", "contoh", "2026", "--tanpa-pdf"]) == 0
    capsys.readouterr()
    out = ws_dir / "out/2026"
    assert sorted(p.name for p in out.iterdir()) == ["sk-contoh-salinan.docx", "sk-contoh.docx"]
    for name, salinan in (("sk-contoh.docx", False), ("sk-contoh-salinan.docx", True)):
        doc = Document(str(out / name))
        text = "\n".join(p.text for p in doc.paragraphs)
        cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
        # the skeleton's parts …
        assert "KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN\nNOMOR 12 TAHUN 2026" in text
        assert ["Menimbang", ":", "a.", "bahwa untuk menilai pembangunan Zona Integritas perlu dibentuk Tim Penilai "
                "Internal;"] in cells
        assert any(r[0] == "KEDUA" and "a.\tmenilai unit kerja;\nb.\tmelaporkan hasilnya." in r[2] for r in cells)
        assert "Pada tanggal 20 Maret 2026" in text and "LAMPIRAN" in text
        assert ("SALINAN" in text) is salinan and ("ttd." in text) is salinan
        assert ("Salinan sesuai dengan aslinya," in text) is salinan
        # … and the kind's own Lampiran body, its data escaped, not interpreted
        assert "SUSUNAN TIM PENILAI\xa0INTERNAL" in text  # last two words bound (context)
        assert ["Penilai Satu & Rekan", "Ketua"] in cells and ["Penilai Dua", "Anggota"] in cells
    assert run(["-w", str(ws_dir), "nomor", "2026"]) == 0
    assert re.search(r"^ +12  20 Maret 2026  contoh +TIM PENILAI INTERNAL", capsys.readouterr().out, re.M)


def test_unknown_kind_names_the_kinds_there_are(ws_dir, capsys):
    assert run(["-w", str(ws_dir), "sk", "tim", "2026", "--tanpa-pdf"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("zidocs: plan/2026/keputusan-tim.yaml tidak ada: rencana 2026 tidak mempunyai keputusan "
                          "jenis “tim”. Mungkin maksudnya `tim-kerja`? Jenis yang ada: agen-perubahan, rencana-aksi, "
                          "tim-kerja.")
    assert not (ws_dir / "out").exists()


def test_plan_error_writes_nothing(ws_dir, capsys):
    def change(data):
        del data["tim_kerja"]["area"][2]["koordinator"]

    edit_yaml(ws_dir / TIM, change)
    assert run(["-w", str(ws_dir), "sk", "tim-kerja", "2026", "--tanpa-pdf"]) == 1
    err = capsys.readouterr().err
    assert f"{TIM}:28: galat TIM-TANPA-KOORDINATOR:" in err
    assert "Rencana memuat 1 galat; tidak ada berkas yang ditulis." in err
    assert not (ws_dir / "out").exists()


# --- the rules: one plan, one defect -------------------------------------------------------


def new_findings(ws_dir: Path, relfile: str, change) -> list:
    before = {(f.kode, f.pesan) for f in check_plan(Workspace(ws_dir), 2026).findings}
    edit_yaml(ws_dir / relfile, change)
    report = check_plan(Workspace(ws_dir), 2026)
    return [f for f in report.findings if (f.kode, f.pesan) not in before]


def test_shipped_team_has_no_findings():
    from helpers import REPO

    report = check_plan(Workspace(REPO), 2026)
    mine = ("tim.yaml", "keputusan-tim-kerja.yaml", "keputusan-agen-perubahan.yaml", "kantor.yaml")
    assert [f for f in report.findings if f.file.endswith(mine)] == []


def test_area_without_coordinator(ws_dir):
    def change(data):
        del data["tim_kerja"]["area"][2]["koordinator"]

    assert [f.format() for f in new_findings(ws_dir, TIM, change)] == [
        f"{TIM}:28: galat TIM-TANPA-KOORDINATOR: area III (PENATAAN SISTEM MANAJEMEN SDM) tidak mempunyai "
        "koordinator; tambahkan `koordinator: <id>` pada area III."
    ]


def test_area_missing_from_the_team(ws_dir):
    def change(data):
        del data["tim_kerja"]["area"][5]

    found = new_findings(ws_dir, TIM, change)
    assert [(f.kode, f.line) for f in found] == [("TIM-TANPA-KOORDINATOR", 19)]
    assert found[0].pesan.startswith("area VI (")
    assert found[0].pesan.endswith("tidak mempunyai koordinator: areanya tidak ada di `tim_kerja.area`; "
                                   "tambahkan `- kode: VI` dengan `koordinator: <id>`.")


def test_person_in_two_places(ws_dir):
    def change(data):
        data["tim_kerja"]["area"][3]["anggota"].append("hendra-saputra")

    assert [f.format() for f in new_findings(ws_dir, TIM, change)] == [
        f"{TIM}:35: galat TIM-KEDUDUKAN-GANDA: Drs. Hendra Saputra, M.Si. tercantum sebagai Anggota Area IV padahal "
        "sudah sebagai Ketua (baris 17); satu orang hanya satu kedudukan dalam Tim Kerja: hapus salah satunya."
    ]


def test_the_ketua_may_not_coordinate_too(ws_dir):
    def change(data):
        data["tim_kerja"]["area"][0]["koordinator"] = "ketua"

    found = new_findings(ws_dir, TIM, change)
    assert [(f.kode, f.line) for f in found] == [("TIM-KEDUDUKAN-GANDA", 22)]
    assert found[0].pesan.startswith("Alber Trisman tercantum sebagai Koordinator Area I padahal sudah sebagai "
                                     "Penanggung Jawab (baris 15)")


def test_empty_team(ws_dir):
    def change(data):
        data["tim_kerja"] = {}

    assert [f.format() for f in new_findings(ws_dir, TIM, change)] == [
        f"{TIM}:14: galat TIM-KOSONG: Tim Kerja tidak beranggota; isi `penanggung_jawab`, `ketua`, `sekretaris`, "
        "dan `area:` (koordinator dan anggota setiap area) dengan id orang dari plan/kantor.yaml."
    ]


def test_team_without_ketua(ws_dir):
    def change(data):
        del data["tim_kerja"]["ketua"]

    assert [f.kode for f in new_findings(ws_dir, TIM, change)] == ["TIM-TANPA-KETUA"]


def test_unknown_id_names_the_closest(ws_dir):
    def change(data):
        data["tim_kerja"]["area"][0]["anggota"][1] = "maya-sary"

    assert [f.format() for f in new_findings(ws_dir, TIM, change)] == [
        f"{TIM}:23: galat TIM-ID-TIDAK-DIKENAL: id `maya-sary` tidak dikenal. Mungkin maksudnya `maya-sari`? "
        "Pakai `ketua`, `pengesah_salinan`, atau `id` dari `anggota_kpu:`/`pegawai:` di plan/kantor.yaml "
        "(tambahkan orangnya ke sana bila belum ada)."
    ]


@pytest.mark.parametrize(("who", "start"), [
    ("ketua", "`ketua` (Alber Trisman) adalah pimpinan, bukan pegawai Sekretariat"),
    ("nurhasanah", "`nurhasanah` adalah anggota KPU, bukan pegawai Sekretariat"),
    ({"nama": "Orang Luar, S.E.", "jabatan": "Tenaga Ahli"}, "Orang Luar, S.E. tidak ada di daftar `pegawai:`"),
])
def test_agent_not_on_the_staff_list(ws_dir, who, start):
    def change(data):
        data["agen_perubahan"][0]["pegawai"] = who

    found = new_findings(ws_dir, TIM, change)
    assert [(f.kode, f.level, f.line) for f in found] == [("AGEN-BUKAN-PEGAWAI", "galat", 48)]
    assert found[0].pesan.startswith(start)


def test_agents_written_out_when_the_office_keeps_no_staff_list(ws_dir):
    """Without `pegawai:` people are written out in the team file; the staff rule is off."""
    def no_staff(data):
        del data["pegawai"]

    edit_yaml(ws_dir / KANTOR, no_staff)

    def written_out(data):
        data["tim_kerja"] = {"penanggung_jawab": "ketua", "ketua": {"nama": "Budi, S.H.", "jabatan": "Sekretaris"},
                             "area": [{"kode": k, "koordinator": {"nama": f"Koordinator {k}", "jabatan": "Staf"}}
                                      for k in ("I", "II", "III", "IV", "V", "VI")]}
        data["agen_perubahan"] = [{"pegawai": {"nama": "Siti, S.E.", "jabatan": "Staf"}, "area": "I"}]

    edit_yaml(ws_dir / TIM, written_out)
    report = check_plan(Workspace(ws_dir), 2026)
    assert report.errors == []
    assert run(["-w", str(ws_dir), "sk", "agen-perubahan", "2026", "--tanpa-pdf"]) == 0
    rows = table_rows(lampiran_table(ws_dir / "out/2026/sk-agen-perubahan.docx", ("NO", "NAMA", "JABATAN", "AREA/UNIT")))
    # no `nama:` for the area in the team file: the rencana aksi's own name
    assert rows == [(None, ["1.", "Siti, S.E.", "Staf",
                            "Area I. Pembangunan unit kerja untuk memperoleh predikat menuju WBK/WBBM KPU"])]


def test_written_out_person_already_listed_is_a_warning(ws_dir):
    def change(data):
        data["agen_perubahan"][0]["pegawai"] = {"nama": "Nurul Hidayah, S.I.Kom.", "jabatan": "Pranata Humas"}

    found = new_findings(ws_dir, TIM, change)
    assert [(f.kode, f.level) for f in found] == [("TIM-SALIN-DATA", "peringatan")]
    assert "tulis `nurul-hidayah` saja" in found[0].pesan


@pytest.mark.parametrize(("change", "kode", "line"), [
    (lambda d: d["agen_perubahan"].append({"pegawai": "siti-aisyah", "area": "III"}), "AGEN-GANDA", 63),
    (lambda d: d["agen_perubahan"][1].pop("area"), "AGEN-TANPA-AREA", 50),
    (lambda d: d["agen_perubahan"][1].__setitem__("area", "VII"), "TIM-AREA-TIDAK-DIKENAL", 51),
    (lambda d: d["tim_kerja"]["area"][1].__setitem__("kode", "I"), "TIM-AREA-GANDA", 24),
    (lambda d: d.__setitem__("agen_perubahan", []), "AGEN-KOSONG", 47),
])
def test_agent_and_area_rules(ws_dir, change, kode, line):
    found = new_findings(ws_dir, TIM, change)
    assert kode in [f.kode for f in found]
    assert all(f.level == "galat" for f in found)
    assert next(f.line for f in found if f.kode == kode) == line


def test_duplicate_staff_id_and_bad_nip(ws_dir):
    def change(data):
        data["pegawai"][1]["id"] = "hendra-saputra"
        data["pegawai"][2]["nip"] = "1985 0722"

    found = new_findings(ws_dir, KANTOR, change)
    got = {f.kode: f for f in found}
    assert got["PEGAWAI-ID-GANDA"].pesan == (
        "pegawai[2]: id `hendra-saputra` sudah dipakai Drs. Hendra Saputra, M.Si. (baris 49); "
        "beri Rina Marlina, S.E. id lain yang unik.")
    assert got["NIP-FORMAT"].level == "peringatan"
    assert got["NIP-FORMAT"].pesan == ("NIP Fajar Kurniawan, S.Kom. “1985 0722” bukan 18 angka; periksa NIP-nya "
                                       "(spasi boleh), atau hapus `nip:` bila orang ini tidak ber-NIP.")


def test_schema_mistake_in_the_team_file(ws_dir):
    def change(data):
        data["tim_kerja"]["area"][0]["koordinatr"] = data["tim_kerja"]["area"][0].pop("koordinator")

    found = new_findings(ws_dir, TIM, change)
    assert [f.kode for f in found] == ["SKEMA"]
    assert "kunci `koordinatr` tidak dikenal di tim_kerja.area[1]. Mungkin maksudnya `koordinator`?" in found[0].pesan


def test_sk_without_team_file(ws_dir):
    (ws_dir / TIM).unlink()
    report = check_plan(Workspace(ws_dir), 2026)
    assert sorted(tampil(f.format()) for f in report.errors) == [
        f"{SK_AGEN}:1: galat TIM-TIDAK-ADA: keputusan agen-perubahan mencetak daftar agen perubahan di Lampirannya, "
        f"tetapi {TIM} tidak ada; buat berkas itu dengan bagian `agen_perubahan:` (contoh: rencana bawaan `zidocs init`).",
        f"{SK_TIM}:1: galat TIM-TIDAK-ADA: keputusan tim-kerja mencetak susunan Tim Kerja di Lampirannya, tetapi "
        f"{TIM} tidak ada; buat berkas itu dengan bagian `tim_kerja:` (contoh: rencana bawaan `zidocs init`).",
    ]


def test_sk_without_lampiran(ws_dir):
    def change(data):
        del data["lampiran"]

    found = new_findings(ws_dir, SK_TIM, change)
    assert [(f.kode, f.line) for f in found] == [("SK-TANPA-LAMPIRAN", 9)]


def test_a_year_without_sk_files_still_works(ws_dir):
    for rel in (TIM, SK_TIM, SK_AGEN):
        (ws_dir / rel).unlink()
    report = check_plan(Workspace(ws_dir), 2026)
    assert report.errors == [] and report.plan is not None and report.plan.tim is None
    assert run(["-w", str(ws_dir), "keputusan", "2026", "--tanpa-pdf"]) == 0
