"""Inline Markdown (emphasis, code, links, line breaks, Pandoc's strikeout, sub/superscript
and bracketed spans) to model spans.

Works on markdown-it syntax tree nodes, read through the small ``Node`` protocol, so that only
``packgen.markdown`` imports markdown-it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol
from urllib.parse import unquote

from markdown_it.rules_inline import backtick
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from packgen.markdown.divs import Context
from packgen.markdown.raw import (
    KNITR_CODE,
    KNITR_INLINE,
    RAW_FORMAT,
    RAW_HTML,
    RAW_LATEX,
    SHORTCODE,
    is_comment,
    shortcode_text,
    tag_names,
)
from packgen.markdown.tex import math_span
from packgen.model import Footnote, Loc, Span, Text
from packgen.safety import link_allowed

LINK_SCHEME = "PG119"
UNSUPPORTED = "PG128"
REMOTE_PICTURE = "PG165"
WEB_ADDRESSES = ("http://", "https://", "ftp://", "//")
"""How a picture named by a web address starts: shown as its alt text, never fetched."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
"""A URL scheme (two letters at least: ``C:`` is a Windows drive, not a scheme)."""
_PLAIN = Span("")
_SMART_CHARS = frozenset("'\"-.")
"""Characters smart typography changes: written with a backslash, they are kept as typed."""
_SPAN_CLASSES = {"smallcaps": "smallcaps", "underline": "underline", "ul": "underline",
                 "mark": "mark"}
"""A bracketed span's class to the ``Span`` style it turns on (Pandoc's own classes)."""


class Node(Protocol):
    """The parts of a markdown-it syntax tree node read here."""

    type: str
    content: str
    children: Sequence[Any]
    attrs: Mapping[str, Any]
    meta: dict[str, Any]


def spans_of(nodes: list[Node], ctx: Context, loc: Loc,
             style: Span = _PLAIN) -> Text:
    """Return the spans of inline nodes, merging neighbours with the same formatting.

    ``loc`` is the line of the first node; each line break moves the lines that follow on.
    """
    out: list[Span] = []
    for node in nodes:
        converter = _INLINE.get(node.type)
        if converter is None:
            ctx.error(f"unsupported inline Markdown '{node.type}'", loc, UNSUPPORTED)
        else:
            for span in converter(node, ctx, loc, style):
                _append(out, span)
        loc = _after_breaks(node, loc)
    return tuple(out)


def pandoc_inline(md: Any) -> None:
    """Add Pandoc's inline extras to a markdown-it parser.

    ``~~strikeout~~``, ``H~2~O``, ``2^10^`` (no unescaped spaces inside, as Pandoc), bracketed
    spans ``[text]{.smallcaps}`` (tried before links, so a span wins over a reference of the
    same name, as in Pandoc; ``[text](url)`` and ``{{ variables }}`` are not spans), and
    backslash-escaped quotes, hyphens and dots kept apart so smart typography leaves them.
    """
    md.use(sub_plugin).use(superscript_plugin)
    attrs_plugin(md, after=(), spans=True, span_after="emphasis")
    md.core.ruler.before("text_join", "literal_escapes", _literal_escapes)
    md.core.ruler.before("text_join", "trailing_backslash", _trailing_backslash)
    md.inline.ruler.at("backticks", _code_span)


def _trailing_backslash(state: Any) -> None:
    """Read a backslash that ends a paragraph as Pandoc does: a line break, which shows nothing
    there (a ``\\`` line alone, a spacer between blocks, stays a paragraph of one break)."""
    for token in state.tokens:
        last = token.children[-1] if token.type == "inline" and token.children else None
        if last is None or last.type != "text" or not last.content.endswith("\\"):
            continue
        if last.content == "\\" and len(token.children) == 1:
            last.type, last.content = "hardbreak", ""  # a paragraph of one line break
        else:
            last.content = last.content[:-1].rstrip()


def _code_span(state: Any, silent: bool) -> bool:
    """Read a code span as markdown-it does, keeping on its token how many line endings it
    covers (``meta["newlines"]``): markdown-it turns them into spaces, and the lines of what
    follows the span would be counted short."""
    start = state.pos
    if not backtick(state, silent):
        return False
    token = state.tokens[-1] if not silent and state.tokens else None
    if token is not None and token.type == "code_inline":
        token.meta = {**(token.meta or {}), "newlines": state.src.count("\n", start, state.pos)}
    return True


