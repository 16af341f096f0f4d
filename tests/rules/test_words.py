"""A pack in a language packgen has no words for says so once; a Welsh pack names each project
template whose words stay as written."""

from __future__ import annotations

from pathlib import Path

from project_support import PACK, make

from packgen import api
from packgen.paths import packaged_template
from packgen.rules.words import no_catalogue, untranslated_templates


def tailored(tmp_path: Path, language: str, files: dict[str, str] | None = None):
    root = make(tmp_path, {"content/packs/p.yaml": PACK + f"language: {language}\n",
                           **(files or {})})
    tp, _ = api.tailored(root, "p")
    return tp


def test_a_pack_in_a_language_without_a_catalogue_is_told_its_words_stay_english(
        tmp_path: Path) -> None:
    (found,) = no_catalogue(tailored(tmp_path, "fr-FR"))
    assert found.code == "PG185" and found.severity.value == "info"
    assert str(found).startswith("content/packs/p.yaml:")
    assert "packgen has no words of its own in 'fr-FR'" in found.message
    assert "en, cy" in found.message


def test_english_and_welsh_packs_have_their_words(tmp_path: Path) -> None:
    assert no_catalogue(tailored(tmp_path / "cy", "cy-GB")) == []
    assert no_catalogue(tailored(tmp_path / "en", "en-GB")) == []


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
