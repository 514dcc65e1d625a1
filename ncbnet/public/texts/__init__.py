"""The public site's words in its four languages, as plain dictionaries.

Why not gettext: compiled .mo catalogues would have to be built on every install (``msgfmt`` is not on every
machine ``make demo`` runs on) or committed as binaries; a dictionary per language is read as it is, and a
test proves that every language has every string with the same placeholders. Police-facing text (the portal)
is another matter; this is a few dozen strings.

Placeholders are ``str.format`` fields; ``err_*`` strings are the reasons of ``query.MESSAGES`` in each language.
"""

from __future__ import annotations

from ncbnet.public.texts import ar, en, es, fr

LANGUAGES = ("ar", "en", "fr", "es")
RTL = {"ar"}
DEFAULT = "en"

TEXTS: dict[str, dict[str, str]] = {"ar": ar.TEXTS, "en": en.TEXTS, "fr": fr.TEXTS, "es": es.TEXTS}


def negotiate(accept_language: str) -> str:
    """The first of our four languages in an Accept-Language header, by its weights; English otherwise."""
    best, best_q = DEFAULT, 0.0
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        if code not in TEXTS:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        q -= position * 1e-6  # equal weights: the earlier wins
        if q > best_q:
            best, best_q = code, q
    return best
