"""Publishing the dossier folder as one set: every PDF with its manifest, old or new, never a mix.

A PDF and its manifest are two files, and no file system renames two files
at once. So the unit that is replaced is the *folder* that holds them,
``out/<tahun>/dossier/``:

1. Under a lock (``flock`` on the parent folder ``out/<tahun>/``; one build at
   a time), leftovers of interrupted builds are removed (``.tmp-dossier-*``
   beside the folder, and ``.tmp-*`` inside it from older zidocs versions).
2. The new PDFs and manifests are written, fsynced, into a staging folder
   ``out/<tahun>/.tmp-dossier-baru-XXXX/``; work files go to
   ``.tmp-dossier-kerja-XXXX/``.
3. Every other file of the current folder is hard-linked (copied where links
   are not possible) into the staging folder, which is fsynced.
4. The staging folder and the current folder are swapped in **one** atomic
   step: ``renameat2(RENAME_EXCHANGE)`` (Linux ≥ 3.15; ext4, xfs, btrfs,
   tmpfs …). Before it, a reader sees the old set; after it, the new one.
   The old set, now under the staging name, is then removed.

Where the file system cannot exchange (e.g. some network shares), zidocs
falls back to two renames — current → ``.tmp-dossier-lama-XXXX``, staging →
current — and the next build rolls a half-done switch forward (the staging
folder is complete before the first rename). In that fallback a crash between
the two renames leaves *no* folder until the next build: never a mix.

A reader can always tell whether a PDF and a manifest belong together: the
manifest records the PDF's sha256 and its own ``id`` (a hash of its content),
and the PDF's document information names that id (``/ZidocsManifest``, also in
``/Keywords``). :func:`periksa_pasangan` checks both.

Tests only: ``ZIDOCS_UJI_BUNUH=<point>`` SIGKILLs the build at a named point
(:data:`KILL_POINTS`); ``ZIDOCS_UJI_TANPA_TUKAR=1`` forces the fallback.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from zidocs.office.atomic import fsync_dir
from zidocs.errors import os_reason
from zidocs.bukti.store import _kill_point, sha256_file
from zidocs.errors import InputError

ENV_NO_EXCHANGE = "ZIDOCS_UJI_TANPA_TUKAR"
KILL_POINTS = ("dossier-pdf", "dossier-manifest", "dossier-siap", "dossier-tukar-1", "dossier-tukar",
               "dossier-selesai")
MANIFEST_KEY = "/ZidocsManifest"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when this system or file system cannot."""
    if os.environ.get(ENV_NO_EXCHANGE):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # not glibc ≥ 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class Publikasi:
    """``with Publikasi(outdir) as pub:`` write into ``pub.staging``, then ``pub.publish()``."""

    def __init__(self, outdir: Path):
        self.outdir = Path(outdir).absolute()
        self.parent = self.outdir.parent
        self.prefix = f".tmp-{self.outdir.name}-"
        self.staging: Path | None = None
        self.workdir: Path | None = None
        self._fd: int | None = None
        self._published = False

    def __enter__(self) -> "Publikasi":
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            if self.outdir.exists() and not self.outdir.is_dir():
                raise InputError(f"{self.outdir} bukan folder; pindahkan berkas itu agar dossier dapat ditulis.")
            self._fd = os.open(self.parent, os.O_RDONLY)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            self.recover()
            self.staging = Path(tempfile.mkdtemp(prefix=self.prefix + "baru-", dir=self.parent))
            self.workdir = Path(tempfile.mkdtemp(prefix=self.prefix + "kerja-", dir=self.parent))
        except OSError as exc:
            self._close()
            raise _os_error(self.outdir, exc) from None
        except BaseException:
            self._close()
            raise
        return self

    def recover(self) -> None:
        """Finish a switch the fallback left half-done, then remove every leftover."""
        entries = sorted(p for p in self.parent.iterdir() if p.name.startswith(self.prefix))
        if not self.outdir.exists():
            for old in entries:
                if old.name.startswith(self.prefix + "lama-"):
                    new = self.parent / (self.prefix + "baru-" + old.name[len(self.prefix + "lama-"):])
                    if new.is_dir():
                        os.replace(new, self.outdir)
                        fsync_dir(self.parent)
                        break
        for leftover in sorted(p for p in self.parent.iterdir() if p.name.startswith(self.prefix)):
            _remove(leftover)
        if self.outdir.is_dir():
            for leftover in self.outdir.iterdir():  # interrupted builds of older zidocs versions
                if leftover.name.startswith(".tmp-"):
                    _remove(leftover)

    def publish(self, names: Sequence[str]) -> None:
        """Make the staging folder (holding ``names``) the dossier folder, in one step."""
        assert self.staging is not None
        try:
            fresh = set(names)
            if self.outdir.is_dir():
                for item in sorted(self.outdir.iterdir()):
                    if item.name in fresh or item.name.startswith(".tmp-"):
                        continue
                    dest = self.staging / item.name
                    if item.is_symlink():
                        os.symlink(os.readlink(item), dest)
                    elif item.is_dir():
                        shutil.copytree(item, dest, symlinks=True, copy_function=_link_or_copy)
                    else:
                        _link_or_copy(str(item), str(dest))
            for name in fresh:
                with open(self.staging / name, "rb") as fh:
                    os.fsync(fh.fileno())
            fsync_dir(self.staging)
            _kill_point("dossier-siap")
            if not self.outdir.exists():
                os.replace(self.staging, self.outdir)
            elif not _exchange(self.staging, self.outdir):
                old = self.parent / (self.prefix + "lama-" + self.staging.name[len(self.prefix + "baru-"):])
                os.replace(self.outdir, old)
                fsync_dir(self.parent)
                _kill_point("dossier-tukar-1")
                os.replace(self.staging, self.outdir)
                self.staging = old
            fsync_dir(self.parent)
            self._published = True
            _kill_point("dossier-tukar")
            if self.staging.exists():
                _remove(self.staging)  # the old set
            _kill_point("dossier-selesai")
        except OSError as exc:
            raise _os_error(self.outdir, exc) from None

    def __exit__(self, *exc) -> bool:
        try:
            for path in (self.workdir, None if self._published else self.staging):
                if path is not None and path.exists():
                    _remove(path)
        finally:
            self._close()
        return False

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _os_error(outdir: Path, exc: OSError) -> InputError:
    return InputError(f"Folder dossier {outdir}: {os_reason(exc)}. Periksa izin dan ruang disk folder "
                      "itu, lalu ulangi; dossier yang lama tidak berubah.")


