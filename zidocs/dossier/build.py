"""Build a dossier PDF and its manifest from the evidence store.

Phases (everything is read and checked before anything is written):

1. *probe* — open every stored file the dossier needs, verify its sha256
   (in threads), turn photos into one-page PDFs with img2pdf (temp files, JPEG
   bytes unchanged), write a cleaned copy of the rare PDF that carries active
   content, and note every file that cannot be included and why;
2. *layout* — pure (:mod:`zidocs.dossier.layout`);
3. *draw* — cover, index and placeholder pages with reportlab;
4. *assemble* — a qpdf job (in-process, via pikepdf) merges all pages into the
   output's temp file; pikepdf then stamps every page and adds links,
   bookmarks and page labels, written as an incremental update appended to
   that file (the page data is written once); fsync, rename; then the manifest.

Engine, chosen by ``bench/dossier.py`` (500 files, 5,051 pages, 920 MB; best
of 3 in one run): qpdf plain merge 5.7 s / 81 MB; this build 6.7 s / 119 MB,
output 1.003× the inputs; pypdf merge + one stamp stream per page 7.5 s but
1.85 GB peak (pypdf keeps every copied page in Python memory). pikepdf's own
page copying (``pages.extend``) also copies stream data into memory (≈ the
inputs' size), and a full second rewrite doubled the write time; hence the
qpdf job plus incremental update. With 100 captioned photo pages (December
2026, 500 files, 5,051 pages, 1,012 MB, best of 2): qpdf 9.5 s / 85 MB, this
build 13.5 s / 153 MB (1.42×); the photo pages (img2pdf, then a page of the
office's paper) are most of the difference.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from zidocs import __version__
from zidocs.office.atomic import atomic_path
from zidocs.office.drawn import KERTAS, winansi_truetype
from zidocs.office.pdfnorm import SRGB_IDENTIFIER, pdf_date, srgb_profile, xmp_packet
from zidocs.bukti import halaman as halaman_mod
from zidocs.office import pesan
from zidocs.bukti.intake import KIND_BY_MEDIA_TYPE, image_layout
from zidocs.bukti.store import BuktiEntry, BuktiStore, _kill_point, sha256_file
from zidocs.dossier import manifest as manifest_mod
from zidocs.dossier import pages as pages_mod
from zidocs.dossier.publish import MANIFEST_KEY, Publikasi, manifest_id
from zidocs.dossier.layout import DossierLayout, Evidence, Placement, layout_dossier
from zidocs.text.markup import lenient, plain_lenient as plain
from zidocs.dossier.stamp import FONT_BASE, FONT_RESOURCE, stamp_geometry
from zidocs.errors import BuktiError, InputError
from zidocs.plan.models import Plan

Progress = Callable[[str, int, int], None]  # (stage, done, total)

# actions that run code, open other programs or send data: removed
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm",
                            "/Rendition", "/RichMediaExecute", "/GoToE", "/GoToR", "/Movie", "/Sound"})


@dataclass(frozen=True)
class DossierResult:
    pdf: Path
    manifest: Path
    areas: tuple[str, ...]
    files: int
    pages: int
    placeholders: tuple[str, ...]  # one report line per file that got a placeholder
    duplicates: int
    seconds: float
    active_removed: int = 0
    pdfa_2b: bool = False  # the PDF claims (and passed the check for) PDF/A-2b
    pdfa_alasan: tuple[str, ...] = ()  # why not, when not

    def summary(self) -> str:
        return (f"{self.pdf.name}: {self.files} berkas, {self.pages} halaman, "
                f"{len(self.placeholders)} halaman pengganti, {self.seconds:.1f} detik")


@dataclass
class _Source:
    """A stored file opened for inclusion (or the reason it cannot be)."""

    entry: BuktiEntry
    path: Path | None = None  # a PDF to take the pages from
    pages: int = 0
    alasan: str | None = None
    notes: list[str] = field(default_factory=list)
    active_removed: int = 0
    caption: pages_mod.Caption | None = None  # a photo: its page is zidocs' own, captioned


def dossier_name(areas: Sequence[str] | None) -> str:
    return "dossier-semua-area" if areas is None else "dossier-area-" + "-".join(areas)


def output_dir(workspace: Path, tahun: int) -> Path:
    return Path(workspace) / "out" / str(tahun) / "dossier"


def entry_order(plan: Plan, entries: Sequence[BuktiEntry]) -> list[BuktiEntry]:
    """Plan order of indicators, then time added, then ID."""
    order = {ref.kunci: n for n, ref in enumerate(plan.indikator_list()) if ref.kunci}
    return sorted(entries, key=lambda e: (order.get(e.indikator, len(order)), e.indikator,
                                          e.ditambahkan, e.id))


def build_dossier(
    store: BuktiStore,
    plan: Plan,
    outdir: Path,
    *,
    areas: Sequence[str] | None,
    tanggal: dt.date,
    progress: Progress | None = None,
    logo: Path | None = None,
) -> DossierResult:
    """Build one dossier: ``areas`` (plan codes) or None for all areas combined.

    The folder ``outdir`` is replaced as one set (:mod:`zidocs.dossier.publish`)."""
    with Publikasi(outdir) as pub:
        result = _build_one(store, plan, pub, areas=areas, tanggal=tanggal, progress=progress, logo=logo)
        pub.publish([result.pdf.name, result.manifest.name])
    return result


def build_all(store: BuktiStore, plan: Plan, outdir: Path, *, tanggal: dt.date,
              progress: Progress | None = None, logo: Path | None = None) -> list[DossierResult]:
    """One dossier per area, then one for all areas; published together as one set."""
    with Publikasi(outdir) as pub:
        results = [_build_one(store, plan, pub, areas=[a.kode], tanggal=tanggal, progress=progress, logo=logo)
                   for a in plan.rencana_aksi.area]
        results.append(_build_one(store, plan, pub, areas=None, tanggal=tanggal, progress=progress, logo=logo))
        pub.publish([n for r in results for n in (r.pdf.name, r.manifest.name)])
    return results


def _build_one(store: BuktiStore, plan: Plan, pub: Publikasi, *, areas: Sequence[str] | None,
               tanggal: dt.date, progress: Progress | None, logo: Path | None = None) -> DossierResult:
    started = time.perf_counter()
    progress = progress or (lambda stage, done, total: None)
    known = [a.kode for a in plan.rencana_aksi.area]
    if areas is not None:
        wrong = [a for a in areas if a not in known]
        if wrong:
            raise InputError(f"Area {', '.join(wrong)} tidak ada dalam rencana aksi {plan.tahun}. "
                             f"Area yang ada: {', '.join(known)}.")
        chosen = [a for a in known if a in areas]
    else:
        chosen = known
    by_kunci = plan.indikator_by_kunci()  # registry rows name indicators by kunci
    entries = entry_order(plan, [e for e in store.entries(tahun=plan.tahun)
                                 if e.indikator in by_kunci and by_kunci[e.indikator].area.kode in chosen])
    name = dossier_name(None if areas is None else chosen)

    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=".tmp-", dir=pub.workdir)))
        kertas = KERTAS[plan.kantor.kertas]  # the office's paper for zidocs' own pages

        def caption_of(e: BuktiEntry) -> pages_mod.Caption:
            ref = by_kunci[e.indikator]
            return pages_mod.Caption(ref.id, lenient(ref.indikator.indikator), e.keterangan, e.nama_asli,
                                     dt.date.fromisoformat(e.tanggal) if e.tanggal else None)

        sources = _probe(store, entries, work, stack, progress, caption_of, kertas)
        evidence = [
            Evidence(e.id, by_kunci[e.indikator].id, e.nama_asli, e.sha256,
                     max(sources[e.sha256].pages, 1), sources[e.sha256].alasan,
                     keterangan=e.keterangan, tanggal=e.tanggal)
            for e in entries
        ]
        first_lines, per_page = pages_mod.lines_per_page(kertas)
        if areas is None:
            front_label, judul = "Semua area", ["Seluruh Area", f"{known[0]}–{known[-1]}"]
        else:
            front_label = "Area " + ", ".join(chosen)
            judul = [f"Area {a.kode}. {lenient(a.nama)}" for a in plan.rencana_aksi.area if a.kode in chosen]
        layout = layout_dossier(plan, chosen, evidence, front_label=front_label,
                                row_lines=functools.partial(pages_mod.row_height, kertas=kertas),
                                first_page_lines=first_lines,
                                page_lines=per_page)
        progress("tata letak", 1, 1)

        placeholders = [(p, _placeholder_message(p)) for p in layout.placements
                        if p.placeholder and p.duplikat_dari is None]
        cover = pages_mod.CoverInfo(
            kantor=plan.kantor.nama, judul_area=judul, tahun=plan.tahun, tanggal=tanggal,
            files=layout.files, pages=layout.total_pages, placeholders=len(placeholders),
            duplicates=sum(1 for p in layout.placements if p.duplikat_dari is not None), logo=logo)
        drawn_path = work / "halaman-zidocs.pdf"
        photos = [p for p in layout.placements if p.duplikat_dari is None and not p.placeholder
                  and sources[p.evidence.sha256].caption is not None]
        links = pages_mod.render(drawn_path, cover, layout, placeholders, kertas,
                                 captions=[sources[p.evidence.sha256].caption for p in photos])

        # the manifest (all but the PDF's hash) is known now: its id goes into the PDF
        body = manifest_mod.build(plan=plan, areas=chosen, combined=areas is None, tanggal=tanggal,
                                  layout=layout, entries=entries,
                                  notes={sha: s.notes for sha, s in sources.items()},
                                  pdf_name=f"{name}.pdf")
        mid = manifest_id(body)
        target = pub.staging / f"{name}.pdf"
        removed, pdfa = _assemble(target, layout, drawn_path, links, sources, placeholders, plan, judul,
                                  tanggal, work, progress, mid)
        removed += sum(s.active_removed for s in sources.values() if s.alasan is None)
        _kill_point("dossier-pdf")
        manifest_mod.write(pub.staging / f"{name}.json", body, mid, sha256_file(target), pdfa)
        _kill_point("dossier-manifest")
    report = tuple(f"{p.evidence.nama} (ID {p.evidence.id}, {p.evidence.indikator}): {p.evidence.alasan}"
                   for p, _ in placeholders)
    final = pub.outdir
    return DossierResult(final / f"{name}.pdf", final / f"{name}.json", tuple(chosen), layout.files,
                         layout.total_pages, report, cover.duplicates, time.perf_counter() - started, removed,
                         pdfa["pdfa_2b"], tuple(pdfa["alasan"]))


def _placeholder_message(p: Placement) -> str:
    return (f"Berkas ini tercatat di penyimpanan bukti tetapi tidak dapat dimasukkan ke dossier. "
            f"Sekretariat: periksa berkas aslinya (bukti ID {p.evidence.id}) dan ganti dengan berkas yang baik.")


# --- probe ------------------------------------------------------------------------


def _hash_ok(path: Path, expected: str) -> bool:
    return sha256_file(path) == expected


def _probe(store: BuktiStore, entries: Sequence[BuktiEntry], work: Path,
           stack: contextlib.ExitStack, progress: Progress,
           caption_of: Callable[[BuktiEntry], pages_mod.Caption], kertas) -> dict[str, _Source]:
    import pikepdf

    unique: dict[str, BuktiEntry] = {}
    for e in entries:
        unique.setdefault(e.sha256, e)
    sources: dict[str, _Source] = {}
    # verify hashes in threads (hashlib releases the GIL) while qpdf opens files
    pool = stack.enter_context(concurrent.futures.ThreadPoolExecutor(max_workers=2))
    checks = {}
    for sha, e in unique.items():
        blob_sha = e.pdf_sha256 or e.sha256
        path = store.blob_path(blob_sha)
        if path.is_file():
            checks[sha] = pool.submit(_hash_ok, path, blob_sha)
    total = len(unique)
    for n, (sha, e) in enumerate(unique.items(), start=1):
        src = _Source(e)
        sources[sha] = src
        if e.catatan:
            src.notes.append(e.catatan)
        blob_sha = e.pdf_sha256 or e.sha256
        path = store.blob_path(blob_sha)
        kind = KIND_BY_MEDIA_TYPE.get(e.media_type)
        if not path.is_file():
            src.alasan = "berkas tidak ada lagi di penyimpanan bukti"
        elif kind is None:
            src.alasan = f"jenis berkas {e.media_type} tidak dikenal"
        else:
            try:
                if kind in ("jpeg", "png") and e.pdf_sha256 is None:
                    caption = dataclasses.replace(caption_of(e), kertas=_turned(kertas, path))
                    path = _photo_page(path, work / f"foto-{n:05d}.pdf", work / f"halaman-foto-{n:05d}.pdf",
                                       caption.kertas, pages_mod.photo_box(caption))
                    src.caption = caption
                    src.notes.append("foto dijadikan halaman PDF berketerangan (img2pdf, orientasi EXIF diikuti, "
                                     "tanpa kompresi ulang)" if kind == "jpeg" else
                                     "gambar dijadikan halaman PDF berketerangan (img2pdf)")
                src.path, src.pages, removed = _open_clean(path, work / f"bersih-{n:05d}.pdf")
                if removed:
                    src.active_removed = removed
                    src.notes.append(f"konten aktif (JavaScript/aksi otomatis) dihapus: {removed}")
                if src.pages == 0:
                    src.alasan, src.path = "PDF tidak memuat halaman", None
                elif _unjudged_repair(e):
                    lost = _lost_pages(src.path, src.pages, work)
                    if lost:
                        src.alasan = (f"hasil perbaikan zidocs versi lama, tanpa pemeriksaan halaman: {len(lost)} "
                                      f"dari {src.pages} halaman kehilangan isinya (hal. "
                                      f"{halaman_mod.rentang(lost)}); tambahkan ulang berkas yang utuh")
                        src.path = None
            except pikepdf.PasswordError:
                src.alasan = "PDF dikunci dengan kata sandi"
            except Exception as exc:  # noqa: BLE001 - any failure becomes a placeholder, reported
                src.alasan = f"berkas tidak dapat dibuka ({pesan.qpdf([exc], [path], limit=3)})"
        progress("memeriksa berkas", n, total)
    for sha, fut in checks.items():
        if not fut.result():  # the root cause, whatever opening it said
            sources[sha].alasan = "isi berkas di penyimpanan tidak cocok dengan sidik SHA-256-nya (rusak)"
            sources[sha].path = None
    return sources


def _unjudged_repair(e: BuktiEntry) -> bool:
    """A PDF repaired at intake by a zidocs that did not judge pages (before schema 2)."""
    return (e.pdf_sha256 is not None and "diperbaiki dengan" in e.catatan
            and "isi setiap halaman diperiksa" not in e.catatan and "halaman kehilangan isinya" not in e.catatan)


def _lost_pages(path: Path, pages: int, work: Path) -> tuple[int, ...]:
    import pikepdf

    with pikepdf.open(path) as pdf:
        facts = halaman_mod.page_facts(pdf)
    return halaman_mod.judge(facts, halaman_mod.blank_pages(path, pages, work)).hilang


def _open_clean(path: Path, clean: Path) -> tuple[Path, int, int]:
    """Count pages; if the PDF carries active content, write a copy without it.

    Cleaning happens here, on the (rare) sources that need it, so that the
    removed objects never reach the dossier's bytes.
    """
    import pikepdf

    with pikepdf.open(path, access_mode=pikepdf.AccessMode.stream) as pdf:
        pages = len(pdf.pages)
        removed = sum(_strip_active(page.obj) for page in pdf.pages) + _sweep_active(pdf)
        for key in ("/OpenAction", "/AA"):
            if key in pdf.Root:
                del pdf.Root[key]
        if not removed:
            return path, pages, 0
        pdf.save(clean)
    return clean, pages, removed


def _quarter_turned(image: Path) -> bool:
    """Whether EXIF says the stored pixels are shown turned by 90° or 270°."""
    from PIL import Image

    with Image.open(image) as im:
        return im.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def _turned(kertas, image: Path):
    """The paper turned to landscape for a landscape image (EXIF orientation honoured)."""
    from PIL import Image

    with Image.open(image) as im:
        w, h = im.size
    if _quarter_turned(image):
        w, h = h, w
    short, long_ = sorted(kertas)
    return (long_, short) if w > h else (short, long_)


def _photo_page(path: Path, image_pdf: Path, out: Path, kertas, box) -> Path:
    """A page of the office's paper with the photo fitted into ``box`` (its caption
    is drawn on the same page later). img2pdf embeds the JPEG bytes unchanged and
    honours EXIF orientation; pikepdf places that page as a form, copying the
    image stream as it is."""
    import img2pdf
    import pikepdf

    x0, y0, x1, y1 = box
    size = (x1 - x0, y1 - y0)
    if _quarter_turned(path):  # img2pdf lays out the stored pixels, then turns the page (/Rotate)
        size = size[::-1]
    with open(image_pdf, "wb") as fh:
        img2pdf.convert(str(path), layout_fun=image_layout(size, 0, auto_orient=False),
                        nodate=True, outputstream=fh)
    with pikepdf.open(image_pdf) as img, pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=kertas)
        # placed by hand, not with add_overlay: that names the form at random (bytes would vary)
        form = pdf.copy_foreign(img.pages[0].as_form_xobject())
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Foto=form))
        place = page.calc_form_xobject_placement(form, pikepdf.Name.Foto, pikepdf.Rectangle(x0, y0, x1, y1),
                                                 allow_shrink=True, allow_expand=True)
        page.obj.Contents = pdf.make_stream(b"q\n" + bytes(place) + b"\nQ\n")
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out


# --- assemble ------------------------------------------------------------------------


def _assemble(target: Path, layout: DossierLayout, drawn_path: Path, links, sources: dict[str, _Source],
              placeholders, plan: Plan, judul: list[str], tanggal: dt.date, work: Path,
              progress: Progress, mid: str) -> tuple[int, dict]:
    """Two steps, one big write.

    1. A qpdf job (in-process) merges all pages into the output's temp file.
       qpdf streams the sources' data; pikepdf's own page copying would hold
       every copied stream in memory (≈ the inputs' size).
    2. pikepdf opens that file, stamps every page, adds links, bookmarks and
       page labels, and the changed and new objects are *appended* as an
       incremental update: the gigabyte of page data is written once.
    """
    import pikepdf

    n_front = layout.front_pages
    args = ["zidocs", "--empty", "--no-warn", "--warning-exit-0", "--deterministic-id",
            "--object-streams=disable", "--pages", str(drawn_path), f"1-{n_front}"]
    ph_page = {p.evidence.id: n_front + k + 1 for k, (p, _) in enumerate(placeholders)}
    own = set(range(n_front))  # pages zidocs drew: stamp inside, no band added
    page_no = n_front
    caption_page = n_front + len(placeholders)
    overlays: list[str] = []
    for p in layout.placements:
        if p.duplikat_dari is not None:
            continue
        src = sources[p.evidence.sha256]
        if p.placeholder:
            own.add(page_no)
            args += [str(drawn_path), str(ph_page[p.evidence.id])]
        elif src.caption is not None:  # a photo: its captioned page, the photo laid over it
            own.add(page_no)
            caption_page += 1
            args += [str(drawn_path), str(caption_page)]
            overlays += ["--overlay", str(src.path), f"--to={page_no + 1}", "--from=1", "--"]
        else:
            args += [str(src.path), f"1-{p.pages}"]
        page_no += p.pages
    args += ["--"] + overlays

    with atomic_path(target) as tmp:
        progress("menggabungkan halaman", 0, 1)
        job = pikepdf.Job(args + [str(tmp)])
        job.run()
        if job.exit_code not in (0, 3) or tmp.stat().st_size == 0:
            raise BuktiError(f"qpdf gagal menggabungkan halaman dossier (kode {job.exit_code}).")
        progress("menggabungkan halaman", 1, 1)

        out = pikepdf.open(tmp)
        try:
            if len(out.pages) != layout.total_pages:  # pragma: no cover - layout invariant
                raise BuktiError(f"Jumlah halaman dossier ({len(out.pages)}) tidak sama dengan tata letak "
                                 f"({layout.total_pages}); laporkan sebagai bug.")
            base = _snapshot(out)
            removed = _decorate(out, layout, links, own, plan, judul, tanggal, progress, mid)
            progress("memeriksa PDF/A", 0, 1)
            pdfa = _pdfa_status(out, layout, own)
            if not pdfa["pdfa_2b"]:  # never claim what the file is not
                _metadata(out, plan, judul, tanggal, mid, claim=False)
            progress("memeriksa PDF/A", 1, 1)
            progress("menyimpan", 0, 1)
            update = _incremental_update(out, base, tmp)
        finally:
            out.close()
        with open(tmp, "ab") as fh:
            fh.write(update)
    progress("menyimpan", 1, 1)
    return removed, pdfa


def _decorate(out, layout: DossierLayout, links, own: set[int], plan: Plan, judul: list[str],
              tanggal: dt.date, progress: Progress, mid: str) -> int:
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    if "/AcroForm" in out.Root and "/XFA" in out.Root.AcroForm:
        del out.Root.AcroForm["/XFA"]
    font = _stamp_font(out)
    q = out.make_stream(b"q\n")
    removed = 0
    for i, page in enumerate(out.pages):
        removed += _strip_active(page.obj)  # sources were cleaned at probe; this is a second net
        trans = page.obj.get("/Trans")
        if isinstance(trans, pikepdf.Dictionary) and len(trans.keys()) == 0:
            del page.obj["/Trans"]  # reportlab's empty transition: meaningless, and unknown to PDF/A checks
        g = stamp_geometry(page.obj.get("/MediaBox", Array([0, 0, 612, 792])), page.obj.get("/CropBox"),
                           page.obj.get("/Rotate", 0), layout.stamps[i], extend=i not in own)
        if i not in own:
            page.obj.MediaBox = Array(list(g.mediabox))
            page.obj.CropBox = Array(list(g.cropbox))
        res = page.obj.get("/Resources")
        if res is None:
            page.obj.Resources = res = Dictionary()
        fonts = res.get("/Font")
        if fonts is None:
            res.Font = fonts = Dictionary()
        fonts[FONT_RESOURCE] = font
        page.contents_add(q, prepend=True)
        page.contents_add(out.make_stream(g.content))
        if i % 200 == 0:
            progress("mencap halaman", i + 1, layout.total_pages)
    progress("mencap halaman", layout.total_pages, layout.total_pages)

    for n, boxes in enumerate(links, start=1):  # links on index pages
        page = out.pages[n]
        annots = page.obj.get("/Annots")
        if annots is None:
            page.obj.Annots = annots = Array()
        for box in boxes:
            annots.append(out.make_indirect(Dictionary(
                Type=Name.Annot, Subtype=Name.Link, Rect=Array(list(box.rect)),
                Border=Array([0, 0, 0]), F=4, Dest=Array([out.pages[box.target - 1].obj, Name.Fit]))))

    with out.open_outline() as outline:
        outline.root.extend(_outline_items(layout.bookmarks))
    out.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
    out.Root.PageMode = Name.UseOutlines
    out.Root.Lang = pikepdf.String("id-ID")
    # PDF/A-2b: an sRGB output intent, XMP agreeing with the Info dictionary, a claim (withdrawn
    # by the caller when the check finds that some part does not conform)
    profile = out.make_stream(srgb_profile())
    profile.N = 3
    out.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=pikepdf.String(SRGB_IDENTIFIER),
        Info=pikepdf.String(SRGB_IDENTIFIER), DestOutputProfile=profile)])
    _metadata(out, plan, judul, tanggal, mid, claim=True)
    return removed


def _metadata(out, plan: Plan, judul: list[str], tanggal: dt.date, mid: str, *, claim: bool) -> None:
    import pikepdf
    from pikepdf import Dictionary, Name

    values = {
        "title": f"Dossier bukti dukung ZI {plan.tahun} — {' — '.join(map(plain, judul))}",
        "creator": plan.kantor.nama,
        "subject": f"{plan.kantor.nama}; disusun {tanggal.isoformat()}",
        "keywords": f"zidocs-manifest:{mid}",
        "creator_tool": f"zidocs {__version__}",
        "producer": f"zidocs {__version__} (pikepdf/qpdf)",
    }
    when = pikepdf.String(pdf_date(tanggal))
    out.trailer.Info = out.make_indirect(Dictionary(
        Title=pikepdf.String(values["title"]), Author=pikepdf.String(values["creator"]),
        Subject=pikepdf.String(values["subject"]), Keywords=pikepdf.String(values["keywords"]),
        Creator=pikepdf.String(values["creator_tool"]), Producer=pikepdf.String(values["producer"]),
        CreationDate=when, ModDate=when))
    out.trailer.Info[MANIFEST_KEY] = pikepdf.String(mid)
    meta = out.make_stream(xmp_packet(**values, build_date=tanggal, pdfa=claim))
    meta.Type, meta.Subtype = Name.Metadata, Name.XML
    out.Root.Metadata = meta


PDFA_MAX_ALASAN = 12


def _pdfa_status(out, layout: DossierLayout, own: set[int]) -> dict:
    """Whether the dossier as it will be written conforms to PDF/A-2b (pikepdf's
    allowlist validator, built on the veraPDF rules: it approves only what it
    knows conforms), and if not, why. First a cheap scan for evidence files whose
    fonts are not embedded (PDF/A cannot be reached without re-rendering them):
    when there are any, that is the verdict and the validator, which costs about
    12 ms a page (1,500 pages: 18 s), is not run. Otherwise the validator's
    findings."""
    import pikepdf.pdfa

    owner = {}
    for p in layout.placements:
        if p.duplikat_dari is None:
            for n in range(p.start - 1, p.start - 1 + p.pages):
                owner[n] = p.evidence
    alasan = []
    for n, page in enumerate(out.pages):
        if n in own or n not in owner:
            continue
        names = sorted(_unembedded_fonts(page.obj))
        if names:
            ev = owner[n]
            line = (f"{ev.nama} (ID {ev.id}, {ev.indikator}): huruf tidak disematkan "
                    f"({', '.join(names[:4])}{', …' if len(names) > 4 else ''})")
            if line not in alasan:
                alasan.append(line)
    if alasan:  # already decided, and the usual case: skip the full check (≈ 12 ms a page)
        extra = len(alasan) - PDFA_MAX_ALASAN
        alasan = alasan[:PDFA_MAX_ALASAN] + ([f"… dan {extra} berkas lain"] if extra > 0 else [])
        return {"pdfa_2b": False, "alasan": alasan + [
            "pemeriksaan PDF/A lengkap tidak dijalankan: berkas dengan huruf tidak disematkan "
            "tidak dapat menjadi PDF/A tanpa merender ulang isinya"]}
    report = pikepdf.pdfa.check(out, "2b")
    if report.passed:
        return {"pdfa_2b": True, "alasan": []}
    seen = set()
    for f in report.findings:
        if f.kind == "pass":  # pragma: no cover - findings are problems
            continue
        key = (f.rule, f.message)
        if key in seen:
            continue
        seen.add(key)
        alasan.append(f"pemeriksa PDF/A: {f.rule}: {f.message} ({f.where})")
    extra = len(alasan) - PDFA_MAX_ALASAN
    alasan = alasan[:PDFA_MAX_ALASAN] + ([f"… dan {extra} temuan lain"] if extra > 0 else [])
    return {"pdfa_2b": False, "alasan": alasan}


def _unembedded_fonts(page, depth: int = 0) -> set[str]:
    import pikepdf

    out: set[str] = set()
    res = page.get("/Resources")
    if not isinstance(res, pikepdf.Dictionary) or depth > 4:
        return out
    fonts = res.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for _, font in fonts.items():
            if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") == "/Type3":
                continue
            fd_of = font
            if font.get("/Subtype") == "/Type0" and isinstance(font.get("/DescendantFonts"), pikepdf.Array):
                fd_of = font.DescendantFonts[0]
            fd = fd_of.get("/FontDescriptor")
            if not (isinstance(fd, pikepdf.Dictionary) and any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                out.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    xobjects = res.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _, x in xobjects.items():
            if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form":
                out |= _unembedded_fonts(x, depth + 1)
    return out


def _stamp_font(out):
    """The stamp's font: DejaVu Sans cut to WinAnsi and embedded (PDF/A wants every
    font embedded); base-14 Helvetica, not embedded, only when DejaVu is missing."""
    from pikepdf import Array, Dictionary, Name

    tt = winansi_truetype()
    if tt is None:
        return out.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                            BaseFont=Name("/" + FONT_BASE), Encoding=Name.WinAnsiEncoding))
    program = out.make_stream(tt.program)
    program.Length1 = len(tt.program)
    descriptor = out.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/" + tt.base_font), Flags=32,
        FontBBox=Array(list(tt.bbox)), ItalicAngle=0, Ascent=tt.ascent, Descent=tt.descent,
        CapHeight=tt.cap_height, StemV=80, FontFile2=program))
    return out.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/" + tt.base_font),
        FirstChar=tt.first_char, LastChar=tt.first_char + len(tt.widths) - 1, Widths=Array(list(tt.widths)),
        Encoding=Name.WinAnsiEncoding, FontDescriptor=descriptor))


# --- incremental update ----------------------------------------------------------------------


def _fingerprint(obj) -> bytes:
    import pikepdf

    if isinstance(obj, pikepdf.Stream):
        return hashlib.md5(b"S" + obj.stream_dict.unparse(resolved=True)).digest()
    return hashlib.md5(obj.unparse(resolved=True)).digest()


def _snapshot(pdf) -> tuple[int, dict[tuple[int, int], bytes]]:
    """The highest object number and a fingerprint of every object, before changes."""
    prints = {}
    top = 0
    for obj in pdf.objects:
        og = obj.objgen
        if og == (0, 0):
            continue
        prints[og] = _fingerprint(obj)
        top = max(top, og[0])
    return top, prints


def _incremental_update(pdf, base, path: Path) -> bytes:
    """Changed and new objects as an update section appended to ``path``."""
    import pikepdf

    top, prints = base
    base_len = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, base_len - 4096))
        data = fh.read()
    prev = int(data[data.rindex(b"startxref") + 9:].split()[0])
    id0 = bytes(pdf.trailer.ID[0])
    chunks: list[bytes] = [b"\n"]
    offset = base_len + 1
    entries: list[tuple[int, int, int]] = []
    size = top
    for obj in pdf.objects:
        num, gen = obj.objgen
        if num == 0:
            continue
        size = max(size, num)
        if num <= top and prints.get((num, gen)) == _fingerprint(obj):
            continue
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            sd = pikepdf.Dictionary(obj.stream_dict)
            if num > top and "/Filter" not in sd and len(raw) > 64 and sd.get("/Type") != "/Metadata":
                raw = zlib.compress(raw, 9)
                sd.Filter = pikepdf.Name.FlateDecode
            sd.Length = len(raw)
            body = sd.unparse(resolved=True) + b"\nstream\n" + raw + b"\nendstream"
        else:
            body = obj.unparse(resolved=True)
        chunk = b"%d %d obj\n" % (num, gen) + body + b"\nendobj\n"
        entries.append((num, gen, offset))
        chunks.append(chunk)
        offset += len(chunk)
    xref_at = offset
    lines = [b"xref\n"]
    run: list[tuple[int, int, int]] = []
    for e in entries + [None]:
        if run and (e is None or e[0] != run[-1][0] + 1):
            lines.append(b"%d %d\n" % (run[0][0], len(run)))
            lines += [b"%010d %05d n\r\n" % (off, gen) for _, gen, off in run]
            run = []
        if e is not None:
            run.append(e)
    body = b"".join(chunks + lines)
    id1 = hashlib.md5(id0 + body).digest()
    trailer = (b"trailer\n<< /Size %d /Root %d %d R /Info %d %d R /Prev %d /ID [<%s><%s>] >>\n"
               b"startxref\n%d\n%%%%EOF\n" % (
                   size + 1, *pdf.Root.objgen, *pdf.trailer.Info.objgen, prev,
                   id0.hex().encode(), id1.hex().encode(), xref_at))
    return body + trailer


def _outline_items(bookmarks):
    import pikepdf

    items = []
    for b in bookmarks:
        item = pikepdf.OutlineItem(b.title, b.target - 1)
        item.children.extend(_outline_items(b.children))
        items.append(item)
    return items


def _is_active(action) -> bool:
    import pikepdf

    return isinstance(action, pikepdf.Dictionary) and (
        str(action.get("/S", "")) in ACTIVE_ACTIONS or "/JS" in action)


def _clean_action_chain(holder, key: str) -> int:
    """Remove an active action at ``holder[key]`` and active ones in its /Next chain."""
    import pikepdf

    action = holder.get(key)
    if action is None:
        return 0
    if _is_active(action):
        del holder[key]
        return 1
    removed = 0
    if isinstance(action, pikepdf.Dictionary) and "/Next" in action:
        nxt = action.Next
        if isinstance(nxt, pikepdf.Array):
            keep = [a for a in nxt if not _is_active(a)]
            removed += len(nxt) - len(keep)
            action.Next = pikepdf.Array(keep)
        else:
            removed += _clean_action_chain(action, "/Next")
    return removed


def _strip_active(page) -> int:
    """Page and annotation additional-actions, JavaScript/launch actions: removed."""
    import pikepdf

    removed = 0
    if "/AA" in page:
        del page["/AA"]
        removed += 1
    annots = page.get("/Annots")
    if isinstance(annots, pikepdf.Array):
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            if "/AA" in annot:
                del annot["/AA"]
                removed += 1
            removed += _clean_action_chain(annot, "/A")
            parent = annot.get("/Parent")
            depth = 0
            while isinstance(parent, pikepdf.Dictionary) and depth < 32:
                if "/AA" in parent:
                    del parent["/AA"]
                    removed += 1
                parent = parent.get("/Parent")
                depth += 1
    return removed


def _sweep_active(pdf) -> int:
    """Last line of defence: any indirect action object that runs code is emptied."""
    import pikepdf

    removed = 0
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and not isinstance(obj, pikepdf.Stream) and _is_active(obj):
            for key in list(obj.keys()):
                del obj[key]
            removed += 1
    return removed
