"""Priority-list detection: markers, chaining, items, announced counts."""

from __future__ import annotations

import pytest

from pipeline.enumerations import ORDINAL, chain_markers, enumerations, find_markers, priority_rows


def _lists(text: str) -> list[list[str]]:
    return [[m.text for m in e.markers] for e in enumerations(text)]


def _items(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in e.items] for e in enumerations(text)]


@pytest.mark.parametrize("text, markers", [
    ("I see five areas of priority.\n\nFirst, we must improve cooperation.\n\nSecond, we need data.\n\n"
     "Third, we must promote integration.\n\nFourth, we need coherence.\n\n"
     "Fifth and finally, we must develop a framework.",
     [["First", "Second", "Third", "Fourth", "Fifth and finally"]]),
    ("Firstly, poverty must end. Secondly, conflicts must be resolved. Thirdly, climate action is urgent.",
     [["Firstly", "Secondly", "Thirdly"]]),
    ("First of all, we thank the President. Secondly, we welcome the report. Lastly, we pledge support.",
     [["First of all", "Secondly", "Lastly"]]),
    ("In the first place, peace. In the second place, development.",
     [["In the first place", "In the second place"]]),
    ("We have three key elements: first, sound policies; secondly, social inclusion; thirdly, productivity.",
     [["first", "secondly", "thirdly"]]),
    ("To begin with, we must act. Second, we must pay. And third, we must report.",
     [["To begin with", "Second", "third"]]),
    ("First and foremost, the issue of Abyei. Second, the oil. Last but not least, the border.",
     [["First and foremost", "Second", "Last but not least"]]),
    ("For starters, the budget. Second: the staff.", [["For starters", "Second"]]),
    ("Israel must do several things:\n\n1. cease settlement activity;\n\n2. withdraw its troops;\n\n"
     "3. allow refugees to return.", [["1.", "2.", "3."]]),
    ("We propose (a) a review; (b) a fund; and (c) a commission.", [["(a)", "(b)", "(c)"]]),
    ("We emphasize: (1) human capital; (2) health; and (3) energy.", [["(1)", "(2)", "(3)"]]),
    ("We face triple challenges: i) the pandemic; ii) climate change; and, iii) conflict.",
     [["i)", "ii)", "iii)"]]),
    ("First, we need peace. Second, we need justice.\n\nLater on.\n\nFirst, let me note. Secondly, hope.",
     [["First", "Second"], ["First", "Secondly"]]),
])
def test_enumerations_finds_lists(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


@pytest.mark.parametrize("text", [
    "The Second World War ended in 1945. The Third Committee met. We act for the first time.",
    "Finally, I thank you all for your attention.",
    "First, let me congratulate you on your election. The world has changed since then.",
    "First, second and third generation migrants contribute. Second World War veterans remember.",
    "Second World War memories remain. Thirdly we must act.",
    "Second, we must act. Third, we must pay.",
    "The first time we met was in 1990. Second-generation migrants are welcome.",
    "Resolution 2254 (2015) and resolution 2401 (2018) apply. See article 1 (1) and article 2 (3).",
    "1. This speech numbers its paragraphs.\n\n2. Like official documents do.\n\n3. It is not a list.",
    "We face challenges.\n\nFirst, poverty." + " Filler sentence here." * 300 + " Second, conflict.",
])
def test_enumerations_ignores_non_lists(text: str) -> None:
    assert _lists(text) == []


@pytest.mark.parametrize("text, announced", [
    ("I see five areas of priority. First, a. Second, b. Third, c. Fourth, d. Fifth, e.", 5),
    ("Let me focus on three priorities. First, peace. Secondly, development. Finally, rights.", 3),
    ("I would like to make the following four points. First, a. Second, b.", 4),
    ("Nothing announced here. First, a. Second, b.", None),
])
def test_enumerations_attaches_announced_count(text: str, announced: int | None) -> None:
    (enum,) = enumerations(text)
    assert enum.announced == announced


def test_item_runs_to_next_marker_or_paragraph_end() -> None:
    text = ("First, we need to ensure that policies are based on facts. We must study.\n\n"
            "A paragraph in between.\n\nSecond, we must integrate migrants.")
    assert _items(text) == [["we need to ensure that policies are based on facts. We must study.",
                             "we must integrate migrants."]]


def test_item_stops_at_next_marker_in_same_paragraph() -> None:
    text = "Two things: first, peace; and second, development."
    assert _items(text) == [["peace;", "development."]]


def test_final_marker_closes_list() -> None:
    text = "First, a. Second, b. Finally, c. Third, d."
    assert _lists(text) == [["First", "Second", "Finally"]]


def test_marker_needs_an_anchor() -> None:
    markers = find_markers("They were the first, and second, to come.")
    assert [m for m in markers if m.family == ORDINAL] == []


def test_chain_markers_requires_min_items() -> None:
    markers = find_markers("First, a lonely item.")
    assert chain_markers(markers) == []
    assert len(chain_markers(markers, min_items=1)) == 1


def test_priority_rows_flag_count_mismatch() -> None:
    text = "I have three points. First, a. Second, b."
    rows = priority_rows("s1", text, enumerations(text), [["x"], []])
    assert [r["rank"] for r in rows] == [1, 2]
    assert all(r["announced"] == 3 and r["n_items"] == 2 and r["count_mismatch"] for r in rows)
    assert rows[0]["themes"] == "x" and rows[0]["text"] == "a."
    assert text[rows[1]["start_char"]:rows[1]["end_char"]] == "b."


# ------------------------------------------------------------------ the forms of issue 13

FILLER = " This is a sentence that keeps the speaker busy for a while." * 25


def _kinds(text: str) -> list[str]:
    return [e.kind for e in enumerations(text)]


@pytest.mark.parametrize("text, starts", [
    # ordinals inside a noun phrase, mixed with plain ordinals in one list
    ("Let me make three points. First, we must act. The second point I want to make is that data "
     "matter. Thirdly, we must integrate migrants.",
     ["we must act.", "The second point I want to make is that data matter.", "we must integrate migrants."]),
    ("My first point concerns rescue at sea. My second point concerns smuggling. Our third task is to "
     "open regular pathways. A fourth element is data.",
     ["My first point concerns", "My second point concerns", "Our third task is", "A fourth element is"]),
    ("Two ideas guide us. The first is solidarity with host countries. The second is responsibility-sharing.",
     ["The first is", "The second is"]),
    # an ordinal in the middle of a sentence, lower case, set off by commas
    ("We will proceed, first, by consulting States; secondly, by drafting a text; and thirdly, by adopting it.",
     ["by consulting", "by drafting", "by adopting"]),
    # "number one ... number two"
    ("Lesson number one: prevention pays. Lesson number two: no country can act alone.",
     ["prevention pays.", "no country can act alone."]),
    ("Number one, we save lives. Number two, we fight traffickers. Number three, we protect workers.",
     ["we save lives.", "we fight traffickers.", "we protect workers."]),
])
def test_enumerations_finds_the_forms_speakers_use(text: str, starts: list[str]) -> None:
    (enum,) = enumerations(text)
    assert [text[s:e] for s, e in enum.items] == [
        next(text[s:e] for s, e in enum.items if text[s:e].startswith(x)) for x in starts]


@pytest.mark.parametrize("bullet", ["•", "–", "-", "*", "o"])
def test_bullets_opening_lines_make_a_list(bullet: str) -> None:
    text = (f"On this day, let us act:\n\n{bullet} save lives at sea;\n\n{bullet} fight the smugglers;\n\n"
            f"{bullet} open regular pathways.\n\nThe Compact shows the way.")
    (enum,) = enumerations(text)
    assert enum.kind == "bullet" and enum.n_items == 3
    assert [text[s:e] for s, e in enum.items] == ["save lives at sea;", "fight the smugglers;",
                                                 "open regular pathways."]


def test_bullets_separated_by_a_paragraph_make_two_lists() -> None:
    text = "• one;\n\n• two.\n\nA paragraph of prose in between.\n\n• three;\n\n• four."
    assert [e.n_items for e in enumerations(text)] == [2, 2]


def test_kinds_of_lists() -> None:
    assert _kinds("First, a. Second, b.") == ["ordinal"]
    assert _kinds("We ask: (a) data; (b) rights.") == ["lettered"]
    assert _kinds("We ask: (i) data; (ii) rights.") == ["numbered"]
    assert _kinds("Goals:\n\n1. data;\n\n2. rights.") == ["numbered"]


def test_a_finally_that_closes_the_speech_is_not_an_item() -> None:
    text = ("First, we must save lives. Second, we must fight smugglers. Third, we must open pathways."
            + "\n\n" + FILLER + "\n\n" + FILLER + "\n\nFinally, I thank you all for your attention.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["First", "Second", "Third"]


def test_a_finally_far_away_in_the_speechs_last_paragraph_is_not_an_item() -> None:
    text = ("First, we must save lives. Second, we must fight smugglers." + "\n\n" + FILLER + "\n\n"
            + FILLER + "\n\nFinally, the world is watching us.")
    (enum,) = enumerations(text)
    assert enum.n_items == 2


def test_a_finally_that_continues_the_sequence_is_the_last_item() -> None:
    text = ("First, we must save lives. Second, we must fight smugglers. Finally, we must open pathways."
            "\n\nThe Compact shows the way.\n\nThank you.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["First", "Second", "Finally"]


def test_the_announced_count_may_stand_far_before_the_list() -> None:
    text = "The world faces three crises at once." + FILLER + "\n\nFirst, war. Second, climate. Third, debt."
    (enum,) = enumerations(text)
    assert enum.announced == 3


def test_a_far_count_that_does_not_match_is_not_attached() -> None:
    text = "We discussed two issues last year." + FILLER + "\n\nFirst, war. Second, climate. Third, debt."
    (enum,) = enumerations(text)
    assert enum.announced is None


@pytest.mark.parametrize("text", [
    "The First Vice-Chair opened the meeting. The Second Committee adopted it. The Second World War ended.",
    "For the first time, we met. Firstly, I congratulate you on your election.",
    "The first time I came here, the second session was over. The third Committee met.",
    "Our first-ever summit was held. The second of the two reports came later.",
    "The First Committee and the Second Committee of the General Assembly met on migration.",
])
def test_ordinals_in_names_and_titles_are_not_lists(text: str) -> None:
    assert _lists(text) == []


def test_priority_rows_carry_the_kind() -> None:
    text = "• one;\n\n• two."
    rows = priority_rows("s1", text, enumerations(text))
    assert [r["kind"] for r in rows] == ["bullet", "bullet"]


def test_bullets_that_open_every_paragraph_are_layout_not_lists() -> None:
    text = "\n\n".join(f"• Paragraph {i} of a speech laid out with bullets." for i in range(15))
    assert enumerations(text) == []


def test_bulleted_forms_of_address_are_not_a_list() -> None:
    text = "• Excellency, the President of the General Assembly\n• Excellencies, Heads of State\n\nWe meet today."
    assert enumerations(text) == []


@pytest.mark.parametrize("text, markers", [
    ("However, we must invest first in the prevention of disputes and, secondly, in addressing the root causes.",
     [["first", "secondly"]]),
    ("Three areas.\n\nI. Migration and cities\n\nText here.\n\nII. Data\n\nMore.\n\nIII. Rights\n\nEnd.",
     [["I.", "II.", "III."]]),
    ("I have three points. My first point concerns trade. My second point is debt.\n\nMy last point is peace.",
     [["My first point", "My second point", "My last point"]]),
])
def test_more_forms_of_lists(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


@pytest.mark.parametrize("text", [
    "It is the first, second, third, fourth or fifth most violent country in the region. We act.",
    "First of all, I congratulate you on your election.\n\nMany things happened.\n\nFinally, these crises hamper us.",
])
def test_runs_of_ordinals_and_an_opening_with_a_closing_are_not_lists(text: str) -> None:
    assert _lists(text) == []


def test_a_list_inside_another_lists_items_does_not_take_its_announced_count() -> None:
    text = ("I want to emphasise 2 points.\n\nThe first is that the compact helps us all.\n\n"
            "  • We can strengthen communities.\n  • We can protect the vulnerable.\n  • We can grow.\n\n"
            "The second point is that the process must stay open.\n")
    lists = enumerations(text)
    assert [(e.kind, e.n_items, e.announced) for e in lists] == [("ordinal", 2, 2), ("bullet", 3, None)]


# ------------------------------------------------------------------ forms from real statements (own words)

def test_a_lone_first_inside_an_item_does_not_end_the_list() -> None:
    # "The first step towards that end is ..." inside the fourth item, then "Fifth, ..."
    text = ("We put forward five ideas.\n\nFirst, peace must come first in our work.\n\n"
            "Second, debt must be relieved.\n\nThird, trade must be fair.\n\n"
            "Fourth, the climate needs action. The first step towards that end is to pay what was promised.\n\n"
            "Fifth, we must defend human rights everywhere.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["First", "Second", "Third", "Fourth", "Fifth"]
    assert enum.announced == 5


def test_a_finally_after_the_announced_count_is_reached_is_not_an_item() -> None:
    text = ("Let me share three convictions.\n\nFirst, States remain the main actors. Secondly, the order must "
            "include everyone. Thirdly, it cannot be imposed.\n\nOn the economy, we see progress at home.\n\n"
            "Finally, on culture, we are all different and that is our strength.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["First", "Secondly", "Thirdly"]


def test_a_finally_after_a_heading_is_not_an_item() -> None:
    text = ("We have three new projects: First, electric buses for the capital. Secondly, marine parks. "
            "Thirdly, new forests.\n\nDemocracy Under Strain\n\nPopulism divides our societies. "
            "There is polarization as well.\n\nFinally, there is fragmentation into small groups.")
    (enum,) = enumerations(text)
    assert enum.n_items == 3


def test_a_finally_with_wish_to_continues_the_list() -> None:
    text = ("First, focused goals work. Secondly, the goals are linked to one another. Thirdly, political will "
            "matters. Finally, I wish to sound a note of caution about the pace of progress.\n\nWe move on.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["First", "Secondly", "Thirdly", "Finally"]


def test_ordinal_noun_phrases_inside_sentences_continue_a_list_of_the_same_noun() -> None:
    text = ("Our delegation has six areas of focus.\n\nFirst, a fairer multilateral system.\n\n"
            "Secondly, we must tackle the climate crisis.\n\nOur third area of focus is financing.\n\n"
            "Our fourth area of focus is gender equality.\n\nWe shall defend human rights, a pillar of our "
            "policy and our fifth area of focus.\n\nThis brings me to our sixth and final area of focus: peace.")
    (enum,) = enumerations(text)
    assert enum.n_items == 6 and enum.announced == 6
    assert [m.text for m in enum.markers][4:] == ["our fifth area of focus", "our sixth and final area of focus"]


def test_an_ordinal_noun_phrase_inside_a_sentence_neither_opens_nor_joins_another_noun() -> None:
    assert _lists("Peace is our first priority and our second concern is debt.") == []
    text = "First, we act on debt. Secondly, on trade. This is our third meeting this year."
    assert _lists(text) == [["First", "Secondly"]]


@pytest.mark.parametrize("text, announced", [
    ("Last year we hosted three important international conferences.\n\nFirst, a meeting on oceans. "
     "Secondly, a summit on trade. Thirdly, a forum on health.", 3),
    ("We rebuilt our republic on three basic agreements: first, democracy; secondly, an open economy; "
     "thirdly, the fight against poverty.", 3),
    ("Two decades ago we began.\n\nFirst, a meeting on oceans. Secondly, a summit on trade.", None),
    ("They ignore what the leaders of the two communities agreed, which provides that:\n\n(a) the island stays "
     "one State;\n\n(b) its revenues are shared.", None),
])
def test_a_count_in_the_lead_in_sentence_is_announced_when_it_matches(text: str, announced: int | None) -> None:
    (enum,) = enumerations(text)
    assert enum.announced == announced


def test_numbered_paragraphs_after_a_salutation_are_not_a_list() -> None:
    para = " This paragraph of the statement goes on for a while about the state of the world today." * 3
    text = "Mr. President, Excellencies,\n\n" + "\n\n".join(f"{i}.{para}" for i in range(1, 9))
    assert enumerations(text) == []
    assert _lists("Our goals:\n\n" + "\n\n".join(f"{i}. A short goal number {i}." for i in range(1, 9))) \
        == [[f"{i}." for i in range(1, 9)]]
    # many short numbered paragraphs, each a sentence: numbered paragraphs too
    text = "MR. PRESIDENT,\n\n" + "\n\n".join(f"{i}. Our country lived through hard years number {i}." for i in range(1, 13))
    assert enumerations(text) == []
    assert _lists("The goals:\n\n" + "\n\n".join(f"{i}. Goal {i}" for i in range(1, 13))) == [[f"{i}." for i in range(1, 13)]]


def test_a_list_nested_in_an_item_is_a_separate_list_and_the_outer_list_goes_on() -> None:
    text = ("First, we need two things: first, money for the fund; second, the will to spend it well.\n\n"
            "Second, we need time to deliver.")
    assert _lists(text) == [["First", "Second"], ["first", "second"]]


def test_a_slide_decks_bullets_are_lists_and_a_change_of_symbol_nests_a_list() -> None:
    # a page of slides (most paragraphs bulleted, short phrases under headings): not layout
    text = ("Annual report of the Director\n\nTrends\n\n• Three big emergencies:\n\n– Country A\n\n– Country B\n\n"
            "– Country C\n\n• No political process\n\n• An epidemic in the west\n\nCosts\n\n• Deaths on routes\n\n"
            "– A global problem\n\n– A new study\n\n• Recruitment fees\n\n• Remittance fees\n\nPolicy\n\n"
            "• Root causes\n\n• Regular pathways\n\n• Rights of all")
    assert [(e.markers[0].text, e.n_items) for e in enumerations(text)] == [
        ("•", 3), ("–", 3), ("•", 3), ("–", 2), ("•", 3)]


def test_bulleted_paragraphs_of_running_text_in_runs_are_layout() -> None:
    para = "• We remain committed to the Charter and to working with every partner in good faith here."
    text = "Mr. President,\n\n" + "\n\n".join(
        "\n\n".join([para] * 4) + f"\n\nPart {i}" for i in range(4))
    assert enumerations(text) == []


@pytest.mark.parametrize("text, markers", [
    ("MY PRIORITIES:\n\n1: BUILDING PEACE\n\nPrevention first.\n\n2: MOBILITY\n\nTwo compacts.\n\n3: GROWTH\n\nGoals.",
     [["1:", "2:", "3:"]]),
    ("Let me make two remarks:\n\n1 - Rights\n\nMigrants have rights.\n\n2 - Data\n\nWe need better data.",
     [["1 -", "2 -"]]),
    ("The meeting ran from 10: to noon. Between 1 - 2 per cent of them left. Page 2 - the annex.", []),
])
def test_numbered_headings_with_a_colon_or_a_dash(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


@pytest.mark.parametrize("text, markers", [
    # a "first" before a verb of speaking opens item 1 inside a sentence; a named marker reaches further
    ("I will speak about four problems. I will first talk about the climate. We suffer floods."
     "\n\nThe second issue I want to raise is finance.\n\nMy third point is hatred of faiths." + FILLER * 2
     + "\n\nMy fourth point concerns our region.",
     [["first", "The second issue", "My third point", "My fourth point"]]),
    # cardinal words with a comma, mixed with ordinals; an ordinal as a pronoun without "the"
    ("Our presidency will hold three events: one, on diversity; Second, on small arms; and third is on "
     "women in peacekeeping.", [["one", "Second", "third"]]),
    ("We need a strategy that includes:\n\nOne, vaccines for all;\n\nTwo, finance, through debt relief, more aid "
     "and finally, climate funds; and\n\nThree, investment in jobs.", [["One", "Two", "Three"]]),
    ("Three principles guided us.\n\nFirst is honest government.\n\nSecondly, the rule of law.\n\n"
     "The third principle is openness.", [["First", "Secondly", "The third principle"]]),
    # "and, lastly," inside a sentence; "Secondly." typed with a full stop
    ("Our response had three goals: first, to contain the virus; secondly, to help the poor; and, lastly, "
     "to protect jobs.", [["first", "secondly", "lastly"]]),
    ("First, partners must deliver finance.\n\nSecondly. institutions must reform.\n\nThirdly, we need debt relief.",
     [["First", "Secondly", "Thirdly"]]),
])
def test_more_spoken_forms_of_lists(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


def test_first_however_is_before_that_not_item_one() -> None:
    text = ("I turn to the problems that concern us. First, however, I shall say a few words on our regional "
            "union. It has a secretariat. Lastly, it has a group at the United Nations.")
    assert _lists(text) == []


def test_a_closer_paragraphs_after_a_short_list_ends_another_stretch() -> None:
    text = ("In October we chair the Council. The events include: one, on diversity; second, on small arms; "
            "and third, on women in peacekeeping.\n\nExcellencies,\n\nMany States are fragile." + FILLER[:300]
            + "\n\nTools are not adequate." + FILLER[:300] + "\n\nMr. President,\n\nI am proud of my country."
            + FILLER[:300] + "\n\nWe owe much to friends.\n\nFinally, we must never forget peoples under occupation.\n\nAs I conclude, I thank you.\n\nThank you.")
    (enum,) = enumerations(text)
    assert enum.n_items == 3


def test_a_numbered_heading_and_an_ordinal_for_each_item_make_one_list() -> None:
    text = ("Let me draw three lessons:\n\n1 - Rights\n\nFirst, rights come before status.\n\n"
            "2 - Data\n\nSecond, we need better data.\n\n3 - Partners\n\nThird, no one can act alone.")
    assert _lists(text) == [["1 -", "2 -", "3 -"]]
    assert enumerations(text)[0].announced == 3


def test_a_bare_count_before_the_list_is_announced_when_it_matches() -> None:
    text = ("There are many problems, but I will focus on just two today.\n\nI will first talk about debt. "
            "It weighs on us.\n\nMy second point is trade.")
    (enum,) = enumerations(text)
    assert enum.announced == 2 and enum.n_items == 2


@pytest.mark.parametrize("text, markers", [
    ("Our vision rests on five principles.\n\nFirst, States must hold.\n\nSecondly, Palestine needs a settlement."
     "\n\nThe third of my main principles and priorities is that terror has no excuse.\n\nOur fourth priority is "
     "to remove root causes.\n\nFifthly, disputes must be settled by law.",
     [["First", "Secondly", "The third of my main principles", "Our fourth priority", "Fifthly"]]),
    ("We made progress on three fronts.\n\nFirst, I can report less hunger.\n\nSecondly, I can say that crime fell."
     "\n\nA third advancement I want to share concerns trade.", [["First", "Secondly", "A third advancement"]]),
    # a speech typed as short lines ending in "…", with "*" between parts: no heading, the closer joins
    ("In three areas.\n\nFirst, we must change finance…\n\nTo deliver for the poor.\n\n*\n\nSecond, if we want it…"
     "\n\nFor the most vulnerable…\n\nMore seats for Africa…\n\n*\n\nFinally, to support this…\n\nWe change too.",
     [["First", "Second", "Finally"]]),
])
def test_forms_from_a_fourth_round(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


@pytest.mark.parametrize("text, markers", [
    ("Our plan works in two ways, which involve, first, managing forests better, and secondly, teaching "
     "citizens to protect them.", [["first", "secondly"]]),
    ("I stand here thanks to two events.\n\nThe first was a vote against corruption.\n\nThe second was the "
     "defence of that vote in the streets.", [["The first", "The second"]]),
    ("Three things were essential.\n\nThe first was a commitment to peace.\n\nThe second prerequisite was "
     "recognition of borders.\n\nFinally, the third prerequisite was a realistic policy.",
     [["The first", "The second prerequisite", "Finally"]]),
])
def test_forms_from_a_fifth_round(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


# ------------------------------------------------------------------ forms from real pages and GD speeches (round 9)

@pytest.mark.parametrize("text, markers", [
    # the last rank as a pronoun inside the sentence of the item before it
    ("Let me name four dangers we share. The first is hunger; the second is the loss of forests; the third is "
     "debt; and the fourth and final is the spread of small arms across borders.",
     [["The first", "the second", "the third", "the fourth and final"]]),
    # a closer set off by a comma after the ordinal
    ("First, we train nurses.\n\nSecondly, we build clinics.\n\nThirdly, and lastly, we pay community workers.",
     [["First", "Secondly", "Thirdly, and lastly"]]),
    # "This leads me to a second ... point"
    ("Several things happened this autumn. First of all, the harvest failed in the north. Aid arrived late."
     "\n\nThis leads me to a second major point: our cooperation with the regional banks.",
     [["First of all", "a second major point"]]),
])
def test_forms_from_a_ninth_round(text: str, markers: list[list[str]]) -> None:
    assert _lists(text) == markers


def test_closer_after_comma_ends_its_marker() -> None:
    text = "First, we train nurses. Secondly, we build clinics. Thirdly, and lastly, we pay community workers."
    assert _items(text)[0][-1] == "we pay community workers."


def test_nearer_sequence_owns_the_next_rank() -> None:
    # "Third is ..." continues the plan's own "second step", not the speaker's "second point"
    text = ("I raise three points. First, peace needs patience.\n\nThat leads me to my second point. Trade must be "
            "fair. For the delta we offered a plan: it would begin with a truce. Its second step is a census. "
            "Third is a vote. Fourth is a new charter.\n\nTherefore, my third point concerns water.")
    assert _lists(text) == [["First", "my second point", "my third point"]]


@pytest.mark.parametrize("text, announced", [
    # a multiplier after a determiner, equal to the items
    ("I came to this hall to make a triple appeal. First, for health. Secondly, for schools. Thirdly, for roads.", 3),
    ("We face an unprecedented triple crisis of food, fuel and finance.\n\nFirst, food prices rose. "
     "Secondly, fuel ran short. Thirdly, credit dried up.", 3),
    # a count whose things are named in place does not announce the list that follows
    ("Our answer to the two storms we had \u2014 the drought and the floods \u2014 shaped our year.\n\nFirst, we "
     "rebuilt roads. Secondly, we fed herders. Thirdly, we planted trees.", None),
])
def test_announced_count_forms_of_a_ninth_round(text: str, announced: int | None) -> None:
    (enum,) = enumerations(text)
    assert enum.announced == announced


def test_bullets_under_a_lone_first_point_take_no_count() -> None:
    text = ("Before we start, I want to stress 2 points.\n\nThe first is that we can gain from this.\n\n"
            "  \u2022 We can grow our towns.\n  \u2022 We can shelter the weak.\n  \u2022 We can train the young.")
    (enum,) = enumerations(text)
    assert enum.kind == "bullet" and enum.announced is None


def test_multiplier_of_another_phrase_is_no_count() -> None:
    text = ("To meet the triple shock of drought, debt and disease, our plan must contain:\n\n"
            "One, seeds for farmers; two, relief on loans; three, clinics in every district.")
    (enum,) = enumerations(text)
    assert enum.n_items == 3 and enum.announced is None
    text = "We face a triple challenge: first, jobs; second, housing; third, water."
    assert enumerations(text)[0].announced == 3


def test_a_closer_that_thanks_ends_a_list_of_thanks() -> None:
    text = ("Let me first say how grateful I am.\n\nFirst, to the two envoys, who worked day and night. We owe them "
            "much.\n\nI also thank the staff of the secretariat.\n\nSpecial thanks go to the host city.\n\n"
            "And, finally, I want to thank every delegation here. Now to the substance.\n\n"
            "The agreement is not binding. It sets out shared goals for the next decade.")
    assert _lists(text) == [["First", "finally"]]
    # a thanking closer after paragraphs on other things still closes the speech, not the list
    text = ("First, we must fund the clinics. They save lives every day.\n\nThe budget is tight this year.\n\n"
            "Prices have risen everywhere.\n\nFinally, I thank you for your attention.")
    assert _lists(text) == []


def test_bulleted_salutation_naming_the_dignitaries_is_no_list() -> None:
    text = ("- Her Excellency Ms Ana Ruiz, President of the General Assembly,\n"
            "- His Excellency Mr Tomas Berg, Secretary-General,\n- Excellencies,\n- Ladies and Gentlemen,\n\n"
            "I bring greetings from my people. First, peace. Secondly, bread.")
    assert _lists(text) == [["First", "Secondly"]]


@pytest.mark.parametrize("text, announced", [
    # the list itself after the colon is not a count spent in place
    ("As we close, I want to do three things:\n\nOne, sum up what we learned.\n\nTwo, name where we agree.", 3),
    ("I will do three things: one, sum up; two, name our common ground.", 3),
    # a count beyond the ordinals names a known set ("its 23 objectives"), not the list's length
    ("The compact helps States reach its 23 objectives. We recommend that States:\n(a) Fund shelters;\n"
     "(b) Train judges;", None),
])
def test_announced_count_checks_from_held_out_pages(text: str, announced: int | None) -> None:
    (enum,) = enumerations(text)
    assert enum.announced == announced


def test_predicative_multiplier_announces_a_count() -> None:
    text = "Our offer is twofold. First, we open our ports. Secondly, we share our data."
    assert enumerations(text)[0].announced == 2


def test_open_count_lets_a_far_closer_end_the_list() -> None:
    body = ("First, we welcome the talks in the north. They bring hope to many families.\n\n"
            "Secondly, our border with the east is still unsettled. We choose dialogue over force.\n\n"
            "Thirdly, the land rights of our forest peoples need law. A road map is ready.\n\n"
            "Trade disputes among the great economies hurt small ones like ours. We ask for restraint.\n\n"
            "By the same token, we reject the embargo on a sister nation. It has lasted far too long.\n\n"
            "Sanctions rarely reach those they aim at. They harm the poor first and longest of all." + FILLER + "\n\n"
            "Lastly, our open borders make us a victim of the drug trade. A new plan fights it.\n\n"
            "Our young people ask for a voice in these halls.\n\nThe goals of 2030 remain our compass.\n\n"
            "We trust this Organization to lead.")
    assert _lists("In that regard, I should like to mention several key points.\n\n" + body) == \
        [["First", "Secondly", "Thirdly", "Lastly"]]
    assert _lists("In that regard, I should like to mention our views.\n\n" + body) == \
        [["First", "Secondly", "Thirdly"]]


def test_open_count_lets_a_named_closer_reach_further() -> None:
    body = ("First, I ask all of you to ratify the treaty on the high seas." + FILLER * 3 + "\n\n"
            "The last call I make here concerns the children of the camps. They need schools.\n\n"
            "Our region is ready.\n\nWe thank the host country.\n\nThe Organization is our common house.")
    assert _lists("I stand here to issue several appeals. " + body) == [["First", "The last call"]]
    # a time span is no open number of things ("a few days after taking office")
    assert _lists("A few days after taking office, I report. " + body) == []


def test_ordinal_pronoun_with_one() -> None:
    text = ("Let me share what I retain from our talks. The first one is about schooling. Every child on "
            "the move needs a classroom.\n\nThe second lesson I draw is about cities. Mayors act first.\n\n"
            "Thirdly, data. We cannot manage what we do not count.")
    assert _lists(text) == [["The first one", "The second lesson", "Thirdly"]]


def test_closer_ending_an_unmarked_run_inside_an_item_is_not_an_item() -> None:
    text = ("First, I shall speak of the crisis in the river basin. The ceasefire must hold. "
            "It falls to the regional body to monitor the truce. It falls also to the regional body to "
            "help the refugees return. Finally, it falls to the regional body to call a donor conference.\n\n"
            "Our own region knows such pains well.")
    assert _lists(text) == []
    # items that repeat their own opening words are still one list
    text = ("First, it falls to the regional body to monitor the truce. Secondly, it falls to the regional "
            "body to help refugees return. Finally, it falls to the regional body to call donors.")
    assert _lists(text) == [["First", "Secondly", "Finally"]]


def test_count_spent_on_a_semicolon_series_is_not_announced() -> None:
    text = ("The annual report covers all five areas of work: Health; Trade and Jobs; Oceans; Culture; "
            "and Peace and Justice. Let me make two points.\n"
            "• On Health, we funded new clinics.\n• On Trade, we cut fees.\n")
    (enum,) = enumerations(text)
    assert enum.announced == 2
    (enum,) = enumerations(text.replace(" Let me make two points.", ""))
    assert enum.announced is None


def test_count_of_these_in_the_lead_in_sentence() -> None:
    text = ("Many storms gather over us. Two of them worry my people most. The first one is the rising sea. "
            "The second one is the loss of our fisheries.")
    assert enumerations(text)[0].announced == 2
    # a count that is not the list's length is left alone
    assert enumerations(text.replace("Two of them", "Four of them"))[0].announced is None


def test_opener_set_off_by_commas_inside_a_sentence() -> None:
    text = ("Our plan aims, first and foremost, at clean water for every village. Secondly, it builds roads "
            "to the markets. Thirdly, it trains nurses.")
    assert _lists(text) == [["first and foremost", "Secondly", "Thirdly"]]
    text = "Reform means, first of all, ending graft. Secondly, we will cut poverty by half."
    assert _lists(text) == [["first of all", "Secondly"]]
    # alone it is no list
    assert _lists("Let me say, first of all, how glad we are to be here. We bring greetings.") == []


def test_the_first_of_those_tools() -> None:
    text = ("The chair named the three tools we hold. The first of those tools is trust. Trust takes years. "
            "The second of those tools is money. The third and final tool is knowledge.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["The first of those tools", "The second of those tools",
                                              "The third and final tool"]
    assert enum.announced == 3


def test_lead_in_to_a_named_final_item_reaches_far() -> None:
    filler = " ".join(["Our farmers need roads and credit to reach the markets of the region."] * 12)
    text = ("My first remark is that the island looks ahead with hope.\n\n" + filler + "\n\n"
            "My second remark is that the ocean is our future.\n\n" + filler + "\n\n"
            "My third remark is that no State can act alone.\n\n" + filler + "\n\n" + filler + "\n\n"
            "Trade, health and the climate all need partners. And this brings me to my final remark:\n\n"
            "Our partners must treat small States as equals.")
    assert _lists(text) == [["My first remark", "My second remark", "My third remark", "my final remark"]]


def test_pronoun_forms_of_them_and_a_parenthetical() -> None:
    text = ("We bring two pledges. The first of them is a school fund for refugees. "
            "The second pledge is a clinic on the border.")
    assert _lists(text) == [["The first of them", "The second pledge"]]
    text = ("I have chosen three aims. The first, I believe, is to end hunger. The second aim is to clean the "
            "rivers. The third aim is to wire every school.")
    assert _lists(text) == [["The first", "The second aim", "The third aim"]]


def test_any_noun_named_by_the_lead_in_continues_the_list() -> None:
    text = ("The news from the south is grim, but there are also rays of light. The first is the truce signed "
            "in May. Farmers have gone back to their fields. The second ray of light is the new census.")
    assert _lists(text) == [["The first", "The second ray"]]
    # a noun the lead-in never named does not
    text = ("The news from the south is grim. The first is the truce signed in May. "
            "The second ray of light is the new census.")
    assert _lists(text) == []
    # nor after an opener that only stresses a phrase inside its sentence
    text = ("A new idea spread across the old empire. It took root, first and foremost, in the ports. "
            "The second idea came a century later.")
    assert _lists(text) == []


def test_paragraph_numbers_before_the_markers() -> None:
    text = ("4 We meet in hard times.\n\n5 Let me raise three points.\n\n6 First, we must keep the peace.\n\n"
            "7 Second, we must fund the goals.\n\n8 Third, we must reform the Council.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["First", "Second", "Third"]
    assert enum.announced == 3


def test_number_one_noun_phrase_opens_a_list() -> None:
    text = ("Our response came in stages. Our number one priority is to keep the virus out. Borders closed early. "
            "The second objective is to keep jobs alive.")
    assert _lists(text) == [["Our number one priority", "The second objective"]]


def test_announced_count_not_reached_lets_the_next_rank_reach_further() -> None:
    filler = " ".join(["Our clinics need nurses, medicines and power to serve the villages."] * 70)
    text = ("I will speak of three main topics.\n\nFirst, health. " + filler[:500] + "\n\nSecondly, water. " + filler
            + "\n\nThirdly, schools for every child.")
    assert _lists(text) == [["First", "Secondly", "Thirdly"]]
    # without the count the far rank stays apart
    assert _lists(text.replace("I will speak of three main topics.", "I will speak of our needs.")) == \
        [["First", "Secondly"]]


def test_closer_after_a_next_paragraph_ends_that_run() -> None:
    text = ("Food comes first. First, markets must stay open. Secondly, farmers need seeds.\n\n"
            "Next, health systems need money. Clinics are closing.\n\nVaccines reach too few.\n\n"
            "Lastly, the digital gap must close.")
    assert _lists(text) == [["First", "Secondly"]]


def test_paths_as_items() -> None:
    text = ("I see three main paths. The first path is to wait. The second path would be force. "
            "I believe there is a third possible path, the hardest: to rebuild trust.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["The first path", "The second path", "a third possible path"]
    assert enum.announced == 3


def test_of_the_n_things_the_first_is() -> None:
    text = ("Let me name three dangers. Of the three dangers, the first is hunger. It grows each year.\n\n"
            "My second point is about water.\n\nThe third and final area is debt.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["the first", "My second point", "The third and final area"]


def test_ordinal_headings_with_a_noun() -> None:
    text = ("First reflection:\n\nTrust is scarce.\n\nSecond reflection:\n\nRules bind us all.\n\n"
            "Third and final reflection:\n\nRegions must act together.")
    assert _lists(text) == [["First reflection", "Second reflection", "Third and final reflection"]]


def test_predicate_first_priority_opens_a_list_with_the_same_noun() -> None:
    text = ("Saving lives was our first priority. We closed the ports at once.\n\n"
            "Our second priority was to protect jobs.")
    (enum,) = enumerations(text)
    assert [m.text for m in enum.markers] == ["our first priority", "Our second priority"]
    assert text[enum.items[0][0]:].startswith("Saving lives")
    # never with another marker, nor a lone mention
    assert _lists("Peace is our first priority. Secondly, we need trade.") == []
    assert _lists("Peace is our first priority. We will not rest.") == []


def test_dilemmas_and_crossroads_as_items() -> None:
    text = ("We stand at a crossroads.\n\nThe first dilemma I see concerns the climate.\n\n"
            "The second area of choice is democracy.\n\nThe third and last crossroads concerns the rules we share.")
    assert _lists(text) == [["The first dilemma", "The second area", "The third and last crossroads"]]


def test_rules_sets_and_stages_as_items() -> None:
    text = ("Our model has three guiding principles. First, keep the schools open. The second rule is to test "
            "early. The third rule is to act fast.")
    assert _lists(text) == [["First", "The second rule", "The third rule"]]
    text = ("The trick has four steps. The first stage comes late in a term. In the second stage, the text is "
            "changed. In the third stage, he runs again. The fourth stage is the vote.")
    assert _lists(text) == [["The first stage", "the second stage", "the third stage", "The fourth stage"]]
