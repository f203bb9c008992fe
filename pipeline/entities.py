"""Stage 2: named entities of every speech, repaired by rules and linked.

The statistical model's entities (from the cached Docs of `pipeline.nlp`) are
combined with a gazetteer loaded into a spaCy `SpanRuler` (case-insensitive;
acronyms exact) and repaired by general rules for this genre:

- no entity crosses a line or paragraph break;
- salutations ("Dear Excellencies") and generic groups ("Member States") are
  not entities;
- titles are split from names ("Director General Swing" -> ROLE + PERSON);
- a gazetteer match replaces the model's spans it overlaps (full forms win:
  "Global Compact for Safe, Orderly and Regular Migration" is one AGENDA);
- the model's ORG/LAW/EVENT spans are relabelled AGENDA or EVENT by their head
  noun ("... Convention", "... Summit").

Mentions are then linked (see `pipeline.linking`) and written as
PROCESSED/entities (one row per mention) and PROCESSED/entity_counts.

Each speech's linked mentions are cached under INTERIM/entities/ (see
`pipeline.speechcache`), keyed by its texts and year, and valid while the
metadata place names it may mention are the same and the corpus's common words
leave its one-word entities as they were; so adding a speech loads and analyses
(nearly) only that speech. A cached result keeps its speech's words, so these
checks read no text but the new speeches'. Linking across speeches always runs,
on the cached results.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy
import pandas as pd
import yaml
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from tqdm import tqdm

from pipeline import config, linking, speechguard, stages
from pipeline.linking import Antecedents, Edition, Entry, Mention, SpeechPeople
from pipeline.officeholders import load_roles
from pipeline.speechcache import SpeechCache
from pipeline.storage import read_table, write_tables
from pipeline.tables import columns, frame

log = logging.getLogger(__name__)

SPANS_KEY = "gazetteer"
RULER_NAMES = {"LOWER": "gazetteer_ruler", "ORTH": "gazetteer_ruler_exact"}
BACKREF = "BACKREF"
SCORED_LABELS = ("PERSON", "ORG", "AGENDA", "EVENT")
SECTIONS = ("header", "text")
CACHE_NAMESPACE = "entities"
PROGRESS_MIN_SPEECHES = 20

# Head nouns that make a named span an agenda or an event, whatever the model said.
AGENDA_HEADS = frozenset({"agenda", "compact", "declaration", "convention", "treaty", "protocol",
                          "agreement", "framework", "charter", "goals", "plan", "initiative", "strategy", "statute", "accord", "covenant",
                          "action", "platform", "principles", "consensus", "pact"})
EVENT_HEADS = frozenset({"summit", "conference", "dialogue", "forum", "meeting", "session",
                         "debate", "hearings", "hearing", "congress", "consultation", "consultations",
                         "symposium", "olympics", "games", "expo", "cop"})
RELABEL_FROM = frozenset({"ORG", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "FAC", "PERSON"})
# A recogniser trained on the project's labels decides ORG, EVENT and PERSON itself: only its
# labels outside the scheme are relabelled by head noun.
OUTSIDE_SCHEME = frozenset({"LAW", "WORK_OF_ART", "PRODUCT", "FAC"})
HEAD_PREPOSITIONS = frozenset({"of", "on", "for", "against", "to"})
CONNECTIVES = frozenset({"and", "&", "of", "the"})
NAME_LABELS = frozenset({"PERSON", "ORG", "AGENDA", "EVENT"})
# A country's name plus one of these names its people ("Syria-ns", "Nepal-ese", "Israel-is").
DEMONYM_SUFFIXES = ("ns", "n", "ese", "is", "i")
# Head nouns (the word before a name's first preposition) that settle whether a name the
# recogniser found is an organisation, an instrument or an event. Words that name standing
# bodies and meetings alike ("Conference on Disarmament", "Pacific Islands Forum") are left
# to the recogniser, as is "Programme" (the UN Development Programme is an organisation).
DECISIVE_HEADS = {
    "AGENDA": frozenset({"agenda", "compact", "declaration", "convention", "covenant", "treaty", "protocol",
                         "protocols", "agreement", "accord", "accords", "charter", "pact", "strategy", "plan",
                         "framework", "initiative", "goals", "statute", "principles", "consensus", "pathway",
                         "policy", "facility"}),
    "EVENT": frozenset({"summit", "dialogue", "meeting", "year", "decade", "day", "week", "month", "war", "olympics", "games", "expo",
                        "session", "round", "crisis", "revolution"}),
    "ORG": frozenset({"organization", "organisation", "union", "agency", "bank", "court", "commission",
                      "committee", "council", "office", "department", "ministry", "secretariat", "university",
                      "institute", "party", "tribunal", "board", "authority", "parliament", "federation",
                      "association", "league", "movement", "group", "force", "mission", "fund", "community",
                      "centre", "center", "network", "panel"}),
}
DECISIVE_PREPOSITIONS = HEAD_PREPOSITIONS | {"in"}
# A "Programme" is an instrument when it is a programme of action or a national one ("Istanbul
# Programme of Action", "Integrated National School Feeding Programme"), an organisation when
# the UN or the world runs it ("World Food Programme"); otherwise the recogniser decides.
PROGRAMME_HEADS = frozenset({"programme", "program"})
PROGRAMME_ORG_FIRST_WORDS = frozenset({"united", "un", "world", "joint"})
# Heads that, after an ordinal, name one edition of a body's recurring meeting ("133rd Assembly
# of the Inter-Parliamentary Union", "Seventy-seventh World Health Assembly").
EDITION_HEADS = frozenset({"assembly", "congress"})
# A last word that makes any name a meeting, whatever comes before it ("Group of 20 Summit").
FINAL_EVENT_HEADS = frozenset({"summit"})
# Words that head the names of bodies, instruments and meetings: no person's name ("General
# Committee" after the title word "General").
HEAD_NOUNS = frozenset().union(*DECISIVE_HEADS.values(), AGENDA_HEADS, EVENT_HEADS)
_WORD = re.compile(r"\w+")
# UN document symbols ("A/59/2005", "S/RES/2334 (2016)", "A/RES/70/1"): a reference, not a name.
DOCUMENT_SYMBOL = re.compile(r"[A-Z]{1,3}(?:/[A-Za-z0-9.\-]+)+(?:\s*\(?\d{4}\)?)?")
_ORDINAL = re.compile(linking.ORDINAL_WORD, re.I)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")
# libyaml's safe loader when PyYAML was built with it (same data, ten times faster).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Tags of a first word that does not begin a name ("Confronting COVID-19", "We Nepalese"):
# inflected verbs and pronouns (not VB, which begins "Save the Children").
NOT_A_NAME_START_TAGS = frozenset({"VBG", "VBD", "VBZ", "VBP", "MD", "PRP", "PRP$", "WP", "WDT", "WRB"})
LEADING_JUNK = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "his", "her",
                          "its", "their", "my", "your", "and", "of"})


@dataclass(frozen=True)
class Gazetteer:
    """Gazetteer entries by id, plus the word lists the repair rules use."""

    entries: dict[str, Entry]
    titles: frozenset[str]
    salutations: frozenset[str]
    not_entities: frozenset[str]


# ------------------------------------------------------------------ resources

def _entry(raw: dict) -> Entry:
    editions = tuple(Edition(e["id"], e["name"], int(e["year"])) for e in raw.get("editions", []))
    return Entry(id=str(raw["id"]), label=raw["label"], name=raw["name"],
                 aliases=tuple(raw.get("aliases") or ()), backrefs=tuple(raw.get("backrefs") or ()),
                 standing_backrefs=tuple(raw.get("standing_backrefs") or ()),
                 wikidata=raw.get("wikidata"), year=raw.get("year"), editions=editions)


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path = config.GAZETTEER_PATH,
                   officeholders: Path = config.OFFICEHOLDERS_PATH) -> Gazetteer:
    """Read the gazetteer, adding the officeholder table's roles (ROLE) and holders (PERSON)."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    entries = {e.id: e for e in map(_entry, data.get("entities", []))}
    names = {e.name for e in entries.values() if e.label == "PERSON"}
    for role in load_roles(officeholders):
        rid = f"role_{linking.slug(role.name)}"
        entries.setdefault(rid, Entry(rid, "ROLE", role.name, role.aliases))
        for term in role.terms:
            if term.person not in names:
                names.add(term.person)
                pid = linking.slug(term.person)
                entries.setdefault(pid, Entry(pid, "PERSON", term.person))
    return Gazetteer(entries=entries,
                     titles=frozenset(data.get("titles", [])),
                     salutations=frozenset(s.lower() for s in data.get("salutations", [])),
                     not_entities=frozenset(linking.normalise(s) for s in data.get("not_entities", [])))


