"""Read the project's optional YAML data: audiences, the spaces model, glossary and theme."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from packgen.colours import hex_problem
from packgen.errors import warning
from packgen.load.fields import UNKNOWN_KEY, At, Fields, unknown_key, unknown_keys
from packgen.model import Audience, Credit, GlossaryEntry, Loc, Space, Theme
from packgen.model.slide_kinds import KINDS
from packgen.paths import OUTSIDE, list_templates
from packgen.wording import closest

THEME_KEYS = ("colours", "fonts", "logo", "layouts")
OLD_FAMILY, FAMILY = "Atkinson Hyperlegible", "Atkinson Hyperlegible Next"
"""The family packgen shipped before, and the one that replaced it (it has Welsh ŵ and ŷ)."""
RENAMED_FONT = "PG190"
REQUIRED_COLOURS = ("text", "background", "accent")
COLOURS = REQUIRED_COLOURS + ("accent_text", "muted", "surface", "my_space", "your_space",
                              "shared_space")
"""The colours packgen itself uses; a project may add its own (for its spaces, its CSS)."""
FONT_ROLES = ("heading", "body", "code")
CLOSE_COLOUR = 0.8
"""A new colour name this close to a packaged one (difflib ratio) is taken for a typo."""

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


def read_audiences(check: Fields) -> dict[str, Audience]:
    """Return the audiences of ``content/audiences.yaml`` by id."""
    found = check.entries(check.doc.data, (), ("id", "name", "description"), ("id",))
    audiences = [_audience(check, at, entry) for at, entry in found]
    check.unique([(at, a.id) for (at, _), a in zip(found, audiences)], "audience")
    return {a.id: a for a in audiences}


SPACE_KEYS = ("id", "name", "holder", "description", "colour", "picture", "overlaps")


def read_spaces(check: Fields, theme: Theme) -> tuple[Space, ...]:
    """Return the spaces of ``content/model.yaml`` (``spaces:`` list), checked against the theme."""
    top = check.mapping(check.doc.data, (), ("spaces",), ("spaces",))
    if "spaces" not in top:
        return DEFAULT_SPACES
    found = check.entries(top["spaces"], ("spaces",), SPACE_KEYS, ("id", "name"))
    if top["spaces"] == []:
        check.fail("'spaces' must list at least one space", "spaces")
    spaces = tuple(_space(check, at, entry, theme) for at, entry in found)
    check.unique([(at, s.id) for (at, _), s in zip(found, spaces)], "space")
    ids = {s.id for s in spaces}
    for (at, _), space in zip(found, spaces):
        for other in space.overlaps:
            if other not in ids:
                check.fail(f"space '{space.id}' overlaps unknown space '{other}' (spaces: "
                           f"{', '.join(sorted(ids))})", *at, "overlaps")
    return spaces


def read_glossary(check: Fields) -> tuple[GlossaryEntry, ...]:
    """Return the entries of ``content/glossary.yaml``."""
    known = ("term", "explanation", "forms", "picture")
    entries = []
    for at, entry in check.entries(check.doc.data, (), known, ("term", "explanation")):
        picture = entry.get("picture")
        entries.append(GlossaryEntry(
            _text(check, entry, at, "term"), _text(check, entry, at, "explanation"),
            Loc(check.doc.path, check.doc.line(*at)),
            check.texts(entry.get("forms", []), at + ("forms",), blank=True),
            check.image(picture, at + ("picture",)) if picture is not None else None))
    return tuple(entries)


def read_credits(check: Fields) -> tuple[Credit, ...]:
    """Return the entries of ``content/images/CREDITS.yaml``, each naming a shipped picture."""
    known = ("file", "source", "author", "licence", "attribution")
    credits = []
    for at, entry in check.entries(check.doc.data, (), known, ("file", "licence")):
        src = check.file(entry["file"], at + ("file",))
        if src is None:
            continue
        credits.append(Credit(
            src, _text(check, entry, at, "source"), _text(check, entry, at, "author"),
            _text(check, entry, at, "licence"), Loc(check.doc.path, check.doc.line(*at, "file")),
            _text(check, entry, at, "attribution")))
    return tuple(credits)


def read_theme(checks: list[Fields]) -> Theme:
    """Return the theme: each file's check overrides the previous one key by key."""
    colours: dict[str, str] = {}
    fonts: dict[str, str] = {}
    layouts: dict[str, str] = {}
    logo = None
    for check in checks:
        top = check.mapping(check.doc.data or {}, (), THEME_KEYS)
        colours.update(_names(check, top.get("colours", {}), "colours"))
        fonts.update(_names(check, top.get("fonts", {}), "fonts"))
        layouts.update(_names(check, top.get("layouts", {}), "layouts"))
        if "logo" in top:
            logo = check.image(top["logo"], ("logo",))
    last = checks[-1]
    for name in REQUIRED_COLOURS:
        if name not in colours:
            last.fail(f"theme colour '{name}' is missing")
    return Theme(MappingProxyType(colours), MappingProxyType(fonts), logo,
                 MappingProxyType(layouts), last.doc.path)


