"""The HTML guide and handout read on a phone: nothing wider than 360 px, no cell overprints."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium
from where import REPO

from packgen.api import tailored
from packgen.views.handout import handout_view
from packgen.writers.html import guide, handout

PHONE = {"width": 360, "height": 740}
PACKS = sorted(p.stem for p in (REPO / "content" / "packs").glob("*.yaml"))

WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
  }).map(el => `${el.tagName}.${el.className}: ${el.textContent.slice(0, 40)}`);
}"""
OVERLAPPING_CELLS = """() => {
  const clash = [];
  for (const row of document.querySelectorAll("tr")) {
    const boxes = [...row.children].map(c => [c, c.getBoundingClientRect()])
      .filter(([, b]) => b.width > 0 && b.height > 0);
    boxes.forEach(([cell, a], i) => {
      if (cell.scrollWidth > cell.clientWidth + 1) clash.push(`wider than its cell: ${cell.textContent.slice(0, 30)}`);
      for (const [, b] of boxes.slice(i + 1)) {
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          clash.push(`overlaps: ${row.textContent.slice(0, 40)}`);
      }
    });
  }
  return clash;
}"""


@pytest.fixture(scope="module")
def phone():
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        yield page
        page.close()


@pytest.fixture(scope="module", params=PACKS)
def pages(request, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tp, _ = tailored(REPO, request.param)
    out = tmp_path_factory.mktemp(request.param)
    files = {"guide": out / "guide.html", "handout": out / "handout.html"}
    files["guide"].write_text(guide.render_html(tp), encoding="utf-8")
    files["handout"].write_text(handout.render_html(tp, handout_view(tp)), encoding="utf-8")
    return files


@pytest.mark.parametrize("kind", ["guide", "handout"])
def test_nothing_is_wider_than_a_phone_screen(phone, pages, kind: str) -> None:
    phone.goto(pages[kind].as_uri())
    assert phone.evaluate(WIDER_THAN_SCREEN) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_session_plan_cells_do_not_overprint_at_phone_width(phone, pages) -> None:
    phone.goto(pages["guide"].as_uri())
    assert phone.evaluate(OVERLAPPING_CELLS) == []
    row = phone.query_selector(".plan-table tbody tr").bounding_box()
    what = phone.query_selector(".plan-table tbody tr .what-cell").bounding_box()
    assert what["width"] > 0.8 * row["width"]  # "What happens" gets the row's whole width


def test_session_plan_is_still_five_columns_on_a_wide_screen(phone, pages) -> None:
    phone.set_viewport_size({"width": 1200, "height": 800})
    try:
        phone.goto(pages["guide"].as_uri())
        lefts = phone.evaluate("""() => [...document.querySelector('.plan-table tbody tr')
            .children].map(c => Math.round(c.getBoundingClientRect().left))""")
        assert len(set(lefts)) == 5
    finally:
        phone.set_viewport_size(PHONE)
