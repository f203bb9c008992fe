"""Who held which UN office when: roles named in headers, resolved to people.

`resources/officeholders.yaml` lists each office (its name, the other ways headers
write it, the words that tell two offices with the same short title apart) and its
holders with their terms and, for the President of the General Assembly, the session.
`find_roles` finds the offices a text names, `resolve_role` the person who held one on
a date, `resolve_session` the President of a numbered session, and `known_person` a
holder's canonical name from any of the forms headers use.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline import config

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An ordinal as headers write a session: "73rd", "seventy-third", "SIXTY-SECOND".
_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
_TENS = ("", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")
ORDINAL = r"\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:[\s-][a-z]+)?"
# A role written after one of these is another office ("Deputy Secretary-General",
# "Special Adviser of the Secretary-General", "on behalf of the Secretary-General").
_QUALIFIED = re.compile(
    r"(?:\b(?:deputy|assistant|under|vice|associate|acting|executive|special)[\s-]*"
    r"|\b(?:representative|adviser|advisor|envoy|spokes\w*|office|cabinet|behalf|chef)\s+(?:of|for|to|on)\s+"
    r"(?:the\s+)?(?:un\s+|united\s+nations\s+)?)$", re.I)
# An office in the possessive before another office names the other one: "the Secretary-General's
# Special Representative for Migration", "Secretary-General's Special Envoy"; before a body it names
# that body ("the Executive Committee of the High Commissioner's Programme", "the Secretary-General's Office").
# An office held ad interim ("Emergency Relief Coordinator, a.i.") is not held by its holder.
_AD_INTERIM = re.compile(r",?\s*(?:a\.\s?i\.|ad\s+interim\b|\((?:acting|a\.\s?i\.|ad\s+interim)\))", re.I)
_POSSESSED_OFFICE = re.compile(r"['’]s?\s+(?:(?:special|personal|senior|deputy)\s+)*(?:representative|envoy|adviser|advisor|"
                               r"spokes(?:man|woman|person)|coordinator|rapporteur|programme|program|office|fund)\b", re.I)


def ordinal_number(text: str) -> int | None:
    """73 for "73rd", "seventy-third" or "SEVENTY THIRD"; None when `text` is no ordinal."""
    text = text.strip().lower()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", text)
    if m:
        return int(m.group(1))
    words = re.split(r"[\s-]+", text)
    if len(words) == 1:
        if words[0] in _UNITS[1:]:
            return _UNITS.index(words[0])
        if words[0] in _TEENS:
            return 10 + _TEENS.index(words[0])
        tens = [i for i, t in enumerate(_TENS) if t and words[0] == t + "ieth"]
        return tens[0] * 10 if tens else None
    if len(words) == 2 and words[1] in _UNITS[1:]:
        tens = [i for i, t in enumerate(_TENS) if t and words[0] == t + "y"]
        return tens[0] * 10 + _UNITS.index(words[1]) if tens else None
    return None


@dataclass(frozen=True)
class Term:
    """One holder's term of office; `session` for an office held per Assembly session."""

    person: str
    start: dt.date
    end: dt.date | None
    session: int | None = None
    approx: bool = False  # a start or end known only to the year


@dataclass(frozen=True)
class Role:
    """An office: its name, the forms headers use for it and its holders.

    `names` are official forms kept as a header writes them; `aliases` other forms
    that stand for `name`; `generic` short titles shared with other offices ("High
    Commissioner"), which name this one only where `context` words say so.
    """

    name: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...] = field(default_factory=tuple)
    names: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleMention:
    """Where a text names a role: span, the words as written, the session when given."""

    role: Role
    start: int
    end: int
    written: str
    session: int | None = None
    generic: bool = False
    initials: str | None = None  # initials written before a shared title ("WHO Director-General", "UNHCR High Commissioner")

    @property
    def display(self) -> str:
        """The role as the speeches table gives it: an official form as written, else the name."""
        key = _key(self.written)
        return next((n for n in self.role.names if _key(n) == key), self.role.name)


def _as_date(value: object, *, end: bool) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    year, *rest = (int(p) for p in str(value).split("-"))
    month = rest[0] if rest else (12 if end else 1)
    if len(rest) == 2:
        return dt.date(year, month, rest[1])
    return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)


def _term(holder: dict) -> Term:
    approx = any(re.fullmatch(r"\d{4}", str(holder.get(k))) for k in ("start", "end"))
    return Term(holder["person"], _as_date(holder["start"], end=False), _as_date(holder.get("end"), end=True),
                holder.get("session"), approx)


@functools.lru_cache(maxsize=4)
def _data(path: Path) -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER)


