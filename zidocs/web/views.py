"""The pages. Each view checks the role on the server, calls ``zidocs.api`` and renders."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from functools import wraps
from importlib.resources import files
from pathlib import Path

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from zidocs import api
from zidocs.errors import BuktiError, ZidocsError, aksi
from zidocs.web import jobs
from zidocs.web.middleware import too_large
from zidocs.web.models import Audit, Pengguna, Tugas
from zidocs.web.tampil import id_dari_jalur, miring, polos, tampil_html

P = Pengguna.Peran
SEMUA = (P.ADMIN, P.KOORDINATOR, P.PIMPINAN, P.EVALUATOR)
PEMBACA_DOKUMEN = (P.ADMIN, P.PIMPINAN, P.EVALUATOR)


# --- answers that are not pages ------------------------------------------------------


def forbidden(request, pesan="Peran Anda tidak berhak membuka halaman ini."):
    return render(request, "zidocs_web/403.html", {"pesan": pesan}, status=403)


def csrf_failure(request, reason=""):
    return render(request, "zidocs_web/403.html", {
        "pesan": "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu kirim lagi."},
        status=403)


def locked_out(request, response=None, credentials=None):
    return render(request, "zidocs_web/masuk.html", {
        "galat": "Terlalu banyak percobaan masuk yang gagal. Coba lagi 15 menit lagi atau hubungi admin."},
        status=429)


def galat(request, exc: ZidocsError, status: int = 400):
    """A library error as a page: its message with actions as links, and findings if any."""
    temuan = [tampil_html(f.format(), tautan_indikator=True) for f in getattr(exc, "findings", [])]
    return render(request, "zidocs_web/galat.html",
                  {"pesan": tampil_html(exc.message), "temuan": temuan}, status=status)


class TidakAda(Exception):
    """What the URL names does not exist: a 404 page with this (Indonesian) message."""


def tidak_ada(request, pesan: str = "Halaman tidak ditemukan."):
    return render(request, "zidocs_web/pesan.html", {"pesan": tampil_html(pesan), "judul": "Tidak ditemukan"},
                  status=404)


def peran(*roles):
    """Server-side role check: anonymous → login page, wrong role → 403; library errors → a page;
    an unknown evidence ID, indicator or period → 404."""
    def deco(view):
        @wraps(view)
        def inner(request, *a, **kw):
            if not request.user.is_authenticated:
                return redirect(f"{settings.LOGIN_URL}?next={request.path}")
            if request.user.peran not in roles:
                return forbidden(request)
            try:
                return view(request, *a, **kw)
            except TidakAda as exc:
                return tidak_ada(request, str(exc))
            except api.BuktiTidakDitemukan as exc:
                return tidak_ada(request, exc.message)
            except ZidocsError as exc:
                return galat(request, exc)
        return inner
    return deco


def catat(request, aksi: str, rincian: str = "") -> None:
    Audit.objects.create(pengguna=request.user.username, aksi=aksi, rincian=rincian)


# --- log in and out --------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def masuk(request):
    if request.method == "POST":
        username = request.POST.get("username", "")
        user = authenticate(request, username=username, password=request.POST.get("password", ""))
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        if user is None:
            Audit.objects.create(pengguna=username[:150], aksi="masuk-gagal")
            return render(request, "zidocs_web/masuk.html",
                          {"galat": "Nama pengguna atau kata sandi salah."}, status=401)
        login(request, user)  # rotates the session key
        Audit.objects.create(pengguna=user.username, aksi="masuk")
        nxt = request.GET.get("next", "/")
        return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else "/")
    return render(request, "zidocs_web/masuk.html")


@require_POST
def keluar(request):
    if request.user.is_authenticated:
        catat(request, "keluar")
    logout(request)  # deletes the session row
    return redirect("/masuk")


# --- reading -----------------------------------------------------------------------------


def _persen(x) -> int | None:
    return None if x is None else int(round(float(x)))


@require_safe
@peran(*SEMUA)
def beranda(request):
    ws = request.workspace
    today = timezone.localdate()
    st = api.status(ws, tanggal=today)
    fig = st.figures
    area = [{"r": r, "capaian": _persen(r.capaian), "bukti": _persen(r.cakupan_bukti)} for r in (*fig.area, fig.total)]
    tanpa_bukti = [b for b in fig.baris if b.jatuh_tempo_sampai_akhir and not b.berbukti]
    plan, daftar = api.bukti_list(ws)
    entries = sorted((e for row in daftar.rows for e in row.entries), key=lambda e: (e.ditambahkan, e.id),
                     reverse=True)[:10]
    return render(request, "zidocs_web/beranda.html", {
        "tanggal": today, "figures": fig, "area": area, "terlambat": fig.terlambat, "tanpa_bukti": tanpa_bukti,
        "terbaru": entries, "sumber": st.sumber, "contoh": st.contoh,
        "berbukti": daftar.with_evidence, "jumlah": daftar.total,
    })


@require_safe
@peran(*SEMUA)
def rencana(request):
    ws = request.workspace
    plan, daftar = api.bukti_list(ws)
    jumlah = {r.indikator: len(r.entries) for r in daftar.rows}
    status = {b.id: b for b in api.status(ws, tanggal=timezone.localdate()).figures.baris}
    hanya_kosong = request.GET.get("tanpa_bukti") == "1"
    areas = []
    for a in plan.rencana_aksi.area:
        komponen = []
        for k in a.komponen:
            rows = []
            for n, ind in enumerate(k.indikator, start=1):
                kode = f"{a.kode}.{k.no}.{n}"
                if hanya_kosong and jumlah.get(kode):
                    continue
                b = status.get(kode)
                rows.append({"kode": kode, "teks": miring(ind.indikator), "target": ind.target_waktu,
                             "bukti": jumlah.get(kode, 0), "status": b.status if b else "",
                             "terlambat": bool(b and b.terlambat)})
            if rows:
                komponen.append({"no": k.no, "nama": miring(k.nama), "indikator": rows})
        if komponen:
            areas.append({"kode": a.kode, "nama": miring(a.nama), "komponen": komponen})
    return render(request, "zidocs_web/rencana.html",
                  {"tahun": plan.tahun, "areas": areas, "hanya_kosong": hanya_kosong})


def _ref(plan, kode: str):
    for ref in plan.indikator_list():
        if ref.id == kode:
            return ref
    raise TidakAda(f"Indikator {kode} tidak ada dalam rencana aksi tahun {plan.tahun}. "
                   f"Pilih indikatornya di {aksi('bukti-list')}.")


def _periode(ws, periode: str) -> None:
    ada = api.monev_periode(ws)
    if periode not in ada:
        raise TidakAda(f"Isian monev periode “{periode}” tidak ada (yang ada: {', '.join(ada) or 'belum ada'}).")


# One message carried across a redirect (POST → redirect → GET), shown once.
_PESAN = "zidocs_pesan"


def _simpan_pesan(request, **pesan) -> None:
    request.session[_PESAN] = pesan


def _ambil_pesan(request) -> dict:
    return request.session.pop(_PESAN, None) or {}


def _daftar(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _tujuan_pindah(user, plan, kode: str) -> list[dict]:
    """The indicators this user may move evidence to (their areas; every area for an admin)."""
    return [{"kode": r.id, "teks": f"{r.id} {polos(r.indikator.indikator)}"[:110]}
            for r in plan.indikator_list() if r.id != kode and user.boleh_ubah_area(r.area.kode)]


def _letak(ref) -> dict:
    """Where an indicator sits (area › komponen), its names with their italics."""
    return {"area_nama": miring(ref.area.nama), "komponen_nama": miring(ref.komponen.nama)}


def _indikator_page(request, kode: str, *, status: int = 200, **extra):
    ws = request.workspace
    plan, daftar = api.bukti_list(ws)
    ref = _ref(plan, kode)
    row = next(r for r in daftar.rows if r.indikator == kode)
    boleh = request.user.boleh_ubah_area(ref.area.kode)
    return render(request, "zidocs_web/indikator.html", {
        "kode": kode, "ref": ref, "teks": miring(ref.indikator.indikator), **_letak(ref),
        "langkah": [miring(t) for t in _daftar(ref.indikator.langkah_aksi)],
        "bukti_fisik": [miring(t) for t in _daftar(ref.indikator.bukti_fisik)],
        "entries": row.entries, "boleh_ubah": boleh,
        "tujuan": _tujuan_pindah(request.user, plan, kode) if boleh else [],
        "periode": api.monev_periode(ws),
        "max_mb": max(1, settings.ZIDOCS_MAX_UPLOAD // (1024 * 1024)), **extra,
    }, status=status)


@require_safe
@peran(*SEMUA)
def indikator(request, kode: str):
    return _indikator_page(request, kode, **_ambil_pesan(request))


# --- changing evidence ---------------------------------------------------------------------

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def nama_aman(name: str, n: int) -> str:
    """A client's file name reduced to one harmless component (kept only as the name shown)."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[-120:]
    return base or f"berkas-{n}"


