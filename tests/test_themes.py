"""Theme lexicon: matching on lemmas and text, multi-label sentences, rates."""

from __future__ import annotations

import pandas as pd
import pytest
import spacy
from spacy.tokens import Doc

from pipeline import config
from pipeline.themes import (
    Category,
    build_lexicon,
    load_categories,
    load_lexicon,
    sentence_rows,
    theme_rows,
    themes_in_range,
    token_keys,
)

CATEGORIES = [
    Category("rights", "Human rights", ("human right", "dignity")),
    Category("security", "Security", ("security", "border"), exclude=("Security Council",)),
    Category("actors", "Actors", ("faith-based organization", "government")),
]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(nlp, words_lemmas: list[tuple[str, str]], sent_starts: list[bool] | None = None) -> Doc:
    words = [w for w, _ in words_lemmas]
    spaces = [i + 1 < len(words) and words[i + 1] not in "-." and w != "-" for i, w in enumerate(words)]
    return Doc(nlp.vocab, words=words, spaces=spaces, lemmas=[lemma for _, lemma in words_lemmas],
               sent_starts=sent_starts)


@pytest.mark.parametrize("text, lemma, expected", [
    ("rights", "right", ("right", "rights")),
    ("Governments", "Governments", ("government", "government")),
    ("based", "base", ("based", "based")),
])
def test_token_keys_prefer_forms_the_lexicon_uses(text: str, lemma: str, expected) -> None:
    vocabulary = frozenset({"right", "rights", "government", "based"})
    assert token_keys(text, lemma, vocabulary) == expected


def test_lexicon_matches_lemmas_and_mixed_forms(blank) -> None:
    lex = build_lexicon(CATEGORIES, blank)
    doc = _doc(blank, [("Human", "human"), ("rights", "right"), ("and", "and"), ("faith", "faith"),
                       ("-", "-"), ("based", "base"), ("organizations", "organization"),
                       ("and", "and"), ("Governments", "Governments")])
    found = [(m.category, m.text) for m in lex.matches(doc)]
    assert found == [("rights", "Human rights"), ("actors", "faith-based organizations"),
                     ("actors", "Governments")]


def test_exclude_vetoes_overlapping_hits(blank) -> None:
    lex = build_lexicon(CATEGORIES, blank)
    doc = _doc(blank, [("The", "the"), ("Security", "Security"), ("Council", "Council"),
                       ("debated", "debate"), ("border", "border"), ("security", "security")])
    assert [m.text for m in lex.matches(doc)] == ["border", "security"]


def test_sentence_assignment_is_multi_label_and_counts_rates(blank) -> None:
    lex = build_lexicon(CATEGORIES, blank)
    doc = _doc(blank, [("Dignity", "dignity"), ("at", "at"), ("the", "the"), ("border", "border"),
                       (".", "."), ("Nothing", "nothing"), ("here", "here"), (".", ".")],
               sent_starts=[True, False, False, False, False, True, False, False])
    matches = lex.matches(doc)
    rows = sentence_rows("s", doc, matches)
    assert [(r["sentence_id"], r["theme"], r["matched_terms"]) for r in rows] == [
        (0, "rights", "dignity"), (0, "security", "border")]
    assert rows[0]["sentence"] == "Dignity at the border."
    table = pd.DataFrame(theme_rows("s", pd.DataFrame(rows), matches, lex, n_sentences=2,
                                    n_words=6)).set_index("theme")
    assert list(table.index) == ["rights", "security", "actors"]
    assert table.loc["rights", "share"] == 0.5
    assert table.loc["security", "per_1000_words"] == pytest.approx(1000 / 6)
    assert table.loc["actors", "sentences"] == 0
    assert themes_in_range(matches, 0, 9, lex.order) == ["rights"]


def test_shipped_theme_lexicon_is_valid() -> None:
    themes = load_categories(config.THEMES_PATH)
    assert 12 <= len(themes) <= 16


@pytest.mark.parametrize("sentence, theme", [
    ("We must fight the smugglers who exploit migrants.", "smuggling_trafficking"),
    ("Remittances sent home exceed development aid.", "labour_economy"),
    ("Xenophobia and racism are on the rise.", "narratives_xenophobia"),
    ("Climate change is driving displacement.", "climate_environment"),
    ("We need better data and statistics on migration.", "data_evidence"),
    ("Migrants must be treated with dignity regardless of status.", "human_rights"),
    ("Sustainable reintegration after return is essential; readmission agreements help.", "return_readmission"),
])
def test_shipped_lexicon_finds_theme_in_sentence(nlp, sentence: str, theme: str) -> None:
    lex = load_lexicon(nlp)
    assert theme in {m.category for m in lex.matches(nlp(sentence))}


