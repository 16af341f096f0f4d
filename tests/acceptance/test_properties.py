"""Random Markdown and pack files never crash the build; random valid ones give good decks."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import office
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from packgen import api
from packgen.errors import PackgenError, Severity
from packgen.load.modules import load_module

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)
PACK = {
    "title": "Random pack", "audience": "staff", "organisation": "Glanrhyd Council",
    "date": "2026-03-03", "start": "10:00", "slot": 90, "venue": "Room 2",
    "facilitators": ["Aled Morgan"], "modules": ["m"],
}
PACK_KEYS = [*PACK, "variables", "template", "language", "deck_style", "participants", "breaks",
             "access", "contact", "cover", "checked_by"]


# --- a tiny project --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a project with one module ``m``, one pack ``p`` and a real picture."""
    root = tmp_path_factory.mktemp("tiny")
    for sub in ("modules", "packs", "images"):
        (root / "content" / sub).mkdir(parents=True)
    PILImage.new("RGB", (40, 30), "teal").save(root / "content" / "images" / "pic.png")
    (root / "content" / "images" / "fake.png").write_text("not a picture")
    (root.parent / "outside.png").write_bytes((root / "content/images/pic.png").read_bytes())
    _write_pack(root, PACK)
    _write_module(root, "## Hello\n\nText\n")
    return root


def _write_module(root: Path, body: str, front: str = "title: M\nduration: 10\n") -> Path:
    path = root / "content" / "modules" / "m.md"
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8", newline="")
    return path


def _write_pack(root: Path, data: object) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False,
                                                             allow_unicode=True)
    (root / "content" / "packs" / "p.yaml").write_text(text, encoding="utf-8", newline="")


def _build_deck(root: Path) -> tuple[api.BuildResult | None, Path]:
    """Build the deck; return the result (None on a PackgenError) and the output folder."""
    result, _error, out = _attempt(root)
    return result, out


