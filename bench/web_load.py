"""Bounded load and crash check of `zidocs serve` (loopback only).

    python bench/web_load.py [--clients 20] [--uploads 10] [--kill-rounds 3]

1. Load: a fresh workspace (the shipped plan), one koordinator account per
   client, the real server (`python -m zidocs serve`, waitress) in its own
   process. Each client logs in, then uploads ``--uploads`` distinct PDFs one
   by one to indicators of its area. Prints p50/p95/max latency per upload and
   checks that nothing was lost: every upload answered 200, the store holds one
   row per upload with a distinct blob whose sha256 matches, and the audit log
   has one "unggah" row per upload.
2. Kill mid-upload: a few rounds of concurrent ~2 MB photo uploads with the
   server SIGKILLed at a random moment, then restarted. Afterwards every
   registry row names a present blob with the right hash, every upload that
   was answered 200 is in the store, no temp copies are left, and a new upload
   works. Exit status 1 if any check fails.
"""

from __future__ import annotations

import argparse
import hashlib
import http.cookiejar
import io
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from zidocs import api  # noqa: E402

AREAS = ["I", "II", "III", "IV", "V", "VI"]
PASSWORD = "sandi-beban-uji-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(ws: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "zidocs", "-w", str(ws), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server did not start: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    raise SystemExit("server did not start in 60 s")


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def token(self) -> str:
        return next(c.value for c in self.jar if c.name == "zidocs_csrf")

    def login(self, user: str) -> None:
        self.opener.open(self.base + "/masuk").read()
        body = urllib.parse.urlencode({"username": user, "password": PASSWORD,
                                       "csrfmiddlewaretoken": self.token()}).encode()
        r = self.opener.open(urllib.request.Request(self.base + "/masuk", body, headers={"Referer": self.base + "/"}))
        r.read()
        if not r.geturl().rstrip("/").endswith(self.base.split("//")[1].split("/")[0]) and "/masuk" in r.geturl():
            raise RuntimeError(f"login failed for {user}")

    def upload(self, kode: str, name: str, data: bytes, timeout: float = 120) -> int:
        b = uuid.uuid4().hex
        body = (f"--{b}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{self.token()}\r\n"
                f"--{b}\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{b}--\r\n".encode()
        req = urllib.request.Request(f"{self.base}/indikator/{kode}/unggah", body, headers={
            "Content-Type": f"multipart/form-data; boundary={b}", "Referer": self.base + "/"})
        try:
            with self.opener.open(req, timeout=timeout) as r:
                r.read()
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code


def pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawString(72, 720, text)
    c.drawString(72, 700, "x" * random.randint(10, 80))
    c.save()
    return buf.getvalue()


def photo(seed: int) -> bytes:
    from PIL import Image

    rnd = random.Random(seed)
    im = Image.frombytes("RGB", (1100, 900), rnd.randbytes(1100 * 900 * 3))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=92)
    return buf.getvalue()


def indicators(ws: Path) -> dict[str, list[str]]:
    plan = api.load(api.Workspace(ws))
    out: dict[str, list[str]] = {}
    for ref in plan.indikator_list():
        out.setdefault(ref.area.kode, []).append(ref.id)
    return out


def make_users(ws: Path, n: int) -> list[tuple[str, str]]:
    users = [(f"koor{i:02d}", AREAS[i % len(AREAS)]) for i in range(n)]
    code = ("import sys; from pathlib import Path; from zidocs.web import launch\n"
            f"for u, a in {users!r}: launch.pengguna_tambah(Path(sys.argv[1]), u, {PASSWORD!r}, 'koordinator', a)\n")
    subprocess.run([sys.executable, "-c", code, str(ws)], check=True)
    return users


