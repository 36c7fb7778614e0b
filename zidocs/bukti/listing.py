"""Evidence per indicator, in plan order, for `zidocs bukti list` (pure over the store's rows)."""

from __future__ import annotations

from dataclasses import dataclass

from zidocs.bukti.store import BuktiEntry, BuktiStore
from zidocs.errors import InputError
from zidocs.plan.models import Plan
from zidocs.text.markup import plain_lenient as plain


@dataclass(frozen=True)
class IndikatorRow:
    indikator: str  # printed ID
    teks: str
    entries: tuple[BuktiEntry, ...]
    kunci: str | None = None


@dataclass(frozen=True)
class Listing:
    rows: tuple[IndikatorRow, ...]
    stray: tuple[BuktiEntry, ...]  # rows whose indicator is not in the plan

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def with_evidence(self) -> int:
        return sum(1 for r in self.rows if r.entries)

    @property
    def files(self) -> int:
        return sum(len(r.entries) for r in self.rows)


def group(plan: Plan, entries: list[BuktiEntry], area: str | None = None) -> Listing:
    refs = [r for r in plan.indikator_list() if area is None or r.area.kode == area]
    by_ind: dict[str, list[BuktiEntry]] = {}
    for e in sorted(entries, key=lambda e: (e.ditambahkan, e.id)):
        by_ind.setdefault(e.indikator, []).append(e)  # by kunci
    known = plan.indikator_by_kunci()
    rows = tuple(IndikatorRow(r.id, r.indikator.indikator, tuple(by_ind.get(r.kunci, ()) if r.kunci else ()),
                              r.kunci) for r in refs)
    # Rows whose key is in no indicator (deleted, or a registry not yet migrated):
    # listed with every area, since their area is no longer known.
    stray = tuple(e for e in entries if e.indikator not in known)
    return Listing(rows, stray)


def listing(store: BuktiStore | None, plan: Plan, area: str | None = None) -> Listing:
    """Evidence per indicator; ``store`` None (not created yet) lists every indicator as empty."""
    if area is not None and plan.area(area) is None:
        kode = ", ".join(a.kode for a in plan.rencana_aksi.area)
        raise InputError(f"Area '{area}' tidak ada dalam rencana aksi {plan.tahun}. Area yang ada: {kode}.")
    return group(plan, store.entries(tahun=plan.tahun) if store is not None else [], area)


@dataclass(frozen=True)
class BelumRow:
    """An indicator without evidence, and what the plan asks as evidence."""

    indikator: str
    teks: str
    bukti_fisik: str
    target_waktu: str


def belum(plan: Plan, data: Listing) -> list[BelumRow]:
    """The indicators of ``data`` (a :func:`listing`) without evidence, in plan order."""
    refs = {r.id: r for r in plan.indikator_list()}
    out = []
    for row in data.rows:
        if row.entries:
            continue
        ind = refs[row.indikator].indikator
        asked = ind.bukti_fisik if isinstance(ind.bukti_fisik, list) else [ind.bukti_fisik]
        out.append(BelumRow(row.indikator, plain(ind.indikator), "; ".join(plain(b) for b in asked),
                            ind.target_waktu))
    return out
