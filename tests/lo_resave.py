"""Re-save a workbook with the real LibreOffice (tests only): what a
secretary's LibreOffice Calc writes back. Uses the converter's own lock and
private-profile command line, so it never collides with a PDF conversion."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from zidocs.office.convert import _soffice_lock, find_soffice, soffice_argv, soffice_env

# LibreOffice's filter names: Calc's own XLSX writer and ODS.
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}


def resave(src: Path, dest_dir: Path, fmt: str) -> Path:
    """``src`` opened and saved by LibreOffice as ``fmt`` (xlsx or ods) in ``dest_dir``."""
    soffice = find_soffice()
    dest_dir.mkdir(parents=True, exist_ok=True)
    with _soffice_lock(600), tempfile.TemporaryDirectory(prefix="zidocs-lo-test-") as tmp:
        work = Path(tmp)
        indir, outdir, profile = work / "in", work / "out", work / "profile"
        for d in (indir, outdir, profile):
            d.mkdir()
        staged = indir / src.name
        shutil.copyfile(src, staged)
        argv = soffice_argv(soffice, profile, outdir, [staged], convert_to=FILTERS[fmt])
        subprocess.run(argv, check=True, capture_output=True, timeout=300, env=soffice_env(), cwd=work)
        out = outdir / f"{src.stem}.{fmt}"
        assert out.is_file() and out.stat().st_size > 0, f"LibreOffice wrote no {fmt} for {src}"
        target = dest_dir / out.name
        shutil.copyfile(out, target)
    return target
