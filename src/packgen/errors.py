"""One error family with locations, the diagnostics every command prints, and internal errors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

T = TypeVar("T")


class Severity(str, Enum):
    """How bad a finding is: errors stop a pack, warnings fail only ``--strict``, info never."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {
    0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """Return ``text`` with line breaks and control characters written as escapes.

    A finding is one line whatever a project's file names or keys hold.
    """
    return text.translate(_CONTROL)


CODE_FORMAT = re.compile(r"PG\d{3}")
"""What every finding's code looks like: ``PG`` and three digits."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding at a place in the user's project."""

    severity: Severity
    message: str
    path: str | None = None
    """Path relative to the project root (or ``packgen:<name>`` for a packaged default)."""
    line: int | None = None
    code: str = ""
    """Stable rule code, for example ``PG101`` (``packgen rules PG101`` explains it); silences
    a warning in ``packgen.toml``. Every finding has one: a missing or malformed code is a bug,
    raised as InternalError when the finding is made."""

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not CODE_FORMAT.fullmatch(self.code):
            raise InternalError(f"finding {self.message!r} has no valid code (PGnnn): "
                                f"{self.code!r}")

    def __str__(self) -> str:
        place = ""
        if self.path:
            place = f"{one_line(self.path)}:{self.line}: " if self.line else \
                f"{one_line(self.path)}: "
        return f"{place}{self.severity.value}: {one_line(self.message)} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        """Return the JSON shape: path, line, severity, code and message."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


class PackgenError(Exception):
    """A problem in the user's input; the CLI prints it as diagnostics and exits 1."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        code: str = "",
    ) -> None:
        super().__init__(message)
        self.diagnostics: tuple[Diagnostic, ...] = (
            Diagnostic(Severity.ERROR, message, path, line, code),
        )

    @classmethod
    def many(cls, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> PackgenError:
        """Return one error carrying several diagnostics, to report everything and abort once."""
        first = diagnostics[0]
        error = cls(first.message, first.path, first.line, first.code)
        error.diagnostics = tuple(diagnostics)
        return error

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


class InternalError(Exception):
    """A bug in packgen, never a problem in the user's input: shown with its traceback (exit 70)."""


class BlockTable(dict[type, T]):
    """A dispatch table from every model block type to what one stage does with it.

    Looking up a type the table lacks is a bug (a block type added to the model but not to
    this table), raised as InternalError naming the table and the type.
    """

    def __init__(self, name: str, entries: Mapping[type, T]) -> None:
        super().__init__(entries)
        self.name = name

    def __missing__(self, key: type) -> T:
        raise InternalError(f"{self.name} has no entry for block type "
                            f"{getattr(key, '__name__', key)}")


def error(message: str, path: str | None = None, line: int | None = None,
          code: str = "") -> Diagnostic:
    """Return an error diagnostic; ``code`` is required (a missing one is InternalError)."""
    return Diagnostic(Severity.ERROR, message, path, line, code)


def warning(message: str, path: str | None = None, line: int | None = None,
            code: str = "") -> Diagnostic:
    """Return a warning diagnostic; ``code`` is required (a missing one is InternalError)."""
    return Diagnostic(Severity.WARNING, message, path, line, code)


def info(message: str, path: str | None = None, line: int | None = None,
         code: str = "") -> Diagnostic:
    """Return an info diagnostic; ``code`` is required (a missing one is InternalError)."""
    return Diagnostic(Severity.INFO, message, path, line, code)


class Collector:
    """Gather diagnostics from loaders and builders; raise once when any is an error."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one finding."""
        self.items.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        """Record several findings."""
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """Return the error findings."""
        return [d for d in self.items if d.severity is Severity.ERROR]

    def raise_errors(self) -> None:
        """Raise one PackgenError if any finding is an error."""
        if self.errors:
            raise PackgenError.many(self.errors)


# --- limits ------------------------------------------------------------------------------

LIMIT_EXCEEDED = "PG024"
"""The code of an input larger than one of packgen's limits."""
MB = 1_000_000


def too_large(what: str, limit: str, where: str | None, line: int | None = None) -> PackgenError:
    """Return the error of an input over a limit: ``<what> is larger than packgen's limit of
    <limit>`` at ``where:line``, code PG024."""
    return PackgenError(f"{what} is larger than packgen's limit of {limit}", where, line,
                        LIMIT_EXCEEDED)


def megabytes(size: int) -> str:
    """Return a size in bytes as the limits are written: ``1 MB``, ``2.5 MB``."""
    return f"{size / MB:g} MB"
