"""External relationships of Office files: which are kept, how one is unlinked, PG022."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from packgen.paths import packaged_templates
from packgen.rules.ooxml.links import (
    HYPERLINK,
    R_NS,
    dropped_links,
    dropped_warnings,
    kept,
    unlink,
)

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@pytest.mark.parametrize(("reltype", "target", "keep"), [
    (HYPERLINK, "https://example.org", True), (HYPERLINK, "mailto:a@example.org", True),
    (HYPERLINK, "file:///etc/passwd", False), (HYPERLINK, "\\\\host\\share", False),
    (RT + "image", "https://example.org/logo.png", False),
    (RT + "attachedTemplate", "https://example.org/t.dotm", False),
])
def test_only_web_and_mail_hyperlinks_are_kept(reltype: str, target: str, keep: bool) -> None:
    assert kept(reltype, target) is keep


def test_unlink_removes_the_attribute_and_keeps_the_element() -> None:
    root = etree.fromstring(f'<p:sp xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R_NS}"><p:cNvPr>'
                            '<a:hlinkClick r:id="rId9"/></p:cNvPr><a:blip r:embed="rId2" '
                            'r:link="rId9"/></p:sp>')
    unlink(root, "rId9")
    xml = etree.tostring(root).decode()
    assert "rId9" not in xml and 'r:embed="rId2"' in xml and "hlinkClick" in xml


def test_unlink_removes_an_attached_template_and_a_linked_objects_frame() -> None:
    settings = etree.fromstring(f'<w:settings xmlns:w="{W}" xmlns:r="{R_NS}"><w:zoom/>'
                                '<w:attachedTemplate r:id="rId1"/></w:settings>')
    unlink(settings, "rId1")
    assert [etree.QName(el).localname for el in settings] == ["zoom"]
    tree = etree.fromstring(f'<p:spTree xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R_NS}"><p:sp/>'
                            '<p:graphicFrame><a:graphic><a:graphicData><p:oleObj r:id="rId3"/>'
                            "</a:graphicData></a:graphic></p:graphicFrame></p:spTree>")
    unlink(tree, "rId3")
    assert [etree.QName(el).localname for el in tree] == ["sp"]


def test_dropped_links_names_each_external_relationship_and_its_part(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    rels = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
    with zipfile.ZipFile(packaged_templates() / "deck.pptx") as src, \
            zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == rels:
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdA" Type="{RT}image" Target="file:///x.png" '
                    'TargetMode="External"/>'
                    f'<Relationship Id="rIdB" Type="{HYPERLINK}" Target="https://ok.org" '
                    'TargetMode="External"/></Relationships>').encode())
            dst.writestr(item, data)
    assert [(d.rels_part, d.rel_id, d.target) for d in dropped_links(path)] == [
        (rels, "rIdA", "file:///x.png")]
    (warning,) = dropped_warnings(path, "templates/deck.pptx")
    assert str(warning) == (f"templates/deck.pptx: warning: external link 'file:///x.png' in "
                            f"{rels} dropped: a template may not point outside the file [PG022]")


def test_packgens_own_templates_have_no_link_to_drop() -> None:
    for name in ("deck.pptx", "reference.docx"):
        assert dropped_links(packaged_templates() / name) == []
