"""`zidocs impor`: another office's Rencana Aksi table into a new plan.

Real artifacts: the salinan zidocs builds (python-docx reads it back), a
table LibreOffice makes from HTML with row spans, an openpyxl workbook with
merged cells and the same workbook re-saved by LibreOffice as ODS, a CSV,
and the text of the signed reference decree (rows split across pages).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from ruamel.yaml import YAML

from zidocs import api
from zidocs.cli import run
from zidocs.errors import InputError
from zidocs.impor.grid import Tabel, dari_sel
from zidocs.impor.tabel import baca_rencana, peran_kolom
from zidocs.office.convert import convert_file
from zidocs.plan.kunci import buat_kunci
from zidocs.plan.workspace import Workspace

from helpers import REFERENCE, REPO, copy_workspace

FIELDS = ("indikator", "langkah_aksi", "bukti_fisik", "target_waktu")


def _load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _items(v):
    return [v] if isinstance(v, str) else list(v)


def assert_same_table(got: dict, want: dict) -> None:
    """Every area, component, indicator, step, bukti fisik and target, text for
    text (one text equals a one-item list), and the same keys."""
    assert [(a["kode"], a["nama"]) for a in got["area"]] == [(a["kode"], a["nama"]) for a in want["area"]]
    for ga, wa in zip(got["area"], want["area"]):
        assert [(k["no"], k["nama"]) for k in ga["komponen"]] == [(k["no"], k["nama"]) for k in wa["komponen"]]
        for gk, wk in zip(ga["komponen"], wa["komponen"]):
            assert len(gk["indikator"]) == len(wk["indikator"]), (ga["kode"], gk["no"])
            for gi, wi in zip(gk["indikator"], wk["indikator"]):
                for f in FIELDS:
                    assert _items(gi[f]) == _items(wi[f]), (ga["kode"], gk["no"], f)
                assert gi["kunci"] == wi["kunci"]


@pytest.fixture(scope="module")
def salinan(tmp_path_factory) -> Path:
    ws = Workspace(copy_workspace(tmp_path_factory.mktemp("salinan") / "ws"))
    result = api.keputusan(ws, 2026)
    return next(p for p in result.paths if p.name == "keputusan-rencana-aksi-salinan.docx")


# --- (a) the shipped salinan reads back into the shipped plan -------------------------


def test_salinan_docx_reads_back_into_the_shipped_plan(salinan, tmp_path):
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    shipped = ws.year_dir(2026) / "rencana-aksi.yaml"
    shipped.unlink()
    r = api.impor_rencana(ws, salinan)
    assert r.path == shipped and r.tahun == 2026 and r.tahun_ditebak
    assert r.bacaan.tidak_ditempatkan == [] and r.bacaan.kolom_diabaikan == []
    assert (len(r.bacaan.area), r.bacaan.jumlah_komponen, r.bacaan.jumlah_indikator) == (6, 23, 70)
    got, want = _load(shipped), _load(REPO / "plan/2026/rencana-aksi.yaml")
    assert got["judul"] == want["judul"]
    assert_same_table(got, want)
    # the new plan checks as the shipped one does (its slips are warnings)
    assert r.report is not None and r.report.errors == [] and r.lengkap
    # and prints the same decree, byte for byte
    rebuilt = api.keputusan(ws, 2026)
    for p in rebuilt.paths:
        assert p.read_bytes() == (salinan.parent / p.name).read_bytes(), p.name


def test_an_existing_plan_is_not_overwritten_without_timpa(salinan, tmp_path):
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    path = ws.year_dir(2026) / "rencana-aksi.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# milik kantor\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InputError) as exc:
        api.impor_rencana(ws, salinan, tahun=2026)
    assert exc.value.message == (
        "plan/2026/rencana-aksi.yaml: sudah ada; tidak ditimpa. Impor ke tahun lain dengan ⟦opsi|tahun⟧ TAHUN, "
        "atau ganti rencana itu dengan ⟦opsi|timpa⟧ (isinya yang lama hilang; bukti dan isian monev yang merujuk "
        "kuncinya akan dilaporkan pemeriksaan rencana).")
    assert path.read_bytes() == before
    r = api.impor_rencana(ws, salinan, tahun=2026, timpa=True)
    assert "# milik kantor" not in r.path.read_text(encoding="utf-8")
    assert not list(path.parent.glob(".tmp-*"))


def test_cli_impor(salinan, tmp_path, capsys):
    ws = copy_workspace(tmp_path / "ws")
    assert run(["-w", str(ws), "impor", str(salinan)]) == 3
    assert "sudah ada; tidak ditimpa" in capsys.readouterr().err
    assert run(["-w", str(ws), "impor", str(salinan), "--timpa"]) == 0
    out = capsys.readouterr().out
    assert "Dibaca dari keputusan-rencana-aksi-salinan.docx (tabel 4): 6 area, 23 komponen, 70 indikator." in out
    assert "(tahun 2026 menurut target waktunya; bila salah, impor lagi dengan --tahun TAHUN --timpa)" in out
    assert "tabel 1: bukan tabel Rencana Aksi" in out
    assert "Rencana 2026: 0 galat, 31 peringatan." in out


# --- (b) other shapes ------------------------------------------------------------------

HTML = """<html><head><meta charset="utf-8"></head><body>
<p>BAB II</p><p>RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS KANTOR CONTOH TAHUN 2026</p>
<table border="1">
<thead><tr><th>No.</th><th>Komponen</th><th>Indikator</th><th>Rencana Aksi</th><th>Waktu</th>
<th>Output</th><th>PJ</th></tr></thead>
<tbody>
<tr><td colspan="7">I. MANAJEMEN PERUBAHAN</td></tr>
<tr><td rowspan="3">1</td><td rowspan="3">Penyusunan Tim Kerja</td>
    <td rowspan="2">Unit kerja telah membentuk tim</td><td>Menyusun SK tim</td><td>Januari 2026</td>
    <td>SK Tim</td><td rowspan="3">Sekretaris</td></tr>
