"""Model blocks to safe, self-contained HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from guide_sample import COLOURS, bullets, loc, para, png, t

from packgen.model import (
    Activity,
    Columns,
    Conditional,
    Image,
    ListBlock,
    ListItem,
    Quote,
    Span,
    Table,
    Theme,
)
from packgen.writers.html.blocks import HtmlRenderer, theme_css


def render(tmp_path: Path, *blocks) -> str:
    return str(HtmlRenderer(tmp_path).blocks(blocks))


def test_text_is_escaped_everywhere(tmp_path: Path) -> None:
    html = render(tmp_path, para("<script>alert(1)</script> & co"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_inline_formatting_and_safe_links_only(tmp_path: Path) -> None:
    text = (Span("bold", bold=True), Span("it", italic=True), Span("x", code=True),
            Span("site", link="https://example.org/?a=1&b=2"),
            Span("bad", link="javascript:alert(1)"))
    html = str(HtmlRenderer(tmp_path).text(text))
    assert "<strong>bold</strong><em>it</em><code>x</code>" in html
    assert '<a href="https://example.org/?a=1&amp;b=2">site</a>' in html
    assert "javascript" not in html and "bad" in html


def test_lists_nest_inside_their_items(tmp_path: Path) -> None:
    html = render(tmp_path, bullets("a", "b", children=(bullets("c"),)))
    assert html == "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"


def test_ordered_list_keeps_its_start(tmp_path: Path) -> None:
    block = ListBlock((ListItem(t("x")),), True, loc(), start=3)
    assert render(tmp_path, block) == '<ol start="3"><li>x</li></ol>'


def test_tables_have_column_header_cells(tmp_path: Path) -> None:
    table = Table((t("Name"), t("Count")), ((t("Pens"), t("3")),), loc(), ("left", "right"))
    html = render(tmp_path, table)
    assert '<thead><tr><th scope="col" style="text-align:left">Name</th>' in html
    assert '<td style="text-align:right">3</td>' in html


def test_images_are_inlined_with_alt_text(tmp_path: Path) -> None:
    png(tmp_path / "content" / "images" / "a.png")
    html = render(tmp_path, Image("content/images/a.png", 'A "quoted" table', loc(), "40%"),
                  Image("content/images/a.png", "", loc(), decorative=True))
    assert html.count('src="data:image/png;base64,iVBOR') == 2
    assert 'alt="A &#34;quoted&#34; table"' in html
    assert 'style="width:40%"' in html
    assert 'alt="" role="presentation"' in html


def test_decorative_pictures_can_be_left_out(tmp_path: Path) -> None:
    png(tmp_path / "a.png")
    renderer = HtmlRenderer(tmp_path, skip_decorative=True)
    assert str(renderer.block(Image("a.png", "", loc(), decorative=True))) == ""


def test_bad_width_is_ignored_not_injected(tmp_path: Path) -> None:
    png(tmp_path / "a.png")
    html = render(tmp_path, Image("a.png", "x", loc(), width="1px;background:red"))
    assert "background" not in html


def test_containers_render_their_blocks(tmp_path: Path) -> None:
    html = render(tmp_path, Quote((para("q"),), loc()),
                  Columns(((para("l"),), (para("r"),)), loc()),
                  Conditional(("staff",), (para("only staff"),), loc()),
                  Activity("Map it", 10, loc()))
    assert "<blockquote><p>q</p></blockquote>" in html
    assert '<div class="column"><p>l</p></div><div class="column"><p>r</p></div>' in html
    assert "<p>only staff</p>" in html
    assert "Map it" in html and "10 min" in html


def test_output_is_well_formed(tmp_path: Path) -> None:
    class Checker(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            if tag not in ("img", "br"):
                self.stack.append(tag)

        def handle_endtag(self, tag) -> None:
            assert self.stack.pop() == tag

    checker = Checker()
    checker.feed(render(tmp_path, bullets("a", children=(bullets("b", "c"),)),
                        Quote((bullets("d"),), loc())))
    assert checker.stack == []


def test_theme_becomes_css_variables() -> None:
    css = str(theme_css(Theme(dict(COLOURS, bad="red; } body { x"), {"body": "Atkinson"})))
    assert "--colour-accent: #005A70;" in css and "--colour-accent-text: #FFFFFF;" in css
    assert "bad" not in css
    assert '--font-body: "Atkinson"' in css
