"""Read ``packgen.toml``: every table and key checked, each problem at the line of its key."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from packgen import errors
from packgen.errors import Diagnostic
from packgen.load.fields import UNKNOWN_KEY, unknown_key
from packgen.model import Config
from packgen.model.project import THRESHOLDS, WHOLE_THRESHOLDS
from packgen.wording import closest

PATH = "packgen.toml"
TABLES = ("rules", "easy-read", "silence", "markdown")
EASY_READ_KEYS = ("allow",)
MARKDOWN_KEYS = ("implicit_figures", "smart")
WRONG_TYPE = "PG026"
"""A setting of the wrong type or out of range."""
NOT_A_CODE = "PG028"
"""A ``[silence]`` key that is not a known rule code."""

_CODE = re.compile(r"^PG\d{3}$")
_TABLE = re.compile(r"^\s*\[\s*\"?([^\]\"]+)\"?\s*\]\s*(#.*)?$")


def read_config(data: Mapping[str, object], text: str, sink: list[Diagnostic],
                codes: Collection[str] | None = None) -> Config:
    """Return the settings in parsed ``packgen.toml`` data; add its problems to ``sink``.

    Unknown tables and keys are PG025 with the closest name; a value of the wrong type is
    PG026; a ``[silence]`` key that is not a rule code is PG028. ``codes`` is the set of
    every known rule code: given, a ``[silence]`` code outside it is reported too; None
    checks the ``PGnnn`` shape only.
    """
    check = _Check(text, sink)
    for key in data:
        if key not in TABLES:
            close = closest(key, TABLES)
            hint = f"; did you mean [{close}]?" if close else ""
            check.fail(f"unknown table [{key}]{hint} (expected one of: "
                       f"{', '.join(sorted(TABLES))})", key, None, UNKNOWN_KEY)
    tables = {name: check.table(data, name) for name in TABLES}
    thresholds = _thresholds(check, tables["rules"])
    allow = _allow(check, tables["easy-read"])
    silence = _silence(check, tables["silence"], codes)
    markdown = _markdown(check, tables["markdown"])
    return Config(MappingProxyType(thresholds), frozenset(w.lower() for w in allow),
                  MappingProxyType(silence), markdown["implicit_figures"], markdown["smart"])


def unknown_codes(silenced: Collection[str], text: str,
                  codes: Collection[str]) -> list[Diagnostic]:
    """Return PG028 for each silenced code that is shaped like one but is not in ``codes``."""
    found: list[Diagnostic] = []
    for code in silenced:
        if _CODE.match(code) and code not in codes:
            close = closest(code, codes)
            hint = f"; did you mean {close}?" if close else ""
            found.append(errors.error(f"[silence] names '{code}', which is no rule code{hint} "
                                      "(`packgen rules` lists them)", PATH,
                                      toml_line(text, code, "silence"), NOT_A_CODE))
    return found


def toml_line(text: str, key: str, table: str | None) -> int | None:
    """Return the line of ``key = ...`` inside ``[table]`` (a table's header when ``table`` is
    None), by scanning the text: tomllib gives no lines."""
    current: str | None = None
    pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=')
    for number, line in enumerate(text.split("\n"), start=1):
        header = _TABLE.match(line)
        if header:
            current = header[1].strip()
            if table is None and current == key:
                return number
        elif table is not None and current == table and pattern.match(line):
            return number
    return None


@dataclass
class _Check:
    """The check of one ``packgen.toml``: its text, for lines, and where problems go."""

    text: str
    sink: list[Diagnostic] = field(default_factory=list)

    def fail(self, message: str, key: str, table: str | None, code: str) -> None:
        """Record an error at the line of ``key`` in ``table`` (a table header when None)."""
        self.sink.append(errors.error(message, PATH, toml_line(self.text, key, table), code))

    def table(self, data: Mapping[str, object], name: str) -> Mapping[str, object]:
        """Return the table ``name`` (empty when absent or not a table)."""
        value = data.get(name, {})
        if not isinstance(value, dict):
            self.fail(f"'{name}' must be a table ([{name}]); found {value!r}", name, None,
                      WRONG_TYPE)
            return {}
        return value

    def strings(self, value: object, key: str, table: str) -> tuple[str, ...]:
        """Return a list of text (one text is a list of one), or report it."""
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"'{key}' in [{table}] must be a list of text; found {value!r}", key,
                      table, WRONG_TYPE)
            return ()
        return tuple(value)


def _thresholds(check: _Check, table: Mapping[str, object]) -> dict[str, float]:
    found: dict[str, float] = {}
    for key, value in table.items():
        if key not in THRESHOLDS:
            check.fail(unknown_key(key, THRESHOLDS, within="[rules]"), key, "rules", UNKNOWN_KEY)
        elif (problem := _threshold_problem(key, value)):
            check.fail(f"rule threshold '{key}' must be {problem}; found {value!r}", key,
                       "rules", WRONG_TYPE)
        else:
            found[key] = float(value)  # type: ignore[arg-type]
    return found


def _threshold_problem(key: str, value: object) -> str:
    """Return what a threshold must be when ``value`` is not that, else ''."""
    if key in WHOLE_THRESHOLDS:
        whole = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return "" if whole else "a whole number above 0"
    number = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
    return "" if number else "a number above 0"


def _allow(check: _Check, table: Mapping[str, object]) -> tuple[str, ...]:
    for key in table:
        if key not in EASY_READ_KEYS:
            check.fail(unknown_key(key, EASY_READ_KEYS, within="[easy-read]"), key, "easy-read",
                       UNKNOWN_KEY)
    return check.strings(table.get("allow", []), "allow", "easy-read")


def _markdown(check: _Check, table: Mapping[str, object]) -> dict[str, bool]:
    """Return each ``[markdown]`` switch (``implicit_figures``, ``smart``): Pandoc's
    default, true, when absent or not true or false."""
    for key in table:
        if key not in MARKDOWN_KEYS:
            check.fail(unknown_key(key, MARKDOWN_KEYS, within="[markdown]"), key, "markdown",
                       UNKNOWN_KEY)
    return {key: _switch(check, table, key) for key in MARKDOWN_KEYS}


def _switch(check: _Check, table: Mapping[str, object], key: str) -> bool:
    value = table.get(key, True)
    if not isinstance(value, bool):
        check.fail(f"'{key}' in [markdown] must be true or false; found {value!r}",
                   key, "markdown", WRONG_TYPE)
        return True
    return value


def _silence(check: _Check, table: Mapping[str, object],
             codes: Collection[str] | None) -> dict[str, tuple[str, ...]]:
    silence: dict[str, tuple[str, ...]] = {}
    for code, where in table.items():
        if not _CODE.match(code):
            check.fail(f"[silence] key '{code}' is not a rule code like PG301", code, "silence",
                       NOT_A_CODE)
        silence[code] = check.strings(where, code, "silence")
    if codes is not None:
        check.sink.extend(unknown_codes(list(silence), check.text, codes))
    return silence

