"""Evidence store and intake, on real files (tests/fixtures_bukti.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fixtures_bukti import make_files, make_plan, write_workspace
from zidocs.cli.common import tampil
from zidocs.bukti.intake import BuktiDitolak, inspect_file, sniff
from zidocs.bukti.store import (
    BuktiDitolakBanyak,
    BuktiStore,
    BuktiTidakDitemukan,
    IndikatorTidakDikenal,
    add_bukti,
    resolve_store_root,
)
from zidocs.errors import BuktiError, ExitCode

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
HEX = set("0123456789abcdef")


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict[str, Path]:
    return make_files(tmp_path_factory.mktemp("bukti-berkas"))


@pytest.fixture(scope="session")
def plan():
    return make_plan()


@pytest.fixture
def store(tmp_path) -> BuktiStore:
    return BuktiStore.open(tmp_path / "bukti")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_store(root: Path) -> list[BuktiStore]:
    """Every row has its blob(s) with the right hash; every blob is named by its hash."""
    store = BuktiStore(root)
    con = sqlite3.connect(root / "registri.sqlite3")
    rows = con.execute("SELECT id, sha256, pdf_sha256 FROM bukti").fetchall()
    con.close()
    for rid, digest, pdf_digest in rows:
        for d in filter(None, (digest, pdf_digest)):
            blob = store.blob_path(d)
            assert blob.is_file(), f"row {rid}: blob {d} missing"
            assert sha(blob) == d, f"row {rid}: blob {d} has other content"
    for sub in (root / "blob").iterdir():
        for blob in sub.iterdir():
            assert set(blob.name) <= HEX and len(blob.name) == 64, f"stray file in blob/: {blob}"
            assert sha(blob) == blob.name, f"blob {blob.name} is incomplete or wrong"
    return rows


# --- intake -------------------------------------------------------------------------------


@pytest.mark.parametrize("key, kind, pages, catatan", [
    ("laporan", "pdf", 3, ""),
    ("rotasi", "pdf", 2, ""),
    ("lanskap", "pdf", 2, ""),
    ("kuitansi", "pdf", 1, ""),
    ("foto", "jpeg", 1, ""),
    ("layar", "png", 1, ""),
    ("skrip", "pdf", 1, ""),
    ("terenkripsi", "pdf", 2, "enkripsi dibuka dengan kata sandi kosong"),
    ("terpotong", "pdf", 2, "diperbaiki dengan qpdf: berkas rusak; penanda akhir berkas (startxref) tidak ada — "
                            "berkas kemungkinan terpotong; tabel rujukan silang (xref) dibangun ulang; "
                            "isi setiap halaman diperiksa: utuh"),
])
def test_intake_accepts(files, tmp_path, key, kind, pages, catatan):
    got = inspect_file(files[key], tmp_path)
    assert (got.kind, got.halaman, got.catatan) == (kind, pages, catatan)
    if catatan:  # a clean derived PDF opens without a password or repair
        import pikepdf

        with pikepdf.open(got.derived_pdf) as pdf:
            assert not pdf.is_encrypted and len(pdf.pages) == pages and not pdf.get_warnings()
    else:
        assert got.derived_pdf is None


def test_intake_converts_docx_keeping_the_original(files, tmp_path):
    before = sha(files["notulen"])
    got = inspect_file(files["notulen"], tmp_path)
    assert got.kind == "docx" and got.halaman == 1
    assert got.catatan == "dikonversi dari DOCX ke PDF dengan LibreOffice"
    assert got.derived_pdf.read_bytes().startswith(b"%PDF-")
    assert sha(files["notulen"]) == before


@pytest.mark.parametrize("key, message", [
    ("kosong", "kosong.pdf: berkas kosong (0 bita). Ambil lagi berkas aslinya"),
    ("foto_palsu", "foto-palsu.pdf: nama berkas berakhiran .pdf (PDF), tetapi isinya gambar JPEG. "
                   "Periksa apakah berkasnya benar; bila benar, ganti akhiran nama menjadi .jpg"),
    ("terkunci", "terkunci.pdf: PDF ini dikunci dengan kata sandi. Buka berkas itu dengan kata sandinya, "
                 "simpan ulang tanpa kata sandi"),
    ("hancur", "hancur.pdf: PDF rusak dan tidak dapat diperbaiki ("),
])
def test_intake_refuses_with_a_clear_message(files, tmp_path, key, message):
    with pytest.raises(BuktiDitolak) as exc:
        inspect_file(files[key], tmp_path)
    assert exc.value.message.startswith(message)
    assert exc.value.exit_code == ExitCode.BUKTI_DITOLAK


def test_intake_refuses_unknown_content_and_names(files, tmp_path):
    txt = tmp_path / "catatan.txt"
    txt.write_text("bukan bukti")
    with pytest.raises(BuktiDitolak, match="jenis isi berkas tidak dikenali"):
        inspect_file(txt, tmp_path)
    noext = tmp_path / "scan"
    shutil.copyfile(files["laporan"], noext)
    with pytest.raises(BuktiDitolak, match="nama berkas tanpa akhiran nama, tetapi isinya PDF"):
        inspect_file(noext, tmp_path)
    upper = tmp_path / "FOTO.JPG"
    shutil.copyfile(files["foto"], upper)
    assert inspect_file(upper, tmp_path).kind == "jpeg"


def test_sniff_reads_content_not_names(files):
    assert [sniff(files[k]) for k in ("laporan", "foto", "layar", "notulen", "foto_palsu")] == \
        ["pdf", "jpeg", "png", "docx", "jpeg"]


# --- store ---------------------------------------------------------------------------------


def test_add_list_and_duplicate(store, plan, files):
    r = add_bukti(store, plan, [files["laporan"], files["foto"]], indikator="v.1.1", keterangan="rapat", now=NOW)
    assert [(i.nama, i.duplikat) for i in r.items] == [("laporan.pdf", False), ("foto.jpg", False)]
    e = r.items[0].entry
    assert (plan.id_of(e.indikator), e.tahun, e.halaman, e.media_type, e.keterangan) == ("V.1.1", 2026, 3, "application/pdf", "rapat")
    assert e.sha256 == sha(files["laporan"]) and e.ukuran == files["laporan"].stat().st_size
    assert e.ditambahkan == "2026-05-01T08:00:00+00:00"
    assert store.blob_path(e.sha256).read_bytes() == files["laporan"].read_bytes()  # untouched copy

    again = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW)
    assert again.items[0].duplikat and again.items[0].entry.id == e.id
    assert len(store.entries()) == 2

    other = add_bukti(store, plan, [files["laporan"]], indikator="V.3.1", now=NOW)
    item = other.items[0]
    assert not item.duplikat and [o.id for o in item.sama_dengan] == [e.id]
    assert len(store.entries()) == 3
    blobs = [b for sub in store.blob_dir.iterdir() for b in sub.iterdir()]
    assert len(blobs) == 2  # the same content is stored once
    check_store(store.root)


def test_add_is_all_or_nothing(store, plan, files):
    with pytest.raises(BuktiDitolakBanyak) as exc:
        add_bukti(store, plan, [files["laporan"], files["kosong"], files["terkunci"]], indikator="V.1.1", now=NOW)
    assert exc.value.message.splitlines()[0] == "2 dari 3 berkas ditolak; tidak ada berkas yang ditambahkan:"
    assert "kosong.pdf: berkas kosong" in exc.value.message and "terkunci.pdf: PDF ini dikunci" in exc.value.message
    assert isinstance(exc.value, BuktiError)
    assert store.entries() == []
    assert not any(store.blob_dir.iterdir()) and not any(store.tmp_dir.iterdir())


def test_derived_pdfs_are_stored_beside_the_original(store, plan, files):
    r = add_bukti(store, plan, [files["terenkripsi"], files["terpotong"], files["notulen"]],
                  indikator="I.1.1", now=NOW)
    for item in r.items:
        e = item.entry
        assert e.pdf_sha256 and e.pdf_sha256 != e.sha256 and e.catatan
        assert store.blob_path(e.sha256).read_bytes() == files[Path(e.nama_asli).stem].read_bytes()
    check_store(store.root)


def test_unknown_indicator_suggests_nearest(store, plan, files):
    with pytest.raises(IndikatorTidakDikenal) as exc:
        add_bukti(store, plan, [files["laporan"]], indikator="V.2.9", now=NOW)
    assert tampil(exc.value.message) == (
        "Indikator 'V.2.9' tidak ada dalam rencana aksi tahun 2026. Indikator terdekat: V.2.1, V.2.2, V.2.3. "
        "Lihat semua ID indikator dengan `zidocs bukti list`.")
    assert exc.value.exit_code == ExitCode.BUKTI_DITOLAK
    assert store.entries() == []


def test_remove_goes_to_the_trash_and_emptying_deletes_a_blob_only_when_unreferenced(store, plan, files):
    a = add_bukti(store, plan, [files["laporan"]], indikator="V.1.1", now=NOW).items[0].entry
    b = add_bukti(store, plan, [files["laporan"]], indikator="V.1.2", now=NOW).items[0].entry
    assert store.remove(a.id).blob_dihapus == ()
    assert store.remove(b.id).blob_dihapus == ()
    assert store.entries() == [] and store.blob_path(b.sha256).is_file()  # kept in the trash
    assert store.empty_trash([a.id]).blob_dihapus == ()  # b still names it
    assert store.blob_path(b.sha256).is_file()
    assert store.empty_trash().blob_dihapus == (b.sha256,)
    assert not store.blob_path(b.sha256).exists()
    with pytest.raises(BuktiTidakDitemukan, match="Tidak ada bukti dengan ID 99"):
        store.remove(99)


def test_uploaded_names_never_decide_paths(store, plan, files, tmp_path):
    odd = tmp_path / "..;rm -rf ~;é .pdf"
    shutil.copyfile(files["laporan"], odd)
    e = add_bukti(store, plan, [odd], indikator="V.1.1", now=NOW).items[0].entry
    assert e.nama_asli == odd.name
    every = [p.relative_to(store.root).as_posix() for p in store.root.rglob("*")]
    assert sorted(every) == sorted([".kunci", "registri.sqlite3", "blob", "tmp",
                                    f"blob/{e.sha256[:2]}", f"blob/{e.sha256[:2]}/{e.sha256}"])


def test_store_root_option_env_and_default(tmp_path, monkeypatch):
    monkeypatch.delenv("ZIDOCS_BUKTI", raising=False)
    assert resolve_store_root(tmp_path) == tmp_path / "bukti"
    monkeypatch.setenv("ZIDOCS_BUKTI", str(tmp_path / "lain"))
    assert resolve_store_root(tmp_path) == tmp_path / "lain"
    assert resolve_store_root(tmp_path, tmp_path / "opsi") == tmp_path / "opsi"


# --- CLI ---------------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch, plan, capsys):
    from zidocs.cli import run as zidocs_run

    write_workspace(tmp_path, plan)
    monkeypatch.setenv("ZIDOCS_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("ZIDOCS_BUKTI", raising=False)

    def run(*argv):
        code = zidocs_run(list(map(str, argv)))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_cli_add_list_remove(cli, files, tmp_path):
    code, out, _ = cli("bukti", "add", files["laporan"], files["foto"], "--indikator", "V.1.1", "-k", "rapat")
    assert code == 0
    assert out.splitlines()[0].startswith("Ditambahkan: laporan.pdf → V.1.1 (ID 1, 3 halaman, sha256 ")
    code, out, _ = cli("bukti", "add", files["laporan"], "--indikator", "V.1.1")
    assert code == 0 and out.strip() == ("Duplikat: laporan.pdf sudah tercatat untuk V.1.1 (ID 1); "
                                         "tidak disimpan lagi.")
    code, out, err = cli("bukti", "add", files["foto_palsu"], "--indikator", "V.1.1")
    assert code == ExitCode.BUKTI_DITOLAK == 6
    assert "foto-palsu.pdf: nama berkas berakhiran .pdf (PDF), tetapi isinya gambar JPEG" in err
    code, _, err = cli("bukti", "add", files["laporan"], "--indikator", "IX.1.1")
    assert code == 6 and "Indikator 'IX.1.1' tidak ada" in err
    code, out, _ = cli("bukti", "list", "--area", "V")
    assert code == 0
    assert "laporan.pdf" in out and "foto.jpg" in out and "belum ada bukti" in out
    assert "1 dari 6 indikator sudah ada buktinya; 2 berkas." in out
    assert (tmp_path / "bukti" / "registri.sqlite3").is_file()
    code, out, _ = cli("bukti", "remove", "1")
    assert code == 0 and out.strip() == (
        "Dipindahkan ke sampah: bukti ID 1 (laporan.pdf, V.1.1). Pulihkan dengan `zidocs bukti restore 1`; "
        "hapus untuk selamanya dengan `zidocs bukti kosongkan-sampah`.")
    code, _, err = cli("bukti", "remove", "1")
    assert code == 6 and "Bukti ID 1 ada di sampah" in err
    code, _, err = cli("bukti", "remove", "7")
    assert code == 6 and "Tidak ada bukti dengan ID 7" in err


def test_cli_help_is_indonesian(cli):
    code, out, _ = cli("bukti", "add", "--help")
    assert code == 0 and "Tambahkan berkas bukti untuk satu indikator" in out and "--keterangan" in out


# --- crash safety ------------------------------------------------------------------------------

KILL_SCRIPT = textwrap.dedent("""
    import sys, itertools
    sys.path[:0] = {paths!r}
    from zidocs.cli import run as zidocs_run
    files = sys.argv[1:]
    print("siap", flush=True)
    inds = ["V.1.1", "V.1.2", "V.2.1", "I.1.1"]
    for n in itertools.count():
        zidocs_run(["bukti", "add", *files, "--indikator", inds[n % 4]])
        if n % 3 == 2:
            zidocs_run(["bukti", "remove", str(n)])
