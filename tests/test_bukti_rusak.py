"""Damaged uploads are judged by what their pages show (issue 12, item 1) and every
library message reaches the user in Bahasa Indonesia without temp paths (item 3)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from fixtures_bukti import make_files, make_plan, make_report_pdf, truncate, write_workspace
from zidocs.cli.common import tampil
from zidocs.errors import os_reason
from zidocs.office import pesan
from zidocs.bukti.halaman import PageFacts, judge, rentang
from zidocs.bukti.intake import BuktiDitolak, inspect_file
from zidocs.bukti.store import BuktiStore, add_bukti
from zidocs.dossier import build_dossier
from zidocs.errors import ExitCode

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
FRACTIONS = (0.3, 0.5, 0.9)
ENGLISH = ("damaged", "unable", "cannot", "could not", "not found", "error", "failed", "expected",
           "attempting", "recover", "dictionary", "Stream has", "EOF marker", "source file", "loaded",
           "No such file", "Permission denied")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("rusak")
    out = {}
    for compress in (False, True):
        tag = "z" if compress else ""
        whole = make_report_pdf(base / f"laporan-19{tag}.pdf", compress=compress)
        out[f"utuh{tag}"] = whole
        for f in FRACTIONS + (0.7, 0.97):
            out[f"{int(f * 100)}{tag}"] = truncate(whole, base / f"laporan-19{tag}-potong-{int(f * 100)}.pdf", f)
    return out


def rendered_blank(pdf: Path, tmp: Path) -> list[int]:
    """Pages (1-based) that pdftoppm renders as white paper (test's own rendering, 30 dpi)."""
    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp / "p")], check=True, capture_output=True)
    images = sorted(tmp.glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert images, "pdftoppm rendered nothing"
    return [n for n, img in enumerate(images, start=1) if Image.open(img).getextrema()[0] >= 250]


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    return [" ".join(p.split()) for p in out.split("\f")[:-1]]


def assert_indonesian(text: str) -> None:
    for word in ENGLISH:
        assert word.lower() not in text.lower(), (word, text)
    assert not re.search(r"/(tmp|home|root|work|var)/", text), text


# --- the done-when test: never a blank page without a placeholder or a refusal ------------------


@pytest.mark.parametrize("tag", ["", "z"], ids=["tanpa-kompresi", "kompresi"])
@pytest.mark.parametrize("fraction", [*FRACTIONS, 0.7, 0.97])
def test_truncated_pdf_is_refused_or_every_page_shows_content(reports, tmp_path, fraction, tag):
    src = reports[f"{int(fraction * 100)}{tag}"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    try:
        got = inspect_file(src, tmp_path / "a")
    except BuktiDitolak as exc:  # refused: says how much is lost and what to do
        assert exc.exit_code == ExitCode.BUKTI_DITOLAK
        assert "terpotong" in exc.message and ("Unggah ulang" in exc.message or "Minta ulang" in exc.message)
        assert_indonesian(exc.message)
        refused = exc
    else:  # accepted as is: then no page of it is blank, and it says it was checked
        refused = None
        pdf = got.derived_pdf
        assert got.hilang == () and "isi setiap halaman diperiksa: utuh" in got.catatan
        assert rendered_blank(pdf, tmp_path / "r1") == []
        assert [f"Laporan halaman {n}" in t for n, t in enumerate(page_texts(pdf), start=1)] == [True] * 19
    # insisting: every page shows either its own text or a placeholder naming the page
    try:
        kept = inspect_file(src, tmp_path / "b", terima_rusak=True)
    except BuktiDitolak as exc:
        assert refused is not None and "tidak dapat diperbaiki" in exc.message  # nothing to keep
        return
    pdf = kept.derived_pdf
    assert rendered_blank(pdf, tmp_path / "r2") == []
    texts = page_texts(pdf)
    assert len(texts) == 19
    for n, text in enumerate(texts, start=1):
        if n in kept.hilang:
            assert "HALAMAN HILANG" in text and f"Halaman {n} dari 19" in text and src.name in text
        else:
            assert f"Laporan halaman {n}" in text
    if refused is not None and kept.hilang:
        assert f"{len(kept.hilang)} dari 19 halaman kehilangan isinya (hal. {rentang(kept.hilang)})" in refused.message
        assert f"(hal. {rentang(kept.hilang)}), diganti halaman pengganti" in kept.catatan


def test_a_half_upload_is_refused_with_the_pages_lost(reports, tmp_path):
    with pytest.raises(BuktiDitolak) as exc:
        inspect_file(reports["50"], tmp_path)
    assert tampil(exc.value.message) == (
        "laporan-19-potong-50.pdf: PDF ini rusak: 11 dari 19 halaman kehilangan isinya (hal. 9–19); "
        "kemungkinan unggahan atau unduhannya terputus sehingga berkasnya terpotong. Unggah ulang berkas "
        "aslinya lalu tambahkan lagi. Bila memang hanya berkas ini yang ada, tambahkan dengan --terima-rusak: "
        "setiap halaman yang hilang diganti halaman pengganti.")


def test_whole_file_is_not_judged_and_stays_untouched(reports, tmp_path):
    got = inspect_file(reports["utuh"], tmp_path)
    assert (got.halaman, got.derived_pdf, got.catatan, got.hilang) == (19, None, "", ())


def test_add_report_manifest_and_dossier_say_what_was_repaired(reports, tmp_path):
    plan = make_plan()
    store = BuktiStore.open(tmp_path / "bukti")
    with pytest.raises(Exception) as exc:
        add_bukti(store, plan, [reports["50"]], indikator="V.1.1", now=NOW)
    assert "11 dari 19 halaman kehilangan isinya" in str(exc.value) and store.entries() == []
    e = add_bukti(store, plan, [reports["50"]], indikator="V.1.1", now=NOW, terima_rusak=True).items[0].entry
    assert e.halaman == 19 and store.blob_path(e.sha256).read_bytes() == reports["50"].read_bytes()
    assert e.catatan.startswith("diperbaiki dengan qpdf: berkas rusak; penanda akhir berkas (startxref) tidak ada")
    assert e.catatan.endswith("11 dari 19 halaman kehilangan isinya (hal. 9–19), diganti halaman pengganti "
                              "(diterima walau rusak, atas permintaan)")
    assert "data aliran objek" in e.catatan and "dianggap kosong" in e.catatan  # which object qpdf emptied
    r = build_dossier(store, plan, tmp_path / "out", areas=["V"], tanggal=dt.date(2026, 5, 2))
    manifest = json.loads(r.manifest.read_text())
    (b,) = manifest["berkas"]
    assert b["konversi_perbaikan"] == [e.catatan] and b["pengganti"] is None
    texts = page_texts(r.pdf)
    evidence = texts[b["halaman_awal"] - 1: b["halaman_akhir"]]
    assert [("Laporan halaman" in t, "HALAMAN HILANG" in t) for t in evidence] == \
        [(True, False)] * 8 + [(False, True)] * 11


def test_cli_refuses_then_accepts_with_terima_rusak(reports, tmp_path, monkeypatch, capsys):
    from zidocs.cli import run

    write_workspace(tmp_path, make_plan())
    monkeypatch.setenv("ZIDOCS_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("ZIDOCS_BUKTI", raising=False)
    assert run(["bukti", "add", str(reports["90"]), "-i", "V.1.1"]) == 6
    err = capsys.readouterr().err
    assert "2 dari 19 halaman kehilangan isinya (hal. 18–19)" in err and "--terima-rusak" in err
    assert_indonesian(err)
    assert run(["bukti", "add", str(reports["90"]), "-i", "V.1.1", "--terima-rusak"]) == 0
    out = capsys.readouterr().out
    assert "Ditambahkan: laporan-19-potong-90.pdf → V.1.1 (ID 1, 19 halaman" in out
    assert "2 dari 19 halaman kehilangan isinya (hal. 18–19), diganti halaman pengganti" in out


def test_an_old_unjudged_repair_becomes_a_placeholder_in_the_dossier(reports, tmp_path):
    """A derived PDF made by zidocs before this check (qpdf's blank pages baked in) is not
    printed blank: the dossier judges it and puts one placeholder page naming the loss."""
    import pikepdf

    plan = make_plan()
    store = BuktiStore.open(tmp_path / "bukti")
    e = add_bukti(store, plan, [reports["50"]], indikator="V.1.1", now=NOW, terima_rusak=True).items[0].entry
    old = tmp_path / "lama.pdf"
    with pikepdf.open(reports["50"]) as pdf:  # what the old intake stored: qpdf's save, blank pages and all
        pdf.save(old, deterministic_id=True)
    digest = __import__("hashlib").sha256(old.read_bytes()).hexdigest()
    store.blob_path(digest).parent.mkdir(exist_ok=True)
    store.blob_path(digest).write_bytes(old.read_bytes())
    import sqlite3

    con = sqlite3.connect(store.db_path)
    con.execute("UPDATE bukti SET pdf_sha256 = ?, catatan = 'diperbaiki dengan qpdf (file is damaged)'", (digest,))
    con.commit()
    con.close()
    r = build_dossier(store, plan, tmp_path / "out", areas=["V"], tanggal=dt.date(2026, 5, 2))
    assert len(r.placeholders) == 1
    assert ("hasil perbaikan zidocs versi lama, tanpa pemeriksaan halaman: 11 dari 19 halaman kehilangan "
            "isinya (hal. 9–19)") in r.placeholders[0]
    assert r.pages == 1 + 1 + 1  # cover, index, one placeholder page
    assert e.id == 1


# --- the judgement rule, as a table -----------------------------------------------------------------


def F(n, content=True, paints=True, damaged=False, missing=False):
    return PageFacts(n, content, paints, damaged, missing)


@pytest.mark.parametrize("facts, blank, hilang, sebagian", [
    ([F(1), F(2)], set(), (), ()),  # all render: intact
    ([F(1), F(2, content=False, paints=False)], {2}, (2,), ()),  # content stream gone
    ([F(1), F(2, paints=False)], {2}, (), ()),  # intact empty stream: blank in the original
    ([F(1), F(2, paints=False, damaged=True)], {2}, (2,), ()),  # stream qpdf "treated as empty"
    ([F(1, missing=True)], {1}, (1,), ()),  # paints a font that is gone
    ([F(1)], {1}, (1,), ()),  # paints text, shows nothing
    ([F(1, damaged=True)], set(), (), (1,)),  # shows something from a damaged object
    ([F(1, content=False, paints=False), F(2, damaged=True, paints=False)], None, (1, 2), ()),  # no renderer
    ([F(1, damaged=True)], None, (), (1,)),
])
def test_judgement_rule(facts, blank, hilang, sebagian):
    j = judge(facts, blank)
    assert (j.hilang, j.sebagian) == (hilang, sebagian)


def test_page_ranges():
    assert rentang([2, 3, 4, 7, 9, 10]) == "2–4, 7, 9–10" and rentang([5]) == "5" and rentang([]) == ""


# --- messages in Bahasa Indonesia, no temp paths -------------------------------------------------


@pytest.mark.parametrize("message, expected", [
    ("/tmp/x/.tmp-abc/0000/asli: file is damaged", "berkas rusak"),
    ("/tmp/x/asli: can't find startxref", "penanda akhir berkas (startxref) tidak ada — berkas kemungkinan terpotong"),
    ("/tmp/x/asli (object 31 0, offset 7120): unable to recover stream data; treating stream as empty",
     "data aliran objek 31 tidak dapat dipulihkan dan dianggap kosong"),
    ("/tmp/x/asli: root of pages tree has no /Kids array", "daftar halaman (pohon /Pages) hilang atau rusak"),
    ("/tmp/x/asli: unable to find trailer dictionary while recovering damaged file",
     "kamus trailer tidak ditemukan; struktur berkas disusun ulang"),
    ("/tmp/x/asli (trailer, offset 14539): unexpected EOF", "berkas berakhir di tengah trailer"),
    ("something qpdf never said before", pesan.UMUM_PDF),
])
def test_qpdf_messages_are_translated(message, expected):
    assert pesan.qpdf([message], ["/tmp/x/asli"]) == expected


def test_objects_damaged_skips_streams_recovered_whole():
    msgs = ["x (object 5 0, offset 10): expected endstream", "x (object 5 0, offset 9): attempting to recover "
            "stream length", "x (object 5 0, offset 9): recovered stream length: 370",
            "x (object 7 0, offset 99): unable to recover stream data; treating stream as empty"]
    assert pesan.objects_damaged(msgs) == {7} and pesan.objects_named(msgs) == {5, 7}


def test_os_messages_are_indonesian():
    import errno

    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "disk penuh"
    assert os_reason(OSError(errno.EIO, "Input/output error")).startswith("galat baca/tulis")
    assert os_reason(OSError(errno.ECONNRESET, "Connection reset")) == f"galat sistem berkas (kode {errno.ECONNRESET})"
    assert pesan.hapus_jalur("file:///tmp/a/b/dokumen.docx could not be loaded") == "could not be loaded"
    assert pesan.hapus_jalur("root has no /Kids array") == "root has no /Kids array"  # PDF names stay


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    base = tmp_path_factory.mktemp("pesan")
    f = make_files(base / "berkas", with_docx=False)
    good = f["laporan"].read_bytes()
    (base / "sampah.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (base / "tanpa-halaman.pdf").write_bytes(good[: good.index(b"endobj") + 6])
    jpg = f["foto"].read_bytes()
    (base / "foto-terpotong.jpg").write_bytes(jpg[: len(jpg) // 2])
    png = f["layar"].read_bytes()
    (base / "layar-rusak.png").write_bytes(png[:40] + b"\0" * 64 + png[104:])
    import zipfile

    with zipfile.ZipFile(base / "rusak.docx", "w") as zf:  # a DOCX LibreOffice cannot load
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "ini bukan XML <<<")
    with zipfile.ZipFile(base / "rusak-lo.docx", "w") as zf:  # passes zidocs' checks; LibreOffice cannot load it
        zf.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("word/document.xml", "ini bukan XML <<<")
        zf.writestr("_rels/.rels", "rusak")
    return {"hancur": f["hancur"], "sampah": base / "sampah.pdf", "tanpa_halaman": base / "tanpa-halaman.pdf",
            "foto": base / "foto-terpotong.jpg", "png": base / "layar-rusak.png", "docx": base / "rusak.docx",
            "docx_lo": base / "rusak-lo.docx"}


@pytest.mark.parametrize("key, says", [
    ("hancur", "PDF rusak dan tidak dapat diperbaiki"), ("sampah", "PDF rusak dan tidak dapat diperbaiki"),
    ("tanpa_halaman", "PDF rusak dan tidak dapat diperbaiki"), ("foto", "data gambarnya terpotong"),
    ("png", "gambar PNG ini rusak"), ("docx", "isinya bukan dokumen yang sah"),
    ("docx_lo", "LibreOffice tidak dapat membuka dokumen ini: rusak, terpotong, atau bukan dokumen yang sah"),
])
def test_refusal_messages_carry_no_english_and_no_temp_path(bad_files, tmp_path, key, says):
    work = tmp_path / ".tmp-kerja" / "0000"
    work.mkdir(parents=True)
    with pytest.raises(BuktiDitolak) as exc:
        inspect_file(bad_files[key], work)
    assert exc.value.message.startswith(bad_files[key].name + ": ") and says in exc.value.message
    assert_indonesian(exc.value.message)
    assert str(tmp_path) not in exc.value.message and ".tmp-" not in exc.value.message


def test_a_full_disk_is_said_in_indonesian_without_the_temp_path(tmp_path, monkeypatch):
    """The store's own writes failing (here: a read-only blob folder) name the store, not its temp files."""
    import os

    from zidocs.bukti.store import PenyimpananGagal

    files = make_files(tmp_path / "berkas", with_docx=False)
    store = BuktiStore.open(tmp_path / "bukti")
    if os.geteuid() == 0:  # root ignores permissions: make blob/ a file instead
        os.rmdir(store.blob_dir)
        store.blob_dir.write_bytes(b"")
    else:  # pragma: no cover - CI runs as root here
        store.blob_dir.chmod(0o500)
    with pytest.raises(PenyimpananGagal) as exc:
        add_bukti(store, make_plan(), [files["laporan"]], indikator="V.1.1", now=NOW)
    msg = exc.value.message
    assert msg.startswith(f"Penyimpanan bukti {store.root}: ") and "saat menyimpan berkas bukti" in msg
    assert ".tmp-" not in msg and exc.value.exit_code == ExitCode.INPUT_TIDAK_TERBACA
    assert_indonesian(msg.replace(str(store.root), "BUKTI"))  # the store's own path is the one named


def test_replacement_page_names_a_file_in_any_script(tmp_path):
    """The page standing in for a lost page names the upload legibly whatever its
    script (per-character font fallback), never with a missing-glyph box."""
    from glyphs import notdef_uses
    from zidocs.bukti.halaman import placeholder_pdf

    nama = "laporan 회의록 تقرير 📄.pdf"
    out = tmp_path / "pengganti.pdf"
    placeholder_pdf(out, nama, [2], 3, [(595.2756, 841.8898)], "isi halaman rusak")
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "HALAMAN HILANG" in text and "Halaman 2 dari 3" in text
    assert "laporan 회의록" in text and "📄" in text and ".pdf" in text
    assert len([c for c in text if 0xFE70 <= ord(c) <= 0xFEFF]) == 5  # تقرير in its joined forms
    assert notdef_uses(out) == []
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts and "NanumMyeongjo" in fonts  # every font embedded
