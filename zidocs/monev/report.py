"""The monev report: template context (pure), progress chart (matplotlib,
deterministic PNG), docxtpl rendering, and writing out/<tahun>/monev/.

Everything is computed and rendered in memory before the first file is
written; the same inputs and build date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any


from zidocs.office import atomic
from zidocs.office.convert import to_pdf
from zidocs.office.docxnorm import normalize_docx_bytes
from zidocs.errors import ConversionError
from zidocs.office.docxrender import docxtpl, load_template, render_template
from zidocs.office.logo import logo_file
from zidocs.text.markup import MarkupError, Rich, Run
from zidocs.plan.kinds import RENCANA_AKSI
from zidocs.plan.models import Pejabat, Plan
from zidocs.text.nip import format_nip, nip_line
from zidocs.text.tanggal import format_tanggal
from zidocs.text.target_waktu import NAMA_BULAN, format_bulan
from zidocs.plan.workspace import Workspace
from zidocs.monev.data import MonevData, muat_periode
from zidocs.monev.figures import BarisIndikator, Figures, Ringkasan, alasan_terlambat, persen_teks
from zidocs.plan.monev_input import require_lengkap
from zidocs.plan.monev_file import MonevFile
from zidocs.plan.periode import periode as periode_of

TEMPLATE = "monev.docx"
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
LABEL_STATUS = {"belum": "Belum", "proses": "Proses", "selesai": "Selesai"}
# Chart: one blue scale, readable in colour and in black-and-white print.
WARNA = {"selesai": "#1f4e79", "proses": "#6fa8dc", "belum": "#e3e3e3"}
WARNA_TEKS = {"selesai": "white", "proses": "black", "belum": "black"}
GRAFIK_LEBAR_MM = 160
GRAFIK_DPI = 200
LOGO_TINGGI_MM = 35  # the emblem on the cover


def template_path(ws: Workspace) -> Path:
    return ws.templates_dir / "laporan" / TEMPLATE


# --- numbers and words ------------------------------------------------------------


def angka(value: Decimal | None) -> str:
    """One decimal with a decimal comma ("66,7"); "–" when there is none."""
    if value is None:
        return "\u2013"
    return f"{value:.1f}".replace(".", ",")


def persen(value: Decimal) -> str:
    """A realisasi as written: "75", "62,5"."""
    text = f"{value.normalize():f}" if value != value.to_integral() else str(int(value))
    return text.replace(".", ",")


def hari(d: dt.date) -> str:
    return HARI[d.weekday()]


def rich(text: str) -> Rich:
    """Marked-up text (``*website*``) as runs; text the secretary wrote with a
    stray ``*`` is kept as written."""
    try:
        return Rich.of(text)
    except MarkupError:
        return Rich((Run(text),))


# --- context ------------------------------------------------------------------------


def contoh_laju(bulan_akhir: int) -> str:
    """The worked example of pace in section E, at this period's end (S1: June)."""
    n = max(bulan_akhir, 1)
    persen = persen_teks(Decimal(n * 100) / 12)
    return f"aksi Januari–Desember pada akhir {NAMA_BULAN[n - 1]}: {n} dari 12 bulan, {persen}%"


def _ringkasan(r: Ringkasan) -> dict[str, Any]:
    return {
        "kode": r.kode,
        "nama": rich(r.nama),
        "jatuh_tempo": r.jatuh_tempo,
        "selesai": r.selesai,
        "proses": r.proses,
        "belum": r.belum,
        "capaian": angka(r.capaian),
    }


def _baris(b: BarisIndikator) -> dict[str, Any]:
    return {
        "id": b.id,
        "indikator": rich(b.indikator),
        "target_waktu": bulan_teks(b),
        "realisasi": persen(b.realisasi),
        "status": LABEL_STATUS[b.status] + ("" if b.diisi else "*"),
        "bukti": b.bukti,
        "kendala": rich(b.kendala),
        "tindak_lanjut": rich(b.tindak_lanjut),
        "catatan": rich(b.catatan) if b.catatan.strip() else "",
    }


