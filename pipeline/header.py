"""Speech headers: split the header block off the body and parse its metadata.

Speeches published by UN offices open with a block of short lines: who speaks
(a name and title, or only a role such as "THE DEPUTY SECRETARY-GENERAL"), the
kind of remarks and the event, the date and place, then salutation lines
("Mr. President,", "Excellencies,"). `split_header` finds that block,
`parse_header` turns it into metadata, and `resolve_role` names the person who
held a role on a date, from the officeholder table shipped in resources/.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline import config

# ------------------------------------------------------------------ dates

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:[-–—]\s*\d{1,2}(?::\d{2})?\s*)?(?:[ap]\.?m\.?|h\d{2}|hrs?)\b"
                   r"|\b\d{1,2}:\d{2}\b", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str | None, re.Match | None]:
    """The first date in `text` as ISO `YYYY-MM-DD` (or `YYYY-MM`), with its match.

    Understands "27 March 2018", "March 27, 2018", "2018-03-27" and "March 2018".
    Returns (None, None) when there is no date.
    """
    for pattern, order in ((_ISO_DATE, "ymd"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        m = pattern.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = int(parts["m"]) if parts["m"].isdigit() else _MONTHS[parts["m"].lower().rstrip(".")]
        iso = _iso(int(parts["y"]), month, int(parts["d"]))
        if iso:
            return iso, m
    m = _MONTH_YEAR.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1).lower()]:02d}", m
    return None, None


def normalise_date(value: str) -> str | None:
    """A user-supplied date as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; None if unreadable."""
    value = str(value).strip()
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
        return value
    iso, m = find_date(value)
    return iso if m and m.group(0).strip() == value.strip(" .") else None


# ----------------------------------------------------------- officeholders

@dataclass(frozen=True)
class Term:
    person: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Role:
    name: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...] = field(default_factory=tuple)


def _as_date(value: object, *, end: bool) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    year, month, *day = (int(p) for p in text.split("-"))
    if day:
        return dt.date(year, month, day[0])
    if not end:
        return dt.date(year, month, 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=4)
def load_roles(path: Path = config.OFFICEHOLDERS_PATH) -> tuple[Role, ...]:
    """Read the officeholder table (YAML) into Role objects."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    roles = []
    for entry in data["roles"]:
        terms = tuple(
            Term(h["person"], _as_date(h["start"], end=False), _as_date(h.get("end"), end=True))
            for h in entry.get("holders", [])
        )
        aliases = tuple(dict.fromkeys([entry["role"], *entry.get("aliases", [])]))
        roles.append(Role(entry["role"], aliases, terms))
    return tuple(roles)


def _role_key(text: str) -> str:
    text = re.sub(r"^(?:the|his excellency|her excellency|h\.e\.)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[\s\-–]+", " ", text).strip(" ,.:").lower()


def match_role(text: str, roles: tuple[Role, ...] | None = None) -> Role | None:
    """The officeholder role that `text` names exactly (case-insensitive, "the" ignored)."""
    key = _role_key(text)
    for role in roles if roles is not None else load_roles():
        if any(_role_key(alias) == key for alias in role.aliases):
            return role
    return None


def resolve_role(role: Role, date: str | None) -> str | None:
    """The person who held `role` on `date` (ISO, `YYYY-MM` or `YYYY`), or None.

    With only a year (or month) known, the answer is given only when a single
    person held the role during that whole period's overlap.
    """
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        lo = hi = dt.date(*parts)
    elif len(parts) == 2:
        lo = dt.date(parts[0], parts[1], 1)
        hi = dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    else:
        lo, hi = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    holders = {
        t.person for t in role.terms
        if t.start <= hi and (t.end is None or t.end >= lo)
    }
    if len(holders) == 1:
        return holders.pop()
    if len(parts) == 3:
        # Overlapping month-precision terms (sessions change mid-month): latest start wins.
        current = [t for t in role.terms if t.start <= lo and (t.end is None or t.end >= lo)]
        if current:
            return max(current, key=lambda t: t.start).person
    return None


# ------------------------------------------------------------- salutations

_SALUTATION = re.compile(
    r"^(?:(?:my\s+)?dear\s+.{0,80}"
    r"|(?:mr|mrs|ms|madam|madame|mister)\.?\s+(?:president|chair(?:man|person|woman)?|co-?chairs?|"
    r"secretary[- ]general|moderator|speaker|vice[- ]president).{0,40}"
    r"|(?:your\s+)?(?:excellenc(?:y|ies)|majest(?:y|ies)|highness(?:es)?|royal highness(?:es)?).{0,40}"
    r"|(?:distinguished|honou?rable|esteemed|dear|fellow)\s+.{0,60}"
    r"|ladies\s+and\s+gentlemen.{0,20}|colleagues|friends|dear friends|all protocol observed"
    r"|(?:heads?\s+of\s+(?:state|government|delegation)s?).{0,60}"
    r"|(?:special representative|president|deputy secretary[- ]general|secretary[- ]general|"
    r"director[- ]general|chair(?:person)?|co-?chairs?|ministers?|ambassadors?)[^.!?]{0,80}"
    r")[,:;!]?$",
    re.I,
)


