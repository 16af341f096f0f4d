"""Pandoc's implicit header references: ``[Heading text]`` and ``[words][Heading text]`` link to
the heading of that text, as if a reference ``[Heading text]: #identifier`` were written.

A reference the author defines wins over a heading of the same text, as in Pandoc. The link
goes to the heading's ``{#id}``, else to the identifier Pandoc derives from its text
(``auto_identifier``); the slides show the link's words either way.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.utils import normalizeReference

from packgen.markdown.pandoc_attrs import heading_text

_MARKUP = re.compile(r"[`*\\]")
_KEPT = re.compile(r"[^\w\s.-]")
_LEADING = re.compile(r"^[^A-Za-z\u00c0-\uffff]+")


def implicit_references_plugin(md: Any) -> None:
    """Add the core rule that defines a reference for every heading, after the blocks are read
    (so the author's own references are known) and before the inline text is."""
    md.core.ruler.after("block", "implicit_header_references", _define)


def auto_identifier(text: str) -> str:
    """Return the identifier Pandoc gives a heading of this source text: formatting marks and
    punctuation but ``_ - .`` dropped, lower case, each space a hyphen, nothing before the
    first letter; ``section`` when nothing is left."""
    text = _KEPT.sub("", _MARKUP.sub("", text)).lower()
    text = re.sub(r"\s", "-", text.strip())
    return _LEADING.sub("", text) or "section"


def _define(state: Any) -> None:
    references = state.env.setdefault("references", {})
    tokens = state.tokens
    for index, token in enumerate(tokens[1:], start=1):
        if token.type != "inline" or tokens[index - 1].type != "heading_open":
            continue
        text, attrs = heading_text(token.content)
        label = normalizeReference(text)
        if text and label not in references:
            references[label] = {"title": "", "href": "#" + (attrs.id or auto_identifier(text))}
