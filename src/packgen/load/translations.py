"""Load the Welsh text of a project: ``NAME.cy.md`` beside each module, ``glossary.cy.yaml``
and ``model.cy.yaml``, each checked against its English counterpart."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packgen import errors
from packgen.errors import Diagnostic, PackgenError, Severity
from packgen.load import modules as mod
from packgen.load.fields import Fields
from packgen.markdown.blocks import parse_body
from packgen.model import GlossaryEntry, Loc, Material, Module, Slide, Space, plain
from packgen.paths import MODULE_SUFFIXES, relative, translation_of
from packgen.wording import closest

NO_MODULE = "PG040"
KEY_IGNORED = "PG041"
UNKNOWN_TERM = "PG042"
UNKNOWN_SPACE = "PG043"
BLOCK_MISSING = "PG133"
NO_TRANSLATOR = "PG139"

KEYS = ("title", "translated_by", "summary", "objectives", "key_messages", "materials")
"""What a translation's front matter may hold; everything else comes from the English file."""


@dataclass
class ModuleTexts:
    """The translations of the modules into one language, and what was found in them."""

    modules: dict[str, Module] = field(default_factory=dict)
    translated_by: dict[str, str] = field(default_factory=dict)
    broken: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    """Module id to the errors of its translation (it cannot be used)."""
    found: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """Module id to the warnings of its translation: reported when a pack needs it."""
    notes: list[Diagnostic] = field(default_factory=list)
    """Findings about translation files that belong to no module."""


def translation_files(folder: Path, language: str) -> list[Path]:
    """Return the translation files of ``language`` in ``folder`` (``*.cy.md``), sorted."""
    return sorted(p for suffix in MODULE_SUFFIXES for p in folder.glob(f"*.{language}{suffix}"))


def load_module_texts(root: Path, english: Mapping[str, Module], language: str,
                      implicit_figures: bool = True) -> ModuleTexts:
    """Return the ``language`` text of each module in ``english`` that has one beside it."""
    by_file = {Path(m.loc.path).name: m for m in english.values()}
    texts = ModuleTexts()
    for path in translation_files(root / "content" / "modules", language):
        named = translation_of(path.name)
        stem = named[0] if named else path.stem
        module = next((m for n, m in by_file.items() if n.rsplit(".", 1)[0] == stem), None)
        where = relative(root, path, follow_links=False)
        if module is None and any(path.with_name(stem + suffix).is_file()
                                  for suffix in MODULE_SUFFIXES):
            continue  # the English module failed to load: its own error says why
        if module is None:
            texts.notes.append(errors.warning(
                f"ignored: {path.name} is the Welsh text of a module, but there is no "
                f"{stem}.md beside it", where, 1, NO_MODULE))
            continue
        try:
            welsh, who, found = load_module_text(path, root, module, implicit_figures)
        except PackgenError as exc:
            texts.broken[module.id] = exc.diagnostics
            continue
        texts.modules[module.id] = welsh
        texts.found[module.id] = found + compare(module, welsh)
        if who:
            texts.translated_by[module.id] = who
    return texts


def load_module_text(path: Path, root: Path, english: Module, implicit_figures: bool = True
                     ) -> tuple[Module, str, list[Diagnostic]]:
    """Return the module ``english`` with the text of the translation in ``path``, who
    translated it, and the warnings found; raise PackgenError with every error in it."""
    where = relative(root, path, follow_links=False)
    text, found = mod.read_module_text(root, path, where)
    split = mod.split_front_matter(text, where)
    check = Fields(root, mod.front_matter(split.front, where, split.line))
    meta: dict[Any, Any] = check.doc.data if isinstance(check.doc.data, dict) else {}
    body = parse_body(split.body, path=where, line_offset=split.offset, root=root,
                      base_dir=path.parent, implicit_figures=implicit_figures)
    found += list(body.diagnostics) + _ignored(check, meta)
    if "title" not in meta:
        check.errors.append(errors.error("front matter needs a title: (the module's name in "
                                         "Welsh)", where, 1, mod.INVALID_FIELD))
    welsh = dataclasses.replace(
        english, title=check.text(meta.get("title", ""), ("title",)) or english.title,
        slides=body.slides, easy_read=body.easy_read, has_easy_read=body.has_easy_read,
        loc=Loc(where, 1),
        objectives=mod.front_matter_lines(check, meta, "objectives") or english.objectives,
        key_messages=mod.front_matter_lines(check, meta, "key_messages") or english.key_messages,
        materials=_materials(check, meta, english))
    who = check.text(meta["translated_by"], ("translated_by",)) if "translated_by" in meta \
        else ""
    if not who:
        found.append(errors.info(f"{path.name} does not say who translated it: add "
                                 "translated_by: NAME to its front matter", where, 1,
                                 NO_TRANSLATOR))
    found += check.errors
    failed = [d for d in found if d.severity is Severity.ERROR]
    if failed:
        raise PackgenError.many(failed)
    return welsh, who, found


