"""The easy-read handout as one self-contained HTML page, from the designer's templates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from packgen import paths, templating, texmath
from packgen.writers.html.assets import (
    Pictures,
    font_faces,
    refuse_remote,
    refuse_remote_page,
)

if TYPE_CHECKING:
    from packgen.model import TailoredPack
    from packgen.views.handout import HandoutView, Piece


def render_html(tp: TailoredPack, view: HandoutView) -> str:
    """Return the handout as one self-contained HTML page (pictures and fonts inlined).

    ``fonts`` in ``handout.css`` is the upright faces only, as it was before ``font_faces``.
    The theme's ``code`` font is not inlined: easy read shows no code as code.
    """
    root, theme = tp.project.root, tp.project.theme
    faces = font_faces(root, (f for role, f in theme.fonts.items() if role != "code"))
    css = _render(root, "handout.css", view.language, colours=dict(theme.colours),
                  font_faces=faces, fonts=faces.upright)
    page = _render(root, "handout.html", view.language, view=view, css=Markup(css),
                   font_faces=faces,
                   picture_uri=Pictures(root).template_uri, theme=dict(theme.colours),
                   equation=_equation)
    refuse_remote_page(page, paths.find_template(root, "handout.html").display)
    return page


def _equation(piece: Piece) -> Markup:
    """Return an equation piece as MathML (the TeX as its ``alttext``), for the template."""
    return Markup(texmath.mathml(piece.text, piece.math == "display"))


def _render(root: Path, name: str, lang: str, **context: object) -> str:
    """Return one template rendered, packgen's words in the language ``lang``; a broken
    designer's template is an error at its line."""
    env = templating.make_env(lambda template: paths.find_template(root, template),
                              refuse_remote, lang)
    return templating.render_template(env, name, "handout", **context)


def write(tp: TailoredPack, target: Path) -> None:
    """Write the handout's HTML page to ``target``."""
    from packgen.views.handout import handout_view
    from packgen.views.languages import other_versions

    target.write_text(render_html(tp, handout_view(tp, other_versions(tp))), encoding="utf-8")
