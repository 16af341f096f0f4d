"""Find a pack up to date without loading the project: the coarse digest its manifest
recorded is today's, the inputs outside that digest's folders are unchanged, and its files
are intact."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from packgen.errors import Diagnostic, PackgenError
from packgen.output import cache
from packgen.output import staging as stg
from packgen.output.building import PackResult, Run, cached_findings, freshness
from packgen.output.events import UP_TO_DATE
from packgen.paths import contained, relative


def unchanged_pack(root: Path, out: Path, pack_id: str, run: Run, tree: str
                   ) -> tuple[PackResult, list[Diagnostic], cache.Stored] | None:
    """Return an up-to-date pack's result, findings and cache without loading the project:
    its manifest recorded today's coarse digest ``tree`` and its kinds' files are intact; or
    None when the project must be loaded to know."""
    folder = out / pack_id
    if os.path.islink(folder) or not folder.is_dir():
        return None
    manifest = stg.read_manifest(folder)
    stored = cache.read_stored(manifest, relative(root, folder, follow_links=False))
    if stored.tree != tree or not inputs_unchanged(root, manifest):
        return None
    previous = stg.previous_entries(manifest)
    options = cache.Options(run.checked)
    if not freshness(folder, stored, stored.digests, run, options, previous).complete(run.kinds):
        return None
    pack = PackResult(pack_id, folder, previous, status=UP_TO_DATE)
    return pack, cached_findings(stored, run.kinds), stored


def inputs_unchanged(root: Path, manifest: Mapping[str, object] | None) -> bool:
    """Return True when the inputs a manifest lists outside the coarse digest's folders (a
    picture elsewhere in the project) still have the hashes it recorded."""
    listed = manifest.get("inputs") if manifest else None
    if not isinstance(listed, list):
        return False
    for item in listed:
        path = item.get("path") if isinstance(item, dict) else None
        if not isinstance(path, str) or not _plain_path(path):
            return False  # not a path packgen writes: load the project and see
        if path == "packgen.toml" or path.startswith(("content/", "templates/", "packgen:")):
            continue  # in the coarse digest, or packaged (in packgen's own digest)
        try:
            contained(root, root / path, path)
        except PackgenError:
            return False
        if cache.file_digest(root, path) != item.get("sha256"):
            return False
    return True


def _plain_path(path: str) -> bool:
    """Return True for a relative path inside the project, as manifests write them."""
    parts = path.split("/")
    return (bool(path) and not path.startswith("/") and "\\" not in path
            and ".." not in parts and "" not in parts and path.isprintable())
