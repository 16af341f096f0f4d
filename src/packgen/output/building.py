"""Build one pack: keep the kinds that are up to date, write the others in a staging folder,
swap it in whole with its manifest, and report what happened."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from packgen import __version__
from packgen.builders import Output
from packgen.errors import Collector, Diagnostic, PackgenError, Severity, info
from packgen.model import Project, TailoredPack
from packgen.output import cache, guard
from packgen.output import staging as stg
from packgen.output.events import BUILT, FAILED, UP_TO_DATE, Event, OnEvent
from packgen.output.failures import os_failure
from packgen.output.reproducible import build_time, normalise_zip, sha256_file
from packgen.paths import relative
from packgen.writers import FORMATS

NOT_BUILT = "PG015"
"""The code of the line that says a pack was not built, and why."""

if TYPE_CHECKING:
    from packgen.builders.jobs import Written


@dataclass
class PackResult:
    """What happened to one pack."""

    pack_id: str
    folder: Path
    outputs: list[stg.Entry] = field(default_factory=list)
    ok: bool = True
    status: str = BUILT
    """``built``, ``up to date`` or ``failed``."""
    written: tuple[str, ...] = ()
    """The kinds written this time (the others asked for were up to date)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Kind to the seconds it took to write."""
    reason: str = ""
    """Why a failed pack was not built, in a few words."""
    findings: list[Diagnostic] = field(default_factory=list)
    """The pack's own findings (those of loading the project are not repeated here)."""


@dataclass(frozen=True, slots=True)
class Run:
    """What one build makes: the kinds written, the kinds whose rules run, ``--force``, how many
    processes may write a pack's kinds, and ``--rebuild`` (the cache ignored)."""

    kinds: tuple[str, ...]
    checked: tuple[str, ...]
    force: bool
    jobs: int
    rebuild: bool = False
    kept: bool = True
    """False when the outputs are thrown away afterwards (``check``): no finding then names
    the folder they were written in."""


@dataclass(frozen=True, slots=True)
class Known:
    """What the whole build knows before any pack: the coarse digest, what loading found, and
    what the handout reads from every module."""

    tree: str
    loading: tuple[Diagnostic, ...]
    picture_alts: Mapping[str, str]
    detail_pictures: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fresh:
    """Which of the kinds asked for are up to date, and whether the rules' findings are."""

    kinds: frozenset[str]
    rules: bool

    def complete(self, kinds: Sequence[str]) -> bool:
        """Return True when nothing needs to run for ``kinds``."""
        return self.rules and self.kinds.issuperset(kinds)


def freshness(folder: Path, stored: cache.Stored, digests: Mapping[str, str], run: Run,
              options: cache.Options, previous: Sequence[stg.Entry],
              languages: Sequence[str] = ()) -> Fresh:
    """Return what is up to date in ``folder`` for ``run``: a kind whose key is the one its files
    were written with and whose files are all there, as they were written (one per format
    and language of a bilingual pack's ``languages``)."""
    if run.rebuild:
        return Fresh(frozenset(), False)
    kinds = frozenset(
        kind for kind in run.kinds
        if stored.kinds.get(kind) is not None
        and stored.kinds.get(kind) == cache.kind_key(digests, kind, options)
        and _intact(folder, kind, previous, languages))
    rules = stored.rules is not None and stored.rules == cache.rules_key(digests, options)
    return Fresh(kinds, rules)


def cached_findings(stored: cache.Stored, kinds: Sequence[str]) -> list[Diagnostic]:
    """Return the findings an up-to-date pack had: its rules', then its kinds'."""
    return [*stored.rule_findings, *(d for k in kinds for d in stored.findings.get(k, ()))]


def build_pack(project: Project, pack_id: str, out: Path, run: Run, known: Known,
               emit: OnEvent) -> tuple[PackResult, list[Diagnostic]]:
    """Build one pack into ``out/<pack_id>``; return its result and its findings.

    A pack whose kinds asked for are all up to date is not written (its manifest learns the
    new coarse digest); otherwise the kinds that are not are written and the others kept.
    Errors are findings: the pack is then not built and its previous outputs stay.
    """
    began = time.perf_counter()
    display = relative(project.root, out / pack_id, follow_links=False) if run.kept else pack_id
    job = _PackJob(project, pack_id, out, run, known, emit, display)
    sink: list[Diagnostic] = []
    result = job.run(sink)
    result.findings = list(sink)
    emit(Event(pack_id, "done", seconds=time.perf_counter() - began, status=result.status,
               reason=result.reason))
    return result, sink


