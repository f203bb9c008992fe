"""Speech headers: find the header block by the role its lines play, and split it off.

Statements published by UN offices open with a header: short lines or one title
sentence before the first salutation or body paragraph. They name who speaks (a
name, a role, or both), the kind of remarks and the occasion, the date and place,
and, on press releases, a document symbol, a headline and a sentence that introduces
the remarks ("Following are UN Deputy Secretary-General Amina Mohammed's remarks ...
in Nairobi today:"). Pages copied from a web site add site furniture (menus,
"Print", "Watch the video", a logo's text, breadcrumbs), which is dropped.

`line_kind` says what a line is, `split_header` cuts the header off the body, and
`find_date` reads dates with the maintained `dateparser` library. `headerparse`
turns the header's lines into metadata.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Sequence
from enum import Enum

from pipeline import places
from pipeline.officeholders import find_roles, known_person

# ------------------------------------------------------------------ dates

# dateparser: absolute dates only ("today" is not a date of delivery), English.
_DATE_SETTINGS = {"PARSERS": ["absolute-time"], "RETURN_AS_TIMEZONE_AWARE": False,
                  "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["year"]}
_HAS_MONTH = re.compile(r"[A-Za-z]{3,}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[-–—]\s*\d{1,2}(?:[:.]\d{2})?\s*)?(?:[ap]\.?m\.?|h\d{2}|hrs?)\b"
                   r"|\b\d{1,2}:\d{2}\b", re.I)
# Words of relative time: dateparser's search groups a number with them ("International
# Migrants Day, 18 December 2018" would give only "December 2018"), so they are masked.
_TIME_UNITS = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?|minutes?|today|tonight|yesterday|tomorrow)\b",
                         re.I)


@functools.lru_cache(maxsize=1)
def _parsers():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's own deprecation notices
        import dateparser
        from dateparser.search import search_dates
    return dateparser.DateDataParser(languages=["en"], settings=_DATE_SETTINGS), search_dates


def _as_iso(found: str) -> str | None:
    """`found` (the text of one date) as ISO `YYYY-MM-DD` or `YYYY-MM`; None for a bare year
    or anything that is not a calendar date."""
    if not re.search(r"\b\d{4}\b", found) or not _HAS_MONTH.search(found):
        return None
    parser, _ = _parsers()
    data = parser.get_date_data(found)
    if data.date_obj is None:
        return None
    if data.period == "day":
        return data.date_obj.date().isoformat()
    return data.date_obj.strftime("%Y-%m") if data.period == "month" else None


def find_date(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The first calendar date in `text` as ISO `YYYY-MM-DD` (or `YYYY-MM`), with its span.

    Read by `dateparser`: "27 March 2018", "March 27, 2018", "4 Dec 2019",
    "Thursday, January 12, 2017", "2018-03-27", "March 2018". A bare year, an
    ordinal ("67th") or a relative date ("today") is not a date. (None, None)
    when there is none.
    """
    iso = _ISO_DAY.search(text)
    if iso and _as_iso(iso.group(0)):
        return _as_iso(iso.group(0)), iso.span()
    _, search_dates = _parsers()
    masked = _TIME_UNITS.sub(_blank, _TIME.sub(_blank, text))
    masked = _DAY_RANGE.sub(lambda m: m.group(1) + " " * len(m.group(2)), masked)  # "4-5 June 2018": its first day
    masked = _MONTHS_RANGE.sub(lambda m: m.group(1) + " " * len(m.group(2)), masked)  # "29 June - 1 July 2004" too
    masked = masked.replace("|", " ")  # "18 December 2016|Statement"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(masked, languages=["en"], settings=_DATE_SETTINGS) or []
    for words, _ in found:
        value = _as_iso(words)
        if value:
            found_at = re.search(r"\s+".join(map(re.escape, words.split())), masked)  # (spaces may differ)
            return value, found_at.span() if found_at else (masked.find(words), masked.find(words) + len(words))
    return None, None


# A range of days: "4-5 June 2018", "June 4-5, 2018" (dateparser reads neither).
_DAY_RANGE = re.compile(r"\b(\d{1,2})(\s*[-–—]\s*\d{1,2})(?=\s+[A-Za-z]{3,}\.?\s+\d{4}|,?\s+\d{4})")


# A range across months: "29 June - 1 July 2004" (its first day is the date).
_MONTHS_RANGE = re.compile(r"\b(\d{1,2}\s+[A-Za-z]{3,}\.?)(\s*[-–—]\s*\d{1,2}\s+[A-Za-z]{3,}\.?)(?=,?\s+\d{4})")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def normalise_date(value: str) -> str | None:
    """A user-supplied date as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; None if unreadable."""
    value = str(value).strip()
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
        return value
    iso, span = find_date(value)
    return iso if span and value[span[0]:span[1]].strip() == value.strip(" .") else None


# ------------------------------------------------------------- salutations

