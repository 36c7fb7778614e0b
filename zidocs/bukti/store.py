"""The evidence store: content-addressed blobs plus an SQLite registry.

Layout of the store folder (``<workspace>/bukti`` unless overridden)::

    registri.sqlite3        the registry (tables below)
    blob/ab/abcdef…         untouched originals and derived PDFs, named by sha256
    tmp/.tmp-…              work in progress (copies being hashed, conversions)
    .kunci                  lock file: one writer at a time

Registry tables (schema 2): ``bukti`` — the evidence in force, one row per
(tahun, indikator, file); ``sampah`` — removed evidence, kept with its blobs
until the trash is emptied on purpose; ``riwayat`` — every change (who, when,
what); ``blob_tertunda`` — blobs an unfinished operation may have left
unreferenced. A registry of schema 1 is migrated in one transaction when
opened.

Crash safety. A blob only ever appears under its final name by ``os.replace``
of a complete, fsynced temp file. Before an add places a blob, its hash is
committed to ``blob_tertunda``; the rows naming it and the removal from
``blob_tertunda`` are committed together, after every blob is durable. A kill
at any moment therefore leaves at worst a stray temp file or an unreferenced
blob listed in ``blob_tertunda``, which the next writer sweeps away; never a
row without its blob. A blob that is unreferenced but *not* listed (a store
whose registry was lost or replaced) is never deleted automatically:
`zidocs bukti periksa` reports it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import fcntl
import getpass
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterator, Sequence

from zidocs.office.atomic import fsync_dir
from zidocs.plan.kunci import teks_indikator
from zidocs.errors import aksi, os_reason
from zidocs.bukti.intake import BuktiDitolak, Converter, inspect_file
from zidocs.errors import BuktiError, InputError
from zidocs.plan.models import Plan

ENV_STORE = "ZIDOCS_BUKTI"
ENV_PENGGUNA = "ZIDOCS_PENGGUNA"
REGISTRY = "registri.sqlite3"
SCHEMA_VERSION = 3
# columns of ``bukti`` (and ``sampah``):
#   indikator    opaque key of the plan's indicator
#   sha256       the untouched original
#   nama_asli    as uploaded; never used as a path
#   ditambahkan  ISO 8601, UTC
#   pdf_sha256   derived PDF (conversion/repair), if any
#   catatan      the conversion or repair made
#   tanggal      activity date TTTT-BB-HH, if given (schema 2)
#   indikator    the indicator's stable key (`kunci`, zidocs.plan.kunci), never its printed ID
#                (a printed ID only in registries from before `zidocs migrasi`)
#   indikator_teks  the indicator's text when the file was attached (schema 3)
_BUKTI_COLUMNS = """
    tahun       INTEGER NOT NULL,
    indikator   TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    nama_asli   TEXT    NOT NULL,
    ukuran      INTEGER NOT NULL,
    media_type  TEXT    NOT NULL,
    halaman     INTEGER NOT NULL,
    keterangan  TEXT    NOT NULL DEFAULT '',
    ditambahkan TEXT    NOT NULL,
    pdf_sha256  TEXT,
    catatan     TEXT    NOT NULL DEFAULT '',
    tanggal     TEXT,
    indikator_teks TEXT
"""
_SCHEMA_2_TABLES = f"""
CREATE TABLE IF NOT EXISTS sampah (
    id          INTEGER PRIMARY KEY,
    {_BUKTI_COLUMNS.strip()},
    dihapus     TEXT    NOT NULL,
    dihapus_oleh TEXT   NOT NULL
);
CREATE TABLE IF NOT EXISTS riwayat (
    no          INTEGER PRIMARY KEY AUTOINCREMENT,
    waktu       TEXT    NOT NULL,
    oleh        TEXT    NOT NULL,
    aksi        TEXT    NOT NULL,
    bukti_id    INTEGER,
    rincian     TEXT    NOT NULL DEFAULT '{{}}'
);
CREATE INDEX IF NOT EXISTS riwayat_bukti ON riwayat (bukti_id);
CREATE TABLE IF NOT EXISTS blob_tertunda (
    sha256      TEXT PRIMARY KEY
);
"""
# sampah: removed rows, under the ID they had (and get back on restore); dihapus ISO 8601 UTC.
# riwayat: waktu ISO 8601 UTC; oleh the OS user or the name passed in; aksi one of tambah, hapus,
#   pulihkan, pindah, ubah, kosongkan, impor, migrasi; rincian JSON of what changed.
# blob_tertunda: blobs an unfinished operation may have left unreferenced.
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS bukti (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    {_BUKTI_COLUMNS.strip()}
);
CREATE INDEX IF NOT EXISTS bukti_tahun_indikator ON bukti (tahun, indikator);
CREATE INDEX IF NOT EXISTS bukti_sha256 ON bukti (sha256);
{_SCHEMA_2_TABLES}"""
MIGRATIONS = {  # from version → SQL bringing it to version + 1
    1: "ALTER TABLE bukti ADD COLUMN tanggal TEXT;\n" + _SCHEMA_2_TABLES.replace(",\n    indikator_teks TEXT", ""),
    2: "ALTER TABLE bukti ADD COLUMN indikator_teks TEXT;\nALTER TABLE sampah ADD COLUMN indikator_teks TEXT;",
}
CHUNK = 1 << 20
TETAP = object()  # edit(): leave this field as it is


