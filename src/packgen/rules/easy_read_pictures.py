"""Easy-read picture and title rules: one picture per idea, a picture for every hard word,
and easy-read slide titles that never repeat.

A picture's *idea* is the glossary word it illustrates in ``glossary.yaml``, or the glossary
words a row writes in bold (``**council**``). Two uses of one picture stand for different ideas
when they share no glossary word; a row with no bold glossary word says nothing about what its
picture means, so it never counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from packgen.errors import Diagnostic, warning
from packgen.model import EasyReadRow, GlossaryEntry, Loc, TailoredPack, plain
from packgen.wording import glossary_matches


@dataclass(frozen=True, slots=True)
class PictureUse:
    """One place a picture stands for an idea: a glossary entry, or a row with bold words."""

    src: str
    terms: frozenset[str]
    """The glossary terms (never their other forms) this use of the picture stands for."""
    loc: Loc
    what: str
    """How the message names it: ``the glossary word 'council'`` or ``a row about 'power'``."""


def check_pictures(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG211 for each picture that stands for a second idea, then PG212 for each
    glossary word the pack's easy read uses that has no picture."""
    glossary = tp.project.glossary
    rows = [row for module in tp.modules for row in module.easy_read]
    return shared_pictures(picture_uses(glossary, rows)) + words_without_pictures(
        used_entries(glossary, rows))


def picture_uses(glossary: tuple[GlossaryEntry, ...],
                 rows: list[EasyReadRow]) -> list[PictureUse]:
    """Return every use of a picture with a meaning: glossary entries first, then rows."""
    uses = [PictureUse(e.image.src, frozenset({e.term}), e.loc, f"the glossary word '{e.term}'")
            for e in glossary if e.image is not None]
    for row in rows:
        terms = bold_terms(row, glossary)
        if row.image is not None and terms:
            listed = "', '".join(sorted(terms))
            uses.append(PictureUse(row.image.src, terms, row.loc, f"a row about '{listed}'"))
    return uses


def shared_pictures(uses: list[PictureUse]) -> list[Diagnostic]:
    """Return PG211 for each use of a picture whose idea shares no word with its first use."""
    first: dict[str, PictureUse] = {}
    found = []
    for use in uses:
        earlier = first.setdefault(use.src, use)
        if earlier is not use and not earlier.terms & use.terms:
            found.append(warning(
                f"picture '{use.src}' stands for {use.what} here and for {earlier.what} at "
                f"{earlier.loc.path}:{earlier.loc.line}: give each idea its own picture, so "
                "one picture always means one thing", use.loc.path, use.loc.line, "PG211"))
    return found


def words_without_pictures(entries: list[GlossaryEntry]) -> list[Diagnostic]:
    """Return PG212 for each glossary entry without a picture."""
    return [warning(f"glossary word '{e.term}' has no picture: add 'picture: {{src: "
                    f"images/NAME.png, alt: what it shows}}' so its box and the hard-words "
                    "list show it", e.loc.path, e.loc.line, "PG212")
            for e in entries if e.image is None]


def bold_terms(row: EasyReadRow, glossary: tuple[GlossaryEntry, ...]) -> frozenset[str]:
    """Return the glossary terms a row writes in bold (``**councils**`` gives ``council``)."""
    bold = [span.text for line in row.sentences for span in line if span.bold]
    return frozenset(m.entry.term for text in bold for m in glossary_matches(text, glossary))


def used_entries(glossary: tuple[GlossaryEntry, ...],
                 rows: list[EasyReadRow]) -> list[GlossaryEntry]:
    """Return the glossary entries the rows use, in glossary order (the hard-words list)."""
    used = {m.entry.term for row in rows for line in row.sentences
            for m in glossary_matches(plain(line), glossary)}
    return [e for e in glossary if e.term in used]


def check_titles(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG213 for each easy-read slide whose title an earlier slide of the deck has."""
    seen: dict[str, int] = {}
    found = []
    for slide in tp.slides:
        key = " ".join(slide.title.casefold().split())
        if slide.kind == "easy-read" and key in seen and slide.row is not None:
            found.append(warning(
                f"easy-read slide {slide.number} has the same title as slide {seen[key]}: "
                f"'{slide.title}'; give the row its own title with a '#### Short title' line "
                "before its picture", slide.row.loc.path, slide.row.loc.line, "PG213"))
        seen.setdefault(key, slide.number)
    return found