""")


def test_sigkill_during_add_never_corrupts_the_store(files, tmp_path):
    """Writers killed at random moments, four at a time on one store."""
    big = tmp_path / "besar.pdf"  # a few MB widen the copy/hash/fsync window
    data = files["laporan"].read_bytes()
    big.write_bytes(data + b"\n%" + os.urandom(4 << 20).hex().encode()[: 6 << 20] + b"\n")
    script = tmp_path / "penulis.py"
    tests_dir = Path(__file__).parent
    script.write_text(KILL_SCRIPT.format(paths=[str(tests_dir.parent), str(tests_dir)]))
    write_workspace(tmp_path / "ws", make_plan())
    env = dict(os.environ, ZIDOCS_WORKSPACE=str(tmp_path / "ws"), ZIDOCS_BUKTI=str(tmp_path / "bukti"))
    args = [sys.executable, str(script), str(big), str(files["laporan"]), str(files["foto"]),
            str(files["terpotong"])]
    # Kill windows scale with this machine's speed: first time one writer to its
    # first completed add, then kill anywhere in twice that time.
    first = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert first.stdout.readline().strip() == b"siap"
    t0, db = time.monotonic(), tmp_path / "bukti" / "registri.sqlite3"
    while time.monotonic() - t0 < 120 and not (db.exists() and BuktiStore.open(db.parent).entries()):
        time.sleep(0.02)
    add_time = time.monotonic() - t0
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert BuktiStore.open(db.parent).entries(), "one writer alone never completed an add"
    rng = random.Random(5)
    trials = 0
    for _batch in range(10):
        procs = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                 for _ in range(4)]
        for p in procs:
            assert p.stdout.readline().strip() == b"siap"
        for p in procs:
            time.sleep(rng.uniform(0, 2 * add_time))
            p.send_signal(signal.SIGKILL)
            p.wait()
            trials += 1
        check_store(tmp_path / "bukti")
    assert trials == 40
    # the next writer sweeps temp files and unreferenced blobs; the store stays usable
    store = BuktiStore.open(tmp_path / "bukti")
    add_bukti(store, make_plan(), [files["lanskap"]], indikator="V.3.1", now=NOW)
    assert not any(store.tmp_dir.iterdir())
    rows = check_store(store.root)
    referenced = {d for _, a, b in rows for d in (a, b) if d}
    assert {b.name for sub in store.blob_dir.iterdir() for b in sub.iterdir()} == referenced
    assert any(e.nama_asli == "besar.pdf" for e in store.entries()), "no add ever completed"


def test_missing_libreoffice_is_a_conversion_error_not_a_refusal(store, plan, files, monkeypatch):
    from zidocs.errors import ConversionError

    monkeypatch.setenv("ZIDOCS_SOFFICE", "/tidak/ada/soffice")
    with pytest.raises(ConversionError) as exc:
        add_bukti(store, plan, [files["notulen"]], indikator="V.1.1", now=NOW)
    assert exc.value.exit_code == ExitCode.KONVERSI and "ZIDOCS_SOFFICE" in exc.value.message
    assert store.entries() == []


def test_cli_list_without_a_store_creates_nothing(cli, tmp_path):
    code, out, _ = cli("bukti", "list")  # 9 of the fixture + 3 filler areas II–IV
    assert code == 0 and "0 dari 12 indikator sudah ada buktinya; 0 berkas." in out
    assert not (tmp_path / "bukti").exists()


def test_aes_encrypted_pdf_with_empty_password_is_accepted(files, tmp_path):
    """AES-256 (pypdf alone cannot open it without `cryptography`; qpdf can)."""
    import pikepdf

    aes = tmp_path / "aes.pdf"
    with pikepdf.open(files["laporan"]) as pdf:
        pdf.save(aes, encryption=pikepdf.Encryption(user="", owner="pemilik", R=6))
    got = inspect_file(aes, tmp_path)
    assert (got.halaman, got.catatan) == (3, "enkripsi dibuka dengan kata sandi kosong")
    locked = tmp_path / "aes-terkunci.pdf"
    with pikepdf.open(files["laporan"]) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="rahasia", owner="pemilik", R=6))
    with pytest.raises(BuktiDitolak, match="dikunci dengan kata sandi"):
        inspect_file(locked, tmp_path)
