"""GCM objectives and SDG targets from their own evidence: the shipped definitions, matching in
migration sentences only, names masked, evidence rows and per-speech figures."""

from __future__ import annotations

import itertools
import json

import pytest

from pipeline import annotations as ann
from pipeline import config, gcm, train_gcm
from pipeline.sentences import ThemeClassifier
from pipeline.themes import load_categories, sentence_bounds

SMUGGLING = "Smugglers charge thousands of dollars to take migrants across the sea in unsafe boats."
TRAFFICKING = "Traffickers sell women and children into forced labour and sexual exploitation."


@pytest.fixture(scope="module")
def objectives(nlp) -> gcm.Framework:
    return gcm.load_framework(nlp, gcm.OBJECTIVES)


def _found(nlp, framework: gcm.Framework, text: str, *, flags: list[bool] | None = None,
           names: list[tuple[int, int]] = ()) -> set:
    doc = nlp(text)
    bounds = sentence_bounds(doc)
    flags = [True] * len(bounds) if flags is None else flags
    rows = gcm.evidence_rows("s", doc, bounds, gcm.find_evidence(doc, bounds, flags, framework, names=names),
                             framework)
    return {row[framework.key_name] for row in rows}


@pytest.mark.model
def test_smuggling_is_objective_9_and_trafficking_objective_10(nlp, objectives) -> None:
    assert _found(nlp, objectives, SMUGGLING) & {9, 10} == {9}
    assert _found(nlp, objectives, TRAFFICKING) & {9, 10} == {10}


@pytest.mark.model
@pytest.mark.parametrize("sentence, objective", [
    ("Remittances sent home exceed official development assistance.", 20),
    ("Sustainable reintegration after return requires support in the country of origin.", 21),
    ("Children should never be held in immigration detention.", 13),
    ("We must expand search and rescue at sea; thousands have drowned.", 8),
    ("Xenophobia and hate speech against migrants are on the rise.", 17),
    ("Better data, disaggregated by sex and age, must guide migration policy.", 1),
    ("Migrants should be able to transfer their social security entitlements and pensions.", 22),
    ("Every migrant should have access to consular protection.", 14),
])
def test_each_objective_is_found_by_its_own_evidence(nlp, objectives, sentence: str, objective: int) -> None:
    assert objective in _found(nlp, objectives, sentence)


