"""Broken projects, one thing broken in each: every case breaks the first standard-style
pack or a module it uses (a few break a file every pack reads) and returns the path and line
the one error must name."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hostile_support import add_module, line_of, pack_data, pack_file, use_module, write_pack
from where import REPO

from packgen.paths import packaged_templates

PACKAGED_PPTX = packaged_templates() / "deck.pptx"

Case = Callable[[Path], tuple[str, "int | None"]]


def invalid_yaml(root: Path) -> tuple[str, int | None]:
    """Break the pack file's YAML (an unclosed list)."""
    pack = pack_file(root)
    lines = pack.read_text(encoding="utf-8").splitlines()
    pack.write_text("\n".join([*lines, "venue: [Room 2", "slot: 90"]) + "\n", encoding="utf-8")
    return relative(root, pack), None


def _yaml_alias_bomb(root: Path) -> tuple[str, int | None]:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    data = {k: v for k, v in pack_data(root).items() if k != "variables"}
    text = yaml.safe_dump(data, sort_keys=False) + "variables:\n" + "".join(
        f"  {ln}\n" for ln in bomb)
    pack_file(root).write_text(text, encoding="utf-8")
    return relative(root, pack_file(root)), None


def _unknown_module(root: Path) -> tuple[str, int | None]:
    use_module(root, "no-such-module")
    return relative(root, pack_file(root)), None


def _unknown_pack_key(root: Path) -> tuple[str, int | None]:
    pack = pack_file(root)
    pack.write_text(pack.read_text(encoding="utf-8") + "venu: Typo Hall\n", encoding="utf-8")
    return relative(root, pack), line_of(pack, "venu: Typo")


def _unknown_audience(root: Path) -> tuple[str, int | None]:
    if not (root / "content" / "audiences.yaml").exists():
        pytest.skip("fixture has no audiences.yaml: any audience id is accepted")
    data = pack_data(root)
    data["audience"] = "martians"
    write_pack(root, data)
    return relative(root, pack_file(root)), line_of(pack_file(root), "martians")


def _pack_field(key: str, value: object, needle: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        data = pack_data(root)
        data[key] = value
        write_pack(root, data)
        return relative(root, pack_file(root)), line_of(pack_file(root), needle)
    return case


def _non_utf8_module(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "## Slide\n\nText\n")
    path.write_bytes(path.read_bytes().replace(b"Text", b"Caf\xe9 \xff\xfe"))
    return relative(root, path), None


def _empty_module(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "")
    path.write_bytes(b"")
    return relative(root, path), None


def _module_without_slides(root: Path) -> tuple[str, int | None]:
    return relative(root, add_module(root, "")), None


def _duplicate_module_id(root: Path) -> tuple[str, int | None]:
    add_module(root, "## One\n\nText\n", front="title: A\nduration: 5\nid: twin\n", name="twin-a")
    path = add_module(root, "## Two\n\nText\n", front="title: B\nduration: 5\nid: twin\n",
                       name="twin-b")
    data = pack_data(root)
    data["modules"] = [m for m in data["modules"] if m not in ("twin-a", "twin-b")] + ["twin"]
    write_pack(root, data)
    return relative(root, path), None


def _enormous_file(root: Path) -> tuple[str, int | None]:
    para = "Power comes from money and influence. " * 20 + "\n\n"
    body = "".join(f"## Slide {i}\n\n{para * 5}" for i in range(12000))
    return relative(root, add_module(root, body)), None


def _enormous_line(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "## Slide\n\n" + "word " * 100_000 + "\n")
    return relative(root, path), line_of(path, "word word")


def _deep_quotes(root: Path) -> tuple[str, int | None]:
    path = add_module(root, "## Deep\n\n" + ">" * 500 + " too deep\n")
    return relative(root, path), None


def _deep_lists(root: Path) -> tuple[str, int | None]:
    body = "## Deep\n\n" + "".join("  " * i + "- level\n" for i in range(500))
    return relative(root, add_module(root, body)), None


def _deep_divs(root: Path) -> tuple[str, int | None]:
    opens = "".join(":" * (503 - i) + ' {audience="staff"}\n' for i in range(500))
    closes = "".join(":" * (4 + i) + "\n" for i in range(500))
    return relative(root, add_module(root, "## Deep\n\n" + opens + "text\n" + closes)), None


def template(root: Path, data: bytes) -> tuple[str, int | None]:
    """Make ``data`` the project's deck template, used by every pack."""
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "deck.pptx").write_bytes(data)
    data_ = pack_data(root)
    data_.pop("template", None)
    write_pack(root, data_)
    return "templates/deck.pptx", None


def _corrupt_template(root: Path) -> tuple[str, int | None]:
    return template(root, bytes((i * 7919) % 256 for i in range(50_000)))


def _non_pptx_zip(root: Path) -> tuple[str, int | None]:
    tmp = root / "x.zip"
    with zipfile.ZipFile(tmp, "w") as archive:
        archive.writestr("readme.txt", "not a presentation")
    data = tmp.read_bytes()
    tmp.unlink()
    return template(root, data)


def _image_not_an_image(root: Path) -> tuple[str, int | None]:
    (root / "content" / "images").mkdir(parents=True, exist_ok=True)
    (root / "content" / "images" / "fake.png").write_text("I am text, not a picture\n")
    path = add_module(root, "## Picture\n\n![A meeting](../images/fake.png)\n")
    return relative(root, path), line_of(path, "fake.png")


def _image(src: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        path = add_module(root, f"## Picture\n\nText\n\n![A meeting]({src})\n")
        return relative(root, path), line_of(path, "![A meeting]")
    return case


def _image_symlink_out(root: Path) -> tuple[str, int | None]:
    outside = root.parent / "outside.png"
    shutil.copy(_any_png(), outside)
    (root / "content" / "images").mkdir(parents=True, exist_ok=True)
    (root / "content" / "images" / "link.png").symlink_to(outside)
    return _image("../images/link.png")(root)


def _image_escape(root: Path) -> tuple[str, int | None]:
    shutil.copy(_any_png(), root.parent / "outside.png")
    return _image("../../../outside.png")(root)


def _jinja(source: str) -> Case:
    def case(root: Path) -> tuple[str, int | None]:
        path = add_module(root, f"## Slide\n\nBefore\n\nHello {source} there\n")
        return relative(root, path), line_of(path, "Hello ")
    return case


def _any_png() -> Path:
    return min((REPO / "content" / "images").glob("*.png"))


def relative(root: Path, path: Path) -> str:
    """Return ``path`` as findings name it, from the project root."""
    return path.relative_to(root).as_posix()


CASES: dict[str, Case] = {
    "invalid-yaml": invalid_yaml,
    "yaml-alias-bomb": _yaml_alias_bomb,
    "unknown-module": _unknown_module,
    "unknown-pack-key": _unknown_pack_key,
    "unknown-audience": _unknown_audience,
    "template-escape": _pack_field("template", "../../outside.pptx", "template:"),
    "template-absolute": _pack_field("template", "/etc/hostname", "template:"),
    "cover-escape": _pack_field("cover", {"src": "../../../outside.png", "alt": "Outside"},
                                "outside.png"),
    "non-utf8-module": _non_utf8_module,
    "empty-module-file": _empty_module,
    "module-without-slides": _module_without_slides,
    "duplicate-module-id": _duplicate_module_id,
    "enormous-file": _enormous_file,
    "enormous-line": _enormous_line,
    "deep-quotes": _deep_quotes,
    "deep-lists": _deep_lists,
    "deep-divs": _deep_divs,
    "corrupt-template": _corrupt_template,
    "non-pptx-zip-template": _non_pptx_zip,
    "image-not-an-image": _image_not_an_image,
    "image-absolute": _image("/etc/hostname"),
    "image-escape": _image_escape,
    "image-symlink-out": _image_symlink_out,
    "image-file-url": _image("file:///etc/hostname"),
    "image-missing": _image("../images/no-such-picture.png"),
    "jinja-internals": _jinja("{{ ''.__class__ }}"),
    "jinja-expression": _jinja('{{ "a" * 10**9 }}'),
    "undefined-variable": _jinja("{{ no_such_variable }}"),
}


SHARED = frozenset({"corrupt-template", "non-pptx-zip-template"})
"""The cases that break a file every pack reads: no pack is built."""
