"""Stable indicator keys: evidence and monev entries stay with their indicator
when indicators are inserted, deleted or reordered (read back from the built
dossier's index and bookmarks, and from the monev report's DOCX); check
reports what lost its indicator; old workspaces migrate without losing a link."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from docx import Document
from fixtures_bukti import make_files
from helpers import REPO, copy_workspace, edit_yaml
from pypdf import PdfReader
from ruamel.yaml.comments import CommentedMap

from zidocs import api
from zidocs.bukti.store import BuktiStore
from zidocs.cli.common import tampil
from zidocs.plan.kunci import KUNCI_POLA, buat_kunci, lengkapi_teks
from zidocs.plan.workspace import Workspace

NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.timezone.utc)
TANGGAL = dt.date(2026, 11, 28)
RA = Path("plan/2026/rencana-aksi.yaml")
RESOURCES = Path(__file__).parent / "resources"


def _indikator(text: str) -> CommentedMap:
    m = CommentedMap()
    m["indikator"] = text
    m["langkah_aksi"] = "Langkah aksi baru"
    m["bukti_fisik"] = "Bukti fisik baru"
    m["target_waktu"] = "Juni 2026"
    return m


def _komponen(data, area: str, no: int):
    a = next(a for a in data["area"] if a["kode"] == area)
    return next(k for k in a["komponen"] if k["no"] == no)


def edit_plan(root: Path) -> None:
    """Insert at the start of I.1 and I.4, reverse II.2, delete V.3.2."""

    def change(data):
        _komponen(data, "I", 1)["indikator"].insert(0, _indikator("Indikator sisipan pertama"))
        _komponen(data, "I", 4)["indikator"].insert(0, _indikator("Indikator sisipan kedua"))
        k = _komponen(data, "II", 2)["indikator"]
        items = list(k)
        k.clear()
        k.extend(reversed(items))
        del _komponen(data, "V", 3)["indikator"][1]

    edit_yaml(root / RA, change)


def outline(pdf: Path) -> dict[str, tuple[str, list[str]]]:
    """Indicator bookmarks of a dossier: text → (printed ID, file names)."""
    reader = PdfReader(pdf)
    out = {}

    def walk(items, depth):
        prev = None
        for it in items:
            if isinstance(it, list):
                if depth == 2 and prev is not None:
                    iid, text = prev.title.split(" ", 1)
                    out[text] = (iid, [c.title.split(" (")[0] for c in it if not isinstance(c, list)])
                walk(it, depth + 1)
            else:
                prev = it
                if depth == 2:
                    iid, text = it.title.split(" ", 1)
                    out.setdefault(text, (iid, []))

    walk(reader.outline, 0)
    return out


def index_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", "-l", "3", str(pdf), "-"], capture_output=True,
                          check=True, text=True).stdout


def files_under(index: str, iid: str) -> list[str]:
    """File names the printed index lists under indicator ``iid`` (up to the next indicator)."""
    lines = index.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\s*{re.escape(iid)}\s", line))
    names = []
    for line in lines[start + 1:]:
        if re.match(r"^\s*[IVX]+\.\d+(\.\d+)?\s", line):
            break
        names += re.findall(r"[\w-]+\.(?:pdf|png|jpg)", line)
    return names


def monev_rows(docx: Path) -> dict[str, tuple[str, str, str, str]]:
    """Detail table of the report: indicator text → (printed ID, realisasi, status, evidence count)."""
    doc = Document(str(docx))
    out = {}
    for t in doc.tables:
        head = " ".join(c.text for c in t.rows[0].cells).replace("\u00ad", "")
        if not head.startswith("ID INDIKATOR"):
            continue
        for r in t.rows[1:]:
            cells = [c.text.strip() for c in r.cells]
            if len(set(cells)) == 1:
                continue
            out.setdefault(" ".join(cells[1].split()), (cells[0], cells[3], cells[4], cells[5]))
        break
    return out


EVIDENCE = {"I.1.1": "laporan", "I.4.2": "lanskap", "II.2.1": "rotasi", "V.3.3": "kuitansi"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kunci")
    root = copy_workspace(tmp / "ws")
    ws = Workspace(root)
    files = make_files(tmp / "berkas", with_docx=False)
    for iid, name in EVIDENCE.items():
        api.bukti_add(ws, [files[name]], iid, tahun=2026, now=NOW)
    plan = api.load(ws, 2026)
    teks = {iid: " ".join(r.indikator.indikator.replace("*", "").split())
            for iid in EVIDENCE for r in plan.indikator_list() if r.id == iid}

    def build():
        out = {}
        for area in ("I", "II", "V"):
            (r,) = api.dossier(ws, 2026, area=area, tanggal=TANGGAL)
            out[area] = (outline(r.pdf), index_text(r.pdf))
        laporan = api.monev_laporan(ws, 2026, "TW1")
        return out, monev_rows(laporan.docx)

    before = build()
    edit_plan(root)
    report = api.check(ws, 2026)
    after = build()
    return ws, teks, before, after, report


def test_edited_plan_keeps_every_evidence_file_in_the_dossier_with_its_indicator(world):
    ws, teks, before, after, _ = world
    moved = {"I.1.1": "I.1.2", "I.4.2": "I.4.3", "II.2.1": "II.2.3", "V.3.3": "V.3.2"}
    for old, new in moved.items():
        area = old.split(".")[0]
        name = EVIDENCE[old] + ".pdf"
        ob, oi = before[0][area]
        ab, ai = after[0][area]
        text = next(t for t in ob if teks[old].startswith(t.rstrip("…")[:60]))
        assert ob[text] == (old, [name])
        assert ab[text] == (new, [name]), (old, ab.get(text))
        assert files_under(oi, old) == [name] and files_under(ai, new) == [name]
        # the indicator now at the old position has none of it
        assert name not in files_under(ai, old) if old != new else True


def test_edited_plan_keeps_every_monev_entry_with_its_indicator(world):
    ws, teks, before, after, _ = world
    mb, ma = before[1], after[1]
    assert len(mb) == 56 and len(ma) == 56  # every indicator due by March; the inserted ones are due in June
    for text, (iid, *values) in mb.items():
        assert list(ma[text][1:]) == values, text
    assert sum(int(v[3]) for v in ma.values()) == 3  # evidence of I.1.1, I.4.2, II.2.1 (V.3.3 is not due)
    # the rows now print the new IDs: I.1.1's entry is I.1.2's, II.2.1's is II.2.3's
    by_old = {v[0]: k for k, v in mb.items()}
    assert ma[by_old["I.1.1"]][0] == "I.1.2" and ma[by_old["II.2.1"]][0] == "II.2.3"
    assert ma[by_old["II.2.3"]][0] == "II.2.1" and ma[by_old["I.4.1"]][0] == "I.4.2"


def test_edited_plan_checks_clean(world):
    report = world[4]
    assert not report.errors
    assert not [f for f in report.findings if f.kode.startswith(("BUKTI", "MONEV", "KUNCI"))]


def test_deleting_an_indicator_with_evidence_and_monev_is_reported(ws_dir, tmp_path):
    ws = Workspace(ws_dir)
    files = make_files(tmp_path / "berkas", with_docx=False)
    api.bukti_add(ws, [files["laporan"]], "I.1.1", tahun=2026, now=NOW)
    kunci = api.load(ws, 2026).indikator_list()[0].kunci
    edit_yaml(ws_dir / RA, lambda d: _komponen(d, "I", 1)["indikator"].insert(1, _indikator("Pengganti")))
    edit_yaml(ws_dir / RA, lambda d: _komponen(d, "I", 1)["indikator"].pop(0))
    report = api.check(ws, 2026)
    got = {f.kode: f for f in report.findings if f.kode in ("BUKTI-INDIKATOR", "MONEV-INDIKATOR")}
    assert tampil(got["BUKTI-INDIKATOR"].format()) == (
        f"bukti/registri.sqlite3:0: galat BUKTI-INDIKATOR: bukti ID 1 (laporan.pdf) tercatat untuk indikator "
        f"berkunci “{kunci}” (“Menerbitkan SK Tim Kerja/Kelompok Kerja”) yang tidak ada lagi dalam rencana aksi "
        f"2026; kembalikan indikatornya beserta `kunci: {kunci}`, atau hapus bukti ini dengan "
        "`zidocs bukti remove 1` lalu tambahkan ke indikator yang benar.")
    assert tampil(got["MONEV-INDIKATOR"].pesan) == (
        f"indikator berkunci “{kunci}” (“Menerbitkan SK Tim Kerja/Kelompok Kerja”) tidak ada dalam rencana aksi "
        f"2026 (dihapus, atau kuncinya diubah?). Hapus isian ini, atau kembalikan indikatornya beserta "
        f"`kunci: {kunci}`; lihat ID dan kunci indikator dengan `zidocs bukti list`.")
    assert got["MONEV-INDIKATOR"].file == "plan/2026/monev-TW1.yaml" and got["MONEV-INDIKATOR"].is_error
    # the decree still builds: evidence and monev never stop a decree
    assert api.keputusan(ws, 2026).paths


def test_changed_text_is_reported_and_can_be_accepted(ws_dir, tmp_path):
    ws = Workspace(ws_dir)
    files = make_files(tmp_path / "berkas", with_docx=False)
    api.bukti_add(ws, [files["laporan"]], "I.1.1", tahun=2026, now=NOW)
    edit_yaml(ws_dir / RA, lambda d: _komponen(d, "I", 1)["indikator"][0].__setitem__(
        "indikator", "Menerbitkan SK Tim Pokja"))
    report = api.check(ws, 2026)
    got = {f.kode: f for f in report.findings if f.kode.endswith("TEKS-BERUBAH")}
    assert tampil(got["BUKTI-TEKS-BERUBAH"].pesan) == (
        "bukti ID 1 (laporan.pdf) dilampirkan pada indikator I.1.1 ketika teksnya “Menerbitkan SK Tim "
        "Kerja/Kelompok Kerja”; kini “Menerbitkan SK Tim Pokja”. Periksa apakah bukti ini masih mendukung "
        "indikator itu, lalu catat teks barunya dengan `zidocs migrasi --terima-teks`.")
    assert tampil(got["MONEV-TEKS-BERUBAH"].pesan) == (
        "indikator I.1.1: teksnya berubah sejak isian ini ditulis (dulu “Menerbitkan SK Tim Kerja/Kelompok "
        "Kerja”, kini “Menerbitkan SK Tim Pokja”); periksa apakah isian ini masih untuk indikator yang sama, "
        "lalu samakan `teks:` dengan teks sekarang.")
    assert not got["BUKTI-TEKS-BERUBAH"].is_error and not got["MONEV-TEKS-BERUBAH"].is_error
    (r,) = api.migrasi(ws, 2026, terima_teks=True)
    assert r.teks_dicatat == 1
    assert not [f for f in api.check(ws, 2026).findings if f.kode == "BUKTI-TEKS-BERUBAH"]


# --- migration of a workspace written before keys -----------------------------------------

OLD_SCHEMA = """
CREATE TABLE bukti (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tahun INTEGER NOT NULL, indikator TEXT NOT NULL,
    sha256 TEXT NOT NULL, nama_asli TEXT NOT NULL, ukuran INTEGER NOT NULL, media_type TEXT NOT NULL,
    halaman INTEGER NOT NULL, keterangan TEXT NOT NULL DEFAULT '', ditambahkan TEXT NOT NULL,
    pdf_sha256 TEXT, catatan TEXT NOT NULL DEFAULT '');
