"""Hostile and broken input: one clear line each, exit 1, no traceback, nothing written."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hostile_support import (
    MODULE_ID,
    add_module,
    assert_refused,
    build,
    error_lines,
    line_of,
    pack_data,
    pack_file,
    use_module,
    write_pack,
)
from reliability_support import run_packgen, standard_pack
from where import REPO

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


# --- broken projects: each case breaks one thing and returns (path, line) it must name ------

Case = Callable[[Path], tuple[str, "int | None"]]


def _invalid_yaml(root: Path) -> tuple[str, int | None]:
    pack = pack_file(root)
    lines = pack.read_text(encoding="utf-8").splitlines()
    pack.write_text("\n".join([*lines, "venue: [Room 2", "slot: 90"]) + "\n", encoding="utf-8")
    return _rel(root, pack), None


def _yaml_alias_bomb(root: Path) -> tuple[str, int | None]:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    data = {k: v for k, v in pack_data(root).items() if k != "variables"}
    text = yaml.safe_dump(data, sort_keys=False) + "variables:\n" + "".join(
        f"  {ln}\n" for ln in bomb)
    pack_file(root).write_text(text, encoding="utf-8")
    return _rel(root, pack_file(root)), None


def _unknown_module(root: Path) -> tuple[str, int | None]:
    use_module(root, "no-such-module")
    return _rel(root, pack_file(root)), None


def _unknown_pack_key(root: Path) -> tuple[str, int | None]:
    pack = pack_file(root)
    pack.write_text(pack.read_text(encoding="utf-8") + "venu: Typo Hall\n", encoding="utf-8")
    return _rel(root, pack), line_of(pack, "venu: Typo")


def _unknown_audience(root: Path) -> tuple[str, int | None]:
    if not (root / "content" / "audiences.yaml").exists():
        pytest.skip("fixture has no audiences.yaml: any audience id is accepted")
    data = pack_data(root)
    data["audience"] = "martians"
    write_pack(root, data)
    return _rel(root, pack_file(root)), line_of(pack_file(root), "martians")


def _pack_field(key: str, value: object, needle: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        data = pack_data(root)
        data[key] = value
        write_pack(root, data)
        return _rel(root, pack_file(root)), line_of(pack_file(root), needle)
    return case


def _non_utf8_module(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "## Slide\n\nText\n")
    path.write_bytes(path.read_bytes().replace(b"Text", b"Caf\xe9 \xff\xfe"))
    return _rel(root, path), None


def _empty_module(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "")
    path.write_bytes(b"")
    return _rel(root, path), None


def _module_without_slides(root: Path) -> tuple[str, int | None]:
    return _rel(root, add_module(root, "")), None


def _duplicate_module_id(root: Path) -> tuple[str, int | None]:
    add_module(root, "## One\n\nText\n", front="title: A\nduration: 5\nid: twin\n", name="twin-a")
    path = add_module(root, "## Two\n\nText\n", front="title: B\nduration: 5\nid: twin\n",
                       name="twin-b")
    data = pack_data(root)
    data["modules"] = [m for m in data["modules"] if m not in ("twin-a", "twin-b")] + ["twin"]
    write_pack(root, data)
    return _rel(root, path), None


def _enormous_file(root: Path) -> tuple[str, int | None]:
    para = "Power comes from money and influence. " * 20 + "\n\n"
    body = "".join(f"## Slide {i}\n\n{para * 5}" for i in range(12000))
    return _rel(root, add_module(root, body)), None


def _enormous_line(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "## Slide\n\n" + "word " * 100_000 + "\n")
    return _rel(root, path), line_of(path, "word word")


def _deep_quotes(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "## Deep\n\n" + ">" * 500 + " too deep\n")
    return _rel(root, path), None


def _deep_lists(root: Path) -> tuple[str, int | None]:
    body = "## Deep\n\n" + "".join("  " * i + "- level\n" for i in range(500))
    return _rel(root, add_module(root, body)), None


def _deep_divs(root: Path) -> tuple[str, int | None]:
    opens = "".join(":" * (503 - i) + ' {audience="staff"}\n' for i in range(500))
    closes = "".join(":" * (4 + i) + "\n" for i in range(500))
    return _rel(root, add_module(root, "## Deep\n\n" + opens + "text\n" + closes)), None


def _template(root: Path, data: bytes) -> tuple[str, int | None]:
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "deck.pptx").write_bytes(data)
    data_ = pack_data(root)
    data_.pop("template", None)
    write_pack(root, data_)
    return "templates/deck.pptx", None


def _corrupt_template(root: Path) -> tuple[str, int | None]:
    return _template(root, bytes((i * 7919) % 256 for i in range(50_000)))


def _non_pptx_zip(root: Path) -> tuple[str, int | None]:
    tmp = root / "x.zip"
    with zipfile.ZipFile(tmp, "w") as archive:
        archive.writestr("readme.txt", "not a presentation")
    data = tmp.read_bytes()
    tmp.unlink()
    return _template(root, data)


def _template_with_slides(root: Path) -> tuple[str, int | None]:
    from pptx import Presentation

    prs = Presentation(str(PACKAGED_PPTX))
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Left behind"
    tmp = root / "with-slides.pptx"
    prs.save(str(tmp))
    data = tmp.read_bytes()
    tmp.unlink()
    return _template(root, data)


def _image_not_an_image(root: Path) -> tuple[str, int | None]:
    (root / "content" / "images").mkdir(parents=True, exist_ok=True)
    (root / "content" / "images" / "fake.png").write_text("I am text, not a picture\n")
    path = add_module(root, "## Picture\n\n![A meeting](../images/fake.png)\n")
    return _rel(root, path), line_of(path, "fake.png")


def _image(src: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        path = add_module(root, f"## Picture\n\nText\n\n![A meeting]({src})\n")
        return _rel(root, path), line_of(path, "![A meeting]")
    return case


def _image_symlink_out(root: Path) -> tuple[str, int | None]:
    outside = root.parent / "outside.png"
    shutil.copy(_any_png(), outside)
    (root / "content" / "images").mkdir(parents=True, exist_ok=True)
    (root / "content" / "images" / "link.png").symlink_to(outside)
    return _image("../images/link.png")(root)


def _image_escape(root: Path) -> tuple[str, int | None]:
    shutil.copy(_any_png(), root.parent / "outside.png")
    return _image("../../../outside.png")(root)


def _jinja(source: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        path = add_module(root, f"## Slide\n\nBefore\n\nHello {source} there\n")
        return _rel(root, path), line_of(path, "Hello ")
    return case


def _any_png() -> Path:
    return min((REPO / "content" / "images").glob("*.png"))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


CASES: dict[str, Case] = {
    "invalid-yaml": _invalid_yaml,
    "yaml-alias-bomb": _yaml_alias_bomb,
    "unknown-module": _unknown_module,
    "unknown-pack-key": _unknown_pack_key,
    "unknown-audience": _unknown_audience,
    "template-escape": _pack_field("template", "../../outside.pptx", "template:"),
    "template-absolute": _pack_field("template", "/etc/hostname", "template:"),
    "cover-escape": _pack_field("cover", {"src": "../../../outside.png", "alt": "Outside"},
                                "outside.png"),
    "non-utf8-module": _non_utf8_module,
    "empty-module-file": _empty_module,
    "module-without-slides": _module_without_slides,
    "duplicate-module-id": _duplicate_module_id,
    "enormous-file": _enormous_file,
    "enormous-line": _enormous_line,
    "deep-quotes": _deep_quotes,
    "deep-lists": _deep_lists,
    "deep-divs": _deep_divs,
    "corrupt-template": _corrupt_template,
    "non-pptx-zip-template": _non_pptx_zip,
    "template-with-slides": _template_with_slides,
    "image-not-an-image": _image_not_an_image,
    "image-absolute": _image("/etc/hostname"),
    "image-escape": _image_escape,
    "image-symlink-out": _image_symlink_out,
    "image-remote": _image("https://example.org/x.png"),
    "image-missing": _image("../images/no-such-picture.png"),
    "jinja-internals": _jinja("{{ ''.__class__ }}"),
    "jinja-expression": _jinja('{{ "a" * 10**9 }}'),
    "undefined-variable": _jinja("{{ no_such_variable }}"),
}


KNOWN_BUGS = {
}


def _cases() -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
            if name in KNOWN_BUGS else name for name in sorted(CASES)]


@pytest.mark.parametrize("case", _cases())
def test_broken_input_is_one_error_line_and_nothing_written(one_pack: Path, case: str) -> None:
    target = standard_pack(one_pack)
    rel, line = CASES[case](one_pack)
    assert_refused(one_pack, target, rel, line, timeout=60)


@pytest.mark.parametrize("named", [False, True])
def test_a_lone_broken_pack_shows_why_it_failed(one_pack: Path, named: bool) -> None:
    args = [standard_pack(one_pack)] if named else []
    rel, _line = _invalid_yaml(one_pack)
    done = run_packgen("build", *args, "--project", str(one_pack), "--only", "deck")
    assert done.returncode == 1
    assert error_lines(done.stdout + done.stderr)[0].startswith(f"{rel}:"), done.stderr


def test_zip_bomb_template_is_refused_without_inflating(one_pack: Path, zip_bomb: Path) -> None:
    _template(one_pack, zip_bomb.read_bytes())
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
    assert_refused(one_pack, target, _rel(one_pack, pack), line_of(pack, "title:"))


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
