"""Raw and foreign input read as Pandoc reads it, so that it can be dropped: HTML comments and
tags, raw LaTeX commands and environments, ``{=format}`` raw blocks and spans, and Quarto
``{{< shortcodes >}}`` (kept as text).

The rules here add token types to markdown-it (``raw_tex``, ``raw_tex_block``, ``raw_inline``,
``shortcode``); the converters in ``blocks`` and ``inline`` drop or keep what they hold and
note it on the Context, which turns the notes into one info line per module and kind
(``dropped_findings``). Knitr's inline code (`` `r x` ``) is noted the same way: it is
kept as code, not run. Functions take markdown-it state objects but never import it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from packgen import errors
from packgen.model import Loc

RAW_HTML = "PG145"
RAW_LATEX = "PG146"
RAW_FORMAT = "PG147"
SHORTCODE = "PG148"
KNITR_INLINE = "PG177"
PICTURE_SHOWN = "PG178"

KNITR_CODE = re.compile(r"(?:r|\{[A-Za-z][\w-]*\})[ \t]+\S.*", re.DOTALL)
"""The text of inline code knitr or Quarto would run: `` `r x` `` (R Markdown), `` `{r} x` `` or
`` `{python} x` `` (Quarto)."""

RAW_FORMAT_INFO = re.compile(r"\{=([A-Za-z][\w-]*)\}")
"""The info of a raw code block or span: ``{=html}``, ``{=latex}``, ``{=openxml}``."""

_COMMAND = re.compile(r"\\([A-Za-z]+)\*?")
_ENV = re.compile(r"\\begin\{([A-Za-z]+\*?)\}")
_SHORTCODE = re.compile(r"\{\{<(/\*)?(.*?)(\*/)?>\}\}")
_SPACES = re.compile(r"[ \t]*")
"""A command without arguments swallows the spaces after it, as TeX reads it."""
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_RAW_ELEMENT = re.compile(r"<(script|style|pre|textarea)\b.*?(?:</\1\s*>|\Z)",
                          re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<![^<>]*>|<\?.*?\?>", re.DOTALL)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_INNER = r"(?:[^{}\\]|\\.|\{(?:[^{}\\]|\\.|\{(?:[^{}\\]|\\.)*\})*\})*"
_GROUP = re.compile(r"\[[^\[\]{}]*\]|\{" + _INNER + r"\}", re.DOTALL)
"""A command's ``[option]`` or ``{argument}``, braces nested three deep at most: a regular
expression, so that text full of unclosed braces is read in one pass, never quadratically."""

KINDS = {
    RAW_HTML: "raw HTML",
    RAW_LATEX: "raw LaTeX",
    RAW_FORMAT: "raw {=format} content",
}


def raw_plugin(md: Any) -> None:
    """Add the raw LaTeX, shortcode and ``{=format}`` rules to the parser ``md``."""
    md.inline.ruler.before("escape", "raw_tex", _raw_tex_inline)
    md.inline.ruler.before("escape", "shortcode", _shortcode)
    md.block.ruler.before("fence", "raw_tex_block", _raw_tex_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.before("fence", "raw_tex_command", _raw_tex_command)
    md.core.ruler.after("text_join", "raw_spans", _raw_spans)


def is_comment(html: str) -> bool:
    """Return True when raw HTML is nothing but comments (dropped without a word)."""
    return not _COMMENT.sub("", html).strip()


def html_text(html: str) -> str:
    """Return the text an HTML block shows once its tags are dropped, lines kept in place.

    Comments and the content of ``script``, ``style``, ``pre`` and ``textarea`` go entirely;
    the text between other tags stays, as Pandoc keeps it.
    """
    def blank(match: re.Match[str]) -> str:
        return "\n" * match[0].count("\n")

    return _TAG.sub(blank, _RAW_ELEMENT.sub(blank, _COMMENT.sub(blank, html)))


def tag_names(html: str) -> list[str]:
    """Return the names of the tags in raw HTML (``div``, ``br``), comments left out."""
    return [m[1].lower() for m in _TAG_NAME.finditer(_COMMENT.sub("", html))]


def shortcode_text(literal: str) -> tuple[str, bool]:
    """Return how a shortcode shows and whether it was escaped (``{{</* x */>}}``).

    An escaped shortcode shows as Quarto shows it, ``{{< x >}}``; any other as written.
    """
    match = _SHORTCODE.fullmatch(literal)
    if match and match[1] and match[3]:
        return "{{<" + match[2] + ">}}", True
    return literal, False


class Dropped:
    """What a module's converters dropped: for each kind, the first place and what it was."""

    def __init__(self) -> None:
        self.first: dict[str, Loc] = {}
        self.what: dict[str, list[str]] = {}
        self.count: dict[str, int] = {}
        self._keys: set[object] = set()

    def note(self, code: str, loc: Loc, what: str, key: object = None) -> None:
        """Remember that ``what`` (``<div>``, ``\\newpage``) of kind ``code`` was dropped;
        a ``key`` noted before (the same picture seen again by an enclosing div) is not
        counted twice."""
        if key is not None:
            if key in self._keys:
                return
            self._keys.add(key)
        self.first.setdefault(code, loc)
        self.count[code] = self.count.get(code, 0) + 1
        seen = self.what.setdefault(code, [])
        if what and what not in seen:
            seen.append(what)

    def findings(self) -> list[errors.Diagnostic]:
        """Return one line per kind noted, at the first place it was found: an info line
        for what was dropped, a warning for knitr code shown unrun."""
        return [_finding(code, self.what[code], self.count[code], loc)
                for code, loc in self.first.items()]