# --- reading a pair -----------------------------------------------------------------------------


def manifest_id(manifest: dict) -> str:
    """The id of a manifest: sha256 of its canonical JSON without ``id``, the PDF's sha256 and its PDF/A verdict."""
    body = {k: v for k, v in manifest.items() if k != "id"}
    if isinstance(body.get("pdf"), dict):
        body["pdf"] = {k: v for k, v in body["pdf"].items() if k not in ("sha256", "pdfa")}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def periksa_pasangan(pdf: Path, manifest: Path | None = None) -> list[str]:
    """Why ``pdf`` and its manifest (default: the .json beside it) do not belong
    together, in Bahasa Indonesia; an empty list when they do."""
    import pikepdf

    pdf = Path(pdf)
    manifest = Path(manifest) if manifest is not None else pdf.with_suffix(".json")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"manifest {manifest.name} tidak ada"]
    except (OSError, ValueError):
        return [f"manifest {manifest.name} tidak terbaca atau bukan JSON yang utuh"]
    problems = []
    if data.get("id") != manifest_id(data):
        problems.append(f"manifest {manifest.name} telah diubah sesudah disusun (id-nya tidak cocok dengan isinya)")
    info = data.get("pdf") if isinstance(data.get("pdf"), dict) else {}
    if info.get("nama") != pdf.name:
        problems.append(f"manifest {manifest.name} milik {info.get('nama')}, bukan {pdf.name}")
    if not pdf.is_file():
        return problems + [f"{pdf.name} tidak ada"]
    if info.get("sha256") != sha256_file(pdf):
        problems.append(f"sidik SHA-256 {pdf.name} tidak sama dengan yang dicatat manifest {manifest.name}")
    try:
        with pikepdf.open(pdf) as p:
            named = str(p.docinfo.get(MANIFEST_KEY, ""))
    except Exception:  # noqa: BLE001 - an unreadable PDF is not a pair
        return problems + [f"{pdf.name} tidak dapat dibuka sebagai PDF"]
    if named != data.get("id"):
        problems.append(f"{pdf.name} menyebut manifest {named[:16] or '(tidak ada)'}…, bukan {manifest.name} "
                        f"({str(data.get('id'))[:16]}…)")
    return problems
