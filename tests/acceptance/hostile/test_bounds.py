"""Inputs too large for memory or time: each is one error line, fast, and nothing is written.

Every case builds a project that a stranger could send and that, unbounded, would run packgen
out of memory or keep it busy for minutes: YAML alias bombs, deep nesting, a variable used
hundreds of times, files and pictures of a gigabyte (sparse files: nothing that large is ever
written to disk) or of 400 megapixels, and file names no file system accepts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import (
    add_module,
    assert_refused,
    build,
    error_lines,
    line_of,
    pack_data,
    pack_file,
    write_pack,
)
from reliability_support import first_pack

QUICK = 30
"""Seconds a refused build may take at most: without the limits these ran for a minute or
ran out of memory."""
FAST = 10
"""Seconds a refusal should take on a busy machine (a couple without the load)."""
GIGABYTE = 1 << 30
LIMIT = re.compile(r"is larger than packgen's limit of [\d,.]+ (MB|characters|levels|megapixels)"
                   r" \[PG024\]$")


def bomb(indent: str = "") -> str:
    """Return a YAML alias bomb: nine levels of nine aliases, a billion items once expanded."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "".join(f"{indent}{row}\n" for row in rows)


def refused_quickly(root: Path, rel: str, line: int | None, only: str | None = "deck") -> str:
    """Assert the build is refused in one line at ``rel:line`` well within QUICK seconds.

    The ``one_pack`` project has one pack, found by its file name: the pack file itself may
    be the broken one.
    """
    started = time.perf_counter()
    found = assert_refused(root, first_pack(root), rel, line, timeout=QUICK, only=only)
    assert time.perf_counter() - started < FAST, found
    return found


def sparse(path: Path, head: bytes, size: int = GIGABYTE) -> Path:
    """Write ``head`` and make ``path`` ``size`` bytes long without writing the rest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(head)
    with path.open("r+b") as handle:
        handle.truncate(size)
    return path


def small_png(path: Path, size: tuple[int, int] = (8, 8)) -> Path:
    """Write a PNG of ``size`` pixels (a one-bit picture compresses to almost nothing)."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("1", size).save(path)
    return path


def huge_png(root: Path, name: str = "huge.png") -> Path:
    """Write a 20000x20000 picture (400 megapixels) of a few kilobytes into content/images."""
    return small_png(root / "content" / "images" / name, (20_000, 20_000))


def gigabyte_png(root: Path, name: str = "gigabyte.png") -> Path:
    """Write a valid small PNG followed by a gigabyte of (sparse) nothing."""
    head = small_png(root / "content" / "images" / name).read_bytes()
    return sparse(root / "content" / "images" / name, head)


def _append(path: Path, text: str) -> Path:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# --- YAML --------------------------------------------------------------------------------

YamlCase = Callable[[Path], Path]


def _front_matter_bomb(root: Path) -> Path:
    return add_module(root, "## Slide\n\nText.\n", front="title: Hostile\nduration: 5\n" + bomb())


def _audiences_bomb(root: Path) -> Path:
    return _append(root / "content" / "audiences.yaml",
                   "- id: bomb\n  name: Bomb\n  x:\n" + bomb("    "))


def _theme_bomb(root: Path) -> Path:
    return _append(root / "templates" / "theme.yaml", bomb())


def _glossary_bomb(root: Path) -> Path:
    return _append(root / "content" / "glossary.yaml",
                   "- term: bomb\n  explanation: x\n  x:\n" + bomb("    "))


YAML_BOMBS: dict[str, YamlCase] = {
    "front matter": _front_matter_bomb, "audiences.yaml": _audiences_bomb,
    "theme.yaml": _theme_bomb, "glossary.yaml": _glossary_bomb,
}


@pytest.mark.parametrize("where", YAML_BOMBS)
def test_a_yaml_alias_bomb_is_one_line_at_its_anchor_and_fast(one_pack: Path, where: str) -> None:
    path = YAML_BOMBS[where](one_pack)
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "&a"))
    assert found.endswith("[PG003]") and ("anchors" in found or "aliases" in found)


def test_deeply_nested_front_matter_is_one_line_at_its_line(one_pack: Path) -> None:
    front = "title: Hostile\nduration: 5\nnested: " + "[" * 5000 + "]" * 5000 + "\n"
    path = add_module(one_pack, "## Slide\n\nText.\n", front=front)
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "nested:"))
    assert LIMIT.search(found), found


def test_deeply_nested_pack_field_is_one_line_at_its_line(one_pack: Path) -> None:
    path = _append(pack_file(one_pack), "extra: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n")
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "extra:"))
    assert LIMIT.search(found), found


# --- variables ---------------------------------------------------------------------------


def _with_variable(root: Path, value: str) -> Path:
    data = pack_data(root)
    data["variables"] = {**(data.get("variables") or {}), "huge": value}
    write_pack(root, data)
    return pack_file(root)


def test_a_huge_variable_is_refused_at_its_line_in_the_pack(one_pack: Path) -> None:
    pack = _with_variable(one_pack, "x" * 50_000)
    add_module(one_pack, "## Slide\n\n" + "{{ huge }}\n\n" * 900)
    found = refused_quickly(one_pack, _rel(one_pack, pack), line_of(pack, "huge:"))
    assert LIMIT.search(found), found


