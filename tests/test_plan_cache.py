"""The api's plan cache: one read and check per change of the plan files, never a stale plan."""

from __future__ import annotations

import os
import time

from helpers import copy_workspace

from zidocs import api


def _teks(plan, kode):
    return next(r for r in plan.indikator_list() if r.id == kode).indikator.indikator


def test_cached_until_a_plan_file_changes(tmp_path):
    ws = api.Workspace(copy_workspace(tmp_path / "ws"))
    t0 = time.perf_counter()
    first = api.load(ws)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    assert api.load(ws) is first  # a hit: the same immutable plan, not read again
    warm = time.perf_counter() - t0
    assert warm < cold / 5, (cold, warm)
    assert api.indikator_ids(ws) and api.load(ws) is first

    # an edit in place (another editor, same file): seen at the next call
    path = ws.year_dir(first.tahun) / "rencana-aksi.yaml"
    text = path.read_text(encoding="utf-8")
    old = _teks(first, "V.2.3")
    assert old in text
    path.write_text(text.replace(old, "Diubah di disk " + old, 1), encoding="utf-8")
    second = api.load(ws)
    assert second is not first and _teks(second, "V.2.3") == "Diubah di disk " + old


def test_same_size_edit_with_the_old_mtime_is_still_seen(tmp_path):
    """A same-length edit that keeps the modification time (a tool restoring it): the
    change time and the size/inode key still tell."""
    ws = api.Workspace(copy_workspace(tmp_path / "ws"))
    first = api.load(ws)
    path = ws.kantor_file()
    st = os.stat(path)
    text = path.read_text(encoding="utf-8")
    nama = first.kantor.nama
    swapped = nama[:-1] + ("X" if nama[-1] != "X" else "Y")
    with open(path, "r+", encoding="utf-8") as fh:  # in place: same inode, same size
        fh.write(text.replace(nama, swapped, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_size == st.st_size and os.stat(path).st_mtime_ns == st.st_mtime_ns
    assert api.load(ws).kantor.nama == swapped


def test_a_removed_and_restored_file_is_seen(tmp_path):
    import pytest

    ws = api.Workspace(copy_workspace(tmp_path / "ws"))
    first = api.load(ws)
    tim = ws.year_dir(first.tahun) / "tim.yaml"
    assert tim.is_file() and first.tim is not None
    tim.rename(tmp_path / "tim.yaml")
    with pytest.raises(api.ZidocsError):  # the SK Tim Kerja now lacks its team: not the cached plan
        api.load(ws)
    (tmp_path / "tim.yaml").rename(tim)
    assert api.load(ws).tim is not None


def test_a_plan_made_invalid_on_disk_raises_at_once(tmp_path):
    import pytest

    ws = api.Workspace(copy_workspace(tmp_path / "ws"))
    api.load(ws)
    path = ws.year_dir(2026) / "keputusan-rencana-aksi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("nomor: ", "nomor: x", 1), encoding="utf-8")
    with pytest.raises(api.ZidocsError):
        api.load(ws)
