"""Words packgen writes itself: dates in full, clock times, name lists, glossary matching."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from packgen.model import GlossaryEntry
from packgen.translations import SOURCE, date_in_full, words

DAY = 24 * 60
"""Minutes in a day: clock times wrap at midnight."""

_CLOCK_FORM = re.compile(r"(\d{1,2}):(\d{2})")
_CLOCK_LIKE = re.compile(r"(\d{1,2})\s*[.,h:;]\s*(\d{2})|(\d{1,2})(\d{2})")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúàèìòùäëïöü")
"""Letters that start a vowel sound: Welsh writes ``ac`` for "and" before them."""
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class GlossaryMatch:
    """One use of a glossary term (or one of its forms) in a piece of text."""

    start: int
    end: int
    entry: GlossaryEntry


def date_long(day: dt.date, lang: str = SOURCE) -> str:
    """Return a date in full in the language ``lang``: ``Tuesday 3 March 2026`` (English,
    whatever the machine's locale), ``Dydd Mawrth, 3 Mawrth 2026`` (Welsh)."""
    if not words(lang).english:
        return date_in_full(day, lang)
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def join_names(names: Sequence[str], lang: str = SOURCE) -> str:
    """Return names joined for reading: ``A``, ``A and B``, ``A, B and C``; in Welsh
    ``A a B``, or ``A ac Elin`` before a vowel."""
    if len(names) <= 1:
        return "".join(names)
    _, last = words(lang), names[-1]
    values = {"names": ", ".join(names[:-1]), "last": last}
    if last[:1].casefold() in _VOWELS:
        return _.pgettext("the last name starts with a vowel", "{names} and {last}", **values)
    return _("{names} and {last}", **values)


def minutes_said(count: int, lang: str = SOURCE) -> str:
    """Return a number of minutes as people read it: ``1 minute``, ``45 minutes``
    (Welsh ``45 munud``)."""
    _ = words(lang)
    return _.ngettext("{n} minute", "{n} minutes", count)


def length_said(count: int, lang: str = SOURCE) -> str:
    """Return a length of time as people say it: ``45 minutes``, ``3 hours 25 minutes``
    (Welsh ``3 awr 25 munud``)."""
    hours, minutes = divmod(count, 60)
    if not hours:
        return minutes_said(minutes, lang)
    _ = words(lang)
    said = _.ngettext("{n} hour", "{n} hours", hours)
    return f"{said} {minutes_said(minutes, lang)}" if minutes else said


def clock(minutes: int) -> str:
    """Return a clock time in minutes since midnight as ``10:05`` (24-hour)."""
    hours, mins = divmod(minutes % DAY, 60)
    return f"{hours:02d}:{mins:02d}"


def clock_12h(minutes: int, lang: str = SOURCE) -> str:
    """Return a clock time as ``10am``, ``10:30am``, ``12pm`` or ``1:15pm``; in Welsh
    ``10yb``, ``1:15yh`` (not CLDR's ``AM``/``PM``)."""
    hours, mins = divmod(minutes % DAY, 60)
    suffix = _half_day(hours, lang)
    hours = hours % 12 or 12
    return f"{hours}{suffix}" if mins == 0 else f"{hours}:{mins:02d}{suffix}"


def _half_day(hours: int, lang: str) -> str:
    """Return the mark after a 12-hour time: ``am``/``pm``; Welsh ``yb``/``yh``."""
    _ = words(lang)
    return _("am") if hours < 12 else _("pm")


def read_clock(text: str) -> tuple[int | None, str]:
    """Return minutes since midnight for a clock time written ``H:MM`` or ``HH:MM``.

    Otherwise return None and why, in words: ``not written HH:MM``, or the hour or the
    minutes out of range.
    """
    match = _CLOCK_FORM.fullmatch(text.strip())
    if match is None:
        return None, "not written HH:MM"
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23:
        return None, "the hour must be 0 to 23"
    if minutes > 59:
        return None, "the minutes must be 00 to 59"
    return hours * 60 + minutes, ""


def clock_meant(text: str) -> str | None:
    """Return the ``HH:MM`` a mistyped clock time most likely means (``1330``, ``9.30``)."""
    match = _CLOCK_LIKE.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute = (match[1], match[2]) if match[1] is not None else (match[3], match[4])
    hours, minutes = int(hour), int(minute)
    return f"{hours:02d}:{minutes:02d}" if hours < 24 and minutes < 60 else None


def clock_easy_read(minutes: int, lang: str = SOURCE) -> str:
    """Return a clock time the easy-read way: "10am", "2:30pm", "12 noon"; in Welsh
    "10yb", "2:30yh", "12 hanner dydd".

    The time is rounded to the nearest 5 minutes (10:38 reads "10:40am"): a reader needs
    the time to look out for, not the planner's minute.
    """
    hour, minute = divmod((minutes + 2) // 5 * 5 % DAY, 60)
    if minute == 0 and hour in (0, 12):
        _ = words(lang)
        return _("12 midnight") if hour == 0 else _("12 noon")
    suffix = _half_day(hour, lang)
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def fold(word: str) -> str:
    """Return ``word`` with curly apostrophes made straight."""
    return word.replace("’", "'")


def hyphen_forms(word: str) -> tuple[str, ...]:
    """Return the spellings a hyphenated word is known by: as written, and joined up."""
    if "-" not in word:
        return (word,)
    return (word, word.replace("-", ""))


def glossary_matches(text: str, glossary: Iterable[GlossaryEntry]) -> list[GlossaryMatch]:
    """Return each use of a glossary term or form in ``text``, longest first, in order."""
    entries = tuple(glossary)
    if not entries:
        return []
    pattern, lookup = _glossary_pattern(entries)
    return [GlossaryMatch(m.start(), m.end(), lookup[_key(m.group())])
            for m in pattern.finditer(text)]


def mask_glossary(text: str, glossary: Iterable[GlossaryEntry], mask: str = "table") -> str:
    """Return ``text`` with each glossary term replaced by ``mask``."""
    for match in reversed(glossary_matches(text, glossary)):
        text = text[:match.start] + mask + text[match.end:]
    return text


@lru_cache(maxsize=32)
def _glossary_pattern(entries: tuple[GlossaryEntry, ...]
                      ) -> tuple[re.Pattern[str], dict[str, GlossaryEntry]]:
    lookup: dict[str, GlossaryEntry] = {}
    for entry in entries:
        for variant in (entry.term, *entry.forms):
            for form in hyphen_forms(variant.strip()):
                lookup.setdefault(_key(form), entry)
    ordered = sorted(lookup, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w).replace("'", "['’]") for w in form.split())
                    for form in ordered)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", re.IGNORECASE), lookup


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def closest(key: object, known: Collection[str], cutoff: float = 0.6) -> str | None:
    """Return the entry of ``known`` that ``key`` is most likely a misspelling of, or None
    (for "did you mean"); ``cutoff`` is how alike they must be (difflib's ratio, 0 to 1)."""
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=cutoff)
    return close[0] if close else None
