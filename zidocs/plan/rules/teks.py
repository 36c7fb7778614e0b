"""Rules on any text in the plan: markup, characters, length, brackets and
quotes, doubled words, foreign terms without italics, template-like text."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterator

from zidocs.plan.findings import Finding
from zidocs.plan.loader import PlanSource
from zidocs.plan.yamldoc import YamlDoc, YamlPath, format_path
from zidocs.text.markup import MarkupError, italic_spans, plain, runs

# Keys whose values are codes, not prose.
_NOT_PROSE = {"gaya", "kode", "id", "kunci", "nip", "status", "periode", "istilah_asing", "istilah_diterima"}

MAX_TEKS = 5000  # characters in one value; longer cannot be laid out in a cell or paragraph

# Foreign terms that Indonesian spelling (EYD) writes in italics. A workspace
# extends the list with `istilah_asing:` in plan/kantor.yaml. Proper names
# (Facebook, YouTube, …) are not foreign terms and are not listed.
ISTILAH_ASING = (
    "website", "online", "offline", "helpdesk", "help desk", "core business", "tag line", "tagline",
    "road map", "roadmap", "reward", "punishment", "banner", "screenshot", "screenshoot",
    "whistleblowing", "whistle blowing", "whistleblowing system", "whistle blowing system", "system",
    "stakeholder", "coaching", "mentoring", "role model", "public campaign", "training need analysis",
    "pilot project", "hoax", "timeline", "draft", "link", "e-mail", "email", "upload", "download",
    "feedback", "dashboard", "survey", "password", "username", "barcode", "scan", "softcopy", "hardcopy",
    "deadline", "workshop", "meeting", "update", "record",
)

_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))
_WORD_DOUBLE = re.compile(r"\b([A-Za-z]{3,})\s+\1\b", re.IGNORECASE)
_TEMPLATE_LIKE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def iter_texts(doc: YamlDoc) -> Iterator[tuple[YamlPath, str]]:
    """Every prose string in a document with its key path."""

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in _NOT_PROSE:
                    yield from walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, path + (i,))
        elif isinstance(node, str):
            yield path, node

    yield from walk(doc.data, ())


# Fields that take a text or a list of texts: `[a, b]` there is accepted as a
# list, so a text meant with brackets becomes numbered items unnoticed.
_TEKS_ATAU_DAFTAR = {"langkah_aksi", "bukti_fisik"}


def check(src: PlanSource) -> list[Finding]:
    terms = term_pattern(ISTILAH_ASING + tuple(src.plan.istilah_asing))
    out: list[Finding] = []
    for doc in src.docs.values():
        out += gabung_istilah([f for path, text in iter_texts(doc) for f in check_text(doc, path, text, terms)],
                              src.plan.istilah_diterima)
        for path, line in doc.flow.items():
            if path and path[-1] in _TEKS_ATAU_DAFTAR:
                n = len(_at(doc.data, path) or [])
                out.append(Finding(doc.rel, line, "peringatan", "DAFTAR-KURUNG",
                                   f"{format_path(path)}: ditulis [ … ], yang dibaca YAML sebagai daftar {n} butir "
                                   "(dicetak bernomor 1), 2), …); bila maksudnya satu teks, beri tanda kutip pada "
                                   "seluruh teks; bila memang daftar, tulis tiap butir di baris sendiri diawali '- '."))
    return out


_ISTILAH = re.compile(r"^(?P<where>.*?): istilah asing “(?P<term>[^”]+)”(?: \((?P<n>\d+)×\))? tidak dicetak miring")


def gabung_istilah(findings: list[Finding], diterima: list[str] = ()) -> list[Finding]:
    """One ISTILAH-ASING finding per term and file, at its first place, saying
    how many places and which other lines; terms the plan accepts on purpose
    (`istilah_diterima:` in plan/kantor.yaml) are not reported at all."""
    accepted = {" ".join(t.split()).casefold() for t in diterima}
    groups: dict[tuple[str, str], list[tuple[Finding, str, str, int]]] = {}
    out: list[Finding] = []
    for f in findings:
        m = _ISTILAH.match(f.pesan) if f.kode == "ISTILAH-ASING" else None
        if m is None:
            out.append(f)
            continue
        key = " ".join(m.group("term").split()).casefold()
        if key in accepted:
            continue
        groups.setdefault((f.file, key), []).append((f, m.group("where"), m.group("term"), int(m.group("n") or 1)))
    for items in groups.values():
        items.sort(key=lambda x: x[0].line)
        first, where, term, _ = items[0]
        total = sum(n for *_, n in items)
        if total == 1:
            out.append(first)
            continue
        lain = sorted({x[0].line for x in items[1:]} - {first.line})
        juga = f" (juga baris {', '.join(map(str, lain))})" if lain else ""
        out.append(Finding(first.file, first.line, "peringatan", "ISTILAH-ASING",
                           f"{where}: istilah asing “{term}” tidak dicetak miring di {total} tempat{juga}; tulis "
                           f"*{term}* (atau ganti dengan padanan bahasa Indonesia), atau terima apa adanya dengan "
                           "`istilah_diterima:` di plan/kantor.yaml."))
    return out


def _at(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def check_text(doc: YamlDoc, path: YamlPath, text: str, terms) -> list[Finding]:
    line = doc.line(*path)
    where = format_path(path)

    def f(level, kode, pesan):
        return Finding(doc.rel, line, level, kode, f"{where}: {pesan}")

    out = []
    try:
        runs(text)
    except MarkupError:
        out.append(f("galat", "MARKUP", "tanda * pembuka huruf miring tidak ditutup; "
                     "tutup dengan * setelah istilahnya, atau tulis \\* untuk bintang biasa."))
    if path in doc.komentar:
        komentar = doc.komentar[path]
        ujung = text if len(text) <= 24 else "… " + text[-20:].lstrip()
        utuh = (text + " " + komentar).replace("'", "''")
        out.append(f("peringatan", "KOMENTAR-MEMOTONG",
                     f"teks berhenti di “{ujung}”: “{komentar}” sesudahnya dibaca YAML sebagai komentar (spasi lalu "
                     "#) dan tidak dicetak. Bila itu bagian teks (mis. tagar), beri tanda kutip pada seluruh teks: "
                     f"'{utuh}'."))
    printed = plain(text)
    bad = sorted({c for c in text if _unprintable(c)}, key=text.index)
    if bad:
        shown = ", ".join(_char_label(c) + f" di karakter ke-{text.index(c) + 1}" for c in bad)
        out.append(f("galat", "KARAKTER", f"memuat karakter yang tidak dapat dicetak atau tak terlihat dalam naskah "
                     f"dinas ({shown}); hapus karakter itu (emoji, karakter kendali, karakter tak terlihat) atau "
                     "ganti dengan teks biasa."))
    if len(printed) > MAX_TEKS:
        out.append(f("galat", "TEKS-PANJANG", f"teks terlalu panjang ({len(printed)} karakter, batas {MAX_TEKS}); "
                     "pecah menjadi beberapa butir atau paragraf."))
    if _TEMPLATE_LIKE.search(printed):
        out.append(f("peringatan", "TEKS-TEMPLAT", "memuat tanda templat ({{ }}, {% %}); teks ini dicetak apa adanya, "
                     "bukan dijalankan. Hapus bila tidak disengaja."))
    for opener, closer in _PAIRS:
        n_open, n_close = printed.count(opener), printed.count(closer)
        if n_open != n_close:
            out.append(f("peringatan", "KURUNG", f"tanda {opener} {closer} tidak seimbang ({n_open} pembuka, {n_close} penutup); "
                         f"lengkapi pasangannya."))
    if printed.count('"') % 2:
        out.append(f("peringatan", "KUTIP", 'tanda kutip " tidak berpasangan; lengkapi pasangannya.'))
    for m in _WORD_DOUBLE.finditer(printed):
        out.append(f("peringatan", "KATA-GANDA", f"kata “{m.group(1)}” tertulis dua kali berturut-turut "
                     f"(“{m.group(0)}”); hapus salah satunya."))
    out += _foreign_terms(f, text, printed, terms)
    return out


def _char_label(c: str) -> str:
    """U+200B ZERO WIDTH SPACE; a visible one (emoji) shown too."""
    name = unicodedata.name(c, "")
    if not name and unicodedata.category(c) == "Cc":
        name = _CONTROL_NAMES.get(ord(c), "")
    visible = c.isprintable() and unicodedata.category(c) not in ("Cf", "Zl", "Zp")
    return f"U+{ord(c):04X}" + (f" {name}" if name and not visible else "") + (f" “{c}”" if visible else "")


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def _unprintable(c: str) -> bool:
    """One rule for what a signed decree must not carry unseen: control
    characters, every format character (bidi overrides and isolates U+202A–202E,
    U+2066–2069, zero-width U+200B–200D, U+2060, the BOM U+FEFF, the soft hyphen
    U+00AD — LibreOffice hyphenates by itself), line/paragraph separators,
    surrogates, private use, unassigned, and emoji."""
    if c in "\n\t":
        return False
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return True
    if cat == "So" and ord(c) >= 0x2190:  # pictographs, emoji, dingbats
        return True
    return ord(c) > 0xFFFF or 0xFE00 <= ord(c) <= 0xFE0F or c == "\u200d"


def term_pattern(terms) -> re.Pattern:
    """One regex for every foreign term (a single scan per text). Longest
    alternatives first, so "whistle blowing system" wins over "system"."""
    unique = sorted({t.strip().lower() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in unique)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _foreign_terms(f, text: str, printed: str, terms: re.Pattern) -> list[Finding]:
    try:
        spans = italic_spans(text)
    except MarkupError:
        return []
    found: Counter[str] = Counter()
    for m in terms.finditer(printed):
        s, e = m.span()
        if not any(ss <= s and e <= se for ss, se in spans):
            found[m.group(0)] += 1
    out = []
    for term, n in sorted(found.items()):
        times = f" ({n}×)" if n > 1 else ""
        out.append(f("peringatan", "ISTILAH-ASING", f"istilah asing “{term}”{times} tidak dicetak miring; "
                     f"tulis *{term}* (atau ganti dengan padanan bahasa Indonesia)."))
    return out