def _finding(code: str, what: list[str], count: int, loc: Loc) -> errors.Diagnostic:
    shown = ", ".join(what[:5]) + (f" and {len(what) - 5} more" if len(what) > 5 else "")
    places = "the only one in this module" if count == 1 else \
        f"{count} in this module, the first here"
    if code == PICTURE_SHOWN:
        return errors.info(
            f"pictures inside a div are shown as pictures, where Pandoc's PowerPoint writer "
            f"shows only their alt text: {shown} ({places})", loc.path, loc.line, code)
    if code == KNITR_INLINE:
        return errors.warning(
            f"knitr inline code is not run, so it is shown as the code itself, as Pandoc "
            f"shows it without knitr: {shown} ({places}); write the value in its place", loc.path,
            loc.line, code)
    return errors.info(f"{KINDS[code]} dropped from every output: {shown} ({places}); write "
                       "it as Markdown to keep it", loc.path, loc.line, code)


# --- raw LaTeX ---------------------------------------------------------------------------


def _raw_tex_inline(state: Any, silent: bool) -> bool:
    """Read ``\\command[opt]{arg}`` or ``\\begin{env}...\\end{env}`` as one raw_tex token."""
    src, pos = state.src, state.pos
    match = _COMMAND.match(src, pos)
    if match is None or _in_math(state, pos):
        return False
    end = _environment_end(state, pos) if match[1] == "begin" else None
    if end is None:
        end = _arguments_end(src, match.end())
        if end == match.end():
            end = _SPACES.match(src, end).end()
    if not silent:
        token = state.push("raw_tex", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def _environment_end(state: Any, pos: int) -> int | None:
    """Return where the environment opened at ``pos`` ends, None when it is never closed
    (each environment name is looked for once per paragraph after it was not found)."""
    match = _ENV.match(state.src, pos)
    if match is None:
        return None
    unclosed = state.env.setdefault("_packgen_unclosed", {}).setdefault(state.src, set())
    if match[1] in unclosed:
        return None
    close = _matching_end(state.src, match[1], match.end())
    if close is None:
        unclosed.add(match[1])
    return close


def _matching_end(src: str, name: str, pos: int) -> int | None:
    """Return where the ``\\end{name}`` closing an environment opened before ``pos`` ends,
    the same environment nested inside it counted (``itemize`` in ``itemize``); None when
    it is never closed."""
    depth = 1
    for found in re.finditer(r"\\(begin|end)\{" + re.escape(name) + r"\}", src[pos:]):
        depth += 1 if found[1] == "begin" else -1
        if depth == 0:
            return pos + found.end()
    return None


def _arguments_end(src: str, pos: int) -> int:
    """Return where the ``[...]`` and ``{...}`` groups right after a command end."""
    while (match := _GROUP.match(src, pos)) is not None:
        pos = match.end()
    return pos


def _in_math(state: Any, pos: int) -> bool:
    """Return True when ``pos`` follows an odd number of unescaped ``$`` in the paragraph:
    TeX math belongs to the math reader, not to this one."""
    cache = state.env.setdefault("_packgen_dollars", {})
    dollars = cache.get(state.src)
    if dollars is None:
        dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", state.src)]
        cache.clear()
        cache[state.src] = dollars
    return bisect_left(dollars, pos) % 2 == 1


def _raw_tex_block(state: Any, start: int, end: int, silent: bool) -> bool:
    """Read a ``\\begin{env}`` line through its ``\\end{env}`` line as a raw_tex_block."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start] + state.tShift[start]
    match = _ENV.match(state.src, first)
    if match is None:
        return False
    closing = "\\end{" + match[1] + "}"
    unclosed = state.env.setdefault("_packgen_unclosed_blocks", set())
    if closing in unclosed:
        return False
    stop = _matching_end(state.src, match[1], match.end())
    last = next((line for line in range(start, end) if state.eMarks[line] >= stop), None) \
        if stop is not None else None
    if last is None:
        unclosed.add(closing)
        return False
    return silent or _raw_tex_lines(state, start, last)


INLINE_COMMANDS = frozenset({
    "emph", "textbf", "textit", "texttt", "textsc", "textsf", "textrm", "textup", "textmd",
    "textsl", "textnormal", "underline", "uline", "sout", "textsuperscript",
    "textsubscript", "url", "href", "cite", "citep", "citet", "parencite", "textcite",
    "autocite", "ref", "eqref", "pageref", "label", "footnote", "alert", "structure",
    "textcolor", "colorbox", "mbox", "hbox", "LaTeX", "TeX", "today", "ldots", "dots",
    "includegraphics", "verb", "lstinline", "mintinline", "enquote", "mathrm", "ensuremath",
})
"""Commands Pandoc reads inside a paragraph, never as a raw block of their own (a subset of
its list: the ones text uses). Any other command alone on its lines is one raw block."""


def _raw_tex_command(state: Any, start: int, end: int, silent: bool) -> bool:
    """Read a LaTeX command that starts a block and whose arguments end its line
    (``\\note{`` ... ``}`` over several lines, blank lines and lists included) as one
    raw_tex_block, as Pandoc reads it; a command with text after it stays inline."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    first = state.bMarks[start] + state.tShift[start]
    match = _COMMAND.match(state.src, first)
    if match is None or match[1] in ("begin", "end") or match[1] in INLINE_COMMANDS:
        return False
    stop = _arguments_end(state.src, match.end())
    last = start
    while last < end and state.eMarks[last] < stop:
        last += 1
    if last >= end or state.src[stop:state.eMarks[last]].strip():
        return False
    return silent or _raw_tex_lines(state, start, last)


def _raw_tex_lines(state: Any, start: int, last: int) -> bool:
    """Push the lines ``start`` to ``last`` as one raw_tex_block token; return True."""
    token = state.push("raw_tex_block", "", 0)
    token.content = state.getLines(start, last + 1, state.blkIndent, False)
    token.map = [start, last + 1]
    state.line = last + 1
    return True


def latex_name(content: str) -> str:
    """Return how a dropped raw LaTeX block is named: ``\\begin{center}``, ``\\note``."""
    content = content.strip()
    if _ENV.match(content):
        return content.split("}")[0] + "}"
    match = _COMMAND.match(content)
    return match[0] if match else content.split("\n")[0]


# --- shortcodes and {=format} spans ------------------------------------------------------


def _shortcode(state: Any, silent: bool) -> bool:
    """Read ``{{< name args >}}`` (Quarto) as one shortcode token, kept as its text."""
    if not state.src.startswith("{{<", state.pos):
        return False
    match = _SHORTCODE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("shortcode", "", 0)
        token.content = match[0]
    state.pos = match.end()
    return True


def _raw_spans(state: Any) -> None:
    """Turn `` `x`{=format} `` into a raw_inline token, its ``{=format}`` removed, and fold
    what an inline ``<script>`` or ``<style>`` holds into its tag (dropped with it, as Pandoc
    drops the whole element)."""
    for token in state.tokens:
        children = token.children or []
        _fold_raw_elements(children)
        for index, child in enumerate(children[:-1]):
            following = children[index + 1]
            if child.type != "code_inline" or following.type != "text":
                continue
            match = RAW_FORMAT_INFO.match(following.content)
            if match:
                child.type, child.info = "raw_inline", match[1]
                following.content = following.content[match.end():]


def _fold_raw_elements(children: list[Any]) -> None:
    index, unclosed = 0, set()
    while index < len(children):
        child = children[index]
        match = _INLINE_RAW_OPEN.match(child.content) if child.type == "html_inline" else None
        if match and match[1].lower() not in unclosed:
            closing = f"</{match[1].lower()}"
            end = next((i for i in range(index + 1, len(children))
                        if children[i].type == "html_inline"
                        and children[i].content.lower().startswith(closing)), None)
            if end is None:
                unclosed.add(match[1].lower())
            else:
                child.content = "".join(_source(c) for c in children[index:end + 1])
                del children[index + 1:end + 1]
        index += 1


def _source(token: Any) -> str:
    return "\n" if token.type in ("softbreak", "hardbreak") else token.content


_INLINE_RAW_OPEN = re.compile(r"<(script|style)\b[^>]*(?<!/)>", re.IGNORECASE)
