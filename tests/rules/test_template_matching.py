"""``packgen template check`` on templates made elsewhere: python-pptx's and LibreOffice's.

The check says which layout each slide kind uses and how; the deck uses exactly those; a
designer can paste the ``layouts:`` block it prints and get the same choices back, pinned.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pptx
import pytest
from office import convert

from packgen import api
from packgen.load.project import load_theme
from packgen.rules import layouts
from packgen.rules.template import template_report

PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
IMPRESS = Path("/usr/lib/libreoffice/share/template/common/presnt")
LONGEST = 200


@pytest.fixture(scope="session")
def impress(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return LibreOffice's Beehive presentation template converted to .pptx by soffice."""
    source = IMPRESS / "Beehive.otp"
    if not source.exists():
        pytest.skip("LibreOffice's presentation templates are not installed")
    return convert(source, tmp_path_factory.mktemp("impress"), "pptx")


def _check(root: Path, template: Path) -> tuple[list[str], list[str]]:
    """Return the lines template check describes and its findings' messages."""
    shown, result = api.template_check(root, template)
    return shown.splitlines(), [d.message for d in result.diagnostics]


def _kinds(lines: list[str]) -> dict[str, str]:
    start = lines.index("Slide kinds:") + 1
    rows = [line.split(None, 1) for line in lines[start:start + len(layouts.KINDS)]]
    return {kind: rest for kind, rest in rows}


def _paste(lines: list[str], root: Path) -> None:
    start = lines.index("Paste into templates/theme.yaml to pin these choices:") + 1
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "theme.yaml").write_text("\n".join(lines[start:]) + "\n",
                                                    encoding="utf-8")


def test_python_pptx_default_template_has_a_layout_for_every_kind(tmp_path: Path) -> None:
    lines, messages = _check(tmp_path, PPTX_DEFAULT)
    kinds = _kinds(lines)
    assert kinds["content"] == "'Title and Content' (default name)"
    assert kinds["picture"] == "'Picture with Caption' (matched by name: no 'Picture' layout)"
    assert kinds["easy-read"].startswith("'Two Content'")  # the caption strip is too low
    assert kinds["closing"].startswith("'Title and Content'")  # so is the subtitle
    assert not any(k.startswith("cannot") for k in kinds.values())
    matched = ("6 slide kinds use layouts matched by name or placeholders (packgen template "
               "check shows them, and the layouts: mapping to pin them)")
    assert [m for m in messages if "matched by name or placeholders" in m] == [matched]


@pytest.mark.parametrize("template", ["python-pptx", "impress"])
def test_pasting_the_layouts_block_gives_the_same_choices_pinned(
        template: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    path = PPTX_DEFAULT if template == "python-pptx" else request.getfixturevalue("impress")
    lines, _ = _check(tmp_path, path)
    _paste(lines, tmp_path)
    before = template_report(path, load_theme(tmp_path / "nowhere"), display="t").choices
    after = template_report(path, load_theme(tmp_path), display="t").choices
    assert [c.layout for c in after] == [c.layout for c in before]
    assert {c.how for c in after if c.matched} == set()
    assert {c.how for c in after} <= {layouts.THEMED, layouts.DEFAULT, layouts.NONE}
    assert not any(line.startswith("Paste into") for line in _check(tmp_path, path)[0]
                   ) or template == "impress"


def test_an_impress_template_reads_in_short_lines_that_say_each_problem_once(
        impress: Path, tmp_path: Path) -> None:
    lines, messages = _check(tmp_path, impress)
    assert max(len(line) for line in lines + messages) < LONGEST
    assert len(messages) == len(set(messages))
    assert not set(lines) & set(messages)
    assert [line for line in lines if line.startswith("Slide master")] == [
        "Slide master 1 (12 layouts):",
        "Slide master 2 (12 layouts; 12 named like an earlier layout, which packgen uses):"]
    kinds = _kinds(lines)
    assert kinds["content"].startswith("'Title, Content' (matched by name")
    assert kinds["columns"].startswith("'Title, 2 Content' (matched by name")
    assert kinds["easy-read"].startswith("'Title, 2 Content' (matched by name")


def test_an_impress_template_suggests_its_own_spelling_of_a_mapped_name(
        impress: Path, tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text(
        'layouts:\n  content: "Title and Content"\n  columns: "Two Content"\n',
        encoding="utf-8")
    _, messages = _check(tmp_path, impress)
    assert ("theme.yaml maps content slides to layout 'Title and Content', which the template "
            "lacks (did you mean 'Title, Content'?)") in messages
    assert any("'Two Content'" in m and "(did you mean 'Title, 2 Content'?)" in m
               for m in messages)


def test_the_deck_uses_the_layouts_the_check_names(tmp_path: Path) -> None:
    from pptx import Presentation

    from packgen.api import build

    root = tmp_path / "project"
    shutil.copytree(Path(__file__).parents[2] / "content", root / "content")
    (root / "templates").mkdir()
    shutil.copy(PPTX_DEFAULT, root / "templates" / "deck.pptx")
    chosen = {c.kind: c.layout for c in api.inspect_template(root).choices}
    result = build(root, ["staff-intro"], tmp_path / "out", ["deck"])
    assert not [d for d in result.diagnostics if d.severity.value == "error"]
    [deck] = (tmp_path / "out").rglob("*.pptx")
    tp, _ = api.tailored(root, "staff-intro")
    used = [s.slide_layout.name for s in Presentation(str(deck)).slides]
    assert used == [chosen[p.kind] for p in tp.slides]
    assert {"picture", "quote", "activity", "closing", "statement"} <= {p.kind for p in tp.slides}
