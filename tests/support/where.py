"""Where the tests find the repository, its docs and the fixture projects."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository's root folder."""
FIXTURES = REPO / "tests" / "fixtures"
"""Fixture files: a small project, a rules project and Markdown cases."""
