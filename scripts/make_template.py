"""Build the packaged 16:9 deck template (src/packgen/templates/deck.pptx) from theme.yaml.

Run: .venv/bin/python scripts/make_template.py. The result holds one master and the named
layouts packgen looks up, and no slides. Colours and fonts come from the theme's colour slots
(see packgen.writers.pptx.oxml.theme.SCHEME_SLOTS), so the builder can re-apply a project's
theme.yaml.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart

from packgen.output.reproducible import normalise_zip
from packgen.writers.pptx.oxml import elements
from packgen.writers.pptx.oxml import text as deck_text
from packgen.writers.pptx.oxml import theme as deck_theme

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "packgen" / "templates"
LANG = "en-GB"
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
IN = 914400
W, H = 12192000, 6858000
MX = int(0.75 * IN)
CW = W - 2 * MX
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
TREE_HEAD = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
             '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
             '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')
TITLE_BOX = (MX, int(0.4 * IN), CW, int(1.25 * IN))
BODY_BOX = (MX, int(2.0 * IN), CW, int(4.6 * IN))
PLAIN, ACCENT, SURFACE = "", "tx2", "accent6"
"""Layout backgrounds: the master's, the accent colour, the surface colour."""
FOOTER_BOX = (MX, int(6.85 * IN), int(8.5 * IN), int(0.45 * IN))
NUMBER_BOX = (W - MX - int(1.5 * IN), int(6.85 * IN), int(1.5 * IN), int(0.45 * IN))


def inch(*values: float) -> tuple[int, ...]:
    """Return inches as EMU."""
    return tuple(int(v * IN) for v in values)


def rpr(size: int, colour: str, bold: bool = False, font: str = "+mn-lt", tag: str = "defRPr",
        italic: bool = False) -> str:
    """Return run properties XML: size in points, a scheme colour, bold, theme font."""
    flags = (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    return (f'<a:{tag} lang="{LANG}" sz="{size * 100}"{flags}><a:solidFill>'
            f'<a:schemeClr val="{colour}"/></a:solidFill><a:latin typeface="{font}"/>'
            f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:{tag}>')


def level(n: int, size: int, colour: str, bullet: str | None, bold: bool = False,
          font: str = "+mn-lt", algn: str = "l", space: int = 10, extra: str = "") -> str:
    """Return one ``a:lvlNpPr`` (n from 1) with its bullet, spacing and run style."""
    indent = 342900
    margin = indent * n if bullet else 0
    hang = f' indent="{-indent}"' if bullet else ' indent="0"'
    bu = (f'<a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>' if bullet
          else "<a:buNone/>")
    return (f'<a:lvl{n}pPr marL="{margin}"{hang} algn="{algn}"><a:lnSpc><a:spcPct val="100000"/>'
            f'</a:lnSpc><a:spcBef><a:spcPts val="{space * 100}"/></a:spcBef>{bu}{extra}'
            f'{rpr(size, colour, bold, font)}</a:lvl{n}pPr>')


def body_levels(size: int = 28, colour: str = "tx1") -> str:
    """Return the nine body levels: bullets alternate, level 1 larger, never below 24 pt."""
    bullets = ("\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013",
               "\u2022")
    return "".join(level(n, size if n == 1 else 24, colour, bullets[n - 1]) for n in range(1, 10))


def plain_style(size: int, colour: str, bold: bool = False, font: str = "+mn-lt",
                space: int = 6, extra: str = "", algn: str = "l") -> str:
    """Return a list style whose every level is unbulleted text of one size."""
    return "".join(level(n, size, colour, None, bold, font, algn, space=space, extra=extra)
                   for n in range(1, 10))


SLIDE_NUMBER_FIELD = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                      f'<a:rPr lang="{LANG}"/><a:t>\u2039#\u203a</a:t></a:fld>')


def shape(sid: int, name: str, ph: str, box: tuple[int, ...], style: str = "",
          anchor: str = "t", prompt: str = "", fill: str = "") -> str:
    """Return a placeholder ``p:sp`` with its box, list style, anchor and prompt text."""
    x, y, cx, cy = box
    fill_xml = f'<a:solidFill><a:schemeClr val="{fill}"/></a:solidFill>' if fill else ""
    ins = ' lIns="228600" tIns="182880" rIns="228600" bIns="182880"' if fill else ""
    text = (f'<a:p><a:r><a:rPr lang="{LANG}"/><a:t>{prompt}</a:t></a:r></a:p>' if prompt
            else f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>')
    if 'type="sldNum"' in ph:
        text = f'<a:p>{SLIDE_NUMBER_FIELD}</a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>'
            f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}</p:spPr><p:txBody>'
            f'<a:bodyPr wrap="square"{ins} anchor="{anchor}" rtlCol="0"><a:noAutofit/></a:bodyPr>'
            f'<a:lstStyle>{style}</a:lstStyle>{text}</p:txBody></p:sp>')