@require_POST
@peran(P.ADMIN, P.KOORDINATOR)
def unggah(request, kode: str):
    area = kode.split(".", 1)[0].upper()
    if not request.user.boleh_ubah_area(area):
        return forbidden(request, f"Anda bukan koordinator area {area}; unggah ke indikator {kode} ditolak.")
    _ref(api.load(request.workspace), kode)  # an unknown indicator: 404 before anything is read
    berkas = request.FILES.getlist("berkas")  # parsing happens here (or already in the CSRF check)
    if getattr(request, "zidocs_upload_too_large", False):
        return too_large(settings.ZIDOCS_MAX_UPLOAD)
    if not berkas:
        return _indikator_page(request, kode, status=400, galat_unggah="Pilih minimal satu berkas untuk diunggah.")
    keterangan = request.POST.get("keterangan", "").strip()[:500]
    tanggal = request.POST.get("tanggal", "").strip()
    kegiatan = None  # the activity date monev counts (default: the day of upload)
    if tanggal:
        try:
            kegiatan = dt.date.fromisoformat(tanggal)
        except ValueError:
            return _indikator_page(request, kode, status=400,
                                   galat_unggah=f"“{tanggal}” bukan tanggal (TTTT-BB-HH).")
    ws = request.workspace
    # Each upload is copied into its own private numbered folder: the client's name is
    # only the last component there (sanitised), so it can never reach another path.
    work = Path(tempfile.mkdtemp(prefix="unggah-", dir=ws.root / ".zidocs"))
    try:
        paths = []
        for n, f in enumerate(berkas):
            d = work / f"{n:03d}"
            d.mkdir()
            p = d / nama_aman(f.name, n)
            with open(p, "wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
            paths.append(p)
        try:
            result = api.bukti_add(ws, paths, kode, keterangan=keterangan, tanggal=kegiatan,
                                   oleh=request.user.username, now=timezone.now())
        except BuktiError as exc:
            catat(request, "unggah-ditolak", f"{kode}: {', '.join(p.name for p in paths)}")
            return _indikator_page(request, kode, status=422, galat_unggah=tampil_html(exc.message))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ids = api.indikator_ids(ws)
    hasil = []
    for item in result.items:
        e = item.entry
        catat(request, "unggah-duplikat" if item.duplikat else "unggah",
              f"{kode}: {item.nama} (#{e.id}, {e.ukuran} B, sha256 {e.sha256[:12]})")
        sama = sorted({ids.get(s.indikator, s.indikator) for s in item.sama_dengan} - {kode})
        hasil.append({"nama": item.nama, "duplikat": item.duplikat, "halaman": e.halaman, "sama_dengan": sama})
    # POST → redirect → GET: reloading the page shows it again, it never uploads again
    _simpan_pesan(request, hasil=hasil)
    return redirect(f"/indikator/{kode}")


@require_POST
@peran(P.ADMIN, P.KOORDINATOR)
def hapus(request, entry_id: int):
    entry, _ = api.bukti_berkas(request.workspace, entry_id)
    # The store files evidence under the indicator's kunci; roles and pages speak printed IDs.
    kode = api.indikator_ids(request.workspace, entry.tahun).get(entry.indikator, entry.indikator)
    area = kode.split(".", 1)[0]
    if not request.user.boleh_ubah_area(area):
        return forbidden(request, f"Anda bukan koordinator area {area}; bukti ini tidak dapat dihapus.")
    api.bukti_remove(request.workspace, entry_id, now=timezone.now(), oleh=request.user.username)
    catat(request, "hapus", f"{kode}: {entry.nama_asli} (#{entry.id}, sha256 {entry.sha256[:12]})")
    _simpan_pesan(request, dihapus=f"Bukti “{entry.nama_asli}” dipindahkan ke sampah dari indikator {kode}; "
                                   "Sekretariat dapat memulihkannya.")
    return redirect(f"/indikator/{kode}")


@require_POST
@peran(P.ADMIN, P.KOORDINATOR)
def pindah(request, entry_id: int):
    """Move evidence to another indicator: the user must hold both the source and the target area."""
    ws = request.workspace
    entry, _ = api.bukti_berkas(ws, entry_id)
    kode = api.indikator_ids(ws, entry.tahun).get(entry.indikator, entry.indikator)
    tujuan = request.POST.get("indikator", "").strip().upper()[:40]
    asal_area, tujuan_area = kode.split(".", 1)[0], tujuan.split(".", 1)[0]
    if not request.user.boleh_ubah_area(asal_area):
        return forbidden(request, f"Anda bukan koordinator area {asal_area}; bukti ini tidak dapat dipindahkan.")
    if not tujuan:
        return _indikator_page(request, kode, status=400, galat_unggah="Pilih indikator tujuan.")
    if not request.user.boleh_ubah_area(tujuan_area):
        return forbidden(request, f"Anda bukan koordinator area {tujuan_area}; bukti tidak dapat dipindahkan "
                                  f"ke indikator {tujuan}.")
    if tujuan == kode:
        return _indikator_page(request, kode, status=400, galat_unggah=f"Bukti ini sudah di indikator {kode}.")
    try:
        before, after = api.bukti_move(ws, entry_id, tujuan, tahun=entry.tahun, now=timezone.now(),
                                       oleh=request.user.username)
    except BuktiError as exc:
        catat(request, "pindah-ditolak", f"{kode} → {tujuan}: {entry.nama_asli} (#{entry.id})")
        return _indikator_page(request, kode, status=422, galat_unggah=tampil_html(exc.message))
    catat(request, "pindah", f"{kode} → {tujuan}: {entry.nama_asli} (#{entry.id}, sha256 {entry.sha256[:12]})")
    _simpan_pesan(request, dipindah={"nama": entry.nama_asli, "tujuan": tujuan})
    return redirect(f"/indikator/{kode}")


@require_safe
@peran(*SEMUA)
def berkas(request, entry_id: int):
    """The stored original, as an attachment with the type the intake found (never sniffed)."""
    entry, path = api.bukti_berkas(request.workspace, entry_id)
    resp = FileResponse(open(path, "rb"), as_attachment=True, filename=entry.nama_asli,
                        content_type=entry.media_type)
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


@require_safe
@peran(*SEMUA)
def pratinjau(request, entry_id: int):
    path = api.bukti_pratinjau(request.workspace, entry_id)
    resp = FileResponse(open(path, "rb"), content_type="image/png")
    resp["Cache-Control"] = "private, max-age=3600"
    return resp


# --- monev entry --------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@peran(*SEMUA)
def monev(request, periode: str, kode: str):
    ws = request.workspace
    plan = api.load(ws)
    ref = _ref(plan, kode)
    _periode(ws, periode)
    boleh = request.user.boleh_ubah_area(ref.area.kode)
    ctx = {"kode": kode, "ref": ref, "teks": miring(ref.indikator.indikator), "periode": periode,
           "boleh_ubah": boleh, "status_pilihan": ("belum", "proses", "selesai")}
    if request.method == "POST":
        if not boleh:
            return forbidden(request, f"Anda bukan koordinator area {ref.area.kode}; isian monev {kode} ditolak.")
        nilai = {k: request.POST.get(k, "")[:2000] for k in ("realisasi", "status", "kendala", "tindak_lanjut",
                                                              "catatan")}
        try:
            isian = api.monev_isian_simpan(ws, None, periode, kode, nilai, request.POST.get("token", ""))
        except ZidocsError as exc:
            isian = api.monev_isian(ws, None, periode, kode)
            catat(request, "monev-ditolak", f"{periode} {kode}")
            return render(request, "zidocs_web/monev.html",
                          {**ctx, "isian": isian, "kiriman": nilai, "galat": tampil_html(exc.message)}, status=409)
        catat(request, "monev", f"{periode} {kode}: {nilai['status'] or '-'} {nilai['realisasi'] or '-'}%")
        # POST → redirect → GET: a reload shows the saved entry, it never sends the form again
        _simpan_pesan(request, tersimpan=f"Isian {periode} untuk {kode} disimpan ke {isian.berkas}.")
        return redirect(f"/monev/{periode}/{kode}")
    return render(request, "zidocs_web/monev.html",
                  {**ctx, "isian": api.monev_isian(ws, None, periode, kode), **_ambil_pesan(request)})


RAPAT_LABEL = {"tanggal": "Tanggal rapat", "tempat": "Tempat", "pimpinan": "Pimpinan rapat",
               "jabatan_pimpinan": "Jabatan pimpinan rapat", "peserta": "Jumlah peserta"}


@require_safe
@peran(*SEMUA)
def monev_daftar(request):
    ada = api.monev_periode(request.workspace)
    return render(request, "zidocs_web/monev_daftar.html", {"periode": ada})


@require_http_methods(["GET", "HEAD", "POST"])
@peran(*SEMUA)
def monev_periode(request, periode: str):
    """The period's page: the meeting data form (the secretariat's) and every indicator's entry form."""
    ws = request.workspace
    _periode(ws, periode)
    plan = api.load(ws)
    boleh = request.user.peran == P.ADMIN
    ctx = {"periode": periode, "boleh_ubah": boleh, "label": RAPAT_LABEL,
           "indikator": [{"kode": r.id, "teks": miring(r.indikator.indikator),
                          "boleh": request.user.boleh_ubah_area(r.area.kode)} for r in plan.indikator_list()]}
    if request.method == "POST":
        if not boleh:
            return forbidden(request, "Data rapat monev diisi oleh Sekretariat (admin).")
        nilai = {k: request.POST.get(k, "")[:500] for k in RAPAT_LABEL}
        try:
            rapat = api.monev_rapat_simpan(ws, None, periode, nilai, request.POST.get("token", ""))
        except ZidocsError as exc:
            catat(request, "monev-rapat-ditolak", periode)
            return render(request, "zidocs_web/monev_periode.html", {
                **ctx, "rapat": api.monev_rapat(ws, None, periode),
                "kiriman": [(RAPAT_LABEL[k].lower(), nilai[k]) for k in RAPAT_LABEL],
                "galat": tampil_html(exc.message)}, status=409)
        catat(request, "monev-rapat", f"{periode}: {nilai['tanggal'] or '-'}, {nilai['pimpinan'] or '-'}, "
                                      f"{nilai['peserta'] or '-'} peserta")
        _simpan_pesan(request, tersimpan=f"Data rapat {periode} disimpan ke {rapat.berkas}.")
        return redirect(f"/monev/{periode}")
    return render(request, "zidocs_web/monev_periode.html",
                  {**ctx, "rapat": api.monev_rapat(ws, None, periode), **_ambil_pesan(request)})


# --- documents -----------------------------------------------------------------------------


def _boleh_unduh(user, t: Tugas) -> bool:
    return user.peran in (P.ADMIN, P.PIMPINAN) or (user.peran == P.EVALUATOR and t.jenis == "dossier")


@require_safe
@peran(*PEMBACA_DOKUMEN)
def dokumen(request):
    ws = request.workspace
    reg = api.register(ws)
    periode = api.monev_periode(ws)
    tugas = [t for t in Tugas.objects.order_by("-id")[:30] if _boleh_unduh(request.user, t)]
    plan = api.load(ws)
    return render(request, "zidocs_web/dokumen.html", {
        "tahun": reg.tahun, "keputusan": reg.baris, "periode": periode, "tugas": tugas,
        "areas": [a.kode for a in plan.rencana_aksi.area], "boleh_bangun": request.user.peran == P.ADMIN,
    })


_JUDUL = {"keputusan": "Keputusan {0}", "monev": "Laporan monev {0}", "dossier": "Dossier {0}"}


@require_POST
@peran(P.ADMIN)
def bangun(request):
    jenis = request.POST.get("jenis", "")
    argumen = request.POST.get("argumen", "")
    if jenis not in _JUDUL or not re.fullmatch(r"[A-Za-z0-9-]{0,40}", argumen):
        return render(request, "zidocs_web/pesan.html", {"pesan": "Jenis dokumen tidak dikenal."}, status=400)
    judul = _JUDUL[jenis].format(argumen or "semua area")
    t = Tugas.objects.create(jenis=jenis, argumen=argumen, judul=judul, dibuat_oleh=request.user.username)
    catat(request, "bangun-mulai", judul)
    jobs.submit(request.workspace, t.id)
    return render(request, "zidocs_web/tugas.html", {"t": t})


@require_safe
@peran(*PEMBACA_DOKUMEN)
def tugas(request, tugas_id: int):
    t = Tugas.objects.filter(pk=tugas_id).first()
    if t is None or not _boleh_unduh(request.user, t):
        raise Http404
    resp = render(request, "zidocs_web/tugas.html", {"t": t})
    if not t.berjalan:
        resp.status_code = 286  # htmx: stop polling
    return resp


_JENIS_BERKAS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".json": "application/json",
}


