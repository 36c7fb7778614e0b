"""The evidence store: content-addressed blobs plus an SQLite registry.

Layout of the store folder (``<workspace>/bukti`` unless overridden)::

    registri.sqlite3        one row per (tahun, indikator, file); `indikator` holds the
                            indicator's stable key (`kunci`, zidocs.plan.kunci), never its
                            printed ID; `indikator_teks` its text when the file was attached
    blob/ab/abcdef…         untouched originals and derived PDFs, named by sha256
    tmp/.tmp-…              work in progress (copies being hashed, conversions)
    .kunci                  lock file: one writer at a time

Crash safety. A blob only ever appears under its final name by ``os.replace``
of a complete, fsynced temp file, and registry rows are inserted (one
transaction) only after every blob they name is durable. A kill at any moment
therefore leaves at worst a stray temp file or an unreferenced blob, both of
which the next writer sweeps away; never a row without its blob.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import fcntl
import hashlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from zidocs.bukti.intake import BuktiDitolak, Converter, inspect_file
from zidocs.errors import BuktiError, InputError
from zidocs.errors import aksi, os_reason
from zidocs.plan.kunci import teks_indikator
from zidocs.plan.models import Plan

ENV_STORE = "ZIDOCS_BUKTI"
REGISTRY = "registri.sqlite3"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS bukti (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tahun       INTEGER NOT NULL,
    indikator   TEXT    NOT NULL,          -- the indicator's kunci (ID before `zidocs migrasi`)
    sha256      TEXT    NOT NULL,          -- the untouched original
    nama_asli   TEXT    NOT NULL,          -- as uploaded; never used as a path
    ukuran      INTEGER NOT NULL,
    media_type  TEXT    NOT NULL,
    halaman     INTEGER NOT NULL,
    keterangan  TEXT    NOT NULL DEFAULT '',
    ditambahkan TEXT    NOT NULL,          -- ISO 8601, UTC
    pdf_sha256  TEXT,                      -- derived PDF (conversion/repair), if any
    catatan     TEXT    NOT NULL DEFAULT '', -- the conversion or repair made
    indikator_teks TEXT                    -- the indicator's text when attached
);
CREATE INDEX IF NOT EXISTS bukti_tahun_indikator ON bukti (tahun, indikator);
CREATE INDEX IF NOT EXISTS bukti_sha256 ON bukti (sha256);
"""
CHUNK = 1 << 20


class IndikatorTidakDikenal(BuktiError):
    """The indicator ID given is not in the plan."""


class BuktiDitolakBanyak(BuktiError):
    """One or more files of an add were refused; nothing was added."""

    def __init__(self, refused: Sequence[BuktiDitolak], total: int):
        self.refused = list(refused)
        lines = [f"{len(self.refused)} dari {total} berkas ditolak; tidak ada berkas yang ditambahkan:"]
        lines += [f"  - {r.message}" for r in self.refused]
        super().__init__("\n".join(lines))


class BuktiTidakDitemukan(BuktiError):
    """No registry row with that ID."""


@dataclass(frozen=True)
class BuktiEntry:
    id: int
    tahun: int
    indikator: str
    sha256: str
    nama_asli: str
    ukuran: int
    media_type: str
    halaman: int
    keterangan: str
    ditambahkan: str
    pdf_sha256: str | None
    catatan: str
    indikator_teks: str | None = None  # the indicator's text when attached (None: before keys)


@dataclass(frozen=True)
class AddedItem:
    nama: str
    duplikat: bool  # already registered for this indicator: nothing stored
    entry: BuktiEntry
    sama_dengan: tuple[BuktiEntry, ...] = ()  # same content under other indicators


@dataclass(frozen=True)
class AddResult:
    items: tuple[AddedItem, ...]

    @property
    def ditambahkan(self) -> list[AddedItem]:
        return [i for i in self.items if not i.duplikat]

    @property
    def duplikat(self) -> list[AddedItem]:
        return [i for i in self.items if i.duplikat]


