"""Fixtures of the hostile-project suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import Loopback, Secret, loopback_server, plant_secret
from reliability_support import only_pack, standard_pack


@pytest.fixture
def one_pack(project: Path) -> Path:
    """Return the fixture project with only its standard-style pack left."""
    only_pack(project, standard_pack(project))
    return project


@pytest.fixture
def secret(tmp_path: Path) -> Secret:
    """Return a token planted in a file outside the project."""
    return plant_secret(tmp_path)


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    """Return a server on 127.0.0.1 that must receive no request."""
    with loopback_server() as server:
        yield server
