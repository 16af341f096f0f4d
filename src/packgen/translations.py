"""The words packgen writes itself, in the pack's language: gettext catalogues and Babel.

English (``en-GB``) is the source language: every message is written in the code and the
templates in English, and an English pack gets those words exactly as written. Another
language reads its words from ``locales/<language>/LC_MESSAGES/packgen.mo`` (made from the
``.po`` beside it by ``make messages``); a language packgen has no catalogue for keeps the
English words. This module is the one home of ``gettext`` and Babel.
"""

from __future__ import annotations

import datetime as dt
import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCE = "en-GB"
"""The language the messages are written in."""
DOMAIN = "packgen"
"""The catalogues' gettext domain."""
LOCALES = Path(__file__).parent / "locales"
"""Where the catalogues live: ``<language>/LC_MESSAGES/packgen.po`` and its ``.mo``."""


def N_(message: str) -> str:
    """Return ``message`` as it is: marks a message kept in a table, translated where used."""
    return message


def language_of(tag: str) -> str:
    """Return the language subtag of a tag, lower case: ``cy`` for ``cy-GB``."""
    return tag.partition("-")[0].casefold()


def region_of(tag: str) -> str:
    """Return the region subtag of a tag, upper case (``GB``), or ``""`` when it has none."""
    return tag.partition("-")[2].upper()


def known_languages() -> tuple[str, ...]:
    """Return the languages packgen writes its own words in: English and each catalogue's."""
    found = sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (language_of(SOURCE), *found)


@dataclass(frozen=True, slots=True)
class Words:
    """packgen's own words in one language: call it with an English message to translate it.

    ``words("{n} slides", n=24)`` returns the message in the language with ``{n}`` filled in;
    without values the message is returned as translated, braces and all.
    """

    tag: str
    """The language tag asked for, ``cy-GB``."""
    catalogue: gettext.NullTranslations

    def __call__(self, message: str, /, **values: object) -> str:
        """Return ``message`` in this language, its ``{names}`` filled from ``values``."""
        said = self.catalogue.gettext(message)
        return said.format(**values) if values else said

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        """Return ``message`` as this language says it in ``context`` (English: as written)."""
        said = self.catalogue.pgettext(context, message)
        return said.format(**values) if values else said

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """Return the form of a message that counts ``n`` (``{n}`` is filled in too)."""
        return self.catalogue.ngettext(singular, plural, n).format(n=n, **values)

    @property
    def english(self) -> bool:
        """Return True when these are the source words (nothing is translated)."""
        return not isinstance(self.catalogue, gettext.GNUTranslations)


def words(tag: str) -> Words:
    """Return packgen's own words for the language tag ``tag`` (``en-GB``, ``cy-GB``, ``cy``).

    English, and any language with no catalogue, gets the messages as written.
    """
    return Words(tag, _catalogue(language_of(tag)))


def gettext_for(tag: str) -> gettext.NullTranslations:
    """Return the gettext catalogue for ``tag``, for Jinja2's i18n extension."""
    return _catalogue(language_of(tag))


def date_in_full(day: dt.date, tag: str) -> str:
    """Return a date in full in a language that is not English, ``Dydd Mawrth, 3 Mawrth 2026``.

    Babel's ``full`` form from CLDR is the documented Welsh form (weekday, comma, day, month,
    year); a language with no CLDR data gets the ISO date.
    """
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(day, "full", locale=language_of(tag))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == language_of(SOURCE):
        return gettext.NullTranslations()
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)
