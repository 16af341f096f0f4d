"""The rule registry: every finding packgen reports has a stable code, a doc line and a severity.

``run_pack_rules`` runs the rules that look at a tailored pack (content, easy read, the deck
template); ``packgen.rules.overflow`` runs on the built deck. Rules whose ``check`` is None are
raised elsewhere (loaders, tailoring, timing, the build); every code in the catalogue
(``packgen.codes``) has a rule here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from packgen.codes import CODES
from packgen.errors import Diagnostic, Severity
from packgen.model import Config, TailoredPack
from packgen.rules.base import Check, Rule


def run_pack_rules(tp: TailoredPack, easy_read: bool = True,
                   word: bool = True) -> list[Diagnostic]:
    """Return the findings of every content, easy-read and template rule on one tailored pack.

    With ``easy_read`` False the easy-read rules are left out (and their word data unread): a
    build that makes neither the handout nor an easy-read deck shows no easy-read text. With
    ``word`` False the Word reference document (read only by the guide) is not checked.
    """
    skipped = {_easy_read: not easy_read, _reference: not word}
    found: list[Diagnostic] = []
    for check in _checks():
        if not skipped.get(check, False):
            found.extend(check(tp))
    return _unique(found)


def apply_silence(diags: Iterable[Diagnostic], config: Config, pack_id: str) -> list[Diagnostic]:
    """Return ``diags`` without the warnings and info that ``packgen.toml`` silences.

    ``[silence] PG104 = ["content/modules/x.md", "staff-intro", "*"]`` silences a code for a
    file (a path relative to the project, shell wildcards allowed), a pack id, or everywhere.
    Errors are never silenced.
    """
    return [d for d in diags if not _silenced(d, config, pack_id)]


def rules_table() -> list[Rule]:
    """Return every rule, ordered by code."""
    return sorted(RULES.values(), key=lambda r: r.code)


def _silenced(d: Diagnostic, config: Config, pack_id: str) -> bool:
    if d.severity is Severity.ERROR or not d.code:
        return False
    return any(_matches(entry, d, pack_id) for entry in config.silence.get(d.code, ()))


def _matches(entry: str, d: Diagnostic, pack_id: str) -> bool:
    if entry in ("*", pack_id):
        return True
    path = d.path or ""
    return bool(path) and (fnmatchcase(path, entry) or path.startswith(entry.rstrip("/") + "/"))


def _unique(found: Sequence[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(found))


def _easy_read(tp: TailoredPack) -> list[Diagnostic]:
    from packgen.rules.easy_read import check_pack

    return check_pack(tp)


def _template(tp: TailoredPack) -> list[Diagnostic]:
    from packgen.rules.template import check_pack_template

    return check_pack_template(tp)


def _reference(tp: TailoredPack) -> list[Diagnostic]:
    from packgen.rules.reference import check_reference

    return check_reference(tp)


def _checks() -> list[Check]:
    own = [rule.check for rule in rules_table() if rule.check is not None]
    return [*own, _easy_read, _template, _reference]


def _registry() -> dict[str, Rule]:
    from packgen.rules import (
        content,
        deck_geometry,
        languages,
        overflow,
        template,
        template_geometry,
        timing,
        words,
    )

    here = {rule.code: rule for rule in content.RULES + timing.RULES + template.RULES
            + template_geometry.RULES + overflow.RULES + deck_geometry.RULES + words.RULES
            + languages.RULES}
    return {code: here.get(code, Rule(code, None, "packgen")) for code in CODES}


RULES: dict[str, Rule] = _registry()
"""Code to rule, for every code in the catalogue (``packgen.codes``)."""