@pytest.mark.parametrize("sentence, theme", [
    ("The Security Council adopted a resolution.", "security_borders"),
    ("Drug trafficking fuels violence in the region.", "smuggling_trafficking"),
    ("Regional integration in Europe has deepened.", "integration_inclusion"),
])
def test_shipped_lexicon_excludes(nlp, sentence: str, theme: str) -> None:
    lex = load_lexicon(nlp)
    assert theme not in {m.category for m in lex.matches(nlp(sentence))}


@pytest.mark.parametrize("path, key", [(config.THEMES_PATH, "themes"), (config.ACTORS_PATH, "actors"),
                                       (config.MIGRATION_CUES_PATH, "cues")])
def test_every_lexicon_term_matches_as_written(nlp, path, key) -> None:
    # A term YAML split at its commas ("safe, orderly and regular migration" unquoted in a flow
    # list) would leave fragments that match alone; each term must match whole, in its category.
    lex = load_lexicon(nlp, path, key=key)
    missed = []
    for cat in lex.categories.values():
        for term in cat.terms:
            doc = nlp(term)
            words = [t for t in doc if not t.is_space]
            whole = (words[0].idx, words[-1].idx + len(words[-1].text))
            if not any(m.category == cat.id and (m.start_char, m.end_char) == whole for m in lex.matches(doc)):
                missed.append(f"{cat.id}: {term}")
    assert missed == []


@pytest.mark.parametrize("sentence", ["The island was a safe haven.", "We want an orderly transition.",
                                      "It is a regular meeting."])
def test_words_of_the_compacts_title_do_not_match_alone(nlp, sentence: str) -> None:
    lex = load_lexicon(nlp)
    assert "partnership_governance" not in {m.category for m in lex.matches(nlp(sentence))}


@pytest.mark.parametrize("sentence, theme", [
    ("The fact that we met matters.", "data_evidence"),
    ("The investment climate has improved.", "climate_environment"),
    ("The job is not done.", "labour_economy"),
    ("Small island States are vulnerable countries.", "vulnerable_groups"),
])
def test_shipped_lexicon_reads_the_sense(nlp, sentence: str, theme: str) -> None:
    lex = load_lexicon(nlp)
    assert theme not in {m.category for m in lex.matches(nlp(sentence))}


@pytest.mark.parametrize("sentence, theme", [
    # a border as a place, or a figure of speech, is no border control
    ("Last month I stood at the border with Chad, where the camps keep growing.", "security_borders"),
    ("States bordering the war zone carry a heavy load.", "security_borders"),
    ("Disease knows no borders.", "security_borders"),
    ("Herders have always moved their cattle across borders.", "security_borders"),
    # exploiting fears is not the exploitation of people; the trade in people is not the economy
    ("Some politicians exploit the fears of voters.", "smuggling_trafficking"),
    ("We condemn the cruel trade in human organs.", "labour_economy"),
    # the environment as one's surroundings
    ("In crowded urban environments, newcomers struggle to find a room.", "climate_environment"),
    ("Peacekeepers face a harsher operating environment.", "climate_environment"),
    # hostilities are fighting, not hostility to migrants
    ("The parties agreed to a cessation of hostilities.", "narratives_xenophobia"),
    # mobility alone is migration itself, not a pathway; solidarity after a flood is condolence
    ("Cities have always been shaped by human mobility.", "regular_pathways"),
    ("We send our solidarity to the people of the flooded valley.", "partnership_governance"),
    ("The topic is often exploited for political gain.", "smuggling_trafficking"),
    ("We stand in solidarity with all those who lost relatives in the storm.", "partnership_governance"),
    ("Behind these figures are people, not mere statistics.", "data_evidence"),
    ("The new talks opened in a favourable climate of goodwill.", "climate_environment"),
    ("We support reforms that create an environment conducive to investment.", "climate_environment"),
    ("The economic perception of the island among lenders has improved.", "narratives_xenophobia"),
    # a humanitarian disaster is a crisis, a minister's title is no policy, a heart-warming welcome
    # is no warming, and a treaty's review conference is no climate conference
    ("Years of siege have turned the city into a humanitarian disaster.", "climate_environment"),
    ("We met the Minister of the Environment of a neighbouring State.", "climate_environment"),
    ("The welcome the athletes received was heart-warming.", "climate_environment"),
    ("The Review Conference of the Parties to the disarmament treaty failed.", "climate_environment"),
    # a border crossed in flight or a border town is no border control; contributions paid are no inclusion
    ("Half a million people have fled across international borders.", "security_borders"),
    ("The convoys reached the border towns at dawn.", "security_borders"),
    ("Workers from abroad pay taxes and social security contributions.", "integration_inclusion"),
    # solidarity with migrants is sympathy, not cooperation between States
    ("Our solidarity with refugees has never been more needed.", "partnership_governance"),
    # drafting a treaty is no development
    ("The development of a convention on the high seas is under way.", "development"),
    # the compacts' titles, with or without the serial comma, are no regular pathway
    ("The Global Compact for Safe, Orderly, and Regular Migration was adopted in Marrakech.", "regular_pathways"),
    ("The compacts on refugees and regular migration were both adopted that year.", "regular_pathways"),
    # governance or consensus at home is no global governance
    ("Free elections are now a settled feature of our governance.", "partnership_governance"),
    ("After the war a broad national consensus formed around the new charter.", "partnership_governance"),
    # a return to growth or to normal life is no return of migrants
    ("Our figures show a return to positive growth after six lean years.", "return_readmission"),
    ("After the curfew the capital saw a return to normality.", "return_readmission"),
    # the environment of politics or of business is no nature
    ("We live in a tense and unstable regional environment.", "climate_environment"),
    ("The reform aims at a business-friendly environment for small firms.", "climate_environment"),
    # science and technology as a sector are no evidence; drug trafficking is no trafficking in persons
    ("We will invest in science and technology and in our ports.", "data_evidence"),
    ("Our navy works with neighbours against trafficking in narcotics along the coast.", "smuggling_trafficking"),
])
def test_shipped_lexicon_leaves_other_senses(nlp, sentence: str, theme: str) -> None:
    lex = load_lexicon(nlp)
    assert theme not in {m.category for m in lex.matches(nlp(sentence))}