@require_safe
@peran(*PEMBACA_DOKUMEN)
def unduh(request, tugas_id: int, n: int):
    t = Tugas.objects.filter(pk=tugas_id, status="selesai").first()
    if t is None or n >= len(t.hasil):
        raise Http404
    if not _boleh_unduh(request.user, t):
        return forbidden(request)
    root = request.workspace.root.resolve()
    path = (root / t.hasil[n]).resolve()
    if root not in path.parents or not path.is_file():  # the row names a file inside the workspace
        raise Http404
    catat(request, "unduh", t.hasil[n])
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name,
                        content_type=_JENIS_BERKAS.get(path.suffix, "application/octet-stream"))


# --- check, audit log, users -------------------------------------------------------------------


@require_safe
@peran(*SEMUA)
def pemeriksaan(request):
    report = api.check(request.workspace)
    plan = report.loaded.plan
    temuan = [{"level": f.level, "teks": tampil_html(f.format(), tautan_indikator=True),
               "indikator": id_dari_jalur(plan, f.pesan)} for f in report.findings]
    return render(request, "zidocs_web/pemeriksaan.html", {
        "tahun": report.loaded.tahun, "temuan": temuan,
        "galat": len(report.errors), "peringatan": len(report.warnings)})


@require_safe
@peran(P.ADMIN, P.PIMPINAN)
def riwayat(request):
    return render(request, "zidocs_web/riwayat.html", {"audit": Audit.objects.order_by("-id")[:300]})


