"""The build cache: a key of everything each kind of a pack read, kept in the pack's manifest.

A kind whose key matches the one it was built with, and whose files are intact, is not written
again; the findings it had are kept beside it and reported again, so a pack that is up to date
still fails ``--strict`` for its warnings. A key holds:

* packgen's own digest: its code, packaged templates and data, the versions of the libraries
  that write the files, the Python and zlib versions (``code_digest``);
* the options that change what is written or found: the rules that run, ``SOURCE_DATE_EPOCH``
  and where the pack's folder is shown (findings name it);
* the hashes of the project files the kind reads (``input_digests``): for every kind the pack
  file, the modules it uses and their pictures, the project's data files, packgen.toml and the
  templates no single kind owns (theme.yaml, fonts, pictures); a kind's own templates are the
  files under ``templates/`` named after it (``guide.*``, ``handout.*``), the deck templates
  are every ``.pptx``, and ``reference.docx`` belongs to both documents.

A second, coarser digest (``tree_digest``) covers every file under ``content/`` and
``templates/`` and ``packgen.toml``. While it is the one a manifest recorded, the digests
recorded with it still hold, so a build with nothing changed need not load the project.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from packgen.errors import Diagnostic, Severity
from packgen.model import Project
from packgen.paths import MAX_FILE_BYTES, MODULE_SUFFIXES

SCHEMA = 2
"""The manifest's schema version: 2 added ``schema``, ``packgen`` and ``cache``."""
TREE = ("content", "templates")
"""Folders whose every file the coarse digest covers (with ``packgen.toml``)."""
LIBRARIES = ("python_pptx", "python_docx", "typst", "pillow", "lxml", "jinja2", "markupsafe",
             "markdown_it_py", "pyyaml")
"""Distributions whose version changes the bytes packgen writes."""
_DOCUMENTS = ("guide", "handout")
_PAGE_SUFFIXES = (".typ", ".html", ".css")
"""Templates of the documents' pages (the PDF's Typst, the HTML page and its style)."""
_SHARED_BY_DOCUMENTS = ("reference.docx",)


@dataclass(frozen=True, slots=True)
class Options:
    """What a build asks for that changes its outputs or findings, beyond the inputs."""

    checked: tuple[str, ...]
    """The kinds whose rules run."""
    epoch: str | None = field(default_factory=lambda: os.environ.get("SOURCE_DATE_EPOCH"))


