"""Findings as GitHub Actions workflow commands, which the runner shows as annotations."""

from __future__ import annotations

from packgen.errors import Diagnostic
from packgen.report.document import Report, is_file, text_of

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report) -> str:
    """Return one ``::error file=…,line=…,title=…::message`` command per finding."""
    return "\n".join(_command(d, report) for d in report.findings)


def _command(d: Diagnostic, report: Report) -> str:
    props = []
    if is_file(d.path):
        props.append(f"file={_property(d.path or '')}")
        if d.line:
            props.append(f"line={d.line}")
    name = report.rules.get(d.code, ("", ""))[0]
    props.append(f"title={_property(f'{d.code} {name}'.strip())}")
    message = _data(text_of(d))
    return f"::{LEVELS[d.severity.value]} {','.join(props)}::{message}"


def _data(value: str) -> str:
    """Return a workflow command's message escaped as GitHub documents it."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Return a workflow command's property value escaped as GitHub documents it."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")
