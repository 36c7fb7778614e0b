"""`zidocs check`: the shipped plan's slips, one defect per rule, exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zidocs.plan.check import check_plan
from zidocs.cli import run
from zidocs.plan.rules.keputusan import citation_problems
from zidocs.plan.workspace import Workspace

from helpers import REPO, edit_yaml

RA = "plan/2026/rencana-aksi.yaml"
KEP = "plan/2026/keputusan-rencana-aksi.yaml"

# The signed 2026 decree's own slips, as `zidocs check 2026` must report them:
# (file, line, code, the term or word quoted). All are warnings. A foreign term
# is reported once per file, at its first place (the message names the others).
SHIPPED_SLIPS = [
    ("keputusan-rencana-aksi.yaml", 24, "SITASI-TAHUN", ""),
    ("keputusan-rencana-aksi.yaml", 43, "ISTILAH-ASING", "Road Map"),
    ("keputusan-rencana-aksi.yaml", 51, "ISTILAH-ASING", "Whistleblowing system"),
    ("keputusan-rencana-aksi.yaml", 61, "KURUNG", ""),
    ("keputusan-rencana-aksi.yaml", 75, "ISTILAH-ASING", "core business"),
    ("keputusan-rencana-aksi.yaml", 87, "ISTILAH-ASING", "Tag line"),
    ("keputusan-rencana-aksi.yaml", 87, "ISTILAH-ASING", "banner"),
    ("keputusan-rencana-aksi.yaml", 87, "ISTILAH-ASING", "stakeholder"),
    ("keputusan-rencana-aksi.yaml", 88, "KURUNG", ""),
    ("keputusan-rencana-aksi.yaml", 102, "ISTILAH-ASING", "tagline"),
    ("rencana-aksi.yaml", 9, "JUDUL-TAHUN", ""),
    ("rencana-aksi.yaml", 34, "ISTILAH-ASING", "Timeline"),
    ("rencana-aksi.yaml", 44, "ISTILAH-ASING", "Banner"),
    ("rencana-aksi.yaml", 65, "ISTILAH-ASING", "Screenshot"),
    ("rencana-aksi.yaml", 67, "TW-DI-LUAR-TAHUN", ""),
    ("rencana-aksi.yaml", 74, "ISTILAH-ASING", "record"),
    ("rencana-aksi.yaml", 94, "ISTILAH-ASING", "online"),
    ("rencana-aksi.yaml", 134, "TW-TAHUN-TIDAK-LENGKAP", ""),
    ("rencana-aksi.yaml", 136, "KATA-GANDA", "terhadap"),
    ("rencana-aksi.yaml", 166, "ISTILAH-ASING", "coaching"),
    ("rencana-aksi.yaml", 166, "ISTILAH-ASING", "mentoring"),
    ("rencana-aksi.yaml", 266, "ISTILAH-ASING", "Draft"),
    ("rencana-aksi.yaml", 318, "ISTILAH-ASING", "link"),
    ("rencana-aksi.yaml", 336, "KOSONG", ""),
    ("rencana-aksi.yaml", 422, "ISTILAH-ASING", "website"),
    ("rencana-aksi.yaml", 426, "ISTILAH-ASING", "punishment"),
    ("rencana-aksi.yaml", 426, "ISTILAH-ASING", "reward"),
    ("rencana-aksi.yaml", 432, "ISTILAH-ASING", "helpdesk"),
    ("rencana-aksi.yaml", 437, "ISTILAH-ASING", "Hoax"),
    ("rencana-aksi.yaml", 444, "ISTILAH-ASING", "survey"),
    ("rencana-aksi.yaml", 451, "ISTILAH-ASING", "Screenshoot"),
]


def _key(f):
    m = re.search(r"“([^”]+)”", f.pesan)
    detail = m.group(1) if f.kode in ("ISTILAH-ASING", "KATA-GANDA") and m else ""
    return (Path(f.file).name, f.line, f.kode, detail)


def test_shipped_plan_reports_exactly_the_signed_decrees_slips():
    report = check_plan(Workspace(REPO), 2026)
    assert report.errors == []
    assert all(f.level == "peringatan" for f in report.findings)
    assert [_key(f) for f in report.findings] == SHIPPED_SLIPS


def test_shipped_slip_messages_say_what_and_how_to_fix():
    report = check_plan(Workspace(REPO), 2026)
    text = {f.kode: f.format() for f in report.findings}
    assert text["TW-DI-LUAR-TAHUN"].startswith(f"{RA}:67: peringatan TW-DI-LUAR-TAHUN: indikator II.1.1: ")
    assert "2016" in text["TW-DI-LUAR-TAHUN"] and "2026" in text["TW-DI-LUAR-TAHUN"]
    assert text["KOSONG"] == (
        f"{RA}:336: peringatan KOSONG: komponen V.4 tidak bernama; isi `nama` dengan nama komponennya."
    )
    assert text["JUDUL-TAHUN"] == (
        f"{RA}:9: peringatan JUDUL-TAHUN: judul BAB II menyebut tahun 2025, padahal rencana ini untuk "
        "tahun 2026; ganti menjadi 2026."
    )
    assert text["SITASI-TAHUN"] == (
        f"{KEP}:24: peringatan SITASI-TAHUN: keputusan.mengingat[8]: Lembaran Negara Tahun 2021 lebih awal "
        "dari tahun peraturannya (“Nomor 46 Tahun 2025”); periksa tahun pengundangannya."
    )
    assert text["KATA-GANDA"] == (
        f"{RA}:136: peringatan KATA-GANDA: area[3].komponen[2].indikator[3].indikator: kata “terhadap” tertulis "
        "dua kali berturut-turut (“terhadap terhadap”); hapus salah satunya."
    )


def test_cli_check_output_format_and_exit_codes(ws_dir, capsys):
    assert run(["-w", str(ws_dir), "check", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"Rencana 2026: 0 galat, {len(SHIPPED_SLIPS)} peringatan."
    pattern = re.compile(r"^plan/[\w./-]+\.yaml:\d+: (galat|peringatan) [A-Z-]+: .+$")
    assert all(pattern.match(line) for line in lines[:-1]), lines[:3]
    # --strict: warnings fail
    assert run(["-w", str(ws_dir), "check", "--strict"]) == 1


def test_year_defaults_to_newest_plan(ws_dir, capsys):
    assert run(["-w", str(ws_dir), "check"]) == 0
    assert "Rencana 2026:" in capsys.readouterr().out


def test_missing_year_is_unusable_input(ws_dir, capsys):
    assert run(["-w", str(ws_dir), "check", "2030"]) == 3
    err = capsys.readouterr().err
    assert "rencana tahun 2030 tidak ditemukan (tahun yang ada: 2026)" in err


# --- one plan, one defect ------------------------------------------------------


def new_findings(ws_dir: Path, relfile: str, change):
    """Findings that the change adds to the shipped plan's."""
    def same(f):  # a grouped term names its other lines, which an edit above them shifts
        return f.kode, re.sub(r" \(juga baris [\d, ]+\)", "", f.pesan)

    before = {same(f) for f in check_plan(Workspace(ws_dir), 2026).findings}
    edit_yaml(ws_dir / relfile, change)
    report = check_plan(Workspace(ws_dir), 2026)
    return [f for f in report.findings if same(f) not in before]


