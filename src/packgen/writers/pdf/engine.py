"""Compile a designer's Typst template into a tagged PDF/UA-1 file (Typst imported when called)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from functools import cache
from multiprocessing import util as mp_util
from pathlib import Path

from packgen import paths
from packgen.errors import PackgenError

PDF_STANDARD = "ua-1"
"""Tagged PDF with a structure tree, ``/Lang``, alt text, and the title as the window title."""
TEMPLATE_ERROR = "PG408"
"""The code of a print template that fails (or would download a package)."""
BAD_SVG = "PG150"
"""An SVG picture the engine cannot read (broken XML, not UTF-8)."""
PACKAGE_IMPORT = re.compile(r"""["']@[A-Za-z0-9_-]+/""")
"""A Typst package spec (``"@preview/name:1.0.0"``): compiling it would download."""
REMOTE = "PG021"
REMOTE_FILE = re.compile(
    r'\b(?:image|read|json|csv|yaml|toml|xml|cbor|plugin|bibliography|include|import)'
    r'\s*\(?\s*"(?P<address>(?:https?:|ftp:|//)[^"]*)"')
"""A file a template would load from an address (the compiler reads files only: refused,
so the designer learns why rather than meeting "file not found")."""
READABLE = ("templates", "content")
"""The project folders the compiler may read, copied into its own root for each compile."""
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
    source = found.read_text()
    check_source(source, found.display)
    for part in project_templates(root):
        check_source(part.read_text(), part.display)
    readable = readable_root(root, _pictures(data))
    try:
        return typst.compile(
            source.encode("utf-8"), root=str(readable), font_paths=font_folders(readable),
            ignore_system_fonts=True, sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            pdf_standards=PDF_STANDARD, timestamp=int(built.timestamp()))
    except typst.TypstError as exc:
        raise template_error(exc, found.display, readable) from None


def check_source(source: str, display: str) -> None:
    """Raise a PackgenError at the first line of a Typst source that would fetch anything."""
    refuse_packages(source, display)
    for number, line in enumerate(source.splitlines(), 1):
        match = REMOTE_FILE.search(line)
        if match:
            raise PackgenError(f"remote address '{match['address']}' is not fetched: put the "
                               "file in templates/", display, number, REMOTE)


def readable_root(root: Path, pictures: Iterator[str]) -> Path:
    """Return the folder the compiler reads as its root: what it may read, and nothing else.

    Every file under the project's ``templates/`` and ``content/``, and every picture the
    data names, is linked there (hard, else copied) from its real place after
    ``paths.contained`` checks it: a link leading out of the project is refused (PG020) and
    the rest of the project (outputs, other folders, links elsewhere) is out of reach. The
    folder is made once per project and process and brought up to date on each compile, so
    the compiler's cache of decoded pictures keeps working across the guide and the handout.
    """
    folder = _readable_folder(root.resolve())
    names = [n for top in READABLE for n in _files(root, top)]
    wanted = {name: paths.contained(root, root / name, name)
              for name in dict.fromkeys([*names, *pictures])}
    for stale in [p for p in folder.rglob("*") if p.is_file()
                  and p.relative_to(folder).as_posix() not in wanted]:
        stale.unlink()
    for name, real in wanted.items():
        _place(real, folder / name)
    return folder


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


def font_folders(readable: Path) -> list[str]:
    """Return the fonts folder of the compiler's root (``readable_root``), then packgen's: the
    compiler is never handed a font that leads outside the project."""
    folders = (readable / "templates" / "fonts", paths.packaged_templates() / "fonts")
    return [str(f) for f in folders if f.is_dir()]


def template_error(exc: Exception, display: str, root: Path) -> PackgenError:
    """Return the compiler's first error as one diagnostic at its template file and line.

    ``root`` is the compiler's root (``readable_root``): paths in the message start there.
    """
    message = getattr(exc, "message", "") or str(exc).splitlines()[0]
    hints = [h for h in getattr(exc, "hints", None) or [] if h]
    text = message.replace(str(root), "") + "".join(f" (hint: {h})" for h in hints)
    if "file not found" in message:
        text += f" (the print engine reads only the project's {' and '.join(READABLE)} folders)"
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


def _files(root: Path, top: str) -> Iterator[str]:
    """Yield the files under ``root/top`` (links to folders are checked, not followed)."""
    for folder, dirs, files in os.walk(root / top):
        for name in [d for d in dirs if Path(folder, d).is_symlink()]:
            shown = Path(folder, name).relative_to(root).as_posix()
            paths.contained_folder(root, Path(folder, name), shown)
        yield from (Path(folder, f).relative_to(root).as_posix() for f in files)


def _pictures(data: object) -> Iterator[str]:
    """Yield the project file of every picture in ``data`` (its ``src``, from the root)."""
    if isinstance(data, Mapping):
        src = data.get("src")
        if isinstance(src, str) and src.startswith("/"):
            yield src[1:]
        for value in data.values():
            yield from _pictures(value)
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from _pictures(value)


@cache
def _readable_folder(root: Path) -> Path:
    """Return this process's compiler root for the project ``root`` (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="packgen-typst-"))
    # Finalize, not atexit: a forked build process ends through os._exit, which skips atexit
    # but runs multiprocessing's finalizers; each runs only in the process that made it.
    mp_util.Finalize(None, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                     exitpriority=0)
    return folder


def _place(real: Path, target: Path) -> None:
    """Make ``target`` the file ``real``: a hard link, else a copy; kept when already so."""
    if target.exists() and _same(real, target):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(real, target)
    except OSError:
        shutil.copy2(real, target)


def _same(real: Path, target: Path) -> bool:
    one, other = real.stat(), target.stat()
    return (one.st_ino, one.st_dev) == (other.st_ino, other.st_dev) or (
        one.st_size, one.st_mtime_ns) == (other.st_size, other.st_mtime_ns)


def svg_png(svg: str, width_pt: float, ppi: float = 200) -> bytes:
    """Return ``svg`` drawn as a PNG ``width_pt`` points wide (for formats without SVG)."""
    source = ("#set page(width: auto, height: auto, margin: 0pt)\n"
              f"#image(bytes({_typst_string(svg)}), width: {width_pt:g}pt)\n")
    import typst  # heavy: loaded only when a diagram is drawn for Word

    fonts = [str(paths.packaged_templates() / "fonts")]
    return typst.compile(source.encode("utf-8"), format="png", ppi=ppi, font_paths=fonts)


def svg_picture_png(svg: bytes, width_pt: float, ppi: float, where: str,
                    line: int | None) -> bytes:
    """Return the SVG picture ``svg`` drawn as a PNG ``width_pt`` points wide at ``ppi``; one
    that is not UTF-8 or that the engine cannot read is PG150 at ``where:line``."""
    import typst  # heavy: loaded only when an SVG picture is drawn

    try:
        return svg_png(svg.decode("utf-8"), width_pt, ppi)
    except (UnicodeDecodeError, typst.TypstError) as exc:
        reason = "it is not UTF-8" if isinstance(exc, UnicodeDecodeError) else \
            str(getattr(exc, "message", exc)).strip().split("\n")[0]
        raise PackgenError(f"the SVG picture cannot be drawn: {reason}", where, line,
                           BAD_SVG) from None


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
