"""The one sandboxed Jinja2 environment for content variables and HTML templates.

Jinja2 is imported on first use: a build whose content holds no ``{`` and writes no HTML
never loads it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, MutableMapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from packgen.errors import LIMIT_EXCEEDED, PackgenError
from packgen.translations import SOURCE, words
from packgen.wording import closest

CONTENT_SYNTAX = "PG129"
SHORTCODE = re.compile(r"\{\{<.*?>\}\}")
"""A Quarto shortcode (``{{< video url >}}``): kept as written, never read as a variable."""

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment, Template, nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment


class Found(Protocol):
    """A template file found by name (``paths.TemplateFile``)."""

    @property
    def path(self) -> Path:
        """The file."""

    @property
    def display(self) -> str:
        """How diagnostics show the file (``templates/guide.html``)."""

    def read_text(self) -> str:
        """Return the file's text, read as every project file is read."""


Finder = Callable[[str], Found]
"""Template name to its file (``paths.find_template``)."""
Check = Callable[[str, str], None]
"""A check of a template's text and display name: raise PackgenError at its line."""


def make_env(find: Finder, check: Check | None = None,
             lang: str = SOURCE) -> ImmutableSandboxedEnvironment:
    """Return a sandboxed, strict, autoescaping environment loading templates through ``find``.

    A template name ``find`` cannot place (missing, or leading outside the project), or whose
    text ``check`` refuses, is its PackgenError, raised as the template is loaded. Templates
    write packgen's own words in the language ``lang`` with Jinja2's i18n extension:
    ``{{ _("Slide {n}", n=3) }}`` (the message's ``{names}`` filled in, then escaped like any
    other value), ``ngettext`` and ``pgettext`` likewise, and ``{% trans %}`` blocks.
    """
    from jinja2 import StrictUndefined, select_autoescape
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        loader=_loader_class()(find, check),
        undefined=StrictUndefined,
        autoescape=select_autoescape(("html", "htm", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    said = words(lang)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        said, said.ngettext, newstyle=False, pgettext=said.pgettext)
    return env


class CallError(PackgenError):
    """Raised by a function a template calls, about that call: reported at the line of the
    template that made it (``render_template``), with the error's own code."""


DESIGNER_FAILURES = (ArithmeticError, TypeError, ValueError, LookupError, AttributeError,
                     RecursionError)
"""What a designer's template can raise while rendering, besides Jinja2's TemplateError; each
becomes a PackgenError."""


def render_template(env: Environment, name: str, label: str, **context: object) -> str:
    """Return the template ``name`` rendered with ``context``.

    A failure inside the template (bad syntax, a missing name, ``1 / 0``, runaway recursion)
    is a PackgenError at the template's file and line, labelled ``label``: the project's
    ``templates/<name>`` when the designer overrides it, else ``packgen:<name>``.
    """
    from jinja2.exceptions import TemplateError

    try:
        return env.get_template(name).render(**context)
    except CallError as exc:
        where, line = _template_place(env, exc, name)
        first = exc.diagnostics[0]
        raise PackgenError(f"{label} template: {first.message}", where, line,
                           first.code) from None
    except (TemplateError, *DESIGNER_FAILURES) as exc:
        where, line = _template_place(env, exc, name)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if isinstance(exc, RecursionError):
            message = "recursion too deep"
        raise PackgenError(f"{label} template: {message}", where, line, "PG400") from None


PRECOMPILED = ("guide.css", "guide.html", "handout.css", "handout.html")
"""Packaged templates whose generated code ships in ``precompiled_templates.py``."""


@cache
def _loader_class() -> type[BaseLoader]:
    """Return the loader class (defined on first use, as it derives from Jinja2's)."""
    from jinja2 import BaseLoader

    class _FindLoader(BaseLoader):
        """Load each template through a Finder, remembering how each file is shown.

        A template whose text is exactly a packaged one's takes the Python code Jinja2
        generated from that text when packgen was made (``scripts/precompile_templates.py``),
        so only Python's own compiler runs; any other text is compiled by Jinja2 as usual.
        """

        def __init__(self, find: Finder, check: Check | None) -> None:
            self.find = find
            self.check = check
            self.shown: dict[str, str] = {}
            """File name as Jinja2 reports it to its display (``templates/guide.html``)."""

        def get_source(self, environment: Environment,
                       template: str) -> tuple[str, str, Callable[[], bool]]:
            """Return the template's text and file name; an environment lives for one
            render."""
            found = self.find(template)
            text = found.read_text()
            if self.check is not None:
                self.check(text, found.display)
            self.shown[str(found.path)] = found.display
            return text, str(found.path), lambda: True

        def load(self, environment: Environment, name: str,
                 globals: MutableMapping[str, object] | None = None) -> Template:
            """Return the template ``name``, from its shipped generated code if it has one."""
            text, filename, uptodate = self.get_source(environment, name)
            generated = _precompiled(name, text)
            code = compile(generated, filename, "exec") if generated is not None \
                else environment.compile(text, name, filename)
            return environment.template_class.from_code(environment, code, globals or {},
                                                        uptodate)

    return _FindLoader


def _precompiled(name: str, text: str) -> str | None:
    """Return the shipped generated source for template ``name`` if ``text`` is what it was
    generated from, else None."""
    from packgen.precompiled_templates import TEMPLATES

    entry = TEMPLATES.get(name)
    if entry is None or entry[0] != hashlib.sha256(text.encode("utf-8")).hexdigest():
        return None
    return entry[1]


def _template_place(env: Environment, exc: BaseException, name: str) -> tuple[str, int | None]:
    filename = getattr(exc, "filename", None) or _template_frame(exc)[0]
    line = getattr(exc, "lineno", None) or _template_frame(exc)[1]
    loader = env.loader
    if not isinstance(loader, _loader_class()):
        return name, line
    return loader.shown.get(filename or "") or loader.find(name).display, line


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".htm", ".xml")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


