"""Bench: the spreadsheet round trips on the shipped plan, in process.

Times (median of N runs) for: exporting the Rencana Aksi workbook (70 rows),
reading it back, merging it into the YAML (no edit: nothing written), the
whole `rencana impor` including the check that follows; and the monev TW1
export and import. Also a 10× plan (700 indicators) to see how it scales.

    .venv/bin/python bench/tabel.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zidocs import api  # noqa: E402
from zidocs.plan.workspace import Workspace  # noqa: E402
from zidocs.tabel import rencana_xlsx  # noqa: E402

RA = Path("plan/2026/rencana-aksi.yaml")


def workspace(dest: Path, scale: int = 1) -> Workspace:
    for part in ("plan", "templates"):
        shutil.copytree(ROOT / part, dest / part)
    if scale > 1:  # every komponen's indicators repeated, texts made unique
        y = YAML(typ="rt")
        y.width = 4096
        data = y.load((dest / RA).read_text())
        for area in data["area"]:
            for komp in area["komponen"]:
                base = list(komp["indikator"])
                for n in range(1, scale):
                    for ind in base:
                        copy = dict(ind)
                        copy.pop("kunci", None)
                        copy["indikator"] = f"{ind['indikator']} ({n})"
                        komp["indikator"].append(copy)
        with (dest / RA).open("w") as fh:
            y.dump(data, fh)
    return Workspace(dest)


def median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (1, 10):
            ws = workspace(Path(tmp) / f"ws{scale}", scale)
            xlsx = Path(tmp) / f"ra{scale}.xlsx"
            api.rencana_ekspor(ws, 2026, tujuan=xlsx)  # writes keys once (scale 10)
            text = (ws.root / RA).read_text()
            rows = sum(1 for _ in rencana_xlsx.baca_lembar(xlsx).baris)
            t_exp = median(lambda: api.rencana_ekspor(ws, 2026, tujuan=xlsx), args.runs)
            t_read = median(lambda: rencana_xlsx.baca_lembar(xlsx), args.runs)
            isi = rencana_xlsx.baca_lembar(xlsx)
            t_merge = median(lambda: rencana_xlsx.gabung(text, "x", isi, izinkan_hapus=False), args.runs)
            t_imp = median(lambda: api.rencana_impor(ws, xlsx, 2026), args.runs)
            assert (ws.root / RA).read_text() == text
            print(f"rencana, {rows} baris ({xlsx.stat().st_size / 1024:.0f} KiB): ekspor {t_exp:.2f} s, "
                  f"baca lembar {t_read:.2f} s, gabung {t_merge:.2f} s, impor + check {t_imp:.2f} s")
        ws = workspace(Path(tmp) / "monev")
        mx = Path(tmp) / "tw1.xlsx"
        t_mexp = median(lambda: api.monev_ekspor(ws, 2026, "TW1", tujuan=mx), args.runs)
        t_mimp = median(lambda: api.monev_impor(ws, mx), args.runs)
        print(f"monev TW1, 56 baris: ekspor (dengan monev init) {t_mexp:.2f} s, impor + check {t_mimp:.2f} s")


if __name__ == "__main__":
    main()