@functools.lru_cache(maxsize=4)
def load_nicknames(path: Path = config.NICKNAMES_PATH) -> dict[str, tuple[str, ...]]:
    """Given name (lower case) -> its nicknames."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    return {k.lower(): tuple(v) for k, v in (data.get("nicknames") or {}).items()}


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def case_variants(nlp: Language, form: str) -> list[str]:
    """`form` with its non-acronym words in lower, capitalised and original case (every
    combination) and all in capitals; acronyms kept exact ("UN charter", "UN Charter")."""
    doc = nlp.make_doc(form)
    options = [(t.text,) if _is_acronym(t.text) else
               tuple(dict.fromkeys((t.text, t.text.lower(), t.text[:1].upper() + t.text[1:].lower())))
               for t in doc]
    combos = [*itertools.product(*options), tuple(t.text.upper() for t in doc)]
    out = []
    for words in dict.fromkeys(combos):
        text = "".join(w + t.whitespace_ for w, t in zip(words, doc, strict=True))
        if [t.text for t in nlp.make_doc(text)] == list(words):  # same tokens as the alias
            out.append(text)
    return out


def alias_forms(nlp: Language, alias: str) -> tuple[str, list[str]]:
    """How to match `alias`: ("LOWER", [alias]) case-insensitively, or ("ORTH", its case
    variants) when one of its words is an acronym, which must match exactly ("UN", "SDGs")."""
    alias = alias.replace("–", "-")
    forms = [alias, *spelling_variants(alias)]
    forms += [broken for form in forms for broken in broken_hyphen_forms(form)]
    if "'" in alias or "’" in alias:  # "United Nations Children’s Fund" as pages write it
        forms += [f.replace("'", "’") if "'" in alias else f.replace("’", "'") for f in forms]
    if not any(_is_acronym(t.text) for t in nlp.make_doc(alias)):
        return "LOWER", forms
    return "ORTH", [variant for form in forms for variant in case_variants(nlp, form)]


# British and American spellings of words in names ("World Trade Organisation", "International
# Labor Organization"): a name written either way is the same name.
SPELLING_PAIRS = (("organization", "organisation"), ("labour", "labor"), ("programme", "program"),
                  ("centre", "center"), ("defence", "defense"))
_SPELLING = re.compile(r"\b(" + "|".join(w for pair in SPELLING_PAIRS for w in pair) + r")(s?)\b", re.I)
_OTHER_SPELLING = {a: b for pair in SPELLING_PAIRS for a, b in (pair, pair[::-1])}


def spelling_variants(alias: str) -> list[str]:
    """`alias` with words of SPELLING_PAIRS in their other spelling, the case kept, in every
    combination ("International Labour Organization" -> "... Labor Organization", "... Labour
    Organisation", "... Labor Organisation"); [] when it has none."""
    parts = _SPELLING.split(alias)  # text, word, plural "s", text, ...
    options = []
    for i, part in enumerate(parts):
        if i % 3 == 1:
            other = _OTHER_SPELLING[part.lower()]
            options.append((part, other.capitalize() if part[:1].isupper() else other))
        else:
            options.append((part,))
    return ["".join(words) for words in itertools.product(*options)][1:]


_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def broken_hyphen_forms(alias: str) -> list[str]:
    """`alias` with one of its inner hyphens followed by a space, as transcripts write a word
    broken at a line's end ("Asia- Europe Meeting", "Counter- Terrorism Strategy")."""
    return [alias[:m.end()] + " " + alias[m.end():] for m in _INNER_HYPHEN.finditer(alias)]


def backref_forms(nlp: Language, backref: str) -> tuple[str, list[str]]:
    """One capitalised word must match exactly ("Compact"); longer forms in any case."""
    return ("ORTH", [backref]) if len(nlp.make_doc(backref)) == 1 else ("LOWER", [backref])


def gazetteer_patterns(nlp: Language, gaz: Gazetteer) -> dict[str, list[dict]]:
    """SpanRuler phrase patterns for every name, alias and back-reference in the gazetteer,
    by the token attribute they match on ("LOWER" or "ORTH")."""
    patterns: dict[str, list[dict]] = {attr: [] for attr in RULER_NAMES}
    for e in gaz.entries.values():
        forms = [(e.label, alias_forms(nlp, form)) for form in dict.fromkeys((e.name, *e.aliases))]
        forms += [(BACKREF, backref_forms(nlp, form)) for form in e.backrefs]
        for label, (attr, texts) in forms:
            patterns[attr].extend({"label": label, "pattern": text, "id": e.id} for text in texts)
    return patterns


def add_rules(nlp: Language, gaz: Gazetteer) -> list[tuple[str, Callable[[Doc], Doc]]]:
    """Add the gazetteer SpanRulers to `nlp` (replacing older ones); return the rule
    components to apply to Docs (cached Docs come without them).

    Two phrase-matching rulers fill the same spans key: names in any case, and names
    with an acronym in them matched exactly (a token `Matcher` costs far more)."""
    rules = []
    for attr, patterns in gazetteer_patterns(nlp, gaz).items():
        name = RULER_NAMES[attr]
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
        ruler = nlp.add_pipe("span_ruler", name=name, last=True, config={
            "spans_key": SPANS_KEY, "phrase_matcher_attr": attr, "validate": False,
            "annotate_ents": False, "overwrite": not rules})
        with nlp.select_pipes(enable=[]):  # phrase patterns on ORTH/LOWER need only tokens
            ruler.add_patterns(patterns)
        rules.append((name, ruler))
    return rules


def gazetteer_spans(doc: Doc) -> list[Span]:
    """The rulers' matches, deduplicated and sorted as one SpanRuler would give them."""
    return sorted(set(doc.spans.get(SPANS_KEY, [])))


# ------------------------------------------------------------------ repairs

def _breaks_after(tok) -> bool:
    return "\n" in tok.whitespace_ or "\n" in tok.text


def split_at_breaks(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of [start, end) with no line break inside."""
    pieces, s = [], start
    for i in range(start, end):
        tok = doc[i]
        if tok.is_space:
            if s < i:
                pieces.append((s, i))
            s = i + 1
        elif _breaks_after(tok) and i + 1 < end:
            pieces.append((s, i + 1))
            s = i + 1
    if s < end:
        pieces.append((s, end))
    return pieces


BODY_PARAGRAPH_CHARS = 80  # a line this long before a break is body text, not a heading


def cut_mid_sentence(doc: Doc, start: int, end: int) -> bool:
    """Whether the recogniser's span [start, end) runs over a paragraph break that cuts a body
    sentence ("the Office of the United Nations High⏎⏎Commissioner for Refugees"): its parts
    are no names by themselves (the guide), and the gazetteer still finds those that are."""
    for i in range(start, end - 1):
        ws = doc[i].whitespace_ + (doc[i + 1].text if doc[i + 1].is_space else "")
        if ws.count("\n") < 2 or doc[i].text[-1:] in ".!?:;":
            continue
        j = i  # the line's first token
        while j > 0 and not _breaks_after(doc[j - 1]):
            j -= 1
        if doc[i].idx + len(doc[i]) - doc[j].idx >= BODY_PARAGRAPH_CHARS:
            return True
    return False


def _is_title(tok, gaz: Gazetteer) -> bool:
    """A title, or titles ("Ministers", "Majesties")."""
    text = tok.text.rstrip(".")
    return tok.text in gaz.titles or text in gaz.titles or (
        text.endswith("s") and (text[:-1] in gaz.titles or (text.endswith("ies") and text[:-3] + "y" in gaz.titles)))


def _article_of_title(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    """Whether token `i` is the article of a title after it ("El Hadj Omar Bongo")."""
    return doc[i].lower_ in ("el", "al") and i + 1 < len(doc) and _is_title(doc[i + 1], gaz)


def trim(doc: Doc, start: int, end: int, label: str, gaz: Gazetteer) -> tuple[int, int]:
    """Strip salutations, determiners, inflected verbs and pronouns at the start, punctuation
    (and titles, for people) off the edges; a closing bracket that closes one inside the span stays ("resolution 2254 (2015)")."""
    while start < end:
        tok = doc[start]
        low = tok.lower_
        if (low in gaz.salutations or (low in LEADING_JUNK and not _possessive_in_name(tok)) or tok.is_punct
                or tok.is_space or (label == "PERSON" and (_is_title(tok, gaz) or (
                    start + 1 < end and _article_of_title(doc, start, gaz))))
                or (tok.tag_ in NOT_A_NAME_START_TAGS and not _possessive_in_name(tok))):
            start += 1
        else:
            break
    first = start
    if label in ("ORG", "AGENDA", "EVENT") and end - start >= 5 and doc[start].text[:1].isupper() \
            and doc[start + 1].text.endswith("s") and doc[start + 1].text not in gaz.titles \
            and _is_title(doc[start + 1], gaz):
        first = start + 1  # "Force [Commanders] of the ...": people holding a title, no part of the name
    if label in ("ORG", "AGENDA", "EVENT") and end - first >= 4 and _is_title(doc[first], gaz) \
            and doc[first + 1].lower_ in ("of", "for"):
        rest = first + 2 + (doc[first + 2].lower_ == "the")
        if end - rest >= 2 and not all(_is_title(t, gaz) or not t.is_alpha for t in doc[rest:end]):
            start = rest  # "Founder of [Justice for ...]", "Spokespersons for the [Office ...]": a title is no part of it
    end = _before_unclosed_quote(doc, start, _before_unclosed_bracket(doc, start, end))
    if label == "PERSON":
        end = next((i for i in range(start + 1, end) if doc[i].lower_ in {"'s", "’s"}), end)
        # "[Guy Ryder]'s Address to ...": a name ends at its possessive
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in {"'s", "’s"} or doc[end - 1].text in TIME_ADVERBS):
        if doc[end - 1].text == ")" and "(" in doc[start:end - 1].text:
            break
        end -= 1
    tail = _time_phrase_start(doc, start, end)
    if tail is not None:
        end = tail  # "my [Office] for the next biennium"
    if label in ("ORG", "AGENDA", "EVENT") and end - start >= 3 and end < len(doc) \
            and doc[end - 1].text in ROLE_OPENING_TITLES and _is_title(doc[end], gaz):
        end -= 1  # "the [United Nations World Food Programme] Executive Director"
    end = next((i for i in range(start + 2, end - 1) if doc[i].lower_ in GERUND_PREPOSITIONS
                and doc[i + 1].text.islower() and doc[i + 1].text.endswith("ing") and len(doc[i + 1].text) > 5), end)
    # "the [Regional Network on Migration] for supporting the organization": a clause, no part of the name
    if label == "ORG" and end - start >= 3 and doc[end - 1].text in GENERIC_BODY_NOUNS \
            and all(t.text[:1].isupper() for t in doc[start:end - 1]):
        end -= 1  # "the [Giving Women] organization", "the [Uniting for Consensus] group"
    return start, end


# Words in lower case that end no name: a span ending so was cut by a line break or a clause
# ("[Remarks by]" before a speaker's name). Not "in", "of" ...: a place may complete the name
# ("United Nations Observer Mission in [Borduria]").
TRAILING_FUNCTION_WORDS = frozenset({"by", "and", "the", "with", "from", "a", "an"})
# Title words that open a role ("Executive Director", "Deputy Director"): no last word of a name
# when a title follows them.
ROLE_OPENING_TITLES = frozenset({"Executive", "Deputy", "Acting", "Assistant", "Associate"})
# Prepositions that, before a verb's -ing form in lower case, open a clause after a name.
GERUND_PREPOSITIONS = frozenset({"for", "by", "in", "to"})
# A time phrase in lower case that can end a recogniser's span ("for the next biennium", "over
# the past decade"): no part of the name before it.
TIME_PHRASE = re.compile(r"(?:for|in|over|during|within|of)\s+(?:the|this|that)\s+(?:next|coming|past|last|current|"
                         r"following|previous)(?:\s+\w+)?\s+(?:biennium|year|years|decade|decades|months?|weeks?|"
                         r"period|quarter|century|session)")


def _time_phrase_start(doc: Doc, start: int, end: int) -> int | None:
    """The token where a time phrase in lower case ends the span [start, end) after capitalised
    words, else None."""
    for i in range(start + 1, end - 2):
        if doc[i].lower_ in ("for", "in", "over", "during", "within", "of") and doc[i - 1].text[:1].isupper() \
                and TIME_PHRASE.fullmatch(doc[i:end].text):
            return i
    return None


# Nouns in lower case after a capitalised name that say what kind of body it is.
GENERIC_BODY_NOUNS = frozenset({"organization", "organisation", "group", "movement"})


# Words in lower case for when, after a name ("its seventy-third session today"): never part of it.
TIME_ADVERBS = frozenset({"today", "yesterday", "tomorrow", "tonight", "now"})


# Possessives that begin a title when written with a capital inside a sentence ("the report Our
# Common Agenda"); at a sentence's start, or in lower case, they are not part of the name.
NAME_POSSESSIVES = frozenset({"our", "my", "your", "their"})


def _possessive_in_name(tok) -> bool:
    return tok.lower_ in NAME_POSSESSIVES and tok.text[:1].isupper() and not tok.is_sent_start and tok.i > 0 \
        and not _breaks_after(tok.doc[tok.i - 1]) and tok.doc[tok.i - 1].text not in {'"', "“", "‘", "'", ":"}


def _before_unclosed_bracket(doc: Doc, start: int, end: int) -> int:
    """`end`, or the start of an opening bracket in [start, end) that the span does not close
    ("Group of Twenty (G-20" is "Group of Twenty")."""
    depth_at = None
    for i in range(start, end):
        if doc[i].text == "(" and depth_at is None:
            depth_at = i
        elif doc[i].text == ")" and depth_at is not None:
            depth_at = None
    return end if depth_at is None or depth_at == start else depth_at


CLOSING_QUOTE_OF = {"“": "”", '"': '"', "‘": "’"}


def _before_unclosed_quote(doc: Doc, start: int, end: int) -> int:
    """`end`, or the start of an opening quotation mark inside (start, end) that the span does not
    close: a quoted theme or title after a name is no part of it ("79th session [“Unity in
    diversity, ...”]")."""
    for i in range(start + 1, end):
        close = CLOSING_QUOTE_OF.get(doc[i].text)
        if close is not None and doc[i].whitespace_ == "" and not any(t.text == close for t in doc[i + 1:end]):
            return i
    return end


ROMAN_NUMERALS = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX"})


def with_roman_numeral(doc: Doc, end: int) -> int:
    """`end`, or one token further when a Roman numeral right after the span numbers it
    ("Geneva II", "Habitat III")."""
    if end < len(doc) and doc[end].text in ROMAN_NUMERALS and doc[end - 1].whitespace_ == " " \
            and doc[end - 1].is_alpha and doc[end - 1].text[:1].isupper():
        return end + 1
    return end


def mend_broken_hyphen(doc: Doc, start: int, end: int) -> int:
    """`end` carried over a word broken by a hyphen and a space ("Counter- Terrorism Strategy",
    "Muhammad- Bande"): the capitalised words after it on the same line (with "of", "for",
    "and", "the" between them) belong to the name."""
    last = doc[end - 1]
    if not (last.text.endswith("-") and len(last.text) > 1 and last.whitespace_ == " "):
        return end
    j = end
    def name_word(k: int) -> bool:
        return k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper()

    while j < len(doc) and not _breaks_after(doc[j - 1]) and (
            name_word(j) or (doc[j].lower_ in CONNECTIVES | {"for"} and name_word(j + 1))):
        j += 1
    while j > end and doc[j - 1].lower_ in CONNECTIVES | {"for"}:
        j -= 1
    return j


# Head nouns of things the annotation guide does not annotate: reports, indexes, prizes,
# buildings and other facilities ("Global Peace Index 2016", "South Ukraine Nuclear Power Plant").
NOT_ANNOTATED_HEADS = frozenset({"report", "reports", "index", "award", "prize", "plant", "dam", "hall",
                                 "airport", "building", "museum", "stadium", "bridge", "palace", "hotel",
                                 "hotels", "hospital", "mosque", "temple", "cathedral", "church",
                                 "site", "sites", "shrine", "shrines", "room", "rooms", "auditorium",
                                 "video", "videos", "film", "handbook", "book", "manual", "orphanage",
                                 "orphanages", "canal", "canals", "pipeline", "railway"})
# Head nouns of a kind of meeting, never a name by themselves ("Daily Press Briefing"); unlike the
# heads above, the name before one stays a name ("[Security Council] Briefing").
GENERIC_MEETING_HEADS = frozenset({"briefing", "briefings"})
# Last words that make any name a recording's title.
MEDIA_NOUNS = frozenset({"video", "videos", "film"})
# A conference or convention centre is a building ("Centre international de Conférences de Genève").
VENUE_NAME = re.compile(r"(?i)\b(?:conference|convention|congress)s?\s+(?:centre|center)\b"
                        r"|\b(?:centre|center|palais|palacio)\s+(?:international\s+)?(?:de|des|of)\s+"
                        r"(?:conférences|conferences|congr[eè]s|convenciones|congresos)\b")
# Report-like nouns that, even in lower case, make the name before them a publication's when the
# recogniser took it for an instrument or a meeting ("its annual [Global Trends] report").
PUBLICATION_NOUNS = frozenset({"report", "reports", "index", "yearbook", "survey", "outlook"})


def before_not_annotated_head(doc: Doc, end: int) -> bool:
    """True when a capitalised report, index, prize or facility noun follows the span on its line:
    the recogniser cut a name the guide does not annotate ("Multidimensional Vulnerability
    [Index]")."""
    return end < len(doc) and doc[end].lower_ in NOT_ANNOTATED_HEADS and doc[end].text[:1].isupper() \
        and not _breaks_after(doc[end - 1])


def before_publication_noun(doc: Doc, end: int) -> bool:
    """True when a publication's noun in lower case follows on the line ("Global Trends report")."""
    return end < len(doc) and doc[end].text in PUBLICATION_NOUNS and not _breaks_after(doc[end - 1])


# Capitalised words that, last or last but one, make a name a publication's ("Global Trends Report").
PUBLICATION_TITLE_WORDS = frozenset({"Report", "Reports", "Yearbook", "Outlook"})


FACILITY_HEADS = frozenset({"canal", "pipeline", "railway"})


def is_not_annotated_kind(span: Span) -> bool:
    """True for a capitalised name whose head noun (before its first preposition, a year after
    it skipped) is a report, index, prize or facility."""
    if len(span) == 1:
        # "the closure of the [Canal]": a facility named before, referred back to by its kind
        return span[0].lower_ in FACILITY_HEADS and span[0].text[:1].isupper()
    if not (span[0].text[:1].isupper() or span[0].is_digit or _ORDINAL.fullmatch(span[0].text)):  # "2015 Nobel Prize"
        return False
    if VENUE_NAME.search(span.text) or (span[-1].lower_ in MEDIA_NOUNS and span[-1].text[:1].isupper()):
        return True  # a conference centre; "[International Day of Forests Video]"
    if any(t.text in PUBLICATION_TITLE_WORDS for t in span[-2:]):
        return True  # "first World Migration Report", "World Migration Report Series": a publication
    i = head_index(span.doc, span.start, span.end)
    while i > span.start and not span.doc[i].is_alpha:
        i -= 1
    if span.doc[i].lower_ in ("edition", "editions"):
        return True  # "the [2005 edition]" of a report
    return span.doc[i].lower_ in NOT_ANNOTATED_HEADS | GENERIC_MEETING_HEADS and span.doc[i].text[:1].isupper()


def relabelled(nlp: Language) -> frozenset[str]:
    """The model's labels that `head_label` may change: all of RELABEL_FROM for a recogniser
    that does not know AGENDA (the base model), else only those outside the project's scheme."""
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    return OUTSIDE_SCHEME if ner is not None and "AGENDA" in ner.labels else RELABEL_FROM


FOUNDING_INSTRUMENTS = frozenset({"agreement", "treaty", "convention", "protocol", "statute", "charter"})
FOUNDING_VERBS = frozenset({"establishing", "creating", "instituting", "founding"})


def is_founding_instrument(span: Span) -> bool:
    """An instrument named by what it founds ("Agreement Establishing the Common Fund for
    Commodities"): the instrument, not the body."""
    return len(span) > 2 and span[0].lower_ in FOUNDING_INSTRUMENTS and span[1].lower_ in FOUNDING_VERBS


def decisive_label(span: Span, label: str) -> str:
    """ORG, AGENDA or EVENT as the name's head noun settles it (see DECISIVE_HEADS) when the
    recogniser gave one of them, else `label`: "International Covenant on Civil and Political
    Rights" is an instrument, "Collective Security Treaty Organization" an organisation,
    "International Decade for Natural Disaster Reduction" an event, "Group of 20 Summit" and
    "2019 Climate Summit" events; when the word before the first preposition decides nothing, an
    instrument's head noun at the end does ("SIDS Accelerated Modalities of Action Pathway")."""
    if label not in DECISIVE_HEADS or len(span) < 2 or not (span[0].text[:1].isupper() or span[0].is_digit):
        return label
    if is_founding_instrument(span):
        return "AGENDA"  # "Agreement Establishing the Common Fund for Commodities"
    if span[-1].lower_ in FINAL_EVENT_HEADS and span[-1].text[:1].isupper():
        return "EVENT"  # "Group of 20 Summit": the meeting of a body
    if span[-1].text == "Conference" and head_index(span.doc, span.start, span.end) == span.end - 1:
        return "EVENT"  # "... Review and Extension Conference", "Madrid Conference": a meeting; standing
        # bodies go on with a preposition ("Conference on Disarmament", "Organisation of the Islamic Conference")
    cut = next((i for i in range(1, len(span)) if span[i].lower_ in DECISIVE_PREPOSITIONS), len(span))
    head = span[cut - 1].lower_
    if span[-1].text == "Conference" and cut < len(span) and head not in HEAD_NOUNS:
        return "EVENT"  # "Africa Regional Review of the GCM implementation Conference": a meeting whose
        # head names no body, instrument or meeting; "Organisation of the Islamic Conference" keeps its head's label
    if head in PROGRAMME_HEADS:
        return programme_label(span, cut, label)
    decided = next((new for new, heads in DECISIVE_HEADS.items() if head in heads), None)
    if decided is None and cut < len(span) and span[-1].lower_ in DECISIVE_HEADS["AGENDA"] and span[-1].text[:1].isupper():
        return "AGENDA"  # "... Modalities of Action Pathway": an instrument named at its end
    return label if decided is None else decided


def programme_label(span: Span, cut: int, label: str) -> str:
    """The label of a name headed by "Programme" (see PROGRAMME_HEADS) whose head ends at `cut`."""
    words = [t.lower_ for t in span]
    if words[cut:cut + 2] == ["of", "action"] or "national" in words[:cut]:
        return "AGENDA"
    return "ORG" if words[0] in PROGRAMME_ORG_FIRST_WORDS else label


def head_label(span: Span, label: str, relabel: frozenset[str] = RELABEL_FROM) -> str:
    """AGENDA or EVENT when the span's last word says so and `label` is one of `relabel`;
    otherwise its `decisive_label`. An ordinal before an assembly or congress makes an edition
    of a body's meeting ("133rd Assembly of the Inter-Parliamentary Union")."""
    if label in DECISIVE_HEADS and len(span) >= 2 and _ORDINAL.fullmatch(span[0].text) \
            and span.doc[head_index(span.doc, span.start, span.end)].lower_ in EDITION_HEADS:
        return "EVENT"
    if label not in relabel:
        return decisive_label(span, label)
    if len(span) < 2 or not span[0].text[:1].isupper():
        return label
    if is_founding_instrument(span):
        return "AGENDA"
    words = [t.lower_ for t in span]
    cut = next((i for i, w in enumerate(words) if w in HEAD_PREPOSITIONS), len(words))
    heads = [words[cut - 1]] if cut else []
    heads.append(words[-1])
    for head in heads:
        if head in AGENDA_HEADS:
            return "AGENDA"
        if head in EVENT_HEADS:
            return "EVENT"
    return label


def is_generic(span: Span, gaz: Gazetteer) -> bool:
    """True for salutations, bare titles ("Majesties and Excellencies", "Second Vice Chair"),
    generic groups ("Member States") and a list with one of them in it."""
    words = [t for t in span if not t.is_punct and t.lower_ not in CONNECTIVES]
    if all(t.lower_ in gaz.salutations or _is_title(t, gaz) or _ORDINAL.fullmatch(t.text) for t in words):
        return True
    if "," in span.text and any(linking.normalise(part) in gaz.not_entities
                                for part in re.split(r"\s*,\s*(?:and\s+)?", span.text) if part):
        return True  # "Member States, International Organizations, Civil Society": a list of groups
    return linking.normalise(span.text) in gaz.not_entities


def is_heading(span: Span, label: str) -> bool:
    """True for three words or more all in capitals, other than a person's name: a heading or
    title line ("OPENING REMARKS AT INFORMAL INTERACTIVE HEARINGS"), not a name the model can
    tell apart (names written so are matched by the gazetteer, which knows their capitals); so is
    any span of such a line ("INFORMATION" of "PRESS BRIEFING BY THE INFORMATION SERVICE")."""
    if label == "PERSON":
        return False
    words = [t.text for t in span if t.is_alpha]
    if len(words) >= 3:
        return all(w.isupper() for w in words)
    if not words or not all(w.isupper() for w in words):
        return False
    doc, start, end = span.doc, span.start, span.end
    n = len(words)
    while start > 0 and not _breaks_after(doc[start - 1]):  # stops at the first word in lower case
        start -= 1
        if doc[start].is_alpha:
            if not doc[start].is_upper:
                return False
            n += 1
    while end < len(doc) and not _breaks_after(doc[end - 1]):
        if doc[end].is_alpha:
            if not doc[end].is_upper:
                return False
            n += 1
        end += 1
    return n >= 3


# Words that head a section of a statement on a line of their own; the guide does not annotate
# them ("Introduction", "Closing Remarks").
SECTION_HEADINGS = frozenset({"introduction", "conclusion", "conclusions", "background", "summary", "overview",
                              "context", "recommendations", "remarks", "annex", "preamble", "foreword", "epilogue",
                              "prologue", "acknowledgements", "acknowledgments", "contents", "highlights"})


# Words of quantities, which no name holds ("Nearly 24 million").
QUANTITY_WORDS = frozenset({"million", "millions", "billion", "billions", "trillion", "percent", "per"})


def is_quantity_or_ordinal(span: Span) -> bool:
    """True for a span that is an ordinal alone ("fifty-sixth"), an ordinal of a span of time
    written in lower case ("the fifty-seventh day of my tenure") or holds a quantity word."""
    return bool(_ORDINAL.fullmatch(span.text)) or any(t.lower_ in QUANTITY_WORDS for t in span) \
        or (len(span) > 1 and span[-1].text in ORDINAL_TIME_WORDS
            and bool(_ORDINAL.fullmatch(span[:-1].text)))


# Words in lower case after an ordinal that count time, not name an occasion; and words after an
# ordinal that count states or parties ("became the eighty-fourth State to sign").
ORDINAL_TIME_WORDS = frozenset({"day", "week", "month", "year", "time", "anniversary", "birthday",
                                "State", "state", "country", "nation", "signatory", "Member", "member"})


# One capitalised word that stands for a state in its own speech (the guide: "the Kingdom", "the
# Sultanate" are GPE).
STATE_STAND_INS = frozenset({"Kingdom", "Principality", "Sultanate", "Emirate", "Emirates", "Republic",
                             "Grand Duchy", "Confederation"})
# Last words that make a name a geographic area ("Comoro Archipelago", "Blue Pacific Continent").
GEOGRAPHIC_HEADS = frozenset({"archipelago", "continent", "peninsula", "ocean", "sea", "basin", "desert",
                              "valley", "river", "lake", "mountains", "subcontinent", "plateau", "strait", "channel"})


# Heads that make a name the recogniser took for a place a meeting or a body, when the name ends
# in one ("Hong Kong Ministerial Conference", "East Asia Summit", "Gulf Cooperation Council").
# Not "Union" or "Federation", which end the names of states ("Soviet Union", "Russian Federation").
PLACE_NAMED_HEADS = {
    "EVENT": frozenset({"conference", "summit", "meeting", "war", "day"}),
    "ORG": frozenset({"forum", "council", "organization", "organisation", "community", "commission",
                      "secretariat", "court", "tribunal", "agency"}),
    "AGENDA": frozenset({"agreement", "accord", "accords", "treaty", "convention", "declaration",
                         "protocol", "plan", "initiative", "strategy", "charter"}),
}


def place_named_label(span: Span, label: str) -> str:
    """EVENT, ORG or AGENDA for a name of two words or more, capitalised, that the recogniser
    labelled a place but that ends in the capitalised head noun of a meeting, a body or an
    instrument with no preposition before it (see PLACE_NAMED_HEADS); else `label`."""
    if label not in ("GPE", "LOC", "NORP") or len(span) < 2 or not span[0].text[:1].isupper():
        return label
    last = span[-1]
    if not last.text[:1].isupper() or head_index(span.doc, span.start, span.end) != span.end - 1:
        return label
    return next((new for new, heads in PLACE_NAMED_HEADS.items() if last.lower_ in heads), label)


def place_kind_label(span: Span, label: str) -> str:
    """GPE for a state's stand-in, LOC for a name ending in a geographic head noun with no
    preposition before it, else `label` (a place-labelled name of a meeting, body or
    instrument gets its `place_named_label`)."""
    if label not in ("ORG", "AGENDA", "EVENT", "PERSON"):
        return place_named_label(span, label)
    if span.text in STATE_STAND_INS:
        return "GPE"
    if len(span) >= 2 and span[-1].lower_ in GEOGRAPHIC_HEADS and span[-1].text[:1].isupper() \
            and head_index(span.doc, span.start, span.end) == span.end - 1:
        return "LOC"
    return label


def is_section_heading(span: Span) -> bool:
    """True for a one-word line that names a section of the statement ("Introduction")."""
    doc = span.doc
    alone = (span.start == 0 or _breaks_after(doc[span.start - 1])) and (
        span.end == len(doc) or _breaks_after(doc[span.end - 1]) or doc[span.end].is_space)
    return len(span) == 1 and span[0].lower_ in SECTION_HEADINGS and alone


def is_topic_heading(doc: Doc, start: int, end: int) -> bool:
    """True for words alone on their line, capitalised, whose head noun heads no name: a topic
    heading of a briefing or statement ("Geneva Activities", "UN Geneva Press Briefing"), not an
    instrument or a meeting ("6th Annual Giving Women Conference" heads with "Conference")."""
    if end - start < 2 or not (start == 0 or _breaks_after(doc[start - 1])) \
            or not (end == len(doc) or _breaks_after(doc[end - 1]) or doc[end].is_space):
        return False
    head = doc[head_index(doc, start, end)]
    return head.is_alpha and head.text[:1].isupper() and head.lower_ not in HEAD_NOUNS \
        and not any(t.like_num for t in doc[start:end])


def is_common_word(span: Span, lower_words: set[str]) -> bool:
    """True for a one-word span whose word also occurs in lower case in the same text
    ("Gender", "State"): a capitalised common noun, not a name."""
    return len(span) == 1 and span[0].lower_ in lower_words


# Member States whose name joins two names with "and": the model can cut them ("Saint Vincent"
# GPE + "Grenadines" AGENDA), so they are always known places, whatever the corpus's countries.
COMPOUND_STATE_NAMES = frozenset({
    "Saint Vincent and the Grenadines", "St. Vincent and the Grenadines", "St Vincent and the Grenadines",
    "Saint Kitts and Nevis", "St. Kitts and Nevis", "St Kitts and Nevis", "Antigua and Barbuda",
    "Trinidad and Tobago", "Sao Tome and Principe", "São Tomé and Príncipe", "Bosnia and Herzegovina"})


def place_names(places: Iterable[object]) -> list[str]:
    """Sorted place names from metadata values, also without "Republic of" and the like."""
    names = {str(p).strip() for p in places if isinstance(p, str) and len(p.strip()) > 3}
    names |= {re.sub(r"^(?:the\s+)?(?:Republic|Kingdom|State|Principality)\s+of\s+(?:the\s+)?", "", n) for n in names}
    return sorted(names | COMPOUND_STATE_NAMES)


def place_words(places: Iterable[str]) -> list[tuple[str, frozenset[str]]]:
    """(name, its lower-case words) of each place, for `places_in`."""
    return [(name, frozenset(_WORD.findall(name.lower()))) for name in places]


def text_words(text: str) -> set[str]:
    """The words of `text` in lower case, as `places_in` compares them."""
    return set(_WORD.findall(text.lower()))


def places_in(text: str | set[str], places: Sequence[tuple[str, frozenset[str]]]) -> list[str]:
    """The names of `places` (see `place_words`) whose words all occur in `text` (or in its
    `text_words`): every place the gazetteer can match there, and rarely one more."""
    words = text_words(text) if isinstance(text, str) else text
    return [name for name, needed in places if needed <= words]


def with_places(gaz: Gazetteer, places: Iterable[str]) -> Gazetteer:
    """`gaz` plus GPE entries for `places` (e.g. the corpus's own country metadata),
    so the model's "Mali" PERSON or "Paraguay" ORG becomes a GPE."""
    entries = dict(gaz.entries)
    for place in place_names(places):
        pid = f"gpe:{linking.slug(place)}"
        entry = entries.setdefault(pid, Entry(pid, "GPE", place))
        if entry.label == "GPE" and place != entry.name and place not in entry.aliases:
            entries[pid] = replace(entry, aliases=(*entry.aliases, place))  # "St. Vincent ..." and "St Vincent ..."
    return replace(gaz, entries=entries)


def with_edition(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """(start, label) of a span with the ordinal that names its edition in a series: the
    ordinal right before an event ("the [third International Conference on Financing for
    Development]"), "<ordinal> session of the" before any body, or "<ordinal> meeting of the"
    before a conference or meeting, which is then an event ("the [twenty-eighth session of the
    Conference of the Parties ...]", "the [sixtieth session of the Executive Committee]", "the
    [third meeting of the Global Forum on Migration and Development]")."""
    words = [t.lower_ for t in doc[max(0, start - 3):start]]
    if label in ("EVENT", "ORG") and (words == ["session", "of", "the"] or (
            words == ["meeting", "of", "the"]
            and (label == "EVENT" or doc[head_index(doc, start, end)].lower_ in EVENT_HEADS))):
        ordinal = ordinal_start(doc, start - 4)
        if ordinal is not None:
            return ordinal, "EVENT"
    ordinal = ordinal_start(doc, start - 1) if label == "EVENT" else None
    return (start, label) if ordinal is None else (ordinal, label)


# Verbs of moving people that, with "to", "from" or "into", lead to a place ("fled to ...").
MOVEMENT_VERBS = frozenset({"fled", "evacuated", "relocated", "displaced", "deported", "returned", "travelled",
                            "traveled", "moved", "transferred", "resettled", "flown", "bussed", "airlifted"})


def after_movement(doc: Doc, start: int) -> bool:
    """Whether a name at `start` follows a verb of moving people and "to", "from" or "into"
    ("evacuated to [Wad Medani]"): the place they moved to or from, not a person."""
    return start >= 2 and doc[start - 1].lower_ in ("to", "from", "into") and doc[start - 2].lower_ in MOVEMENT_VERBS


def without_trailing_function_words(doc: Doc, s: int, end: int) -> int:
    """The end of a recogniser span that ran into the words linking it to the next name ("the
    [Assembly of Heads of State and Government of the] Organization of African Unity"): before
    those words when a name of two or more words with a capitalised last word is left; `end`
    otherwise (a span such as "[Remarks by]" is then dropped as ending in a function word)."""
    e = end
    while e > s and doc[e - 1].text in TRAILING_FUNCTION_WORDS | {"of"}:
        e -= 1
    return e if e < end and e - s >= 2 and doc[e - 1].text[:1].isupper() and doc[e - 1].text[-1:].isalpha() else end


def is_regional_review(span: Span) -> bool:
    """Whether a capitalised name is headed by "Regional Review": a meeting that reviews an
    instrument in one region ("Arab Regional Review of the Global Compact for Migration")."""
    i = head_index(span.doc, span.start, span.end)
    return i > span.start and span.doc[i].text == "Review" and span.doc[i - 1].text == "Regional"


def ordinal_start(doc: Doc, i: int) -> int | None:
    """The first token of the ordinal that ends at token `i` ("third", "twenty - first" as
    the tokenizer splits it), or None when token `i` ends no ordinal on the same line."""
    if i < 0 or _breaks_after(doc[i]):
        return None
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and _ORDINAL.fullmatch(doc[i - 2:i + 1].text):
        return i - 2
    return i if _ORDINAL.fullmatch(doc[i].text) else None


# Participles that, after a hyphen, make the name before them a modifier of the next one
# ("World Bank-led Global Knowledge Partnership", "UN-backed talks").
LED_PARTICIPLES = frozenset({"led", "backed", "funded", "hosted", "sponsored", "run", "supported", "driven",
                             "brokered", "organized", "organised", "chaired", "convened", "coordinated"})


def with_region_names_joined(doc: Doc) -> list[Span]:
    """The model's entities, where a name it cut at "Latin America(n) | and the | Caribbean ..."
    is one span again ("Forum of the Countries of Latin America and the Caribbean on Sustainable
    Development"): the region's name is one name and never ends a name before "and the"."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        if b is not None and b.start == a.end + 2 and a.end - a.start > 2 and b.end - b.start > 1 \
                and a.label_ in NAME_LABELS and b.label_ in NAME_LABELS \
                and doc[a.end - 2].lower_ == "latin" and doc[a.end - 1].lower_ in ("america", "american") \
                and doc[a.end].lower_ == "and" and doc[a.end + 1].lower_ == "the" and doc[b.start].lower_ == "caribbean":
            out.append(Span(doc, a.start, b.end, label=a.label_))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def before_dated_dash(doc: Doc, start: int, end: int) -> int:
    """The end of [start, end) before a dash that a date follows: the running head of a printed
    record ("Forty-eighth session - 8 October 1993 11") names the session, not the date and page."""
    for i in range(start + 1, end - 2):
        if doc[i].text in ("-", "–", "—") and doc[i + 1].like_num and doc[i + 2].lower_ in MONTH_NAMES:
            return i
    return end


_SESSION_BODIES = (("general", "assembly"), ("assembly",))
SESSION_INSTRUMENT_WORDS = frozenset({"programme", "program", "plan", "declaration", "charter", "agenda", "strategy",
                                      "platform", "convention", "treaty", "framework"})


def split_after_session(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut after "... session of the General Assembly" when "of the" and the capitalised
    name of an instrument go on (not "of the United Nations"): the instrument the session adopted is a name of its own ("the twelfth special
    session of the General Assembly | of the | Programme of Action for African Recovery ...")."""
    for i in range(start + 1, end - 3):
        if doc[i].lower_ != "session" or doc[i + 1].lower_ != "of" or doc[i + 2].lower_ != "the":
            continue
        for body in _SESSION_BODIES:
            k = i + 3 + len(body)
            if k + 2 < end and tuple(t.lower_ for t in doc[i + 3:k]) == body \
                    and doc[k].lower_ == "of" and doc[k + 1].lower_ == "the" and doc[k + 2].text[:1].isupper() \
                    and doc[k + 2].lower_ in SESSION_INSTRUMENT_WORDS:
                return [(start, k), (k + 2, end)]
    return [(start, end)]


def split_at_led(doc: Doc, start: int, end: int, gaz: Gazetteer) -> list[tuple[int, int]]:
    """[start, end) cut around "-led" and its kind when a body's name or abbreviation comes before
    it ("[World Bank]-led [Global Knowledge Partnership ...]"): two names, each annotated alone;
    an adjective before it is part of the name ("African-led International Support Mission ...")."""
    for i in range(start + 1, end - 1):
        if doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_ \
                and doc[i + 1].lower_ in LED_PARTICIPLES and doc[i + 1].text.islower() \
                and (doc[i - 1].is_upper or linking.normalise(doc[start:i].text) in _name_index(gaz)):
            return [(start, i), *split_at_led(doc, i + 2, end, gaz)] if i + 2 < end else [(start, i)]
    return [(start, end)]


STORM_WORDS = frozenset({"hurricane", "cyclone", "typhoon"})
LAW_HEADS = frozenset({"Act", "Acts"})
INSTRUMENT_ACT_WORDS = frozenset({"Final", "Constitutive", "European", "General"})


# A number that a list of resolutions continues with ("resolutions 242 (1967) and [338 (1973)]"),
# or a resolution's symbol: the only spans without a letter that name something.
_NUMBERED_INSTRUMENT = re.compile(r"\d+(?:/\d+)+|\d+\s*\(\d{4}\)")
_LONE_ROMAN = re.compile(r"[IVXL]{2,}")
_TENS_BROKEN = re.compile(r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-", re.I)
_UNIT_ORDINAL = re.compile(r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth", re.I)


def is_number_not_name(span: Span) -> bool:
    """True for a span with no letter ("(196 statements)", "the 2016-2017 biennium") other than a
    resolution's number, and for a Roman numeral alone ("resolution 2734 ([XXV]]" with its
    bracket broken): counts and dates, not names."""
    text = span.text.strip()
    if _LONE_ROMAN.fullmatch(text):
        return True
    return not any(c.isalpha() for c in text) and not _NUMBERED_INSTRUMENT.fullmatch(text)


def is_unnumbered_session(span: Span, label: str) -> bool:
    """True for a session in lower case with no number ("its proposals to the special session"):
    a session is named by its ordinal ("the third special session"), not by its kind."""
    return label == "EVENT" and span.text.islower() and span[-1].lower_ in ("session", "sessions") \
        and not any(_ORDINAL.fullmatch(t.text) or t.like_num for t in span)


def is_bare_ordinal_head(span: Span) -> bool:
    """True for an ordinal in lower case and one capitalised head noun of an instrument, and
    nothing else ("in the [first Treaty] it concluded"): a count, not a name. An edition of a
    meeting named before keeps its span ("the second Forum"), and so do "Third Committee" and
    "the seventy-third session"."""
    return len(span) == 2 and span[0].text.islower() and bool(_ORDINAL.fullmatch(span[0].text)) \
        and span[1].text[:1].isupper() and span[1].lower_ in AGENDA_HEADS


def with_broken_tens(doc: Doc, start: int) -> int:
    """`start`, or one token earlier when a span that opens with the unit of an ordinal follows its
    tens broken at the hyphen ("twenty- [seventh session]" in a record's text)."""
    if start > 0 and _UNIT_ORDINAL.fullmatch(doc[start].text) and _TENS_BROKEN.fullmatch(doc[start - 1].text) \
            and doc[start - 1].whitespace_:
        return start - 1
    return start


def is_national_law(span: Span) -> bool:
    """A country's law named by its title ("Group Areas Act", "the Land Acts"): the guide does
    not annotate laws of a country; the acts that are international instruments ("Helsinki Final
    Act", "Single European Act", "General Act of ...") keep their word before "Act"."""
    return len(span) >= 2 and span[-1].text in LAW_HEADS and span[-2].text not in INSTRUMENT_ACT_WORDS


def model_candidates(doc: Doc, gaz: Gazetteer, relabel: frozenset[str] = RELABEL_FROM) -> list[tuple[int, int, str]]:
    """The model's entities as (start, end, label), split at breaks, trimmed, relabelled
    (see `head_label`), events with their edition's ordinal; salutations and generic groups
    dropped."""
    out = []
    surnames = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    titled = titled_surnames(doc)
    for ent in with_region_names_joined(doc):
        if cut_mid_sentence(doc, ent.start, ent.end):
            continue
        for s, e in (piece for s0, e0 in split_at_breaks(doc, ent.start, ent.end)
                     for s1, e1 in split_at_led(doc, s0, e0, gaz)
                     for piece in split_after_session(doc, s1, before_dated_dash(doc, s1, e1))):
            s, e = trim(doc, s, with_roman_numeral(doc, mend_broken_hyphen(doc, s, e)), ent.label_, gaz)
            s = with_broken_tens(doc, s) if s < e else s
            s, ent_label = titled_person(doc, s, e, ent.label_, gaz)
            if s > ent.start + 3 and split_after_session(doc, ent.start, e) == [(ent.start, s - 2), (s, e)]:
                # the instrument the session adopted ("... of the Programme of Action for ...")
                ent_label = "AGENDA" if doc[s].lower_ in SESSION_INSTRUMENT_WORDS else head_label(doc[s:e], ent_label, RELABEL_FROM)
            e = without_trailing_function_words(doc, s, e)
            if s < e and not is_generic(doc[s:e], gaz) and not DOCUMENT_SYMBOL.fullmatch(doc[s:e].text) \
                    and not is_heading(doc[s:e], ent_label) and not is_not_annotated_kind(doc[s:e]) \
                    and not is_section_heading(doc[s:e]) and not is_quantity_or_ordinal(doc[s:e]) \
                    and not is_national_law(doc[s:e]) \
                    and not is_number_not_name(doc[s:e]) and not is_bare_ordinal_head(doc[s:e]) \
                    and not is_unnumbered_session(doc[s:e], ent_label) \
                    and not (ent.label_ in ("AGENDA", "EVENT") and is_topic_heading(doc, s, e)) \
                    and not before_not_annotated_head(doc, e) \
                    and not (ent.label_ in ("AGENDA", "EVENT") and before_publication_noun(doc, e)) \
                    and not (ent_label == "PERSON" and not looks_like_a_name(doc[s:e])) \
                    and not (e - s == 1 and is_plural_head_noun(doc[s].lower_)) \
                    and not (e - s == 1 and doc[s].lower_ in COMMON_NOUN_ALIASES and of_a_common_noun(doc, e)) \
                    and doc[e - 1].text not in TRAILING_FUNCTION_WORDS \
                    and not (ent_label != "PERSON" and e - s >= 3
                             and doc[head_index(doc, s, e)].lower_ in SECTION_HEADINGS) \
                    and not any(t.text in CLAUSE_WORDS for t in doc[s + 1:e]):
                s, label = with_edition(doc, s, e, head_label(doc[s:e], ent_label, relabel))
                label = place_kind_label(doc[s:e], label)
                if is_regional_review(doc[s:e]):
                    label = "EVENT"  # "Asia-Pacific Regional Review of Implementation of the Global Compact ..."
                if label in NAME_LABELS and not (e - s == 1 and doc[s].lower_ in surnames):
                    label = place_label(doc[s:e].text) or label
                if label != "PERSON" and e - s == 1 and s > 0 and doc[s - 1].text.rstrip(".") in HONORIFICS \
                        and doc[s].text[:1].isupper() and place_label(doc[s].text) is None:
                    label = "PERSON"  # "Mr. Salovaara"
                if label in ("GPE", "LOC", "NORP", "ORG", "AGENDA", "EVENT") and e - s == 1 and s > 0 \
                        and doc[s - 1].lower_ == "dear" and doc[s].is_alpha and doc[s].text[:1].isupper() \
                        and not doc[s].is_upper and place_label(doc[s].text) is None \
                        and doc[s].lower_ not in gaz.salutations | ADDRESSED_GROUPS \
                        and not is_plural_head_noun(doc[s].lower_):
                    label = "PERSON"  # "Madam Chair, dear Katarina": a person addressed by first name
                if label in ("GPE", "LOC", "NORP", "ORG") and e - s == 1 and s > 0 \
                        and doc[s - 1].text in OFFICE_TITLES and doc[s].text[:1].isupper() and doc[s].is_alpha \
                        and not doc[s].is_upper and place_label(doc[s].text) is None:
                    label = "PERSON"  # "President Chiluba"
                if doc[s:e].text in FAITH_NAMES:
                    label = "NORP"
                if doc[s:e].text == "COP":
                    label = "EVENT"  # a conference of the parties is a meeting
                if e - s == 1 and s > 0 and doc[s - 1].lower_ in STORM_WORDS and doc[s].text[:1].isupper() \
                        and doc[s].text not in MONTH_NAMES:
                    s, label = s - 1, "EVENT"  # "tropical cyclone [Harold]": a named storm
                if label == "PERSON" and after_movement(doc, s) and not (e < len(doc) and doc[e].lower_ in ("'s", "’s")):
                    label = "GPE"  # "children evacuated to [Wad Medani]": a place
                if label in NAME_LABELS and is_dateline_place(doc, s, e):
                    label = "GPE"  # "VIENNA, 29 July (UN Information Service) -"
                if label in ("AGENDA", "EVENT", "PERSON") and is_dateline_issuer(doc, s, e):
                    label = "ORG"  # "Addis Ababa, 10 October 2024 (FBC) -": the agency that issued it
                if label == "ORG" and names_a_titled_person(doc[s:e], titled):
                    label = "PERSON"  # "... Executive Secretary, Claver Gatete" ... "Mr. Gatete said"
                if label in ("AGENDA", "ORG") and is_named_meeting(doc, e):
                    label = "EVENT"  # the "Geneva II" conference
                e = before_region(doc, s, before_meeting_place(doc, s, e))
                if label == "AGENDA":
                    e = before_place_after_instrument(doc, s, e, gaz)
                if label in ("AGENDA", "EVENT", "ORG") and e - s == 1 and doc[s].lower_ in REGION_NAMES:
                    label = "LOC"  # "Latin America and the [Caribbean]"
                if label == "ORG" and is_hosted_meeting(doc, s, e):
                    label = "EVENT"
                if label == "PERSON" and e - s >= 2:
                    e = with_second_surname(doc, e, gaz)
                if label == "ORG" and is_national_body(doc[s:e]):
                    out.append((s, s + 1, "NORP"))  # "[Omani] Consultative Council"
                elif label == "ORG" and (place := state_office_place(doc, s, e)) is not None:
                    out.append(place)  # "Permanent Mission of [Kenya]"
                elif not (names_a_facility(doc, e) or in_quoted_title(doc, s)):
                    out.append((s, e, label))
    out += storms_without_span(doc, out)
    return with_listed_first_names(doc, with_subject_joined(doc, with_romance_names(doc, out)))


def with_listed_first_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`spans`, where one capitalised word listed with two or more people named by one word
    ("the winners Amina, Jun, Nadia, and Dipa") is a person too, when it is no known place: the
    recogniser took a first name it did not know for a place or a body."""
    one_word = sorted((s, e, label) for s, e, label in spans if e - s == 1)
    by_start = {s: i for i, (s, _e, _label) in enumerate(one_word)}
    relabel: dict[int, str] = {}
    i = 0
    while i < len(one_word):
        run = [one_word[i]]
        while True:
            s = run[-1][1]
            k = s
            while k < len(doc) and doc[k].text in (",", "and"):
                k += 1
            if k == s or k not in by_start:
                break
            run.append(one_word[by_start[k]])
        if sum(label == "PERSON" for _s, _e, label in run) >= 2:
            for s, _e, label in run:
                if label != "PERSON" and doc[s].is_alpha and doc[s].text[:1].isupper() and not doc[s].is_upper \
                        and place_label(doc[s].text) is None:
                    relabel[s] = "PERSON"
        i += len(run)
    return [(s, e, relabel.get(s, label) if e - s == 1 else label) for s, e, label in spans]


def storms_without_span(doc: Doc, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Named storms the model gave no span: a lower-case storm word and a capitalised name
    ("hurricane Lena", "tropical cyclone Ivo") is an EVENT."""
    covered = {i for s, e, _label in spans for i in range(s, e)}
    out = []
    for tok in doc[:-1]:
        name = doc[tok.i + 1]
        if tok.text in STORM_WORDS and name.is_alpha and name.text not in MONTH_NAMES and name.text[:1].isupper() and not name.is_upper \
                and len(name) > 2 and tok.i not in covered and name.i not in covered \
                and not (name.i + 1 < len(doc) and doc[name.i + 1].text[:1].isupper() and doc[name.i + 1].is_alpha):
            out.append((tok.i, tok.i + 2, "EVENT"))
    return out


MONTH_NAMES = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"})


def is_dateline_place(doc: Doc, start: int, end: int) -> bool:
    """True for a city written in capitals that opens a line and is followed by a comma and a
    date: a press release's dateline ("VIENNA, 29 July (UN Information Service) -",
    "GENEVA, March 3 -"), a place whatever the recogniser called it."""
    from pipeline import places

    if not (start == 0 or _breaks_after(doc[start - 1])) or not doc[start:end].text.isupper() \
            or end + 1 >= len(doc) or doc[end].text not in DASHES | {","}:
        return False
    after = doc[end + 1]
    return (doc[end].text in DASHES or after.is_digit or after.text in MONTH_NAMES) \
        and places.city(doc[start:end].text) is not None  # "ROME – The visit ..." too


DASHES = frozenset({"-", "–", "—", "--"})


def is_dateline_issuer(doc: Doc, start: int, end: int) -> bool:
    """True for one word in capitals in brackets after a date and before a dash on the first
    lines of a release: the dateline's agency or office ("Addis Ababa, 26 May 2022 (ECA) -")."""
    return end - start == 1 and doc[start].is_upper and doc[start].is_alpha and start >= 2 and end + 1 < len(doc) \
        and doc[start - 1].text == "(" and doc[end].text == ")" and doc[start - 2].is_digit \
        and doc[end + 1].text in DASHES


# Groups a speaker greets after "dear" ("dear Delegates"), which no first name is.
ADDRESSED_GROUPS = frozenset({"delegates", "participants", "members", "guests", "partners", "sisters",
                              "brothers", "all", "everyone", "sir", "madam", "president", "chair", "chairman",
                              "chairperson", "minister", "ministers", "ambassador", "ambassadors"})
# Verbs of reporting that a news item writes after a speaker's surname ("Sarmad noted that ...").
REPORTING_VERBS = frozenset({"said", "says", "noted", "notes", "added", "adds", "stressed", "stresses",
                             "told", "explained", "explains", "emphasized", "emphasised", "underlined",
                             "highlighted", "urged", "warned", "focused", "focussed", "recalled", "concluded"})


def titled_surnames(doc: Doc) -> frozenset[str]:
    """Capitalised words written after an honorific ("Mr. Gatete", "Ms. Yemeru") or alone before a
    verb of reporting ("In his remarks, Sarmad noted"): people's surnames."""
    def word(tok) -> bool:
        return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper
    return frozenset(
        [doc[i + 1].text for i in range(len(doc) - 1)
         if doc[i].text.rstrip(".") in HONORIFICS and word(doc[i + 1])]
        + [doc[i].text for i in range(len(doc) - 1)
           if doc[i + 1].text in REPORTING_VERBS and word(doc[i]) and not (i > 0 and doc[i - 1].text[:1].isupper()
                                                                         and doc[i - 1].is_alpha)])


def names_a_titled_person(span: Span, titled: frozenset[str]) -> bool:
    """True for two or three capitalised words, none of them a head noun or a place, whose last
    word the text gives a person after an honorific: the person's full name, however the
    recogniser labelled it ("Claver Gatete" ... "Mr. Gatete")."""
    return 2 <= len(span) <= 3 and span[-1].text in titled \
        and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in HEAD_NOUNS for t in span) \
        and place_label(span.text) is None


# Words that, after a nationality, make a state's generic body, not a name: the annotation guide
# gives "[Lebanese] Parliament" and "[US] Administration" (no ORG in the train split begins with a
# nationality; "Norwegian Refugee Council" is a name and keeps its "Refugee").
STATE_BODY_WORDS = frozenset({"government", "governments", "parliament", "state", "council", "consultative",
                              "administration", "administrations", "army", "armed", "forces", "navy", "cabinet",
                              "senate", "congress", "ministry", "authorities", "police", "presidency", "regime",
                              "national", "assembly", "legislature", "delegation", "coast", "guard", "military"})


# A country's offices named by the country they serve: the guide's "Government of [Chad]"
# (a name that holds a country is no name: the country alone is annotated).
STATE_OFFICE_WORDS = frozenset({"government", "governments", "permanent", "mission", "missions", "embassy",
                                "embassies", "delegation", "delegations", "consulate", "consulates"})


def state_office_place(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, label) of the country in a span naming a country's office by it
    ("Permanent Missions of Bangladesh", "Government of the Philippines"), else None."""
    words = [t.lower_ for t in doc[start:end]]
    if "of" not in words:
        return None
    of = words.index("of")
    place_start = start + of + 1 + (words[of + 1:of + 2] == ["the"])
    if of == 0 or not all(w in STATE_OFFICE_WORDS for w in words[:of]) or place_start >= end:
        return None
    label = place_label(doc[place_start:end].text)
    return (place_start, end, label) if label == "GPE" else None


def is_national_body(span: Span) -> bool:
    """True for a nationality followed only by words of a state's generic bodies ("Omani
    Consultative Council", "Iraqi Armed Forces")."""
    return len(span) >= 2 and place_label(span[0].text) == "NORP" \
        and all(t.lower_ in STATE_BODY_WORDS for t in span[1:])


# First words of organisations' names in Spanish, Portuguese and French, which go on with
# capitalised words and lower-case particles ("Frente Popular para la Liberación de Saguia el-Hamra
# y de Río de Oro", "Plataforma Unitaria de Venezuela"). English look-alikes ("Front", "Union")
# are left out: in English text they are the recogniser's.
ROMANCE_ORG_HEADS = frozenset({
    "Frente", "Partido", "Movimiento", "Movimento", "Plataforma", "Fuerzas", "Forças", "Ejército", "Exército",
    "Consejo", "Conselho", "Conseil", "Comisión", "Comissão", "Unión", "União", "Asociación", "Associação",
    "Organización", "Organização", "Fundación", "Fundação", "Alianza", "Aliança", "Coordinadora",
    "Confederación", "Federación", "Sindicato", "Parti", "Mouvement", "Rassemblement", "Convergencia", "Unidad"})
ROMANCE_PARTICLES = frozenset({"de", "del", "la", "las", "los", "para", "y", "e", "el", "do", "da", "dos", "das",
                               "des", "du", "pour", "et", "le", "les", "al", "por", "d'", "l'"})


def romance_name_end(doc: Doc, start: int) -> int:
    """The end of a name of an organisation opening at `start` with a ROMANCE_ORG_HEADS word: its
    capitalised words, with the particles and hyphens between them, on one line."""
    j = end = start + 1
    while j < len(doc) and not _breaks_after(doc[j - 1]):
        tok = doc[j]
        if tok.text[:1].isupper() and tok.is_alpha:
            end = j + 1
        elif not (tok.lower_ in ROMANCE_PARTICLES or (tok.text == "-" and not tok.whitespace_)
                  or (tok.is_alpha and tok.is_lower and j > 0 and doc[j - 1].text == "-")):
            break
        j += 1
    return end


def with_romance_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`spans` plus the names of organisations in Spanish, Portuguese or French (see
    `romance_name_end`) that run longer than the spans the recogniser found in them."""
    heads = [i for i in _token_indices(doc, ROMANCE_ORG_HEADS.__contains__) if not doc[i].is_sent_start]
    added = []
    for i in heads:
        end = romance_name_end(doc, i)
        if end - i >= 2 and doc[end - 1].text not in ROMANCE_ORG_HEADS:
            added.append((i, end, "ORG"))
    if not added:
        return spans
    return [*added, *((s, e, label) for s, e, label in spans if all(e <= a or s >= b for a, b, _ in added))]


# Lower-case nouns after names that make them names of facilities, which the annotation guide
# does not annotate ("the Palmerola and Toncontín airports", "the Inga dam").
FACILITY_NOUNS = frozenset({"airport", "airports", "port", "ports", "seaport", "dam", "dams", "bridge", "stadium",
                            "hospital", "highway", "railway", "motorway", "power"})
FACILITY_LOOKAHEAD = 6


def names_a_facility(doc: Doc, end: int) -> bool:
    """True when the name ending at token `end` - or a coordination of names it opens - is
    followed on the same line by a facility noun in lower case ("Palmerola [and Ramon Villeda
    Morales] airports")."""
    j = end
    while j < len(doc) and j - end < FACILITY_LOOKAHEAD and not _breaks_after(doc[j - 1]) \
            and (doc[j].lower_ in ("and", ",") or (doc[j].is_alpha and doc[j].text[:1].isupper())):
        j += 1
    return j < len(doc) and doc[j].lower_ in FACILITY_NOUNS and doc[j].text.islower() and not _breaks_after(doc[j - 1])


# Words before a quoted title that make it the title of a publication, which the annotation
# guide does not annotate: "the report “Better Growth, Better Climate”".
PUBLICATION_WORDS = frozenset({"report", "reports", "book", "study", "publication", "entitled", "titled", "article",
                               "film", "documentary", "paper", "novel", "poem", "song", "essay"})
OPENING_QUOTES = frozenset({"“", '"', "‘", "«"})
CLOSING_QUOTES = frozenset({"”", '"', "’", "»"})
QUOTE_LOOKBACK = 12


def in_quoted_title(doc: Doc, start: int) -> bool:
    """True when the span at `start` is inside quotation marks opened on the same line right
    after a word naming a publication (PUBLICATION_WORDS, up to two words before the mark)."""
    for i in range(start - 1, max(-1, start - 1 - QUOTE_LOOKBACK), -1):
        if _breaks_after(doc[i]) or (doc[i].text in CLOSING_QUOTES and doc[i].text not in OPENING_QUOTES):
            return False
        if doc[i].text in OPENING_QUOTES:
            before = [t.lower_ for t in doc[max(0, i - 2):i] if not t.is_punct]
            return any(w in PUBLICATION_WORDS for w in before)
    return False


# Regions a name can be said to act in ("Boko Haram [in West Africa]"), besides countries.
REGION_WORDS = frozenset({"africa", "asia", "europe", "america", "americas", "caribbean", "pacific", "oceania",
                          "sahel", "balkans", "east", "west", "region", "basin", "horn", "gulf", "mediterranean"})


# One-word names of regions (never a body, an instrument or a meeting by themselves).
REGION_NAMES = frozenset({"africa", "asia", "europe", "americas", "caribbean", "oceania", "sahel", "balkans",
                          "mediterranean"})


def before_place_after_instrument(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    """`end`, or the "in" after the gazetteer's full name of an instrument: the name does not go
    on with the region it is implemented in ("Global Compact for Safe, Orderly and Regular
    Migration [in Latin America]")."""
    for i in range(start + 2, end - 1):
        if doc[i].lower_ == "in" and doc[i + 1].text[:1].isupper():
            entry = _name_index(gaz).get(linking.normalise(doc[start:i].text))
            if entry is not None and gaz.entries[entry].label == "AGENDA":
                return i
    return end


def before_region(doc: Doc, start: int, end: int) -> int:
    """`end`, or the "in" where a name without a head noun runs on to the place it acts in
    ("Boko Haram [in Central and West Africa]"); "United Nations Interim Force in Lebanon" and
    "Mission in South Sudan" have their head noun before the "in" and keep it."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ != "in":
            continue
        if any(t.lower_ in HEAD_NOUNS for t in doc[start:i]):
            return end
        tail = [t for t in doc[i + 1:end] if t.lower_ not in ("and", "the", ",", "-")]
        if tail and all(t.text[:1].isupper() for t in tail) and (
                tail[-1].lower_ in REGION_WORDS or place_label(doc[i + 1:end].text) == "GPE"
                or place_label(tail[-1].text) == "GPE"):
            return i
        return end
    return end


# Prepositions that join an instrument to its subject ("Declaration of Shared Commitments [on]
# United Nations Peacekeeping Operations").
SUBJECT_PREPOSITIONS = frozenset({"on", "against"})


def with_subject_joined(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`spans`, where an instrument (AGENDA headed by an instrument noun) is followed on the same
    line by "on" or "against" (and "the") and another name: one name, the recogniser having cut it
    at the preposition."""
    out: list[tuple[int, int, str]] = []
    for s, e, label in sorted(spans):
        if out:
            ps, pe, plabel = out[-1]
            gap = [t.lower_ for t in doc[pe:s]] if 0 < s - pe <= 2 else []
            if plabel == "AGENDA" and label in ("ORG", "AGENDA", "EVENT") and gap and gap[0] in SUBJECT_PREPOSITIONS \
                    and gap[1:] in ([], ["the"]) and doc[s].text[:1].isupper() \
                    and doc[head_index(doc, ps, pe)].lower_ in DECISIVE_HEADS["AGENDA"] \
                    and not any(_breaks_after(doc[k]) for k in range(pe - 1, s)):
                out[-1] = (ps, e, "AGENDA")
                continue
            if plabel in ("ORG", "AGENDA", "EVENT") and label in ("GPE", "LOC") and s == pe \
                    and doc[pe - 1].lower_ in TRAILING_PREPOSITIONS and pe - ps >= 3 \
                    and not _breaks_after(doc[pe - 1]):
                out[-1] = (ps, e, plabel)  # "United Nations Transitional Administration in" + "East Timor"
                continue
            if plabel == "ORG" and label in ("GPE", "LOC") and s == pe + 1 and doc[pe].lower_ == "in" \
                    and pe - ps >= 3 and doc[ps].text in ("United", "UN") and doc[pe - 1].lower_ in OPERATION_HEADS \
                    and not any(_breaks_after(doc[k]) for k in range(pe - 1, s)):
                out[-1] = (ps, e, plabel)  # "United Nations Mission of Observers" + "in" + "Prevlaka"
                continue
        out.append((s, e, label))
    return out


# Last words of the UN's field operations, named by the place they serve in ("United Nations
# Mission of Observers in Prevlaka", "United Nations Interim Force in Lebanon").
OPERATION_HEADS = frozenset({"mission", "force", "observers", "administration", "operation", "group"})
# Prepositions a recogniser's name can end in when it stopped before the place it names.
TRAILING_PREPOSITIONS = frozenset({"in", "for", "of", "on"})


# Titles that also begin names of places.
PLACE_TITLES = frozenset({"Saint", "St.", "St", "Sainte", "Ste."})


def titled_person(doc: Doc, start: int, end: int, label: str, gaz: Gazetteer) -> tuple[int, str]:
    """(start, label) of a span, where titles followed by one to three capitalised name words are
    a person whatever the recogniser called them, the titles left out ("[Rapporteur] Gregor
    Schotten" as a GPE)."""
    if label == "PERSON" or doc[start].text in PLACE_TITLES:
        return start, label  # "St. Petersburg", "Saint Lucia"
    i = start
    while i < end and _is_title(doc[i], gaz):
        i += 1
    words = doc[i:end]
    if i == start or not 1 <= len(words) <= 3 or _breaks_after(doc[i - 1]) \
            or not plain_name_words(words, gaz) or place_label(doc[start:end].text) is not None:
        return start, label  # "Saint Lucia" is a country
    return i, "PERSON"


# Honorifics that only ever come before a person's name.
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Mme", "Messrs"})
# Meeting nouns in lower case after a name that make it the meeting's name ("the Geneva II
# conference", "the 'Rio+20' summit").
LOWER_MEETING_NOUNS = frozenset({"conference", "summit"})


def is_named_meeting(doc: Doc, end: int) -> bool:
    """True when a meeting noun in lower case follows the name ending at `end` on its line, a
    closing quotation mark allowed between."""
    i = end
    if i < len(doc) and doc[i].text in ("”", '"', "’", "'", "»") and not _breaks_after(doc[i - 1]):
        i += 1
    return i < len(doc) and doc[i].text in LOWER_MEETING_NOUNS and not _breaks_after(doc[i - 1])
# Offices written before a surname alone ("President Chiluba", "Prime Minister Nkosi"): the one
# capitalised word after them that names no country is a person, whatever the recogniser said.
OFFICE_TITLES = frozenset({"President", "Minister", "King", "Queen", "Emir", "Sultan", "Chancellor",
                           "Senator", "Governor", "Ambassador"})
# Names of faiths: people of a faith are NORP, and so is the faith's name ("Judaism"), never an
# instrument or an organisation.
FAITH_NAMES = frozenset({"Judaism", "Islam", "Christianity", "Hinduism", "Buddhism", "Sikhism",
                         "Catholicism", "Protestantism", "Orthodoxy", "Zoroastrianism", "Jainism", "Taoism"})
MEETING_HEADS = frozenset({"conference", "summit", "meeting", "forum", "dialogue", "congress", "symposium"})


def before_meeting_place(doc: Doc, start: int, end: int) -> int:
    """`end`, or the "in" after a meeting's head noun that the span runs on to: where a
    meeting was held is not its name ("Partnership Conference [in Berlin]", "Conference on
    Religious Freedom [in Mongolia]"); "Congress of Vienna" keeps its "of"."""
    head = doc[head_index(doc, start, end)]
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "in" and doc[i - 1].lower_ in MEETING_HEADS and doc[i - 1].text[:1].isupper() \
                and doc[i + 1].text[:1].isupper():
            return i
        if doc[i].lower_ == "in" and head.i < i and head.lower_ in MEETING_HEADS and head.text[:1].isupper() \
                and place_label(doc[i + 1:end].text) == "GPE":
            return i  # "Conference on Religious Freedom [in Mongolia]"
    return end


HOST_WORDS = frozenset({"host", "hosts", "hosted", "hosting"})


def is_hosted_meeting(doc: Doc, start: int, end: int) -> bool:
    """True for a name headed by a meeting's noun that a country hosts ("to host the Conference on
    Religious Freedom"): a meeting, not a standing body (all such spans of the train split)."""
    head = doc[head_index(doc, start, end)]
    if head.lower_ not in MEETING_HEADS:
        return False
    before = [t.lower_ for t in doc[max(0, start - 3):start] if t.lower_ not in ("the", "this", "a")]
    return bool(before) and before[-1] in HOST_WORDS


# Lower-case words inside people's names ("Charles de Gaulle", "Ibn al-Haytham").
NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "van", "von", "der",
                            "den", "ter", "al", "el", "bin", "bint", "ibn", "ben", "la", "le", "y", "e", "zu"})


# Plural articles that begin names of groups, never of one person ("Los Cachiros").
PLURAL_ARTICLES = frozenset({"Los", "Las", "Les"})


def looks_like_a_name(span: Span) -> bool:
    """False for a person span with a lower-case word that is no name particle ("bien arisco"),
    beginning with a plural article ("Los Zetas"),
    or longer than two words and beginning in lower case ("de Río de Oro"): a phrase of another
    language, not a person; or with a digit in a word ("Addis Ababa,20 May", a dateline written
    without its space)."""
    if any(ch.isdigit() for ch in span.text):
        return False
    words = [t.text for t in span if t.is_alpha]
    if any(w.islower() and w not in NAME_PARTICLES for w in words) or (len(words) > 1 and words[0] in PLURAL_ARTICLES):
        return False
    return not (len(words) > 2 and words[0].islower())


# Words after a person's name that make a name of something else ("the Obama Administration").
NOT_SURNAMES = frozenset({"administration", "government", "regime", "cabinet", "doctrine", "era", "report",
                          "foundation", "prize", "award", "law", "act", "rule"})


def with_second_surname(doc: Doc, end: int, gaz: Gazetteer) -> int:
    """`end`, or one word further when a person's name of two words or more goes on with one
    more capitalised name word on the same line ("Juan José Gómez [Camacho]"): not a title, a
    head noun ("Netanyahu Administration") or a country."""
    if end >= len(doc) or _breaks_after(doc[end - 1]) or doc[end - 1].whitespace_ != " ":
        return end
    tok = doc[end]
    if not (tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper) or _is_title(tok, gaz) \
            or tok.lower_ in HEAD_NOUNS or tok.lower_ in NOT_SURNAMES or tok.lower_ in gaz.salutations or place_label(tok.text) is not None:
        return end
    return end + 1 if tok.pos_ in ("PROPN", "") else end


# Words of a clause that no name holds in lower case inside it ("Caribbean as Belize").
CLAUSE_WORDS = frozenset({"as", "that", "which", "who", "is", "are", "was", "were", "be", "been", "has", "have",
                          "had", "will", "would", "can", "could", "should", "may", "must", "not", "if", "than",
                          "because", "while", "when", "where", "we", "our", "it", "they", "very", "also"})


def is_plural_head_noun(word: str) -> bool:
    """True for the plural of a word that heads names ("Committees", "Conventions", "Agencies"):
    alone, a generic reference to several bodies or instruments, not a name."""
    return word.endswith("s") and word not in HEAD_NOUNS and (
        word[:-1] in HEAD_NOUNS or (word.endswith("ies") and word[:-3] + "y" in HEAD_NOUNS))


# States of the General Debate's earlier decades that ISO 3166 no longer lists under these names.
FORMER_STATE_NAMES = frozenset({"Union of Soviet Socialist Republics", "Soviet Union", "USSR",
                                "German Democratic Republic", "Czechoslovak Socialist Republic", "Czechoslovakia",
                                "Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia",
                                "Yugoslavia", "Democratic Kampuchea", "Kampuchea", "Republic of Zaire", "Zaire",
                                "Upper Volta", "Dahomey", "Southern Rhodesia", "Rhodesia",
                                "Democratic Yemen", "Yemen Arab Republic", "Byelorussian Soviet Socialist Republic",
                                "Ukrainian Soviet Socialist Republic"})


def place_label(text: str) -> str | None:
    """GPE for a country's name (ISO 3166, `pycountry`), NORP for its people ("Syrians",
    "Papua New Guineans", "Nepalese"), else None: "Chad" or "Paraguay" is not a person or an
    organisation."""
    from pipeline import places

    if places.is_country(text) or text in FORMER_STATE_NAMES:
        return "GPE"
    for suffix in DEMONYM_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 3 and places.is_country(text[:-len(suffix)]):
            return "NORP"
    return None


def one_word_candidates(doc: Doc, candidates: Iterable[tuple[int, int, str]]) -> frozenset[str]:
    """Lower-case forms of the one-word `model_candidates`: the only words for which the
    corpus's common words (see `repair_model_ents`) can change a speech's result."""
    return frozenset(doc[s].lower_ for s, e, _ in candidates if e - s == 1)


def _written_in_lower_case(doc: Doc) -> Callable[[str], bool]:
    orths = doc.count_by(ORTH)
    return lambda word: word.islower() and doc.vocab.strings[word] in orths


def repair_model_ents(doc: Doc, gaz: Gazetteer, common: frozenset[str] = frozenset(),
                      candidates: Sequence[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
    """`model_candidates` (computed unless given) without capitalised common nouns: one-word
    spans whose word is written in lower case in the same Doc or, per `common`, elsewhere
    in the corpus."""
    in_doc = _written_in_lower_case(doc)
    candidates = model_candidates(doc, gaz) if candidates is None else candidates
    return [(s, e, label) for s, e, label in candidates
            if e - s != 1 or not (doc[s].lower_ in common or in_doc(doc[s].lower_))]


def name_after_title(doc: Doc, i: int, gaz: Gazetteer, taken: Sequence[bool]) -> tuple[int, int] | None:
    """A name (1-3 capitalised proper nouns) right after the title ending at token `i - 1`."""
    while i < len(doc) and (_is_title(doc[i], gaz) or _article_of_title(doc, i, gaz)) and not taken[i] \
            and not _breaks_after(doc[i - 1]):
        i += 1
    j = i
    while (j < len(doc) and j - i < 3 and not taken[j] and doc[j].is_alpha and doc[j].text[:1].isupper()
           and not _is_title(doc[j], gaz) and doc[j].lower_ not in gaz.salutations
           and doc[j].lower_ not in HEADLINE_VERBS  # "Director General Swing [Praises] Spain ..."
           and (doc[j].pos_ == "PROPN" or not doc[j].pos_)):
        if _breaks_after(doc[j - 1]) if j > 0 else False:
            break
        j += 1
    return (i, j) if j > i else None


# ------------------------------------------------------------------ extraction

def _mention(doc: Doc, section: str, s: int, e: int, label: str, source: str) -> Mention:
    span = doc[s:e]
    return Mention(section, s, e, span.start_char, span.end_char, span.text, label, source)


@dataclass(frozen=True)
class Candidate:
    """A span that may become a mention: the model's, a gazetteer name or a back-reference."""

    start: int
    end: int
    rank: int  # among overlapping spans of the same length the lower rank wins
    label: str
    ids: tuple[str, ...] = ()  # the gazetteer entry, or the entries a back-reference may name


# Ranks: a pattern span (a resolution or a conference of the parties by its number) beats any
# span it overlaps; otherwise, on the same tokens, a gazetteer name (which links the span)
# beats a back-reference, which beats the model.
PATTERN_RANK, GAZETTEER_RANK, BACKREF_RANK, MODEL_RANK = -1, 0, 1, 2


def longest_first(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, in text order: pattern spans first, then the longest span
    wins, then the lower rank, then the earlier. A gazetteer alias or back-reference inside a
    longer name the model found does not cut it ("United Nations Interim Force in Lebanon",
    "Organization of American States"); a full form in the gazetteer beats the model's
    fragments of it; "Security Council resolution 2254 (2015)" is a body and a resolution."""
    taken: set[int] = set()
    out = []
    for c in sorted(candidates, key=lambda c: (c.rank != PATTERN_RANK, c.start - c.end, c.rank, c.start)):
        if taken.isdisjoint(range(c.start, c.end)):
            out.append(c)
            taken.update(range(c.start, c.end))
    return sorted(out, key=lambda c: c.start)


def against_roles(doc: Doc, spans: Iterable[tuple[int, int, str]],
                  roles: Sequence[Span]) -> Iterator[tuple[int, int, str]]:
    """The model's spans, given the roles the gazetteer found: a person overlapping a role keeps
    the part outside it ("Secretary-General [António Guterres]"); the body a role names stays
    ("President of the [General Assembly]"), as does a name that contains a role; a span that is
    the role itself keeps only the "United Nations" it begins with; any other span overlapping
    a role is dropped."""
    role_tok = {i for r in roles for i in range(r.start, r.end)}
    for s, e, label in spans:
        if role_tok.isdisjoint(range(s, e)):
            yield s, e, label
        elif label == "PERSON":
            free = [i for i in range(s, e) if i not in role_tok]
            if free and free[-1] + 1 - free[0] == len(free) and doc[free[0]].text[:1].isupper():
                yield free[0], free[-1] + 1, label
        elif (after := next((r.end for r in roles if r.start == s and r.end < e), None)) is not None \
                and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in HEAD_NOUNS
                        for t in doc[after:e]):
            yield after, e, label  # "[UN] High Commissioner for Refugees [Filippo Grandi]": the holder
        elif _role_with_ordinal(doc, s, e, role_tok):
            continue  # a role and its ordinal ("the seventy-third President of the General Assembly")
        elif any(r.start == s and r.end == e for r in roles):
            # the role itself ("the United Nations High Commissioner for Human Rights"): only the
            # body it names first is a name of its own
            if doc[s:e].text.startswith("United Nations "):
                yield s, s + 2, "ORG"
            elif doc[s].text in ("UN", "U.N."):
                yield s, s + 1, "ORG"
        elif any((r.start <= s and e <= r.end and _of_the(doc, r.start, s)) != (s <= r.start and r.end <= e)
                 for r in roles if not role_tok.isdisjoint(range(s, e))):
            yield s, e, label


# Words before a role that make the words after them the role, not the office of the same name
# ("as [United Nations] High Commissioner for Refugees", "former ...").
ROLE_CAPACITY_WORDS = frozenset({"as", "former", "then", "my", "his", "her", "new", "next", "outgoing", "incoming"})


def reads_as_role(doc: Doc, start: int, end: int) -> bool:
    """True for a name of an office that is also a role and is written as the role: after "as",
    "former" or a possessive, or right before a person's name on the same line ("UN High
    Commissioner for Refugees Filippo Grandi")."""
    if start > 0 and doc[start - 1].lower_ in ROLE_CAPACITY_WORDS:
        return True
    if start > 2 and doc[start - 1].lower_ == "the" and doc[start - 2].text == ",":
        start -= 1  # "Mr. Filippo Grandi, the UN High Commissioner for Refugees, who ..."
    before = doc[start - 2] if start > 1 else None
    caps_name = before is not None and before.is_upper and start > 2 and doc[start - 3].is_upper \
        and doc[start - 3].is_alpha and len(before) > 1  # "PHILIPPO GRANDI, United Nations High Commissioner"
    if before is not None and doc[start - 1].text == "," and before.pos_ in ("PROPN", "") \
            and before.is_alpha and before.text[:1].isupper() and (caps_name or not before.is_upper) \
            and place_label(before.text) is None:
        return True  # "Filippo Grandi, United Nations High Commissioner for Refugees": in apposition to a name
    return end < len(doc) and not _breaks_after(doc[end - 1]) and doc[end - 1].whitespace_ == " " \
        and doc[end].is_alpha and doc[end].text[:1].isupper() and not doc[end].is_upper \
        and doc[end].pos_ in ("PROPN", "")


def without_names_read_as_roles(doc: Doc, matched: Sequence[Span], roles: Sequence[Span],
                                gaz: Gazetteer) -> list[Span]:
    """The gazetteer's matches without an office's name that is the role of the same words where
    the text writes it as a role (see `reads_as_role`): the guide annotates only the body
    named inside it ("as [United Nations] High Commissioner for Refugees")."""
    as_role = {(r.start, r.end) for r in roles if reads_as_role(doc, r.start, r.end)}
    if not as_role:
        return list(matched)
    return [sp for sp in matched if sp.label_ == BACKREF or (sp.start, sp.end) not in as_role
            or gaz.entries[sp.id_].label == "ROLE"]


def plain_name_words(words: Span, gaz: Gazetteer) -> bool:
    """True for capitalised words (not acronyms) none of which heads a name of a body or
    instrument or is a title, that are not a country's name: a person's name, as far as the
    words show ("Romano Prodi", "Arbour")."""
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words) \
        and not any(t.lower_ in HEAD_NOUNS or _is_title(t, gaz) for t in words) \
        and place_label(words.text) is None


def names_after_roles(doc: Doc, spans: Sequence[tuple[int, int, str]], roles: Sequence[Span],
                      gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """The model's spans, where a name of two or three capitalised words in apposition to a role
    ("the Special Envoy of the Secretary-General, Romano Prodi,") is a person whatever the
    recogniser called it, unless a word of it heads names of bodies or instruments or it is a
    place; so is a name right after a role ("SRSG Arbour")."""
    role_ends = {r.end for r in roles}
    role_starts = {r.start for r in roles}
    out = []
    for s, e, label in spans:
        words = doc[s:e]
        if label in ("ORG", "AGENDA", "EVENT") and s >= 2 and doc[s - 1].text == "," and s - 1 in role_ends \
                and 2 <= len(words) <= 3 and plain_name_words(words, gaz):
            label = "PERSON"
        elif label in ("ORG", "AGENDA", "EVENT", "GPE", "LOC", "NORP") and s in role_ends and s > 0 \
                and doc[s - 1].whitespace_ and len(words) <= 3 and plain_name_words(words, gaz):
            label = "PERSON"  # "SRSG [Arbour]", "High Commissioner [Grandi]": a role's holder by name
        elif label in ("ORG", "AGENDA", "EVENT") and 2 <= len(words) <= 3 and e + 1 < len(doc) \
                and doc[e].text == "," and (_is_title(doc[e + 1], gaz) or e + 1 in role_starts) \
                and plain_name_words(words, gaz):
            label = "PERSON"  # "[Alessandra Vellucci], Director of the ...": a name before its title
        out.append((s, e, label))
    return out


def _role_with_ordinal(doc: Doc, s: int, e: int, role_tok: set[int]) -> bool:
    """Whether tokens [s, e) are an ordinal followed by a role and nothing else."""
    first = next((i for i in range(s, e) if i in role_tok), e)
    return s < first < e and all(i in role_tok for i in range(first, e)) \
        and _ORDINAL.fullmatch(doc[s:first].text) is not None


def _of_the(doc: Doc, start: int, i: int) -> bool:
    """Whether the words from `start` to token `i` end with "of" or "of the" (a role naming its
    body: "President of the General Assembly", not "Special Representative ... on
    International Migration")."""
    words = [t.lower_ for t in doc[max(start, i - 2):i]]
    return words[-1:] == ["of"] or words[-2:] == ["of", "the"]


# A campaign or initiative named after "called" ("a global campaign called TOGETHER") or in
# quotes before the word ("the ‘Together’ campaign"): an AGENDA, as the guide's initiatives.
_CAMPAIGN_NAME = r"[A-Z][\w’'-]*(?:[^\S\n]+(?:(?:of|for|and|the|to|on)[^\S\n]+)*[A-Z][\w’'-]*)*"
NAMED_CAMPAIGN = re.compile(r"\b(?:campaign|initiative)[^\S\n]+(?:called|named|entitled|known[^\S\n]+as)[^\S\n]+"
                            r"[“‘\"']?(" + _CAMPAIGN_NAME + ")")
QUOTED_CAMPAIGN = re.compile(r"[“‘\"'](" + _CAMPAIGN_NAME + r")[”’\"'][^\S\n]+(?:campaign|initiative)\b")


# A speaker's name in capitals opening a paragraph of a meetings-coverage press release, before
# the country in brackets or the role after a comma ("GERALDINE BYRNE NASON (Ireland), Chair of ...").
CAPITALISED_SPEAKER = re.compile(r"^((?:[A-Z][A-Z'’-]+[^\S\n]+){1,3}[A-Z][A-Z'’-]+)(?=[^\S\n]*(?:\(|,))", re.M)


def capitalised_speakers(doc: Doc, text: str, gaz: Gazetteer) -> Iterator[Candidate]:
    """PERSON candidates for the speakers' names in capitals that open paragraphs (see
    CAPITALISED_SPEAKER), unless a word of it is a title or a gazetteer acronym."""
    for m in CAPITALISED_SPEAKER.finditer(text):
        words = m.group(1).split()
        if any(w.title() in gaz.titles or w in gaz.titles or w.lower() in gaz.salutations or _is_acronym_alias(w, gaz)
               for w in words):
            continue
        span = doc.char_span(m.start(1), m.end(1))
        if span is not None:
            yield Candidate(span.start, span.end, MODEL_RANK, "PERSON")


def _is_acronym_alias(word: str, gaz: Gazetteer) -> bool:
    return word in _acronyms(gaz)


_ACRONYMS: dict[int, frozenset[str]] = {}


def _acronyms(gaz: Gazetteer) -> frozenset[str]:
    """The gazetteer's one-word names in capitals ("IOM", "UNHCR"), made once per gazetteer."""
    found = _ACRONYMS.get(id(gaz))
    if found is None:
        found = frozenset(f for e in gaz.entries.values() for f in (e.name, *e.aliases) if f.isupper() and " " not in f)
        _ACRONYMS.clear()
        _ACRONYMS[id(gaz)] = found
    return found


# A name completed by the editor in square brackets after a title ("President [Barack] Obama",
# "Ms. [Louise] Arbour"): a person, whom the recogniser misses for the brackets.
EDITED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Secretary-General|Ambassador|Commissioner|Chancellor)"
                         r"\.?[^\S\n]+(\[[A-Z][\w’'-]+(?:[^\S\n]+[A-Z][\w’'-]+)*\][^\S\n]+[A-Z][\w’'-]+)")


# A plan named by its span of years, with the country or body before it when written: "the
# Kiribati 20-Year Vision", "our 15-Year Development Plan" (capitalised: a name).
YEAR_SPAN_PLAN = re.compile(r"(?:\b([A-Z][A-Za-z]+) )?(\b\d{1,3}-Year (?:[A-Z][a-z]+ ){0,2}(?:Vision|Plan|Strategy|Programme|Agenda)\b)")
YEAR_PLAN_NOT_NAMES = frozenset({"The", "Our", "This", "That", "Its", "Their", "My", "A", "An", "New", "In", "Under"})


def pattern_candidates(doc: Doc, text: str | None = None) -> Iterator[Candidate]:
    """Resolutions by their symbol ("resolution 2254 (2015)", and "338 (1973)" in "resolutions
    242 (1967) and 338 (1973)") as AGENDA, conferences of the parties by number ("COP21") or
    ordinal ("twenty-first Conference of the Parties to the United Nations Framework Convention on
    Climate Change", one span with the convention) as EVENT. `text` is `doc.text` when the caller has it."""
    text = doc.text if text is None else text
    found: list[tuple[int, int, str]] = []
    for m in linking.RESOLUTION.finditer(text):
        found.append((m.start(), m.end(), "AGENDA"))
        end = m.end()
        while (more := linking.RESOLUTION_NEXT.match(text, end)) is not None:
            found.append((more.start(1), more.end(1), "AGENDA"))
            end = more.end()
    found += [(m.start(), m.end(), "EVENT") for m in linking.COP.finditer(text)]
    if "campaign" in text or "initiative" in text:
        found += [(m.start(1), m.end(1), "AGENDA") for pattern in (NAMED_CAMPAIGN, QUOTED_CAMPAIGN)
                  for m in pattern.finditer(text)]
    if "Parties" in text:
        found += [(m.start(), m.end(), "EVENT") for m in linking.COP_LONG_FORM.finditer(text)]
    if "[" in text:
        found += [(m.start(1), m.end(1), "PERSON") for m in EDITED_NAME.finditer(text)]
    if "-Year " in text:
        for m in YEAR_SPAN_PLAN.finditer(text):
            start = m.start(2) if m.group(1) is None or m.group(1) in YEAR_PLAN_NOT_NAMES else m.start(1)
            found.append((start, m.end(), "AGENDA"))
    for start, end, label in found:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span):
            yield Candidate(span.start, span.end, PATTERN_RANK, label)


def head_index(doc: Doc, start: int, end: int) -> int:
    """The head word of a name: the last word before its first preposition ("Dialogue" in
    "2013 High-level Dialogue on International Migration"), else its last word."""
    return next((i - 1 for i in range(start + 1, end) if doc[i].lower_ in HEAD_PREPOSITIONS), end - 1)


def _edition_prefix(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are "<ordinal> session (meeting, summit) of the": an edition
    of the event named after them."""
    words = [t.lower_ for t in doc[start:end]]
    return len(words) >= 4 and words[-3] in ("session", "meeting", "summit") and words[-2:] == ["of", "the"] \
        and ordinal_start(doc, end - 4) == start


def named_by_suffix(doc: Doc, chosen: Sequence[Candidate], gazetteer: Iterable[Candidate]) -> list[Candidate]:
    """`chosen`, where a model span that ends with a gazetteer name holding the span's head
    names that entry: the words before it modify it ("[2013 [General Assembly High-level
    Dialogue on International Migration and Development]]"), whereas in "Council of the
    [European Union]" the head, "Council", is outside the name. A place at the end does not
    name the span ("United Nations Support Mission in [Libya]")."""
    by_end: dict[int, list[Candidate]] = {}
    named: set[int] = set()
    for g in gazetteer:
        if g.rank == GAZETTEER_RANK:
            by_end.setdefault(g.end, []).append(g)
            named.update(range(g.start, g.end))
    out = []
    for c in chosen:
        if c.rank == MODEL_RANK and c.end in by_end:
            head = head_index(doc, c.start, c.end)
            g = next((g for g in by_end[c.end] if g.label in NAME_LABELS and (c.start < g.start <= head or (
                g.label == "EVENT" and _edition_prefix(doc, c.start, g.start)))
                and all(_modifies_a_name(doc[i], i in named) for i in range(c.start, g.start))), None)
            if g is not None:
                c = replace(c, rank=GAZETTEER_RANK, label=g.label, ids=g.ids)
        out.append(c)
    return out


# Capitalised adjectives of a region or people ("Inter-American", "African", "European"): before
# a gazetteer name they make another body ("Inter-American Commission on Human Rights").
_REGIONAL_ADJECTIVE = re.compile(r"(?:Inter-?[A-Z]\w*|[A-Z]\w*(?:an|ean|ian|ese|ic))")


def _modifies_a_name(tok, in_a_name: bool) -> bool:
    """True for a word before a gazetteer name that leaves it that name ("2013 [General Assembly]
    High-level Dialogue ...", "Geneva [Convention relating to the Status of Refugees]"); not an
    adjective of a region or people outside any name, which makes another body ("Inter-American
    Commission on Human Rights" is not the Commission on Human Rights)."""
    return in_a_name or not _REGIONAL_ADJECTIVE.fullmatch(tok.text)


UN_ENTRY = "un"


def with_un_prefix(doc: Doc, chosen: Sequence[Candidate]) -> list[Candidate]:
    """`chosen`, where "United Nations" or "UN" right before an instrument or an event on the same
    line is part of its name ("the [United Nations 2019 Climate Summit]", "[UN 2023 Water
    Conference]"), as the annotation guide and the train split write them."""
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.ids == (UN_ENTRY,) and prev.end == c.start and c.label in ("AGENDA", "EVENT") \
                and doc[prev.end - 1].whitespace_ == " " and not _breaks_after(doc[prev.end - 1]):
            out[-1] = replace(c, start=prev.start)
            continue
        out.append(c)
    return out


def _common_phrase(sp: Span, entry: Entry) -> bool:
    """True for a name of one or two words matched in lower case where the gazetteer writes it
    with capitals ("a transparency secretariat", "conflicting global goals"), or of any length
    after "a" or "an" ("the establishment of an international criminal court"): a common
    phrase. Longer names in lower case stay names (transcripts write "the global compact for
    safe, orderly and regular migration")."""
    if entry.label not in NAME_LABELS or not sp.text.islower() \
            or any(form.islower() and form.lower() == sp.text.lower() for form in (entry.name, *entry.aliases)):
        return False
    return after_indefinite_article(sp) or len([t for t in sp if t.is_alpha]) <= 2


INDEFINITE_LOOKBACK = 6
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "RB", "RBR", "RBS", "VBG", "VBN"})


def after_indefinite_article(sp: Span) -> bool:
    """True when "a" or "an" comes before `sp`, maybe across adjectives, adverbs, commas and
    "and" ("a universal, robust and binding arms trade treaty")."""
    doc = sp.doc
    for i in range(sp.start - 1, max(-1, sp.start - 1 - INDEFINITE_LOOKBACK), -1):
        if doc[i].lower_ in ("a", "an"):
            return True
        if not (doc[i].tag_ in MODIFIER_TAGS or doc[i].lower_ in (",", "and", "or")):
            return False
    return False


_BRACKETED_ABBREVIATION = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]*[A-Z][A-Za-z]*)\s*\)")
_LONG_FORM_WORD = re.compile(r"[\w'’-]+")
LONG_FORM_MAX_WORDS = 10
_ROMAN = re.compile(r"[IVXLC]+")