def is_salutation(line: str) -> bool:
    """True for a salutation line such as "Mr. President," or "Dear Excellencies,"."""
    line = line.strip()
    return bool(line) and len(line) <= 120 and line[-1:] in ",:;!" and bool(_SALUTATION.match(line)) \
        or line.lower().rstrip(",:;!") in {"excellencies", "ladies and gentlemen", "colleagues", "friends"}


# -------------------------------------------------------------- splitting

_SENTENCE = re.compile(r"\w{2,}[.!?][\"'”’)]*(?:\s|$)")
_PROSE_LINE_WORDS = 14
_MAX_HEADER_BLOCKS = 14
_MAX_HEADER_LINE = 160


def _is_header_like(block: list[str]) -> bool:
    if len(block) > 8 or any(len(line) > _MAX_HEADER_LINE for line in block):
        return False
    joined = " ".join(block)
    if all(is_salutation(line) for line in block):
        return True
    if any(len(line.split()) >= _PROSE_LINE_WORDS and not _is_caps(line) for line in block):
        return False
    return not (_SENTENCE.search(joined) and len(joined.split()) >= 8)


def _header_signal(block: list[str]) -> bool:
    return any(
        is_salutation(line) or _is_caps(line) or find_date(line)[0] or match_role(line) is not None
        for line in block
    )


def split_header(lines_text: str) -> tuple[list[list[str]], str]:
    """Split markdown-free, normalised text into (header blocks, body text).

    The header is the run of leading blocks (blank-line separated) made of short
    non-sentence lines, up to and including the salutation lines. A text whose
    first block is already prose has no header. The body is returned unchanged
    otherwise.
    """
    blocks: list[list[str]] = []
    current: list[str] = []
    raw_lines = lines_text.split("\n")
    consumed = 0
    for i, line in enumerate(raw_lines):
        if line.strip():
            current.append(line.strip())
            continue
        if current:
            if not _is_header_like(current) or len(blocks) >= _MAX_HEADER_BLOCKS:
                break
            blocks.append(current)
            current = []
            consumed = i + 1
    else:
        return [], lines_text  # the whole text is one run: no separate header
    body = "\n".join(raw_lines[consumed:])
    if not blocks or body.lstrip()[:1].islower() or not any(map(_header_signal, blocks)):
        # No header, or the "header" ends mid-sentence, or nothing in it looks
        # like a header (salutation, date, capitals, a role): it is prose.
        return [], lines_text
    return blocks, body


# ---------------------------------------------------------------- parsing

_FUNCTION_END = re.compile(r"\b(?:of|on|for|and|the|to|at|in|with|by|from|a|an)$|[-–,]$", re.I)
_REMARKS = re.compile(
    r"^(?:(?:opening|closing|welcoming|welcome|keynote|introductory|concluding|video|"
    r"statement|remarks|address|speech|message|briefing|lecture|intervention)\b.*?)"
    r"(?:\s+(?:at|to|on the occasion of|during|before|for)\s+(?:the\s+)?(?P<event>.+))?$",
    re.I,
)
_EVENT_WORDS = re.compile(
    r"\b(?:dialogue|conference|summit|forum|meeting|hearings?|session|debate|consultations?|"
    r"symposium|workshop|launch|assembly|council|commission|congress|retreat|seminar|"
    r"roundtable|round table|panel|event|celebration|ceremony|day|week|review)\b",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:secretary|president|director|minister|representative|commissioner|ambassador|chair|"
    r"head|envoy|adviser|advisor|coordinator|rapporteur|administrator|executive|chief|prime|"
    r"king|queen|governor|mayor|deputy|delegate|observer|officer)\b",
    re.I,
)
_NAME = re.compile(
    r"^(?:(?:H\.E\.|His Excellency|Her Excellency|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Ambassador|Professor|Prof\.?)\s+)?"
    r"(?P<name>[A-ZÀ-Þ][\w'’\-.]+(?:\s+(?:[A-ZÀ-Þ][\w'’\-.]*|de|da|del|van|von|der|al|bin|ibn|la|le)){1,4})$"
)
_BY = re.compile(r"^(?:remarks|statement|address|speech|message)\s+(?:delivered\s+)?by\s+", re.I)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@dataclass
class Header:
    """Metadata read from a speech's header block (None where not found)."""

    title: str | None = None
    subtitle: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    event: str | None = None
    date: str | None = None
    place: str | None = None
    venue: str | None = None
    speaker_from_role: bool = False
    lines: list[str] = field(default_factory=list)


