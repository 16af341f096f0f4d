"""Check a report in each machine format against its published schema or documented shape."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import jsonschema
from lxml import etree

SCHEMAS = Path(__file__).parents[1] / "fixtures" / "schemas"
GITHUB_COMMAND = re.compile(
    r"^::(error|warning|notice)( (file=[^,:]+(,line=\d+)?(,title=[^,:]+)?|title=[^,:]+))?::"
    r"[^\r\n]*$")
"""A workflow command as GitHub documents it: ``::level file=…,line=…,title=…::message``."""


def findings_of(fmt: str, text: str) -> list[dict[str, object]]:
    """Return each finding of a document in ``fmt`` as path, line, severity and code, after
    checking the document against its schema (a failed check raises)."""
    return _READERS[fmt](text)


def _json(text: str) -> list[dict[str, object]]:
    data = json.loads(text)
    assert isinstance(data, list)
    for d in data:
        assert set(d) == {"path", "line", "severity", "code", "message"}, d
    return [{k: d[k] for k in ("path", "line", "severity", "code")} for d in data]


def _github(text: str) -> list[dict[str, object]]:
    found = []
    for line in text.splitlines():
        assert GITHUB_COMMAND.match(line), line
        level, props, _message = re.match(r"^::(\w+) ?([^:]*)::(.*)$", line).groups()
        fields = dict(p.split("=", 1) for p in props.split(",") if p)
        found.append({"path": fields.get("file"), "line": int(fields["line"]) if "line" in fields
                      else None, "severity": {"notice": "info"}.get(level, level),
                      "code": fields.get("title", "").split(" ")[0] or None})
    return found


def _gitlab(text: str) -> list[dict[str, object]]:
    data = json.loads(text)
    jsonschema.validate(data, _schema("gitlab-codequality.json"))
    prints = [d["fingerprint"] for d in data]
    assert len(prints) == len(set(prints)), "fingerprints must be unique"
    back = {"major": "error", "minor": "warning", "info": "info"}
    return [{"path": d["location"]["path"], "line": d["location"]["lines"]["begin"],
             "severity": back[d["severity"]], "code": d["check_name"]} for d in data]


def _sarif(text: str) -> list[dict[str, object]]:
    data = json.loads(text)
    jsonschema.Draft4Validator(_schema("sarif-schema-2.1.0.json")).validate(data)
    (run,) = data["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    found = []
    for r in run["results"]:
        assert "ruleId" not in r or rules[r["ruleIndex"]] == r["ruleId"]
        place = r.get("locations", [{}])[0].get("physicalLocation", {})
        uri = place.get("artifactLocation", {}).get("uri")
        found.append({"path": unquote(uri) if uri else None,
                      "line": place.get("region", {}).get("startLine"),
                      "severity": {"note": "info"}.get(r["level"], r["level"]),
                      "code": r.get("ruleId")})
    return found


def _junit(text: str) -> list[dict[str, object]]:
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit.xsd")))
    schema.assertValid(root)
    return [{"case": case.get("name"), "failed": case.find("failure") is not None,
             "type": case.find("failure").get("type") if case.find("failure") is not None
             else None, "text": case.findtext("failure") or ""}
            for case in root.iter("testcase")]


@cache
def _schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


_READERS = {"json": _json, "github": _github, "gitlab": _gitlab, "sarif": _sarif,
            "junit": _junit}


MACHINE = ("json", "github", "gitlab", "sarif", "junit")


def assert_in_every_format(args: list[str], path: str, code: str, severity: str,
                           pack: str) -> None:
    """Run ``packgen ARGS`` once per machine format, in process; assert each document is
    valid and holds the one finding (``path``, ``code``, ``severity``) beside the line that
    says a pack was not built, and that JUnit fails a case (``pack``'s, or the project's when
    no pack reads the file) exactly on an error."""
    from click.testing import CliRunner

    from packgen.cli import cli

    for fmt in MACHINE:
        shown = CliRunner().invoke(cli, [*args, "--format", fmt], catch_exceptions=False)
        assert shown.exit_code == (1 if severity == "error" else 0), (fmt, shown.output)
        found = findings_of(fmt, shown.stdout)
        if fmt == "junit":
            failed = [c["case"] for c in found if c["failed"] and path in c["text"]]
            assert bool(failed) == (severity == "error"), (fmt, shown.stdout)
            assert pack in {c["case"] for c in found}
            continue
        mine = [f for f in found if f["code"] == code]
        assert [(f["path"], f["severity"]) for f in mine] == [(path, severity)], (fmt, found)
