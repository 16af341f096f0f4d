"""Read the project's optional YAML data: audiences, the spaces model, glossary and theme."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from packgen import errors
from packgen.colours import hex_problem
from packgen.errors import Diagnostic, PackgenError
from packgen.load.yamldoc import YamlDoc, describe
from packgen.model import Audience, Credit, GlossaryEntry, Image, Loc, Space, Theme
from packgen.paths import resolve_in_project

At = tuple[object, ...]
THEME_KEYS = ("colours", "fonts", "logo", "layouts")
REQUIRED_COLOURS = ("text", "background", "accent")

DEFAULT_SPACES: tuple[Space, ...] = (
    Space("my_space", "My space", "People with less power, for example a self-advocacy group",
          "Where we hold power and control ourselves and run things our way.", "my_space"),
    Space("your_space", "Your space",
          "Someone else: a service provider, a local authority or the government",
          "Where someone else holds power and control. Engagement and involvement happen "
          "here: they choose to involve you, and they can choose to stop.", "your_space"),
    Space("shared_space", "Shared space", "Everyone together, as equals",
          "Where power and control are really shared. This is coproduction.", "shared_space",
          overlaps=("my_space", "your_space")),
)
"""The spaces used when a project has no ``content/model.yaml``."""

NO_GLOSSARY: tuple[GlossaryEntry, ...] = ()


@dataclass
class Reader:
    """Checks one YAML document's values, collecting every problem with its line."""

    root: Path
    doc: YamlDoc
    errors: list[Diagnostic] = field(default_factory=list)

    def fail(self, message: str, *keys: object) -> None:
        """Record a problem at the line of ``keys``."""
        self.errors.append(errors.error(message, self.doc.path, self.doc.line(*keys)))

    def mapping(self, value: object, at: At, known: Collection[str],
                required: Collection[str] = ()) -> dict[str, object]:
        """Return ``value`` as a mapping of known keys; report unknown and missing ones."""
        if not isinstance(value, dict):
            self.fail(f"expected a mapping with keys {', '.join(known)}; found "
                      f"{describe(value)}", *at)
            return {}
        for key in value:
            if key not in known:
                self.fail(f"unknown key '{key}' (expected one of: {', '.join(known)})", *at, key)
        for key in required:
            if key not in value:
                self.fail(f"missing required key '{key}'", *at)
        return {str(k): v for k, v in value.items() if k in known}

    def entries(self, value: object, at: At, known: Collection[str],
                required: Collection[str]) -> list[tuple[At, dict[str, object]]]:
        """Return each mapping of a list with its key path; report anything else."""
        if not isinstance(value, list):
            self.fail(f"expected a list; found {describe(value)}", *at)
            return []
        found = [(at + (i,), self.mapping(item, at + (i,), known, required))
                 for i, item in enumerate(value)]
        return [(where, entry) for where, entry in found
                if entry and all(k in entry for k in required)]

    def text(self, value: object, at: At) -> str:
        """Return ``value`` as text, or report it."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(f"'{at[-1]}' must be text; found {describe(value)}", *at)
            return ""
        return value.strip()

    def texts(self, value: object, at: At) -> tuple[str, ...]:
        """Return ``value`` as a tuple of texts (a single text is a list of one)."""
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, list):
            self.fail(f"'{at[-1]}' must be a list of text; found {describe(value)}", *at)
            return ()
        return tuple(self.text(v, at + (i,)) for i, v in enumerate(value))

    def image(self, value: object, at: At) -> Image | None:
        """Return a ``{src, alt}`` picture resolved inside the project, or report it."""
        found = self.mapping(value, at, ("src", "alt"), ("src", "alt"))
        if "src" not in found or "alt" not in found:
            return None
        line = self.doc.line(*at, "src")
        base = self.root / Path(self.doc.path).parent
        try:
            src = resolve_in_project(self.root, base, self.text(found["src"], at + ("src",)),
                                     self.doc.path, line)
        except PackgenError as exc:
            self.errors.extend(picture_problem(exc))
            return None
        return Image(src, self.text(found["alt"], at + ("alt",)), Loc(self.doc.path, line))

    def unique(self, items: list[tuple[At, str]], what: str) -> None:
        """Report ids given twice."""
        seen: set[str] = set()
        for at, item in items:
            if item in seen:
                self.fail(f"{what} '{item}' is given twice", *at)
            seen.add(item)


def picture_problem(exc: PackgenError) -> list[Diagnostic]:
    """Return a picture's problem coded PG113 (no such file) or PG114 (outside the project)."""
    missing = exc.diagnostics[0].message.startswith("file not found")
    return [dataclasses.replace(d, code="PG113" if missing else "PG114")
            for d in exc.diagnostics]


def read_audiences(reader: Reader) -> dict[str, Audience]:
    """Return the audiences of ``content/audiences.yaml`` by id."""
    found = reader.entries(reader.doc.data, (), ("id", "name", "description"), ("id",))
    audiences = {}
    for at, entry in found:
        audience_id = reader.text(entry["id"], at + ("id",))
        name = reader.text(entry.get("name", audience_id), at + ("name",))
        audiences[audience_id] = Audience(audience_id, name or audience_id,
                                          reader.text(entry.get("description", ""),
                                                      at + ("description",)))
    reader.unique([(at, reader.text(e["id"], at)) for at, e in found], "audience")
    return audiences


