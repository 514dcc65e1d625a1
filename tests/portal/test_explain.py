"""The engines' English explanations, problems and findings, read by the portal's table: the lines are made by
calling the engines themselves, every one of them is known and comes back word for word in English, and every
template of the table is a sentence some engine really writes."""

from __future__ import annotations

import types
import typing
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from pydantic import BaseModel

from ncbnet.matching.dates import compare_dates, parse_date_spec
from ncbnet.matching.identifiers import parse_vin
from ncbnet.matching.mrz import make_td3, parse_mrz
from ncbnet.matching.names import analyse_name, compare_names
from ncbnet.matching.persons import PersonCandidate, PersonQuery, score_person
from ncbnet.notices.content import CONTENT, NoticeType, parse_content
from ncbnet.notices.extracts import SubjectFacts
from ncbnet.notices.screening import Finding, Term, screen
from ncbnet.notices.terms import default_terms
from ncbnet.portal import explain
from ncbnet.records import services
from ncbnet.records.identifier_search import IdentifierQuery, check_identifiers
from tests.portal.conftest import signed_in
from tests.records.conftest import passport

TODAY = date(2026, 6, 1)
TERMS = [Term(*row) for row in default_terms()]
# Categories the General Secretariat may add to the list later: read by the generic templates.
NEW_CATEGORIES = [Term("signal", "ideological", "en", "manifesto"), Term("excluded", "tax_matter", "en", "tax arrears")]
SUBJECT = SubjectFacts(family_name="DUPONT", forenames="Jean", sex="M", birth_date="1980-05-17", photos=("ab" * 32,))
UNREACHABLE = {"the VIN's check digit does not match"}  # identifier_search's fallback: parse_vin always says more


# --- lines from the engines ---------------------------------------------------------------------------------

def _person(name: str, birth: str | None = None, sex: str | None = None, nationality: str | None = None):
    return PersonQuery(names=(analyse_name(name),), birth=parse_date_spec(birth, today=TODAY) if birth else None,
                       sex=sex, nationality=nationality)


def _record(*names: str, birth: str | None = "1980-05-17", sex: str | None = "M", nationalities=("SA",)):
    return PersonCandidate(names=tuple(analyse_name(n) for n in names),
                           birth=parse_date_spec(birth, today=TODAY) if birth else None, sex=sex,
                           nationalities=tuple(nationalities))


NAME_PAIRS = [  # query, record: every relation of two words, and unmatched words on either side
    ("John Smith", "John Smith"),  # same
    ("Muhammad Ali", "Mohammed Ali"),  # spelling variant
    ("Rashid Omar", "Alrashid Omar"),  # same name, particle aside
    ("Iwanow Piotr", "Ivanov Piotr"),  # same name, romanisation aside
    ("J. Smith", "John Smith"),  # the query's initial
    ("John Smith", "J. Smith"),  # the record's initial
    ("Garciamarquez", "Garcia Marquez"),  # written together
    ("Garcia Marquez", "Garciamarquez"),
    ("Abdulrahman Khalid", "Abd al-Rahman Khalid"),
    ("Jon Smiht", "John Smith"),  # close spelling
    ("Omar Ali Hassan", "Omar Hassan"),  # middle name not in the record
    ("Omar Hassan Khalil", "Omar Hassan"),  # last name not in the record
    ("Omar Hassan", "Omar Ali Hassan"),  # the record's middle name
    ("Omar Hassan", "Omar Hassan Khalil"),  # the record's last name
    ("Wei Zhang", "Zhang Wei"),  # another order
    ("John Smith", "Pierre Dupont"),  # nothing in common
]
DATE_PAIRS = [  # query, record: every outcome of compare_dates
    ("1980-05-17", "1980-05-17"), ("1980-05", "1980-05"), ("1975..1980", "1975..1980"),
    ("1980-05-07", "1980-07-05"), ("1981-05-17", "1980-05-17"), ("1980-05-18", "1980-05-17"),
    ("1985-01-17", "1958-01-17"), ("1980", "1981-05-17"), ("1970-01-01", "1980-05-17"),
    ("1980-05-17", "1980"), ("1980", "1980-05-17"), ("1975..1980", "1978..1985"),
]