@dataclass(frozen=True)
class RemoveResult:
    entry: BuktiEntry
    blob_dihapus: tuple[str, ...] = field(default=())


def resolve_store_root(workspace: Path, option: Path | None = None) -> Path:
    """``--bukti`` option, else $ZIDOCS_BUKTI, else ``<workspace>/bukti``."""
    if option is not None:
        return Path(option)
    env = os.environ.get(ENV_STORE)
    if env:
        return Path(env)
    return Path(workspace) / "bukti"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


class BuktiStore:
    """Registry + blobs. Reading needs no lock; every mutation holds ``.kunci``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.blob_dir = self.root / "blob"
        self.tmp_dir = self.root / "tmp"
        self.db_path = self.root / REGISTRY

    # --- opening ----------------------------------------------------------

    @classmethod
    def open(cls, root: Path, *, create: bool = True) -> "BuktiStore":
        store = cls(root)
        if not store.db_path.exists():
            if not create:
                raise InputError(
                    f"Penyimpanan bukti belum ada di {store.root}. Tambahkan bukti dulu dengan "
                    "`zidocs bukti add`, atau tunjuk penyimpanan lain dengan --bukti / ZIDOCS_BUKTI."
                )
            try:
                store.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"Folder penyimpanan bukti {store.root} tidak dapat dibuat: {exc}") from exc
        store.blob_dir.mkdir(exist_ok=True)
        store.tmp_dir.mkdir(exist_ok=True)
        with store._connect() as con:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                con.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
            elif "indikator_teks" not in {r[1] for r in con.execute("PRAGMA table_info(bukti)")}:
                con.execute("ALTER TABLE bukti ADD COLUMN indikator_teks TEXT")  # registries before keys
            elif version > SCHEMA_VERSION:
                raise InputError(
                    f"Registri bukti {store.db_path} dibuat oleh zidocs yang lebih baru "
                    f"(skema {version}). Perbarui zidocs."
                )
        return store

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(self.db_path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise InputError(f"Registri bukti {self.db_path} tidak dapat dibuka: {exc}") from exc
        try:
            con.execute("PRAGMA synchronous = FULL")
            con.row_factory = sqlite3.Row
            yield con
        except sqlite3.DatabaseError as exc:
            raise BuktiError(f"Registri bukti {self.db_path} rusak atau tidak terbaca: {exc}") from exc
        finally:
            con.close()

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive writer lock; then sweep what a killed writer left behind."""
        fd = os.open(self.root / ".kunci", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._sweep()
            yield
        finally:
            os.close(fd)

    def _sweep(self) -> None:
        for item in self.tmp_dir.iterdir():
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)
        referenced = self.referenced_hashes()
        for sub in self.blob_dir.iterdir():
            for blob in sub.iterdir() if sub.is_dir() else [sub]:
                if blob.name not in referenced:
                    blob.unlink(missing_ok=True)

    # --- reading ------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        return self.blob_dir / sha256[:2] / sha256

    def entries(self, *, tahun: int | None = None) -> list[BuktiEntry]:
        """Rows in the order added. Rows name indicators by kunci: which area
        one belongs to is the plan's to say (``Plan.indikator_by_kunci``)."""
        sql = "SELECT * FROM bukti"
        where, args = [], []
        if tahun is not None:
            where.append("tahun = ?")
            args.append(tahun)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        with self._connect() as con:
            return [_entry(row) for row in con.execute(sql, args)]

    def get(self, entry_id: int) -> BuktiEntry:
        with self._connect() as con:
            row = con.execute("SELECT * FROM bukti WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise BuktiTidakDitemukan(
                f"Tidak ada bukti dengan ID {entry_id}. Lihat ID yang ada dengan `zidocs bukti list`."
            )
        return _entry(row)

    def referenced_hashes(self) -> set[str]:
        with self._connect() as con:
            rows = con.execute("SELECT sha256 FROM bukti UNION SELECT pdf_sha256 FROM bukti "
                               "WHERE pdf_sha256 IS NOT NULL").fetchall()
        return {r[0] for r in rows}

    # --- writing ------------------------------------------------------------

    def _place_blob(self, temp: Path, sha256: str) -> None:
        """Move a complete temp file to its final content-addressed name."""
        target = self.blob_path(sha256)
        target.parent.mkdir(exist_ok=True)
        with open(temp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
        _fsync_dir(target.parent)

    def add(
        self,
        files: Sequence[Path],
        *,
        indikator: str,
        tahun: int,
        keterangan: str = "",
        now: dt.datetime,
        converter: Converter | None = None,
        indikator_teks: str | None = None,
    ) -> AddResult:
        """Check every file, then store them all or none. ``indikator``: the
        indicator's kunci, checked against the plan by the caller."""
        ditambahkan = now.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()
        with self.lock():
            work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.tmp_dir))
            try:
                staged, refused = [], []
                for n, src in enumerate(files):
                    src = Path(src)
                    wd = work / f"{n:04d}"
                    wd.mkdir()
                    try:
                        copy, digest, size = _copy_hashing(src, wd / "asli")
                        intake = inspect_file(copy, wd, nama=src.name, converter=converter)
                    except BuktiDitolak as exc:
                        refused.append(exc)
                        continue
                    except OSError as exc:
                        refused.append(BuktiDitolak(src.name, f"berkas tidak dapat dibaca ({os_reason(exc)}).",
                                                    "Periksa jalur dan izin berkasnya."))
                        continue
                    staged.append((src.name, copy, digest, size, intake))
                if refused:
                    raise BuktiDitolakBanyak(refused, len(files))
                return self._commit(staged, indikator, tahun, keterangan, ditambahkan, indikator_teks)
            finally:
                shutil.rmtree(work, ignore_errors=True)

    def _commit(self, staged, indikator, tahun, keterangan, ditambahkan, indikator_teks=None) -> AddResult:
        plan: list[tuple] = []
        first_in_batch: dict[str, str] = {}
        with self._connect() as con:
            for nama, copy, digest, size, intake in staged:
                existing = con.execute(
                    "SELECT * FROM bukti WHERE tahun = ? AND indikator = ? AND sha256 = ? ORDER BY id",
                    (tahun, indikator, digest),
                ).fetchone()
                if existing is not None:
                    plan.append(("dup", nama, _entry(existing)))
                    continue
                if digest in first_in_batch:
                    plan.append(("dup-batch", nama, digest))
                    continue
                first_in_batch[digest] = nama
                # blobs first, durable, before any row names them
                self._place_blob(copy, digest)
                pdf_digest = None
                if intake.derived_pdf is not None:
                    pdf_digest = sha256_file(intake.derived_pdf)
                    self._place_blob(intake.derived_pdf, pdf_digest)
                others = tuple(_entry(o) for o in con.execute(
                    "SELECT * FROM bukti WHERE sha256 = ? ORDER BY id", (digest,)))
                plan.append(("new", nama, (digest, size, intake, pdf_digest, others)))
            new_ids: dict[str, int] = {}
            con.execute("BEGIN IMMEDIATE")
            try:
                for kind, nama, payload in plan:
                    if kind != "new":
                        continue
                    digest, size, intake, pdf_digest, _ = payload
                    cur = con.execute(
                        "INSERT INTO bukti (tahun, indikator, sha256, nama_asli, ukuran, media_type, "
                        "halaman, keterangan, ditambahkan, pdf_sha256, catatan, indikator_teks) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (tahun, indikator, digest, nama, size, intake.media_type, intake.halaman,
                         keterangan, ditambahkan, pdf_digest, intake.catatan, indikator_teks),
                    )
                    new_ids[digest] = cur.lastrowid
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            new_entries = {
                digest: _entry(con.execute("SELECT * FROM bukti WHERE id = ?", (rowid,)).fetchone())
                for digest, rowid in new_ids.items()
            }
        items = []
        for kind, nama, payload in plan:
            if kind == "dup":
                items.append(AddedItem(nama, True, payload))
            elif kind == "dup-batch":
                items.append(AddedItem(nama, True, new_entries[payload]))
            else:
                items.append(AddedItem(nama, False, new_entries[payload[0]], payload[4]))
        return AddResult(tuple(items))

    def set_indikator(self, changes: Sequence[tuple[int, str, str | None]]) -> None:
        """Point rows at other indicator references, all in one transaction:
        (row id, indikator, indikator_teks). Used by the migration to keys
        (zidocs.bukti.migrasi); blobs are untouched."""
        if not changes:
            return
        with self.lock(), self._connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                con.executemany("UPDATE bukti SET indikator = ?, indikator_teks = ? WHERE id = ?",
                                [(ind, teks, rid) for rid, ind, teks in changes])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def remove(self, entry_id: int) -> RemoveResult:
        """Remove one registry row; delete a blob only when no row refers to it."""
        with self.lock():
            entry = self.get(entry_id)
            with self._connect() as con:
                con.execute("BEGIN IMMEDIATE")
                con.execute("DELETE FROM bukti WHERE id = ?", (entry_id,))
                con.execute("COMMIT")
            referenced = self.referenced_hashes()
            deleted = []
            for digest in filter(None, (entry.sha256, entry.pdf_sha256)):
                if digest not in referenced:
                    self.blob_path(digest).unlink(missing_ok=True)
                    deleted.append(digest)
            return RemoveResult(entry, tuple(deleted))