def common_noun_abbreviations(text: str) -> frozenset[str]:
    """Abbreviations that `text` defines by a long form in lower case, a common noun phrase and
    no name: "small and medium-sized enterprises (SMEs)", "nationally determined contribution
    (NDC)", "gross domestic product (GDP)" (Schwartz and Hearst's test finds the long form), or
    by the name of a conference centre, a building the guide does not annotate."""
    out = set()
    for m in _BRACKETED_ABBREVIATION.finditer(text):
        abbr = m.group(1)
        line = text[max(0, m.start() - 200):m.start()].rpartition("\n")[2]
        words = _LONG_FORM_WORD.findall(line)[-LONG_FORM_MAX_WORDS:]
        long_form = linking.abbreviation_long_form(abbr, " ".join(words)) if words else None
        if long_form and (long_form.islower() or VENUE_NAME.search(long_form)) and not _ROMAN.fullmatch(abbr):
            out.add(abbr)  # nor does a building's: "Centre international de Conférences de Genève (CICG)"
    return frozenset(out)


COORDINATION_WORDS = frozenset({"and", ",", "the", "its", "their"})


def without_coordinations(doc: Doc, model: Sequence[tuple[int, int, str]],
                          gazetteer: Sequence[Candidate]) -> list[tuple[int, int, str]]:
    """The model's spans without those that join two or more gazetteer names and nothing else
    ("the [United Nations Charter] and [General Assembly]"): the names are mentions each; a span
    that begins with a gazetteer name and goes on with "and" and another capitalised name is
    cut in two there."""
    names = [g for g in gazetteer if g.rank == GAZETTEER_RANK and g.label in NAME_LABELS]
    out = []
    for s, e, label in model:
        inside = filter_spans([doc[g.start:g.end] for g in names if s <= g.start and g.end <= e])
        covered = {i for sp in inside for i in range(sp.start, sp.end)}
        rest = [doc[i].lower_ for i in range(s, e) if i not in covered]
        if len(inside) >= 2 and ("and" in rest or "," in rest) and all(w in COORDINATION_WORDS for w in rest):
            continue
        first = max((g.end for g in names if g.start == s and g.end < e - 1), default=None)
        if first is not None and doc[first].lower_ == "and" and doc[first + 1].text[:1].isupper() \
                and doc[first + 1].lower_ != "the":
            # "[International Monetary Fund] and [International Emergency and Development Aid]"
            out.extend([(s, first, label), (first + 1, e, label)])
            continue
        if first is not None and first + 2 < e and doc[first].lower_ == "and" and doc[first + 1].lower_ == "the" \
                and doc[first + 2].text[:1].isupper() and doc[first + 2].is_alpha:
            # "the [Islamic Conference] and the [Movement of ... Countries]": the second name after "the"
            out.extend([(s, first, label), (first + 2, e, label)])
            continue
        out.append((s, e, label))
    return out


