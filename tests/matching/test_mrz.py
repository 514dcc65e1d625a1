from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ncbnet.matching.identifiers import InvalidIdentifier
from ncbnet.matching.mrz import (
    InvalidMrz,
    MrzCheck,
    check_digit,
    make_td1,
    make_td2,
    make_td3,
    parse_mrz,
)

TODAY = date(2025, 6, 30)  # fixed so the century rule gives the same answers every year

# ICAO Doc 9303 specimens: part 4 (TD3), part 5 (TD1, short and long document number), part 6 (TD2).
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
TD1_LONG = "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"


def parse(text: str):
    return parse_mrz(text, today=TODAY)


def replace(zone: str, line: int, position: int, char: str) -> str:
    """The zone with one character changed (line and position counted from 1, as ICAO does)."""
    lines = zone.split("\n")
    text = lines[line - 1]
    lines[line - 1] = text[: position - 1] + char + text[position:]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", "6"),
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("D23145890734", "9"),
        ("<<<<<<", "0"),
        ("AZ09<", "8"),  # 10*7 + 35*3 + 0*1 + 9*7 + 0*3 = 238
    ],
)
def test_check_digit(data, digit):
    assert check_digit(data) == digit


def test_check_digit_refuses_lowercase():
    with pytest.raises(ValueError):
        check_digit("abc")


@pytest.mark.parametrize(
    ("zone", "fields"),
    [
        (
            TD3,
            dict(format="TD3", document_code="P", document_type="passport", document_number="L898902C3",
                 optional_data="ZE184226B"),
        ),
        (TD1, dict(format="TD1", document_code="I", document_type="identity_card", document_number="D23145890")),
        (TD2, dict(format="TD2", document_code="I", document_type="identity_card", document_number="D23145890")),
    ],
)  # fmt: skip
def test_icao_specimens(zone, fields):
    result = parse(zone)
    assert result.valid, result.problems
    assert result.problems == ()
    for name, value in fields.items():
        assert getattr(result, name) == value
    assert result.issuing_state == "UTO"
    assert result.issuing_country is None  # Utopia is ICAO's imaginary state
    assert result.surname == "ERIKSSON"
    assert result.given_names == ("ANNA", "MARIA")
    assert result.nationality == "UTO"
    assert result.birth_date == "1974-08-12"
    assert result.sex == "F"
    assert result.expiry_date == "2012-04-15"


def test_td3_checks_are_listed_in_order():
    assert parse(TD3).checks == (
        MrzCheck("document_number", True, "6", "6"),
        MrzCheck("birth_date", True, "2", "2"),
        MrzCheck("expiry_date", True, "9", "9"),
        MrzCheck("optional_data", True, "1", "1"),
        MrzCheck("composite", True, "0", "0"),
    )


def test_td1_and_td2_have_no_optional_data_check():
    fields = ["document_number", "birth_date", "expiry_date", "composite"]
    assert [c.field for c in parse(TD1).checks] == fields
    assert [c.field for c in parse(TD2).checks] == fields


def test_td1_long_document_number_continues_in_optional_data():
    result = parse(TD1_LONG)
    assert result.valid, result.problems
    assert result.document_number == "D23145890734"
    assert result.optional_data == ""
    assert result.checks[0] == MrzCheck("document_number", True, "9", "9")
    assert (result.surname, result.given_names) == ("STEVENSON", ("PETER", "JOHN"))
    assert result.birth_date == "1934-07-12"


def test_td2_long_document_number_continues_in_optional_data():
    zone = make_td2(document_number="AB1234567890", issuing_state="FRA", surname="Martin", birth_date="1980-01-02",
                    sex="M", expiry_date="2030-01-01", document_code="ID")  # fmt: skip
    assert zone.split("\n")[1][:10] == "AB1234567<"
    result = parse(zone)
    assert result.valid, result.problems
    assert result.document_number == "AB1234567890"


@pytest.mark.parametrize(
    "text",
    [
        TD3.replace("\n", ""),  # one string of 88 characters
        TD3.replace("\n", "\r\n"),
        TD3.replace("\n", " "),
        "  " + TD3.lower() + "\n\n  ",
    ],
)
def test_input_forms(text):
    result = parse(text)
    assert result.valid
    assert result.lines == tuple(TD3.split("\n"))


