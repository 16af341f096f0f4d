"""Time packgen against Pandoc's pptx writer on the same Markdown (run by ``make bench``).

Generates a 40-slide and a 400-slide module (notes on every slide; an easy-read block of twelve
rows with pictures at the end), each in a temporary project of its own, then measures, as
separate child processes, wall time (best of ``--runs``) and peak memory:

* ``packgen build --only deck`` against ``pandoc in.md -o out.pptx`` for both sizes;
* ``packgen build --only guide`` for the 40-slide module;
* the largest real deck of the Pandoc parity corpus packgen builds (tests/fixtures/
  pandoc_decks), ``packgen build --only deck`` against Pandoc's pptx of the same deck;
* ``packgen list`` on the 40-slide project and ``packgen --version`` (start-up time).

Then, side by side in the same run, the figures packgen is held to (``--pairs`` pairs, median
of each):

* a cold ``packgen build --only deck`` of the 40-slide pack against ``pandoc in.md -o
  out.pptx``, one run of each, alternating: target at most 1.0x Pandoc;
* the whole 40-slide pack, every kind and format (``packgen build``), against Pandoc's pptx
  plus docx of the same Markdown, one packgen run then one Pandoc pair, alternating: target
  at most 2.0x Pandoc;
* the PDF writer alone, timed in this process for the guide and the handout together
  (``packgen.writers.writer(kind, "pdf")`` on the tailored pack, after one warm-up run that
  loads the print engine, whichever is installed): target at most 0.3 s.

Last, the loop people live in (``bench_loop.py``): every shipped pack rebuilt with nothing
changed, against Pandoc's one deck (target at most 1.0x), a catalogue of 25 and 100 packs built
cold with ``--jobs 2`` (cost linear in packs, no process over 200 MB), and one module edited
in it (only its packs built again).

Peak memory is the largest resident set size of each child or any process it started, from
``os.wait4``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_loop

REPO = Path(__file__).resolve().parents[1]
SIZES = (40, 400)
DECK_TARGET = 1.0
"""A cold deck build may take at most this many times Pandoc's pptx writer."""
PACK_TARGET = 2.0
"""The whole pack may take at most this many times Pandoc's pptx plus docx."""
PDF_TARGET = 0.3
"""Seconds the PDF writer may take for the guide and the handout together."""
PACK = """\
title: Benchmark {n}
audience: staff
organisation: Glanrhyd Council
date: 2026-03-03
start: "10:00"
slot: {slot}
venue: Room 2
facilitators: [Aled Morgan, Priya Shah]
modules: [bench-{n}]
"""


@dataclass(frozen=True)
class Run:
    """The best wall time and the peak memory of one command over several runs."""

    seconds: float
    peak_mib: float
    ok: bool
    detail: str = ""
    cpu: float = 0.0
    """User plus system CPU seconds of the run with the best wall time."""
    stderr: str = ""
    """What the run printed on stderr (packgen's progress)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Build the benchmark project, run every measurement and print the table."""
    args = _parser().parse_args(argv)
    packgen = _packgen_command()
    pandoc = _pandoc_path()
    with tempfile.TemporaryDirectory(prefix="packgen-bench-") as tmp:
        projects = {n: _write_project(Path(tmp), n) for n in SIZES}
        rows = _measure_all(projects, packgen, pandoc, args.runs)
        small = projects[SIZES[0]]
        deck = _deck_against_pandoc(small, packgen, pandoc, args.pairs)
        pack = _pack_against_pandoc(small, packgen, pandoc, args.pairs)
        pdf = _pdf_writer(small, args.pairs)
        theirs = _pandoc_args(pandoc, small, SIZES[0], "pptx") if pandoc else None
        loop = bench_loop.measure(REPO, Path(tmp), packgen, theirs, args.pairs, _run_once)
    _print_table(rows, pandoc is not None)
    print()
    _print_targets(deck, pack, pdf, args.pairs)
    print()
    loop_ok = bench_loop.print_loop(loop)
    return 0 if all(r.ok for _name, r, _p in rows) and deck.ok and pack.ok and loop_ok else 1


# --- the project -----------------------------------------------------------------------


EASY_ROWS = 12
"""Easy-read rows in the module, each with a picture: what the handout shows."""


