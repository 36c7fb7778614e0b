"""`zidocs status`: the terminal picture, through the CLI commands.

The commands are registered on a tiny Typer app exactly as the lead registers
them in zidocs/cli.py (see zidocs/cli_monev.py); when zidocs.cli already
registers them, the real `zidocs` is tested too.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Optional

import pytest
import typer
from typer.testing import CliRunner

import zidocs.cli  # noqa: F401  (Indonesian help words, as in the real CLI)
from zidocs.cli.monev import monev_app, status_command
from zidocs.plan.check import load_plan
from zidocs.text.target_waktu import parse_target_waktu
from zidocs.plan.workspace import Workspace

from test_monev_report import BUKTI, TW1, UTC, add_evidence, berkunci


def make_app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                      rich_markup_mode="rich")

    @app.callback()
    def _root(ctx: typer.Context,
              workspace: Annotated[Optional[Path], typer.Option("--workspace", "-w")] = None) -> None:
        ctx.obj = Workspace.resolve(workspace)

    app.add_typer(monev_app, name="monev")
    app.command("status")(status_command)
    return app


@pytest.fixture
def ws(ws_dir, tmp_path, monkeypatch):
    year = ws_dir / "plan" / "2026"
    for p in year.glob("monev-*.yaml"):
        p.unlink()
    (year / "monev-TW1.yaml").write_text(berkunci(TW1), encoding="utf-8")
    add_evidence(ws_dir, tmp_path)
    monkeypatch.setenv("TZ", "UTC")  # evidence dates read in the local time zone
    import time

    time.tzset()
    yield ws_dir
    monkeypatch.undo()
    time.tzset()


def invoke(*args: str):
    result = CliRunner().invoke(make_app(), list(args), env={"COLUMNS": "160"}, catch_exceptions=False)
    return result


def independent(ws_dir: Path, last_month: int, cutoff: dt.date) -> dict[str, list[int]]:
    """Per area: [due so far, done, in progress, overdue, with evidence], from
    the plan, the TW1 input text and the evidence this test added. Overdue:
    not done, and past the final target month or below its own pace."""
    from ruamel.yaml import YAML

    rows = YAML(typ="safe").load(TW1)["indikator"]
    out: dict[str, list[int]] = {}
    for ref in load_plan(ws_dir, 2026).indikator_list():
        months = parse_target_waktu(ref.indikator.target_waktu, 2026).bulan
        if not months or min(months) > last_month:
            continue
        row = rows.get(ref.id) or {}
        status = row.get("status", "belum")
        realisasi = row.get("realisasi", 100 if status == "selesai" else 0)
        passed = sum(m <= last_month for m in months)
        evidence = any(i == ref.id and d <= cutoff for i, d in BUKTI)
        c = out.setdefault(ref.area.kode, [0, 0, 0, 0, 0])
        c[0] += 1
        c[1] += status == "selesai"
        c[2] += status == "proses"
        c[3] += status != "selesai" and (max(months) <= last_month or realisasi * len(months) < 100 * passed)
        c[4] += evidence
    return out


def table_rows(output: str) -> dict[str, list[int]]:
    got = {}
    for line in output.splitlines():
        m = re.match(r"│ ([IVX]+)\. .*?│\s+(\d+) │\s+(\d+) │\s+(\d+) │\s+(\d+) │\s+(\d+)/(\d+) \(", line)
        if m:
            got[m.group(1)] = [int(m.group(i)) for i in (2, 3, 4, 5, 6)]
            assert int(m.group(7)) == got[m.group(1)][0]
    return got


def overdue_ids(output: str) -> list[str]:
    tail = output.split("Aksi terlambat", 1)[1].split("Jatuh tempo tanpa bukti", 1)[0]
    return re.findall(r"^([IVX]+\.\d+\.\d+)\s", tail, re.M)


def without_evidence_ids(output: str) -> list[str]:
    tail = output.split("Jatuh tempo tanpa bukti", 1)[1]
    return re.findall(r"^([IVX]+\.\d+\.\d+)\s", tail, re.M)


def test_status_as_of_a_date(ws):
    result = invoke("-w", str(ws), "status", "2026", "--tanggal", "2026-04-20")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Status Zona Integritas 2026 — Posisi per 20 April 2026" in out
    assert "Jatuh tempo s.d. Januari–Maret 2026; bukti dihitung s.d. 20 April 2026." in out
    assert "Status dari plan/2026/monev-TW1.yaml." in out and "CONTOH" not in out
    # April has not ended: only January–March actions are due; evidence up to 20 April counts
    want = independent(ws, 3, dt.date(2026, 4, 20))
    assert table_rows(out) == want
    total = [sum(v[i] for v in want.values()) for i in range(5)]
    assert re.search(rf"│ Jumlah\s+│\s+{total[0]} │\s+{total[1]} │\s+{total[2]} │\s+{total[3]} │\s+"
                     rf"{total[4]}/{total[0]} \(", out)
    late = re.search(r"Aksi terlambat \((\d+)\)", out)
    assert late and int(late.group(1)) == total[3]
    listed = overdue_ids(out)
    assert len(listed) == total[3]
    nobukti = without_evidence_ids(out)
    assert len(nobukti) == total[0] - total[4]
    assert "II.2.2" not in nobukti and "I.4.2" not in nobukti  # their evidence came in April


def test_status_for_a_period_matches_the_report(ws):
    from zidocs.monev.report import build_laporan

    result = invoke("-w", str(ws), "status", "2026", "--periode", "tw1")
    assert result.exit_code == 0, result.output
    assert "Triwulan I Tahun 2026" in result.output
    got = table_rows(result.output)
    assert got == independent(ws, 3, dt.date(2026, 3, 31))
    nobukti = without_evidence_ids(result.output)
    assert "II.2.2" in nobukti and "I.4.2" in nobukti and "II.2.1" not in nobukti  # evidence on 31 March counts
    fig = build_laporan(Workspace(ws), 2026, "TW1", tz=UTC).figures
    assert got == {a.kode: [a.kumulatif, a.selesai_kumulatif, a.proses_kumulatif, a.terlambat, a.berbukti]
                   for a in fig.area}


def test_status_without_monev_input(ws):
    (ws / "plan" / "2026" / "monev-TW1.yaml").unlink()
    result = invoke("-w", str(ws), "status", "2026", "--tanggal", "2026-02-01")
    assert result.exit_code == 0, result.output
    assert "Belum ada isian monev: semua aksi dihitung belum." in result.output
    got = table_rows(result.output)
    assert all(v[1] == v[2] == 0 for v in got.values())  # nothing done or in progress


def test_status_refuses_bad_monev_input(ws):
    (ws / "plan" / "2026" / "monev-TW1.yaml").write_text(berkunci(TW1).replace("realisasi: 62.5", "realisasi: 162.5"))
    from zidocs.errors import PlanInvalid

    with pytest.raises(PlanInvalid) as exc:
        invoke("-w", str(ws), "status", "2026", "--tanggal", "2026-04-20")
    assert [f.kode for f in exc.value.findings] == ["MONEV-REALISASI"]


def test_monev_commands_through_the_cli(ws):
    r = invoke("-w", str(ws), "monev", "init", "2026", "--periode", "TW2")
    assert r.exit_code == 0, r.output
    assert "plan/2026/monev-TW2.yaml: dibuat dengan" in r.output and "(dibawa dari TW1)" in r.output
    r = invoke("-w", str(ws), "monev", "init", "2026", "-p", "tw2")
    assert "sudah lengkap; tidak ada yang diubah" in r.output
    r = invoke("-w", str(ws), "monev", "2026", "--periode", "TW1", "--tanpa-pdf")
    assert r.exit_code == 0, r.output
    assert str(ws / "out" / "2026" / "monev" / "monev-TW1.docx") in r.output
    assert re.search(r"Triwulan I Tahun 2026: \d+ aksi jatuh tempo", r.output)
    r = invoke("-w", str(ws), "monev", "2026", "--periode", "TW5", "--tanpa-pdf")
    assert r.exit_code == 2 and "bukan periode" in r.output
    r = invoke("monev", "--help")
    assert r.exit_code == 0 and "zidocs monev init TAHUN --periode TW2" in r.output


def test_real_cli_when_registered(ws):
    from zidocs.cli import app, run

    names = typer.main.get_command(app).commands
    if "status" not in names or "monev" not in names:
        pytest.skip("zidocs.cli belum mendaftarkan `zidocs monev` dan `zidocs status`")
    assert run(["-w", str(ws), "status", "2026", "--tanggal", "2026-04-20"]) == 0
    assert run(["-w", str(ws), "monev", "2026", "--periode", "TW1", "--tanpa-pdf"]) == 0
    assert (ws / "out" / "2026" / "monev" / "monev-TW1.docx").is_file()


ENGLISH = ("Show this message", "Usage:", "[OPTIONS]", "COMMAND", "Options", "Arguments", "Commands",
           "[default", "[required]")


@pytest.mark.parametrize("path", [("monev",), ("monev", "init"), ("monev", "laporan"), ("status",)], ids=" ".join)
def test_help_is_in_indonesian_at_80_columns(path):
    result = CliRunner().invoke(make_app(), [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.output
    assert "Pemakaian: " in out and "Tampilkan bantuan ini lalu keluar." in out  # not wrapped
    for word in ENGLISH:
        assert word not in out, word
