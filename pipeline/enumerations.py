"""Priority lists: enumerations a speaker announces and walks through.

A list is a run of markers of one family, in order, each opening a sentence,
a paragraph or a clause (after ";" or ":"):

- ordinal words: First / Firstly / First of all / First and foremost / In the
  first place / For starters / To begin with, Second / Secondly / In the second
  place, Third ... Tenth; a closing Finally / Lastly / Last but not least / And
  finally, or "Fifth and finally";
- numbers: "1." "1)" "(1)"; letters: "(a)" "a)"; roman numerals: "(i)" "ii)"
  (in full brackets these may also stand inside a sentence: "we stress (1) ...;
  (2) ...; and (3) ...").

A marker must be followed by punctuation (a comma, colon, dash) or be an
unambiguous adverb ("Secondly", "Finally"), so "Second World War", "the Third
Committee" and "for the first time" never open an item. A list needs at least
two items, starts at rank 1 (or announces its count), and each next marker
comes within `max_gap` characters; a lone closing "Finally" is not a list.
An announced count ("I see five areas of priority", "three priorities", "the
following four points") shortly before the first marker is attached to the list.
An item runs from just after its marker to the next marker of its list or the
end of its paragraph, whichever comes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "several": None, "a few": None}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
ANNOUNCED_NOUNS = ("priorities", "priority areas", "areas", "points", "issues", "things", "ways",
                   "elements", "pillars", "objectives", "goals", "steps", "messages", "proposals",
                   "reasons", "questions", "challenges", "principles", "actions", "lessons",
                   "observations", "recommendations", "remarks", "comments", "considerations",
                   "aspects", "dimensions", "fronts", "tasks", "commitments", "measures", "ideas",
                   "suggestions", "areas of priority", "key areas", "main areas", "topics", "themes",
                   "requests", "concerns", "factors", "components", "dimensions", "lines of action")

ORDINAL = "ordinal"
NUMBER = "number"
LETTER = "letter"
ROMAN_NUMERAL = "roman"

_ORD = "|".join(ORDINALS)
_LEAD = r"(?:(?:and|but|now|so|then)\s+)?"
_PUNCT_AFTER = r"\s*(?:,|:|;|\u2014|\u2013|-{1,2}\s)"
# Ordinal word markers. Group `w` is the ordinal; `ly` an adverbial ending;
# `fin` a closing "and finally". Either the adverb form or punctuation must follow.
_ORDINAL_RE = re.compile(
    rf"{_LEAD}(?P<marker>(?:in\s+the\s+(?P<w2>{_ORD})\s+place"
    rf"|(?P<w>{_ORD})(?P<ly>ly)?(?:\s+(?:of\s+all|and\s+foremost|and\s+(?P<fin>finally|lastly|last)))?"
    rf"|(?P<start>for\s+starters|to\s+begin\s+with|to\s+start\s+with)))"
    rf"(?P<after>{_PUNCT_AFTER}|(?<=ly)\s|(?<=all)\s|(?<=foremost)\s|(?<=place)\s|(?<=finally)\s)",
    re.IGNORECASE)
_FINAL_RE = re.compile(
    rf"{_LEAD}(?P<marker>finally|lastly|last\s+but\s+not\s+least|last)"
    rf"(?P<after>{_PUNCT_AFTER}|(?<=ly)\s)",
    re.IGNORECASE)
_NUMBER_RE = re.compile(r"(?P<marker>\(?(?P<n>\d{1,2})[.)])(?P<after>\s+)(?=\S)")
_LETTER_RE = re.compile(r"(?P<marker>\(?(?P<l>[a-hj-z])\))(?P<after>\s+)(?=\S)")
_ROMAN_RE = re.compile(r"(?P<marker>\(?(?P<r>i{1,3}|iv|vi{0,3}|ix|x)\))(?P<after>\s+)(?=\S)")
# An ordinal followed at once by another ordinal ("First, second and third generation").
_ORDINAL_RUN_RE = re.compile(rf"\s*(?:{_ORD})\b", re.IGNORECASE)
_ANNOUNCED_RE = re.compile(
    r"\b(?P<n>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|\d{1,2})"
    r"\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + "|".join(sorted(set(ANNOUNCED_NOUNS), key=len, reverse=True))
    + r")\b", re.IGNORECASE)
_FOLLOWING_RE = re.compile(r"\bthe\s+following\b", re.IGNORECASE)
# Anchor positions: text start, paragraph or line start, after a sentence end or a
# clause break (";" or ":"), optionally after a closing quote or bracket.
_ANCHOR_RE = re.compile(r"(?:^|\n|[.!?;:][\"'\u201d\u2019)]?[ \t]+)(?=\S)")
# Letters and roman numerals may also stand inside a sentence: in full brackets
# after any space ("we propose (a) ..."), with one bracket after ", " or "and ".
_INLINE_ANCHOR_RE = re.compile(r"(?:[ \t]+(?=\([a-z]{1,4}\)\s|\(\d{1,2}\)\s)"
                               r"|(?:,|\band)[ \t]+(?=[a-z]{1,4}\)\s))")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
# What an item's text does not end with: white space, a dangling "and," before the next marker.
_TRAILING_CONNECTOR_RE = re.compile(r"(?:\s+(?:and|or|but)\b,?)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    """One list marker: where it is (with any leading "And"), where its item starts,
    which family and rank, whether it closes a list."""

    start: int
    end: int
    item_start: int
    family: str
    rank: int | None
    text: str
    final: bool = False


@dataclass
class Enumeration:
    """A detected list: its markers in order, the items' character spans, the announced count."""

    markers: list[Marker]
    items: list[tuple[int, int]] = field(default_factory=list)
    announced: int | None = None

    @property
    def n_items(self) -> int:
        return len(self.markers)


