"""Write the Python code Jinja2 makes from packgen's packaged HTML and CSS templates.

Run it again (``python scripts/precompile_templates.py``) after changing a packaged
``*.html`` or ``*.css`` template or upgrading Jinja2; a test fails until then. Jinja2 turns
each template into Python source by lexing, parsing and generating code in Python, about
0.15 s for the guide's and the handout's templates on every build; the generated source is
the same every time for the same text, so it is shipped in ``src/packgen/precompiled_templates.py``,
keyed by the template's name and the SHA-256 of its text. A project's own templates, and
any packaged one whose text no longer matches, are compiled as before.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from jinja2 import nodes

from packgen import paths
from packgen.templating import PRECOMPILED, make_env

TARGET = Path(__file__).parents[1] / "src" / "packgen" / "precompiled_templates.py"


def main() -> int:
    """Write the module; print what it holds."""
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"{TARGET.name}: {', '.join(PRECOMPILED)}")
    return 0


def module_text() -> str:
    """Return the module: ``TEMPLATES = {name: (sha256 of the text, generated source)}``."""
    entries = "".join(f"    {name!r}: (\n        {digest!r},\n        {code!r},\n    ),\n"
                      for name, (digest, code) in generated().items())
    return ('"""Python code Jinja2 generates from packgen\'s packaged HTML and CSS templates.\n\n'
            "Written by scripts/precompile_templates.py from the templates as shipped, with "
            f"Jinja2 {metadata.version('jinja2')}:\ndo not edit. "
            'templating.py uses an entry only when the template\'s text has the SHA-256 given.\n"""\n\n'
            f"TEMPLATES: dict[str, tuple[str, str]] = {{\n{entries}}}\n")


def generated() -> dict[str, tuple[str, str]]:
    """Return name to (sha256 of the packaged text, the source Jinja2 generates from it)."""
    env = make_env(lambda name: paths.packaged_template(name))
    found = {}
    for name in PRECOMPILED:
        text = paths.packaged_template(name).read_text()
        tree = env.parse(text)
        env.filters.update({f.name: _placeholder for f in tree.find_all(nodes.Filter)
                            if f.name not in env.filters})
        code = env.compile(text, name, name, raw=True)
        found[name] = (hashlib.sha256(text.encode("utf-8")).hexdigest(), code)
    return found


def _placeholder(*_args: object, **_kwargs: object) -> str:
    """Stands for a filter the writers add: code is generated the same whatever it does."""
    return ""


if __name__ == "__main__":
    sys.exit(main())
