"""Monev: periods, figures (tables and a hypothesis property), input checks.

The checks are exercised the way the secretariat meets them: a monev file in
a copy of the shipped workspace, `zidocs check` findings with file and line,
and the report refusing to build.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zidocs.plan.check import check_plan
from zidocs.errors import InputError, PlanInvalid
from zidocs.plan.check import load_plan
from zidocs.plan.models import Area, Indikator, Kantor, Komponen, Pejabat, Plan, RencanaAksi
from zidocs.monev.bukti import baca_tanggal_bukti, tanggal_lokal
from zidocs.monev.figures import alasan_terlambat, hitung
from zidocs.plan.monev_file import IsianIndikator, MonevFile, Rekomendasi, TindakLanjutRekomendasi
from zidocs.plan.periode import (
    KODE_PERIODE,
    periode,
    periode_posisi,
    periode_sebelumnya,
    terakhir,
)
from zidocs.monev.report import angka, build_laporan, judul_kalimat, persen
from zidocs.text.target_waktu import NAMA_BULAN
from zidocs.cli.common import tampil
from zidocs.plan.workspace import Workspace

from helpers import REPO

D = dt.date


# --- periods -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kode, bulan, akhir, judul, rentang",
    [
        ("TW1", {1, 2, 3}, D(2026, 3, 31), "Triwulan I Tahun 2026", "Januari–Maret 2026"),
        ("TW2", {4, 5, 6}, D(2026, 6, 30), "Triwulan II Tahun 2026", "April–Juni 2026"),
        ("TW3", {7, 8, 9}, D(2026, 9, 30), "Triwulan III Tahun 2026", "Juli–September 2026"),
        ("TW4", {10, 11, 12}, D(2026, 12, 31), "Triwulan IV Tahun 2026", "Oktober–Desember 2026"),
        ("S1", set(range(1, 7)), D(2026, 6, 30), "Semester I Tahun 2026", "Januari–Juni 2026"),
        ("s2", set(range(7, 13)), D(2026, 12, 31), "Semester II Tahun 2026", "Juli–Desember 2026"),
    ],
)
def test_periode(kode, bulan, akhir, judul, rentang):
    p = periode(kode, 2026)
    assert p.bulan == bulan and p.akhir == akhir and p.batas_bukti == akhir
    assert p.judul == judul and p.rentang == rentang


def test_periode_unknown_names_the_valid_codes():
    with pytest.raises(ValueError, match="TW1, TW2, TW3, TW4, S1, S2"):
        periode("TW5", 2026)


def test_due_in_and_due_by():
    tw2 = periode("TW2", 2026)
    assert tw2.jatuh_tempo(frozenset({3, 4})) and not tw2.jatuh_tempo(frozenset({2, 7}))
    assert tw2.jatuh_tempo_sampai_akhir(frozenset({2, 7})) and not tw2.jatuh_tempo_sampai_akhir(frozenset({7}))
    assert tw2.jatuh_tempo_sebelumnya(frozenset({2})) and not tw2.jatuh_tempo_sebelumnya(frozenset({4}))


@pytest.mark.parametrize(
    "kode, tersedia, want",
    [
        ("TW1", ["TW1", "TW2"], None),
        ("TW2", ["TW1"], "TW1"),
        ("S1", ["TW1", "S1"], "TW1"),  # the last meeting before S1 ends
        ("TW3", ["TW1", "TW2", "S1"], "TW2"),  # TW2 and S1 both end in June: same kind wins
        ("S2", ["S1", "TW2"], "S1"),
        ("S2", ["S1", "TW3"], "TW3"),
        ("TW4", [], None),
    ],
)
def test_periode_sebelumnya(kode, tersedia, want):
    assert periode_sebelumnya(kode, tersedia) == want


@pytest.mark.parametrize(
    "tanggal, bulan_akhir",
    [(D(2026, 4, 10), 3), (D(2026, 3, 31), 3), (D(2026, 1, 5), 0), (D(2025, 12, 1), 0), (D(2027, 2, 1), 12)],
)
def test_posisi_counts_months_that_have_ended(tanggal, bulan_akhir):
    p = periode_posisi(2026, tanggal)
    assert p.bulan_akhir == bulan_akhir and p.batas_bukti == tanggal


def test_terakhir_prefers_the_semester_and_respects_the_date():
    assert terakhir(["TW1", "TW2", "S1"]) == "S1"
    assert terakhir(["TW1", "TW2"], D(2026, 3, 15), 2026) == "TW1"


def test_numbers_in_indonesian():
    assert angka(Decimal("66.7")) == "66,7" and angka(Decimal("100")) == "100,0" and angka(None) == "–"
    assert persen(Decimal("62.5")) == "62,5" and persen(Decimal("75.0")) == "75" and persen(Decimal(0)) == "0"
    assert judul_kalimat("RENCANA AKSI DI LINGKUNGAN KPU KABUPATEN MERANGIN") == (
        "Rencana Aksi di Lingkungan KPU Kabupaten Merangin")


# --- evidence registry (read-only) ------------------------------------------------------


def test_registry_is_read_read_only(tmp_path):
    import sqlite3

    root = tmp_path / "bukti"
    assert baca_tanggal_bukti(root, 2026) == {}  # no store yet: no evidence, nothing created
    assert not root.exists()
    root.mkdir()
    con = sqlite3.connect(root / "registri.sqlite3")
    con.execute("CREATE TABLE bukti (id INTEGER PRIMARY KEY, tahun INT, indikator TEXT, ditambahkan TEXT)")
    con.executemany("INSERT INTO bukti (tahun, indikator, ditambahkan) VALUES (?, ?, ?)", [
        (2026, "I.1.1", "2026-03-31T20:00:00+00:00"),  # 1 April in WIB
        (2026, "I.1.1", "2026-01-02T01:00:00+00:00"),
        (2025, "I.1.1", "2025-05-05T01:00:00+00:00"),
    ])
    con.commit()
    con.close()
    before = (root / "registri.sqlite3").read_bytes()
    wib = dt.timezone(dt.timedelta(hours=7))
    assert baca_tanggal_bukti(root, 2026, tz=wib) == {"I.1.1": (D(2026, 1, 2), D(2026, 4, 1))}
    assert baca_tanggal_bukti(root, 2026, tz=dt.timezone.utc) == {"I.1.1": (D(2026, 1, 2), D(2026, 3, 31))}
    assert (root / "registri.sqlite3").read_bytes() == before
    assert sorted(p.name for p in root.iterdir()) == ["registri.sqlite3"]
    assert tanggal_lokal("2026-03-31T20:00:00", dt.timezone.utc) == D(2026, 3, 31)


# --- figures ----------------------------------------------------------------------------


def small_plan(areas: list[list[list[frozenset[int]]]], tahun: int = 2026) -> Plan:
    """areas → komponen → indicators, each given by its target months."""
    def tw(bulan: frozenset[int]) -> str:
        return ", ".join(NAMA_BULAN[b - 1] for b in sorted(bulan)) + f" {tahun}" if bulan else "Januari 202"

    roman = ("I", "II", "III", "IV", "V", "VI")
    out = []
    for ai, komps in enumerate(areas):
        out.append(Area(kode=roman[ai], nama=f"Area {roman[ai]}", komponen=[
            Komponen(no=ki + 1, nama=f"Komponen {ki + 1}", indikator=[
                Indikator(kunci=f"k{ai + 1}-{ki + 1}-{ii + 1}", indikator=f"Indikator {ai}.{ki}.{ii}",
                          langkah_aksi="Aksi", bukti_fisik="Dokumen",
                          target_waktu=tw(b))
                for ii, b in enumerate(inds)])
            for ki, inds in enumerate(komps)]))
    pej = Pejabat(nama="Ketua", jabatan=["Ketua"])
    return Plan(tahun=tahun, kantor=Kantor(nama="KPU Kabupaten Contoh", nama_singkat="KPU Contoh", kop=["KPU"],
                                           sekretariat=["Sekretariat"], tempat="Contoh"),
                ketua=pej, pengesah_salinan=pej, keputusan={}, rencana_aksi=RencanaAksi(judul=["RA"], area=out))


def test_figures_by_hand():
    plan = small_plan([[[frozenset({2}), frozenset({3, 6}), frozenset({5})]], [[frozenset(range(1, 13))]]])
    monev = MonevFile(periode="TW1", indikator={
        "k1-1-1": IsianIndikator(realisasi=100, status="selesai"),  # I.1.1 (entries are keyed by kunci)
        "k1-1-2": IsianIndikator(realisasi=50, status="proses"),
        "k1-1-3": IsianIndikator(realisasi=10, status="proses"),  # not due in TW1: allowed, not counted
    })
    bukti = {"k1-1-2": (D(2026, 3, 31),), "k2-1-1": (D(2026, 4, 1),)}  # II.1.1's evidence is too late
    fig = hitung(plan, periode("TW1", 2026), monev, bukti)
    a1, a2 = fig.area
    assert (a1.jatuh_tempo, a1.selesai, a1.proses, a1.belum, a1.capaian) == (2, 1, 1, 0, Decimal("75.0"))
    assert (a2.jatuh_tempo, a2.selesai, a2.proses, a2.belum, a2.capaian) == (1, 0, 0, 1, Decimal("0.0"))
    assert [b.id for b in fig.rinci] == ["I.1.1", "I.1.2", "II.1.1"]
    # I.1.1 is done; I.1.2 (March and June, 50 %) keeps its pace of 1/2; II.1.1
    # (January–December, not filled in: 0 %) is below its pace of 3/12
    assert [b.id for b in fig.terlambat] == ["II.1.1"]
    assert [alasan_terlambat(b) for b in fig.terlambat] == ["realisasi 0% di bawah laju 25%"]
    # due without evidence by the cut-off, whatever the status (II.1.1's file came in April)
    assert [b.id for b in fig.tanpa_bukti] == ["I.1.1", "II.1.1"]
    assert (fig.total.tanpa_bukti, fig.total.berbukti, fig.total.kumulatif) == (2, 1, 3)
    assert [b.id for b in fig.diisi_belum_jatuh_tempo] == ["I.1.3"]
    ii = fig.baris[-1]
    assert not ii.diisi and ii.status == "belum" and ii.realisasi == 0
    assert fig.total.capaian == Decimal("50.0") and fig.total.cakupan_bukti == Decimal("33.3")


def test_figures_follow_up_carried_recommendations():
    plan = small_plan([[[frozenset({1})]]])
    tw1 = MonevFile(periode="TW1", rekomendasi=[Rekomendasi(teks="Percepat SK"), Rekomendasi(teks="Unggah bukti")])
    tw2 = MonevFile(periode="TW2", tindak_lanjut_rekomendasi=[
        TindakLanjutRekomendasi(asal="TW1", rekomendasi="percepat  SK", status="selesai", keterangan="SK terbit"),
    ])
    fig = hitung(plan, periode("TW2", 2026), tw2, {}, tw1)
    got = [(t.asal, t.rekomendasi, t.status, t.dilaporkan) for t in fig.tindak_lanjut]
    assert got == [("TW1", "Percepat SK", "selesai", True), ("TW1", "Unggah bukti", "belum", False)]
    # TW3 carries TW2's own recommendations and what TW2 still had open
    tw2b = MonevFile(periode="TW2", rekomendasi=[Rekomendasi(teks="Baru")], tindak_lanjut_rekomendasi=[
        TindakLanjutRekomendasi(asal="TW1", rekomendasi="Percepat SK", status="selesai"),
        TindakLanjutRekomendasi(asal="TW1", rekomendasi="Unggah bukti", status="proses"),
    ])
    fig3 = hitung(plan, periode("TW3", 2026), None, {}, tw2b)
    assert [(t.asal, t.rekomendasi) for t in fig3.tindak_lanjut] == [("TW2", "Baru"), ("TW1", "Unggah bukti")]


MONTHS = st.frozensets(st.integers(1, 12), max_size=4)
ISIAN = st.one_of(
    st.none(),
    st.builds(IsianIndikator,
              realisasi=st.one_of(st.none(), st.integers(0, 100), st.sampled_from([12.5, 33.3, 66.7, 99.9])),
              status=st.one_of(st.none(), st.sampled_from(["belum", "proses", "selesai"]))),
)


@settings(max_examples=150, deadline=None)
@given(
    shape=st.lists(st.lists(st.lists(MONTHS, min_size=1, max_size=4), min_size=1, max_size=3), min_size=1, max_size=4),
    kode=st.sampled_from(KODE_PERIODE),
    data=st.data(),
)
def test_summary_equals_the_sum_of_the_rows(shape, kode, data):
    plan = small_plan(shape)
    refs = plan.indikator_list()
    isian = {r.kunci: i for r in refs if (i := data.draw(ISIAN)) is not None}
    bukti = {r.kunci: tuple(data.draw(st.lists(st.dates(D(2026, 1, 1), D(2026, 12, 31)), max_size=2))) for r in refs}
    per = periode(kode, 2026)
    fig = hitung(plan, per, MonevFile(periode=kode, indikator=isian), bukti)
    # inputs are keyed by kunci, figures by printed ID
    bukti = {r.id: bukti[r.kunci] for r in refs}
    isian = {r.id: isian[r.kunci] for r in refs if r.kunci in isian}

    for area in plan.rencana_aksi.area:
        rows = [b for b in fig.baris if b.area == area.kode]
        s = next(a for a in fig.area if a.kode == area.kode)
        due = [b for b in rows if b.bulan & per.bulan]
        assert s.jatuh_tempo == len(due) == s.selesai + s.proses + s.belum
        for status in ("selesai", "proses", "belum"):
            assert getattr(s, status) == sum(b.status == status for b in due)
        if due:
            mean = (sum(b.realisasi for b in due) / len(due)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            assert s.capaian == mean
        cum = [b for b in rows if b.bulan and min(b.bulan) <= per.bulan_akhir]
        assert s.kumulatif == len(cum)
        assert s.berbukti == sum(any(d <= per.akhir for d in bukti[b.id]) for b in cum)
    for field in ("jatuh_tempo", "selesai", "proses", "belum", "kumulatif", "terlambat", "berbukti", "tanpa_bukti"):
        assert getattr(fig.total, field) == sum(getattr(a, field) for a in fig.area)
    # terlambat: not done and past the final target month, or realisasi below
    # the share of target months passed (compared without division)
    late = [b.id for b in fig.baris
            if b.bulan and b.status != "selesai"
            and (max(b.bulan) <= per.bulan_akhir
                 or b.realisasi * len(b.bulan) < 100 * sum(m <= per.bulan_akhir for m in b.bulan))]
    assert [b.id for b in fig.terlambat] == late
    assert all(b.jatuh_tempo_sampai_akhir for b in fig.terlambat)
    nobukti = [b.id for b in fig.baris if b.bulan and min(b.bulan) <= per.bulan_akhir
               and not any(d <= per.akhir for d in bukti[b.id])]
    assert [b.id for b in fig.tanpa_bukti] == nobukti
    assert all((b.status, b.diisi) == ((isian[b.id].status, True) if b.id in isian and isian[b.id].status
                                       else ("belum", False)) for b in fig.baris)


# --- input checks in a workspace --------------------------------------------------------

BAD = """\
periode: TW2
rapat:
  tanggal: 2026-01-10
