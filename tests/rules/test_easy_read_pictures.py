"""Tests for the easy-read picture rules (one picture per idea, every hard word pictured) and
the easy-read slide titles rule."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from easyread_sample import make_pack, picture

from packgen.model import EasyReadRow, GlossaryEntry, Image, Loc, Span
from packgen.rules.easy_read import check_pack
from packgen.rules.easy_read_pictures import check_pictures
from packgen.tailor.slideplan import with_plan

GLOSSARY = "content/glossary.yaml"
MODULE = "content/modules/your-space.md"


def _entry(root: Path, term: str, line: int, pic: str | None) -> GlossaryEntry:
    image = Image(picture(root, pic), f"A picture of {pic}", Loc(GLOSSARY, line)) if pic else None
    return GlossaryEntry(term, f"{term} means something.", Loc(GLOSSARY, line), (), image)


def _bold_row(root: Path, pic: str, line: int, *bold: str) -> EasyReadRow:
    spans = [Span("It is the ")]
    for i, word in enumerate(bold):
        spans += [Span(" and ")] * bool(i) + [Span(word, bold=True)]
    spans.append(Span("."))
    image = Image(picture(root, pic), f"A picture of {pic}", Loc(MODULE, line))
    return EasyReadRow((tuple(spans),), image, Loc(MODULE, line))


def _pack(root: Path, glossary: tuple[GlossaryEntry, ...], *rows: EasyReadRow):
    tp = make_pack(root)
    module = dataclasses.replace(tp.modules[0], easy_read=rows)
    project = dataclasses.replace(tp.project, glossary=glossary)
    return with_plan(dataclasses.replace(tp, modules=(module,), project=project))


def _found(tp, code: str) -> list[str]:
    return [str(d) for d in check_pictures(tp) + check_pack(tp) if d.code == code]


def test_one_picture_for_two_glossary_words_is_a_warning_at_the_second(tmp_path):
    glossary = (_entry(tmp_path, "council", 10, "building"),
                _entry(tmp_path, "government", 14, "building"))
    tp = _pack(tmp_path, glossary, _bold_row(tmp_path, "town", 5, "council"))
    found = [str(d) for d in check_pictures(tp) if d.code == "PG211"]
    assert found == [
        "content/glossary.yaml:14: warning: picture 'content/images/building.png' stands for "
        "the glossary word 'government' here and for the glossary word 'council' at "
        "content/glossary.yaml:10: give each idea its own picture, so one picture always "
        "means one thing [PG211]"]


def test_a_row_about_another_word_with_a_words_picture_is_a_warning(tmp_path):
    glossary = (_entry(tmp_path, "council", 10, "town"), _entry(tmp_path, "government", 14, "gov"))
    tp = _pack(tmp_path, glossary, _bold_row(tmp_path, "town", 7, "government"))
    found = [d for d in check_pictures(tp) if d.code == "PG211"]
    assert [(d.path, d.line) for d in found] == [(MODULE, 7)]
    assert "a row about 'government'" in found[0].message


def test_rows_that_share_a_word_or_bold_no_word_may_share_a_picture(tmp_path):
    glossary = (_entry(tmp_path, "power", 10, "arm"), _entry(tmp_path, "control", 14, "tick"))
    plain_row = EasyReadRow(((Span("Some people have more."),),),
                            Image(picture(tmp_path, "arm"), "An arm", Loc(MODULE, 9)),
                            Loc(MODULE, 9))
    tp = _pack(tmp_path, glossary, _bold_row(tmp_path, "arm", 5, "power", "control"), plain_row)
    assert _found(tp, "PG211") == []


def test_glossary_word_without_picture_is_a_warning_where_the_word_is(tmp_path):
    glossary = (_entry(tmp_path, "council", 10, "town"), _entry(tmp_path, "organisation", 20, None),
                _entry(tmp_path, "unused", 30, None))
    tp = _pack(tmp_path, glossary, _bold_row(tmp_path, "town", 5, "council", "organisation"))
    found = [d for d in check_pictures(tp) if d.code == "PG212"]
    assert [(d.path, d.line) for d in found] == [(GLOSSARY, 20)]
    assert "'organisation' has no picture" in found[0].message


def test_repeated_easy_read_slide_title_is_a_warning_at_the_row(tmp_path):
    rows = tuple(dataclasses.replace(_bold_row(tmp_path, "town", line, "council"),
                                     title=(Span(title),))
                 for line, title in ((5, "Council"), (9, "Hello"), (13, "Hello")))
    tp = make_pack(tmp_path, deck_style="easy-read")
    module = dataclasses.replace(tp.modules[0], easy_read=rows)
    tp = with_plan(dataclasses.replace(tp, modules=(module,)))
    titles = [s.title for s in tp.slides if s.kind == "easy-read"]
    assert titles == ["Council", "Hello", "It is the council"]
    assert _found(tp, "PG213") == []
    dup = dataclasses.replace(tp, slides=tuple(
        dataclasses.replace(s, title="Hello") if s.kind == "easy-read" else s for s in tp.slides))
    found = [d for d in check_pack(dup) if d.code == "PG213"]
    assert [(d.path, d.line) for d in found] == [(MODULE, 9), (MODULE, 13)]
