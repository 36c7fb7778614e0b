"""Read the free-text "target waktu" of a Rencana Aksi indicator.

The decree writes each indicator's deadline as free Indonesian text
("Februari sampai dengan Desember 2026", "Per-bulan", "Maret, Juni 2026").
``parse_target_waktu`` turns it into the set of months of the plan year it
covers, plus any recurrence, plus problems the secretariat must fix.

Pure: no I/O, no clock. Never raises on a string; anything it cannot read
becomes a ``TW-TIDAK-TERBACA`` problem instead.

What it reads (other offices' plans use all of these; sources in
tests/resources/target_waktu_sumber.md):

- months, month ranges and lists: "Maret 2026", "Januari s.d. Desember 2026",
  "Maret, Juni, September, Desember 2026", "Jan - Des", "NOV 2022";
- recurrences: "Setiap bulan", "Per triwulan", "Persemester" (``berulang``);
  a quarterly recurrence means the last month of each quarter, a half-yearly
  one the last month of each half;
- quarters and semesters by number, in roman or arabic numerals, with
  "Triwulan", "TW", "Kuartal" or "Semester": "Triwulan II 2026", "TW-2",
  "Tw.II", "TW I", "Triwulan 1", "Semester 2", "Kuartal III". A quarter means
  its three months (Triwulan II = April-Juni), a semester its six (Semester I
  = Januari-Juni). Later bare numbers keep the word: "Triwulan II dan IV",
  "Triwulan I s.d. IV", "Semester I dan II"; ranges: "TW I s/d TW IV";
- calendar dates, each meaning its month: "31 Maret 2026", "tanggal 10 Juli
  2023", "15 Januari s.d. 28 Februari 2026", "19-30 Mei 2022", "30/06/2026"
  (day/month/year), "15-01-2025" and "2026-06-30" (ISO);
- points of the year: "awal tahun" = Januari, "pertengahan tahun" = Juni,
  "akhir tahun" = Desember (optionally with a year); "awal Maret" = Maret;
  "Tahunan", "Setiap tahun", "Per tahun" = Desember (the end of the year, as a
  quarterly recurrence means the end of each quarter); "Sepanjang tahun" = all
  twelve months;
- actions with no fixed month: "Sesuai kebutuhan", "Insidentil"/"Insidental",
  "Setiap saat", "Sewaktu-waktu", "Berkelanjutan", "Terus-menerus",
  "(Secara) berkala". These give ``tanpa_jadwal=True``: no month, no
  recurrence, no problem. They are neither unreadable nor due in any month;
  callers that count due dates must treat them as "tidak berjadwal" on
  purpose. They cannot be combined with months in one text.

A misspelt word gets a suggestion: "Febuari 2026" is TW-TIDAK-TERBACA with
'mungkin maksudnya "Februari" (mis. "Februari 2026")'.

How it works, in four small steps:

1. ``_tokenize``: a single regex cuts the text into tokens (month, year,
   number, numeric date, range word, separator, recurrence word, roman
   numeral, filler word ...).
2. ``_resolve``: fixed phrases ("sesuai kebutuhan", "akhir tahun") become one
   token each, a quarter/semester word with its number becomes one period
   token, and filler words that only make sense in context ("Bulan" before a
   month, "Tahun" before a year, "Setiap"/"Per" before a recurrence,
   "tanggal" before a date) are checked and dropped.
3. ``_parse`` reads ``item (separator item)*`` where an item is a point or a
   range "point sampai dengan point", and a point is a month, a period, a
   date, a point of the year, a recurrence or a no-fixed-month phrase, each
   optionally followed by a year.
4. ``_evaluate`` fills in missing years and computes the months.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

NAMA_BULAN: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

TW_DI_LUAR_TAHUN = "TW-DI-LUAR-TAHUN"
TW_TAHUN_TIDAK_LENGKAP = "TW-TAHUN-TIDAK-LENGKAP"
TW_TIDAK_TERBACA = "TW-TIDAK-TERBACA"
TW_KOSONG = "TW-KOSONG"
TW_RENTANG_TERBALIK = "TW-RENTANG-TERBALIK"


@dataclass(frozen=True)
class Masalah:
    kode: str
    pesan: str


@dataclass(frozen=True)
class TargetWaktu:
    """``bulan``: months of the plan year the target covers (1..12).
    ``berulang``: "bulanan", "triwulanan", "semesteran" or several joined by
    "+", when the text names a recurrence; else None.
    ``masalah``: what the secretariat must fix; empty when the text reads.
    ``tanpa_jadwal``: True when the text says on purpose that the action has
    no fixed month ("Sesuai kebutuhan", "Insidentil", "Setiap saat",
    "Berkelanjutan" ...); ``bulan`` is then empty and ``masalah`` says nothing
    about it. An unreadable text is never ``tanpa_jadwal``."""

    teks: str
    bulan: frozenset[int]
    berulang: str | None
    masalah: tuple[Masalah, ...]
    tanpa_jadwal: bool = False


# --- vocabulary -------------------------------------------------------------

# Keys are casefolded. Besides the full names: the usual abbreviations and the
# older spellings still found in decrees (Pebruari, Nopember).
_BULAN: dict[str, int] = {nama.casefold(): n for n, nama in enumerate(NAMA_BULAN, 1)}
_BULAN.update(
    {
        "jan": 1,
        "feb": 2,
        "peb": 2,
        "pebruari": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "ags": 8,
        "agus": 8,
        "sep": 9,
        "sept": 9,
        "okt": 10,
        "nov": 11,
        "nop": 11,
        "nopember": 11,
        "des": 12,
    }
)
# Most days in each month; 29 February is checked against the year later.
_HARI_MAKS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Canonical order of recurrences; also the order they are joined in `berulang`.
_URUTAN_BERULANG = ("bulanan", "triwulanan", "semesteran")
_BULAN_BERULANG: dict[str, frozenset[int]] = {
    "bulanan": frozenset(range(1, 13)),
    "triwulanan": frozenset({3, 6, 9, 12}),  # end of each quarter
    "semesteran": frozenset({6, 12}),  # end of each half-year
}
# Words that name a recurrence on their own. Bare "bulan" is not here: it is
# a recurrence only after "setiap/tiap/per" (otherwise it precedes a month).
_KATA_BERULANG = {
    "bulanan": "bulanan",
    "triwulan": "triwulanan",
    "triwulanan": "triwulanan",
    "tw": "triwulanan",
    "kuartal": "triwulanan",
    "kwartal": "triwulanan",
    "kuartalan": "triwulanan",
    "semester": "semesteran",
    "semesteran": "semesteran",
}
# Recurrence words that, followed by a number, name one period instead:
# "Triwulan II" is April-Juni. Value: months per period.
_SATUAN_PERIODE = {"triwulan": 3, "tw": 3, "kuartal": 3, "kwartal": 3, "semester": 6}
_NAMA_SATUAN = {3: "Triwulan", 6: "Semester"}
_ROMAWI = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ANGKA_ROMAWI = ("", "I", "II", "III", "IV")
_KATA_PENGULANG = {"setiap", "tiap", "per"}  # "every", "each", "per"
_KATA_AWAL = {"dari", "mulai"}  # "from" in "Dari Bulan Januari ..."
# "awal/pertengahan/akhir tahun"; before a month name the word is dropped.
_TEPI = {"awal": 1, "pertengahan": 6, "tengah": 6, "akhir": 12}

# Fixed phrases, matched on casefolded token texts ("-" for a hyphen), the
# longest first. Value: (token kind, month or None, label for messages).
_FRASA: dict[tuple[str, ...], tuple[str, int | None, str]] = {
    # no fixed month: done when needed, or all the time
    ("sesuai", "dengan", "kebutuhan"): ("tanpa", None, "sesuai dengan kebutuhan"),
    ("sesuai", "kebutuhan"): ("tanpa", None, "sesuai kebutuhan"),
    ("insidentil",): ("tanpa", None, "insidentil"),
    ("insidental",): ("tanpa", None, "insidental"),
    ("setiap", "saat"): ("tanpa", None, "setiap saat"),
    ("tiap", "saat"): ("tanpa", None, "tiap saat"),
    ("sewaktu", "-", "waktu"): ("tanpa", None, "sewaktu-waktu"),
    ("sewaktu", "waktu"): ("tanpa", None, "sewaktu waktu"),
    ("secara", "berkelanjutan"): ("tanpa", None, "secara berkelanjutan"),
    ("berkelanjutan",): ("tanpa", None, "berkelanjutan"),
    ("terus", "-", "menerus"): ("tanpa", None, "terus-menerus"),
    ("terus", "menerus"): ("tanpa", None, "terus menerus"),
    ("secara", "berkala"): ("tanpa", None, "secara berkala"),
    ("berkala",): ("tanpa", None, "berkala"),
    # once a year: the end of the year, as "triwulanan" is the end of each quarter
    ("setiap", "tahun"): ("tepi", 12, "setiap tahun"),
    ("tiap", "tahun"): ("tepi", 12, "tiap tahun"),
    ("per", "-", "tahun"): ("tepi", 12, "per tahun"),
    ("per", "tahun"): ("tepi", 12, "per tahun"),
    ("pertahun",): ("tepi", 12, "per tahun"),
    ("tahunan",): ("tepi", 12, "tahunan"),
    # the whole year
    ("sepanjang", "tahun"): ("setahun", None, "sepanjang tahun"),
}
_FRASA_URUT = sorted(_FRASA, key=len, reverse=True)
# Words that only mean something inside a phrase above.
_KATA_FRASA = {w for f in _FRASA for w in f if w != "-"} - _KATA_PENGULANG - {"tahun", "dengan"}

# Correct spellings offered for a misspelt word (casefolded -> as suggested).
_EJAAN: dict[str, str] = {k: NAMA_BULAN[n - 1] for k, n in _BULAN.items()}
_EJAAN.update(
    {
        w: w.capitalize()
        for w in (
            "triwulan", "triwulanan", "semester", "semesteran", "bulanan", "kuartal",
            "setiap", "tiap", "sampai", "hingga", "serta", "dari", "mulai", "bulan",
            "tahun", "tanggal", "awal", "akhir", "pertengahan", "insidentil",
            "insidental", "berkelanjutan", "berkala", "tahunan",
        )
    }
)

_HURUF = r"[^\W\d_]"  # one letter, any script (so "sampaiX" is not "sampai")

_TOKEN_RE = re.compile(
    rf"""
      (?P<space>\s+)
    | (?P<numdate>                                # ASCII digits only
          (?<![0-9])
          (?: [0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}   # 2026-06-30
            | [0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{4}}   # 30/06/2026
            | [0-9]{{1,2}}-[0-9]{{1,2}}-[0-9]{{4}}   # 30-06-2026
          )
          (?![0-9])
      )
    | (?P<range>
          sampai\s+dengan(?!{_HURUF})
        | sampai(?!{_HURUF})
        | hingga(?!{_HURUF})
        | s\s*[./]\s*d(?!{_HURUF})(?:\s*\.)?      # s.d.  s.d  s/d
        | sd(?!{_HURUF})
        | [-\u2010\u2011\u2012\u2013\u2014\u2212] # hyphen, en/em dash, minus
      )
    | (?P<sep>[,;&] | (?:dan|serta)(?!{_HURUF}))
    | (?P<number>[0-9]+)                          # ASCII only, so int() is safe
    | (?P<word>{_HURUF}+)
    | (?P<dot>\.)
    | (?P<other>.)
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_TANDA_HUBUNG = "-\u2010\u2011"  # hyphens that join words: "Per-bulan", "TW-2"


