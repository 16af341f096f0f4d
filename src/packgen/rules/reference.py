"""The Word reference document's rules: safe to open (PG002), nothing pointing outside (PG022)."""

from __future__ import annotations

from packgen.errors import Diagnostic, PackgenError
from packgen.model import TailoredPack
from packgen.paths import find_template
from packgen.rules.ooxml.links import dropped_warnings
from packgen.safety import check_docx_file


def check_reference(tp: TailoredPack) -> list[Diagnostic]:
    """Return the findings on the project's ``templates/reference.docx`` (none for the default).

    A file that is unsafe to open is its one PG002 error; otherwise one PG022 warning for each
    external relationship the Word outputs will not carry.
    """
    try:
        found = find_template(tp.project.root, "reference.docx")
        if found.packaged:
            return []
        check_docx_file(found.path, found.display)
    except PackgenError as exc:
        return list(exc.diagnostics)
    return dropped_warnings(found.path, found.display)
