"""The command line: options in, one library call, findings out. The only module that prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from packgen import __version__
from packgen.builders import BUILDERS
from packgen.errors import Diagnostic, PackgenError

if TYPE_CHECKING:
    from packgen.api import BuildResult
    from packgen.live import Rebuilt

EXIT_INTERNAL = 70

PROJECT = click.option(
    "--project", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
    show_default=True, help="Project folder (holds content/ and templates/).")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
    show_default=True, help="How findings are printed.")
STRICT = click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
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
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Processes that write a pack's kinds side by side  [default: one per core]")
@STRICT
@FORMAT
def build(packs: tuple[str, ...], project: Path, out: Path | None, only: tuple[str, ...],
          force: bool, jobs: int | None, strict: bool, fmt: str) -> None:
    """Build PACKS (every pack in content/packs/ when none is named)."""
    from packgen import api

    result = api.build(project, packs, out, only, force, jobs)
    _finish(result.diagnostics, strict, fmt, _summary(result))


@cli.command()
@click.argument("packs", nargs=-1)
@PROJECT
@STRICT
@FORMAT
def check(packs: tuple[str, ...], project: Path, strict: bool, fmt: str) -> None:
    """Run every rule on PACKS without keeping any output."""
    from packgen import api

    result = api.check(project, packs)
    _finish(result.diagnostics, strict, fmt, [])


@cli.command("list")
@PROJECT
def list_command(project: Path) -> None:
    """List the project's modules and packs with their durations."""
    from packgen import api
    from packgen.report import listing

    click.echo(listing(api.list_project(project)))


@cli.command("watch")
@click.argument("packs", nargs=-1)
@PROJECT
@OUT
def watch_command(packs: tuple[str, ...], project: Path, out: Path | None) -> None:
    """Build PACKS, then rebuild them whenever a project file changes (Ctrl-C stops)."""
    from packgen import live

    live.watch(project, packs, out, _rebuilt, click.echo)


@cli.command("serve")
@click.argument("packs", nargs=-1)
@PROJECT
@OUT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
def serve_command(packs: tuple[str, ...], project: Path, out: Path | None, port: int) -> None:
    """Preview PACKS in a browser at 127.0.0.1, rebuilt and reloaded on every change."""
    from packgen import live

    live.serve(project, packs, out, port, _rebuilt, click.echo)


@cli.group()
def template() -> None:
    """Inspect deck templates."""


@template.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@PROJECT
@STRICT
@FORMAT
def template_check(path: Path | None, project: Path, strict: bool, fmt: str) -> None:
    """List a template's layouts and placeholders and say which slide kinds it can build."""
    from packgen import api

    report = api.inspect_template(project, path)
    _finish(list(report.diagnostics), strict, fmt, api.describe_template(report))


def main() -> None:
    """Run the CLI with packgen's exit codes: 0, 1 errors, 2 usage, 70 internal error."""
    try:
        status = cli.main(prog_name="packgen", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except PackgenError as exc:
        from packgen.report import render

        click.echo(render(list(exc.diagnostics), "text"), err=True)
        sys.exit(1)
    except Exception:  # noqa: BLE001 - anything else is a bug in packgen
        import traceback

        traceback.print_exc()
        click.echo("internal error: this is a bug in packgen; please report it with the "
                   "traceback above", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(status if isinstance(status, int) else 0)


def _finish(diagnostics: list[Diagnostic], strict: bool, fmt: str, summary: list[str]) -> None:
    from packgen.report import exit_status, render

    text = render(diagnostics, fmt)
    if text:
        click.echo(text, err=fmt == "text")
    for line in summary:
        click.echo(line)
    status = exit_status(diagnostics, strict)
    if status:
        raise click.exceptions.Exit(status)


def _rebuilt(rebuilt: Rebuilt) -> None:
    from packgen.report import render

    text = render(list(rebuilt.findings), "text")
    if text:
        click.echo(text, err=True)
    click.echo(rebuilt.summary)


def _summary(result: BuildResult) -> list[str]:
    return [f"built {pack.pack_id}: {len(pack.outputs)} files in {pack.folder}"
            for pack in result.packs if pack.ok]


def _kinds(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in BUILDERS]
    if unknown:
        raise click.BadParameter(
            f"expected one of {', '.join(BUILDERS)}, but received: {', '.join(unknown)}")
    return kinds
