"""The deck writer and ``packgen template check`` read one placeholder contract and agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pptx
import pytest
from deck_sample import ROOT as FIXTURE
from deck_sample import sample
from pptx import Presentation
from rules_support import PACKAGED_DECK, theme_with

from packgen.builders import get_builder
from packgen.errors import PackgenError
from packgen.model import PlannedSlide
from packgen.model.slide_kinds import DEFAULT_LAYOUTS, KINDS, PLACEHOLDERS
from packgen.rules import template as rules_template
from packgen.rules.ooxml.templatedoc import read_template
from packgen.writers.pptx import slides
from packgen.writers.pptx import template as deck_template

PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
TEMPLATES = {"packaged": PACKAGED_DECK, "python-pptx default": PPTX_DEFAULT}


def test_every_kind_has_a_layout_a_contract_and_a_renderer() -> None:
    assert set(KINDS) == set(DEFAULT_LAYOUTS) == set(PLACEHOLDERS) == set(slides.RENDERERS)


@pytest.mark.parametrize("name", TEMPLATES)
def test_check_and_writer_agree_on_every_layout_for_every_kind(name: str) -> None:
    path = TEMPLATES[name]
    doc = read_template(path, name)
    layouts = {lay.name: lay for lay in Presentation(str(path)).slide_layouts}
    for layout in doc.layouts:
        for kind in KINDS:
            assert rules_template.missing_roles(layout, kind) == deck_template._missing_roles(
                layouts[layout.name], kind), (layout.name, kind)


@pytest.mark.parametrize("name", TEMPLATES)
def test_check_verdict_is_the_writers_verdict_for_every_kind(name: str) -> None:
    path = TEMPLATES[name]
    report = rules_template.template_report(path, theme_with(), display=name)
    buildable = dict(report.kinds)
    prs = Presentation(str(path))
    tp = sample()
    for kind in KINDS:
        planned = [PlannedSlide(1, kind, "A slide")]
        try:
            deck_template.check(prs, tp, planned, name)
        except PackgenError:
            writer_builds = False
        else:
            writer_builds = True
        assert (kind in buildable) == writer_builds, kind


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_writer_uses_the_layout_the_check_names_for_every_kind(name: str) -> None:
    path = TEMPLATES[name]
    report = rules_template.template_report(path, theme_with(), display=name)
    prs = Presentation(str(path))
    for choice in report.choices:
        chosen = deck_template.check(prs, sample(), [PlannedSlide(1, choice.kind, "A")], name)
        assert chosen.by_kind[choice.kind].name == choice.layout, choice.kind


def test_a_deck_builds_on_layouts_with_only_the_placeholders_the_check_needs(
        tmp_path: Path) -> None:
    root = _project(tmp_path)
    target = root / "templates" / "deck.pptx"
    _keep_needed_placeholders(PACKAGED_DECK, target)
    report = rules_template.template_report(target, theme_with(), display="deck.pptx")
    assert report.missing == ()
    for style in ("standard", "easy-read"):
        _build(sample(deck_style=style, root=root), tmp_path / style)


def test_a_deck_builds_on_the_sparest_layouts_the_check_accepts(tmp_path: Path) -> None:
    root = _project(tmp_path)
    shutil.copy(PPTX_DEFAULT, root / "templates" / "deck.pptx")
    doc = read_template(PPTX_DEFAULT, "default.pptx")
    chosen = {}
    for kind in KINDS:
        fits = [lay for lay in doc.layouts if not rules_template.missing_roles(lay, kind)]
        chosen[kind] = min(fits, key=lambda lay: len(lay.placeholders)).name
    report = rules_template.template_report(PPTX_DEFAULT, theme_with(chosen))
    assert report.missing == ()
    for style in ("standard", "easy-read"):
        _build(sample(deck_style=style, root=root, layouts=chosen), tmp_path / style)


def _project(tmp_path: Path) -> Path:
    """Return a copy of the fixture project (its pictures) with a templates/ folder."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "templates").mkdir(exist_ok=True)
    return root


def _build(tp: object, folder: Path) -> None:
    folder.mkdir()
    [output] = get_builder("deck").build(tp, folder)
    assert len(Presentation(str(output.path)).slides) > 1


def _keep_needed_placeholders(source: Path, target: Path) -> None:
    """Save ``source`` with each default layout holding only what its kinds need (and footers)."""
    prs = Presentation(str(source))
    layouts = {lay.name: lay for lay in prs.slide_layouts}
    for name in set(DEFAULT_LAYOUTS.values()):
        needs: list[str] = []
        for kind in (k for k, lay in DEFAULT_LAYOUTS.items() if lay == name):
            extra = list(PLACEHOLDERS[kind].needs)
            for role in needs:
                if role in extra:
                    extra.remove(role)
            needs += extra
        for ph in list(layouts[name].placeholders):
            role = deck_template.ROLES.get(ph.placeholder_format.type, "other")
            if role in needs:
                needs.remove(role)
            elif role in ("title", "body", "picture"):
                ph._element.getparent().remove(ph._element)
    prs.save(str(target))


def test_easy_read_slides_need_a_picture_placeholder_so_text_stays_clear(
        tmp_path: Path) -> None:
    root = _project(tmp_path)
    prs = Presentation(str(PACKAGED_DECK))
    easy = next(lay for lay in prs.slide_layouts if lay.name == "Easy Read")
    picture = next(ph for ph in easy.placeholders if ph.placeholder_format.idx == 1)
    picture._element.getparent().remove(picture._element)
    prs.save(str(root / "templates" / "deck.pptx"))
    report = rules_template.template_report(root / "templates" / "deck.pptx", theme_with())
    assert [kind for kind, _ in report.missing] == ["easy-read"]
    with pytest.raises(PackgenError, match="layout 'Easy Read' lacks a picture placeholder"):
        _build(sample(deck_style="easy-read", root=root), tmp_path / "easy")