_SALUTATION = re.compile(
    r"^(?:(?:my\s+)?dear\s+.{0,80}"
    r"|(?:mr|mrs|ms|madam|madame|mister)\.?\s+(?:president|chair(?:man|person|woman)?|co-?chairs?|"
    r"(?:deputy[- ])?secretary[- ]general|moderator|speaker|vice[- ]president).{0,40}"
    r"|(?:your\s+)?(?:excellenc(?:y|ies)|majest(?:y|ies)|highness(?:es)?|royal highness(?:es)?).{0,40}"
    r"|(?:distinguished|honou?rable|esteemed|dear|fellow)\s+.{0,60}"
    r"|ladies\s+and\s+gentlemen.{0,20}|colleagues|friends|dear friends|all protocol observed"
    r"|(?:distinguid[oa]s?|estimad[oa]s?|excelent[ií]sim[oa]s?|señor(?:a|as|es)?|señoras\s+y\s+señores|"
    r"mesdames|messieurs|monsieur|chers?|chères?)\s.{0,110}"  # Spanish and French salutations
    r"|(?:heads?\s+of\s+(?:state|government|delegation)s?).{0,60}"
    r"|(?:special representative|president|deputy secretary[- ]general|secretary[- ]general|"
    r"director[- ]general|chair(?:person)?|co-?chairs?|ministers?|ambassadors?)[^.!?]{0,80}"
    r")[,:;!]?$",
    re.I,
)


_BULLET = re.compile(r"^[-•−–—*·]\s+")


# A press headline that opens with an office and says in what the office speaks ("Deputy
# Secretary-General, in remarks to conference on X," / "urges ..." on the next line): no salutation.
_HEADLINE_IN = re.compile(r",\s+in\s+(?:(?:his|her|their|a|an|the|opening|closing|keynote|video|recorded|"
                          r"written)\s+)*(?:remarks|message|statement|address|speech|briefing|report)s?\b", re.I)


def is_salutation(line: str) -> bool:
    """True for a salutation line such as "Mr. President," or "Dear Excellencies," (also bulleted: "- Excellencies,")."""
    line = _BULLET.sub("", line.strip())
    if _HEADLINE_IN.search(line):
        return False
    return bool(line) and len(line) <= 120 and line[-1:] in ",:;!" and bool(_SALUTATION.match(line)) \
        or line.lower().rstrip(",:;!.") in {"excellencies", "ladies and gentlemen", "colleagues", "friends"}


# ---------------------------------------------------------- kinds of line

class Kind(Enum):
    """What a line is in a statement's opening."""

    FURNITURE = "furniture"    # site navigation, logo text, breadcrumbs, share buttons
    SALUTATION = "salutation"  # "Mr. President,", "Excellencies,"
    DATE = "date"              # a dateline: date with place, venue or time
    SYMBOL = "symbol"          # a document symbol: "SG/SM/18123", "DSG/SM/1102-REF/1234"
    NOTE = "note"              # "[as delivered]", "Check against delivery", "EMBARGOED UNTIL ..."
    DELIVERED = "delivered"    # "[Delivered by Ms. X, ...]", "Delivered by: X"
    INTRO = "intro"            # "Following are ... remarks ..., in Nairobi today:"
    PLACE = "place"            # "Geneva", "NEW YORK, NEW YORK", "UN Headquarters, New York"
    HEADER = "header"          # any other short line or title sentence: title, name, role, event
    PROSE = "prose"            # the first body paragraph: the header ends before it


# Words of site navigation. A short line made only of these (and punctuation) is furniture.
_FURNITURE_TEXT = """
    print share email e-mail tweet facebook twitter x linkedin whatsapp instagram youtube flickr
    watch video videos listen audio download pdf menu search home back top skip main content related
    aller au contenu principal pasar al contenido ir fil d'ariane
    news media press release releases statements speeches statement's and the to of a logo photo
    photos close more read language languages select page
    subscribe contact follow us all view copy link icon sites site country profile website form for
    navigation toggle open in progress at live now latest meetings coverage welcome it's your world
    header image printout printer friendly version also available source player sign up donate get
    involved stay informed learn who we are what do our work about breadcrumb you here is are un
    united nations previous next article articles section sections documents resources this versions
    english french spanish russian chinese arabic portuguese german français francais español espanol
    русский 中文 عربي العربية português deutsch italiano
"""
FURNITURE_WORDS = frozenset(_FURNITURE_TEXT.split())
# A label before the occasion's name on statement pages ("At" / "Second Regional Review ...").
OCCASION_LABEL = re.compile(r"(?:at|event|occasion)\s*:?", re.I)
_SECTION = re.compile(r"(?:statements|speeches|press releases|news(?: and media)?)"
                      r"(?:\s+(?:and|&)\s+(?:statements|speeches))?$", re.I)
_SEPARATORS = re.compile(r"\s(?:[›»>|•·]|/)\s")
_SYMBOL = re.compile(r"^(?:Press Release\s+)?[A-Z]{1,6}(?:/[A-Z0-9.]+)+(?:-[A-Z]{2,6}/\d+(?:/[A-Z0-9.]+)*)*"
                     r"(?:\s*\|)?$")
