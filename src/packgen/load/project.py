"""Load a whole project folder: modules, packs, audiences, model, glossary, theme, settings."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from packgen import errors, paths
from packgen.codes import CODES
from packgen.errors import Diagnostic, PackgenError, Severity
from packgen.load.config import read_config
from packgen.load.fields import Fields
from packgen.load.folders import unreadable_folders
from packgen.load.modules import load_modules
from packgen.load.packs import validate_pack
from packgen.load.project_data import (
    DEFAULT_SPACES,
    NO_GLOSSARY,
    read_audiences,
    read_credits,
    read_glossary,
    read_spaces,
    read_theme,
)
from packgen.load.welsh import needs_welsh, read_welsh
from packgen.load.yamldoc import READ_ERROR, parse_yaml
from packgen.model import Audience, Config, Credit, Image, Module, Pack, Project, Theme
from packgen.paths import find_templates, packaged_template, relative

INVALID_FIELD = "PG011"

T = TypeVar("T")
NO_CREDITS: tuple[Credit, ...] = ()


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loaded project, the findings of loading it, and the packs that failed to load."""

    project: Project
    """Holds only the packs that loaded cleanly."""
    diagnostics: tuple[Diagnostic, ...]
    """Warnings and info from loading, and the errors of broken modules."""
    pack_errors: Mapping[str, tuple[Diagnostic, ...]]
    """Pack id to the errors that stop it (in its file, or in a module it uses); such a pack
    is missing from ``project.packs``."""


def load(root: Path) -> Loaded:
    """Return the project at ``root`` with per-pack errors kept apart.

    A problem in a shared file (audiences.yaml, model.yaml, glossary.yaml, the theme,
    packgen.toml) concerns every pack: all such problems, and those of the pack files, are
    raised together in one PackgenError. A broken pack file concerns only that pack, and a
    broken module only the packs that use it: their errors are kept per pack. A folder that
    cannot be read (a loop of links, no permission) stops the load before anything is read
    from it, one line per folder.
    """
    root = root.resolve()
    unreadable = unreadable_folders(root)
    if unreadable:
        raise PackgenError.many(unreadable)
    files = _Files(root)
    config = files.config()  # first: modules read its implicit_figures
    config_errors, files.errors = files.errors, []
    modules, found, broken = _modules(root, config.implicit_figures)
    no_audiences: dict[str, Audience] = {}
    audiences = files.data("content/audiences.yaml", read_audiences, no_audiences)
    theme = files.theme()
    spaces = files.data("content/model.yaml", lambda r: read_spaces(r, theme), DEFAULT_SPACES)
    glossary = files.data("content/glossary.yaml", read_glossary, NO_GLOSSARY)
    files.errors.extend(config_errors)
    credits = files.data("content/images/CREDITS.yaml", read_credits, NO_CREDITS)
    packs, pack_errors = _packs(root, files, (modules, broken), audiences)
    welsh = read_welsh(root, files.data, modules or {}, config.implicit_figures,
                       (glossary, spaces))
    welsh_notes = needs_welsh(welsh, packs, pack_errors, (glossary, root), modules or {})
    problems = [d for d in found if d.severity is Severity.ERROR] + files.errors
    if problems:
        also = [d for ds in (*broken.values(), *pack_errors.values()) for d in ds]
        raise PackgenError.many(list(dict.fromkeys(problems + also)))
    project = Project(root, MappingProxyType(modules or {}), MappingProxyType(packs),
                      MappingProxyType(audiences), spaces, glossary, theme, config, credits,
                      translations=welsh.translations())
    project = dataclasses.replace(project, inputs=MappingProxyType(files.inputs(project)))
    notes = [d for d in found if d.severity is not Severity.ERROR] + files.notes + welsh_notes
    notes += [d for ds in broken.values() for d in ds]
    return Loaded(project, tuple(notes), MappingProxyType(pack_errors))


