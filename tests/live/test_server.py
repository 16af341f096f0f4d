"""packgen serve in a real browser: the page, its reloads, what is served and to whom."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium
from live_support import BROKEN, MODULE, NOTES, PACK, Running, alive, edit, shipped_project

from packgen import api
from packgen.live.server import open_inside

PACKS = (PACK, "self-advocates-easy-read")
WAIT = 90_000
"""Milliseconds the browser may wait for a rebuild to show (two cores, shared)."""


class Served:
    """A running ``packgen serve`` of a copy of the shipped project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.running = Running("serve", *PACKS, "--project", str(root), "--port", "0", cwd=root)
        line = self.running.wait_for(r"^serving http://127\.0\.0\.1:\d+/")
        self.url = re.search(r"http://\S+/", line).group(0)
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))
        self.running.wait_for(r"^built 2 of 2 packs in ")
        self.wait_until_shown(f"/files/{PACK}/{PACK}-guide.html")

    def wait_until_shown(self, path: str, timeout: float = 30) -> None:
        """Wait until the server has the state of the build the terminal reported."""
        deadline = time.monotonic() + timeout
        while self.get(path).status != 200:
            assert time.monotonic() < deadline, f"{path} not served after {timeout} s"
            time.sleep(0.1)

    def get(self, path: str, host: str | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response

    def rebuilt(self) -> str:
        return self.running.wait_for(r"changed: (built|build stopped)")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = shipped_project(tmp_path_factory.mktemp("serve") / "project")
    server = Served(root)
    try:
        yield server
    finally:
        server.running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    page = browser.new_page()
    page.goto(served.url)
    yield page
    page.close()


def expect(locator: Any) -> Any:
    """Return playwright's retrying assertions on ``locator``, patient enough for a loaded
    machine (the page may be reloading when a test looks)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=30_000)
    return playwright_expect(locator)


def test_the_page_lists_each_pack_with_its_outputs_and_deck_outline(page: Any) -> None:
    expect(page).to_have_title("packgen preview")
    for pack in PACKS:
        section = page.locator(f"#pack-{pack}")
        expect(section.locator("a[download]")).to_have_count(5)
        expect(section.locator("iframe")).to_have_count(2)
    staff = page.locator(f"#pack-{PACK}")
    expect(staff.locator("h2")).to_contain_text("Talking coproduction: who holds the power?")
    expect(staff.get_by_role("link", name="Slides (PPTX)")).to_have_attribute(
        "href", f"/files/{PACK}/{PACK}-slides.pptx")
    row = staff.locator("table.outline tr", has_text="Hello and welcome")
    expect(row).to_contain_text("Title and Content")
    expect(row.locator("td.notes")).to_contain_text(NOTES)
    guide = page.frame_locator(f"iframe[title='{PACK} guide']")
    expect(guide.locator("body")).to_contain_text(NOTES)


def test_the_page_reloads_itself_and_shows_an_edit(page: Any, served: Served) -> None:
    page.evaluate("window.before = true")
    edit(served.root, NOTES, "Greet each person at the door")
    try:
        guide = page.frame_locator(f"iframe[title='{PACK} guide']")
        expect(guide.locator("body")).to_contain_text("Greet each person at the door",
                                                      timeout=WAIT)
        assert page.evaluate("window.before") is None, "the page reloaded itself"
        expect(page.locator(f"#pack-{PACK} table.outline")).to_contain_text("Greet each person",
                                                                          timeout=WAIT)
    finally:
        edit(served.root, "Greet each person at the door", NOTES)
        served.rebuilt()
        served.rebuilt()


def test_the_template_gallery_is_one_more_entry_with_its_deck_pages_and_outline(
        page: Any) -> None:
    section = page.locator("#pack-template-gallery")
    expect(section.locator("h2")).to_contain_text("Template gallery")
    expect(page.locator("nav a[href='#pack-template-gallery']")).to_have_text(
        "Template gallery")
    expect(section.get_by_role("link", name="Slides (PPTX)")).to_have_attribute(
        "href", "/files/template-gallery/gallery.pptx")
    expect(section.locator("iframe")).to_have_count(2)
    expect(section.locator("table.outline tbody tr")).to_have_count(14)
    row = section.locator("table.outline tr", has_text="Consultation or coproduction?")
    expect(row).to_contain_text("Two Content")
    expect(row.locator("td.notes")).to_contain_text(
        "Slide kind: columns. Layout: Two Content (from packgen's own deck.pptx).")
    handout = page.frame_locator("iframe[title='template-gallery handout']")
    expect(handout.locator("body")).to_contain_text("is where we make choices together")


def test_the_gallery_is_rebuilt_for_a_theme_change_not_for_a_module_edit(
        page: Any, served: Served) -> None:
    edit(served.root, NOTES, "Greet each person at the door")
    try:
        assert "template gallery rebuilt" not in served.rebuilt()
    finally:
        edit(served.root, "Greet each person at the door", NOTES)
        served.rebuilt()
    theme = served.root / "templates" / "theme.yaml"
    theme.parent.mkdir(exist_ok=True)
    time.sleep(1)  # the watcher watches a new folder once it has seen it made
    theme.write_text("layouts:\n  quote: Pull Quote\n", encoding="utf-8")
    try:
        line = served.running.wait_for(r"template gallery rebuilt")
        assert "templates/theme.yaml" in line
        finding = page.locator("#pack-template-gallery li.error")
        expect(finding).to_contain_text("maps quote slides to layout 'Pull Quote'", timeout=WAIT)
        expect(page.locator("#pack-template-gallery table.outline tbody tr")).to_have_count(13)
    finally:
        theme.unlink()
        served.running.wait_for(r"template gallery rebuilt")
    expect(page.locator("#pack-template-gallery table.outline tbody tr")).to_have_count(
        14, timeout=WAIT)


def test_a_broken_module_shows_its_diagnostic_and_the_server_keeps_going(
        page: Any, served: Served) -> None:
    edit(served.root, *BROKEN)
    try:
        expect(page.locator("#summary")).to_contain_text("build stopped", timeout=WAIT)
        expect(page.locator("li.error").first).to_contain_text(
            f"{MODULE}:4: error: invalid YAML")
        expect(page.locator(f"#pack-{PACK} a[download]")).to_have_count(5)
        served.rebuilt()
    finally:
        edit(served.root, BROKEN[1], BROKEN[0])
    expect(page.locator("#summary")).to_contain_text("built 2 of 2 packs", timeout=WAIT)
    expect(page.locator("li.error")).to_have_count(0)
    served.rebuilt()


@pytest.mark.slow
def test_slide_pictures_appear_in_the_outline_once_made_or_the_page_says_how(
        page: Any, served: Served) -> None:
    outline = page.locator(f"#pack-{PACK} table.outline")
    if not all(shutil.which(tool) for tool in ("soffice", "pdftoppm")):
        expect(page.locator(f"#pack-{PACK} p.hint")).to_contain_text(
            "apt-get install libreoffice-impress poppler-utils")
        return
    slides = len(api.deck_outline(served.root / "build" / PACK / f"{PACK}-slides.pptx"))
    expect(outline.locator("img")).to_have_count(slides, timeout=300_000)
    picture = outline.locator("img").first.get_attribute("src")
    assert re.fullmatch(r"/thumbs/[0-9a-f]{64}/1\.png", picture)
    response = served.get(picture)
    assert response.status == 200 and response.getheader("Content-Type") == "image/png"
    cached = served.root / "build" / ".serve" / "thumbs" / picture.split("/")[2]
    assert len(list(cached.glob("*.png"))) == slides


@pytest.mark.parametrize("path", [
    f"/files/{PACK}/manifest.json",
    f"/files/{PACK}/notes.txt",
    "/files/../../content/modules/welcome.md",
    f"/files/{PACK}/..%2f..%2fcontent%2fmodules%2fwelcome.md",
    f"/files/{PACK}/../../../../etc/passwd",
    "/files/nope/nope-guide.html",
    "/thumbs/../manifest.json",
    "/page.html",
    "/templates/page.html",
])
def test_a_file_outside_the_output_folder_or_not_in_a_manifest_is_not_found(
        served: Served, path: str) -> None:
    mine = served.root / "build" / PACK / "notes.txt"
    mine.write_text("mine", encoding="utf-8")
    try:
        assert served.get(path).status == 404
    finally:
        mine.unlink()  # the next build would refuse a file packgen did not write


def test_outputs_are_served_with_their_type_no_caching_and_a_same_origin_policy(
        served: Served) -> None:
    guide = served.get(f"/files/{PACK}/{PACK}-guide.html")
    assert guide.status == 200
    assert guide.getheader("Content-Type") == "text/html; charset=utf-8"
    assert guide.getheader("Cache-Control") == "no-store"
    assert "default-src 'none'" in guide.getheader("Content-Security-Policy")
    deck = served.get(f"/files/{PACK}/{PACK}-slides.pptx")
    assert deck.getheader("Content-Type").endswith("presentationml.presentation")
    assert deck.getheader("Content-Disposition") == f'attachment; filename="{PACK}-slides.pptx"'
    page = served.get("/")
    policy = page.getheader("Content-Security-Policy")
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert page.getheader("Cache-Control") == "no-store"


def test_a_request_naming_another_host_is_refused(served: Served) -> None:
    assert served.get("/", host="attacker.example:80").status == 421


def test_the_server_listens_on_127_0_0_1_only(served: Served) -> None:
    for family, address in ((socket.AF_INET, "127.0.0.2"), (socket.AF_INET6, "::1")):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(5)
            with pytest.raises(OSError):
                probe.connect((address, served.port))
    assert listening(served.port) == ["127.0.0.1"]


def listening(port: int) -> list[str]:
    """Return the addresses a TCP port listens on (Linux: read from /proc/net)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1])
                             if len(address) == 8 else address)
    return found