# Notes on the text, never metadata: delivery notes, embargoes (their time is not the
# date of delivery), the information services' "not an official document", translations.
_NOTE = re.compile(
    r"^[\[(–—-]*\s*(?:as delivered|as prepared(?: for delivery)?|(?:please |to )?check against delivery|"
    r"embargo(?:ed)?\b.*|not for (?:publication|release|broadcast|distribution)\b.*|"
    r"for information (?:only|media)\b.*|not an official (?:document|record)\b.*|"
    r"(?:un)?edited version of (?:the )?(?:delivered )?(?:remarks|statement|speech)|"
    r"unofficial translation|original:.*|"
    r"bilingual\b.*|english version|translation|near verbatim\b.*|as written|video message|"
    r"statement as delivered|speech as delivered|remarks as delivered|"
    r"(?:all )?check against delivery)\s*[\])–—-]*\.?$", re.I)
# "Delivered by", "[Read by ...]", "as delivered by", "Delivered on behalf of the Secretary-General by".
# (a page may misspell the verb: "Deliverd by", "Delievered by")
DELIVERED_BY = (r"(?:as\s+)?(?:deli(?:e)?ve?r{1,2}e?d|read(?:\s+out)?|presented)\s+(?:on\s+(?:his|her|their)\s+behalf\s+"
                r"|on\s+behalf\s+of\s+[^\[\]()]{1,80}?\s+)?by\b:?")
_DELIVERED = re.compile(rf"^[\[(]?\s*{DELIVERED_BY}", re.I)
_INTRO = re.compile(r"^(?:\d{8}\s+)?(?:advance\s+text\s+)?(?:(?:the\s+)?following\s+(?:is|are|was|were|statement)|this\s+is\s+the\s+(?:full\s+)?text\s+of)\b"
                    r".*(?::|\b(?:today|yesterday|tonight))\s*$", re.I)  # a copy may drop the colon after "today"
# A news dateline opening a press release's paragraph: "NEW YORK, 15 December (UN Headquarters) -- ",
# "VIENNA 18 December (UN Information Service) - ", "Vienna (Austria) 18 December 2021 – ",
# "NEW YORK/ HONG KONG, 3 September 2015 – ", "GENEVA, 18 December 2015 – ".
PRESS_DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,30}(?:/\s?[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,30})?"
    r"|[A-ZÀ-Þ][\w.'’-]+(?:\s[A-ZÀ-Þ][\w.'’-]+)?)"
    r"(?:\s*\([A-ZÀ-Þ][\w .'’-]{2,30}\)|,\s*[A-ZÀ-Þ][\w .'’-]{2,30}?(?=,|\s+[A-Z][a-z]{2,}\.?\s+\d))?,?\s+"
    r"(?P<date>\d{1,2}\s+[A-Za-z]{3,}\.?(?:\s+\d{4})?|[A-Za-z]{3,}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
    r"(?:\s*\((?:UN|United Nations|UNIC|UNIS|UNHCR|IOM|OHCHR|UNICEF|DPI)\b[^()]{0,40}\))?"
    r"(?:\s*/\s*[A-Z][\w .'’()-]{1,40}\s*/)?"  # a wire service's tag: "ROME, 18 June 2015 / PRN Africa / --",
    r"\s*(?:--|[–—-])(?:\s+|$)")  # "GENEVA, Switzerland, May 22, 2022/APO Group/ --" (a line of its own)


def press_dateline(text: str) -> tuple[str | None, str, str]:
    """(the dateline's city, its date as written, the text after it) when `text` opens with a
    news dateline whose city is a known place; (None, "", text) otherwise."""
    m = PRESS_DATELINE.match(text)
    city = places.city(re.split(r"\s*/\s*", m["city"])[0].strip()) if m else None
    return (city, m["date"], text[m.end():]) if city else (None, "", text)
_THANKS = re.compile(r"^(?:thank you|thanks|good (?:morning|afternoon|evening)|bonjour|buenos días)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "on", "for", "and", "or", "to", "at", "in", "with", "by", "from", "as", "into", "over", "under", "about", "between", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these", "those", "de", "la", "le", "du", "des", "el", "los", "las", "y", "et", "da", "do", "dos", "van", "von", "der"])
_REMARKS_START = re.compile(
    r"^(?:(?:opening|closing|welcoming|welcome|keynote|introductory|concluding|video|special|"
    r"recorded|written|joint|final|acceptance|inaugural|farewell)\s+)*(?:statement|remarks|address|speech|message|briefing|lecture|"
    r"intervention|presentation|report|keynote|press\s+(?:conference|encounter|briefing|remarks|stakeout))\b", re.I)
# More header lines than this before a body paragraph means the text has no header.
MAX_HEADER_LINES = 25
PROSE_MIN_WORDS = 12
PROSE_LOWER_SHARE = 0.3
LONG_SENTENCE_WORDS = 35


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", line)


