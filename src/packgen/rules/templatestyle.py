"""Template style rules: text sizes (PG403), contrast (PG404) and document language (PG405)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from lxml import etree

from packgen.colours import blend, contrast_ratio, parse_hex, to_hex
from packgen.errors import Diagnostic, info, warning
from packgen.model import Theme
from packgen.rules.ooxml.package import (
    Fill,
    colour,
    fill,
    first,
    over,
    rgb,
    style_fill,
    xpath,
)
from packgen.rules.ooxml.templatedoc import LayoutDoc, TemplateDoc, drawn_shapes, text_shapes
from packgen.rules.ooxml.textstyle import font_scale, master_placeholder, ph_type, role, text_level

MINIMUM_PT = {"title": 36.0, "body": 24.0, "footer": 18.0}
"""Smallest text size per placeholder role, after shrink-to-fit (easy-read rule 28)."""
LEVELS = {"title": (1,), "body": (1, 2), "footer": (1,)}
"""Outline levels checked per role: packgen writes bullets and one nested level."""
WHITE: Fill = Fill(((255.0, 255.0, 255.0, 1.0),))
THEME_PAIRS = (("text", "background"), ("text", "surface"), ("accent", "background"),
               ("accent_text", "accent"), ("muted", "background"))
"""Theme colours (text, then what it sits on) that every output draws together."""


def text_sizes(layouts: Sequence[LayoutDoc], display: str) -> list[Diagnostic]:
    """Return PG403 for text smaller than its minimum, grouped by where the size is set."""
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for layout in layouts:
        for sp in text_shapes(layout):
            kind = role(ph_type(sp))
            chain = layout.chain(sp)
            scale = font_scale(chain)
            for level in LEVELS[kind]:
                props = text_level(chain, level)
                if props.size * scale < MINIMUM_PT[kind]:
                    key = (kind, level, props.size, scale, _source(props.size_from, layout))
                    groups[key].append(layout.name)
    return [warning(_size_message(key, names), display, None, "PG403")
            for key, names in groups.items()]


def text_contrast(layouts: Sequence[LayoutDoc], display: str, minimum: float
                  ) -> list[Diagnostic]:
    """Return PG404 for text colours under ``minimum`` against what is behind them."""
    groups: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    unknown: dict[str, list[str]] = defaultdict(list)
    for layout in layouts:
        for sp in text_shapes(layout):
            kind = role(ph_type(sp))
            text = _text_colour(layout, sp)
            behind = backdrop(layout, sp)
            if behind.unknown:
                unknown[behind.unknown].append(f"{layout.name}: {kind}")
                continue
            ratio, back = _worst(text, behind)
            if ratio < minimum:
                groups[(kind, to_hex(text[:3]), back, f"{ratio:.2f}")].append(layout.name)
    found = [warning(_contrast_message(key, names, minimum), display, None, "PG404")
             for key, names in groups.items()]
    found += [info(f"contrast not checked where text sits on {what} "
                   f"({_short(list(dict.fromkeys(where)))}): check it by eye", display, None,
                   "PG404") for what, where in unknown.items()]
    return found


def languages(doc: TemplateDoc, display: str, language: str) -> list[Diagnostic]:
    """Return PG405 when masters, layouts, theme or defaults mark text in another language."""
    parts = [("presentation defaults", doc.presentation)]
    parts += [(f"slide master '{name}'", el) for name, el in doc.masters]
    parts += [(f"layout '{lay.name}'", lay.element) for lay in doc.layouts]
    parts += [("theme", theme) for theme in doc.themes]
    wrong: dict[str, int] = defaultdict(int)
    where: list[str] = []
    for label, part in parts:
        tags = [v for v in xpath(part, ".//@lang") if str(v).lower() != language.lower()]
        for tag in tags:
            wrong[str(tag)] += 1
        if tags and label not in where:
            where.append(label)
    if not wrong:
        return []
    langs = ", ".join(sorted(wrong))
    return [warning(
        f"template marks text as {langs}, not {language}, in {sum(wrong.values())} places "
        f"({_short(where, 1)}): set lang=\"{language}\" (Review > Language, in Slide Master "
        "view)", display, None, "PG405")]


def theme_contrast(theme: Theme, minimum: float) -> list[Diagnostic]:
    """Return PG404 for each pair of theme colours drawn on each other below ``minimum``."""
    found = []
    for text, back in THEME_PAIRS:
        if text not in theme.colours or back not in theme.colours:
            continue
        ratio = contrast_ratio(theme.colour(text), theme.colour(back))
        if ratio < minimum:
            found.append(warning(
                f"theme colour {text} ({theme.colour(text)}) on {back} ({theme.colour(back)}) "
                f"has contrast {ratio:.2f}:1; text needs at least {minimum:g}:1",
                theme.source, None, "PG404"))
    return found


def backdrop(layout: LayoutDoc, sp: etree._Element) -> Fill:
    """Return what is really behind a placeholder: its fill, shapes under it, the background."""
    layers = [_own_fill(layout, sp)] + _shapes_under(layout, sp) + [_background(layout)]
    result = WHITE
    for layer in reversed([lay for lay in layers if lay is not None]):
        result = over(layer, result)
    return result


# --- private -----------------------------------------------------------------------------


def _text_colour(layout: LayoutDoc, sp: etree._Element) -> tuple[float, float, float, float]:
    props = text_level(layout.chain(sp), 1)
    found = colour(props.colour, layout.palette) if props.colour is not None else None
    if found is None:
        found = (*parse_hex(layout.palette.scheme_hex("tx1")), 1.0)
    return found


def _worst(text: tuple[float, float, float, float], behind: Fill) -> tuple[float, str]:
    results = []
    for back in behind.colours or WHITE.colours:
        shown = blend(text[:3], text[3], rgb(back))
        results.append((contrast_ratio(shown, rgb(back)), to_hex(rgb(back))))
    return min(results)


def _own_fill(layout: LayoutDoc, sp: etree._Element) -> Fill | None:
    own = fill(first(sp, "p:spPr"), layout.palette)
    if own is None:
        base = master_placeholder(layout.master, ph_type(sp))
        own = fill(first(base, "p:spPr"), layout.palette) if base is not None else None
    return own


def _shapes_under(layout: LayoutDoc, sp: etree._Element) -> list[Fill | None]:
    centre = _centre(layout, sp)
    parts = [layout.element]
    if layout.element.get("showMasterSp", "1") not in ("0", "false"):
        parts.append(layout.master)
    found: list[Fill | None] = []
    for part in parts:
        for shape in reversed(drawn_shapes(part)):
            if centre and _covers(shape, centre):
                found.append(_shape_fill(shape, layout))
    return found


def _shape_fill(shape: etree._Element, layout: LayoutDoc) -> Fill | None:
    if etree.QName(shape).localname == "pic":
        return Fill(unknown="a picture")
    own = fill(first(shape, "p:spPr"), layout.palette)
    return own if own is not None else style_fill(first(shape, "p:style/a:fillRef"),
                                                  layout.palette)


def _background(layout: LayoutDoc) -> Fill:
    for part in (layout.element, layout.master):
        bg = first(part, "p:cSld/p:bg")
        if bg is None:
            continue
        found = fill(first(bg, "p:bgPr"), layout.palette)
        found = found if found is not None else style_fill(first(bg, "p:bgRef"),
                                                           layout.palette)
        if found is not None:
            return found
    return Fill(((*parse_hex(layout.palette.scheme_hex("bg1")), 1.0),))


def _centre(layout: LayoutDoc, sp: etree._Element) -> tuple[float, float] | None:
    info_ = next((i for el, i in layout.placeholders if el is sp), None)
    if info_ is None or not info_.width:
        return None
    return info_.left + info_.width / 2, info_.top + info_.height / 2


def _covers(shape: etree._Element, point: tuple[float, float]) -> bool:
    off = first(shape, "p:spPr/a:xfrm/a:off")
    ext = first(shape, "p:spPr/a:xfrm/a:ext")
    if off is None or ext is None:
        return False
    x, y = int(off.get("x", "0")), int(off.get("y", "0"))
    return x <= point[0] <= x + int(ext.get("cx", "0")) and y <= point[1] <= y + int(
        ext.get("cy", "0"))


def _source(size_from: str, layout: LayoutDoc) -> str:
    return size_from if not size_from.startswith("layout") else f"layout '{layout.name}'"


def _size_message(key: tuple[object, ...], names: list[str]) -> str:
    kind, level, size, scale, source = key
    shown = float(size) * float(scale)  # type: ignore[arg-type]
    shrink = f", {size:g} pt shrunk to {scale:.0%} by shrink-to-fit" if scale != 1 else ""
    what = f"{kind} text" + (f" (level {level})" if kind == "body" else "")
    return (f"{what} is {shown:g} pt{shrink} in {_layouts(names)} (set in {source}); "
            f"{kind} text needs at least {MINIMUM_PT[str(kind)]:g} pt")


def _contrast_message(key: tuple[str, str, str, str], names: list[str], minimum: float) -> str:
    kind, text, back, ratio = key
    return (f"{kind} text {text} on {back} has contrast {ratio}:1 in {_layouts(names)}; "
            f"text needs at least {minimum:g}:1")


def _layouts(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    label = "layout" if len(unique) == 1 else "layouts"
    return f"{label} " + _short([f"'{n}'" for n in unique])


def _short(items: list[str], most: int = 2) -> str:
    if len(items) <= most:
        return ", ".join(items)
    return ", ".join(items[:most]) + f" and {len(items) - most} more"
