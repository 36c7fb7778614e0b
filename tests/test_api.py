"""The library surface (zidocs.api) used directly, as the web service will:
a Workspace and plain values in, result objects out, nothing printed, no
environment read, and messages that name actions without naming commands."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx import Document
from fixtures_bukti import make_files
from helpers import REPO

from zidocs import api
from zidocs.cli.common import tampil
from zidocs.errors import InputError, PlanInvalid, WorkspaceError
from zidocs.plan.workspace import Workspace

NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def ws(ws_dir: Path, monkeypatch) -> Workspace:
    # The api must not read these: a front end passes what it means.
    monkeypatch.setenv("ZIDOCS_BUKTI", str(ws_dir / "bukan-di-sini"))
    monkeypatch.setenv("ZIDOCS_WORKSPACE", str(ws_dir / "bukan-di-sini"))
    return Workspace(ws_dir)


def test_check_returns_findings_and_prints_nothing(ws, capsys):
    report = api.check(ws, 2026)
    assert report.tahun == 2026 and report.ok()
    assert len(report.errors) == 0 and len(report.warnings) == 31
    assert capsys.readouterr() == ("", "")


def test_keputusan_and_sk(ws, capsys):
    r = api.keputusan(ws, 2026)
    assert [p.name for p in r.paths] == ["keputusan-rencana-aksi.docx", "keputusan-rencana-aksi-salinan.docx"]
    assert r.contoh == []
    text = "\n".join(p.text for p in Document(str(r.paths[1])).paragraphs)
    assert "SALINAN" in text and "NOMOR 9 TAHUN 2026" in text
    sk = api.keputusan(ws, 2026, "tim-kerja")
    assert [p.name for p in sk.paths] == ["sk-tim-kerja.docx", "sk-tim-kerja-salinan.docx"]
    assert "Drs. Hendra Saputra, M.Si." in sk.contoh  # invented sample people are reported, not printed
    assert capsys.readouterr() == ("", "")


def test_unknown_kind_suggests_the_nearest(ws):
    with pytest.raises(InputError) as exc:
        api.keputusan(ws, 2026, "tim")
    assert "Mungkin maksudnya `tim-kerja`?" in exc.value.message


def test_register(ws):
    reg = api.register(ws, 2026)
    assert [(b.nomor, b.jenis) for b in reg.baris] == [(9, "rencana-aksi"), (10, "tim-kerja"), (11, "agen-perubahan")]
    assert reg.nomor_berikutnya == 12


def test_evidence_and_dossier_use_the_workspace_store(ws, tmp_path):
    files = make_files(tmp_path / "berkas", with_docx=False)
    added = api.bukti_add(ws, [files["laporan"]], "V.1.1", keterangan="rapat", tahun=2026, now=NOW)
    entry = added.items[0].entry
    assert api.indikator_ids(ws, 2026)[entry.indikator] == "V.1.1" and entry.keterangan == "rapat"
    assert (ws.root / "bukti" / "registri.sqlite3").is_file()  # not $ZIDOCS_BUKTI
    plan, listing = api.bukti_list(ws, 2026, area="v")
    assert listing.files == 1 and listing.with_evidence == 1
    results = api.dossier(ws, 2026, area="v", tanggal=dt.date(2026, 11, 28))
    assert [r.pdf for r in results] == [ws.dossier_dir(2026) / "dossier-area-V.pdf"]
    later = NOW + dt.timedelta(hours=1)
    before, after = api.bukti_move(ws, entry.id, "V.1.2", now=later, oleh="Sari")
    ids = api.indikator_ids(ws, 2026)  # the store files evidence by kunci
    assert (ids[before.indikator], ids[after.indikator]) == ("V.1.1", "V.1.2")
    _, edited = api.bukti_edit(ws, entry.id, tanggal=dt.date(2026, 3, 2), now=later, oleh="Sari")
    assert edited.tanggal == "2026-03-02" and edited.keterangan == "rapat"
    removed = api.bukti_remove(ws, entry.id, now=later, oleh="Sari")
    assert removed.entry.id == entry.id
    assert api.bukti_list(ws, 2026)[1].files == 0
    assert [r.entry.id for r in api.bukti_sampah(ws)] == [entry.id]
    assert api.indikator_ids(ws, 2026)[api.bukti_restore(ws, entry.id, now=later, oleh="Sari").indikator] == "V.1.2"
    assert [p.aksi for p in api.bukti_riwayat(ws, entry.id)] == ["tambah", "pindah", "ubah", "hapus", "pulihkan"]
    assert api.bukti_periksa(ws, 2026).ok
    _, _, belum = api.bukti_belum(ws, 2026, area="V")
    assert "V.1.2" not in [r.indikator for r in belum] and "V.1.1" in [r.indikator for r in belum]


def test_another_store(ws, tmp_path):
    other = ws.with_bukti(tmp_path / "gudang-lain")
    files = make_files(tmp_path / "berkas", with_docx=False)
    api.bukti_add(other, [files["laporan"]], "I.1.1", now=NOW)
    assert (tmp_path / "gudang-lain" / "registri.sqlite3").is_file()
    assert not (ws.root / "bukti").exists()


def test_monev_init_report_and_status(ws):
    init = api.monev_init(ws, 2026, "TW2")
    assert init.dibuat and init.rel == "plan/2026/monev-TW2.yaml"
    laporan = api.monev_laporan(ws, 2026, "TW1")
    assert laporan.docx == ws.monev_dir(2026) / "monev-TW1.docx" and laporan.docx.is_file()
    st = api.status(ws, 2026, periode="TW1")
    assert st.sumber == "plan/2026/monev-TW1.yaml" and st.contoh
    assert st.figures.total == laporan.figures.total  # one computation for report and status
    day = api.status(ws, 2026, tanggal=dt.date(2026, 4, 1))
    assert day.figures.periode.kode == "POSISI" and day.sumber == "plan/2026/monev-TW2.yaml"


def test_status_wants_one_of_periode_or_tanggal(ws):
    with pytest.raises(InputError):
        api.status(ws, 2026, periode="TW1", tanggal=dt.date(2026, 4, 1))


def test_messages_name_actions_not_commands(ws, tmp_path):
    """A library message names an action; the CLI renders it as a command
    (the web service will render it as a page)."""
    with pytest.raises(WorkspaceError) as exc:
        api.check(Workspace(tmp_path / "kosong"))
    assert "zidocs" not in exc.value.message.replace("zidocs init", "")
    assert "⟦pilih-folder-kerja⟧" in exc.value.message
    assert tampil(exc.value.message).endswith(
        "folder plan/ tidak ditemukan. Jalankan zidocs di folder kerja yang berisi plan/, pakai --workspace DIR, "
        "atau buat folder kerja baru dengan `zidocs init DIR`.")
    (ws.root / "plan" / "2026" / "rencana-aksi.yaml").write_text("area: []\n", encoding="utf-8")
    with pytest.raises(PlanInvalid) as bad:
        api.keputusan(ws, 2026)
    assert "`zidocs" not in bad.value.message
    assert tampil(bad.value.message).endswith("(periksa dengan `zidocs check`).")


def test_buat_folder_kerja(tmp_path):
    written = api.buat_folder_kerja(tmp_path / "kantor-baru")
    assert [p.name for p in written] == ["plan", "templates"]
    new = Workspace(tmp_path / "kantor-baru")
    assert api.check(new).ok()
    assert (new.templates_dir / "keputusan" / "keputusan.docx").read_bytes() == (
        REPO / "templates" / "keputusan" / "keputusan.docx").read_bytes()
    shutil.rmtree(tmp_path / "kantor-baru")
