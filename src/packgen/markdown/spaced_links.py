"""Links whose address holds spaces, as Pandoc reads them: ``[text](my page.html)``.

CommonMark ends a link's address at the first space, so ``[text](a b)`` is no link and its
brackets are shown as typed. Pandoc reads the whole of ``a b`` as the address (written
``a%20b``), and so does the rule here, tried just before markdown-it's own link rule; an
address without spaces, or with a title (``"..."``), is left to that rule. The address is then
checked as every link's is. R Markdown's ``[`r url`](`r url`)`` (knitr code as the address)
is read this way too; the converter decides what it shows.

Functions here take markdown-it state objects but never import markdown-it itself.
"""

from __future__ import annotations

import re
from typing import Any

_ADDRESS = re.compile(r"\([ \t]*([^\s()<>\"']+(?:[ \t]+[^\s()<>\"']+)+)[ \t]*\)")
"""``(`` an address of words with spaces or tabs between them, no quotes, brackets or line
breaks ``)``."""


def spaced_links_plugin(md: Any) -> None:
    """Make ``md`` read ``[text](an address with spaces)`` as a link, as Pandoc does."""
    md.inline.ruler.before("link", "spaced_link", _spaced_link)


def _spaced_link(state: Any, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if label_end < 0:
        return False
    found = _ADDRESS.match(state.src, label_end + 1, state.posMax)
    if found is None:
        return False
    if not silent:
        end = state.posMax
        state.pos, state.posMax = state.pos + 1, label_end
        state.push("link_open", "a", 1).attrs = {"href": state.md.normalizeLink(found[1])}
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.push("link_close", "a", -1)
        state.posMax = end
    state.pos = found.end()
    return True
