"""Pandoc syntax markdown-it lacks: nested fenced divs and ``{#id .class key=value}`` attributes.

Fenced divs follow Pandoc: a line of three or more colons followed by a class word or an
attribute block opens a div; a line of colons and nothing else closes the innermost open div.
Fence length settles the rest: a closing fence at least as long as an outer div's (longer)
opening fence closes that outer div too, with any inner div left open. Fenced code blocks
inside a div are skipped while looking for the end. Functions here take markdown-it state objects but never import markdown-it itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

DIV_OPEN = "fenced_div_open"
DIV_CLOSE = "fenced_div_close"

_OPEN = re.compile(r"(:{3,})[ \t]*(\{.*\}|[^\s{}:][^\s{}]*)[ \t]*:*[ \t]*$")
_CLOSE = re.compile(r"(:{3,})[ \t]*$")
_CODE_FENCE = re.compile(r"(`{3,}|~{3,})")
_ATTR_TOKEN = re.compile(
    r"""\s*(?:\#(?P<id>[^\s}]+)
          |\.(?P<cls>[^\s}]+)
          |(?P<dash>-)(?=\s|$)
          |(?P<key>[^\W\d][\w:.-]*)=(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'}]+)))""",
    re.VERBOSE,
)
_WIDTH = re.compile(r"(\d+(?:\.\d+)?)(%|cm|mm|in|pt|px)")
_TRAILING_ATTRS = re.compile(r"(?:^|[ \t])(\{[^{}]*\})[ \t]*$")
_LEADING_ATTRS = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class Attrs:
    """Parsed ``{#id .class key=value}`` attributes."""

    id: str = ""
    classes: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)

    def words(self, key: str) -> tuple[str, ...]:
        """Return a space-separated attribute value as a tuple of words."""
        return tuple(self.values.get(key, "").split())


class AttrsError(ValueError):
    """An attribute block that cannot be read."""


BAD_VALUE = "PG122"
"""An attribute packgen reads, given a value it cannot use."""

WIDTH_FORMS = ("a percentage such as 40% or a length such as 8cm (units: % cm mm in pt "
               "px)")


def width_problem(value: str) -> str | None:
    """Return why ``value`` is no width every output can draw (``40%``, ``8cm``), else None.

    The forms are those the deck, Word, HTML and PDF writers all read: a number above 0 and
    one of ``% cm mm in pt px``, a percentage at most 100.
    """
    match = _WIDTH.fullmatch(value.strip())
    if match is None:
        return f"width must be {WIDTH_FORMS}; found '{value}'"
    number = float(match[1])
    if number <= 0 or (match[2] == "%" and number > 100):
        return f"width must be above 0 and at most 100%; found '{value}'"
    return None


def parse_attrs(text: str) -> Attrs:
    """Return the attributes in ``{...}`` (braces optional); raise AttrsError when malformed."""
    inner = text.strip()
    if inner.startswith("{") and inner.endswith("}"):
        inner = inner[1:-1]
    ident, classes, values, pos = "", [], {}, 0
    while pos < len(inner.rstrip()):
        match = _ATTR_TOKEN.match(inner, pos)
        if not match or match.end() == pos:
            raise AttrsError(f"cannot read attributes '{{{inner.strip()}}}' near "
                             f"'{inner[pos:].strip()[:20]}': expected #id, .class or key=value")
        pos = match.end()
        if match["id"]:
            ident = match["id"]
        elif match["cls"] or match["dash"]:
            classes.append(match["cls"] or "unnumbered")
        else:
            raw = match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or ""
            values[match["key"]] = raw.replace('\\"', '"') if match["dq"] is not None else raw
    return Attrs(ident, tuple(classes), values)


def div_info(info: str) -> str:
    """Return a div opener's attribute text, turning a bare class word into ``{.word}``."""
    return info if info.startswith("{") else "{." + info + "}"


