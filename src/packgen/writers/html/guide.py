"""The facilitator guide as one self-contained HTML page, from the designer's templates."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from packgen import paths, templating
from packgen.model import Material, TailoredPack
from packgen.paths import output_name
from packgen.views import guide, languages
from packgen.views.guide import audience_name, date_long, document_title, tips_for
from packgen.wording import clock, join_names
from packgen.writers.html.assets import font_faces, refuse_remote, refuse_remote_page
from packgen.writers.html.blocks import HtmlRenderer, theme_css


def render_html(tp: TailoredPack) -> str:
    """Return the guide as one self-contained HTML page (fonts and pictures inlined).

    A broken designer template is a PackgenError naming the template file and line.
    """
    return _render_html(tp)


def _render_html(tp: TailoredPack) -> str:
    root, theme = tp.project.root, tp.project.theme
    env = templating.make_env(lambda name: paths.find_template(root, name), refuse_remote,
                              tp.language)
    renderer = HtmlRenderer(root, tp.project.spaces, theme, skip_decorative=True)
    renderer.lang = tp.language
    env.filters.update(_filters(tp, renderer))
    context = guide_context(tp, renderer)
    fonts = fonts_shown(tp)
    faces = font_faces(root, fonts.values())
    css = templating.render_template(env, "guide.css", "guide", colours=theme.colours,
                                     fonts=fonts, font_faces=faces)
    context.update(css=style_sheet(css), font_faces=faces, fonts=faces,
                   theme=theme_css(theme, fonts))
    page = templating.render_template(env, "guide.html", "guide", **context)
    refuse_remote_page(page, paths.find_template(root, "guide.html").display)
    return page


def fonts_shown(tp: TailoredPack) -> dict[str, str]:
    """Return the theme's font roles the guide shows: ``code`` only when the pack holds code
    (its faces are inlined, and its CSS written, only then)."""
    code = guide.shows_code(tp)
    return {role: family for role, family in tp.project.theme.fonts.items()
            if role != "code" or code}


def style_sheet(css: str) -> Markup:
    """Return CSS safe to place inside ``<style>`` (it cannot close the element)."""
    return Markup(re.sub(r"</(?=style)", r"<\\/", css, flags=re.IGNORECASE))


def guide_context(tp: TailoredPack, renderer: HtmlRenderer,
                  also_in: tuple[str, ...] | None = None) -> dict[str, object]:
    """Return the template variables every guide format shares; ``also_in`` (tags) overrides
    the languages the pack is said to be available in as well."""
    others = languages.other_versions(tp) if also_in is None else also_in
    pack, table, logo = tp.pack, tp.timetable, tp.project.theme.logo
    return {
        "lang": tp.language,
        "doc_title": document_title(tp),
        "pack": pack,
        "date_long": date_long(tp),
        "times": {"start": clock(table.start), "end": clock(table.end),
                  "total": table.total, "slot": table.slot,
                  "summary": guide.timing_summary(tp)},
        "audience": audience_name(tp, pack.audience),
        "audience_id": pack.audience,
        "facilitators": join_names(pack.facilitators, tp.language),
        "deck_name": output_name(pack.id, "deck", "pptx", tp.file_language),
        "slide_count": len(tp.slides),
        "plan": guide.session_plan(tp),
        "materials": guide.materials_checklist(tp),
        "room": guide.room_checklist(tp),
        "modules": guide.module_guides(tp),
        "logo": {"src": renderer.pictures.uri(logo), "alt": logo.alt} if logo else None,
        "also_in": guide.also_in(tp, others),
    }


def _filters(tp: TailoredPack, renderer: HtmlRenderer) -> dict[str, object]:
    return {
        "blocks": renderer.blocks,
        "text": renderer.text,
        "rule": lambda m: guide.material_rule(m, lang=tp.language) if isinstance(m, Material)
        else "",
        "tips_for": tips_for,
        "audience_name": lambda a: audience_name(tp, a),
    }


def write(tp: TailoredPack, target: Path) -> None:
    """Write the guide's HTML page to ``target``."""
    target.write_text(render_html(tp), encoding="utf-8")