@pytest.mark.parametrize("sentence, theme", [
    ("Closed borders at sea cost lives.", "security_borders"),
    ("Thousands of girls are trafficked every year.", "smuggling_trafficking"),
    ("Criminal networks profit from the trade in human beings.", "smuggling_trafficking"),
    ("New arrivals are often met with hostility and hateful rhetoric.", "narratives_xenophobia"),
    ("We must change the way we talk about migrants.", "narratives_xenophobia"),
    ("Floods are uprooting whole villages.", "crisis_displacement"),
    ("No State can manage these movements by acting alone.", "partnership_governance"),
    ("Each year a few thousand refugees are resettled.", "regular_pathways"),
    ("Regional labour mobility schemes opened new doors.", "regular_pathways"),
    ("Arrivals must be treated humanely.", "human_rights"),
    ("Their story is too often misrepresented for votes.", "narratives_xenophobia"),
    ("Half of our power already comes from renewables.", "climate_environment"),
    ("The decarbonization of transport is under way.", "climate_environment"),
    ("We will protect a fifth of our marine areas by 2030.", "climate_environment"),
    # the climate said through its measures, its talks and its losses
    ("We are on course for nearly three degrees of warming.", "climate_environment"),
    ("Methane and carbon dioxide levels have never been higher.", "climate_environment"),
    ("Small islands need a fund for loss and damage.", "climate_environment"),
    ("The first global stocktake must raise our ambition.", "climate_environment"),
    ("Our seas rise a little more every year.", "climate_environment"),
    # displacement said with the home left behind, and climate named as its cause
    ("Many families were driven from their homes by the drought.", "crisis_displacement"),
    ("Millions may be forced to leave because of the effects of climate change.", "root_causes"),
    ("Bigotry has no place in our schools.", "narratives_xenophobia"),
    ("Too many workers cannot exercise their basic rights.", "human_rights"),
    ("We presented our voluntary national review this summer.", "development"),
    ("Every year thousands go missing on the way north.", "crisis_displacement"),
    ("Jobs at home would make leaving a choice, not a necessity.", "root_causes"),
    ("Our plan puts the reduction of poverty first.", "development"),
    ("The selection of the next Secretary-General must be open to all.", "partnership_governance"),
    # the economy said through its troubles
    ("Our first task is to bring unemployment down among the young.", "labour_economy"),
    ("Years of austerity have left deep scars in our towns.", "labour_economy"),
    ("Lenders must agree to debt relief for the poorest States.", "development"),
    # leaving home said with other verbs, and staying home as not having to leave
    ("Drought forced whole villages to abandon their homes.", "crisis_displacement"),
    ("Good harvests let young farmers thrive without having to move.", "root_causes"),
    ("Idle youth can be a catalyst for risky journeys north.", "root_causes"),
    ("Many were compelled to leave when the mines closed.", "root_causes"),
    # pathways said as routes and corridors, control as stemming the flows
    ("Families need safe and legal routes, not smugglers' boats.", "regular_pathways"),
    ("Two humanitarian corridors brought a thousand people by air.", "regular_pathways"),
    ("The new patrols were meant to stem the flows across the strait.", "security_borders"),
    # a disaster said through its weather
    ("The raging storms of last autumn flattened whole districts.", "climate_environment"),
])
def test_shipped_lexicon_finds_the_forms_statements_use(nlp, sentence: str, theme: str) -> None:
    lex = load_lexicon(nlp)
    assert theme in {m.category for m in lex.matches(nlp(sentence))}


def test_every_theme_says_its_context() -> None:
    contexts = {t.id: t.context for t in load_categories(config.THEMES_PATH)}
    assert contexts["crisis_displacement"] == "migration" and contexts["development"] == "any"
    assert set(contexts.values()) <= {"any", "migration"}
