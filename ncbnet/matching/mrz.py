"""Reading the machine-readable zone (MRZ) of travel documents, ICAO Doc 9303 parts 3 to 6.

Border officers search the stolen and lost documents database by scanning or typing the MRZ. A
document whose check digits are wrong is exactly the kind of document that should be searched, so
check digits and impossible dates never stop the reading: they are reported in `checks` and
`problems` next to the fields. Only text that cannot be an MRZ at all (wrong number or length of
lines, characters other than A-Z, 0-9 and '<') is refused.

The make_td1/make_td2/make_td3 builders write valid zones from fields; tests and the synthetic data
generator use them.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from anyascii import anyascii

from ncbnet.matching.identifiers import InvalidIdentifier, icao_to_iso2

FILLER = "<"
_MRZ_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
# ICAO 9303 part 3 §4.2: (number of lines, characters per line) of each size of document.
LAYOUTS = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44)}
_LABELS = {
    "document_number": "the document number",
    "birth_date": "the date of birth",
    "expiry_date": "the expiry date",
    "optional_data": "the optional data",
    "composite": "the zone as a whole (composite)",
}


class InvalidMrz(InvalidIdentifier):
    """Text that cannot be a machine-readable zone (layout or characters)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, "mrz")


@dataclass(frozen=True)
class MrzCheck:
    field: str  # document_number | birth_date | expiry_date | optional_data | composite
    ok: bool
    expected: str
    found: str


@dataclass(frozen=True)
class MrzResult:
    format: str  # TD1 | TD2 | TD3 (visas use the same sizes: MRV-B is TD2-sized, MRV-A TD3-sized)
    document_code: str  # 'P', 'PN', 'I', 'ID', 'AC', 'V', 'IR'...
    document_type: str  # passport | identity_card | visa | residence_permit | other
    issuing_state: str  # ICAO code as written, fillers removed ('D' for Germany)
    issuing_country: str | None  # ISO alpha-2, None when the code designates no known country
    document_number: str
    surname: str
    given_names: tuple[str, ...]
    nationality: str  # ICAO code as written
    birth_date: str  # YYYY-MM-DD, YYYY-MM or YYYY when day or month are unknown, '' when unreadable
    sex: str  # M | F | X
    expiry_date: str  # YYYY-MM-DD or ''
    optional_data: str
    checks: tuple[MrzCheck, ...]
    problems: tuple[str, ...]
    lines: tuple[str, ...] = field(default=())  # the zone as read, one string per line

    @property
    def valid(self) -> bool:
        return not self.problems and all(check.ok for check in self.checks)


def _value(ch: str) -> int:
    # ICAO 9303 part 3 §4.9: digits are their value, A-Z are 10-35, the filler '<' is 0.
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == FILLER:
        return 0
    raise ValueError(f"{ch!r} cannot appear in a machine-readable zone")


def check_digit(data: str) -> str:
    """ICAO 9303 part 3 §4.9 check digit: weights 7, 3, 1 repeated, sum modulo 10."""
    weights = (7, 3, 1)
    return str(sum(_value(ch) * weights[i % 3] for i, ch in enumerate(data)) % 10)


def _document_type(code: str) -> str:
    # ICAO 9303 part 4 §4.2.2 and part 5 §4.2.2: P passports, V visas, I/A/C official identity
    # documents; IR and R are residence permits in EU practice (Council Regulation 1030/2002).
    if code.startswith("P"):
        return "passport"
    if code == "IR" or code.startswith("R"):
        return "residence_permit"
    if code.startswith("V"):
        return "visa"
    if code[:1] in ("I", "A", "C"):
        return "identity_card"
    return "other"