def test_ctrl_c_stops_the_server_and_its_helpers_with_exit_0(tmp_path: Path) -> None:
    root = shipped_project(tmp_path / "project")
    running = Running("serve", PACK, "--project", str(root), "--port", "0", cwd=root)
    try:
        running.wait_for(r"^serving http://127\.0\.0\.1:\d+/")
        running.wait_for(r"^built 1 of 1 pack in ")
        children = running.children()
        assert len(children) >= 2, "the watcher and the server run in processes of their own"
        assert running.interrupt() == 0
        assert [pid for pid in children if alive(pid)] == []
    finally:
        running.stop()


def test_a_busy_port_is_one_line_and_exit_1(served: Served, tmp_path: Path) -> None:
    root = shipped_project(tmp_path / "project")
    running = Running("serve", "--project", str(root), "--port", str(served.port), cwd=root)
    assert running.process.wait(timeout=60) == 1
    running.wait_for(rf"^error: cannot serve on 127\.0\.0\.1:{served.port}: ", stream="stderr")


def test_a_served_file_must_be_a_regular_file_inside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "p").mkdir(parents=True)
    (out / "p" / "guide.html").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    (out / "p" / "link.html").symlink_to(tmp_path / "secret.txt")
    (out / "p" / "folder.html").mkdir()
    shutil.copy(out / "p" / "guide.html", tmp_path / "outside.html")
    fd = open_inside(out / "p" / "guide.html", out)
    assert fd is not None
    os.close(fd)
    assert open_inside(out / "p" / "link.html", out) is None
    assert open_inside(out / "p" / "folder.html", out) is None
    assert open_inside(tmp_path / "outside.html", out) is None
