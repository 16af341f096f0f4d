"""The project's Welsh text as a whole: read beside the English, and checked for the packs
that are built in Welsh (what they lack is an error for them, what they use a warning)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from packgen import errors, paths
from packgen.errors import Diagnostic
from packgen.load.fields import Fields
from packgen.load.translations import (
    ModuleTexts,
    load_module_texts,
    read_glossary_text,
    read_spaces_text,
)
from packgen.model import GlossaryEntry, Module, Pack, Space, Translation
from packgen.wording import glossary_matches

WELSH = "cy-GB"
NO_WELSH_TEXT = "PG039"
WORD_MISSING = "PG134"
SPACE_MISSING = "PG135"

ReadData = Callable[[str, Callable[[Fields], Any], Any], Any]
"""Read an optional YAML file of the project: its name, what to make of it, its default."""


@dataclass(frozen=True, slots=True)
class WelshText:
    """The Welsh text as read, with what was found in the modules' translations."""

    translation: Translation
    texts: ModuleTexts
    named: frozenset[str]
    """The ids of the spaces ``model.cy.yaml`` names."""

    def translations(self) -> Mapping[str, Translation]:
        """Return the project's translations by tag: the Welsh one when there is Welsh text."""
        return MappingProxyType({WELSH: self.translation} if self.translation.modules else {})


def read_welsh(root: Path, read: ReadData, english: Mapping[str, Module], figures: bool,
               english_data: tuple[tuple[GlossaryEntry, ...], tuple[Space, ...]]) -> WelshText:
    """Return the project's Welsh text: each module's ``.cy.md``, ``glossary.cy.yaml`` and
    ``model.cy.yaml``, checked against the English glossary and spaces of ``english_data``
    (``read`` records the problems of the two files with the other shared files')."""
    glossary, spaces = english_data
    texts = load_module_texts(root, english, "cy", figures)
    terms = read("content/glossary.cy.yaml", lambda c: read_glossary_text(c, glossary), ((), {}))
    named = read("content/model.cy.yaml", lambda c: _spaces_given(c, spaces),
                 (spaces, frozenset()))
    translation = Translation(WELSH, MappingProxyType(texts.modules), terms[0], named[0],
                              MappingProxyType(terms[1]), MappingProxyType(texts.translated_by))
    return WelshText(translation, texts, named[1])


def needs_welsh(welsh: WelshText, packs: dict[str, Pack],
                pack_errors: dict[str, tuple[Diagnostic, ...]],
                glossary: tuple[tuple[GlossaryEntry, ...], Path],
                english: Mapping[str, Module]) -> list[Diagnostic]:
    """Move each pack that needs Welsh text it lacks into ``pack_errors`` (PG039, or the
    errors of the translation); return the warnings about the Welsh its packs use
    (``glossary``: the English entries and the project root)."""
    texts, notes = welsh.texts, list(welsh.texts.notes)
    welsh_packs = [p for p in packs.values() if WELSH in p.needs]
    for pack in welsh_packs:
        problems = [d for i, m in enumerate(pack.modules) for d in
                    texts.broken.get(m, ()) or _no_text(pack, i, m, texts)]
        if problems:
            pack_errors[pack.id] = tuple(problems)
            del packs[pack.id]
    used = list(dict.fromkeys(m for p in welsh_packs for m in p.modules if m in english))
    notes += [d for m in used for d in texts.found.get(m, ())]
    if welsh_packs:
        notes += _words_missing(welsh.translation, *glossary,
                                [english[m].loc.path for m in used])
        notes += [errors.warning(f"space '{s.id}' has no Welsh name: add it to "
                                 "content/model.cy.yaml", "content/model.yaml", None,
                                 SPACE_MISSING)
                  for s in welsh.translation.spaces if s.id not in welsh.named]
    return notes


def _spaces_given(check: Fields, spaces: tuple[Space, ...]
                  ) -> tuple[tuple[Space, ...], frozenset[str]]:
    """Return the spaces with their Welsh text, and the ids ``model.cy.yaml`` names."""
    data = check.doc.data
    listed = data.get("spaces") if isinstance(data, dict) else None
    ids = frozenset(str(s.get("id")) for s in listed or () if isinstance(s, dict)) \
        if isinstance(listed, list) else frozenset()
    return read_spaces_text(check, spaces), ids


def _no_text(pack: Pack, index: int, module_id: str, texts: ModuleTexts) -> list[Diagnostic]:
    if module_id in texts.modules:
        return []
    line = pack.lines.get(f"modules[{index}]", pack.lines.get("modules"))
    return [errors.error(f"module '{module_id}' has no Welsh text, and this pack is built in "
                         f"Welsh: add content/modules/{module_id}.cy.md beside its English "
                         "file", pack.loc.path, line, NO_WELSH_TEXT)]


def _words_missing(welsh: Translation, glossary: tuple[GlossaryEntry, ...], root: Path,
                   files: list[str]) -> list[Diagnostic]:
    """Return a warning for each glossary entry that the English files of the Welsh packs'
    modules use and glossary.cy.yaml does not translate."""
    untranslated = [e for e in glossary if e.term not in welsh.terms]
    text = "\n".join(paths.read_text(root, root / f, f) for f in files) if untranslated else ""
    used = {match.entry.term for match in glossary_matches(text, untranslated)}
    return [errors.warning(f"'{e.term}' has no Welsh entry in content/glossary.cy.yaml, and "
                           f"a pack built in Welsh uses it: add en: {e.term} with its term "
                           "and explanation", e.loc.path, e.loc.line, WORD_MISSING)
            for e in untranslated if e.term in used]
