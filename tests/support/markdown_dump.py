"""Test helpers for the Markdown parser: fixture cases and a short text dump of slides."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from where import FIXTURES

from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    EasyReadRow,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Slide,
    SpacesDiagram,
    Span,
    Table,
    Text,
)

CASE_DIR = FIXTURES / "markdown"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@dataclass(frozen=True)
class Case:
    """One fixture case: a title, Markdown input and the expected dump."""

    file: str
    line: int
    title: str
    source: str
    expected: str

    @property
    def id(self) -> str:
        """Return a pytest id naming the file and the case."""
        return f"{self.file}:{self.line}:{self.title}"


def read_cases(name: str) -> list[Case]:
    """Return the cases of a fixture file: title, ``.``, input, ``.``, expected, ``.``."""
    lines = (CASE_DIR / name).read_text(encoding="utf-8").split("\n")
    cases, index = [], 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title, start = lines[index], index + 1
        parts: list[list[str]] = [[], []]
        index += 2
        for part in parts:
            while lines[index] != ".":
                part.append(lines[index])
                index += 1
            index += 1
        cases.append(Case(name, start, title, "\n".join(parts[0]) + "\n",
                          "\n".join(parts[1]).strip()))
    return cases


def make_project(root: Path) -> Path:
    """Create a tiny project with pictures and return the modules folder."""
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "modules").mkdir()
    for name in ("pic.png", "meeting.png", "other.png"):
        (root / "content" / "images" / name).write_bytes(PNG)
    return root / "content" / "modules"


# --- dump --------------------------------------------------------------------------------


def text(spans: Text) -> str:
    """Return spans with markers: **bold**, *italic*, `code`, $math$ ($$display$$),
    [link](url), / for breaks."""
    return "".join(_span(s) for s in spans)


def _span(span: Span) -> str:
    if span.soft_break:
        return " / "
    out = span.text
    out = f"`{out}`" if span.code else out
    fence = {"inline": "$", "display": "$$"}.get(span.math, "")
    out = f"{fence}{out}{fence}"
    out = f"*{out}*" if span.italic else out
    out = f"**{out}**" if span.bold else out
    if span.note is not None:
        return f"[^{out}: " + " // ".join(" ".join(dump_block(b)) for b in span.note.blocks) + "]"
    return f"[{out}]({span.link})" if span.link else out


def dump_slides(slides: tuple[Slide, ...], rows: tuple[EasyReadRow, ...] = ()) -> str:
    """Return a readable outline of slides and easy-read rows."""
    out: list[str] = []
    for slide in slides:
        extra = f" layout={slide.layout}" if slide.layout else ""
        extra += f" for={','.join(slide.audiences)}" if slide.audiences else ""
        out.append(f"{slide.kind} \"{text(slide.title)}\" @{slide.loc.line}{extra}")
        out.extend("  " + line for b in slide.blocks for line in dump_block(b))
        if slide.activity is not None:
            out.extend("  " + line for line in dump_activity(slide.activity))
        out.extend("  notes: " + line for b in slide.notes for line in dump_block(b))
    for row in rows:
        out.extend(dump_row(row))
    return "\n".join(out)


def dump_activity(activity: Activity) -> list[str]:
    """Return the outline of an activity (its notes are the slide's notes)."""
    out = [f"minutes={activity.minutes} group=\"{activity.group}\" size={activity.group_size}"]
    out += ["intro: " + line for b in activity.intro for line in dump_block(b)]
    out += [f"material: {m.name} x{m.count} per {m.per}" for m in activity.materials]
    out += ["step: " + text(t) for t in activity.steps]
    out += ["debrief: " + text(t) for t in activity.debrief]
    out += [f"tip {t.audience}: " + line for t in activity.tips for b in t.blocks
            for line in dump_block(b)]
    return out


def dump_row(row: EasyReadRow) -> list[str]:
    """Return the outline of one easy-read row."""
    picture = f"{row.image.src} \"{row.image.alt}\"" if row.image else "no picture"
    audiences = f" for={','.join(row.audiences)}" if row.audiences else ""
    title = f" titled \"{text(row.title)}\"" if row.title else ""
    lines = [f"row @{row.loc.line}{audiences}{title}: {picture}"]
    lines += ["  - " + text(s) for s in row.sentences]
    lines += ["  notes: " + line for b in row.notes for line in dump_block(b)]
    return lines


def dump_block(block: Block) -> list[str]:
    """Return the outline lines of one block."""
    return _DUMP[type(block)](block)


def _list(block: ListBlock, depth: int = 0) -> list[str]:
    out = []
    for number, item in enumerate(block.items, start=block.start):
        mark = f"{number}." if block.ordered else "-"
        out.append("  " * depth + f"{mark} {text(item.text)}")
        out.extend("  " * depth + "  > " + line for b in item.blocks for line in dump_block(b))
        for child in item.children:
            out.extend(_list(child, depth + 1))
    return out


def _image(block: Image) -> list[str]:
    width = f" width={block.width}" if block.width else ""
    decorative = " decorative" if block.decorative else ""
    caption = f" caption=\"{block.caption}\"" if block.caption else ""
    link = f" link={block.link}" if block.link else ""
    return [f"image {block.src} \"{block.alt}\"{width}{decorative}{caption}{link}"]


def _table(block: Table) -> list[str]:
    rows = [block.header, *block.rows] if block.has_header else block.rows
    aligned = f" align={','.join(a or '-' for a in block.align)}"
    aligned += "" if block.has_header else " headerless"
    aligned += f" caption=\"{text(block.caption)}\"" if block.caption else ""
    return [f"table{aligned}"] + ["  | " + " | ".join(text(c) for c in row) for row in rows]


def _nested(prefix: str, blocks: tuple[Block, ...]) -> list[str]:
    return [prefix] + ["  " + line for b in blocks for line in dump_block(b)]


_DUMP = {
    Paragraph: lambda b: [text(b.text)],
    ListBlock: _list,
    Image: _image,
    Table: _table,
    Quote: lambda b: _nested("quote", b.blocks),
    Columns: lambda b: [line for i, col in enumerate(b.columns)
                        for line in _nested(f"column {i + 1} width={b.widths[i]}", col)],
    Conditional: lambda b: _nested(f"if {','.join(b.audiences)}", b.blocks),
    SpacesDiagram: lambda b: ["spaces diagram"],
}
