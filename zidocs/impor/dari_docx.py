"""DOCX → ``Tabel`` grids, one per table of the document body, in order.

The grid is read from the XML (python-docx opens the package): ``w:gridSpan``
and ``w:gridBefore`` place a cell in its grid columns, ``w:vMerge`` joins it
with the cells below, and a merged cell's text appears once, at its first
position. Italic runs (direct ``w:i``, or through a character or paragraph
style) become ``*…*``; paragraphs of a cell become lines; deleted revisions
(``w:del``) are left out.
"""

from __future__ import annotations

from pathlib import Path

from zidocs.errors import InputError
from zidocs.impor.grid import Tabel, dari_sel, rapikan, teks_runs

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFF = {"0", "false", "off"}


def _on(el) -> bool:
    """A toggle property element (``w:i``, ``w:tblHeader``) that is set."""
    return el is not None and (el.get(_W + "val") or "true").lower() not in _OFF


class _Gaya:
    """Which paragraph and character styles are italic (through their bases)."""

    def __init__(self, document):
        self._styles = {}
        for st in document.styles.element.findall(_W + "style"):
            sid = st.get(_W + "styleId")
            based = st.find(_W + "basedOn")
            rpr = st.find(_W + "rPr")
            ital = rpr.find(_W + "i") if rpr is not None else None
            self._styles[sid] = (based.get(_W + "val") if based is not None else None,
                                 None if ital is None else _on(ital))
        self._cache: dict[str, bool] = {}

    def miring(self, sid: str | None) -> bool:
        if not sid:
            return False
        if sid not in self._cache:
            seen, cur, value = set(), sid, False
            while cur and cur not in seen and cur in self._styles:
                seen.add(cur)
                base, ital = self._styles[cur]
                if ital is not None:
                    value = ital
                    break
                cur = base
            self._cache[sid] = value
        return self._cache[sid]


def _paragraph(p, gaya: _Gaya) -> str:
    ppr = p.find(_W + "pPr")
    pstyle = ppr.find(_W + "pStyle") if ppr is not None else None
    p_italic = gaya.miring(pstyle.get(_W + "val") if pstyle is not None else None)
    runs: list[tuple[str, bool]] = []
    for r in p.iter(_W + "r"):
        if any(a.tag == _W + "del" for a in r.iterancestors()):
            continue
        rpr = r.find(_W + "rPr")
        italic = p_italic
        if rpr is not None:
            rstyle = rpr.find(_W + "rStyle")
            if rstyle is not None and gaya.miring(rstyle.get(_W + "val")):
                italic = True
            i = rpr.find(_W + "i")
            if i is not None:
                italic = _on(i)
        parts = []
        for ch in r:
            if ch.tag == _W + "t":
                parts.append(ch.text or "")
            elif ch.tag == _W + "tab":
                parts.append("\t")
            elif ch.tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif ch.tag == _W + "noBreakHyphen":
                parts.append("-")
        runs.append(("".join(parts), italic))
    return teks_runs(runs)


def _cell_text(tc, gaya: _Gaya) -> str:
    return rapikan("\n".join(_paragraph(p, gaya) for p in tc.iter(_W + "p")))


def _int(el, default: int) -> int:
    try:
        return int(el.get(_W + "val")) if el is not None else default
    except (TypeError, ValueError):
        return default


def _table(tbl, gaya: _Gaya, berkas: str, nama: str, sebelum: tuple[str, ...]) -> Tabel:
    layout: list[list] = []  # per row: grid column → [text, lebar, tinggi] or None
    kepala: list[bool] = []
    for tr in tbl.findall(_W + "tr"):
        trpr = tr.find(_W + "trPr")
        col = _int(trpr.find(_W + "gridBefore"), 0) if trpr is not None else 0
        kepala.append(trpr is not None and _on(trpr.find(_W + "tblHeader")))
        row: list = [None] * col
        for tc in tr.findall(_W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            span = max(_int(tcpr.find(_W + "gridSpan"), 1) if tcpr is not None else 1, 1)
            vm = tcpr.find(_W + "vMerge") if tcpr is not None else None
            text = _cell_text(tc, gaya)
            continues = vm is not None and (vm.get(_W + "val") or "continue") != "restart"
            if continues and not text:
                row.append(("lanjut", span))
            else:
                row.append([text, span, 1])
            row.extend([None] * (span - 1))
        layout.append(row)
    # A continuing cell (w:vMerge without "restart") extends the merge that
    # starts at the same grid column in the rows above.
    origin_of: dict[int, list] = {}
    rows: list[list] = []
    for row in layout:
        out: list = []
        starts = set()
        for j, cell in enumerate(row):
            if isinstance(cell, tuple):  # ("lanjut", span)
                starts.add(j)
                top = origin_of.get(j)
                if top is not None:
                    top[2] += 1
                out.append(None)
            elif isinstance(cell, list):
                starts.add(j)
                origin_of[j] = cell
                out.append(cell)
            else:
                out.append(None)
        for j in [j for j in origin_of if j not in starts]:
            del origin_of[j]
        rows.append(out)
    grid = dari_sel([[tuple(c) if isinstance(c, list) else None for c in r] for r in rows], kepala=kepala)
    return Tabel(berkas, nama, grid, sebelum=sebelum)


def _blocks(parent):
    """Body-level paragraphs and tables in order, looking inside content
    controls (``w:sdt``), which some templates wrap around a table."""
    for el in parent.iterchildren():
        if el.tag == _W + "sdt":
            content = el.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        else:
            yield el


def baca_docx(path: Path, nama_berkas: str | None = None) -> list[Tabel]:
    """Every table of the document's body as a grid, in document order."""
    berkas = nama_berkas or Path(path).name
    # python-docx is loaded when a DOCX is read, by a plain import: importlib's
    # LazyLoader (zidocs.office.lazy) loses the submodule attributes of a package
    # (docxtpl then fails on ``docx.oxml.ns``).
    import docx  # noqa: PLC0415

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise InputError(f"{berkas}: bukan DOCX yang dapat dibaca ({type(exc).__name__}). Buka di Word atau "
                         "LibreOffice lalu simpan ulang sebagai .docx.") from None
    gaya = _Gaya(document)
    tables: list[Tabel] = []
    paragraphs: list[str] = []
    for el in _blocks(document.element.body):
        if el.tag == _W + "p":
            text = rapikan(_paragraph(el, gaya))
            if text:
                paragraphs.append(text)
        elif el.tag == _W + "tbl":
            tables.append(_table(el, gaya, berkas, f"tabel {len(tables) + 1}", tuple(paragraphs[-6:])))
            paragraphs = []
    return tables
