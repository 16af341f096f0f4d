"""Tests for tailoring: module selection, audience filtering, variables and the context."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from packgen.errors import PackgenError
from packgen.load.project_data import DEFAULT_SPACES
from packgen.model import (
    Activity,
    Audience,
    Block,
    Columns,
    Conditional,
    Config,
    EasyReadRow,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Module,
    Pack,
    Paragraph,
    Project,
    Quote,
    Slide,
    Span,
    Theme,
    Tip,
    plain,
)
from packgen.safety import MAX_EXPANDED_CHARS, MAX_VARIABLE_CHARS
from packgen.tailor.pack import tailor

BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
MD = "content/modules/m.md"
AUDIENCES = {a: Audience(a, a.title()) for a in ("staff", "mixed", "self-advocates")}


def para(text: str, line: int = 5) -> Paragraph:
    """Return a one-span paragraph at ``line`` of the module file."""
    return Paragraph((Span(text),), Loc(MD, line))


def when(audiences: str, *blocks: Block) -> Conditional:
    """Return blocks shown only to the space-separated ``audiences``."""
    return Conditional(tuple(audiences.split()), blocks, Loc(MD, 4))


def texts(blocks: tuple[Block, ...]) -> list[str]:
    """Return the text of every paragraph, however deeply nested."""
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(plain(block.text))
        elif isinstance(block, (Quote, Conditional)):
            found += texts(block.blocks)
        elif isinstance(block, Columns):
            found += [t for column in block.columns for t in texts(column)]
    return found


def module(module_id: str = "m", slides: tuple[Slide, ...] = (), **extra: object) -> Module:
    """Return a module with ``slides`` (one plain slide by default)."""
    slides = slides or (Slide((Span("Hello"),), "content", (para("Hi"),), Loc(MD, 3)),)
    return Module(module_id, module_id.title(), 20, slides, Loc(MD, 1), **extra)


def project(*modules: Module, audience: str = "staff", audiences: object = AUDIENCES,
            **fields: object) -> Project:
    """Return a project with one pack 'p' using ``modules`` in order."""
    pack = Pack("p", "Talking coproduction", audience, "Glanrhyd Council", dt.date(2026, 3, 3),
                600, 90, "Room 2", ("Aled", "Priya", "Sam"), tuple(m.id for m in modules),
                Loc("content/packs/p.yaml", 1), lines={"modules[1]": 9}, **fields)
    theme = Theme({"text": "#000000"}, {"body": "Atkinson Hyperlegible Next"})
    return Project(Path("."), {m.id: m for m in modules}, {"p": pack}, audiences,
                   DEFAULT_SPACES, (), theme, Config())


def tailored(*modules: Module, **kw: object):
    """Return the tailored pack 'p' and its findings."""
    return tailor(project(*modules, **kw), "p", BUILT)


def test_tailor_selects_and_orders_modules_as_the_pack_lists_them() -> None:
    proj = project(module("b"), module("a"))
    proj = dataclasses.replace(proj, modules={**proj.modules, "unused": module("unused")})
    tp, _ = tailor(proj, "p", BUILT)
    assert [m.id for m in tp.modules] == ["b", "a"]
    assert [e.title for e in tp.timetable.entries] == ["B", "A"]
    assert tp.built == BUILT and tp.project is proj


def test_tailor_drops_blocks_for_other_audiences_and_unwraps_matching_ones() -> None:
    blocks = (
        para("everyone"),
        when("staff mixed", para("staff only")),
        when("self-advocates", para("self-advocates only")),
        Columns(((when("staff", para("left staff")),), (when("mixed", para("right")),)),
                Loc(MD, 6)),
        Quote((when("self-advocates", para("quoted")), para("quote for all")), Loc(MD, 8)),
        when("staff", when("staff", para("nested")), when("mixed", para("nested mixed"))),
    )
    notes = (when("staff", para("note for staff")), when("mixed", para("note for mixed")))
    slide = Slide((Span("S"),), "content", blocks, Loc(MD, 3), notes=notes)
    tp, _ = tailored(module(slides=(slide,)))
    kept = tp.modules[0].slides[0]
    assert texts(kept.blocks) == ["everyone", "staff only", "left staff", "quote for all",
                                  "nested"]
    assert not any(isinstance(b, Conditional) for b in kept.blocks)
    assert texts(kept.notes) == ["note for staff"]


def test_tailor_drops_slides_and_easy_read_rows_for_other_audiences() -> None:
    slides = (Slide((Span("All"),), "content", (), Loc(MD, 3)),
              Slide((Span("Mixed"),), "content", (), Loc(MD, 9), audiences=("mixed",)))
    rows = (EasyReadRow(((Span("For all."),),), None, Loc(MD, 20)),
            EasyReadRow(((Span("Staff."),),), None, Loc(MD, 22), audiences=("staff",)),
            EasyReadRow(((Span("Others."),),), None, Loc(MD, 24),
                        audiences=("self-advocates",)))
    tp, _ = tailored(module(slides=slides, easy_read=rows, has_easy_read=True))
    kept = tp.modules[0]
    assert [plain(s.title) for s in kept.slides] == ["All"]
    assert [plain(r.sentences[0]) for r in kept.easy_read] == ["For all.", "Staff."]


def test_tips_are_filtered_to_the_pack_audience_and_activity_text_is_rendered() -> None:
    activity = Activity(
        "Map {{ organisation }} meetings", 20, Loc(MD, 10), group="groups of 3",
        intro=(when("mixed", para("gone")), para("Put each meeting in a space.")),
        steps=((Span("Write at {{ venue }}"),),), debrief=((Span("Which space?"),),),
        tips=(Tip("staff", (para("for staff"),)), Tip("self-advocates", (para("pictures"),)),
              Tip("", (para("for anyone"),))),
        notes=(when("staff", para("walk round")),))
    slide = Slide((Span("{{ organisation }}"),), "activity", (), Loc(MD, 10), activity=activity)
    tp, _ = tailored(module(slides=(slide,)))
    act = tp.modules[0].slides[0].activity
    assert act.title == "Map Glanrhyd Council meetings"
    assert [t.audience for t in act.tips] == ["staff", ""]
    assert texts(act.intro) == ["Put each meeting in a space."]
    assert plain(act.steps[0]) == "Write at Room 2"
    assert texts(act.notes) == ["walk round"]


def test_variables_are_rendered_everywhere_text_appears() -> None:
    image = Image("content/images/x.png", "Logo of {{ organisation }}", Loc(MD, 7))
    items = (ListItem((Span("on {{ date_long }}"),), (ListBlock(
        (ListItem((Span("{{ lunch_venue }}"),)),), False, Loc(MD, 9)),)),)
    slide = Slide((Span("Welcome to "), Span("{{ organisation }}", bold=True)), "content",
                  (image, ListBlock(items, False, Loc(MD, 8))), Loc(MD, 3),
                  notes=(para("Start at {{ start_time_12h }}"),))
    row = EasyReadRow(((Span("{{ facilitator_names }} will help."),),), image, Loc(MD, 20))
    mod = module(slides=(slide,), easy_read=(row,), objectives=("Know {{ title }}",))
    tp, _ = tailored(mod, variables={"lunch_venue": "the Canteen"})
    got = tp.modules[0]
    assert plain(got.slides[0].title) == "Welcome to Glanrhyd Council"
    assert got.slides[0].title[1].bold
    assert got.slides[0].blocks[0].alt == "Logo of Glanrhyd Council"
    nested = got.slides[0].blocks[1].items[0]
    assert plain(nested.text) == "on Tuesday 3 March 2026"
    assert plain(nested.children[0].items[0].text) == "the Canteen"
    assert texts(got.slides[0].notes) == ["Start at 10am"]
    assert plain(got.easy_read[0].sentences[0]) == "Aled, Priya and Sam will help."
    assert got.objectives == ("Know Talking coproduction",)


def test_undefined_variables_are_errors_at_path_and_line_all_reported_together() -> None:
    text = (Span("first line"), Span("", soft_break=True), Span("{{ lunch_venu }}"))
    slide = Slide((Span("{{ nope }}"),), "content", (Paragraph(text, Loc(MD, 12)),), Loc(MD, 3))
    with pytest.raises(PackgenError) as exc:
        tailored(module(slides=(slide,)))
    assert [str(d) for d in exc.value.diagnostics] == [
        "content/modules/m.md:3: error: undefined variable 'nope' [PG110]",
        "content/modules/m.md:13: error: undefined variable 'lunch_venu' [PG110]"]


def test_expression_in_content_is_rejected_not_evaluated() -> None:
    slide = Slide((Span("T"),), "content", (para('{{ "a" * 10 }}', line=7),), Loc(MD, 3))
    with pytest.raises(PackgenError) as exc:
        tailored(module(slides=(slide,)))
    assert str(exc.value) == ("content/modules/m.md:7: error: only plain or dotted variable "
                              "names are allowed in {{ }}, not expressions [PG129]")


def test_python_internals_are_unreachable_from_content() -> None:
    slide = Slide((Span("{{ title.__class__ }}"),), "content", (), Loc(MD, 3))
    with pytest.raises(PackgenError, match="not expressions"):
        tailored(module(slides=(slide,)))


def test_variables_in_content_for_other_audiences_are_not_rendered() -> None:
    slide = Slide((Span("T"),), "content", (when("mixed", para("{{ undefined_here }}")),),
                  Loc(MD, 3))
    tp, _ = tailored(module(slides=(slide,)))
    assert tp.modules[0].slides[0].blocks == ()


def test_unknown_audience_in_content_is_an_error_when_audiences_are_known() -> None:
    slide = Slide((Span("T"),), "content", (when("staf", para("typo")),), Loc(MD, 3))
    with pytest.raises(PackgenError) as exc:
        tailored(module(slides=(slide,)))
    assert str(exc.value) == ("content/modules/m.md:4: error: unknown audience 'staf'; did you "
                              "mean 'staff'? (expected one of: mixed, self-advocates, staff) "
                              "[PG112]")
    tp, _ = tailored(module(slides=(slide,)), audiences={})
    assert tp.modules[0].slides[0].blocks == ()


def test_module_not_meant_for_the_audience_gives_a_warning_at_the_pack_line() -> None:
    _tp, findings = tailored(module("a"), module("b", audiences=("self-advocates",)))
    assert next(str(d) for d in findings) == (
        "content/packs/p.yaml:9: warning: module 'b' is not meant for audience 'staff' "
        "(it suits: self-advocates) [PG104]")


def test_tailoring_never_changes_the_project() -> None:
    slide = Slide((Span("{{ organisation }}"),), "content", (when("mixed", para("x")),),
                  Loc(MD, 3))
    proj = project(module(slides=(slide,)))
    before = proj.modules["m"]
    tailor(proj, "p", BUILT)
    assert proj.modules["m"] is before and plain(before.slides[0].title) == "{{ organisation }}"


def test_code_spans_are_kept_verbatim_so_braces_can_be_shown() -> None:
    text = (Span("Write "), Span("{{ organisation }}", code=True), Span(" for {{ organisation }}"))
    slide = Slide((Span("T"),), "content", (Paragraph(text, Loc(MD, 5)),), Loc(MD, 3))
    tp, _ = tailored(module(slides=(slide,)))
    assert plain(tp.modules[0].slides[0].blocks[0].text) == (
        "Write {{ organisation }} for Glanrhyd Council")


def _many_uses(uses: int, first_line: int = 5) -> Module:
    """Return a module whose paragraphs each use ``{{ big }}`` once, one line apart."""
    blocks = tuple(para("{{ big }}", line=first_line + i) for i in range(uses))
    return module(slides=(Slide((Span("S"),), "content", blocks, Loc(MD, 3)),))


def test_a_module_growing_past_the_expanded_limit_is_one_error_at_the_line_that_passes_it(
        ) -> None:
    value = "x" * MAX_VARIABLE_CHARS
    uses = MAX_EXPANDED_CHARS // MAX_VARIABLE_CHARS + 50
    with pytest.raises(PackgenError) as exc:
        tailored(_many_uses(uses), variables={"big": value})
    (diag,) = exc.value.diagnostics
    passing = 5 + MAX_EXPANDED_CHARS // MAX_VARIABLE_CHARS - 1  # the titles take the rest
    assert (diag.path, diag.line, diag.code) == (MD, passing, "PG024")
    assert diag.message.endswith(f"larger than packgen's limit of {MAX_EXPANDED_CHARS:,} "
                                 "characters")


def test_the_expanded_limit_counts_each_module_on_its_own() -> None:
    uses = MAX_EXPANDED_CHARS // MAX_VARIABLE_CHARS // 2
    first, second = _many_uses(uses), dataclasses.replace(_many_uses(uses), id="n")
    tp, _ = tailored(first, second, variables={"big": "x" * MAX_VARIABLE_CHARS})
    assert len(tp.modules) == 2


def test_one_text_is_stopped_as_it_grows_not_after(monkeypatch: pytest.MonkeyPatch) -> None:
    line = " ".join(["{{ big }}"] * 1000)
    slide = Slide((Span("S"),), "content", (para(line, line=8),), Loc(MD, 3))
    monkeypatch.setattr("packgen.tailor.pack.MAX_EXPANDED_CHARS", 50_000)
    with pytest.raises(PackgenError) as exc:
        tailored(module(slides=(slide,)), variables={"big": "y" * 9_000})
    (diag,) = exc.value.diagnostics
    assert (diag.line, diag.code) == (8, "PG024")
