"""Live preview: ``packgen watch`` rebuilds on every change, ``packgen serve`` shows the packs.

Sits between the CLI and ``api``: it calls ``api`` for everything about packs and returns or
calls back with results and text; only the CLI prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from packgen.live.watch import Rebuilt, Report, watch

__all__ = ["Rebuilt", "Report", "serve", "watch"]


def serve(root: Path, pack_ids: Sequence[str], out_dir: Path | None, port: int,
          report: Report, ready: Callable[[str], None]) -> None:
    """Serve a preview of the packs on 127.0.0.1:``port`` (0: any free port) and rebuild
    them as ``watch`` does, until Ctrl-C.

    ``ready`` gets the page's address once the port is open, before the first build; each
    build is reported through ``report`` and shown on the page, which reloads itself.
    """
    from packgen.live import server as http
    from packgen.live.children import Child
    from packgen.live.watch import Loop, checked_root, with_children

    loop = Loop(checked_root(root), tuple(pack_ids), out_dir, report)
    listening = http.listen(port)
    try:
        loop.server = Child.start(http.run, listening, loop.out)
    finally:
        listening.server_close()
    ready(http.url(listening))
    with_children(loop, [loop.server])