def is_caps(text: str) -> bool:
    """Whether the letters of `text` are (almost) all capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9


# Notices of web archives and language switches: "You are viewing an archived web page ...",
# "Available in EnglishEspañol".
_SITE_NOTICE = re.compile(r"^(?:you are viewing an archived web page|this page was captured|loading media information|"
                          r"available in\s+(?:english|français|español)|see all versions of this archived page|"
                          r"you are on page\s*\d+\s*of\s*\d+$)", re.I)  # a document viewer's pager


def is_furniture(line: str) -> bool:
    """Site furniture: navigation, share buttons, logo text, breadcrumbs, section names."""
    if _SITE_NOTICE.match(line.strip()):
        return True
    words = [w.lower().strip("'’") for w in _words(line)]
    if len(words) >= 5 and all(len(w) == 1 for w in words):
        return True  # a letterhead in spaced capitals: "U N I T E D  N A T I O N S"
    if not words or len(words) > 12 or OCCASION_LABEL.fullmatch(line.strip()):
        return False
    if "logo" in words or (len(words) <= 5 and _SECTION.search(line.strip(" :"))):
        return True
    if words[0] in ("statements", "speeches", "news", "press") and not find_roles(line) and not find_date(line)[0] \
            and not _REMARKS_START.match(line):  # not "Press Conference by the Executive Director on X"
        return True  # a section name with the site's name: "Statements Office of the ..."
    if len(_SEPARATORS.findall(line)) >= 2 and not find_date(line)[0]:
        return True  # breadcrumbs: "Home › News › Statements"
    return all(w in FURNITURE_WORDS or places.VENUE_WORDS.fullmatch(w) for w in words)


def _lower_content_share(line: str) -> float:
    words = _words(line)
    lower = [w for w in words if w[:1].islower() and w.lower() not in FUNCTION_WORDS]
    return len(lower) / max(1, len(words))


_OPEN_END = re.compile(r"(?:[,;]|\b(?:" + "|".join(sorted(FUNCTION_WORDS)) + r"))$", re.I)


def _opens_header_element(line: str) -> bool:
    """A line that a header line may be followed by (so that line is not wrapped prose)."""
    return bool(is_salutation(line) or _SYMBOL.match(line) or _NOTE.match(line) or _DELIVERED.match(line)
                or (len(_words(line)) <= 14 and _is_dateline(line)))


def is_prose(line: str, next_line: str = "") -> bool:
    """Whether `line` reads as a body paragraph (or its first wrapped line).

    A sentence with words in lower case, a greeting or thanks ("Thank you, Mr.
    Chairman"), a line the next line continues (in lower case, or after a comma or
    a function word), or a long line mostly in lower case that runs on into another
    such line (hard-wrapped text). A long title without a full stop, followed by a
    blank line or a dateline, is not prose.
    """
    words = _words(line)
    if _THANKS.match(line):
        return True
    if is_caps(line) or not words:
        return False
    share = _lower_content_share(line)
    if _wrapped_title(line, next_line):
        return False  # "International Day of commemoration" / "in memory of the victims of X"
    if next_line and not _INTRO.match(line) and share > 0 and (
            next_line[:1].islower() or (_OPEN_END.search(line) and not _opens_header_element(next_line)
                                        and not (_REMARKS_START.match(line) and (_has_signal(next_line) or find_date(next_line)[0])))):
        return True  # ("Opening remarks at the 66th session of the" / "Executive Committee ... Name, Office. Geneva, 5 ...")
    if _SENTENCE_END.search(line) and len(words) >= 3 and share > 0 and not _quoted_theme(line) \
            and not (_QUOTED_TAIL.match(line) and _opens_header_element(next_line)):
        return True  # (a theme in quotation marks on its own line, over a dateline, is a title's)
    return len(words) >= PROSE_MIN_WORDS and share >= PROSE_LOWER_SHARE and bool(next_line) \
        and _lower_content_share(next_line) >= PROSE_LOWER_SHARE and not _opens_header_element(next_line)


def _wrapped_title(line: str, next_line: str) -> bool:
    """A short name in capitals but for one word, wrapped onto a short lower-case line that goes
    on with a preposition and ends with no stop ("International Day of commemoration" / "in memory
    of the victims of X"): a title on two lines, not a paragraph."""
    return bool(next_line) and len(_words(line)) <= 8 and line[:1].isupper() and not _SENTENCE_END.search(line) \
        and line[-1:] not in ",;:" and _lower_content_share(line) <= 0.5 \
        and bool(re.match(r"(?:in|of|on|for|at|to)\s", next_line)) and len(_words(next_line)) <= 10 \
        and not _SENTENCE_END.search(next_line) and next_line[-1:] not in ",;:"


_QUOTED_TAIL = re.compile(r"[“\"«][^“”\"«»]*[”\"»]\s*$")


def _quoted_theme(line: str) -> bool:
    """A name in capitals with its theme in quotation marks ("Fifth Annual Forum: “Young people on
    the move: their rights. Their voices.”"): the full stop is the quotation's, not a sentence's."""
    m = _QUOTED_TAIL.search(line)
    head = line[:m.start()].rstrip(" :,–—-") if m else ""
    head = re.sub(r"\b\d+(?:st|nd|rd|th)\b", "", head)  # "6th"
    return bool(m) and len(_words(head)) >= 2 and _lower_content_share(head) == 0 and not _SENTENCE_END.search(head)


def _long_sentence(line: str) -> bool:
    """A long sentence in lower case ("In his opening statement to the 61st Session ..., the
    High Commissioner will set out ...") is a paragraph, whatever office or date it names."""
    return len(_words(line)) >= LONG_SENTENCE_WORDS and bool(_SENTENCE_END.search(line)) \
        and _lower_content_share(line) >= PROSE_LOWER_SHARE


def _is_dateline(line: str) -> bool:
    iso, span = find_date(line)
    if not iso:
        return False
    rest = _TIME.sub(" ", line[:span[0]] + " " + line[span[1]:])
    if _REMARKS_START.match(rest.strip()) and re.search(r"\b(?:by|of)\s", rest):
        return False  # "Acceptance speech by X on 7 June 2022": a title with its date
    rest = re.sub(r"(?i)\b(?:date|published|publish|posted|updated|on|also available in)\b:?", " ", rest)
    return len(_words(rest)) <= 6


_ORG_PREFIX = re.compile(r"(?:the\s+)?(?:[A-Z]{2,7}\s+){1,2}")  # "UNHCR High Commissioner", "IOM Director General"


def leads(line: str, role) -> bool:
    """Whether the office `role` (a RoleMention) opens `line`, after at most "The" or an
    organisation's initials."""
    return role.start <= 4 or bool(_ORG_PREFIX.fullmatch(line[:role.start]))


def _has_signal(line: str) -> bool:
    """A header title sentence: an office and a date or a kind of remarks ("Secretary-General's
    remarks at ...", "Opening statement ... High Commissioner ... 3 October 2016")."""
    roles = find_roles(line)
    if roles and leads(line, roles[0]) and _REMARKS_START.match(re.sub(r"^['’]s?\s+", "", line[roles[0].end:])):
        return True
    return bool(roles) and (bool(find_date(line)[0]) or bool(_REMARKS_START.match(line))) \
        or bool(_REMARKS_START.match(line) and find_date(line)[0])


def _is_address_list(line: str) -> bool:
    """ "Your Royal Highness Prince Philip, Prime Minister, Excellencies, Ladies and Gentlemen," """
    if _HEADLINE_IN.search(line):
        return False
    parts = [p.strip() for p in re.split(r"[,;]", line.rstrip(",:;")) if p.strip()]
    if len(parts) >= 3 and line[-1:] in ",:" and is_salutation(parts[-1] + ",") and _GREETING.search(parts[-1]) \
            and not any(len(p.split()) > 12 for p in parts):
        return True  # "Name, Federal Counsellor, Name, Forum Chair, Ladies and Gentlemen,": people addressed
    if len(parts) < 2 or not is_salutation(parts[0] + ",") or any(len(p.split()) > 12 for p in parts):
        return False
    if line[-1:] in ",:;":
        return True
    return sum(is_salutation(p + ",") for p in parts) >= 2 / 3 * len(parts) and not _is_byline(parts)


_GREETING = re.compile(r"\b(?:excellenc\w+|ladies|gentlemen|colleagues|friends|delegates|distinguished|dear|"
                       r"honou?rable|guests|participants|members)\b", re.I)


def _is_byline(parts: list[str]) -> bool:
    """ "Ambassador William Lacy Swing, Director General, International Organization for
    Migration": an honorific and a full name with offices, no greeting (a name line)."""
    honorific = _HONORIFIC.match(parts[0])
    name = parts[0][honorific.end():].split() if honorific else []
    return len(name) >= 2 and all(w[:1].isupper() for w in name) and not _ADDRESSED.match(" ".join(name)) \
        and not any(_GREETING.search(p) for p in parts)


def _runs_on(line: str, following: list[str]) -> bool:
    """Whether `line` starts a wrapped paragraph: the next line of its block is prose
    ("As a freshly minted Foreign" / "Minister, I am delighted to ...")."""
    if not following or _SENTENCE_END.search(line) or line.endswith(":") or is_caps(line) \
            or _opens_header_element(following[0]):
        return False
    short_or_lower = len(_words(line)) <= 4 or _lower_content_share(line) > 0
    return short_or_lower and is_prose(following[0], following[1] if len(following) > 1 else "")


_FIRST_PERSON = re.compile(r"^(?:I|We)\s+(?!the\b)[a-z]")  # a clause in the first person ("We the Peoples" is a title)


# A photo's credit ("©UN Photo/Name", "Photo: UNICEF/Name"): furniture, and so is the caption above it.
PHOTO_CREDIT = re.compile(r"^(?:©|\(c\)\s|copyright\s|photo(?:\s+credit)?\s*:\s*)\s*\S.{0,60}$|^(?:UN|UNHCR|UNICEF|IOM)\s+Photo/\S",
                          re.I)


def _caption(lines: list[str], i: int) -> bool:
    """Whether line `i` is a photo's caption: the next line (after at most one blank) is its credit."""
    after = [line.strip() for line in lines[i + 1:i + 3] if line.strip()]
    return bool(after) and bool(PHOTO_CREDIT.match(after[0]))


def _alt_text(lines: list[str], i: int) -> bool:
    """Whether line `i`, before anything else, is an image's text: one short sentence on its own
    ("Group of people wait by the side of the street.") over short title lines, one of which says who
    speaks or in what ("Secretary-General's Message"), and then the body."""
    line = lines[i].strip()
    if len(_words(line)) > 15 or not _SENTENCE_END.search(line) or (i + 1 < len(lines) and lines[i + 1].strip()):
        return False
    after = [x.strip() for x in lines[i + 1:i + 12] if x.strip()][:4]
    titles = []
    for x in after:
        if len(_words(x)) > 12 or _SENTENCE_END.search(x):
            break
        titles.append(x)
    return bool(titles) and any(_has_signal(t) for t in titles) and len(titles) < len(after)


def line_kind(line: str, following: Sequence[str] = ()) -> Kind:
    """What `line` (stripped, not blank) is; `following` are the (up to two) lines
    after it in the same block, which tell a wrapped paragraph."""
    following = [f for f in following[:2]]
    next_line = following[0] if following else ""
    if is_salutation(line) or _is_address_list(line) or (line[-1:] in ",;" and following
                                                          and is_salutation(following[0])) \
            or addresses_before_salutation(line, following):
        return Kind.SALUTATION
    if _SYMBOL.match(line):
        return Kind.SYMBOL
    if _NOTE.match(line):
        return Kind.NOTE
    if _DELIVERED.match(line):
        return Kind.DELIVERED
    if _INTRO.match(line) or _INTRO.match(press_dateline(line)[2]):
        return Kind.INTRO
    if len(_words(line)) <= 14 and _is_dateline(line):
        return Kind.DATE
    if is_furniture(line) or PHOTO_CREDIT.match(line) or re.fullmatch(r"(?:https?://|www\.)\S+", line):  # a page's address
        return Kind.FURNITURE
    if places.is_place_line(line):
        return Kind.PLACE
    if _FIRST_PERSON.match(line):
        return Kind.PROSE  # "I took the floor ... before the General" (hard-wrapped): no title speaks so
    if len(_words(line)) <= 70 and _has_signal(line) and not next_line[:1].islower() and not _long_sentence(line):
        return Kind.HEADER
    if DELIVERED_AT.match(line) and len(_words(line)) <= 40:
        return Kind.HEADER  # "Delivered during the 357th Session of the X in Bangkok, Thailand."
    if is_prose(line, next_line) or _runs_on(line, following):
        return Kind.PROSE
    return Kind.HEADER


def addresses_before_salutation(line: str, following: Sequence[str]) -> bool:
    """True for the first of the addressees listed line by line before "Excellencies," ("His
    Excellency Mr. X, Permanent Representative of ..., Vice-President of the General
    Assembly," / "Director-General Amy Pope," / "Excellencies,"): an honorific or an office
    first, a comma last, then another such line and a salutation."""
    return line[-1:] == "," and len(following) >= 2 and following[0][-1:] == "," \
        and is_salutation(following[1]) and bool(_HONORIFIC.match(line) or _ADDRESSED.match(line))


# -------------------------------------------------------------- splitting

_HONORIFIC = re.compile(r"^(?:(?:H\.\s?E\.|His Excellency|Her Excellency|Mr|Mrs|Ms|Dr|Ambassador|(?:The\s+)?(?:Rt\.?\s+)?Hon|"
                        r"(?:The\s+)?(?:Right\s+)?Honou?rable)\.?\s+)+")
_ADDRESSED = re.compile(r"^(?:president|secretary[\s-]general|secretary|chair\w*|co-chairs?|vice[\s-]president|"
                        r"moderator|speaker)\b", re.I)


# Where remarks were given, as a line of its own: "Delivered during the 357th Session of the X".
DELIVERED_AT = re.compile(r"^(?:delivered|given|presented)(?=\s+(?:during|at|to|before|on the occasion of)\s)", re.I)
# A kind of remarks after a possessive or a dash: "X: Executive Secretary's Remarks", "Name, Office - Statement ...".
# What a summary or transcript of remarks is called before their kind: "Highlights of press conference by X".
REPORT_OF = re.compile(r"^(?:highlights|transcript|summary|excerpts?)\s+of\s+(?:the\s+|a\s+)?(?=\w)", re.I)
_KIND_INSIDE = re.compile(r"(?:['’]s|\s[–—|-]|:)\s+(?:(?:opening|closing|keynote|video|welcome|welcoming)\s+)?"
                          r"(?:statement|remarks|speech|address|message)\b", re.I)
# An organisation's statement for an occasion: "UN Women Statement for International Migrants Day".
_ORG_REMARKS = re.compile(r"^(?:[A-Z][\w-]*\s+){1,3}(?i:statement|remarks|message|address|speech)\s+"
                          r"(?:for|at|to|on the occasion of)\s+(?:the\s+)?[A-Z0-9][^.!?]*$")


# An honorific's name and an office not in the table after it: "Mr. Thomas Gass Assistant Secretary-General for ...".
_BYLINE_OFFICE = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]+\s+){2,4},?\s*(?:(?:deputy|assistant|under|executive|acting)[\s-]+)*"
                            r"(?:secretary[\s-]general|director(?:[\s-]general)?|executive\s+secretary|high\s+commissioner|"
                            r"special\s+(?:representative|rapporteur|envoy|adviser)|administrator|coordinator)\b", re.I)


