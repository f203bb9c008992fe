"""The gazetteer as a resource: its entries are well formed, and the names it knows get their
label, their full span and their id whatever the recogniser made of them."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from pipeline import config, entities, linking

LABELS = {"ORG", "AGENDA", "EVENT", "PERSON", "ROLE", "DISEASE"}


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return yaml.safe_load(config.GAZETTEER_PATH.read_text(encoding="utf-8"))["entities"]


def _mentions(blank, gaz, text: str, ents=()):
    nlp, rules = blank
    docs = {}
    for section, t, spans in (("header", "", ()), ("text", text, ents)):
        doc = nlp(t)
        doc.ents = [doc.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in spans]
        for _name, proc in rules:
            doc = proc(doc)
        docs[section] = doc
    surnames = linking.persons_by_surname(gaz.entries.values())
    ms = entities.speech_mentions(docs, gaz, entities.load_nicknames(), 2020, surnames)
    return [(m.text, m.label, m.entity_id) for m in ms if m.label in entities.SCORED_LABELS]


def _ent(text: str, part: str, label: str) -> tuple[int, int, str]:
    i = text.index(part)
    return i, i + len(part), label


# ------------------------------------------------------------------ the resource

def test_entries_are_well_formed(raw) -> None:
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids))
    for e in raw:
        assert e["label"] in LABELS, e["id"]
        assert e["name"].strip() == e["name"] and e["name"], e["id"]
        assert len(set(e.get("aliases") or [])) == len(e.get("aliases") or []), e["id"]


def test_prefixed_ids_follow_the_annotation_guide(raw) -> None:
    """"<label>:<snake_case>", the ids the guide gives entities and annotators use."""
    for e in raw:
        if ":" in e["id"]:
            prefix, _, rest = e["id"].partition(":")
            assert prefix == e["label"].lower(), e["id"]
            assert re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)*", rest), e["id"]


def test_no_name_belongs_to_entries_of_different_labels(raw) -> None:
    """A form that two entries share must at least give one label (roles aside)."""
    labels = defaultdict(set)
    for e in raw:
        if e["label"] == "ROLE":
            continue
        for form in (e["name"], *(e.get("aliases") or ())):
            labels[form.lower()].add(e["label"])
    assert {form: ls for form, ls in labels.items() if len(ls) > 1} == {}


@pytest.mark.parametrize("alias", ["Commonwealth", "Red Cross", "Ocean Conference", "Islamic State",
                                   "Beijing Declaration", "Doha Declaration", "New Deal", "Global Goals Summit"])
def test_ambiguous_short_forms_are_no_aliases(raw, alias) -> None:
    forms = {f.lower() for e in raw for f in (e["name"], *(e.get("aliases") or ()))}
    assert alias.lower() not in forms


# ------------------------------------------------------------------ matching

@pytest.mark.parametrize(("text", "expected"), [
    ("the Economic Commission for Latin America and the Caribbean (ECLAC) reported",
     [("Economic Commission for Latin America and the Caribbean", "ORG",
       "org:economic_commission_for_latin_america_and_the_caribbean"),
      ("ECLAC", "ORG", "org:economic_commission_for_latin_america_and_the_caribbean")]),
    ("support from ESCAP and UNESCAP alike",
     [("ESCAP", "ORG", "org:economic_and_social_commission_for_asia_and_the_pacific"),
      ("UNESCAP", "ORG", "org:economic_and_social_commission_for_asia_and_the_pacific")]),
    ("the Peacebuilding Commission and the Peacebuilding Fund",
     [("Peacebuilding Commission", "ORG", "org:united_nations_peacebuilding_commission"),
      ("Peacebuilding Fund", "ORG", "org:peacebuilding_fund")]),
    ("we ratified the Treaty on the Prohibition of Nuclear Weapons",
     [("Treaty on the Prohibition of Nuclear Weapons", "AGENDA", "agenda:treaty_on_the_prohibition_of_nuclear_weapons")]),
    ("through the COVAX Facility", [("COVAX Facility", "AGENDA", "agenda:covax_facility")]),
    ("the Group of 77 and China", [("Group of 77 and China", "ORG", "org:group_of_77")]),
    ("attacks by Al-Shabaab and Boko Haram",
     [("Al-Shabaab", "ORG", "org:al_shabaab"), ("Boko Haram", "ORG", "org:boko_haram")]),
    ("at the World Humanitarian Summit", [("World Humanitarian Summit", "EVENT", "event:world_humanitarian_summit")]),
])
def test_known_names_get_label_and_id(blank, gaz, text, expected) -> None:
    assert _mentions(blank, gaz, text) == expected


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    # a standing forum is a body, whatever the recogniser said
    ("the High-level Political Forum on Sustainable Development met", "High-level Political Forum on Sustainable Development",
     "EVENT", ("High-level Political Forum on Sustainable Development", "ORG")),
    # the full name beats the recogniser's cut
    ("the Global Fund to Fight AIDS, Tuberculosis and Malaria helps", "Global Fund to Fight AIDS, Tuberculosis",
     "ORG", ("Global Fund to Fight AIDS, Tuberculosis and Malaria", "ORG")),
    ("the Economic Commission for Latin America and the Caribbean said", "Economic Commission for Latin America",
     "ORG", ("Economic Commission for Latin America and the Caribbean", "ORG")),
    # a programme of action is an instrument, a standing conference a body
    ("the SAMOA Pathway guides us", "SAMOA Pathway", "ORG", ("SAMOA Pathway", "AGENDA")),
    ("the United Nations Conference on Trade and Development said", "United Nations Conference on Trade and Development",
     "EVENT", ("United Nations Conference on Trade and Development", "ORG")),
])
def test_gazetteer_fixes_the_recogniser(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [(t, lab) for t, lab, _ in ms] == [expected]


@pytest.mark.parametrize("text", [
    "greetings from the Commonwealth of Dominica",
    "we hosted the Our Ocean Conference",
    "a universal, robust and binding arms trade agreement",
    "we need a new agenda for peace in our region",
])
def test_common_phrases_and_other_names_are_not_matched(blank, gaz, text) -> None:
    assert _mentions(blank, gaz, text) == []


@pytest.mark.parametrize(("alias", "entity_id"), [
    ("UN Network for Migration", "un_network_on_migration"),
    ("United Nations Network for Migration", "un_network_on_migration"),
    ("Migration Review Forum", "imrf"),
    ("Inter-Parliamentary Union", "org:inter_parliamentary_union"),
    ("IPU", "org:inter_parliamentary_union"),
])
def test_other_names_of_the_network_the_review_forum_and_the_ipu(gaz, alias, entity_id) -> None:
    assert alias in gaz.entries[entity_id].aliases or alias == gaz.entries[entity_id].name


def test_the_un_regional_commission_after_a_regional_commission_is_it(gaz) -> None:
    for entity_id in ("org:economic_commission_for_latin_america_and_the_caribbean",):
        assert "United Nations Regional Commission" in gaz.entries[entity_id].backrefs


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    ("Ten years after the Austrian State Treaty was signed, the country joined.", "Austrian", "NORP",
     ("Austrian State Treaty", "AGENDA", "agenda:austrian_state_treaty")),
    ("Keeping in view the Agenda for Sustainable Development, the ministry drafted its plan.",
     "Agenda for Sustainable Development", "AGENDA",
     ("Agenda for Sustainable Development", "AGENDA", "agenda_2030")),
])
def test_treaty_and_agenda_named_without_their_usual_form(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert expected in ms


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    # liberation movements of the apartheid years are parties (bodies), not instruments
    ("talks resumed with the African National Congress of South Africa in May",
     "African National Congress of South Africa", "AGENDA", ("ORG", "org:african_national_congress")),
    ("a delegation of the Pan Africanist Congress of Azania arrived", "Pan Africanist Congress of Azania", "AGENDA",
     ("ORG", "org:pan_africanist_congress_of_azania")),
    # older and regional names of bodies and instruments
    ("members of the Islamic Conference agreed", "Islamic Conference", "ORG",
     ("ORG", "org:organization_of_islamic_cooperation")),
    ("trade inside the Southern Cone Common Market doubled", "Southern Cone Common Market", "AGENDA",
     ("ORG", "org:southern_common_market")),
    ("every State bound by the San Francisco Charter", "San Francisco Charter", "AGENDA", ("AGENDA", "un_charter")),
    # the negotiating conference of the 1970s is a meeting, the convention it drafted an instrument
    ("our experts went back to the Conference on the Law of the Sea", "Conference on the Law of the Sea", "ORG",
     ("EVENT", "event:third_united_nations_conference_on_the_law_of_the_sea")),
    ("in line with the Migration Governance Framework of the agency", "Migration Governance Framework", "AGENDA",
     ("AGENDA", "agenda:migration_governance_framework")),
    ("we thank Secretary-General Perez de Cuellar for his work", "Perez de Cuellar", "PERSON",
     ("PERSON", "person:javier_perez_de_cuellar")),
])
def test_other_names_of_bodies_instruments_and_people_of_earlier_decades(blank, gaz, text, part, label,
                                                                         expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [(lab, i) for t, lab, i in ms if t == part] == [expected]


def test_the_north_south_conference_of_the_1970s_is_a_meeting(blank, gaz) -> None:
    text = "the outcome of the Conference on International Economic Co-operation disappointed us"
    part = "Conference on International Economic Co-operation"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(lab, i) for t, lab, i in ms] == [("EVENT", "event:conference_on_international_economic_cooperation")]


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    # a movement of the 1970s and 1990s, which an acronym beginning with "UN" must not turn into the UN
    ("peace talks stalled when UNITA walked out", "UNITA", "ORG", ("ORG", "org:unita")),
    # a club of creditor States and a military alliance are bodies, not instruments
    ("the Paris Club would not reschedule our loans", "Paris Club", "AGENDA", ("ORG", "org:paris_club")),
    ("troops of the Warsaw Pact stood at the border", "Warsaw Pact", "AGENDA", ("ORG", "org:warsaw_pact")),
    ("talks of the Strategic Arms Limitation Talks resumed", "Strategic Arms Limitation Talks", "AGENDA",
     ("EVENT", "event:strategic_arms_limitation_talks")),
    ("a statesman quoted by Winston Churchill long ago", "Winston Churchill", "ORG",
     ("PERSON", "person:winston_churchill")),
    ("as the playwright Durrenmatt warned us", "Durrenmatt", "AGENDA", ("PERSON", "person:friedrich_durrenmatt")),
    ("hosting the Global Platform for Disaster Risk Reduction in May", "Global Platform for Disaster Risk Reduction",
     "AGENDA", ("EVENT", "event:global_platform_for_disaster_risk_reduction")),
    ("the Department of General Assembly and Conference Management served us",
     "Department of General Assembly and Conference Management", "ORG", ("ORG", "org:dgacm")),
    ("the vision of the 2063 Agenda of the African Union", "2063 Agenda of the African Union", "AGENDA",
     ("AGENDA", "agenda:agenda_2063")),
    ("support for the Office of High Commissioner for Human Rights grew", "Office of High Commissioner for Human Rights",
     "ORG", ("ORG", "ohchr")),
    ("the commitments of the Grand Bargain on aid", "Grand Bargain", "AGENDA", ("AGENDA", "agenda:grand_bargain")),
])
def test_bodies_meetings_and_people_the_recogniser_mislabels(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [(lab, i) for t, lab, i in ms if t == part] == [expected]


def test_the_rio_conference_and_a_world_conference_refer_back(blank, gaz) -> None:
    text = ("The Earth Summit set goals. Years after the Rio Conference, little is done. The World Conference on "
            "Human Rights met in Vienna; the World Conference heard many voices.")
    later = text.index("the World Conference heard") + 4
    ms = _mentions(blank, gaz, text, [_ent(text, "Rio Conference", "EVENT"), (later, later + 16, "EVENT")])
    ids = {t: i for t, _lab, i in ms}
    assert ids["Rio Conference"] == ids["Earth Summit"]
    assert ids["World Conference"] == "event:world_conference_on_human_rights"


@pytest.mark.parametrize("part", ["Gross Domestic Product", "Official Development Assistance",
                                  "Regional Economic Communities", "Main Committees", "Chef de Cabinet",
                                  "International Financial Institutions"])
def test_measures_kinds_of_bodies_and_offices_are_no_names(blank, gaz, part) -> None:
    text = f"We spoke of the {part} at length."
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert ms == []


def test_a_meetings_secretariat_is_not_the_un_secretariat_and_whs_is_the_summit(blank, gaz) -> None:
    text = "We thank the Secretariat of the conference. After the WHS in Istanbul, the Secretariat reported to us."
    ms = _mentions(blank, gaz, text, [_ent(text, "Secretariat", "ORG"), _ent(text, "WHS", "ORG")])
    assert ms == [("WHS", "EVENT", "event:world_humanitarian_summit"), ("Secretariat", "ORG", "un_secretariat")]
