"""Templates and pictures are checked before any library opens them."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pptx
import pytest
from PIL import Image

from packgen.errors import PackgenError
from packgen.safety import (
    MAX_IMAGE_PIXELS,
    MAX_PICTURE_BYTES,
    check_image_file,
    check_picture_bounds,
    check_pptx_file,
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
