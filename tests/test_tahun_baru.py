"""`zidocs tahun-baru`: next year's plan from the shipped one, checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zidocs import api
from zidocs.cli import run
from zidocs.errors import InputError
from zidocs.plan.workspace import Workspace

NOMOR = {"rencana-aksi": (9, "2027-01-04"), "tim-kerja": (10, "2027-01-18"), "agen-perubahan": (11, "2027-01-18")}


def set_numbers(root: Path, nomor: dict) -> None:
    for jenis, (n, tanggal) in nomor.items():
        p = root / "plan" / "2027" / f"keputusan-{jenis}.yaml"
        s = re.sub(r"(?m)^  nomor:.*$", f"  nomor: {n}", p.read_text(encoding="utf-8"), count=1)
        p.write_text(re.sub(r"(?m)^  tanggal:.*$", f"  tanggal: {tanggal}", s, count=1), encoding="utf-8")


def test_next_year_checks_clean_once_numbers_and_dates_are_set(ws_dir):
    ws = Workspace(ws_dir)
    r = api.tahun_baru(ws, 2027)
    assert r.berkas == [f"plan/2027/{n}" for n in ("keputusan-agen-perubahan.yaml", "keputusan-rencana-aksi.yaml",
                                                   "keputusan-tim-kerja.yaml", "rencana-aksi.yaml", "tim.yaml")]
    assert r.tidak_disalin == ["plan/2026/monev-TW1.yaml"] and not list((ws_dir / "plan/2027").glob("monev-*"))
    assert len(r.perlu_diisi) == 6  # nomor and tanggal of three decrees
    # until set: errors, and nothing can be built
    report = api.check(ws, 2027)
    assert sorted({(f.file, f.kode) for f in report.errors}) == [
        (f"plan/2027/keputusan-{j}.yaml", "SKEMA") for j in ("agen-perubahan", "rencana-aksi", "tim-kerja")]
    assert len(report.errors) == 6
    # review list: this office's decrees cited by number, and the comments naming the signed 2026 decree
    tinjau = [(c.berkas, c.baris) for c in r.tinjau]
    assert ("plan/2027/keputusan-tim-kerja.yaml", 16) in tinjau and ("plan/2027/keputusan-agen-perubahan.yaml", 28) in tinjau
    set_numbers(ws_dir, NOMOR)
    report = api.check(ws, 2027)
    assert report.errors == []
    text = (ws_dir / "plan/2027/keputusan-rencana-aksi.yaml").read_text(encoding="utf-8")
    assert "KABUPATEN MERANGIN TAHUN 2027" in text and "Nomor 90 Tahun 2021" in text  # regulations stay
    assert "Berita Negara Republik Indonesia Tahun 2024" in text
    assert "Maret Tahun 2027" in (ws_dir / "plan/2027/rencana-aksi.yaml").read_text(encoding="utf-8")
    # the 2026 plan is untouched and keys carry over
    assert api.load(ws, 2027).indikator_list()[0].kunci == api.load(ws, 2026).indikator_list()[0].kunci
    assert api.keputusan(ws, 2027).paths


def test_a_number_set_differently_is_caught_where_it_is_cited(ws_dir):
    ws = Workspace(ws_dir)
    api.tahun_baru(ws, 2027)
    set_numbers(ws_dir, {**NOMOR, "rencana-aksi": (3, "2027-01-04")})
    got = [f for f in api.check(ws, 2027).errors if f.kode == "RUJUKAN-KEPUTUSAN"]
    assert {f.file for f in got} == {"plan/2027/keputusan-tim-kerja.yaml", "plan/2027/keputusan-agen-perubahan.yaml"}
    assert all("Nomor 9 Tahun 2027" in f.pesan for f in got)


def test_existing_year_is_never_overwritten(ws_dir, capsys):
    ws = Workspace(ws_dir)
    with pytest.raises(InputError, match="sudah ada; rencana tahun 2026 tidak ditimpa"):
        api.tahun_baru(ws, 2026, dari=2026)
    assert run(["-w", str(ws_dir), "tahun-baru", "2027"]) == 0
    out = capsys.readouterr().out
    assert "Perlu diisi (galat sampai diisi):" in out and "Perlu ditinjau (rujukan ke dokumen tahun 2026):" in out
    assert run(["-w", str(ws_dir), "tahun-baru", "2027"]) != 0
    assert not [p for p in (ws_dir / "plan").iterdir() if p.name.startswith(".tmp")]
