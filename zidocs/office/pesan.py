"""Messages of qpdf, pikepdf, pypdf, LibreOffice and the OS, in Bahasa Indonesia.

The libraries report in English and prefix their messages with the path they
were given — for evidence that is a private temp path the user never chose.
Nothing they say reaches the user verbatim: each known message is translated
by the tables below, object numbers are kept (they say *what* was repaired),
paths are dropped, and a message no table knows becomes a general Indonesian
phrase. The tables are data; add a row when a new message is met.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Sequence

# qpdf (libqpdf) warnings and errors, matched in order; {obj} is "objek N" when
# the message names one. Longer, more specific patterns first.
_QPDF: tuple[tuple[str, str], ...] = (
    (r"file is damaged", "berkas rusak"),
    (r"can'?t find startxref", "penanda akhir berkas (startxref) tidak ada — berkas kemungkinan terpotong"),
    (r"attempting to reconstruct cross-reference table", "tabel rujukan silang (xref) dibangun ulang"),
    (r"unable to find trailer dictionary", "kamus trailer tidak ditemukan; struktur berkas disusun ulang"),
    (r"unable to recover stream data; treating stream as empty",
     "data aliran {obj} tidak dapat dipulihkan dan dianggap kosong"),
    (r"attempting to recover stream length", "panjang aliran {obj} dihitung ulang"),
    (r"recovered stream length", "panjang aliran {obj} dipulihkan"),
    (r"expected endstream", "aliran {obj} tidak ditutup dengan benar"),
    (r"expected endobj", "objek {obj} tidak ditutup dengan benar"),
    (r"EOF after endobj|unexpected EOF|EOF while reading token", "berkas berakhir di tengah {obj}"),
    (r"parse error while reading object", "{obj} tidak dapat dibaca"),
    (r"root of pages tree has no /Kids array|pages tree",
     "daftar halaman (pohon /Pages) hilang atau rusak"),
    (r"unable to find /Root|no /Root|/Root .*not a dictionary", "katalog dokumen (/Root) tidak ditemukan"),
    (r"can'?t find PDF header", "kepala berkas %PDF tidak ditemukan"),
    (r"xref not found|invalid xref|xref syntax invalid|xref table", "tabel rujukan silang (xref) rusak"),
    (r"error decoding stream data|stream filter|decompress|zlib|inflate", "data terkompresi {obj} rusak"),
    (r"object stream", "aliran objek {obj} rusak"),
    (r"reported number of objects", "jumlah objek yang tercatat tidak sesuai"),
    (r"dictionary has duplicated key|duplicate key", "kamus {obj} memuat kunci ganda"),
    (r"expected dictionary key|inserting key", "kamus {obj} rusak"),
    (r"unexpected|invalid|treating .* as null", "sintaks {obj} rusak"),
    (r"is direct; converting to indirect", "struktur halaman dirapikan"),
    (r"invalid password|password", "kata sandi tidak cocok"),
    (r"not found", "{obj} tidak ditemukan"),
)

# pypdf's exception texts
_PYPDF: tuple[tuple[str, str], ...] = (
    (r"EOF marker not found", "penanda akhir berkas (%%EOF) tidak ada — berkas kemungkinan terpotong"),
    (r"startxref not found|xref", "tabel rujukan silang (xref) rusak atau hilang"),
    (r"Stream has ended unexpectedly|Unexpected end of stream|unexpected EOF",
     "berkas berakhir di tengah data — kemungkinan terpotong"),
    (r"Cannot find Root object|Root object|/Root", "katalog dokumen (/Root) tidak ditemukan"),
    (r"no pages", "tidak ada halaman yang dapat dipulihkan"),
    (r"Could not read|Invalid Elementary Object|invalid|Unexpected", "sintaks PDF rusak"),
    (r"decrypt|password", "kata sandi tidak cocok"),
)

UMUM_PDF = "kerusakan lain pada struktur PDF"

_OBJ = re.compile(r"\(object (\d+) (\d+)(?:, offset \d+)?\)|object (\d+) (\d+)|\(trailer(?:, offset \d+)?\)")


def objects_named(messages: Iterable[object]) -> set[int]:
    """Object numbers named in qpdf messages ("(object 31 0, offset 7120)")."""
    found = set()
    for m in messages:
        for hit in _OBJ.finditer(str(m)):
            num = hit.group(1) or hit.group(3)
            if num is not None:
                found.add(int(num))
    return found


_LOSS = re.compile(r"unable to recover|treating .* as (?:null|empty)|not found|EOF|parse error|error decoding|"
                   r"unexpected|invalid|unable to", re.I)


def objects_damaged(messages: Iterable[object]) -> set[int]:
    """Objects a qpdf message says were lost or misread, not merely re-measured
    ("attempting to recover stream length" followed by "recovered stream
    length" is a stream qpdf got back whole)."""
    found = set()
    for m in messages:
        text = str(m)
        if _LOSS.search(_OBJ.sub("", text)):
            found |= objects_named([text])
    return found


def _translate(text: str, table: Sequence[tuple[str, str]]) -> str | None:
    obj = None
    hit = _OBJ.search(text)
    if hit is not None:
        obj = f"objek {hit.group(1) or hit.group(3)}" if (hit.group(1) or hit.group(3)) else "trailer"
    for pattern, indonesian in table:
        if re.search(pattern, text, re.I):
            if "{obj}" in indonesian:
                return indonesian.format(obj=obj or "sebuah objek").replace("aliran sebuah objek",
                                                                            "sebuah aliran")
            return indonesian
    return None


def qpdf(messages: Iterable[object], paths: Sequence[Path | str] = (), limit: int = 6) -> str:
    """qpdf/pikepdf warnings or an exception, as one Indonesian phrase list.

    Repeated phrases are said once, in order; at most ``limit`` phrases,
    then "dan N kerusakan lain"."""
    return _join((_translate(hapus_jalur(str(m), paths), _QPDF) or UMUM_PDF for m in messages), limit)


def pypdf(exc: object, paths: Sequence[Path | str] = ()) -> str:
    return _translate(hapus_jalur(str(exc), paths), _PYPDF) or UMUM_PDF


def _join(phrases: Iterable[str], limit: int) -> str:
    seen: list[str] = []
    for p in phrases:
        if p not in seen:
            seen.append(p)
    if len(seen) > limit:
        rest = len(seen) - limit
        seen = seen[:limit] + [f"dan {rest} kerusakan lain"]
    return "; ".join(seen)


def hapus_jalur(text: str, paths: Sequence[Path | str] = ()) -> str:
    """``text`` without the given paths and without any absolute path at all."""
    for p in sorted((str(p) for p in paths if str(p)), key=len, reverse=True):
        text = text.replace(f"{p}: ", "").replace(p, "")
    # whatever absolute path is left (qpdf, LibreOffice name the files they read)
    # (two segments at least: a PDF name such as /Kids is not a path)
    text = re.sub(r"(?:file://)?(?<![\w.])(?:/[^\s/'\"():,]+){2,}/?", "", text)
    return " ".join(text.replace(" :", ":").split()).strip(" :")


# --- Pillow / img2pdf ------------------------------------------------------------------------

_GAMBAR: tuple[tuple[str, str], ...] = (
    (r"truncated|not processed|premature end|broken data stream|unexpected end",
     "data gambarnya terpotong — kemungkinan unggahan atau unduhannya terputus"),
    (r"cannot identify image|unidentified|not a (?:jpeg|png)|invalid (?:jpeg|png)|bad|corrupt",
     "isi gambarnya tidak dapat dikenali"),
    (r"decompression bomb|exceeds limit|too large", "ukuran gambarnya terlalu besar"),
    (r"empty image|zero|width|height", "gambarnya tidak berukuran"),
    (r"CRC|checksum|crc", "pemeriksaan CRC datanya gagal (berkas rusak)"),
    (r"alpha|transparen", "transparansi gambarnya tidak dapat diubah ke PDF"),
    (r"mode|colorspace|palette", "mode warna gambarnya tidak didukung"),
)


def gambar(exc: object) -> str:
    """Why Pillow or img2pdf could not read an image."""
    return _translate(str(exc), _GAMBAR) or "gambarnya rusak atau formatnya tidak lazim"


# --- LibreOffice ------------------------------------------------------------------------

_LIBREOFFICE: tuple[tuple[str, str], ...] = (
    (r"bukan berkas \w+ yang sah", "isinya bukan dokumen yang sah: rusak, terpotong, atau dilindungi kata sandi"),
    (r"source file could not be loaded|tidak dapat membuka dokumen ini",
     "LibreOffice tidak dapat membuka dokumen ini: rusak, terpotong, atau bukan dokumen yang sah"),
    (r"tidak selesai dalam", "LibreOffice tidak selesai dalam batas waktu (dokumen sangat besar atau rusak)"),
    (r"masih dipakai oleh proses zidocs lain", "LibreOffice sedang dipakai proses zidocs lain; coba lagi nanti"),
    (r"tidak terpasang|tidak dapat dijalankan|ZIDOCS_SOFFICE", "LibreOffice tidak dapat dijalankan"),
    (r"tidak dapat dinormalisasi", "PDF hasil LibreOffice tidak dapat dirapikan"),
    (r"PDF yang dihasilkan kosong|tidak menghasilkan|bukan PDF|tanpa halaman|no export filter|Error",
     "LibreOffice tidak menghasilkan PDF dari dokumen ini"),
)


def libreoffice(message: str) -> str:
    """Why LibreOffice failed on one evidence document, without temp paths or
    LibreOffice's English lines."""
    return _translate(message, _LIBREOFFICE) or "LibreOffice gagal mengubah dokumen ini menjadi PDF"
