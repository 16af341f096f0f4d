"""Read the project's text files safely and load YAML with the line of every key and item."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from packgen.errors import PackgenError, megabytes, too_large
from packgen.paths import MAX_DATA_BYTES, UNREADABLE, read_text
from packgen.safety import MAX_YAML_DEPTH

MAX_BYTES = MAX_DATA_BYTES
"""Largest YAML text read, in bytes: anything bigger is refused (PG024), not parsed."""

MAX_DEPTH = MAX_YAML_DEPTH
"""Deepest nesting of YAML collections accepted (PG024)."""

KeyPath = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as written in the file, before YAML turned it into a value."""

    text: str
    """The source text without its quotes (``10:00`` for both ``10:00`` and ``"10:00"``)."""
    quoted: bool
    """True when written in quotes (or as a block scalar): YAML keeps it as text."""

READ_ERROR = UNREADABLE
"""The rule code of a file that cannot be read or parsed."""


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """Plain data loaded from YAML, with the 1-based line of every key and list item."""

    data: object
    path: str
    """Path relative to the project root, for diagnostics."""
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    scalars: Mapping[KeyPath, Scalar] = field(default_factory=dict)
    """The source text of every scalar value, by key path."""

    def scalar(self, *keys: object) -> Scalar | None:
        """Return the scalar at ``keys`` as written, or None (not a scalar, or not from a file)."""
        return self.scalars.get(tuple(keys))

    def line(self, *keys: object) -> int:
        """Return the line of ``keys`` (mapping keys and list indexes), or its nearest parent."""
        for end in range(len(keys), -1, -1):
            found = self.lines.get(tuple(keys[:end]))
            if found is not None:
                return found
        return 1


def load_yaml(root: Path, path: Path, where: str) -> YamlDoc:
    """Return the YAML document in ``path`` (read as ``paths.read_text`` reads a data file);
    any problem is a PackgenError at ``where:line``."""
    return parse_yaml(read_text(root, path, where, limit=MAX_DATA_BYTES), where)


def parse_yaml(text: str, where: str, first_line: int = 1) -> YamlDoc:
    """Return the YAML document in ``text``; ``first_line`` is the file line it starts on.

    Anchors and aliases (``&name``, ``*name``) are refused, so a document cannot blow up in
    memory; so are duplicate keys and tags outside YAML's safe set (PG003). A document longer than
    ``MAX_BYTES`` or nested deeper than ``MAX_DEPTH`` is PG024. An empty document loads as
    None.
    """
    if len(text) > MAX_BYTES:
        raise too_large(f"the YAML ({len(text):,} characters)", megabytes(MAX_BYTES), where,
                        first_line)
    try:
        data, lines, scalars = _compose(text, where, first_line)
    except _TooDeep as exc:
        raise too_large("the YAML's nesting", f"{MAX_DEPTH} levels", where,
                        _mark_line(exc, first_line)) from None
    except yaml.MarkedYAMLError as exc:
        raise _error(_problem(exc), where, _mark_line(exc, first_line)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + first_line
        raise _error(f"invalid character #x{exc.character:04x} in YAML", where,
                           line) from None
    except yaml.YAMLError as exc:
        raise _error(f"invalid YAML: {exc}", where, first_line) from None
    except RecursionError:
        raise too_large("the YAML's nesting", f"{MAX_DEPTH} levels", where,
                        first_line) from None
    return YamlDoc(data, where, MappingProxyType(lines), MappingProxyType(scalars))


def _error(message: str, where: str, line: int | None = None) -> PackgenError:
    return PackgenError(message, where, line, READ_ERROR)


def describe(value: object) -> str:
    """Return a short description of a YAML value's type for messages (``a number``)."""
    for types, name in _TYPE_NAMES:
        if isinstance(value, types):
            return name
    return type(value).__name__


_TYPE_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "true/false"),
    ((int, float), "a number"),
    (str, "text"),
    (dict, "a mapping"),
    (list, "a list"),
    (type(None), "nothing"),
)


class _TooDeep(yaml.composer.ComposerError):
    """Collections nested deeper than MAX_DEPTH."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed: write the value out",
                event.start_mark)
        anchor = getattr(self.peek_event(), "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None, f"anchors (&{anchor}) are not allowed: write the value out",
                self.peek_event().start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep(
                None, None, f"nested more than {MAX_DEPTH} levels deep",
                self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # noqa: BLE001 (a constructor failing on a bad value)
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read '{node.value}': {exc}", node.start_mark) from None


def _compose(text: str, where: str, first_line: int
             ) -> tuple[object, dict[KeyPath, int], dict[KeyPath, Scalar]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {(): first_line}, {}
        data = loader.construct_document(node)
        lines: dict[KeyPath, int] = {}
        scalars: dict[KeyPath, Scalar] = {}
        _record(node, (), _Record(lines, scalars, loader, where, first_line - 1))
        return data, lines, scalars
    finally:
        loader.dispose()


@dataclass(frozen=True, slots=True)
class _Record:
    """What composing one document records: lines and scalars by key path."""

    lines: dict[KeyPath, int]
    scalars: dict[KeyPath, Scalar]
    loader: _Loader
    where: str
    offset: int
    """Added to a node's 1-based line to give the file line."""


def _record(node: Node, path: KeyPath, rec: _Record) -> None:
    rec.lines.setdefault(path, node.start_mark.line + 1 + rec.offset)
    if isinstance(node, ScalarNode):
        rec.scalars[path] = Scalar(str(node.value), node.style is not None)
    elif isinstance(node, MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = rec.loader.construct_object(key_node, deep=True)
            if key in seen:
                raise _error(f"duplicate key '{key}'", rec.where,
                             key_node.start_mark.line + 1 + rec.offset)
            seen.add(key)
            rec.lines[path + (key,)] = key_node.start_mark.line + 1 + rec.offset
            _record(value_node, path + (key,), rec)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, path + (index,), rec)


def _problem(exc: yaml.MarkedYAMLError) -> str:
    problem, context = exc.problem, exc.context
    if problem and context:
        joined = f"{problem} ({context})" if context.startswith("while") \
            else f"{context}, {problem}"
        return f"invalid YAML: {joined}"
    return f"invalid YAML: {problem or context or 'not valid YAML'}"


def _mark_line(exc: yaml.MarkedYAMLError, first_line: int) -> int:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + first_line if mark is not None else first_line
