"""Write the word-frequency table the easy-read rules ship with, from wordfreq's English list.

Run it again (``python scripts/make_frequencies.py``) after upgrading the ``wordfreq`` package;
it needs the ``test`` extra. wordfreq keeps each word's frequency rounded to a centibel (a
factor of 10 ** 0.01); the table keeps the same figure for every word at Zipf 2.0 or more
(once in 100 million words), so the rules score those words exactly as wordfreq would. Rarer
words are left out: they count as unknown (Zipf 0), which every threshold the rules accept
calls rare. The data's licence and attribution are written next to the table.
"""

from __future__ import annotations

import gzip
import io
import sys
from importlib import metadata

from wordfreq import get_frequency_list

from packgen.rules.easy_read_words import FREQUENCY_FLOOR_CB, FREQUENCY_LICENCE, FREQUENCY_TABLE


def main() -> int:
    """Write the table and the data's licence; print what was written."""
    levels = frequency_levels(get_frequency_list("en", "best"))
    FREQUENCY_TABLE.write_bytes(table_bytes(levels, metadata.version("wordfreq")))
    FREQUENCY_LICENCE.write_text(_licence(), encoding="utf-8")
    words = sum(len(found) for found in levels.values())
    print(f"{FREQUENCY_TABLE.name}: {words} words, {FREQUENCY_TABLE.stat().st_size} bytes")
    return 0


def frequency_levels(buckets: list[list[str]]) -> dict[int, list[str]]:
    """Return centibels → words for every word at or above the floor, each word once (at its
    most frequent level, as wordfreq itself reads the list)."""
    seen: set[str] = set()
    levels = {}
    for centibels, found in enumerate(buckets[:FREQUENCY_FLOOR_CB + 1]):
        fresh = sorted(word for word in found if word not in seen and " " not in word)
        seen.update(fresh)
        if fresh:
            levels[centibels] = fresh
    return levels


def table_bytes(levels: dict[int, list[str]], version: str) -> bytes:
    """Return the table as gzipped text, ``centibels word word …`` a line, the same bytes on
    every run."""
    text = (f"# English word frequencies from wordfreq {version}, in centibels below 1; "
            "see WORDFREQ-LICENSE.txt\n"
            + "".join(f"{cb} {' '.join(words)}\n" for cb, words in levels.items()))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def _licence() -> str:
    return (
        "frequencies.txt.gz is derived from the English word list of wordfreq by Robyn Speer\n"
        "(https://github.com/rspeer/wordfreq; cite: Robyn Speer (2022), rspeer/wordfreq: v3.0,\n"
        "Zenodo, https://doi.org/10.5281/zenodo.7199437). Like wordfreq's own data files, it\n"
        "may be redistributed under the Creative Commons Attribution-ShareAlike 4.0 licence\n"
        "(https://creativecommons.org/licenses/by-sa/4.0/).\n\n"
        "wordfreq's data is built from: Google Books Ngrams (http://books.google.com/ngrams);\n"
        "the Leeds Internet Corpus, University of Leeds Centre for Translation Studies;\n"
        "Wikipedia (http://www.wikipedia.org); ParaCrawl (https://paracrawl.eu); OPUS\n"
        "OpenSubtitles 2018, from the OpenSubtitles project (http://www.opensubtitles.org/);\n"
        "the SUBTLEX word lists (SUBTLEX-US, SUBTLEX-UK) by Marc Brysbaert et al., freely\n"
        "available at http://crr.ugent.be/programs-data/subtitle-frequencies; and word\n"
        "statistics from the Twitter streaming API.\n")


if __name__ == "__main__":
    sys.exit(main())
