"""A Welsh pack names each project template whose words stay as written."""

from __future__ import annotations

from pathlib import Path

from project_support import PACK, make

from packgen import api
from packgen.paths import packaged_template
from packgen.rules.words import untranslated_templates


WELSH_TEXT = "---\ntitle: Croeso\ntranslated_by: A translator\n---\n"
"""A Welsh text of the sample module (its slides are not what is tested here)."""


def tailored(tmp_path: Path, language: str, files: dict[str, str] | None = None):
    root = make(tmp_path, {"content/packs/p.yaml": PACK + f"language: {language}\n",
                           "content/modules/welcome.cy.md": WELSH_TEXT, **(files or {})})
    tp, _ = api.tailored(root, "p")
    return tp


def test_a_welsh_pack_names_a_project_template_that_writes_its_own_words(
        tmp_path: Path) -> None:
    old = "<!DOCTYPE html>\n<html lang=\"{{ lang }}\"><body><h2>Session plan</h2></body></html>\n"
    copied = packaged_template("handout.typ").path.read_text(encoding="utf-8")
    tp = tailored(tmp_path, "cy-GB", {"templates/guide.html": old,
                                      "templates/handout.typ": copied})
    (found,) = untranslated_templates(tp)
    assert found.code == "PG186" and found.path == "templates/guide.html"
    assert 'take them from packgen with _("...")' in found.message


def test_an_english_pack_may_keep_its_templates_words(tmp_path: Path) -> None:
    tp = tailored(tmp_path, "en-GB", {"templates/guide.html": "<html><h2>Plan</h2></html>\n"})
    assert untranslated_templates(tp) == []
