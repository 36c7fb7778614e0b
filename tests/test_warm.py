"""The warm LibreOffice (unoserver) of `zidocs serve`: the same PDF bytes as the cold CLI path,
a fallback to the cold path when it is down, a restart when it dies, and a clean stop."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from helpers import copy_workspace

from zidocs import api
from zidocs.office import convert, warm

BUILD = dt.date(2026, 12, 2)
PYTHON = warm.find_uno_python(shutil.which("soffice"))
pytestmark = pytest.mark.skipif(
    PYTHON is None or shutil.which("soffice") is None,
    reason="LibreOffice hangat perlu python3-uno dan unoserver untuk python3 sistem (scripts/_setup.sh memasangnya)")


@pytest.fixture(scope="module")
def hangat():
    st = api.lo_hangat_mulai()
    assert st.running, st
    yield warm.current()
    api.lo_hangat_henti()


def _wait(cond, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.2)
    return False


def test_server_binds_loopback_only(hangat):
    st = api.lo_hangat_status()
    assert st.running and st.python == PYTHON and st.port
    listening = {}  # port -> local addresses listening on it (IPv4 and IPv6 tables of the kernel)
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A":  # LISTEN
                addr, port = local.split(":")
                listening.setdefault(int(port, 16), set()).add(addr)
    for port in (hangat.port, hangat.uno_port):
        assert listening.get(port) == {"0100007F"}, (port, listening.get(port))  # 127.0.0.1 only, never the LAN


def test_warm_build_gives_the_cli_bytes(hangat, tmp_path):
    ws = api.Workspace(copy_workspace(tmp_path / "web"))
    before = hangat.conversions
    warm_result = api.keputusan(ws, pdf=True, build_date=BUILD)
    assert hangat.conversions == before + 2  # asli and salinan went the warm way
    cli_ws = copy_workspace(tmp_path / "cli")  # the CLI's own cold path, another process
    env = {k: v for k, v in os.environ.items() if k != "ZIDOCS_UNO_PYTHON"}
    proc = subprocess.run([sys.executable, "-m", "zidocs", "-w", str(cli_ws), "keputusan", "--pdf",
                           "--tanggal-buat", BUILD.isoformat()], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    pdfs = [p for p in warm_result.paths if p.suffix == ".pdf"]
    assert {p.name for p in pdfs} == {"keputusan-rencana-aksi.pdf", "keputusan-rencana-aksi-salinan.pdf"}
    for p in pdfs:
        assert p.read_bytes() == (cli_ws / "out" / "2026" / p.name).read_bytes(), p.name
    subprocess.run(["qpdf", "--check", str(pdfs[0])], check=True, capture_output=True)


def test_warm_pdfa_equals_cold_pdfa(hangat, tmp_path):
    src = tmp_path / "keputusan.docx"
    shutil.copyfile(convert.DATA.parent.parent / "templates" / "keputusan" / "keputusan.docx", src)
    before = hangat.conversions
    warm_pdf = convert.to_pdf([src], tmp_path / "hangat", pdfa=True, build_date=BUILD)[0]
    assert hangat.conversions == before + 1
    warm.install(None)  # the same call with no warm converter: the cold run
    try:
        cold_pdf = convert.to_pdf([src], tmp_path / "dingin", pdfa=True, build_date=BUILD)[0]
    finally:
        warm.install(hangat)
    assert hangat.conversions == before + 1
    assert warm_pdf.read_bytes() == cold_pdf.read_bytes()
    assert b"pdfaid:part" in warm_pdf.read_bytes() or b"pdfaid" in warm_pdf.read_bytes()


def test_dead_server_falls_back_to_cold_and_is_restarted(hangat, tmp_path):
    src = tmp_path / "keputusan.docx"
    shutil.copyfile(convert.DATA.parent.parent / "templates" / "keputusan" / "keputusan.docx", src)
    reference = convert.to_pdf([src], tmp_path / "a", build_date=BUILD)[0].read_bytes()
    pid, restarts = hangat.pid, hangat.restarts
    os.killpg(pid, signal.SIGKILL)  # LibreOffice and unoserver die
    assert _wait(lambda: hangat._proc is None or hangat._proc.poll() is not None, 10)
    before = hangat.conversions
    out = convert.to_pdf([src], tmp_path / "b", build_date=BUILD)[0]  # while down: cold, same bytes
    assert out.read_bytes() == reference and hangat.conversions == before
    assert _wait(lambda: hangat.ready() and hangat.restarts > restarts), "not restarted"
    assert hangat.pid != pid
    out = convert.to_pdf([src], tmp_path / "c", build_date=BUILD)[0]
    assert hangat.conversions == before + 1 and out.read_bytes() == reference


def test_garbage_is_refused_with_the_cold_message(hangat, tmp_path):
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(b"bukan docx")
    with pytest.raises(api.ZidocsError, match="bukan berkas DOCX yang sah"):
        convert.to_pdf([bad], tmp_path / "x")


def test_stop_leaves_no_process(tmp_path):
    st = api.lo_hangat_mulai()
    assert st.running
    office = warm.current()
    pid, workdir = office.pid, office.workdir
    api.lo_hangat_henti()
    assert warm.current() is None and not workdir.exists()

    def gone():
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return True
        return False
    assert _wait(gone, 10), subprocess.run(["ps", "-o", "pid,stat,cmd", "-g", str(pid)], capture_output=True,
                                           text=True).stdout  # unoserver, oosplash and soffice.bin all ended


def test_a_killed_zidocs_process_leaves_no_libreoffice(tmp_path):
    """SIGKILL of the process that started the warm LibreOffice (nothing of it can run): unoserver
    and its soffice end by themselves within seconds."""
    code = ("from zidocs import api; from zidocs.office import warm; import sys, time; st = api.lo_hangat_mulai(); "
            "print(warm.current().pid, flush=True); time.sleep(600)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        pgid = int(proc.stdout.readline())
        os.killpg(pgid, 0)  # running
    finally:
        proc.kill()
        proc.wait()

    def gone():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        return False
    assert _wait(gone, 15), subprocess.run(["ps", "-o", "pid,stat,cmd", "-g", str(pgid)], capture_output=True,
                                           text=True).stdout
