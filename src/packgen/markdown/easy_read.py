"""Easy-read blocks (``::: easy-read``): rows of a picture and one to three short sentences.

A row may start with a heading (``#### Who is in charge``): its short title, used for the row's
slide in an easy-read deck. The handout shows pictures and sentences only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from packgen.markdown.divs import Context, EasyReadBlock, Heading, Notes, Raw, describe, narrow
from packgen.markdown.pandoc_attrs import Attrs
from packgen.model import Conditional, EasyReadRow, Image, Loc, Paragraph, Text, plain


@dataclass
class _Rows:
    """Rows gathered so far, and a title and a picture waiting for their sentences."""

    rows: list[EasyReadRow] = field(default_factory=list)
    image: Image | None = None
    title: Heading | None = None


def build_easy_read(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context) -> list[Raw]:
    """Return the easy-read block marker with one row per paragraph."""
    state = _Rows()
    _add_all(state, raw, attrs.words("audience"), ctx)
    _flush(state, ctx)
    return [EasyReadBlock(tuple(state.rows), loc)]


def sentences(paragraph: Paragraph) -> tuple[Text, ...]:
    """Return a paragraph's lines: each line break ends one sentence."""
    out: list[Text] = [()]
    for span in paragraph.text:
        if span.soft_break:
            out.append(())
        else:
            out[-1] = out[-1] + (span,)
    return tuple(_trim(line) for line in out if "".join(s.text for s in line).strip())


def _trim(line: Text) -> Text:
    if line and line[0].text != line[0].text.lstrip():
        line = (replace(line[0], text=line[0].text.lstrip()),) + line[1:]
    if line and line[-1].text != line[-1].text.rstrip():
        line = line[:-1] + (replace(line[-1], text=line[-1].text.rstrip()),)
    return line


def _add_all(state: _Rows, raw: list[Raw] | tuple[Raw, ...], audiences: tuple[str, ...],
             ctx: Context) -> None:
    for item in raw:
        handler = _HANDLERS.get(type(item), _other)
        handler(state, item, audiences, ctx)


def _heading(state: _Rows, item: Heading, audiences: tuple[str, ...], ctx: Context) -> None:
    _flush(state, ctx)
    if not plain(item.text).strip():
        ctx.error("an easy-read row title needs words: '#### Who is in charge'", item.loc)
        return
    state.title = item


def _image(state: _Rows, item: Image, audiences: tuple[str, ...], ctx: Context) -> None:
    _flush_image(state, ctx)
    state.image = replace(item, caption="", figure=False)  # a row's picture stands for its sentence alone


def _paragraph(state: _Rows, item: Paragraph, audiences: tuple[str, ...],
               ctx: Context) -> None:
    image, state.image = state.image, None
    title, state.title = state.title, None
    loc = image.loc if image is not None else item.loc
    state.rows.append(EasyReadRow(sentences(item), image, loc, audiences=audiences,
                                  title=title.text if title is not None else ()))


def _notes(state: _Rows, item: Notes, audiences: tuple[str, ...], ctx: Context) -> None:
    _flush(state, ctx)
    if not state.rows:
        ctx.error("'::: notes' in an easy-read block must follow the row it is for", item.loc)
        return
    last = state.rows[-1]
    state.rows[-1] = replace(last, notes=last.notes + item.blocks)


def _conditional(state: _Rows, item: Conditional, audiences: tuple[str, ...],
                 ctx: Context) -> None:
    _flush(state, ctx)
    _add_all(state, item.blocks, narrow(item.audiences, audiences), ctx)
    _flush(state, ctx)


def _nested(state: _Rows, item: EasyReadBlock, audiences: tuple[str, ...],
            ctx: Context) -> None:
    _flush(state, ctx)
    state.rows.extend(replace(r, audiences=narrow(r.audiences, audiences)) for r in item.rows)


def _other(state: _Rows, item: Raw, audiences: tuple[str, ...], ctx: Context) -> None:
    ctx.error(f"an easy-read block holds rows (a picture, then short sentences one per line), "
              f"not {describe(item)}", item.loc)


def _flush(state: _Rows, ctx: Context) -> None:
    """Report a title or a picture that no sentences followed, and forget both."""
    if state.title is not None:
        ctx.error("easy-read row title without a row: put the picture and the sentences on "
                  "the lines after it", state.title.loc)
        state.title = None
    _flush_image(state, ctx)


def _flush_image(state: _Rows, ctx: Context) -> None:
    if state.image is not None:
        ctx.error("easy-read picture without sentences: write one to three short sentences "
                  "on the lines after it", state.image.loc)
        state.image = None


_HANDLERS = {
    Image: _image,
    Paragraph: _paragraph,
    Notes: _notes,
    Conditional: _conditional,
    EasyReadBlock: _nested,
    Heading: _heading,
}
