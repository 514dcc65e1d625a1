import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ncbnet.matching.identifiers import (
    VIN_ALPHABET,
    InvalidIdentifier,
    country_iso2,
    document_key,
    fold_scanned,
    icao_to_iso2,
    iso2_to_icao,
    parse_vin,
    plate_key,
    serial_key,
    vin_check_digit,
)

KEY = re.compile(r"[A-Z0-9]+")


# --- document numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("L898902C3", "L898902C3"),
        ("  ab 12-34.56/7 ", "AB1234567"),
        ("L898902C3<<", "L898902C3"),
        ("ＡＢ１２３", "AB123"),  # full-width characters from East Asian keyboards (NFKC)
        ("AB\u2013123\u00a0456", "AB123456"),  # en dash and no-break space from word processors
        ("a" * 20, "A" * 20),
    ],
)
def test_document_key_normalises(raw, key):
    assert document_key(raw) == key


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "the document number is empty"),
        (" -./< ", "the document number is empty"),
        ("AB#123", "the document number contains '#'; only letters A-Z, digits and separators are allowed"),
        ("ÉA123", "the document number contains 'É'; only letters A-Z, digits and separators are allowed"),
        ("Ж12345", "the document number contains 'Ж'; only letters A-Z, digits and separators are allowed"),
        ("A" * 21, "the document number has 21 letters and digits; at most 20 are allowed"),
    ],
)
def test_document_key_refuses(raw, reason):
    with pytest.raises(InvalidIdentifier) as exc:
        document_key(raw)
    assert exc.value.reason == reason
    assert exc.value.field == "document_number"
    assert str(exc.value) == reason


def test_document_key_separators_do_not_count_towards_length():
    assert document_key("AB-CD-EF-GH-IJ-KL-MN-OP-QR-ST") == "ABCDEFGHIJKLMNOPQRST"


document_like = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefxyz0123456789 -./<", min_size=1, max_size=30
)


@given(document_like)
def test_document_key_is_idempotent_and_plain(raw):
    try:
        key = document_key(raw)
    except InvalidIdentifier:
        return
    assert KEY.fullmatch(key)
    assert document_key(key) == key
    assert len(key) <= 20


@given(st.text(max_size=25))
def test_document_key_either_refuses_or_gives_a_plain_key(raw):
    try:
        key = document_key(raw)
    except InvalidIdentifier as exc:
        assert exc.reason
        return
    assert KEY.fullmatch(key)


# --- scan confusions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "folded"),
    [
        ("AB1O20", "A81020"),
        ("A81020", "A81020"),
        ("OQD", "000"),
        ("IL", "11"),
        ("ZSBG", "2586"),
        ("ACEFHJKMNPRTUVWXY", "ACEFHJKMNPRTUVWXY"),
    ],
)
def test_fold_scanned(key, folded):
    assert fold_scanned(key) == folded


def test_misread_number_meets_the_original():
    assert fold_scanned(document_key("ab1o20")) == fold_scanned(document_key("A8-1020"))


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", max_size=20))
def test_fold_scanned_is_idempotent_and_plain(key):
    once = fold_scanned(key)
    assert fold_scanned(once) == once
    assert len(once) == len(key)
    assert not set(once) & set("OQDILZSBG")


# --- country codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("icao", "iso2"),
    [
        ("FRA", "FR"),
        ("usa", "US"),
        ("D", "DE"),
        ("D<<", "DE"),
        ("DEU", "DE"),
        ("XKX", "XK"),
        ("RKS", "XK"),
        ("GBR", "GB"),
        ("GBD", "GB"),
        ("GBN", "GB"),
        ("GBO", "GB"),
        ("GBP", "GB"),
        ("GBS", "GB"),
        ("KEN", "KE"),
    ],
)
def test_icao_to_iso2(icao, iso2):
    assert icao_to_iso2(icao) == iso2


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("UTO", "unknown country code 'UTO'"),
        ("FR", "unknown country code 'FR'"),
        ("", "unknown country code ''"),
        ("XXA", "country code XXA designates a stateless person, not a country"),
        ("UNO", "country code UNO designates the United Nations Organization, not a country"),
    ],
)
def test_icao_to_iso2_refuses(code, reason):
    with pytest.raises(InvalidIdentifier) as exc:
        icao_to_iso2(code)
    assert exc.value.reason == reason
    assert exc.value.field == "country"


