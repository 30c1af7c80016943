"""The report channel in the public languages (ADR 0017 and its amendment): an address per
language, no cookie, the language kept through the POST, the receipt, the PDF and the follow-up;
every string the pages render is in the catalogs of ar, tr, uk, fa and Leichte Sprache."""

import gettext as gettext_module
import re
import sys
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import to_locale, trans_real

from wirportal.antidiscrimination import services
from wirportal.antidiscrimination.models import ReportStatus
from wirportal.core.languages import BY_CODE
from wirportal.documents.pdf import render_html

from .factories import submit

pytestmark = pytest.mark.django_db(transaction=False)

# the five languages whose catalogs scripts/finder_locales.py (+ report_locales.py) writes
CATALOG_LANGUAGES = ("ar", "tr", "uk", "fa", "de-ls")
# English comes from locale/en (the portal's second language)
LANGUAGES = (*CATALOG_LANGUAGES, "en")
ROOT = Path(settings.BASE_DIR)
sys.path.insert(0, str(ROOT / "scripts"))
import report_locales  # noqa: E402

ROWS = {
    row[0]: dict(zip(report_locales.LANGS, row[1:], strict=True)) for row in report_locales.ROWS
}


def _expected(msgid: str, code: str) -> str:
    return ROWS[msgid][to_locale(code)]


def _url(page: str, code: str) -> str:
    return reverse(f"antidiscrimination:{page}-lang", args=[code])


def _form(world, **extra) -> dict:
    return {
        "description": "Im Bus beleidigt – في الحافلة",
        "happened_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "region": world["office_x"].pk,
        "life_area": "public_space",
        "grounds": ["religion"],
        **extra,
    }


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


