"""Tests for the safe YAML loader: lines, hostile input, Windows files, clear errors."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packgen.errors import PackgenError
from packgen.load.yamldoc import MAX_BYTES, MAX_DEPTH, Scalar, load_yaml, parse_yaml
from packgen.paths import read_text

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def one(exc: pytest.ExceptionInfo[PackgenError]) -> str:
    """Return the single diagnostic line of a PackgenError."""
    assert len(exc.value.diagnostics) == 1
    return str(exc.value.diagnostics[0])


def test_yaml_gives_the_line_of_every_key_and_list_item() -> None:
    doc = parse_yaml("title: A\nmodules:\n  - one\n  - two\nbreaks:\n  - {after: one}\n", "p.yaml")
    assert doc.line("title") == 1
    assert doc.line("modules", 1) == 4
    assert doc.line("breaks", 0, "after") == 6
    assert doc.line("missing", "deeper") == 1


def test_yaml_lines_count_from_the_given_first_line() -> None:
    doc = parse_yaml("title: A\nduration: 5\n", "m.md", first_line=2)
    assert doc.line("duration") == 3


def test_unquoted_clock_time_and_date_load_as_pyyaml_reads_them() -> None:
    doc = parse_yaml("start: 10:00\ndate: 2026-03-03\n", "p.yaml")
    assert doc.data == {"start": 600, "date": dt.date(2026, 3, 3)}


def test_yaml_alias_bomb_is_rejected_fast() -> None:
    began = time.perf_counter()
    with pytest.raises(PackgenError) as exc:
        parse_yaml(BOMB, "content/packs/bomb.yaml")
    assert time.perf_counter() - began < 1
    assert one(exc) == ("content/packs/bomb.yaml:1: error: invalid YAML: anchors (&a) are not "
                        "allowed: write the value out [PG003]")


def test_an_alias_without_its_anchor_is_refused_as_an_alias() -> None:
    with pytest.raises(PackgenError, match=r"aliases \(\*a\) are not allowed"):
        parse_yaml("x: 1\ny: *a\n", "p.yaml")


def test_merge_keys_are_refused_with_their_anchor() -> None:
    with pytest.raises(PackgenError, match="anchors"):
        parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "p.yaml")


def test_bad_yaml_is_one_line_with_the_line_of_the_problem() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("title: A\nvenue: Room: 2\n", "content/packs/p.yaml")
    assert one(exc).startswith("content/packs/p.yaml:2: error: invalid YAML: mapping values")


def test_unclosed_flow_list_names_its_line() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("title: A\nmodules: [one, two\nslot: 5\n", "p.yaml")
    assert exc.value.diagnostics[0].line is not None


def test_duplicate_keys_are_errors_at_the_second_key() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("title: A\nslot: 5\ntitle: B\n", "p.yaml")
    assert one(exc) == "p.yaml:3: error: duplicate key 'title' [PG003]"


def test_python_tags_are_never_constructed() -> None:
    with pytest.raises(PackgenError, match="could not determine a constructor"):
        parse_yaml("x: !!python/object/apply:os.system ['true']\n", "p.yaml")


def test_deep_nesting_is_refused_at_the_limit_with_its_line() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("a: 1\nb: " + "[" * 200 + "]" * 200, "p.yaml")
    assert one(exc) == ("p.yaml:2: error: the YAML's nesting is larger than packgen's limit of "
                        f"{MAX_DEPTH} levels [PG024]")


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1
    assert parse_yaml("a: " + "[" * depth + "]" * depth, "p.yaml").data is not None


def test_a_yaml_document_over_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("a: 1\n" + "#" * MAX_BYTES, "content/modules/m.md", 2)
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.line, diag.code) == ("content/modules/m.md", 2, "PG024")


def test_control_character_is_an_error_with_its_line() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("title: A\nvenue: B\x07\n", "p.yaml")
    assert one(exc) == "p.yaml:2: error: invalid character #x0007 in YAML [PG003]"


def test_several_documents_are_refused() -> None:
    with pytest.raises(PackgenError, match="single document"):
        parse_yaml("a: 1\n---\nb: 2\n", "p.yaml")


def test_empty_yaml_loads_as_none() -> None:
    assert parse_yaml("# nothing\n", "p.yaml").data is None


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("\ufefftitle: Caf\u00e9\r\nslot: 90\r\n".encode())
    doc = load_yaml(tmp_path, path, "p.yaml")
    assert doc.data == {"title": "Caf\u00e9", "slot": 90}
    assert doc.line("slot") == 2


def test_non_utf8_file_is_an_error_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"title: A\nvenue: Caf\xe9\n")
    with pytest.raises(PackgenError) as exc:
        read_text(tmp_path, path, "content/packs/p.yaml")
    assert one(exc) == ("content/packs/p.yaml:2: error: not UTF-8 text (byte 0xe9): "
                        "save the file as UTF-8 [PG003]")


def test_enormous_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(PackgenError) as exc:
        load_yaml(tmp_path, path, "big.yaml")
    assert one(exc).startswith("big.yaml: error: '")
    assert one(exc).endswith(" bytes) is larger than packgen's limit of 1 MB [PG024]")


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(PackgenError, match="cannot read file"):
        read_text(tmp_path, tmp_path / "nope.yaml", "nope.yaml")


def test_impossible_date_is_an_error_at_its_line_not_a_crash() -> None:
    with pytest.raises(PackgenError) as exc:
        parse_yaml("title: A\ndate: 2026-02-30\n", "p.yaml")
    assert one(exc) == ("p.yaml:2: error: invalid YAML: cannot read '2026-02-30': day is out of "
                        "range for month [PG003]")


YAML_PIECES = ["a", "b", ":", ": ", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x",
               "!!int ", "!!float ", "!!binary ", "!!set ", "2026-02-30", "10:00", "'", '"', "? ",
               "|", ">", "#", "\t", "\ufeff", "\x85", "---\n", "...\n", "%YAML 1.1\n", "<<: "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_random_yaml_like_text_loads_or_gives_one_located_error(text: str) -> None:
    try:
        parse_yaml(text, "p.yaml")
    except PackgenError as exc:
        assert len(exc.diagnostics) == 1 and exc.diagnostics[0].path == "p.yaml"


def test_every_scalar_keeps_its_source_text_and_whether_it_was_quoted() -> None:
    doc = parse_yaml('start: 10:00\nat: "10:00"\nslot: 600\nbreaks: [{at: 13.30}]\n', "p.yaml")
    assert doc.data["start"] == doc.data["slot"] == 600
    assert doc.scalar("start") == Scalar("10:00", quoted=False)
    assert doc.scalar("at") == Scalar("10:00", quoted=True)
    assert doc.scalar("slot") == Scalar("600", quoted=False)
    assert doc.scalar("breaks", 0, "at") == Scalar("13.30", quoted=False)
    assert doc.scalar("breaks") is None
