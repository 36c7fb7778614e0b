#!/bin/sh
# Pasang semua yang dibutuhkan, periksa rencana 2026, lalu tulis Keputusan
# Rencana Aksi (asli dan salinan, DOCX dan PDF) ke out/2026/.
. "$(dirname "$0")/_setup.sh"
.venv/bin/zidocs check 2026
.venv/bin/zidocs keputusan 2026
