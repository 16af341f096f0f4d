"""Leave a deck template's own slides out: python-pptx has no API to delete a slide."""

from __future__ import annotations

from typing import Any


def drop_slides(prs: Any) -> int:
    """Remove every slide ``prs`` holds and return how many there were.

    Each slide's entry leaves the slide id list and its relationship is dropped, so the slide
    part (and its notes page, and pictures only it used) is no longer reachable and is not
    saved. Slides added afterwards are numbered from 1 again.
    """
    id_list = prs.slides._sldIdLst
    entries = list(id_list)
    for entry in entries:
        r_id = entry.rId
        id_list.remove(entry)
        prs.part.drop_rel(r_id)
    return len(entries)
