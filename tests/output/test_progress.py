"""Progress reads as a person wants it: a line per pack as it ends, a status line, a summary."""

from __future__ import annotations

from packgen.output.events import Event
from packgen.output.progress import Progress


def _feed(progress: Progress, *events: Event) -> list[str]:
    return [line for event in events for line in progress.feed(event)]


def test_a_pack_gets_one_line_when_it_ends_with_the_kinds_it_wrote() -> None:
    progress = Progress()
    lines = _feed(progress, Event("", "plan", total=2), Event("a", "start", kinds=("deck",)),
                  Event("a", "kind-done", kind="deck", seconds=0.3),
                  Event("a", "done", seconds=1.25, status="built"),
                  Event("b", "done", seconds=0.0, status="up to date"))
    assert lines == ["     built a: deck in 1.2 s", "up to date b"]
    assert progress.summary("build") == "2 packs in build: 1 built, 1 up to date"


def test_verbose_lines_give_the_seconds_of_each_kind() -> None:
    progress = Progress(verbose=True)
    lines = _feed(progress, Event("a", "start", kinds=("deck", "guide")),
                  Event("a", "kind-done", kind="deck", seconds=0.25),
                  Event("a", "kind-done", kind="guide", seconds=1.5),
                  Event("a", "done", seconds=1.8, status="built"))
    assert lines == ["     built a: deck 0.25 s, guide 1.50 s (1.80 s)"]


def test_the_status_line_names_what_is_still_being_written() -> None:
    progress = Progress()
    _feed(progress, Event("", "plan", total=3), Event("a", "start", kinds=("deck", "guide")),
          Event("b", "start", kinds=("handout",)),
          Event("a", "kind-done", kind="deck", seconds=0.2))
    assert progress.status() == "[0/3] building a (guide), b (handout)"


def test_a_failed_pack_is_counted_as_failed() -> None:
    progress = Progress()
    assert _feed(progress, Event("a", "done", status="failed")) == ["    failed a"]
    assert progress.summary("out") == "1 pack in out: 1 failed (a)"


def test_a_failed_packs_reason_counts_its_errors_and_names_their_files() -> None:
    from packgen.errors import error, info
    from packgen.output.building import failure_reason

    one = error("bad break", "content/packs/p.yaml", 12, "PG011")
    note = info("unquoted time", "content/packs/p.yaml", 6, "PG121")
    module = error("bad width", "content/modules/m.md", 3, "PG122")
    assert failure_reason([one, note]) == "an error in content/packs/p.yaml"
    assert failure_reason([one, module]) == \
        "errors in content/packs/p.yaml, content/modules/m.md"