SIGNED_HEADLINE = re.compile(r"^(?P<who>[^:,]{3,40}):\s+\S")  # an op-ed's headline after its author's name


def says_who_or_when(item: str, kind: Kind) -> bool:
    """Whether a header line is one a statement header has: a dateline, a place, a press
    symbol or introducing sentence, a delivery note, a title with a kind of remarks or
    an office, a line that is only an office ("THE DEPUTY SECRETARY-GENERAL"), or an
    honorific, a name and an office. Salutations and invocations are not."""
    if kind in (Kind.DATE, Kind.PLACE, Kind.SYMBOL, Kind.INTRO, Kind.DELIVERED, Kind.NOTE):
        return True
    if kind is not Kind.HEADER:
        return False
    roles = find_roles(item)
    covered = sum(r.end - r.start for r in roles)
    honorific = _HONORIFIC.match(item)
    named = honorific and not _ADDRESSED.match(item[honorific.end():])
    item = REPORT_OF.sub("", item)  # "HIGHLIGHTS OF PRESS CONFERENCE BY ..."
    return bool(_REMARKS_START.match(item) or _ORG_REMARKS.match(item) or DELIVERED_AT.match(item)
                or bool(re.match(r"by\s", item) and _BYLINE_OFFICE.match(item[3:]))  # "by NAME NAME Assistant ..."
                or _KIND_INSIDE.search(item) or find_date(item)[0]
                or covered >= 0.6 * len(item.strip(" ,.:"))
                or (roles and leads(item, roles[0])
                    and _REMARKS_START.match(re.sub(r"^['’]s?\s+", "", item[roles[0].end:])))
                or (roles and _REMARKS_START.match(item[roles[0].end:].lstrip(" )]")))  # "Name (Office) Keynote ..."
                or bool((signed := SIGNED_HEADLINE.match(item)) and known_person(signed["who"]))  # "Ban Ki-moon: Handle ..."
                or (roles and named)
                or bool(named and _BYLINE_OFFICE.match(item[honorific.end():])))  # "Mr. X Y Assistant Secretary-General"