def _attempt(root: Path) -> tuple[api.BuildResult | None, PackgenError | None, Path]:
    """Build the deck; return the result or the PackgenError raised, and the output folder."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=root.parent))
    try:
        return api.build(root, (), out, ("deck",), force=True), None, out
    except PackgenError as exc:
        return None, exc, out


def assert_clean_outcome(root: Path, result: api.BuildResult | None,
                         raised: PackgenError | None, out: Path) -> None:
    """Assert what a user sees: a deck python-pptx opens, or located one-line errors and no
    files at all (not even a staging folder)."""
    from pptx import Presentation

    findings = raised.diagnostics if raised else result.diagnostics
    for finding in findings:
        text = str(finding)
        assert "\n" not in text and "Traceback" not in text, text
        shown = Path(finding.path or ".")
        assert not shown.is_absolute() or shown.is_relative_to(out), text  # project-relative
    built = result is not None and not result.failed
    errors = [d for d in findings if d.severity is Severity.ERROR]
    leftovers = sorted(p.name for p in out.iterdir())
    if built:
        assert not errors, errors
        assert leftovers == ["p"]
        assert len(Presentation(str(_deck(out))).slides) >= 3  # title, agenda, closing
    else:
        assert errors, f"a pack that was not built must say why: {findings}"
        assert all(e.path for e in errors), errors
        assert leftovers == [], f"a failed build left files behind: {leftovers}"


# --- random Markdown ----------------------------------------------------------------------

WORDS = st.sampled_from(["power", "space", "Café", "naïve", "ŵ", "日本", "👩🏽‍🦽",
                         "{{ title }}", "{{ organisation }}", "{{ nope }}", "{{ x.__class__ }}",
                         "{% if %}",
                         "**bold**", "*it*", "`code`", "[link](https://example.org)", "<b>",
                         "&amp;", "\\", "|", "{", "}", ":::", "{.tip}", "\t", "\u200b"])
UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
TEXT = st.lists(st.one_of(WORDS, UNICODE), min_size=1, max_size=6).map(" ".join)
ATTR = st.one_of(
    st.sampled_from(["#an-id", ".decorative", ".notes", ".activity", 'layout="Quote"',
                     'layout="Nope"', 'audience="staff"', 'audience="x y"', "minutes=5",
                     "minutes=x", 'title="T"', "width=40%", "width=abc", 'key="unclosed',
                     "=", "{", "}"]),
    UNICODE)
ATTRS = st.lists(ATTR, max_size=4).map(lambda a: "{" + " ".join(a) + "}")
SRC = st.sampled_from(["../images/pic.png", "images/pic.png", "../images/fake.png",
                       "../images/missing.png", "../../../outside.png", "/etc/hostname",
                       "https://example.org/x.png", "", "pic.png"])
CLASS = st.sampled_from(["notes", "columns", "column", "spaces", "easy-read", "materials",
                         "steps", "debrief", "bogus", ""])


def _lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 10))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + " " + draw(TEXT) + draw(st.sampled_from(["", " "]))\
            + draw(st.one_of(st.just(""), ATTRS))
    if kind == 1:
        return "  " * draw(st.integers(0, 4)) + draw(st.sampled_from(["- ", "* ", "1. ", "2) "]))\
            + draw(TEXT)
    if kind == 2:
        head = draw(st.one_of(CLASS, ATTRS))
        return ":" * draw(st.integers(3, 7)) + " " + head
    if kind == 3:
        return ":" * draw(st.integers(3, 7))
    if kind == 4:
        return f"![{draw(TEXT)}]({draw(SRC)})" + draw(st.one_of(st.just(""), ATTRS))
    if kind == 5:
        cols = draw(st.integers(1, 3))
        return "\n".join(["| " + " | ".join(["h"] * cols) + " |",
                          "|" + "---|" * cols, "| " + " | ".join([draw(TEXT)] * cols) + " |"])
    if kind == 6:
        return ">" * draw(st.integers(1, 5)) + " " + draw(TEXT)
    if kind == 7:
        return draw(st.sampled_from(["---", "", "***", "```", "    code", "<!-- c -->"]))
    return draw(TEXT)


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    """Return a random Markdown body: headings, lists, divs, images, tables, quotes, text."""
    lines = [_lines(draw) for _ in range(draw(st.integers(0, 25)))]
    newline = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return newline.join(lines) + "\n"


FRONT = st.one_of(
    st.just("title: M\nduration: 10\n"),
    st.sampled_from(["", "title: M\n", "duration: x\ntitle: M\n", "title: [a\n",
                     "title: M\nduration: 10\nid: ../x\n", "title: M\nduration: -5\n",
                     "title: M\nduration: 10\naudiences: staff\n",
                     "title: M\nduration: 10\nmaterials: [Pens (x per group)]\n",
                     "title: &a M\nduration: *a\n"]),
)


@settings(SETTINGS, max_examples=300)
@given(body=markdown_bodies(), front=FRONT)
def test_random_markdown_loads_or_fails_with_a_packgen_error(tiny: Path, body: str,
                                                           front: str) -> None:
    path = _write_module(tiny, body, front)
    try:
        load_module(path, tiny)
    except PackgenError as exc:
        assert all(d.path == "content/modules/m.md" for d in exc.diagnostics), exc


@settings(SETTINGS, max_examples=40)
@given(body=markdown_bodies())
def test_random_markdown_builds_or_fails_with_a_packgen_error(tiny: Path, body: str) -> None:
    _write_pack(tiny, PACK)
    _write_module(tiny, body)
    result, raised, out = _attempt(tiny)
    try:
        assert_clean_outcome(tiny, result, raised, out)
    finally:
        shutil.rmtree(out)


# --- random packs ---------------------------------------------------------------------------

SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), UNICODE,
                   st.sampled_from(["10:00", "25:99", "2026-02-30", "staff", "m", "deck.pptx",
                                    "../deck.pptx", "/etc/passwd", "easy-read", "en-GB"]))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["after", "at", "minutes", "title", "src", "alt", "name", "email"]), inner, max_size=3)),
    max_leaves=6)


@st.composite
def pack_documents(draw: st.DrawFn) -> object:
    """Return a pack: the valid one with random keys changed, added or removed, or raw text."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=80))
    data = dict(PACK)
    for _ in range(draw(st.integers(0, 4))):
        key = draw(st.one_of(st.sampled_from(PACK_KEYS), UNICODE))
        if draw(st.booleans()):
            data[key] = draw(VALUE)
        else:
            data.pop(key, None)
    return data