@pytest.mark.parametrize(("text", "fmt"), [(TD1.replace("\n", ""), "TD1"), (TD2.replace("\n", ""), "TD2")])
def test_run_together_td1_and_td2(text, fmt):
    assert parse(text).format == fmt


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the machine-readable zone is empty; it should have 3 lines of 30 characters (TD1), 2 of 36 (TD2) "
             "or 2 of 44 (TD3)"),
        (TD3[:-1], "found 2 lines of 44 and 43 characters; a machine-readable zone has 3 lines of 30 characters "
                   "(TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"),
        (TD3.replace("\n", "")[:-1], "found 1 line of 87 characters; a machine-readable zone has 3 lines of 30 "
                                     "characters (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"),
        (TD1.split("\n", 1)[1], "found 2 lines of 30 and 30 characters; a machine-readable zone has 3 lines of 30 "
                                "characters (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"),
        (TD3 + "\nABC", "found 3 lines of 44, 44 and 3 characters; a machine-readable zone has 3 lines of 30 "
                        "characters (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"),
        (replace(TD3, 2, 12, "«"), "line 2 contains '«' at position 12; a machine-readable zone holds only letters "
                                   "A-Z, digits and '<'"),
        (replace(TD1, 3, 1, "É"), "line 3 contains 'É' at position 1; a machine-readable zone holds only letters "
                                  "A-Z, digits and '<'"),
    ],
)  # fmt: skip
def test_wrong_layout_is_refused(text, reason):
    with pytest.raises(InvalidMrz) as exc:
        parse(text)
    assert exc.value.reason == reason
    assert exc.value.field == "mrz"
    assert isinstance(exc.value, InvalidIdentifier)


@pytest.mark.parametrize(
    ("zone", "failed", "problems"),
    [
        (replace(TD3, 2, 1, "M"), {"document_number", "composite"},
         ("check digit of the document number is 6, expected 3",
          "check digit of the zone as a whole (composite) is 0, expected 7")),
        (replace(TD3, 2, 10, "<"), {"document_number", "composite"},
         ("check digit of the document number is missing, expected 6",
          "check digit of the zone as a whole (composite) is 0, expected 8")),
        (replace(TD3, 2, 20, "3"), {"birth_date", "composite"},
         ("check digit of the date of birth is 3, expected 2",
          "check digit of the zone as a whole (composite) is 0, expected 3")),
        (replace(TD3, 2, 30, "F"), {"optional_data", "composite"},
         ("check digit of the optional data is 1, expected 4",
          "check digit of the zone as a whole (composite) is 0, expected 3")),
        (replace(TD3, 2, 44, "5"), {"composite"}, ("check digit of the zone as a whole (composite) is 5, expected 0",)),
        (replace(TD1, 1, 15, "1"), {"document_number", "composite"},
         ("check digit of the document number is 1, expected 7",
          "check digit of the zone as a whole (composite) is 6, expected 4")),
        (replace(TD2, 2, 36, "<"), {"composite"}, ("check digit of the zone as a whole (composite) is missing, expected 6",)),
    ],
)  # fmt: skip
def test_wrong_check_digits_are_reported_not_refused(zone, failed, problems):
    result = parse(zone)
    assert not result.valid
    assert {c.field for c in result.checks if not c.ok} == failed
    assert result.problems == problems
    assert result.surname == "ERIKSSON"  # the document is still read, so it can be searched


@pytest.mark.parametrize(
    ("birth", "read", "problem"),
    [
        ("740812", "1974-08-12", None),
        ("7408<<", "1974-08", None),
        ("74<<<<", "1974", None),
        ("<<<<<<", "", None),
        ("251231", "2025-12-31", "date of birth 2025-12-31 is in the future"),
        ("250630", "2025-06-30", None),
        ("260101", "1926-01-01", None),
        ("000229", "2000-02-29", None),
        ("741312", "", "date of birth 741312 is not a date: there is no month 13"),
        ("740230", "", "date of birth 740230 is not a date: there is no day 30 in 1974-02"),
        ("990229", "", "date of birth 990229 is not a date: there is no day 29 in 1999-02"),
        ("74O812", "", "date of birth 74O812 is not a date: there is no month O8"),
        ("7A0812", "", "date of birth 7A0812 is not a date"),
        ("<<0812", "", "date of birth <<0812 is not a date"),
    ],
)
def test_birth_dates(birth, read, problem):
    zone = TD3.replace("7408122", birth + check_digit(birth))
    result = parse(zone)
    assert result.birth_date == read
    assert [p for p in result.problems if not p.startswith("check digit of the zone")] == (
        [problem] if problem else []
    )
    assert next(c for c in result.checks if c.field == "birth_date").ok


