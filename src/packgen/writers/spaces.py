"""Lay out the spaces diagram once, in points, for every format to draw: ovals, overlaps, labels.

Spaces without ``overlaps`` are ovals side by side, each overlapping the next; a space with
``overlaps`` is named inside the overlap (the lens) of the spaces it lists. Each base space is
named inside the part of its oval no other oval covers. Colours come from the theme: each oval
is a tint of its space's colour, and an overlap runs from one space's colour to the other's
(its middle the even mix of both), with both outlines drawn over it. ``easy=True`` gives the easy-read version: the names only, large.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from packgen.colours import blend_hex, contrast_ratio
from packgen.model import Space, Theme
from packgen.rules.fontmetrics import line_factor, text_width
from packgen.translations import SOURCE, words
from packgen.wording import join_names

SPREAD, EASY_SPREAD = 1.4, 1.2
"""Distance between neighbouring ovals' centres, in oval radii (the lens is 0.6 radii wide;
the easy-read version's overlap is wider, for its larger name)."""
ASPECT = 1.35
"""An oval's width over its height, at most."""
TINT, FAINT = 0.2, 0.07
"""Share of a space's colour in its oval's fill (FAINT: not highlighted when others are)."""
OVERLAP_EXTRA = 0.12
"""How much more of each colour the overlap's gradient holds than the ovals' tints."""
STROKE, FAINT_STROKE = 4.0, 1.5
LABEL_HALF = 0.45
"""Half a label's height, in oval half-heights."""
PAD = 0.06
"""Space kept between a label and the edge of its area, in oval radii."""
NAME_PT, HOLDER_PT, MIN_NAME_PT, MIN_HOLDER_PT = 28.0, 20.0, 20.0, 18.0
EASY_NAME_PT = 40.0
LAST_RESORT_PT = 10.0
"""The least size a name takes when its words do not fit its area at ``MIN_NAME_PT``."""
CONTRAST = 4.5


@dataclass(frozen=True, slots=True)
class Oval:
    """One base space's oval: centre, radii, fill, outline colour and width."""

    space: Space
    cx: float
    cy: float
    rx: float
    ry: float
    fill: str
    stroke: str
    stroke_pt: float


@dataclass(frozen=True, slots=True)
class Lens:
    """The overlap of two neighbouring ovals, where a shared space is named."""

    left: int
    """Index of the left oval (the right one is ``left + 1``)."""
    stops: tuple[str, str]
    """A left-to-right gradient from the left space's colour to the right one's, each a
    little stronger than its oval's tint: the overlap reads as both spaces."""
    fill: str
    """The even mix of the two stops (the middle of the gradient), for formats without one."""
    outline: str | None
    """A heavy outline in the text colour when the shared space is highlighted."""


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a label, already broken."""

    text: str
    size: float
    bold: bool
    ink: str


@dataclass(frozen=True, slots=True)
class Label:
    """A space's name (and who holds it) inside its own area; ``top`` is where text starts."""

    space: Space
    x: float
    y: float
    w: float
    h: float
    lines: tuple[TextLine, ...]
    top: float
    shared: bool


@dataclass(frozen=True, slots=True)
class Diagram:
    """Everything a format draws, in points from the top left of a ``width`` x ``height`` box."""

    width: float
    height: float
    ovals: tuple[Oval, ...]
    lenses: tuple[Lens, ...]
    labels: tuple[Label, ...]
    alt: str

    def lens_points(self, lens: Lens, steps: int = 24) -> list[tuple[float, float]]:
        """Return the lens outline as points: down the left oval's right arc, up the other's."""
        a, b = self.ovals[lens.left], self.ovals[lens.left + 1]
        y0 = _crossing(a, b)
        ys = [a.cy - y0 + 2 * y0 * i / steps for i in range(steps + 1)]
        right = [(a.cx + _half_width(a, y - a.cy), y) for y in ys]
        left = [(b.cx - _half_width(b, y - b.cy), y) for y in reversed(ys)]
        return right + left


