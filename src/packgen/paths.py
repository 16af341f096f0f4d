"""Resolve file names written in the project, find templates, and read files: never outside.

Every file packgen reads from a project goes through ``contained`` (directly, or through
``read_bytes`` / ``read_text`` / ``find_template``): its real path, links followed, must lie
inside the project or packgen's packaged templates, and it must be a regular file.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from packgen.errors import PackgenError, megabytes, too_large
from packgen.model import Pack

TEMPLATE_MISSING = "PG407"
PICTURE_MISSING = "PG113"
PICTURE_OUTSIDE = "PG114"

REMOTE_PREFIXES = ("http://", "https://", "ftp://", "file:", "data:", "//")
PACKAGED = "packgen:"
"""How diagnostics name a packaged default template: ``packgen:deck.pptx``."""
TEMPLATE_ERROR = "PG400"
MAX_NAME_BYTES = 255
"""Longest part of a file name written in the project, in UTF-8 bytes (the file systems' own)."""
MAX_PATH_CHARS = 1024
"""Longest file name written in the project, folders included, in characters."""
_SHOWN = 40
"""Characters of an over-long name shown in its error."""
OUTSIDE = "PG020"
"""The code of a file whose real path leaves the project (a symbolic link, ``..``)."""
UNREADABLE = "PG003"
"""The code of a file that cannot be read or decoded (not UTF-8, a folder, a device)."""

MAX_DATA_BYTES = 1_000_000
"""Largest YAML, TOML or module Markdown file read, in bytes (1 MB)."""
MAX_TEMPLATE_BYTES = 5_000_000
"""Largest text template read (CSS, HTML, Typst), in bytes (5 MB)."""
MODULE_SUFFIXES = (".md", ".qmd")
"""The endings of module files in ``content/modules/``: Markdown, and Quarto's Markdown read
the same way. R Markdown (``.Rmd``) is not read: its slide formats (xaringan's ``---`` and
``???``) break slides and notes their own way, not Pandoc's."""
TRANSLATED = ("cy",)
"""The languages a module's text is translated into beside it: ``NAME.cy.md`` is the Welsh
text of module NAME, never a module of its own."""
MAX_FILE_BYTES = 100_000_000
"""Largest binary file read whole (pictures, fonts, .pptx/.docx templates), in bytes (100 MB)."""


class TemplateFile(NamedTuple):
    """A template file found by name, and how diagnostics show it."""

    path: Path
    display: str
    """``templates/<name>`` for the project's own file, ``packgen:<name>`` for a default."""

    @property
    def packaged(self) -> bool:
        """Return True for a packaged default, or a project file with exactly its bytes (a
        copy ``packgen template export`` wrote and nobody edited since); False for the
        project's own file. A copy is then treated as the default is (the theme restyles it),
        so exporting the templates changes no output."""
        if self.display.startswith(PACKAGED):
            return True
        return same_as_packaged(self.path, self.display.removeprefix("templates/"))

    def read_text(self, limit: int = MAX_TEMPLATE_BYTES) -> str:
        """Return the template's text, as ``read_text`` reads a project file."""
        return decode(_read(self.path, self.display, None, limit), self.display)

    def read_bytes(self, limit: int = MAX_FILE_BYTES) -> bytes:
        """Return the template's bytes, as ``read_bytes`` reads a project file."""
        return _read(self.path, self.display, None, limit)


def contained(root: Path, path: Path, display: str, line: int | None = None) -> Path:
    """Return the real path of the file ``path``, checked to be safe to read.

    Links are followed first; the file they reach must lie inside ``root`` or packgen's
    packaged templates (PG020) and be a regular file, not a folder or a device (PG003). Each
    problem is a PackgenError at ``display:line``.
    """
    real = contained_folder(root, path, display, line)
    if not real.exists():
        raise PackgenError(f"cannot read file: '{_shown(root, path)}' does not exist", display,
                           line, UNREADABLE)
    if not real.is_file():
        kind = "a folder" if real.is_dir() else "not a regular file"
        raise PackgenError(f"'{_shown(root, path)}' is {kind}: a file was expected here",
                           display, line, UNREADABLE)
    return real


def contained_folder(root: Path, path: Path, display: str, line: int | None = None) -> Path:
    """Return the real path of ``path`` (a file or a folder), checked as ``contained`` checks
    a file's place: a PackgenError (PG020) when it leaves the project and packgen's templates."""
    real = _real(path, display, line)
    if not (_inside(real, root.resolve()) or _inside(real, packaged_templates().resolve())):
        raise PackgenError(f"'{_shown(root, path)}' leads outside the project (a symbolic link?)",
                           display, line, OUTSIDE)
    return real


def read_bytes(root: Path, path: Path, display: str, line: int | None = None,
               limit: int = MAX_FILE_BYTES) -> bytes:
    """Return the bytes of the ``contained`` file ``path``; one over ``limit`` is PG024."""
    return _read(contained(root, path, display, line), display, line, limit)


def read_text(root: Path, path: Path, display: str, line: int | None = None,
              limit: int = MAX_TEMPLATE_BYTES) -> str:
    """Return the text of the ``contained`` file ``path``, as ``decode`` makes it."""
    return decode(read_bytes(root, path, display, line, limit), display)


def decode(raw: bytes, display: str) -> str:
    """Return ``raw`` as UTF-8 text, a byte-order mark dropped and line ends made ``\\n``.

    Bytes that are not UTF-8 are a PackgenError (PG003) at the line of the first bad byte.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PackgenError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file "
                           "as UTF-8", display, line, UNREADABLE) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_template(root: Path, name: str, where: str | None = None,
                  line: int | None = None) -> TemplateFile:
    """Return the template ``name``: the project's ``templates/<name>``, else packgen's default.

    ``name`` is a posix path inside ``templates/`` (``deck.pptx``, ``fonts/Face_400.ttf``). A
    project file that leads outside the project (a symbolic link) is refused, never read. A
    name that would leave ``templates/``, or that is found nowhere, is a PackgenError at
    ``where:line`` (by default ``templates/<name>``), the same for every template.
    """
    return find_templates(root, name, where, line)[0]


def deck_template(root: Path, pack: Pack) -> TemplateFile:
    """Return the deck template ``pack`` uses, found as ``find_template`` finds every template.

    A template the pack names and that is missing is an error at the pack's ``template:``.
    """
    line = pack.lines.get("template")
    return find_template(root, pack.template, pack.loc.path if line else None, line)


def find_templates(root: Path, name: str, where: str | None = None,
                   line: int | None = None) -> list[TemplateFile]:
    """Return every template file called ``name``, the project's first, then packgen's.

    For a project file layered over the default (``theme.yaml``); the rules and errors of
    ``find_template`` apply.
    """
    _check_template_name(name, where, line)
    own = _project_template(root, name)
    found = [TemplateFile(own, f"templates/{name}")] if own else []
    packaged = packaged_templates() / name
    if packaged.is_file():
        found.append(TemplateFile(packaged, PACKAGED + name))
    if not found:
        raise _missing(name, where, line)
    return found


def packaged_template(name: str) -> TemplateFile:
    """Return packgen's own default ``name``, whatever the project holds (the shipped font
    the overflow rules measure with); a missing one is ``find_template``'s error."""
    _check_template_name(name, None, None)
    path = packaged_templates() / name
    if not path.is_file():
        raise _missing(name, None, None)
    return TemplateFile(path, PACKAGED + name)


