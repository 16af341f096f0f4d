"""Smart typography as Pandoc's ``smart`` extension: curly quotes, dashes and ellipses.

The model keeps the text as written, so every rule reads what the author typed (``can't`` is
still a contraction, word counts do not change); the writers show the smartened copy that
``smart_pack`` returns. Code spans, URLs and backslash-escaped characters are never changed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from packgen.model import Span, TailoredPack, Text

_DASHES = re.compile(r"---|--|\.\.\.")
_QUOTES = re.compile("['\"]")
_CHANGED = re.compile(r"['\"]|--|\.\.\.")
_SHOWN = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
_URL = re.compile(r"(?:https?://|mailto:|www\.)\S+", re.IGNORECASE)
_OPENERS = frozenset("([{\u2018\u201c\u2014\u2013-/")
_CLOSERS = frozenset(".,;:!?)]}")
_DECADE = re.compile(r"'\d\ds\b")
_WORD = "\x00"
"""Stands for a code span in the quote context: a word, as Pandoc treats it."""
_STRINGS: dict[str, tuple[str, ...]] = {
    "Module": ("title", "objectives", "key_messages"),
    "Activity": ("title", "group"),
    "Material": ("name",),
    "Image": ("alt", "caption"),
    "PlannedSlide": ("title",),
    "TimetableEntry": ("title",),
    "Pack": ("title",),
}
"""The plain-text fields shown as prose, by model class name; every ``Text`` field is
smartened."""
_LAST: list[TailoredPack] = []
"""The last pack smartened and its smartened copy."""
_SKIP = frozenset({"project", "context", "loc", "src", "id", "kind", "layout", "audiences",
                   "variables", "contact", "lines"})
"""Fields never walked: ids, paths, names the writers look up, the project as loaded."""


def smart_pack(tp: TailoredPack) -> TailoredPack:
    """Return ``tp`` with every shown text smartened (shared objects stay shared); ``tp``
    itself when the project turns smart typography off (``[markdown] smart = false``).

    The last pack's copy is kept, so the formats of one kind written in turn smarten once.
    """
    if not tp.project.config.smart:
        return tp
    if _LAST and _LAST[0] is tp:
        return _LAST[1]
    smart = _Walk().value(tp)
    _LAST[:] = [tp, smart]
    return smart


def smart_text(text: Text) -> Text:
    """Return spans with straight quotes curled, ``--``/``---`` as dashes, ``...`` as ``…``.

    Quotes read their neighbours across span boundaries (``"*word*"`` is quoted); code spans,
    links whose text is their address, URLs, equations and ``literal`` spans are kept as
    written.
    """
    context = "".join(_WORD if s.code or s.math else " " if s.soft_break else s.text
                      for s in text)
    if not _CHANGED.search(context):
        return text
    keep = [_kept(s) for s in text]
    curled = _curl(context)
    out, at = [], 0
    for span, kept in zip(text, keep, strict=True):
        size = 1 if span.code or span.math else len(span.text) if not span.soft_break else 1
        piece = curled[at:at + size]
        at += size
        out.append(span if kept or span.soft_break else
                   dataclasses.replace(span, text=_dashes(piece)))
    return tuple(out)


def smart_string(text: str) -> str:
    """Return plain ``text`` smartened as ``smart_text`` would."""
    return smart_text((Span(text),))[0].text if text else text


def _kept(span: Span) -> bool:
    return span.code or bool(span.math) or span.literal or (bool(span.link) and span.text.strip() == span.link)


def _curl(text: str) -> str:
    """Return ``text`` with each straight quote outside URLs replaced by its curly form."""
    urls = [m.span() for m in _URL.finditer(text)]
    chars = list(text)
    for quote in _QUOTES.finditer(text):
        i = quote.start()
        if not any(a <= i < b for a, b in urls):
            chars[i] = _double(text, i) if text[i] == '"' else _single(text, i)
    return "".join(chars)


def _double(text: str, i: int) -> str:
    before, after = _around(text, i)
    opening = (before is None or before.isspace() or before in _OPENERS) \
        and after is not None and not after.isspace()
    return "\u201c" if opening else "\u201d"


def _single(text: str, i: int) -> str:
    before, after = _around(text, i)
    if before is not None and (_wordish(before) or before in _CLOSERS or before == '"'
                               and after is not None and not _wordish(after)):
        return "\u2019"
    if after is None or after.isspace() or _DECADE.match(text, i):
        return "\u2019"
    return "\u2018" if _closes_later(text, i) else "\u2019"


def _closes_later(text: str, i: int) -> bool:
    """Return True when a closing single quote follows (else an opener is an apostrophe,
    as Pandoc reads ``'Tis``)."""
    for j in range(i + 1, len(text)):
        if text[j] == "'":
            before, after = _around(text, j)
            if before is not None and not before.isspace() \
                    and (after is None or not _wordish(after)):
                return True
    return False


def _around(text: str, i: int) -> tuple[str | None, str | None]:
    return (text[i - 1] if i else None), (text[i + 1] if i + 1 < len(text) else None)


def _wordish(c: str) -> bool:
    return c.isalnum() or c == _WORD


def _dashes(text: str) -> str:
    if "-" not in text and "." not in text:
        return text
    parts, at = [], 0
    for match in _URL.finditer(text):
        parts += [_DASHES.sub(_shown, text[at:match.start()]), match.group()]
        at = match.end()
    return "".join(parts) + _DASHES.sub(_shown, text[at:])


def _shown(match: re.Match[str]) -> str:
    return _SHOWN[match.group()]


class _Walk:
    """Copy model objects with their shown text smartened, each object once."""

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}

    def value(self, value: Any) -> Any:
        """Return ``value`` smartened (tuples and model dataclasses walked)."""
        if isinstance(value, tuple):
            if value and all(isinstance(v, Span) for v in value):
                return smart_text(value)
            return tuple(self.value(v) for v in value)
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        key = id(value)
        if key not in self.done:
            self.done[key] = self._object(value)
        return self.done[key]

    def _object(self, obj: Any) -> Any:
        strings = _STRINGS.get(type(obj).__name__, ())
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            if f.name in _SKIP:
                continue
            old = getattr(obj, f.name)
            new = _string(old) if f.name in strings else self.value(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(obj, **changes) if changes else obj


def _string(value: Any) -> Any:
    """Return a shown plain-text field (a string or a tuple of strings) smartened."""
    if isinstance(value, str):
        return smart_string(value)
    return tuple(smart_string(v) for v in value) if isinstance(value, tuple) else value