def _materials(check: Fields, meta: Mapping[Any, Any], english: Module) -> tuple[Material, ...]:
    """Return the English module's materials under the names the translation gives them, in
    the same order (how many of each comes from the English file); the English names when the
    translation lists none, and a warning when it lists another number of them."""
    names = mod.front_matter_lines(check, dict(meta), "materials")
    if not names:
        return english.materials
    if len(names) != len(english.materials):
        check.errors.append(errors.warning(
            f"materials lists {len(names)} things, the English module "
            f"{len(english.materials)}: give the Welsh name of each, in the English order "
            "(how many comes from the English module)", check.doc.path,
            check.doc.line("materials"), BLOCK_MISSING))
        return english.materials
    return tuple(dataclasses.replace(m, name=n) for m, n in zip(english.materials, names))


def _ignored(check: Fields, meta: Mapping[Any, Any]) -> list[Diagnostic]:
    return [errors.warning(f"'{key}' is ignored here: it comes from the English module "
                           f"(a translation's front matter holds {', '.join(KEYS)})",
                           check.doc.path, check.doc.line(key), KEY_IGNORED)
            for key in meta if key not in KEYS and key not in mod.DECK_KEYS]


# --- block for block ---------------------------------------------------------------------


def compare(english: Module, welsh: Module) -> list[Diagnostic]:
    """Return a finding for each slide, notes block, easy-read row or activity that one text
    has and the other lacks (PG133): at the English block, saying where the Welsh belongs."""
    found = _slides(english, welsh)
    found += _rows(english, welsh)
    return found


def _slides(english: Module, welsh: Module) -> list[Diagnostic]:
    found = []
    en, cy = english.slides, welsh.slides
    for i, slide in enumerate(en[len(cy):], start=len(cy)):
        found.append(_missing(welsh, f"slide {i + 1} ({_title(slide)})", slide.loc,
                              _after(cy), "after the last Welsh slide, at"))
    for i, slide in enumerate(cy[len(en):], start=len(en)):
        found.append(_extra(english, f"slide {i + 1} ({_title(slide)})", slide.loc))
    for a, b in zip(en, cy, strict=False):
        found += _pair(english, welsh, a, b)
    return found


def _pair(english: Module, welsh: Module, a: Slide, b: Slide) -> list[Diagnostic]:
    found = []
    if a.notes and not b.notes:
        found.append(_missing(welsh, f"the notes of '{_title(a)}'",
                              _block_loc(a.notes, a.loc), b.loc, "to the Welsh slide at"))
    elif b.notes and not a.notes:
        found.append(_extra(english, f"the notes of '{_title(b)}'", _block_loc(b.notes, b.loc)))
    if a.activity and not b.activity:
        found.append(_missing(welsh, f"the activity '{a.activity.title}'",
                              a.activity.loc, b.loc, "to the Welsh slide at"))
    elif b.activity and not a.activity:
        found.append(_extra(english, f"the activity '{b.activity.title}'", b.activity.loc))
    elif a.activity and b.activity and a.activity.minutes != b.activity.minutes:
        found.append(errors.warning(
            f"the activity '{b.activity.title}' takes {b.activity.minutes} minutes here but "
            f"{a.activity.minutes} in {Path(english.loc.path).name}: timings come from the "
            "English text", b.activity.loc.path, b.activity.loc.line, BLOCK_MISSING))
    return found


def _rows(english: Module, welsh: Module) -> list[Diagnostic]:
    found = []
    en, cy = english.easy_read, welsh.easy_read
    for i, row in enumerate(en[len(cy):], start=len(cy)):
        found.append(_missing(welsh, f"easy-read row {i + 1}", row.loc,
                              cy[-1].loc if cy else None, "after the last Welsh row, at"))
    for i, row in enumerate(cy[len(en):], start=len(en)):
        found.append(_extra(english, f"easy-read row {i + 1}", row.loc))
    for i, (a, b) in enumerate(zip(en, cy, strict=False)):
        if (a.image and a.image.src) != (b.image and b.image.src):
            found.append(errors.warning(
                f"easy-read row {i + 1} shows {_picture(b)} here but {_picture(a)} in "
                f"{Path(english.loc.path).name}: both languages show the same picture (W1)",
                b.loc.path, b.loc.line, BLOCK_MISSING))
    return found