def bar(sid: int, box: tuple[int, ...], colour: str) -> str:
    """Return a decorative filled rectangle (an accent rule)."""
    x, y, cx, cy = box
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="Accent rule {sid}"><a:extLst>'
            f'<a:ext uri="{elements.DECORATIVE_URI}"><adec:decorative xmlns:adec='
            f'"{elements.DECORATIVE_NS}" val="1"/></a:ext></a:extLst></p:cNvPr><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln>'
            f'<a:noFill/></a:ln></p:spPr></p:sp>')


def title(sid: int = 2, box: tuple[int, ...] = TITLE_BOX, size: int = 0, colour: str = "",
          kind: str = "title", anchor: str = "b") -> str:
    """Return a title placeholder (inherits the master's title style unless sized here)."""
    style = (level(1, size, colour, None, True, "+mj-lt", space=0) if size else "")
    return shape(sid, f"Title {sid - 1}", f'<p:ph type="{kind}"/>', box, style, anchor,
                 "Click to edit title")


def body(sid: int, idx: int, box: tuple[int, ...], style: str = "", anchor: str = "t",
         kind: str = "body", fill: str = "", prompt: str = "Click to edit text") -> str:
    """Return a body (or subtitle, or picture) placeholder."""
    return shape(sid, f"{kind.capitalize()} {sid - 1}", f'<p:ph type="{kind}" idx="{idx}"/>',
                 box, style, anchor, prompt, fill)


def footers(first_id: int, colour: str = "accent5") -> str:
    """Return the footer and slide-number placeholders, 18 pt, in the footer row."""
    ftr = plain_style(18, colour, space=0)
    num = "".join(level(n, 18, colour, None, algn="r", space=0) for n in range(1, 10))
    return (shape(first_id, "Footer", '<p:ph type="ftr" sz="quarter" idx="11"/>', FOOTER_BOX,
                  ftr, "ctr")
            + shape(first_id + 1, "Slide Number", '<p:ph type="sldNum" sz="quarter" idx="12"/>',
                    NUMBER_BOX, num, "ctr"))


def on_accent(title_y: float, title_h: float, size: int, body_h: float) -> str:
    """Return the shapes of a slide on the accent colour: big title, rule, text below."""
    rule_y = title_y + title_h + 0.15
    return (title(2, inch(0.75, title_y, 11.833, title_h), size, "bg2",
                  "ctrTitle" if size >= 54 else "title")
            + bar(3, inch(0.85, rule_y, 1.6, 0.09), "bg2")
            + body(4, 1, inch(0.75, rule_y + 0.3, 11.833, body_h),
                   plain_style(28, "bg2"), kind="subTitle" if size >= 54 else "body"))


def statement() -> str:
    """Return the statement layout's shapes: a small title, one sentence large and centred."""
    return (title(2, inch(0.75, 0.4, 11.833, 1.0), 36, "accent5")
            + body(3, 1, inch(1.25, 1.9, 10.833, 4.5), plain_style(44, "tx1", space=12,
                                                                  algn="ctr"), "ctr")
            + footers(4))


