"""Dossier benchmark: a synthetic evidence store against plain qpdf concatenation.

    python bench/dossier.py [--dir DIR] [--scale 1.0] [--pypdf] [--keep]

Generates (once per DIR) a store of about 400 PDFs / 5,000 pages — a quarter of
them scanned-looking (one large JPEG per page) — and about 100 phone-size JPEG
photos (some with EXIF orientation), about 800 MB in all. Then, in the same
run, each in its own process (peak RSS read with wait4):

* ``zidocs``: the combined dossier of all areas (cover, index, bookmarks,
  stamps, links, labels);
* ``qpdf``: ``qpdf --empty --pages <the same files> -- out.pdf`` — the stored
  PDFs plus the photos as img2pdf one-page PDFs (made before timing);
* ``pypdf`` (with --pypdf): pypdf merge plus a stamp content stream per page,
  the cheapest pypdf way to do the heavy part.

Prints wall time, peak RSS and output size of each, and checks the targets:
time ≤ 1.5 × qpdf, peak RSS < 500 MB, output ≤ 1.05 × input bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TANGGAL = dt.date(2026, 11, 28)


def bench_plan():
    from zidocs.plan.models import Area, Indikator, Kantor, Komponen, Pejabat, Plan, RencanaAksi

    import itertools

    keys = itertools.count(1)

    def ind(n):  # registry rows name indicators by kunci
        return Indikator(kunci=f"bench-{next(keys)}", indikator=f"Indikator sintetis nomor {n}", langkah_aksi="x",
                         bukti_fisik="x", target_waktu="Maret")

    areas = [Area(kode=k, nama=f"Area sintetis {k}", komponen=[
        Komponen(no=c, nama=f"Komponen {c}", indikator=[ind(i) for i in range(1, 5)]) for c in range(1, 4)])
        for k in ("I", "II", "III", "IV", "V", "VI")]
    p = Pejabat(nama="Ketua", jabatan=["Ketua"])
    return Plan(tahun=2026, kantor=Kantor(nama="Kantor Uji Bench", nama_singkat="Uji", kop=["UJI"],
                                          sekretariat=["Sekretariat"], tempat="Uji"),
                ketua=p, pengesah_salinan=p, keputusan={}, rencana_aksi=RencanaAksi(judul=["RA"], area=areas))


# --- corpus -------------------------------------------------------------------------


def _text_pdf(path: Path, n_pages: int, tag: str) -> None:
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    for n in range(n_pages):
        landscape = (n % 7 == 3)
        w, h = (842, 595) if landscape else (595, 842)
        page = pdf.add_blank_page(page_size=(w, h))
        lines = "".join(f"0 -14 Td (Baris {k} berkas {tag} halaman {n + 1}: laporan kegiatan) Tj\n"
                        for k in range(40))
        page.obj.Contents = pdf.make_stream(f"BT /F1 11 Tf 60 {h - 60} Td\n{lines}ET\n".encode())
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        if n % 11 == 5:
            page.obj.Rotate = 90
    pdf.save(path, deterministic_id=True)


def _scan_pdf(path: Path, n_pages: int, images: list[tuple[bytes, int, int]], rng: random.Random) -> None:
    import pikepdf

    pdf = pikepdf.new()
    for n in range(n_pages):
        data, w, h = rng.choice(images)
        page = pdf.add_blank_page(page_size=(595, 842))
        img = pikepdf.Stream(pdf, data)
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height, img.BitsPerComponent = w, h, 8
        img.ColorSpace, img.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.DCTDecode
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=img))
        page.obj.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n")
    pdf.save(path, deterministic_id=True)


def _noise_jpeg(size: tuple[int, int], mode: str, quality: int, exif_orientation: int | None = None) -> bytes:
    import io

    from PIL import Image, ImageFilter

    noise = Image.effect_noise(size, 60).filter(ImageFilter.GaussianBlur(0.8))
    im = Image.merge("RGB", [noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)]) \
        if mode == "RGB" else noise
    buf = io.BytesIO()
    kwargs = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    im.save(buf, "JPEG", quality=quality, **kwargs)
    return buf.getvalue()


def _with_comment(jpeg: bytes, text: str) -> bytes:
    """Same image, different bytes: a COM segment right after SOI (no re-encoding)."""
    body = text.encode()
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(body) + 2) + body + jpeg[2:]


def make_corpus(folder: Path, scale: float = 1.0) -> list[tuple[Path, str]]:
    """Files and the indicator each one is filed under."""
    rng = random.Random(20261128)
    folder.mkdir(parents=True, exist_ok=True)
    plan = bench_plan()
    ids = [r.id for r in plan.indikator_list()]
    out: list[tuple[Path, str]] = []
    n_text, n_scan, n_photo = int(300 * scale), int(100 * scale), int(100 * scale)
    for k in range(n_text):
        p = folder / f"teks-{k:03d}.pdf"
        if not p.exists():
            _text_pdf(p, rng.randint(6, 19), str(k))
        else:
            rng.randint(6, 19)
        out.append((p, ids[k % len(ids)]))
    scans = [(_noise_jpeg((1654, 2339), "L", 45), 1654, 2339) for _ in range(4)] \
        if any(not (folder / f"pindai-{k:03d}.pdf").exists() for k in range(n_scan)) else []
    for k in range(n_scan):
        p = folder / f"pindai-{k:03d}.pdf"
        n = rng.randint(8, 16)
        if not p.exists():
            _scan_pdf(p, n, scans, rng)
        out.append((p, ids[(k * 7) % len(ids)]))
    bases = None
    for k in range(n_photo):
        p = folder / f"foto-{k:03d}.jpg"
        if not p.exists():
            if bases is None:
                bases = [_noise_jpeg((4000, 3000), "RGB", 70, o) for o in (None, 6, 8)]
            p.write_bytes(_with_comment(bases[k % 3], f"foto {k}"))
        out.append((p, ids[(k * 5) % len(ids)]))
    return out


def fill_store(store_dir: Path, corpus: list[tuple[Path, str]]) -> None:
    from zidocs.bukti.store import BuktiStore, add_bukti

    store = BuktiStore.open(store_dir)
    if store.entries():
        return
    plan = bench_plan()
    by_ind: dict[str, list[Path]] = {}
    for p, ind in corpus:
        by_ind.setdefault(ind, []).append(p)
    for ind, files in sorted(by_ind.items()):
        add_bukti(store, plan, files, indikator=ind, now=dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc))


# --- measured runs -----------------------------------------------------------------------


def measure(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process (after a sync, so
    that no earlier run's write-back is charged to it)."""
    subprocess.run(["sync"], check=False)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {argv[:3]}… exit {os.waitstatus_to_exitcode(status)}")
    return wall, ru.ru_maxrss / 1024


