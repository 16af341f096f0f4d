"""Estimate where a Word document's pages break, for the page numbers a contents shows.

Word and LibreOffice lay a document out when it is opened; a contents field keeps the page
numbers it was saved with until it is updated. These estimates fill it in from the text
length, the font size and the spacing of each paragraph's style, the rows kept whole and the
page breaks asked for, so the numbers shown before any update are right or one page out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.document import Document

from packgen.writers.docx.oxml import qn

EM_WIDTH = 0.52
"""Average width of a character in ems for the sans fonts the guide uses."""
TWIPS_PER_PT = 20
LINE_HEIGHT = 1.16
"""A line of single-spaced text, in ems (ascent plus descent of those fonts)."""


@dataclass(frozen=True, slots=True)
class _Look:
    size: float
    line: float
    before: float
    after: float
    keep_next: bool


def page_of_bookmarks(doc: Document) -> dict[str, int]:
    """Return the estimated page (from 1) of each bookmark in the body of ``doc``."""
    return Layout(doc).run()


class Layout:
    """Walk the body once, adding up heights and starting pages as Word would."""

    def __init__(self, doc: Document) -> None:
        section = doc.sections[0]
        self.width = (section.page_width - section.left_margin - section.right_margin) / 12700
        self.height = (section.page_height - section.top_margin - section.bottom_margin) / 12700
        self.looks = {s.style_id: _look(s) for s in doc.styles if s.type == 1}
        self.default = self.looks.get(doc.styles["Normal"].style_id, _Look(11, 1.2, 0, 6, False))
        self.body = doc.element.body
        self.page, self.used = 1, 0.0
        self.pages: dict[str, int] = {}

    def run(self) -> dict[str, int]:
        children = [c for c in self.body if c.tag in (qn("w:p"), qn("w:tbl"))]
        for i, child in enumerate(children):
            after = children[i + 1] if i + 1 < len(children) else None
            if child.tag == qn("w:p"):
                self._paragraph(child, after)
            else:
                self._table(child)
        return self.pages

    def _paragraph(self, p: object, after: object | None) -> None:
        look = self._look(p)
        if _flag(p, "w:pageBreakBefore"):
            self._new_page()
        height = self.paragraph_height(p, self.width)
        need = height
        if look.keep_next and after is not None:
            need += self._first_line(after)
        if self.used and self.used + need > self.height:
            self._new_page()
        for mark in p.iter(qn("w:bookmarkStart")):  # type: ignore[attr-defined]
            self.pages.setdefault(mark.get(qn("w:name")), self.page)
        self.used += height
        if p.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']"):  # type: ignore[attr-defined]
            self._new_page()

    def _table(self, tbl: object) -> None:
        for tr in tbl.findall(qn("w:tr")):  # type: ignore[attr-defined]
            height = self.row_height(tr)
            if self.used and self.used + height > self.height:
                self._new_page()
            self.used += height
            while self.used > self.height:
                self.used -= self.height
                self.page += 1

    def row_height(self, tr: object) -> float:
        """Return the height of a table row in points: its tallest cell."""
        tallest = 0.0
        for tc in tr.findall(qn("w:tc")):  # type: ignore[attr-defined]
            w = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            width = int(w.get(qn("w:w"))) / TWIPS_PER_PT - 12 if w is not None else self.width
            inner = sum(self.paragraph_height(p, width) for p in tc.iter(qn("w:p")))
            tallest = max(tallest, inner + 8)
        return tallest

    def paragraph_height(self, p: object, width: float) -> float:
        """Return a paragraph's height in points: its lines, pictures and spacing."""
        look = self._look(p)
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))  # type: ignore[attr-defined]
        per_line = max(1, int(width / (look.size * EM_WIDTH)))
        lines = max(1, math.ceil(len(text) / per_line))
        pictures = sum(int(e.get("cy")) / 12700 for e in p.iter(qn("wp:extent")))  # type: ignore[attr-defined]
        return lines * look.size * look.line * LINE_HEIGHT + pictures + look.before + look.after

    def _first_line(self, el: object) -> float:
        if el.tag == qn("w:tbl"):  # type: ignore[attr-defined]
            rows = el.findall(qn("w:tr"))  # type: ignore[attr-defined]
            return self.row_height(rows[1] if len(rows) > 1 else rows[0]) if rows else 0.0
        look = self._look(el)
        return look.before + look.size * look.line * 2

    def _look(self, p: object) -> _Look:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")  # type: ignore[attr-defined]
        return self.looks.get(style.get(qn("w:val")), self.default) if style is not None \
            else self.default

    def _new_page(self) -> None:
        self.page, self.used = self.page + 1, 0.0


def _look(style: object) -> _Look:
    chain = []
    while style is not None:
        chain.append(style)
        style = style.base_style  # type: ignore[attr-defined]

    def first(get: object, default: float) -> float:
        for s in chain:
            value = get(s)  # type: ignore[operator]
            if value is not None:
                return value
        return default

    size = first(lambda s: s.font.size and s.font.size.pt, 11.0)
    line = first(lambda s: s.paragraph_format.line_spacing
                 if isinstance(s.paragraph_format.line_spacing, float) else None, 1.15)
    before = first(lambda s: s.paragraph_format.space_before and
                   s.paragraph_format.space_before.pt, 0.0)
    after = first(lambda s: s.paragraph_format.space_after and
                  s.paragraph_format.space_after.pt, 0.0)
    keep = bool(first(lambda s: s.paragraph_format.keep_with_next, False))
    return _Look(size, line, before, after, keep)


def _flag(p: object, tag: str) -> bool:
    el = p.find(f"{qn('w:pPr')}/{qn(tag)}")  # type: ignore[attr-defined]
    return el is not None and el.get(qn("w:val")) not in ("0", "false")
