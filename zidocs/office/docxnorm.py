"""Deterministic DOCX: the same document gives the same bytes.

python-docx (and so docxtpl) stamps every zip entry with the current time and
leaves docProps/core.xml's dates as the template had them (or "now"), so saving
one document twice gives two different files. :func:`normalize_docx_bytes`
rewrites the package:

- entries in a stable order: ``[Content_Types].xml`` first, then by name;
- every entry dated the build date (00:00), mode 0644, Unix, deflated at a
  fixed level, no extra fields or comments;
- core properties: dcterms:created and dcterms:modified = the build date at
  00:00:00Z, cp:revision = ``1``; dc:creator and cp:lastModifiedBy = the
  ``author`` given (zidocs passes the office's name). Without one, the
  template's author is kept, except the software's own stamps ("zidocs",
  "python-docx"), which are cleared: a document never names the software.

Entry contents other than the core properties are copied byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from pathlib import Path
from typing import Protocol, Union

from lxml import etree

from zidocs.office.hari import build_day
from zidocs.office.atomic import write_bytes
from zidocs.errors import TemplateError

# Used when no build date is given (same epoch as zidocs.office.pdfnorm).
REVISION = "1"
# Authors that are a program's stamp, not a person or an office: never kept.
SOFTWARE_AUTHORS = frozenset({"zidocs", "python-docx"})
COMPRESS_LEVEL = 6

CONTENT_TYPES = "[Content_Types].xml"
_REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class _Saveable(Protocol):  # python-docx Document, docxtpl DocxTemplate
    def save(self, file, *args, **kwargs) -> None: ...


DocumentLike = Union[bytes, bytearray, memoryview, _Saveable]


def save_docx(
    document_or_bytes: DocumentLike, target: Path, *, build_date: dt.date | None, author: str | None = None
) -> None:
    """Save a document (python-docx ``Document``, docxtpl ``DocxTemplate`` or
    DOCX bytes) to ``target`` deterministically and atomically."""
    target = Path(target)
    if isinstance(document_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(document_or_bytes)
    else:
        buf = io.BytesIO()
        document_or_bytes.save(buf)
        data = buf.getvalue()
    write_bytes(target, normalize_docx_bytes(data, build_date, name=str(target), author=author))


def normalize_docx_bytes(
    data: bytes, build_date: dt.date | None, *, name: str = "dokumen", author: str | None = None
) -> bytes:
    """Return ``data`` (a DOCX/OOXML package) rewritten deterministically.

    ``author`` becomes the document's author (dc:creator, cp:lastModifiedBy);
    ``name`` only appears in error messages.
    """
    day = build_day(build_date)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            infos = zin.infolist()
            names = [i.filename for i in infos]
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise TemplateError(
                    f"Berkas DOCX '{name}' memuat entri ganda: {', '.join(dupes)}. "
                    "Simpan ulang templatnya dengan Word atau LibreOffice."
                )
            entries = {i.filename: zin.read(i) for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise TemplateError(
            f"Berkas DOCX '{name}' bukan arsip ZIP yang sah ({exc}). "
            "Periksa templatnya: buka dan simpan ulang dengan Word atau LibreOffice."
        ) from exc

    core = core_properties_path(entries)
    if core is not None:
        entries[core] = fix_core_properties(entries[core], day, author=author)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for entry in entry_order(entries):
            zout.writestr(
                _zipinfo(entry, day),
                entries[entry],
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=COMPRESS_LEVEL,
            )
    return out.getvalue()


def entry_order(names) -> list[str]:
    """``[Content_Types].xml`` first (readers sniff it), then by name."""
    return sorted(names, key=lambda n: (n != CONTENT_TYPES, n))


def zip_date_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    # DOS timestamps cannot go below 1980.
    if day.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (day.year, day.month, day.day, 0, 0, 0)


def _zipinfo(name: str, day: dt.date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=zip_date_time(day))
    info.create_system = 3  # Unix; the default depends on the platform
    info.create_version = 20
    info.extract_version = 20
    is_dir = name.endswith("/")
    info.external_attr = ((0o40755 if is_dir else 0o100644) << 16) | (0x10 if is_dir else 0)
    info.extra = b""
    info.comment = b""
    return info


def core_properties_path(entries: dict[str, bytes]) -> str | None:
    """Name of the core-properties part, found through ``_rels/.rels``."""
    rels = entries.get("_rels/.rels")
    if rels is not None:
        try:
            root = etree.fromstring(rels)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            for rel in root.iter(f"{{{_NS['rel']}}}Relationship"):
                if rel.get("Type") == _REL_CORE and rel.get("TargetMode") != "External":
                    target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if target in entries:
                        return target
    return "docProps/core.xml" if "docProps/core.xml" in entries else None


def fix_core_properties(xml: bytes, day: dt.date, *, author: str | None = None) -> bytes:
    """Core properties with fixed dates, author, last editor and revision."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return xml  # not ours to repair; Word/LibreOffice will say so
    stamp = f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"
    for tag in ("created", "modified"):
        el = _child(root, "dcterms", tag)
        el.text = stamp
        el.set(f"{{{_NS['xsi']}}}type", "dcterms:W3CDTF")
    creator = _child(root, "dc", "creator")
    if author is not None:
        creator.text = author or None
    elif (creator.text or "").strip().lower() in SOFTWARE_AUTHORS:
        creator.text = None
    _child(root, "cp", "lastModifiedBy").text = creator.text
    description = root.find(f"{{{_NS['dc']}}}description")
    if description is not None and (description.text or "").strip().lower() == "generated by python-docx":
        description.text = None
    _child(root, "cp", "revision").text = REVISION
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _child(root, prefix: str, tag: str):
    qname = f"{{{_NS[prefix]}}}{tag}"
    el = root.find(qname)
    if el is None:
        el = etree.SubElement(root, qname, nsmap={prefix: _NS[prefix]})
    return el


