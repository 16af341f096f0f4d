"""The hostile suite's own instruments catch what they are meant to catch."""

from __future__ import annotations

import io
import urllib.request
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile_support import Loopback, Secret


def test_a_secret_is_found_inside_a_zip_and_a_deflated_stream(tmp_path: Path,
                                                              secret: Secret) -> None:
    out = tmp_path / "out"
    out.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/slides/slide1.xml", f"<a>{secret.token}</a>")
    (out / "deck.pptx").write_bytes(buffer.getvalue())
    with pytest.raises(AssertionError, match="deck.pptx"):
        secret.assert_absent(out)
    (out / "deck.pptx").unlink()
    (out / "guide.pdf").write_bytes(b"1 0 obj\nstream\n" + zlib.compress(secret.token.encode()))
    with pytest.raises(AssertionError, match="guide.pdf"):
        secret.assert_absent(out)


def test_a_clean_folder_passes(tmp_path: Path, secret: Secret) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").write_text("nothing here", encoding="utf-8")
    secret.assert_absent(tmp_path / "out")


def test_the_loopback_server_records_a_request(loopback: Loopback) -> None:
    with urllib.request.urlopen(f"{loopback.url}/probe", timeout=5) as reply:
        assert reply.read() == b"fetched"
    with pytest.raises(AssertionError, match="probe"):
        loopback.assert_untouched()
