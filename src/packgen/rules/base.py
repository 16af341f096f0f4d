"""What a rule is: a stable code, a severity, a one-line doc and (when run here) a check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from packgen.errors import Diagnostic, Severity
from packgen.model import TailoredPack

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

Check = Callable[[TailoredPack], list[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its code, how bad it is, what it protects in one line, and its check."""

    code: str
    severity: Severity
    doc: str
    check: Check | None = None
    """The function that runs it on a tailored pack, or None when it runs elsewhere."""
    raised_by: str = "packgen.rules"
    """The module that reports it."""


def described(by: str, rows: Sequence[tuple[str, Severity, str]]) -> list[Rule]:
    """Return rules reported by module ``by``, from ``(code, severity, doc)`` rows."""
    return [Rule(code, severity, doc, None, by) for code, severity, doc in rows]
