"""In Chromium at 390 px, by keyboard: the applicant requests an early start from the draft
(a refused input stays, next to its field), the case worker consents in writing, the applicant
finds the letter. axe-clean on every page."""

from datetime import date

import pytest
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.applications.models import EarlyStartRequest, EarlyStartStatus

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_applicant_requests_early_start_and_case_worker_consents(
    draft, world, live_server, browser
):
    failures: list[str] = []
    applicant = login_context(browser, live_server, world.users["applicant_a"])
    page = applicant.new_page()
    page.set_viewport_size(PHONE)
    csp = watch_csp(page)
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    check_page(page, failures, "editor")
    page.get_by_label("Projekttitel").fill("Sprachcafé am Nachmittag")
    button = page.get_by_role("button", name="Vorzeitigen Maßnahmebeginn beantragen")
    button.focus()
    page.keyboard.press("Enter")  # saves the draft, then opens the request form
    page.wait_for_url("**/vorzeitiger-beginn/")
    assert page.get_by_label("Projekttitel").input_value() == "Sprachcafé am Nachmittag"
    check_page(page, failures, "request form")

    # by keyboard: the title is there, the date, then the contracts but no reasons
    page.get_by_label("Gewünschter Beginn").fill("2027-01-04")
    page.get_by_label("Verträge, die vor der Bewilligung geschlossen werden sollen").focus()
    page.keyboard.type("Honorarvertrag Kursleitung, 4.800 €")
    page.get_by_role("button", name="Antrag auf vorzeitigen Maßnahmebeginn stellen").focus()
    page.keyboard.press("Enter")
    page.locator("#id_reasons_error").wait_for()
    assert page.get_by_label(
        "Verträge, die vor der Bewilligung geschlossen werden sollen"
    ).input_value() == ("Honorarvertrag Kursleitung, 4.800 €")
    assert page.get_by_label("Gewünschter Beginn").input_value() == "2027-01-04"
    check_page(page, failures, "request form with error")
    page.get_by_label("Begründung").focus()
    page.keyboard.type("Der Kurs beginnt mit dem Schulhalbjahr.")
    page.get_by_role("button", name="Antrag auf vorzeitigen Maßnahmebeginn stellen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/bearbeiten/")
    request = EarlyStartRequest.objects.get()
    assert request.status == EarlyStartStatus.SENT
    assert page.locator("#early-start").get_by_text("Gestellt").is_visible()

    # the case worker decides, by keyboard, at 390 px
    worker = login_context(browser, live_server, world.users["case_worker"])
    staff = worker.new_page()
    staff.set_viewport_size(PHONE)
    staff_csp = watch_csp(staff)
    staff.goto(live_server.url + reverse("applications:early-start-list"))
    check_page(staff, failures, "list")
    staff.get_by_role("link", name="Sprachcafé am Nachmittag").focus()
    staff.keyboard.press("Enter")
    staff.wait_for_url(f"**/vorzeitiger-beginn/{request.pk}/")
    check_page(staff, failures, "detail")
    staff.get_by_label("Dem vorzeitigen Maßnahmebeginn zustimmen").focus()
    staff.keyboard.press("Space")
    staff.get_by_label("Zugestimmter Beginn (bei Zustimmung)").fill("2027-01-04")
    staff.get_by_role("button", name="Entscheidung speichern und Schreiben versenden").focus()
    staff.keyboard.press("Enter")
    staff.get_by_role("link", name="Zustimmung zum vorzeitigen Maßnahmebeginn").wait_for()
    check_page(staff, failures, "decided")
    request.refresh_from_db()
    assert request.status == EarlyStartStatus.APPROVED
    assert request.approved_start == date(2027, 1, 4)
    assert request.decided_on == date(2026, 11, 25)

    # the applicant finds the letter and downloads it
    page.goto(live_server.url + reverse("applications:early-start-detail", args=[request.pk]))
    link = page.get_by_role("link", name="Zustimmung zum vorzeitigen Maßnahmebeginn")
    with page.expect_download() as download:
        link.focus()
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    check_page(page, failures, "early start detail (applicant)")
    assert not failures, "\n".join(failures)
    assert not csp and not staff_csp, (csp, staff_csp)


def test_keyboard_user_declares_other_funding_and_keeps_every_row(
    draft, world, live_server, browser
):
    from wirportal.applications.models import Application, OtherFunding

    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    page.set_viewport_size(PHONE)
    csp = watch_csp(page)
    failures: list[str] = []
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    page.locator("#ofd-angegeben").focus()
    page.keyboard.press("Space")
    add = page.get_by_role("button", name="Andere Förderung hinzufügen")
    rows = [("Stiftung Miteinander", "3.000,00"), ("Landkreis", "1.250,50")]
    add.focus()
    for number, (funder, amount) in enumerate(rows, start=1):
        assert "Andere Förderung hinzufügen" in page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter")
        page.locator("#other-rows tr").nth(number - 1).wait_for()
        assert page.evaluate("document.activeElement.closest('#other-rows') !== null")
        page.keyboard.type(funder)
        page.keyboard.press("Tab")
        page.keyboard.type(amount)
        page.keyboard.press("Tab")  # status
        page.keyboard.press("Tab")  # the date input: day, month and year are stops of their own
        for _stop in range(4):
            if page.evaluate("document.activeElement.tagName") == "BUTTON":
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Zeile entfernen"
        page.wait_for_timeout(1200)  # a pause on the remove button: saved, nothing removed
        page.keyboard.press("Tab")
    page.wait_for_function(
        "() => document.getElementById('draft').dataset.autosaveState === 'saved'", timeout=15000
    )
    assert Application.objects.get(pk=draft.pk).other_funding_declaration == "angegeben"
    saved = list(OtherFunding.objects.filter(application=draft).values_list("funder", "amount"))
    assert [(f, str(a)) for f, a in saved] == [
        ("Stiftung Miteinander", "3000.00"),
        ("Landkreis", "1250.50"),
    ]
    page.reload()
    assert page.locator("#ofd-angegeben").is_checked()
    check_page(page, failures, "editor with other funding")
    assert not failures, "\n".join(failures)
    assert not csp, csp
