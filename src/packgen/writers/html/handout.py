"""The easy-read handout as one self-contained HTML page, from the designer's templates."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from packgen import paths, templating
from packgen.errors import PackgenError

if TYPE_CHECKING:
    from packgen.model import Image, TailoredPack
    from packgen.views.handout import HandoutView

MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
        ".svg": "image/svg+xml", ".webp": "image/webp", ".ttf": "font/ttf", ".otf": "font/otf"}


def render_html(tp: TailoredPack, view: HandoutView) -> str:
    """Return the handout as one self-contained HTML page (pictures and fonts inlined)."""
    root, theme = tp.project.root, tp.project.theme
    css = _render(root, "handout.css", colours=dict(theme.colours),
                  fonts=font_faces(root, theme.fonts))
    return _render(root, "handout.html", view=view, css=Markup(css),
                   picture_uri=_Inliner(root).uri, theme=dict(theme.colours))


def _render(root: Path, name: str, **context: object) -> str:
    """Return one template rendered; a broken designer's template is an error at its line."""
    env = templating.make_env(lambda template: paths.find_template(root, template))
    return templating.render_template(env, name, "handout", **context)


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
    for folder in (root / "templates", paths.packaged_templates()):
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