def bulan_teks(b: BarisIndikator) -> str:
    """The months zidocs reads from the target waktu ("Januari–Desember");
    the text as written when it yields none."""
    return format_bulan(b.bulan) if b.bulan else b.target_waktu


def _pejabat(p: Pejabat) -> dict[str, Any]:
    return {"nama": p.nama, "nip": format_nip(p.nip), "nip_baris": nip_line(p.nip), "jabatan": list(p.jabatan)}


_KATA_KECIL = {"dan", "di", "dari", "ke", "untuk", "yang", "pada", "atas", "serta", "dengan", "oleh", "bagi",
               "tentang", "atau", "dalam"}
_SINGKATAN = {"KPU", "WBK", "WBBM", "ZI", "RI", "SDM", "SOP", "ASN", "TPI", "TPN", "PPID", "JDIH", "LKE", "IT",
              "PANRB", "DPR", "DPRD", "BPK", "KPK"}


def judul_kalimat(judul: str) -> str:
    """A title in capitals as cited in running text: "Rencana Aksi
    Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi …"."""
    out = []
    for i, word in enumerate(judul.split()):
        core = word.strip(",.;:()")
        if core.upper() in _SINGKATAN:
            out.append(word.upper())
        elif i > 0 and word.lower() in _KATA_KECIL:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def dasar_bawaan(plan: Plan) -> list[str]:
    """The introduction's basis when the input names none: the regulations
    on Zona Integritas the action-plan decree cites, then that decree."""
    kep = plan.keputusan.get(RENCANA_AKSI.jenis)
    if kep is None:
        return []
    k = kep.keputusan
    out = [m.strip().rstrip(";").rstrip(".") + "." for m in k.mengingat if "zona integritas" in m.casefold()]
    out.append(f"Keputusan {plan.kantor.nama} Nomor {k.nomor} Tahun {k.tahun} tentang {judul_kalimat(k.judul)}.")
    return out


def konteks(plan: Plan, fig: Figures, monev: MonevFile) -> dict[str, Any]:
    """Everything templates/laporan/monev.docx uses, flat. ``monev`` must be
    complete (meeting and signatories filled in: ``require_lengkap``)."""
    per = fig.periode
    rapat = monev.rapat
    assert rapat.tanggal and rapat.pimpinan and rapat.peserta and monev.penandatangan
    tanggal_laporan = monev.tanggal_laporan or rapat.tanggal
    rinci_area = []
    for a in plan.rencana_aksi.area:
        rows = [_baris(b) for b in fig.rinci if b.area == a.kode]
        if rows:
            rinci_area.append({"kode": a.kode, "nama": rich(a.nama), "baris": rows})
    dasar = list(monev.dasar) or dasar_bawaan(plan)
    sebelumnya = periode_of(fig.sebelumnya, plan.tahun).judul if fig.sebelumnya else ""
    return {
        "contoh": monev.contoh,
        "logo": "",  # render_monev puts the office's logo here when there is one
        "kop": list(plan.kantor.kop),
        "kantor": plan.kantor.nama,
        "tahun": plan.tahun,
        "tahun_laporan": tanggal_laporan.year,
        "periode_judul": per.judul,
        "periode_judul_kapital": per.judul.upper(),
        "periode_rentang": per.rentang,
        "batas_bukti": format_tanggal(per.batas_bukti),
        "contoh_laju": contoh_laju(per.bulan_akhir),
        "dasar": [{"penanda": f"{i}.", "teks": rich(t)} for i, t in enumerate(dasar, 1)],
        "rapat": {
            "hari": hari(rapat.tanggal),
            "tanggal": format_tanggal(rapat.tanggal),
            "tempat_frasa": f" di {rapat.tempat}" if rapat.tempat else "",
            "pimpinan": rapat.pimpinan,
            "jabatan_frasa": f" selaku {rapat.jabatan_pimpinan}" if rapat.jabatan_pimpinan else "",
            "peserta": rapat.peserta,
        },
        "jumlah_indikator": len(fig.baris),
        "ringkasan": [_ringkasan(a) for a in fig.area],
        "total": _ringkasan(fig.total),
        "rinci_area": rinci_area,
        "tidak_diisi": ", ".join(b.id for b in fig.rinci if not b.diisi),
        "belum_jatuh_tempo": ", ".join(b.id for b in fig.diisi_belum_jatuh_tempo),
        "tanpa_jadwal": ", ".join(f"{b.id} (“{b.target_waktu}”)" for b in fig.tanpa_jadwal),
        "tidak_terbaca": ", ".join(f"{b.id} (“{b.target_waktu}”)" for b in fig.tidak_terbaca),
        "sisa": [_baris(b) for b in fig.sisa],
        "terlambat": [
            {"no": i, "id": b.id, "indikator": rich(b.indikator), "target_waktu": bulan_teks(b),
             "status": LABEL_STATUS[b.status], "alasan": alasan_terlambat(b)}
            for i, b in enumerate(fig.terlambat, 1)
        ],
        "tanpa_bukti": [
            {"no": i, "id": b.id, "indikator": rich(b.indikator), "target_waktu": bulan_teks(b),
             "status": LABEL_STATUS[b.status]}
            for i, b in enumerate(fig.tanpa_bukti, 1)
        ],
        "sebelumnya_judul": sebelumnya,
        "tindak_lanjut": [
            {"no": i, "rekomendasi": rich(t.rekomendasi), "asal": t.asal, "status": LABEL_STATUS[t.status],
             "keterangan": t.keterangan if t.dilaporkan else "Belum dilaporkan pada periode ini."}
            for i, t in enumerate(fig.tindak_lanjut, 1)
        ],
        "rekomendasi": [
            {"no": i, "teks": rich(r.teks), "penanggung_jawab": r.penanggung_jawab, "batas_waktu": r.batas_waktu}
            for i, r in enumerate(fig.rekomendasi, 1)
        ],
        "tempat": plan.kantor.tempat,
        "tanggal_laporan": format_tanggal(tanggal_laporan),
        "ketua_tim": _pejabat(monev.penandatangan.ketua_tim),
        "penanggung_jawab": _pejabat(monev.penandatangan.penanggung_jawab),
    }


