"""The officeholder table: heads of UN bodies, their sourced terms, and headers that name them."""

from __future__ import annotations

import pytest
import yaml

from pipeline import config
from pipeline.header import split_header
from pipeline.headerparse import Header, parse_header
from pipeline.officeholders import (
    context_role,
    find_roles,
    known_person,
    load_roles,
    match_role,
    resolve_role,
)


def no_entities(texts):
    return [[] for _ in texts]


def read(text: str) -> Header:
    blocks, body = split_header(text)
    return parse_header(blocks, context=body, ner=no_entities)


BODY = "\n\nDistinguished delegates,\n\nI thank the Board for its support throughout the year.\n"


def test_every_holder_has_dates_and_a_listed_source() -> None:
    data = yaml.safe_load(config.OFFICEHOLDERS_PATH.read_text(encoding="utf-8"))
    for entry in data["roles"]:
        for holder in entry.get("holders", []):
            assert holder.get("start") is not None, (entry["role"], holder["person"])
            assert "end" in holder, (entry["role"], holder["person"])
            assert holder["source"] in data["sources"], (entry["role"], holder["person"])
    names = {role.name for role in load_roles()}
    for office in ("Administrator of the United Nations Development Programme",
                   "Executive Director of the United Nations Children's Fund",
                   "Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator",
                   "Director-General of the International Labour Organization",
                   "Commissioner-General of the United Nations Relief and Works Agency for Palestine Refugees in the Near East"):
        assert office in names


def test_a_named_head_gets_the_canonical_name_and_the_office() -> None:
    page = ("Remarks by Henrietta H. Fore, Executive Director of UNICEF, at a regional meeting on children on the move"
            "\n\nPanama City, 12 March 2019" + BODY)
    header = read(page)
    assert header.speaker == "Henrietta Fore"
    assert header.speaker_role == "Executive Director of the United Nations Children's Fund"
    assert known_person("Catherine M. Russell") == "Catherine Russell"
    assert known_person("Stephen O’Brien") == "Stephen O'Brien"  # a typographic apostrophe
    mention = find_roles("Message of the Executive Director of the UN Children’s Fund")[0]
    assert mention.role.name == "Executive Director of the United Nations Children's Fund"


def test_an_office_without_a_person_gets_the_holder_on_the_date() -> None:
    page = ("Statement by the UNDP Administrator to the first regular session of the Executive Board"
            "\n\n30 January 2012" + BODY)
    header = read(page)
    assert header.speaker == "Helen Clark"
    assert header.speaker_role == "Administrator of the United Nations Development Programme"
    erc = match_role("Emergency Relief Coordinator")
    assert resolve_role(erc, "2016-04-02") == "Stephen O'Brien"


def test_a_known_office_before_an_occasion_on_one_line() -> None:
    page = ("Message from Juan Somavia\n\nDirector-General of the International Labour Office on the occasion of "
            "World Day against Child Labour 12 June 2010" + BODY)
    header = read(page)
    assert header.speaker == "Juan Somavia"
    assert header.speaker_role == "Director-General of the International Labour Office"
    assert header.event == "World Day against Child Labour"


@pytest.mark.parametrize(("context", "office"), [
    ("UNFPA and its partners; the UNFPA strategic plan for maternal health", "United Nations Population Fund"),
    ("the World Food Programme fed millions; WFP school meals", "World Food Programme"),
    ("UNODC research on migrant smuggling; the Office on Drugs and Crime", "Office on Drugs and Crime"),
])
def test_a_generic_title_is_resolved_only_by_its_context(context: str, office: str) -> None:
    mention = find_roles("Statement of the Executive Director")[0]
    assert mention.generic
    assert context_role(mention, context).name.endswith(office)
    assert context_role(mention, "the Board thanked the delegations for their support") is None
    page = "Statement of the Executive Director to the annual session of the Executive Board\n\n14 June 2016" + BODY
    assert read(page).speaker is None  # nothing says whose Executive Director
    page = page.replace("for its support", "for its support to UNFPA and to the UNFPA country programmes")
    assert read(page).speaker == "Babatunde Osotimehin"


