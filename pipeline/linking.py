"""Linking entity mentions to entities, within a speech and across the corpus.

A `Mention` is one extracted span. The functions here decide which entity it
names, using only the speech's own text and the gazetteer:

- abbreviations defined in the text: "International Organization for Migration (IOM)";
- short back-references ("the Compact", "the Charter") to the most recent entity
  that declared that short form;
- editions of recurring events, by a year or ordinal in or before the mention, else
  the edition nearest the speech's date;
- people: surname-only, first-name and nickname mentions of a person named or
  addressed with a title earlier in the speech ("Director General Swing ... Thank
  you, Bill");
- across the corpus, entities not in the gazetteer get a stable id from their
  longest form (a surname links to the one full name in the corpus that ends in it).
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6}
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_ABBR = re.compile(r"[A-Z][A-Za-z&.\-]*[A-Z][A-Za-z]*")
EDITION_WINDOW_CHARS = 25
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"[’']s$")
_LEADING_THE_ANY_CASE = re.compile(r"^[Tt]he\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    year: int


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    backrefs: tuple[str, ...] = ()
    # back-references that name the entry even when it was not named before: the bodies a UN
    # speech is addressed to ("this Assembly", "the Organization") and their Charter
    standing_backrefs: tuple[str, ...] = ()
    wikidata: str | None = None
    year: int | None = None
    editions: tuple[Edition, ...] = ()


@dataclass
class Mention:
    """One mention: where it is (section, token and character offsets) and what it names."""

    section: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    source: str
    entity_id: str | None = None
    entity_name: str | None = None
    wikidata: str | None = None
    candidates: tuple[str, ...] = field(default=())  # back-reference: entries it may name


MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_FIELD_VALUES = operator.attrgetter(*MENTION_FIELDS)


def mention_columns(mentions: Iterable[Mention]) -> tuple[tuple, ...]:
    """The mentions' values of each field of `Mention` (in `MENTION_FIELDS` order), one tuple
    per field: a compact form to store or to build a table from."""
    return tuple(zip(*map(_FIELD_VALUES, mentions), strict=True)) or tuple(() for _ in MENTION_FIELDS)


def mentions_from_columns(columns: Sequence[Sequence]) -> list[Mention]:
    """The mentions that `mention_columns` gave `columns` for."""
    return [Mention(*values) for values in zip(*columns, strict=True)]


@functools.lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Lower case, one space between words, no leading "the", no possessive "'s", no editorial
    square brackets ("Ms. [Louise] Arbour")."""
    text = _SPACES.sub(" ", text.replace("[", "").replace("]", "")).strip().lower()
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" .,;:")


# Letters that Unicode does not decompose into a Latin letter and a mark ("Møller", "Łódź").
_LATIN_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                                "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th",
                                "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H"})


