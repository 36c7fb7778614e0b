"""Reading a decree as words, for comparing the generated salinan with the
signed reference (`../shared/reference/`, see its README).

Differences the comparison allows, each by name:
- TABLE_HEADER_REPEATS: the reference repeats the BAB II table header (NO …
  TARGET WAKTU, 1 … 6) at every page break; the DOCX holds it once, marked to
  repeat on each page (checked on the PDF elsewhere).
- ROWS_SPLIT_AT_PAGE_BREAKS: a row the printed page broke continues after the
  repeated header; it is joined back to its row before comparing.
- NO_COLUMN_DOTS: the reference numbers area I's components "1", "2" and the
  other areas' "1.", "2."; zidocs prints "1." everywhere.
- MARKUP: the reference's <i>…</i>, *…* and "- " list markers are notation,
  not words.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

HEADER_FIRST = "NO\tKOMPONEN"
HEADER_NUMBERS = "1\t2\t3\t4\t5\t6"
_AREA = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\b")


def _clean(line: str) -> str:
    line = line.replace("<i>", "").replace("</i>", "").replace("*", "")
    return re.sub(r"^\s*- ", "", line)


def _no_dots(cell: str) -> str:
    return cell[:-1] if re.fullmatch(r"\d+\.", cell.strip()) else cell


def reference_words(path: Path) -> list[str]:
    """The reference's words in reading order, the table row by row."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, l in enumerate(lines) if l.startswith(HEADER_FIRST))
    last = max(i for i, l in enumerate(lines) if "\t" in l)
    before = [_clean(l) for l in lines[:first]]
    after = [_clean(l) for l in lines[last + 1:]]
    rows: list[list[str]] = []
    after_header = False
    for raw in lines[first: last + 1]:
        if raw.startswith(HEADER_FIRST) or raw.strip() == HEADER_NUMBERS:
            after_header = True
            continue
        if not raw.strip():
            continue
        cells = [_clean(c) for c in raw.split("\t")]
        cells += [""] * (6 - len(cells))
        continuation = after_header and rows and not cells[0].strip() and not cells[5].strip()
        if continuation:  # ROWS_SPLIT_AT_PAGE_BREAKS
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
        else:
            rows.append(cells)
        after_header = False
    words = [w for l in before for w in l.split()]
    words += lines[first].split() + HEADER_NUMBERS.split()  # the header once
    for row in rows:
        row = [_no_dots(row[0])] + row[1:]  # NO_COLUMN_DOTS
        words += [w for c in row for w in c.split()]
    words += [w for l in after for w in l.split()]
    return words


def docx_words(path: Path, *, no_dots: bool = True) -> list[str]:
    """The DOCX body's words in reading order; a vertically merged cell counts
    once (python-docx would repeat its text in every row it spans).
    ``no_dots`` applies NO_COLUMN_DOTS (for comparing with the reference)."""
    doc = Document(str(path))
    words: list[str] = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            words += _p_text(el).split()
        elif el.tag == qn("w:tbl"):
            for tr in el.iter(qn("w:tr")):
                for i, tc in enumerate(tr.iterchildren(qn("w:tc"))):
                    vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
                        continue
                    text = "\n".join(_p_text(p) for p in tc.iterchildren(qn("w:p")))
                    words += (_no_dots(text) if i == 0 and no_dots else text).split()
    return words


def _p_text(p) -> str:
    out = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        out.append(node.text or "" if node.tag == qn("w:t") else " ")
    return "".join(out)
