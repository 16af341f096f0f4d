"""The catalogue of finding codes as ``packgen rules`` prints it: a table, or one code
explained."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from packgen.codes import Code

_PARTS = (("What it checks", "checks"), ("Why it matters", "why"), ("How to fix it", "fix"))
_WIDTH = 88


def rules_text(entries: Sequence[Code], fmt: str, one: bool) -> str:
    """Return what ``packgen rules`` prints: a table of ``entries`` (code, severity, name,
    summary), or with ``one`` the single entry explained; ``fmt`` ``json`` gives the list
    (or the one entry) as one JSON document."""
    if fmt == "json":
        shapes = [entry.as_dict() for entry in entries]
        return json.dumps(shapes[0] if one else shapes, indent=2, ensure_ascii=False)
    return explain(entries[0]) if one else rules_table(entries)


def rules_table(entries: Sequence[Code]) -> str:
    """Return one line per code: code, severity, name and summary, in aligned columns."""
    width = max(len(e.name) for e in entries)
    return "\n".join(f"{e.code}  {e.severity:<7}  {e.name:<{width}}  {e.summary}"
                     for e in entries)


def explain(entry: Code) -> str:
    """Return a code's explanation: its heading and summary, then what it checks, why it
    matters, how to fix it and how to silence it, each wrapped under its title."""
    parts = [(title, getattr(entry, field)) for title, field in _PARTS]
    parts.append(("How to silence it", entry.silence()))
    body = "\n\n".join(f"{title}\n{_indented(text)}" for title, text in parts)
    return f"{entry.code} {entry.name} ({entry.severity})\n{entry.summary}\n\n{body}"


def _indented(text: str) -> str:
    """Return paragraphs wrapped and indented two spaces; a code line (four spaces) as is."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if p.startswith("    ") else
                       textwrap.fill(p, _WIDTH, initial_indent="  ", subsequent_indent="  ")
                       for p in paragraphs)
