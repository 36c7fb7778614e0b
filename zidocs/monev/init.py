"""`zidocs monev init`: write a period's input file pre-filled, or complete one.

What is added: every indicator due by the period's end (with a status
suggested from the previous period and the evidence store), the previous
period's recommendations and still-open follow-ups, the meeting, basis and
signatories skeleton. What is never done: change or remove anything already
in the file. Re-running init therefore only adds what is missing (indicators
that became due after a plan change, recommendations written since); a file
that needs nothing is not rewritten at all.

The file is edited with ruamel.yaml's round-trip mode, so the secretary's
comments, order and quoting survive; it is written atomically, and only after
the existing file, the previous period's file and the plan were read and
checked.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from zidocs.office import atomic
from zidocs.errors import InputError, PlanInvalid
from zidocs.plan.check import load_plan
from zidocs.text.markup import plain
from zidocs.plan.models import Plan
from zidocs.text.tanggal import format_tanggal
from zidocs.text.target_waktu import parse_target_waktu
from zidocs.plan.workspace import Workspace
from zidocs.monev.bukti import baca_tanggal_bukti, store_root
from zidocs.monev.figures import _kunci, bawaan
from zidocs.plan.monev_files import monev_path, periode_tersedia, rel_path
from zidocs.plan.monev_input import MonevDoc, read_monev
from zidocs.plan.monev_file import IsianIndikator, MonevFile
from zidocs.plan.monev_kunci import komentar_id, segarkan_id
from zidocs.plan.periode import Periode, periode, periode_sebelumnya
from zidocs.monev.report import dasar_bawaan

URUTAN_KUNCI = ("periode", "contoh", "tanggal_laporan", "dasar", "rapat", "penandatangan", "indikator",
                "rekomendasi", "tindak_lanjut_rekomendasi")
_PERINGKAT = {"belum": 0, "proses": 1, "selesai": 2}


@dataclass
class InitResult:
    path: Path
    rel: str
    dibuat: bool  # the file did not exist
    ditulis: bool  # the file was (re)written; False when nothing was missing
    indikator_baru: list[str] = field(default_factory=list)
    tindak_lanjut_baru: int = 0
    kunci_baru: list[str] = field(default_factory=list)
    sebelumnya: str | None = None  # period carried over from
    catatan: list[str] = field(default_factory=list)  # hints for the secretary


@dataclass(frozen=True)
class Saran:
    status: str
    realisasi: float
    alasan: str
    kendala: str = ""
    tindak_lanjut: str = ""
    catatan: str = ""


def saran_status(
    bulan: frozenset[int],
    per: Periode,
    tanggal_bukti: tuple[dt.date, ...],
    prev: IsianIndikator | None,
    prev_per: Periode | None,
) -> Saran:
    """The status to pre-fill (pure). Evidence added on or before the period's
    end → at least "proses"; "selesai" last period stays "selesai" unless
    the target has months due since; an unfinished item keeps its status,
    realisasi and open notes."""
    n = sum(1 for d in tanggal_bukti if d <= per.batas_bukti)
    status = "proses" if n else "belum"
    alasan = (f"{n} berkas bukti s.d. {format_tanggal(per.batas_bukti)}" if n
              else f"belum ada bukti s.d. {format_tanggal(per.batas_bukti)}")
    if prev is None or prev.status is None or prev_per is None:
        return Saran(status, 0, alasan)
    baru = any(prev_per.bulan_akhir < b <= per.bulan_akhir for b in bulan)
    if prev.status == "selesai" and not baru:
        return Saran("selesai", prev.realisasi if prev.realisasi is not None else 100, f"selesai pada {prev_per.kode}")
    if prev.status == "selesai":
        if _PERINGKAT[status] < _PERINGKAT["proses"]:
            status = "proses"
        return Saran(status, 0, f"selesai pada {prev_per.kode}, ada target bulan berikutnya; {alasan}")
    if _PERINGKAT[prev.status] > _PERINGKAT[status]:
        status = prev.status
    realisasi = prev.realisasi if prev.realisasi is not None and status == prev.status else 0
    return Saran(status, realisasi, f"{prev.status} pada {prev_per.kode}; {alasan}",
                 prev.kendala, prev.tindak_lanjut, prev.catatan)


# --- YAML round trip -----------------------------------------------------------------


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never fold a long text
    y.allow_unicode = True
    y.preserve_quotes = True
    return y


def _dump(data: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def _eol(cm: CommentedMap, key: str, text: str) -> None:
    """An end-of-line comment on ``key``, always two spaces after the value
    (ruamel puts one or two, depending on the comments before it)."""
    cm.yaml_add_eol_comment(text, key)
    token = cm.ca.items[key][2]
    token.value = " " + token.value.lstrip(" ")


def _insert_key(cm: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Insert ``key`` after the last existing key that precedes it in ``order``."""
    pos = 0
    keys = list(cm.keys())
    rank = {k: i for i, k in enumerate(order)}
    for i, k in enumerate(keys):
        if k in rank and rank[k] < rank.get(key, len(order)):
            pos = i + 1
    cm.insert(pos, key, value)


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """(container, key) of the deepest last entry of ``node``: where ruamel
    keeps the comment lines that follow it."""
    slot = None
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
        slot = (node, key)
        node = node[key]
    return slot