def slug(text: str) -> str:
    """An ASCII identifier for `text`: "António Guterres" -> "antonio_guterres", "Michael Møller"
    -> "michael_moller"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS)).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("_", ascii_text.lower()).strip("_")


def assign_entry(m: Mention, entry: Entry) -> Mention:
    """`m` naming the gazetteer `entry`."""
    return replace(m, entity_id=entry.id, entity_name=entry.name, label=entry.label,
                   wikidata=entry.wikidata, candidates=())


# ------------------------------------------------------------------ abbreviations

def abbreviation_long_form(abbr: str, candidate: str) -> str | None:
    """The long form that `abbr` abbreviates at the end of `candidate`, or None.

    Schwartz and Hearst (2003), as scispaCy's `find_abbreviation` implements it: the
    letters and digits of `abbr`, read from right to left, are found in order in
    `candidate`, also inside words ("ECOSOC" in "Economic and Social Council"), and the
    first one must start a word. The long form runs from that word to the end of
    `candidate`, so a prefix the abbreviation leaves out is not part of it ("UNHCR" in
    "Office of the United Nations High Commissioner for Refugees" is "United Nations
    High Commissioner for Refugees"). The paper's limit on the candidate's length
    (min(|abbr| + 5, 2 |abbr|) words before the bracket) bounds a search in running text;
    here the candidate is a recognised name, so it is not applied ("FAO" / "Food and
    Agriculture Organization of the United Nations").
    """
    long_form = " ".join(candidate.split())
    chars = [c.lower() for c in abbr if c.isalnum()]
    if len(chars) < 2 or not abbr[:1].isalpha():
        return None
    i = len(long_form) - 1
    for k in range(len(chars) - 1, -1, -1):
        while i >= 0 and (long_form[i].lower() != chars[k]
                          or (k == 0 and i > 0 and long_form[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    return long_form[i + 1:]


def is_abbreviation_of(abbr: str, long_form: str) -> bool:
    """True when `abbr` abbreviates (the end of) `long_form` (see `abbreviation_long_form`):
    "IOM" / "International Organization for Migration", "ASEAN" / "Association of
    Southeast Asian Nations"; not "EU" / "African Union"."""
    return abbreviation_long_form(abbr, long_form) is not None


def abbreviation_definitions(mentions: Sequence[Mention], text: str) -> dict[str, Mention]:
    """Abbreviations defined right after a mention: "Long Form (ABBR)" -> {ABBR: mention}, also
    when more follows the abbreviation in the brackets ("School of ... Studies (SOAS — University
    of London)"). Not when a meeting's or instrument's name ends in the body it belongs to and the
    abbreviation is that body's ("7th Summit of the Association of Southeast Asian Nations
    (ASEAN)", "Charter of the Organization of African Unity (OAU)"): it names the body."""
    out: dict[str, Mention] = {}
    for m in mentions:
        after = re.match(r"\s*\(\s*([^()\s,;—–]{2,12})\s*(?:\)|[,;]\s|[—–]\s?)", text[m.end_char:m.end_char + 20])
        if after and _ABBR.fullmatch(after.group(1)) and is_abbreviation_of(after.group(1), m.text) \
                and not (m.label in ("EVENT", "AGENDA") and names_inner_body(after.group(1), m.text)):
            out.setdefault(after.group(1), m)
    return out


def names_inner_body(abbr: str, name: str) -> bool:
    """True when `abbr` abbreviates only the end of `name` that follows "of" or "of the"
    ("ASEAN" in "Summit of the Association of Southeast Asian Nations")."""
    name = " ".join(name.split())
    long_form = abbreviation_long_form(abbr, name)
    if long_form is None or len(long_form) >= len(name):
        return False
    return bool(re.search(r"\bof(?: the)? $", name[:len(name) - len(long_form)]))


# ------------------------------------------------------------------ editions

def edition_for(entry: Entry, context: str, speech_year: int | None) -> Edition | None:
    """The edition of `entry` that a mention names.

    `context` is the mention's text with the few characters before it. A year
    there picks the edition of that year; an ordinal ("first") picks the n-th
    edition by date; otherwise the edition nearest `speech_year` (the earlier on
    a tie). None when the entry has no editions.
    """
    if not entry.editions:
        return None
    editions = sorted(entry.editions, key=lambda e: e.year)
    years = [int(y) for y in _YEAR.findall(context)]
    for e in editions:
        if e.year in years:
            return e
    words = re.findall(r"[a-z0-9]+", context.lower())
    for w in words:
        if w in ORDINALS and ORDINALS[w] <= len(editions):
            return editions[ORDINALS[w] - 1]
    if speech_year is None:
        return editions[-1]
    return min(editions, key=lambda e: (abs(e.year - speech_year), e.year))


# ------------------------------------------------------------------ numbered instruments and events

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
          "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth")
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70, "eight": 80, "ninet": 90}
ORDINAL_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:first|second|third|"
                r"fourth|fifth|sixth|seventh|eighth|ninth)|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)"
                r"ieth|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|\d{1,3}(?:st|nd|rd|th))")
# A resolution by its symbol: "resolution 2254 (2015)", "resolutions 242 (1967)", "resolution 70/1",
# "resolution ES-11/1", "resolution 181 (II)"; and "338 (1973)" continuing a list of them.
RESOLUTION = re.compile(r"\b[Rr]esolutions?\s+(?:No\.?\s*)?((?:[A-Z]{1,3}-)?\d{1,4}(?:/\d{1,4})?(?:\s*\((?:\d{4}|[IVXL]+)\))?)")
RESOLUTION_NEXT = re.compile(r"(?:\s*,\s*|\s*,?\s+and\s+)(\d{1,4}(?:/\d{1,4})?\s*\((?:\d{4}|[IVXL]+)\))")
_SYMBOL = re.compile(r"^(?:[Rr]esolutions?\s+(?:No\.?\s*)?)?((?:[A-Z]{1,3}-)?\d{1,4}(?:/\d{1,4})?)(?:\s*\((\d{4}|[IVXL]+)\))?$")
# A conference of the parties: "COP21", "COP 27", "twenty-first session of the Conference of the
# Parties (to ...)", "twenty-sixth Conference of States Parties".
COP = re.compile(r"\bCOP\s?-?(\d{1,2})\b")
_NAME_WORD = r"[A-Z][\w'’-]*"
# The long form in a text, with the convention it serves: "twenty-first session of the Conference of
# the Parties to the United Nations Framework Convention on Climate Change" (one line).
COP_LONG_FORM = re.compile(r"(?<![\w-])(?i:" + ORDINAL_WORD + r")[^\S\n]+(?:session[^\S\n]+of[^\S\n]+the[^\S\n]+)?"
                           r"Conference[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:States[^\S\n]+)?Parties\b"
                           r"(?:[^\S\n]+to[^\S\n]+the[^\S\n]+" + _NAME_WORD + r"(?:[^\S\n]+(?:(?:on|of|for|the|and|against)"
                           r"[^\S\n]+)*" + _NAME_WORD + r")*)?")
