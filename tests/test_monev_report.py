"""Monev reports built for real: TW1 and S1 of the shipped 2026 plan, with
monev input and evidence added through the evidence store, then read back
from the DOCX (python-docx) and the PDF (LibreOffice, pdftotext).

Every figure in the report is compared with a count made here from the raw
inputs (YAML read with ruamel, target months from the plan, the evidence
dates this module added), not with zidocs.monev's own numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from docx import Document
from ruamel.yaml import YAML

from zidocs.plan.check import load_plan
from zidocs.monev.report import build_laporan, grafik_png
from zidocs.text.target_waktu import parse_target_waktu
from zidocs.plan.workspace import Workspace
from zidocs.text.markup import plain

from helpers import copy_workspace

UTC = dt.timezone.utc
HAVE_SOFFICE = bool(os.environ.get("ZIDOCS_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice"))
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice (soffice) tidak terpasang")

PENANDATANGAN = """\
penandatangan:
  ketua_tim:
    nama: Drs. Hendra Saputra, M.Si.
    nip: '197305121998031004'
    jabatan: [Ketua Tim Kerja, Pembangunan Zona Integritas]
  penanggung_jawab:
    nama: Alber Trisman
    jabatan: [Ketua KPU Kabupaten Merangin, selaku Penanggung Jawab]
"""

TW1 = """\
periode: TW1
tanggal_laporan: 2026-04-06
rapat:
  tanggal: 2026-03-30
  tempat: Aula KPU Kabupaten Merangin
  pimpinan: Alber Trisman
  jabatan_pimpinan: Ketua KPU Kabupaten Merangin
  peserta: 17
""" + PENANDATANGAN + """\
indikator:
  I.1.1: {realisasi: 100, status: selesai}
  I.2.1: {realisasi: 40, status: proses, kendala: Anggaran *website* terbatas, tindak_lanjut: Ajukan revisi anggaran}
  I.4.2: {realisasi: 0, status: belum, kendala: Calon agen belum diusulkan}
  III.1.1: {realisasi: 100, status: selesai}
  IV.2.1: {realisasi: 62.5, status: proses, catatan: Draf dibahas dengan *role model* unit lain}
  V.1.1: {realisasi: 100, status: selesai}
  V.3.2: {realisasi: 20, status: proses}
  VI.1.1: {status: selesai}
rekomendasi:
  - teks: Menetapkan SK Agen Perubahan paling lambat April 2026
    penanggung_jawab: Sekretaris
    batas_waktu: April 2026
  - teks: Mengunggah bukti dukung setiap bulan
    penanggung_jawab: Koordinator area I–VI
"""

S1 = """\
periode: S1
rapat:
  tanggal: 2026-06-29
  pimpinan: Alber Trisman
  peserta: 21
""" + PENANDATANGAN + """\
indikator:
  I.1.1: {realisasi: 100, status: selesai}
  I.2.1: {realisasi: 70, status: proses}
  I.4.2: {realisasi: 100, status: selesai}
  II.2.1: {realisasi: 50, status: proses}
  V.3.2: {realisasi: 100, status: selesai}
  VI.3.1: {realisasi: 30, status: proses}
tindak_lanjut_rekomendasi:
  - asal: TW1
    rekomendasi: Menetapkan SK Agen Perubahan paling lambat April 2026
    status: selesai
    keterangan: SK ditetapkan 20 April 2026
rekomendasi:
  - teks: Menindaklanjuti hasil survei kepuasan masyarakat
    penanggung_jawab: Koordinator area VI
    batas_waktu: Agustus 2026
"""

def berkunci(text: str) -> str:
    """A monev input written here with printed IDs (readable), keyed as zidocs
    keys it: by the indicator's kunci in the shipped plan."""
    from helpers import REPO

    kunci = {r.id: r.kunci for r in load_plan(REPO, 2026).indikator_list()}
    return re.sub(r"(?m)^  ([IVX]+\.\d+\.\d+):", lambda m: f"  {kunci[m.group(1)]}:", text)