@pytest.mark.model
@pytest.mark.parametrize("sentence, objective", [
    # Paraphrases and inflections officials use for an objective's subject.
    ("A young woman met her death in the desert on the way north.", 8),
    ("The boats keep taking dangerous sea routes, and life-saving assistance is turned away.", 8),
    ("Bigotry and stereotyping follow newcomers wherever they settle.", 17),
    ("Negative perceptions of migrants are rarely based on evidence.", 17),
    ("Droughts and failed harvests drive people to migrate to the coast.", 2),
    ("Young people need sustainable livelihoods so that moving is a choice.", 2),
    ("Policies for migrants must be gender-responsive and child-sensitive.", 7),
    ("Closing the channels for regular entry pushes families into irregular journeys.", 5),
    ("During the pandemic, migrants were essential workers in clinics and on farms.", 19),
    ("Migration on this scale calls for collective action by countries of origin and arrival.", 23),
    ("Rising sea levels and stronger cyclones leave island families no choice but to move.", 2),
    ("Rescue ships were kept in port while boats in distress waited for help.", 8),
    ("Politicized debates and dehumanizing language about asylum seekers must stop.", 17),
    ("Diasporic networks and co-development projects link the two countries.", 19),
    ("Workers from the region should reach the island the legal way, with a contract in hand.", 5),
    ("The families in the camp can no longer meet their basic needs.", 15),
    ("Armed groups helped the caravan violate a border that both States had agreed.", 11),
    ("Unless we tackle the underlying drivers of departure, people will keep leaving.", 2),
    ("One of the consequences of the economic collapse was an exodus of young workers.", 2),
    ("The money workers sent back to their families paid for schooling in the villages.", 20),
    ("Some nine hundred people on that route are dead or missing this year.", 8),
    ("Boys travelling alone across the region need special protective care.", 7),
    ("Newcomers bring know-how that the local firms lack.", 19),
    ("Enclaves and parallel societies grew where migrants were left to themselves.", 16),
    ("Member States joined the pledging drive of the United Nations Migration Network.", 23),
    ("After three failed harvests and no water in the wells, the herders crossed into the next province.", 2),
    ("Grave violations of human rights are behind most of these departures.", 2),
    ("Our ministers will work with other Governments on a common approach to migrant smuggling.", 23),
    ("The new cabinet has promised to secure its border with the neighbouring republic.", 11),
    ("Growers and clinics in the valley rely on newcomers, who bring skills the region lacks.", 19),
    ("Arrivals from abroad have long been a driver of progress in our port towns.", 19),
    ("Many of the fears about arrivals rest on false assumptions and unfounded beliefs.", 17),
    ("Misperceptions about asylum seekers shape the debate more than the figures do.", 17),
    ("Spouses left behind by the crossing wait years for family unification.", 5),
    ("Without regular migration opportunities, workers turn to irregular routes.", 5),
    ("Villagers should have the right to remain where they were born, with work there.", 2),
    ("Creating jobs for young people at home would end these irregular departures.", 2),
    ("Migration on this scale cannot be handled by one country alone.", 23),
    ("The coastal States agreed to exchange experiences on receiving migrants.", 23),
    ("The Global Forum on Migration and Development met in the capital this year.", 23),
    ("Last year the deadly toll on the desert route rose again.", 8),
    ("The port authorities finally let the passengers safely disembark.", 8),
    ("Welcoming towns are building inclusive societies where arrivals take part.", 16),
    ("Seasonal workers brought benefits to the farms and villages on both sides.", 19),
    ("We should harness the power of migration for the towns that receive people.", 19),
    ("Cities that welcome arrivals grow more inclusive and resilient societies.", 16),
    ("In the warehouse the men were tortured until their relatives paid.", 7),
    # Wording of the objectives' commitments and actions in A/RES/73/195.
    ("Investment in employment creation at home gives young people a reason to stay.", 2),
    ("Private sponsorship lets local groups bring refugee families over legally.", 5),
    ("Editors were urged to invest in ethical reporting on asylum seekers.", 17),
    ("The positive effects of migration reach both sending and receiving towns.", 19),
    ("Neighbouring States promised to support each other in receiving arrivals.", 23),
    ("Newcomers have become a driver of economic renewal in the northern provinces.", 19),
    ("The desert crossing is a perilous route that few attempt twice.", 8),
    ("The survey asked how we perceive migrants and whom we blame for job losses.", 17),
    ("Families left because of intolerable conditions at home after the harvests failed.", 2),
    ("Those held in the camps were subjected to physical abuse by the guards.", 7),
    ("Young people should not risk losing their lives on the sea crossing.", 8),
    ("The new law will decriminalise irregular entry and protect those who arrive.", 17),
    ("The region must open pathways for safe and regular movement of workers.", 5),
    ("Her country co-chaired the Global Forum on Migration that year.", 23),
    ("Nurses from abroad care for the sick and the elderly in our towns.", 19),
    ("The problem of irregular departures must be tackled at its roots.", 2),
    ("People want a safer life at home, not a long road abroad.", 2),
    ("The child's body washed ashore on a tourist beach.", 8),
    ("The cabinet spoke of regaining control over migration flows at the frontier.", 11),
    ("Nearly half of the new arrivals are under the age of 18.", 7),
    ("Leaving home should be a free choice and not a necessity for our young people.", 2),
    ("The sea crossings bring a terrible loss of human lives every summer.", 8),
    ("Islands swallowed by rising seas will send whole villages to the mainland.", 2),
    ("Raising the standard of living at home is the surest way to slow emigration.", 2),
    ("Neighbouring States need a common approach to the arrivals at their coasts.", 23),
    ("The plan brings support to host countries along the main routes.", 23),
    ("Bilateral deals allow temporary employment of seasonal farmhands.", 5),
    ("In many towns the arrivals are met with fear and anxiety.", 17),
    ("The storm claimed the lives of eleven people on the overloaded boat.", 8),
    ("Human remains were found near the fence, and most are still unidentified.", 8),
    ("The mountain pass has become a treacherous route for families on foot.", 8),
    ("No country on its own can manage movements on this scale.", 23),
    ("Diaspora traders are powerful drivers for development in their home towns.", 19),
])
def test_an_objective_is_found_in_the_words_officials_use_for_it(nlp, objectives, sentence: str, objective: int) -> None:
    assert objective in _found(nlp, objectives, sentence)


