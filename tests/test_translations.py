"""packgen's own words come from complete, compiled catalogues; English stays as written."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from where import REPO

from packgen import translations
from packgen.translations import LOCALES, known_languages, words

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "N_": None}
"""The calls ``make messages`` reads messages from (pybabel's defaults, plus ``N_``)."""
FIELD = re.compile(r"\{\w+\}|%\(\w+\)s")
CATALOGUES = sorted(LOCALES.glob("*/LC_MESSAGES/packgen.po"))


def catalogue(po):
    with po.open("rb") as handle:
        return read_po(handle, locale=po.parent.parent.name)


def code_messages() -> set[tuple[str | None, str]]:
    """Return (context, msgid) of every message the code and the templates write."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(REPO), method_map, options_map, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return found


def test_every_message_the_code_writes_is_in_each_catalogue() -> None:
    found = code_messages()
    assert len(found) > 100
    for po in CATALOGUES:
        have = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
                for m in catalogue(po) if m.id}
        missing = sorted(m for c, m in found - have)
        assert not missing, f"{po.relative_to(REPO)} lacks (run make messages): {missing}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(po) -> None:
    cat = catalogue(po)
    for m in cat:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(s.strip() for s in strings), f"{m.id!r} has no translation"
        assert len(strings) == (cat.num_plurals if m.pluralizable else 1), m.id
        assert not m.fuzzy, f"{m.id!r} is fuzzy: check it, then drop the flag"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_each_translation_keeps_the_fields_of_its_message(po) -> None:
    for m in catalogue(po):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(FIELD.findall(ids[-1]))
        for said in strings:
            assert set(FIELD.findall(said)) == wanted, f"{m.id!r} -> {said!r}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_the_shipped_mo_is_compiled_from_the_po(po) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(po))
    shipped = po.with_suffix(".mo")
    assert shipped.is_file() and shipped.read_bytes() == compiled.getvalue(), \
        f"{shipped.relative_to(REPO)} is stale: run make messages"


def test_the_welsh_catalogue_says_it_awaits_a_welsh_speakers_check() -> None:
    po = LOCALES / "cy" / "LC_MESSAGES" / "packgen.po"
    head = po.read_text(encoding="utf-8").split("msgid", 1)[0]
    assert "AWAITING A WELSH SPEAKER'S CHECK" in head
    assert "awaiting a Welsh speaker's check" in catalogue(po).last_translator


def test_the_catalogues_ship_in_the_package() -> None:
    data = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locales/*/LC_MESSAGES/*.mo"' in data
    assert known_languages() == ("en", "cy")


def test_english_words_are_the_messages_as_written() -> None:
    english = words("en-GB")
    assert english.english
    assert english("Slide {n}", n=3) == "Slide 3"
    assert english("Back at {time}") == "Back at {time}"
    assert english.ngettext("{n} minute", "{n} minutes", 1) == "1 minute"
    assert english.ngettext("{n} minute", "{n} minutes", 5) == "5 minutes"


def test_welsh_words_come_from_the_welsh_catalogue() -> None:
    welsh = words("cy-GB")
    assert not welsh.english
    assert welsh("Slide {n}", n=3) == "Sleid 3"
    assert welsh("Session plan") == "Cynllun y sesiwn"
    assert welsh("Back at {time}", time="11:25yb") == "Yn ôl am 11:25yb"
    assert [welsh.ngettext("{n} minute", "{n} minutes", n) for n in (0, 1, 2, 3, 6, 15)] == \
        ["0 munud", "1 munud", "2 munud", "3 munud", "6 munud", "15 munud"]
    assert words("cy")("Hard words") == "Geiriau anodd"


def test_a_language_without_a_catalogue_keeps_the_english_words() -> None:
    assert words("fr-FR").english
    assert words("fr-FR")("Session plan") == "Session plan"


def test_a_date_in_full_is_cldrs_long_form_for_a_language_babel_knows() -> None:
    import datetime as dt

    assert translations.date_in_full(dt.date(2026, 3, 3), "cy-GB") == \
        "Dydd Mawrth, 3 Mawrth 2026"
    assert translations.date_in_full(dt.date(2026, 3, 3), "zz-ZZ") == "2026-03-03"
