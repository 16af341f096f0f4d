"""Word-level facts for the easy-read rules: sentences, syllables, frequency, contractions."""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from packgen.wording import fold

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]*[A-Z0-9])")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
LETTERS = re.compile(r"[A-Za-z]")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")
SYLLABLE_TABLE = Path(__file__).with_name("data") / "syllables.txt.gz"
"""Syllables of the dictionary words a vowel-group count gets wrong (scripts/make_syllables.py)."""
SYLLABLE_LICENCE = SYLLABLE_TABLE.with_name("CMUDICT-LICENSE.txt")
FREQUENCY_TABLE = SYLLABLE_TABLE.with_name("frequencies.txt.gz")
"""English word frequencies from wordfreq, in centibels (scripts/make_frequencies.py)."""
FREQUENCY_LICENCE = SYLLABLE_TABLE.with_name("WORDFREQ-LICENSE.txt")
FREQUENCY_FLOOR_CB = 700
"""The rarest level the frequency table keeps: 700 centibels below 1 is Zipf 2.0."""
NUMBER_RUN = re.compile(r"[0-9][0-9.,]+")

CONTRACTION_ENDINGS = ("n't", "'re", "'ll", "'ve", "'d", "'m")
"""Endings that always make a contraction (after folding curly apostrophes)."""

CONTRACTIONS_WITH_S = frozenset({
    "it's", "that's", "there's", "what's", "let's", "he's", "she's", "who's", "here's",
    "where's", "how's", "when's", "why's", "everyone's", "nobody's", "somebody's",
})
"""Words ending in 's that are contractions, not possessives."""

NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million",
})

ONE_IDIOMS_BEFORE = frozenset({
    "no", "any", "every", "each", "this", "that", "the", "which", "little", "loved", "other",
})
"""Words before "one" that make it a pronoun, not a number ("no one", "the one")."""

ONE_IDIOMS_AFTER = frozenset({"of", "another", "day", "by", "or"})
"""Words after "one" that make it an idiom ("one of", "one another", "one day")."""

BOUND_PREFIXES = frozenset({
    "co", "re", "pre", "non", "anti", "sub", "inter", "multi", "semi", "post", "de", "un",
    "dis", "mis", "pro", "counter", "trans", "neo", "quasi", "mid",
})
"""First parts of hyphenated words scored as the joined word (co-production: coproduction)."""


@dataclass(frozen=True, slots=True)
class Readability:
    """Flesch figures for one section of easy-read text."""

    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Return the Flesch-Kincaid grade level."""
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def ease(self) -> float:
        """Return the Flesch Reading Ease score."""
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words


def split_sentences(text: str) -> list[str]:
    """Return the sentences of one line of text (split after ``.``, ``!`` or ``?``)."""
    return [s.strip() for s in SENTENCE_END.split(text.strip()) if s.strip()]


def sentence_length(sentence: str) -> int:
    """Return the words in a sentence: whitespace tokens holding a letter or digit."""
    return sum(1 for token in sentence.split() if re.search(r"[A-Za-z0-9]", token))


def words(text: str) -> list[tuple[int, str]]:
    """Return ``(offset, word)`` for each word or number in ``text`` (apostrophes folded)."""
    return [(m.start(), fold(m.group())) for m in WORD.finditer(text)]


def is_contraction(word: str) -> bool:
    """Return True for "can't", "we're", "it's" and the like (not possessives)."""
    low = fold(word).lower()
    return low.endswith(CONTRACTION_ENDINGS) or low in CONTRACTIONS_WITH_S


@lru_cache(maxsize=4096)
def syllables(word: str) -> int:
    """Return the syllables in ``word``: the CMU dictionary's count, else a vowel-group count.

    The dictionary is read from the shipped table, which holds only the words where the two
    differ, so every word counts as the whole dictionary would count it.
    """
    low = fold(word).lower().strip("'")
    if "-" in low:
        return sum(syllables(part) for part in low.split("-") if part)
    known = syllable_table().get(low)
    return vowel_groups(low) if known is None else known


@lru_cache(maxsize=1)
def syllable_table() -> dict[str, int]:
    """Return the shipped word → syllables table (read once, on first use)."""
    lines = gzip.decompress(SYLLABLE_TABLE.read_bytes()).decode("utf-8").splitlines()
    return {word: int(count) for word, count in (line.split(" ") for line in lines
                                                 if not line.startswith("#"))}


def vowel_groups(word: str) -> int:
    """Return a guess at the syllables of a lower-case word: its groups of vowels."""
    count = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """Return the word's Zipf frequency in English as wordfreq gives it (0 for an unknown word).

    Parts split at hyphens combine as wordfreq combines them (the rarest part dominates); a
    part holding a number of two digits or more is left out, since numbers written as digits
    are easy read. Words rarer than the table's floor (Zipf 2.0) count as unknown.
    """
    table = frequency_table()
    parts = [part.strip("'") for part in fold(word).lower().split("-")]
    levels = [table.get(part) for part in parts if part and not NUMBER_RUN.search(part)]
    if not levels or None in levels:
        return 0.0
    frequency = 1.0 / sum(10 ** (level / 100) for level in levels)
    frequency = round(frequency, math.floor(-math.log10(frequency)) + 3)
    return round(math.log10(frequency) + 9, 2)


@lru_cache(maxsize=1)
def frequency_table() -> dict[str, int]:
    """Return the shipped word → centibels table (read once, on first use)."""
    lines = gzip.decompress(FREQUENCY_TABLE.read_bytes()).decode("utf-8").splitlines()
    table: dict[str, int] = {}
    for line in lines:
        if not line.startswith("#"):
            level, *found = line.split(" ")
            table.update(dict.fromkeys(found, int(level)))
    return table


def word_zipf(word: str) -> float:
    """Return the frequency to judge ``word`` by.

    A hyphenated word is scored by its parts, so "co-production" looks easy; when the
    first part is a prefix that cannot stand alone the joined word ("coproduction") is scored.
    """
    first = word.split("-", 1)[0].lower()
    if "-" in word and first in BOUND_PREFIXES:
        return zipf(word.replace("-", ""))
    return zipf(word)


def hard_reason(word: str, min_zipf: float, max_syllables: float) -> str | None:
    """Return why ``word`` is hard for easy read, or None when it is an everyday word."""
    if not LETTERS.search(word):
        return None
    count = syllables(word)
    if count >= max_syllables:
        return f"{count} syllables"
    frequency = word_zipf(word)
    if frequency < min_zipf:
        return "rare word" if frequency == 0 else f"rare word (Zipf {frequency:.1f})"
    return None


def readability(sentences: list[str]) -> Readability | None:
    """Return Flesch figures for ``sentences``, or None when there is no text to score."""
    tokens = [w for s in sentences for _, w in words(s)]
    if not sentences or not tokens:
        return None
    return Readability(len(tokens), len(sentences), sum(syllables(w) for w in tokens))
