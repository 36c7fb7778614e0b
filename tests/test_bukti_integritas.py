"""Store integrity and backup (issue 12, item 5): `bukti periksa`, `ekspor`, `impor`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from fixtures_bukti import make_files, make_plan, write_workspace
from zidocs.cli.common import tampil
from zidocs.bukti.integritas import ArsipTidakSah, ekspor, impor, periksa
from zidocs.bukti.store import BuktiStore, add_bukti
from zidocs.errors import BuktiError

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return make_files(tmp_path_factory.mktemp("integritas"), with_docx=False)


def filled(root: Path, files) -> BuktiStore:
    plan = make_plan()
    store = BuktiStore.open(root)
    add_bukti(store, plan, [files["laporan"], files["foto"]], indikator="V.1.1", now=NOW, keterangan="rapat")
    add_bukti(store, plan, [files["terpotong"]], indikator="V.2.1", now=NOW, tanggal=dt.date(2026, 3, 3))
    add_bukti(store, plan, [files["layar"]], indikator="I.1.1", now=NOW)
    store.remove(4, now=NOW)  # one in the trash: exported and restored too
    return store


def codes(report) -> list[str]:
    return [t.kode for t in report.temuan]


def state(root: Path) -> tuple:
    """Everything that matters of a store: its rows and its blobs' bytes."""
    con = sqlite3.connect(root / "registri.sqlite3")
    rows = (con.execute("SELECT * FROM bukti ORDER BY id").fetchall(),
            con.execute("SELECT * FROM sampah ORDER BY id").fetchall())
    con.close()
    blobs = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "blob").rglob("*") if p.is_file()}
    return rows, blobs


# --- periksa ---------------------------------------------------------------------------------------


def test_periksa_reports_missing_changed_orphaned_and_foreign_files(tmp_path, files):
    store = filled(tmp_path / "bukti", files)
    clean = periksa(store, make_plan())
    assert clean.ok and clean.temuan == () and (clean.catatan, clean.sampah, clean.blob) == (3, 1, 5)
    assert clean.summary() == "Penyimpanan bukti utuh: 3 bukti, 1 di sampah, 5 berkas diperiksa; 0 galat, 0 peringatan."
    e1, e2, e3 = store.entries()
    store.blob_path(e1.sha256).write_bytes(b"%PDF-1.4 diganti")  # changed in place
    store.blob_path(e2.sha256).unlink()  # lost
    orphan = hashlib.sha256(b"yatim").hexdigest()
    store.blob_path(orphan).parent.mkdir(exist_ok=True)
    store.blob_path(orphan).write_bytes(b"yatim")
    (store.blob_dir / "catatan.txt").write_text("bukan blob")
    (store.tmp_dir / ".tmp-sisa").mkdir()
    con = sqlite3.connect(store.db_path)
    con.execute("UPDATE bukti SET indikator = 'V.9.9' WHERE id = ?", (e3.id,))
    con.commit()
    con.close()
    r = periksa(store, make_plan())
    assert not r.ok
    assert sorted(codes(r)) == sorted(["BLOB-BERUBAH", "BLOB-HILANG", "BLOB-YATIM", "BERKAS-ASING", "SISA-KERJA",
                                       "INDIKATOR-LUAR-RENCANA"])
    lines = [t.format() for t in r.temuan]
    assert any(ln.startswith(f"galat BLOB-HILANG: bukti ID {e2.id} (foto.jpg): berkas asli blob/") for ln in lines)
    assert any(ln.startswith(f"galat BLOB-BERUBAH: bukti ID {e1.id} (laporan.pdf): isi berkas asli") for ln in lines)
    assert any(f"blob/{orphan[:2]}/{orphan} tidak dirujuk" in ln and ln.startswith("peringatan") for ln in lines)
    assert r.summary().startswith("Penyimpanan bukti BERMASALAH")
    # periksa changes nothing: the orphan and the leftovers are still there
    assert store.blob_path(orphan).exists() and (store.tmp_dir / ".tmp-sisa").exists()
    # and the next writer does not delete an orphan it did not make
    add_bukti(store, make_plan(), [files["lanskap"]], indikator="V.3.1", now=NOW)
    assert store.blob_path(orphan).exists() and not (store.tmp_dir / ".tmp-sisa").exists()