def _items(blocks: list[list[str]]) -> list[str]:
    """Re-join header lines that were wrapped; keep separate items apart."""
    items: list[str] = []
    for block in blocks:
        for line in block:
            if items and block and line is not block[0] and _wrapped(items[-1], line):
                items[-1] = f"{items[-1]} {line}".replace("- ", "-") if items[-1].endswith("-") \
                    else f"{items[-1]} {line}"
            else:
                items.append(line)
    return [i for i in items if i.strip(" -–—*")]


def _wrapped(prev: str, line: str) -> bool:
    if is_salutation(line) or (is_salutation(prev) and not line[:1].islower()):
        return False
    if _FUNCTION_END.search(prev) or line[:1].islower():
        return True
    return prev.isupper() and line.isupper() and not _ROLE_WORDS.fullmatch(line.strip())


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9


def recase(text: str, known: tuple[str, ...] = ()) -> str:
    """Turn an ALL-CAPS header line into readable case.

    A line that is (case-insensitively) a known name gets that name's case;
    otherwise sentence case, keeping known names and acronyms inside it.
    Text that is not all caps comes back unchanged.
    """
    if not _is_caps(text):
        return text
    for name in known:
        if name.lower() == text.lower():
            return name
    out = text.lower()
    out = out[:1].upper() + out[1:]
    for name in sorted(known, key=len, reverse=True):
        if len(name) > 3 and any(c.isupper() for c in name[1:] + name[:1]):
            out = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, out)
    return out


@functools.lru_cache(maxsize=2)
def known_names(path: Path = config.GAZETTEER_PATH) -> tuple[str, ...]:
    """Proper names used to re-case ALL-CAPS headers: gazetteer names and aliases."""
    names: list[str] = ["United Nations", "General Assembly", "Security Council", "Member States"]
    if Path(path).exists():
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for entry in data.get("entities", []):
            names.append(entry["name"])
            names.extend(a for a in entry.get("aliases", []) if not a.isupper())
    return tuple(dict.fromkeys(names))


def _place_and_venue(rest: str) -> tuple[str | None, str | None]:
    parts = [p.strip(" ,.;") for p in re.split(r",|\||;|\s[-–—]\s", rest) if p.strip(" ,.;")]
    parts = [p for p in parts if not _TIME.search(p) and not re.fullmatch(r"[\d\s:–-]+", p)]
    venues = [p for p in parts if _ACRONYM.match(p) or re.search(r"\b(?:Headquarters|Hall|Room|Palais|Centre|Center)\b", p)]
    places = [p for p in parts if p not in venues]
    return (places[-1] if places else None), (", ".join(venues) or None)


def _speaker_and_role(item: str, roles: tuple[Role, ...]) -> tuple[str | None, str | None] | None:
    item = _BY.sub("", item)
    if "," in item:
        head, tail = (s.strip() for s in item.split(",", 1))
        m = _NAME.match(head)
        if m and _ROLE_WORDS.search(tail) and not _ROLE_WORDS.search(head):
            return m.group("name"), tail
    m = _NAME.match(item)
    if m and not _ROLE_WORDS.search(item) and not _EVENT_WORDS.search(item) and not _is_caps(item):
        return m.group("name"), None
    return None


def parse_header(blocks: list[list[str]], *, roles: tuple[Role, ...] | None = None,
                 known: tuple[str, ...] | None = None) -> Header:
    """Read title, speaker, role, event, date and place from header blocks.

    A header that names only a role is resolved to the person holding that role
    on the header's date (see `resolve_role`); `speaker_from_role` says so.
    """
    roles = roles if roles is not None else load_roles()
    known = known if known is not None else known_names()
    header = Header()
    role_only: Role | None = None
    for item in _items(blocks):
        header.lines.append(item)
        if is_salutation(item):
            continue
        date, m = find_date(item)
        if date and header.date is None:
            header.date = date
            rest = (item[: m.start()] + " , " + item[m.end():]).strip(" ,")
            header.place, header.venue = _place_and_venue(rest) if rest else (None, None)
            continue
        if _TIME.fullmatch(item.strip()) or re.fullmatch(r"[\d\s:–\-apm.]+", item):
            continue
        role = match_role(item, roles)
        if role is not None and header.speaker_role is None:
            role_only = role
            header.speaker_role = role.name if _is_caps(item) else item.removeprefix("The ").strip()
            continue
        who = _speaker_and_role(item, roles) if header.speaker is None else None
        if who is not None:
            header.speaker, role_text = who
            if role_text:
                header.speaker_role = recase(role_text, known)
            continue
        remarks = _REMARKS.match(item)
        if remarks and header.title is None:
            header.title = recase(item, known)
            if remarks.group("event") and header.event is None:
                header.event = recase(remarks.group("event"), known)
            continue
        if _EVENT_WORDS.search(item) and header.event is None:
            header.event = recase(item, known)
            continue
        if header.title is None:
            header.title = recase(item, known)
        elif header.subtitle is None:
            header.subtitle = recase(item, known)
    if header.speaker is None and role_only is not None:
        header.speaker = resolve_role(role_only, header.date)
        header.speaker_from_role = header.speaker is not None
    return header

