"""Store integrity and backup: `zidocs bukti periksa`, `ekspor`, `impor`.

Modelled on Paperless-ngx's sanity checker (every document's file present and
matching its checksum; orphaned files reported, never deleted) and its
exporter/importer (one manifest listing every file with its checksum; the
import checks the whole archive before touching anything).

**periksa** holds the writer lock (without sweeping, so that it reports what
it finds) and checks: the registry's own integrity (``PRAGMA
integrity_check``); every row, in force or in the trash — its blob(s)
present, of the recorded size, with the recorded sha256; every file under
``blob/`` — named by a sha256, in the right sub-folder, referenced by a row
(else *yatim*, orphan); leftovers of interrupted work; rows filed under an
indicator the plan does not have; the same content twice under one indicator.

**ekspor** writes one ZIP: ``zidocs-bukti.json`` (format, counts, the
registry's and every blob's sha256 and size), a consistent snapshot of the
registry (SQLite's backup API) and every referenced blob, each hashed again
while it is written. The archive is written beside its target and renamed
into place: it exists whole or not at all. Entries carry a fixed timestamp,
so the same store gives the same bytes.

**impor** verifies the whole archive (manifest, names, the registry's hash,
integrity and schema, every blob's hash, every row's blobs present) into a
staging folder inside the store before changing anything. The switch is one
rename of the registry file over the old one; blobs, being named by their
content, are placed before it (listed as pending in the old registry, so a
kill before the switch leaves the old store whole and the extra blobs are
swept). A store that already holds evidence is replaced only with
``timpa=True``, and then its content is first exported to a backup archive
beside the store.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from zidocs import __version__
from zidocs.office.atomic import atomic_path, fsync_dir
from zidocs.errors import os_reason
from zidocs.bukti.store import (
    CHUNK,
    REGISTRY,
    SCHEMA_VERSION,
    BuktiStore,
    Perubahan,
    _kill_point,
    _log,
    _sqlite,
    _stamp,
    pengguna,
)
from zidocs.errors import BuktiError, InputError
from zidocs.plan.models import Plan

HEX64 = re.compile(r"^[0-9a-f]{64}$")
MANIFEST = "zidocs-bukti.json"
FORMAT = "zidocs-bukti-ekspor"
FORMAT_VERSION = 1
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# --- periksa --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Temuan:
    tingkat: str  # "galat" | "peringatan" | "info"
    kode: str
    pesan: str

    def format(self) -> str:
        return f"{self.tingkat} {self.kode}: {self.pesan}"


@dataclass(frozen=True)
class LaporanPeriksa:
    temuan: tuple[Temuan, ...]
    catatan: int  # rows in force
    sampah: int  # rows in the trash
    blob: int  # files under blob/

    @property
    def galat(self) -> list[Temuan]:
        return [t for t in self.temuan if t.tingkat == "galat"]

    @property
    def peringatan(self) -> list[Temuan]:
        return [t for t in self.temuan if t.tingkat == "peringatan"]

    @property
    def ok(self) -> bool:
        return not self.galat

    def summary(self) -> str:
        state = "utuh" if self.ok and not self.peringatan else ("ada peringatan" if self.ok else "BERMASALAH")
        return (f"Penyimpanan bukti {state}: {self.catatan} bukti, {self.sampah} di sampah, {self.blob} berkas "
                f"diperiksa; {len(self.galat)} galat, {len(self.peringatan)} peringatan.")


def _hash_and_size(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def periksa(store: BuktiStore, plan: Plan | None = None) -> LaporanPeriksa:
    """Check every blob against its hash and the registry; report, change nothing."""
    found: list[Temuan] = []
    with store.lock(sweep=False), store._connect() as con:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            found.append(Temuan("galat", "REGISTRI-RUSAK",
                                f"registri {store.db_path} tidak utuh ({len(problems)} masalah menurut SQLite). "
                                "Pulihkan dari cadangan dengan ⟦bukti-impor|BERKAS.zip⟧."))
        rows = [("bukti", r) for r in con.execute("SELECT * FROM bukti ORDER BY id")]
        rows += [("sampah", r) for r in con.execute("SELECT * FROM sampah ORDER BY id")]
        pending = {r[0] for r in con.execute("SELECT sha256 FROM blob_tertunda")}

        # every file under blob/, hashed once (two threads: hashlib releases the GIL)
        files: dict[str, Path] = {}
        if store.blob_dir.is_dir():
            for sub in sorted(store.blob_dir.iterdir()):
                for path in sorted(sub.iterdir()) if sub.is_dir() else [sub]:
                    rel = path.relative_to(store.root).as_posix()
                    if not path.is_file() or not HEX64.match(path.name) or sub.name != path.name[:2] \
                            or not sub.is_dir():
                        found.append(Temuan("peringatan", "BERKAS-ASING",
                                            f"{rel} bukan berkas bukti (namanya bukan sidik SHA-256 di subfolder "
                                            "yang benar); zidocs tidak memakainya. Pindahkan keluar dari blob/."))
                        continue
                    files[path.name] = path
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            hashed = dict(zip(files, pool.map(_hash_and_size, files.values())))

        referenced: set[str] = set()
        seen_triples: dict[tuple, int] = {}
        for table, r in rows:
            where = f"bukti ID {r['id']}" + (" (di sampah)" if table == "sampah" else "") + f" ({r['nama_asli']})"
            for digest, label, size in ((r["sha256"], "berkas asli", r["ukuran"]),
                                        (r["pdf_sha256"], "PDF turunan", None)):
                if not digest:
                    continue
                referenced.add(digest)
                if digest not in hashed:
                    found.append(Temuan("galat", "BLOB-HILANG",
                                        f"{where}: {label} blob/{digest[:2]}/{digest} tidak ada. Tambahkan ulang "
                                        "berkasnya, atau pulihkan penyimpanan dari cadangan."))
                    continue
                actual, actual_size = hashed[digest]
                if actual != digest:
                    found.append(Temuan("galat", "BLOB-BERUBAH",
                                        f"{where}: isi {label} blob/{digest[:2]}/{digest} tidak cocok dengan sidik "
                                        "SHA-256-nya (rusak atau diubah). Pulihkan dari cadangan atau tambahkan "
                                        "ulang berkas aslinya."))
                elif size is not None and actual_size != size:
                    found.append(Temuan("galat", "UKURAN-BERBEDA",
                                        f"{where}: ukuran tercatat {size} bita, berkasnya {actual_size} bita."))
            if table == "bukti":
                key = (r["tahun"], r["indikator"], r["sha256"])
                if key in seen_triples:
                    found.append(Temuan("peringatan", "DUPLIKAT-CATATAN",
                                        f"bukti ID {r['id']} berisi sama dengan bukti ID {seen_triples[key]} untuk "
                                        f"{r['indikator']}; hapus salah satunya dengan ⟦bukti-remove|ID⟧."))
                seen_triples.setdefault(key, r["id"])
        for digest in sorted(set(hashed) - referenced):
            if digest in pending:
                found.append(Temuan("info", "BLOB-TERTUNDA",
                                    f"blob/{digest[:2]}/{digest} sisa penambahan yang terhenti; dihapus otomatis "
                                    "oleh perubahan berikutnya."))
            else:
                found.append(Temuan("peringatan", "BLOB-YATIM",
                                    f"blob/{digest[:2]}/{digest} tidak dirujuk satu catatan pun (mungkin dari "
                                    "registri yang hilang atau diganti). zidocs tidak menghapusnya; simpan atau "
                                    "hapus sendiri setelah diperiksa."))
        leftovers = sorted(store.tmp_dir.iterdir()) if store.tmp_dir.is_dir() else []
        if leftovers:
            found.append(Temuan("info", "SISA-KERJA",
                                f"{len(leftovers)} berkas/folder kerja sementara di tmp/ dari pekerjaan yang "
                                "terhenti; dihapus otomatis oleh perubahan berikutnya."))
        if plan is not None:
            known = {ref.kunci for ref in plan.indikator_list() if ref.kunci}  # rows hold kunci
            for table, r in rows:
                if table == "bukti" and r["tahun"] == plan.tahun and r["indikator"] not in known:
                    found.append(Temuan("peringatan", "INDIKATOR-LUAR-RENCANA",
                                        f"bukti ID {r['id']} ({r['nama_asli']}) tercatat untuk {r['indikator']}, "
                                        f"yang tidak ada dalam rencana aksi {plan.tahun}; pindahkan dengan "
                                        f"⟦bukti-move|{r['id']}|--indikator|ID⟧."))
    n_bukti = sum(1 for t, _ in rows if t == "bukti")
    return LaporanPeriksa(tuple(found), n_bukti, len(rows) - n_bukti, len(files))


# --- ekspor ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EksporResult:
    arsip: Path
    bukti: int
    sampah: int
    blob: int
    ukuran: int  # bytes of the archive


def ekspor(store: BuktiStore, arsip: Path, *, now: dt.datetime) -> EksporResult:
    """The whole store (registry + every referenced blob) as one verified ZIP archive."""
    with store.lock():
        return _ekspor_locked(store, Path(arsip), now)


def _ekspor_locked(store: BuktiStore, arsip: Path, now: dt.datetime) -> EksporResult:
    arsip = arsip.absolute()
    if arsip.suffix.lower() != ".zip":
        raise InputError(f"Nama arsip ekspor harus berakhiran .zip: {arsip}.")
    with store._fs("menyiapkan ekspor"):
        work = Path(tempfile.mkdtemp(prefix=".tmp-ekspor-", dir=store.tmp_dir))
    try:
        snapshot = work / REGISTRY
        with store._connect() as src:
            dst = sqlite3.connect(snapshot)
            try:
                src.backup(dst)
            finally:
                dst.close()
        with store._connect() as con:
            n_bukti = con.execute("SELECT COUNT(*) FROM bukti").fetchone()[0]
            n_sampah = con.execute("SELECT COUNT(*) FROM sampah").fetchone()[0]
        blobs = sorted(store.referenced_hashes())
        listed = []
        for digest in blobs:
            path = store.blob_path(digest)
            if not path.is_file():
                raise BuktiError(f"Ekspor dibatalkan: berkas bukti blob/{digest[:2]}/{digest} tidak ada. "
                                 "Jalankan ⟦bukti-periksa⟧ untuk rinciannya.")
            listed.append({"sha256": digest, "ukuran": path.stat().st_size})
        reg_sha, reg_size = _hash_and_size(snapshot)
        manifest = {
            "format": FORMAT, "versi": FORMAT_VERSION, "zidocs": __version__, "dibuat": _stamp(now),
            "skema_registri": SCHEMA_VERSION,
            "registri": {"nama": REGISTRY, "sha256": reg_sha, "ukuran": reg_size},
            "jumlah": {"bukti": n_bukti, "sampah": n_sampah, "blob": len(listed)},
            "blob": listed,
        }
        try:
            with atomic_path(arsip) as tmp:
                with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
                    zf.writestr(_info(MANIFEST, zipfile.ZIP_DEFLATED),
                                json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
                    _write_member(zf, snapshot, REGISTRY, reg_sha, zipfile.ZIP_DEFLATED)
                    for item in listed:
                        d = item["sha256"]
                        _write_member(zf, store.blob_path(d), f"blob/{d[:2]}/{d}", d, zipfile.ZIP_STORED)
                with zipfile.ZipFile(tmp) as check:  # structure readable, every entry there
                    if len(check.infolist()) != 2 + len(listed):  # pragma: no cover - zipfile invariant
                        raise BuktiError("Arsip ekspor tidak utuh setelah ditulis; ulangi ekspor.")
        except OSError as exc:
            raise InputError(f"Arsip {arsip} tidak dapat ditulis: {os_reason(exc)}. Periksa izin dan ruang "
                             "disk folder itu; penyimpanan bukti tidak berubah.") from None
        return EksporResult(arsip, n_bukti, n_sampah, len(listed), arsip.stat().st_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _info(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def _write_member(zf: zipfile.ZipFile, path: Path, name: str, expected: str, compress: int) -> None:
    """Copy ``path`` into the archive, hashing what is copied: a blob that changed is not exported."""
    h = hashlib.sha256()
    with open(path, "rb") as fin, zf.open(_info(name, compress), "w", force_zip64=True) as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            fout.write(chunk)
    if h.hexdigest() != expected:
        raise BuktiError(f"Ekspor dibatalkan: isi {name} tidak cocok dengan sidik SHA-256-nya (rusak). "
                         "Jalankan ⟦bukti-periksa⟧ untuk rinciannya.")


# --- impor ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImporResult:
    root: Path
    bukti: int
    sampah: int
    blob: int
    cadangan: Path | None  # where the replaced store was exported first (timpa)


class ArsipTidakSah(BuktiError):
    """The archive is not a complete, unaltered `zidocs bukti ekspor` archive."""


def _refuse(arsip: Path, why: str) -> ArsipTidakSah:
    return ArsipTidakSah(f"Arsip {arsip.name} tidak diimpor: {why}. Penyimpanan bukti tidak berubah. "
                         "Gunakan arsip yang dibuat ⟦bukti-ekspor⟧, utuh (salin ulang bila perlu).")


def impor(root: Path, arsip: Path, *, timpa: bool = False, now: dt.datetime,
          oleh: str | None = None) -> ImporResult:
    """Install an export archive as the store at ``root``: all verified first, then one switch."""
    root, arsip = Path(root), Path(arsip)
    if not arsip.is_file():
        raise InputError(f"Arsip {arsip} tidak ditemukan.")
    try:
        zf = zipfile.ZipFile(arsip)
    except (zipfile.BadZipFile, OSError) as exc:
        why = os_reason(exc) if isinstance(exc, OSError) else "bukan arsip ZIP yang sah atau terpotong"
        raise _refuse(arsip, why) from None
    with zf:
        manifest = _read_manifest(zf, arsip)
        store = BuktiStore(root)
        with store._fs("menyiapkan impor"):
            store.root.mkdir(parents=True, exist_ok=True)
            store.blob_dir.mkdir(exist_ok=True)
            store.tmp_dir.mkdir(exist_ok=True)
        has_registry = store.db_path.exists()
        with store.lock(sweep=has_registry):
            if not has_registry:
                _clear_tmp(store)
            filled = _rows(store) if has_registry else 0
            if filled and not timpa:
                raise BuktiError(
                    f"Penyimpanan bukti {root} sudah berisi {filled} catatan; arsip tidak diimpor. Impor ke "
                    "folder lain dengan ⟦opsi|bukti⟧ FOLDER, atau ganti isinya dengan ⟦opsi|timpa⟧ (isi lamanya "
                    "diekspor dulu ke arsip cadangan di samping penyimpanan).")
            with store._fs("memeriksa arsip"):
                work = Path(tempfile.mkdtemp(prefix=".tmp-impor-", dir=store.tmp_dir))
            try:
                staged = BuktiStore(work)
                counts = _stage(zf, manifest, arsip, staged)
                cadangan = None
                if filled:
                    cadangan = root.parent / f"{root.name}-sebelum-impor-{now.astimezone(dt.timezone.utc):%Y%m%d-%H%M%S}.zip"
                    _ekspor_locked(store, cadangan, now)
                _switch(store, staged, has_registry, arsip, manifest, now, pengguna(oleh))
            finally:
                shutil.rmtree(work, ignore_errors=True)
            store._sweep()  # what the old registry named and the new one does not
    return ImporResult(root, counts[0], counts[1], counts[2], cadangan)


def _rows(store: BuktiStore) -> int:
    with store._connect() as con:
        return (con.execute("SELECT COUNT(*) FROM bukti").fetchone()[0]
                + con.execute("SELECT COUNT(*) FROM sampah").fetchone()[0])


def _clear_tmp(store: BuktiStore) -> None:
    for item in store.tmp_dir.iterdir():
        shutil.rmtree(item, ignore_errors=True) if item.is_dir() else item.unlink(missing_ok=True)


def _read_manifest(zf: zipfile.ZipFile, arsip: Path) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise _refuse(arsip, f"{MANIFEST} tidak ada di dalamnya") from None
    except (ValueError, zipfile.BadZipFile, OSError):
        raise _refuse(arsip, f"{MANIFEST} di dalamnya rusak") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(arsip, "bukan arsip ekspor penyimpanan bukti zidocs")
    if manifest.get("versi") != FORMAT_VERSION or not isinstance(manifest.get("skema_registri"), int):
        raise _refuse(arsip, f"versi arsip {manifest.get('versi')} tidak dikenal zidocs ini (perbarui zidocs)")
    if manifest["skema_registri"] > SCHEMA_VERSION:
        raise _refuse(arsip, f"registrinya berskema {manifest['skema_registri']}, lebih baru dari zidocs ini "
                             "(perbarui zidocs)")
    try:
        blobs = {b["sha256"]: int(b["ukuran"]) for b in manifest["blob"]}
        reg = manifest["registri"]
        _ = (reg["sha256"], int(reg["ukuran"]))
    except (KeyError, TypeError, ValueError):
        raise _refuse(arsip, f"{MANIFEST} di dalamnya tidak lengkap") from None
    if not all(HEX64.match(d) for d in blobs) or not HEX64.match(str(reg["sha256"])):
        raise _refuse(arsip, f"{MANIFEST} memuat sidik yang tidak sah")
    expected = {MANIFEST, REGISTRY} | {f"blob/{d[:2]}/{d}" for d in blobs}
    names = [i.filename for i in zf.infolist()]
    if len(names) != len(set(names)) or set(names) != expected:
        extra = sorted(set(names) - expected)[:3]
        missing = sorted(expected - set(names))[:3]
        detail = (f"memuat entri yang tidak tercatat ({', '.join(extra)})" if extra
                  else f"entri yang tercatat tidak ada ({', '.join(missing)})" if missing
                  else "memuat entri ganda")
        raise _refuse(arsip, detail)
    manifest["_blobs"] = blobs
    return manifest


def _extract(zf: zipfile.ZipFile, name: str, dest: Path, sha: str, size: int, arsip: Path) -> None:
    h = hashlib.sha256()
    n = 0
    try:
        with zf.open(name) as fin, open(dest, "wb") as fout:
            while chunk := fin.read(CHUNK):
                h.update(chunk)
                n += len(chunk)
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:  # CRC mismatch, truncation
        raise _refuse(arsip, f"entri {name} rusak ({'CRC tidak cocok' if 'CRC' in str(exc) else 'terpotong'})") \
            from None
    except OSError as exc:
        raise InputError(f"Arsip {arsip.name} tidak dapat dibongkar ke penyimpanan: {os_reason(exc)}. "
                         "Periksa izin dan ruang disk; penyimpanan bukti tidak berubah.") from None
    if h.hexdigest() != sha or n != size:
        raise _refuse(arsip, f"isi {name} tidak cocok dengan sidik SHA-256 di {MANIFEST}")


def _stage(zf: zipfile.ZipFile, manifest: dict, arsip: Path, staged: BuktiStore) -> tuple[int, int, int]:
    """Unpack and verify everything into ``staged``; nothing outside it changes."""
    reg = manifest["registri"]
    _extract(zf, REGISTRY, staged.db_path, reg["sha256"], int(reg["ukuran"]), arsip)
    try:
        con = sqlite3.connect(staged.db_path)
        try:
            ok = [r[0] for r in con.execute("PRAGMA integrity_check")]
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise _refuse(arsip, f"registri di dalamnya tidak terbaca ({_sqlite(exc)})") from None
    if ok != ["ok"]:
        raise _refuse(arsip, "registri di dalamnya tidak utuh menurut SQLite")
    if version > SCHEMA_VERSION or version < 1:
        raise _refuse(arsip, f"skema registri {version} tidak dikenal")
    staged._migrate()  # an archive of an older zidocs: brought to this schema in the staging copy
    staged.blob_dir.mkdir(exist_ok=True)
    blobs = manifest["_blobs"]
    with staged._connect() as con:
        wanted = {r[0] for r in con.execute(
            "SELECT sha256 FROM bukti UNION SELECT pdf_sha256 FROM bukti WHERE pdf_sha256 IS NOT NULL "
            "UNION SELECT sha256 FROM sampah UNION SELECT pdf_sha256 FROM sampah WHERE pdf_sha256 IS NOT NULL")}
        n_bukti = con.execute("SELECT COUNT(*) FROM bukti").fetchone()[0]
        n_sampah = con.execute("SELECT COUNT(*) FROM sampah").fetchone()[0]
        con.execute("DELETE FROM blob_tertunda")
    missing = sorted(wanted - set(blobs))
    if missing:
        raise _refuse(arsip, f"{len(missing)} berkas yang dirujuk registrinya tidak ada di dalamnya "
                             f"(mis. {missing[0][:12]}…)")
    for digest, size in sorted(blobs.items()):
        target = staged.blob_path(digest)
        target.parent.mkdir(exist_ok=True)
        _extract(zf, f"blob/{digest[:2]}/{digest}", target, digest, size, arsip)
    return n_bukti, n_sampah, len(blobs)


def _switch(store: BuktiStore, staged: BuktiStore, has_registry: bool, arsip: Path, manifest: dict,
            now: dt.datetime, oleh: str) -> None:
    """Place the blobs, then replace the registry in one rename (the commit point)."""
    new_blobs = sorted(manifest["_blobs"])
    with store._fs("memasang arsip"):
        old_refs: set[str] = set()
        if has_registry:
            old_refs = store.referenced_hashes()
            with store._connect() as con:  # (also rolls back any hot journal before the switch)
                con.execute("BEGIN IMMEDIATE")
                con.executemany("INSERT OR IGNORE INTO blob_tertunda (sha256) VALUES (?)",
                                [(d,) for d in new_blobs if d not in old_refs])
                con.execute("COMMIT")
        for digest in new_blobs:
            target = store.blob_path(digest)
            target.parent.mkdir(exist_ok=True)
            os.replace(staged.blob_path(digest), target)
        for sub in {store.blob_path(d).parent for d in new_blobs}:
            fsync_dir(sub)
        _kill_point("impor-blob")
        with staged._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            # the old store's blobs the new registry does not name: swept after the switch
            con.executemany("INSERT OR IGNORE INTO blob_tertunda (sha256) VALUES (?)",
                            [(d,) for d in sorted(old_refs - set(new_blobs))])
            _log(con, _stamp(now), oleh, "impor", None, {
                "arsip": arsip.name, "dibuat": manifest.get("dibuat"), "zidocs": manifest.get("zidocs"),
                "jumlah": manifest.get("jumlah")})
            con.execute("COMMIT")
        with open(staged.db_path, "rb") as fh:
            os.fsync(fh.fileno())
        for leftover in (REGISTRY + "-journal", REGISTRY + "-wal", REGISTRY + "-shm"):
            if (store.root / leftover).exists():  # pragma: no cover - closed cleanly above
                raise BuktiError(f"Registri bukti {store.db_path} sedang dipakai proses lain; ulangi impor "
                                 "setelah proses itu selesai.")
        os.replace(staged.db_path, store.db_path)
        fsync_dir(store.root)
        _kill_point("impor-registri")


# --- riwayat --------------------------------------------------------------------------------

_AKSI = {"tambah": "menambahkan", "hapus": "memindahkan ke sampah", "pulihkan": "memulihkan",
         "pindah": "memindahkan", "ubah": "mengubah", "kosongkan": "menghapus untuk selamanya",
         "impor": "mengimpor", "migrasi": "memperbarui skema registri"}


def format_perubahan(p: Perubahan) -> str:
    """One history line: when, who, what."""
    r = p.rincian
    what = _AKSI.get(p.aksi, p.aksi)
    subject = f"bukti ID {p.bukti_id}" if p.bukti_id is not None else ""
    if p.aksi == "tambah":
        detail = f"{r.get('nama_asli')} untuk {r.get('indikator')}" + (
            f", tanggal kegiatan {r['tanggal']}" if r.get("tanggal") else "")
    elif p.aksi in ("hapus", "pulihkan", "kosongkan"):
        detail = f"{r.get('nama_asli')} ({r.get('indikator')})"
    elif p.aksi in ("pindah", "ubah"):
        detail = "; ".join(f"{k} {_v(a)} → {_v(b)}" for k, (a, b) in sorted(r.items())
                           if k != "indikator_teks")  # kept in the registry; the indicator says it
    elif p.aksi == "impor":
        detail = f"arsip {r.get('arsip')} (dibuat {r.get('dibuat')})"
    elif p.aksi == "migrasi":
        detail = f"skema {r.get('skema_dari')} → {r.get('skema_ke')}"
    else:  # pragma: no cover - future actions
        detail = json.dumps(r, ensure_ascii=False)
    return f"{p.waktu}  {p.oleh}  {what} {subject}{': ' if subject else ''}{detail}"


def _v(value) -> str:
    return f"“{value}”" if isinstance(value, str) and value else ("-" if value in (None, "") else str(value))
