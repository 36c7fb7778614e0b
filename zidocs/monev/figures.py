"""Monev figures: one pure computation for the report, `zidocs status` and
any later web view.

``hitung(plan, periode, monev, bukti, sebelumnya)`` turns the plan, the
period, the secretariat's input and the evidence dates into one row per
indicator and the summaries per area. Every summary number is a count (or a
sum) over the rows, never entered twice; :func:`periksa` re-derives them
from the rows and fails loudly if they ever disagree.

Definitions (also printed in the report's notes):

- *jatuh tempo* (due in the period): a target month of the indicator falls in
  the period;
- *jatuh tempo s.d. akhir periode* (due by the period's end): a target month
  is at or before the period's last month;
- *terlambat* (behind schedule): status not "selesai" and, at the period's
  end, either
  (a) *lewat target akhir*: the action's final target month is at or before
      the period's last month, or
  (b) *di bawah laju*: its realisasi is below its own pace, the share of its
      target months at or before the period's last month
      (``laju = 100 × months passed / target months``).
  A year-long action (Januari–Desember) at the end of TW1 has a pace of
  3/12 = 25 %: with realisasi 25 % or more it is on schedule, whether or not
  a file has been uploaded yet. An action with one target month has a pace of
  0 % before that month and 100 % after it, so (b) adds nothing to (a) for it.
  Evidence does not enter this definition;
- *jatuh tempo tanpa bukti* (due without evidence): due by the period's end
  and no evidence file added on or before the evidence cut-off, whatever its
  status (a "selesai" without evidence is listed too: it cannot be shown);
- *capaian* (percentage achieved): mean realisasi of the actions due in the
  period, one decimal, half up;
- *cakupan bukti* (evidence coverage): share of the actions due by the
  period's end with at least one evidence file by then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping, Sequence

from zidocs.plan.models import Plan
from zidocs.text.target_waktu import parse_target_waktu
from zidocs.plan.monev_file import STATUS, IsianIndikator, MonevFile, Rekomendasi
from zidocs.plan.periode import Periode

SATU_DESIMAL = Decimal("0.1")
SERATUS = Decimal(100)


@dataclass(frozen=True)
class BarisIndikator:
    id: str
    area: str  # area kode, "V"
    komponen: str  # komponen name
    indikator: str  # marked-up text (``*website*``)
    target_waktu: str  # as written in the plan
    bulan: frozenset[int]  # months of the plan year it covers
    jatuh_tempo: bool  # due in the period
    jatuh_tempo_sampai_akhir: bool  # due by the period's end
    jatuh_tempo_sebelumnya: bool  # due in a month before the period began
    status: str  # belum / proses / selesai ("belum" when not filled in)
    realisasi: Decimal  # percent
    diisi: bool  # the input states a status for it
    bukti: int  # evidence files added on or before the evidence cut-off
    bulan_lewat: int = 0  # target months at or before the period's last month
    kendala: str = ""
    tindak_lanjut: str = ""
    catatan: str = ""
    tanpa_jadwal: bool = False  # the target says on purpose: no fixed month ("Sesuai kebutuhan")

    @property
    def berbukti(self) -> bool:
        return self.bukti > 0

    @property
    def laju(self) -> Decimal:
        """The action's own pace at the period's end: the share (%) of its
        target months already passed."""
        if not self.bulan:
            return Decimal(0)
        return Decimal(self.bulan_lewat) * SERATUS / Decimal(len(self.bulan))

    @property
    def lewat_target_akhir(self) -> bool:
        """Its final target month is at or before the period's last month."""
        return bool(self.bulan) and self.bulan_lewat == len(self.bulan)

    @property
    def di_bawah_laju(self) -> bool:
        return self.realisasi < self.laju

    @property
    def terlambat(self) -> bool:
        return self.status != "selesai" and (self.lewat_target_akhir or self.di_bawah_laju)

    @property
    def tanpa_bukti(self) -> bool:
        """Due by the period's end without any evidence file by the cut-off."""
        return self.jatuh_tempo_sampai_akhir and self.bukti == 0

    @property
    def sisa_sebelumnya(self) -> bool:
        """Due only before the period (not in it) and still not finished."""
        return self.jatuh_tempo_sebelumnya and not self.jatuh_tempo and self.status != "selesai"