class _Reading:
    """Collects check-digit results and problems while the fields are read."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.checks: list[MrzCheck] = []
        self.problems: list[str] = []

    def check(self, name: str, data: str, found: str) -> None:
        expected = check_digit(data)
        ok = found == expected
        self.checks.append(MrzCheck(name, ok, expected, found))
        if not ok:
            shown = "missing" if found == FILLER else found
            self.problems.append(f"check digit of {_LABELS[name]} is {shown}, expected {expected}")

    def birth_date(self, raw: str) -> str:
        # ICAO 9303 part 3 §4.6.2: unknown parts of a date of birth are fillers. Two-digit years
        # above this year's belong to the last century.
        if raw[:2] == "<<":
            if raw != "<<<<<<":
                self.problems.append(f"date of birth {raw} is not a date")
            return ""
        if not raw[:2].isdigit():
            self.problems.append(f"date of birth {raw} is not a date")
            return ""
        yy = int(raw[:2])
        year = 1900 + yy if yy > self.today.year % 100 else 2000 + yy
        return self._date("date of birth", raw, year, allow_unknown=True)

    def expiry_date(self, raw: str) -> str:
        if raw == "<<<<<<":
            return ""
        if not raw[:2].isdigit():
            self.problems.append(f"expiry date {raw} is not a date")
            return ""
        return self._date("expiry date", raw, 2000 + int(raw[:2]), allow_unknown=False)

    def _date(self, label: str, raw: str, year: int, *, allow_unknown: bool) -> str:
        month_raw, day_raw = raw[2:4], raw[4:6]
        if allow_unknown and month_raw == "<<" and day_raw == "<<":
            return f"{year:04d}"
        if not month_raw.isdigit() or not 1 <= int(month_raw) <= 12:
            self.problems.append(f"{label} {raw} is not a date: there is no month {month_raw}")
            return ""
        if allow_unknown and day_raw == "<<":
            return f"{year:04d}-{month_raw}"
        if not day_raw.isdigit() or not 1 <= int(day_raw) <= calendar.monthrange(year, int(month_raw))[1]:
            self.problems.append(
                f"{label} {raw} is not a date: there is no day {day_raw} in {year}-{month_raw}"
            )
            return ""
        when = date(year, int(month_raw), int(day_raw))
        if allow_unknown and when > self.today:
            self.problems.append(f"date of birth {when.isoformat()} is in the future")
        return when.isoformat()

    def sex(self, raw: str) -> str:
        # ICAO 9303 part 4 §4.2.2: F, M, or '<' (unspecified), which ncbnet records as X.
        if raw in ("M", "F", "X"):
            return raw
        if raw != FILLER:
            self.problems.append(f"sex {raw} is not F, M or <")
        return "X"


def _split_lines(text: str) -> tuple[list[str], str]:
    lines = [line for line in text.strip().upper().split() if line]
    if len(lines) == 1:
        single = lines[0]
        for name, (count, length) in LAYOUTS.items():
            if len(single) == count * length:
                return [single[i * length : (i + 1) * length] for i in range(count)], name
    lengths = tuple(len(line) for line in lines)
    for name, (count, length) in LAYOUTS.items():
        if lengths == (length,) * count:
            return lines, name
    expected = "3 lines of 30 characters (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"
    if not lines:
        raise InvalidMrz(f"the machine-readable zone is empty; it should have {expected}")
    found = ", ".join(str(n) for n in lengths[:-1]) + (" and " if len(lengths) > 1 else "") + str(lengths[-1])
    plural = "line" if len(lines) == 1 else "lines"
    raise InvalidMrz(
        f"found {len(lines)} {plural} of {found} characters; a machine-readable zone has {expected}"
    )


def _refuse_illegal_characters(lines: Sequence[str]) -> None:
    for number, line in enumerate(lines, start=1):
        for position, ch in enumerate(line, start=1):
            if ch not in _MRZ_CHARACTERS:
                raise InvalidMrz(
                    f"line {number} contains {ch!r} at position {position}; "
                    "a machine-readable zone holds only letters A-Z, digits and '<'"
                )


def _names(field_text: str, reading: _Reading) -> tuple[str, tuple[str, ...]]:
    # ICAO 9303 part 3 §4.6: primary identifier, '<<', secondary identifier; '<' separates names.
    primary, _, secondary = field_text.rstrip(FILLER).partition("<<")
    digits = sorted({ch for ch in field_text if ch.isdigit()})
    if digits:
        reading.problems.append(f"the name contains the digits {''.join(digits)}; the zone may be misread")
    surname = " ".join(part for part in primary.split(FILLER) if part)
    return surname, tuple(part for part in secondary.split(FILLER) if part)


def _number_and_optional(number: str, digit: str, optional: str) -> tuple[str, str, str]:
    """ICAO 9303 part 5 §4.2.2 note j, part 6 likewise: a number longer than 9 characters has a filler
    in place of its check digit and continues in the optional data, followed by its check digit and
    a filler. Returns (document number, its check digit, remaining optional data)."""
    run = optional.split(FILLER, 1)[0]
    if digit == FILLER and FILLER not in number and len(run) >= 2:
        return number + run[:-1], run[-1], optional[len(run) + 1 :]
    return number.replace(FILLER, ""), digit, optional


def _plain(optional: str) -> str:
    return " ".join(part for part in optional.split(FILLER) if part)


def parse_mrz(text: str, *, today: date | None = None) -> MrzResult:
    """Read a TD1, TD2 or TD3 zone (lines separated by newlines or spaces, or run together)."""
    lines, layout = _split_lines(text)
    _refuse_illegal_characters(lines)
    reading = _Reading(today or date.today())
    code = lines[0][0:2].replace(FILLER, "")
    visa = code.startswith("V")
    # "vitals": date of birth, its check digit, sex, expiry date, its check digit (in every format).
    if layout == "TD1":
        # ICAO 9303 part 5 §4.2.2: TD1 has the number on line 1, dates on line 2, the name on line 3.
        top, middle, name_field = lines
        number, number_digit, optional_top = _number_and_optional(top[5:14], top[14], top[15:30])
        vitals = middle[0:15]
        nationality = middle[15:18]
        optional = " ".join(part for part in (_plain(optional_top), _plain(middle[18:29])) if part)
        composite_data, composite_found = top[5:30] + middle[0:7] + middle[8:15] + middle[18:29], middle[29]
    else:
        # ICAO 9303 part 4 (TD3), part 6 (TD2), part 7 (MRV-A, MRV-B): name on line 1, the rest on line 2.
        top, bottom = lines
        name_field = top[5:]
        if visa:  # part 7: no composite check digit, optional data to the end of the line
            number, number_digit, optional_raw = bottom[0:9].replace(FILLER, ""), bottom[9], bottom[28:]
        elif layout == "TD2":
            number, number_digit, optional_raw = _number_and_optional(bottom[0:9], bottom[9], bottom[28:35])
        else:
            number, number_digit, optional_raw = bottom[0:9].replace(FILLER, ""), bottom[9], bottom[28:42]
        vitals = bottom[13:28]
        nationality = bottom[10:13]
        optional = _plain(optional_raw)
        composite_data, composite_found = bottom[0:10] + bottom[13:20] + bottom[21:-1], bottom[-1]
    reading.check("document_number", number, number_digit)
    birth = reading.birth_date(vitals[0:6])
    reading.check("birth_date", vitals[0:6], vitals[6])
    sex = reading.sex(vitals[7])
    expiry = reading.expiry_date(vitals[8:14])
    reading.check("expiry_date", vitals[8:14], vitals[14])
    if layout == "TD3" and not visa:
        # ICAO 9303 part 4 §4.2.2: the personal number's check digit may be '<' when it is all fillers.
        optional_field, optional_digit = lines[1][28:42], lines[1][42]
        if optional_field.strip(FILLER) or optional_digit not in (FILLER, "0"):
            reading.check("optional_data", optional_field, optional_digit)
    if not visa:
        reading.check("composite", composite_data, composite_found)
    surname, given_names = _names(name_field, reading)
    issuing_state = lines[0][2:5].replace(FILLER, "")
    try:
        issuing_country: str | None = icao_to_iso2(issuing_state)
    except InvalidIdentifier:
        issuing_country = None
    return MrzResult(
        format=layout,
        document_code=code,
        document_type=_document_type(code),
        issuing_state=issuing_state,
        issuing_country=issuing_country,
        document_number=number,
        surname=surname,
        given_names=given_names,
        nationality=nationality.replace(FILLER, ""),
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
        optional_data=optional,
        checks=tuple(reading.checks),
        problems=tuple(reading.problems),
        lines=tuple(lines),
    )


# ---------------------------------------------------------------------------------------------------
# Builders: valid zones from fields, for tests and synthetic data.

# ICAO 9303 part 3 §6.1: recommended transliteration of Latin letters with diacritics; other letters
# lose their diacritics, other scripts go through anyascii.
_TRANSLITERATION = str.maketrans(
    {"Ä": "AE", "Å": "AA", "Æ": "AE", "Ö": "OE", "Ø": "OE", "Ü": "UE", "Œ": "OE", "Þ": "TH", "Ð": "D",
     "Đ": "D", "Ł": "L", "Ħ": "H", "Ŋ": "N", "Ĳ": "IJ", "ı": "I"}
)  # fmt: skip


def _mrz_letters(text: str) -> str:
    """Name or free text in MRZ characters: spaces and hyphens become '<', punctuation is dropped."""
    latin = unicodedata.normalize("NFKD", text.upper().translate(_TRANSLITERATION))
    ascii_text = anyascii("".join(ch for ch in latin if not unicodedata.combining(ch))).upper()
    out = "".join(FILLER if ch in " -<" else ch for ch in ascii_text if ch in _MRZ_CHARACTERS or ch in " -")
    return FILLER.join(part for part in out.split(FILLER) if part)


def _fit(text: str, width: int, what: str) -> str:
    if len(text) > width:
        raise ValueError(f"{what} {text!r} does not fit in {width} characters")
    return text.ljust(width, FILLER)


def _name_field(surname: str, given_names: Sequence[str] | str, width: int) -> str:
    # ICAO 9303 part 3 §4.6: names longer than the field are cut at its end.
    given = [given_names] if isinstance(given_names, str) else list(given_names)
    secondary = FILLER.join(filter(None, (_mrz_letters(name) for name in given)))
    name = _mrz_letters(surname) + ("<<" + secondary if secondary else "")
    return name[:width].ljust(width, FILLER)


def _date_field(value: str | date) -> str:
    """YYYY-MM-DD, YYYY-MM, YYYY or '' (unknown) as YYMMDD with fillers for unknown parts."""
    text = value.isoformat() if isinstance(value, date) else value
    parts = text.split("-") if text else []
    yy = parts[0][-2:] if parts else "<<"
    mm = parts[1] if len(parts) > 1 else "<<"
    dd = parts[2] if len(parts) > 2 else "<<"
    return yy + mm + dd


def _number(document_number: str) -> str:
    number = "".join(ch for ch in document_number.upper() if ch not in " -./<")
    if not number or any(ch not in _MRZ_CHARACTERS for ch in number):
        raise ValueError(f"document number {document_number!r} must be letters A-Z and digits")
    return number


def _vitals(birth_date: str | date, sex: str, expiry_date: str | date) -> str:
    """Date of birth, check digit, sex, expiry date, check digit: 15 characters in every format."""
    birth, expiry = _date_field(birth_date), _date_field(expiry_date)
    return birth + check_digit(birth) + (sex if sex in ("M", "F") else FILLER) + expiry + check_digit(expiry)


def _number_fields(number: str, optional: str, width: int) -> tuple[str, str]:
    """(number field with its check digit, optional data field) with the long-number rule."""
    if len(number) <= 9:
        return number.ljust(9, FILLER) + check_digit(number), _fit(optional, width, "optional data")
    extended = number[9:] + check_digit(number) + FILLER + optional
    return number[:9] + FILLER, _fit(extended, width, "document number and optional data")


def _header(document_code: str, issuing_state: str) -> str:
    return _fit(document_code, 2, "document code") + _fit(issuing_state, 3, "issuing state")


def make_td3(*, document_number: str, issuing_state: str, surname: str, given_names: Sequence[str] | str = (),
             birth_date: str | date, sex: str, expiry_date: str | date, nationality: str = "",
             document_code: str = "P", optional_data: str = "") -> str:  # fmt: skip
    """A passport-sized zone (ICAO 9303 part 4), or an MRV-A visa zone (part 7) for codes 'V...'."""
    top = _header(document_code, issuing_state) + _name_field(surname, given_names, 39)
    number = _fit(_number(document_number), 9, "TD3 document number")
    start = number + check_digit(number) + _fit(nationality or issuing_state, 3, "nationality")
    start += _vitals(birth_date, sex, expiry_date)
    optional = _mrz_letters(optional_data)
    if document_code.startswith("V"):
        return top + "\n" + start + _fit(optional, 16, "optional data")
    personal = _fit(optional, 14, "optional data")
    bottom = start + personal + (check_digit(personal) if optional else FILLER)
    return top + "\n" + bottom + check_digit(bottom[0:10] + bottom[13:20] + bottom[21:43])


def make_td2(*, document_number: str, issuing_state: str, surname: str, given_names: Sequence[str] | str = (),
             birth_date: str | date, sex: str, expiry_date: str | date, nationality: str = "",
             document_code: str = "I", optional_data: str = "") -> str:  # fmt: skip
    """A TD2 zone (ICAO 9303 part 6), or an MRV-B visa zone (part 7) for codes 'V...'."""
    top = _header(document_code, issuing_state) + _name_field(surname, given_names, 31)
    number, optional = _number(document_number), _mrz_letters(optional_data)
    rest = _fit(nationality or issuing_state, 3, "nationality") + _vitals(birth_date, sex, expiry_date)
    if document_code.startswith("V"):
        number_field = _fit(number, 9, "visa number") + check_digit(number)
        return top + "\n" + number_field + rest + _fit(optional, 8, "optional data")
    number_field, optional_field = _number_fields(number, optional, 7)
    bottom = number_field + rest + optional_field
    return top + "\n" + bottom + check_digit(bottom[0:10] + bottom[13:20] + bottom[21:35])


def make_td1(*, document_number: str, issuing_state: str, surname: str, given_names: Sequence[str] | str = (),
             birth_date: str | date, sex: str, expiry_date: str | date, nationality: str = "",
             document_code: str = "I", optional_data: str = "", optional_data_2: str = "") -> str:  # fmt: skip
    """An identity-card-sized zone (ICAO 9303 part 5); optional_data_2 goes on the second line."""
    number_field, optional = _number_fields(_number(document_number), _mrz_letters(optional_data), 15)
    top = _header(document_code, issuing_state) + number_field + optional
    middle = _vitals(birth_date, sex, expiry_date) + _fit(nationality or issuing_state, 3, "nationality")
    middle += _fit(_mrz_letters(optional_data_2), 11, "optional data")
    middle += check_digit(top[5:30] + middle[0:7] + middle[8:15] + middle[18:29])
    return "\n".join((top, middle, _name_field(surname, given_names, 30)))