def same_as_packaged(path: Path, name: str) -> bool:
    """Return True when the file ``path`` holds exactly the bytes of packgen's default
    ``name``; False when there is no such default or either cannot be read."""
    default = packaged_templates() / name
    try:
        if not default.is_file() or path.stat().st_size != default.stat().st_size:
            return False
        return path.read_bytes() == default.read_bytes()
    except (OSError, ValueError):
        return False


def list_templates(root: Path, folder: str) -> list[list[str]]:
    """Return the file names in ``templates/<folder>``: the project's first, then packgen's.

    Each list is sorted; open a file through ``find_template`` (``<folder>/<name>``), which
    refuses a project file leading outside the project.
    """
    _check_template_name(folder, None, None)
    folders = (root / "templates" / folder, packaged_templates() / folder)
    return [sorted(p.name for p in f.iterdir() if p.is_file()) if f.is_dir() else []
            for f in folders]


def packaged_templates() -> Path:
    """Return the folder of packaged default templates."""
    return Path(str(resources.files("packgen") / "templates"))


OUTPUT_STEMS = {"deck": "slides", "guide": "guide", "handout": "easy-read"}
"""Output kind to the word its files are named by: ``<pack>-slides.pptx``."""


def output_name(pack_id: str, kind: str, fmt: str, language: str = "") -> str:
    """Return the file name of one output, as the manifest lists it; a bilingual pack's
    outputs carry their ``language`` before the suffix (``p-slides.cy.pptx``)."""
    infix = f".{language}" if language else ""
    return f"{pack_id}-{OUTPUT_STEMS[kind]}{infix}.{fmt}"


def translation_of(name: str) -> tuple[str, str] | None:
    """Return the module file stem and the language of a translation's file name
    (``welcome.cy.md`` → ``("welcome", "cy")``), or None for any other name."""
    for suffix in MODULE_SUFFIXES:
        for language in TRANSLATED:
            ending = f".{language}{suffix}"
            if name.endswith(ending) and len(name) > len(ending):
                return name[:-len(ending)], language
    return None