@pytest.mark.model
@pytest.mark.parametrize("sentence, objective", [
    # A term outside its objective's sense gives nothing.
    ("The tribunal heard evidence of war crimes against refugees.", 2),
    ("She spoke for the victims of the genocide who fled the country.", 10),
    ("All migrants are human beings and deserve dignity.", 10),
    ("The refugee agency and other United Nations bodies will support the new arrivals.", 8),
    ("Herders have moved with their cattle across borders for generations.", 11),
    ("Migration policy needs a comprehensive and integrated approach.", 16),
    ("Two migrant workers were sentenced to death abroad.", 8),
    ("According to the data of the refugee agency, displacement doubled in ten years.", 1),
    ("Men, women and children arrive at the reception centre every day.", 7),
    ("Our response to refugees must honour our shared values.", 23),
    ("Half a million people have been displaced within their borders by the floods.", 11),
    ("Thank you all for your contributions to this debate on migration.", 19),
    ("A national dialogue on the future of the refugees' home region opened last week.", 23),
    ("Migrants in care homes were on the front lines of the response to the epidemic.", 23),
    ("Nurses who came from abroad stood on the front lines of the pandemic in our hospitals.", 23),
    ("The money workers sent back to their families paid for schooling in the villages.", 21),
    ("Separated from their parents in the camps, the children suffer toxic stress.", 17),
    ("The agency estimates that two million people crossed the region last year.", 1),
    ("The refugee office estimated that half of the arrivals were under eighteen.", 1),
    ("Hundreds of families waited at the border for weeks to have their claims heard.", 11),
    ("For the migrants who took that route, the long-term consequences are plain to see.", 2),
    ("Like every generation before them, migrants look for a better life.", 2),
    ("Authorities should keep families together while their asylum claims are heard.", 23),
    ("Uprooted children deserve the same protection as any other child.", 2),
    ("The migrants were held in a warehouse together with dozens of others.", 23),
    ("When migration is poorly governed, smugglers fill the gap.", 23),
    ("Some still claim that migrants are a burden on public services.", 23),
    ("Those displaced by the fighting were estimated at two million.", 1),
    ("There is mounting evidence that migrants start businesses more often than others.", 1),
    ("Rival powers are returning to the arms race while migrants drown at sea.", 21),
    ("Governments invest in education so that families can stay in their villages.", 15),
    ("The ministry runs capacity-building courses for its own officers.", 23),
    ("Nobody should be sent back to a country where they face torture.", 7),
    ("With an estimated three million nationals abroad, the diaspora is a lifeline.", 1),
    ("Conflict pushed the villagers beyond the borders of their own province.", 11),
    ("Trade integration, not migration, should bring jobs to our citizens.", 16),
    ("Migration policy should serve shared prosperity between the two coasts.", 23),
    ("The annual report brings together figures on migrants from every region.", 23),
    ("Their boat disappeared in the dark waters of the strait.", 1),
    ("Ours is a land of origin, transit, destination and return for migrants.", 21),
    ("The pandemic catalysed the hardship of migrants stranded in the port.", 19),
    ("Gangs on the route exploit the desperation of the people they move.", 2),
    ("We defend the rights of migrants with the same strength and conviction as ever.", 10),
    ("It is our firm conviction that refugees must be protected wherever they are.", 10),
    ("Drug traffickers use the same desert routes that migrants take.", 10),
])
def test_a_term_outside_its_objectives_sense_does_not_count(nlp, objectives, sentence: str, objective: int) -> None:
    assert objective not in _found(nlp, objectives, sentence)


