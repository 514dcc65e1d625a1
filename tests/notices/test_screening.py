"""Screening as a pure function: the Red Notice criteria, excluded offences and character signals in the four
languages, with the installed term list."""

from __future__ import annotations

import pytest

from ncbnet.notices.content import NoticeType, parse_content
from ncbnet.notices.extracts import SubjectFacts
from ncbnet.notices.screening import Term, fold, matches, screen
from ncbnet.notices.terms import default_terms

TERMS = [Term(*row) for row in default_terms()]
SUBJECT = SubjectFacts(family_name="DUPONT", forenames="Jean", sex="M", birth_date="1980-05-17", photos=("ab" * 32,))


def red(**over) -> dict:
    content = {
        "summary": "Armed robbery of a jewellery shop in Lyon on 3 March 2025.",
        "charges": [{"description": "armed robbery", "law": "Code pénal art. 311-8", "maximum_penalty_months": 360}],
        "sought_for": "prosecution",
        "warrants": [{"kind": "arrest_warrant", "authority": "Juge d'instruction, Lyon", "issued_on": "2025-03-20",
                      "reference": "MA-2025-118"}],
        "extradition_assurance": True,
    }
    content.update(over)
    return parse_content(NoticeType.RED, content)


def test_a_complete_red_notice_request_passes_without_signal():
    result = screen(NoticeType.RED, red(), SUBJECT, TERMS)
    assert result.passed and not result.flagged, result.as_dict()


@pytest.mark.parametrize("over, field, words", [
    ({"warrants": []}, "content.warrants", "arrest warrant"),
    ({"extradition_assurance": False}, "content.extradition_assurance", "extradition"),
    ({"charges": [{"description": "theft", "law": "art. 1", "maximum_penalty_months": 12}]}, "content.charges",
     "at least 2 years"),
    ({"sought_for": "sentence", "sentence_remaining_months": 4}, "content.sentence_remaining_months", "at least 6"),
])
def test_red_notice_minimum_criteria_fail_with_the_reason(over, field, words):
    result = screen(NoticeType.RED, red(**over), SUBJECT, TERMS)
    assert not result.passed
    reasons = {f.field: f.reason for f in result.failures}
    assert field in reasons and words in reasons[field]


def test_two_years_exactly_and_six_months_exactly_are_enough():
    two_years = red(charges=[{"description": "fraud", "law": "art. 2", "maximum_penalty_months": 24}])
    assert screen(NoticeType.RED, two_years, SUBJECT, TERMS).passed
    six_months = red(sought_for="sentence", sentence_remaining_months=6)
    assert screen(NoticeType.RED, six_months, SUBJECT, TERMS).passed


def test_one_serious_charge_carries_lesser_ones():
    content = red(charges=[{"description": "fraud", "law": "art. 2", "maximum_penalty_months": 60},
                           {"description": "forgery", "law": "art. 3", "maximum_penalty_months": 6}])
    assert screen(NoticeType.RED, content, SUBJECT, TERMS).passed


@pytest.mark.parametrize("subject, missing", [
    (SubjectFacts(family_name="DUPONT", sex="M", birth_date="1980", photos=("x",)), "forename"),
    (SubjectFacts(family_name="DUPONT", forenames="Jean", sex="U", birth_date="1980", photos=("x",)), "sex"),
    (SubjectFacts(family_name="DUPONT", forenames="Jean", sex="M", photos=("x",)), "date of birth"),
    (SubjectFacts(family_name="DUPONT", forenames="Jean", sex="M", birth_date="1980"), "photo"),
])
def test_red_notice_needs_enough_identifiers(subject, missing):
    result = screen(NoticeType.RED, red(), subject, TERMS)
    assert [f.field for f in result.failures] == ["subject"]
    assert missing in result.failures[0].reason


@pytest.mark.parametrize("charge, category", [
    ("breach of contract with a supplier", "private_dispute"),
    ("Rupture de contrat commercial", "private_dispute"),
    ("incumplimiento de contrato", "private_dispute"),
    ("خرق العقد", "private_dispute"),
    ("repeated traffic violation", "administrative"),
    ("Adultère", "lawful_elsewhere"),
    ("aborto", "lawful_elsewhere"),
    ("الزنا", "lawful_elsewhere"),
])
def test_an_excluded_offence_in_any_language_is_refused(charge, category):
    content = red(charges=[{"description": charge, "law": "art. 9", "maximum_penalty_months": 60}])
    result = screen(NoticeType.RED, content, SUBJECT, TERMS)
    assert not result.passed
    assert any(f.category == category and f.field == "content.charges.0.description" for f in result.failures)


@pytest.mark.parametrize("text, category", [
    ("insulting the head of state on social media", "political"),
    ("Offense au chef de l'État", "political"),
    ("injurias al jefe de estado", "political"),
    ("إهانة رئيس الدولة", "political"),
    ("espionage for a foreign power", "military"),
    ("ESPIONNAGE", "military"),
    ("deserción", "military"),
    ("والتجسس لصالح دولة أجنبية", "military"),  # conjunction and article attached
    ("blasphemy", "religious"),
    ("blasphème", "religious"),
    ("ازدراء الأديان", "religious"),
    ("persecuted for his ethnic origin", "racial"),
])
def test_character_signals_flag_but_do_not_refuse(text, category):
    content = red(charges=[{"description": text, "law": "art. 7", "maximum_penalty_months": 120}])
    result = screen(NoticeType.RED, content, SUBJECT, TERMS)
    assert result.passed, result.as_dict()
    assert result.flagged and {s.category for s in result.signals} == {category}


@pytest.mark.parametrize("innocent", [
    "trespassing on a military base is not in this text",  # 'military base' is no term
    "robbery at the espionage museum gift shop",  # still a signal: screening is cautious, reviewers decide
])
def test_signals_are_whole_words(innocent):
    found = {t.term for t in matches(innocent, TERMS)}
    assert ("espionage" in found) == ("espionage" in innocent)


def test_words_inside_other_words_do_not_match():
    assert matches("the treasonable-sounding word 'treasonous' is not 'treason'", [Term("signal", "military", "en",
                                                                                          "treasons")]) == []
    assert matches("abortionist", [Term("excluded", "lawful_elsewhere", "en", "abortion")]) == []


def test_folding_unifies_case_accents_and_arabic_variants():
    assert fold("Lèse-Majesté") == "lese majeste"
    assert fold("إِهانة") == fold("اهانه")


def test_signals_are_looked_for_in_every_text_field():
    content = red(summary="He fled after the blasphemy trial began.")
    result = screen(NoticeType.RED, content, SUBJECT, TERMS)
    assert [s.field for s in result.signals] == ["content.summary"]


def test_a_missing_person_who_cannot_be_named_needs_a_photo_or_description():
    content = parse_content(NoticeType.YELLOW, {"summary": "Found wandering, cannot say who she is.",
                                                "reason": "cannot_identify_self"})
    assert not screen(NoticeType.YELLOW, content, SubjectFacts(), TERMS).passed
    assert screen(NoticeType.YELLOW, content, SubjectFacts(height_cm=160), TERMS).passed
