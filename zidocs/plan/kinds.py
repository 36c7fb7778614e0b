"""Kinds of decree (jenis keputusan): one record per kind that says where its
plan file, its Lampiran template and its output live.

Every kind shares one skeleton (templates/keputusan/keputusan.docx); a kind
adds a plan file plan/<tahun>/keputusan-<jenis>.yaml and, when it has a
Lampiran, templates/keputusan/lampiran-<jenis>.docx. The three kinds zidocs
knows get a Lampiran computed in Python (``zidocs.keputusan.context``) and
rules of their own (``zidocs.plan.rules.tim``); any other kind is a template
plus data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLAN_PREFIX = "keputusan-"
_NAMA = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class JenisKeputusan:
    jenis: str  # e.g. "tim-kerja": the name in keputusan-<jenis>.yaml
    stem: str  # output file stem: out/<tahun>/<stem>.docx and <stem>-salinan.docx

    @property
    def plan_file(self) -> str:
        return f"{PLAN_PREFIX}{self.jenis}.yaml"

    @property
    def doc_key(self) -> str:
        """The key of its YAML document among the plan's documents."""
        return f"{PLAN_PREFIX}{self.jenis}"

    @property
    def lampiran_template(self) -> str:
        return f"lampiran-{self.jenis}.docx"


RENCANA_AKSI = JenisKeputusan("rencana-aksi", "keputusan-rencana-aksi")
TIM_KERJA = JenisKeputusan("tim-kerja", "sk-tim-kerja")
AGEN_PERUBAHAN = JenisKeputusan("agen-perubahan", "sk-agen-perubahan")
BAWAAN = {k.jenis: k for k in (RENCANA_AKSI, TIM_KERJA, AGEN_PERUBAHAN)}


def jenis_keputusan(jenis: str) -> JenisKeputusan:
    """The record of a kind; a kind zidocs does not know is written as sk-<jenis>."""
    return BAWAAN.get(jenis) or JenisKeputusan(jenis, f"sk-{jenis}")


def nama_sah(jenis: str) -> bool:
    """Lower-case letters, digits and hyphens: a name that is also a file name."""
    return _NAMA.fullmatch(jenis) is not None
