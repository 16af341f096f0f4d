"""Plan the gallery: the sample pack tailored, with one slide of every kind in one deck.

Easy-read slides exist only in easy-read decks, so the gallery plans the sample pack in both
styles and takes the first slide of each kind, preferring the sample's main module (the one
with the most slides), in the order ``slide_kinds.KINDS`` lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType

from packgen.model import (
    Block,
    Credit,
    Module,
    Pack,
    PlannedSlide,
    Project,
    Space,
    SpacesDiagram,
    TailoredPack,
)
from packgen.model.slide_kinds import KINDS
from packgen.tailor.pack import tailor
from packgen.tailor.slideplan import plan


def gallery_pack(project: Project, modules: Mapping[str, Module], pack: Pack,
                 credits: tuple[Credit, ...], built: dt.datetime) -> TailoredPack:
    """Return the sample ``pack`` tailored in ``project``'s look, its plan one slide per kind.

    ``project`` brings the theme, spaces, glossary and settings; the sample brings the
    modules, the pack and the credits of its pictures.
    """
    shown = {key: _highlighting(module, project.spaces) for key, module in modules.items()}
    sample = replace(project, modules=MappingProxyType(shown),
                     packs=MappingProxyType({pack.id: pack}), credits=credits)
    tp, _ = tailor(sample, pack.id, built)
    return replace(tp, slides=every_kind(tp))


def every_kind(tp: TailoredPack) -> tuple[PlannedSlide, ...]:
    """Return one planned slide of each kind in ``KINDS`` order, numbered from 1."""
    easy = replace(tp, pack=replace(tp.pack, deck_style="easy-read"))
    standard = [s for s in plan(tp) if s.kind != "easy-read"]
    candidates = standard + [s for s in plan(easy) if s.kind == "easy-read"]
    main = _main(tp, lambda m: len(m.slides)).id if tp.modules else None
    chosen: dict[str, PlannedSlide] = {}
    for item in sorted(candidates, key=lambda s: s.module is None or s.module.id != main):
        chosen.setdefault(item.kind, item)
    kinds = [kind for kind in KINDS if kind in chosen]
    return tuple(replace(chosen[kind], number=n) for n, kind in enumerate(kinds, start=1))


def _highlighting(module: Module, spaces: tuple[Space, ...]) -> Module:
    """Return ``module`` with its spaces diagram bringing forward the project's own shared
    space (the first that overlaps others), whatever the project's ``model.yaml`` calls it."""
    shared = next((s.id for s in spaces if s.overlaps), None)
    wanted = (shared,) if shared else ()

    def diagram(block: Block) -> Block:
        return replace(block, highlight=wanted) if isinstance(block, SpacesDiagram) else block

    slides = tuple(replace(s, blocks=tuple(diagram(b) for b in s.blocks)) for s in module.slides)
    return replace(module, slides=slides)


def handout_pack(tp: TailoredPack) -> TailoredPack:
    """Return the gallery pack as its easy-read handout shows it: the cover, the details of
    the day, the main module's rows and the contact page, each page design once."""
    return replace(tp, modules=(_main(tp, lambda m: len(m.easy_read)),))


def guide_pack(tp: TailoredPack) -> TailoredPack:
    """Return the gallery pack as its facilitator guide shows it: the cover, the session plan
    and checklists, and the main module's page with its slides, notes and activity."""
    return replace(tp, modules=(_main(tp, lambda m: len(m.slides)),))


def _main(tp: TailoredPack, size: Callable[[Module], int]) -> Module:
    return max(tp.modules, key=size)
