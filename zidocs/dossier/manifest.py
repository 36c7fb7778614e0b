"""The manifest next to each dossier PDF: every source file, its hash, the
pages it occupies, and any conversion or repair (JSON, deterministic).

``id`` is the sha256 of the manifest's canonical JSON without ``id`` and the
PDF's own hash (:func:`zidocs.dossier.publish.manifest_id`); the PDF names it
in its document information, and ``pdf.sha256`` names the PDF: a reader can
tell whether the two belong together (``periksa_pasangan``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Sequence

from zidocs import __version__
from zidocs.office.atomic import write_text
from zidocs.bukti.store import BuktiEntry
from zidocs.dossier.layout import BELUM_ADA_BUKTI, DossierLayout
from zidocs.plan.models import Plan

MANIFEST_VERSION = 2  # 2: "id", PDF named by hash both ways, "tanggal_kegiatan"


def build(*, plan: Plan, areas: Sequence[str], combined: bool, tanggal: dt.date,
          layout: DossierLayout, entries: Sequence[BuktiEntry], notes: dict[str, list[str]],
          pdf_name: str) -> dict:
    """Everything but ``id`` and ``pdf.sha256`` (known only once the PDF is written)."""
    by_id = {e.id: e for e in entries}
    berkas = []
    for p in layout.placements:
        e = by_id[p.evidence.id]
        berkas.append({
            "id": e.id,
            "indikator": p.evidence.indikator,  # the printed ID in this build
            "kunci_indikator": e.indikator,  # its stable key
            "nama_asli": e.nama_asli,
            "sha256": e.sha256,
            "ukuran": e.ukuran,
            "media_type": e.media_type,
            "halaman_awal": p.start,
            "halaman_akhir": p.last,
            "jumlah_halaman": p.pages,
            "pdf_turunan_sha256": e.pdf_sha256,
            "konversi_perbaikan": list(notes.get(e.sha256, [])),
            "duplikat_dari": p.duplikat_dari,
            "pengganti": p.evidence.alasan if p.placeholder else None,
            "keterangan": e.keterangan,
            "ditambahkan": e.ditambahkan,
            "tanggal_kegiatan": e.tanggal,
        })
    tanpa = [r.ref for rows in layout.index_pages for r in rows
             if r.kind == "indikator" and r.note == BELUM_ADA_BUKTI]
    return {
        "zidocs_manifest": MANIFEST_VERSION,
        "zidocs": __version__,
        "kantor": plan.kantor.nama,
        "tahun": plan.tahun,
        "area": list(areas),
        "gabungan": combined,
        "tanggal_penyusunan": tanggal.isoformat(),
        "pdf": {"nama": pdf_name, "jumlah_halaman": layout.total_pages},
        "halaman_depan": {"sampul": 1, "daftar_isi": list(range(2, layout.front_pages + 1))},
        "jumlah_berkas": layout.files,
        "jumlah_halaman_pengganti": layout.placeholders,
        "berkas": berkas,
        "indikator_tanpa_bukti": tanpa,
    }


def write(path: Path, body: dict, manifest_id: str, pdf_sha256: str, pdfa: dict | None = None) -> dict:
    """``pdfa``: whether the PDF claims PDF/A-2b and, when not, why (facts about the
    written PDF, like its hash: outside the manifest's id)."""
    pdf = {**body["pdf"], "sha256": pdf_sha256}
    if pdfa is not None:
        pdf["pdfa"] = pdfa
    data = {"id": manifest_id, **body, "pdf": pdf}
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return data