def break_slide() -> str:
    """Return the break layout's shapes on the surface colour: what the break is, big, then
    its length and the time people come back."""
    return (title(2, inch(0.75, 1.3, 11.833, 1.9), 54, "tx2")
            + bar(3, inch(0.85, 3.35, 1.6, 0.09), "accent1")
            + body(4, 1, inch(0.75, 3.65, 11.833, 2.6), plain_style(40, "tx1", space=12))
            + footers(5))


def closing() -> str:
    """Return the closing layout's shapes on the accent colour: a big thank-you, what the
    content asks at the end on the left, the contact details on the right."""
    return (title(2, inch(0.75, 0.65, 11.833, 1.95), 54, "bg2", "ctrTitle")
            + bar(3, inch(0.85, 2.75, 1.6, 0.09), "bg2")
            + body(4, 1, inch(0.75, 3.05, 7.0, 3.5), plain_style(28, "bg2"), kind="subTitle")
            + body(5, 2, inch(8.25, 3.05, 4.333, 3.5), plain_style(24, "bg2")))


LAYOUTS: list[tuple[str, str, str]] = [
    ("Title Slide", ACCENT, on_accent(1.4, 2.6, 54, 2.2)),
    ("Agenda", PLAIN, title() + body(3, 1, BODY_BOX, plain_style(
        26, "tx1", space=8, extra='<a:tabLst><a:tab pos="1737360" algn="l"/></a:tabLst>'))
     + footers(4)),
    ("Section Header", ACCENT, on_accent(1.1, 2.3, 48, 2.4) + footers(5, "bg2")),
    ("Title and Content", PLAIN, title() + body(3, 1, BODY_BOX) + footers(4)),
    ("Two Content", PLAIN, title() + body(3, 1, inch(0.75, 2.0, 5.667, 4.6))
     + body(4, 2, inch(6.917, 2.0, 5.667, 4.6)) + footers(5)),
    ("Picture", PLAIN, title() + body(3, 1, BODY_BOX, kind="pic", prompt="Picture")
     + footers(4)),
    ("Quote", PLAIN, title() + bar(3, inch(0.85, 2.1, 0.12, 1.5), "accent1")
     + body(4, 1, inch(1.25, 2.0, 11.333, 4.6), plain_style(32, "tx1", space=12))
     + footers(5)),
    ("Title Only", PLAIN, title() + footers(3)),
    ("Activity", PLAIN, title() + body(3, 1, inch(0.75, 2.0, 7.6, 4.6))
     + body(4, 2, inch(8.75, 2.0, 3.833, 2.9), plain_style(28, "tx2", True, space=8),
            fill="accent6") + footers(5)),
    ("Easy Read", PLAIN, title() + body(3, 1, inch(0.75, 1.95, 4.5, 4.5), kind="pic",
                                        prompt="Picture")
     + body(4, 2, inch(5.75, 1.95, 6.833, 4.5), plain_style(36, "tx1", space=18), "ctr")
     + footers(5)),
    ("Statement", PLAIN, statement()),
    ("Break", SURFACE, break_slide()),
    ("Closing", ACCENT, closing()),
]
"""Name, the colour slot it sits on (empty for the master's background), and its shapes."""


def layout_xml(name: str, background: str, shapes: str) -> str:
    """Return one slide layout part's XML (a coloured one hides the master's accent rule)."""
    bg = (f'<p:bg><p:bgPr><a:solidFill><a:schemeClr val="{background}"/></a:solidFill>'
          '<a:effectLst/></p:bgPr></p:bg>' if background else "")
    hide = ' showMasterSp="0"' if background else ""
    return (f'<p:sldLayout {NS} preserve="1"{hide}><p:cSld name="{name}">{bg}<p:spTree>'
            f'{TREE_HEAD}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
            f'</p:clrMapOvr></p:sldLayout>')


