"""Reading the plan: every bad input gets a clear message with file and line."""

from __future__ import annotations

import pytest

from zidocs.plan.check import check_plan
from zidocs.cli import run
from zidocs.errors import InputError
from zidocs.plan.loader import read_plan
from zidocs.cli.common import tampil
from zidocs.plan.workspace import Workspace

from helpers import REPO, edit_yaml

KANTOR = "plan/kantor.yaml"
KEP = "plan/2026/keputusan-rencana-aksi.yaml"


def test_shipped_plan_loads_with_stable_ids():
    loaded = read_plan(Workspace(REPO), 2026)
    assert loaded.findings == []
    ids = [r.id for r in loaded.plan.indikator_list()]
    assert len(ids) == len(set(ids)) == 70
    assert ids[:3] == ["I.1.1", "I.2.1", "I.3.1"]
    assert "V.2.3" in ids and ids[-1] == "VI.3.3"
    per_area = {}
    for r in loaded.plan.indikator_list():
        per_area[r.area.kode] = per_area.get(r.area.kode, 0) + 1
    assert per_area == {"I": 5, "II": 6, "III": 18, "IV": 10, "V": 19, "VI": 12}


def test_plan_models_are_immutable():
    plan = read_plan(Workspace(REPO), 2026).plan
    with pytest.raises(Exception):
        plan.tahun = 2027  # type: ignore[misc]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kantor:\n  nama: [tidak ditutup\n  tempat: Bangko\n",
         f"{KANTOR}:3: galat YAML: daftar [ … ] belum ditutup dengan ']'. Periksa indentasi, tanda titik dua, "
         "dan tanda kutip di baris ini atau baris sebelumnya."),
        ("kantor:\n  nama: a\n  nama: b\n",
         f"{KANTOR}:3: galat YAML: kunci “nama” ditulis dua kali di pemetaan yang sama; hapus atau gabungkan salah satunya."),
        ("kantor:\n\tnama: a\n",
         f"{KANTOR}:2: galat YAML: karakter tab tidak boleh dipakai untuk indentasi; ganti dengan spasi."),
        ("kantor:\n  nama: Komisi: Pemilihan\n",
         f"{KANTOR}:2: galat YAML: tanda ':' tidak diharapkan di sini; beri tanda kutip pada teks yang memuat ': '."),
        ("kantor:\n  nama: *website* KPU\n",
         f"{KANTOR}:2: galat YAML: alias YAML (*nama) tidak dikenal; hapus tanda * di awal teks atau beri tanda kutip."),
    ],
)
def test_yaml_syntax_errors_are_unusable_input(ws_dir, capsys, content, message):
    (ws_dir / KANTOR).write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_plan(Workspace(ws_dir), 2026)
    assert exc.value.message == message
    assert run(["-w", str(ws_dir), "check", "2026"]) == 3
    captured = capsys.readouterr()
    assert captured.err == f"zidocs: {message}\n"
    assert "Traceback" not in captured.err + captured.out


def test_missing_file(ws_dir):
    (ws_dir / "plan/2026/rencana-aksi.yaml").unlink()
    with pytest.raises(InputError) as exc:
        read_plan(Workspace(ws_dir), 2026)
    assert tampil(exc.value.message) == (
        "plan/2026/rencana-aksi.yaml: berkas tidak ditemukan. Buat berkas ini (lihat contoh di `zidocs init`)."
    )


def test_not_utf8(ws_dir):
    (ws_dir / KANTOR).write_bytes("kantor:\n  nama: Komisi\xa0".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        read_plan(Workspace(ws_dir), 2026)
    assert exc.value.message == (
        f"{KANTOR}:2: berkas bukan teks UTF-8 (byte ke-23). Simpan ulang berkas dengan pengodean UTF-8."
    )


def test_no_plan_folder(tmp_path, capsys):
    assert run(["-w", str(tmp_path), "check"]) == 3
    assert "folder plan/ tidak ditemukan" in capsys.readouterr().err


def schema_findings(ws_dir, relfile, change):
    edit_yaml(ws_dir / relfile, change)
    report = check_plan(Workspace(ws_dir), 2026)
    assert report.plan is None  # schema errors stop before the rules
    return [f.format() for f in report.findings]


def test_misspelt_key_is_an_error_with_a_suggestion(ws_dir):
    def change(data):
        data["kantor"]["nama_singkatt"] = data["kantor"].pop("nama_singkat")

    assert schema_findings(ws_dir, KANTOR, change) == [
        f"{KANTOR}:4: galat SKEMA: kunci `nama_singkat` wajib ada di kantor; tambahkan `nama_singkat: …`.",
        f"{KANTOR}:9: galat SKEMA: kunci `nama_singkatt` tidak dikenal di kantor. Mungkin maksudnya "
        "`nama_singkat`? Kunci yang sah: nama, nama_singkat, kop, sekretariat, tempat, logo, kertas.",
    ]


def test_wrong_types(ws_dir):
    def change(data):
        data["keputusan"]["nomor"] = "sembilan"
        data["keputusan"]["tanggal"] = "6 Maret 2026"
        data["keputusan"]["menimbang"] = "bahwa …"

    assert schema_findings(ws_dir, KEP, change) == [
        f"{KEP}:8: galat SKEMA: `keputusan.nomor` harus bilangan bulat, bukan “sembilan”.",
        f"{KEP}:10: galat SKEMA: `keputusan.tanggal` harus tanggal berformat TTTT-BB-HH (misalnya 2026-03-06), "
        "bukan “6 Maret 2026”.",
        f"{KEP}:12: galat SKEMA: `keputusan.menimbang` harus berupa daftar (baris-baris diawali '- '), bukan “bahwa …”.",
    ]


def test_cell_must_be_text_or_list(ws_dir):
    def change(data):
        data["area"][0]["komponen"][0]["indikator"][0]["bukti_fisik"] = 12

    assert schema_findings(ws_dir, "plan/2026/rencana-aksi.yaml", change) == [
        "plan/2026/rencana-aksi.yaml:20: galat SKEMA: `area[1].komponen[1].indikator[1].bukti_fisik` harus berupa "
        "teks atau daftar teks (baris-baris diawali '- '), bukan 12."
    ]


def test_all_schema_errors_reported_at_once(ws_dir, capsys):
    def change(data):
        data["area"][0]["kode"] = 1
        data["area"][2]["komponen"][0]["no"] = "satu"
        del data["area"][3]["komponen"][0]["indikator"][0]["target_waktu"]

    found = schema_findings(ws_dir, "plan/2026/rencana-aksi.yaml", change)
    assert len(found) == 3
    assert run(["-w", str(ws_dir), "check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "Rencana 2026: 3 galat, 0 peringatan."


def test_special_text_loads_literally(ws_dir):
    weird = "A & B < C > D \"kutip\" 'tunggal' {{ x }} {% if y %} 😀"

    def change(data):
        data["area"][0]["komponen"][0]["indikator"][0]["langkah_aksi"] = weird

    edit_yaml(ws_dir / "plan/2026/rencana-aksi.yaml", change)
    loaded = read_plan(Workspace(ws_dir), 2026)
    assert loaded.plan.rencana_aksi.area[0].komponen[0].indikator[0].langkah_aksi == weird
