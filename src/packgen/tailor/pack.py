"""Tailor a pack: select its modules, keep its audience's content, fill variables, time it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from packgen import errors
from packgen.errors import BlockTable, Diagnostic, PackgenError, too_large
from packgen.load.packs import unknown_audience
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    EasyReadRow,
    Footnote,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Material,
    Module,
    Pack,
    Paragraph,
    Project,
    Quote,
    Slide,
    SpacesDiagram,
    Span,
    Table,
    TailoredPack,
    Text,
)
from packgen.safety import MAX_EXPANDED_CHARS
from packgen.tailor.context import content_context
from packgen.tailor.slideplan import with_plan
from packgen.tailor.timetable import timetable
from packgen.templating import TooLong, render_text


def tailor(project: Project, pack_id: str, built: dt.datetime) -> tuple[TailoredPack,
                                                                      list[Diagnostic]]:
    """Return the pack tailored for its audience, timed, with warnings and info found: in
    its language, or a bilingual pack's first version (``tailor_versions`` gives each).

    Every undefined variable, expression or unknown audience in the pack's modules is
    reported together in one PackgenError.
    """
    versions, found = tailor_versions(project, pack_id, built)
    return versions[0], found


def tailor_versions(project: Project, pack_id: str, built: dt.datetime
                    ) -> tuple[list[TailoredPack], list[Diagnostic]]:
    """Return one tailored pack per language the pack is built in (Welsh first), each with
    its modules' text, glossary, spaces and pack fields in that language, and the findings
    of all of them once each."""
    pack = project.packs[pack_id]
    versions, found = [], []
    for tag in pack.needs:
        others = tuple(t for t in pack.needs if t != tag) if pack.languages else ()
        tp, notes = _tailor(in_language(project, pack, tag), pack_id, built, others)
        versions.append(tp)
        found += notes
    return versions, list(dict.fromkeys(found))


def in_language(project: Project, pack: Pack, tag: str) -> Project:
    """Return ``project`` as a pack in language ``tag`` reads it: the pack with that
    language's fields, and the modules, glossary and spaces of that language's text (the
    project's own when it has none, as in English)."""
    text = project.translations.get(tag)
    if tag == pack.language and not pack.localised and text is None:
        return project
    local = dataclasses.replace(pack, language=tag, **pack.localised.get(tag, {}))
    project = dataclasses.replace(project, packs=MappingProxyType({**project.packs, pack.id: local}))
    if text is None:
        return project
    return dataclasses.replace(project, modules=MappingProxyType({**project.modules, **text.modules}),
                               glossary=text.glossary, spaces=text.spaces)


def _tailor(project: Project, pack_id: str, built: dt.datetime, also_in: tuple[str, ...]
            ) -> tuple[TailoredPack, list[Diagnostic]]:
    pack = project.packs[pack_id]
    context = content_context(project, pack)
    job = _Job(pack.audience, context, frozenset(project.audiences))
    modules = tuple(job.module(project.modules[m]) for m in pack.modules)
    if job.errors:
        raise PackgenError.many(job.errors)
    table, findings = timetable(pack, modules)
    notes = _unsuited(pack, modules)
    tp = with_plan(TailoredPack(pack, modules, table, project, context, built,
                                also_in=also_in))
    return tp, notes + findings


def _unsuited(pack: Pack, modules: Sequence[Module]) -> list[Diagnostic]:
    found = []
    for i, module in enumerate(modules):
        if module.audiences and pack.audience not in module.audiences:
            line = pack.lines.get(f"modules[{i}]", pack.lines.get("modules"))
            found.append(errors.warning(
                f"module '{module.id}' is not meant for audience '{pack.audience}' "
                f"(it suits: {', '.join(module.audiences)})", pack.loc.path, line, "PG104"))
    return found


class _Job:
    """One tailoring pass: keeps one audience's content and fills in the variables."""

    def __init__(self, audience: str, context: Mapping[str, object],
                 known: Collection[str]) -> None:
        self.audience = audience
        self.context = context
        self.known = known
        self.errors: list[Diagnostic] = []
        self.room = MAX_EXPANDED_CHARS
        """Characters the module being tailored may still take once its variables are filled."""
        self.numbers = _Numbers()
        """Footnote numbers: per deck on slides, per slide in speaker notes."""

    def module(self, module: Module) -> Module:
        self.room = MAX_EXPANDED_CHARS
        self.check(module.audiences, module.loc)
        first = len(self.numbers.found)
        slides = tuple(s for s in (self.slide(s) for s in module.slides) if s is not None)
        rows = tuple(r for r in (self.row(r) for r in module.easy_read) if r is not None)
        return dataclasses.replace(
            module, footnotes=tuple(self.numbers.found[first:]),
            title=self.string(module.title, module.loc.path, module.loc.line),
            slides=slides,
            objectives=self.strings(module.objectives, module.loc),
            key_messages=self.strings(module.key_messages, module.loc),
            materials=self.materials(module.materials, module.loc), easy_read=rows)

    def slide(self, slide: Slide) -> Slide | None:
        if not self.keeps(slide.audiences, slide.loc):
            return None
        activity = self.activity(slide.activity) if slide.activity else None
        return dataclasses.replace(
            slide, title=self.text(slide.title, slide.loc), blocks=self.blocks(slide.blocks),
            notes=self.notes(slide.notes), activity=activity)

    def notes(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        """Return speaker notes tailored; their footnotes are numbered from 1 on their own."""
        deck, self.numbers = self.numbers, _Numbers()
        try:
            return self.blocks(blocks)
        finally:
            self.numbers = deck

    def row(self, row: EasyReadRow) -> EasyReadRow | None:
        if not self.keeps(row.audiences, row.loc):
            return None
        first = row.loc.line + (1 if row.image else 0) if row.loc.line else None
        sentences = tuple(self.text(s, Loc(row.loc.path, first and first + i))
                          for i, s in enumerate(row.sentences))
        return dataclasses.replace(row, sentences=sentences, notes=self.notes(row.notes),
                                   image=self.image(row.image) if row.image else None)

    def activity(self, act: Activity) -> Activity:
        tips = tuple(dataclasses.replace(t, blocks=self.blocks(t.blocks)) for t in act.tips
                     if self.keeps(tuple(t.audience.split()), act.loc))
        return dataclasses.replace(
            act, title=self.string(act.title, act.loc.path, act.loc.line),
            group=self.string(act.group, act.loc.path, act.loc.line),
            intro=self.blocks(act.intro), materials=self.materials(act.materials, act.loc),
            steps=tuple(self.text(s, act.loc) for s in act.steps),
            debrief=tuple(self.text(s, act.loc) for s in act.debrief), tips=tips,
            notes=self.notes(act.notes))

    def blocks(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        return tuple(out for block in blocks for out in _BLOCKS[type(block)](self, block))

    def keeps(self, audiences: Sequence[str], loc: Loc) -> bool:
        self.check(audiences, loc)
        return not audiences or self.audience in audiences

    def check(self, audiences: Sequence[str], loc: Loc) -> None:
        for audience in audiences:
            if self.known and audience not in self.known:
                self.errors.append(errors.error(unknown_audience(audience, self.known),
                                                loc.path, loc.line, "PG112"))

    def text(self, text: Text, loc: Loc) -> Text:
        spans, line = [], loc.line
        for span in text:
            if span.note is not None:
                spans.append(self.footnote(span))
                continue
            filled = span.text if span.code or span.math else \
                self.string(span.text, loc.path, line)
            spans.append(dataclasses.replace(span, text=filled))
            if line is not None:
                line += span.soft_break + span.newlines
        return tuple(spans)

    def footnote(self, span: Span) -> Span:
        """Return a footnote reference numbered in order, its note tailored."""
        assert span.note is not None
        note = self.numbers.add(self.blocks(span.note.blocks))
        return dataclasses.replace(span, text=str(note.number), note=note)

    def string(self, text: str, path: str, line: int | None) -> str:
        if self.room < 0:
            return text
        try:
            filled = render_text(text, self.context, path, line, self.room)
        except TooLong as exc:
            self.room = -1
            self.errors.extend(too_large(
                "the module with its variables filled in", f"{MAX_EXPANDED_CHARS:,} characters",
                path, exc.line).diagnostics)
            return text
        except PackgenError as exc:
            self.errors.extend(exc.diagnostics)
            return text
        self.room -= len(filled)
        return filled

    def strings(self, texts: Sequence[str], loc: Loc) -> tuple[str, ...]:
        return tuple(self.string(t, loc.path, loc.line) for t in texts)

    def materials(self, items: Sequence[Material], loc: Loc) -> tuple[Material, ...]:
        return tuple(dataclasses.replace(m, name=self.string(m.name, (m.loc or loc).path,
                                                             (m.loc or loc).line))
                     for m in items)

    def image(self, image: Image) -> Image:
        return dataclasses.replace(
            image, alt=self.string(image.alt, image.loc.path, image.loc.line),
            caption=self.string(image.caption, image.loc.path, image.loc.line))


class _Numbers:
    """A footnote counter, and the footnotes numbered by it in order."""

    def __init__(self) -> None:
        self.found: list[Footnote] = []

    def add(self, blocks: tuple[Block, ...]) -> Footnote:
        """Return ``blocks`` as the next footnote, numbered from 1."""
        self.found.append(Footnote(blocks, len(self.found) + 1))
        return self.found[-1]


def _paragraph(job: _Job, block: Paragraph) -> tuple[Block, ...]:
    return (dataclasses.replace(block, text=job.text(block.text, block.loc)),)


def _list(job: _Job, block: ListBlock) -> tuple[Block, ...]:
    return (dataclasses.replace(block, items=_items(job, block.items, block.loc)),)


def _items(job: _Job, items: Sequence[ListItem], loc: Loc) -> tuple[ListItem, ...]:
    return tuple(ListItem(job.text(item.text, loc), tuple(
        dataclasses.replace(c, items=_items(job, c.items, c.loc)) for c in item.children),
        job.blocks(item.blocks))
        for item in items)


def _image(job: _Job, block: Image) -> tuple[Block, ...]:
    return (job.image(block),)


def _table(job: _Job, block: Table) -> tuple[Block, ...]:
    header = tuple(job.text(cell, block.loc) for cell in block.header)
    rows = tuple(tuple(job.text(cell, block.loc) for cell in row) for row in block.rows)
    return (dataclasses.replace(block, header=header, rows=rows,
                                caption=job.text(block.caption, block.loc)),)


def _quote(job: _Job, block: Quote) -> tuple[Block, ...]:
    return (dataclasses.replace(block, blocks=job.blocks(block.blocks)),)


def _columns(job: _Job, block: Columns) -> tuple[Block, ...]:
    return (dataclasses.replace(block, columns=tuple(job.blocks(c) for c in block.columns)),)


def _conditional(job: _Job, block: Conditional) -> tuple[Block, ...]:
    return job.blocks(block.blocks) if job.keeps(block.audiences, block.loc) else ()


def _same(job: _Job, block: SpacesDiagram) -> tuple[Block, ...]:
    return (block,)


def _activity(job: _Job, block: Activity) -> tuple[Block, ...]:
    return (job.activity(block),)


_BLOCKS: BlockTable[Callable[[_Job, Any], tuple[Block, ...]]] = BlockTable(
    "tailor.pack._BLOCKS", {
        Paragraph: _paragraph, ListBlock: _list, Image: _image, Table: _table, Quote: _quote,
        Columns: _columns, Conditional: _conditional, SpacesDiagram: _same, Activity: _activity,
    })
"""Block type to the function that tailors it (a Conditional becomes zero or more blocks)."""
