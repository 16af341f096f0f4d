"""The command line: options in, one library call, findings out. The only module that prints."""

from __future__ import annotations

import gc
import shlex
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from packgen import __version__
from packgen.builders import BUILDERS
from packgen.errors import PackgenError
from packgen.report import FORMATS

if TYPE_CHECKING:
    from packgen.api import BuildResult, Shown
    from packgen.live import Rebuilt
    from packgen.output.events import Event

EXIT_INTERNAL = 70
GC_THRESHOLDS = (50_000, 20, 20)
"""Collect cyclic garbage after 50,000 new objects instead of Python's 700: a build keeps the
objects it makes (modules, classes, the parsed content) until it ends, and collecting every
700 new objects scanned them over and over, about a tenth of a deck build's time."""

PROJECT = click.option(
    "--project", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
    show_default=True, help="Project folder (holds content/ and templates/).")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
    help="How findings are printed: lines, or one document for CI on stdout.")
PATH_BASE = click.option(
    "--path-base", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Write findings' paths from this folder  [default: the project for text, the git "
         "checkout holding it for the other formats]")
STRICT = click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
VERBOSE = click.option("-v", "--verbose", is_flag=True,
                       help="Also print the seconds each kind took and the readability figures.")
OUT = click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                   help="Output folder  [default: PROJECT/build]")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="packgen")
def cli() -> None:
    """Build workshop packs (deck, facilitator guide, easy-read handout) from Markdown."""


@cli.command()
@click.argument("packs", nargs=-1)
@PROJECT
@OUT
@click.option("--only", callback=lambda _c, _p, v: _kinds(v),
              help=f"Build only these kinds, comma-separated ({', '.join(BUILDERS)}).")
@click.option("--force", is_flag=True,
              help="Replace outputs changed by hand; move files packgen did not write along.")
@click.option("--rebuild", is_flag=True, help="Write every kind again, even those up to date.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Processes building packs side by side  [default: one per core]")
@click.option("--shard", callback=lambda _c, _p, v: _shard(v), metavar="I/N",
              help="Build only shard I of N (a stable split of the packs, for a CI matrix).")
@click.option("--prune", is_flag=True,
              help="Remove the outputs of packs that no longer exist (what their manifests list).")
@QUIET
@VERBOSE
@STRICT
@FORMAT
@PATH_BASE
def build(packs: tuple[str, ...], project: Path, out: Path | None, only: tuple[str, ...],
          force: bool, rebuild: bool, jobs: int | None, shard: tuple[int, int] | None,
          prune: bool, quiet: bool, verbose: bool, strict: bool, fmt: str,
          path_base: Path | None) -> None:
    """Build PACKS (every pack in content/packs/ when none is named)."""
    from packgen import api

    level = _level(quiet, verbose)
    shown = _Shown(level)
    result = api.build(project, packs, out, only, force, jobs, rebuild=rebuild, shard=shard,
                       prune=prune, on_event=shown.event)
    shown.close(out or "build")
    _finish(project, result, "build", api.Shown(fmt, level, strict, path_base))


@cli.command()
@click.argument("packs", nargs=-1)
@PROJECT
@STRICT
@FORMAT
@PATH_BASE
def check(packs: tuple[str, ...], project: Path, strict: bool, fmt: str,
          path_base: Path | None) -> None:
    """Run every rule on PACKS without keeping any output."""
    from packgen import api

    result = api.check(project, packs)
    _finish(project, result, "check", api.Shown(fmt, "verbose", strict, path_base))


@cli.command("list")
@PROJECT
@FORMAT
@PATH_BASE
def list_command(project: Path, fmt: str, path_base: Path | None) -> None:
    """List the project's modules and packs with their durations."""
    from packgen import api
    from packgen.report import listing

    loaded, result = api.list_project(project)
    if loaded is not None:
        click.echo(listing(loaded), err=fmt != "text")
    _finish(project, result, "list", api.Shown(fmt, "verbose", False, path_base))


@cli.command("watch")
@click.argument("packs", nargs=-1)
@PROJECT
@OUT
def watch_command(packs: tuple[str, ...], project: Path, out: Path | None) -> None:
    """Build PACKS, then rebuild them whenever a project file changes (Ctrl-C stops)."""
    from packgen import live

    live.watch(project, packs, out, _rebuilt, _status)


@cli.command("serve")
@click.argument("packs", nargs=-1)
@PROJECT
@OUT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
def serve_command(packs: tuple[str, ...], project: Path, out: Path | None, port: int) -> None:
    """Preview PACKS in a browser at 127.0.0.1, rebuilt and reloaded on every change."""
    from packgen import live

    live.serve(project, packs, out, port, _rebuilt, _status)


@cli.group()
def template() -> None:
    """Inspect deck templates, or export packgen's templates to edit."""


@template.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@PROJECT
@STRICT
@FORMAT
@PATH_BASE
def template_check(path: Path | None, project: Path, strict: bool, fmt: str,
                   path_base: Path | None) -> None:
    """List a template's layouts and placeholders and say which slide kinds it can build."""
    from packgen import api

    described, result = api.template_check(project, path)
    if described:
        click.echo(described, err=fmt != "text")
    _finish(project, result, "template check", api.Shown(fmt, "verbose", strict, path_base))


