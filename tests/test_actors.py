"""Actor groups: shipped lexicon, counts and evidence."""

from __future__ import annotations

import pytest

from pipeline.actors import actor_rows, load_actors


@pytest.mark.parametrize("sentence, actor", [
    ("We must engage civil society and the private sector.", "civil_society"),
    ("We must engage civil society and the private sector.", "private_sector"),
    ("Trade unions and employers' organizations play a role.", "trade_unions_employers"),
    ("Diaspora organizations contribute to development.", "diaspora"),
    ("Faith-based organisations provide services.", "faith_based"),
    ("Mayors and local authorities welcome newcomers.", "local_authorities"),
    ("Member States adopted the compact.", "states_governments"),
    ("The UN system supports host communities.", "host_communities"),
    ("Journalists and the media shape perceptions.", "media"),
])
def test_shipped_actor_lexicon_finds_group(nlp, sentence: str, actor: str) -> None:
    lex = load_actors(nlp)
    assert actor in {m.category for m in lex.matches(nlp(sentence))}


@pytest.mark.parametrize("sentence, actor", [
    ("The European Union and the African Union met.", "trade_unions_employers"),
    ("The United States voted.", "states_governments"),
])
def test_shipped_actor_lexicon_excludes(nlp, sentence: str, actor: str) -> None:
    lex = load_actors(nlp)
    assert actor not in {m.category for m in lex.matches(nlp(sentence))}


def test_actor_rows_have_every_group_with_evidence(nlp) -> None:
    lex = load_actors(nlp)
    doc = nlp("Civil society matters. We thank civil society and migrants.")
    rows = {r["actor"]: r for r in actor_rows("s", doc, lex.matches(doc), lex, n_words=9)}
    assert set(rows) == set(lex.order)
    assert rows["civil_society"]["mentions"] == 2 and rows["civil_society"]["sentences"] == 2
    assert rows["civil_society"]["evidence"].startswith("Civil society matters.")
    assert rows["civil_society"]["per_1000_words"] == pytest.approx(2000 / 9)
    assert rows["media"]["mentions"] == 0 and rows["media"]["evidence"] == ""