def test_a_conviction_of_traffickers_still_counts_for_trafficking(nlp, objectives) -> None:
    assert 10 in _found(nlp, objectives, "Few convictions of the traffickers who sell migrant women have followed.")


@pytest.mark.model
def test_smuggling_and_trafficking_stay_two_objectives_in_other_words(nlp, objectives) -> None:
    smuggled = "A network of smugglers took payment to move the migrants across the mountains by night."
    trafficked = "The girls were trafficked into domestic servitude and kept in debt bondage for years."
    assert _found(nlp, objectives, smuggled) & {9, 10} == {9}
    assert _found(nlp, objectives, trafficked) & {9, 10} == {10}


@pytest.mark.model
def test_the_compacts_title_is_no_evidence_of_target_10_7(nlp) -> None:
    # Its words are the target's, but naming the Compact (even in a variant the recogniser misses,
    # or inside a longer event name) addresses no target; the same words in a sentence do.
    targets = gcm.load_framework(nlp, gcm.TARGETS)
    named = "Welcome to the Pacific Review of the Global Compact on Safe, Orderly and Regular Migration."
    assert "10.7" not in _found(nlp, targets, named)
    assert "10.7" in _found(nlp, targets, "Countries agreed to promote safe, orderly and regular migration in the region.")


@pytest.mark.model
def test_evidence_counts_only_in_migration_sentences(nlp, objectives) -> None:
    text = "Drug trafficking fuels violence. Traffickers sell migrants into forced labour."
    assert _found(nlp, objectives, text, flags=[True, False]) == set()
    assert _found(nlp, objectives, text, flags=[True, True]) == {10}


@pytest.mark.model
def test_a_term_inside_a_name_does_not_count(nlp, objectives) -> None:
    text = "The Global Plan of Action to Combat Trafficking in Persons was adopted."
    start = text.index("Global")
    assert _found(nlp, objectives, text, names=[(start, text.index(" was"))]) == set()


@pytest.mark.model
def test_evidence_rows_and_summary_trace_every_count_to_sentences(nlp, objectives) -> None:
    doc = nlp("Smugglers profit from despair. The weather was fine. Remittances keep families afloat.")
    bounds = sentence_bounds(doc)
    flags = [True, False, True]
    rows = gcm.evidence_rows("s", doc, bounds, gcm.find_evidence(doc, bounds, flags, objectives), objectives)
    assert [(r["sentence_id"], r["objective"], r["matched_terms"], r["source"]) for r in rows] == [
        (0, 9, "smugglers", "lexicon"), (2, 20, "remittances", "lexicon")]
    assert all(doc.text[r["start_char"]:r["end_char"]].strip() == r["sentence"] for r in rows)
    summary = {r["objective"]: r for r in gcm.summary_rows("s", rows, objectives, n_migration=2, n_words=12)}
    assert sorted(summary) == list(range(1, 24))
    assert (summary[9]["sentences"], summary[9]["share"]) == (1, 0.5)
    assert summary[20]["per_1000_words"] == pytest.approx(1000 / 12)
    assert summary[10]["sentences"] == 0 and summary[10]["share"] == 0.0


def test_shipped_definitions_cover_every_objective_and_target() -> None:
    objectives = gcm.load_items(config.FRAMEWORK_LINKS_PATH, gcm.OBJECTIVES)
    assert [item.key for item, _ in objectives] == list(range(1, 24))
    targets = [item.key for item, _ in gcm.load_items(config.FRAMEWORK_LINKS_PATH, gcm.TARGETS)]
    assert {"10.7", "10.c", "8.8", "5.2", "16.2", "17.18"} <= set(targets)
    themes = {c.id for c in load_categories(config.THEMES_PATH)}
    assert all(item.themes and set(item.themes) <= themes for item, _ in objectives)