_COP_LONG = re.compile(r"^(" + ORDINAL_WORD + r")\s+(?:session\s+of\s+the\s+)?Conference\s+of\s+(?:the\s+|States\s+)?"
                       r"Parties\b", re.I)


def ordinal_value(word: str) -> int | None:
    """1 for "first", 21 for "twenty-first", 30 for "thirtieth", 3 for "3rd"; None otherwise."""
    word = word.lower()
    if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", word):
        return int(word[:-2])
    if word in _UNITS:
        return _UNITS.index(word) + 1
    if word.endswith("ieth") and word[:-4] in _TENS:
        return _TENS[word[:-4]]
    tens, _, unit = word.partition("-")
    if unit in _UNITS[:9] and tens.endswith("y") and tens[:-1] in _TENS:
        return _TENS[tens[:-1]] + _UNITS.index(unit) + 1
    return None


def resolution_name(text: str) -> str | None:
    """The canonical name of the resolution `text` cites ("resolution 2254 (2015)"), or None."""
    m = _SYMBOL.match(text.strip())
    if not m or (not text.lower().startswith("resolution") and not m.group(2)):
        return None
    return f"resolution {m.group(1)}" + (f" ({m.group(2)})" if m.group(2) else "")


def cop_name(text: str) -> str | None:
    """"COP<n>" for a conference of the parties named by number or ordinal, else None."""
    m = COP.search(text) or _COP_LONG.match(text.strip())
    if m is None:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else ordinal_value(m.group(1))
    return f"COP{n}" if n else None


def numbered_entity(label: str, text: str) -> tuple[str, str] | None:
    """(entity id, name) of a resolution (AGENDA) or a conference of the parties (EVENT) named
    by its number, one id per symbol or number whatever the wording; None for anything else."""
    name = resolution_name(text) if label == "AGENDA" else cop_name(text) if label == "EVENT" else None
    return (f"{label.lower()}:{slug(name)}", name) if name else None


# ------------------------------------------------------------------ people

def name_parts(name: str) -> tuple[str, str]:
    """(first name, surname) of a full name, lower case: "William Lacy Swing" -> ("william", "swing")."""
    words = [w for w in re.split(r"\s+", name.strip()) if w and not re.fullmatch(r"[A-Z]\.", w)]
    if not words:
        return "", ""
    return words[0].lower(), words[-1].lower()


def person_keys(name: str, nicknames: Mapping[str, Sequence[str]]) -> set[str]:
    """Short forms a person can be mentioned by: surname, first name, nicknames."""
    first, last = name_parts(name)
    keys = {last, first} | set(nicknames.get(first, ()))
    return {k for k in keys if k}


@dataclass
class SpeechPeople:
    """People named so far in a speech, by the short forms that can refer to them."""

    nicknames: Mapping[str, Sequence[str]]
    by_key: dict[str, Mention] = field(default_factory=dict)

    def add(self, m: Mention) -> None:
        """Register a person mentioned by a full name (two words or more) or resolved."""
        if m.label != "PERSON" or (len(m.text.split()) < 2 and m.entity_id is None):
            return
        for key in person_keys(m.entity_name or m.text, self.nicknames):
            self.by_key.setdefault(key, m)

    def resolve(self, m: Mention) -> Mention | None:
        """The earlier full mention that a one-word PERSON mention refers to, if any."""
        words = m.text.split()
        if len(words) != 1:
            return None
        return self.by_key.get(words[0].lower())


def link_person(m: Mention, people: SpeechPeople) -> Mention:
    """A one-word PERSON mention linked to the person named earlier, else unchanged."""
    antecedent = people.resolve(m)
    if antecedent is None:
        return m
    if antecedent.entity_name is None:  # a person outside the gazetteer, named in full before:
        # the full name, so the corpus ids give both mentions the full name's id ("Alya" ... "Alya Haddad")
        if antecedent.entity_id is not None or len(antecedent.text.split()) < 2:
            return m
        return replace(m, entity_name=antecedent.text, source=f"{m.source}+linked")
    return replace(m, entity_id=antecedent.entity_id, entity_name=antecedent.entity_name,
                   wikidata=antecedent.wikidata, source=f"{m.source}+linked")


