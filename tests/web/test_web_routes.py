"""Route tests of `zidocs serve`: every page and action, roles, CSRF, limits, audit log."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import LIMIT, jpeg_bytes, pdf_bytes
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zidocs import api
from zidocs.web.models import Audit, Pengguna, Tugas

GET_PAGES = ["/", "/rencana", "/rencana?tanpa_bukti=1", "/indikator/V.2.3", "/monev", "/monev/TW1", "/dokumen",
             "/pemeriksaan", "/riwayat", "/pengguna"]
POSTS = ["/indikator/V.2.3/unggah", "/bukti/1/hapus", "/bukti/1/pindah", "/monev/TW1", "/dokumen/bangun",
         "/pengguna"]


def upload(c: Client, kode: str, *files: tuple[str, bytes], follow: bool = True, **fields):
    """POST an upload; a success redirects (POST/redirect/GET), followed unless ``follow=False``."""
    data = {"berkas": [SimpleUploadedFile(n, b) for n, b in files], **fields}
    return c.post(f"/indikator/{kode}/unggah", data, follow=follow)


def entries(kode: str):
    _, daftar = api.bukti_list(api.Workspace(Path(__import__("conftest").WS)))
    return next(r for r in daftar.rows if r.indikator == kode).entries


# --- log in, sessions, headers --------------------------------------------------------------


def test_password_is_argon2_and_login_works(db, client):
    from zidocs.web import launch

    launch.pengguna_tambah(Path(__import__("conftest").WS), "sekretariat", "rahasia-sekretariat-1", "admin")
    u = Pengguna.objects.get(username="sekretariat")
    assert u.password.startswith("argon2$argon2id$"), u.password
    r = client.post("/masuk", {"username": "sekretariat", "password": "rahasia-sekretariat-1"})
    assert r.status_code == 302 and r["Location"] == "/"
    assert Audit.objects.filter(aksi="masuk", pengguna="sekretariat").exists()
    assert Audit.objects.filter(aksi="pengguna-tambah", rincian__startswith="sekretariat").exists()


@pytest.mark.parametrize("path", GET_PAGES + ["/bukti/1/berkas", "/bukti/1/pratinjau", "/tugas/1",
                                              "/tugas/1/unduh/0"])
def test_anonymous_goes_to_login(db, client, path):
    r = client.get(path)
    assert r.status_code == 302 and r["Location"].startswith("/masuk?next=")


@pytest.mark.parametrize("path", POSTS)
def test_anonymous_post_goes_to_login(db, client, path):
    r = client.post(path, {})
    assert r.status_code == 302 and r["Location"].startswith("/masuk")


def test_every_page_renders_for_admin_with_strict_headers(client_as):
    c = client_as("admin")
    for path in GET_PAGES:
        r = c.get(path)
        assert r.status_code == 200, (path, r.content[:500])
        html = r.content.decode()
        csp = r["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert r["X-Content-Type-Options"] == "nosniff" and r["X-Frame-Options"] == "DENY"
        assert "<script>" not in html and " on" + "click=" not in html  # no inline script
        assert "⟦" not in html and "zidocs check" not in html  # markers rendered, no CLI commands
        assert 'lang="id"' in html


def test_wrong_password_401_then_throttled_429(client, users):
    for _ in range(4):
        r = client.post("/masuk", {"username": "eval", "password": "salah"})
        assert r.status_code == 401 and "salah" in r.content.decode()
    assert client.post("/masuk", {"username": "eval", "password": "salah"}).status_code == 429
    r = client.post("/masuk", {"username": "eval", "password": "sandi-eval-123"})  # even the right one
    assert r.status_code == 429 and "Terlalu banyak percobaan" in r.content.decode()


def test_logout_ends_the_session(client_as):
    c = client_as("pimpinan")
    assert c.get("/").status_code == 200
    r = c.post("/keluar")
    assert r.status_code == 302 and r["Location"] == "/masuk"
    assert c.get("/").status_code == 302
    assert Audit.objects.filter(aksi="keluar", pengguna="pimpinan").exists()


# --- roles -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who,path", [
    ("eval", "/pengguna"), ("eval", "/riwayat"), ("koor1", "/pengguna"), ("koor1", "/dokumen"),
    ("koor1", "/riwayat"), ("pimpinan", "/pengguna"),
])
def test_wrong_role_get_is_403(client_as, who, path):
    r = client_as(who).get(path)
    assert r.status_code == 403 and "Akses ditolak" in r.content.decode()


@pytest.mark.parametrize("who", ["eval", "pimpinan"])
def test_readers_cannot_upload_build_or_manage_users(client_as, who):
    c = client_as(who)
    assert upload(c, "V.2.3", ("a.pdf", pdf_bytes())).status_code == 403
    assert c.post("/dokumen/bangun", {"jenis": "dossier"}).status_code == 403
    assert c.post("/pengguna", {"aksi": "tambah", "username": "x"}).status_code == 403


def test_coordinator_of_area_I_cannot_upload_to_area_V(client_as):
    before = len(entries("V.2.3"))
    r = upload(client_as("koor1"), "V.2.3", ("a.pdf", pdf_bytes("koor1")))
    assert r.status_code == 403 and "Anda bukan koordinator area V" in r.content.decode()
    assert len(entries("V.2.3")) == before
    r = upload(client_as("koor5"), "V.2.3", ("a.pdf", pdf_bytes("koor5")))
    assert r.status_code == 200 and "Unggahan diterima" in r.content.decode()
    assert len(entries("V.2.3")) == before + 1


def test_coordinator_cannot_remove_evidence_of_another_area(client_as):
    upload(client_as("admin"), "V.2.3", ("hapus-saya.pdf", pdf_bytes("hapus-saya")))
    e = [e for e in entries("V.2.3") if e.nama_asli == "hapus-saya.pdf"][0]
    r = client_as("koor1").post(f"/bukti/{e.id}/hapus")
    assert r.status_code == 403 and "bukan koordinator area V" in r.content.decode()
    r = client_as("koor5").post(f"/bukti/{e.id}/hapus", follow=True)
    assert r.status_code == 200 and "dipindahkan ke sampah" in r.content.decode()
    assert r.redirect_chain == [("/indikator/V.2.3", 302)]
    assert e.id not in [x.id for x in entries("V.2.3")]
    assert Audit.objects.filter(aksi="hapus", pengguna="koor5", rincian__contains="hapus-saya.pdf").exists()


# --- CSRF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", POSTS + ["/keluar"])
def test_post_without_csrf_token_is_403(client_as, path):
    c = client_as("admin", enforce_csrf_checks=True)
    r = c.post(path, {"jenis": "dossier"})
    assert r.status_code == 403 and "token CSRF" in r.content.decode()


def test_login_without_csrf_is_403_and_with_token_passes(users):
    c = Client(enforce_csrf_checks=True)
    assert c.post("/masuk", {"username": "admin", "password": "sandi-admin-123"}).status_code == 403
    token = str(c.get("/masuk").context["csrf_token"])
    r = c.post("/masuk", {"username": "admin", "password": "sandi-admin-123", "csrfmiddlewaretoken": token})
    assert r.status_code == 302


def test_htmx_header_token_passes_csrf(client_as):
    c = client_as("admin", enforce_csrf_checks=True)
    token = str(c.get("/dokumen").context["csrf_token"])
    r = c.post("/dokumen/bangun", {"jenis": "nope"}, HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 400 and "Jenis dokumen tidak dikenal" in r.content.decode()


# --- uploads -------------------------------------------------------------------------------------


def test_oversized_file_is_413_in_indonesian(client_as):
    before = len(entries("V.2.3"))
    r = upload(client_as("admin"), "V.2.3", ("besar.pdf", pdf_bytes() + b"0" * (LIMIT + 10)))
    assert r.status_code == 413
    html = r.content.decode()
    assert "Berkas terlalu besar" in html and "batas 1 MB" in html
    assert len(entries("V.2.3")) == before


def test_declared_huge_body_is_413_before_parsing(client_as):
    r = client_as("admin").generic("POST", "/indikator/V.2.3/unggah", b"",
                                   content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(50 << 20))
    assert r.status_code == 413 and "Berkas terlalu besar" in r.content.decode()


def test_file_named_dot_dot_is_stored_safely(client_as, ws):
    body = (b"--B\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"../../x.pdf\"\r\n"
            b"Content-Type: application/pdf\r\n\r\n" + pdf_bytes("traversal") + b"\r\n--B--\r\n")
    r = client_as("admin").generic("POST", "/indikator/V.2.3/unggah", body,
                                   content_type="multipart/form-data; boundary=B")
    assert r.status_code == 302, r.content.decode()[:2000]
    for d in (ws, ws.parent, ws.parent.parent, ws / ".zidocs", ws / "bukti"):
        assert not (d / "x.pdf").exists()
    e = [e for e in entries("V.2.3") if e.nama_asli == "x.pdf"]
    assert len(e) == 1  # the name is data; the blob is named by its hash
    blob = ws / "bukti" / "blob" / e[0].sha256[:2] / e[0].sha256
    assert blob.is_file()
    assert not list((ws / ".zidocs").glob("unggah-*"))  # the private copies are gone


def test_name_sanitiser():
    from zidocs.web.views import nama_aman

    assert nama_aman("../../x.pdf", 0) == "x.pdf"
    assert nama_aman("..\\..\\win.pdf", 0) == "win.pdf"
    assert nama_aman("..", 3) == "berkas-3"
    assert nama_aman("a\x00b:c.pdf", 0) == "a_b_c.pdf"


def test_upload_several_with_keterangan_previews_and_download(client_as):
    c = client_as("koor5")
    r = upload(c, "V.1.1", ("undangan rapat.pdf", pdf_bytes("undangan")), ("foto kegiatan.jpg", jpeg_bytes()),
               keterangan="Rapat koordinasi", tanggal="2026-03-05")
    assert r.status_code == 200
    got = {e.nama_asli: e for e in entries("V.1.1")}
    assert {"undangan rapat.pdf", "foto kegiatan.jpg"} <= set(got)
    assert got["foto kegiatan.jpg"].keterangan == "Rapat koordinasi"
    assert got["foto kegiatan.jpg"].tanggal == "2026-03-05"  # the activity date monev counts
    for e in got.values():
        p = c.get(f"/bukti/{e.id}/pratinjau")
        assert p.status_code == 200 and p["Content-Type"] == "image/png"
        png = b"".join(p.streaming_content)
        assert png.startswith(b"\x89PNG")
        d = c.get(f"/bukti/{e.id}/berkas")
        assert d.status_code == 200 and d["Content-Type"] == e.media_type
        assert d["X-Content-Type-Options"] == "nosniff" and "sandbox" in d["Content-Security-Policy"]
        assert d["Content-Disposition"].startswith("attachment")
    assert Audit.objects.filter(aksi="unggah", pengguna="koor5", rincian__contains="foto kegiatan.jpg").exists()
    # a refused file: same intake message as the CLI, nothing added
    r = upload(c, "V.1.1", ("catatan.pdf", b"bukan pdf sama sekali"))
    assert r.status_code == 422 and "ditolak" in r.content.decode()
    assert Audit.objects.filter(aksi="unggah-ditolak").exists()


def test_upload_to_unknown_indicator_is_an_indonesian_error(client_as):
    r = upload(client_as("admin"), "V.9.9", ("a.pdf", pdf_bytes("v99")))
    assert r.status_code in (400, 404)
    assert "⟦" not in r.content.decode()


# --- reading pages -----------------------------------------------------------------------------------


def test_rencana_filter_and_beranda_coverage_change(client_as):
    c = client_as("admin")
    before = c.get("/").context["berbukti"]
    kosong = c.get("/rencana?tanpa_bukti=1").content.decode()
    assert 'href="/indikator/VI.1.1"' in kosong
    upload(c, "VI.1.1", ("vi.pdf", pdf_bytes("vi")))
    assert c.get("/").context["berbukti"] == before + 1
    assert 'href="/indikator/VI.1.1"' not in c.get("/rencana?tanpa_bukti=1").content.decode()
    assert 'href="/indikator/VI.1.1"' in c.get("/rencana").content.decode()
    assert "vi.pdf" in c.get("/").content.decode()  # latest uploads


def test_pemeriksaan_lists_findings_with_links_to_the_indicator(client_as):
    r = client_as("eval").get("/pemeriksaan")
    html = r.content.decode()
    report = api.check(api.Workspace(Path(__import__("conftest").WS)))
    assert r.status_code == 200 and f"{len(report.warnings)} peringatan" in html
    # the shipped plan warns about “survey” first at area[6].komponen[3].indikator[1]: VI.3.2
    assert "area[6].komponen[3].indikator[1].indikator" in html
    assert '<a href="/indikator/VI.3.2">indikator VI.3.2</a>' in html


def test_library_error_page_renders_action_as_link(client_as, ws):
    from zidocs.errors import PlanInvalid
    from zidocs.web.views import galat
    from django.test import RequestFactory

    req = RequestFactory().get("/")
    req.user = Pengguna(username="x", peran="admin")
    r = galat(req, PlanInvalid([]))
    html = r.content.decode()
    assert '<a href="/pemeriksaan">halaman Pemeriksaan</a>' in html and "⟦" not in html


def test_riwayat_lists_actions(client_as):
    upload(client_as("koor5"), "V.2.1", ("riwayat.pdf", pdf_bytes("riwayat")))
    html = client_as("pimpinan").get("/riwayat").content.decode()
    assert "riwayat.pdf" in html and "koor5" in html


# --- documents (background job) -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the worker thread must see committed rows
def test_dossier_job_progress_download_and_roles(ws):
    from django.contrib.auth.hashers import make_password

    mk = lambda n, p: Pengguna.objects.create(username=n, password=make_password("x", hasher="md5"), peran=p)  # noqa: E731
    admin, ev, koor = mk("admin-j", "admin"), mk("eval-j", "evaluator"), mk("koor-j", "koordinator")
    c = Client()
    c.force_login(admin)
    upload(c, "V.2.2", ("dossier.pdf", pdf_bytes("dossier")))
    r = c.post("/dokumen/bangun", {"jenis": "dossier", "argumen": "V"})
    assert r.status_code == 200 and b'hx-trigger="every 1s"' in r.content
    t = Tugas.objects.get()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        r = c.get(f"/tugas/{t.id}")
        if r.status_code == 286:
            break
        assert r.status_code == 200
        time.sleep(0.2)
    t.refresh_from_db()
    assert r.status_code == 286 and t.status == "selesai", (t.status, t.pesan)
    assert b"hx-trigger" not in r.content  # polling stops
    pdf_i = next(i for i, h in enumerate(t.hasil) if h.endswith(".pdf"))
    d = c.get(f"/tugas/{t.id}/unduh/{pdf_i}")
    assert d.status_code == 200 and d["Content-Type"] == "application/pdf"
    body = b"".join(d.streaming_content)
    assert body == (ws / t.hasil[pdf_i]).read_bytes() and body.startswith(b"%PDF")
    e = Client()
    e.force_login(ev)  # evaluators read dossiers
    assert e.get(f"/tugas/{t.id}/unduh/{pdf_i}").status_code == 200
    k = Client()
    k.force_login(koor)
    assert k.get(f"/tugas/{t.id}/unduh/{pdf_i}").status_code == 403
    assert c.get(f"/tugas/{t.id}/unduh/99").status_code == 404
    assert Audit.objects.filter(aksi="bangun", pengguna="admin-j").exists()
    assert Audit.objects.filter(aksi="unduh", pengguna="eval-j").exists()


# --- users --------------------------------------------------------------------------------------------


def test_admin_adds_and_deactivates_users_in_the_browser(client_as):
    c = client_as("admin")
    r = c.post("/pengguna", {"aksi": "tambah", "username": "koor3", "peran": "koordinator", "area": "iii",
                             "password": "pendek"})
    assert r.status_code == 400 and "Kata sandi terlalu pendek" in r.content.decode()
    r = c.post("/pengguna", {"aksi": "tambah", "username": "koor3", "peran": "koordinator", "area": "iii",
                             "password": "kuda-lumping-77"})
    assert r.status_code == 200 and Pengguna.objects.get(username="koor3").area == "III"
    r = c.post("/pengguna", {"aksi": "nonaktif", "username": "koor3"})
    assert r.status_code == 200 and not Pengguna.objects.get(username="koor3").is_active
    assert Audit.objects.filter(aksi="pengguna-nonaktif", rincian="koor3").exists()


def test_cli_pengguna_commands(db, capsys):
    from zidocs.cli import run

    ws = str(__import__("conftest").WS)
    assert run(["-w", ws, "pengguna", "tambah", "koor2", "--peran", "koordinator", "--area", "II",
                "--sandi", "sandi-koor-dua-2"]) == 0
    assert run(["-w", ws, "pengguna", "tambah", "x", "--peran", "raja", "--sandi", "sandi-raja-123"]) == 3
    assert run(["-w", ws, "pengguna", "daftar"]) == 0
    assert run(["-w", ws, "pengguna", "nonaktif", "koor2"]) == 0
    out = capsys.readouterr()
    assert "koor2\tkoordinator\tII\taktif" in out.out and "Peran 'raja' tidak dikenal" in out.err
    assert not Pengguna.objects.get(username="koor2").is_active


def test_static_whitelist(client):
    r = client.get("/static/htmx.min.js")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/javascript")
    assert r["X-Content-Type-Options"] == "nosniff"
    import hashlib
    assert hashlib.sha256(r.content).hexdigest() == "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
    assert client.get("/static/..%2Fviews.py").status_code == 404
    assert client.get("/static/views.py").status_code == 404


# --- monev form -------------------------------------------------------------------------------------


def _token(c, kode):
    r = c.get(f"/monev/TW1/{kode}")
    assert r.status_code == 200
    return r.context["isian"].token


def test_monev_entry_written_with_comments_kept(client_as, ws):
    path = ws / "plan" / "2026" / "monev-TW1.yaml"
    before = path.read_text(encoding="utf-8")
    c = client_as("koor5")
    r = c.post("/monev/TW1/V.2.3", {"token": _token(c, "V.2.3"), "realisasi": "75", "status": "proses",
                                    "kendala": "Jaringan lambat", "tindak_lanjut": "Ajukan bandwidth",
                                    "catatan": "Diisi dari web"})
    assert r.status_code == 302 and r["Location"] == "/monev/TW1/V.2.3"  # POST → redirect → GET
    assert "disimpan" in c.get(r["Location"]).content.decode()
    assert "disimpan" not in c.get(r["Location"]).content.decode()  # shown once; a reload sends nothing
    after = path.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]  # the file's heading comment
    assert sum(1 for ln in before.splitlines() if ln.strip().startswith("#")) == \
        sum(1 for ln in after.splitlines() if ln.strip().startswith("#"))  # every comment kept
    isian = api.monev_isian(api.Workspace(ws), None, "TW1", "V.2.3")
    assert (isian.realisasi, isian.status, isian.kendala, isian.catatan) == ("75", "proses", "Jaringan lambat",
                                                                             "Diisi dari web")
    assert api.check(api.Workspace(ws)).errors == []  # still a valid input file
    assert Audit.objects.filter(aksi="monev", pengguna="koor5", rincian__startswith="TW1 V.2.3").exists()


def test_monev_edit_from_two_browsers_is_refused_not_overwritten(client_as, ws):
    a, b = client_as("koor5"), client_as("admin")
    ta, tb = _token(a, "V.1.1"), _token(b, "V.1.1")
    assert a.post("/monev/TW1/V.1.1", {"token": ta, "realisasi": "40", "status": "proses"}).status_code == 302
    r = b.post("/monev/TW1/V.1.1", {"token": tb, "realisasi": "90", "status": "selesai"})
    assert r.status_code == 409 and "telah diubah" in r.content.decode() and "tidak ada yang ditimpa" in r.content.decode()
    assert api.monev_isian(api.Workspace(ws), None, "TW1", "V.1.1").realisasi == "40"


def test_monev_edit_on_disk_meanwhile_is_refused(client_as, ws):
    c = client_as("admin")
    token = _token(c, "II.1.1")
    path = ws / "plan" / "2026" / "monev-TW1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# disunting di disk\n", encoding="utf-8")
    r = c.post("/monev/TW1/II.1.1", {"token": token, "realisasi": "10", "status": "proses"})
    assert r.status_code == 409 and "di disk" in r.content.decode()
    assert path.read_text(encoding="utf-8").endswith("# disunting di disk\n")


def test_monev_roles_and_bad_values(client_as):
    assert client_as("koor1").post("/monev/TW1/V.2.3", {"token": "x"}).status_code == 403
    r = client_as("eval").get("/monev/TW1/V.2.3")
    assert r.status_code == 200 and "simpan-monev" not in r.content.decode()
    assert client_as("eval").post("/monev/TW1/V.2.3", {"token": "x"}).status_code == 403
    c = client_as("koor5")
    r = c.post("/monev/TW1/V.2.2", {"token": _token(c, "V.2.2"), "realisasi": "150"})
    assert r.status_code == 409 and "di luar 0–100" in r.content.decode()
    assert c.get("/monev/TW9/V.2.2").status_code in (400, 404)


# --- POST/redirect/GET, 404 pages ----------------------------------------------------------------


def test_upload_redirects_and_reload_does_not_upload_again(client_as):
    c = client_as("koor5")
    before = len(entries("V.3.1"))
    r = upload(c, "V.3.1", ("prg.pdf", pdf_bytes("prg")), follow=False)
    assert r.status_code == 302 and r["Location"] == "/indikator/V.3.1"
    page = c.get(r["Location"]).content.decode()
    assert "Unggahan diterima" in page and "prg.pdf" in page
    again = c.get("/indikator/V.3.1").content.decode()  # a reload is a GET: nothing is sent again
    assert "Unggahan diterima" not in again
    assert len(entries("V.3.1")) == before + 1


@pytest.mark.parametrize("path,text", [
    ("/bukti/999999/berkas", "Tidak ada bukti dengan ID 999999"),
    ("/bukti/999999/pratinjau", "Tidak ada bukti dengan ID 999999"),
    ("/indikator/V.9.9", "Indikator V.9.9 tidak ada dalam rencana aksi tahun 2026"),
    ("/monev/TW1/V.9.9", "Indikator V.9.9 tidak ada"),
    ("/monev/TW9/V.2.2", "Isian monev periode “TW9” tidak ada"),
    ("/monev/TW9", "Isian monev periode “TW9” tidak ada"),
])
def test_unknown_id_indicator_or_period_is_an_indonesian_404(client_as, path, text):
    upload(client_as("admin"), "V.2.3", ("ada.pdf", pdf_bytes("ada")))  # the store exists
    r = client_as("eval").get(path)
    html = r.content.decode()
    assert r.status_code == 404, (path, html[:500])
    assert text in html and 'lang="id"' in html and "⟦" not in html


def test_post_to_unknown_evidence_or_indicator_is_404(client_as):
    c = client_as("admin")
    upload(c, "V.2.3", ("ada2.pdf", pdf_bytes("ada2")))
    assert c.post("/bukti/999999/hapus").status_code == 404
    assert c.post("/bukti/999999/pindah", {"indikator": "V.1.1"}).status_code == 404
    assert upload(c, "V.9.9", ("a.pdf", pdf_bytes("v99"))).status_code == 404


# --- moving evidence ---------------------------------------------------------------------------------


def _entry(kode, nama):
    return next(e for e in entries(kode) if e.nama_asli == nama)


def test_coordinator_moves_within_own_area_with_audit_and_redirect(client_as):
    c = client_as("koor5")
    upload(c, "V.1.1", ("salah-tempat.pdf", pdf_bytes("salah tempat")))
    e = _entry("V.1.1", "salah-tempat.pdf")
    page = c.get("/indikator/V.1.1").content.decode()
    assert f'action="/bukti/{e.id}/pindah"' in page and '<option value="V.2.1">' in page
    assert '<option value="I.1.1">' not in page  # only the coordinator's own area is offered
    r = c.post(f"/bukti/{e.id}/pindah", {"indikator": "V.2.1"}, follow=True)
    assert r.redirect_chain == [("/indikator/V.1.1", 302)]
    assert "dipindahkan ke indikator" in r.content.decode()
    assert e.id in [x.id for x in entries("V.2.1")] and e.id not in [x.id for x in entries("V.1.1")]
    a = Audit.objects.get(aksi="pindah", pengguna="koor5")
    assert a.rincian.startswith("V.1.1 → V.2.1: salah-tempat.pdf")
    hist = api.bukti_riwayat(api.Workspace(Path(__import__("conftest").WS)), e.id)
    assert any(h.aksi == "pindah" and h.oleh == "koor5" for h in hist)  # the store's own history too


def test_coordinator_cannot_move_into_an_area_that_is_not_theirs(client_as):
    upload(client_as("koor5"), "V.1.1", ("tetap-di-v.pdf", pdf_bytes("tetap di V")))
    e = _entry("V.1.1", "tetap-di-v.pdf")
    r = client_as("koor5").post(f"/bukti/{e.id}/pindah", {"indikator": "I.1.1"})
    assert r.status_code == 403 and "Anda bukan koordinator area I;" in r.content.decode()
    r = client_as("koor1").post(f"/bukti/{e.id}/pindah", {"indikator": "I.1.1"})  # nor out of another's area
    assert r.status_code == 403 and "Anda bukan koordinator area V" in r.content.decode()
    for who in ("eval", "pimpinan"):
        assert client_as(who).post(f"/bukti/{e.id}/pindah", {"indikator": "V.2.1"}).status_code == 403
    assert e.id in [x.id for x in entries("V.1.1")]
    assert not Audit.objects.filter(aksi="pindah").exists()
    # the admin may move it anywhere
    r = client_as("admin").post(f"/bukti/{e.id}/pindah", {"indikator": "I.1.1"}, follow=True)
    assert r.status_code == 200 and e.id in [x.id for x in entries("I.1.1")]


def test_move_to_an_unknown_indicator_gets_the_library_message(client_as):
    c = client_as("admin")
    upload(c, "V.1.1", ("kemana.pdf", pdf_bytes("kemana")))
    e = _entry("V.1.1", "kemana.pdf")
    try:
        api.bukti_move(api.Workspace(Path(__import__("conftest").WS)), e.id, "V.1.99", now=__import__("datetime").datetime.now(__import__("datetime").timezone.utc))
    except api.ZidocsError as exc:
        expected = exc.message.split("⟦")[0].strip()
    r = c.post(f"/bukti/{e.id}/pindah", {"indikator": "V.1.99"})
    html = r.content.decode()
    assert r.status_code == 422 and expected.split(";")[0] in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert "⟦" not in html and Audit.objects.filter(aksi="pindah-ditolak").exists()
    assert c.post(f"/bukti/{e.id}/pindah", {"indikator": "V.1.1"}).status_code == 400  # already there
    assert e.id in [x.id for x in entries("V.1.1")]


# --- monev meeting data -----------------------------------------------------------------------------

RAPAT = {"tanggal": "2026-03-31", "tempat": "Aula KPU Kabupaten Merangin", "pimpinan": "Alber Trisman",
         "jabatan_pimpinan": "Ketua KPU Kabupaten Merangin", "peserta": "21"}


def _rapat_token(c):
    r = c.get("/monev/TW1")
    assert r.status_code == 200
    return r.context["rapat"].token


def test_monev_meeting_data_written_with_comments_kept(client_as, ws):
    path = ws / "plan" / "2026" / "monev-TW1.yaml"
    before = path.read_text(encoding="utf-8")
    c = client_as("admin")
    r = c.post("/monev/TW1", {"token": _rapat_token(c), **RAPAT}, follow=True)
    assert r.redirect_chain == [("/monev/TW1", 302)] and "Data rapat TW1 disimpan" in r.content.decode()
    after = path.read_text(encoding="utf-8")
    comments = lambda t: [ln for ln in t.splitlines() if "#" in ln]  # noqa: E731
    assert comments(after) == comments(before)  # every comment, heading and end-of-line, kept
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 3  # tanggal, tempat, peserta
    assert "  tanggal: 2026-03-31" in after and "  peserta: 21" in after
    rapat = api.monev_rapat(api.Workspace(ws), None, "TW1")
    assert (rapat.tanggal, rapat.tempat, rapat.peserta) == ("2026-03-31", "Aula KPU Kabupaten Merangin", "21")
    assert api.check(api.Workspace(ws)).errors == []
    assert not list(path.parent.glob("*.tmp")) and not list(path.parent.glob(".*tmp*"))
    assert Audit.objects.filter(aksi="monev-rapat", pengguna="admin", rincian__startswith="TW1: 2026-03-31").exists()
    # an empty field clears it (null in the file): check then warns that the report lacks it
    r = c.post("/monev/TW1", {"token": _rapat_token(c), **RAPAT, "peserta": ""})
    assert r.status_code == 302 and "  peserta:\n" in path.read_text(encoding="utf-8")
    assert any(f.kode == "MONEV-BELUM-LENGKAP" for f in api.check(api.Workspace(ws)).warnings)


def test_monev_meeting_data_stale_edits_are_refused(client_as, ws):
    path = ws / "plan" / "2026" / "monev-TW1.yaml"
    a, b = client_as("admin"), client_as("admin")
    ta, tb = _rapat_token(a), _rapat_token(b)
    assert a.post("/monev/TW1", {"token": ta, **RAPAT, "peserta": "30"}).status_code == 302
    r = b.post("/monev/TW1", {"token": tb, **RAPAT, "peserta": "40"})  # a second browser, opened before
    html = r.content.decode()
    assert r.status_code == 409 and "telah diubah" in html and "tidak ada yang ditimpa" in html
    assert "jumlah peserta “40”" in html  # what was sent is shown, not lost
    assert api.monev_rapat(api.Workspace(ws), None, "TW1").peserta == "30"
    # an indicator's entry saved meanwhile also changes the file: refused too
    t = _rapat_token(a)
    assert a.post("/monev/TW1/V.1.1", {"token": a.get("/monev/TW1/V.1.1").context["isian"].token,
                                        "realisasi": "5", "status": "proses"}).status_code == 302
    assert a.post("/monev/TW1", {"token": t, **RAPAT}).status_code == 409
    # and an edit on disk
    t = _rapat_token(a)
    path.write_text(path.read_text(encoding="utf-8") + "# disunting di disk\n", encoding="utf-8")
    r = a.post("/monev/TW1", {"token": t, **RAPAT, "peserta": "50"})
    assert r.status_code == 409 and "di disk" in r.content.decode()
    assert path.read_text(encoding="utf-8").endswith("# disunting di disk\n")
    assert api.monev_rapat(api.Workspace(ws), None, "TW1").peserta == "30"


@pytest.mark.parametrize("field,value,text", [
    ("tanggal", "2025-12-30", "di luar Triwulan I"),
    ("tanggal", "31-03-2026", "bukan tanggal"),
    ("peserta", "banyak", "bukan bilangan bulat"),
    ("peserta", "0", "paling sedikit 1"),
])
def test_monev_meeting_data_bad_values_are_refused(client_as, ws, field, value, text):
    path = ws / "plan" / "2026" / "monev-TW1.yaml"
    c = client_as("admin")
    before = path.read_bytes()
    r = c.post("/monev/TW1", {"token": _rapat_token(c), **RAPAT, field: value})
    assert r.status_code == 409 and text in r.content.decode()
    assert path.read_bytes() == before


def test_monev_meeting_data_is_the_secretariats(client_as, ws):
    path = ws / "plan" / "2026" / "monev-TW1.yaml"
    before = path.read_bytes()
    for who in ("koor5", "pimpinan", "eval"):
        c = client_as(who)
        page = c.get("/monev/TW1").content.decode()
        assert "simpan-rapat" not in page and "Data rapat diisi oleh Sekretariat" in page
        r = c.post("/monev/TW1", {"token": _rapat_token(c), **RAPAT})
        assert r.status_code == 403
    assert path.read_bytes() == before


def test_plan_italics_show_as_em_and_stars_never_show(client_as):
    """*Whistle Blowing System* is italic in the browser as in the decree; a select shows plain text."""
    c = client_as("admin")
    page = c.get("/rencana").content.decode()
    m = re.search(r'href="/indikator/([IVX.\d]+)">[IVX.\d]+</a> <em>Whistle Blowing System</em> sudah '
                  r'diinternalisasikan', page)
    assert m, "indicator with italics not rendered with <em>"
    assert "*Whistle" not in page and "<em>Public Campaign</em>" in page
    kode = m.group(1)
    upload(c, kode, ("wbs.pdf", pdf_bytes("wbs")))  # evidence: its "move to" list of indicators
    ind = c.get(f"/indikator/{kode}").content.decode()
    assert '<p class="teks"><em>Whistle Blowing System</em> sudah diinternalisasikan' in ind
    assert "pedoman pelaksanaan <em>Whistle Blowing System</em>" in ind  # langkah aksi
    assert re.search(r"<option value=\"[IVX.\d]+\">[IVX.\d]+ Whistle Blowing System telah diterapkan</option>", ind)
    text = re.sub(r"<script.*?</script>|<[^>]*>", "", ind, flags=re.S)  # what the page shows
    assert "*" not in text
    monev = c.get("/monev/TW1").content.decode()
    assert "<em>Whistle Blowing System</em> sudah diinternalisasikan" in monev
