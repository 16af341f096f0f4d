"""The data each print template receives as JSON (the schema is in docs/templates.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from packgen.colours import hex_problem
from packgen.paths import output_name
from packgen.views import guide
from packgen.views.guide import audience_name, date_long, document_title, tips_for
from packgen.wording import clock, join_names
from packgen.writers.pdf.blocks import Data, PrintData, equation, picture, text

if TYPE_CHECKING:
    from packgen.model import Activity, GlossaryEntry, Image, TailoredPack
    from packgen.views.guide import ModuleGuide, SlideEntry
    from packgen.views.handout import HandoutView, RowView, SectionView

def common(tp: TailoredPack, title: str) -> Data:
    """Return what every print template receives: title, language, theme."""
    language, _, region = tp.language.partition("-")
    theme = tp.project.theme
    return {
        "title": title,
        "lang": {"tag": tp.language, "language": language.lower(),
                 "region": region.upper() or None},
        "theme": {"colours": {k: v for k, v in theme.colours.items()
                              if hex_problem(v, hash_required=True) is None},
                  "fonts": dict(theme.fonts),
                  "logo": picture(theme.logo) if theme.logo else None},
    }


def guide_data(tp: TailoredPack) -> Data:
    """Return everything ``guide.typ`` lays out: cover facts, plan, checklists, modules."""
    pack, table = tp.pack, tp.timetable
    blocks = PrintData(tp.project.spaces, tp.project.theme)
    return {
        **common(tp, document_title(tp)),
        "pack": {"id": pack.id, "title": pack.title, "organisation": pack.organisation,
                 "venue": pack.venue, "date": date_long(tp), "participants": pack.participants,
                 "audience": audience_name(tp, pack.audience),
                 "facilitators": join_names(pack.facilitators)},
        "times": {"start": clock(table.start), "end": clock(table.end), "total": table.total,
                  "slot": table.slot, "summary": guide.timing_summary(tp)},
        "deck": {"name": output_name(pack.id, "deck", "pptx", tp.file_language),
                 "slides": len(tp.slides)},
        "plan": [{"start": r.start, "end": r.end, "minutes": r.minutes, "title": r.title,
                  "kind": r.kind, "slides": r.slides, "activities": list(r.activities),
                  "materials": list(r.materials)} for r in guide.session_plan(tp)],
        "materials": [{"name": m.name, "total": m.total, "rule": m.rule,
                       "used_in": list(m.used_in)} for m in guide.materials_checklist(tp)],
        "room": list(guide.room_checklist(tp)),
        "modules": [_module(tp, m, blocks) for m in guide.module_guides(tp)],
    }


def _module(tp: TailoredPack, m: ModuleGuide, blocks: PrintData) -> Data:
    module = m.module
    return {"id": module.id, "title": module.title, "start": m.start, "end": m.end,
            "minutes": m.minutes, "slide_range": m.slide_range,
            "objectives": list(module.objectives), "key_messages": list(module.key_messages),
            "slides": [_slide(tp, s, blocks) for s in m.slides],
            "extra_activities": [_activity(tp, a, blocks) for a in m.extra_activities],
            "closing": [_slide(tp, s, blocks) for s in m.closing]}


def _slide(tp: TailoredPack, s: SlideEntry, blocks: PrintData) -> Data:
    return {"number": s.number, "title": s.title, "kind": s.kind,
            "notes": blocks.blocks(s.notes), "sentences": [text(t) for t in s.sentences],
            "activity": _activity(tp, s.activity, blocks) if s.activity else None}


def _activity(tp: TailoredPack, a: Activity, blocks: PrintData) -> Data:
    return {"title": a.title, "minutes": a.minutes, "group": a.group,
            "intro": blocks.blocks(a.intro),
            "materials": [{"name": m.name, "rule": guide.material_rule(m)} for m in a.materials],
            "steps": [text(s) for s in a.steps], "debrief": [text(q) for q in a.debrief],
            "tips": [{"audience": audience_name(tp, t.audience), "blocks": blocks.blocks(t.blocks)}
                     for t in tips_for(a.tips, tp.pack.audience)],
            "notes": blocks.blocks(a.notes)}


def handout_data(tp: TailoredPack, view: HandoutView, title: str) -> Data:
    """Return everything ``handout.typ`` lays out: cover, sections, hard words, end page."""
    return {
        **common(tp, title),
        "pack": {"title": view.title, "date": view.date, "place": view.place,
                 "organisation": view.organisation},
        "cover": _picture(view.cover),
        "sections": [_section(s) for s in view.sections],
        "hard_words": [_word(e) for e in view.hard_words],
        "ending": [_section(s) for s in view.ending],
    }


def _section(section: SectionView) -> Data:
    return {"id": section.id, "title": section.title, "rows": [_row(r) for r in section.rows]}


def _row(row: RowView) -> Data:
    return {"picture": _picture(row.picture),
            "lines": [[{"text": p.text, "bold": p.bold, "styles": list(p.styles),
                        "math": equation(p.text, p.math) if p.math else None} for p in line]
                      for line in row.lines],
            "items": list(row.items), "explained": [_word(e) for e in row.explained]}


def _word(entry: GlossaryEntry) -> Data:
    return {"term": entry.term, "explanation": entry.explanation,
            "picture": _picture(entry.image)}


def _picture(image: Image | None) -> Data | None:
    return picture(image) if image is not None else None
