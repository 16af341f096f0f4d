"""Pandoc's table forms markdown-it lacks: simple, multiline and grid tables, and captions.

The block rule reads the lines as Pandoc does and pushes the same tokens as markdown-it's pipe
tables (``table_open``, ``thead``, ``tr``, ``th``/``td``, ``inline``), so one converter reads
every form. A table without a header row has no ``thead``. Column alignment comes from the
dash line (simple, multiline) or the colons of a separator (grid), as Pandoc computes it:
text flush with the left of its dashes and short of their right is left aligned, flush right
is right, neither is centre, both is the default. A grid cell's lines are parsed as blocks
(its lists, paragraphs, headings and code) after one space of padding is taken off each line
when every line has it, as Pandoc does (so a cell line indented four spaces more is code); a
simple or multiline cell's lines are read as inline text.

A caption is a paragraph starting ``Table:`` or ``:`` directly before or after any table; it
is kept on the table token's ``meta["caption"]``. A grid cell that spans rows or columns is
kept on ``meta["span_line"]`` (the line it is on) for the converter to report.

Functions here take markdown-it state objects but never import markdown-it itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

_DASHES = re.compile(r"-+")
_DASH_LINE = re.compile(r" {0,3}-+(?:[ \t]+-+)*[ \t]*")
"""A line of dashes, indented up to three spaces as Pandoc allows (column places count the
indent, as Pandoc counts them)."""
_GRID_SEP = re.compile(r"\+(?:[-=:]+\+)+[ \t]*")
_CAPTION = re.compile(r"(?:Table)?:[ \t]+(?P<text>\S.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A table read from lines: cell sources by row, the header row if any, alignments."""

    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str | None, ...]
    end: int
    """The first line after the table."""
    blocks: bool = False
    """True when cells hold blocks (grid tables), False for inline text."""
    span_line: int | None = None


def pandoc_tables_plugin(md: Any) -> None:
    """Add Pandoc's simple, multiline and grid tables and table captions to ``md``."""
    md.block.ruler.before("table", "pandoc_table", _rule)
    md.core.ruler.after("block", "table_caption", _captions)


MAX_TABLE_LINES = 2000
"""The most lines one table may take; more stay text (every candidate is read this far)."""