@dataclass(frozen=True)
class Ringkasan:
    """Counts for one area (or the total)."""

    kode: str  # area kode, or "" for the total
    nama: str
    # due in the period
    jatuh_tempo: int = 0
    selesai: int = 0
    proses: int = 0
    belum: int = 0
    realisasi_jumlah: Decimal = Decimal(0)
    # due by the period's end
    kumulatif: int = 0
    selesai_kumulatif: int = 0
    proses_kumulatif: int = 0
    belum_kumulatif: int = 0
    terlambat: int = 0
    berbukti: int = 0
    tanpa_bukti: int = 0

    @property
    def capaian(self) -> Decimal | None:
        """Mean realisasi (%) of the actions due in the period."""
        return rata(self.realisasi_jumlah, self.jatuh_tempo)

    @property
    def cakupan_bukti(self) -> Decimal | None:
        """Share (%) of the actions due by the end with evidence."""
        return rata(Decimal(self.berbukti) * SERATUS, self.kumulatif)


def rata(jumlah: Decimal, n: int) -> Decimal | None:
    if n == 0:
        return None
    return (jumlah / Decimal(n)).quantize(SATU_DESIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TindakLanjut:
    """The follow-up of one earlier recommendation."""

    asal: str  # period it was made in
    rekomendasi: str
    status: str
    keterangan: str
    dilaporkan: bool  # False: carried over but not reported in this period's input


@dataclass(frozen=True)
class Figures:
    periode: Periode
    baris: tuple[BarisIndikator, ...]  # every indicator, plan order
    area: tuple[Ringkasan, ...]  # plan order
    total: Ringkasan
    tindak_lanjut: tuple[TindakLanjut, ...]
    rekomendasi: tuple[Rekomendasi, ...]
    sebelumnya: str | None  # the earlier period whose recommendations are followed up

    @property
    def rinci(self) -> tuple[BarisIndikator, ...]:
        """Rows due in the period: the detail table, counted by the summary."""
        return tuple(b for b in self.baris if b.jatuh_tempo)

    @property
    def sisa(self) -> tuple[BarisIndikator, ...]:
        return tuple(b for b in self.baris if b.sisa_sebelumnya)

    @property
    def terlambat(self) -> tuple[BarisIndikator, ...]:
        return tuple(b for b in self.baris if b.terlambat)

    @property
    def tanpa_bukti(self) -> tuple[BarisIndikator, ...]:
        """Due by the period's end, no evidence by the cut-off."""
        return tuple(b for b in self.baris if b.tanpa_bukti)

    @property
    def tanpa_jadwal(self) -> tuple[BarisIndikator, ...]:
        """Actions with no fixed month on purpose ("Sesuai kebutuhan",
        "Insidentil", …): never due, and not a mistake."""
        return tuple(b for b in self.baris if not b.bulan and b.tanpa_jadwal)

    @property
    def tidak_terbaca(self) -> tuple[BarisIndikator, ...]:
        """Indicators whose target waktu yields no month of the year although
        it should (unreadable, or outside the plan year): never due — a plan
        mistake that `check` reports."""
        return tuple(b for b in self.baris if not b.bulan and not b.tanpa_jadwal)

    @property
    def diisi_belum_jatuh_tempo(self) -> tuple[BarisIndikator, ...]:
        """Input given for actions not due yet (allowed; not counted)."""
        return tuple(b for b in self.baris if b.diisi and not b.jatuh_tempo_sampai_akhir)


def persen_teks(value: Decimal) -> str:
    """A percentage as written in the documents: "25", "62,5", "33,3"."""
    q = value.quantize(SATU_DESIMAL, rounding=ROUND_HALF_UP)
    text = str(int(q)) if q == q.to_integral() else f"{q:f}"
    return text.replace(".", ",")


def alasan_terlambat(b: BarisIndikator) -> str:
    """Why an action counts as terlambat, in the words the report and
    `status` print."""
    if b.lewat_target_akhir:
        return "lewat bulan target terakhir"
    return f"realisasi {persen_teks(b.realisasi)}% di bawah laju {persen_teks(b.laju)}%"


def _realisasi(isian: IsianIndikator | None) -> tuple[str, Decimal, bool]:
    if isian is None or isian.status is None:
        status, diisi = "belum", False
    else:
        status, diisi = isian.status, True
    if isian is not None and isian.realisasi is not None:
        realisasi = Decimal(str(isian.realisasi))
    else:
        realisasi = SERATUS if status == "selesai" else Decimal(0)
    return status, realisasi, diisi


def hitung(
    plan: Plan,
    periode: Periode,
    monev: MonevFile | None,
    bukti: Mapping[str, Sequence[dt.date]],
    sebelumnya: MonevFile | None = None,
) -> Figures:
    """All figures of ``periode``. ``monev`` is the period's (checked) input,
    None when there is none; ``bukti`` maps indicator keys (kunci) to the dates their
    evidence was added; ``sebelumnya`` is the earlier period's input, whose
    recommendations are followed up."""
    rows: list[BarisIndikator] = []
    isian = monev.indikator if monev is not None else {}
    for ref in plan.indikator_list():
        tw = parse_target_waktu(ref.indikator.target_waktu, plan.tahun)
        bulan = tw.bulan
        # monev entries and evidence name the indicator by its stable key
        row = isian.get(ref.kunci) if ref.kunci else None
        status, realisasi, diisi = _realisasi(row)
        n_bukti = sum(1 for d in bukti.get(ref.kunci, ()) if d <= periode.batas_bukti) if ref.kunci else 0
        rows.append(
            BarisIndikator(
                id=ref.id,
                area=ref.area.kode,
                komponen=ref.komponen.nama,
                indikator=ref.indikator.indikator,
                target_waktu=ref.indikator.target_waktu,
                bulan=bulan,
                jatuh_tempo=periode.jatuh_tempo(bulan),
                jatuh_tempo_sampai_akhir=periode.jatuh_tempo_sampai_akhir(bulan),
                jatuh_tempo_sebelumnya=periode.jatuh_tempo_sebelumnya(bulan),
                status=status,
                realisasi=realisasi,
                diisi=diisi,
                bukti=n_bukti,
                bulan_lewat=sum(1 for b in bulan if b <= periode.bulan_akhir),
                kendala=row.kendala if row else "",
                tindak_lanjut=row.tindak_lanjut if row else "",
                catatan=row.catatan if row else "",
                tanpa_jadwal=tw.tanpa_jadwal,
            )
        )
    areas = tuple(ringkas(a.kode, a.nama, [r for r in rows if r.area == a.kode]) for a in plan.rencana_aksi.area)
    total = ringkas("", "Jumlah", rows)
    tl = tindak_lanjut(monev, sebelumnya)
    rek = tuple(monev.rekomendasi) if monev is not None else ()
    fig = Figures(periode, tuple(rows), areas, total, tl, rek, sebelumnya.periode if sebelumnya else None)
    periksa(fig)
    return fig


def ringkas(kode: str, nama: str, rows: Iterable[BarisIndikator]) -> Ringkasan:
    rows = list(rows)
    due = [r for r in rows if r.jatuh_tempo]
    cum = [r for r in rows if r.jatuh_tempo_sampai_akhir]
    return Ringkasan(
        kode=kode,
        nama=nama,
        jatuh_tempo=len(due),
        selesai=sum(r.status == "selesai" for r in due),
        proses=sum(r.status == "proses" for r in due),
        belum=sum(r.status == "belum" for r in due),
        realisasi_jumlah=sum((r.realisasi for r in due), Decimal(0)),
        kumulatif=len(cum),
        selesai_kumulatif=sum(r.status == "selesai" for r in cum),
        proses_kumulatif=sum(r.status == "proses" for r in cum),
        belum_kumulatif=sum(r.status == "belum" for r in cum),
        terlambat=sum(r.terlambat for r in cum),
        berbukti=sum(r.berbukti for r in cum),
        tanpa_bukti=sum(r.tanpa_bukti for r in cum),
    )


def _kunci(asal: str, teks: str) -> tuple[str, str]:
    return asal, " ".join(teks.split()).casefold()


def bawaan(sebelumnya: MonevFile | None) -> list[tuple[str, str]]:
    """Recommendations carried into this period: the earlier period's own,
    then the ones it still had open; (asal, text), no repeats."""
    if sebelumnya is None:
        return []
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    items = [(sebelumnya.periode, r.teks) for r in sebelumnya.rekomendasi]
    items += [(t.asal, t.rekomendasi) for t in sebelumnya.tindak_lanjut_rekomendasi if t.status != "selesai"]
    for asal, teks in items:
        k = _kunci(asal, teks)
        if k not in seen:
            seen.add(k)
            out.append((asal, teks))
    return out


def tindak_lanjut(monev: MonevFile | None, sebelumnya: MonevFile | None) -> tuple[TindakLanjut, ...]:
    """Every carried recommendation with the follow-up this period reports
    (status "belum", not reported, when it reports none), then any other
    follow-up the input lists."""
    reported = {}
    if monev is not None:
        for t in monev.tindak_lanjut_rekomendasi:
            reported.setdefault(_kunci(t.asal, t.rekomendasi), t)
    out = []
    for asal, teks in bawaan(sebelumnya):
        t = reported.pop(_kunci(asal, teks), None)
        if t is None:
            out.append(TindakLanjut(asal, teks, "belum", "", False))
        else:
            out.append(TindakLanjut(asal, teks, t.status, t.keterangan, True))
    used = set()
    if monev is not None:
        for t in monev.tindak_lanjut_rekomendasi:
            k = _kunci(t.asal, t.rekomendasi)
            if k in reported and k not in used:
                used.add(k)
                out.append(TindakLanjut(t.asal, t.rekomendasi, t.status, t.keterangan, True))
    return tuple(out)


class FiguresTidakKonsisten(AssertionError):
    """A summary number disagrees with the rows (a bug, never a user error)."""


def periksa(fig: Figures) -> None:
    """Re-derive every summary number from the rows by a second route."""
    for a in fig.area:
        due = [r for r in fig.rinci if r.area == a.kode]
        got = (a.jatuh_tempo, a.selesai, a.proses, a.belum)
        want = (len(due), *(sum(1 for r in due if r.status == s) for s in ("selesai", "proses", "belum")))
        if got != want or a.selesai + a.proses + a.belum != a.jatuh_tempo:
            raise FiguresTidakKonsisten(f"area {a.kode}: ringkasan {got} ≠ baris {want}")
    fields = ("jatuh_tempo", "selesai", "proses", "belum", "realisasi_jumlah", "kumulatif", "selesai_kumulatif",
              "proses_kumulatif", "belum_kumulatif", "terlambat", "berbukti", "tanpa_bukti")
    for name in fields:
        s = sum((getattr(a, name) for a in fig.area), Decimal(0) if name == "realisasi_jumlah" else 0)
        if s != getattr(fig.total, name):
            raise FiguresTidakKonsisten(f"jumlah {name}: {getattr(fig.total, name)} ≠ jumlah area {s}")
    if fig.total.terlambat != len(fig.terlambat):
        raise FiguresTidakKonsisten("jumlah terlambat tidak sama dengan daftar aksi terlambat")
    if fig.total.tanpa_bukti != len(fig.tanpa_bukti) or any(
            a.tanpa_bukti + a.berbukti != a.kumulatif for a in (*fig.area, fig.total)):
        raise FiguresTidakKonsisten("jumlah aksi tanpa bukti tidak sama dengan daftar aksi tanpa bukti")
    late = {r.id for r in fig.terlambat}
    if not all(r.jatuh_tempo_sampai_akhir for r in fig.baris if r.id in late):
        raise FiguresTidakKonsisten("aksi terlambat yang belum jatuh tempo")
    assert set(STATUS) >= {r.status for r in fig.baris}
