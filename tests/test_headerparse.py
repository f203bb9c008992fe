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
    assert name_metadata("KEN_73_2018") == {"iso3": "KEN", "country": "Kenya", "session": "73", "date": "2018",
                                            "event": "General Debate of the 73rd session of the General Assembly",
                                            "place": "New York"}
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


# ------------------------------------------------------------------ dates beside "Day", "Week"

@pytest.mark.parametrize(("text", "iso"), [
    ("on the occasion of International Migrants Day, 18 December 2018", "2018-12-18"),
    ("Global Migration Film Week 3 May 2019", "2019-05-03"),
    ("World Refugee Day", None),
])
def test_find_date_keeps_the_day_after_a_day_or_week_name(text: str, iso: str | None) -> None:
    assert find_date(text)[0] == iso


# ------------------------------------------------------------------ notes and language selectors

@pytest.mark.parametrize("line", ["For information only – not an official document",
                                  "For information media. Not an official record.", "EMBARGO",
                                  "Embargoed until 12:00 GMT, Monday 18 December 2017",
                                  "Not for publication before 10:00 GMT, 17 December 2014",
                                  "Edited version of delivered remarks", "(to check against delivery)"])
def test_notes_on_the_text_are_never_metadata(line: str) -> None:
    assert line_kind(line) is Kind.NOTE


@pytest.mark.parametrize("line", ["Also available in: Español Français العربية", "Language versions:",
                                  "English Français Español Русский 中文 العربية"])
def test_language_selectors_are_furniture(line: str) -> None:
    assert line_kind(line) is Kind.FURNITURE


EMBARGOED = """EMBARGO
Not for publication before 09:00 GMT, 2 June 2015
CHECK AGAINST DELIVERY
Statement by Mr. William Lacy Swing, Director General of the International Organization for Migration, at the launch of a study on remittance costs
Brussels, 3 June 2015

Excellencies,

Thank you for being here for this launch.
"""

INFORMATION_SERVICE_COPY = """For information only – not an official document
UNIS/SG/5012
22 June 2017
THE SECRETARY-GENERAL
REMARKS TO THE STANDING COMMITTEE ON DISPLACEMENT IN THE SAHEL
Geneva, 21 June 2017

Thank you for the chance to speak to this Committee.
"""


def test_an_embargo_block_gives_no_date_and_the_dateline_does() -> None:
    header, _ = read(EMBARGOED)
    assert (header.speaker, header.date, header.place) == ("William Lacy Swing", "2015-06-03", "Brussels")
    assert header.event == "Launch of a study on remittance costs"


def test_information_service_copy_resolves_the_office_and_reads_the_remarks_line() -> None:
    header, body = read(INFORMATION_SERVICE_COPY)
    assert (header.speaker, header.speaker_role) == ("António Guterres", "Secretary-General")
    assert (header.date, header.place) == ("2017-06-21", "Geneva")
    assert header.event.lower() == "standing committee on displacement in the sahel"
    assert body.strip().startswith("Thank you for the chance")


# ------------------------------------------------------------------ reader lines

