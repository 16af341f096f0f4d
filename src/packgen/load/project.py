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
from packgen.errors import Diagnostic, PackgenError, Severity
from packgen.load.fields import Fields, closest, unknown_key
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
from packgen.load.yamldoc import READ_ERROR, parse_yaml
from packgen.model import Audience, Config, Credit, Image, Module, Pack, Project, Theme
from packgen.paths import find_templates, packaged_template, relative

INVALID_FIELD = "PG011"

T = TypeVar("T")
NO_CREDITS: tuple[Credit, ...] = ()
CONFIG_TABLES = ("rules", "easy-read", "silence")
EASY_READ_KEYS = ("allow",)
_CODE = re.compile(r"^PG\d{3}$")


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loaded project, the findings of loading it, and the packs that failed to load."""

    project: Project
    """Holds only the packs that loaded cleanly."""
    diagnostics: tuple[Diagnostic, ...]
    """Warnings and info from loading (no errors)."""
    pack_errors: Mapping[str, tuple[Diagnostic, ...]]
    """Pack id to the errors in its file; such a pack is missing from ``project.packs``."""


def load(root: Path) -> Loaded:
    """Return the project at ``root`` with per-pack errors kept apart.

    A problem outside the pack files (a module, audiences.yaml, model.yaml, glossary.yaml,
    the theme, packgen.toml) concerns every pack: all such problems, and those of the pack
    files, are raised together in one PackgenError. A broken pack file alone concerns only
    that pack.
    """
    root = root.resolve()
    files = _Files(root)
    modules, found = _modules(root)
    no_audiences: dict[str, Audience] = {}
    audiences = files.data("content/audiences.yaml", read_audiences, no_audiences)
    theme = files.theme()
    spaces = files.data("content/model.yaml", lambda r: read_spaces(r, theme), DEFAULT_SPACES)
    glossary = files.data("content/glossary.yaml", read_glossary, NO_GLOSSARY)
    config = files.config()
    credits = files.data("content/images/CREDITS.yaml", read_credits, NO_CREDITS)
    packs, pack_errors = _packs(root, files, modules, audiences)
    problems = [d for d in found if d.severity is Severity.ERROR] + files.errors
    if problems:
        raise PackgenError.many(problems + [d for ds in pack_errors.values() for d in ds])
    project = Project(root, MappingProxyType(modules or {}), MappingProxyType(packs),
                      MappingProxyType(audiences), spaces, glossary, theme, config, credits)
    project = dataclasses.replace(project, inputs=MappingProxyType(files.inputs(project)))
    notes = [d for d in found if d.severity is not Severity.ERROR] + files.notes
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


def _modules(root: Path) -> tuple[dict[str, Module] | None, list[Diagnostic]]:
    try:
        return load_modules(root)
    except PackgenError as exc:
        return None, list(exc.diagnostics)


def _packs(root: Path, files: _Files, modules: Mapping[str, Module] | None,
           audiences: Mapping[str, Audience]) -> tuple[dict[str, Pack],
                                                       dict[str, tuple[Diagnostic, ...]]]:
    packs, broken = {}, {}
    folder = root / "content" / "packs"
    for file in sorted(f for f in folder.glob("*.yaml") if not f.name.startswith(".")):
        where = file.relative_to(root).as_posix()
        try:
            doc = parse_yaml(files.read(file, where), where)
            packs[file.stem] = validate_pack(doc, file.stem, root, modules, audiences)
        except PackgenError as exc:
            broken[file.stem] = exc.diagnostics
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
        for check in checks:
            self.errors.extend(check.errors)
        return theme

    def config(self) -> Config:
        """Return the settings of ``packgen.toml`` (defaults without it)."""
        path = self.root / "packgen.toml"
        if not path.is_file():
            return Config()
        try:
            text = self.read(path, "packgen.toml")
            return read_config(tomllib.loads(text), text, self.errors)
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


def read_config(data: Mapping[str, object], text: str, sink: list[Diagnostic]) -> Config:
    """Return the settings in parsed ``packgen.toml`` data; add its problems to ``sink``."""
    def fail(message: str, key: str) -> None:
        sink.append(errors.error(message, "packgen.toml", _toml_line(text, key), INVALID_FIELD))

    for key in data:
        if key not in CONFIG_TABLES:
            close = closest(key, CONFIG_TABLES)
            hint = f"; did you mean [{close}]?" if close else ""
            fail(f"unknown table [{key}]{hint} (expected one of: "
                 f"{', '.join(sorted(CONFIG_TABLES))})", key)
    tables = {name: _table(data, name, fail) for name in CONFIG_TABLES}
    thresholds = {}
    for key, value in tables["rules"].items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail(f"rule threshold '{key}' must be a number; found {value!r}", key)
        else:
            thresholds[key] = float(value)
    for key in tables["easy-read"]:
        if key not in EASY_READ_KEYS:
            fail(unknown_key(key, EASY_READ_KEYS, within="[easy-read]"), key)
    allow = _strings(tables["easy-read"].get("allow", []), "allow", fail)
    silence = {}
    for code, where in tables["silence"].items():
        if not _CODE.match(code):
            fail(f"'{code}' is not a rule code like PG301", code)
        silence[code] = _strings(where, code, fail)
    return Config(MappingProxyType(thresholds), frozenset(w.lower() for w in allow),
                  MappingProxyType(silence))


def _table(data: Mapping[str, object], name: str,
           fail: Callable[[str, str], None]) -> Mapping[str, object]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        fail(f"'{name}' must be a table ([{name}])", name)
        return {}
    return value


def _strings(value: object, key: str, fail: Callable[[str, str], None]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(f"'{key}' must be a list of text; found {value!r}", key)
        return ()
    return tuple(value)


def _toml_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf'^\s*\[?\s*"?{re.escape(key)}"?\s*[=\]]', re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


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
