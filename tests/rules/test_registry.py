"""The rule registry, silencing from packgen.toml, and the rules page that documents them."""

from __future__ import annotations

import re
from pathlib import Path

from rules_support import module, para, slide, tailored
from where import REPO

from packgen.errors import error, info, warning
from packgen.model import Config
from packgen.rules import RULES, apply_silence, rules_table, run_pack_rules

DOCS = REPO / "docs" / "rules.md"


def test_every_rule_has_a_stable_code_a_doc_line_and_a_severity() -> None:
    for rule in rules_table():
        assert re.fullmatch(r"PG\d{3}", rule.code)
        assert rule.doc and "\n" not in rule.doc
        assert rule.severity.value in ("error", "warning", "info")
    assert [r.code for r in rules_table()] == sorted(RULES)


def test_codes_are_grouped_by_family() -> None:
    families = {code[:3] for code in RULES}
    assert families == {"PG0", "PG1", "PG2", "PG3", "PG4", "PG5"}


def test_the_rules_page_lists_every_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [code for code in RULES if f"`{code}`" not in text]
    assert missing == []


def test_every_code_the_source_reports_is_registered() -> None:
    src = REPO / "src" / "packgen"
    used = {code for path in src.rglob("*.py")
            for code in re.findall(r'"(PG\d{3})"', path.read_text(encoding="utf-8"))}
    assert sorted(used - set(RULES)) == []


def test_silence_drops_warnings_by_file_pack_or_everywhere() -> None:
    diags = [
        warning("a", "content/modules/x.md", 3, "PG108"),
        warning("b", "content/modules/y.md", 4, "PG108"),
        warning("c", "content/modules/y.md", 5, "PG102"),
        info("d", "content/packs/p.yaml", 1, "PG303"),
    ]
    config = Config(silence={"PG108": ("content/modules/x.md",), "PG102": ("staff-intro",),
                             "PG303": ("*",)})
    kept = apply_silence(diags, config, "staff-intro")
    assert [d.message for d in kept] == ["b"]
    assert [d.message for d in apply_silence(diags, config, "other")] == ["b", "c"]


def test_silence_accepts_folders_and_wildcards() -> None:
    diag = warning("a", "content/modules/x.md", 3, "PG108")
    for entry in ("content/modules", "content/modules/", "content/*/x.md", "*.md"):
        assert apply_silence([diag], Config(silence={"PG108": (entry,)}), "p") == []


def test_errors_are_never_silenced() -> None:
    diag = error("broken", "content/modules/x.md", 1, "PG401")
    assert apply_silence([diag], Config(silence={"PG401": ("*",)}), "p") == [diag]


def test_run_pack_rules_gathers_content_and_template_findings(tmp_path: Path) -> None:
    tp = tailored(module(slide("Same", para("a"), line=3), slide("Same", para("b"), line=7),
                         has_easy_read=True), root=tmp_path)
    found = run_pack_rules(tp)
    assert ("PG102", 7) in {(d.code, d.line) for d in found}
    assert len(found) == len(set(found))