def fenced_div_plugin(md: Any) -> None:
    """Add the fenced div block rule and the heading/image attribute core rule to ``md``."""
    md.block.ruler.before("fence", "fenced_div", _fenced_div,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.core.ruler.after("text_join", "pandoc_attrs", _pandoc_attrs)


# --- fenced divs -------------------------------------------------------------------------


def _line(state: Any, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _fenced_div(state: Any, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start] + state.tShift[start]
    if state.src[first:first + 1] != ":":
        return False
    match = _OPEN.match(_line(state, start))
    if not match:
        return False
    if silent:
        return True
    close, closed = _find_close(state, start, end, len(match[1]))
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType, state.lineMax = "container", close
    token = state.push(DIV_OPEN, "div", 1)
    token.markup, token.info, token.block = match[1], match[2], True
    token.map = [start, close + 1 if closed else close]
    token.meta = {"closed": closed}
    state.md.block.tokenize(state, start + 1, close)
    token = state.push(DIV_CLOSE, "div", -1)
    token.markup, token.block = match[1], True
    state.parentType, state.lineMax = old_parent, old_max
    state.line = close + (1 if closed else 0)
    return True


def _find_close(state: Any, start: int, end: int, length: int) -> tuple[int, bool]:
    """Return the line that closes the div opened at ``start`` and whether one was found."""
    if state.blkIndent == 0:
        found = _top_level_closes(state).get(start)
        if found is not None:
            return (end, False) if found[0] >= end else found
    return _scan_close(state, start, end, length)


def _top_level_closes(state: Any) -> dict[int, tuple[int, bool]]:
    """Return the closing line of every div opened on an unindented line, in one pass.

    Scanning each div on its own costs the document's length per level of nesting; one pass
    over the raw lines gives the same answers for divs outside block quotes and list items
    (inside those, lines are read differently, and such divs are scanned on their own).
    """
    env = state.env
    if "_packgen_div_closes" not in env:
        env["_packgen_div_closes"] = _pair_fences(state.src.split("\n"))
    return env["_packgen_div_closes"]


def _pair_fences(lines: list[str]) -> dict[int, tuple[int, bool]]:
    closes: dict[int, tuple[int, bool]] = {}
    opened: list[tuple[int, int]] = []
    code_fence = ""
    for number, raw in enumerate(lines):
        if _indent(raw) >= 4:
            continue
        text = raw.strip(" \t")
        code_fence = _code_fence_state(code_fence, text)
        if code_fence or text.startswith(("```", "~~~")):
            continue
        if _OPEN.match(text):
            opened.append((number, len(text) - len(text.lstrip(":"))))
        elif (match := _CLOSE.match(text)) and opened:
            for start, _ in _pop_closed(opened, len(match[1])):
                closes[start] = (number, True)
    closes.update((start, (len(lines), False)) for start, _ in opened)
    return closes


def _indent(raw: str) -> int:
    if not raw.startswith((" ", "\t")):
        return 0
    spaced = raw.expandtabs(4)
    return len(spaced) - len(spaced.lstrip(" "))


def _pop_closed(opened: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Pop and return the divs a closing fence of ``length`` closes (as _close_innermost)."""
    closed = [opened.pop()]
    while opened and closed[-1][1] < opened[-1][1] <= length:
        closed.append(opened.pop())
    return closed


def _scan_close(state: Any, start: int, end: int, length: int) -> tuple[int, bool]:
    open_lengths, code_fence = [length], ""
    for line in range(start + 1, end):
        text = _line(state, line)
        if text and state.sCount[line] < state.blkIndent:
            return line, False
        if state.sCount[line] - state.blkIndent >= 4:
            continue
        code_fence = _code_fence_state(code_fence, text)
        if code_fence or text.startswith(("```", "~~~")):
            continue
        if _OPEN.match(text):
            open_lengths.append(len(text) - len(text.lstrip(":")))
        elif (match := _CLOSE.match(text)):
            _close_innermost(open_lengths, len(match[1]))
            if not open_lengths:
                return line, True
    return end, False


def _code_fence_state(current: str, text: str) -> str:
    """Return the open code fence marker after ``text`` ('' when outside code)."""
    match = _CODE_FENCE.match(text)
    if not current:
        return match[1] if match else ""
    if match and match[1][0] == current[0] and len(match[1]) >= len(current) \
            and not text[len(match[1]):].strip():
        return ""
    return current


def _close_innermost(open_lengths: list[int], length: int) -> None:
    """Close the innermost open div, and outer ones whose longer fence ``length`` matches."""
    closed = open_lengths.pop()
    while open_lengths and closed < open_lengths[-1] <= length:
        closed = open_lengths.pop()


# --- attributes on headings and images ---------------------------------------------------


def _pandoc_attrs(state: Any) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "inline" and index and tokens[index - 1].type == "heading_open":
            _heading_attrs(tokens[index - 1], token)
        if token.type == "inline" and token.children:
            _image_attrs(token.children)


def _heading_attrs(heading: Any, inline: Any) -> None:
    children = inline.children or []
    last = children[-1] if children else None
    if last is None or last.type != "text":
        return
    match = _TRAILING_ATTRS.search(last.content)
    if not match or not _readable(match[1]):
        return
    heading.meta = {**(heading.meta or {}), "attrs": match[1]}
    last.content = last.content[:match.start()].rstrip()
    if not last.content:
        children.pop()
        _strip_trailing_space(children)


def heading_text(content: str) -> tuple[str, Attrs]:
    """Return a heading's source text without its trailing ``{#id .class}`` and the attributes
    read from it (none when the braces are no attributes: ``## Tidy {tidymodels}``)."""
    match = _TRAILING_ATTRS.search(content.rstrip())
    if not match or not _readable(match[1]):
        return content.strip(), Attrs()
    return content[:match.start()].strip(), parse_attrs(match[1])


def _readable(text: str) -> bool:
    """Return True when ``text`` is attribute syntax; as in Pandoc, braces that are not
    (``## Tidy {tidymodels}``) stay part of the heading's text."""
    try:
        parse_attrs(text)
    except AttrsError:
        return False
    return True


def _strip_trailing_space(children: list[Any]) -> None:
    if children and children[-1].type == "text":
        children[-1].content = children[-1].content.rstrip()
        if not children[-1].content:
            children.pop()


def _image_attrs(children: list[Any]) -> None:
    for index, token in enumerate(children[:-1]):
        following = children[index + 1]
        if token.type != "image" or following.type != "text":
            continue
        match = _LEADING_ATTRS.match(following.content)
        if match:
            token.meta = {**(token.meta or {}), "attrs": match[0]}
            following.content = following.content[match.end():]
