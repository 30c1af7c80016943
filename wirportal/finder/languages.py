"""The finder's languages: the public pages' languages of `core.languages` (ADR 0017)."""

from wirportal.core.languages import (
    BY_CODE,
    GERMAN,
    PUBLIC_LANGUAGES,
    TRANSLATED,
    Language,
    current,
    html_lang,
)

FINDER_LANGUAGES = PUBLIC_LANGUAGES

__all__ = [
    "BY_CODE",
    "FINDER_LANGUAGES",
    "GERMAN",
    "TRANSLATED",
    "Language",
    "current",
    "html_lang",
]