@pytest.mark.parametrize(
    ("expiry", "read", "problem"),
    [
        ("991231", "2099-12-31", None),
        ("300101", "2030-01-01", None),
        ("<<<<<<", "", None),
        ("3001<<", "", "expiry date 3001<< is not a date: there is no day << in 2030-01"),
        ("310229", "", "expiry date 310229 is not a date: there is no day 29 in 2031-02"),
        ("AB0101", "", "expiry date AB0101 is not a date"),
    ],
)
def test_expiry_dates_are_always_this_century(expiry, read, problem):
    zone = TD1.replace("1204159", expiry + check_digit(expiry))
    result = parse(zone)
    assert result.expiry_date == read
    assert [p for p in result.problems if not p.startswith("check digit of the zone")] == (
        [problem] if problem else []
    )


def test_century_follows_the_current_year():
    zone = TD3.replace("7408122", "250101" + check_digit("250101"))
    assert parse_mrz(zone, today=date(2024, 12, 31)).birth_date == "1925-01-01"
    assert parse_mrz(zone, today=date(2025, 1, 1)).birth_date == "2025-01-01"


@pytest.mark.parametrize(("char", "sex", "problem"), [("M", "M", None), ("F", "F", None), ("<", "X", None),
                                                      ("X", "X", None), ("K", "X", "sex K is not F, M or <")])  # fmt: skip
def test_sex(char, sex, problem):
    result = parse(replace(TD2, 2, 21, char))
    assert result.sex == sex
    assert (problem in result.problems) if problem else all("sex" not in p for p in result.problems)


@pytest.mark.parametrize(
    ("code", "kind"),
    [("P<", "passport"), ("PN", "passport"), ("PD", "passport"), ("I<", "identity_card"), ("ID", "identity_card"),
     ("AC", "identity_card"), ("C<", "identity_card"), ("IR", "residence_permit"), ("R<", "residence_permit"),
     ("RP", "residence_permit"), ("V<", "visa"), ("VB", "visa"), ("X<", "other"), ("<<", "other")],
)  # fmt: skip
def test_document_types(code, kind):
    result = parse(code + TD2[2:])
    assert result.document_code == code.replace("<", "")
    assert result.document_type == kind


@pytest.mark.parametrize(("state", "written", "iso2"), [("D<<", "D", "DE"), ("FRA", "FRA", "FR"),
                                                        ("RKS", "RKS", "XK"), ("XXA", "XXA", None),
                                                        ("ZZZ", "ZZZ", None)])  # fmt: skip
def test_issuing_state(state, written, iso2):
    result = parse(TD1[:2] + state + TD1[5:])
    assert (result.issuing_state, result.issuing_country) == (written, iso2)


def test_name_with_digits_is_a_problem():
    result = parse(replace(TD3, 1, 8, "1"))
    assert result.surname == "ER1KSSON"
    assert result.problems == ("the name contains the digits 1; the zone may be misread",)


def test_name_without_given_names_and_compound_surname():
    zone = make_td3(document_number="X1", issuing_state="ESP", surname="de la Vega", birth_date="1990-01-01",
                    sex="M", expiry_date="2030-01-01")  # fmt: skip
    assert zone.startswith("P<ESPDE<LA<VEGA<<<<")
    result = parse(zone)
    assert (result.surname, result.given_names) == ("DE LA VEGA", ())


@pytest.mark.parametrize(
    ("surname", "given", "field"),
    [
        ("Müller-Lüdenscheidt", "Jürgen", "MUELLER<LUEDENSCHEIDT<<JUERGEN"),
        ("O'Brien", "Seán", "OBRIEN<<SEAN"),
        ("Çelik", "Ayşe", "CELIK<<AYSE"),
        ("Øvergård", "Bjørn", "OEVERGAARD<<BJOERN"),
        ("Иванов", "Иван", "IVANOV<<IVAN"),
    ],
)
def test_builders_transliterate_names(surname, given, field):
    zone = make_td1(document_number="1", issuing_state="D", surname=surname, given_names=given,
                    birth_date="1980-01-01", sex="F", expiry_date="2030-01-01")  # fmt: skip
    assert zone.split("\n")[2].rstrip("<") == field