def _literal_escapes(state: Any) -> None:
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "text_special" and child.info == "escape" \
                    and child.content in _SMART_CHARS:
                child.type = "literal"


def link_problem(href: str) -> str | None:
    """Return why packgen will not write a link to ``href``, or None for a link it writes.

    Outputs link only to http, https and mailto addresses (and ``#anchors`` in the page).
    """
    if href.startswith("#") or link_allowed(href):
        return None
    shown = unquote(href)
    what = "has a scheme packgen does not write" if _SCHEME.match(shown) \
        else "is not a web or mail address"
    return f"link '{shown}' {what}; use an http, https or mailto address"


def is_web_picture(node: Node, loc: Loc, ctx: Context) -> bool:
    """Return True, with a warning at ``loc`` (PG165), if the picture ``node`` is named by a
    web address: it is never fetched, and its alt text stands in its place."""
    src = str(node.attrs.get("src", ""))
    if not src.lower().startswith(WEB_ADDRESSES):
        return False
    ctx.warn(f"picture '{src[:80]}' is at a web address and is not fetched: its alt text is "
             "shown instead (download it into the project to show it)", loc, REMOTE_PICTURE)
    return True


def strip_spans(spans: Text) -> Text:
    """Return spans without leading/trailing blanks and trailing line breaks."""
    spans = list(spans)
    while spans and (spans[-1].soft_break or not spans[-1].text.strip()):
        spans.pop()
    if spans and spans[0].text != spans[0].text.lstrip():
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
    if spans and spans[-1].text != spans[-1].text.rstrip():
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return tuple(spans)


def _append(out: list[Span], span: Span) -> None:
    if not span.text and not span.soft_break:
        return
    last = out[-1] if out else None
    if last is not None and not last.soft_break and not span.soft_break and _style(last) == \
            _style(span):
        joined = span.text[1:] if last.text.endswith(" ") and span.text.startswith(" ") \
            and not span.code else span.text
        out[-1] = replace(last, text=last.text + joined, newlines=last.newlines + span.newlines)
    else:
        out.append(span)


def _style(span: Span) -> tuple[object, ...]:
    return (span.bold, span.italic, span.code, span.link, span.strike, span.sub, span.sup,
            span.smallcaps, span.underline, span.mark, span.attrs, span.literal, span.math,
            span.note)


_KNITR_ADDRESS = re.compile(r"`(" + KNITR_CODE.pattern + r")`", re.DOTALL)
"""A link address that is knitr inline code: ``[text](`r url`)``."""

InlineConverter = Callable[[Node, Context, Loc, Span], Text]


