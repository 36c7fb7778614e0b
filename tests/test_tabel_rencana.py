"""Rencana Aksi ⇄ XLSX on real workbooks: openpyxl reads what zidocs wrote,
the real LibreOffice re-saves it, the merge keeps every byte it was not asked
to change, and the decree built afterwards is the same file."""

from __future__ import annotations

import difflib
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from helpers import REPO, copy_workspace, edit_yaml
from lo_resave import resave
from zidocs import api
from zidocs.cli import run
from zidocs.errors import InputError
from zidocs.plan.kunci import buat_kunci
from zidocs.plan.workspace import Workspace
from zidocs.tabel.buku import BukuError
from zidocs.tabel.rencana_xlsx import LEMBAR

RA = Path("plan/2026/rencana-aksi.yaml")
COL = {name: i for i, name in enumerate(
    ("Kunci", "Nomor", "Area kode", "Area nama", "Komponen no", "Komponen nama", "Indikator", "Langkah aksi",
     "Bukti fisik", "Target waktu"), start=1)}


@pytest.fixture
def ws(ws_dir: Path) -> Workspace:
    return Workspace(ws_dir)


def ekspor(ws: Workspace, name: str = "ra.xlsx") -> Path:
    return api.rencana_ekspor(ws, 2026, tujuan=ws.root / name).path


def edit_sheet(path: Path, change) -> Path:
    wb = load_workbook(path)
    change(wb[LEMBAR])
    wb.save(path)
    return path


def row_of(sheet, nomor: str) -> int:
    for r in range(4, sheet.max_row + 1):
        if sheet.cell(r, COL["Nomor"]).value == nomor:
            return r
    raise AssertionError(nomor)


def diff(a: str, b: str) -> list[str]:
    return [ln for ln in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]


# --- the workbook ----------------------------------------------------------------------------


def test_export_is_deterministic_and_stamped_with_the_decree_date(ws, tmp_path):
    a = ekspor(ws, "a.xlsx").read_bytes()
    b = ekspor(ws, "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(ws.root / "a.xlsx") as z:
        core = z.read("docProps/core.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(2026, 3, 6, 0, 0, 0)}
    assert "2026-03-06T00:00:00Z" in core and "openpyxl" not in core
    assert "Komisi Pemilihan Umum Kabupaten Merangin" in core


def test_sheet_layout_protection_and_print_setup(ws):
    wb = load_workbook(ekspor(ws))
    assert wb["zidocs"].sheet_state == "hidden"
    sh = wb[LEMBAR]
    assert [sh.cell(3, c).value for c in range(1, 11)] == list(COL)
    assert sum(1 for r in range(4, sh.max_row + 1) if sh.cell(r, 1).value) == 70
    assert sh["A1"].value == "Judul tabel"
    assert sh["B1"].value == ("RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS\n"
                              "KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN TAHUN 2025")
    # protected without a password: only Kunci (and the informational Nomor) locked
    assert sh.protection.sheet and not sh.protection.password
    assert sh.protection.autoFilter is False  # filtering stays allowed
    r = row_of(sh, "II.1.1")
    assert sh.cell(r, 1).protection.locked and sh.cell(r, 2).protection.locked
    assert not any(sh.cell(r, c).protection.locked for c in range(3, 11))
    assert not sh.cell(150, COL["Indikator"]).protection.locked  # room for new rows
    # area and komponen repeated in every row (no merged cells in the table)
    assert [str(m) for m in sh.merged_cells.ranges] == ["B1:J1", "B2:J2"]
    assert sh.cell(r, 3).value == "II" and sh.cell(r, 5).value == 1
    # several steps as numbered lines; italics as markup
    assert sh.cell(r, COL["Langkah aksi"]).value == (
        "1) Seluruh pegawai telah mengetahui SOP yang telah ditetapkan;\n2) SOP tersedia di ruang pelayanan;\n"
        "3) Melaksanakan evaluasi dokumen SOP")
    assert "*website*" in sh.cell(row_of(sh, "I.2.1"), COL["Langkah aksi"]).value
    assert sh.cell(r, COL["Langkah aksi"]).alignment.wrap_text
    assert sh.freeze_panes == "C4" and sh.auto_filter.ref == "A3:J73"
    assert sh.page_setup.orientation == "landscape" and int(sh.page_setup.paperSize) == 14  # Folio = F4
    assert sh.print_title_rows == "$3:$3"


# --- round trips without edits -------------------------------------------------------------------


def test_rows_are_tall_enough_for_their_wrapped_text(ws, tmp_path):
    """LibreOffice does not fit row heights on XLSX import: a row printed one line
    high would hide the second and third langkah aksi. Printed through the real
    LibreOffice, every step of II.1.1 is on the page."""
    sheet = load_workbook(ekspor(ws))[LEMBAR]
    r = row_of(sheet, "II.1.1")  # three steps and three bukti fisik
    assert sheet.row_dimensions[r].height >= 3 * 15
    assert sheet.row_dimensions[3].height > 15  # header "Komponen no" wraps in its narrow column
    pdf = tmp_path / "ra.pdf"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(ws.root / "ra.xlsx")], check=True, capture_output=True)
    assert pdf.exists(), "LibreOffice wrote no PDF"
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for step in ("Seluruh pegawai telah mengetahui SOP", "SOP tersedia di ruang", "Melaksanakan evaluasi dokumen"):
        assert step in text, step