def store_consistent(ws: Path) -> list[str]:
    """Problems of the store: rows without a blob, blobs with the wrong hash, temp leftovers."""
    problems = []
    con = sqlite3.connect(ws / "bukti" / "registri.sqlite3")
    for rid, sha, pdf_sha in con.execute("SELECT id, sha256, pdf_sha256 FROM bukti"):
        for digest in filter(None, (sha, pdf_sha)):
            blob = ws / "bukti" / "blob" / digest[:2] / digest
            if not blob.is_file():
                problems.append(f"row {rid}: blob {digest[:12]} missing")
            elif hashlib.sha256(blob.read_bytes()).hexdigest() != digest:
                problems.append(f"row {rid}: blob {digest[:12]} has other content")
    con.close()
    return problems


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def load(ws: Path, clients: int, uploads: int) -> bool:
    users = make_users(ws, clients)
    ind = indicators(ws)
    port = free_port()
    server = start_server(ws, port)
    base = f"http://127.0.0.1:{port}"
    lat: list[float] = []
    status: list[int] = []
    sent: list[bytes] = []
    lock = threading.Lock()

    def run(i: int, user: str, area: str) -> None:
        c = Client(base)
        c.login(user)
        for j in range(uploads):
            data = pdf(f"beban {user} {j}")
            kode = ind[area][j % len(ind[area])]
            t0 = time.perf_counter()
            s = c.upload(kode, f"beban-{user}-{j}.pdf", data)
            dt_ = time.perf_counter() - t0
            with lock:
                lat.append(dt_)
                status.append(s)
                sent.append(data)

    try:
        t0 = time.perf_counter()
        threads = [threading.Thread(target=run, args=(i, u, a)) for i, (u, a) in enumerate(users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    n = clients * uploads
    _, daftar = api.bukti_list(api.Workspace(ws))
    rows = [e for r in daftar.rows for e in r.entries if e.nama_asli.startswith("beban-")]
    audit = sqlite3.connect(ws / ".zidocs" / "web.sqlite3").execute(
        "SELECT COUNT(*) FROM zidocs_web_audit WHERE aksi = 'unggah' AND rincian LIKE '%beban-%'").fetchone()[0]
    want = {hashlib.sha256(d).hexdigest() for d in sent}
    got = {e.sha256 for e in rows}
    print(f"load: {clients} clients × {uploads} uploads = {n} in {wall:.1f} s "
          f"({n / wall:.1f} uploads/s); latency p50 {pct(lat, 50) * 1000:.0f} ms, "
          f"p95 {pct(lat, 95) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms")
    ok200 = status.count(200)
    problems = store_consistent(ws)
    print(f"load: answered 200: {ok200}/{n}; store rows: {len(rows)}; distinct hashes sent {len(want)}, "
          f"stored {len(got)}, all sent stored: {want <= got}; audit 'unggah' rows: {audit}; "
          f"store problems: {len(problems)}")
    return ok200 == n and len(rows) == n and want == got and audit == n and not problems


def kill_rounds(ws: Path, rounds: int) -> bool:
    ind = indicators(ws)
    answered: list[str] = []
    seed = 1000
    for rnd in range(rounds):
        port = free_port()
        server = start_server(ws, port)
        base = f"http://127.0.0.1:{port}"
        results: list[tuple[int, str]] = []

        def run(user: str, area: str, k: int) -> None:
            c = Client(base)
            try:
                c.login(user)
                for j in range(3):
                    data = photo(k * 10 + j)
                    s = c.upload(ind[area][j], f"bunuh-{rnd}-{user}-{j}.jpg", data, timeout=60)
                    results.append((s, hashlib.sha256(data).hexdigest()))
            except (OSError, urllib.error.URLError, RuntimeError):
                pass  # the server died under us: expected

        threads = [threading.Thread(target=run, args=(f"koor{i:02d}", AREAS[i % 6], seed + i)) for i in range(6)]
        seed += 100
        for t in threads:
            t.start()
        time.sleep(random.uniform(4.0, 12.0))
        server.send_signal(signal.SIGKILL)
        server.wait()
        for t in threads:
            t.join()
        answered += [h for s, h in results if s == 200]
        con = sqlite3.connect(ws / "bukti" / "registri.sqlite3")
        rows = con.execute("SELECT COUNT(*) FROM bukti WHERE nama_asli LIKE ?", (f"bunuh-{rnd}-%",)).fetchone()[0]
        con.close()
        print(f"kill round {rnd + 1}: SIGKILL with 6 clients uploading; {sum(1 for s, _ in results if s == 200)} "
              f"uploads had been answered 200, {rows} of this round's uploads are in the store")
    # restart once: the server sweeps its temp copies; the store sweeps its own on the next write
    port = free_port()
    server = start_server(ws, port)
    c = Client(f"http://127.0.0.1:{port}")
    c.login("koor00")
    after = c.upload(ind["I"][0], "setelah-bunuh.pdf", pdf("setelah"))
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    con = sqlite3.connect(ws / "bukti" / "registri.sqlite3")
    stored = {r[0] for r in con.execute("SELECT sha256 FROM bukti")}
    problems = store_consistent(ws)
    lost = [h for h in answered if h not in stored]
    leftovers = list((ws / ".zidocs").glob("unggah-*")) + list((ws / "bukti" / "tmp").glob("*"))
    print(f"kill: answered-200 uploads {len(answered)}, lost {len(lost)}; store problems {len(problems)} "
          f"{problems[:3]}; temp leftovers after restart+upload {len(leftovers)}; upload after restart: {after}")
    return not lost and not problems and not leftovers and after == 200


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--uploads", type=int, default=10)
    ap.add_argument("--kill-rounds", type=int, default=3)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="zidocs-web-load-"))
    ws = tmp / "ws"
    ws.mkdir()
    for part in ("plan", "templates"):
        shutil.copytree(REPO / part, ws / part)
    try:
        ok = load(ws, a.clients, a.uploads)
        ok = kill_rounds(ws, a.kill_rounds) and ok
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print("OK" if ok else "GAGAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
