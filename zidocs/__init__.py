"""zidocs — dokumen Zona Integritas dari satu rencana terstruktur."""

__version__ = "0.1.0"
