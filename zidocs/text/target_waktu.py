"""Read the free-text "target waktu" of a Rencana Aksi indicator.

The decree writes each indicator's deadline as free Indonesian text
("Februari sampai dengan Desember 2026", "Per-bulan", "Maret, Juni 2026").
``parse_target_waktu`` turns it into the set of months of the plan year it
covers, plus any recurrence, plus problems the secretariat must fix.

Pure: no I/O, no clock. Never raises on a string; anything it cannot read
becomes a ``TW-TIDAK-TERBACA`` problem instead.

How it works, in three small steps:

1. ``_tokenize``: a single regex cuts the text into tokens (month, year,
   number, range word, separator, recurrence word, filler word ...).
2. ``_resolve``: filler words that only make sense in context ("Bulan" before
   a month, "Tahun" before a year, "Setiap"/"Per" before a recurrence) are
   checked and dropped, leaving a small vocabulary.
3. ``_parse`` reads ``item (separator item)*`` where an item is a month, a
   month range, or a recurrence, each optionally followed by a year;
   ``_evaluate`` then fills in missing years and computes the months.
"""

from __future__ import annotations

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
    teks: str
    bulan: frozenset[int]
    berulang: str | None
    masalah: tuple[Masalah, ...]


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
    "semester": "semesteran",
    "semesteran": "semesteran",
}
_KATA_PENGULANG = {"setiap", "tiap", "per"}  # "every", "each", "per"
_KATA_AWAL = {"dari", "mulai"}  # "from" in "Dari Bulan Januari ..."

_HURUF = r"[^\W\d_]"  # one letter, any script (so "sampaiX" is not "sampai")