def without_trailing_common_words(doc: Doc, model: Sequence[tuple[int, int, str]],
                                  gazetteer: Iterable[Candidate]) -> list[tuple[int, int, str]]:
    """The model's spans, where one that is a gazetteer name followed only by words in lower
    case or words for its members stops at the name ("the [Uniting for Consensus] group",
    "[Paris Agreement] commitments", "[CARICOM] States"), or by a date after a word in lower
    case ("the [New York Declaration] on 19 September 2016", "... of the 3rd of May")."""
    ends: dict[int, list[int]] = {}
    for g in gazetteer:
        if g.rank == GAZETTEER_RANK and g.label in NAME_LABELS:
            ends.setdefault(g.start, []).append(g.end)
    out = []
    for s, e, label in model:
        cut = max((end for end in ends.get(s, ()) if end < e
                   and (all(t.is_alpha and (t.is_lower or t.lower_ in MEMBER_WORDS) for t in doc[end:e])
                        or is_trailing_date(doc[end:e]))), default=e)
        out.append((s, cut, label))
    return out


MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})
_DAY_NUMBER = re.compile(r"\d{1,4}(?:st|nd|rd|th)?")


def is_trailing_date(words: Span) -> bool:
    """True for words after a name that are a date led by a word in lower case ("on 19
    September 2016", "of the 19th of September"): no part of the name."""
    return len(words) >= 2 and words[0].is_lower and words[0].is_alpha \
        and any(t.lower_ in MONTH_NAMES for t in words) \
        and all(t.is_lower or t.lower_ in MONTH_NAMES or _DAY_NUMBER.fullmatch(t.text) or t.text == ","
                for t in words)