def module_markdown(n: int) -> str:
    """Return a module of ``n`` content slides (a list, emphasis and notes on each), then an
    easy-read block of ``EASY_ROWS`` rows with pictures."""
    head = f"---\ntitle: Benchmark module {n}\nduration: {max(10, n // 8)}\n---\n\n"
    return head + "\n".join(_slide(i) for i in range(1, n + 1)) + _easy_read()


def _slide(i: int) -> str:
    return (
        f"## Slide {i}: who decides?\n\n"
        f"Power comes from **money**, *influence*, training and an elected mandate ({i}).\n\n"
        "- Who holds the budget\n- Who sets the agenda\n  - and who writes the minutes\n"
        "- Who can say no\n\n"
        "::: notes\n"
        f"Ask the group about slide {i}. Keep **emphasis** and the list:\n\n"
        "- first point to raise\n- second point to raise\n"
        ":::\n"
    )


def _easy_read() -> str:
    rows = "\n".join(
        f"![A group of people talking, picture {k}](../images/row-{k}.png)\n"
        f"We meet in a room to talk about **power** ({k}).\n"
        "You can say what you think. We listen to you.\n"
        for k in range(1, EASY_ROWS + 1))
    return f"\n::: easy-read\n{rows}:::\n"


def _write_pictures(folder: Path) -> None:
    """Write the easy-read pictures: 600 px squares, like the shipped content's."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True)
    for k in range(1, EASY_ROWS + 1):
        picture = Image.new("RGB", (600, 600), (255, 255, 255))
        ImageDraw.Draw(picture).ellipse((60, 60, 540, 540), fill=(40 * k % 256, 90, 160))
        picture.save(folder / f"row-{k}.png", optimize=True)


def _write_project(root: Path, n: int) -> Path:
    """Write a project holding one ``n``-slide module and one pack; return its folder."""
    project = root / f"project-{n}"
    modules = project / "content" / "modules"
    packs = project / "content" / "packs"
    modules.mkdir(parents=True)
    packs.mkdir(parents=True)
    _write_pictures(project / "content" / "images")
    (modules / f"bench-{n}.md").write_text(module_markdown(n), encoding="utf-8")
    slot = max(10, n // 8) + 30
    (packs / f"bench-{n}.yaml").write_text(PACK.format(n=n, slot=slot), encoding="utf-8")
    return project


# --- measuring ---------------------------------------------------------------------------


def _measure_all(projects: dict[int, Path], packgen: list[str], pandoc: str | None,
                 runs: int) -> list[tuple[str, Run, Run | None]]:
    rows = []
    for n, root in projects.items():
        deck = _best(packgen + _build_args(root, n, "deck"), runs, root)
        theirs = _best(_pandoc_args(pandoc, root, n, "pptx"), runs, root) if pandoc else None
        rows.append((f"deck, {n} slides", deck, theirs))
    small = projects[SIZES[0]]
    rows.append((f"guide, {SIZES[0]} slides",
                 _best(packgen + _build_args(small, SIZES[0], "guide"), runs, small), None))
    rows.append(_corpus_deck(small.parent, packgen, pandoc, runs))
    rows.append(("packgen list", _best(packgen + ["list", "--project", str(small)], runs, small),
                 None))
    rows.append(("packgen --version", _best(packgen + ["--version"], runs, small), None))
    return rows


def _corpus_deck(tmp: Path, packgen: list[str], pandoc: str | None,
                 runs: int) -> tuple[str, Run, Run | None]:
    """Time the largest real deck of the Pandoc parity corpus (tests/fixtures/pandoc_decks)
    packgen builds, ``--only deck``, against Pandoc's pptx of the same deck.

    Decks are tried largest first (by lines). A .qmd deck packgen does not read yet is given
    as ``.md`` (the same Markdown; the speed is what is measured here); a deck packgen cannot
    build either way is named and skipped, so the row always times a real deck. The project
    and Pandoc's input are the ones the parity harness builds (tests/acceptance/
    pandoc_parity.py).
    """
    sys.path.insert(0, str(REPO / "tests" / "acceptance"))
    import pandoc_parity as parity

    by_size = sorted(parity.decks(), key=lambda d: -len(
        parity.source_path(d).read_text(encoding="utf-8").splitlines()))
    ours, chosen = Run(0.0, 0.0, False, "no corpus deck builds"), None
    for deck in by_size:
        for as_md in (False, True):
            root = parity.packgen_project(deck, tmp / f"corpus-{deck}-{as_md}", qmd_as_md=as_md)
            ours = _best(packgen + ["build", deck, "--project", str(root), "--out",
                                    str(root / "build"), "--only", "deck", "--force",
                                    "--rebuild"], runs, root)
            if ours.ok or parity.source_path(deck).suffix != ".qmd":
                break
        if ours.ok:
            chosen = f"{deck}{' (.qmd given as .md)' if as_md else ''}"
            break
        print(f"corpus deck {deck}: packgen cannot build it yet, trying the next largest")
    theirs = None
    if pandoc and chosen:
        out = tmp / f"corpus-{deck}.pptx"
        theirs = _best(parity.pandoc_command(deck, tmp / f"corpus-{deck}-pandoc", out), runs,
                       tmp)
        slides = len(parity.read_pptx(out)) if theirs.ok else 0
        print(f"corpus deck: {chosen}, {slides} slides in Pandoc's pptx")
    return "corpus deck", ours, theirs


@dataclass(frozen=True)
class Pair:
    """Median wall times of a packgen command and the Pandoc commands it is held to, run in
    pairs."""

    packgen: float
    pandoc: float | None
    ok: bool
    detail: str = ""

    @property
    def ratio(self) -> float | None:
        """Return packgen's median over Pandoc's, or None without Pandoc."""
        return self.packgen / self.pandoc if self.pandoc else None


def _deck_against_pandoc(root: Path, packgen: list[str], pandoc: str | None,
                         pairs: int) -> Pair:
    """Time a cold deck build and Pandoc's pptx alternately, ``pairs`` times; return medians."""
    n = SIZES[0]
    theirs = [_pandoc_args(pandoc, root, n, "pptx")] if pandoc else []
    return _alternate(packgen + _build_args(root, n, "deck"), theirs, root, pairs)