def not_built(root: Path, result: PackResult, diagnostics: Sequence[Diagnostic],
              sink: list[Diagnostic], kept: bool = True) -> PackResult:
    """Record that a pack failed: its errors, then one line saying why in a few words and,
    when ``kept`` and there were outputs before, where they stay."""
    sink.extend(diagnostics)
    result.ok, result.status, result.outputs = False, FAILED, []
    result.reason = failure_reason(diagnostics)
    folder = relative(root, result.folder, follow_links=False)
    stay = f"; its previous outputs stay in {folder}" if kept and result.folder.exists() else ""
    sink.append(info(f"pack '{result.pack_id}' not built: {result.reason}{stay}",
                     f"content/packs/{result.pack_id}.yaml", code=NOT_BUILT))
    return result


def failure_reason(diagnostics: Sequence[Diagnostic]) -> str:
    """Return why a pack failed in a few words: the files its errors are in."""
    failed = list(dict.fromkeys(d for d in diagnostics if d.severity is Severity.ERROR))
    places = list(dict.fromkeys(d.path for d in failed if d.path))
    said = "an error" if len(failed) <= 1 else "errors"
    if not places:
        return said
    shown = ", ".join(places[:3]) + (f" and {len(places) - 3} more" if len(places) > 3 else "")
    return f"{said} in {shown}"


# --- one pack ----------------------------------------------------------------------------


@dataclass
class _PackJob:
    project: Project
    pack_id: str
    out: Path
    run_: Run
    known: Known
    emit: OnEvent
    display: str

    def run(self, sink: list[Diagnostic]) -> PackResult:
        staging = stg.Staging(self.out, self.pack_id, self.display)
        result = PackResult(self.pack_id, staging.final)
        try:
            guard.check_pack_id(self.pack_id, self.project.packs[self.pack_id].loc.path)
            staging.open()
            self._fill(staging, result, sink)
        except PackgenError as exc:
            not_built(self.project.root, result, exc.diagnostics, sink, self.run_.kept)
        except OSError as exc:
            failure = os_failure(exc, self.project.root, self.out, staging.path, staging.final)
            not_built(self.project.root, result, failure.diagnostics, sink, self.run_.kept)
        finally:
            staging.discard()
        return result

    def _fill(self, staging: stg.Staging, result: PackResult, sink: list[Diagnostic]) -> None:
        run, display = self.run_, self.display
        previous = stg.inspect_previous(staging.final, display)
        stored = cache.read_stored(previous.manifest, display)
        digests = cache.input_digests(self.project, self.pack_id, self.known.picture_alts,
                                      self.known.detail_pictures, FORMATS)
        options = cache.Options(run.checked)
        languages = self.project.packs[self.pack_id].languages
        fresh = freshness(staging.final, stored, digests, run, options, previous.entries,
                          languages)
        if fresh.complete(run.kinds):
            self._up_to_date(staging, stored, digests, previous, result)
            sink.extend(cached_findings(stored, run.kinds))
            return
        writing = tuple(k for k in run.kinds if k not in fresh.kinds)
        self.emit(Event(self.pack_id, "start", kinds=writing))
        if not run.force:
            stg.check_hand_edits(staging.final, [e for e in previous.entries
                                                 if e.kind in writing], display)
            stg.check_foreign_files(previous, display)
        versions, tailored = self._tailor()
        tp = versions[0]
        report = Collector()
        report.extend(tailored)
        meanwhile = None if fresh.rules else partial(_check, versions, run.checked, report)
        written = self._write(versions, writing, staging.path, meanwhile)
        entries = [_entry(o) for o in written.outputs]
        stg.check_name_clashes(previous, entries, display)
        entries += stg.keep_outputs(staging.final, staging.path,
                                    [e for e in previous.entries if e.kind not in writing])
        rule_findings = (_silenced(report.items, self.project, self.pack_id) if meanwhile
                         else list(stored.rule_findings))
        kind_findings = {k: _silenced(v, self.project, self.pack_id)
                         for k, v in written.findings.items()}
        keys = {k: cache.kind_key(digests, k, options) for k in writing}
        new = cache.Stored(
            tree=self.known.tree, digests=digests,
            kinds={**{k: v for k, v in stored.kinds.items() if k not in writing}, **keys},
            findings={**{k: v for k, v in stored.findings.items() if k not in writing},
                      **{k: tuple(v) for k, v in kind_findings.items()}},
            rules=cache.rules_key(digests, options) if meanwhile else stored.rules,
            rule_findings=tuple(rule_findings), loading=self.known.loading)
        stg.write_manifest(staging.path, self._head(tp), entries, _inputs(self.project, tp),
                           {"cache": cache.stored_section(new, display)})
        staging.swap_in()
        sink.extend(rule_findings)
        sink.extend(d for k in run.kinds for d in new.findings.get(k, ()))
        result.outputs = sorted(entries, key=lambda e: (e.kind, e.format))
        result.written, result.seconds = writing, written.seconds

    def _up_to_date(self, staging: stg.Staging, stored: cache.Stored,
                    digests: Mapping[str, str], previous: stg.Previous,
                    result: PackResult) -> None:
        """Keep an up-to-date pack; record the new coarse digest in its manifest."""
        result.status, result.outputs = UP_TO_DATE, list(previous.entries)
        renewed = replace(stored, tree=self.known.tree, digests=digests,
                          loading=self.known.loading)
        if renewed != stored:
            section = cache.stored_section(renewed, self.display)
            stg.rewrite_manifest(staging, lambda data: {**data, "cache": section})

    def _tailor(self) -> tuple[list[TailoredPack], list[Diagnostic]]:
        from packgen.tailor.pack import tailor_versions

        return tailor_versions(self.project, self.pack_id,
                               build_time(self.project.packs[self.pack_id].date))

    def _write(self, versions: Sequence[TailoredPack], kinds: Sequence[str], folder: Path,
               meanwhile: partial[None] | None) -> Written:
        from packgen.builders.jobs import build_kinds

        def progress(kind: str, step: str, seconds: float | None) -> None:
            self.emit(Event(self.pack_id, f"kind-{step}", kind=kind, seconds=seconds))

        by_language = {tp.language: tp for tp in versions}
        return build_kinds(list(versions), kinds, folder, self.run_.jobs,
                           partial(_finish, by_language, self.display), meanwhile=meanwhile,
                           emit=progress)

    def _head(self, tp: TailoredPack) -> dict[str, object]:
        return {"schema": cache.SCHEMA, "packgen": __version__, "pack": tp.pack.id,
                "title": tp.pack.title, "language": tp.language,
                **({"languages": list(tp.pack.languages)} if tp.pack.languages else {})}


