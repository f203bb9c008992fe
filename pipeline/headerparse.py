"""Speaker metadata from a statement's header: who speaks, in what office, who read it,
at what event, where and when.

`parse_header` reads the header blocks that `header.split_header` cut off. Each line
is read by what it is (`header.line_kind`): a dateline gives the date and the place; a
press release's introducing sentence ("Following are UN Deputy Secretary-General Amina
Mohammed's remarks ... at the launch of ..., in Nairobi today:") gives the speaker, the
event and the place; a title gives the kind of remarks, the author's office when it is
written in the possessive ("Secretary-General's message to ...") and the event; a
"[Delivered by ...]" line or a name line with another office names the reader. People
are found by the patterns headers use (an honorific and a name, "Name, Office", an
office followed by a name) and by the project's statistical entity recogniser, and
given in the officeholder table's form when it lists them. An office named without a
person is resolved to its holder on the date (a President of the General Assembly by
the session). Places are checked against a gazetteer (`places`). Nothing is guessed
from outside the header but the officeholder of a role on a date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline import config, places
from pipeline.header import (
    DELIVERED_AT,
    DELIVERED_BY,
    FUNCTION_WORDS,
    OCCASION_LABEL,
    REPORT_OF,
    SIGNED_HEADLINE,
    Kind,
    addresses_before_salutation,
    find_date,
    is_caps,
    is_furniture,
    is_salutation,
    leads,
    line_kind,
    press_dateline,
    says_who_or_when,
)
from pipeline.officeholders import (
    Role,
    RoleMention,
    context_role,
    find_roles,
    holds,
    known_person,
    load_roles,
    resolve_role,
    resolve_session,
)

# Where the speaker's name came from (the speeches table's `speaker_source`).
FROM_HEADER = "header"
FROM_ROLE = "role and date"
FROM_PRESS = "press-release sentence"
FROM_SIGNATURE = "signature"
FROM_METADATA = "metadata.csv"

# A recogniser: texts -> per text, its (start, end, label) entity spans.
Recogniser = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]

HONORIFIC = (r"(?:H\.\s?E\.|His\s+Excellency|Her\s+Excellency|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|Dr\.?|Ambassador|Amb\.|"
             r"Professor|Prof\.|Sir|Dame|Judge|Justice|Sheikha?|Prince(?:ss)?|(?:His|Her)\s+Royal\s+Highness|"
             r"Madam|Madame|Monsieur|Senator|Minister|(?:The\s+)?(?:Rt\.?\s+|Right\s+)?(?:Hon\.?|Honou?rable))")
_HONORIFICS = re.compile(rf"^(?:{HONORIFIC}\s+)+", re.I)
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|al|el|bin|ibn|bint|la|le|du|dos|das|y|d['’])"
_NAME_WORD = rf"(?:[A-ZÀ-ÞĀ-Ž][\w'’‘ʻ.\-\u2010\u2011]*|{_PARTICLE}(?=\s))"  # "Katoa‘Utoikamanu": an okina
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}")
_POSSESSIVE = re.compile(r"(?:['’][sS]|['’])$")  # "DICARLO'S" in a title in capitals
_KIND = (r"(?:(?:opening|closing|welcoming|welcome|keynote|introductory|concluding|video|special|recorded|"
         r"acceptance|inaugural|farewell|"
         r"written|joint|final|policy)\s+)*(?:statement|remarks|address|speech|message|briefing|lecture|"
         r"intervention|presentation|report|keynote|greetings|op-ed|interview|"
         r"press\s+(?:encounter|conference|briefing|remarks|statement|stakeout)|stakeout|"
         r"summing[\s-]up(?:\s+of\s+the\s+(?:[\w-]+\s+){0,3}?debate)?)s?")  # "Summing-up of the Protection Debate by X"
# "Remarks for Acting Under-Secretary-General X, Name" (written for the office), "Remarks delivered on
# behalf of the Under-Secretary-General X, Name" (the author, read by another)
_BY = re.compile(rf"^(?P<kind>{_KIND})(?:\s*\[[^\]]*\])?\s+(?:delivered\s+)?(?:by|of|from|attributable\s+to|"
                 r"on\s+behalf\s+of|for(?=\s+(?:the\s+)?(?:acting|deputy|assistant|under|executive|associate|"
                 r"secretary|director|administrator|high\s+commissioner|special|president|chair|head)\b"
                 r"|\s+(?:mr|mrs|ms|dr)\.?\s))\b:?"  # "Remarks for Ms. Name, Office": prepared remarks, the speaker's
                 r"\s*(?P<who>.*)$", re.I)
_BARE_BY = re.compile(rf"^{_KIND}\s+(?:delivered\s+)?by:?$", re.I)  # "Statement by" on a line of its own
# An office of a State or of a delegation at the start of a line or byline ("President of the
# Republic of X", "Prime Minister of X", "Minister for Foreign Affairs of X", "Permanent
# Representative of X to the United Nations", "Head of Delegation").
_OFFICE_LINE = re.compile(
    r"^(?:the\s+)?(?:(?:deputy|vice|first|second|acting|interim)[\s-]+)*(?:president|prime\s+minister|minister|"
    r"foreign\s+minister|chancellor|premier|king|queen|emir|amir|sultan|crown\s+prince|head|chair(?:man|woman|person)?|"
    r"permanent\s+representative|ambassador|secretary|governor|leader|vice[\s-]president)\b"
    r"(?:[^,;:]{0,60}?\b(?:of|for|to)\b[^,;:]{0,80})?$", re.I)
_BRIEFING_KIND = re.compile(r"\b(?:briefing|report|presentation)s?$", re.I)
_KIND_START = re.compile(rf"^{_KIND}\b", re.I)
_BARE_KIND = re.compile(rf"^{_KIND}$", re.I)  # "Closing remarks", "Opening statement"
_OCCASION = re.compile(r"(?:^|[\s,;:(])(?:on the occasion of\s*|(?:at|to|during|before|on)\s+)(?:the\s+)?(?=\S)", re.I)
_EVENT_WORDS = re.compile(
    r"\b(?:dialogue|conference|summit|forum|meeting|hearings?|session|debate|consultations?|symposium|"
    r"workshop|launch|assembly|council|commission|committee|congress|retreat|seminar|roundtable|round table|"
    r"panel|event|celebration|ceremony|day|week|review|plenary|briefing|commemoration|segment|festival|"
    r"opening|closing)\b", re.I)
# Words that name an occasion (an organ's name alone, "General Assembly", is not one).
_OCCASION_WORDS = re.compile(
    r"\b(?:dialogue|conference|summit|forum|meeting|hearings?|session|debate|consultations?|symposium|"
    r"workshop|launch|retreat|seminar|roundtable|round table|panel|event|celebration|ceremony|day|week|"
    r"review|plenary|briefing|commemoration|segment|festival|opening|closing|exhibition|award)\b", re.I)
# How headers put an occasion inside a larger one: "opening session of", "event marking".
_EVENT_PREFIX = re.compile(
    r"^(?:(?:the\s+)?(?:(?:official|virtual|formal)\s+)?(?:opening|closing|inaugural|high[\s-]level|plenary|general|final|"
    r"ministerial|special)\s+(?:session|segment|ceremony|meeting|part|plenary)?\s*(?:of|at)\s+(?:the\s+)?"
    r"|(?:an?\s+|the\s+)?(?:event|ceremony|meeting|celebration|reception|gathering)\s+"
    r"(?:marking|to mark|celebrating|commemorating|on the occasion of)\s+(?:the\s+)?"
    r"|(?:an?\s+|the\s+)?(?:[\w-]+\s+)?event\s+(?:on\s+|entitled\s+|titled\s+|called\s+)?(?=(?-i:[A-Z])\S*\s+\S+\s+\S)"
    r"|(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}on\s+the\s+occasion\s+of\s+(?:the\s+)?(?=\S+\s+\S))",
    re.I)  # "the event Promoting Fair Recruitment for All", "high-level event on Women in Motion", "a panel on the
    # occasion of X", "General Assembly on the occasion of the opening of ..." (what follows names the occasion)
_GENERIC_SESSION = re.compile(r"^(?:the\s+)?(?:\d+\w*|[a-z]+(?:-[a-z]+)?)\s+session(?:\s+of\s+the\s+general\s+assembly)?$",
                              re.I)
_GENERIC_PART = re.compile(r"^(?:[\w-]+\s+){0,2}(?:segment|session|part|meeting|ceremony)$", re.I)
_NOT_NAME = re.compile(r"\b(?:secretary|general|president|director|commissioner|representative|assembly|"
                       r"council|nations|session|united|statement|remarks|message|speech|address|office|"
                       r"department|division|migration|development|forum|conference|report|high|deputy|agenda|"
                       r"item)\b", re.I)
_OFFICE_WORD = re.compile(r"(?:deputy|assistant|acting|associate|executive|under|director|high|commissioner|"
                          r"secretary|president|representative|special|chief|head|chair\w*|coordinator|envoy|"
                          r"advis[eo]r|minister|administrator)\b", re.I)
_ICONS = re.compile(r"(?:\s+(?:PDF|Print|E-?mail|Share|Tweet)){2,}\s*$")  # a title glued to "PDF Print E-mail" icons
_SKIP_LINK = re.compile(r"\s+skip to (?:main )?content\s*$", re.I)  # a page title glued to the skip link
_NOTES = re.compile(r"\s*(?:\[[^\]]*\]|\((?:as delivered|as prepared[^)]*|(?:please\s+)?check against delivery|"
                    r"scroll (?:down|up)[^)]*|(?:see|read) (?:below|more)[^)]*|click [^)]*)\)|"
                    r"[–—-]\s*as delivered\s*[–—-]?)\s*", re.I)
_INTRO = re.compile(
    r"^(?:the\s+)?following\s+(?:is|are|was|were)\s+(?:(?:the|an?)\s+(?:(?:full|partial|unofficial)\s+)?(?:text|transcript)\s+of\s+)?"
    r"(?P<who>.+?)['’](?:s)?\s+"
    rf"(?:(?-i:[a-z][a-z-]+)\s+)?(?P<kind>{_KIND})(?P<rest>.*?):?\s*$", re.I)  # "X's virtual remarks"
# "This is the text of a message from Secretary-General X on the observance of 18 December as Y:"
_TEXT_OF = re.compile(rf"^this\s+is\s+the\s+(?:full\s+)?text\s+of\s+(?:a|an|the)\s+(?P<kind>{_KIND})\s+(?:from|by)\s+"
                      r"(?P<who>.+?)(?P<rest>(?:,?\s+(?:on|at|to|for|during|before|delivered|read)\b.*?)?):?\s*$", re.I)
# "Following is the text of the message of Secretary-General X to the ...", "Following is the message by X to ...",
# "Following are the remarks made by X, at ..." (an old release may open with its date and "ADVANCE TEXT").
_INTRO_OF = re.compile(r"^(?:\d{8}\s+)?(?:advance\s+text\s+)?(?:the\s+)?following\s+(?:is|are|was|were)\s+"
                       rf"(?:the\s+(?:full\s+)?(?:text|transcript)\s+of\s+)?(?:the|a|an)\s+(?P<kind>{_KIND})\s+"
                       r"(?:(?:made|given)\s+)?(?:by|of|from)\s+(?P<who>.+?)(?P<rest>(?:,?\s+(?:on|at|to|for|during|before|delivered|read|as)\b.*?)?)"
                       r":?\s*$", re.I)
_OBSERVANCE = re.compile(r"\b(?:the\s+)?observance\s+of\s+[^,:]{1,40}?\s+as\s+", re.I)  # "of 18 December as Y"
_ISSUED_BY = re.compile(r"^(?:the\s+)?following\s+statement\s+was\s+issued\s+.*?\bby\s+(?:the\s+)?"
                        r"(?:spokes\w+\s+for\s+)?(?P<who>.+?):?\s*$", re.I)
_DELIVERED_BY = re.compile(rf"\b{DELIVERED_BY}\s*", re.I)
# "delivered today in Jakarta by X", "delivered on his behalf in Ulaanbaatar by X": the reader's city is the place.
_DELIVERED_IN = re.compile(r"\b(?:as\s+)?(?:delivered|read(?:\s+out)?|presented)\s+(?:(?:today|yesterday)\s+)?"
                           r"(?:on\s+(?:his|her|their)\s+behalf\s+)?in\s+(?P<place>[A-ZÀ-Þ][\w'’.\-]*"
                           r"(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,2})\s+by\b:?\s*")
_INTRO_PLACE = re.compile(r"\bin\s+(?P<place>[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,3})"
                          r"(?:,\s*[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,2})?"
                          r"(?=,?\s+(?:today|yesterday|tonight|this\s|on\s|from\s)|\s*[,:]?\s*$)")
_INTRO_TAIL = re.compile(r"(?:,?\s*(?:(?:held\s+)?in\s+[A-ZÀ-Þ][\w'’.\- ]*?)?,?\s*(?:today|yesterday|tonight|this \w+|"
                         r"on \d{1,2}\s+\w+|on \w+ \d{1,2})?(?:,\s*\d{1,2}\s+\w+)?"
                         r"|,?\s*(?:today|yesterday|tonight)\s+in\s+[A-ZÀ-Þ][\w'’.\- ]*?)\s*[,:]?\s*$")  # "today in Geneva:"
_FOR = re.compile(r"\s*for\s+(?:the\s+)?(?=\S)", re.I)
_OBSERVED = re.compile(r",?\s*(?:(?:to be|which is|which will be)\s+)?(?:observed|celebrated|commemorated|marked)\s+"
                       r"(?:on|each|every)\b.*$", re.I)
# A line or byline that is an office not in the officeholder table ("Deputy High
# Commissioner for Human Rights", "Assistant High Commissioner for Protection").
_OFFICE = re.compile(
    r"^(?:the\s+)?(?:(?:deputy|assistant|acting|associate|executive|under|resident)[\s-]+)*(?:secretary[\s-]+general|"
    r"high\s+commissioner|commissioner[\s-]+general|director[\s-]+general|director|president|chair(?:person|man|woman)?|"
    r"special\s+(?:representative|rapporteur|envoy|adviser)|envoy|coordinator|head|chief|administrator|"
    r"executive\s+secretary)"
    r"(?:\s+(?:for|of|on|to|in)\s+[^,;:]{1,120})?$", re.I)
_AS_PREPARED = re.compile(r",?\s*as (?:prepared for delivery|delivered|prepared)(?!\s+by\b)\s*,?", re.I)


@dataclass
class Header:
    """Metadata read from a speech's header block (None where the header does not say)."""

    title: str | None = None
    subtitle: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    event: str | None = None
    date: str | None = None
    place: str | None = None
    venue: str | None = None
    speaker_from_role: bool = False
    speaker_source: str | None = None
    delivered_by: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class Person:
    """A person a header line names, with the office written with the name."""

    name: str
    role: RoleMention | None = None
    role_text: str | None = None
    reader: bool = False
    source: str = FROM_HEADER
    end: int = 0  # where the name and its office end in the text read


