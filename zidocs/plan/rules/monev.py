"""Rules on the monev input files plan/<tahun>/monev-<PERIODE>.yaml: unknown
indicators, realisasi outside 0–100, unknown statuses, periods not in the
year, meeting dates outside the period, incomplete meeting data.

Every mistake becomes a finding with its file and line, in Bahasa Indonesia,
naming the field and how to fix it. The checks that need the plan (is this
indicator in it?) or speak the secretariat's language better than a schema
message (realisasi 0–100, status belum/proses/selesai, a period of the year)
run on the raw YAML first; the schema (``MonevFile``) then checks the shape.
A file with errors yields no model: the report refuses to build from it.

Run by ``zidocs.plan.check.check_plan`` after the plan's own rules (the monev
files are not part of the plan that decrees are built from); the report reads
its input through the same ``validate_monev`` (``zidocs.plan.monev_input``),
so it refuses exactly what the check reports.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from zidocs.errors import InputError, aksi
from zidocs.plan.findings import Finding
from zidocs.plan.kunci import adalah_id, teks_indikator
from zidocs.plan.rujukan import periksa as periksa_rujukan
from zidocs.plan.loader import PlanSource
from zidocs.plan.models import Plan
from zidocs.plan.monev_file import STATUS, MonevFile
from zidocs.plan.monev_files import TENGGANG, kode_berkas, monev_files, rel_path
from zidocs.plan.periode import KODE_PERIODE, Periode, normalisasi_kode, periode, periode_sebelumnya
from zidocs.plan.rules.teks import ISTILAH_ASING, check_text, gabung_istilah, iter_texts, term_pattern
from zidocs.plan.yamldoc import YamlDoc, read_yaml, validate
from zidocs.text.saran import mirip
from zidocs.text.tanggal import format_tanggal

ARTI_STATUS = "belum (belum dimulai), proses (sedang berjalan) atau selesai"



def check(src: PlanSource) -> list[Finding]:
    """Findings of every monev file of the plan's year. A YAML syntax error
    becomes a finding too, listed with the others."""
    out: list[Finding] = []
    ws, plan = src.workspace, src.plan
    for path in monev_files(ws, plan.tahun):
        rel = rel_path(ws, path)
        try:
            doc = read_yaml(path, rel)
        except InputError as exc:
            out.append(input_error_finding(rel, exc))
            continue
        out += validate_monev(doc, plan, kode_berkas(path))[1]
    return out


def files(src: PlanSource) -> set[str]:
    """The monev files' paths as findings name them."""
    ws = src.workspace
    return {rel_path(ws, p) for p in monev_files(ws, src.tahun)}


def input_error_finding(rel: str, exc: InputError) -> Finding:
    msg = exc.message
    m = re.match(rf"^{re.escape(rel)}:(\d+): (.*)$", msg, re.DOTALL)
    if m:
        return Finding(rel, int(m.group(1)), "galat", "MONEV-YAML", m.group(2))
    return Finding(rel, 1, "galat", "MONEV-YAML", msg.removeprefix(f"{rel}: "))


def validate_monev(doc: YamlDoc, plan: Plan, kode: str) -> tuple[MonevFile | None, list[Finding]]:
    """(model, findings) for one monev file whose name promises period ``kode``."""
    findings: list[Finding] = []

    def f(path: tuple, level: str, kode_temuan: str, pesan: str) -> None:
        findings.append(Finding(doc.rel, doc.line(*path), level, kode_temuan, pesan))  # type: ignore[arg-type]

    per: Periode | None = None
    if kode not in KODE_PERIODE:
        f(("periode",), "galat", "MONEV-PERIODE",
          f"nama berkas menyebut periode “{kode}”, yang tidak ada dalam setahun; beri nama "
          f"monev-<PERIODE>.yaml dengan PERIODE salah satu dari {', '.join(KODE_PERIODE)}, mis. monev-TW1.yaml.")
    else:
        per = periode(kode, plan.tahun)

    data = doc.data
    if not isinstance(data, dict):
        model, schema = validate(doc, MonevFile)
        return None, findings + schema

    clean = copy.deepcopy(data)
    _check_periode(f, data, kode, per)
    _check_indikator(f, data, clean, plan, kode)
    _check_tindak_lanjut(f, data, clean, kode, per)
    _check_tanggal(f, data, per)

    model, schema = validate(YamlDoc(doc.rel, clean, doc.lines), MonevFile)
    findings += schema
    findings += _text_findings(doc, plan)
    for i, teks in enumerate(data.get("dasar") or [] if isinstance(data.get("dasar"), list) else []):
        if isinstance(teks, str):
            for pesan in periksa_rujukan(teks, plan):
                f(("dasar", i), "galat", "RUJUKAN-KEPUTUSAN", f"dasar[{i + 1}]: {pesan}")
    if isinstance(model, MonevFile):
        _check_lengkap(f, model, per)
        _check_konsisten(f, model, plan)
    if any(x.is_error for x in findings):
        return None, sorted(findings)
    assert isinstance(model, MonevFile)
    return model, sorted(findings)