def load_project(root: Path) -> tuple[Project, list[Diagnostic]]:
    """Return the project at ``root`` and the findings of loading it.

    Problems concerning every pack are raised together in one PackgenError. A pack whose own
    file is broken is left out of ``project.packs`` and its errors are returned with the
    findings, so the other packs can still be built.
    """
    loaded = load(root)
    pack_errors = [d for ds in loaded.pack_errors.values() for d in ds]
    return loaded.project, list(loaded.diagnostics) + pack_errors


def load_theme(root: Path) -> Theme:
    """Return the project's theme alone (packaged tokens overridden by templates/theme.yaml)."""
    files = _Files(root.resolve())
    theme = files.theme()
    if files.errors:
        raise PackgenError.many(files.errors)
    return theme


Broken = Mapping[str, tuple[Diagnostic, ...]]
"""Module id to the errors in its file."""


def _modules(root: Path, implicit_figures: bool) -> tuple[dict[str, Module] | None,
                                                         list[Diagnostic], Broken]:
    try:
        return load_modules(root, implicit_figures)
    except PackgenError as exc:
        return None, list(exc.diagnostics), {}


def _packs(root: Path, files: _Files, modules: tuple[Mapping[str, Module] | None, Broken],
           audiences: Mapping[str, Audience]) -> tuple[dict[str, Pack],
                                                       dict[str, tuple[Diagnostic, ...]]]:
    """Return the packs that load and the errors that stop the others: those in a pack's
    file, or those of the broken modules (``modules``: loaded, broken) a pack uses."""
    loaded, failed = modules
    known = None if loaded is None else {*loaded, *failed}
    packs, broken = {}, {}
    folder = root / "content" / "packs"
    for file in sorted(f for f in folder.glob("*.yaml") if not f.name.startswith(".")):
        where = file.relative_to(root).as_posix()
        try:
            doc = parse_yaml(files.read(file, where), where)
            pack = validate_pack(doc, file.stem, root, known, audiences, files.notes)
        except PackgenError as exc:
            broken[file.stem] = exc.diagnostics
            continue
        used = [d for m in pack.modules for d in failed.get(m, ())]
        if used:
            broken[file.stem] = tuple(used)
        else:
            packs[file.stem] = pack
    for file in sorted(folder.glob("*.yml")):
        files.notes.append(errors.warning("ignored: pack files end in .yaml",
                                          relative(root, file), code="PG010"))
    return packs, broken