@functools.lru_cache(maxsize=4)
def load_roles(path: Path = config.OFFICEHOLDERS_PATH) -> tuple[Role, ...]:
    """Read the officeholder table (YAML) into Role objects."""
    roles = []
    for entry in _data(Path(path))["roles"]:
        names = tuple(entry.get("names", []))
        aliases = tuple(dict.fromkeys([entry["role"], *names, *entry.get("aliases", [])]))
        roles.append(Role(entry["role"], aliases, tuple(map(_term, entry.get("holders", []))), names,
                          tuple(entry.get("generic", [])), tuple(entry.get("context", []))))
    return tuple(roles)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).replace("ı", "i")  # Turkish dotless i has no decomposition
    text = text.replace("’", "'").replace("‘", "'")  # "Children’s Fund", "O’Brien"
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_SPACE_OR_DASH = r"[\s\-\u2010-\u2014]+"


def _key(text: str) -> str:
    text = re.sub(r"^(?:the|his excellency|her excellency|h\.e\.)\s+", "", text.strip(), flags=re.I)
    return re.sub(_SPACE_OR_DASH, " ", _fold(text)).strip(" ,.:")


def match_role(text: str, roles: tuple[Role, ...] | None = None) -> Role | None:
    """The role that `text` names exactly (case-insensitive, "the" ignored), or None."""
    key = _key(text)
    for role in roles if roles is not None else load_roles():
        if any(_key(alias) == key for alias in role.aliases):
            return role
    return None


def _pattern(form: str) -> str:
    words = (re.escape(w).replace("'", "['’]") if w != "{session}" else rf"(?P<session>{ORDINAL})"
             for w in re.split(_SPACE_OR_DASH, form.strip()))
    return r"(?<![\w\-\u2010-\u2014])" + _SPACE_OR_DASH.join(words) + r"(?![\w\-\u2010-\u2014])"


@functools.lru_cache(maxsize=4)
def _matchers(roles: tuple[Role, ...]) -> tuple[tuple[re.Pattern, Role, bool], ...]:
    """One compiled pattern per form, longest first (so the fullest form wins)."""
    forms = [(f, r, False) for r in roles for f in r.aliases] + [(f, r, True) for r in roles for f in r.generic]
    forms.sort(key=lambda x: len(x[0].replace("{session}", "")), reverse=True)
    return tuple((re.compile(_pattern(f), re.I), r, g) for f, r, g in forms)


_OF_BODY = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?P<body>[^,;:.()\[\]\n]{1,80})", re.I)
# Words that make "United Nations X" another body than the Organization itself.
_BODY_NOUNS = (r"\s+(?:conference|office|convention|framework|development|environment|industrial|children|population|"
               r"relief|human|educational|institute|university|system|economic|commission|programme|fund|trade|ocean)\b")
_BODY_NOUN = re.compile(_BODY_NOUNS, re.I)
_UN_ITSELF = re.compile(rf"(?:united\s+nations|un|u\.n\.)(?!\w)(?!{_BODY_NOUNS})", re.I)
# Initials written before a shared title name the body whose office it is ("WHO Director-General").
_INITIALS_ORG = re.compile(r"(?<![\w\-])(?P<org>[A-Z]{2,7})(?:['’]s)?\s+$")


# An organisation's initials written before a short title ("UNOPS Executive Director").
_INITIALS_BEFORE = re.compile(r"(?<![\w\-])(?P<initials>[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z]?[A-Za-z]+)?)\s+$")


def _another_office(text: str, m: re.Match, role: Role, generic: bool) -> bool:
    """A title followed by another body names that body's office: a short title shared by
    offices ("Director-General of the UN Office at Geneva", "High Commissioner for National
    Minorities") when the body is none of this office's context words, a Secretary-General
    of something other than the United Nations ("Secretary-General of the Ocean Conference").
    A short title after initials that are none of the office's context words is that
    organisation's ("UNOPS Executive Director")."""
    if re.search(r"(?:united\s+nations|\bun)$", m.group(0), re.I) and _BODY_NOUN.match(text, m.end()):
        return True  # "Secretary-General of the United Nations Conference on Trade and Development"
    initials = _INITIALS_BEFORE.search(text[:m.start()]) if generic and not m.group(0).isupper() else None
    if initials and initials["initials"].upper() != "UN" \
            and not any(_key(w) == _key(initials["initials"]) for w in role.context):
        return True  # ("UN High Commissioner": the United Nations' own)
    after = _OF_BODY.match(text, m.end())
    if not after:
        return False
    body = _fold(after["body"])
    if generic:
        return not any(_fold(w) in body for w in role.context)
    return bool(re.search(r"secretary[\s\-\u2010-\u2014]+general$", m.group(0), re.I)) and not _UN_ITSELF.match(body)