def ind(data, a, k, i):
    return data["area"][a]["komponen"][k]["indikator"][i]


def _set_ind(a, k, i, key, value):
    def change(data):
        ind(data, a, k, i)[key] = value

    return change


@pytest.mark.parametrize(
    ("value", "kode", "level"),
    [
        ("Maret 2025", "TW-DI-LUAR-TAHUN", "peringatan"),
        ("Maret 20", "TW-TAHUN-TIDAK-LENGKAP", "peringatan"),
        ("segera setelah rapat", "TW-TIDAK-TERBACA", "galat"),  # was a warning: it never fell due
        ("", "TW-KOSONG", "galat"),
        ("Desember 2026 sampai dengan Maret 2026", "TW-RENTANG-TERBALIK", "peringatan"),
    ],
)
def test_target_waktu_rules(ws_dir, value, kode, level):
    found = new_findings(ws_dir, RA, _set_ind(0, 0, 0, "target_waktu", value))
    assert [(f.kode, f.level, f.line) for f in found] == [(kode, level, 21)]
    assert found[0].pesan.startswith("indikator I.1.1: ")


def test_empty_component_name_is_a_warning(ws_dir):
    def change(data):
        data["area"][0]["komponen"][1]["nama"] = ""

    found = new_findings(ws_dir, RA, change)
    assert [f.format() for f in found] == [
        f"{RA}:23: peringatan KOSONG: komponen I.2 tidak bernama; isi `nama` dengan nama komponennya."
    ]


@pytest.mark.parametrize(("key", "label"), [("bukti_fisik", "bukti fisik"), ("indikator", "indikator"),
                                            ("langkah_aksi", "langkah aksi")])
def test_empty_required_cells_are_errors(ws_dir, key, label):
    found = new_findings(ws_dir, RA, _set_ind(0, 0, 0, key, "  "))
    assert [f.format() for f in found] == [
        f"{RA}:{ {'indikator': 18, 'langkah_aksi': 19, 'bukti_fisik': 20}[key] }: galat KOSONG: "
        f"indikator I.1.1: {label} kosong; isi `{key}`."
    ]


def test_duplicate_component_number(ws_dir):
    def change(data):
        data["area"][1]["komponen"][1]["no"] = 1  # II: 1, 1, 3

    found = new_findings(ws_dir, RA, change)
    assert [(f.kode, f.level) for f in found] == [("NOMOR-GANDA", "galat")]
    assert found[0].pesan == (
        "nomor 1 dipakai lebih dari sekali untuk komponen di area II; seharusnya 2 "
        "(ID indikator bergantung pada nomor ini)."
    )


def test_skipped_component_number(ws_dir):
    def change(data):
        data["area"][0]["komponen"][3]["no"] = 5  # I: 1, 2, 3, 5

    found = new_findings(ws_dir, RA, change)
    assert [f.pesan for f in found] == ["nomor komponen di area I seharusnya 4, tertulis 5; perbaiki urutannya."]


def test_skipped_and_invalid_area_codes(ws_dir):
    def change(data):
        data["area"][5]["kode"] = "VII"

    found = new_findings(ws_dir, RA, change)
    assert [(f.kode, f.pesan) for f in found] == [
        ("NOMOR-LONCAT", "nomor area seharusnya VI, tertulis VII; perbaiki urutannya.")
    ]


@pytest.mark.parametrize(
    ("text", "kode"),
    [
        ("Rapat evaluasi (per triwulan", "KURUNG"),
        ('Rapat evaluasi "per triwulan', "KUTIP"),
        ("Rapat evaluasi “per triwulan", "KURUNG"),
        ("Rapat rapat evaluasi", "KATA-GANDA"),
        ("Rapat evaluasi {{ tanggal }}", "TEKS-TEMPLAT"),
        ("Rapat evaluasi {% if x %}", "TEKS-TEMPLAT"),
        ("Rapat *evaluasi", "MARKUP"),
        ("Rapat evaluasi 🙂", "KARAKTER"),
        ("Rapat evaluasi \x07", "KARAKTER"),
        ("Rapat evaluasi triwulan. " * 250, "TEKS-PANJANG"),
        ("Unggah ke website", "ISTILAH-ASING"),
    ],
)
def test_text_rules(ws_dir, text, kode):
    found = new_findings(ws_dir, RA, _set_ind(0, 0, 2 - 2, "langkah_aksi", text))
    assert [f.kode for f in found] == [kode]
    assert found[0].line == 19


def test_text_rule_messages_exact(ws_dir):
    found = new_findings(ws_dir, RA, _set_ind(0, 0, 0, "langkah_aksi", "Rapat evaluasi 🙂 (per *bulan"))
    where = f"{RA}:19: galat"
    assert sorted(f.format() for f in found) == sorted([
        f"{where} MARKUP: area[1].komponen[1].indikator[1].langkah_aksi: tanda * pembuka huruf miring tidak "
        "ditutup; tutup dengan * setelah istilahnya, atau tulis \\* untuk bintang biasa.",
        f"{where} KARAKTER: area[1].komponen[1].indikator[1].langkah_aksi: memuat karakter yang tidak dapat "
        "dicetak atau tak terlihat dalam naskah dinas (U+1F642 “🙂” di karakter ke-16); hapus karakter itu "
        "(emoji, karakter kendali, karakter tak terlihat) atau ganti dengan teks biasa.",
        f"{RA}:19: peringatan KURUNG: area[1].komponen[1].indikator[1].langkah_aksi: tanda ( ) tidak seimbang "
        "(1 pembuka, 0 penutup); lengkapi pasangannya.",
    ])


