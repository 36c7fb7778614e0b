"""The dossier PDF and its manifest as one set (issue 12, item 2): a reader can tell whether
they belong together, a kill at any step leaves the old set or the new set, and the next
build removes what a killed build left."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf
import pytest

from fixtures_bukti import make_files, make_plan
from zidocs.bukti.store import BuktiStore, add_bukti
from zidocs.dossier import build_all, build_dossier
from zidocs.dossier.publish import KILL_POINTS, manifest_id, periksa_pasangan

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
OLD, NEW = dt.date(2026, 5, 2), dt.date(2026, 5, 3)
TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    base = tmp_path_factory.mktemp("pasangan")
    files = make_files(base / "berkas", with_docx=False)
    plan = make_plan()
    store = BuktiStore.open(base / "bukti")
    add_bukti(store, plan, [files["laporan"], files["rotasi"]], indikator="V.1.1", now=NOW)
    add_bukti(store, plan, [files["foto"]], indikator="V.2.1", now=NOW)
    add_bukti(store, plan, [files["lanskap"]], indikator="I.1.1", now=NOW)
    return store


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_pdf_and_manifest_name_each_other(store, tmp_path):
    r = build_dossier(store, make_plan(), tmp_path / "dossier", areas=["V"], tanggal=OLD)
    m = json.loads(r.manifest.read_text())
    assert m["id"] == manifest_id(m) and m["pdf"]["sha256"] == hashlib.sha256(r.pdf.read_bytes()).hexdigest()
    with pikepdf.open(r.pdf) as pdf:
        assert str(pdf.docinfo["/ZidocsManifest"]) == m["id"]
        assert str(pdf.docinfo["/Keywords"]) == f"zidocs-manifest:{m['id']}"
    assert periksa_pasangan(r.pdf) == []
    # a PDF of another build beside this manifest: told apart both ways
    other = build_dossier(store, make_plan(), tmp_path / "lain", areas=["V"], tanggal=NEW)
    mixed = tmp_path / "campur"
    mixed.mkdir()
    shutil.copy(other.pdf, mixed / r.pdf.name)
    shutil.copy(r.manifest, mixed / r.manifest.name)
    problems = periksa_pasangan(mixed / r.pdf.name)
    assert len(problems) == 2
    assert problems[0] == ("sidik SHA-256 dossier-area-V.pdf tidak sama dengan yang dicatat manifest "
                           "dossier-area-V.json")
    assert problems[1].startswith("dossier-area-V.pdf menyebut manifest ")
    # an edited manifest is told too
    m["jumlah_berkas"] = 99
    (mixed / r.manifest.name).write_text(json.dumps(m))
    shutil.copy(r.pdf, mixed / r.pdf.name)
    assert periksa_pasangan(mixed / r.pdf.name) == [
        "manifest dossier-area-V.json telah diubah sesudah disusun (id-nya tidak cocok dengan isinya)"]
    (mixed / r.manifest.name).unlink()
    assert periksa_pasangan(mixed / r.pdf.name) == ["manifest dossier-area-V.json tidak ada"]


def test_building_one_area_keeps_the_others(store, tmp_path):
    out = tmp_path / "dossier"
    results = build_all(store, make_plan(), out, tanggal=OLD)
    (out / "catatan-sekretariat.txt").write_text("milik pengguna")  # not zidocs': kept as it is
    before = snapshot(out)
    build_dossier(store, make_plan(), out, areas=["V"], tanggal=NEW)
    after = snapshot(out)
    assert set(after) == set(before)
    changed = {n for n in after if after[n] != before[n]}
    assert changed == {"dossier-area-V.pdf", "dossier-area-V.json"}
    for r in results:
        assert periksa_pasangan(r.pdf) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


KILL_BUILD = textwrap.dedent("""
    import sys, datetime as dt
    sys.path[:0] = {paths!r}
    from fixtures_bukti import make_plan
    from zidocs.bukti.store import BuktiStore
    from zidocs.dossier import build_all, build_dossier
    store = BuktiStore(sys.argv[1])
    when = dt.date.fromisoformat(sys.argv[3])
    if sys.argv[4] == "all":
        build_all(store, make_plan(), sys.argv[2], tanggal=when)
    else:
        build_dossier(store, make_plan(), sys.argv[2], areas=["V"], tanggal=when)
