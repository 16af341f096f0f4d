"""The variables content may use: pack fields, friendly forms, the spaces model, variables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Self

from packgen.model import Pack, Project, Space
from packgen.translations import SOURCE
from packgen.wording import clock, clock_12h, date_long, join_names


def content_context(project: Project, pack: Pack) -> Mapping[str, object]:
    """Return the variables content may use: pack fields, friendly forms, model, variables."""
    lang = pack.language
    names = NameList(pack.facilitators, lang)
    end = pack.start + pack.slot
    audience = project.audiences.get(pack.audience)
    builtin = {
        "title": pack.title, "organisation": pack.organisation, "date": pack.date,
        "venue": pack.venue, "facilitators": names, "audience": pack.audience,
        "start": clock(pack.start), "slot": pack.slot,
        "model": model_namespace(project.spaces, lang),
        "date_long": date_long(pack.date, lang), "facilitator_names": str(names),
        "start_time": clock(pack.start), "start_time_12h": clock_12h(pack.start, lang),
        "end_time": clock(end), "end_time_12h": clock_12h(end, lang),
        "audience_name": audience.name if audience else pack.audience,
        "contact": Namespace(pack.contact, ", ".join(pack.contact.values())),
    }
    return MappingProxyType({**pack.variables, **builtin})


class NameList(tuple):
    """A tuple of names that reads as ``A, B and C`` (in Welsh ``A, B a C``) when put into
    text."""

    def __new__(cls, names: Iterable[object], lang: str = SOURCE) -> Self:
        made = super().__new__(cls, names)
        made.lang = lang
        return made

    def __str__(self) -> str:
        return join_names([str(name) for name in self], self.lang)


class Namespace(Mapping[str, object]):
    """A read-only bag of named values for dotted names in content (``{{ model.my_space }}``)."""

    __slots__ = ("_items", "_label")

    def __init__(self, items: Mapping[str, object], label: str) -> None:
        self._items = MappingProxyType(dict(items))
        self._label = label

    def __getattr__(self, name: str) -> object:
        try:
            return self._items[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> object:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __str__(self) -> str:
        return self._label


def model_namespace(spaces: Sequence[Space], lang: str = SOURCE) -> Namespace:
    """Return ``model``: ``model.spaces`` and each space by id (``-`` read as ``_``), their
    names joined in the language ``lang``."""
    each = {s.id.replace("-", "_"): _space(s) for s in spaces}
    names = join_names([s.name for s in spaces], lang)
    return Namespace({**each, "spaces": NameList(each.values(), lang), "names": names}, names)


def _space(space: Space) -> Namespace:
    fields = {f: getattr(space, f) for f in ("id", "name", "holder", "description", "colour")}
    return Namespace(fields, space.name)