class _Files:
    """The project's files as read: their hashes and the problems found in them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hashes: dict[str, str] = {}
        self.errors: list[Diagnostic] = []
        self.notes: list[Diagnostic] = []

    def read(self, path: Path, name: str) -> str:
        """Return a file's text and remember its hash (too large, outside, not UTF-8: raise)."""
        raw = paths.read_bytes(self.root, path, name, limit=paths.MAX_DATA_BYTES)
        self.hashes[name] = hashlib.sha256(raw).hexdigest()
        return paths.decode(raw, name)

    def data(self, name: str, read: Callable[[Fields], T], default: T) -> T:
        """Return what ``read`` makes of an optional YAML file, or ``default`` without it."""
        path = self.root / name
        if not path.is_file():
            return default
        check = self.check(path, name)
        if check is None:
            return default
        value = read(check)
        self.errors.extend(check.errors)
        return value

    def check(self, path: Path, name: str) -> Fields | None:
        """Return the field check of one YAML file, or None after recording why it is unread."""
        try:
            return Fields(self.root, parse_yaml(self.read(path, name), name))
        except PackgenError as exc:
            self.errors.extend(exc.diagnostics)
            return None

    def theme(self) -> Theme:
        """Return the packaged theme overridden key by key by ``templates/theme.yaml``."""
        try:
            sources = find_templates(self.root, "theme.yaml")[::-1]
        except PackgenError as exc:  # the project's file leads outside it: keep the defaults
            self.errors.extend(exc.diagnostics)
            sources = [packaged_template("theme.yaml")]
        checks = [c for c in (self.check(p, n) for p, n in sources) if c is not None]
        if not checks:
            return Theme(MappingProxyType({}), MappingProxyType({}))
        theme = read_theme(checks)
        for check in checks:  # a warning (a renamed font, PG190) is a note: the build goes on
            self.errors.extend(d for d in check.errors if d.severity is Severity.ERROR)
            self.notes.extend(d for d in check.errors if d.severity is not Severity.ERROR)
        return theme

    def config(self) -> Config:
        """Return the settings of ``packgen.toml`` (defaults without it)."""
        path = self.root / "packgen.toml"
        if not path.is_file():
            return Config()
        try:
            text = self.read(path, "packgen.toml")
            return read_config(tomllib.loads(text), text, self.errors, CODES)
        except PackgenError as exc:
            self.errors.extend(exc.diagnostics)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"\(at line (\d+)", str(exc))
            message = re.sub(r" \(at line.*", "", str(exc))
            self.errors.append(errors.error(f"invalid TOML: {message}", "packgen.toml",
                                            int(line[1]) if line else None, READ_ERROR))
        return Config()

    def inputs(self, project: Project) -> dict[str, str]:
        """Return every input's sha256: files read, modules, pictures and templates."""
        for module in project.modules.values():
            self._hash(module.loc.path)
        for translation in project.translations.values():
            for module in translation.modules.values():
                self._hash(module.loc.path)
        for src in pictures(project):
            self._hash(src)
        for name in template_files(self.root):
            self._hash(name)
        return dict(sorted(self.hashes.items()))

    def _hash(self, name: str) -> None:
        path = self.root / name
        if name not in self.hashes and (path.is_file() or path.is_symlink()):
            self.hashes[name] = hashlib.sha256(paths.read_bytes(self.root, path, name)).hexdigest()


def template_files(root: Path) -> list[str]:
    """Return the project's files under ``templates/`` (hidden ones left out), each checked
    by ``paths.contained``: a link leading outside the project, even to a folder, is refused."""
    found = []
    for folder, dirs, files in os.walk(root / "templates"):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [d for d in dirs if Path(folder, d).is_symlink()]:
            shown = Path(folder, name).relative_to(root).as_posix()
            paths.contained_folder(root, Path(folder, name), shown)
        found += [Path(folder, f).relative_to(root).as_posix() for f in sorted(files)
                  if not f.startswith(".")]
    return found


def pictures(value: object) -> Iterator[str]:
    """Return the ``src`` of every picture in ``value`` (a model object, or lists and
    mappings of them), in the order they appear."""
    if isinstance(value, _LEAVES):
        return
    if isinstance(value, Image):
        yield value.src
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from pictures(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from pictures(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _walked_fields(type(value)):
            yield from pictures(getattr(value, name))


_LEAVES = (str, int, float, bool, type(None))
"""Values that never hold a picture: most of the model, skipped at once."""


@functools.cache
def _walked_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("root", "inputs", "loc"))


def load_design(root: Path) -> Project:
    """Return the project's look alone, for the gallery: theme, spaces, glossary, settings.

    Modules, packs and audiences are not read, so a broken module never stops it; a problem in
    ``templates/theme.yaml``, ``content/model.yaml``, ``content/glossary.yaml`` or
    ``packgen.toml`` is raised, every one together, in one PackgenError.
    """
    root = root.resolve()
    files = _Files(root)
    theme = files.theme()
    spaces = files.data("content/model.yaml", lambda r: read_spaces(r, theme), DEFAULT_SPACES)
    glossary = files.data("content/glossary.yaml", read_glossary, NO_GLOSSARY)
    config = files.config()
    if files.errors:
        raise PackgenError.many(files.errors)
    return Project(root, MappingProxyType({}), MappingProxyType({}), MappingProxyType({}),
                   spaces, glossary, theme, config)