def _text(check: Fields, entry: Mapping[str, object], at: At, key: str,
          default: str = "") -> str:
    """Return the text of an entry's ``key`` (blank allowed), ``default`` when it is absent."""
    return check.text(entry.get(key, default), at + (key,), blank=True)


def _audience(check: Fields, at: At, entry: dict[str, object]) -> Audience:
    audience_id = _text(check, entry, at, "id")
    name = _text(check, entry, at, "name", audience_id)
    return Audience(audience_id, name or audience_id, _text(check, entry, at, "description"))


def _space(check: Fields, at: At, entry: dict[str, object], theme: Theme) -> Space:
    colour = _text(check, entry, at, "colour") or "accent"
    problem = hex_problem(colour, hash_required=True)
    if problem and colour.startswith("#"):
        check.fail(f"colour '{colour}' is not #RRGGBB: {problem}", *at, "colour")
    elif problem and colour not in theme.colours:
        check.fail(f"colour '{colour}' is neither #RRGGBB nor a theme colour (theme colours: "
                   f"{', '.join(sorted(theme.colours))})", *at, "colour")
    picture = check.image(entry["picture"], at + ("picture",)) if "picture" in entry else None
    overlaps = check.texts(entry.get("overlaps", []), at + ("overlaps",), blank=True)
    return Space(_text(check, entry, at, "id"), _text(check, entry, at, "name"),
                 _text(check, entry, at, "holder"), _text(check, entry, at, "description"),
                 colour, picture, overlaps)


def _names(check: Fields, value: object, key: str) -> Mapping[str, str]:
    names = check.names(value, (key,))
    _check_names(check, names, key)
    found = {str(k): check.text(v, (key, k), blank=True) for k, v in names.items()}
    if key == "colours":
        for name, colour in found.items():
            _colour(check, colour, (key, name))
    if key == "fonts":
        for role, family in found.items():
            _family(check, family, (key, role))
            found[role] = _renamed(check, family, (key, role))
    return found


def _check_names(check: Fields, names: Mapping[object, object], key: str) -> None:
    """Report unknown font roles and slide kinds, and colour names that look like typos.

    Colours are open (a project may name its own for its spaces and templates), so only a
    new name close to a packaged one (``acent``) is reported, with the name it is close to.
    """
    if key == "fonts":
        check.errors.extend(unknown_keys(check.doc, names, (key,), FONT_ROLES, code=UNKNOWN_KEY))
    elif key == "layouts":
        check.errors.extend(unknown_keys(check.doc, names, (key,), KINDS, code=UNKNOWN_KEY))
    elif key == "colours":
        for name in names:
            if name not in COLOURS and _close_colour(name):
                check.fail(unknown_key(name, COLOURS, within="colours") + "; a colour of your "
                           "own needs a name not so close to packgen's", key, name,
                           code=UNKNOWN_KEY)


def _close_colour(name: object) -> bool:
    return closest(name, COLOURS, CLOSE_COLOUR) is not None


def _family(check: Fields, family: str, at: At) -> None:
    """Report a font family written as a path: fonts are found by name in templates/fonts."""
    if any(mark in family for mark in ("/", "\\", "..")):
        check.fail(f"font family '{family}' is written as a path: write its name (such as "
                   "Atkinson Hyperlegible Next); its files are found in templates/fonts", *at,
                   code=OUTSIDE)


def _renamed(check: Fields, family: str, at: At) -> str:
    """Return the family to use for ``family``: packgen's former Atkinson Hyperlegible, whose
    files it no longer ships, becomes Atkinson Hyperlegible Next with a warning (PG190),
    unless the project's own templates/fonts holds files of the former family."""
    if family != OLD_FAMILY:
        return family
    stem = OLD_FAMILY.replace(" ", "") + "_"
    if any(name.startswith(stem) for name in list_templates(check.root, "fonts")[0]):
        return family
    check.errors.append(warning(
        f"font '{OLD_FAMILY}' is now '{FAMILY}', its successor with the Welsh letters "
        f"(ŵ ŷ): every output uses '{FAMILY}'; write that name here, or put the former "
        f"family's files in templates/fonts to keep it", check.doc.path, check.doc.line(*at),
        RENAMED_FONT))
    return FAMILY


def _colour(check: Fields, value: str, at: At) -> None:
    problem = hex_problem(value, hash_required=True)
    if problem:
        check.fail(f"colour '{at[-1]}' must be written #RRGGBB; found '{value}': {problem}",
                   *at)
