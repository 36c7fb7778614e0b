"""DOCX/ODT/XLSX/ODS → PDF with LibreOffice: the only module that starts it.

One ``soffice`` process converts a whole batch. Each run gets a private
profile in a fresh temporary folder (two runs sharing a profile fail), a
timeout (the whole process group is killed), and a lock so that only one
LibreOffice runs at a time, across threads and zidocs processes of this user.

``soffice --convert-to`` exits 0 even when a source is missing or is garbage
(garbage is even "converted" as plain text), so:

- sources are checked before LibreOffice starts: they must exist and really be
  the zip package their extension promises;
- every expected output is checked afterwards: present, non-empty, ``%PDF-``,
  readable by pypdf with at least one page.

PDFs are made in a temp folder, made deterministic with
:func:`zidocs.office.pdfnorm.normalize_pdf`, and only when the whole batch succeeded
moved (atomically, one by one) into the output folder as ``<stem>.pdf``.

Printing: the private profile gets zidocs' Indonesian hyphenation exceptions
(``zidocs/data/pemenggalan.dic`` as its user dictionary; the patterns
themselves are Debian's ``hyphen-id``, which LibreOffice finds in
/usr/share/hyphen). ``pdfa=True`` exports PDF/A-2b (archival: fonts embedded,
XMP identification, sRGB output intent) through the PDF export filter's
options, ``{"SelectPdfVersion": 2}``.

Warm: while the web service runs a warm LibreOffice (:func:`start_warm`,
:mod:`zidocs.office.warm`), each source is converted by it instead, under
the same lock, from the same staged copy, with the same export filter and
options, checked and normalised the same way; if it is not up or fails, the
cold run above is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from zidocs.errors import ConversionError, os_reason
from zidocs.office import pesan
from zidocs.office.atomic import atomic_path
from zidocs.office.lazy import lazy_import
from zidocs.office.pdfnorm import normalize_pdf
from zidocs.office.warm import WarmOffice, WarmStatus, WarmUnavailable, find_uno_python
from zidocs.office import warm

pypdf = lazy_import("pypdf")

ENV_SOFFICE = "ZIDOCS_SOFFICE"
SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_HINT = (
    "Pasang LibreOffice dengan `sudo apt-get install libreoffice-writer-nogui` "
    "(Debian/Ubuntu; tambahkan `libreoffice-calc-nogui` untuk XLSX/ODS), "
    f"atau setel variabel lingkungan {ENV_SOFFICE} ke path program soffice "
    "(mis. /usr/bin/soffice atau /opt/libreoffice/program/soffice)."
)

# Suffix → what the file must contain to be worth handing to LibreOffice.
# OOXML: words that appear in the main part's content type.
# ODF: the exact ``mimetype`` entry (or its template variant).
_OOXML = {
    ".docx": (b"wordprocessingml", b"ms-word."),
    ".xlsx": (b"spreadsheetml", b"ms-excel."),
}
_ODF = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
SUPPORTED_SUFFIXES = tuple(sorted({*_OOXML, *_ODF}))

_STDERR_NOISE = ("javaldx",)  # harmless warning printed on every run
_STDERR_TAIL_LINES = 15
_LOCK_POLL = 0.1
_REAP_TIMEOUT = 10  # seconds to collect output after killing soffice

_thread_lock = threading.Lock()


# --------------------------------------------------------------------------
# Finding LibreOffice


def find_soffice() -> str:
    """Path of the LibreOffice program: ``$ZIDOCS_SOFFICE``, else
    ``soffice`` or ``libreoffice`` on PATH; ConversionError when missing."""
    override = os.environ.get(ENV_SOFFICE, "").strip()
    if override:
        found = shutil.which(override)
        if found is None:
            raise ConversionError(
                f"Variabel {ENV_SOFFICE} menunjuk ke '{override}', tetapi program itu tidak ada "
                "atau tidak dapat dijalankan. Perbaiki path-nya atau hapus variabel itu. "
                + INSTALL_HINT
            )
        return found
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise ConversionError(
        "LibreOffice tidak terpasang (program `soffice` tidak ditemukan di PATH), "
        "padahal zidocs memerlukannya untuk membuat PDF. " + INSTALL_HINT
    )


# --------------------------------------------------------------------------
# Public entry point


def to_pdf(
    sources: Sequence[Path],
    outdir: Path,
    *,
    timeout: float = 300,
    build_date: dt.date | None = None,
    pdfa: bool = False,
    author: str | None = None,
) -> list[Path]:
    """Convert ``sources`` to PDFs in ``outdir`` with one LibreOffice run.

    Returns ``outdir/<stem>.pdf`` for each source, in input order. The PDFs
    are deterministic (see :mod:`zidocs.office.pdfnorm`; ``build_date`` becomes their
    creation date). Nothing is written to ``outdir`` unless every source
    converted. ``timeout`` (seconds) bounds both the wait for another
    conversion to finish and the LibreOffice run itself.

    ``pdfa``: write PDF/A-2b (one run per kind of source: text documents and
    spreadsheets have their own export filter). ``author``: the PDF's
    /Author and XMP dc:creator (the office, for zidocs' own documents); by
    default what LibreOffice took from the document's properties.
    """
    paths = check_sources(sources)
    if not paths:
        return []
    outdir = Path(outdir)
    soffice = find_soffice()

    with _soffice_lock(timeout), tempfile.TemporaryDirectory(prefix="zidocs-lo-") as tmp:
        work = Path(tmp)
        profile, indir, rawdir, normdir = (work / n for n in ("profile", "in", "out", "norm"))
        for d in (profile, indir, rawdir, normdir):
            d.mkdir()

        staged = _stage(paths, indir)
        deadline = time.monotonic() + timeout
        raw = [rawdir / f"{p.stem}.pdf" for p in paths]
        problems = None
        if _convert_warm(staged, raw, pdfa=pdfa, deadline=deadline):
            problems = [(src, why) for src, pdf in zip(paths, raw) if (why := check_pdf(pdf))]
            if problems:  # judged by the cold run: its messages are the ones users know
                shutil.rmtree(rawdir)
                rawdir.mkdir()
                problems = None
        if problems is None:
            seed_profile(profile)
            stderr = []
            for convert_to, group in export_groups(staged, pdfa=pdfa):
                left = max(deadline - time.monotonic(), 1.0)
                argv = soffice_argv(soffice, profile, rawdir, group, convert_to=convert_to)
                result = _run_soffice(argv, timeout=left, cwd=work)
                stderr.append(result.stderr)
                if result.timed_out:
                    raise ConversionError(
                        f"LibreOffice tidak selesai dalam {timeout:g} detik saat mengubah "
                        f"{len(paths)} berkas ({_names(paths)}) dan dihentikan. "
                        "Periksa apakah ada berkas yang sangat besar atau rusak, lalu coba lagi "
                        "(atau ubah berkas itu sendiri-sendiri)."
                        + _stderr_block(result.stderr)
                    )
            problems = [(src, why) for src, pdf in zip(paths, raw) if (why := check_pdf(pdf))]
        if problems:
            raise ConversionError(conversion_failure_message(problems, "\n".join(stderr)))

        normalized = []
        for src, pdf in zip(paths, raw):
            dst = normdir / pdf.name
            try:
                normalize_pdf(pdf, dst, build_date=build_date, author=author)
            except ConversionError as exc:
                raise ConversionError(
                    f"PDF hasil LibreOffice untuk '{src}' tidak dapat dinormalisasi: {exc.message}"
                ) from exc
            normalized.append(dst)

        outputs = []
        for pdf in normalized:
            target = outdir / pdf.name
            with atomic_path(target) as tmp_target:
                shutil.copyfile(pdf, tmp_target)
            outputs.append(target)
    return outputs


def convert_file(source: Path, target: Path, convert_to: str, *, timeout: float = 300) -> Path:
    """Convert one document to another office format (e.g. ODS → XLSX for
    reading with openpyxl: ``convert_to="xlsx:Calc MS Excel 2007 XML"``) and
    write it atomically to ``target``. The output must be a zip package (every
    OOXML/ODF format is), since soffice exits 0 even when it wrote nothing.
    An HTML page (``.html``/``.htm``, e.g. a plan published on a website) is
    accepted too: it is text, so only its presence is checked."""
    path = Path(source).absolute()
    if path.suffix.lower() in (".html", ".htm"):
        if not path.is_file():
            raise ConversionError(f"Berkas '{path}' tidak ditemukan. Periksa nama dan foldernya.")
    elif (why := source_problem(path)) is not None:
        raise ConversionError(f"Berkas '{path}' tidak dapat dibuka LibreOffice: {why}")
    soffice = find_soffice()
    ext = convert_to.split(":", 1)[0]
    with _soffice_lock(timeout), tempfile.TemporaryDirectory(prefix="zidocs-lo-") as tmp:
        work = Path(tmp)
        profile, indir, rawdir = (work / n for n in ("profile", "in", "out"))
        for d in (profile, indir, rawdir):
            d.mkdir()
        (staged,) = _stage([path], indir)
        result = _run_soffice(soffice_argv(soffice, profile, rawdir, [staged], convert_to=convert_to),
                              timeout=timeout, cwd=work)
        raw = rawdir / f"{path.stem}.{ext}"
        if result.timed_out:
            raise ConversionError(f"LibreOffice tidak selesai dalam {timeout:g} detik saat mengubah '{path}' "
                                  f"menjadi {ext.upper()} dan dihentikan. Periksa berkas itu, lalu coba lagi."
                                  + _stderr_block(result.stderr))
        if not raw.is_file() or not zipfile.is_zipfile(raw):
            raise ConversionError(f"LibreOffice tidak dapat mengubah '{path}' menjadi {ext.upper()}. Buka berkas "
                                  f"itu di LibreOffice lalu simpan ulang sebagai {ext.upper()}."
                                  + _stderr_block(result.stderr))
        with atomic_path(Path(target)) as tmp_target:
            shutil.copyfile(raw, tmp_target)
    return Path(target)


# --------------------------------------------------------------------------
# The warm converter (zidocs serve)


PDFA_FILTER_OPTIONS = ("SelectPdfVersion=2",)  # PDFA_OPTIONS, as unoserver takes filter options


def _convert_warm(staged: Sequence[Path], raw: Sequence[Path], *, pdfa: bool, deadline: float) -> bool:
    """Convert every staged source with the warm LibreOffice, if there is one that answers.
    False (and nothing left half done that matters: the cold run overwrites) when it cannot."""
    office = warm.current()
    if office is None or not office.ready():
        return False
    try:
        for src, out in zip(staged, raw):
            left = deadline - time.monotonic()
            if left <= 1:
                raise WarmUnavailable("timeout")
            office.convert(src, out, filtername=_EXPORT_FILTERS[src.suffix.lower()],
                           options=PDFA_FILTER_OPTIONS if pdfa else (), timeout=left)
    except WarmUnavailable:
        office.restart_soon()  # a hung or broken server: the watcher starts a fresh one
        return False
    return True


_PRIME_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.'
    'org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="Bookman Old Style" '
    'w:hAnsi="Bookman Old Style"/></w:rPr><w:t>zidocs</w:t></w:r></w:p></w:body></w:document>',
}


def _prime_docx(folder: Path) -> Path:
    """A one-word DOCX for the warm-up conversion (in the decrees' face, so its font is loaded too)."""
    path = folder / "pemanasan.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in _PRIME_PARTS.items():
            zf.writestr(name, text)
    return path


def start_warm(*, startup_timeout: float = 90) -> WarmStatus:
    """Start this process's warm LibreOffice (unoserver on 127.0.0.1, free ports), if LibreOffice
    and a Python with uno and unoserver are installed; conversions use it from then on."""
    stop_warm()
    try:
        soffice = find_soffice()
    except ConversionError as exc:
        return WarmStatus(False, None, None, 0, exc.message)
    python = find_uno_python(soffice)
    if python is None:
        return WarmStatus(False, None, None, 0, "tidak ada Python yang dapat mengimpor uno dan unoserver "
                          "(Debian: apt-get install python3-uno, lalu pip install unoserver untuk python3 sistem)")
    workdir = warm.new_workdir()
    office = WarmOffice(python=python, soffice=soffice, workdir=workdir, startup_timeout=startup_timeout,
                        seed=seed_profile, env=soffice_env(), prime=_prime_docx(workdir))
    ok = office.start()
    warm.install(office)  # also when not up yet: its watcher keeps trying, conversions stay cold meanwhile
    status = office.status()
    return status if ok else WarmStatus(False, python, status.port, 0, "unoserver tidak menjawab saat dimulai")


def stop_warm() -> None:
    office = warm.current()
    warm.install(None)
    if office is not None:
        office.stop()


def warm_status() -> WarmStatus | None:
    office = warm.current()
    return office.status() if office is not None else None


# --------------------------------------------------------------------------
# Checks (no LibreOffice involved)


def check_sources(sources: Sequence[Path]) -> list[Path]:
    """Absolute source paths, after checking all of them; every problem found
    is reported in one ConversionError."""
    paths = [Path(s).absolute() for s in sources]
    problems: list[str] = []
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        why = source_problem(path)
        if why:
            problems.append(f"- {path}: {why}")
        by_stem.setdefault(path.stem, []).append(path)
    for stem, same in by_stem.items():
        if len(same) > 1:
            listed = ", ".join(f"'{p}'" for p in same)
            problems.append(
                f"- {listed}: semuanya akan menjadi '{stem}.pdf'. "
                "Ganti nama salah satunya atau ubah dalam dua kali proses."
            )
    if problems:
        raise ConversionError(
            "Berkas berikut tidak dapat diubah menjadi PDF; tidak ada PDF yang dibuat:\n"
            + "\n".join(problems)
        )
    return paths


def source_problem(path: Path) -> str | None:
    """Why ``path`` cannot be handed to LibreOffice, or None if it can."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return (
            f"jenis berkas '{path.suffix or '(tanpa ekstensi)'}' tidak didukung; "
            f"yang didukung: {', '.join(SUPPORTED_SUFFIXES)}."
        )
    if not path.exists():
        return "berkas tidak ditemukan. Periksa nama dan foldernya."
    if not path.is_file():
        return "bukan berkas biasa (mungkin folder)."
    kind = suffix.lstrip(".").upper()
    damaged = (
        f"bukan berkas {kind} yang sah (rusak, terpotong, dilindungi kata sandi, "
        "atau berekstensi salah). Buka di Word/LibreOffice lalu simpan ulang "
        f"sebagai {kind} tanpa kata sandi."
    )
    try:
        if not zipfile.is_zipfile(path):
            return damaged
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if suffix in _OOXML:
                if "[Content_Types].xml" not in names:
                    return damaged
                types = zf.read("[Content_Types].xml")
                if not any(word in types for word in _OOXML[suffix]):
                    return damaged
            else:
                if "mimetype" not in names:
                    return damaged
                mime = zf.read("mimetype").decode("ascii", "replace").strip()
                if mime not in (_ODF[suffix], _ODF[suffix] + "-template"):
                    return damaged
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError):
        return damaged
    return None


def check_pdf(path: Path) -> str | None:
    """Why the PDF LibreOffice should have written at ``path`` is unusable,
    or None if it is a readable PDF with at least one page."""
    if not path.exists():
        return "LibreOffice tidak menghasilkan PDF"
    size = path.stat().st_size
    if size == 0:
        return "PDF yang dihasilkan kosong (0 bita)"
    with path.open("rb") as fh:
        if fh.read(5) != b"%PDF-":
            return "berkas yang dihasilkan bukan PDF"
    try:
        pages = len(pypdf.PdfReader(path).pages)
    except Exception as exc:  # pypdf raises many kinds; any of them means unusable
        return f"PDF yang dihasilkan tidak terbaca ({type(exc).__name__}: {exc})"
    if pages < 1:
        return "PDF yang dihasilkan tidak memiliki halaman"
    return None


def conversion_failure_message(problems: Sequence[tuple[Path, str]], stderr: str) -> str:
    lines = [f"- {src}: {why}." for src, why in problems]
    return (
        "LibreOffice gagal mengubah berkas berikut menjadi PDF; tidak ada PDF yang ditulis:\n"
        + "\n".join(lines)
        + "\nPastikan berkas itu dapat dibuka di LibreOffice atau Word (tidak rusak, "
        "tidak berkata sandi), simpan ulang, lalu coba lagi."
        + _stderr_block(stderr)
    )


def stderr_tail(stderr: str, lines: int = _STDERR_TAIL_LINES) -> str:
    """Last ``lines`` meaningful lines of soffice's stderr."""
    kept = [
        ln.rstrip()
        for ln in stderr.splitlines()
        if ln.strip() and not any(noise in ln for noise in _STDERR_NOISE)
    ]
    return "\n".join(kept[-lines:])


def _stderr_block(stderr: str) -> str:
    tail = stderr_tail(stderr)
    # LibreOffice speaks English and names its private temp paths: say its reason in Indonesian.
    return f"\nSebab menurut LibreOffice: {pesan.libreoffice(tail)}." if tail else "\n(LibreOffice tidak memberi pesan galat.)"


def _names(paths: Sequence[Path]) -> str:
    shown = ", ".join(p.name for p in paths[:5])
    return shown + (f", … (+{len(paths) - 5})" if len(paths) > 5 else "")


# PDF export filter per kind of source, for when filter options are given.
_EXPORT_FILTERS = {".docx": "writer_pdf_Export", ".odt": "writer_pdf_Export",
                   ".xlsx": "calc_pdf_Export", ".ods": "calc_pdf_Export"}
PDFA_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'  # PDF/A-2b


def export_groups(inputs: Sequence[Path], *, pdfa: bool) -> list[tuple[str, list[Path]]]:
    """(``--convert-to`` argument, sources) for each LibreOffice run.

    Plain PDF: one run, LibreOffice picks the filter. PDF/A: filter options
    need the filter's name, which differs for text documents and spreadsheets,
    so one run per filter (in a stable order)."""
    if not pdfa:
        return [("pdf", list(inputs))]
    groups: dict[str, list[Path]] = {}
    for path in inputs:
        groups.setdefault(_EXPORT_FILTERS[Path(path).suffix.lower()], []).append(path)
    return [(f"pdf:{name}:{PDFA_OPTIONS}", group) for name, group in sorted(groups.items())]


DATA = Path(__file__).resolve().parent.parent / "data"  # zidocs/data: shipped with the package
HYPHENATION_EXCEPTIONS = DATA / "pemenggalan.dic"


def seed_profile(profile: Path) -> None:
    """Put zidocs' hyphenation exceptions in a fresh private profile.

    LibreOffice reads ``user/wordbook/standard.dic`` (a user dictionary,
    active by default) at start; a word written there with ``=`` marks is
    hyphenated only at those marks. Its lookup is case-sensitive, so each
    entry goes in as written (lower case), Capitalised and in CAPITALS."""
    if HYPHENATION_EXCEPTIONS.is_file():
        wordbook = Path(profile) / "user" / "wordbook"
        wordbook.mkdir(parents=True, exist_ok=True)
        text = dictionary_with_case_variants(HYPHENATION_EXCEPTIONS.read_text(encoding="utf-8"))
        (wordbook / "standard.dic").write_text(text, encoding="utf-8")


def dictionary_with_case_variants(text: str) -> str:
    """An ``OOoUserDict1`` text whose word lines are each followed by their
    Capitalised and UPPER CASE forms (duplicates left out)."""
    head, sep, body = text.partition("\n---\n")
    if not sep:
        return text
    seen: set[str] = set()
    lines = []
    for word in body.splitlines():
        word = word.strip()
        if not word:
            continue
        for form in (word, word[:1].upper() + word[1:], word.upper()):
            if form not in seen:
                seen.add(form)
                lines.append(form)
    return head + sep + "\n".join(lines) + "\n"


def soffice_argv(
    soffice: str, profile: Path, outdir: Path, inputs: Sequence[Path], *, convert_to: str = "pdf"
) -> list[str]:
    """Command line for one batch conversion with a private profile."""
    return [
        soffice,
        f"-env:UserInstallation={Path(profile).absolute().as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        convert_to,
        "--outdir",
        str(outdir),
        *(str(Path(p).absolute()) for p in inputs),
    ]


def _stage(paths: Sequence[Path], indir: Path) -> list[Path]:
    """Copy each source into its own folder under ``indir``, keeping its name.

    LibreOffice then works on a snapshot, leaves no lock files beside the
    user's files, and sees plain absolute paths (no names starting with ``-``
    or looking like URLs); the name is kept for fields that show it.
    """
    staged = []
    for i, src in enumerate(paths):
        folder = indir / f"{i:05d}"
        folder.mkdir()
        dst = folder / src.name
        try:
            shutil.copyfile(src, dst)
        except OSError as exc:
            raise ConversionError(
                f"Berkas '{src}' tidak dapat dibaca ({os_reason(exc)}). "
                "Periksa izin berkas itu, lalu coba lagi."
            ) from exc
        staged.append(dst)
    return staged


# --------------------------------------------------------------------------
# Running LibreOffice (the only subprocess in zidocs)


FONTS_CONF = DATA / "fonts.conf"


def soffice_env() -> dict[str, str]:
    """The environment for soffice: our fontconfig file, which includes the
    system's and pins Bookman Old Style to TeX Gyre Bonum (same PDF everywhere)."""
    env = dict(os.environ)
    if FONTS_CONF.is_file() and "FONTCONFIG_FILE" not in env:
        env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


@dataclass(frozen=True)
class SofficeResult:
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool


def _run_soffice(argv: list[str], *, timeout: float, cwd: Path) -> SofficeResult:
    """Run soffice in its own process group; kill the whole group on timeout
    or interruption (soffice starts soffice.bin as a child)."""
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=soffice_env(),
            start_new_session=True,
        )
    except OSError as exc:
        raise ConversionError(
            f"LibreOffice ('{argv[0]}') tidak dapat dijalankan ({os_reason(exc)}). "
            + INSTALL_HINT
        ) from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        try:
            out, err = proc.communicate(timeout=_REAP_TIMEOUT)
        except subprocess.TimeoutExpired:  # a straggler outside the group holds the pipes
            proc.kill()
            out, err = b"", b""
        return SofficeResult(None, _text(out), _text(err), timed_out=True)
    except BaseException:  # Ctrl-C and friends: leave no LibreOffice behind
        _kill_group(proc)
        proc.wait()
        raise
    return SofficeResult(proc.returncode, _text(out), _text(err), timed_out=False)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", "replace")


def lock_path() -> Path:
    """The per-user lock file that serialises LibreOffice runs."""
    return Path(tempfile.gettempdir()) / f"zidocs-soffice-{os.getuid()}.lock"


@contextlib.contextmanager
def _soffice_lock(timeout: float) -> Iterator[None]:
    """Hold the LibreOffice lock: a thread lock within this process, and an
    ``flock`` on :func:`lock_path` between processes. Waits at most
    ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    if not _thread_lock.acquire(timeout=max(timeout, 0)):
        raise _busy(timeout)
    try:
        fd = os.open(lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise _busy(timeout) from None
                    time.sleep(_LOCK_POLL)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        _thread_lock.release()


def _busy(timeout: float) -> ConversionError:
    return ConversionError(
        f"LibreOffice masih dipakai oleh proses zidocs lain setelah ditunggu {timeout:g} detik. "
        f"Tunggu proses itu selesai lalu coba lagi (kunci: {lock_path()})."
    )
