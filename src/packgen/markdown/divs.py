"""Fenced divs turned into model blocks: notes, columns, conditionals, spaces, and the markers
the slide carver reads (headings, rules, notes, activities, easy-read blocks)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from packgen import errors
from packgen.errors import LIMIT_EXCEEDED, PackgenError
from packgen.markdown.pandoc_attrs import BAD_VALUE, Attrs, width_problem
from packgen.markdown.raw import PICTURE_SHOWN, Dropped
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    EasyReadRow,
    Image,
    Loc,
    Paragraph,
    SpacesDiagram,
    Table,
    Text,
)
from packgen.safety import MAX_MARKDOWN_DEPTH

MAX_DEPTH = MAX_MARKDOWN_DEPTH
"""Deepest nesting of lists, quotes and divs accepted."""

HEADING_IN_BLOCK = "PG118"
UNKNOWN_DIV = "PG117"
LOOSE_COLUMN = "PG167"
COLUMN_TEXT_KEPT = "PG168"
COLUMNS_KEPT = "PG169"
TEXT_HEADING = "PG173"
TABLE_IN_DIV = "PG175"
_HEADING_LINE = re.compile(r"[ \t]*#{1,6}(?:[ \t]|$)")
"""A line that is an ATX heading where a block may start."""
MISPLACED_BLOCK = "PG127"
"""The code of a block the converter cannot place where it stands."""

PANDOC_CLASSES = frozenset({"incremental", "nonincremental"})
"""Pandoc div classes that change nothing here; their content is kept as is."""


@dataclass
class Context:
    """Where the Markdown comes from, and the findings gathered while converting it."""

    path: str
    offset: int
    root: Path
    base_dir: Path
    diagnostics: list[errors.Diagnostic] = field(default_factory=list)
    depth: int = 0
    implicit_figures: bool = True
    """Pandoc's ``implicit_figures``: a picture alone in its paragraph shows its ``![...]``
    text as its caption."""
    dropped: Dropped = field(default_factory=Dropped)
    """Raw input dropped so far (HTML, LaTeX, ``{=format}``), reported once per kind."""
    footnotes: dict[int, tuple[Block, ...]] = field(default_factory=dict)
    """The module's footnotes by markdown-it's id (0-based, in order of first reference)."""
    column_depth: int = -1
    """The depth of the ``::: column`` being read: Pandoc plans a column's content as a
    slide of its own, so a picture starting a paragraph there ends it too."""

    def loc(self, line: int) -> Loc:
        """Return the file location of a 0-based body line."""
        return Loc(self.path, line + 1 + self.offset)

    def error(self, message: str, loc: Loc, code: str = MISPLACED_BLOCK) -> None:
        """Record an error and keep converting, so every problem is reported (PG127 unless
        ``code`` says otherwise)."""
        self.diagnostics.append(errors.error(message, loc.path, loc.line, code))

    def warn(self, message: str, loc: Loc, code: str) -> None:
        """Record a warning."""
        self.diagnostics.append(errors.warning(message, loc.path, loc.line, code))

    def info(self, message: str, loc: Loc, code: str) -> None:
        """Record an info finding: where packgen deliberately differs from Pandoc."""
        self.diagnostics.append(errors.info(message, loc.path, loc.line, code))

    @contextmanager
    def column(self, loc: Loc, is_column: bool) -> Iterator[None]:
        """Read the content of a ``::: column`` (when ``is_column``) at the current depth."""
        outer = self.column_depth
        self.column_depth = self.depth if is_column else outer
        try:
            yield
        finally:
            self.column_depth = outer

    @contextmanager
    def nested(self, loc: Loc) -> Iterator[None]:
        """Count one level of nesting; too deep is an error, never a RecursionError."""
        if self.depth >= MAX_DEPTH:
            raise PackgenError(f"lists, quotes or divs nested deeper than {MAX_DEPTH} levels",
                               loc.path, loc.line, LIMIT_EXCEEDED)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1


# --- markers read by the slide carver ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading as written; at level 1 or 2 it starts a slide."""

    level: int
    text: Text
    attrs: Attrs
    loc: Loc


@dataclass(frozen=True, slots=True)
class Rule:
    """A ``---`` line: a new untitled slide."""

    loc: Loc


