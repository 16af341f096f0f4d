"""Build every deck of the Pandoc corpus with packgen and with Pandoc 3; compare what a viewer sees.

Run by hand: ``python tests/acceptance/pandoc_parity.py [--qmd-as-md] [DECK...]`` prints one row per deck
(builds?, slides each side, differences by kind) and then every difference, one line each.
``test_pandoc_parity.py`` holds packgen to it.

The corpus is ``tests/fixtures/pandoc_decks/<deck>/<deck>.md|.qmd`` (sources in SOURCES.yaml).
For each deck:

* packgen: a temporary project holds the deck folder as ``content/modules/`` (the deck as
  ``<deck>.md`` or ``.qmd``, its pictures at the paths it uses) and one pack with just that
  module; ``python -m packgen build <deck> --only deck`` writes the .pptx.
* Pandoc: ``pandoc -f markdown --slide-level 2 --resource-path <deck folder>``, each code chunk
  fence first written as the code block knitr or Quarto would hand Pandoc
  (``as_knitr_gives_it``). Pandoc fetches a picture given as a web address; nothing here goes
  to the network, so a Lua filter writes each web picture's alt text in its place, as Pandoc
  does when it cannot fetch one (its Word writer; its PowerPoint writer stops), and as packgen
  does (PG165). A web slide background points at one local placeholder.

Both files are reopened with python-pptx and read slide by slide: the title, the notes, the
visible words (every other text on the slide, tables included), the pictures and the tables.
Words are compared normalised: whitespace runs, smart quotes and dashes made plain, list
bullets and numbers at the start of a line dropped (each writer draws them as paragraph
formatting, not text; a line break starts a line as a new paragraph does).

packgen's own slides are mapped out, never matched loosely: the pack's title slide, the agenda
and the closing slide (by the layouts packgen draws them with, see ``OWN_LAYOUTS``), and the
module's section slide made from the front matter ``title``, which stands where Pandoc puts its
title slide made from the same ``title`` (Pandoc's is mapped out too; the two titles are
compared as one difference of kind ``title slide``).

Slides are then aligned by title (difflib, so one slide more on one side shows as one
difference, not as every later slide differing) and each aligned pair compared.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "pandoc_decks"
KINDS = ("builds", "title slide", "slides", "titles", "notes", "words", "pictures", "tables")
"""Every kind of difference, in the order the report prints them."""
PACK = """\
title: Parity {deck}
audience: staff
organisation: Corpus
date: 2026-03-03
start: "10:00"
slot: {slot}
venue: Room 1
facilitators: [A Trainer]
modules: [{deck}]
"""
AUDIENCES = "- id: staff\n- id: mixed\n- id: self-advocates\n"
REMOTE_FILTER = """\
traverse = 'topdown'
local function web(src)
  return src and (src:match('^https?://') or src:match('^ftp://') or src:match('^//'))
end
local function lone_picture(fig)
  local found = nil
  pandoc.walk_block(fig, {Image = function(img) found = img end})
  return found
end
function Figure(fig)
  local img = lone_picture(fig)
  if img and web(img.src) then return pandoc.Para(img.caption), false end
end
function Image(img)
  if web(img.src) then return img.caption end
end
function Header(h)
  if web(h.attributes['background-image']) then
    h.attributes['background-image'] = 'remote-picture.png'
  end
  return h
end
"""
PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ",
                       "\u2022": " ", "\u25aa": " ", "\v": "\n"})
"""Plain forms of typographic characters; a line break (python-pptx reads ``a:br`` as ``\\v``)
starts a line, as a new paragraph does."""
BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u25e6]|\d+[.)]|[a-zA-Z][.)])\s+", re.MULTILINE)


@dataclass(frozen=True)
class Slide:
    """What a viewer sees on one slide, normalised for comparing."""

    title: str
    notes: tuple[str, ...]
    words: tuple[str, ...]
    pictures: int
    tables: int
    layout: str = ""
    alts: tuple[str, ...] = ()
    """The words of its pictures' alt texts (descriptions)."""
    beyond: tuple[str, ...] = ()
    """The words of packgen's text shapes that hold what Pandoc's PowerPoint writer leaves out
    of columns, by the names packgen gives them (``BEYOND_PANDOC``): text after the picture
    or table that starts a column (PG168), a column after the second (PG169)."""
    captions: tuple[tuple[str, ...], ...] = ()
    """The words of each picture caption packgen draws (its shapes named ``Caption``), which
    are among ``words`` too."""
    cells: tuple[str, ...] = ()
    """The words of its tables' cells (also among ``words``)."""


