"""Priority lists: enumerations a speaker announces and walks through.

The markers are data (pipeline/resources/list_markers.yaml); this module compiles them
and applies them. A list is a run of markers of one family, in rank order, each opening
an item:

- ordinal words at the start of a sentence, paragraph or clause ("First, ...", "Secondly
  ...", "In the third place, ...", "And fourth: ...", "and, lastly, ..."), cardinal words
  with a comma ("One, ...; two, ..."), a "first" before a verb of speaking ("I will first
  talk about ..."), inside a noun phrase ("The second
  point I want to make is ...", "My third point concerns ...", "A fourth element is ..."),
  as a pronoun ("The first is ...", "The first one is ...", "The first of them is ...", "The first, I
  believe, is ...", "and the fifth and last is ...") or set off by commas inside a sentence ("we will
  proceed, first, by ...; secondly, by ...", "The aim is, first and foremost, to ..."); openers ("First of all") count as rank 1 and
  closers ("Finally", "Last but not least") end a list;
- "Our number one priority is ..." as item one; markers after a paragraph number ("6 First, ...");
  "Of the three challenges, the first is ..."; ordinal headings with a noun ("Second reflection:");
  a predicate "... was our first priority." opens a list when "Our second priority ..." opens the
  next sentence-start marker;
- numbers ("1.", "(2)", "Lesson number one:"; "1: Peace" and "1 - People" opening a line),
  Roman numerals ("(i)", "ii)") and letters ("(a)", "b)");
- bullets of one symbol opening consecutive lines or paragraphs ("•", "–", "-", "*", "o"); a
  run of another symbol inside (a slide's "– Syria" under "• Four crises:") is a nested list.
  Bullets that open most paragraphs of a text in one run, or as paragraphs of running text,
  are page layout, not lists.

A list needs at least two items and starts at rank 1 (bullets need no rank). A marker that
continues no open list leaves the open lists as they are: a lone "The first step ..." inside
an item does not end the list around it, and a list nested in an item ends when the outer
list goes on. An ordinal noun phrase inside a sentence ("..., and our fifth area of focus")
only continues a list whose markers name the same noun; one with any other noun ("The second glimmer
of hope ...") only a list whose lead-in sentence names it ("there are also glimmers of hope. The first
is ..."). An opener inside a sentence ("it took root, first and foremost, in ...") is followed by an
ordinal word ("Secondly, ..."), never by a noun phrase. A closer joins the list before it
only when it continues it: not when its sentence is the speech's own ending ("Finally, I
thank you"), when it stands in the speech's last paragraphs far from the list, when the list
already has the count its speaker announced, when a heading or a paragraph opening with "Next," stands between, or when it
stands several paragraphs after a list whose items stood close together (unless the list thanks
people and the closer's sentence and every paragraph between thank too: a list of thanks; or unless
the sentence before the list announced an open number, "several key points"); a closer inside a
sentence that the next rank follows stood inside an item ("Two, ... and finally, ...;
Three, ..."); a closer whose sentence opens like several unmarked sentences of the last item
("It is up to ... It is also up to ... Finally, it is up to ...") ends that run, not the list. A marker naming the list's noun ("My fourth point", "This leads me to my final
observation"), or the next rank while the list has fewer items than its speaker announced ("three
main topics: First, ... Secondly, ... Thirdly, ..."), may stand further away than others (so may a closer after an open number, "several appeals"), but a rank that a nearer sequence claims does not continue the list: after "my second
point", a lone "Its second step is ..." owns the "Third is ..." that follows. "First, however, ..."
is "before that", not item one. When two lists of as many
items mark each item twice ("1. The first pillar is ..."; "1 - People" then "First, ..."),
they are one list, under its first markers. "Second World War", "the Third Committee", "for the first time" and a lone
"Firstly" never make a list. An announced count ("I see five areas of priority", "three
crises") is attached when it stands shortly before the first marker, or further back when it
equals the number of items; a count before any other plural noun counts in the sentence that
leads into the list when it equals the number of items ("we hosted three conferences"). A
count whose things are named in place ("the three crises we face — A, B and C —", "eight areas: A; B; ...; and H.") announces no
list of another length; a multiplier ("a triple appeal") counts when it equals the number of items; bullets
(letters, numbers) after a lone first item ("two points. The first is that ... • ...") take no count
from before it. A numbered run that numbers most paragraphs with paragraphs of prose is paragraph numbering. An item runs from its marker to the next marker of its list or
the end of its paragraph, whichever comes first.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.attrs import IDX
from spacy.tokens import Doc

from pipeline import config

ORDINAL = "ordinal"
NUMBER = "number"
LETTER = "letter"
ROMAN_NUMERAL = "roman"
BULLET = "bullet"
FAMILIES = (ORDINAL, NUMBER, ROMAN_NUMERAL, LETTER, BULLET)
KIND = {ORDINAL: "ordinal", NUMBER: "numbered", ROMAN_NUMERAL: "numbered", LETTER: "lettered",
        BULLET: "bullet"}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_PUNCT_AFTER = r"\s*(?:,|:|;|\u2014|\u2013|-{1,2}\s)"
_NUMBER_RE = re.compile(r"(?P<marker>\(?(?P<n>\d{1,2})[.)])(?P<after>\s+)(?=\S)")
# "1: Sustaining peace", "1 - People": a number with a colon or a dash, only opening a line (a heading)
_LINE_NUMBER_RE = re.compile(r"(?<![^\n])(?P<marker>(?P<n>\d{1,2})(?::|[ \t]+[-\u2013\u2014]))(?P<after>[ \t]+)(?=\S)")
_LETTER_RE = re.compile(r"(?P<marker>\(?(?P<l>[a-hj-z])\))(?P<after>\s+)(?=\S)")
_ROMAN_RE = re.compile(r"(?P<marker>\(?(?P<r>i{1,3}|iv|vi{0,3}|ix|x)\)|(?<![^\n])(?P<R>I{1,3}|IV|VI{0,3}|IX|X)\.)"
                       r"(?P<after>\s+)(?=\S)")
# Anchor positions: text start, paragraph or line start, after a sentence end or a
# clause break (";" or ":"), optionally after a closing quote or bracket.
_ANCHOR_RE = re.compile(r"(?:^|\n|[.!?;:][\"'\u201d\u2019)]?[ \t]+)(?=\S)"
                        # a paragraph number before the words ("6 First, we must ..."), as some speeches are typed
                        r"|(?:^|(?<=\n))[ \t]*\d{1,3}[ \t]+(?=[A-Z])")
# Letters and numbers in full brackets may also stand inside a sentence ("we propose (a) ...").
_INLINE_ANCHOR_RE = re.compile(r"(?:[ \t]+(?=\([a-z]{1,4}\)\s|\(\d{1,2}\)\s)"
                               r"|(?:,|\band)[ \t]+(?=[a-z]{1,4}\)\s))")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
_SENTENCE_END_RE = re.compile(r"[.!?](?:[\"'\u201d\u2019)])?(?:\s|$)")
# What an item's text does not end with: white space, a dangling "and," before the next marker.
_TRAILING_CONNECTOR_RE = re.compile(r"(?:\s+(?:and|or|but)\b,?)?\s*$", re.IGNORECASE)
# Above this share of bulleted paragraphs, bullets are the page's layout, not lists.
BULLET_LAYOUT_SHARE = 0.5
BULLET_LAYOUT_MIN = 12
BULLET_PROSE_CHARS = 60  # bulleted items this long (median) are paragraphs of running text, not a slide's phrases
MIN_ITEM_CHARS = 12  # an item between two markers inside a sentence has at least this much text


@dataclass(frozen=True)
class Marker:
    """One list marker: where it is (with any leading "And"), where its item starts,
    which family and rank, whether it is a closer."""

    start: int
    end: int
    item_start: int
    family: str
    rank: int | None
    text: str
    final: bool = False
    noun: str | None = None  # the item noun of a noun-phrase marker ("point" in "My second point")
    weak: bool = False  # inside a sentence: only continues a list whose markers name the same noun


@dataclass
class Enumeration:
    """A detected list: its markers in order, the items' character spans, the announced count."""

    markers: list[Marker]
    items: list[tuple[int, int]] = field(default_factory=list)
    announced: int | None = None

    @property
    def n_items(self) -> int:
        return len(self.markers)

    @property
    def kind(self) -> str:
        return KIND[self.markers[0].family]


