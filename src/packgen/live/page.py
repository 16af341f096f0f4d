"""What the preview page shows after a build, as plain data the server process can render.

The state is a JSON-able dict, sent from the building process to the server process after
each build. Outputs come from each pack's manifest on disk, so the page lists exactly what
the output folder holds and the server serves nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packgen.errors import Diagnostic, PackgenError
from packgen.output.reproducible import sha256_file
from packgen.output.staging import previous_entries, read_manifest
from packgen.paths import relative

if TYPE_CHECKING:
    from packgen.api import BuildResult

State = dict[str, Any]
"""``{"ok", "summary", "out", "findings", "packs"}``; each pack is
``{"id", "title", "built", "findings", "outputs", "deck", "outline", "outline_error"}``."""
INLINE = frozenset({("guide", "html"), ("handout", "html")})
"""Outputs the page shows in a frame; every other one is a download."""
KEPT_OUTLINES = 32
"""Outlines kept for decks that may come back (an edit undone), oldest dropped first."""
LABELS = {"deck": "Slides", "guide": "Facilitator guide", "handout": "Easy-read handout"}
"""How the page names each kind."""


class Outlines:
    """Deck outlines read back from built decks, kept by the deck's sha256."""

    def __init__(self, read: Any) -> None:
        self.read = read
        """``api.deck_outline``: path to a tuple of SlideOutline."""
        self.known: dict[str, tuple[list[dict[str, object]], str]] = {}

    def get(self, path: Path, sha256: str) -> tuple[list[dict[str, object]], str]:
        """Return the outline of the deck at ``path`` and "" (or no slides and why not)."""
        if sha256 not in self.known:
            if len(self.known) >= KEPT_OUTLINES:
                del self.known[next(iter(self.known))]
            self.known[sha256] = self._read(path)
        return self.known[sha256]

    def _read(self, path: Path) -> tuple[list[dict[str, object]], str]:
        try:
            slides = self.read(path)
        except PackgenError as exc:
            return [], str(exc.diagnostics[0].message)
        return [{"number": s.number, "title": s.title, "layout": s.layout, "notes": s.notes}
                for s in slides], ""


def page_state(root: Path, out: Path, pack_ids: Sequence[str], findings: Sequence[Diagnostic],
               result: BuildResult | None, outlines: Outlines) -> State:
    """Return the page after a build of ``pack_ids`` into ``out`` that found ``findings``.

    ``result`` is None when the build stopped before any pack (a broken module): the packs
    then keep their previous outputs. A finding belongs to a pack when it is about one of the
    files its manifest lists as inputs, or about its output folder; the rest are project-wide.
    """
    built = {p.pack_id: p.ok for p in result.packs} if result is not None else {}
    packs = [_pack(root, out, pack_id, built.get(pack_id, False), findings, outlines)
             for pack_id in pack_ids]
    claimed = {line for pack in packs for line in pack.pop("claimed")}
    return {
        "ok": not any(d.severity.value == "error" for d in findings),
        "summary": "",
        "out": str(out),
        "findings": [_finding(d) for d in _unique(findings) if str(d) not in claimed],
        "packs": packs,
    }


def allowed_files(state: Mapping[str, Any]) -> dict[str, Path]:
    """Return the address of every file the page may link to, with its path: the outputs
    the packs' manifests list and the gallery's files, nothing else."""
    out = Path(state["out"])
    return {output["url"]: out / pack_folder(pack) / output["name"]
            for pack in state["packs"] for output in pack["outputs"]}


def pack_folder(pack: Mapping[str, Any]) -> str:
    """Return the folder of the output folder a page entry's files lie in ("" for the top)."""
    return str(pack.get("folder", pack["id"]))


def file_url(pack_id: str, name: str) -> str:
    """Return the address the server serves one output of a pack at."""
    return f"/files/{pack_id}/{name}"


# --- the template gallery ----------------------------------------------------------------

