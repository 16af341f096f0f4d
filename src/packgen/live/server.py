"""The preview's web server: the page, the packs' outputs, slide pictures and reload events.

It runs in its own process (``children.Child``), forked before the first build, with a
listening socket the builder opened on 127.0.0.1; it gets each new page state from the
builder over a pipe and tells open pages to reload with server-sent events. It serves only
the files the packs' manifests list (``page.allowed_files``) and the slide pictures of their
decks, each checked again when asked for: a regular file, not a link, inside the output folder.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from packgen.errors import InternalError, PackgenError
from packgen.live.page import State, allowed_files, pack_folder
from packgen.live.thumbnails import HINT, Thumbnails
from packgen.paths import TemplateFile

CANNOT_SERVE = "PG017"

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

HOST = "127.0.0.1"
"""The only address the preview listens on: nothing outside this machine can reach it."""
TEMPLATES = Path(__file__).parent / "templates"
"""The page's own template, style sheet and script (never a project's override)."""
PAGE_FILES = {"/": "page.html", "/page.css": "page.css", "/page.js": "page.js"}
"""Address to the packaged file the page is made from."""
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "png": "image/png",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
"""File ending to the type it is served as; anything else is not served."""
DOWNLOADS = frozenset({"pdf", "pptx", "docx"})
"""Formats the browser saves rather than shows."""
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
               "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'")
"""The page's Content-Security-Policy: its own script, style, pictures and frames only."""
OUTPUT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                 "font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
"""A built file's policy: its own inline style, pictures and fonts; no script, nothing
fetched from anywhere else; shown only inside the page."""
KEEPALIVE = 15.0
"""Seconds between the comments that keep an event stream open."""


def listen(port: int) -> ThreadingHTTPServer:
    """Return a server listening on 127.0.0.1:``port`` (0: a free port), not yet serving.

    Opened in the builder before any child is forked, so a busy port is a one-line error
    and ``--port 0`` can print the port it got.
    """
    try:
        return _Server((HOST, port), _Handler)
    except OSError as exc:
        raise PackgenError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}",
                           code=CANNOT_SERVE) from None


def url(server: ThreadingHTTPServer) -> str:
    """Return the address the server serves the page at."""
    return f"http://{HOST}:{server.server_address[1]}/"


def run(pipe: Connection, server: ThreadingHTTPServer, out: Path) -> None:
    """Serve until the builder closes ``pipe`` or sends SIGTERM, showing each state it
    sends; a slide conversion under way is stopped too. Runs in the server process."""
    site = Site(out, server.server_address[1])
    server.site = site  # type: ignore[attr-defined]
    signal.signal(signal.SIGTERM, _stop)
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    try:
        while True:
            kind, value = pipe.recv()
            site.building() if kind == "building" else site.show(value)
    finally:
        site.thumbnails.stop()


class Site:
    """What the server shows: the last state, how many builds it has seen, the pictures."""

    def __init__(self, out: Path, port: int) -> None:
        self.out = out
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}
        """Host headers the page answers (any other is a foreign page rebinding a name)."""
        self.state: State = {"generation": 0, "ok": True, "summary": "building…",
                             "out": str(out), "findings": [], "packs": []}
        self.generation = 0
        self.is_building = True
        self.changed = threading.Condition()
        self.thumbnails = Thumbnails(out, self.bump)
        self.env: Any = None

    def show(self, state: State) -> None:
        """Show a new state, then tell open pages to reload."""
        with self.changed:
            self.state, self.is_building = state, False
        self.thumbnails.want((p["deck"]["sha256"], out_path(self.out, pack_folder(p), p["deck"]))
                             for p in state["packs"] if p["deck"])
        self.bump()

    def building(self) -> None:
        """Tell open pages that a rebuild has started."""
        with self.changed:
            self.is_building = True
            self.changed.notify_all()

    def bump(self) -> None:
        """Count one more change of what the page shows and wake the event streams."""
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def wait(self, since: int, building: bool) -> tuple[int, bool]:
        """Return (generation, building) once either differs from what a page has seen."""
        with self.changed:
            self.changed.wait_for(lambda: (self.generation, self.is_building) != (since, building),
                                  timeout=KEEPALIVE)
            return self.generation, self.is_building

    def page(self, name: str) -> str:
        """Return the page (or its style sheet or script) for the current state."""
        from packgen.templating import make_env, render_template

        if self.env is None:
            self.env = make_env(_find)
        with self.changed:
            state, generation, building = self.state, self.generation, self.is_building
        return render_template(self.env, name, "preview page", state=state,
                               generation=generation, building=building,
                               thumbs=self._thumbs(state), hint=self._hint())

    def _thumbs(self, state: State) -> dict[str, list[str]]:
        return {p["deck"]["sha256"]: [thumb_url(p["deck"]["sha256"], pic.name) for pic in
                                      self.thumbnails.pictures(p["deck"]["sha256"])]
                for p in state["packs"] if p["deck"]}

    def _hint(self) -> str:
        return "" if self.thumbnails.available else HINT

    def file(self, path: str) -> Path | None:
        """Return the file served at ``path``, or None when nothing may be served there."""
        with self.changed:
            allowed = allowed_files(self.state)
        if path in allowed:
            return allowed[path]
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "thumbs":
            return next((p for p in self.thumbnails.pictures(parts[2]) if p.name == parts[3]),
                        None)
        return None


