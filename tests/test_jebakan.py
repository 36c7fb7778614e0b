"""YAML and text traps, each with its exact message: a ` #` that cuts a text,
a value that begins with a quote, `[a, b]` where text was meant, invisible
characters printed into a signed decree, and "did you mean" naming a
different person."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit_yaml

from zidocs.errors import InputError
from zidocs.plan.check import check_plan
from zidocs.plan.workspace import Workspace
from zidocs.plan.yamldoc import read_yaml
from zidocs.text.saran import mirip

RA = "plan/2026/rencana-aksi.yaml"
LINE_LANGKAH = 19  # area[1].komponen[1].indikator[1].langkah_aksi in the shipped plan


def findings(ws_dir: Path):
    return check_plan(Workspace(ws_dir), 2026).findings


def replace_line(ws_dir: Path, n: int, new: str) -> None:
    path = ws_dir / RA
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[n - 1] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_comment_that_cuts_a_text_is_a_warning(ws_dir):
    replace_line(ws_dir, LINE_LANGKAH, "            langkah_aksi: Sosialisasi melalui media sosial #KPUMelayani #PemiluDamai")
    got = [f.format() for f in findings(ws_dir) if f.kode == "KOMENTAR-MEMOTONG"]
    assert got == [
        f"{RA}:{LINE_LANGKAH}: peringatan KOMENTAR-MEMOTONG: area[1].komponen[1].indikator[1].langkah_aksi: teks "
        "berhenti di “… melalui media sosial”: “#KPUMelayani #PemiluDamai” sesudahnya dibaca YAML sebagai "
        "komentar (spasi lalu #) dan tidak dicetak. Bila itu bagian teks (mis. tagar), beri tanda kutip pada "
        "seluruh teks: 'Sosialisasi melalui media sosial #KPUMelayani #PemiluDamai'."]


def test_comment_after_a_code_or_a_quoted_text_is_fine(ws_dir):
    replace_line(ws_dir, LINE_LANGKAH, "            langkah_aksi: 'Sosialisasi #KPUMelayani'  # tagar resmi")
    assert not [f for f in findings(ws_dir) if f.kode == "KOMENTAR-MEMOTONG"]


def test_value_beginning_with_a_quote(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text('a:\n  indikator: "Dokumen" rencana aksi telah disusun\n  b: c\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_yaml(path, "x.yaml")
    assert exc.value.message == (
        "x.yaml:2: galat YAML: teks diawali tanda kutip (\") tetapi berlanjut sesudah tanda kutip penutupnya; "
        "tanda kutip di awal harus membungkus seluruh teks. Bungkus seluruh teks dengan tanda kutip jenis lain, "
        "mis. '\"Dokumen\" rencana aksi telah disusun'.")


def test_flow_sequence_where_text_was_meant(ws_dir):
    replace_line(ws_dir, LINE_LANGKAH + 2, "            target_waktu: [Maret 2026]")
    got = [f.format() for f in findings(ws_dir)]
    assert got == [
        f"{RA}:{LINE_LANGKAH + 2}: galat SKEMA: `area[1].komponen[1].indikator[1].target_waktu` ditulis "
        "[ … ], yang dibaca YAML sebagai daftar, bukan teks; bila kurung siku bagian dari teks, beri tanda "
        "kutip pada seluruh teks: '[Maret 2026]'."]


def test_flow_sequence_in_a_text_or_list_field_is_a_warning(ws_dir):
    replace_line(ws_dir, LINE_LANGKAH, "            langkah_aksi: [Rapat evaluasi, per triwulan]")
    got = [f.format() for f in findings(ws_dir) if f.kode == "DAFTAR-KURUNG"]
    assert got == [
        f"{RA}:{LINE_LANGKAH}: peringatan DAFTAR-KURUNG: area[1].komponen[1].indikator[1].langkah_aksi: "
        "ditulis [ … ], yang dibaca YAML sebagai daftar 2 butir (dicetak bernomor 1), 2), …); bila maksudnya "
        "satu teks, beri tanda kutip pada seluruh teks; bila memang daftar, tulis tiap butir di baris sendiri "
        "diawali '- '.",
    ]


@pytest.mark.parametrize(("char", "name"), [
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE"), ("\u200b", "ZERO WIDTH SPACE"),
    ("\u200d", "ZERO WIDTH JOINER"), ("\u2060", "WORD JOINER"), ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
    ("\u00ad", "SOFT HYPHEN"), ("\x07", "BELL"),
])
def test_invisible_characters_are_errors_with_their_position(ws_dir, char, name):
    def change(data):
        data["area"][0]["komponen"][0]["indikator"][0]["langkah_aksi"] = f"Rapat{char} evaluasi"

    edit_yaml(ws_dir / RA, change)
    got = [f for f in findings(ws_dir) if f.kode == "KARAKTER"]
    assert [f.format() for f in got] == [
        f"{RA}:{LINE_LANGKAH}: galat KARAKTER: area[1].komponen[1].indikator[1].langkah_aksi: memuat karakter "
        f"yang tidak dapat dicetak atau tak terlihat dalam naskah dinas (U+{ord(char):04X} {name} di karakter "
        "ke-6); hapus karakter itu (emoji, karakter kendali, karakter tak terlihat) atau ganti dengan teks biasa."]


def test_person_id_suggestion_only_when_unambiguous():
    ids = ["maya-sari", "eko-prasetyo", "eko-prasetya"]
    assert mirip("maya-sary", ids, unik=True) == ["maya-sari"]
    assert mirip("eko-prasetyx", ids, unik=True) == []  # two people equally close: say nothing
    assert mirip("eko-prasetyx", ids, n=2) == ["eko-prasetyo", "eko-prasetya"]  # the old behaviour, still there


def test_team_id_typo_between_two_people_names_neither(ws_dir):
    kantor = ws_dir / "plan" / "kantor.yaml"
    text = kantor.read_text(encoding="utf-8")
    start = text.index("  - id: eko-prasetyo")
    end = text.index("  - id: dewi-anggraini")
    kantor.write_text(text[:end] + text[start:end].replace("eko-prasetyo", "eko-prasetya")
                      .replace("Eko Prasetyo", "Eko Prasetya") + text[end:], encoding="utf-8")
    tim = ws_dir / "plan" / "2026" / "tim.yaml"
    tim.write_text(tim.read_text(encoding="utf-8").replace("eko-prasetyo", "eko-prasetyx", 1), encoding="utf-8")
    got = [f.pesan for f in findings(ws_dir) if f.kode == "TIM-ID-TIDAK-DIKENAL"]
    assert got == ["id `eko-prasetyx` tidak dikenal. Pakai `ketua`, `pengesah_salinan`, atau `id` dari "
                   "`anggota_kpu:`/`pegawai:` di plan/kantor.yaml (tambahkan orangnya ke sana bila belum ada)."]


# --- targets: no fixed month on purpose vs unreadable ------------------------------------


def test_no_fixed_month_is_reported_apart_from_unreadable(ws_dir):
    from docx import Document

    from zidocs import api

    edit_yaml(ws_dir / RA, lambda d: d["area"][0]["komponen"][0]["indikator"][0].__setitem__(
        "target_waktu", "Sesuai kebutuhan"))
    ws = Workspace(ws_dir)
    assert not [f for f in findings(ws_dir) if f.kode.startswith("TW-") and f.pesan.startswith("indikator I.1.1:")]
    fig = api.status(ws, 2026, periode="TW1").figures
    assert [b.id for b in fig.tanpa_jadwal] == ["I.1.1"]
    assert [b.id for b in fig.tidak_terbaca] == ["II.1.1", "III.2.2"]  # "Januari 2016", "Januari 202"
    doc = Document(str(api.monev_laporan(ws, 2026, "TW1").docx))
    text = [p.text for p in doc.paragraphs]
    assert ("Tanpa bulan tetap (dilaksanakan sesuai kebutuhan atau terus-menerus), sehingga tidak dihitung jatuh "
            "tempo: I.1.1 (“Sesuai kebutuhan”).") in text
    assert ("Tidak terjadwal karena target waktunya tidak terbaca atau di luar tahun rencana (perlu diperbaiki di "
            "rencana aksi): II.1.1 (“Januari 2016”), III.2.2 (“Januari 202”).") in text


def test_unreadable_target_is_an_error(ws_dir):
    edit_yaml(ws_dir / RA, lambda d: d["area"][0]["komponen"][0]["indikator"][0].__setitem__(
        "target_waktu", "segera setelah rapat"))
    got = [f for f in findings(ws_dir) if f.kode == "TW-TIDAK-TERBACA"]
    assert len(got) == 1 and got[0].is_error and got[0].line == 21


# --- foreign terms: grouped per term, and accepted on purpose ---------------------------


def test_repeated_foreign_term_is_one_finding_naming_its_places():
    from helpers import REPO

    got = [f.format() for f in findings(REPO) if f.kode == "ISTILAH-ASING" and "“survey”" in f.pesan]
    assert got == [
        f"{RA}:444: peringatan ISTILAH-ASING: area[6].komponen[3].indikator[1].indikator: istilah asing “survey” "
        "tidak dicetak miring di 6 tempat (juga baris 445, 446, 449, 450, 454); tulis *survey* (atau ganti dengan "
        "padanan bahasa Indonesia), atau terima apa adanya dengan `istilah_diterima:` di plan/kantor.yaml."]


def test_accepted_terms_are_not_reported(ws_dir):
    before = [f for f in findings(ws_dir) if f.kode == "ISTILAH-ASING"]
    edit_yaml(ws_dir / "plan" / "kantor.yaml", lambda d: d.__setitem__("istilah_diterima", ["Survey", "website"]))
    after = [f for f in findings(ws_dir) if f.kode == "ISTILAH-ASING"]
    gone = {f.pesan for f in before} - {f.pesan for f in after}
    assert len(after) == len(before) - 2 and all("“survey”" in g or "“website”" in g for g in gone)


# --- decrees cited by number must match the register ------------------------------------

AGEN = "plan/2026/keputusan-agen-perubahan.yaml"
TIMK = "plan/2026/keputusan-tim-kerja.yaml"
MONEV = "plan/2026/monev-TW1.yaml"


def _sub(ws_dir: Path, rel: str, old: str, new: str) -> None:
    path = ws_dir / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_stale_decree_citations_are_errors_naming_the_registered_decree(ws_dir):
    _sub(ws_dir, AGEN, "Merangin Nomor 10 Tahun 2026 tentang Tim Kerja", "Merangin Nomor 9 Tahun 2026 tentang Tim Kerja")
    _sub(ws_dir, TIMK, "Merangin Nomor 9 Tahun 2026, perlu", "Merangin Nomor 12 Tahun 2026, perlu")
    got = sorted(f.format() for f in findings(ws_dir) if f.kode == "RUJUKAN-KEPUTUSAN")
    assert got == [
        f"{AGEN}:28: galat RUJUKAN-KEPUTUSAN: keputusan.memperhatikan[2]: menyebut Keputusan Nomor 9 Tahun 2026 "
        "tentang “Tim Kerja Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korup…”, padahal di register "
        "Keputusan Nomor 9 Tahun 2026 adalah “RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI "
        "KO…” (keputusan-rencana-aksi.yaml); judul itu milik Keputusan Nomor 10 Tahun 2026 "
        "(keputusan-tim-kerja.yaml), jadi nomornya yang keliru; samakan nomor dan judulnya.",
        f"{TIMK}:16: galat RUJUKAN-KEPUTUSAN: keputusan.menimbang[2]: menyebut Keputusan Nomor 12 Tahun 2026, yang "
        "tidak ada di register tahun 2026 (nomor yang ada: 9 (rencana-aksi), 10 (tim-kerja), 11 (agen-perubahan)); "
        "perbaiki nomornya.",
    ]


def test_stale_year_in_monev_dasar(ws_dir):
    _sub(ws_dir, MONEV, "Merangin Nomor 9 Tahun 2026 tentang Rencana", "Merangin Nomor 9 Tahun 2025 tentang Rencana")
    got = [f.format() for f in findings(ws_dir) if f.kode == "RUJUKAN-KEPUTUSAN"]
    assert got == [
        f"{MONEV}:14: galat RUJUKAN-KEPUTUSAN: dasar[2]: menyebut Keputusan Nomor 9 Tahun 2025 tentang “Rencana "
        "Aksi Pembangunan Zona Integritas Menuju Wilayah Bebas dari Ko…”, padahal keputusan berjudul itu "
        "di register adalah Nomor 9 Tahun 2026 (keputusan-rencana-aksi.yaml); perbaiki nomor dan tahunnya."]


def test_shipped_citations_match_the_register():
    from helpers import REPO

    assert not [f for f in findings(REPO) if f.kode == "RUJUKAN-KEPUTUSAN"]
