"""`zidocs init`: a new office's workspace from the shipped templates and plan."""

from __future__ import annotations

from zidocs.cli import run


def test_init_makes_a_workspace_that_checks_and_builds(tmp_path, capsys):
    target = tmp_path / "kpu-lain"
    assert run(["init", str(target)]) == 0
    assert (target / "plan" / "kantor.yaml").is_file()
    assert (target / "templates" / "keputusan" / "keputusan.docx").is_file()
    capsys.readouterr()
    assert run(["-w", str(target), "check"]) == 0
    assert run(["-w", str(target), "keputusan"]) == 0
    assert (target / "out" / "2026" / "keputusan-rencana-aksi-salinan.docx").is_file()


def test_init_never_overwrites(tmp_path, capsys):
    target = tmp_path / "ada"
    (target / "plan").mkdir(parents=True)
    (target / "plan" / "kantor.yaml").write_text("milik kantor\n", encoding="utf-8")
    assert run(["init", str(target)]) == 3
    assert "sudah ada; `zidocs init` tidak menimpa folder kerja yang ada" in capsys.readouterr().err
    assert (target / "plan" / "kantor.yaml").read_text(encoding="utf-8") == "milik kantor\n"
    assert not (target / "templates").exists()
