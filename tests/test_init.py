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
    assert run(["-w", str(target), "keputusan", "--tanpa-pdf"]) == 0
    assert (target / "out" / "2026" / "keputusan-rencana-aksi-salinan.docx").is_file()


def test_init_never_overwrites(tmp_path, capsys):
    target = tmp_path / "ada"
    (target / "plan").mkdir(parents=True)
    (target / "plan" / "kantor.yaml").write_text("milik kantor\n", encoding="utf-8")
    assert run(["init", str(target)]) == 3
    assert "sudah ada; `zidocs init` tidak menimpa folder kerja yang ada" in capsys.readouterr().err
    assert (target / "plan" / "kantor.yaml").read_text(encoding="utf-8") == "milik kantor\n"
    assert not (target / "templates").exists()


def test_starter_plan_is_a_clean_plan_of_its_own(tmp_path):
    from helpers import REPO

    from zidocs import api
    from zidocs.plan.init import SHIPPED_ROOT
    from zidocs.plan.workspace import Workspace

    assert not (SHIPPED_ROOT / "plan").is_symlink() and (SHIPPED_ROOT / "templates").is_symlink()
    assert (SHIPPED_ROOT / "templates").resolve() == (REPO / "templates").resolve()
    target = tmp_path / "kpu-lain"
    api.buat_folder_kerja(target)
    report = api.check(Workspace(target), 2026)
    assert report.findings == []  # sound text: none of the signed decree's slips
    kantor = (target / "plan" / "kantor.yaml").read_text(encoding="utf-8")
    assert kantor.startswith("# CONTOH data kantor") and kantor.count("contoh: true") == 22
    monev = (target / "plan" / "2026" / "monev-TW1.yaml").read_text(encoding="utf-8")
    assert "\ncontoh: true\n" in monev  # sample data says so
    assert all(r.kunci for r in api.load(Workspace(target), 2026).indikator_list())
