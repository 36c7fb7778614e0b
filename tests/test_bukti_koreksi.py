"""Evidence people can correct (issue 12, item 4): trash and restore, move, edit, activity
dates used by monev, `bukti list --belum`, the history of every change, schema migration."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3

import pytest

from fixtures_bukti import make_files, make_plan, write_workspace
from zidocs.cli.common import tampil
from zidocs.bukti.store import (
    REGISTRY,
    BuktiBentrok,
    BuktiStore,
    BuktiTidakDitemukan,
    TanggalTidakSah,
    add_bukti,
    edit_bukti,
    move_bukti,
    tanggal_bukti,
)
from zidocs.errors import BuktiError, ExitCode
from zidocs.monev.figures import hitung
from zidocs.plan.periode import periode

NOW = dt.datetime(2026, 4, 2, 3, 0, tzinfo=dt.timezone.utc)  # 2 April, 10:00 WIB
WIB = dt.timezone(dt.timedelta(hours=7))
D = dt.date


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return make_files(tmp_path_factory.mktemp("koreksi"), with_docx=False)


@pytest.fixture
def plan():
    return make_plan()


@pytest.fixture
def store(tmp_path):
    return BuktiStore.open(tmp_path / "bukti")


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def k(plan, iid: str) -> str:
    """The kunci the store files indicator ``iid`` under."""
    return next(r.kunci for r in plan.indikator_list() if r.id == iid)


# --- trash ---------------------------------------------------------------------------------------


def test_a_removed_file_is_restored_byte_for_byte(store, plan, files, tmp_path):
    from zidocs.dossier import build_dossier

    e = add_bukti(store, plan, [files["laporan"], files["foto"]], indikator="V.1.1", now=NOW,
                  tanggal=D(2026, 3, 20), keterangan="rapat").items[0].entry
    store.remove(e.id, now=NOW, oleh="Sari")
    assert [x.id for x in store.entries()] == [2]
    (t,) = store.sampah()
    assert (t.entry, t.dihapus_oleh) == (e, "Sari")
    with pytest.raises(BuktiTidakDitemukan, match=f"Bukti ID {e.id} ada di sampah"):
        store.get(e.id)
    # an unrelated write sweeps leftovers: the trashed blob must survive it
    add_bukti(store, plan, [files["lanskap"]], indikator="V.1.2", now=NOW)
    back = store.restore(e.id, now=NOW, oleh="Sari")
    assert back == e and store.get(e.id) == e  # same ID, same row (keterangan, tanggal, hashes)
    assert store.blob_path(e.sha256).read_bytes() == files["laporan"].read_bytes()
    r = build_dossier(store, plan, tmp_path / "out", areas=["V"], tanggal=D(2026, 4, 3))
    assert "laporan.pdf" in [b["nama_asli"] for b in json.loads(r.manifest.read_text())["berkas"]]
    with pytest.raises(BuktiTidakDitemukan, match="tidak ada di sampah \\(bukti itu masih berlaku\\)"):
        store.restore(e.id)


def test_restore_refuses_a_second_copy_under_the_same_indicator(store, plan, files):
    e = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW).items[0].entry
    store.remove(e.id)
    again = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW).items[0].entry
    with pytest.raises(BuktiBentrok) as exc:
        store.restore(e.id)
    assert f"sudah tercatat untuk {k(plan, 'V.1.1')} sebagai bukti ID {again.id}" in exc.value.message
    assert exc.value.exit_code == ExitCode.BUKTI_DITOLAK


def test_emptying_the_trash_is_for_good(store, plan, files):
    a = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW).items[0].entry
    b = add_bukti(store, plan, [files["foto"]], indikator="V.1.1", now=NOW).items[0].entry
    store.remove(a.id)
    store.remove(b.id)
    with pytest.raises(BuktiTidakDitemukan, match="Tidak ada di sampah: ID 9"):
        store.empty_trash([9])
    r = store.empty_trash([a.id], oleh="Sari")
    assert [x.entry.id for x in r.entries] == [a.id] and r.blob_dihapus == (a.sha256,)
    assert not store.blob_path(a.sha256).exists() and store.blob_path(b.sha256).exists()
    with pytest.raises(BuktiTidakDitemukan):
        store.restore(a.id)
    store.empty_trash()
    assert store.sampah() == [] and not any(store.blob_dir.rglob("*/*"))


# --- move, edit, dates -------------------------------------------------------------------------------


def test_move_and_edit(store, plan, files):
    e = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW, keterangan="rapat").items[0].entry
    before, after = move_bukti(store, plan, e.id, "v.2.1", now=NOW, oleh="Budi")
    assert (before.indikator, after.indikator) == (k(plan, "V.1.1"), k(plan, "V.2.1"))  # rows hold kunci
    assert store.get(e.id).indikator == k(plan, "V.2.1") and store.entries()[0].sha256 == e.sha256
    with pytest.raises(BuktiError, match="Indikator 'V.9.9' tidak ada"):
        move_bukti(store, plan, e.id, "V.9.9", now=NOW)
    with pytest.raises(BuktiBentrok, match=f"sudah tercatat untuk {k(plan, 'V.2.1')}"):
        move_bukti(store, plan, e.id, "V.2.1", now=NOW)
    other = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW).items[0].entry
    with pytest.raises(BuktiBentrok, match=f"sudah tercatat untuk {k(plan, 'V.2.1')} sebagai bukti ID {e.id}"):
        move_bukti(store, plan, other.id, "V.2.1", now=NOW)
    _, after = edit_bukti(store, plan, e.id, keterangan="notulen rapat 12 Maret", tanggal=D(2026, 3, 12), now=NOW)
    assert (after.keterangan, after.tanggal) == ("notulen rapat 12 Maret", "2026-03-12")
    _, after = edit_bukti(store, plan, e.id, tanggal=None, now=NOW)
    assert after.tanggal is None and after.keterangan == "notulen rapat 12 Maret"
    with pytest.raises(TanggalTidakSah, match="belum terjadi"):
        edit_bukti(store, plan, e.id, tanggal=D(2026, 4, 3), now=NOW)


def test_activity_date_is_checked_at_add(store, plan, files):
    with pytest.raises(TanggalTidakSah) as exc:
        add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW, tanggal=D(2026, 5, 1))
    assert exc.value.message.startswith("Tanggal kegiatan 2026-05-01 belum terjadi (hari ini 2026-04-02).")
    with pytest.raises(TanggalTidakSah, match="jauh sebelum tahun rencana 2026"):
        add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW, tanggal=D(2024, 12, 31))
    assert store.entries() == []


def test_moving_and_redating_change_the_monev_figures_as_documented(store, plan, files):
    """A file uploaded on 2 April for a March activity counts for TW1 once its tanggal says March;
    moved to another indicator, it counts there and no longer where it was."""
    tw1 = periode("TW1", 2026)

    def counts():
        fig = hitung(plan, tw1, None, tanggal_bukti(store.root, 2026, tz=WIB))
        nobukti = {r.id for r in fig.tanpa_bukti}
        assert nobukti == {r.id for r in fig.baris} - {r.id for r in fig.baris if r.bukti}  # all due in March
        return {r.id: r.bukti for r in fig.baris if r.bukti}

    e = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW).items[0].entry
    assert tanggal_bukti(store.root, 2026, tz=WIB) == {k(plan, "V.1.1"): (D(2026, 4, 2),)}
    assert counts() == {}  # uploaded in April: not evidence for TW1
    edit_bukti(store, plan, e.id, tanggal=D(2026, 3, 28), now=NOW)
    assert counts() == {"V.1.1": 1}
    move_bukti(store, plan, e.id, "V.2.2", now=NOW)
    assert counts() == {"V.2.2": 1}
    f = add_bukti(store, plan, [files["foto"]], indikator="V.2.2", now=NOW, tanggal=D(2026, 1, 15)).items[0].entry
    assert tanggal_bukti(store.root, 2026) == {k(plan, "V.2.2"): (D(2026, 1, 15), D(2026, 3, 28))}
    assert counts() == {"V.2.2": 2}
    store.remove(f.id)  # in the trash: no longer evidence
    assert counts() == {"V.2.2": 1}
    edit_bukti(store, plan, e.id, tanggal=None, now=NOW)
    assert counts() == {}
    assert tanggal_bukti(store.root, 2025) == {}


def test_tanggal_bukti_is_read_only_and_creates_nothing(tmp_path, store, plan, files):
    assert tanggal_bukti(tmp_path / "tidak-ada", 2026) == {} and not (tmp_path / "tidak-ada").exists()
    add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW)
    before = store.db_path.read_bytes()
    assert tanggal_bukti(store.root, 2026, tz=dt.timezone.utc) == {k(plan, "V.1.1"): (D(2026, 4, 2),)}
    assert store.db_path.read_bytes() == before


# --- history -----------------------------------------------------------------------------------------


def test_every_change_is_recorded_with_who_when_what(store, plan, files, monkeypatch):
    op = "Operator Sekretariat"
    e = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW, tanggal=D(2026, 3, 2),
                  oleh=op).items[0].entry
    later = NOW + dt.timedelta(hours=1)
    move_bukti(store, plan, e.id, "V.1.2", now=later, oleh="Budi")
    edit_bukti(store, plan, e.id, keterangan="foto kegiatan", now=later, oleh="Budi")
    store.remove(e.id, now=later, oleh=op)
    store.restore(e.id, now=later, oleh="Sari")
    store.remove(e.id, now=later, oleh=op)
    store.empty_trash(now=later, oleh="Sari")
    log = [(p.aksi, p.oleh, p.bukti_id, p.waktu) for p in store.riwayat()]
    assert log == [
        ("tambah", "Operator Sekretariat", e.id, "2026-04-02T03:00:00+00:00"),
        ("pindah", "Budi", e.id, "2026-04-02T04:00:00+00:00"),
        ("ubah", "Budi", e.id, "2026-04-02T04:00:00+00:00"),
        ("hapus", "Operator Sekretariat", e.id, "2026-04-02T04:00:00+00:00"),
        ("pulihkan", "Sari", e.id, "2026-04-02T04:00:00+00:00"),
        ("hapus", "Operator Sekretariat", e.id, "2026-04-02T04:00:00+00:00"),
        ("kosongkan", "Sari", e.id, "2026-04-02T04:00:00+00:00"),
    ]
    what = {p.aksi: p.rincian for p in store.riwayat(e.id)}
    assert what["pindah"]["indikator"] == [k(plan, "V.1.1"), k(plan, "V.1.2")]
    assert what["ubah"] == {"keterangan": ["", "foto kegiatan"]}
    assert what["tambah"]["sha256"] == e.sha256 and what["tambah"]["tanggal"] == "2026-03-02"
    import getpass

    add_bukti(store, plan, [files["foto"]], indikator="V.1.1", now=NOW)
    assert store.riwayat()[-1].oleh == getpass.getuser()  # the OS user by default


# --- schema migration ------------------------------------------------------------------------------

SCHEMA_1 = """
CREATE TABLE bukti (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tahun INTEGER NOT NULL, indikator TEXT NOT NULL,
    sha256 TEXT NOT NULL, nama_asli TEXT NOT NULL, ukuran INTEGER NOT NULL, media_type TEXT NOT NULL,
    halaman INTEGER NOT NULL, keterangan TEXT NOT NULL DEFAULT '', ditambahkan TEXT NOT NULL,
    pdf_sha256 TEXT, catatan TEXT NOT NULL DEFAULT '');