def test_shipped_plan_round_trip_changes_nothing_and_the_decree_is_the_same(ws):
    before = api.keputusan(ws, 2026)
    docx = {p.name: p.read_bytes() for p in before.paths}
    r = api.rencana_impor(ws, ekspor(ws), 2026)
    assert not r.impor.ditulis and not r.impor.ringkasan.berubah
    assert (ws.root / RA).read_bytes() == (REPO / RA).read_bytes()
    after = api.keputusan(ws, 2026)
    assert {p.name: p.read_bytes() for p in after.paths} == docx


HARD = {
    # (area, komponen, indicator) index → values
    (0, 0, 0): {"indikator": "*Whistle Blowing System* tersedia; lihat #KPUMelayani",
                "langkah_aksi": ["Menyusun *role model* 2026;", "=SUM(A1) bukan rumus", "Teks 'kutip' dan \"ganda\""],
                "bukti_fisik": ["Satu butir saja dalam daftar"]},
    (0, 1, 0): {"langkah_aksi": "1) teks yang diawali nomor tetapi satu teks",
                "bukti_fisik": "Panjang " + "sekali dan berulang-ulang, " * 180 + "selesai."},
    (1, 0, 0): {"langkah_aksi": ["Butir pertama\ndengan baris kedua", "*Butir* kedua: dengan titik dua"],
                "target_waktu": "Maret, Juni, September, Desember 2026"},
}


def _hard_plan(ws: Workspace) -> None:
    def change(data):
        for (a, k, i), values in HARD.items():
            data["area"][a]["komponen"][k]["indikator"][i].update(values)
    edit_yaml(ws.root / RA, change)


def test_round_trip_of_markup_several_steps_and_long_texts_changes_nothing(ws):
    _hard_plan(ws)
    text = (ws.root / RA).read_bytes()
    decree = [p.read_bytes() for p in api.keputusan(ws, 2026).paths]
    xlsx = ekspor(ws)
    sh = load_workbook(xlsx)[LEMBAR]
    cell = sh.cell(4, COL["Langkah aksi"])
    assert cell.value.startswith("1) Menyusun *role model* 2026;\n2) =SUM(A1)") and cell.data_type == "s"
    r = api.rencana_impor(ws, xlsx, 2026)
    assert not r.impor.ditulis
    assert (ws.root / RA).read_bytes() == text
    assert [p.read_bytes() for p in api.keputusan(ws, 2026).paths] == decree


def test_a_sheet_saved_by_libreoffice_imports_without_change(ws, tmp_path):
    _hard_plan(ws)
    text = (ws.root / RA).read_bytes()
    lo = resave(ekspor(ws), tmp_path / "lo", "xlsx")
    r = api.rencana_impor(ws, lo, 2026)
    assert not r.impor.ditulis, r.impor.ringkasan
    assert (ws.root / RA).read_bytes() == text


