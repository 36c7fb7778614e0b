"""Numbered lines in one cell <-> a plan value (zidocs.text.butir)."""

import pytest

from zidocs.text.butir import gabung_butir, pisah_butir


@pytest.mark.parametrize(
    "value",
    [
        "Rapat evaluasi pembangunan ZI per semester",
        ["Seluruh pegawai telah mengetahui SOP;", "SOP tersedia di ruang pelayanan;", "Evaluasi *SOP*"],
        ["a", "b"],
    ],
)
def test_round_trip(value):
    assert pisah_butir(gabung_butir(value)) == value


def test_one_item_list_is_one_text():
    assert gabung_butir(["Laporan"]) == "Laporan"


@pytest.mark.parametrize(
    "cell, value",
    [
        ("1. Undangan\n2. Daftar hadir", ["Undangan", "Daftar hadir"]),
        ("a. Undangan\nb. Daftar hadir", ["Undangan", "Daftar hadir"]),
        ("- Undangan\n• Daftar hadir", ["Undangan", "Daftar hadir"]),
        ("(1) Undangan\r\n(2) Daftar hadir\n\n", ["Undangan", "Daftar hadir"]),
        # a hand-wrapped line continues its item; nothing is dropped
        ("1) Undangan rapat\nevaluasi\n2) Notula", ["Undangan rapat evaluasi", "Notula"]),
        ("Pengantar:\n1) Undangan\n2) Notula", ["Pengantar:", "Undangan", "Notula"]),
        # a one-letter word with a dot but no space is not a marker
        ("S.Kom dan M.Si", "S.Kom dan M.Si"),
        ("Januari 2026\nsampai Desember", "Januari 2026 sampai Desember"),
        ("1) Satu-satunya", "Satu-satunya"),
        ("", ""),
    ],
)
def test_reads_foreign_cells(cell, value):
    assert pisah_butir(cell) == value
