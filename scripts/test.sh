#!/bin/sh
# Pasang semua yang dibutuhkan, lalu jalankan seluruh uji.
. "$(dirname "$0")/_setup.sh"
exec .venv/bin/python -m pytest -q "$@"