def person_lines() -> list[str]:
    lines: list[str] = []
    for query, record in NAME_PAIRS:
        lines += compare_names(analyse_name(query), analyse_name(record)).explanation
        lines += score_person(_person(query), _record(record)).explanation
    for query, record in DATE_PAIRS:
        lines.append(compare_dates(parse_date_spec(query, today=TODAY), parse_date_spec(record, today=TODAY)).explanation)
        lines += score_person(_person("Omar Hassan", query), _record("Omar Hassan", birth=record)).explanation
    lines += score_person(_person("Omar Hassan", "1980"), _record("Omar Hassan", birth=None)).explanation
    lines += score_person(_person("Omar Hassan", sex="M"), _record("Omar Hassan", sex="F")).explanation
    lines += score_person(_person("Omar Hassan", sex="F"), _record("Omar Hassan", sex="M")).explanation
    lines += score_person(_person("Omar Hassan", sex="M"), _record("Omar Hassan", sex="M")).explanation
    lines += score_person(_person("Omar Hassan", nationality="sa"), _record("Omar Hassan")).explanation
    lines += score_person(_person("Omar Hassan", nationality="EG"),
                          _record("Omar Hassan", nationalities=("SA", "JO"))).explanation
    lines += score_person(_person("Omar Hassan"), _record()).explanation  # a record without a name
    return lines


def _zone(**over) -> tuple[str, str]:
    fields = {"document_number": "12AB34567", "issuing_state": "FRA", "surname": "MARTIN", "given_names": ["JEAN"],
              "birth_date": "1980-05-17", "sex": "M", "expiry_date": "2030-01-14", "nationality": "FRA",
              "optional_data": "ZE184226B"}
    top, bottom = make_td3(**{**fields, **over}).splitlines()
    return top, bottom


def _changed(bottom: str, position: int, text: str) -> str:
    return bottom[:position] + text + bottom[position + len(text):]


def _other_digit(digit: str) -> str:
    return "1" if digit == "0" else "0"


def mrz_zones() -> list[tuple[str, date]]:
    """Zones with every problem the MRZ reader reports (TD3: number 0-9, birth 13-19, sex 20, expiry 21-27,
    optional data 28-42, composite 43)."""
    top, bottom = _zone()
    zones = [_changed(bottom, at, _other_digit(bottom[at])) for at in (9, 19, 27, 42, 43)]
    zones += [_changed(bottom, at, "<") for at in (9, 19, 27, 42, 43)]
    zones += [_changed(bottom, 13, raw) for raw in ("AB0101", "<<0101", "801317", "800132")]
    zones += [_changed(bottom, 21, raw) for raw in ("AB0101", "301317", "300132")]
    zones.append(_changed(bottom, 20, "Z"))
    found = [(f"{top}\n{zone}", TODAY) for zone in zones]
    found.append(("\n".join(_zone(surname="MART1N")), TODAY))
    found.append(("\n".join(_zone(birth_date="2026-09-01")), TODAY))
    return found


VINS = ["1HGCM82643A004352", "1HGCM82633A0O4352", "1HGCM8I6Q3A004352"]  # check digit; letters O, I and Q


def mrz_and_vin_lines() -> list[str]:
    lines = [p for zone, today in mrz_zones() for p in parse_mrz(zone, today=today).problems]
    return lines + [w for vin in VINS for w in parse_vin(vin).warnings]


def _red(**over) -> dict:
    content = {"summary": "Armed robbery of a jewellery shop in Lyon on 3 March 2025.",
               "charges": [{"description": "armed robbery", "law": "Code pénal art. 311-8", "maximum_penalty_months": 360}],
               "sought_for": "prosecution",
               "warrants": [{"kind": "arrest_warrant", "authority": "Juge d'instruction, Lyon", "issued_on": "2025-03-20",
                             "reference": "MA-2025-118"}],
               "extradition_assurance": True, **over}
    return parse_content(NoticeType.RED, content)