@pytest.mark.parametrize("reader_line", [
    "as delivered by Jane Okafor, Director, Regional Office for the Americas",
    "Delivered on behalf of the Secretary-General by Ms. Jane Okafor, Director of the Regional Office",
    "[Read by Ms. Jane Okafor, Resident Coordinator]",
    "Read out on her behalf by Ms. Jane Okafor",
])
def test_reader_lines_in_their_variants_name_delivered_by(reader_line: str) -> None:
    text = (f"Quito\n\n21 January 2020\n\nSecretary-General's message to the Thirteenth Summit of the Global Forum on "
            f"Migration and Development\n\n{reader_line}\n\nI send warm greetings to everyone gathered in Quito.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.delivered_by) == \
        ("António Guterres", "Secretary-General", "Jane Okafor")
    assert header.event == "Thirteenth Summit of the Global Forum on Migration and Development"
    assert header.date == "2020-01-21"  # "as delivered by" is a line of its own, not the dateline's tail


PGA_READ_BY_CHEF_DE_CABINET = """General Assembly of the United Nations
President of the 73rd session
Opening of the expert symposium on migration statistics
– As delivered –
Statement by H.E. Mrs. María Fernanda Espinosa Garcés, President of the 73rd Session of the UN General Assembly
Delivered by Ambassador Thomas Berg, Chef de Cabinet
11 March 2019

Thank you, Mr. Chairman.

I am honoured to read these remarks on behalf of the President, who could not be here today.
"""


def test_pga_statement_read_by_the_chef_de_cabinet() -> None:
    header, _ = read(PGA_READ_BY_CHEF_DE_CABINET)
    assert (header.speaker, header.speaker_role, header.delivered_by) == \
        ("María Fernanda Espinosa Garcés", "President of the General Assembly", "Thomas Berg")
    assert (header.date, header.event) == ("2019-03-11", "Expert symposium on migration statistics")


@pytest.mark.parametrize("lines", [
    "Delivered by\nNada Al-Nashif, Deputy High Commissioner\nAt\nRegional Review of the Global Compact for "
    "Migration in the Arab Region",
    "DELIVERED BY Nada Al-Nashif, Deputy High Commissioner AT Regional Review of the Global Compact for "
    "Migration in the Arab Region",
    "Delivered by\nNada Al-Nashif Deputy High Commissioner\nRegional Review of the Global Compact for "
    "Migration in the Arab Region",
])
def test_labelled_lines_give_the_speakers_own_name_and_the_occasion(lines: str) -> None:
    text = (f"Statements Office of the High Commissioner for Human Rights\nProtecting migrants in transit is a "
            f"shared duty\n11 March 2024\n{lines}\n\nExcellencies,\n\nI am glad to close this review.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.delivered_by) == \
        ("Nada Al-Nashif", "Deputy High Commissioner", None)
    assert (header.date, header.event) == \
        ("2024-03-11", "Regional Review of the Global Compact for Migration in the Arab Region")


# ------------------------------------------------------------------ one-line titles

@pytest.mark.parametrize(("title", "speaker", "event", "place", "date"), [
    ("Keynote statement by Mr. Filippo Grandi, United Nations High Commissioner for Refugees, at the Regional "
     "Ministerial Meeting on Mixed Movements in the Sahel (RMMS), Niamey, 14 May 2019", "Filippo Grandi",
     "Regional Ministerial Meeting on Mixed Movements in the Sahel", "Niamey", "2019-05-14"),
    ("High Commissioner's closing remarks to the 66th Session of the Executive Committee of the High "
     "Commissioner's Programme (ExCom), Palais des Nations, Geneva, 9 October 2015", "António Guterres",
     "66th Session of the Executive Committee of the High Commissioner's Programme", "Geneva", "2015-10-09"),
])
def test_one_line_title_gives_the_event_without_abbreviation_venue_place_or_date(
        title: str, speaker: str, event: str, place: str, date: str) -> None:
    header, _ = read(f"{title}\n\nMr. Chairman,\n\nAllow me to begin by thanking our hosts.\n")
    assert (header.speaker, header.speaker_role) == (speaker, "United Nations High Commissioner for Refugees")
    assert (header.event, header.place, header.date) == (event, place, date)


AGENCY_PAGE_TITLE_TWICE = """Search for the country site.
Country profile
Opening statement by Mr. Filippo Grandi, United Nations High Commissioner for Refugees, to the 70th Session of the Executive Committee of the High Commissioner's Programme (ExCom), Geneva, 7 October 2019
Speeches and statements
Opening statement by Mr. Filippo Grandi, United Nations High Commissioner for Refugees, to the 70th Session of the Executive Committee of the High Commissioner's Programme (ExCom), Geneva, 7 October 2019
7 October 2019
Also available in: Español Français العربية
Check against delivery

Mr. Chairman, Excellencies,

Seventy years after this Office was founded, the needs it serves have never been greater.
"""


def test_agency_page_repeating_its_title_reads_it_once() -> None:
    header, body = read(AGENCY_PAGE_TITLE_TWICE)
    assert (header.speaker, header.date, header.place) == ("Filippo Grandi", "2019-10-07", "Geneva")
    assert header.event == "70th Session of the Executive Committee of the High Commissioner's Programme"
    assert not any("available" in line for line in header.lines)
    assert body.strip().startswith("Seventy years")


def test_an_organisations_initials_before_the_office_still_name_the_author() -> None:
    text = ("Speeches and statements\nUNHCR High Commissioner's statement to the Third Committee of the United "
            "Nations General Assembly\n8 November 2023 Also available in:\n\nMadam Chair,\n\nWe meet at a "
            "difficult time for refugees.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == ("Filippo Grandi", "United Nations High Commissioner for Refugees")
    assert (header.event, header.date) == ("Third Committee of the United Nations General Assembly", "2023-11-08")


# ------------------------------------------------------------------ name lines and addresses

IOM_PAGE_DATE_PUBLISH = """IOM - International Organization for Migration
Welcome remarks at the International Dialogue on Migration
Date Publish:
Monday, April 11, 2016 - 10:15
Ambassador William Lacy Swing, Director General, International Organization for Migration
New York, 11 April 2016

Excellencies,

It is a pleasure to open this dialogue in New York.
"""


def test_iom_page_with_a_publication_date_and_a_name_line() -> None:
    header, _ = read(IOM_PAGE_DATE_PUBLISH)
    assert (header.speaker, header.speaker_role) == \
        ("William Lacy Swing", "Director General of the International Organization for Migration")
    assert (header.date, header.place, header.event) == ("2016-04-11", "New York", "International Dialogue on Migration")


@pytest.mark.parametrize("opening", [
    "H.E. Mr. Abdulla Shahid, President of the General Assembly,\nH.E. Mr. António Guterres, Secretary-General,\n"
    "Heads of State and Government,\n",
    "His Excellency the President of the General Assembly,\nHis Excellency the Secretary-General,\n"
    "Majesties, Excellencies,\n",
])
def test_lines_addressing_the_presiding_officers_open_the_speech_and_are_no_header(opening: str) -> None:
    text = f"{opening}It is an honour to address this Assembly on behalf of my country.\n"
    assert split_header(text) == ([], text)
    assert read(text)[0] == Header()


# ------------------------------------------------------------------ attributed statements, offices

def test_statement_attributable_to_the_pga_is_the_holders_on_the_date() -> None:
    text = ("Welcome to the United Nations. It's your world.\nBack to top\nMessage on International Migrants Day\n"
            "Statement attributable to the President of the General Assembly\nUnited Nations, New York, "
            "18 December 2013\n\nThis year the world looked again at how migration is governed.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.speaker_source) == \
        ("John W. Ashe", "President of the General Assembly", FROM_ROLE)
    assert (header.event, header.place, header.date) == ("International Migrants Day", "New York", "2013-12-18")


def test_an_office_the_table_does_not_list_is_the_role_and_nobody_is_guessed() -> None:
    text = ("Regional Conference of Ombudspersons on Mixed Migration\n\"Protecting people on the move\"\n09 May 2017\n"
            "Statement by Deputy High Commissioner for Human Rights\nSkopje, 9 May 2017\n\nColleagues and friends,\n\n"
            "On behalf of the High Commissioner, I bring you warm greetings.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == (None, "Deputy High Commissioner for Human Rights")
    assert (header.event, header.place) == ("Regional Conference of Ombudspersons on Mixed Migration", "Skopje")



# ------------------------------------------------------------------ occasions

@pytest.mark.parametrize("lines", [
    "Refugees and Migrants\nRegional Consultations 2017\nRegional Consultation on International Migration in the "
    "Arab Region\nOpening remarks\nLouise Arbour, Special Representative of the Secretary-General for International "
    "Migration",
    "Regional Consultations 2017\nRegional Consultation on International Migration in the Arab Region\n"
    "Statement by Louise Arbour, Special Representative of the Secretary-General for International Migration",
])
def test_the_full_occasion_name_beats_a_sites_section_label(lines: str) -> None:
    header, _ = read(f"{lines}\nBeirut, 12 October 2017\n\nExcellencies,\n\nThank you for welcoming me to Beirut.\n")
    assert (header.speaker, header.place, header.date) == ("Louise Arbour", "Beirut", "2017-10-12")
    assert header.event == "Regional Consultation on International Migration in the Arab Region"


@pytest.mark.parametrize(("title", "event"), [
    ("International Dialogue on Migration 2019: Youth and the Future of Mobility",
     "International Dialogue on Migration 2019: Youth and the Future of Mobility"),
    ("Global Forum on Migration and Development: migrants must be part of the recovery",
     "Global Forum on Migration and Development"),
])
def test_a_subtitle_that_names_is_kept_and_a_headline_clause_dropped(title: str, event: str) -> None:
    text = (f"{title}\nWelcome remarks by Mr. António Vitorino, Director General of the International Organization "
            f"for Migration\nGeneva, 20 January 2021\n\nExcellencies,\n\nWelcome to this meeting.\n")
    assert read(text)[0].event == event


def test_press_release_message_for_an_observance() -> None:
    text = ("SG/SM/20001-OBV/1900\n13 December 2019\nFollowing is UN Secretary-General António Guterres' message "
            "for International Migrants Day, observed on 18 December:\n\nMigrants are part of every society.\n")
    header, _ = read(text)
    assert (header.speaker, header.event, header.date) == ("António Guterres", "International Migrants Day", "2019-12-13")


@pytest.mark.parametrize("title", [
    "Video message by Louise Arbour, Special Representative of the Secretary-General for International Migration, "
    "on the occasion of International Migrants Day, 18 December 2018",
    "Geneva\n18 December 2018\nSpecial Representative of the Secretary-General for International Migration's "
    "video message for International Migrants Day",
])
def test_video_messages(title: str) -> None:
    header, _ = read(f"{title}\n\nOn this day we remember the people behind the numbers.\n")
    assert (header.speaker, header.date, header.event) == ("Louise Arbour", "2018-12-18", "International Migrants Day")


def test_a_line_that_only_opens_with_an_office_word_is_no_office() -> None:
    text = ("Chief Executives Board Session on Labour Migration\nStatement by Mr. António Vitorino, Director General of "
            "the International Organization for Migration\nNew York, 8 May 2019\n\nColleagues,\n\nThank you.\n")
    header, _ = read(text)
    assert (header.speaker_role, header.event) == \
        ("Director General of the International Organization for Migration", "Chief Executives Board Session on Labour Migration")


@pytest.mark.parametrize(("line", "event"), [
    ('Intergovernmental Conference to adopt the "Charter on Labour Mobility"',
     'Intergovernmental Conference to adopt the "Charter on Labour Mobility"'),  # the quote is what it adopts
    ('High-level side event "Deserts, drought and people on the move"', "Deserts, drought and people on the move"),
    ("Side event on migrant children in detention 14 June, 13 – 15h, Room XXI",
     "Side event on migrant children in detention"),
    ("Global Compact Consultation, Plenary Debate, Bangkok", "Global Compact Consultation, Plenary Debate"),
])
def test_the_occasion_line_less_its_day_time_room_and_place(line: str, event: str) -> None:
    text = (f"{line}\nStatement by Mr. António Vitorino, Director General of the International Organization for "
            f"Migration\n12 May 2019\n\nColleagues,\n\nThank you for coming.\n")
    assert read(text)[0].event == event


def test_the_closing_of_a_session_keeps_its_closing() -> None:
    text = ("Remarks by the President of the General Assembly,\nMr. Csaba Kőrösi,\nat the Closing of the 77th Session\n"
            "5 September 2023\n[As Prepared for Delivery]\n\nExcellencies,\n\nThis has been a year of hard work.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.event) == ("Csaba Kőrösi", "2023-09-05", "Closing of the 77th Session")


def test_a_byline_followed_by_the_pages_topic_names_no_occasion() -> None:
    text = ("Statement by the United Nations High Commissioner for Human Rights Keeping rights at the centre of "
            "the migration compact\n12 April 2021\nas delivered by Jane Okafor, Director, Regional Office\n\n"
            "Colleagues,\n\nThank you for this opportunity.\n")
    header, _ = read(text)
    assert (header.speaker, header.delivered_by) == ("Michelle Bachelet", "Jane Okafor")
    assert header.event is None  # not "centre of the migration compact"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_the_line_after_an_at_label_is_the_occasion(gap: str) -> None:
    text = (f"Statements Office of the High Commissioner for Human Rights\nRights on the move\n3 June 2021\n"
            f"Delivered by\nMichelle Bachelet, UN High Commissioner for Human Rights{gap}At{gap}Informal exchange "
            f"with migrant-led organisations\n\nFriends,\n\nThank you for inviting me.\n")
    header, _ = read(text)
    assert (header.speaker, header.event) == ("Michelle Bachelet", "Informal exchange with migrant-led organisations")


def test_a_long_summary_sentence_under_the_header_is_the_body() -> None:
    text = ("Opening Statement of the United Nations High Commissioner for Refugees at the Sixty-third Session of the "
            "Executive Committee of the High Commissioner's Programme\n\nStatements by High Commissioner, "
            "1 September 2012\n\nGeneva, 1 October 2012\n\nIn his opening statement to the Executive Committee, the "
            "first since the General Assembly renewed his mandate in April 2012, the High Commissioner will look back on a year of new emergencies in the Sahel and in Syria, and on what "
            "the Office has learned from them about preparedness, partnerships and the protection of people who "
            "flee.\n\nMr. Chairman,\n\nThis has been a hard year.\n")
    header, body = read(text)
    assert (header.speaker, header.date, header.place) == ("António Guterres", "2012-10-01", "Geneva")
    assert header.event == "Sixty-third Session of the Executive Committee of the High Commissioner's Programme"
    assert body.strip().startswith("In his opening statement")


def test_an_agenda_item_line_names_no_person_whatever_the_recogniser_says() -> None:
    def sees_a_person(texts):  # a recogniser that takes "Agenda Item" for a name
        return [[(t.find("Agenda Item"), t.find("Agenda Item") + 11, "PERSON")] if "Agenda Item" in t else []
                for t in texts]

    text = ("Third Committee of the General Assembly, 74th Session\n5 November 2019\nAgenda Item 61: Report of the "
            "United Nations High Commissioner for Refugees, questions relating to refugees\nAs delivered\n\n"
            "Mr. Chairman,\n\nI address you with concern.\n")
    blocks, body = split_header(text)
    header = parse_header(blocks, context=body, ner=sees_a_person)
    assert (header.speaker, header.speaker_role) == ("Filippo Grandi", "United Nations High Commissioner for Refugees")
    assert header.event == "Third Committee of the General Assembly"


PGA_ANSWERING_A_BRIEFING = """Briefing by the Secretary-General on his Report "Making Mobility Safe"

– As delivered –

Statement by H.E. Mr. Miroslav Lajčák, President of the 72nd Session of the UN General Assembly, at the Informal \
Meeting on the Briefing by the Secretary-General on his Report "Making Mobility Safe"

Mr. Secretary-General, Excellencies,

I thank the Secretary-General for presenting his report to the membership this morning.
"""


def test_a_page_titled_by_a_briefing_keeps_the_statements_own_byline() -> None:
    header, _ = read(PGA_ANSWERING_A_BRIEFING)
    assert (header.speaker, header.speaker_role, header.delivered_by) == \
        ("Miroslav Lajčák", "President of the General Assembly", None)
    assert header.event.startswith("Informal Meeting on the Briefing by the Secretary-General")


def test_a_briefing_by_an_office_alone_still_names_its_speaker() -> None:
    text = ("Briefing by the Secretary-General to the Security Council on Migrants at Sea\n\n"
            "New York, 12 May 2016\n\nMr. President,\n\nThank you for this opportunity to brief the Council.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == ("Ban Ki-moon", "Secretary-General")


def test_an_occasion_right_after_the_kind_of_remarks() -> None:
    text = ("High Commissioner's Closing Remarks 70th Session of the UNHCR Executive Committee\n\n"
            "Speeches and statements\n\n11 October 2019\n\nThank you, Mr. Chairman.\n\n"
            "Refugees count on this Committee.\n")
    header, _ = read(text)
    assert (header.speaker, header.event) == ("Filippo Grandi", "70th Session of the UNHCR Executive Committee")


def test_addressees_listed_before_excellencies_are_no_reader() -> None:
    text = ("New York\n\n05 December 2024\n\nDeputy Secretary-General's remarks to the Informal Meeting of the "
            "General Assembly on Migration [as delivered]\n\nHis Excellency Mr. Tomas Varga, Permanent "
            "Representative of Slovakia, Vice-President of the General Assembly,\nDirector-General Amy Pope,\n"
            "Excellencies,\nLadies and Gentlemen,\n\nIt is a pleasure to join you today.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.delivered_by) == \
        ("Amina J. Mohammed", "Deputy Secretary-General", None)


# ------------------------------------------------------------------ national delegations at the General Debate

DELEGATION_BYLINE_LINES = """Statement by
His Excellency Mr. Kwame Asante Boateng
President of the Republic of Ghana
at the General Debate of the 74th Session
of the United Nations General Assembly

New York, 25 September 2019

Check against delivery

Mr. President,

Allow me to congratulate you on your election.
"""

DELEGATION_BYLINE_CAPS = """STATEMENT BY H.E. MS. ANA LUCIA FERREIRA, MINISTER OF FOREIGN AFFAIRS OF THE REPUBLIC OF CABO VERDE, \
AT THE GENERAL DEBATE OF THE 78TH SESSION OF THE UNITED NATIONS GENERAL ASSEMBLY

New York, 22 September 2023

Mr. President,

I bring you the greetings of my people.
"""

DELEGATION_OFFICE_FIRST = """Address by the Prime Minister of Tuvalu, Hon. Feleti Penitala Teo, to the seventy-ninth session of \
the General Assembly
26 September 2024

Mr. President,

Tuvalu stands here again to speak about the ocean.
"""


def test_a_byline_set_line_by_line_gives_the_name_the_office_and_the_debate() -> None:
    header, body = read(DELEGATION_BYLINE_LINES)
    assert (header.speaker, header.speaker_role) == ("Kwame Asante Boateng", "President of the Republic of Ghana")
    assert header.event == "General Debate of the 74th Session of the United Nations General Assembly"
    assert (header.date, header.place) == ("2019-09-25", "New York")
    assert body.strip().startswith("Allow me")


def test_a_byline_in_capitals_keeps_the_name_after_abbreviated_honorifics() -> None:
    header, _ = read(DELEGATION_BYLINE_CAPS)
    assert header.speaker == "Ana Lucia Ferreira"  # "H.E. MS." is no sentence end
    assert header.speaker_role == "Minister of foreign affairs of the Republic of Cabo Verde"
    assert header.event.lower() == "general debate of the 78th session of the united nations general assembly"


def test_an_office_before_an_honourable_name_is_the_speakers_role() -> None:
    header, _ = read(DELEGATION_OFFICE_FIRST)
    assert (header.speaker, header.speaker_role) == ("Feleti Penitala Teo", "Prime Minister of Tuvalu")
    assert header.event == "Seventy-ninth session of the General Assembly"
    assert header.date == "2024-09-26"


# ------------------------------------------------------------------ real pages, round 3 (forms in our own words)

UN_OFFICE_PAGE_IN_FRENCH_FRAME = """Aller au contenu principal

Third Annual Open Doors Forum: “Young people on the move: their hopes, their risks. Listening to them.”

Ingrid Halvorsen

14 mars 2017
Third Annual Open Doors Forum: “Young people on the move: their hopes, their risks. Listening to them.”

Remarks by Ms. Ingrid Halvorsen
United Nations Under-Secretary-General
Director-General of the United Nations Office at Vienna
Third Annual Open Doors Forum
“Young people on the move: their hopes, their risks. Listening to them.”
Tuesday, 14 March 2017 at 10:00
Grand Riverside Hotel, Vienna

Mr. Keller [Chair, Open Doors],
Dear colleagues,
Ladies and gentlemen:

It is a joy to be back at this Forum, which has grown every year since it began.
"""


def test_a_page_whose_title_quotes_its_theme_and_whose_byline_runs_line_by_line() -> None:
    header, body = read(UN_OFFICE_PAGE_IN_FRENCH_FRAME)
    assert (header.speaker, header.speaker_role) == \
        ("Ingrid Halvorsen", "Director-General of the United Nations Office at Vienna")
    assert (header.date, header.place, header.event, header.delivered_by) == \
        ("2017-03-14", "Vienna", "Third Annual Open Doors Forum", None)
    assert body.strip().startswith("It is a joy")


@pytest.mark.parametrize("text", ["Director-General of the United Nations Office at Nairobi",
                                  "High Commissioner for National Minorities",
                                  "Special Representative of the Secretary-General for Children and Armed Conflict",
                                  "Secretary-General of the Ocean Conference",
                                  "Secretary-General of the United Nations Conference on Trade and Development",
                                  "Secretary-General for the Regional Conference on Water"])
def test_a_shared_title_of_another_body_names_no_office_of_the_table(text: str) -> None:
    assert [r.role.name for r in find_roles(text)
            if r.role.name in ("Secretary-General", "United Nations High Commissioner for Refugees",
                               "Director General of the International Organization for Migration",
                               "Special Representative of the Secretary-General for International Migration")] == []


@pytest.mark.parametrize("text, role", [
    ("Secretary-General of the UN, António Guterres", "Secretary-General"),
    ("DG of IOM", "Director General of the International Organization for Migration"),
    ("Special Representative for International Migration",
     "Special Representative of the Secretary-General for International Migration"),
])
def test_the_tables_offices_written_with_their_body_are_still_found(text: str, role: str) -> None:
    assert [r.role.name for r in find_roles(text)][:1] == [role]


def test_a_second_office_line_of_another_body_is_no_occasion() -> None:
    text = ("Under-Secretary-General For Economic And Social Affairs\n"
            "Secretary-General For The Regional Conference On Water And Cities In The Sahel And Lake Chad Basin\n"
            "Remarks\nFourth Expert Meeting on Labour Mobility\nExcellencies,\nColleagues,\n"
            "It gives me pleasure to open this Fourth Expert Meeting on Labour Mobility.\n")
    header, _ = read(text)
    assert (header.speaker_role, header.event) == \
        ("Under-Secretary-General for Economic and Social Affairs", "Fourth Expert Meeting on Labour Mobility")


def test_a_name_and_a_colon_before_the_kind_of_remarks_is_the_speaker() -> None:
    header, _ = read("Karin Dahl: Statement at the Regional Dialogue on Climate and Mobility\n\nMar 3, 2019\n\n"
                     "I am glad to take part in this dialogue on behalf of our programme.\n")
    assert (header.speaker, header.speaker_role, header.date, header.event) == \
        ("Karin Dahl", None, "2019-03-03", "Regional Dialogue on Climate and Mobility")


def test_an_office_the_table_does_not_list_written_before_the_kind_of_remarks() -> None:
    header, _ = read("UNITAR Executive Director’s statement to the Second Regular Session of the Executive Board\n\n"
                     "September 9, 2021\n\nAs prepared for delivery.\n\nMadam President, members of the Board,\n\n"
                     "I thank you for the guidance you have given us this year.\n")
    assert (header.speaker, header.speaker_role, header.event) == \
        (None, "UNITAR Executive Director", "Second Regular Session of the Executive Board")


def test_a_byline_with_the_office_before_the_name() -> None:
    text = ("Deputy Executive Director remarks at the event Protecting Children on the Move Together\n\n"
            "Remarks by Assistant Secretary-General and Deputy Executive Director of UNICEF, Tomas Berg, at the "
            "panel on Protecting Children on the Move Together, Geneva, 4 June 2019\n\n[As delivered]\n\n"
            "Children who move alone are the first to be forgotten and the last to be protected.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == \
        ("Tomas Berg", "Assistant Secretary-General and Deputy Executive Director of UNICEF")
    assert (header.date, header.place, header.event) == ("2019-06-04", "Geneva", "Protecting Children on the Move Together")


def test_an_office_before_the_kind_of_remarks_without_a_possessive() -> None:
    header, _ = read("IOM DG Video Message for IMD 2019\n\nVideo Message by Director General António Vitorino\n\n"
                     "\"Every one of us has a family story of moving, near or far.\n")
    assert (header.speaker, header.speaker_role, header.event) == \
        ("António Vitorino", "Director General of the International Organization for Migration", "IMD 2019")


@pytest.mark.parametrize("title, event, place", [
    ("Briefing to Member States in Geneva", "Briefing to Member States", "Geneva"),
    ("Deputy Secretary-General's remarks to the press following the Ministerial Meeting on Remittances",
     "Ministerial Meeting on Remittances", None),
])
def test_remarks_to_an_audience_are_no_occasion(title: str, event: str, place: str | None) -> None:
    header, _ = read(f"4 March 2021\n\n{title}\n\nGood afternoon. We have just finished a useful exchange "
                     "on the work ahead of us.\n")
    assert (header.event, header.place) == (event, place)


def test_the_occasion_after_a_dash_in_a_delivered_by_line() -> None:
    text = ("Statement by the United Nations High Commissioner for Human Rights on migrant workers\n\n"
            "12 February 2019\n\nas delivered by Ana Ruiz, Chief, Migration Section - Labour Mobility Dialogue #2\n\n"
            "Over the past year, we have listened to migrant workers in every region of the world.\n")
    header, _ = read(text)
    assert (header.speaker, header.delivered_by, header.event) == \
        ("Michelle Bachelet", "Ana Ruiz", "Labour Mobility Dialogue #2")


def test_an_audience_word_that_starts_an_occasions_name_keeps_it() -> None:
    header, _ = read("Statement by Mr. Wu Hongbo, Under-Secretary-General for Economic and Social Affairs, at the "
                     "media launch of the new remittance figures, New York, 5 June 2014\n\nGood morning to you all.\n\n"
                     "Remittances reached a new record last year, and they keep families afloat.\n")
    assert header.event.lower() == "media launch of the new remittance figures"


def test_a_name_written_without_its_dotless_i_is_the_holders() -> None:
    assert known_person("Volkan Bozkir") == "Volkan Bozkır"


def test_a_numbered_assembly_on_the_line_over_a_segment_is_the_occasion() -> None:
    text = ("41st Assembly of the Union of Coastal Cities\nGeneral Debate. Remarks by Marta Lind, Assistant High "
            "Commissioner for Operations. Lisbon, 3 May 2018\n\nMadam Chair, Members,\n\n"
            "Coastal cities receive more newcomers every year, and they deserve our support.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.date, header.place, header.event) == \
        ("Marta Lind", "Assistant High Commissioner for Operations", "2018-05-03", "Lisbon",
         "41st Assembly of the Union of Coastal Cities")


def test_a_session_after_a_comma_and_at_is_no_part_of_the_occasion() -> None:
    text = ("Statement by Mr. Zeid Ra’ad Al Hussein, United Nations High Commissioner for Human Rights, at the "
            "plenary of the Third Committee, at the 71st session of the United Nations General Assembly, New York, "
            "18 October 2016\n\nMr. Chairman,\n\nI present the report of my Office for the past year.\n")
    header, _ = read(text)
    assert (header.speaker, header.place, header.event) == ("Zeid Ra'ad Al Hussein", "New York", "Third Committee")


def test_a_name_with_its_office_in_brackets_before_the_kind_of_remarks() -> None:
    text = ("Louise Arbour (SRSG for International Migration) Opening Address at Regional Forum on Labour Migration "
            "(4-5 June 2018, Bangkok)\n\nLabour migration is the largest part of the movement of people today.\n\n"
            "It deserves policies made with evidence.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == \
        ("Louise Arbour", "Special Representative of the Secretary-General for International Migration")
    assert (header.date, header.place, header.event) == ("2018-06-04", "Bangkok", "Regional Forum on Labour Migration")


def test_an_organisation_and_an_office_before_the_name() -> None:
    header, _ = read("Statement by UNICEF Deputy Executive Director Tomas Berg on children crossing the desert\n\n\n"
                     "Every week, children cross the desert alone in search of safety.\n")
    assert (header.speaker, header.speaker_role, header.event) == \
        ("Tomas Berg", "UNICEF Deputy Executive Director", None)


def test_an_organisations_statement_for_an_occasion() -> None:
    header, _ = read("UNFPA Statement for World Population Day\n\n\n"
                     "Today we mark World Population Day at a time of great movement of people.\n")
    assert (header.speaker, header.speaker_role, header.event) == (None, None, "World Population Day")


def sees(name: str):
    """A recogniser that finds `name` as a person wherever it is written."""
    return lambda texts: [[(t.find(name), t.find(name) + len(name), "PERSON")] if name in t else [] for t in texts]


def test_a_press_release_headline_is_no_occasion() -> None:
    header, _ = read("SG/SM/20001-DEV/3400\n\nKeep Faith with Migrants, Secretary-General Urges on Eve of Regional "
                     "Summit, Launching New Portal\n\nFollowing is UN Secretary-General António Guterres’ remarks on the "
                     "migration data portal, as delivered in Rabat, Morocco today:\n\nIt is a pleasure to launch this "
                     "portal with you.\n")
    assert (header.speaker, header.place, header.event) == ("António Guterres", "Rabat", None)


def test_a_press_encounter_is_no_occasion() -> None:
    header, _ = read("12 March 2019\n\nSecretary-General's press encounter in Nairobi [with the Executive Director]\n\n"
                     "Good afternoon. Thank you all for coming at such short notice.\n")
    assert (header.speaker, header.date, header.place, header.event) == \
        ("António Guterres", "2019-03-12", "Nairobi", None)


def test_an_office_a_dash_and_the_kind_of_remarks() -> None:
    header, _ = read("The Secretary General – Remarks to the Virtual Closing of the Regional Migration Forum\n\n"
                     "Bangkok, 3 May 2022\n\nExcellencies, friends,\n\nIt is a pleasure to close this forum with you.\n")
    assert (header.speaker, header.place, header.event) == ("António Guterres", "Bangkok", "Regional Migration Forum")


def test_a_labelled_title_and_a_delivered_during_line() -> None:
    header, _ = read("ACPR 360: Executive Secretary's Remarks\n\nDelivered during the 360th Session of the Advisory "
                     "Committee of Permanent Representatives (ACPR) in Bangkok, Thailand.\n\nMr. Chair,\n\n"
                     "This is the last meeting of the year, and I thank you for your support.\n")
    assert (header.speaker, header.speaker_role, header.place, header.event) == \
        (None, "Executive Secretary", "Bangkok", "360th Session of the Advisory Committee of Permanent Representatives")


def test_a_one_sentence_summary_over_the_statements_dateline() -> None:
    text = ("Labour migration\n\nFair recruitment must be the norm\n\nWHO Director-General, Lena Ortiz, called for "
            "fair recruitment of health workers, in a speech at the Regional Health Workforce Conference in Accra, "
            "Ghana.\n\nStatement | Accra, Ghana | 4 April 2019\nThank you, Madam Chair.\n\n"
            "Health workers who move deserve the same protection as those who stay.\n")
    blocks, body = split_header(text)
    header = parse_header(blocks, context=body, ner=sees("Lena Ortiz"))
    assert (header.speaker, header.speaker_role) == ("Lena Ortiz", "Director-General of the World Health Organization")
    assert (header.date, header.place, header.event) == ("2019-04-04", "Accra", "Regional Health Workforce Conference")
    assert body.strip().startswith("Thank you, Madam Chair.")


def test_a_name_line_with_an_organisations_office_and_the_occasion_after_a_dash() -> None:
    text = ("Lena Ortiz, Director-General, World Health Organization (WHO) - Statement from the floor at the 2019 "
            "Regional Health Workforce Conference\n\nThe Director-General spoke in the second round table on the "
            "rights of health workers who move.\n")
    blocks, body = split_header(text)
    header = parse_header(blocks, context=body, ner=sees("Lena Ortiz"))
    assert (header.speaker, header.speaker_role, header.event) == \
        ("Lena Ortiz", "Director-General of the World Health Organization", "2019 Regional Health Workforce Conference")


def test_an_office_line_with_its_occasion_and_a_lost_space() -> None:
    header, _ = read("Statement by Karl Weber\n\nDirector-General of the International Labour Office on the occasion "
                     "ofWorld Day for Safety 28 April 2009\n\nToday we remember the workers who lost their lives.\n")
    assert (header.speaker, header.speaker_role, header.date, header.event) == \
        ("Karl Weber", "Director-General of the International Labour Office", "2009-04-28", "World Day for Safety")


def test_a_title_ending_with_a_city_and_its_country_gives_the_place() -> None:
    header, _ = read("Opening Remarks at the 390th Advisory Committee of Permanent Representatives, Bangkok, Thailand\n\n"
                     "Distinguished Members,\n\nIt is a pleasure to be with you today.\n")
    assert (header.place, header.event) == ("Bangkok", "390th Advisory Committee of Permanent Representatives")


def test_an_office_on_a_subject_keeps_its_subject() -> None:
    header, _ = read("Statement by the Special Rapporteur on the rights of persons displaced by disasters at the 70th "
                     "session of the General Assembly\n\nThird Committee\n\n21 October 2015\n\nMadam Chair,\n\n"
                     "I am honoured to present my report to the Assembly today.\n")
    assert (header.speaker, header.speaker_role, header.date, header.event) == \
        (None, "Special Rapporteur on the rights of persons displaced by disasters", "2015-10-21", "Third Committee")


def test_a_press_dateline_opening_the_first_paragraph_under_a_caption() -> None:
    text = ("Press centre\n\n\nOn World Refugee Day, UNICEF says no child should cross a border alone\n\n"
            "Statement by Ana Ruiz, UNICEF Regional Director for Latin America\n\n© UNICEF/Photo credit\n"
            "Ana Ruiz met children at a reception centre near the border.\n\n"
            "PANAMA CITY, 20 June 2017 – “Every child who crosses a border alone is a child we have failed.\n\n"
            "We must do better.”\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == ("Ana Ruiz", "UNICEF Regional Director for Latin America")
    assert (header.date, header.place, header.event) == ("2017-06-20", "Panama City", "World Refugee Day")


def test_the_kind_of_statement_in_brackets_after_the_occasion_is_dropped() -> None:
    header, _ = read("High Commissioner's Dialogue on Protection Challenges – Youth on the Move (closing remarks)\n\n"
                     "Speeches and statements\n\n14 December 2017\n\nExcellencies,\n\nWe have heard a great deal in "
                     "two days about young refugees.\n")
    assert (header.speaker, header.event) == \
        ("Filippo Grandi", "High Commissioner's Dialogue on Protection Challenges – Youth on the Move")


def test_a_title_with_a_kind_by_a_name_and_a_date_is_no_dateline() -> None:
    header, _ = read("Acceptance speech by Lena Ortiz on 5 June 2019\n\nI am honoured by the trust you have placed in "
                     "me through this election.\n")
    assert (header.speaker, header.date) == ("Lena Ortiz", "2019-06-05")


def test_a_delivered_by_line_with_its_date_names_the_speaker_and_the_day() -> None:
    header, _ = read("As delivered by His Excellency Mr. Tomas Varga,  3 June 2024\n\nI am honoured by the trust the "
                     "Assembly has placed in me through my election.\n")
    assert (header.speaker, header.speaker_role, header.date, header.delivered_by) == \
        ("Tomas Varga", None, "2024-06-03", None)


def test_an_office_an_honorific_and_the_name() -> None:
    header, _ = read("Statement of Executive Director on fair recruitment\n\n19 September 2019\n\nPresented by UNFPA "
                     "Executive Director Dr. Lena Ortiz to the Regional Forum on Labour Mobility.\n\n"
                     "Distinguished Co-Chairs, Excellencies,\n\nIt is an honour to address this forum.\n")
    assert (header.speaker, header.speaker_role) == ("Lena Ortiz", "Executive Director of the United Nations Population Fund")


def test_a_web_archive_notice_is_furniture_and_a_dateline_names_the_day() -> None:
    text = ("You are viewing an archived web page, collected at the request of the Organization using an archiving "
            "service. This page was captured on 07:30:00 Dec 19, 2016. The information on this web page may be out "
            "of date.\nLoading media information hide\n\nWorld Day for Cultural Diversity - 21 May 2016\n\n"
            "Message by Karl Weber, Director-General of UNESCO\n\nCultures move with people, and they always have.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.date, header.event) == \
        ("Karl Weber", "Director-General of UNESCO", "2016-05-21", "World Day for Cultural Diversity")


def test_a_quote_and_its_author_over_a_dateline_glued_to_its_kind() -> None:
    text = ("Skip to main content\nAvailable in EnglishEspañol\n\nInternational Migrants Day\n\n\"We must welcome "
            "people who move in search of safety\", UN Secretary-General Ban Ki-moon says in his annual message.\n\n"
            "18 December 2015|Statement\n\nPhoto: a caption in another language.\n\nThis has been a hard year for "
            "people on the move, and for the communities that take them in.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.event) == ("Ban Ki-moon", "2015-12-18", "International Migrants Day")


def test_a_headline_attributed_to_the_un_chief_and_a_press_lead() -> None:
    text = ("Press Release\n\nMore humane approach to migration needed – UN Chief\n\n17 December 2021\n\n\n"
            "NAIROBI, 17 December 2021 (UNIC) – United Nations Secretary-General Antonio Guterres in his message on "
            "International Migrants Day, 18 December 2021, called for a more humane approach to migration.\n\n"
            "The full text of his message reads:\n\nOn this International Migrants Day, we honour migrants.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.place, header.event) == \
        ("António Guterres", "2021-12-17", "Nairobi", "International Migrants Day")


@pytest.mark.parametrize("opening", [
    "His Excellency Mr. Tomas Varga,\nPresident of the Eightieth Session of the United Nations General Assembly\n"
    "His Excellency Mr. António Guterres,\nSecretary-General of the United Nations\n"
    "Excellencies, Heads of State and Government;\nDistinguished Delegates;\nLadies and Gentlemen:\n",
    "His Excellency Mr. Tomas Varga, President of the eightieth session of the United Nations General Assembly\n"
    "His Excellency Mr. António Guterres, Secretary-General of the United Nations\nHeads of State and Government\n"
    "Distinguished delegates,\n",
    "Mr. President\nMr. Secretary General\nExcellencies\nDistinguished Delegates\n",
    "Mr President\nSecretary-General\nDistinguished Delegates\n",
    "- Your Excellency, President of the United Nations General Assembly,\n- Your Excellency, Secretary-General of "
    "the United Nations,\n- Your Excellencies, Heads of Delegation,\n- Ladies and Gentlemen,\n",
    "Respected President of the General Assembly,\n",
    "H.E. Tomas Varga, President of the 80th Session of the United Nations General Assembly,\n",
    "His Excellency Mr. António Guterres\nSecretary General of the United Nations\nHis Excellency Tomas Varga\n"
    "President of the 80th General Assembly of the United Nations\nYour Excellencies Heads of State and Government\n",
])
def test_a_general_debate_speech_opening_with_its_addressees_has_no_header(opening: str) -> None:
    text = opening + "I am honoured to address this Assembly on behalf of the people of my country.\n"
    blocks, body = split_header(text)
    assert blocks == [] and body == text
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == (None, None)


def test_a_bulleted_list_of_addressees_opens_the_speech() -> None:
    text = ("• Mr António Guterres, Secretary-General of the United Nations\n• Mr Tomas Varga, President of the 80th "
            "Session of the United Nations General Assembly\n• Distinguished Heads of State and Government\n"
            "• Ladies and Gentlemen, Delegates\n\nI stand before you today on behalf of the people of my country.\n")
    blocks, body = split_header(text)
    assert blocks == [] and body == text


DELEGATION_BYLINE_CAPS_LINES = """STATEMENT
BY
HIS EXCELLENCY MR. KWAME ASANTE BOATENG
PRESIDENT OF THE REPUBLIC OF GHANA
AT THE GENERAL DEBATE OF THE 74TH SESSION
OF THE UNITED NATIONS GENERAL ASSEMBLY

NEW YORK, 25 SEPTEMBER 2019

Mr. President,

Allow me to congratulate you on your election.
"""


def test_a_byline_in_capitals_line_by_line_reads_the_name_before_the_office() -> None:
    header, _ = read(DELEGATION_BYLINE_CAPS_LINES)  # every capitals word looks like an acronym
    assert (header.speaker, header.speaker_role) == ("Kwame Asante Boateng", "President of the Republic of Ghana")
    assert (header.date, header.place) == ("2019-09-25", "New York")


def test_a_news_dateline_before_the_following_is_sentence_gives_the_place_and_the_occasion() -> None:
    text = ("XY/SM/1234\nOBV/567\n14 December 2005\n\nSecretary-General Calls for Fair Treatment of Workers Abroad\n\n"
            "NEW YORK, 13 December (UN Headquarters) -- Following is the text of Secretary-General Kofi Annan’s "
            "message on International Migrants Day, 18 December 2005:\n\nPeople have always crossed borders to "
            "find work, and they always will.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.place, header.event) == \
        ("Kofi Annan", "2005-12-14", "New York", "International Migrants Day")


def test_this_is_the_text_of_a_message_from_on_the_observance_of_a_day() -> None:
    text = ("12 December 2002\n\nWorkers Far From Home Deserve Protection\n\nNEW YORK, 11 December (UN Headquarters) "
            "-- This is the text of a message from Secretary-General Kofi Annan on the observance of 18 December as "
            "International Migrants Day:\n\nThis third observance of the Day finds more people on the move than ever.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.place, header.event) == \
        ("Kofi Annan", "2002-12-12", "New York", "International Migrants Day")


@pytest.mark.parametrize("byline", [
    "Statement of the UNODC Executive Director, Ivan Petrov,\non World Day against Trafficking in Persons",
    "Statement by Ivan Petrov, UNODC Executive Director, on World Day against Trafficking in Persons",
    "Executive Director, UN Office on Drugs and Crime, Ivan Petrov:\n\nStatement on World Day against Trafficking "
    "in Persons",
])
def test_an_office_written_before_the_name_with_commas_and_a_vienna_press_dateline(byline: str) -> None:
    text = (f"For information only - not an official document\n\n29 July 2013\n\n{byline}\n\n30 July 2013\n\n"
            "VIENNA, 30 July (UN Information Service) - Traffickers prey on people who have run out of choices.\n")
    header, _ = read(text)
    assert header.speaker == "Ivan Petrov"
    assert header.speaker_role == "Executive Director of the United Nations Office on Drugs and Crime"
    assert (header.date, header.place, header.event) == ("2013-07-30", "Vienna", "World Day against Trafficking in Persons")


def test_a_dateline_with_two_cities_or_a_country_in_brackets_opens_the_lead() -> None:
    text = ("Statement by UNICEF Executive Director Ana Ruiz on children crossing the desert\n\n"
            "NEW YORK/ NAIROBI, 4 May 2016 – “No child should have to walk for weeks to find safety.\n\n"
            "We ask every government on the route to keep children with their families.”\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.place) == ("Ana Ruiz", "2016-05-04", "New York")
    header, _ = read("For information only – not an official document\nUNIS/CP/999\n\nVienna (Austria) 3 March 2019 – "
                     "Crime feeds on closed doors, and smugglers profit from every border that closes.\n")
    assert (header.date, header.place) == ("2019-03-03", "Vienna")


def test_a_capitals_byline_with_the_before_the_office_gives_the_officeholder_role() -> None:
    text = ("OPENING STATEMENT BY\n\nH.E. MS. LENA ORTIZ\nTHE PRESIDENT OF THE UNITED NATIONS GENERAL ASSEMBLY\n\n"
            "AT THE INFORMAL DEBATE ON LABOUR MOBILITY\n\nNEW YORK, NEW YORK\n3 MAY 2007\n\nExcellencies,\n\n"
            "We meet to talk about the people whose work crosses borders.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.place) == \
        ("Lena Ortiz", "President of the General Assembly", "New York")


def test_people_addressed_by_name_before_ladies_and_gentlemen_are_no_reader() -> None:
    text = ("Rabat, Morocco\n\n4 November 2012\n\nSecretary-General's video message to the Regional Forum on Labour "
            "Mobility\n\nKarim Alaoui, Minister of Labour, Ines Costa, Forum Chair, Omar Haddad, My Special Envoy on "
            "Migration, Ladies and Gentlemen,\n\n"
            "I am glad to greet you all.\n")
    header, _ = read(text)
    assert (header.speaker_role, header.event, header.delivered_by) == \
        ("Secretary-General", "Regional Forum on Labour Mobility", None)
    assert line_kind("Alain Berset, Federal Councillor, Ines Costa, Forum Chair, Ladies and Gentlemen,") is \
        Kind.SALUTATION


def test_guests_of_a_press_conference_the_first_is_the_speaker_and_the_kind_is_no_occasion() -> None:
    text = ("Noon briefing press conference\n\nGuests: Dennis Francis, President of the 78th session of the General "
            "Assembly, and\n\nAna Ruiz, Director-General of the IOM\n\n9 May 2024\n\nSPOKESPERSON: Good afternoon, "
            "and welcome to this briefing.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.event) == \
        ("Dennis Francis", "President of the General Assembly", None)


def test_a_venue_after_a_press_conference_is_no_occasion() -> None:
    header, _ = read("Press Conference by Secretary-General Ban Ki-moon at United Nations Headquarters\n\n3 March 2014"
                     "\n\nFollowing is a transcript of UN Secretary-General Ban Ki-moon’s press conference, held in "
                     "New York today:\n\nGood morning, and thank you for coming.\n")
    assert (header.speaker, header.place, header.event) == ("Ban Ki-moon", "New York", None)


def test_a_page_title_glued_to_the_skip_link_and_a_numbered_conference_with_its_theme() -> None:
    header, _ = read("Regional Meeting on Labour Migration in Central Asia Skip to main content\n\n12 May 2015\n"
                     "Almaty, Kazakhstan\n\nStatement by Ms. Ana Ruiz\nExecutive Secretary of ESCAP\n\nLadies and "
                     "gentlemen,\n\nWelcome to Almaty.\n")
    assert header.event == "Regional Meeting on Labour Migration in Central Asia"
    header, _ = read("5th Annual Diplomats Forum “Bridges: People, Work and Law”\n\nMs. Ana Ruiz, Director General, "
                     "International Organization for Migration\nLisbon, Portugal\n\nIt is a privilege to speak to "
                     "you this evening.\n")
    assert header.event == "5th Annual Diplomats Forum “Bridges: People, Work and Law”"


def test_a_note_inside_a_flattened_byline_ends_the_occasion() -> None:
    header, _ = read("Statement by H.E. Kamal Perera President of the Republic of Atlantis During the General Debate "
                     "of the 70th Session of the United Nations General Assembly (Please check against delivery) "
                     "Permanent Mission of Atlantis to the United Nations 100 First Avenue, New York, NY 10017 Tel: "
                     "(212) 555-0100 Fax:\n[email] Web: Mr. President, Excellencies, I congratulate you on your "
                     "election and thank your predecessor for his work.\n")
    assert header.event == "General Debate of the 70th Session of the United Nations General Assembly"


def test_an_archived_byline_with_a_former_office_under_a_press_conference_title() -> None:
    text = ("Secretary-General's press conference [unofficial transcript]\n\nPress events | Ban Ki-moon, Former "
            "Secretary-General\n\nGood afternoon, and thank you all for joining me here in Santiago today.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.event) == ("Ban Ki-moon", "Secretary-General", None)


@pytest.mark.parametrize(("lead", "event"), [
    ("On World Day against Trafficking in Persons, we remember every person sold or held against their will.",
     "World Day against Trafficking in Persons"),
    ("The following statement by the Executive Director of the UN Office on Drugs and Crime, Ivan Petrov, was "
     "delivered today at the opening of the Ninth Session of the Conference of the Parties.",
     "Ninth Session of the Conference of the Parties"),
])
def test_the_occasion_named_by_a_press_lead_after_its_dateline(lead: str, event: str) -> None:
    text = (f"For information only - not an official document\nUNIS/CP/777\n11 June 2018\n\n"
            f"VIENNA, 11 June (UN Information Service) - {lead}\n\nCriminals profit when doors close.\n")
    header, _ = read(text)
    assert (header.date, header.place, header.event) == ("2018-06-11", "Vienna", event)


def test_a_city_and_a_day_after_the_occasion_in_a_press_intro_are_trimmed() -> None:
    text = ("Deputy Secretary-General Urges Safer Routes\n\n5 October 2013\n\nFollowing are UN Deputy Secretary-General "
            "Jan Eliasson’s remarks at the closing of the Regional Forum on Labour Mobility, in Geneva on 5 October:\n\n"
            "Let me thank all of you for two days of frank talk.\n")
    header, _ = read(text)
    assert (header.speaker, header.place, header.event) == ("Jan Eliasson", "Geneva", "Regional Forum on Labour Mobility")


def test_an_honorific_name_and_an_office_not_in_the_table_without_a_comma() -> None:
    text = ("Ms. Ana Ruiz Assistant Secretary-General for Strategic Planning\n\nSixth Coordination Meeting on "
            "Labour Mobility\n\nDistinguished delegates,\nLadies and gentlemen.\n\nWelcome to this sixth meeting.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.event) == \
        ("Ana Ruiz", "Assistant Secretary-General for Strategic Planning", "Sixth Coordination Meeting on Labour Mobility")


def test_an_organisation_line_under_the_office_under_the_name() -> None:
    text = ("Eighth Regional Forum on Labour Mobility\n\nStatement by Mr. Karl Weber\nExecutive Secretary\nUnited "
            "Nations Economic Commission for Africa\n\nExcellencies, ladies and gentlemen,\n\nIt is a pleasure to be "
            "here.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role) == \
        ("Karl Weber", "Executive Secretary of the Economic Commission for Africa")  # the table's wording


def test_a_title_wrapped_after_the_and_run_on_with_name_and_dateline_in_sentences() -> None:
    text = ("Closing remarks at the 70th session of the\nStanding Committee on Protection. Volker Türk, Assistant High "
            "Commissioner for Protection. Geneva, 9 March 2018\n\n9 March 2018\n\nMadam Chair,\n\nLet me thank every "
            "delegation for three days of work.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.place, header.event) == \
        ("Volker Türk", "2018-03-09", "Geneva", "70th session of the Standing Committee on Protection")


def test_an_occasion_dash_a_message_by_name_and_a_summary_over_a_piped_dateline() -> None:
    text = ("World Day for Decent Work - Message by Mr. Karl Weber, Director-General of the ILO\n\n"
            "\"Fair pay travels with the worker\" said Mr. Karl Weber, calling on States to protect people who cross "
            "borders for work, on the occasion of World Day for Decent Work, 7 October.\n\n"
            "Statement | Geneva | 2 October 2009\n\nFair pay should not end at a border.\n")
    header, _ = read(text)
    assert (header.speaker, header.speaker_role, header.date, header.place, header.event) == \
        ("Karl Weber", "Director-General of the International Labour Organization", "2009-10-02", "Geneva",
         "World Day for Decent Work")


def test_a_summary_in_the_first_person_over_a_piped_statement_dateline_is_the_header() -> None:
    text = ("Message by the Director-General on World Day for Decent Work\n\nWe honour the people whose work keeps "
            "economies running. They deserve rights wherever they work.\n\nStatement | Geneva | 7 October 2013\n"
            "We honour the people whose work keeps economies running.\n")
    header, _ = read(text)
    assert (header.date, header.place, header.event) == ("2013-10-07", "Geneva", "World Day for Decent Work")


def test_a_joint_statement_names_the_first_author_and_the_occasion_after_the_second() -> None:
    header, _ = read("Joint statement by UNICEF Executive Director, Ana Ruiz, and United Nations High Commissioner "
                     "for Refugees, Filippo Grandi, on the occasion of World Refugee Day\n\nStatement | 20 June 2019\n"
                     "Every child who flees deserves a school.\n")
    assert (header.speaker, header.date, header.event) == ("Ana Ruiz", "2019-06-20", "World Refugee Day")


def test_remarks_written_for_an_acting_office_name_the_speaker_and_the_occasion() -> None:
    header, _ = read("Remarks for Acting Under-Secretary-General for Humanitarian Affairs, Lena Okafor, at the "
                     "Opening of the Annual Humanitarian Dialogue\n\nAs delivered\n\n"
                     "Thank you, Chair, for your kind words.\n")
    assert (header.speaker, header.speaker_role, header.event) == \
        ("Lena Okafor", "Acting Under-Secretary-General for Humanitarian Affairs", "Annual Humanitarian Dialogue")


def test_remarks_at_an_occasion_delivered_by_another_on_behalf_of_the_author() -> None:
    text = ("Remarks at the Opening of the Regional Relief Forum delivered by the Head of the Liaison Office in Nairobi "
            "and Chief of the Field Support Section, Paul Mwangi\n\n"
            "Remarks delivered on behalf of the Under-Secretary-General for Humanitarian Affairs, Clara Jensen\n\n"
            "Nairobi, 12 May 2022\n\nThank you, Madam Chair.\n\nThe Under-Secretary-General sends her regrets.\n")
    header, _ = read(text)
    assert (header.speaker, header.delivered_by, header.date, header.place, header.event) == \
        ("Clara Jensen", "Paul Mwangi", "2022-05-12", "Nairobi", "Regional Relief Forum")


def test_the_secretary_generals_special_representative_is_not_the_secretary_general() -> None:
    header, _ = read("PRESS CONFERENCE BY SECRETARY-GENERAL'S SPECIAL REPRESENTATIVE FOR MIGRATION\n\n3 October 2007\n\n"
                     "Countries were ready to talk about migration, Peter Sutherland said at a press conference today.\n")
    assert header.speaker_role == "Special Representative of the Secretary-General for International Migration"
    assert header.speaker == "Peter Sutherland"
    assert not any(m.written.lower() == "secretary-general" for m in find_roles("The Secretary-General's Special Envoy"))


def test_an_organisations_statement_colon_occasion_and_a_wire_services_dateline() -> None:
    header, _ = read("UNICEF Statement: World Children's Day - 20 November 2014\n\n"
                     "PARIS, 20 November 2014 / Africa Wire / -- Every child deserves to be counted, and too many "
                     "are still missed by the systems meant to protect them.\n")
    assert (header.date, header.place, header.event) == ("2014-11-20", "Paris", "World Children's Day")


def test_a_kind_of_remarks_colon_the_occasion_over_a_quoted_theme() -> None:
    header, _ = read("Statements and Speeches\n12 Mar 2012\n\nClosing Remarks: Second Global Meeting of Regional "
                     "Migration Networks\n\n\"Building Trust: Lessons from Ten Years of Regional Dialogue\"\n\n"
                     "Excellencies,\n\nThese two days have shown what regional dialogue can do.\n")
    assert (header.date, header.event) == ("2012-03-12", "Second Global Meeting of Regional Migration Networks")


def test_a_note_to_correspondents_message_to_an_occasion_by_a_named_official() -> None:
    header, _ = read("New York\n\n4 October 2013\n\nNote to Correspondents: Message to the Closing Plenary of the "
                     "Global Dialogue on Mobility by Mr. Peter Sutherland, Special Representative of the "
                     "Secretary-General for Migration\n\nWe have come a long way in two days.\n")
    assert (header.speaker, header.place, header.event) == ("Peter Sutherland", "New York", "Global Dialogue on Mobility")


def test_a_headline_saddened_by_a_death_is_no_occasion() -> None:
    header, _ = read("Secretary-General Saddened by Death of Former Envoy, Applauds Her Work for Peace\n"
                     "The following statement was issued today by the Spokesman for UN Secretary-General "
                     "António Guterres:\n\nI am deeply saddened to learn of her passing.\n")
    assert (header.speaker, header.event) == ("António Guterres", None)


def test_a_spanish_salutation_wrapped_over_lines_is_no_byline() -> None:
    header, _ = read("Statements and Speeches\n15 Jun 2012\n\nDistinguido Señor Ministro del Interior de la República\n"
                     "de Honduras, Señor Carlos Ramos;\n\nSeñoras y señores, buenos días!\n\n"
                     "It is an honour to address this conference.\n")
    assert (header.speaker, header.speaker_role, header.place) == (None, None, None)
    assert header.date == "2012-06-15"


def test_a_photo_caption_and_its_credit_between_title_and_byline_are_furniture() -> None:
    text = ("Partnerships for people on the move\n\nPanel after the ministerial breakfast on mobility. DSG and IOM "
            "head.\n\n©UN Photo/Jane Roe\n\nClosing remarks by Mr. Csaba Kőrösi, President of the 77th Session of "
            "the United Nations General Assembly, at the Ministerial Breakfast on Labour Mobility\n\n12 May 2023\n\n"
            "Excellencies,\n\nThank you for staying with us this morning.\n")
    header, _ = read(text)
    assert (header.speaker, header.date, header.event) == \
        ("Csaba Kőrösi", "2023-05-12", "Ministerial Breakfast on Labour Mobility")


def test_highlights_of_a_press_conference_by_an_office_and_a_name_in_capitals() -> None:
    header, _ = read("HIGHLIGHTS OF PRESS CONFERENCE BY UN UNDER-SECRETARY-GENERAL FOR POLITICAL AFFAIRS JOHN "
                     "MBEKI\n\nPress Conferences\n\nJohn Mbeki, Under-Secretary-General for Political Affairs, said "
                     "he had just returned from the region and that talks would resume next week.\n")
    assert (header.speaker, header.speaker_role) == ("John Mbeki", "UN Under-Secretary-General for Political Affairs")


def test_a_pages_address_over_a_byline_with_the_name_in_capitals() -> None:
    header, _ = read("https://www.example.org/speeches/regional-forum-opening\nby MARIA LOPEZ UN Assistant "
                     "Secretary-General and Head of the Regional Bureau\nExcellencies, dear participants,\n"
                     "We meet at a time of great movement.\n")
    assert (header.speaker, header.speaker_role) == \
        ("Maria Lopez", "UN Assistant Secretary-General and Head of the Regional Bureau")


def test_a_name_colon_a_kind_of_speech_is_a_header() -> None:
    header, _ = read("Kemal Arslan: Closing Speech at the Tenth Anniversary Forum\n\nToday's meeting was about "
                     "ministers speaking frankly about what works, and I thank you all for it.\n")
    assert (header.speaker, header.event) == ("Kemal Arslan", "Tenth Anniversary Forum")


def test_remarks_by_an_office_for_or_on_the_occasion_of_a_board_session() -> None:
    header, _ = read("Opening Remarks by the UNITAR Executive Director on the Occasion of the First Regular Session of "
                     "the Executive Board\n\nDelivered on: 3 February 2016\n\nThank you, Mr. President.\n")
    assert (header.speaker_role, header.date, header.event) == \
        ("UNITAR Executive Director", "2016-02-03", "First Regular Session of the Executive Board")
    header, _ = read("Opening Remarks by the Executive Director for the Annual Session of the Executive Board, 2016\n\n"
                     "Delivered on: 6 June 2016\n\nMr. President,\n\nWelcome to all new members.\n")
    assert (header.speaker_role, header.event) == ("Executive Director", "Annual Session of the Executive Board, 2016")


def test_a_city_and_date_in_brackets_after_the_occasion_and_a_resident_coordinators_office() -> None:
    header, _ = read("Statement by Ms. Anna Berg, Director of International Protection, to the 40th Meeting of the "
                     "Standing Committee (Geneva, 3 July 2007)\n\n3 July 2007\n\nThank you, Madam Chair,\n\n"
                     "It is a pleasure to speak here.\n")
    assert (header.speaker, header.date, header.place, header.event) == \
        ("Anna Berg", "2007-07-03", "Geneva", "40th Meeting of the Standing Committee")
    header, _ = read("Opening Remarks by Tomas Lind, the UN Resident Coordinator in Laos\n[Check against delivery]\n"
                     "Distinguished guests, ladies and gentlemen\nI am glad to open this workshop on safe migration.\n")
    assert (header.speaker, header.speaker_role) == ("Tomas Lind", "UN Resident Coordinator in Laos")


def test_an_occasion_then_a_semicolon_and_a_statement_by_a_named_official() -> None:
    header, _ = read("Statement to the 72nd Session of the Executive Committee of the High Commissioner's Programme; "
                     "Statement by Maria Costa, Assistant High Commissioner for Protection\n\n"
                     "By Maria Costa | 06 October 2021\n\nMadam Chair, distinguished delegates,\n\nThank you.\n")
    assert (header.speaker, header.date, header.event) == \
        ("Maria Costa", "2021-10-06", "72nd Session of the Executive Committee of the High Commissioner's Programme")


@pytest.mark.parametrize(("stem", "country"), [
    ("EU_68_2013", "European Union"),  # the corpus's delegation with no ISO 3166 code
    ("CSK_22_1967", "Czechoslovakia"),  # withdrawn codes name the former country
    ("YUG_56_2001", "Yugoslavia"),
])
def test_general_debate_names_of_delegations_without_a_current_code_give_session_and_year(stem: str,
                                                                                          country: str) -> None:
    meta = name_metadata(stem)
    assert (meta["country"], meta["session"], meta["date"]) == (country, stem.split("_")[1], stem[-4:])


@pytest.mark.parametrize(("stem", "event", "place"), [
    ("NOR_71_2016", "General Debate of the 71st session of the General Assembly", "New York"),
    ("NOR_72_2017", "General Debate of the 72nd session of the General Assembly", "New York"),
    ("NOR_11_1956", "General Debate of the 11th session of the General Assembly", "New York"),
    ("FRA_6_1951", "General Debate of the 6th session of the General Assembly", "Paris"),  # met at the Palais de Chaillot
    ("GBR_1_1946", "General Debate of the 1st session of the General Assembly", None),  # London, then New York
])
def test_a_general_debate_name_gives_the_sessions_debate_as_occasion_and_its_place(stem: str, event: str,
                                                                                  place: str | None) -> None:
    meta = name_metadata(stem)
    assert (meta["event"], meta.get("place")) == (event, place)


def test_a_two_letter_code_no_delegation_uses_is_no_general_debate_name() -> None:
    assert name_metadata("XX_73_2018") == {}


def test_a_shared_title_after_another_bodys_initials_is_that_bodys_office_not_iom() -> None:
    # "Director-General" alone may be IOM's; written after FAO's (or WHO's, ILO's) initials it is
    # that agency's head, even when the body mentions IOM among partners.
    body = "4 May 2021\n\nExcellencies, colleagues,\n\nI thank our partners at IOM and UNHCR for joining this discussion.\n"
    header, _ = read("FAO Director-General's remarks at the forum on rural youth and mobility - 4 May 2021\n\n" + body)
    assert header.speaker == "Qu Dongyu"  # the table lists FAO's office: its holder that day
    assert header.speaker_role == "Director-General of the Food and Agriculture Organization of the United Nations"
    assert header.date == "2021-05-04"
    header, _ = read("UNIDO Director-General's remarks at the forum on rural youth and mobility - 4 May 2021\n\n" + body)
    assert (header.speaker, header.speaker_role) == \
        ("Li Yong", "Director General of the United Nations Industrial Development Organization")  # listed since offices2
    header, _ = read("UNITAR Executive Director's remarks at the forum on rural youth and mobility - 4 May 2021\n\n" + body)
    assert (header.speaker, header.speaker_role) == (None, "UNITAR Executive Director")  # a body the table does not list
    mention = find_roles("the ILO's Director-General said")[0]
    assert mention.initials == "ILO" and context_role(mention, "IOM IOM International Organization for Migration").name \
        == "Director-General of the International Labour Organization"


def test_a_release_giving_the_message_delivered_in_another_city_by_a_reader() -> None:
    # The release is dated in New York; the message was read elsewhere: the reader's city is the place.
    header, _ = read("SG/SM/12345\nREC/999\n9 May 2005\n\nSecretary-General Hails Regional Cooperation in Message\n\n"
                     "NEW YORK, 8 May (UN Headquarters) -- Following is the message by UN Secretary-General Kofi Annan "
                     "to the fifty-ninth session of the Regional Trade Forum, delivered today in Manila by Lena Ortiz, "
                     "Executive Secretary, Regional Trade Forum:\n\nI send warm greetings to all of you.\n")
    assert (header.speaker, header.place, header.delivered_by) == ("Kofi Annan", "Manila", "Lena Ortiz")
    assert header.event.casefold() == "fifty-ninth session of the regional trade forum"
    header, _ = read("SECRETARY-GENERAL, IN MESSAGE TO WATER FORUM, URGES ACTION\n"
                     "Following is the text of United Nations Secretary-General Ban Ki-moon's message to the Asian Water "
                     "Forum, as delivered by Paul Meyer, Under-Secretary-General for Management, in Hanoi, today, "
                     "12 March:\nI am pleased to greet this forum.\n")
    assert (header.speaker, header.place, header.event, header.delivered_by) == \
        ("Ban Ki-moon", "Hanoi", "Asian Water Forum", "Paul Meyer")


def test_an_old_release_with_advance_text_and_the_message_of_the_secretary_general() -> None:
    header, _ = read("SG/SM/4321\n\nSECRETARY-GENERAL WELCOMES PROGRESS IN MESSAGE TO PLANNING MEETING\n\n"
                     "4 April 1995\n\n19950404 ADVANCE TEXT Following is the text of the message of Secretary-General "
                     "Boutros Boutros-Ghali to the ninth meeting of the Conference of Planning Ministers, in Nairobi "
                     "on 7 April:\n\nIt gives me pleasure to greet you.\n")
    assert (header.speaker, header.date, header.place) == ("Boutros Boutros-Ghali", "1995-04-04", "Nairobi")
    assert header.event.casefold() == "ninth meeting of the conference of planning ministers"


def test_a_reader_in_brackets_at_the_end_of_the_title_with_the_office_before_the_name() -> None:
    header, _ = read("Lima, Peru\n\n03 May 2016\n\nSecretary-General's message to the Regional Conference on "
                     "Population [delivered by ECLAC Executive Secretary, Ms. Paula Reyes]\n\nI greet you all.\n")
    assert (header.speaker, header.event, header.delivered_by) == \
        ("Ban Ki-moon", "Regional Conference on Population", "Paula Reyes")


def test_a_byline_with_no_comma_between_the_name_and_an_office_led_by_initials() -> None:
    # A catalogue's one-line header: "by Name ORG Office of ORG City, Country Date".
    header, _ = read("Opening remarks by Kwame Osei UN Under-Secretary-General and Executive Secretary of ECA "
                     "Addis Ababa, Ethiopia 14 April 2011\n\nThis meeting brings the finance ministers together.\n")
    assert (header.speaker, header.speaker_role) == \
        ("Kwame Osei", "Executive Secretary of the Economic Commission for Africa")
    assert (header.date, header.place) == ("2011-04-14", "Addis Ababa")
    header, _ = read("Remarks by Mr. Jonas Berg UNDP Administrator - Regional Forum, Nairobi.\n\n"
                     "As prepared for delivery.\n\nExcellencies,\n\nIt is an honour to join you.\n")
    assert (header.speaker, header.speaker_role) == ("Jonas Berg", "Administrator of the United Nations Development Programme")


def test_a_possessive_in_capitals_is_no_part_of_the_name() -> None:
    # "UNDER-SECRETARY-GENERAL MARTA L. VIDAL'S / REMARKS TO THE SECURITY COUNCIL": the recogniser's
    # person may take the "'S" along; the name is read without it.
    from pipeline.headerparse import _ner_people
    line = "UNDER-SECRETARY-GENERAL MARTA L. VIDAL'S"
    assert _ner_people(line, [(24, len(line), "PERSON")]) == ["Marta L. Vidal"]


def test_a_breadcrumb_trail_ending_with_the_title_and_an_office_at_an_occasion() -> None:
    header, _ = read("Home » About Us » Executive Director » Speeches » Opening Address of the Executive Director at "
                     "the Regional Housing Forum, Third Session\n"
                     "Opening Address of the Executive Director at the Regional Housing Forum, Third Session\n\n"
                     "Honourable Ministers,\n\nIt is a privilege to open this forum.\n")
    assert (header.speaker_role, header.event) == ("Executive Director", "Regional Housing Forum, Third Session")
    header, _ = read("Statement of the Commissioner-General at the Meeting of the Relief Agency's Advisory Board\n\n"
                     "12 June 2016\n\nMr Chairman, distinguished delegates,\n\nLet me begin by thanking our hosts.\n")
    assert (header.speaker_role, header.date, header.event) == \
        ("Commissioner-General", "2016-06-12", "Meeting of the Relief Agency's Advisory Board")


def test_a_wire_service_page_with_a_slashed_title_and_an_agency_dateline() -> None:
    # A wire copy: "Body / Occasion / Statement by Name, Office" and "CITY, Country Month D, YYYY/Agency (TAG)/ --".
    header, _ = read("Posted by: AGW | 3 July 2010\n\nRegional Council / Fifth Ordinary Session of the Council of "
                     "Ministers / Statement by Mr. Paulo Mendes, Executive Secretary of the Commission\n\n"
                     "LUANDA, Angola July 3, 2010/Africa Global Wire (AGW)/ -- Statement by Mr. Paulo Mendes, "
                     "Executive Secretary of the Commission:\n\nMr. Chairman\n\nI am glad to address this Council.\n")
    assert (header.speaker, header.date, header.place) == ("Paulo Mendes", "2010-07-03", "Luanda")
    assert header.event == "Fifth Ordinary Session of the Council of Ministers"
    header, _ = read("Source: World Health Organization (WHO) |\n\nWHO Director-General's Address at the Regional "
                     "Committee\n\nNAIROBI, Kenya, August 29, 2019/APO Group/ --\n\nHonourable Ministers,\n\n"
                     "I am happy to be with you.\n")
    assert (header.speaker_role, header.date, header.place, header.event) == \
        ("Director-General of the World Health Organization", "2019-08-29", "Nairobi", "Regional Committee")


def test_a_name_line_by_itself_then_an_office_line_in_separate_blocks() -> None:
    header, _ = read("Policy Statement\n\nBy Lena Holm\n\nUN Under Secretary General and UNEP Executive Director\n\n"
                     "At the Opening of the Second Session of the Environment Assembly\n\nNairobi, 23 May 2016\n\n"
                     "Your Excellency, Madam President,\n\nWelcome to this Assembly.\n")
    assert (header.speaker, header.speaker_role) == ("Lena Holm", "Executive Director of the United Nations Environment Programme")
    assert (header.date, header.place) == ("2016-05-23", "Nairobi")
    header, _ = read("Message\n\nby UN Women\n\n25 March 2016\n\nToday we remember the victims.\n")
    assert header.speaker is None  # an organisation's byline names no person


def test_an_adjective_before_the_remarks_in_a_release_intro() -> None:
    header, _ = read("UN Chief Hails Council at 75\n\n"
                     "Following are UN Secretary-General António Guterres' virtual remarks to the Economic and Social "
                     "Council on its seventy-fifth anniversary, in New York today:\n\nGreetings from Nairobi. We meet on the "
                     "anniversary of a body that has shaped the work of the Organization for decades.\n")
    assert (header.speaker, header.place) == ("António Guterres", "New York")
    assert header.event == "Economic and Social Council on its seventy-fifth anniversary"


def test_the_kind_of_statement_after_a_colon_is_no_part_of_the_occasion() -> None:
    header, _ = read("Regional Commission 71st Session: Closing Statement\n\nMinisterial Segment\n"
                     "Bangkok, Thailand, on 19 May 2015\n\nMadame Chair,\n\nWe have come to the close of this session.\n")
    assert (header.date, header.place, header.event) == ("2015-05-19", "Bangkok", "Regional Commission 71st Session")


def test_a_named_person_who_never_held_the_office_keeps_the_title_as_written() -> None:
    # Another body's Secretary General (a trade conference's): the person is right, the UN office is not.
    header, _ = read("Commodities Board, 12th session (Opening Plenary)\n\nStatement by Mr. Omar Haddad, Secretary General\n\n"
                     "Geneva\n14 September 2015\n\nExcellencies,\n\nI welcome you to this session of the Board.\n")
    assert (header.speaker, header.speaker_role) == ("Omar Haddad", "Secretary General")
    header, _ = read("Statement by Mr. Ban Ki-moon, Secretary General\n\nNew York\n14 September 2015\n\n"
                     "Excellencies,\n\nI welcome you to this session.\n")
    assert (header.speaker, header.speaker_role) == ("Ban Ki-moon", "Secretary-General")


def test_two_offices_joined_by_a_slash_under_a_name_and_an_office_read_for() -> None:
    text = ("Nadia Salem\n\nDirector-General/Executive Director\n\n\nRemarks to the Second Committee\n  9 October 2021\n\n"
            "Madame Chair,\n\nThank you for this opportunity to address the Committee.\n")
    blocks, body = split_header(text)
    header = parse_header(blocks, context=body, ner=sees("Nadia Salem"))
    assert (header.speaker, header.speaker_role, header.date) == \
        ("Nadia Salem", "Executive Director of the United Nations Office on Drugs and Crime", "2021-10-09")
    header, _ = read("Remarks on behalf of the UNEP Executive Director\n\nStatement to the Second Committee, 74th session\n\n"
                     "New York, 7 October 2019\n\nMr. Chairman,\n\nThe Executive Director regrets that she could not "
                     "be here today.\n")
    assert (header.speaker_role, header.date, header.place) == \
        ("Executive Director of the United Nations Environment Programme", "2019-10-07", "New York")


def test_a_press_conference_title_by_an_office_on_a_topic_is_no_site_section() -> None:
    header, _ = read("Press Conference by UN-Habitat Executive Director on Urban Resilience Week\n\n4 March 2015\n"
                     "Press Conference\n\nThe coming week would bring mayors together, the head of the agency said at a "
                     "Headquarters news conference today, adding that cities faced many risks.\n")
    assert (header.speaker_role, header.date, header.event) == \
        ("Executive Director of the United Nations Human Settlements Programme", "2015-03-04", "Urban Resilience Week")


def test_a_document_viewers_pager_and_an_agency_kind_label_are_no_occasion() -> None:
    header, _ = read("You are on page 1of 12\n\nUNFPA | SPEECH\n\n3 June 2013\nCheck against delivery\n\n"
                     "Statement by Ana Ruiz, Executive Director of UNFPA, at the Annual Session of the Executive Board"
                     "\n\nMr. President,\n\nI thank the Board for its support.\n")
    assert (header.speaker, header.date, header.event) == ("Ana Ruiz", "2013-06-03", "Annual Session of the Executive Board")


def test_a_quoted_title_with_a_colon_inside_stays_whole() -> None:
    header, _ = read('UNICEF Executive Director\'s remarks at the side event "Children on the move: who protects them?" '
                     "- 21 September 2021\n\n21 September 2021\n\nExcellencies,\n\nThank you for coming.\n")
    assert header.event == "Children on the move: who protects them?"  # the generic 'side event' dropped


def test_an_op_ed_headline_after_its_authors_name() -> None:
    header, _ = read("Kofi Annan: Let us open our doors to those who flee\n\nThis week the world gathers to talk about the "
                     "millions of people who have left their homes, and what we owe them.\n\nMore than ever, we must act.\n")
    assert header.speaker == "Kofi Annan"
    header, _ = read("Geneva: talks resume on the border crossings\n\nThe talks resumed this morning in a tense "
                     "atmosphere, with both sides restating their positions.\n")
    assert header.speaker is None


def test_initials_before_a_title_two_offices_share_say_whose_it_is() -> None:
    # "High Commissioner" is UNHCR's or OHCHR's: the initials before it decide, whatever the text is about.
    mention = find_roles("the OHCHR High Commissioner spoke on refugees")[0]
    assert context_role(mention, "refugees refugees asylum").name == "United Nations High Commissioner for Human Rights"
    mention = find_roles("UNHCR High Commissioner")[0]
    assert context_role(mention, "human rights").name == "United Nations High Commissioner for Refugees"


def test_a_title_then_the_office_and_name_after_its_last_comma() -> None:
    header, _ = read('Welcome to the United Nations\n\nBriefing to the Fifth Committee on "Review of Field Missions", '
                     "Under-Secretary-General Carla M. Rossi\n\n4 Nov 2020 - 10:15\n\nMr. Chairman,\n\n"
                     "I am pleased to address this Committee.\n")
    assert (header.speaker, header.speaker_role, header.date) == \
        ("Carla M. Rossi", "Under-Secretary-General", "2020-11-04")
    assert header.event == 'Fifth Committee on "Review of Field Missions"'


def test_a_title_glued_to_the_sites_pdf_print_email_icons() -> None:
    header, _ = read("Closing of the Fifth Session of the Conference of the Parties PDF Print E-mail\n"
                     "Agency Speeches (2002-2010)\n\nVienna, 24 October 2010\n\nMr. Chairman,\n\n"
                     "Let me thank you all for the work of this session.\n")
    assert (header.date, header.place) == ("2010-10-24", "Vienna")
    assert "PDF" not in (header.event or "")


def test_an_office_in_the_possessive_before_a_body_names_no_speaker() -> None:
    # "the High Commissioner's Programme" is a body; "Deputy High Commissioner – Address to ..." an office as written.
    assert find_roles("the Standing Committee of the High Commissioner's Programme") == []
    assert find_roles("a grant from the Secretary-General's Fund") == []
    header, _ = read("Deputy High Commissioner for Operations – Address to the 81st meeting of the Standing Committee "
                     "of the High Commissioner's Programme (Geneva, 3-5 March 2021)\n\n4 March 2021\n\nMadam Chair,\n\n"
                     "I will speak briefly about our operations this year.\n")
    assert (header.speaker, header.speaker_role) == (None, "Deputy High Commissioner for Operations")
    assert header.event == "81st meeting of the Standing Committee of the High Commissioner's Programme"
    assert (header.date, header.place) == ("2021-03-04", "Geneva")


def test_a_site_instruction_in_brackets_is_not_part_of_the_occasion() -> None:
    header, _ = read("Geneva\n\n12 August 2019\n\nThe Secretary-General's video message on International Youth Day "
                     "(Scroll down for Spanish)\n\nYoung people are leading the way.\n")
    assert (header.speaker_role, header.event) == ("Secretary-General", "International Youth Day")


def test_office_then_name_in_the_possessive_before_the_kind() -> None:
    header, _ = read("UNICEF Executive Director Maria Lindqvist's Address at the Regional Forum on Child Migrants, "
                     "3 May 2011\n\nPanama City  It is an honour to be here with you.\n")
    assert header.speaker == "Maria Lindqvist"
    assert header.event == "Regional Forum on Child Migrants"
    assert header.date == "2011-05-03"


def test_a_press_encounter_names_no_occasion_but_what_it_follows_does() -> None:
    header, _ = read("New York\n\n03 March 2014\n\nFull Transcript of Secretary-General's Press Encounter\n\n"
                     "Good morning.  Let me begin with the situation in the region.\n")
    assert (header.date, header.place, header.event) == ("2014-03-03", "New York", None)
    header, _ = read("Rabat\n\n5 December 2012\n\nSecretary-General's remarks at a joint press conference following "
                     "the opening of the Regional Conference on Labour Mobility\n\nThank you, Minister.\n")
    assert header.event == "Regional Conference on Labour Mobility"


def test_a_transcript_of_remarks_by_an_office_holder_designate() -> None:
    header, _ = read("SG/9999\n\nRemarks by Secretary-General-designate at Press Stakeout\n\nFollowing is a transcript of "
                     "UN Secretary-General-designate Ban Ki-moon’s remarks at a press stakeout, in New York today:\n\n"
                     "Thank you for coming.  I am deeply honoured.\n")
    assert (header.speaker, header.place, header.event) == ("Ban Ki-moon", "New York", None)
    assert header.speaker_role == "UN Secretary-General-designate"


def test_the_intro_city_after_a_theme_with_capitals_and_on() -> None:
    # "in Global Affairs Views on ..." is no place; the city comes later in the sentence.
    header, _ = read("3 May 2019\n\nDeputy Secretary-General Urges Scholars to Speak for Displaced People\n\n"
                     "Following are UN Deputy Secretary-General Amina Mohammed’s remarks to the Second Colloquium on "
                     "Ethics in Global Affairs Views on Mobility:  exile and belonging, in Geneva today:\n\nThank you.\n")
    assert (header.speaker, header.place, header.date) == ("Amina J. Mohammed", "Geneva", "2019-05-03")


def test_a_headline_expressing_concern_names_no_occasion() -> None:
    header, _ = read("4 July 2006\n\nSecretary-General Expresses Concern at Fate of Migrants Stranded in the Desert\n\n"
                     "NEW YORK, 3 July (UN Headquarters) -- The following statement was issued today by the Spokesman "
                     "for UN Secretary-General Kofi Annan:\n\nThe Secretary-General is concerned.\n")
    assert (header.speaker, header.event, header.place) == ("Kofi Annan", None, "New York")


def test_a_headline_verb_the_recogniser_took_for_a_name_is_no_person() -> None:
    title = "Secretary-General Expresses Grave Alarm at Attacks on Aid Convoys in the Region"

    def tags_the_verb(texts):  # a recogniser that reads "Expresses Grave Alarm" as a person, as models sometimes do
        return [[(18, 39, "PERSON")] if t == title else [] for t in texts]

    blocks, body = split_header(f"8 March 2007\n\n{title}\n\nNEW YORK, 7 March (UN Headquarters) -- The following "
                                "statement was issued today by the Spokesman for UN Secretary-General Ban Ki-moon:\n\n"
                                "The Secretary-General is alarmed.\n")
    header = parse_header(blocks, context=body, ner=tags_the_verb)
    assert (header.speaker, header.event) == ("Ban Ki-moon", None)


def test_the_assistant_high_commissioner_for_protection_is_resolved_by_date() -> None:
    page = ("Assistant High Commissioner for Protection – Opening remarks to the {n}th meeting of the Standing Committee"
            "\n\n{day}\n\nMadam Chair,\n\nProtection is under strain this year.\n")
    header, _ = read(page.format(n=77, day="2 March 2020"))
    assert (header.speaker, header.speaker_role) == ("Gillian Triggs", "Assistant High Commissioner for Protection")
    header, _ = read(page.format(n=68, day="7 March 2017"))
    assert header.speaker == "Volker Türk"
    assert header.event == "68th meeting of the Standing Committee"


def test_an_office_in_brackets_after_the_name_and_an_agenda_item_after_the_occasion() -> None:
    header, _ = read("Csaba Kőrösi (General Assembly President) at High-level Meeting on Road Safety\n\n12 May 2023\n\n"
                     "Excellencies,\n\nEvery year too many lives are lost on our roads.\n")
    assert (header.speaker, header.speaker_role) == ("Csaba Kőrösi", "President of the General Assembly")
    assert header.event == "High-level Meeting on Road Safety"
    header, _ = read("71st Session of the Executive Committee of the High Commissioner's Programme Agenda item 3(b). "
                     "Statement by Jane Whitfield, Director of International Protection\n\n7 October 2020\n\n"
                     "Madam Chair,\n\nThank you.\n")
    assert header.event == "71st Session of the Executive Committee of the High Commissioner's Programme"


def test_a_topic_then_a_colon_then_the_byline() -> None:
    header, _ = read("World Refugee Day: Statement by the High Commissioner\n\nGeneva, 20 June 2018\n\n"
                     "Today UNHCR honours the courage of refugees and the communities that host them.\n")
    assert (header.speaker, header.speaker_role) == ("Filippo Grandi", "United Nations High Commissioner for Refugees")
    assert (header.event, header.date, header.place) == ("World Refugee Day", "2018-06-20", "Geneva")
    header, _ = read("Heatwave: Message from the Director General\n\n2 August 2022\n\nDear colleagues,\n\n"
                     "IOM teams are supporting migrants in the hardest-hit areas.\n")
    assert header.speaker_role == "Director General of the International Organization for Migration"
    assert header.event is None


def test_an_old_release_headline_opening_with_the_office_is_no_salutation() -> None:
    # "Office, in remarks to X," wrapped over two lines of a headline reads like "Deputy Secretary-General,"
    header, _ = read("9 March 2009\n\n\n9 March 2009\nDeputy Secretary-General\n"
                     "Department of Public Information • News and Media Division • New York\n\n"
                     "Deputy Secretary-General, in remarks to seminar on labour mobility,\n\n"
                     "calls for ‘fair deal’ for workers abroad\n\n"
                     "Following is the text of UN Deputy Secretary-General Asha-Rose Migiro’s remarks to the Seminar "
                     "on Labour Mobility in New York today, 9 March:\n\nI thank the organizers for inviting me.\n")
    assert (header.speaker, header.speaker_role) == ("Asha-Rose Migiro", "Deputy Secretary-General")
    assert (header.date, header.place, header.event) == ("2009-03-09", "New York", "Seminar on Labour Mobility")


def test_remarks_made_by_the_office_holder_today_in_another_city_than_the_release() -> None:
    header, _ = read("15 May 2004\n\nNEW YORK, 14 May (UN Headquarters) -- Following are the remarks made by "
                     "Secretary-General Kofi Annan, at the opening of the Forum on Seasonal Work today in Vienna:\n\n"
                     "It is a pleasure to be with you.\n")
    assert (header.speaker, header.speaker_role) == ("Kofi Annan", "Secretary-General")
    assert (header.place, header.event) == ("Vienna", "Forum on Seasonal Work")


def test_a_title_that_stops_on_a_function_word_ends_on_the_next_line_even_when_repeated() -> None:
    header, _ = read("High Commissioner's closing remarks to the 69th session of the\nUNHCR Standing Committee\n"
                     "High Commissioner's closing remarks to the 69th session of the\nUNHCR Standing Committee\n"
                     "Thank you, Madam Chair.\nWe have had two rich days of discussion.\n")
    assert header.speaker_role == "United Nations High Commissioner for Refugees"
    assert header.event == "69th session of the UNHCR Standing Committee"


def test_a_meeting_coverage_release_names_no_occasion_by_its_session_meeting_or_headline() -> None:
    header, _ = read("8123rd Meeting (AM)\nSC/14001\n\nSecurity Council Extends Mandate of Naval Inspections off the "
                     "Coast for One Year\n\nThe Security Council today renewed its authorization for another year.\n")
    assert header.event is None
    header, _ = read("GA/SHC/9999\n\nRefugee Agency Stretched to Its Limits, Third Committee Told\n\n"
                     "9 November 2014\nGeneral AssemblyGA/SHC/9999\n\nSixty-ninth General Assembly\n\nThird Committee\n\n"
                     "30th & 31st Meetings (AM & PM)\n\nThe refugee agency faced more emergencies than ever, the "
                     "Committee heard today.\n")
    assert header.event is None
    header, _ = read("Seventy-fifth Session\nHigh-Level Debate on Remittances and Development (AM & PM)\nGA/99999\n\n"
                     "Assembly President Calls Remittances a Lifeline\n\nThe General Assembly met today.\n")
    assert header.event == "High-Level Debate on Remittances and Development"


def test_a_lone_region_over_the_date_is_no_occasion_and_a_city_with_its_state_is_a_place() -> None:
    header, _ = read("Lampedusa\n\n3 October 2014\n\nSecretary-General's remarks at the harbour memorial\n\n"
                     "Ban Ki-moon, Former Secretary-General\n\nWe remember those lost at sea.\n")
    assert header.event != "Lampedusa"
    header, _ = read("Remarks: Migration in a Changing Climate - Annual Gathering\n\nDate Publish: \n"
                     "Monday, March 4, 2019 - 10:00\nMr. António Vitorino, Director General, International Organization "
                     "for Migration\nAustin, Texas\n\n\nLadies and Gentlemen,\n\nIt is an honour to be here.\n")
    assert (header.speaker, header.place, header.date) == ("António Vitorino", "Austin", "2019-03-04")


def test_a_summing_up_of_a_debate_by_a_named_official() -> None:
    header, _ = read("Summing-up of the General Debate by Mr. Pedro Alvarez, Director, Division of Field Support, "
                     "UNHCR, at the Sixtieth Session of the Executive Committee of the High Commissioner's Programme\n\n"
                     "2 October 2009\n\nWe have heard many views this week.\n")
    assert header.speaker == "Pedro Alvarez"
    assert header.speaker_role.startswith("Director, Division of Field Support")
    assert header.event == "Sixtieth Session of the Executive Committee of the High Commissioner's Programme"


def test_a_meeting_named_with_its_formats_after_a_comma() -> None:
    header, _ = read("4 October 2016\n\nYoung Migrants Need Schooling, Assembly Told as Forum Ends\n\n"
                     "4 October 2016\nGeneral Assembly\n\nSeventy-first General Assembly\n\n12th Meeting (AM)\n\n"
                     "More than 40 Speakers Attend\n"
                     "High-level Forum on Youth and Migration, Interactive Round Tables\n\n"
                     "Delegates heard today that young migrants need schooling.\n")
    assert header.event == "High-level Forum on Youth and Migration"


def test_a_message_signed_at_its_end_is_the_signers() -> None:
    header, _ = read("Floods: Message from the Director General\n\nGeneva – This month, rivers have burst their banks "
                     "in many of the places where we work.\n\nOur colleagues have kept shelters open day and night.\n\n"
                     "With my thanks and solidarity,\n\nWilliam Lacy Swing\nDirector General\n")
    assert (header.speaker, header.speaker_source) == ("William Lacy Swing", "signature")
    assert header.speaker_role == "Director General of the International Organization for Migration"  # the title he held
    header, _ = read("Note to all staff\n\n3 May 2021\n\nThe new building opens next month.\n\n"
                     "Please plan your move with your managers.\n\nFilippo Grandi, UN High Commissioner for Refugees\n")
    assert (header.speaker, header.speaker_role) == ("Filippo Grandi", "United Nations High Commissioner for Refugees")


def test_a_contact_block_or_a_closing_sentence_at_the_end_is_no_signature() -> None:
    header, _ = read("World Refugee Day: Statement\n\n20 June 2019\n\nWe stand with refugees today.\n\n"
                     "For more information, contact:\nJane Roe, Spokesperson\n")
    assert header.speaker is None
    header, _ = read("Message from the Director General\n\n1 July 2020\n\nWe stand with migrants today.\n\n"
                     "Thank you all.\n")
    assert header.speaker is None
    header, _ = read("Statement to the Standing Committee\n\n1 July 2020\n\nWe stand with refugees today.\n\n"
                     "Related Content\nStanding Committee, 78th Meeting\n")  # a site's links under the text
    assert header.speaker is None


def test_a_rank_under_the_name_and_then_the_office_the_table_lists() -> None:
    page = ("\"Cities and Migrants\"\n\n{name}\n\n6 avril 2017\n\"Cities and Migrants\"\n\nRemarks by Mr. {name}\n"
            "United Nations Under-Secretary-General\nDirector-General of the United Nations Office at Geneva\n"
            "on “Cities and Migrants”\nThursday, 6 April 2017 at 10 a.m., Room XIX\n\n\nLadies and gentlemen:\n\n"
            "It is a pleasure to welcome you to the Palais des Nations to discuss how cities receive newcomers.\n")
    header, _ = read(page.format(name="Michael Møller"))
    assert (header.speaker, header.speaker_role) == ("Michael Møller", "Director-General of the United Nations Office at Geneva")
    header, _ = read(page.format(name="Lars Jensen"))
    assert header.speaker == "Lars Jensen"
    assert header.speaker_role != "Director-General of the United Nations Office at Geneva"  # not its holder then


def test_the_same_person_in_the_title_and_in_a_byline_with_the_office() -> None:
    header, _ = read("Statement of Ambassador Rosa Quiroga at the Lisbon Mobility Forum\n\nDate Publish: \n"
                     "Monday, May 8, 2017 - 09:00\nMs Rosa Quiroga, Deputy Director General, International Organization "
                     "for Migration (IOM)\n\nIt is an honour for me to be here today.\n")
    assert header.speaker == "Rosa Quiroga"
    assert header.speaker_role == "Deputy Director General, International Organization for Migration (IOM)"
    assert header.event == "Lisbon Mobility Forum"


def test_the_deputy_secretary_general_addressed_is_no_speaker() -> None:
    header, _ = read("Back to top\n\nRemarks to the Informal Hearings on\nRemittances and Development\n\n"
                     "New York, 3 June 2013\n\n\n\nMr. Deputy-Secretary-General,\nLadies and Gentlemen,\n\n"
                     "As President of the General Assembly, I welcome you all.\n")
    assert header.speaker != "Jan Eliasson"
    assert header.speaker_role != "Deputy Secretary-General"
    assert (header.date, header.place) == ("2013-06-03", "New York")


def test_a_session_and_its_meetings_on_two_lines_joined_by_a_comma_name_no_occasion() -> None:
    header, _ = read("2019 Session,\n41st & 42nd Meetings (AM & PM)\nECOSOC/9999\n\nCouncil Closes Its Segment, Adopts "
                     "Text on Displacement\n\nThe Economic and Social Council concluded its segment today.\n")
    assert header.event is None


def test_a_dateline_in_brackets_with_a_range_across_months() -> None:
    header, _ = read("Statement by Ms. Hanna Berg, Director, Division of Protection Policy, UNHCR, to the 33rd Meeting of "
                     "the Standing Committee, (Geneva, 28 June - 2 July 2005)\n\n28 June 2005\n\nAs delivered\n\n"
                     "This session of the Committee is traditionally devoted to protection.\n")
    assert (header.speaker, header.date, header.place) == ("Hanna Berg", "2005-06-28", "Geneva")
    assert header.event == "33rd Meeting of the Standing Committee"


def test_an_image_text_above_the_title_and_a_message_signed_with_the_name_alone() -> None:
    page = ("Children walk along a dusty road at dawn.\n\nMessages for 2019\n\nSecretary-General's Message\n\n\n"
            "Every minute, families are forced to leave everything behind.\n\nWe must stand with them.\n\n{name}\n")
    header, _ = read(page.format(name="António Guterres"))
    assert header.speaker_role == "Secretary-General"
    assert (header.speaker, header.speaker_source) == ("António Guterres", "signature")
    header, _ = read(page.format(name="Maria Rossi"))  # no holder of the office: a name alone is no signature
    assert header.speaker is None


def test_a_labelled_place_line() -> None:
    header, _ = read("Forum on Rural Remittances\n\nStatement by Ana Torres, President of the International Fund for "
                     "Agricultural Development (IFAD)\n\nPlace: Dakar, Senegal\n\nCheck against delivery\n\n"
                     "Distinguished guests,\n\nRemittances reach rural families first.\n")
    assert (header.speaker, header.place, header.event) == ("Ana Torres", "Dakar", "Forum on Rural Remittances")
    assert header.speaker_role == "President of the International Fund for Agricultural Development"


def test_an_introducing_sentence_whose_colon_was_lost_in_the_copy() -> None:
    header, _ = read("Following are UN Secretary-General Ban Ki-moon’s remarks at the tree-planting ceremony at the "
                     "United Nations compound, in Dakar, Senegal, today\n\nThis tree will outlive all of us.\n\n"
                     "It will shade those who come after.\n")
    assert (header.speaker, header.speaker_role, header.place) == ("Ban Ki-moon", "Secretary-General", "Dakar")
    assert header.event.lower() == "tree-planting ceremony at the united nations compound"


def test_a_short_title_wrapped_onto_a_lower_case_line() -> None:
    header, _ = read("International Day of remembrance\nin memory of the lost seafarers\n\nCommemorative Ceremony\n\n"
                     "12 March 2011\n\nJohn Smith\nUnder-Secretary-General for Outreach\n\nLadies and Gentlemen,\n\n"
                     "We are gathered tonight to remember those lost at sea.\n")
    assert header.date == "2011-03-12"
    assert header.speaker_role == "Under-Secretary-General for Outreach"
    assert header.event == "International Day of remembrance in memory of the lost seafarers"
    # a paragraph that wraps after a comma or runs into a sentence is still a paragraph
    assert split_header("Many of us remember,\nin our own ways, the sea.\n\nMore text follows here.\n")[0] == []


@pytest.mark.parametrize("title, event", [
    ("Address to the General Assembly on\nthe occasion of the opening of its 80th Session", "Opening of its 80th Session"),
    ("Remarks to a panel on the occasion of World Refugee Day", "World Refugee Day"),
])
def test_what_follows_on_the_occasion_of_names_the_occasion(title: str, event: str) -> None:
    header, _ = read(f"{title}\n\n20 June 2030\n\nMr. Chairman,\n\nIt is an honour to address you today.\n")
    assert header.event == event


def test_a_main_committee_under_an_old_release_section_line_is_the_occasion() -> None:
    page = ("9 November 2009\nGeneral Assembly\nDepartment of Public Information • News and Media Division • New York\n\n"
            "Sixty-fourth General Assembly\n\n{committee}\n\n30th Meeting (AM)\n\nMigrant Workers Need Protection, "
            "Speakers Tell Committee\n\nThe Committee today took up the rights of migrant workers, hearing the "
            "Special Rapporteur.\n")
    header, _ = read(page.format(committee="Third Committee"))
    assert header.event == "Third Committee"
    header, _ = read(page.format(committee="Second Committee (Economic and Financial)"))
    assert header.event == "Second Committee (Economic and Financial)"


def test_a_reader_line_with_the_verb_misspelt() -> None:
    header, _ = read("Remarks by Ms. Tatiana Valovaya\nDirector-General of the United Nations Office at Geneva\n"
                     "Monday, 6 March 2028 at 10 a.m., Room VII\n\nDeliverd by Tomas Weber, Senior Adviser, on behalf of "
                     "the Director-General.\n\n\nLadies and gentlemen:\n\nIt is a great pleasure to welcome you to the Palais "
                     "des Nations to discuss one of the most pressing issues of our time.\n")
    assert header.speaker == "Tatiana Valovaya"
    assert header.delivered_by == "Tomas Weber"


def test_opening_of_the_meeting_leaves_the_occasion_to_the_title() -> None:
    header, _ = read("World Forum on Coastal Resilience\n\n3-5 June 2026, Lisbon\n\nOPENING OF THE MEETING\n\n"
                     "Remarks by Mr. Paulo Reis, Special Representative of the Secretary-General for Disaster Risk "
                     "Reduction\n\nAs we open this forum, I thank our hosts for their welcome.\n")
    assert header.event == "World Forum on Coastal Resilience"


def test_a_venue_with_its_room_in_brackets_is_no_occasion() -> None:
    header, _ = read("• English\n\nPalais des Nations (Conference Room XII), Geneva Monday, 14 May 2029\n"
                     "Statement of the Executive Secretary,\nHigh-level Segment\n\nLadies and Gentlemen,\n\n"
                     "This session comes at a turning point for the Commission.\n")
    assert header.date == "2029-05-14"
    assert header.event is None or "Palais" not in header.event


def test_a_theme_and_its_host_after_a_dash() -> None:
    header, _ = read("Keynote Address: Building Bridges in a Divided Age - Harbor Point Policy Foundation\n\nDate Publish: \n"
                     "Friday, October 12, 2029 - 10:00\nMr. William Lacy Swing, Director General, International Organization "
                     "for Migration\nBoston, MA\n\n\nLadies and Gentlemen,\n\n\nIt is a distinct honour to take part in the "
                     "Institute's annual meeting and to speak about the movement of people.\n")
    assert header.event == "Harbor Point Policy Foundation"
    # a dash before a theme's second half with no host is no occasion
    header, _ = read("Keynote Address: Migration - A Shared Responsibility\n\n12 October 2029\n\nLadies and Gentlemen,\n\n"
                     "It is a distinct honour to take part in this meeting and to speak about the movement of people.\n")
    assert header.event != "A Shared Responsibility"


def test_a_name_alone_over_a_un_office_line_is_the_byline() -> None:
    page = ("Annual Day of Remembrance\n\nMemorial Ceremony\nGeneral Assembly Hall\n\n14 February 2027\n\n\nHaruto Mori\n"
            "Under-Secretary-General for Global Communications\n\n\nLadies and Gentlemen,\n\nDear Friends,\n\n"
            "It is my honour to welcome you to this ceremony of remembrance tonight.\n")
    blocks, body = split_header(page)
    header = parse_header(blocks, context=body, ner=sees("Haruto Mori"))
    assert (header.speaker, header.speaker_role) == ("Haruto Mori", "Under-Secretary-General for Global Communications")
    header, _ = read(page)  # a name no recogniser sees still leaves its office
    assert header.speaker_role == "Under-Secretary-General for Global Communications"


def test_a_name_alone_gets_the_office_the_table_lists_for_that_day() -> None:
    page = ("UN Headquarters\n\n{date}\n\nRemarks at the Opening of the Harbour Lights Exhibition\n\nBan Ki-moon\n\n"
            "Excellencies,\nLadies and Gentlemen,\n\nI am pleased to join you for the opening of this exhibition of "
            "photographs from around the world.\n")
    header, _ = read(page.format(date="09 March 2014"))
    assert (header.speaker, header.speaker_role) == ("Ban Ki-moon", "Secretary-General")
    header, _ = read(page.format(date="09 March 2019"))  # no office of the table held that day
    assert (header.speaker, header.speaker_role) == ("Ban Ki-moon", None)
