"""A minimal project on disk (one module, one pack, one picture) and the findings of loading it."""

from __future__ import annotations

from pathlib import Path

from markdown_dump import PNG

from packgen.errors import PackgenError
from packgen.load.project import load

MODULE = "---\ntitle: Welcome\nduration: 10\n---\n\n## Hello\n\nText.\n"
PACK = """\
title: T
audience: staff
organisation: Org
date: 2026-03-03
start: "10:00"
slot: 15
venue: Room
facilitators: [A]
modules: [welcome]
"""
AUDIENCES = "- id: staff\n- id: mixed\n- id: self-advocates\n"
THEME = "colours: {text: '#000000', background: '#FFFFFF', accent: '#00485A'}\n"


def make(tmp_path: Path, files: dict[str, str]) -> Path:
    """Return a minimal project with ``files`` added (a name given None is left out)."""
    base = {"content/modules/welcome.md": MODULE, "content/packs/p.yaml": PACK,
            "content/audiences.yaml": AUDIENCES, **files}
    for name, text in base.items():
        if text is None:
            continue
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "content/images").mkdir(exist_ok=True)
    (tmp_path / "content/images/pic.png").write_bytes(PNG)
    return tmp_path


def findings(root: Path) -> list[str]:
    """Return every diagnostic line loading ``root`` gives, once each: project errors, notes
    (a broken module's errors among them) and pack errors."""
    try:
        loaded = load(root)
    except PackgenError as exc:
        return [str(d) for d in exc.diagnostics]
    errors = [d for ds in loaded.pack_errors.values() for d in ds]
    return [str(d) for d in dict.fromkeys((*loaded.diagnostics, *errors))]
