"""Write new files into a user's folders whole or not at all: a new project from the packaged
starter, and copies of the packaged templates for a designer to edit."""

from __future__ import annotations

import contextlib
import os
import shutil
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from packgen.errors import Diagnostic, PackgenError, error
from packgen.load.fields import id_like, id_problem
from packgen.paths import packaged_templates
from packgen.wording import closest

NOT_EMPTY = "PG030"
NO_PACK_ID = "PG031"
TEMPLATE_EXISTS = "PG032"
UNKNOWN_TEMPLATE = "PG033"
WRITE_FAILED = "PG034"

EXPORTED = ("deck.pptx", "theme.yaml", "guide.typ", "handout.typ", "guide.html", "guide.css",
            "handout.html", "handout.css", "reference.docx")
"""The packaged templates ``packgen template export`` copies, in the order it lists them.
The fonts stay packaged: a project's ``templates/fonts/`` adds faces to them, never needs a
copy of them (see docs/templates.md)."""
STARTER_PACK = "content/packs/PACK.yaml"
"""The starter's pack file, written as ``content/packs/<id>.yaml``."""
RENAMED = {"gitignore": ".gitignore"}
"""Starter files stored under another name (a wheel leaves dot files out)."""
PACK_ID = "PACK_ID"
"""The word in the starter's text files that becomes the new project's pack id."""
_FILLED = (".md", ".yaml")


def new_project(target: Path, shown: str) -> list[str]:
    """Write a new project into the folder ``target`` and return the files it holds, as
    posix paths inside it.

    The folder must not exist or be empty (PG030); its name, made an id, names the pack
    (PG031 when no letter or digit is left). Everything is written in a hidden folder (beside
    a new folder, inside an empty one) and moved into place at the end, so a failure (PG034)
    leaves the folder as it was. ``shown`` is how findings name the folder (as the user
    wrote it).
    """
    target = Path(os.path.abspath(target))
    _check_empty(target, shown)
    pack_id = pack_id_for(target.name, shown)
    try:
        return _write_project(target, pack_id)
    except OSError as exc:
        raise PackgenError(f"cannot write the new project: {exc.strerror or exc}", shown,
                           code=WRITE_FAILED) from None