def pengguna(nama: str | None = None) -> str:
    """Who makes a change: the name the front end passes (the CLI's --oleh /
    $ZIDOCS_PENGGUNA, the web's logged-in user), else the OS user."""
    if nama and nama.strip():
        return nama.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return f"uid {os.getuid()}"


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


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


class BuktiBentrok(BuktiError):
    """A change would file the same content twice under one indicator."""


class PenyimpananGagal(InputError):
    """The file system refused a write to the store (exit 3, like other OS errors)."""


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
    tanggal: str | None = None  # activity date TTTT-BB-HH, if given
    indikator_teks: str | None = None  # the indicator's text when attached (None: before keys)

    def tanggal_efektif(self, tz: dt.tzinfo | None = None) -> dt.date:
        """The activity date if given, else the local date it was added (``tz``; default local)."""
        if self.tanggal:
            return dt.date.fromisoformat(self.tanggal)
        return tanggal_lokal(self.ditambahkan, tz)


ENTRY_COLUMNS = tuple(f.name for f in fields(BuktiEntry))


@dataclass(frozen=True)
class SampahEntry:
    entry: BuktiEntry
    dihapus: str
    dihapus_oleh: str


@dataclass(frozen=True)
class Perubahan:
    """One line of the registry's history."""

    no: int
    waktu: str
    oleh: str
    aksi: str
    bukti_id: int | None
    rincian: dict


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
    blob_dihapus: tuple[str, ...] = field(default=())  # always () now: removed evidence goes to the trash