@dataclass(frozen=True)
class Difference:
    """One way the two decks differ: its kind, the slide (Pandoc's number and title) and what."""

    kind: str
    slide: int
    title: str
    detail: str

    def line(self, deck: str) -> str:
        """Return the difference as one report line."""
        return f"{deck}: slide {self.slide} '{self.title}': {self.kind}: {self.detail}"


@dataclass(frozen=True)
class Result:
    """One deck built both ways and compared."""

    deck: str
    packgen_built: bool
    pandoc_built: bool
    findings: tuple[str, ...]
    ours: tuple[Slide, ...] = ()
    theirs: tuple[Slide, ...] = ()
    differences: tuple[Difference, ...] = field(default=())
    seconds: tuple[float, float] = (0.0, 0.0)

    def kinds(self) -> dict[str, int]:
        """Return how many differences of each kind the deck has."""
        counts = dict.fromkeys(KINDS, 0)
        for d in self.differences:
            counts[d.kind] += 1
        return {k: n for k, n in counts.items() if n}


# --- the corpus --------------------------------------------------------------------------


def decks() -> list[str]:
    """Return the id of every deck in the corpus, sorted."""
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and _source(p.name))


def _source(deck: str) -> Path | None:
    folder = CORPUS / deck
    found = [p for p in (folder / f"{deck}.md", folder / f"{deck}.qmd") if p.exists()]
    return found[0] if found else None


def source_path(deck: str) -> Path:
    """Return the deck's Markdown file."""
    return _source(deck)


def sources() -> dict[str, dict]:
    """Return SOURCES.yaml: where each deck comes from, its licence and what it exercises."""
    import yaml

    return yaml.safe_load((CORPUS / "SOURCES.yaml").read_text(encoding="utf-8"))


def duration(source: Path) -> int:
    """Return the ``duration`` the deck's front matter gives (0 if none)."""
    found = re.search(r"(?m)^duration:\s*(\d+)\s*$", source.read_text(encoding="utf-8"))
    return int(found.group(1)) if found else 0


# --- reading a .pptx ---------------------------------------------------------------------


def normalise(text: str) -> tuple[str, ...]:
    """Return the words of ``text``: plain quotes and dashes, list markers dropped, split on
    whitespace and punctuation (what a reader compares, not how it is drawn)."""
    text = unicodedata.normalize("NFC", text).translate(PLAIN)
    text = BULLET.sub(" ", text)
    return tuple(re.findall(r"\w+", text))


def read_pptx(path: Path) -> tuple[Slide, ...]:
    """Return every slide of the .pptx at ``path`` as a viewer sees it."""
    from pptx import Presentation

    _repair(path)
    return tuple(_slide(s) for s in Presentation(str(path)).slides)


A14 = 'xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main"'
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _repair(path: Path) -> None:
    """Make the slides of ``path`` readable by python-pptx, changing nothing a viewer sees.

    Pandoc 3 writes a shape holding TeX math inside ``mc:AlternateContent`` (python-pptx lists
    no shape there, so the slide would read as empty) and uses the ``a14`` prefix there without
    declaring it (an XML parser refuses the part). Each slide using ``a14`` gets the
    declaration on its root element, and each ``mc:AlternateContent`` is replaced by the shapes
    of its ``mc:Choice``, the version PowerPoint shows.
    """
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as old:
        parts = {i: old.read(i) for i in old.namelist()}
    changed = False
    for name, data in parts.items():
        if not (name.startswith("ppt/slides/slide") and name.endswith(".xml")):
            continue
        text = data.decode("utf-8")
        if "a14:" in text and "xmlns:a14=" not in text:
            root = re.search(r"<(?!\?)[\w:]+", text)
            text = text[:root.end()] + " " + A14 + text[root.end():]
        if "AlternateContent" not in text and text.encode("utf-8") == data:
            continue
        tree = etree.fromstring(text.encode("utf-8"))
        for alternate in tree.iter(f"{{{MC}}}AlternateContent"):
            choice = alternate.find(f"{{{MC}}}Choice")
            parent = alternate.getparent()
            at = parent.index(alternate)
            for k, child in enumerate(list(choice) if choice is not None else []):
                parent.insert(at + k, child)
        for alternate in list(tree.iter(f"{{{MC}}}AlternateContent")):
            alternate.getparent().remove(alternate)
        parts[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                     standalone=True)
        changed = True
    if changed:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for name, data in parts.items():
                new.writestr(name, data)


