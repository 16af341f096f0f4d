"""Write tagged, reproducible PDFs from HTML with WeasyPrint (imported only when called)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_lib
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with a structure tree, ``/Lang``, and the title shown as the window title."""

_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


def write_pdf(html: str, target: Path, *, base_url: Path, built: dt.datetime, title: str,
              lang: str) -> None:
    """Write ``html`` to ``target`` as an A4 tagged PDF whose bytes depend only on the inputs.

    Page size, margins, running header and page numbers come from the HTML's own CSS
    (``@page``). Dates come from ``built``; the file identifier is a hash of the title and the
    HTML, so two builds of the same input give the same file. ``base_url`` resolves any relative
    URL left in the HTML (fonts and pictures are best inlined as ``data:`` URIs).
    """
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    source = _with_metadata(html, built, title)
    identifier = hashlib.sha256(f"{title}\n{html}".encode()).hexdigest()[:32].encode("ascii")
    document = HTML(string=source, base_url=str(base_url.resolve()) + "/").render()
    document.metadata.title = title
    document.metadata.lang = lang
    with _source_date(built):
        document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=identifier)



def w3c_date(moment: dt.datetime) -> str:
    """Return ``moment`` in UTC as a W3C date (``2026-03-03T09:00:00Z``)."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _source_date(built: dt.datetime) -> Iterator[None]:
    """Stamp ``built`` into embedded font subsets (fontTools reads ``SOURCE_DATE_EPOCH``)."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(built.timestamp()))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _with_metadata(html: str, built: dt.datetime, title: str) -> str:
    when = w3c_date(built)
    meta = (f'<meta name="dcterms.created" content="{when}">'
            f'<meta name="dcterms.modified" content="{when}">'
            f'<meta name="generator" content="packgen">')
    if not _HEAD.search(html):
        return f"<head><title>{html_lib.escape(title)}</title>{meta}</head>{html}"
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
