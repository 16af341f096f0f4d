"""Pipe table cells as Pandoc splits them: a ``|`` inside a code span is part of the code.

markdown-it follows GitHub's tables, where every unescaped ``|`` ends a cell, even inside
backticks: ```` `x |> f()` | b ```` would be three cells, the code cut in two and the last
cell dropped. Pandoc reads the code span first, so the pipe stays in the code (R's ``|>``,
a shell's ``a | b``). The rule here wraps markdown-it's own table rule: before it reads a
table's lines, each ``|`` inside a code span on them is hidden behind a character the source
never holds (markdown-it turns NUL into U+FFFD when it reads a file), and given back in the
cells' text after.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.rules_block.table import table as gfm_table

ALT = ["paragraph", "reference"]
"""The rules a pipe table may interrupt, as markdown-it registers its table rule."""
HIDDEN = "\x00"
"""Stands for a code span's ``|`` while the table rule splits cells (never in the source)."""
_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-[-:| \t]*")


def pipe_cells_plugin(md: Any) -> None:
    """Make ``md``'s pipe tables keep a ``|`` inside a code span in its cell, as Pandoc does."""
    md.block.ruler.at("table", _table, {"alt": ALT})


def _table(state: Any, start: int, end: int, silent: bool) -> bool:
    spans = _hidden_lines(state, start, end)
    if spans is None:
        return gfm_table(state, start, end, silent)
    source, first = state.src, len(state.tokens)
    state.src = spans
    try:
        found = gfm_table(state, start, end, silent)
    finally:
        state.src = source
    for token in state.tokens[first:]:
        if token.type == "inline":
            token.content = token.content.replace(HIDDEN, "|")
    return found


def _hidden_lines(state: Any, start: int, end: int) -> str | None:
    """Return the source with the code-span pipes of the table at ``start`` hidden, or None
    when there are none (or no table can start there)."""
    if start + 1 >= end or not _DELIMITER.fullmatch(_line(state, start + 1)):
        return None
    source, changed = state.src, False
    line = start
    while line < end and not state.isEmpty(line):
        begin, finish = state.bMarks[line], state.eMarks[line]
        text = source[begin:finish]
        hidden = _CODE.sub(lambda m: m.group(0).replace("|", HIDDEN), text)
        if hidden != text:
            source, changed = source[:begin] + hidden + source[finish:], True
        line += 1
    return source if changed else None


def _line(state: Any, line: int) -> str:
    return state.src[state.bMarks[line]:state.eMarks[line]]
