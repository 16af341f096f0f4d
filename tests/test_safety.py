"""Templates and pictures are checked before any library opens them."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pptx
import pytest
from PIL import Image

from packgen.errors import PackgenError
from packgen.safety import check_image_file, check_pptx_file, check_svg_file

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
