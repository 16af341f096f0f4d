"""Helpers for the hostile-project suite: planted secrets, a loopback server, refusals.

A hostile case builds a project that a stranger wrote and checks what a user relies on:
nothing from outside the project reaches an output (a unique token is planted outside the
project and searched for in every output, decompressed), nothing is fetched (a server on
127.0.0.1 must receive no request), and a refusal is one error line, exit 1, nothing written.
"""

from __future__ import annotations

import http.server
import re
import threading
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from reliability_support import run_packgen, standard_pack

ERROR_LINE = re.compile(r"^(?P<path>[^:\s][^:]*?)(?::(?P<line>\d+))?: error: \S.*$")
MODULE_ID = "hostile"


# --- the project -------------------------------------------------------------------------


def pack_file(root: Path) -> Path:
    """Return the file of the project's first standard-style pack."""
    return root / "content" / "packs" / f"{standard_pack(root)}.yaml"


def pack_data(root: Path) -> dict:
    """Return the first standard-style pack's fields."""
    return yaml.safe_load(pack_file(root).read_text(encoding="utf-8-sig"))


def write_pack(root: Path, data: dict) -> None:
    """Replace the first standard-style pack's fields."""
    pack_file(root).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                               encoding="utf-8")


def use_module(root: Path, module_id: str) -> None:
    """Append ``module_id`` to the first standard-style pack's module list."""
    data = pack_data(root)
    data["modules"] = [*data["modules"], module_id]
    write_pack(root, data)


def add_module(root: Path, body: str, front: str = "title: Hostile\nduration: 5\n",
               name: str = MODULE_ID) -> Path:
    """Write a module and append it to the first pack's module list; return its path."""
    path = root / "content" / "modules" / f"{name}.md"
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    use_module(root, name)
    return path


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based number of the first line of ``path`` holding ``needle``."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


# --- building ----------------------------------------------------------------------------


def build(root: Path, *extra: str, only: str | None = "deck", timeout: float = 120):
    """Run ``packgen build --rebuild`` on ``root`` into ``root/build`` and return the finished
    process (every kind is written, as if the build cache were empty)."""
    args = ["build", "--rebuild", "--project", str(root), "--out", str(root / "build")]
    if only:
        args += ["--only", only]
    return run_packgen(*args, *extra, timeout=timeout)


def error_lines(stderr: str) -> list[str]:
    """Return the error lines of a run's stderr."""
    return [ln for ln in stderr.splitlines() if ": error: " in ln or ln.startswith("error: ")]


def assert_refused(root: Path, pack: str, rel: str, line: int | None = None,
                   timeout: float = 120, only: str | None = "deck") -> str:
    """Build; assert one error line naming ``rel``, exit 1, nothing written for ``pack``."""
    done = build(root, only=only, timeout=timeout)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    errors = error_lines(done.stdout + done.stderr)
    assert len(errors) == 1, output
    match = ERROR_LINE.match(errors[0])
    assert match, errors[0]
    assert match["path"] == rel, errors[0]
    if line is not None:
        assert match["line"] == str(line), errors[0]
    out = root / "build"
    assert not (out / pack).exists()
    leftovers = [p.name for p in out.glob(".*")] if out.exists() else []
    assert leftovers == []
    return errors[0]


# --- secrets outside the project ---------------------------------------------------------


@dataclass(frozen=True)
class Secret:
    """A file outside the project holding a unique token that no output may contain."""

    folder: Path
    token: str

    def file(self, name: str = "secret.txt", content: bytes | None = None) -> Path:
        """Write (or return) a file in the secret folder; by default it holds only the token."""
        path = self.folder / name
        if not path.exists():
            path.write_bytes(content if content is not None else self.token.encode())
        return path

    def assert_absent(self, *folders: Path) -> None:
        """Assert that no file under ``folders`` holds the token, zips and streams opened."""
        needle = self.token.encode()
        found = [str(path) for folder in folders if folder.exists()
                 for path in sorted(folder.rglob("*")) if path.is_file()
                 and any(needle in blob for blob in _readable_forms(path.read_bytes()))]
        assert found == [], f"the secret from outside the project reached {found}"


def plant_secret(tmp_path: Path) -> Secret:
    """Return a Secret in a folder beside (never inside) the project under ``tmp_path``."""
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    return Secret(folder, f"SECRET-{uuid.uuid4().hex}")


def _readable_forms(data: bytes) -> Iterator[bytes]:
    """Yield ``data`` and every form a reader would decode from it: zip members (nested),
    deflated PDF streams, and UTF-16 and base64 spellings are covered by searching each."""
    import base64

    yield data
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(_bytes_io(data)) as archive:
                for member in archive.infolist():
                    yield from _readable_forms(archive.read(member))
        except zipfile.BadZipFile:
            pass
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        try:
            yield zlib.decompressobj().decompress(data[start:start + (64 << 20)])
        except zlib.error:
            continue
    for run in re.findall(rb"[A-Za-z0-9+/=]{40,}", data):
        try:
            yield base64.b64decode(run + b"=" * (-len(run) % 4))
        except ValueError:
            continue


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


# --- a server that must receive nothing --------------------------------------------------


@dataclass
class Loopback:
    """An HTTP server on 127.0.0.1 that records every request it receives."""

    url: str
    requests: list[str] = field(default_factory=list)

    def assert_untouched(self) -> None:
        """Assert that nothing asked the server for anything."""
        assert self.requests == [], f"packgen fetched {self.requests}"


@contextmanager
def loopback_server() -> Iterator[Loopback]:
    """Run a Loopback server for the duration of the block."""
    record = Loopback(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record.requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"fetched")

        do_POST = do_HEAD = do_GET

        def log_message(self, *_args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
