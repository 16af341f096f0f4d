"""Every finding has a code from the one catalogue, and the rules page is written from it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from where import REPO, load_script

from packgen import codes
from packgen.codes import CATALOGUE, CODES, FAMILIES, lookup
from packgen.errors import Diagnostic, InternalError, PackgenError, Severity, error

SRC = REPO / "src" / "packgen"
RESERVED = {"PG008", "PG009", *(f"PG0{n}" for n in range(25, 30)),
            *(f"PG1{n}" for n in range(20, 25)), "PG304", "PG305", "PG306"}
"""Codes kept free for work elsewhere: never in the catalogue yet."""
OWN_MAKERS = {"Diagnostic": 4, "PackgenError": 3, "error": 3, "warning": 3, "info": 3}
"""Each finding maker of errors.py, and how many positional arguments come before its code."""


def _subclasses_of_packgen_error() -> set[str]:
    """Return the PackgenError subclasses in the source that keep its constructor."""
    found = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and \
                    any(getattr(base, "id", "") == "PackgenError" for base in node.bases) and \
                    not any(getattr(item, "name", "") == "__init__" for item in node.body):
                found.add(node.name)
    return found


POSITIONAL_CODE = OWN_MAKERS | dict.fromkeys(_subclasses_of_packgen_error(), 3)
"""Every finding maker, and how many positional arguments come before its code."""


def _calls_without_code(path: Path, base: Path = REPO) -> list[str]:
    """Return ``file:line`` of each finding made in ``path`` without a code argument."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = _maker(node)
        if name is None:
            continue
        keywords = {k.arg for k in node.keywords}
        spread = None in keywords or any(isinstance(a, ast.Starred) for a in node.args)
        if "code" not in keywords and not spread and len(node.args) <= POSITIONAL_CODE[name]:
            found.append(f"{path.relative_to(base)}:{node.lineno}")
    return found


def _maker(node: ast.AST) -> str | None:
    """Return the finding maker ``node`` calls (``error``, ``errors.error``, ...), or None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id in POSITIONAL_CODE:
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in POSITIONAL_CODE:
        own = func.attr not in ("error", "warning", "info")
        return func.attr if own or getattr(func.value, "id", "") == "errors" else None
    return None


def test_every_finding_made_in_the_source_passes_a_code() -> None:
    assert "CallError" in POSITIONAL_CODE
    missing = [where for path in sorted(SRC.rglob("*.py")) for where in _calls_without_code(path)]
    assert missing == []


def test_the_static_check_names_a_call_without_a_code(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("raise PackgenError('x', 'a.md', 3)\nerrors.error('y', None, None)\n"
                      "error('z', None, None, 'PG003')\nPackgenError('w', code='PG003')\n",
                      encoding="utf-8")
    assert _calls_without_code(sample, tmp_path) == ["sample.py:1", "sample.py:2"]


@pytest.mark.parametrize("code", ["", None, "PG1", "pg101", "PG1011", "XX101", " PG101"])
def test_a_finding_without_a_well_formed_code_is_a_bug(code: object) -> None:
    with pytest.raises(InternalError, match="no valid code"):
        Diagnostic(Severity.WARNING, "oops", "content/modules/a.md", 3,
                   code)  # type: ignore[arg-type]
    with pytest.raises(InternalError):
        PackgenError("oops", "content/modules/a.md", 3)


def test_a_finding_prints_its_code_last() -> None:
    assert str(error("bad", "content/modules/a.md", 3, "PG003")) == \
        "content/modules/a.md:3: error: bad [PG003]"


def test_every_code_in_the_source_is_catalogued_and_every_catalogued_code_is_used() -> None:
    used = {code for path in SRC.rglob("*.py") if path.name != "codes.py"
            for code in re.findall(r'"(PG\d{3})"', path.read_text(encoding="utf-8"))}
    assert sorted(used - set(CODES)) == []
    assert sorted(set(CODES) - used) == []


def test_the_catalogue_is_in_code_order_with_unique_names_in_known_families() -> None:
    assert [c.code for c in CATALOGUE] == sorted(CODES)
    assert len({c.name for c in CATALOGUE}) == len(CATALOGUE)
    assert {c.code[:3] for c in CATALOGUE} == set(FAMILIES)
    assert set(CODES) & RESERVED == {"PG025", "PG026", "PG027", "PG028", "PG120", "PG121", "PG122",
                                      "PG123", "PG124", "PG304"}


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda c: c.code)
def test_every_code_is_explained_in_four_parts(entry: codes.Code) -> None:
    assert re.fullmatch(r"PG\d{3}", entry.code)
    assert entry.severity in ("error", "warning", "info")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name)
    assert entry.summary and "\n" not in entry.summary
    assert all(part.strip() for part in (entry.checks, entry.why, entry.fix))


def test_warnings_say_the_silence_lines_and_errors_say_they_cannot_be_silenced() -> None:
    assert '[silence]\n    PG108 = ["content/modules/intro.md"]' in CODES["PG108"].silence()
    assert CODES["PG303"].silence().count("PG303 = [") == 1
    assert CODES["PG110"].silence().startswith("Errors cannot be silenced")


def test_a_code_is_found_by_code_in_any_case_or_by_name() -> None:
    assert lookup("PG108") is lookup("pg108") is lookup("slide-too-full") is CODES["PG108"]
    assert lookup("PG999") is None and lookup("slide-too-ful") is None


def test_the_catalogue_imports_only_the_standard_library() -> None:
    tree = ast.parse((SRC / "codes.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "dataclasses"}


def test_the_rules_page_is_what_the_script_writes() -> None:
    script = load_script("rules_doc")
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == script.page_text(text), "run python scripts/rules_doc.py"


def test_the_rules_page_lists_every_code_with_its_name() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert [c.code for c in CATALOGUE if f"| `{c.code}` | `{c.name}` |" not in text] == []