def pack_id_for(name: str, shown: str) -> str:
    """Return the pack id the folder ``name`` gives: accents folded, other runs of characters
    made ``-``, lower case (``My Workshop`` gives ``my-workshop``); PG031 when nothing is
    left to make one from."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    candidate = id_like(name).lower() if any(c.isalnum() for c in folded) else ""
    if not candidate or id_problem(candidate):
        raise PackgenError(f"cannot make a pack id from the folder name '{name}': name the "
                           "folder with letters or digits, such as my-workshop", shown,
                           code=NO_PACK_ID)
    return candidate


def export_templates(names: Sequence[str], to: Path, shown: str) -> list[Path]:
    """Copy the packaged templates ``names`` (all of ``EXPORTED`` when empty) into ``to``
    and return the files written, in ``EXPORTED`` order.

    An unknown name is PG033 with the name it is closest to. A file that already exists is
    never overwritten: each is one PG032 error and nothing is written. Each copy is staged
    beside its target and linked into place, so no file is ever half written; a failure
    (PG034) removes the copies already placed. ``shown`` is how findings name ``to``.
    """
    chosen = chosen_templates(names)
    targets = [to / name for name in chosen]
    existing = [error(f"'{name}' exists: packgen never overwrites a template; move it away "
                      "or export into another folder with --to", f"{shown}/{name}",
                      code=TEMPLATE_EXISTS)
                for name, target in zip(chosen, targets, strict=True)
                if os.path.lexists(target)]
    if existing:
        raise PackgenError.many(existing)
    try:
        to.mkdir(parents=True, exist_ok=True)
        _place_all([(packaged_templates() / name, target)
                    for name, target in zip(chosen, targets, strict=True)], shown)
    except OSError as exc:
        raise PackgenError(f"cannot write the templates: {exc.strerror or exc}", shown,
                           code=WRITE_FAILED) from None
    return targets


def chosen_templates(names: Sequence[str]) -> list[str]:
    """Return the templates ``names`` picks, once each in ``EXPORTED`` order (every one when
    it is empty); unknown names are PG033 errors, one each, with the closest name."""
    unknown = [_unknown(name) for name in dict.fromkeys(names) if name not in EXPORTED]
    if unknown:
        raise PackgenError.many(unknown)
    return [name for name in EXPORTED if not names or name in names]


# --- a new project ---------------------------------------------------------------------


def _check_empty(target: Path, shown: str) -> None:
    if not os.path.lexists(target):
        return
    if not target.is_dir() or target.is_symlink():
        raise PackgenError(f"'{shown}' exists and is not a folder: choose a new folder name",
                           shown, code=NOT_EMPTY)
    try:
        held = next(os.scandir(target), None)
    except OSError as exc:
        raise PackgenError(f"cannot read '{shown}': {exc.strerror or exc}", shown,
                           code=NOT_EMPTY) from None
    if held is not None:
        raise PackgenError(f"'{shown}' is not empty: packgen new writes only into a new or "
                           "empty folder (nothing was written)", shown, code=NOT_EMPTY)


def _write_project(target: Path, pack_id: str) -> list[str]:
    """Stage the starter in a hidden folder, then move it into place: renamed to ``target``
    when that does not exist, else staged inside the empty ``target`` and its entries moved
    up (so the folder itself, maybe the current one, stays where it is)."""
    held = target.is_dir()
    if not held:
        target.parent.mkdir(parents=True, exist_ok=True)
    stage = (target if held else target.parent) / f".{target.name}.new-{uuid.uuid4().hex[:8]}"
    stage.mkdir()
    try:
        written = [_write_starter_file(stage, rel, source, pack_id)
                   for rel, source in _starter_files()]
        if held:
            _move_entries(stage, target)
            stage.rmdir()
        else:
            os.rename(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return sorted(written)


def _starter_files() -> Iterator[tuple[str, Traversable]]:
    """Yield each packaged starter file as its posix path inside the starter and the file."""
    def walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name == "__pycache__":
                continue
            if entry.is_dir():
                yield from walk(entry, f"{prefix}{entry.name}/")
            else:
                yield f"{prefix}{entry.name}", entry

    yield from walk(resources.files("packgen") / "starter", "")


def _write_starter_file(stage: Path, rel: str, source: Traversable, pack_id: str) -> str:
    """Write one starter file into ``stage`` under its project name; return that name."""
    name = f"content/packs/{pack_id}.yaml" if rel == STARTER_PACK else \
        "/".join(RENAMED.get(part, part) for part in rel.split("/"))
    path = stage / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    if name.endswith(_FILLED):
        data = data.replace(PACK_ID.encode(), pack_id.encode())
    path.write_bytes(data)
    return name


def _move_entries(stage: Path, target: Path) -> None:
    """Move every entry of ``stage`` into ``target``, or none: those moved go back on a
    failure."""
    moved: list[str] = []
    try:
        for name in sorted(os.listdir(stage)):
            os.rename(stage / name, target / name)
            moved.append(name)
    except BaseException:
        for name in moved:
            with contextlib.suppress(OSError):
                os.rename(target / name, stage / name)
        raise


# --- exported templates ------------------------------------------------------------------


def _unknown(name: str) -> Diagnostic:
    if name == "fonts" or name.startswith("fonts/"):
        return error("the packaged fonts are not exported: they are always available; put "
                     "your own font files in templates/fonts/", code=UNKNOWN_TEMPLATE)
    close = closest(name, EXPORTED)
    hint = f"; did you mean '{close}'?" if close else ""
    return error(f"no packaged template '{name}'{hint} (templates: {', '.join(EXPORTED)})",
                 code=UNKNOWN_TEMPLATE)


def _place_all(pairs: list[tuple[Path, Path]], shown: str) -> None:
    """Place every copy or none: on a failure the copies already placed are removed."""
    placed: list[Path] = []
    try:
        for source, target in pairs:
            _place(source, target, shown)
            placed.append(target)
    except BaseException:
        for path in placed:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _place(source: Path, target: Path, shown: str) -> None:
    """Copy ``source`` to a hidden file beside ``target``, then link it to ``target``: the
    link fails when ``target`` appeared meanwhile, so nothing is ever overwritten."""
    staged = target.with_name(f".{target.name}.export-{uuid.uuid4().hex[:8]}")
    try:
        shutil.copyfile(source, staged)
        try:
            os.link(staged, target)
        except FileExistsError:
            raise PackgenError(f"'{target.name}' appeared while exporting: nothing was "
                               "overwritten", f"{shown}/{target.name}",
                               code=TEMPLATE_EXISTS) from None
        except OSError:  # a file system without hard links: a rename that checks first
            if os.path.lexists(target):
                raise
            os.replace(staged, target)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()
