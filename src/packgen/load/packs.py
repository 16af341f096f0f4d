"""Load and validate pack files (``content/packs/<id>.yaml``): every problem at once, with lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from packgen import errors
from packgen.errors import Diagnostic, PackgenError, Severity, too_large
from packgen.load.fields import BAD_ID, At, Fields, id_like, id_problem, key_path
from packgen.load.languages import (
    BOTH_LANGUAGE_KEYS,
    PER_LANGUAGE_VALUE,
    UNKNOWN_LANGUAGE,
    WRITTEN,
    in_language,
    language_tag,
    per_language,
    short,
    unknown_language,
)
from packgen.load.yamldoc import Scalar, YamlDoc, describe, load_yaml
from packgen.model import PACK_FIELDS, RESERVED_NAMES, Break, Loc, Pack
from packgen.paths import relative
from packgen.safety import MAX_VARIABLE_CHARS
from packgen.wording import clock_meant, closest, read_clock

REQUIRED = ("title", "audience", "organisation", "date", "start", "slot", "venue",
            "facilitators", "modules")
DECK_STYLES = ("standard", "easy-read")
CONTACT_KEYS = ("name", "phone", "email", "address", "website")
BREAK_KEYS = ("after", "at", "minutes", "title")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
BAD_CLOCK = "PG120"
UNQUOTED_CLOCK = "PG121"


def load_pack(root: Path, file: Path, modules: Collection[str] | None,
              audiences: Collection[str] = (), notes: list[Diagnostic] | None = None) -> Pack:
    """Return the pack in ``file``, checked against the known module and audience ids.

    ``modules`` None skips the module-id check (when the modules themselves failed to load);
    empty ``audiences`` accepts any audience id. Every problem in the file is reported in
    one PackgenError; info findings (an unquoted clock time) are added to ``notes``.
    """
    doc = load_yaml(root, file, relative(root, file))
    return validate_pack(doc, file.stem, root, modules, audiences, notes)


def validate_pack(doc: YamlDoc, pack_id: str, root: Path, modules: Collection[str] | None,
                  audiences: Collection[str] = (), notes: list[Diagnostic] | None = None
                  ) -> Pack:
    """Return the Pack that ``doc`` describes, or raise one PackgenError listing every problem.

    Findings that are not errors go to ``notes`` (dropped when it is None).
    """
    check = _Check(root, doc, modules, audiences)
    if id_problem(pack_id):
        check.errors.append(errors.error(
            f"the file name '{pack_id}' is not a pack id (ids are letters, digits, '-' and '_'; "
            f"a pack's id is its file name): rename the file to {id_like(pack_id)}.yaml",
            doc.path, 1, BAD_ID))
    if not isinstance(doc.data, dict):
        found = "an empty file" if doc.data is None else describe(doc.data)
        check.fail(f"a pack is a mapping of keys such as {', '.join(REQUIRED[:3])}; "
                   f"found {found}")
        raise PackgenError.many(check.errors)
    values = _read(check, doc.data)
    if any(d.severity is Severity.ERROR for d in check.errors):
        raise PackgenError.many(check.errors)
    if notes is not None:
        notes.extend(check.errors)
    return Pack(id=pack_id, loc=Loc(doc.path, 1), lines=MappingProxyType(check.lines), **values)


LANGUAGE_CODES = ("cy", "en")
"""The keys of a per-language value: ``{cy: "...", en: "..."}``."""


def _read(check: _Check, data: dict[object, object]) -> dict[str, Any]:
    """Return every field's value; a bilingual pack is read once per language, its first
    language's values kept as the pack's own and every language's in ``localised``."""
    if "languages" not in data:
        return check.fields(_one_language(check, data))
    codes = _codes(data.get("languages")) or ("en",)
    if len(codes) < 2:  # the list is reported by its converter
        return check.fields(in_language(data, codes[0], LANGUAGE_CODES))  # type: ignore[arg-type]
    for at, missing in per_language(data, codes):
        if missing:
            check.fail(f"'{key_path(at)}' gives no {' or '.join(missing)} value: a "
                       f"bilingual pack gives each language ({', '.join(codes)}), or one "
                       "value for all", *at, code=PER_LANGUAGE_VALUE)
    each = {code: check.fields(in_language(data, code, codes)) for code in codes}
    check.errors[:] = list(dict.fromkeys(check.errors))
    keys = {str(at[0]) for at, _ in per_language(data, codes) if at}
    values = each[codes[0]]
    values["localised"] = MappingProxyType({WRITTEN[code]: MappingProxyType(
        {k: v for k, v in each[code].items() if k in keys}) for code in codes})
    values.setdefault("language", WRITTEN[codes[0]])
    return values


