"""Django for the web tests: configured once per pytest process on a private
copy of the shipped workspace (settings are process-global)."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from helpers import copy_workspace

WS = copy_workspace(Path(tempfile.mkdtemp(prefix="zidocs-web-")) / "ws")
LIMIT = 1024 * 1024  # 1 MiB in tests, so a 413 is cheap to provoke


def pytest_configure(config):
    from zidocs.web import conf

    conf.configure(WS, max_upload=LIMIT, test=True)


def pytest_unconfigure(config):
    import shutil

    shutil.rmtree(WS.parent, ignore_errors=True)


@pytest.fixture
def ws() -> Path:
    return WS


@pytest.fixture
def users(db):
    from django.contrib.auth.hashers import make_password

    from zidocs.web.models import Pengguna

    def mk(name, peran, area=""):  # md5 for speed; test_password_is_argon2 checks the real hasher
        return Pengguna.objects.create(username=name, password=make_password(f"sandi-{name}-123", hasher="md5"),
                                       peran=peran, area=area)

    return {
        "admin": mk("admin", "admin"),
        "koor1": mk("koor1", "koordinator", "I"),
        "koor5": mk("koor5", "koordinator", "V"),
        "pimpinan": mk("pimpinan", "pimpinan"),
        "eval": mk("eval", "evaluator"),
    }


@pytest.fixture
def client_as(users):
    from django.test import Client

    def _as(name, **kw):
        c = Client(**kw)
        c.force_login(users[name])
        return c
    return _as


def pdf_bytes(text: str = "Bukti uji") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawString(100, 700, text)
    c.save()
    return buf.getvalue()


def jpeg_bytes(color=(200, 50, 50)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(buf, "JPEG")
    return buf.getvalue()