def _pack_against_pandoc(root: Path, packgen: list[str], pandoc: str | None,
                         pairs: int) -> Pair:
    """Time the whole pack and Pandoc's two files alternately, ``pairs`` times; return medians."""
    n = SIZES[0]
    ours_command = packgen + ["build", f"bench-{n}", "--project", str(root), "--out",
                              str(root / "build"), "--force", "--rebuild"]
    theirs_commands = [_pandoc_args(pandoc, root, n, suffix)
                       for suffix in ("pptx", "docx")] if pandoc else []
    return _alternate(ours_command, theirs_commands, root, pairs)


def _alternate(ours_command: list[str], theirs_commands: list[list[str]], root: Path,
               pairs: int) -> Pair:
    """Run packgen's command, then Pandoc's commands one after another, ``pairs`` times;
    return the median of packgen's runs and of the sum of each round of Pandoc's."""
    ours, theirs = [], []
    for _ in range(pairs):
        run = _run_once(ours_command, root)
        if not run.ok:
            return Pair(run.seconds, None, False, run.detail)
        ours.append(run.seconds)
        if theirs_commands:
            theirs.append(sum(_run_once(command, root).seconds for command in theirs_commands))
    return Pair(statistics.median(ours), statistics.median(theirs) if theirs else None, True)


def _pdf_writer(root: Path, runs: int) -> tuple[float, float]:
    """Return the first and the median time of writing the guide and handout PDFs in-process."""
    from packgen.api import tailored
    from packgen.writers import writer

    tp, _findings = tailored(root, f"bench-{SIZES[0]}")
    target = root / "pdf-bench"
    target.mkdir(exist_ok=True)
    guide, handout = writer("guide", "pdf"), writer("handout", "pdf")

    def once() -> float:
        started = time.perf_counter()
        guide(tp, target / "guide.pdf")
        handout(tp, target / "handout.pdf")
        return time.perf_counter() - started

    first = once()
    return first, statistics.median(once() for _ in range(runs))


def _pandoc_args(pandoc: str, root: Path, n: int, suffix: str) -> list[str]:
    """Return Pandoc's command for the module as ``suffix``, its pictures found beside it."""
    modules = root / "content" / "modules"
    return [pandoc, str(modules / f"bench-{n}.md"), "--resource-path", str(modules), "-o",
            str(root / f"pandoc-{n}.{suffix}")]


def _build_args(root: Path, n: int, kind: str) -> list[str]:
    return ["build", f"bench-{n}", "--project", str(root), "--out", str(root / "build"),
            "--only", kind, "--force", "--rebuild"]


