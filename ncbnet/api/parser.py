import json

from ninja.parser import Parser

from ncbnet.records.cleaning import lone_surrogate


class InvalidCharacter(ValueError):
    """Text holding U+0000, which PostgreSQL text columns cannot store, or a lone surrogate (a JSON escape such as
    "\\ud800" without its partner), which no database can encode: refused up front, on every database alike,
    instead of failing at the INSERT with a 500."""


def _refuse_invalid(value, where: str = "body") -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidCharacter(f"{where} contains a NUL character (\\u0000)")
        if (half := lone_surrogate(value)) is not None:
            raise InvalidCharacter(f"{where} contains a lone surrogate (\\u{ord(half):04x}), which is half of a character")
    elif isinstance(value, dict):
        for k, v in value.items():
            _refuse_invalid(k, where)
            _refuse_invalid(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _refuse_invalid(v, f"{where}[{i}]")


def parse_json(body: bytes):
    """Decode as strict UTF-8 first, so invalid bytes and malformed JSON get distinct errors."""
    text = body.decode("utf-8")  # UnicodeDecodeError -> 400 invalid encoding
    try:
        data = json.loads(text)
        _refuse_invalid(data)  # InvalidCharacter -> 400 invalid character
    except RecursionError:  # '[[[[...' a thousand deep: a ValueError like any malformed body, not a failure
        raise ValueError("it is nested too deeply") from None
    return data


class StrictJSONParser(Parser):
    def parse_body(self, request):
        return parse_json(request.body)