def _move_following_comments(before: Any, new: Any) -> None:
    """ruamel stores the comment lines above a key as the tail of the previous
    entry's comment. When ``new`` is inserted right after ``before``, move
    those lines (they belong to the next key) to the end of ``new``; the end
    of line comment of ``before`` stays where it is."""
    src, dst = _last_slot(before), _last_slot(new)
    if src is None or dst is None:
        return
    (sc, sk), (dc, dk) = src, dst
    pos = 0 if isinstance(sc, CommentedSeq) else 2
    entry = sc.ca.items.get(sk)
    token = entry[pos] if entry and len(entry) > pos else None
    if token is None or "\n" not in token.value:
        return
    eol, rest = token.value.split("\n", 1)
    if not rest:
        return
    if eol.strip():
        token.value = eol + "\n"
    else:
        entry[pos] = None
    dpos = 0 if isinstance(dc, CommentedSeq) else 2
    dentry = dc.ca.items.setdefault(dk, [None, None, None, None])
    if dentry[dpos] is None:
        dentry[dpos] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        dentry[dpos].value = dentry[dpos].value.rstrip("\n") + "\n" + rest


def _move_leading_comments(rows: CommentedMap, parent: CommentedMap, new: Any) -> None:
    """The comment lines above a mapping's first key belong to that key: when
    ``new`` becomes the first key, move them to the end of ``new``."""
    lead = rows.ca.comment[1] if rows.ca.comment and len(rows.ca.comment) > 1 else None
    dst = _last_slot(new)
    if not lead or dst is None:
        return
    text = "".join(" " * t.column + t.value.lstrip(" ") for t in lead if t.value.strip())
    rows.ca.comment[1] = None
    for entry in parent.ca.items.values():  # the parent keeps the same tokens
        if len(entry) > 3 and entry[3] is not None and any(t in lead for t in entry[3]):
            entry[3] = None
    if not text:
        return
    dc, dk = dst
    dpos = 0 if isinstance(dc, CommentedSeq) else 2
    dentry = dc.ca.items.setdefault(dk, [None, None, None, None])
    if dentry[dpos] is None:
        dentry[dpos] = CommentToken("\n" + text, CommentMark(0), None)
    else:
        dentry[dpos].value = dentry[dpos].value.rstrip("\n") + "\n" + text


