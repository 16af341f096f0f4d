"""The facilitator guide: a timed session plan, checklists, notes and activities (PDF, HTML, DOCX)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from markupsafe import Markup

from packgen import context, guidedata, templating
from packgen.builders import Output, output_name
from packgen.context import join_names
from packgen.htmlblocks import HtmlRenderer, font_face_css, theme_css
from packgen.model import Material, TailoredPack, Tip
from packgen.slideplan import plan

if TYPE_CHECKING:
    from packgen.errors import Collector


class GuideBuilder:
    """Write ``<pack>-guide.html``, ``.pdf`` and ``.docx`` from one tailored pack."""

    name: ClassVar[str] = "guide"
    formats: ClassVar[tuple[str, ...]] = ("pdf", "html", "docx")

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Write the guide in every format into ``out_dir`` and return what was written."""
        html = render_html(tp)
        paths = {fmt: out_dir / output_name(tp.pack.id, self.name, fmt) for fmt in self.formats}
        paths["html"].write_text(html, encoding="utf-8")
        write_guide_pdf(tp, html, paths["pdf"])
        write_guide_docx(tp, paths["docx"])
        return [Output(self.name, fmt, paths[fmt]) for fmt in self.formats]


def document_title(tp: TailoredPack) -> str:
    """Return the guide's document title."""
    return f"{tp.pack.title}: facilitator guide"


def render_html(tp: TailoredPack) -> str:
    """Return the guide as one self-contained HTML page (fonts and pictures inlined).

    A broken designer template is a PackgenError naming the template file and line.
    """
    return _render_html(tp)


def _render_html(tp: TailoredPack) -> str:
    dirs = templating.template_dirs(tp.project.root)
    env = templating.make_env(dirs)
    renderer = HtmlRenderer(tp.project.root, tp.project.spaces, tp.project.theme,
                            skip_decorative=True)
    env.filters.update(_filters(tp, renderer))
    context = guide_context(tp, renderer)
    theme = tp.project.theme
    root = tp.project.root
    css = templating.render_template(env, "guide.css", root, "guide", colours=theme.colours,
                                     fonts=theme.fonts)
    context["css"] = style_sheet(css)
    context["fonts"] = font_face_css([d / "fonts" for d in dirs], theme.fonts.values())
    context["theme"] = theme_css(theme)
    return templating.render_template(env, "guide.html", root, "guide", **context)


def style_sheet(css: str) -> Markup:
    """Return CSS safe to place inside ``<style>`` (it cannot close the element)."""
    return Markup(re.sub(r"</(?=style)", r"<\\/", css, flags=re.IGNORECASE))


def guide_context(tp: TailoredPack, renderer: HtmlRenderer) -> dict[str, object]:
    """Return the template variables every guide format shares."""
    pack, table, logo = tp.pack, tp.timetable, tp.project.theme.logo
    return {
        "lang": tp.language,
        "doc_title": document_title(tp),
        "pack": pack,
        "date_long": date_long(tp),
        "times": {"start": guidedata.clock(table.start), "end": guidedata.clock(table.end),
                  "total": table.total, "slot": table.slot,
                  "summary": guidedata.timing_summary(tp)},
        "audience": audience_name(tp, pack.audience),
        "audience_id": pack.audience,
        "facilitators": join_names(pack.facilitators),
        "deck_name": output_name(pack.id, "deck", "pptx"),
        "slide_count": len(plan(tp)),
        "plan": guidedata.session_plan(tp),
        "materials": guidedata.materials_checklist(tp),
        "room": guidedata.room_checklist(tp),
        "modules": guidedata.module_guides(tp),
        "logo": {"src": renderer.data_uri(logo.src), "alt": logo.alt} if logo else None,
    }


def write_guide_pdf(tp: TailoredPack, html: str, target: Path) -> None:
    """Write the guide's PDF from its HTML."""
    from packgen.pdf import write_pdf  # WeasyPrint loads only for PDFs

    write_pdf(html, target, base_url=tp.project.root, built=tp.built,
              title=document_title(tp), lang=tp.language)


def write_guide_docx(tp: TailoredPack, target: Path) -> None:
    """Write the guide's DOCX."""
    from packgen.guide_docx import write_docx  # python-docx loads only here

    write_docx(tp, target, document_title(tp))


def audience_name(tp: TailoredPack, audience_id: str) -> str:
    """Return an audience's display name, or its id when the project names none."""
    known = tp.project.audiences.get(audience_id)
    return known.name if known else audience_id


def tips_for(tips: tuple[Tip, ...], audience: str) -> tuple[Tip, ...]:
    """Return the tips meant for ``audience`` (or for everyone)."""
    return tuple(t for t in tips if t.audience in ("", audience))


def date_long(tp: TailoredPack) -> str:
    """Return the pack's date in full, ``Tuesday 3 March 2026``."""
    return context.date_long(tp.pack.date)


def _filters(tp: TailoredPack, renderer: HtmlRenderer) -> dict[str, object]:
    return {
        "blocks": renderer.blocks,
        "text": renderer.text,
        "rule": lambda m: guidedata.material_rule(m) if isinstance(m, Material) else "",
        "tips_for": tips_for,
        "audience_name": lambda a: audience_name(tp, a),
    }