def find_roles(text: str, roles: tuple[Role, ...] | None = None) -> list[RoleMention]:
    """The roles `text` names, in order, longest form first where forms overlap.

    A form written after a qualifier ("Deputy", "Assistant", "Special Adviser of
    the", "on behalf of the") or before "a.i." names another office and is skipped. Session
    placeholders give the session number ("President of the 73rd session ...").
    """
    roles = roles if roles is not None else load_roles()
    found: list[RoleMention] = []
    taken = [False] * len(text)
    for pattern, role, generic in _matchers(roles):
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]) or _QUALIFIED.search(text[:m.start()]) \
                    or _another_office(text, m, role, generic) or _POSSESSED_OFFICE.match(text, m.end()) \
                    or _AD_INTERIM.match(text, m.end()):
                continue
            session = ordinal_number(m.group("session")) if "session" in m.groupdict() else None
            if "session" in m.groupdict() and session is None:
                continue
            before = _INITIALS_ORG.search(text, max(0, m.start() - 12), m.start()) if generic else None
            initials = before["org"] if before and before["org"] not in ("UN", "THE") else None
            found.append(RoleMention(role, m.start(), m.end(), m.group(0), session, generic, initials))
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
    return sorted(found, key=lambda r: r.start)


def context_role(mention: RoleMention, context: str, roles: tuple[Role, ...] | None = None) -> Role | None:
    """The office a generic title ("High Commissioner") stands for, by the words of `context`.

    Each office sharing the title scores the occurrences of its context words; the
    best wins; a tie or no word at all leaves the title unresolved (None).
    """
    if not mention.generic:
        return mention.role
    title = _key(mention.written)
    candidates = [r for r in (roles if roles is not None else load_roles())
                  if any(_key(g) == title for g in r.generic)]
    if mention.initials:  # "UNHCR High Commissioner": the initials say whose; "WHO Director-General": none of these
        named = [r for r in candidates if mention.initials in r.context]
        return named[0] if len(named) == 1 else None
    text = _fold(context)
    scores = sorted(((sum(len(re.findall(rf"(?<!\w){re.escape(_fold(w))}(?!\w)", text)) for w in r.context), i)
                     for i, r in enumerate(candidates)), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return candidates[scores[0][1]]


def _period(date: str) -> tuple[dt.date, dt.date, int]:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day, 3
    if len(parts) == 2:
        return (dt.date(parts[0], parts[1], 1),
                dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]), 2)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), 1


def resolve_role(role: Role, date: str | None) -> str | None:
    """The person who held `role` on `date` (ISO, `YYYY-MM` or `YYYY`), or None.

    With only a year (or month) known, the answer is given only when a single
    person held the role during that whole period's overlap.
    """
    if not date:
        return None
    lo, hi, precision = _period(date)
    holders = {t.person for t in role.terms if t.start <= hi and (t.end is None or t.end >= lo)}
    if len(holders) == 1:
        return holders.pop()
    if precision == 3:
        # Overlapping month-precision terms (sessions change mid-month): latest start wins;
        # terms known only to the year do not say who held the office that day.
        current = [t for t in role.terms if t.start <= lo and (t.end is None or t.end >= lo)]
        if current and not any(t.approx for t in current):
            return max(current, key=lambda t: t.start).person
    return None


def resolve_session(role: Role, session: int | None) -> str | None:
    """The holder of `role` for Assembly session `session` (the President of the 73rd ...)."""
    holders = {t.person for t in role.terms if session is not None and t.session == session}
    return holders.pop() if len(holders) == 1 else None


def holds(person: str, role: Role, date: str | None) -> bool:
    """Whether `person` (canonical name) held `role` at some time in `date`'s period
    (at any time when the date is unknown)."""
    if not date:
        return any(t.person == person for t in role.terms)
    lo, hi, _ = _period(date)
    return any(t.person == person and t.start <= hi and (t.end is None or t.end >= lo) for t in role.terms)


@functools.lru_cache(maxsize=4)
def people(path: Path = config.OFFICEHOLDERS_PATH) -> dict[str, str]:
    """Every form of every holder's name (folded) -> the canonical name."""
    forms: dict[str, str] = {}
    for role in load_roles(path):
        for term in role.terms:
            forms.setdefault(_key(term.person), term.person)
    for name, aliases in (_data(Path(path)).get("people") or {}).items():
        for alias in [name, *aliases]:
            forms[_key(alias)] = name
    return forms


def known_person(name: str, path: Path = config.OFFICEHOLDERS_PATH) -> str | None:
    """The canonical name of an officeholder written as `name` ("Ban Ki-Moon",
    "Amina Mohammed"), or None for a person the table does not list."""
    return people(path).get(_key(name))
