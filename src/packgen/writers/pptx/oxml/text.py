"""XML-level text work python-pptx has no API for: runs, bullets and languages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.text.text import _Paragraph

_NONE: Mapping[str, str] = MappingProxyType({})
BULLETS = ("\u2022", "\u2013", "\u2022", "\u2013", "\u2022")
"""Bullet characters by list level."""

# --- runs, paragraphs and languages -------------------------------------------------------


def set_run_lang(run: Any, lang: str) -> None:
    """Tag one run with its language."""
    run._r.get_or_add_rPr().set("lang", lang)


def set_end_lang(paragraph: Any, lang: str) -> None:
    """Tag a paragraph's end mark with its language."""
    end_lang(paragraph._p, lang)


def set_bullet(paragraph: Any, level: int, ordered: bool, start: int = 1,
               indent_emu: int = 342900) -> None:
    """Make ``paragraph`` a real list item at ``level`` (0-based): bullet or number."""
    bullet(paragraph._p, level, ordered, start, indent_emu)


def set_no_bullet(paragraph: Any, margin_emu: int = 0) -> None:
    """Make ``paragraph`` plain text: no bullet, no hanging indent."""
    no_bullet(paragraph._p, margin_emu)


def bullet(p: Any, level: int, ordered: bool, start: int = 1, indent_emu: int = 342900) -> None:
    """Make the ``a:p`` element ``p`` a list item at ``level`` (as ``set_bullet``)."""
    ppr = paragraph_props(p)
    ppr.set("lvl", str(level))
    ppr.set("marL", str(indent_emu * (level + 1)))
    ppr.set("indent", str(-indent_emu))
    _clear_bullets(ppr)
    if ordered:
        num = _insert_bullet(ppr, "a:buAutoNum", type="arabicPeriod")
        if start != 1:
            num.set("startAt", str(start))
    else:
        _insert_bullet(ppr, "a:buFont", typeface="Arial")
        _insert_bullet(ppr, "a:buChar", char=BULLETS[level % len(BULLETS)])


def no_bullet(p: Any, margin_emu: int = 0) -> None:
    """Make the ``a:p`` element ``p`` plain text (as ``set_no_bullet``)."""
    ppr = paragraph_props(p)
    ppr.set("marL", str(margin_emu))
    ppr.set("indent", "0")
    _clear_bullets(ppr)
    _insert_bullet(ppr, "a:buNone")