# (indicator, day added at 05:00 UTC)
BUKTI = [
    ("I.2.1", dt.date(2026, 2, 10)),
    ("II.2.1", dt.date(2026, 3, 31)),  # the last day of TW1 counts
    ("II.2.2", dt.date(2026, 4, 1)),  # one day late for TW1
    ("I.4.2", dt.date(2026, 4, 15)),
    ("V.1.1", dt.date(2026, 1, 20)),
    ("V.1.2", dt.date(2026, 5, 2)),
    ("V.1.2", dt.date(2026, 5, 3)),
]


def tiny_png(path: Path, n: int) -> Path:
    from PIL import Image

    Image.new("RGB", (8, 8), (n * 30 % 256, 80, 160)).save(path)
    return path


def add_evidence(ws_dir: Path, tmp: Path) -> str:
    """Add BUKTI through the evidence store's API; without it, write the
    registry rows the monev reader documents. Returns which way was used."""
    try:
        from zidocs.bukti.store import BuktiStore
    except ImportError:  # pragma: no cover - the store is being built alongside
        BuktiStore = None
    if BuktiStore is not None:
        store = BuktiStore.open(ws_dir / "bukti")
        kunci = {r.id: r.kunci for r in load_plan(ws_dir, 2026).indikator_list()}  # rows name the kunci
        for n, (ind, day) in enumerate(BUKTI):
            png = tiny_png(tmp / f"bukti-{n}.png", n)
            store.add([png], indikator=kunci[ind], tahun=2026, now=dt.datetime.combine(day, dt.time(5), UTC))
        return "store"
    root = ws_dir / "bukti"  # pragma: no cover
    root.mkdir()
    con = sqlite3.connect(root / "registri.sqlite3")
    con.execute("CREATE TABLE bukti (id INTEGER PRIMARY KEY, tahun INT, indikator TEXT, ditambahkan TEXT)")
    con.executemany("INSERT INTO bukti (tahun, indikator, ditambahkan) VALUES (2026, ?, ?)",
                    [(i, f"{d.isoformat()}T05:00:00+00:00") for i, d in BUKTI])
    con.commit()
    con.close()
    return "registry"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A workspace with TW1 and S1 input and evidence; both reports built with PDF."""
    tmp = tmp_path_factory.mktemp("monev")
    ws_dir = copy_workspace(tmp / "ws")
    year = ws_dir / "plan" / "2026"
    for p in year.glob("monev-*.yaml"):
        p.unlink()
    (year / "monev-TW1.yaml").write_text(berkunci(TW1), encoding="utf-8")
    (year / "monev-S1.yaml").write_text(berkunci(S1), encoding="utf-8")
    how = add_evidence(ws_dir, tmp)
    ws = Workspace(ws_dir)
    results = {k: build_laporan(ws, 2026, k, pdf=HAVE_SOFFICE, tz=UTC) for k in ("TW1", "S1")}
    return ws_dir, results, how


# --- independent expectations ---------------------------------------------------------

PERIODE = {"TW1": (1, 3, dt.date(2026, 3, 31)), "S1": (1, 6, dt.date(2026, 6, 30))}
LABEL = {"belum": "Belum", "proses": "Proses", "selesai": "Selesai"}


def expected(ws_dir: Path, kode: str) -> dict:
    plan = load_plan(ws_dir, 2026)
    raw = YAML(typ="safe").load((ws_dir / "plan" / "2026" / f"monev-{kode}.yaml").read_text(encoding="utf-8"))
    rows = raw.get("indikator") or {}
    lo, hi, end = PERIODE[kode]
    out = {"due": [], "late": [], "tanpa_bukti": []}
    for ref in plan.indikator_list():
        months = parse_target_waktu(ref.indikator.target_waktu, 2026).bulan
        row = rows.get(ref.kunci) or {}
        status = row.get("status", "belum")
        n_bukti = sum(1 for i, d in BUKTI if i == ref.id and d <= end)
        if any(lo <= m <= hi for m in months):
            out["due"].append((ref.id, ref.area.kode, status, row.get("realisasi", 100 if status == "selesai" else 0),
                               n_bukti, ref.kunci in rows))
        realisasi = row.get("realisasi", 100 if status == "selesai" else 0)
        passed = sum(m <= hi for m in months)
        # terlambat: not done, and past the final target month or below its own pace
        if months and status != "selesai" and (max(months) <= hi or realisasi * len(months) < 100 * passed):
            out["late"].append(ref.id)
        if months and min(months) <= hi and n_bukti == 0:
            out["tanpa_bukti"].append(ref.id)
    return out


# --- reading the DOCX ---------------------------------------------------------------------


def texts(row) -> list[str]:
    return [c.text.strip() for c in row.cells]


def find_tables(doc) -> dict[str, list]:
    """Tables by their header row."""
    out: dict[str, list] = {}
    for t in doc.tables:
        head = " ".join(texts(t.rows[0])).replace("\u00ad", "")
        if "AREA PERUBAHAN" in head:
            out["ringkasan"] = t
        elif "KENDALA" in head:
            out.setdefault("rinci", t) if "rinci" not in out else out.setdefault("sisa", t)
        elif "ASAL" in head:
            out["tindak_lanjut"] = t
        elif "PENANGGUNG JAWAB" in head:
            out["rekomendasi"] = t
        elif head.startswith("NO ID INDIKATOR") and "ALASAN" in head:
            out["terlambat"] = t
        elif head.startswith("NO ID INDIKATOR"):
            out["tanpa_bukti"] = t
    return out


def detail_rows(table) -> list[list[str]]:
    rows = []
    for r in table.rows[1:]:
        cells = texts(r)
        if len(set(cells)) == 1:  # an area row (one merged cell)
            continue
        rows.append(cells)
    return rows


def pct(values) -> str:
    values = [Decimal(str(v)) for v in values]
    if not values:
        return "–"
    return f"{(sum(values) / len(values)).quantize(Decimal('0.1'), ROUND_HALF_UP):.1f}".replace(".", ",")


# --- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kode", ["TW1", "S1"])
def test_summary_table_matches_an_independent_count_of_the_detail_rows(built, kode):
    ws_dir, results, _ = built
    doc = Document(str(results[kode].docx))
    tables = find_tables(doc)
    detail = detail_rows(tables["rinci"])
    want = expected(ws_dir, kode)

    # the detail table is exactly the actions due in the period, in plan order
    assert [r[0] for r in detail] == [d[0] for d in want["due"]]
    for r, (iid, _area, status, realisasi, n_bukti, filled) in zip(detail, want["due"]):
        assert r[4] == LABEL[status] + ("" if filled else "*"), iid
        assert Decimal(r[3].replace(",", ".")) == Decimal(str(realisasi)), iid
        assert r[5] == str(n_bukti), iid

    # the summary: every area row and the total re-counted from the detail rows
    summary = [texts(r) for r in tables["ringkasan"].rows[1:]]
    by_area: dict[str, list[list[str]]] = {}
    for r in detail:
        by_area.setdefault(r[0].split(".")[0], []).append(r)
    for row in summary[:-1]:
        rows = by_area.get(row[0], [])
        count = [len(rows)] + [sum(r[4].rstrip("*") == s for r in rows) for s in ("Selesai", "Proses", "Belum")]
        assert row[2:6] == [str(c) for c in count], row
        assert row[6] == pct(r[3].replace(",", ".") for r in rows), row
    total = summary[-1]
    assert total[0] == total[1] == "JUMLAH"
    assert total[2:6] == [str(len(detail))] + [str(sum(r[4].rstrip("*") == s for r in detail))
                                               for s in ("Selesai", "Proses", "Belum")]
    assert total[6] == pct(r[3].replace(",", ".") for r in detail)


@pytest.mark.parametrize("kode", ["TW1", "S1"])
def test_overdue_list(built, kode):
    ws_dir, results, _ = built
    tables = find_tables(Document(str(results[kode].docx)))
    got = [texts(r)[1] for r in tables["terlambat"].rows[1:]]
    assert got == expected(ws_dir, kode)["late"]
    assert [texts(r)[0] for r in tables["terlambat"].rows[1:]] == [str(i) for i in range(1, len(got) + 1)]
    alasan = [texts(r)[5] for r in tables["terlambat"].rows[1:]]
    assert all(a == "lewat bulan target terakhir" or re.fullmatch(r"realisasi [\d,]+% di bawah laju [\d,]+%", a)
               for a in alasan), alasan


@pytest.mark.parametrize("kode, contoh", [("TW1", "akhir Maret: 3 dari 12 bulan, 25%"),
                                          ("S1", "akhir Juni: 6 dari 12 bulan, 50%")])
def test_pace_example_is_the_periods_own(built, kode, contoh):
    """Section E explains pace with a Januari–Desember action at this period's end, not TW1's."""
    _, results, _ = built
    words = " ".join(p.text for p in Document(str(results[kode].docx)).paragraphs)
    assert f"aksi Januari–Desember pada {contoh})" in words
    assert words.count("dari 12 bulan") == 1


@pytest.mark.parametrize("kode", ["TW1", "S1"])
def test_due_without_evidence_list(built, kode):
    ws_dir, results, _ = built
    tables = find_tables(Document(str(results[kode].docx)))
    got = [texts(r)[1] for r in tables["tanpa_bukti"].rows[1:]]
    assert got == expected(ws_dir, kode)["tanpa_bukti"] == [b.id for b in results[kode].figures.tanpa_bukti]
    if kode == "TW1":  # evidence on the period's last day counts; a day later does not
        assert "II.2.1" not in got and "II.2.2" in got and "I.2.1" not in got


def test_catatan_is_printed_under_its_indicator(built):
    ws_dir, results, _ = built
    raw = YAML(typ="safe").load((ws_dir / "plan/2026/monev-TW1.yaml").read_text(encoding="utf-8"))
    ids = {k: r.id for k, r in load_plan(ws_dir, 2026).indikator_by_kunci().items()}  # entries are keyed by kunci
    notes = {ids[k]: r["catatan"] for k, r in (raw.get("indikator") or {}).items() if (r or {}).get("catatan")}
    assert notes
    rows = {r[0]: r for r in detail_rows(find_tables(Document(str(results["TW1"].docx)))["rinci"])}
    for iid, note in notes.items():
        if iid in rows:
            assert f"Catatan: {plain(note)}" in rows[iid][1], (iid, rows[iid][1])
    assert any(i in rows for i in notes)


def test_carried_over_recommendations(built):
    _, results, _ = built
    tw1 = find_tables(Document(str(results["TW1"].docx)))
    assert "tindak_lanjut" not in tw1  # the first meeting of the year follows nothing up
    assert [texts(r)[1] for r in tw1["rekomendasi"].rows[1:]] == [
        "Menetapkan SK Agen Perubahan paling lambat April 2026", "Mengunggah bukti dukung setiap bulan"]
    s1 = find_tables(Document(str(results["S1"].docx)))
    rows = [texts(r) for r in s1["tindak_lanjut"].rows[1:]]
    assert rows == [
        ["1", "Menetapkan SK Agen Perubahan paling lambat April 2026", "TW1", "Selesai", "SK ditetapkan 20 April 2026"],
        ["2", "Mengunggah bukti dukung setiap bulan", "TW1", "Belum", "Belum dilaporkan pada periode ini."],
    ]
    assert [texts(r)[1] for r in s1["rekomendasi"].rows[1:]] == ["Menindaklanjuti hasil survei kepuasan masyarakat"]


def test_chart_image_is_in_the_document(built):
    _, results, _ = built
    for r in results.values():
        with zipfile.ZipFile(r.docx) as z:
            media = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
            assert len(media) == 1
            png = z.read(media[0])
            assert png.startswith(b"\x89PNG") and b"<a:blip" in z.read("word/document.xml")
        assert png == grafik_png(r.figures)  # the embedded chart is the figures' chart


def test_report_text_notes_and_italics(built):
    _, results, how = built
    assert how == "store"  # evidence went through zidocs.bukti's API
    doc = Document(str(results["TW1"].docx))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "TRIWULAN I TAHUN 2026" in body and "(Periode Januari–Maret 2026)" in body
    assert "pada hari Senin, tanggal 30 Maret 2026 di Aula KPU Kabupaten Merangin, dipimpin oleh Alber Trisman " \
           "selaku Ketua KPU Kabupaten Merangin, dan dihadiri oleh 17 orang peserta." in body
    assert "* Tidak diisi pada berkas monev periode ini" in body
    assert "Isian untuk aksi yang belum jatuh tempo (tidak dihitung): V.3.2." in body
    assert "II.1.1 (“Januari 2016”)" in body  # unreadable target: never silently dropped
    assert "CONTOH" not in body  # not sample data
    # kendala text keeps the plan's italic markup as italics
    detail = find_tables(doc)["rinci"]
    runs = [run for row in detail.rows for c in row.cells for p in c.paragraphs for run in p.runs]
    assert any(run.text == "website" and run.italic for run in runs)
    # signature block: place and date, both signers
    sig = doc.tables[-1]
    assert "Bangko, 6 April 2026" in sig.cell(0, 1).text and "Mengetahui," in sig.cell(0, 0).text
    assert "NIP\xa019730512\xa0199803\xa01\xa0004" in sig.cell(0, 1).text and "Alber Trisman" in sig.cell(0, 0).text


def test_same_input_same_bytes(built, tmp_path):
    ws_dir, results, _ = built
    first = results["TW1"].docx.read_bytes()
    again = build_laporan(Workspace(ws_dir), 2026, "TW1", tz=UTC)
    assert again.docx.read_bytes() == first


# --- the PDF ---------------------------------------------------------------------------------

MM = 72 / 25.4


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


@needs_soffice
@pytest.mark.parametrize("kode, judul", [("TW1", "TRIWULAN I TAHUN 2026"), ("S1", "SEMESTER I TAHUN 2026")])
def test_pdf_reads_as_a_report(built, kode, judul):
    from pypdf import PdfReader

    _, results, _ = built
    pdf = results[kode].pdf
    reader = PdfReader(pdf)
    for page in reader.pages:  # F4, as the template says
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - 215 * MM) < 2 and abs(h - 330 * MM) < 2
    pages = pdf_pages(pdf)
    assert judul in pages[0] and "KOMISI PEMILIHAN UMUM" in pages[0]
    order = ["PENDAHULUAN", "Ringkasan Capaian per Area", "Grafik Kemajuan per Area", "Rincian per Indikator",
             "Aksi Terlambat", "TINDAK LANJUT DAN REKOMENDASI", "PENUTUP", "Mengetahui,"]
    where = [next(i for i, t in enumerate(pages) if w in t) for w in order]
    assert where == sorted(where)
    # the detail table runs over several pages and repeats its header row on each
    first = where[3]
    last = next(i for i, t in enumerate(pages) if "Aksi Periode Sebelumnya" in t)
    assert last > first + 1
    for i in range(first, last):  # every page before section D holds part of the table
        assert "KENDALA" in pages[i] and "TINDAK" in pages[i], f"halaman {i + 1} tanpa kepala tabel"
    # page numbers from page 2, none on the cover
    assert pages[1].strip().endswith("2") and not pages[0].strip().endswith("1")
    fonts = {str(f) for p in reader.pages for f in (p["/Resources"].get("/Font") or {}).values()}
    assert fonts  # text is text, not an image


def test_shipped_sample_builds_and_says_it_is_a_sample(ws_dir):
    """The sample input shipped in plan/2026 (contoh: true), no evidence store."""
    result = build_laporan(Workspace(ws_dir), 2026, "TW1")
    doc = Document(str(result.docx))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "CONTOH — DATA REKAAN, BUKAN LAPORAN RESMI" in body
    assert result.docx == ws_dir / "out" / "2026" / "monev" / "monev-TW1.docx"
    total = [texts(r) for r in find_tables(doc)["ringkasan"].rows][-1]
    t = result.figures.total
    assert total[2:6] == [str(t.jatuh_tempo), str(t.selesai), str(t.proses), str(t.belum)]
    assert len(find_tables(doc)["terlambat"].rows) - 1 == len(result.figures.terlambat) == t.terlambat