SPACE_KEYS = ("id", "name", "holder", "description", "colour", "picture", "overlaps")


def read_spaces(reader: Reader, theme: Theme) -> tuple[Space, ...]:
    """Return the spaces of ``content/model.yaml`` (``spaces:`` list), checked against the theme."""
    top = reader.mapping(reader.doc.data, (), ("spaces",), ("spaces",))
    if "spaces" not in top:
        return DEFAULT_SPACES
    found = reader.entries(top["spaces"], ("spaces",), SPACE_KEYS, ("id", "name"))
    if top["spaces"] == []:
        reader.fail("'spaces' must list at least one space", "spaces")
    spaces = tuple(_space(reader, at, entry, theme) for at, entry in found)
    reader.unique([(at, s.id) for (at, _), s in zip(found, spaces)], "space")
    ids = {s.id for s in spaces}
    for (at, _), space in zip(found, spaces):
        for other in space.overlaps:
            if other not in ids:
                reader.fail(f"space '{space.id}' overlaps unknown space '{other}' (spaces: "
                            f"{', '.join(sorted(ids))})", *at, "overlaps")
    return spaces


def _space(reader: Reader, at: At, entry: dict[str, object], theme: Theme) -> Space:
    def get(key: str) -> str:
        return reader.text(entry.get(key, ""), at + (key,))

    colour = get("colour") or "accent"
    problem = hex_problem(colour, hash_required=True)
    if problem and colour.startswith("#"):
        reader.fail(f"colour '{colour}' is not #RRGGBB: {problem}", *at, "colour")
    elif problem and colour not in theme.colours:
        reader.fail(f"colour '{colour}' is neither #RRGGBB nor a theme colour (theme colours: "
                    f"{', '.join(sorted(theme.colours))})", *at, "colour")
    picture = reader.image(entry["picture"], at + ("picture",)) if "picture" in entry else None
    overlaps = reader.texts(entry.get("overlaps", []), at + ("overlaps",))
    return Space(get("id"), get("name"), get("holder"), get("description"), colour, picture,
                 overlaps)


def read_glossary(reader: Reader) -> tuple[GlossaryEntry, ...]:
    """Return the entries of ``content/glossary.yaml``."""
    known = ("term", "explanation", "forms", "picture")
    entries = []
    for at, entry in reader.entries(reader.doc.data, (), known, ("term", "explanation")):
        picture = entry.get("picture")
        entries.append(GlossaryEntry(
            reader.text(entry["term"], at + ("term",)),
            reader.text(entry["explanation"], at + ("explanation",)),
            Loc(reader.doc.path, reader.doc.line(*at)),
            reader.texts(entry.get("forms", []), at + ("forms",)),
            reader.image(picture, at + ("picture",)) if picture is not None else None))
    return tuple(entries)


def read_credits(reader: Reader) -> tuple[Credit, ...]:
    """Return the entries of ``content/images/CREDITS.yaml``, each naming a shipped picture."""
    known = ("file", "source", "author", "licence", "attribution")
    base = reader.root / Path(reader.doc.path).parent
    credits = []
    for at, entry in reader.entries(reader.doc.data, (), known, ("file", "licence")):
        line = reader.doc.line(*at, "file")
        try:
            src = resolve_in_project(reader.root, base, reader.text(entry["file"], at + ("file",)),
                                     reader.doc.path, line)
        except PackgenError as exc:
            reader.errors.extend(picture_problem(exc))
            continue
        credits.append(Credit(
            src, reader.text(entry.get("source", ""), at), reader.text(entry.get("author", ""), at),
            reader.text(entry["licence"], at + ("licence",)), Loc(reader.doc.path, line),
            reader.text(entry.get("attribution", ""), at)))
    return tuple(credits)


def read_theme(readers: list[Reader]) -> Theme:
    """Return the theme: each reader's file overrides the previous one key by key."""
    colours: dict[str, str] = {}
    fonts: dict[str, str] = {}
    layouts: dict[str, str] = {}
    logo = None
    for reader in readers:
        top = reader.mapping(reader.doc.data or {}, (), THEME_KEYS)
        colours.update(_names(reader, top.get("colours", {}), "colours"))
        fonts.update(_names(reader, top.get("fonts", {}), "fonts"))
        layouts.update(_names(reader, top.get("layouts", {}), "layouts"))
        if "logo" in top:
            logo = reader.image(top["logo"], ("logo",))
    last = readers[-1]
    for name in REQUIRED_COLOURS:
        if name not in colours:
            last.fail(f"theme colour '{name}' is missing")
    return Theme(MappingProxyType(colours), MappingProxyType(fonts), logo,
                 MappingProxyType(layouts), last.doc.path)


def _names(reader: Reader, value: object, key: str) -> Mapping[str, str]:
    if not isinstance(value, dict):
        reader.fail(f"'{key}' must be a mapping of names to values; found {describe(value)}",
                    key)
        return {}
    found = {str(k): reader.text(v, (key, k)) for k, v in value.items()}
    if key == "colours":
        for name, colour in found.items():
            _colour(reader, colour, (key, name))
    return found


def _colour(reader: Reader, value: str, at: At) -> None:
    problem = hex_problem(value, hash_required=True)
    if problem:
        reader.fail(f"colour '{at[-1]}' must be written #RRGGBB; found '{value}': {problem}",
                    *at)