def _codes(value: object) -> tuple[str, ...]:
    """Return the language codes of a ``languages`` list that packgen writes, in order."""
    if not isinstance(value, list):
        return ()
    tags = [language_tag(v) for v in value if isinstance(v, str)]
    return tuple(sorted(dict.fromkeys(short(t) for t in tags if t), key=_welsh_first))


def _welsh_first(code: str) -> bool:
    """Return the sort key that puts Welsh before any other language (W3)."""
    return short(code) != "cy"


def _one_language(check: _Check, data: dict[object, object]) -> dict[object, object]:
    """Return a one-language pack's data with any per-language value reported (PG038) and
    read in the pack's language."""
    found = list(per_language(data, LANGUAGE_CODES))
    for at, _missing in found:
        check.fail(f"'{key_path(at)}' gives a value per language, but the pack is in one "
                   "language: write one value, or make the pack bilingual with "
                   "languages: [cy, en]", *at, code=PER_LANGUAGE_VALUE)
    if not found:
        return data
    written = data.get("language")
    tag = language_tag(written) if isinstance(written, str) else None
    return in_language(data, short(tag or "en-GB"), LANGUAGE_CODES)  # type: ignore[return-value]


@dataclass
class _Check(Fields):
    """The state of one pack's validation: the document, what it may name, what went wrong."""

    modules: Collection[str] | None
    audiences: Collection[str]
    lines: dict[str, int] = field(default_factory=dict)
    listed: tuple[str, ...] = ()
    """The pack's own module ids, once read (breaks refer to them)."""

    def fields(self, data: dict[object, object]) -> dict[str, Any]:
        """Return every key's converted value; report unknown and missing keys."""
        known = self.mapping(data, (), FIELDS, REQUIRED)
        values: dict[str, Any] = {}
        for key, convert in FIELDS.items():
            if key in known:
                self.lines[key] = self.doc.line(key)
                values[key] = convert(self, known[key], (key,))
        return values


Convert = Callable[[_Check, object, At], object]


def _audience(check: _Check, value: object, at: At) -> str:
    audience = check.text(value, at)
    if audience and check.audiences and audience not in check.audiences:
        check.fail(unknown_audience(audience, check.audiences), *at, code="PG112")
    return audience


def unknown_audience(audience: str, known: Collection[str]) -> str:
    """Return the message for an audience id ``content/audiences.yaml`` does not list."""
    return (f"unknown audience '{audience}'{_hint(audience, known)} (expected one of: "
            f"{', '.join(sorted(known))})")


def _hint(name: str, known: Collection[str]) -> str:
    close = closest(name, known)
    return f"; did you mean '{close}'?" if close else ""


def _date(check: _Check, value: object, at: At) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    check.fail(f"'date' must be a date like 2026-03-03; found {value!r}", *at)
    return dt.date(2000, 1, 1)