# ------------------------------------------------------------------ the grammar

def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words` (longest first, spaces matching any white space)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Grammar:
    """The compiled marker grammar of list_markers.yaml."""

    ordinals: dict[str, int]
    number_words: dict[str, int]
    closing_words: frozenset[str]
    thanks_words: frozenset[str]
    max_gap: int
    announce_window: int
    ending_paragraphs: int
    adverb: re.Pattern
    closer: re.Pattern
    noun_phrase: re.Pattern
    of_phrase: re.Pattern
    inline_noun_phrase: re.Pattern
    closer_phrase: re.Pattern
    opener_only: re.Pattern
    pronoun: re.Pattern
    any_noun_phrase: re.Pattern
    number_one: re.Pattern
    of_these_first: re.Pattern
    heading_phrase: re.Pattern
    cardinal: re.Pattern
    speech_act_first: re.Pattern
    before_that: re.Pattern
    inside: re.Pattern
    number_phrase: re.Pattern
    ordinal_run: re.Pattern
    bullet: re.Pattern
    announced: re.Pattern
    open_count: re.Pattern
    not_item_nouns: frozenset[str]
    multipliers: dict[str, int]
    multiplier: re.Pattern
    bare_count: re.Pattern
    address: re.Pattern


@functools.cache
def load_grammar(path: Path = config.LIST_MARKERS_PATH) -> Grammar:
    """Compile the marker grammar at `path`."""
    g = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    ords = _alternation(g["ordinals"])
    lead = rf"(?:(?:{_alternation(g['leading_words'])}),?\s+)?"
    closers = _alternation(g["closers"])
    opens = _alternation(g["openers"])
    nouns = _alternation(g["item_nouns"])
    words = r"(?:[\w'\u2019-]+\s+)"
    # the words between an ordinal and its noun hold no verb ("The first was a commitment" is a pronoun)
    modifiers = r"(?:(?!(?:is|was|are|were|will|has|have|had|be)\b)[\w'\u2019-]+\s+)"
    return Grammar(
        ordinals=dict(g["ordinals"]), number_words=dict(g["number_words"]),
        closing_words=frozenset(g["closing_words"]), thanks_words=frozenset(g["thanks_words"]),
        max_gap=int(g["max_gap"]),
        announce_window=int(g["announce_window"]), ending_paragraphs=int(g["ending_paragraphs"]),
        adverb=re.compile(
            rf"{lead}(?P<marker>in\s+the\s+(?P<w2>{ords})\s+place|(?P<open>{opens})"
            rf"|(?P<w>{ords})(?P<ly>ly)?(?:,?\s+and\s+(?P<fin>{closers}))?)"
            rf"(?P<after>{_PUNCT_AFTER}|(?<=ly)\.?\s|(?<=place)\s|(?<=all)\s|(?<=foremost)\s|(?<=with)\s"
            rf"|(?<=starters)\s|(?<=importantly)\s)", re.IGNORECASE),
        closer=re.compile(rf"{lead}(?P<marker>{closers})(?P<after>{_PUNCT_AFTER}|(?<=ly)\s|(?<=least)\s)",
                          re.IGNORECASE),
        noun_phrase=re.compile(
            rf"{lead}(?:(?:{_alternation(g['lead_ins'])})\s+)?(?P<marker>(?:{_alternation(g['determiners'])})\s+"
            rf"{words}{{0,2}}?(?P<w>{ords})\s+{modifiers}{{0,2}}?(?P<noun>{nouns})s?)\b", re.IGNORECASE),
        of_phrase=re.compile(  # "The third of my main principles and priorities is ..."
            rf"{lead}(?P<marker>the\s+(?P<w>{ords})\s+of\s+(?:my|our|the|these|those)\s+{words}{{0,2}}?"
            rf"(?P<noun>{nouns})s?)\b", re.IGNORECASE),
        inline_noun_phrase=re.compile(
            rf"\b(?P<marker>(?:{_alternation(g['determiners'])})\s+(?P<w>{ords})\s+(?:and\s+(?:{closers})\s+)?"
            rf"{modifiers}{{0,2}}?(?P<noun>{nouns})s?)\b", re.IGNORECASE),
        closer_phrase=re.compile(  # "My last point is ...", "This leads me to my final observation:"
            rf"{lead}(?:(?:{_alternation(g['lead_ins'])})\s+)?(?P<marker>(?:{_alternation(g['determiners'])})\s+"
            rf"(?:{_alternation(g['closing_ordinals'])})\s+{words}{{0,2}}?(?P<noun>{nouns})s?)\b", re.IGNORECASE),
        opener_only=re.compile(rf"(?:{opens})", re.IGNORECASE),
        pronoun=re.compile(  # "The first is ...", "The first of them is ...", "The first, I believe, is ..."
            rf"{lead}(?P<marker>(?:the\s+)?(?P<w>{ords})(?:\s+one|\s+of\s+(?:them|these|those))?"
            rf"(?:\s+and\s+(?:{closers}|final))?)(?:,\s+(?:I|we)\s+(?:believe|think|feel|would\s+say),)?"
            rf"\s+(?=(?:{_alternation(g['ordinal_pronoun_verbs'])})\b)", re.IGNORECASE),
        of_these_first=re.compile(
            rf"\bof\s+(?:the|these|those|our|my)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+,\s+(?P<marker>the\s+first)"
            rf"\s+(?=(?:{_alternation(g['ordinal_pronoun_verbs'])})\b)", re.IGNORECASE),
        heading_phrase=re.compile(
            rf"(?<![^\n])[ \t*]*(?P<marker>(?P<w>{ords})(?:\s+and\s+(?:{_alternation(g['closing_ordinals'])}))?"
            rf"\s+(?P<noun>{nouns})s?)[ \t*]*:", re.IGNORECASE),
        number_one=re.compile(  # "Our number one priority is ...": item one of a list
            rf"{lead}(?P<marker>(?:{_alternation(g['determiners'])})\s+number\s+(?P<open>one)\s+(?P<noun>{nouns})s?)\b",
            re.IGNORECASE),
        any_noun_phrase=re.compile(  # "The second glimmer of hope ...": any noun, kept when the lead-in names it
            rf"{lead}(?P<marker>(?:the|my|our|its|their)\s+(?P<w>{ords})\s+(?P<noun>(?!(?:and|or|of|one|ones|time|times|to|in|on|at|is|was|are|were)\b)[a-z]{{3,}}))\b", re.IGNORECASE),
        cardinal=re.compile(rf"{lead}(?P<marker>(?P<c>{_alternation(g['number_words'])}))(?P<after>\s*,)"
                            rf"(?!\s*(?:{_alternation(g['number_words'])})\b)", re.IGNORECASE),
        speech_act_first=re.compile(
            rf"\b(?:(?:I|we)\s+(?:will|shall|would\s+like\s+to|want\s+to|wish\s+to|intend\s+to)|let\s+me|allow\s+me)"
            rf"\s+(?P<marker>first)\s+(?:to\s+)?(?=(?:{_alternation(g['speech_verbs'])})\b)", re.IGNORECASE),
        before_that=re.compile(r"\s*(?:however|though)\b", re.IGNORECASE),
        inside=re.compile(rf"[,;:]\s+(?:and\s+)?(?P<marker>(?P<open>first\s+of\s+all|first\s+and\s+foremost)"
                          rf"|(?P<w>{ords})(?P<ly>ly)?)\s*,"),
        number_phrase=re.compile(
            rf"{lead}(?P<marker>(?:[\w-]+\s+)?{re.escape(g['number_phrase'])}\s+(?P<nw>{_alternation(g['number_words'])}))"
            rf"(?P<after>{_PUNCT_AFTER}|\s*\.\s)", re.IGNORECASE),
        ordinal_run=re.compile(rf"\s*(?:{ords})\b", re.IGNORECASE),
        bullet=re.compile(rf"(?:^|(?<=\n))[ \t]*(?P<marker>{'|'.join(re.escape(b) for b in g['bullets'])})"
                          r"(?P<after>[ \t]+)(?=\S)"),
        announced=re.compile(
            rf"\b(?P<n>{_alternation(g['number_words'])}|\d{{1,2}})\s+{words}{{0,2}}?"
            rf"(?P<noun>{_alternation(g['announced_nouns'])})\b", re.IGNORECASE),
        open_count=re.compile(rf"\b(?P<n>{_alternation(g['number_words'])}|\d{{1,2}})\s+{words}{{0,2}}?"
                              rf"(?P<noun>[a-z]+s)\b", re.IGNORECASE),
        not_item_nouns=frozenset(g["not_item_nouns"]),
        multipliers=dict(g["multiplier_words"]),
        multiplier=re.compile(  # "a triple appeal", "an unprecedented triple environmental crisis", "is twofold"
            rf"\b(?:(?:{_alternation(g['determiners'])})\s+(?:[\w-]+\s+)?(?P<m>{_alternation(g['multiplier_words'])})"
            rf"\s+{words}{{0,2}}?[a-z]+|(?:is|are|was|were|will\s+be)\s+(?P<m2>{_alternation(g['multiplier_words'])}))\b",
            re.IGNORECASE),
        bare_count=re.compile(rf"\b(?:on|about|make|raise|highlight|mention|stress|share|offer|are|see|propose)\s+"
                              rf"(?:(?:just|only|these|the\s+following)\s+)?(?P<n>{_alternation(g['number_words'])})"
                              rf"(?=\s*(?:[.:;]|today\b|here\b|now\b))", re.IGNORECASE),
        address=re.compile(rf"(?:{_alternation(g['forms_of_address'])})\b", re.IGNORECASE),
    )


# ------------------------------------------------------------------ markers

def anchors(text: str, sentence_starts: Iterable[int] = ()) -> set[int]:
    """Character positions where a marker may stand: sentence, paragraph and clause starts."""
    found = {m.end() for m in _ANCHOR_RE.finditer(text)}
    found.update(sentence_starts)
    return found


def _item_start(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in ",:;.\u2014\u2013-"):
        pos += 1
    return pos


def _rank(g: Grammar, m: re.Match) -> int | None:
    word = (m.groupdict().get("w") or m.groupdict().get("w2") or "").lower()
    if word:
        return g.ordinals.get(word)
    if m.groupdict().get("c"):
        return g.number_words.get(m.group("c").lower())
    return 1 if m.groupdict().get("open") else None


def _ordinal_marker(g: Grammar, text: str, pos: int) -> Marker | None:
    m = g.adverb.match(text, pos)
    if m and _rank(g, m) == 1 and g.before_that.match(text, m.end()):
        return None  # "First, however, I shall say a few words on ...": before that, not item one
    if m and not (m.group("ly") is None and m.group("w") and g.ordinal_run.match(text, m.end())):
        return Marker(m.start(), m.end("marker"), _item_start(text, m.end()), ORDINAL, _rank(g, m),
                      m.group("marker"), final=m.group("fin") is not None)
    for regex in (g.noun_phrase, g.of_phrase, g.pronoun, g.number_one):
        m = regex.match(text, pos)
        if m:
            return Marker(m.start(), m.end("marker"), m.start("marker"), ORDINAL, _rank(g, m), m.group("marker"),
                          noun=_noun(m))
    m = g.cardinal.match(text, pos)  # "One, ...; two, ..." and "one, ... Second, ... and third is ..."
    if m:
        return Marker(m.start(), m.end("marker"), _item_start(text, m.end()), ORDINAL, _rank(g, m),
                      m.group("marker"))
    m = g.closer.match(text, pos) or g.closer_phrase.match(text, pos)
    if m:
        # "Finally, the third prerequisite was ...": the closer gives its rank
        ranked = g.inline_noun_phrase.match(text, _item_start(text, m.end()))
        return Marker(m.start(), m.end("marker"), _item_start(text, m.end()), ORDINAL,
                      _rank(g, ranked) if ranked else None, m.group("marker"), final=True,
                      noun=_noun(ranked) if ranked else _noun(m))
    m = g.number_phrase.match(text, pos)
    if m:
        return Marker(m.start(), m.end("marker"), _item_start(text, m.end()), NUMBER,
                      g.number_words[m.group("nw").lower()], m.group("marker"))
    m = g.any_noun_phrase.match(text, pos)
    if m and (_rank(g, m) or 0) >= 2:  # continues a list whose lead-in names its noun, never opens one
        return Marker(m.start(), m.end("marker"), m.start("marker"), ORDINAL, _rank(g, m), m.group("marker"),
                      noun=_noun(m), weak=True)
    return None


def _noun(m: re.Match) -> str | None:
    noun = m.groupdict().get("noun")
    return re.sub(r"\s+", " ", noun.lower()) if noun else None


def _symbol_markers(text: str, pos: int) -> list[Marker]:
    out = []
    for regex, family, group in ((_NUMBER_RE, NUMBER, "n"), (_LINE_NUMBER_RE, NUMBER, "n"),
                                 (_LETTER_RE, LETTER, "l"), (_ROMAN_RE, ROMAN_NUMERAL, "r")):
        m = regex.match(text, pos)
        if not m:
            continue
        value = m.group(group) or (m.group("R") if family == ROMAN_NUMERAL else None)
        rank = int(value) if family == NUMBER else (
            ord(value.lower()) - ord("a") + 1 if family == LETTER else ROMAN[value.lower()])
        out.append(Marker(m.start("marker"), m.end("marker"), _item_start(text, m.end()), family,
                          rank, m.group("marker")))
    return out


def find_markers(text: str, sentence_starts: Iterable[int] = (), *, grammar: Grammar | None = None) -> list[Marker]:
    """Every candidate marker, in text order (one per position and family)."""
    g = grammar or load_grammar()
    out: list[Marker] = []
    for pos in sorted(anchors(text, sentence_starts)):
        if pos >= len(text):
            continue
        mk = _ordinal_marker(g, text, pos)
        if mk:
            out.append(mk)
        out.extend(_symbol_markers(text, pos))
    for m in _INLINE_ANCHOR_RE.finditer(text):
        out.extend(mk for mk in _symbol_markers(text, m.end())
                   if mk.family != NUMBER or mk.text.startswith("("))
    for m in g.inside.finditer(text):
        if g.ordinal_run.match(text, m.end()) or re.search(r"\w+,\s*$", text[max(0, m.start() - 3):m.start()]) \
                and g.ordinal_run.match(text, _word_start(text, m.start())) \
                or text[m.start()] == "," and g.ordinal_run.match(text, _word_start(text, m.start() + 1)):
            continue  # a run of ordinals ("first, second, third or fourth most ...", "the first, and second,")
        rank = _rank(g, m)
        out.append(Marker(m.start("marker"), m.end("marker"), _item_start(text, m.end()), ORDINAL,
                          rank, m.group("marker")))
        before = _bare_ordinal_before(text, m.start(), rank, g)
        if before is not None:
            out.append(before)
    for m in g.of_these_first.finditer(text):  # "Of the three challenges, the first is ..."
        out.append(Marker(m.start("marker"), m.end("marker"), m.start("marker"), ORDINAL, 1, m.group("marker")))
    for m in g.heading_phrase.finditer(text):  # "First reflection:" opening a line
        out.append(Marker(m.start("marker"), m.end("marker"), _item_start(text, m.end()), ORDINAL, _rank(g, m),
                          m.group("marker"), noun=_noun(m)))
    for m in g.speech_act_first.finditer(text):  # "I will first talk about climate change."
        out.append(Marker(m.start("marker"), m.end("marker"), _item_start(text, m.end("marker")), ORDINAL, 1,
                          m.group("marker")))
    for m in g.inline_noun_phrase.finditer(text):
        rank = _rank(g, m)
        # "..., and our fifth area of focus": continues a list; "... was our first priority. Our second
        # priority ...": opens one only when the next item names the same noun
        if rank:  # item one starts with its sentence ("Responding fast was our first priority.")
            dot = text.rfind(". ", 0, m.start())
            item = m.start("marker") if rank >= 2 else max(dot + 2 if dot >= 0 else 0,
                                                              text.rfind("\n", 0, m.start()) + 1)
            out.append(Marker(m.start("marker"), m.end("marker"), item, ORDINAL, rank,
                              m.group("marker"), noun=_noun(m), weak=True))
    for m in g.bullet.finditer(text):
        out.append(Marker(m.start("marker"), m.end("marker"), _item_start(text, m.end()), BULLET, None,
                          m.group("marker")))
    # "And this is the first item ...": a sentence-start marker already holds the inline one
    strong = [(mk.start, mk.end) for mk in out if not mk.weak]
    out = [mk for mk in out if not (mk.weak and mk.rank == 1 and any(a <= mk.start < b for a, b in strong))]
    seen: dict[tuple[int, str], Marker] = {}
    for mk in out:
        seen.setdefault((mk.start, mk.family), mk)
    return sorted(seen.values(), key=lambda mk: (mk.start, mk.family))


def _word_start(text: str, pos: int) -> int:
    """Start of the word before the ", " that precedes `pos`."""
    i = text.rfind(",", 0, pos)
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "-"):
        j -= 1
    return j


def _bare_ordinal_before(text: str, pos: int, rank: int | None, g: Grammar) -> Marker | None:
    """The item before an ordinal set off by commas inside a sentence, when its ordinal has no
    commas ("we must invest first in prevention and, secondly, in ..."): the previous rank's
    word earlier in the same sentence, standing alone."""
    if not rank or rank < 2:
        return None
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("; ", 0, pos)) + 1
    word = next(w for w, r in g.ordinals.items() if r == rank - 1)
    found = list(re.finditer(rf"\b{word}(?:ly)?\b(?![\w-])(?!\s+(?:time|of|and)\b)", text[start:pos], re.IGNORECASE))
    if not found:
        return None
    m = found[-1]
    if pos - (start + m.end()) < MIN_ITEM_CHARS:
        return None  # "first, second" with nothing between: a run, not two items
    return Marker(start + m.start(), start + m.end(), _item_start(text, start + m.end()), ORDINAL, rank - 1,
                  m.group())


# ------------------------------------------------------------------ chaining

def paragraph_ends(text: str) -> list[int]:
    """End offsets of the paragraphs of `text` (split on blank lines)."""
    ends = [m.start() for m in _PARAGRAPH_RE.finditer(text)]
    return ends + [len(text)]


def _sentence_of(text: str, pos: int) -> str:
    end = _SENTENCE_END_RE.search(text, pos)
    return text[pos:end.end() if end else len(text)]


def closes_speech(text: str, closer: Marker, previous: Sequence[Marker], g: Grammar) -> bool:
    """True when a closer ends the speech rather than the list: its sentence holds the speech's
    closing words, or it stands in the last paragraphs far from the item before it."""
    sentence = _sentence_of(text, closer.start).lower()
    # "I wish to make a cautionary note" wants, it does not wish
    words = set(re.findall(r"[a-z]+", re.sub(r"\bwish(?:es)?\s+to\b", "", sentence)))
    if words & g.closing_words:
        return True
    ends = paragraph_ends(text)
    in_ending = closer.start > ends[-1 - g.ending_paragraphs] if len(ends) > g.ending_paragraphs else True
    gaps = [b.start - a.start for a, b in zip(previous, previous[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 600
    return in_ending and closer.start - previous[-1].start > max(600, 2 * usual)


def _same_noun(chain: Sequence[Marker], mk: Marker) -> bool:
    """True when a marker inside a sentence names the item noun of one of the list's noun-phrase
    markers ("The third principle ..." then "in keeping with the fourth principle")."""
    nouns = {m.noun.split()[0] for m in chain if m.noun}
    return mk.noun is not None and mk.noun.split()[0] in nouns


def _opener_in_sentence(text: str, first: Marker, g: Grammar) -> bool:
    """An opener set off by commas inside a sentence ("That revolution took place, first and foremost,
    in the minds ..."): it opens a list only when an ordinal word follows ("Secondly, ..."), not a noun
    phrase ("The second revolution ...")."""
    return g.opener_only.fullmatch(first.text) is not None and text[:first.start].rstrip().endswith(",")


def _lead_names(text: str, first: Marker, mk: Marker) -> bool:
    """True when the sentence before a list names the noun of a marker inside it ("there are also
    glimmers of hope. The first is ... The second glimmer of hope is ...")."""
    if not mk.noun:
        return False
    # the sentence before the one the first marker stands in ("That revolution took place, first and
    # foremost, in ...": its own words are no lead-in)
    before = text[max(0, first.start - 400):first.start]
    if not re.search(r"(?:[.!?:;][\"'\u201d\u2019)]?|\n)\s*$", before):
        before = before[:max((m.start() + 1 for m in _SENTENCE_END_RE.finditer(before)), default=0)]
    lead = ([x for x in _SENTENCE_END_RE.split(before) if x.strip()] or [""])[-1]
    return re.search(rf"\b{re.escape(mk.noun.split()[0])}", lead, re.IGNORECASE) is not None


def _continues(text: str, current: Sequence[Marker], mk: Marker, g: Grammar) -> bool:
    """True when `mk` is the next item of the list `current`: the next rank, or a closer
    that does not close the speech, does not come after the count the speaker announced
    and does not stand after a heading."""
    if len(current) == 1 and current[0].weak and not (mk.rank == 2 and not mk.weak and _same_noun(current, mk)):
        return False  # "Peace was our first priority." opens a list only with "Our second priority ..." opening a sentence
    if len(current) == 1 and mk.noun and _opener_in_sentence(text, current[0], g):
        return False  # "It took root, first and foremost, in the ports. The second idea ...": no list
    if mk.weak and not _same_noun(current, mk) and not _lead_names(text, current[0], mk):
        return False
    if mk.rank is not None:
        return mk.rank == current[-1].rank + 1 if current[-1].rank is not None else False
    if not mk.final:
        return False
    thanks = _thanks_run(text, current, mk, g)
    if not thanks and closes_speech(text, mk, current, g):
        return False
    if _ends_inner_run(text, current[-1], mk):
        return False
    announced = announced_count(text, current[0].start, len(current), grammar=g)
    if announced is not None and announced == len(current):
        return False  # "seven ideas: First, ... Seventh, ..." then "Finally, ...": the speech's own ending
    # "My third observation ..." then, paragraphs later, "This leads me to my final observation": named, it reaches
    if _next_between(text, current[-1], mk):
        return False  # "First, ... Secondly, ..." [paragraphs] "Next, ..." "Lastly, ...": the closer ends that run
    return not _heading_between(text, current[-1], mk, g) \
        and (thanks or _open_ended(text, current[0], g) or _same_noun(current, mk)
             or not _far_closer(text, current, mk, g))


_OPEN_COUNT_RE = re.compile(r"\b(?:several|a\s+few|a\s+number\s+of)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z]+s)\b",
                            re.IGNORECASE)


INNER_RUN_WORDS = 4  # a closer whose sentence opens with the same words as ...
INNER_RUN_MIN = 2  # ... this many unmarked sentences of the last item ends their run, not the list


def _opening_words(sentence: str) -> tuple[str, ...]:
    words = [w for w in re.findall(r"[a-z]+", sentence.lower()) if w != "also"]
    return tuple(words[:INNER_RUN_WORDS])


def _ends_inner_run(text: str, last: Marker, mk: Marker) -> bool:
    """True when a closer ends an unmarked run of parallel sentences inside the list's last item
    ("First, let me touch on ... It is up to the United Nations to ... It is also up to the United
    Nations to ... Finally, it is up to the United Nations to ..."): the closer's sentence opens
    with the same words as several sentences after the item's first one, so it closes that run."""
    head = _opening_words(_sentence_of(text, _item_start(text, mk.end)))
    if len(head) < INNER_RUN_WORDS:
        return False
    body = text[last.item_start:mk.start]
    first_end = _SENTENCE_END_RE.search(body)
    if not first_end:
        return False
    sentences = [x for x in _SENTENCE_END_RE.split(body[first_end.end():]) if x.strip()]
    return sum(_opening_words(x) == head for x in sentences) >= INNER_RUN_MIN


LEAD_WINDOW = 300  # characters looked back for the sentence before a list


def _sentence_before(text: str, pos: int) -> str:
    """The (last) sentence before `pos`, within LEAD_WINDOW characters: a list's lead-in."""
    lead = text[max(0, pos - LEAD_WINDOW):pos]
    return ([x for x in _SENTENCE_END_RE.split(lead) if x.strip()] or [""])[-1]


def _open_ended(text: str, first: Marker, g: Grammar) -> bool:
    """True when the sentence before the list announces an open number of things ("I should like to
    mention several key points. First, ..."): items may follow unmarked, and a closer paragraphs
    later ("Lastly, ...", "The last call I wish to make ...") is still the list's last."""
    lead = _sentence_before(text, first.start)
    return any(m.group("noun").lower() not in g.not_item_nouns for m in _OPEN_COUNT_RE.finditer(lead))


def _thanks_run(text: str, current: Sequence[Marker], mk: Marker, g: Grammar) -> bool:
    """True when a closer ends a run of thanks that the list opened ("I want to express my thanks.
    First, to our co-facilitators ... I also thank ... And, finally, I want to thank all of you"):
    the list's first item (or the sentence before it), every paragraph between its last item and the
    closer, and the closer's sentence thank someone. Its thanks do not close the speech; they are
    the list's own subject."""
    def thanks(s: str) -> bool:
        return bool(set(re.findall(r"[a-z]+", s.lower())) & g.thanks_words)
    lead = _sentence_before(text, current[0].start)
    first_para = text[current[0].start:next(e for e in paragraph_ends(text) if e >= current[0].item_start)]
    between = [p for p in _PARAGRAPH_RE.split(text[current[-1].item_start:mk.start])[1:] if p.strip()]
    return (thanks(lead) or thanks(first_para)) and all(map(thanks, between)) \
        and thanks(_sentence_of(text, mk.start))


CLOSER_MAX_PARAGRAPHS = 3  # a closer this many paragraphs after the list's last item ...


def _far_closer(text: str, current: Sequence[Marker], mk: Marker, g: Grammar) -> bool:
    """True when a closer stands several paragraphs of prose after the list's last item and far
    by the list's own spacing: it ends another stretch of the speech, not this list."""
    paras = [p for p in _PARAGRAPH_RE.split(text[current[-1].item_start:mk.start])[1:]
             if p.strip() and not g.address.match(p.strip())]
    gaps = [b.start - a.start for a, b in zip(current, current[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 600
    return len(paras) >= CLOSER_MAX_PARAGRAPHS and mk.start - current[-1].start > max(600, 2 * usual)


def _next_between(text: str, last: Marker, mk: Marker) -> bool:
    """True when a paragraph opens with "Next," between the list's last item and a closer."""
    return any(re.match(r"\s*next\s*,", para, re.IGNORECASE)
               for para in _PARAGRAPH_RE.split(text[last.item_start:mk.start])[1:])


def _heading_between(text: str, last: Marker, mk: Marker, g: Grammar) -> bool:
    """True when a heading (a short paragraph with no closing punctuation, not a form of
    address) stands between two markers: a new section begins, the list before it has ended."""
    for para in _PARAGRAPH_RE.split(text[last.item_start:mk.start])[1:]:
        para = para.strip()
        if para and len(para.split()) <= 12 and re.search(r"[^\W\d_]", para) \
                and not re.search(r"[.!?:;,\"'\u201d\u2019)\]\u2026]$", para) and not g.address.match(para):
            return True
    return False


def _bullet_continues(text: str, chain: Sequence[Marker], mk: Marker, g: Grammar) -> bool:
    """True when bullet `mk` is the next item of `chain`: the same symbol, and only bulleted
    lines (a nested list's), blank lines and the item's own wrapped lines between."""
    if mk.text != chain[0].text:
        return False
    lines = text[chain[-1].item_start:mk.start].split("\n")[1:]
    wrapped, blank = 0, False
    for line in lines[:-1]:
        if not line.strip():
            blank = True
        elif g.bullet.match(line):
            blank, wrapped = False, 0
        elif blank:
            return False  # a paragraph of prose after the item
        else:
            wrapped += 1
            if wrapped > 3:
                return False
    return bool(lines)


def chain_markers(markers: Sequence[Marker], text: str = "", *, max_gap: int | None = None,
                  min_items: int = 2, grammar: Grammar | None = None) -> list[list[Marker]]:
    """Group markers into lists: per family, rank 1 opens, rank+1 continues, a closer ends
    (when it continues the list); consecutive bullets of one symbol form one list. A marker
    that continues no open list leaves them open: a lone "The first step ..." inside an item
    does not end the list around it, and a list nested in an item ends when the outer list
    goes on."""
    g = grammar or load_grammar()
    max_gap = g.max_gap if max_gap is None else max_gap
    lists: list[list[Marker]] = []
    for family in FAMILIES:
        open_lists: list[list[Marker]] = []  # innermost last
        strays: list[Marker] = []  # ranked markers that continued no list and opened none
        for mk in (m for m in markers if m.family == family):
            if family == BULLET:
                fits = [i for i, ch in enumerate(open_lists) if _bullet_continues(text, ch, mk, g)]
            else:
                # "My fourth point ..." after "My third point ...": a marker naming the list's noun reaches further
                fits = [i for i, ch in enumerate(open_lists)
                        if mk.start - ch[-1].start <= max_gap * (NAMED_GAP_FACTOR if _same_noun(ch, mk)
                                                                 or mk.final and _open_ended(text, ch[0], g)
                                                                 or _count_pending(text, ch, mk, g)
                                                                 or _lead_names(text, ch[0], mk) else 1)
                        and not ch[-1].final and _continues(text, ch, mk, g) and not _claimed(strays, ch, mk)]
                if mk.rank is None and any(len(open_lists[i]) >= 2 for i in fits):
                    fits = [i for i in fits if len(open_lists[i]) >= 2]  # a closer ends a list, not a lone item
            if not fits and mk.rank is not None and not mk.weak:
                # "One, ... Two, ...; and finally, ... (inside item two); Three, ...": the next rank shows
                # that the closer inside a sentence stood inside an item; the list goes on without it
                for i, ch in enumerate(open_lists):
                    if len(ch) >= 2 and ch[-1].final and ch[-1].rank is None and text[ch[-1].start:ch[-1].start + 1].islower() \
                            and ch[-2].rank is not None \
                            and mk.rank == ch[-2].rank + 1 and mk.start - ch[-2].start <= max_gap:
                        ch.pop()
                        fits = [i]
            if fits:
                lists.extend(open_lists[fits[-1] + 1:])
                del open_lists[fits[-1] + 1:]
                open_lists[-1].append(mk)
            elif family == BULLET or mk.rank == 1 and (not mk.weak or mk.noun):
                open_lists.append([mk])
            elif mk.rank is not None and not mk.weak:
                strays.append(mk)
        lists.extend(open_lists)
    kept = [lst for lst in lists if len(lst) >= min_items and not _numbers_document(lst, text)
            and not _opener_and_closer(lst, g)]
    return sorted(kept, key=lambda lst: lst[0].start)


def _count_pending(text: str, chain: Sequence[Marker], mk: Marker, g: Grammar) -> bool:
    """True when the speaker announced more items than the list has so far and `mk` is the next rank
    ("three main topics: First, ... Secondly, ... [long] Thirdly, ..."): it may stand further away."""
    if mk.rank is None or chain[-1].rank is None or mk.rank != chain[-1].rank + 1:
        return False
    announced = announced_count(text, chain[0].start, len(chain), grammar=g)
    return announced is not None and announced > len(chain)


def _claimed(strays: Sequence[Marker], chain: Sequence[Marker], mk: Marker) -> bool:
    """True when a marker of the rank before `mk` that belongs to no list stands between the list's
    last marker and `mk`: the nearer sequence owns it ("my second point ... Its second tenet is
    ... Third is ...": the third tenet, not the third point)."""
    if mk.rank is None or _same_noun(chain, mk):
        return False  # "my third point" after "my second point" is the list's own, whatever stands between
    return any(s.rank == mk.rank - 1 and chain[-1].start < s.start < mk.start for s in strays)


def _opener_and_closer(chain: Sequence[Marker], g: Grammar) -> bool:
    """A "First of all, ..." and a "Finally, ..." alone are a speech's opening and closing
    turns, not a list of two."""
    return len(chain) == 2 and chain[1].final and chain[1].rank is None \
        and g.opener_only.fullmatch(chain[0].text) is not None


NAMED_GAP_FACTOR = 3
PARAGRAPH_NUMBERS_MIN = 5  # a numbered run this long that numbers most paragraphs ...
PARAGRAPH_NUMBERS_SHARE = 0.5
PARAGRAPH_NUMBERS_ITEM_CHARS = 200  # ... whose items are paragraphs of prose (median length),
PARAGRAPH_NUMBERS_MANY = 10  # or a run this long ...
PARAGRAPH_NUMBERS_SENTENCES = 0.6  # ... whose items mostly end a sentence


def _numbers_document(chain: Sequence[Marker], text: str = "") -> bool:
    """A numbered chain that numbers the speech's paragraphs, not a list: it starts the text,
    or (after a salutation, say) it opens most paragraphs and its items are paragraphs of prose."""
    if chain[0].family != NUMBER or not chain[0].text[:1].isdigit():
        return False
    if chain[0].start == 0:
        return True
    if len(chain) < PARAGRAPH_NUMBERS_MIN or len(chain) < PARAGRAPH_NUMBERS_SHARE * len(paragraph_ends(text)):
        return False
    items = [text[s:e].strip() for s, e in item_spans(text, chain)]
    if statistics.median(map(len, items)) >= PARAGRAPH_NUMBERS_ITEM_CHARS:
        return True
    # many short paragraphs, each a sentence or more: still paragraphs of prose, numbered
    sentences = sum(bool(_SENTENCE_END_RE.search(item[-2:] + " ")) for item in items)
    return len(chain) >= PARAGRAPH_NUMBERS_MANY and sentences >= PARAGRAPH_NUMBERS_SENTENCES * len(items)


def item_spans(text: str, markers: Sequence[Marker]) -> list[tuple[int, int]]:
    """Character span of each item: after its marker to the next marker or its paragraph's end."""
    ends = paragraph_ends(text)
    spans = []
    for i, mk in enumerate(markers):
        para_end = next(e for e in ends if e >= mk.item_start)
        stop = min(para_end, markers[i + 1].start) if i + 1 < len(markers) else para_end
        stop = mk.item_start + len(_TRAILING_CONNECTOR_RE.sub("", text[mk.item_start:stop]))
        spans.append((mk.item_start, max(stop, mk.item_start)))
    return spans


def announced_count(text: str, first_marker: int, n_items: int, *, since: int = 0,
                    grammar: Grammar | None = None, near: int = 600) -> int | None:
    """The count announced before a list's first marker: the nearest one within `near`
    characters, else the nearest one further back (within the grammar's window, after
    `since`) that equals the number of items."""
    g = grammar or load_grammar()
    lo = max(since, first_marker - g.announce_window)
    found = []
    for m in g.announced.finditer(text, lo, first_marker):
        n = m.group("n").lower()
        value = int(n) if n.isdigit() else g.number_words.get(n)
        if value is not None and value >= 2 and (value == n_items or not _listed_in_place(text, m.end(), value,
                                                                                         first_marker)):
            found.append((m.start(), value))
    # a count beyond the ordinals ("its 23 objectives", "the 17 Goals") names a known set, not this list's length
    close = [v for pos, v in found if first_marker - pos <= near and (v <= len(g.ordinals) or v == n_items)]
    if close:
        return close[-1]
    equal = [v for _, v in found if v == n_items]
    if equal:
        return equal[-1]
    bare = [int(n) if (n := m.group("n").lower()).isdigit() else g.number_words.get(n)
            for m in g.bare_count.finditer(text, max(lo, first_marker - near), first_marker)]
    if n_items in bare:  # "I will focus on just four today."
        return n_items
    # ("the triple crisis of A, B and C, we need a strategy that includes: One, ...": the colon leads
    # into the list from another phrase, the multiplier counts something else)
    times = [g.multipliers[(m.group("m") or m.group("m2")).lower()]
             for m in g.multiplier.finditer(text, max(lo, first_marker - near), first_marker)
             if len(text[m.end():first_marker].rpartition(":")[0].split()) <= 2]
    if n_items in times:  # "I have come to make a triple appeal. First, ..."
        return n_items
    return _lead_in_count(text, max(since, first_marker - near), first_marker, n_items, g)


_IN_PLACE_RE = re.compile(r"[^.!?;:\u2014\u2013\n]{0,40}?(?:\s[\u2014\u2013-]{1,2}\s|:[ \t]|,?\s+namely,?\s)"
                         r"(?P<series>[^.!?:\u2014\u2013\n]+)")


def _listed_in_place(text: str, end: int, value: int, first_marker: int) -> bool:
    """True when a count is followed in its own sentence by as many things in a row ("the three
    crises we face — the pandemic, the economic crisis and the climate emergency —"): the
    count is spent there, not announced for a list that follows with another number of items."""
    m = _IN_PLACE_RE.match(text, end)
    if not m or m.end("series") > first_marker:
        return False  # "three things: One, reflect ...": the things named are the list itself
    series = m.group("series").strip()
    # "all eight priority areas: A; B and C; ...; and H.": items set off by semicolons
    if ";" in series and len([p for p in series.split(";") if p.strip()]) == value:
        return True
    series = series.split(";")[0]
    parts = [p for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", series) if p.strip()]
    return len(parts) == value


_OF_THESE_RE = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:these|them|those)\b",
                          re.IGNORECASE)


def _lead_in_count(text: str, lo: int, first_marker: int, n_items: int, g: Grammar) -> int | None:
    """A count before any plural noun in the sentence that leads into the list ("we have hosted
    three important international conferences. First, ..."), when it equals the number of items."""
    body = text[lo:first_marker].rstrip()
    ends = list(_SENTENCE_END_RE.finditer(body[:-1]))
    lead = body[ends[-1].end():] if ends else body
    for m in _OF_THESE_RE.finditer(lead):  # "Three of these are especially acute. The first one is ..."
        n = m.group("n").lower()
        if (int(n) if n.isdigit() else g.number_words.get(n)) == n_items:
            return n_items
    for m in reversed(list(g.open_count.finditer(lead))):
        if re.search(r"\b(?:the|these|those|its|their|our|his|her|my|your|both)\s+$", lead[:m.start()], re.IGNORECASE):
            continue  # "the two communities": things already known, not a count announced
        n = m.group("n").lower()
        value = int(n) if n.isdigit() else g.number_words.get(n)
        if value == n_items and m.group("noun").lower() not in g.not_item_nouns:
            return value
    return None


def bullets_are_layout(text: str, markers: Sequence[Marker],
                       chains: Sequence[Sequence[Marker]] | None = None) -> bool:
    """True when bullets open most paragraphs of the text, in one run or as paragraphs of
    running text: a page layout, not lists. Short phrases in runs under headings (a slide
    deck's) are lists however many there are."""
    bullets = sum(mk.family == BULLET for mk in markers)
    if bullets < BULLET_LAYOUT_MIN or bullets <= len(paragraph_ends(text)) * BULLET_LAYOUT_SHARE:
        return False
    runs = [c for c in chains or () if c[0].family == BULLET]
    if chains is None or max(map(len, runs), default=0) * 2 >= bullets:
        return True
    lengths = [e - s for c in runs for s, e in item_spans(text, c)]
    return not lengths or statistics.median(lengths) >= BULLET_PROSE_CHARS


def is_salutation_item(text: str, mk: Marker, g: Grammar) -> bool:
    """True when a bulleted line is a form of address ("• Excellency, ..."), not an item."""
    return bool(g.address.match(text, mk.item_start))


def enumerations(text: str, *, sentence_starts: Iterable[int] = (), max_gap: int | None = None,
                 min_items: int = 2) -> list[Enumeration]:
    """The priority lists of `text`, in order of their first marker."""
    g = load_grammar()
    markers = find_markers(text, sentence_starts, grammar=g)
    markers = [mk for mk in markers if mk.family != BULLET or not is_salutation_item(text, mk, g)]
    chains = chain_markers(markers, text, max_gap=max_gap, min_items=min_items, grammar=g)
    if bullets_are_layout(text, markers, chains):
        chains = [c for c in chains if c[0].family != BULLET]
    chains = [c for c in chains if not any(_echoes(c, other) for other in chains if other is not c)]
    chained = {(mk.start, mk.family) for chain in chains for mk in chain}
    lone_firsts = [mk.start for mk in markers if mk.family == ORDINAL and mk.rank == 1 and not mk.weak
                   and (mk.start, mk.family) not in chained]
    out: list[Enumeration] = []
    for chain in chains:
        since = out[-1].items[-1][1] if out and out[-1].items[-1][1] <= chain[0].start else 0
        if chain[0].family != ORDINAL:
            # "two points. The first is that ... • ... • ...": bullets (letters, numbers) after a lone first
            # item belong to that item; the count before it is that sequence's, not theirs
            since = max([since, *(s for s in lone_firsts if s < chain[0].start)])
        # a list inside another's run of items is announced after that list's item before it, if at all
        since = max([since, *(max(s for s, _ in enum.items if s <= chain[0].start) for enum in out
                              if enum.items[0][0] <= chain[0].start < enum.items[-1][1])])
        out.append(Enumeration(markers=chain, items=item_spans(text, chain),
                               announced=announced_count(text, chain[0].start, len(chain), since=since,
                                                         grammar=g)))
    return out


ECHO_CHARS = 150  # a marker this close after another list's marker marks the same item


def _echoes(chain: Sequence[Marker], other: Sequence[Marker]) -> bool:
    """True when every marker of `chain` repeats, just after it, a marker of another list of as
    many items ("1 - People" as a heading, then "First, we have heard ..."): one list, two markers
    per item; the first marker stands for it."""
    if len(chain) != len(other) or chain[0].family == other[0].family:
        return False
    nexts = [mk.start for mk in other[1:]] + [10**12]
    return all(0 < b.start - a.start <= ECHO_CHARS and b.start < nxt
               for a, b, nxt in zip(other, chain, nexts, strict=True))


def doc_enumerations(doc: Doc, *, sent_starts: Sequence[int] | None = None,
                     text: str | None = None, **kwargs) -> list[Enumeration]:
    """`enumerations` of a Doc's text, using its sentence starts as extra anchors
    (`sent_starts`: the token indices `pipeline.themes.sentence_starts` gives, and `text`:
    the Doc's text, when already known)."""
    if not doc.has_annotation("SENT_START"):
        starts = []
    elif sent_starts is None:
        starts = [s.start_char for s in doc.sents]
    else:
        idx = doc.to_array([IDX]).ravel().tolist()
        starts = [idx[i] for i in sent_starts]
    return enumerations(doc.text if text is None else text, sentence_starts=starts, **kwargs)


def priority_rows(speech_id: str, text: str, lists: Sequence[Enumeration],
                  item_themes: Sequence[Sequence[str]] | None = None) -> list[dict]:
    """Rows of the priorities table; `item_themes` holds each item's themes, lists flattened."""
    rows = []
    k = 0
    for list_id, enum in enumerate(lists, start=1):
        mismatch = enum.announced is not None and enum.announced != enum.n_items
        for rank, (mk, (s, e)) in enumerate(zip(enum.markers, enum.items, strict=True), start=1):
            themes = item_themes[k] if item_themes is not None else []
            k += 1
            rows.append({"speech_id": speech_id, "list_id": list_id, "kind": enum.kind,
                         "announced": enum.announced, "rank": rank, "marker": mk.text, "text": text[s:e],
                         "start_char": s, "end_char": e, "themes": "; ".join(themes),
                         "n_items": enum.n_items, "count_mismatch": mismatch})
    return rows
