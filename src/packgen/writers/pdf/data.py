"""The data each print template receives as JSON (the schema is in docs/templates.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from packgen.colours import hex_problem
from packgen.paths import output_name
from packgen.translations import language_of, region_of, words
from packgen.views import guide, languages
from packgen.views.guide import audience_name, date_long, document_title, tips_for
from packgen.wording import clock, join_names
from packgen.writers.pdf.blocks import Data, PrintData, equation, picture, text

if TYPE_CHECKING:
    from packgen.model import Activity, GlossaryEntry, Image, TailoredPack
    from packgen.views.guide import ModuleGuide, SlideEntry
    from packgen.views.handout import HandoutView, RowView, SectionView

def common(tp: TailoredPack, title: str) -> Data:
    """Return what every print template receives: title, language, theme, and the words
    the templates write themselves (``words``: each a message with ``{name}`` fields)."""
    theme = tp.project.theme
    return {
        "title": title,
        "lang": {**_lang(tp.language),
                 "hyphenate": language_of(tp.language) not in UNHYPHENATED},
        "words": template_words(tp.language),
        "theme": {"colours": {k: v for k, v in theme.colours.items()
                              if hex_problem(v, hash_required=True) is None},
                  "fonts": dict(theme.fonts),
                  "logo": picture(theme.logo) if theme.logo else None},
    }


UNHYPHENATED = frozenset({"cy"})
"""Languages set without hyphenation: the print engine has no patterns for them."""


def template_words(lang: str) -> dict[str, str]:
    """Return the words ``guide.typ`` and ``handout.typ`` write, in the language ``lang``.

    A template fills a message's ``{name}`` fields itself (its ``say`` function)."""
    _ = words(lang)
    return {
        "facilitator_guide": _("Facilitator guide"), "page_of": _("Page {n} of {total}"),
        "page": _("Page {n}"), "easy_read": _("Easy read"), "contents": _("Contents"),
        "organisation": _("Organisation"), "date": _("Date"), "time": _("Time"),
        "venue": _("Venue"), "audience": _("Audience"), "facilitators": _("Facilitators"),
        "participants": _("Participants"), "deck": _("Deck"),
        "times": _("{start} to {end} ({total} minutes, slot {slot} minutes)"),
        "deck_slides": _("{name} ({n} slides)"), "session_plan": _("Session plan"),
        "minutes": _("Minutes"), "what_happens": _("What happens"), "slides": _("Slides"),
        "materials": _("Materials"), "materials_checklist": _("Materials checklist"),
        "needs": _("Everything the session needs."),
        "needs_counted": _("Everything the session needs, counted for {n} participants."),
        "item": _("Item"), "how_many": _("How many"), "where_used": _("Where it is used"),
        "no_materials": _("The modules name no materials."),
        "room_checklist": _("Room and access checklist"), "from_to": _("{start} to {end}"),
        "n_minutes": _("{n} minutes"), "slide_range": _("Slides {numbers}"),
        "objectives": _("Objectives"), "key_messages": _("Key messages"),
        "slides_notes": _("Slides and notes"), "activity_title": _("Activity: {title}"),
        "activity_label": _("Activity:"), "title_min": _("{title} ({n} min)"),
        "slide_n": _("Slide {n}"), "no_notes": _("(no notes)"),
        "on_the_slide": _("On the slide"), "steps": _("Steps"),
        "debrief": _("Debrief questions"), "tip_for": _("Tip for {audience}"),
        "notes": _("Notes"), "spaces_diagram": _("The spaces diagram:"),
        "hard_words": _("Hard words"),
        "hard_words_lead": _("These are the hard words in this easy read."),
    }


def guide_data(tp: TailoredPack, also_in: tuple[str, ...] | None = None) -> Data:
    """Return everything ``guide.typ`` lays out: cover facts, plan, checklists, modules, and
    the other language versions (``also_in``, tags; else the pack's own)."""
    pack, table = tp.pack, tp.timetable
    others = languages.other_versions(tp) if also_in is None else also_in
    statements = [{"text": s.text, "lang": _lang(s.lang)} for s in guide.also_in(tp, others)]
    blocks = PrintData(tp.project.spaces, tp.project.theme, tp.language)
    return {
        **common(tp, document_title(tp)),
        "pack": {"id": pack.id, "title": pack.title, "organisation": pack.organisation,
                 "venue": pack.venue, "date": date_long(tp), "participants": pack.participants,
                 "audience": audience_name(tp, pack.audience),
                 "facilitators": join_names(pack.facilitators, tp.language)},
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
        **({"also_in": statements} if statements else {}),
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
            "materials": [{"name": m.name, "rule": guide.material_rule(m, lang=tp.language)}
                          for m in a.materials],
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
            "items": list(row.items), "explained": [_word(e) for e in row.explained],
            "lang": _lang(row.lang) if row.lang else None}


def _lang(tag: str) -> Data:
    """Return a language tag as the print engine takes it: language and region."""
    return {"tag": tag, "language": language_of(tag), "region": region_of(tag) or None}


def _word(entry: GlossaryEntry) -> Data:
    return {"term": entry.term, "explanation": entry.explanation,
            "picture": _picture(entry.image)}


def _picture(image: Image | None) -> Data | None:
    return picture(image) if image is not None else None