def screening_findings() -> list[Finding]:
    terms = TERMS + NEW_CATEGORIES
    red = [
        (_red(warrants=[], extradition_assurance=False), SubjectFacts()),
        (_red(sought_for="sentence", sentence_remaining_months=4), SUBJECT),
        (_red(charges=[{"description": "theft", "law": "art. 1", "maximum_penalty_months": 12}]), SUBJECT),
        (_red(charges=[{"description": "breach of contract", "law": "art. 2", "maximum_penalty_months": 60},
                       {"description": "traffic violation", "law": "art. 3", "maximum_penalty_months": 60},
                       {"description": "consommation d'alcool", "law": "art. 4", "maximum_penalty_months": 60},
                       {"description": "tax arrears", "law": "art. 5", "maximum_penalty_months": 60}],
              summary="Sedition and espionage, blasphemy, ethnic minority, a manifesto."), SUBJECT),
    ]
    red += [(_red(), SubjectFacts(family_name="DUPONT", forenames="Jean", sex=sex, birth_date=birth, photos=photos))
            for sex, birth, photos in (("U", "1980", ("x",)), ("M", "", ("x",)), ("M", "1980", ()), ("U", "", ()))]
    others = [
        (NoticeType.BLACK, {"summary": "A body.", "found_on": "2025-01-01", "found_at": "Lyon"}, SubjectFacts()),
        (NoticeType.YELLOW, {"summary": "Found wandering.", "reason": "cannot_identify_self"}, SubjectFacts(sex="F")),
        (NoticeType.BLUE, {"summary": "Who is he?", "information_sought": ["identity"], "offences": ["unpaid debt"]},
         SubjectFacts(sex="M")),
        (NoticeType.SILVER, {"summary": "Assets.", "assets": [{"kind": "vessel", "description": "a yacht"}],
                             "linked_offences": ["failure to pay a fine"]}, SUBJECT),
    ]
    findings: list[Finding] = []
    for kind, content, subject in [(NoticeType.RED, c, s) for c, s in red] + others:
        result = screen(kind, parse_content(kind, content), subject, terms)
        findings += result.failures + result.signals
    return findings


def identifier_lines(world) -> list[str]:
    owner, searcher = world.actor(world.officer("FR")), world.actor(world.officer("DE"))
    services.create_record(owner, "travel_document", passport("12AB34567"))
    services.create_record(owner, "vehicle", {"national_reference": "V1", "vin": "1HGCM82633A004352",
                                              "plate": "AB-123-CD", "plate_country": "FR"})
    services.create_record(owner, "firearm", {"national_reference": "F1", "make": "Glock", "firearm_type": "pistol",
                                              "serial_number": "BXK-472"})
    zone, _ = mrz_zones()[0]
    queries = [IdentifierQuery("number", "12AB34567", "FRA", "passport"), IdentifierQuery("number", "I2A834S67"),
               IdentifierQuery("mrz", zone), IdentifierQuery("vin", "1HGCM82633A004352"),
               IdentifierQuery("vin", "1HGCM82633A0043S2"), IdentifierQuery("vin", "1HGCM82633A0O4352"),
               IdentifierQuery("plate", "ab 123 cd", "FR"), IdentifierQuery("serial_number", "BXK-472"),
               IdentifierQuery("serial_number", "8XK472")]
    answers = check_identifiers(searcher, queries)
    assert [(a.query, a.error, a.problems) for a in answers if not a.matches] == []
    return [line for a in answers for line in (*a.problems, *(w for m in a.matches for w in m.explanation))]


def _check(lines: list[str]) -> None:
    assert lines
    unknown = [line for line in lines if not explain.known(line)]
    assert unknown == [], "engine lines no template reads"
    with translation.override("en"):
        assert [explain.translate(line) for line in lines] == lines


# --- every line is known and reads back the same in English -------------------------------------------------

def test_every_person_match_explanation_is_known_and_reads_back_in_english():
    _check(person_lines())


def test_every_mrz_and_vin_problem_is_known_and_reads_back_in_english():
    _check(mrz_and_vin_lines())


def test_every_screening_finding_is_known_and_its_field_named():
    findings = screening_findings()
    _check([f.reason for f in findings])
    assert [f.field for f in findings if not explain.known_field(f.field)] == []


@pytest.mark.django_db
def test_every_identifier_explanation_and_problem_is_known_and_reads_back_in_english(world):
    _check(identifier_lines(world))


@pytest.mark.django_db
def test_every_template_is_a_sentence_an_engine_writes(world):
    lines = person_lines() + mrz_and_vin_lines() + [f.reason for f in screening_findings()] + identifier_lines(world)
    with translation.override(None):
        table = {str(t) for t in explain.TEMPLATES}
    assert len(table) == len(explain.TEMPLATES)
    assert table - {explain.template(line) for line in lines} == UNREACHABLE


