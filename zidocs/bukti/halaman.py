"""Is every page of a repaired PDF still showing what it showed?

qpdf "repairs" a truncated PDF by keeping its page tree: the page count
survives while the pages whose content streams were cut off render blank.
A page count therefore proves nothing; what a page *shows* does. After any
repair, each page is judged on two kinds of evidence:

* structure (pikepdf, on the repaired document in memory): does the page
  still have a content stream; does it use an object that qpdf named while
  repairing (a stream "treated as empty", an object not found); does its
  content paint anything (text, images, paths); do the fonts and images it
  paints still exist;
* rendering (``pdftoppm`` at 20 dpi, grey): is any pixel not white.

A page is **lost** (*hilang*) when it renders blank and its content is gone,
damaged, or was meant to paint something; it is **partly damaged**
(*rusak sebagian*) when it still shows something but uses a damaged or
missing object. A page that renders blank from an intact, empty content
stream was blank in the original, and stays.

Pure judgement (:func:`judge`) is split from the I/O that gathers the facts
(:func:`page_facts`, :func:`blank_pages`), so the rule is tested with tables.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from zidocs.office import fallback
from zidocs.office.drawn import fonts

RENDER_DPI = 20
WHITE = 250  # a grey level at or above this counts as white paper
RENDER_TIMEOUT = 300  # seconds, for the whole document

TEXT_SHOW = {"Tj", "TJ", "'", '"'}
PAINT = TEXT_SHOW | {"Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI", "INLINE IMAGE"}


@dataclass(frozen=True)
class PageFacts:
    """What the structure of one page says (1-based ``nomor``)."""

    nomor: int
    has_content: bool  # at least one content stream present
    paints: bool  # its content has a painting operator
    damaged: bool  # uses an object qpdf named while repairing, or its content cannot be read
    missing_resource: bool  # paints a font or image that no longer exists


@dataclass(frozen=True)
class Judgement:
    halaman: int
    hilang: tuple[int, ...]  # pages whose content is lost (render blank)
    sebagian: tuple[int, ...]  # pages still showing something, from damaged objects
    dirender: bool  # False when rendering was not possible (structure only)

    @property
    def utuh(self) -> bool:
        return not self.hilang and not self.sebagian


def judge(facts: Sequence[PageFacts], blank: set[int] | None) -> Judgement:
    """The rule. ``blank``: pages (1-based) that render blank; None = unknown."""
    hilang, sebagian = [], []
    for f in facts:
        broken = f.damaged or f.missing_resource
        if blank is not None:
            if f.nomor in blank:
                if not f.has_content or broken or f.paints:
                    hilang.append(f.nomor)
            elif broken:
                sebagian.append(f.nomor)
        else:  # no rendering: structure alone, erring towards "lost"
            if not f.has_content or (f.damaged and not f.paints):
                hilang.append(f.nomor)
            elif broken:
                sebagian.append(f.nomor)
    return Judgement(len(facts), tuple(hilang), tuple(sebagian), blank is not None)


# --- facts from the structure ---------------------------------------------------------------


def _objnum(obj) -> int | None:
    try:
        og = obj.objgen
    except Exception:  # noqa: BLE001 - direct objects have none
        return None
    return og[0] if og and og[0] else None


def page_facts(pdf, damaged_objects: Iterable[int] = ()) -> list[PageFacts]:
    """Facts of every page of an open pikepdf document (repaired in memory)."""
    import pikepdf

    damaged_objects = set(damaged_objects)
    out = []
    for n, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        used: set[int] = set()
        contents = obj.get("/Contents")
        streams = []
        if isinstance(contents, pikepdf.Array):
            streams = [s for s in contents if isinstance(s, pikepdf.Stream)]
        elif isinstance(contents, pikepdf.Stream):
            streams = [contents]
        used.update(filter(None, (_objnum(s) for s in streams)))
        resources = obj.get("/Resources")
        fonts = xobjects = None
        if isinstance(resources, pikepdf.Dictionary):
            used.update(filter(None, [_objnum(resources)]))
            fonts = resources.get("/Font")
            xobjects = resources.get("/XObject")
            for group in (fonts, xobjects):
                if isinstance(group, pikepdf.Dictionary):
                    used.update(filter(None, [_objnum(group)]))
                    for key in group.keys():
                        used.update(filter(None, [_objnum(group.get(key))]))
        damaged = bool(used & damaged_objects)
        paints = missing = False
        if streams:
            try:
                for operands, op in pikepdf.parse_content_stream(page):
                    name = str(op)
                    if name in PAINT:
                        paints = True
                    if name == "Tf" and operands and not _has(fonts, operands[0]):
                        missing = True
                    elif name == "Do" and operands and not _has(xobjects, operands[0]):
                        missing = True
            except Exception:  # noqa: BLE001 - unreadable content is damaged content
                damaged = True
        out.append(PageFacts(n, bool(streams), paints, damaged, missing))
    return out


def _has(group, name) -> bool:
    import pikepdf

    if not isinstance(group, pikepdf.Dictionary):
        return False
    try:
        return group.get(str(name)) is not None
    except Exception:  # noqa: BLE001
        return False


# --- facts from rendering ------------------------------------------------------------------


def blank_pages(path: Path, pages: int, workdir: Path | None = None) -> set[int] | None:
    """Pages of ``path`` that render as white paper; None if rendering failed.
    Images go to a temp folder inside ``workdir`` (default: the system's)."""
    from PIL import Image

    exe = shutil.which("pdftoppm")
    if exe is None or pages == 0:
        return None
    with tempfile.TemporaryDirectory(prefix=".tmp-render-", dir=workdir) as tmp:
        try:
            run = subprocess.run([exe, "-r", str(RENDER_DPI), "-gray", str(path), str(Path(tmp) / "h")],
                                 capture_output=True, timeout=RENDER_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            return None
        images = sorted(Path(tmp).glob("h-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if run.returncode != 0 or len(images) != pages:
            return None
        blank = set()
        for n, img in enumerate(images, start=1):
            with Image.open(img) as im:
                low, _ = im.getextrema()
            if low >= WHITE:
                blank.add(n)
    return blank


# --- placeholders -------------------------------------------------------------------------


def rentang(pages: Sequence[int]) -> str:
    """[2, 3, 4, 7] → "2–4, 7"."""
    parts: list[str] = []
    pages = sorted(pages)
    i = 0
    while i < len(pages):
        j = i
        while j + 1 < len(pages) and pages[j + 1] == pages[j] + 1:
            j += 1
        parts.append(str(pages[i]) if i == j else f"{pages[i]}–{pages[j]}")
        i = j + 1
    return ", ".join(parts)


def placeholder_pdf(path: Path, nama: str, lost: Sequence[int], total: int,
                    sizes: Sequence[tuple[float, float]], sebab: str) -> None:
    """One drawn page per lost page (same displayed size), in ``lost`` order.
    The file name may be in any script: drawn with per-character font fallback."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1, pageCompression=1, initialFontName=fonts().regular)
    for nomor, (w, h) in zip(lost, sizes):
        c.setPageSize((w, h))
        margin = min(56.0, w * 0.1)
        width = w - 2 * margin
        size = 16 if w > 400 else 12
        y = h * 0.7
        fallback.draw(c, w / 2, y, "HALAMAN HILANG", "bold", size, align="center")
        y -= size * 2.2
        lines = [
            ("regular", f"Halaman {nomor} dari {total} pada berkas bukti “{nama}” kehilangan isinya: {sebab}."),
            ("regular", "Berkas yang diunggah rusak; kemungkinan unggahan atau unduhannya terputus. "
                        "Berkas aslinya tetap tersimpan utuh di penyimpanan bukti."),
            # A page an evaluator reads: it names no command or option of the software.
            ("italic", "Halaman pengganti ini ditambahkan atas permintaan Sekretariat. "
                       "Sekretariat: ganti bukti ini dengan berkas yang utuh."),
        ]
        body = max(8.0, size - 6)
        for style, text in lines:
            for line in fallback.wrap(text, style, body, width):
                fallback.draw(c, margin, y, line, style, body)
                y -= body * 1.4
            y -= body * 0.8
        c.showPage()
    c.save()
    fallback.fix_tounicode(path)


def displayed_size(page) -> tuple[float, float]:
    """Width and height as shown (MediaBox, turned by /Rotate)."""
    box = [float(v) for v in page.obj.get("/MediaBox", [0, 0, 595.2756, 841.8898])]
    w, h = abs(box[2] - box[0]), abs(box[3] - box[1])
    if w < 72 or h < 72:  # unusable box: fall back to A4
        w, h = 595.2756, 841.8898
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    return (h, w) if rotate in (90, 270) else (w, h)