@cache
def _text_env() -> ImmutableSandboxedEnvironment:
    """Return the environment that parses content text (no globals: nothing to call).

    Jinja's comments are turned off: ``{#`` starts Pandoc's ``{#id}`` attributes and Quarto's
    ``{#eq-x}`` labels, which stay text. (A control character opens them instead, and content
    never holds one: they are dropped when a module is read.)"""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                        comment_start_string="\x00{#",
                                        comment_end_string="#}\x00")
    env.globals.clear()
    return env


class TooLong(PackgenError):
    """The filled-in text would pass the ``limit`` given to ``render_text``.

    ``line`` is the line of the variable that passes it; the caller words the error.
    """

    def __init__(self, path: str, line: int | None) -> None:
        super().__init__("the text is too long once its variables are filled in", path, line,
                         LIMIT_EXCEEDED)
        self.line = line


def render_text(text: str, context: Mapping[str, object], path: str, line: int | None,
                limit: int | None = None) -> str:
    """Return ``text`` with its ``{{ name }}`` / ``{{ a.b }}`` variables filled in.

    Content may use plain and dotted names only. Jinja2 only parses the text; the names are
    looked up here, in ``context`` and then in mapping keys or plain data fields, never in
    methods or Jinja's globals. Any other expression, a statement, or an undefined name is a
    PackgenError at ``path:line`` (the text's first line plus the line inside the text).
    A result that would hold more than ``limit`` characters is TooLong, raised before it is
    joined.
    """
    if "{" not in text:
        _check_room(len(text), limit, path, line)
        return text
    if "{{<" in text:
        return _around_shortcodes(text, context, path, line, limit)
    from jinja2 import nodes

    tree = _parse(text, path, line)
    parts, size = [], 0
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise PackgenError("only {{ variables }} are allowed in content, not {% statements %}",
                               path, _line(line, node.lineno), CONTENT_SYNTAX)
        for child in node.nodes:
            parts.append(_output(child, context, path, line))
            size += len(parts[-1])
            _check_room(size, limit, path, _line(line, child.lineno))
    return "".join(parts)


def _around_shortcodes(text: str, context: Mapping[str, object], path: str, line: int | None,
                       limit: int | None) -> str:
    """Return ``text`` with the variables between its shortcodes filled in, shortcodes kept."""
    parts, start = [], 0
    for match in [*SHORTCODE.finditer(text), None]:
        end = match.start() if match else len(text)
        at = None if line is None else line + text.count("\n", 0, start)
        room = None if limit is None else limit - sum(map(len, parts))
        parts.append(render_text(text[start:end], context, path, at, room))
        parts.append(match[0] if match else "")
        start = match.end() if match else len(text)
    _check_room(sum(map(len, parts)), limit, path, line)
    return "".join(parts)


def _check_room(size: int, limit: int | None, path: str, line: int | None) -> None:
    if limit is not None and size > limit:
        raise TooLong(path, line)


def _parse(text: str, path: str, line: int | None) -> nodes.Template:
    from jinja2.exceptions import TemplateSyntaxError

    try:
        return _text_env().parse(text)
    except TemplateSyntaxError as exc:
        raise PackgenError(f"bad template syntax: {exc.message}", path,
                           _line(line, exc.lineno), CONTENT_SYNTAX) from None
    except RecursionError:
        raise PackgenError("expression nested too deeply", path, line,
                           CONTENT_SYNTAX) from None


def _output(node: nodes.Node, context: Mapping[str, object], path: str,
            line: int | None) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.TemplateData):
        return node.data
    names = _dotted(node)
    if names is None:
        raise PackgenError(
            "only plain or dotted variable names are allowed in {{ }}, not expressions",
            path, _line(line, node.lineno), CONTENT_SYNTAX)
    return _text(_lookup(names, context, path, _line(line, node.lineno)))


def _dotted(node: nodes.Node) -> list[str] | None:
    from jinja2 import nodes

    names: list[str] = []
    while isinstance(node, nodes.Getattr):
        names.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    names.append(node.name)
    names.reverse()
    return None if any(n.startswith("_") for n in names) else names


def _lookup(names: list[str], context: Mapping[str, object], path: str,
            line: int | None) -> object:
    value: object = context
    for depth, name in enumerate(names):
        found = _member(value, name)
        if found is _MISSING:
            shown = ".".join(names[: depth + 1])
            raise PackgenError(f"undefined variable '{shown}'{_did_you_mean(value, names, depth)}",
                               path, line, "PG110")
        value = found
    return value


def _did_you_mean(value: object, names: list[str], depth: int) -> str:
    """Return ``; did you mean 'contact.email'?`` for the closest name ``value`` has, or ''."""
    if isinstance(value, Mapping):
        known = [str(k) for k in value]
    else:
        known = list(getattr(type(value), "__dataclass_fields__", None) or ())
    close = closest(names[depth], known)
    return f"; did you mean '{'.'.join([*names[:depth], close])}'?" if close else ""


_MISSING = object()


def _member(value: object, name: str) -> object:
    if isinstance(value, Mapping):
        return value.get(name, _MISSING)
    fields = getattr(type(value), "__dataclass_fields__", None) or {}
    if name in fields or name in getattr(value, "__dict__", {}):
        found = getattr(value, name)
        return _MISSING if callable(found) else found
    return _MISSING


def _text(value: object) -> str:
    if type(value) in (list, tuple):
        return ", ".join(_text(v) for v in value)
    if value is None:
        return ""
    return str(value)


def _line(base: int | None, inner: int | None) -> int | None:
    if base is None:
        return inner
    return base + (inner or 1) - 1
