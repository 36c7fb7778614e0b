"""Keputusan (decrees): one skeleton for every kind, a Lampiran per kind."""
