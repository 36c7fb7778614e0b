"""Randomised SIGKILL trials over add / remove / restore / move / edit / empty-trash / dossier
(issue 12, done-when): a forked writer runs random operations on one store and one dossier
folder and is killed at a random moment; after every kill the store and the dossier folder are
checked, and the next writer's sweep must leave no orphan behind.

Bounded in time: at least MIN_TRIALS kills, stopping at MAX_TRIALS or BUDGET seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import sqlite3
import time
import traceback
from collections import Counter
from pathlib import Path

import pytest

from fixtures_bukti import make_files, make_plan
from zidocs.bukti.store import BuktiStore, add_bukti, edit_bukti, move_bukti, tanggal_bukti
from zidocs.dossier import build_dossier
from zidocs.dossier.publish import periksa_pasangan
from zidocs.errors import ZidocsError

MIN_TRIALS, MAX_TRIALS, BUDGET = 100, 130, 50.0
NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.timezone.utc)
OPS = ("tambah", "tambah", "hapus", "pulihkan", "pindah", "ubah", "kosongkan", "dossier", "dossier")
INDIKATOR = ("V.1.1", "V.1.2", "V.2.1", "V.2.2", "V.3.1")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_integrity(root: Path, outdir: Path) -> set[str]:
    """Registry sound; every referenced blob present with its hash; every blob named by its content;
    no ID both in force and in the trash; the dossier folder holds only consistent pairs.
    Returns the referenced hashes."""
    # monev's read-only reader works right after the kill (it rolls back a hot journal if need be)
    assert isinstance(tanggal_bukti(root, 2026), dict)
    con = sqlite3.connect(f"{(root / 'registri.sqlite3').resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        live = con.execute("SELECT id, sha256, pdf_sha256 FROM bukti").fetchall()
        trash = con.execute("SELECT id, sha256, pdf_sha256 FROM sampah").fetchall()
        logged = {r[0] for r in con.execute("SELECT bukti_id FROM riwayat WHERE aksi = 'tambah'")}
    finally:
        con.close()
    assert not {r[0] for r in live} & {r[0] for r in trash}, "an ID in force and in the trash"
    assert {r[0] for r in live + trash} <= logged, "a row without its history"
    referenced = {d for _, a, b in live + trash for d in (a, b) if d}
    store = BuktiStore(root)
    for d in referenced:
        assert store.blob_path(d).is_file(), f"blob {d} missing"
        assert sha(store.blob_path(d)) == d, f"blob {d} has other content"
    for blob in (root / "blob").rglob("*"):
        if blob.is_file():
            assert sha(blob) == blob.name, f"half-written or foreign file under a real name: {blob}"
    if outdir.exists():
        names = sorted(p.name for p in outdir.iterdir())
        assert not [n for n in names if n.startswith(".tmp-")], names
        for name in names:
            assert name.endswith((".pdf", ".json")), name
            if name.endswith(".json"):
                json.loads((outdir / name).read_text())  # a whole JSON, never half of one
            else:
                assert periksa_pasangan(outdir / name) == [], name
    return referenced


def worker(seed: int, root: Path, outdir: Path, files: list[Path], report: int) -> None:
    """Random operations forever (until killed); the op being started is written to ``report``."""
    rng = random.Random(seed)
    plan = make_plan()
    store = BuktiStore(root)
    n = 0
    while True:
        op = rng.choice(OPS)
        os.write(report, f"{op}\n".encode())
        n += 1
        when = NOW + dt.timedelta(seconds=seed * 1000 + n)
        try:
            if op == "tambah":
                tanggal = dt.date(2026, 3, rng.randint(1, 31)) if rng.random() < 0.5 else None
                add_bukti(store, plan, rng.sample(files, rng.randint(1, 2)), indikator=rng.choice(INDIKATOR),
                          now=when, tanggal=tanggal, terima_rusak=True, oleh=f"uji{seed}")
            elif op == "dossier":
                build_dossier(store, plan, outdir, areas=["V"], tanggal=dt.date(2026, 5, rng.randint(1, 28)))
            else:
                live, trash = [e.id for e in store.entries()], [t.entry.id for t in store.sampah()]
                if op == "hapus" and live:
                    store.remove(rng.choice(live), now=when)
                elif op == "pulihkan" and trash:
                    store.restore(rng.choice(trash), now=when)
                elif op == "pindah" and live:
                    move_bukti(store, plan, rng.choice(live), rng.choice(INDIKATOR), now=when)
                elif op == "ubah" and live:
                    edit_bukti(store, plan, rng.choice(live), keterangan=f"ket {n}", now=when,
                               tanggal=dt.date(2026, 4, rng.randint(1, 30)) if rng.random() < 0.5 else None)
                elif op == "kosongkan" and trash and rng.random() < 0.5:
                    store.empty_trash(rng.sample(trash, 1), now=when)
        except ZidocsError:  # conflicts (same content twice under one indicator): expected, nothing changes
            pass


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    base = tmp_path_factory.mktemp("acak")
    f = make_files(base, with_docx=False)
    big = base / "besar.pdf"  # a few MB widen the copy/hash/fsync and merge windows
    big.write_bytes(f["laporan"].read_bytes() + b"\n%" + os.urandom(1 << 20).hex().encode() + b"\n")
    return [f["laporan"], f["rotasi"], f["lanskap"], f["foto"], f["layar"], f["terpotong"], f["kuitansi"], big]


def test_randomised_sigkills_never_leave_an_inconsistent_store_or_dossier(corpus, tmp_path):
    root, outdir = tmp_path / "bukti", tmp_path / "out" / "2026" / "dossier"
    store = BuktiStore.open(root)
    add_bukti(store, make_plan(), corpus[:3], indikator="V.1.1", now=NOW)
    build_dossier(store, make_plan(), outdir, areas=["V"], tanggal=dt.date(2026, 5, 1))
    rng = random.Random(12)
    landed: Counter[str] = Counter()
    started = time.monotonic()
    trials = 0
    while trials < MAX_TRIALS and (trials < MIN_TRIALS or time.monotonic() - started < BUDGET):
        assert time.monotonic() - started < 3 * BUDGET, f"only {trials} trials in {3 * BUDGET:.0f} s"
        rd, wr = os.pipe()
        err = tmp_path / "galat.txt"
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(rd)
            try:
                worker(trials, root, outdir, corpus, wr)
            except BaseException:  # noqa: BLE001 - report and die
                err.write_text(traceback.format_exc())
                os._exit(1)
            os._exit(0)  # pragma: no cover - the worker never returns
        os.close(wr)
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(rd) as fh:
            ops = fh.read().split()
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
            err.read_text() if err.exists() else status
        landed[ops[-1] if ops else "mulai"] += 1
        trials += 1
        check_integrity(root, outdir)
        if trials % 10 == 0:  # the next writer sweeps what was left: then no orphan remains
            with BuktiStore.open(root).lock():
                pass
            referenced = check_integrity(root, outdir)
            assert {p.name for p in (root / "blob").rglob("*") if p.is_file()} == referenced
            assert not any((root / "tmp").iterdir())
    elapsed = time.monotonic() - started
    print(f"\n{trials} SIGKILL trials in {elapsed:.1f} s; killed during: {dict(sorted(landed.items()))}")
    assert trials >= MIN_TRIALS
    assert landed["dossier"] >= 10 and landed["tambah"] >= 10  # the kills really hit the writes
    # afterwards the store and the dossier still work
    store = BuktiStore.open(root)
    add_bukti(store, make_plan(), [corpus[4]], indikator="V.3.1", now=NOW + dt.timedelta(days=1),
              keterangan="sesudah uji")
    r = build_dossier(store, make_plan(), outdir, areas=["V"], tanggal=dt.date(2026, 5, 30))
    in_v = {r.kunci for r in make_plan().indikator_list() if r.area.kode == "V"}  # rows hold kunci
    assert periksa_pasangan(r.pdf) == [] and r.files == sum(e.indikator in in_v for e in store.entries())
    assert [p.name for p in outdir.parent.iterdir() if p.name.startswith(".tmp-")] == []
