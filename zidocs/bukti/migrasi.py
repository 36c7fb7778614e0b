"""Moving a workspace to stable indicator keys, and checking the links.

`zidocs migrasi` (``migrasi``) is explicit, not automatic: turning a stored
printed ID (``I.1.1``) into a key assumes the plan is still numbered as it
was when the evidence and the monev entries were written, and only the user
knows that. So `check` reports ID references as errors asking for the
migration (before the plan is edited), and the migration prints what moved.
Writing a missing ``kunci:`` into the plan, on the other hand, changes no
link, so the commands that attach something (`bukti add`, `monev init`) do
it themselves.

Order and crash safety: everything is read and mapped first; then the plan
gets its keys (atomic), the monev files are rewritten (all temp files, then
the renames), then the registry rows change in one transaction. Each step is
idempotent (keys already written stay, key-referenced entries are left as
they are), so after an interruption running it again finishes the job.

``periksa_bukti`` is the evidence part of `check`: rows naming an indicator
by printed ID (not migrated), rows whose indicator is gone, and rows whose
indicator text changed since they were attached.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from zidocs.bukti.store import REGISTRY, BuktiStore
from zidocs.errors import BuktiError, InputError, aksi
from zidocs.office import atomic
from zidocs.plan.check import load_plan
from zidocs.plan.findings import Finding
from zidocs.plan.kunci import KunciResult, adalah_id, lengkapi_kunci, teks_indikator
from zidocs.plan.models import Plan
from zidocs.text.romawi import ROMAN
from zidocs.plan.monev_files import monev_files, rel_path
from zidocs.plan.monev_kunci import migrasi_teks, segarkan_id
from zidocs.plan.workspace import Workspace
from zidocs.plan.yamldoc import read_yaml


@dataclass
class BuktiPindah:
    id: int
    nama: str
    dari: str  # the printed ID it was stored under
    ke: str  # the kunci now stored


@dataclass
class MonevPindah:
    rel: str
    dipindah: list[tuple[str, str]] = field(default_factory=list)  # (ID, kunci)
    tertinggal: list[str] = field(default_factory=list)
    id_disegarkan: bool = False  # only the ID comments were brought up to date


@dataclass
class MigrasiResult:
    tahun: int
    kunci: KunciResult
    monev: list[MonevPindah] = field(default_factory=list)
    bukti: list[BuktiPindah] = field(default_factory=list)
    bukti_tertinggal: list[tuple[int, str, str]] = field(default_factory=list)  # (id, nama, indikator)
    teks_dicatat: int = 0  # rows whose indicator text was recorded (before keys, or --terima-teks)

    @property
    def berubah(self) -> bool:
        return bool(self.kunci.ditulis or self.bukti or self.teks_dicatat
                    or any(m.dipindah or m.id_disegarkan for m in self.monev))


def migrasi(ws: Workspace, tahun: int, *, terima_teks: bool = False) -> MigrasiResult:
    """Keys for every indicator of ``tahun``, and every monev entry and
    evidence row of that year referring to its indicator by key."""
    load_plan(ws, tahun)  # a plan with errors (a numbering slip) cannot say what an ID meant
    kunci = lengkapi_kunci(ws, tahun)
    plan = load_plan(ws, tahun)
    result = MigrasiResult(plan.tahun, kunci)

    staged: list[tuple[Path, bytes]] = []
    for path in monev_files(ws, plan.tahun):
        rel = rel_path(ws, path)
        doc = read_yaml(path, rel)
        text = path.read_text(encoding="utf-8")
        new, mig = migrasi_teks(text, doc, plan)
        new = segarkan_id(new, plan)
        item = MonevPindah(rel, mig.dipindah, mig.tertinggal, id_disegarkan=not mig.dipindah and new != text)
        result.monev.append(item)
        if new != text:
            staged.append((path, new.encode("utf-8")))

    store = BuktiStore.open(ws.bukti_dir, create=False) if (ws.bukti_dir / REGISTRY).is_file() else None
    changes: list[tuple[int, str, str | None]] = []
    if store is not None:
        by_id = {r.id: r for r in plan.indikator_list()}
        by_kunci = plan.indikator_by_kunci()
        for e in store.entries(tahun=plan.tahun):
            if adalah_id(e.indikator):
                ref = by_id.get(e.indikator)
                if ref is None or ref.kunci is None:
                    result.bukti_tertinggal.append((e.id, e.nama_asli, e.indikator))
                    continue
                teks = e.indikator_teks or teks_indikator(ref.indikator.indikator)
                result.teks_dicatat += e.indikator_teks is None
                changes.append((e.id, ref.kunci, teks))
                result.bukti.append(BuktiPindah(e.id, e.nama_asli, e.indikator, ref.kunci))
            elif e.indikator in by_kunci:
                now = teks_indikator(by_kunci[e.indikator].indikator.indikator)
                if e.indikator_teks is None or (terima_teks and e.indikator_teks != now):
                    changes.append((e.id, e.indikator, now))
                    result.teks_dicatat += 1
            else:
                result.bukti_tertinggal.append((e.id, e.nama_asli, e.indikator))
    if staged:
        try:
            atomic.write_many(staged)
        except OSError as exc:
            raise InputError(f"Isian monev tidak dapat ditulis ({exc}); tidak ada yang diubah di "
                             "penyimpanan bukti. Periksa izin folder plan/ lalu ulangi.") from None
    if store is not None:
        store.set_indikator(changes)
    return result


# --- check ---------------------------------------------------------------------------


def periksa_bukti(ws: Workspace, plan: Plan) -> list[Finding]:
    """Findings on the evidence registry's links to the plan (read-only: no
    store is created or locked)."""
    db = ws.bukti_dir / REGISTRY
    if not db.is_file():
        return []
    rel = rel_path(ws, db)
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise BuktiError(f"Registri bukti {db} tidak dapat dibuka untuk dibaca: {exc}.") from None
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(bukti)")}
        teks_col = "indikator_teks" if "indikator_teks" in cols else "NULL"
        rows = con.execute(f"SELECT id, indikator, nama_asli, {teks_col} FROM bukti WHERE tahun = ? ORDER BY id",
                           (plan.tahun,)).fetchall()
    except sqlite3.Error as exc:
        raise BuktiError(f"Registri bukti {db} tidak terbaca ({exc}).") from None
    finally:
        con.close()
    out: list[Finding] = []
    lama = [(rid, ind) for rid, ind, _, _ in rows if adalah_id(ind)]
    if lama:
        ids = ", ".join(sorted({ind for _, ind in lama}, key=_id_order))
        out.append(Finding(rel, 0, "galat", "BUKTI-MIGRASI",
                           f"{len(lama)} bukti tahun {plan.tahun} tercatat dengan nomor indikator ({ids}); "
                           "penyimpanan bukti kini merujuk indikator dengan kuncinya agar bukti tetap pada "
                           "indikatornya saat indikator disisipkan, dihapus atau dipindah. Jalankan "
                           f"{aksi('migrasi')} sebelum rencana aksi diubah."))
    by_kunci = plan.indikator_by_kunci()
    for rid, ind, nama, teks in rows:
        if adalah_id(ind):
            continue
        ref = by_kunci.get(ind)
        if ref is None:
            dulu = f" (“{_short(teks)}”)" if teks else ""
            out.append(Finding(rel, 0, "galat", "BUKTI-INDIKATOR",
                               f"bukti ID {rid} ({nama}) tercatat untuk indikator berkunci “{ind}”{dulu} yang tidak "
                               f"ada lagi dalam rencana aksi {plan.tahun}; kembalikan indikatornya beserta "
                               f"`kunci: {ind}`, atau hapus bukti ini dengan {aksi('bukti-remove', rid)} lalu "
                               "tambahkan ke indikator yang benar."))
        elif teks is not None and teks != teks_indikator(ref.indikator.indikator):
            out.append(Finding(rel, 0, "peringatan", "BUKTI-TEKS-BERUBAH",
                               f"bukti ID {rid} ({nama}) dilampirkan pada indikator {ref.id} ketika teksnya "
                               f"“{_short(teks)}”; kini “{_short(ref.indikator.indikator)}”. Periksa apakah bukti "
                               f"ini masih mendukung indikator itu, lalu catat teks barunya dengan "
                               f"{aksi('migrasi-terima')}."))
    return out


def _short(text: str, n: int = 80) -> str:
    text = teks_indikator(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _id_order(iid: str) -> tuple:
    parts = iid.split(".")
    return (ROMAN.index(parts[0]) if parts[0] in ROMAN else 99, *(int(p) for p in parts[1:]))
