"""Easy-read rules: check a tailored pack's easy-read rows and report findings with locations."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from packgen.errors import Diagnostic, info, warning
from packgen.model import EasyReadRow, GlossaryEntry, Module, Pack, TailoredPack, words
from packgen.rules import easy_read_words as ew
from packgen.rules.easy_read_pictures import check_pictures, check_titles
from packgen.wording import mask_glossary

DEFAULTS = {"sentence_words": 15, "zipf": 3.5, "syllables": 4, "grade": 5, "ease": 80}
"""Thresholds used when ``packgen.toml`` does not set them."""

MASK = "table"
"""A common two-syllable word put in place of glossary terms before scoring readability."""

ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")
NUMBER_DATE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})\b")
CLOCK_24H = re.compile(
    r"\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs|hours)\b"
    r"|(?<![\d£$€.:])(?:0\d|1[3-9]|2[0-3])[:.][0-5]\d(?!\d)(?!\s?[ap]\.?m)", re.IGNORECASE)
ABBREVIATION = re.compile(
    r"(?<![\w.])(?:e\.?g\.?|i\.e\.?|ie|etc\.?|approx\.?|tel\.?|asap|p\.s\.|n\.b\.|nb|vs\.?"
    r"|info|no\.(?=\s*\d))(?!\w)|(?<!\S)&(?!\S)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rules:
    """What the sentence rules need besides the sentence: glossary, known words, thresholds."""

    glossary: tuple[GlossaryEntry, ...]
    allowed: frozenset[str]
    """The project's allow-list, lower case: never flagged as hard words or acronyms."""
    names: frozenset[str]
    """Lower-case words of the pack's names (organisation, venue, people): never hard words."""
    sentence_words: int
    zipf: float
    syllables: float
    grade: float
    ease: float
    english: bool = True
    """Word frequency, syllables and Flesch scores are English-only: off for other languages."""


# --- public checks -----------------------------------------------------------------------


def check_pack(tp: TailoredPack) -> list[Diagnostic]:
    """Return every easy-read finding for the pack's modules, in module and row order, then
    the picture findings (one picture per idea, every hard word pictured) and the titles'."""
    rules = rules_for(tp)
    found: list[Diagnostic] = [] if rules.english else [skipped_rules(tp)]
    for module in tp.modules:
        if module.easy_read:
            found += check_module(module, rules)
        else:
            found.append(missing_block(module, tp.pack))
    return found + check_pictures(tp) + check_titles(tp)


ENGLISH_ONLY = {"PG204": "contractions", "PG205": "word frequency and syllables",
                "PG206": "numbers written as words", "PG209": "readability scores"}
"""The rules measured with English word lists or formulas: skipped for another language,
with one line per pack (and PG203 leaves out its English abbreviations)."""


def skipped_rules(tp: TailoredPack) -> Diagnostic:
    """Return the one info line saying which English-only rules a pack in another language
    was not checked by (PG136), at its language line."""
    names = ", ".join(f"{name} ({code})" for code, name in ENGLISH_ONLY.items())
    line = tp.pack.lines.get("languages", tp.pack.lines.get("language"))
    return info(f"the {tp.language} easy read of pack '{tp.pack.id}' is not checked for "
                f"{names} or English abbreviations: those rules measure English; sentence "
                "length, pictures, layout and sizes are checked with the same limits",
                tp.pack.loc.path, line, "PG136")


def rules_for(tp: TailoredPack) -> Rules:
    """Return the rule settings for a pack: thresholds from ``packgen.toml``, else defaults."""
    config = tp.project.config
    limits = {key: config.thresholds.get(key, value) for key, value in DEFAULTS.items()}
    allowed = frozenset(w.lower() for w in config.allow_words)
    return Rules(tp.project.glossary, allowed, frozenset(pack_names(tp.pack)),
                 int(limits["sentence_words"]), float(limits["zipf"]), float(limits["syllables"]),
                 float(limits["grade"]), float(limits["ease"]),
                 tp.language.lower().startswith("en"))


def check_module(module: Module, rules: Rules) -> list[Diagnostic]:
    """Return the findings for each row of a module, then its readability figures."""
    found = [d for row in module.easy_read for d in check_row(row, rules)]
    score = readability_info(module, rules)
    return found + ([score] if score else [])


def check_row(row: EasyReadRow, rules: Rules) -> list[Diagnostic]:
    """Return the findings for one row: its picture, then each rule on each sentence."""
    found = []
    if row.image is None:
        found.append(warning("easy-read row has no picture: put one on its left",
                             row.loc.path, row.loc.line, "PG202"))
    for sentence in row_sentences(row):
        for code, message in check_sentence(sentence, rules):
            found.append(warning(message, row.loc.path, row.loc.line, code))
    return found


def check_sentence(sentence: str, rules: Rules) -> list[tuple[str, str]]:
    """Return ``(code, message)`` for each rule one sentence breaks."""
    return [(code, message) for code, rule in SENTENCE_RULES.items()
            if rules.english or code not in ENGLISH_ONLY
            for message in rule(sentence, rules)]


def missing_block(module: Module, pack: Pack) -> Diagnostic:
    """Return the warning for a module the handout leaves out."""
    why = (f"has no easy-read rows for audience '{pack.audience}'" if module.has_easy_read
           else "has no easy-read block")
    return warning(f"module '{module.id}' ({module.title}) {why}: it is left out of the "
                   "easy-read handout", module.loc.path, module.loc.line, "PG210")


