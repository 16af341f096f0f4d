"""The shipped font has every letter Welsh and English text needs, and the PDFs keep them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from project_support import findings, make

from packgen import api
from packgen.load.project import load
from packgen.paths import packaged_templates

VOWELS = "aeiouwy"
WELSH = "".join(f"{v}{mark}" for v in VOWELS for mark in "\u0302\u0301\u0300\u0308")
"""Each Welsh vowel with its circumflex (to bach), acute, grave and diaeresis, composed."""
LETTERS = unicodedata.normalize("NFC", WELSH) + "abcdefghijklmnopqrstuvwxyz"
ENGLISH = ("0123456789 .,;:!?'\"()[]{}-/&%£€@#*+=<>_"
           "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00a0")
"""Digits, punctuation and the typographic marks packgen writes (smart quotes, dashes)."""
FACES = sorted((packaged_templates() / "fonts").glob("*.ttf"))
"""Every face packgen ships: the four text faces and the code face."""
FAMILIES = {"AtkinsonHyperlegibleNext": "Atkinson Hyperlegible Next",
            "LiberationMono": "Liberation Mono"}
TEXT = "Grŵp pŵer ŷd"
MODULE = f"""\
---
title: Croeso
duration: 10
---

## {TEXT}

{TEXT}

::: notes
{TEXT}
:::

::: easy-read
![People at a meeting](../images/pic.png)
{TEXT}.
:::
"""


def test_the_letters_are_the_welsh_alphabet_with_every_diacritic() -> None:
    assert len(LETTERS) == 7 * 4 + 26
    assert {"ŵ", "ŷ", "ẃ", "ẁ", "ẅ", "ỳ", "ÿ", "â"} <= set(LETTERS)


def test_packgen_ships_the_four_text_faces_and_the_code_face_the_outputs_use() -> None:
    assert [f.name for f in FACES] == [
        *(f"AtkinsonHyperlegibleNext_{face}.ttf"
          for face in ("400Regular", "400Regular_Italic", "700Bold", "700Bold_Italic")),
        "LiberationMono_400Regular.ttf"]


@pytest.mark.parametrize("face", FACES, ids=lambda f: f.stem)
def test_every_shipped_face_has_every_welsh_and_english_letter(face: Path) -> None:
    font = TTFont(str(face), lazy=True)
    cmap = font.getBestCmap()
    wanted = LETTERS + LETTERS.upper() + ENGLISH
    assert [c for c in dict.fromkeys(wanted) if ord(c) not in cmap] == []
    assert font["name"].getDebugName(1) == FAMILIES[face.stem.split("_")[0]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make(tmp_path_factory.mktemp("welsh"), {"content/modules/welcome.md": MODULE})
    api.build(root, out_dir=root / "out", kinds=("guide", "handout"), jobs=1)
    return root / "out" / "p"


@pytest.mark.parametrize("name", ["p-guide.pdf", "p-easy-read.pdf"])
def test_welsh_words_in_a_pdf_read_back_as_written(built: Path, name: str) -> None:
    with pdfplumber.open(built / name) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars if c["text"] in "ŵŷ"}
    shown = [line for line in lines if "Gr" in line]
    assert shown and all(TEXT in line for line in shown), shown
    assert not [line for line in lines if "\u0302" in line or "Grwp" in line]
    assert fonts and all("AtkinsonHyperlegibleNext" in f for f in fonts)


def test_a_theme_naming_the_former_family_gets_its_successor_with_a_warning(
        tmp_path: Path) -> None:
    root = make(tmp_path, {"templates/theme.yaml": "fonts:\n  heading: Atkinson Hyperlegible\n"})
    assert findings(root) == [(
        "templates/theme.yaml:2: warning: font 'Atkinson Hyperlegible' is now 'Atkinson "
        "Hyperlegible Next', its successor with the Welsh letters (ŵ ŷ): every output uses "
        "'Atkinson Hyperlegible Next'; write that name here, or put the former family's files "
        "in templates/fonts to keep it [PG190]")]
    assert load(root).project.theme.fonts["heading"] == "Atkinson Hyperlegible Next"


def test_a_project_with_the_former_family_files_keeps_it(tmp_path: Path) -> None:
    root = make(tmp_path, {"templates/theme.yaml": "fonts:\n  body: Atkinson Hyperlegible\n"})
    (root / "templates/fonts").mkdir()
    (root / "templates/fonts/AtkinsonHyperlegible_400Regular.ttf").write_bytes(b"own")
    assert findings(root) == []
    assert load(root).project.theme.fonts["body"] == "Atkinson Hyperlegible"