def master_xml(layout_rids: list[str]) -> str:
    """Return the slide master: background, placeholders, accent rule and text styles."""
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>'
                  for i, rid in enumerate(layout_rids))
    shapes = (title() + body(3, 1, BODY_BOX, body_levels()) + footers(4)
              + bar(6, inch(0.85, 1.78, 1.2, 0.07), "accent1"))
    other = ('<a:defPPr>' + rpr(18, "tx1") + '</a:defPPr>' + plain_style(18, "tx1", space=0))
    return (f'<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/>'
            f'</a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{TREE_HEAD}{shapes}'
            f'</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" '
            f'accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
            f'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
            f'<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst><p:txStyles><p:titleStyle>'
            f'{level(1, 40, "tx2", None, True, "+mj-lt", space=0)}</p:titleStyle>'
            f'<p:bodyStyle>{body_levels()}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle>'
            f'</p:txStyles></p:sldMaster>')


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
           '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>packgen</Application><PresentationFormat>Custom</PresentationFormat>'
           '<Slides>0</Slides><Notes>0</Notes></Properties>')


def build(theme: dict) -> Presentation:
    """Return the template presentation built from a parsed theme.yaml."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    prs.part._element.find(elements.qn("p:sldSz")).attrib.pop("type", None)
    _add_notes_master(prs)
    master = prs.slide_masters[0]
    rids = [r.rId for r in master.part.rels.values() if r.reltype.endswith("/slideLayout")]
    rids.sort(key=lambda rid: int(rid[3:]))
    rids += _add_layout_parts(master.part, len(LAYOUTS) - len(rids))
    for part_rid, (name, accent, shapes) in zip(rids, LAYOUTS):
        master.part.related_part(part_rid)._element = parse_xml(layout_xml(name, accent, shapes))
    master.part._element = parse_xml(master_xml(rids[: len(LAYOUTS)]))
    assert len(rids) == len(LAYOUTS)
    for part in deck_theme.theme_parts(prs):
        part._blob = deck_theme.apply_theme(part.blob, theme["colours"], theme["fonts"])
    _clean_package(prs)
    return prs


def _add_layout_parts(master_part: Any, count: int) -> list[str]:
    """Add ``count`` empty layout parts after python-pptx's own; return their master rIds."""
    first = master_part.related_part(next(
        r.rId for r in master_part.rels.values() if r.reltype.endswith("/slideLayout")))
    rids = []
    for n in range(count):
        number = len([r for r in master_part.rels.values()
                      if r.reltype.endswith("/slideLayout")]) + 1
        part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml"),
                               first.content_type, master_part.package, parse_xml(first.blob))
        part.relate_to(master_part, RT.SLIDE_MASTER)
        rids.append(master_part.relate_to(part, RT.SLIDE_LAYOUT))
    return rids


def _add_notes_master(prs: Presentation) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _ = slide.notes_slide  # creates the notes master and its theme
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[0].rId)
    ids.remove(ids[0])


def _clean_package(prs: Presentation) -> None:
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            package.drop_rel(rel.rId)
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML.encode()
    for rel in list(prs.part.rels.values()):
        if rel.reltype.endswith("/printerSettings"):
            prs.part.drop_rel(rel.rId)
    roots = [prs.part._element, prs.slide_masters[0].part._element]
    roots += [layout.part._element for layout in prs.slide_layouts]
    roots += [prs.notes_master.part._element]
    deck_text.fix_languages(roots, LANG)
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    elements.set_core_properties(prs, "packgen deck template", "packgen", LANG, when)


def main() -> None:
    """Write src/packgen/templates/deck.pptx."""
    theme = yaml.safe_load((TEMPLATES / "theme.yaml").read_text(encoding="utf-8"))
    target = TEMPLATES / "deck.pptx"
    build(theme).save(target)
    normalise_zip(target, WHEN)
    print(f"wrote {TEMPLATES / 'deck.pptx'}")


if __name__ == "__main__":
    main()
