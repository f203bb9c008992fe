"""Repairs of text-extraction artifacts in pipeline.textclean, on text written for these tests."""

from __future__ import annotations

from pipeline.textclean import (
    clean_body,
    clean_paragraphs,
    is_page_furniture,
    join_spaced_hyphens,
    normalise,
    paragraphs,
    repair_ligatures,
    repair_lost_apostrophes,
    space_glued_sentences,
    strip_glued_furniture,
)

# ------------------------------------------------------------ lost apostrophe


def test_lost_byte_apostrophe_is_restored() -> None:
    text = "The Kingdomâs farmers and the Peopleâs Republic welcome the delegatesâ report; we donât wait."
    assert repair_lost_apostrophes(text) == (
        "The Kingdom’s farmers and the People’s Republic welcome the delegates’ report; we don’t wait.")


def test_words_written_with_a_circumflex_are_kept() -> None:
    text = "From Sâo Paulo to the château of Pâques, Mâcon and the Rhône."
    assert repair_lost_apostrophes(text) == text


def test_normalise_restores_the_apostrophe() -> None:
    assert normalise("Our regionâs farmers.") == "Our region’s farmers."


# ------------------------------------------------------------ ligatures

LOST_LIGATURES = ("The ci:zens of our Federa:on are commi>ed to jus=ce. The interna:onal community must act "
                  "on its resolu:ons and be>er protect the na:ons that need a mul:-year plan.")


def test_lost_ti_and_tt_ligatures_are_restored() -> None:
    assert repair_ligatures(LOST_LIGATURES) == (
        "The citizens of our Federation are committed to justice. The international community must act "
        "on its resolutions and better protect the nations that need a multi-year plan.")


def test_ligature_repair_needs_the_signature_of_the_whole_text() -> None:
    # a few colons or comparison signs between letters are not a lost ligature
    text = "See the note at http:example and the rule a>b; the ratio was x:y, said the chair:yes."
    assert repair_ligatures(text) == text
    assert repair_ligatures("We met:today.") == "We met:today."


def test_normal_prose_has_no_ligature_repair() -> None:
    text = "The agenda: peace, development and rights. Note: 3:2 majority; a => b."
    assert normalise(text) == text


# ------------------------------------------------------------ hyphenated words


def test_word_hyphenated_over_a_line_and_rejoined_with_a_space_is_made_whole() -> None:
    text = ("Our right to self- determination, as the Secretary- General said, is long- standing; "
            "the post- 2020 plan for 2021- 2025 and the Treaty on the Non- Proliferation of Nuclear Weapons.")
    assert join_spaced_hyphens(text) == (
        "Our right to self-determination, as the Secretary-General said, is long-standing; "
        "the post-2020 plan for 2021-2025 and the Treaty on the Non-Proliferation of Nuclear Weapons.")


def test_suspended_hyphens_dashes_stutters_and_markers_are_kept() -> None:
    kept = ("Small- and medium-sized firms, pre- or post-war, neither pro- nor anti-reform. "
            "What we need- one voice. The navi- navigation of the s- strait. ")
    assert join_spaced_hyphens(kept) == kept
    assert join_spaced_hyphens("1- Water for all.") == "1- Water for all."
    assert join_spaced_hyphens("South- South cooperation") == "South-South cooperation"


def test_hyphenated_word_broken_over_lines_is_one_word() -> None:
    text = ("We welcome the Secretary-\nGeneral’s report on the Non-\n\nAligned Movement.\n\n"
            "The peoples of sub-\n14\n\nSaharan Africa know it.")
    assert clean_paragraphs(text) == [
        "We welcome the Secretary-General’s report on the Non-Aligned Movement.",
        "The peoples of sub-Saharan Africa know it."]


def test_a_line_ending_in_a_hyphen_before_a_new_sentence_is_not_joined() -> None:
    assert paragraphs("They came from East Asia-\nThe talks went on.") == [
        "They came from East Asia-", "The talks went on."]


# ------------------------------------------------------------ glued sentences


def test_sentence_end_typed_without_its_space_gets_one() -> None:
    assert space_glued_sentences("We act together.The time is now. Why wait?Because it is late.") == \
        "We act together. The time is now. Why wait? Because it is late."


def test_initials_abbreviations_and_addresses_are_not_spaced() -> None:
    text = "The U.S.A. and St.Vincent, a Ph.D. holder, see www.example.org/page and 3.Five."
    assert space_glued_sentences(text) == text


# ------------------------------------------------------------ page furniture


def test_job_numbers_and_page_marks_alone_on_a_line_are_furniture() -> None:
    for line in ("14-51234", "14-51234 12", "7 14-51234", "14-51234 (E) 1451234", "62/91",
                 "A/69/518/Add.3", "02/03/2015", "Page 2|7", "Page 3 of 9", "Check against delivery",
                 "(Please check against delivery)"):
        assert is_page_furniture(line), line
    for line in ("2015-2030", "24/7 service", "A/69/PV.12 is cited", "We must check against delivery delays."):
        assert not is_page_furniture(line), line


def test_job_number_glued_to_a_paragraph_is_removed() -> None:
    assert strip_glued_furniture("14-51234 5/40 the weight of debt.") == "the weight of debt."
    assert strip_glued_furniture("14-51234 5 the weight of debt.") == "the weight of debt."
    assert strip_glued_furniture("9 14-51234 the weight of debt.") == "the weight of debt."
    assert strip_glued_furniture("14-51234 (E) 1451234 the weight") == "the weight"
    assert strip_glued_furniture("In 2014 the weight of debt.") == "In 2014 the weight of debt."


def test_sentence_cut_by_a_page_break_with_furniture_is_rejoined() -> None:
    text = ("Small States carry a heavy burden of\n\n"
            "14-51234 5/40 debt that we did not choose.\n\nNext paragraph.")
    assert clean_paragraphs(text) == [
        "Small States carry a heavy burden of debt that we did not choose.", "Next paragraph."]


WRAPPED_WITH_NOTE = """The drought of the past two years has struck the herders of the north and
the east, who have lost most of their cattle. The region needs help, and the

This record contains the text of speeches delivered in English and of the
interpretation of speeches delivered in the other languages. Corrections
should be submitted to the original languages only. They should be sent to
the Chief of the Verbatim Reporting Service.

farmers of the valleys need it most, for their wells are dry and their seed
is gone. We ask our partners to stand with them in the coming season, when
the rains are expected to return and the fields can be sown once again."""


def test_verbatim_record_note_is_dropped_and_the_sentence_rejoined() -> None:
    paras = clean_paragraphs(WRAPPED_WITH_NOTE)
    assert len(paras) == 1
    assert "The region needs help, and the farmers of the valleys need it most" in paras[0]
    assert "This record" not in paras[0]


# ------------------------------------------------------------ all repairs


def test_repairs_keep_clean_body_idempotent() -> None:
    text = "The Kingdomâs right to self- determination.\n\nThe Secretary-\nGeneral spoke."
    once = clean_body(normalise(text))
    assert once == "The Kingdom’s right to self-determination.\n\nThe Secretary-General spoke."
    assert clean_body(normalise(once)) == once