def _check(versions: Sequence[TailoredPack], checked: Sequence[str], report: Collector) -> None:
    """Run the pack's rules on each version (while other processes write the kinds), and
    the checks that compare a bilingual pack's versions; stop on an error."""
    from packgen.rules.languages import compare_versions

    found = [d for tp in versions for d in _rules(tp, checked)] + compare_versions(versions)
    report.extend(list(dict.fromkeys(found)))
    report.raise_errors()


def _finish(versions: Mapping[str, TailoredPack], display: str, output: Output
            ) -> list[Diagnostic]:
    """Make a written Office file reproducible; return what the deck's overflow check finds
    (``versions``: the pack's tailored versions by language tag)."""
    tp = versions.get(output.language) or next(iter(versions.values()))
    if output.format in ("pptx", "docx"):
        normalise_zip(output.path, tp.built)
    return _rendered_rules(tp, output, display) if output.format == "pptx" else []


def _intact(folder: Path, kind: str, previous: Sequence[stg.Entry],
            languages: Sequence[str] = ()) -> bool:
    """Return True when every format of ``kind`` (in each of a bilingual pack's
    ``languages``) is in ``folder`` as its manifest lists it."""
    entries = {(e.format, e.language if languages else ""): e for e in previous
               if e.kind == kind}
    if set(entries) != {(f, lang) for f in FORMATS[kind] for lang in (languages or ("",))}:
        return False
    return all(os.path.isfile(folder / e.path) and not os.path.islink(folder / e.path)
               and sha256_file(folder / e.path) == e.sha256 for e in entries.values())


def _entry(output: Output) -> stg.Entry:
    return stg.Entry(output.kind, output.format, output.path.name, sha256_file(output.path),
                     output.language)


def _rules(tp: TailoredPack, checked: Sequence[str]) -> list[Diagnostic]:
    from packgen.rules import run_pack_rules

    easy_read = "handout" in checked or tp.pack.deck_style == "easy-read"
    return run_pack_rules(tp, easy_read=easy_read, word="guide" in checked)


def _rendered_rules(tp: TailoredPack, deck: Output, display: str) -> list[Diagnostic]:
    from packgen.rules.deck_geometry import check_deck_geometry
    from packgen.rules.overflow import check_deck_overflow, slide_sources

    shown, sources = f"{display}/{deck.path.name}", slide_sources(tp)
    return (check_deck_overflow(deck.path, shown, sources)
            + check_deck_geometry(deck.path, shown, sources))


def _silenced(diags: Sequence[Diagnostic], project: Project, pack_id: str) -> list[Diagnostic]:
    from packgen.rules import apply_silence

    return apply_silence(diags, project.config, pack_id)


def _inputs(project: Project, tp: TailoredPack) -> dict[str, str]:
    used = {m.loc.path for m in tp.modules} | {tp.pack.loc.path} | _translations(project, tp)
    return {
        path: digest for path, digest in project.inputs.items()
        if not _is_content_file(path) or path in used
    }


def _translations(project: Project, tp: TailoredPack) -> set[str]:
    """Return the translation files a pack's versions read (``NAME.cy.md``)."""
    return {t.modules[m].loc.path for tag in tp.pack.needs
            if (t := project.translations.get(tag)) for m in tp.pack.modules if m in t.modules}


def _is_content_file(path: str) -> bool:
    return path.startswith(("content/modules/", "content/packs/"))