# Capitalised words for a body's members or area after its name ("CARICOM States", "SADC Region",
# "Pacific Islands Forum Foreign Ministers"): the body is the name.
MEMBER_WORDS = frozenset({"state", "states", "region", "countries", "country", "members", "member", "leaders",
                          "ministers", "foreign", "heads", "nations", "partners", "governments"})


def with_gazetteer_edition(doc: Doc, c: Candidate) -> Candidate:
    """`c`, where a gazetteer meeting or body named "Conference" (and the like) right after an
    ordinal is an edition of it, ordinal included, as the guide writes it ("[fourth International
    Conference on Small Island Developing States]", "[second United Nations Conference on Trade
    and Development]": an event, not the standing body)."""
    if c.rank != GAZETTEER_RANK or c.label not in ("EVENT", "ORG") or c.start == 0:
        return c
    first = ordinal_start(doc, c.start - 1)
    if first is None or doc[head_index(doc, c.start, c.end)].lower_ not in MEETING_HEADS:
        return c
    if c.label == "EVENT":
        return replace(c, start=first)
    return Candidate(first, c.end, MODEL_RANK, "EVENT")


# One-word aliases that are common nouns: the gazetteer's body only when no other name holds them.
COMMON_NOUN_ALIASES = frozenset({"secretariat", "quartet"})
_UN_NAME_AFTER = re.compile(r"(?:the\s+)?(?:United\s+Nations|UN|Organi[sz]ation)\b")