def test_a_sheet_saved_by_libreoffice_as_ods_imports_and_an_edit_merges(ws, tmp_path):
    """LibreOffice Calc's own format: an ODS saved from the export imports with
    no change, and an edit made in it arrives in the YAML."""
    text = (ws.root / RA).read_bytes()
    ods = resave(ekspor(ws), tmp_path / "lo", "ods")
    assert ods.suffix == ".ods"
    r = api.rencana_impor(ws, ods, 2026)
    assert not r.impor.ditulis, r.impor.ringkasan
    assert (ws.root / RA).read_bytes() == text
    edited = edit_sheet(ekspor(ws, "ubah.xlsx"), lambda sh: setattr(sh.cell(row_of(sh, "I.1.1"), COL["Target waktu"]), "value",
                                                                    "April 2026"))
    r = api.rencana_impor(ws, resave(edited, tmp_path / "lo2", "ods"), 2026)
    assert r.impor.ditulis
    assert diff(text.decode(), (ws.root / RA).read_text()) == [
        "-            target_waktu: Maret Tahun 2026", "+            target_waktu: April 2026"]


def test_libreoffice_sees_the_kunci_column_locked_and_the_others_open(ws, tmp_path):
    """LibreOffice's own reading of the protection: re-saved as ODS, the sheet
    is protected, column A's cells use a protected style, the others not."""
    ods = resave(ekspor(ws), tmp_path / "lo", "ods")
    with zipfile.ZipFile(ods) as z:
        content = z.read("content.xml").decode()
    root = etree.fromstring(content.encode())
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    protect = {}
    for st in root.iterfind(".//style:style", ns):
        props = st.find("style:table-cell-properties", ns)
        value = props.get(f"{{{ns['style']}}}cell-protect") if props is not None else None
        protect[st.get(f"{{{ns['style']}}}name")] = value or "protected"  # ODF default: protected
    table = root.find(f".//table:table[@table:name='{LEMBAR}']", ns)
    assert table.get(f"{{{ns['table']}}}protected") == "true"
    T = f"{{{ns['table']}}}"
    rows = table.findall(".//table:table-row", ns)
    seen = 0
    for row in rows:
        cells = []
        for c in row:
            n = int(c.get(T + "number-columns-repeated", "1"))
            cells += [c] * n
        texts = ["".join(c.itertext()) for c in cells[:3]]
        if len(cells) >= 7 and texts[0].startswith("i") and texts[1].count(".") == 2:
            styles = [c.get(T + "style-name") or row.get(T + "default-cell-style-name") for c in cells[:10]]
            assert protect[styles[0]] == "protected", texts
            assert all(protect[s] == "none" for s in styles[2:10]), (texts, styles)
            seen += 1
    assert seen == 70


# --- edits ------------------------------------------------------------------------------------------


def test_edits_new_rows_and_renames_merge_into_the_yaml_keeping_everything_else(ws):
    xlsx = ekspor(ws)
    new_text = "Indikator baru: *e-office* dipakai seluruh pegawai"

    def change(sh):
        r = row_of(sh, "I.1.1")
        sh.cell(r, COL["Target waktu"]).value = "April 2026"
        r = row_of(sh, "II.1.1")
        sh.cell(r, COL["Langkah aksi"]).value = "1) Sosialisasi SOP;\n2) Evaluasi SOP"
        # numbering the same single step differently is no change (str stays str)
        sh.cell(row_of(sh, "I.2.1"), COL["Bukti fisik"]).value = (
            "1) " + sh.cell(row_of(sh, "I.2.1"), COL["Bukti fisik"]).value)
        for rr in range(4, sh.max_row + 1):
            if sh.cell(rr, COL["Area kode"]).value == "VI":
                sh.cell(rr, COL["Area nama"]).value = "PENINGKATAN KUALITAS PELAYANAN PUBLIK (DIUBAH)"
        last = row_of(sh, "VI.3.3") + 1
        for name, v in (("Area kode", "VI"), ("Area nama", "PENINGKATAN KUALITAS PELAYANAN PUBLIK (DIUBAH)"),
                        ("Komponen no", 3), ("Komponen nama", sh.cell(last - 1, COL["Komponen nama"]).value),
                        ("Indikator", new_text), ("Langkah aksi", "1) Pelatihan\n2) Penerapan"),
                        ("Bukti fisik", "Laporan penerapan"), ("Target waktu", "Juni 2026")):
            sh.cell(last, COL[name]).value = v

    edit_sheet(xlsx, change)
    old = (ws.root / RA).read_text()
    r = api.rencana_impor(ws, xlsx, 2026)
    h = r.impor.ringkasan
    kunci = buat_kunci(new_text, set())
    assert h.ditambah == [("VI.3.4", kunci, new_text)]
    assert h.diubah == [("I.1.1", ["target waktu"]), ("II.1.1", ["langkah aksi"])]
    assert h.area == ["nama area VI diubah"] and not h.dihapus and not h.nomor_berubah
    new = (ws.root / RA).read_text()
    assert new.startswith(old.split("judul:")[0])  # the header comments kept
    d = diff(old, new)
    assert d == [  # nothing else in the file changed
        "-            target_waktu: Maret Tahun 2026",
        "+            target_waktu: April 2026",
        "-              - Seluruh pegawai telah mengetahui SOP yang telah ditetapkan;",
        "-              - SOP tersedia di ruang pelayanan;",
        "-              - Melaksanakan evaluasi dokumen SOP",
        "+              - Sosialisasi SOP;",
        "+              - Evaluasi SOP",
        "-    nama: PENINGKATAN KUALITAS PELAYANAN PUBLIK",
        "+    nama: PENINGKATAN KUALITAS PELAYANAN PUBLIK (DIUBAH)",
        f"+          - kunci: {kunci}",
        "+            indikator: 'Indikator baru: *e-office* dipakai seluruh pegawai'",
        "+            langkah_aksi:",
        "+              - Pelatihan",
        "+              - Penerapan",
        "+            bukti_fisik: Laporan penerapan",
        "+            target_waktu: Juni 2026",
    ]
    assert r.check.errors == []