def _rule(state: Any, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4 or not _may_start(state, start, end):
        return False
    lines = _lines(state, start, min(end, start + MAX_TABLE_LINES))
    parsed = read_table(lines, start)
    if parsed is None:
        return False
    if not silent:
        _push(state, parsed, start)
    state.line = parsed.end
    return True


def _may_start(state: Any, start: int, end: int) -> bool:
    """Return True when a table can start at ``start``: a border or dash line, or a line
    with a dash line under it (checked before reading further)."""
    if start + 1 >= end:
        return False
    first, second = (state.src[state.bMarks[n] + state.tShift[n]:state.eMarks[n]].rstrip()
                     for n in (start, start + 1))
    if not second:
        return False  # a table's first two lines are never apart: a --- there ends a slide
    if _GRID_SEP.fullmatch(first) or _is_dashes(first):
        return True
    return _is_dashes(second) and len(_columns(second)) >= 2


def _lines(state: Any, start: int, end: int) -> list[str]:
    """Return the lines a table at ``start`` could take: up to a line less indented than the
    block, a blank line after a dash or border line (where every form ends) or two blank lines."""
    out: list[str] = []
    for line in range(start, end):
        raw = state.src[state.bMarks[line]:state.eMarks[line]]
        if raw.strip() and state.sCount[line] < state.blkIndent:
            break
        text = raw[min(state.blkIndent, len(raw) - len(raw.lstrip(" "))):].rstrip()
        if not text and out and (not out[-1] or _is_dashes(out[-1])
                                 or _GRID_SEP.fullmatch(out[-1])):
            break
        out.append(text)
    return out


def read_table(lines: list[str], first: int = 0) -> Parsed | None:
    """Return the table at the top of ``lines`` (``first`` numbers line 0), else None."""
    if not lines:
        return None
    head = lines[0]
    if _GRID_SEP.fullmatch(head):
        return _grid(lines, first)
    for reader in (_multiline, _headerless, _simple):
        parsed = reader(lines, first)
        if parsed is not None:
            return parsed
    return None


# --- simple and multiline tables ---------------------------------------------------------


def _columns(dash_line: str) -> list[tuple[int, int]]:
    """Return each column's (start, dash length) from a dash line."""
    return [(m.start(), m.end() - m.start()) for m in _DASHES.finditer(dash_line)]


def _split(line: str, columns: list[tuple[int, int]]) -> list[str]:
    """Return a line cut at each column's start (the last column runs to the line's end)."""
    starts = [start for start, _ in columns] + [max(len(line), columns[-1][0]) + 1]
    return [line[a:b] for a, b in pairwise(starts)]


def _align(texts: list[str], length: int) -> str | None:
    """Return Pandoc's alignment of a column from its header (or first row) text."""
    nonempty = [t.rstrip() for t in texts if t.strip()]
    if not nonempty:
        return None
    longest = max(nonempty, key=len)
    left, right = longest[:1] in (" ", "\t"), len(longest) < length
    return {(True, False): "right", (False, True): "left", (True, True): "center"}.get(
        (left, right))


def _aligns(sample: list[str], columns: list[tuple[int, int]]) -> tuple[str | None, ...]:
    cut = [_split(line, columns) for line in sample]
    return tuple(_align([c[i] for c in cut], length) for i, (_, length) in enumerate(columns))


def _cells(block: list[str], columns: list[tuple[int, int]]) -> tuple[str, ...]:
    cut = [_split(line, columns) for line in block]
    return tuple(" ".join(c[i].strip() for c in cut if c[i].strip())
                 for i in range(len(columns)))


def _is_dashes(line: str) -> bool:
    return bool(_DASH_LINE.fullmatch(line))


def _ends_at(lines: list[str], index: int) -> bool:
    return index + 1 >= len(lines) or not lines[index + 1].strip()


def _simple(lines: list[str], first: int) -> Parsed | None:
    """A header line, a dash line of two or more columns, rows to a blank line."""
    if len(lines) < 3 or not lines[0].strip() or _is_dashes(lines[0]):
        return None
    if not _is_dashes(lines[1]) or len(_columns(lines[1])) < 2:
        return None  # one run of dashes under a line of text is a setext heading
    columns = _columns(lines[1])
    rows, index = [], 2
    while index < len(lines) and lines[index].strip() and not _is_dashes(lines[index]):
        rows.append(_cells([lines[index]], columns))
        index += 1
    if not rows:
        return None
    if index < len(lines) and _is_dashes(lines[index]):
        if not _ends_at(lines, index):
            return None
        index += 1
    return Parsed(_cells([lines[0]], columns), tuple(rows),
                  _aligns([lines[0]], columns), first + index)


def _headerless(lines: list[str], first: int) -> Parsed | None:
    """A dash line, rows (separated by blank lines: multiline), a closing dash line."""
    if not _is_dashes(lines[0]):
        return None
    columns = _columns(lines[0])
    close = next((i for i in range(1, len(lines)) if _is_dashes(lines[i])), None)
    if close is None or close == 1 or not _ends_at(lines, close):
        return None
    body = lines[1:close]
    if not body[0].strip():
        return None
    groups = _groups(body) if any(not b.strip() for b in body) else [[b] for b in body]
    rows = tuple(_cells(g, columns) for g in groups)
    return Parsed(None, rows, _aligns(groups[0], columns), first + close + 1)


def _multiline(lines: list[str], first: int) -> Parsed | None:
    """A line of dashes, header lines, a dash line, rows separated by blank lines, dashes."""
    if not re.fullmatch(r" {0,3}-{3,}", lines[0]):
        return None
    under = next((i for i in range(1, len(lines)) if _is_dashes(lines[i]) or not lines[i].strip()),
                 None)
    if under is None or under == 1 or not _is_dashes(lines[under]):
        return None
    columns = _columns(lines[under])
    close = next((i for i in range(under + 1, len(lines)) if _is_dashes(lines[i])), None)
    if close is None or close == under + 1 or not _ends_at(lines, close):
        return None
    header = lines[1:under]
    rows = tuple(_cells(g, columns) for g in _groups(lines[under + 1:close]))
    if not rows:
        return None
    return Parsed(_cells(header, columns), rows, _aligns(header, columns), first + close + 1)


def _groups(lines: list[str]) -> list[list[str]]:
    """Return runs of non-blank lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


# --- grid tables -------------------------------------------------------------------------


def _grid(lines: list[str], first: int) -> Parsed | None:
    """A ``+---+`` bordered table; ``+===+`` ends its header; colons set alignment."""
    bounds = [i for i, char in enumerate(lines[0]) if char == "+"]
    rows: list[tuple[str, ...]] = []
    header: tuple[str, ...] | None = None
    align = _grid_align(lines[0], bounds)
    block: list[str] = []
    span_line = None
    index = 1
    while index < len(lines) and lines[index].startswith(("|", "+")):
        line = lines[index]
        if _GRID_SEP.fullmatch(line) and _bounds(line) == bounds:
            if not block:
                return None
            cells = _grid_cells(block, bounds)
            if "=" in line and header is None and not rows:
                header, align = cells, _grid_align(line, bounds)
            else:
                rows.append(cells)
            block = []
        elif all(len(line) > b and line[b] in "|+" for b in bounds) and line.endswith(("|", "+")):
            block.append(line)
        else:
            span_line = span_line if span_line is not None else first + index
            block.append(line)
        index += 1
    if block or not (rows or header):
        return None
    if not rows and header is not None:
        rows, header = [header], None
    return Parsed(header, tuple(rows), align, first + index, True, span_line)


def _bounds(line: str) -> list[int]:
    return [i for i, char in enumerate(line) if char == "+"]


def _grid_align(line: str, bounds: list[int]) -> tuple[str | None, ...]:
    out: list[str | None] = []
    for a, b in pairwise(bounds):
        part = line[a + 1:b]
        left, right = part.startswith(":"), part.endswith(":")
        out.append({(True, False): "left", (False, True): "right", (True, True): "center"}
                   .get((left, right)))
    return tuple(out)


def _grid_cells(block: list[str], bounds: list[int]) -> tuple[str, ...]:
    cells = []
    for a, b in pairwise(bounds):
        parts = [line[a + 1:b].rstrip() for line in block]
        if all(p.startswith(" ") or not p for p in parts):
            parts = [p[1:] for p in parts]
        cells.append("\n".join(parts).strip("\n"))
    return tuple(cells)


# --- tokens ------------------------------------------------------------------------------


def _push(state: Any, parsed: Parsed, start: int) -> None:
    table = state.push("table_open", "table", 1)
    table.map = [start, parsed.end]
    table.meta = {"span_line": parsed.span_line, "pandoc": True}
    if parsed.header is not None:
        state.push("thead_open", "thead", 1)
        _row(state, parsed.header, parsed, "th", start)
        state.push("thead_close", "thead", -1)
    state.push("tbody_open", "tbody", 1)
    for row in parsed.rows:
        _row(state, row, parsed, "td", start)
    state.push("tbody_close", "tbody", -1)
    state.push("table_close", "table", -1)


def _row(state: Any, cells: tuple[str, ...], parsed: Parsed, tag: str, line: int) -> None:
    state.push("tr_open", "tr", 1).map = [line, line + 1]
    for index, source in enumerate(cells):
        cell = state.push(f"{tag}_open", tag, 1)
        align = parsed.align[index] if index < len(parsed.align) else None
        if align:
            cell.attrs = {"style": f"text-align:{align}"}
        if parsed.blocks:
            state.md.block.parse(source, state.md, state.env, state.tokens)
        else:
            inline = state.push("inline", "", 0)
            inline.content, inline.map, inline.children = source, [line, line + 1], []
        state.push(f"{tag}_close", tag, -1)
    state.push("tr_close", "tr", -1)


# --- captions ----------------------------------------------------------------------------


def _captions(state: Any) -> None:
    """Move a ``Table: ...`` paragraph next to a table onto the table's ``meta["caption"]``."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        table = _caption_target(tokens, index)
        if table is None:
            index += 1
            continue
        match = _CAPTION.fullmatch(tokens[index + 1].content)
        assert match is not None
        table.meta = {**(table.meta or {}), "caption": match["text"],
                      "caption_line": tokens[index].map[0] if tokens[index].map else None}
        del tokens[index:index + 3]


def _caption_target(tokens: list[Any], index: int) -> Any:
    """Return the table a caption paragraph at ``index`` belongs to, else None."""
    token = tokens[index]
    if token.type != "paragraph_open" or index + 2 >= len(tokens):
        return None
    if not _CAPTION.fullmatch(tokens[index + 1].content):
        return None
    after = tokens[index + 3] if index + 3 < len(tokens) else None
    if after is not None and after.type == "table_open" and after.level == token.level:
        return after
    before = _table_before(tokens, index)
    return before if before is not None and before.level == token.level else None


def _table_before(tokens: list[Any], index: int) -> Any:
    if not index or tokens[index - 1].type != "table_close":
        return None
    depth = 0
    for back in range(index - 1, -1, -1):
        depth += {"table_close": 1, "table_open": -1}.get(tokens[back].type, 0)
        if depth == 0:
            return tokens[back]
    return None
