"""Check that each Welsh module text (``NAME.cy.md``) mirrors its English module block for block.

Usage: ``python scripts/check_welsh_mirror.py [WELSH_DIR [ENGLISH_DIR]]``. The defaults are
the project's ``content-cy/modules`` if it exists, else ``content/modules``; and
``content/modules``. Prints one line ``path:line: error: message`` for every difference and
exits 1 when there is one (or no Welsh file at all), else prints a summary and exits 0.

Both files are read with packgen's own Markdown reader (``packgen.markdown.blocks.parse_body``)
and reduced to their *shape*: every slide, block, easy-read row, note, activity and picture in
order, with the words taken out. Kept in the shape: block kinds, list lengths, heading and
table sizes, audiences, slide kinds and layouts, picture files, activity minutes and group
sizes, material counts and units. Taken out: text, alt text, captions, activity
titles and group wording, material names. Two files mirror each other when their shapes are
equal. The Welsh front matter may hold only ``title``, ``translated_by``, and ``summary`` /
``objectives`` / ``key_messages`` when the English front matter has them (as many items).

Pictures are resolved against the English module's folder, so a Welsh file kept elsewhere
while it is written is checked as if it sat beside its English file.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from packgen.errors import PackgenError
from packgen.load.yamldoc import parse_yaml
from packgen.markdown.blocks import Body, parse_body
from packgen.model import Loc, Span

PROJECT = Path(__file__).resolve().parents[1]
WELSH_KEYS = ("title", "translated_by", "summary", "objectives", "key_messages")
LISTS = ("objectives", "key_messages")
WORDS = frozenset({("Image", "alt"), ("Image", "caption"), ("Image", "title"),
                   ("Activity", "title"), ("Activity", "group"), ("Material", "name")})
"""Fields that hold words, as (class, field): they differ between languages."""


@dataclasses.dataclass(frozen=True)
class Problem:
    """One difference between a Welsh module and its English module."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: error: {self.message}"


@dataclasses.dataclass(frozen=True)
class Read:
    """A module file read: its front matter (as data), its body, and the body's first line."""

    meta: dict[str, Any]
    body: Body


def read(path: Path, base_dir: Path, root: Path) -> Read:
    """Return ``path`` read with packgen's reader; pictures resolve against ``base_dir``."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise PackgenError("no front matter: the first line must be ---", str(path), 1)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise PackgenError("front matter is never closed", str(path), 1)
    meta = parse_yaml("\n".join(lines[1:end]), str(path), 2).data or {}
    body = parse_body("\n".join(lines[end + 1:]), path=str(path), line_offset=end + 1,
                      root=root, base_dir=base_dir)
    return Read(dict(meta), body)


def shape(value: Any, owner: str = "", name: str = "") -> Any:
    """Return ``value`` with its words taken out and its structure kept (see the module)."""
    if isinstance(value, Loc):
        return None
    if isinstance(value, tuple) and value and all(isinstance(v, Span) for v in value):
        return "text"
    if isinstance(value, tuple):
        return tuple(shape(v, owner, name) for v in value)
    if dataclasses.is_dataclass(value):
        kind = type(value).__name__
        return (kind, tuple((f.name, shape(getattr(value, f.name), kind, f.name))
                            for f in dataclasses.fields(value) if f.name != "loc"))
    if isinstance(value, str) and (owner, name) in WORDS:
        return "words" if value else ""
    return value


def units(body: Body) -> Iterator[tuple[str, Any, Loc]]:
    """Yield every slide and easy-read row of ``body``: (label, shape, where it starts)."""
    for number, slide in enumerate(body.slides, 1):
        yield f"slide {number}", shape(slide), slide.loc
    for number, row in enumerate(body.easy_read, 1):
        yield f"easy-read row {number}", shape(row), row.loc


def compare(welsh: Path, english: Path, root: Path) -> list[Problem]:
    """Return every way ``welsh`` fails to mirror ``english`` (empty: it mirrors it)."""
    where = str(welsh)
    try:
        cy, en = read(welsh, english.parent, root), read(english, english.parent, root)
    except PackgenError as exc:
        return [Problem(d.path or where, d.line or 1, d.message) for d in exc.diagnostics]
    found = [Problem(d.path or where, d.line or 1, f"{d.severity.value}: {d.message}")
             for d in cy.body.diagnostics]
    found += _front_matter(cy.meta, en.meta, where)
    cy_units, en_units = list(units(cy.body)), list(units(en.body))
    if len(cy_units) != len(en_units) or cy.body.has_easy_read != en.body.has_easy_read:
        found.append(Problem(where, 1, f"{len(cy.body.slides)} slides and "
                             f"{len(cy.body.easy_read)} easy-read rows, where {english.name} has "
                             f"{len(en.body.slides)} and {len(en.body.easy_read)}"))
    for (label, cy_shape, loc), (_, en_shape, en_loc) in zip(cy_units, en_units):
        if cy_shape != en_shape:
            found.append(Problem(where, loc.line or 1, f"{label} differs in its blocks from "
                                 f"{english.name} line {en_loc.line}"))
    return found


def _front_matter(cy: dict[str, Any], en: dict[str, Any], where: str) -> list[Problem]:
    found = [Problem(where, 1, f"front matter key '{key}' belongs in the English module only")
             for key in cy if key not in WELSH_KEYS]
    for key in ("title", "translated_by"):
        if not str(cy.get(key) or "").strip():
            found.append(Problem(where, 1, f"front matter needs {key}:"))
    for key in ("summary", *LISTS):
        if key in cy and key not in en:
            found.append(Problem(where, 1, f"{key}: is given but the English module has none"))
    for key in LISTS:
        if key in cy and len(cy[key] or ()) != len(en.get(key) or ()):
            found.append(Problem(where, 1, f"{key}: not as many as the English module's"))
    return found


def check_folder(welsh_dir: Path, english_dir: Path, root: Path) -> tuple[int, list[Problem]]:
    """Return how many Welsh files were checked and every problem found in them."""
    found: list[Problem] = []
    files = sorted(welsh_dir.glob("*.cy.md"))
    for welsh in files:
        english = english_dir / welsh.name.replace(".cy.md", ".md")
        if not english.is_file():
            found.append(Problem(str(welsh), 1, f"no English module {english.name} beside it"))
            continue
        found += compare(welsh, english, root)
    return len(files), found


def _welsh_modules() -> Path:
    """Return ``content-cy/modules`` while the Welsh files are kept apart, else
    ``content/modules``, where they sit beside the English."""
    apart = PROJECT / "content-cy" / "modules"
    return apart if apart.is_dir() else PROJECT / "content" / "modules"


def main(argv: list[str]) -> int:
    """Check the folders named in ``argv`` (see the module); return the exit status."""
    welsh_dir = Path(argv[0]) if argv else _welsh_modules()
    english_dir = Path(argv[1]) if len(argv) > 1 else PROJECT / "content" / "modules"
    count, found = check_folder(welsh_dir, english_dir, PROJECT)
    for problem in found:
        print(problem)
    if not found:
        print(f"{count} Welsh modules mirror their English modules block for block")
    return 1 if found or not count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
