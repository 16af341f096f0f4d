"""Deck template rules (PG4xx): layouts, placeholders, text sizes, contrast, language, slides.

``template_report`` is what ``packgen template check`` shows a designer; ``check_pack_template``
runs the same rules for one tailored pack, on the layouts its deck uses.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from packgen import paths
from packgen.colours import AA_NORMAL, EASY_READ
from packgen.errors import Diagnostic, PackgenError, error, info, warning
from packgen.model import PlannedSlide, TailoredPack, Theme, slide_kinds
from packgen.model.slide_kinds import DEFAULT_LAYOUTS, KINDS
from packgen.rules import templatestyle as style
from packgen.rules.base import described
from packgen.rules.ooxml.links import dropped_warnings
from packgen.rules.ooxml.templatedoc import LayoutDoc, PlaceholderInfo, TemplateDoc, read_template
from packgen.rules.template_geometry import check_geometry
from packgen.wording import closest


@dataclass(frozen=True, slots=True)
class LayoutInfo:
    """One layout of a template, with its placeholders."""

    name: str
    master: str
    placeholders: tuple[PlaceholderInfo, ...]


@dataclass(frozen=True, slots=True)
class TemplateReport:
    """What a template holds, which slide kinds it can build, and what is wrong with it."""

    path: str
    """The template as diagnostics name it (project-relative, or ``packgen:deck.pptx``)."""
    layouts: tuple[LayoutInfo, ...]
    kinds: tuple[tuple[str, str], ...]
    """Each slide kind the template can build, with the layout it uses."""
    missing: tuple[tuple[str, str], ...]
    """Each slide kind it cannot build, with what is missing."""
    slides: int
    diagnostics: tuple[Diagnostic, ...]


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
    layouts = tp.project.theme.layouts
    planned = tp.slides
    diags = dropped_warnings(path, shown) + _pack_layouts(planned, doc, shown, layouts)
    names = set(_used_names(planned, layouts))
    names |= {fallback_for(doc, p.kind, layouts) or "" for p in planned}
    used = [lay for lay in doc.layouts if lay.name in names]
    minimum = _minimum_contrast(tp)
    diags += style.text_sizes(used, shown) + style.text_contrast(used, shown, minimum)
    diags += style.languages(doc, shown, tp.language) + _slides(doc, shown)
    diags += check_geometry(doc, used, shown)
    return diags + style.theme_contrast(tp.project.theme, minimum)


def find_template(tp: TailoredPack) -> tuple[Path, str] | Diagnostic:
    """Return the pack's template file and its display name, or the PG400 error finding it."""
    try:
        return paths.deck_template(tp.project.root, tp.pack)
    except PackgenError as exc:
        return exc.diagnostics[0]


def layout_for(kind: str, overrides: Mapping[str, str]) -> str:
    """Return the layout name a slide kind uses, after ``theme.yaml`` overrides."""
    return overrides.get(kind, DEFAULT_LAYOUTS[kind])


def missing_roles(layout: LayoutDoc | LayoutInfo, kind: str) -> list[str]:
    """Return the placeholder roles a kind needs that the layout lacks (``body`` may repeat)."""
    return list(slide_kinds.missing_roles(kind, (info.type for info in _infos(layout))))


def describe(report: TemplateReport) -> list[str]:
    """Return the report as lines of text: layouts, placeholders, kinds it can and cannot build."""
    lines = [f"{report.path}: {len(report.layouts)} layouts, {report.slides} slides"]
    for layout in report.layouts:
        lines.append(f"  {layout.name}")
        lines += [f"    {p.idx:>3} {p.type:<9} {p.name} ({p.size})" for p in layout.placeholders]
    lines.append("Slide kinds it can build: "
                 + (", ".join(f"{k} ({lay})" for k, lay in report.kinds) or "none"))
    lines += [f"Cannot build {kind}: {why}" for kind, why in report.missing]
    return lines


# --- private -----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _doc(path: str, mtime: int, display: str) -> TemplateDoc:
    return read_template(Path(path), display)


@lru_cache(maxsize=16)
def _report(path: str, mtime: int, size: int, display: str,
            overrides: tuple[tuple[str, str], ...], language: str, minimum: float
            ) -> TemplateReport:
    doc = _doc(path, mtime, display)
    layouts = dict(overrides)
    kinds, missing, diags = [], [], []
    for kind in KINDS:
        problem = _kind_problem(doc, kind, layouts)
        if problem is None:
            kinds.append((kind, _shown_layout(doc, kind, layouts)))
        else:
            missing.append((kind, problem[1]))
            diags.append(error(problem[1], display, None, problem[0]))
    diags = dropped_warnings(Path(path), display) + _merge(diags)
    diags += _fallback_infos(doc, KINDS, layouts, display)
    diags += style.text_sizes(doc.layouts, display)
    diags += style.text_contrast(doc.layouts, display, minimum)
    diags += style.languages(doc, display, language) + _slides(doc, display)
    diags += check_geometry(doc, doc.layouts, display)
    infos = tuple(LayoutInfo(lay.name, lay.master_name, tuple(i for _, i in lay.placeholders))
                  for lay in doc.layouts)
    return TemplateReport(display, infos, tuple(kinds), tuple(missing), doc.slide_count,
                          tuple(diags))


