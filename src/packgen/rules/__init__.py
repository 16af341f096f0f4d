"""The rule registry: every finding packgen reports has a stable code, a doc line and a severity.

``run_pack_rules`` runs the rules that look at a tailored pack (content, easy read, the deck
template); ``packgen.rules.overflow`` runs on the built deck. Rules whose ``check`` is None are
raised elsewhere (loaders, tailoring, timing, the build) and are listed here so that the docs
and ``packgen.toml`` silencing know every code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from packgen.errors import Diagnostic, Severity
from packgen.model import Config, TailoredPack
from packgen.rules.base import ERROR, INFO, WARNING, Check, Rule, described


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
    from packgen.rules import content, overflow, template, timing

    rules = (
        described("packgen.api", RELIABILITY)
        + content.RULES
        + described("packgen.load, packgen.tailor", LOADING)
        + described("packgen.rules.easy_read", EASY_READ)
        + timing.RULES
        + template.RULES
        + overflow.RULES
    )
    return {rule.code: rule for rule in rules}


RELIABILITY = [
    ("PG001", ERROR, ("an output changed by hand since it was built is not replaced without "
                     "--force; a file packgen did not write is never deleted; a link in a pack "
                     "folder is never followed")),
    ("PG002", ERROR, ("a template or picture that is not what it claims (zip bomb, a member over "
                     "50 MiB or 200 MiB in all, a member name that escapes or repeats, a DOCTYPE "
                     "in an XML part, not a pptx or docx, fake image) is refused before any "
                     "library opens it")),
    ("PG003", ERROR, ("an input file that cannot be read or parsed (YAML, TOML, Markdown, "
                     "encoding) stops the pack with its line")),
    ("PG004", ERROR, ("the output folder is never the project, above it, or in or around "
                     "content/ or templates/")),
    ("PG005", ERROR, ("one build per pack at a time: a second build of the same pack waits a "
                     "bounded time for the first, then stops")),
    ("PG006", ERROR, ("a write that fails (disk full, read-only folder, name too long) is one "
                     "line and keeps the previous outputs")),
    ("PG007", INFO, ("a folder of the output folder whose manifest names a pack that no "
                     "longer exists is reported; `packgen build --prune` removes what its "
                     "manifest lists")),
    ("PG010", WARNING, "a pack file ending in .yml is ignored: pack files end in .yaml"),
    ("PG022", WARNING, ("an external link in a template (a file or UNC path, a linked picture, "
                       "an attached template, a linked object, a hyperlink that is not http, "
                       "https or mailto) is dropped from the outputs")),
    ("PG020", ERROR, ("a file packgen would read leads outside the project (a symbolic link, "
                     "a font family written as a path, a template picture of its choosing)")),
    ("PG021", ERROR, ("a template or SVG picture naming a remote address or another file that "
                     "would be fetched; nothing is fetched from the network")),
    ("PG024", ERROR, ("an input larger than one of packgen's limits (a file's bytes, YAML "
                     "nesting, a variable, a module's filled-in text, a picture's bytes or "
                     "pixels) is refused before it is read or decoded")),
    ("PG025", ERROR, ("an unknown key in a YAML file, theme.yaml or packgen.toml (a table, a "
                     "threshold, a font role, a layout kind) is an error naming the closest one")),
    ("PG026", ERROR, "a packgen.toml setting of the wrong type (slide_lines = \"six\")"),
    ("PG027", ERROR, ("a folder that cannot be read (a loop of symbolic links, no permission) "
                     "stops the load with one line")),
    ("PG028", ERROR, "a [silence] key in packgen.toml that is not a rule code"),
]
LOADING = [
    ("PG110", ERROR, "a {{ variable }} the pack does not define"),
    ("PG111", ERROR, "a pack lists a module that does not exist"),
    ("PG112", ERROR, "an audience id that audiences.yaml does not list"),
    ("PG113", ERROR, "a picture file that does not exist"),
    ("PG114", ERROR, ("a picture outside the project (absolute path, .., remote address) or "
                     "named as no file can be (a NUL or control character, an over-long name)")),
    ("PG115", WARNING, "an unknown module front-matter key is ignored (a typo is not lost)"),
    ("PG116", WARNING, "a control character that cannot be shown or saved is dropped"),
    ("PG117", WARNING, "an unknown div class is kept as plain content"),
    ("PG118", WARNING, ("a heading inside a block does not start a slide; it is shown as bold "
                       "text")),
    ("PG119", ERROR, ("a link packgen does not write (javascript:, file:, data:, ms-msdt:, any "
                     "scheme but http, https and mailto, a UNC or relative path) stops the "
                     "pack at its line")),
    ("PG120", ERROR, ("a clock time not written \"HH:MM\" (start: 1330, 13.30) or out of "
                     "range; the message shows the fix")),
    ("PG121", INFO, "an unquoted clock time (start: 10:00) is read, and should be quoted"),
    ("PG122", ERROR, ("an attribute value packgen cannot use ({width=abc}, height=, "
                     "minutes=ten)")),
    ("PG123", ERROR, ("a module or pack id (or the file name standing for one) that is not "
                     "ASCII letters, digits, - and _")),
    ("PG124", ERROR, "two modules with the same id (both files named)"),
]
EASY_READ = [
    ("PG201", WARNING, "an easy-read sentence longer than 15 words"),
    ("PG202", WARNING, "an easy-read row without a picture"),
    ("PG203", WARNING, "an acronym or abbreviation that the glossary does not explain"),
    ("PG204", WARNING, "a contraction (don't, we'll) in easy read"),
    ("PG205", WARNING, "a hard word without a glossary entry"),
    ("PG206", WARNING, "a number written as a word instead of digits"),
    ("PG207", WARNING, "a date written only in numbers (3/3/26) instead of in full"),
    ("PG208", WARNING, "a time on the 24-hour clock (14:30) instead of 2:30pm"),
    ("PG209", INFO, "readability figures (Flesch-Kincaid grade, reading ease) per module"),
    ("PG210", WARNING, "a module without an easy-read block (nothing for the handout)"),
]

RULES: dict[str, Rule] = _registry()
"""Code to rule, for every code packgen reports."""
