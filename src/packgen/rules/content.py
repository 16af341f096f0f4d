"""Content rules (PG1xx) on a tailored pack: titles, empty slides, alt text, tables, text amount."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from packgen.errors import BlockTable, Diagnostic, warning
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    Image,
    ListBlock,
    Paragraph,
    PlannedSlide,
    Quote,
    Slide,
    SpacesDiagram,
    Table,
    TailoredPack,
    plain,
)
from packgen.rules.base import Rule, described
from packgen.rules.measure import measure
from packgen.tailor.slideplan import TASK_WORDS, activity_task, task_words, untitled_name

DEFAULT_LINES = 6
"""Most lines of text on one slide (``[rules] slide_lines`` in packgen.toml)."""
DEFAULT_WORDS = 40
"""Most words on one slide (``[rules] slide_words`` in packgen.toml)."""

PICTURE_SUFFIX = re.compile(r"\.(png|jpe?g|gif|svg|emf|wmf|bmp|tiff?|webp)$", re.IGNORECASE)
CAMERA_NAME = re.compile(
    r"^(img|dsc|dscn|dcim|pxl|mvimg|screenshot|screen shot|image|photo|picture|pic)"
    r"[\s_-]*\d[\w\s.-]*$", re.IGNORECASE)
PLACEHOLDER_ALT = frozenset({"image", "picture", "photo", "pic", "img", "graphic", "alt",
                             "alt text", "untitled"})


# --- the checks --------------------------------------------------------------------------


def untitled_slides(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG101 for each ``---`` slide that has content but no title."""
    return [
        warning(f"slide {p.number} has no title: screen readers will hear "
                f"'{untitled_name(p.module, p.number, tp.language)}'; give it a heading ('## Title') instead of "
                "'---'", *_at(s), "PG101")
        for p, s in _content_slides(tp)
        if not p.title.strip() and _has_content(s) and p.module is not None
    ]