@dataclass
class _Reading:
    """What the lines said so far."""

    people: list[Person] = field(default_factory=list)
    author_roles: list[RoleMention] = field(default_factory=list)
    other_roles: list[RoleMention] = field(default_factory=list)
    # offices named by a "Briefing by" or "Report of" line: the page may be titled by the briefing
    # another statement answers ("Briefing by the Secretary-General on the Report ..." over
    # "Statement by H.E. Mr. X, President of the General Assembly, at ...")
    briefing_roles: list[RoleMention] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    line_events: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    press_place: str | None = None
    titles: list[str] = field(default_factory=list)
    plain_titles: list[str] = field(default_factory=list)
    dates: list[tuple[int, int, str]] = field(default_factory=list)  # (score, -order, ISO date)
    venue: str | None = None
    reader_next: bool = False
    label: bool = False  # the last line was a label such as "Date Publish:"
    symbol: bool = False  # a press release's symbol ("SC/12543"): its headline is no occasion
    offices: list[str] = field(default_factory=list)  # offices the table does not list

    def add_date(self, date: str | None, *, place: bool, published: bool = False, symbol: bool = False) -> None:
        """A date candidate. The statement's own dateline (with a place, after its title or
        speaker) beats the page's publication date and a release's date beside its symbol."""
        if date:
            score = 2 * place + bool(self.titles or self.people) - 3 * published - symbol
            self.dates.append((score, -len(self.dates), date))


# ------------------------------------------------------------------ text helpers

@functools.lru_cache(maxsize=2)
def known_names(path=config.GAZETTEER_PATH) -> tuple[str, ...]:
    """Proper names used to re-case ALL-CAPS headers: gazetteer names and aliases."""
    names: list[str] = ["United Nations", "General Assembly", "Security Council", "Member States"]
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError:
        data = {}
    for entry in data.get("entities", []):
        names.append(entry["name"])
        names.extend(a for a in entry.get("aliases", []) if not a.isupper())
    names.extend(places.country_names())  # "PRESIDENT OF THE REPUBLIC OF GHANA"
    return tuple(dict.fromkeys(names))


def recase(text: str, known: tuple[str, ...] = ()) -> str:
    """An ALL-CAPS header line in readable case: a known name's own case, else sentence
    case keeping known names and acronyms. Text that is not in capitals is unchanged."""
    if not is_caps(text) or all(len(w) <= 5 for w in re.findall(r"[^\W\d_]+", text)) and len(text.split()) <= 3:
        return text  # an acronym ("IMD 2022", "COP28") stays as written
    for name in known:
        if name.lower() == text.lower():
            return name
    out = text.lower()
    out = out[:1].upper() + out[1:]
    for name in sorted(known, key=len, reverse=True):
        if len(name) > 3 and any(c.isupper() for c in name[1:] + name[:1]):
            out = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, out)
    return out


def _name_case(name: str) -> str:
    """A name written in capitals in name case ("SRGJAN KERIM" -> "Srgjan Kerim")."""
    if not is_caps(name):
        return name
    words = []
    for w in name.split():
        low = w.lower()
        if re.fullmatch(_PARTICLE, low) and words:
            words.append(low)
        else:
            words.append(re.sub(r"(^|[-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), low))
    return " ".join(words)


def _clean(text: str) -> str:
    text = _NOTES.sub(" ", _ICONS.sub("", _SKIP_LINK.sub("", text)))
    return re.sub(r"\s+", " ", text).strip(" ,;:.-–—")


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the\s+occasion\s+of\s+(?:the\s+)?|the\s+)", "", text.strip(), flags=re.I)


# A full stop that ends a sentence, not an abbreviation ("Mr.", "H.E.", "Hon.", in any case).
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?i:(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bH\.E)(?<!\bSt)(?<!\bNo)"
                             r"(?<!\bProf)(?<!\bAmb)(?<!\bHon)(?<!\bRt))\.\s+(?=[A-ZÀ-Þ\d])")


_SEMICOLON_BYLINE = re.compile(rf";\s+(?=(?i:{_KIND})\s+(?:by|of|from)\s)")


def _sentences(item: str) -> list[str]:
    """A one-line header's sentences ("Opening statement at ... . Filippo Grandi, United
    Nations High Commissioner for Refugees. Geneva, 3 October 2016")."""
    parts = [q for p in _SENTENCE_BREAK.split(item) for q in _SEMICOLON_BYLINE.split(p)]  # "X; Statement by Y"
    return [p.strip() for p in parts if p.strip()]


# ------------------------------------------------------------------ items

def _starts_element(line: str) -> bool:
    """A capitals line that starts a new header element rather than continuing the last."""
    roles = find_roles(line)
    return bool(_HONORIFICS.match(line) or (roles and leads(line, roles[0])) or find_date(line)[0]
                or places.is_place_line(line) or re.match(r"^(?:at|to|on the occasion of|during|before)\s",
                                                          line, re.I))


def _wrapped(prev: str, line: str) -> bool:
    if _BARE_BY.match(prev) and not is_salutation(line):
        return True  # "Statement by" / "His Excellency Mr. X"
    if is_salutation(line) or is_salutation(prev) or line_kind(line) in (Kind.DATE, Kind.NOTE, Kind.DELIVERED) \
            or line_kind(prev) in (Kind.NOTE, Kind.SYMBOL):
        return False
    if re.search(r"\b(?:of|on|for|and|the|to|at|in|with|from|a|an)$|[-–,]$", prev, re.I) or line[:1].islower():
        return True
    return is_caps(prev) and is_caps(line) and not _starts_element(line) and not _KIND_START.match(line)


def _office_under_name(prev: str, line: str) -> bool:
    """A line that is an office ("President of the Republic of Ghana", "Minister for Foreign
    Affairs of X") under a line that ends with an honorific and a name ("Statement by H.E.
    Mr. X" / "His Excellency Mr. X"): one byline, "name, office"."""
    by = _BY.match(prev)
    who = by.group("who") if by else prev
    hon = _HONORIFICS.match(who)
    if not hon and not by and _OFFICE.match(line) and _bare_name_line(prev):
        return len(line.split()) <= 25 and not find_date(line)[0]  # "Kiyo Akasaka" / "Under-Secretary-General for X"
    return bool(hon and _NAME.fullmatch(who[hon.end():].strip()) and (_OFFICE_LINE.match(line) or _OFFICE.match(line))
                and len(line.split()) <= 25 and not find_date(line)[0])


def _bare_name_line(line: str) -> bool:
    """A line that is only a person's name (two to four capitalised words, no office, occasion, venue
    or organisation word): over a UN office's line, the byline's name."""
    words = line.split()
    return 2 <= len(words) <= 4 and bool(_NAME.fullmatch(line)) and all(w[:1].isupper() for w in words) \
        and not find_roles(line) and not _OCCASION_WORDS.search(line) and not places.VENUE_WORDS.search(line) \
        and not _ORGANISATION.search(line) and not _NOT_NAME.search(line) and not places.is_place_line(line)


def _org_under_office(prev: str, line: str) -> bool:
    """An organisation's name ("United Nations Economic Commission for Europe") under a byline
    that ends with an office ("Statement by Mr. X" / "Executive Secretary"): the office's."""
    office = prev.rsplit(",", 1)[-1].strip()
    words = line.split()
    return "," in prev and bool(_OFFICE.match(office) or _OFFICE_LINE.match(office)) and len(words) <= 10 \
        and bool(_ORGANISATION.search(line)) and not find_roles(line) and not _OCCASION_WORDS.search(line) \
        and all(w[:1].isupper() or w.lower() in FUNCTION_WORDS for w in words) and not find_date(line)[0]


def header_items(blocks: list[list[str]]) -> list[str]:
    """The header's items: wrapped lines re-joined, a name line and the office under it
    made one byline, items of one block kept apart."""
    items: list[str] = []
    for block in blocks:
        if len(block) > 1 and is_salutation(" ".join(block)):
            items.append(" ".join(block))  # a salutation wrapped over lines ("Distinguished Minister of X,\nMr. Y;")
            continue
        for i, line in enumerate(block):
            if i and _wrapped(items[-1], line):
                items[-1] = f"{items[-1]}{line}" if items[-1].endswith("-") and line[:1].isupper() \
                    and is_caps(items[-1]) else f"{items[-1]} {line}"
            elif i and (_office_under_name(items[-1], line) or _org_under_office(items[-1], line)):
                bare = _bare_name_line(items[-1])
                items[-1] = f"{items[-1]}, {line}"
                if bare:
                    items.append(line)  # (the office alone too: a name no recogniser knows still leaves its office)
            else:
                items.append(line)
    return list(dict.fromkeys(i for i in items if i.strip(" -–—*")))


# ------------------------------------------------------------------ people