def _text_findings(doc: YamlDoc, plan: Plan) -> list[Finding]:
    """The plan's text rules (emoji, length, unclosed *, foreign terms, …) on
    what the secretary wrote: it is printed in the official report too."""
    terms = term_pattern(ISTILAH_ASING + tuple(plan.istilah_asing))
    # `indikator.<kunci>.teks` copies the plan's text: the plan's own check reports it.
    return gabung_istilah([f for path, text in iter_texts(doc)
                           if not (len(path) == 3 and path[0] == "indikator" and path[2] == "teks")
                           for f in check_text(doc, path, text, terms)], plan.istilah_diterima)


def _check_periode(f, data: dict, kode: str, per: Periode | None) -> None:
    value = data.get("periode")
    if not isinstance(value, str):
        return  # missing or not text: the schema says so
    tertulis = normalisasi_kode(value)
    if tertulis not in KODE_PERIODE:
        f(("periode",), "galat", "MONEV-PERIODE",
          f"`periode` “{value}” tidak ada dalam setahun; tulis salah satu dari {', '.join(KODE_PERIODE)} "
          "(TW1–TW4 = triwulan, S1–S2 = semester).")
    elif per is not None and tertulis != kode:
        f(("periode",), "galat", "MONEV-PERIODE",
          f"`periode` tertulis {tertulis}, padahal nama berkasnya untuk {kode}; samakan keduanya "
          f"(ubah menjadi `periode: {kode}` atau ganti nama berkas menjadi monev-{tertulis}.yaml).")


def _label(plan: Plan, key: str) -> str:
    """How a message names the indicator of a monev entry: its printed ID now."""
    return plan.id_of(key) or key


def _check_indikator(f, data: dict, clean: dict, plan: Plan, kode: str) -> None:
    rows = data.get("indikator")
    if not isinstance(rows, dict):
        return
    by_kunci = plan.indikator_by_kunci()
    for key, row in rows.items():
        path = ("indikator", key)
        label = _label(plan, key)
        if adalah_id(key):
            f(path, "galat", "MONEV-MIGRASI",
              f"indikator “{key}” dirujuk dengan nomornya; isian monev merujuk indikator dengan kuncinya "
              "(`kunci:` di rencana-aksi.yaml) agar tetap melekat saat indikator disisipkan, dihapus atau "
              f"dipindah. Ubah rujukan berkas ini dengan {aksi('migrasi')} sebelum rencana aksi diubah.")
        elif key not in by_kunci:
            teks = row.get("teks") if isinstance(row, dict) else None
            dulu = f" (“{_short(str(teks))}”)" if teks else ""
            near = [f"{k} ({by_kunci[k].id})" for k in mirip(key, list(by_kunci), n=1, cutoff=0.8)]
            saran = f" Mungkin maksudnya {near[0]}?" if near else ""
            f(path, "galat", "MONEV-INDIKATOR",
              f"indikator berkunci “{key}”{dulu} tidak ada dalam rencana aksi {plan.tahun} (dihapus, atau "
              f"kuncinya diubah?).{saran} Hapus isian ini, atau kembalikan indikatornya beserta `kunci: {key}`; "
              f"lihat ID dan kunci indikator dengan {aksi('bukti-list')}.")
        elif isinstance(row, dict) and isinstance(row.get("teks"), str) and row["teks"].strip():
            now = by_kunci[key].indikator.indikator
            if teks_indikator(row["teks"]) != teks_indikator(now):
                f(path + ("teks",), "peringatan", "MONEV-TEKS-BERUBAH",
                  f"indikator {label}: teksnya berubah sejak isian ini ditulis (dulu “{_short(row['teks'])}”, "
                  f"kini “{_short(now)}”); periksa apakah isian ini masih untuk indikator yang sama, lalu "
                  "samakan `teks:` dengan teks sekarang.")
        if row is None:  # "i3f9c2b1e:" with nothing under it: an empty row
            clean["indikator"][key] = {}
            continue
        if not isinstance(row, dict):
            continue  # the schema says it must be a mapping
        if "realisasi" in row and row["realisasi"] is not None:
            value = row["realisasi"]
            masalah = _masalah_realisasi(value)
            if masalah:
                f(path + ("realisasi",), "galat", "MONEV-REALISASI", f"indikator {label}: `realisasi` {masalah}")
                clean["indikator"][key]["realisasi"] = None
        if "status" in row and row["status"] is not None:
            value = row["status"]
            if value not in STATUS:
                f(path + ("status",), "galat", "MONEV-STATUS",
                  f"indikator {label}: `status` {_masalah_status(value)}")
                clean["indikator"][key]["status"] = None