def paragraph_props(p: Any) -> Any:
    """Return the ``a:pPr`` of the ``a:p`` element ``p``, added before its content if absent."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.SubElement(p, _PPR)
        later = next((c for c in p if c.tag in _CONTENT_TAGS), None)
        if later is not None:
            later.addprevious(ppr)
    return ppr


def text_body(frame: Any) -> Any:
    """Return the ``a:txBody`` element of a python-pptx text frame."""
    return frame._txBody


def first_paragraph(tx_body: Any) -> Any:
    """Return the first ``a:p`` of a text body (a cleared frame keeps one, empty)."""
    return tx_body.p_lst[0]


def paragraph_for(p: Any, frame: Any) -> Any:
    """Return the python-pptx paragraph for the ``a:p`` element ``p`` of ``frame``."""
    return _Paragraph(p, frame)


def end_lang(p: Any, lang: str) -> None:
    """Tag the end mark of the ``a:p`` element ``p`` with its language (as ``set_end_lang``)."""
    end_mark(p).set("lang", lang)


def end_mark(p: Any) -> Any:
    """Return the ``a:endParaRPr`` of the ``a:p`` element ``p``, added last if absent."""
    end = p.find(_END)
    return end if end is not None else etree.SubElement(p, _END)


def add_run(p: Any, text: str, lang: str, bold: bool = False, italic: bool = False,
            size: float | None = None, styles: Mapping[str, str] = _NONE,
            highlight: str | None = None, code: bool = False) -> Any:
    """Append a run to the ``a:p`` element ``p`` as python-pptx writes one; return it.

    The same XML as ``add_run``, ``run.text``, ``set_run_lang`` and ``font.bold``/``italic``/
    ``size`` in that order, without a python-pptx object per step; ``styles`` are more
    ``a:rPr`` attributes (``strike``, ``baseline``, ``cap``, ``u``) and ``highlight`` a
    ``RRGGBB`` colour behind the text; ``code`` sets it in the code font (``set_code_font``).
    """
    run = _before_end(p, _R)
    props = _props(run, lang, size, bold, italic)
    _style(props, styles, highlight)
    if code:
        _code_font(props)
    etree.SubElement(run, _T).text = _CONTROL.sub(_escape_control, text)
    return run


def add_break(p: Any, lang: str, size: float | None = None) -> Any:
    """Append a line break (``a:br``, a new line in the same paragraph) to ``p``; return it."""
    br = _before_end(p, _BR)
    _props(br, lang, size)
    return br


def add_line_break(paragraph: Any, lang: str, size: float | None = None) -> Any:
    """Append a line break to a python-pptx paragraph, as ``add_break``; return it."""
    return add_break(paragraph._p, lang, size)


def _before_end(p: Any, tag: str) -> Any:
    """Return a new ``tag`` element in ``p``, before its end-of-paragraph properties."""
    element = etree.SubElement(p, tag)
    end = p.find(_END)
    if end is not None:
        end.addprevious(element)
    return element


def _props(element: Any, lang: str, size: float | None, bold: bool = False,
           italic: bool = False) -> Any:
    """Return new ``a:rPr`` run properties of ``element``: language, bold, italic and size,
    in the order python-pptx writes them."""
    props = etree.SubElement(element, _RPR)
    props.set("lang", lang)
    if bold:
        props.set("b", "1")
    if italic:
        props.set("i", "1")
    if size:
        props.set("sz", str(int(size * 12700) // 127))
    return props


def style_run(run: Any, styles: Mapping[str, str], highlight: str | None = None,
              code: bool = False) -> None:
    """Give a python-pptx run more ``a:rPr`` attributes, a highlight and the code font (as
    ``add_run``)."""
    props = run._r.get_or_add_rPr()
    _style(props, styles, highlight)
    if code:
        _code_font(props)


CODE_FONT = "Liberation Mono"
"""The family code runs are written in (packaged theme.yaml's ``code``); ``set_code_font``
changes it once the deck is written."""
MONOSPACE = "49"
"""``pitchFamily`` of a fixed-pitch, modern-family font (``FIXED_PITCH | FF_MODERN``): what
PowerPoint falls back on, a monospace font, when the code font is not installed."""


def set_code_font(roots: Iterable[Any], family: str) -> None:
    """Set the code runs under ``roots`` (slides, notes pages) in ``family``."""
    if family == CODE_FONT:
        return
    for root in roots:
        for latin in root.iter(_LATIN):
            if latin.get("pitchFamily") == MONOSPACE and latin.get("typeface") == CODE_FONT:
                latin.set("typeface", family)


def _code_font(props: Any) -> None:
    """Give ``a:rPr`` an ``a:latin`` naming the code font, in its place in the schema."""
    latin = etree.Element(_LATIN, typeface=CODE_FONT, pitchFamily=MONOSPACE)
    later = next((c for c in props if c.tag in _AFTER_LATIN), None)
    if later is None:
        props.append(latin)
    else:
        later.addprevious(latin)


def _style(props: Any, styles: Mapping[str, str], highlight: str | None) -> None:
    for name, value in styles.items():
        props.set(name, value)
    if highlight:
        mark = etree.Element(qn("a:highlight"))
        etree.SubElement(mark, qn("a:srgbClr")).set("val", highlight)
        later = next((c for c in props if c.tag in _AFTER_HIGHLIGHT), None)
        if later is None:
            props.append(mark)
        else:
            later.addprevious(mark)


def new_paragraph(tx_body: Any) -> Any:
    """Append an empty ``a:p`` to a text body (as ``text_frame.add_paragraph``); return it."""
    return etree.SubElement(tx_body, _P)


def fix_languages(elements: Iterable[Any], lang: str) -> None:
    """Set every ``lang`` attribute found under ``elements`` to ``lang``."""
    for root in elements:
        for node in root.iter():
            if "lang" in node.attrib:
                node.set("lang", lang)


_BULLET_TAGS = tuple(qn(t) for t in ("a:buAutoNum", "a:buChar", "a:buBlip", "a:buNone",
                                      "a:buFont", "a:buFontTx"))
_AFTER_BULLETS = frozenset(qn(t) for t in ("a:tabLst", "a:defRPr", "a:extLst"))
_AFTER_HIGHLIGHT = frozenset(qn(f"a:{t}") for t in (
    "uLnTx", "uLn", "uFillTx", "uFill", "latin", "ea", "cs", "sym", "hlinkClick",
    "hlinkMouseOver", "rtl", "extLst"))
"""The ``a:rPr`` children that come after ``a:highlight`` in the schema."""
_AFTER_LATIN = frozenset(qn(f"a:{t}") for t in (
    "ea", "cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"))
"""The ``a:rPr`` children that come after ``a:latin`` in the schema."""
_LATIN = qn("a:latin")
_HLINK = qn("a:hlinkClick")
_P, _PPR, _R, _RPR, _T, _END, _BR = (qn(f"a:{t}") for t in ("p", "pPr", "r", "rPr", "t",
                                                          "endParaRPr", "br"))
_CONTENT_TAGS = frozenset(qn(f"a:{t}") for t in ("r", "br", "fld", "endParaRPr"))
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")
"""Control characters python-pptx writes as ``_xHHHH_`` (tab and line feed are kept)."""


def _escape_control(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(1)):04X}_"


def _clear_bullets(ppr: Any) -> None:
    for tag in _BULLET_TAGS:
        for old in ppr.findall(tag):
            ppr.remove(old)


def _insert_bullet(ppr: Any, tag: str, **attrs: str) -> Any:
    element = etree.Element(qn(tag), **attrs)
    children = list(ppr)
    later = [i for i, c in enumerate(children) if c.tag in _AFTER_BULLETS]
    ppr.insert(later[0] if later else len(children), element)
    return element


SLIDE_JUMP = "ppaction://hlinksldjump"
"""The ``a:hlinkClick`` action of a link to another slide of the deck."""


def link_to_slide_later(run: Any) -> None:
    """Give a python-pptx run a click action to a slide named later (``link_to_slide``)."""
    run._r.get_or_add_rPr().add_hlinkClick("").set("action", SLIDE_JUMP)


def link_to_slide(slide: Any, target: Any | None) -> None:
    """Point the links ``link_to_slide_later`` left on ``slide`` at ``target`` (a slide of
    the same deck), or remove them when ``target`` is None."""
    pending = _pending_links(slide.part._element)
    if target is None or not pending:
        drop_slide_links(slide)
        return
    r_id = slide.part.relate_to(target.part, RT.SLIDE)
    for link in pending:
        link.set(qn("r:id"), r_id)


def drop_slide_links(notes: Any) -> None:
    """Remove the links ``link_to_slide_later`` left on a python-pptx slide or notes page."""
    for link in _pending_links(notes.part._element):
        link.getparent().remove(link)


def _pending_links(root: Any) -> list[Any]:
    return [link for link in root.iter(_HLINK)
            if link.get("action") == SLIDE_JUMP and not link.get(qn("r:id"))]


def set_superscript(run: Any) -> None:
    """Raise a python-pptx run as a superscript (a footnote's number), as PowerPoint does."""
    run.font._rPr.set("baseline", "30000")
