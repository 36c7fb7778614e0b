"""`zidocs monev init`: a pre-filled input file that never overwrites what a
person wrote."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from zidocs.plan.check import check_plan
from zidocs.errors import PlanInvalid
from zidocs.plan.check import load_plan
from zidocs.monev.init import init_monev, saran_status
from zidocs.plan.monev_file import IsianIndikator
from zidocs.plan.periode import periode
from zidocs.text.target_waktu import parse_target_waktu
from zidocs.plan.workspace import Workspace

from test_monev_report import PENANDATANGAN, UTC, add_evidence

D = dt.date
# monev entries are keyed by the indicator's kunci; tests name indicators by printed ID
_PLAN = load_plan(Workspace(Path(__file__).resolve().parent.parent), 2026)
K = {r.id: r.kunci for r in _PLAN.indikator_list()}
ID = {v: k for k, v in K.items()}


@pytest.fixture
def ws(ws_dir: Path, tmp_path: Path) -> Workspace:
    for p in (ws_dir / "plan" / "2026").glob("monev-*.yaml"):
        p.unlink()
    add_evidence(ws_dir, tmp_path)
    return Workspace(ws_dir)


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def due_by(ws: Workspace, last_month: int) -> list[str]:
    plan = load_plan(ws, 2026)
    return [r.id for r in plan.indikator_list()
            if any(m <= last_month for m in parse_target_waktu(r.indikator.target_waktu, 2026).bulan)]


def test_init_writes_every_due_indicator_with_a_suggested_status(ws):
    r = init_monev(ws, 2026, "TW1", tz=UTC)
    assert r.dibuat and r.ditulis and r.rel == "plan/2026/monev-TW1.yaml"
    data = load(r.path)
    assert [ID[k] for k in data["indikator"]] == due_by(ws, 3) == r.indikator_baru
    assert data["periode"] == "TW1" and data["rapat"]["tanggal"] is None
    # evidence on or before 31 March → "proses"; on 1 April → still "belum" for TW1
    assert data["indikator"][K["I.2.1"]]["status"] == "proses" and data["indikator"][K["II.2.1"]]["status"] == "proses"
    assert data["indikator"][K["II.2.2"]]["status"] == "belum"
    text = r.path.read_text(encoding="utf-8")
    assert "status: proses  # saran zidocs: 1 berkas bukti s.d. 31 Maret 2026" in text
    assert (f"  {K['I.1.1']}:  # I.1.1 · target: Maret Tahun 2026\n"
            "    teks: Menerbitkan SK Tim Kerja/Kelompok Kerja\n    realisasi: 0\n") in text
    # every end-of-line comment zidocs writes sits two spaces after its key or value
    commented = [ln for ln in text.splitlines() if " #" in ln and not ln.lstrip().startswith("#")]
    assert len(commented) > len(data["indikator"]) + 3
    assert [ln for ln in commented if "  # " not in ln or "   #" in ln] == []
    # a fresh file is checked without errors: only "fill in the meeting / signatories"
    findings = [f for f in check_plan(ws, 2026).findings if f.file == r.rel]
    assert findings and {f.kode for f in findings} == {"MONEV-BELUM-LENGKAP"}
    assert all(not f.is_error for f in findings)


def test_rerun_never_overwrites_and_only_adds_what_is_missing(ws):
    r = init_monev(ws, 2026, "TW1", tz=UTC)
    text = r.path.read_text(encoding="utf-8")
    # the secretary fills things in, writes a comment, and deletes one row
    text = text.replace("periode: TW1\n", "periode: TW1\n# hasil rapat 30 Maret: dicatat oleh sekretariat\n")
    text = text.replace("  tanggal:  # TTTT-BB-HH\n", "  tanggal: 2026-03-30\n")
    k11, k21, k31, k41 = K["I.1.1"], K["I.2.1"], K["I.3.1"], K["I.4.1"]
    start = text.index(f"  {k11}:")
    block = text[start:text.index(f"  {k21}:")]
    text = text.replace(block, f"  {k11}:\n    realisasi: 100\n    status: selesai   # sudah ditetapkan\n"
                               "    kendala: \"tidak ada\"\n    tindak_lanjut: ''\n    catatan: ''\n")
    removed = text[text.index(f"  {k31}:"):text.index(f"  {k41}:")]
    text = text.replace(removed, "")  # I.3.1 removed
    r.path.write_text(text, encoding="utf-8")

    again = init_monev(ws, 2026, "TW1", tz=UTC)
    assert again.ditulis and not again.dibuat and again.indikator_baru == ["I.3.1"] and again.kunci_baru == []
    new = again.path.read_text(encoding="utf-8")
    # everything the person wrote is still there, byte for byte
    assert "# hasil rapat 30 Maret: dicatat oleh sekretariat\n" in new
    assert "    status: selesai   # sudah ditetapkan\n    kendala: \"tidak ada\"\n" in new
    assert "  tanggal: 2026-03-30\n" in new
    # the missing row came back in plan order, nothing else changed
    assert new.index(f"  {k21}:") < new.index(f"  {k31}:") < new.index(f"  {k41}:")
    assert new.replace(new[new.index(f"  {k31}:"):new.index(f"  {k41}:")], "") == text

    mtime = os.stat(again.path).st_mtime_ns
    third = init_monev(ws, 2026, "TW1", tz=UTC)
    assert not third.ditulis and os.stat(third.path).st_mtime_ns == mtime


TW1_DONE = """\
periode: TW1
dasar: [Dasar hukum yang ditulis sekretariat.]
rapat: {tanggal: 2026-03-30, tempat: Aula, pimpinan: Alber Trisman, peserta: 15}
""" + PENANDATANGAN + """\
indikator:
  {I.1.1}: {{realisasi: 100, status: selesai}}
  {I.2.1}: {{realisasi: 40, status: proses, kendala: Anggaran terbatas, tindak_lanjut: Ajukan revisi}}
  {II.2.1}: {{realisasi: 100, status: selesai}}
  {I.4.2}: {{realisasi: 0, status: belum}}
