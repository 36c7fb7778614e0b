"""Dossier layout: PURE functions from (plan, evidence list) to page numbers,
index rows, bookmarks and stamps. No I/O; property-tested with hypothesis.

Page 1 is the cover, pages 2…k+1 the index (daftar isi), then each evidence
file's pages in plan order (area → komponen → indikator → file in the order
given). A file that cannot be included occupies one placeholder page. A file
whose content (sha256) already appeared occupies no page: its index row,
bookmark and manifest entry point at the first copy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Callable, Literal, Sequence

from zidocs.plan.models import Plan
from zidocs.text.butir import gabung_butir
from zidocs.text.markup import escape, lenient, plain_lenient as plain
from zidocs.text.tanggal import format_tanggal

RowKind = Literal["area", "komponen", "indikator", "file"]

BELUM_ADA_BUKTI = "belum ada bukti"
LUAR_RENCANA = "Indikator di luar rencana aksi"


@dataclass(frozen=True)
class Evidence:
    """One registry entry as the layout sees it."""

    id: int
    indikator: str
    nama: str
    sha256: str
    halaman: int  # pages when included (≥ 1)
    alasan: str | None = None  # why it cannot be included → one placeholder page
    keterangan: str = ""  # what the file shows, as the uploader described it
    tanggal: str | None = None  # activity date TTTT-BB-HH, if recorded

    @property
    def judul(self) -> str:
        """How the file is named to a reader: its keterangan, else its file name."""
        return " ".join(self.keterangan.split()) or self.nama


@dataclass(frozen=True)
class Placement:
    evidence: Evidence
    start: int  # first page, 1-based (for a duplicate: the first copy's start)
    pages: int  # pages this entry occupies (0 for a duplicate)
    duplikat_dari: int | None = None  # evidence id of the first copy
    placeholder: bool = False

    @property
    def last(self) -> int:
        return self.start + max(self.pages, 1) - 1 if self.duplikat_dari is None else self.start


@dataclass(frozen=True)
class IndexRow:
    """One entry of the index. ``text``, ``note`` and ``detail`` are markup
    (zidocs.text.markup): plan text keeps its ``*italics*``, file names and
    keterangan are escaped so a star in them prints as written."""

    kind: RowKind
    ref: str  # area kode, "V.1" (komponen), indicator ID, or evidence id
    text: str
    note: str = ""  # "belum ada bukti", duplicate or placeholder remark
    detail: str = ""  # smaller lines under the text: bukti fisik asked for; date and file name
    target: int | None = None  # page number shown and linked; None: no link


@dataclass(frozen=True)
class Bookmark:
    title: str
    target: int
    children: tuple["Bookmark", ...] = ()


@dataclass(frozen=True)
class DossierLayout:
    index_pages: tuple[tuple[IndexRow, ...], ...]
    placements: tuple[Placement, ...]  # in document order, duplicates included
    bookmarks: tuple[Bookmark, ...]
    stamps: tuple[str, ...]  # stamp text of page n at [n - 1]
    total_pages: int

    @property
    def front_pages(self) -> int:
        return 1 + len(self.index_pages)

    @property
    def files(self) -> int:
        return len(self.placements)

    @property
    def placeholders(self) -> int:
        return sum(1 for p in self.placements if p.placeholder and p.duplikat_dari is None)

    def index_page_of(self, kind: RowKind, ref: str) -> int:
        for n, rows in enumerate(self.index_pages, start=2):
            if any(r.kind == kind and r.ref == ref for r in rows):
                return n
        raise KeyError((kind, ref))


def stamp_text(label: str, page: int, total: int) -> str:
    return f"{label} · hal. {page} / {total}"


# --- the tree of sections -------------------------------------------------------


# the tree's texts are markup, as IndexRow's
@dataclass(frozen=True)
class _Ind:
    id: str
    text: str
    evidence: tuple[Evidence, ...]
    bukti_fisik: str = ""  # as the decree prints it: "1) …\n2) …" when several


@dataclass(frozen=True)
class _Komp:
    ref: str
    title: str
    indikator: tuple[_Ind, ...]


@dataclass(frozen=True)
class _Area:
    kode: str
    title: str
    komponen: tuple[_Komp, ...]


def _tree(plan: Plan, areas: Sequence[str], evidence: Sequence[Evidence]) -> list[_Area]:
    by_ind: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_ind.setdefault(ev.indikator, []).append(ev)
    known: set[str] = set()
    tree = []
    for area in plan.rencana_aksi.area:
        if area.kode not in areas:
            continue
        komps = []
        for komp in area.komponen:
            inds = []
            for i, ind in enumerate(komp.indikator, start=1):
                iid = f"{area.kode}.{komp.no}.{i}"
                known.add(iid)
                inds.append(_Ind(iid, lenient(ind.indikator), tuple(by_ind.get(iid, ())),
                                 _bukti_fisik(ind.bukti_fisik)))
            komps.append(_Komp(f"{area.kode}.{komp.no}", f"{komp.no}. {lenient(komp.nama)}".strip(), tuple(inds)))
        tree.append(_Area(area.kode, f"Area {area.kode}. {lenient(area.nama)}", tuple(komps)))
    # evidence filed under an ID the plan no longer has: never dropped
    stray = sorted({iid for iid in by_ind if iid not in known and iid.split(".", 1)[0] in areas},
                   key=_id_key)
    if stray:
        inds = tuple(_Ind(iid, "(tidak ada dalam rencana aksi)", tuple(by_ind[iid])) for iid in stray)
        tree.append(_Area("?", LUAR_RENCANA, (_Komp("?.0", LUAR_RENCANA, inds),)))
    return tree


def _bukti_fisik(value: str | list[str]) -> str:
    items = [lenient(v) for v in ([value] if isinstance(value, str) else value) if plain(v).strip()]
    return gabung_butir(items) if items else ""


BUKTI_DIMINTA = "Bukti fisik yang diminta"


def indikator_detail(bukti_fisik: str) -> str:
    if not bukti_fisik:
        return ""
    if "\n" in bukti_fisik:
        return f"{BUKTI_DIMINTA}:\n{bukti_fisik}"
    return f"{BUKTI_DIMINTA}: {bukti_fisik}"


def file_detail(ev: Evidence) -> str:
    """The line under a file's keterangan: activity date, then the file name."""
    parts = []
    if ev.tanggal:
        try:
            parts.append(f"kegiatan {format_tanggal(dt.date.fromisoformat(ev.tanggal))}")
        except ValueError:
            parts.append(f"kegiatan {ev.tanggal}")
    if ev.judul != ev.nama:
        parts.append(f"berkas {ev.nama}")
    return escape(" · ".join(parts))


