"""Slide pictures for the deck outline, made in the background with LibreOffice and poppler.

LibreOffice (``soffice``) turns the deck into a PDF and poppler's ``pdftoppm`` turns each
page into a PNG. Pictures are kept under ``OUT/.serve/thumbs/<sha256 of the deck>/`` as
``1.png``, ``2.png``, …, so a deck that did not change is never rendered again. This runs in
the server process (its own thread), never in the process that builds.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from packgen.output.reproducible import sha256_file
from packgen.paths import packaged_templates

TOOLS = ("soffice", "pdftoppm")
"""The programs slide pictures need."""
HINT = ("Slide pictures appear here where LibreOffice and poppler are installed "
        "(Debian/Ubuntu: apt-get install libreoffice-impress poppler-utils).")
"""The one line the page shows where they are not."""
TIMEOUT = 240
"""Seconds one deck may take to convert."""
KEPT = 16
"""Decks whose pictures are kept besides those shown (an edit undone shows them at once);
older ones are deleted, so a long session does not fill the disk."""
RESOLUTION = 40
"""Pixels per inch of the pictures: a 13.3-inch slide is about 530 pixels wide."""


class Thumbnails:
    """Renders decks one at a time and says which pictures are ready."""

    def __init__(self, out: Path, changed: Callable[[], None]) -> None:
        self.folder = out / ".serve" / "thumbs"
        self.changed = changed
        """Called (from the rendering thread) each time a deck's pictures are ready."""
        self.tools = {name: shutil.which(name) for name in TOOLS}
        self.failed: dict[str, str] = {}
        self._pending: set[str] = set()
        self._wanted: set[str] = set()
        self._queue: queue.Queue[tuple[str, Path] | None] = queue.Queue()
        self._running: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    @property
    def available(self) -> bool:
        """Return True where both programs are installed."""
        return all(self.tools.values())

    def want(self, decks: Iterable[tuple[str, Path]]) -> None:
        """Queue each (sha256, path) deck whose pictures are not made yet; drop the queued
        decks that are not among them (rebuilt since)."""
        decks = list(decks)
        self._wanted = {sha for sha, _path in decks}
        if not self.available:
            return
        for sha, path in decks:
            if sha not in self._pending and sha not in self.failed and not self.ready(sha):
                self._pending.add(sha)
                self._queue.put((sha, path))
        if self._pending and self._thread is None:
            self._thread = threading.Thread(target=self._work, name="thumbnails", daemon=True)
            self._thread.start()

    def ready(self, sha: str) -> bool:
        """Return True when the pictures of the deck with this sha256 are made."""
        return (self.folder / sha).is_dir()

    def pictures(self, sha: str) -> list[Path]:
        """Return the deck's pictures in slide order (none while they are being made)."""
        if not _plain_sha(sha) or not self.ready(sha):
            return []
        found = [p for p in (self.folder / sha).glob("*.png") if p.stem.isdigit()]
        return sorted(found, key=lambda p: int(p.stem))

    def stop(self) -> None:
        """End a conversion under way (LibreOffice and everything it started)."""
        running = self._running
        if running is not None and running.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(running.pid, signal.SIGKILL)

    # --- the rendering thread ------------------------------------------------------------

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            sha, path = job
            try:
                if sha in self._wanted:
                    self._render(sha, path)
            except (OSError, subprocess.SubprocessError) as exc:
                self.failed[sha] = str(exc) or type(exc).__name__
            finally:
                self._pending.discard(sha)
            self.changed()

    def _render(self, sha: str, deck: Path) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".render-", dir=self.folder))
        try:
            copy = scratch / "deck.pptx"
            shutil.copyfile(deck, copy)
            if sha256_file(copy) != sha:
                return  # rebuilt since: the newer deck is queued by the next state
            pdf = self._convert(copy, scratch)
            self._run([str(self.tools["pdftoppm"]), "-png", "-r", str(RESOLUTION), str(pdf),
                       str(scratch / "pages" / "slide")], scratch / "pages")
            _number_pages(scratch / "pages")
            (scratch / "pages").rename(self.folder / sha)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self._prune()

    def _prune(self) -> None:
        """Delete the pictures of all but the ``KEPT`` newest decks that are not shown."""
        made = [p for p in self.folder.iterdir() if _plain_sha(p.name) and p.name not in
                self._wanted]
        made.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in made[KEPT:]:
            shutil.rmtree(old, ignore_errors=True)

    def _convert(self, deck: Path, scratch: Path) -> Path:
        office = self.folder.parent / "office"
        # LibreOffice's profile and font cache, kept between decks: its first start is slow
        env = {**os.environ, "HOME": str(office), "FONTCONFIG_FILE": str(_fonts_conf(office))}
        self._run([str(self.tools["soffice"]),
                   f"-env:UserInstallation={(office / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(scratch), str(deck)],
                  scratch, env)
        pdf = scratch / "deck.pdf"
        if not pdf.is_file():
            raise OSError("LibreOffice made no PDF of the deck")
        return pdf

    def _run(self, command: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
        folder.mkdir(exist_ok=True)
        self._running = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         env=env, start_new_session=True)
        try:
            status = self._running.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        if status != 0:
            raise subprocess.SubprocessError(f"{Path(command[0]).name} ended with code {status}")


def _number_pages(folder: Path) -> None:
    """Rename pdftoppm's ``slide-01.png`` … to ``1.png`` …"""
    for page in folder.glob("slide-*.png"):
        page.rename(folder / f"{int(page.stem.rsplit('-', 1)[1])}.png")


def _plain_sha(sha: str) -> bool:
    return len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)


def _fonts_conf(office: Path) -> Path:
    """Write a fontconfig file that adds packgen's shipped fonts, so pictures match the deck."""
    office.mkdir(parents=True, exist_ok=True)
    conf = office / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{packaged_templates() / 'fonts'}</dir>\n"
        f"  <cachedir>{office / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf
