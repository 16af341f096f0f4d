"""Templates and pictures are checked before any library opens them."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pptx
import pytest
from PIL import Image

from packgen.errors import PackgenError
from packgen.paths import packaged_templates
from packgen.safety import (
    MAX_IMAGE_PIXELS,
    MAX_MEMBER_BYTES,
    MAX_PICTURE_BYTES,
    check_docx_file,
    check_image_file,
    check_picture_bounds,
    check_pptx_file,
    check_svg_file,
    link_allowed,
    parse_xml,
)

DEFAULT_PPTX = Path(pptx.__file__).parent / "templates" / "default.pptx"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _message(exc: pytest.ExceptionInfo[PackgenError]) -> str:
    (diag,) = exc.value.diagnostics
    return str(diag)


def test_check_pptx_accepts_a_real_presentation() -> None:
    check_pptx_file(DEFAULT_PPTX, "templates/deck.pptx")


def test_check_pptx_refuses_random_bytes(tmp_path: Path) -> None:
    bad = tmp_path / "deck.pptx"
    bad.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(PackgenError) as exc:
        check_pptx_file(bad, "templates/deck.pptx")
    assert _message(exc).startswith("templates/deck.pptx: error: not a PowerPoint template")


def test_check_pptx_refuses_a_zip_that_is_not_a_presentation(tmp_path: Path) -> None:
    bad = _zip(tmp_path / "deck.pptx", {"hello.txt": b"hi"})
    with pytest.raises(PackgenError) as exc:
        check_pptx_file(bad, "templates/deck.pptx")
    assert "[Content_Types].xml" in _message(exc)


def test_check_pptx_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PackgenError, match="not found"):
        check_pptx_file(tmp_path / "nope.pptx", "templates/nope.pptx")


def test_check_pptx_refuses_a_zip_bomb_without_inflating_it(zip_bomb: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(PackgenError) as exc:
        check_pptx_file(zip_bomb, "templates/deck.pptx")
    assert time.perf_counter() - started < 1.0
    assert "zip bomb" in _message(exc)


def test_check_pptx_refuses_one_member_with_a_bomb_ratio(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "deck.pptx", {
        "[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>",
        "ppt/media/zeros.bin": bytes(20 * 1024 * 1024),
    })
    with pytest.raises(PackgenError, match="ppt/media/zeros.bin"):
        check_pptx_file(bomb, "templates/deck.pptx")


def test_check_image_accepts_a_png(tmp_path: Path) -> None:
    png = tmp_path / "ok.png"
    Image.new("RGB", (8, 8), "white").save(png)
    check_image_file(png, "content/modules/a.md", 3)


def test_check_image_refuses_text_named_png(tmp_path: Path) -> None:
    fake = tmp_path / "x.png"
    fake.write_text("not a picture at all\n")
    with pytest.raises(PackgenError) as exc:
        check_image_file(fake, "content/modules/a.md", 7)
    assert _message(exc).startswith("content/modules/a.md:7: error: 'x.png' is not a picture")


def test_check_image_refuses_a_truncated_png(tmp_path: Path) -> None:
    png = tmp_path / "cut.png"
    Image.new("RGB", (64, 64), "red").save(png)
    png.write_bytes(png.read_bytes()[:60])
    with pytest.raises(PackgenError, match="cut.png"):
        check_image_file(png, "content/modules/a.md", 2)


def test_check_image_refuses_an_unsupported_format(tmp_path: Path) -> None:
    ico = tmp_path / "x.ico"
    Image.new("RGB", (16, 16), "red").save(ico)
    with pytest.raises(PackgenError, match="ICO"):
        check_image_file(ico, "content/modules/a.md", 2)


def _code(exc: pytest.ExceptionInfo[PackgenError]) -> str | None:
    (diag,) = exc.value.diagnostics
    return diag.code


def test_a_fake_picture_is_pg002(tmp_path: Path) -> None:
    fake = tmp_path / "x.png"
    fake.write_text("not a picture at all\n")
    with pytest.raises(PackgenError) as exc:
        check_image_file(fake, "content/modules/a.md", 7)
    assert _code(exc) == "PG002"


def test_a_picture_over_the_byte_limit_is_refused_from_its_size_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.png"
    Image.new("RGB", (8, 8), "white").save(big)
    with big.open("r+b") as handle:
        handle.truncate(MAX_PICTURE_BYTES + 1)
    monkeypatch.setattr(Image, "open", _never_opened)
    with pytest.raises(PackgenError) as exc:
        check_picture_bounds(big, "content/modules/a.md", 4)
    assert _message(exc) == (f"content/modules/a.md:4: error: 'big.png' ({MAX_PICTURE_BYTES + 1:,}"
                             " bytes) is larger than packgen's limit of 20 MB [PG024]")


@pytest.mark.parametrize("size", [(20_000, 20_000), (7_000, 6_000)])
def test_a_picture_over_the_pixel_limit_is_refused_from_its_header(tmp_path: Path,
                                                                   size: tuple[int, int]) -> None:
    big = tmp_path / "wide.png"
    Image.new("1", size).save(big)
    started = time.perf_counter()
    with pytest.raises(PackgenError) as exc:
        check_image_file(big, "templates/theme.yaml", 3)
    assert time.perf_counter() - started < 1.0
    assert _message(exc) == ("templates/theme.yaml:3: error: 'wide.png' is larger than packgen's "
                             "limit of 40 megapixels [PG024]")


def test_a_picture_at_the_pixel_limit_is_accepted(tmp_path: Path) -> None:
    edge = tmp_path / "edge.png"
    Image.new("1", (8_000, MAX_IMAGE_PIXELS // 8_000)).save(edge)
    check_image_file(edge, "content/modules/a.md", 1)


def test_bounds_leave_a_fake_picture_to_the_full_check(tmp_path: Path) -> None:
    fake = tmp_path / "x.png"
    fake.write_text("not a picture at all\n")
    check_picture_bounds(fake, "content/modules/a.md", 1)


def _never_opened(path: Path, *_args: object, **_kwargs: object) -> None:
    raise AssertionError(f"{path} was opened")


# --- every Office zip: member sizes, names, DOCTYPEs -------------------------------------


def _office(path: Path, extra: dict[str, bytes], base: Path = DEFAULT_PPTX) -> Path:
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, extra.pop(item.filename, src.read(item)))
        for name, data in extra.items():
            dst.writestr(name, data)
    return path


def test_a_member_larger_than_the_bound_is_refused_whatever_its_ratio(tmp_path: Path) -> None:
    big = bytes(range(256)) * (MAX_MEMBER_BYTES // 256 + 1)
    path = _office(tmp_path / "deck.pptx", {"ppt/media/big.bin": big})
    with pytest.raises(PackgenError) as exc:
        check_pptx_file(path, "templates/deck.pptx")
    assert "'ppt/media/big.bin'" in _message(exc) and _message(exc).endswith("[PG002]")


@pytest.mark.parametrize(("name", "problem"), [
    ("../x.xml", "climbs out of the zip"), ("ppt/../../x.xml", "climbs out of the zip"),
    ("/abs.xml", "has an absolute path"), ("C:/abs.xml", "has an absolute path"),
    ("ppt\\..\\..\\x.xml", "climbs out of the zip"), ("PPT/presentation.xml", "appears twice"),
])
def test_member_names_that_escape_or_repeat_are_refused(tmp_path: Path, name: str,
                                                        problem: str) -> None:
    path = _office(tmp_path / "deck.pptx", {name: b"<x/>"})
    with pytest.raises(PackgenError) as exc:
        check_pptx_file(path, "templates/deck.pptx")
    assert f"'{name}' {problem}" in _message(exc)


@pytest.mark.parametrize("prolog", [
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "boom">]>',
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE x [<!ENTITY e "b">]>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x []>'.encode("utf-16"),
])
def test_a_doctype_in_any_xml_part_is_refused(tmp_path: Path, prolog: bytes) -> None:
    body = "<x/>".encode("utf-16")[2:] if prolog.startswith(b"\xff\xfe") else b"<x/>"
    path = _office(tmp_path / "deck.pptx", {"ppt/custom/item.bin": prolog + body})
    with pytest.raises(PackgenError) as exc:
        check_pptx_file(path, "templates/deck.pptx")
    assert _message(exc) == ("templates/deck.pptx: error: ppt/custom/item.bin declares a "
                             "DOCTYPE (entities are not allowed in templates) [PG002]")


def test_check_docx_accepts_packgens_reference_and_refuses_a_deck(tmp_path: Path) -> None:
    check_docx_file(packaged_templates() / "reference.docx", "packgen:reference.docx")
    with pytest.raises(PackgenError, match="word/document.xml"):
        check_docx_file(DEFAULT_PPTX, "templates/reference.docx")


def test_parse_xml_never_expands_entities() -> None:
    root = parse_xml(b'<!DOCTYPE x [<!ENTITY e "expanded">]><x>&e;</x>')
    assert "expanded" not in (root.text or "")


@pytest.mark.parametrize(("target", "allowed"), [
    ("https://example.org", True), ("HTTP://example.org", True), ("mailto:a@b.org", True),
    ("file:///etc/passwd", False), ("\\\\host\\share", False), ("ms-msdt:/id", False),
    ("javascript:x", False), (" https://x", True), ("httpx://x", False), ("#top", False),
])
def test_link_allowed_only_for_web_and_mail(target: str, allowed: bool) -> None:
    assert link_allowed(target) is allowed
@pytest.mark.parametrize("body", [
    '<image href="https://example.org/x.png"/>', '<image xlink:href="../../secret.png"/>',
    '<rect style="fill: url(http://example.org/p.svg#p)"/>', "<style>@import 'x.css';</style>",
])
def test_an_svg_referring_outside_itself_is_refused(tmp_path: Path, body: str) -> None:
    path = tmp_path / "map.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>', encoding="utf-8")
    with pytest.raises(PackgenError) as caught:
        check_svg_file(path, "content/modules/m.md", 7)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == (
        "content/modules/m.md", 7, "PG021")


def test_an_svg_holding_everything_it_shows_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "map.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/>'
                    '</defs><rect fill="url(#g)"/><use href="#g"/>'
                    '<image href="data:image/png;base64,AAAA"/></svg>', encoding="utf-8")
    check_svg_file(path, "content/modules/m.md", 7)