indikator:
  i6075c47b:
    status: selesai
  i2ffbf9d5:  # I.2.1
    realisasi: 120
    status: proses
  id2a2bec4:  # I.3.1
    realisasi: 80%
    status: Selesai
  ia1969f37:  # I.4.1
    status: sudah
tindak_lanjut_rekomendasi:
  - asal: TW3
    rekomendasi: Percepat SK
    status: beres
"""


def write(ws_dir: Path, name: str, text: str) -> Path:
    path = ws_dir / "plan" / "2026" / name
    path.write_text(text, encoding="utf-8")
    return path


def monev_findings(ws_dir: Path) -> list[str]:
    report = check_plan(Workspace(ws_dir), 2026)
    return [f.format() for f in report.findings if "/monev-" in f.file]


def test_shipped_sample_has_no_findings():
    assert monev_findings(REPO) == []


def test_bad_input_is_reported_with_file_and_line(ws_dir):
    write(ws_dir, "monev-TW2.yaml", BAD)
    write(ws_dir, "monev-TW5.yaml", "periode: TW5\n")
    got = "\n".join(monev_findings(ws_dir))
    f2 = "plan/2026/monev-TW2.yaml"
    expected = [
        (f"{f2}:3: galat MONEV-TANGGAL", "tanggal rapat 10 Januari 2026 di luar Triwulan II Tahun 2026"),
        (f"{f2}:5: galat MONEV-INDIKATOR", "indikator berkunci “i6075c47b” tidak ada dalam rencana aksi 2026 (dihapus, atau kuncinya diubah?). "
         "Mungkin maksudnya i6075c47a (I.1.1)?"),
        (f"{f2}:8: galat MONEV-REALISASI", "indikator I.2.1: `realisasi` harus antara 0 dan 100 (persen), tertulis 120"),
        (f"{f2}:11: galat MONEV-REALISASI", "harus angka persen 0–100 tanpa tanda % (mis. `realisasi: 80`)"),
        (f"{f2}:12: galat MONEV-STATUS", "ditulis “Selesai”; tulis dengan huruf kecil: `selesai`."),
        (f"{f2}:14: galat MONEV-STATUS", "`status` harus salah satu dari: belum (belum dimulai), proses"),
        (f"{f2}:16: galat MONEV-PERIODE", "`asal` TW3 tidak berakhir sebelum TW2"),
        (f"{f2}:18: galat MONEV-STATUS", "tindak lanjut rekomendasi ke-1: `status`"),
        ("plan/2026/monev-TW5.yaml:1: galat MONEV-PERIODE", "nama berkas menyebut periode “TW5”, yang tidak ada dalam setahun"),
        ("plan/2026/monev-TW5.yaml:1: galat MONEV-PERIODE", "`periode` “TW5” tidak ada dalam setahun"),
    ]
    for where, what in expected:
        assert re.search(re.escape(where) + ": .*" + re.escape(what), got), (where, what, got)


def test_bad_input_stops_the_report_but_not_the_decrees(ws_dir):
    write(ws_dir, "monev-TW2.yaml", BAD)
    ws = Workspace(ws_dir)
    assert not check_plan(ws, 2026).ok()
    load_plan(ws, 2026)  # decrees are built from the plan alone
    with pytest.raises(PlanInvalid) as exc:
        build_laporan(ws, 2026, "TW2")
    kodes = {f.kode for f in exc.value.findings}
    assert {"MONEV-INDIKATOR", "MONEV-REALISASI", "MONEV-STATUS", "MONEV-TANGGAL"} <= kodes
    assert not (ws_dir / "out").exists()


def test_yaml_syntax_error_is_a_finding(ws_dir):
    write(ws_dir, "monev-TW2.yaml", "periode: TW2\nindikator:\n  I.1.1: {status: selesai\n")
    got = monev_findings(ws_dir)
    assert len(got) == 1 and re.match(r"plan/2026/monev-TW2.yaml:\d+: galat MONEV-YAML: galat YAML", got[0])


def test_incomplete_meeting_warns_in_check_and_stops_the_report(ws_dir):
    write(ws_dir, "monev-TW2.yaml", "periode: TW2\nrapat:\n  tanggal: 2026-06-29\n")
    got = monev_findings(ws_dir)
    assert any(":2: peringatan MONEV-BELUM-LENGKAP: `rapat.pimpinan`, `rapat.peserta` belum diisi" in g for g in got)
    assert check_plan(Workspace(ws_dir), 2026).ok()  # warnings only
    with pytest.raises(PlanInvalid) as exc:
        build_laporan(Workspace(ws_dir), 2026, "TW2")
    assert all(f.level == "galat" and f.kode == "MONEV-BELUM-LENGKAP" for f in exc.value.findings)


def test_missing_input_file_says_how_to_make_it(ws_dir):
    with pytest.raises(InputError) as exc:
        build_laporan(Workspace(ws_dir), 2026, "TW3")
    assert "Buat dengan `zidocs monev init 2026 --periode TW3`, lalu" in tampil(exc.value.message)


# One action, one period: is it terlambat, and why (the definition in zidocs/monev/figures.py).
TERLAMBAT = [
    # target months, period, status, realisasi, terlambat?, alasan
    (frozenset(range(1, 13)), "TW1", "proses", 25, False, None),  # on its pace of 3/12
    (frozenset(range(1, 13)), "TW1", "proses", 30, False, None),
    (frozenset(range(1, 13)), "TW1", "proses", 20, True, "realisasi 20% di bawah laju 25%"),
    (frozenset(range(1, 13)), "TW1", None, None, True, "realisasi 0% di bawah laju 25%"),  # not filled in
    (frozenset(range(1, 13)), "TW4", "proses", 99, True, "lewat bulan target terakhir"),
    (frozenset(range(1, 13)), "TW4", "selesai", 100, False, None),
    (frozenset({3}), "TW1", "proses", 80, True, "lewat bulan target terakhir"),  # March is over at TW1's end
    (frozenset({4}), "TW1", None, None, False, None),  # not due yet
    (frozenset({3, 6, 9, 12}), "TW2", "proses", 50, False, None),  # pace 2/4
    (frozenset({3, 6, 9, 12}), "TW2", "proses", 40, True, "realisasi 40% di bawah laju 50%"),
    (frozenset({2, 5, 8}), "TW2", "proses", 60, True, "realisasi 60% di bawah laju 66,7%"),
    (frozenset({2, 5, 8}), "S1", "proses", 70, False, None),
    (frozenset({2, 5, 8}), "TW3", "selesai", 100, False, None),
]


@pytest.mark.parametrize(("bulan", "kode", "status", "realisasi", "late", "alasan"), TERLAMBAT)
def test_terlambat_definition(bulan, kode, status, realisasi, late, alasan):
    plan = small_plan([[[bulan]]])
    k = plan.indikator_list()[0].kunci  # monev entries and evidence name the indicator by kunci
    isian = {} if status is None else {k: IsianIndikator(status=status, realisasi=realisasi)}
    fig = hitung(plan, periode(kode, 2026), MonevFile(periode=kode, indikator=isian), {k: (D(2026, 1, 5),)})
    (b,) = fig.baris
    assert b.terlambat is late and [x.id for x in fig.terlambat] == (["I.1.1"] if late else [])
    assert (alasan_terlambat(b) if late else None) == alasan
    assert not fig.tanpa_bukti  # evidence never decides lateness, and this one has a file
