"""The languages of the public pages that choose their language by URL (the finder of offers,
issue #17; the report channel against discrimination, issue #16) and what a page needs to know
about each.

Django knows ar, tr, uk, fa (with their text direction, `settings.LANGUAGES_BIDI`). Leichte
Sprache is German in simple words: its own Django language code "de-ls" (catalog in
locale/de_LS; gettext falls back to German for every string it lacks) and, in HTML, the BCP 47
tag "de-x-ls" (a private-use subtag on German: "de-LS" would mean German as spoken in Lesotho).
Farsi and Dari share the code "fa" (Persian script, one text). ADR 0017.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, get_language_bidi


@dataclass(frozen=True)
class Language:
    code: str  # Django's language code (URL segment, translation rows)
    name: str  # in the language itself (the language list is not translated)
    html: str  # the value of the lang attribute
    rtl: bool = False

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


GERMAN = Language("de", "Deutsch", "de")
PUBLIC_LANGUAGES: tuple[Language, ...] = (
    GERMAN,
    Language("de-ls", "Leichte Sprache", "de-x-ls"),
    Language("en", "English", "en"),
    Language("ar", "العربية", "ar", rtl=True),
    Language("tr", "Türkçe", "tr"),
    Language("uk", "Українська", "uk"),
    Language("fa", "فارسی / دری", "fa", rtl=True),
)
BY_CODE = {language.code: language for language in PUBLIC_LANGUAGES}
TRANSLATED = tuple(language.code for language in PUBLIC_LANGUAGES if language.code != "de")


def html_lang(code: str) -> str:
    language = BY_CODE.get(code)
    return language.html if language is not None else code


def current() -> Language:
    code = get_language() or "de"
    return BY_CODE.get(code) or Language(code, code, code, rtl=get_language_bidi())