CREATE INDEX bukti_tahun_indikator ON bukti (tahun, indikator);
CREATE INDEX bukti_sha256 ON bukti (sha256);
PRAGMA user_version = 1;
"""


def test_a_schema_1_registry_is_migrated_keeping_its_rows(tmp_path, plan, files):
    root = tmp_path / "bukti"
    (root / "blob").mkdir(parents=True)
    digest = sha(files["laporan"])
    (root / "blob" / digest[:2]).mkdir()
    (root / "blob" / digest[:2] / digest).write_bytes(files["laporan"].read_bytes())
    con = sqlite3.connect(root / REGISTRY)
    con.executescript(SCHEMA_1)
    con.execute("INSERT INTO bukti (tahun, indikator, sha256, nama_asli, ukuran, media_type, halaman, ditambahkan) "
                "VALUES (2026, 'V.1.1', ?, 'laporan.pdf', ?, 'application/pdf', 3, '2026-03-31T20:00:00+00:00')",
                (digest, files["laporan"].stat().st_size))
    con.commit()
    con.close()
    # monev's reader handles the old schema before migration too
    assert tanggal_bukti(root, 2026, tz=WIB) == {"V.1.1": (D(2026, 4, 1),)}
    store = BuktiStore.open(root)
    (e,) = store.entries()
    assert (e.id, e.nama_asli, e.tanggal) == (1, "laporan.pdf", None)
    con = sqlite3.connect(root / REGISTRY)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 3
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= {
        "bukti", "sampah", "riwayat", "blob_tertunda"}
    con.close()
    (m,) = store.riwayat()
    assert (m.aksi, m.rincian) == ("migrasi", {"skema_dari": 1, "skema_ke": 3})
    store.remove(1)
    store.restore(1)
    add_bukti(store, plan, [files["foto"]], indikator="V.1.1", now=NOW)
    assert [x.id for x in store.entries()] == [1, 2]
    assert store.blob_path(digest).is_file()  # the old blob survived every sweep


def test_a_lost_registry_is_not_silently_replaced_by_an_empty_one(store, plan, files):
    add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW)
    store.db_path.unlink()
    with pytest.raises(BuktiError) as exc:
        BuktiStore.open(store.root)
    assert "tidak ada, padahal" in exc.value.message and "zidocs bukti impor" in tampil(exc.value.message)
    assert store.blob_count() == 1 and not store.db_path.exists()


# --- CLI -----------------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch, plan, capsys):
    from zidocs.cli import run as zidocs_run

    write_workspace(tmp_path, plan)
    monkeypatch.setenv("ZIDOCS_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("ZIDOCS_BUKTI", raising=False)
    monkeypatch.setenv("ZIDOCS_PENGGUNA", "Sari")

    def run(*argv):
        code = zidocs_run(list(map(str, argv)))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_cli_correcting_evidence(cli, files):
    today = dt.date.today()
    earlier = (today - dt.timedelta(days=3)).isoformat()
    code, out, err = cli("bukti", "add", files["laporan"], "-i", "V.1.1", "--tanggal", earlier)
    assert code == 0, err
    code, out, _ = cli("bukti", "list", "--area", "V")
    assert f"{earlier} (kegiatan)" in out
    code, _, err = cli("bukti", "add", files["foto"], "-i", "V.1.1", "--tanggal", "3 Maret")
    assert code == 2 and "bukan tanggal TTTT-BB-HH" in err
    assert cli("bukti", "move", "1", "--indikator", "V.2.1") == (
        0, "Dipindahkan: bukti ID 1 (laporan.pdf) dari V.1.1 ke V.2.1.\n", "")
    code, out, _ = cli("bukti", "edit", "1", "-k", "notulen")
    assert out == "Bukti ID 1: keterangan “-” → “notulen”.\n"
    code, out, _ = cli("bukti", "edit", "1", "--tanpa-tanggal")
    assert out.startswith(f"Bukti ID 1: tanggal kegiatan {earlier} → - (monev memakai tanggal unggah ")
    assert cli("bukti", "edit", "1")[0] == 3  # nothing to change
    assert cli("bukti", "edit", "1", "--tanggal", earlier, "--tanpa-tanggal")[0] == 2
    assert cli("bukti", "remove", "1")[0] == 0
    code, out, _ = cli("bukti", "sampah")
    assert out.splitlines() == [f"ID 1: laporan.pdf (V.2.1), dihapus {today.isoformat()} oleh Sari",
                                "1 bukti di sampah."]
    assert cli("bukti", "restore", "1") == (0, "Dipulihkan: bukti ID 1 (laporan.pdf, V.2.1).\n", "")
    cli("bukti", "remove", "1")
    code, out, _ = cli("bukti", "kosongkan-sampah")
    assert out.splitlines() == ["Akan dihapus: ID 1 (laporan.pdf, V.2.1)",
                                "1 bukti akan dihapus untuk selamanya; jalankan lagi dengan --ya untuk menghapus."]
    assert cli("bukti", "restore", "1")[0] == 0  # still there: nothing was deleted
    cli("bukti", "remove", "1", "--oleh", "Budi")
    assert cli("bukti", "kosongkan-sampah", "--ya")[1] == "Dihapus untuk selamanya: 1 bukti, 1 berkas.\n"
    assert cli("bukti", "sampah")[1] == "Sampah kosong.\n"
    code, out, _ = cli("bukti", "riwayat", "1")
    lines = out.splitlines()
    assert [ln.split("  ")[1:] for ln in lines][:3] == [
        ["Sari", f"menambahkan bukti ID 1: laporan.pdf untuk V.1.1, tanggal kegiatan {earlier}"],
        ["Sari", "memindahkan bukti ID 1: indikator “V.1.1” → “V.2.1”"],
        ["Sari", "mengubah bukti ID 1: keterangan - → “notulen”"]]
    assert "Budi  memindahkan ke sampah bukti ID 1" in out and out.rstrip().endswith(
        "Sari  menghapus untuk selamanya bukti ID 1: laporan.pdf (V.2.1)")


def test_cli_list_belum_shows_what_the_plan_asks(cli, files, plan):
    cli("bukti", "add", files["laporan"], "-i", "V.1.1")
    code, out, _ = cli("bukti", "list", "--belum", "--area", "V")
    assert code == 0
    assert "V.1.1" not in out and "V.1.2" in out and "V.3.1" in out and "Bukti fisik" in out
    assert "Dokumen" in out and "Maret" in out
    assert out.rstrip().endswith("5 dari 6 indikator belum ada buktinya.")
    from zidocs.bukti.listing import belum, listing

    rows = belum(plan, listing(None, plan))
    assert [r.indikator for r in rows] == [r.id for r in plan.indikator_list()]  # no store: all missing
    assert rows[0].bukti_fisik == "Dokumen" and rows[0].target_waktu == "Maret"