@dataclass(frozen=True)
class _Tok:
    """One token. ``kind`` after ``_tokenize`` is one of: range, sep, year,
    shortnum (1-3 digits), longnum (5+ digits), numdate, month, recur, bulan,
    quant, tahun, dari, roman, tepi, tanggal, ke, dot, word (unknown), other
    (unknown character). ``_resolve`` adds period, tepi (with a month),
    setahun and tanpa."""

    kind: str
    text: str
    start: int  # span in the original text, used to build suggestions
    end: int
    value: int | str | tuple[int, ...] | None = None  # month, year, recurrence ...
    label: str = ""  # how messages name a period or phrase


class _TidakTerbaca(Exception):
    """Internal: the text does not follow any accepted form. ``detail`` says
    which part, in Bahasa Indonesia; it ends up in the TW-TIDAK-TERBACA message.
    ``ganti``: a misspelt token and the word it probably meant."""

    def __init__(self, detail: str, ganti: tuple[_Tok, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.ganti = ganti


# --- step 1: tokens ---------------------------------------------------------


def _tokenize(teks: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(teks):
        kind, text, a, b = m.lastgroup, m.group(), m.start(), m.end()
        if kind == "space":
            continue
        if kind == "number":
            toks.append(_number_token(text, a, b))
        elif kind == "numdate":
            toks.append(_numdate_token(text, a, b))
        elif kind == "word":
            toks.extend(_word_tokens(text, a, b))
        else:
            toks.append(_Tok(kind, text, a, b))
    return toks


def _number_token(text: str, a: int, b: int) -> _Tok:
    # Only a 4-digit number is a year. Shorter ones are a day, the number of a
    # quarter, or a year cut short ("Januari 202"); longer ones are never
    # converted (int() of a huge digit string can itself raise).
    if len(text) == 4:
        return _Tok("year", text, a, b, int(text))
    return _Tok("shortnum" if len(text) < 4 else "longnum", text, a, b)


def _numdate_token(text: str, a: int, b: int) -> _Tok:
    """"2026-06-30", "30/06/2026", "30-06-2026". Value: (year, month, day,
    start and end of the year digits in the text); checked by the parser."""
    parts = re.split("[-/]", text)
    if len(parts[0]) == 4:
        (y, mo, d), ya = (int(p) for p in parts), a
    else:
        (d, mo, y), ya = (int(p) for p in parts), b - 4
    return _Tok("numdate", text, a, b, (y, mo, d, ya, ya + 4))


def _word_tokens(text: str, a: int, b: int) -> list[_Tok]:
    w = text.casefold()
    if w in _BULAN:
        return [_Tok("month", text, a, b, _BULAN[w])]
    if w in _KATA_BERULANG:
        return [_Tok("recur", text, a, b, _KATA_BERULANG[w])]
    if w in _ROMAWI:
        return [_Tok("roman", text, a, b, _ROMAWI[w])]
    simple = {"bulan": "bulan", "tahun": "tahun", "tanggal": "tanggal", "ke": "ke"}
    if w in simple:
        return [_Tok(simple[w], text, a, b)]
    if w in _KATA_PENGULANG:
        return [_Tok("quant", text, a, b)]
    if w in _KATA_AWAL:
        return [_Tok("dari", text, a, b)]
    if w in _TEPI:
        return [_Tok("tepi", text, a, b, _TEPI[w])]
    # "Perbulan", "Persemester", "Pertriwulan": "per" glued to the word.
    if w.startswith("per") and len(w) > 3:
        rest = _word_tokens(text[3:], a + 3, b)
        if rest[0].kind in ("recur", "bulan"):
            return [_Tok("quant", text[:3], a, a + 3), *rest]
    # "TWII": the quarter's number glued to "TW".
    if w.startswith("tw") and w[2:] in _ROMAWI:
        return [_Tok("recur", text[:2], a, a + 2, "triwulanan"), _Tok("roman", text[2:], a + 2, b, _ROMAWI[w[2:]])]
    return [_Tok("word", text, a, b)]


# --- step 2: phrases, periods and context words ------------------------------


def _norm(t: _Tok) -> str:
    return "-" if t.kind == "range" and t.text in _TANDA_HUBUNG else t.text.casefold()


def _frasa(toks: list[_Tok], i: int, teks: str) -> tuple[_Tok, int] | None:
    """The fixed phrase starting at ``toks[i]``, as one token, and its length."""
    for f in _FRASA_URUT:
        if tuple(_norm(t) for t in toks[i : i + len(f)]) == f:
            kind, bulan, label = _FRASA[f]
            a, b = toks[i].start, toks[i + len(f) - 1].end
            return _Tok(kind, teks[a:b], a, b, bulan, label), len(f)
    return None


def _nomor(t: _Tok | None) -> int | None:
    """The number of a quarter or semester: "II", "2", "02"."""
    if t is None:
        return None
    if t.kind == "roman":
        return int(t.value)  # type: ignore[arg-type]
    if t.kind == "shortnum" and len(t.text) <= 2:
        return int(t.text)
    return None


def _periode_tok(satuan: int, n: int, a: int, b: int, teks: str) -> _Tok:
    """One period token: "Triwulan II" has the months (4, 6)."""
    batas = _NAMA_SATUAN[satuan]
    if not 1 <= n <= 12 // satuan:
        raise _TidakTerbaca(
            f'{batas.lower()} ke-{n} tidak ada (hanya {batas} I sampai {_ANGKA_ROMAWI[12 // satuan]})'
            if satuan == 3
            else f"semester ke-{n} tidak ada (hanya Semester I dan II)"
        )
    label = f"{batas} {_ANGKA_ROMAWI[n]}"
    return _Tok("period", teks[a:b], a, b, (satuan * (n - 1) + 1, satuan * n, satuan), label)


def _periode(toks: list[_Tok], i: int, teks: str) -> tuple[_Tok, int] | None:
    """"Triwulan II", "TW-2", "Tw.II", "Triwulan ke-2": the period starting at
    ``toks[i]`` (a quarter or semester word) and its length, or None when no
    number follows (then the word is a recurrence)."""
    satuan = _SATUAN_PERIODE[toks[i].text.casefold()]
    j = i + 1
    if j < len(toks) and (toks[j].kind == "dot" or _norm(toks[j]) == "-"):
        j += 1
    ke = j < len(toks) and toks[j].kind == "ke"
    if ke:
        j += 1
        if j < len(toks) and _norm(toks[j]) == "-":
            j += 1
    n = _nomor(toks[j] if j < len(toks) else None)
    if n is None:
        if ke:
            raise _TidakTerbaca(f'kata "{toks[j - 1].text}" tidak diikuti nomor {_NAMA_SATUAN[satuan].lower()}')
        return None
    return _periode_tok(satuan, n, toks[i].start, toks[j].end, teks), j + 1 - i


def _kata_asing(toks: list[_Tok], i: int) -> _TidakTerbaca:
    """The error for the unknown word ``toks[i]``, with the word it probably
    meant; for the first word of a phrase, the misspelt next word
    ("Sesuai kebutuhn")."""
    t = toks[i]
    w = t.text.casefold()
    if w in _KATA_FRASA:
        for f in _FRASA_URUT:
            if f[0] != w:
                continue
            # The first word of the phrase that differs, if it is close.
            for k, (kata, u) in enumerate(zip(f[1:], toks[i + 1 :]), 1):
                if _norm(u) == kata:
                    continue
                if u.kind == "word" and difflib.SequenceMatcher(None, u.text.casefold(), kata).ratio() >= 0.8:
                    return _TidakTerbaca(f'kata "{u.text}" tidak dikenali, mungkin maksudnya "{kata}"', (u, kata))
                break
        bentuk = ", ".join(f'"{_FRASA[f][2]}"' for f in _FRASA if w in f)
        return _TidakTerbaca(f'kata "{t.text}" hanya dikenali dalam {bentuk}')
    mirip = difflib.get_close_matches(w, _EJAAN, n=1, cutoff=0.8) if len(w) >= 3 else []
    if mirip:
        saran = _EJAAN[mirip[0]]
        return _TidakTerbaca(f'kata "{t.text}" tidak dikenali, mungkin maksudnya "{saran}"', (t, saran))
    return _TidakTerbaca(f'kata "{t.text}" tidak dikenali')


def _resolve(toks: list[_Tok], teks: str) -> list[_Tok]:
    """Join phrases and periods, check and drop filler words; what is left is
    month, year, shortnum, longnum, numdate, roman, range, sep, recur, period,
    tepi, setahun and tanpa tokens."""
    toks = list(toks)
    while toks and toks[-1].kind == "dot":  # trailing period(s)
        toks.pop()

    out: list[_Tok] = []
    after_quant = False  # the previous word was "setiap/tiap/per"
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        found = _frasa(toks, i, teks)
        if found is None and t.kind == "recur" and not after_quant and t.text.casefold() in _SATUAN_PERIODE:
            found = _periode(toks, i, teks)
        if found is not None:
            out.append(found[0])
            i += found[1]
            after_quant = False
            continue
        if t.kind == "quant":
            # "Per-bulan": a hyphen right after "per" is part of the word.
            if nxt is not None and _norm(nxt) == "-":
                i += 1
                nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or nxt.kind not in ("recur", "bulan"):
                raise _TidakTerbaca(
                    f'kata "{t.text}" harus diikuti "bulan", "triwulan", "semester", "tahun" atau "saat"'
                )
            after_quant = True
            i += 1
            continue
        if t.kind == "bulan":
            if after_quant:  # "setiap bulan" = monthly
                out.append(_Tok("recur", t.text, t.start, t.end, "bulanan"))
            elif nxt is None or nxt.kind != "month":  # "Bulan Januari" = Januari
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti nama bulan')
        elif t.kind == "tepi":
            if nxt is not None and nxt.kind == "tahun":  # "akhir tahun" = Desember
                label = f"{t.text.casefold()} tahun"
                out.append(_Tok("tepi", teks[t.start : nxt.end], t.start, nxt.end, t.value, label))
                i += 1
            elif nxt is None or nxt.kind not in ("month", "bulan"):  # "akhir Maret" = Maret
                raise _TidakTerbaca(f'kata "{t.text}" harus diikuti "tahun" atau nama bulan')
        elif t.kind == "tanggal":
            if nxt is None or nxt.kind not in ("shortnum", "numdate"):
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti tanggal')
        elif t.kind == "tahun":
            if nxt is None or nxt.kind not in ("year", "shortnum", "longnum"):
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti angka tahun')
        elif t.kind == "dari":
            kinds = ("month", "bulan", "tanggal", "shortnum", "numdate", "tepi", "recur")
            if nxt is None or nxt.kind not in kinds:
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti nama bulan')
        elif t.kind == "ke":
            raise _TidakTerbaca(f'kata "{t.text}" tidak didahului "triwulan" atau "semester"')
        elif t.kind == "dot":
            if not out or out[-1].kind != "month":  # "Jan." is fine
                raise _TidakTerbaca('tanda titik "." tidak pada tempatnya')
        elif t.kind == "word":
            raise _kata_asing(toks, i)
        elif t.kind == "other":
            raise _TidakTerbaca(f'tanda "{t.text}" tidak dikenali')
        else:
            out.append(t)
        after_quant = False
        i += 1
    return out


# --- step 3: grammar --------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """One thing a target names, with the year token written right after it,
    if any. ``kind``: month, period, date, tepi, setahun, recur or tanpa.
    Fixed points cover the months ``awal``..``akhir``; a date also has its day."""

    tok: _Tok
    year: _Tok | None
    kind: str = "month"
    awal: int = 0
    akhir: int = 0
    hari: int = 0
    satuan: int = 0  # 3 or 6 for a period
    label: str = ""  # for messages, without the year


@dataclass(frozen=True)
class _Item:
    start: _Point
    end: _Point | None  # set for a range "start sampai dengan end"


_TETAP = ("month", "period", "date", "tepi", "setahun")  # points with fixed months


def _parse(toks: list[_Tok]) -> list[_Item]:
    """``item (sep+ item)*``; item = point [range point]; point = (month |
    period | date | tepi | setahun | recur | tanpa) [year]."""
    if not toks:
        raise _TidakTerbaca("tidak ada nama bulan")
    items: list[_Item] = []
    satuan = 0  # the last quarter/semester named, for the bare "IV" of "Triwulan I s.d. IV"
    i = 0
    while True:
        hari = None
        if (
            toks[i].kind == "shortnum"
            and i + 3 < len(toks)
            and toks[i + 1].kind == "range"
            and toks[i + 2].kind == "shortnum"
            and toks[i + 3].kind == "month"
        ):
            # "19-30 Mei 2022": the first day takes the month of the second.
            hari, i = toks[i], i + 1
            start = None
        else:
            start, i = _parse_point(toks, i, satuan)
            satuan = start.satuan or satuan
        end = None
        if i < len(toks) and toks[i].kind == "range":
            end, i = _parse_point(toks, i + 1, satuan, after=toks[i])
            satuan = end.satuan or satuan
            if start is None:  # `end` is a date: the lookahead above saw "30 Mei"
                start = _date_point(hari, end.tok, int(hari.text), end.awal)  # type: ignore[arg-type]
            if start.kind not in _TETAP or end.kind not in _TETAP or end.kind == "setahun" or start.kind == "setahun":
                raise _TidakTerbaca("rentang hanya dapat dibuat antara dua bulan, periode atau tanggal")
        items.append(_Item(start, end))  # type: ignore[arg-type]
        if i == len(toks):
            break
        if toks[i].kind != "sep":
            last = items[-1].end or items[-1].start
            if last.kind == "recur" and _nomor(toks[i]) is not None:
                # "Setiap triwulan I": one quarter, or every quarter?
                nama = last.tok.text.capitalize()
                raise _TidakTerbaca(
                    f'target berkala "{last.tok.text}" tidak dapat diberi nomor; tulis "{nama} {toks[i].text}" '
                    f'untuk satu periode, atau "Setiap {last.tok.text.lower()}" tanpa nomor'
                )
            raise _TidakTerbaca(_unexpected(toks[i]))
        sep = toks[i]
        while i < len(toks) and toks[i].kind == "sep":  # "Maret, Juni, dan Desember"
            sep = toks[i]
            i += 1
        if i == len(toks):
            raise _TidakTerbaca(f'teks terputus setelah "{sep.text}"')

    kinds = {it.start.kind for it in items}
    if "tanpa" in kinds and len(items) > 1:
        frasa = next(it.start.label for it in items if it.start.kind == "tanpa")
        raise _TidakTerbaca(f'"{frasa}" tidak dapat digabung dengan bulan, periode atau target berkala')
    if "recur" in kinds and len(kinds) > 1:
        # "Setiap triwulan Maret-Desember" has no single sound reading.
        raise _TidakTerbaca("nama bulan dan target berkala tidak dapat dicampur")
    return items


def _date_point(tok: _Tok, bulan_tok: _Tok, hari: int, bulan: int, year: _Tok | None = None) -> _Point:
    if not 1 <= bulan <= 12:
        raise _TidakTerbaca(f'tanggal "{tok.text}" tidak ada (bulan ditulis 1 sampai 12)')
    if not 1 <= hari <= _HARI_MAKS[bulan - 1]:
        raise _TidakTerbaca(f'tanggal "{hari} {NAMA_BULAN[bulan - 1]}" tidak ada')
    return _Point(bulan_tok, year, "date", bulan, bulan, hari, label=f"{hari} {NAMA_BULAN[bulan - 1]}")


def _parse_point(toks: list[_Tok], i: int, satuan: int, after: _Tok | None = None) -> tuple[_Point, int]:
    if i >= len(toks):
        raise _TidakTerbaca(f'teks terputus setelah "{after.text}"' if after else "teks terputus")
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.kind == "numdate":
        y, mo, d, ya, yb = t.value  # type: ignore[misc]
        year = _Tok("year", t.text[ya - t.start : yb - t.start], ya, yb, y)
        return _date_point(t, t, d, mo, year), i + 1
    if t.kind == "shortnum" and len(t.text) <= 2 and nxt is not None and nxt.kind == "month":
        point, i = _date_point(t, nxt, int(t.text), int(nxt.value)), i + 2  # type: ignore[arg-type]
    elif t.kind == "month":
        m = int(t.value)  # type: ignore[arg-type]
        point, i = _Point(t, None, "month", m, m, label=NAMA_BULAN[m - 1]), i + 1
    elif t.kind == "period":
        awal, akhir, s = t.value  # type: ignore[misc]
        point, i = _Point(t, None, "period", awal, akhir, satuan=s, label=t.label), i + 1
    elif t.kind == "tepi":
        m = int(t.value)  # type: ignore[arg-type]
        point, i = _Point(t, None, "tepi", m, m, label=t.label), i + 1
    elif t.kind == "setahun":
        point, i = _Point(t, None, "setahun", 1, 12, label=t.label), i + 1
    elif t.kind in ("recur", "tanpa"):
        point, i = _Point(t, None, t.kind, label=t.label), i + 1
    elif satuan and _nomor(t) is not None:
        # "Triwulan II dan IV": the bare number keeps the word before it.
        p = _periode_tok(satuan, _nomor(t), t.start, t.end, "")  # type: ignore[arg-type]
        awal, akhir, s = p.value  # type: ignore[misc]
        point, i = _Point(t, None, "period", awal, akhir, satuan=s, label=p.label), i + 1
    else:
        raise _TidakTerbaca(_unexpected(t))
    if i < len(toks) and toks[i].kind in ("year", "shortnum", "longnum"):
        year = toks[i]
        if year.kind == "longnum":
            raise _TidakTerbaca(f'"{year.text}" bukan tahun (tahun ditulis 4 angka)')
        if year.kind == "shortnum" and i + 1 < len(toks) and toks[i + 1].kind == "month":
            return point, i  # "Maret, 5 Juni": a day, not a year; the separator is missing
        point = _Point(point.tok, year, point.kind, point.awal, point.akhir, point.hari, point.satuan, point.label)
        i += 1
    return point, i


def _unexpected(t: _Tok) -> str:
    if t.kind == "year":
        return f'tahun "{t.text}" tidak didahului nama bulan'
    if t.kind in ("shortnum", "longnum"):
        return f'angka "{t.text}" tidak pada tempatnya (bulan ditulis dengan namanya, mis. "Maret")'
    if t.kind == "roman":
        return f'angka "{t.text}" tidak didahului "triwulan" atau "semester"'
    return f'"{t.text}" tidak pada tempatnya'


# --- step 4: evaluation -----------------------------------------------------


def _fill_years(points: list[_Point]) -> list[_Tok | None]:
    """The year that applies to each point; None means "no year anywhere in
    the text", i.e. the plan year."""
    years = [p.year for p in points]
    # A year applies to the yearless points before it: "Maret, Juni 2026",
    # "Februari sampai dengan Desember 2026".
    following: _Tok | None = None
    for k in reversed(range(len(years))):
        if years[k] is not None:
            following = years[k]
        else:
            years[k] = following
    # Points after the last written year inherit it ("Januari 2025 - Desember"
    # means December 2025, not the plan year).
    preceding: _Tok | None = None
    for k in range(len(years)):
        if years[k] is not None:
            preceding = years[k]
        else:
            years[k] = preceding
    return years


@dataclass
class _Tally:
    bulan: set[int]
    berulang: set[str]
    luar_tahun: list[int]  # years other than the plan year, in order, no repeats
    tidak_lengkap: list[_Tok]  # truncated year tokens
    terbalik: list[tuple[_Point, int, _Point, int]]  # reversed ranges with years
    tahun_tertulis: list[_Tok]  # every year written in the text
    tanpa: bool = False  # "sesuai kebutuhan" and the like


def _kabisat(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _evaluate(items: list[_Item], tahun: int) -> _Tally:
    points = [p for it in items for p in (it.start, it.end) if p is not None]
    years = iter(_fill_years(points))  # consumed in the same order as `points`
    tally = _Tally(set(), set(), [], [], [], [p.year for p in points if p.year is not None])

    for it in items:
        end = it.end or it.start
        y_start = next(years)
        ytoks = [y_start, next(years) if it.end is not None else y_start]
        if it.start.kind == "recur":
            tally.berulang.add(str(it.start.tok.value))
        tally.tanpa |= it.start.kind == "tanpa"
        short = [y for y in ytoks if y is not None and y.kind == "shortnum"]
        if short:
            # We cannot know the year, so the months are not counted.
            for y in short:
                if all(y is not s for s in tally.tidak_lengkap):
                    tally.tidak_lengkap.append(y)
            continue
        ys, ye = (int(y.value) if y is not None else tahun for y in ytoks)  # type: ignore[arg-type]
        for p, y in ((it.start, ys), (end, ye)):
            if p.kind == "date" and p.awal == 2 and p.hari == 29 and not _kabisat(y):
                raise _TidakTerbaca(f'tanggal "29 Februari {y}" tidak ada ({y} bukan tahun kabisat)')
        if it.start.kind in _TETAP:
            # Days count only between two dates: "Maret s.d. 15 Maret" is fine.
            dua_tanggal = it.start.kind == end.kind == "date"
            kunci_awal = (ys, it.start.awal, it.start.hari if dua_tanggal else 0)
            if kunci_awal > (ye, end.awal, end.hari if dua_tanggal else 0):
                # Reported alone: its years mean nothing until the order is fixed.
                tally.terbalik.append((it.start, ys, end, ye))
                continue
        for y in (ys, ye):
            if y != tahun and y not in tally.luar_tahun:
                tally.luar_tahun.append(y)
        if it.start.kind == "recur":
            if ys == tahun:
                tally.bulan |= _BULAN_BERULANG[str(it.start.tok.value)]
            continue
        if it.start.kind == "tanpa":
            continue
        # Only the part of the range inside the plan year counts.
        if ys <= tahun <= ye:
            lo = it.start.awal if ys == tahun else 1
            hi = end.akhir if ye == tahun else 12
            tally.bulan |= set(range(lo, hi + 1))
    return tally


# --- messages ---------------------------------------------------------------


def _bentuk_diterima(tahun: int) -> str:
    return (
        f'satu bulan ("Maret {tahun}"), rentang ("Februari sampai dengan Desember {tahun}" '
        f'atau "Januari-Desember {tahun}"), daftar ("Maret, Juni, September, Desember {tahun}"), '
        f'triwulan atau semester ("Triwulan II {tahun}", "Triwulan I s.d. IV", "Semester I {tahun}"), '
        f'tanggal ("31 Maret {tahun}"), "awal tahun" atau "akhir tahun", '
        'berkala ("Setiap bulan", "Per triwulan", "Per semester") '
        'atau tanpa jadwal tetap ("Sesuai kebutuhan", "Insidentil")'
    )


def _saran(teks: str, tahun: int, salah: list[_Tok]) -> str:
    """`teks` with the wrong/truncated year tokens replaced by the plan year,
    as ', mis. "..."', but only if that text then reads cleanly (swapping the
    year of "Desember 2025 - Maret 2026" would make a reversed range)."""
    if not salah:
        return ""
    perbaikan = teks
    for t in sorted(salah, key=lambda t: t.start, reverse=True):
        perbaikan = perbaikan[: t.start] + str(tahun) + perbaikan[t.end :]
    # No wrong year is left, so this recursion goes one level deep at most.
    hasil = parse_target_waktu(perbaikan, tahun)
    return f', mis. "{perbaikan.strip()}"' if not hasil.masalah else ""


def _saran_ejaan(teks: str, tahun: int, err: _TidakTerbaca) -> str:
    """' (mis. "...")': `teks` with the misspelt words replaced, when that
    text then reads (a few words at most, one at a time)."""
    perbaikan = teks
    for _ in range(5):
        if err.ganti is None:
            return ""
        tok, kata = err.ganti
        perbaikan = perbaikan[: tok.start] + kata + perbaikan[tok.end :]
        try:
            _baca(perbaikan, tahun)
        except _TidakTerbaca as lagi:
            err = lagi
            continue
        return f' (mis. "{perbaikan.strip()}")'
    return ""


def _nama_titik(p: _Point, tahun: int) -> str:
    return f"{p.label} {tahun}"


def _masalah(teks: str, tahun: int, tally: _Tally) -> list[Masalah]:
    kutip = teks.strip()
    out: list[Masalah] = []
    if tally.tidak_lengkap:
        angka = ", ".join(f'"{t.text}"' for t in tally.tidak_lengkap)
        saran = _saran(teks, tahun, tally.tidak_lengkap) or f', mis. "{tahun}"'
        out.append(
            Masalah(
                TW_TAHUN_TIDAK_LENGKAP,
                f'Target waktu "{kutip}": tahun {angka} tidak lengkap, sehingga bulannya '
                f"tidak dihitung. Tulis tahun dengan 4 angka{saran}.",
            )
        )
    if tally.luar_tahun:
        daftar = ", ".join(str(y) for y in tally.luar_tahun)
        salah = [t for t in tally.tahun_tertulis if t.value != tahun]
        out.append(
            Masalah(
                TW_DI_LUAR_TAHUN,
                f'Target waktu "{kutip}" memakai tahun {daftar}, padahal rencana aksi ini '
                f"untuk tahun {tahun}; bulan di luar tahun {tahun} tidak dihitung. "
                f"Perbaiki tahunnya menjadi {tahun}{_saran(teks, tahun, salah)}.",
            )
        )
    for start, ys, end, ye in tally.terbalik:
        awal, akhir = _nama_titik(start, ys), _nama_titik(end, ye)
        out.append(
            Masalah(
                TW_RENTANG_TERBALIK,
                f'Target waktu "{kutip}": rentang terbalik, bulan awal ({awal}) jatuh '
                f"setelah bulan akhir ({akhir}). Tulis bulan yang lebih awal lebih dulu, "
                f'mis. "{akhir} sampai dengan {awal}".',
            )
        )
    return out


# --- public API -------------------------------------------------------------


def _baca(teks: str, tahun: int) -> TargetWaktu:
    """Steps 1-4; raises _TidakTerbaca."""
    items = _parse(_resolve(_tokenize(teks), teks))
    tally = _evaluate(items, tahun)
    berulang = "+".join(r for r in _URUTAN_BERULANG if r in tally.berulang) or None
    masalah = tuple(_masalah(teks, tahun, tally))
    return TargetWaktu(teks, frozenset(tally.bulan), berulang, masalah, tally.tanpa)


def parse_target_waktu(teks: str, tahun: int) -> TargetWaktu:
    """Read `teks` as a target waktu for the plan year `tahun`."""
    if not teks.strip():
        pesan = (
            f'Target waktu kosong. Isi dengan bulan pada tahun {tahun}, mis. "Maret {tahun}", '
            f'"Januari sampai dengan Desember {tahun}" atau "Setiap bulan".'
        )
        return TargetWaktu(teks, frozenset(), None, (Masalah(TW_KOSONG, pesan),))
    try:
        return _baca(teks, tahun)
    except _TidakTerbaca as e:
        pesan = (
            f'Target waktu "{teks.strip()}" tidak dapat dibaca: {e.detail}'
            f"{_saran_ejaan(teks, tahun, e)}. Gunakan salah satu bentuk: {_bentuk_diterima(tahun)}."
        )
        return TargetWaktu(teks, frozenset(), None, (Masalah(TW_TIDAK_TERBACA, pesan),))


def format_bulan(bulan: frozenset[int]) -> str:
    """Months for reports: runs of three or more as "Februari–Desember" (en
    dash), the rest listed: "Maret, Juni, September, Desember"; "" if empty."""
    if any(not 1 <= b <= 12 for b in bulan):
        raise ValueError(f"bulan harus 1..12: {sorted(bulan)}")
    runs: list[tuple[int, int]] = []
    for b in sorted(bulan):
        if runs and runs[-1][1] == b - 1:
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((b, b))
    parts: list[str] = []
    for lo, hi in runs:
        if hi - lo >= 2:
            parts.append(f"{NAMA_BULAN[lo - 1]}\u2013{NAMA_BULAN[hi - 1]}")
        else:
            parts.extend(NAMA_BULAN[b - 1] for b in range(lo, hi + 1))
    return ", ".join(parts)
