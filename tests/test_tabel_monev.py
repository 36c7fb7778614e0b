"""Monev isian ⇄ XLSX on real workbooks: exact messages for bad cells, the
field-by-field no-overwrite rule, and a sheet saved by the real LibreOffice."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers import REPO, edit_yaml
from lo_resave import resave
from zidocs import api
from zidocs.cli import run
from zidocs.plan.workspace import Workspace
from zidocs.tabel.buku import BukuError
from zidocs.tabel.monev_xlsx import ASAL, LEMBAR

TW1 = Path("plan/2026/monev-TW1.yaml")
COL = {n: i for i, n in enumerate(("Kunci", "Nomor", "Indikator", "Target waktu", "Bukti", "Realisasi (%)",
                                   "Status", "Kendala", "Tindak lanjut", "Catatan"), start=1)}
WHERE = 'monev-TW1.xlsx, lembar "Isian", baris'


@pytest.fixture
def ws(ws_dir: Path) -> Workspace:
    return Workspace(ws_dir)


def ekspor(ws: Workspace) -> Path:
    return api.monev_ekspor(ws, 2026, "TW1", tujuan=ws.root / "monev-TW1.xlsx").path


def edit_sheet(path: Path, change) -> Path:
    wb = load_workbook(path)
    change(wb[LEMBAR])
    wb.save(path)
    return path


def row_of(sh, nomor: str) -> int:
    for r in range(4, sh.max_row + 1):
        if sh.cell(r, COL["Nomor"]).value == nomor:
            return r
    raise AssertionError(nomor)


def diff(a: str, b: str) -> list[str]:
    return [ln for ln in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]


def test_export_lists_the_isian_with_validation_and_locked_reading_columns(ws):
    path = ekspor(ws)
    assert path.read_bytes() == ekspor(ws).read_bytes()  # deterministic
    wb = load_workbook(path)
    assert wb[ASAL].sheet_state == "hidden" and wb["zidocs"].sheet_state == "hidden"
    sh = wb[LEMBAR]
    assert sh["A1"].value == "Isian monev Triwulan I Tahun 2026 (Januari–Maret 2026) — KPU Kabupaten Merangin"
    rows = [r for r in range(4, sh.max_row + 1) if sh.cell(r, 1).value]
    assert len(rows) == 56  # every entry of the shipped TW1 file
    r = row_of(sh, "I.1.1")
    assert [sh.cell(r, c).value for c in range(1, 11)] == [
        "i6075c47a", "I.1.1", "Menerbitkan SK Tim Kerja/Kelompok Kerja", "Maret Tahun 2026", 0, 100, "selesai",
        None, None, "SK Tim Kerja ZI Tahun 2026 ditetapkan"]
    assert all(sh.cell(r, c).protection.locked for c in range(1, 6))
    assert not any(sh.cell(r, c).protection.locked for c in range(6, 11))
    assert sh.protection.sheet and not sh.protection.password
    dvs = {dv.type: dv for dv in sh.data_validations.dataValidation}
    assert dvs["list"].formula1 == '"belum,proses,selesai"' and str(dvs["list"].sqref) == "G4:G59"
    assert (dvs["whole"].formula1, dvs["whole"].formula2, str(dvs["whole"].sqref)) == ("0", "100", "F4:F59")


def test_round_trip_without_edits_changes_nothing(ws):
    r = api.monev_impor(ws, ekspor(ws))
    assert not r.impor.ditulis and not r.impor.diubah
    assert (ws.root / TW1).read_bytes() == (REPO / TW1).read_bytes()


def test_only_the_edited_cells_are_written(ws):
    def change(sh):
        r = row_of(sh, "I.4.2")
        sh.cell(r, COL["Status"]).value = "Proses"
        sh.cell(r, COL["Realisasi (%)"]).value = "100%"  # typed as text: means 100
        r = row_of(sh, "I.2.1")
        sh.cell(r, COL["Realisasi (%)"]).value = 1  # Excel's 100% in a percentage cell
        sh.cell(r, COL["Realisasi (%)"]).number_format = "0%"
        sh.cell(r, COL["Catatan"]).value = "Diunggah ke *website*"

    old = (ws.root / TW1).read_text()
    r = api.monev_impor(ws, edit_sheet(ekspor(ws), change))
    assert [(r.ids[k], c) for k, c in r.impor.diubah] == [
        ("I.2.1", ["Realisasi (%)", "Catatan"]), ("I.4.2", ["Realisasi (%)", "Status"])]
    assert diff(old, (ws.root / TW1).read_text()) == [
        "-    realisasi: 60", "+    realisasi: 100",
        "-    catatan: ''", "+    catatan: 'Diunggah ke *website*'",
        "-    realisasi: 0", "-    status: belum", "+    realisasi: 100", "+    status: proses",
    ]


def test_a_wrong_status_word_is_reported_by_sheet_row_and_column(ws):
    def change(sh):
        sh.cell(7, COL["Status"]).value = "sudah"
        sh.cell(9, COL["Realisasi (%)"]).value = "sebagian"
        sh.cell(10, COL["Realisasi (%)"]).value = 120
        sh.cell(11, COL["Kendala"]).value = "diisi juga"

    xlsx = edit_sheet(ekspor(ws), change)
    with pytest.raises(BukuError) as exc:
        api.monev_impor(ws, xlsx)
    assert exc.value.masalah == [
        f'{WHERE} 7, kolom Status: "sudah" bukan status yang dikenal; pilih belum, proses atau selesai',
        f'{WHERE} 9, kolom Realisasi (%): "sebagian" bukan angka; tulis bilangan 0 sampai 100',
        f'{WHERE} 10, kolom Realisasi (%): 120 di luar 0 sampai 100; tulis bilangan 0 sampai 100',
    ]
    assert exc.value.message.startswith("3 sel tidak dapat diimpor; tidak ada yang ditulis.\n  ")
    assert (ws.root / TW1).read_bytes() == (REPO / TW1).read_bytes()  # row 11's good cell not written either


def test_cli_exit_code_and_message_for_a_bad_cell(ws, capsys):
    xlsx = edit_sheet(ekspor(ws), lambda sh: setattr(sh.cell(7, COL["Status"]), "value", "sudah"))
    assert run(["-w", str(ws.root), "monev", "impor", str(xlsx)]) == 1
    assert capsys.readouterr().err == (
        "zidocs: 1 sel tidak dapat diimpor; tidak ada yang ditulis.\n"
        f'  {WHERE} 7, kolom Status: "sudah" bukan status yang dikenal; pilih belum, proses atau selesai\n')


def test_a_deleted_row_changes_nothing_and_is_reported(ws, capsys):
    def change(sh):
        r = row_of(sh, "I.4.2")
        sh.delete_rows(r)
        sh.cell(row_of(sh, "I.4.1"), COL["Realisasi (%)"]).value = 35

    xlsx = edit_sheet(ekspor(ws), change)
    old = (ws.root / TW1).read_text()
    assert run(["-w", str(ws.root), "monev", "impor", str(xlsx)]) == 0
    cap = capsys.readouterr()
    assert cap.out.startswith("plan/2026/monev-TW1.yaml diperbarui:\n  I.4.1: Realisasi (%)\n")
    assert cap.err == ("  baris I.4.2 (kunci i6a3adaaa) tidak ada di lembar; isiannya di plan/2026/monev-TW1.yaml "
                       "tidak diubah.\n")
    assert diff(old, (ws.root / TW1).read_text()) == ["-    realisasi: 30", "+    realisasi: 35"]


def test_an_added_unknown_indicator_is_refused(ws):
    def change(sh):
        last = sh.max_row + 1
        sh.cell(last, COL["Nomor"]).value = "VI.9.9"
        sh.cell(last, COL["Indikator"]).value = "Indikator yang tidak ada"
        sh.cell(last, COL["Status"]).value = "selesai"
        sh.cell(last + 1, COL["Kunci"]).value = "ikarangan"
        sh.cell(last + 1, COL["Status"]).value = "proses"

    xlsx = edit_sheet(ekspor(ws), change)
    n = load_workbook(xlsx)[LEMBAR].max_row - 1
    with pytest.raises(BukuError) as exc:
        api.monev_impor(ws, xlsx)
    assert exc.value.masalah == [
        f"{WHERE} {n}, kolom Kunci: baris tanpa kunci bukan indikator isian ini; isian monev hanya untuk indikator "
        "rencana aksi yang jatuh tempo. Hapus baris ini (indikator baru ditambahkan di rencana aksi, lalu ekspor "
        "ulang isiannya)",
        f'{WHERE} {n + 1}, kolom Kunci: "ikarangan" bukan indikator yang diekspor di lembar ini; hapus baris ini '
        "(isian hanya untuk indikator yang tercantum saat diekspor)",
    ]


def test_a_value_changed_in_the_file_since_the_export_is_never_overwritten_silently(ws):
    xlsx = edit_sheet(ekspor(ws), lambda sh: setattr(sh.cell(row_of(sh, "I.4.1"), COL["Status"]), "value",
                                                     "selesai"))

    def meanwhile(data):  # e.g. the web form, after the sheet was exported
        data["indikator"]["ia1969f37"]["status"] = "belum"
        data["indikator"]["i6075c47a"]["catatan"] = "diubah di web"
    edit_yaml(ws.root / TW1, meanwhile)
    edited = (ws.root / TW1).read_bytes()
    with pytest.raises(BukuError) as exc:
        api.monev_impor(ws, xlsx)
    assert exc.value.message == (
        "1 isian di plan/2026/monev-TW1.yaml telah diubah sejak lembar ini diekspor dan berbeda dengan lembar; "
        "tidak ada yang ditulis. Ekspor ulang dan isi lagi, atau impor dengan ⟦opsi|timpa⟧ agar isi lembar "
        "menggantikannya.\n"
        f'  {WHERE} 7, kolom Status (I.4.1): di plan/2026/monev-TW1.yaml kini "belum" (diubah sesudah lembar ini '
        'diekspor, semula "proses"), di lembar "selesai"')
    assert (ws.root / TW1).read_bytes() == edited
    r = api.monev_impor(ws, xlsx, timpa=True)
    assert r.impor.ditimpa == [("ia1969f37", "Status")]
    text = (ws.root / TW1).read_text()
    assert "catatan: diubah di web" in text  # the unedited cell never touched the file


def test_a_sheet_filled_and_saved_in_libreoffice_imports(ws, tmp_path):
    xlsx = edit_sheet(ekspor(ws), lambda sh: setattr(sh.cell(row_of(sh, "II.2.1"), COL["Kendala"]), "value",
                                                     "Mesin pemindai rusak\nsejak Maret"))
    lo = resave(xlsx, tmp_path / "lo", "xlsx")
    sh = load_workbook(lo)[LEMBAR]
    assert {dv.type for dv in sh.data_validations.dataValidation} == {"list", "whole"}
    assert sh.protection.sheet
    r = api.monev_impor(ws, lo)
    assert [(r.ids[k], c) for k, c in r.impor.diubah] == [("II.2.1", ["Kendala"])]
    assert "    kendala: |-\n      Mesin pemindai rusak\n      sejak Maret\n" in (ws.root / TW1).read_text()
    assert api.check(ws, 2026).errors == []


def test_export_prepares_a_missing_isian_like_monev_init(ws):
    r = api.monev_ekspor(ws, 2026, "TW2", tujuan=ws.root / "tw2.xlsx")
    assert r.init.dibuat and (ws.root / "plan/2026/monev-TW2.yaml").is_file()
    assert r.baris == len(r.init.indikator_baru) > 56
    again = api.monev_impor(ws, r.path)
    assert not again.impor.ditulis