def run_zidocs(store_dir: str, outdir: str) -> None:
    from zidocs.bukti.store import BuktiStore
    from zidocs.dossier import build_dossier

    r = build_dossier(BuktiStore.open(Path(store_dir)), bench_plan(), Path(outdir), areas=None, tanggal=TANGGAL)
    print(f"  zidocs: {r.summary()}", file=sys.stderr)


def run_pypdf(listfile: str, out: str) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    for f in Path(listfile).read_text().split("\n"):
        w.append(PdfReader(f))
    total = len(w.pages)
    font = w._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                           NameObject("/Subtype"): NameObject("/Type1"),
                                           NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for n, page in enumerate(w.pages, start=1):
        s = DecodedStreamObject()
        s.set_data(f"q BT /ZiStamp 8 Tf 250 6 Td (hal. {n} / {total}) Tj ET Q".encode())
        res = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        fonts = res.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[NameObject("/ZiStamp")] = font
        cur = page.get("/Contents")
        obj = cur.get_object() if cur is not None else None
        arr = ArrayObject(list(obj)) if isinstance(obj, ArrayObject) else ArrayObject([cur] if cur else [])
        arr.append(w._add_object(s))
        page[NameObject("/Contents")] = arr
    w.write(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "zidocs-bench")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--pypdf", action="store_true", help="also measure a pypdf merge+stamp")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    ap.add_argument("--run", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        kind, a, b = args.run
        (run_zidocs if kind == "zidocs" else run_pypdf)(a, b)
        return

    from zidocs.bukti.intake import image_pdf_bytes
    from zidocs.bukti.store import BuktiStore
    from zidocs.dossier.build import entry_order

    base = args.dir
    t0 = time.perf_counter()
    corpus = make_corpus(base / "corpus", args.scale)
    store_dir = base / "store"
    fill_store(store_dir, corpus)
    print(f"corpus and store ready in {time.perf_counter() - t0:.1f} s ({base})")

    store = BuktiStore.open(store_dir)
    entries = entry_order(bench_plan(), store.entries())
    in_bytes = sum(e.ukuran for e in entries)
    pages = sum(e.halaman for e in entries)
    qpdf_inputs = []
    imgdir = base / "qpdf-img"
    imgdir.mkdir(exist_ok=True)
    for e in entries:
        blob = store.blob_path(e.pdf_sha256 or e.sha256)
        if e.media_type.startswith("image/"):
            pdf = imgdir / f"{e.sha256}.pdf"
            if not pdf.exists():
                pdf.write_bytes(image_pdf_bytes(blob))
            blob = pdf
        qpdf_inputs.append(str(blob))
    print(f"inputs: {len(entries)} files, {pages} pages, {in_bytes / 1e6:.0f} MB")

    outdir = base / "out"
    outdir.mkdir(exist_ok=True)
    rows = []
    qpdf_argv = ["qpdf", "--empty", "--pages", *qpdf_inputs, "--", str(outdir / "qpdf.pdf")]
    zidocs_argv = [sys.executable, __file__, "--run", "zidocs", str(store_dir), str(outdir)]
    runs = {"qpdf": [], "zidocs": []}
    for _ in range(args.repeat):  # alternate, keep the best of each
        runs["qpdf"].append(measure(qpdf_argv))
        runs["zidocs"].append(measure(zidocs_argv))
    qt, qm = min(runs["qpdf"])
    zt, zm = min(runs["zidocs"])
    print("  all runs (s): qpdf " + ", ".join(f"{t:.2f}" for t, _ in runs["qpdf"])
          + "; zidocs " + ", ".join(f"{t:.2f}" for t, _ in runs["zidocs"]))
    rows.append(("qpdf --empty --pages", qt, qm, (outdir / "qpdf.pdf").stat().st_size))
    zpdf = outdir / "dossier-semua-area.pdf"
    rows.append(("zidocs dossier (pikepdf)", zt, zm, zpdf.stat().st_size))
    if args.pypdf:
        listfile = outdir / "files.txt"
        listfile.write_text("\n".join(qpdf_inputs))
        pt, pm = measure([sys.executable, __file__, "--run", "pypdf", str(listfile), str(outdir / "pypdf.pdf")])
        rows.append(("pypdf merge + stamp", pt, pm, (outdir / "pypdf.pdf").stat().st_size))
    print(f"\n{'run':28} {'wall s':>8} {'peak MB':>9} {'out MB':>8} {'out/in':>7}")
    for name, t, m, size in rows:
        print(f"{name:28} {t:8.2f} {m:9.0f} {size / 1e6:8.1f} {size / in_bytes:7.3f}")
    print(f"\ntargets: time {zt / qt:.2f}× qpdf (≤ 1.5) {'OK' if zt <= 1.5 * qt else 'MISSED'}; "
          f"peak {zm:.0f} MB (< 500) {'OK' if zm < 500 else 'MISSED'}; "
          f"size {zpdf.stat().st_size / in_bytes:.3f}× inputs (≤ 1.05) "
          f"{'OK' if zpdf.stat().st_size <= 1.05 * in_bytes else 'MISSED'}")


if __name__ == "__main__":
    main()