def fallback_for(doc: TemplateDoc, kind: str, overrides: Mapping[str, str]) -> str | None:
    """Return the layout a kind borrows in this template (its default one is missing), or None."""
    name = layout_for(kind, overrides)
    if doc.layout(name) is not None or name != DEFAULT_LAYOUTS[kind]:
        return None
    return slide_kinds.fallback_layout(kind, [lay.name for lay in doc.layouts])


def _kind_problem(doc: TemplateDoc, kind: str, overrides: Mapping[str, str]
                  ) -> tuple[str, str] | None:
    name = fallback_for(doc, kind, overrides) or layout_for(kind, overrides)
    layout = doc.layout(name)
    if layout is None:
        return "PG401", _no_layout(doc, name, kind)
    lacking = missing_roles(layout, kind)
    if lacking:
        return "PG402", _no_placeholder(layout, kind, lacking)
    return None


def _pack_layouts(planned: Sequence[PlannedSlide], doc: TemplateDoc, shown: str,
                  overrides: Mapping[str, str]) -> list[Diagnostic]:
    diags = []
    kinds = tuple(dict.fromkeys(p.kind for p in planned))
    for kind in kinds:
        problem = _kind_problem(doc, kind, overrides)
        if problem:
            diags.append(error(problem[1], shown, None, problem[0]))
    diags += _fallback_infos(doc, kinds, overrides, shown)
    for p in planned:
        if p.slide is None or not p.slide.layout:
            continue
        chosen = doc.layout(p.slide.layout)
        loc = p.slide.loc
        if chosen is None:
            diags.append(error(_no_layout(doc, p.slide.layout, p.kind), loc.path, loc.line,
                               "PG401"))
        elif missing_roles(chosen, p.kind):
            diags.append(error(_no_placeholder(chosen, p.kind, missing_roles(chosen, p.kind)),
                               loc.path, loc.line, "PG402"))
    return _merge(diags)


def _used_names(planned: Sequence[PlannedSlide], overrides: Mapping[str, str]
                ) -> Collection[str]:
    names = {layout_for(p.kind, overrides) for p in planned}
    return names | {p.slide.layout for p in planned if p.slide and p.slide.layout}


def _minimum_contrast(tp: TailoredPack) -> float:
    limits = tp.project.config.thresholds
    if tp.pack.deck_style == "easy-read":
        return float(limits.get("contrast_easy_read", EASY_READ))
    return float(limits.get("contrast", AA_NORMAL))


def _shown_layout(doc: TemplateDoc, kind: str, overrides: Mapping[str, str]) -> str:
    borrowed = fallback_for(doc, kind, overrides)
    return f"{borrowed}, standing in for '{layout_for(kind, overrides)}'" if borrowed else \
        layout_for(kind, overrides)


def _fallback_infos(doc: TemplateDoc, kinds: Sequence[str], overrides: Mapping[str, str],
                    shown: str) -> list[Diagnostic]:
    """Return one info finding (PG410) per missing layout a kind borrows another for."""
    borrowed: dict[tuple[str, str], list[str]] = {}
    for kind in kinds:
        stand_in = fallback_for(doc, kind, overrides)
        if stand_in is not None:
            borrowed.setdefault((layout_for(kind, overrides), stand_in), []).append(kind)
    return [info(f"template has no layout '{missing}' for {' and '.join(used)} slides: using "
                 f"'{stand_in}' instead (add a layout named '{missing}' to design them)",
                 shown, None, LAYOUT_FALLBACK)
            for (missing, stand_in), used in borrowed.items()]


def _slides(doc: TemplateDoc, shown: str) -> list[Diagnostic]:
    if not doc.slide_count:
        return []
    return [warning(f"template holds {doc.slide_count} sample slides: packgen leaves them out "
                      "of every deck (delete them from the template to silence this)", shown,
                    None, "PG406")]


def _no_layout(doc: TemplateDoc, name: str, kind: str) -> str:
    names = [lay.name for lay in doc.layouts]
    close = closest(name, names)
    hint = f" (did you mean '{close}'?)" if close else ""
    return (f"template has no layout '{name}' for {kind} slides{hint}; it has: "
            + ", ".join(f"'{n}'" for n in names))


def _no_placeholder(layout: LayoutDoc, kind: str, lacking: list[str]) -> str:
    have = ", ".join(f"{i.type} '{i.name}'" for _, i in layout.placeholders) or "none"
    need = " and ".join(f"a {r}" for r in lacking)
    return (f"layout '{layout.name}' lacks {need} placeholder for {kind} slides; "
            f"its placeholders: {have}")


def _infos(layout: LayoutDoc | LayoutInfo) -> list[PlaceholderInfo]:
    if isinstance(layout, LayoutInfo):
        return list(layout.placeholders)
    return [info for _, info in layout.placeholders]


def _merge(diags: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diags))


LAYOUT_FALLBACK = "PG410"

RULES = described("packgen.rules.template", [
    "PG400", "PG401", "PG402", "PG403", "PG404", "PG405", "PG406", "PG407", "PG408", "PG409",
    LAYOUT_FALLBACK])
"""The template rules, in code order."""

