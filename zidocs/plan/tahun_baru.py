"""`zidocs tahun-baru`: next year's plan from this year's.

Copied: every plan file of the year (rencana-aksi.yaml, keputusan-*.yaml,
tim.yaml), as text, so comments and layout stay. Not copied: the monev input
files (they are the year's records, and the shipped one is sample data).

Years are rolled where they are the plan year: a title "… TAHUN 2026", a
target "Maret 2026", a decree of this office cited as "Keputusan <kantor>
Nomor 9 Tahun 2026" (its number is listed for review: next year's decree gets
its own). Left as they are, and listed for review: other documents cited by
number and year ("Peraturan … Nomor 5 Tahun 2026" stays a 2026 regulation);
promulgation years ("Berita Negara Republik Indonesia Tahun 2026") are left
without a note. Each decree's `nomor:` and `tanggal:` are emptied, so `check`
reports them as errors until the secretary sets them from the register.

Written atomically: staged in plan/.tmp-tahun-baru-*/ and renamed to
plan/<tahun>/ at the end; an existing plan/<tahun>/ is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from zidocs.errors import InputError
from zidocs.plan.kinds import PLAN_PREFIX
from zidocs.plan.monev_files import PREFIX as MONEV_PREFIX
from zidocs.plan.workspace import Workspace


@dataclass(frozen=True)
class Catatan:
    berkas: str  # plan/<tahun>/… as written
    baris: int
    teks: str  # the passage
    catatan: str  # what was done and what to check


@dataclass
class TahunBaruResult:
    tahun: int
    dari: int
    folder: Path
    berkas: list[str] = field(default_factory=list)  # files written
    tidak_disalin: list[str] = field(default_factory=list)  # monev input files left behind
    perlu_diisi: list[Catatan] = field(default_factory=list)  # decree numbers and dates to set
    tinjau: list[Catatan] = field(default_factory=list)  # references to the previous year's documents


_PROMULGASI = re.compile(r"(?:Negara|Daerah)(?:\s+Republik\s+Indonesia)?\s+Tahun\s+$", re.IGNORECASE)
_NOMOR_TAHUN = re.compile(r"Nomor\s+\d+\s+Tahun\s+$", re.IGNORECASE)


def gulung(text: str, rel: str, lama: int, baru: int, kantor: str) -> tuple[str, list[Catatan]]:
    """``text`` with the plan year ``lama`` rolled to ``baru`` where it is the
    plan year, and the passages to review (pure)."""
    nama = r"\s+".join(re.escape(w) for w in kantor.split())
    sendiri = re.compile(rf"Keputusan\s+{nama}\s+Nomor\s+\d+\s+Tahun\s+$", re.IGNORECASE)
    year = re.compile(rf"(?<!\d){lama}(?!\d)")
    notes: list[Catatan] = []
    out = []
    for n, line in enumerate(text.splitlines(keepends=True), start=1):
        parts, pos = [], 0
        for m in year.finditer(line):
            before = line[: m.start()]
            if _PROMULGASI.search(before):
                keep = True
            elif _NOMOR_TAHUN.search(before):
                start = max(0, before.lower().rfind("nomor") - 60)
                excerpt = ("…" if start else "") + " ".join(line[start: m.end()].split())
                if sendiri.search(before):
                    keep = False
                    notes.append(Catatan(rel, n, excerpt, f"keputusan kantor sendiri: tahunnya diganti {baru}; "
                                         f"samakan nomornya dengan keputusan tahun {baru} setelah nomornya ditetapkan"))
                else:
                    keep = True
                    notes.append(Catatan(rel, n, excerpt, f"dokumen tahun {lama} lain: tidak diubah; periksa apakah "
                                         "masih rujukan yang benar"))
            else:
                keep = False
            parts.append(line[pos: m.start()])
            parts.append(str(lama) if keep else str(baru))
            pos = m.end()
        parts.append(line[pos:])
        out.append("".join(parts))
    return "".join(out), notes


def kosongkan_nomor(text: str, rel: str, baru: int) -> tuple[str, list[Catatan]]:
    """A keputusan file with its `nomor:` and `tanggal:` (under `keputusan:`) emptied."""
    notes: list[Catatan] = []
    in_keputusan = False
    out = []
    for n, line in enumerate(text.splitlines(keepends=True), start=1):
        if re.match(r"^\S", line):
            in_keputusan = line.startswith("keputusan:")
        m = re.match(r"^  (nomor|tanggal):", line) if in_keputusan else None
        if m:
            key = m.group(1)
            what = "nomor keputusan dari register" if key == "nomor" else f"tanggal penetapan (TTTT-BB-HH, tahun {baru})"
            line = f"  {key}:  # ISI: {what}\n"
            notes.append(Catatan(rel, n, key, f"`keputusan.{key}` dikosongkan; isi {what}"))
        out.append(line)
    return "".join(out), notes


def tahun_baru(ws: Workspace, tahun: int, *, dari: int | None, kantor: str) -> TahunBaruResult:
    """Write plan/<tahun>/ from plan/<dari>/ (default: the year before)."""
    dari = tahun - 1 if dari is None else dari
    src = ws.year_dir(dari)
    dest = ws.year_dir(tahun)
    if not (src / "rencana-aksi.yaml").is_file():
        raise InputError(f"{src}: rencana tahun {dari} tidak ditemukan; rencana tahun {tahun} disalin dari rencana "
                         "tahun sebelumnya.")
    if dest.exists():
        raise InputError(f"{dest}: sudah ada; rencana tahun {tahun} tidak ditimpa. Pindahkan atau hapus folder itu "
                         "bila ingin menyalin ulang.")
    result = TahunBaruResult(tahun, dari, dest)
    staging = Path(tempfile.mkdtemp(prefix=f".tmp-tahun-baru-{tahun}-", dir=ws.plan_dir))
    try:
        for path in sorted(src.glob("*.yaml")):
            rel = f"plan/{tahun}/{path.name}"
            if path.name.startswith(MONEV_PREFIX):
                result.tidak_disalin.append(f"plan/{dari}/{path.name}")
                continue
            text, notes = gulung(path.read_text(encoding="utf-8"), rel, dari, tahun, kantor)
            result.tinjau += notes
            if path.name.startswith(PLAN_PREFIX):
                text, isi = kosongkan_nomor(text, rel, tahun)
                result.perlu_diisi += isi
            (staging / path.name).write_text(text, encoding="utf-8")
            result.berkas.append(rel)
        os.replace(staging, dest)
    except OSError as exc:
        raise InputError(f"{dest}: rencana tahun {tahun} tidak dapat ditulis ({exc}); tidak ada yang diubah.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