@pytest.mark.parametrize("section", [gcm.OBJECTIVES, gcm.TARGETS])
def test_no_two_items_share_their_evidence(section: str) -> None:
    # Identical evidence would give identical scores on any corpus: each item is defined by its own terms.
    terms = {item.key: frozenset(t.lower() for t in cat.terms) for item, cat in gcm.load_items(section=section)}
    assert [(a, b) for a, b in itertools.combinations(terms, 2) if terms[a] == terms[b]] == []
    assert not (terms.get(9, frozenset()) & terms.get(10, frozenset()))


@pytest.mark.model
@pytest.mark.parametrize("section", [gcm.OBJECTIVES, gcm.TARGETS])
def test_every_evidence_term_matches_as_written(nlp, section: str) -> None:
    framework = gcm.load_framework(nlp, section)
    missed = []
    for cat in framework.lexicon.categories.values():
        for term in cat.terms:
            doc = nlp(term)
            words = [t for t in doc if not t.is_space]
            whole = (words[0].idx, words[-1].idx + len(words[-1].text))
            if not any(m.category == cat.id and (m.start_char, m.end_char) == whole for m in gcm.term_hits(doc, framework)):
                missed.append(f"{cat.id}: {term}")
    assert missed == []


@pytest.mark.model
def test_shipped_objective_classifiers_still_give_the_dev_figures_their_card_records(nlp) -> None:
    facts = json.loads(config.GCM_MODEL_PATH.read_text(encoding="utf-8"))["facts"]
    classifiers = {c.theme: c for c in gcm.load_classifiers()}
    assert set(classifiers) == {key for key, entry in facts["objectives"].items() if "C" in entry}
    docs = ann.load_corpus(config.ANNOTATIONS_DIR, split="dev")
    dev = train_gcm.gcm_documents(docs, nlp, config.INTERIM_DIR, gcm.load_framework(nlp))
    for key, entry in facts["objectives"].items():
        assert train_gcm.counts(dev, key, None, 1.0) == entry["dev_terms"], key
    for key, c in classifiers.items():
        probs = train_gcm.dev_probabilities(dev, c)
        assert train_gcm.counts(dev, key, probs, c.threshold) == facts["objectives"][key]["dev_classifier"], key
    dev_micro = train_gcm.micro(facts, part="dev")
    card = (config.SENTENCE_MODELS_DIR / train_gcm.CARD_NAME).read_text(encoding="utf-8")
    assert f"`dev` {dev_micro['p']:.3f} / {dev_micro['r']:.3f} / {dev_micro['f1']:.3f}" in card


def test_a_classifier_objective_is_evidenced_by_its_weightiest_words(blank_framework) -> None:
    from spacy.tokens import Doc

    framework, vocab = blank_framework
    doc = Doc(vocab, words=["Help", "host", "countries", "now", "."], lemmas=["help", "host", "country", "now", "."])
    clf = ThemeClassifier("23", -1.0, {"w=host": 2.0, "w=help": 1.0, "w=now": -0.5}, 0.5)
    framework = gcm.Framework(framework.section, framework.evidence, framework.key_name, framework.items,
                              framework.lexicon, (clf,))
    found = gcm.find_evidence(doc, [(0, 5)], [True], framework)
    assert [(m.category, m.text, m.source) for m in found] == [("23", "Help", "classifier"), ("23", "host", "classifier")]
    assert gcm.find_evidence(doc, [(0, 5)], [False], framework) == []


@pytest.fixture(scope="module")
def blank_framework():
    import spacy

    blank = spacy.blank("en")
    return gcm.load_framework(blank, gcm.OBJECTIVES), blank.vocab
