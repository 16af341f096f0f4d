"""Tests for the Markdown body parser: fixture cases, nesting limits, Pandoc compatibility."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from doc_examples import examples
from markdown_dump import CASE_DIR, Case, dump_slides, make_project, read_cases

from packgen.errors import PackgenError, Severity
from packgen.markdown.blocks import Body, parse_body
from packgen.markdown.pandoc_attrs import AttrsError, parse_attrs
from packgen.model import Paragraph, plain

CASE_FILES = ("slides.md", "blocks.md", "figures.md", "divs.md", "activity.md", "easy-read.md",
              "errors.md", "raw.md", "structure.md", "splits.md")
CASES = [case for name in CASE_FILES for case in read_cases(name)]
IMPLICIT_FIGURES = ("figures.md", "splits.md")
"""Case files read with Pandoc's implicit figures, as Pandoc reads Markdown."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    make_project(root)
    return root


def parse(text: str, root: Path, implicit_figures: bool = False) -> Body:
    return parse_body(text, path="m.md", line_offset=0, root=root,
                      base_dir=root / "content" / "modules", implicit_figures=implicit_figures)


def outline(text: str, root: Path, implicit_figures: bool = False) -> str:
    body = parse(text, root, implicit_figures)
    diagnostics = "".join("\n! " + str(d) for d in body.diagnostics)
    return (dump_slides(body.slides, body.easy_read) + diagnostics).strip()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_markdown_fixture_builds_the_expected_slides(case: Case, project: Path) -> None:
    """The cases of ``IMPLICIT_FIGURES`` are read with Pandoc's implicit figures, the others
    with packgen's alt-only pictures."""
    assert outline(case.source, project, case.file in IMPLICIT_FIGURES) == case.expected


def test_lines_count_from_the_top_of_the_file(project: Path) -> None:
    body = parse_body("## Title\n\nText\n", path="m.md", line_offset=6, root=project,
                      base_dir=project / "content" / "modules")
    assert body.slides[0].loc.line == 7
    assert body.slides[0].blocks[0].loc.line == 9


def test_easy_read_block_marks_the_module(project: Path) -> None:
    assert parse("## A\n\n::: easy-read\n:::\n", project).has_easy_read
    assert not parse("## A\n", project).has_easy_read


def test_untitled_slides_have_an_empty_title(project: Path) -> None:
    slides = parse("Text\n\n---\n\nMore\n", project).slides
    assert [s.title for s in slides] == [(), ()]


@pytest.mark.parametrize("opener,closer", [("- ", ""), ("> ", ""), ("", "")])
def test_nesting_deeper_than_the_limit_is_an_error_not_a_crash(opener: str, closer: str,
                                                               project: Path) -> None:
    if opener == "- ":
        text = "".join("  " * i + "- item\n" for i in range(40))
    elif opener == "> ":
        text = "> " * 40 + "deep\n"
    else:
        text = "".join(":" * (60 - i) + " {audience=\"a\"}\n" for i in range(25)) + "x\n"
        text += "".join(":" * (36 + i) + "\n" for i in range(25))
    with pytest.raises(PackgenError, match="nested deeper than 20"):
        parse(text, project)


def test_a_paragraph_of_hundreds_of_brackets_is_refused_at_its_line(project: Path) -> None:
    with pytest.raises(PackgenError) as caught:
        parse("## A\n\nText.\n\n" + "[" * 600 + "x\n", project)
    assert str(caught.value) == "m.md:5: error: more than 500 '[' in one paragraph [PG024]"


def test_a_long_table_of_links_is_not_refused(project: Path) -> None:
    rows = "".join(f"| [link {i}](https://example.org/{i}) |\n" for i in range(600))
    body = parse("## Links\n\n| Where |\n|---|\n" + rows, project)
    assert len(body.slides[0].blocks[0].rows) == 600


