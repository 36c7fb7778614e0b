"""Import another office's Rencana Aksi table (DOCX, XLSX, ODS, CSV) into a new
plan/<tahun>/rencana-aksi.yaml.

Shape: one reader per format turns a file into ``Tabel`` grids (``grid``:
cell texts with ``*italics*`` markup, row and column spans resolved), then one
pure function (``tabel.baca_rencana``) reads the grids into areas, components
and indicators and reports every row it could not place; ``tulis`` writes the
YAML (atomically, never over an existing plan unless asked).
"""
