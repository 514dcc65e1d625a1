"""The site's four languages: every string in each, with the same placeholders; the language chosen for ``/``."""

from __future__ import annotations

import string

import pytest

from ncbnet.public.query import MESSAGES, PARAMETERS
from ncbnet.public.texts import DEFAULT, LANGUAGES, TEXTS, negotiate


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_four_languages():
    assert set(TEXTS) == set(LANGUAGES) == {"ar", "en", "fr", "es"} and DEFAULT in TEXTS


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_every_string_in_every_language_with_the_same_placeholders(lang):
    assert set(TEXTS[lang]) == set(TEXTS["en"])
    for key, english in TEXTS["en"].items():
        assert TEXTS[lang][key].strip(), (lang, key)
        assert placeholders(TEXTS[lang][key]) == placeholders(english), (lang, key)


def test_every_refusal_and_parameter_has_its_words():
    for lang in LANGUAGES:
        for code, english in MESSAGES.items():
            assert placeholders(TEXTS[lang][f"err_{code}"]) <= placeholders(english), (lang, code)
        for name in PARAMETERS:
            assert TEXTS[lang][f"label_{name}"], (lang, name)


def test_arabic_is_written_in_arabic():
    arabic = [k for k, v in TEXTS["ar"].items() if any("\u0600" <= ch <= "\u06ff" for ch in v)]
    assert len(arabic) >= len(TEXTS["ar"]) - 3  # only units and the like may be Latin


@pytest.mark.parametrize("header, lang", [
    ("", "en"), ("ar-MA", "ar"), ("es-419,es;q=0.9", "es"), ("de, fr;q=0.3", "fr"), ("fr;q=0.1, ar;q=0.2", "ar"),
    ("fr;q=abc", "en"), ("*", "en"), ("zh, ja", "en"), ("en;q=0.5, fr;q=0.5", "en"),
])
def test_negotiate(header, lang):
    assert negotiate(header) == lang