def _short(text: str, n: int = 80) -> str:
    text = teks_indikator(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _masalah_realisasi(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = f"“{value}”" if isinstance(value, str) else repr(value)
        hint = ""
        if isinstance(value, str):
            angka = value.replace("%", "").replace(",", ".").strip()
            try:
                hint = f" (mis. `realisasi: {float(angka):g}`)"
            except ValueError:
                hint = ""
        return f"harus angka persen 0–100 tanpa tanda %{hint}, bukan {shown}."
    if not 0 <= value <= 100:
        return f"harus antara 0 dan 100 (persen), tertulis {value:g}; perbaiki angkanya."
    return None


def _masalah_status(value: Any) -> str:
    shown = f"“{value}”" if isinstance(value, str) else repr(value)
    if isinstance(value, str):
        low = value.strip().casefold()
        if low in STATUS:
            return f"ditulis {shown}; tulis dengan huruf kecil: `{low}`."
        near = mirip(low, STATUS)
        if near:
            return f"“{value}” tidak dikenal. Mungkin maksudnya `{near[0]}`? Pilihan: {ARTI_STATUS}."
    return f"harus salah satu dari: {ARTI_STATUS}; bukan {shown}."


def _check_tindak_lanjut(f, data: dict, clean: dict, kode: str, per: Periode | None) -> None:
    items = data.get("tindak_lanjut_rekomendasi")
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        path = ("tindak_lanjut_rekomendasi", i)
        status = item.get("status")
        if status is not None and status not in STATUS:
            f(path + ("status",), "galat", "MONEV-STATUS",
              f"tindak lanjut rekomendasi ke-{i + 1}: `status` {_masalah_status(status)}")
            clean["tindak_lanjut_rekomendasi"][i]["status"] = "belum"
        asal = item.get("asal")
        if isinstance(asal, str):
            a = normalisasi_kode(asal)
            clean["tindak_lanjut_rekomendasi"][i]["asal"] = a
            if a not in KODE_PERIODE:
                f(path + ("asal",), "galat", "MONEV-PERIODE",
                  f"tindak lanjut rekomendasi ke-{i + 1}: `asal` “{asal}” bukan periode; tulis periode "
                  f"rapat yang membuat rekomendasi itu, salah satu dari {', '.join(KODE_PERIODE)}.")
            elif per is not None and periode_sebelumnya(kode, [a]) is None:
                f(path + ("asal",), "galat", "MONEV-PERIODE",
                  f"tindak lanjut rekomendasi ke-{i + 1}: `asal` {a} tidak berakhir sebelum {kode}; yang "
                  f"ditindaklanjuti di sini hanya rekomendasi periode sebelumnya. Pindahkan butir ini ke "
                  f"`rekomendasi` bila dibuat pada rapat {kode}.")


def _check_tanggal(f, data: dict, per: Periode | None) -> None:
    if per is None:
        return
    batas = per.akhir + TENGGANG
    rapat = data.get("rapat") if isinstance(data.get("rapat"), dict) else {}
    for path, label, value in ((("rapat", "tanggal"), "tanggal rapat", rapat.get("tanggal")),
                               (("tanggal_laporan",), "tanggal laporan", data.get("tanggal_laporan"))):
        if isinstance(value, dt.date) and not per.awal <= value <= batas:
            f(path, "galat", "MONEV-TANGGAL",
              f"{label} {format_tanggal(value)} di luar {per.judul} ({per.rentang}); tulis tanggal antara "
              f"{format_tanggal(per.awal)} dan {format_tanggal(batas)} dengan format TTTT-BB-HH.")


def _check_lengkap(f, m: MonevFile, per: Periode | None) -> None:
    """What the report needs but a file in preparation may lack: warnings
    here, errors when the report is built (``require_lengkap``)."""
    kurang = [k for k in ("tanggal", "pimpinan", "peserta") if getattr(m.rapat, k) is None]
    if kurang:
        daftar = ", ".join(f"`rapat.{k}`" for k in kurang)
        f(("rapat",), "peringatan", "MONEV-BELUM-LENGKAP",
          f"{daftar} belum diisi; laporan monev baru dapat dibuat setelah data rapat (tanggal, pimpinan "
          "rapat, jumlah peserta) diisi.")
    if m.penandatangan is None:
        f(("penandatangan",), "peringatan", "MONEV-BELUM-LENGKAP",
          "`penandatangan` belum diisi; isi `ketua_tim` dan `penanggung_jawab` (nama, nip, jabatan) "
          "agar laporan dapat ditandatangani.")


def _check_konsisten(f, m: MonevFile, plan: Plan) -> None:
    for key, row in m.indikator.items():
        label = _label(plan, key)
        path = ("indikator", key, "realisasi")
        if row.realisasi is None or row.status is None:
            continue
        if row.status == "selesai" and row.realisasi < 100:
            f(path, "peringatan", "MONEV-TIDAK-SELARAS",
              f"indikator {label}: status selesai tetapi realisasi {row.realisasi:g}%; isi realisasi 100 "
              "atau ubah status menjadi proses.")
        elif row.status == "belum" and row.realisasi > 0:
            f(path, "peringatan", "MONEV-TIDAK-SELARAS",
              f"indikator {label}: status belum tetapi realisasi {row.realisasi:g}%; ubah status menjadi "
              "proses atau realisasi menjadi 0.")