def test_deleting_a_row_is_refused_unless_asked_and_then_reported(ws):
    xlsx = edit_sheet(ekspor(ws), lambda sh: sh.delete_rows(row_of(sh, "I.4.1")))
    old = (ws.root / RA).read_bytes()
    with pytest.raises(BukuError) as exc:
        api.rencana_impor(ws, xlsx, 2026)
    assert exc.value.message == (
        "1 indikator ada di plan/2026/rencana-aksi.yaml tetapi barisnya tidak ada di lembar; tidak ada yang ditulis. "
        "Bila memang dihapus, impor lagi dengan ⟦opsi|hapus⟧: bukti dukung dan isian monev indikator itu tidak "
        "ikut terhapus, dan ⟦check⟧ akan melaporkannya. Bila tidak, kembalikan barisnya (ekspor ulang)."
        "\n  I.4.1 (kunci ia1969f37): Para Pimpinan berperan sebagai *role model* dalam pelaksanaan pembang…")
    assert (ws.root / RA).read_bytes() == old
    r = api.rencana_impor(ws, xlsx, 2026, hapus=True)
    h = r.impor.ringkasan
    assert [(i, k) for i, k, _ in h.dihapus] == [("I.4.1", "ia1969f37")]
    assert h.nomor_berubah == [("I.4.2", "I.4.1")]
    assert "ia1969f37" not in (ws.root / RA).read_text()
    # the monev sample still refers to it: check says so
    assert any(f.kode == "MONEV-INDIKATOR" for f in r.check.errors)


def test_cli_prints_the_summary_and_the_check(ws, capsys):
    xlsx = edit_sheet(ekspor(ws), lambda sh: sh.delete_rows(row_of(sh, "VI.3.3")))
    assert run(["-w", str(ws.root), "rencana", "impor", str(xlsx), "2026"]) == 1
    assert "impor lagi dengan --hapus" in capsys.readouterr().err
    assert run(["-w", str(ws.root), "rencana", "impor", str(xlsx), "2026", "--hapus"]) == 0
    cap = capsys.readouterr()
    assert cap.out.startswith("plan/2026/rencana-aksi.yaml diperbarui:\n")
    assert "  DIHAPUS   VI.3.3 (kunci ia410e981): Dilakukan tindaklanjut atas hasil survey kepuasan masyarakat" in cap.err
    assert "Pemeriksaan rencana 2026: 0 galat" in cap.out