def test_cli_periksa_exit_codes(tmp_path, files, monkeypatch, capsys):
    from zidocs.cli import run

    write_workspace(tmp_path, make_plan())
    monkeypatch.setenv("ZIDOCS_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("ZIDOCS_BUKTI", raising=False)
    store = filled(tmp_path / "bukti", files)
    assert run(["bukti", "periksa"]) == 0
    assert capsys.readouterr().out.startswith("Penyimpanan bukti utuh: 3 bukti")
    store.blob_path(store.entries()[0].sha256).unlink()
    assert run(["bukti", "periksa"]) == 6
    assert "galat BLOB-HILANG: bukti ID 1 (laporan.pdf)" in capsys.readouterr().out


# --- ekspor / impor ----------------------------------------------------------------------------------


def test_export_import_round_trip_is_exact_and_deterministic(tmp_path, files):
    store = filled(tmp_path / "bukti", files)
    a = ekspor(store, tmp_path / "cadangan.zip", now=NOW)
    assert (a.bukti, a.sampah, a.blob) == (3, 1, 5)
    b = ekspor(store, tmp_path / "lagi.zip", now=NOW)
    assert (tmp_path / "cadangan.zip").read_bytes() == (tmp_path / "lagi.zip").read_bytes() and b.ukuran == a.ukuran
    with zipfile.ZipFile(a.arsip) as zf:
        manifest = json.loads(zf.read("zidocs-bukti.json"))
        assert zf.testzip() is None
        assert zf.namelist()[:2] == ["zidocs-bukti.json", "registri.sqlite3"]
    assert manifest["format"] == "zidocs-bukti-ekspor" and manifest["jumlah"] == {"bukti": 3, "sampah": 1, "blob": 5}
    r = impor(tmp_path / "baru", a.arsip, now=NOW, oleh="Sari")
    assert (r.bukti, r.sampah, r.blob, r.cadangan) == (3, 1, 5, None)
    before_rows, before_blobs = state(store.root)
    rows, blobs = state(tmp_path / "baru")
    assert rows == (before_rows[0], before_rows[1]) and blobs == before_blobs
    new = BuktiStore.open(tmp_path / "baru")
    assert new.riwayat()[-1].aksi == "impor" and new.riwayat()[-1].oleh == "Sari"
    assert periksa(new).ok and new.restore(4).nama_asli == "layar.png"
    assert not any(new.tmp_dir.iterdir())


def test_import_refuses_a_filled_store_unless_asked_and_then_backs_it_up(tmp_path, files):
    store = filled(tmp_path / "bukti", files)
    arsip = ekspor(store, tmp_path / "cadangan.zip", now=NOW).arsip
    other = BuktiStore.open(tmp_path / "lain")
    add_bukti(other, make_plan(), [files["lanskap"]], indikator="V.3.1", now=NOW)
    before = state(other.root)
    with pytest.raises(BuktiError) as exc:
        impor(other.root, arsip, now=NOW)
    assert "sudah berisi 1 catatan; arsip tidak diimpor" in exc.value.message and "--timpa" in tampil(exc.value.message)
    assert state(other.root) == before
    r = impor(other.root, arsip, timpa=True, now=NOW)
    assert r.cadangan == tmp_path / "lain-sebelum-impor-20260501-080000.zip" and r.cadangan.is_file()
    assert state(other.root)[0] == state(store.root)[0]
    assert state(other.root)[1] == state(store.root)[1]  # the replaced store's own blob was swept
    back = impor(tmp_path / "kembali", r.cadangan, now=NOW)  # and the backup restores it
    assert state(back.root) == before


def _rewrite(src: Path, dest: Path, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
    return dest


@pytest.mark.parametrize("how, says", [
    ("blob", "isi blob/"), ("registri", "isi registri.sqlite3 tidak cocok"),
    ("asing", "memuat entri yang tidak tercatat (../../luar.txt)"), ("hilang", "entri yang tercatat tidak ada"),
    ("manifest", "zidocs-bukti.json tidak ada di dalamnya"), ("potong", "bukan arsip ZIP yang sah atau terpotong"),
])
def test_a_damaged_or_foreign_archive_changes_nothing(tmp_path, files, how, says):
    store = filled(tmp_path / "bukti", files)
    good = ekspor(store, tmp_path / "cadangan.zip", now=NOW).arsip
    bad = tmp_path / "rusak.zip"
    first_blob = next(n for n in zipfile.ZipFile(good).namelist() if n.startswith("blob/"))
    if how == "potong":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif how == "asing":
        _rewrite(good, bad, lambda n, d: d)
        with zipfile.ZipFile(bad, "a") as zf:
            zf.writestr("../../luar.txt", "x")
    else:
        def change(name, data):
            if how == "blob" and name == first_blob:
                return data[:-1] + bytes([data[-1] ^ 1])
            if how == "registri" and name == "registri.sqlite3":
                return data[:100] + b"\0" + data[101:]
            if how == "hilang" and name == first_blob:
                return None
            if how == "manifest" and name == "zidocs-bukti.json":
                return None
            return data
        _rewrite(good, bad, change)
    target = tmp_path / "target"
    target_store = BuktiStore.open(target)
    add_bukti(target_store, make_plan(), [files["lanskap"]], indikator="V.3.1", now=NOW)
    before = state(target)
    with pytest.raises(ArsipTidakSah) as exc:
        impor(target, bad, timpa=True, now=NOW)
    assert says in exc.value.message and "Penyimpanan bukti tidak berubah" in exc.value.message
    assert state(target) == before and not list(tmp_path.glob("target-sebelum-impor-*"))
    assert not (tmp_path / "luar.txt").exists()
    assert not any(target_store.tmp_dir.iterdir())


KILL_IMPORT = textwrap.dedent("""
    import sys, datetime as dt
    sys.path[:0] = {paths!r}
    from zidocs.bukti.integritas import impor
    impor(sys.argv[1], sys.argv[2], timpa=True, now=dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc))
""")


@pytest.mark.parametrize("point", ["impor-blob", "impor-registri"])
def test_a_killed_import_leaves_the_old_store_or_the_new_one(tmp_path, files, point):
    store = filled(tmp_path / "bukti", files)
    arsip = ekspor(store, tmp_path / "cadangan.zip", now=NOW).arsip
    target = BuktiStore.open(tmp_path / "target")
    add_bukti(target, make_plan(), [files["lanskap"]], indikator="V.3.1", now=NOW)
    old, new = state(target.root), state(store.root)
    script = tmp_path / "impor.py"
    script.write_text(KILL_IMPORT.format(paths=[str(TESTS.parent), str(TESTS)]))
    proc = subprocess.run([sys.executable, str(script), str(target.root), str(arsip)], capture_output=True,
                          env=dict(os.environ, ZIDOCS_UJI_BUNUH=point))
    assert proc.returncode == -9, proc.stderr.decode()
    rows, _ = state(target.root)
    assert rows == (old[0] if point == "impor-blob" else new[0])
    # the next writer sweeps what the killed import left; the store is then exactly one of the two
    with BuktiStore.open(target.root).lock():
        pass
    assert state(target.root) == (old if point == "impor-blob" else new)
    assert periksa(BuktiStore.open(target.root)).ok
