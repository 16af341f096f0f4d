"""Content variables render through the sandbox; anything but names is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from where import load_script

from packgen.errors import PackgenError
from packgen.paths import find_template
from packgen.templating import CallError, TooLong, make_env, render_template, render_text

CONTEXT = {"organisation": "Glanrhyd Council", "pack": {"venue": "Room 2"}}


def test_render_text_fills_plain_and_dotted_names():
    text = "Welcome to {{ organisation }} in {{ pack.venue }}."
    assert render_text(text, CONTEXT, "m.md", 3) == "Welcome to Glanrhyd Council in Room 2."


def test_render_text_leaves_text_without_braces_alone():
    assert render_text("No variables here", {}, "m.md", 1) == "No variables here"


@pytest.mark.parametrize("text", ["$$ {#eq-mean}", "Heading {#sec-x .unnumbered}", "a {# b"])
def test_pandoc_ids_in_braces_stay_text_and_are_no_template_comments(text):
    assert render_text(text + " {{ org }}", {"org": "Barod"}, "m.md", 1) == text + " Barod"


def test_undefined_variable_is_an_error_at_path_and_line():
    with pytest.raises(PackgenError) as exc:
        render_text("Hello {{ organisaton }}", CONTEXT, "content/modules/a.md", 12)
    assert str(exc.value).startswith("content/modules/a.md:12: error: undefined variable")
    assert "organisaton" in str(exc.value)


@pytest.mark.parametrize("source", [
    '{{ "a" * 10**9 }}',
    "{{ ''.__class__ }}",
    "{{ organisation.__class__ }}",
    "{{ organisation | upper }}",
    "{{ range(10) }}",
    "{% for x in y %}{% endfor %}",
])
def test_expressions_and_statements_are_refused_without_running(source):
    with pytest.raises(PackgenError) as exc:
        render_text(source, CONTEXT, "content/modules/a.md", 4)
    assert "content/modules/a.md:4: error:" in str(exc.value)


def test_syntax_error_names_the_line_inside_the_text():
    with pytest.raises(PackgenError) as exc:
        render_text("one\ntwo {{ oops", CONTEXT, "a.md", 10)
    assert str(exc.value).startswith("a.md:11: error:")


def test_html_templates_autoescape_and_search_project_first(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text("<p>{{ value }}</p>", encoding="utf-8")
    env = make_env(lambda name: find_template(tmp_path, name))
    assert env.get_template("x.html").render(value="<b>") == "<p>&lt;b&gt;</p>"
    assert env.get_template("guide.css").filename.endswith("guide.css")


def test_render_text_stops_at_its_limit_at_the_line_of_the_variable_that_passes_it() -> None:
    text = "intro\n" + "{{ big }}\n" * 10
    with pytest.raises(TooLong) as exc:
        render_text(text, {"big": "x" * 100}, "content/modules/a.md", 4, limit=350)
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.line) == ("content/modules/a.md", 8)


def test_render_text_counts_plain_text_against_its_limit() -> None:
    with pytest.raises(TooLong):
        render_text("x" * 11, {}, "content/modules/a.md", 1, limit=10)
    assert render_text("x" * 10, {}, "content/modules/a.md", 1, limit=10) == "x" * 10


def test_a_check_sees_every_template_text_before_it_is_used(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text('{% include "y.html" %}', encoding="utf-8")
    (tmp_path / "templates" / "y.html").write_text("<p>y</p>", encoding="utf-8")
    seen = []
    env = make_env(lambda name: find_template(tmp_path, name),
                   lambda text, display: seen.append(display))
    assert render_template(env, "x.html", "guide") == "<p>y</p>"
    assert seen == ["templates/x.html", "templates/y.html"]


def test_a_refused_call_from_a_template_is_placed_at_the_calling_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text("one\n{{ show('a') }}\n", encoding="utf-8")

    def show(name):
        raise CallError(f"no '{name}'", code="PG020")

    env = make_env(lambda name: find_template(tmp_path, name))
    with pytest.raises(PackgenError) as caught:
        render_template(env, "x.html", "handout", show=show)
    assert [str(d) for d in caught.value.diagnostics] == [
        "templates/x.html:2: error: handout template: no 'a' [PG020]"]


# --- packaged templates: generated code shipped with packgen --------------------------------

def test_the_shipped_template_code_is_what_the_script_writes_from_the_packaged_templates():
    from packgen import precompiled_templates

    script = load_script("precompile_templates")
    assert Path(precompiled_templates.__file__).read_text(encoding="utf-8") == \
        script.module_text()


@pytest.mark.parametrize("name", ["guide.html", "handout.html", "guide.css", "handout.css"])
def test_a_packaged_template_is_loaded_without_jinja_compiling_it(tmp_path, monkeypatch, name):
    env = make_env(lambda n: find_template(tmp_path, n))
    env.filters.update({f: str for f in ("blocks", "text", "rule", "tips_for", "audience_name")})

    def refuse(*_args, **_kwargs):
        raise AssertionError("Jinja2 compiled a packaged template")

    monkeypatch.setattr(env, "compile", refuse)
    assert env.get_template(name).name == name


def test_a_changed_template_is_compiled_from_its_own_text(tmp_path, monkeypatch):
    from packgen.paths import packaged_templates

    (tmp_path / "templates").mkdir()
    text = (packaged_templates() / "handout.css").read_text(encoding="utf-8")
    (tmp_path / "templates" / "handout.css").write_text(text.replace("{{", "{{ 'x' ~ ", 1),
                                                        encoding="utf-8")
    env = make_env(lambda n: find_template(tmp_path, n))
    compiled = []
    real = env.compile
    monkeypatch.setattr(env, "compile", lambda *a, **k: compiled.append(a[1]) or real(*a, **k))
    env.get_template("handout.css")
    assert compiled == ["handout.css"]


def test_a_quarto_shortcode_is_kept_as_written_and_the_variables_around_it_filled() -> None:
    from packgen.templating import render_text

    text = "{{ x }} {{< video https://example.org >}}\n{{< include other.qmd >}} {{ y.z }}"
    assert render_text(text, {"x": "1", "y": {"z": "2"}}, "m.md", 3) == (
        "1 {{< video https://example.org >}}\n{{< include other.qmd >}} 2")


def test_a_variable_after_a_shortcode_is_reported_at_its_own_line() -> None:
    from packgen.errors import PackgenError
    from packgen.templating import render_text

    with pytest.raises(PackgenError) as caught:
        render_text("{{< meta title >}}\n\n{{ nope }}", {}, "m.md", 5)
    assert str(caught.value) == "m.md:7: error: undefined variable 'nope' [PG110]"
