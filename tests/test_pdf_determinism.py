"""Same document, same PDF bytes — wherever it sits in a LibreOffice batch.

LibreOffice numbers embedded Type 1 fonts with a process-wide counter
(/UniqueID 4100000 + n); zidocs.office.type1 replaces it with a value derived
from the font program, so a document converted second (or on a warm
converter) is byte-identical to one converted first."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pikepdf
import pytest

from zidocs import api
from zidocs.office.convert import to_pdf
from zidocs.plan.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")


def _uids(path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [re.search(rb"/UniqueID (\d+)", o.FontFile.read_bytes()).group(1)
                for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/FontDescriptor" and "/FontFile" in o]


def test_position_in_a_batch_does_not_change_the_bytes(ws_dir, tmp_path):
    docx = api.keputusan(Workspace(ws_dir), 2026).build.docx[1]  # the salinan
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    shutil.copy(docx, a)
    shutil.copy(docx, b)
    pa, pb = to_pdf([a, b], tmp_path / "pdf", build_date=dt.date(2026, 3, 6))
    assert pa.read_bytes() == pb.read_bytes()
    uids = _uids(pa)
    assert uids and all(not u.startswith(b"41000") for u in uids)  # not the run counter
    assert subprocess.run(["qpdf", "--check", str(pa)], capture_output=True).returncode == 0
    text = subprocess.run(["pdftotext", str(pa), "-"], capture_output=True, text=True).stdout
    assert "Salinan sesuai dengan aslinya" in text  # the fonts still draw their glyphs


def test_decree_pdfs_are_archival_and_name_the_office(ws_dir):
    """`zidocs keputusan --pdf`: PDF/A-2b, authored by the office, never the software."""
    r = api.keputusan(Workspace(ws_dir), 2026, pdf=True)
    for pdf in r.build.pdf:
        with pikepdf.open(pdf) as doc:
            assert str(doc.docinfo["/Author"]) == "Komisi Pemilihan Umum Kabupaten Merangin"
            xmp = doc.Root.Metadata.read_bytes().decode()
            assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
            assert "/OutputIntents" in doc.Root
            assert "zidocs" not in (xmp + " ".join(map(str, doc.docinfo.values()))).lower()
    from docx import Document

    props = Document(str(r.build.docx[1])).core_properties
    assert props.author == "Komisi Pemilihan Umum Kabupaten Merangin"