rekomendasi:
  - teks: Menetapkan SK Agen Perubahan
    penanggung_jawab: Sekretaris
  - teks: Mengunggah bukti setiap bulan
"""


def test_init_carries_over_the_previous_period(ws):
    done = TW1_DONE
    for iid in ("I.1.1", "I.2.1", "II.2.1", "I.4.2"):
        done = done.replace("{%s}" % iid, K[iid])
    (ws.year_dir(2026) / "monev-TW1.yaml").write_text(done.replace("{{", "{").replace("}}", "}"), encoding="utf-8")
    r = init_monev(ws, 2026, "TW2", tz=UTC)
    assert r.sebelumnya == "TW1" and r.tindak_lanjut_baru == 2
    data = load(r.path)
    assert [ID[k] for k in data["indikator"]] == due_by(ws, 6)
    rows = data["indikator"]
    assert rows[K["I.1.1"]]["status"] == "selesai" and rows[K["I.1.1"]]["realisasi"] == 100  # done, nothing new due
    assert rows[K["I.2.1"]]["status"] == "proses" and rows[K["I.2.1"]]["realisasi"] == 40  # open item carried
    assert rows[K["I.2.1"]]["kendala"] == "Anggaran terbatas" and rows[K["I.2.1"]]["tindak_lanjut"] == "Ajukan revisi"
    assert rows[K["II.2.1"]]["status"] == "proses" and rows[K["II.2.1"]]["realisasi"] == 0  # monthly: new months due
    assert rows[K["I.4.2"]]["status"] == "proses"  # evidence added 15 April
    assert data["tindak_lanjut_rekomendasi"] == [
        {"asal": "TW1", "rekomendasi": "Menetapkan SK Agen Perubahan", "status": "belum", "keterangan": ""},
        {"asal": "TW1", "rekomendasi": "Mengunggah bukti setiap bulan", "status": "belum", "keterangan": ""},
    ]
    assert data["penandatangan"]["ketua_tim"]["nama"] == "Drs. Hendra Saputra, M.Si."
    assert data["dasar"] == ["Dasar hukum yang ditulis sekretariat."] and data["rapat"]["tempat"] == "Aula"
    assert data["rekomendasi"] == []
    assert not [f for f in check_plan(ws, 2026).findings if f.is_error]

    # a follow-up the secretary already wrote is kept, not duplicated
    text = r.path.read_text(encoding="utf-8").replace(
        "  - asal: TW1\n    rekomendasi: Menetapkan SK Agen Perubahan\n    status: belum\n",
        "  - asal: TW1\n    rekomendasi: Menetapkan SK Agen Perubahan\n    status: selesai\n")
    r.path.write_text(text, encoding="utf-8")
    again = init_monev(ws, 2026, "TW2", tz=UTC)
    assert not again.ditulis and load(again.path)["tindak_lanjut_rekomendasi"][0]["status"] == "selesai"


def test_init_refuses_to_merge_into_a_file_with_errors(ws):
    path = ws.year_dir(2026) / "monev-TW1.yaml"
    written = f"periode: TW1\nindikator:\n  {K['I.1.1']}: {{realisasi: 150}}\n"
    path.write_text(written, encoding="utf-8")
    with pytest.raises(PlanInvalid) as exc:
        init_monev(ws, 2026, "TW1", tz=UTC)
    assert [f.kode for f in exc.value.findings] == ["MONEV-REALISASI"]
    assert path.read_text(encoding="utf-8") == written


def test_init_notes_a_written_status_the_evidence_contradicts(ws):
    path = ws.year_dir(2026) / "monev-TW1.yaml"
    path.write_text(f"periode: TW1\nindikator:\n  {K['I.2.1']}: {{status: belum}}\n", encoding="utf-8")
    r = init_monev(ws, 2026, "TW1", tz=UTC)
    assert load(path)["indikator"][K["I.2.1"]] == {"status": "belum"}  # kept as written
    assert any(n.startswith("I.2.1: tertulis `status: belum`, padahal ada 1 berkas bukti") for n in r.catatan)


@pytest.mark.parametrize(
    "bulan, bukti, prev, want",
    [
        (frozenset({5}), (), None, ("belum", 0)),
        (frozenset({5}), (D(2026, 6, 30),), None, ("proses", 0)),
        (frozenset({5}), (D(2026, 7, 1),), None, ("belum", 0)),
        (frozenset({2}), (), IsianIndikator(status="selesai", realisasi=100), ("selesai", 100)),
        (frozenset(range(1, 13)), (), IsianIndikator(status="selesai", realisasi=100), ("proses", 0)),
        (frozenset({2, 5}), (), IsianIndikator(status="proses", realisasi=30), ("proses", 30)),
        (frozenset({2}), (D(2026, 4, 2),), IsianIndikator(status="belum"), ("proses", 0)),
    ],
)
def test_saran_status(bulan, bukti, prev, want):
    s = saran_status(bulan, periode("TW2", 2026), bukti, prev, periode("TW1", 2026) if prev else None)
    assert (s.status, s.realisasi) == want
