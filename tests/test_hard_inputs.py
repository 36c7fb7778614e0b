"""Inputs a secretary will get wrong sooner or later: each gets a message in
Bahasa Indonesia naming the file (and line), a documented exit code, no
traceback, and nothing half-written."""

from __future__ import annotations

from zidocs.cli import run

from helpers import edit_yaml


def _no_traceback(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return captured.err


def test_impossible_date_names_file_and_line(ws_dir, capsys):
    path = ws_dir / "plan/2026/keputusan-rencana-aksi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-03-06", "2026-02-30"), encoding="utf-8")
    assert run(["-w", str(ws_dir), "check"]) == 3
    assert _no_traceback(capsys) == (
        "zidocs: plan/2026/keputusan-rencana-aksi.yaml:10: tanggal 2026-02-30 tidak ada di kalender; tulis "
        "tanggal yang benar berformat TTTT-BB-HH, misalnya 2026-03-06.\n"
    )


def test_folder_where_a_plan_file_belongs(ws_dir, capsys):
    tim = ws_dir / "plan/2026/tim.yaml"
    tim.unlink()
    tim.mkdir()
    assert run(["-w", str(ws_dir), "keputusan", "--tanpa-pdf"]) == 3
    assert "plan/2026/tim.yaml: ini sebuah folder, bukan berkas." in _no_traceback(capsys)
    assert not (ws_dir / "out").exists()


def test_output_folder_blocked_by_a_file(ws_dir, capsys):
    (ws_dir / "out").mkdir()
    (ws_dir / "out/2026").write_text("bukan folder", encoding="utf-8")
    assert run(["-w", str(ws_dir), "keputusan", "--tanpa-pdf"]) == 3
    err = _no_traceback(capsys)
    assert str(ws_dir / "out/2026") in err and ".tmp-" not in err
    assert (ws_dir / "out/2026").read_text(encoding="utf-8") == "bukan folder"


def test_monev_text_is_checked_but_does_not_block_the_decree(ws_dir, capsys):
    def change(data):
        first = next(iter(data["indikator"].values()))
        first["kendala"] = "Rapat ditunda 🎉"

    edit_yaml(ws_dir / "plan/2026/monev-TW1.yaml", change)
    assert run(["-w", str(ws_dir), "check"]) == 1
    out = capsys.readouterr().out
    assert "plan/2026/monev-TW1.yaml:" in out and "galat KARAKTER" in out
    assert run(["-w", str(ws_dir), "keputusan", "--tanpa-pdf"]) == 0
    assert run(["-w", str(ws_dir), "monev", "2026", "--periode", "TW1", "--tanpa-pdf"]) == 1
    assert not (ws_dir / "out/2026/monev").exists()


def test_an_empty_folder_for_next_year_is_not_the_newest_plan(ws_dir, capsys):
    (ws_dir / "plan/2027").mkdir()
    assert run(["-w", str(ws_dir), "check"]) == 0
    assert "Rencana 2026:" in capsys.readouterr().out


def test_init_onto_a_file(tmp_path, capsys):
    target = tmp_path / "berkas.txt"
    target.write_text("x", encoding="utf-8")
    assert run(["init", str(target)]) == 3
    assert "sudah ada dan bukan folder" in _no_traceback(capsys)


def test_duplicate_evidence_says_its_new_note_was_not_recorded(ws_dir, tmp_path, capsys):
    from PIL import Image

    photo = tmp_path / "spanduk.jpg"
    Image.new("RGB", (640, 480), (200, 220, 255)).save(photo, quality=85)
    base = ["-w", str(ws_dir), "bukti", "add", str(photo), "--indikator", "V.1.1"]
    assert run([*base, "--keterangan", "Spanduk gratifikasi"]) == 0
    capsys.readouterr()
    assert run([*base, "--keterangan", "Foto lain"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Duplikat: spanduk.jpg sudah tercatat untuk V.1.1 (ID 1); tidak disimpan lagi. Keterangan “Foto lain” "
        "tidak dicatat; catatan lama tetap: “Spanduk gratifikasi”."
    )
