"""What the easy-read handout shows, in reading order, for the HTML template and the DOCX writer."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packgen.model import GlossaryEntry, Image, Loc, Span, Text
from packgen.paths import resolve_in_project
from packgen.translations import N_, words
from packgen.views import languages
from packgen.wording import clock_easy_read, date_long, glossary_matches, join_names

if TYPE_CHECKING:
    from packgen.model import Pack, Project, TailoredPack, Timetable


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of row text; bold for a hard word at first use (or bold in the content)."""

    text: str
    bold: bool = False
    styles: tuple[str, ...] = ()
    """The other inline styles of the text, by name: ``strike``, ``sub``, ``sup``,
    ``smallcaps``, ``underline``, ``mark`` (``PIECE_STYLES``)."""
    math: str = ""
    """``inline`` or ``display`` for an equation (``text`` is then its TeX)."""


PIECE_STYLES = ("strike", "sub", "sup", "smallcaps", "underline", "mark")
"""The ``Span`` styles a handout piece carries besides bold, in the order writers wrap them."""


@dataclass(frozen=True, slots=True)
class RowView:
    """One row of the handout: picture left, sentences right, hard words explained below."""

    lines: tuple[tuple[Piece, ...], ...]
    picture: Image | None = None
    explained: tuple[GlossaryEntry, ...] = ()
    items: tuple[str, ...] = ()
    """A short bulleted list under the sentences (for example the access arrangements)."""
    lang: str = ""
    """The tag of the row's language when it is not the handout's (the sentence saying the
    handout is also in Welsh, in Welsh); empty for the handout's own language."""


@dataclass(frozen=True, slots=True)
class SectionView:
    """A titled run of rows: "About this workshop", one per module, the end page parts."""

    title: str
    rows: tuple[RowView, ...]
    id: str


@dataclass(frozen=True, slots=True)
class HandoutView:
    """Everything the HTML template and the DOCX writer show, in reading order."""

    title: str
    date: str
    place: str
    organisation: str
    cover: Image | None
    sections: tuple[SectionView, ...]
    hard_words: tuple[GlossaryEntry, ...]
    ending: tuple[SectionView, ...]
    language: str

    @property
    def pictures(self) -> list[Image]:
        """Return every picture shown, cover first."""
        rows = [r for s in (*self.sections, *self.ending) for r in s.rows]
        found = [self.cover] + [r.picture for r in rows] + [e.image for e in self.hard_words]
        return [p for p in found if p is not None]


def handout_view(tp: TailoredPack, also_in: tuple[str, ...] = ()) -> HandoutView:
    """Build the handout's content: cover, details, module rows, hard words, end page.

    ``also_in`` names the languages (tags) the handout is also built in: the end page says
    so, under "Other formats"."""
    pack = tp.pack
    marker = _FirstUse(tp.project.glossary)
    modules = tuple(SectionView(m.title, tuple(marker.row(r.sentences, r.image)
                                               for r in m.easy_read), m.id)
                    for m in tp.modules if m.easy_read)
    sections = (about_section(tp), *modules)
    view = HandoutView(pack.title, date_long(pack.date, tp.language), pack.venue, pack.organisation,
                       _cover(tp), sections, tuple(marker.used), (), tp.language)
    return dataclasses.replace(view, ending=ending_sections(tp, view.pictures, also_in))


