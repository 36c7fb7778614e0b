"""What the CLI starts: ``zidocs serve`` and ``zidocs pengguna …`` on one workspace.

This module imports no Django models (they exist only after ``configure``):
users are reached through ``get_user_model()``, the audit log through the app
registry, and the WSGI app loads the URLs (and with them the views) itself.
"""

from __future__ import annotations

import shutil
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from zidocs import api
from zidocs.errors import InputError
from zidocs.web import conf

PERAN = ("admin", "koordinator", "pimpinan", "evaluator")


def siapkan(workspace: Path, **kw) -> None:
    """Configure Django for ``workspace`` and create or update web.sqlite3."""
    if not (Path(workspace) / "plan").is_dir():
        raise InputError(f"{workspace}: folder plan/ tidak ditemukan; jalankan di folder kerja zidocs.")
    if not conf.configured_for(workspace):
        conf.configure(workspace, **kw)
    conf.migrate()


def _audit(pengguna: str, aksi: str, rincian: str = "") -> None:
    from django.apps import apps

    apps.get_model("zidocs_web", "Audit").objects.create(pengguna=pengguna, aksi=aksi, rincian=rincian)


def wsgi_app(workspace: Path, *, host: str = "127.0.0.1", max_upload: int = conf.MAX_UPLOAD_BYTES,
             hosts: list[str] | None = None):
    """The WSGI application serving ``workspace`` (jobs a killed server left are marked failed)."""
    siapkan(workspace, max_upload=max_upload, hosts=conf.allowed_hosts(host, hosts))
    from django.apps import apps
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    for stale in conf.state_dir(workspace).glob("unggah-*"):  # private copies of uploads a kill left behind
        shutil.rmtree(stale, ignore_errors=True)
    apps.get_model("zidocs_web", "Tugas").objects.filter(status__in=["antre", "jalan"]).update(
        status="gagal", pesan="Server berhenti sebelum tugas selesai; jalankan ulang.")
    return app


def serve(workspace: Path, *, host: str = "127.0.0.1", port: int = 8080, max_upload: int = conf.MAX_UPLOAD_BYTES,
          hosts: list[str] | None = None, threads: int = 8, lo_hangat: bool = True, say=None) -> None:
    """Serve until interrupted (waitress: pure Python, spools big bodies to disk). ``lo_hangat``: keep
    a warm LibreOffice for the builds while serving (stopped with the service)."""
    import waitress

    app = wsgi_app(workspace, host=host, max_upload=max_upload, hosts=hosts)
    if threading.current_thread() is threading.main_thread():  # SIGTERM ends like Ctrl-C: cleanup runs
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if lo_hangat:
        st = api.lo_hangat_mulai()
        if say is not None:
            say(f"LibreOffice hangat siap (unoserver, 127.0.0.1:{st.port})." if st.running else
                f"LibreOffice hangat tidak berjalan ({st.reason}); PDF dibuat dengan cara biasa (lebih lambat).")
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="zidocs",
                       max_request_body_size=max_upload * conf.HARD_LIMIT_FACTOR)
    finally:
        api.lo_hangat_henti()


@dataclass(frozen=True)
class Akun:
    username: str
    peran: str
    area: str
    aktif: bool


def pengguna_tambah(workspace: Path, username: str, password: str, peran: str, area: str = "") -> Akun:
    siapkan(workspace)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if peran not in PERAN:
        raise InputError(f"Peran '{peran}' tidak dikenal; pilih {', '.join(PERAN)}.")
    area = area.replace(" ", "").upper()
    if peran == "koordinator" and not area:
        raise InputError("Koordinator perlu --area, mis. --area I atau --area I,III.")
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise InputError(f"Pengguna {username} sudah ada.")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise InputError("Kata sandi ditolak: " + " ".join(exc.messages)) from None
    u = User.objects.create_user(username=username, password=password, peran=peran,
                                 area=area if peran == "koordinator" else "")
    _audit("(baris perintah)", "pengguna-tambah", f"{username} ({peran} {u.area})".strip())
    return Akun(u.username, u.peran, u.area, u.is_active)


def pengguna_daftar(workspace: Path) -> list[Akun]:
    siapkan(workspace)
    from django.contrib.auth import get_user_model

    return [Akun(u.username, u.peran, u.area, u.is_active) for u in get_user_model().objects.order_by("username")]


def pengguna_nonaktif(workspace: Path, username: str) -> Akun:
    siapkan(workspace)
    from django.contrib.auth import get_user_model

    User = get_user_model()
    u = User.objects.filter(username=username).first()
    if u is None:
        raise InputError(f"Pengguna {username} tidak ditemukan.")
    u.is_active = False
    u.save(update_fields=["is_active"])
    _audit("(baris perintah)", "pengguna-nonaktif", username)
    return Akun(u.username, u.peran, u.area, u.is_active)
