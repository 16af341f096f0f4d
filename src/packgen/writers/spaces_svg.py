"""The spaces diagram as an SVG picture, for the HTML and PDF guides (and, rasterised, Word).

Every text in the picture (names, holders, alt text) is escaped here, so the result is safe to
place in an HTML page as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from packgen.model import Space, Theme
from packgen.translations import SOURCE
from packgen.writers import spaces as layout

FONT = "Atkinson Hyperlegible Next, Arial, sans-serif"


def spaces_svg(spaces: Sequence[Space], theme: Theme, width: float = 480, height: float = 260,
               highlight: Sequence[str] = (), easy: bool = False, lang: str = SOURCE) -> str:
    """Return the diagram of ``spaces`` as a standalone SVG ``width`` x ``height`` points
    (its alt text in the language ``lang``)."""
    d = layout.layout(spaces, theme, width, height, highlight, easy, lang)
    opening = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
               f'width="{width:g}pt" height="{height:g}pt" role="img" '
               f'aria-label="{escape(d.alt)}"><title>{escape(d.alt)}</title>')
    parts = [opening]
    parts += [_ellipse(o, f'fill="{o.fill}"') for o in d.ovals]
    parts += [_gradient(lens) + _lens(d, lens, f'fill="url(#{_gradient_id(lens)})"')
              for lens in d.lenses]
    parts += [_ellipse(o, f'fill="none" stroke="{o.stroke}" stroke-width="{o.stroke_pt:g}"')
              for o in d.ovals]
    parts += [_lens(d, lens, f'fill="none" stroke="{lens.outline}" '
                             f'stroke-width="{layout.STROKE:g}"') for lens in d.lenses
              if lens.outline]
    parts += [_label(label) for label in d.labels]
    return "".join(parts) + "</svg>"


def easy_spaces_svg(spaces: Sequence[Space], theme: Theme, width: float = 480,
                    height: float = 260, highlight: Sequence[str] = (),
                    lang: str = SOURCE) -> str:
    """Return the easy-read diagram: the ovals and the names only, in large type."""
    return spaces_svg(spaces, theme, width, height, highlight, easy=True, lang=lang)


def _ellipse(oval: layout.Oval, paint: str) -> str:
    return (f'<ellipse cx="{oval.cx:.1f}" cy="{oval.cy:.1f}" rx="{oval.rx:.1f}" '
            f'ry="{oval.ry:.1f}" {paint}/>')


def _gradient_id(lens: layout.Lens) -> str:
    """Return an id named by the colours: diagrams on one HTML page never clash."""
    return "lens-" + "-".join(c.lstrip("#").lower() for c in lens.stops)


def _gradient(lens: layout.Lens) -> str:
    stops = "".join(f'<stop offset="{i}" stop-color="{c}"/>' for i, c in enumerate(lens.stops))
    return (f'<defs><linearGradient id="{_gradient_id(lens)}" x1="0" y1="0" x2="1" y2="0">'
            f'{stops}</linearGradient></defs>')


def _lens(d: layout.Diagram, lens: layout.Lens, paint: str) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in d.lens_points(lens, 48))
    return f'<polygon points="{points}" {paint}/>'


def _label(label: layout.Label) -> str:
    x = label.x + label.w / 2
    y = label.top
    out = []
    for line in label.lines:
        step = layout.line_height(line.size)
        weight = "700" if line.bold else "400"
        out.append(f'<text x="{x:.1f}" y="{y + step * 0.8:.1f}" text-anchor="middle" '
                   f'font-family="{FONT}" font-size="{line.size:g}" font-weight="{weight}" '
                   f'fill="{line.ink}">{escape(line.text)}</text>')
        y += step
    return "".join(out)