# --- chart --------------------------------------------------------------------------


def grafik_png(fig: Figures) -> bytes:
    """Stacked horizontal bars per area — selesai / proses / belum of the
    actions due in the period — with the capaian at the bar's end. A
    deterministic PNG: bundled DejaVu Sans, fixed size and dpi, no metadata."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    areas = list(fig.area)
    lebar_in = GRAFIK_LEBAR_MM / 25.4
    tinggi_in = 0.9 + 0.62 * len(areas)
    with rc_context({"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "zidocs",
                     "axes.spines.top": False, "axes.spines.right": False}):
        figure = Figure(figsize=(lebar_in, tinggi_in), dpi=GRAFIK_DPI)
        FigureCanvasAgg(figure)
        ax = figure.add_subplot(1, 1, 1)
        y = list(range(len(areas)))[::-1]  # first area on top
        maks = max([a.jatuh_tempo for a in areas] + [1])
        for status in ("selesai", "proses", "belum"):
            lefts = [(0 if status == "selesai" else a.selesai + (a.proses if status == "belum" else 0))
                     for a in areas]
            widths = [getattr(a, status) for a in areas]
            ax.barh(y, widths, left=lefts, color=WARNA[status], edgecolor="#404040", linewidth=0.6, height=0.62)
            for yy, left, w in zip(y, lefts, widths):
                if w:
                    ax.text(left + w / 2, yy, str(w), ha="center", va="center", fontsize=8.5,
                            color=WARNA_TEKS[status], fontweight="bold")
        for yy, a in zip(y, areas):
            label = f"capaian {angka(a.capaian)}%" if a.jatuh_tempo else "tidak ada aksi jatuh tempo"
            ax.text(a.jatuh_tempo + maks * 0.015, yy, label, ha="left", va="center", fontsize=8.5)
        ax.set_yticks(y)
        ax.set_yticklabels([_label_area(a) for a in areas], fontsize=8.5)
        ax.set_xlim(0, maks * 1.32)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("Jumlah aksi jatuh tempo")
        ax.grid(axis="x", color="#d0d0d0", linewidth=0.5)
        ax.set_axisbelow(True)
        handles = [Patch(facecolor=WARNA[s], edgecolor="#404040", label=LABEL_STATUS[s])
                   for s in ("selesai", "proses", "belum")]
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False,
                  fontsize=8.5)
        figure.tight_layout()
        buf = io.BytesIO()
        figure.savefig(buf, format="png", dpi=GRAFIK_DPI, metadata={"Software": None})
    return buf.getvalue()


def _label_area(a: Ringkasan) -> str:
    nama = "".join(r.text for r in rich(a.nama).runs)
    lines = textwrap.wrap(nama, 30)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), 30, placeholder="…")]
    return f"{a.kode}. " + "\n     ".join(lines)


# --- rendering ----------------------------------------------------------------------


def render_monev(ws: Workspace, plan: Plan, fig: Figures, monev: MonevFile, *, build_date: dt.date) -> bytes:
    """The report as deterministic DOCX bytes."""
    tpl = load_template(
        template_path(ws),
        missing_hint=f"Salin templates/laporan/{TEMPLATE} dari zidocs (atau buat ulang dengan "
        "`python tools/buat_templat_laporan.py`).",
    )
    ctx = konteks(plan, fig, monev)
    ctx["grafik"] = docxtpl.InlineImage(tpl, io.BytesIO(grafik_png(fig)), width=_mm(GRAFIK_LEBAR_MM))
    logo = logo_file(ws.root, plan.kantor.logo)
    if logo is not None:
        ctx["logo"] = docxtpl.InlineImage(tpl, str(logo), height=_mm(LOGO_TINGGI_MM))
    data = render_template(tpl, TEMPLATE, ctx)
    return normalize_docx_bytes(data, build_date, name=f"monev-{fig.periode.kode}.docx", author=plan.kantor.nama)


# --- build --------------------------------------------------------------------------


@dataclass
class LaporanResult:
    docx: Path
    pdf: Path | None
    figures: Figures
    detik_render: float  # seconds spent computing and rendering the DOCX
    detik_pdf: float = 0.0

    @property
    def paths(self) -> list[Path]:
        return [self.docx] + ([self.pdf] if self.pdf else [])


def build_laporan(
    ws: Workspace,
    tahun: int | None,
    kode: str,
    *,
    pdf: bool = False,
    build_date: dt.date | None = None,
    bukti: Path | None = None,
    tz: dt.tzinfo | None = None,
    data: MonevData | None = None,
) -> LaporanResult:
    """Write out/<tahun>/monev/monev-<PERIODE>.docx (and .pdf).

    Refuses (PlanInvalid, nothing written) while the plan or the monev input
    has errors or the meeting / signatories are not filled in. ``build_date``
    stamps the files' metadata; by default the report's date, so the same
    input always gives the same bytes."""
    t0 = time.perf_counter()
    data = data or muat_periode(ws, tahun, kode, bukti=bukti, tz=tz)
    assert data.isian is not None
    monev = require_lengkap(data.isian)
    fig = data.figures()
    day = build_date or monev.tanggal_laporan or monev.rapat.tanggal
    assert day is not None
    body = render_monev(ws, data.plan, fig, monev, build_date=day)
    detik = time.perf_counter() - t0
    target = ws.monev_dir(data.plan.tahun) / f"monev-{fig.periode.kode}.docx"
    atomic.write_bytes(target, body)
    result = LaporanResult(target, None, fig, detik)
    if pdf:
        t1 = time.perf_counter()
        try:
            (result.pdf,) = to_pdf([target], target.parent, build_date=day, pdfa=True, author=data.plan.kantor.nama)
        except ConversionError as exc:
            exc.message += f" Berkas DOCX tetap ditulis: {target}."
            raise
        result.detik_pdf = time.perf_counter() - t1
    return result


def _mm(value: float):
    from docx.shared import Mm  # python-docx loads only when a report is made

    return Mm(value)
