"""Project files are read only through ``paths`` (``contained``, ``read_bytes``, ``read_text``).

A module that opens a file itself could follow a link out of the project or read a huge
file whole; this test walks the source for direct reads outside a short allow-list.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from where import REPO

SRC = REPO / "src" / "packgen"
ALLOWED = {
    "paths.py": "the containment check itself: every other read goes through it",
    "safety.py": "inspects a file already contained (zip directory, picture header) before "
                 "a library opens it",
    "output/staging.py": "reads packgen's own manifest in the output folder",
    "output/reproducible.py": "rewrites packgen's own outputs in the staging folder",
    "output/cache.py": "hashes packgen's own files, and the project's files for the build "
                       "cache: a link leading out of the project is hashed by its text, and "
                       "special files and files over the size limit are never opened",
    "writers/pptx/oxml/speed.py": "opens the deck it writes, for writing only",
    "rules/ooxml/package.py": "reads a .pptx found by find_template (contained) or named on "
                              "the command line by `template check`",
    "rules/easy_read_words.py": "reads packgen's own shipped word data (rules/data)",
    "live/server.py": "serves packgen's own outputs (only those a manifest lists) and slide "
                      "pictures from the output folder, opened without following a link",
    "output/scaffold.py": "reads packgen's own starter project (package data) to write a "
                          "new one; it reads nothing of a project",
    "translations.py": "reads packgen's own compiled message catalogues (package data)",
    "rules/ooxml/links.py": "lists the relationships of a template found by find_template "
                            "(contained) once safety.check_office_file has passed it",
}
"""Module (relative to ``src/packgen``) to why it may read files directly."""
READ_METHODS = frozenset({"read_text", "read_bytes", "open"})
"""Methods that read a file (``Path.read_text``, ``Path.open``, ``Image.open``, ``gzip.open``)."""
READ_FUNCTIONS = frozenset({"open", "ZipFile"})
"""Functions that read a file when called by their bare name."""
OWN_RECEIVERS = frozenset({"staging", "paths", "found", "reference", "part", "self",
                           "template"})
"""Receivers whose ``.open`` / ``.read_*`` is packgen's own: the staging folder, the
``paths`` module, and ``TemplateFile`` objects (already contained)."""


def reads(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Return (line, what) for each direct file read in ``tree``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in READ_FUNCTIONS:
            yield node.lineno, f"{func.id}()"
        elif isinstance(func, ast.Attribute) and func.attr == "ZipFile":
            yield node.lineno, "zipfile.ZipFile()"
        elif isinstance(func, ast.Attribute) and func.attr in READ_METHODS and not (
                isinstance(func.value, ast.Name) and func.value.id in OWN_RECEIVERS):
            yield node.lineno, f".{func.attr}()"


def direct_reads() -> list[str]:
    """Return ``file:line: what`` for each direct read outside the allow-list."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name not in ALLOWED:
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            found += [f"{name}:{line}: {what}" for line, what in sorted(reads(tree))]
    return found


def test_project_files_are_read_only_through_paths() -> None:
    found = direct_reads()
    assert not found, ("files read without paths.contained / read_bytes / read_text (or add "
                       "the module to ALLOWED with a reason):\n" + "\n".join(found))


def test_every_allowed_module_exists_and_still_reads() -> None:
    for name in ALLOWED:
        source = (SRC / name).read_text(encoding="utf-8")
        assert list(reads(ast.parse(source))), f"{name} no longer reads files: drop it"


def test_the_check_sees_a_planted_read() -> None:
    source = ("text = (root / 'templates' / name).read_text()\n"
              "with open(path, 'rb') as fh: pass\n"
              "data = path.read_bytes()\n"
              "img = Image.open(path)\n"
              "z = zipfile.ZipFile(path)\n"
              "with path.open('rb') as fh: pass\n"
              "staging.open()\n"
              "text = found.read_text()\n")
    assert sorted(line for line, _ in reads(ast.parse(source))) == [1, 2, 3, 4, 5, 6]