@cli.command("new")
@click.argument("folder", type=click.Path(path_type=Path))
def new_command(folder: Path) -> None:
    """Start a new project in FOLDER.

    FOLDER must not exist or be empty. The project holds one module, one pack named after
    the folder and a README of what goes where; it builds at once."""
    from packgen import api

    written, result = api.new_project(folder)
    for name in written:
        click.echo(f"wrote {(folder / name).as_posix()}", err=True)
    if written:
        click.echo(f"next: cd {shlex.quote(folder.as_posix())} && packgen build --strict",
                   err=True)
    _finish(Path("."), result, "new", api.Shown())


@template.command("export")
@click.argument("names", nargs=-1)
@PROJECT
@click.option("--to", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the copies in  [default: PROJECT/templates]")
@FORMAT
@PATH_BASE
def template_export(names: tuple[str, ...], project: Path, to: Path | None, fmt: str,
                    path_base: Path | None) -> None:
    """Copy packgen's templates into the project to edit.

    NAMES picks some of deck.pptx, theme.yaml, guide.typ, handout.typ, guide.html,
    guide.css, handout.html, handout.css and reference.docx (all when none). An existing
    file is never overwritten: then nothing is written."""
    from packgen import api

    written, result = api.export_templates(project, names, to)
    for name in written:
        click.echo(f"wrote {name}", err=True)
    _finish(project, result, "template export", api.Shown(fmt, "verbose", False, path_base))


@cli.command("gallery")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The gallery deck; its guide and handout pages go beside it  "
                   "[default: PROJECT/build/gallery.pptx]")
@PROJECT
@FORMAT
@PATH_BASE
def gallery_command(out: Path | None, project: Path, fmt: str, path_base: Path | None) -> None:
    """Build one deck showing every slide kind, with a guide and a handout, in the project's
    template and theme, to review a template change in one file."""
    from packgen import api

    made, result = api.gallery(project, out)
    if made is not None:
        click.echo(f"wrote {_here(made.deck)} ({made.slides} slides) and "
                   f"{', '.join(_here(p) for p in made.pages)}", err=True)
    _finish(project, result, "gallery", api.Shown(fmt, "verbose", False, path_base))


@cli.command("rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table (or an explanation), or one JSON document.")
def rules_command(code: str | None, fmt: str) -> None:
    """List every finding code, or explain CODE (a code like PG108 or a name like
    slide-too-full)."""
    from packgen import api
    from packgen.report import render_findings
    from packgen.report.catalogue import rules_text

    try:
        entries = api.rules(code)
    except PackgenError as exc:  # an unknown code is a finding, printed as every finding is
        click.echo(render_findings(exc.diagnostics, fmt))
        raise click.exceptions.Exit(1) from None
    click.echo(rules_text(entries, fmt, code is not None))


def main() -> None:
    """Run the CLI with packgen's exit codes: 0, 1 errors, 2 usage, 70 internal error."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        status = cli.main(prog_name="packgen", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except PackgenError as exc:
        from packgen.report import render_findings

        click.echo(render_findings(exc.diagnostics), err=True)
        sys.exit(1)
    except Exception:  # noqa: BLE001 - anything else is a bug in packgen
        import traceback

        traceback.print_exc()
        click.echo("internal error: this is a bug in packgen; please report it with the "
                   "traceback above", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(status if isinstance(status, int) else 0)


def _finish(project: Path, result: BuildResult, command: str, how: Shown) -> None:
    """Print the findings on stdout (in a machine format, one document and nothing else) and
    exit with their status."""
    from packgen import api
    from packgen.report import exit_status, render

    text = render(api.report(project, result, command, how), how.fmt)
    if text or how.fmt != "text":
        click.echo(text)
    status = exit_status(result.diagnostics, how.strict)
    if status:
        raise click.exceptions.Exit(status)


class _Shown:
    """Print a build's progress on stderr: on a terminal a status line rewritten in place,
    elsewhere one line per pack as it ends; then a summary. Nothing with ``quiet``."""

    def __init__(self, level: str) -> None:
        from packgen.output.progress import Progress

        self.level = level
        self.progress = Progress(verbose=level == "verbose")
        self.live = sys.stderr.isatty()
        self.shown = False

    def event(self, event: Event) -> None:
        """Show what one build event completes."""
        if self.level == "quiet":
            return
        lines = self.progress.feed(event)
        self._clear()
        for line in lines:
            click.echo(line, err=True)
        if self.live:
            width = shutil.get_terminal_size().columns - 1
            click.echo(self.progress.status()[:width], err=True, nl=False)
            self.shown = True

    def close(self, where: object) -> None:
        """Clear the status line and print the summary."""
        self._clear()
        if self.level != "quiet" and self.progress.ended:
            click.echo(self.progress.summary(str(where)), err=True)

    def _clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)
            self.shown = False


def _level(quiet: bool, verbose: bool) -> str:
    if quiet and verbose:
        raise click.UsageError("-q and -v cannot be used together")
    return "quiet" if quiet else "verbose" if verbose else "normal"


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    index, _sep, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise click.BadParameter(f"expected I/N with 1 <= I <= N, such as 2/8, but received: "
                                 f"{value}")
    return int(index), int(count)


def _here(path: Path) -> str:
    """Return ``path`` as written from the current folder when it lies inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _status(line: str) -> None:
    click.echo(line, err=True)


def _rebuilt(rebuilt: Rebuilt) -> None:
    from packgen.report import render_findings

    text = render_findings(rebuilt.findings)
    if text:
        click.echo(text)
    click.echo(rebuilt.summary, err=True)


def _kinds(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in BUILDERS]
    if unknown:
        raise click.BadParameter(
            f"expected one of {', '.join(BUILDERS)}, but received: {', '.join(unknown)}")
    return kinds