def test_visa_zones_have_no_composite_check():
    zone = make_td3(document_number="L8988901C", issuing_state="UTO", surname="Eriksson", given_names="Anna",
                    birth_date="1940-09-07", sex="F", expiry_date="2096-12-10", document_code="V",
                    nationality="XXX", optional_data="ZE184226B")  # fmt: skip
    assert zone.split("\n")[1] == "L8988901C4XXX4009078F9612109ZE184226B<<<<<<<"
    result = parse(zone)
    assert result.valid
    assert [c.field for c in result.checks] == ["document_number", "birth_date", "expiry_date"]
    assert (result.document_type, result.optional_data) == ("visa", "ZE184226B")


def test_builder_refuses_what_does_not_fit():
    with pytest.raises(ValueError, match="does not fit"):
        make_td3(document_number="1234567890", issuing_state="FRA", surname="A", birth_date="1980-01-01", sex="M",
                 expiry_date="2030-01-01")  # fmt: skip


# --- round trips ---------------------------------------------------------------------------------

words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
BUILDERS = {"TD1": (make_td1, 30, 22), "TD2": (make_td2, 31, 14), "TD3": (make_td3, 39, 9)}


@st.composite
def documents(draw: st.DrawFn, fmt: str, visa: bool = False) -> dict:
    _, name_width, max_number = BUILDERS[fmt]
    if visa:
        max_number = 9
    surname = draw(st.lists(words, min_size=1, max_size=2))
    given = tuple(draw(st.lists(words, max_size=3)))
    assume(len("<".join(surname)) + len("<<" + "<".join(given) if given else "") <= name_width)
    number = draw(st.text(alphabet=alnum, min_size=1, max_size=max_number))
    optional_room = {"TD1": 15, "TD2": 7, "TD3": 14}[fmt] if not visa else {"TD2": 8, "TD3": 16}[fmt]
    if len(number) > 9:
        optional_room -= len(number) - 9 + 2
    assume(optional_room >= 0)
    return dict(
        document_number=number,
        issuing_state=draw(st.sampled_from(["D", "UTO", "FRA", "XKX", "KEN", "GBD"])),
        nationality=draw(st.sampled_from(["D", "UTO", "USA", "XXA"])),
        surname=" ".join(surname),
        given_names=given,
        birth_date=draw(st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY)).isoformat(),
        sex=draw(st.sampled_from("MFX")),
        expiry_date=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))).isoformat(),
        optional_data=draw(st.text(alphabet=alnum, max_size=optional_room)),
        document_code=draw(st.sampled_from(["V", "VB"] if visa else ["P", "PN", "I", "ID", "AC", "IR", "C"])),
    )


def assert_round_trip(fmt: str, fields: dict) -> str:
    zone = BUILDERS[fmt][0](**fields)
    result = parse(zone)
    assert result.valid, result.problems
    assert result.format == fmt
    assert result.surname == fields["surname"]
    assert result.given_names == fields["given_names"]
    for name in ("document_number", "issuing_state", "nationality", "birth_date", "sex", "expiry_date",
                 "optional_data", "document_code"):  # fmt: skip
        assert getattr(result, name) == fields[name], name
    return zone


@pytest.mark.parametrize("fmt", ["TD1", "TD2", "TD3"])
@given(data=st.data())
def test_round_trip(fmt, data):
    assert_round_trip(fmt, data.draw(documents(fmt)))


@pytest.mark.parametrize("fmt", ["TD2", "TD3"])
@given(data=st.data())
def test_visa_round_trip(fmt, data):
    assert_round_trip(fmt, data.draw(documents(fmt, visa=True)))


@pytest.mark.parametrize("fmt", ["TD1", "TD2", "TD3"])
@given(data=st.data())
def test_one_changed_digit_fails_a_check(fmt, data):
    zone = BUILDERS[fmt][0](**data.draw(documents(fmt)))
    lines = zone.split("\n")
    # ICAO 9303 part 3 §4.9: every digit outside the name lines is covered by a check digit, and the
    # weights 7, 3, 1 are all prime to 10, so changing one digit always changes the sum.
    places = [(i, j) for i, line in enumerate(lines) for j, ch in enumerate(line) if ch.isdigit()]
    line, position = data.draw(st.sampled_from(places))
    old = lines[line][position]
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != old]))
    lines[line] = lines[line][:position] + new + lines[line][position + 1 :]
    result = parse("\n".join(lines))
    assert not result.valid
    assert any(not check.ok for check in result.checks)
