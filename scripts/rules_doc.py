"""Write the code tables of docs/rules.md from the catalogue of finding codes.

Run it again (``python scripts/rules_doc.py``) after changing ``src/packgen/codes.py``; a
test fails until then. Each family's table sits between two marker comments; the prose
around them (the finding format, silencing, thresholds, each family's introduction) is
written by hand and kept as it is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from packgen.codes import CATALOGUE, Code

TARGET = Path(__file__).parents[1] / "docs" / "rules.md"
START = "<!-- codes {family}: written by scripts/rules_doc.py from src/packgen/codes.py -->"
END = "<!-- end of codes {family} -->"
_BLOCK = re.compile(r"<!-- codes (PG\d): written by scripts/rules_doc\.py from "
                    r"src/packgen/codes\.py -->\n.*?<!-- end of codes \1 -->", re.DOTALL)


def main() -> int:
    """Rewrite docs/rules.md's code tables; say which families were written."""
    text = TARGET.read_text(encoding="utf-8")
    TARGET.write_text(page_text(text), encoding="utf-8")
    print(f"{TARGET.name}: {', '.join(sorted(set(_BLOCK.findall(text))))}")
    return 0


def page_text(text: str) -> str:
    """Return ``text`` (the page as it is) with every family's table written afresh.

    A family with codes but no markers in the page is an error: its codes would be missing.
    """
    families = {entry.code[:3] for entry in CATALOGUE}
    missing = sorted(families - set(_BLOCK.findall(text)))
    if missing:
        raise SystemExit(f"{TARGET}: no markers for the codes of {', '.join(missing)}")
    return _BLOCK.sub(lambda match: block(match[1]), text)


def block(family: str) -> str:
    """Return one family's table with the markers around it."""
    rows = [_row(entry) for entry in CATALOGUE if entry.code.startswith(family)]
    table = ["| code | name | severity | what it checks |", "| --- | --- | --- | --- |", *rows]
    return "\n".join([START.format(family=family), *table, END.format(family=family)])


def _row(entry: Code) -> str:
    text = entry.checks.replace("|", "\\|")
    return f"| `{entry.code}` | `{entry.name}` | {entry.severity} | {text} |"


if __name__ == "__main__":
    sys.exit(main())