@dataclass(frozen=True, slots=True)
class Stored:
    """The cache section of a pack's manifest."""

    tree: str | None = None
    """The coarse digest the ``digests`` were computed at."""
    digests: Mapping[str, str] = field(default_factory=dict)
    """``pack`` and each kind to the digest of what it reads, at ``tree``."""
    kinds: Mapping[str, str] = field(default_factory=dict)
    """Kind to the key its files were written with."""
    findings: Mapping[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    """Kind to what was found in its written files."""
    rules: str | None = None
    """The key of the pack's rules when they last ran."""
    rule_findings: tuple[Diagnostic, ...] = ()
    loading: tuple[Diagnostic, ...] = ()
    """What loading the project found (it concerns every pack), at ``tree``."""


# --- digests -----------------------------------------------------------------------------


@functools.cache
def code_digest() -> str:
    """Return the digest of packgen itself: its files, the libraries writing for it, Python."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(f for f in files if not f.endswith((".pyc", ".pyo"))):
            path = Path(folder, name)
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    versions = {**_library_versions(), "python": sys.version, "zlib": zlib.ZLIB_RUNTIME_VERSION}
    digest.update(json.dumps(versions, sort_keys=True).encode())
    return digest.hexdigest()


def tree_digest(root: Path) -> str:
    """Return the digest of every file under ``content/`` and ``templates/`` and of
    ``packgen.toml``, with packgen's own digest.

    Links are not followed out of the project: a link is hashed by what it points to when that
    is a file inside the project, else by its text. Special files and files over packgen's size
    limit are hashed by their type and size, never read (loading refuses them anyway).
    """
    digest = hashlib.sha256(code_digest().encode())
    for name in _tree_files(root):
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_digest(root, root / name).encode() + b"\n")
    return digest.hexdigest()


def input_digests(project: Project, pack_id: str, picture_alts: Mapping[str, str],
                  detail_pictures: Iterable[str], kinds: Iterable[str]) -> dict[str, str]:
    """Return ``pack`` and each kind to the digest of the project files it reads.

    ``picture_alts`` (the alt text each picture has anywhere in the project) and
    ``detail_pictures`` (pictures the handout looks up by name) are what the handout reads
    beyond the pack's own files.
    """
    pack = project.packs[pack_id]
    used = {project.modules[m].loc.path for m in pack.modules if m in project.modules}
    used |= {t.modules[m].loc.path for tag in pack.needs
             if (t := project.translations.get(tag)) for m in pack.modules if m in t.modules}
    pictures = set(_pictures_of(project, pack_id))
    common, owned = {}, {}
    own = used | {pack.loc.path}
    for path, sha in project.inputs.items():
        if not _read_by_pack(path, own, pictures):
            continue
        owners = _template_kinds(path)
        (owned if owners else common)[path] = (sha, owners)
    digests = {"pack": _digest({**{p: s for p, (s, _o) in common.items()},
                                **{p: s for p, (s, _o) in owned.items()}})}
    base = {p: s for p, (s, _o) in common.items()}
    for kind in kinds:
        own = {p: s for p, (s, o) in owned.items() if kind in o}
        extra = {}
        if kind == "handout":
            extra = {"alts": sorted(picture_alts.items()),
                     "details": [(p, _file_digest(project.root, project.root / p))
                                 for p in sorted(detail_pictures)]}
        digests[kind] = _digest({**base, **own}, extra)
    return digests


def kind_key(digests: Mapping[str, str], kind: str, options: Options) -> str | None:
    """Return the key of ``kind``'s files, or None when its digest is unknown."""
    if kind not in digests:
        return None
    return _digest({}, [SCHEMA, code_digest(), kind, digests[kind], options.epoch])


def rules_key(digests: Mapping[str, str], options: Options) -> str | None:
    """Return the key of the pack's rules for the kinds being checked."""
    if "pack" not in digests:
        return None
    return _digest({}, [SCHEMA, code_digest(), "rules", digests["pack"], options.checked,
                        options.epoch])


# --- the manifest's cache section --------------------------------------------------------


def read_stored(manifest: Mapping[str, object] | None, folder: str = "") -> Stored:
    """Return the cache section of a manifest; an empty one for an old or broken manifest.

    Findings about the pack's own outputs are kept with the folder written as ``@``, so that
    the manifest is the same wherever the output folder is; ``folder`` (the pack's output
    folder as findings show it) takes its place again.
    """
    findings = partial(_findings, folder=folder)
    section = manifest.get("cache") if manifest and manifest.get("schema") == SCHEMA else None
    if not isinstance(section, dict):
        return Stored()
    try:
        return Stored(
            tree=_text(section.get("tree")),
            digests=_strings(section.get("digests")),
            kinds={k: v["key"] for k, v in section.get("kinds", {}).items()},
            findings={k: findings(v.get("findings")) for k, v in section.get("kinds", {}).items()},
            rules=_text(section.get("rules", {}).get("key")),
            rule_findings=findings(section.get("rules", {}).get("findings")),
            loading=findings(section.get("loading")),
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        return Stored()


def stored_section(stored: Stored, folder: str) -> dict[str, object]:
    """Return ``stored`` as the manifest writes it: sorted, so the same cache gives the same
    bytes, and with ``folder`` (see ``read_stored``) written as ``@``."""
    plain = partial(_plain, folder=folder)
    return {
        "tree": stored.tree,
        "digests": dict(sorted(stored.digests.items())),
        "kinds": {kind: {"key": key, "findings": plain(stored.findings.get(kind, ()))}
                  for kind, key in sorted(stored.kinds.items())},
        "rules": {"key": stored.rules, "findings": plain(stored.rule_findings)},
        "loading": plain(stored.loading),
    }


# --- private -----------------------------------------------------------------------------


def _library_versions() -> dict[str, str]:
    """Return the installed version of each of ``LIBRARIES``, from the names of their
    ``.dist-info`` folders (reading package metadata costs more than the rest of a build)."""
    found = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            match = re.fullmatch(r"(.+?)-([^-]+)\.dist-info", name)
            if match:
                key = re.sub(r"[-_.]+", "_", match[1]).lower()
                if key in LIBRARIES:
                    found.setdefault(key, match[2])
    return {name: found.get(name, "none") for name in LIBRARIES}


def _tree_files(root: Path) -> list[str]:
    """Return the files the coarse digest covers, by the path they are read at.

    A link to a folder inside the project is walked into (loading reads through it); one
    leading outside is listed as itself and hashed by its text.
    """
    real_root = root.resolve()
    found = ["packgen.toml"] if os.path.lexists(root / "packgen.toml") else []
    for top in TREE:
        seen: set[str] = set()
        for folder, dirs, files in os.walk(root / top, followlinks=True):
            real = os.path.realpath(folder)
            base = Path(folder).relative_to(root).as_posix()
            if real in seen or not Path(real).is_relative_to(real_root):
                dirs[:] = []
                continue
            seen.add(real)
            outside = [d for d in dirs if os.path.islink(Path(folder, d))
                       and not Path(os.path.realpath(Path(folder, d))).is_relative_to(real_root)]
            dirs[:] = sorted(d for d in dirs if d not in outside)
            found += [f"{base}/{name}" for name in sorted(files + outside)]
    return sorted(found)


def file_digest(root: Path, name: str) -> str:
    """Return the sha256 of the project file ``name``, or a stand-in when it is missing, a
    link leading out of the project, a special file or over the size limit."""
    return _file_digest(root, root / name)


def _file_digest(root: Path, path: Path) -> str:
    """Return a file's sha256, or a stand-in that never requires reading it (see
    ``tree_digest``)."""
    try:
        info = os.lstat(path)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return "absent"
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(path)
        inside = Path(target).is_relative_to(root.resolve())
        if not (inside and os.path.isfile(target)):
            return f"link:{os.readlink(path)}"
        info = os.stat(target)
        path = Path(target)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        return f"special:{stat.S_IFMT(info.st_mode)}:{info.st_size}"
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:  # loading reports it at its line
        return f"unreadable:{exc.errno}"
    return digest.hexdigest()


def _digest(files: Mapping[str, str], extra: object = None) -> str:
    text = json.dumps([sorted(files.items()), extra], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _template_kinds(path: str) -> frozenset[str]:
    """Return the kinds that alone read the template at ``path``; empty for any other file.

    A document's own page templates (``guide.typ``, ``guide.html``, ``guide.css`` and the
    same for the handout) are read by that kind alone. Any other Typst, HTML or CSS file may
    be imported or included by either document's templates, and ``reference.docx`` styles
    both Word files, so they belong to both; every ``.pptx`` is a deck template.
    """
    if not path.startswith("templates/"):
        return frozenset()
    name = path.removeprefix("templates/")
    if name.endswith(".pptx"):
        return frozenset({"deck"})
    for kind in _DOCUMENTS:
        if name in {f"{kind}{suffix}" for suffix in _PAGE_SUFFIXES}:
            return frozenset({kind})
    if name in _SHARED_BY_DOCUMENTS or name.endswith(_PAGE_SUFFIXES):
        return frozenset(_DOCUMENTS)
    return frozenset()


def _read_by_pack(path: str, own: set[str], pictures: set[str]) -> bool:
    """Return True when a pack reads the project file ``path``: the pictures it shows
    (wherever they are, beside a module or a pack file too), its own module and pack files,
    and every other file of the project."""
    if _is_picture(path):
        return path in pictures
    if path.startswith(("content/modules/", "content/packs/")):
        return path in own
    return True


def _is_picture(path: str) -> bool:
    return path.startswith("content/") and not path.endswith((*MODULE_SUFFIXES, ".yaml",
                                                               ".yml"))


def _pictures_of(project: Project, pack_id: str) -> Iterable[str]:
    """Return the pictures the pack can show: those of its modules, its own, and those of the
    project's data (glossary, model, credits), but not those only other modules use."""
    from packgen.load.project import pictures

    pack = project.packs[pack_id]
    yield from pictures([project.modules[m] for m in pack.modules if m in project.modules])
    yield from pictures([pack, project.spaces, project.glossary, project.audiences,
                         project.theme])


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(value)


def _strings(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TypeError(value)
    return dict(value)


def _findings(value: object, folder: str) -> tuple[Diagnostic, ...]:
    if not isinstance(value, list):
        raise TypeError(value)
    return tuple(Diagnostic(Severity(d["severity"]), str(d["message"]),
                            _placed(d.get("path"), "@", folder), _line(d.get("line")),
                            _code(d.get("code"))) for d in value)


def _plain(findings: Sequence[Diagnostic], folder: str) -> list[dict[str, object]]:
    return [{**d.as_dict(), "path": _placed(d.path, folder, "@")} for d in findings]


def _placed(path: object, old: str, new: str) -> str | None:
    """Return ``path`` with a leading folder ``old`` written as ``new``."""
    path = _text(path)
    if path and old and (path == old or path.startswith(f"{old}/")):
        return new + path[len(old):]
    return path


def _code(value: object) -> str:
    """Return a stored rule code; anything but ``PGnnn`` is a damaged cache."""
    if isinstance(value, str) and re.fullmatch(r"PG\d{3}", value):
        return value
    raise TypeError(value)


def _line(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(value)
