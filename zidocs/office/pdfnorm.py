"""Deterministic PDFs: the same input gives the same bytes.

LibreOffice stamps every PDF with the wall-clock time (/CreationDate) and a
random trailer /ID, so converting one document twice gives two different files.
:func:`normalize_pdf` rewrites those fields with pikepdf (qpdf):

- /CreationDate and /ModDate become the build date at 00:00:00Z (or a fixed
  epoch when no build date is given);
- /Author becomes ``author`` when one is given (zidocs passes the office's
  name); /Producer stays what LibreOffice wrote ("LibreOffice 7.4"): the
  document names its office, never the software that filled it in;
- LibreOffice's non-standard trailer /DocChecksum (different every run) is
  dropped;
- the trailer /ID is derived from a hash of the file's content
  (qpdf's ``deterministic_id``), not random;
- ICC profiles of PDF/A output intents get the build date in their header
  (lcms stamps the creation time there);
- XMP metadata, when present (PDF/A), is made to agree with the Info
  dictionary, as PDF/A requires: the same dates (xmp:CreateDate,
  xmp:ModifyDate, xmp:MetadataDate), dc:title, dc:creator, pdf:Producer and
  xmp:CreatorTool; its per-run UUIDs (xmpMM:DocumentID / InstanceID) are
  removed and its PDF/A identification (pdfaid) kept.

Nothing else is touched: page content, fonts (still embedded) and structure
are copied as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
from pathlib import Path

from zidocs.errors import ConversionError
from zidocs.office.hari import build_day
from zidocs.office.atomic import atomic_path
from zidocs.office.lazy import lazy_import
from zidocs.office.type1 import normalise_type1

pikepdf = lazy_import("pikepdf")

# Used when no build date is given: a fixed, obviously synthetic date.

# XMP properties that change on every run and carry no meaning for a reader.
_XMP_VOLATILE = (
    "xmpMM:DocumentID",
    "xmpMM:InstanceID",
    "xmpMM:VersionID",
    "xmpMM:History",
    "xmpMM:DerivedFrom",
)


def pdf_date(build_date: dt.date | None) -> str:
    """PDF date string for ``build_date`` at 00:00:00 UTC.

    >>> pdf_date(dt.date(2026, 3, 9))
    'D:20260309000000Z'
    """
    d = build_day(build_date)
    return f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000Z"


def xmp_date(build_date: dt.date | None) -> str:
    """ISO 8601 date for XMP at 00:00:00 UTC.

    >>> xmp_date(None)
    '2000-01-01T00:00:00Z'
    """
    d = build_day(build_date)
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T00:00:00Z"


def normalize_pdf(
    src: Path,
    dst: Path,
    *,
    title: str | None = None,
    build_date: dt.date | None = None,
    author: str | None = None,
) -> None:
    """Rewrite ``src`` into ``dst`` (atomically) with deterministic metadata.

    ``title`` and ``author`` replace the document's title and author when
    given; otherwise what the PDF already has (LibreOffice copies both from
    the document's properties) is kept. ``src`` and ``dst`` may be the same
    path.
    """
    src, dst = Path(src), Path(dst)
    stamp = pdf_date(build_date)
    try:
        with pikepdf.open(src) as pdf:
            _fix_docinfo(pdf, stamp=stamp, title=title, author=author)
            _fix_trailer(pdf)
            _fix_xmp(pdf, stamp=xmp_date(build_date))
            _fix_output_intents(pdf, build_day(build_date))
            normalise_type1(pdf)
            with atomic_path(dst) as tmp:
                pdf.save(
                    tmp,
                    deterministic_id=True,
                    # We set the metadata ourselves; don't let pikepdf add to it.
                    fix_metadata_version=False,
                    linearize=False,
                    # Object streams: a PDF/A's structure tree (thousands of small
                    # dictionaries) would otherwise take 3/4 of the file (404 KB vs 110 KB).
                    object_stream_mode=pikepdf.ObjectStreamMode.generate,
                )
    except pikepdf.PdfError as exc:
        raise ConversionError(
            f"PDF '{src}' tidak dapat dibaca untuk dinormalisasi ({exc}). "
            "Berkas itu rusak; buat ulang dari dokumen sumbernya."
        ) from exc


def _fix_docinfo(pdf: pikepdf.Pdf, *, stamp: str, title: str | None, author: str | None) -> None:
    info = pdf.docinfo
    info[pikepdf.Name.CreationDate] = pikepdf.String(stamp)
    info[pikepdf.Name.ModDate] = pikepdf.String(stamp)
    if title is not None:
        info[pikepdf.Name.Title] = pikepdf.String(title)
    if author is not None:
        info[pikepdf.Name.Author] = pikepdf.String(author)


def _fix_trailer(pdf: pikepdf.Pdf) -> None:
    # LibreOffice writes a non-standard /DocChecksum into the trailer (an MD5
    # that changes with every run); qpdf would copy it. qpdf also keeps the
    # old /ID[0] even with deterministic_id: drop /ID so both halves of the
    # new one are the content hash.
    for key in (pikepdf.Name.DocChecksum, pikepdf.Name.ID):
        if key in pdf.trailer:
            del pdf.trailer[key]


# Info dictionary key → the XMP property PDF/A says must hold the same value.
_INFO_XMP = (
    (pikepdf.Name.Producer, "pdf:Producer"),
    (pikepdf.Name.Creator, "xmp:CreatorTool"),
)


def _fix_xmp(pdf: pikepdf.Pdf, *, stamp: str) -> None:
    """Pin the varying fields of an XMP stream, if the PDF has one, and make
    it agree with the (already fixed) Info dictionary.

    LibreOffice only writes XMP for PDF/A or when asked to; it is kept (PDF/A
    requires it) but its dates and per-run UUIDs are made fixed.
    """
    if pikepdf.Name.Metadata not in pdf.Root:
        return
    info = pdf.docinfo
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        for key in _XMP_VOLATILE:
            if key in meta:
                del meta[key]
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            meta[key] = stamp
        for name, key in _INFO_XMP:
            if name in info:
                meta[key] = str(info[name])
            elif key in meta:
                del meta[key]
        if pikepdf.Name.Title in info:
            meta["dc:title"] = str(info[pikepdf.Name.Title])
        elif "dc:title" in meta:
            del meta["dc:title"]
        if pikepdf.Name.Author in info:
            meta["dc:creator"] = [str(info[pikepdf.Name.Author])]
        elif "dc:creator" in meta:
            del meta["dc:creator"]


def _fix_output_intents(pdf: pikepdf.Pdf, day: dt.date) -> None:
    intents = pdf.Root.get(pikepdf.Name.OutputIntents)
    if not isinstance(intents, pikepdf.Array):
        return
    for intent in intents:
        profile = intent.get(pikepdf.Name.DestOutputProfile) if isinstance(intent, pikepdf.Dictionary) else None
        if not isinstance(profile, pikepdf.Stream):
            continue
        data = profile.read_bytes()
        fixed = fix_icc_date(data, day)
        if fixed != data:
            profile.write(fixed)  # unencoded data; qpdf compresses it on save


def fix_icc_date(data: bytes, day: dt.date) -> bytes:
    """Return the ICC profile ``data`` with its creation date set to ``day``.

    The header's dateTimeNumber (bytes 24–35) holds the time the profile was
    made. When the profile carries an ID (ICC v4 MD5, bytes 84–99) it is
    recomputed as the ICC spec says (MD5 with flags, intent and ID zeroed).
    Anything that is not an ICC profile is returned unchanged.
    """
    if len(data) < 128 or data[36:40] != b"acsp":
        return data
    out = bytearray(data)
    out[24:36] = struct.pack(">6H", day.year, day.month, day.day, 0, 0, 0)
    if any(out[84:100]):
        probe = bytearray(out)
        probe[44:48] = bytes(4)
        probe[64:68] = bytes(4)
        probe[84:100] = bytes(16)
        out[84:100] = hashlib.md5(probe, usedforsecurity=False).digest()
    return bytes(out)


# --- PDF/A-2b for PDFs zidocs assembles itself (the dossier) -----------------------

SRGB_IDENTIFIER = "sRGB IEC61966-2.1"
_SRGB_FILES = ("/usr/share/color/icc/colord/sRGB.icc",  # Debian colord-data
               "/usr/share/color/icc/sRGB.icc")


def srgb_profile() -> bytes:
    """An sRGB ICC profile for a PDF/A output intent: the one pikepdf ships for
    its own PDF/A work (``pikepdf/pdfa/data/sRGB.icc``), else a Debian copy."""
    import importlib.resources

    try:
        return importlib.resources.files("pikepdf").joinpath("pdfa/data/sRGB.icc").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        for name in _SRGB_FILES:
            if Path(name).is_file():
                return Path(name).read_bytes()
        raise


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xmp_packet(*, title: str, creator: str, subject: str, keywords: str, producer: str, creator_tool: str,
               build_date: dt.date | None, pdfa: bool) -> bytes:
    """An XMP packet agreeing with an Info dictionary of these values (dates at
    the build date, as :func:`pdf_date`); with ``pdfa`` it declares PDF/A-2b."""
    date = xmp_date(build_date)
    ident = ('\n   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>'
             if pdfa else "")
    ns = '\n    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' if pdfa else ""
    body = f'''<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"{ns}>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{_xml(creator)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{_xml(keywords)}</pdf:Keywords>
   <pdf:Producer>{_xml(producer)}</pdf:Producer>
   <xmp:CreatorTool>{_xml(creator_tool)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>{ident}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>'''
    return body.encode("utf-8")