def test_long_runs_of_emphasis_marks_do_not_crash(project: Path) -> None:
    body = parse("## A\n\n" + "*" * 5000 + "x" + "_" * 5000 + "`" * 3000 + "\n", project)
    assert body.slides[0].title


@pytest.mark.parametrize("text,expected", [
    ('{#id .a .b key=value other="two words"}',
     ("id", ("a", "b"), {"key": "value", "other": "two words"})),
    ("{width=40%}", ("", (), {"width": "40%"})),
    ("{.decorative}", ("", ("decorative",), {})),
    ("{audience='staff mixed'}", ("", (), {"audience": "staff mixed"})),
    ('{title="say \\"hi\\""}', ("", (), {"title": 'say "hi"'})),
])
def test_attributes_are_read_as_pandoc_writes_them(text: str, expected: tuple) -> None:
    attrs = parse_attrs(text)
    assert (attrs.id, attrs.classes, attrs.values) == expected


@pytest.mark.parametrize("text", ["{key=}", "{=value}", '{key="open}', "{a b}"])
def test_attributes_that_cannot_be_read_raise(text: str) -> None:
    with pytest.raises(AttrsError):
        parse_attrs(text)


# --- Pandoc compatibility ----------------------------------------------------------------


def _pandoc() -> str | None:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def _pandoc_slides(pandoc: str, source: Path, out: Path) -> list[tuple[str, str, str]]:
    """Return each slide Pandoc writes: its title, notes and body words (captions left out)."""
    pptx = pytest.importorskip("pptx")
    subprocess.run([pandoc, str(source), "--slide-level", "2", "-o", str(out),
                    "--resource-path", str(source.parent)], check=True, capture_output=True)
    slides = []
    for slide in pptx.Presentation(str(out)).slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        body = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame
                        and s != slide.shapes.title and not s.name.startswith("TextBox"))
        slides.append((title, _words(notes), _words(body)))
    return slides


def _notes_words(blocks: tuple) -> str:
    return _words(" ".join(dump_slides_notes(blocks)))


def _body_words(blocks: tuple) -> str:
    return _words(" ".join(plain(b.text) for b in blocks if isinstance(b, Paragraph)))


def dump_slides_notes(blocks: tuple) -> list[str]:
    from markdown_dump import dump_block
    return [line for block in blocks for line in dump_block(block)]


