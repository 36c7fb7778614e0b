"""`zidocs status`: the year's picture in the terminal, as rich renderables.

Library code: builds renderables (and plain rows for other front ends) from
the same Figures the report uses; it never prints. The CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from zidocs.text.markup import plain
from zidocs.monev.figures import Figures, Ringkasan, alasan_terlambat
from zidocs.text.tanggal import format_tanggal
from zidocs.monev.report import LABEL_STATUS, angka, bulan_teks


@dataclass(frozen=True)
class BarisStatus:
    """One row of the status table (an area, or the total with kode "")."""

    kode: str
    nama: str
    jatuh_tempo: int  # due so far (by the snapshot's or period's end)
    selesai: int
    proses: int
    terlambat: int
    berbukti: int
    cakupan_bukti: str  # "60,0" or "–"


def _baris(r: Ringkasan) -> BarisStatus:
    return BarisStatus(r.kode, plain(r.nama), r.kumulatif, r.selesai_kumulatif, r.proses_kumulatif, r.terlambat,
                       r.berbukti, angka(r.cakupan_bukti))


def status_rows(fig: Figures) -> list[BarisStatus]:
    """Per area, then the total."""
    return [_baris(a) for a in fig.area] + [_baris(fig.total)]


def status_renderable(fig: Figures, *, sumber: str | None, contoh: bool = False) -> RenderableType:
    """Heading, the table per area, and the overdue actions."""
    per = fig.periode
    parts: list[RenderableType] = []
    head = Text(f"Status Zona Integritas {per.tahun} — {per.judul}", style="bold")
    parts.append(head)
    if per.bulan_akhir >= per.bulan_awal:
        sub = f"Jatuh tempo s.d. {per.rentang}; bukti dihitung s.d. {format_tanggal(per.batas_bukti)}. "
    else:
        sub = f"Belum ada bulan tahun {per.tahun} yang berakhir, jadi belum ada aksi yang jatuh tempo. "
    sub += f"Status dari {sumber}." if sumber else "Belum ada isian monev: semua aksi dihitung belum."
    parts.append(Text(sub, style="dim"))
    if contoh:
        parts.append(Text("CONTOH — isian monev ini data rekaan (contoh: true), bukan status sebenarnya.",
                          style="bold red"))

    table = Table(title=None, show_lines=False, header_style="bold", show_footer=True)
    rows = status_rows(fig)
    total = rows[-1]
    table.add_column("Area", footer="Jumlah", ratio=3, overflow="fold")
    for label, key, style in (("Jatuh tempo", "jatuh_tempo", None), ("Selesai", "selesai", "green"),
                              ("Proses", "proses", "yellow"), ("Terlambat", "terlambat", "red")):
        table.add_column(label, justify="right", footer=str(getattr(total, key)), style=style, no_wrap=True)
    table.add_column("Cakupan bukti", justify="right", no_wrap=True,
                     footer=f"{total.berbukti}/{total.jatuh_tempo} ({total.cakupan_bukti}%)")
    for r in rows[:-1]:
        table.add_row(f"{r.kode}. {r.nama}", str(r.jatuh_tempo), str(r.selesai), str(r.proses), str(r.terlambat),
                      f"{r.berbukti}/{r.jatuh_tempo} ({r.cakupan_bukti}%)")
    parts.append(table)

    late = fig.terlambat
    if late:
        parts.append(Text(f"Aksi terlambat ({len(late)}): belum selesai, lewat bulan target terakhir atau "
                          "realisasi di bawah lajunya sendiri", style="bold red"))
        lt = _daftar(late, ("Alasan", alasan_terlambat))
        parts.append(lt)
    else:
        parts.append(Text("Tidak ada aksi terlambat.", style="green"))
    nobukti = fig.tanpa_bukti
    if nobukti:
        parts.append(Text(f"Jatuh tempo tanpa bukti ({len(nobukti)}): belum ada berkas bukti dukung s.d. "
                          f"{format_tanggal(per.batas_bukti)}", style="bold yellow"))
        parts.append(_daftar(nobukti))
    else:
        parts.append(Text("Semua aksi yang jatuh tempo memiliki bukti dukung.", style="green"))
    if any(not b.diisi for b in (*late, *nobukti)):
        parts.append(Text("* tidak diisi pada isian monev: dihitung belum.", style="dim"))
    if fig.tanpa_jadwal:
        parts.append(Text(f"Tanpa bulan tetap ({len(fig.tanpa_jadwal)}), tidak dihitung jatuh tempo: "
                          + ", ".join(f"{b.id} (“{b.target_waktu}”)" for b in fig.tanpa_jadwal), style="dim"))
    if fig.tidak_terbaca:
        parts.append(Text(f"Target waktu tidak terbaca atau di luar tahun ({len(fig.tidak_terbaca)}), tidak pernah "
                          "jatuh tempo — perbaiki di rencana aksi: "
                          + ", ".join(f"{b.id} (“{b.target_waktu}”)" for b in fig.tidak_terbaca), style="yellow"))
    return Group(*parts)


def _daftar(rows, *extra) -> Table:
    """ID | Indikator | Target waktu | Status (| extra columns: (label, function of the row))."""
    lt = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    lt.add_column("ID", no_wrap=True)
    lt.add_column("Indikator", ratio=3, overflow="fold")
    lt.add_column("Target waktu", ratio=1, overflow="fold")
    lt.add_column("Status", no_wrap=True)
    for label, _ in extra:
        lt.add_column(label, ratio=2, overflow="fold")
    for b in rows:
        lt.add_row(b.id, plain(b.indikator), bulan_teks(b), LABEL_STATUS[b.status] + ("" if b.diisi else "*"),
                   *(f(b) for _, f in extra))
    return lt
