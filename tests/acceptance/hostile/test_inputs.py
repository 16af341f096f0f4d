"""Hostile and broken input: one clear line each, exit 1, no traceback, nothing written."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from bad_inputs import invalid_yaml, relative, template
from hostile_support import (
    MODULE_ID,
    add_module,
    assert_refused,
    build,
    error_lines,
    line_of,
    pack_data,
    pack_file,
    write_pack,
)
from reliability_support import run_packgen, standard_pack

from packgen.errors import PackgenError
from packgen.paths import packaged_templates
from packgen.templating import render_text

PACKAGED_PPTX = packaged_templates() / "deck.pptx"


# --- content variables -------------------------------------------------------------------


@pytest.mark.parametrize("source", [
    "{{ ''.__class__ }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    '{{ "a" * 10**9 }}', "{{ 10**10**10 }}", "{{ x|attr('__class__') }}", "{{ x['__class__'] }}",
    "{% for i in range(10**9) %}x{% endfor %}", "{{ x._private }}", "{{ x() }}",
])
def test_content_expressions_are_refused_fast_and_never_run(source: str) -> None:
    started = time.perf_counter()
    with pytest.raises(PackgenError) as exc:
        render_text(f"Line one\n{source}", {"x": {"y": 1}}, "content/modules/a.md", 10)
    assert time.perf_counter() - started < 1.0
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.line) == ("content/modules/a.md", 11)


@pytest.mark.parametrize("name", ["lipsum", "range", "dict", "self", "namespace", "cycler"])
def test_jinja_globals_are_not_content_variables(name: str) -> None:
    with pytest.raises(PackgenError, match="undefined"):
        render_text(f"{{{{ {name} }}}}", {"x": 1}, "content/modules/a.md", 1)


def test_dotted_names_do_not_reach_methods() -> None:
    with pytest.raises(PackgenError, match="undefined"):
        render_text("{{ x.items }}", {"x": {"y": 1}}, "content/modules/a.md", 1)


@pytest.mark.parametrize("source", ["{{ " + "(" * 3000 + "x" + ")" * 3000 + " }}",
                                    "{{ " + ".".join(["x"] * 3000) + " }}"])
def test_deeply_nested_expressions_are_an_error(source: str) -> None:
    with pytest.raises(PackgenError):
        render_text(source, {"x": 1}, "content/modules/a.md", 1)


@pytest.mark.parametrize("named", [False, True])
def test_a_lone_broken_pack_shows_why_it_failed(one_pack: Path, named: bool) -> None:
    args = [standard_pack(one_pack)] if named else []
    rel, _line = invalid_yaml(one_pack)
    done = run_packgen("build", *args, "--project", str(one_pack), "--only", "deck")
    assert done.returncode == 1
    assert error_lines(done.stdout + done.stderr)[0].startswith(f"{rel}:"), done.stderr


def test_zip_bomb_template_is_refused_without_inflating(one_pack: Path, zip_bomb: Path) -> None:
    template(one_pack, zip_bomb.read_bytes())
    started = time.perf_counter()
    assert_refused(one_pack, standard_pack(one_pack), "templates/deck.pptx", None, 30)
    assert time.perf_counter() - started < 20


def test_control_characters_are_dropped_with_a_warning_at_their_line(one_pack: Path) -> None:
    from pptx import Presentation

    path = add_module(one_pack, "## Bell\n\nRing \x07 the \x1b bell \x0b now\n")
    done = build(one_pack)
    assert done.returncode == 0, done.stderr
    line = line_of(path, "Ring")
    assert f"content/modules/{MODULE_ID}.md:{line}: warning: control character" in done.stdout
    pack = standard_pack(one_pack)
    deck = Presentation(str(one_pack / "build" / pack / f"{pack}-slides.pptx"))
    text = " ".join(sh.text_frame.text for s in deck.slides for sh in s.shapes
                    if sh.has_text_frame)
    assert "Ring  the  bell  now" in text or "Ring the bell now" in text
    assert not any(ch in text for ch in "\x07\x1b\x0b")


def test_control_characters_in_a_pack_are_an_error_at_their_line(one_pack: Path) -> None:
    target, pack = standard_pack(one_pack), pack_file(one_pack)
    pack.write_text(pack.read_text(encoding="utf-8").replace("title: ", "title: \x07", 1),
                    encoding="utf-8")
    assert_refused(one_pack, target, relative(one_pack, pack), line_of(pack, "title:"))


@pytest.mark.parametrize("kind", ["bomb", "random-bytes", "plain-zip"])
def test_template_check_refuses_unsafe_files_in_one_line(tmp_path: Path, zip_bomb: Path,
                                                         kind: str) -> None:
    path = tmp_path / "deck.pptx"
    if kind == "bomb":
        shutil.copy(zip_bomb, path)
    elif kind == "random-bytes":
        path.write_bytes(bytes((i * 7919) % 256 for i in range(5000)))
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    done = run_packgen("template", "check", str(path), "--project", str(tmp_path), timeout=30)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = error_lines(done.stdout + done.stderr)
    assert len(errors) == 1, done.stderr
    assert "zip bomb" in errors[0] if kind == "bomb" else "not a PowerPoint template" in errors[0]


def test_a_template_symlink_leaving_the_project_is_refused(one_pack: Path) -> None:
    outside = one_pack.parent / "outside.pptx"
    shutil.copy(PACKAGED_PPTX, outside)
    (one_pack / "templates").mkdir(exist_ok=True)
    (one_pack / "templates" / "deck.pptx").symlink_to(outside)
    done = build(one_pack)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = error_lines(done.stdout + done.stderr)
    assert len(errors) == 1 and "deck.pptx" in errors[0], done.stderr
    assert not (one_pack / "build" / standard_pack(one_pack)).exists()


# --- a designer's HTML templates ---------------------------------------------------------


def _designer_template(root: Path, name: str, inject: str) -> None:
    source = (packaged_templates() / name).read_text(encoding="utf-8")
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + inject, source, count=1)
    assert text != source
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("inject", ["{{ ''.__class__.__mro__[1].__subclasses__() }}",
                                    "{{ cycler.__init__.__globals__ }}", "{{ {}.x.y }}"])
def test_a_designer_template_cannot_reach_python_internals(one_pack: Path, inject: str) -> None:
    _designer_template(one_pack, "guide.html", inject)
    done = run_packgen("build", "--project", str(one_pack), "--only", "guide")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    errors = error_lines(done.stdout + done.stderr)
    assert len(errors) == 1 and errors[0].startswith("templates/guide.html"), done.stderr


@pytest.mark.parametrize(("name", "kind", "inject"), [
    ("guide.html", "guide", "{{ 1 / 0 }}"),
    ("guide.html", "guide", '{{ 1 + "a" }}'),
    ("guide.html", "guide", "{{ range(10**9)|list }}"),
    ("guide.html", "guide", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
    ("handout.html", "handout", "{{ 1 / 0 }}"),
])
def test_a_broken_designer_template_is_an_error_naming_it(one_pack: Path, name: str, kind: str,
                                                         inject: str) -> None:
    _designer_template(one_pack, name, inject)
    done = run_packgen("build", "--project", str(one_pack), "--only", kind)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    errors = error_lines(done.stdout + done.stderr)
    assert len(errors) == 1 and errors[0].startswith(f"templates/{name}"), done.stderr


def test_a_session_past_midnight_shows_the_same_clock_times_in_deck_and_guide(
        one_pack: Path) -> None:
    from pptx import Presentation

    data = pack_data(one_pack)
    data["start"] = "23:50"
    write_pack(one_pack, data)
    done = run_packgen("build", "--project", str(one_pack), "--only", "deck")
    assert done.returncode == 0, done.stderr
    pack = standard_pack(one_pack)
    deck = Presentation(str(one_pack / "build" / pack / f"{pack}-slides.pptx"))
    text = " ".join(sh.text_frame.text for s in deck.slides for sh in s.shapes
                    if sh.has_text_frame)
    assert "23:50" in text
    assert not re.search(r"\b(2[4-9]|[3-9]\d):[0-5]\d\b", text)
