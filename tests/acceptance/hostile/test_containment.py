"""Files packgen reads stay inside the project, and nothing is ever fetched from the network.

Each case plants a token outside the project (or a loopback server that must stay idle),
makes the project reach for it, and checks what a user sees: one error line naming the file
(and line) with its code, exit 1, nothing written, and the token in no output.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from hostile_support import (
    Loopback,
    Secret,
    add_module,
    assert_refused,
    build,
    error_lines,
    line_of,
)
from reliability_support import standard_pack

from packgen.paths import packaged_templates

OUTSIDE = "PG020"
REMOTE = "PG021"
TOO_LARGE = "PG024"
UNREADABLE = "PG003"


def _pack(root: Path) -> str:
    return standard_pack(root)


def _template(root: Path, name: str, text: str) -> Path:
    """Write ``templates/<name>`` and return it."""
    path = root / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _packaged(name: str) -> str:
    return (packaged_templates() / name).read_text(encoding="utf-8")


def _link(path: Path, target: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return path


def _refused(root: Path, rel: str, code: str, line: int | None = None,
             only: str | None = "deck", secret: Secret | None = None) -> str:
    """Assert the build is refused with one line at ``rel`` (and ``line``) coded ``code``."""
    found = assert_refused(root, _pack(root), rel, line, only=only)
    assert found.endswith(f"[{code}]"), found
    if secret is not None:
        secret.assert_absent(root / "build")
    return found


@pytest.fixture
def pack(one_pack: Path) -> Path:
    """Return the one-pack project."""
    return one_pack


# --- symbolic links out of the project ----------------------------------------------------


def test_a_module_that_links_outside_the_project_is_refused(pack: Path, secret: Secret) -> None:
    target = secret.file("leak.md", f"---\ntitle: Leak\nduration: 5\n---\n\n## {secret.token}\n"
                         .encode())
    add_module(pack, "## placeholder\n", name="leak")
    (pack / "content" / "modules" / "leak.md").unlink()
    _link(pack / "content" / "modules" / "leak.md", target)
    _refused(pack, "content/modules/leak.md", OUTSIDE, secret=secret)


def test_a_style_sheet_that_links_outside_the_project_is_refused(pack: Path,
                                                                 secret: Secret) -> None:
    target = secret.file("guide.css", f"body {{ content: '{secret.token}'; }}".encode())
    _link(pack / "templates" / "guide.css", target)
    _refused(pack, "templates/guide.css", OUTSIDE, only="guide", secret=secret)


def test_a_font_that_links_outside_the_project_is_refused(pack: Path, secret: Secret) -> None:
    font = packaged_templates() / "fonts" / "AtkinsonHyperlegibleNext_400Regular.ttf"
    target = secret.file("face.ttf", font.read_bytes() + secret.token.encode())
    _link(pack / "templates" / "fonts" / "AtkinsonHyperlegibleNext_400Regular.ttf", target)
    _refused(pack, "templates/fonts/AtkinsonHyperlegibleNext_400Regular.ttf", OUTSIDE,
             only="handout", secret=secret)


def test_a_font_family_written_as_a_path_is_refused(pack: Path, secret: Secret) -> None:
    secret.file("Name_400Regular.ttf")
    theme = pack / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8")
                     + "fonts:\n  body: ../../../elsewhere/Name\n", encoding="utf-8")
    _refused(pack, "templates/theme.yaml", OUTSIDE, line_of(theme, "body:"), secret=secret)


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_a_template_cannot_inline_a_picture_of_its_choosing(pack: Path, secret: Secret,
                                                             where: str) -> None:
    target = secret.file("secret.png")
    src = "../elsewhere/secret.png" if where == "relative" else str(target)
    call = (f'{{{{ picture_uri(namespace(src="{src}", alt="", '
            'loc=namespace(path="x", line=1))) }}')
    handout = _template(pack, "handout.html", _packaged("handout.html") + call + "\n")
    assert (pack / src).resolve() == target.resolve()
    _refused(pack, "templates/handout.html", OUTSIDE, line_of(handout, "namespace("),
             only="handout", secret=secret)


def test_a_print_template_cannot_read_a_link_leading_outside(pack: Path, secret: Secret) -> None:
    _link(pack / "content" / "link", secret.file())
    typ = _template(pack, "guide.typ", _packaged("guide.typ") + '\n#read("/content/link")\n')
    assert typ.exists()
    _refused(pack, "content/link", OUTSIDE, only="guide", secret=secret)


def test_a_print_template_cannot_show_a_picture_leading_outside(pack: Path,
                                                               secret: Secret) -> None:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
           f'<text x="5" y="30">{secret.token}</text></svg>').encode()
    _link(pack / "templates" / "art" / "badge.svg", secret.file("badge.svg", svg))
    _template(pack, "guide.typ", _packaged("guide.typ") + '\n#image("/templates/art/badge.svg", alt: "badge")\n')
    _refused(pack, "templates/art/badge.svg", OUTSIDE, only="guide", secret=secret)


def test_a_print_template_cannot_read_other_project_folders_through_a_link(
        pack: Path, secret: Secret) -> None:
    _link(pack / "notes" / "link", secret.file())
    typ = _template(pack, "guide.typ", _packaged("guide.typ") + '\n#read("/notes/link")\n')
    _refused(pack, "templates/guide.typ", "PG408", line_of(typ, "/notes/link"), only="guide",
             secret=secret)


def test_hashing_the_inputs_does_not_follow_a_link_out_of_templates(pack: Path,
                                                                   secret: Secret) -> None:
    _link(pack / "templates" / "notes.txt", secret.file())
    _refused(pack, "templates/notes.txt", OUTSIDE, secret=secret)


# --- files that are not what they claim ---------------------------------------------------


def test_a_style_sheet_that_is_not_utf8_names_its_line(pack: Path) -> None:
    css = pack / "templates" / "guide.css"
    css.parent.mkdir(exist_ok=True)
    css.write_bytes(b"body {\n  color: black;\n  content: '\xff';\n}\n")
    _refused(pack, "templates/guide.css", UNREADABLE, 3, only="guide")


def test_a_huge_style_sheet_is_refused_fast(pack: Path) -> None:
    css = pack / "templates" / "guide.css"
    css.parent.mkdir(exist_ok=True)
    with css.open("wb") as stream:
        stream.write(b"/* padding */\n" + b" " * (50 * 1024 * 1024))
    started = time.perf_counter()
    _refused(pack, "templates/guide.css", TOO_LARGE, only="guide")
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(("name", "only"), [("deck.pptx", "deck"), ("guide.css", "guide")])
def test_a_folder_named_like_a_template_is_one_clear_line(pack: Path, name: str,
                                                          only: str) -> None:
    (pack / "templates" / name).mkdir(parents=True)
    found = _refused(pack, f"templates/{name}", UNREADABLE, only=only)
    assert "folder" in found


# --- nothing is fetched -------------------------------------------------------------------


@pytest.mark.parametrize("rule", [
    "@import url({url}/theme.css);",
    '@import "{url}/theme.css";',
    "body {{ background: url('{url}/paper.png'); }}",
    "body {{ background: url(//{host}/paper.png); }}",
])
def test_a_style_sheet_naming_a_remote_address_is_refused(pack: Path, loopback: Loopback,
                                                          rule: str) -> None:
    host = loopback.url.removeprefix("http://")
    css = _template(pack, "guide.css", _packaged("guide.css") + "\n"
                    + rule.format(url=loopback.url, host=host) + "\n")
    found = _refused(pack, "templates/guide.css", REMOTE, line_of(css, host), only="guide")
    assert "put the file in templates/" in found
    loopback.assert_untouched()


@pytest.mark.parametrize("tag", [
    '<link rel="stylesheet" href="{url}/x.css">',
    '<img src="{url}/x.png" alt="">',
    '<script src="{url}/x.js"></script>',
])
def test_an_html_template_naming_a_remote_address_is_refused(pack: Path, loopback: Loopback,
                                                             tag: str) -> None:
    text = _packaged("handout.html").replace("</body>", tag.format(url=loopback.url)
                                             + "\n</body>")
    html = _template(pack, "handout.html", text)
    _refused(pack, "templates/handout.html", REMOTE, line_of(html, loopback.url),
             only="handout")
    loopback.assert_untouched()


def test_an_address_a_template_puts_together_is_refused(pack: Path, loopback: Loopback) -> None:
    host = loopback.url.removeprefix("http://")
    tag = f"<img alt=\"\" src=\"{{{{ 'ht' ~ 'tp://' ~ '{host}' }}}}/x.png\">"
    _template(pack, "handout.html", _packaged("handout.html").replace("</body>",
                                                                     tag + "\n</body>"))
    found = _refused(pack, "templates/handout.html", REMOTE, only="handout")
    assert loopback.url in found
    loopback.assert_untouched()


def test_a_print_template_picture_at_a_remote_address_is_refused(pack: Path,
                                                                 loopback: Loopback) -> None:
    typ = _template(pack, "guide.typ",
                    _packaged("guide.typ") + f'\n#image("{loopback.url}/x.png", alt: "x")\n')
    _refused(pack, "templates/guide.typ", REMOTE, line_of(typ, loopback.url), only="guide")
    loopback.assert_untouched()


def test_an_svg_picture_with_an_outside_reference_is_refused(pack: Path, loopback: Loopback,
                                                             secret: Secret) -> None:
    images = pack / "content" / "images"
    (images / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10">\n'
        f'<image xlink:href="{loopback.url}/x.png" width="10" height="10"/>\n'
        f'<image href="{secret.file()}" width="10" height="10"/>\n</svg>\n', encoding="utf-8")
    module = add_module(pack, "## Map\n\n![A map](../images/map.svg)\n")
    _refused(pack, "content/modules/hostile.md", REMOTE, line_of(module, "map.svg"),
             only="guide", secret=secret)
    loopback.assert_untouched()


def test_loopback_addresses_everywhere_are_diagnosed_and_never_fetched(
        pack: Path, loopback: Loopback) -> None:
    url = loopback.url
    add_module(pack, f"## Remote\n\n![A picture]({url}/a.png)\n\n[A link]({url}/page)\n")
    theme = pack / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + f"logo:\n  src: {url}/logo.png\n  alt: Logo\n",
                     encoding="utf-8")
    _template(pack, "guide.css", f"@import url({url}/a.css);\n")
    _template(pack, "guide.html", f'<link rel="stylesheet" href="{url}/b.css">\n')
    _template(pack, "guide.typ", f'#image("{url}/c.png")\n')
    done = build(pack, only=None)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    errors = error_lines(done.stdout + done.stderr)
    assert any(e.startswith("templates/theme.yaml:") for e in errors), errors
    assert not (pack / "build" / _pack(pack)).exists()
    loopback.assert_untouched()


def test_a_module_picture_at_a_loopback_address_is_its_alt_text_and_never_fetched(
        pack: Path, loopback: Loopback) -> None:
    add_module(pack, f"## Remote\n\n![A picture kept online]({loopback.url}/a.png)\n")
    done = build(pack)
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(line.startswith("content/modules/hostile.md:") and ": warning: " in line
               and line.endswith("[PG165]") for line in (done.stdout + done.stderr).splitlines())
    deck = next((pack / "build").rglob("*-slides.pptx"))
    with zipfile.ZipFile(deck) as archive:
        slides = [archive.read(n) for n in archive.namelist() if n.startswith("ppt/slides/slide")]
    assert any(b"A picture kept online" in xml for xml in slides)
    loopback.assert_untouched()


def test_a_content_link_stays_a_link_and_is_not_fetched(pack: Path, loopback: Loopback) -> None:
    add_module(pack, f"## Links\n\nHello.\n\n::: notes\nSee [the site]({loopback.url}/page).\n:::\n")
    done = build(pack, only="guide")
    assert done.returncode == 0, done.stdout + done.stderr
    page = next((pack / "build").rglob("*-guide.html")).read_text(encoding="utf-8")
    assert f'href="{loopback.url}/page"' in page
    loopback.assert_untouched()
