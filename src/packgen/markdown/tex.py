"""TeX math (``$x^2$``, ``$$\\sum_i x_i$$``) as read by Pandoc's ``tex_math_dollars``.

The dollar rules are mdit-py-plugins' ``dollarmath`` with Pandoc's options: no space just
inside the dollars, no digit just after the closing one (``$5 and $10`` stays text), no
blank line inside display math. An equation becomes one span with ``math`` set; TeX that
cannot be drawn is one warning at its line and stays visible as code text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mdit_py_plugins.dollarmath import dollarmath_plugin

from packgen import texmath
from packgen.texmath.linear import linear
from packgen.errors import LIMIT_EXCEEDED
from packgen.markdown.divs import Context
from packgen.model import Loc, Span, Text
from packgen.safety import MAX_MATH_CHARS

BAD_MATH = "PG160"


def use_dollar_math(md: Any) -> Any:
    """Add Pandoc's dollar math to the markdown-it parser ``md``; return it."""
    return md.use(dollarmath_plugin, allow_labels=False, allow_space=False,
                  allow_digits=False, allow_blank_lines=False, double_inline=True)


def math_span(tex: str, display: bool, ctx: Context, loc: Loc) -> Text:
    """Return the span of one equation, or its TeX as code text with a warning when bad."""
    tex = tex.strip()
    if len(tex) > MAX_MATH_CHARS:
        ctx.error(f"math longer than {MAX_MATH_CHARS} characters", loc, LIMIT_EXCEEDED)
        return ()
    problem = texmath.problem(tex)
    if problem:
        ctx.warn(f"{problem}: the TeX '{_short(tex)}' is shown as code", loc, BAD_MATH)
        return (Span(tex, code=True),)
    return (Span(tex, math="display" if display else "inline"),)


def math_as_text(text: Text) -> Text:
    """Return ``text`` with each equation as its plain Unicode form (``x²``, ``a/b``): for
    headings, which become slide titles, agenda lines and bookmarks that hold text only."""
    return tuple(replace(s, text=linear(s.text), math="") if s.math else s for s in text)


def _short(tex: str) -> str:
    return tex if len(tex) <= 60 else tex[:57] + "..."