<tr><td>Mensosialisasikan SK melalui <i>website</i></td><td>Februari 2026</td>
    <td>Tangkapan layar <i>website</i></td></tr>
<tr><td>Tim bekerja</td><td>1. Rapat<br>2. Laporan</td><td>Maret 2026</td><td>Notulen</td></tr>
<tr><td colspan="7">II. PENATAAN TATA LAKSANA</td></tr>
<tr><td>1</td><td>SOP</td><td>SOP ditetapkan</td><td>Menyusun SOP</td><td>Juni 2026</td>
    <td><p>a. SK SOP</p><p>b. Daftar SOP</p></td><td>Kasubbag</td></tr>
</tbody></table></body></html>
"""

HTML_WANT = [
    {"kode": "I", "nama": "MANAJEMEN PERUBAHAN", "komponen": [{"no": 1, "nama": "Penyusunan Tim Kerja", "indikator": [
        {"indikator": "Unit kerja telah membentuk tim",
         "langkah_aksi": ["Menyusun SK tim", "Mensosialisasikan SK melalui *website*"],
         "bukti_fisik": ["SK Tim", "Tangkapan layar *website*"], "target_waktu": "Januari 2026, Februari 2026"},
        {"indikator": "Tim bekerja", "langkah_aksi": ["Rapat", "Laporan"], "bukti_fisik": "Notulen",
         "target_waktu": "Maret 2026"}]}]},
    {"kode": "II", "nama": "PENATAAN TATA LAKSANA", "komponen": [{"no": 1, "nama": "SOP", "indikator": [
        {"indikator": "SOP ditetapkan", "langkah_aksi": "Menyusun SOP", "bukti_fisik": ["SK SOP", "Daftar SOP"],
         "target_waktu": "Juni 2026"}]}]},
]


def _tanpa_kunci(data: dict) -> list:
    for a in data["area"]:
        for k in a["komponen"]:
            for i in k["indikator"]:
                assert i.pop("kunci") == buat_kunci(i["indikator"], set())
    return data["area"]


def test_html_with_row_spans_through_libreoffice(tmp_path):
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    html = tmp_path / "rencana-kantor-lain.html"
    html.write_text(HTML, encoding="utf-8")
    r = api.impor_rencana(ws, html, tahun=2027)
    assert r.catatan_berkas == ["rencana-kantor-lain.html: diubah ke DOCX dengan LibreOffice untuk dibaca "
                                "(sel gabungan dan huruf miring tetap)."]
    data = _load(r.path)
    assert data["judul"] == ["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS KANTOR CONTOH TAHUN 2026"]
    assert _tanpa_kunci(data) == HTML_WANT
    assert r.bacaan.tidak_ditempatkan == []
    assert [c.format() for c in r.bacaan.kolom_diabaikan] == [
        "rencana-kantor-lain.html, tabel 1: kolom 7 “PJ”: rencana zidocs tidak menyimpan PENANGGUNG JAWAB; isinya "
        "(2 sel berisi) tidak diimpor. Penanggung jawab per area dicatat di plan/<tahun>/tim.yaml."]
    assert [c.format() for c in r.bacaan.catatan] == [
        "rencana-kantor-lain.html, tabel 1, baris 4: tanpa teks INDIKATOR sendiri: isiannya ditambahkan sebagai "
        "butir baru indikator baris 3 (“Unit kerja telah membentuk tim”)."]
    # plan/2027 has no keputusan-rencana-aksi.yaml yet: the check says so instead of failing the import
    assert r.report is None and "keputusan-rencana-aksi.yaml" in r.check_galat and not r.lengkap


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "RA 2026"
    ws["A1"] = "RENCANA AKSI ZONA INTEGRITAS"
    ws.merge_cells("A1:H1")
    ws["A2"] = "KANTOR CONTOH TAHUN 2026"
    ws.merge_cells("A2:H2")
    header = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK/OUTPUT", "TARGET WAKTU",
              "PENANGGUNG JAWAB", "KETERANGAN"]
    rows = {
        4: header, 5: list(range(1, 9)),
        6: ["I. MANAJEMEN PERUBAHAN"],
        7: [1, "Tim Kerja", "Membentuk tim", "1) Menyusun SK\n2) Menetapkan SK",
            CellRichText(["SK dan unggahan ", TextBlock(InlineFont(i=True), "website")]),
            dt.datetime(2026, 3, 1), "Sekretaris"],
        8: [None, None, "Evaluasi tim", "Rapat evaluasi", "Notulen", "Juni 2026"],
        9: header, 10: list(range(1, 9)),
        11: ["II", "PENATAAN TATA LAKSANA"],
        12: ["1.", "SOP", "SOP ditetapkan", "Menyusun SOP", "SK SOP", "Juli 2026", None, "catatan x"],
        13: ["x", "Komponen aneh", "Indikator aneh", "Langkah", "Bukti", "Agustus 2026"],
    }
    for r, values in rows.items():
        for c, v in enumerate(values, 1):
            if v is not None:
                ws.cell(r, c, v)
    ws.merge_cells("A6:H6")
    ws.merge_cells("A7:A8")
    ws.merge_cells("B7:B8")
    ws.merge_cells("B11:H11")
    wb.save(path)
    return path


XLSX_WANT = [
    {"kode": "I", "nama": "MANAJEMEN PERUBAHAN", "komponen": [{"no": 1, "nama": "Tim Kerja", "indikator": [
        {"indikator": "Membentuk tim", "langkah_aksi": ["Menyusun SK", "Menetapkan SK"],
         "bukti_fisik": "SK dan unggahan *website*", "target_waktu": "Maret 2026"},
        {"indikator": "Evaluasi tim", "langkah_aksi": "Rapat evaluasi", "bukti_fisik": "Notulen",
         "target_waktu": "Juni 2026"}]}]},
    {"kode": "II", "nama": "PENATAAN TATA LAKSANA", "komponen": [{"no": 1, "nama": "SOP", "indikator": [
        {"indikator": "SOP ditetapkan", "langkah_aksi": "Menyusun SOP", "bukti_fisik": "SK SOP",
         "target_waktu": "Juli 2026"}]}]},
]


def _xlsx_reports(nama: str) -> tuple[list[str], list[str]]:
    unplaced = [f"{nama}, lembar “RA 2026”, baris 13: “x | Komponen aneh | Indikator aneh | Langkah | Bukti | "
                "Agustus 2026”: NO “x” bukan nomor komponen (1, 2, 3 …); perbaiki NO di kolom A lalu impor lagi."]
    columns = [
        f"{nama}, lembar “RA 2026”: kolom G “PENANGGUNG JAWAB”: rencana zidocs tidak menyimpan PENANGGUNG JAWAB; "
        "isinya (1 sel berisi) tidak diimpor. Penanggung jawab per area dicatat di plan/<tahun>/tim.yaml.",
        f"{nama}, lembar “RA 2026”: kolom H “KETERANGAN”: rencana zidocs tidak menyimpan KETERANGAN; isinya "
        "(1 sel berisi) tidak diimpor."]
    return unplaced, columns


def test_xlsx_with_merged_cells_and_an_unplaceable_row(tmp_path):
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    xlsx = _workbook(tmp_path / "ra.xlsx")
    r = api.impor_rencana(ws, xlsx, timpa=True)
    assert r.tahun == 2026
    data = _load(r.path)
    assert data["judul"] == ["RENCANA AKSI ZONA INTEGRITAS", "KANTOR CONTOH TAHUN 2026"]
    assert _tanpa_kunci(data) == XLSX_WANT
    unplaced, columns = _xlsx_reports("ra.xlsx")
    assert [c.format() for c in r.bacaan.tidak_ditempatkan] == unplaced
    assert [c.format() for c in r.bacaan.kolom_diabaikan] == columns
    assert not r.lengkap


def test_ods_resaved_by_libreoffice_reads_like_the_xlsx(tmp_path):
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    ods = convert_file(_workbook(tmp_path / "ra.xlsx"), tmp_path / "ra.ods", "ods")
    r = api.impor_rencana(ws, ods, timpa=True)
    assert r.catatan_berkas == ["ra.ods: diubah ke XLSX dengan LibreOffice untuk dibaca (sel gabungan dan huruf "
                                "miring tetap)."]
    assert _tanpa_kunci(_load(r.path)) == XLSX_WANT
    unplaced, columns = _xlsx_reports("ra.ods")
    assert [c.format() for c in r.bacaan.tidak_ditempatkan] == unplaced
    assert [c.format() for c in r.bacaan.kolom_diabaikan] == columns


CSV = (
    "Area;Komponen;Indikator;Langkah Aksi;Bukti Fisik;Target Waktu\n"
    ";;;;Bukti tanpa indikator;Mei 2026\n"
    "I. Manajemen Perubahan;1. Tim Kerja;Membentuk tim;Menyusun SK;SK Tim;Maret 2026\n"
    "I. Manajemen Perubahan;1. Tim Kerja;Evaluasi tim;Rapat evaluasi;Notulen;Juni 2026\n"
    'I. Manajemen Perubahan;2. Rencana Aksi;Menyusun rencana;"1) Rapat; 2) Penetapan";Dokumen RA;Januari 2026\n'
    "Area;Komponen;Indikator;Langkah Aksi;Bukti Fisik;Target Waktu\n"
    ";;;3) Publikasi di *website*;;\n"
    "II. Penataan Tata Laksana;1. SOP;SOP ditetapkan;Menyusun SOP;SK SOP;Juli 2026\n"
)


def test_csv_flat_rows_a_split_row_and_an_unplaceable_row(tmp_path, capsys):
    wsdir = copy_workspace(tmp_path / "ws")
    csv_path = tmp_path / "ra.csv"
    csv_path.write_text(CSV, encoding="utf-8-sig")
    assert run(["-w", str(wsdir), "impor", str(csv_path), "--timpa"]) == 1
    captured = capsys.readouterr()
    assert ("  ra.csv, tabel, baris 2: “Bukti tanpa indikator | Mei 2026”: tidak ada teks INDIKATOR untuk isian "
            "baris ini, dan tidak ada indikator di atasnya untuk dilanjutkan; isi kolom INDIKATOR.") in captured.err
    assert ("ra.csv, tabel, baris 7: baris terbelah di pergantian halaman: disambung ke baris 5 (indikator "
            "“Menyusun rencana”).") in captured.out
    data = _load(wsdir / "plan/2026/rencana-aksi.yaml")
    assert _tanpa_kunci(data) == [
        {"kode": "I", "nama": "Manajemen Perubahan", "komponen": [
            {"no": 1, "nama": "Tim Kerja", "indikator": [
                {"indikator": "Membentuk tim", "langkah_aksi": "Menyusun SK", "bukti_fisik": "SK Tim",
                 "target_waktu": "Maret 2026"},
                {"indikator": "Evaluasi tim", "langkah_aksi": "Rapat evaluasi", "bukti_fisik": "Notulen",
                 "target_waktu": "Juni 2026"}]},
            {"no": 2, "nama": "Rencana Aksi", "indikator": [
                {"indikator": "Menyusun rencana", "langkah_aksi": ["Rapat;", "Penetapan", "Publikasi di *website*"],
                 "bukti_fisik": "Dokumen RA", "target_waktu": "Januari 2026"}]}]},
        {"kode": "II", "nama": "Penataan Tata Laksana", "komponen": [
            {"no": 1, "nama": "SOP", "indikator": [
                {"indikator": "SOP ditetapkan", "langkah_aksi": "Menyusun SOP", "bukti_fisik": "SK SOP",
                 "target_waktu": "Juli 2026"}]}]},
    ]


def test_the_signed_reference_text_reads_into_the_shipped_plan(tmp_path):
    """The reference is the printed decree's text: the header repeats on every
    page and rows broken by a page continue under it, steps run on in one line
    ("1) … 2) …"). As a tab-separated file it reads into the shipped plan."""
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index("NO\tKOMPONEN")
    end = text.index("KETUA KOMISI PEMILIHAN UMUM\nKABUPATEN MERANGIN,", start)
    tsv = tmp_path / "rujukan.tsv"
    tsv.write_text(re.sub(r"<i>(.*?)</i>", r"*\1*", text[start:end]), encoding="utf-8")
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    r = api.impor_rencana(ws, tsv, timpa=True)
    assert r.bacaan.tidak_ditempatkan == [] and r.bacaan.jumlah_indikator == 70
    assert_same_table(_load(r.path), _load(REPO / "plan/2026/rencana-aksi.yaml"))
    split = [c for c in r.bacaan.catatan if "terbelah" in c.pesan]
    assert len(split) == 9
    assert r.catatan_berkas == ["rujukan.tsv: judul tabel (baris di bawah “BAB II”, atau di atas kepala kolom) tidak "
                                "ditemukan; ditulis “RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026”. Sunting "
                                "`judul:` bila perlu."]


# --- the pure reader on hand-made grids --------------------------------------------------


def _tabel(rows, nama="tabel 1", **kw) -> Tabel:
    return Tabel("t.docx", nama, dari_sel([[(v, 1, 1) if v else None for v in r] for r in rows]), **kw)


HEAD = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]


def test_lettered_areas_become_roman_when_there_are_no_roman_ones():
    b = baca_rencana([_tabel([HEAD, ["A. MANAJEMEN PERUBAHAN"], ["1", "Tim", "Ind", "La", "Bf", "Maret 2026"],
                              ["B. TATA LAKSANA"], ["1", "SOP", "Ind2", "La2", "Bf2", "April 2026"]])])
    assert [(a["kode"], a["nama"]) for a in b.area] == [("I", "MANAJEMEN PERUBAHAN"), ("II", "TATA LAKSANA")]
    assert b.tidak_ditempatkan == []


def test_a_group_heading_above_roman_areas_is_reported():
    b = baca_rencana([_tabel([HEAD, ["A. PENGUNGKIT"], ["I. MANAJEMEN PERUBAHAN"],
                              ["1", "Tim", "Ind", "La", "Bf", "Maret 2026"]])])
    assert [c.format() for c in b.tidak_ditempatkan] == [
        "t.docx, tabel 1, baris 2: “A. PENGUNGKIT”: judul kelompok di atas area (rencana zidocs hanya mengenal "
        "area I, II, …): tidak disimpan. Bila ini sebuah area, beri nomor Romawi (mis. “I. …”)."]


def test_rows_before_an_area_and_a_component_without_indicators_are_reported():
    b = baca_rencana([_tabel([HEAD, ["1", "Tim", "Ind", "La", "Bf", "Maret 2026"], ["I. MANAJEMEN"],
                              ["1", "Tim", "Ind", "La", "Bf", "Maret 2026"], ["2", "Kosong"]])])
    assert [c.format() for c in b.tidak_ditempatkan] == [
        "t.docx, tabel 1, baris 2: “1 | Tim | Ind | La | Bf | Maret 2026”: komponen sebelum baris area pertama; "
        "tambahkan baris area (mis. “I. MANAJEMEN PERUBAHAN”) di atasnya.",
        "t.docx, tabel 1, baris 5: komponen I.2 “Kosong” tanpa satu pun indikator: tidak ditulis. Isi kolom "
        "INDIKATOR di baris komponen itu atau di baris bawahnya."]
    assert b.jumlah_indikator == 1


def test_a_table_split_in_two_continues_and_unknown_columns_are_reported():
    first = _tabel([[*HEAD, "ANGKA"], ["I. MANAJEMEN"], ["1", "Tim", "Monitoring dan", "1) Rapat dan", "Notulen",
                                                           "Juni 2026", "9"]])
    second = _tabel([["", "", "evaluasi", "evaluasi 2) Laporan", "", "", ""]], nama="tabel 2")
    b = baca_rencana([first, second])
    ind = b.area[0]["komponen"][0]["indikator"][0]
    assert ind["indikator"] == "Monitoring dan evaluasi"
    assert ind["langkah_aksi"] == ["Rapat dan evaluasi", "Laporan"]
    assert [c.format() for c in b.kolom_diabaikan] == [
        "t.docx, tabel 1: kolom 7 “ANGKA”: kolom tidak dikenal; isinya (1 sel berisi) tidak diimpor. Kolom yang "
        "dikenal: NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK, TARGET WAKTU (dan AREA, KUNCI)."]
    assert b.catatan[0].format() == ("t.docx, tabel 2: tanpa kepala kolom, langsung sesudah tabel Rencana Aksi yang "
                                     "selebar: dibaca sebagai lanjutannya.")


@pytest.mark.parametrize("teks, peran", [
    ("NO", "no"), ("No.", "no"), ("KOMPONEN", "komponen"), ("Indikator", "indikator"),
    ("LANGKAH AKSI", "langkah_aksi"), ("Rencana Aksi", "langkah_aksi"), ("Langkah-langkah", "langkah_aksi"),
    ("BUKTI FISIK/OUTPUT", "bukti_fisik"), ("Output", "bukti_fisik"), ("Data Dukung", "bukti_fisik"),
    ("TARGET WAKTU", "target_waktu"), ("Waktu Pelaksanaan", "target_waktu"), ("PJ", "pj"),
    ("Penanggung Jawab", "pj"), ("Keterangan", "keterangan"), ("Anggaran", "anggaran"), ("Warna", None),
])
def test_column_names(teks, peran):
    assert peran_kolom(teks) == peran


def test_a_file_without_a_rencana_aksi_table_writes_nothing(tmp_path):
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    csv_path = tmp_path / "lain.csv"
    csv_path.write_text("Nama,Jabatan\nAna,Staf\n", encoding="utf-8")
    before = (ws.year_dir(2026) / "rencana-aksi.yaml").read_bytes()
    with pytest.raises(InputError) as exc:
        api.impor_rencana(ws, csv_path, timpa=True)
    assert exc.value.message == (
        "lain.csv: tidak ada tabel dengan baris kepala kolom Rencana Aksi (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, "
        "BUKTI FISIK, TARGET WAKTU); tidak ada yang ditulis.")
    assert (ws.year_dir(2026) / "rencana-aksi.yaml").read_bytes() == before
    with pytest.raises(InputError) as exc:
        api.impor_rencana(ws, tmp_path / "lama.doc")
    assert exc.value.message == f"{tmp_path / 'lama.doc'}: berkas tidak ditemukan. Periksa nama dan foldernya."
    (tmp_path / "lama.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as exc:
        api.impor_rencana(ws, tmp_path / "lama.doc")
    assert exc.value.message == ("lama.doc: format lama .doc tidak dibaca. Buka di Word/Excel atau LibreOffice lalu "
                                 "simpan sebagai .docx, kemudian impor berkas itu.")


def test_text_under_a_column_without_its_own_header_is_reported():
    rows = [[*HEAD, ""], ["I. MANAJEMEN"], ["1", "Tim", "Ind", "La", "Bf", "Maret 2026", "✓"]]
    b = baca_rencana([_tabel(rows)])
    assert [c.format() for c in b.kolom_diabaikan] == [
        "t.docx, tabel 1: kolom 7 tanpa judul kolom sendiri: isinya (1 sel berisi) tidak diimpor."]
    assert b.jumlah_indikator == 1


# --- property: any plan laid out as the decree lays it out reads back ---------------------

_kata = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_teks = st.lists(_kata, min_size=1, max_size=6).map(" ".join)
_sel = st.one_of(_teks, st.lists(_teks, min_size=2, max_size=4))
_ind = st.fixed_dictionaries({"indikator": _teks, "langkah_aksi": _sel, "bukti_fisik": _sel,
                              "target_waktu": st.sampled_from(["Maret 2026", "Januari-Desember 2026", "Per-bulan"])})
# Indicators of one component differ in text: two consecutive rows with the same
# INDIKATOR are read as one indicator (a flat sheet's row per step), and noted.
_komp = st.fixed_dictionaries({"nama": _teks, "indikator": st.lists(_ind, min_size=1, max_size=3,
                                                                    unique_by=lambda i: i["indikator"])})
_area = st.fixed_dictionaries({"nama": _teks.map(str.upper), "komponen": st.lists(_komp, min_size=1, max_size=3)})


def _cell(v):
    return v if isinstance(v, str) else "\n".join(f"{i}) {t}" for i, t in enumerate(v, 1))


@given(st.lists(_area, min_size=1, max_size=4))
def test_any_plan_laid_out_like_the_decree_reads_back(areas):
    rows = [[(h, 1, 1) for h in HEAD], [(str(i), 1, 1) for i in range(1, 7)]]
    for ai, a in enumerate(areas, 1):
        rows.append([(["I", "II", "III", "IV"][ai - 1], 1, 1), (a["nama"], 5, 1), None, None, None, None])
        for ki, k in enumerate(a["komponen"], 1):
            n = len(k["indikator"])
            for ii, ind in enumerate(k["indikator"]):
                head = [(f"{ki}.", 1, n), (k["nama"], 1, n)] if ii == 0 else [None, None]
                rows.append(head + [(_cell(ind[f]), 1, 1) for f in FIELDS])
    b = baca_rencana([Tabel("t.docx", "tabel 1", dari_sel(rows))])
    assert b.tidak_ditempatkan == [] and b.kolom_diabaikan == []
    want = [{"kode": ["I", "II", "III", "IV"][ai], "nama": a["nama"], "komponen": [
        {"no": ki, "nama": k["nama"], "indikator": k["indikator"]} for ki, k in enumerate(a["komponen"], 1)]}
        for ai, a in enumerate(areas)]
    assert b.area == want


def test_a_damaged_spreadsheet_is_refused_with_its_name(tmp_path, capsys):
    ws = copy_workspace(tmp_path / "ws")
    (tmp_path / "rusak.ods").write_bytes(b"bukan zip")
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan zip")
    assert run(["-w", str(ws), "impor", str(tmp_path / "rusak.ods")]) == 3
    assert capsys.readouterr().err == (
        "zidocs: rusak.ods: bukan berkas ODS yang sah (rusak, terpotong, dilindungi kata sandi, atau berekstensi "
        "salah). Buka di Word/LibreOffice lalu simpan ulang sebagai ODS tanpa kata sandi.\n")
    assert run(["-w", str(ws), "impor", str(tmp_path / "rusak.xlsx")]) == 3
    assert capsys.readouterr().err.startswith("zidocs: rusak.xlsx: bukan lembar kerja XLSX yang dapat dibaca (")


def test_the_salinan_resaved_as_odt_reads_back_too(salinan, tmp_path):
    """DOCX → ODT → (LibreOffice) DOCX: the merges survive both conversions."""
    odt = convert_file(salinan, tmp_path / "salinan.odt", "odt")
    ws = Workspace(copy_workspace(tmp_path / "ws"))
    r = api.impor_rencana(ws, odt, timpa=True)
    assert r.bacaan.tidak_ditempatkan == []
    assert_same_table(_load(r.path), _load(REPO / "plan/2026/rencana-aksi.yaml"))
