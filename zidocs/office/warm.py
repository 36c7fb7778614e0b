"""A warm LibreOffice for the web service: one unoserver kept running.

A cold ``soffice --convert-to`` pays LibreOffice's start-up (~2.5 s here) on
every build; a running LibreOffice converts the same DOCX in ~0.4 s. The web
service (``zidocs serve``) starts one with :func:`start` and stops it when it
ends; :func:`zidocs.office.convert.to_pdf` uses it while it answers and falls
back to the cold run otherwise, under the same lock, with the same source and
output checks and the same normalisation, so a document gives the same PDF
bytes on either path.

unoserver (PyPI) is the server: its XML-RPC side needs a Python that can import
``uno`` — on Debian the system python3 with the ``python3-uno`` package, not a
virtual environment — so it runs as that Python's own process
(``python3 -m unoserver.server``), which starts ``soffice`` itself. This module
(the client side) speaks XML-RPC with only the standard library and takes the
API version from the ``unoserver`` package installed with zidocs.

Both of its ports are unauthenticated (XML-RPC reads and writes any path the
user can reach): they are bound to 127.0.0.1 only, on free ports chosen at
start. A watcher thread restarts the server when it dies (LibreOffice crashed
or was killed); while it is down conversions go the cold way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from zidocs.office.lazy import lazy_import

unoclient = lazy_import("unoserver.client")

ENV_UNO_PYTHON = "ZIDOCS_UNO_PYTHON"  # a Python that can import uno and unoserver
HOST = "127.0.0.1"
_CHECK = "import uno, unoserver.server"

# Run by the server's Python: unoserver's own main(), plus a thread that ends the whole process
# group (unoserver, oosplash, soffice.bin) as soon as the zidocs process that started it is gone,
# even if that one was SIGKILLed and could not stop it.
_LAUNCHER = """
import os, signal, sys, threading, time
parent = os.getppid()
def _watch():
    while os.getppid() == parent:
        time.sleep(0.5)
    os.killpg(0, signal.SIGKILL)
