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