def readability_info(module: Module, rules: Rules) -> Diagnostic | None:
    """Return the module's Flesch figures as info, glossary terms masked, or None if empty."""
    if not rules.english:
        return None
    sentences = [mask_glossary(s, rules.glossary)
                 for row in module.easy_read for s in row_sentences(row)]
    score = ew.readability(sentences)
    if score is None:
        return None
    loc = module.easy_read[0].loc
    return info(f"easy read of module '{module.id}': Flesch-Kincaid grade {score.grade:.1f}, "
                f"Reading Ease {score.ease:.0f} ({score.words} words, {score.sentences} "
                f"sentences; aim for grade {rules.grade:g} or lower and ease {rules.ease:g} "
                "or higher)", loc.path, loc.line, "PG209")


# --- sentences and glossary --------------------------------------------------------------


def row_sentences(row: EasyReadRow) -> list[str]:
    """Return the sentences of a row: one per line, split again at end punctuation."""
    return [s for line in row.sentences for s in ew.split_sentences(words(line))]


def pack_names(pack: Pack) -> set[str]:
    """Return the lower-case words of the pack's names (organisation, venue, people)."""
    names = [pack.organisation, pack.venue, pack.title, *pack.facilitators,
             *pack.contact.values(), pack.checked_by or ""]
    return {w.lower() for name in names for _, w in ew.words(name)}


# --- sentence rules ----------------------------------------------------------------------


def _too_long(sentence: str, rules: Rules) -> list[str]:
    count = ew.sentence_length(sentence)
    if count <= rules.sentence_words:
        return []
    return [f"sentence has {count} words, more than {rules.sentence_words}: "
            f"'{_clip(sentence)}'"]


def _short_forms(sentence: str, rules: Rules) -> list[str]:
    text = mask_glossary(sentence, rules.glossary, " ")
    found = [m.group() for m in ACRONYM.finditer(text) if m.group().lower() not in rules.allowed]
    found += [m.group() for m in ABBREVIATION.finditer(text)] if rules.english else []
    return [f"'{short}' is an acronym or abbreviation: write it in full or add it to the "
            "glossary" for short in _unique(found)]


def _contractions(sentence: str, rules: Rules) -> list[str]:
    found = [w for _, w in ew.words(sentence) if ew.is_contraction(w)]
    return [f"contraction '{w}': write the words in full" for w in _unique(found)]


def _hard_words(sentence: str, rules: Rules) -> list[str]:
    if not rules.english:
        return []
    text = ABBREVIATION.sub(" ", mask_glossary(sentence, rules.glossary, " "))
    found = []
    for offset, word in ew.words(text):
        if _exempt(word, offset, text, rules):
            continue
        reason = ew.hard_reason(word, rules.zipf, rules.syllables)
        if reason:
            found.append((word, reason))
    return [f"hard word '{w}' ({why}): use an everyday word, or add it to the glossary or the "
            "allow-list" for w, why in _unique(found)]


def _number_words(sentence: str, rules: Rules) -> list[str]:
    tokens = [w.lower() for _, w in ew.words(sentence)]
    found = [w for i, w in enumerate(tokens)
             if w in ew.NUMBER_WORDS and not _idiom(tokens, i)]
    return [f"number written as a word '{w}': write it in digits" for w in _unique(found)]


def _number_dates(sentence: str, rules: Rules) -> list[str]:
    return [f"date '{m.group()}' in numbers only: write it in full, for example "
            "'Tuesday 3 March 2026'" for m in NUMBER_DATE.finditer(sentence)]


def _clock_24h(sentence: str, rules: Rules) -> list[str]:
    return [f"time '{m.group().strip()}' uses the 24-hour clock: write it like '2pm' or "
            "'2:30pm'" for m in CLOCK_24H.finditer(sentence)]


SENTENCE_RULES: dict[str, Callable[[str, Rules], list[str]]] = {
    "PG201": _too_long,
    "PG203": _short_forms,
    "PG204": _contractions,
    "PG205": _hard_words,
    "PG206": _number_words,
    "PG207": _number_dates,
    "PG208": _clock_24h,
}
"""Rule code to the check that returns one message per problem in a sentence."""


def _is_name(word: str, offset: int, text: str) -> bool:
    """Return True for a capitalised word that does not start the sentence (a name)."""
    return word[:1].isupper() and bool(text[:offset].strip(" \"'‘“("))


def _exempt(word: str, offset: int, text: str, rules: Rules) -> bool:
    """Return True for a word the hard-word rule leaves alone: names, allowed, not a word."""
    low = word.lower()
    return (low in rules.allowed or low in rules.names or _is_name(word, offset, text)
            or _not_a_word(word))


def _not_a_word(word: str) -> bool:
    """Return True for tokens other rules judge: numbers, times, acronyms, contractions."""
    return (any(c.isdigit() for c in word) or bool(ACRONYM.fullmatch(word))
            or ew.is_contraction(word))


def _idiom(tokens: list[str], i: int) -> bool:
    if tokens[i] != "one":
        return False
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return before in ew.ONE_IDIOMS_BEFORE or after in ew.ONE_IDIOMS_AFTER


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 3].rstrip() + "..."
