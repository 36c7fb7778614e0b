"""Rules on the office data of plan/kantor.yaml that the documents draw:
its logo."""

from __future__ import annotations

from zidocs.office.logo import image_kind
from zidocs.plan.findings import Finding
from zidocs.plan.loader import PlanSource


def check(src: PlanSource) -> list[Finding]:
    logo = src.plan.kantor.logo
    if not logo:
        return []
    doc = src.doc("kantor")
    path = src.workspace.root / logo
    if not path.is_file():
        why = "tidak ditemukan"
    elif image_kind(path) is None:
        why = "bukan gambar PNG atau JPEG"
    else:
        return []
    return [Finding(doc.rel, doc.line("kantor", "logo"), "peringatan", "LOGO-TIDAK-ADA",
                    f"logo “{logo}” {why}; dokumen dicetak tanpa logo. Simpan lambang kantor sebagai PNG atau "
                    "JPEG di folder kerja (mis. plan/logo.png) dan tulis jalurnya di `kantor.logo`, atau hapus "
                    "`logo:`.")]
