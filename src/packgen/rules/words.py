"""Rules on packgen's own words in the pack's language: project templates that write their
words themselves (PG186). (A pack's language always has a catalogue: load/ accepts only the
languages packgen writes, PG036.)"""

from __future__ import annotations

from packgen.errors import Diagnostic, PackgenError, info, warning
from packgen.model import TailoredPack
from packgen.paths import find_template
from packgen.rules.base import Rule
from packgen.translations import known_languages, language_of

TRANSLATED = {"guide.html": ("_(", "gettext(", "{% trans"),
              "handout.html": ("_(", "gettext(", "{% trans"),
              "guide.typ": ("say(", "d.words"), "handout.typ": ("say(", "d.words")}
"""The templates packgen gives its words to, and how a template takes one of them."""


def untranslated_templates(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG186 for each project template that takes none of packgen's words, in a pack
    whose language packgen translates into (not English)."""
    language = language_of(tp.language)
    if language == "en" or language not in known_languages():
        return []
    return [warning(f"{shown} writes its words itself, so this {tp.language} pack shows them "
                    f"as written there: take them from packgen with {TRANSLATED[name][0]}"
                    f"\"...\") as the packaged {name} does", shown, None, "PG186")
            for name, shown in _own_words(tp)]


def _own_words(tp: TailoredPack) -> list[tuple[str, str]]:
    """Return (name, display) of each project template that takes none of packgen's words."""
    found = []
    for name, marks in TRANSLATED.items():
        try:
            template = find_template(tp.project.root, name)
            if not template.packaged and not any(m in template.read_text() for m in marks):
                found.append((name, template.display))
        except PackgenError:
            continue  # a template that cannot be read is reported where it is used
    return found


RULES = [Rule("PG186", untranslated_templates)]