def _stop(_signal: int, _frame: object) -> None:
    """End the server process (the builder's ``Child.stop``); ``run`` cleans up."""
    raise SystemExit(0)


def out_path(out: Path, folder: str, output: dict[str, str]) -> Path:
    """Return where one output lies in the output folder: in its pack's ``folder`` ("" for
    the gallery's, at the top)."""
    return out / folder / output["name"]


def thumb_url(sha: str, name: str) -> str:
    """Return the address of one slide picture."""
    return f"/thumbs/{sha}/{name}"


def open_inside(path: Path, out: Path) -> int | None:
    """Return a descriptor open on ``path`` when it is a regular file, not a link, whose
    folder lies inside ``out``; else None."""
    try:
        if not path.parent.resolve().is_relative_to(out.resolve()):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd


def _find(name: str) -> TemplateFile:
    if name not in PAGE_FILES.values():
        raise InternalError(f"no page template {name!r}")
    return TemplateFile(TEMPLATES / name, f"packgen:live/{name}")


class _Server(ThreadingHTTPServer):
    """A threading server whose requests' threads never keep the process alive."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Drop a connection the browser closed (a page reloading, a tab closed); report
        anything else as http.server does."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Answers GET requests; everything else is refused by http.server itself."""

    server_version = "packgen"
    sys_version = ""

    def do_GET(self) -> None:  # the name http.server calls
        """Answer the page, an allowed file, a picture or the event stream; else 404."""
        site: Site = self.server.site  # type: ignore[attr-defined]
        if self.headers.get("Host", "") not in site.hosts:
            return self._plain(HTTPStatus.MISDIRECTED_REQUEST, "unknown host")
        target = urlsplit(self.path)
        if target.path in PAGE_FILES:
            return self._page(site, PAGE_FILES[target.path])
        if target.path == "/events":
            return self._events(site, parse_qs(target.query))
        found = site.file(target.path)
        if found is None:
            return self._plain(HTTPStatus.NOT_FOUND, "not found")
        return self._file(found, site.out)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's parameter name
        """Say nothing: the terminal shows the builds, not each request."""

    def _page(self, site: Site, name: str) -> None:
        try:
            body = site.page(name).encode("utf-8")
        except PackgenError as exc:
            return self._plain(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc.diagnostics[0]))
        self._head(HTTPStatus.OK, CONTENT_TYPES[name.rsplit(".", 1)[1]], len(body), PAGE_POLICY)
        self.wfile.write(body)

    def _file(self, path: Path, out: Path) -> None:
        fd = open_inside(path, out)
        fmt = path.suffix.lstrip(".")
        if fd is None or fmt not in CONTENT_TYPES:
            if fd is not None:
                os.close(fd)
            return self._plain(HTTPStatus.NOT_FOUND, "not found")
        with os.fdopen(fd, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            self._head(HTTPStatus.OK, CONTENT_TYPES[fmt], size, OUTPUT_POLICY,
                       path.name if fmt in DOWNLOADS else None)
            while chunk := fh.read(1 << 16):
                self.wfile.write(chunk)

    def _events(self, site: Site, query: dict[str, list[str]]) -> None:
        seen = _int(query.get("since", ["0"])[0]), query.get("building", ["0"])[0] == "1"
        self.send_response(HTTPStatus.OK)
        self._common("text/event-stream", PAGE_POLICY)
        self.end_headers()
        while True:
            now = site.wait(*seen)
            if now[0] != seen[0]:
                self.wfile.write(f"event: reload\ndata: {now[0]}\n\n".encode())
                return self.wfile.flush()
            message = "event: building\ndata: 1\n\n" if now[1] and not seen[1] else ": idle\n\n"
            self.wfile.write(message.encode())
            self.wfile.flush()
            seen = now

    def _plain(self, status: HTTPStatus, text: str) -> None:
        body = f"{status.value} {text}\n".encode()
        self._head(status, "text/plain; charset=utf-8", len(body), PAGE_POLICY)
        self.wfile.write(body)

    def _head(self, status: HTTPStatus, content_type: str, size: int, policy: str,
              download: str | None = None) -> None:
        self.send_response(status)
        self._common(content_type, policy)
        self.send_header("Content-Length", str(size))
        if download is not None:
            self.send_header("Content-Disposition", f'attachment; filename="{download}"')
        self.end_headers()

    def _common(self, content_type: str, policy: str) -> None:
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0
