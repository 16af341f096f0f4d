"""Timing rules (PG3xx): described here, reported by ``tailor.timetable``.

The timetable is computed once, while tailoring, and its findings travel with it; running the
same comparison again here would report each finding twice.
"""

from __future__ import annotations

from packgen.rules.base import described

RULES = described("packgen.tailor.timetable", ["PG301", "PG302", "PG303", "PG304"])
"""The timing rules, in code order."""
