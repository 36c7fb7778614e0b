"""The indexed evidence dossier per area (court e-bundle standard)."""

from zidocs.dossier.build import DossierResult, build_all, build_dossier, output_dir

__all__ = ["DossierResult", "build_all", "build_dossier", "output_dir"]
