"""Linking functions: abbreviations, editions, people, back-references, corpus ids."""

from __future__ import annotations

import pytest

from pipeline import linking
from pipeline.linking import Antecedents, Edition, Entry, Mention, SpeechPeople


def _m(text: str, label: str = "PERSON", start_char: int = 0, **kw) -> Mention:
    return Mention("text", 0, len(text.split()), start_char, start_char + len(text), text, label, "model", **kw)


# Abbreviations and the names they stand for, as speeches define them. Syllabic ("ECOSOC",
# "CARICOM"), partial ("UNHCR" after "Office of the") and inner-letter ("UNICEF") forms
# are definitions too (Schwartz and Hearst 2003).
DEFINED = [
    ("IOM", "International Organization for Migration"),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees"),
    ("UNHCR", "United Nations High Commissioner for Refugees"),
    ("ECOSOC", "Economic and Social Council"),
    ("ASEAN", "Association of Southeast Asian Nations"),
    ("ECOWAS", "Economic Community of West African States"),
    ("UNICEF", "United Nations Children's Fund"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("OHCHR", "Office of the United Nations High Commissioner for Human Rights"),
    ("UNDP", "United Nations Development Programme"),
    ("FAO", "Food and Agriculture Organization of the United Nations"),
    ("WHO", "World Health Organization"),
    ("NATO", "North Atlantic Treaty Organization"),
    ("SDGs", "Sustainable Development Goals"),
    ("IGAD", "Intergovernmental Authority on Development"),
    ("UNRWA", "United Nations Relief and Works Agency for Palestine Refugees in the Near East"),
    ("ISIL", "Islamic State in Iraq and the Levant"),
    ("CARICOM", "Caribbean Community"),
    ("AU", "African Union"),
    ("UNFCCC", "United Nations Framework Convention on Climate Change"),
    ("NPT", "Treaty on the Non-Proliferation of Nuclear Weapons"),
    ("UNCTAD", "United Nations Conference on Trade and Development"),
    ("OSCE", "Organization for Security and Co-operation in Europe"),
    ("UNAMA", "United Nations Assistance Mission in Afghanistan"),
    ("IAEA", "International Atomic Energy Agency"),
    ("COVID-19", "coronavirus disease 2019"),
]
NOT_DEFINED = [
    ("IOM", "United Nations"),
    ("EU", "African Union"),
    ("WHO", "World Food Programme"),
    ("UNHCR", "United Nations Children's Fund"),
    ("NATO", "North American Free Trade Agreement"),
    ("MINUSMA", "United Nations Multidimensional Integrated Stabilization Mission in Mali"),  # French order
    ("MERCOSUR", "Southern Common Market"),  # Spanish name
]


@pytest.mark.parametrize(("abbr", "long_form"), DEFINED)
def test_is_abbreviation_of_accepts_initial_syllabic_and_partial_definitions(abbr: str, long_form: str) -> None:
    assert linking.is_abbreviation_of(abbr, long_form)


@pytest.mark.parametrize(("abbr", "long_form"), NOT_DEFINED)
def test_is_abbreviation_of_rejects_letters_the_name_does_not_have_in_order(abbr: str, long_form: str) -> None:
    assert not linking.is_abbreviation_of(abbr, long_form)


@pytest.mark.parametrize(("abbr", "candidate", "long_form"), [
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees",
     "United Nations High Commissioner for Refugees"),
    ("ECOSOC", "the Economic and Social Council", "Economic and Social Council"),
    ("NPT", "Treaty on the Non-Proliferation of Nuclear Weapons", "Non-Proliferation of Nuclear Weapons"),
])
def test_abbreviation_long_form_starts_at_the_word_of_the_first_letter(abbr: str, candidate: str,
                                                                        long_form: str) -> None:
    assert linking.abbreviation_long_form(abbr, candidate) == long_form


def test_abbreviation_definitions_finds_parenthesised_acronym() -> None:
    text = "the Economic Community of West African States (ECOWAS) and ECOWAS"
    m = _m("Economic Community of West African States", "ORG", start_char=4)
    assert linking.abbreviation_definitions([m], text) == {"ECOWAS": m}


def test_an_abbreviation_after_a_meeting_of_a_body_names_the_body() -> None:
    text = "at the 12th Summit of the Southern African Development Community (SADC) last May"
    m = _m("12th Summit of the Southern African Development Community", "EVENT", start_char=7)
    assert linking.abbreviation_definitions([m], text) == {}
    text = "the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) binds"
    m = _m("Treaty on the Non-Proliferation of Nuclear Weapons", "AGENDA", start_char=4)
    assert linking.abbreviation_definitions([m], text) == {"NPT": m}
    text = "the Office of the Special Coordinator for Lusophone Affairs (SCLA) works"
    m = _m("Office of the Special Coordinator for Lusophone Affairs", "ORG", start_char=4)
    assert linking.abbreviation_definitions([m], text) == {"SCLA": m}


