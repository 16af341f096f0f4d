"""Compile a designer's Typst template into a tagged PDF/UA-1 file (Typst imported when called)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path

from packgen import paths
from packgen.errors import PackgenError

PDF_STANDARD = "ua-1"
"""Tagged PDF with a structure tree, ``/Lang``, alt text, and the title as the window title."""
TEMPLATE_ERROR = paths.TEMPLATE_ERROR
PACKAGE_IMPORT = re.compile(r"""["']@[A-Za-z0-9_-]+/""")
"""A Typst package spec (``"@preview/name:1.0.0"``): compiling it would download."""
_MAIN = "__typst_py_bytes__.typ"
"""The name the compiler gives a template passed as bytes (placed at the project root)."""
_PLACE = re.compile(r"┌─ (?P<file>[^\n]+?):(?P<line>\d+):\d+")


def compile_pdf(root: Path, template: str, data: Mapping[str, object], *,
                built: dt.datetime) -> bytes:
    """Return the PDF that the template ``template`` lays out from ``data``.

    The template is the project's ``templates/<template>``, else packgen's default (every
    ``.typ`` file in the project's ``templates/`` is checked for package imports). It reads
    ``data`` with ``json(bytes(sys.inputs.at("data")))``: content travels as data, never as
    Typst source. Paths in the template (pictures, imports) start at the project root. Only
    the shipped and project fonts are used, dates come from ``built``, and a package import or
    a compile error is one PackgenError at the template's file and line.
    """
    import typst  # heavy: loaded only when a PDF is asked for

    found = paths.find_template(root, template)
    source = found.path.read_bytes()
    refuse_packages(source.decode("utf-8", errors="replace"), found.display)
    for part in project_templates(root):
        refuse_packages(part.path.read_text(encoding="utf-8", errors="replace"), part.display)
    try:
        return typst.compile(
            source, root=str(root.resolve()), font_paths=font_folders(root),
            ignore_system_fonts=True, sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            pdf_standards=PDF_STANDARD, timestamp=int(built.timestamp()))
    except typst.TypstError as exc:
        raise template_error(exc, found.display, root) from None


def refuse_packages(source: str, display: str) -> None:
    """Raise a PackgenError at the first line naming a Typst package (it would be downloaded)."""
    for number, line in enumerate(source.splitlines(), 1):
        if PACKAGE_IMPORT.search(line.split("//", 1)[0]):
            raise PackgenError("Typst packages are not allowed (the compiler would download "
                               "them): copy what you need into the template",
                               display, number, TEMPLATE_ERROR)


def project_templates(root: Path) -> list[paths.TemplateFile]:
    """Return every ``.typ`` file in the project's ``templates/``, found as ``find_template``
    finds them: one that leads outside the project is refused, never read."""
    folder = root / "templates"
    parts = sorted(folder.rglob("*.typ")) if folder.is_dir() else []
    return [paths.find_template(root, p.relative_to(folder).as_posix()) for p in parts]


def font_folders(root: Path) -> list[str]:
    """Return the project's ``templates/fonts`` (when it exists), then packgen's.

    Every file in the project's folder is checked as ``find_template`` checks a template, so
    the compiler is never handed a font that leads outside the project.
    """
    own, _packaged = paths.list_templates(root, "fonts")
    for name in own:
        paths.find_template(root, f"fonts/{name}")
    folders = (root / "templates" / "fonts", paths.packaged_templates() / "fonts")
    return [str(f) for f in folders if f.is_dir()]


def template_error(exc: Exception, display: str, root: Path) -> PackgenError:
    """Return the compiler's first error as one diagnostic at its template file and line."""
    message = getattr(exc, "message", "") or str(exc).splitlines()[0]
    hints = [h for h in getattr(exc, "hints", None) or [] if h]
    text = message + "".join(f" (hint: {h})" for h in hints)
    place = _PLACE.search(getattr(exc, "diagnostic", "") or "")
    if place is None:
        return PackgenError(f"print template: {text}", display, None, TEMPLATE_ERROR)
    where = place["file"].strip()
    shown = display if Path(where).name == _MAIN else _shown(where, root)
    return PackgenError(f"print template: {text}", shown, int(place["line"]), TEMPLATE_ERROR)


def _shown(where: str, root: Path) -> str:
    """Return a file the compiler names (relative to the working directory) as the project
    shows it (relative to its root)."""
    full = (Path.cwd() / where).resolve()
    return full.relative_to(root.resolve()).as_posix() if full.is_relative_to(root.resolve()) \
        else where
