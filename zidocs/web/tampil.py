"""Library messages in the web's own terms: action markers become links to pages."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zidocs.errors import render_aksi
from zidocs.text import markup

# What each action a library message names (zidocs.errors.aksi) is on the web.
AKSI_WEB = {
    "check": ("/pemeriksaan", "halaman Pemeriksaan"),
    "init": (None, "buat folder kerja baru (tanyakan admin)"),
    "sk": ("/dokumen", "buat SK {0} di halaman Dokumen"),
    "nomor": ("/dokumen", "daftar nomor keputusan di halaman Dokumen"),
    "monev-init": (None, "siapkan isian monev {1} (tanyakan admin)"),
    "bukti-add": ("/rencana", "unggah bukti di halaman indikatornya"),
    "bukti-list": ("/rencana", "halaman Rencana Aksi"),
    "bukti-remove": ("/rencana", "hapus bukti {0} di halaman indikatornya"),
    "bukti-restore": (None, "minta Sekretariat memulihkannya dari sampah"),
    "pilih-folder-kerja": (None, "folder kerja server tidak berisi plan/; hubungi admin"),
    "pilih-gudang-bukti": (None, "periksa penyimpanan bukti server; hubungi admin"),
}

_INDIKATOR = re.compile(r"\b((?:I|II|III|IV|V|VI)\.\d+\.\d+)\b")
_JALUR = re.compile(r"area\[(\d+)\]\.komponen\[(\d+)\]\.indikator\[(\d+)\]")


def id_dari_jalur(plan, text: str):
    """The indicator ID a finding's key path (area[6].komponen[3].indikator[2], from 1) names, if any."""
    m = _JALUR.search(text)
    if plan is None or m is None:
        return None
    a, k, i = (int(g) for g in m.groups())
    try:
        area = plan.rencana_aksi.area[a - 1]
        komponen = area.komponen[k - 1]
        komponen.indikator[i - 1]
    except IndexError:
        return None
    return f"{area.kode}.{komponen.no}.{i}"


def _label(nama: str, args: list[str]) -> tuple[str | None, str]:
    href, label = AKSI_WEB.get(nama, (None, nama))
    try:
        label = label.format(*args)
    except IndexError:
        pass
    return href, label


def tampil_html(text: str, *, tautan_indikator: bool = False) -> SafeString:
    """A library message as HTML: escaped, markers as links, indicator IDs optionally linked."""
    safe = escape(text)  # markers survive escaping (no HTML-special characters in them)
    if tautan_indikator:
        safe = _INDIKATOR.sub(lambda m: f'<a href="/indikator/{m.group(1)}">{m.group(1)}</a>', safe)

    def render(nama: str, args: list[str]) -> str:
        href, label = _label(nama, args)
        return f'<a href="{href}">{label}</a>' if href else label  # label: from the escaped text

    return mark_safe(render_aksi(safe, render))


def teks_polos(text: str) -> str:
    """A library message as plain text (markers as the page's name)."""
    return render_aksi(text, lambda nama, args: _label(nama, args)[1])


def miring(text: str) -> SafeString:
    """Plan text as HTML: escaped, ``*italic*`` as <em> (as the documents print it);
    text that does not parse is shown as written."""
    runs = markup.runs(markup.lenient(text))
    return mark_safe("".join(f"<em>{escape(r.text)}</em>" if r.italic else escape(r.text) for r in runs))


def polos(text: str) -> str:
    """Plan text without markup, for places that show no italics (an <option>, a title)."""
    return markup.plain_lenient(text)
