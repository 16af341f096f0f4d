"""A failed file operation is named as the user knows the file, with a reason they can act on."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from packgen.output.failures import os_failure

ROOT = Path("/p")
OUT = ROOT / "build"
STAGING = OUT / ".deck.staging-1-deadbeef"
FINAL = OUT / "deck"


def _failure(code: int, filename: str | None) -> tuple[str | None, str | None, str]:
    exc = OSError(code, os.strerror(code), filename) if filename else OSError(code, "boom")
    (diag,) = os_failure(exc, ROOT, OUT, STAGING, FINAL).diagnostics
    return diag.path, diag.code, diag.message


@pytest.mark.parametrize(("code", "said"), [
    (errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied"),
    (errno.EROFS, "read-only"), (errno.ENAMETOOLONG, "too long"),
    (errno.EFBIG, "file size limit"),
])
def test_a_write_in_staging_is_named_at_its_final_place(code: int, said: str) -> None:
    path, rule, message = _failure(code, str(STAGING / "deck-slides.pptx"))
    assert (path, rule) == ("build/deck/deck-slides.pptx", "PG006")
    assert said in message and "previous outputs kept" in message


def test_the_lock_and_leftovers_are_named_by_the_output_folder() -> None:
    assert _failure(errno.EACCES, str(OUT / ".deck.lock"))[:2] == ("build", "PG006")


def test_a_failure_without_a_file_name_is_a_write_failure_in_the_pack_folder() -> None:
    assert _failure(errno.ENOSPC, None)[:2] == ("build/deck", "PG006")


def test_a_file_outside_the_output_folder_is_a_read_failure() -> None:
    assert _failure(errno.EIO, "/p/content/images/a.png")[:2] == ("content/images/a.png",
                                                                  "PG003")