def _entry(row: sqlite3.Row) -> BuktiEntry:
    return BuktiEntry(**{k: row[k] for k in row.keys()})


def _copy_hashing(src: Path, dest: Path) -> tuple[Path, str, int]:
    """Copy ``src`` to ``dest`` (a private temp path) while hashing what was copied."""
    h = hashlib.sha256()
    size = 0
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            fout.write(chunk)
            size += len(chunk)
    return dest, h.hexdigest(), size


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- indicators ---------------------------------------------------------------


def normalize_indikator(text: str) -> str:
    parts = [p.strip() for p in text.strip().split(".")]
    if parts:
        parts[0] = parts[0].upper()
    return ".".join(parts)


def check_indikator(plan: Plan, indikator: str):
    """The plan's IndikatorRef for ``indikator``, or an error naming the nearest IDs."""
    wanted = normalize_indikator(indikator)
    refs = plan.indikator_list()
    for ref in refs:
        if ref.id == wanted:
            return ref
    ids = [r.id for r in refs]
    near = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    prefix = wanted.rsplit(".", 1)[0] + "."
    near += [i for i in ids if i.startswith(prefix) and i not in near][: max(0, 5 - len(near))]
    near.sort(key=ids.index)
    saran = f" Indikator terdekat: {', '.join(near)}." if near else ""
    raise IndikatorTidakDikenal(
        f"Indikator '{indikator}' tidak ada dalam rencana aksi tahun {plan.tahun}.{saran} "
        "Lihat semua ID indikator dengan `zidocs bukti list`."
    )


def add_bukti(
    store: BuktiStore,
    plan: Plan,
    files: Sequence[Path],
    *,
    indikator: str,
    keterangan: str = "",
    now: dt.datetime,
    converter: Converter | None = None,
) -> AddResult:
    """Validate the indicator against the plan, then add ``files`` to the store."""
    ref = check_indikator(plan, indikator)
    if not files:
        raise InputError("Tidak ada berkas yang ditambahkan: sebutkan minimal satu berkas.")
    if ref.kunci is None:
        raise InputError(f"Indikator {ref.id} belum berkunci (`kunci:` di rencana-aksi.yaml); "
                         f"tuliskan kuncinya dulu dengan {aksi('migrasi')}.")
    return store.add(files, indikator=ref.kunci, tahun=plan.tahun, keterangan=keterangan,
                     now=now, converter=converter, indikator_teks=teks_indikator(ref.indikator.indikator))
