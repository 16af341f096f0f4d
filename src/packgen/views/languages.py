"""The statement that a pack is also built in another language, as each document shows it."""

from __future__ import annotations

from dataclasses import dataclass

from packgen.model import TailoredPack
from packgen.translations import N_, language_of, words


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence saying another language version exists, in one language."""

    lang: str
    """The tag of the sentence's language, ``cy-GB``: writers mark the text with it."""
    text: str


ALSO_IN = {
    "pack": {"cy": N_("This pack is also available in Welsh."),
             "en": N_("This pack is also available in English.")},
    "easy-read": {"cy": N_("You can get this easy read in Welsh too."),
                  "en": N_("You can get this easy read in English too.")},
}
"""For each kind of document, the sentence that says it exists in a language, by language."""


def also_in(lang: str, others: tuple[str, ...], kind: str = "pack") -> tuple[Statement, ...]:
    """Return the sentences saying the document is also available in ``others`` (tags).

    Each other language gets its sentence in the document's language ``lang``, then the same
    sentence in that other language, so that its readers find it too (each its own block,
    never mixed in one). A language packgen has no sentence for is left out; no ``others``,
    nothing.
    """
    said: list[Statement] = []
    for other in others:
        message = ALSO_IN[kind].get(language_of(other))
        if message is None or language_of(other) == language_of(lang):
            continue
        _, theirs = words(lang), words(other)
        said.append(Statement(lang, _(message)))
        said.append(Statement(other, theirs(message)))
    return tuple(dict.fromkeys(said))


def other_versions(tp: TailoredPack) -> tuple[str, ...]:
    """Return the tags of the languages the pack is also built in (none for a pack built in
    one language)."""
    return tp.also_in


UNCHECKED = N_("A Welsh speaker has not checked this Welsh yet.")
"""What a Welsh document says while nobody is recorded as checking its Welsh (W6)."""


def unchecked(tp: TailoredPack) -> tuple[Statement, ...]:
    """Return the sentence saying nobody has checked the Welsh of a Welsh document (the pack
    has no ``checked_by_cy``); nothing for English or checked Welsh."""
    if language_of(tp.language) != "cy" or tp.pack.checked_by_cy:
        return ()
    _ = words(tp.language)
    return (Statement(tp.language, _(UNCHECKED)),)