@pytest.mark.parametrize(
    ("iso2", "icao"), [("FR", "FRA"), ("de", "D"), ("XK", "XKX"), ("GB", "GBR"), ("CN", "CHN")]
)
def test_iso2_to_icao(iso2, icao):
    assert iso2_to_icao(iso2) == icao


@pytest.mark.parametrize("code", ["ZZ", "FRA", "", "U"])
def test_iso2_to_icao_refuses(code):
    with pytest.raises(InvalidIdentifier, match="unknown country code"):
        iso2_to_icao(code)


@pytest.mark.parametrize(
    ("code", "iso2"),
    [("FR", "FR"), ("fr", "FR"), ("FRA", "FR"), ("D", "DE"), ("DE", "DE"), ("XK", "XK"), ("RKS", "XK")],
)
def test_country_iso2_accepts_both_forms(code, iso2):
    assert country_iso2(code) == iso2


@pytest.mark.parametrize("code", ["ZZ", "UTO", "A", "FRAN", ""])
def test_country_iso2_refuses_unknown(code):
    with pytest.raises(InvalidIdentifier):
        country_iso2(code)


@given(st.sampled_from(["FR", "US", "DE", "XK", "KE", "CN", "BR", "EG", "GB", "JP"]))
def test_iso2_icao_round_trip(iso2):
    assert icao_to_iso2(iso2_to_icao(iso2)) == iso2


# --- VINs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "vin",
    [
        "1M8GDM9AXKP042788",  # the 49 CFR 565 worked example: check digit X
        "11111111111111111",  # famous all-ones VIN, check digit 1
        "1HGCM82633A004352",
        "5YJSA1E18HF000001",
    ],
)
def test_vin_check_digit_of_known_vins(vin):
    assert vin_check_digit(vin) == vin[8]
    assert parse_vin(vin).check_digit == "valid"


@pytest.mark.parametrize(
    ("raw", "vin", "check", "warnings"),
    [
        ("1m8gdm9a-xkp 042788", "1M8GDM9AXKP042788", "valid", ()),
        (
            "1M8GDM9A1KP042788",
            "1M8GDM9A1KP042788",
            "invalid",
            ("check digit (9th character) of the VIN is 1, expected X",),
        ),
        (
            "LSVAB2180E2100001",  # Chinese WMI: the check digit is mandatory
            "LSVAB2180E2100001",
            "invalid",
            ("check digit (9th character) of the VIN is 0, expected 8",),
        ),
        ("WVWZZZ1KZAW000001", "WVWZZZ1KZAW000001", "not_applicable", ()),  # European: position 9 is free
        ("WVWZZZ1K0AW000001", "WVWZZZ1K0AW000001", "valid", ()),
        (
            "1M8GDM9AXKPO427B8",
            "1M8GDM9AXKP0427B8",
            "invalid",
            (
                "a VIN never contains the letters I, O or Q; read O as 1 or 0",
                "check digit (9th character) of the VIN is X, expected 3",
            ),
        ),
        (
            "1M8GDM9AXKPO42788",
            "1M8GDM9AXKP042788",
            "valid",
            ("a VIN never contains the letters I, O or Q; read O as 1 or 0",),
        ),
    ],
)
def test_parse_vin(raw, vin, check, warnings):
    result = parse_vin(raw)
    assert result.vin == vin
    assert result.check_digit == check
    assert result.warnings == warnings
    assert result.key == fold_scanned(vin)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1M8GDM9AXKP04278", "a VIN has 17 characters; this one has 16"),
        ("1M8GDM9AXKP0427888", "a VIN has 17 characters; this one has 18"),
        ("", "a VIN has 17 characters; this one has 0"),
        ("1M8GDM9AXKP04278#", "the VIN contains '#'; only letters A-Z and digits are allowed"),
    ],
)
def test_parse_vin_refuses(raw, reason):
    with pytest.raises(InvalidIdentifier) as exc:
        parse_vin(raw)
    assert exc.value.reason == reason
    assert exc.value.field == "vin"