def _text(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return (replace(style, text=node.content),)


def _break(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return (Span("", soft_break=True),)


def _code_inline(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Return inline code; knitr's (`` `r x` ``) is kept as written, with one warning a module
    (PG177): packgen runs no code."""
    if KNITR_CODE.fullmatch(node.content):
        ctx.dropped.note(KNITR_INLINE, loc, f"`{node.content[:40]}`")
    return (replace(style, text=node.content, code=True,
                    newlines=(node.meta or {}).get("newlines", 0)),)


def _math(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return math_span(node.content, node.type == "math_inline_double", ctx, loc)


def _strong(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, bold=True))


def _em(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, italic=True))


def _literal(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return (replace(style, text=node.content, literal=True),)


def _strike(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, strike=True))


def _sub(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, sub=True))


def _sup(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, sup=True))


def _span(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Return a bracketed span's text with the styles of its known classes; every other
    attribute is kept on the spans, unshown."""
    attrs = tuple((str(k), str(v)) for k, v in node.attrs.items())
    flags = {_SPAN_CLASSES[c]: True for c in dict(attrs).get("class", "").split()
             if c in _SPAN_CLASSES}
    return spans_of(node.children, ctx, loc, replace(style, **flags, attrs=style.attrs + attrs))


def _link(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Return a link's text, linked; a link to knitr code (``(`r url`)``, never run) is its
    text alone."""
    href = str(node.attrs["href"])
    knitr = _KNITR_ADDRESS.fullmatch(unquote(href))
    if knitr:
        ctx.dropped.note(KNITR_INLINE, loc, f"`{knitr[1][:40]}`")
        return spans_of(node.children, ctx, loc, style)
    problem = link_problem(href)
    if problem:
        ctx.error(problem, loc, LINK_SCHEME)
        return spans_of(node.children, ctx, loc, style)
    return spans_of(node.children, ctx, loc, replace(style, link=href))


def _after_breaks(node: Node, loc: Loc) -> Loc:
    breaks = line_breaks(node)
    return Loc(loc.path, loc.line + breaks) if breaks and loc.line else loc


def line_breaks(node: Node) -> int:
    """Return how many source lines ``node`` moves on: its line breaks, the newlines of raw
    content dropped with it (a comment over many lines) and those of a code span."""
    own = 1 if node.type in ("softbreak", "hardbreak") else \
        node.content.count("\n") if node.type in _RAW_INLINE else \
        (node.meta or {}).get("newlines", 0) if node.type == "code_inline" else 0
    return own + sum(line_breaks(child) for child in node.children or ())


def _inline_image(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    if is_web_picture(node, loc, ctx):
        return spans_of(node.children, ctx, loc, style)
    ctx.error("a picture must stand in a paragraph of its own (or be a link's only content), "
              "not inside a heading, list, table or a link with text", loc)
    return ()


def _html_inline(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Drop an HTML tag (the text around it stays; ``<br>`` is a line break, as it shows in
    a browser); a comment goes without a word.

    Two text nodes meeting where a tag was dropped share one space (``Text  goes on`` is
    written ``Text goes on``).
    """
    if is_comment(node.content):
        return ()
    names = tag_names(node.content)
    if not node.content.startswith("</"):
        ctx.dropped.note(RAW_HTML, loc, "".join(f"<{n}>" for n in names[:1]))
    return (Span("", soft_break=True),) if names == ["br"] else ()


def _raw_tex(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Drop a raw LaTeX command with its arguments, as Pandoc's slide writer does."""
    ctx.dropped.note(RAW_LATEX, loc, node.content.split("{")[0].split("[")[0].strip())
    return ()


def _raw_inline(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Drop a `` `x`{=format} `` span: raw output is never passed into a document."""
    ctx.dropped.note(RAW_FORMAT, loc, "{=" + str(getattr(node, "info", "")) + "}")
    return ()


def _shortcode(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Keep a Quarto shortcode as its text, with a warning: packgen does not run them."""
    text, escaped = shortcode_text(node.content)
    if not escaped:
        name = (node.content[3:-3].split() or [""])[0]
        ctx.warn(f"Quarto shortcode {node.content} kept as text: packgen does not run "
                 f"shortcodes{_SHORTCODE_HINTS.get(name, '')}", loc, SHORTCODE)
    return (replace(style, text=text),)


_SHORTCODE_HINTS = {
    "include": "; nothing is included: copy the text into this module",
    "pagebreak": "; start a new slide with a ## heading",
    "video": "; link to the video instead: [title](https://...)",
    "meta": "; write the value, or a {{ variable }}",
}
_RAW_INLINE = frozenset({"html_inline", "raw_tex"})


def _footnote_ref(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    """Return a footnote reference: its number, holding the note's blocks."""
    number = int((getattr(node, "meta", None) or {}).get("id", 0)) + 1
    note = Footnote(ctx.footnotes.get(number - 1, ()), number)
    return (replace(_PLAIN, text=str(number), note=note),)


def _nothing(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return ()


_INLINE: dict[str, InlineConverter] = {
    "footnote_ref": _footnote_ref,
    "footnote_anchor": _nothing,
    "text": _text,
    "softbreak": _break,
    "hardbreak": _break,
    "code_inline": _code_inline,
    "strong": _strong,
    "em": _em,
    "link": _link,
    "image": _inline_image,
    "literal": _literal,
    "s": _strike,
    "sub": _sub,
    "sup": _sup,
    "span": _span,
    "math_inline": _math,
    "math_inline_double": _math,
    "html_inline": _html_inline,
    "raw_tex": _raw_tex,
    "raw_inline": _raw_inline,
    "shortcode": _shortcode,
}
