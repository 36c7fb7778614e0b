"""Usage mistakes on the command line: exit 2, said in Bahasa Indonesia."""

from __future__ import annotations

import pytest

from zidocs.cli import run


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["kputusan"], "zidocs: perintah “kputusan” tidak dikenal."),
        (["keputusan", "--pfd"], "zidocs: opsi --pfd tidak dikenal. Mungkin maksudnya: --pdf."),
        (["keputusan", "abc"], "zidocs: nilai TAHUN tidak sah: harus bilangan bulat, misalnya 2026"),
        (["keputusan", "2026", "2027"], "zidocs: argumen berlebih: 2027."),
        (["keputusan", "--tanggal-buat", "6-3-2026"],
         "zidocs: nilai --tanggal-buat tidak sah: “6-3-2026” bukan tanggal TTTT-BB-HH, misalnya 2026-03-06."),
        (["check", "--strict=1"], "zidocs: opsi --strict tidak menerima nilai."),
        (["bukti", "remove"], "zidocs: argumen ID wajib diisi."),
        (["monev", "2026"], "zidocs: opsi --periode / -p wajib diisi."),
    ],
)
def test_usage_errors(ws_dir, capsys, argv, message):
    assert run(["-w", str(ws_dir), *argv]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == message
    assert "--help' untuk bantuan." in err
    for english in ("Error:", "Try '", "Invalid value", "Missing", "No such", "Got unexpected"):
        assert english not in err
