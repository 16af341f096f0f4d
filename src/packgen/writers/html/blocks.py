"""Render model blocks and inline text to safe, self-contained HTML."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from markupsafe import Markup, escape

from packgen import texmath
from packgen.errors import BlockTable
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    Footnote,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Space,
    SpacesDiagram,
    Span,
    Table,
    Text,
    Theme,
    is_code_block,
)
from packgen.safety import link_allowed
from packgen.translations import SOURCE, words
from packgen.writers.html.assets import Pictures, css_string
from packgen.writers.spaces_svg import easy_spaces_svg, spaces_svg

WIDTH = re.compile(r"^\d+(\.\d+)?(%|cm|mm|in|px|pt|em)$")


class HtmlRenderer:
    """Turn blocks into HTML: every text escaped, pictures inlined as ``data:`` URIs."""

    def __init__(self, root: Path, spaces: tuple[Space, ...] = (),
                 theme: Theme | None = None, skip_decorative: bool = False) -> None:
        self.root = root
        self.spaces = spaces
        self.theme = theme
        self.skip_decorative = skip_decorative
        """Leave out ``{.decorative}`` pictures (the guide's HTML page has always left them
        out; its PDF shows them as artifacts)."""
        self.pictures = Pictures(root)
        self.easy = False
        """Draw ``::: spaces`` as the easy-read diagram (names only, large)."""
        self.lang = SOURCE
        """The language of the words the renderer writes itself (a diagram's alt text)."""
        self._notes: list[tuple[str, Footnote]] | None = None
        self._serial = 0

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        """Return the HTML of several blocks, in order, then the footnotes they refer to as
        a list with links back to each reference."""
        outer, self._notes = self._notes, []
        try:
            html = Markup("\n").join(self.block(b) for b in blocks)
            found = self._notes
        finally:
            self._notes = outer
        if outer is not None:
            outer.extend(found)
            return html
        return html + self._footnotes(found) if found else html

    def _footnotes(self, found: list[tuple[str, Footnote]]) -> Markup:
        items = Markup("").join(
            Markup('<li id="{0}" value="{1}">{2} <a href="#{0}-ref" class="footnote-back" '
                   'aria-label="Back to the text">\u21a9</a></li>').format(
                key, note.number, self.blocks(note.blocks)) for key, note in found)
        return Markup('<aside class="footnotes" role="doc-endnotes"><ol>{}</ol></aside>'
                      ).format(items)

    def block(self, block: Block) -> Markup:
        """Return the HTML of one block (an unknown block type is a bug: InternalError)."""
        return BLOCK_RENDERERS[type(block)](self, block)

    def text(self, text: Text) -> Markup:
        """Return inline HTML for a run of spans."""
        return Markup("").join(_span(s) if s.note is None else self._reference(s) for s in text)

    def _reference(self, span: Span) -> Markup:
        """Return a footnote's number linked to its note; remember the note for the list."""
        assert span.note is not None
        self._serial += 1
        key = f"fn-{self._serial}"
        if self._notes is not None:
            self._notes.append((key, span.note))
        return Markup('<sup class="footnote-ref"><a href="#{0}" id="{0}-ref" '
                      'role="doc-noteref">{1}</a></sup>').format(key, span.text)

    def colour(self, name: str) -> str:
        """Return a theme colour as ``#RRGGBB`` (a literal, or looked up in the theme)."""
        if self.theme is None or name.startswith("#"):
            return name if name.startswith("#") else "currentColor"
        return self.theme.colours.get(name, "currentColor")


def _span(span: Span) -> Markup:
    if span.soft_break:
        return Markup("<br>") if span.new_line else Markup(" ")
    if span.math:
        return Markup(texmath.mathml(span.text, span.math == "display"))
    html = escape(span.text)
    for flag, tag in _wrappers(span):
        if flag:
            html = Markup(tag.format(html))
    if span.link and (span.link.startswith("#") or link_allowed(span.link)):
        html = Markup('<a href="{}">{}</a>').format(span.link, html)
    return html


def _wrappers(span: Span) -> tuple[tuple[bool, str], ...]:
    """Return each inline style with its HTML, innermost first (the text is escaped)."""
    return ((span.code, "<code>{}</code>"), (span.sub, "<sub>{}</sub>"),
            (span.sup, "<sup>{}</sup>"), (span.smallcaps, '<span class="smallcaps">{}</span>'),
            (span.underline, "<u>{}</u>"), (span.strike, "<del>{}</del>"),
            (span.mark, "<mark>{}</mark>"), (span.italic, "<em>{}</em>"),
            (span.bold, "<strong>{}</strong>"))


def _paragraph(r: HtmlRenderer, block: Paragraph) -> Markup:
    if is_code_block(block.text):
        return _code_block(block.text)
    return Markup("<p>{}</p>").format(r.text(block.text))


def _code_block(text: Text) -> Markup:
    """Return a code block as ``<pre><code>``, one source line per line (as Pandoc)."""
    return Markup("<pre><code>{}</code></pre>").format(
        "".join("\n" if s.soft_break else s.text for s in text))


def _list(r: HtmlRenderer, block: ListBlock) -> Markup:
    tag = "ol" if block.ordered else "ul"
    start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
    items = Markup("").join(
        Markup("<li>{}{}{}</li>").format(r.text(i.text), r.blocks(i.blocks), r.blocks(i.children))
        for i in block.items)
    return Markup(f"<{tag}{start}>{items}</{tag}>")


def _image(r: HtmlRenderer, block: Image) -> Markup:
    if block.decorative and r.skip_decorative:
        return Markup("")
    alt = "" if block.decorative else block.alt
    style = f' style="width:{block.width}"' if block.width and WIDTH.match(block.width) else ""
    role = ' role="presentation"' if block.decorative else ""
    img = Markup('<img src="{}" alt="{}"{}{}>').format(
        r.pictures.uri(block), alt, Markup(style), Markup(role))
    if block.link and link_allowed(block.link):
        img = Markup('<a href="{}">{}</a>').format(block.link, img)
    caption = Markup("<figcaption>{}</figcaption>").format(block.caption) \
        if block.caption else Markup("")
    return Markup("<figure>{}{}</figure>").format(img, caption)


def _table(r: HtmlRenderer, block: Table) -> Markup:
    def cell(tag: str, i: int, text: Text) -> Markup:
        align = block.align[i] if i < len(block.align) else None
        attrs = ' scope="col"' if tag == "th" else ""
        attrs += f' style="text-align:{align}"' if align in ("left", "center", "right") else ""
        return Markup(f"<{tag}{attrs}>{{}}</{tag}>").format(r.text(text))

    head = Markup("").join(cell("th", i, t) for i, t in enumerate(block.header))
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(cell("td", i, t) for i, t in enumerate(row)))
        for row in block.rows)
    caption = Markup("<caption>{}</caption>").format(r.text(block.caption)) \
        if block.caption else Markup("")
    thead = Markup("<thead><tr>{}</tr></thead>").format(head) if block.has_header \
        else Markup("")
    return Markup('<table class="content-table">{}{}<tbody>{}</tbody></table>').format(
        caption, thead, body)


