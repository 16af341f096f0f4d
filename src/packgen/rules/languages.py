"""Rules about a pack's languages: the record of who checked the Welsh (W6), and the same
layout for a bilingual pack's Welsh and English versions (W1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from packgen.errors import Diagnostic, info, warning
from packgen.model import Image, PlannedSlide, TailoredPack
from packgen.rules.base import Rule, described
from packgen.rules.content import walk

NOT_CHECKED = "PG137"
VERSIONS_DIFFER = "PG138"
SKIPPED = "PG136"

SLIDE_COUNT_TOLERANCE = 0.10
"""How far apart (a share of the larger) a bilingual pack's slide counts may be (W1)."""


def is_welsh(tp: TailoredPack) -> bool:
    """Return True when ``tp`` is a Welsh version (``cy``, ``cy-GB``)."""
    return tp.language.lower().split("-")[0] == "cy"


def language_line(tp: TailoredPack) -> int | None:
    """Return the line of the pack's ``language`` or ``languages`` key."""
    return tp.pack.lines.get("languages", tp.pack.lines.get("language"))


def welsh_not_checked(tp: TailoredPack) -> list[Diagnostic]:
    """Return one info line for a Welsh version whose pack records nobody who checked the
    Welsh (``checked_by_cy``); its end page says so too."""
    if not is_welsh(tp) or tp.pack.checked_by_cy:
        return []
    return [info(f"nobody is recorded as checking the Welsh of pack '{tp.pack.id}': have a "
                 "Welsh speaker check it and write checked_by_cy: their name (until then its "
                 "end page says the Welsh awaits a check)", tp.pack.loc.path,
                 language_line(tp), NOT_CHECKED)]


@dataclass(frozen=True, slots=True)
class Layout:
    """What W1 compares between two versions: how many slides, and the pictures in order."""

    slides: int
    pictures: tuple[str, ...]


def layout(tp: TailoredPack) -> Layout:
    """Return the deck layout of one version: its slide count and the pictures its slides
    show, in order (each picture's file)."""
    return Layout(len(tp.slides), tuple(i.src for s in tp.slides for i in _pictures(s)))


def same_layout(first: Layout, second: Layout) -> list[str]:
    """Return what differs between two versions' layouts (W1): slide counts more than 10 %
    apart, or different pictures or a different order; empty when they match."""
    problems = []
    larger = max(first.slides, second.slides, 1)
    if abs(first.slides - second.slides) / larger > SLIDE_COUNT_TOLERANCE:
        problems.append(f"{first.slides} slides against {second.slides}")
    if first.pictures != second.pictures:
        at = next((i for i, (a, b) in enumerate(zip(first.pictures, second.pictures,
                                                     strict=False)) if a != b),
                  min(len(first.pictures), len(second.pictures)))
        problems.append(f"the pictures differ from picture {at + 1} on "
                        f"({len(first.pictures)} against {len(second.pictures)})")
    return problems


def compare_versions(versions: Sequence[TailoredPack]) -> list[Diagnostic]:
    """Return a warning when a bilingual pack's first version and any other do not have
    the same layout (W1), at the pack's ``languages`` line."""
    found = []
    for other in versions[1:]:
        problems = same_layout(layout(versions[0]), layout(other))
        if problems:
            first = versions[0]
            found.append(warning(
                f"the {first.language} and {other.language} decks of pack '{first.pack.id}' "
                f"do not match: {'; '.join(problems)} (both versions show the same slides and "
                "pictures)", first.pack.loc.path, language_line(first), VERSIONS_DIFFER))
    return found


def _pictures(slide: PlannedSlide) -> list[Image]:
    found = [slide.row.image] if slide.row and slide.row.image else []
    if slide.slide is not None:
        found += [b for b in walk(slide.slide.blocks) if isinstance(b, Image)]
    return found


RULES = [
    *described("packgen.rules.easy_read", [SKIPPED]),
    Rule(NOT_CHECKED, welsh_not_checked),
    *described("packgen.output.building", [VERSIONS_DIFFER]),
    *described("packgen.load.project", ["PG039", "PG134", "PG135"]),
    *described("packgen.load.translations", ["PG040", "PG041", "PG042", "PG043", "PG133",
                                              "PG139"]),
    *described("packgen.load.packs", ["PG036", "PG037", "PG038"]),
]