def test_bad_cells_are_reported_by_sheet_row_and_column_and_nothing_is_written(ws):
    def change(sh):
        r = row_of(sh, "II.2.1")
        sh.cell(r, COL["Area nama"]).value = "Tata Laksana"
        sh.cell(r, COL["Komponen no"]).value = "dua"
        sh.cell(row_of(sh, "III.1.1"), COL["Indikator"]).value = None
        sh.cell(row_of(sh, "IV.1.1"), COL["Kunci"]).value = "i6075c47a"

    xlsx = edit_sheet(ekspor(ws), change)
    old = (ws.root / RA).read_bytes()
    with pytest.raises(BukuError) as exc:
        api.rencana_impor(ws, xlsx, 2026)
    r2, r3, r4 = (row_of(load_workbook(xlsx)[LEMBAR], n) for n in ("II.2.1", "III.1.1", "IV.1.1"))
    where = 'ra.xlsx, lembar "Rencana Aksi", baris'
    assert exc.value.masalah == [
        f"{where} {r2}, kolom Komponen no: “dua” bukan nomor komponen; tulis bilangan bulat 1, 2, …",
        f"{where} {r3}, kolom Indikator: kosong; tulis teks indikatornya, atau hapus seluruh baris bila "
        "indikator ini memang dihapus.",
        f"{where} {r4}, kolom Kunci: kunci “i6075c47a” sudah dipakai baris 4; kosongkan sel Kunci baris salinan "
        "ini agar menjadi indikator baru.",
        f"{where} {r2}, kolom Area nama: nama area II “Tata Laksana” berbeda dengan baris {r2 - 1} "
        "(“PENATAAN TATA LAKSANA”); samakan nama area ini di semua barisnya.",
    ]
    assert (ws.root / RA).read_bytes() == old


def test_an_unknown_key_and_a_wrong_workbook_are_refused(ws, tmp_path):
    xlsx = edit_sheet(ekspor(ws), lambda sh: setattr(sh.cell(4, 1), "value", "kunci-karangan"))
    with pytest.raises(BukuError) as exc:
        api.rencana_impor(ws, xlsx, 2026)
    assert exc.value.masalah == [
        'ra.xlsx, lembar "Rencana Aksi", baris 4, kolom Kunci: kunci “kunci-karangan” tidak ada di '
        "plan/2026/rencana-aksi.yaml; kosongkan sel Kunci bila baris ini indikator baru (kunci tidak boleh "
        "diketik sendiri di lembar)."]
    monev = api.monev_ekspor(ws, 2026, "TW1", tujuan=tmp_path / "m.xlsx").path
    with pytest.raises(InputError) as exc:
        api.rencana_impor(ws, monev, 2026)
    assert exc.value.message == ("m.xlsx: berkas ini isian monev, bukan lembar yang diharapkan. Buat lembarnya "
                                 "dengan ⟦rencana-ekspor⟧, sunting, lalu impor berkas itu.")
    xls = tmp_path / "ra.xls"
    xls.write_bytes(b"x")
    with pytest.raises(InputError, match=r"hanya lembar kerja \.xlsx atau \.ods"):
        api.rencana_impor(ws, xls, 2026)
    ods = tmp_path / "ra.ods"
    ods.write_bytes(b"x")  # refused before LibreOffice starts
    with pytest.raises(InputError) as exc:
        api.rencana_impor(ws, ods, 2026)
    assert exc.value.message.startswith("ra.ods: bukan berkas ODS yang sah")


def test_an_edit_saved_by_libreoffice_is_merged_and_a_round_trip_keeps_the_decree_pdf(ws, tmp_path):
    """A real edit made through LibreOffice's XLSX writer changes one line;
    then a LibreOffice round trip without edits leaves the decree PDF (and
    DOCX) byte for byte the same."""
    old = (ws.root / RA).read_text()
    xlsx = edit_sheet(ekspor(ws), lambda sh: setattr(sh.cell(row_of(sh, "V.1.1"), COL["Target waktu"]),
                                                     "value", "Juni 2026"))
    r = api.rencana_impor(ws, resave(xlsx, tmp_path / "lo1", "xlsx"), 2026)
    assert r.impor.ringkasan.diubah == [("V.1.1", ["target waktu"])]
    assert len(diff(old, (ws.root / RA).read_text())) == 2
    before = {p.name: p.read_bytes() for p in api.keputusan(ws, 2026, pdf=True).paths}
    assert any(n.endswith(".pdf") for n in before)
    r = api.rencana_impor(ws, resave(ekspor(ws, "lagi.xlsx"), tmp_path / "lo2", "xlsx"), 2026)
    assert not r.impor.ditulis
    after = {p.name: p.read_bytes() for p in api.keputusan(ws, 2026, pdf=True).paths}
    assert after == before
