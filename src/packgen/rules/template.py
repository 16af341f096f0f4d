"""Deck template rules (PG4xx): layouts, placeholders, text sizes, contrast, language, slides.

``template_report`` is what ``packgen template check`` shows a designer; ``check_pack_template``
runs the same rules for one tailored pack, on the layouts its deck uses.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from packgen import paths
from packgen.colours import AA_NORMAL, EASY_READ
from packgen.errors import Diagnostic, PackgenError, error, info, warning
from packgen.model import PlannedSlide, TailoredPack, Theme
from packgen.model.slide_kinds import DEFAULT_LAYOUTS, KINDS
from packgen.rules import layouts as resolver
from packgen.rules import templatestyle as style
from packgen.rules.base import described
from packgen.rules.ooxml.links import dropped_warnings
from packgen.rules.ooxml.templatedoc import LayoutDoc, PlaceholderInfo, TemplateDoc, read_template
from packgen.rules.template_geometry import check_geometry
from packgen.translations import language_of


@dataclass(frozen=True, slots=True)
class LayoutInfo:
    """One layout of a template, with its placeholders."""

    name: str
    master: str
    placeholders: tuple[PlaceholderInfo, ...]
    master_number: int = 1
    """Which slide master holds it, counted from 1 (masters' names are often empty or alike)."""


@dataclass(frozen=True, slots=True)
class TemplateReport:
    """What a template holds, which slide kinds it can build, and what is wrong with it."""

    path: str
    """The template as diagnostics name it (project-relative, or ``packgen:deck.pptx``)."""
    layouts: tuple[LayoutInfo, ...]
    kinds: tuple[tuple[str, str], ...]
    """Each slide kind the template can build, with the layout it uses."""
    missing: tuple[tuple[str, str], ...]
    """Each slide kind it cannot build, with a few words on why (the finding says more)."""
    slides: int
    diagnostics: tuple[Diagnostic, ...]
    choices: tuple[resolver.Choice, ...] = ()
    """Every slide kind's choice, in ``KINDS`` order: which layout, and how it was chosen."""
    mapping: tuple[tuple[str, str], ...] = ()
    """The theme's ``layouts:`` mapping the choices were made with."""


def template_report(path: Path, theme: Theme, language: str = "en-GB", *,
                    display: str | None = None, min_contrast: float = AA_NORMAL
                    ) -> TemplateReport:
    """Return the layouts, placeholders, buildable kinds and findings of one template.

    ``display`` names the file in diagnostics (default: ``path`` as given). An unreadable or
    unsafe file raises PackgenError.
    """
    shown = display or path.as_posix()
    stat = path.stat()
    return _report(str(path), stat.st_mtime_ns, stat.st_size, shown,
                   tuple(sorted(theme.layouts.items())), language, min_contrast)


def check_template(path: Path, theme: Theme, language: str = "en-GB", *,
                   display: str | None = None, min_contrast: float = AA_NORMAL
                   ) -> list[Diagnostic]:
    """Return the findings of every template rule on one template (all its layouts)."""
    try:
        report = template_report(path, theme, language, display=display,
                                 min_contrast=min_contrast)
    except PackgenError as exc:
        return list(exc.diagnostics)
    return list(report.diagnostics)


def check_pack_template(tp: TailoredPack) -> list[Diagnostic]:
    """Return the template findings for one pack: the layouts and placeholders its deck uses."""
    found = find_template(tp)
    if isinstance(found, Diagnostic):
        return [found, *style.theme_contrast(tp.project.theme, _minimum_contrast(tp))]
    path, shown = found
    try:
        doc = _doc(str(path), path.stat().st_mtime_ns, shown)
    except PackgenError as exc:
        return list(exc.diagnostics)
    planned = tp.slides
    mapping = tp.project.theme.layouts
    choices = resolver.resolve(described_layouts(doc), mapping,
                               dict.fromkeys(p.kind for p in planned))
    diags = dropped_warnings(path, shown) + _pack_layouts(planned, doc, shown, choices)
    names = {c.layout for c in choices.values()}
    names |= {p.slide.layout for p in planned if p.slide and p.slide.layout}
    first: dict[str, LayoutDoc] = {}
    for lay in doc.layouts:
        first.setdefault(lay.name, lay)
    used = [lay for name, lay in first.items() if name in names]
    minimum = _minimum_contrast(tp)
    diags += style.text_sizes(used, shown) + style.text_contrast(used, shown, minimum)
    if language_of(tp.language) == language_of(PACKAGED_LANGUAGE):
        diags += style.languages(doc, shown, tp.language)
    diags += _slides(doc, shown) + check_geometry(doc, used, shown)
    return diags + style.theme_contrast(tp.project.theme, minimum)


def find_template(tp: TailoredPack) -> tuple[Path, str] | Diagnostic:
    """Return the pack's template file and its display name, or the PG400 error finding it."""
    try:
        return paths.deck_template(tp.project.root, tp.pack)
    except PackgenError as exc:
        return exc.diagnostics[0]


def described_layouts(doc: TemplateDoc) -> tuple[resolver.Layout, ...]:
    """Return the template's layouts as the layout resolver sees them, in master order."""
    return tuple(resolver.Layout(lay.name, lay.master_name,
                                 tuple(_slot(i) for i in _infos(lay))) for lay in doc.layouts)


def missing_roles(layout: LayoutDoc | LayoutInfo, kind: str) -> list[str]:
    """Return the placeholder roles a kind needs that the layout lacks (``body`` may repeat)."""
    described = resolver.Layout(layout.name, "", tuple(_slot(i) for i in _infos(layout)))
    return list(resolver.lacking(described, kind))


def describe(report: TemplateReport) -> list[str]:
    """Return the report as lines of text: layouts by master, each kind's layout, the paste block.

    Problems are named only briefly here: the findings (printed after) say them in full.
    """
    masters = dict.fromkeys((lay.master_number, lay.master) for lay in report.layouts)
    plural = "s" if len(masters) != 1 else ""
    head = (f"{report.path}: {len(report.layouts)} layouts in {len(masters)} slide "
            f"master{plural}, {report.slides} slides")
    lines = [head]
    seen: set[str] = set()
    for number, master in masters:
        own = [lay for lay in report.layouts if lay.master_number == number]
        named = f" '{master}'" if master else ""
        hidden = sum(lay.name in seen for lay in own)
        note = f"; {hidden} named like an earlier layout, which packgen uses" if hidden else ""
        seen |= {lay.name for lay in own}
        lines.append(f"Slide master {number}{named} ({len(own)} layouts{note}):")
        for layout in own:
            lines.append(f"  {layout.name or '(unnamed)'}")
            lines += [f"    {p.idx:>3} {p.type:<9} {p.name} ({p.size})"
                      for p in layout.placeholders]
    lines.append("Slide kinds:")
    width = max(len(kind) for kind in KINDS)
    lines += [f"  {c.kind:<{width}}  {_how(c)}" for c in report.choices]
    block = resolver.paste_block({c.kind: c for c in report.choices}, dict(report.mapping))
    if block:
        lines += ["Paste into templates/theme.yaml to pin these choices:", *block]
    return lines


# --- private -----------------------------------------------------------------------------


def _how(choice: resolver.Choice) -> str:
    if choice.layout is None:
        return f"cannot: {choice.reason} [{choice.code}]"
    if choice.matched:
        return f"'{choice.layout}' ({choice.how}: no '{DEFAULT_LAYOUTS[choice.kind]}' layout)"
    return f"'{choice.layout}' ({choice.how})"


def _slot(placeholder: PlaceholderInfo) -> resolver.Slot:
    p = placeholder
    return resolver.Slot(p.type, p.role, p.left, p.top, p.width, p.height)


@lru_cache(maxsize=16)
def _doc(path: str, mtime: int, display: str) -> TemplateDoc:
    return read_template(Path(path), display)


@lru_cache(maxsize=16)
def _report(path: str, mtime: int, size: int, display: str,
            overrides: tuple[tuple[str, str], ...], language: str, minimum: float
            ) -> TemplateReport:
    doc = _doc(path, mtime, display)
    choices = resolver.resolve(described_layouts(doc), dict(overrides))
    kinds = [(c.kind, c.layout) for c in choices.values() if c.layout is not None]
    missing = [(c.kind, c.reason) for c in choices.values() if c.layout is None]
    diags = dropped_warnings(Path(path), display) + _choice_findings(choices.values(), display)
    diags += style.text_sizes(doc.layouts, display)
    diags += style.text_contrast(doc.layouts, display, minimum)
    diags += style.languages(doc, display, language) + _slides(doc, display)
    diags += check_geometry(doc, doc.layouts, display)
    numbers = {id(el): n for n, (_, el) in enumerate(doc.masters, 1)}
    infos = tuple(LayoutInfo(lay.name, lay.master_name, tuple(i for _, i in lay.placeholders),
                             numbers.get(id(lay.master), 1)) for lay in doc.layouts)
    return TemplateReport(display, infos, tuple(kinds), tuple(missing), doc.slide_count,
                          tuple(diags), tuple(choices.values()), overrides)


def _choice_findings(choices: Collection[resolver.Choice], shown: str) -> list[Diagnostic]:
    """Return an error per kind without a layout, then the infos on matched layouts."""
    diags = [error(c.problem, shown, None, c.code) for c in choices if c.layout is None]
    diags += _fallback_infos(resolver.borrowed(choices), shown)
    matched = resolver.matched_info(choices)
    if matched:
        diags.append(info(matched, shown, None, LAYOUTS_MATCHED))
    return diags


def _pack_layouts(planned: Sequence[PlannedSlide], doc: TemplateDoc, shown: str,
                  choices: Mapping[str, resolver.Choice]) -> list[Diagnostic]:
    diags = _choice_findings(list(choices.values()), shown)
    layouts = described_layouts(doc)
    for p in planned:
        if p.slide is None or not p.slide.layout:
            continue
        chosen = resolver.explicit(layouts, p.slide.layout, p.kind)
        if chosen.layout is None:
            diags.append(error(chosen.problem, p.slide.loc.path, p.slide.loc.line, chosen.code))
    return _merge(diags)


def _minimum_contrast(tp: TailoredPack) -> float:
    limits = tp.project.config.thresholds
    if tp.pack.deck_style == "easy-read":
        return float(limits.get("contrast_easy_read", EASY_READ))
    return float(limits.get("contrast", AA_NORMAL))


def _fallback_infos(borrowed: Sequence[resolver.Choice], shown: str) -> list[Diagnostic]:
    """Return one info finding (PG410) per layout statement or break slides borrow."""
    by_layout: dict[str, list[str]] = {}
    for choice in borrowed:
        by_layout.setdefault(choice.layout or "", []).append(choice.kind)
    return [info(f"template has no {_names(DEFAULT_LAYOUTS[k] for k in kinds)} layout: "
                 f"{' and '.join(kinds)} slides use '{stand_in}' instead (add "
                 f"{'it' if len(kinds) == 1 else 'them'} to design these slides)",
                 shown, None, LAYOUT_FALLBACK)
            for stand_in, kinds in by_layout.items()]


def _names(names: Iterable[str]) -> str:
    return " or ".join(f"'{name}'" for name in names)


def _slides(doc: TemplateDoc, shown: str) -> list[Diagnostic]:
    if not doc.slide_count:
        return []
    return [warning(f"template holds {doc.slide_count} sample slides: packgen leaves them out "
                      "of every deck (delete them from the template to silence this)", shown,
                    None, "PG406")]


def _infos(layout: LayoutDoc | LayoutInfo) -> list[PlaceholderInfo]:
    if isinstance(layout, LayoutInfo):
        return list(layout.placeholders)
    return [info for _, info in layout.placeholders]


def _merge(diags: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diags))


PACKAGED_LANGUAGE = "en-GB"
"""The language packgen's own deck template marks its text in. Only English packs check the
template's language marks (PG405): a designer's template is English, and the deck writer
marks every part of a Welsh deck as Welsh whatever the template says; the project's English
packs still catch a template marked en-US."""
LAYOUT_FALLBACK = "PG410"
LAYOUTS_MATCHED = "PG411"

RULES = described("packgen.rules.template", [
    "PG400", "PG401", "PG402", "PG403", "PG404", "PG405", "PG406", "PG407", "PG408", "PG409",
    LAYOUT_FALLBACK, LAYOUTS_MATCHED, resolver.AMBIGUOUS])
"""The template rules, in code order."""