class _FirstUse:
    """Mark glossary words bold the first time the handout uses them."""

    def __init__(self, glossary: tuple[GlossaryEntry, ...]) -> None:
        self.glossary = glossary
        self.used: list[GlossaryEntry] = []

    def row(self, lines: tuple[Text, ...], picture: Image | None) -> RowView:
        """Return a row whose new glossary words are bold and explained under it."""
        before = len(self.used)
        pieces = tuple(tuple(p for span in line for p in self._span_pieces(span))
                       for line in lines)
        return RowView(pieces, picture, tuple(self.used[before:]))

    def _span_pieces(self, span: Span) -> list[Piece]:
        if span.math:
            return [Piece(span.text, math=span.math)]
        return self.pieces(span.text, span.bold,
                           tuple(n for n in PIECE_STYLES if getattr(span, n)))

    def pieces(self, text: str, bold: bool, styles: tuple[str, ...] = ()) -> list[Piece]:
        """Return ``text`` cut into pieces, glossary words used for the first time bold."""
        out, at = [], 0
        for match in glossary_matches(text, self.glossary):
            if match.entry in self.used:
                continue
            self.used.append(match.entry)
            out += [Piece(text[at:match.start], bold, styles),
                    Piece(text[match.start:match.end], True, styles)]
            at = match.end
        return [p for p in (*out, Piece(text[at:], bold, styles)) if p.text]


def about_section(tp: TailoredPack) -> SectionView:
    """Return "About this workshop": the pack's details written as easy read."""
    pictures = _DetailPictures(tp)
    rows = tuple(RowView(tuple((Piece(s),) for s in d.sentences), pictures.get(d.topic),
                         items=d.items) for d in pack_details(tp.pack, tp.timetable))
    _ = words(tp.language)
    return SectionView(_("About this workshop"), rows, "about")


def ending_sections(tp: TailoredPack, shown: list[Image],
                    also_in: tuple[str, ...] = ()) -> tuple[SectionView, ...]:
    """Return the end page: who to contact, other formats (and languages), who checked it,
    picture credits."""
    pack, pictures, _ = tp.pack, _DetailPictures(tp), words(tp.language)
    who = pack.contact.get("name") or pack.organisation
    contact = tuple(RowView(((Piece(d.sentences[0]),),), pictures.get(d.topic))
                    for d in contact_details(pack))
    formats = _plain_row(_("You can get this easy read on paper."),
                         _("You can also get it as a web page or a Word document."),
                         _("Ask {who} if you need it in another way.", who=who))
    sections = [SectionView(_("Who to contact"), contact, "contact"),
                SectionView(_("Other formats"), (_pictured(formats, pictures.get("formats")),
                                                 *_language_rows(tp.language, also_in)),
                            "formats")]
    checked = [_("{name} checked this easy read.", name=pack.checked_by)] if pack.checked_by \
        else []
    checked += [s.text for s in languages.unchecked(tp)]
    if checked:
        sections.append(SectionView(_("Who checked this easy read"), (_plain_row(*checked),),
                                    "checked"))
    credits = credit_lines(tp.project.credits, shown)
    if credits:
        sections.append(SectionView(_("Picture credits"), (_plain_row(*credits),), "credits"))
    return tuple(s for s in sections if s.rows)


def credit_lines(credits: Iterable[object], shown: list[Image]) -> list[str]:
    """Return the attributions that the licences of the pictures shown ask for, once each.

    Each credit names its picture (``src``, project-relative) and its ``attribution`` text
    (empty when the licence asks for none).
    """
    used = {p.src for p in shown}
    return list(dict.fromkeys(getattr(c, "attribution", "") for c in credits
                              if getattr(c, "src", None) in used and getattr(c, "attribution", "")))


DETAIL_PICTURES = {
    "date": ("date.png", N_("A calendar")), "time": ("time.png", N_("A clock")),
    "place": ("place.png", N_("A pin that marks a place on a map")),
    "people": ("staff.png", N_("A member of staff with some papers")),
    "break": ("break.png", N_("A cup of tea")),
    "access": ("access.png", N_("A person in a wheelchair")),
    "phone": ("phone.png", N_("A telephone")),
    "email": ("email.png", N_("An envelope with the letter E")),
    "address": ("home.png", N_("A house")),
    "formats": ("formats.png", N_("A sheet of paper and a laptop")),
}
"""Topic of a detail row to the picture used when ``content/images`` has it, and its alt text
(the alt text the content gives the same picture wins, so one picture reads the same)."""