def _quote(r: HtmlRenderer, block: Quote) -> Markup:
    return Markup("<blockquote>{}</blockquote>").format(r.blocks(block.blocks))


def _columns(r: HtmlRenderer, block: Columns) -> Markup:
    cols = Markup("").join(Markup('<div class="column">{}</div>').format(r.blocks(c))
                           for c in block.columns)
    return Markup('<div class="columns">{}</div>').format(cols)


def _conditional(r: HtmlRenderer, block: Conditional) -> Markup:
    return r.blocks(block.blocks)


def _spaces(r: HtmlRenderer, block: SpacesDiagram) -> Markup:
    items = Markup("").join(
        Markup('<li style="border-left-color:{}"><strong>{}</strong>: {} ({})</li>').format(
            r.colour(s.colour), s.name, s.description, s.holder)
        for s in r.spaces)
    if r.theme is None or not r.spaces:
        _ = words(r.lang)
        return Markup('<div class="spaces"><p>{}</p><ul>{}</ul></div>'
                      ).format(_("The spaces diagram:"), items)
    draw = easy_spaces_svg if r.easy else spaces_svg
    svg = Markup(draw(r.spaces, r.theme, highlight=block.highlight,
                      lang=r.lang))  # escaped where drawn
    if r.easy:
        return Markup('<figure class="spaces">{}</figure>').format(svg)
    return Markup('<figure class="spaces">{}<figcaption><ul>{}</ul></figcaption></figure>'
                  ).format(svg, items)


def _activity(r: HtmlRenderer, block: Activity) -> Markup:
    return Markup('<p class="activity-ref"><strong>Activity:</strong> {} ({} min)</p>').format(
        block.title, block.minutes)


BLOCK_RENDERERS: BlockTable[Callable[[HtmlRenderer, Block], Markup]] = BlockTable(
    "writers.html.blocks.BLOCK_RENDERERS", {
        Paragraph: _paragraph,
        ListBlock: _list,
        Image: _image,
        Table: _table,
        Quote: _quote,
        Columns: _columns,
        Conditional: _conditional,
        SpacesDiagram: _spaces,
        Activity: _activity,
    })
"""Block type to its converter; the handout may reuse these."""


FONT_FALLBACKS = {"code": '"Courier New", monospace'}
"""The CSS families after a role's own (any other role: ``SANS_FALLBACK``)."""
SANS_FALLBACK = '"Liberation Sans", Arial, sans-serif'


def theme_css(theme: Theme, fonts: Mapping[str, str] | None = None) -> Markup:
    """Return the theme's colours and fonts (``fonts``, else all the theme's) as CSS custom
    properties on ``:root``.

    Colour ``accent_text`` becomes ``--colour-accent-text``; font ``body`` ``--font-body``.
    """
    lines = [f"  --colour-{name.replace('_', '-')}: {value};"
             for name, value in theme.colours.items()
             if re.fullmatch(r"#[0-9A-Fa-f]{3,8}", value)]
    lines += [f'  --font-{role}: "{css_string(family)}", '
              f'{FONT_FALLBACKS.get(role, SANS_FALLBACK)};'
              for role, family in (theme.fonts if fonts is None else fonts).items()]
    return Markup(":root {\n" + "\n".join(lines) + "\n}")