# --- the table's choices ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, template", [
    ("possible military character: 'espionage'", "possible military character: '%(term)s'"),
    ("possible ideological character: 'manifesto'", "possible %(signal)s character: '%(term)s'"),
    ("check digit of the expiry date is missing, expected 4", "check digit of the expiry date is missing, expected %(expected)s"),
    ("middle name 'ali' not in the record", "middle name '%(name)s' not in the record"),
    ("the record also has the middle name 'ali'", "the record also has the middle name '%(name)s'"),
    ("date of birth 80AB12 is not a date: there is no month AB", "date of birth %(raw)s is not a date: there is no month %(month)s"),
])
def test_the_specific_sentence_wins_over_the_general_one(line, template):
    assert explain.template(line) == template


@pytest.mark.parametrize("line", [
    "", "something the engines never say", "'john' matches exactly", "date of birth matches exactly!",
    "sex differs: query X, record M", "check digit of the document number is 12, expected 3",
])
def test_an_unknown_line_is_returned_unchanged(line):
    assert not explain.known(line)
    with translation.override("fr"):
        assert explain.translate(line) == line


def test_the_data_in_a_line_stays_as_it_is():
    line = "'BREACH of contract\n<b>x</b> d'alcool' falls under an excluded offence category (private dispute: 'breach of contract')"
    with translation.override("en"):
        assert explain.translate(line) == line
    assert explain.template("nationality differs: query EG, record SA, JO") == \
        "nationality differs: query %(country)s, record %(countries)s"


def test_a_list_of_missing_identifiers_screening_did_not_write_is_kept_whole():
    line = "not enough identifiers to identify the person: sex, fingerprints missing"
    with translation.override("en"):
        assert explain.translate(line) == line


@pytest.mark.parametrize("field, name", [
    ("subject", "subject"),
    ("content.warrants", "warrants"),
    ("content.charges", "charges"),
    ("content.extradition_assurance", "extradition assurance"),
    ("content.sentence_remaining_months", "remaining sentence"),
    ("content.charges.0.description", "charge 1 › description"),
    ("content.warrants.1.authority", "warrant 2 › issuing authority"),
    ("content.linked_offences.2", "linked offence 3"),
    ("content.entity.aliases.0", "sanctioned entity › other name 1"),
    ("content.summary", "summary"),
    ("content.nonsense", "content.nonsense"),
    ("content.charges.x", "content.charges.x"),
    ("content.summary.0", "content.summary.0"),
    ("content", "content"),
    ("", ""),
])
def test_field_names(field, name):
    with translation.override("en"):
        assert explain.field_name(field) == name


def _sample(annotation) -> object:
    """A value of the annotated type with the military signal 'espionage' in every piece of text."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _sample(args[0])
    if origin in (typing.Union, types.UnionType):
        return _sample(next(a for a in args if a is not type(None)))
    if origin is list:
        return [_sample(args[0])]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {name: _sample(f.annotation) for name, f in annotation.model_fields.items()}
    if annotation is bool:
        return True
    if annotation is int:
        return 60
    return "espionage"


@pytest.mark.parametrize("kind", list(NoticeType))
def test_every_text_field_of_every_notice_type_has_a_name(kind):
    result = screen(kind, typing.cast(dict, _sample(CONTENT[kind])), SUBJECT, TERMS)
    assert result.signals
    assert [s.field for s in result.signals if not explain.known_field(s.field)] == []


# --- the filters in the pages ---------------------------------------------------------------------------------

def test_the_screening_shows_fields_and_reasons_through_the_table():
    result = screen(NoticeType.RED, _red(charges=[{"description": "breach of contract", "law": "art. 2",
                                                   "maximum_penalty_months": 60}], summary="Acts of <b>sedition</b>."),
                    SUBJECT, TERMS)
    with translation.override("en"):
        html = render_to_string("portal/_screening.html", {"result": result})
    assert escape("charge 1 › description: 'breach of contract' falls under an excluded offence category "
                  "(private dispute: 'breach of contract')") in html
    assert escape("summary: possible political character: 'sedition'") in html


@pytest.mark.django_db
def test_the_search_page_shows_why_and_the_mrz_problems_through_the_table(world):
    services.create_record(world.actor(world.officer("FR")), "travel_document", passport("12AB34567"))
    zone, _ = mrz_zones()[0]
    page = signed_in(world.officer("DE")).post("/portal/search/documents/", {"mrz": zone}).content.decode()
    problems = parse_mrz(zone).problems
    assert problems and all(escape(p) in page for p in problems)
    assert "document number matches exactly" in page and "issuing country matches" in page