def _id_key(iid: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in iid.split("."))


# --- layout -----------------------------------------------------------------------


def layout_dossier(
    plan: Plan,
    areas: Sequence[str],
    evidence: Sequence[Evidence],
    *,
    front_label: str,
    row_lines: Callable[[IndexRow], int] = lambda row: 1,
    first_page_lines: int = 40,
    page_lines: int = 50,
) -> DossierLayout:
    """Lay out a dossier of ``areas`` (plan order) holding ``evidence``.

    ``evidence`` order is kept within each indicator. ``row_lines`` says how
    many text lines an index row takes (it depends on the font; it must not
    depend on the row's page number). An index page holds ``page_lines`` lines
    (``first_page_lines`` on the first, which carries the heading).
    """
    if first_page_lines < 1 or page_lines < 1:
        raise ValueError("index pages must hold at least one line")
    tree = _tree(plan, areas, evidence)

    # 1. duplicates by content, in document order (no page numbers needed)
    first_of: dict[str, Evidence] = {}
    dup_of: dict[int, Evidence] = {}
    by_id: dict[int, Evidence] = {}
    for area in tree:
        for komp in area.komponen:
            for ind in komp.indikator:
                for ev in ind.evidence:
                    by_id[ev.id] = ev
                    if ev.sha256 in first_of:
                        dup_of[ev.id] = first_of[ev.sha256]
                    else:
                        first_of[ev.sha256] = ev

    def file_note(ev: Evidence) -> str:
        if ev.id in dup_of:
            orig = dup_of[ev.id]
            return escape(f"duplikat: isi sama dengan {orig.nama} ({orig.indikator})")
        if ev.alasan is not None:
            return escape(f"tidak dapat dimuat: {ev.alasan}")
        return ""

    # 2. rows without page numbers, then paginate (numbers never change heights)
    rows: list[IndexRow] = []
    for area in tree:
        rows.append(IndexRow("area", area.kode, area.title))
        for komp in area.komponen:
            rows.append(IndexRow("komponen", komp.ref, komp.title))
            for ind in komp.indikator:
                rows.append(IndexRow("indikator", ind.id, f"{ind.id} {ind.text}",
                                     "" if ind.evidence else BELUM_ADA_BUKTI,
                                     detail=indikator_detail(ind.bukti_fisik)))
                for ev in ind.evidence:
                    rows.append(IndexRow("file", str(ev.id), escape(ev.judul), file_note(ev),
                                         detail=file_detail(ev)))
    pages_rows = _paginate(rows, row_lines, first_page_lines, page_lines)
    front = 1 + len(pages_rows)

    # 3. pages of each file
    placements: list[Placement] = []
    start_of: dict[int, Placement] = {}
    page = front + 1
    for area in tree:
        for komp in area.komponen:
            for ind in komp.indikator:
                for ev in ind.evidence:
                    if ev.id in dup_of:
                        orig = start_of[dup_of[ev.id].id]
                        placements.append(Placement(ev, orig.start, 0, orig.evidence.id, orig.placeholder))
                        continue
                    n = 1 if ev.alasan is not None else ev.halaman
                    if n < 1:
                        raise ValueError(f"evidence {ev.id} has no pages")
                    p = Placement(ev, page, n, None, ev.alasan is not None)
                    placements.append(p)
                    start_of[ev.id] = p
                    page += n
    total = page - 1
    place_of = {p.evidence.id: p for p in placements}

    # 4. fill in targets
    first_page = _first_pages(tree, place_of)
    index_pages = tuple(
        tuple(
            replace(row, target=place_of[int(row.ref)].start if row.kind == "file"
                    else first_page.get((row.kind, row.ref)))
            for row in rows_on_page
        )
        for rows_on_page in pages_rows
    )

    def index_page(kind: str, ref: str) -> int:
        for n, rs in enumerate(index_pages, start=2):
            if any(r.kind == kind and r.ref == ref for r in rs):
                return n
        raise KeyError((kind, ref))  # pragma: no cover - every node has a row

    # 5. bookmarks: land where the index points; a node without evidence lands
    # on the index page that lists it
    def target(kind: str, ref: str) -> int:
        got = first_page.get((kind, ref))
        return got if got is not None else index_page(kind, ref)

    bookmarks = []
    for area in tree:
        kids = []
        for komp in area.komponen:
            inds = []
            for ind in komp.indikator:
                files = []
                for ev in ind.evidence:
                    p = place_of[ev.id]
                    title = ev.nama if ev.judul == ev.nama else f"{_short(ev.judul, 70)} — {ev.nama}"
                    if p.duplikat_dari is not None:
                        title += " (duplikat)"
                    elif p.placeholder:
                        title += " (tidak dapat dimuat)"
                    files.append(Bookmark(title, p.start))
                inds.append(Bookmark(f"{ind.id} {_short(plain(ind.text))}", target("indikator", ind.id),
                                     tuple(files)))
            kids.append(Bookmark(plain(komp.title), target("komponen", komp.ref), tuple(inds)))
        bookmarks.append(Bookmark(plain(area.title), target("area", area.kode), tuple(kids)))

    # 6. stamps
    stamps = [stamp_text(front_label, n, total) for n in range(1, front + 1)]
    for p in placements:
        if p.duplikat_dari is None:
            stamps += [stamp_text(p.evidence.indikator, n, total) for n in range(p.start, p.start + p.pages)]
    return DossierLayout(index_pages, tuple(placements), tuple(bookmarks), tuple(stamps), total)


