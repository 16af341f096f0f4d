"""Load workshop modules: ``content/modules/*.md`` files with YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from packgen import errors
from packgen.errors import Diagnostic, PackgenError
from packgen.markdown.activity import parse_material
from packgen.markdown.blocks import Body, parse_body
from packgen.model import Loc, Material, Module
from packgen.paths import relative

MAX_BYTES = 2_000_000
MAX_LINE = 20_000
"""Longest line accepted, in characters: far beyond any real paragraph."""
"""Largest module file read; anything bigger is surely a mistake."""

UNREADABLE = "PG003"
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
    meta, lines = _parse_yaml(front, where)
    try:
        parsed = parse_body(body, path=where, line_offset=offset, root=root,
                            base_dir=path.parent)
    except RecursionError:
        raise PackgenError("the Markdown is nested too deeply to read", where, offset + 1)
    found += list(parsed.diagnostics)
    module = _module(meta, lines, parsed, Loc(where, offset), path.stem, found)
    failed = [d for d in found if d.severity is errors.Severity.ERROR]
    if failed:
        raise PackgenError.many(failed)
    return module, found


# --- reading -----------------------------------------------------------------------------


def _read_text(path: Path, where: str) -> tuple[str, list[Diagnostic]]:
    """Return the file's text (UTF-8, BOM and CRLF accepted) without control characters."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise PackgenError(f"file is larger than {MAX_BYTES // 1_000_000} MB: split it "
                               "into smaller modules", where)
        data = path.read_bytes()
    except OSError as exc:
        raise PackgenError(f"cannot read the file: {exc.strerror}", where,
                           code=UNREADABLE) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PackgenError(f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be read; save the "
                           "file as UTF-8", where, line, UNREADABLE) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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


def _parse_yaml(front: str, where: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Return the front matter mapping and the file line of each key."""
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise PackgenError(f"front matter is not valid YAML: {problem}", where, line,
                           UNREADABLE) from None
    except RecursionError:
        raise PackgenError("front matter is nested too deeply", where, 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, (yaml.MappingNode, type(None))):
        raise PackgenError("front matter must be key: value lines", where, 2)
    return {str(k): v for k, v in data.items()}, _key_lines(node)


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """Return the file line of each key, and of each ``key[i]`` list entry."""
    lines: dict[str, int] = {}
    for key, value in node.value if node is not None else []:
        lines[str(key.value)] = key.start_mark.line + 2
        if isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                lines[f"{key.value}[{index}]"] = item.start_mark.line + 2
    return lines


# --- front matter fields -----------------------------------------------------------------


def _module(meta: dict[str, Any], lines: dict[str, int], body: Body, end: Loc, stem: str,
            found: list[Diagnostic]) -> Module:
    """Return the module, adding every front-matter problem to ``found``.

    ``end`` is the line that closes the front matter.
    """
    where = end.path
    def fail(message: str, key: str) -> None:
        found.append(errors.error(message, where, lines.get(key, 1)))

    for key in meta:
        if key not in KEYS:
            found.append(errors.warning(f"unknown front-matter key '{key}' is ignored: "
                                        f"packgen reads {', '.join(KEYS)}", where,
                                        lines.get(key, 1), UNKNOWN_KEY))
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
        materials=_materials(meta, lines, where, fail),
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


def _materials(meta: dict[str, Any], lines: dict[str, int], where: str,
               fail: Any) -> tuple[Material, ...]:
    out = []
    for index, text in enumerate(_strings(meta, "materials", fail)):
        key = f"materials[{index}]"
        try:
            out.append(parse_material(text, Loc(where, lines.get(key, lines.get("materials")))))
        except ValueError as exc:
            fail(str(exc), key if key in lines else "materials")
    return tuple(out)


def _check_activities(body: Body, duration: int, fail: Any) -> None:
    minutes = sum(s.activity.minutes for s in body.slides if s.activity is not None)
    if duration and minutes > duration:
        fail(f"activities take {minutes} minutes but the module's duration is {duration}: "
             "raise duration or shorten the activities", "duration")
