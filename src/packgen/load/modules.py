"""Load workshop modules: ``content/modules/*.md`` files with YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from packgen import errors
from packgen.errors import Diagnostic, PackgenError
from packgen.load.fields import unknown_keys
from packgen.load.yamldoc import YamlDoc, parse_yaml, read_text
from packgen.markdown.activity import parse_material
from packgen.markdown.blocks import Body, parse_body
from packgen.model import Loc, Material, Module
from packgen.paths import relative

MAX_LINE = 20_000
"""Longest line accepted, in characters: far beyond any real paragraph."""

FRONT_MATTER_LINE = 2
"""The file line front matter starts on, after its opening ``---``."""

UNKNOWN_KEY = "PG115"
CONTROL_CHARACTER = "PG116"

KEYS = ("id", "title", "duration", "audiences", "objectives", "key_messages", "materials")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_FENCE_END = ("---", "...")


def load_modules(root: Path) -> tuple[dict[str, Module], list[Diagnostic]]:
    """Return every module in ``root/content/modules`` by id, and the warnings found.

    Raise one PackgenError carrying every error from every file.
    """
    modules: dict[str, Module] = {}
    found: list[Diagnostic] = []
    failed: list[Diagnostic] = []
    for path in sorted((root / "content" / "modules").glob("*.md")):
        try:
            module, warnings = load_module(path, root)
        except PackgenError as exc:
            failed.extend(exc.diagnostics)
            continue
        found.extend(warnings)
        if module.id in modules:
            other = modules[module.id].loc.path
            failed.append(errors.error(f"module id '{module.id}' is used by both {other} and "
                                       f"{module.loc.path}", module.loc.path, module.loc.line))
            continue
        modules[module.id] = module
    if failed:
        raise PackgenError.many(failed)
    return modules, found


def load_module(path: Path, root: Path) -> tuple[Module, list[Diagnostic]]:
    """Return one module and its warnings; raise PackgenError with every error in the file."""
    where = relative(root, path)
    text, found = _read_text(path, where)
    front, offset, body = _split_front_matter(text, where)
    doc = _front_matter(front, where)
    try:
        parsed = parse_body(body, path=where, line_offset=offset, root=root,
                            base_dir=path.parent)
    except RecursionError:
        raise PackgenError("the Markdown is nested too deeply to read", where, offset + 1)
    found += list(parsed.diagnostics)
    module = _module(doc, parsed, Loc(where, offset), path.stem, found)
    failed = [d for d in found if d.severity is errors.Severity.ERROR]
    if failed:
        raise PackgenError.many(failed)
    return module, found


# --- reading -----------------------------------------------------------------------------


def _read_text(path: Path, where: str) -> tuple[str, list[Diagnostic]]:
    """Return the file's text (UTF-8, BOM and CRLF accepted) without control characters."""
    text = read_text(path, where)
    _check_line_length(text, where)
    return _drop_control(text, where)