""")


@pytest.mark.parametrize("exchange, what", [(True, "area"), (True, "all"), (False, "area")],
                         ids=["tukar-atomik-area", "tukar-atomik-semua", "dua-rename-area"])
def test_a_kill_at_every_step_leaves_the_old_set_or_the_new_one(store, tmp_path, exchange, what):
    script = tmp_path / "susun.py"
    script.write_text(KILL_BUILD.format(paths=[str(TESTS.parent), str(TESTS)]))
    plan = make_plan()
    ref_old, ref_new = tmp_path / "ref-lama" / "dossier", tmp_path / "ref-baru" / "dossier"
    build = build_all if what == "all" else (lambda s, p, o, tanggal: build_dossier(s, p, o, areas=["V"],
                                                                                     tanggal=tanggal))
    build(store, plan, ref_old, tanggal=OLD)
    build(store, plan, ref_new, tanggal=NEW)
    old, new = snapshot(ref_old), snapshot(ref_new)
    assert old != new
    env = dict(os.environ)
    if not exchange:
        env["ZIDOCS_UJI_TANPA_TUKAR"] = "1"
    points = [p for p in KILL_POINTS if exchange is False or p != "dossier-tukar-1"]
    for point in points:
        out = tmp_path / point / "dossier"
        build(store, plan, out, tanggal=OLD)
        proc = subprocess.run([sys.executable, str(script), str(store.root), str(out), NEW.isoformat(), what],
                              env=dict(env, ZIDOCS_UJI_BUNUH=point), capture_output=True)
        assert proc.returncode == -9, (point, proc.stderr.decode())
        parent = out.parent
        if out.exists():
            seen = snapshot(out)
            assert seen in (old, new), point
            for pdf in out.glob("*.pdf"):
                assert periksa_pasangan(pdf) == [], (point, pdf.name)
            # the switch is the only moment the set changes
            assert seen == (new if point in ("dossier-tukar", "dossier-selesai") else old), point
        else:  # only the two-rename fallback, killed between its renames: no folder, never a mix
            assert not exchange and point == "dossier-tukar-1"
        # the next build (of anything) finishes or discards what was left, and leaves no .tmp-*
        build_dossier(store, plan, out, areas=["I"], tanggal=NEW)
        assert [p.name for p in parent.iterdir() if p.name.startswith(".tmp-")] == [], point
        assert [p.name for p in out.iterdir() if p.name.startswith(".tmp-")] == [], point
        for pdf in out.glob("*.pdf"):
            assert periksa_pasangan(pdf) == [], (point, pdf.name)
        expected = new if point in ("dossier-tukar", "dossier-selesai", "dossier-tukar-1") else old
        final = snapshot(out)
        assert {k: v for k, v in final.items() if "area-I" not in k} == \
            {k: v for k, v in expected.items() if "area-I" not in k}, point


def test_leftovers_of_older_versions_inside_the_folder_are_removed(store, tmp_path):
    out = tmp_path / "dossier"
    build_dossier(store, make_plan(), out, areas=["V"], tanggal=OLD)
    (out / ".tmp-abc123.pdf").write_bytes(b"%PDF-1.4 setengah")
    (out / ".tmp-kerja99").mkdir()
    (out / ".tmp-kerja99" / "foto-00001.pdf").write_bytes(b"x" * 1000)
    (tmp_path / ".tmp-dossier-baru-zz").mkdir()
    build_dossier(store, make_plan(), out, areas=["V"], tanggal=OLD)
    assert sorted(p.name for p in out.iterdir()) == ["dossier-area-V.json", "dossier-area-V.pdf"]
    assert not (tmp_path / ".tmp-dossier-baru-zz").exists()
