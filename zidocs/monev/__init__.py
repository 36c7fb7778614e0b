"""Monev (monitoring dan evaluasi): per-period input, figures, report, status.

Data flows one way: plan + monev input (plan/<tahun>/monev-<PERIODE>.yaml) +
evidence dates (the evidence registry, read-only) → ``figures.hitung`` (pure)
→ the report (``report``), the terminal view (``status``) and any later web
view. Input is checked by ``input`` (the same checks `zidocs check` runs);
``init`` writes a pre-filled input file without overwriting what a person wrote.
"""

from zidocs.monev.figures import Figures, hitung
from zidocs.plan.periode import KODE_PERIODE, Periode, periode, periode_posisi

__all__ = ["KODE_PERIODE", "Figures", "Periode", "hitung", "periode", "periode_posisi"]