def _clock(check: _Check, value: object, at: At) -> int:
    """Return a clock time judged by its source text: PyYAML reads ``10:00`` and ``600`` alike.

    ``"HH:MM"`` in quotes is the form; unquoted ``HH:MM`` is accepted with an info line; any
    other number or text, or an hour or minute out of range, is an error showing the fix.
    """
    written = check.doc.scalar(*at) or _as_written(value)
    if written is None:
        check.fail(f"'{key_path(at)}' must be a clock time in quotes, such as \"10:00\"; found "
                   f"{describe(value)}", *at, code=BAD_CLOCK)
        return 0
    minutes, problem = read_clock(written.text)
    if minutes is None:
        meant = clock_meant(written.text)
        fix = f": write {at[-1]}: \"{meant}\"" if meant else ""
        check.fail(f"'{key_path(at)}' must be a clock time such as \"13:30\", in quotes; found "
                   f"{written.text or 'nothing'} ({problem}){fix}", *at, code=BAD_CLOCK)
        return 0
    if not written.quoted:
        check.errors.append(errors.info(
            f"quote the clock time: write {at[-1]}: \"{written.text}\" (unquoted, YAML reads "
            f"{written.text} as a number, which packgen reads back as the time)",
            check.doc.path, check.doc.line(*at), UNQUOTED_CLOCK))
    return minutes


def _as_written(value: object) -> Scalar | None:
    """Return a value not read from a file (no source text) as if written: text in quotes."""
    if isinstance(value, (dict, list)) or value is None:
        return None
    return Scalar(str(value), isinstance(value, str))


def _modules(check: _Check, value: object, at: At) -> tuple[str, ...]:
    ids = check.texts(value, at)
    if isinstance(value, list) and not value:
        check.fail("'modules' must list at least one module", *at)
    for i, module_id in enumerate(ids):
        check.lines[f"modules[{i}]"] = check.doc.line(*at, i)
        if module_id in ids[:i]:
            check.fail(f"module '{module_id}' is listed twice", *at, i)
        elif check.modules is not None and module_id and module_id not in check.modules:
            check.fail(f"unknown module '{module_id}'{_hint(module_id, check.modules)} (known "
                       f"modules: {', '.join(sorted(check.modules)) or 'none'})", *at, i,
                       code="PG111")
    check.listed = ids
    return ids


def _variables(check: _Check, value: object, at: At) -> Mapping[str, object]:
    names = check.names(value, at)
    for name in names:
        check.lines[f"variables.{name}"] = check.doc.line(*at, name)
        _variable_name(check, name, at + (name,))
        _variable_size(check, name, names[name], at + (name,))
    return MappingProxyType({str(k): _freeze(v) for k, v in names.items()})


def _variable_size(check: _Check, name: object, value: object, at: At) -> None:
    """Report a variable whose text is over MAX_VARIABLE_CHARS (PG024), before any is filled in."""
    size = _characters(value)
    if size > MAX_VARIABLE_CHARS:
        check.errors.extend(too_large(f"variable '{name}' ({size:,} characters)",
                                      f"{MAX_VARIABLE_CHARS:,} characters", check.doc.path,
                                      check.doc.line(*at)).diagnostics)


