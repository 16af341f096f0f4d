"""Equations on slides: PowerPoint's ``a14:m`` with a text fallback LibreOffice shows.

PowerPoint stores an equation as ``a14:m`` (OMML inside) in a shape wrapped in
``mc:AlternateContent``. A writer first puts the equation and its fallback run side by side
(``add_math``); ``wrap_equations`` then splits each such shape into the choice (equations,
for PowerPoint) and the fallback (the same shape with the equations as plain text).

The choice requires ``a14 m``: LibreOffice reads ``a14`` but not ``a14:m``, so naming the
math namespace too makes it take the fallback; PowerPoint understands both.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

from packgen.texmath.linear import linear
from packgen.writers.equations.omml import M, omml
from packgen.writers.pptx.oxml.text import add_run, paragraph_props

A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = f"{{{A14}}}m"
_MARK = "{urn:packgen:fallback}run"
"""Marks a fallback run until ``wrap_equations`` moves it to the fallback shape."""


def add_math(p: Any, tex: str, display: bool, lang: str, size: float | None = None) -> None:
    """Append an equation for checked ``tex`` to the ``a:p`` element ``p``, with its
    fallback run (the formula as Unicode text) right after it."""
    paragraph_props(p)  # first, so that python-pptx never adds one after the equation
    holder = etree.Element(_MATH, nsmap={"a14": A14})
    holder.append(omml(tex, display))
    run = add_run(p, linear(tex), lang, size=size)
    run.set(_MARK, "1")
    run.addprevious(holder)


def add_paragraph_math(paragraph: Any, tex: str, display: bool, lang: str,
                       size: float | None = None) -> None:
    """Append an equation to a python-pptx paragraph (as ``add_math``)."""
    add_math(paragraph._p, tex, display, lang, size)


def wrap_equations(slide: Any) -> None:
    """Wrap every shape or table of ``slide`` holding an equation in ``mc:AlternateContent``:
    equations for PowerPoint, their text for other readers."""
    tree = slide.shapes._spTree
    for shape in [sp for sp in tree.iterchildren(qn("p:sp"), qn("p:graphicFrame"))
                  if sp.find(f".//{_MATH}") is not None]:
        _wrap(shape)


def _wrap(shape: Any) -> None:
    fallback = copy.deepcopy(shape)
    for run in [r for r in shape.iter(qn("a:r")) if r.get(_MARK)]:
        run.getparent().remove(run)
    for holder in list(fallback.iter(_MATH)):
        holder.getparent().remove(holder)
    for run in fallback.iter(qn("a:r")):
        run.attrib.pop(_MARK, None)
    alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    shape.addprevious(alternate)
    choice = etree.SubElement(alternate, f"{{{MC}}}Choice", nsmap={"a14": A14, "m": M})
    choice.set("Requires", "a14 m")
    choice.append(shape)
    etree.SubElement(alternate, f"{{{MC}}}Fallback").append(fallback)