def test_a_variable_used_hundreds_of_times_stops_at_the_line_past_the_limit(
        one_pack: Path) -> None:
    _with_variable(one_pack, "x" * 9_000)
    path = add_module(one_pack, "## Slide\n\n" + "{{ huge }}\n\n" * 900)
    started = time.perf_counter()
    done = build(one_pack, only=None, timeout=QUICK)
    assert time.perf_counter() - started < FAST * 2
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = error_lines(done.stdout + done.stderr)
    first_use = line_of(path, "{{ huge }}")
    match = re.match(rf"^{re.escape(_rel(one_pack, path))}:(\d+): error: ", line)
    assert match and first_use < int(match[1]) < first_use + 2 * 900, line
    assert LIMIT.search(line), line
    assert not (one_pack / "build" / first_pack(one_pack)).exists()


# --- text files --------------------------------------------------------------------------


def test_a_gigabyte_module_file_is_refused_from_its_size(one_pack: Path) -> None:
    path = one_pack / "content" / "modules" / "hostile.md"
    sparse(path, b"---\ntitle: Huge\nduration: 5\n---\n\n## Slide\n\n")
    data = pack_data(one_pack)
    data["modules"] = [*data["modules"], "hostile"]
    write_pack(one_pack, data)
    found = refused_quickly(one_pack, _rel(one_pack, path), None)
    assert LIMIT.search(found), found


def test_a_gigabyte_pack_file_is_refused_from_its_size(one_pack: Path) -> None:
    pack = pack_file(one_pack)
    sparse(pack, pack.read_bytes() + b"\n# padding\n")
    assert pack.stat().st_blocks * 512 < 1 << 20  # sparse: nothing that large was written
    found = refused_quickly(one_pack, _rel(one_pack, pack), None)
    assert LIMIT.search(found), found


# --- pictures ----------------------------------------------------------------------------


def test_a_gigabyte_picture_in_a_module_is_refused_from_its_size(one_pack: Path) -> None:
    gigabyte_png(one_pack)
    path = add_module(one_pack, "## Slide\n\n![A big picture](../images/gigabyte.png)\n")
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "gigabyte.png"),
                            only=None)
    assert "gigabyte.png" in found and LIMIT.search(found), found


def test_a_400_megapixel_picture_in_a_module_is_refused_from_its_header(one_pack: Path) -> None:
    huge_png(one_pack)
    path = add_module(one_pack, "## Slide\n\n![A huge picture](../images/huge.png)\n")
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "huge.png"), only=None)
    assert "huge.png" in found and LIMIT.search(found), found


def test_a_400_megapixel_easy_read_picture_is_refused_from_its_header(one_pack: Path) -> None:
    huge_png(one_pack)
    body = ("## Slide\n\nText.\n\n::: easy-read\n![A huge picture](../images/huge.png)\n"
            "We talk.\n:::\n")
    path = add_module(one_pack, body)
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "huge.png"),
                            only="handout")
    assert LIMIT.search(found), found


def test_a_400_megapixel_theme_logo_is_refused_at_its_line(one_pack: Path) -> None:
    huge_png(one_pack)
    theme = _append(one_pack / "templates" / "theme.yaml",
                    "logo: {src: ../content/images/huge.png, alt: Our logo}\n")
    found = refused_quickly(one_pack, _rel(one_pack, theme), line_of(theme, "logo:"))
    assert LIMIT.search(found), found


def test_a_gigabyte_glossary_picture_is_refused_at_its_line(one_pack: Path) -> None:
    gigabyte_png(one_pack)
    glossary = _append(one_pack / "content" / "glossary.yaml",
                       "- term: picture\n  explanation: A drawing.\n"
                       "  picture: {src: images/gigabyte.png, alt: A drawing}\n")
    found = refused_quickly(one_pack, _rel(one_pack, glossary), line_of(glossary, "gigabyte"))
    assert LIMIT.search(found), found


def test_a_400_megapixel_cover_is_refused_at_its_line(one_pack: Path) -> None:
    huge_png(one_pack)
    data = pack_data(one_pack)
    data["cover"] = {"src": "../images/huge.png", "alt": "A cover"}
    write_pack(one_pack, data)
    pack = pack_file(one_pack)
    found = refused_quickly(one_pack, _rel(one_pack, pack), line_of(pack, "huge.png"))
    assert LIMIT.search(found), found


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["x%00.png", "a" * 5000 + ".png", "a%0Ab.png"])
def test_a_picture_name_no_file_can_have_is_one_line_at_its_line(one_pack: Path,
                                                                 name: str) -> None:
    path = add_module(one_pack, f"## Slide\n\n![A picture]({name})\n")
    found = refused_quickly(one_pack, _rel(one_pack, path), line_of(path, "![A picture]"))
    assert found.endswith("[PG114]") and len(found) < 400, found


@pytest.mark.parametrize("name", ['"x\\0.png"', "a" * 5000 + ".png"])
def test_a_logo_name_no_file_can_have_is_one_line_at_its_line(one_pack: Path, name: str) -> None:
    theme = _append(one_pack / "templates" / "theme.yaml",
                    f"logo: {{src: {name}, alt: Our logo}}\n")
    found = refused_quickly(one_pack, _rel(one_pack, theme), line_of(theme, "logo:"))
    assert found.endswith("[PG114]"), found


@pytest.mark.parametrize("name", ['"x\\0.pptx"', "a" * 5000 + ".pptx"])
def test_a_template_name_no_file_can_have_is_one_line_at_its_line(one_pack: Path,
                                                                  name: str) -> None:
    pack = _append(pack_file(one_pack), f"template: {name}\n")
    found = refused_quickly(one_pack, _rel(one_pack, pack), line_of(pack, "template:"))
    assert found.endswith("[PG400]") and "file name" in found, found