def _characters(value: object) -> int:
    """Return the characters of text a variable's value puts into content (nested values too)."""
    if isinstance(value, dict):
        return sum(len(str(k)) + _characters(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_characters(v) for v in value)
    return len(str(value))


def _variable_name(check: _Check, name: object, at: At) -> None:
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        check.fail(f"variable name '{name}' must be a word of letters, digits and underscores "
                   "(not starting with _ or a digit)", *at)
    elif name in PACK_FIELDS:
        check.fail(f"variable '{name}' clashes with the pack field '{name}': rename it", *at)
    elif name in RESERVED_NAMES:
        check.fail(f"variable '{name}' clashes with the built-in variable '{name}': rename it",
                   *at)


def _freeze(value: object) -> object:
    if isinstance(value, dict):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _template(check: _Check, value: object, at: At) -> str:
    name = check.text(value, at)
    if name and not name.lower().endswith(".pptx"):
        check.fail(f"'template' must name a .pptx file in templates/; found '{name}'", *at)
    return name


def _language(check: _Check, value: object, at: At) -> str:
    """Return the tag of ``language`` (``cy`` → ``cy-GB``); refuse one set with
    ``languages`` (PG037) and a language packgen cannot write (PG036)."""
    written = check.text(value, at)
    if written and not _LANGUAGE.match(written):
        hint = unknown_language(written, "language").partition("; ")[2].partition(" (")[0]
        check.fail(f"'language' must be a language tag like en-GB; found '{written}'"
                   f"{'; ' + hint if hint else ''}", *at)
        return written
    if isinstance(check.doc.data, dict) and "languages" in check.doc.data:
        check.fail("'language' and 'languages' cannot both be set: a pack in one language "
                   "writes language: cy, a bilingual pack languages: [cy, en]", *at,
                   code=BOTH_LANGUAGE_KEYS)
    tag = language_tag(written) if written else None
    if written and tag is None:
        check.fail(unknown_language(written, "language"), *at, code=UNKNOWN_LANGUAGE)
    return tag or written


def _languages(check: _Check, value: object, at: At) -> tuple[str, ...]:
    """Return the tags of a bilingual pack's ``languages``, in the order given (Welsh first
    is the rule the docs give, W3); each must be one packgen writes, two different ones."""
    tags = []
    for i, written in enumerate(check.texts(value, at)):
        tag = language_tag(written) if written else None
        if written and tag is None:
            check.fail(unknown_language(written, "languages"), *at, i, code=UNKNOWN_LANGUAGE)
        elif tag in tags:
            check.fail(f"'languages' lists {written} twice", *at, i, code=UNKNOWN_LANGUAGE)
        elif tag:
            tags.append(tag)
    if isinstance(value, list) and len(tags) == 1 and len(value) == 1:
        check.fail(f"'languages' lists one language: write language: {value[0]} for a pack "
                   "in one language, or list both, languages: [cy, en]", *at,
                   code=UNKNOWN_LANGUAGE)
    return tuple(sorted(tags, key=_welsh_first))


def _deck_style(check: _Check, value: object, at: At) -> str:
    style = check.text(value, at)
    if style and style not in DECK_STYLES:
        check.fail(f"'deck_style' must be one of: {', '.join(DECK_STYLES)}; found '{style}'",
                   *at)
    return style


def _contact(check: _Check, value: object, at: At) -> Mapping[str, str]:
    found = check.mapping(value, at, CONTACT_KEYS)
    return MappingProxyType({k: check.text(v, at + (k,)) for k, v in found.items()})


def _breaks(check: _Check, value: object, at: At) -> tuple[Break, ...]:
    return tuple(b for where, item in check.items(value, at)
                 if (b := _break(check, item, where)) is not None)


def _break(check: _Check, value: object, at: At) -> Break | None:
    check.lines[key_path(at)] = check.doc.line(*at)
    found = check.mapping(value, at, BREAK_KEYS)
    if not found:
        return None
    if ("after" in found) == ("at" in found):
        check.fail("a break needs either 'after' (a module id) or 'at' (a clock time)", *at)
    if "minutes" not in found:
        check.fail("a break needs 'minutes'", *at)
    after = _break_after(check, found["after"], at + ("after",)) if "after" in found else None
    when = _clock(check, found["at"], at + ("at",)) if "at" in found else None
    minutes = check.positive(found.get("minutes", 1), at + ("minutes",))
    title = check.text(found["title"], at + ("title",)) if "title" in found else "Break"
    loc = Loc(check.doc.path, check.doc.line(*at))
    return Break(minutes, loc, after, when, title or "Break")


def _break_after(check: _Check, value: object, at: At) -> str:
    module_id = check.text(value, at)
    if module_id and module_id not in check.listed:
        check.fail(f"break after '{module_id}': that module is not in this pack's modules "
                   f"({', '.join(check.listed)})", *at)
    return module_id


FIELDS: dict[str, Convert] = {
    "title": Fields.text, "audience": _audience, "organisation": Fields.text, "date": _date,
    "start": _clock, "slot": Fields.positive, "venue": Fields.text, "facilitators": Fields.texts,
    "modules": _modules, "variables": _variables, "template": _template,
    "language": _language, "deck_style": _deck_style, "participants": Fields.positive,
    "breaks": _breaks, "access": Fields.texts, "contact": _contact, "cover": Fields.image,
    "checked_by": Fields.text, "languages": _languages, "checked_by_cy": Fields.text,
}
"""Every pack key and its converter, in checking order (``breaks`` after ``modules``)."""
