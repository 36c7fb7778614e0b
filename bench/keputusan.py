"""Bench: `zidocs keputusan 2026` with and without the PDF (--tanpa-pdf), on the shipped plan.

Prints wall time (median of N runs, each a fresh process), the children's
peak memory, the output sizes, and — side by side — a bare LibreOffice
conversion of the same two DOCX files, the floor for the --pdf path.

    .venv/bin/python bench/keputusan.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIDOCS = [sys.executable, "-m", "zidocs"]


def timed(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def median_time(argv, env, runs: int) -> float:
    return statistics.median(timed(argv, env) for _ in range(runs))


def in_process_ms(ws: Path, runs: int) -> tuple[float, float]:
    """(load + check, render asli+salinan) in milliseconds, imports excluded."""
    sys.path.insert(0, str(ROOT))
    from zidocs.keputusan.render import render_keputusan, render_lampiran
    from zidocs.plan.check import load_plan
    from zidocs.plan.workspace import Workspace

    w = Workspace(ws)
    load, render = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        plan = load_plan(w, 2026)
        t1 = time.perf_counter()
        body = render_lampiran(plan, w, "rencana-aksi")
        for salinan in (False, True):
            render_keputusan(plan, w, "rencana-aksi", salinan=salinan, build_date=dt.date(2026, 3, 6), lampiran=body)
        t2 = time.perf_counter()
        load.append(t1 - t0)
        render.append(t2 - t1)
    return statistics.median(load) * 1000, statistics.median(render) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        for part in ("plan", "templates"):
            shutil.copytree(ROOT / part, ws / part)
        env = dict(os.environ, ZIDOCS_WORKSPACE=str(ws))
        docx_s = median_time([*ZIDOCS, "keputusan", "2026", "--tanpa-pdf"], env, args.runs)
        pdf_s = median_time([*ZIDOCS, "keputusan", "2026", "--pdf"], env, max(1, args.runs // 2))
        out = ws / "out" / "2026"
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
        # the floor: LibreOffice alone converting the same two files, cold profile
        raw = Path(tmp) / "raw"
        raw.mkdir()
        docs = [str(out / "keputusan-rencana-aksi.docx"), str(out / "keputusan-rencana-aksi-salinan.docx")]
        soffice = shutil.which("soffice") or "soffice"
        lo = statistics.median(
            timed([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/prof{i}", "--convert-to", "pdf",
                   "--outdir", str(raw), *docs], env)
            for i in range(max(1, args.runs // 2))
        )
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        load_ms, render_ms = in_process_ms(ws, args.runs)

    print(f"zidocs keputusan 2026 (DOCX asli+salinan)   : {docx_s:6.2f} s  (median of {args.runs} processes)")
    print(f"  of which, in process: load+check {load_ms:.0f} ms, render 2 DOCX {render_ms:.0f} ms")
    print(f"zidocs keputusan 2026 --pdf                 : {pdf_s:6.2f} s")
    print(f"soffice --convert-to pdf, same 2 DOCX (floor): {lo:6.2f} s")
    print(f"peak memory of a child process               : {peak_mb:6.0f} MB")
    for name, size in sizes.items():
        print(f"  {name:45s} {size / 1024:7.1f} KiB")


if __name__ == "__main__":
    main()
