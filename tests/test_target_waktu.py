"""Tests for zidocs.text.target_waktu: the real 2026 texts, other forms, bad
input, and properties."""

from __future__ import annotations

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
