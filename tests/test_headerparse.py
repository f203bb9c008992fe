"""Header metadata: one test per header form UN offices publish (issue 12), written in the
project's own words, plus the officeholder table, places, dates and chart labels."""

from __future__ import annotations

import pytest

from pipeline import places
from pipeline.header import Kind, find_date, line_kind, split_header
from pipeline.headerparse import FROM_HEADER, FROM_PRESS, FROM_ROLE, Header, name_metadata, parse_header
from pipeline.ingest import speech_label
from pipeline.officeholders import (
    context_role,
    find_roles,
    known_person,
    load_roles,
    match_role,
    resolve_session,
)


def no_entities(texts):
    """A recogniser that finds nothing: these headers are read by their patterns alone."""
    return [[] for _ in texts]


def read(text: str) -> tuple[Header, str]:
    blocks, body = split_header(text)
    return parse_header(blocks, context=body, ner=no_entities), body


# ------------------------------------------------------------------ form 1: statement pages

STATEMENT_PAGE = """Geneva

14 March 2017

Secretary-General's remarks to the Human Rights Council on people on the move [as delivered]

Mr. President,
Distinguished members of the Council,

I come to this Council with a simple message: the rights of migrants are human rights.
"""


def test_statement_page_names_the_role_and_the_speaker_is_its_holder_on_the_date() -> None:
    header, body = read(STATEMENT_PAGE)
    assert (header.speaker, header.speaker_role, header.speaker_source) == \
        ("António Guterres", "Secretary-General", FROM_ROLE)
    assert header.speaker_from_role
    assert (header.date, header.place) == ("2017-03-14", "Geneva")
    assert header.event == "Human Rights Council on people on the move"
    assert header.delivered_by is None
    assert body.strip().startswith("I come to this Council")


# ------------------------------------------------------------------ form 2: press releases

PRESS_RELEASE = """Meetings Coverage and Press Releases

DSG/SM/1287-REF/1302
9 July 2019

Safe Migration Begins with Good Data, Deputy Secretary-General Tells Regional Gathering

Following are UN Deputy Secretary-General Amina Mohammed's remarks, as prepared for delivery, at the launch of the East African migration data portal, in Nairobi today:

Thank you for the warm welcome to Kenya.
"""


def test_press_release_reads_speaker_event_and_place_from_the_introducing_sentence() -> None:
    header, _ = read(PRESS_RELEASE)
    assert (header.speaker, header.speaker_role, header.speaker_source) == \
        ("Amina J. Mohammed", "Deputy Secretary-General", FROM_PRESS)
    assert header.date == "2019-07-09"
    assert header.place == "Nairobi"
    assert header.event == "Launch of the East African migration data portal"
    assert header.title.startswith("Safe Migration Begins")


def test_press_release_names_the_reader_after_delivered_by() -> None:
    text = ("SG/SM/20001\n3 May 2020\n\nFollowing are UN Secretary-General António Guterres' remarks, delivered by "
            "Ms. Jane Okafor, Assistant Secretary-General for Policy, at the forum on labour mobility, in Geneva "
            "today:\n\nI regret that I cannot be with you in person.\n")
    header, _ = read(text)
    assert (header.speaker, header.delivered_by, header.place) == ("António Guterres", "Jane Okafor", "Geneva")


# ------------------------------------------------------------------ form 3: messages read by someone else

MESSAGE_BRACKET = """New York

20 February 2018

Secretary-General's message to the Sixteenth Coordination Meeting on International Migration

[Delivered by Mr. Liu Zhenmin, Under-Secretary-General for Economic and Social Affairs]

I send my greetings to all of you gathered for this meeting.
"""

MESSAGE_NAME_LINE = """Dhaka

10 December 2016

Secretary-General's message to the Global Forum on Migration and Development

Mr. Wu Hongbo, Under-Secretary-General for Economic and Social Affairs

It is a pleasure to send my greetings to this Forum.
"""


@pytest.mark.parametrize(("text", "speaker", "reader"), [
    (MESSAGE_BRACKET, "António Guterres", "Liu Zhenmin"),
    (MESSAGE_NAME_LINE, "Ban Ki-moon", "Wu Hongbo"),
])
def test_message_speaker_is_the_author_and_the_reader_is_delivered_by(text: str, speaker: str, reader: str) -> None:
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.delivered_by) == (speaker, "Secretary-General", reader)
    assert header.event is not None and "Migration" in header.event