HLD = Entry("hld", "EVENT", "High-level Dialogue", editions=(
    Edition("hld_2006", "HLD (2006)", 2006), Edition("hld_2013", "HLD (2013)", 2013)))


@pytest.mark.parametrize(("context", "year", "expected"), [
    ("the first High-level Dialogue", 2013, "hld_2006"),
    ("The 2013 General Assembly High-level Dialogue", 2007, "hld_2013"),
    ("the second High-level Dialogue", 2006, "hld_2013"),
    ("the High-level Dialogue", 2013, "hld_2013"),
    ("the High-level Dialogue", 2008, "hld_2006"),
])
def test_edition_for_uses_year_ordinal_then_date(context: str, year: int, expected: str) -> None:
    assert linking.edition_for(HLD, context, year).id == expected


def test_edition_for_entry_without_editions_is_none() -> None:
    assert linking.edition_for(Entry("x", "EVENT", "X"), "2013 X", 2013) is None


@pytest.mark.parametrize(("short", "linked"), [("Swing", True), ("Bill", True), ("William", True),
                                               ("Bob", False), ("Lacy", False)])
def test_speech_people_links_surname_first_name_and_nickname(short: str, linked: bool) -> None:
    people = SpeechPeople({"william": ("bill", "will")})
    people.add(_m("William Lacy Swing", entity_id="wls", entity_name="William Lacy Swing"))
    out = linking.link_person(_m(short), people)
    assert (out.entity_id == "wls") is linked


def test_speech_people_ignores_single_unresolved_words() -> None:
    people = SpeechPeople({})
    people.add(_m("Swing"))
    assert people.by_key == {}


def test_antecedents_most_recent_candidate_wins() -> None:
    ants = Antecedents()
    ants.add(_m("Global Compact on Refugees", "AGENDA"), "gcr")
    ants.add(_m("Global Compact for Migration", "AGENDA"), "gcm")
    assert ants.resolve(("gcm", "gcr", "ungc")) == "gcm"
    assert ants.resolve(("ungc",)) is None


def test_corpus_ids_use_longest_form_and_link_unique_surname() -> None:
    ms = [_m("Nelson Mandela"), _m("Mandela"), _m("the African Union Commission", "ORG"),
          _m("African Union Commission", "ORG")]
    out = linking.corpus_ids(ms)
    assert out[0].entity_id == out[1].entity_id == "person:nelson_mandela"
    assert out[2].entity_id == out[3].entity_id
    assert out[3].entity_name == "African Union Commission"


def test_corpus_ids_keep_ambiguous_surname_apart() -> None:
    out = linking.corpus_ids([_m("George Bush"), _m("Laura Bush"), _m("Bush")])
    assert out[2].entity_id == "person:bush"


@pytest.mark.parametrize(("text", "expected"), [("The Charter", "charter"), ("IOM's", "iom"),
                                                ("United\nNations", "united nations")])
def test_normalise(text: str, expected: str) -> None:
    assert linking.normalise(text) == expected


def test_corpus_names_count_each_form_by_its_mentions() -> None:
    forms = {("ORG", "the World Bank Group"): 1, ("ORG", "World bank group"): 3, ("PERSON", "Nana Akufo-Addo"): 1,
             ("PERSON", "Akufo-Addo"): 2}
    names = linking.corpus_names(forms)
    assert names[("ORG", "the World Bank Group")] == names[("ORG", "World bank group")] == \
        ("org:world_bank_group", "World bank group")
    assert names[("PERSON", "Akufo-Addo")] == names[("PERSON", "Nana Akufo-Addo")] == \
        ("person:nana_akufo_addo", "Nana Akufo-Addo")


def test_corpus_ids_keep_linked_mentions_and_agree_with_corpus_names() -> None:
    linked = _m("Amina Mohammed", entity_id="amina_j_mohammed", entity_name="Amina J. Mohammed")
    ms = [_m("the Sahel Alliance", "ORG"), linked, _m("Sahel Alliance", "ORG")]
    out = linking.corpus_ids(ms)
    assert out[1] is linked
    names = linking.corpus_names({("ORG", "the Sahel Alliance"): 1, ("ORG", "Sahel Alliance"): 1})
    assert [(m.entity_id, m.entity_name) for m in (out[0], out[2])] == [names[("ORG", "Sahel Alliance")]] * 2