def _missing(welsh: Module, what: str, loc: Loc, near: Loc | None, how: str) -> Diagnostic:
    """Return the finding at ``loc`` in the English file for ``what`` lacking Welsh, saying
    where in the Welsh file it belongs (``how`` the place ``near``, or the file alone)."""
    place = f"{how} {welsh.loc.path}:{near.line}" if near and near.line else \
        f"to {welsh.loc.path}"
    return errors.warning(f"{what} has no Welsh text: add it {place}", loc.path, loc.line,
                          BLOCK_MISSING)


def _extra(english: Module, what: str, loc: Loc) -> Diagnostic:
    return errors.warning(f"{what} has no English counterpart in {english.loc.path}: the "
                          "Welsh text mirrors the English block for block", loc.path,
                          loc.line, BLOCK_MISSING)


def _after(slides: Sequence[Slide]) -> Loc | None:
    return slides[-1].loc if slides else None


def _block_loc(blocks: Sequence[object], default: Loc) -> Loc:
    loc = getattr(blocks[0], "loc", None) if blocks else None
    return loc if isinstance(loc, Loc) else default


def _title(slide: Slide) -> str:
    return plain(slide.title).strip() or "untitled"


def _picture(row: object) -> str:
    image = getattr(row, "image", None)
    return image.src if image else "no picture"


# --- glossary and model ------------------------------------------------------------------


GLOSSARY_KEYS = ("en", "term", "explanation", "forms")
SPACE_KEYS = ("id", "name", "holder", "description", "alt")


def read_glossary_text(check: Fields, english: Sequence[GlossaryEntry]
                       ) -> tuple[tuple[GlossaryEntry, ...], dict[str, str]]:
    """Return the entries of ``glossary.cy.yaml``, each with its English entry's picture,
    and the English term each translates to its Welsh term."""
    by_term = {e.term.lower(): e for e in english}
    entries, terms = [], {}
    for at, entry in check.entries(check.doc.data, (), GLOSSARY_KEYS, ("en", "term")):
        source = check.text(entry["en"], at + ("en",))
        match = by_term.get(source.lower())
        if match is None:
            near = closest(source, [e.term for e in english])
            hint = f"; did you mean '{near}'?" if near else ""
            check.fail(f"'en: {source}' names no entry of content/glossary.yaml{hint}",
                       *at, "en", code=UNKNOWN_TERM)
            continue
        term = check.text(entry["term"], at + ("term",))
        entries.append(GlossaryEntry(
            term, check.text(entry.get("explanation", ""), at + ("explanation",), blank=True),
            Loc(check.doc.path, check.doc.line(*at)),
            check.texts(entry.get("forms", []), at + ("forms",), blank=True), match.image))
        terms[match.term] = term
    return tuple(entries), terms


def read_spaces_text(check: Fields, english: Sequence[Space]) -> tuple[Space, ...]:
    """Return every space of ``english`` with its name, holder, description and picture alt
    text from ``model.cy.yaml`` where it gives them (colours and pictures stay)."""
    top = check.mapping(check.doc.data, (), ("spaces",), ("spaces",))
    given: dict[str, dict[str, object]] = {}
    ids = [s.id for s in english]
    for at, entry in check.entries(top.get("spaces", []), ("spaces",), SPACE_KEYS, ("id",)):
        space_id = check.text(entry["id"], at + ("id",))
        if space_id not in ids:
            near = closest(space_id, ids)
            hint = f"; did you mean '{near}'?" if near else ""
            check.fail(f"space '{space_id}' is not in content/model.yaml{hint} (spaces: "
                       f"{', '.join(ids)})", *at, "id", code=UNKNOWN_SPACE)
            continue
        given[space_id] = {k: check.text(v, at + (k,), blank=True) for k, v in entry.items()}
    return tuple(_space(s, given.get(s.id, {})) for s in english)


def _space(space: Space, text: Mapping[str, object]) -> Space:
    picture = space.picture
    if picture is not None and text.get("alt"):
        picture = dataclasses.replace(picture, alt=str(text["alt"]))
    return dataclasses.replace(space, picture=picture, **{
        k: str(text[k]) for k in ("name", "holder", "description") if text.get(k)})
