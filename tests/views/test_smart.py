"""Smart typography as Pandoc's ``smart`` extension, shown by the writers while every rule
reads the text as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_support import make

from packgen import api
from packgen.model import GlossaryEntry, Loc, Span
from packgen.views.smart import smart_string, smart_text
from packgen.wording import glossary_matches


@pytest.mark.parametrize(("written", "shown"), [
    # each pair as Pandoc 3 (markdown, smart on) shows it
    ("don't, O'Neil's, the students' books", "don\u2019t, O\u2019Neil\u2019s, the students\u2019 books"),
    ("\"quoted 'nested'\"", "\u201cquoted \u2018nested\u2019\u201d"),
    ("\"'Hello,' she said\"", "\u201c\u2018Hello,\u2019 she said\u201d"),
    ("rock 'n' roll", "rock \u2018n\u2019 roll"),
    ("'Tis the season", "\u2019Tis the season"),
    ("the '90s were", "the \u201990s were"),
    ("5'10\" tall", "5\u201910\u201d tall"),
    ("(\"x\")", "(\u201cx\u201d)"),
    ("He said \"hello", "He said \u201chello"),
    ("-- at line start", "\u2013 at line start"),
    ("a -- b --- c, 1990--2000", "a \u2013 b \u2014 c, 1990\u20132000"),
    ("wait.... a...b", "wait\u2026. a\u2026b"),
])
def test_quotes_dashes_and_ellipses_as_pandoc_shows_them(written: str, shown: str) -> None:
    assert smart_string(written) == shown


def test_urls_are_never_changed() -> None:
    # Pandoc (without autolink_bare_uris) would turn the -- in a bare URL into a dash
    assert smart_string("see http://example.org/it's--new...") == \
        "see http://example.org/it's--new..."


def test_code_spans_links_to_themselves_and_literal_characters_are_kept() -> None:
    text = (Span('"'), Span("it's", code=True), Span('" and '),
            Span("http://a.org/x--y", link="http://a.org/x--y"), Span(" "),
            Span("'", literal=True), Span("a--b "), Span("--", literal=True))
    assert [s.text for s in smart_text(text)] == [
        "\u201c", "it's", "\u201d and ", "http://a.org/x--y", " ", "'", "a\u2013b ", "--"]


def test_quotes_read_their_neighbours_across_formatting() -> None:
    text = (Span('"'), Span("bold", bold=True), Span('" and '), Span("x", italic=True),
            Span("'s"))
    assert "".join(s.text for s in smart_text(text)) == "\u201cbold\u201d and x\u2019s"


EASY_MODULE = """\
---
title: Welcome
duration: 10
---

## Hello

Text.

::: easy-read
![People at a meeting](../images/pic.png)
You can't park here.
:::
"""


def test_the_rules_read_the_text_as_written(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/modules/welcome.md": EASY_MODULE})
    result = api.build(root, out_dir=root / "out", kinds=("handout",), jobs=1)
    contractions = [d.message for d in result.diagnostics if d.code == "PG204"]
    assert any("(4 words" in d.message for d in result.diagnostics if d.code == "PG209")
    assert contractions == ["contraction 'can't': write the words in full"]
    html = (root / "out" / "p" / "p-easy-read.html").read_text(encoding="utf-8")
    assert "You can\u2019t park here." in html


def test_a_glossary_word_with_an_apostrophe_is_found_in_the_smartened_text() -> None:
    entry = GlossaryEntry("people's panel", "A group of local people.", Loc("g.yaml", 1))
    shown = smart_string("Join the people's panel.")
    assert [m.entry for m in glossary_matches(shown, [entry])] == [entry]
