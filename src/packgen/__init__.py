"""packgen: build tailored workshop packs from Markdown modules and designer templates."""

from __future__ import annotations

__version__ = "0.1.0"