@settings(SETTINGS, max_examples=120)
@given(pack=pack_documents())
def test_random_packs_build_or_fail_with_a_packgen_error(tiny: Path, pack: object) -> None:
    _write_module(tiny, "## Hello\n\nText\n")
    _write_pack(tiny, pack)
    result, raised, out = _attempt(tiny)
    try:
        assert_clean_outcome(tiny, result, raised, out)
    finally:
        shutil.rmtree(out)


# --- random valid content -----------------------------------------------------------------

SAFE = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po"),
                             max_codepoint=0x2FFF), min_size=1, max_size=30).map(str.strip)
SAFE_TEXT = SAFE.filter(bool).filter(lambda s: not s.startswith(("#", "-", "*", "+", ">")))


@st.composite
def valid_slides(draw: st.DrawFn) -> str:
    """Return a module body that follows the content format: slides, lists, notes, pictures."""
    slides = []
    for i in range(draw(st.integers(1, 8))):
        parts = [f"## {draw(SAFE_TEXT)} {i}"]
        for _ in range(draw(st.integers(0, 2))):
            parts.append(draw(st.one_of(
                SAFE_TEXT,
                st.lists(SAFE_TEXT, min_size=1, max_size=3).map(
                    lambda xs: "\n".join(f"- {x}" for x in xs) + "\n  - nested"),
                SAFE_TEXT.map(lambda alt: f"![{alt}](../images/pic.png)"),
                st.just("| A | B |\n|---|---|\n| 1 | 2 |"),
                SAFE_TEXT.map(lambda t: f"> {t}"),
                SAFE_TEXT.map(lambda t: f":::: columns\n::: column\n{t}\n:::\n::: column\n- b\n"
                                        ":::\n::::"),
                SAFE_TEXT.map(lambda t: f'::: {{audience="staff"}}\n{t}\n:::'),
                SAFE_TEXT.map(lambda t: f'::: {{audience="others"}}\n{t}\n:::'),
            )))
        if draw(st.booleans()):
            parts.append(f"::: notes\n{draw(SAFE_TEXT)}\n\n- point\n:::")
        slides.append("\n\n".join(parts))
    if draw(st.booleans()):
        slides.append(draw(SAFE_TEXT.map(ACTIVITY.format)))
    if draw(st.booleans()):
        slides.append(draw(SAFE_TEXT.map(EASY_READ.format)))
    return "\n\n".join(slides) + "\n"


ACTIVITY = """## Activity slide

::: {{.activity title="Map {0}" minutes=5 group="pairs" group_size=2}}
Talk about {0}.

:::: materials
- Pens (1 per participant)
- Flipchart (1)
::::

:::: steps
1. Pair up.
2. Talk.
::::

:::: debrief
- What did you find?
::::
:::"""
EASY_READ = """::: easy-read
![A picture](../images/pic.png)
This is about {0}.

![A picture](../images/pic.png)
We talk together.
:::"""


def _deck(out: Path) -> Path:
    return out / "p" / "p-slides.pptx"


@settings(SETTINGS, max_examples=10)
@given(body=valid_slides())
def test_random_valid_modules_give_decks_python_pptx_reopens(tiny: Path, body: str) -> None:
    from pptx import Presentation

    _write_pack(tiny, PACK)
    _write_module(tiny, body)
    result, out = _build_deck(tiny)
    try:
        assert result is not None and not result.failed, result
        assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]
        deck = Presentation(str(_deck(out)))
        titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
        assert len(deck.slides) >= body.count("\n## ") + 1
        assert titles
    finally:
        shutil.rmtree(out)


@pytest.mark.slow
@settings(SETTINGS, max_examples=3)
@given(body=valid_slides())
def test_random_valid_decks_convert_in_libreoffice(tiny: Path, body: str) -> None:
    _write_pack(tiny, PACK)
    _write_module(tiny, body)
    result, out = _build_deck(tiny)
    try:
        assert result is not None and not result.failed
        pdf = _convert(_deck(out), out)
        assert pdf.stat().st_size > 1000
    finally:
        shutil.rmtree(out)


def _convert(deck: Path, out: Path) -> Path:
    """Convert with LibreOffice, using a profile of this worker's own."""
    return office.convert(deck, out)