def _check_line_length(text: str, where: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise PackgenError(f"line is {len(line):,} characters long (at most {MAX_LINE:,}): "
                               "break it into paragraphs", where, number)


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


def _split_front_matter(text: str, where: str) -> tuple[str, int, str]:
    """Return the front matter, the number of lines before the body, and the body."""
    if not text.strip():
        raise PackgenError("empty module: start it with front matter (---, title:, "
                           "duration:, ---) and add slides", where, 1)
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise PackgenError("module has no front matter: its first line must be --- followed "
                           "by title: and duration:", where, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in _FENCE_END:
            return "\n".join(lines[1:number - 1]), number, "\n".join(lines[number:])
    raise PackgenError("front matter is never closed: end it with a line of ---", where, 1)


def _front_matter(front: str, where: str) -> YamlDoc:
    """Return the front matter read as YAML, with the line in the module file of every key."""
    doc = parse_yaml(front, where, FRONT_MATTER_LINE)
    if doc.data is None:
        return YamlDoc({}, where, doc.lines)
    if not isinstance(doc.data, dict):
        raise PackgenError("front matter must be key: value lines", where, FRONT_MATTER_LINE)
    return doc


# --- front matter fields -----------------------------------------------------------------


def _module(doc: YamlDoc, body: Body, end: Loc, stem: str, found: list[Diagnostic]) -> Module:
    """Return the module, adding every front-matter problem to ``found``.

    ``end`` is the line that closes the front matter.
    """
    where, meta = end.path, _mapping(doc)

    def fail(message: str, *keys: object) -> None:
        found.append(errors.error(message, where, _line(doc, *keys)))

    found += unknown_keys(doc, meta, (), KEYS, errors.Severity.WARNING, UNKNOWN_KEY)
    title = _title(meta, fail)
    duration = _duration(meta, fail)
    module_id = _module_id(meta, stem, fail)
    if not body.slides:
        found.append(errors.error("module has no slides: add a ## heading or some text after "
                                  "the front matter", where, end.line))
    _check_activities(body, duration, fail)
    return Module(
        id=module_id, title=title, duration=duration, slides=body.slides, loc=Loc(where, 1),
        audiences=_words(meta, "audiences", fail), objectives=_strings(meta, "objectives", fail),
        key_messages=_strings(meta, "key_messages", fail),
        materials=_materials(meta, doc, fail),
        easy_read=body.easy_read, has_easy_read=body.has_easy_read,
    )


def _title(meta: dict[str, Any], fail: Any) -> str:
    title = meta.get("title")
    if title is None:
        fail("front matter needs a title: (the module's name, shown on its section slide)",
             "title")
    elif not isinstance(title, str) or not title.strip():
        fail(f"title must be text, found {title!r}", "title")
    return str(title or "").strip()


def _duration(meta: dict[str, Any], fail: Any) -> int:
    duration = meta.get("duration")
    if duration is None:
        fail("front matter needs duration: (whole minutes, activities included)", "duration")
        return 0
    if isinstance(duration, bool) or not isinstance(duration, int) or duration < 1:
        fail(f"duration must be a whole number of minutes above 0, found {duration!r}",
             "duration")
        return 0
    return duration


def _module_id(meta: dict[str, Any], stem: str, fail: Any) -> str:
    module_id = meta.get("id", stem)
    if not isinstance(module_id, str) or not _ID.fullmatch(module_id):
        fail(f"id must be letters, digits, '-', '_' or '.', found {module_id!r}", "id")
        return stem
    return module_id


def _strings(meta: dict[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = meta.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        fail(f"{key} must be a list of lines of text", key)
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def _words(meta: dict[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = meta.get(key, [])
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return _strings({key: value}, key, fail)


def _materials(meta: dict[str, Any], doc: YamlDoc, fail: Any) -> tuple[Material, ...]:
    out = []
    for index, text in enumerate(_strings(meta, "materials", fail)):
        try:
            out.append(parse_material(text, Loc(doc.path, doc.line("materials", index))))
        except ValueError as exc:
            fail(str(exc), "materials", index)
    return tuple(out)


def _mapping(doc: YamlDoc) -> dict[str, Any]:
    """Return the front matter's mapping (``_front_matter`` has checked that it is one)."""
    return doc.data if isinstance(doc.data, dict) else {}


def _line(doc: YamlDoc, *keys: object) -> int:
    """Return the line of ``keys`` in the front matter, or 1 (its ``---``) for a missing key."""
    return doc.line(*keys) if keys[:1] in doc.lines else 1


def _check_activities(body: Body, duration: int, fail: Any) -> None:
    minutes = sum(s.activity.minutes for s in body.slides if s.activity is not None)
    if duration and minutes > duration:
        fail(f"activities take {minutes} minutes but the module's duration is {duration}: "
             "raise duration or shorten the activities", "duration")