def test_vin_check_digit_refuses_illegal_letters():
    with pytest.raises(InvalidIdentifier, match="cannot contain 'O'"):
        vin_check_digit("1M8GDM9AXKPO42788")


vin_chars = st.sampled_from(VIN_ALPHABET)
# 49 CFR 565.15 table, written out again so the test does not trust the module's copy.
TRANSLITERATION = dict(
    zip("0123456789ABCDEFGHJKLMNPRSTUVWXYZ", map(int, "012345678912345678123457923456789"), strict=True)
)


@st.composite
def north_american_vins(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from("12345"))
    rest = "".join(draw(st.lists(vin_chars, min_size=16, max_size=16)))
    body = first + rest
    return body[:8] + vin_check_digit(body) + body[9:]


@given(st.sampled_from("12345LJKSWVZ"), st.lists(vin_chars, min_size=16, max_size=16))
def test_vin_with_correct_check_digit_is_valid(first, rest):
    body = first + "".join(rest)
    vin = body[:8] + vin_check_digit(body) + body[9:]
    result = parse_vin(vin)
    assert result.check_digit == "valid"
    assert result.warnings == ()
    assert KEY.fullmatch(result.key)
    assert parse_vin(result.vin) == result


@given(north_american_vins(), st.integers(min_value=0, max_value=16), vin_chars)
def test_one_changed_character_breaks_a_north_american_vin(vin, position, replacement):
    assume(position != 8 and replacement != vin[position])
    if position == 0:
        assume(replacement in "12345")
    changed = vin[:position] + replacement + vin[position + 1 :]
    result = parse_vin(changed)
    # 49 CFR 565: weights 2..10 are invertible modulo 11, so the sum changes unless the two characters
    # transliterate to the same number (A, J and 1 are all 1, for instance).
    coincides = TRANSLITERATION[replacement] == TRANSLITERATION[vin[position]]
    assert result.check_digit == ("valid" if coincides else "invalid")
    assert bool(result.warnings) != coincides


# --- plates and serial numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [("ab-123-cd", "AB123CD"), ("MÜ AB 1234", "MUAB1234"), ("KCA 123A", "KCA123A"), ("ＡＢ ５", "AB5")],
)
def test_plate_key(raw, key):
    assert plate_key(raw) == key


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "the number plate is empty"),
        ("AB_123", "the number plate contains '_'; only letters A-Z, digits and separators are allowed"),
        ("A" * 16, "the number plate has 16 letters and digits; at most 15 are allowed"),
    ],
)
def test_plate_key_refuses(raw, reason):
    with pytest.raises(InvalidIdentifier) as exc:
        plate_key(raw)
    assert (exc.value.reason, exc.value.field) == (reason, "plate")


@pytest.mark.parametrize(
    ("raw", "key"), [("abc 123", "A8C123"), ("SN-0O1I", "5N0011"), ("x" * 30, "X" * 30), ("LGZ", "162")]
)
def test_serial_key(raw, key):
    assert serial_key(raw) == key


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "the serial number is empty"),
        ("A" * 31, "the serial number has 31 letters and digits; at most 30 are allowed"),
        ("12*34", "the serial number contains '*'; only letters A-Z, digits and separators are allowed"),
    ],
)
def test_serial_key_refuses(raw, reason):
    with pytest.raises(InvalidIdentifier) as exc:
        serial_key(raw)
    assert (exc.value.reason, exc.value.field) == (reason, "serial_number")


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789 -.", max_size=35))
def test_plate_and_serial_keys_are_idempotent(raw):
    for normalise in (plate_key, serial_key):
        try:
            key = normalise(raw)
        except InvalidIdentifier:
            continue
        assert KEY.fullmatch(key)
        assert normalise(key) == key
