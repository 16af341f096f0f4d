"""Load workshop modules: ``content/modules/*.md`` (and Quarto ``*.qmd``) files with YAML
front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packgen import errors
from packgen.errors import LIMIT_EXCEEDED, Diagnostic, PackgenError
from packgen.load.fields import BAD_ID, Fields, id_like, id_problem, unknown_keys
from packgen.load.yamldoc import YamlDoc, parse_yaml
from packgen.markdown.activity import parse_material
from packgen.markdown.blocks import Body, parse_body
from packgen.model import Loc, Material, Module
from packgen.paths import MAX_DATA_BYTES, MODULE_SUFFIXES, read_text, relative, translation_of
from packgen.safety import MAX_LINE_CHARS

INVALID_FIELD = "PG011"
MALFORMED = "PG125"

MAX_LINE = MAX_LINE_CHARS
"""Longest line accepted, in characters: far beyond any real paragraph."""

FRONT_MATTER_LINE = 2
"""The file line front matter starts on, after its opening ``---``."""

UNKNOWN_KEY = "PG115"
CONTROL_CHARACTER = "PG116"
SAME_ID = "PG124"

KEYS = ("id", "title", "duration", "audiences", "objectives", "key_messages", "materials",
        "implicit_figures")
DECK_KEYS = frozenset({
    # Pandoc's metadata and slide variables
    "subtitle", "author", "date", "institute", "abstract", "keywords", "subject",
    "description", "category", "lang", "dir", "bibliography", "csl", "citation-style",
    "link-citations", "nocite", "references", "toc", "toc-title", "toc-depth",
    "header-includes", "include-before", "include-after", "css", "theme", "colortheme",
    "fonttheme", "innertheme", "outertheme", "aspectratio", "navigation", "section-titles",
    "slide-level", "incremental", "logo", "titlegraphic", "mainfont", "sansfont", "monofont",
    "fontsize", "classoption", "documentclass", "geometry", "papersize", "linkcolor",
    "urlcolor", "highlight-style", "reference-doc", "revealjs-url", "transition",
    "slideNumber", "thanks", "copyright", "license", "metadata",
    # Quarto
    "format", "execute", "jupyter", "engine", "knitr", "editor", "filters", "crossref",
    "lightbox", "echo", "warning", "message", "number-sections", "from", "params",
    "resources", "embed-resources", "self-contained", "footer", "slide-number",
    "chalkboard", "smaller", "scrollable", "preview-links", "title-slide-attributes",
    "brand", "draft", "categories", "image", "citation", "affiliation", "authors",
    "code-fold", "fig-cap-location", "cap-location", "keep-md", "shortcodes",
    # R Markdown
    "output", "runtime", "always_allow_html", "knit", "site", "vignette", "editor_options",
})
"""Front matter keys that Pandoc, Quarto and R Markdown decks carry and packgen does not
read: ignored without a word, so that a deck dropped into ``content/modules/`` builds clean
(packgen's title slide is made from the pack, not from a module's author or date)."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FENCE_END = ("---", "...")


def load_modules(root: Path, implicit_figures: bool = True) -> tuple[
        dict[str, Module], list[Diagnostic], dict[str, tuple[Diagnostic, ...]]]:
    """Return every module in ``root/content/modules`` by id, the warnings found, and the
    errors of each module that failed, by the id packs know it by.

    ``implicit_figures`` is the project's setting (``packgen.toml``); a module's front matter
    may override it.

    A broken module fails only the packs that use it: its errors are kept apart, by its
    ``id:`` when the front matter gives one, else by its file name. Two files claiming one id
    break that id.
    """
    modules: dict[str, Module] = {}
    found: list[Diagnostic] = []
    broken: dict[str, list[Diagnostic]] = {}
    for path in module_files(root / "content" / "modules"):
        try:
            module, warnings = load_module(path, root, implicit_figures)
        except ModuleFailed as exc:
            broken.setdefault(exc.module_id, []).extend(exc.diagnostics)
            continue
        found.extend(warnings)
        if module.id in modules:
            other = modules.pop(module.id).loc.path
            broken.setdefault(module.id, []).append(errors.error(
                f"module id '{module.id}' is used by both {other} and {module.loc.path}: "
                "give one of them another id", module.loc.path, module.loc.line, SAME_ID))
        elif module.id in broken:
            broken[module.id].append(errors.error(
                f"module id '{module.id}' is used by another module file too: give one of "
                "them another id", module.loc.path, module.loc.line, SAME_ID))
        else:
            modules[module.id] = module
    return modules, found, {k: tuple(v) for k, v in broken.items()}


