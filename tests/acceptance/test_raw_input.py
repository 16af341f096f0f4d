"""A real Pandoc or Quarto deck dropped into content/modules/ builds: raw HTML, raw LaTeX,
``{=format}`` raw content and comments are dropped from every output with one line per module,
shortcodes stay as text with a warning each, and a ``.qmd`` file is a module like any other."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from packgen import api
from packgen.errors import Severity

PACK = "staff-short"
OURS = ("PG145", "PG146", "PG147", "PG148", "PG149", "PG115")
DECK = """\
---
title: Quarto deck
author:
  - name: Aled Jones
date: today
format:
  revealjs:
    theme: simple
editor: visual
jupyter: python3
duration: 10
---

## First slide <!-- draft -->

<!--
## Commented out

Not shown.
-->

Text <span style="color: red">in red</span> and \\textbf{gone} here.<script>alert("x")</script>

<script>document.title = "owned"</script>

\\begin{center}
Centred by LaTeX
\\end{center}

```{=openxml}
<a:p><a:r><a:t>injected</a:t></a:r></a:p>
```

{{< video https://example.org/v.mp4 >}}

## Second slide

![A chart](../images/cover.png){fig.alt="A chart" fig-align="center" widht=40%}
"""


def use(project: Path, module_id: str) -> None:
    pack = project / "content" / "packs" / f"{PACK}.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("modules: [welcome,", f"modules: [{module_id}, welcome,"),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    from where import copy_project

    project = copy_project(tmp_path_factory.mktemp("raw") / "project")
    (project / "content" / "modules" / "quarto-deck.qmd").write_text(DECK, encoding="utf-8")
    use(project, "quarto-deck")
    result = api.build(project, (PACK,), project / "build", jobs=1)
    assert not result.failed, [str(d) for d in result.diagnostics]
    return project / "build" / PACK, [str(d) for d in result.diagnostics
                                       if d.path and d.path.endswith(".qmd")
                                       and d.code in OURS]


def slide_texts(out: Path) -> list[str]:
    deck = Presentation(str(next(out.glob("*.pptx"))))
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in deck.slides]


def test_a_qmd_module_is_built_and_listed_in_the_manifest(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    texts = slide_texts(out)
    assert any("First slide" in t for t in texts)
    assert any("Second slide" in t for t in texts)
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert "content/modules/quarto-deck.qmd" in manifest
    assert "quarto-deck" in json.dumps(json.loads(manifest))


def test_raw_input_never_reaches_the_deck(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    text = "\n".join(slide_texts(out))
    for shown in ("<!--", "Commented out", "\\begin", "\\textbf", "gone", "<span", "<script",
                  "Centred by LaTeX", "{=openxml}"):
        assert shown not in text
    assert "Text in red and here." in text
    with zipfile.ZipFile(next(out.glob("*.pptx"))) as deck:
        xml = b"".join(deck.read(n) for n in deck.namelist() if n.startswith("ppt/slides/"))
    assert b"injected" not in xml


def test_the_html_outputs_stay_escaped(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "alert(" not in html and "owned" not in html, page.name
        assert "<span style=\"color: red\">" not in html, page.name


def test_a_shortcode_stays_as_text(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    assert any("{{< video https://example.org/v.mp4 >}}" in t for t in slide_texts(out))


def test_each_kind_dropped_is_one_line_and_each_shortcode_one_warning(
        built: tuple[Path, list[str]]) -> None:
    _, found = built
    where = "content/modules/quarto-deck.qmd"
    assert sorted(line.rsplit("[", 1)[1] for line in found) == [
        "PG145]", "PG146]", "PG147]", "PG148]", "PG149]"], found
    by_code = {line.rsplit("[", 1)[1][:-1]: line for line in found}
    assert by_code["PG145"].startswith(f"{where}:22: info: raw HTML dropped")
    assert "(3 in this module, the first here)" in by_code["PG145"]
    assert by_code["PG146"].startswith(f"{where}:22: info: raw LaTeX dropped")
    assert by_code["PG147"].startswith(f"{where}:30: info:")
    assert by_code["PG148"].startswith(f"{where}:34: warning: Quarto shortcode")
    assert by_code["PG149"].startswith(f"{where}:38: warning: attribute 'widht'")
    assert "did you mean 'width'?" in by_code["PG149"]


def test_a_module_in_md_and_qmd_is_one_id_used_twice(project: Path) -> None:
    modules = project / "content" / "modules"
    (modules / "welcome.qmd").write_text((modules / "welcome.md").read_text("utf-8"), "utf-8")
    result = api.build(project, (PACK,), project / "build", jobs=1)
    assert result.failed == [PACK]
    refused = {str(d) for d in result.diagnostics if d.severity is Severity.ERROR}
    assert refused == {("content/modules/welcome.qmd:1: error: module id 'welcome' is used by "
                        "both content/modules/welcome.md and content/modules/welcome.qmd: give "
                        "one of them another id [PG124]")}


def test_packgen_list_sees_a_qmd_module(project: Path) -> None:
    (project / "content" / "modules" / "quarto-deck.qmd").write_text(DECK, encoding="utf-8")
    loaded, _ = api.list_project(project)
    assert loaded is not None and "quarto-deck" in loaded.modules


def test_a_script_inside_a_paragraph_goes_with_everything_it_holds(
        built: tuple[Path, list[str]]) -> None:
    out, _ = built
    assert "alert" not in "\n".join(slide_texts(out))
