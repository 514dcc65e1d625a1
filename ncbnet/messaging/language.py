"""Which of the four working languages a text is in, when its author did not say."""

from __future__ import annotations

import os
import threading
import unicodedata

WORKING_LANGUAGES = ("ar", "en", "fr", "es")
_lock = threading.Lock()
_factory = None


def _detector_factory():
    """langdetect's profiles for our four languages only, with a fixed seed so results are repeatable."""
    global _factory
    with _lock:
        if _factory is None:
            from langdetect import detector_factory

            factory = detector_factory.DetectorFactory()
            factory.seed = 0
            profiles = []
            for lang in WORKING_LANGUAGES:
                with open(os.path.join(detector_factory.PROFILES_DIRECTORY, lang), encoding="utf-8") as fh:
                    profiles.append(fh.read())
            factory.load_json_profile(profiles)
            _factory = factory
    return _factory


def _arabic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    arabic = sum(1 for ch in letters if "ARABIC" in unicodedata.name(ch, ""))
    return arabic / len(letters)


def detect_language(text: str, default: str = "en") -> str:
    if _arabic_share(text) > 0.3:
        return "ar"
    if sum(ch.isalpha() for ch in text) < 3:
        return default
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.append(text[:2000])
    try:
        found = detector.detect()
    except LangDetectException:
        return default
    return found if found in WORKING_LANGUAGES else default
