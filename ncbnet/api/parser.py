import json

from ninja.parser import Parser


class StrictJSONParser(Parser):
    """Decode as strict UTF-8 first, so invalid bytes and malformed JSON get distinct errors."""

    def parse_body(self, request):
        text = request.body.decode("utf-8")  # UnicodeDecodeError -> 400 invalid encoding
        return json.loads(text)
