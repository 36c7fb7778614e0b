"""Background builds: one worker thread per process (LibreOffice runs are serialised anyway).

Rows live in web.sqlite3 (``Tugas``); the Dokumen page polls ``/tugas/<id>``
with htmx and the fragment answers HTTP 286 once the job ended, which stops
the polling. Every build goes through ``zidocs.api``, exactly as the CLI's.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from django.db import close_old_connections

from zidocs import api
from zidocs.errors import ZidocsError
from zidocs.web.models import Audit, Tugas
from zidocs.web.tampil import teks_polos

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zidocs-tugas")


def submit(ws: api.Workspace, tugas_id: int) -> Future:
    return _pool.submit(_run, ws, tugas_id)


def _set(tugas_id: int, **kw) -> None:
    Tugas.objects.filter(pk=tugas_id).update(**kw)


def _build(ws: api.Workspace, t: Tugas) -> list[Path]:
    def progress(stage: str, done: int, total: int) -> None:
        _set(t.id, progress=min(95, 10 + 85 * done // max(total, 1)), pesan=f"{stage} ({done}/{total})")

    if t.jenis == "keputusan":
        return api.keputusan(ws, None, t.argumen, pdf=True).paths
    if t.jenis == "monev":
        return api.monev_laporan(ws, None, t.argumen, pdf=True).paths
    if t.jenis == "dossier":
        results = api.dossier(ws, None, area=t.argumen or None, tanggal=dt.date.today(), progress=progress)
        return [p for r in results for p in (r.pdf, r.manifest)]
    raise ValueError(t.jenis)


def _run(ws: api.Workspace, tugas_id: int) -> None:
    close_old_connections()
    try:
        t = Tugas.objects.get(pk=tugas_id)
        _set(tugas_id, status="jalan", progress=10, pesan="Sedang dibuat…")
        try:
            paths = _build(ws, t)
        except ZidocsError as exc:
            _set(tugas_id, status="gagal", pesan=teks_polos(exc.message))
            Audit.objects.create(pengguna=t.dibuat_oleh, aksi="bangun-gagal", rincian=t.judul)
            return
        except Exception as exc:  # noqa: BLE001 - a job must end in a state the page can show
            _set(tugas_id, status="gagal", pesan=f"Gagal: {type(exc).__name__}: {exc}")
            Audit.objects.create(pengguna=t.dibuat_oleh, aksi="bangun-gagal", rincian=t.judul)
            return
        rel = [str(Path(p).resolve().relative_to(ws.root.resolve())) for p in paths]
        _set(tugas_id, status="selesai", progress=100, pesan="Selesai.", hasil=rel)
        Audit.objects.create(pengguna=t.dibuat_oleh, aksi="bangun", rincian=f"{t.judul}: {', '.join(rel)}")
    finally:
        close_old_connections()