def _following(lines: list[str], i: int) -> list[str]:
    """The (up to two) lines after line `i` in its block (none after a blank line)."""
    out = []
    for line in lines[i + 1:i + 3]:
        if not line.strip():
            break
        out.append(line.strip())
    return out


_SENTENCE_BREAK = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)(?<!\bNo)(?<!\b[A-Z])\.\s+(?=\S)")


def _standfirst(line: str, after: list[str]) -> bool:
    """A one- or two-sentence summary over the statement's own dateline ("X stressed ..., in a speech at
    the Y in Z." / "Statement | Z | 11 December 2018"): part of the header."""
    nxt = [a.strip() for a in after if a.strip()][:1]
    breaks = len(_SENTENCE_BREAK.findall(line))  # ("Mr. X" is no sentence break)
    return bool(nxt) and len(_words(line)) <= 60 and breaks <= 1 \
        and (not _FIRST_PERSON.match(line) or bool(re.match(r"(?i)(?:statement|speech|message|remarks)\s*\|", nxt[0]))) \
        and len(_words(nxt[0])) <= 14 and _is_dateline(nxt[0])  # (a quoted opening over "Statement | Geneva | <date>")


def _header_end(lines: list[str]) -> tuple[int | None, list[Kind | None]]:
    """(index of the first body line, kinds of the lines before it); the index is None
    when the text has no header before a body. Lines are read only up to the body."""
    in_salutations = False
    content = 0
    kinds: list[Kind | None] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        kind = line_kind(stripped, _following(lines, i)) if stripped else None
        if kind is None or kind is Kind.FURNITURE:
            kinds.append(kind)
            continue
        if kind is Kind.PROSE and ((content and _caption(lines, i)) or (not content and _alt_text(lines, i))):
            kinds.append(Kind.FURNITURE)  # a photo's caption under the title, or an image's text above it
            continue
        if kind is Kind.PROSE and (_continues_header(stripped, kinds) or _continues_title(stripped, lines, i, kinds) or (
                not in_salutations and _standfirst(stripped, lines[i + 1:i + 4]))):
            kind = Kind.HEADER
        if kind is Kind.PROSE or (in_salutations and kind is not Kind.SALUTATION):
            return (i if (content or in_salutations) else None), kinds
        kinds.append(kind)
        in_salutations = in_salutations or kind is Kind.SALUTATION
        content += kind is not Kind.SALUTATION
        if content > MAX_HEADER_LINES:
            break
    return None, kinds