def _best(command: list[str], runs: int, cwd: Path) -> Run:
    results = [_run_once(command, cwd) for _ in range(runs)]
    failed = [r for r in results if not r.ok]
    if failed:
        return failed[0]
    best = min(results, key=lambda r: r.seconds)
    return Run(best.seconds, max(r.peak_mib for r in results), True, cpu=best.cpu)


def _run_once(command: list[str], cwd: Path) -> Run:
    """Run ``command`` once; return its wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        printed = err.read().decode("utf-8", "replace")
    detail = printed.strip().splitlines()[-3:]
    peak = usage.ru_maxrss / 1024  # kilobytes on Linux; the child's or any descendant's
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, peak, child.returncode == 0, "\n".join(detail), cpu, printed)


def _packgen_command() -> list[str]:
    _compile_packgen()
    script = Path(sys.executable).with_name("packgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "packgen"]


def _compile_packgen() -> None:
    """Write packgen's bytecode, as installing a wheel does, so that no run compiles source.

    An editable install compiles each module on first import and keeps the result, unless
    ``PYTHONDONTWRITEBYTECODE`` is set; then every run would pay about 0.3 s of compiling.
    """
    import compileall

    import packgen

    compileall.compile_dir(Path(packgen.__file__).parent, quiet=1)


def _pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


# --- output ------------------------------------------------------------------------------


def _print_table(rows: list[tuple[str, Run, Run | None]], have_pandoc: bool) -> None:
    print(f"{'what':<19} {'packgen s':>10} {'cpu s':>6} {'MiB':>5}   {'pandoc s':>9}"
          f" {'cpu s':>6} {'MiB':>5} {'ratio':>6}")
    for name, ours, theirs in rows:
        line = f"{name:<19} {_cell(ours.seconds, ours.ok, 10, 2)} {ours.cpu:>6.2f}" \
               f" {ours.peak_mib:>5.0f}"
        if theirs is not None:
            ratio = ours.seconds / theirs.seconds if theirs.seconds else float("nan")
            line += (f"   {_cell(theirs.seconds, theirs.ok, 9, 2)} {theirs.cpu:>6.2f}"
                     f" {theirs.peak_mib:>5.0f} {ratio:>6.2f}")
        print(line)
        for run in (ours, theirs):
            if run is not None and not run.ok:
                print(f"    failed: {run.detail}")
    if not have_pandoc:
        print("Pandoc not found: `make bench` installs it with the bench extra (pypandoc_binary)")
    print("s = best wall time of the runs; cpu s = its user+system time; MiB = peak resident")
    print("ratio = packgen wall time / Pandoc wall time (below 1.00: packgen is faster)")


def _print_targets(deck: Pair, pack: Pair, pdf: tuple[float, float], pairs: int) -> None:
    n = SIZES[0]
    print(f"{'target':<44} {'packgen s':>10} {'pandoc s':>9} {'ratio':>6}  {'goal':>8}  met")
    _print_pair(f"cold deck build, {n} slides (pandoc: pptx)", deck, DECK_TARGET)
    _print_pair(f"whole pack, {n} slides, every kind and format", pack, PACK_TARGET)
    first, median = pdf
    print(f"{'PDF writer, guide + handout (in-process)':<44} {median:>10.2f} {'':>9} {'':>6}"
          f"  {f'<= {PDF_TARGET:.1f} s':>8}  {'yes' if median <= PDF_TARGET else 'no'}")
    print(f"    (first run, loading the print engine: {first:.2f} s)")
    print(f"medians of {pairs} pairs; Pandoc = its pptx (deck) or its pptx plus its docx"
          " (whole pack) of the same Markdown, each a process")


def _print_pair(label: str, pair: Pair, target: float) -> None:
    ratio = pair.ratio
    met = "?" if ratio is None or not pair.ok else ("yes" if ratio <= target else "no")
    print(f"{label:<44} {_cell(pair.packgen, pair.ok, 10, 2)}"
          f" {pair.pandoc if pair.pandoc is not None else float('nan'):>9.2f}"
          f" {ratio if ratio is not None else float('nan'):>6.2f}"
          f"  {f'<= {target:.1f}x':>8}  {met}")
    if not pair.ok:
        print(f"    failed: {pair.detail}")


def _cell(value: float, ok: bool, width: int, digits: int) -> str:
    return f"{value:>{width}.{digits}f}" if ok else f"{'FAILED':>{width}}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per command (best is kept)")
    parser.add_argument("--pairs", type=int, default=5,
                        help="packgen/Pandoc pairs and PDF runs for the targets (median kept)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