@dataclass(frozen=True)
class EmptyResult:
    entries: tuple[SampahEntry, ...]
    blob_dihapus: tuple[str, ...]


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
            blobs = store.blob_count()
            if not create and not blobs:
                raise InputError(
                    f"Penyimpanan bukti belum ada di {store.root}. Tambahkan bukti dulu dengan "
                    "⟦bukti-add⟧, atau ⟦pilih-gudang-bukti⟧."
                )
            if blobs:
                raise BuktiError(
                    f"Registri bukti {store.db_path} tidak ada, padahal {store.blob_dir} berisi {blobs} "
                    "berkas bukti. zidocs tidak membuat registri kosong di atasnya (berkas itu akan "
                    "terlihat yatim). Kembalikan registri.sqlite3 dari cadangan, atau pulihkan seluruh "
                    "penyimpanan dengan ⟦bukti-impor|BERKAS.zip⟧."
                )
            try:
                store.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise PenyimpananGagal(f"Folder penyimpanan bukti {store.root} tidak dapat dibuat: "
                                       f"{os_reason(exc)}.") from None
        with store._fs("membuka penyimpanan"):
            store.blob_dir.mkdir(exist_ok=True)
            store.tmp_dir.mkdir(exist_ok=True)
        store._migrate()
        return store

    def blob_count(self) -> int:
        if not self.blob_dir.is_dir():
            return 0
        return sum(1 for sub in self.blob_dir.iterdir() for _ in (sub.iterdir() if sub.is_dir() else [sub]))

    def _migrate(self) -> None:
        with self._connect() as con:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"Registri bukti {self.db_path} dibuat oleh zidocs yang lebih baru "
                    f"(skema {version}). Perbarui zidocs."
                )
            con.execute("BEGIN IMMEDIATE")
            try:
                version = con.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
                start = version
                if version == 0:
                    _run_script(con, SCHEMA)
                    version = SCHEMA_VERSION
                while version < SCHEMA_VERSION:
                    _run_script(con, MIGRATIONS[version])
                    version += 1
                if start not in (0, SCHEMA_VERSION):
                    con.execute("INSERT INTO riwayat (waktu, oleh, aksi, bukti_id, rincian) VALUES (?, ?, ?, NULL, ?)",
                                (_stamp(dt.datetime.now(dt.timezone.utc)), pengguna(), "migrasi",
                                 json.dumps({"skema_dari": start, "skema_ke": SCHEMA_VERSION})))
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _connect(self, *, readonly: bool = False) -> Iterator[sqlite3.Connection]:
        try:
            if readonly:
                con = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True,
                                      isolation_level=None, timeout=30)
            else:
                con = sqlite3.connect(self.db_path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise InputError(f"Registri bukti {self.db_path} tidak dapat dibuka ({_sqlite(exc)}).") from None
        try:
            con.execute("PRAGMA synchronous = FULL")
            con.row_factory = sqlite3.Row
            yield con
        except sqlite3.DatabaseError as exc:
            raise BuktiError(f"Registri bukti {self.db_path} rusak atau tidak terbaca ({_sqlite(exc)}). "
                             "Periksa dengan ⟦bukti-periksa⟧; pulihkan dari cadangan dengan "
                             "⟦bukti-impor⟧.") from None
        finally:
            con.close()

    @contextlib.contextmanager
    def _fs(self, what: str) -> Iterator[None]:
        """OS errors while writing the store: one Indonesian message naming the store, no temp path."""
        try:
            yield
        except OSError as exc:
            raise PenyimpananGagal(
                f"Penyimpanan bukti {self.root}: {os_reason(exc)} saat {what}. Periksa izin dan "
                "ruang disk folder itu, lalu ulangi; catatan bukti tidak berubah."
            ) from None

    @contextlib.contextmanager
    def lock(self, *, sweep: bool = True) -> Iterator[None]:
        """Exclusive writer lock; then (``sweep``) clear what a killed writer left behind."""
        with self._fs("mengunci penyimpanan"):
            fd = os.open(self.root / ".kunci", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if sweep:
                self._sweep()
            yield
        finally:
            os.close(fd)

    def _sweep(self) -> None:
        with self._fs("membersihkan sisa pekerjaan yang terhenti"):
            for item in self.tmp_dir.iterdir():
                if item.is_dir():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink(missing_ok=True)
            with self._connect() as con:
                pending = [r[0] for r in con.execute("SELECT sha256 FROM blob_tertunda")]
            if not pending:
                return
            referenced = self.referenced_hashes()
            for digest in pending:
                if digest not in referenced:
                    self.blob_path(digest).unlink(missing_ok=True)
            with self._connect() as con:
                con.execute("BEGIN IMMEDIATE")
                con.executemany("DELETE FROM blob_tertunda WHERE sha256 = ?", [(d,) for d in pending])
                con.execute("COMMIT")

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
            in_trash = row is None and con.execute("SELECT 1 FROM sampah WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            if in_trash:
                raise BuktiTidakDitemukan(
                    f"Bukti ID {entry_id} ada di sampah. Pulihkan dulu dengan ⟦bukti-restore|{entry_id}⟧.")
            raise BuktiTidakDitemukan(
                f"Tidak ada bukti dengan ID {entry_id}. Lihat ID yang ada dengan ⟦bukti-list⟧."
            )
        return _entry(row)

    def sampah(self) -> list[SampahEntry]:
        with self._connect() as con:
            return [_sampah(row) for row in con.execute("SELECT * FROM sampah ORDER BY id")]

    def riwayat(self, bukti_id: int | None = None) -> list[Perubahan]:
        sql, args = "SELECT * FROM riwayat", ()
        if bukti_id is not None:
            sql, args = sql + " WHERE bukti_id = ?", (bukti_id,)
        with self._connect() as con:
            return [Perubahan(r["no"], r["waktu"], r["oleh"], r["aksi"], r["bukti_id"], json.loads(r["rincian"]))
                    for r in con.execute(sql + " ORDER BY no", args)]

    def referenced_hashes(self) -> set[str]:
        """Every blob a row names, in force or in the trash."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT sha256 FROM bukti UNION SELECT pdf_sha256 FROM bukti WHERE pdf_sha256 IS NOT NULL "
                "UNION SELECT sha256 FROM sampah UNION SELECT pdf_sha256 FROM sampah "
                "WHERE pdf_sha256 IS NOT NULL").fetchall()
        return {r[0] for r in rows}

    def tanggal_bukti(self, tahun: int, tz: dt.tzinfo | None = None) -> dict[str, tuple[dt.date, ...]]:
        """{indikator: effective dates} of the evidence in force (see :func:`tanggal_bukti`)."""
        return tanggal_bukti(self.root, tahun, tz=tz)

    # --- writing ------------------------------------------------------------

    def _place_blob(self, temp: Path, sha256: str) -> None:
        """Move a complete temp file to its final content-addressed name."""
        target = self.blob_path(sha256)
        target.parent.mkdir(exist_ok=True)
        with open(temp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)

    def add(
        self,
        files: Sequence[Path],
        *,
        indikator: str,
        tahun: int,
        keterangan: str = "",
        now: dt.datetime,
        converter: Converter | None = None,
        tanggal: dt.date | None = None,
        terima_rusak: bool = False,
        oleh: str | None = None,
        indikator_teks: str | None = None,
    ) -> AddResult:
        """Check every file, then store them all or none. ``indikator``: the
        indicator's kunci, checked against the plan by the caller."""
        ditambahkan = _stamp(now)
        with self.lock():
            with self._fs("menyiapkan folder kerja"):
                work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.tmp_dir))
            try:
                staged, refused = [], []
                for n, src in enumerate(files):
                    src = Path(src)
                    wd = work / f"{n:04d}"
                    wd.mkdir()
                    try:
                        copy, digest, size = self._copy_hashing(src, wd / "asli")
                        intake = inspect_file(copy, wd, nama=src.name, converter=converter,
                                              terima_rusak=terima_rusak)
                    except BuktiDitolak as exc:
                        refused.append(exc)
                        continue
                    staged.append((src.name, copy, digest, size, intake))
                if refused:
                    raise BuktiDitolakBanyak(refused, len(files))
                with self._fs("menyimpan berkas bukti"):
                    return self._commit(staged, indikator, tahun, keterangan, ditambahkan,
                                        tanggal.isoformat() if tanggal else None, pengguna(oleh), indikator_teks)
            finally:
                shutil.rmtree(work, ignore_errors=True)

    def _copy_hashing(self, src: Path, dest: Path) -> tuple[Path, str, int]:
        """Copy ``src`` to ``dest`` (a private temp path) while hashing what was copied.
        A source that cannot be read is refused; a store that cannot be written is an OS error."""
        h = hashlib.sha256()
        size = 0
        try:
            fin = open(src, "rb")
        except OSError as exc:
            raise BuktiDitolak(src.name, f"berkas tidak dapat dibaca ({os_reason(exc)}).",
                               "Periksa jalur dan izin berkasnya.") from None
        with fin, self._fs(f"menyalin {src.name}"), open(dest, "wb") as fout:
            while True:
                try:
                    chunk = fin.read(CHUNK)
                except OSError as exc:
                    raise BuktiDitolak(src.name, f"berkas tidak dapat dibaca ({os_reason(exc)}).",
                                       "Periksa berkas dan medianya, lalu salin ulang.") from None
                if not chunk:
                    break
                h.update(chunk)
                fout.write(chunk)
                size += len(chunk)
        return dest, h.hexdigest(), size

    def _commit(self, staged, indikator, tahun, keterangan, ditambahkan, tanggal, oleh,
                indikator_teks=None) -> AddResult:
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
                pdf_digest = sha256_file(intake.derived_pdf) if intake.derived_pdf is not None else None
                others = tuple(_entry(o) for o in con.execute(
                    "SELECT * FROM bukti WHERE sha256 = ? ORDER BY id", (digest,)))
                plan.append(("new", nama, (digest, size, intake, pdf_digest, others, copy)))
            new = [payload for kind, _, payload in plan if kind == "new"]
            placing = sorted({d for p in new for d in (p[0], p[3]) if d})
            # 1. the blobs about to be placed are recorded as pending ...
            con.execute("BEGIN IMMEDIATE")
            con.executemany("INSERT OR IGNORE INTO blob_tertunda (sha256) VALUES (?)", [(d,) for d in placing])
            con.execute("COMMIT")
            _kill_point("tambah-tertunda")
            # 2. ... then placed, durable, before any row names them
            for digest, _, intake, pdf_digest, _, copy in new:
                self._place_blob(copy, digest)
                if pdf_digest is not None:
                    self._place_blob(intake.derived_pdf, pdf_digest)
            _kill_point("tambah-blob")
            # 3. rows, history and "no longer pending" in one transaction
            new_ids: dict[str, int] = {}
            con.execute("BEGIN IMMEDIATE")
            try:
                for kind, nama, payload in plan:
                    if kind != "new":
                        continue
                    digest, size, intake, pdf_digest, _, _ = payload
                    cur = con.execute(
                        "INSERT INTO bukti (tahun, indikator, sha256, nama_asli, ukuran, media_type, "
                        "halaman, keterangan, ditambahkan, pdf_sha256, catatan, tanggal, indikator_teks) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (tahun, indikator, digest, nama, size, intake.media_type, intake.halaman,
                         keterangan, ditambahkan, pdf_digest, intake.catatan, tanggal, indikator_teks),
                    )
                    new_ids[digest] = cur.lastrowid
                    _log(con, ditambahkan, oleh, "tambah", cur.lastrowid, {
                        "tahun": tahun, "indikator": indikator, "nama_asli": nama, "sha256": digest,
                        "tanggal": tanggal, "keterangan": keterangan, "catatan": intake.catatan})
                con.executemany("DELETE FROM blob_tertunda WHERE sha256 = ?", [(d,) for d in placing])
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

    def remove(self, entry_id: int, *, now: dt.datetime | None = None, oleh: str | None = None) -> RemoveResult:
        """Move one row to the trash (``sampah``); its blobs stay until the trash is emptied."""
        when = _stamp(now or dt.datetime.now(dt.timezone.utc))
        who = pengguna(oleh)
        with self.lock(), self._connect() as con, _immediate(con):
            row = con.execute("SELECT * FROM bukti WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                self.get(entry_id)  # raises the right message
            entry = _entry(row)
            cols = ", ".join(ENTRY_COLUMNS)
            con.execute(f"INSERT INTO sampah ({cols}, dihapus, dihapus_oleh) "
                        f"SELECT {cols}, ?, ? FROM bukti WHERE id = ?", (when, who, entry_id))
            con.execute("DELETE FROM bukti WHERE id = ?", (entry_id,))
            _log(con, when, who, "hapus", entry_id, {"indikator": entry.indikator, "nama_asli": entry.nama_asli,
                                                     "sha256": entry.sha256})
        return RemoveResult(entry, ())

    def restore(self, entry_id: int, *, now: dt.datetime | None = None, oleh: str | None = None) -> BuktiEntry:
        """Bring a removed row back from the trash, under its old ID."""
        when = _stamp(now or dt.datetime.now(dt.timezone.utc))
        who = pengguna(oleh)
        with self.lock(), self._connect() as con, _immediate(con):
            row = con.execute("SELECT * FROM sampah WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                active = con.execute("SELECT 1 FROM bukti WHERE id = ?", (entry_id,)).fetchone()
                raise BuktiTidakDitemukan(
                    f"Bukti ID {entry_id} tidak ada di sampah" + (" (bukti itu masih berlaku)." if active else
                    ". Lihat isi sampah dengan ⟦bukti-sampah⟧."))
            entry = _sampah(row).entry
            same = con.execute("SELECT id FROM bukti WHERE tahun = ? AND indikator = ? AND sha256 = ?",
                               (entry.tahun, entry.indikator, entry.sha256)).fetchone()
            if same is not None:
                raise BuktiBentrok(
                    f"Bukti ID {entry_id} ({entry.nama_asli}) tidak dipulihkan: isi yang sama sudah tercatat "
                    f"untuk {entry.indikator} sebagai bukti ID {same[0]}. Tidak ada yang perlu dipulihkan; "
                    "kosongkan dari sampah bila tidak diperlukan lagi.")
            cols = ", ".join(ENTRY_COLUMNS)
            con.execute(f"INSERT INTO bukti ({cols}) SELECT {cols} FROM sampah WHERE id = ?", (entry_id,))
            con.execute("DELETE FROM sampah WHERE id = ?", (entry_id,))
            _log(con, when, who, "pulihkan", entry_id, {"indikator": entry.indikator,
                                                        "nama_asli": entry.nama_asli})
        return entry

    def empty_trash(self, ids: Sequence[int] | None = None, *, now: dt.datetime | None = None,
                    oleh: str | None = None) -> EmptyResult:
        """Delete trash rows for good (all, or ``ids``), and every blob no row names any more."""
        when = _stamp(now or dt.datetime.now(dt.timezone.utc))
        who = pengguna(oleh)
        with self.lock(), self._fs("mengosongkan sampah"):
            with self._connect() as con:
                con.execute("BEGIN IMMEDIATE")
                try:
                    rows = [_sampah(r) for r in con.execute("SELECT * FROM sampah ORDER BY id")]
                    if ids is not None:
                        wanted = set(ids)
                        missing = sorted(wanted - {r.entry.id for r in rows})
                        if missing:
                            raise BuktiTidakDitemukan(
                                f"Tidak ada di sampah: ID {', '.join(map(str, missing))}. "
                                "Lihat isi sampah dengan ⟦bukti-sampah⟧.")
                        rows = [r for r in rows if r.entry.id in wanted]
                    hashes = sorted({d for r in rows for d in (r.entry.sha256, r.entry.pdf_sha256) if d})
                    con.executemany("DELETE FROM sampah WHERE id = ?", [(r.entry.id,) for r in rows])
                    con.executemany("INSERT OR IGNORE INTO blob_tertunda (sha256) VALUES (?)",
                                    [(d,) for d in hashes])
                    for r in rows:
                        _log(con, when, who, "kosongkan", r.entry.id,
                             {"indikator": r.entry.indikator, "nama_asli": r.entry.nama_asli,
                              "sha256": r.entry.sha256})
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
            _kill_point("kosongkan-baris")
            referenced = self.referenced_hashes()
            deleted = []
            for digest in hashes:
                if digest not in referenced:
                    self.blob_path(digest).unlink(missing_ok=True)
                    deleted.append(digest)
            with self._connect() as con:
                con.execute("BEGIN IMMEDIATE")
                con.executemany("DELETE FROM blob_tertunda WHERE sha256 = ?", [(d,) for d in hashes])
                con.execute("COMMIT")
        return EmptyResult(tuple(rows), tuple(deleted))

    def move(self, entry_id: int, indikator: str, *, now: dt.datetime | None = None,
             oleh: str | None = None, indikator_teks: str | None = None) -> tuple[BuktiEntry, BuktiEntry]:
        """File one row under another indicator's kunci (already checked against the plan). (before, after)."""
        return self._update(entry_id, "pindah", now, oleh, indikator=indikator, indikator_teks=indikator_teks)

    def set_indikator(self, changes: Sequence[tuple[int, str, str | None]]) -> None:
        """Point rows at other indicator references, all in one transaction:
        (row id, indikator, indikator_teks). Used by the migration to keys
        (zidocs.bukti.migrasi); blobs are untouched."""
        if not changes:
            return
        with self.lock(), self._connect() as con, _immediate(con):
            con.executemany("UPDATE bukti SET indikator = ?, indikator_teks = ? WHERE id = ?",
                            [(ind, teks, rid) for rid, ind, teks in changes])

    def edit(self, entry_id: int, *, keterangan: str | None = None, tanggal=TETAP,
             now: dt.datetime | None = None, oleh: str | None = None) -> tuple[BuktiEntry, BuktiEntry]:
        """Correct keterangan and/or the activity date (``tanggal``: a date, or None to clear it)."""
        changes: dict = {}
        if keterangan is not None:
            changes["keterangan"] = keterangan
        if tanggal is not TETAP:
            changes["tanggal"] = tanggal.isoformat() if tanggal is not None else None
        if not changes:
            raise InputError("Tidak ada yang diubah: sebutkan ⟦opsi|keterangan⟧, ⟦opsi|tanggal⟧ atau ⟦opsi|tanpa-tanggal⟧.")
        return self._update(entry_id, "ubah", now, oleh, **changes)

    def _update(self, entry_id: int, aksi: str, now, oleh, **changes) -> tuple[BuktiEntry, BuktiEntry]:
        when = _stamp(now or dt.datetime.now(dt.timezone.utc))
        who = pengguna(oleh)
        with self.lock(), self._connect() as con, _immediate(con):
            row = con.execute("SELECT * FROM bukti WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                self.get(entry_id)
            before = _entry(row)
            if "indikator" in changes:
                if changes["indikator"] == before.indikator:
                    raise BuktiBentrok(f"Bukti ID {entry_id} sudah tercatat untuk {before.indikator}; "
                                       "tidak ada yang dipindahkan.")
                same = con.execute("SELECT id FROM bukti WHERE tahun = ? AND indikator = ? AND sha256 = ?",
                                   (before.tahun, changes["indikator"], before.sha256)).fetchone()
                if same is not None:
                    raise BuktiBentrok(
                        f"Bukti ID {entry_id} ({before.nama_asli}) tidak dipindahkan: isi yang sama sudah "
                        f"tercatat untuk {changes['indikator']} sebagai bukti ID {same[0]}. Hapus salah "
                        f"satunya dengan ⟦bukti-remove|ID⟧.")
            sets = ", ".join(f"{k} = ?" for k in changes)
            con.execute(f"UPDATE bukti SET {sets} WHERE id = ?", (*changes.values(), entry_id))
            after = _entry(con.execute("SELECT * FROM bukti WHERE id = ?", (entry_id,)).fetchone())
            _log(con, when, who, aksi, entry_id,
                 {k: [getattr(before, k), getattr(after, k)] for k in changes})
        return before, after


@contextlib.contextmanager
def _immediate(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE, COMMIT at the end, ROLLBACK on
    any exception (a user's Ctrl-C included), so no half-change is ever kept."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


def _entry(row: sqlite3.Row) -> BuktiEntry:
    keys = row.keys()
    return BuktiEntry(**{k: row[k] for k in ENTRY_COLUMNS if k in keys})


def _sampah(row: sqlite3.Row) -> SampahEntry:
    return SampahEntry(_entry(row), row["dihapus"], row["dihapus_oleh"])


def _log(con: sqlite3.Connection, waktu: str, oleh: str, aksi: str, bukti_id: int | None, rincian: dict) -> None:
    con.execute("INSERT INTO riwayat (waktu, oleh, aksi, bukti_id, rincian) VALUES (?, ?, ?, ?, ?)",
                (waktu, oleh, aksi, bukti_id, json.dumps(rincian, ensure_ascii=False, sort_keys=True)))


def _run_script(con: sqlite3.Connection, script: str) -> None:
    """Run DDL statements inside the caller's transaction (executescript would commit)."""
    for stmt in script.split(";"):  # the schema has no ';' inside statements
        if stmt.strip():
            con.execute(stmt)


def _sqlite(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    for key, indonesian in (("locked", "sedang dikunci proses lain"), ("not a database", "bukan basis data SQLite"),
                            ("malformed", "berkasnya rusak"), ("readonly", "hanya dapat dibaca"),
                            ("unable to open", "tidak dapat dibuka"), ("disk i/o", "galat baca/tulis disk"),
                            ("full", "disk penuh"), ("no such table", "tabel yang diperlukan tidak ada"),
                            ("no such column", "kolom yang diperlukan tidak ada")):
        if key in text:
            return indonesian
    return "galat SQLite"


KILL_ENV = "ZIDOCS_UJI_BUNUH"


def _kill_point(name: str) -> None:
    """Tests only: ``ZIDOCS_UJI_BUNUH=<name>`` SIGKILLs this process here (see README, Pengembangan)."""
    if os.environ.get(KILL_ENV) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


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
        "Lihat semua ID indikator dengan ⟦bukti-list⟧."
    )


def check_tanggal(tanggal: dt.date | None, tahun: int, now: dt.datetime) -> None:
    """An activity date may not lie in the future, nor before the year before the plan's."""
    if tanggal is None:
        return
    today = now.astimezone().date()
    if tanggal > today:
        raise TanggalTidakSah(
            f"Tanggal kegiatan {tanggal.isoformat()} belum terjadi (hari ini {today.isoformat()}). "
            "Bukti dicatat untuk kegiatan yang sudah berlangsung; periksa ⟦opsi|tanggal⟧.")
    if tanggal.year < tahun - 1:
        raise TanggalTidakSah(
            f"Tanggal kegiatan {tanggal.isoformat()} jauh sebelum tahun rencana {tahun}. Periksa ⟦opsi|tanggal⟧ "
            "(TTTT-BB-HH, mis. 2026-03-20).")


class TanggalTidakSah(BuktiError):
    """An activity date that cannot be right."""


def add_bukti(
    store: BuktiStore,
    plan: Plan,
    files: Sequence[Path],
    *,
    indikator: str,
    keterangan: str = "",
    now: dt.datetime,
    converter: Converter | None = None,
    tanggal: dt.date | None = None,
    terima_rusak: bool = False,
    oleh: str | None = None,
) -> AddResult:
    """Validate the indicator (and activity date) against the plan, then add ``files`` to the store."""
    ref = check_indikator(plan, indikator)
    if not files:
        raise InputError("Tidak ada berkas yang ditambahkan: sebutkan minimal satu berkas.")
    check_tanggal(tanggal, plan.tahun, now)
    return store.add(files, indikator=_kunci(ref), tahun=plan.tahun, keterangan=keterangan,
                     now=now, converter=converter, tanggal=tanggal, terima_rusak=terima_rusak, oleh=oleh,
                     indikator_teks=teks_indikator(ref.indikator.indikator))


def _kunci(ref) -> str:
    """The stable key evidence is filed under (never the printed ID, which moves)."""
    if ref.kunci is None:
        raise InputError(f"Indikator {ref.id} belum berkunci (`kunci:` di rencana-aksi.yaml); "
                         f"tuliskan kuncinya dulu dengan {aksi('migrasi')}.")
    return ref.kunci


def move_bukti(store: BuktiStore, plan: Plan, entry_id: int, indikator: str, *, now: dt.datetime,
               oleh: str | None = None) -> tuple[BuktiEntry, BuktiEntry]:
    """File evidence ``entry_id`` under the plan's indicator ``indikator`` (a user-typed ID)."""
    ref = check_indikator(plan, indikator)
    entry = store.get(entry_id)
    if entry.tahun != plan.tahun:
        raise BuktiBentrok(f"Bukti ID {entry_id} milik rencana tahun {entry.tahun}, bukan {plan.tahun}; "
                           f"pindahkan dengan --tahun {entry.tahun}.")
    return store.move(entry_id, _kunci(ref), now=now, oleh=oleh, indikator_teks=teks_indikator(ref.indikator.indikator))


def edit_bukti(store: BuktiStore, plan: Plan | None, entry_id: int, *, keterangan: str | None = None,
               tanggal=TETAP, now: dt.datetime, oleh: str | None = None) -> tuple[BuktiEntry, BuktiEntry]:
    """Correct keterangan and/or activity date (``tanggal=None`` clears it) of evidence ``entry_id``."""
    if tanggal is not TETAP and tanggal is not None:
        check_tanggal(tanggal, store.get(entry_id).tahun, now)
    return store.edit(entry_id, keterangan=keterangan, tanggal=tanggal, now=now, oleh=oleh)


# --- dates for monev (read-only) ----------------------------------------------------------


def tanggal_lokal(iso: str, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar date of an ISO 8601 timestamp in ``tz`` (default: local);
    a timestamp without offset is UTC, as the registry writes."""
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        raise BuktiError(
            f"Registri bukti memuat waktu penambahan yang tidak sah: “{iso}”. Periksa penyimpanan bukti "
            "dengan ⟦bukti-periksa⟧.") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.astimezone(tz).date()


def _read_dates(db: Path, tahun: int, *, readonly: bool) -> list[tuple]:
    uri = f"{db.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    con = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(bukti)")}
        tanggal_col = "tanggal" if "tanggal" in cols else "NULL"
        return con.execute(f"SELECT indikator, ditambahkan, {tanggal_col} FROM bukti WHERE tahun = ?",
                           (tahun,)).fetchall()
    finally:
        con.close()


def tanggal_bukti(root: Path, tahun: int, *, tz: dt.tzinfo | None = None) -> dict[str, tuple[dt.date, ...]]:
    """Per indicator key, the *effective* date of each evidence file of ``tahun``
    in force: its activity date (``tanggal``) when given, else the local date
    (``tz``; default: this computer's zone) on which it was added. Removed
    evidence (in the trash) does not count.

    Read-only: opens the registry with ``mode=ro``, never creates, locks or
    migrates the store; no store yet means no evidence (an empty mapping).
    The one exception: a hot journal left by a killed writer is rolled back
    (SQLite refuses a read-only reader until it is).
    Reads schema 1 registries too (no ``tanggal`` column: the date added)."""
    db = Path(root) / REGISTRY
    if not db.is_file():
        return {}
    try:
        rows = _read_dates(db, tahun, readonly=True)
    except sqlite3.OperationalError as exc:
        # A writer killed mid-transaction leaves a hot journal, which SQLite must roll back
        # before anyone may read; a read-only connection cannot. Rolling it back restores
        # the last committed state (what every writer would do first), nothing else.
        if "readonly" not in str(exc) or not db.with_name(REGISTRY + "-journal").exists():
            raise BuktiError(f"Registri bukti {db} tidak terbaca ({_sqlite(exc)}). Periksa penyimpanan "
                             "bukti dengan ⟦bukti-periksa⟧.") from None
        try:
            rows = _read_dates(db, tahun, readonly=False)
        except sqlite3.Error as exc2:
            raise BuktiError(f"Registri bukti {db} tidak terbaca ({_sqlite(exc2)}).") from None
    except sqlite3.Error as exc:
        raise BuktiError(f"Registri bukti {db} tidak terbaca ({_sqlite(exc)}). Periksa penyimpanan bukti "
                         "dengan ⟦bukti-periksa⟧.") from None
    out: dict[str, list[dt.date]] = {}
    for indikator, ditambahkan, tanggal in rows:
        try:
            when = dt.date.fromisoformat(tanggal) if tanggal else tanggal_lokal(str(ditambahkan), tz)
        except ValueError:
            raise BuktiError(f"Registri bukti {db} memuat tanggal kegiatan yang tidak sah: “{tanggal}”. "
                             "Perbaiki dengan ⟦bukti-edit|ID|--tanggal|TTTT-BB-HH⟧.") from None
        out.setdefault(str(indikator), []).append(when)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}