@dataclass(frozen=True, slots=True)
class Notes:
    """Speaker notes for the slide they stand in."""

    blocks: tuple[Block, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ActivitySlide:
    """An activity: its own slide where it stands."""

    activity: Activity
    audiences: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class EasyReadBlock:
    """The rows of one ``::: easy-read`` block."""

    rows: tuple[EasyReadRow, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Part:
    """A div that only means something inside another (``column``, ``materials``, ...)."""

    kind: str
    attrs: Attrs
    raw: tuple[Raw, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class SlidePicture:
    """A picture starting a paragraph of a slide that is no figure (no alt text, a link, or
    text after it): with implicit figures on it ends its slide, as in Pandoc."""

    image: Image
    loc: Loc


@dataclass(frozen=True, slots=True)
class Unshown:
    """Content of the slide level that no slide shows (raw HTML or LaTeX, ``{=format}``, a
    comment): a slide holding only such content and no title or notes is no slide, as Pandoc
    drops a slide with nothing to show."""

    loc: Loc


@dataclass(frozen=True, slots=True)
class InDiv:
    """A table inside a plain div: it stays on its slide as text does, since Pandoc's slide
    plan does not look inside divs (a table at the slide level ends its slide)."""

    block: Block
    loc: Loc


Raw = (Block | Heading | Rule | Notes | ActivitySlide | EasyReadBlock | Part | SlidePicture
       | Unshown | InDiv)
DivBuilder = Callable[[Attrs, list[Raw], Loc, Context], list[Raw]]

PARENT_OF = {"column": "columns", "materials": "activity", "steps": "activity",
             "debrief": "activity", "tip": "activity"}


# --- helpers shared by div builders --------------------------------------------------------


def lift_notes(raw: list[Raw]) -> tuple[list[Raw], tuple[Block, ...]]:
    """Return the items without their notes, and the notes' blocks in order."""
    rest = [item for item in raw if not isinstance(item, Notes)]
    notes = tuple(b for item in raw if isinstance(item, Notes) for b in item.blocks)
    return rest, notes


def model_blocks(raw: list[Raw], ctx: Context, where: str) -> tuple[Block, ...]:
    """Return plain model blocks for a content area; markers that cannot stand there are errors."""
    out: list[Block] = []
    for item in raw:
        if isinstance(item, Heading):
            out.append(_heading_paragraph(item, ctx))
        elif isinstance(item, Part) and item.kind == "column":
            warn_loose_column(item, ctx)
            out.extend(model_blocks(list(item.raw), ctx, where))
        elif isinstance(item, Part):
            ctx.error(f"'::: {item.kind}' belongs inside '::: {PARENT_OF[item.kind]}', "
                      f"not in {where}", item.loc)
        elif isinstance(item, SlidePicture):
            out.append(item.image)
        elif isinstance(item, InDiv):
            out.append(item.block)
        elif isinstance(item, Unshown):
            continue
        elif isinstance(item, (Rule, Notes, ActivitySlide, EasyReadBlock)):
            ctx.error(f"{describe(item)} cannot stand in {where}", item.loc)
        else:
            out.append(item)
    return tuple(out)


def _heading_paragraph(heading: Heading, ctx: Context) -> Paragraph:
    if heading.level <= 2:
        ctx.warn("a heading inside a block does not start a slide; it is shown as bold text "
                 "(put {audience=\"...\"} on the heading to make a slide conditional)",
                 heading.loc, HEADING_IN_BLOCK)
    return bold_heading(heading)


def bold_heading(heading: Heading) -> Paragraph:
    """Return a heading as the bold paragraph Pandoc's PowerPoint writer makes of a heading
    that does not start a slide (inside a div, or below slide level)."""
    return Paragraph(tuple(replace(s, bold=True) for s in heading.text), heading.loc)


def unwrapped(raw: list[Raw] | tuple[Raw, ...]) -> list[Raw]:
    """Return a div's content as it stands on its slide: headings as bold text, a column's
    pictures as pictures that end nothing."""
    return [bold_heading(item) if isinstance(item, Heading)
            else item.image if isinstance(item, SlidePicture) else item for item in raw]


def warn_heading_text(content: str, loc: Loc, ctx: Context) -> None:
    """Record each line of a paragraph that would be a heading after a blank line but is
    text of the paragraph, as Pandoc reads it (PG173)."""
    for index, text in enumerate(content.split("\n")):
        if index and _HEADING_LINE.match(text):
            ctx.warn(f"'{text.strip()[:40]}' stands straight under a line of text, so it is "
                     "text of that paragraph, not a heading (as Pandoc reads it): put a blank "
                     "line before it", Loc(loc.path, (loc.line or 0) + index), TEXT_HEADING)


def warn_loose_column(column: Part, ctx: Context) -> None:
    """Record that a ``::: column`` outside ``:::: columns`` is shown as its content (PG167)."""
    ctx.warn("'::: column' stands outside ':::: columns': its content is shown as it is, "
             "not in a column (as Pandoc shows it)", column.loc, LOOSE_COLUMN)


def describe(item: Raw) -> str:
    """Return what an item is, in an author's words ("a list", "'::: notes'")."""
    if isinstance(item, Part):
        return f"'::: {item.kind}'"
    return _NAMES.get(type(item).__name__, type(item).__name__.lower())


_NAMES = {
    "Rule": "'---'", "Notes": "'::: notes'", "ActivitySlide": "an activity",
    "EasyReadBlock": "an easy-read block", "Heading": "a heading", "Paragraph": "a paragraph",
    "ListBlock": "a list", "Image": "a picture", "Table": "a table", "Quote": "a quote",
    "Columns": "columns", "Conditional": "an audience block",
    "SpacesDiagram": "the spaces diagram", "SlidePicture": "a picture", "InDiv": "a table",
    "Unshown": "raw HTML or LaTeX",
}


# --- div builders ------------------------------------------------------------------------


def build_div(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context,
              builders: dict[str, DivBuilder]) -> list[Raw]:
    """Return what one fenced div stands for, by its first class found in ``builders``."""
    kind = next((c for c in attrs.classes if c in builders or c in PARENT_OF), "")
    unknown = [c for c in attrs.classes if c != kind and c not in PANDOC_CLASSES]
    if unknown:
        ctx.warn(f"unknown div class '.{unknown[0]}': its content is kept as it is", loc,
                 UNKNOWN_DIV)
    if kind in PARENT_OF:
        return [Part(kind, attrs, tuple(raw), loc)]
    result = builders[kind](attrs, raw, loc, ctx)
    audiences = attrs.words("audience")
    if audiences and kind not in ("activity", "easy-read", ""):
        return _conditional(audiences, result, loc, ctx)
    return result


def _plain(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context) -> list[Raw]:
    """Return a div packgen has no class for (a callout, a Quarto layout grid) as its content;
    its pictures are shown, which is said once a module (PG178)."""
    audiences = attrs.words("audience")
    if audiences:
        return _conditional(audiences, raw, loc, ctx)
    for item in raw:
        if isinstance(item, (Image, SlidePicture)):
            picture = item if isinstance(item, Image) else item.image
            ctx.dropped.note(PICTURE_SHOWN, picture.loc, picture.src, key=picture)
    at_slide_level = ctx.depth == 0
    return [_in_div(item, ctx) if isinstance(item, Table) and at_slide_level else item
            for item in unwrapped(raw)]


def _in_div(table: Table, ctx: Context) -> InDiv:
    """Return a table of a plain div, kept on its slide, with the line saying that Pandoc's
    PowerPoint writer leaves it out (PG175)."""
    ctx.info("a table inside a div is shown on its slide, where Pandoc's PowerPoint writer "
             "leaves it out", table.loc, TABLE_IN_DIV)
    return InDiv(table, table.loc)


def _conditional(audiences: tuple[str, ...], raw: list[Raw], loc: Loc,
                 ctx: Context) -> list[Raw]:
    passed = [_restrict(item, audiences) for item in raw
              if isinstance(item, (ActivitySlide, EasyReadBlock))]
    rest, notes = lift_notes([i for i in raw if not isinstance(i, (ActivitySlide, EasyReadBlock))])
    blocks = model_blocks(rest, ctx, "a conditional block")
    out: list[Raw] = [Conditional(audiences, blocks, loc)] if blocks else []
    if notes:
        out.append(Notes((Conditional(audiences, notes, loc),), loc))
    return out + passed


def _restrict(item: Raw, audiences: tuple[str, ...]) -> Raw:
    if isinstance(item, ActivitySlide):
        return replace(item, audiences=narrow(item.audiences, audiences))
    assert isinstance(item, EasyReadBlock)
    rows = tuple(replace(r, audiences=narrow(r.audiences, audiences)) for r in item.rows)
    return replace(item, rows=rows)


def narrow(inner: tuple[str, ...], outer: tuple[str, ...]) -> tuple[str, ...]:
    """Return the audiences both lists allow (an empty list allows every audience)."""
    if not inner or not outer:
        return inner or outer
    return tuple(a for a in inner if a in outer)


def _notes(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context) -> list[Raw]:
    rest, inner = lift_notes(raw)
    return [Notes(model_blocks(rest, ctx, "notes") + inner, loc)]


def _columns(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context) -> list[Raw]:
    rest, notes = lift_notes(raw)
    columns = _leading_columns(rest)
    if len(columns) < min(2, len(rest)) or not columns:
        return _columns_as_content(raw, loc, ctx, len(columns))
    if len(columns) < len(rest):
        ctx.warn("text after the last '::: column' of ':::: columns' is left out, as Pandoc "
                 "leaves it out: move it before or after the columns div",
                 rest[len(columns)].loc, LOOSE_COLUMN)
    _say_what_pandoc_leaves_out(columns, ctx)
    cells, widths, lifted = [], [], list(notes)
    for column in columns:
        inner, column_notes = lift_notes(list(column.raw))
        cells.append(model_blocks(inner, ctx, "a column"))
        widths.append(_column_width(column, ctx))
        lifted.extend(column_notes)
    out: list[Raw] = [Columns(tuple(cells), loc, tuple(widths))]
    return out + ([Notes(tuple(lifted), loc)] if lifted else [])


def _say_what_pandoc_leaves_out(columns: list[Part], ctx: Context) -> None:
    """Say, in one info line each, what packgen shows of ``columns`` that Pandoc's PowerPoint
    writer leaves out: every column after the second (PG169), and, on a two-column slide (no
    column of the two has text before a picture or table), what follows the picture or table
    that starts a column (PG168)."""
    shown = [c for c in columns[2:] if _visible(c.raw)]
    if shown:
        ctx.info(f"{len(columns)} columns are shown side by side; Pandoc's PowerPoint writer "
                 "shows the first two and leaves out the rest", shown[0].loc, COLUMNS_KEPT)
    pair = [[item for item in c.raw if not isinstance(item, Notes)] for c in columns[:2]]
    if any(_text_then_media(items) for items in pair):
        return  # Pandoc's comparison layout: it shows every block of the two columns
    for items in pair:
        kept = _pandoc_shows(items)
        if _visible(items[kept:]):
            ctx.info(_left_out(items, kept), items[kept].loc, COLUMN_TEXT_KEPT)


def _left_out(items: list[Raw], kept: int) -> str:
    if kept > 1:
        return ("this and what follows it in the column are shown; Pandoc's PowerPoint writer "
                "leaves out a picture or table after a figure, and the rest of the column")
    lead = "table" if isinstance(items[0], Table) else "picture"
    return (f"the text after the {lead} that starts this column is shown below it; Pandoc's "
            "PowerPoint writer leaves it out")


def _media(item: Raw) -> bool:
    """Return True for what Pandoc counts as no text in a column: a picture starting its
    paragraph, a figure or a table."""
    return isinstance(item, (SlidePicture, Image, Table))


def _text_then_media(items: list[Raw]) -> bool:
    first = next((i for i, item in enumerate(items) if _media(item)), None)
    return first is not None and first > 0


def _pandoc_shows(items: list[Raw]) -> int:
    """Return how many of a column's items Pandoc's two-column slide shows: a column that
    starts with a picture that is no figure, or with a table, shows just that; any other
    shows every item, but for a picture or table after a figure and what follows it."""
    if items and _cuts(items[0]):
        return 1
    after_figure = False
    for index, item in enumerate(items):
        if _cuts(item) and after_figure:
            return index
        after_figure = after_figure or isinstance(item, Image)
    return len(items)


def _cuts(item: Raw) -> bool:
    """Return True for what ends Pandoc's first split of a column: a table, or a picture
    starting its paragraph that is no figure."""
    return isinstance(item, (Table, SlidePicture)) or (isinstance(item, Image)
                                                       and not item.figure)


def _visible(raw: list[Raw] | tuple[Raw, ...]) -> bool:
    return any(not isinstance(item, Notes) for item in raw)


def _leading_columns(rest: list[Raw]) -> list[Part]:
    """Return the ``::: column`` divs a columns div starts with, up to the first other block."""
    out: list[Part] = []
    for item in rest:
        if not (isinstance(item, Part) and item.kind == "column"):
            break
        out.append(item)
    return out


def _columns_as_content(raw: list[Raw], loc: Loc, ctx: Context, leading: int) -> list[Raw]:
    """Return a columns div that does not start with two columns: its content (each column's
    too) one block after another, with a warning (PG167). Pandoc shows it so when it starts
    with no column; after one ``leading`` column, Pandoc shows that column alone."""
    pandoc = ("as Pandoc shows it" if not leading else "Pandoc's PowerPoint writer shows the "
              "first column alone and leaves out the rest")
    ctx.warn("':::: columns' does not start with its '::: column' divs, so its content is "
             f"shown one block after another, not side by side ({pandoc})", loc,
             LOOSE_COLUMN)
    out: list[Raw] = []
    for item in raw:
        inner = item.raw if isinstance(item, Part) and item.kind == "column" else (item,)
        out.extend(unwrapped(inner))
    return out


def _column_width(column: Part, ctx: Context) -> str | None:
    """Return a column's ``width`` when it is one every output can use; report it otherwise."""
    width = column.attrs.values.get("width")
    problem = width_problem(width) if width is not None else None
    if problem:
        ctx.error(f"column {problem}", column.loc, BAD_VALUE)
        return None
    return width


def _spaces(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context) -> list[Raw]:
    rest, notes = lift_notes(raw)
    if rest:
        ctx.error("'::: spaces' draws the spaces diagram and holds nothing else", loc)
    return [SpacesDiagram(loc, attrs.words("highlight"))] + ([Notes(notes, loc)] if notes else [])


BUILDERS: dict[str, DivBuilder] = {
    "": _plain,
    "notes": _notes,
    "columns": _columns,
    "spaces": _spaces,
}