def _first_pages(tree: list[_Area], place_of: dict[int, Placement]) -> dict[tuple[str, str], int]:
    """First evidence page of each area, komponen and indikator that has any."""
    out: dict[tuple[str, str], int] = {}
    for area in tree:
        for komp in area.komponen:
            for ind in komp.indikator:
                for ev in ind.evidence:
                    start = place_of[ev.id].start
                    for key in (("area", area.kode), ("komponen", komp.ref), ("indikator", ind.id)):
                        out[key] = min(out.get(key, start), start)
    return out


def _paginate(rows: Sequence[IndexRow], row_lines: Callable[[IndexRow], int],
              first: int, per_page: int) -> list[tuple[IndexRow, ...]]:
    """Greedy: rows never split; a heading is not left alone at a page's foot."""
    pages: list[list[IndexRow]] = [[]]
    capacity = first
    used = 0
    for i, row in enumerate(rows):
        need = max(1, row_lines(row))
        # keep a heading with the row after it
        if row.kind in ("area", "komponen") and i + 1 < len(rows):
            need_keep = need + max(1, row_lines(rows[i + 1]))
        else:
            need_keep = need
        if pages[-1] and used + min(need_keep, per_page) > capacity:
            pages.append([])
            capacity = per_page
            used = 0
        pages[-1].append(row)
        used += need
    return [tuple(p) for p in pages]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