def of_a_common_noun(doc: Doc, end: int) -> bool:
    """True when "of the" and a word in lower case follow token `end - 1` ("Secretariat | of the meeting")."""
    return end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "the" \
        and doc[end + 2].is_lower and doc[end + 2].is_alpha


def in_another_name(sp: Span) -> bool:
    """True for a common-noun alias ("Secretariat") inside the name of another body: after a
    capitalised word of that name ("the Executive Secretariat", "the Commonwealth Secretariat")
    or before "of" and a name other than the UN's ("the Secretariat of ALMA") or "of the" and a
    common noun ("the Secretariat of the meeting")."""
    if len(sp) != 1 or sp[0].lower_ not in COMMON_NOUN_ALIASES:
        return False
    doc = sp.doc
    if sp.start > 0:
        prev = doc[sp.start - 1]
        if prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start \
                and prev.pos_ not in ("DET", "PRON") and prev.lower_ not in ("the", "our", "this", "your", "its"):
            return True
    if sp.end + 1 < len(doc) and doc[sp.end].lower_ == "of":
        rest = doc[sp.end + 1:min(len(doc), sp.end + 4)].text
        words = rest.split()
        name = words[1] if words[:1] == ["the"] and len(words) > 1 else (words[0] if words else "")
        if name[:1].isupper():
            return not _UN_NAME_AFTER.match(rest)
        return of_a_common_noun(doc, sp.end)  # "the Secretariat of the meeting"
    return False


def gazetteer_candidates(matched: Iterable[Span], gaz: Gazetteer) -> Iterator[Candidate]:
    """Candidates for the gazetteer's names (not roles) and back-references; the entries a
    back-reference may name are grouped by its tokens."""
    backrefs: dict[tuple[int, int], list[str]] = {}
    for sp in matched:
        if sp.label_ == BACKREF:
            backrefs.setdefault((sp.start, sp.end), []).append(sp.id_)
        elif gaz.entries[sp.id_].label != "ROLE" and not _common_phrase(sp, gaz.entries[sp.id_]) \
                and not in_another_name(sp):
            yield Candidate(sp.start, sp.end, GAZETTEER_RANK, gaz.entries[sp.id_].label, (sp.id_,))
    for (s, e), ids in backrefs.items():
        ids = list(dict.fromkeys(ids))
        yield Candidate(s, e, BACKREF_RANK, gaz.entries[ids[0]].label, tuple(ids))


def extract(doc: Doc, gaz: Gazetteer, section: str, common: frozenset[str] = frozenset(),
            candidates: Sequence[tuple[int, int, str]] | None = None, text: str | None = None) -> list[Mention]:
    """Unlinked mentions of one Doc (which has been through `add_rules`' components);
    `candidates` are its `model_candidates` when already computed, `text` its text when known.

    The model's repaired spans, the gazetteer's names and its back-references compete by
    `longest_first`; the gazetteer's roles are mentions where no chosen span crosses them."""
    text = doc.text if text is None else text  # spaCy rebuilds doc.text on every access
    common_abbr = common_noun_abbreviations(text) if "(" in text else frozenset()
    matched = [sp for sp in gazetteer_spans(doc) if len(split_at_breaks(doc, sp.start, sp.end)) == 1
               and sp.text not in common_abbr]  # "early childhood education (ECE)" is no commission
    roles = filter_spans([sp for sp in matched if sp.label_ != BACKREF and gaz.entries[sp.id_].label == "ROLE"])
    matched = without_names_read_as_roles(doc, matched, roles, gaz)
    model = list(against_roles(doc, repair_model_ents(doc, gaz, common, candidates), roles))
    model = names_after_roles(doc, model, roles, gaz)
    named = list(gazetteer_candidates(matched, gaz))
    model = without_coordinations(doc, model, named)
    model = without_trailing_common_words(doc, model, named)
    model = before_headline_verbs(doc, model, text)
    model = [(s, e, label) for s, e, label in model if doc[s:e].text not in common_abbr]
    chosen = longest_first([*pattern_candidates(doc, text), *named, *capitalised_speakers(doc, text, gaz),
                            *(Candidate(s, e, MODEL_RANK, label) for s, e, label in model)])
    chosen = with_un_prefix(doc, named_by_suffix(doc, chosen, named))
    chosen = [with_gazetteer_edition(doc, c) for c in chosen]
    model_at = {(s, e): label for s, e, label in model}
    taken = [False] * len(doc)
    for c in chosen:
        taken[c.start:c.end] = [True] * (c.end - c.start)
    role_tok = [False] * len(doc)
    mentions = [_candidate_mention(doc, section, c, gaz, model_at.get((c.start, c.end))) for c in chosen]
    for r in roles:
        if all(r.start <= c.start and c.end <= r.end for c in chosen if c.start < r.end and r.start < c.end):
            mentions.append(linking.assign_entry(_mention(doc, section, r.start, r.end, "ROLE", "gazetteer"),
                                                 gaz.entries[r.id_]))
            taken[r.start:r.end] = role_tok[r.start:r.end] = [True] * (r.end - r.start)
    mentions.extend(_titled_names(doc, gaz, section, taken, role_tok))
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _candidate_mention(doc: Doc, section: str, c: Candidate, gaz: Gazetteer, model_label: str | None) -> Mention:
    """The mention of a chosen candidate. A back-reference the model also found is the model's
    mention with the back-reference's entries: linked when one was named before, else kept
    as the model's ("the Assembly" in a speech that never says "General Assembly")."""
    if c.rank == GAZETTEER_RANK:
        return linking.assign_entry(_mention(doc, section, c.start, c.end, c.label, "gazetteer"),
                                    gaz.entries[c.ids[0]])
    if c.rank == BACKREF_RANK and model_label is not None:
        return replace(_mention(doc, section, c.start, c.end, model_label, "model"), candidates=c.ids)
    if c.rank == BACKREF_RANK:
        return replace(_mention(doc, section, c.start, c.end, c.label, "backref"), candidates=c.ids)
    return _mention(doc, section, c.start, c.end, c.label, "pattern" if c.rank == PATTERN_RANK else "model")


