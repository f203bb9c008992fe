"""Entities stage: gazetteer rules and repairs on small texts, and a real run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline import entities
from pipeline.entities import Gazetteer
from pipeline.linking import Mention
from pipeline.tables import columns


def _mentions(blank, gaz, text: str, ents=(), header: str = "", year: int | None = 2018, tags=None):
    nlp, rules = blank
    docs = {}
    for section, t, spans in (("header", header, ()), ("text", text, ents)):
        doc = nlp(t)
        if tags and section == "text":
            for tok in doc:
                tok.tag_ = tags.get(tok.text, "")
        doc.ents = [doc.char_span(s, e, label=lab, alignment_mode="expand") for s, e, lab in spans]
        for _name, proc in rules:
            doc = proc(doc)
        docs[section] = doc
    surnames = entities.linking.persons_by_surname(gaz.entries.values())
    return entities.speech_mentions(docs, gaz, entities.load_nicknames(), year, surnames)


def _ent(text: str, part: str, label: str) -> tuple[int, int, str]:
    i = text.index(part)
    return i, i + len(part), label


def test_gazetteer_has_required_entries(gaz: Gazetteer) -> None:
    labels = {e.label for e in gaz.entries.values()}
    assert labels == {"ORG", "AGENDA", "EVENT", "PERSON", "ROLE", "DISEASE"}
    assert "International Dialogue on Migration" in {gaz.entries["idm"].name, *gaz.entries["idm"].aliases}


@pytest.mark.parametrize(("text", "expected"), [
    ("We adopted the global compact on migration.", ("gcm", "AGENDA")),
    ("IOM works with UNHCR.", ("iom", "ORG")),
    ("iom is not an acronym here", None),
    ("the SDGs and the 2030 Agenda", ("sdgs", "AGENDA")),
    ("The G-5 Sahel Joint Force patrols the border.", ("g5_sahel", "ORG")),
])
def test_gazetteer_matches_case_insensitively_but_acronyms_exactly(blank, gaz, text, expected) -> None:
    ms = _mentions(blank, gaz, text)
    if expected is None:
        assert ms == []
    else:
        assert (ms[0].entity_id, ms[0].label) == expected


def test_disease_replaces_model_org_guess(blank, gaz) -> None:
    text = "Confronting COVID-19 has been our priority."
    ms = _mentions(blank, gaz, text, [_ent(text, "Confronting COVID-19", "PERSON")], tags={"Confronting": "VBG"})
    assert [(m.text, m.label, m.entity_id) for m in ms] == [("COVID-19", "DISEASE", "covid19")]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("as the report (A/59/2005) put it", "A/59/2005", "PERSON"),
    ("in resolution S/RES/2334 (2016) the Council", "S/RES/2334 (2016)", "ORG"),
    ("I thank the Permanent Representatives for their work.", "Permanent Representatives", "ORG"),
])
def test_document_symbols_and_generic_groups_are_not_names(blank, gaz, text, part, label) -> None:
    assert _mentions(blank, gaz, text, [_ent(text, part, label)]) == []


def test_full_form_replaces_model_fragments(blank, gaz) -> None:
    text = "to develop a Global Compact for Safe, Orderly and Regular Migration."
    ents = [_ent(text, "Global Compact for Safe", "ORG"), _ent(text, "Regular Migration", "ORG")]
    ms = _mentions(blank, gaz, text, ents)
    assert [(m.text, m.label, m.entity_id) for m in ms] == [
        ("Global Compact for Safe, Orderly and Regular Migration", "AGENDA", "gcm")]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("Dear Excellencies, colleagues,", "Dear Excellencies", "ORG"),
    ("For Member States it demonstrated", "Member States", "GPE"),
    ("Diaspora organizations are showing", "Diaspora", "PERSON"),
    ("Ladies and Gentlemen, thank you", "Ladies and Gentlemen", "WORK_OF_ART"),
])
def test_salutations_and_generic_groups_are_dropped(blank, gaz, text, part, label) -> None:
    assert _mentions(blank, gaz, text, [_ent(text, part, label)]) == []


def test_no_entity_across_line_break(blank, gaz) -> None:
    text = "on Migrant Affairs\nNational Office"
    ms = _mentions(blank, gaz, text, [_ent(text, "Migrant Affairs\nNational Office", "ORG")])
    assert [m.text for m in ms] == ["Migrant Affairs", "National Office"]


def test_title_is_split_from_name_and_resolved_with_nickname(blank, gaz) -> None:
    header = "Dear Director General Swing,"
    text = "Thank you, Bill, for inviting me."
    ms = _mentions(blank, gaz, text, [_ent(text, "Bill", "PERSON")], header=header)
    by_text = {m.text: m for m in ms}
    assert by_text["Director General"].label == "ROLE"
    assert by_text["Swing"].entity_id == by_text["Bill"].entity_id == "william_lacy_swing"


def test_model_person_with_title_is_trimmed(blank, gaz) -> None:
    text = "we thank Ambassador Ravi Mehta for his work"
    ms = _mentions(blank, gaz, text, [_ent(text, "Ambassador Ravi Mehta", "PERSON")])
    assert [(m.text, m.label) for m in ms] == [("Ravi Mehta", "PERSON")]


def test_backreference_needs_an_antecedent(blank, gaz) -> None:
    assert _mentions(blank, gaz, "The Compact is clear.") == []
    ms = _mentions(blank, gaz, "The UN Charter binds us. The Charter is clear.")
    assert [m.entity_id for m in ms if m.label == "AGENDA"] == ["un_charter", "un_charter"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Two years ago this Assembly chose to act, and the Charter still guides us.",
     [("Assembly", "ORG", "unga"), ("Charter", "AGENDA", "un_charter")]),
    ("Small States need the Organization more than ever.", [("Organization", "ORG", "un")]),
    # a name goes on after it: the organisation's own name, not the United Nations
    ("The Organization of American States met in Lima.",
     [("Organization of American States", "ORG", "org:organization_of_american_states")]),
])
def test_standing_backreference_names_the_body_a_speech_is_addressed_to(blank, gaz, text, expected) -> None:
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label, m.entity_id) for m in ms if m.label != "GPE"] == expected


def test_forum_after_a_meeting_of_the_global_forum_is_that_forum(blank, gaz) -> None:
    text = ("Greetings to the third meeting of the Global Forum on Migration and Development. "
            "I wish you a productive Forum.")
    part = "Global Forum on Migration and Development"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "EVENT")])
    assert [(m.text, m.entity_id) for m in ms] == [
        ("third meeting of the Global Forum on Migration and Development", "gfmd"), ("Forum", "gfmd")]


def test_the_financing_conference_is_an_event_not_the_agenda_it_adopted(blank, gaz) -> None:
    text = "the Addis Ababa Action Agenda, adopted at the Third International Conference on Financing for Development"
    ms = _mentions(blank, gaz, text)
    assert [(m.label, m.entity_id) for m in ms] == [("AGENDA", "addis_ababa_action_agenda"), ("EVENT", "ffd3")]


def test_backreference_picks_most_recent_compact(blank, gaz) -> None:
    text = "The Global Compact on Refugees and the Global Compact for Migration. This Compact matters."
    ms = _mentions(blank, gaz, text)
    assert ms[-1].text == "Compact" and ms[-1].entity_id == "gcm"


def test_abbreviation_defined_in_text_links(blank, gaz) -> None:
    text = "The Economic Community of West African States (ECOWAS) met. ECOWAS agreed."
    ms = _mentions(blank, gaz, text, [_ent(text, "Economic Community of West African States", "ORG")])
    ids = {m.text: m.entity_id for m in ms}
    assert ids["ECOWAS"] == ids["Economic Community of West African States"]


def test_event_edition_from_ordinal_and_date(blank, gaz) -> None:
    text = ("I prepared the first High-level Dialogue on international migration. "
            "The High-level Dialogue on International Migration and Development is next.")
    ms = _mentions(blank, gaz, text, year=2013)
    assert [m.entity_id for m in ms] == ["hld_2006", "hld_2013"]


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    ("the Vienna Programme of Action", "Vienna Programme of Action", "ORG", "AGENDA"),
    ("the Nairobi Summit on Migration", "Nairobi Summit", "ORG", "EVENT"),
    ("the Arab League said", "Arab League", "ORG", "ORG"),
])
def test_model_spans_relabelled_by_head_noun(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert ms[0].label == expected


def test_split_at_breaks() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["A", "B", "\n", "C"], spaces=[True, False, False, False])
    assert entities.split_at_breaks(doc, 0, 4) == [(0, 2), (3, 4)]
    assert Span(doc, 0, 2).text == "A B"


@pytest.fixture(scope="module")
def real_run(speeches: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("entities")
    speeches.reset_index(drop=True).to_parquet(out / "speeches.parquet")
    assert entities.main(out, out, interim_dir=out / "interim") == 0
    return out


def test_every_offset_slices_its_text(real_run: Path, speeches: pd.DataFrame) -> None:
    ents = pd.read_parquet(real_run / "entities.parquet")
    assert list(ents.columns) == columns("entities")
    assert len(ents) > 20
    for r in ents.itertuples():
        assert speeches.loc[r.speech_id, r.section][r.start_char:r.end_char] == r.text


def test_real_run_links_people_and_agendas(real_run: Path) -> None:
    ents = pd.read_parquet(real_run / "entities.parquet")
    found = set(zip(ents["text"], ents["entity_id"], strict=True))
    assert {("Bill", "william_lacy_swing"), ("Swing", "william_lacy_swing"),
            ("Louise Arbour", "louise_arbour"), ("IOM", "iom")} <= found
    assert not ents["text"].str.contains("\n").any()
    assert "Dear Excellencies" not in set(ents["text"])
    counts = pd.read_parquet(real_run / "entity_counts.parquet")
    assert list(counts.columns) == columns("entity_counts")
    gcm = counts[counts["entity_id"] == "gcm"]
    assert gcm["mentions"].sum() == 5


def test_common_word_and_country_metadata_repairs(blank, gaz) -> None:
    text = "Mali thanks the State. The state must act."
    ents = [_ent(text, "Mali", "PERSON"), _ent(text, "State", "ORG")]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    places = entities.with_places(gaz, ["Republic of Mali"])
    rules = entities.add_rules(nlp, places)
    ms = _mentions((nlp, rules), places, text, ents)
    assert [(m.text, m.label) for m in ms] == [("Mali", "GPE")]
    assert entities.lower_case_words(["The state, a well-known idea"]) == {"state", "idea"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The UN Charter binds us.", ["un_charter"]),
    ("The UN charter binds us.", ["un_charter"]),
    ("THE UN CHARTER binds us.", ["un_charter"]),
    ("The un charter binds us.", []),
])
def test_acronym_aliases_match_any_case_of_their_other_words(blank, gaz, text, expected) -> None:
    assert [m.entity_id for m in _mentions(blank, gaz, text)] == expected


def test_case_variants_keep_acronyms_exact() -> None:
    variants = entities.case_variants(spacy.blank("en"), "UN Charter")
    assert {"UN Charter", "UN charter", "UN CHARTER"} <= set(variants)
    assert all(v.startswith("UN ") for v in variants)


def test_places_in_finds_every_place_whose_words_occur() -> None:
    places = [(p, frozenset(p.lower().split())) for p in ("Mali", "Costa Rica", "Chad")]
    assert entities.places_in("Mali and costa  rica met.", places) == ["Mali", "Costa Rica"]


def test_result_valid_only_while_its_common_words_hold() -> None:
    result = entities.SpeechResult(entities.linking.mention_columns([]), (), frozenset({"gender", "state"}),
                                   frozenset({"state"}))
    assert result.valid_for(frozenset({"state", "the", "migration"}))
    assert not result.valid_for(frozenset({"state", "gender"}))
    assert not result.valid_for(frozenset({"the"}))


def test_annotated_docs_consumes_parsed_docs_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = spacy.blank("en")
    consumed: list[str] = []

    def fake_parsed_docs(texts, interim_dir, *, nlp):
        for text in texts:
            consumed.append(text)
            yield nlp.make_doc(text)

    monkeypatch.setattr("pipeline.nlp.parsed_docs", fake_parsed_docs)
    speeches = pd.DataFrame({"text": [f"Text {i}." for i in range(50)], "header": [f"H{i}" for i in range(50)]})
    pairs = entities.annotated_docs(speeches, Path("unused"), nlp, [])
    text_doc, header_doc = next(pairs)
    assert (text_doc.text, header_doc.text) == ("Text 0.", "H0")
    assert consumed == ["Text 0.", "H0"]
    assert len(list(pairs)) == 49 and len(consumed) == 100


def test_adding_a_speech_computes_only_that_speech(speeches: pd.DataFrame, real_run: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, record_texts) -> None:
    computed: list[str] = []
    analyse = entities.analyse_speech

    def counting(docs, *args, **kwargs):
        computed.append(docs["text"].text[:40])
        return analyse(docs, *args, **kwargs)

    from pipeline import nlp as nlp_module

    monkeypatch.setattr(entities, "analyse_speech", counting)
    loaded = record_texts(nlp_module, "parsed_docs")
    corpus = speeches.reset_index(drop=True).sort_values("speech_id")
    interim = tmp_path / "interim"
    for n, expected in ((1, 1), (2, 1), (2, 0)):
        corpus.head(n).to_parquet(tmp_path / "speeches.parquet")
        computed.clear()
        loaded.clear()
        assert entities.main(tmp_path, tmp_path, interim_dir=interim) == 0
        assert len(computed) == expected
        assert len(loaded) == 2 * expected  # the Docs (text, header) of computed speeches only
    cached = pd.read_parquet(tmp_path / "entities.parquet")
    fresh = pd.read_parquet(real_run / "entities.parquet")
    pd.testing.assert_frame_equal(cached, fresh)


def test_vocabulary_holds_the_words_the_corpus_checks_read() -> None:
    vocab = entities.vocabulary("The state of Costa Rica, well-known.", "Mali")
    assert vocab.lower_words() == ["of", "state"]
    places = entities.place_words(["Mali", "Costa Rica", "Chad"])
    assert entities.places_in(vocab.word_set(), places) == ["Mali", "Costa Rica"]
    assert entities.places_in("The state of Costa Rica.\nMali", places) == ["Mali", "Costa Rica"]


def test_corpus_words_read_cached_vocabulary_and_scan_only_new_texts() -> None:
    cached = entities.SpeechResult(entities.linking.mention_columns([]), (), (), (), vocabulary=entities.Vocabulary("gender", "chad gender"))
    common, places = entities.corpus_words(["Cached text is not read.", "Mali and the state."], ["", ""],
                                           [cached, None], ["Chad", "Mali"])
    assert common == {"gender", "and", "the", "state"}
    assert places == [("Chad",), ("Mali",)]


def test_result_valid_only_for_the_places_it_was_computed_with() -> None:
    result = entities.SpeechResult(entities.linking.mention_columns([]), (), (), (), places=("Mali",))
    assert result.valid_for(frozenset(), ["Mali"])
    assert not result.valid_for(frozenset(), ["Chad", "Mali"])


def test_cached_result_pickles_to_the_same_mentions() -> None:
    import pickle

    from pipeline.linking import Mention

    mentions = (Mention("text", 0, 2, 0, 9, "the Compact", "AGENDA", "backref", "gcm", "Global Compact",
                        "Q1", ("gcm", "gcr")), Mention("header", 3, 4, 20, 24, "Bill", "PERSON", "model"))
    result = entities.SpeechResult(entities.linking.mention_columns(mentions), (0, 1), ("bill",), (), ("Mali",),
                                   entities.vocabulary("a b", "c"))
    loaded = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == result
    assert loaded.mentions == list(mentions)


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    ("the United Nations Interim Force in Lebanon", "United Nations Interim Force in Lebanon", "ORG",
     [("United Nations Interim Force in Lebanon", "ORG")]),
    ("the Paris Agreement on Climate Change", "Paris Agreement on Climate Change", "AGENDA",
     [("Paris Agreement on Climate Change", "AGENDA")]),
])
def test_gazetteer_alias_inside_a_longer_model_name_does_not_cut_it(blank, gaz, text, part, label,
                                                                     expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [(m.text, m.label) for m in ms] == expected


def test_one_word_backreference_inside_a_longer_name_is_not_a_mention(blank, gaz) -> None:
    text = "The United Nations and the Organization of Ibero-American States agree."
    ms = _mentions(blank, gaz, text, [_ent(text, "Organization of Ibero-American States", "ORG")])
    assert [(m.text, m.entity_id) for m in ms] == [("United Nations", "un"), ("Organization of Ibero-American States", None)]


def test_body_inside_a_role_is_a_mention_of_its_own(blank, gaz) -> None:
    text = "I congratulate the President of the General Assembly."
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label) for m in ms] == [("President of the General Assembly", "ROLE"),
                                              ("General Assembly", "ORG")]
    assert ms[1].entity_id == "unga"


def test_backreference_the_model_found_stays_without_antecedent(blank, gaz) -> None:
    text = "The Council must act."
    assert _mentions(blank, gaz, text) == []
    ms = _mentions(blank, gaz, text, [_ent(text, "Council", "ORG")])
    assert [(m.text, m.label, m.entity_id) for m in ms] == [("Council", "ORG", None)]


def test_resolutions_are_found_by_symbol_and_split_from_the_body(blank, gaz) -> None:
    text = "under Security Council resolution 2254 (2015) and resolutions 242 (1967) and 338 (1973)."
    ms = _mentions(blank, gaz, text, [_ent(text, "Security Council resolution 2254 (2015)", "AGENDA")])
    assert [(m.text, m.label, m.entity_id) for m in ms] == [
        ("Security Council", "ORG", "unsc"),
        ("resolution 2254 (2015)", "AGENDA", "agenda:resolution_2254_2015"),
        ("resolutions 242 (1967)", "AGENDA", "agenda:resolution_242_1967"),
        ("338 (1973)", "AGENDA", "agenda:resolution_338_1973")]


def test_conference_of_the_parties_has_one_id_by_number(blank, gaz) -> None:
    text = ("At COP21, the twenty-first session of the Conference of the Parties to the Convention, "
            "we agreed.")
    long_form = "twenty-first session of the Conference of the Parties to the Convention"
    ms = _mentions(blank, gaz, text, [_ent(text, long_form, "EVENT")])
    assert [(m.text, m.entity_id, m.entity_name) for m in ms] == [
        ("COP21", "event:cop21", "COP21"), (long_form, "event:cop21", "COP21")]


def test_model_span_ending_with_a_gazetteer_name_that_holds_its_head_names_that_entry(blank, gaz) -> None:
    text = "The 2013 General Assembly High-level Dialogue on International Migration and Development opens."
    part = "2013 General Assembly High-level Dialogue on International Migration and Development"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")], year=2012)
    assert [(m.text, m.label, m.entity_id) for m in ms] == [(part, "EVENT", "hld_2013")]


def test_model_span_whose_head_is_outside_the_gazetteer_name_keeps_its_label(blank, gaz) -> None:
    text = "The Executive Council of the African Union decided."
    ms = _mentions(blank, gaz, text, [_ent(text, "Executive Council of the African Union", "ORG")])
    assert [(m.text, m.entity_id) for m in ms] == [("Executive Council of the African Union", None)]


@pytest.mark.parametrize(("part", "label", "heading"), [
    ("CIVIL SOCIETY ORGANIZATIONS AND THE PRIVATE SECTOR", "ORG", True),
    ("OPENING REMARKS", "ORG", False),  # two words: left to the model
    ("AMINA J. MOHAMMED", "PERSON", False),
    ("Global Forum on Migration", "EVENT", False),
])
def test_heading_in_capitals_is_not_a_name(part: str, label: str, heading: bool) -> None:
    doc = spacy.blank("en")(part)
    assert entities.is_heading(doc[:], label) is heading


def test_event_keeps_the_ordinal_of_its_edition(blank, gaz) -> None:
    text = "the third International Conference on Financing for Development"
    ms = _mentions(blank, gaz, text, [_ent(text, "International Conference on Financing for Development", "EVENT")])
    assert [m.text for m in ms] == ["third International Conference on Financing for Development"]


def test_session_of_a_conference_is_one_event_with_its_ordinal(blank, gaz) -> None:
    text = "at the twenty-eighth session of the Conference of the Parties to the Convention in Dubai"
    part = "Conference of the Parties to the Convention"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label, m.entity_id) for m in ms] == [
        ("twenty-eighth session of the Conference of the Parties to the Convention", "EVENT", "event:cop28")]


@pytest.mark.parametrize(("part", "label", "expected"), [
    ("International Covenant on Civil and Political Rights", "ORG", "AGENDA"),
    ("Collective Security Treaty Organization", "AGENDA", "ORG"),
    ("International Decade for Natural Disaster Reduction", "ORG", "EVENT"),
    ("Africa Climate Week", "ORG", "EVENT"),
    ("Suez Crisis", "AGENDA", "EVENT"),
    ("Industrial Revolution", "ORG", "EVENT"),
    ("United Nations Mission in South Sudan", "AGENDA", "ORG"),
    ("Conference on Disarmament", "ORG", "ORG"),  # standing bodies and meetings share the word
    ("Chemical Weapons Treaty Review Conference", "ORG", "EVENT"),  # "Conference" last: a meeting
    ("Organisation of the Islamic Conference", "ORG", "ORG"),
    ("United Nations Development Programme", "ORG", "ORG"),
    ("World Food Programme", "AGENDA", "ORG"),
    ("Integrated National School Feeding Programme", "ORG", "AGENDA"),  # a national programme
    ("Almaty Programme of Action", "ORG", "AGENDA"),
    ("Bolsa Familia Programme", "ORG", "ORG"),  # neither: the recogniser decides
    ("Small Island Developing States Accelerated Modalities of Action Pathway", "ORG", "AGENDA"),
    ("Inter-Korean Dialogue on Security", "AGENDA", "EVENT"),
    ("Sahel", "PERSON", "PERSON"),
])
def test_decisive_head_noun_settles_the_label(part: str, label: str, expected: str) -> None:
    doc = spacy.blank("en")(part)
    assert entities.decisive_label(doc[:], label) == expected


def test_a_name_keeps_the_label_the_model_gave_it_most_often(blank, gaz) -> None:
    text = "Geneva hosts talks. Geneva is calm. In Geneva we met."
    i, j = text.index("Geneva is"), text.rindex("Geneva")
    ents = [(0, 6, "GPE"), (i, i + 6, "GPE"), (j, j + 6, "EVENT")]
    ms = _mentions(blank, gaz, text, ents)
    assert [m.label for m in ms] == ["GPE", "GPE", "GPE"]


@pytest.mark.parametrize(("text", "label"), [
    ("Chad", "GPE"), ("Paraguay", "GPE"), ("Syrians", "NORP"), ("Papua New Guineans", "NORP"),
    ("Nepalese", "NORP"), ("Boko Haram", None), ("Chadwick", None),
])
def test_place_label_from_the_country_list(text: str, label: str | None) -> None:
    assert entities.place_label(text) == label


def test_country_named_as_a_person_is_a_place_unless_it_is_a_surname_in_the_speech(blank, gaz) -> None:
    text = "Chad has ratified it. Michael Jordan and Jordan spoke."
    ents = [_ent(text, "Chad", "PERSON"), _ent(text, "Michael Jordan", "PERSON"),
            (text.rindex("Jordan"), text.rindex("Jordan") + 6, "PERSON")]
    ms = _mentions(blank, gaz, text, ents)
    assert [(m.text, m.label) for m in ms] == [("Chad", "GPE"), ("Michael Jordan", "PERSON"), ("Jordan", "PERSON")]


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    # a bracket the span does not close is cut off
    ("Ministers of the Group of Fifteen (G-15) met.", "Group of Fifteen (G-15", "ORG", [("Group of Fifteen", "ORG")]),
    # a word broken by a hyphen and a space goes on after the space
    ("under the United Nations Global Counter- Terrorism Strategy and", "United Nations Global Counter-",
     "AGENDA", [("United Nations Global Counter- Terrorism Strategy", "AGENDA")]),
    ("we thank Amina Okafor- Bello, the facilitator", "Amina Okafor-", "PERSON",
     [("Amina Okafor- Bello", "PERSON")]),
    # reports, indexes, prizes and facilities are not annotated
    ("as the World Happiness Report 2019 shows", "World Happiness Report 2019", "AGENDA", []),
    ("the Global Hunger Index ranks us", "Global Hunger Index", "ORG", []),
    ("the Zaporizhzhia Nuclear Power Plant was shelled", "Zaporizhzhia Nuclear Power Plant", "EVENT", []),
    # a capitalised possessive inside a sentence begins the title
    ("we welcome the report Our Common Agenda and its proposals", "Our Common Agenda", "AGENDA",
     [("Our Common Agenda", "AGENDA")]),
    ("Our Shared Vision deserves support.", "Our Shared Vision", "AGENDA", [("Shared Vision", "AGENDA")]),
])
def test_model_span_repairs(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [(m.text, m.label) for m in ms if m.label not in ("GPE", "ROLE")] == expected


def test_one_lower_case_word_matched_by_the_gazetteer_is_a_common_noun(blank, gaz) -> None:
    assert _mentions(blank, gaz, "we set up a small secretariat for the task force") == []
    assert [m.entity_id for m in _mentions(blank, gaz, "the Secretariat will report")] == ["un_secretariat"]


def test_conference_of_the_parties_by_ordinal_is_one_event_with_its_convention(blank, gaz) -> None:
    text = ("I spoke at the twenty-first Conference of the Parties to the United Nations Framework "
            "Convention on Climate Change, held in Paris.")
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label, m.entity_id) for m in ms if m.label != "GPE"] == [
        ("twenty-first Conference of the Parties to the United Nations Framework Convention on Climate Change",
         "EVENT", "event:cop21")]


def test_numbered_session_of_any_body_is_one_event(blank, gaz) -> None:
    text = "Welcome to this sixty-second session of the Standing Committee on Fisheries."
    part = "Standing Committee on Fisheries"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label) for m in ms] == [("sixty-second session of the Standing Committee on Fisheries", "EVENT")]


def test_bare_session_after_the_assembly_is_that_session_of_the_assembly(blank, gaz) -> None:
    text = "We congratulate the President of the General Assembly at its seventy- ninth session."
    ms = _mentions(blank, gaz, text, [_ent(text, "seventy- ninth session", "EVENT")])
    assert [(m.text, m.entity_name) for m in ms if m.label == "EVENT"] == [
        ("seventy- ninth session", "seventy-ninth session of the General Assembly")]


def test_role_with_its_ordinal_is_not_an_event(blank, gaz) -> None:
    text = "the election of the seventy-ninth President of the General Assembly went smoothly"
    part = "seventy-ninth President of the General Assembly"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "EVENT")])
    assert [m.label for m in ms] == ["ROLE", "ORG"]


def test_two_lower_case_words_matched_by_the_gazetteer_are_a_common_phrase(blank, gaz) -> None:
    assert _mentions(blank, gaz, "growth and nature are not conflicting global goals") == []
    assert [m.entity_id for m in _mentions(blank, gaz, "the Global Goals guide us")] == ["sdgs"]
    text = "We adopted the Global Compact for Migration, and the global compact now guides us."
    assert [m.entity_id for m in _mentions(blank, gaz, text)] == ["gcm", "gcm"]  # a back-reference


def test_one_word_after_an_honorific_is_a_person(blank, gaz) -> None:
    text = "Mr. Koskinen (Finland), Vice-President, took the Chair."
    ms = _mentions(blank, gaz, text, [_ent(text, "Koskinen", "GPE")])
    assert ("Koskinen", "PERSON") in [(m.text, m.label) for m in ms]


def test_common_word_after_a_title_word_is_no_name(blank, gaz) -> None:
    text = "our foreign policy is clear. The Feminist Foreign Policy we adopted guides us."
    assert "Policy" not in [m.text for m in _mentions(blank, gaz, text) if m.label == "PERSON"]


def test_where_a_meeting_was_held_is_not_its_name(blank, gaz) -> None:
    text = "the Somalia Partnership Conference in Brussels raised funds"
    ms = _mentions(blank, gaz, text, [_ent(text, "Somalia Partnership Conference in Brussels", "EVENT")])
    assert [(m.text, m.label) for m in ms] == [("Somalia Partnership Conference", "EVENT")]


def test_a_name_cut_by_a_paragraph_break_inside_a_sentence_is_dropped(blank, gaz) -> None:
    text = ("We welcome the agreement that our country reached last spring with the Office of the United Nations High"
            "\n\nCommissioner for Refugees on sharing data.")
    part = "Office of the United Nations High\n\nCommissioner for Refugees"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == ["United Nations"]  # the gazetteer's part only
    heading = "UNITED NATIONS\n\nPress Office"
    ms = _mentions(blank, gaz, heading, [_ent(heading, heading, "ORG")])
    assert [m.text for m in ms] == ["UNITED NATIONS", "Press Office"]


def test_a_place_at_the_end_of_a_name_does_not_name_it(blank, gaz) -> None:
    text = "we support the United Nations Observer Mission in Georgia and its work"
    gaz = entities.with_places(gaz, ["Georgia"])
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    part = "United Nations Observer Mission in Georgia"
    rules = entities.add_rules(nlp, gaz)
    assert [(m.text, m.label) for m in _mentions((nlp, rules), gaz, text)][-1] == ("Georgia", "GPE")
    ms = _mentions((nlp, rules), gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label) for m in ms] == [(part, "ORG")]


def test_head_noun_after_a_title_word_is_no_name(blank, gaz) -> None:
    text = "We thank the General Committee for its work."
    assert [m for m in _mentions(blank, gaz, text) if m.label == "PERSON"] == []


@pytest.mark.parametrize(("text", "part", "kept"), [
    ("he was, as they say there, muy tranquilo about it", "muy tranquilo", False),
    ("the front of Saguia el-Hamra y de Río de Oro", "de Río de Oro", False),
    ("as General de Gaulle said", "de Gaulle", True),
    ("the gang known as Los Zetas was dismantled", "Los Zetas", False),
    ("we honour Ibrahim al Nasser today", "Ibrahim al Nasser", True),
])
def test_person_span_must_look_like_a_name(blank, gaz, text, part, kept) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "PERSON")])
    assert (part in [m.text for m in ms if m.label == "PERSON"]) is kept


def test_model_span_joining_two_gazetteer_names_is_the_two_names(blank, gaz) -> None:
    text = "under the United Nations Charter and General Assembly resolutions"
    part = "United Nations Charter and General Assembly"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.entity_id) for m in ms] == [("United Nations Charter", "un_charter"),
                                                  ("General Assembly", "unga")]


def test_model_span_holding_two_gazetteer_names_without_and_stays_one_name(blank, gaz) -> None:
    text = "in line with the United Nations Convention relating to the Status of Refugees of 1951"
    part = "United Nations Convention relating to the Status of Refugees"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "AGENDA")])
    assert [m.text for m in ms] == [part]


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("we thank Ambassador María Luisa Pérez Ortega of Chile", "María Luisa Pérez", "María Luisa Pérez Ortega"),
    ("the Rabin Administration", "Rabin", "Rabin"),  # one word: left as it is
    ("as Yitzhak Rabin Administration officials said", "Yitzhak Rabin", "Yitzhak Rabin"),  # head noun
])
def test_person_goes_on_with_a_second_surname(blank, gaz, text, part, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "PERSON")])
    assert [m.text for m in ms if m.label == "PERSON"] == [expected]


@pytest.mark.parametrize(("part", "label", "expected"), [
    ("Group of 20 Summit", "ORG", "EVENT"),
    ("2019 Climate Summit", "AGENDA", "EVENT"),
])
def test_summit_at_the_end_makes_a_meeting(part: str, label: str, expected: str) -> None:
    doc = spacy.blank("en")(part)
    assert entities.decisive_label(doc[:], label) == expected


def test_abbreviation_of_a_common_noun_phrase_is_no_name(blank, gaz) -> None:
    text = "We help small and medium-sized enterprises (SMEs) to export. SMEs create jobs."
    ms = _mentions(blank, gaz, text, [_ent(text, "SMEs", "ORG")])
    assert ms == []
    assert entities.common_noun_abbreviations(text) == {"SMEs"}
    assert entities.common_noun_abbreviations("the International Organization for Migration (IOM)") == set()


def test_plural_of_a_head_noun_alone_is_no_name(blank, gaz) -> None:
    text = "the Assembly and its Committees must work together"
    ms = _mentions(blank, gaz, text, [_ent(text, "Committees", "AGENDA")])
    assert [m.text for m in ms] == ["Assembly"]


def test_name_in_apposition_to_a_role_is_a_person(blank, gaz) -> None:
    text = "the plan of the Special Envoy of the Secretary-General, Lorenzo Bianchi, is welcome"
    ms = _mentions(blank, gaz, text, [_ent(text, "Lorenzo Bianchi", "AGENDA")])
    assert ("Lorenzo Bianchi", "PERSON") in [(m.text, m.label) for m in ms]


def test_el_hadj_is_a_title_before_a_name(blank, gaz) -> None:
    text = "the efforts of the President of Gabon, Mr. El Hadj Omar Bongo, and others"
    ms = _mentions(blank, gaz, text, [_ent(text, "El Hadj Omar Bongo", "PERSON")])
    assert [m.text for m in ms if m.label == "PERSON"] == ["Omar Bongo"]


def test_span_with_a_word_of_a_clause_inside_is_no_name(blank, gaz) -> None:
    text = "countries of the Caribbean as Belize and Guyana"
    ms = _mentions(blank, gaz, text, [_ent(text, "Caribbean as Belize", "ORG")])
    assert [m for m in ms if m.label == "ORG"] == []


def test_lower_case_name_after_an_indefinite_article_is_a_common_phrase(blank, gaz) -> None:
    assert _mentions(blank, gaz, "we support the creation of an international criminal court") == []
    ms = _mentions(blank, gaz, "we support the international criminal court")
    assert [m.entity_id for m in ms] == ["icc"]


def test_roman_numeral_after_a_name_numbers_it(blank, gaz) -> None:
    text = "towards a Geneva II process, as Chapter VII allows"
    ms = _mentions(blank, gaz, text, [_ent(text, "Geneva", "EVENT")])
    assert [m.text for m in ms] == ["Geneva II"]


def test_model_span_that_is_a_role_keeps_only_the_united_nations(blank, gaz) -> None:
    text = "as the report of the United Nations High Commissioner for Human Rights shows"
    part = "United Nations High Commissioner for Human Rights"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label) for m in ms] == [(part, "ROLE"), ("United Nations", "ORG")]


@pytest.mark.parametrize(("text", "parts", "expected"), [
    # facilities are not annotated; a name before an organisation's noun stays
    ("We rebuilt the Palmerola and Villeda Morales airports last year.", ["Palmerola", "Villeda Morales"], []),
    ("The Inga dam will power the region.", ["Inga"], []),
    ("The Kivu Development Bank will lend.", ["Kivu Development Bank"], ["Kivu Development Bank"]),
])
def test_names_of_facilities_are_not_mentions(blank, gaz, text, parts, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, p, "ORG") for p in parts])
    assert [m.text for m in ms if m.label == "ORG"] == expected


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("The report “Better Growth, Better Climate” points the way.", "Better Growth", []),
    ("His book “Open Borders Alliance” was read widely.", "Open Borders Alliance", []),
    # quotation marks without a publication's word keep the name
    ("We support the “Sowing Life” programme.", "Sowing Life", ["Sowing Life"]),
])
def test_titles_of_publications_in_quotes_are_not_mentions(blank, gaz, text, part, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "AGENDA")])
    assert [m.text for m in ms if m.label == "AGENDA"] == expected


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("attacks by Boko Haram in Central and West Africa continue", "Boko Haram in Central and West Africa",
     "Boko Haram"),
    ("raids by Al-Shabaab in Somalia go on", "Al-Shabaab in Somalia", "Al-Shabaab"),
    # a head noun before "in" makes the place part of the name
    ("the United Nations Interim Force in Lebanon serves", "United Nations Interim Force in Lebanon",
     "United Nations Interim Force in Lebanon"),
])
def test_a_group_is_not_named_by_where_it_acts(blank, gaz, text, part, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == [expected]


def test_an_instrument_cut_before_its_subject_is_one_name(blank, gaz) -> None:
    text = "We signed the Declaration of Shared Commitments on United Nations Peacekeeping Operations in 2018."
    ents = [_ent(text, "Declaration of Shared Commitments", "AGENDA"),
            _ent(text, "United Nations Peacekeeping Operations", "ORG")]
    ms = _mentions(blank, gaz, text, ents)
    assert [(m.text, m.label) for m in ms] == [
        ("Declaration of Shared Commitments on United Nations Peacekeeping Operations", "AGENDA")]
    # a body after "on" that is not the instrument's subject: "the Charter on Monday" has no name after it
    text = "the Security Council met on Monday"
    ms = _mentions(blank, gaz, text, [_ent(text, "Security Council", "ORG")])
    assert [m.text for m in ms] == ["Security Council"]


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("elections for the Omani Consultative Council were held", "Omani Consultative Council", [("Omani", "NORP")]),
    ("the Norwegian Refugee Council works there", "Norwegian Refugee Council",
     [("Norwegian Refugee Council", "ORG")]),
])
def test_a_nationality_before_a_generic_body_is_no_name(blank, gaz, text, part, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label) for m in ms] == expected


def test_organisations_named_in_spanish_are_one_name(blank, gaz) -> None:
    text = "We urge Morocco and the Frente Popular para la Liberación de Saguia el-Hamra y de Río de Oro to talk."
    ents = [_ent(text, "Frente Popular", "PERSON"), _ent(text, "Liberación de Saguia el-Hamra", "PERSON")]
    ms = _mentions(blank, gaz, text, ents)
    assert [(m.text, m.label) for m in ms if m.label != "GPE"] == [
        ("Frente Popular para la Liberación de Saguia el-Hamra y de Río de Oro", "ORG")]
    text = "talks between the Government and the Plataforma Unitaria de Venezuela, held in Mexico"
    ms = _mentions(blank, gaz, text, [_ent(text, "Venezuela", "GPE")])
    assert [(m.text, m.label) for m in ms] == [("Plataforma Unitaria de Venezuela", "ORG")]


def test_united_nations_before_an_event_is_part_of_its_name(blank, gaz) -> None:
    text = "We support the call to convene the United Nations 2019 Climate Summit in New York."
    ms = _mentions(blank, gaz, text, [_ent(text, "2019 Climate Summit", "EVENT")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "EVENT")] == [
        ("United Nations 2019 Climate Summit", "EVENT")]
    # a body and an event apart stay two names
    text = "The United Nations, at the 2019 Climate Summit, asked for more."
    ms = _mentions(blank, gaz, text, [_ent(text, "2019 Climate Summit", "EVENT")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "EVENT")] == [
        ("United Nations", "ORG"), ("2019 Climate Summit", "EVENT")]


def test_a_hosted_conference_is_a_meeting_and_where_it_is_held_is_not_its_name(blank, gaz) -> None:
    text = "We will host the Conference on Religious Freedom in Mongolia in March."
    ms = _mentions(blank, gaz, text, [_ent(text, "Conference on Religious Freedom in Mongolia", "ORG")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "EVENT")] == [
        ("Conference on Religious Freedom", "EVENT")]
    # a standing body nobody hosts is left to the recogniser
    doc = blank[0]("The Conference on Disarmament must resume its work.")
    assert not entities.is_hosted_meeting(doc, 1, 4)
    assert entities.is_hosted_meeting(blank[0]("We will host the Conference on Disarmament."), 4, 7)


def test_a_name_right_after_a_role_is_its_holder_and_editorial_brackets_still_link(blank, gaz) -> None:
    text = "Mr. Secretary-General, SRSG Arbour, Excellencies, I thank Ms. [Louise] Arbour for her work."
    ents = [_ent(text, "Arbour,", "GPE"), (text.index("Louise"), text.index(" for her"), "PERSON")]
    ents[0] = (ents[0][0], ents[0][1] - 1, "GPE")
    ms = _mentions(blank, gaz, text, ents)
    people = [(m.text, m.label, m.entity_id) for m in ms if m.label in ("PERSON", "GPE")]
    assert people == [("Arbour", "PERSON", "louise_arbour"), ("[Louise] Arbour", "PERSON", "louise_arbour")]


@pytest.mark.parametrize(("line", "expected"), [
    ("Secretary-General, at Migration Event, Urges Greater Cooperation, Well-Advised Policies", True),
    ("Following are UN Secretary-General António Guterres' remarks to the migration event, in New York today:",
     False),
    ("High Commissioner's Opening Statement to the Seventy-Third Session of the Executive Committee", False),
])
def test_headline_case(line: str, expected: bool) -> None:
    assert entities.is_headline_case(line) is expected


def test_capitalised_common_words_of_a_headline_are_no_names() -> None:
    header = ("Deputy Secretary-General, at Refugee Event, Calls for Shared Responsibility to Support Hosts\n"
              "Following are the Deputy Secretary-General's remarks at the refugee event of the Global Refugee Forum:")
    def mention(text: str, source: str = "model") -> Mention:
        start = header.index(text)
        return Mention("header", 0, 1, start, start + len(text), text, "ORG", source)
    kept = entities.without_headline_words(
        [mention("Refugee Event"), mention("Shared Responsibility"), mention("Global Refugee Forum", "gazetteer")],
        header, "Host countries carry a responsibility the world must share.")
    # "shared" is never written in lower case: the name stays, as does any gazetteer name
    assert [m.text for m in kept] == ["Shared Responsibility", "Global Refugee Forum"]


def test_a_section_heading_on_its_own_line_is_no_name(blank, gaz) -> None:
    text = "Introduction\n\nIt is an honour to welcome you to the Council."
    ms = _mentions(blank, gaz, text, [_ent(text, "Introduction", "EVENT")])
    assert [m.text for m in ms if m.label == "EVENT"] == []


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    ("and thank the outgoing Rapporteur Gregor Schotten of Germany", "Rapporteur Gregor Schotten", "GPE",
     ("Gregor Schotten", "PERSON")),
    ("the people of Saint Lucia welcome you", "Saint Lucia", "GPE", ("Saint Lucia", "GPE")),
    ("the summit in St. Petersburg last year", "St. Petersburg", "GPE", ("St. Petersburg", "GPE")),
])
def test_titles_before_a_name_make_a_person(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert (ms[0].text, ms[0].label) == expected


def test_a_resolution_numbered_with_no(blank, gaz) -> None:
    text = "in line with Council Resolution No. 1309 of 24 November 2015"
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label, m.entity_id) for m in ms if m.label == "AGENDA"] == [
        ("Resolution No. 1309", "AGENDA", "agenda:resolution_1309")]


def test_a_gazetteer_name_and_another_name_are_two(blank, gaz) -> None:
    text = "our new observers, the International Organization for Migration and International Aid Relief, joined"
    ms = _mentions(blank, gaz, text, [_ent(text, "International Organization for Migration and International "
                                                 "Aid Relief", "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == ["International Organization for Migration",
                                                        "International Aid Relief"]


@pytest.mark.parametrize(("text", "part", "label", "expected"), [
    ("the shores of the Comoro Archipelago", "Comoro Archipelago", "AGENDA", [("Comoro Archipelago", "LOC")]),
    ("the Principality has always defended", "Principality", "ORG", [("Principality", "GPE")]),
    ("Nearly 24 million people are displaced", "Nearly 24 million", "AGENDA", []),
    ("at its fifty-sixth session", "fifty-sixth", "EVENT", []),
    ("we became the ninety-second State to ratify it", "ninety-second State", "EVENT", []),
    ("guardians of the Christian and Muslim Holy Sites of the city", "Christian and Muslim Holy Sites", "ORG", []),
    ("the voice of the Small Island Developing States is heard", "Small Island Developing States", "ORG", []),
    ("we thank President Mbekwa for his leadership", "Mbekwa", "GPE", [("Mbekwa", "PERSON")]),
    ("as President Kenya has said", "Kenya", "GPE", [("Kenya", "GPE")]),
    ("followers of Judaism and of Islam", "Judaism", "AGENDA", [("Judaism", "NORP")]),
    ("we await the “Vienna IV” conference on the matter", "Vienna IV", "AGENDA", [("Vienna IV", "EVENT")]),
    ("the Lisbon Accord summit was postponed", "Lisbon Accord", "AGENDA", [("Lisbon Accord", "EVENT")]),
    ("under the Lisbon Accord, summits are held yearly", "Lisbon Accord", "AGENDA", [("Lisbon Accord", "AGENDA")]),
    ("the 2015 Nobel Prize for Peace", "2015 Nobel Prize", "AGENDA", []),
    ("ahead of the Lima Ministerial Conference next spring", "Lima Ministerial Conference", "GPE",
     [("Lima Ministerial Conference", "EVENT")]),
    ("leaders met at the Indian Ocean Summit", "Indian Ocean Summit", "LOC", [("Indian Ocean Summit", "EVENT")]),
    ("within the Gulf Cooperation Council", "Gulf Cooperation Council", "LOC", [("Gulf Cooperation Council", "ORG")]),
    ("the collapse of the Soviet Union", "Soviet Union", "GPE", [("Soviet Union", "GPE")]),
    ("settlements in the West Bank", "West Bank", "GPE", [("West Bank", "GPE")]),
    ("the peoples of the Caribbean Community", "Caribbean Community", "NORP", [("Caribbean Community", "ORG")]),
])
def test_places_quantities_and_prizes_the_recogniser_calls_names(blank, gaz, text, part, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [(m.text, m.label) for m in ms if m.label not in ("DATE", "CARDINAL")] == expected


def test_a_name_broken_at_a_hyphen_still_matches_the_gazetteer(blank, gaz) -> None:
    assert entities.broken_hyphen_forms("Asia-Europe Meeting") == ["Asia- Europe Meeting"]
    text = "we support the United Nations Global Counter- Terrorism Strategy in full"
    ms = _mentions(blank, gaz, text)
    assert [m.text for m in ms if m.label == "AGENDA"] == ["United Nations Global Counter- Terrorism Strategy"]


def test_gazetteer_names_that_are_common_phrases_or_abbreviations_of_them_are_dropped(blank, gaz) -> None:
    text = "We failed to agree on a universal, robust and binding arms trade treaty last July."
    tags = {"universal": "JJ", "robust": "JJ", "binding": "JJ"}
    assert not any(m.label == "AGENDA" for m in _mentions(blank, gaz, text, tags=tags))
    text = "We welcome the arms trade treaty adopted last April."
    assert [m.text for m in _mentions(blank, gaz, text) if m.label == "AGENDA"] == ["arms trade treaty"]
    text = "We invest in early childhood education (ECE). ECE is for every child."
    assert not any(m.label == "ORG" for m in _mentions(blank, gaz, text))


def test_a_gazetteer_name_with_common_words_after_it_stops_at_the_name(blank, gaz) -> None:
    text = "countries must honour their Paris Agreement commitments now"
    ms = _mentions(blank, gaz, text, [_ent(text, "Paris Agreement commitments", "AGENDA")])
    assert [m.text for m in ms if m.label == "AGENDA"] == ["Paris Agreement"]


def test_an_ordinal_before_a_gazetteer_conference_makes_an_edition(blank, gaz) -> None:
    text = "Since the second United Nations Conference on Trade and Development, little changed."
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "EVENT")] == [
        ("second United Nations Conference on Trade and Development", "EVENT")]
    text = "The United Nations Conference on Trade and Development publishes data."
    assert [(m.text, m.label) for m in _mentions(blank, gaz, text) if m.label in ("ORG", "EVENT")] == [
        ("United Nations Conference on Trade and Development", "ORG")]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("as well as to the new Second Vice Chair, Ambassador Kos", "Second Vice Chair", "AGENDA"),
    ("progress in AI is fast", "AI", "ORG"),
])
def test_bare_titles_and_common_noun_abbreviations_are_no_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert not any(m.text == part for m in ms)


def test_acting_is_a_title_not_a_name(blank, gaz) -> None:
    text = "Thank you very much Mr Acting Chairman and thank you all."
    ms = _mentions(blank, gaz, text, [_ent(text, "Acting", "PERSON")])
    assert not any(m.label == "PERSON" for m in ms)


def test_a_gazetteer_body_and_its_members_is_the_body(blank, gaz) -> None:
    text = "the CARICOM States stand together on climate"
    ms = _mentions(blank, gaz, text, [_ent(text, "CARICOM States", "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == ["CARICOM"]


def test_a_name_cut_before_its_index_or_report_is_no_name(blank, gaz) -> None:
    text = "we call for a Multidimensional Vulnerability Index for small States"
    ms = _mentions(blank, gaz, text, [_ent(text, "Multidimensional Vulnerability", "ORG")])
    assert not any(m.label == "ORG" for m in ms)


def test_a_headlines_verb_is_no_name() -> None:
    header = "Lead by Example, Deputy Secretary-General Tells Global Migration Group, Calling for Cooperation"
    start = header.index("Tells")
    kept = entities.without_headline_words([Mention("header", 0, 1, start, start + 5, "Tells", "PERSON", "model")],
                                           header, "We thank the Group.")
    assert kept == []


def test_a_surname_the_model_took_for_a_place_is_the_person_named_before(blank, gaz) -> None:
    text = "A letter from agency chief Tomas Varga.\nIn a message for the day, Varga said more. Varga thanked donors."
    first, second = text.index("Varga said"), text.rindex("Varga")
    ents = [_ent(text, "Tomas Varga", "PERSON"), (first, first + 5, "GPE")]
    ms = _mentions(blank, gaz, text, ents, tags={"Varga": "NNP"})
    people = [(m.start_char, m.text, m.label) for m in ms if m.text.endswith("Varga")]
    # the second "Varga" opens a sentence and the model left it out: a known surname all the same
    assert people == [(text.index("Tomas"), "Tomas Varga", "PERSON"), (first, "Varga", "PERSON"),
                      (second, "Varga", "PERSON")]


def test_a_date_after_a_gazetteer_instrument_is_no_part_of_its_name(blank, gaz) -> None:
    text = "We recall the adoption of the New York Declaration for Refugees and Migrants on the 3rd of May 2016."
    ms = _mentions(blank, gaz, text, [_ent(text, "New York Declaration for Refugees and Migrants on the 3rd of May 2016",
                                           "AGENDA")])
    assert [(m.text, m.entity_id) for m in ms] == [("New York Declaration for Refugees and Migrants",
                                                    "new_york_declaration")]


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("We thank the Permanent Missions of Ghana and Peru for this event.", "Permanent Missions of Ghana",
     [("Ghana", "GPE")]),
    ("The Government of the Philippines hosted us.", "Government of the Philippines", [("Philippines", "GPE")]),
    # a body named otherwise keeps its name
    ("The Mission of Hope fed them.", "Mission of Hope", [("Mission of Hope", "ORG")]),
])
def test_a_countrys_office_named_by_the_country_is_the_country(blank, gaz, text, part, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "GPE")] == expected


def test_an_ordinal_day_of_a_tenure_is_no_event(blank, gaz) -> None:
    text = "This is the thirty-first day of my mandate and the first week of the session."
    ms = _mentions(blank, gaz, text, [_ent(text, "thirty-first day", "EVENT"), _ent(text, "first week", "EVENT")])
    assert [m.text for m in ms if m.label == "EVENT"] == []


@pytest.mark.parametrize(("text", "expected"), [
    # the office's name written as the role of its holder: only the body inside it is a name
    ("United Nations High Commissioner for Refugees Ana Ruiz opened the meeting.",
     [("United Nations", "ORG", "un"), ("Ana Ruiz", "PERSON", None)]),
    ("In her years as UN High Commissioner for Refugees, she travelled.", [("UN", "ORG", "un")]),
    # the office itself
    ("The United Nations High Commissioner for Refugees (UNHCR) cut rations.",
     [("United Nations High Commissioner for Refugees", "ORG", "unhcr"), ("UNHCR", "ORG", "unhcr")]),
])
def test_an_office_written_as_a_role_is_the_role(blank, gaz, text, expected) -> None:
    ents = []
    if "Ana Ruiz" in text:
        ents = [(0, text.index(" opened"), "AGENDA")]
    ms = _mentions(blank, gaz, text, ents, tags={"Ana": "NNP", "Ruiz": "NNP"})
    assert [(m.text, m.label, m.entity_id) for m in ms if m.label in ("ORG", "PERSON")] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Pact for the Future was adopted. We will implement the Pact.", ["pact_for_the_future"] * 2),
    ("The International Migration Review Forum meets in May. The Forum must be inclusive.", ["imrf"] * 2),
    ("We met at the CSW side event.", ["org:commission_on_the_status_of_women"]),
])
def test_short_forms_of_un_instruments_meetings_and_bodies(blank, gaz, text, expected) -> None:
    ms = _mentions(blank, gaz, text)
    assert [m.entity_id.removeprefix("agenda:") for m in ms] == expected


def test_a_press_release_headline_cuts_names_at_its_verb(blank, gaz) -> None:
    text = ("Ninth Session,\n2nd and 3rd Meetings (AM & PM)\n\n"
            "Assembly Endorses Plan on Ocean Rescue, as World Bank, World Food Programme Sign Funding Pact\n\n"
            "The World Food Programme welcomed it.")
    ents = [_ent(text, "AM & PM", "AGENDA"), _ent(text, "World Food Programme Sign Funding Pact", "ORG")]
    ms = _mentions(blank, gaz, text, ents)
    found = [(m.text, m.label) for m in ms if m.label in ("ORG", "AGENDA")]
    assert ("AM & PM", "AGENDA") not in found
    assert ("World Food Programme", "ORG") in found and all("Sign" not in t for t, _ in found)


def test_a_new_york_declaration_short_form_and_a_reports_name_and_a_hotel(blank, gaz) -> None:
    text = ("The Declaration for Refugees and Migrants was adopted. The agency issued its yearly Safe Passage report. "
            "We met at the Grand Lagoon Hotel with the Helping Hands organization.")
    ents = [_ent(text, "Safe Passage", "AGENDA"), _ent(text, "Grand Lagoon Hotel", "EVENT"),
            _ent(text, "Helping Hands organization", "ORG")]
    ms = _mentions(blank, gaz, text, ents)
    assert [(m.text, m.entity_id) for m in ms if m.label in ("ORG", "AGENDA", "EVENT")] == [
        ("Declaration for Refugees and Migrants", "new_york_declaration"), ("Helping Hands", None)]


def test_founder_is_a_title_not_an_organisation(blank, gaz) -> None:
    text = "Ms. Okafor [Founder & Chair, Safe Homes],\nDear friends,"
    ms = _mentions(blank, gaz, text, [_ent(text, "Founder &", "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == []


def test_a_capitalised_head_word_after_a_name_outside_the_gazetteer_is_that_name(blank, gaz) -> None:
    text = "We met at the Regional Conference on Coastal Mobility in May. The Conference agreed on a plan."
    ents = [_ent(text, "Regional Conference on Coastal Mobility", "EVENT"), _ent(text, "Conference agreed", "EVENT")]
    ents[1] = (ents[1][0], ents[1][0] + len("Conference"), "EVENT")
    ms = _mentions(blank, gaz, text, ents)
    events = [(m.text, m.entity_id) for m in ms if m.label == "EVENT"]
    assert events == [("Regional Conference on Coastal Mobility", None),
                      ("Conference", "event:regional_conference_on_coastal_mobility")]


def test_titles_and_editors_brackets_are_no_part_of_a_name(blank, gaz) -> None:
    text = ("Mr. Tan Wei, Founder of Rivers for Life Network, spoke. It is bolder than the 2030 Agenda "
            "[for Sustainable Development] in scope. The General Assembly of the United Nations met.")
    ents = [_ent(text, "Founder of Rivers for Life Network", "ORG"), _ent(text, "Sustainable Development", "AGENDA")]
    ms = _mentions(blank, gaz, text, ents)
    assert [(m.text, m.entity_id) for m in ms if m.label in ("ORG", "AGENDA")] == [
        ("Rivers for Life Network", None), ("2030 Agenda", "agenda_2030"),
        ("General Assembly of the United Nations", "unga")]


def test_the_intergovernmental_conference_on_international_migration_is_the_marrakech_conference(blank, gaz) -> None:
    text = "The Intergovernmental Conference on International Migration met in Morocco. The Conference adopted it."
    ids = {m.entity_id for m in _mentions(blank, gaz, text) if m.label == "EVENT"}
    assert ids == {"event:intergovernmental_conference_to_adopt_the_global_compact_for_safe_orderly_and_regular_migration"}


def test_a_name_inside_another_name_is_an_antecedent_of_its_back_references(blank, gaz) -> None:
    text = ("We gathered for the Intergovernmental Conference to Adopt the Global Compact for Safe, Orderly and "
            "Regular Migration. The Compact is not binding.")
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.entity_id) for m in ms if m.label == "AGENDA"] == [("Compact", "gcm")]


def test_a_body_inside_a_session_the_model_found_is_an_antecedent(blank, gaz) -> None:
    text = ("Opening of the 70th session of the Executive Committee of the High Commissioner's Programme.\n"
            "Rights that this Committee exists to uphold.")
    part = "70th session of the Executive Committee of the High Commissioner's Programme"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "EVENT")])
    assert [(m.text, m.entity_id) for m in ms if m.label == "ORG"] == [
        ("Committee", "org:executive_committee_of_the_high_commissioners_programme")]


def test_a_gazetteer_name_the_model_found_after_an_indefinite_article_is_linked(blank, gaz) -> None:
    text = "Its annex outlined a global compact for safe, orderly and regular migration to be agreed later."
    part = "global compact for safe, orderly and regular migration"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "AGENDA")], tags={"a": "DT"})
    assert [(m.text, m.entity_id) for m in ms] == [(part, "gcm")]


def test_an_office_in_apposition_to_a_name_is_its_role(blank, gaz) -> None:
    text = "Statement by Ana Ruiz, United Nations High Commissioner for Refugees, to the Committee."
    ms = _mentions(blank, gaz, text, [_ent(text, "Ana Ruiz", "PERSON")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "PERSON")] == [("Ana Ruiz", "PERSON"),
                                                                              ("United Nations", "ORG")]


def test_iom_statements_name_iom_and_its_council_by_back_references(blank, gaz) -> None:
    header = "Director General's Statement to the 120th Session of the IOM Council"
    text = "Members of this Council, IOM turns seventy-five this year, and our Organization is ready."
    nlp, rules = blank
    docs = {}
    for section, t, ents in (("header", header, [(header.index("120th"), len(header), "EVENT")]),
                             ("text", text, [_ent(text, "Council", "ORG"), _ent(text, "Organization", "ORG")])):
        doc = nlp(t)
        doc.ents = [doc.char_span(s, e, label=lab) for s, e, lab in ents]
        for _name, proc in rules:
            doc = proc(doc)
        docs[section] = doc
    ms = entities.speech_mentions(docs, gaz, entities.load_nicknames(), 2024,
                                  entities.linking.persons_by_surname(gaz.entries.values()))
    assert [(m.text, m.entity_id) for m in ms if m.section == "text"] == [
        ("Council", "org:iom_council"), ("IOM", "iom"), ("Organization", "iom")]


def test_the_role_of_an_offices_head_names_the_office_for_my_office(blank, gaz) -> None:
    header = "Statement to the Fourth Committee. Ana Ruiz, United Nations High Commissioner for Refugees."
    nlp, rules = blank
    docs = {}
    for section, t in (("header", header), ("text", "I present the annual report on the work of my Office.")):
        doc = nlp(t)
        for _name, proc in rules:
            doc = proc(doc)
        docs[section] = doc
    ms = entities.speech_mentions(docs, gaz, entities.load_nicknames(), 2024, {})
    assert [(m.text, m.entity_id) for m in ms if m.section == "text"] == [("Office", "unhcr")]


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("By resolution 70/1 the Assembly adopted the goals.", 2016, [("resolution 70/1", "agenda_2030")]),
    ("The first Global Refugee Forum met in Geneva. The Forum drew pledges.", 2024,
     [("first Global Refugee Forum", "event:global_refugee_forum_2019"), ("Forum", "event:global_refugee_forum_2019")]),
    ("We look to the second United Nations Ocean Conference.", 2019,
     [("second United Nations Ocean Conference", "event:second_united_nations_ocean_conference")]),
])
def test_resolutions_that_adopted_an_instrument_and_editions_of_recurring_meetings(blank, gaz, text, year,
                                                                                   expected) -> None:
    ms = _mentions(blank, gaz, text, year=year)
    assert [(m.text, m.entity_id) for m in ms if m.label in ("AGENDA", "EVENT")] == expected


def test_a_regional_body_ending_with_a_gazetteer_name_is_another_body(blank, gaz) -> None:
    text = "The Inter-American Commission on Human Rights visited the border."
    part = "Inter-American Commission on Human Rights"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.entity_id) for m in ms] == [(part, None)]


def test_a_headline_verb_after_a_titled_name_and_a_time_adverb_after_a_session_are_no_part_of_them(blank, gaz) -> None:
    text = ("IOM's Director General Ruiz Praises Chile for Rescue at Sea\n"
            "The Assembly adopted the agenda of its eightieth session today.")
    ms = _mentions(blank, gaz, text, [_ent(text, "eightieth session today", "EVENT")])
    assert [(m.text, m.label) for m in ms if m.label in ("PERSON", "EVENT")] == [("Ruiz", "PERSON"),
                                                                                ("eightieth session", "EVENT")]


def test_a_city_before_a_gazetteer_instrument_leaves_it_that_instrument(blank, gaz) -> None:
    text = "They invoked the Geneva Convention relating to the Status of Refugees."
    part = "Geneva Convention relating to the Status of Refugees"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "AGENDA")])
    assert [(m.text, m.entity_id) for m in ms] == [(part, "refugee_convention_1951")]


def test_a_briefings_forms_names_titles_curly_apostrophes_and_capital_headings(blank, gaz) -> None:
    text = ("DAILY NOTES FROM THE PRESS SERVICE\n"
            "Marta Oyelaran, Director of the Press Service, opened it. Spokespersons for the World Food "
            "Programme and the United Nations Children’s Fund attended. She named the next United Nations "
            "High Commissioner for Refugees.")
    ents = [_ent(text, "PRESS", "ORG"), _ent(text, "Marta Oyelaran", "AGENDA"),
            _ent(text, "Spokespersons for the World Food Programme", "ORG")]
    ms = _mentions(blank, gaz, text, ents)
    found = [(m.text, m.label, m.entity_id) for m in ms if m.label in ("ORG", "PERSON")]
    assert found == [("Marta Oyelaran", "PERSON", None), ("World Food Programme", "ORG", "org:world_food_programme"),
                     ("United Nations Children’s Fund", "ORG", "unicef"), ("United Nations", "ORG", "un")]


@pytest.mark.parametrize(("text", "part", "kept"), [
    ("Opening words.\nLocal Office Activities\nThe office met twice.", "Local Office Activities", False),
    ("Opening words.\nThird Annual Coastal Cities Conference\nWe met in May.", "Third Annual Coastal Cities Conference",
     True),
])
def test_a_topic_heading_alone_on_its_line_is_no_name(blank, gaz, text, part, kept) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, "EVENT")])
    assert ([m.text for m in ms if m.label == "EVENT"] == [part]) is kept


@pytest.mark.parametrize(("text", "expected"), [
    ("Today we launch a campaign called SAFE PASSAGE, to protect people.", ["SAFE PASSAGE"]),
    ("She backs the ‘Open Doors’ campaign in schools.", ["Open Doors"]),
    ("We must work together on this campaign.", []),
])
def test_a_campaign_named_after_called_or_in_quotes_is_an_agenda(blank, gaz, text, expected) -> None:
    ms = _mentions(blank, gaz, text)
    assert [m.text for m in ms if m.label == "AGENDA"] == expected


def test_a_time_phrase_after_a_name_is_no_part_of_it(blank, gaz) -> None:
    text = "Migration will be a priority of my Bureau for the next biennium, she said."
    ms = _mentions(blank, gaz, text, [_ent(text, "Bureau for the next biennium", "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == ["Bureau"]


def test_a_speakers_name_in_capitals_opening_a_coverage_paragraph_is_a_person(blank, gaz) -> None:
    text = ("Opening Remarks\n\nMARTA ELENA SOUZA (Chile), Chair of the Commission, opened the session.\n\n"
            "PETRA NOVAK, United Nations High Commissioner for Refugees, said more.\n\nIOM DIRECTOR GENERAL, in a note.")
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label) for m in ms if m.label in ("PERSON", "ORG")] == [
        ("MARTA ELENA SOUZA", "PERSON"), ("PETRA NOVAK", "PERSON"), ("United Nations", "ORG"), ("IOM", "ORG")]


def test_an_abbreviation_defined_for_a_name_of_another_kind_is_that_name(blank, gaz) -> None:
    text = ("It draws on the Committee on the Elimination of All Forms of Discrimination against Women (CEDAW) "
            "and the Beijing Declaration and Platform for Action. The Platform for Action guides us.")
    part = "Committee on the Elimination of All Forms of Discrimination against Women"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label, m.entity_name) for m in ms][:2] == [(part, "ORG", None), ("CEDAW", "ORG", part)]
    assert [m.entity_id for m in ms if m.text.endswith("Platform for Action")] == [
        "agenda:beijing_declaration_and_platform_for_action"] * 2


def test_one_name_after_pope_or_king_is_no_surname_of_a_known_person(blank, gaz) -> None:
    text = "As Pope Guterres told the pilgrims, and as Guterres said here, peace is possible."
    first, second = text.index("Guterres"), text.rindex("Guterres")
    ms = _mentions(blank, gaz, text, [(first, first + 8, "PERSON"), (second, second + 8, "PERSON")])
    ids = [m.entity_id for m in ms if m.label == "PERSON"]
    assert ids[0] != ids[1] and ids[1] == "antónio_guterres"
    assert entities.after_regnal_title("the words of King ", 18)
    assert not entities.after_regnal_title("the words of Mr. ", 17)


def test_the_organisation_spelt_with_s_is_the_united_nations(blank, gaz) -> None:
    text = "The Organisation must reform, and the Organisation of American States too."
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.entity_id) for m in ms if m.label == "ORG"][0] == ("Organisation", "un")


def test_a_quoted_theme_after_a_session_is_no_part_of_its_name(blank, gaz) -> None:
    text = "the theme of this 81st Session “Bridges for all, and for each” guides us"
    ms = _mentions(blank, gaz, text, [_ent(text, "81st Session “Bridges for all", "EVENT")])
    assert [m.text for m in ms if m.label == "EVENT"] == ["81st Session"]
    text = 'the Summit on "Water for Life" was held'
    ms = _mentions(blank, gaz, text, [_ent(text, 'Summit on "Water for Life"', "EVENT")])
    assert [m.text for m in ms if m.label == "EVENT"][0].startswith('Summit on "Water for Life')  # closed: kept


@pytest.mark.parametrize(("text", "expected"), [
    ("Since the Anglo-Irish Agreement was signed, trust has grown.", ("Anglo-Irish Agreement", "agenda:anglo_irish_agreement")),
    ("Fifty years on, the Universal Declaration still guides us.", ("Universal Declaration", "udhr")),
    ("States must ratify the Convention on the Safety of United Nations and Associated Personnel now.",
     ("Convention on the Safety of United Nations and Associated Personnel",
      "agenda:convention_on_the_safety_of_united_nations_and_associated_personnel")),
    ("We welcome the entry into force of the Agreement on Fisheries Subsidies this year.",
     ("Agreement on Fisheries Subsidies", "agenda:wto_agreement_on_fisheries_subsidies")),
    ("Debt relief under the HIPC Initiative came too slowly.", ("HIPC Initiative", "agenda:hipc_initiative")),
    ("We salute the soldiers of ECOMOG who kept the peace.", ("ECOMOG", "org:ecomog")),
    ("Our police served with ONUSAL for two years.", ("ONUSAL", "org:united_nations_observer_mission_in_el_salvador")),
    ("In An Agenda for Peace, the Secretary-General set out preventive diplomacy.",
     ("An Agenda for Peace", "agenda:an_agenda_for_peace")),
])
def test_instruments_named_in_general_debate_speeches(blank, gaz, text, expected) -> None:
    assert expected in {(m.text, m.entity_id) for m in _mentions(blank, gaz, text)}


def test_hostility_to_a_faith_is_no_name(blank, gaz) -> None:
    text = "We condemn Islamophobia and antisemitism alike."
    ms = _mentions(blank, gaz, text, [_ent(text, "Islamophobia", "ORG")])
    assert not [m for m in ms if m.label in entities.SCORED_LABELS]


def test_a_name_cut_before_its_place_takes_the_place_and_leaves_the_title_out(blank, gaz) -> None:
    text = "two of our officers served as Force Commanders of the United Nations Stabilization Office in Ruritania Major."
    ms = _mentions(blank, gaz, text, [
        _ent(text, "Force Commanders of the United Nations Stabilization Office in", "ORG"),
        _ent(text, "Ruritania Major", "GPE")])
    assert [(m.text, m.label) for m in ms] == [("United Nations Stabilization Office in Ruritania Major", "ORG")]


def test_a_un_operation_goes_on_with_the_place_it_serves_in(blank, gaz) -> None:
    text = "we thank the United Nations Observer Mission in Borduria for its work, and UNDP in Syldavia."
    ms = _mentions(blank, gaz, text, [_ent(text, "United Nations Observer Mission", "ORG"),
                                      _ent(text, "Borduria", "GPE"), _ent(text, "Syldavia", "GPE")])
    assert [(m.text, m.label) for m in ms] == [("United Nations Observer Mission in Borduria", "ORG"),
                                              ("UNDP", "ORG"), ("Syldavia", "GPE")]


def test_a_name_written_with_the_other_spelling_is_the_same_name(blank, gaz) -> None:
    assert entities.spelling_variants("Centre for Defence Studies") == [
        "Centre for Defense Studies", "Center for Defence Studies", "Center for Defense Studies"]
    assert entities.spelling_variants("UNDP") == []
    text = "Our fishers need the World Trade Organisation to act; the WTO must deliver."
    assert {m.entity_id for m in _mentions(blank, gaz, text) if m.label == "ORG"} == {"wto"}


def test_a_long_form_the_gazetteer_lacks_takes_the_id_of_its_known_acronym(blank, gaz) -> None:
    text = "Talks with the Fuerzas Armadas Revolucionarias de Colombia (FARC) went on; the FARC agreed."
    ms = _mentions(blank, gaz, text, [_ent(text, "Fuerzas Armadas Revolucionarias de Colombia", "ORG")])
    assert {m.entity_id for m in ms if m.label == "ORG"} == {"org:revolutionary_armed_forces_of_colombia"}


def test_a_known_instrument_described_in_lower_case_after_it_keeps_its_id(blank, gaz) -> None:
    text = "We have ratified the Ottawa Treaty on mines in our soil and urge others to follow."
    ms = _mentions(blank, gaz, text, [_ent(text, "Ottawa Treaty on mines in our soil", "AGENDA")])
    assert {m.entity_id for m in ms if m.label == "AGENDA"} == {"agenda:ottawa_convention"}
    assert entities._name_before_lower_case_tail(gaz, "Paris Agreement On Climate") is None


def test_a_city_in_capitals_opening_a_dateline_is_a_place(blank, gaz) -> None:
    text = "LISBON, 4 March (UN Information Service) - Smugglers profit from despair, said the Office."
    ms = _mentions(blank, gaz, text, [_ent(text, "LISBON", "ORG"), _ent(text, "UN Information Service", "ORG")])
    assert ("LISBON", "GPE") in [(m.text, m.label) for m in ms]
    text = "AMOS RETURNS TO THE FIELD\nMs. Amos, 52, spoke."
    ms = _mentions(blank, gaz, text, [_ent(text, "Amos", "PERSON")])
    assert ("Amos", "PERSON") in [(m.text, m.label) for m in ms]  # no capitals, no dateline


def test_a_full_name_whose_surname_follows_an_honorific_is_a_person(blank, gaz) -> None:
    text = ("The commission's Executive Secretary, Marta Quintero, opened the meeting. "
            "Data matter most, Ms. Quintero told the delegates.")
    last = text.rindex("Quintero")
    ms = _mentions(blank, gaz, text, [_ent(text, "Marta Quintero", "ORG"), (last, last + 8, "PERSON")])
    assert {m.text for m in ms if m.label == "PERSON"} == {"Marta Quintero", "Quintero"}
    assert not [m for m in ms if m.label == "ORG" and "Quintero" in m.text]


def test_a_conference_named_by_what_it_reviews_is_a_meeting(blank, gaz) -> None:
    text = "It builds on the Asia Regional Review of the Compact implementation Conference held last year."
    ms = _mentions(blank, gaz, text, [_ent(text, "Asia Regional Review of the Compact implementation Conference",
                                           "AGENDA")])
    assert [m.label for m in ms] == ["EVENT"]


def test_executive_in_a_title_is_no_name(blank, gaz) -> None:
    text = "Mr. Tomas Berg, Deputy Executive Secretary of the commission, spoke first."
    ms = _mentions(blank, gaz, text, [_ent(text, "Tomas Berg", "PERSON"), _ent(text, "Executive", "PERSON")])
    assert [m.text for m in ms if m.label == "PERSON"] == ["Tomas Berg"]


@pytest.mark.parametrize("text,part,entity_id", [
    ("We open the Humanitarian Affairs Segment of the Economic and Social Council today.",
     "Humanitarian Affairs Segment of the Economic and Social Council", "event:ecosoc_humanitarian_affairs_segment"),
    ("The Sendai Framework on Disaster Risk Reduction asks States to plan for mobility.",
     "Sendai Framework on Disaster Risk Reduction", "sendai_framework"),
    ("As I said at the UNGA Summit on Refugees and Migrants, respect comes first.",
     "UNGA Summit on Refugees and Migrants", "summit_2016"),
    ("Last December we held a High Commissioner's Dialogue on urban refugees.",
     "High Commissioner's Dialogue", "event:high_commissioners_dialogue_on_protection_challenges"),
])
def test_names_of_meetings_and_instruments_written_other_ways(blank, gaz, text, part, entity_id) -> None:
    assert (part, entity_id) in [(m.text, m.entity_id) for m in _mentions(blank, gaz, text)]


def test_el_nino_and_la_nina_are_events_as_named_disasters(blank, gaz) -> None:
    text = "Droughts of El Niño and floods of La Niña drive people from their farms."
    ms = _mentions(blank, gaz, text, [_ent(text, "El Niño", "EVENT"), _ent(text, "La Niña", "ORG")])
    assert [(m.text, m.label, m.entity_id) for m in ms] == [
        ("El Niño", "EVENT", "event:el_nino"), ("La Niña", "EVENT", "event:la_nina")]


def test_the_agency_in_brackets_after_a_dateline_is_an_organisation(blank, gaz) -> None:
    text = "Lima, 3 May 2021 (RNA) – The regional bureau opened in Conference Room 4 this week."
    ms = _mentions(blank, gaz, text, [_ent(text, "RNA", "AGENDA"), _ent(text, "Conference Room 4", "EVENT")])
    assert [(m.text, m.label) for m in ms if m.label != "GPE"] == [("RNA", "ORG")]


def test_an_office_after_a_name_and_the_is_the_role_and_a_channel_a_place(blank, gaz) -> None:
    text = ("We welcome Ms. Amy Pope, the Director-General of IOM, and Mr. Filippo Grandi, the UN High "
            "Commissioner for Refugees, who crossed the English Channel.")
    ms = _mentions(blank, gaz, text, [_ent(text, "Amy Pope", "PERSON"), _ent(text, "Filippo Grandi", "PERSON"),
                                      _ent(text, "English Channel", "EVENT")])
    assert "unhcr" not in {m.entity_id for m in ms}
    assert ("English Channel", "LOC") in [(m.text, m.label) for m in ms]


def test_the_last_two_words_of_a_name_named_before_are_that_name(blank, gaz) -> None:
    text = ("The agencies issued a Regional Drought Response Plan within a week. "
            "The Response Plan covers nine countries.")
    last = text.rindex("Response Plan")
    ms = _mentions(blank, gaz, text, [_ent(text, "Regional Drought Response Plan", "AGENDA"),
                                      (last, last + 13, "AGENDA")])
    assert [(m.text, m.entity_id) for m in ms if m.label == "AGENDA"][1] == (
        "Response Plan", "agenda:regional_drought_response_plan")


def test_a_name_the_editor_completed_in_brackets_after_a_title_is_a_person(blank, gaz) -> None:
    text = "Thank you, President [Olaf] Lindqvist, for convening this meeting."
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label) for m in ms] == [("[Olaf] Lindqvist", "PERSON")]


def test_a_dateline_without_its_space_is_no_person(blank, gaz) -> None:
    text = "Nairobi,14 June 2023 – The regional office said data matter."
    ms = _mentions(blank, gaz, text, [_ent(text, "Nairobi,14", "PERSON")])
    assert not [m for m in ms if m.label == "PERSON"]


def test_a_persons_name_ends_at_its_possessive(blank, gaz) -> None:
    text = "Text of Executive Director Mara Lindholm's Speech to the annual board in Oslo."
    ms = _mentions(blank, gaz, text, [_ent(text, "Mara Lindholm's Speech", "PERSON")])
    assert [(m.text, m.label) for m in ms if m.label == "PERSON"] == [("Mara Lindholm", "PERSON")]


def test_an_ordinal_assembly_of_a_body_is_one_edition_and_its_body_keeps_its_abbreviation(blank, gaz) -> None:
    text = "We met at the 141st Assembly of the Inter-Parliamentary Union (IPU) in Tashkent."
    ms = _mentions(blank, gaz, text, [_ent(text, "141st Assembly of the Inter-Parliamentary Union", "ORG"),
                                      _ent(text, "IPU", "ORG")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "EVENT")] == [
        ("141st Assembly of the Inter-Parliamentary Union", "EVENT"), ("IPU", "ORG")]
    assert [m.entity_id for m in ms if m.text == "IPU"] == ["org:inter_parliamentary_union"]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("The talks were held at the Centre international de Conférences de Bamako (CICB) last year.",
     "Centre international de Conférences de Bamako", "ORG"),
    ("Delegates gathered in the Kigali Convention Centre for the launch.", "Kigali Convention Centre", "ORG"),
    ("Tonight we launch the Handbook on Labour Mobility and Skills for local officials.",
     "Handbook on Labour Mobility and Skills", "ORG"),
    ("[International Day of Forests Video]", "International Day of Forests Video", "EVENT"),
])
def test_buildings_books_and_videos_are_not_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert not [m for m in ms if m.label in ("PERSON", "ORG", "AGENDA", "EVENT")]


def test_a_bracketed_abbreviation_of_a_conference_centre_is_no_organisation(blank, gaz) -> None:
    text = "The forum met at the Centre international de Conférences de Bamako (CICB) in March."
    ms = _mentions(blank, gaz, text, [_ent(text, "CICB", "ORG")])
    assert not [m for m in ms if m.label == "ORG"]


@pytest.mark.parametrize("text", [
    "I thank the Deputy Permanent Representative of Chile for her words.",
    "Honourable Members of Parliament, thank you for inviting me.",
    "Ladies and Gentleman, welcome to the second day.",
])
def test_words_of_a_role_or_a_salutation_are_no_person(blank, gaz, text) -> None:
    ms = _mentions(blank, gaz, text)
    assert not [m for m in ms if m.label in ("PERSON", "ORG", "AGENDA", "EVENT")]


def test_a_regional_review_is_a_meeting(blank, gaz) -> None:
    text = "Welcome to the Latin American Regional Review of the Global Compact on Refugees in Santiago."
    part = "Latin American Regional Review of the Global Compact on Refugees"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "LOC")])
    assert (part, "EVENT") in [(m.text, m.label) for m in ms]


def test_a_clause_with_a_verb_in_ing_after_a_name_is_no_part_of_it(blank, gaz) -> None:
    text = "I thank the Regional Migration Office for West Africa for hosting the workshop this week."
    ms = _mentions(blank, gaz, text, [_ent(text, "Regional Migration Office for West Africa for hosting the workshop",
                                            "ORG")])
    assert [(m.text, m.label) for m in ms if m.label == "ORG"] == [("Regional Migration Office for West Africa", "ORG")]


def test_a_title_line_and_an_opening_by_are_no_names(blank, gaz) -> None:
    text = "Coping with Floods in the Context of Coastal Erosion\n\nStatement by Ana Duarte, Director of the office."
    ms = _mentions(blank, gaz, text, [_ent(text, "Context of Coastal Erosion\n\nStatement by", "ORG"),
                                      _ent(text, "Ana Duarte", "PERSON")])
    assert [(m.text, m.label) for m in ms] == [("Ana Duarte", "PERSON")]


def test_a_bare_cop_after_a_numbered_one_is_that_conference(blank, gaz) -> None:
    text = "Our delegation came to COP 29 with a plan. This COP has to agree on finance."
    bare = text.index("COP has")
    ms = _mentions(blank, gaz, text, [(bare, bare + 3, "AGENDA")])
    assert [(m.text, m.label, m.entity_id) for m in ms] == [("COP 29", "EVENT", "event:cop29"),
                                                           ("COP", "EVENT", "event:cop29")]


def test_an_instruments_full_name_does_not_go_on_with_its_region(blank, gaz) -> None:
    text = ("Ministers reviewed the Global Compact for Safe, Orderly and Regular Migration in West Africa "
            "and the Sahel last week.")
    ms = _mentions(blank, gaz, text, [
        _ent(text, "Global Compact for Safe, Orderly and Regular Migration in West Africa", "AGENDA"),
        _ent(text, "Sahel", "AGENDA")])
    assert [(m.text, m.label, m.entity_id) for m in ms if m.label == "AGENDA"] == [
        ("Global Compact for Safe, Orderly and Regular Migration", "AGENDA", "gcm")]
    assert ("Sahel", "LOC") in [(m.text, m.label) for m in ms]


@pytest.mark.parametrize(("text", "part", "entity_id"), [
    ("She spoke at the Intergovernmental Conference on the Global Compact for Migration in Morocco.",
     "Intergovernmental Conference on the Global Compact for Migration",
     "event:intergovernmental_conference_to_adopt_the_global_compact_for_safe_orderly_and_regular_migration"),
    ("The panel included António Manuel de Carvalho Ferreira Vitorino and two ministers.",
     "António Manuel de Carvalho Ferreira Vitorino", "antónio_vitorino"),
])
def test_the_marrakech_conference_by_the_compacts_short_title_and_a_full_name(blank, gaz, text, part,
                                                                              entity_id) -> None:
    assert (part, entity_id) in [(m.text, m.entity_id) for m in _mentions(blank, gaz, text)]


def test_the_un_special_rapporteur_on_migrants_is_a_role(blank, gaz) -> None:
    text = "Also present was the UN Special Rapporteur on the Human Rights of Migrants, who spoke first."
    ms = _mentions(blank, gaz, text, [_ent(text, "UN Special Rapporteur on the Human Rights of Migrants", "ORG")])
    assert [(m.text, m.label) for m in ms if m.label in ("ORG", "AGENDA", "EVENT", "PERSON")] == [("UN", "ORG")]


def test_a_short_form_of_a_meeting_named_before_is_that_meeting(blank, gaz) -> None:
    text = ("Welcome to the Second Regional Forum on Urban Mobility in Quito. "
            "This Second Forum follows the first.")
    first = text.index("Second Forum")
    ms = _mentions(blank, gaz, text, [_ent(text, "Second Regional Forum on Urban Mobility", "EVENT"),
                                      (first, first + 12, "EVENT")])
    assert [m.entity_id for m in ms if m.text == "Second Forum"] == ["event:second_regional_forum_on_urban_mobility"]


def test_your_assembly_after_an_edition_of_an_assembly_is_that_meeting(blank, gaz) -> None:
    text = ("Remarks to the 140th Assembly of the Inter-Parliamentary Union in Doha. "
            "It is an honour to address your Assembly today.")
    second = text.rindex("Assembly")
    ms = _mentions(blank, gaz, text, [_ent(text, "140th Assembly of the Inter-Parliamentary Union", "ORG"),
                                      (second, second + 8, "ORG")])
    assert "unga" not in {m.entity_id for m in ms}
    assert [m.label for m in ms if m.text == "Assembly"] == ["EVENT"]


def test_the_united_nations_regional_commission_is_the_commission_named_before(blank, gaz) -> None:
    text = ("The Economic Commission for Africa (ECA) hosted the talks. "
            "As head of the United Nations Regional Commission, she welcomed the ministers.")
    ms = _mentions(blank, gaz, text)
    assert [m.entity_id for m in ms if m.text == "United Nations Regional Commission"] == [
        [m.entity_id for m in ms if m.text == "ECA"][0]]


def test_a_full_name_written_with_other_accents_is_the_gazetteer_person(blank, gaz) -> None:
    text = "Mr. [Antônio] Guterres thanked the staff in Geneva."
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.entity_id) for m in ms if m.label == "PERSON"] == [("[Antônio] Guterres", "antónio_guterres")]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("Weekly Press Briefing by the Office of the Spokesperson", "Weekly Press Briefing", "ORG"),
    ("Children were moved to the Nile Valley Orphanage last week.", "Nile Valley Orphanage", "AGENDA"),
])
def test_a_briefing_and_an_orphanage_are_no_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert part not in [m.text for m in ms]


def test_a_body_before_a_briefing_stays_a_name(blank, gaz) -> None:
    text = "At the Security Council Briefing on Yemen the envoy spoke."
    ms = _mentions(blank, gaz, text, [_ent(text, "Security Council Briefing on Yemen", "ORG")])
    assert ("Security Council", "unsc") in [(m.text, m.entity_id) for m in ms]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("The first Global Housing Report appeared in 1999.", "first Global Housing Report", "EVENT"),
    ("She edits the Coastal Mobility Report Series for the agency.", "Coastal Mobility Report Series", "EVENT"),
    ("The 2011 edition was printed in two languages.", "2011 edition", "AGENDA"),
])
def test_reports_their_series_and_editions_are_no_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert not [m for m in ms if m.label in ("PERSON", "ORG", "AGENDA", "EVENT")]


def test_the_council_after_the_human_rights_council_is_that_council(blank, gaz) -> None:
    text = "The Human Rights Council met in March. The Council adopted twelve texts."
    second = text.rindex("Council")
    ms = _mentions(blank, gaz, text, [(second, second + 7, "ORG")])
    assert [m.entity_id for m in ms] == ["human_rights_council", "human_rights_council"]


def test_a_name_after_a_verb_of_moving_people_and_to_is_a_place(blank, gaz) -> None:
    text = "Families were evacuated to Port Kembla and later relocated from Dara Salam."
    ms = _mentions(blank, gaz, text, [_ent(text, "Port Kembla", "PERSON"), _ent(text, "Dara Salam", "PERSON")])
    assert [(m.text, m.label) for m in ms] == [("Port Kembla", "GPE"), ("Dara Salam", "GPE")]


def test_a_persons_words_after_returned_to_stay_a_person(blank, gaz) -> None:
    text = "The chair returned to Maria Lindqvist's proposal after the break."
    ms = _mentions(blank, gaz, text, [_ent(text, "Maria Lindqvist", "PERSON")])
    assert [(m.text, m.label) for m in ms] == [("Maria Lindqvist", "PERSON")]


def test_a_body_before_led_is_its_own_name_an_adjective_is_not(blank, gaz) -> None:
    text = ("They joined the World Bank-led Global Partnership on Skills Mobility and the "
            "African-led Support Mission in Ruritania.")
    ms = _mentions(blank, gaz, text, [
        _ent(text, "World Bank-led Global Partnership on Skills Mobility", "ORG"),
        _ent(text, "African-led Support Mission in Ruritania", "ORG")])
    assert [(m.text, m.label) for m in ms if m.label == "ORG"] == [
        ("World Bank", "ORG"), ("Global Partnership on Skills Mobility", "ORG"),
        ("African-led Support Mission in Ruritania", "ORG")]


def test_a_role_after_a_body_and_a_dateline_city_with_a_dash(blank, gaz) -> None:
    text = "NAIROBI – The visit by the United Nations World Food Programme Executive Director ended."
    ms = _mentions(blank, gaz, text, [_ent(text, "NAIROBI", "ORG"),
                                      _ent(text, "United Nations World Food Programme Executive", "ORG")])
    assert [(m.text, m.label) for m in ms] == [("NAIROBI", "GPE"), ("United Nations World Food Programme", "ORG")]


def test_heads_of_un_agencies_are_known_people(blank, gaz) -> None:
    text = "Maimunah Mohd Sharif and David Beasley spoke."
    assert [m.entity_id for m in _mentions(blank, gaz, text)] == ["maimunah_mohd_sharif", "david_beasley"]


def test_span_running_into_the_next_name_keeps_its_own_name(blank, gaz) -> None:
    # The recogniser's span stops inside "... of the [next name]": the words before "of the" are
    # still a body's name, and no bare "Assembly" of it is read as the General Assembly.
    text = ("The plan was endorsed by the Council of Ministers of the Organization of Island States "
            "at its meeting in Port Vila.")
    ms = _mentions(blank, gaz, text, [_ent(text, "Council of Ministers of the", "ORG"),
                                       _ent(text, "Organization of Island States", "ORG")])
    names = {(m.text, m.label) for m in ms}
    assert ("Council of Ministers", "ORG") in names
    assert not any(m.text.endswith(" the") for m in ms)
    assert all(m.entity_id not in ("unga", "unsc") for m in ms)


@pytest.mark.parametrize(("text", "part", "label"), [
    ("Parliament finally struck down the Native Lands Act last spring.", "Native Lands Act", "AGENDA"),
    ("They campaigned against the Pass Laws and the Settlement Acts for years.", "Settlement Acts", "ORG"),
])
def test_a_countrys_law_named_by_its_title_is_no_name(blank, gaz, text, part, label) -> None:
    # The guide annotates no law of a country; the recogniser's span of one is dropped.
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [m for m in ms if m.label in entities.SCORED_LABELS] == []


def test_an_international_act_keeps_its_name(blank, gaz) -> None:
    text = "The signatories of the Lisbon Final Act met again in the spring."
    ms = _mentions(blank, gaz, text, [_ent(text, "Lisbon Final Act", "AGENDA")])
    assert [(m.text, m.label) for m in ms] == [("Lisbon Final Act", "AGENDA")]


@pytest.mark.parametrize(("text", "name", "label", "expected"), [
    ("Our islands were still rebuilding after tropical cyclone Oscar struck in March.", "Oscar", "ORG",
     "cyclone Oscar"),
    ("The coast was hit by typhoon Lorna twice in one week.", "Lorna", "PERSON", "typhoon Lorna"),
])
def test_a_storm_named_after_a_lower_case_storm_word_is_an_event(blank, gaz, text, name, label, expected) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, name, label)])
    assert [(m.text, m.label) for m in ms] == [(expected, "EVENT")]


@pytest.mark.parametrize("country", ["St. Vincent and the Grenadines", "Antigua and Barbuda"])
def test_a_member_state_named_with_and_is_one_place(blank, gaz, country) -> None:
    # Whatever countries the corpus has, these names are known places, so the recogniser's cut
    # ("Saint Vincent" GPE + "Grenadines" AGENDA) gives way to the whole name.
    places_gaz = entities.with_places(gaz, entities.place_names([]))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rules = entities.add_rules(nlp, places_gaz)
    text = f"The delegation of {country} spoke first this morning."
    first, _, last = country.rpartition(" ")
    ms = _mentions((nlp, rules), places_gaz, text, [_ent(text, first, "GPE"), _ent(text, last, "AGENDA")])
    assert [(m.text, m.label) for m in ms] == [(country, "GPE")]


def test_a_storm_the_recogniser_missed_is_found_by_its_storm_word(blank, gaz) -> None:
    text = "The north coast is still flooded after hurricane Norma passed."
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label) for m in ms] == [("hurricane Norma", "EVENT")]
    text = "The hurricane season opens in June and the storm Monday was mild."
    assert [m for m in _mentions(blank, gaz, text) if m.label == "EVENT"] == []


@pytest.mark.parametrize(("text", "part", "label"), [
    ("Delegations delivered 214 statements (214) in all.", "214", "AGENDA"),
    ("Our mission served on the Council over the 2019-2020 biennium.", "2019-2020", "EVENT"),
    ("It reaffirmed in 1962 [resolution 1803 (XVII] the right of peoples.", "XVII", "AGENDA"),
    ("Under the second Treaty it signed with its neighbour, trade resumed.", "second Treaty", "AGENDA"),
])
def test_counts_dates_lone_numerals_and_a_bare_ordinal_head_are_no_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [m.text for m in ms if m.label in entities.SCORED_LABELS and part in m.text] == []


def test_a_numbered_committee_keeps_its_name(blank, gaz) -> None:
    text = "The item was sent to the Second Committee for debate."
    ms = _mentions(blank, gaz, text, [_ent(text, "Second Committee", "ORG")])
    assert [(m.text, m.label) for m in ms] == [("Second Committee", "ORG")]


def test_an_ordinal_broken_at_its_hyphen_is_one_session(blank, gaz) -> None:
    text = "The General Assembly at its thirty- fourth session welcomed the plan."
    ms = _mentions(blank, gaz, text, [_ent(text, "fourth session", "EVENT")])
    events = [(m.text, m.entity_id) for m in ms if m.label == "EVENT"]
    assert events == [("thirty- fourth session", "event:thirty_fourth_session_of_the_general_assembly")]


def test_the_assembly_before_words_in_lower_case_is_the_general_assembly(blank, gaz) -> None:
    text = "I address the Assembly for the first time as Head of State of my country."
    ms = _mentions(blank, gaz, text, [_ent(text, "Assembly", "ORG")])
    assert [(m.text, m.entity_id) for m in ms if m.label == "ORG"] == [("Assembly", "unga")]
    text = "The Assembly of Heads of State of the region met in May."
    ms = _mentions(blank, gaz, text, [_ent(text, "Assembly", "ORG")])
    assert [m.entity_id for m in ms if m.text == "Assembly"] != ["unga"]


def test_a_gazetteer_name_is_the_antecedent_of_its_head_word(blank, gaz) -> None:
    text = ("The Association of Southeast Asian Nations gathered in Jakarta. Ties between our Association "
            "and Japan grew. The Universal Declaration of Human Rights turned seventy. That Declaration guides us.")
    ours, that = text.index("our Association") + 4, text.index("That Declaration") + 5
    ms = _mentions(blank, gaz, text, [(ours, ours + len("Association"), "ORG"),
                                      (that, that + len("Declaration"), "AGENDA")])
    ids = {(m.text, m.entity_id) for m in ms}
    assert ("Association", "asean") in ids and ("Declaration", "udhr") in ids


@pytest.mark.parametrize("text", [
    "We commend the Permanent Secretariat of SICA for its support.",
    "The Technical Secretariat has served the Alliance well.",
])
def test_the_secretariat_of_another_body_is_not_the_un_secretariat(blank, gaz, text) -> None:
    assert "un_secretariat" not in {m.entity_id for m in _mentions(blank, gaz, text)}


def test_the_secretariat_alone_is_still_the_un_secretariat(blank, gaz) -> None:
    text = "Reform of the Secretariat must go on."
    assert "un_secretariat" in {m.entity_id for m in _mentions(blank, gaz, text)}


def test_a_known_name_with_of_the_united_nations_added_keeps_its_id(blank, gaz) -> None:
    text = "Rights set out in the Universal Declaration of Human Rights of the United Nations still hold."
    part = "Universal Declaration of Human Rights of the United Nations"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "AGENDA")])
    assert [(m.text, m.entity_id) for m in ms] == [(part, "udhr")]
    text = "In 1944 the Allies planned an Organization of the United Nations for after the war."
    part = "Organization of the United Nations"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.entity_id) for m in ms] == [(part, "un")]


def test_a_name_whose_surname_reports_speech_is_a_person(blank, gaz) -> None:
    text = "The agency's deputy head, Lorna Keating opened the forum. In her speech, Keating noted the gaps."
    ms = _mentions(blank, gaz, text, [_ent(text, "Lorna Keating", "ORG")])
    assert ("Lorna Keating", "PERSON") in {(m.text, m.label) for m in ms}


def test_a_first_name_after_dear_is_a_person(blank, gaz) -> None:
    text = "Mister Chair, dear Tobias, colleagues, welcome."
    ms = _mentions(blank, gaz, text, [_ent(text, "Tobias", "AGENDA")])
    assert [(m.text, m.label) for m in ms] == [("Tobias", "PERSON")]


def test_an_edition_of_a_meeting_named_by_ordinal_and_head_stays_an_event(blank, gaz) -> None:
    text = "The Regional Forum on Coastal Mobility met in Lima. At the second Forum, ministers agreed."
    ms = _mentions(blank, gaz, text, [_ent(text, "Regional Forum on Coastal Mobility", "EVENT"),
                                      _ent(text, "second Forum", "EVENT")])
    assert "second Forum" in {m.text for m in ms if m.label == "EVENT"}


def test_first_names_listed_with_people_are_people(blank, gaz) -> None:
    text = "Tonight we honour the laureates Amara, Jun, Nadia, and Dipa, and we thank Ghana and Peru."
    ents = [_ent(text, "Amara", "PERSON"), _ent(text, "Jun", "PERSON"), _ent(text, "Nadia", "GPE"),
            _ent(text, "Dipa", "ORG"), _ent(text, "Ghana", "GPE"), _ent(text, "Peru", "GPE")]
    ms = _mentions(blank, gaz, text, ents)
    assert {m.text: m.label for m in ms} == {"Amara": "PERSON", "Jun": "PERSON", "Nadia": "PERSON",
                                             "Dipa": "PERSON", "Ghana": "GPE", "Peru": "GPE"}


@pytest.mark.parametrize(("text", "part", "label"), [
    ("We stand for democracy and the Rule of Law in every province.", "Rule of Law", "AGENDA"),
    ("It brought together States, Regional Organizations, Civil Society and academia.",
     "Regional Organizations, Civil Society", "ORG"),
])
def test_a_principle_and_a_list_of_groups_are_no_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [m for m in ms if m.label in entities.SCORED_LABELS] == []


def test_a_session_of_the_assembly_has_one_id_however_the_assembly_is_named(blank, gaz) -> None:
    text = ("The thirty-second session of the United Nations General Assembly opened in calm. May the "
            "thirty-second session of the General Assembly of the United Nations end in calm too.")
    first = "thirty-second session of the United Nations General Assembly"
    second = "thirty-second session of the General Assembly of the United Nations"
    ms = _mentions(blank, gaz, text, [_ent(text, first, "EVENT"), _ent(text, second, "EVENT")])
    assert {m.entity_id for m in ms if m.label == "EVENT"} == {"event:thirty_second_session_of_the_general_assembly"}


def test_the_period_of_a_known_event_is_that_event(blank, gaz) -> None:
    text = "Since the end of the cold war era, old rivals have traded."
    ms = _mentions(blank, gaz, text, [_ent(text, "cold war era", "EVENT")])
    assert [m.entity_id for m in ms] == ["event:cold_war"]


def test_a_resolution_in_brackets_after_the_instrument_it_adopted_shares_its_id(blank, gaz) -> None:
    text = "We back the United Nations Global Counter-Terrorism Strategy (resolution 60/288) fully."
    ms = _mentions(blank, gaz, text)
    assert {m.entity_id for m in ms} == {"agenda:united_nations_global_counter_terrorism_strategy"}
    text = "We recall resolution 2417 (2018) and act on it."
    assert [m.entity_id for m in _mentions(blank, gaz, text)] != ["agenda:united_nations_global_counter_terrorism_strategy"]


def test_initials_of_a_body_named_before_name_it(blank, gaz) -> None:
    text = "I chaired the Coastal Nations Fisheries Network last year. This year CNFN will meet in Apia."
    ms = _mentions(blank, gaz, text, [_ent(text, "Coastal Nations Fisheries Network", "ORG"), _ent(text, "CNFN", "ORG")])
    named = {m.text: (m.entity_id, m.entity_name) for m in ms if m.label == "ORG"}
    assert named["CNFN"] == (named["Coastal Nations Fisheries Network"][0], "Coastal Nations Fisheries Network")


@pytest.mark.parametrize("state", ["Union of Soviet Socialist Republics", "Czechoslovakia", "Upper Volta"])
def test_a_former_state_is_a_place(blank, gaz, state) -> None:
    text = f"The treaty was signed by {state} and its neighbours."
    ms = _mentions(blank, gaz, text, [_ent(text, state, "ORG")])
    assert [(m.text, m.label) for m in ms] == [(state, "GPE")]


def test_a_span_joining_a_known_name_and_the_next_name_is_cut_before_the_second(blank, gaz) -> None:
    text = "Both are members of the Arab League and the Council of Coastal Elders at once."
    part = "Arab League and the Council of Coastal Elders"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [m.text for m in ms if m.label == "ORG"] == ["Arab League", "Council of Coastal Elders"]


def test_a_name_missing_a_letter_latin1_lacks_is_the_known_person(blank, gaz) -> None:
    text = "We thank the outgoing President, Mr. Vuk Jeremi, for his work."
    ms = _mentions(blank, gaz, text, [_ent(text, "Vuk Jeremi", "PERSON")])
    assert [m.entity_id for m in ms] == ["vuk_jeremić"]


def test_a_session_named_by_its_kind_alone_is_no_event(blank, gaz) -> None:
    text = "Ideas put forward at the special session should guide the third special session on disarmament."
    ms = _mentions(blank, gaz, text, [_ent(text, "special session", "EVENT"),
                                      _ent(text, "third special session on disarmament", "EVENT")])
    assert [m.text for m in ms if m.label == "EVENT"] == ["third special session on disarmament"]


@pytest.mark.parametrize(("text", "part", "label"), [
    ("Talks on the future of the Kiel Canal went on for years.", "Kiel Canal", "EVENT"),
    ("Nos 190 Etats Membres se sont exprimés.", "Etats Membres", "ORG"),
])
def test_a_canal_and_member_states_in_french_are_no_names(blank, gaz, text, part, label) -> None:
    ms = _mentions(blank, gaz, text, [_ent(text, part, label)])
    assert [m for m in ms if m.label in entities.SCORED_LABELS] == []


def test_the_executive_committee_after_excom_is_excom(blank, gaz) -> None:
    text = "Welcome to ExCom. The Executive Committee elects its bureau today."
    ms = _mentions(blank, gaz, text, [_ent(text, "Executive Committee", "ORG")])
    assert {m.entity_id for m in ms} == {"org:executive_committee_of_the_high_commissioners_programme"}


def test_a_name_given_two_labels_once_each_is_an_event_before_conference(blank, gaz) -> None:
    text = "She spoke at the Harbour Cities conference in Hobart. The Harbour Cities conferences began in 2001."
    first = text.index("Harbour Cities")
    second = text.index("Harbour Cities", first + 1)
    ms = _mentions(blank, gaz, text, [(first, first + 14, "EVENT"), (second, second + 14, "ORG")])
    assert {m.label for m in ms if m.text == "Harbour Cities"} == {"EVENT"}



def test_latin_america_and_the_caribbean_does_not_end_a_name(blank, gaz) -> None:
    text = "Chile will chair the Council of the States of Latin America and the Caribbean on Water next year."
    first, second = "Council of the States of Latin America", "Caribbean on Water"
    ms = _mentions(blank, gaz, text, [_ent(text, first, "ORG"), _ent(text, second, "AGENDA")])
    assert [(m.text, m.label) for m in ms if m.label in entities.SCORED_LABELS] == [
        ("Council of the States of Latin America and the Caribbean on Water", "ORG")]


def test_a_running_head_names_its_session_without_date_and_page(blank, gaz) -> None:
    text = "We meet in the General Assembly at its fifty-first session.\n\nFifty-first session - 12 October 1996 7\n\nPeace is near."
    part = "Fifty-first session - 12 October 1996 7"
    ms = _mentions(blank, gaz, text, [_ent(text, "fifty-first session", "EVENT"), _ent(text, part, "EVENT")])
    events = [m for m in ms if m.label == "EVENT"]
    assert [m.text for m in events] == ["fifty-first session", "Fifty-first session"]
    assert {m.entity_id for m in events} == {"event:fifty_first_session_of_the_general_assembly"}


def test_a_session_and_the_programme_it_adopted_are_two_names(blank, gaz) -> None:
    text = ("Adopted at the ninth special session of the General Assembly of the Plan of Action for Rural "
            "Water Supply, the text helped us.")
    part = ("ninth special session of the General Assembly of the Plan of Action for Rural Water Supply")
    ms = _mentions(blank, gaz, text, [_ent(text, part, "EVENT")])
    assert [(m.text, m.label) for m in ms if m.label in entities.SCORED_LABELS] == [
        ("ninth special session of the General Assembly", "EVENT"),
        ("Plan of Action for Rural Water Supply", "AGENDA")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Tuvalu 30-Year Vision guides our budget.", "Tuvalu 30-Year Vision"),
    ("Our 12-Year Development Plan ends in 2030.", "12-Year Development Plan"),
])
def test_a_plan_named_by_its_span_of_years_is_an_instrument(blank, gaz, text, expected) -> None:
    ms = _mentions(blank, gaz, text)
    assert [(m.text, m.label) for m in ms if m.label in entities.SCORED_LABELS] == [(expected, "AGENDA")]


def test_a_facility_referred_back_to_by_its_kind_is_no_event(blank, gaz) -> None:
    text = "Ships wait at the Panama Canal. Any closure of the Canal would hurt small traders."
    later = text.index("Canal would")
    ms = _mentions(blank, gaz, text, [(later, later + 5, "EVENT")])
    assert [m for m in ms if m.label in entities.SCORED_LABELS] == []


def test_an_instrument_that_founds_a_body_is_the_instrument(blank, gaz) -> None:
    text = "Our Parliament approved the Protocol Establishing the Regional Seed Bank this spring."
    part = "Protocol Establishing the Regional Seed Bank"
    ms = _mentions(blank, gaz, text, [_ent(text, part, "ORG")])
    assert [(m.text, m.label) for m in ms if m.label in entities.SCORED_LABELS] == [(part, "AGENDA")]
