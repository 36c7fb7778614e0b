"""One exception tree; the CLI is the only place that turns it into exit codes.

Every message is for the secretariat user: Bahasa Indonesia, says what went
wrong, where (file:line, key path, evidence file) and how to fix it.
"""

from __future__ import annotations

from enum import IntEnum


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
            "Perbaiki galat di atas lalu jalankan ulang (periksa dengan `zidocs check`)."
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