_CONTINUATION = re.compile(r"^(?:at|to|on the occasion of|during|before|on|of|for|in|and)\s", re.I)


def _continues_header(line: str, kinds: list[Kind | None]) -> bool:
    """A short line in lower case right under a title line, with no full stop: the title's
    occasion wrapped onto lines of their own ("Statement by ..." / "President of X" / "at the
    General Debate of the 74th Session" / "of the United Nations General Assembly")."""
    return bool(kinds) and kinds[-1] is Kind.HEADER and line[:1].islower() and bool(_CONTINUATION.match(line)) \
        and len(_words(line)) <= 14 and not _SENTENCE_END.search(line)


def _continues_title(line: str, lines: list[str], i: int, kinds: list[Kind | None]) -> bool:
    """A short line of capitalised words right under a title line that stops on a function
    word ("... opening statement to the 73rd session of the" / "UNHCR Executive Committee"):
    the title's end, even when the page repeats the title after it."""
    prev = lines[i - 1].strip() if i else ""
    return bool(kinds) and kinds[-1] is Kind.HEADER and bool(prev) and bool(re.search(
        r"\b(?:" + "|".join(sorted(FUNCTION_WORDS)) + r")$", prev, re.I)) and line[:1].isupper() \
        and len(_words(line)) <= 14 and not _SENTENCE_END.search(line) and _lower_content_share(line) == 0