def anchors(text: str, sentence_starts: Iterable[int] = ()) -> set[int]:
    """Character positions where a marker may stand: sentence, paragraph and clause starts."""
    found = {m.end() for m in _ANCHOR_RE.finditer(text)}
    found.update(sentence_starts)
    return found


def _ordinal_marker(text: str, pos: int) -> Marker | None:
    m = _ORDINAL_RE.match(text, pos)
    if m:
        if m.group("ly") is None and _ORDINAL_RUN_RE.match(text, m.end()):
            return None
        word = (m.group("w") or m.group("w2") or "").lower()
        rank = ORDINALS.get(word, 1)
        return Marker(m.start(), m.end("marker"), _item_start(text, m.end()), ORDINAL,
                      rank, m.group("marker"), final=m.group("fin") is not None)
    m = _FINAL_RE.match(text, pos)
    if m:
        return Marker(m.start(), m.end("marker"), _item_start(text, m.end()), ORDINAL,
                      None, m.group("marker"), final=True)
    return None


def _item_start(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in ",:;\u2014\u2013-"):
        pos += 1
    return pos


def _symbol_markers(text: str, pos: int) -> list[Marker]:
    out = []
    for regex, family, group in ((_NUMBER_RE, NUMBER, "n"), (_LETTER_RE, LETTER, "l"),
                                 (_ROMAN_RE, ROMAN_NUMERAL, "r")):
        m = regex.match(text, pos)
        if not m:
            continue
        value = m.group(group)
        rank = int(value) if family == NUMBER else (
            ord(value.lower()) - ord("a") + 1 if family == LETTER else ROMAN[value.lower()])
        out.append(Marker(m.start("marker"), m.end("marker"), _item_start(text, m.end()), family,
                          rank, m.group("marker")))
    return out


def find_markers(text: str, sentence_starts: Iterable[int] = ()) -> list[Marker]:
    """Every candidate marker at an anchor position, in text order."""
    out: list[Marker] = []
    for pos in sorted(anchors(text, sentence_starts)):
        if pos >= len(text):
            continue
        mk = _ordinal_marker(text, pos)
        if mk:
            out.append(mk)
        out.extend(_symbol_markers(text, pos))
    for m in _INLINE_ANCHOR_RE.finditer(text):
        out.extend(mk for mk in _symbol_markers(text, m.end())
                   if mk.family != NUMBER or mk.text.startswith("("))
    return sorted(set(out), key=lambda mk: (mk.start, mk.family))


def chain_markers(markers: Sequence[Marker], *, max_gap: int = 4000,
                  min_items: int = 2) -> list[list[Marker]]:
    """Group markers into lists: per family, rank 1 opens, rank+1 continues, a final closes."""
    lists: list[list[Marker]] = []
    for family in (ORDINAL, NUMBER, LETTER, ROMAN_NUMERAL):
        current: list[Marker] = []
        for mk in (m for m in markers if m.family == family):
            last = current[-1] if current else None
            follows = last is not None and mk.start - last.start <= max_gap and not last.final
            if follows and (mk.rank == last.rank + 1 or (mk.rank is None and mk.final)):
                current.append(mk)
            elif mk.rank == 1:
                lists.append(current)
                current = [mk]
        lists.append(current)
    kept = [lst for lst in lists if len(lst) >= min_items and not _numbers_document(lst)]
    return sorted(kept, key=lambda lst: lst[0].start)


def _numbers_document(chain: Sequence[Marker]) -> bool:
    """A numbered chain that starts the text numbers the speech's paragraphs, not a list."""
    return chain[0].family == NUMBER and chain[0].start == 0


def paragraph_ends(text: str) -> list[int]:
    """End offsets of the paragraphs of `text` (split on blank lines)."""
    ends = [m.start() for m in _PARAGRAPH_RE.finditer(text)]
    return ends + [len(text)]


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


def announced_count(text: str, first_marker: int, *, window: int = 600) -> int | None:
    """The count announced in the `window` characters before a list's first marker, if any."""
    lo = max(0, first_marker - window)
    best = None
    for m in _ANNOUNCED_RE.finditer(text, lo, first_marker):
        value = NUMBER_WORDS.get(m.group("n").lower()) if not m.group("n").isdigit() else int(m.group("n"))
        if value is not None:
            best = value
    return best


def enumerations(text: str, *, sentence_starts: Iterable[int] = (), max_gap: int = 4000,
                 min_items: int = 2) -> list[Enumeration]:
    """The priority lists of `text`, in order of their first marker."""
    chains = chain_markers(find_markers(text, sentence_starts), max_gap=max_gap,
                           min_items=min_items)
    out = []
    for chain in chains:
        out.append(Enumeration(markers=chain, items=item_spans(text, chain),
                               announced=announced_count(text, chain[0].start)))
    return out


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
            rows.append({"speech_id": speech_id, "list_id": list_id, "announced": enum.announced,
                         "rank": rank, "marker": mk.text, "text": text[s:e], "start_char": s,
                         "end_char": e, "themes": "; ".join(themes), "n_items": enum.n_items,
                         "count_mismatch": mismatch})
    return rows
