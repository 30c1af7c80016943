"""The IKÖ self-check in Chromium, keyboard only: a coordinator answers a field, submits the
self-check and sees the profile; axe finds nothing on each IKÖ page at 1280 and 390 px."""

import pytest
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.opening.models import Answer, Indicator

from . import factories

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


def test_coordinator_answers_submits_and_sees_the_profile_by_keyboard(world, live_server, browser):
    check = factories.self_check(world["office_x"], 2026)
    factories.self_check(world["office_x"], 2025, submitted=True, rating=1)
    first = check.questionnaire.fields.order_by("position").first()
    # every other field answered already (by colleagues)
    Answer.objects.bulk_create(
        Answer(self_check=check, indicator=i, rating=2, answered_at=check.created_at)
        for i in Indicator.objects.filter(field__questionnaire=check.questionnaire).exclude(
            field=first
        )
    )
    context = login_context(browser, live_server, world.users["coordinator_x"])
    page = context.new_page()
    csp = watch_csp(page)
    page.goto(live_server.url + reverse("opening:check-detail", kwargs={"pk": check.pk}))
    page.get_by_role("link", name=first.name).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/felder/{first.code}/")
    for indicator in first.indicators.all():
        page.locator(f"input[name='rating_{indicator.pk}'][value='3']").focus()
        page.keyboard.press("Space")
    evidence = page.locator(f"textarea[name='evidence_{first.indicators.first().pk}']")
    evidence.focus()
    page.keyboard.type("Leitbild vom Magistrat beschlossen")
    page.wait_for_selector("form[data-autosave-state='saved']", timeout=15000)
    assert Answer.objects.get(self_check=check, indicator=first.indicators.first()).rating == 3
    page.get_by_role("button", name="Speichern und zurück").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("button", name="Selbstcheck abschließen").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Der Selbstcheck ist abgeschlossen." in page.content()
    table = page.get_by_role("region", name="Profil je Handlungsfeld")
    row = table.get_by_role("row", name=first.name)
    assert "3,0" in row.inner_text() or "3.0" in row.inner_text()
    assert "1.0" in row.inner_text() or "1,0" in row.inner_text()  # 2025 beside it
    assert page.locator("svg[role='img']").count() == 1
    check.refresh_from_db()
    assert check.status == "submitted"
    assert Answer.objects.get(self_check=check, indicator=first.indicators.first()).evidence
    context.close()
    assert not csp, csp


def _pages(world, check, earlier, measure, draft):
    office = world["office_x"]
    field = check.questionnaire.fields.order_by("position").first()
    coordinator = [
        reverse("opening:index"),
        reverse("opening:check-detail", kwargs={"pk": check.pk}),
        reverse("opening:check-detail", kwargs={"pk": earlier.pk}),
        reverse("opening:field-edit", kwargs={"pk": check.pk, "code": field.code}),
        reverse("opening:evidence-upload", kwargs={"pk": check.pk, "code": field.code}),
        reverse("opening:contributor-invite", kwargs={"pk": check.pk}),
        reverse("opening:check-visibility", kwargs={"pk": check.pk}),
        reverse("opening:plan", kwargs={"pk": check.pk}),
        reverse("opening:measure-edit", kwargs={"pk": measure.pk}),
        reverse("opening:progress", kwargs={"slug": office.slug}),
        reverse("opening:comparison"),
        reverse("dashboards:start"),
    ]
    draft_field = draft.fields.order_by("position").first()
    staff = [
        reverse("opening:comparison"),
        reverse("opening:questionnaire-list"),
        reverse("opening:questionnaire-detail", kwargs={"pk": draft.pk}),
        reverse("opening:questionnaire-detail", kwargs={"pk": check.questionnaire_id}),
        reverse("opening:action-field-edit", kwargs={"pk": draft_field.pk}),
        reverse("opening:indicator-add", kwargs={"pk": draft_field.pk}),
        reverse("opening:indicator-edit", kwargs={"pk": draft_field.indicators.first().pk}),
        reverse("opening:check-detail", kwargs={"pk": earlier.pk}),
    ]
    return {"coordinator_x": coordinator, "programme_staff": staff}


def test_every_ikoe_page_passes_axe_at_1280_and_390(world, live_server, browser):
    from datetime import date

    from wirportal.opening import services

    earlier = factories.self_check(world["office_x"], 2025, submitted=True, rating=2)
    factories.self_check(world["office_y"], 2025, submitted=True, rating=3, named=True)
    factories.self_check(world["office_x"], 2024, submitted=True, rating=1)
    check = factories.self_check(world["office_x"], 2026)
    measure = factories.measure(earlier, deadline=date(2025, 6, 1))
    draft = services.questionnaire_new_version(by=world.users["programme_staff"])
    failures = []
    for role, paths in _pages(world, check, earlier, measure, draft).items():
        context = login_context(browser, live_server, world.users[role])
        page = context.new_page()
        csp = watch_csp(page)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status < 400, (role, path)
            check_page(page, failures, f"{role} {path}", sizes=SIZES)
        context.close()
        assert not csp, csp
    assert not failures, "\n".join(failures)