def split_header(text: str) -> tuple[list[list[str]], str]:
    """Split markdown-free, normalised text into (header blocks, body text).

    The header is every line before the first body paragraph (or the first line
    after the salutations), less site furniture; blocks are its runs of lines
    between blank lines. A text that opens with a body paragraph, or has nothing
    but header-like lines, has no header: ([], text).
    """
    lines = text.split("\n")
    end, kinds = _header_end(lines)
    if end is None:
        return [], text
    blocks: list[list[str]] = [[]]
    for line, kind in zip(lines[:end], kinds[:end], strict=True):
        if kind is None:
            if blocks[-1]:
                blocks.append([])
        elif kind is not Kind.FURNITURE:
            blocks[-1].append(line.strip())
    blocks = [b for b in blocks if b]
    body = "\n".join(lines[end:])
    if not blocks or body.lstrip()[:1].islower():
        return [], text
    kept = [(line, kind) for line, kind in zip(lines[:end], kinds, strict=False) if kind is not None]
    if not any(says_who_or_when(line.strip(), kind) for line, kind in kept) or _opening_address(kept):
        return [], text  # salutations or an invocation only: part of the speech, not a header
    return blocks, body


def _opening_address(kept: list[tuple[str, Kind]]) -> bool:
    """Lines that address people ("H.E. Mr. X, President of the General Assembly," / "His
    Excellency the Secretary-General,") running into salutations: the speech's opening."""
    raw = [line.strip() for line, kind in kept if kind not in (Kind.SALUTATION, Kind.FURNITURE)]
    lines = [_BULLET.sub("", line) for line in raw]
    if not lines or any(_REMARKS_START.match(line) or re.search(r"\bby\b", line, re.I) for line in lines):
        return False
    greets = any(kind is Kind.SALUTATION for _, kind in kept) or lines[-1][-1:] == "," \
        or any(_SALUTATION.fullmatch(line.rstrip(".…")) for line in lines)  # "Distinguished Delegates"
    if not greets:
        return False
    # each line ends like an address ("H.E. Mr. X, President of the General Assembly,"), or addresses
    # someone ("His Excellency Mr. X, President of ..."), or is the office of the person addressed
    # on the line before ("His Excellency Mr. X," / "President of the Seventy-fifth General Assembly"),
    # or greets a group ("Heads of State and Government")
    return all(line[-1:] in ",;" or _VOCATIVE.match(line) or _SALUTATION.fullmatch(line.rstrip(".…"))
               or (_BULLET.match(raw[i]) and _HONORIFIC.match(line) and find_roles(line))  # "• Mr X, Secretary-General"
               or (i and (lines[i - 1][-1:] == "," or _VOCATIVE.match(lines[i - 1])
                          or _SALUTATION.fullmatch(lines[i - 1].rstrip(".…")))
                   and find_roles(line) and leads(line, find_roles(line)[0]))
               for i, line in enumerate(lines))


# Forms that address someone present: "His Excellency Mr. X", "Your Excellency", "Honorable President".
_VOCATIVE = re.compile(r"^(?:(?:his|her|their|your)\s+(?:royal\s+)?(?:excellenc(?:y|ies)|majest(?:y|ies)|highness(?:es)?)"
                       r"|honou?rable|respected|esteemed)\b", re.I)
