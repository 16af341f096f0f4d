"""Unknown module ids, audiences and variables name the closest known one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from project_support import MODULE, PACK, findings, make

from packgen.errors import PackgenError
from packgen.load.project import load
from packgen.tailor.pack import tailor

BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def tailoring_errors(root: Path) -> list[str]:
    """Return the error lines tailoring the project's pack ``p`` gives (none: [])."""
    try:
        tailor(load(root).project, "p", BUILT)
    except PackgenError as exc:
        return [str(d) for d in exc.diagnostics]
    return []


def with_text(tmp_path: Path, text: str, pack: str = PACK) -> Path:
    return make(tmp_path, {"content/modules/welcome.md": MODULE + f"\n{text}\n",
                           "content/packs/p.yaml": pack})


def test_an_unknown_module_in_a_pack_names_the_closest(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/packs/p.yaml": PACK.replace("[welcome]", "[welcom]")})
    assert findings(root) == [
        ("content/packs/p.yaml:9: error: unknown module 'welcom'; did you mean 'welcome'? "
        "(known modules: welcome) [PG111]")]


@pytest.mark.parametrize("where", ["pack", "module", "div"])
def test_an_unknown_audience_anywhere_names_the_closest(tmp_path: Path, where: str) -> None:
    if where == "pack":
        found = findings(make(tmp_path, {"content/packs/p.yaml":
                                         PACK.replace("audience: staff", "audience: staf")}))
    elif where == "module":
        module = MODULE.replace("duration: 10", "duration: 10\naudiences: [staf]")
        found = tailoring_errors(make(tmp_path, {"content/modules/welcome.md": module}))
    else:
        found = tailoring_errors(with_text(tmp_path, '::: {audience="staf"}\nHi\n:::'))
    assert len(found) == 1, found
    assert "unknown audience 'staf'; did you mean 'staff'? (expected one of: mixed, " \
        "self-advocates, staff) [PG112]" in found[0]


@pytest.mark.parametrize(("written", "meant"), [("organsation", "organisation"),
                                                ("contact.emial", "contact.email"),
                                                ("model.spacs", "model.spaces")])
def test_an_undefined_variable_names_the_closest(tmp_path: Path, written: str,
                                                 meant: str) -> None:
    pack = PACK + "contact: {name: Sam, email: sam@example.org}\n"
    found = tailoring_errors(with_text(tmp_path, f"{{{{ {written} }}}}", pack))
    assert found == [(f"content/modules/welcome.md:10: error: undefined variable '{written}'; "
                     f"did you mean '{meant}'? [PG110]")]


def test_contact_details_fill_in_as_the_docs_promise(tmp_path: Path) -> None:
    pack = PACK + "contact: {name: Sam, email: sam@example.org}\n"
    root = with_text(tmp_path, "Write to {{ contact.email }}.", pack)
    tp, _ = tailor(load(root).project, "p", BUILT)
    text = "".join(s.text for s in tp.modules[0].slides[0].blocks[-1].text)
    assert text == "Write to sam@example.org."


def test_a_variable_may_not_be_called_contact(tmp_path: Path) -> None:
    found = findings(make(tmp_path, {"content/packs/p.yaml":
                                     PACK + "variables: {contact: me}\n"}))
    assert found == [("content/packs/p.yaml:10: error: variable 'contact' clashes with the pack "
                     "field 'contact': rename it [PG011]")]