@pytest.mark.parametrize("mentions", [
    [],
    [_m("Swing"), _m("the Compact", "AGENDA", 40, candidates=("gcm", "gcr")),
     _m("IOM", "ORG", 9, entity_id="iom", entity_name="International Organization for Migration", wikidata="Q1")],
])
def test_mention_columns_round_trip(mentions: list[Mention]) -> None:
    columns = linking.mention_columns(mentions)
    assert len(columns) == len(linking.MENTION_FIELDS)
    assert linking.mentions_from_columns(columns) == mentions


@pytest.mark.parametrize(("word", "value"), [("first", 1), ("nineteenth", 19), ("twentieth", 20),
                                             ("twenty-first", 21), ("seventy-third", 73), ("3rd", 3),
                                             ("session", None)])
def test_ordinal_value(word: str, value: int | None) -> None:
    assert linking.ordinal_value(word) == value


@pytest.mark.parametrize(("label", "text", "expected"), [
    ("AGENDA", "resolution 2254 (2015)", ("agenda:resolution_2254_2015", "resolution 2254 (2015)")),
    ("AGENDA", "resolutions 242 (1967)", ("agenda:resolution_242_1967", "resolution 242 (1967)")),
    ("AGENDA", "338 (1973)", ("agenda:resolution_338_1973", "resolution 338 (1973)")),
    ("AGENDA", "resolution 70/1", ("agenda:resolution_70_1", "resolution 70/1")),
    ("AGENDA", "Paris Agreement", None),
    ("EVENT", "COP 27", ("event:cop27", "COP27")),
    ("EVENT", "twenty-sixth Conference of the Parties to the United Nations Framework Convention on Climate Change",
     ("event:cop26", "COP26")),
    ("EVENT", "tenth Review Conference of the Parties to the Treaty", None),
    ("ORG", "COP21", None),
])
def test_numbered_entity_gives_one_id_per_symbol_or_number(label: str, text: str, expected) -> None:
    assert linking.numbered_entity(label, text) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("António Guterres", "antonio_guterres"),
    ("Lars Møller", "lars_moller"),
    ("Jadwiga Łukasiewicz", "jadwiga_lukasiewicz"),
    ("Ægir Straße", "aegir_strasse"),
])
def test_slug_spells_letters_without_a_mark_in_ascii(name: str, expected: str) -> None:
    assert linking.slug(name) == expected


def test_an_abbreviation_is_defined_when_more_follows_it_in_the_brackets() -> None:
    text = "remarks at the Institute of Tropical Studies (ITS — University of Lagos) forum"
    long_form = _m("Institute of Tropical Studies", "ORG", text.index("Institute"))
    assert linking.abbreviation_definitions([long_form], text) == {"ITS": long_form}


def test_a_korean_name_is_known_by_its_family_name_first() -> None:
    from pipeline.linking import surnames_of

    assert surnames_of("Moon Jae-in") == ["jae-in", "moon"]
    assert surnames_of("William Lacy Swing") == ["swing"]
    assert surnames_of("Jean-Pierre Lacroix") == ["lacroix"]


def test_a_first_name_alone_joins_a_person_outside_the_gazetteer_named_in_full() -> None:
    # "I thank Ambassador Mirela Kovac ... Dear Mirela, ...": the first name takes the full name, so
    # both mentions end with the one id the corpus gives that full name.
    people = SpeechPeople({})
    full = Mention("text", 2, 4, 10, 22, "Mirela Kovac", "PERSON", "model")
    people.add(full)
    short = linking.link_person(Mention("text", 9, 10, 40, 46, "Mirela", "PERSON", "model"), people)
    assert short.entity_name == "Mirela Kovac"
    assert {m.entity_id for m in linking.corpus_ids([full, short])} == {"person:mirela_kovac"}


def test_a_one_word_name_alone_stays_unlinked() -> None:
    people = SpeechPeople({})
    people.add(Mention("text", 2, 3, 10, 16, "Mirela", "PERSON", "model"))
    m = Mention("text", 9, 10, 40, 46, "Mirela", "PERSON", "model")
    assert linking.link_person(m, people) == m


def test_a_surname_as_a_latin1_record_writes_it_finds_the_person() -> None:
    # older records drop the letters Latin-1 lacks ("Marković" -> "Markovi"); accents it has stay
    entry = Entry("person:ana_markovic", "PERSON", "Ana Marković", ())
    by_surname = linking.persons_by_surname([entry])
    assert by_surname["markovi"] == [entry] and by_surname["marković"] == [entry]
    assert linking.without_letters_beyond_latin1("José Pérez") == "José Pérez"
