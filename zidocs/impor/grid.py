"""The grid every reader produces: rows of cells with spans resolved.

A merged cell keeps its text in its first (top-left) position; the positions
it covers are ``tertutup`` (covered) and empty. Reading a DOCX with
python-docx's ``table.cell`` would repeat a merged cell's text in every
position it covers (DESIGN.md, known traps); the readers here build the grid
themselves so a text appears once.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sel:
    """One grid position. ``teks``: the text with ``*italics*`` markup, lines
    separated by ``\\n``; ``lebar``/``tinggi``: columns/rows a merged cell
    spans (on its first position); ``tertutup``: covered by a merged cell."""

    teks: str = ""
    lebar: int = 1
    tinggi: int = 1
    tertutup: bool = False

    @property
    def kosong(self) -> bool:
        return not self.teks.strip()


@dataclass(frozen=True)
class Baris:
    """One row. ``nomor``: the row's number as the user finds it (the
    spreadsheet's row number; the table's row counted from 1 in a DOCX).
    ``kepala``: marked as a header row repeated on every page (DOCX)."""

    nomor: int
    sel: tuple[Sel, ...]
    kepala: bool = False

    def teks(self, kolom: int) -> str:
        return self.sel[kolom].teks.strip() if 0 <= kolom < len(self.sel) else ""

    @property
    def kosong(self) -> bool:
        return all(s.kosong for s in self.sel)


@dataclass(frozen=True)
class Tabel:
    """One table of a document or one sheet of a workbook.

    ``nama``: how messages name it ("tabel 4", "lembar “Sheet1”");
    ``huruf_kolom``: name columns by letter (spreadsheets) rather than number;
    ``sebelum``: the paragraphs between the previous table and this one (DOCX:
    the BAB II heading lines above the Rencana Aksi table)."""

    berkas: str
    nama: str
    baris: tuple[Baris, ...]
    huruf_kolom: bool = False
    sebelum: tuple[str, ...] = field(default=())

    @property
    def lebar(self) -> int:
        return max((len(b.sel) for b in self.baris), default=0)

    def nama_kolom(self, kolom: int) -> str:
        return f"kolom {huruf(kolom) if self.huruf_kolom else kolom + 1}"


def huruf(kolom: int) -> str:
    """Spreadsheet column letters for a 0-based column: 0 → A, 26 → AA."""
    out = ""
    n = kolom + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def dari_sel(rows: list[list[tuple[str, int, int] | None]], *, nomor: list[int] | None = None,
             kepala: list[bool] | None = None) -> tuple[Baris, ...]:
    """Rows from a rectangular layout: each position holds (text, lebar,
    tinggi) at a merged cell's origin, or None where a merge covers it or
    nothing is. Rows are padded to the widest."""
    width = max((len(r) for r in rows), default=0)
    covered: set[tuple[int, int]] = set()
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            _, w, h = cell
            for di in range(h):
                for dj in range(w):
                    if di or dj:
                        covered.add((i + di, j + dj))
    out = []
    for i, row in enumerate(rows):
        cells = []
        for j in range(width):
            cell = row[j] if j < len(row) else None
            if cell is not None:
                cells.append(Sel(cell[0], cell[1], cell[2]))
            else:
                cells.append(Sel(tertutup=(i, j) in covered))
        out.append(Baris(nomor[i] if nomor else i + 1, tuple(cells), bool(kepala and kepala[i])))
    return tuple(out)


def teks_runs(runs: list[tuple[str, bool]]) -> str:
    """Marked-up text from (text, italic) runs: ``*…*`` around italic text,
    neighbouring runs of one style joined, spaces kept outside the stars, a
    literal star written ``\\*``."""
    runs = [(t, i) for t, i in runs if t]
    # A space between two italic runs is italic too: "*Whistle* *Blowing*" is one span.
    for k in range(1, len(runs) - 1):
        if not runs[k][0].strip() and runs[k - 1][1] and runs[k + 1][1]:
            runs[k] = (runs[k][0], True)
    merged: list[list] = []
    for text, italic in runs:
        text = text.replace("*", "\\*")
        if merged and merged[-1][1] == italic:
            merged[-1][0] += text
        else:
            merged.append([text, italic])
    out = []
    for text, italic in merged:
        if not italic or not text.strip():
            out.append(text)
            continue
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        # Italics never span a line break in the markup: each line's part is marked.
        parts = core.split("\n")
        out.append(lead + "\n".join(f"*{p.strip()}*" if p.strip() else "" for p in parts) + trail)
    return "".join(out)


def rapikan(text: str) -> str:
    """A cell text as the importer reads it: no-break and odd spaces as
    spaces, spaces collapsed within lines, blank lines dropped."""
    text = text.replace("\u00a0", " ").replace("\u2007", " ").replace("\u202f", " ").replace("\t", " ")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u000b", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