def test_a_date_outside_every_term_gives_no_holder() -> None:
    unrwa = match_role("UNRWA Commissioner-General")
    assert resolve_role(unrwa, "2014-06-01") == "Pierre Krähenbühl"
    assert resolve_role(unrwa, "2020-01-15") is None  # after one resignation, before the next holder
    assert resolve_role(match_role("Executive Director of UN Women"), "2009-05-05") is None  # before UN Women
    assert resolve_role(match_role("UNCTAD Secretary-General"), "2021-05-01") is None  # an acting head only
    assert not find_roles("Deputy Executive Director of UNICEF")
    assert not find_roles("Acting Under-Secretary-General for Humanitarian Affairs")
    assert not find_roles("Opening remarks by the UNITAR Executive Director")  # an unlisted body's initials
    assert find_roles("Statement by UN High Commissioner Ana Lopez")[0].generic  # the UN's own
    assert not find_roles("Statement of Mr. A. Example, Emergency Relief Coordinator, a.i., to the Council")


def test_heads_of_project_services_agricultural_development_and_the_geneva_office() -> None:
    ifad = match_role("IFAD President")
    assert ifad.name == "President of the International Fund for Agricultural Development"
    assert resolve_role(ifad, "2015-07-01") == "Kanayo F. Nwanze"
    assert resolve_role(ifad, "2019-03-03") == "Gilbert Houngbo"
    assert resolve_role(ifad, "2022-11-01") is None  # Houngbo's end is known only to the year, which Lario shares
    assert resolve_role(ifad, "2023-02-14") == "Alvaro Lario"
    assert resolve_role(match_role("UNOPS Executive Director"), "2024-01-30") == "Jorge Moreira da Silva"
    assert resolve_role(match_role("UNOPS Executive Director"), "2021-01-30") is None  # before the holder listed
    unog = match_role("Director-General of the United Nations Office at Geneva")
    assert resolve_role(unog, "2016-10-04") == "Michael Møller"
    assert resolve_role(unog, "2019-08-01") is None  # the change of 2019 is known only to the year


# Regional commissions, special representatives and advisers, departments, deputies (round offices2).

def test_a_named_special_representative_gets_the_canonical_name_and_the_office() -> None:
    page = ("Statement by Ms. Fekitamoeloa Katoa‘Utoikamanu, High Representative for the Least Developed Countries, "
            "Landlocked Developing Countries and Small Island Developing States\n\n3 March 2018\nNew York\n" + BODY)
    header = read(page)
    assert header.speaker == "Fekitamoeloa Katoa 'Utoikamanu"  # an okina glued to the surname stays in the name
    assert header.speaker_role.startswith("High Representative for the Least Developed Countries")
    page = ("Address by Panellist Dr. Jane Example, Special Representative of the Secretary-General for Children "
            "and Armed Conflict\n\n2 May 2010" + BODY)
    assert read(page).speaker == "Jane Example"  # a part in the meeting before the honorific is no part of the name
    assert read(page).speaker_role == "Special Representative of the Secretary-General for Children and Armed Conflict"


def test_an_office_without_a_person_gets_its_holder_on_the_date() -> None:
    page = "Statement of the Special Adviser of the Secretary-General on the Prevention of Genocide\n\n9 March 2015" + BODY
    header = read(page)
    assert (header.speaker, header.speaker_from_role) == ("Adama Dieng", True)
    assert header.speaker_role == "Special Adviser of the Secretary-General on the Prevention of Genocide"
    dppa = match_role("Under-Secretary-General for Political Affairs")
    assert dppa.name == "Under-Secretary-General for Political and Peacebuilding Affairs"
    assert resolve_role(dppa, "2018-03-20") == "Jeffrey Feltman"
    assert resolve_role(dppa, "2021-09-09") == "Rosemary DiCarlo"
    assert resolve_role(match_role("Under-Secretary-General for Peacekeeping Operations"), "2019-02-02") == "Jean-Pierre Lacroix"
    assert resolve_role(match_role("UNHCR Deputy High Commissioner"), "2012-06-30") == "T. Alexander Aleinikoff"


