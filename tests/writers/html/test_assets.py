"""Fonts and pictures inlined as data: URIs, the same way by the guide and the handout."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import easyread_sample
import guide_sample
import pytest
from markupsafe import Markup, escape

from packgen.errors import PackgenError
from packgen.model import Image, Loc
from packgen.paths import packaged_templates
from packgen.views.handout import handout_view
from packgen.writers.html import guide, handout
from packgen.writers.html.assets import (
    Pictures,
    data_uri,
    font_faces,
    refuse_remote,
    refuse_remote_page,
)

FAMILY = "Atkinson Hyperlegible Next"
PACKAGED_FONTS = packaged_templates() / "fonts"


def test_a_family_gives_every_weight_and_style_of_its_files(tmp_path: Path) -> None:
    faces = font_faces(tmp_path, [FAMILY, FAMILY])
    assert [(f.family, f.weight, f.style, f.format) for f in faces] == [
        (FAMILY, 400, "normal", "truetype"), (FAMILY, 400, "italic", "truetype"),
        (FAMILY, 700, "normal", "truetype"), (FAMILY, 700, "italic", "truetype")]
    regular = (PACKAGED_FONTS / "AtkinsonHyperlegibleNext_400Regular.ttf").read_bytes()
    assert faces[0].uri == data_uri("font/ttf", regular)


def test_printed_faces_are_their_font_face_rules(tmp_path: Path) -> None:
    faces = font_faces(tmp_path, [FAMILY])
    css = str(faces)
    assert escape(faces) == Markup(css)
    assert css.count("@font-face") == 4 and css.count("\n") == 3
    assert css.startswith('@font-face { font-family: "Atkinson Hyperlegible Next"; font-weight: 400; '
                          'font-style: normal; src: url("data:font/ttf;base64,')
    assert css.endswith('") format("truetype"); }')


def test_upright_faces_leave_out_the_italics(tmp_path: Path) -> None:
    faces = font_faces(tmp_path, [FAMILY]).upright
    assert [(f.weight, f.style) for f in faces] == [(400, "normal"), (700, "normal")]


def test_the_project_fonts_folder_gives_all_of_a_family_and_otf_is_typed(tmp_path: Path) -> None:
    fonts = tmp_path / "templates" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "AtkinsonHyperlegibleNext_400Regular.otf").write_bytes(b"OTTO own")
    faces = font_faces(tmp_path, [FAMILY])
    assert [(f.weight, f.style, f.format, f.uri) for f in faces] == [
        (400, "normal", "opentype", data_uri("font/otf", b"OTTO own"))]


def test_only_files_named_for_the_exact_family_belong_to_it(tmp_path: Path) -> None:
    fonts = tmp_path / "templates" / "fonts"
    fonts.mkdir(parents=True)
    for name in ("AtkinsonHyperlegibleNext_400Regular.ttf", "AtkinsonHyperlegible_Regular.ttf",
                 "AtkinsonHyperlegible_400Regular.woff2", "AtkinsonHyperlegible_700Bold.ttf"):
        (fonts / name).write_bytes(name.encode())
    faces = font_faces(tmp_path, ["Atkinson Hyperlegible"])
    assert [f.uri for f in faces] == [
        data_uri("font/ttf", b"AtkinsonHyperlegible_700Bold.ttf")]


def test_a_family_without_files_has_no_faces(tmp_path: Path) -> None:
    assert font_faces(tmp_path, ["Comic Sans"]) == ()
    assert str(font_faces(tmp_path, ["Comic Sans"])) == ""


def test_a_project_font_linking_outside_the_project_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    fonts = root / "templates" / "fonts"
    fonts.mkdir(parents=True)
    outside = tmp_path / "face.ttf"
    outside.write_bytes((PACKAGED_FONTS / "AtkinsonHyperlegibleNext_400Regular.ttf").read_bytes())
    (fonts / "AtkinsonHyperlegibleNext_400Regular.ttf").symlink_to(outside)
    with pytest.raises(PackgenError, match="leads outside the project") as caught:
        font_faces(root, [FAMILY])
    assert caught.value.diagnostics[0].path == "templates/fonts/AtkinsonHyperlegibleNext_400Regular.ttf"


def test_each_picture_file_is_read_once(tmp_path: Path) -> None:
    guide_sample.png(tmp_path / "content" / "images" / "a.png")
    picture = Image("content/images/a.png", "A square", guide_sample.loc())
    pictures = Pictures(tmp_path)
    first = pictures.uri(picture)
    (tmp_path / "content" / "images" / "a.png").unlink()
    assert pictures.uri(picture) == first
    assert first.startswith("data:image/png;base64,iVBOR")


def test_the_guide_and_the_handout_inline_a_picture_the_same_way(tmp_path: Path) -> None:
    reading = easyread_sample.make_pack(tmp_path)
    facilitating = guide_sample.make_pack(tmp_path)  # rewrites content/images/meeting.png
    expected = data_uri("image/png",
                        (tmp_path / "content" / "images" / "meeting.png").read_bytes())
    assert expected in guide.render_html(facilitating)
    assert expected in handout.render_html(reading, handout_view(reading))


@pytest.mark.parametrize("suffix", [".heic", ".pdf", ""])
def test_a_picture_type_html_cannot_show_is_the_same_error_on_both_pages(tmp_path: Path,
                                                                         suffix: str) -> None:
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / f"scan{suffix}").write_bytes(b"not shown")
    picture = Image(f"content/images/scan{suffix}", "A scan", Loc("content/packs/a.yaml", 9))
    facilitating = guide_sample.make_pack(tmp_path)
    theme = replace(facilitating.project.theme, logo=picture)
    facilitating = replace(facilitating, project=replace(facilitating.project, theme=theme))
    reading = easyread_sample.make_pack(tmp_path, cover=picture)
    expected = [(f"content/packs/a.yaml:9: error: picture 'content/images/scan{suffix}' cannot "
                 "be inlined in an HTML page: use PNG, JPEG, GIF, SVG, WebP, BMP or TIFF [PG130]")]
    assert _errors(lambda: guide.render_html(facilitating)) == expected
    assert _errors(lambda: handout.render_html(reading, handout_view(reading))) == expected


def _errors(render: Callable[[], object]) -> list[str]:
    with pytest.raises(PackgenError) as caught:
        render()
    return [str(d) for d in caught.value.diagnostics]


# --- what the page templates receive -------------------------------------------------------


FONT_FACE = re.compile(r"@font-face \{[^}]*\}")
FACE_FILE = re.compile(r'font-weight: (\d+);\s*font-style: (\w+);\s*src: url\("([^"]+)"\)')
OLD_HANDOUT_CSS = """{% for face in fonts %}
@font-face {
  font-family: "{{ face.family }}";
  font-weight: {{ face.weight }};
  font-style: normal;
  src: url("{{ face.uri }}");
}
{% endfor %}
"""
"""The font part of the handout.css packgen shipped before font_faces (designers copied it)."""


def test_the_guide_and_the_handout_inline_the_same_font_files(tmp_path: Path) -> None:
    reading = easyread_sample.make_pack(tmp_path)
    facilitating = guide_sample.make_pack(tmp_path)
    faces = font_faces(tmp_path, facilitating.project.theme.fonts.values())
    assert FONT_FACE.findall(guide.render_html(facilitating)) == str(faces).splitlines()
    guide_files = FACE_FILE.findall(guide.render_html(facilitating))
    handout_files = FACE_FILE.findall(handout.render_html(reading, handout_view(reading)))
    assert len(guide_files) == 4
    assert handout_files == [f for f in guide_files if f[1] == "normal"]  # easy read: no italics


def test_a_project_font_reaches_both_pages_the_same_way(tmp_path: Path) -> None:
    fonts = tmp_path / "templates" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "AtkinsonHyperlegibleNext_400Regular.otf").write_bytes(b"OTTO own")
    reading = easyread_sample.make_pack(tmp_path)
    facilitating = guide_sample.make_pack(tmp_path)
    own = [("400", "normal", data_uri("font/otf", b"OTTO own"))]
    assert FACE_FILE.findall(guide.render_html(facilitating)) == own
    assert FACE_FILE.findall(handout.render_html(reading, handout_view(reading))) == own


def test_a_designers_older_templates_keep_their_font_names(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "handout.css").write_text(OLD_HANDOUT_CSS, encoding="utf-8")
    (tmp_path / "templates" / "guide.html").write_text("<style>{{ fonts }}</style>",
                                                       encoding="utf-8")
    reading = easyread_sample.make_pack(tmp_path)
    facilitating = guide_sample.make_pack(tmp_path)
    faces = font_faces(tmp_path, [FAMILY])
    assert guide.render_html(facilitating) == f"<style>{faces}</style>"
    page = handout.render_html(reading, handout_view(reading))
    assert page.count("@font-face") == 2 and "font-style: italic" not in page
    assert all(f'src: url("{face.uri}")' in page for face in faces.upright)


@pytest.mark.parametrize(("text", "line"), [
    ("a {}\n@import url(http://example.org/a.css);\n", 2),
    ('a {}\nb {}\n@import "https://example.org/a.css";\n', 3),
    ("a { background: url( 'https://example.org/x.png' ) }\n", 1),
    ("a {}\na { background: url(//example.org/x.png) }\n", 2),
    ('<link rel="stylesheet"\n  href="https://example.org/x.css">\n', 2),
    ('<img alt="" src=https://example.org/x.png>\n', 1),
    ('<script src="//example.org/x.js"></script>\n', 1),
])
def test_a_remote_address_a_browser_would_fetch_is_refused_at_its_line(text: str,
                                                                      line: int) -> None:
    with pytest.raises(PackgenError) as caught:
        refuse_remote(text, "templates/guide.html")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == (
        "templates/guide.html", line, "PG021")
    assert "put the file in templates/" in diagnostic.message


@pytest.mark.parametrize("text", [
    '<a href="https://example.org/">a link is not fetched</a>',
    "a { background: url(data:image/png;base64,AAAA) }",
    'a { background: url("fonts/x.png") }',
    '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
])
def test_links_local_files_and_data_are_not_remote(text: str) -> None:
    refuse_remote(text, "templates/guide.html")


@pytest.mark.parametrize("name", ["guide.css", "guide.html", "handout.css", "handout.html"])
def test_the_packaged_templates_name_no_remote_address(name: str) -> None:
    refuse_remote((packaged_templates() / name).read_text(encoding="utf-8"), name)


def test_a_rendered_page_fetching_an_address_is_refused_but_its_links_are_not() -> None:
    refuse_remote_page('<p>Type url(https://example.org) &lt;img src="https://x"&gt; '
                       '<a href="https://example.org">here</a></p>', "templates/guide.html")
    with pytest.raises(PackgenError) as caught:
        refuse_remote_page('<p><img alt="" src="https://example.org/x.png"></p>',
                           "templates/guide.html")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.code) == ("templates/guide.html", "PG021")


def test_a_template_can_show_only_pictures_from_the_content(tmp_path: Path) -> None:
    from types import SimpleNamespace

    with pytest.raises(PackgenError, match="not a picture from the content") as caught:
        Pictures(tmp_path).template_uri(SimpleNamespace(src="../elsewhere/x.png"))
    assert caught.value.diagnostics[0].code == "PG020"