BEYOND_PANDOC = re.compile(r"Column \d+ text below the (?:picture|table)"
                           r"|Column (?:[3-9]|\d{2,}) text")
"""The names of packgen's text shapes holding column text Pandoc leaves out."""


def _slide(slide) -> Slide:
    title_shape = slide.shapes.title
    title = " ".join(normalise(title_shape.text_frame.text)) if title_shape is not None else ""
    texts, pictures, tables, alts, beyond, captions, cells = [], 0, 0, [], [], [], []
    for shape in _shapes(slide.shapes):
        if title_shape is not None and shape.shape_id == title_shape.shape_id:
            continue
        if _is_furniture(shape):
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            tables += 1
            own = [c.text for row in shape.table.rows for c in row.cells]
            cells.extend(own)
            texts.extend(own)
        elif shape.shape_type == 13 or _is_picture_placeholder(shape):
            pictures += 1
            alts.append(_description(shape))
        elif shape.has_text_frame:
            texts.append(shape.text_frame.text)
            if BEYOND_PANDOC.fullmatch(shape.name):
                beyond.append(shape.text_frame.text)
            if shape.name == CAPTION:
                captions.append(normalise(shape.text_frame.text))
    notes = (slide.notes_slide.notes_text_frame.text
             if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None else "")
    return Slide(title, normalise(notes), normalise("\n".join(texts)), pictures, tables,
                 slide.slide_layout.name, normalise("\n".join(alts)),
                 normalise("\n".join(beyond)), tuple(captions),
                 normalise("\n".join(cells)))


CAPTION = "Caption"
"""The name packgen gives the text box of a picture's caption."""


def _description(shape) -> str:
    """Return a picture's description (``descr``), as a screen reader reads it."""
    names = shape._element.xpath("./*[1]/p:cNvPr")
    return str(names[0].get("descr") or "") if names else ""


FURNITURE = (13, 15, 16)
"""Placeholder types a template draws on every slide (slide number, footer, date): the
template's, not the deck's, so neither side's are read."""


def _is_furniture(shape) -> bool:
    return shape.is_placeholder and int(shape.placeholder_format.type or 0) in FURNITURE


def _shapes(shapes) -> Iterable:
    for shape in shapes:
        if shape.shape_type == 6:  # a group: its members are what is seen
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _is_picture_placeholder(shape) -> bool:
    return shape.is_placeholder and hasattr(shape, "image") and _has_image(shape)


def _has_image(shape) -> bool:
    try:
        return shape.image is not None
    except (AttributeError, ValueError, KeyError):
        return False


# --- building ----------------------------------------------------------------------------