@pytest.mark.parametrize("name", ["pandoc-deck.md", "pandoc-pictures.md"])
def test_a_pandoc_deck_gives_pandocs_titles_order_and_notes(name: str, project: Path,
                                                              tmp_path: Path) -> None:
    """Read with Pandoc's implicit figures, as Pandoc reads Markdown; the body words are
    compared for the pictures' deck (the other holds text Pandoc writes differently)."""
    pandoc = _pandoc()
    if pandoc is None:
        pytest.skip("Pandoc is not installed (bench extra)")
    source = project / "content" / "modules" / name
    source.write_text((CASE_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    with_body = name == "pandoc-pictures.md"
    expected = [(t, n, b if with_body else "")
                for t, n, b in _pandoc_slides(pandoc, source, tmp_path / "deck.pptx")]
    ours = [(plain(s.title), _notes_words(s.notes), _body_words(s.blocks) if with_body else "")
            for s in parse(source.read_text(encoding="utf-8"), project, True).slides]
    assert ours == expected


# --- the author's reference --------------------------------------------------------------


def _doc_examples() -> list[str]:
    """Return the Markdown of the page's examples, bad ones shown on purpose left out."""
    blocks = [e.text for e in examples() if e.page == "docs/content-format.md"
              and e.kind == "markdown" and not e.fails_with]
    return [b.split("---\n", 2)[2] if b.startswith("---\n") else b for b in blocks]


@pytest.mark.parametrize("example", _doc_examples())
def test_every_example_in_the_content_format_docs_parses_without_problems(
        example: str, project: Path) -> None:
    images = project / "content" / "images"
    for name in re.findall(r"\]\(\.\./images/([\w.-]+)", example):
        (images / name).write_bytes((images / "pic.png").read_bytes())
    body = parse(example, project)
    problems = [str(d) for d in body.diagnostics if d.code != "PG118"
                and d.severity is not Severity.INFO]
    assert problems == []
    assert body.slides or body.has_easy_read


# --- fence pairing -----------------------------------------------------------------------


def _scan_each(lines: list[str]) -> dict[int, tuple[int, bool]]:
    """Pair each opening fence on its own, the slow way the one-pass pairing must match."""
    from packgen.markdown.pandoc_attrs import _CLOSE, _OPEN, _close_innermost

    found = {}
    for start, text in enumerate(lines):
        if not _OPEN.match(text):
            continue
        stack, found[start] = [len(text) - len(text.lstrip(":"))], (len(lines), False)
        for number in range(start + 1, len(lines)):
            if _OPEN.match(lines[number]):
                stack.append(len(lines[number]) - len(lines[number].lstrip(":")))
            elif (match := _CLOSE.match(lines[number])):
                _close_innermost(stack, len(match[1]))
                if not stack:
                    found[start] = (number, True)
                    break
    return found


@pytest.mark.parametrize("seed", range(40))
def test_one_pass_fence_pairing_matches_pairing_each_div_on_its_own(seed: int) -> None:
    import random

    from packgen.markdown.pandoc_attrs import _pair_fences

    rng = random.Random(seed)
    choices = [":::", "::::", ":::::", "::: a", ":::: a", "::::: a", "text"]
    lines = [rng.choice(choices) for _ in range(rng.randint(1, 40))]
    assert _pair_fences(lines) == _scan_each(lines)


def test_lines_after_a_comment_of_many_lines_stay_right(project: Path) -> None:
    text = ("## A\n\n<!--\n## Old\n\nold\n-->\n\nKept\n\nFirst <!-- one\ntwo\nthree --> on\n"
            "next ![pic](images/pic.png)\n\n## B\n")
    body = parse(text, project)
    assert [plain(s.title) for s in body.slides] == ["A", "B"]
    kept, first, picture = body.slides[0].blocks
    assert (kept.loc.line, first.loc.line, picture.loc.line) == (9, 11, 14)
    assert body.slides[1].loc.line == 16
    assert body.diagnostics == ()


def test_raw_html_is_one_info_line_per_module_however_many_tags(project: Path) -> None:
    text = "## A\n\n" + "x <b>y</b> <br> z\n\n" * 20 + "<div>w</div>\n"
    found = parse(text, project).diagnostics
    assert [(d.severity.value, d.line, d.code) for d in found] == [("info", 3, "PG145")]
    assert "<b>, <br>, <div> (41 in this module, the first here)" in found[0].message


@pytest.mark.parametrize("text, key", [
    ('{fig.alt="A chart" fig-align="center"}', "fig.alt"),
    ("{data.x-y:z_w=1}", "data.x-y:z_w"),
    ("{width='50%'}", "width"),
])
def test_attribute_keys_are_read_as_pandoc_reads_them(text: str, key: str) -> None:
    assert key in parse_attrs(text).values


def test_a_quarto_include_never_reads_its_file(project: Path) -> None:
    (project / "content" / "modules" / "other.qmd").write_text("SECRET TEXT\n", "utf-8")
    body = parse("## A\n\n{{< include other.qmd >}}\n", project)
    assert plain(body.slides[0].blocks[0].text) == "{{< include other.qmd >}}"
    assert "SECRET" not in outline("## A\n\n{{< include other.qmd >}}\n", project)
    assert [d.code for d in body.diagnostics] == ["PG148"]


def test_raw_latex_groups_nest_and_unclosed_braces_stay_text(project: Path) -> None:
    text = "## A\n\nx \\textbf{a {b} \\{ c} y \\section[short]{Long} w \\bad{ v\n"
    assert plain(parse(text, project).slides[0].blocks[0].text) == "x y w { v"