def test_italic_foreign_term_is_fine_and_list_is_extendable(ws_dir):
    assert new_findings(ws_dir, RA, _set_ind(0, 0, 0, "langkah_aksi", "Unggah ke *website* dan *upload*")) == []

    def extend(data):
        data["istilah_asing"] = ["baseline"]

    assert new_findings(ws_dir, "plan/kantor.yaml", extend) == []
    found = new_findings(ws_dir, RA, _set_ind(0, 0, 0, "langkah_aksi", "Menyusun baseline kinerja"))
    assert [f.pesan for f in found] == [
        "area[1].komponen[1].indikator[1].langkah_aksi: istilah asing “baseline” tidak dicetak miring; "
        "tulis *baseline* (atau ganti dengan padanan bahasa Indonesia)."
    ]


def test_no_false_alarms_on_sound_text(ws_dir):
    sound = "Monitoring dan evaluasi (triwulan) atas “Pakta Integritas” melalui *website* KPU; sistem e-PPID."
    assert new_findings(ws_dir, RA, _set_ind(0, 0, 0, "langkah_aksi", sound)) == []


def test_heading_year(ws_dir):
    def change(data):
        data["judul"][1] = "KOMISI PEMILIHAN UMUM KABUPATEN MERANGIN TAHUN 2026"

    before = check_plan(Workspace(ws_dir), 2026).findings
    edit_yaml(ws_dir / RA, change)
    after = check_plan(Workspace(ws_dir), 2026).findings
    assert [f.kode for f in before if f not in after] == ["JUDUL-TAHUN"]


def test_decree_date_outside_its_year(ws_dir):
    import datetime as dt

    def change(data):
        data["keputusan"]["tanggal"] = dt.date(2025, 12, 30)

    found = new_findings(ws_dir, KEP, change)
    assert [f.format() for f in found] == [
        f"{KEP}:10: galat TANGGAL-TAHUN: keputusan Nomor 9 Tahun 2026 bertanggal 2025-12-30, di luar tahunnya; "
        "perbaiki `tanggal` atau `tahun`."
    ]


def test_decree_of_another_year(ws_dir):
    def change(data):
        data["keputusan"]["tahun"] = 2025

    found = new_findings(ws_dir, KEP, change)
    assert sorted(f.kode for f in found) == ["KEPUTUSAN-TAHUN", "TANGGAL-TAHUN"]


def test_revoked_decree_not_named_in_diktum(ws_dir):
    def change(data):
        data["keputusan"]["mencabut"]["nomor"] = 18

    found = new_findings(ws_dir, KEP, change)
    assert [(f.kode, f.pesan) for f in found] == [(
        "CABUT-TIDAK-DISEBUT",
        "keputusan yang dicabut (Nomor 18 Tahun 2025) tidak disebut di diktum; sebutkan di diktum atau "
        "perbaiki `mencabut`.",
    )]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("Undang-Undang Nomor 14 Tahun 2008 tentang X (Lembaran Negara Republik Indonesia Tahun 2008 Nomor 61);", 0),
        ("Undang-Undang Nomor 14 Tahun 2008 tentang X (Lembaran Negara Republik Indonesia Tahun 2007 Nomor 61);", 1),
        ("Peraturan Presiden Nomor 16 Tahun 2018 tentang X (Lembaran Negara Republik Indonesia Tahun 2018 Nomor 33) "
         "sebagaimana terakhir diubah dengan Peraturan Presiden Nomor 12 Tahun 2021 tentang Perubahan atas "
         "Peraturan Presiden Nomor 16 Tahun 2018 tentang X (Lembaran Negara Republik Indonesia Tahun 2021 Nomor 63);", 0),
        ("Peraturan KPU Nomor 8 Tahun 2019 tentang Y (Berita Negara Republik Indonesia Tahun 2018 Nomor 320);", 1),
        ("Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025;", 0),
    ],
)
def test_citation_gazette_year(text, problems):
    assert len(citation_problems(text)) == problems


def test_new_decree_kind_without_its_lampiran_template(ws_dir):
    src = ws_dir / "plan/2026/keputusan-agen-perubahan.yaml"
    (ws_dir / "plan/2026/keputusan-baru.yaml").write_text(
        src.read_text(encoding="utf-8").replace("nomor: 11", "nomor: 12"), encoding="utf-8")
    report = check_plan(Workspace(ws_dir), 2026)
    found = [f for f in report.findings if f.file.endswith("keputusan-baru.yaml")]
    assert [(f.level, f.kode) for f in found] == [("peringatan", "TEMPLAT-TIDAK-ADA")]
    assert "templates/keputusan/lampiran-baru.docx tidak ada" in found[0].pesan
