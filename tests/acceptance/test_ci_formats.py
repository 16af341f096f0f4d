"""A battery of bad inputs, each reported in every format CI reads: exit 1, one error with its
path, line and code, a valid document, no traceback, nothing written for the failing pack,
and the other pack built unless the broken file is one every pack reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bad_inputs import CASES, SHARED, Case, relative
from click.testing import CliRunner
from formats import findings_of
from hostile_support import add_module, line_of, pack_data, pack_file, write_pack
from reliability_support import pack_ids, run_packgen, standard_pack

from packgen.cli import cli

CODE = re.compile(r"^PG\d{3}$")
MACHINE = ("json", "github", "gitlab", "sarif", "junit")


# --- more broken projects, beyond the hostile ones ------------------------------------------


def _front(front: str, needle: str | None) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        path = add_module(root, "## Slide\n\nText\n", front=front)
        return relative(root, path), line_of(path, needle) if needle else None
    return case


def _body(body: str, needle: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        path = add_module(root, body)
        return relative(root, path), line_of(path, needle)
    return case


def _pack(change: dict[str, object], needle: str | None) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        data = {k: v for k, v in {**pack_data(root), **change}.items() if v is not None}
        write_pack(root, data)
        return relative(root, pack_file(root)), line_of(pack_file(root), needle) if needle \
            else None
    return case


def _listed_twice(root: Path) -> tuple[str, int | None]:
    data = pack_data(root)
    write_pack(root, {**data, "modules": [*data["modules"], data["modules"][0]]})
    lines = pack_file(root).read_text(encoding="utf-8").splitlines()
    again = [i for i, ln in enumerate(lines, 1) if ln.strip() == f"- {data['modules'][0]}"][-1]
    return relative(root, pack_file(root)), again


def _project_file(name: str, text: str, line: int | None) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        return name, line
    return case


MORE: dict[str, Case] = {
    "front-matter-title-is-a-list": _front("title: [A, B]\nduration: 5\n", "title:"),
    "front-matter-without-duration": _front("title: No time\n", None),
    "duration-is-not-a-number": _front("title: A\nduration: soon\n", "duration:"),
    "activities-longer-than-module": _body(
        "## Task\n\n::: {.activity title=\"Pairs\" minutes=20}\nTalk in pairs.\n:::\n", "duration:"),
    "unsafe-link-scheme": _body("## Links\n\n[Click](javascript:alert(1))\n", "[Click]"),
    "pack-without-title": _pack({"title": None}, None),
    "pack-slot-negative": _pack({"slot": -5}, "slot:"),
    "pack-start-out-of-range": _pack({"start": "25:00"}, "start:"),
    "pack-language-malformed": _pack({"language": "english please"}, "language:"),
    "pack-module-listed-twice": _listed_twice,
    "break-after-a-module-not-in-the-pack": _pack(
        {"breaks": [{"after": "no-such-module", "minutes": 10}]}, "no-such-module"),
    "theme-yaml-unparsable": _project_file("templates/theme.yaml", "colours: [#00485A\n", None),
    "audiences-yaml-unparsable": _project_file("content/audiences.yaml", "staff: {name: [\n",
                                               None),
    "glossary-yaml-unparsable": _project_file("content/glossary.yaml", "- word: [x\n", None),
    "model-yaml-unparsable": _project_file("content/model.yaml", "spaces: [\n", None),
    "packgen-toml-unparsable": _project_file("packgen.toml", "[rules\n", 1),
    "packgen-toml-unknown-table": _project_file("packgen.toml", "[silense]\nPG104 = ['*']\n", 1),
}
MORE_SHARED = {"theme-yaml-unparsable", "audiences-yaml-unparsable", "glossary-yaml-unparsable",
               "model-yaml-unparsable", "packgen-toml-unparsable", "packgen-toml-unknown-table"}
BATTERY = {**CASES, **MORE}
EVERY_PACK = SHARED | MORE_SHARED


def test_the_battery_holds_at_least_forty_bad_inputs() -> None:
    assert len(BATTERY) >= 40


@pytest.mark.parametrize("case", sorted(BATTERY))
def test_a_bad_input_is_one_finding_in_every_format(project: Path, case: str) -> None:
    target = standard_pack(project)
    (other,) = [p for p in pack_ids(project) if p != target]
    rel, line = BATTERY[case](project)
    out = project / "build"
    args = ["build", "--project", str(project), "--out", str(out), "--only", "deck", "-j", "1"]

    done = run_packgen(*args, "--format", "json", timeout=90)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    (found,) = _errors(findings_of("json", done.stdout))
    assert (found["path"], found["line"] if line else None) == (rel, line), done.stdout
    assert CODE.match(str(found["code"])), found
    assert not (out / target).exists()
    assert [p.name for p in out.glob(".*")] == []
    assert (out / other / f"{other}-slides.pptx").exists() == (case not in EVERY_PACK)

    for fmt in ("text", *MACHINE[1:]):
        shown = _run(*args, "--format", fmt)
        assert shown.exit_code == 1, shown.output
        if fmt == "text":
            (text,) = [ln for ln in shown.stdout.splitlines() if ": error: " in ln]
            assert text.startswith(f"{rel}:{line}: " if line else f"{rel}")
            assert text.endswith(f"[{found['code']}]")
        elif fmt == "junit":
            cases = {c["case"]: c for c in findings_of(fmt, shown.stdout)}
            assert cases[target]["failed"] and cases[target]["type"] == found["code"]
            assert cases[other]["failed"] == (case in EVERY_PACK)
        else:
            (again,) = _errors(findings_of(fmt, shown.stdout))
            assert (again["path"], again["code"]) == (rel, found["code"]), fmt


def _errors(found: list[dict[str, object]]) -> list[dict[str, object]]:
    return [f for f in found if f["severity"] == "error"]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- a broken module fails only the packs that use it ---------------------------------------


def test_a_broken_module_fails_only_its_packs_and_the_summary_says_why(project: Path) -> None:
    target = standard_pack(project)
    (other,) = [p for p in pack_ids(project) if p != target]
    rel, line = MORE["duration-is-not-a-number"](project)
    done = run_packgen("build", "--project", str(project), "--only", "deck", timeout=90)
    assert done.returncode == 1
    assert f"{rel}:{line}: error: " in done.stdout
    assert f"content/packs/{target}.yaml: info: pack '{target}' not built: an error in {rel}" \
        in done.stdout
    assert f"    failed {target}: an error in {rel}" in done.stderr.splitlines()
    assert done.stderr.splitlines()[-1] == f"2 packs in build: 1 built, 1 failed ({target})"
    assert (project / "build" / other / f"{other}-slides.pptx").exists()


# --- paths a CI annotation can follow ---------------------------------------------------------


def _in_checkout(project: Path) -> Path:
    """Return ``project`` moved into a git checkout, as ``workshops/barod``."""
    checkout = project.parent / "repo"
    (checkout / ".git").mkdir(parents=True)
    moved = checkout / "workshops" / "barod"
    moved.parent.mkdir()
    project.rename(moved)
    return moved


@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_write_paths_from_the_git_checkout(project: Path, fmt: str) -> None:
    root = _in_checkout(project)
    rel, _line = MORE["duration-is-not-a-number"](root)
    shown = _run("check", "--project", str(root), "--format", fmt)
    if fmt == "junit":
        (failed,) = [c for c in findings_of(fmt, shown.stdout) if c["failed"]]
        assert f"workshops/barod/{rel}:" in failed["text"]
        return
    (found,) = _errors(findings_of(fmt, shown.stdout))
    assert found["path"] == f"workshops/barod/{rel}"


def test_text_keeps_paths_from_the_project_and_path_base_moves_them(project: Path) -> None:
    root = _in_checkout(project)
    rel, line = MORE["duration-is-not-a-number"](root)
    args = ["check", "--project", str(root)]
    assert f"\n{rel}:{line}: error: " in "\n" + _run(*args).stdout
    based = _run(*args, "--path-base", str(root.parent), "--format", "json")
    (found,) = _errors(findings_of("json", based.stdout))
    assert found["path"] == f"barod/{rel}"
    mine = _run(*args, "--path-base", str(root), "--format", "json")
    (found,) = _errors(findings_of("json", mine.stdout))
    assert found["path"] == rel


def test_check_never_names_its_temporary_folder(project: Path) -> None:
    MORE["duration-is-not-a-number"](project)
    for fmt in ("text", "json", "junit"):
        shown = _run("check", "--project", str(project), "--format", fmt)
        assert shown.exit_code == 1
        assert "packgen-check-" not in shown.output and "/tmp" not in shown.stdout, shown.output


@pytest.mark.parametrize("command", [["list"], ["template", "check"], ["check"]])
def test_every_command_prints_one_json_document_on_stdout(project: Path,
                                                         command: list[str]) -> None:
    clean = _run(*command, "--project", str(project), "--format", "json")
    assert findings_of("json", clean.stdout) is not None
    MORE["theme-yaml-unparsable"](project)
    broken = _run(*command, "--project", str(project), "--format", "json")
    assert broken.exit_code == 1
    (found,) = _errors(findings_of("json", broken.stdout))
    assert found["path"] == "templates/theme.yaml"


def test_quiet_and_strict_still_show_the_warnings_that_fail_the_build(project: Path) -> None:
    add_module(project, "## Picture\n\n![](../images/meeting.png)\n")  # no alt text: PG105
    shown = _run("build", "--project", str(project), "--only", "deck", "-j", "1", "-q",
                 "--strict", "--format", "json")
    assert shown.exit_code == 1
    assert "PG105" in {f["code"] for f in findings_of("json", shown.stdout)}


def test_list_has_a_junit_case_per_pack(project: Path) -> None:
    target = standard_pack(project)
    MORE["pack-slot-negative"](project)
    shown = _run("list", "--project", str(project), "--format", "junit")
    cases = {c["case"]: c["failed"] for c in findings_of("junit", shown.stdout)}
    assert cases == {p: p == target for p in pack_ids(project)}


def test_an_unknown_pack_is_named_even_when_the_project_cannot_load(project: Path) -> None:
    MORE["theme-yaml-unparsable"](project)
    shown = _run("build", "nosuch", "--project", str(project), "--format", "json")
    assert {f["code"] for f in _errors(findings_of("json", shown.stdout))} == {"PG014", "PG003"}
    assert "1 failed" not in shown.stderr


def test_template_check_names_its_case_the_same_way_whether_or_not_it_reads(
        project: Path) -> None:
    good = findings_of("junit", _run("template", "check", "--project", str(project),
                                     "--format", "junit").stdout)
    (project / "templates" / "deck.pptx").write_bytes(b"not a zip")
    bad = findings_of("junit", _run("template", "check", "--project", str(project),
                                    "--format", "junit").stdout)
    assert [c["case"] for c in good] == [c["case"] for c in bad] == ["deck.pptx"]
    assert [c["failed"] for c in good + bad] == [False, True]