# A Korean given name in its usual romanisation ("Ki-moon", "Jae-in"): the family name is the
# word before it ("Secretary-General Ban" is Ban Ki-moon).
_KOREAN_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")


def surnames_of(name: str) -> list[str]:
    """Lower-case surnames of a full name: its last word, and the first of a family-name-first
    Korean name of two words ("Ban Ki-moon" -> ["ki-moon", "ban"])."""
    words = name.split()
    last = name_parts(name)[1]
    if len(words) == 2 and _KOREAN_GIVEN_NAME.fullmatch(words[1]):
        return [last, words[0].lower()]
    return [last]


def without_letters_beyond_latin1(text: str) -> str:
    """`text` without the letters a Latin-1 record drops ("Vuk Jeremić" -> "Vuk Jeremi", as the
    General Debate's older files write it); "Guterres" stays as it is."""
    return "".join(c for c in text if ord(c) < 256)


def persons_by_surname(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Gazetteer people by lower-case surname (of the name and every alias, see `surnames_of`,
    also as a Latin-1 record writes it: `without_letters_beyond_latin1`)."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.label != "PERSON":
            continue
        forms = (e.name, *e.aliases)
        for form in dict.fromkeys((*forms, *map(without_letters_beyond_latin1, forms))):
            for surname in surnames_of(form):
                bucket = out[surname]
                if e not in bucket:
                    bucket.append(e)
    return dict(out)


# ------------------------------------------------------------------ back-references

@dataclass
class Antecedents:
    """The most recent mention of each gazetteer entry in a speech."""

    order: dict[str, int] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)
    _clock: int = 0

    def add(self, m: Mention, entry_id: str) -> None:
        self._clock += 1
        self.order[entry_id] = self._clock
        self.mentions[entry_id] = m

    def resolve(self, candidates: Sequence[str]) -> str | None:
        """The candidate entry mentioned most recently, or None when none was."""
        seen = [c for c in candidates if c in self.order]
        return max(seen, key=self.order.__getitem__) if seen else None


# ------------------------------------------------------------------ corpus ids

def _longest(forms: Mapping[str, int]) -> str:
    return max(forms, key=lambda f: (len(f), forms[f], f))


def corpus_names(forms: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], tuple[str, str]]:
    """(entity id, entity name) for each (label, text) of the mentions without an entity,
    given with how many times it occurs in the corpus.

    Mentions with the same label and normalised text form one entity. A one-word
    PERSON mention joins the only multi-word PERSON in the corpus ending in that
    word. The name is the group's longest form (the most frequent, then the last in
    code-point order, on a tie) and the id "<label>:<slug of the name>".
    """
    groups: dict[tuple[str, str], dict[str, int]] = {}  # plain dicts: 10k Counters cost more
    keys = {}
    for (label, text), n in forms.items():
        keys[(label, text)] = key = (label, normalise(text))
        group = groups.setdefault(key, {})
        form = _LEADING_THE_ANY_CASE.sub("", text.strip())
        group[form] = group.get(form, 0) + n
    surnames: dict[str, set[str]] = defaultdict(set)
    for (label, key) in groups:
        if label == "PERSON" and len(key.split()) > 1:
            surnames[key.split()[-1]].add(key)
    target: dict[tuple[str, str], tuple[str, str]] = {}
    for (label, key) in groups:
        if label == "PERSON" and len(key.split()) == 1 and len(surnames.get(key, ())) == 1:
            target[(label, key)] = (label, next(iter(surnames[key])))
    names = {k: _longest(v) for k, v in groups.items()}
    out = {}
    for (label, text), key in keys.items():
        name = names[target.get(key, key)]
        out[(label, text)] = (f"{label.lower()}:{slug(name)}", name)
    return out


def corpus_ids(mentions: Sequence[Mention]) -> list[Mention]:
    """Give mentions without an entity a stable id from their longest form in the corpus
    (see `corpus_names`), an abbreviation that of the long form it was linked to (its
    `entity_name`); mentions with an entity are returned as they are."""
    names = corpus_names(Counter((m.label, m.entity_name or m.text) for m in mentions if m.entity_id is None))
    return [m if m.entity_id is not None else
            replace(m, entity_id=names[(m.label, m.entity_name or m.text)][0],
                    entity_name=names[(m.label, m.entity_name or m.text)][1])
            for m in mentions]