_TOKEN_RE = re.compile(
    rf"""
      (?P<space>\s+)
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


@dataclass(frozen=True)
class _Tok:
    """One token. ``kind`` after ``_tokenize`` is one of: range, sep, year,
    shortnum (1-3 digits), longnum (5+ digits), month, recur, bulan, quant,
    tahun, dari, dot, word (unknown), other (unknown character)."""

    kind: str
    text: str
    start: int  # span in the original text, used to build suggestions
    end: int
    value: int | str | None = None  # month number, year, or recurrence name


class _TidakTerbaca(Exception):
    """Internal: the text does not follow any accepted form. ``detail`` says
    which part, in Bahasa Indonesia; it ends up in the TW-TIDAK-TERBACA message."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


# --- step 1: tokens ---------------------------------------------------------


def _tokenize(teks: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(teks):
        kind, text, a, b = m.lastgroup, m.group(), m.start(), m.end()
        if kind == "space":
            continue
        if kind == "number":
            toks.append(_number_token(text, a, b))
        elif kind == "word":
            toks.extend(_word_tokens(text, a, b))
        else:
            toks.append(_Tok(kind, text, a, b))
    return toks


def _number_token(text: str, a: int, b: int) -> _Tok:
    # Only a 4-digit number is a year. Shorter ones are likely a year cut short
    # ("Januari 202"); longer ones are never converted (int() of a huge digit
    # string can itself raise).
    if len(text) == 4:
        return _Tok("year", text, a, b, int(text))
    return _Tok("shortnum" if len(text) < 4 else "longnum", text, a, b)


def _word_tokens(text: str, a: int, b: int) -> list[_Tok]:
    w = text.casefold()
    if w in _BULAN:
        return [_Tok("month", text, a, b, _BULAN[w])]
    if w in _KATA_BERULANG:
        return [_Tok("recur", text, a, b, _KATA_BERULANG[w])]
    if w == "bulan":
        return [_Tok("bulan", text, a, b)]
    if w in _KATA_PENGULANG:
        return [_Tok("quant", text, a, b)]
    if w == "tahun":
        return [_Tok("tahun", text, a, b)]
    if w in _KATA_AWAL:
        return [_Tok("dari", text, a, b)]
    # "Perbulan", "Persemester", "Pertriwulan": "per" glued to the word.
    if w.startswith("per") and len(w) > 3:
        rest = _word_tokens(text[3:], a + 3, b)
        if rest[0].kind in ("recur", "bulan"):
            return [_Tok("quant", text[:3], a, a + 3), *rest]
    return [_Tok("word", text, a, b)]


# --- step 2: context words --------------------------------------------------


def _resolve(toks: list[_Tok]) -> list[_Tok]:
    """Check and drop filler words; what is left is month, year, shortnum,
    range, sep and recur tokens."""
    toks = list(toks)
    while toks and toks[-1].kind == "dot":  # trailing period(s)
        toks.pop()

    out: list[_Tok] = []
    after_quant = False  # the previous word was "setiap/tiap/per"
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.kind == "quant":
            # "Per-bulan": a hyphen right after "per" is part of the word.
            if nxt is not None and nxt.kind == "range" and nxt.text in "-\u2010\u2011":
                i += 1
                nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or nxt.kind not in ("recur", "bulan"):
                raise _TidakTerbaca(
                    f'kata "{t.text}" harus diikuti "bulan", "triwulan" atau "semester"'
                )
            after_quant = True
            i += 1
            continue
        if t.kind == "bulan":
            if after_quant:  # "setiap bulan" = monthly
                out.append(_Tok("recur", t.text, t.start, t.end, "bulanan"))
            elif nxt is None or nxt.kind != "month":  # "Bulan Januari" = Januari
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti nama bulan')
        elif t.kind == "tahun":
            if nxt is None or nxt.kind not in ("year", "shortnum", "longnum"):
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti angka tahun')
        elif t.kind == "dari":
            if nxt is None or nxt.kind not in ("month", "bulan"):
                raise _TidakTerbaca(f'kata "{t.text}" tidak diikuti nama bulan')
        elif t.kind == "dot":
            if not out or out[-1].kind != "month":  # "Jan." is fine
                raise _TidakTerbaca('tanda titik "." tidak pada tempatnya')
        elif t.kind == "word":
            raise _TidakTerbaca(f'kata "{t.text}" tidak dikenali')
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
    """A month (value 1..12) or a recurrence (value "bulanan" ...), with the
    year token written right after it, if any."""

    tok: _Tok
    year: _Tok | None


@dataclass(frozen=True)
class _Item:
    start: _Point
    end: _Point | None  # set for a range "start sampai dengan end"


def _parse(toks: list[_Tok]) -> list[_Item]:
    """``item (sep+ item)*``; item = point [range point]; point = (month |
    recur) [year]."""
    if not toks:
        raise _TidakTerbaca("tidak ada nama bulan")
    items: list[_Item] = []
    i = 0
    while True:
        start, i = _parse_point(toks, i)
        end = None
        if i < len(toks) and toks[i].kind == "range":
            end, i = _parse_point(toks, i + 1, after=toks[i])
            if start.tok.kind == "recur" or end.tok.kind == "recur":
                raise _TidakTerbaca("rentang hanya dapat dibuat antara dua nama bulan")
        items.append(_Item(start, end))
        if i == len(toks):
            break
        if toks[i].kind != "sep":
            raise _TidakTerbaca(_unexpected(toks[i]))
        sep = toks[i]
        while i < len(toks) and toks[i].kind == "sep":  # "Maret, Juni, dan Desember"
            sep = toks[i]
            i += 1
        if i == len(toks):
            raise _TidakTerbaca(f'teks terputus setelah "{sep.text}"')

    kinds = {it.start.tok.kind for it in items}
    if kinds == {"month", "recur"}:
        # "Setiap triwulan Maret-Desember" has no single sound reading.
        raise _TidakTerbaca("nama bulan dan target berkala tidak dapat dicampur")
    return items


def _parse_point(toks: list[_Tok], i: int, after: _Tok | None = None) -> tuple[_Point, int]:
    if i >= len(toks):
        raise _TidakTerbaca(f'teks terputus setelah "{after.text}"' if after else "teks terputus")
    t = toks[i]
    if t.kind not in ("month", "recur"):
        raise _TidakTerbaca(_unexpected(t))
    i += 1
    year = None
    if i < len(toks) and toks[i].kind in ("year", "shortnum", "longnum"):
        year = toks[i]
        if year.kind == "longnum":
            raise _TidakTerbaca(f'"{year.text}" bukan tahun (tahun ditulis 4 angka)')
        i += 1
    return _Point(t, year), i


def _unexpected(t: _Tok) -> str:
    if t.kind == "year":
        return f'tahun "{t.text}" tidak didahului nama bulan'
    if t.kind in ("shortnum", "longnum"):
        return f'angka "{t.text}" tidak pada tempatnya (bulan ditulis dengan namanya, mis. "Maret")'
    return f'"{t.text}" tidak pada tempatnya'


# --- evaluation -------------------------------------------------------------


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


def _evaluate(items: list[_Item], tahun: int) -> _Tally:
    points = [p for it in items for p in (it.start, it.end) if p is not None]
    years = iter(_fill_years(points))  # consumed in the same order as `points`
    tally = _Tally(set(), set(), [], [], [])

    for it in items:
        end = it.end or it.start
        y_start = next(years)
        ytoks = [y_start, next(years) if it.end is not None else y_start]
        if it.start.tok.kind == "recur":
            tally.berulang.add(str(it.start.tok.value))
        short = [y for y in ytoks if y is not None and y.kind == "shortnum"]
        if short:
            # We cannot know the year, so the months are not counted.
            for y in short:
                if all(y is not s for s in tally.tidak_lengkap):
                    tally.tidak_lengkap.append(y)
            continue
        ys, ye = (int(y.value) if y is not None else tahun for y in ytoks)  # type: ignore[arg-type]
        if it.start.tok.kind == "month":
            ms, me = int(it.start.tok.value), int(end.tok.value)  # type: ignore[arg-type]
            if (ys, ms) > (ye, me):
                # Reported alone: its years mean nothing until the order is fixed.
                tally.terbalik.append((it.start, ys, end, ye))
                continue
        for y in (ys, ye):
            if y != tahun and y not in tally.luar_tahun:
                tally.luar_tahun.append(y)
        if it.start.tok.kind == "recur":
            if ys == tahun:
                tally.bulan |= _BULAN_BERULANG[str(it.start.tok.value)]
            continue
        # Only the part of the range inside the plan year counts.
        if ys <= tahun <= ye:
            lo = ms if ys == tahun else 1
            hi = me if ye == tahun else 12
            tally.bulan |= set(range(lo, hi + 1))
    return tally


# --- messages ---------------------------------------------------------------


def _bentuk_diterima(tahun: int) -> str:
    return (
        f'satu bulan ("Maret {tahun}"), rentang ("Februari sampai dengan Desember {tahun}" '
        f'atau "Januari-Desember {tahun}"), daftar ("Maret, Juni, September, Desember {tahun}") '
        'atau berkala ("Setiap bulan", "Per triwulan", "Per semester")'
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


def _nama_titik(p: _Point, tahun: int) -> str:
    return f"{NAMA_BULAN[int(p.tok.value) - 1]} {tahun}"  # type: ignore[arg-type]


def _masalah(teks: str, tahun: int, tally: _Tally, toks: list[_Tok]) -> list[Masalah]:
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
        salah = [
            t for t in toks if t.kind in ("year", "shortnum") and t.value != tahun
        ]
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


def parse_target_waktu(teks: str, tahun: int) -> TargetWaktu:
    """Read `teks` as a target waktu for the plan year `tahun`."""
    if not teks.strip():
        pesan = (
            f'Target waktu kosong. Isi dengan bulan pada tahun {tahun}, mis. "Maret {tahun}", '
            f'"Januari sampai dengan Desember {tahun}" atau "Setiap bulan".'
        )
        return TargetWaktu(teks, frozenset(), None, (Masalah(TW_KOSONG, pesan),))

    toks = _tokenize(teks)
    try:
        items = _parse(_resolve(toks))
    except _TidakTerbaca as e:
        pesan = (
            f'Target waktu "{teks.strip()}" tidak dapat dibaca: {e.detail}. '
            f"Gunakan salah satu bentuk: {_bentuk_diterima(tahun)}."
        )
        return TargetWaktu(teks, frozenset(), None, (Masalah(TW_TIDAK_TERBACA, pesan),))

    tally = _evaluate(items, tahun)
    berulang = "+".join(r for r in _URUTAN_BERULANG if r in tally.berulang) or None
    masalah = tuple(_masalah(teks, tahun, tally, toks))
    return TargetWaktu(teks, frozenset(tally.bulan), berulang, masalah)


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
