"""Build the gallery: every slide kind, a guide page and a handout page, in the project's look.

The sample content is packgen's own (``templates/gallery``): it is copied into a hidden folder
under the project's ``build/`` so its pictures are read inside the project, tailored in the
project's theme, spaces and glossary, and written through the project's deck template. Each
file is written in that folder first and moved into place whole, so a failed build leaves the
previous gallery as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packgen.errors import Diagnostic, PackgenError
from packgen.load.gallery import load_sample
from packgen.load.project import load_design
from packgen.model import Project, TailoredPack
from packgen.output.failures import REASONS
from packgen.output.reproducible import build_time, normalise_zip
from packgen.paths import packaged_templates, relative
from packgen.tailor.gallery import gallery_pack, guide_pack, handout_pack
from packgen.writers import writer

NOT_PPTX = "PG035"
WRITE_FAILED = "PG006"

PAGES = (("guide", "pdf", guide_pack), ("guide", "html", guide_pack),
         ("handout", "pdf", handout_pack), ("handout", "html", handout_pack))
"""The pages written beside the deck: kind, format and the part of the sample each shows."""


@dataclass(frozen=True, slots=True)
class Gallery:
    """What ``build_gallery`` wrote, and the problems of the slide kinds it left out."""

    deck: Path
    pages: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]
    slides: int
    """How many slides the deck holds (one per kind the template can build)."""


def default_target(root: Path) -> Path:
    """Return where the gallery deck goes without ``--out``: ``build/gallery.pptx``."""
    return root.resolve() / "build" / "gallery.pptx"


def work_folder(root: Path, deck: Path) -> Path:
    """Return the folder the sample is copied to and the files are written in first: the
    deck's own folder when it lies inside the project (so the moves are renames), else
    ``build/``. Either way inside the project, where the sample's pictures must be read."""
    folder = deck.parent.resolve()
    return folder if folder.is_relative_to(root) and folder != root else root / "build"


def page_path(deck: Path, kind: str, fmt: str) -> Path:
    """Return the file a gallery page is written to, beside the deck: ``gallery-guide.pdf``."""
    return deck.with_name(f"{deck.stem}-{kind}.{fmt}")


def build_gallery(root: Path, target: Path | None = None) -> Gallery:
    """Write the gallery deck to ``target`` (default ``build/gallery.pptx``) and its guide and
    handout pages beside it; return what was written and the kinds left out.

    A broken theme, model, glossary or settings file, or a template that is not a deck, is a
    PackgenError and nothing is written. The project's modules and packs are never read.
    """
    root = root.resolve()
    deck = (target if target is not None else default_target(root)).absolute()
    if deck.suffix.lower() != ".pptx":
        raise PackgenError(f"the gallery is a PowerPoint deck: give --out a file name ending "
                           f".pptx, not '{deck.name}'", str(target), code=NOT_PPTX)
    project = load_design(root)
    work = work_folder(root, deck)
    made = not work.exists()
    try:
        return _build(root, project, deck, work)
    except OSError as exc:
        reason = REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
        shown = relative(root, Path(exc.filename)) if exc.filename else relative(root, deck)
        raise PackgenError(f"cannot write the gallery: {reason}", shown,
                           code=WRITE_FAILED) from None
    finally:
        _tidy(work, made)


def _build(root: Path, project: Project, deck: Path, work_root: Path) -> Gallery:
    work_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gallery-", dir=work_root) as tmp:
        work = Path(tmp)
        shutil.copytree(packaged_templates() / "gallery", work / "sample")
        sample = load_sample(root, work / "sample")
        tp = gallery_pack(project, sample.modules, sample.pack, sample.credits,
                          build_time(sample.pack.date))
        staged = work / deck.name
        tp, problems = _write_deck(tp, staged)
        pages = [(page_path(staged, kind, fmt), page_path(deck, kind, fmt), kind, fmt, part)
                 for kind, fmt, part in PAGES]
        for src, _, kind, fmt, part in pages:
            writer(kind, fmt)(part(tp), src)
        deck.parent.mkdir(parents=True, exist_ok=True)
        for src, dest in [(staged, deck)] + [(p[0], p[1]) for p in pages]:
            _place(src, dest)
    return Gallery(deck, tuple(p[1] for p in pages), tuple(problems), len(tp.slides))


def _write_deck(tp: TailoredPack, staged: Path) -> tuple[TailoredPack, list[Diagnostic]]:
    """Write the deck (python-pptx loads only now) and make its bytes reproducible; return
    the pack planned with the slides written, and the problems of the kinds left out."""
    from packgen.writers.pptx.gallery import buildable, write

    kept, problems = buildable(tp)
    write(kept, staged)
    normalise_zip(staged, kept.built)
    return kept, problems


def _tidy(folder: Path, made: bool) -> None:
    """Remove the folder the gallery made to work in, when it is left empty (a failed
    gallery, or one written outside the project)."""
    if made:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _place(src: Path, dest: Path) -> None:
    """Move ``src`` to ``dest`` whole: copied beside it under a hidden name, then renamed."""
    part = dest.with_name(f".{dest.name}.part")
    shutil.copyfile(src, part)
    os.replace(part, dest)