def _short(text: str, n: int = 110) -> str:
    text = " ".join(plain(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- init ----------------------------------------------------------------------------


def init_monev(
    ws: Workspace,
    tahun: int | None,
    kode: str,
    *,
    bukti: Path | None = None,
    tz: dt.tzinfo | None = None,
    plan: Plan | None = None,
) -> InitResult:
    plan = plan or load_plan(ws, tahun)
    try:
        per = periode(kode, plan.tahun)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    path = monev_path(ws, plan.tahun, per.kode)
    rel = rel_path(ws, path)

    prev_kode = periode_sebelumnya(per.kode, periode_tersedia(ws, plan.tahun))
    prev_doc = read_monev(ws, plan, monev_path(ws, plan.tahun, prev_kode)) if prev_kode else None
    existing_doc = read_monev(ws, plan, path) if path.is_file() else None
    problems = [f for d in (existing_doc, prev_doc) if d is not None for f in d.findings if f.is_error]
    if problems:
        raise PlanInvalid(problems)  # never merge into (or carry from) a file with errors
    prev = prev_doc.model if prev_doc else None
    prev_per = periode(prev_kode, plan.tahun) if prev_kode else None
    tanggal_bukti = baca_tanggal_bukti(store_root(ws.root, bukti), plan.tahun, tz=tz)

    old_text = path.read_text(encoding="utf-8") if path.is_file() else ""
    root = _yaml().load(old_text) if old_text.strip() else None
    dibuat = not path.is_file()
    if root is None:
        root = CommentedMap()
        root.yaml_set_start_comment(_header(per))
    if not isinstance(root, CommentedMap):  # pragma: no cover - read_monev reports this as an error
        raise InputError(f"{rel}: isi berkas harus berupa pemetaan `kunci: nilai`.")

    result = InitResult(path, rel, dibuat, False, sebelumnya=prev_kode)
    _merge(root, plan, per, prev, prev_per, tanggal_bukti, existing_doc, result)
    new_text = segarkan_id(_dump(root), plan)
    if new_text != old_text:
        atomic.write_text(path, new_text)
        result.ditulis = True
    return result


def _header(per: Periode) -> str:
    return (
        f"Isian monev {per.judul} ({per.rentang}), disiapkan oleh `zidocs monev init`.\n"
        "Isi per indikator: realisasi (0-100), status (belum / proses / selesai), kendala, tindak_lanjut,\n"
        "catatan; lalu data rapat, rekomendasi rapat dan tindak lanjut rekomendasi periode sebelumnya.\n"
        "Status yang terisi adalah saran zidocs (dari periode sebelumnya dan penyimpanan bukti): periksa.\n"
        "Menjalankan init lagi hanya menambah yang belum ada; isian yang sudah ditulis tidak ditimpa."
    )


def penandatangan_dari_tim(plan: Plan) -> tuple[dict, bool] | None:
    """Signatories from the year's Tim Kerja (plan/<tahun>/tim.yaml: its
    `ketua` and `penanggung_jawab`), when the plan has one; else None.
    Best effort: the team file is optional and read through the plan."""
    tim = plan.tim.tim_kerja if plan.tim is not None else None
    if tim is None:
        return None
    known = plan.orang_by_id()
    orang = {}
    for key in ("ketua", "penanggung_jawab"):
        refs = getattr(tim, key)
        ref = refs[0] if isinstance(refs, list) and refs else refs
        if not ref or (isinstance(ref, str) and ref not in known):
            return None  # not named (or unknown: `zidocs check` reports that)
        orang[key] = plan.orang(ref)

    def pejabat(o, jabatan: list[str]) -> dict:
        return {"nama": o.nama, **({"nip": o.nip} if o.nip else {}), "jabatan": jabatan}

    value = {
        "ketua_tim": pejabat(orang["ketua"], ["Ketua Tim Kerja", "Pembangunan Zona Integritas"]),
        "penanggung_jawab": pejabat(orang["penanggung_jawab"], [orang["penanggung_jawab"].jabatan,
                                                                "selaku Penanggung Jawab"]),
    }
    return value, any(getattr(o, "contoh", False) for o in orang.values())


def _merge(root: CommentedMap, plan: Plan, per: Periode, prev: MonevFile | None, prev_per: Periode | None,
           tanggal_bukti, existing_doc: MonevDoc | None, result: InitResult) -> None:
    def add(key: str, value: Any) -> None:
        _insert_key(root, key, value, URUTAN_KUNCI)
        result.kunci_baru.append(key)

    if "periode" not in root:
        add("periode", per.kode)
    if "contoh" not in root and prev is not None and prev.contoh:
        add("contoh", True)  # carried from sample data: the report must keep saying so
        _eol(root, "contoh", f"dibawa dari {prev.periode}; hapus bila isian ini data sebenarnya")
    if "tanggal_laporan" not in root:
        add("tanggal_laporan", None)
        _eol(root, "tanggal_laporan", "kosong = tanggal rapat")
    if "dasar" not in root:
        add("dasar", CommentedSeq(list(prev.dasar) if prev and prev.dasar else dasar_bawaan(plan)))
    if "rapat" not in root:
        rapat = CommentedMap()
        add("rapat", rapat)
    rapat = root["rapat"]
    if isinstance(rapat, CommentedMap):
        for k, comment in (("tanggal", "TTTT-BB-HH"), ("tempat", None), ("pimpinan", "nama yang memimpin rapat"),
                           ("jabatan_pimpinan", None), ("peserta", "jumlah peserta yang hadir")):
            if k not in rapat:
                value = prev.rapat.tempat if (k == "tempat" and prev) else None
                rapat[k] = value
                if comment:
                    _eol(rapat, k, comment)
    if "penandatangan" not in root:
        if prev is not None and prev.penandatangan is not None:
            add("penandatangan", prev.penandatangan.model_dump(exclude_none=True))
        elif (dari_tim := penandatangan_dari_tim(plan)) is not None:
            value, contoh = dari_tim
            add("penandatangan", value)
            result.catatan.append(
                f"penandatangan diambil dari Tim Kerja di plan/{plan.tahun}/tim.yaml"
                + ("; namanya CONTOH (contoh: true), ganti sebelum laporan ditandatangani." if contoh else ".")
            )
    if "indikator" not in root:
        add("indikator", CommentedMap())
    rows = root["indikator"]
    if isinstance(rows, CommentedMap):
        _merge_indikator(rows, root, plan, per, prev, prev_per, tanggal_bukti, result)
    if "penandatangan" not in root and "indikator" in result.kunci_baru:
        # once, with the new indicator mapping; the secretary replaces it
        root.yaml_set_comment_before_after_key(
            "indikator",
            before=("penandatangan:  # isi agar laporan dapat ditandatangani, mis.:\n"
                    "  ketua_tim: {nama: ..., nip: ..., jabatan: [Ketua Tim Kerja, Zona Integritas]}\n"
                    "  penanggung_jawab: {nama: ..., nip: ..., jabatan: [Penanggung Jawab, Zona Integritas]}"),
        )
    if "rekomendasi" not in root:
        add("rekomendasi", CommentedSeq())
    if "tindak_lanjut_rekomendasi" not in root:
        add("tindak_lanjut_rekomendasi", CommentedSeq())
    seq = root["tindak_lanjut_rekomendasi"]
    if isinstance(seq, CommentedSeq):
        _merge_tindak_lanjut(seq, prev, result)


def _merge_indikator(rows: CommentedMap, parent: CommentedMap, plan: Plan, per: Periode, prev: MonevFile | None,
                     prev_per: Periode | None, tanggal_bukti, result: InitResult) -> None:
    refs = [r for r in plan.indikator_list() if r.kunci]  # api.monev_init writes missing keys first
    order = tuple(r.kunci for r in refs)
    for ref in refs:
        kunci = ref.kunci
        bulan = parse_target_waktu(ref.indikator.target_waktu, plan.tahun).bulan
        dates = tanggal_bukti.get(kunci, ())
        if kunci in rows:
            row = rows[kunci]
            if isinstance(row, dict) and row.get("status") == "belum":
                n = sum(1 for d in dates if d <= per.batas_bukti)
                if n:
                    result.catatan.append(
                        f"{ref.id}: tertulis `status: belum`, padahal ada {n} berkas bukti s.d. "
                        f"{format_tanggal(per.batas_bukti)}; periksa apakah seharusnya `proses`.")
            continue
        if not per.jatuh_tempo_sampai_akhir(bulan):
            continue
        rows.fa.set_block_style()
        prev_row = prev.indikator.get(kunci) if prev else None
        s = saran_status(bulan, per, dates, prev_row, prev_per)
        row = CommentedMap()
        row["teks"] = " ".join(ref.indikator.indikator.split())
        row["realisasi"] = int(s.realisasi) if float(s.realisasi).is_integer() else s.realisasi
        row["status"] = s.status
        _eol(row, "status", f"saran zidocs: {s.alasan}")
        row["kendala"] = s.kendala
        row["tindak_lanjut"] = s.tindak_lanjut
        row["catatan"] = s.catatan
        _insert_key(rows, kunci, row, order)
        keys = list(rows.keys())
        i = keys.index(kunci)
        if i > 0:
            _move_following_comments(rows[keys[i - 1]], row)
        elif len(keys) > 1:
            _move_leading_comments(rows, parent, row)
        _eol(rows, kunci, komentar_id(ref.id, ref.indikator.target_waktu))
        result.indikator_baru.append(ref.id)


def _merge_tindak_lanjut(seq: CommentedSeq, prev: MonevFile | None, result: InitResult) -> None:
    have = {_kunci(str(x.get("asal", "")).upper(), str(x.get("rekomendasi", "")))
            for x in seq if isinstance(x, dict)}
    open_prev = {}
    if prev is not None:
        open_prev = {_kunci(t.asal, t.rekomendasi): t for t in prev.tindak_lanjut_rekomendasi}
    for asal, teks in bawaan(prev):
        k = _kunci(asal, teks)
        if k in have:
            continue
        item = CommentedMap()
        item["asal"] = asal
        item["rekomendasi"] = teks
        carried = open_prev.get(k)
        item["status"] = carried.status if carried else "belum"
        item["keterangan"] = carried.keterangan if carried else ""
        seq.fa.set_block_style()  # `[]` written by a person becomes a block list
        seq.append(item)
        have.add(k)
        result.tindak_lanjut_baru += 1
