"""The one sandboxed Jinja2 environment for content variables and HTML templates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, nodes, select_autoescape
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from packgen.errors import PackgenError


def packaged_templates() -> Path:
    """Return the folder of packaged default templates."""
    return Path(str(resources.files("packgen") / "templates"))


def template_dirs(project_root: Path) -> list[Path]:
    """Return the template search path: the project's ``templates/`` first, then packaged."""
    return [project_root / "templates", packaged_templates()]


def make_env(dirs: Sequence[Path] = ()) -> ImmutableSandboxedEnvironment:
    """Return a sandboxed, strict, autoescaping environment searching ``dirs`` in order."""
    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(d) for d in dirs]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(("html", "htm", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_TEXT_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def render_text(text: str, context: Mapping[str, object], path: str, line: int | None) -> str:
    """Return ``text`` with its ``{{ name }}`` / ``{{ a.b }}`` variables filled in.

    Content may use plain and dotted names only: any other expression, statement or an
    undefined name is a PackgenError at ``path:line`` (the line of the text's first line plus
    the line inside the text), and nothing is evaluated.
    """
    if "{" not in text:
        return text
    try:
        tree = _TEXT_ENV.parse(text)
    except TemplateSyntaxError as exc:
        raise PackgenError(f"bad template syntax: {exc.message}", path,
                           _line(line, exc.lineno)) from None
    _check_names_only(tree, path, line)
    try:
        return _TEXT_ENV.from_string(tree).render(**context)
    except UndefinedError as exc:
        raise PackgenError(f"undefined variable: {exc.message}", path, line) from None
    except (SecurityError, TemplateError) as exc:
        raise PackgenError(f"template error: {exc}", path, line) from None


def _check_names_only(tree: nodes.Template, path: str, line: int | None) -> None:
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise PackgenError("only {{ variables }} are allowed in content, not {% statements %}",
                               path, _line(line, node.lineno))
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData) and not _is_dotted_name(child):
                raise PackgenError(
                    "only plain or dotted variable names are allowed in {{ }}, not expressions",
                    path, _line(line, child.lineno))


def _is_dotted_name(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Name):
        return not node.name.startswith("_")
    if isinstance(node, nodes.Getattr):
        return not node.attr.startswith("_") and _is_dotted_name(node.node)
    return False


def _line(base: int | None, inner: int | None) -> int | None:
    if base is None:
        return inner
    return base + (inner or 1) - 1
