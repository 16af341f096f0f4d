"""What a rule is: a stable code (described in ``packgen.codes``) and, when run here, a check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from packgen.codes import CODES
from packgen.errors import Diagnostic, Severity
from packgen.model import TailoredPack

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

Check = Callable[[TailoredPack], list[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its code and its check; how bad it is and what it protects come from the
    catalogue of codes."""

    code: str
    check: Check | None = None
    """The function that runs it on a tailored pack, or None when it runs elsewhere."""
    raised_by: str = "packgen.rules"
    """The module that reports it."""

    @property
    def severity(self) -> Severity:
        """Return the severity of its findings, as the catalogue gives it."""
        return Severity(CODES[self.code].severity)

    @property
    def doc(self) -> str:
        """Return what it protects in one line, as the catalogue gives it."""
        return CODES[self.code].summary


def described(by: str, codes: Sequence[str]) -> list[Rule]:
    """Return rules reported by module ``by`` (not run here), from their codes."""
    return [Rule(code, None, by) for code in codes]