threading.Thread(target=_watch, daemon=True).start()
sys.argv = ["unoserver"] + sys.argv[1:]
from unoserver.server import main
sys.exit(main())
"""


class WarmUnavailable(Exception):
    """The warm converter could not convert (down, restarting, or failed): use the cold path."""


# --------------------------------------------------------------------------
# Finding the server's Python


def python_candidates(soffice: str | None) -> list[str]:
    """Pythons worth trying, best first: $ZIDOCS_UNO_PYTHON, LibreOffice's own
    (Windows, macOS, LibreOffice's Linux builds), the system's python3."""
    out = []
    override = os.environ.get(ENV_UNO_PYTHON, "").strip()
    if override:
        out.append(override)
    if soffice:
        program = Path(os.path.realpath(soffice)).parent
        out += [str(program / "python"), str(program / "python.exe")]
    out += ["/usr/bin/python3", "/usr/local/bin/python3"]
    found = shutil.which("python3")
    if found:
        out.append(found)
    return list(dict.fromkeys(out))


def find_uno_python(soffice: str | None) -> str | None:
    """The first candidate that imports ``uno`` and ``unoserver.server``, or None."""
    for py in python_candidates(soffice):
        if not (os.path.isfile(py) and os.access(py, os.X_OK)):
            continue
        try:
            ok = subprocess.run([py, "-c", _CHECK], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return py
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a timeout (the standard transport waits forever)."""

    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        conn = super().make_connection(host)
        conn.timeout = self._timeout
        return conn


# --------------------------------------------------------------------------
# The server


@dataclass(frozen=True)
class WarmStatus:
    running: bool
    python: str | None
    port: int | None
    restarts: int
    reason: str = ""  # why there is no warm converter


class WarmOffice:
    """One unoserver (+ its soffice) with a private profile, watched and restarted."""

    def __init__(self, *, python: str, soffice: str, workdir: Path, startup_timeout: float = 90,
                 seed=None, env: dict[str, str] | None = None, prime: Path | None = None):
        self.python, self.soffice = python, soffice
        self.workdir = Path(workdir)
        self.startup_timeout = startup_timeout
        self._seed, self._env, self._prime = seed, env, prime
        self.port: int | None = None
        self.uno_port: int | None = None
        self.restarts = 0
        self.conversions = 0
        self._proc: subprocess.Popen | None = None
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # spawning and killing
        self._watcher: threading.Thread | None = None

    # -- lifecycle --

    def start(self) -> bool:
        """Start the server and its watcher; True when it answers (else conversions stay cold)."""
        ok = self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="zidocs-lo-hangat", daemon=True)
        self._watcher.start()
        return ok

    def stop(self) -> None:
        self._stopping.set()
        self._ready.clear()
        with self._lock:
            self._kill()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def ready(self) -> bool:
        return self._ready.is_set() and self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def status(self) -> WarmStatus:
        return WarmStatus(self.ready(), self.python, self.port, self.restarts)

    def _spawn(self) -> bool:
        with self._lock:
            if self._stopping.is_set():
                return False
            self._kill()
            self.workdir.mkdir(parents=True, exist_ok=True)
            profile = self.workdir / "profil"
            shutil.rmtree(profile, ignore_errors=True)  # a crashed LibreOffice may leave a locked profile
            profile.mkdir()
            if self._seed is not None:
                self._seed(profile)
            self.port, self.uno_port = free_port(), free_port()
            while self.uno_port == self.port:
                self.uno_port = free_port()
            log = open(self.workdir / "unoserver.log", "ab")
            try:
                self._proc = subprocess.Popen(
                    [self.python, "-c", _LAUNCHER, "--interface", HOST, "--uno-interface", HOST,
                     "--port", str(self.port), "--uno-port", str(self.uno_port),
                     "--user-installation", str(profile.absolute()), "--executable", self.soffice,
                     "--temp-dir", str(self.workdir)],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.workdir, env=self._env,
                    start_new_session=True)  # its own process group: soffice dies with it
            except OSError:
                self._proc = None
                return False
            finally:
                log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline and not self._stopping.is_set():
            if self._proc.poll() is not None:
                return False
            if self.ping():
                break
            time.sleep(0.25)
        else:
            return False
        if self._prime is not None:  # the first conversion after start pays a warm-up: pay it now
            try:
                out = self.workdir / "pemanasan.pdf"
                self._call(self._prime, out, filtername="writer_pdf_Export", options=(), timeout=120)
                out.unlink(missing_ok=True)
            except WarmUnavailable:
                return False
        self._ready.set()
        return True

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        self._ready.clear()
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError, PermissionError):  # soffice.bin may outlive its parent
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)

    def _watch(self) -> None:
        delay = 1.0
        while not self._stopping.wait(1.0):
            proc = self._proc
            if proc is not None and proc.poll() is None:
                delay = 1.0
                continue
            self._ready.clear()
            if self._stopping.wait(delay):
                return
            self.restarts += 1
            if not self._spawn():
                delay = min(delay * 2, 60.0)  # keep trying, slower and slower; the cold path works meanwhile

    def restart_soon(self) -> None:
        """After a failed conversion: kill it, and let the watcher start a fresh one."""
        with self._lock:
            self._kill()

    # -- conversion --

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(f"http://{HOST}:{self.port}", allow_none=True,
                                         transport=_Transport(timeout))

    def ping(self, timeout: float = 5) -> bool:
        try:
            with self._proxy(timeout) as proxy:
                info = proxy.info()
            return info.get("api") == unoclient.API_VERSION
        except (OSError, xmlrpc.client.Error, AttributeError):
            return False

    def convert(self, src: Path, dst: Path, *, filtername: str, options: Sequence[str], timeout: float) -> None:
        """``src`` → ``dst`` with export filter ``filtername`` and its options ("Name=value")."""
        if not self.ready():
            raise WarmUnavailable("not running")
        self._call(src, dst, filtername=filtername, options=options, timeout=timeout)
        self.conversions += 1

    def _call(self, src: Path, dst: Path, *, filtername: str, options: Sequence[str], timeout: float) -> None:
        try:
            with self._proxy(timeout) as proxy:
                # unoserver's convert(inpath, indata, outpath, convert_to, filtername, filter_options,
                # update_index, infiltername, password): a path in, a path out; indexes are not
                # refreshed, as `soffice --convert-to` does not refresh them.
                proxy.convert(str(Path(src).absolute()), None, str(Path(dst).absolute()), None, filtername,
                              list(options), False, None, None)
        except (OSError, xmlrpc.client.Error) as exc:
            raise WarmUnavailable(f"{type(exc).__name__}: {exc}") from exc


# --------------------------------------------------------------------------
# The one warm converter of this process


_current: WarmOffice | None = None


def current() -> WarmOffice | None:
    return _current


def install(office: WarmOffice | None) -> None:
    global _current
    _current = office


def new_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="zidocs-lo-hangat-"))