def module_files(folder: Path) -> list[Path]:
    """Return the module files in ``folder`` (``*.md``, ``*.qmd``), sorted by name; a
    translation (``NAME.cy.md``) is the text of module NAME, never a module of its own."""
    return sorted(p for suffix in MODULE_SUFFIXES for p in folder.glob("*" + suffix)
                  if translation_of(p.name) is None)


class ModuleFailed(PackgenError):
    """The errors of one module file, with the id packs know the module by."""

    module_id: str = ""


def load_module(path: Path, root: Path,
                implicit_figures: bool = True) -> tuple[Module, list[Diagnostic]]:
    """Return one module and its warnings; raise ModuleFailed with every error in the file.

    A picture alone in its paragraph is a figure with a visible caption when
    ``implicit_figures`` is true, unless the front matter's ``implicit_figures`` says not.
    """
    where = relative(root, path, follow_links=False)
    module_id = path.stem
    try:
        text, found = read_module_text(root, path, where)
        split = split_front_matter(text, where)
        check = Fields(root, front_matter(split.front, where, split.line))
        offset, body = split.offset, split.body
        module_id = _module_id(check, _mapping(check.doc), path)
        figures = _implicit_figures(check, _mapping(check.doc), implicit_figures)
        module, found = _read_module(check, (path, root, module_id), (body, offset, figures),
                                     found)
    except PackgenError as exc:
        failed = ModuleFailed.many(exc.diagnostics)
        failed.module_id = module_id
        raise failed from None
    return module, found


def _read_module(check: Fields, file: tuple[Path, Path, str], body: tuple[str, int, bool],
                 found: list[Diagnostic]) -> tuple[Module, list[Diagnostic]]:
    """Return the module (file, project root, id) whose front matter ``check`` holds, and
    the findings in its file (``body``: its text, the lines before it, implicit figures)."""
    (path, root, module_id), (text, offset, figures) = file, body
    where = check.doc.path
    try:
        parsed = parse_body(text, path=where, line_offset=offset, root=root,
                            base_dir=path.parent, implicit_figures=figures)
    except RecursionError:
        raise PackgenError("the Markdown is nested too deeply to read", where, offset + 1,
                           LIMIT_EXCEEDED) from None
    found = found + list(parsed.diagnostics)
    own = {k: v for k, v in _mapping(check.doc).items() if k not in DECK_KEYS}
    found += unknown_keys(check.doc, own, (), KEYS, errors.Severity.WARNING, UNKNOWN_KEY)
    module = _module(check, parsed, Loc(where, offset or 1), module_id)
    found += check.errors
    failed = [d for d in found if d.severity is errors.Severity.ERROR]
    if failed:
        raise PackgenError.many(failed)
    return module, found


# --- reading -----------------------------------------------------------------------------


def read_module_text(root: Path, path: Path, where: str) -> tuple[str, list[Diagnostic]]:
    """Return the file's text (UTF-8, BOM and CRLF accepted) without control characters."""
    text = read_text(root, path, where, limit=MAX_DATA_BYTES)
    _check_line_length(text, where)
    return _drop_control(text, where)


