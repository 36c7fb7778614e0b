"""Intake checks: what a file really is, and whether the dossier can use it.

Everything here reads the *content*; the uploaded name only has to agree with
it. A refused file raises :class:`BuktiDitolak` whose message (Bahasa
Indonesia) names the file and says how to fix it.

What becomes of each kind:

* PDF — kept as is. If it is encrypted with an empty user password, or damaged
  but repairable (qpdf first, then pypdf), a clean *derived* PDF is written
  beside the original and the fix is recorded in ``catatan``.
* JPEG / PNG — kept as is; the dossier turns them into pages at build time with
  img2pdf (EXIF orientation honoured, JPEG bytes embedded unchanged). Intake
  runs the same conversion once as a trial so a build never meets a surprise.
* DOCX / XLSX / ODT — converted to PDF with the project's LibreOffice converter
  (:func:`zidocs.office.convert.to_pdf`); the original is kept, the PDF is derived.
"""

from __future__ import annotations

import io
import logging
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from zidocs.bukti import halaman as halaman_mod
from zidocs.office import pesan
from zidocs.errors import BuktiError, ConversionError
from zidocs.office.convert import find_soffice, to_pdf
from zidocs.office.drawn import F4

logging.getLogger("img2pdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").addHandler(logging.NullHandler())


class BuktiDitolak(BuktiError):
    """One evidence file was refused at intake."""

    def __init__(self, nama: str, alasan: str, saran: str = ""):
        self.nama = nama
        self.alasan = alasan
        self.saran = saran
        text = f"{nama}: {alasan}"
        if saran:
            text += f" {saran}"
        super().__init__(text)


@dataclass(frozen=True)
class Media:
    kind: str
    media_type: str
    extensions: tuple[str, ...]
    label: str  # how the content is named to the user


MEDIA: dict[str, Media] = {
    m.kind: m
    for m in (
        Media("pdf", "application/pdf", (".pdf",), "PDF"),
        Media("jpeg", "image/jpeg", (".jpg", ".jpeg"), "gambar JPEG"),
        Media("png", "image/png", (".png",), "gambar PNG"),
        Media(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
            "dokumen Word (DOCX)",
        ),
        Media(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            "lembar kerja Excel (XLSX)",
        ),
        Media("odt", "application/vnd.oasis.opendocument.text", (".odt",), "dokumen ODT"),
    )
}
KIND_BY_MEDIA_TYPE = {m.media_type: m.kind for m in MEDIA.values()}
OFFICE_KINDS = ("docx", "xlsx", "odt")

SARAN_JENIS = (
    "Yang diterima: PDF, foto JPEG/PNG, dokumen DOCX/XLSX/ODT. "
    "Simpan atau cetak berkas sebagai PDF lalu tambahkan lagi."
)


def sniff(path: Path) -> str | None:
    """The kind of file by its content (magic bytes), or None when unknown."""
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if b"%PDF-" in head:  # the spec tolerates junk before the header
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    return None


