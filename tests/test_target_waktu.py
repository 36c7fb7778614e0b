"""Tests for zidocs.text.target_waktu: the real 2026 texts, other forms, bad
input, and properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zidocs.text.target_waktu import (
    NAMA_BULAN,
    Masalah,
    TargetWaktu,
    format_bulan,
    parse_target_waktu,
)

TAHUN = 2026
SETAHUN = frozenset(range(1, 13))
TRIWULAN = frozenset({3, 6, 9, 12})
SEMESTER = frozenset({6, 12})
KODE = {
    "TW-DI-LUAR-TAHUN",
    "TW-TAHUN-TIDAK-LENGKAP",
    "TW-TIDAK-TERBACA",
    "TW-KOSONG",
    "TW-RENTANG-TERBALIK",
}


def rentang(a: int, b: int) -> frozenset[int]:
    return frozenset(range(a, b + 1))


def ringkas(r: TargetWaktu) -> tuple[frozenset[int], str | None, tuple[str, ...]]:
    return r.bulan, r.berulang, tuple(m.kode for m in r.masalah)


# --- every target text of the 2026 decree ------------------------------------

NYATA_2026 = [
    ("Maret Tahun 2026", {3}, None, ()),
    ("Dari Bulan Januari 2026 sampai dengan Desember 2026", SETAHUN, None, ()),
    ("Februari sampai dengan Desember 2026", rentang(2, 12), None, ()),
    ("Per-bulan", SETAHUN, "bulanan", ()),
    ("Maret 2026", {3}, None, ()),
    ("Januari 2016", set(), None, ("TW-DI-LUAR-TAHUN",)),
    ("Setiap bulan 2026", SETAHUN, "bulanan", ()),
    ("Januari 2026 sampai dengan Desember 2026", SETAHUN, None, ()),
    ("Februari 2026 sampai dengan Desember 2026", rentang(2, 12), None, ()),
    ("Januari 2026 - Desember 2026", SETAHUN, None, ()),
    ("Februari 2026 - Desember 2026", rentang(2, 12), None, ()),
    ("Januari 2026", {1}, None, ()),
    ("Januari 2026-Desember 2026", SETAHUN, None, ()),
    (
        "Perbulan dan Triwulan serta Persemester",
        SETAHUN,
        "bulanan+triwulanan+semesteran",
        (),
    ),
    ("Januari 202", set(), None, ("TW-TAHUN-TIDAK-LENGKAP",)),
    ("Februari - Desember 2026", rentang(2, 12), None, ()),
    ("Februari 2026-Desember 2026", rentang(2, 12), None, ()),
    ("Februari 2026", {2}, None, ()),
    ("Maret- Desember 2026", rentang(3, 12), None, ()),
    ("Juni 2026 dan Desember 2026", {6, 12}, None, ()),
    ("Januari-Desember 2026", SETAHUN, None, ()),
    ("Juni 2026", {6}, None, ()),
    ("Maret, Juni, September, Desember 2026", {3, 6, 9, 12}, None, ()),
    ("Maret, Juni 2026", {3, 6}, None, ()),
    ("Agustus 2026", {8}, None, ()),
    ("April 2026", {4}, None, ()),
    ("Juli 2026", {7}, None, ()),
    ("Mei 2026", {5}, None, ()),
]


@pytest.mark.parametrize(("teks", "bulan", "berulang", "kode"), NYATA_2026)
def test_teks_nyata_2026(teks, bulan, berulang, kode):
    r = parse_target_waktu(teks, TAHUN)
    assert r.teks == teks
    assert ringkas(r) == (frozenset(bulan), berulang, kode)


# --- other accepted forms ------------------------------------------------------

BENTUK_LAIN = [
    # ranges
    ("Januari s.d. Desember 2026", SETAHUN, None),
    ("Januari s.d Juni 2026", rentang(1, 6), None),
    ("Januari s/d Juni 2026", rentang(1, 6), None),
    ("April hingga Juni 2026", rentang(4, 6), None),
    ("April sampai Juni 2026", rentang(4, 6), None),
    ("Januari\u2013Desember 2026", SETAHUN, None),
    ("Januari 2026 \u2014 Maret 2026", rentang(1, 3), None),
    ("Mulai bulan Juli sampai dengan bulan September tahun 2026", rentang(7, 9), None),
    ("Maret 2026 sampai dengan Maret 2026", {3}, None),
    ("Januari 2026 sampai dengan Desember", SETAHUN, None),  # end inherits the start's year
    ("Januari - Desember", SETAHUN, None),  # no year at all: the plan year
    # lists
    ("Maret dan Juni", {3, 6}, None),
    ("Maret, Juni, dan Desember 2026", {3, 6, 12}, None),
    ("Maret 2026; Juni 2026 & September 2026", {3, 6, 9}, None),
    ("Januari-Maret 2026 dan Desember 2026", {1, 2, 3, 12}, None),
    # spellings, abbreviations, case, spacing, trailing period
    ("Pebruari 2026", {2}, None),
    ("Nopember 2026", {11}, None),
    ("Jan - Des 2026", SETAHUN, None),
    ("Jan. s.d. Des. 2026.", SETAHUN, None),
    ("Agu 2026, Agt 2026, Ags 2026", {8}, None),
    ("Sep, Sept, Okt, Nov 2026", {9, 10, 11}, None),
    ("Feb, Mar, Apr, Jun, Jul 2026", {2, 3, 4, 6, 7}, None),
    ("  MARET   tahun   2026 . ", {3}, None),
    ("maret 2026.", {3}, None),
    ("bulan Mei", {5}, None),
    # recurrences
    ("Setiap bulan", SETAHUN, "bulanan"),
    ("Tiap bulan", SETAHUN, "bulanan"),
    ("Per bulan", SETAHUN, "bulanan"),
    ("Perbulan", SETAHUN, "bulanan"),
    ("Bulanan", SETAHUN, "bulanan"),
    ("Setiap bulan tahun 2026", SETAHUN, "bulanan"),
    ("Triwulan", TRIWULAN, "triwulanan"),
    ("Per triwulan", TRIWULAN, "triwulanan"),
    ("Setiap triwulan", TRIWULAN, "triwulanan"),
    ("Triwulanan", TRIWULAN, "triwulanan"),
    ("Semester", SEMESTER, "semesteran"),
    ("Persemester", SEMESTER, "semesteran"),
    ("Per semester", SEMESTER, "semesteran"),
    ("Per-semester 2026", SEMESTER, "semesteran"),
    ("Semester dan Triwulan", TRIWULAN, "triwulanan+semesteran"),  # canonical order
    ("Persemester serta perbulan", SETAHUN, "bulanan+semesteran"),
]


@pytest.mark.parametrize(("teks", "bulan", "berulang"), BENTUK_LAIN)
def test_bentuk_lain(teks, bulan, berulang):
    assert ringkas(parse_target_waktu(teks, TAHUN)) == (frozenset(bulan), berulang, ())


# --- bad input -----------------------------------------------------------------

SALAH = [
    ("", set(), ("TW-KOSONG",)),
    ("   \t\n ", set(), ("TW-KOSONG",)),
    ("asdf qwerty", set(), ("TW-TIDAK-TERBACA",)),
    ("13 2026", set(), ("TW-TIDAK-TERBACA",)),
    ("\U0001f642", set(), ("TW-TIDAK-TERBACA",)),
    ("Maret 2026 \U0001f642", set(), ("TW-TIDAK-TERBACA",)),
    ("2026", set(), ("TW-TIDAK-TERBACA",)),
    ("Tahun 2026", set(), ("TW-TIDAK-TERBACA",)),
    ("Bulan 2026", set(), ("TW-TIDAK-TERBACA",)),
    ("Setiap", set(), ("TW-TIDAK-TERBACA",)),
    ("Setiap Maret", set(), ("TW-TIDAK-TERBACA",)),
    ("Maret Juni 2026", set(), ("TW-TIDAK-TERBACA",)),  # no separator
    ("Maret dan", set(), ("TW-TIDAK-TERBACA",)),
    ("Maret -", set(), ("TW-TIDAK-TERBACA",)),
    ("Januari - Maret - Juni 2026", set(), ("TW-TIDAK-TERBACA",)),
    ("Triwulan - Semester", set(), ("TW-TIDAK-TERBACA",)),
    ("Setiap triwulan Maret 2026", set(), ("TW-TIDAK-TERBACA",)),  # mixed forms
    ("Januari 20266", set(), ("TW-TIDAK-TERBACA",)),
    ("Januari 2026 2026", set(), ("TW-TIDAK-TERBACA",)),
    ("Januari \u0662\u0660\u0662\u0666", set(), ("TW-TIDAK-TERBACA",)),  # non-ASCII digits
    ("Januari 2026 (revisi)", set(), ("TW-TIDAK-TERBACA",)),
    ("Desember - Maret 2026", set(), ("TW-RENTANG-TERBALIK",)),
    ("Desember 2026 sampai dengan Maret 2026", set(), ("TW-RENTANG-TERBALIK",)),
    ("Januari 2027 - Desember 2026", set(), ("TW-RENTANG-TERBALIK",)),
    ("Desember 2025", set(), ("TW-DI-LUAR-TAHUN",)),
    ("Setiap bulan 2025", set(), ("TW-DI-LUAR-TAHUN",)),
    ("Januari 2025 - Desember", set(), ("TW-DI-LUAR-TAHUN",)),  # end inherits 2025
    ("Maret 2025, Juni 2026", {6}, ("TW-DI-LUAR-TAHUN",)),
    ("Desember 2025 - Maret 2026", {1, 2, 3}, ("TW-DI-LUAR-TAHUN",)),  # only 2026 part
    ("Maret, Juni 20", set(), ("TW-TAHUN-TIDAK-LENGKAP",)),
    ("Januari 2 - Desember 2026", set(), ("TW-TAHUN-TIDAK-LENGKAP",)),
    ("Maret 202, Juni 2025", set(), ("TW-TAHUN-TIDAK-LENGKAP", "TW-DI-LUAR-TAHUN")),
    ("Maret - Januari 2026 dan Juni 2016", set(), ("TW-DI-LUAR-TAHUN", "TW-RENTANG-TERBALIK")),
]


@pytest.mark.parametrize(("teks", "bulan", "kode"), SALAH)
def test_masukan_salah(teks, bulan, kode):
    r = parse_target_waktu(teks, TAHUN)
    assert r.bulan == frozenset(bulan)
    assert tuple(m.kode for m in r.masalah) == kode


def test_setiap_bulan_tahun_lain_tetap_berulang():
    # The recurrence describes the text; the months are not counted.
    r = parse_target_waktu("Setiap bulan 2025", TAHUN)
    assert r.berulang == "bulanan" and r.bulan == frozenset()


def test_tidak_terbaca_tanpa_bulan_dan_berulang():
    r = parse_target_waktu("Setiap triwulan Maret 2026", TAHUN)
    assert r.bulan == frozenset() and r.berulang is None


# --- messages ------------------------------------------------------------------


def test_pesan_di_luar_tahun_menyebut_tahun_rencana_dan_perbaikan():
    (m,) = parse_target_waktu("Januari 2016", TAHUN).masalah
    assert '"Januari 2016"' in m.pesan
    assert "2016" in m.pesan and "tahun 2026" in m.pesan
    assert '"Januari 2026"' in m.pesan  # the suggested correction


def test_pesan_tahun_tidak_lengkap():
    (m,) = parse_target_waktu("Januari 202", TAHUN).masalah
    assert '"Januari 202"' in m.pesan and "4 angka" in m.pesan and '"Januari 2026"' in m.pesan


def test_pesan_tidak_terbaca_menyebut_bagian_dan_bentuk_diterima():
    (m,) = parse_target_waktu("Maret 2026 kira-kira", TAHUN).masalah
    assert '"kira"' in m.pesan
    assert "Maret 2026" in m.pesan and "Setiap bulan" in m.pesan and "sampai dengan" in m.pesan


def test_pesan_rentang_terbalik_menyarankan_urutan_benar():
    (m,) = parse_target_waktu("Desember - Maret 2026", TAHUN).masalah
    assert '"Desember - Maret 2026"' in m.pesan
    assert '"Maret 2026 sampai dengan Desember 2026"' in m.pesan


def test_pesan_tanpa_saran_jika_saran_sendiri_salah():
    # Swapping 2025 for 2026 would make a reversed range: no "mis." then.
    (m,) = parse_target_waktu("Desember 2025 - Maret 2026", TAHUN).masalah
    assert "mis." not in m.pesan


def test_pesan_kosong():
    (m,) = parse_target_waktu("", TAHUN).masalah
    assert m == Masalah("TW-KOSONG", m.pesan) and "2026" in m.pesan


# --- format_bulan / NAMA_BULAN ---------------------------------------------------


def test_nama_bulan():
    assert len(NAMA_BULAN) == 12
    assert NAMA_BULAN[0] == "Januari" and NAMA_BULAN[-1] == "Desember"


@pytest.mark.parametrize(
    ("bulan", "teks"),
    [
        (set(), ""),
        ({3}, "Maret"),
        ({6, 7}, "Juni, Juli"),
        (rentang(2, 12), "Februari\u2013Desember"),
        (SETAHUN, "Januari\u2013Desember"),
        ({3, 6, 9, 12}, "Maret, Juni, September, Desember"),
        ({1, 2, 3, 6, 10, 11, 12}, "Januari\u2013Maret, Juni, Oktober\u2013Desember"),
    ],
)
def test_format_bulan(bulan, teks):
    assert format_bulan(frozenset(bulan)) == teks


def test_format_bulan_menolak_nilai_di_luar_1_12():
    with pytest.raises(ValueError):
        format_bulan(frozenset({0, 13}))


@given(st.frozensets(st.integers(1, 12)))
def test_format_bulan_dapat_dibaca_kembali(bulan):
    if bulan:
        assert parse_target_waktu(f"{format_bulan(bulan)} {TAHUN}", TAHUN).bulan == bulan


# --- properties ----------------------------------------------------------------

# Every accepted spelling of each month, to let hypothesis pick one.
EJAAN = {
    1: ["Januari", "Jan"],
    2: ["Februari", "Pebruari", "Feb"],
    3: ["Maret", "Mar"],
    4: ["April", "Apr"],
    5: ["Mei"],
    6: ["Juni", "Jun"],
    7: ["Juli", "Jul"],
    8: ["Agustus", "Agu", "Agt", "Ags"],
    9: ["September", "Sep", "Sept"],
    10: ["Oktober", "Okt"],
    11: ["November", "Nopember", "Nov"],
    12: ["Desember", "Des"],
}

bulan_st = st.integers(1, 12)
tahun_st = st.integers(1000, 9999)


@st.composite
def nama_bulan(draw, n: int) -> str:
    return draw(st.sampled_from(EJAAN[n]))


@st.composite
def rentang_teks(draw) -> tuple[str, int, int, int]:
    a, b = sorted((draw(bulan_st), draw(bulan_st)))
    y = draw(tahun_st)
    A, B = draw(nama_bulan(a)), draw(nama_bulan(b))
    kata = draw(st.sampled_from(["sampai dengan", "s.d.", "s/d", "hingga", "-", "\u2013"]))
    bentuk = draw(
        st.sampled_from(
            [
                f"{A} {y} {kata} {B} {y}",
                f"{A} {kata} {B} {y}",
                f"{A}-{B} {y}",
                f"Dari Bulan {A} {y} sampai dengan {B} {y}",
            ]
        )
    )
    return bentuk, a, b, y


@given(rentang_teks())
def test_prop_rentang(data):
    teks, a, b, y = data
    r = parse_target_waktu(teks, y)
    assert ringkas(r) == (rentang(a, b), None, ()), teks


@st.composite
def daftar_teks(draw) -> tuple[str, frozenset[int]]:
    bulan = draw(st.lists(bulan_st, min_size=1, max_size=12, unique=True))
    names = [draw(nama_bulan(n)) for n in bulan]
    # Randomly write the year after some months; always after the last one
    # half the time (otherwise the plan year is assumed).
    names = [f"{n} {TAHUN}" if draw(st.booleans()) else n for n in names]
    teks = names[0]
    for n in names[1:]:
        teks += draw(st.sampled_from([", ", " dan ", ", dan ", " serta ", "; "])) + n
    return teks, frozenset(bulan)


@given(daftar_teks())
def test_prop_daftar(data):
    teks, bulan = data
    assert ringkas(parse_target_waktu(teks, TAHUN)) == (bulan, None, ()), teks


def _periksa_invarian(teks: str, r: TargetWaktu) -> None:
    assert isinstance(r.bulan, frozenset)
    assert r.bulan <= SETAHUN
    assert r.teks == teks
    assert all(m.kode in KODE and m.pesan for m in r.masalah)
    assert r.berulang is None or set(r.berulang.split("+")) <= {
        "bulanan",
        "triwulanan",
        "semesteran",
    }


@given(st.text(), tahun_st)
def test_prop_teks_apa_pun_tidak_pernah_gagal(teks, tahun):
    _periksa_invarian(teks, parse_target_waktu(teks, tahun))


# Random sequences of the parser's own words reach much deeper than st.text().
KOSAKATA = [
    *[n for ns in EJAAN.values() for n in ns],
    *"bulan tahun dari setiap per perbulan triwulan semester persemester bulanan".split(),
    *"sampai dengan s.d. s/d hingga dan serta".split(),
    "-", ",", ".", "2026", "2025", "202", "7", "20266", "0" * 5000,
]


@given(st.lists(st.sampled_from(KOSAKATA), max_size=8), st.sampled_from([" ", ""]))
def test_prop_kosakata_acak_tidak_pernah_gagal(kata, sambung):
    teks = sambung.join(kata)
    _periksa_invarian(teks, parse_target_waktu(teks, TAHUN))


@st.composite
def teks_sah(draw) -> str:
    pilihan = draw(st.integers(0, 2))
    if pilihan == 0:
        return draw(st.sampled_from([t for t, *_ in NYATA_2026] + [t for t, *_ in BENTUK_LAIN]))
    if pilihan == 1:
        return draw(rentang_teks())[0]
    return draw(daftar_teks())[0]


@st.composite
def ubah_huruf_dan_spasi(draw, teks: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(teks), max_size=len(teks)))
    teks = "".join(c.swapcase() if f else c for c, f in zip(teks, flips))
    spasi = st.sampled_from([" ", "  ", "\t", "\u00a0", " \n "])
    bagian = teks.split(" ")
    out = draw(st.sampled_from(["", " ", "   "]))
    for i, b in enumerate(bagian):
        out += b if i == 0 else draw(spasi) + b
    return out + draw(st.sampled_from(["", " ", "\t"]))


@given(st.data())
def test_prop_huruf_besar_kecil_dan_spasi_tidak_berpengaruh(data):
    asli = data.draw(teks_sah())
    ubah = data.draw(ubah_huruf_dan_spasi(asli))
    assert ringkas(parse_target_waktu(ubah, TAHUN)) == ringkas(parse_target_waktu(asli, TAHUN))


@st.composite
def teks_tahun_lain(draw) -> tuple[str, int]:
    y = draw(tahun_st.filter(lambda y: y != TAHUN))
    a, b = sorted((draw(bulan_st), draw(bulan_st)))
    A, B = draw(nama_bulan(a)), draw(nama_bulan(b))
    bentuk = draw(
        st.sampled_from(
            [
                f"{A} {y}",
                f"{A} Tahun {y}",
                f"{A} {y} sampai dengan {B} {y}",
                f"{A}-{B} {y}",
                f"{A}, {B} {y}",
                f"{A} {y} dan {B} {y}",
                f"Setiap bulan {y}",
                f"Per triwulan {y}",
            ]
        )
    )
    return bentuk, y


@given(teks_tahun_lain())
def test_prop_tahun_lain_tidak_dihitung(data):
    teks, y = data
    r = parse_target_waktu(teks, TAHUN)
    assert r.bulan == frozenset(), teks
    assert [m.kode for m in r.masalah] == ["TW-DI-LUAR-TAHUN"]
    assert str(y) in r.masalah[0].pesan and str(TAHUN) in r.masalah[0].pesan


# === forms other offices write (issue 10) ======================================
# Sources: tests/resources/target_waktu_sumber.md (the ID in the last column).
# Each phrase is read with the plan year it was written for.

Q1, Q2, Q3, Q4 = rentang(1, 3), rentang(4, 6), rentang(7, 9), rentang(10, 12)
SEM1, SEM2 = rentang(1, 6), rentang(7, 12)
KOSONG_BULAN: frozenset[int] = frozenset()

NYATA_LAIN = [
    # (text, plan year, months, tanpa_jadwal, source)
    ("triwulan I tahun 2025", 2025, Q1, False, "S01"),
    ("Triwulan II Tahun 2024", 2024, Q2, False, "S02"),
    ("21/8/2024", 2024, {8}, False, "S02"),
    ("tanggal 10 Juli 2023", 2023, {7}, False, "S02"),
    ("16 Februari 2024", 2024, {2}, False, "S02"),
    ("31 Desember 2025", 2025, {12}, False, "S03"),
    ("4/11/2025", 2025, {11}, False, "S03"),
    ("akhir tahun", 2026, {12}, False, "S04"),
    ("3 Juli 2025", 2025, {7}, False, "S05"),
    ("18 Februari 2019", 2019, {2}, False, "S06"),
    ("12 Februari 2023", 2023, {2}, False, "S07"),
    ("8 Maret 2022", 2022, {3}, False, "S07"),
    ("NOV 2022", 2022, {11}, False, "S08"),
    ("8 NOVEMBER 2022", 2022, {11}, False, "S08"),
    ("02 Maret 2020", 2020, {3}, False, "S09"),
    ("TANGGAL 14 DESEMBER 2021", 2021, {12}, False, "S10"),
    ("19-30 Mei 2022", 2022, {5}, False, "S11"),
    ("1/6/2022", 2022, {6}, False, "S11"),
    ("bulan Desember 2022", 2022, {12}, False, "S12"),
    ("12/6/2025", 2025, {6}, False, "S13"),
    ("secara berkala", 2026, KOSONG_BULAN, True, "S14"),
    ("berkelanjutan", 2026, KOSONG_BULAN, True, "S15"),
    ("14-16 Agustus 2023", 2023, {8}, False, "S16"),
    ("08 Agustus 2023", 2023, {8}, False, "S16"),
    ("Triwulan I s.d. IV", 2026, SETAHUN, False, "A01"),
    ("Triwulan II 2026", 2026, Q2, False, "A01"),
    ("April-Juni 2026", 2026, Q2, False, "A01"),
    ("Triwulan I s.d. II", 2026, SEM1, False, "A02"),
    ("Triwulan I s.d. Triwulan IV", 2026, SETAHUN, False, "A03"),
    ("TW I s/d TW IV", 2026, SETAHUN, False, "A04"),
    ("Triwulan II dan IV", 2026, Q2 | Q4, False, "A05"),
    ("Semester I dan II", 2026, SETAHUN, False, "A06"),
    ("Semester I", 2026, SEM1, False, "A06"),
    ("Semester I dan II 2025", 2025, SETAHUN, False, "A07"),
    ("Semester 2 2025", 2025, SEM2, False, "A08"),
    ("TW I 2026", 2026, Q1, False, "A09"),
    ("30 April 2026", 2026, {4}, False, "A09"),
    ("Tw I 2026", 2026, Q1, False, "A10"),
    ("Tw.II 2026", 2026, Q2, False, "A10"),
    ("TW I 2023", 2023, Q1, False, "A11"),
    ("2023-03-01", 2023, {3}, False, "A11"),
    ("TW II 2025", 2025, Q2, False, "A12"),
    ("TW IV 2024", 2024, Q4, False, "A13"),
    ("Triwulan 1", 2026, Q1, False, "A14"),
    ("Apr - Jun", 2026, Q2, False, "A14"),
    ("TRIWULAN 1", 2026, Q1, False, "A15"),
    ("Triwulan 1,Triwulan 2,Triwulan 3,Triwulan 4", 2026, SETAHUN, False, "A16"),
    ("Triwulan IV", 2026, Q4, False, "A17"),
    ("15-01-2025", 2025, {1}, False, "A18"),
    ("Kuartal III 2026", 2026, Q3, False, "A19"),
    ("Kuartal III 2023", 2023, Q3, False, "A19"),
    ("1 Juni 2026 \u2013 31 Agustus 2026", 2026, rentang(6, 8), False, "A20"),
    ("Januari s.d. Desember", 2026, SETAHUN, False, "A21"),
    ("Setiap Saat", 2026, KOSONG_BULAN, True, "A22"),
    ("INSIDENTIL", 2026, KOSONG_BULAN, True, "A23"),
    ("TAHUNAN", 2026, {12}, False, "A23"),
    ("Sepanjang Tahun", 2026, SETAHUN, False, "A24"),
    ("Sesuai kebutuhan", 2026, KOSONG_BULAN, True, "A25"),
    ("Berkelanjutan", 2026, KOSONG_BULAN, True, "A26"),
    ("pertengahan tahun", 2025, {6}, False, "A27"),
    ("2025-06-30", 2025, {6}, False, "A27"),
    ("Juli - Desember 2025", 2025, SEM2, False, "A27"),
    ("awal tahun 2026", 2026, {1}, False, "A28"),
    ("akhir tahun 2026", 2026, {12}, False, "A29"),
    ("Awal Tahun 2027", 2027, {1}, False, "A30"),
    ("Januari-Oktober 2025", 2025, rentang(1, 10), False, "A31"),
    ("29 Januari 2026", 2026, {1}, False, "A32"),
]


def test_nyata_lain_cukup_dan_bersumber():
    teks = [t for t, *_ in NYATA_LAIN]
    assert len(set(teks)) == len(teks) >= 40
    sumber = (Path(__file__).parent / "resources" / "target_waktu_sumber.md").read_text(encoding="utf-8")
    for t, *_, ident in NYATA_LAIN:
        # The source's row names the phrase (case as in the source, inside backticks).
        baris = next(line for line in sumber.splitlines() if line.startswith(f"| {ident} |"))
        assert f"`{t}`" in baris, (ident, t)


@pytest.mark.parametrize(("teks", "tahun", "bulan", "tanpa", "sumber"), NYATA_LAIN)
def test_teks_nyata_kantor_lain(teks, tahun, bulan, tanpa, sumber):
    r = parse_target_waktu(teks, tahun)
    assert (r.bulan, r.berulang, r.masalah, r.tanpa_jadwal) == (frozenset(bulan), None, (), tanpa)


# Forms the parser reads that no source showed (inferred, see the sources file).
DIDUGA = [
    ("TW-2", Q2, False),
    ("TW-II 2026", Q2, False),
    ("Triwulan ke-2", Q2, False),
    ("Triwulan ke 3 2026", Q3, False),
    ("TWIII", Q3, False),
    ("Triwulan I - Triwulan III", rentang(1, 9), False),
    ("Triwulan I-IV", SETAHUN, False),
    ("Triwulan 1, 2 dan 3", rentang(1, 9), False),
    ("Kwartal II", Q2, False),
    ("15 Januari s.d. 28 Februari 2026", {1, 2}, False),
    ("30/06/2026", {6}, False),
    ("2026-06-30", {6}, False),
    ("31 Maret 2026", {3}, False),
    ("Semester 2", SEM2, False),
    ("Semester II s.d. Desember 2026", SEM2, False),
    ("akhir Maret 2026", {3}, False),
    ("awal bulan Juli", {7}, False),
    ("tengah tahun", {6}, False),
    ("Sepanjang tahun 2026", SETAHUN, False),
    ("Setiap tahun", {12}, False),
    ("Per tahun", {12}, False),
    ("Per-tahun 2026", {12}, False),
    ("Pertahun", {12}, False),
    ("Mulai 1 Juni 2026 sampai dengan 31 Agustus 2026", rentang(6, 8), False),
    ("Dari tanggal 2 Januari 2026 hingga akhir tahun", SETAHUN, False),
    ("Triwulan I dan Desember 2026", Q1 | {12}, False),
    ("Insidental", KOSONG_BULAN, True),
    ("Sesuai dengan kebutuhan", KOSONG_BULAN, True),
    ("Sewaktu-waktu", KOSONG_BULAN, True),
    ("Terus-menerus", KOSONG_BULAN, True),
    ("Tiap saat", KOSONG_BULAN, True),
]


@pytest.mark.parametrize(("teks", "bulan", "tanpa"), DIDUGA)
def test_bentuk_diduga(teks, bulan, tanpa):
    r = parse_target_waktu(teks, TAHUN)
    assert (r.bulan, r.berulang, r.masalah, r.tanpa_jadwal) == (frozenset(bulan), None, (), tanpa)


def test_29_februari_hanya_di_tahun_kabisat():
    assert parse_target_waktu("29 Februari 2028", 2028).bulan == {2}
    (m,) = parse_target_waktu("29 Februari 2026", TAHUN).masalah
    assert m.kode == "TW-TIDAK-TERBACA"
    assert 'tanggal "29 Februari 2026" tidak ada (2026 bukan tahun kabisat)' in m.pesan


def test_kata_periode_tetap_berulang_tanpa_nomor():
    # "TW" and "Kuartal" are also recurrence words, like "Triwulan".
    for teks in ("Setiap TW", "Per kuartal", "Kuartalan"):
        assert ringkas(parse_target_waktu(teks, TAHUN)) == (TRIWULAN, "triwulanan", ()), teks


def test_tanpa_jadwal_bawaan_false_dan_konstruktor_lama():
    assert parse_target_waktu("Maret 2026", TAHUN).tanpa_jadwal is False
    assert parse_target_waktu("asdf", TAHUN).tanpa_jadwal is False  # unreadable is not "no fixed month"
    assert parse_target_waktu("", TAHUN).tanpa_jadwal is False
    # Callers that build a TargetWaktu with the four old fields keep working.
    assert TargetWaktu("x", frozenset(), None, ()).tanpa_jadwal is False


SALAH_BARU = [
    ("31 Februari 2026", ("TW-TIDAK-TERBACA",)),
    ("31/13/2026", ("TW-TIDAK-TERBACA",)),
    ("0/6/2026", ("TW-TIDAK-TERBACA",)),
    ("2026-02-30", ("TW-TIDAK-TERBACA",)),
    ("32 Maret 2026", ("TW-TIDAK-TERBACA",)),
    ("Triwulan 5", ("TW-TIDAK-TERBACA",)),
    ("Triwulan 0", ("TW-TIDAK-TERBACA",)),
    ("Semester III", ("TW-TIDAK-TERBACA",)),
    ("IV", ("TW-TIDAK-TERBACA",)),
    ("Triwulan ke", ("TW-TIDAK-TERBACA",)),
    ("ke-2", ("TW-TIDAK-TERBACA",)),
    ("Setiap triwulan I", ("TW-TIDAK-TERBACA",)),
    ("Setiap bulan dan Triwulan I", ("TW-TIDAK-TERBACA",)),
    ("Sesuai kebutuhan dan Maret", ("TW-TIDAK-TERBACA",)),
    ("Setiap saat, Insidentil", ("TW-TIDAK-TERBACA",)),
    ("Sepanjang tahun - Maret", ("TW-TIDAK-TERBACA",)),
    ("Triwulan I s.d. Setiap bulan", ("TW-TIDAK-TERBACA",)),
    ("Sepanjang", ("TW-TIDAK-TERBACA",)),
    ("awal", ("TW-TIDAK-TERBACA",)),
    ("akhir 2026", ("TW-TIDAK-TERBACA",)),
    ("tanggal Maret", ("TW-TIDAK-TERBACA",)),
    ("30/4", ("TW-TIDAK-TERBACA",)),  # day/month without a year is not read
    ("30/06/2026 2026", ("TW-TIDAK-TERBACA",)),
    ("Triwulan III s.d. Triwulan I", ("TW-RENTANG-TERBALIK",)),
    ("31 Desember s.d. 1 Desember 2026", ("TW-RENTANG-TERBALIK",)),
    ("Semester II - Maret 2026", ("TW-RENTANG-TERBALIK",)),
    ("Triwulan II 2025", ("TW-DI-LUAR-TAHUN",)),
    ("2025-06-30", ("TW-DI-LUAR-TAHUN",)),
    ("Triwulan IV 2025 s.d. Triwulan I 2026", ("TW-DI-LUAR-TAHUN",)),
    ("Semester I 202", ("TW-TAHUN-TIDAK-LENGKAP",)),
]


@pytest.mark.parametrize(("teks", "kode"), SALAH_BARU)
def test_masukan_salah_bentuk_baru(teks, kode):
    r = parse_target_waktu(teks, TAHUN)
    assert tuple(m.kode for m in r.masalah) == kode
    assert r.tanpa_jadwal is False and r.berulang is None


def test_rentang_antar_tahun_hanya_bagian_tahun_rencana():
    r = parse_target_waktu("Triwulan IV 2025 s.d. Triwulan I 2026", TAHUN)
    assert r.bulan == Q1


# --- exact messages -----------------------------------------------------------


def bentuk(tahun: int) -> str:
    return (
        f'satu bulan ("Maret {tahun}"), rentang ("Februari sampai dengan Desember {tahun}" '
        f'atau "Januari-Desember {tahun}"), daftar ("Maret, Juni, September, Desember {tahun}"), '
        f'triwulan atau semester ("Triwulan II {tahun}", "Triwulan I s.d. IV", "Semester I {tahun}"), '
        f'tanggal ("31 Maret {tahun}"), "awal tahun" atau "akhir tahun", '
        'berkala ("Setiap bulan", "Per triwulan", "Per semester") '
        'atau tanpa jadwal tetap ("Sesuai kebutuhan", "Insidentil")'
    )


EJAAN_SALAH = [
    ("Febuari 2026", 2026, "Febuari", "Februari", "Februari 2026"),
    ("Agustu 2026", 2026, "Agustu", "Agustus", "Agustus 2026"),
    ("Nopembr 2026", 2026, "Nopembr", "November", "November 2026"),
    ("Desembre 2026", 2026, "Desembre", "Desember", "Desember 2026"),
    ("Janauri 2026", 2026, "Janauri", "Januari", "Januari 2026"),
    ("  janauri  ", 2026, "janauri", "Januari", "Januari"),
    ("Desembar 2012", 2012, "Desembar", "Desember", "Desember 2012"),  # S17, a real ZI page
    ("14-25 Febuari 2030", 2030, "Febuari", "Februari", "14-25 Februari 2030"),  # A33
    ("01 Febuari 2019", 2019, "Febuari", "Februari", "01 Februari 2019"),  # A33
    ("Triwlan II 2026", 2026, "Triwlan", "Triwulan", "Triwulan II 2026"),
    ("Insidentill", 2026, "Insidentill", "Insidentil", "Insidentil"),
    ("Sesuai kebutuhn", 2026, "kebutuhn", "kebutuhan", "Sesuai kebutuhan"),
    # Both words misspelt: the first is named, the correction fixes both.
    ("Janauri - Desembre 2026", 2026, "Janauri", "Januari", "Januari - Desember 2026"),
]


@pytest.mark.parametrize(("teks", "tahun", "salah", "benar", "perbaikan"), EJAAN_SALAH)
def test_pesan_ejaan_bulan_salah(teks, tahun, salah, benar, perbaikan):
    (m,) = parse_target_waktu(teks, tahun).masalah
    assert m == Masalah(
        "TW-TIDAK-TERBACA",
        f'Target waktu "{teks.strip()}" tidak dapat dibaca: kata "{salah}" tidak dikenali, '
        f'mungkin maksudnya "{benar}" (mis. "{perbaikan}"). Gunakan salah satu bentuk: {bentuk(tahun)}.',
    )


def test_pesan_ejaan_tanpa_perbaikan_jika_sisa_teks_salah():
    # The spelling is fixable, the rest is not: no "mis." text then.
    (m,) = parse_target_waktu("Febuari 2026 (revisi)", TAHUN).masalah
    assert m.pesan == (
        'Target waktu "Febuari 2026 (revisi)" tidak dapat dibaca: kata "Febuari" tidak dikenali, '
        f'mungkin maksudnya "Februari". Gunakan salah satu bentuk: {bentuk(TAHUN)}.'
    )


def test_pesan_tanpa_saran_ejaan_untuk_kata_jauh():
    (m,) = parse_target_waktu("segera setelah rapat", TAHUN).masalah
    assert m.pesan == (
        'Target waktu "segera setelah rapat" tidak dapat dibaca: kata "segera" tidak dikenali. '
        f"Gunakan salah satu bentuk: {bentuk(TAHUN)}."
    )


@pytest.mark.parametrize(
    ("teks", "detail"),
    [
        ("Sesuai kebutuhan dan Maret", '"sesuai kebutuhan" tidak dapat digabung dengan bulan, periode atau target berkala'),
        ("Semester III", "semester ke-3 tidak ada (hanya Semester I dan II)"),
        ("Triwulan 5", "triwulan ke-5 tidak ada (hanya Triwulan I sampai IV)"),
        ("IV", 'angka "IV" tidak didahului "triwulan" atau "semester"'),
        (
            "Setiap triwulan I",
            'target berkala "triwulan" tidak dapat diberi nomor; tulis "Triwulan I" untuk satu periode, '
            'atau "Setiap triwulan" tanpa nomor',
        ),
        ("31 Februari 2026", 'tanggal "31 Februari" tidak ada'),
        ("31/13/2026", 'tanggal "31/13/2026" tidak ada (bulan ditulis 1 sampai 12)'),
        ("Sepanjang tahun - Maret", "rentang hanya dapat dibuat antara dua bulan, periode atau tanggal"),
        ("Sewaktu", 'kata "Sewaktu" hanya dikenali dalam "sewaktu-waktu", "sewaktu waktu"'),
        ("awal", 'kata "awal" harus diikuti "tahun" atau nama bulan'),
    ],
)
def test_pesan_tidak_terbaca_bentuk_baru(teks, detail):
    (m,) = parse_target_waktu(teks, TAHUN).masalah
    assert m == Masalah(
        "TW-TIDAK-TERBACA",
        f'Target waktu "{teks}" tidak dapat dibaca: {detail}. Gunakan salah satu bentuk: {bentuk(TAHUN)}.',
    )


def test_pesan_rentang_periode_terbalik():
    (m,) = parse_target_waktu("Triwulan III s.d. Triwulan I", TAHUN).masalah
    assert m.pesan == (
        'Target waktu "Triwulan III s.d. Triwulan I": rentang terbalik, bulan awal (Triwulan III 2026) '
        "jatuh setelah bulan akhir (Triwulan I 2026). Tulis bulan yang lebih awal lebih dulu, "
        'mis. "Triwulan I 2026 sampai dengan Triwulan III 2026".'
    )


@pytest.mark.parametrize(
    ("teks", "perbaikan"),
    [
        ("Triwulan II 2025", "Triwulan II 2026"),
        ("31 Desember 2025", "31 Desember 2026"),
        ("2025-06-30", "2026-06-30"),
        ("30/06/2025", "30/06/2026"),
        ("Semester I dan II 2025", "Semester I dan II 2026"),
        ("akhir tahun 2025", "akhir tahun 2026"),
    ],
)
def test_pesan_di_luar_tahun_bentuk_baru(teks, perbaikan):
    (m,) = parse_target_waktu(teks, TAHUN).masalah
    assert m.pesan == (
        f'Target waktu "{teks}" memakai tahun 2025, padahal rencana aksi ini untuk tahun 2026; '
        f'bulan di luar tahun 2026 tidak dihitung. Perbaiki tahunnya menjadi 2026, mis. "{perbaikan}".'
    )


def test_pesan_tidak_terbaca_lama_tetap_menyebut_bentuk_lama():
    # The list of accepted forms grew; the old examples are still in it.
    (m,) = parse_target_waktu("Maret 2026 kira-kira", TAHUN).masalah
    for contoh in ('"Maret 2026"', '"Februari sampai dengan Desember 2026"', '"Setiap bulan"', '"Sesuai kebutuhan"'):
        assert contoh in m.pesan


# --- properties of the new forms ------------------------------------------------

ROMAWI = ["I", "II", "III", "IV"]


@st.composite
def periode_teks(draw) -> tuple[str, int, frozenset[int]]:
    satuan = draw(st.sampled_from([3, 6]))
    n = draw(st.integers(1, 12 // satuan))
    kata = draw(st.sampled_from(["Triwulan", "TW", "Kuartal"] if satuan == 3 else ["Semester"]))
    nomor = draw(st.sampled_from([ROMAWI[n - 1], str(n), f"0{n}"]))
    sambung = draw(st.sampled_from([" ", "-", ".", " ke-", " ke "]))
    y = draw(tahun_st)
    teks = f"{kata}{sambung}{nomor} {y}" if draw(st.booleans()) else f"{kata}{sambung}{nomor} Tahun {y}"
    return teks, y, rentang(satuan * (n - 1) + 1, satuan * n)


@given(periode_teks())
def test_prop_periode(data):
    teks, y, bulan = data
    assert ringkas(parse_target_waktu(teks, y)) == (bulan, None, ()), teks


@given(st.integers(1, 4), st.integers(1, 4), tahun_st, st.sampled_from(["s.d.", "s/d", "-", "sampai dengan"]))
def test_prop_rentang_triwulan(a, b, y, kata):
    a, b = sorted((a, b))
    for teks in (f"Triwulan {ROMAWI[a - 1]} {kata} {ROMAWI[b - 1]} {y}", f"TW {a} {kata} TW {b} {y}"):
        assert ringkas(parse_target_waktu(teks, y)) == (rentang(3 * a - 2, 3 * b), None, ()), teks


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_prop_tanggal(d):
    for teks in (
        f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        d.isoformat(),
    ):
        assert ringkas(parse_target_waktu(teks, d.year)) == (frozenset({d.month}), None, ()), teks


TANPA = ["Sesuai kebutuhan", "Insidentil", "Setiap saat", "Berkelanjutan", "Sewaktu-waktu", "secara berkala"]


@given(st.sampled_from(TANPA), st.data())
def test_prop_tanpa_jadwal_tak_peduli_huruf_dan_spasi(teks, data):
    r = parse_target_waktu(data.draw(ubah_huruf_dan_spasi(teks)), TAHUN)
    assert (r.bulan, r.berulang, r.masalah, r.tanpa_jadwal) == (frozenset(), None, (), True)


KOSAKATA_BARU = [
    *KOSAKATA,
    *"I II III IV 1 2 3 4 5 ke tw kuartal semester triwulan tanggal awal akhir pertengahan".split(),
    *"sesuai kebutuhan insidentil setiap saat sepanjang tahunan berkala sewaktu waktu".split(),
    "31", "30/06/2026", "2026-06-30", "31/13/2026", "Febuari", "s.d.", "-",
]


@given(st.lists(st.sampled_from(KOSAKATA_BARU), max_size=8), st.sampled_from([" ", ""]))
def test_prop_kosakata_baru_tidak_pernah_gagal(kata, sambung):
    teks = sambung.join(kata)
    r = parse_target_waktu(teks, TAHUN)
    _periksa_invarian(teks, r)
    assert not (r.tanpa_jadwal and (r.bulan or r.masalah or r.berulang))