def _token_indices(doc: Doc, keep: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose text passes `keep` (tested once per distinct word)."""
    orths = [orth for orth in doc.count_by(ORTH) if keep(doc.vocab.strings[orth])]
    if not orths:
        return []
    return numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), numpy.array(orths, dtype="uint64"))).tolist()


def between_titles(doc: Doc, end: int, gaz: Gazetteer) -> bool:
    """Whether a title follows the word ending at `end`, which a title precedes: the word is part
    of one role ("Deputy [Permanent] Representative"), not a name."""
    return end < len(doc) and doc[end].text not in ("His", "Her", "Your") and _is_title(doc[end], gaz) \
        and not _breaks_after(doc[end - 1])


def _titled_names(doc: Doc, gaz: Gazetteer, section: str, taken: list[bool],
                  role_tok: Sequence[bool]) -> Iterable[Mention]:
    n = len(doc)
    role_ends = {i for i in range(n) if role_tok[i] and (i + 1 == n or not role_tok[i + 1])}
    titles = _token_indices(doc, lambda word: word in gaz.titles or word.rstrip(".") in gaz.titles)
    in_doc = None  # whether a word is written in lower case in the Doc, made when first needed
    for i in sorted(role_ends.union(titles)):
        is_trigger = i in role_ends or (not taken[i] and _is_title(doc[i], gaz))
        if not is_trigger or i + 1 >= n or _breaks_after(doc[i]) or taken[i + 1]:
            continue
        found = name_after_title(doc, i + 1, gaz, taken)
        if found and found[1] - found[0] == 1:  # "Foreign Policy" after "our foreign policy" is no name
            in_doc = in_doc or _written_in_lower_case(doc)
            found = None if in_doc(doc[found[0]].lower_) or between_titles(doc, found[1], gaz) \
                or linking.normalise(doc[found[0]].text) in gaz.not_entities else found  # "Honourable [Members]"
        if found and not any(t.lower_ in HEAD_NOUNS for t in doc[found[0]:found[1]]):
            s, e = found
            taken[s:e] = [True] * (e - s)
            yield _mention(doc, section, s, e, "PERSON", "rule")


# ------------------------------------------------------------------ linking a speech

@dataclass
class SpeechContext:
    """What linking knows about one speech while reading it (header first, then text)."""

    gaz: Gazetteer
    people: SpeechPeople
    surnames: dict[str, list[Entry]]
    year: int | None
    antecedents: Antecedents
    abbreviations: dict[str, Mention]
    # the latest name outside the gazetteer of each (label, last word): "the Conference" after it
    heads: dict[tuple[str, str], Mention] = field(default_factory=dict)


def _with_edition(m: Mention, entry: Entry, text: str, year: int | None) -> Mention:
    context = text[max(0, m.start_char - linking.EDITION_WINDOW_CHARS):m.end_char]
    edition = linking.edition_for(entry, context, year)
    return replace(m, entity_id=edition.id, entity_name=edition.name) if edition else m


def is_known_surname(word: str, people: linking.SpeechPeople) -> bool:
    """True for one capitalised word that is the surname of a person named earlier in the speech
    and no country or place of the country list."""
    if " " in word or not word[:1].isupper() or place_label(word) is not None:
        return False
    antecedent = people.by_key.get(word.lower())
    return antecedent is not None and linking.name_parts(antecedent.entity_name or antecedent.text)[1] == word.lower()


def head_backref(m: Mention, ctx: SpeechContext) -> Mention:
    """`m`, where one capitalised word (or two) that ends a name outside the gazetteer named earlier
    in the speech with the same label is that name ("the Intergovernmental Conference on Ocean Rescue
    ... this Conference", "the Global Humanitarian Response Plan ... the Response Plan", "COP28 ... this
    COP"); unchanged otherwise."""
    words = m.text.split()
    if m.entity_id is not None or len(words) > 2 or not all(w[:1].isupper() for w in words) \
            or (m.text.isupper() and m.text != "COP"):
        return m
    antecedent = ctx.heads.get((m.label, m.text))
    if antecedent is None:
        return m
    if antecedent.entity_id is not None:
        return replace(m, entity_id=antecedent.entity_id, entity_name=antecedent.entity_name, source=f"{m.source}+head")
    name = re.sub(r"^[Tt]he\s+", "", antecedent.text.strip())
    return replace(m, entity_id=f"{m.label.lower()}:{linking.slug(name)}", entity_name=name,
                   source=f"{m.source}+head")


def initials_of_a_name_before(m: Mention, ctx: SpeechContext) -> Mention | None:
    """The one name of `m`'s label named earlier in the speech whose initials `m` (one word in
    capitals) spells out in full, though no brackets defined it ("the African Leaders Malaria
    Alliance ... ALMA will run a deficit"), else None."""
    if " " in m.text or not m.text.isupper() or not 2 < len(m.text) <= 8:
        return None
    found = {(h.entity_id, h.text): h for h in ctx.heads.values()
             if h.label == m.label and linking.abbreviation_long_form(m.text, h.text) == " ".join(h.text.split())}
    return next(iter(found.values())) if len({key[0] or key[1] for key in found}) == 1 else None


def link_mention(m: Mention, text: str, ctx: SpeechContext) -> Mention | None:
    """`m` with its entity decided from the speech so far; None for an unresolved back-reference
    that the model did not find."""
    gaz = ctx.gaz
    if m.source == "model" and m.label in ("GPE", "LOC", "NORP", "ORG") and is_known_surname(m.text, ctx.people):
        m = replace(m, label="PERSON")  # "Grandi said" after "Filippo Grandi": no place
    if m.candidates:
        entry_id = ctx.antecedents.resolve(m.candidates)
        if entry_id is None and m.source == "model" and (meeting := ctx.heads.get(("EVENT", m.text))) is not None:
            # "the 133rd Assembly of the Inter-Parliamentary Union ... your Assembly": the meeting the
            # speech is given at, named before, not the body a UN speech addresses
            return head_backref(replace(m, candidates=(), label="EVENT"), ctx) if meeting.entity_id is None else \
                replace(m, candidates=(), label="EVENT", entity_id=meeting.entity_id, entity_name=meeting.entity_name,
                        source=f"{m.source}+head")
        if entry_id is None:
            standing = standing_entry(m, text, gaz)
            if standing is not None:
                return replace(linking.assign_entry(m, standing), source=f"{m.source}+standing")
            # the model's span stays unlinked (or names the latest name it heads); a back-reference alone goes
            return head_backref(replace(m, candidates=()), ctx) if m.source == "model" else None
        antecedent = ctx.antecedents.mentions[entry_id]
        m = replace(linking.assign_entry(m, gaz.entries[entry_id]), entity_id=antecedent.entity_id,
                    entity_name=antecedent.entity_name)
    elif m.text in ctx.abbreviations and ctx.abbreviations[m.text].entity_id != m.entity_id \
            and ctx.abbreviations[m.text].label in NAME_LABELS and ctx.abbreviations[m.text].label != m.label:
        # defined in the speech for a name of another kind: "Committee on the Elimination of ...
        # (CEDAW)" is the committee, though the gazetteer's CEDAW is the convention (of one kind,
        # the gazetteer's reading stands: "Council of the European Union (EU)" keeps the EU)
        long_form = ctx.abbreviations[m.text]
        m = replace(m, entity_id=long_form.entity_id, entity_name=long_form.entity_name or long_form.text,
                    label=long_form.label, wikidata=long_form.wikidata, source=f"{m.source}+abbreviation")
    elif m.entity_id in gaz.entries:
        m = _with_edition(m, gaz.entries[m.entity_id], text, ctx.year)
    elif m.text in ctx.abbreviations:
        long_form = ctx.abbreviations[m.text]
        m = replace(m, entity_id=long_form.entity_id, entity_name=long_form.entity_name or long_form.text,
                    label=long_form.label, wikidata=long_form.wikidata, source=f"{m.source}+abbreviation")
    elif m.label == "AGENDA" and (entry := _name_index(gaz).get(linking.normalise(m.text))) is not None \
            and gaz.entries[entry].label == "AGENDA":
        m = replace(linking.assign_entry(m, gaz.entries[entry]), source=f"{m.source}+name")  # "resolution 70/1"
    elif (numbered := linking.numbered_entity(m.label, m.text)) is not None:
        m = replace(m, entity_id=numbered[0], entity_name=numbered[1])
    elif m.label == "EVENT" and (session := assembly_session(m, text)) is not None:
        m = replace(m, entity_id=f"event:{linking.slug(session)}", entity_name=session)
    elif m.label in ("ORG", "AGENDA", "EVENT"):
        entry = _name_index(gaz).get(linking.normalise(m.text)) or _name_before_lower_case_tail(gaz, m.text) \
            or _name_before_of_the_un(gaz, m.text, m.label)
        if entry is not None and gaz.entries[entry].label == m.label:
            # a gazetteer name the rulers did not take ("outlined a global compact for safe, ...")
            m = replace(_with_edition(linking.assign_entry(m, gaz.entries[entry]), gaz.entries[entry], text, ctx.year),
                        source=f"{m.source}+name")
        elif (long_form := initials_of_a_name_before(m, ctx)) is not None:
            m = replace(m, entity_id=long_form.entity_id, entity_name=long_form.entity_name or long_form.text,
                        source=f"{m.source}+initials")
        else:
            m = head_backref(m, ctx)
    elif m.label == "PERSON":
        m = linking.link_person(m, ctx.people)
        if m.entity_id is None and len(m.text.split()) == 1 and not after_regnal_title(text, m.start_char):
            known = ctx.surnames.get(m.text.lower(), [])
            if len(known) == 1:
                m = replace(linking.assign_entry(m, known[0]), source=f"{m.source}+surname")
        elif m.entity_id is None or m.entity_id.startswith("person:"):
            # a full name the gazetteer's patterns missed for its punctuation ("[Louise] Arbour") or
            # its accents ("[Antônio] Guterres" for "António Guterres")
            name = linking.normalise(m.text)
            known = [e for e in ctx.surnames.get(name.rpartition(" ")[2], [])
                     if linking.slug(name) in {linking.slug(form) for n in (e.name, *e.aliases)
                                               for form in (n, linking.without_letters_beyond_latin1(n))}]
            if len(known) == 1:
                m = replace(linking.assign_entry(m, known[0]), source=f"{m.source}+name")
    return m


# Titles before a given, regnal or papal name ("Pope Francis", "King Abdullah"): the one word
# after them is no surname of another person ("Francis" after "Pope" is not Dennis Francis).
_REGNAL_TITLE_BEFORE = re.compile(r"\b(?:Pope|King|Queen|Prince|Princess|Emperor|Empress|Saint|St\.)[^\S\n]+$")


def after_regnal_title(text: str, start: int) -> bool:
    """True when a title that goes before a given, regnal or papal name ends right before `start`."""
    return bool(_REGNAL_TITLE_BEFORE.search(text, max(0, start - 20), start))


_BARE_SESSION = re.compile(r"(" + linking.ORDINAL_WORD.replace("-", r"-\s?") + r")\s+session", re.I)
_ASSEMBLY_BEFORE = re.compile(r"\bAssembly\b[^.\n]{0,25}$")
# A session with the Assembly named in any of its usual forms ("... of the United Nations General
# Assembly", "... of the General Assembly of the United Nations"): one id for all of them.
_FULL_SESSION = re.compile(_BARE_SESSION.pattern + r"\s+of\s+the\s+(?:United\s+Nations\s+|UN\s+)?General\s+"
                           r"Assembly(?:\s+of\s+the\s+United\s+Nations)?", re.I)


# The running head of a page of the Assembly's printed record: "Forty-eighth session - 8 October 1993 11".
_RUNNING_HEAD_DATE = re.compile(r"[^\S\n]*[-–—][^\S\n]*\d{1,2}[^\S\n]+[A-Z][a-z]+[^\S\n]+[\dl]{4}\b")


def is_running_head(text: str, m: Mention) -> bool:
    """True for a session that opens a line and a dash and a date follow: a page's running head."""
    return (m.start_char == 0 or text[m.start_char - 1] == "\n") and bool(_RUNNING_HEAD_DATE.match(text, m.end_char))


def assembly_session(m: Mention, text: str) -> str | None:
    """"<ordinal> session of the General Assembly" for a bare "<ordinal> session" that follows
    the Assembly in its sentence ("the General Assembly at its seventy-fourth session") or heads a
    page of the Assembly's record (`is_running_head`), and for
    the session with the Assembly named in another form ("... of the United Nations General
    Assembly"): the session the annotation guide gives it, so that it is one event whatever the
    wording."""
    found = _FULL_SESSION.fullmatch(m.text)
    if found is None:
        found = _BARE_SESSION.fullmatch(m.text)
        if found is None or not (_ASSEMBLY_BEFORE.search(text, 0, m.start_char) or is_running_head(text, m)):
            return None
    ordinal = re.sub(r"-\s+", "-", found.group(1)).lower()
    return f"{ordinal} session of the General Assembly"


_NAME_GOES_ON = re.compile(r"\s+(?:of|for|on|to|in)\s+(?:the\s+)?[A-Z]")


def standing_entry(m: Mention, text: str, gaz: Gazetteer) -> Entry | None:
    """The entry that back-reference `m` names with no antecedent in the speech: one whose
    `standing_backrefs` hold its text ("this Assembly", "the Organization", "the Charter" in a
    UN speech), unless a name goes on after it ("the Organization of American States")."""
    if _NAME_GOES_ON.match(text, m.end_char):
        return None
    found = [gaz.entries[c] for c in m.candidates if m.text in gaz.entries[c].standing_backrefs]
    return found[0] if len(found) == 1 else None


_NAME_INDEX: dict[int, dict[str, str]] = {}


def _name_index(gaz: Gazetteer) -> dict[str, str]:
    """Normalised names and aliases of two words or more of the gazetteer's bodies, instruments
    and events -> entry id (made once per gazetteer)."""
    index = _NAME_INDEX.get(id(gaz))
    if index is None:
        index = {}
        for e in gaz.entries.values():
            if e.label in ("ORG", "AGENDA", "EVENT"):
                for form in (e.name, *e.aliases):
                    key = linking.normalise(form)
                    if " " in key:
                        index.setdefault(key, e.id)
        _NAME_INDEX.clear()
        _NAME_INDEX[id(gaz)] = index
    return index


def nested_entries(gaz: Gazetteer, text: str, outer: str | None) -> list[str]:
    """Entries other than `outer` named inside the name `text` ("the [Global Compact for
    Safe, Orderly and Regular Migration]" in the name of the conference that adopted it, "the
    [Executive Committee ...]" in "68th session of the Executive Committee ..."): named as well,
    so that "the Compact" or "this Committee" after it is the entry."""
    words = linking.normalise(text).split()
    if len(words) < 3:
        return []
    index = _name_index(gaz)
    found = []
    for size in range(len(words) - 1, 1, -1):
        for i in range(len(words) - size + 1):
            entry = index.get(" ".join(words[i:i + size]))
            if entry is not None and entry != outer and entry not in found:
                found.append(entry)
    return found


_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")


def adopted_by_bracketed_resolution(m: Mention, before: Mention | None, text: str) -> Mention:
    """`m`, with the id of the instrument right before it when `m` is a resolution in brackets
    after that instrument ("the Global Counter-Terrorism Strategy (resolution 60/288)"): the
    guide's resolution that adopted it shares its id."""
    if before is None or m.label != "AGENDA" or before.label != "AGENDA" or before.entity_id is None \
            or not m.text.lower().startswith("resolution") or before.end_char > m.start_char \
            or not _OPEN_BRACKET.fullmatch(text[before.end_char:m.start_char]) \
            or not _CLOSE_BRACKET.match(text, m.end_char):
        return m
    return replace(m, entity_id=before.entity_id, entity_name=before.entity_name, source=f"{m.source}+adopted")


def link_section(mentions: Sequence[Mention], text: str, ctx: SpeechContext) -> list[Mention]:
    """Link the mentions of one section in order, updating the speech context."""
    out = []
    for m in mentions:
        m = link_mention(m, text, ctx)
        if m is None:
            continue
        m = adopted_by_bracketed_resolution(m, out[-1] if out else None, text)
        base = m.entity_id if m.entity_id in ctx.gaz.entries else _entry_of(m, ctx.gaz)
        if base:
            ctx.antecedents.add(m, base)
        if m.label == "ROLE" and (office := _name_index(ctx.gaz).get(linking.normalise(m.text))) is not None:
            # the role of an office's head names the office for "my Office" after it ("Filippo
            # Grandi, United Nations High Commissioner for Refugees ... the work of my Office")
            ctx.antecedents.add(linking.assign_entry(m, ctx.gaz.entries[office]), office)
        if m.label in ("ORG", "AGENDA", "EVENT"):
            for inner in nested_entries(ctx.gaz, m.text, base):
                ctx.antecedents.add(linking.assign_entry(m, ctx.gaz.entries[inner]), inner)
        ctx.people.add(m)
        if m.label == "EVENT" and (m.entity_id or "").startswith("event:cop") and linking.COP.search(m.text):
            ctx.heads[("EVENT", "COP")] = m  # "COP28 ... this COP": the conference of the parties named last
        if m.label in ("ORG", "AGENDA", "EVENT") and " " in m.text \
                and (m.entity_id is None or m.entity_id in ctx.gaz.entries):
            # a gazetteer name heads its back-references as well ("the Association of Southeast Asian
            # Nations ... our Association", "the Universal Declaration ... This Declaration")
            words = m.text.split()
            cut = next((i for i in range(1, len(words)) if words[i].islower()), len(words))
            ctx.heads[(m.label, words[cut - 1])] = m  # "Conference" of "Regional Conference on Coastal Mobility"
            if cut >= 3:
                ctx.heads[(m.label, " ".join(words[cut - 2:cut]))] = m  # "Response Plan" of "Global ... Response Plan"
                if _ORDINAL.fullmatch(words[0]):
                    ctx.heads[(m.label, f"{words[0]} {words[cut - 1]}")] = m  # "Third Forum" of "Third International Forum on ..."
        for abbr, long_form in linking.abbreviation_definitions([m], text).items():
            entry = _acronym_entry(ctx.gaz, abbr)
            if entry is not None and entry.label == m.label and m.entity_id not in ctx.gaz.entries \
                    and linking.abbreviation_long_form(abbr, m.text) == " ".join(m.text.split()):
                # a long form the gazetteer does not know, of an acronym it does: the same entity
                # ("Fuerzas Armadas Revolucionarias de Colombia (FARC)")
                m = replace(linking.assign_entry(m, entry), source=f"{m.source}+abbreviation")
                ctx.antecedents.add(m, entry.id)
                long_form = m
            ctx.abbreviations.setdefault(abbr, long_form)
        out.append(m)
    return out


_OF_THE_UN = re.compile(r"\s+of\s+the\s+United\s+Nations$")


def _name_before_of_the_un(gaz: Gazetteer, text: str, label: str) -> str | None:
    """The one gazetteer entry of `label` that `text` names with "of the United Nations" added
    ("the Universal Declaration of Human Rights of the United Nations", "an Organization of the
    United Nations", "the Secretariat of the United Nations"), else None."""
    found = _OF_THE_UN.search(text)
    if found is None:
        return None
    rest = linking.normalise(text[:found.start()])
    if (entry := _name_index(gaz).get(rest)) is not None:
        return entry if gaz.entries[entry].label == label else None
    ids = {e.id for e in gaz.entries.values() if e.label == label
           and rest in {linking.normalise(f) for f in (e.name, *e.aliases, *e.backrefs, *e.standing_backrefs)}}
    if "un" in ids:
        return "un"  # "an Organization of the United Nations": the one whose name follows
    return ids.pop() if len(ids) == 1 else None


# Words in lower case after an event's name that name its time, not another event.
PERIOD_WORDS = frozenset({"era", "period", "years", "days", "times"})


def _name_before_lower_case_tail(gaz: Gazetteer, text: str) -> str | None:
    """The gazetteer entry named by the start of `text` when the rest is a preposition and words in
    lower case that describe it ("Ottawa Convention on anti-personnel landmines"), else None."""
    words = text.split()
    if len(words) >= 3 and words[-1] in PERIOD_WORDS:
        entry = _name_index(gaz).get(linking.normalise(" ".join(words[:-1])))
        if entry is not None and gaz.entries[entry].label == "EVENT":
            return entry  # "the cold war era": the period of the event
    for cut in range(len(words) - 1, 1, -1):
        tail = words[cut:]
        if tail[0] in ("on", "against", "for") and all(w.islower() or not w[:1].isalpha() for w in tail):
            entry = _name_index(gaz).get(linking.normalise(" ".join(words[:cut])))
            if entry is not None:
                return entry
    return None


_ACRONYM_ENTRIES: dict[int, dict[str, Entry | None]] = {}


def _acronym_entry(gaz: Gazetteer, abbr: str) -> Entry | None:
    """The one gazetteer entry that has `abbr` (in capitals, one word) as its name or alias, else None."""
    table = _ACRONYM_ENTRIES.get(id(gaz))
    if table is None:
        table = {}
        for e in gaz.entries.values():
            for form in dict.fromkeys((e.name, *e.aliases)):
                if form.isupper() and " " not in form:
                    table[form] = e if form not in table else None
        _ACRONYM_ENTRIES.clear()
        _ACRONYM_ENTRIES[id(gaz)] = table
    return table.get(abbr)


def _entry_of(m: Mention, gaz: Gazetteer) -> str | None:
    for e in gaz.entries.values():
        if e.editions and any(ed.id == m.entity_id for ed in e.editions):
            return e.id
    return None


def unlabelled_repeats(doc: Doc, mentions: Sequence[Mention], ctx: SpeechContext,
                       section: str, text: str | None = None) -> list[Mention]:
    """Tokens the model left out that name a person or abbreviation already known in the speech.

    `text` is `doc.text` (which spaCy rebuilds from the tokens on every access)."""
    taken = [False] * len(doc)
    for m in mentions:
        taken[m.start:m.end] = [True] * (m.end - m.start)
    known = _token_indices(doc, lambda word: word[:1].isupper() and (
        word in ctx.abbreviations or doc.vocab[word].lower_ in ctx.people.by_key))
    text = doc.text if text is None and known else text
    out = []
    for i in known:
        tok = doc[i]
        if taken[i] or (tok.is_sent_start and not (tok.pos_ in ("PROPN", "") and is_known_surname(tok.text, ctx.people))):
            continue
        if tok.text in ctx.abbreviations:
            out.append(link_mention(_mention(doc, section, i, i + 1, "ORG", "abbreviation"), text, ctx))
        elif tok.lower_ in ctx.people.by_key and tok.pos_ in ("PROPN", ""):
            out.append(link_mention(_mention(doc, section, i, i + 1, "PERSON", "linking"), text, ctx))
    return [m for m in out if m is not None]


_MEETING_NOUN_AFTER = re.compile(r"[^\S\n]+(?:conference|conferences|summit|summits)\b")


def consistent_labels(sections: Sequence[Sequence[Mention]],
                      texts: Mapping[str, str] | None = None) -> list[list[Mention]]:
    """The model's mentions of one speech (one list per section), each with the label the model
    gave its text most often in the speech: a name keeps one type throughout ("Geneva" named
    a place five times is not an event the sixth). A tie between an event and another label goes
    to the event when a meeting noun follows the name once ("the [Metropolis] conference", given
    `texts`, section -> text); any other tie leaves the labels as they are."""
    votes: dict[str, Counter] = {}
    for m in itertools.chain.from_iterable(sections):
        if m.source == "model":
            votes.setdefault(m.text, Counter())[m.label] += 1
    best = {}
    for text, counts in votes.items():
        (label, n), *rest = counts.most_common(2)
        if rest and rest[0][1] < n:
            best[text] = label
        elif rest and texts and "EVENT" in (label, rest[0][0]) and any(
                m.source == "model" and m.text == text and m.section in texts
                and _MEETING_NOUN_AFTER.match(texts[m.section], m.end_char)
                for m in itertools.chain.from_iterable(sections)):
            best[text] = "EVENT"  # "the [Metropolis] conference ... the [Metropolis] conferences": meetings
    return [[replace(m, label=best[m.text]) if m.source == "model" and m.text in best else m for m in section]
            for section in sections]


def speech_mentions(docs: dict[str, Doc], gaz: Gazetteer, nicknames: dict, year: int | None,
                    surnames: dict[str, list[Entry]], common: frozenset[str] = frozenset(),
                    texts: Mapping[str, str] | None = None,
                    candidates: Mapping[str, Sequence[tuple[int, int, str]]] | None = None) -> list[Mention]:
    """All linked mentions of one speech; `docs` maps section -> rule-annotated Doc. Optional
    (they save time): `texts` and `model_candidates` of each section's Doc."""
    ctx = SpeechContext(gaz, SpeechPeople(nicknames), surnames, year, Antecedents(), {})
    sections = {s: docs[s] for s in SECTIONS if docs.get(s) is not None and len(docs[s])}
    texts = {s: texts[s] if texts else doc.text for s, doc in sections.items()}
    found = {section: extract(doc, gaz, section, common, candidates[section] if candidates else None,
                              texts[section])
             for section, doc in sections.items()}
    found = dict(zip(found, consistent_labels(list(found.values()), texts), strict=True))
    if "header" in found and "text" in texts:
        found["header"] = without_headline_words(found["header"], texts["header"], texts["text"])
    out: list[Mention] = []
    for section in sections:
        out.extend(link_section(found[section], texts[section], ctx))
    for section, doc in sections.items():
        out.extend(unlabelled_repeats(doc, [m for m in out if m.section == section], ctx, section, texts[section]))
    return out


HEADLINE_MIN_WORDS = 6
HEADLINE_CAPITALISED_SHARE = 0.7
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


# Verbs of UN press releases' headlines ("..., Urges Greater Cooperation"): a title naming an
# occasion ("Remarks to the Global Forum on Migration and Development") has none.
HEADLINE_VERBS = frozenset({"urges", "calls", "says", "stresses", "tells", "told", "warns", "highlights", "welcomes",
                            "notes", "praises", "emphasizes", "emphasises", "underscores", "underlines", "appeals",
                            "pledges", "hails", "commends", "expresses", "launches", "reaffirms", "recalls",
                            "encourages", "asks", "cites", "spotlights", "insists", "declares", "applauds",
                            "adopts", "sign", "signs", "demand", "demands", "opens", "concludes", "elects",
                            "approves", "hears"})


# Words of a meetings-coverage line ("3rd to 7th Meetings (AM, PM & Night)"): no name.
SITTING_WORDS = frozenset({"am", "pm", "night", "morning", "afternoon", "evening", "&", "and", ","})


def before_headline_verbs(doc: Doc, model: Sequence[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """The model's spans on a press release's headline-case line (see `is_headline_case`) cut
    before a headline's verb ("[International Organization for Migration] Sign Key Agreement");
    none where less than two words are left ("Speakers Demand Action"), and none made of the
    words of a meetings-coverage line ("PM & Night")."""
    out = []
    for s, e, label in model:
        if all(t.lower_ in SITTING_WORDS for t in doc[s:e]):
            continue
        if s >= 2 and doc[s - 2].text == "[" and doc[s - 1].is_lower and e < len(doc) and doc[e].text == "]":
            continue  # "the 2030 Agenda [for Sustainable Development]": an editor's end of the name before
        verb = next((i for i in range(s, e) if doc[i].lower_ in HEADLINE_VERBS and doc[i].text[:1].isupper()), None)
        if verb is not None:
            start = doc[s].idx
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", start)
            if is_headline_case(text[line_start:line_end if line_end >= 0 else len(text)]):
                if verb - s >= 2:
                    out.append((s, verb, label))
                continue
        out.append((s, e, label))
    return out


def is_headline_case(line: str) -> bool:
    """True for a press release's headline: six words or more, those of four letters or more
    mostly capitalised, with a headline's verb ("Secretary-General, at Migration Event, Urges
    Greater Cooperation"). There capitals do not mark names."""
    words = _HEADLINE_WORD.findall(line)
    return len(line.split()) >= HEADLINE_MIN_WORDS and bool(words) \
        and sum(w[:1].isupper() for w in words) >= HEADLINE_CAPITALISED_SHARE * len(words) \
        and any(w.lower() in HEADLINE_VERBS for w in words)


def without_headline_words(mentions: list[Mention], header: str, text: str) -> list[Mention]:
    """`mentions` of a header without the recogniser's names on a headline-case line whose every
    word the speech (header or text) writes in lower case elsewhere ("Migration Event" beside
    "remarks to the migration event"), or that hold a headline's verb ("Tells")."""
    lower = None
    out = []
    for m in mentions:
        if m.source == "model" and m.label in NAME_LABELS:
            line_start = header.rfind("\n", 0, m.start_char) + 1
            line_end = header.find("\n", m.end_char)
            if is_headline_case(header[line_start:line_end if line_end >= 0 else len(header)]):
                lower = lower if lower is not None else set(_LOWER_WORD.findall(f"{header}\n{text}"))
                words = [w.lower() for w in _WORD.findall(m.text) if not w.isdigit()]
                if words and (all(w in lower for w in words) or any(w in HEADLINE_VERBS for w in words)):
                    continue
        out.append(m)
    return out


# ------------------------------------------------------------------ tables

def sentence_ids(doc: Doc, mentions: Iterable[Mention]) -> list[int]:
    """Index in `doc.sents` of the sentence holding each mention's first token."""
    starts = [0, *numpy.flatnonzero(doc.to_array(SENT_START)[1:] == 1) + 1]
    return [max(0, bisect.bisect_right(starts, m.start) - 1) for m in mentions]


def _year(date: object) -> int | None:
    m = re.match(r"(\d{4})", str(date or ""))
    return int(m.group(1)) if m else None


def lower_case_words(texts: Iterable[object]) -> frozenset[str]:
    """Every word written in lower case somewhere in the corpus (cheap regex pass)."""
    words: set[str] = set()
    for text in texts:
        words.update(_LOWER_WORD.findall(str(text or "")))
    return frozenset(words)


@dataclass(frozen=True)
class Vocabulary:
    """The words of one speech that the corpus-wide checks read, each set sorted and joined
    by spaces (compact to store, and no word holds a space)."""

    lower: str = ""  # its text's `lower_case_words`
    words: str = ""  # `text_words` of its text and header, for `places_in`

    def lower_words(self) -> list[str]:
        """`lower` as a list of words."""
        return self.lower.split()

    def word_set(self) -> set[str]:
        """`words` as a set, for `places_in`."""
        return set(self.words.split())


def vocabulary(text: str, header: str) -> Vocabulary:
    """The `Vocabulary` of a speech with this text and header."""
    return Vocabulary(lower=" ".join(sorted(lower_case_words([text]))),
                      words=" ".join(sorted(text_words(f"{text}\n{header}"))))


@dataclass(frozen=True)
class SpeechResult:
    """One speech's linked mentions and their sentence ids, as cached.

    Besides the speech itself, the result depends on the corpus only through the
    capitalised one-word entities (`one_word`) that are common words elsewhere in
    the corpus (`common`) and the corpus's place names that the speech may mention
    (`places`): it is valid for a corpus while both are unchanged.

    The mentions are kept as `linking.mention_columns` (tuples of strings and
    numbers): a cached corpus then loads without building (and garbage-collecting)
    a `Mention` object per mention.
    """

    columns: tuple[tuple, ...]  # its mentions, `linking.mention_columns`
    sentence_ids: tuple[int, ...]
    # Sorted tuples, not sets: the pickled cache file is then the same bytes on every run.
    one_word: tuple[str, ...]
    common: tuple[str, ...]
    places: tuple[str, ...] = ()  # the corpus's places it may mention (see `places_in`)
    vocabulary: Vocabulary = Vocabulary()  # its words, so the corpus's need no pass over its text

    def valid_for(self, common: frozenset[str], places: Sequence[str] = ()) -> bool:
        """True when the corpus's common words `common` and the `places_in` the speech
        give this same result."""
        return frozenset(self.one_word) & common == frozenset(self.common) and tuple(places) == self.places

    @property
    def mentions(self) -> list[Mention]:
        """Its linked mentions, in order."""
        return linking.mentions_from_columns(self.columns)


def analyse_speech(docs: dict[str, Doc], gaz: Gazetteer, nicknames: dict, year: int | None,
                   surnames: dict[str, list[Entry]], common: frozenset[str],
                   texts: Mapping[str, str] | None = None, *,
                   relabel: frozenset[str] = RELABEL_FROM) -> SpeechResult:
    """The cacheable result of one speech; `docs` maps section -> rule-annotated Doc and
    `texts` section -> its text; `relabel` as `head_label` takes it."""
    candidates = {section: model_candidates(doc, gaz, relabel) for section, doc in docs.items()}
    mentions = speech_mentions(docs, gaz, nicknames, year, surnames, common, texts, candidates)
    sids: dict[int, int] = {}
    for section, doc in docs.items():
        mine = [m for m in mentions if m.section == section]
        sids.update({id(m): s for m, s in zip(mine, sentence_ids(doc, mine), strict=True)})
    one_word = frozenset().union(*(one_word_candidates(docs[s], found) for s, found in candidates.items()))
    return SpeechResult(linking.mention_columns(mentions), tuple(sids[id(m)] for m in mentions),
                        tuple(sorted(one_word)), tuple(sorted(one_word & common)))


def cache_version(nlp: Language | None = None) -> str:
    """Version of the cached results: the stage's inputs (`stages.version`) and the model
    (the configured one, read without loading it, when `nlp` is None)."""
    from pipeline.nlp import cache_fingerprint, model_fingerprint, statistical_components

    model = cache_fingerprint() if nlp is None else model_fingerprint(nlp, statistical_components(nlp))
    return stages.version("entities", model)


def _column(speeches: pd.DataFrame, name: str) -> list[str]:
    return [str(v or "") for v in speeches[name]]


def speech_keys(speeches: pd.DataFrame) -> list[str]:
    """Cache key of each speech: its texts and year (a cached result also records the
    corpus's places and common words it depends on: `SpeechResult.valid_for`)."""
    return [SpeechCache.key(text, header, str(_year(date)))
            for text, header, date in zip(_column(speeches, "text"), _column(speeches, "header"),
                                          speeches["date"], strict=True)]


def corpus_words(texts: Sequence[str], headers: Sequence[str], found: Sequence[SpeechResult | None],
                 places: Sequence[str]) -> tuple[frozenset[str], list[tuple[str, ...]]]:
    """The corpus's `lower_case_words` and each speech's `places_in`, read from the
    vocabulary of the `found` cached results; only the other speeches' texts are scanned."""
    vocabs = [r.vocabulary if r is not None else vocabulary(text, header)
              for r, text, header in zip(found, texts, headers, strict=True)]
    common = frozenset().union(*(v.lower_words() for v in vocabs))
    wanted = place_words(places)
    return common, [tuple(places_in(v.word_set(), wanted)) if wanted else () for v in vocabs]


def speech_results(speeches: pd.DataFrame, gaz: Gazetteer, nicknames: dict, cache: SpeechCache, *,
                   interim_dir: Path, nlp: Language | None = None,
                   places: Sequence[str] = ()) -> tuple[list[SpeechResult], int]:
    """Every speech's result (in order) and how many came from `cache`.

    Only speeches without a valid cached result have their Docs loaded (or parsed)
    and the rule layer applied; their results are stored in `cache`. The model
    (`load_model()` when `nlp` is None) is loaded only when some speech needs it."""
    all_texts, all_headers = _column(speeches, "text"), _column(speeches, "header")
    keys = speech_keys(speeches)
    found = [r if isinstance(r, SpeechResult) else None for r in map(cache.get, keys)]
    common, mentioned = corpus_words(all_texts, all_headers, found, places)
    results = [r if r is not None and r.valid_for(common, p) else None for r, p in zip(found, mentioned, strict=True)]
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        if nlp is None:
            from pipeline.nlp import load_model

            nlp = load_model()
        rules = add_rules(nlp, gaz)
        relabel = relabelled(nlp)
        surnames = linking.persons_by_surname(gaz.entries.values())
        bar = tqdm(total=len(todo), desc="entities", unit="speech", leave=False,
                   disable=None if len(todo) >= PROGRESS_MIN_SPEECHES else True)

        def analyse(i: int, pair: tuple[Doc, Doc]) -> SpeechResult:
            text_doc, header_doc = pair
            docs = {"text": text_doc, "header": header_doc}
            texts = {"text": all_texts[i], "header": all_headers[i]}
            result = analyse_speech(docs, gaz, nicknames, _year(speeches["date"].iat[i]), surnames, common, texts,
                                    relabel=relabel)
            vocab = found[i].vocabulary if found[i] is not None else vocabulary(texts["text"], texts["header"])
            return replace(result, places=mentioned[i], vocabulary=vocab)

        # Per-speech guard: a speech that raises becomes a Failure (stage_errors), the rest go on.
        for i, result in speechguard.guarded(
                "entities", _column(speeches, "speech_id"), todo,
                lambda idx: annotated_docs(speeches.iloc[idx], interim_dir, nlp, rules), analyse, texts=all_texts):
            results[i] = result
            if not isinstance(result, speechguard.Failure):
                cache.put(keys[i], result)
            bar.update()
        bar.close()
    return results, len(keys) - len(todo)


def entity_table(speeches: pd.DataFrame, results: Sequence[SpeechResult]) -> pd.DataFrame:
    """One row per mention over all speeches (the entities table), sorted; mentions
    outside the gazetteer get their corpus-wide ids here (`linking.corpus_names`)."""
    values = {name: list(itertools.chain.from_iterable(result.columns[i] for result in results))
               for i, name in enumerate(linking.MENTION_FIELDS)}
    n = [len(result.sentence_ids) for result in results]
    for name in ("speech_id", "speaker", "speaker_role", "date"):
        values[name] = list(itertools.chain.from_iterable(
            itertools.repeat(value, k) for value, k in zip(speeches[name].tolist(), n, strict=True)))
    values["sentence_id"] = list(itertools.chain.from_iterable(result.sentence_ids for result in results))
    ids, names = values["entity_id"], values["entity_name"]
    unlinked = [i for i, eid in enumerate(ids) if eid is None]
    # an abbreviation linked to a long form outside the gazetteer carries it as its name: one id
    forms = [(values["label"][i], names[i] or values["text"][i]) for i in unlinked]
    linked = linking.corpus_names(Counter(forms))
    for i, form in zip(unlinked, forms, strict=True):
        ids[i], names[i] = linked[form]
    df = pd.DataFrame({name: values[name] for name in columns("entities")})
    df["section"] = pd.Categorical(df["section"], categories=list(SECTIONS), ordered=True)
    df = df.sort_values(["speech_id", "section", "start_char", "end_char"], kind="stable")
    df["section"] = df["section"].astype(str)
    return df.reset_index(drop=True)


def count_table(entities: pd.DataFrame, speeches: pd.DataFrame) -> pd.DataFrame:
    """Mentions per speech and entity, and per 1,000 words of the speech's text."""
    if entities.empty:
        return frame("entity_counts")
    counts = (entities.groupby(["speech_id", "entity_id", "entity_name", "label"], dropna=False)
              .size().rename("mentions").reset_index())
    words = speeches.set_index("speech_id")["n_words"].clip(lower=1)
    counts["per_1000_words"] = (counts["mentions"] / counts["speech_id"].map(words) * 1000).round(3)
    return counts.sort_values(["speech_id", "mentions", "entity_id"], ascending=[True, False, True],
                              kind="stable")[columns("entity_counts")].reset_index(drop=True)


def annotated_docs(speeches: pd.DataFrame, interim_dir: Path, nlp: Language,
                   rules: Sequence[tuple[str, Callable[[Doc], Doc]]]) -> Iterator[tuple[Doc, Doc]]:
    """(text Doc, header Doc) per speech, one at a time: parsed once (cached) in a single
    `parsed_docs` stream over text, header, text, header ..., then the rule layer applied."""
    from pipeline.nlp import parsed_docs

    texts = [t for pair in zip(_column(speeches, "text"), _column(speeches, "header"), strict=True) for t in pair]
    docs = iter(parsed_docs(texts, interim_dir, nlp=nlp))
    for text_doc, header_doc in zip(docs, docs, strict=True):
        for _name, proc in rules:
            text_doc, header_doc = proc(text_doc), proc(header_doc)
        yield text_doc, header_doc


def build_tables(speeches: pd.DataFrame, results: Sequence[SpeechResult]) -> dict[str, pd.DataFrame]:
    """The entities and entity_counts tables of `speeches` from their results (same order)."""
    entities = entity_table(speeches, results)
    return {"entities": entities, "entity_counts": count_table(entities, speeches)}


def main(processed_dir: Path, out_dir: Path, *, interim_dir: Path = config.INTERIM_DIR,
         strict: bool = False) -> int:
    """Read PROCESSED/speeches, write PROCESSED/entities and PROCESSED/entity_counts; return the
    exit status (non-zero only under `strict`, when a speech could not be analysed).

    A speech that could not be analysed is left out of both tables, said on stderr and left
    in INTERIM for the features stage's stage_errors (`pipeline.speechguard`)."""
    t0 = time.perf_counter()
    speeches = read_table(Path(processed_dir), "speeches")
    speeches = speeches.sort_values("speech_id", kind="stable").reset_index(drop=True)
    places = place_names(speeches["country"])
    gaz = with_places(load_gazetteer(), places)
    cache = SpeechCache(Path(interim_dir), CACHE_NAMESPACE, cache_version())
    results, n_cached = speech_results(speeches, gaz, load_nicknames(), cache, interim_dir=Path(interim_dir),
                                       places=places)
    ok, failures = speechguard.partition(results)
    tables = build_tables(speeches.iloc[ok].reset_index(drop=True), [results[i] for i in ok])
    write_tables(tables, Path(out_dir))
    speechguard.write_handoff(failures, Path(interim_dir), "entities")
    cache.prune()
    seconds = time.perf_counter() - t0
    words = int(speeches["n_words"].sum())
    log.info("entities: %d documents (%d from cache), %d words, %d mentions, %.1f s, %.0f words/s",
             len(speeches), n_cached, words, len(tables["entities"]), seconds, words / max(seconds, 1e-9))
    return speechguard.strict_failure("entities", failures) if strict else 0
