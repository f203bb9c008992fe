"""Sentences: the migration flag (cues, passage smoothing), name masking, theme contexts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline import annotations as ann
from pipeline import config, train_sentences
from pipeline.sentences import (
    MigrationModel,
    ThemeClassifier,
    analyse_sentences,
    classifier_matches,
    flag_scores,
    in_context,
    load_cues,
    load_migration_model,
    load_sentence_models,
    load_theme_classifiers,
    migration_row,
    new_paragraph,
    outside_names,
    passage_probability,
)
from pipeline.themes import Match, load_lexicon, sentence_bounds


@pytest.fixture(scope="module")
def blank():
    import spacy

    return spacy.blank("en")


STICKY = MigrationModel(coef=(8.0, 2.0, 0.5, -4.0), intercept=-3.0, prior=0.2,
                        transitions=(((0.95, 0.05), (0.5, 0.5)), ((0.97, 0.03), (0.15, 0.85))), threshold=0.4)


def test_new_paragraph_marks_blank_lines() -> None:
    text = "One. Two.\n\nThree.\nFour."
    starts = [0, 5, 11, 18]
    assert new_paragraph(text, starts).tolist() == [True, False, True, False]


def test_a_sentence_takes_the_flag_of_its_passage_within_a_paragraph_not_across() -> None:
    local = np.array([0.95, 0.05, 0.05])
    within = passage_probability(local, np.array([True, False, False]), STICKY)
    across = passage_probability(local, np.array([True, True, True]), STICKY)
    assert within[1] > 2 * across[1]
    assert within[0] > 0.8 and across[2] < 0.05


def test_a_sentence_that_names_migration_keeps_its_own_evidence_among_other_subjects() -> None:
    # a speech on the economy and on security names migration once, in the middle of a paragraph:
    # its neighbours pull the passage probability down, its own cue keeps the flag
    local = np.array([0.05, 0.05, 0.7, 0.05, 0.05])
    breaks = np.array([True, False, False, False, False])
    X = np.zeros((5, 4))
    X[2, 0] = np.log1p(1)
    post = passage_probability(local, breaks, STICKY)
    out = flag_scores(X, local, breaks, STICKY)
    assert post[2] < STICKY.threshold <= out[2] == pytest.approx(0.7)
    # the others keep their passage probability: a context word alone is no evidence of its own
    X[1, 1] = np.log1p(1)
    assert np.delete(flag_scores(X, local, breaks, STICKY), 2) == pytest.approx(np.delete(post, 2))


def test_uninformative_transitions_leave_the_local_probabilities() -> None:
    flat = MigrationModel(coef=(0.0, 0.0, 0.0, 0.0), intercept=0.0, prior=0.5,
                          transitions=(((0.5, 0.5), (0.5, 0.5)),) * 2, threshold=0.5)
    local = np.array([0.9, 0.2, 0.6])
    assert passage_probability(local, np.array([True, False, True]), flat) == pytest.approx(local)


def _match(category: str, start_char: int, end_char: int, start: int = 0) -> Match:
    return Match(category, start, start + 1, start_char, end_char, "x")


def test_terms_inside_a_name_do_not_count_unless_they_are_the_name() -> None:
    inside, whole, outside = _match("p", 20, 31), _match("c", 40, 55), _match("p", 70, 81)
    kept = outside_names([inside, whole, outside], [(0, 60), (40, 55)])
    assert kept == [whole, outside]


def test_migration_themes_need_a_migration_sentence() -> None:
    hits = [_match("crisis", 0, 5, start=0), _match("development", 0, 5, start=0), _match("crisis", 9, 12, start=3)]
    kept = in_context(hits, [0, 0, 0, 1], [False, True], frozenset({"crisis"}))
    assert [(m.category, m.start) for m in kept] == [("development", 0), ("crisis", 3)]


def test_migration_row_counts_the_share() -> None:
    assert migration_row("s", [True, False, False, True]) == {
        "speech_id": "s", "sentences": 4, "migration_sentences": 2, "migration_share": 0.5}


GENERAL_DEBATE = ("We have invested in new roads and schools across the country. The budget deficit has fallen "
                  "to two per cent of output.\n\n"
                  "Thousands of refugees fled the war last year. These people risk everything at sea.\n\n"
                  "Our economy grew by three per cent last year, and unemployment is at a record low. "
                  "We will hold free and fair elections next spring.\n\n"
                  "Nuclear disarmament remains a priority of my Government. We call on all States to sign the treaty.")


@pytest.mark.model
def test_a_refugee_passage_is_flagged_and_its_themes_kept(nlp) -> None:
    doc = nlp(GENERAL_DEBATE)
    bounds = sentence_bounds(doc)
    result = analyse_sentences("s", doc, bounds, load_lexicon(nlp), load_sentence_models(nlp))
    assert result.flags[2:4] == [True, True]  # the refugee paragraph, "These people" included
    assert result.flags[-2:] == [False, False]
    assert "crisis_displacement" in {m.category for m in result.theme_matches}
    assert [r["sentence_id"] for r in result.rows] == list(range(len(bounds)))


@pytest.mark.model
def test_shipped_migration_model_still_gives_the_dev_scores_its_card_records(nlp) -> None:
    model = load_migration_model()
    items = train_sentences.annotated_documents(ann.load_corpus(config.ANNOTATIONS_DIR, split="dev"), nlp,
                                                config.INTERIM_DIR)
    y = np.concatenate([it.y for it in items])
    flags = np.concatenate([train_sentences.scores(it, model) for it in items]) >= model.threshold
    assert train_sentences.prf(y, flags) == model.facts["dev"]
    card = (config.SENTENCE_MODELS_DIR / train_sentences.CARD_NAME).read_text(encoding="utf-8")
    assert f"| `dev` | {model.facts['dev']['p']:.3f} | {model.facts['dev']['r']:.3f}" in card


@pytest.mark.model
def test_shipped_theme_classifiers_still_give_the_dev_scores_their_card_records(nlp) -> None:
    facts = json.loads(config.THEME_MODEL_PATH.read_text(encoding="utf-8"))["facts"]["kept"]
    classifiers = {c.theme: c for c in load_theme_classifiers()}
    assert set(classifiers) == set(facts)
    docs = ann.load_corpus(config.ANNOTATIONS_DIR, split="dev")
    items = train_sentences.annotated_documents(docs, nlp, config.INTERIM_DIR)
    lexicon = load_lexicon(nlp)
    dev = train_sentences.theme_documents(docs, items, nlp, config.INTERIM_DIR, load_migration_model(), lexicon)
    for theme, c in classifiers.items():
        probs = [np.asarray([c.score(f) for f in d.features]) for d in dev]
        context = lexicon.categories[theme].context == "migration"
        assert train_sentences.theme_prf(dev, theme, probs, c.threshold, context=context) == facts[theme]["dev"]


def test_a_classifier_theme_shows_the_words_that_weigh_most(blank) -> None:
    from spacy.tokens import Doc

    doc = Doc(blank.vocab, words=["Reform", "of", "the", "veto", "matters", "."],
              lemmas=["reform", "of", "the", "veto", "matter", "."])
    clf = ThemeClassifier("governance", -1.0, {"w=reform": 2.0, "w=veto": 1.5, "w=matter": -0.5}, 0.5)
    found = classifier_matches(doc, [(0, 6)], [], [False], [clf])
    assert [(m.category, m.text, m.source) for m in found] == [("governance", "Reform", "classifier"),
                                                               ("governance", "veto", "classifier")]


@pytest.mark.model
def test_tiny_sentence_training_run_installs_nothing(tmp_path) -> None:
    assert train_sentences.main(config.ANNOTATIONS_DIR, tmp_path / "models", interim_dir=config.INTERIM_DIR,
                                tiny=True) == 0
    assert not (tmp_path / "models").exists()


def test_model_json_round_trips_and_refuses_other_features() -> None:
    data = STICKY.to_dict()
    assert MigrationModel.from_dict(json.loads(json.dumps(data))) == STICKY
    with pytest.raises(ValueError, match="retrain"):
        MigrationModel.from_dict({**data, "features": ["other"]})


def test_content_words_and_density_shape_the_flag() -> None:
    from pipeline.sentences import local_probability, speech_transitions

    # previous, within, previous_within, density, previous_density, within_density (intercept first)
    model = MigrationModel(coef=(8.0, 2.0, 0.5, -4.0), intercept=-3.0, prior=0.2, transitions=STICKY.transitions,
                           threshold=0.4, words={"camp": 1.5, "nuclear": -1.5},
                           transition_coef=(-3.0, 4.0, 1.0, 0.5, 1.0, 2.0, 0.0))
    X = np.zeros((3, 4))
    local = local_probability(X, model, [("camp",), (), ("nuclear",)])
    assert local[0] > local[1] > local[2]
    low, high = speech_transitions(model, 0.1), speech_transitions(model, 0.6)
    assert high[0][1][1] > low[0][1][1]  # a dense speech stays in its passage across paragraphs
    assert MigrationModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    assert speech_transitions(STICKY, 0.5).tolist() == [[list(r) for r in b] for b in STICKY.transitions]


def test_theme_features_see_the_lexicon_hits_of_the_neighbours_in_the_paragraph() -> None:
    from pipeline.sentences import neighbour_hits, theme_features

    hits = [[_match("crisis_displacement", 0, 5)], [], [_match("development", 20, 25)]]
    near = neighbour_hits(hits, [True, False, True])
    assert near[1] == (hits[0], ())  # the third sentence starts a new paragraph
    features = theme_features({"people": [3]}, hits[1], True, *near[1])
    assert features == {"w=people": 1.0, "plex=crisis_displacement": pytest.approx(np.log(2)), "migration": 1.0}


@pytest.mark.parametrize("sentence, cue", [
    ("Some are escaping persecution, others escaping war.", "context"),
    ("Storms keep uprooting families along the coast.", "context"),
    ("So many desperate people came in search of refuge.", "migration"),
    ("Human traffickers sell false promises to the desperate.", "migration"),
    ("We all signed the New York Declaration two years ago.", "context"),
    ("Fighting has driven whole towns from their homes.", "context"),
    # displacement said with the home left behind, in a speech on climate or on a war
    ("A million islanders may be forced to leave their homes as the waters rise.", "migration"),
    ("Armed groups keep forcing villagers to flee their homes.", "migration"),
    ("Whole valleys were forced to flee after the storm.", "migration"),
    ("Tens of thousands are on the move across the region.", "context"),
    # leaving home said with another verb, and staying home as not having to leave
    ("When the wells dried up, herders had to abandon their homes.", "context"),
    ("Farm credit lets rural families earn a living without having to move.", "context"),
])
def test_cues_of_flight_and_of_trafficking_count(nlp, sentence: str, cue: str) -> None:
    # continuation sentences of a flight passage ("Others are escaping ...") and a trafficking
    # sentence that names only the traffickers carry cues of their own
    assert cue in {m.category for m in load_cues(nlp).matches(nlp(sentence))}
