"""Bench: the cold LibreOffice path (a fresh soffice per conversion, the CLI's) against the warm
one `zidocs serve` keeps (unoserver), on the shipped Keputusan template and on a full rebuild of the
Rencana Aksi decree (asli + salinan, DOCX and PDF). Checks that both paths give the same bytes.

    .venv/bin/python bench/warm_convert.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import copy_workspace  # noqa: E402

from zidocs import api  # noqa: E402
from zidocs.office import convert, warm  # noqa: E402

BUILD = dt.date(2026, 12, 2)


def timed(fn, runs: int) -> tuple[list[float], set[str]]:
    times, hashes = [], set()
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        hashes.add(hashlib.sha256(b"".join(p.read_bytes() for p in out if p.suffix == ".pdf")).hexdigest()[:12])
    return times, hashes


def show(label: str, times: list[float], hashes: set[str]) -> None:
    print(f"{label:<44} median {statistics.median(times):5.2f} s  runs {' '.join(f'{t:.2f}' for t in times)}"
          f"  pdf sha256 {','.join(sorted(hashes))}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="zidocs-bench-warm-"))
    try:
        src = tmp / "keputusan.docx"
        shutil.copyfile(ROOT / "templates" / "keputusan" / "keputusan.docx", src)
        ws = api.Workspace(copy_workspace(tmp / "ws"))
        n = iter(range(10**6))

        def one(pdfa=False):
            return convert.to_pdf([src], tmp / f"o{next(n)}", build_date=BUILD, pdfa=pdfa)

        def decree():
            return api.keputusan(ws, pdf=True, build_date=BUILD).paths

        rows = [("cold: keputusan.docx → PDF", *timed(one, args.runs)),
                ("cold: keputusan.docx → PDF/A-2b", *timed(lambda: one(True), args.runs)),
                ("cold: zidocs keputusan --pdf (asli+salinan)", *timed(decree, args.runs))]
        t0 = time.perf_counter()
        st = api.lo_hangat_mulai()
        started = time.perf_counter() - t0
        if not st.running:
            print(f"LibreOffice hangat tidak berjalan: {st.reason}")
            return 1
        print(f"warm server start (unoserver + soffice + priming conversion): {started:.2f} s")
        rows += [("warm: keputusan.docx → PDF", *timed(one, args.runs)),
                 ("warm: keputusan.docx → PDF/A-2b", *timed(lambda: one(True), args.runs)),
                 ("warm: zidocs keputusan --pdf (asli+salinan)", *timed(decree, args.runs))]
        office = warm.current()
        print(f"warm conversions done: {office.conversions}")
        api.lo_hangat_henti()
        for row in rows:
            show(*row)
        same = all(rows[i][2] == rows[i + 3][2] and len(rows[i][2]) == 1 for i in range(3))
        for i in range(3):
            c, w = statistics.median(rows[i][1]), statistics.median(rows[i + 3][1])
            print(f"speed-up {rows[i][0][6:]:<38} {c / w:4.1f}× ({c:.2f} s → {w:.2f} s)")
        print("same bytes cold and warm:", same)
        return 0 if same else 1
    finally:
        api.lo_hangat_henti()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
