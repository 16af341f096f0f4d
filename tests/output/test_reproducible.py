"""Same inputs, same bytes: build timestamps and zip normalisation."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import pytest

from packgen.errors import PackgenError
from packgen.output.reproducible import build_time, normalise_zip, sha256_file

UTC = dt.timezone.utc
MEMBERS = {"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>" * 50,
           "docProps/core.xml": b"<core/>"}


def _write_zip(path: Path, stamp: tuple[int, ...], order: list[str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order or list(MEMBERS):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o600 << 16
            info.comment = b"made by hand"
            archive.writestr(info, MEMBERS[name], compress_type=zipfile.ZIP_STORED)
    return path


def test_build_time_is_the_pack_date_when_no_epoch_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_time(dt.date(2026, 3, 3)) == dt.datetime(2026, 3, 3, tzinfo=UTC)


def test_build_time_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time(dt.date(2026, 3, 3)) == dt.datetime.fromtimestamp(1700000000, UTC)


def test_build_time_ignores_the_local_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamps = set()
    for zone in ("UTC", "Pacific/Auckland", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        stamps.add(build_time(dt.date(2026, 3, 3)).isoformat())
    monkeypatch.delenv("TZ")
    time.tzset()
    assert stamps == {"2023-11-14T22:13:20+00:00"}


@pytest.mark.parametrize("raw", ["yesterday", "1.5", "99999999999999999999999"])
def test_build_time_rejects_a_bad_epoch_clearly(monkeypatch: pytest.MonkeyPatch,
                                                raw: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", raw)
    with pytest.raises(PackgenError, match="SOURCE_DATE_EPOCH"):
        build_time(dt.date(2026, 3, 3))


def test_normalise_zip_makes_differently_stamped_zips_identical(tmp_path: Path) -> None:
    one = _write_zip(tmp_path / "one.pptx", (2020, 1, 2, 3, 4, 6))
    two = _write_zip(tmp_path / "two.pptx", (2024, 6, 7, 8, 9, 10))
    when = dt.datetime(2026, 3, 3, 10, 0, 0, tzinfo=UTC)
    normalise_zip(one, when)
    normalise_zip(two, when)
    assert one.read_bytes() == two.read_bytes()


def test_normalise_zip_stamps_every_member_with_the_build_time(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "deck.pptx", (2020, 1, 2, 3, 4, 6))
    normalise_zip(path, dt.datetime.fromtimestamp(1700000000, UTC))
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
        assert [i.filename for i in infos] == list(MEMBERS)
        assert all(archive.read(i.filename) == MEMBERS[i.filename] for i in infos)
        assert {i.external_attr >> 16 for i in infos} == {0o644}
        assert all(i.comment == b"" for i in infos)


def test_normalise_zip_clamps_times_before_1980(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "deck.pptx", (2020, 1, 2, 3, 4, 6))
    normalise_zip(path, dt.datetime(1970, 1, 1, tzinfo=UTC))
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_normalise_zip_clamps_times_after_2107(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "deck.pptx", (2020, 1, 2, 3, 4, 6))
    normalise_zip(path, dt.datetime(2128, 1, 1, tzinfo=UTC))
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time[0] for i in archive.infolist()} == {2107}


def test_normalise_zip_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "deck.pptx", (2020, 1, 2, 3, 4, 6))
    normalise_zip(path, dt.datetime(2026, 3, 3, tzinfo=UTC))
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * (3 << 20))
    assert sha256_file(path) == hashlib.sha256(b"x" * (3 << 20)).hexdigest()
