"""Drop a deck template's external relationships (PG022) from the opened presentation."""

from __future__ import annotations

from typing import Any

from packgen.writers.opc_oxml import drop_external


def drop_external_relationships(prs: Any) -> None:
    """Remove every external relationship but web and mail hyperlinks, and what refers to it."""
    package = prs.part.package
    drop_external(package._rels, package.iter_parts())