PRAGMA user_version = 1;
"""


def _strip_keys(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*)- kunci: \S+\n\s*indikator:", r"\1- indikator:", text)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def old_ws(ws_dir: Path, tmp_path: Path) -> Workspace:
    """The shipped workspace as it was before keys: a plan without `kunci:`, the
    monev file keyed by ID, a registry of the old schema with ID rows."""
    _strip_keys(ws_dir / RA)
    (ws_dir / "plan/2026/monev-TW1.yaml").write_text(
        (RESOURCES / "monev-TW1-sebelum-kunci.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    store_dir = ws_dir / "bukti"
    store_dir.mkdir()
    con = sqlite3.connect(store_dir / "registri.sqlite3")
    con.executescript(OLD_SCHEMA)
    con.close()
    files = make_files(tmp_path / "berkas", with_docx=False)
    store = BuktiStore.open(store_dir)
    for iid, name in EVIDENCE.items():
        store.add([files[name]], indikator=iid, tahun=2026, now=NOW)
    with sqlite3.connect(store_dir / "registri.sqlite3") as con:
        con.execute("UPDATE bukti SET indikator_teks = NULL")
    return Workspace(ws_dir)


def test_old_workspace_is_reported_then_migrated_without_losing_a_link(old_ws):
    ws = old_ws
    report = api.check(ws, 2026)
    kode = sorted({f.kode for f in report.errors})
    assert kode == ["BUKTI-MIGRASI", "MONEV-MIGRASI"]
    bm = next(f for f in report.errors if f.kode == "BUKTI-MIGRASI")
    assert tampil(bm.pesan) == (
        "4 bukti tahun 2026 tercatat dengan nomor indikator (I.1.1, I.4.2, II.2.1, V.3.3); penyimpanan bukti "
        "kini merujuk indikator dengan kuncinya agar bukti tetap pada indikatornya saat indikator disisipkan, "
        "dihapus atau dipindah. Jalankan `zidocs migrasi` sebelum rencana aksi diubah.")
    mm = next(f for f in report.errors if f.kode == "MONEV-MIGRASI")
    assert tampil(mm.format()) == (
        "plan/2026/monev-TW1.yaml:33: galat MONEV-MIGRASI: indikator “I.1.1” dirujuk dengan nomornya; isian "
        "monev merujuk indikator dengan kuncinya (`kunci:` di rencana-aksi.yaml) agar tetap melekat saat "
        "indikator disisipkan, dihapus atau dipindah. Ubah rujukan berkas ini dengan `zidocs migrasi` sebelum "
        "rencana aksi diubah.")
    assert len([f for f in report.errors if f.kode == "MONEV-MIGRASI"]) == 56

    (r,) = api.migrasi(ws)
    plan = api.load(ws, 2026)
    ids = {r.kunci: r.id for r in plan.indikator_list()}
    assert len(r.kunci.ditulis) == 70 and not r.kunci.dirapikan
    assert [(b.dari, ids[b.ke]) for b in r.bukti] == list(zip(EVIDENCE, EVIDENCE))
    assert r.teks_dicatat == 4 and not r.bukti_tertinggal
    (m,) = r.monev
    assert len(m.dipindah) == 56 and all(ids[k] == i for i, k in m.dipindah) and not m.tertinggal
    # the migrated files are what the shipped ones are (the shipped plan was migrated by this code)
    assert (ws.root / RA).read_bytes() == (REPO / RA).read_bytes()
    assert not [f for f in api.check(ws, 2026).findings if f.kode.startswith(("BUKTI", "MONEV-MIG"))]
    entries = BuktiStore.open(ws.bukti_dir).entries(tahun=2026)
    assert {ids[e.indikator]: e.nama_asli for e in entries} == {i: n + ".pdf" for i, n in EVIDENCE.items()}
    assert all(e.indikator_teks for e in entries)
    # idempotent: a second run changes nothing
    (again,) = api.migrasi(ws)
    assert not again.berubah


def test_migrated_monev_file_keeps_every_other_byte(old_ws):
    path = old_ws.root / "plan/2026/monev-TW1.yaml"
    old = path.read_text(encoding="utf-8")
    api.migrasi(old_ws, 2026)
    new = path.read_text(encoding="utf-8")
    plan = api.load(old_ws, 2026)
    by_id = {r.id: r for r in plan.indikator_list()}
    # every old line is still there, only key lines rewritten; added lines are `teks:`
    old_lines, new_lines = old.splitlines(), new.splitlines()
    added = [line for line in new_lines if line.strip().startswith("teks:")]
    assert len(new_lines) == len(old_lines) + len(added) == len(old_lines) + 56
    rest = [line for line in new_lines if not line.strip().startswith("teks:")]
    for o, n in zip(old_lines, rest):
        m = re.match(r"^  ([IVX]+\.\d+\.\d+):$", o)
        if m:
            ref = by_id[m.group(1)]
            assert n == f"  {ref.kunci}:  # {ref.id} · target: {' '.join(ref.indikator.target_waktu.split())}"
        else:
            assert n == o


# --- keys in the plan ---------------------------------------------------------------------


def test_keys_are_written_once_deterministically_and_only_add_lines():
    shipped = (REPO / RA).read_text(encoding="utf-8")
    bare = re.sub(r"(?m)^(\s*)- kunci: \S+\n\s*indikator:", r"\1- indikator:", shipped)
    assert bare != shipped
    text, result = lengkapi_teks(bare)
    assert text == shipped  # same keys every time: derived from the text
    assert len(result.ditulis) == 70 and all(KUNCI_POLA.match(k) for _, k in result.ditulis)
    again, r2 = lengkapi_teks(text)
    assert again == text and not r2.ditulis
    assert buat_kunci("Sama", {buat_kunci("Sama", set())}) != buat_kunci("Sama", set())


def test_attaching_writes_missing_keys_keeping_comments(ws_dir, tmp_path):
    ws = Workspace(ws_dir)
    _strip_keys(ws_dir / RA)
    edit_yaml(ws_dir / RA, lambda d: None)
    before = (ws_dir / RA).read_text(encoding="utf-8")
    files = make_files(tmp_path / "berkas", with_docx=False)
    added = api.bukti_add(ws, [files["laporan"]], "V.1.1", tahun=2026, now=NOW)
    after = (ws_dir / RA).read_text(encoding="utf-8")
    assert after.count("kunci: ") == 70 and after.startswith(before.split("judul:")[0])  # header comments kept
    assert after.replace("", "") != before
    kept = [line for line in after.splitlines() if "kunci:" not in line]
    assert kept == [line.replace("- indikator:", "  indikator:") if "- indikator:" in line else line
                    for line in before.splitlines()]
    plan = api.load(ws, 2026)
    assert plan.id_of(added.items[0].entry.indikator) == "V.1.1"


def test_decree_bytes_do_not_depend_on_keys(tmp_path):
    a = Workspace(copy_workspace(tmp_path / "a"))
    b = Workspace(copy_workspace(tmp_path / "b"))
    _strip_keys(b.root / RA)
    ra, rb = api.keputusan(a, 2026), api.keputusan(b, 2026)
    for pa, pb in zip(ra.paths, rb.paths):
        assert pa.read_bytes() == pb.read_bytes()


def test_key_rules(ws_dir):
    ws = Workspace(ws_dir)

    def change(data):
        inds = _komponen(data, "I", 4)["indikator"]
        inds[1]["kunci"] = inds[0]["kunci"]
        _komponen(data, "II", 1)["indikator"][0]["kunci"] = "V.2.3"

    edit_yaml(ws_dir / RA, change)
    plan_text = (ws_dir / RA).read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(plan_text.splitlines(), 1) if line.endswith("kunci: ia1969f37"))
    found = {f.kode: f for f in api.check(ws, 2026).errors}
    assert found["KUNCI-GANDA"].pesan == (
        "indikator I.4.2: `kunci` “ia1969f37” sudah dipakai indikator I.4.1 (baris "
        f"{first}); setiap indikator berkunci sendiri. Bila indikator ini salinan, hapus baris `kunci:`-nya "
        "(zidocs menuliskan kunci baru); bukti dan isian monev tetap pada indikator yang semula memegang kunci itu.")
    assert found["KUNCI"].pesan == (
        "indikator II.1.1: `kunci` “V.2.3” tidak sah; kunci diawali huruf kecil, lalu 2–31 huruf kecil, angka, "
        "'-' atau '_' (mis. i3f9c2b1e). Tulis kunci yang sah, atau hapus baris ini agar zidocs menuliskan kunci baru.")