# --- addresses, lang/dir, links between the languages -----------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_renders_the_form_at_its_own_address(world, client, code):
    language = BY_CODE[code]
    response = client.get(f"/diskriminierung-melden/{code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language.html}" dir="{language.dir}">' in html
    assert response["Content-Language"] == language.html
    # the language list links the same page in every language, the current one marked
    for other in BY_CODE.values():
        url = "/diskriminierung-melden/" + ("" if other.code == "de" else f"{other.code}/")
        assert f'href="{url}" lang="{other.html}" hreflang="{other.html}"' in html
        assert f'rel="alternate" hreflang="{other.html}" href="http://testserver{url}"' in html
    assert 'hreflang="x-default" href="http://testserver/diskriminierung-melden/"' in html
    assert re.search(r'aria-current="page">' + re.escape(language.name) + "<", html)
    # the form posts to this address; the code page of this language is linked
    assert '<form method="post" enctype="multipart/form-data"' in html
    assert f'href="/diskriminierung-melden/{code}/nachfrage/"' in html
    # nothing new on the device: the same cookies as the German page (the form's CSRF token)
    german = client.get("/diskriminierung-melden/")
    assert set(response.cookies) == set(german.cookies) <= {settings.CSRF_COOKIE_NAME}
    if language.rtl:
        assert "noto-sans-arabic.css" in html
    if code in CATALOG_LANGUAGES:
        assert _expected("Meldung absenden", code) in html


def test_german_addresses_stay_and_unknown_codes_are_not_found(world, client):
    response = client.get("/diskriminierung-melden/")
    assert response.status_code == 200
    assert '<html lang="de" dir="ltr">' in response.content.decode()
    assert reverse("antidiscrimination:follow-up") == "/diskriminierung-melden/nachfrage/"
    assert reverse("antidiscrimination:receipt-pdf") == "/diskriminierung-melden/bestaetigung.pdf"
    for code in ("de", "xx", "de-LS"):
        assert client.get(f"/diskriminierung-melden/{code}/").status_code == 404
        assert client.get(f"/diskriminierung-melden/{code}/nachfrage/").status_code == 404


def test_the_portal_language_cookie_does_not_change_a_page_with_its_language_in_the_address(
    world, client
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/diskriminierung-melden/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


# --- the POST keeps the language ---------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_error_shows_in_the_language_next_to_its_field_with_the_input_kept(world, client, code):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(_url("report", code), _form(world, happened_on=future))
    html = response.content.decode()
    assert response.status_code == 422
    with translation.override(code):
        message = translation.gettext("Das Datum liegt in der Zukunft.")
    if code in CATALOG_LANGUAGES:
        assert message == _expected("Das Datum liegt in der Zukunft.", code)
    assert message != "Das Datum liegt in der Zukunft." or code == "de"
    # next to the field: in the field's own error element
    error = re.search(r'<p class="kern-error" id="id_happened_on_error">(.*?)</p>', html, re.S)
    assert error and escape(message) in error.group(1)
    # the input is kept (text in another script too) and the form still posts to this language
    assert "Im Bus beleidigt – في الحافلة</textarea>" in html
    assert f'value="{future}"' in html
    assert f'<html lang="{BY_CODE[code].html}"' in html


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_a_missing_field_is_named_in_the_language(world, client, code):
    data = _form(world)
    del data["description"]
    html = client.post(_url("report", code), data).content.decode()
    error = re.search(r'<p class="kern-error" id="id_description_error">(.*?)</p>', html, re.S)
    with translation.override(code):
        required = translation.gettext("This field is required.")
    assert error and escape(required) in error.group(1)
    assert "Dieses Feld ist zwingend erforderlich." not in html
    if code == "de-ls":
        assert required == "Bitte füllen Sie dieses Feld aus."


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_valid_report_leads_to_the_receipt_and_the_follow_up_in_the_language(world, client, code):
    language = BY_CODE[code]
    response = client.post(_url("report", code), _form(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language.html}" dir="{language.dir}">' in html
    code_text = re.search(r'data-testid="receipt-code"><strong>([0-9A-Z-]+)<', html).group(1)
    assert f'action="/diskriminierung-melden/{code}/bestaetigung.pdf"' in html
    assert f'href="/diskriminierung-melden/{code}/nachfrage/"' in html
    if code in CATALOG_LANGUAGES:
        assert _expected("Ihre Meldung ist eingegangen", code) in html

    # the PDF receipt in the language (its lang tag; the link to this language's follow-up)
    pdf = client.post(_url("receipt-pdf", code), {"code": code_text})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Language"] == language.html

    # the follow-up with the code, and an addition, stay in the language
    follow = client.post(_url("follow-up", code), {"code": code_text})
    assert follow.status_code == 200
    follow_html = follow.content.decode()
    assert f'<html lang="{language.html}"' in follow_html
    assert f'action="/diskriminierung-melden/{code}/nachfrage/ergaenzen/"' in follow_html
    added = client.post(_url("follow-up-add", code), {"code": code_text, "text": "Noch etwas."})
    assert added.status_code == 200
    if code in CATALOG_LANGUAGES:
        assert _expected("Ihre Ergänzung ist gespeichert.", code) in added.content.decode()


@pytest.mark.parametrize("code", ("ar", "de-ls"))
def test_the_pdf_receipt_is_written_in_the_language(world, client, code, tmp_path):
    import subprocess

    submitted = submit()
    pdf = client.post(_url("receipt-pdf", code), {"code": submitted.code}).content
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert submitted.code in text
    assert f"/diskriminierung-melden/{code}/nachfrage/" in "".join(text.split())
    if code == "de-ls":
        assert "Heben Sie den Code gut auf." in text
    import pikepdf

    with pikepdf.open(path) as document:
        assert str(document.Root.Lang) == BY_CODE[code].html


def test_a_wrong_code_is_refused_in_the_language(world, client):
    html = client.post(_url("follow-up", "tr"), {"code": "AAAA-BBBB"}).content.decode()
    error = re.search(r'<p class="kern-error" id="id_code_error">(.*?)</p>', html, re.S)
    assert error and _expected(
        "Zu diesem Code gibt es keine Meldung. Bitte prüfen Sie die Schreibweise.", "tr"
    ) in error.group(1)


# --- every string the pages render is translated ------------------------------------------------


def _catalog(code: str) -> dict[str, bool]:
    po = polib.pofile(str(ROOT / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"))
    return {
        entry.msgid: bool(entry.msgstr or all(entry.msgstr_plural.values()))
        for entry in po
        if not entry.obsolete
    }


def _django_translates(msgid: str, code: str) -> bool:
    """Django's own catalog for the language has the (English) message."""
    django_locale = Path(django.__file__).parent / "conf" / "locale"
    own = gettext_module.translation(
        "django", localedir=str(django_locale), languages=[to_locale(code)], fallback=True
    )
    return own.gettext(msgid) != msgid


def _render_every_public_page(client, world, code: str) -> str:
    """The form (empty, with every error the view can show at once), the receipt, the code page
    (also refused), the follow-up with messages of both sides, a closed report, the PDF's HTML."""
    pages = []

    def keep(response):
        pages.append(response.content.decode())
        return response

    keep(client.get(_url("report", code)))
    keep(client.post(_url("report", code), {}))
    keep(
        client.post(
            _url("report", code),
            _form(
                world,
                happened_on=(timezone.localdate() + timedelta(days=1)).isoformat(),
                contact_email="x",
                description="x" * 10_001,
                region="999999",
                grounds=["nope"],
            ),
        )
    )
    keep(client.post(_url("report", code), _form(world, contact_name="Ada")))
    keep(client.post(_url("report", code), _form(world, contact_consent="on")))
    response = keep(client.post(_url("report", code), _form(world)))
    code_text = re.search(
        r'data-testid="receipt-code"><strong>([0-9A-Z-]+)<', response.content.decode()
    ).group(1)
    keep(client.get(_url("follow-up", code)))
    keep(client.post(_url("follow-up", code), {"code": "ZZZZ-ZZZZ"}))
    keep(client.post(_url("follow-up-add", code), {"code": code_text, "text": "Noch etwas."}))
    keep(client.post(_url("follow-up-add", code), {"code": code_text, "text": ""}))
    from wirportal.antidiscrimination.models import Report

    report = Report.objects.latest("pk")
    services.staff_reply(report=report, text="Danke.", by=world.users["antidiscrimination"])
    for status in ReportStatus:
        Report.objects.filter(pk=report.pk).update(status=status)
        keep(client.post(_url("follow-up", code), {"code": code_text}))
    client.post(_url("receipt-pdf", code), {"code": code_text})
    pages.append(
        render_html(
            "antidiscrimination/receipt_pdf.html",
            {"code": code_text, "report": report, "site_url": "", "lang": BY_CODE[code]},
            language=code,
        )
    )
    return "\n".join(pages)


@pytest.mark.parametrize("code", CATALOG_LANGUAGES)
def test_every_string_the_pages_render_is_in_the_catalog(world, client, code, monkeypatch):
    """Records every message looked up while the pages render in `code`: each must be in the
    language's catalog with a translation, or be one of Django's own messages that Django
    translates itself (not for Leichte Sprache: ordinary German is no Leichte Sprache). A new
    German string on these pages without a translation fails here."""
    looked_up: dict[str, str] = {}
    original_gettext = trans_real.DjangoTranslation.gettext
    original_ngettext = trans_real.DjangoTranslation.ngettext

    def gettext(self, message):
        result = original_gettext(self, message)
        if self.language() == code:
            looked_up[message] = result
        return result

    def ngettext(self, singular, plural, number):
        result = original_ngettext(self, singular, plural, number)
        if self.language() == code:
            looked_up[singular] = "%"  # always checked (a placeholder)
        return result

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext)
    html = _render_every_public_page(client, world, code)
    monkeypatch.undo()
    # what reached the pages (a lookup whose text is not shown, e.g. the start page cards of the
    # navigation, does not count); a text with a placeholder always counts
    shown = {
        message
        for message, result in looked_up.items()
        if "%" in result or "{" in result or result in html or escape(result) in html
    }

    catalog = _catalog(code)
    missing = sorted(
        message
        for message in shown
        if not catalog.get(message)
        and "\x04" not in message  # calendar names with a context (dates): Django's own
        and re.search(r"[^\W\d_]", message)  # punctuation (Django's label suffix ":")
        and not (code != "de-ls" and _django_translates(message, code))
        and not (code == "de-ls" and message in CALENDAR)
    )
    assert len(shown) > 80
    assert not missing, f"{code}: not translated: {missing}"


CALENDAR = {
    *[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    *["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


class _Text(HTMLParser):
    """The text of <main> in the page's own language (elements with another `lang` left out)."""

    VOID = {"br", "img", "input", "link", "meta", "hr", "source", "wbr"}

    def __init__(self, page_lang: str):
        super().__init__()
        self.stack: list[tuple[str, str, bool]] = []
        self.page_lang = page_lang
        self.texts: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self.stack[-1][1] if self.stack else self.page_lang)
        in_main = tag == "main" or (bool(self.stack) and self.stack[-1][2])
        self.stack.append((tag, lang, in_main))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if not self.stack:
            return
        _tag, lang, in_main = self.stack[-1]
        if in_main and lang == self.page_lang and re.search(r"[^\W\d_]{2}", text):
            self.texts.add(text)


def _texts(html: str, page_lang: str) -> set[str]:
    parser = _Text(page_lang)
    parser.feed(html)
    return parser.texts


# the same word in German and the language (and the reporter's own words posted in German)
SAME_WORDS = {"tr": {"Telefon"}, "uk": set(), "ar": set(), "fa": set()}
POSTED = {"Im Bus beleidigt – في الحافلة", "Noch etwas."}


@pytest.mark.parametrize("code", ("ar", "tr", "uk", "fa"))
def test_no_german_sentence_is_left_on_the_pages(world, client, code):
    """The German pages' text (form, errors, receipt, follow-up) does not appear on the pages in
    another language, except inside elements marked `lang="de"` (names of the units)."""
    pages = []
    for lang in ("de", code):
        url = (
            (lambda page: reverse(f"antidiscrimination:{page}"))
            if lang == "de"
            else (lambda page, lang=lang: _url(page, lang))
        )
        html = client.get(url("report")).content.decode()
        html += client.post(url("report"), {}).content.decode()
        receipt = client.post(url("report"), _form(world)).content.decode()
        code_text = re.search(r'data-testid="receipt-code"><strong>([0-9A-Z-]+)<', receipt).group(1)
        client.post(url("follow-up-add"), {"code": code_text, "text": "Noch etwas."})
        html += receipt + client.post(url("follow-up"), {"code": code_text}).content.decode()
        html += client.get(url("follow-up")).content.decode()
        pages.append(_texts(html, BY_CODE[lang].html))
    german, translated = pages
    left = sorted(translated & german - SAME_WORDS[code] - POSTED)
    assert not left, f"{code}: German left on the page: {left}"


def test_the_placeholders_of_every_translation_match_the_source():
    pattern = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for code in CATALOG_LANGUAGES:
        po = polib.pofile(str(ROOT / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"))
        for entry in po:
            wanted = set(pattern.findall(entry.msgid))
            if entry.msgid_plural:
                for form in entry.msgstr_plural.values():
                    assert set(pattern.findall(form)) <= wanted, (code, entry.msgid, form)
            else:
                assert entry.msgstr, (code, entry.msgid)
                assert set(pattern.findall(entry.msgstr)) == wanted, (code, entry.msgid)