def layout(spaces: Sequence[Space], theme: Theme, width: float, height: float,
           highlight: Sequence[str] = (), easy: bool = False, lang: str = SOURCE) -> Diagram:
    """Return the diagram of ``spaces`` fitted to ``width`` x ``height`` points."""
    base = [s for s in spaces if not s.overlaps] or list(spaces)
    shared = [s for s in spaces if s.overlaps and s not in base]
    back = theme.colours.get("background", "#FFFFFF")
    spread = EASY_SPREAD if easy else SPREAD
    ry = (height - STROKE) / 2
    rx = min((width - STROKE) / (2 + spread * (len(base) - 1)), ry * ASPECT)
    x0 = (width - (2 * rx + spread * rx * (len(base) - 1))) / 2 + rx
    ovals = tuple(_oval(s, x0 + i * spread * rx, height / 2, rx, ry, theme, back,
                        bool(highlight) and s.id not in highlight) for i, s in enumerate(base))
    labels = _same_sizes([_own_label(ovals, i, theme, easy) for i in range(len(ovals))],
                         ovals, theme, easy)
    lenses = []
    index = {o.space.id: i for i, o in enumerate(ovals)}
    for space in shared:
        left = _lens_of(space, index, len(ovals))
        if left is None:
            continue
        lens = _lens(ovals, left, space.id in highlight, theme)
        lenses.append(lens)
        labels.append(_shared_label(ovals, lens, space, theme, easy))
    labels = _align(labels)
    return Diagram(width, height, ovals, tuple(lenses), tuple(labels),
                   describe(base, shared, lang))


def describe(base: Sequence[Space], shared: Sequence[Space], lang: str = SOURCE) -> str:
    """Return the diagram's alt text: each space, its holder, and what overlaps what."""
    names, _ = {s.id: s.name for s in base}, words(lang)
    parts = [f"{s.name} ({s.holder})" if s.holder else s.name for s in base]
    text = _("Diagram of overlapping spaces: {spaces}.", spaces=", ".join(parts))
    for space in shared:
        joined = join_names([names.get(i, i) for i in space.overlaps], lang)
        text += " " + _("{space} is where {spaces} overlap.", space=space.name, spaces=joined)
    return text


def readable_on(background: str, *candidates: str) -> str:
    """Return the first candidate with 4.5:1 contrast on ``background``, else the best one."""
    for colour in candidates:
        if contrast_ratio(colour, background) >= CONTRAST:
            return colour
    return max(candidates, key=lambda c: contrast_ratio(c, background))


def wrap(text: str, width: float, size: float, bold: bool) -> list[str]:
    """Return ``text`` broken into lines no wider than ``width`` points (the shipped font)."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, size, bold) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines or [""]


def line_height(size: float) -> float:
    """Return one label line's height in points."""
    return size * line_factor()


# --- private -----------------------------------------------------------------------------


def _oval(space: Space, cx: float, cy: float, rx: float, ry: float, theme: Theme, back: str,
          faint: bool) -> Oval:
    colour = theme.colour(space.colour)
    return Oval(space, cx, cy, rx, ry, blend_hex(colour, FAINT if faint else TINT, back),
                colour, FAINT_STROKE if faint else STROKE)


def _lens_of(space: Space, index: dict[str, int], count: int) -> int | None:
    found = sorted(index[i] for i in space.overlaps if i in index)
    if len(found) < 2 or found[-1] - found[0] != 1 or found[-1] >= count:
        return None
    return found[0]


def _lens(ovals: Sequence[Oval], left: int, lit: bool, theme: Theme) -> Lens:
    a, b = ovals[left], ovals[left + 1]
    back = theme.colours.get("background", "#FFFFFF")
    stops = tuple(blend_hex(o.stroke, (TINT if lit or o.stroke_pt == STROKE else FAINT)
                            + OVERLAP_EXTRA, back) for o in (a, b))
    return Lens(left, (stops[0], stops[1]), blend_hex(stops[0], 0.5, stops[1]),
                theme.colours.get("text", "#000000") if lit else None)


def _half_width(oval: Oval, dy: float) -> float:
    return oval.rx * math.sqrt(max(0.0, 1 - (dy / oval.ry) ** 2))


def _crossing(a: Oval, b: Oval) -> float:
    """Return how far above and below the centre line two same-size ovals cross."""
    gap = (b.cx - a.cx) / 2
    return a.ry * math.sqrt(max(0.0, 1 - (gap / a.rx) ** 2))


def _same_sizes(labels: list[Label], ovals: Sequence[Oval], theme: Theme, easy: bool
                ) -> list[Label]:
    """Return the base spaces' labels redone at the smallest name and holder size among them,
    so the names read as one set of captions."""
    names = [lab.lines[0].size for lab in labels if lab.lines]
    holders = [line.size for lab in labels for line in lab.lines if not line.bold]
    if not names:
        return labels
    return [_own_label(ovals, i, theme, easy, min(names), min(holders, default=HOLDER_PT))
            for i in range(len(ovals))]


