"""Live preview: ``packgen watch`` rebuilds on every change, ``packgen serve`` shows the packs.

Sits between the CLI and ``api``: it calls ``api`` for everything about packs and returns or
calls back with results and text; only the CLI prints.
"""

from __future__ import annotations

from packgen.live.watch import Rebuilt, Report, Say, serve, watch

__all__ = ["Rebuilt", "Report", "Say", "serve", "watch"]
