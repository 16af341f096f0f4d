"""Designer templates, reference documents and theme tokens in the facilitator guide."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
import pytest
from guide_sample import make_pack

from packgen.errors import PackgenError
from packgen.writers.docx.guide import write as write_guide_docx
from packgen.writers.html.guide import render_html


def test_project_templates_override_the_packaged_ones(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text("body { color: rebeccapurple; }")
    html = render_html(tp)
    assert "rebeccapurple" in html
    assert "string-set" not in html


def test_broken_project_template_is_an_error_with_its_line(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.html").write_text("<p>ok</p>\n{% if %}\n")
    with pytest.raises(PackgenError) as caught:
        render_html(tp)
    found = caught.value.diagnostics[0]
    assert (found.path, found.line, found.code) == ("templates/guide.html", 2, "PG400")


def test_undefined_name_in_project_template_is_an_error(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.html").write_text("<p>{{ nothing.here }}</p>\n")
    with pytest.raises(PackgenError, match="nothing") as caught:
        render_html(tp)
    assert caught.value.diagnostics[0].path == "templates/guide.html"


def test_unusable_reference_docx_is_an_error(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    (tmp_path / "templates").mkdir()
    reference = tmp_path / "templates" / "reference.docx"
    reference.write_bytes(b"not a zip")
    with pytest.raises(PackgenError, match="not a Word document") as caught:
        write_guide_docx(tp, tmp_path / "out.docx")
    assert caught.value.diagnostics[0].path == "templates/reference.docx"
    assert caught.value.diagnostics[0].code == "PG002"
    docx.Document().save(str(reference))
    with pytest.raises(PackgenError, match="lacks the styles.*Guide Table"):
        write_guide_docx(tp, tmp_path / "out.docx")


def test_theme_colours_reach_the_word_styles(tmp_path: Path) -> None:

    tp = make_pack(tmp_path)
    theme = replace(tp.project.theme, colours={**tp.project.theme.colours, "accent": "#AA0000"})
    tp = replace(tp, project=replace(tp.project, theme=theme))
    write_guide_docx(tp, tmp_path / "out.docx")
    document = docx.Document(str(tmp_path / "out.docx"))
    assert str(document.styles["Heading 1"].font.color.rgb) == "AA0000"
    assert 'w:fill="AA0000"' in document.styles["Guide Table"].element.xml


def test_pack_and_content_text_is_escaped_in_the_html(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    tp = replace(tp, pack=replace(tp.pack, title="<script>alert(1)</script>",
                                  venue='Hall "A" & B'))
    html = render_html(tp)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Hall &#34;A&#34; &amp; B" in html


def test_theme_logo_is_inlined_with_its_alt_text(tmp_path: Path) -> None:
    from packgen.model import Image, Loc

    tp = make_pack(tmp_path)
    logo = Image("content/images/meeting.png", "Glanrhyd Council logo", Loc("theme.yaml"))
    tp = replace(tp, project=replace(tp.project, theme=replace(tp.project.theme, logo=logo)))
    html = render_html(tp)
    assert '<img class="logo" src="data:image/png;base64,' in html
    assert 'alt="Glanrhyd Council logo"' in html