def resolve_in_project(root: Path, base_dir: Path, name: str, where: str,
                       line: int | None) -> str:
    """Return ``name`` as a project-relative posix path, checked to exist inside ``root``.

    ``name`` is tried against ``base_dir`` (the folder of the file that names it), then
    ``root/content``. Remote addresses, absolute paths, ``..`` escapes and symlinks that lead
    outside the project are errors at ``where:line`` (PG114); so is a name no file can have (a
    control character, a part over ``MAX_NAME_BYTES``); a file that does not exist is PG113.
    """
    check_name(name, where, line, PICTURE_OUTSIDE)
    if name.lower().startswith(REMOTE_PREFIXES):
        raise PackgenError(f"remote file '{name}' is not fetched: put it in the project",
                           where, line, PICTURE_OUTSIDE)
    if PurePosixPath(name).is_absolute() or Path(name).is_absolute():
        raise PackgenError(f"absolute path '{name}' is not allowed: use a path inside the project",
                           where, line, PICTURE_OUTSIDE)
    root = root.resolve()
    for base in (base_dir, root / "content"):
        candidate = _real(base / name, where, line)
        try:
            found = candidate.is_file()
        except (OSError, ValueError) as exc:
            raise PackgenError(f"cannot look for '{name}': {getattr(exc, 'strerror', None) or exc}",
                               where, line, PICTURE_OUTSIDE) from None
        if not _inside(candidate, root):
            raise PackgenError(f"'{name}' leads outside the project", where, line, PICTURE_OUTSIDE)
        if found:
            return candidate.relative_to(root).as_posix()
    raise PackgenError(f"file not found: '{name}'", where, line, PICTURE_MISSING)


def check_name(name: str, where: str | None, line: int | None, code: str) -> None:
    """Raise PackgenError at ``where:line`` unless ``name`` could name a file on any system.

    A control character (a NUL cuts a name short in C libraries), a part longer than
    ``MAX_NAME_BYTES`` or a name longer than ``MAX_PATH_CHARS`` is refused before any file
    is looked for.
    """
    if any(ord(c) < 0x20 or c == "\x7f" for c in name):
        raise PackgenError(f"file name '{name}' holds a control character: rename the file",
                           where, line, code)
    longest = max((len(part.encode()) for part in re.split(r"[/\\]", name)), default=0)
    if longest > MAX_NAME_BYTES or len(name) > MAX_PATH_CHARS:
        raise PackgenError(f"file name '{name[:_SHOWN]}…' ({len(name):,} characters) is longer "
                           f"than a file name can be (at most {MAX_NAME_BYTES} bytes a part and "
                           f"{MAX_PATH_CHARS} characters in all)", where, line, code)


def relative(root: Path, path: Path, follow_links: bool = True) -> str:
    """Return ``path`` relative to ``root`` as a posix string (for diagnostics), or as it is
    when it lies elsewhere. With ``follow_links`` False the path is taken as written, so a
    symbolic link is named where it stands, not where it leads."""
    try:
        if not follow_links:
            return path.relative_to(root).as_posix()
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def seen_from(root: Path, base: Path | None) -> str:
    """Return the project folder ``root`` as written from ``base`` (``workshops/barod``), or
    from the root of the git checkout holding it when ``base`` is None; empty when that is
    the project itself or it is in no checkout. Findings' paths are joined to it so that CI
    annotations land on real files of the repository."""
    root = root.resolve()
    found = base.resolve() if base is not None else repository_root(root)
    if found is None or found == root:
        return ""
    return Path(os.path.relpath(root, found)).as_posix()


def repository_root(start: Path) -> Path | None:
    """Return the nearest folder at or above ``start`` holding a ``.git`` entry (a folder, or
    the file of a worktree), or None. Only names are looked up; nothing is read."""
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _real(path: Path, display: str, line: int | None) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte
        raise PackgenError("cannot read file: a loop of symbolic links", display, line,
                           UNREADABLE) from None


def _shown(root: Path, path: Path) -> str:
    """Return ``path`` as written from ``root``, links not followed (``../elsewhere/x``)."""
    return Path(os.path.relpath(path, root)).as_posix() if path.is_absolute() else \
        path.as_posix()


def _read(real: Path, display: str, line: int | None, limit: int) -> bytes:
    try:
        size = real.stat().st_size
        if size > limit:
            raise too_large(f"'{real.name}' ({size:,} bytes)", megabytes(limit), display, line)
        return real.read_bytes()
    except OSError as exc:
        raise PackgenError(f"cannot read file: {exc.strerror or exc}", display, line,
                           UNREADABLE) from None


def _check_template_name(name: str, where: str | None, line: int | None) -> None:
    check_name(name, where or "templates/", line, TEMPLATE_ERROR)
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or Path(name).is_absolute() \
            or "\\" in name or any(part in ("..", ".") for part in parts):
        raise PackgenError(f"'{name}' must name a file inside templates/",
                           where or "templates/", line, TEMPLATE_ERROR)


def _missing(name: str, where: str | None, line: int | None) -> PackgenError:
    return PackgenError(f"template '{name}' not found in templates/ or in packgen's defaults",
                        where or f"templates/{name}", line, TEMPLATE_MISSING)


def _project_template(root: Path, name: str) -> Path | None:
    """Return the project's resolved ``templates/<name>``, None without one; refuse an escape.

    A file whose real path lies in packgen's packaged templates is the packaged default,
    reached through the project (a link, or a project folder that holds the package): it is
    not the project's own, so it is shown and treated as ``packgen:<name>`` wherever the
    package lives.
    """
    own = root / "templates" / name
    if not (own.is_symlink() or own.exists()):
        return None
    real = contained(root, own, f"templates/{name}")
    return None if _inside(real, packaged_templates().resolve()) else real
