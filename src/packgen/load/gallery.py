"""Load the gallery's sample content: its modules, pack and picture credits.

The sample is package data (``templates/gallery``), copied into a folder inside the project
before it is read, so its pictures are found inside the project like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packgen.errors import PackgenError
from packgen.load.fields import Fields
from packgen.load.modules import load_module, module_files
from packgen.load.packs import validate_pack
from packgen.load.project_data import read_credits
from packgen.load.yamldoc import parse_yaml
from packgen.model import Credit, Module, Pack
from packgen.paths import read_text, relative

SAMPLE_PACK = "gallery"
"""The sample pack's id (``content/packs/gallery.yaml`` in the sample)."""


@dataclass(frozen=True, slots=True)
class Sample:
    """The gallery's sample content, as loaded from its copy inside the project."""

    modules: dict[str, Module]
    pack: Pack
    credits: tuple[Credit, ...]


def load_sample(root: Path, folder: Path) -> Sample:
    """Return the sample content copied to ``folder`` (inside ``root``); a problem in it is a
    PackgenError, which would be a bug in packgen's own package data."""
    modules = {}
    for path in module_files(folder / "content" / "modules"):
        module, _ = load_module(path, root)
        modules[module.id] = module
    pack = _pack(root, folder, modules)
    credits_file = folder / "content" / "images" / "CREDITS.yaml"
    shown = relative(root, credits_file)
    check = Fields(root, parse_yaml(read_text(root, credits_file, shown), shown))
    credits = read_credits(check)
    if check.errors:
        raise PackgenError.many(check.errors)
    return Sample(modules, pack, credits)


def _pack(root: Path, folder: Path, modules: dict[str, Module]) -> Pack:
    path = folder / "content" / "packs" / f"{SAMPLE_PACK}.yaml"
    shown = relative(root, path)
    return validate_pack(parse_yaml(read_text(root, path, shown), shown), SAMPLE_PACK, root,
                         set(modules))