def duplicate_titles(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG102 for each slide whose title repeats an earlier slide's in the same deck."""
    seen: dict[str, PlannedSlide] = {}
    found = []
    for p, s in _content_slides(tp):
        key = " ".join(p.title.casefold().split())
        if not key:
            continue
        if key in seen:
            first = seen[key]
            found.append(warning(
                f"slide {p.number} has the same title as slide {first.number} "
                f"({_where(first.slide)}): '{p.title}'; make titles unique, for example "
                f"'{p.title} (2 of 2)'", *_at(s), "PG102"))
        else:
            seen[key] = p
    return found


def empty_slides(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG103 for each slide with nothing on it (a stray ``---``, or tailored away)."""
    found = []
    for p, s in _content_slides(tp):
        if _has_content(s) or s.kind == "section":
            continue
        if not p.title.strip():
            found.append(warning(f"slide {p.number} is empty: remove the extra '---'",
                                 *_at(s), "PG103"))
        elif _emptied_by_tailoring(tp, s):
            found.append(warning(
                f"slide {p.number} '{p.title}' has nothing left for audience "
                f"'{tp.pack.audience}': give the heading an audience attribute too",
                *_at(s), "PG103"))
    return found


def missing_alt(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG105 for each picture named in a YAML file (cover, logo, spaces, glossary)
    with no alt text; the Markdown parser reports pictures in modules as it reads them."""
    return [
        warning(f"picture '{img.src}' has no alt text: add 'alt:' next to its file name",
                img.loc.path, img.loc.line, "PG105")
        for img in _yaml_images(tp)
        if not img.decorative and not img.alt.strip()
    ]


def file_name_alt(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG106 for each picture whose alt text is a file name or a placeholder word."""
    return [
        warning(f"alt text '{img.alt}' of '{img.src}' is a file name, not a description: say "
                "what the picture shows", img.loc.path, img.loc.line, "PG106")
        for img in images(tp)
        if not img.decorative and img.alt.strip() and is_file_name(img.alt, img.src)
    ]


def table_headers(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG107 for each table whose header row is empty or has empty cells."""
    found = []
    for module in tp.modules:
        for table in _tables(module.slides):
            message = _header_problem(table)
            if message:
                found.append(warning(message, table.loc.path, table.loc.line, "PG107"))
    return found


def text_amount(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG108 for each slide with more lines or words than a slide should carry."""
    limits = tp.project.config.thresholds
    max_lines = int(limits.get("slide_lines", DEFAULT_LINES))
    max_words = int(limits.get("slide_words", DEFAULT_WORDS))
    found = []
    for p, s in _content_slides(tp):
        lines, words = measure(_on_slide(s))
        if lines > max_lines or words > max_words:
            found.append(warning(
                f"slide {p.number} has {lines} lines and {words} words (at most {max_lines} "
                f"lines and {max_words} words): split it, or move the rest into '::: notes'",
                *_at(s), "PG108"))
    return found


def activity_tasks(tp: TailoredPack) -> list[Diagnostic]:
    """Return PG132 for each activity slide that cannot show its task: no intro, and steps
    too long for a slide."""
    found = []
    for p, s in _content_slides(tp):
        activity = s.activity
        if activity is None or activity_task(activity) or not activity.steps:
            continue
        found.append(warning(
            f"activity '{activity.title}' (slide {p.number}) has no intro and its steps run "
            f"to {task_words(activity)} words (a slide shows up to {TASK_WORDS}): write the "
            "task short, as numbered steps or questions, at the start of the activity",
            activity.loc.path, activity.loc.line, "PG132"))
    return found


# --- helpers other rules use -------------------------------------------------------------


def walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Yield every block and, depth first, every block nested inside it."""
    for block in blocks:
        yield block
        yield from walk(_children(block))


def images(tp: TailoredPack) -> Iterator[Image]:
    """Yield every picture the pack's outputs show, from content, easy read and YAML files."""
    for module in tp.modules:
        for slide in module.slides:
            yield from _images_in((*slide.blocks, *slide.notes))
        for row in module.easy_read:
            yield from ([row.image] if row.image else [])
            yield from _images_in(row.notes)
    yield from _yaml_images(tp)


def is_file_name(alt: str, src: str) -> bool:
    """Return True when alt text is a file name, camera name or placeholder word."""
    text = alt.strip()
    name = src.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    return bool(
        PICTURE_SUFFIX.search(text) or CAMERA_NAME.match(text)
        or text.casefold() in PLACEHOLDER_ALT or text.casefold() in (name.casefold(),
                                                                     stem.casefold())
    )


# --- private -----------------------------------------------------------------------------


def _yaml_images(tp: TailoredPack) -> Iterator[Image]:
    project = tp.project
    extra = [tp.pack.cover, project.theme.logo, *(s.picture for s in project.spaces),
             *(g.image for g in project.glossary)]
    return (img for img in extra if img is not None)


def _content_slides(tp: TailoredPack) -> list[tuple[PlannedSlide, Slide]]:
    return [(p, p.slide) for p in tp.slides if p.slide is not None]


def _at(slide: Slide | None) -> tuple[str | None, int | None]:
    return (slide.loc.path, slide.loc.line) if slide else (None, None)


def _where(slide: Slide | None) -> str:
    path, line = _at(slide)
    return f"{path}:{line}" if line else str(path)


def _on_slide(slide: Slide) -> tuple[Block, ...]:
    if slide.activity is not None:
        return activity_task(slide.activity)
    return slide.blocks


def _has_content(slide: Slide) -> bool:
    return slide.activity is not None or any(True for _ in walk(slide.blocks))


def _emptied_by_tailoring(tp: TailoredPack, slide: Slide) -> bool:
    for module in tp.project.modules.values():
        for original in module.slides:
            if original.loc == slide.loc:
                return bool(original.blocks)
    return False


def _children(block: Block) -> Sequence[Block]:
    return _CHILDREN[type(block)](block)


def _inner(block: Quote | Conditional) -> Sequence[Block]:
    return block.blocks


def _in_columns(block: Columns) -> Sequence[Block]:
    return [b for column in block.columns for b in column]


def _in_activity(block: Activity) -> Sequence[Block]:
    return [*block.intro, *block.notes, *(b for tip in block.tips for b in tip.blocks)]


def _leaf(block: Block) -> Sequence[Block]:
    return ()


_CHILDREN: BlockTable[Callable[[Any], Sequence[Block]]] = BlockTable("rules.content._CHILDREN", {
    Quote: _inner, Conditional: _inner, Columns: _in_columns, Activity: _in_activity,
    Paragraph: _leaf, ListBlock: _leaf, Image: _leaf, Table: _leaf, SpacesDiagram: _leaf,
})
"""Block type to the blocks nested directly inside it, for ``walk``."""


def _images_in(blocks: Sequence[Block]) -> Iterator[Image]:
    return (b for b in walk(blocks) if isinstance(b, Image))


def _tables(slides: Sequence[Slide]) -> Iterator[Table]:
    for slide in slides:
        blocks = (*slide.blocks, *(slide.activity.intro if slide.activity else ()))
        yield from (b for b in walk(blocks) if isinstance(b, Table))


def _header_problem(table: Table) -> str:
    if not table.has_header:
        return ("table has no header row: screen readers read every row as data; write a "
                "header row if its columns have names")
    empty = [n for n, cell in enumerate(table.header, start=1) if not plain(cell).strip()]
    if empty and len(empty) == len(table.header):
        return "table has no header row: give each column a heading in the first row"
    if empty:
        columns = ", ".join(str(n) for n in empty)
        return f"table header is empty in column {columns}: name every column"
    return ""


RULES = [
    Rule("PG101", untitled_slides),
    Rule("PG102", duplicate_titles),
    Rule("PG103", empty_slides),
    *described("packgen.tailor.pack", ["PG104"]),
    Rule("PG105", missing_alt, "packgen.markdown.blocks, packgen.rules.content"),
    Rule("PG106", file_name_alt),
    Rule("PG107", table_headers),
    Rule("PG108", text_amount),
    Rule("PG132", activity_tasks),
]
"""The content rules, in code order."""
