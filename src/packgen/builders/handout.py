"""The easy-read handout builder: one picture-left row per idea, as HTML, PDF and DOCX."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from markupsafe import Markup

from packgen import templating
from packgen.builders import Output, output_name
from packgen.errors import PackgenError
from packgen.handout_view import HandoutView, handout_view
from packgen.templatesafety import check_image_file

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.model import Image, TailoredPack

MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
        ".svg": "image/svg+xml", ".webp": "image/webp", ".ttf": "font/ttf", ".otf": "font/otf"}


class HandoutBuilder:
    """Write ``<pack>-easy-read.html``, ``.pdf`` and ``.docx``."""

    name: ClassVar[str] = "handout"
    formats: ClassVar[tuple[str, ...]] = ("pdf", "html", "docx")

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Write each format of the handout into ``out_dir`` (the easy-read rules run earlier,
        with every other rule, in ``packgen.rules``)."""
        view = handout_view(tp)
        check_pictures(tp.project.root, view.pictures)
        html = render_html(tp, view)
        outputs = []
        for fmt in self.formats:
            path = out_dir / output_name(tp.pack.id, self.name, fmt)
            WRITERS[fmt](tp, view, html, path)
            outputs.append(Output(self.name, fmt, path))
        return outputs


def check_pictures(root: Path, pictures: list[Image]) -> None:
    """Raise PackgenError at the first picture that is not a real PNG, JPEG, GIF or BMP."""
    for picture in {p.src: p for p in pictures}.values():
        check_image_file(root / picture.src, picture.loc.path, picture.loc.line)


# --- HTML --------------------------------------------------------------------------------


def render_html(tp: TailoredPack, view: HandoutView) -> str:
    """Return the handout as one self-contained HTML page (pictures and fonts inlined)."""
    root, theme = tp.project.root, tp.project.theme
    css = _render(root, "handout.css", colours=dict(theme.colours),
                  fonts=font_faces(root, theme.fonts))
    return _render(root, "handout.html", view=view, css=Markup(css),
                   picture_uri=_Inliner(root).uri, theme=dict(theme.colours))


def _render(root: Path, name: str, **context: object) -> str:
    """Return one template rendered; a broken designer's template is an error at its line."""
    env = templating.make_env(templating.template_dirs(root))
    return templating.render_template(env, name, root, "handout", **context)


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