def pandoc_path() -> str:
    """Return the Pandoc binary pypandoc provides."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc_command(deck: str, folder: Path, out: Path) -> list[str]:
    """Copy ``deck`` into ``folder`` as Pandoc is given it (chunk fences as knitr writes them,
    the filter for web pictures beside it); return the command writing ``out``."""
    source = _source(deck)
    shutil.copytree(CORPUS / deck, folder)
    (folder / source.name).write_text(as_knitr_gives_it(source.read_text(encoding="utf-8")),
                                      encoding="utf-8")
    (folder / "remote.lua").write_text(REMOTE_FILTER, encoding="utf-8")
    (folder / "remote-picture.png").write_bytes(_placeholder_png())
    return [pandoc_path(), str(folder / source.name), "-f", "markdown", "--slide-level", "2",
            "--resource-path", str(folder), "--lua-filter", str(folder / "remote.lua"),
            "-o", str(out)]


def build_pandoc(deck: str, work: Path) -> Path | None:
    """Build ``deck`` with Pandoc into ``work``; return the .pptx, or None if Pandoc failed."""
    out = work / f"{deck}-pandoc.pptx"
    command = pandoc_command(deck, work / "pandoc", out)
    done = subprocess.run(command, cwd=work / "pandoc", capture_output=True, text=True,
                          check=False)
    return out if done.returncode == 0 and out.exists() else None


CHUNK = re.compile(r"(?m)^([ \t]*)(`{3,}|~{3,})[ \t]*\{([A-Za-z][\w-]*)[^}\n]*\}[ \t]*$")


def as_knitr_gives_it(text: str) -> str:
    """Return ``text`` with every code chunk fence (```` ```{r label, echo=FALSE} ````) written
    as the code block knitr and Quarto hand Pandoc (```` ```r ````).

    A deck with chunks is never given to Pandoc raw: knitr or Quarto turns each chunk into a
    code block first. Pandoc alone reads ```` ```{r} ```` as inline code that pairs with the
    next fence and swallows the headings between. The chunks are not run (no output is added);
    packgen reads the same chunks as code blocks of their language.
    """
    return CHUNK.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}", text)


def _placeholder_png() -> bytes:
    sys.path.insert(0, str(CORPUS))
    from make_pictures import write_placeholder  # the corpus's own placeholder maker

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "remote-picture.png"
        write_placeholder(path)
        return path.read_bytes()


QMD_AS_MD = False
"""Set by ``--qmd-as-md``: give packgen a .qmd deck as ``<deck>.md`` (to see what else a deck
needs while .qmd files are not read); never set by the tests."""


def packgen_project(deck: str, root: Path, qmd_as_md: bool | None = None) -> Path:
    """Write a project whose one module is ``deck`` (its folder as content/modules/) and whose
    one pack holds just that module; return the project folder. ``qmd_as_md`` (default: the
    ``--qmd-as-md`` switch) gives a .qmd deck as ``<deck>.md``."""
    source = _source(deck)
    shutil.copytree(CORPUS / deck, root / "content" / "modules")
    if (QMD_AS_MD if qmd_as_md is None else qmd_as_md) and source.suffix == ".qmd":
        moved = root / "content" / "modules" / source.name
        moved.rename(moved.with_suffix(".md"))
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "packs").mkdir(parents=True)
    (root / "content" / "audiences.yaml").write_text(AUDIENCES, encoding="utf-8")
    slot = duration(source) + 30
    (root / "content" / "packs" / f"{deck}.yaml").write_text(
        PACK.format(deck=deck, slot=slot), encoding="utf-8")
    return root


def packgen_command() -> list[str]:
    """Return the command that runs this checkout's packgen."""
    return [sys.executable, "-m", "packgen"]


def packgen_env() -> dict[str, str]:
    """Return the environment for packgen's child process: this checkout's sources first."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def build_packgen(deck: str, work: Path) -> tuple[Path | None, tuple[str, ...]]:
    """Build ``deck`` with packgen into ``work``; return the .pptx (None if it failed) and
    packgen's findings, one line each."""
    root = packgen_project(deck, work / "project")
    done = subprocess.run(packgen_command() + ["build", deck, "--project", str(root), "--out",
                                               str(root / "build"), "--only", "deck"],
                          capture_output=True, text=True, env=packgen_env(), check=False)
    findings = tuple(line for line in (done.stdout + done.stderr).splitlines()
                     if re.search(r":\d+: (error|warning|info|note)", line)
                     or "Traceback" in line or line.startswith("Error"))
    built = sorted((root / "build").rglob("*.pptx"))
    return (built[0] if done.returncode == 0 and built else None), findings


# --- comparing ---------------------------------------------------------------------------

OWN_LAYOUTS = {"title": "Title Slide", "agenda": "Agenda", "section": "Section Header",
               "closing": "Closing"}
"""The layouts of the slides packgen adds around a module's slides, as the packaged template
names them (the harness builds with it)."""


def content_of_packgen(slides: Sequence[Slide], module_title: str) -> tuple[Slide | None,
                                                                             list[Slide]]:
    """Return packgen's section slide for the module and the module's own slides.

    packgen's deck is: the pack's title slide, the agenda, the module's section slide (its
    ``title``), the module's slides, the closing slide. The first two and the last are mapped
    out by position and checked by layout; the section slide is the first slide titled with
    the module's title after the agenda.
    """
    body = list(slides)
    if body and _is_layout(body[-1], "closing"):
        body = body[:-1]
    start = 0
    for i, slide in enumerate(body[:4]):
        if slide.title == module_title and _is_layout(slide, "section"):
            return slide, body[i + 1:]
        if _is_layout(slide, "title") or _is_layout(slide, "agenda"):
            start = i + 1
    return None, body[start:]


def _is_layout(slide: Slide, kind: str) -> bool:
    return slide.layout == OWN_LAYOUTS[kind]


def content_of_pandoc(slides: Sequence[Slide], has_title: bool) -> tuple[Slide | None,
                                                                         list[Slide]]:
    """Return Pandoc's title slide (made from the metadata ``title``) and the other slides."""
    if has_title and slides and slides[0].layout.lower() == "title slide":
        return slides[0], list(slides[1:])
    return None, list(slides)


def compare(ours: Sequence[Slide], theirs: Sequence[Slide]) -> list[Difference]:
    """Return every difference between packgen's module slides and Pandoc's slides."""
    differences: list[Difference] = []
    if len(ours) != len(theirs):
        differences.append(Difference("slides", 0, "", f"Pandoc {len(theirs)}, packgen "
                                                       f"{len(ours)}"))
    matcher = difflib.SequenceMatcher(a=[s.title for s in theirs], b=[s.title for s in ours],
                                      autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a2 - a1 == b2 - b1):
            for i, j in zip(range(a1, a2), range(b1, b2)):
                differences.extend(_pair(i + 1, theirs[i], ours[j]))
            continue
        for i in range(a1, a2):
            differences.append(Difference("titles", i + 1, theirs[i].title,
                                          "slide only in Pandoc's deck"))
        for j in range(b1, b2):
            differences.append(Difference("titles", a1 + 1, ours[j].title,
                                          f"slide only in packgen's deck: "
                                          f"{_clip(ours[j].words)}"))
    return differences


def _pair(number: int, theirs: Slide, ours: Slide) -> list[Difference]:
    found = []
    if theirs.title != ours.title:
        found.append(Difference("titles", number, theirs.title, f"packgen: '{ours.title}'"))
    if theirs.notes == ours.notes and theirs.tables == ours.tables \
            and _pictures_as_alt_text(theirs, ours):
        shown = ours.pictures - theirs.pictures
        found.append(Difference("pictures", number, theirs.title,
                                f"{PICTURES_AS_TEXT} ({shown} of {ours.pictures})"))
        return found
    if theirs.notes == ours.notes and theirs.pictures == ours.pictures \
            and _tables_left_out(theirs, ours):
        found.append(Difference("tables", number, theirs.title,
                                f"{TABLES_LEFT_OUT} ({ours.tables - theirs.tables} of "
                                f"{ours.tables})"))
        return found
    if theirs.words != ours.words and _column_text_kept(theirs, ours):
        found.append(Difference("words", number, theirs.title,
                                f"{COLUMN_TEXT_KEPT} ({len(ours.words) - len(theirs.words)} "
                                f"words)"))
        theirs = replace(theirs, words=ours.words)
    for kind, a, b in (("notes", theirs.notes, ours.notes), ("words", theirs.words, ours.words)):
        if a != b and not (kind == "words" and _captions_placed_apart(a, ours)):
            found.append(Difference(kind, number, theirs.title, _word_diff(a, b)))
    for kind, a, b in (("pictures", theirs.pictures, ours.pictures),
                       ("tables", theirs.tables, ours.tables)):
        if a != b:
            found.append(Difference(kind, number, theirs.title, f"Pandoc {a}, packgen {b}"))
    return found


def _captions_placed_apart(theirs: Sequence[str], ours: Slide) -> bool:
    """Return True when the two slides show the same words but for where packgen's picture
    captions stand among them: packgen sets text beside its pictures (the captions read
    after the text), Pandoc writes a figure and its caption where it stands in the source."""
    a, b = list(theirs), list(ours.words)
    if not ours.captions or Counter(a) != Counter(b):
        return False
    for caption in ours.captions:
        a, b = _without(a, caption, first=True), _without(b, caption, first=False)
        if a is None or b is None:
            return False
    return a == b


def _without(words: list[str] | None, part: Sequence[str], first: bool) -> list[str] | None:
    """Return ``words`` without the first (or last) run of ``part``; None if it has none."""
    if words is None:
        return None
    starts = [i for i in range(len(words) - len(part) + 1) if words[i:i + len(part)] == list(part)]
    if not starts:
        return None
    at = starts[0] if first else starts[-1]
    return words[:at] + words[at + len(part):]


PICTURES_AS_TEXT = "Pandoc shows pictures as their alt text; packgen shows the pictures"


def _pictures_as_alt_text(theirs: Slide, ours: Slide) -> bool:
    """Return True when Pandoc's slide differs only by showing some of packgen's pictures as
    their alt text, as its PowerPoint writer does for a picture inside a div (a Quarto layout
    grid, a callout; linked or not) or inside a line.

    Pandoc writes the ``![...]`` text in the picture's place: once for a picture, twice for a
    figure (as the picture's text and as its caption), nothing for ``![]()``. packgen's slide
    shows that text once, as the figure's caption, and describes the picture by its alt text
    (``fig-alt`` when given, which Pandoc never shows). So Pandoc's slide shows no word that
    packgen's does not, but for a caption once more and a picture's description (twice at
    most)."""
    if theirs.pictures >= ours.pictures:
        return False
    mine, pandoc, alts = Counter(ours.words), Counter(theirs.words), Counter(ours.alts)
    captions = Counter(word for caption in ours.captions for word in caption)
    return not (mine - pandoc) and not ((pandoc - mine) - alts - alts - captions)


COLUMN_TEXT_KEPT = "Pandoc leaves out column text packgen shows"


def _column_text_kept(theirs: Slide, ours: Slide) -> bool:
    """Return True when Pandoc's words are packgen's less words of the column text Pandoc's
    PowerPoint writer leaves out (``Slide.beyond``), and nothing else: no word of Pandoc's is
    missing from packgen's, and each word Pandoc lacks is one packgen shows in such a shape."""
    if not ours.beyond:
        return False
    mine, pandoc = Counter(ours.words), Counter(theirs.words)
    return not (pandoc - mine) and not ((mine - pandoc) - Counter(ours.beyond))


TABLES_LEFT_OUT = "Pandoc leaves out tables inside a div; packgen shows them"


def _tables_left_out(theirs: Slide, ours: Slide) -> bool:
    """Return True when Pandoc's slide differs only by leaving out some of packgen's tables
    (as its PowerPoint writer does for a table inside a div): its words are packgen's but
    for some table cells."""
    if theirs.tables >= ours.tables:
        return False
    mine, pandoc = Counter(ours.words), Counter(theirs.words)
    return not (pandoc - mine) and not ((mine - pandoc) - Counter(ours.cells))


def _word_diff(theirs: Sequence[str], ours: Sequence[str]) -> str:
    """Return the first place the words part, as ``Pandoc '...' / packgen '...'``."""
    matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            return (f"Pandoc '{' '.join(theirs[a1:a2][:12])}' / packgen "
                    f"'{' '.join(ours[b1:b2][:12])}'")
    return "same words, different split"


def _clip(words: Sequence[str]) -> str:
    return "'" + " ".join(words[:10]) + ("...'" if len(words) > 10 else "'")


def _module_title(source: Path) -> str:
    found = re.search(r"(?m)^title:\s*(.+?)\s*$", source.read_text(encoding="utf-8"))
    if not found:
        return ""
    value = found.group(1)
    try:
        value = json.loads(value) if value.startswith('"') else value.strip("'")
    except json.JSONDecodeError:
        pass
    return " ".join(normalise(str(value)))


def run(deck: str) -> Result:
    """Build ``deck`` both ways in a temporary folder and compare the two decks."""
    import time

    with tempfile.TemporaryDirectory(prefix=f"parity-{deck}-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        ours_path, findings = build_packgen(deck, work)
        middle = time.perf_counter()
        theirs_path = build_pandoc(deck, work)
        seconds = (middle - started, time.perf_counter() - middle)
        ours, our_error = _read_or_say(ours_path)
        theirs, their_error = _read_or_say(theirs_path)
    result = Result(deck, ours_path is not None, theirs_path is not None, findings, ours,
                    theirs, seconds=seconds)
    if not (ours and theirs):
        why = [Difference("builds", 0, "", f"{side} did not build")
               for side, built in (("packgen", ours_path), ("Pandoc", theirs_path)) if not built]
        why += [Difference("builds", 0, "", f"{side}'s .pptx cannot be read: {error}")
                for side, error in (("packgen", our_error), ("Pandoc", their_error)) if error]
        return _with(result, why)
    title = _module_title(_source(deck))
    section, our_body = content_of_packgen(ours, title)
    title_slide, their_body = content_of_pandoc(theirs, bool(title))
    differences = []
    if section is None or (title_slide is not None and title_slide.title != section.title):
        differences.append(Difference(
            "title slide", 0, title_slide.title if title_slide else "",
            f"packgen's section slide: '{section.title if section else 'none found'}'"))
    return _with(result, differences + compare(our_body, their_body))


def _read_or_say(path: Path | None) -> tuple[tuple[Slide, ...], str]:
    """Return the slides of ``path`` (none if it is None) and why it could not be read."""
    if path is None:
        return (), ""
    try:
        return read_pptx(path), ""
    except Exception as exc:  # noqa: BLE001 - any reader failure is reported, not raised
        return (), f"{type(exc).__name__}: {str(exc)[:120]}"


def _with(result: Result, differences: list[Difference]) -> Result:
    return replace(result, differences=tuple(differences))


# --- the differences packgen makes on purpose ----------------------------------------------


@dataclass(frozen=True)
class Documented:
    """A difference packgen makes on purpose: the construct, the docs section stating it, and
    which differences it accounts for."""

    construct: str
    docs: str
    accounts_for: Callable[[Difference], bool]


def _untitled_named(d: Difference) -> bool:
    return d.kind == "titles" and d.title == "" and bool(re.fullmatch(
        r"packgen: '.* slide \d+'", d.detail))


def _pictures_kept(d: Difference) -> bool:
    return d.kind == "pictures" and d.detail.startswith(PICTURES_AS_TEXT)


def _column_text_shown(d: Difference) -> bool:
    return d.kind == "words" and d.detail.startswith(COLUMN_TEXT_KEPT)


def _tables_kept(d: Difference) -> bool:
    return d.kind == "tables" and d.detail.startswith(TABLES_LEFT_OUT)


DOCUMENTED: tuple[Documented, ...] = (
    Documented("a slide with no title is named '<module title>, slide N' for screen readers",
               "docs/content-format.md#pandoc-compatibility", _untitled_named),
    Documented("a picture inside a div (a Quarto layout grid, a callout; linked or not) or a "
               "line of text is shown, where Pandoc's PowerPoint writer writes only its "
               "![...] text (twice for a figure) [PG178]",
               "docs/content-format.md#pandoc-compatibility", _pictures_kept),
    Documented("text after the picture or table that starts a column, and every column after "
               "the second, are shown, where Pandoc's PowerPoint writer leaves them out "
               "(PG168, PG169)", "docs/content-format.md#pandoc-compatibility",
               _column_text_shown),
    Documented("a table inside a div is shown, where Pandoc's PowerPoint writer leaves it out "
               "[PG175]", "docs/content-format.md#pandoc-compatibility", _tables_kept),
)
"""Every difference from Pandoc packgen makes on purpose: the one list of them (the docs
section named states each one to the trainer)."""


def undocumented(result: Result) -> list[Difference]:
    """Return the differences of ``result`` that no entry of ``DOCUMENTED`` accounts for."""
    return [d for d in result.differences
            if not any(entry.accounts_for(d) for entry in DOCUMENTED)]


# --- the report --------------------------------------------------------------------------


def report(results: Sequence[Result]) -> str:
    """Return the per-deck table and then every difference, one line each."""
    head = f"{'deck':28} {'packgen':8} {'pandoc':7} {'slides':>13} {'s ours/theirs':>14}  differences"
    rows = [head, "-" * len(head)]
    for r in results:
        documented = len(r.differences) - len(undocumented(r))
        kinds = ", ".join(f"{k} {n}" for k, n in r.kinds().items()) or "none"
        kinds += f" ({documented} documented)" if documented else ""
        rows.append(f"{r.deck:28} {'yes' if r.packgen_built else 'NO':8} "
                    f"{'yes' if r.pandoc_built else 'NO':7} "
                    f"{len(r.ours):>6}/{len(r.theirs):<6} "
                    f"{r.seconds[0]:>6.2f}/{r.seconds[1]:<6.2f}  {kinds}")
    lines = ["", "Differences:"]
    for r in results:
        left = undocumented(r)
        lines += [f"  {d.line(r.deck)}" + ("" if d in left else "  [documented]")
                  for d in r.differences]
        lines += [f"  {r.deck}: packgen: {f}" for f in r.findings]
    return "\n".join(rows + lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the named decks (every deck when none is named) and print the report."""
    global QMD_AS_MD
    names = list(argv if argv is not None else sys.argv[1:])
    if "--qmd-as-md" in names:
        QMD_AS_MD = True
        names.remove("--qmd-as-md")
    names = names or decks()
    unknown = [n for n in names if n not in decks()]
    if unknown:
        print(f"unknown deck(s): {', '.join(unknown)}; the corpus has: {', '.join(decks())}")
        return 2
    results = [run(name) for name in names]
    print(report(results))
    return 0 if all(r.packgen_built and not undocumented(r) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
