"""The easy-read handout: one picture-left row per idea, written as HTML, PDF and DOCX."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from markupsafe import Markup

from packgen import easyread_words as ew
from packgen import templating
from packgen.builders import Output, output_name
from packgen.easyread import check_pack, glossary_matches
from packgen.errors import PackgenError
from packgen.model import GlossaryEntry, Image, Text

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.model import TailoredPack

MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
        ".svg": "image/svg+xml", ".webp": "image/webp", ".ttf": "font/ttf", ".otf": "font/otf"}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of row text; bold for a hard word at first use (or bold in the content)."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class RowView:
    """One row of the handout: picture left, sentences right, hard words explained below."""

    lines: tuple[tuple[Piece, ...], ...]
    picture: Image | None = None
    explained: tuple[GlossaryEntry, ...] = ()
    items: tuple[str, ...] = ()
    """A short bulleted list under the sentences (for example the access arrangements)."""


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


class HandoutBuilder:
    """Write ``<pack>-easy-read.html``, ``.pdf`` and ``.docx``."""

    name: ClassVar[str] = "handout"
    formats: ClassVar[tuple[str, ...]] = ("pdf", "html", "docx")

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Check the easy-read rules, then write each format of the handout into ``out_dir``."""
        seen = set(report.items)
        report.extend([d for d in check_pack(tp) if d not in seen])
        view = handout_view(tp)
        html = render_html(tp, view)
        outputs = []
        for fmt in self.formats:
            path = out_dir / output_name(tp.pack.id, self.name, fmt)
            WRITERS[fmt](tp, view, html, path)
            outputs.append(Output(self.name, fmt, path))
        return outputs


# --- the view ----------------------------------------------------------------------------


def handout_view(tp: TailoredPack) -> HandoutView:
    """Build the handout's content: cover, details, module rows, hard words, end page."""
    pack = tp.pack
    marker = _FirstUse(tp.project.glossary)
    modules = tuple(SectionView(m.title, tuple(marker.row(r.sentences, r.image)
                                               for r in m.easy_read), m.id)
                    for m in tp.modules if m.easy_read)
    return HandoutView(pack.title, ew.date_in_full(pack.date), pack.venue, pack.organisation,
                       _cover(tp), (about_section(tp), *modules), tuple(marker.used),
                       ending_sections(tp), tp.language)


class _FirstUse:
    """Mark glossary words bold the first time the handout uses them."""

    def __init__(self, glossary: tuple[GlossaryEntry, ...]) -> None:
        self.glossary = glossary
        self.used: list[GlossaryEntry] = []

    def row(self, lines: tuple[Text, ...], picture: Image | None) -> RowView:
        """Return a row whose new glossary words are bold and explained under it."""
        before = len(self.used)
        pieces = tuple(tuple(p for span in line for p in self.pieces(span.text, span.bold))
                       for line in lines)
        return RowView(pieces, picture, tuple(self.used[before:]))

    def pieces(self, text: str, bold: bool) -> list[Piece]:
        """Return ``text`` cut into pieces, glossary words used for the first time bold."""
        out, at = [], 0
        for match in glossary_matches(text, self.glossary):
            if match.entry in self.used:
                continue
            self.used.append(match.entry)
            out += [Piece(text[at:match.start], bold), Piece(text[match.start:match.end], True)]
            at = match.end
        return [p for p in (*out, Piece(text[at:], bold)) if p.text]


def about_section(tp: TailoredPack) -> SectionView:
    """Return "About this workshop": the pack's details written as easy read."""
    pack, table = tp.pack, tp.timetable
    rows = [_plain_row(f"The workshop is on {ew.date_in_full(pack.date)}."),
            _plain_row(f"It starts at {ew.clock_time(table.start)}.",
                       f"It ends at {ew.clock_time(table.end)}."),
            _plain_row(f"The workshop is at {pack.venue}.")]
    if pack.facilitators:
        rows.append(_plain_row(f"{ew.join_names(pack.facilitators)} will run the workshop."))
    breaks = [f"There is a break at {ew.clock_time(e.start)}."
              for e in table.entries if e.kind == "break"]
    rows += [_plain_row(*breaks[i:i + 3]) for i in range(0, len(breaks), 3)]
    if pack.access:
        rows.append(RowView(((Piece("The venue has these things to help you."),),),
                            items=pack.access))
    return SectionView("About this workshop", tuple(rows), "about")