def _check_line_length(text: str, where: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise PackgenError(f"line is {len(line):,} characters long (at most {MAX_LINE:,}): "
                               "break it into paragraphs", where, number, LIMIT_EXCEEDED)


def _drop_control(text: str, where: str) -> tuple[str, list[Diagnostic]]:
    if not _CONTROL.search(text):
        return text, []
    found = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if _CONTROL.search(line):
            found.append(errors.warning("control character dropped (it cannot be shown or "
                                        "saved in documents)", where, number, CONTROL_CHARACTER))
            lines[number - 1] = _CONTROL.sub("", line)
    return "\n".join(lines), found


@dataclass(frozen=True, slots=True)
class FrontMatterSplit:
    """A module file cut into its front matter and its body."""

    front: str
    """The YAML between the fences."""
    line: int
    """The file line of the YAML's first line."""
    offset: int
    """How many file lines come before the body."""
    body: str


def split_front_matter(text: str, where: str) -> FrontMatterSplit:
    """Return the front matter and the body of a module file.

    The front matter is the YAML block on the first line, or else, as Pandoc's
    ``yaml_metadata_block`` allows, the first ``---`` block further down that follows a blank
    line (or only comments and code before it) and opens with a ``key:`` line. A later block's
    lines are blanked in the body, so every line keeps its number.
    """
    if not text.strip():
        raise PackgenError("empty module: start it with front matter (---, title:, "
                           "duration:, ---) and add slides", where, 1, MALFORMED)
    lines = text.split("\n")
    start = 0 if lines[0].rstrip() == "---" else _later_front_matter(lines)
    if start is None:
        raise PackgenError("module has no front matter: its first line must be --- followed "
                           "by title: and duration:", where, 1, MALFORMED)
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() in _FENCE_END:
            front = "\n".join(lines[start + 1:end])
            if start == 0:
                return FrontMatterSplit(front, 2, end + 1, "\n".join(lines[end + 1:]))
            body = lines[:start] + [""] * (end + 1 - start) + lines[end + 1:]
            return FrontMatterSplit(front, start + 2, 0, "\n".join(body))
    raise PackgenError("front matter is never closed: end it with a line of ---", where,
                       start + 1, MALFORMED)


def _later_front_matter(lines: list[str]) -> int | None:
    """Return the index of the first ``---`` line that opens a YAML block (its next line a
    ``key:``) after a blank line, a code block or an HTML comment, outside code fences and
    before any heading; None when there is none."""
    fence, after_block = "", True
    for index, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
            after_block = not fence
            continue
        if stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
        elif stripped.startswith("#"):
            return None
        elif stripped == "---" and after_block and index + 1 < len(lines) \
                and _KEY_LINE.match(lines[index + 1]):
            return index
        after_block = not stripped or stripped.endswith("-->")
    return None


_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def front_matter(front: str, where: str, line: int = FRONT_MATTER_LINE) -> YamlDoc:
    """Return the front matter read as YAML, with the line in the module file of every key;
    ``line`` is the file line of its first line."""
    doc = parse_yaml(front, where, line)
    if doc.data is None:
        return YamlDoc({}, where, doc.lines)
    if not isinstance(doc.data, dict):
        raise PackgenError("front matter must be key: value lines", where, line, MALFORMED)
    return doc


# --- front matter fields -----------------------------------------------------------------


def _module(check: Fields, body: Body, end: Loc, module_id: str) -> Module:
    """Return the module, recording every front-matter problem in ``check``.

    ``end`` is the line that closes the front matter.
    """
    meta = _mapping(check.doc)
    title = _title(check, meta)
    duration = _duration(check, meta)
    if not body.slides:
        check.errors.append(errors.error("module has no slides: add a ## heading or some text "
                                         "after the front matter", end.path, end.line,
                                         MALFORMED))
    _check_activities(check, body, duration)
    return Module(
        id=module_id, title=title, duration=duration, slides=body.slides, loc=Loc(end.path, 1),
        audiences=_words(check, meta, "audiences"), objectives=front_matter_lines(check, meta, "objectives"),
        key_messages=front_matter_lines(check, meta, "key_messages"), materials=_materials(check, meta),
        easy_read=body.easy_read, has_easy_read=body.has_easy_read,
    )


def _title(check: Fields, meta: dict[Any, Any]) -> str:
    if "title" not in meta:
        _missing(check, "front matter needs a title: (the module's name, shown on its section "
                 "slide)")
        return ""
    return check.text(meta["title"], ("title",))


def _duration(check: Fields, meta: dict[Any, Any]) -> int:
    if "duration" not in meta:
        _missing(check, "front matter needs duration: (whole minutes, activities included)")
        return 0
    return check.positive(meta["duration"], ("duration",), "minutes")


def _implicit_figures(check: Fields, meta: dict[Any, Any], default: bool) -> bool:
    """Return the front matter's ``implicit_figures`` (true or false), else ``default``."""
    if "implicit_figures" not in meta:
        return default
    value = meta["implicit_figures"]
    if isinstance(value, bool):
        return value
    check.fail(f"'implicit_figures' must be true or false; found {value!r}", "implicit_figures")
    return default


def _module_id(check: Fields, meta: dict[Any, Any], path: Path) -> str:
    """Return the front matter's ``id``, else the file name; report one breaking the id rule."""
    stem, like = path.stem, id_like(path.stem)
    if "id" not in meta:
        if id_problem(stem):
            check.errors.append(errors.error(
                f"the file name '{stem}' is not a module id (ids are letters, digits, '-' and "
                f"'_'): rename the file to {like}{path.suffix}, or give it 'id: {like}' "
                "in its front matter", check.doc.path, 1, BAD_ID))
        return stem
    module_id = check.text(meta["id"], ("id",))
    problem = id_problem(module_id) if module_id else None
    if problem:
        check.fail(f"{problem}; write id: {id_like(module_id)}", "id", code=BAD_ID)
        return stem
    return module_id or stem


def front_matter_lines(check: Fields, meta: dict[Any, Any], key: str) -> tuple[str, ...]:
    """Return a list of lines of text (one text is a list of one); blank lines are dropped."""
    return tuple(text for _, text in _numbered(check, meta.get(key, []), key))


def _words(check: Fields, meta: dict[Any, Any], key: str) -> tuple[str, ...]:
    value = meta.get(key, [])
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return tuple(text for _, text in _numbered(check, value, key))


def _materials(check: Fields, meta: dict[Any, Any]) -> tuple[Material, ...]:
    out = []
    for index, text in _numbered(check, meta.get("materials", []), "materials"):
        try:
            out.append(parse_material(text, Loc(check.doc.path,
                                                check.doc.line("materials", index))))
        except ValueError as exc:
            check.fail(str(exc), "materials", index)
    return tuple(out)


def _numbered(check: Fields, value: object, key: str) -> list[tuple[int, str]]:
    """Return the non-blank texts of a list of text with their index in the list."""
    texts = check.texts(value, (key,), blank=True)
    return [(index, text) for index, text in enumerate(texts) if text]


def _mapping(doc: YamlDoc) -> dict[Any, Any]:
    """Return the front matter's mapping (``_front_matter`` has checked that it is one)."""
    return doc.data if isinstance(doc.data, dict) else {}


def _missing(check: Fields, message: str) -> None:
    """Record a missing required key at line 1, the front matter's opening ``---``."""
    check.errors.append(errors.error(message, check.doc.path, 1, INVALID_FIELD))


def _check_activities(check: Fields, body: Body, duration: int) -> None:
    minutes = sum(s.activity.minutes for s in body.slides if s.activity is not None)
    if duration and minutes > duration:
        check.fail(f"activities take {minutes} minutes but the module's duration is {duration}: "
                   "raise duration or shorten the activities", "duration")