def test_name_line_of_the_role_holder_is_the_speaker_not_a_reader() -> None:
    text = ("New York\n\n30 September 2015\n\nDeputy Secretary-General's closing remarks at the high-level event on "
            "migration and development\n\nJan Eliasson, Former Deputy Secretary-General\n\nExcellencies,\n\n"
            "Our meeting today has shown how much work is still ahead of us.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_source, header.delivered_by) == ("Jan Eliasson", FROM_HEADER, None)


# ------------------------------------------------------------------ form 4: old capitals blocks

CAPITALS_BLOCK = """STATEMENT BY
H.E. MR. SRGJAN KERIM
PRESIDENT OF THE SIXTY-SECOND SESSION OF THE
UNITED NATIONS GENERAL ASSEMBLY
AT THE THEMATIC DEBATE ON HUMAN MOBILITY
NEW YORK, NEW YORK
3 OCTOBER 2007

Excellencies,
Ladies and Gentlemen,

Let me open this debate by thanking you for coming.
"""


def test_capitals_block_gives_person_role_event_place_and_date() -> None:
    header, _ = read(CAPITALS_BLOCK)
    assert (header.speaker, header.speaker_role) == ("Srgjan Kerim", "President of the General Assembly")
    assert (header.date, header.place) == ("2007-10-03", "New York")
    assert header.event == "Thematic debate on human mobility"


# ------------------------------------------------------------------ form 5: one-line headers

def test_one_line_header_is_read_sentence_by_sentence() -> None:
    text = ("Opening statement at the 67th session of the Executive Committee. Filippo Grandi, United Nations "
            "High Commissioner for Refugees. Geneva, 3 October 2016\n\nMr. Chairman,\n\n"
            "When I came back to this house last January, I found it as committed as ever.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == ("Filippo Grandi", "United Nations High Commissioner for Refugees")
    assert (header.date, header.place, header.event) == ("2016-10-03", "Geneva", "67th session of the Executive Committee")


# ------------------------------------------------------------------ form 6: agency pages with furniture

AGENCY_PAGE = """IOM logo
Home › Media › Statements
Statements and Speeches
Print
Watch the video
4 Dec 2019
Director General's Report to the 110th Session of the Council
Excellencies, distinguished delegates, it is an honour to welcome you to Geneva for this session of the IOM Council.
Our Organization has grown faster this year than in any year before.
"""


def test_agency_page_drops_furniture_and_resolves_a_generic_title_by_the_organisation() -> None:
    header, body = read(AGENCY_PAGE)
    assert not {"Print", "Watch the video", "IOM logo", "Statements and Speeches"} & set(header.lines)
    assert (header.speaker, header.speaker_role) == \
        ("António Vitorino", "Director General of the International Organization for Migration")
    assert (header.date, header.event, header.place) == ("2019-12-04", "110th Session of the Council", None)
    assert body.strip().startswith("Excellencies, distinguished delegates")


@pytest.mark.parametrize("line", ["Print", "Watch the video", "Statements and Speeches", "Share this page",
                                  "United Nations Logo", "Home › News › Statements", "Skip to main content"])
def test_site_furniture_lines(line: str) -> None:
    assert line_kind(line) is Kind.FURNITURE


# ------------------------------------------------------------------ form 7: PGA pages

@pytest.mark.parametrize(("byline", "speaker"), [
    ("Remarks by H.E. Mr. Tijjani Muhammad-Bande, President of the 74th session of the United Nations "
     "General Assembly", "Tijjani Muhammad-Bande"),
    ("Remarks by the President of the 74th session of the United Nations General Assembly", "Tijjani Muhammad-Bande"),
    ("Remarks by the President of the seventy-third session of the General Assembly", "María Fernanda Espinosa Garcés"),
])
def test_pga_page_gives_the_person_by_name_or_by_session(byline: str, speaker: str) -> None:
    text = (f"General Assembly of the United Nations\nSelect Page\n\nOpening of the dialogue on climate mobility\n\n"
            f"– As delivered –\n\n{byline}\n\n16 December 2019\n\nExcellencies,\n\n"
            f"It is good to see so many of you here.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == (speaker, "President of the General Assembly")
    assert header.event == "Dialogue on climate mobility"  # the occasion, without "opening of the"


# ------------------------------------------------------------------ form 8: no header

def test_general_debate_speech_has_no_header_and_nothing_is_invented() -> None:
    text = ("Mr. President,\n\nAt the outset, I have the pleasure of congratulating\n\nyou on your election.\n"
            "We meet at a difficult time for the world.\n")
    assert split_header(text) == ([], text)
    assert name_metadata("KEN_73_2018") == {"iso3": "KEN", "country": "Kenya", "session": "73", "date": "2018"}
    assert name_metadata("KEN_12_2018") == {}  # session 12 did not meet in 2018: not a General Debate name
    assert name_metadata("notes on migration") == {}


# ------------------------------------------------------------------ parts

def test_officeholders_by_session_context_and_name() -> None:
    pga = match_role("President of the General Assembly")
    assert resolve_session(pga, 62) == "Srgjan Kerim"
    mention = find_roles("High Commissioner's opening statement")[0]
    assert context_role(mention, "the UNHCR Executive Committee, refugees").name.endswith("for Refugees")
    assert context_role(mention, "the Human Rights Council and human rights").name.endswith("for Human Rights")
    assert known_person("Ban Ki-Moon") == "Ban Ki-moon"
    assert not find_roles("Assistant Secretary-General for Human Rights")
    assert all(term.person for role in load_roles() for term in role.terms)


@pytest.mark.parametrize(("text", "iso"), [("4 Dec 2019", "2019-12-04"), ("Date Publish: Thursday, January 12, "
                                          "2017 - 19:00", "2017-01-12"), ("the 67th session", None),
                                          ("2030 Agenda", None)])
def test_find_date_reads_abbreviations_and_skips_ordinals(text: str, iso: str | None) -> None:
    assert find_date(text)[0] == iso


def test_places_come_from_the_gazetteer() -> None:
    assert places.place_in("27 March 2018, UNHQ, New York") == "New York"
    assert places.place_in("NEW YORK, NEW YORK") == "New York"
    assert places.city("Logo") is None and places.city("President") is None


@pytest.mark.parametrize(("row", "label"), [
    ({"speech_id": "s1", "speaker": "Louise Arbour", "date": "2018-03-27"}, "Arbour, 2018"),
    ({"speech_id": "s2", "country": "Hungary", "date": "2018"}, "Hungary, 2018"),
    ({"speech_id": "s3", "title": "Opening statement", "place": "New York", "date": "2013-01-02"}, "Opening statement"),
    ({"speech_id": "s4", "place": "York", "date": "2013-01-02"}, "s4"),
])
def test_labels_come_from_speaker_country_title_or_stem_never_a_place(row: dict, label: str) -> None:
    assert speech_label(row) == label
