"""A pack's languages: ``language`` and ``languages`` read as tags, and per-language values.

A bilingual pack (``languages: [cy, en]``) may write any text field as a mapping
``{cy: "...", en: "..."}``; ``project`` reads the pack once per language by replacing every
such mapping with its value in that language.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from packgen.wording import closest

UNKNOWN_LANGUAGE = "PG036"
BOTH_LANGUAGE_KEYS = "PG037"
PER_LANGUAGE_VALUE = "PG038"

WRITTEN = {"cy": "cy-GB", "en": "en-GB", "cy-gb": "cy-GB", "en-gb": "en-GB"}
"""The ways a pack may name a language packgen writes, to the tag outputs carry."""


def language_tag(written: str) -> str | None:
    """Return the tag for a language as a pack writes it (``cy`` → ``cy-GB``), keeping any
    other English tag (``en-US``) as written; None for a language packgen cannot write."""
    tag = WRITTEN.get(written.lower())
    if tag:
        return tag
    return written if written.lower().startswith("en-") else None


def unknown_language(written: str, key: str) -> str:
    """Return the message for a language packgen does not write, with "did you mean"."""
    close = closest(written, [*WRITTEN, *WRITTEN.values()]) or \
        closest(written.lower(), ["cymraeg", "welsh", "english", "saesneg"])
    meant = {"cymraeg": "cy", "welsh": "cy", "english": "en", "saesneg": "en"}.get(
        close or "", close)
    hint = f"; did you mean '{meant}'?" if meant else ""
    return (f"'{key}' names '{written}', a language packgen cannot write{hint} (packgen "
            "writes Welsh, cy, and English, en)")


def short(tag: str) -> str:
    """Return the language part of a tag: ``cy`` for ``cy-GB``."""
    return tag.split("-")[0].lower()


def is_per_language(value: object, codes: Collection[str]) -> bool:
    """Return True when ``value`` is a mapping whose keys are all language codes in
    ``codes`` (``{cy: ..., en: ...}``)."""
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(k, str) and k in codes for k in value))


def in_language(value: object, code: str, codes: Collection[str]) -> object:
    """Return ``value`` with every per-language mapping replaced by its ``code`` value (the
    first value given when that language is missing: the gap is reported elsewhere)."""
    if is_per_language(value, codes):
        assert isinstance(value, dict)
        return value.get(code, next(iter(value.values())))
    if isinstance(value, dict):
        return {k: in_language(v, code, codes) for k, v in value.items()}
    if isinstance(value, list):
        return [in_language(v, code, codes) for v in value]
    return value


def per_language(value: object, codes: Collection[str], at: tuple[object, ...] = ()
                 ) -> Iterator[tuple[tuple[object, ...], tuple[str, ...]]]:
    """Return the key path of each per-language mapping in ``value`` with the languages of
    ``codes`` it lacks (none when it has them all)."""
    if is_per_language(value, codes):
        assert isinstance(value, dict)
        yield at, tuple(c for c in codes if c not in value)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from per_language(v, codes, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from per_language(v, codes, at + (i,))
