"""The guide builder: a timed session plan, checklists, notes and activities (PDF, HTML, DOCX)."""

from __future__ import annotations

from typing import ClassVar

from packgen.builders import KindBuilder


class GuideBuilder(KindBuilder):
    """Write ``<pack>-guide.pdf``, ``.html`` and ``.docx`` from one tailored pack."""

    name: ClassVar[str] = "guide"