class _DetailPictures:
    """Find the project's pictures for the pack's detail rows (date, time, place, ...)."""

    def __init__(self, tp: TailoredPack) -> None:
        self.root = tp.project.root
        self.alts = picture_alts(tp.project)
        self.words = words(tp.language)

    def get(self, topic: str) -> Image | None:
        """Return the picture for ``topic``, or None when the project has none."""
        if topic not in DETAIL_PICTURES:
            return None
        name, alt = DETAIL_PICTURES[topic]
        images = self.root / "content" / "images"
        if not (images / name).is_file():
            return None
        src = resolve_in_project(self.root, images, name, f"content/images/{name}", None)
        return Image(src, self.alts.get(src) or self.words(alt), Loc(src))


def picture_alts(project: Project) -> dict[str, str]:
    """Return each picture's alt text as the project's easy-read rows and glossary give it
    (every module's, whichever pack is built: one picture reads the same everywhere)."""
    images = [r.image for m in project.modules.values() for r in m.easy_read]
    images += [e.image for e in project.glossary]
    return {i.src: i.alt for i in images if i is not None and i.alt}


def _language_rows(lang: str, others: tuple[str, ...]) -> tuple[RowView, ...]:
    """Return a row per sentence saying the handout is also in another language."""
    return tuple(RowView(((Piece(s.text),),), lang="" if s.lang == lang else s.lang)
                 for s in languages.also_in(lang, others, "easy-read"))


def _plain_row(*sentences: str) -> RowView:
    return RowView(tuple((Piece(s),) for s in sentences))


def _pictured(row: RowView, picture: Image | None) -> RowView:
    return dataclasses.replace(row, picture=picture)


def _cover(tp: TailoredPack) -> Image | None:
    if tp.pack.cover:
        return tp.pack.cover
    rows = [r for m in tp.modules for r in m.easy_read if r.image]
    return rows[0].image if rows else None


def document_title(view: HandoutView) -> str:
    """Return the title every format carries: the pack title, marked as easy read."""
    _ = words(view.language)
    return _("{title}: easy read", title=view.title)


@dataclass(frozen=True, slots=True)
class Detail:
    """One easy-read row about the pack: what it is about (for its picture) and its words."""

    topic: str
    """``date``, ``time``, ``place``, ``people``, ``break``, ``access``, ``phone``, ..."""
    sentences: tuple[str, ...]
    items: tuple[str, ...] = ()


def pack_details(pack: Pack, timetable: Timetable) -> list[Detail]:
    """Return the pack's details written as easy read: dates in full, 12-hour clock."""
    lang = pack.language
    _ = words(lang)
    details = [Detail("date", (_("The workshop is on {date}.",
                                 date=date_long(pack.date, lang)),)),
               Detail("time", (_("It starts at {time}.",
                                 time=clock_easy_read(timetable.start, lang)),
                               _("It ends at {time}.", time=clock_easy_read(timetable.end, lang)))),
               Detail("place", (_("The workshop is at {venue}.", venue=pack.venue),))]
    if pack.facilitators:
        details.append(Detail("people", (_("{names} will run the workshop.",
                                           names=join_names(pack.facilitators, lang)),)))
    breaks = [_("There is a break at {time}.", time=clock_easy_read(e.start, lang))
              for e in timetable.entries if e.kind == "break"]
    details += [Detail("break", tuple(breaks[i:i + 3])) for i in range(0, len(breaks), 3)]
    if pack.access:
        details.append(Detail("access", (_("The venue has these things to help you."),),
                              tuple(pack.access)))
    return details


def contact_details(pack: Pack) -> list[Detail]:
    """Return how to get in touch, written as easy read, from the pack's ``contact``."""
    who = pack.contact.get("name") or pack.organisation
    _ = words(pack.language)
    phrases = {"phone": N_("You can phone {who} on {value}."),
               "email": N_("You can email {value}."),
               "address": N_("You can write to {value}."), "website": N_("Our website is {value}.")}
    return [Detail(key, (_(phrase, who=who, value=pack.contact[key]),))
            for key, phrase in phrases.items() if pack.contact.get(key)]
