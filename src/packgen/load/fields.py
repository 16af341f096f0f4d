"""Check a YAML document field by field: every problem at its line, misspelt keys with a hint."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from packgen import errors
from packgen.errors import Diagnostic, PackgenError, Severity
from packgen.load.yamldoc import YamlDoc, describe
from packgen.model import Image, Loc
from packgen.paths import resolve_in_project
from packgen.safety import check_picture_bounds, check_svg_file
from packgen.wording import closest

At = tuple[object, ...]
"""A key path into a YAML document: mapping keys and list indexes."""

IMAGE_KEYS = ("src", "alt")
BAD_ID = "PG123"
"""A module or pack id that breaks the one id rule."""
ID_RULE = "letters a-z and A-Z, digits, '-' and '_', starting with a letter or digit"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
UNKNOWN_KEY = "PG025"
"""An unknown key where every key is known: a typo is never ignored silently."""

INVALID_FIELD = "PG011"
"""The code of a field that is missing, unknown, repeated or of the wrong kind."""


@dataclass
class Fields:
    """The check of one YAML document: its values read field by field, every error collected.

    Each method returns what it could read (an empty value when it could not) and records
    the problem, so one pass reports everything.
    """

    root: Path
    doc: YamlDoc
    errors: list[Diagnostic] = field(default_factory=list, kw_only=True)

    def fail(self, message: str, *keys: object, code: str = INVALID_FIELD) -> None:
        """Record an error at the line of ``keys`` (PG011 unless ``code`` says otherwise)."""
        self.errors.append(errors.error(message, self.doc.path, self.doc.line(*keys), code))

    def mapping(self, value: object, at: At, known: Collection[str],
                required: Collection[str] = ()) -> dict[str, object]:
        """Return ``value``'s known keys; report a non-mapping, unknown and missing keys."""
        if not isinstance(value, dict):
            self.fail(f"{_subject(at)} must be a mapping with keys {', '.join(known)}; found "
                      f"{describe(value)}", *at)
            return {}
        self.errors.extend(unknown_keys(self.doc, value, at, known, code=UNKNOWN_KEY))
        for key in required:
            if key not in value:
                self.fail(f"missing required key '{key}'", *at)
        return {str(k): v for k, v in value.items() if k in known}

    def names(self, value: object, at: At) -> dict[object, object]:
        """Return ``value`` as a mapping of free names to values, or report it."""
        if not isinstance(value, dict):
            self.fail(f"{_subject(at)} must be a mapping of names to values; found "
                      f"{describe(value)}", *at)
            return {}
        return value

    def items(self, value: object, at: At) -> list[tuple[At, object]]:
        """Return each item of the list ``value`` with its key path, or report a non-list."""
        if not isinstance(value, list):
            self.fail(f"{_subject(at)} must be a list; found {describe(value)}", *at)
            return []
        return [(at + (index,), item) for index, item in enumerate(value)]

    def entries(self, value: object, at: At, known: Collection[str],
                required: Collection[str]) -> list[tuple[At, dict[str, object]]]:
        """Return each mapping of a list that has every required key, with its key path."""
        found = [(where, self.mapping(item, where, known, required))
                 for where, item in self.items(value, at)]
        return [(where, entry) for where, entry in found
                if entry and all(k in entry for k in required)]

    def text(self, value: object, at: At, blank: bool = False) -> str:
        """Return ``value`` as stripped text (a number is text too), or report it.

        Blank text is reported unless ``blank`` allows it.
        """
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and (blank or value.strip()):
            return value.strip()
        found = "nothing" if isinstance(value, str) or value is None else describe(value)
        self.fail(f"'{key_path(at)}' must be text; found {found}", *at)
        return ""

    def texts(self, value: object, at: At, blank: bool = False) -> tuple[str, ...]:
        """Return ``value`` as a tuple of texts (a single text is a list of one), or report it."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(f"'{key_path(at)}' must be a list of text; found {describe(value)}", *at)
            return ()
        return tuple(self.text(item, at + (i,), blank) for i, item in enumerate(value))

    def positive(self, value: object, at: At, unit: str = "") -> int:
        """Return ``value`` as a whole number above 0 (of ``unit``), or 0 after reporting it."""
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            of = f" of {unit}" if unit else ""
            self.fail(f"'{key_path(at)}' must be a whole number{of} above 0; found {value!r}",
                      *at)
            return 0
        return value

    def image(self, value: object, at: At) -> Image | None:
        """Return a ``{src, alt}`` picture found inside the project, or None after reporting.

        Blank alt text is accepted here: the PG105 rule reports it as a warning. A picture
        over packgen's bytes or pixels limits is PG024, found from its size and header alone.
        """
        found = self.mapping(value, at, IMAGE_KEYS, IMAGE_KEYS)
        if not all(key in found for key in IMAGE_KEYS):
            return None
        src = self.file(found["src"], at + ("src",))
        alt = self.text(found["alt"], at + ("alt",), blank=True)
        if src is None:
            return None
        line = self.doc.line(*at, "src")
        try:
            check_picture_bounds(self.root.resolve() / src, self.doc.path, line)
        except PackgenError as exc:
            self.errors.extend(exc.diagnostics)
            return None
        return Image(src, alt, Loc(self.doc.path, line))

    def file(self, value: object, at: At) -> str | None:
        """Return a file name written beside this document as a project path, or report it.

        A missing file is PG113; one outside the project (``..``, absolute, remote) PG114.
        """
        name = self.text(value, at)
        if not name:
            return None
        line = self.doc.line(*at)
        try:
            src = resolve_in_project(self.root, self.root / Path(self.doc.path).parent, name,
                                     self.doc.path, line)
        except PackgenError as exc:
            self.errors.extend(exc.diagnostics)
            return None
        if src.lower().endswith(".svg"):
            try:
                check_svg_file(self.root / src, self.doc.path, line)
            except PackgenError as exc:
                self.errors.extend(exc.diagnostics)
                return None
        return src

    def unique(self, items: list[tuple[At, str]], what: str) -> None:
        """Report each id given a second time, at its line."""
        seen: set[str] = set()
        for at, item in items:
            if item in seen:
                self.fail(f"{what} '{item}' is given twice", *at)
            seen.add(item)


def unknown_keys(doc: YamlDoc, value: Mapping[object, object], at: At, known: Collection[str],
                 severity: Severity = Severity.ERROR,
                 code: str = INVALID_FIELD) -> list[Diagnostic]:
    """Return one diagnostic per key of ``value`` not in ``known``, each at the key's line.

    Each names the closest known key ("did you mean") and every known key. A warning
    (``severity`` below error) says the key is ignored.
    """
    ignored = severity is not Severity.ERROR
    return [Diagnostic(severity, unknown_key(key, known, ignored), doc.path,
                       doc.line(*at, key), code)
            for key in value if key not in known]


def unknown_key(key: object, known: Collection[str], ignored: bool = False,
                within: str = "") -> str:
    """Return the message for an unknown key: where, whether ignored, the closest known key."""
    close = closest(key, known)
    hint = f"; did you mean '{close}'?" if close else ""
    place = f" in {within}" if within else ""
    verb = " is ignored" if ignored else ""
    return (f"unknown key '{key}'{place}{verb}{hint} (expected one of: "
            f"{', '.join(sorted(known))})")


def id_problem(value: str) -> str | None:
    """Return why ``value`` is no module or pack id, or None when it is one.

    Ids name output folders, files and links on every system, so they are ASCII: letters,
    digits, hyphens and underscores, starting with a letter or digit (no spaces, dots,
    accents). The one rule for module and pack ids alike.
    """
    if _ID.fullmatch(value):
        return None
    return f"'{value}' is not an id: ids are {ID_RULE}"


def id_like(value: str) -> str:
    """Return the id ``value`` most likely means: accents folded, other runs turned into ``-``."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _NOT_ID.sub("-", folded).strip("-_") or "module"


def key_path(at: At) -> str:
    """Return a key path as it reads in messages: ``breaks[1].at``."""
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at).lstrip(".")


def _subject(at: At) -> str:
    """Return what a message is about: the quoted key path, or "the file" for the top."""
    return f"'{key_path(at)}'" if at else "the file"