def ending_sections(tp: TailoredPack) -> tuple[SectionView, ...]:
    """Return the end page: who to contact, other formats, who checked it."""
    pack = tp.pack
    who = pack.contact.get("name") or pack.organisation
    contact = [_plain_row(f"You can phone {who} on {pack.contact['phone']}.")
               if "phone" in pack.contact else None,
               _plain_row(f"You can email {pack.contact['email']}.")
               if "email" in pack.contact else None,
               _plain_row(f"You can write to {pack.contact['address']}.")
               if "address" in pack.contact else None]
    sections = [SectionView("Who to contact", tuple(r for r in contact if r), "contact"),
                SectionView("Other formats", (_plain_row(
                    "This easy read is also a web page and a Word document.",
                    f"Ask {who} if you need it in another way."),), "formats")]
    if pack.checked_by:
        sections.append(SectionView("Who checked this easy read", (_plain_row(
            f"{pack.checked_by} checked this easy read."),), "checked"))
    return tuple(s for s in sections if s.rows)


def _plain_row(*sentences: str) -> RowView:
    return RowView(tuple((Piece(s),) for s in sentences))


def _cover(tp: TailoredPack) -> Image | None:
    if tp.pack.cover:
        return tp.pack.cover
    rows = [r for m in tp.modules for r in m.easy_read if r.image]
    return rows[0].image if rows else None


# --- HTML --------------------------------------------------------------------------------


def render_html(tp: TailoredPack, view: HandoutView) -> str:
    """Return the handout as one self-contained HTML page (pictures and fonts inlined)."""
    env = templating.make_env(templating.template_dirs(tp.project.root))
    inline = _Inliner(tp.project.root)
    theme = tp.project.theme
    css = env.get_template("handout.css").render(
        colours=dict(theme.colours), fonts=font_faces(tp.project.root, theme.fonts))
    return env.get_template("handout.html").render(
        view=view, css=Markup(css), picture_uri=inline.uri, theme=dict(theme.colours))


def font_faces(root: Path, families: Mapping[str, str]) -> list[dict[str, str]]:
    """Return an ``@font-face`` description (family, weight, data URI) for each font file.

    Font files are found in ``templates/fonts`` (the project's first, then packaged) by the
    family name without spaces: ``AtkinsonHyperlegible_700Bold.ttf`` is the bold face.
    """
    faces = []
    for family in dict.fromkeys(families.values()):
        files = _font_files(root, family.replace(" ", ""))
        for weight, path in files.items():
            faces.append({"family": family, "weight": weight, "uri": _data_uri(path)})
    return faces


def _font_files(root: Path, stem: str) -> dict[str, Path]:
    for folder in templating.template_dirs(root):
        found = {("700" if "bold" in p.stem.lower() else "400"): p
                 for p in sorted((folder / "fonts").glob(f"{stem}*.[ot]tf"))
                 if "italic" not in p.stem.lower()}
        if found:
            return found
    return {}


class _Inliner:
    """Turn project pictures into ``data:`` URIs, reading each file once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[str, str] = {}

    def uri(self, picture: Image) -> str:
        """Return the picture's file as a ``data:`` URI."""
        if picture.src not in self.cache:
            self.cache[picture.src] = _data_uri(self.root / picture.src, picture.src)
        return self.cache[picture.src]


def _data_uri(path: Path, shown: str | None = None) -> str:
    mime = MIME.get(path.suffix.lower())
    if mime is None:
        raise PackgenError(f"picture type '{path.suffix}' cannot go in the handout: use PNG "
                           "or JPEG", shown or path.name)
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


# --- writers -----------------------------------------------------------------------------


def _write_html(tp: TailoredPack, view: HandoutView, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")


def _write_pdf(tp: TailoredPack, view: HandoutView, html: str, path: Path) -> None:
    from packgen.pdf import write_pdf

    write_pdf(html, path, base_url=tp.project.root, built=tp.built,
              title=document_title(view), lang=tp.language)


def _write_docx(tp: TailoredPack, view: HandoutView, html: str, path: Path) -> None:
    from packgen.handout_docx import write_docx

    write_docx(view, path, tp.project.root, tp.project.theme, tp.built, document_title(view))


def document_title(view: HandoutView) -> str:
    """Return the title every format carries: the pack title, marked as easy read."""
    return f"{view.title}: easy read"


WRITERS: dict[str, Callable[[TailoredPack, HandoutView, str, Path], None]] = {
    "html": _write_html,
    "pdf": _write_pdf,
    "docx": _write_docx,
}
"""Format to the function writing it."""
