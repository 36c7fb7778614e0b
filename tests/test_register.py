"""The register of decree numbers: `zidocs nomor`, and the check rules on
numbers and dates (duplicate number, date outside the year, order)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zidocs.plan.check import check_plan
from zidocs.cli import run
from zidocs.plan.check import load_plan
from zidocs.plan.register import format_ranges, ranges, register
from zidocs.cli.common import tampil
from zidocs.plan.workspace import Workspace

from helpers import REPO, edit_yaml

SK_TIM = "plan/2026/keputusan-tim-kerja.yaml"
SK_AGEN = "plan/2026/keputusan-agen-perubahan.yaml"

SHIPPED = """\
Register keputusan tahun 2026:
  NOMOR  TANGGAL        JENIS           JUDUL
      9  6 Maret 2026   rencana-aksi    RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEB…
     10  9 Maret 2026   tim-kerja       TIM KERJA PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS…
     11  16 Maret 2026  agen-perubahan  AGEN PERUBAHAN DI LINGKUNGAN KOMISI PEMILIHAN UMUM KABUPATE…
Nomor berikutnya: 12
Nomor yang tidak tercatat di rencana: 1–8 (bisa jadi sudah dipakai keputusan lain kantor; periksa buku register).
"""


def test_register_of_the_shipped_plan():
    reg = register(load_plan(REPO, 2026))
    assert [(b.nomor, b.tanggal, b.jenis) for b in reg.baris] == [
        (9, dt.date(2026, 3, 6), "rencana-aksi"),
        (10, dt.date(2026, 3, 9), "tim-kerja"),
        (11, dt.date(2026, 3, 16), "agen-perubahan"),
    ]
    assert reg.nomor_berikutnya == 12
    assert reg.celah == [(1, 8)]
    assert reg.ganda == [] and not any(b.di_luar_tahun for b in reg.baris)


def test_cli_nomor_lists_the_year(capsys):
    assert run(["-w", str(REPO), "nomor", "2026"]) == 0
    assert capsys.readouterr().out == SHIPPED
    assert run(["-w", str(REPO), "nomor"]) == 0  # the newest year by default
    assert capsys.readouterr().out == SHIPPED


def test_duplicate_number_is_an_error(ws_dir, capsys):
    def change(data):
        data["keputusan"]["nomor"] = 9

    edit_yaml(ws_dir / SK_TIM, change)
    report = check_plan(Workspace(ws_dir), 2026)
    assert [tampil(f.format()) for f in report.errors] == [
        # the SK Agen Perubahan still cites the SK Tim Kerja as Nomor 10: stale now (RUJUKAN-KEPUTUSAN)
        "plan/2026/keputusan-agen-perubahan.yaml:28: galat RUJUKAN-KEPUTUSAN: keputusan.memperhatikan[2]: menyebut "
        "Keputusan Nomor 10 Tahun 2026, yang tidak ada di register tahun 2026 (nomor yang ada: 9 (rencana-aksi), "
        "9 (tim-kerja), 11 (agen-perubahan)); judul itu milik Keputusan Nomor 9 Tahun 2026 "
        "(keputusan-tim-kerja.yaml); perbaiki nomornya.",
        f"{SK_TIM}:10: galat NOMOR-KEPUTUSAN-GANDA: Nomor 9 Tahun 2026 sudah dipakai keputusan rencana-aksi; "
        "beri nomor lain (lihat `zidocs nomor 2026` untuk nomor berikutnya).",
    ]
    # the register still lists the year, so the duplicate can be fixed from it
    assert run(["-w", str(ws_dir), "nomor", "2026"]) == 1
    out = capsys.readouterr().out
    assert "      9  6 Maret 2026   rencana-aksi    RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEB… " \
           "[NOMOR GANDA]" in out
    assert "      9  9 Maret 2026   tim-kerja       TIM KERJA PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS… " \
           "[NOMOR GANDA]" in out
    assert "Nomor berikutnya: 12" in out
    assert "Galat: Nomor 9 dipakai lebih dari satu keputusan (rencana-aksi, tim-kerja); beri salah satunya Nomor 12." \
        in out
    # and nothing is printed from a plan with the duplicate
    assert run(["-w", str(ws_dir), "sk", "tim-kerja", "2026", "--tanpa-pdf"]) == 1
    assert not (ws_dir / "out").exists()


def test_date_outside_the_year_is_an_error(ws_dir, capsys):
    def change(data):
        data["keputusan"]["tanggal"] = dt.date(2027, 1, 4)

    edit_yaml(ws_dir / SK_AGEN, change)
    report = check_plan(Workspace(ws_dir), 2026)
    assert [f.format() for f in report.errors] == [
        f"{SK_AGEN}:12: galat TANGGAL-TAHUN: keputusan Nomor 11 Tahun 2026 bertanggal 2027-01-04, di luar tahunnya; "
        "perbaiki `tanggal` atau `tahun`."
    ]
    assert run(["-w", str(ws_dir), "nomor", "2026"]) == 1
    out = capsys.readouterr().out
    assert "[DI LUAR TAHUN]" in out
    assert "Galat: keputusan agen-perubahan Nomor 11 bertanggal 2027-01-04, di luar tahun 2026; perbaiki `tanggal`." \
        in out


def test_higher_number_dated_earlier_is_a_warning(ws_dir):
    def change(data):
        data["keputusan"]["tanggal"] = dt.date(2026, 3, 2)

    edit_yaml(ws_dir / SK_TIM, change)
    report = check_plan(Workspace(ws_dir), 2026)
    found = [f for f in report.findings if f.kode == "NOMOR-URUT-TANGGAL"]
    assert [f.format() for f in found] == [
        f"{SK_TIM}:12: peringatan NOMOR-URUT-TANGGAL: keputusan Nomor 10 bertanggal 2026-03-02, lebih awal dari "
        "keputusan rencana-aksi Nomor 9 (2026-03-06); nomor diberikan menurut urutan penetapan: periksa `nomor` dan "
        "`tanggal` kedua keputusan."
    ]
    assert report.errors == []


def test_gaps_between_numbers(ws_dir):
    def change(data):
        data["keputusan"]["nomor"] = 15

    edit_yaml(ws_dir / SK_AGEN, change)
    reg = register(load_plan(ws_dir, 2026))
    assert [b.nomor for b in reg.baris] == [9, 10, 15]
    assert reg.nomor_berikutnya == 16
    assert format_ranges(reg.celah) == "1–8, 11–14"


def test_ranges_examples():
    assert ranges(set()) == []
    assert ranges({1, 2, 3, 7}) == [(1, 3), (7, 7)]
    assert format_ranges([(1, 3), (7, 7)]) == "1–3, 7"


@given(st.sets(st.integers(min_value=1, max_value=200)))
def test_ranges_cover_exactly_the_numbers(numbers):
    rs = ranges(numbers)
    assert {n for a, b in rs for n in range(a, b + 1)} == numbers
    assert all(a <= b for a, b in rs)
    assert all(b1 + 1 < a2 for (_, b1), (a2, _) in zip(rs, rs[1:]))  # sorted, disjoint, not adjacent
