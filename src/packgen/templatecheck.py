"""What ``packgen template check`` inspects: the chosen deck template with the project's theme."""

from __future__ import annotations

from pathlib import Path

from packgen.errors import PackgenError
from packgen.paths import find_template, relative
from packgen.rules.template import TemplateReport, template_report


def inspect_template(root: Path, path: Path | None = None) -> TemplateReport:
    """Return the report on ``path``, or on the deck template the project's packs would use."""
    from packgen.load.project import load_theme

    root = root.resolve()
    chosen, display = _choose(root, path)
    return template_report(chosen, load_theme(root), "en-GB", display=display)


def _choose(root: Path, path: Path | None) -> tuple[Path, str]:
    if path is not None:
        if not path.is_file():
            raise PackgenError(f"template not found: {path}")
        return path, relative(root, path)
    return find_template(root, "deck.pptx")
