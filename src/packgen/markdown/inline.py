"""Inline Markdown (emphasis, code, links, line breaks) to model spans.

Works on markdown-it syntax tree nodes, read through the small ``Node`` protocol, so that only
``packgen.markdown`` imports markdown-it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol
from urllib.parse import unquote

from packgen.markdown.divs import Context
from packgen.model import Loc, Span, Text
from packgen.safety import link_allowed

LINK_SCHEME = "PG119"
UNSUPPORTED = "PG128"
REMOTE_PICTURE = "PG165"
WEB_ADDRESSES = ("http://", "https://", "ftp://", "//")
"""How a picture named by a web address starts: shown as its alt text, never fetched."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
"""A URL scheme (two letters at least: ``C:`` is a Windows drive, not a scheme)."""
_PLAIN = Span("")


class Node(Protocol):
    """The parts of a markdown-it syntax tree node read here."""

    type: str
    content: str
    children: Sequence[Any]
    attrs: Mapping[str, Any]


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
        out[-1] = replace(last, text=last.text + span.text)
    else:
        out.append(span)


def _style(span: Span) -> tuple[bool, bool, bool, str | None]:
    return span.bold, span.italic, span.code, span.link


InlineConverter = Callable[[Node, Context, Loc, Span], Text]


def _text(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return (replace(style, text=node.content),)


def _break(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return (Span("", soft_break=True),)


def _code_inline(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return (replace(style, text=node.content, code=True),)


def _strong(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, bold=True))


def _em(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    return spans_of(node.children, ctx, loc, replace(style, italic=True))


def _link(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    href = str(node.attrs["href"])
    problem = link_problem(href)
    if problem:
        ctx.error(problem, loc, LINK_SCHEME)
        return spans_of(node.children, ctx, loc, style)
    return spans_of(node.children, ctx, loc, replace(style, link=href))


def _after_breaks(node: Node, loc: Loc) -> Loc:
    breaks = _breaks_in(node)
    return Loc(loc.path, loc.line + breaks) if breaks and loc.line else loc


def _breaks_in(node: Node) -> int:
    own = node.type in ("softbreak", "hardbreak")
    return own + sum(_breaks_in(child) for child in node.children or ())


def _inline_image(node: Node, ctx: Context, loc: Loc, style: Span) -> Text:
    if is_web_picture(node, loc, ctx):
        return spans_of(node.children, ctx, loc, style)
    ctx.error("a picture must stand in a paragraph of its own, not inside a heading, list, "
              "link or table", loc)
    return ()


_INLINE: dict[str, InlineConverter] = {
    "text": _text,
    "softbreak": _break,
    "hardbreak": _break,
    "code_inline": _code_inline,
    "strong": _strong,
    "em": _em,
    "link": _link,
    "image": _inline_image,
}