@pytest.mark.parametrize(("context", "office", "holder"), [
    ("the ESCAP secretariat in Bangkok; ESCAP member States of Asia and the Pacific", "Asia and the Pacific",
     "Armida Salsiah Alisjahbana"),
    ("ECLAC's work on inequality in Latin America and the Caribbean", "Latin America and the Caribbean", "Alicia Bárcena"),
    ("ECA and the African Union Commission; the ECA Conference of Ministers", "Commission for Africa", "Vera Songwe"),
])
def test_a_shared_executive_secretary_title_is_resolved_by_its_context(context: str, office: str, holder: str) -> None:
    mention = find_roles("Remarks of the Executive Secretary")[0]
    assert mention.generic
    role = context_role(mention, context)
    assert role.name.endswith(office)
    assert resolve_role(role, "2019-10-10") == holder
    assert context_role(mention, "the committee thanked the delegations") is None  # no commission named
    special = find_roles("Statement by SRSG Ana Example")[0]  # "SRSG" alone is shared by every special representative
    assert special.generic
    assert context_role(special, "children and armed conflict: child soldiers released").name.endswith("Armed Conflict")
    assert context_role(special, "the Global Compact on migration and migrants").name.endswith("International Migration")


def test_a_date_outside_every_listed_term_gives_no_holder_for_the_new_offices() -> None:
    ece = match_role("ECE Executive Secretary")
    assert resolve_role(ece, "2003-04-04") == "Brigita Schmögnerová"
    assert resolve_role(ece, "2010-04-04") == "Ján Kubiš"
    assert resolve_role(ece, "2009-05-05") is None  # Belka's end and Kubiš's start are known only to the year
    assert resolve_role(ece, "2013-04-04") is None  # holders after 2011 not listed
    vac = match_role("Special Representative on Violence against Children")
    assert resolve_role(vac, "2008-11-20") is None  # before the mandate's first holder
    assert resolve_role(vac, "2019-06-15") is None  # between two holders
    drr = match_role("Special Representative of the Secretary-General for Disaster Risk Reduction")
    assert resolve_role(drr, "2018-05-01") is None  # Glasser's end and Mizutori's start are known only to the year
    assert resolve_role(drr, "2021-10-13") == "Mami Mizutori"
    assert resolve_role(match_role("Director-General of UNON"), "2019-05-05") is None  # no holder listed in 2019
    assert resolve_role(match_role("UNIDO Director General"), "2021-12-20") == "Gerd Müller"
    ohrlls = match_role("High Representative for the LDCs, LLDCs and SIDS")
    assert resolve_role(ohrlls, "2015-05-05") == "Gyan Chandra Acharya"
    assert resolve_role(ohrlls, "2021-12-01") is None  # between 'Utoikamanu and Fatima (no dates read for the one between)


def test_a_reader_who_heads_a_body_is_the_speaker_over_addressees() -> None:
    page = ("Delivered by Armida Salsiah Alisjahbana\n\n4 February 2021\n\nRegional Forum on Example Matters\n\n"
            "Mr. John Sample, Deputy Minister of Foreign Affairs,\n\nDistinguished delegates,\n\n"
            "I welcome you to this forum of ESCAP member States." + BODY)
    header = read(page)
    assert header.speaker == "Armida Salsiah Alisjahbana"
    assert header.speaker_role == "Executive Secretary of the Economic and Social Commission for Asia and the Pacific"
    assert header.delivered_by is None
    letterhead = "U N I T E D   N A T I O N S\n\nRemarks of the Director-General of UNON at the opening\n\n5 May 2014" + BODY
    assert read(letterhead).speaker == "Sahle-Work Zewde"
    assert read(letterhead).delivered_by is None


def test_a_rank_with_a_listed_name_gives_the_office_held_that_day() -> None:
    page = "Statement by Mr. Jean-Pierre Lacroix, Under-Secretary-General\n\nNew York\n14 March 2022" + BODY
    assert read(page).speaker_role == "Under-Secretary-General for Peace Operations"
    page = "Statement by Mr. Sam Example, Under-Secretary-General\n\nNew York\n14 March 2022" + BODY
    assert read(page).speaker_role == "Under-Secretary-General"  # a name the table does not list: the rank as written
    page = ("Remarks for Ms. Rosemary DiCarlo, Under-Secretary-General for Political and Peacebuilding Affairs\n\n"
            "Open debate on prevention\n\nNew York, 3 May 2021" + BODY)
    assert (read(page).speaker, read(page).event) == ("Rosemary DiCarlo", "Open debate on prevention")
    page = ("Opening Remarks by Dr. Noeleen Heyzer,\nUnder-Secretary-General of the United Nations & Executive Secretary "
            "of\nthe Economic and Social Commission for Asia and the Pacific\n\nBangkok, 2 June 2010" + BODY)
    assert read(page).speaker_role == "Executive Secretary of the Economic and Social Commission for Asia and the Pacific"