GALLERY_ID = "template-gallery"
"""The gallery's entry on the page (its address ``#pack-template-gallery``)."""
GALLERY_DECK = "gallery.pptx"
"""The gallery's deck at the top of the output folder; its pages lie beside it."""
GALLERY_FILES = (("deck", "pptx", GALLERY_DECK), ("guide", "html", "gallery-guide.html"),
                 ("guide", "pdf", "gallery-guide.pdf"),
                 ("handout", "html", "gallery-handout.html"),
                 ("handout", "pdf", "gallery-handout.pdf"))
"""Kind, format and name of each gallery file the page lists, when it exists."""


def gallery_entry(out: Path, findings: Sequence[Diagnostic], built: bool,
                  outlines: Outlines) -> dict[str, Any]:
    """Return the page's "Template gallery" entry: the gallery files now in ``out`` (as a
    pack's outputs are listed), the deck's outline, and what its last build found."""
    outputs = [_output(GALLERY_ID, {"kind": kind, "format": fmt, "name": name,
                                    "sha256": sha256_file(out / name)})
               for kind, fmt, name in GALLERY_FILES if (out / name).is_file()]
    deck = next((o for o in outputs if o["format"] == "pptx"), None)
    outline, why = outlines.get(out / deck["name"], deck["sha256"]) if deck else ([], "")
    return {
        "id": GALLERY_ID, "folder": "", "title": "Template gallery", "built": built,
        "findings": [_finding(d) for d in _unique(findings)], "outputs": outputs,
        "deck": deck, "outline": outline, "outline_error": why,
    }


# --- one pack ----------------------------------------------------------------------------


def _pack(root: Path, out: Path, pack_id: str, built: bool, findings: Sequence[Diagnostic],
          outlines: Outlines) -> dict[str, Any]:
    folder = out / pack_id
    manifest = read_manifest(folder) or {}
    outputs = [_output(pack_id, entry) for entry in _outputs(manifest)]
    mine = [d for d in _unique(findings) if _belongs(d, _inputs(manifest),
                                                     relative(root, folder, follow_links=False))]
    deck = next((o for o in outputs if o["format"] == "pptx"), None)
    outline, why = outlines.get(folder / deck["name"], deck["sha256"]) if deck else ([], "")
    return {
        "id": pack_id, "title": str(manifest.get("title") or pack_id), "built": built,
        "findings": [_finding(d) for d in mine], "claimed": [str(d) for d in mine],
        "outputs": outputs, "deck": deck, "outline": outline, "outline_error": why,
    }


def _outputs(manifest: Mapping[str, Any]) -> list[dict[str, str]]:
    """Return the outputs a manifest lists; a bilingual pack's carry their language."""
    bilingual = bool(manifest.get("languages"))
    return [{"kind": e.kind, "format": e.format, "name": e.path, "sha256": e.sha256,
             **({"language": e.language} if bilingual and e.language else {})}
            for e in previous_entries(manifest)]


def _output(pack_id: str, entry: dict[str, str]) -> dict[str, Any]:
    shown = f", {entry['language']}" if entry.get("language") else ""
    label = f"{LABELS.get(entry['kind'], entry['kind'])} ({entry['format'].upper()}{shown})"
    return {**entry, "url": file_url(pack_id, entry["name"]), "label": label,
            "inline": (entry["kind"], entry["format"]) in INLINE}


def _inputs(manifest: Mapping[str, Any]) -> set[str]:
    inputs = manifest.get("inputs")
    if not isinstance(inputs, list):
        return set()
    return {str(i["path"]) for i in inputs if isinstance(i, dict) and "path" in i}


def _belongs(diag: Diagnostic, inputs: set[str], folder: str) -> bool:
    path = diag.path or ""
    return path in inputs or path == folder or path.startswith(folder + "/")


def _unique(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(findings))


def _finding(diag: Diagnostic) -> dict[str, str]:
    return {"severity": diag.severity.value, "text": str(diag)}
