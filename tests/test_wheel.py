"""zidocs installed from a wheel (not this checkout) starts a workspace and
writes a decree: the starter plan and templates travel as package data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from helpers import REPO


def test_wheel_carries_the_starter_and_works_away_from_the_repository(tmp_path):
    built = tmp_path / "whl"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(built), str(REPO)], check=True, capture_output=True, cwd=tmp_path)
    (wheel,) = built.glob("zidocs-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for part in ("zidocs/data/starter/plan/kantor.yaml", "zidocs/data/starter/templates/keputusan/keputusan.docx",
                 "zidocs/data/starter/templates/laporan/monev.docx", "zidocs/data/fonts.conf"):
        assert part in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("ZIDOCS_WORKSPACE", None)

    def zidocs(*args, cwd):
        return subprocess.run([sys.executable, "-m", "zidocs", *args], cwd=cwd, env=env,
                              capture_output=True, text=True)

    where = subprocess.run([sys.executable, "-c", "import zidocs; print(zidocs.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True).stdout.strip()
    assert where.startswith(str(site))  # the wheel's copy, not this checkout
    r = zidocs("init", "kantor", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = zidocs("keputusan", "--tanpa-pdf", cwd=tmp_path / "kantor")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "kantor" / "out" / "2026" / "keputusan-rencana-aksi-salinan.docx").is_file()
