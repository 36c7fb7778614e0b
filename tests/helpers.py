"""Test helpers shared by the test modules (imported as `helpers`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO.parent / "shared" / "reference" / "keputusan-kpu-merangin-9-2026.txt"


def copy_workspace(dest: Path) -> Path:
    """A private workspace: the shipped plan/ and templates/ copied to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in ("plan", "templates"):
        shutil.copytree(REPO / part, dest / part)
    return dest


def edit_yaml(path: Path, change) -> None:
    """Load ``path`` round-trip, let ``change(data)`` mutate it, write it back
    (comments and layout kept, so line numbers elsewhere stay put)."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)


def embedded_fonts(reader) -> dict[str, bool]:
    """Every font of a PDF (pypdf reader) by /BaseFont: is its program embedded?"""
    seen = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    seen[str(f.get("/BaseFont"))] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return seen
