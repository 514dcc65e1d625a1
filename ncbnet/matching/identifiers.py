"""Search keys for the identifiers police databases hold: travel-document numbers, country codes, VINs,
number plates and firearm serial numbers.

An officer types a number read off a document, a screen or a scanned copy; the record was typed by
another officer in another country. The functions here turn both into the same key, so that
"AB 12-34.5" and "ab12345" meet, and refuse input that cannot be an identifier with a reason an
officer can act on. They are pure functions over strings (no Django) so that the records app, the
search API and the synthetic-data generator share one definition.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Separators people put inside numbers: spaces, dashes (ASCII and the typographic ones word processors
# substitute), dots, slashes and the MRZ filler '<'.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SEPARATORS = frozenset(" ./<" + _DASHES)

DOCUMENT_NUMBER_MAX = 20
PLATE_MAX = 15
SERIAL_MAX = 30


class InvalidIdentifier(ValueError):
    """An identifier that cannot be searched; `reason` says why in plain words, `field` names the input."""

    def __init__(self, reason: str, field: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


_PLAIN = re.compile(r"[A-Za-z0-9]+")  # already compact: what a scanner or a border system usually sends


def _compact(raw: str, *, field: str, label: str, max_length: int, strip_accents: bool = False) -> str:
    """Uppercase ASCII letters and digits left after removing separators; refuses anything else."""
    if len(raw) <= max_length and _PLAIN.fullmatch(raw):  # the same answer as below, at a tenth of the cost
        return raw.upper()
    text = unicodedata.normalize("NFKC", raw).upper()
    if strip_accents:
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept: list[str] = []
    illegal: list[str] = []
    for ch in text:
        if ch in _ALNUM:
            kept.append(ch)
        elif ch in _SEPARATORS or ch.isspace():
            continue
        elif ch not in illegal:
            illegal.append(ch)
    if illegal:
        shown = " ".join(repr(ch) for ch in illegal)
        raise InvalidIdentifier(
            f"the {label} contains {shown}; only letters A-Z, digits and separators are allowed", field
        )
    if not kept:
        raise InvalidIdentifier(f"the {label} is empty", field)
    if len(kept) > max_length:
        raise InvalidIdentifier(
            f"the {label} has {len(kept)} letters and digits; at most {max_length} are allowed", field
        )
    return "".join(kept)


def document_key(raw: str) -> str:
    """The travel-document number as stored and compared: uppercase A-Z0-9 without separators."""
    return _compact(raw, field="document_number", label="document number", max_length=DOCUMENT_NUMBER_MAX)


# Characters that OCR and hurried typing confuse with a digit, folded to that digit. Applied to both
# the stored key and the searched one, so "AB1O20" (letter O) finds "A81020" (digit zero).
#   O, Q, D -> 0   (round shapes)
#   I, L    -> 1   (vertical strokes)
#   Z       -> 2
#   S       -> 5
#   B       -> 8
#   G       -> 6
_SCAN_CONFUSIONS = str.maketrans("OQDILZSBG", "000112586")


def fold_scanned(key: str) -> str:
    """Fold the letters commonly misread as digits to the digit, for index keys (see table above)."""
    return key.translate(_SCAN_CONFUSIONS)


# ---------------------------------------------------------------------------------------------------
# Country codes. ICAO 9303 part 3 uses ISO 3166-1 alpha-3 codes with a few additions of its own.

_ICAO_SPECIAL_TO_ISO2 = {
    "D": "DE",  # ICAO 9303 part 3: Germany is 'D' (written 'D<<' in the MRZ)
    "XKX": "XK",  # Kosovo: code used by the EU and ICAO member states; ISO has no code
    "RKS": "XK",  # Kosovo: code on Republic of Kosovo passports
    "GBD": "GB",  # British Overseas Territories Citizen
    "GBN": "GB",  # British National (Overseas)
    "GBO": "GB",  # British Overseas Citizen
    "GBP": "GB",  # British Protected Person
    "GBS": "GB",  # British Subject
}
_ISO2_TO_ICAO_SPECIAL = {"DE": "D", "XK": "XKX"}
# ICAO 9303 part 3: codes for organisations and persons that are not a country.
_ICAO_NOT_A_COUNTRY = {
    "UNO": "the United Nations Organization",
    "UNA": "a specialized agency of the United Nations",
    "UNK": "the UN Interim Administration Mission in Kosovo",
    "XBA": "the African Development Bank",
    "XIM": "the African Export-Import Bank",
    "XCC": "the Caribbean Community",
    "XCE": "the Council of Europe",
    "XCO": "the Common Market for Eastern and Southern Africa",
    "XEC": "the Economic Community of West African States",
    "XDC": "the Southern African Development Community",
    "XES": "the Organisation of Eastern Caribbean States",
    "XMP": "the Parliamentary Assembly of the Mediterranean",
    "XPO": "INTERPOL",
    "XOM": "the Sovereign Military Order of Malta",
    "XXA": "a stateless person",
    "XXB": "a refugee (1951 Convention)",
    "XXC": "a refugee (other than the 1951 Convention)",
    "XXX": "a person of unspecified nationality",
    "EUE": "the European Union",
}


def _clean_code(code: str) -> str:
    return code.strip().upper().rstrip("<")


@lru_cache(maxsize=4096)  # a few hundred codes exist; bulk files repeat them millions of times
def icao_to_iso2(code: str) -> str:
    """ISO 3166-1 alpha-2 code of the country an ICAO 9303 three-letter code (or 'D') designates."""
    icao = _clean_code(code)
    if icao in _ICAO_SPECIAL_TO_ISO2:
        return _ICAO_SPECIAL_TO_ISO2[icao]
    if icao in _ICAO_NOT_A_COUNTRY:
        raise InvalidIdentifier(
            f"country code {icao} designates {_ICAO_NOT_A_COUNTRY[icao]}, not a country", "country"
        )
    country = pycountry.countries.get(alpha_3=icao) if len(icao) == 3 else None
    if country is None:
        raise InvalidIdentifier(f"unknown country code {code.strip()!r}", "country")
    return str(country.alpha_2)


def _iso2_known(iso2: str) -> bool:
    return iso2 in _ISO2_TO_ICAO_SPECIAL or (
        len(iso2) == 2 and pycountry.countries.get(alpha_2=iso2) is not None
    )


@lru_cache(maxsize=4096)  # a few hundred codes exist; bulk files repeat them millions of times
def iso2_to_icao(code: str) -> str:
    """The code ICAO 9303 writes on travel documents for an ISO alpha-2 country ('DE' gives 'D')."""
    iso2 = code.strip().upper()
    if iso2 in _ISO2_TO_ICAO_SPECIAL:
        return _ISO2_TO_ICAO_SPECIAL[iso2]
    country = pycountry.countries.get(alpha_2=iso2) if len(iso2) == 2 else None
    if country is None:
        raise InvalidIdentifier(f"unknown country code {code.strip()!r}", "country")
    return str(country.alpha_3)


@lru_cache(maxsize=4096)  # a few hundred codes exist; bulk files repeat them millions of times
def country_iso2(code: str) -> str:
    """ISO alpha-2 code from either an alpha-2 code or an ICAO code (alpha-3, 'D', 'XKX'...)."""
    cleaned = _clean_code(code)
    if len(cleaned) == 2:
        if not _iso2_known(cleaned):
            raise InvalidIdentifier(f"unknown country code {code.strip()!r}", "country")
        return cleaned
    return icao_to_iso2(cleaned)


# ---------------------------------------------------------------------------------------------------
# Vehicle identification numbers (ISO 3779; 49 CFR 565 for the check digit).

VIN_LENGTH = 17
# ISO 3779: I, O and Q are never used in a VIN; when found they are misreadings of 1 and 0.
_VIN_ILLEGAL_FOLD = {"I": "1", "O": "0", "Q": "0"}
# 49 CFR 565.15: transliteration of letters to numbers for the check digit.
_VIN_VALUES: dict[str, int] = {str(d): d for d in range(10)} | {
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
    "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
    "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
}  # fmt: skip
# 49 CFR 565.15: weight of each position; position 9 (the check digit itself) weighs 0.
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_ALPHABET = "".join(sorted(_VIN_VALUES))
# The check digit is mandatory in North America (WMI starting 1-5, 49 CFR 565) and China (GB 16735,
# WMI starting 'L'); elsewhere manufacturers may put any character in position 9.
_CHECK_DIGIT_REGIONS = frozenset("12345L")


@dataclass(frozen=True)
class VinResult:
    vin: str  # 17 characters, I/O/Q folded to 1/0/0
    key: str  # fold_scanned(vin), the lookup key
    check_digit: str  # 'valid' | 'invalid' | 'not_applicable'
    warnings: tuple[str, ...]


def vin_check_digit(vin17: str) -> str:
    """The check digit (position 9) that 49 CFR 565.15 prescribes for a 17-character VIN."""
    vin = vin17.upper()
    if len(vin) != VIN_LENGTH:
        raise InvalidIdentifier(f"a VIN has 17 characters; this one has {len(vin)}", "vin")
    try:
        total = sum(map(operator.mul, map(_VIN_VALUES.__getitem__, vin), _VIN_WEIGHTS))
    except KeyError as exc:
        raise InvalidIdentifier(f"a VIN cannot contain {exc.args[0]!r}", "vin") from None
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def parse_vin(raw: str) -> VinResult:
    """Normalise a VIN and judge its check digit where the region makes it mandatory."""
    text = unicodedata.normalize("NFKC", raw).upper()
    text = "".join(ch for ch in text if not (ch.isspace() or ch in _DASHES))
    illegal = sorted({ch for ch in text if ch not in _ALNUM})
    if illegal:
        shown = " ".join(repr(ch) for ch in illegal)
        raise InvalidIdentifier(f"the VIN contains {shown}; only letters A-Z and digits are allowed", "vin")
    if len(text) != VIN_LENGTH:
        raise InvalidIdentifier(f"a VIN has 17 characters; this one has {len(text)}", "vin")
    warnings: list[str] = []
    folded = [ch for ch in text if ch in _VIN_ILLEGAL_FOLD]
    if folded:
        text = "".join(_VIN_ILLEGAL_FOLD.get(ch, ch) for ch in text)
        letters = ", ".join(sorted(set(folded)))
        warnings.append(f"a VIN never contains the letters I, O or Q; read {letters} as 1 or 0")
    expected = vin_check_digit(text)
    found = text[8]
    if text[0] in _CHECK_DIGIT_REGIONS:
        if found == expected:
            status = "valid"
        else:
            status = "invalid"
            warnings.append(f"check digit (9th character) of the VIN is {found}, expected {expected}")
    else:
        status = "valid" if found == expected else "not_applicable"
    return VinResult(vin=text, key=fold_scanned(text), check_digit=status, warnings=tuple(warnings))


# ---------------------------------------------------------------------------------------------------
# Number plates and firearm serial numbers.


def plate_key(raw: str) -> str:
    """A number plate as compared: uppercase A-Z0-9, separators dropped, accents dropped ('MÜ' is 'MU')."""
    return _compact(raw, field="plate", label="number plate", max_length=PLATE_MAX, strip_accents=True)


def serial_text(raw: str) -> str:
    """A firearm serial number as written, compacted: uppercase A-Z0-9, separators dropped."""
    return _compact(raw, field="serial_number", label="serial number", max_length=SERIAL_MAX)


def serial_key(raw: str) -> str:
    """A firearm serial number as indexed: ``serial_text``, then scan confusions folded."""
    return fold_scanned(serial_text(raw))
