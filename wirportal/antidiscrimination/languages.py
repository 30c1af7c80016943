"""The public pages of the report channel in the public languages (ADR 0017 and its amendment).

As in the finder, the language is in the address, never in a cookie or the session (threat
model: the channel sets nothing of its own on the reporter's device): `/diskriminierung-melden/`
and its pages are German, `/diskriminierung-melden/<code>/…` the same pages in English, Leichte
Sprache, Arabic, Turkish, Ukrainian and Farsi/Dari. Every form of a page posts to the address of
its own language, so the language survives the POST, the receipt and the follow-up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from wirportal.core.languages import BY_CODE, GERMAN, PUBLIC_LANGUAGES, Language

# the public pages; each has a German name ("report") and one per language ("report-lang")
PAGES = ("report", "follow-up", "follow-up-add", "receipt-pdf")


def language_of(code: str | None) -> Language:
    """The language of an address; German has no code in it (one address per page)."""
    if code is None:
        return GERMAN
    language = BY_CODE.get(code)
    if language is None or language is GERMAN:
        raise Http404
    return language


def current() -> Language:
    return BY_CODE.get(get_language() or "de", GERMAN)


def page_url(page: str, code: str) -> str:
    if page not in PAGES:
        raise ValueError(page)
    if code == GERMAN.code or code not in BY_CODE:
        return reverse(f"antidiscrimination:{page}")
    return reverse(f"antidiscrimination:{page}-lang", args=[code])


def versions(page: str) -> list[dict]:
    """The page in every language, for the language list and `hreflang` links."""
    here = current()
    return [
        {"language": language, "url": page_url(page, language.code), "current": language == here}
        for language in PUBLIC_LANGUAGES
    ]


def in_language(view: Callable[[HttpRequest], HttpResponseBase]):
    """Run a public view in the language of its address (`lang` from the URL, none: German)."""

    @wraps(view)
    def wrapper(request: HttpRequest, lang: str | None = None) -> HttpResponseBase:
        language = language_of(lang)
        with translation.override(language.code):
            response = view(request)
        response["Content-Language"] = language.html
        return response

    return wrapper