def model_recogniser() -> Recogniser:
    """The project's statistical entity recogniser (the spaCy model), loaded on first use."""

    def recognise(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        from pipeline.nlp import load_model

        nlp = load_model()
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]

    return recognise


_PART_BEFORE_HONORIFIC = re.compile(rf"(?:moderator|chair(?:person|man|woman)?|facilitator|panell?ist|keynote\s+speaker)"
                                    rf"\s+(?=(?:{HONORIFIC})\s)", re.I)


# A rank written before the office it goes with: "Name, Under-Secretary-General of the United Nations &
# Executive Secretary of X" (the office is X's); a rank alone after a name the table lists names no office.
_RANK = r"(?:(?:UN|United\s+Nations)\s+)?(?:Under|Assistant)[\s\-\u2010\u2011]*Secretary[\s\-\u2010\u2011]*General"
_RANK_BEFORE_OFFICE = re.compile(rf"^{_RANK}(?:\s+of\s+the\s+United\s+Nations)?\s*(?:and|&|,)\s*", re.I)
_BARE_RANK = re.compile(rf"^{_RANK}\b(?!\s+(?:of|for|on|and|to)\b)", re.I)


def _name_after(text: str, start: int) -> tuple[str, int] | None:
    """The name (honorifics skipped) that starts at `start` in `text`, and where it ends."""
    rest = text[start:]
    lead = len(rest) - len(rest.lstrip(" ,"))
    rest = rest.lstrip(" ,")
    the = re.match(r"the\s+(?=(?:[A-Z]{2,7}\s+)?" + _OFFICE_WORD.pattern + ")", rest, re.I)
    # a part in the meeting before the honorific is no part of the name: "Remarks by Moderator Ms. Name"
    part = None if the else _PART_BEFORE_HONORIFIC.match(rest)
    base = the.end() if the else part.end() if part else 0  # "the UNODC Executive Director Name"
    hon = _HONORIFICS.match(rest[base:])
    offset = base + (hon.end() if hon else 0)
    m = _NAME.match(rest, offset)
    if not m:
        return None
    spans = [(w.start(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
    words = [w for _, w in spans]
    office = next((i for i, w in enumerate(words) if _OFFICE_WORD.match(w)), len(words))
    run = office
    while run < len(words) and _OFFICE_WORD.match(words[run]):
        run += 1
    while run < len(words) and _HONORIFICS.fullmatch(words[run] + " "):
        run += 1  # "UNFPA Executive Director Dr. Jane Doe"
    if office < len(words) and len(words) - run >= 2 and (office == 0 or (
            re.fullmatch(r"[A-Z]{2,7}", words[0]) and not is_caps(m.group(0)))):  # in capitals every word looks so
        offset += spans[run][0]  # "UN Women Executive Director Jane Doe": the office, then the name
        words = words[run:]
    else:
        words = words[:office]  # "Nada Al-Nashif Deputy High Commissioner": the office is no part of the name
        while len(words) > 2 and office < len(spans) and re.fullmatch(r"[A-Z]{2,7}", words[-1]) \
                and not is_caps(m.group(0)):
            words.pop()  # "Abdoulie Janneh UN Under-Secretary-General": the initials are the office's
    while words and (re.fullmatch(_PARTICLE, words[-1], re.I) or not words[-1][:1].isupper()):
        words.pop()
    name = " ".join(words)
    roles = find_roles(name)
    if roles:
        name = name[:roles[0].start].strip()
    name = _POSSESSIVE.sub("", name).strip(" ,.")
    if not name:
        return None
    return name, start + lead + offset + len(name)


def _is_person(name: str, ner_people: list[str], *, strong: bool) -> str | None:
    """`name` as a person's canonical (or re-cased) name, or None when it is no person."""
    known = known_person(name)
    if known:
        return known
    if len(name.split()) < 2 or _NOT_NAME.search(name) or _OCCASION_WORDS.search(name) or places.city(name) \
            or places.is_country(name) or _HEADLINE_VERB.match(name):  # "Expresses Deep Concern": a headline's verb
        return None
    cased = _name_case(name)
    if strong or any(cased in p or p in cased for p in ner_people if len(p.split()) >= 2 or p == cased):
        return cased
    return None


def _role_text(text: str) -> str | None:
    """An office written after a name ("Chef de Cabinet", "Assistant Secretary-General for ...")."""
    text = _clean(re.split(r"\s[–—-]\s", re.split(_ROLE_END, text, maxsplit=1)[0], maxsplit=1)[0]) if text else ""
    text = _strip_the(text) if re.match(r"the\s+\w", text, re.I) and _office_as_written(text) \
        else text  # "the UN Resident Coordinator in X"
    return text or None


def _person_and_role(who: str, ner_people: list[str], *, strong: bool) -> Person | None:
    """A person from "[honorific] Name[, Office]", "Office, [honorific] Name" or "Office Name"."""
    who = _clean(who)
    roles = find_roles(who)
    lead_role = roles[0] if roles and leads(who, roles[0]) else None
    start = lead_role.end if lead_role else 0
    lead_office = None
    if lead_role is None:  # "the Prime Minister of X, Hon. Name, to the ..."
        head, _, rest = who.partition(",")
        if rest and _OFFICE_LINE.match(head.strip()) and _HONORIFICS.match(rest.lstrip()):
            lead_office, start = _strip_the(head.strip()), len(head) + 1
    found = _name_after(who, start)
    if found and not lead_role and not lead_office and _is_person(found[0], ner_people, strong=True) is None:
        found = None  # "the UNODC Executive Director, Name": the initials are no name
    parts = who.split(",")
    head = parts[0]
    office_first = None
    if found is None and not lead_role and len(parts) > 1 and len(head.split()) <= 16 and (
            _OFFICE_WORD.match(head) or _office_as_written(head.strip())):
        found = _name_after(who, len(head) + 1)  # "Executive Director of X, Name", "the UNODC Executive Director, Name"
        if (found is None or _is_person(found[0], ner_people, strong=True) is None) and len(parts) > 2 \
                and _ORGANISATION.search(parts[1]):  # "Executive Director, UN Office on Drugs and Crime, Name"
            head = head + "," + parts[1]
            found = _name_after(who, len(head) + 1)
        office_first = _strip_the(head.strip()) if found else None
    if found is None:
        return None
    name, end = found
    prefix = who[start:end - len(name)].strip(" ,")
    if office_first is None and not lead_role and _OFFICE_WORD.search(prefix):
        office_first = _strip_the(re.sub(rf"(?:\s+{HONORIFIC})+$", "", _HONORIFICS.sub("", prefix).strip(" ,"),
                                         flags=re.I)) or None
        # ("UN Women Executive Director Name", "UNFPA Executive Director Dr. Name")
    byline = (office_first is not None and "," in prefix or lead_role is not None and "," in who[start:end - len(name)]) \
        and not who[end:].strip(" :")  # "Office, Org, Name:"
    person = _is_person(name, ner_people, strong=strong or byline or bool(_HONORIFICS.match(who[start:].lstrip(" ,"))))
    if person is None:
        return None
    after = [r for r in roles if r.start >= end]
    role = lead_role or (after[0] if after and _RANK_BEFORE_OFFICE.sub("", who[end:after[0].start].strip(" ,(")).casefold()
                         in ("", "the", "former")
                         and not who[after[0].end:].startswith("'s") else None)  # "Name (General Assembly President)"
    # ("Name, Former Secretary-General": an archived page's byline names the office then held)
    tail = who[end:].lstrip(" ,")
    role_text = None if role else lead_office or office_first or (
        _role_text(tail) if tail and not _OCCASION.match(" " + tail) else None)
    if role is not None and role.generic:  # a shared title ("ILO Director-General"): as written, if no context tells
        role_text = _clean(_HONORIFICS.sub("", who[:role.end])) if role is lead_role else _role_text(tail)
    occasion = _OCCASION.search(who, end)
    until = max(end, role.end) if role else (occasion.start() if occasion else len(who)) if role_text else end
    return Person(person, role, role_text, end=until)


def _ner_people(item: str, spans: list[tuple[int, int, str]]) -> list[str]:
    return [_name_case(_POSSESSIVE.sub("", item[s:e]).strip()) for s, e, label in spans if label == "PERSON"]


# ------------------------------------------------------------------ events

def _event_after(text: str, start: int = 0, *, after_kind: bool = False, adjacent: bool = False) -> str | None:
    """The occasion named after "at", "to", "on the occasion of" ... from `start` on (or
    after "for" right after the kind of remarks: "message for World Refugee Day"); with
    `adjacent`, only right there (a byline followed by the page's topic names no occasion)."""
    m = (_FOR.match(text, start) if after_kind else None) or _OCCASION.search(text, start)
    if not m or (adjacent and text[start:m.start()].strip(" ,;")):
        return None
    event = _OBSERVED.sub("", _clean(text[m.end():]))
    if re.search(r"\btoday\b|\bin [A-Z]", event):
        trimmed = _INTRO_TAIL.sub("", event)
        removed = event[len(trimmed):]
        where = re.search(r"\bin\s+(?P<place>[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:of\s+)?[A-ZÀ-Þ][\w'’.\-]*){0,3})", removed)
        if not where or re.search(r"\b(?:today|yesterday|tonight|this)\b", removed) \
                or places.city(where["place"]) or places.is_country(where["place"]):
            event = trimmed  # "... in Nairobi today", not "World Day against Trafficking in Persons"
    event = _past_audience(_strip_the(_clean(event)))
    if event and re.fullmatch(r"\W*on\s+(?:the\s+)?", m.group(0), re.I) and not _OCCASION_WORDS.search(event):
        return None  # "Statement by X on the situation in Y": a topic, no occasion
    return event if event and (len(event.split()) >= 2 or _EVENT_WORDS.search(event)) else None


# Who remarks are addressed to when that is no occasion: "remarks to the press following X",
# "Briefing to Member State Permanent Missions".
_AUDIENCE = re.compile(r"^(?:the\s+)?(?:(?:member\s+states?|permanent\s+(?:missions?|representatives?)|delegates|"
                       r"delegations|diplomatic\s+corps|press|media|journalists|reporters|students|staff|donors|"
                       r"parliamentarians)(?:\s+and\s+|\s+|$))+", re.I)
_AFTER_AUDIENCE = re.compile(r"(?:following|after|at|on the margins of|during)\s+(?:the\s+)?(?=\S)", re.I)


def _past_audience(event: str) -> str | None:
    """The occasion after an audience ("press following X" -> X); None for an audience alone."""
    m = _AUDIENCE.match(event)
    after = _AFTER_AUDIENCE.match(event, m.end()) if m else None
    if m is None or (m.end() < len(event) and after is None):
        return event  # "press launch of new estimates": the audience word starts an occasion's name
    return event[after.end():] if after else None


def _bare_occasion(text: str) -> str | None:
    """An occasion named right after the kind of remarks with no "at" or "to" ("High
    Commissioner's Closing Remarks 72nd Session of the Executive Committee")."""
    text = _clean(text).strip(" ,:;–—-")
    return text if (text[:1].isupper() or text[:1].isdigit()) and _EVENT_WORDS.search(text) else None


def _trailing_place(text: str) -> tuple[str, str | None]:
    """`text` less a place at its end ("... and Development Brussels", "... of ECA Addis Ababa, Ethiopia"),
    and that place."""
    country = re.search(r",\s*(?P<country>[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,2})\s*,?$", text)
    words = (text[:country.start()] if country and places.is_country(country["country"]) else text).rstrip(" ,").split()
    for n in (3, 2, 1):
        if len(words) >= n:
            found = places.city(" ".join(words[-n:]))
            if found:
                return " ".join(words[:-n]), found
    return text, None


# ------------------------------------------------------------------ reading lines

_PUBLISHED = re.compile(r"\b(?:publish\w*|posted|updated|released?|issued|printed)\b", re.I)


def _read_dateline(item: str, reading: _Reading, *, symbol: bool = False) -> None:
    date, span = find_date(item)
    rest = (item[:span[0]] + " , " + item[span[1]:]) if span else item
    place = places.place_in(rest)
    reading.add_date(date, place=bool(place), published=bool(_PUBLISHED.search(item)) or reading.label,
                     symbol=symbol)
    if place:
        reading.places.append(place)
    venues = [p.strip(" .") for p in re.split(r"\s*,\s*", rest) if places.VENUE_WORDS.search(p)]
    if venues and not reading.venue:
        reading.venue = ", ".join(venues)
    named = _clean(re.sub(r"[|]", " ", (item[:span[0]] + " " + item[span[1]:]) if span else ""))
    if named and not place and not venues and _OCCASION_WORDS.search(named) and len(named.split()) <= 8 \
            and not _SESSION_LABEL.match(named):
        kind_colon = _KIND_COLON.match(named)  # "WFP Statement: World Refugee Day - 18 June 2015"
        reading.line_events.append(kind_colon["rest"] if kind_colon else named)  # "International Migrants Day - 18 December 2015"


def _read_intro(item: str, reading: _Reading, ner: list[str]) -> None:
    """ "Following are UN Deputy Secretary-General Amina Mohammed's remarks, as prepared
    for delivery, at the launch of ..., in Nairobi today:" """
    city, written, item = press_dateline(item)  # "NEW YORK, 15 December (UN Headquarters) -- Following is ..."
    if city:
        reading.press_place = city
        date, _ = find_date(written) if re.search(r"\d{4}", written) else (None, None)
        reading.add_date(date, place=True)
    issued = _ISSUED_BY.match(item)
    m = _INTRO.match(item) or _TEXT_OF.match(item) or _INTRO_OF.match(item)
    if not m and not issued:
        return
    who = (m or issued).group("who")
    rest = m.group("rest") if m else ""
    author = _person_and_role(who, ner, strong=True)
    roles = find_roles(who)
    if author is not None:
        author.source = FROM_PRESS
        reading.people.insert(0, author)
    elif roles:
        reading.author_roles.insert(0, roles[0])
    rest = _OBSERVANCE.sub("", _AS_PREPARED.sub(",", rest))
    delivered = _DELIVERED_BY.search(rest) or _DELIVERED_IN.search(rest)
    if delivered and "place" in delivered.groupdict() and places.city(delivered["place"]):
        reading.press_place = places.city(delivered["place"])  # where the reader delivered it, not the release's city
        city = None
    if delivered:
        clause = re.split(r",\s*(?=(?:at|to|on|in|during|before)\s)", rest[delivered.end():], maxsplit=1)
        reader = _person_and_role(clause[0], ner, strong=True)
        if reader is not None:
            reader.reader = True
            reader.source = FROM_PRESS
            reading.people.append(reader)
        rest = rest[:delivered.start()] + ", " + (clause[1] if len(clause) > 1 else "")
    place = next((p for p in _INTRO_PLACE.finditer(rest) if places.city(p["place"])), None)  # not "in X Affairs on"
    if place:  # where the remarks were made ("today in Geneva"), not where the release was issued
        reading.press_place = places.city(place.group("place"))
    event = _event_after(" " + rest.strip(" ,"), after_kind=True)
    if event:
        reading.events.insert(0, event)


# A numbered assembly is a meeting ("133rd Assembly of the Inter-Parliamentary Union", "Seventy-second World
# Health Assembly"); an organ's name alone ("General Assembly") is none.
_NUMBERED_ASSEMBLY = re.compile(r"\b(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-z]+-?(?:first|second|third|th))\s+"
                                r"(?:[A-Z][\w-]*\s+){0,3}Assembly\b")
# A meeting-coverage release's labels for the session and the meeting ("Seventy-third Session",
# "Sixty-seventh General Assembly", "2018 Session,", "32nd & 33rd Meetings (AM & PM)", "7783rd Meeting* (PM)"):
# they number a sitting of an organ and name no occasion.
_ONE_LABEL = (r"(?:the\s+)?(?:(?:\d{4}|\d{1,3}(?:st|nd|rd|th)|[A-Za-z]+(?:-[a-z]+)?)\s+"
              r"(?:(?:regular|resumed|substantive|special)\s+)?(?:session|general\s+assembly)"
              r"|\d+(?:st|nd|rd|th)(?:\s*(?:&|and|,|-|–)\s*\d+(?:st|nd|rd|th))*\s+meetings?)"
              r"\**\s*(?:\([A-Z ,&.]{2,20}\))?")
_SESSION_LABEL = re.compile(rf"^{_ONE_LABEL}(?:[\s,;]+{_ONE_LABEL})*[\s,.*]*$", re.I)  # also "2016 Session, 33rd Meeting"
_FOR_OCCASION = re.compile(r"\s+(?:for|at|to|on the occasion of)\s+(?:the\s+)?[A-Z0-9]")
# Where an office written after a name ends: an occasion ("at", "to the", "during"), not "on" ("Special
# Rapporteur on the human rights of migrants").
_ROLE_END = re.compile(r"(?:^|[\s,;:(])(?:on the occasion of\s*|(?:at|to|during|before)\s+)(?:the\s+)?(?=\S)"
                       r"|,\s*on\s+(?:the\s+)?(?=(?-i:[A-Z]))", re.I)  # (", on World Refugee Day": no "Rapporteur on")
_IN_PLACE = re.compile(r"(?:,|\s+in)\s+(?P<place>[A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,2})"
                       r"(?:,\s*(?P<country>[A-ZÀ-Þ][\w'’.\- ]*))?\s*$")  # "... in Geneva", "..., Bangkok, Thailand"
# A press release's headline: a reporting verb in capitals ("..., Secretary-General Urges ...").
# A news summary of remarks: "X, Office, stressed ..., in a speech at the Y in Z."
_IN_A_SPEECH = re.compile(r"\bin\s+(?:a|an|his|her|their)\s+(?:\w+\s+)?(?:speech|statement|address|remarks|message)\s+"
                          r"(?=(?:at|to|during|before)\s)", re.I)
_MESSAGE_ON = re.compile(r"\bin\s+(?:his|her|their|a|an)\s+(?:\w+\s+)?(?:message|remarks|statement|speech|address)\s+"
                         r"(?:on|for)\s+(?:the\s+)?(?P<occasion>[A-Z][^,;]{3,80})")
_HEADLINE_VERB = re.compile(r"\b(?:Urges|Says|Tells|Stresses|Warns|Appeals|Cautions|Announces|Pledges|Underlines|"
                            r"Emphasizes|Emphasises|Insists|Calls for|Calls on|Saddened|Applauds|Welcomes|Condemns|Deplores|Mourns|"
                            r"Hails|Commends|Praises|Regrets|Expresses|Told|Considered|Extends|Adopts)\b"
                            r"|(?<=[A-Z]\w)\s+(?:says|urges|warns|tells|calls\s+(?:for|on))\s"  # "..., UNICEF says children ..."
                            r"|\s[–—]\s+(?:the\s+)?(?:UN|U\.N\.|United Nations)\s+(?:\w+\s+)?[Cc]hief$")  # "... – UN Chief"
_HEADLINE_OCCASION = re.compile(r"^(?:On|At|For)\s+(?:the\s+)?(?P<occasion>[A-Z][^,]{3,80}),\s")
_OFFICE_OCCASION = re.compile(r"\s+(?=on the occasion of|(?:at|during|to) the\b)", re.I)
_NAME_COLON = re.compile(rf"^(?P<who>[^:,]{{3,60}}):\s+(?P<rest>{_KIND}\b.*)$", re.I)
_NAME_BRACKETED_OFFICE = re.compile(rf"^(?P<who>[^():,]{{3,60}}?)\s*\((?P<office>[^()]{{3,90}})\)\s+(?P<rest>{_KIND}\b.*)$",
                                    re.I)
_LABEL = re.compile(r"^(?:note\s+to\s+correspondents|media\s+advisory|press\s+release)\s*:\s+(?P<rest>\S.*)$", re.I)
# "Theme - Host": after a kind of remarks and its colon, the theme, a dash and the body or meeting that hosts it
_THEME_HOST = re.compile(r"^(?P<theme>[^–—-]{3,}?)\s+[–—-]\s+(?P<host>(?:[A-Z][\w'’.&]*\s+){0,5}(?:Foundation|Association|"
                         r"Society|Conference|Forum|Summit|Symposium|Congress|Convention|Club))$")
_KIND_COLON = re.compile(rf"^(?:(?:the\s+)?[A-Z]{{2,7}}\s+)?(?i:{_KIND})\s*:\s+(?P<rest>[A-Z0-9\"“].*)$")
_OCCASION_BY = re.compile(rf"^(?i:{_KIND})\s+(?P<occasion>(?i:to|at|for|on\s+the\s+occasion\s+of)\s.+?)\s+by\s+"
                          rf"(?P<who>(?:{HONORIFIC}\s+)?[A-ZÀ-Þ].+)$")
_OFFICE_BEFORE_OCCASION = re.compile(r"^(?:the\s+)?(?P<office>(?:[A-Z]{2,7}\s+)?(?:[A-Z][\w-]*\s+){0,3}?[A-Z][\w-]*)"
                                     r"(?=\s+(?:on\s+the\s+occasion\s+of|for\s+the|at\s+the|to\s+the)\s)", re.I)
_READ_BY = re.compile(rf"^(?P<head>{_KIND}\s.+?)\s+(?:as\s+)?(?:delivered|read(?:\s+out)?)\s+by\s+(?P<who>.+)$", re.I)
_ORGANISATION = re.compile(r"\b(?:office|organi[sz]ation|programme|fund|commission|agency|united nations|UN|"
                           r"secretariat|institute|department|bank|union|league)\b", re.I)
_CO_AUTHOR = re.compile(r",?\s+and\s+(?:[^,]{2,90},\s*){1,3}?(?=(?:on the occasion of|at|to|during|before|on)\s)", re.I)
_OCCASION_DASH_BY = re.compile(rf"^(?P<occasion>[^–—]{{3,80}}?)\s+[–—-]\s+(?P<rest>{_KIND}\s+(?:by|of|from)\s.*)$", re.I)
_ORG_INITIALS = re.compile(r"^(?:the\s+)?(?:[A-Z]{2,7}(?:-[A-Z][a-z]+)?\s+)")  # "UNODC", "UN-Habitat"


def _office_as_written(text: str) -> re.Match | None:
    """`text` read as an office (`_OFFICE`) after its body's initials, if any ("UNODC Executive
    Director", "the UN-Habitat Executive Director")."""
    return _OFFICE.match(_ORG_INITIALS.sub("", text))


# An office, a dash, then the kind of text: "Assistant High Commissioner for Protection – Statement to the X".
_OFFICE_DASH_KIND = re.compile(rf"^(?P<office>[^–—]{{3,90}}?)\s+[–—-]\s+(?P<rest>{_KIND}\b.*)$", re.I)
_OFFICE_KIND = re.compile(rf"^(?P<office>(?:[A-Z]{{2,7}}\s+)?(?:[A-Z][\w-]*\s+){{0,5}}?[A-Z][\w-]*?)(?:['’]s?)?"
                          rf"\s+(?i:{_KIND})\b")


def _office_case(office: str) -> str:
    """An office written in capitals in title case, keeping initials ("UN", "UNDP")."""
    if not is_caps(office):
        return office
    small = {"for", "of", "the", "and", "on", "to", "in"}
    return " ".join(w.lower() if w.lower() in small else w if len(w) <= 5 and w.isalpha() and w not in ("HIGH", "CHIEF")
                    else "-".join(p.capitalize() for p in w.split("-")) for w in office.split())


def _caps_office_name(who: str, ner: list[str]) -> Person | None:
    """A byline without a comma whose name is in capitals, after or before an office
    ("UN UNDER-SECRETARY-GENERAL FOR HUMANITARIAN AFFAIRS VALERIE AMOS", "JANE DOE UN Assistant
    Secretary-General"): the name is two or three words at either end beside an office."""
    words = who.split()
    for n in (2, 3):
        for name, office in ((words[-n:], words[:-n]), (words[:n], words[n:])):
            office_text = " ".join(office)
            if len(office) >= 2 and is_caps(" ".join(name)) and not _NOT_NAME.search(" ".join(name)) \
                    and _OFFICE.match(_ORG_INITIALS.sub("", office_text).split(" and ")[0]):  # "... and UNDP X Bureau"
                return _person_and_role(f"{_name_case(' '.join(name))}, {_office_case(office_text)}", ner, strong=True)
    return None


def _read_title(item: str, reading: _Reading, ner: list[str], header: Header) -> None:
    """A title or name line: the author's office, a person, the event, the title."""
    item_clean = REPORT_OF.sub("", _clean(item))
    in_place = _IN_PLACE.search(item_clean)  # "Briefing to ... in Geneva"
    if in_place and places.city(in_place["place"]) and (not in_place["country"]
                                                        or places.is_country(in_place["country"])):
        reading.places.append(places.city(in_place["place"]))
    named = _NAME_COLON.match(item_clean) or _NAME_BRACKETED_OFFICE.match(item_clean)
    # "Helen Clark: Statement at the Summit on ...", "Name (SRSG for International Migration) Keynote Address at ..."
    who = named and (named["who"] + (", " + named["office"] if named.groupdict().get("office") else ""))
    person = _person_and_role(who, ner, strong=True) if named else None
    if person is not None and (not (person.role or person.role_text) or named.groupdict().get("office")):
        reading.people.append(person)
        _read_title(named["rest"], reading, ner, header)
        return
    head, comma, last = item_clean.rpartition(", ")  # 'Briefing to the X on "Y", Under-Secretary-General Name'
    if comma and _KIND_START.match(head) and _OFFICE_WORD.match(last) and len(last.split()) <= 8:
        person = _person_and_role(last, ner, strong=True)
        if person is not None and (person.role or person.role_text):
            reading.people.append(person)
            _read_title(head, reading, ner, header)
            return
    signed = SIGNED_HEADLINE.match(item_clean)  # an op-ed's "Ban Ki-moon: Handle refugees humanely"
    author = known_person(signed["who"]) if signed and len(signed["who"].split()) <= 4 else None
    if author:
        reading.people.append(Person(author))
        reading.titles.append(item_clean)
        return
    titled = _OCCASION_DASH_BY.match(item_clean)  # "International Migrants Day - Message by Mr. X, Office"
    if titled and _OCCASION_WORDS.search(titled["occasion"]):
        reading.events.append(titled["occasion"])
        _read_title(titled["rest"], reading, ner, header)
        return
    delivered_at = DELIVERED_AT.match(item_clean)  # "Delivered during the 357th Session of the X in Bangkok"
    if delivered_at:
        event = _event_after(" " + item_clean[delivered_at.end():])
        if event:
            reading.events.append(event)
        return
    message_on = _MESSAGE_ON.search(item_clean)  # "... Secretary-General in his message on World Day X, ..."
    if message_on and _OCCASION_WORDS.search(message_on["occasion"]):
        reading.events.append(message_on["occasion"].strip())
    labelled = _LABEL.match(item_clean)  # "Note to Correspondents: Message to ...": a kind of release
    topic = re.match(r"^(?P<topic>[^:]{2,60}):\s+(?P<rest>\S.*)$", item_clean)  # "COVID-19: Message from the Director General"
    if topic and not labelled and _BY.match(topic["rest"]) and find_roles(topic["rest"]) and not find_roles(topic["topic"]):
        reading.titles.append(item_clean)
        if _OCCASION_WORDS.search(topic["topic"]):
            reading.line_events.append(topic["topic"])  # "World Refugee Day: Statement by the High Commissioner"
        _read_title(topic["rest"], reading, ner, header)
        return
    if labelled:
        _read_title(labelled["rest"], reading, ner, header)
        return
    kind_colon = _KIND_COLON.match(item_clean)  # "Opening Remarks: Fifth Global Meeting of X", "WFP Statement: X Day"
    theme_host = _THEME_HOST.match(kind_colon["rest"]) if kind_colon else None
    if theme_host:  # "Keynote Address: Orderly Migration in a Disorderly World - Dacor Bacon House Foundation"
        reading.events.append(theme_host["host"])
        reading.titles.append(item_clean)
        return
    if kind_colon and _OCCASION_WORDS.search(kind_colon["rest"]) and not _CLAUSE.search(kind_colon["rest"]):
        reading.events.append(kind_colon["rest"])
        reading.titles.append(item_clean)
        return
    at_by = _OCCASION_BY.match(item_clean)  # "Message to the Opening Plenary of X by Mr. Name, Office"
    if at_by:
        person = _person_and_role(at_by["who"], ner, strong=True)
        event = _event_after(" " + at_by["occasion"])
        if person is not None and event:
            reading.people.append(person)
            reading.events.append(event)
            reading.titles.append(item_clean)
            return
    bare_by = re.match(r"^by\s+(?P<who>\S.*)$", item_clean, re.I)  # "by JANE DOE UN Assistant Secretary-General"
    person = _caps_office_name(bare_by["who"], ner) if bare_by else None
    if person is None and bare_by and len(bare_by["who"].split()) <= 5 and not _ORG_INITIALS.match(bare_by["who"]) \
            and not _ORGANISATION.search(bare_by["who"]):  # "Policy Statement" / "By Jane Doe" / office; not "by UN Women"
        person = _person_and_role(bare_by["who"], ner, strong=True)
    if person is not None:
        reading.people.append(person)
        return
    read_by = _READ_BY.match(item_clean)  # "Remarks at the X delivered by the Office, Name": the reader
    if read_by and _OCCASION.search(read_by["head"]):
        person = _person_and_role(read_by["who"], ner, strong=True)
        office, _, last = read_by["who"].rpartition(", ")  # a long office before the name
        if person is None and office and len(last.split()) <= 4:
            person = _person_and_role(last, ner, strong=True)
        if person is not None:
            person.reader = True
            reading.people.append(person)
            _read_title(read_by["head"], reading, ner, header)
            return
    office_dash = _OFFICE_DASH_KIND.match(item_clean)
    if office_dash and not find_roles(office_dash["office"]) and _office_as_written(office_dash["office"]):
        reading.offices.append(office_dash["office"])  # an office no entry of the table stands for, as written
        rest = office_dash["rest"]
        event = _event_after(rest, _KIND_START.match(rest).end(), after_kind=True)
        if event:
            reading.events.append(event)
        reading.titles.append(item_clean)
        return
    roles = find_roles(item_clean)
    by = _BY.match(item_clean)
    labelled = re.match(r"^[^:]{2,20}:\s+", item_clean)  # "ACPR 357: Executive Secretary's Remarks"
    possessive = roles and (leads(item_clean, roles[0]) or bool(labelled and labelled.end() == roles[0].start)) and re.match(
        rf"(?:\s+(?P<name>(?-i:{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}))(?=['’]s?\s))?(?:['’]s?|\s*[–—:-])?\s+{_KIND}\b",
        item_clean[roles[0].end:], re.I)  # "IOM Director General Jane Doe's Speech at the X"
    if by:
        who = by.group("who")
        topic = re.search(r"\s+on\s+(?=[A-Z0-9])", who) if re.match(r"press\s", by.group("kind"), re.I) else None
        if topic and not find_roles(who[topic.end():]):  # "Press Conference by X Executive Director on World Urban Forum"
            reading.line_events.append(who[topic.end():])
            who = who[:topic.start()]
        person = _person_and_role(who, ner, strong=True) if who else None
        if person is None and who:  # "PRESS CONFERENCE BY UN UNDER-SECRETARY-GENERAL FOR X VALERIE AMOS"
            person = _caps_office_name(who, ner)
        who_roles = find_roles(who)
        briefing = bool(_BRIEFING_KIND.search(by.group("kind")))  # "Briefing by ...": maybe the page's topic
        office_end = 0
        if person:
            reading.people.append(person)
        elif who_roles and briefing:
            reading.briefing_roles.append(who_roles[0])
        elif who_roles:
            reading.author_roles.append(who_roles[0])
        elif _office_as_written(_role_text(who) or ""):  # ("on behalf of the UNODC Executive Director")
            reading.offices.append(_role_text(who))  # "Statement by Deputy High Commissioner for Human Rights"
            found_at = who.find(_role_text(who))  # "... of the Executive Director at the X": the occasion after it
            office_end = found_at + len(_role_text(who)) if found_at >= 0 else 0
        elif _OFFICE_BEFORE_OCCASION.match(who) and _office_as_written(_OFFICE_BEFORE_OCCASION.match(who)["office"]):
            # "Opening Remarks by the WFP Executive Director on the Occasion of the X", "... Director for the Annual Session"
            office = _OFFICE_BEFORE_OCCASION.match(who)
            reading.offices.append(office["office"])
            event = _event_after(" " + who[office.end("office"):], after_kind=True)
            if event:
                reading.events.append(event)
            reading.titles.append(item_clean)
            return
        # the occasion follows the byline's own name and office ("..., at the X", "to the X"), or a
        # co-author's ("Joint statement by Office, Name, and Office, Name, on the occasion of X")
        start = person.end if person else who_roles[0].end if who_roles else office_end
        co_author = _CO_AUTHOR.match(who, start)
        start = co_author.end() - 1 if co_author else start
        event = _event_after(" " + who, start + 1, adjacent=True)
        if event and office_end and _GENERIC_SESSION.match(event):
            event = None  # "by the Special Rapporteur ... at the 67th session of the General Assembly": which organ?
        if event and not person and who_roles and briefing:
            reading.line_events.append(event)  # what a briefing was on, unless no byline says where
        elif event:
            reading.events.append(event)
        reading.titles.append(item_clean)
        return
    label = re.match(r"^[^:]{2,20}:\s+", item_clean)  # "ACPR 357: Executive Secretary's Remarks"
    skip = label.end() if label and not roles and not _OFFICE_KIND.match(item_clean) else 0
    office = None if roles else _OFFICE_KIND.match(item_clean[skip:])
    if office and (_office_as_written(office["office"])
                   or _FOR_OCCASION.match(item_clean, skip + office.end())):
        if _office_as_written(office["office"]):
            reading.offices.append(office["office"])  # "UNDP Administrator's speech to ...", "Executive Director remarks at"
        after = skip + office.end()  # (else an organisation's: "UN Women Statement for International Migrants Day")
        event = _event_after(item_clean, after, after_kind=True) or _bare_occasion(item_clean[after:])
        if event:
            reading.events.append(event)
        reading.titles.append(item_clean)
        return
    if possessive:
        named = possessive["name"] and _person_and_role(possessive["name"], ner, strong=True)
        if named:
            named.role = roles[0]
            reading.people.append(named)
        else:
            reading.author_roles.append(roles[0])
        after = roles[0].end + possessive.end()
        event = _event_after(item_clean, after, after_kind=True) or _bare_occasion(item_clean[after:])
        if event:
            reading.events.append(event)
        reading.titles.append(item_clean)
        return
    # a line after a "Delivered by" label is a name line
    person = _person_and_role(item_clean, ner, strong=reading.reader_next) if len(item_clean.split()) <= 40 else None
    if person is not None and (person.role or person.role_text or len(item_clean.split()) <= 6):
        reading.people.append(person)
        speech = _IN_A_SPEECH.search(item_clean, person.end)  # "X, Office, stressed ..., in a speech at Y"
        event = _event_after(item_clean, speech.end() - 1) if speech else _event_after(" " + item_clean, person.end + 1)
        if event:
            reading.events.append(event)  # "Name, Office - Statement from the floor at the X"
        return
    if roles and _strip_the(re.sub(r"^(?:the\s+)?(?:un|united nations)\s+", "", item_clean, flags=re.I)).lower() \
            == roles[0].written.lower().removeprefix("the "):
        reading.author_roles.append(roles[0])
        return
    if re.match(r"^(?:at|to|on the occasion of|during|before)\s", item_clean, re.I):
        reading.events.append(_strip_the(re.sub(r"^\w+(?: the occasion of)?\s+", "", item_clean)))
        return
    if _KIND_START.match(item_clean):
        event = _event_after(item_clean, _KIND_START.match(item_clean).end(), after_kind=True)
        if event is None and re.match(r"briefings?\s+to\s", item_clean, re.I):
            event = _IN_PLACE.sub("", item_clean)  # "Briefing to Member State Permanent Missions": the briefing
        if event:
            reading.events.append(event)
        reading.titles.append(item_clean)
        return
    if not roles and _OFFICE.match(item_clean):
        office, *occasion = _OFFICE_OCCASION.split(item_clean, maxsplit=1)  # "Director-General of X on the occasion of Y"
        occasion = occasion[0] if occasion else ""
        reading.offices.append(office)
        event = _event_after(" " + occasion) if occasion else None
        if event:
            reading.events.append(event)
        return
    rest = item_clean[roles[0].end:] if roles and leads(item_clean, roles[0]) else ""
    if rest and _OFFICE_OCCASION.match(rest):  # a known office on the occasion of Y, the same line
        last = reading.people[-1] if reading.people else None
        if last is not None and not last.reader and last.role is None and last.role_text is None:
            last.role = roles[0]  # under "Statement by Name": that person's office
        else:
            reading.author_roles.append(roles[0])
        event = _event_after(rest)
        if event:
            reading.events.append(event)
        return
    reading.other_roles.extend(roles)
    if _HEADLINE_VERB.search(item_clean):  # "..., Secretary-General Urges on Eve of Conference": a headline
        on_day = _HEADLINE_OCCASION.match(item_clean)  # "On World Refugee Day, UNHCR says ..."
        if on_day and _OCCASION_WORDS.search(on_day["occasion"]):
            reading.line_events.append(on_day["occasion"])
        reading.titles.append(item_clean)
        return
    occasion = _less_headline(item_clean)  # "Forum: human rights must guide ..." -> "Forum"
    if (_OCCASION_WORDS.search(occasion) or _NUMBERED_ASSEMBLY.search(occasion)) and not roles \
            and len(occasion.split()) <= 30 and not _SESSION_LABEL.match(occasion):
        reading.line_events.append(occasion)
    reading.titles.append(item_clean)
    if not _SESSION_LABEL.match(item_clean) and (len(item_clean.split()) > 1 or _EVENT_WORDS.search(item_clean)):
        reading.plain_titles.append(item_clean)  # (a lone word over the date, "Sicily", is no occasion's name)


_LEAD_DELIVERED = re.compile(r"^(?:the\s+)?following\s+(?:statement|message|remarks)\s+.{3,160}?\s+(?:was|were)\s+"
                             r"(?:delivered|made|given|read)\s+(?:today\s+|yesterday\s+)?(?:at|to|during|before)\s+"
                             r"(?:the\s+)?(?P<occasion>[^.:]{3,160})", re.I)
_NOTE_INSIDE = re.compile(r"\s*\((?:please\s+)?check against delivery\)\s*(?=\S)", re.I)
_SEPARATED = re.compile(r"\s(?:[›»|]|/)\s")  # a title's parts ("Union / Session / Statement by X")
_TRAIL = re.compile(r"\s[›»]\s")  # a breadcrumb trail, which ends with the page's own title
_BRACKETED_READER = re.compile(rf"\s*\[\s*{DELIVERED_BY}\s*(?P<who>[^\[\]]{{3,160}})\]", re.I)
_SECTION_LABEL = re.compile(r"^(?:press\s+(?:events|encounters|releases)|statements|speeches|messages|remarks|"
                            r"articles|op-eds|news)\s*\|\s*(?=\S)", re.I)
_GUESTS = re.compile(r"^(?:guests?|speakers?|panellists?|panelists?|briefers?)\s*:\s*(?=\S)", re.I)


def _office_line(item: str) -> bool:
    """A line that is only an office, led by initials or not ("UN Under Secretary General and UNEP Executive Director")."""
    text = _clean(item)
    first = re.split(r"\s*/\s*|\s+and\s+", _ORG_INITIALS.sub("", text))[0]  # "Director-General/Executive Director"
    return len(text.split()) <= 16 and not find_date(text)[0] and bool(_OFFICE.match(first))


def _read(items: list[str], kinds: list[Kind], ner: dict[int, list[str]], header: Header) -> _Reading:
    reading = _Reading()
    occasion_line = None  # the occasion named by the line just read
    occasion_next = False  # the last line was an "At" or "Event:" label
    named = None  # the person the line just read named, with no office
    for i, (item, kind) in enumerate(zip(items, kinds, strict=True)):
        office_line, named = named, None
        if office_line is not None and kind is Kind.HEADER and _office_line(item):
            office_line.role_text = _clean(item)  # "By Jane Doe" / "UN Under Secretary General and UNEP Executive Director"
            office_line.role = next((r for r in find_roles(office_line.role_text) if not r.generic), None)  # the table's
            continue
        if OCCASION_LABEL.fullmatch(item.strip()):
            occasion_next = True
            continue
        label, reading.label = reading.label, bool(re.fullmatch(r"[\w ]{2,30}:", item))
        reading.symbol = reading.symbol or kind is Kind.SYMBOL
        if kind in (Kind.SALUTATION, Kind.SYMBOL, Kind.NOTE, Kind.FURNITURE) or reading.label:
            continue
        reading.label = label
        if occasion_next and kind is Kind.HEADER:
            reading.events.append(_clean(item))
            occasion_next, occasion_line = False, None
            continue
        occasion_next = False
        if kind is Kind.DATE:
            _read_dateline(item, reading, symbol=i > 0 and kinds[i - 1] is Kind.SYMBOL)
            reading.label = False
        elif kind is Kind.PLACE:
            place = places.place_in(item)
            if place:
                reading.places.append(place)
        elif kind is Kind.INTRO:
            _read_intro(item, reading, ner.get(i, []))
        elif kind is Kind.DELIVERED:
            who = _DELIVERED_BY.split(item.strip("[]() "), maxsplit=1)[-1].strip(" :[]()")
            date, span = find_date(who)
            if date:  # "As delivered by His Excellency Mr. X,  4 June 2019"
                reading.add_date(date, place=False)
                who = (who[:span[0]] + who[span[1]:]).strip(" ,")
            reader = _person_and_role(who, ner.get(i, []), strong=True) if who else None
            if reader is not None:
                reader.reader = True
                reading.people.append(reader)
                event = _event_after(" " + _clean(who), reader.end)  # "DELIVERED BY X, Office AT Y"
                dash = re.search(r"\s[–—-]\s+(?P<occasion>[^–—]{3,80})$", who)  # "X, Director, Office - Dialogue #1"
                if not event and dash and _OCCASION_WORDS.search(dash["occasion"]):
                    event = dash["occasion"].strip()
                if event:
                    reading.events.append(event)
            else:
                reading.reader_next = True
        else:
            city, written, rest = press_dateline(item)  # "GENEVA, Switzerland, May 22, 2022/APO Group/ --"
            if city and re.search(r"\d{4}", written):
                reading.places.append(city)
                reading.add_date(find_date(written)[0], place=True)
                item = rest.strip()
                if not item:
                    continue
            segments = [seg.strip() for seg in _SEPARATED.split(item)]
            kinds_only = len(segments) == 2 and any(_BARE_KIND.match(seg) for seg in segments)  # "UNAIDS | SPEECH"
            if len(segments) >= 3 or kinds_only:  # "Home » About Us » ... » <the title>", "Union / Session / Statement by X"
                segments = segments[-1:] if _TRAIL.search(item) else [seg for seg in segments if not _BARE_KIND.match(seg) and not re.fullmatch(r"[A-Z]{2,7}", seg)]
                for seg in segments:
                    if seg and not is_furniture(seg):
                        _read_part(seg, reading, ner.get(i, []), header)
                reading.label = False
                continue
            bracket = _BRACKETED_READER.search(item)  # "X's message to Y [delivered by Office, Name]"
            if bracket:
                reader = _person_and_role(bracket["who"], ner.get(i, []), strong=True)
                if reader is not None:
                    reader.reader = True
                    reading.people.append(reader)
                    item = item[:bracket.start()] + item[bracket.end():]
            item = _NOTE_INSIDE.split(item, maxsplit=1)[0]  # "... of the 68th Session (Please check against delivery) <address>"
            item = _SECTION_LABEL.sub("", _GUESTS.sub("", item))  # "Guests: Name, Office, and", "Press events | Name"
            before, occasions = len(reading.people), len(reading.line_events)
            for part in _sentences(item) if len(item.split()) > 8 else [item]:
                _read_part(part, reading, ner.get(i, []), header)
            if len(reading.people) == before + 1 and not (reading.people[-1].role or reading.people[-1].role_text):
                named = reading.people[-1]
            reading.label = False
            if reading.reader_next and len(reading.people) > before:
                reading.people[before].reader = True
            reading.reader_next = False  # only the line right after a "Delivered by" label
            if _BARE_KIND.match(_clean(item)) and occasion_line is not None:
                reading.events.append(occasion_line)  # "<occasion>" / "Closing remarks": remarks at it
            occasion_line = reading.line_events[-1] if len(reading.line_events) > occasions else None
            continue
        occasion_line = None
    return reading


def _read_part(part: str, reading: _Reading, ner: list[str], header: Header) -> None:
    """One sentence of a header line: a dateline, a place, or a title or name line;
    a date inside a title line splits it ("Dhaka, 11 December 2016 - X's remarks at ...",
    "... Development Brussels, 10 July 2007")."""
    date, span = find_date(part)
    if date and len(part.split()) <= 8 and not (_KIND_START.match(part) and re.search(r"\bby\s", part)):
        _read_dateline(part, reading)
        return
    if span:
        before, after = part[:span[0]].rstrip(" ,–—-"), part[span[1]:].strip(" ,.–—-")
        before = re.sub(r"\s*\(\s*[\d\s–—-]*$", "", before)  # "X (15-16 January 2018, Paris)": the bracket's days
        bracket = re.search(r"\s*\(\s*(?P<city>[A-ZÀ-Þ][^(),]{2,30}?),?\s*$", before)  # "X (Geneva, 26 June 2006)"
        if bracket and places.city(bracket["city"]):
            reading.places.append(places.city(bracket["city"]))
            before = before[:bracket.start()]
        if places.city(after.strip(" ,.()")):
            reading.places.append(places.city(after.strip(" ,.()")))
            after = ""
        before, place = _trailing_place(before)
        if place:
            reading.places.append(place)
        reading.add_date(date, place=bool(place))
        for piece in (before, after):
            if piece and len(piece.split()) > 1:
                _read_part(piece, reading, ner, header)
        return
    if places.is_place_line(part):
        reading.places.append(places.place_in(part))
        return
    _read_title(part, reading, ner, header)


# ------------------------------------------------------------------ deciding

def _bare_title(written: str) -> bool:
    """A title that names no body ("Secretary General", "Deputy Secretary General"), unlike
    "WHO Director-General", "Director-General of the ILO", "Director-General, World Health
    Organization" or "Director-General/Executive Director" (a form only one body's head bears)."""
    return bool(_OFFICE.match(written.strip())) and not re.search(r"\s(?:of|for|on|to|in)\s", written, re.I)


def _every_holder_listed(role: Role) -> bool:
    """Whether the table lists the office's holders with no gap of a year between terms (the
    Secretaries-General since 1946), so that a named person it does not list never held it."""
    terms = sorted(role.terms, key=lambda t: t.start)
    return bool(terms) and all(a.end is not None and (b.start - a.end).days <= 366 for a, b in zip(terms, terms[1:], strict=False))


def _held_office(name: str, date: str) -> Role | None:
    """The one office of the table `name` held on `date` (a full date), or None."""
    if len(date) != 10:
        return None
    offices = [r for r in load_roles() if holds(name, r, date)]
    return offices[0] if len(offices) == 1 else None


def _resolve(mention: RoleMention, date: str | None, context: str) -> tuple[RoleMention | None, str | None]:
    """(the office a mention names, its holder on `date` or in its session)."""
    role = context_role(mention, context)
    if role is None:
        return None, None
    mention = RoleMention(role, mention.start, mention.end, mention.written, mention.session, False)
    return mention, resolve_session(role, mention.session) or resolve_role(role, date)


def _decide(reading: _Reading, header: Header, context: str, known: tuple[str, ...]) -> None:
    author_role = next((r for r in reading.author_roles), None)
    if author_role is None and not any(not p.reader for p in reading.people):
        author_role = next((r for r in reading.briefing_roles), None)  # no statement's own byline
    as_written = author_role  # a title no office of the table stands for is kept as written
    author_role, holder = _resolve(author_role, header.date, context) if author_role else (None, None)
    authors = [p for p in reading.people if not p.reader]
    readers = [p for p in reading.people if p.reader]
    for i, person in enumerate(authors):  # "Statement of Ambassador X at Y" / "Ms X, Office": one person, the office
        if person.role is None and person.role_text is None:
            same = next((q for q in authors[i + 1:] if q.name == person.name and (q.role or q.role_text)), None)
            if same is not None:
                person.role, person.role_text = same.role, same.role_text
    speaker = None
    for person in readers if author_role is not None else []:  # "Presented by <the same office> Name": the author
        own_role = _resolve(person.role, header.date, context)[0] if person.role else None
        if own_role and own_role.role == author_role.role:
            person.reader = False
            authors.insert(0, person)
            readers.remove(person)
            break
    if author_role is None and header.date and not any(p.role for p in authors):
        # "Delivered by <the head of a body>" over addressees' names and offices ("Ms. X, Chargé
        # d'Affairs,"): a reader the table lists as an office's holder on the date, where no
        # named author holds one, is the speaker, with that office
        for person in readers:
            office = _held_office(person.name, header.date) if person.source != FROM_PRESS else None
            if office is not None and not any(_held_office(a.name, header.date) for a in authors):
                person.reader, person.role = False, RoleMention(office, 0, 0, office.name)
                readers.remove(person)
                authors.insert(0, person)
                break
    for person in authors:
        own_role = _resolve(person.role, header.date, context)[0] if person.role else None
        if author_role is None or (own_role and own_role.role == author_role.role) \
                or holds(person.name, author_role.role, header.date):
            speaker = person
            break
        readers.append(person)  # a name line with another office under "X's message": the reader
    if speaker is None and author_role is None and readers and not any(p.source == FROM_PRESS for p in readers):
        speaker, readers = readers[0], readers[1:]  # "Delivered by: X, Office" is the speaker's own line
    if speaker is not None:
        own_role = _resolve(speaker.role, header.date, context)[0] if speaker.role else None
        header.speaker, header.speaker_source = speaker.name, speaker.source
        role = own_role or author_role
        header.speaker_role = role.display if role else recase(speaker.role_text, known) if speaker.role_text else None
        if own_role is None and header.speaker_role and _BARE_RANK.match(header.speaker_role) and header.date:
            office = _held_office(speaker.name, header.date)  # "Name, Under-Secretary-General": the office held that day
            header.speaker_role = office.name if office else header.speaker_role
        if own_role is not None and _bare_title(speaker.role.written) and _every_holder_listed(own_role.role) and not any(
                holds(speaker.name, own_role.role, d) for d in (header.date, None)):
            header.speaker_role = _clean(speaker.role.written)  # "Name, Secretary General" of another body (UNCTAD's)
    elif author_role is not None:
        header.speaker_role = author_role.display
        header.speaker = holder
        header.speaker_from_role = holder is not None
        header.speaker_source = FROM_ROLE if holder else None
    if header.speaker is not None and header.speaker_role is None:
        for mention in reading.other_roles:  # "Remarks by X" / "<rank>" / "<an office X held then>"
            role, _ = _resolve(mention, header.date, context)
            if role is not None and holds(header.speaker, role.role, header.date):
                header.speaker_role = role.display
                break
    if header.speaker is None and not reading.people:
        _role_from_others(reading, header, context)
    if header.speaker_role is None and as_written is not None and author_role is None:
        # a shared title no office of the table is named by: "UNIDO's Director-General's remarks" (initials of
        # none of the offices sharing it), "Opening Address of the Executive Director at ..." (no context words)
        header.speaker_role = f"{as_written.initials} {as_written.written}" if as_written.initials \
            else _clean(as_written.written)
    if header.speaker_role is None and reading.offices:
        header.speaker_role = recase(reading.offices[0], known)
    if header.speaker is not None and header.speaker_role is None and header.date:
        office = _held_office(header.speaker, header.date)  # a name alone ("Ban Ki-moon") the table lists that day
        header.speaker_role = office.name if office else None
    readers = [p for p in readers if p.name != header.speaker]
    header.delivered_by = readers[0].name if readers else None


# A message signed at its end: its last paragraph is the signer's name and office, on lines of
# their own or after a comma ("With best wishes," / "António Vitorino" / "Director General").
_NOT_SIGNATURE = re.compile(r"\b(?:contacts?|information|media|press|e-?mail|tel|phone|fax|spokes\w*|photo|source|"
                            r"copyright|visit|follow)\b|@|https?://|www\.", re.I)


def _signature(context: str, *, bare: bool = False) -> Person | None:
    """The person who signs the text at its end, with the office signed (with `bare`, also a
    holder of the table signing with the name alone), or None."""
    paragraphs = [p for p in re.split(r"\n\s*\n", context.strip()) if p.strip()]
    if len(paragraphs) < 2:
        return None
    lines = [line.strip() for line in paragraphs[-1].split("\n") if line.strip()]
    if bare and len(lines) == 1 and "," not in lines[0] and known_person(lines[0]) and len(lines[0].split()) <= 5:
        return Person(known_person(lines[0]), source=FROM_SIGNATURE)  # "António Guterres" under a message
    if not 1 <= len(lines) <= 3 or (len(lines) == 1 and "," not in lines[0]) or any(
            len(line.split()) > 14 or _NOT_SIGNATURE.search(line) or re.search(r"(?<!\b[A-Z])[.!?:;]$", line)
            or line[:1].islower() for line in lines):
        return None  # a sentence, a contact line, a link: no signature
    if any(is_furniture(line) for line in lines):
        return None  # "Related Content" / "IOM Council, 111th Session": a site's links
    person = _person_and_role(", ".join(lines), [], strong=True)
    if person is None or not (person.role or (person.role_text and _OFFICE_WORD.search(person.role_text))) \
            or not lines[0].startswith(person.name.split()[0]):
        return None  # a name with no office is no signature; nor is an office before the name
    person.source = FROM_SIGNATURE
    return person


def _signer_role(signer: Person, header: Header, context: str) -> str | None:
    """The signer's office: the table's when it lists it (a title shared by several offices,
    "Director General", is the one of them the signer held), else as signed."""
    if signer.role is not None:
        role, _ = _resolve(signer.role, header.date, context)
        if role is None and signer.role.generic:
            title = signer.role.written.casefold()
            held = [r for r in load_roles() if any(g.casefold() == title for g in r.generic)
                    and holds(signer.name, r, header.date)]
            if len(held) == 1:
                return held[0].name
        return role.display if role is not None else _clean(signer.role.written)
    return signer.role_text


def _signer_offices(signer: Person, header: Header, context: str) -> set[str]:
    """The ways the header may have written the signer's office (so that a header naming
    another office keeps its own speaker unread)."""
    role = _signer_role(signer, header, context)
    written = [signer.role.written] if signer.role is not None else []
    return {r for r in (role, signer.role_text, *written) if r}


def _role_from_others(reading: _Reading, header: Header, context: str) -> None:
    """A headline that names the office ("..., Deputy Secretary-General Tells Forum")."""
    for mention in reading.other_roles:
        role, holder = _resolve(mention, header.date, context)
        if role is not None:
            header.speaker_role, header.speaker = role.display, holder
            header.speaker_from_role = holder is not None
            header.speaker_source = FROM_ROLE if holder else None
            return


def parse_header(blocks: list[list[str]], *, context: str = "", ner: Recogniser | None = None,
                 known: tuple[str, ...] | None = None) -> Header:
    """Read title, speaker, role, reader, event, date and place from header blocks.

    `context` is the text after the header (a role named by a title shared by two
    offices, "High Commissioner", is resolved by the words around it); `ner` finds
    people in the header lines (default: the project's model, loaded only when a
    header has lines to read).
    """
    known = known if known is not None else known_names()
    header = Header()
    items = header_items(blocks)
    header.lines = items
    kinds = [Kind.SALUTATION if addresses_before_salutation(item, items[i + 1:i + 3]) else line_kind(item)
             for i, item in enumerate(items)]
    kinds = [Kind.HEADER if k is Kind.PROSE else k for k in kinds]  # a summary the header kept (a standfirst)
    if not any(map(says_who_or_when, items, kinds)):
        return header  # salutations, an invocation: nothing a statement header says
    to_read = [i for i, k in enumerate(kinds) if k in (Kind.HEADER, Kind.INTRO, Kind.DELIVERED)]
    spans = (ner or model_recogniser())([_name_case_line(items[i]) for i in to_read]) if to_read else []
    people = {i: _ner_people(_name_case_line(items[i]), s) for i, s in zip(to_read, spans, strict=True)}
    reading = _read(items, kinds, people, header)
    header.date = max(reading.dates)[2] if reading.dates else None
    paragraphs = [p.strip() for p in context.split("\n\n")[:4]] if context else []
    # a press release's first paragraph opening with its dateline (under a photo's caption):
    # "GENEVA, 18 December 2015 – “The year ...", "VIENNA, 18 December (UN Information Service) - ..."
    city, written, lead = next((d for d in map(press_dateline, paragraphs) if d[0]), (None, "", ""))
    on_day = _HEADLINE_OCCASION.match(lead) or _LEAD_DELIVERED.match(lead)
    # "VIENNA, 18 December 2021 – On International Migrants Day, we ...", "... – The following statement by X
    # was delivered today at the press conference for the Y."
    if on_day and _OCCASION_WORDS.search(on_day["occasion"]) and not reading.events:
        reading.line_events.append(on_day["occasion"])
    if city and not header.date and re.search(r"\d{4}", written) and find_date(written)[0]:
        header.date = find_date(written)[0]
    if city:
        reading.places.append(city)  # after the header's own places
    _decide(reading, header, " ".join(items) + " " + context[:3000], known)
    signer = _signature(context) if header.speaker is None and context else None
    if signer is not None and (header.speaker_role is None or header.speaker_role in _signer_offices(signer, header, context)):
        header.speaker, header.speaker_source, header.speaker_from_role = signer.name, FROM_SIGNATURE, False
        header.speaker_role = _signer_role(signer, header, " ".join(items) + " " + context[:3000]) or header.speaker_role
    elif header.speaker is None and header.speaker_role and context:
        # "Secretary-General's Message" with no date, signed "António Guterres": a holder of the office the header names
        named = _signature(context, bare=True)
        offices = find_roles(header.speaker_role)
        if named is not None and offices and holds(named.name, offices[0].role, header.date):
            header.speaker, header.speaker_source, header.speaker_from_role = named.name, FROM_SIGNATURE, False
    header.event = _event(reading, known)
    header.place = reading.press_place or next(iter(reading.places), None)
    header.venue = reading.venue
    titles = [recase(t, known) for t in reading.titles]
    header.title = titles[0] if titles else None
    header.subtitle = titles[1] if len(titles) > 1 else None
    return header


def _name_case_line(text: str) -> str:
    """A capitals line in name case for the recogniser (same length, same offsets)."""
    return "".join(c.lower() if i and text[i - 1].isalpha() else c for i, c in enumerate(text)) \
        if is_caps(text) else text


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# What a title line adds after the occasion's name: its abbreviation or the segment in
# brackets ("(ExCom)", "(Closing)"), a day without the year ("- December 11").
_EVENT_TAIL = re.compile(
    r"\s*\((?:[A-Z][\w.&/-]*[A-Z][\w.&/-]*(?:\s?\d{1,4})?|(?i:opening|closing|part\s+\w+)"
    r"|(?i:(?:introductory|opening|closing|keynote|concluding)\s+)?(?i:statement|remarks|address)"
    r"|AM|PM|AM\s*(?:,\s*PM\s*)?&\s*(?:PM|Night))\)$"  # a meeting's sittings: "(AM & PM)"
    rf"|[\s,]*[–—-]?\s*(?i:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?$"
    r"|[\s,]*\b\d{1,2}(?:[:.]\d{2})?\s*(?:[–—-]\s*\d{1,2}(?:[:.]\d{2})?\s*)?(?i:h|hrs?|[ap]\.?m\.?)$"  # "10 – 13h"
    r"|[\s,.;–—-]*\b(?i:agenda\s+(?:point|item))\s+[\w().]{1,8}$")  # "X Agenda point 5(a)": the item, not the occasion


# A clause after a colon makes a headline ("Forum: human rights must guide every pledge");
# a name or theme there is the occasion's subtitle ("... Symposium: Youth on the Move").
_CLAUSE = re.compile(r"\b(?:must|should|can|cannot|will|would|is|are|was|were|has|have|needs?|calls?|urges?|says?|"
                     r"tells?|warns?|stresses|remains?|puts?|makes?)\b", re.I)


def _less_headline(text: str) -> str:
    """`text` less a headline clause after its colon; a subtitle that names is kept."""
    head, sep, tail = text.partition(": ")
    if head.count('"') % 2 or head.count("“") > head.count("”"):
        return text  # the colon is inside a quoted title ('side event "Health of migrants: are we on track?"')
    quoted = tail[:1] in "“\"«" and _OCCASION_WORDS.search(head)  # a theme in quotation marks
    return head if sep and (_CLAUSE.search(tail) or quoted) else text


def _trim_event(event: str) -> str:
    """An occasion less what follows its name: an abbreviation, a segment in brackets, a
    day, and the venue or place ("X (ExCom), Palais des Nations, Geneva" -> "X")."""
    while True:
        trimmed = _EVENT_TAIL.sub("", event).rstrip(" ,;–—-")
        in_city = re.search(r"\s+in\s+([A-ZÀ-Þ][\w'’.\-]*(?:\s+[A-ZÀ-Þ][\w'’.\-]*){0,2})$", trimmed)
        if in_city and places.city(in_city.group(1)):
            trimmed = trimmed[:in_city.start()]  # "X (ACPR) in Bangkok"
        head, _, last = trimmed.rpartition(", ")
        if head and len(last.split()) <= 5 and not _OCCASION_WORDS.search(last) and (
                places.city(last) or places.is_country(last) or places.VENUE_WORDS.search(last)):
            trimmed = head
        if trimmed == event or not trimmed:
            return event
        event = trimmed


def _event_name(event: str) -> str:
    """The occasion itself: "opening session of X" -> X, "event marking X" -> X, and of
    "segment, X" / "X, 47th session of Y" the part that names it."""
    event = re.sub(rf"\s*:\s*{_KIND}$", "", _clean(event), flags=re.I)  # "X Session: Closing Statement"
    event = re.sub(r'^[\"“](?P<name>[^\"“”]+)[\"”]$', r"\g<name>", event)  # a quoted name alone
    inner = _EVENT_PREFIX.sub("", event)
    # "Closing of the 78th Session" stays whole: the session alone names no occasion
    event = _trim_event(_less_headline(event if _GENERIC_SESSION.match(inner) else inner))
    quoted = re.match(r"^(?P<pre>[^\"“]{0,60}?)\s*(?:entitled\s+|titled\s+|on\s+)?[\"“](?P<name>[^\"”]+)[\"”]$", event)
    generic = quoted and not _GENERIC_OCCASION.sub(" ", _OCCASION_WORDS.sub(" ", quoted["pre"])).strip()
    # ('High-level side event "X"', 'High-Level Event entitled "X"'; not '9th Annual Ambassadors Conference "X"')
    if generic and len(quoted["pre"].split()) <= 5 and _OCCASION_WORDS.search((quoted["pre"].split() or [""])[-1]):
        return quoted["name"]  # 'High-level side event "Water scarcity, climate and human mobility"'
    parts = [p.strip() for p in event.split(", ")]
    if len(parts) == 2:
        event = parts[1] if _GENERIC_PART.match(parts[0]) else parts[0] if \
            re.match(r"^(?:(?:at|of|during)\s+)?(?:the\s+)?\d+\w*\s+session\b", parts[1], re.I) \
            or _FORMAT_PARTS.fullmatch(parts[1]) else event  # "X, Interactive Round Tables": X's formats
    return event[:1].upper() + event[1:] if event[:1].islower() and is_caps(event) is False else event


# The formats a meeting is held in, named after it ("High-level Dialogue on X, Interactive Round Tables").
_FORMAT_PARTS = re.compile(r"(?:(?:and|&)\s+)?(?:(?:interactive|high[\s-]level|informal|thematic|multi-stakeholder|side|"
                           r"parallel|plenary)\s+)*(?:round[\s-]?tables?|panels?|panel discussions?|side[\s-]events?|"
                           r"dialogues?|hearings?|segments?)", re.I)


def _content_words(text: str) -> set[str]:
    return {w.lower().removesuffix("s") for w in re.findall(r"[^\W\d_][\w'’-]*", text)
            if w.lower() not in FUNCTION_WORDS}


def _fullest(events: list[str]) -> list[str]:
    """Occasion lines, a short one ("Intergovernmental Conference 2018", a site's section)
    after the fuller name that has all its words."""
    words = [_content_words(e) for e in events]
    fuller = [any(i != j and words[i] < words[j] for j in range(len(events))) for i in range(len(events))]
    return sorted(events, key=lambda e: fuller[events.index(e)])


_GENERIC_OCCASION = re.compile(r"\b(?:high[\s-]level|side|special|thematic|interactive|virtual|informal|annual|"
                               r"entitled|titled|called|on|the|a|an)\b", re.I)
_PRESS_KIND = re.compile(r"(?:(?:the|a|daily|noon|midday|weekly|joint|virtual|special)\s+)*"
                         r"(?:(?:press|news|media|noon)\s+)?(?:briefing|conference|encounter|stakeout|remarks)"
                         r"(?:\s+(?:press\s+|news\s+)?(?:briefing|conference|encounter|stakeout))*", re.I)


# "Full transcript of the Secretary-General's press encounter": a kind of remarks, no occasion.
_TRANSCRIPT_OF = re.compile(r"^(?:(?:full|unofficial|edited)\s+)?transcript\s+of\s+(?:the\s+|an?\s+)?(?:[\w-]+['’]s?\s+)?|"
                            r"^(?:the\s+)?(?:[\w-]+['’]s?\s+)(?=(?i:press|news|media|joint|noon|daily))", re.I)
# "A joint press conference following the opening of X": the occasion is X.
_PRESS_AFTER = re.compile(r"^(?:the\s+|an?\s+)?(?P<kind>.+?)\s+(?:following|after|on the margins of|during)\s+(?:the\s+)?"
                          r"(?P<occasion>\S.*)$", re.I)


_GENERIC_WORD = re.compile(r"(?:the\s+)?(?:meeting|session|sitting|conference|event|ceremony|segment|plenary|"
                           r"summit|forum|debate|dialogue|panel)s?", re.I)
_BARE_ORGAN = re.compile(r"(?:the\s+)?(?:united\s+nations\s+)?general\s+assembly", re.I)
_MAIN_COMMITTEE = re.compile(r"(?:first|second|third|fourth|fifth|sixth)\s+committee(?:\s*\([^()]*\))?", re.I)


def _event(reading: _Reading, known: tuple[str, ...]) -> str | None:
    """The occasion: from the introducing sentence or a title ("remarks at X"), else a
    line naming an occasion, else the page title above a "Remarks by ..." line."""
    # a press release's headline (under its symbol) reports a meeting; it names no occasion
    plain = reading.plain_titles[:1]
    if plain and _BARE_ORGAN.fullmatch(plain[0]) and reading.plain_titles[1:2] \
            and _MAIN_COMMITTEE.fullmatch(reading.plain_titles[1]):
        # an old release's section line ("General Assembly") over its meeting's labels: a main committee
        # named under it ("Third Committee") is where the statement was made, not the whole Assembly
        plain = reading.plain_titles[1:2]
    for event in [*reading.events, *_fullest(reading.line_events), *([] if reading.symbol else plain)]:
        event = _event_name(event)
        press_after = _PRESS_AFTER.match(event)
        if press_after and _PRESS_KIND.fullmatch(press_after["kind"]):
            event = _event_name(press_after["occasion"])
        # (a room in brackets is the venue's: "Palais des Nations (Conference Room XIX)")
        site = re.sub(r"\s*\((?:conference\s+)?room\b[^()]*\)", "", event, flags=re.I)
        if _PRESS_KIND.fullmatch(_TRANSCRIPT_OF.sub("", event)) or (places.VENUE_WORDS.search(site) and not _OCCASION_WORDS.search(site)
                                            and len(site.split()) <= 5):
            continue  # "Noon briefing press conference": a kind of remarks; "United Nations Headquarters": a venue
        if _GENERIC_WORD.fullmatch(event):
            continue  # "OPENING OF THE MEETING" -> "Meeting": which meeting, another line says
        if event and len(event) > 3:
            return recase(event, known)
    return None


# ------------------------------------------------------------------ file names

_UNGD_STEM = re.compile(r"^(?P<iso3>[A-Z]{2,3})_(?P<session>\d{1,2})_(?P<year>\d{4})$")  # "EU_68_2013" too
_STEM_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
FIRST_SESSION_YEAR = 1945  # regular session N of the General Assembly opens in year 1945 + N
# Where the General Debate of a regular session met: at the seat of the United Nations in New York
# (Lake Success and Flushing Meadows before the Headquarters opened), except the third and sixth
# sessions, held in Paris; the first session met in London and then in New York, so its place is
# left open.
GENERAL_DEBATE_PLACE = "New York"
GENERAL_DEBATE_ELSEWHERE: dict[int, str | None] = {1: None, 3: "Paris", 6: "Paris"}


def ordinal(n: int) -> str:
    """71 -> "71st", 73 -> "73rd", 112 -> "112th"."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def general_debate(session: int) -> dict[str, object]:
    """The occasion and place of a General Debate speech of regular session `session`."""
    return {"event": f"General Debate of the {ordinal(session)} session of the General Assembly",
            "place": GENERAL_DEBATE_ELSEWHERE.get(session, GENERAL_DEBATE_PLACE)}


def name_metadata(stem: str) -> dict[str, object]:
    """What a file's name says: a General Debate file `ISO3_SESSION_YEAR` gives the country,
    its ISO code, the session, the year, the occasion (the General Debate of that session) and
    its place (only when the code is a country's and the year is the session's); an ISO date
    in the name gives the date. Empty when it says nothing."""
    m = _UNGD_STEM.match(stem)
    if m and int(m["year"]) == FIRST_SESSION_YEAR + int(m["session"]):
        country = places.country_of(m["iso3"])
        if country:
            return {"iso3": m["iso3"], "country": country, "session": m["session"], "date": m["year"],
                    **{k: v for k, v in general_debate(int(m["session"])).items() if v}}
    d = _STEM_DATE.search(stem)
    if d:
        iso, _ = find_date(d.group(1))
        return {"date": iso} if iso else {}
    return {}