def _own_label(ovals: Sequence[Oval], i: int, theme: Theme, easy: bool,
               name_pt: float | None = None, holder_pt: float = HOLDER_PT) -> Label:
    oval = ovals[i]
    hh = oval.ry * LABEL_HALF
    pad = oval.rx * PAD
    left = oval.cx - _half_width(oval, hh)
    right = oval.cx + _half_width(oval, hh)
    if i > 0:
        left = max(left, ovals[i - 1].cx + ovals[i - 1].rx)
    if i < len(ovals) - 1:
        right = min(right, ovals[i + 1].cx - ovals[i + 1].rx)
    box = (left + pad, oval.cy - hh, right - left - 2 * pad, 2 * hh)
    return _label(oval.space, box, oval.fill, oval.stroke, theme, easy, False, name_pt,
                  holder_pt)


def _shared_label(ovals: Sequence[Oval], lens: Lens, space: Space, theme: Theme,
                  easy: bool) -> Label:
    a, b = ovals[lens.left], ovals[lens.left + 1]
    hh = min(a.ry * LABEL_HALF, _crossing(a, b)) * (0.6 if not easy else 0.75)
    left = b.cx - _half_width(b, hh)
    right = a.cx + _half_width(a, hh)
    pad = a.rx * PAD / 2
    box = (left + pad, a.cy - hh, right - left - 2 * pad, 2 * hh)
    return _label(space, box, lens.fill, theme.colour(space.colour), theme, easy, True)


def _label(space: Space, box: tuple[float, float, float, float], under: str, colour: str,
           theme: Theme, easy: bool, shared: bool, name_pt: float | None = None,
           holder_pt: float = HOLDER_PT) -> Label:
    x, y, w, h = box
    text_ink = theme.colours.get("text", "#000000")
    name_ink = readable_on(under, colour, text_ink)
    holder = "" if easy or shared else space.holder
    top_size = name_pt or (EASY_NAME_PT if easy else NAME_PT)
    size, name, rest = MIN_NAME_PT, wrap(space.name, w, MIN_NAME_PT, True), None
    for size in _steps(top_size, MIN_NAME_PT):
        name = wrap(space.name, w, size, True)
        if any(text_width(n, size, True) > w for n in name) or len(name) > 2:
            continue
        rest = _holder_lines(holder, w, h - len(name) * line_height(size), text_ink, under,
                             holder_pt)
        if rest is not None:
            break
    if any(text_width(n, size, True) > w for n in name):
        size, name = _smallest_fit(space.name, w, size)
    lines = tuple(TextLine(n, size, True, name_ink) for n in name) + tuple(rest or ())
    used = sum(line_height(line.size) for line in lines)
    return Label(space, x, y, w, h, lines, y + (h - used) / 2, shared)


def _smallest_fit(text: str, width: float, size: float) -> tuple[float, list[str]]:
    """Return the largest size under ``size`` (down to ``LAST_RESORT_PT``) at which every word
    of ``text`` fits ``width``, and its lines: a small diagram (a 4:3 template) never breaks a
    name inside a word."""
    while size > LAST_RESORT_PT:
        size -= 1
        lines = wrap(text, width, size, True)
        if all(text_width(n, size, True) <= width for n in lines):
            break
    return size, wrap(text, width, size, True)


def _holder_lines(text: str, w: float, room: float, ink: str, under: str,
                  top: float = HOLDER_PT) -> list[TextLine] | None:
    if not text:
        return []
    for size in _steps(top, MIN_HOLDER_PT):
        lines = wrap(text, w, size, False)
        if len(lines) * line_height(size) <= room:
            return [TextLine(t, size, False, readable_on(under, ink)) for t in lines]
    return None


def _steps(top: float, bottom: float) -> list[float]:
    return [top - 2 * n for n in range(int((top - bottom) // 2) + 1)]


def _align(labels: list[Label]) -> list[Label]:
    """Start the base spaces' names on one line: every own label at the highest top."""
    own = [lab for lab in labels if not lab.shared]
    if not own:
        return labels
    top = min(lab.top for lab in own)
    return [lab if lab.shared else Label(lab.space, lab.x, lab.y, lab.w, lab.h, lab.lines, top,
                                         False) for lab in labels]
