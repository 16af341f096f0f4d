"""Keep deck building linear in the slide count: python-pptx's lookups that scan the package.

python-pptx finds a new notes slide's part name by walking every part of the package, clones
every notes-master placeholder onto each notes page, and searches all of the presentation's
relationships before relating each new slide. Each is linear per slide, so a deck with notes
costs the square of its length. The overrides here are per package instance, never global.
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.shapes.placeholder import NotesSlidePlaceholder

from packgen.writers.pptx.oxml.elements import pin_shared_boxes

NOTES_TEMPLATE = "/ppt/notesSlides/notesSlide%d.xml"


def speed_up(prs: Any) -> None:
    """Install the counters on one presentation (before adding slides)."""
    speed_up_notes(prs.part.package)
    speed_up_slides(prs.part)


def speed_up_slides(presentation_part: Any) -> None:
    """Relate each new slide without searching the existing relationships (it is new)."""
    rels = presentation_part.rels
    original = rels.get_or_add

    def get_or_add(reltype: str, target_part: Any) -> str:
        if reltype == RT.SLIDE:
            return rels._add_relationship(reltype, target_part)
        return original(reltype, target_part)

    rels.get_or_add = get_or_add


def speed_up_notes(package: Any) -> None:
    """Make new notes-slide part names O(1) for this one package.

    python-pptx's ``next_partname`` walks every part of the package for each new notes slide,
    which makes a deck with notes quadratic in its slide count. A counter seeded once from the
    existing parts gives the same names.
    """
    original: Callable[[str], PackURI] = package.next_partname
    prefix = NOTES_TEMPLATE.split("%d")[0]
    used = {str(p.partname) for p in package.iter_parts() if str(p.partname).startswith(prefix)}
    counter = [len(used)]

    def next_partname(tmpl: str) -> PackURI:
        if tmpl != NOTES_TEMPLATE:
            return original(tmpl)
        counter[0] += 1
        while NOTES_TEMPLATE % counter[0] in used:
            counter[0] += 1
        return PackURI(NOTES_TEMPLATE % counter[0])

    package.next_partname = next_partname


class SlideAdder:
    """Add slides as ``prs.slides.add_slide`` does, cloning each layout's placeholders once.

    python-pptx clones a layout's placeholders shape by shape for every new slide, and finds
    the next slide id by reading every id in the list. A fresh slide on a given layout always
    gets the same placeholders, so the first slide's are kept and copied onto later ones, and
    slide ids are counted on from the last one given.
    """

    def __init__(self, prs: Any) -> None:
        self._slides = prs.slides
        self._clones: dict[str, list[Any]] = {}
        self._next_id = 0

    def add(self, layout: Any) -> Any:
        """Return a new slide on ``layout``, its layout placeholders in place."""
        key = str(layout.part.partname)
        id_list = self._slides._sldIdLst
        if key not in self._clones:
            slide = self._slides.add_slide(layout)
            pin_shared_boxes(slide, layout)
            self._clones[key] = [copy.deepcopy(el) for el in slide.shapes._spTree.iter_shape_elms()]
            self._next_id = int(id_list[-1].get("id")) + 1
            return slide
        r_id, slide = self._slides.part.add_slide(layout)
        tree = slide.shapes._spTree
        for element in self._clones[key]:
            tree.append(copy.deepcopy(element))
        id_list._add_sldId(id=self._next_id, rId=r_id)
        self._next_id += 1
        return slide


_NOTES_XML = (
    '<p:notes xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>'
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" '
    'noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr>'
    '</p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr>'
    '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr>'
    '</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>'
    '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'
)


def notes_master_of(prs: Any) -> Any:
    """Return the presentation's notes-master part (added from python-pptx's default if none)."""
    return prs.part.notes_master_part


def new_notes_frame(slide: Any, notes_master_part: Any) -> Any:
    """Give ``slide`` a notes page (slide image and notes body) and return its text frame.

    python-pptx clones every notes-master placeholder for each new notes page, and looks up
    the part name by walking the whole package; this builds the same two-placeholder page
    PowerPoint writes, named through ``speed_up_notes``'s counter.
    """
    package = slide.part.package
    part = NotesSlidePart(package.next_partname(NOTES_TEMPLATE), CT.PML_NOTES_SLIDE, package,
                          copy.deepcopy(_notes_page()))
    part.relate_to(notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    notes = part.notes_slide
    body = notes.shapes._spTree.findall(qn("p:sp"))[1]
    return NotesSlidePlaceholder(body, notes.placeholders).text_frame


@lru_cache(maxsize=1)
def _notes_page() -> Any:
    """Return the notes page XML, parsed once (each page is a copy)."""
    return parse_xml(_NOTES_XML)


def save_stored(prs: Any, target: Path) -> None:
    """Write ``prs`` to ``target`` as ``Presentation.save`` does, each member stored as is.

    The same members in the same order; only compression is left out, because the build
    compresses every member of the written file once when it makes the zip reproducible
    (``output.reproducible.normalise_zip``), and compressing here first is work thrown away.
    """
    package = prs.part.package
    writer = PackageWriter(str(target), package._rels, tuple(package.iter_parts()))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, strict_timestamps=False) as archive:
        members = _StoredMembers(archive)
        writer._write_content_types_stream(members)
        writer._write_pkg_rels(members)
        writer._write_parts(members)


class _StoredMembers:
    """The member writer ``PackageWriter`` writes through, storing each member uncompressed."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """Store ``blob`` as the member named by ``pack_uri``."""
        self._archive.writestr(pack_uri.membername, blob)