@require_http_methods(["GET", "HEAD", "POST"])
@peran(P.ADMIN)
def pengguna(request):
    pesan = galat_ = None
    status = 200
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        User = get_user_model()
        if aksi == "tambah":
            username = request.POST.get("username", "").strip()
            peran_ = request.POST.get("peran", "")
            area = request.POST.get("area", "").replace(" ", "").upper()
            sandi = request.POST.get("password", "")
            try:
                if not re.fullmatch(r"[A-Za-z0-9_.-]{2,40}", username):
                    raise ValidationError("Nama pengguna 2–40 huruf, angka, titik, garis bawah atau tanda hubung.")
                if peran_ not in P.values:
                    raise ValidationError("Pilih peran.")
                if peran_ == P.KOORDINATOR and not area:
                    raise ValidationError("Koordinator perlu area, mis. I atau I,III.")
                if User.objects.filter(username=username).exists():
                    raise ValidationError(f"Pengguna {username} sudah ada.")
                validate_password(sandi)
            except ValidationError as exc:
                galat_, status = " ".join(exc.messages), 400
            else:
                User.objects.create_user(username=username, password=sandi, peran=peran_,
                                         area=area if peran_ == P.KOORDINATOR else "")
                catat(request, "pengguna-tambah", f"{username} ({peran_} {area})".strip())
                pesan = f"Pengguna {username} ditambahkan."
        elif aksi == "nonaktif":
            username = request.POST.get("username", "")
            if username == request.user.username:
                galat_, status = "Anda tidak dapat menonaktifkan akun Anda sendiri.", 400
            elif User.objects.filter(username=username, is_active=True).update(is_active=False):
                catat(request, "pengguna-nonaktif", username)
                pesan = f"Pengguna {username} dinonaktifkan."
            else:
                galat_, status = f"Pengguna aktif {username} tidak ditemukan.", 400
    return render(request, "zidocs_web/pengguna.html", {
        "daftar": Pengguna.objects.order_by("username"), "peran_pilihan": P.choices,
        "pesan": pesan, "galat": galat_}, status=status)


# --- vendored static files ------------------------------------------------------------------

# A fixed whitelist served from package data: no path ever comes from the URL.
STATIC = {
    "htmx.min.js": "text/javascript; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}


@require_safe
def static(request, name: str):
    ctype = STATIC.get(name)
    if ctype is None:
        raise Http404
    resp = HttpResponse(files("zidocs.web").joinpath("static", name).read_bytes(), content_type=ctype)
    resp["Cache-Control"] = "public, max-age=3600"
    return resp


def not_found(request, exception=None):
    return render(request, "zidocs_web/pesan.html", {"pesan": "Halaman tidak ditemukan."}, status=404)