def _sniff_zip(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mt = zf.read("mimetype").decode("ascii", "replace").strip()
                return "odt" if mt == MEDIA["odt"].media_type else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


@dataclass(frozen=True)
class Intake:
    """What intake learnt about one accepted file."""

    kind: str
    media_type: str
    halaman: int
    derived_pdf: Path | None  # PDF made at intake (conversion, repair, decryption)
    catatan: str  # the conversion or repair made, "" when none
    hilang: tuple[int, ...] = ()  # pages replaced by placeholders (--terima-rusak)


Converter = Callable[[Sequence[Path], Path], list[Path]]


def inspect_file(
    path: Path,
    workdir: Path,
    *,
    nama: str | None = None,
    converter: Converter | None = None,
    terima_rusak: bool = False,
) -> Intake:
    """Check one file; raise :class:`BuktiDitolak` if it cannot be evidence.

    ``workdir`` is an empty private folder for derived files; ``nama`` is the
    name shown to the user (default: the file's name). ``terima_rusak``: keep
    a damaged PDF that lost pages, with a placeholder page for each.
    """
    path = Path(path)
    nama = nama or path.name
    if not path.is_file():
        raise BuktiDitolak(nama, "berkas tidak ditemukan atau bukan berkas biasa.",
                           "Periksa jalur berkasnya.")
    if path.stat().st_size == 0:
        raise BuktiDitolak(nama, "berkas kosong (0 bita).",
                           "Ambil lagi berkas aslinya; mungkin unduhan atau salinannya gagal.")
    kind = sniff(path)
    ext = path.suffix.lower() if nama == path.name else Path(nama).suffix.lower()
    if kind is None:
        raise BuktiDitolak(nama, "jenis isi berkas tidak dikenali atau tidak didukung.", SARAN_JENIS)
    media = MEDIA[kind]
    if ext not in media.extensions:
        named = next((m for m in MEDIA.values() if ext in m.extensions), None)
        if named is None:
            said = f"berakhiran '{ext}'" if ext else "tanpa akhiran nama"
            raise BuktiDitolak(
                nama,
                f"nama berkas {said}, tetapi isinya {media.label}.",
                f"Ganti nama berkas dengan akhiran {media.extensions[0]} lalu tambahkan lagi.",
            )
        raise BuktiDitolak(
            nama,
            f"nama berkas berakhiran {ext} ({named.label}), tetapi isinya {media.label}.",
            f"Periksa apakah berkasnya benar; bila benar, ganti akhiran nama menjadi "
            f"{media.extensions[0]} lalu tambahkan lagi.",
        )
    hilang: tuple[int, ...] = ()
    if kind == "pdf":
        halaman, derived, catatan, hilang = check_pdf(path, workdir, nama, terima_rusak=terima_rusak)
    elif kind in ("jpeg", "png"):
        halaman, derived, catatan = check_image(path, kind, nama), None, ""
    else:
        halaman, derived, catatan = convert_office(path, kind, workdir, nama, converter)
    return Intake(kind, media.media_type, halaman, derived, catatan, hilang)


# --- PDF -------------------------------------------------------------------

SARAN_SANDI = (
    "Buka berkas itu dengan kata sandinya, simpan ulang tanpa kata sandi "
    "(mis. Cetak → 'Simpan sebagai PDF'), lalu tambahkan hasilnya."
)
SARAN_RUSAK = (
    "Minta ulang berkas aslinya, atau buka di penampil PDF lalu cetak ulang "
    "sebagai PDF, kemudian tambahkan hasilnya."
)


def check_pdf(path: Path, workdir: Path, nama: str, *,
              terima_rusak: bool = False) -> tuple[int, Path | None, str, tuple[int, ...]]:
    """Open with qpdf (pikepdf); fall back to pypdf. Returns pages, derived PDF,
    note, and the pages replaced by placeholders.

    A repaired file is judged page by page (:mod:`zidocs.bukti.halaman`): if
    any page lost its content the file is refused, or — ``terima_rusak`` — kept
    with a placeholder page for each lost page.
    """
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise BuktiDitolak(nama, "PDF ini dikunci dengan kata sandi.", SARAN_SANDI) from None
    except (pikepdf.PdfError, OSError, RuntimeError, ValueError) as exc:
        return _repair_with_pypdf(path, workdir, nama, exc, terima_rusak)
    with pdf:
        try:
            halaman = len(pdf.pages)
            for page in pdf.pages:
                _ = page.mediabox
                _read_contents(page)
        except (pikepdf.PdfError, RuntimeError, ValueError, TypeError, KeyError) as exc:
            return _repair_with_pypdf(path, workdir, nama, exc, terima_rusak)
        if halaman == 0:
            raise BuktiDitolak(nama, "PDF ini tidak memuat satu halaman pun.", SARAN_RUSAK)
        notes = []
        if pdf.is_encrypted:
            notes.append("enkripsi dibuka dengan kata sandi kosong")
        warnings = [str(w) for w in pdf.get_warnings() if w]
        if not notes and not warnings:
            return halaman, None, "", ()
        facts = None
        if warnings:
            notes.append(f"diperbaiki dengan qpdf: {pesan.qpdf(warnings, [path])}")
            facts = halaman_mod.page_facts(pdf, pesan.objects_damaged(warnings))
        derived = workdir / "turunan.pdf"
        try:
            pdf.save(derived, encryption=False, deterministic_id=True)
        except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
            return _repair_with_pypdf(path, workdir, nama, exc, terima_rusak)
    # the repaired copy must itself open cleanly
    with pikepdf.open(derived) as again:
        if len(again.pages) != halaman:  # pragma: no cover - qpdf invariant
            raise BuktiDitolak(nama, "PDF rusak dan hasil perbaikannya tidak utuh.", SARAN_RUSAK)
        if facts is None:
            return halaman, derived, "; ".join(notes), ()
    hilang = _judge_pages(path, derived, workdir, nama, facts, notes, terima_rusak)
    return halaman, derived, "; ".join(notes), hilang


def _truncated(path: Path) -> bool:
    """No %%EOF near the end: the file was cut off (upload or download)."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 2048))
        return b"%%EOF" not in fh.read()


def _judge_pages(original: Path, derived: Path, workdir: Path, nama: str, facts, notes: list[str],
                 terima_rusak: bool) -> tuple[int, ...]:
    """Judge the repaired ``derived`` page by page; refuse it, or replace its
    lost pages by placeholders (in place). Appends what was found to ``notes``."""
    judged = halaman_mod.judge(facts, halaman_mod.blank_pages(derived, len(facts), workdir))
    total = judged.halaman
    if judged.utuh:
        notes.append(f"isi setiap halaman diperiksa{'' if judged.dirender else ' (tanpa render)'}: utuh")
        return ()
    cut = _truncated(original)
    found = []
    if judged.hilang:
        found.append(f"{len(judged.hilang)} dari {total} halaman kehilangan isinya "
                     f"(hal. {halaman_mod.rentang(judged.hilang)})")
    if judged.sebagian:
        found.append(f"{len(judged.sebagian)} halaman rusak sebagian (hal. {halaman_mod.rentang(judged.sebagian)})")
    why = ("kemungkinan unggahan atau unduhannya terputus sehingga berkasnya terpotong" if cut
           else "kemungkinan berkasnya rusak saat dibuat atau disalin")
    if len(judged.hilang) == total:
        raise BuktiDitolak(nama, f"PDF ini rusak: tidak satu pun dari {total} halamannya masih berisi; {why}.",
                           "Unggah ulang berkas aslinya lalu tambahkan lagi.")
    if not terima_rusak:
        raise BuktiDitolak(
            nama, f"PDF ini rusak: {' dan '.join(found)}; {why}.",
            "Unggah ulang berkas aslinya lalu tambahkan lagi. Bila memang hanya berkas ini yang ada, "
            "tambahkan dengan ⟦opsi|terima-rusak⟧: setiap halaman yang hilang diganti halaman pengganti.")
    if judged.hilang:
        _replace_pages(derived, workdir, nama, judged.hilang, total,
                       "berkasnya terpotong" if cut else "bagian berkasnya rusak")
        found[0] += ", diganti halaman pengganti"
    if judged.sebagian:
        found[-1] += ", dimuat apa adanya"
    notes.append("; ".join(found) + " (diterima walau rusak, atas permintaan)")
    return judged.hilang


def _replace_pages(derived: Path, workdir: Path, nama: str, lost: tuple[int, ...], total: int,
                   sebab: str) -> None:
    import pikepdf

    drawn = workdir / "pengganti.pdf"
    fixed = workdir / "turunan-pengganti.pdf"
    with pikepdf.open(derived) as pdf:
        sizes = [halaman_mod.displayed_size(pdf.pages[n - 1]) for n in lost]
        halaman_mod.placeholder_pdf(drawn, nama, lost, total, sizes, sebab)
        with pikepdf.open(drawn) as ph:
            for k, n in enumerate(lost):
                pdf.pages.insert(n - 1, ph.pages[k])
                del pdf.pages[n]
            pdf.save(fixed, deterministic_id=True)
    fixed.replace(derived)


def _read_contents(page) -> None:
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    for stream in streams:
        stream.read_bytes()


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _repair_with_pypdf(path: Path, workdir: Path, nama: str, first: Exception, terima_rusak: bool):
    from pypdf import PdfReader, PdfWriter

    derived = workdir / "turunan.pdf"
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise BuktiDitolak(nama, "PDF ini dikunci dengan kata sandi.", SARAN_SANDI)
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        halaman = len(writer.pages)
        if halaman == 0:
            raise ValueError("no pages")
        with open(derived, "wb") as fh:
            writer.write(fh)
        import pikepdf

        with pikepdf.open(derived) as check:
            for page in check.pages:
                _read_contents(page)
            facts = halaman_mod.page_facts(check)
    except BuktiDitolak:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure here means "beyond repair"
        cut = " — berkasnya terpotong, kemungkinan unggahan atau unduhannya terputus" if _truncated(path) else ""
        raise BuktiDitolak(
            nama,
            f"PDF rusak dan tidak dapat diperbaiki ({pesan.qpdf([first], [path], limit=3)}{cut}).",
            SARAN_RUSAK,
        ) from exc
    notes = [f"diperbaiki dengan pypdf: {pesan.qpdf([first], [path], limit=3)}"]
    hilang = _judge_pages(path, derived, workdir, nama, facts, notes, terima_rusak)
    return halaman, derived, "; ".join(notes), hilang


# --- images ----------------------------------------------------------------


def check_image(path: Path, kind: str, nama: str) -> int:
    import img2pdf
    from PIL import Image, UnidentifiedImageError

    fmt = {"jpeg": "JPEG", "png": "PNG"}[kind]
    try:
        with Image.open(path) as im:
            if im.format != fmt:
                raise BuktiDitolak(nama, f"isi berkas bukan {MEDIA[kind].label} yang sah.", SARAN_JENIS)
            im.verify()
        with Image.open(path) as im:
            im.load()  # decodes: catches truncated image data
            if im.width < 1 or im.height < 1:
                raise ValueError("empty image")
        img2pdf.convert(str(path), layout_fun=image_layout(), nodate=True)
    except BuktiDitolak:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            img2pdf.ImageOpenError, img2pdf.PdfTooLargeError) as exc:
        raise BuktiDitolak(
            nama,
            f"{MEDIA[kind].label} ini rusak atau tidak dapat dibaca ({pesan.gambar(exc)}).",
            "Ambil atau ekspor ulang gambarnya, lalu tambahkan lagi.",
        ) from exc
    except Exception as exc:  # noqa: BLE001 - img2pdf raises bare Exception subclasses
        raise BuktiDitolak(
            nama,
            f"{MEDIA[kind].label} ini tidak dapat dijadikan halaman PDF ({pesan.gambar(exc)}).",
            "Buka gambarnya, simpan ulang sebagai JPEG atau PNG biasa, lalu tambahkan lagi.",
        ) from exc
    return 1


IMAGE_BORDER = 28.3465  # 10 mm


def image_layout(pagesize: tuple[float, float] = F4, border: float = IMAGE_BORDER, *, auto_orient: bool = True):
    """img2pdf layout: fit into ``pagesize`` (zidocs.office.drawn paper sizes, F4 by
    default; turned to match the image when ``auto_orient``), ``border`` around."""
    import img2pdf

    return img2pdf.get_layout_fun(
        pagesize=pagesize,
        border=(border, border),
        fit=img2pdf.FitMode.into,
        auto_orient=auto_orient,
    )


# --- office documents --------------------------------------------------------


def default_converter() -> Converter:
    return to_pdf


def convert_office(path: Path, kind: str, workdir: Path, nama: str,
                   converter: Converter | None) -> tuple[int, Path, str]:
    convert = converter or default_converter()
    if converter is None:  # LibreOffice missing is not this file's fault: exit 5, not 6
        find_soffice()
    srcdir = workdir / "sumber"
    outdir = workdir / "pdf"
    srcdir.mkdir(parents=True, exist_ok=True)
    outdir.mkdir(parents=True, exist_ok=True)
    # the uploaded name never decides a path: copy under a fixed name
    source = srcdir / f"dokumen{MEDIA[kind].extensions[0]}"
    shutil.copyfile(path, source)
    try:
        outputs = convert([source], outdir)
    except ConversionError as exc:
        if converter is None and _converter_unavailable(exc):
            raise  # LibreOffice itself is missing or busy: exit 5, not this file's fault
        raise BuktiDitolak(
            nama,
            f"{MEDIA[kind].label} ini gagal diubah menjadi PDF ({pesan.libreoffice(exc.message)}).",
            "Buka dokumennya di LibreOffice/Word, ekspor sebagai PDF, lalu tambahkan PDF-nya.",
        ) from exc
    if not outputs or not Path(outputs[0]).is_file():
        raise BuktiDitolak(nama, "LibreOffice tidak menghasilkan PDF dari dokumen ini.",
                           "Ekspor dokumennya sebagai PDF secara manual lalu tambahkan PDF-nya.")
    produced = Path(outputs[0])
    import pikepdf

    try:
        with pikepdf.open(produced) as pdf:
            halaman = len(pdf.pages)
    except pikepdf.PdfError as exc:
        raise BuktiDitolak(nama, "PDF hasil konversi LibreOffice rusak.",
                           "Ekspor dokumennya sebagai PDF secara manual lalu tambahkan PDF-nya.") from exc
    if halaman == 0:
        raise BuktiDitolak(nama, "dokumen ini kosong (PDF hasil konversi tanpa halaman).",
                           "Periksa isi dokumennya.")
    return halaman, produced, f"dikonversi dari {kind.upper()} ke PDF dengan LibreOffice"


def _converter_unavailable(exc: ConversionError) -> bool:
    """LibreOffice missing, not runnable or busy (a message of zidocs.convert)."""
    return any(k in exc.message for k in ("tidak terpasang", "tidak dapat dijalankan", "ZIDOCS_SOFFICE",
                                          "masih dipakai oleh proses zidocs lain"))


def image_pdf_bytes(path: Path) -> bytes:
    """The image as a one-page PDF (img2pdf: EXIF honoured, no re-encoding)."""
    import img2pdf

    buf = io.BytesIO()
    img2pdf.convert(str(path), layout_fun=image_layout(), nodate=True, outputstream=buf)
    return buf.getvalue()
