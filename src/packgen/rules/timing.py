"""Timing rules (PG3xx): described here, reported by ``tailor.timetable``.

The timetable is computed once, while tailoring, and its findings travel with it; running the
same comparison again here would report each finding twice.
"""

from __future__ import annotations

from packgen.rules.base import INFO, WARNING, described

RULES = described("packgen.tailor.timetable", [
    ("PG301", WARNING, ("the modules and breaks fit in the pack's slot (running over is a "
                       "warning)")),
    ("PG302", WARNING, ("a break at a fixed clock time that falls inside a module is moved to the "
                       "module's end, and says so")),
    ("PG303", INFO, "more than 15 % of the slot left spare is worth knowing (info)"),
    ("PG304", WARNING, "a session whose modules and breaks run past midnight"),
])
"""The timing rules, in code order."""
