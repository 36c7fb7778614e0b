"""One exception tree; the CLI is the only place that turns it into exit codes.

Every message is for the secretariat user: Bahasa Indonesia, says what went
wrong, where (file:line, key path, evidence file) and how to fix it.
"""

from __future__ import annotations

import errno
import re
from enum import IntEnum
from typing import Callable


class ExitCode(IntEnum):
    """Documented exit codes (README, "Kode keluar")."""

    SUKSES = 0
    GALAT_RENCANA = 1  # the plan (or monev input) has errors; see the findings
    PENGGUNAAN = 2  # wrong command-line usage (typer/click's own code)
    INPUT_TIDAK_TERBACA = 3  # a file is missing or is not valid YAML: nothing can be checked
    TEMPLAT = 4  # a template is missing, broken, or needs a variable the plan lacks
    KONVERSI = 5  # LibreOffice is missing or failed to make a PDF
    BUKTI_DITOLAK = 6  # an evidence file was refused (type, password, damage, indicator)
    DIBATALKAN = 130  # interrupted by the user (Ctrl-C)


# --- actions named in messages ----------------------------------------------------
# A message that tells the user what to do next names an action ("check the
# plan", "add the evidence") without knowing the front end: ``aksi("check")``
# puts a marker in the text, and each front end renders every marker in its own
# terms (the CLI as a command, the web service as a page).

_AKSI = re.compile(r"⟦([a-z-]+)((?:\|[^|⟧]*)*)⟧")


def aksi(nama: str, *args: object) -> str:
    """A marker for the user action ``nama`` (with arguments) inside a message."""
    return "⟦" + nama + "".join(f"|{a}" for a in args) + "⟧"


def render_aksi(text: str, render: Callable[[str, list[str]], str]) -> str:
    """``text`` with each action marker replaced by ``render(nama, args)``."""
    return _AKSI.sub(lambda m: render(m.group(1), m.group(2).split("|")[1:]), text)


class ZidocsError(Exception):
    """Base of every error zidocs reports to its user."""

    exit_code: ExitCode = ExitCode.GALAT_RENCANA

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class InputError(ZidocsError):
    """A plan file is missing or unreadable (YAML syntax, encoding)."""

    exit_code = ExitCode.INPUT_TIDAK_TERBACA


class WorkspaceError(InputError):
    """The workspace has no plan/ folder, or no plan for the requested year."""


class PlanInvalid(ZidocsError):
    """The plan loaded but has errors; `findings` lists all of them."""

    exit_code = ExitCode.GALAT_RENCANA

    def __init__(self, findings):
        self.findings = list(findings)
        n = sum(1 for f in self.findings if f.is_error)
        super().__init__(
            f"Rencana memuat {n} galat; tidak ada berkas yang ditulis. "
            f"Perbaiki galat di atas lalu jalankan ulang (periksa dengan {aksi('check')})."
        )


class TemplateError(ZidocsError):
    """A template is missing, cannot be rendered, or uses an unknown variable."""

    exit_code = ExitCode.TEMPLAT


class ConversionError(ZidocsError):
    """LibreOffice is missing, timed out, or produced no valid PDF."""

    exit_code = ExitCode.KONVERSI


class BuktiError(ZidocsError):
    """An evidence file was refused or the evidence store is inconsistent."""

    exit_code = ExitCode.BUKTI_DITOLAK


_ERRNO = {
    errno.EACCES: "izin ditolak",
    errno.EPERM: "izin ditolak",
    errno.ENOENT: "tidak ditemukan",
    errno.EISDIR: "berupa folder, bukan berkas",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.EEXIST: "sudah ada",
    errno.ENOTEMPTY: "folder tidak kosong",
    errno.EIO: "galat baca/tulis perangkat (disk mungkin rusak)",
    errno.ENAMETOOLONG: "nama atau jalur terlalu panjang",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENFILE: "terlalu banyak berkas terbuka",
    errno.EXDEV: "berada di perangkat/diska yang berbeda",
    errno.EBUSY: "sedang dipakai",
    errno.ETXTBSY: "sedang dipakai",
    errno.ELOOP: "tautan simbolik berputar",
    errno.EFBIG: "berkas terlalu besar",
    errno.EINVAL: "operasi tidak didukung sistem berkas ini",
    errno.EOPNOTSUPP: "operasi tidak didukung sistem berkas ini",
}


def os_reason(exc: OSError) -> str:
    """An OSError's cause in Bahasa Indonesia (never the English strerror)."""
    reason = _ERRNO.get(exc.errno) if exc.errno is not None else None
    if reason is None:
        return f"galat sistem berkas (kode {exc.errno})" if exc.errno else "galat sistem berkas"
    return reason
